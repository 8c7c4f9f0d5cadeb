// `autopilot-sim sweep` on a terminal of 80, 100 or 120 columns: its table and sentences fit (the table was 141 columns
// wide, so a terminal wrapped every row of it). Piped, it is drawn as before.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function sweep(columns: number): Promise<string[]> {
  // The table takes the terminal's width from the environment, as on a terminal of that width.
  const saved = process.env.COLUMNS;
  process.env.COLUMNS = String(columns);
  const out: string[] = [];
  try {
    const code = await run(['sweep', 'user-driven-entra', '--vary', 'apps=4..24:10', '--devices', '300'], { out: (s) => out.push(s), err: () => {}, columns });
    expect(code).toBe(0);
  } finally {
    if (saved === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = saved;
  }
  return plain(out.join('\n')).split('\n');
}

describe('sweep on a terminal', () => {
  for (const columns of [80, 100, 120]) {
    it(`fits ${columns} columns`, async () => {
      const lines = await sweep(columns);
      for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(columns);
      expect(lines.some((l) => /│ 24 /.test(l))).toBe(true);
    });
  }
});

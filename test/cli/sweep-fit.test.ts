// `autopilot-sim sweep` on a terminal of 80, 100 or 120 columns: its table and sentences fit (the table was 141 columns
// wide, so a terminal wrapped every row of it), and the top failure reads whole: in a column of 11 to 19 a cause took up
// to 20 lines a row and lost the ends of its longer words ('Microso…'). Piped, it is drawn as before.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function sweep(columns: number | undefined): Promise<string[]> {
  // The table takes the terminal's width from the environment, as on a terminal of that width.
  const saved = process.env.COLUMNS;
  process.env.COLUMNS = String(columns ?? 100);
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
      // Nothing cut, and no row of the table taller than four lines.
      expect(lines.filter((l) => l.includes('…'))).toEqual([]);
      const rows = lines.join('\n').split(/\n[├└].*\n/).slice(1, -1);
      for (const row of rows) expect(row.split('\n').length, row).toBeLessThanOrEqual(4);
      // Each value's top failure, in its column or in a line under the table.
      const failure = lines.findIndex((l) => l.includes('ESP_TIMEOUT in ESP: device setup'));
      expect(failure).toBeGreaterThan(0);
    });
  }

  it('piped, the table has its success bar and its top failure column', async () => {
    const lines = await sweep(undefined);
    expect(lines.some((l) => /^│ number of apps │ success │ +│ 95% CI +│ p50 min │ p90 min │ end user +│ top failure +│$/.test(l))).toBe(true);
    expect(lines.some((l) => /^│ 24 +│ [\d.]+% +│ █+ +│/.test(l))).toBe(true);
  });
});

// `autopilot-sim compare` on a terminal of 80, 100 or 120 columns: its tables and sentences fit (at 80 the figures' table
// ran to 82 columns and the site table to 97, at 100 the site table to 105; the warnings and the failure lines are some
// 300 characters, which the terminal broke inside words at its edge). Piped, it is drawn as before.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function compare(columns: number | undefined): Promise<string[]> {
  const out: string[] = [];
  // A fleet with sites (so a site table), a saturated link (a warning) and two failure modes a run.
  const code = await run(['compare', 'fleets/branch-rollout', '--scenarios', 'user-driven,existing-devices', '--devices', '300'], { out: (s) => out.push(s), err: () => {}, columns });
  expect(code).toBe(0);
  return plain(out.join('\n')).split('\n');
}

describe('compare on a terminal', () => {
  for (const columns of [80, 100, 120]) {
    it(`fits ${columns} columns, a sentence folded under its first word`, async () => {
      const lines = await compare(columns);
      for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(columns);
      const warning = lines.findIndex((l) => l.startsWith("⚠ A: Branch C's link is saturated"));
      expect(warning).toBeGreaterThan(0);
      expect(lines[warning + 1]).toMatch(/^ {2}\S/);
      // Every site is in its table, with its devices.
      for (const site of ['Head office', 'Branch A', 'Branch B', 'Branch C']) expect(lines.some((l) => l.includes(`│ ${site}`)), site).toBe(true);
      expect(lines.some((l) => /│ Branch C \(\d+\)/.test(l) || /│ Branch C +│ \d+ /.test(l))).toBe(true);
    });
  }

  it('piped, each sentence is one line and the site table keeps its devices column', async () => {
    const lines = await compare(undefined);
    expect(lines.some((l) => l.startsWith("⚠ A: Branch C's link is saturated") && l.endsWith('fix that first.'))).toBe(true);
    expect(lines.some((l) => /^│ site +│ devices +│ success +│ success +│ B − A/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith("A's failures: ESP_TIMEOUT") && l.length > 200)).toBe(true);
  });
});

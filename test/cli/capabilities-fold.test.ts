// `autopilot-sim capabilities --explain` on a terminal: each cell's reason (up to some 390 characters) folds at spaces
// under its first word, where the terminal broke it inside words at its edge. Piped, each is one line.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function explain(columns: number | undefined): Promise<string[]> {
  const out: string[] = [];
  // A few generated environments: the reasons' words are what is checked, not the cells.
  await run(['capabilities', '--explain', '--runs', '5'], { out: (s) => out.push(s), err: () => {}, columns });
  const lines = plain(out.join('\n')).split('\n');
  // The reasons follow the table and its summary.
  return lines.slice(lines.findIndex((l) => l.startsWith('- ')));
}

describe('capabilities --explain on a terminal', () => {
  it('folds each reason to 80 columns under its first word; piped, one line each', async () => {
    const folded = await explain(80);
    for (const l of folded) expect(l.length, l).toBeLessThanOrEqual(80);
    const reason = folded.findIndex((l) => l.startsWith('- device-preparation · Registered as Autopilot device'));
    expect(folded[reason + 1]).toMatch(/^ {2}\S/);
    const piped = await explain(undefined);
    expect(piped.some((l) => l.startsWith('- device-preparation · Registered as Autopilot device') && l.endsWith('is not registered'))).toBe(true);
  });
});

describe('capabilities --json --explain', () => {
  it("gives each cell's derivation as its why, the terminal's reason word for word", async () => {
    const out: string[] = [];
    const code = await run(['capabilities', '--json', '--explain', '--runs', '5'], { out: (s) => out.push(s), err: () => {} });
    // Five environments may leave a cell underived (exit 1): what is checked is that each says why.
    expect([0, 1]).toContain(code);
    const cells = JSON.parse(out.join('')) as Array<{ scenario: string; capability: string; derived: string; why: string }>;
    expect(cells).toHaveLength(54);
    for (const c of cells) expect(c.why, `${c.scenario} · ${c.capability}`).toMatch(/\S/);
    const lines = await explain(undefined);
    for (const c of cells) expect(lines).toContain(`- ${c.scenario} · ${c.capability}: ${c.derived}, because ${c.why}`);
  });
});

// An error or a note on a terminal's standard error folds at spaces, the continuations indented: some name every field
// or fault there is (300 characters and more), which the terminal broke inside words at its edge. Piped, one line.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function errors(argv: string[], errColumns: number | undefined): Promise<{ code: number; lines: string[] }> {
  const err: string[] = [];
  const code = await run(argv, { out: () => {}, err: (s) => err.push(s), errColumns });
  return { code, lines: plain(err.join('\n')).split('\n') };
}

describe('errors and notes on a terminal', () => {
  it.each([
    ['a fleet file given to simulate', ['simulate', 'fleets/branch-rollout'], 2, /^autopilot-sim: scenarios\/fleets\/branch-rollout\.yaml: expected a scenario file/],
    ['a fault that does not exist', ['play', 'self-deploying', '--auto', '--inject', 'gremlins'], 2, /^autopilot-sim: --inject: no fault "gremlins"; the faults:/],
    ['a note on a compared scenario', ['compare', 'fleets/branch-rollout', '--scenarios', 'user-driven,self-deploying', '--devices', '50'], 0, /^note: self-deploying has no hybrid path/],
  ] as const)('%s: folded to 80 columns; piped, one line', async (_, argv, code, first) => {
    const folded = await errors([...argv], 80);
    expect(folded.code).toBe(code);
    expect(folded.lines[0]).toMatch(first);
    expect(folded.lines.length).toBeGreaterThan(1);
    for (const l of folded.lines) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(folded.lines[1]).toMatch(/^ {2}\S/);
    const piped = await errors([...argv], undefined);
    expect(piped.lines).toEqual([folded.lines.map((l) => l.trim()).join(' ')]);
  });
});

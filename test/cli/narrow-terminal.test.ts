// Every command on a split pane of 60 to 79 columns: every line fits, tables narrowing or turning into lines, prose folded
// at spaces (at 60-70 columns compare's figures ran to 74, recommend's ranking to 78, sweep's table to 68, run's shared
// resources to 75, the help's list of commands to 167, where commander gave up folding). Nothing is cut ('…'), no line
// starts with a separator ('·'), and no U+00A0 is left for a copy into a document. The one line allowed wider is a single
// name longer than the pane (a bundled file of 63-74 characters; with the separator after it), kept whole so that it
// still copies as one word.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

const COMMANDS: string[][] = [
  ['--help'],
  ['run', '--help'],
  ['sweep', '--help'],
  ['calibrate', '--help'],
  ['play', '--help'],
  ['scenarios', '--all'],
  ['validate', 'user-driven-entra', 'fleets/branch-rollout'],
  ['simulate', 'failures/device-preparation-local-admin-conflict'],
  ['simulate', 'fleets/branch-rollout', '--device', '5'],
  ['run', 'fleets/branch-rollout', '--devices', '300'],
  ['compare', 'fleets/branch-rollout', '--scenarios', 'user-driven,existing-devices', '--devices', '200'],
  ['sweep', 'user-driven-entra', '--vary', 'apps=4..24:10', '--devices', '200'],
  ['recommend', 'fleets/kiosks-and-vms', '--devices', '200'],
  ['capabilities', '--runs', '2'],
  ['coverage', '--spec'],
  ['calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', '--check'],
];

// fleet.ts's tables read the terminal's width from the process, as on a terminal of that width.
let saved: string | undefined;
beforeAll(() => void (saved = process.env.COLUMNS));
afterAll(() => {
  if (saved === undefined) delete process.env.COLUMNS;
  else process.env.COLUMNS = saved;
});

async function output(argv: string[], columns: number): Promise<string> {
  process.env.COLUMNS = String(columns);
  const out: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => out.push(s), columns, errColumns: columns });
  // capabilities on two runs a variant: a cell or two may disagree with Microsoft's table (exit 1).
  expect(code, argv.join(' ')).toBe(argv[0] === 'capabilities' ? code && 1 : 0);
  return out.join('\n');
}

describe('a split pane of 60-79 columns', () => {
  for (const columns of [60, 67, 73, 79]) {
    it(`every command fits ${columns} columns`, async () => {
      for (const argv of COMMANDS) {
        const text = await output(argv, columns);
        const where = `${argv.join(' ')} at ${columns}`;
        expect(text, where).not.toContain('\u00a0');
        for (const l of plain(text).split('\n')) {
          if (l.length > columns) expect(l.trim(), `${where}: a line over the width that is not one name`).toMatch(/^\S+( ·)?$/);
          expect(l, where).not.toMatch(/^\s*·/);
          // A table cuts a word longer than its column with '…' (the notes' own text has some).
          expect(l, where).not.toMatch(/│[^│]*…/);
        }
      }
    }, 120_000);
  }
});

describe('a mistake on a split pane', () => {
  it('is said in lines that fit 60 columns, exit 2 (the pointer to a command\'s help ran to 68)', async () => {
    for (const argv of [
      ['simulate', 'user-driven-entra', '--bogus'],
      ['recommend'],
      ['calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', '--device-apps'],
      ['compare', 'fleets/new-laptops', '--scenarios', 'user-driven,preprovisioned'],
      ['run', 'fleets/branch-rolout'],
    ]) {
      const err: string[] = [];
      const code = await run(argv, { out: () => {}, err: (s) => err.push(s), columns: 60, errColumns: 60 });
      expect(code, argv.join(' ')).toBe(2);
      for (const l of plain(err.join('\n')).split('\n')) expect(l.length, `${argv.join(' ')}: ${l}`).toBeLessThanOrEqual(60);
    }
  });
});

// Exit codes as scripts and CI read them: 0 ok, 1 only for a problem the command found (a
// threshold not met), 2 a usage or input error, 70 a fault of the program itself.
import { describe, expect, it } from 'vitest';
import { EXIT, handleError } from '../../src/cli/program.ts';
import { cli } from '../helpers/cli.ts';

describe('exit codes', () => {
  it('a threshold not met is 1; typos in a command or an option, a missing file are 2', async () => {
    expect((await cli('run', 'failures/self-deploying-vm', '--devices', '20', '--fail-under', 'success=0.5')).code).toBe(1);
    expect((await cli('run', 'self-deploying', '--devices', '20', '--fail-under', 'success=0.5')).code).toBe(0);
    for (const argv of [['simulate', 'self-deploying', '--inspect', '--json'], ['simulat', 'self-deploying'], ['simulate', 'self-deploying', '--seeed', '3'], ['simulate', 'no-such-scenario'], ['play', 'self-deploying', '--speed', '10']]) {
      expect((await cli(...argv)).code, argv.join(' ')).toBe(2);
    }
  });

  it('an internal error is 70 with one line naming it, not the 1 of a threshold not met', async () => {
    const err: string[] = [];
    const code = await handleError(new TypeError('boom'), { out: () => {}, err: (s) => err.push(s) });
    expect(code).toBe(70);
    expect(code).toBe(EXIT.internal);
    expect(err.join('\n')).toMatch(/^autopilot-sim: internal error: TypeError: boom/);
  });
});

describe('no option is ignored', () => {
  it('--no-narration with --json leaves the narration out of the JSON; capabilities and coverage refuse options their output would not use', async () => {
    const full = JSON.parse((await cli('simulate', 'self-deploying', '--json')).out);
    const bare = JSON.parse((await cli('simulate', 'self-deploying', '--json', '--no-narration')).out);
    expect(full.trace[0].narration).toMatch(/NCSI/);
    expect(bare.trace.some((t: object) => 'narration' in t)).toBe(false);
    expect(bare.trace.length).toBe(full.trace.length);
    expect(bare.outcome).toEqual(full.outcome);
    for (const argv of [['capabilities', '--markdown', '--explain'], ['capabilities', '--json', '--markdown'], ['coverage', '--spec', '--seed', '3']]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(/^autopilot-sim: --(explain|json|seed)/);
    }
  });
});

// A file that sets nothing (empty, only comments, only a name) is the default environment by design
// (test/environment/load.test.ts holds that it loads), and every fleet command says so on standard error: an empty file,
// a template left unfilled or a process substitution that gave nothing ran 1,000 devices without a word.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('empty-fleet-');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const NOTE = /^note: \S+ sets nothing \(no scenario, environment, sites or groups\), so it runs the default environment: /;

describe('a file that sets nothing', () => {
  it('run says it runs the default environment, with the size and what the defaults are; its report is the default one', async () => {
    const empty = file('empty.yaml', '');
    const r = await cli('run', empty, '--devices', '40', '--json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(NOTE);
    expect(r.err).toContain('40 user-driven devices with Microsoft Entra join, TPM 2.0, 3 apps (Company Portal, Microsoft 365 Apps, VPN client)');
    // The same report a file that writes the default out gives, which has no note.
    const written = await cli('run', file('written.yaml', 'scenario: user-driven\n'), '--devices', '40', '--json');
    expect(written.err).toBe('');
    expect(JSON.parse(r.out).successRate).toBe(JSON.parse(written.out).successRate);
    expect(JSON.parse(r.out).timeToDesktop).toEqual(JSON.parse(written.out).timeToDesktop);
  });

  it('only comments, only a name, or {} in JSON: the same note, in run, validate, compare, sweep and recommend', async () => {
    const files = [file('comments.yaml', '# our fleet\n# TODO\n'), file('named.yaml', 'name: Pilot\ndescription: to do\n'), file('braces.json', '{}\n')];
    for (const f of files) {
      for (const argv of [
        ['run', f, '--devices', '10'],
        ['validate', f],
        ['compare', f, '--scenarios', 'user-driven,self-deploying', '--devices', '10'],
        ['compare', f, file('other.yaml', 'scenario: user-driven\n'), '--devices', '10'],
        ['sweep', f, '--vary', 'apps=2,3', '--devices', '10'],
        ['recommend', f, '--devices', '10'],
      ]) {
        const r = await cli(...argv);
        expect(r.code, argv.join(' ')).toBe(0);
        expect(r.err, argv.join(' ')).toMatch(NOTE);
        expect(r.err.split('\n').filter((l) => l.startsWith('note: ') && l.includes('sets nothing')), argv.join(' ')).toHaveLength(1);
      }
    }
    // compare --scenarios runs each scenario: the note does not name the default one.
    const both = await cli('compare', files[0]!, '--scenarios', 'user-driven,self-deploying', '--devices', '10');
    expect(both.err).toContain('default environment: 10 devices with Microsoft Entra join');
    // Two files are paired at the first one's size: the second's note says that size.
    const paired = await cli('compare', file('sized.yaml', 'devices: 12\nscenario: user-driven\n'), files[0]!);
    expect(paired.err).toContain('default environment: 12 user-driven devices');
  });

  it('simulate and play say it too, of their one device, and play the default environment; simulate --device of the fleet', async () => {
    for (const f of [file('empty.yaml', ''), file('comments.yaml', '# our device\n'), file('braces.json', '{}\n')]) {
      for (const argv of [['simulate', f], ['simulate', f, '--json'], ['play', f, '--auto', '--speed', '1e9']]) {
        const r = await cli(...argv);
        expect(r.code, argv.join(' ')).toBe(0);
        expect(r.err, argv.join(' ')).toMatch(NOTE);
        expect(r.err, argv.join(' ')).toContain('1 user-driven device with Microsoft Entra join, TPM 2.0, 3 apps (Company Portal, Microsoft 365 Apps, VPN client) (every default: schema/scenario.schema.json).');
      }
      // The same device a file that writes the default out plays, without a note.
      const written = await cli('simulate', file('written.yaml', 'scenario: user-driven\n'), '--json');
      expect(written.err).toBe('');
      expect(JSON.parse((await cli('simulate', f, '--json')).out).outcome).toEqual(JSON.parse(written.out).outcome);
      const replay = await cli('simulate', f, '--device', '3', '--devices', '20');
      expect(replay.code).toBe(0);
      expect(replay.err).toMatch(NOTE);
      expect(replay.err).toContain('20 user-driven devices');
    }
    expect((await cli('simulate', file('set.yaml', 'seed: 3\n'))).err).toBe('');
  });

  it('a file that sets anything a run reads gets no note', async () => {
    for (const text of ['seed: 3\n', 'scenario: user-driven\n', 'hardware: { tpm: "2.0" }\n', 'groups: [{ name: A, count: 5 }]\n', 'devices: 5\n']) {
      const r = await cli('run', file('set.yaml', text), '--devices', '5');
      expect(r.err, text).toBe('');
      expect((await cli('validate', file('set.yaml', text))).err, text).toBe('');
    }
  });
});

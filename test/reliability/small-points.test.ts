// Reliability, the smaller points: numbers JSON cannot name, the field's own limit before
// the safe-integer one, group counts that add up past the limit, options named in their
// messages, --vary values reported as numbers, "__proto__" anywhere, validation cost that
// does not multiply groups by sites, bundled names confined to scenarios/, and control
// characters escaped on their way to the terminal.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { terminalText } from '../../src/cli/terminal.ts';
import { RULES } from '../../src/environment/schema.ts';
import { parseFleet } from '../../src/fleet/load.ts';
import { cli, plainEnv, processRun } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-small-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function invalid(path: string): Promise<string> {
  const r = await cli('validate', path);
  expect(r.code, r.out).toBe(2);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  return r.err;
}

describe('numbers', () => {
  it('1e309, .inf and .nan are reported as what they are, not "got null"', async () => {
    expect(await invalid(file('inf.yaml', 'devices: 1e309\nsites: [{name: A}]\ngroups: [{name: G}]\n'))).toMatch(/devices: expected number, got Infinity/);
    expect(await invalid(file('inf2.yaml', 'scenario: user-driven\nesp: { timeoutMinutes: .inf }\n'))).toMatch(/esp\.timeoutMinutes: expected number, got Infinity/);
    expect(await invalid(file('nan.yaml', 'scenario: user-driven\nesp: { timeoutMinutes: .nan }\n'))).toMatch(/esp\.timeoutMinutes: expected number, got NaN/);
    for (const f of ['inf.yaml', 'inf2.yaml', 'nan.yaml']) expect(await invalid(join(dir, f))).not.toMatch(/got null/);
  });

  it('a count past the safe integers is held to the field\'s own limit (100,000,000)', async () => {
    const err = await invalid(file('big.yaml', 'devices: 9007199254740993\nsites: [{name: A}]\ngroups: [{name: G}]\n'));
    expect(err).toMatch(/devices: expected <= 100000000/);
    expect(err).not.toMatch(/9007199254740991/);
  });

  it('group counts that add up to more than 100,000,000 devices are refused', async () => {
    const err = await invalid(file('sum.yaml', 'sites: [{name: A}]\ngroups: [{name: G, count: 100000000}, {name: H, count: 100000000}]\n'));
    expect(err).toMatch(/groups: expected group counts that add up to at most 100000000 devices, got 200000000/);
  });
});

describe('options', () => {
  it('--devices and --runs name themselves in their message', async () => {
    for (const [argv, option] of [
      [['run', 'user-driven-entra', '--devices', '0'], '--devices'],
      [['compare', 'user-driven-entra', '--scenarios', 'user-driven,pre-provisioned', '--devices', 'x'], '--devices'],
      [['capabilities', '--runs', '0'], '--runs'],
    ] as Array<[string[], string]>) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^autopilot-sim: ${option}: expected a whole number from 1 to 100000000`));
    }
  });

  it('--vary esp.timeoutMinutes=0 says the value is out of range, not that a number was text', async () => {
    const r = await cli('sweep', 'user-driven-entra', '--vary', 'esp.timeoutMinutes=0', '--devices', '10');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/esp\.timeoutMinutes: expected >= 1, got 0/);
    expect(r.err).not.toMatch(/got "0"/);
  });

  it('--vary naming a site or group the file does not have is one line and exit 2, not an internal error', async () => {
    for (const [vary, message] of [
      ['sites.Nowhere.bandwidthMbps=25,50', /sites has no "Nowhere" \(expected one of Head office, Branch A, Branch B, Branch C\)/],
      ['groups.Nowhere.count=10,20', /groups has no "Nowhere" \(expected one of Laptops\)/],
      ['groups.Nowhere.share(hardware.kind=vm)=0,0.5', /groups has no "Nowhere"/],
      ['sites.Branch A=1,2', /expected a field of sites\.Branch A, such as bandwidthMbps/],
      ['rollout.devicesPerHour.x=1,2', /devicesPerHour is not an object/],
    ] as Array<[string, RegExp]>) {
      const r = await cli('sweep', 'fleets/branch-rollout', '--vary', vary, '--devices', '10');
      expect(r.code, vary).toBe(2);
      expect(r.err, vary).toMatch(new RegExp(`^autopilot-sim: --vary ${vary.replace(/[.()]/g, '\\$&')}: `));
      expect(r.err, vary).toMatch(message);
      expect(r.err, vary).not.toMatch(/internal error|\n\s+at /);
    }
  });

  it('--vary names a group or site as the file writes it, brackets and dots included (read as a field "groups[0].share(reset")', async () => {
    const fleet = file(
      'named.yaml',
      [
        'name: Named',
        'sites: [{ name: St. Gallen, bandwidthMbps: 100 }, { name: Zurich }]',
        'groups:',
        '  - { name: Lab desktops (reimage), count: 20 }',
        '  - { name: Laptops, count: 20 }',
        '',
      ].join('\n'),
    );
    const share = await cli('sweep', fleet, '--vary', 'groups.Lab desktops (reimage).share(hardware.kind=vm)=0,0.5', '--json');
    expect(share.code, share.err).toBe(0);
    expect(JSON.parse(share.out).field).toBe("share of Lab desktops (reimage)'s devices with hardware.kind=vm");
    const site = await cli('sweep', fleet, '--vary', 'sites.St. Gallen.bandwidthMbps=50,100', '--json');
    expect(site.code, site.err).toBe(0);
    expect(JSON.parse(site.out).rows.map((r: { value: number }) => r.value)).toEqual([50, 100]);
  });

  it('validate lists every wrong field of a file, each on its line, not only the first', async () => {
    const r = await cli('validate', file('many.yaml', 'scenario: user-drivn\nhardware: { tpm: 3, kind: pc }\nesp: { timeoutMinutes: -5 }\nnetwork: { internt: true }\n'));
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(5);
    for (const [i, field] of ['1: scenario', '2: hardware.kind', '2: hardware.tpm', '3: esp.timeoutMinutes', '4: network.internt: unknown field \\(did you mean "internet"'].entries()) expect(lines[i]).toMatch(new RegExp(`^invalid  .*many\\.yaml:${field}`));
    // A command stops at the first.
    const run = await cli('simulate', join(dir, 'many.yaml'));
    expect(run.err.trim().split('\n')).toHaveLength(1);
  });

  it('validate lists a fleet\'s wrong environment fields with its own wrong fields, not after they are fixed', async () => {
    // The group's hardware and ESP were named only once its count and the site's link were right.
    const text = 'groups:\n  - name: A\n    count: -3\n    environment:\n      hardware: { kind: virtual }\n      esp: { timeoutMinutes: 0 }\n    vary:\n      tpm: [{ share: 0.1, environment: { hardware: { tpm: 1.2 } } }]\nsites:\n  - { name: X, bandwidthMbps: 0 }\n';
    const r = await cli('validate', file('many-fleet.yaml', text));
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    for (const [i, field] of ['3: groups\\[0\\]\\.count', '5: groups\\[0\\]\\.environment\\.hardware\\.kind', '6: groups\\[0\\]\\.environment\\.esp\\.timeoutMinutes', "8: groups\\[0\\]\\.vary\\.tpm\\[0\\]\\.environment\\.hardware\\.tpm: .*write '1\\.2' in quotes", '10: sites\\[0\\]\\.bandwidthMbps'].entries()) {
      expect(lines[i], lines.join('\n')).toMatch(new RegExp(`^invalid  .*many-fleet\\.yaml:${field}`));
    }
    expect(lines).toHaveLength(5);
    // A command stops at the first.
    expect((await cli('run', join(dir, 'many-fleet.yaml'))).err.trim().split('\n')).toHaveLength(1);
  });

  it('invalid JSON names its line, and a comment in JSON says how to have one (YAML)', async () => {
    const comment = await invalid(file('comment.json', '{\n  "name": "x",\n  // our pilot\n  "scenario": "user-driven"\n}\n'));
    expect(comment).toMatch(/comment\.json:3: expected valid JSON \(.*\): JSON has no comments; write the file as YAML/);
    const block = await invalid(file('block.json', '{"name": "x", /* c */ "scenario": "user-driven"}'));
    expect(block).toMatch(/block\.json:1: expected valid JSON .*JSON has no comments/);
    const comma = await invalid(file('comma.json', '{\n  "name": "x",\n  "scenario": "user-driven",\n}\n'));
    expect(comma).toMatch(/comma\.json:4: expected valid JSON/);
    expect(comma).not.toMatch(/comments/);
  });

  it('a field that takes a few numbers says which, not that it wanted minutes', async () => {
    expect(await invalid(file('windows.yaml', 'scenario: user-driven\nos: { windows: "11" }\n'))).toMatch(/windows\.yaml:2: os\.windows: expected one of 10, 11, got "11"/);
    expect(await invalid(file('limit.yaml', 'scenario: device-preparation\nreadings: { devicePreparationAppLimit: 15 }\n'))).toMatch(/readings\.devicePreparationAppLimit: expected one of 25, 10, got 15$/m);
    expect(await invalid(file('duration.yaml', 'scenario: user-driven\napps: [{ name: A, installMinutes: ten }]\n'))).toMatch(/installMinutes: expected minutes as a number/);
  });
});

describe('"__proto__" is refused wherever it appears', () => {
  it('inside environment, a site, a group, in YAML and in JSON', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['env.yaml', 'sites: [{name: A}]\nenvironment: { __proto__: { scenario: reset } }\ngroups: [{name: G}]\n', /env\.yaml:2: __proto__: unknown field/],
      ['group.yaml', 'sites: [{name: A}]\ngroups:\n  - name: G\n    environment:\n      hardware: { __proto__: { tpm: "1.2" } }\n', /group\.yaml:5: __proto__: unknown field/],
      ['scenario.yaml', 'scenario: user-driven\nprofile: { __proto__: {} }\n', /scenario\.yaml:2: __proto__: unknown field/],
      ['env.json', '{"sites": [{"name": "A"}], "environment": {"__proto__": {"scenario": "reset"}}, "groups": [{"name": "G"}]}', /env\.json: environment\.__proto__: unknown field/],
      ['site.json', '{"sites": [{"name": "A", "environment": {"network": {"__proto__": 1}}}], "groups": [{"name": "G"}]}', /site\.json: sites\[0\]\.environment\.network\.__proto__: unknown field/],
    ];
    for (const [name, text, message] of cases) expect(await invalid(file(name, text)), name).toMatch(message);
  });
});

describe('validation cost', () => {
  it('3,000 plain groups and 1,000 plain sites (a 70 KB file) check the cross-field rules once per distinct pair, not 3,000,000 times', () => {
    const text = `devices: 10\nsites:\n${Array.from({ length: 1000 }, (_, i) => `  - {name: s${i}}\n`).join('')}groups:\n${Array.from({ length: 3000 }, (_, i) => `  - {name: g${i}}\n`).join('')}`;
    expect(text.length).toBeLessThan(75_000);
    const spy = vi.spyOn(RULES[0]!, 'check');
    try {
      const fleet = parseFleet('many.yaml', text);
      expect(fleet.groups).toHaveLength(3000);
      expect(spy.mock.calls.length).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('a rule broken by one group at one site is still found and named', () => {
    const text = `sites:\n  - {name: plain}\n  - {name: odd, environment: {profile: {joinType: hybrid}}}\ngroups:\n  - {name: laptops}\n  - {name: kiosks, environment: {scenario: self-deploying}}\n`;
    expect(() => parseFleet('one-bad.yaml', text)).toThrow(/one-bad\.yaml:3: sites\[1\]\.environment\.profile\.joinType \(group kiosks at site odd\): self-deploying supports Entra join only/);
  });
});

describe('bundled names stay in scenarios/', () => {
  it('a name that climbs out of the bundled folder is not read (and nothing of the file is quoted)', async () => {
    const climb = `fleets/${'../'.repeat(30)}etc/passwd`;
    for (const command of ['simulate', 'validate', 'run', 'studio']) {
      const r = await cli(command, climb);
      expect(r.code, command).toBe(2);
      expect(r.err, command).toMatch(/file not found/);
      expect(r.err, command).not.toMatch(/root:|nologin|expected valid YAML|unknown field/);
    }
    // A bundled name inside the folder still works.
    expect((await cli('validate', 'fleets/../self-deploying')).code).toBe(0);
  });

  it('a name as `scenarios` lists it (scenarios/failures/x.yaml) is the bundled file where that path is not there, as in an installed package', async () => {
    // From the project's folder, scenarios/failures/hybrid-no-dc (no .yaml) is no path: the installed package's case.
    const r = await cli('validate', 'scenarios/failures/hybrid-no-dc');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^ok +scenarios\/failures\/hybrid-no-dc\.yaml/);
  });
});

describe('control characters are escaped on their way to the terminal', () => {
  it('terminalText: escape sequences, bell, carriage return, C1 controls shown escaped; newline and tab kept; colour codes kept only when colour is on', () => {
    const text = 'a\x1b]0;title\x07b\x1b[2Jc\rd\x9be\tf\n\x1b[31mred\x1b[39m';
    expect(terminalText(text, false)).toBe('a\\x1b]0;title\\x07b\\x1b[2Jc\\x0dd\\x9be\tf\n\\x1b[31mred\\x1b[39m');
    expect(terminalText(text, true)).toBe('a\\x1b]0;title\\x07b\\x1b[2Jc\\x0dd\\x9be\tf\n\x1b[31mred\x1b[39m');
    expect(terminalText('plain ✓ text\n', false)).toBe('plain ✓ text\n');
  });

  it('a scenario name with escape sequences reaches the real terminal output escaped', async () => {
    const path = file('esc.yaml', 'name: "evil \\e]0;pwned\\a \\e[2J name"\nscenario: user-driven\n');
    const plain = await processRun(['simulate', path], plainEnv());
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('evil \\x1b]0;pwned\\x07 \\x1b[2J name');
    expect(plain.out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    const coloured = await processRun(['simulate', path, '--color'], plainEnv());
    expect(coloured.out).toContain('\\x1b]0;pwned\\x07 \\x1b[2J');
    expect(coloured.out.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    // An error that names the file quotes its path escaped too.
    const bad = file('bad\x1b[2J.yaml', 'scenario: sideways\n');
    const err = await processRun(['validate', bad], plainEnv());
    expect(err.code).toBe(2);
    expect(err.err).toContain('bad\\x1b[2J.yaml');
    expect(err.err).not.toContain('\x1b');
  }, 60_000);
});

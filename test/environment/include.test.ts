// `include:` in scenario and fleet files: an environment overlay merged under the including
// mapping (its own fields win, lists replace), relative to the including file; errors name the file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/environment/files.ts';
import { loadFleet } from '../../src/fleet/index.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('include-');
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
write('overlay.yaml', 'esp: { timeoutMinutes: 90 }\napps:\n  - { name: Tenant app, installMinutes: { fixed: 12 } }\ncalibrated: { steps: { deviceSetup: 1.5 } }\n');
write('network.yaml', 'network: { connection: wifi }\nesp: { timeoutMinutes: 45 }\n');

describe('include', () => {
  it('a scenario file: the overlay under its own fields, several overlays in order', () => {
    const one = readScenario(write('one.yaml', 'scenario: self-deploying\ninclude: overlay.yaml\n')).file;
    expect(one.scenario).toBe('self-deploying');
    expect(one.apps.map((a) => a.name)).toEqual(['Tenant app']);
    expect(one.esp.timeoutMinutes).toBe(90);
    expect(one.calibrated?.steps).toEqual({ deviceSetup: 1.5 });
    const own = readScenario(write('own.yaml', 'include: [overlay.yaml, network.yaml]\nesp: { timeoutMinutes: 30 }\napps: []\n')).file;
    expect(own.esp.timeoutMinutes).toBe(30);
    expect(own.apps).toEqual([]);
    expect(own.network.connection).toBe('wifi');
  });

  it('a fleet file: at its top (its environment), a group\'s, a site\'s', () => {
    const fleet = loadFleet(
      write(
        'fleet.yaml',
        'name: F\ndevices: 10\ninclude: network.yaml\nsites:\n  - { name: hq, environment: { include: overlay.yaml } }\ngroups:\n  - { name: a, environment: { scenario: self-deploying, include: overlay.yaml, esp: { timeoutMinutes: 20 } } }\n',
      ),
    );
    expect(fleet.environment).toMatchObject({ network: { connection: 'wifi' }, esp: { timeoutMinutes: 45 } });
    expect(fleet.sites[0]!.environment).toMatchObject({ apps: [{ name: 'Tenant app' }] });
    expect(fleet.groups[0]!.environment).toMatchObject({ scenario: 'self-deploying', esp: { timeoutMinutes: 20 }, calibrated: { steps: { deviceSetup: 1.5 } } });
  });

  it('a fleet file of devices, a rollout, shared services or goals and no sites or groups: its top-level include is its environment too', () => {
    // Any fleet field makes the file a fleet; only sites, groups and environment used to move the include under environment:,
    // so the overlay's esp read as the fleet's own field, refused as 'esp: unknown field' at line 1.
    for (const field of ['devices: 50', 'rollout: { windowHours: 10 }', 'sharedWorld: {}', 'goals: { leastEndUserTime: true }']) {
      const fleet = loadFleet(write('lone.yaml', `name: F\nscenario: user-driven\ninclude: network.yaml\n${field}\n`));
      expect(fleet.environment, field).toMatchObject({ network: { connection: 'wifi' }, esp: { timeoutMinutes: 45 } });
    }
  });

  it("a fleet file's top-level include beside its environment's own: both apply, the environment's last", () => {
    // The top one was dropped without a word: its wifi network and 45-minute ESP were not the fleet's.
    const fleet = loadFleet(write('both.yaml', 'name: F\ninclude: network.yaml\nenvironment:\n  include: overlay.yaml\nsites:\n  - { name: hq }\n'));
    expect(fleet.environment).toMatchObject({ network: { connection: 'wifi' }, esp: { timeoutMinutes: 90 }, apps: [{ name: 'Tenant app' }] });
  });

  it('errors: one line naming the file and the field', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['missing.yaml', 'include: nope.yaml\n', /missing\.yaml:1: include: expected a readable file, "nope\.yaml": file not found$/],
      ['self.yaml', 'include: self.yaml\n', /self\.yaml:1: include: "self\.yaml" includes itself/],
      ['number.yaml', 'include: 3\n', /number\.yaml:1: include: expected a file name or a list of file names$/],
      ['bad-piece.yaml', 'include: bad-overlay.yaml\n', /bad-overlay\.yaml:1: apps: expected a list of apps, each with its name \(such as - \{name: Teams, type: win32, sizeMb: 400\}\), got 3$/],
    ];
    write('bad-overlay.yaml', 'apps: 3\n');
    // A fleet's include, at its top or a group's, named where the file writes it and with its line: the top one read
    // 'environment.include' (a field the file does not have), and neither had a line.
    const fleet = 'name: F\nsites:\n  - { name: hq }\ngroups:\n  - name: a\n    environment:\n      include: nope.yaml\n';
    cases.push(['fleet-group.yaml', fleet, /fleet-group\.yaml:7: groups\[0\]\.environment\.include: expected a readable file, "nope\.yaml": file not found$/]);
    cases.push(['fleet-top.yaml', 'name: F\ninclude: nope.yaml\nsites:\n  - { name: hq }\n', /fleet-top\.yaml:2: include: expected a readable file, "nope\.yaml": file not found$/]);
    for (const [name, text, expected] of cases) {
      const r = await cli('validate', write(name, text));
      expect(r.code, name).toBe(2);
      expect(r.err.trim().split('\n'), name).toHaveLength(1);
      expect(r.err.trim(), name).toMatch(expected);
    }
  });
});

// An architect's mistakes in a fleet file written from the schema, or in a --vary: each is exit 2, names the file and
// line, the field and what the schema expected, and writes nothing (no --html, no --csv), whichever command reads it.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('architect-mistakes-');
const file = (name: string, text: string) => {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, text);
  return path;
};

const lines2 = (r: { err: string }) => r.err.trim().split('\n').map((l) => l.replace(/^invalid\s+\S+?:/, ''));

const MISTAKES: Array<[string, string, RegExp]> = [
  ['tpm', 'scenario: user-driven\nenvironment: { hardware: { tpm: 1.2 } }\n', /tpm\.yaml:2: environment\.hardware\.tpm: expected one of "none", "1\.2", "2\.0", "2\.0-in-1\.2-mode", "reduced-functionality", got 1\.2 \(a number\): write '1\.2' in quotes$/],
  ['bandwidth', 'sites:\n  - { name: HQ, share: 1, bandwith: 100 }\n', /bandwidth\.yaml:2: sites\[0\]\.bandwith: unknown field \(expected one of name, share, bandwidthMbps, internetVia, startHour, environment\)$/],
  ['site', 'sites:\n  - { name: HQ, share: 1 }\ngroups:\n  - { name: A, count: 10, sites: { Head office: 1 } }\n', /site\.yaml:4: groups\[0\]\.sites\.Head office: expected one of the sites \(HQ\), got "Head office"$/],
  ['incident', 'sharedWorld:\n  incident: { service: entra, startHour: 5, endHour: 2, failureShare: 0.5 }\n', /incident\.yaml:2: sharedWorld\.incident\.endHour: expected endHour >= startHour \(5\)$/],
  ['hub', 'sites:\n  - { name: HQ, bandwidthMbps: 200 }\n  - { name: Branch, internetVia: Head office }\n', /hub\.yaml:3: sites\[1\]\.internetVia: expected the name of another site, whose link the downloads cross \(HQ\), got "Head office"$/],
  ['count', 'groups:\n  - { name: Laptops, count: 12.5 }\n', /count\.yaml:2: groups\[0\]\.count: expected a whole number, got 12\.5$/],
  ['empty', 'name: Empty\nsites: []\n', /empty\.yaml:2: sites: expected at least 1 item, got an empty list$/],
  ['yes', 'sites:\n  - { name: Shop, environment: { hybrid: { dcLineOfSight: no } } }\n', /yes\.yaml:2: sites\[0\]\.environment\.hybrid\.dcLineOfSight: expected boolean, got "no" \(text\): write false$/],
  // A VM's memory as a hypervisor writes it: 'expected number, got "4GB"', no word of the unit the field's name says.
  ['memory', 'scenario: user-driven\nenvironment: { hardware: { kind: vm, vCpus: 2, memoryGb: 4GB } }\n', /memory\.yaml:2: environment\.hardware\.memoryGb: expected number, got "4GB" \(text with a unit\): write 4, in GB as the field's name says$/],
  ['vary', 'groups:\n  - name: A\n    count: 10\n    vary:\n      tpm:\n        - { share: 0.7, environment: { hardware: { tpm: "1.2" } } }\n        - { share: 0.5, environment: { hardware: { kind: vm } } }\n', /vary\.yaml:\d+: groups\[0\]\.vary\.tpm: expected shares that add up to at most 1, got 1\.2$/],
];

describe("an architect's mistakes in a fleet file", () => {
  for (const [name, text, said] of MISTAKES) {
    it(`${name}: exit 2, the file, line, field and what was expected; nothing written, in run, recommend, compare and sweep`, async () => {
      const path = file(name, text);
      const html = join(dir, `${name}.html`);
      const csv = join(dir, `${name}.csv`);
      for (const argv of [
        ['run', path, '--html', html, '--csv', csv],
        ['recommend', path, '--html', html],
        ['compare', path, '--scenarios', 'user-driven,pre-provisioned', '--html', html],
        ['sweep', path, '--vary', 'esp.timeoutMinutes=30,60', '--html', html],
      ]) {
        const r = await cli(...argv);
        expect(r.code, argv.join(' ')).toBe(2);
        expect(r.out, argv.join(' ')).toBe('');
        expect(r.err.trim(), argv.join(' ')).toMatch(said);
        expect(existsSync(html) || existsSync(csv), argv.join(' ')).toBe(false);
      }
    });
  }

  it('validate names every wrong field at once, a rule across fields beside them: the shares over 1 were named alone, then the unquoted 1.2, then the kind "virtual", a run of validate each', async () => {
    const path = file('all-at-once', 'groups:\n  - name: A\n    weight: 1\n    vary:\n      tpm:\n        - { share: 0.7, environment: { hardware: { tpm: 1.2 } } }\n        - { share: 0.5, environment: { hardware: { kind: virtual } } }\n');
    const r = await cli('validate', path);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n').map((l) => l.replace(/^invalid\s+\S+?:/, ''))).toEqual([
      '6: groups[0].vary.tpm: expected shares that add up to at most 1, got 1.2',
      `6: groups[0].vary.tpm[0].environment.hardware.tpm: expected one of "none", "1.2", "2.0", "2.0-in-1.2-mode", "reduced-functionality", got 1.2 (a number): write '1.2' in quotes`,
      '7: groups[0].vary.tpm[1].environment.hardware.kind: expected one of "physical", "vm", got "virtual"',
    ]);
  });

  it('validate names every wrong name, reference and window at once: each took a run of validate of its own', async () => {
    const path = file(
      'contradictions',
      'sites:\n  - { name: HQ }\n  - { name: HQ }\ngroups:\n  - { name: Laptops, count: 100, technicianSite: Warehouse }\n  - { name: Laptops, count: 100, sites: { HQ: 0 } }\nrollout: { windowHours: 24, devicesPerHour: 10 }\nsharedWorld:\n  incident: { service: entra, startHour: 10, endHour: 2, failureShare: 0.5 }\n',
    );
    const r = await cli('validate', path);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n').map((l) => l.replace(/^invalid\s+\S+?:/, ''))).toEqual([
      '3: sites[1].name: expected a unique site name, "HQ" appears twice',
      '5: groups[0].technicianSite: expected one of the sites (HQ), got "Warehouse"',
      '6: groups[1].name: expected a unique group name, "Laptops" appears twice',
      '6: groups[1].sites: expected at least one site with a weight above 0',
      '7: rollout: expected windowHours or devicesPerHour, not both (got windowHours 24 and devicesPerHour 10)',
      '9: sharedWorld.incident.endHour: expected endHour >= startHour (10)',
    ]);
    // A command stops at the first, as before.
    const run = await cli('run', path);
    expect(run.err.trim()).toMatch(/contradictions\.yaml:7: rollout: expected windowHours or devicesPerHour, not both/);
  });

  it("validate names every rule of the documents a file breaks at once, and a wrong field does not hide them", async () => {
    // A school's first draft: shared carts with a self-deploying profile on user-driven, library kiosks self-deploying on
    // hybrid join, and 'cout' for the staff laptops' count. validate named the cout alone; with it fixed, the carts' rule
    // alone; the kiosks' took a third run.
    const text =
      'name: Riverside schools\nscenario: user-driven\nenvironment: { profile: { joinType: entra } }\ngroups:\n  - name: Student carts\n    count: 600\n    environment:\n      profile: { deploymentMode: self-deploying }\n  - name: Library kiosks\n    count: 40\n    environment:\n      scenario: self-deploying\n      profile: { joinType: hybrid }\n  - name: Staff laptops\n    cout: 200\n';
    const rules = [
      '8: groups[0].environment.profile.deploymentMode (group Student carts): user-driven and pre-provisioned run from a user-driven profile (pre-provisioning is its "allow pre-provisioned deployment" setting)',
      '13: groups[1].environment.profile.joinType (group Library kiosks): self-deploying supports Entra join only: the profile cannot be hybrid (domain §2.6)',
    ];
    const lines = (r: { err: string }) => r.err.trim().split('\n').map((l) => l.replace(/^invalid\s+\S+?:/, ''));
    const draft = await cli('validate', file('school', text));
    expect(draft.code).toBe(2);
    expect(lines(draft)).toEqual([...rules, '15: groups[2].cout: unknown field (did you mean "count"?)']);
    const fixed = await cli('validate', file('school-fixed', text.replace('cout', 'count')));
    expect(fixed.code).toBe(2);
    expect(lines(fixed)).toEqual(rules);
    // A command stops at the first, as before.
    expect((await cli('run', file('school-fixed', text.replace('cout', 'count')))).err.trim()).toMatch(/^[^\n]*school-fixed\.yaml:8: groups\[0\]\.environment\.profile\.deploymentMode \(group Student carts\): user-driven and pre-provisioned/);
  });

  it("a share the schema needs, written wrong in one group, does not hide another group's shares over 1", async () => {
    // The desktops' TPM shares add to 1.1; the laptops' firmware share is "15%". The wrong share cannot be left out (a
    // variation needs one), so nothing past the schema was checked: the 1.1 came a run of validate later.
    const r = await cli('validate', file('mixed-tpm', 'groups:\n  - name: Desktops\n    count: 800\n    vary:\n      tpm:\n        - { share: 0.7, environment: { hardware: { tpm: "2.0" } } }\n        - { share: 0.4, environment: { hardware: { tpm: "1.2" } } }\n  - name: Laptops\n    count: 500\n    vary:\n      firmware:\n        - { share: 15%, environment: { hardware: { tpmIssue: infineon-slb9672 } } }\n'));
    expect(lines2(r)).toEqual(['6: groups[0].vary.tpm: expected shares that add up to at most 1, got 1.1', '12: groups[1].vary.firmware[0].share: expected number, got "15%" (a percent): write 0.15, a share from 0 to 1']);
  });

  it('a wrong field that would decide a rule or a name does not bring a wrong word about it', async () => {
    // The count taken out would read as a group without one beside counted groups; a scenario misspelt would read as the
    // default one, so the rules are not checked; a site's environment with a wrong field is not checked against them.
    const counts = await cli('validate', file('counts', 'groups:\n  - { name: A, count: 10 }\n  - { name: B, count: -3 }\n'));
    expect(lines2(counts)).toEqual(['3: groups[1].count: expected > 0, got -3']);
    const scenario = await cli('validate', file('scenario', 'scenario: self-deplying\nenvironment: { profile: { joinType: hybrid } }\ngroups:\n  - { name: A, count: 10 }\n  - { name: A, count: 5 }\n'));
    expect(lines2(scenario)).toHaveLength(2);
    expect(lines2(scenario)[0]).toMatch(/^1: scenario: /);
    expect(lines2(scenario)[1]).toBe('5: groups[1].name: expected a unique group name, "A" appears twice');
  });

  it('a fleet file named by include: is told an overlay is an environment, from the including file', async () => {
    // It read 'school.yaml:1: unknown fields "name", "description", "environment", "rollout", "groups" and 1 more', the
    // overlay's own fields, with no word of what include: takes.
    file('other-fleet', 'name: Riverside\nenvironment: { esp: { timeoutMinutes: 90 } }\ngroups:\n  - { name: Carts, count: 10 }\n');
    const r = await cli('validate', file('includes-fleet', 'name: Riverside twin\ninclude: other-fleet.yaml\nscenario: user-driven\n'));
    expect(r.code).toBe(2);
    expect(lines2(r)).toEqual(['2: include: expected an environment overlay (scenario-file fields such as esp, hardware, apps), got a fleet file, "other-fleet.yaml" (environment, groups): move what both share into an overlay and include it from each']);
    expect(r.err).toMatch(/includes-fleet\.yaml:2/);
  });

  it("a JSON fleet's number where text is meant is told to write it in JSON's quotes", async () => {
    // It read "write '1.2' in quotes", which JSON does not read.
    const path = join(dir, 'tpm.json');
    writeFileSync(path, '{\n  "groups": [\n    { "name": "Laptops", "count": 10, "environment": { "hardware": { "tpm": 1.2 } } }\n  ]\n}\n');
    const r = await cli('validate', path);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/tpm\.json:3: groups\[0\]\.environment\.hardware\.tpm: expected one of .*, got 1\.2 \(a number\): write "1\.2" in quotes$/);
  });

  it('a share out of range in --vary share(...) names the value it got, as every other mistake does', async () => {
    const path = file('shares', 'scenario: user-driven\ngroups:\n  - { name: Pool, count: 20 }\n');
    const r = await cli('sweep', path, '--vary', 'share(hardware.memoryGb=3)=0,0.5,1.5');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('autopilot-sim: --vary share(hardware.memoryGb=3)=0,0.5,1.5: expected shares between 0 and 1, got 1.5');
  });

  it('a setting --vary share(...) cannot take is named as it was given, not by the variation the sweep adds', async () => {
    // It read '--vary share of devices with hardware.kind=vmm=0: groups[0].vary.@sweep[0].environment.hardware.kind: ...'.
    const path = file('setting', 'scenario: user-driven\ngroups:\n  - { name: Pool Laptops, count: 20 }\n');
    for (const [arg, field] of [
      ['share(hardware.kind=vmm)=0,0.5', 'share(hardware.kind=vmm)'],
      ['groups.Pool Laptops.share(hardware.kind=vmm)=0,0.5', 'groups.Pool Laptops.share(hardware.kind=vmm)'],
    ]) {
      const r = await cli('sweep', path, '--vary', arg!, '--devices', '20');
      expect(r.code).toBe(2);
      expect(r.err.trim()).toBe(`autopilot-sim: --vary ${field}=0: hardware.kind: expected one of "physical", "vm", got "vmm": did you mean "vm"?`);
    }
  });
});

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { parseSweep } from '../../src/fleet/analysis.ts';
import { loadFleet, runFleet } from '../../src/fleet/index.ts';
import { InputError } from '../../src/environment/load.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-fleet-');
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const SITES = `
devices: 4500
environment:
  apps: [{ name: Big app, sizeMb: 500, installMinutes: 5 }, { name: Small, sizeMb: 100 }]
sites:
  - { name: HQ, share: 1, bandwidthMbps: 100000 }
  - { name: Branch, share: 1, bandwidthMbps: 1000 }
groups:
  - name: Laptops
    weight: 1
    vary:
      tpm: [{ share: 0.2, environment: { hardware: { kind: vm } } }]
rollout: { windowHours: 2 }
`;

const FINDINGS = `
devices: 2500
environment:
  identity: { federation: adfs }
  profile: { assignedUser: ana@contoso.com }
groups:
  - name: Re-used laptops
    weight: 1
    vary:
      history: [{ share: 0.3, environment: { registration: { previouslyEntraRegistered: true } } }]
      health: [{ share: 0.1, environment: { identity: { windowsMdmBlocked: true } } }]
`;

describe('fleets', () => {
  it('counts findings on successful devices only, the same for any number of workers', async () => {
    const fleet = loadFleet(file('findings.yaml', FINDINGS));
    const r = await runFleet(fleet, { workers: 1 });
    const two = await runFleet(fleet, { workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(r));
    // About a tenth fail at enrollment, after meeting the findings: they are failures, not findings.
    expect(r.failed).toBeGreaterThan(150);
    const [adfs, registered] = r.findings;
    expect(adfs).toMatchObject({ id: 'ASSIGNED_USER_NOT_ENFORCED', devices: r.succeeded, shareOfSucceeded: 1 });
    expect(registered!.id).toBe('SHOWN_AS_ENTRA_REGISTERED');
    expect(registered!.shareOfSucceeded).toBeGreaterThan(0.25);
    expect(registered!.shareOfSucceeded).toBeLessThan(0.35);
    expect(registered!.text).toMatch(/Entra registered/);
    // A healthy fleet has none.
    expect((await runFleet(loadFleet(file('plain.yaml', 'devices: 200\n')), {})).findings).toEqual([]);
  }, 60_000);

  it('gives byte-identical reports for any number of workers, and with the CLI', async () => {
    const fleet = loadFleet(file('sites.yaml', SITES));
    const one = JSON.stringify(await runFleet(fleet, { workers: 1 }));
    const two = JSON.stringify(await runFleet(fleet, { workers: 2 }));
    expect(two).toBe(one);
    const viaCli = await cli('run', join(dir, 'sites.yaml'), '--json', '--workers', '3');
    expect(viaCli.code).toBe(0);
    expect(viaCli.out).toBe(one);
  }, 60_000);

  it('devices at a site share its bandwidth: a slow branch takes longer than HQ', async () => {
    const r = await runFleet(loadFleet(file('sites2.yaml', SITES)), {});
    const [hq, branch] = r.sites;
    expect(r.sharedLoadModelled).toBe(true);
    // 2,250 devices over two hours through 1 Gbps: downloads queue, the ESP runs longer, some time out.
    expect(branch!.meanMinutesToDesktop!).toBeGreaterThan(hq!.meanMinutesToDesktop! + 5);
    expect(branch!.successRate).toBeLessThan(hq!.successRate);
    expect(r.successInterval95[0]).toBeLessThanOrEqual(r.successRate);
    expect(r.successInterval95[1]).toBeGreaterThanOrEqual(r.successRate);
  });

  it('the connector serves offline domain joins at a finite rate: a burst beyond it fails with 0x80070774', async () => {
    const text = (rate: number) => `devices: 600\nenvironment: { profile: { joinType: hybrid } }\nrollout: { windowHours: 1 }\nsharedWorld: { connectorRequestsPerHour: ${rate} }\n`;
    const fast = await runFleet(loadFleet(file('c1.yaml', text(100_000))), {});
    const slow = await runFleet(loadFleet(file('c2.yaml', text(60))), {});
    expect(fast.successRate).toBeGreaterThan(0.95);
    expect(slow.failures[0]?.code).toBe('0x80070774');
    expect(slow.failures[0]?.cause).toMatch(/queue/);
  });

  it('a cloud incident fails a share of the requests inside its window', async () => {
    const r = await runFleet(loadFleet(file('inc.yaml', 'devices: 2000\nrollout: { windowHours: 10 }\nsharedWorld: { incident: { service: intune, startHour: 0, endHour: 5, failureShare: 0.5 } }\n')), {});
    const incident = r.failures.find((f) => f.cause === 'an Intune incident'); // 'a Intune incident' before
    expect(incident?.code).toBe('80180018');
    expect(incident!.devices / r.devices).toBeGreaterThan(0.15);
    expect(incident!.devices / r.devices).toBeLessThan(0.35);
  });

  it('a scenario file runs as a fleet of identical devices', async () => {
    const r = await cli('run', 'failures/self-deploying-vm', '--devices', '50', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.devices).toBe(50);
    expect(report.failures[0].code).toBe('0x800705B4');
  });

  it('writes CSV (one row per device) and refuses bad targets without writing anything', async () => {
    const csv = join(dir, 'out.csv');
    const ok = await cli('run', file('small.yaml', 'devices: 30\n'), '--csv', csv);
    expect(ok.code).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(31);
    expect(lines[0]).toMatch(/^device,group,site,scenario/);
    const bad = await cli('run', join(dir, 'small.yaml'), '--csv', join(dir, 'no-such-folder', 'x.csv'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/does not exist/);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it("gives a device that fell back to the ordinary OOBE its phase and cause in the CSV, as the failures table does", async () => {
    // Behind a proxy that needs authentication every device falls back: the rows read 'fell-back-to-oobe,,,,' with no why.
    const csv = join(dir, 'fell-back.csv');
    const ok = await cli('run', file('proxy.yaml', 'devices: 10\nenvironment: { network: { proxyRequiresAuth: true } }\n'), '--csv', csv);
    expect(ok.code).toBe(0);
    const [head, ...rows] = readFileSync(csv, 'utf8').trim().split('\n').map((l) => l.split(','));
    const at = (name: string) => head!.indexOf(name);
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(row[at('status')]).toBe('fell-back-to-oobe');
      expect(row[at('failedPhase')]).toBe('oobe');
      expect(row[at('cause')]).toBe('a proxy that needs authentication before internet access: NCSI fails [INF]');
      expect(row[at('deploymentState')]).toBe('notAttempted');
    }
  });

  it.each([
    ['missing file', ['run', join(dir, 'nope.yaml')], /file not found/],
    ['unknown field', ['run', file('u.yaml', 'groups: [{ name: a, wieght: 2 }]\n')], /groups\[0\]\.wieght: unknown field \(did you mean "weight"\?\)/],
    ['impossible value', ['run', file('i.yaml', 'sites: [{ name: s, bandwidthMbps: -5 }]\n')], /sites\[0\]\.bandwidthMbps: expected > 0/],
    ['bad environment piece', ['run', file('e.yaml', 'groups: [{ name: a, environment: { hardware: { tpm: "3" } } }]\n')], /groups\[0\]\.environment\.hardware\.tpm: expected one of/],
    ['shares over 1', ['run', file('s.yaml', 'groups: [{ name: a, vary: { x: [{ share: 0.7, environment: {} }, { share: 0.6, environment: {} }] } }]\n')], /add up to at most 1/],
    ['unknown site', ['run', file('k.yaml', 'groups: [{ name: a, sites: { Nowhere: 1 } }]\n')], /expected one of the sites/],
    // A cross-field rule is named where the file writes the field (a file without groups or sites was told of "groups[0] (all) at site default"),
    // with the site where the file has several, and the group only where it has several ('(group all at site Shop)' named a group it never wrote).
    ['hybrid self-deploying, written in a site', ['run', file('hsd.yaml', 'scenario: self-deploying\nsites:\n  - name: HQ\n  - name: Shop\n    environment:\n      profile: { joinType: hybrid }\n')], /hsd\.yaml:6: sites\[1\]\.environment\.profile\.joinType \(at site Shop\): self-deploying supports Entra join only/],
    ['hybrid in one variation of a self-deploying group', ['run', file('hv.yaml', 'scenario: self-deploying\ngroups:\n  - name: Kiosks\n    vary:\n      join:\n        - share: 0.3\n          environment: { profile: { joinType: hybrid } }\n')], /hv\.yaml:7: groups\[0\]\.vary\.join\[0\]\.environment\.profile\.joinType: self-deploying supports Entra join only/],
    ['hybrid device preparation', ['run', file('hdp.yaml', 'scenario: device-preparation\nenvironment:\n  registration: { registered: false }\n  profile: { joinType: hybrid }\n')], /hdp\.yaml:4: environment\.profile\.joinType: device preparation supports Entra join only: it has no hybrid join \(domain §7/],
    ['a hybrid profile for Autopilot Reset', ['run', file('hr.yaml', 'scenario: reset\nenvironment: { profile: { joinType: hybrid } }\n')], /hr\.yaml:2: environment\.profile\.joinType: Autopilot Reset keeps the join the device has now and reads no profile: write it as reset\.currentJoin/],
    ['counts and weights mixed', ['run', file('mix.yaml', 'groups: [{ name: G, count: 10 }, { name: H, weight: 2 }]\n')], /mix\.yaml:1: groups\[1\]: expected a count in every group or in none: groups\[0\] \(G\) has count 10, "H" has weight 2/],
    // Both given, the weight was dropped without a word: the architect's 'weight: 3' beside a count had no effect.
    ['a count and a weight in one group', ['run', file('cw.yaml', 'groups:\n  - name: G\n    count: 10\n    weight: 3\n')], /^autopilot-sim: \S*cw\.yaml:4: groups\[0\]\.weight: expected a count or a weight, not both \(got count 10 and weight 3\): a count is the group's devices, a weight its share of the fleet beside other weights\s*$/],
    ['duplicate group names', ['run', file('dup.yaml', 'groups: [{ name: G, count: 10 }, { name: G, count: 5 }]\n')], /dup\.yaml:1: groups\[1\]\.name: expected a unique group name, "G" appears twice/],
    // A rule across fields names the line as a schema error does (these said only the file).
    ['a group at a site the file does not have', ['run', file('ks.yaml', 'sites:\n  - name: HQ\ngroups:\n  - name: A\n    sites: { HQ: 1, Branch: 2 }\n')], /ks\.yaml:5: groups\[0\]\.sites\.Branch: expected one of the sites \(HQ\), got "Branch"/],
    ['an incident that ends before it starts', ['run', file('ends-early.yaml', 'devices: 10\nsharedWorld:\n  incident:\n    service: entra\n    startHour: 10\n    endHour: 2\n    failureShare: 0.5\n')], /ends-early\.yaml:6: sharedWorld\.incident\.endHour: expected endHour >= startHour \(10\)/],
    // A JSON file's errors name the line too (they named only the file and the field).
    ['a wrong value in a JSON fleet', ['run', file('deep.json', '{\n  "groups": [\n    {\n      "name": "A",\n      "environment": { "hardware": { "tpmVendor": "arm" } }\n    }\n  ]\n}\n')], /deep\.json:5: groups\[0\]\.environment\.hardware\.tpmVendor: expected one of "discrete", "intel", "amd", "qualcomm", got "arm"/],
    ['a rule across fields in a JSON fleet', ['run', file('mix.json', '{\n  "groups": [\n    { "name": "G", "count": 10 },\n    { "name": "H", "weight": 2 }\n  ]\n}\n')], /mix\.json:4: groups\[1\]: expected a count in every group or in none/],
    ['bad --vary', ['sweep', join(dir, 'small.yaml'), '--vary', 'esp.timeoutMinutes'], /expected <field>=<values>/],
    ['bad --scenarios', ['compare', join(dir, 'small.yaml'), '--scenarios', 'user-driven,kiosk'], /--scenarios: expected two of/],
    ['--workers 0', ['run', join(dir, 'small.yaml'), '--workers', '0'], /--workers: expected a whole number from 1 to 64/],
  ])('bad input (%s): exit 2, one clear line, no stack trace', async (_name, argv, message) => {
    const r = await cli(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a device-preparation fleet whose devices classic Autopilot takes says so, with the share and the fix', async () => {
    const dp = (more: string) => loadFleet(file(`dp-${more.length}.yaml`, `scenario: device-preparation\ndevices: 400\nenvironment: { devicePreparation: { policies: [{ name: P }] } }\n${more}`));
    const classic = (r: { warnings: Array<{ kind: string; text: string }> }) => r.warnings.filter((w) => w.kind === 'classic-takes-over').map((w) => w.text);
    // Registered by default: every device runs classic user-driven, which the report never said.
    const all = classic(await runFleet(dp(''), { workers: 1 }));
    expect(all).toHaveLength(1);
    expect(all[0]).toMatch(/^Device preparation starts on none of the devices: they are registered for Autopilot with a profile assigned \(registration\.registered is true unless the file says otherwise\), so classic Autopilot takes them .* \(registration: \{ registered: false \}\)/);
    const some = classic(await runFleet(dp('groups: [{ name: L, environment: { registration: { registered: false } }, vary: { r: [{ share: 0.25, environment: { registration: { registered: true } } }] } }]\n'), { workers: 1 }));
    expect(some[0]).toMatch(/^Device preparation does not start on 2\d\.\d% of devices: they are registered/);
    expect(classic(await runFleet(dp('groups: [{ name: L, environment: { registration: { registered: false } } }]\n'), { workers: 1 }))).toEqual([]);
    // Cloud PCs in Windows 365 automatic mode have no OOBE where a profile could take them: they run, and nothing is said.
    const cloudPcs = await runFleet(dp('groups: [{ name: Cloud PCs, environment: { devicePreparation: { mode: automatic } } }]\n'), { workers: 1 });
    expect(cloudPcs.successRate).toBeGreaterThan(0.9);
    expect(cloudPcs.timeToDesktop.endUser.p50).toBe(0);
    expect(classic(cloudPcs)).toEqual([]);
  });

  it('device preparation on a registered device with a classic hybrid profile is accepted: classic Autopilot takes it, hybrid', async () => {
    const r = await cli('run', file('hdpc.yaml', 'scenario: device-preparation\ndevices: 20\nenvironment: { profile: { joinType: hybrid } }\n'), '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).phaseMinutes.hybridJoin).toBeGreaterThan(0);
  });

  it('compare --scenarios with device preparation or Reset on a hybrid fleet says neither runs hybrid, on stderr', async () => {
    const hybrid = file('hyb2.yaml', 'devices: 40\nenvironment: { profile: { joinType: hybrid } }\n');
    const r = await cli('compare', hybrid, '--scenarios', 'device-preparation,reset', '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err.trim().split('\n')).toEqual([
      'note: device preparation has no hybrid path (its devices are not registered, so no classic profile takes them), so it runs with Entra join here; the file asks for hybrid join for 100.0% of devices.',
      'note: Autopilot Reset keeps the join each device has now (reset.currentJoin, Entra unless the file says otherwise) and reads no profile; the file asks for hybrid join for 100.0% of devices.',
    ]);
  });

  it('the library: compareFleets and sweepFleet take a plain object as runFleet does, and every run option is checked', async () => {
    const { compareFleets, sweepFleet } = await import('../../src/fleet/analysis.ts');
    const fleet = { devices: 40, scenario: 'user-driven' as const };
    // Both threw a TypeError on a plain object ("Cannot read properties of undefined").
    const c = await compareFleets({ label: 'a', fleet }, { label: 'b', fleet, environment: { esp: { timeoutMinutes: 30 } } });
    expect(c.b.report.devices).toBe(40);
    expect((await sweepFleet(fleet, parseSweep('apps=4,8'))).result.rows).toHaveLength(2);
    // A negative count ran no device and reported it; workers 0 ran on the main thread.
    await expect(runFleet(fleet, { devices: -3 })).rejects.toThrow('options: devices: expected a whole number from 1 to 100000000, got -3');
    await expect(runFleet(fleet, { devices: 0 })).rejects.toThrow(InputError);
    await expect(runFleet(fleet, { workers: 0 })).rejects.toThrow('options: workers: expected a whole number from 1 to 64, got 0');
    await expect(runFleet(fleet, { seed: 1.5 })).rejects.toThrow('options: seed: expected a whole number from 0 to 4294967295, got 1.5');
    await expect(sweepFleet(fleet, parseSweep('apps=4,8'), { devices: 2.5 })).rejects.toThrow(InputError);
    await expect(compareFleets({ label: 'a', fleet: { grups: [] } as never }, { label: 'b', fleet })).rejects.toThrow('fleet: grups: unknown field');
  });

  it('compare of two files says where B\'s file asks for another size or seed than the paired runs use (A\'s)', async () => {
    const a = file('pa.yaml', 'devices: 60\n');
    const b = file('pb.yaml', 'devices: 20\nseed: 9\nenvironment: { esp: { timeoutMinutes: 30 } }\n');
    const r = await cli('compare', a, b, '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err.trim().split('\n')).toEqual([
      "note: both runs have 60 devices, pa's; pb's file says 20 (paired runs share one size: --devices sets it).",
      "note: both runs use seed 1, pa's; pb's file says seed 9 (paired runs share one seed: --seed sets it).",
    ]);
    expect(JSON.parse(r.out).b.report.devices).toBe(60);
    // Given on the command line, or not in B's file, there is nothing to say.
    expect((await cli('compare', a, b, '--devices', '30', '--seed', '2', '--json')).err).toBe('');
    expect((await cli('compare', a, file('pc.yaml', 'environment: { esp: { timeoutMinutes: 30 } }\n'), '--json')).err).toBe('');
  });

  it('compare pairs devices and reports paired intervals', async () => {
    const r = await cli('compare', join(dir, 'small.yaml'), '--scenarios', 'user-driven,pre-provisioned', '--devices', '400', '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    const endUser = c.differences.find((d: { metric: string }) => d.metric === 'pairedEndUserMinutes');
    expect(endUser.difference).toBeLessThan(0); // pre-provisioning saves the user time
    expect(endUser.interval95[1]).toBeLessThan(0);
  });

  it('compare --scenarios with self-deploying on a hybrid fleet says it runs with Entra join (no hybrid path), on stderr', async () => {
    const hybrid = file('hyb.yaml', 'devices: 40\nenvironment: { profile: { joinType: hybrid } }\n');
    const r = await cli('compare', hybrid, '--scenarios', 'user-driven,self-deploying', '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err.trim()).toBe('note: self-deploying has no hybrid path, so it runs with Entra join here; the file asks for hybrid join for 100.0% of devices.');
    JSON.parse(r.out);
    const entra = await cli('compare', join(dir, 'small.yaml'), '--scenarios', 'user-driven,self-deploying', '--devices', '40', '--json');
    expect(entra.err).not.toMatch(/hybrid/);
  });

  it('compare --scenarios on a fleet with a group that fixes its own scenario says that group runs both, on stderr', async () => {
    // Kiosks that self-deploy beside laptops: compared as user-driven and pre-provisioned, the kiosks ran both without a
    // word, and their minutes in the per-group table were not run's.
    const mixed = file('kiosks.yaml', 'devices: 60\ngroups:\n  - { name: Laptops, weight: 3 }\n  - { name: Kiosks, weight: 1, environment: { scenario: self-deploying } }\n');
    const r = await cli('compare', mixed, '--scenarios', 'user-driven,pre-provisioned', '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.err.trim()).toBe('note: group "Kiosks" (self-deploying) fixes its own scenario in the file; --scenarios runs its devices as user-driven and as pre-provisioned too, as recommend weighs a scenario.');
    expect(JSON.parse(r.out).groups.map((g: { name: string }) => g.name)).toEqual(['Laptops', 'Kiosks']);
    // No group with a scenario of its own, no note.
    expect((await cli('compare', join(dir, 'small.yaml'), '--scenarios', 'user-driven,pre-provisioned', '--devices', '40', '--json')).err).toBe('');
  });

  it('sweep finds where the ESP timeout bites as apps are added', async () => {
    const r = await cli('sweep', join(dir, 'small.yaml'), '--vary', 'apps=4..28:8', '--devices', '400', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.rows).toHaveLength(4);
    expect(s.rows[0].successRate).toBeGreaterThan(s.rows[3].successRate);
    expect(s.finding).toMatch(/number of apps/);
  });

  it('parses sweep specifications', () => {
    expect(parseSweep('esp.timeoutMinutes=30,60').values).toEqual([30, 60]);
    expect(parseSweep('apps=2..6:2').values).toEqual([2, 4, 6]);
    expect(parseSweep('share(hardware.tpm=1.2)=0,0.5').field).toMatch(/share of devices with hardware\.tpm=1\.2/);
    expect(() => parseSweep('share(hardware.tpm=1.2)=2')).toThrow(/between 0 and 1/);
  });

  it('loadFleet rejects a directory and non-UTF-8 bytes', () => {
    expect(() => loadFleet(dir)).toThrow(InputError);
    const p = join(dir, 'bin.yaml');
    writeFileSync(p, Buffer.from([0xc3, 0x28, 0x41]));
    expect(() => loadFleet(p)).toThrow(/UTF-8/);
    expect(existsSync(p)).toBe(true);
  });
});

describe('runFleet takes a plain object', () => {
  it('a fleet input with seed, sites, groups and rollout (the shape of a parsed fleet) is validated, not trusted', async () => {
    const input = {
      name: 'plain',
      seed: 3,
      sites: [{ name: 'HQ', share: 1, bandwidthMbps: 100 }],
      groups: [{ name: 'Laptops', weight: 1 }],
      rollout: { windowHours: 24 },
    };
    const report = await runFleet(input, { devices: 200 });
    expect(report.devices).toBe(200);
    await expect(runFleet({ ...input, rollout: { windowHours: -1 } }, { devices: 10 })).rejects.toThrow(/rollout\.windowHours/);
  });
});

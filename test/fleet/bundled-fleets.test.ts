// Every bundled fleet validates, runs and gives a plausible answer (a range each file is held
// to, with the reason); the README's architect tour prints what the README says it prints.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFleet, runFleet } from '../../src/fleet/index.ts';
import type { FleetReport } from '../../src/fleet/report.ts';
import type { SweepResult } from '../../src/fleet/analysis-types.ts';
import { min, pct } from '../../src/format.ts';
import { cli } from '../helpers/cli.ts';
import { fileURLToPath } from 'node:url';

const dir = new URL('../../scenarios/fleets/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

/** What an architect would recognise as a real answer for each bundled fleet, at its own size. */
/** p50 null: no device reaches the desktop, which is the file's point. */
const PLAUSIBLE: Record<string, { success: [number, number]; p50: [number, number] | null; why: string }> = {
  'branch-rollout.yaml': { success: [0.7, 0.85], p50: [75, 105], why: 'Branch C (a fifth of the devices) fails: its link is too small and its VPN needs a user certificate; the rest succeed' },
  'classic-or-device-preparation.yaml': { success: [0.3, 0.6], p50: [60, 90], why: 'classic user-driven with Win32 beside MSI line-of-business apps: installs clash in the ESP (the file compares it with device preparation)' },
  'kiosks-and-vms.yaml': { success: [0.8, 0.93], p50: [20, 40], why: 'the training VMs cannot self-deploy (no TPM attestation); the kiosks do, with no one at the device' },
  'new-laptops.yaml': { success: [0.97, 1], p50: [45, 70], why: 'healthy user-driven Entra join with eight apps' },
  'engineering-tight-esp.yaml': { success: [0, 0.02], p50: null, why: 'twenty blocking apps under a 45-minute ESP: it times out on nearly every device (90 minutes lets 89% through)' },
  'hybrid-branches-vpn.yaml': { success: [0.38, 0.55], p50: [35, 60], why: 'at 400 devices an hour the branch and remote links saturate and the ESP times out; the user-certificate VPN site cannot reach a domain controller before sign-in' },
  'legacy-tpm-refresh.yaml': { success: [0.85, 0.97], p50: [30, 55], why: 'healthy but for Microsoft 365 Apps as the m365 app type beside a tracked Win32 app, which holds the ESP past its timeout on about 9% of devices' },
  'store-kiosks.yaml': { success: [0.35, 0.55], p50: [15, 35], why: 'the Win32 point-of-sale app beside the MSI payment driver clashes in the ESP on about 40% of kiosks; the AMD firmware TPMs and the TPMs in 1.2 mode fail attestation' },
  'vdi-small-vms.yaml': { success: [0.65, 0.75], p50: [30, 45], why: 'the 30% of VMs under 2 vCPU and 4 GB fail at "Preparing your device for mobile management"; the rest succeed' },
};

describe('bundled fleets', () => {
  it('there are some, and each has a plausible range', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files.filter((f) => !PLAUSIBLE[f])).toEqual([]);
  });
  for (const f of files) {
    it(`${f} gives a plausible answer at its own size`, async () => {
      const fleet = loadFleet(fileURLToPath(new URL(f, dir)));
      const r = await runFleet(fleet, {});
      expect(r.succeeded + r.failed + r.fellBackToOobe + r.stopped).toBe(r.devices);
      const range = PLAUSIBLE[f]!;
      expect(r.successRate, range.why).toBeGreaterThanOrEqual(range.success[0]);
      expect(r.successRate, range.why).toBeLessThanOrEqual(range.success[1]);
      // A bundled example sets nothing its report says changes nothing (legacy-tpm-refresh had a 48-hour window with no shared limit).
      expect(r.warnings.filter((w) => w.kind === 'field-without-effect').map((w) => w.text)).toEqual([]);
      if (range.p50 === null) expect(r.timeToDesktop.total.p50, range.why).toBeNull();
      else {
        expect(r.timeToDesktop.total.p50, range.why).toBeGreaterThanOrEqual(range.p50[0]);
        expect(r.timeToDesktop.total.p50, range.why).toBeLessThanOrEqual(range.p50[1]);
      }
    });
  }
  it('branch-rollout: Branch C fails (its link and its user-certificate VPN), the others succeed, and the warning says a faster link will not save it', async () => {
    const r = await runFleet(loadFleet(fileURLToPath(new URL('branch-rollout.yaml', dir))), {});
    const c = r.sites.find((s) => s.name === 'Branch C')!;
    expect(c.successRate).toBe(0);
    expect(r.failures.map((x) => x.code)).toEqual(expect.arrayContaining(['ESP_TIMEOUT', 'VPN_UNSUPPORTED']));
    for (const name of ['Head office', 'Branch A', 'Branch B']) expect(r.sites.find((s) => s.name === name)!.successRate).toBeGreaterThan(0.9);
    const w = r.warnings.find((x) => x.kind === 'link-saturated' && x.resource === 'Branch C')!;
    // Every Branch C device fails with the link to itself (the VPN connects only after sign-in): no bandwidth is a fix.
    expect(w.text).toMatch(/A faster link will not save Branch C: 100\.0% of its devices fail even with the link to themselves \(VPN_UNSUPPORTED in .*: a user-certificate VPN cannot connect before the user signs in \[INF\]\); fix that first\.$/);
    expect(w.text).not.toMatch(/Fix: about/);
    expect(w.capacityNeeded).toBeGreaterThan(50);
  });
  it('a link that queues downloads in bursts, with no hour over capacity, is not said to be over capacity for 0 hours', async () => {
    const { parseFleet } = await import('../../src/fleet/load.ts');
    const text = 'scenario: user-driven\ndevices: 100\nseed: 1\nenvironment:\n  apps:\n    - { name: Microsoft 365 Apps, type: win32, sizeMb: 3000 }\n    - { name: Company Portal, type: store }\nsites:\n  - { name: Plant, bandwidthMbps: 60 }\nrollout: { windowHours: 40 }\n';
    const r = await runFleet(parseFleet('bursts.yaml', text), {});
    expect(r.loads.find((l) => l.name === 'Plant')!.saturatedHours).toBe(0);
    const w = r.warnings.find((x) => x.kind === 'link-saturated' && x.resource === 'Plant')!;
    expect(w.text).toMatch(/^Plant's link is saturated in bursts: no hour is over its 60 Mbps \(the busiest averages \d+ Mbps; .*queue their downloads for up to \d+ minutes\. Fix: about \d+ Mbps/);
    expect(w.text).not.toMatch(/for 0 hours/);
    // Nothing else fails there: the fix stands alone.
    expect(w.text).not.toMatch(/with the link to themselves/);
  });
  it('a link saturated for one hour says "for 1 hour" (it said "for 1 hours")', async () => {
    const { parseFleet } = await import('../../src/fleet/load.ts');
    // 150 devices at once behind 50 Mbps: the first hour is over, the queue drains after it.
    const text = 'scenario: user-driven\ndevices: 150\nseed: 1\nsites:\n  - { name: North, bandwidthMbps: 50 }\n';
    const r = await runFleet(parseFleet('north.yaml', text), {});
    expect(r.loads.find((l) => l.name === 'North')!.saturatedHours).toBe(1);
    expect(r.warnings.find((x) => x.kind === 'link-saturated')!.text).toMatch(/against 50 Mbps, for 1 hour, and a download waits/);
  });
  it('a link warning keeps its fix and names the devices that fail anyway, when some do', async () => {
    const { parseFleet } = await import('../../src/fleet/load.ts');
    // One site; a fifth of its users have no Intune licence: they fail whatever the link.
    const text = 'scenario: user-driven\ndevices: 200\nseed: 1\nenvironment:\n  apps:\n    - { name: Microsoft 365 Apps, type: win32, sizeMb: 3000 }\nsites:\n  - { name: Plant, bandwidthMbps: 20 }\ngroups:\n  - { name: Laptops, weight: 4 }\n  - { name: Unlicensed, weight: 1, environment: { identity: { userLicensed: false } } }\nrollout: { windowHours: 10 }\n';
    const r = await runFleet(parseFleet('some.yaml', text), {});
    const w = r.warnings.find((x) => x.kind === 'link-saturated' && x.resource === 'Plant')!;
    expect(w.text).toMatch(/Fix: about \d+ Mbps .*\. That does not help the \d+\.\d% of its devices that fail even with the link to themselves \(/);
  });
  it('a saturated connector whose hybrid devices fail anyway says more capacity will not save them; one whose devices would succeed keeps its fix', async () => {
    const { parseFleet } = await import('../../src/fleet/load.ts');
    // 600 hybrid devices in two hours against 60 requests an hour: the queue passes the connector's 30 minutes.
    const fleet = (site: string) => `scenario: user-driven\ndevices: 600\nseed: 3\nenvironment:\n  profile: { joinType: hybrid }\nsites:\n  - { name: Remote, environment: { hybrid: ${site} } }\nrollout: { windowHours: 2 }\nsharedWorld: { connectorRequestsPerHour: 60 }\n`;
    // No domain controller and no VPN: the devices get their blob and then cannot reach a DC, whatever the connector does.
    const noDc = await runFleet(parseFleet('no-dc.yaml', fleet('{ dcLineOfSight: false, vpn: none }')), {});
    const w = noDc.warnings.find((x) => x.kind === 'connector-saturated')!;
    expect(w.text).toMatch(/More connector capacity will not save the hybrid deployments: 100\.0% of the devices that ask it fail even with the connector to themselves \(0x80070774 in [^)]*\); fix that first\.$/);
    expect(w.text).not.toMatch(/Fix: about/);
    expect(w.capacityNeeded).toBeGreaterThan(60);
    // With a domain controller in sight the same queue is the whole problem: the fix stands alone.
    const healthy = await runFleet(parseFleet('dc.yaml', fleet('{ dcLineOfSight: true }')), {});
    const fix = healthy.warnings.find((x) => x.kind === 'connector-saturated')!;
    expect(fix.text).toMatch(/Fix: about \d+ requests\/h \(sharedWorld\.connectorRequestsPerHour, every connector of the domain together: more connectors, written there as well as in hybrid\.connector\.others\)/);
    expect(fix.text).not.toMatch(/to themselves/);
  });
  it('a connector queues what its requests can make: a real burst is said to be one, a steady 18 an hour against 40 queues for minutes', async () => {
    const { parseFleet } = await import('../../src/fleet/load.ts');
    const fleet = (devices: number, windowHours: number) =>
      parseFleet('connector.yaml', `scenario: user-driven\ndevices: ${devices}\nseed: 42\nenvironment:\n  profile: { joinType: hybrid }\nrollout: { windowHours: ${windowHours} }\nsharedWorld: { connectorRequestsPerHour: 40 }\n`);
    const odjFailures = (r: FleetReport) => r.failures.filter((f) => f.code === '0x80070774').reduce((n, f) => n + f.devices, 0);
    // 700 hybrid devices over 40 hours: about 18 requests an hour against 40, the busiest about 29. The wait inside a
    // five-minute bucket was the steady-state queue at the bucket's use (capped at 95%, 19 services): 57 devices failed
    // with 0x80070774 behind a queue of 33.5 minutes that a few requests in five minutes cannot build.
    const steady = await runFleet(fleet(700, 40), {});
    const load = steady.loads.find((l) => l.kind === 'connector')!;
    expect(load.saturatedHours).toBe(0);
    expect(load.maxQueueMinutes).toBeLessThan(15);
    expect(odjFailures(steady)).toBe(0);
    expect(steady.warnings.find((x) => x.kind === 'connector-saturated')).toBeUndefined();
    // 39 devices turned on within six minutes: no hour is over 40 requests, yet they all ask within minutes of each other.
    const burst = await runFleet(fleet(39, 0.1), {});
    expect(burst.loads.find((l) => l.kind === 'connector')!.saturatedHours).toBe(0);
    expect(odjFailures(burst)).toBeGreaterThan(0);
    expect(burst.warnings.find((x) => x.kind === 'connector-saturated')!.text).toMatch(/^The Intune Connector for AD is saturated in bursts: no hour is over its 40 requests\/h \(the busiest asks \d+; 39 in all\), but requests that come close together queue for up to \d+ minutes \(requests that wait over 30 fail with 0x80070774\)\. Fix: about \d+ requests\/h/);
    // With hours over capacity, the warning says for how many, as a link's does.
    const over = await runFleet(fleet(700, 10), {});
    expect(over.warnings.find((x) => x.kind === 'connector-saturated')!.text).toMatch(/^The Intune Connector for AD is saturated: devices ask up to \d+ offline-domain-join requests\/h \(700 in all\) against 40\/h, for \d+ hours, and the queue reaches [\d,]+ minutes/);
  });
  it('a sweep of the rollout pace the other way than the file gives it (a rate over a window, a window over a rate) replaces it', async () => {
    // Both were refused: "rollout: expected windowHours or devicesPerHour, not both".
    const { parseFleet } = await import('../../src/fleet/load.ts');
    const { parseSweep, sweepFleet } = await import('../../src/fleet/analysis.ts');
    const text = (rollout: string) => `scenario: user-driven\ndevices: 400\nseed: 2\nenvironment:\n  profile: { joinType: hybrid }\nrollout: ${rollout}\nsharedWorld: { connectorRequestsPerHour: 40 }\n`;
    const windowed = parseFleet('w.yaml', text('{ windowHours: 10 }'));
    const paced = parseFleet('p.yaml', text('{ devicesPerHour: 40 }'));
    // 400 devices at 40 an hour is the 10-hour window: each sweep's point at the other's value is what run gives the other.
    const byRate = await sweepFleet(windowed, parseSweep('rollout.devicesPerHour=40,80'), {});
    const byWindow = await sweepFleet(paced, parseSweep('rollout.windowHours=10,5'), {});
    const runW = await runFleet(windowed, {});
    const runP = await runFleet(paced, {});
    expect(byRate.reports[0]).toEqual(runP);
    expect(byWindow.reports[0]).toEqual(runW);
    expect(byRate.result.rows[1]!.successRate).toBe(byWindow.result.rows[1]!.successRate);
  });
  it('a rollout given as devices per hour keeps its pace for any fleet size', async () => {
    const fleet = loadFleet(fileURLToPath(new URL('branch-rollout.yaml', dir)));
    const { planFleet, rolloutHours } = await import('../../src/fleet/plan.ts');
    expect(rolloutHours(fleet, 500)).toBe(25);
    expect(rolloutHours(fleet, 100_000)).toBe(5000);
    const starts = Array.from({ length: 400 }, (_, i) => planFleet(fleet, { devices: 4000 }).device(i * 10).startMs / 3_600_000);
    expect(Math.max(...starts)).toBeGreaterThan(150);
    expect(Math.max(...starts)).toBeLessThan(200);
    const { parseFleet } = await import('../../src/fleet/load.ts');
    expect(() => parseFleet('f.yaml', 'rollout: { windowHours: 10, devicesPerHour: 5 }\n')).toThrow(/rollout: expected windowHours or devicesPerHour, not both/);
  });
});

describe("the README's architect tour prints what the README says", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const line = (start: string) => {
    const l = readme.split('\n').find((x) => x.startsWith(`npx autopilot-sim ${start}`));
    if (!l) throw new Error(`the README has no tour line starting "npx autopilot-sim ${start}"`);
    return l;
  };

  it('run fleets/branch-rollout: the success rate, the p50 and the warning', async () => {
    const l = line('run fleets/branch-rollout --html');
    const [, success, p50] = /: (\d+\.\d)% succeed, p50 (\d+\.\d) min; a warning: Branch C's 50 Mbps link is saturated/.exec(l)!;
    const out = await cli('run', 'fleets/branch-rollout', '--json');
    const r = JSON.parse(out.out) as FleetReport;
    expect(pct(r.successRate)).toBe(`${success}%`);
    expect(min(r.timeToDesktop.total.p50)).toBe(p50);
    expect(r.warnings.some((w) => w.kind === 'link-saturated' && w.resource === 'Branch C')).toBe(true);
  });

  it('run at 100,000 devices: the same pace gives about the same rate (checked at 5,000: the load per hour is the same)', async () => {
    const l = line('run fleets/branch-rollout --devices 100000');
    const [, hours, about] = /\(([\d,]+) hours\): about (\d+)% again/.exec(l)!;
    const fleet = loadFleet(fileURLToPath(new URL('branch-rollout.yaml', dir)));
    expect((await import('../../src/fleet/plan.ts')).rolloutHours(fleet, 100_000)).toBe(Number(hours!.replace(/,/g, '')));
    const r = await runFleet(fleet, { devices: 5_000 });
    // 5,000 devices: a 95% interval of about ±1.2 points around the 100,000-device rate.
    expect(Math.abs(r.successRate * 100 - Number(about))).toBeLessThan(1.5);
  });

  it("recommend fleets/legacy-tpm-refresh: each group's own scenario, in the README's order", async () => {
    // It said 'pre-provisioned' for the new laptops after 21ea047 gave them device preparation.
    const l = line('recommend fleets/legacy-tpm-refresh');
    const said = /each group its own \(([^)]*)\)/.exec(l)![1]!.replace(/-/g, ' ').split(', ');
    const out = await cli('recommend', 'fleets/legacy-tpm-refresh', '--json');
    const r = JSON.parse(out.out) as { recommendation: { scenario: string | null; deploy: Array<{ scenario: string }> } };
    expect(r.recommendation.scenario).toBeNull();
    expect(r.recommendation.deploy.map((d) => d.scenario.replace(/-/g, ' '))).toEqual(said);
  });

  it('sweep rollout.devicesPerHour: where every branch link saturates, and the rate there', async () => {
    const l = line('sweep fleets/branch-rollout --devices 1000 --vary rollout.devicesPerHour');
    const [, rate, success] = /at (\d+) an hour every branch link saturates: (\d+\.\d)%/.exec(l)!;
    const args = l.split('#')[0]!.trim().split(/\s+/).slice(2);
    const out = await cli(...args, '--json');
    const s = JSON.parse(out.out) as SweepResult;
    const row = s.rows.find((x) => x.value === Number(rate))!;
    expect(pct(row.successRate)).toBe(`${success}%`);
    const before = s.rows.find((x) => (x.value as number) < Number(rate))!;
    expect(before.successRate).toBeGreaterThan(row.successRate + 0.1);
  });
});

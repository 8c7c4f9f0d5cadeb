// sweep's sentence: where success changes most (the threshold that bites) and in which direction,
// and plainly when the swept setting makes no difference.
import { describe, expect, it } from 'vitest';
import { sweepFinding } from '../../src/fleet/analysis.ts';
import { failureId, type FleetReport } from '../../src/fleet/report.ts';
import { cli } from '../helpers/cli.ts';

/** The parts of a fleet report the sentence reads: success, devices, the failures. */
function report(successRate: number, failures: Array<[code: string, phase: string, share: number, cause?: string]>): FleetReport {
  const devices = 1000;
  return {
    devices,
    successRate,
    failures: failures.map(([code, phase, share, cause = '']) => ({ id: failureId(code, phase, cause), code, phase, cause, devices: Math.round(share * devices), causeSummary: cause })),
    warnings: [],
    loads: [],
  } as unknown as FleetReport;
}

describe('sweep finding', () => {
  it('values from bad to good: names the step where success rises most, the failure that falls with it, and where it levels off', () => {
    // The connector sweep: 0.2% → 55.9% → 77% → 77%, the connector failure hiding the ESP timeout behind it.
    const reports = [
      report(0.002, [['0x80070774', 'hybrid-join', 0.998]]),
      report(0.559, [['0x80070774', 'hybrid-join', 0.277], ['ESP_TIMEOUT', 'esp-device', 0.09]]),
      report(0.77, [['ESP_TIMEOUT', 'esp-device', 0.155], ['0x80070774', 'hybrid-join', 0.05]]),
      report(0.77, [['ESP_TIMEOUT', 'esp-device', 0.155], ['0x80070774', 'hybrid-join', 0.05]]),
    ];
    const s = sweepFinding('connectorRequestsPerHour', reports, [20, 40, 60, 120])!;
    expect(s).toMatch(/^Success rises most between connectorRequestsPerHour = 20 and 40: 0\.2% → 55\.9% \(\+55\.7 points\), as 0x80070774 in .* falls from 99\.8% to 27\.7% of devices/);
    expect(s).toContain('From 60 on, success stays at 77.0%: more of the setting raises it no further.');
    expect(s).not.toMatch(/At 60|ESP_TIMEOUT reaches/);
  });

  it('values from good to bad: the step where success falls most, and the failure that rises', () => {
    const reports = [report(0.99, []), report(0.97, [['ESP_TIMEOUT', 'esp-device', 0.03]]), report(0.4, [['ESP_TIMEOUT', 'esp-device', 0.6]])];
    expect(sweepFinding('number of apps', reports, [4, 8, 12])).toMatch(/^Success falls most between number of apps = 8 and 12: 97\.0% → 40\.0% \(−57\.0 points\), as ESP_TIMEOUT in .* rises from 3\.0% to 60\.0% of devices/);
  });

  it('two modes of one code and phase are told apart: the share and the cause are the same mode\'s', () => {
    // A calibrated twin swept over its app count: the tenant's observed ESP timeouts stay at 1%, the
    // timer's own grow to 28%; the sentence said "rises from 0.9% to 27.9% (calibrated: ...)".
    const observed = 'calibrated: the tenant\'s observed ESP_TIMEOUT failures at this phase';
    const timer = 'the ESP timer ran out while one of 8 apps was still installing';
    const reports = [
      report(0.94, [['ESP_APP_FAILED', 'esp-device', 0.036], ['ESP_TIMEOUT', 'esp-device', 0.009, observed], ['ESP_TIMEOUT', 'esp-device', 0.002, timer]]),
      report(0.667, [['ESP_TIMEOUT', 'esp-device', 0.279, timer], ['ESP_APP_FAILED', 'esp-device', 0.036], ['ESP_TIMEOUT', 'esp-device', 0.01, observed]]),
    ];
    expect(sweepFinding('number of apps', reports, [7, 13])).toMatch(/as ESP_TIMEOUT in .* rises from 0\.2% to 27\.9% of devices \(the ESP timer ran out while one of 8 apps was still installing\)\.$/);
  });

  it("a mode's cause is in the words of the value where it is the larger: the devices a rising step saves", () => {
    // A school's ESP timeout swept 30 → 60: at 30 the timer caught devices while one of 4 apps installed; the sentence
    // said 'falls from 38.3% to 23.8% (... one of 2 apps ...)', the words of the 60-minute run.
    const at = (share: number, summary: string) => ({ ...report(1 - share, [['ESP_TIMEOUT', 'esp-device', share, 'timer']]).failures[0]!, causeSummary: summary });
    const [r30, r60] = [report(0.617, []), report(0.762, [])];
    r30.failures.push(at(0.383, 'the ESP timer ran out while one of 4 apps was still installing'));
    r60.failures.push(at(0.238, 'the ESP timer ran out while one of 2 apps was still installing'));
    expect(sweepFinding('esp.timeoutMinutes', [r30, r60], [30, 60])).toMatch(/falls from 38\.3% to 23\.8% of devices \(the ESP timer ran out while one of 4 apps was still installing\)\.$/);
    // Falling success: the mode rises, in the words of the value it rose to.
    expect(sweepFinding('esp.timeoutMinutes', [r60, r30], [60, 30])).toMatch(/rises from 23\.8% to 38\.3% of devices \(the ESP timer ran out while one of 4 apps was still installing\)\.$/);
  });

  it('a setting that changes nothing says so, even when the failure that limits success changes name', () => {
    const reports = [report(0.786, [['ESP_TIMEOUT', 'esp-device', 0.214]]), report(0.786, [['VPN_UNSUPPORTED', 'hybrid-join', 0.214]]), report(0.786, [['VPN_UNSUPPORTED', 'hybrid-join', 0.214]])];
    const s = sweepFinding('bandwidthMbps', reports, [25, 50, 100])!;
    expect(s).toMatch(/^Success stays at 78\.6% across bandwidthMbps = 25 to 100; the setting is not what limits it \(at 100 the top failure is VPN_UNSUPPORTED/);
    expect(s).not.toMatch(/reaches/);
  });

  it('on the command line: Branch C\'s link makes no difference to a rollout its VPN already fails', async () => {
    const r = await cli('sweep', 'fleets/branch-rollout', '--vary', 'sites.Branch C.bandwidthMbps=25..200:x2', '--devices', '200', '--json');
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(r.out);
    // Which fleet and seed, as the terminal's first line says (the JSON gave only the field, the rows and the finding).
    expect([s.name, s.seed, s.field]).toEqual(['Branch rollout, hybrid user-driven', 7, 'sites.Branch C.bandwidthMbps']);
    expect(new Set(s.rows.map((x: { successRate: number }) => x.successRate)).size).toBe(1);
    expect(s.finding).toMatch(/^Success stays at [\d.]+% across sites\.Branch C\.bandwidthMbps = 25 to 200; the setting is not what limits it/);
  });

  it('a value whose figures rest on a saturated shared resource names it, in the rows and in the sentence', async () => {
    // A depot link of 600 Mbps: one app of 2.8 GB a device keeps within it at 40 devices an hour, four do not, and the
    // ESP times out behind the queue. The sentence blamed the app count alone ("as ESP_TIMEOUT ... rises"), with no
    // word of the link, which run's warning names.
    const { parseFleet } = await import('../../src/fleet/load.ts');
    const { sweepFleet, parseSweep } = await import('../../src/fleet/analysis.ts');
    const text = 'scenario: user-driven\ndevices: 400\nseed: 7\nenvironment:\n  apps:\n    - { name: Office, type: m365, sizeMb: 2800, installMinutes: 10 }\nsites:\n  - { name: Depot, bandwidthMbps: 600 }\nrollout: { devicesPerHour: 40 }\n';
    const { result } = await sweepFleet(parseFleet('depot.yaml', text), parseSweep('apps=1,4'), {});
    expect(result.rows[0]!.saturated).toEqual([]);
    expect(result.rows[1]!.saturated).toEqual([{ kind: 'link', resource: 'Depot', maxQueueMinutes: expect.any(Number) }]);
    expect(result.rows[1]!.saturated[0]!.maxQueueMinutes).toBeGreaterThan(10);
    expect(result.finding).toMatch(/^Success falls most between number of apps = 1 and 4: .* At 4, Depot's link is saturated \(downloads wait up to \d+ minutes\)\.$/);
    // One value has no step to find, but the resource is still named (there was no sentence at all).
    const one = await sweepFleet(parseFleet('depot.yaml', text), parseSweep('apps=4'), {});
    expect(one.result.finding).toMatch(/^At 4, Depot's link is saturated \(downloads wait up to \d+ minutes\)\.$/);
    expect((await sweepFleet(parseFleet('depot.yaml', text), parseSweep('apps=1'), {})).result.finding).toBeNull();
  });

  it('in the terminal: a first line says what was swept, on which fleet, devices and seed; the end-user column says it is a mean', async () => {
    const r = await cli('sweep', 'fleets/branch-rollout', '--vary', 'rollout.devicesPerHour=10,40', '--devices', '60');
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Branch rollout, hybrid user-driven  sweep of rollout.devicesPerHour · 60 devices per value · seed 7 · the same devices for every value');
    expect(r.out).toMatch(/│ value +│ success/);
    expect(r.out).toMatch(/│ end user +│[\s\S]*│ \(mean\) +│/);
  });
});

describe("a device preparation policy's timer, swept", () => {
  it('devicePreparation.policies.0.timeoutMinutes sets the policy in the file, its apps kept (a list path was refused as no field path)', async () => {
    const { loadFleet, sweepFleet, parseSweep, runFleet } = await import('../../src/index.ts');
    const fleet = loadFleet('device-preparation');
    const { result } = await sweepFleet(fleet, parseSweep('devicePreparation.policies.0.timeoutMinutes=20,60'), { devices: 400 });
    // Under 20 minutes the policy's apps do not finish; at the file's own 60, exactly what run gives.
    expect(result.rows[0]!.successRate).toBeLessThan(0.2);
    expect(result.rows[1]!.successRate).toBe((await runFleet(fleet, { devices: 400 })).successRate);
    expect(result.finding).toMatch(/^Success rises most between devicePreparation\.policies\.0\.timeoutMinutes = 20 and 60/);
    expect(() => parseSweep('devicePreparation.policies.1.timeoutMinutes=30').apply(fleet, 30)).toThrow(/devicePreparation\.policies has 1 item in the file/);
  });

  it('an ESP setting swept on device preparation says no device ran an ESP, and names the policy timer', async () => {
    const r = await cli('sweep', 'device-preparation', '--vary', 'esp.timeoutMinutes=30,60', '--devices', '200');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("no device ran an ESP, which the setting is for (device preparation has none: its one timer is each policy's, devicePreparation.policies.0.timeoutMinutes for the first)");
  });
});

// sweep's sentence: where success first moves beyond chance (the threshold that bites), where it moves most per unit
// of the setting, that it moves steadily when there is no knee, and plainly when the swept setting makes no difference.
import { describe, expect, it } from 'vitest';
import { sweepFinding } from '../../src/fleet/analysis.ts';
import { failureId, type FleetReport } from '../../src/fleet/report.ts';
import { wilson } from '../../src/fleet/stats.ts';
import { cli } from '../helpers/cli.ts';

/** The parts of a fleet report the sentence reads: success and its 95% interval, devices, the failures. */
function report(successRate: number, failures: Array<[code: string, phase: string, share: number, cause?: string]>): FleetReport {
  const devices = 1000;
  return {
    devices,
    successRate,
    successInterval95: wilson(Math.round(successRate * devices), devices),
    failures: failures.map(([code, phase, share, cause = '']) => ({ id: failureId(code, phase, cause), code, phase, cause, devices: Math.round(share * devices), causeSummary: cause })),
    warnings: [],
    loads: [],
  } as unknown as FleetReport;
}

describe('sweep finding', () => {
  it('values from bad to good: the last step where success rises beyond chance, the step where it rises most per unit, the failure that falls with each, and where it levels off', () => {
    // The connector sweep: 0.2% → 55.9% → 77% → 77%, the connector failure hiding the ESP timeout behind it.
    const reports = [
      report(0.002, [['0x80070774', 'hybrid-join', 0.998]]),
      report(0.559, [['0x80070774', 'hybrid-join', 0.277], ['ESP_TIMEOUT', 'esp-device', 0.09]]),
      report(0.77, [['ESP_TIMEOUT', 'esp-device', 0.155], ['0x80070774', 'hybrid-join', 0.05]]),
      report(0.77, [['ESP_TIMEOUT', 'esp-device', 0.155], ['0x80070774', 'hybrid-join', 0.05]]),
    ];
    const s = sweepFinding('connectorRequestsPerHour', reports, [20, 40, 60, 120])!;
    // Reading down from the good end, failures set in below 60: that step first, then the steepest.
    expect(s).toMatch(/^Success last rises beyond chance between connectorRequestsPerHour = 40 and 60: 55\.9% → 77\.0% \(their 95% intervals, [\d.]+–[\d.]+% and [\d.]+–[\d.]+%, do not overlap\), as 0x80070774 in .* falls from 27\.7% to 5\.0% of devices\. /);
    expect(s).toMatch(/ It rises most between connectorRequestsPerHour = 20 and 40: 0\.2% → 55\.9% \(\+55\.7 points\), as 0x80070774 in .* falls from 99\.8% to 27\.7% of devices/);
    expect(s).toContain('From 60 on, success stays at 77.0%: more of the setting raises it no further.');
    expect(s).not.toMatch(/At 60|ESP_TIMEOUT reaches/);
  });

  it('values from good to bad: the step where success first falls beyond chance, the one where it falls most, and the failure that rises', () => {
    const reports = [report(0.99, []), report(0.97, [['ESP_TIMEOUT', 'esp-device', 0.03]]), report(0.4, [['ESP_TIMEOUT', 'esp-device', 0.6]])];
    const s = sweepFinding('number of apps', reports, [4, 8, 12])!;
    expect(s).toMatch(/^Success first falls beyond chance between number of apps = 4 and 8: 99\.0% → 97\.0% \(their 95% intervals, 98\.2–99\.5% and 95\.7–97\.9%, do not overlap\), as ESP_TIMEOUT in .* rises from 0\.0% to 3\.0% of devices\. /);
    expect(s).toMatch(/ It falls most between number of apps = 8 and 12: 97\.0% → 40\.0% \(−57\.0 points\), as ESP_TIMEOUT in .* rises from 3\.0% to 60\.0% of devices\.$/);
    // One step both first and largest: one clause.
    expect(sweepFinding('number of apps', [report(0.99, []), report(0.99, []), report(0.4, [['ESP_TIMEOUT', 'esp-device', 0.6]])], [4, 8, 12])).toMatch(/^Success first falls beyond chance, and most, between number of apps = 8 and 12: 99\.0% → 40\.0% \(−59\.0 points; their 95% intervals, .*, do not overlap\), as ESP_TIMEOUT in .* rises from 0\.0% to 60\.0% of devices\.$/);
  });

  it('where failures first appear, beyond chance, apart from where success falls most (user-driven-entra, apps 4..24:4)', () => {
    // The audit's sweep: 100% to 16 apps, 96.3% at 20, 19.5% at 24. The sentence gave only 'falls most between 20 and
    // 24', where the ESP timeout first fails devices between 16 and 20.
    const timer = 'the ESP timer ran out while apps were still installing';
    const reports = [report(1, []), report(1, []), report(1, []), report(1, []), report(0.963, [['ESP_TIMEOUT', 'esp-device', 0.037, timer]]), report(0.195, [['ESP_TIMEOUT', 'esp-device', 0.805, timer]])];
    const s = sweepFinding('number of apps', reports, [4, 8, 12, 16, 20, 24])!;
    expect(s).toMatch(/^Success first falls beyond chance between number of apps = 16 and 20: 100\.0% → 96\.3% \(their 95% intervals, 99\.6–100\.0% and 94\.9–97\.3%, do not overlap\), as ESP_TIMEOUT in .* rises from 0\.0% to 3\.7% of devices \(the ESP timer ran out while apps were still installing\)\. /);
    expect(s).toMatch(/ It falls most between number of apps = 20 and 24: 96\.3% → 19\.5% \(−76\.8 points\), as ESP_TIMEOUT in .* rises from 3\.7% to 80\.5% of devices/);
    // A fall within chance is not where failures appear: 100% → 99.8% on 1,000 devices, intervals overlapping.
    const noisy = sweepFinding('number of apps', [report(1, []), report(0.998, [['ESP_TIMEOUT', 'esp-device', 0.002]]), report(0.6, [['ESP_TIMEOUT', 'esp-device', 0.4]])], [4, 8, 12])!;
    expect(noisy).toMatch(/^Success first falls beyond chance, and most, between number of apps = 8 and 12/);
    // No step beyond chance: said so, with the largest step.
    const small = sweepFinding('number of apps', [report(1, []), report(0.995, [['ESP_TIMEOUT', 'esp-device', 0.005]]), report(0.993, [['ESP_TIMEOUT', 'esp-device', 0.007]])], [4, 8, 12])!;
    expect(small).toMatch(/^Success falls most between number of apps = 4 and 8: 100\.0% → 99\.5% \(−0\.5 points\), .* No step is beyond chance: each pair of neighbours' 95% intervals overlap/);
  });

  it('steps of different sizes are compared per unit of the setting; a straight line falls steadily, with no knee', () => {
    // A share of TPM 1.2 devices at 0, 0.1, 0.3 and 0.5 (pre-provisioned-entra): 8.8, 10.6 and 9.7 points per 0.1. The
    // sentence said 'falls most between 0.1 and 0.3 (−21.1 points)', a step twice as wide as the first.
    const tpm = (share: number) => report(1 - share, share ? [['0x800705B4', 'esp-device', share, 'TPM 1.2: attestation needs TPM 2.0']] : []);
    const s = sweepFinding('share of devices with hardware.tpm=1.2', [tpm(0), tpm(0.088), tpm(0.299), tpm(0.492)], [0, 0.1, 0.3, 0.5], 'linear')!;
    expect(s).toMatch(/^Success falls steadily across share of devices with hardware\.tpm=1\.2 = 0 to 0\.5: 100\.0% → 50\.8%, about 9\.8 points per 0\.1, with no knee \(no step moves it twice as fast per 0\.1 as another\)\. It first falls beyond chance between share of devices with hardware\.tpm=1\.2 = 0 and 0\.1: 100\.0% → 91\.2% /);
    expect(s).not.toMatch(/most/);
    // A knee in a wide step: 2 points per 0.1, then 20 over 0.2 is 10 per 0.1: named with its rate per unit.
    const knee = sweepFinding('share', [tpm(0), tpm(0.02), tpm(0.22)], [0, 0.1, 0.3], 'linear')!;
    expect(knee).toMatch(/falls most between share = 0\.1 and 0\.3: 98\.0% → 78\.0% \(−20\.0 points, 10\.0 per 0\.1/);
    // The widest step in points is not the steepest when it is wider: 15 over 0.4 (3.75 per 0.1) against 10 over 0.1.
    const narrow = sweepFinding('share', [tpm(0), tpm(0.1), tpm(0.25)], [0, 0.1, 0.5], 'linear')!;
    expect(narrow).toMatch(/^Success first falls beyond chance, and most, between share = 0 and 0\.1: 100\.0% → 90\.0% \(−10\.0 points;/);
    // On a log range each step is one factor: steps of 100 and 200 an hour are equals.
    const log = sweepFinding('rollout.devicesPerHour', [report(0.9, []), report(0.6, []), report(0.4, [])], [100, 200, 400], 'log')!;
    expect(log).toMatch(/^Success falls steadily across rollout\.devicesPerHour = 100 to 400: 90\.0% → 40\.0%, about 25\.0 points a step, with no knee \(no step moves it twice as fast as another\)/);
  });

  it('one value has nothing to compare, and says so (a one-row table had no sentence)', async () => {
    expect(sweepFinding('number of apps', [report(1, [])], [1])).toBe('One value, number of apps = 1, has nothing to compare: success is 100.0% there; give two values or more to see where it changes.');
    const r = await cli('sweep', 'user-driven-entra', '--vary', 'apps=1', '--devices', '50');
    expect(r.code, r.err).toBe(0);
    expect(r.out.replace(/\s+/g, ' ')).toContain('One value, number of apps = 1, has nothing to compare: success is 100.0% there; give two values or more to see where it changes.');
  });

  it('an app count that is not one names what was given, as every other --vary mistake does', async () => {
    const { parseSweep } = await import('../../src/fleet/analysis.ts');
    expect(() => parseSweep('apps=a,b')).toThrow(/^--vary apps=a,b: expected app counts, whole numbers from 0 to 500, got "a"$/);
    expect(() => parseSweep('apps=4..5:0.5')).toThrow(/^--vary apps=4\.\.5:0\.5: expected app counts, whole numbers from 0 to 500, got 4\.5 \(4\.\.5:0\.5 gives 4, 4\.5, 5\)$/);
    expect(() => parseSweep('apps=0..1000')).toThrow(/^--vary apps=0\.\.1000: expected between 1 and 200 values, got more than 200$/);
    const r = await cli('sweep', 'user-driven-entra', '--vary', 'apps=4,600');
    expect([r.code, r.err.trim()]).toEqual([2, 'autopilot-sim: --vary apps=4,600: expected app counts, whole numbers from 0 to 500, got 600']);
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
    expect(result.finding).toMatch(/^Success first falls beyond chance, and most, between number of apps = 1 and 4: .* At 4, Depot's link is saturated \(downloads wait up to \d+ minutes\)\.$/);
    // One value has no step to find, but the resource is still named (there was no sentence at all).
    const one = await sweepFleet(parseFleet('depot.yaml', text), parseSweep('apps=4'), {});
    expect(one.result.finding).toMatch(/^One value, number of apps = 4, has nothing to compare: success is [\d.]+% there; give two values or more to see where it changes\. At 4, Depot's link is saturated \(downloads wait up to \d+ minutes\)\.$/);
    expect((await sweepFleet(parseFleet('depot.yaml', text), parseSweep('apps=1'), {})).result.finding).toMatch(/^One value, number of apps = 1, has nothing to compare: success is 100\.0% there/);
  });

  it("where success levels off at rates that print apart, the sentence gives their range, not the last value's alone", () => {
    // A hospital's rollout window: 93.1% at 36 hours, 93.2% at 42 and 48 read 'From 36 on, success stays at 93.2%'.
    const window = [report(0.319, [['ESP_TIMEOUT', 'esp-device', 0.62]]), report(0.843, [['ESP_TIMEOUT', 'esp-device', 0.09]]), report(0.931, []), report(0.9317, []), report(0.9317, [])];
    expect(sweepFinding('rollout.windowHours', window, [24, 30, 36, 42, 48], 'linear')).toContain(' From 36 on, success stays between 93.1% and 93.2%: more of the setting raises it no further.');
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
    expect(result.finding).toMatch(/^Success last rises beyond chance, and most, between devicePreparation\.policies\.0\.timeoutMinutes = 20 and 60/);
    expect(() => parseSweep('devicePreparation.policies.1.timeoutMinutes=30').apply(fleet, 30)).toThrow(/devicePreparation\.policies has 1 item in the file/);
  });

  it('an ESP setting swept on device preparation says no device ran an ESP, and names the policy timer', async () => {
    const r = await cli('sweep', 'device-preparation', '--vary', 'esp.timeoutMinutes=30,60', '--devices', '200');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("no device ran an ESP, which the setting is for (device preparation has none: its one timer is each policy's, devicePreparation.policies.0.timeoutMinutes for the first)");
  });
});

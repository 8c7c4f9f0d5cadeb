// The device preparation deployments report (Intune admin center, Devices > Monitor), the only record of device
// preparation deployments: read, not refused, whatever form its Deployment time is written in, and calibrated to a
// device preparation twin that follows it. And Graph's newer devicePreparationDuration and targetedPolicyCount.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtest, calibrate } from '../../src/calibrate/index.ts';
import { LOCALIZED_TIME, deploymentTime } from '../../src/calibrate/device-preparation.ts';
import { graphDurations, segmentEnvironment } from '../../src/calibrate/fit.ts';
import { calibrationReport, renderCalibration, renderCalibrationMarkdown } from '../../src/calibrate/report.ts';
import { writeSynthetic } from '../../src/calibrate/synthetic.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { EnvironmentSchema } from '../../src/environment/schema.ts';
import { loadFleet } from '../../src/fleet/index.ts';
import { planFleet } from '../../src/fleet/plan.ts';
import { tempDir } from '../helpers/temp.ts';

type Form = 'words' | 'span' | 'minutes' | 'seconds';
const clock = (m: number, form: Form) => {
  const s = Math.round(m * 60);
  const h = Math.floor(s / 3600);
  const mi = Math.floor((s % 3600) / 60);
  const se = s % 60;
  if (form === 'words') return `${h ? `${h} hr ` : ''}${mi} min ${se} sec`;
  if (form === 'span') return [h, mi, se].map((x) => String(x).padStart(2, '0')).join(':');
  return (s / 60).toFixed(1);
};

/** A report as the admin center exports it, from the model with known parameters: 4 apps (median 3, p90 7), 4% of deployments failing at apps installation. */
function report(dir: string, n: number, form: Form): string {
  const env = EnvironmentSchema.parse(segmentEnvironment({ scenario: 'device-preparation', joinType: 'entra' }, { deviceApps: 4, userApps: 0, deviceApp: { median: 3, p90: 7 }, userApp: null, failures: [{ phase: 'deviceSetup', code: 'APDP_APP_FAILED', probability: 0.04 }] }, 60));
  // The Graph export (exportJobs, AutopilotV2DeploymentStatus) has its documented columns, each localizable one as a
  // number (its values not documented) and in words under its name with _loc, and the time in seconds.
  const graph = form === 'seconds';
  const rows = [graph ? 'DeviceId,DeviceName,SerialNumber,UPN,EnrollmentTimeInUtc,CurrentProvisioningPhase,DeploymentStatus,DeploymentStatus_loc,DeploymentDurationTimeInSeconds,Phase,Phase_loc,ResultCode' : '"Device name","Enrollment date","Deployment status","Phase","Serial number","Deployment time","UPN"'];
  for (let i = 0; i < n; i++) {
    const o = simulate(env, { seed: 99, index: i, trace: false }).outcome;
    const ok = o.status === 'succeeded';
    const phase = ok ? 'Completed' : o.errorCode === 'APDP_APP_FAILED' ? 'Apps installation' : 'Policy installation';
    const date = `11/${1 + (i % 28)}/2026 9:${String(i % 60).padStart(2, '0')}:00 AM`;
    const minutes = graphDurations(o.phaseMinutes, o.totalMinutes).total;
    if (graph) rows.push([`0000-${i}`, `SYN-PC-${i}`, `SYNTHETIC-${i}`, `user${i}@synthetic.example.invalid`, `2026-11-${String(1 + (i % 28)).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}:00.0000000`, '4', ok ? '2' : '3', ok ? 'Success' : 'Failed', ok ? String(Math.round(minutes * 60)) : '0', '6', phase, ok ? '0' : '-2147023436'].join(','));
    else rows.push([`SYN-PC-${i}`, date, ok ? 'Success' : 'Failed', phase, `SYNTHETIC-${i}`, ok ? clock(minutes, form) : 'In progress', `user${i}@synthetic.example.invalid`].map((x) => `"${x}"`).join(','));
  }
  // One still in progress, and the same row exported twice.
  rows.push(graph ? '0000-X,SYN-PC-X,SYNTHETIC-X,x@synthetic.example.invalid,2026-11-30 09:00:00.0000000,3,1,In progress,0,6,Apps installation,0' : '"SYN-PC-X","11/30/2026 9:00:00 AM","In progress","Apps installation","SYNTHETIC-X","In progress","x@synthetic.example.invalid"', rows[1]!);
  const file = join(dir, `DevicePreparationDeployments-${form}.csv`);
  writeFileSync(file, `\uFEFF${rows.join('\r\n')}\r\n`);
  return file;
}

describe('Deployment time', () => {
  it('reads the plausible forms, says which, and refuses what cannot be told apart', () => {
    expect(deploymentTime('12 min 30 sec')).toEqual({ minutes: 12.5, form: expect.stringMatching(/in words/) });
    expect(deploymentTime('1 hr 2 min 6 sec')).toEqual({ minutes: 62.1, form: expect.stringMatching(/in words/) });
    expect(deploymentTime('1h 5m')).toEqual({ minutes: 65, form: expect.stringMatching(/in words/) });
    expect(deploymentTime('00:12:30')).toEqual({ minutes: 12.5, form: expect.stringMatching(/TimeSpan/) });
    expect(deploymentTime('12.5')).toEqual({ minutes: 12.5, form: expect.stringMatching(/number/) });
    expect(deploymentTime('12,5')).toEqual({ minutes: 12.5, form: expect.stringMatching(/number/) });
    expect(deploymentTime('PT12M30S')).toEqual({ minutes: 12.5, form: expect.stringMatching(/ISO 8601/) });
    expect(deploymentTime('In progress')).toBeNull();
    expect(deploymentTime('')).toBeNull();
    expect(deploymentTime('12:30')).toBeNaN();
    expect(deploymentTime('soon')).toBeNaN();
    // Another language's words are not read (the form is documented for none, and "1 Std. 5 Min." looks as "1 Min. 5 Sek." does).
    for (const t of ['12 Min. 30 Sek.', '1 Std. 5 Min.', '12 мин 30 с']) expect([deploymentTime(t), LOCALIZED_TIME.test(t)]).toEqual([Number.NaN, true]);
    expect(LOCALIZED_TIME.test('soon')).toBe(false);
  });
});

describe('the device preparation deployments report', () => {
  const dir = tempDir('apdp-report-');

  it('calibrates a device preparation twin whose backtest follows the report, in each form of Deployment time', { timeout: 120_000 }, async () => {
    for (const form of ['words', 'span', 'minutes', 'seconds'] as const) {
      const c = await calibrate([report(dir, form === 'words' ? 1500 : 400, form)], { deviceApps: 4 });
      expect(c.observed.unusable).toEqual(new Map([['deployment in progress', 1], ['duplicate deployment (the same device and enrollment date already read)', 1]]));
      const fit = c.fits[0]!;
      expect(fit.segment).toEqual({ scenario: 'device-preparation', joinType: 'entra' });
      const text = renderCalibration(calibrationReport(c));
      expect(text).toMatch(form === 'words' ? /Deployment time \(its form is not documented\) read as hours, minutes and seconds in words \("12 min 30 sec"\): 1,\d{3} rows/ : form === 'span' ? /read as a TimeSpan \("00:12:30"\): \d+ rows/ : form === 'seconds' ? /Deployment time \(the Graph export's, in seconds\) read as seconds \(DeploymentDurationTimeInSeconds, as documented\): \d+ rows/ : /read as minutes as a number \("12\.5"\): \d+ rows/);
      if (form === 'seconds') {
        // Read as the admin center's report is: its status and phase in words, the same deployments' durations.
        const words = await calibrate([report(dir, 400, 'span')], { deviceApps: 4 });
        expect(c.observed.segments.get('device-preparation/entra')!.outcomes).toEqual(words.observed.segments.get('device-preparation/entra')!.outcomes);
        expect(fit.failures.map((f) => [f.code, f.probability])).toEqual(words.fits[0]!.failures.map((f) => [f.code, f.probability]));
        // Its ResultCode (an HRESULT as a signed number, -2147023436) is the tenant's code, failing where the Phase said.
        expect(fit.failures.map((f) => f.reportedCode)).toEqual(fit.failures.map(() => '0x800705B4'));
        expect(text).toMatch(/failure 0x800705B4 \(the report's ResultCode; counted under APDP_APP_FAILED\) at deviceSetup: \d+ /);
        expect(c.yaml).toMatch(/code: APDP_APP_FAILED, reportedCode: "0x800705B4", probability: [\d.]+ \} # \d+ observed \([\d.]+%\); the tenant's 0x800705B4, the report's ResultCode: the device fails with it, counted under APDP_APP_FAILED/);
        expect(c.observed.segments.get('device-preparation/entra')!.durations.total.hist.quantile(0.5)).toBeCloseTo(words.observed.segments.get('device-preparation/entra')!.durations.total.hist.quantile(0.5)!, 1);
      }
      expect(c.yaml).toMatch(/scenario: device-preparation/);
      expect(c.yaml).toMatch(/devicePreparation: \{ policies: \[\{ name: Calibrated policy, timeoutMinutes: 60 \}\] \}/);
      expect(c.yaml).not.toMatch(/SYN-PC|SYNTHETIC|synthetic\.example/);
      if (form !== 'words') continue;
      // The apps' install time comes back (median within 15%, p90 within 25%), and the failures at apps installation.
      expect(Math.abs(fit.deviceApp!.median / 3 - 1)).toBeLessThan(0.15);
      expect(Math.abs(fit.deviceApp!.p90 / 7 - 1)).toBeLessThan(0.25);
      const failed = fit.failures.find((f) => f.code === 'APDP_APP_FAILED')!;
      expect(Math.abs(failed.probability - 0.04)).toBeLessThan(3 * Math.sqrt((0.04 * 0.96) / 1500));
      const b = backtest(c).segments[0]!;
      const total = b.durations.find((d) => d.kind === 'total')!;
      expect(total.ks!).toBeLessThan(0.05);
      expect(b.flags).toEqual([]);
      // No ESP, so no device or account setup on either side, and no row for them; the failures side by side, in Markdown too.
      expect(b.durations.filter((d) => d.kind !== 'total').map((d) => d.simulated.n)).toEqual([0, 0]);
      const md = renderCalibrationMarkdown(calibrationReport(c, backtest(c)));
      expect(md).not.toMatch(/\| device-preparation\/entra \| (device|account) setup \|/);
      expect(md).toMatch(/Device preparation, from its deployments report: Deployment time \(the model's whole flow after the OOBE screens\) fitted with the policy's apps' install time and one factor on the model's own steps \(its enrollment and its policy's installation, which the one duration cannot tell apart\), on the same terms; its failures net of the policy's timer\._$/);
      expect(md).toMatch(/\| device-preparation\/entra \| total \| [\d.]+ \/ [\d.]+ \/ [\d.]+ \| [\d.]+ \/ [\d.]+ \/ [\d.]+ \| 0\.0\d\d \|/);
      expect(md).toMatch(/\| segment \| phase \| code \| observed share \| simulated share \|\n\| --- \| --- \| --- \| --- \| --- \|\n\| device-preparation\/entra \| deviceSetup \| APDP_APP_FAILED \| 4\.\d% \| [34]\.\d% \|/);
      // The twin runs as any fleet file: device preparation's flow, failing where the tenant's devices did.
      const env = planFleet(loadFleet('twin.yaml', c.yaml), { seed: 1 }).device(0).env;
      expect(env.scenario).toBe('device-preparation');
      expect(env.calibrated!.failures.map((f) => f.code)).toContain('APDP_APP_FAILED');
    }
  });
});

describe("a device preparation tenant faster or slower than the model's own steps", () => {
  const dir = tempDir('apdp-steps-');
  /** The report as a German Windows exports it: semicolons, dd.MM.yyyy dates, Deployment time as a TimeSpan, rows in progress. */
  const tenant = (name: string, factor: number, apps: number, app: { median: number; p90: number } | null, n: number): string => {
    const env = EnvironmentSchema.parse(segmentEnvironment({ scenario: 'device-preparation', joinType: 'entra' }, { deviceApps: apps, userApps: 0, deviceApp: app, userApp: null, failures: [], steps: { enrollment: factor, deviceSetup: factor } }, 60));
    const rows = ['Device name;Enrollment date;Deployment status;Phase;Serial number;Deployment time;UPN'];
    for (let i = 0; i < n; i++) {
      const o = simulate(env, { seed: 17, index: i, trace: false }).outcome;
      const ok = o.status === 'succeeded';
      rows.push([`SYN-PC-${i}`, `${String(1 + (i % 28)).padStart(2, '0')}.11.2026 09:${String(i % 60).padStart(2, '0')}`, ok ? 'Success' : 'Failed', ok ? 'Completed' : 'Policy installation', `SYNTHETIC-${i}`, ok ? clock(graphDurations(o.phaseMinutes, o.totalMinutes).total, 'span') : '', `user${i}@synthetic.example.invalid`].join(';'));
      if (i % 40 === 3) rows.push(`SYN-PC-P${i};30.11.2026 10:00;In progress;Apps installation;SYNTHETIC-P${i};In progress;p${i}@synthetic.example.invalid`);
    }
    const file = join(dir, name);
    writeFileSync(file, `\uFEFF${rows.join('\r\n')}\r\n`);
    return file;
  };

  it('reach its policy\'s installation, not its apps', () => {
    const env = (factor: number) => EnvironmentSchema.parse(segmentEnvironment({ scenario: 'device-preparation', joinType: 'entra' }, { deviceApps: 2, userApps: 0, deviceApp: { median: 2, p90: 4 }, userApp: null, failures: [], steps: { deviceSetup: factor } }, 60));
    const [a, b] = [simulate(env(1), { seed: 3 }).outcome, simulate(env(2), { seed: 3 }).outcome];
    // Before: the factor reached only the ESP's phases, and device preparation's took their defaults whatever it was.
    expect(b.phaseMinutes.policyInstallation).toBeCloseTo(2 * a.phaseMinutes.policyInstallation!, 1);
    expect(b.phaseMinutes.appsInstallation).toBeCloseTo(a.phaseMinutes.appsInstallation!, 6);
  });

  it('is followed: one factor on its own steps, fitted outright without apps and where the deployments are shorter than the steps alone', { timeout: 120_000 }, async () => {
    // Without apps (--device-apps 0), steps ×1.5: the twin kept the defaults (backtest KS 0.73 on 300 rows).
    const slow = await calibrate([tenant('slow.csv', 1.5, 0, null, 300)], { deviceApps: 0 });
    expect(slow.observed.unusable).toEqual(new Map([['deployment in progress', 8]]));
    const factor = slow.fits[0]!.steps.map((st) => [st.phase, st.factor]);
    expect(factor.map(([p]) => p)).toEqual(['enrollment', 'deviceSetup']);
    for (const [, f] of factor) expect(Math.abs((f as number) / 1.5 - 1)).toBeLessThan(0.05);
    expect(slow.yaml).toMatch(/deviceSetup: 1\.\d+ # enrollment time grouping, IME install, the local administrator step, MDM sync, scripts; one factor with the enrollment steps, fitted to the report's Deployment time: n=300,/);
    expect(renderCalibration(calibrationReport(slow))).toMatch(/steps: device preparation's own steps ×1\.\d+\n/);
    const ks = (c: Awaited<ReturnType<typeof calibrate>>) => backtest(c).segments[0]!.durations.find((d) => d.kind === 'total')!.ks!;
    expect(ks(slow)).toBeLessThan(0.1);
    // Faster than the model's steps alone (×0.4, light apps): the twin's deployments were no shorter than its steps (KS 0.81, flagged).
    const fast = await calibrate([tenant('fast.csv', 0.4, 4, { median: 0.5, p90: 1.2 }, 500)], { deviceApps: 4 });
    expect(fast.fits[0]!.steps[0]!.basis).toBe('fitted');
    // The sum is as short two ways, steps at almost nothing with the apps most of it, or steps near the truth's with light apps,
    // which fit alike within the quantiles' noise: the one nearer the defaults is taken (it took x0.1, apps median 1.4 for 0.5).
    expect(fast.fits[0]!.steps[0]!.factor!).toBeGreaterThan(0.3);
    expect(fast.fits[0]!.steps[0]!.factor!).toBeLessThan(0.6);
    expect(fast.fits[0]!.deviceApp!.median).toBeLessThan(1);
    expect(fast.fits[0]!.flags.join('\n')).not.toMatch(/not above the model's own steps/);
    expect(ks(fast)).toBeLessThan(0.1);
  });
});

describe("Graph's newer properties", () => {
  it('fits the enrollment steps to devicePreparationDuration and shows targetedPolicyCount', { timeout: 120_000 }, async () => {
    const dir = tempDir('newer-');
    const noise = { inProgress: 0, unknownType: 0, duplicateEvent: 0, redeployedDevice: 0, missingDuration: 0, zeroDuration: 0, negativeDuration: 0, successWithTimeout: 0 };
    const { files } = writeSynthetic(dir, { seed: 21, noise, newer: { targetedPolicyCount: 14 }, segments: [{ segment: { scenario: 'user-driven', joinType: 'entra' }, count: 1000, deviceApps: 5, deviceApp: { median: 4, p90: 9 }, userApps: 2, userApp: { median: 3, p90: 7 }, failures: [], steps: { enrollment: 0.8 } }] });
    const c = await calibrate(files);
    const enrollment = c.fits[0]!.steps.find((st) => st.phase === 'enrollment')!;
    expect(enrollment.fittedTo).toBe('devicePreparationDuration');
    expect(Math.abs(enrollment.factor! / 0.8 - 1)).toBeLessThan(0.05);
    const text = renderCalibration(calibrationReport(c));
    expect(text).toMatch(/devicePreparationDuration \("Time spent in device enrollment"\): \d[\d,]* successful deployments, median [\d.]+ min, p90 [\d.]+; the enrollment steps are fitted to it \(×0\.\d+\)/);
    // Not applied, and why: the domain notes give a policy count no effect (§3.1: the ESP tracks a placeholder and three kinds; §7: none).
    expect(text).toMatch(/targetedPolicyCount: median 14 policies targeted \(1,000 deployments\); the deployment waits for none of them by their number \(the ESP tracks a placeholder, "1 of 1", and only Edge, Assigned Access and Kiosk Browser policies; device preparation's MDM sync tracks none\)/);
    expect(c.yaml).toMatch(/enrollment: 0\.\d+ # sign-in, Entra join, MDM enrollment, hybrid join; fitted to devicePreparationDuration/);
    // The two, the minutes before enrollment that run counts (time-to-desktop.test.ts), the deployment profile the records
    // name (deployment-profiles.test.ts), and the model's own timer's failures at 60 minutes (timer-ended.test.ts).
    expect(calibrationReport(c).segments[0]!.readings.length).toBe(5);
  });
});

describe("a twin's failures in another flow", () => {
  it("fail with that flow's page: an ESP app failure is device preparation's in device preparation, and back", () => {
    const codes = (scenario: 'device-preparation' | 'user-driven', code: 'ESP_APP_FAILED' | 'APDP_APP_FAILED') => {
      const env = EnvironmentSchema.parse(segmentEnvironment({ scenario, joinType: 'entra' }, { deviceApps: 2, userApps: 0, deviceApp: { median: 2, p90: 4 }, userApp: null, failures: [{ phase: 'deviceSetup', code, probability: 0.3 }] }, 60));
      const seen = new Set<string>();
      for (let i = 0; i < 200; i++) {
        const o = simulate(env, { seed: 4, index: i, trace: false }).outcome;
        if (o.status === 'failed') seen.add(o.errorCode!);
      }
      return [...seen];
    };
    // Before: ESP_APP_FAILED (the ESP's page) in device preparation, which has no ESP, and APDP_APP_FAILED on an ESP.
    expect(codes('device-preparation', 'ESP_APP_FAILED')).toEqual(['APDP_APP_FAILED']);
    expect(codes('user-driven', 'APDP_APP_FAILED')).toEqual(['ESP_APP_FAILED']);
    // The cause still names what the tenant's records say (it read "the tenant's observed ESP_APP_FAILED failures").
    const env = EnvironmentSchema.parse(segmentEnvironment({ scenario: 'user-driven', joinType: 'entra' }, { deviceApps: 2, userApps: 0, deviceApp: { median: 2, p90: 4 }, userApp: null, failures: [{ phase: 'deviceSetup', code: 'APDP_APP_FAILED', probability: 1 }] }, 60));
    expect(simulate(env, { seed: 4 }).outcome.cause).toBe("calibrated: the tenant's observed APDP_APP_FAILED failures at this phase");
  });
});

describe("device preparation's calibrated failures", () => {
  it('strike where the report put them: apps at the apps step, scripts at the scripts step, each at its rate', () => {
    const env = EnvironmentSchema.parse(segmentEnvironment({ scenario: 'device-preparation', joinType: 'entra' }, { deviceApps: 2, userApps: 0, deviceApp: { median: 2, p90: 4 }, userApp: null, failures: [{ phase: 'deviceSetup', code: 'APDP_APP_FAILED', probability: 0.1 }, { phase: 'deviceSetup', code: 'APDP_SCRIPT_FAILED', probability: 0.2 }] }, 60));
    const n = 3000;
    const seen = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const o = simulate(env, { seed: 6, index: i, trace: false }).outcome;
      if (o.status === 'failed') seen.set(`${o.failedPhase}|${o.errorCode}`, (seen.get(`${o.failedPhase}|${o.errorCode}`) ?? 0) + 1);
    }
    // Before: both at the apps step ('appsInstallation|APDP_SCRIPT_FAILED').
    expect([...seen.keys()].sort()).toEqual(['appsInstallation|APDP_APP_FAILED', 'scriptsInstallation|APDP_SCRIPT_FAILED']);
    const within = (x: number, p: number) => Math.abs(x / n - p) < 4 * Math.sqrt((p * (1 - p)) / n);
    expect(within(seen.get('appsInstallation|APDP_APP_FAILED')!, 0.1)).toBe(true);
    expect(within(seen.get('scriptsInstallation|APDP_SCRIPT_FAILED')!, 0.2)).toBe(true);
  });
});

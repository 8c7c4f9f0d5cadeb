// Graph's successOnRetry: "The deployment succeeded after hitting an initial timeout failure" (windowsAutopilotDeploymentState,
// Graph beta). The twin fails that share once at the phase, with the ESP's timeout, and its people retry (once), so its first
// time right follows the tenant's; the tenant's other failures stay failures on the retry, as they ended failed.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backtest, calibrate } from '../../src/calibrate/index.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { graphDurations, segmentEnvironment } from '../../src/calibrate/fit.ts';
import { calibrationReport, renderCalibration, renderCalibrationMarkdown } from '../../src/calibrate/report.ts';
import { EnvironmentSchema } from '../../src/environment/schema.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-retry-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Graph's successOnRetry", () => {
  it("a tenant whose deployments often succeed on retry gets a twin that retries as often: its first time right is the tenant's", async () => {
    // 300 user-driven Entra deployments: 42 successOnRetry (24 at device setup, 18 at account setup), 12 failed with an
    // app's code: first time right 82.0%, success 96.0%.
    const value = Array.from({ length: 300 }, (_, i) => {
      const failed = i % 25 === 7;
      const retried = !failed && i % 20 < 3;
      const at = i % 100 < 25 ? 'accountSetupStatus' : 'deviceSetupStatus';
      const device = 24 + (i % 17) * 0.8;
      const account = 8 + (i % 11) * 0.6;
      return {
        id: `retry-event-${i}`,
        deviceId: `retry-device-${i}`,
        enrollmentType: 'azureADJoinedWithAutopilotProfile',
        deploymentState: failed ? 'failure' : retried ? 'successOnRetry' : 'success',
        deviceSetupStatus: failed ? 'failure' : 'success',
        accountSetupStatus: failed ? 'notAttempted' : 'success',
        ...(retried ? { [at]: 'successOnRetry' } : {}),
        deviceSetupDuration: isoDuration(device),
        accountSetupDuration: isoDuration(account),
        deploymentTotalDuration: isoDuration(device + account + 6),
        enrollmentFailureDetails: failed ? 'Win32 app failed 0x87D1041C' : null,
      };
    });
    const file = join(dir, 'retries.json');
    writeFileSync(file, JSON.stringify({ value }));
    const c = await calibrate([file]);
    expect(c.yaml).toContain('  people: { onError: retry, maxRetries: 1 }');
    expect(c.yaml).toMatch(/- \{ phase: deviceSetup, code: ESP_TIMEOUT, probability: 0\.08, retried: true \} # 24 succeeded on retry/);
    expect(c.yaml).toMatch(/- \{ phase: accountSetup, code: ESP_TIMEOUT, probability: 0\.0625, retried: true \} # 18 succeeded on retry/);
    // Every report names them beside the failures.
    const report = calibrationReport(c);
    expect(renderCalibrationMarkdown(report)).toContain('ESP_TIMEOUT at deviceSetup 8.0%, succeeded on retry; ESP_TIMEOUT at accountSetup 6.0%, succeeded on retry |');
    expect(renderCalibration(report, {})).toContain('on retry ESP_TIMEOUT at deviceSetup: 24 (8.0% of deployments succeeded after an initial timeout; probability 0.08 once there');
    const b = backtest(c).segments[0]!;
    expect(b.observed.firstTimeRight).toBe(0.82);
    expect(b.observed.successRate).toBe(0.96);
    // The twin's first time right and success rate within the tenant's intervals, and no flag on either.
    const within = (x: number, [lo, hi]: [number, number]) => expect(x >= lo && x <= hi, `${x} in ${lo}–${hi}`).toBe(true);
    within(b.simulated.firstTimeRight, b.observed.firstTimeRightInterval95);
    within(b.simulated.successRate, b.observed.successInterval95);
    expect(b.flags.filter((f) => /^(first time right|success rate)/.test(f))).toEqual([]);
    // The tenant's app failures stay failures (retried and failed again), as many as observed.
    expect(b.failures.find((f) => f.code === '0x87D1041C')!.simulated).toBeCloseTo(0.04, 1);
  }, 120_000);

  it("the tenant's failures stay failures when a twin's people retry: a retry drew nothing, so every one succeeded", () => {
    const twin = segmentEnvironment({ scenario: 'user-driven', joinType: 'entra' }, { deviceApps: 2, userApps: 0, deviceApp: null, userApp: null, failures: [{ phase: 'deviceSetup', code: 'ESP_APP_FAILED', probability: 0.3 }] }, 60);
    const env = EnvironmentSchema.parse({ ...twin, people: { onError: 'retry', maxRetries: 2 } });
    const outcomes = Array.from({ length: 200 }, (_, i) => simulate(env, { seed: 5, index: i, trace: false }).outcome);
    const failed = outcomes.filter((o) => o.status === 'failed');
    expect(failed.every((o) => o.errorCode === 'ESP_APP_FAILED')).toBe(true);
    expect(Math.abs(failed.length - 60)).toBeLessThan(20);
    expect(outcomes.filter((o) => o.status === 'succeeded' && !o.firstTimeRight)).toEqual([]);
  });

  it('a retry lets a retried failure through and fails a final one again', () => {
    const env = EnvironmentSchema.parse(
      segmentEnvironment(
        { scenario: 'user-driven', joinType: 'entra' },
        { deviceApps: 2, userApps: 0, deviceApp: null, userApp: null, failures: [{ phase: 'deviceSetup', code: 'ESP_APP_FAILED', probability: 0.3 }], retried: [{ phase: 'deviceSetup', code: 'ESP_TIMEOUT', probability: 0.2 }] },
        60,
      ),
    );
    expect(env.people).toMatchObject({ onError: 'retry', maxRetries: 1 });
    let failed = 0;
    let retried = 0;
    for (let i = 0; i < 400; i++) {
      const o = simulate(env, { seed: 3, index: i, trace: false }).outcome;
      if (o.status === 'failed') {
        failed++;
        expect(o.errorCode).toBe('ESP_APP_FAILED');
      } else if (!o.firstTimeRight) {
        retried++;
        expect(o.firstError).toBe('ESP_TIMEOUT');
      }
    }
    // 30% and 20% of 400, within about three standard errors.
    expect(Math.abs(failed - 120)).toBeLessThan(30);
    expect(Math.abs(retried - 80)).toBeLessThan(25);
  });

  it('a success on retry first runs into the ESP timer, one of its apps hanging, and the retry keeps the apps installed before it', () => {
    // Graph: "succeeded after hitting an initial timeout failure". The twin failed such a device at its first app at once:
    // its device setup took about 41 minutes where the first attempt alone takes the timeout; and, its progress lost, a
    // what-if with many apps failed its retry outright.
    const twin = (apps: number) =>
      EnvironmentSchema.parse(
        segmentEnvironment({ scenario: 'user-driven', joinType: 'entra' }, { deviceApps: apps, userApps: 0, deviceApp: { median: 4, p90: 6 }, userApp: null, failures: [], retried: [{ phase: 'deviceSetup', code: 'ESP_TIMEOUT', probability: 0.2 }] }, 60),
      );
    const retriedSetups: number[] = [];
    for (let i = 0; i < 300; i++) {
      const o = simulate(twin(5), { seed: 4, index: i, trace: false }).outcome;
      if (o.status === 'succeeded' && !o.firstTimeRight) retriedSetups.push(graphDurations(o.phaseMinutes, o.totalMinutes).deviceSetup);
    }
    expect(retriedSetups.length).toBeGreaterThan(40);
    // The first attempt lasts the 60-minute timeout, then the error page and the retry.
    expect(Math.min(...retriedSetups)).toBeGreaterThan(60);
    // 15 apps of 4 minutes (median) outlast the timeout: a first attempt times out with most of them installed, and the
    // retry installs the rest. A device whose drawn app hung keeps the apps before it, as one the timer ended does: only
    // one whose app hung early is left more than the timeout's worth to install on the retry (11 of 300 here), where every
    // drawn device, its first attempt failed before any app, failed the retry too (58).
    let failed = 0;
    for (let i = 0; i < 300; i++) if (simulate(twin(15), { seed: 4, index: i, trace: false }).outcome.status === 'failed') failed++;
    expect(failed).toBeLessThan(25);
  });

  it("the backtest holds the twin's successes on retry against the tenant's: their total, which the fit does not see", async () => {
    // 300 user-driven Entra deployments, 45 of them successOnRetry at device setup, whose total holds a first attempt of
    // `first` minutes before the retry. The twin's first attempt runs to the 60-minute timeout.
    const exportWith = (name: string, first: (i: number) => number) => {
      const value = Array.from({ length: 300 }, (_, i) => {
        const retried = i % 20 < 3;
        const device = 24 + (i % 17) * 0.8;
        const account = 8 + (i % 11) * 0.6;
        return {
          id: `${name}-event-${i}`,
          enrollmentType: 'azureADJoinedWithAutopilotProfile',
          deploymentState: retried ? 'successOnRetry' : 'success',
          deviceSetupStatus: retried ? 'successOnRetry' : 'success',
          accountSetupStatus: 'success',
          deviceSetupDuration: isoDuration(device + (retried ? first(i) : 0)),
          accountSetupDuration: isoDuration(account),
          deploymentTotalDuration: isoDuration(device + account + 6 + (retried ? first(i) : 0)),
          enrollmentFailureDetails: null,
        };
      });
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify({ value }));
      return file;
    };
    // A first attempt to the timeout, with some of the apps installed in it (the retry does the rest): as the twin's.
    const timedOut = backtest(await calibrate([exportWith('timed-out', (i) => 60 - (i % 7) * 3)])).segments[0]!;
    expect(timedOut.retriedTotal!.observed.n).toBe(45);
    expect(Math.abs(timedOut.retriedTotal!.simulated.p50! - timedOut.retriedTotal!.observed.p50!)).toBeLessThan(10);
    expect(timedOut.flags.filter((f) => f.startsWith('successes on retry:'))).toEqual([]);
    // Retries a few minutes long, which no first attempt that ran into a 60-minute timer gives: flagged, both medians said.
    const quick = backtest(await calibrate([exportWith('quick', () => 3)])).segments[0]!;
    expect(quick.flags.find((f) => f.startsWith('successes on retry:'))).toMatch(/^successes on retry: their total took \d+\.\d min \(median; p90 \d+\.\d\) in the tenant's 45, \d+\.\d \(p90 \d+\.\d\) in the twin's \(KS distance 1(\.0+)?, beyond/);
    // Every report gives the line.
    const c = await calibrate([exportWith('quick', () => 3)]);
    const report = calibrationReport(c, backtest(c));
    expect(renderCalibration(report, {})).toMatch(/user-driven\/entra: successes on retry, total \(min; not fitted, both attempts in it\) p50 \/ p75 \/ p90: observed/);
    expect(renderCalibrationMarkdown(report)).toMatch(/- user-driven\/entra: successes on retry, total/);
  }, 120_000);
});


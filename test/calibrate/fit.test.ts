// Fitting: the world's hook for calibrated failures, parameter recovery from a synthetic export
// written with known parameters, and the twin accepted by run, compare, sweep and recommend.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backtest, calibrate } from '../../src/calibrate/index.ts';
import { SAMPLE, SAMPLE_FILE } from '../../src/calibrate/sample.ts';
import { writeSynthetic, type SyntheticSegment } from '../../src/calibrate/synthetic.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { loadFleet } from '../../src/fleet/index.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

describe('the world hook: calibrated failure rates', () => {
  it('fails at the phase with the code, at the rate given, and draws nothing when unset', () => {
    // An Entra-joined device: a code of its flow (0x80070774 is the hybrid join's, which strikes hybrid devices only: test/world/calibrated-hybrid-only.test.ts).
    const env = defaultEnvironment({ calibrated: { failures: [{ phase: 'deviceSetup', code: 'ESP_APP_FAILED', probability: 0.3 }] } });
    let failed = 0;
    for (let i = 0; i < 2000; i++) {
      const o = simulate(env, { seed: 3, index: i, trace: false }).outcome;
      if (o.status === 'failed') {
        expect(o.errorCode).toBe('ESP_APP_FAILED');
        expect(o.failedPhase).toBe('deviceSetup');
        failed++;
      }
    }
    // 2000 draws at 0.3: within four standard deviations.
    expect(Math.abs(failed / 2000 - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / 2000));
    const plain = simulate(defaultEnvironment(), { seed: 3, index: 5 });
    const empty = simulate(defaultEnvironment({ calibrated: { failures: [] } }), { seed: 3, index: 5 });
    expect(empty.trace).toEqual(plain.trace);
  });

  it('enrollment and account setup failures land in their phases; a retry does not draw again: a final failure fails it, a retried one lets it through', () => {
    const at = (phase: 'enrollment' | 'accountSetup', extra = {}, retried?: true) =>
      simulate(defaultEnvironment({ calibrated: { failures: [{ phase, code: 'ESP_APP_FAILED', probability: 1, ...(retried ? { retried } : {}) }] }, ...extra }), { seed: 1 }).outcome;
    expect(at('enrollment').failedPhase).toBe('identity');
    expect(at('accountSetup').failedPhase).toBe('accountSetup');
    const retry = { esp: { allowReset: false }, people: { onError: 'retry', maxRetries: 1 } };
    const final = at('accountSetup', retry);
    expect(final.status).toBe('failed');
    expect(final.errorCode).toBe('ESP_APP_FAILED');
    const retried = at('accountSetup', retry, true);
    expect(retried.status).toBe('succeeded');
    expect(retried.firstTimeRight).toBe(false);
  });

  it('the schema refuses a code the catalogue does not hold', async () => {
    const dir = tempDir('calibrate-schema-');
    const file = join(dir, 'x.yaml');
    writeFileSync(file, 'calibrated: { failures: [{ phase: deviceSetup, code: NOT_A_CODE, probability: 0.1 }] }\n');
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/calibrated\.failures\[0\]\.code: expected one of/);
  });
});

describe('the world hook: calibrated step factors', () => {
  it('scale the steps of the phases behind each Graph duration, not the apps nor the OOBE, and draw nothing', () => {
    const apps = [{ name: 'A', installMinutes: { fixed: 7 } }, { name: 'U', target: 'user' as const, context: 'user' as const, installMinutes: { fixed: 3 } }];
    const plain = defaultEnvironment({ apps, calibrated: { failures: [] } });
    const scaled = defaultEnvironment({ apps, calibrated: { failures: [], steps: { enrollment: 0.5, deviceSetup: 2, accountSetup: 3 } } });
    for (let i = 0; i < 20; i++) {
      const a = simulate(plain, { seed: 4, index: i, trace: false }).outcome.phaseMinutes;
      const b = simulate(scaled, { seed: 4, index: i, trace: false }).outcome.phaseMinutes;
      // Device setup: its steps doubled, the 7-minute app not; account setup likewise with 3.
      expect(b.deviceSetup! + b.devicePreparation! - 7).toBeCloseTo(2 * (a.deviceSetup! + a.devicePreparation! - 7), 1);
      expect(b.accountSetup! - 3).toBeCloseTo(3 * (a.accountSetup! - 3), 1);
      expect(b.identity!).toBeCloseTo(0.5 * a.identity!, 1);
      expect(b.oobe).toBe(a.oobe);
    }
    expect(simulate(defaultEnvironment({ calibrated: { failures: [] } }), { seed: 4, index: 1 }).trace).toEqual(simulate(defaultEnvironment(), { seed: 4, index: 1 }).trace);
  });
});

// Tolerances, stated: per-app median within 15% and p90 within 25% of the truth; a step factor
// fitted where it can be told apart (the enrollment steps; a phase without apps) within 5%; a
// failure probability within 3 standard errors of a binomial at the observed sample size (or
// 0.005); and the twin's simulated durations within a KS distance of 0.05 of the observed ones.
// Where a phase has apps, its steps and its apps trade off (slower steps and faster apps give the
// same durations), so the fit keeps the steps at their defaults; the truth here has them there.
const TRUTH: SyntheticSegment = {
  segment: { scenario: 'user-driven', joinType: 'entra' },
  count: 4000,
  deviceApps: 5,
  deviceApp: { median: 4, p90: 9 },
  userApps: 2,
  userApp: { median: 3, p90: 7 },
  steps: { enrollment: 0.8 },
  failures: [
    { phase: 'deviceSetup', code: 'ESP_APP_FAILED', probability: 0.05 },
    { phase: 'enrollment', code: '0x80180014', probability: 0.02 },
  ],
};
export const TOLERANCE = { median: 0.15, p90: 0.25, factor: 0.05, probabilitySe: 3, ks: 0.05 };

const within = (got: number, want: number, tol: number) => expect(Math.abs(got / want - 1), `${got} vs ${want}`).toBeLessThanOrEqual(tol);

describe('parameter recovery', () => {
  it('calibrating a synthetic export recovers the app times, step factors and failure rates it was written from', { timeout: 120_000 }, async () => {
    const dir = tempDir('calibrate-recovery-');
    const { files } = writeSynthetic(dir, { seed: 11, segments: [TRUTH], pageSize: 1000 });
    expect(files.length).toBeGreaterThan(3);
    const c = await calibrate(files, { deviceApps: 5, userApps: 2 });
    const fit = c.fits[0]!;
    within(fit.deviceApp!.median, 4, TOLERANCE.median);
    within(fit.deviceApp!.p90, 9, TOLERANCE.p90);
    within(fit.userApp!.median, 3, TOLERANCE.median);
    within(fit.userApp!.p90, 7, TOLERANCE.p90);
    const step = (phase: string) => fit.steps.find((s) => s.phase === phase)!;
    within(step('enrollment').factor!, 0.8, TOLERANCE.factor);
    expect(step('deviceSetup').basis).toBe('defaults: not told apart from the apps');
    expect(step('accountSetup').basis).toBe('defaults: not told apart from the apps');
    for (const truth of TRUTH.failures) {
      const got = fit.failures.find((f) => f.phase === truth.phase && f.code === truth.code)!;
      const se = Math.sqrt((truth.probability * (1 - truth.probability)) / fit.events);
      expect(Math.abs(got.probability - truth.probability)).toBeLessThanOrEqual(Math.max(0.005, TOLERANCE.probabilitySe * se));
    }
    for (const q of fit.quality) expect(q.ks!, q.kind).toBeLessThanOrEqual(TOLERANCE.ks);
    expect(c.yaml).toMatch(/^ {4}steps:\n {6}enrollment: 0\.8\d? # sign-in, Entra join/m);
    // And the backtest finds nothing to flag.
    const b = backtest(c, 3000);
    expect(b.segments[0]!.flags).toEqual([]);
  });

  it('a phase without apps: its steps\' factor is what the phase is made of, and is recovered', { timeout: 60_000 }, async () => {
    const dir = tempDir('calibrate-kiosk-');
    const kiosk: SyntheticSegment = { segment: { scenario: 'self-deploying', joinType: 'entra' }, count: 800, deviceApps: 0, deviceApp: null, userApps: 0, userApp: null, steps: { deviceSetup: 1.6 }, failures: [] };
    const { files } = writeSynthetic(dir, { seed: 12, segments: [kiosk] });
    const fit = (await calibrate(files, { deviceApps: 0, userApps: 0 })).fits[0]!;
    const device = fit.steps.find((s) => s.phase === 'deviceSetup')!;
    expect(device.basis).toBe('fitted');
    within(device.factor!, 1.6, TOLERANCE.factor);
    for (const q of fit.quality) if (q.ks !== null) expect(q.ks, q.kind).toBeLessThanOrEqual(TOLERANCE.ks + 0.02);
  });

  it('slower steps beside apps: the split is not recovered, the durations are', { timeout: 60_000 }, async () => {
    const dir = tempDir('calibrate-ridge-');
    const slow: SyntheticSegment = { ...TRUTH, count: 2000, steps: { accountSetup: 1.5 }, failures: [] };
    const { files } = writeSynthetic(dir, { seed: 13, segments: [slow] });
    const fit = (await calibrate(files, { deviceApps: 5, userApps: 2 })).fits[0]!;
    // The user apps take the steps' extra time...
    expect(fit.userApp!.median).toBeGreaterThan(3 * (1 + TOLERANCE.median));
    // ...and account setup is still what was observed.
    const acc = fit.quality.find((q) => q.kind === 'accountSetup')!;
    expect(acc.ks!).toBeLessThanOrEqual(TOLERANCE.ks + 0.01);
    within(acc.simulated.p50!, acc.observed.p50!, 0.05);
    within(acc.simulated.p90!, acc.observed.p90!, 0.05);
  });

  it('the same export and options give the same twin, byte for byte; docs/calibrate.md quotes the backtest as printed', { timeout: 120_000 }, async () => {
    const sample = fileURLToPath(new URL(`../../scenarios/calibration/${SAMPLE_FILE}`, import.meta.url));
    const dir = tempDir('calibrate-readme-');
    const r = await cli('calibrate', sample, '-o', join(dir, 'twin.yaml'), '--check', '--markdown');
    expect(r.code, r.err).toBe(0);
    expect((await calibrate([sample])).yaml).toBe(readFileSync(join(dir, 'twin.yaml'), 'utf8'));
    // The backtest tables docs/calibrate.md quotes are the command's, row for row.
    const readme = readFileSync(new URL('../../docs/calibrate.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('The backtest of the bundled sample'), readme.indexOf('The what-ifs on the user-driven Entra twin'));
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
    expect(rows.length).toBeGreaterThan(10);
    const printed = r.out.split('\n');
    for (const row of rows) expect(printed, row).toContain(row);
  });
});

describe('the bundled sample', () => {
  it('is what the generator writes from the known parameters (synthetic, labelled so)', () => {
    const dir = tempDir('calibrate-sample-');
    writeSynthetic(dir, { ...SAMPLE, format: 'csv', prefix: SAMPLE_FILE.replace(/\.csv$/, '') });
    const bundled = readFileSync(new URL(`../../scenarios/calibration/${SAMPLE_FILE}`, import.meta.url), 'utf8');
    expect(readFileSync(join(dir, SAMPLE_FILE), 'utf8')).toBe(bundled);
    expect(bundled).toContain('SYNTHETIC-');
  });
});

describe('the twin is a fleet file like any other', () => {
  it('run, compare, sweep and recommend accept it; --segment gives one environment that scenario overrides change', { timeout: 180_000 }, async () => {
    const dir = tempDir('calibrate-twin-');
    const sample = fileURLToPath(new URL(`../../scenarios/calibration/${SAMPLE_FILE}`, import.meta.url));
    const twin = join(dir, 'twin.yaml');
    const one = join(dir, 'twin-ud.yaml');
    expect((await cli('calibrate', sample, '-o', twin)).code).toBe(0);
    expect((await cli('calibrate', sample, '--segment', 'user-driven/entra', '-o', one)).code).toBe(0);
    expect(loadFleet(twin).groups.map((g) => g.name)).toEqual(['user-driven/entra', 'user-driven/hybrid', 'self-deploying/entra']);
    expect(loadFleet(one).groups).toHaveLength(1);
    const run = await cli('run', twin, '--devices', '300', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).groups.map((g: { name: string }) => g.name)).toEqual(['user-driven/entra', 'user-driven/hybrid', 'self-deploying/entra']);
    const cmp = await cli('compare', one, '--scenarios', 'user-driven,pre-provisioned', '--devices', '300', '--json');
    expect(cmp.code).toBe(0);
    const c = JSON.parse(cmp.out);
    // Pre-provisioning moves the device ESP to the technician: the end user's time falls.
    expect(c.b.report.timeToDesktop.endUser.p50).toBeLessThan(c.a.report.timeToDesktop.endUser.p50);
    const sweep = await cli('sweep', one, '--vary', 'apps=7..13:6', '--devices', '300', '--json');
    expect(sweep.code).toBe(0);
    const rows = JSON.parse(sweep.out).rows;
    expect(rows[1].p50).toBeGreaterThan(rows[0].p50);
    expect((await cli('recommend', one, '--devices', '200', '--json')).code).toBe(0);
  });
});

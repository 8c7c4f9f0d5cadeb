// Fitting: the world's hook for calibrated failures, parameter recovery from a synthetic export
// written with known parameters, and the twin accepted by run, compare, sweep and recommend.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

describe('the world hook: calibrated failure rates', () => {
  it('fails at the phase with the code, at the rate given, and draws nothing when unset', () => {
    const env = defaultEnvironment({ calibrated: { failures: [{ phase: 'deviceSetup', code: '0x80070774', probability: 0.3 }] } });
    let failed = 0;
    for (let i = 0; i < 2000; i++) {
      const o = simulate(env, { seed: 3, index: i, trace: false }).outcome;
      if (o.status === 'failed') {
        expect(o.errorCode).toBe('0x80070774');
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

  it('enrollment and account setup failures land in their phases; a retry does not draw again', () => {
    const at = (phase: 'enrollment' | 'accountSetup', extra = {}) =>
      simulate(defaultEnvironment({ calibrated: { failures: [{ phase, code: 'ESP_APP_FAILED', probability: 1 }] }, ...extra }), { seed: 1 }).outcome;
    expect(at('enrollment').failedPhase).toBe('identity');
    expect(at('accountSetup').failedPhase).toBe('accountSetup');
    const retried = at('accountSetup', { esp: { allowReset: false }, people: { onError: 'retry', maxRetries: 1 } });
    expect(retried.status).toBe('succeeded');
    expect(retried.firstTimeRight).toBe(false);
  });

  it('the schema refuses a code the catalogue does not hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calibrate-schema-'));
    const file = join(dir, 'x.yaml');
    writeFileSync(file, 'calibrated: { failures: [{ phase: deviceSetup, code: NOT_A_CODE, probability: 0.1 }] }\n');
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/calibrated\.failures\[0\]\.code: expected one of/);
  });
});

// Tolerances, stated: per-app median within 15% and p90 within 25% of the truth; a failure
// probability within 3 standard errors of a binomial at the observed sample size (or 0.005).
const TRUTH: SyntheticSegment = {
  segment: { scenario: 'user-driven', joinType: 'entra' },
  count: 4000,
  deviceApps: 5,
  deviceApp: { median: 4, p90: 9 },
  userApps: 2,
  userApp: { median: 3, p90: 7 },
  failures: [
    { phase: 'deviceSetup', code: 'ESP_APP_FAILED', probability: 0.05 },
    { phase: 'enrollment', code: '0x80180014', probability: 0.02 },
  ],
};
export const TOLERANCE = { median: 0.15, p90: 0.25, probabilitySe: 3 };

describe('parameter recovery', () => {
  it('calibrating a synthetic export recovers the app times and failure rates it was written from', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calibrate-recovery-'));
    const { files } = writeSynthetic(dir, { seed: 11, segments: [TRUTH], pageSize: 1000 });
    expect(files.length).toBeGreaterThan(3);
    const c = await calibrate(files, { deviceApps: 5, userApps: 2 });
    const fit = c.fits[0]!;
    const within = (got: number, want: number, tol: number) => expect(Math.abs(got / want - 1), `${got} vs ${want}`).toBeLessThanOrEqual(tol);
    within(fit.deviceApp!.median, 4, TOLERANCE.median);
    within(fit.deviceApp!.p90, 9, TOLERANCE.p90);
    within(fit.userApp!.median, 3, TOLERANCE.median);
    within(fit.userApp!.p90, 7, TOLERANCE.p90);
    for (const truth of TRUTH.failures) {
      const got = fit.failures.find((f) => f.phase === truth.phase && f.code === truth.code)!;
      const se = Math.sqrt((truth.probability * (1 - truth.probability)) / fit.events);
      expect(Math.abs(got.probability - truth.probability)).toBeLessThanOrEqual(Math.max(0.005, TOLERANCE.probabilitySe * se));
    }
    // And the backtest finds nothing to flag.
    const b = backtest(c, 3000);
    expect(b.segments[0]!.flags).toEqual([]);
  });

  it('the same export and options give the same twin, byte for byte', async () => {
    const sample = fileURLToPath(new URL(`../../scenarios/calibration/${SAMPLE_FILE}`, import.meta.url));
    const a = await calibrate([sample]);
    const b = await calibrate([sample]);
    expect(a.yaml).toBe(b.yaml);
  });
});

describe('the bundled sample', () => {
  it('is what the generator writes from the known parameters (synthetic, labelled so)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calibrate-sample-'));
    writeSynthetic(dir, { ...SAMPLE, format: 'csv', prefix: SAMPLE_FILE.replace(/\.csv$/, '') });
    const bundled = readFileSync(new URL(`../../scenarios/calibration/${SAMPLE_FILE}`, import.meta.url), 'utf8');
    expect(readFileSync(join(dir, SAMPLE_FILE), 'utf8')).toBe(bundled);
    expect(bundled).toContain('SYNTHETIC-');
  });
});

describe('the twin is a fleet file like any other', () => {
  it('run, compare, sweep and recommend accept it; --segment gives one environment that scenario overrides change', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calibrate-twin-'));
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

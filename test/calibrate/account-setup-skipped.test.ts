// A tenant whose ESP profile does not show account setup (SkipUserStatusPage): Graph records every
// successful deployment's accountSetupStatus as notAttempted, with no account setup duration. The
// twin skips it too; it ran it, with the user apps at their default install time, and took ten
// minutes longer than the tenant's total.

import { describe, expect, it } from 'vitest';
import { backtest, calibrate } from '../../src/calibrate/index.ts';
import { calibrationReport, renderCalibration } from '../../src/calibrate/report.ts';
import { writeSynthetic, type SyntheticSegment } from '../../src/calibrate/synthetic.ts';
import { tempDir } from '../helpers/temp.ts';

const noise = { inProgress: 0, unknownType: 0, duplicateEvent: 0, redeployedDevice: 0, missingDuration: 0, zeroDuration: 0, negativeDuration: 0, successWithTimeout: 0 };

describe('account setup not shown', () => {
  it('a tenant whose ESP skips account setup gets a twin that skips it, and follows its total', { timeout: 60_000 }, async () => {
    const dir = tempDir('account-skipped-');
    const { files } = writeSynthetic(dir, { seed: 11, noise, segments: [{ segment: { scenario: 'user-driven', joinType: 'entra' }, count: 600, deviceApps: 5, deviceApp: { median: 4, p90: 9 }, userApps: 0, userApp: null, failures: [], skipsAccountSetup: true }] });
    // The admin leaves --user-apps at its default (2).
    const c = await calibrate(files);
    const fit = c.fits[0]!;
    expect(fit.skipsAccountSetup).toBe(true);
    expect(fit.userApps).toBe(0);
    expect(c.yaml).toMatch(/esp: \{ timeoutMinutes: 60, skipUserStatusPage: true \}/);
    expect(fit.caveats.filter((f) => f.startsWith('account setup'))).toEqual([]);
    const b = backtest(c).segments[0]!;
    const total = b.durations.find((d) => d.kind === 'total')!;
    expect(total.ks!).toBeLessThan(0.1);
    expect(Math.abs(total.simulated.p50! - total.observed.p50!)).toBeLessThan(2);
    // No account setup durations on either side, as Graph records none.
    expect(b.durations.find((d) => d.kind === 'accountSetup')!.simulated.n).toBe(0);
    expect(renderCalibration(calibrationReport(c))).toMatch(/account setup not shown in (\d+) of \1 successful deployments: skipped \(SkipUserStatusPage\), no user apps tracked/);
  });

  it('a tenant whose ESP is off gets a twin with the ESP off, and follows its total', { timeout: 60_000 }, async () => {
    const dir = tempDir('esp-off-');
    const { files } = writeSynthetic(dir, { seed: 12, noise, segments: [{ segment: { scenario: 'user-driven', joinType: 'entra' }, count: 600, deviceApps: 5, deviceApp: { median: 4, p90: 9 }, userApps: 2, userApp: { median: 3, p90: 7 }, failures: [], espNotShown: true }] });
    const c = await calibrate(files);
    const fit = c.fits[0]!;
    expect(fit.espNotShown).toBe(true);
    expect([fit.deviceApps, fit.userApps]).toEqual([0, 0]);
    expect(c.yaml).toMatch(/esp: \{ enabled: false, timeoutMinutes: 60 \}/);
    const b = backtest(c).segments[0]!;
    const total = b.durations.find((d) => d.kind === 'total')!;
    // Before: the twin ran the ESP with 5 device apps at their default install time, its total twice the tenant's.
    expect(total.ks!).toBeLessThan(0.1);
    expect(b.durations.filter((d) => d.kind !== 'total').map((d) => d.simulated.n)).toEqual([0, 0]);
    expect(renderCalibration(calibrationReport(c))).toMatch(/the ESP not shown in (\d+) of \1 successful deployments \(deviceSetupStatus notAttempted or disabled\): the twin's ESP is off, no apps tracked/);
  });

  it('a tenant with a few deployments without the ESP is told the twin shows it for all, and their durations are listed as left out', { timeout: 60_000 }, async () => {
    const dir = tempDir('esp-some-off-');
    const ud: Omit<SyntheticSegment, 'count'> = { segment: { scenario: 'user-driven', joinType: 'entra' }, deviceApps: 5, deviceApp: { median: 4, p90: 9 }, userApps: 2, userApp: { median: 3, p90: 7 }, failures: [] };
    const { files } = writeSynthetic(dir, { seed: 13, noise, segments: [{ ...ud, count: 540 }, { ...ud, count: 60, espNotShown: true }] });
    const c = await calibrate(files);
    const fit = c.fits[0]!;
    expect(fit.espNotShown).toBe(false);
    expect(fit.caveats).toContainEqual(expect.stringMatching(/^device setup: not shown in 60 of \d+ successful deployments \(deviceSetupStatus notAttempted or disabled\): the twin shows the ESP for all, as most of the tenant's ESP profiles do$/));
    expect(c.observed.segments.get('user-driven/entra')!.durationsLeftOut.get('deviceSetupDuration with status disabled: the ESP not shown')).toBe(60);
    // The twin shows the ESP: its enrollment steps are fitted to the deployments that showed it, whose total less device and
    // account setup is the enrollment; the others' total holds the whole deployment (mixed in, x1.11 for x1).
    const alone = (await calibrate(writeSynthetic(tempDir('esp-on-'), { seed: 13, noise, segments: [{ ...ud, count: 540 }] }).files)).fits[0]!;
    const factor = (f: typeof fit) => f.steps.find((st) => st.phase === 'enrollment')!.factor!;
    expect(Math.abs(factor(fit) - factor(alone))).toBeLessThan(0.05);
  });
});

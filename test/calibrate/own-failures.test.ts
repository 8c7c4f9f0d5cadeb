// The model fails some deployments on its own: its ESP timer ends those whose fitted apps run past
// the timeout, and Graph records them as failures at device setup. The calibrated failure
// probabilities are what the tenant's failures add to these, so the twin does not count them twice.

import { describe, expect, it } from 'vitest';
import { backtest, calibrate } from '../../src/calibrate/index.ts';
import { writeSynthetic } from '../../src/calibrate/synthetic.ts';
import { tempDir } from '../helpers/temp.ts';

describe("the model's own failures", () => {
  it('a tenant with slow apps, whose ESP timer ends one deployment in eleven: the twin fails as often, not twice as often', { timeout: 60_000 }, async () => {
    const dir = tempDir('own-failures-');
    const noise = { inProgress: 0, unknownType: 0, duplicateEvent: 0, redeployedDevice: 0, missingDuration: 0, zeroDuration: 0, negativeDuration: 0, successWithTimeout: 0 };
    // No failure of its own: every failure in the export is the model's ESP timer (written as Graph writes it, a device setup failure without a code).
    const { files } = writeSynthetic(dir, { seed: 7, noise, segments: [{ segment: { scenario: 'user-driven', joinType: 'entra' }, count: 2000, deviceApps: 5, deviceApp: { median: 7, p90: 13 }, userApps: 2, userApp: { median: 3, p90: 7 }, failures: [] }] });
    const c = await calibrate(files);
    const fit = c.fits[0]!;
    const observed = fit.failures.find((f) => f.phase === 'deviceSetup')!;
    expect(observed.share).toBeGreaterThan(0.05);
    // What the model fails at device setup on its own is about what was observed there; what is left to calibrate is small.
    expect(fit.modelFailures.deviceSetup).toBeGreaterThan(0.05);
    expect(observed.probability).toBeLessThan(0.3 * observed.share);
    const b = backtest(c).segments[0]!;
    const [lo, hi] = b.observed.successInterval95;
    expect(b.simulated.successRate).toBeGreaterThanOrEqual(lo - 0.01);
    expect(b.simulated.successRate).toBeLessThanOrEqual(hi + 0.01);
    expect(b.flags.filter((f) => f.startsWith('success rate'))).toEqual([]);
  });

  it('a model that fails more than the tenant at a phase is flagged: the tenant\'s ESP waits 120 minutes, the twin\'s 60', { timeout: 60_000 }, async () => {
    const dir = tempDir('own-failures-');
    const noise = { inProgress: 0, unknownType: 0, duplicateEvent: 0, redeployedDevice: 0, missingDuration: 0, zeroDuration: 0, negativeDuration: 0, successWithTimeout: 0 };
    const { files } = writeSynthetic(dir, { seed: 8, noise, espTimeoutMinutes: 120, segments: [{ segment: { scenario: 'user-driven', joinType: 'entra' }, count: 1500, deviceApps: 5, deviceApp: { median: 9, p90: 16 }, userApps: 0, userApp: null, failures: [] }] });
    const fit = (await calibrate(files, { userApps: 0 })).fits[0]!;
    expect(fit.flags.find((f) => f.startsWith('device setup: the model fails'))).toMatch(/^device setup: the model fails [\d.]+% of deployments there on its own \(ESP_TIMEOUT\), more than the [\d.]+% observed: the fitted steps and apps end more deployments than the tenant's do; a what-if that lengthens the ESP timeout or takes apps away can save the twin up to [\d.]+% of deployments there, where the tenant's had at most [\d.]+% to save$/);
    // Nothing is calibrated on top of the model's own failures there.
    expect(fit.failures.filter((f) => f.phase === 'deviceSetup' && f.probability > 0)).toEqual([]);
  });
});

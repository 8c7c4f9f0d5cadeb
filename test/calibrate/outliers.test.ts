// A few successes recorded with absurd durations (a device left days at the ESP error page, then
// counted a success) must not decide the fit: the noise a step factor must beat is read from the
// quartiles, not the variance.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIT, fitSegment } from '../../src/calibrate/fit.ts';
import { SegmentObservation } from '../../src/calibrate/observe.ts';
import { createRandom } from '../../src/world/random.ts';

function selfDeploying(outliers: number[]): SegmentObservation {
  const r = createRandom(7, 0);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
  const obs = new SegmentObservation({ scenario: 'self-deploying', joinType: 'entra' });
  for (let i = 0; i < 115; i++) {
    const dev = i < outliers.length ? outliers[i]! : 25 * Math.exp((Math.log(40 / 25) / 1.2815515655446004) * normal());
    obs.events++;
    obs.outcomes.success++;
    obs.durations.deviceSetup.add(dev);
    obs.durations.total.add(dev);
  }
  return obs;
}

describe('outliers among the successes', () => {
  it('two device setups of 51 and 95 hours among 115 of about 25 minutes leave the noise where it was', () => {
    const clean = fitSegment(selfDeploying([]), { ...DEFAULT_FIT, devices: 500 }).steps.find((s) => s.phase === 'deviceSetup')!;
    const dirty = fitSegment(selfDeploying([51 * 60, 95 * 60]), { ...DEFAULT_FIT, devices: 500 }).steps.find((s) => s.phase === 'deviceSetup')!;
    // Before: 1.1 minutes without them, 73.7 with them (from the variance), so no factor could ever be taken.
    expect(clean.noise!).toBeLessThan(3);
    expect(dirty.noise!).toBeLessThan(1.5 * clean.noise!);
  }, 60_000);
});

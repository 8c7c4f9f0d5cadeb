// What the model's devices show in Graph's terms: deploymentTotalDuration runs "from enrollment to
// Desktop screen", so it holds nothing that comes before enrollment.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIT, fitSegment, graphDurations, phaseSum, segmentEnvironment } from '../../src/calibrate/fit.ts';
import { SegmentObservation } from '../../src/calibrate/observe.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { EnvironmentSchema } from '../../src/environment/schema.ts';

describe('graphDurations', () => {
  it("an existing device's total holds no task sequence: it reinstalls Windows before OOBE, and Intune knows nothing of it", () => {
    const env = EnvironmentSchema.parse(segmentEnvironment({ scenario: 'existing-devices', joinType: 'entra' }, { deviceApps: 0, userApps: 0, deviceApp: null, userApp: null, failures: [] }, 60));
    let checked = 0;
    for (let i = 0; i < 20; i++) {
      const o = simulate(env, { seed: 5, index: i, trace: false }).outcome;
      if (o.status !== 'succeeded') continue;
      checked++;
      expect(o.phaseMinutes.taskSequence).toBeGreaterThan(10);
      const d = graphDurations(o.phaseMinutes, o.totalMinutes);
      // Device setup, account setup and the enrollment steps make the whole total.
      expect(d.total).toBeCloseTo(d.deviceSetup + d.accountSetup + phaseSum(o.phaseMinutes, 'enrollment'), 1); // phase minutes are rounded to 0.01
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('a user-driven device: the total is every active minute after the OOBE screens', () => {
    const env = EnvironmentSchema.parse(segmentEnvironment({ scenario: 'user-driven', joinType: 'entra' }, { deviceApps: 0, userApps: 0, deviceApp: null, userApp: null, failures: [] }, 60));
    const o = simulate(env, { seed: 5, index: 0, trace: false }).outcome;
    expect(o.status).toBe('succeeded');
    expect(graphDurations(o.phaseMinutes, o.totalMinutes).total).toBeCloseTo(o.totalMinutes - o.phaseMinutes.oobe!, 6);
  });

  it("a self-deploying tenant whose totals run past its device setups is told the model's flow has nothing there", () => {
    // The model's self-deploying device joins and enrolls inside the device ESP: its total is its device setup. A tenant
    // whose total holds 4 more minutes got a total KS distance of 0.2 put down to the shape of the model's steps.
    const obs = new SegmentObservation({ scenario: 'self-deploying', joinType: 'entra' });
    for (let i = 0; i < 100; i++) {
      const dev = 20 + (i % 20);
      obs.events++;
      obs.outcomes.success++;
      obs.durations.deviceSetup.add(dev);
      obs.durations.total.add(dev + 4);
      obs.remainder.add(4);
    }
    const fit = fitSegment(obs, { ...DEFAULT_FIT, devices: 300 });
    expect(fit.flags).toContain("enrollment: the tenant's deployments spend 4 min (median) of deploymentTotalDuration outside device and account setup, where the model's self-deploying flow has none (its join and enrollment run inside the device ESP): the twin's total is about that much shorter");
  }, 60_000);
});

// A fleet's statistics come straight from its reused outcome observer (Accumulator.addRun, src/fleet/stats.ts): one
// FleetRunner runs device after device, each starting from what the device before left, and only the phases a device
// was in are cleared and read. Devices of any scenario, failures and retries included, one after another through one
// runner, give the outcome a fresh simulate() gives each, and the statistics add(outcome) adds from it.
import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { anyEnvironmentArbitrary } from '../../src/capabilities/generators.ts';
import { hundredths, minutes } from '../../src/engine/observers.ts';
import { FleetRunner, simulate } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { Accumulator } from '../../src/fleet/stats.ts';

test.prop([fc.array(anyEnvironmentArbitrary({ maxFaults: 2 }), { minLength: 2, maxLength: 6 })], { numRuns: 60 })(
  'devices one after another through one runner: the outcome and statistics of each as if it ran alone',
  (devices) => {
    const runner = new FleetRunner();
    const reused = new Accumulator(1, 1);
    const alone = new Accumulator(1, 1);
    devices.forEach(({ environment, seed }, index) => {
      const env = defaultEnvironment(environment);
      const r = runner.run(env, seed, index);
      const own = simulate(env, { seed, index, trace: false }).outcome;
      expect(r.outcome(seed).phaseMinutes, `device ${index}`).toEqual(own.phaseMinutes);
      expect(r.status).toBe(own.status);
      reused.addRun(r, seed, 0, 0, index);
      alone.add(own, 0, 0, index);
    });
    expect(reused.toData()).toEqual(alone.toData());
  },
);

test.prop([fc.oneof(fc.double({ min: 0, max: 527_040 * 60_000, noNaN: true }), fc.integer({ min: 0, max: 1e9 }).map((k) => k * 600 + 300))], { numRuns: 2000 })(
  "a phase's whole hundredths of a minute, in ms, are its minutes to the hundredth in ms",
  (ms) => {
    expect(hundredths(ms) * 600).toBe(Math.round(minutes(ms) * 60_000));
    expect(hundredths(ms) / 100).toBe(Math.round((ms / 60_000) * 100) / 100);
  },
);

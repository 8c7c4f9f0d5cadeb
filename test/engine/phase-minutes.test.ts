// Every active minute of a run (end user + technician + unattended) is in a phase that is not a waiting one: also on an
// error page (the phase that failed) and on device preparation's 100 % and "Required setup complete" screens, so a failed
// run's phases no longer add up to less than its total. Waiting (shipping between a pre-provisioned device's flows, a
// remote reset pending until the device's next check-in) is in phases of its own, which reports mark as not active time.
import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { anyEnvironmentArbitrary } from '../../src/capabilities/generators.ts';
import { phaseIsWaiting } from '../../src/catalog/phases.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';

test.prop([anyEnvironmentArbitrary({ maxFaults: 2 })], { numRuns: 300 })('the active phases add up to the active minutes, the waiting ones to the rest, failures and retries included', ({ environment, seed }) => {
  const { outcome } = simulate(defaultEnvironment(environment), { seed, trace: false });
  const phases = Object.entries(outcome.phaseMinutes);
  const active = phases.filter(([p]) => !phaseIsWaiting(p)).reduce((sum, [, minutes]) => sum + minutes, 0);
  const waiting = phases.filter(([p]) => phaseIsWaiting(p)).reduce((sum, [, minutes]) => sum + minutes, 0);
  // Each figure is rounded to the hundredth on its own.
  const rounding = 0.005 * (phases.length + 3) + 1e-9;
  const what = `${outcome.status} ${outcome.errorCode ?? ''}: ${JSON.stringify(outcome.phaseMinutes)}, active ${outcome.totalMinutes}, elapsed ${outcome.elapsedMinutes}`;
  expect(Math.abs(active - outcome.totalMinutes), what).toBeLessThanOrEqual(rounding);
  expect(active + waiting, what).toBeLessThanOrEqual(outcome.elapsedMinutes + rounding);
});

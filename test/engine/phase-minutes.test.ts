// Every active minute of a run (end user + technician + unattended) is in a phase: also on an error page (the
// phase that failed) and on device preparation's 100 % and "Required setup complete" screens, so a failed
// run's phases no longer add up to less than its total. Phases may also hold waiting (shipping, a reset's
// wait for the next check-in), never more than the time elapsed.
import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { anyEnvironmentArbitrary } from '../../src/capabilities/generators.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';

test.prop([anyEnvironmentArbitrary({ maxFaults: 2 })], { numRuns: 300 })('phase minutes hold every active minute, failures and retries included', ({ environment, seed }) => {
  const { outcome } = simulate(defaultEnvironment(environment), { seed, trace: false });
  const phases = Object.values(outcome.phaseMinutes);
  const sum = phases.reduce((total, minutes) => total + minutes, 0);
  // Each figure is rounded to the hundredth on its own.
  const rounding = 0.005 * (phases.length + 3) + 1e-9;
  const what = `${outcome.status} ${outcome.errorCode ?? ''}: ${JSON.stringify(outcome.phaseMinutes)}, active ${outcome.totalMinutes}, elapsed ${outcome.elapsedMinutes}`;
  expect(sum, what).toBeGreaterThanOrEqual(outcome.totalMinutes - rounding);
  expect(sum, what).toBeLessThanOrEqual(outcome.elapsedMinutes + rounding);
});

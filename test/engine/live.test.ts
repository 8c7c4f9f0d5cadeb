// The cached pure engine and XState's own interpreter (live actors, simulated clock) agree:
// same end, same error, same virtual time, for every bundled scenario and generated ones.
import { test, fc } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { anyEnvironmentArbitrary } from '../../src/capabilities/generators.ts';
import { runLive } from '../../src/engine/live.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { BUNDLED_DIR, bundledScenarios, readScenario } from '../../src/environment/files.ts';
import { defaultEnvironment, environmentOf } from '../../src/environment/load.ts';
import type { Environment } from '../../src/environment/schema.ts';

function agree(env: Environment, seed: number): void {
  const a = simulate(env, { seed, trace: false }).outcome;
  const b = runLive(env, { seed });
  // The machine's end state 'succeeded': a success, or someone going on past an error page (reachedDesktop is false where
  // no one is at a desktop there: a self-deploying sign-in screen, a reset, a Cloud PC; src/catalog/continued.ts).
  const end = a.status === 'succeeded' || a.continuedAfterError ? 'succeeded' : a.status === 'fell-back-to-oobe' ? 'standardOobe' : 'failed';
  expect(b.end).toBe(end);
  expect(b.errorCode).toBe(a.firstError);
  expect(b.minutes).toBeCloseTo(a.elapsedMinutes, 1);
}

describe('engine and live actors', () => {
  for (const rel of bundledScenarios().filter((r) => !r.startsWith('fleets/'))) {
    test(`${rel}`, () => {
      const { file } = readScenario(`${BUNDLED_DIR}${rel}`);
      agree(environmentOf(file), file.seed ?? 1);
    });
  }
  test.prop([anyEnvironmentArbitrary({ maxFaults: 2 })], { numRuns: 150 })('agree on generated environments', (g) => {
    agree(defaultEnvironment(g.environment), g.seed);
  });
});

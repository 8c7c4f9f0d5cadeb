// Replays every scenarios/regressions/*.yaml (saved by save-regression.ts from a generated
// counterexample, or written by hand in the same form): the file's environment with the file's
// seed runs to the outcome its `expect` names, the same way twice. A file whose `expect` no longer
// holds shows a change in the model's behaviour for that generated case: a fixed bug (update
// `expect`) or a new one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { REGRESSIONS_DIR } from './save-regression.ts';

const files = (() => {
  try {
    return readdirSync(REGRESSIONS_DIR).filter((f) => f.endsWith('.yaml')).sort();
  } catch {
    return [];
  }
})();

describe('regressions', () => {
  it('has regression files to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  describe.each(files)('%s', (file) => {
    const scenario = parseScenario(file, readFileSync(join(REGRESSIONS_DIR, file), 'utf8'));

    it('names itself, says what it shows, and fixes the seed and the expected outcome', () => {
      expect(scenario.name).toBe(file.replace(/\.yaml$/, ''));
      expect(scenario.description).toBeTruthy();
      expect(scenario.seed).toBeTypeOf('number');
      expect(scenario.expect).toBeDefined();
    });

    it('replays to its expected outcome, deterministically', () => {
      const env = environmentOf(scenario);
      const { outcome } = simulate(env, { seed: scenario.seed, trace: false });
      const want = scenario.expect!;
      const cause = `${outcome.status} ${outcome.errorCode ?? ''} ${outcome.cause ?? outcome.fallbackReason ?? ''}`;
      expect(outcome.status, cause).toBe(want.status);
      expect(outcome.errorCode, cause).toBe(want.errorCode ?? null);
      expect(outcome.failedPhase, cause).toBe(want.failedPhase ?? null);
      expect(simulate(env, { seed: scenario.seed, trace: false }).outcome).toEqual(outcome);
    });
  });
});

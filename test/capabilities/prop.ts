// `test.prop` with the API of @fast-check/vitest (`test.prop([arbitraries], params)(name, predicate)`,
// the test named "<name> (with seed=<seed>)", fast-check's report with seed and path on failure),
// for the capability families. Why not import it from '@fast-check/vitest': version 0.5 builds
// `.prop` onto every chain of vitest 4's test modifiers when the module loads, which takes
// ~3.7 s of CPU, and vitest isolates each test file in its own process, so a dozen property
// files paid ~45 s before running anything (measured: 12 files that only import it run
// 55 s on two cores). Switching back is a one-line import change per file:
//   import { test, fc } from '@fast-check/vitest';
import fc from 'fast-check';
import { test as vitestTest } from 'vitest';

export { fc };

/** PROP_RUNS_FACTOR=10 npx vitest run test/capabilities: ten times the runs of every property (a deeper, slower search). */
const RUNS_FACTOR = Number(process.env.PROP_RUNS_FACTOR ?? 1) || 1;

/**
 * One seed for every property in a test worker that names none (a new one each run of the suite):
 * properties over the same arbitrary (scenarioArb(scenario) in most families) draw the same
 * environments, which helpers.ts's run() simulates once. Each property is still checked over its
 * numRuns environments, as independent draws as before; only the families stop paying for
 * simulating different samples of the same distribution. The seed is in each test's name.
 */
const SEED = fc.readConfigureGlobal().seed ?? (Date.now() ^ (Math.random() * 0x100000000));

type Arbitraries<Ts extends unknown[]> = { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };
type Predicate<Ts extends unknown[]> = (...args: Ts) => boolean | void;

function prop<Ts extends [unknown, ...unknown[]]>(arbitraries: Arbitraries<Ts>, params: fc.Parameters<Ts> = {}) {
  return (name: string, predicate: Predicate<Ts>, timeout?: number): void => {
    const seed = params.seed ?? SEED;
    const property = (fc.property as unknown as (...a: unknown[]) => fc.IProperty<Ts>)(...arbitraries, predicate);
    const numRuns = Math.max(1, Math.round((params.numRuns ?? fc.readConfigureGlobal().numRuns ?? 100) * RUNS_FACTOR));
    vitestTest(`${name} (with seed=${seed})`, () => fc.assert(property, { ...params, seed, numRuns }), timeout);
  };
}

/** vitest's `test`, with `.prop`. */
export const test: typeof vitestTest & { prop: typeof prop } = Object.assign(
  ((...args: Parameters<typeof vitestTest>) => vitestTest(...args)) as typeof vitestTest,
  { prop },
);

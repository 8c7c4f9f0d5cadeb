// Invariants of every run, over any scenario and variant with up to two documented faults
// (anyEnvironmentArbitrary({ maxFaults: 2 })), half of them with a random choice at error pages:
// - every run ends in a final state (status never 'stopped'), within bounded virtual time and
//   fewer than 500 steps, and its trace's time never goes backwards;
// - failed <=> an error code, which the catalogue knows, and a failed phase; succeeded => no error code;
// - no success skips MDM enrollment, and every successful path except a reset's joins the device
//   (an entraJoin or hybridJoin state).
//
// SAVE_REGRESSIONS=1 npx vitest run test/capabilities/invariants.test.ts
// saves the counterexample of a failing invariant as scenarios/regressions/invariant-<check>.yaml
// (save-regression.ts; fast-check shrinks, and the file written last is the smallest
// counterexample). Then give it a golden trace (npx vitest run test/scenarios -u -t "regressions/")
// and it replays in regressions.test.ts and bundled.test.ts.
import { describe } from 'vitest';
import { anyEnvironmentArbitrary, environmentArbitrary, ON_ERROR, VARIANTS, type GeneratedEnvironment } from '../../src/capabilities/generators.ts';
import { lookup } from '../../src/catalog/errors.ts';
import type { Duration, Environment } from '../../src/environment/schema.ts';
import { DURATIONS } from '../../src/environment/durations.ts';
import { describeRun, passes, pathOf, run, type Run } from './helpers.ts';
import { fc, test } from './prop.ts';
import { saveRegression } from './save-regression.ts';

const SAVE = process.env.SAVE_REGRESSIONS === '1';
const NUM_RUNS = 100;

/**
 * The wall-clock bound. The longest single wait the generators produce is the shipping wait of a
 * pre-provisioned device: people.hoursBetweenFlows, at most 2000 h in the neutral settings and
 * 5000 h with the fault "user flow after six months", i.e. 300,000 minutes on its own (so
 * "elapsedMinutes < 300,000" does not hold: that fault alone reaches 300,000 plus the deployment).
 * Everything else is active time. Each ESP attempt is cut by its timer (timeoutMinutes <= 240 in
 * the generators, + 40 for hybrid): at most 3 ESPs (technician device ESP, user-flow device ESP,
 * account setup) + 2 retries (maxRetries <= 2) = 5 x 280 = 1,400 min; the error pages take at most
 * 10 min each (5 visits); outside the ESPs every wait is a sampled step whose maximum is at most
 * 60 min (src/environment/durations.ts), a remote reset's check-in (<= 480 min) or a quality update
 * (<= 40 min), and a path has a few dozen of them: two OOBE front ends (~80 min at most), a task
 * sequence (~140), identity and hybrid steps (~60), a reset (~560). Two days (2,880 min) holds
 * all of that with room to spare (the largest seen is ~750 min).
 */
const GLOBAL_BOUND_MINUTES = 5000 * 60 + 2 * 24 * 60;

/** The largest value a duration can take (a lognormal has none). */
const upper = (d: Duration): number =>
  typeof d === 'number' ? d : 'fixed' in d ? d.fixed : 'uniform' in d ? d.uniform[1] : 'triangular' in d ? d.triangular[2] : Infinity;

/**
 * The longest gap between two events outside the shipping wait: the engine always moves to the
 * earliest of the pending answer (a sampled duration, a check-in of at most 480 min, or a fixed
 * fraction of a minute) and the ESP timers, so no gap is longer than the longest of those.
 */
function maxGapMinutes(env: Environment): number {
  const durations = [...Object.values(DURATIONS).map((d) => upper(d.duration)), ...Object.values(env.durations).map((d) => upper(d!))];
  const apps = env.apps.map((a) => upper(a.installMinutes));
  return Math.max(480, env.esp.timeoutMinutes + 40, ...durations, ...apps, 1);
}

class InvariantBroken extends Error {
  constructor(
    readonly check: string,
    message: string,
  ) {
    super(`${check}: ${message}`);
  }
}

function check(name: string, ok: boolean, r: Run, detail = ''): void {
  if (!ok) throw new InvariantBroken(name, `${detail}${detail ? '\n' : ''}${describeRun(r)}\n${pathOf(r)}`);
}

/** The property body: runs the environment, checks; with SAVE_REGRESSIONS=1 a broken invariant saves its environment first. */
function invariant(body: (r: Run) => void): (g: GeneratedEnvironment) => void {
  return (g) => {
    const r = run(g, { trace: true });
    try {
      body(r);
    } catch (e) {
      if (SAVE && e instanceof InvariantBroken) {
        try {
          saveRegression(`invariant ${e.check}`, g, r.outcome, `the invariant "${e.check}" (test/capabilities/invariants.test.ts)`);
        } catch (err) {
          console.warn(`could not save the regression for "${e.check}": ${(err as Error).message}`);
        }
      }
      throw e;
    }
  };
}

/** Any variant with up to two faults; half of them with one random choice at error pages (and the ESP buttons it needs). */
const anyEnvironment = fc.oneof(
  anyEnvironmentArbitrary({ maxFaults: 2 }),
  fc
    .tuple(fc.constantFrom(...Object.values(VARIANTS).flat()), fc.constantFrom(...ON_ERROR))
    .chain(([v, onError]) => environmentArbitrary(v, { maxFaults: 2, onError })),
);

describe('invariants of every run', () => {
  test.prop([anyEnvironment], { numRuns: NUM_RUNS })(
    'ends in a final state within bounded time and steps; time never goes backwards',
    invariant((r) => {
      const o = r.outcome;
      check('ends in a final state', o.status !== 'stopped', r, String(o.cause));
      check('fewer than 500 steps', o.steps < 500, r, `${o.steps} steps`);
      const shipping = r.visited.filter((v) => v.tags.has('phase:shipping')).length;
      const bound = shipping * r.env.people.hoursBetweenFlows * 60 + (o.steps - shipping) * maxGapMinutes(r.env);
      check('elapsed time within the per-run bound', o.elapsedMinutes <= bound + 0.01, r, `${o.elapsedMinutes} min > ${bound} min`);
      check('elapsed time within the global bound', o.elapsedMinutes < GLOBAL_BOUND_MINUTES, r, `${o.elapsedMinutes} min`);
      check('active time within wall time', o.totalMinutes <= o.elapsedMinutes + 0.05, r, `${o.totalMinutes} active > ${o.elapsedMinutes} elapsed`);
      check('trace starts at power-on', r.trace[0]?.at === 0, r);
      for (let i = 1; i < r.trace.length; i++) {
        check('trace time never goes backwards', r.trace[i]!.at >= r.trace[i - 1]!.at, r, `entry ${i}: ${r.trace[i - 1]!.at} -> ${r.trace[i]!.at}`);
      }
      check('trace ends at the elapsed time', Math.abs(r.trace[r.trace.length - 1]!.at / 60_000 - o.elapsedMinutes) < 0.01, r);
    }),
  );

  test.prop([anyEnvironment], { numRuns: NUM_RUNS })(
    'failed <=> a catalogued error code and a failed phase; succeeded => no error code',
    invariant((r) => {
      const o = r.outcome;
      check('failed <=> an error code', (o.status === 'failed') === (o.errorCode !== null), r, `${o.status} with ${o.errorCode}`);
      if (o.errorCode !== null) check('the error code is catalogued', lookup(o.errorCode) !== undefined, r, o.errorCode);
      check('failed <=> a failed phase', (o.status === 'failed') === (o.failedPhase !== null), r, `${o.status} in ${o.failedPhase}`);
      if (o.status === 'succeeded') check('succeeded => no error code', o.errorCode === null && o.cause === null, r);
      if (o.status === 'fell-back-to-oobe') check('a fallback says why', o.fallbackReason !== null, r);
    }),
  );

  test.prop([anyEnvironment], { numRuns: NUM_RUNS })(
    'no success skips MDM enrollment or the join (reset keeps both)',
    invariant((r) => {
      if (r.outcome.status !== 'succeeded' || r.g.variant.scenario === 'reset') return;
      check('a success passes MDM enrollment', passes(r, 'mdmEnrollment'), r);
      check('a success passes an Entra or hybrid join', passes(r, 'entraJoin') || passes(r, 'hybridJoin'), r);
    }),
  );
});

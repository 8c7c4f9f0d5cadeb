// Capability row "Supports hybrid Azure AD join" (seed 004; domain §6 #1-#3, #7): Yes / Yes / No / Yes / No.
// Over generated environments, healthy and with faults:
// - Yes (user-driven, pre-provisioned): every successful deployment that asks for hybrid ends hybrid
//   joined through the offline domain join (a hybridJoin state), and some generated run does;
// - Yes for existing devices only through the deployment that follows: a hybrid success never follows
//   on with self-deploying, and some JSON hybrid run succeeds;
// - No (self-deploying): no path ever passes a hybridJoin or domainController state or ends hybrid,
//   even when the profile asks for hybrid;
// - No (reset): a hybrid-joined device never resets successfully (it needs a wipe).
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/capabilities/table.ts';
import { cell, ensure, expectLazy, explain, findRun, intendedJoin, passes, RUNS, run, scenarioArb, succeeded, withChange } from './helpers.ts';
import { test } from './prop.ts';

const ROW = 'Supports hybrid Azure AD join';

describe('Supports hybrid Azure AD join', () => {
  for (const { scenario, heading } of COLUMNS) {
    const c = cell(ROW, scenario);
    if (c === 'Yes') {
      test.prop([scenarioArb(scenario)], { numRuns: RUNS })(`${heading} = Yes: a successful hybrid deployment ends hybrid joined`, (g) => {
        const r = run(g);
        if (!succeeded(r)) return;
        const msg = explain(r);
        expectLazy(r.outcome.joinType, intendedJoin(g), msg);
        ensure(passes(r, 'hybridJoin') === (r.outcome.joinType === 'hybrid'), msg);
        if (scenario === 'existing-devices' && r.outcome.joinType === 'hybrid') ensure(r.outcome.followOn !== 'self-deploying', msg);
      });
      it(`${heading} = Yes: some generated environment succeeds hybrid joined`, () => {
        const found = findRun(scenarioArb(scenario), (r) => succeeded(r) && r.outcome.joinType === 'hybrid');
        expect(found, `no successful hybrid ${scenario} run`).toBeDefined();
      });
    } else if (scenario === 'self-deploying') {
      expect(c).toBe('No');
      const askingForHybrid = withChange(scenarioArb(scenario), { profile: { joinType: 'hybrid' } });
      test.prop([scenarioArb(scenario), askingForHybrid], { numRuns: RUNS / 2 })(`${heading} = No: no path goes through a domain join, whatever the profile says`, (...gs) => {
        for (const g of gs) {
          const r = run(g);
          ensure(!passes(r, 'hybridJoin') && !passes(r, 'domainController'), explain(r));
          expectLazy(r.outcome.joinType, 'entra', explain(r));
        }
      });
    } else {
      expect([scenario, c]).toEqual(['reset', 'No']);
      const hybridDevice = withChange(scenarioArb(scenario), { reset: { currentJoin: 'hybrid' } });
      test.prop([hybridDevice], { numRuns: RUNS })(`${heading} = No: a hybrid-joined device never resets`, (g) => {
        const r = run(g);
        ensure(!succeeded(r), explain(r));
        if (r.visited.some((v) => v.path.endsWith('eligibility'))) expectLazy(r.outcome.errorCode, 'RESET_HYBRID_UNSUPPORTED', explain(r));
      });
    }
  }
});

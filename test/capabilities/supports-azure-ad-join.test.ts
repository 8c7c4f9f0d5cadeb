// Capability row "Supports Azure AD join" (seed 004; domain §6 #2): Yes in every column.
// Over generated environments, healthy and with faults:
// - every successful deployment that asks for Entra join ends Entra joined: its path passes an
//   entraJoin state and no hybridJoin state (for existing devices, whatever follows the task sequence);
// - a successful reset keeps the Entra join the device has (and only an Entra-joined device resets);
// - each scenario has a successful Entra-joined run among the generated environments.
import { describe, expect, it } from 'vitest';
import type { ScenarioId } from '../../machines/setup.ts';
import { COLUMNS } from '../../src/capabilities/table.ts';
import { cell, ensure, expectLazy, explain, findRun, intendedJoin, passes, RUNS, run, scenarioArb, succeeded } from './helpers.ts';
import { test } from './prop.ts';

const ROW = 'Supports Azure AD join';

describe('Supports Azure AD join', () => {
  for (const { scenario, heading } of COLUMNS) {
    const c = cell(ROW, scenario);
    expect(c).toBe('Yes');
    test.prop([scenarioArb(scenario)], { numRuns: RUNS })(`${heading} = ${c}: a successful Entra deployment ends Entra joined`, (g) => {
      const r = run(g);
      if (!succeeded(r) || intendedJoin(g) !== 'entra') return;
      const msg = explain(r);
      expectLazy(r.outcome.joinType, 'entra', msg);
      if (scenario === 'reset') {
        expectLazy(r.env.reset.currentJoin, 'entra', msg);
        ensure(!passes(r, 'entraJoin') && !passes(r, 'hybridJoin'), () => `a reset keeps the join it has: ${msg()}`);
      } else {
        ensure(passes(r, 'entraJoin'), msg);
        ensure(!passes(r, 'hybridJoin'), msg);
      }
    });

    it(`${heading} = ${c}: some generated environment succeeds Entra joined`, () => {
      const found = findRun(scenarioArb(scenario as ScenarioId), (r) => succeeded(r) && r.outcome.joinType === 'entra');
      expect(found, `no successful Entra-joined ${scenario} run`).toBeDefined();
    });
  }
});

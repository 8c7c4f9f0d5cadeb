// Capability row "Supports Azure AD join" (seed 004; domain §6 #2): Yes in every column.
// Over generated environments, healthy and with faults:
// - every successful deployment that asks for Entra join ends Entra joined: its path passes an
//   entraJoin state and no hybridJoin state (for existing devices, whatever follows the task sequence);
// - a successful reset keeps the Entra join the device has (and only an Entra-joined device resets);
// - each scenario has a successful Entra-joined run among the generated environments.
import { describe, expect, it } from 'vitest';
import type { ScenarioId } from '../../machines/setup.ts';
import { COLUMNS } from '../../src/capabilities/table.ts';
import { cell, describeRun, findRun, intendedJoin, passes, pathOf, RUNS, run, scenarioArb, succeeded } from './helpers.ts';
import { test } from './prop.ts';

const ROW = 'Supports Azure AD join';

describe('Supports Azure AD join', () => {
  for (const { scenario, heading } of COLUMNS) {
    const c = cell(ROW, scenario);
    expect(c).toBe('Yes');
    test.prop([scenarioArb(scenario)], { numRuns: RUNS })(`${heading} = ${c}: a successful Entra deployment ends Entra joined`, (g) => {
      const r = run(g);
      if (!succeeded(r) || intendedJoin(g) !== 'entra') return;
      const msg = `${describeRun(r)}\n${pathOf(r)}`;
      expect(r.outcome.joinType, msg).toBe('entra');
      if (scenario === 'reset') {
        expect(r.env.reset.currentJoin, msg).toBe('entra');
        expect(passes(r, 'entraJoin') || passes(r, 'hybridJoin'), `a reset keeps the join it has: ${msg}`).toBe(false);
      } else {
        expect(passes(r, 'entraJoin'), msg).toBe(true);
        expect(passes(r, 'hybridJoin'), msg).toBe(false);
      }
    });

    it(`${heading} = ${c}: some generated environment succeeds Entra joined`, () => {
      const found = findRun(scenarioArb(scenario as ScenarioId), (r) => succeeded(r) && r.outcome.joinType === 'entra');
      expect(found, `no successful Entra-joined ${scenario} run`).toBeDefined();
    });
  }
});

// Capability row "Registered as Autopilot device before deployment" (seed 004; domain §6 #6):
// Yes / Yes / Yes / No / Yes. Over generated environments, healthy and with faults, half of
// them with the device's registration removed:
// - Yes: a device that is not registered never succeeds in user-driven, pre-provisioned,
//   self-deploying or reset;
// - No (existing devices): some unregistered device succeeds, with the JSON file standing in for
//   the registration, and then only ever as a user-driven follow-on (the JSON supports no other).
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/capabilities/table.ts';
import { cell, ensure, expectLazy, explain, findRun, RUNS, run, scenarioArb, succeeded, withChange } from './helpers.ts';
import { fc, test } from './prop.ts';

const ROW = 'Registered as Autopilot device before deployment';

describe('Registered as Autopilot device before deployment', () => {
  for (const { scenario, heading } of COLUMNS) {
    const c = cell(ROW, scenario);
    const arb = fc.oneof(scenarioArb(scenario), withChange(scenarioArb(scenario), { registration: { registered: false } }));
    if (c === 'Yes') {
      test.prop([arb], { numRuns: RUNS })(`${heading} = Yes: an unregistered device never succeeds`, (g) => {
        const r = run(g);
        if (!r.env.registration.registered) ensure(!succeeded(r), explain(r));
      });
    } else {
      expect([scenario, c]).toEqual(['existing-devices', 'No']);
      test.prop([arb], { numRuns: RUNS })(`${heading} = No: an unregistered device succeeds only as a user-driven follow-on`, (g) => {
        const r = run(g);
        if (!r.env.registration.registered && succeeded(r)) expectLazy(r.outcome.followOn, 'user-driven', explain(r));
      });
      it(`${heading} = No: some unregistered device succeeds`, () => {
        expect(findRun(arb, (r) => !r.env.registration.registered && succeeded(r))).toBeDefined();
      });
    }
  }
});

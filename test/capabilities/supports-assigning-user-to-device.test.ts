// Capability row "Supports assigning user to device" (seed 004; domain §6 #3): Yes / Yes / No / NA / NA.
// A user is assigned when the path passes a state tagged userAssignment (the enrolling user
// becomes primary user; the pre-provisioning configuration screen and user-flow sign-in show
// the assigned user). Over generated environments, healthy and with faults:
// - every successful user-driven and pre-provisioned path assigns a user;
// - no self-deploying path ever does, and a user assigned in Intune is ignored: the same device
//   and seed end the same way with or without one;
// - existing devices inherits the cell of the deployment that follows the task sequence;
// - a reset never assigns anyone (it keeps the identity the device has: no join on its path either).
import { describe } from 'vitest';
import { COLUMNS } from '../../src/capabilities/table.ts';
import { cell, ensure, expectLazy, expectTagCell, explain, passes, RUNS, run, scenarioArb } from './helpers.ts';
import { test } from './prop.ts';

const ROW = 'Supports assigning user to device';

describe('Supports assigning user to device', () => {
  for (const { scenario, heading } of COLUMNS) {
    const c = cell(ROW, scenario);
    test.prop([scenarioArb(scenario)], { numRuns: RUNS })(`${heading} = ${c}: userAssignment on the path as the cell says`, (g) => {
      expectTagCell(ROW, 'userAssignment', c, run(g));
    });
  }

  test.prop([scenarioArb('self-deploying')], { numRuns: 50 })('Self-deploying ignores a user assigned to the device', (g) => {
    const without = run(g);
    const withUser = run({ ...g, environment: { ...g.environment, profile: { ...g.environment.profile, assignedUser: 'ana@contoso.com' } } });
    ensure(!passes(withUser, 'userAssignment'), explain(withUser));
    expectLazy({ status: withUser.outcome.status, errorCode: withUser.outcome.errorCode }, { status: without.outcome.status, errorCode: without.outcome.errorCode }, explain(withUser));
  });

  test.prop([scenarioArb('reset')], { numRuns: 50 })('Reset keeps the identity: no join and no assignment on its path', (g) => {
    const r = run(g);
    for (const tag of ['entraJoin', 'hybridJoin', 'userAssignment']) ensure(!passes(r, tag), () => `${tag}: ${explain(r)()}`);
  });
});

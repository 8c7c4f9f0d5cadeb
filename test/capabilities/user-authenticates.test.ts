// Capability row "User authenticates" (seed 004, "Scenario capabilities"; domain §6 #3-#4):
// Yes / User flow / No / NA / Local reset. The user authenticates when the path passes a state
// tagged userAuthentication (Entra sign-in, the domain logon, the Autopilot Reset sign-in).
// Over generated environments, healthy and with faults:
// - every successful user-driven path passes a user authentication;
// - every successful pre-provisioned path does, and only ever inside flow:user (never the technician's);
// - no self-deploying path ever does (the TPM stands in for the user);
// - existing devices inherits the cell of the deployment that follows the task sequence;
// - a local reset's successful path does (a local administrator signs in); a remote reset's never does.
import { describe } from 'vitest';
import { COLUMNS } from '../../src/capabilities/table.ts';
import { cell, expectTagCell, RUNS, run, scenarioArb } from './helpers.ts';
import { test } from './prop.ts';

const ROW = 'User authenticates';

describe('User authenticates', () => {
  for (const { scenario, heading } of COLUMNS) {
    const c = cell(ROW, scenario);
    test.prop([scenarioArb(scenario)], { numRuns: RUNS })(`${heading} = ${c}: userAuthentication on the path as the cell says`, (g) => {
      expectTagCell(ROW, 'userAuthentication', c, run(g));
    });
  }
});

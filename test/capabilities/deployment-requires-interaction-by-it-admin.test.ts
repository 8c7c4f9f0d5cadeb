// Capability row "Deployment requires interaction by IT admin/OEM/reseller" (seed 004; domain §6 #1-#2):
// No / Yes / No / Yes / Remote reset. Interaction is an event on the path caused by a technician
// (the pre-provisioning technician: IT, OEM or reseller) or an admin (ConfigMgr, Intune).
// Over generated environments, healthy and with faults:
// - no user-driven or self-deploying path ever has a technician- or admin-caused event;
// - every successful pre-provisioned path has technician-caused events, all of them in the
//   technician flow (or its reseal);
// - every successful existing-devices path has the admin deploying the task sequence;
// - every successful remote reset has an admin-caused event (Autopilot Reset in Intune); a local
//   reset never has one.
import { describe } from 'vitest';
import { COLUMNS } from '../../src/capabilities/table.ts';
import { cell, ensure, eventsBy, expectLazy, expectSourceCell, explain, RUNS, run, scenarioArb, succeeded } from './helpers.ts';
import { test } from './prop.ts';

const ROW = 'Deployment requires interaction by IT admin/OEM/reseller';

describe('Deployment requires interaction by IT admin/OEM/reseller', () => {
  for (const { scenario, heading } of COLUMNS) {
    const c = cell(ROW, scenario);
    test.prop([scenarioArb(scenario)], { numRuns: RUNS })(`${heading} = ${c}: technician- and admin-caused events as the cell says`, (g) => {
      const r = run(g);
      expectSourceCell(ROW, ['technician', 'admin'], c, r);
      if (scenario === 'pre-provisioned') {
        // Who caused an event is at the state it was caused in: the one the path leaves.
        const outside = r.visited.filter((v, i) => v.source === 'technician' && !r.visited[i - 1]!.tags.has('flow:technician'));
        expectLazy(outside.map((v) => `${v.event} -> ${v.path}`), [], explain(r));
      }
      if (scenario === 'existing-devices' && succeeded(r)) ensure(eventsBy(r, 'admin').some((v) => v.event === 'admin.taskSequenceDeployed'), explain(r));
    });
  }
});

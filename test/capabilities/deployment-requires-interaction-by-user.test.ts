// Capability row "Deployment requires interaction by user" (seed 004; domain §6 #1-#3, §2.6 S1):
// Yes / Yes / No / NA / Local reset. Interaction is an event on the path caused by the user
// (machines/events.ts names who causes each event). Choosing region, keyboard and Wi-Fi in the
// OOBE front end, pressing a button on an error page and turning the device on are not counted:
// self-deploying is zero touch only on Ethernet with language and keyboard preset (§2.6 S1).
// Over generated environments, healthy and with faults:
// - every successful user-driven and pre-provisioned path has a user-caused event;
// - no self-deploying path has one, and on a wired network with language and keyboard hidden and
//   no error page, a self-deploying path has no user-caused event at all;
// - existing devices inherits the cell of the deployment that follows the task sequence;
// - every successful local reset has a user-caused event; a remote reset never has one.
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/capabilities/table.ts';
import { cell, eventsBy, expectLazy, expectSourceCell, explain, findRun, INCIDENTAL_USER_EVENTS, passes, RUNS, run, scenarioArb, succeeded } from './helpers.ts';
import { test } from './prop.ts';

const ROW = 'Deployment requires interaction by user';

describe('Deployment requires interaction by user', () => {
  for (const { scenario, heading } of COLUMNS) {
    const c = cell(ROW, scenario);
    test.prop([scenarioArb(scenario)], { numRuns: RUNS })(`${heading} = ${c}: user-caused events as the cell says`, (g) => {
      expectSourceCell(ROW, ['user'], c, run(g), INCIDENTAL_USER_EVENTS);
    });
  }

  test.prop([scenarioArb('self-deploying')], { numRuns: RUNS })('Self-deploying on Ethernet with language and keyboard preset is zero touch', (g) => {
    const r = run(g);
    const zeroTouch = r.env.network.connection === 'wired' && ['language', 'keyboard'].every((p) => r.env.profile.hiddenPages.includes(p as 'language'));
    if (!zeroTouch || passes(r, 'errorPage')) return;
    expectLazy(eventsBy(r, 'user').map((v) => v.event), [], explain(r));
  });

  it('Self-deploying: some generated environment succeeds with no user-caused event at all', () => {
    expect(findRun(scenarioArb('self-deploying'), (r) => succeeded(r) && eventsBy(r, 'user').length === 0)).toBeDefined();
  });
});

// What the narration's 'Intune records' line says where the Autopilot deployments report makes no row (domain §1.4: it
// records only new Intune enrollments): an Autopilot Reset, and a pre-provisioned device's user flow.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { intuneRecord } from '../../src/studio/app/insight.ts';

function session(file: string, faults: Array<{ step: number; fault: string }> = []): Session {
  const parsed = parseScenario(file, readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8'));
  return new Session(environmentOf(parsed), parsed.seed ?? 1, faults);
}
const records = (s: Session) => s.trace.map((_, i) => intuneRecord(s, i));

describe("the Intune record where the deployments report has no row", () => {
  it("an Autopilot Reset, local or remote, succeeded or failed, has none: it read 'Succeeded. Deployment complete in 56 min.' and 'Failed: RESET_OS_CORRUPTED in Reset', beside a narration saying a reset has no row there", () => {
    const failed = session('reset-local.yaml', [{ step: 4, fault: 'os-corrupted' }]);
    expect(failed.outcome.status).toBe('failed');
    for (const s of [session('reset-local.yaml'), session('reset-remote.yaml'), failed]) {
      for (const r of records(s)) expect([r.status, r.text]).toEqual(['none', expect.stringContaining('records only new Intune enrollments')]);
    }
  });

  it("a pre-provisioned device's user flow adds nothing: from the reseal the record is the technician flow's success and its minutes (lesson 06 ended 'Deployment complete in 30281 min', three weeks in a cupboard counted in)", () => {
    const s = session('lessons/06-pre-provisioning-then-user-weeks-later.yaml');
    const shipped = s.trace.findIndex((e) => e.phase === 'shipping');
    expect(shipped).toBeGreaterThan(0);
    const all = records(s);
    expect(all[shipped - 1]!.status).toBe('progress');
    for (const r of all.slice(shipped)) expect(r.text).toBe("Succeeded: the technician flow's pre-provisioning, complete in 30 min. The user flow is no new enrollment, so the report adds nothing for it.");
    // A user-driven deployment still ends with its own row.
    const ud = session('user-driven-entra.yaml');
    expect(records(ud).at(-1)!.text).toMatch(/^Succeeded\. Deployment complete in \d+ min\.$/);
  });
});

describe('the Intune record of a deployment', () => {
  it("names a failure's code only where the documentation gives one: the simulator's own names are not what the report shows", () => {
    // Before: 'Failed: DOMAIN_UNAVAILABLE in Identity', as if the deployments report wrote the simulator's name.
    const home = session('failures/hybrid-home-no-vpn.yaml');
    // The phase as simulate's outcome names it ('phase     Sign-in and Microsoft Entra join'; it read 'Identity').
    expect(records(home).at(-1)!.text).toBe('Failed in Sign-in and Microsoft Entra join, with no documented error code (the simulator names it DOMAIN_UNAVAILABLE). It stays failed even if a later attempt succeeds.');
    const vm = session('lessons/02-self-deploying-on-a-vm.yaml');
    expect(records(vm).at(-1)!.text).toMatch(/^Failed: 0x800705B4 in ESP: device preparation\. /);
  });

  it('a success that took over an hour says the report may show it as incomplete (domain §1.4)', () => {
    const slow = new Session({ scenario: 'user-driven', esp: { timeoutMinutes: 180 }, apps: [{ name: 'Engineering suite', type: 'win32', installMinutes: 70 }] }, 1);
    expect(slow.outcome.status).toBe('succeeded');
    expect(slow.outcome.elapsedMinutes).toBeGreaterThan(60);
    expect(records(slow).at(-1)!.text).toMatch(/^Succeeded\. Deployment complete in \d+ min\. A deployment over an hour may show in the report as incomplete\.$/);
    const quick = session('user-driven-entra.yaml');
    expect(records(quick).at(-1)!.text).toMatch(/^Succeeded\. Deployment complete in \d+ min\.$/);
  });
});

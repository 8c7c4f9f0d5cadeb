// What the person at the device sees, as data: ESP rows in Microsoft's wording, the error
// page's buttons as the ESP profile allows them, and the screens at the ends of a run.
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session.ts';
import type { EnvironmentInput } from '../../src/environment/schema.ts';
import { screenAt, type ScreenModel } from '../../src/studio/app/screen-model.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { readFileSync } from 'node:fs';

function run(env: EnvironmentInput, seed = 1): Session {
  return new Session(env, seed);
}
const at = (s: Session, i: number): ScreenModel => screenAt(s.trace, i, s.env);
const indexWhere = (s: Session, f: (state: string, event: string) => boolean) => s.trace.findIndex((t) => f(t.state, t.event));

describe('screen model', () => {
  it("Windows 365: a Cloud PC whose MDM enrollment is blocked is Failed in the portal's list, not still Provisioning at 0% after the run has ended", () => {
    const file = parseScenario('w365', readFileSync(new URL('../../scenarios/device-preparation-windows-365.yaml', import.meta.url), 'utf8'));
    const base = new Session(environmentOf(file), file.seed ?? 1);
    const enrolling = base.trace.findIndex((t) => t.wait === 'w365.enroll');
    const s = new Session(environmentOf(file), file.seed ?? 1, [{ step: enrolling, fault: 'cloud-pc-mdm-blocked' }]);
    const end = at(s, s.trace.length - 1);
    expect(s.outcome.errorCode).toBe('0x80180014');
    expect([end.kind, end.outcome, end.devicePreparation!.cloudPc!.status]).toEqual(['cloudPcStatus', 'failed', 'Failed']);
    // While it provisions, the list says so.
    expect(at(s, enrolling).devicePreparation!.cloudPc!.status).toBe('Provisioning');
    // A failure of device preparation itself ends as before: Failed, with the phase.
    const denied = parseScenario('denied', readFileSync(new URL('../../scenarios/failures/windows-365-access-denied.yaml', import.meta.url), 'utf8'));
    const d = new Session(environmentOf(denied), denied.seed ?? 1);
    expect(at(d, d.trace.length - 1).devicePreparation!.cloudPc).toEqual({ status: 'Failed', failedPhase: 'Apps installation' });
  });

  it('self-deploying on a VM: "Securing your hardware (Failed: 0x800705b4)", then "Previous step failed"', () => {
    const s = run({ scenario: 'self-deploying', hardware: { kind: 'vm' } });
    const m = at(s, indexWhere(s, (state) => state.endsWith('errorPage')));
    expect(m.kind).toBe('esp');
    const prep = m.esp!.sections.find((x) => x.id === 'devicePreparation')!;
    expect(prep.rows.map((r) => `${r.label} ${r.text}`).slice(0, 3)).toEqual([
      'Securing your hardware (Failed: 0x800705b4)',
      "Joining your organization's network (Previous step failed)",
      'Registering your device for mobile management (Previous step failed)',
    ]);
    // Self-deploying has no account setup.
    expect(m.esp!.sections.map((x) => x.id)).toEqual(['devicePreparation', 'deviceSetup']);
    expect(m.esp!.error!.message).toBe('Setup could not be completed. Please try again or contact your support person for help.');
    expect(m.esp!.error!.buttons.map((b) => b.label)).toEqual(['Collect logs', 'Try again']);
  });

  it('0x801C03EA on the row Microsoft shows it on: "Registering your device for mobile management (Failed: 3, 0x801C03EA)", the join before it complete (§4); 0x801C03F3 stays on the join', () => {
    const rows = (env: EnvironmentInput) => {
      const s = run(env);
      const prep = at(s, indexWhere(s, (state) => state.endsWith('errorPage'))).esp!.sections.find((x) => x.id === 'devicePreparation')!;
      return prep.rows.map((r) => `${r.label} ${r.text}`).slice(0, 3);
    };
    expect(rows({ scenario: 'self-deploying', hardware: { tpm: '2.0-in-1.2-mode' } })).toEqual([
      'Securing your hardware (Complete)',
      "Joining your organization's network (Complete)",
      'Registering your device for mobile management (Failed: 3, 0x801C03EA)',
    ]);
    expect(rows({ scenario: 'self-deploying', registration: { entraObjectDeleted: true } })).toEqual([
      'Securing your hardware (Complete)',
      "Joining your organization's network (Failed: 0x801c03f3)",
      'Registering your device for mobile management (Previous step failed)',
    ]);
  });

  it('Collect logs, when pressed next, is the button marked; the page stays, and then the person\'s next choice is marked (§3.2)', () => {
    const s = run({ apps: [{ name: 'Broken app', failureProbability: 1 }], people: { collectsLogs: true, onError: 'give-up' } });
    const first = indexWhere(s, (state) => state.endsWith('errorPage'));
    expect(at(s, first).esp!.error!.buttons.map((b) => [b.label, b.next])).toEqual([['Collect logs', true], ['Try again', false]]);
    const after = at(s, first + 1);
    expect([after.kind, after.esp!.error!.buttons.map((b) => [b.label, b.next])]).toEqual(['esp', [['Collect logs', false], ['Try again', false]]]);
  });

  it('with Block device use = No the page has no Reset device or Continue anyway, whatever the file allows (§3.2: Yes unlocks them)', () => {
    const s = run({ apps: [{ name: 'Broken app', failureProbability: 1 }], esp: { blockDeviceUse: false, allowReset: true, allowContinueAnyway: true } });
    const m = at(s, indexWhere(s, (state) => state.endsWith('errorPage')));
    expect(m.esp!.error!.buttons.map((b) => b.label)).toEqual(['Collect logs', 'Try again']);
    expect(s.choicesFor(s.trace[indexWhere(s, (state) => state.endsWith('errorPage'))]!).map((c) => c.id)).toEqual(['choose:user.retry', 'choose:user.collectLogs']);
  });

  it('the error page shows Reset device and Continue anyway only when the ESP profile allows them, and marks the one pressed next', () => {
    const s = run({ apps: [{ name: 'Broken app', failureProbability: 1 }], esp: { allowReset: true, allowContinueAnyway: true, collectLogs: false, customMessage: 'Call the service desk on 1234.' }, people: { onError: 'continue' } });
    const m = at(s, indexWhere(s, (state) => state.endsWith('errorPage')));
    expect(m.esp!.error!.message).toBe('Call the service desk on 1234.');
    expect(m.esp!.error!.buttons.map((b) => [b.label, b.next])).toEqual([
      ['Reset device', false],
      ['Try again', false],
      ['Continue anyway', true],
    ]);
    const apps = m.esp!.sections.find((x) => x.id === 'deviceSetup')!.rows[3]!;
    expect(apps.status).toBe('failed');
    expect(apps.apps).toEqual([{ name: 'Broken app', status: 'failed' }]);
    // Continue anyway: the desktop, and the run is still a failure.
    const end = at(s, s.trace.length - 1);
    expect(end.kind).toBe('desktop');
    expect(end.outcome).toBe('failed');
  });

  it('after Reset device the run has ended: the last screen marks no button as the next to press', () => {
    const s = run({ apps: [{ name: 'Broken app', failureProbability: 1 }], esp: { allowReset: true }, people: { onError: 'reset' } });
    const page = at(s, indexWhere(s, (state) => state.endsWith('errorPage')));
    expect(page.esp!.error!.buttons.find((b) => b.id === 'reset')!.next).toBe(true);
    const end = at(s, s.trace.length - 1);
    expect(s.trace.at(-1)!.event).toBe('user.resetDevice');
    expect(end.outcome).toBe('failed');
    expect(end.esp!.error!.buttons.filter((b) => b.next)).toEqual([]);
  });

  it('user-driven: device preparation rows are complete on arrival; apps count up as they install', () => {
    const s = run({});
    const tracking = at(s, indexWhere(s, (state) => state.endsWith('trackingAndIme')));
    const prep = tracking.esp!.sections[0]!;
    expect(prep.rows.map((r) => r.status)).toEqual(['complete', 'complete', 'complete', 'working']);
    expect(tracking.esp!.sections[2]!.text).toBe('Waiting for previous step to complete');
    const secondApp = indexWhere(s, (_, event) => event === 'app.installed') + 1;
    const setup = at(s, secondApp).esp!.sections[1]!;
    expect(setup.rows.map((r) => `${r.label} ${r.text}`)).toEqual([
      'Security policies (1 of 1 applied)',
      'Certificates (No setup needed)',
      'Network connections (No setup needed)',
      'Apps (2 of 3 installed)',
    ]);
    expect(setup.rows[3]!.apps!.map((a) => a.status)).toEqual(['installed', 'installed', 'installing']);
    expect(at(s, s.trace.length - 1)).toMatchObject({ kind: 'desktop', outcome: 'succeeded' });
  });

  it('identity failures show Microsoft\'s wording: tenant mismatch on the sign-in page, 801C0003 on "Something went wrong"', () => {
    const mismatch = run({ identity: { signInTenant: 'fabrikam.onmicrosoft.com' } });
    expect(at(mismatch, mismatch.trace.length - 1)).toMatchObject({
      kind: 'entraSignIn',
      error: { message: 'That username looks like it belongs to another organization. Try signing in again or start over with a different account.' },
    });
    const cap = run({ identity: { userDeviceCount: 50 } });
    const end = at(cap, cap.trace.length - 1);
    expect(end.kind).toBe('somethingWentWrong');
    expect(end.error!.message).toContain('801c0003');
  });

  it("a domain sign-in with no domain controller and no VPN: the logon screen shows no words Windows is not documented to show, and the note says what the domain notes say (§2.2 H8)", () => {
    const file = parseScenario('home', readFileSync(new URL('../../scenarios/failures/hybrid-home-no-vpn.yaml', import.meta.url), 'utf8'));
    const s = new Session(environmentOf(file), file.seed ?? 1);
    const end = at(s, s.trace.length - 1);
    expect(s.outcome.errorCode).toBe('DOMAIN_UNAVAILABLE');
    expect([end.kind, end.error]).toEqual(['windowsLogon', undefined]);
    // Before: 'domain sign-in fails: no domain controller and no VPN', neither the notes' words nor saying Windows' are unknown.
    expect(end.note).toBe("sign-in can't be validated: no domain controller, no VPN and no cached credentials yet; Windows' message is not documented");
  });

  it('pre-provisioning: the technician sees the green screen, then the device is off until the user turns it on', () => {
    const s = run({ scenario: 'pre-provisioned', profile: { allowPreProvisioning: true } });
    const kinds = s.trace.map((_, i) => at(s, i).kind);
    const green = kinds.indexOf('technicianGreen');
    expect(green).toBeGreaterThan(0);
    expect(kinds[green + 1]).toBe('off');
    expect(at(s, green).elapsed).toMatch(/^\d\d:\d\d:\d\d$/);
  });
});

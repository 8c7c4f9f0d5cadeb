// The outcome under a timeline agrees with it: a run that failed again after a retry names the
// error it ended on beside the first one, which the deployments report keeps.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Outcome, TraceEntry } from '../../src/engine/simulate.ts';
import { renderOutcome } from '../../src/report/timeline.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

describe('the outcome beside the timeline', () => {
  it('a retry that failed with another code: the first error, then the last with its time and cause', async () => {
    const r = await cli('simulate', 'failures/technician-reset-attestation', '--no-narration');
    expect(r.code).toBe(0);
    const at = /\n(\d\d:\d\d:\d\d) +world +TPM attestation fails +→ [^\n]*TPM_ATTESTATION_AFTER_RESET/.exec(r.out)![1];
    expect(r.out).toMatch(/\n {2}error {5}0x81039001 [^\n]*\n {2}phase [^\n]*\n {2}cause {5}intermittent attestation failure\n/);
    expect(r.out).toContain(`\n  last      at ${at}, no documented code: the simulator names it TPM_ATTESTATION_AFTER_RESET: the technician pressed Reset after an ESP failure`);
    expect(r.out).toMatch(/\(the deployments report keeps the first error, above\)/);
  });

  it('a run that ended on its only error says it once', async () => {
    const r = await cli('simulate', 'lessons/02-self-deploying-on-a-vm');
    expect(r.out).toMatch(/error {5}0x800705B4/);
    expect(r.out).not.toMatch(/\n {2}last /);
  });
});

describe("the outcome's error message", () => {
  it("is in quotes when it is Microsoft's wording, and a [description] without them where Microsoft gives none (DOMAIN_UNAVAILABLE at the logon screen: the domain notes' words)", async () => {
    const documented = await cli('simulate', 'lessons/02-self-deploying-on-a-vm', '--no-narration');
    expect(documented.out).toContain('error     0x800705B4  "Securing your hardware (Failed: 0x800705b4)"');
    // Before: 'DOMAIN_UNAVAILABLE  "[domain sign-in fails: no domain controller and no VPN]"', a description in quotes.
    const described = await cli('simulate', 'failures/hybrid-home-no-vpn', '--no-narration');
    expect(described.out).toContain("error     no documented code: the simulator names it DOMAIN_UNAVAILABLE  [sign-in can't be validated: no domain controller, no VPN and no cached credentials yet; Windows' message is not documented]");
  });
});

describe('a failure Microsoft documents no code for', () => {
  // The studio's fault card and play's menu said 'no documented code: the simulator names it ESP_TIMEOUT'; simulate's
  // timeline and outcome printed 'error     ESP_TIMEOUT' in an error code's red, which a trainer read to a class as a
  // code they would meet on a device.
  it("is the simulator's name, said to be that, in simulate's timeline and outcome; a documented code is printed as before", async () => {
    const r = await cli('simulate', 'failures/esp-timeout-large-app', '--no-narration');
    expect(r.out).toContain('\n  error     no documented code: the simulator names it ESP_TIMEOUT  "Setup could not be completed.');
    expect(r.out).toMatch(/The device ESP times out +→ Device ESP › Error page {2}no documented code: the simulator names it ESP_TIMEOUT \(the ESP timer ran out/);
    // Nowhere a bare ESP_TIMEOUT: each says what it is.
    expect(r.out.split('ESP_TIMEOUT').length - 1).toBe(r.out.split('the simulator names it ESP_TIMEOUT').length - 1);
    // --json keeps its fields: the code is the code.
    const json = JSON.parse((await cli('simulate', 'failures/esp-timeout-large-app', '--json')).out);
    expect(json.outcome.errorCode).toBe('ESP_TIMEOUT');
    const documented = await cli('simulate', 'failures/self-deploy-second-time', '--no-narration');
    expect(documented.out).toMatch(/\n {2}error {5}0x80180014 /);
    expect(documented.out).not.toContain('no documented code');
  });
});

describe('a deployment that succeeded on a retry', () => {
  // Domain §1.4: an early failure stays "failed" in the deployments report even if Try again later succeeds. The outcome
  // said only 'not first time right', and a reader took the success for what Intune would show.
  it('says the Autopilot deployments report still records it as failed, under "not first time right"', async () => {
    const r = await cli('simulate', 'failures/tpm-intermittent-retry', '--no-narration');
    expect(r.out).toMatch(/\n {2}not first time right: 0x81039001 before a retry succeeded\n {2}report {4}failed: in the Autopilot deployments report, an early failure stays "failed" even if Try again later succeeds\n/);
    // A first-time-right run says nothing of it.
    expect((await cli('simulate', 'failures/wrong-password-retry', '--no-narration')).out).not.toMatch(/\n {2}report /);
  });

  it('where the report has no row for the retried flow (a reset; a pre-provisioned user flow) or does not document it (device preparation), says that instead', async () => {
    const base = JSON.parse((await cli('simulate', 'failures/tpm-intermittent-retry', '--json')).out) as { outcome: Outcome; trace: TraceEntry[] };
    const line = (o: Partial<Outcome>, trace?: TraceEntry[]) => /\n {2}report {4}([^\n]*)/.exec(renderOutcome({ ...base.outcome, ...o }, trace))?.[1];
    expect(line({}, base.trace)).toMatch(/^failed: /);
    expect(line({ scenario: 'reset' })).toBe("no row in the Autopilot deployments report: it records only new Intune enrollments, and a reset keeps the device's");
    expect(line({ scenario: 'device-preparation' })).toMatch(/^the device preparation deployments report: not documented whether a failure before Retry stays/);
    // The same failure after the device shipped: the user flow's, which makes no new enrollment (§2.4).
    const shipped = base.trace.findIndex((t) => t.phase === 'shipping');
    const userFlow = base.trace.map((t, i) => (i < shipped ? { ...t, code: undefined } : i === shipped + 1 ? { ...t, code: '0x81039001' as TraceEntry['code'] } : t));
    expect(line({}, userFlow)).toMatch(/^no row in the Autopilot deployments report for the user flow/);
  });
});

describe('Continue anyway on a device with no user', () => {
  // A self-deploying device has no user: Continue anyway takes it on to its end state (§2.6 S6), the Windows sign-in
  // screen or the kiosk account signed in. The outcome said 'the user continued to the desktop'.
  const dir = tempDir('continue-anyway-');
  const file = (name: string, kiosk: boolean) => {
    const path = join(dir, `${name}.yaml`);
    writeFileSync(
      path,
      [
        `name: ${name}`,
        'seed: 1',
        'scenario: self-deploying',
        'profile:',
        '  hiddenPages: [language, keyboard, eula, privacy, change-account]',
        ...(kiosk ? ['  kioskAutologon: true'] : []),
        'apps:',
        '  - name: Broken app',
        '    failureProbability: 1',
        'esp:',
        '  allowContinueAnyway: true',
        ...(kiosk ? ['  skipUserStatusPage: true'] : []),
        'people:',
        '  onError: continue',
        '',
      ].join('\n'),
    );
    return path;
  };

  it('self-deploying: the Windows sign-in screen, no user; kiosk: kioskUser0 signed in; user-driven: the user at the desktop', async () => {
    const screen = await cli('simulate', file('sign-in-screen', false), '--no-narration');
    expect(screen.code).toBe(0);
    expect(screen.out).toContain('Outcome: failed · self-deploying');
    expect(screen.out).toContain('  someone continued past the error page: the device went on to the Windows sign-in screen, with no user signed in; Intune still records the deployment as failed');
    expect(screen.out).not.toContain('the user continued');
    const kiosk = await cli('simulate', file('kiosk', true), '--no-narration');
    expect(kiosk.out).toContain('  someone continued past the error page: the kiosk account (kioskUser0) signed in by itself; Intune still records the deployment as failed');
    expect(kiosk.out).not.toContain('the user continued');
    const user = await cli('simulate', 'failures/continue-anyway', '--no-narration');
    expect(user.out).toContain('  the user continued to the desktop; Intune still records the deployment as failed');
  });
});

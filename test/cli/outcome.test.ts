// The outcome under a timeline agrees with it: a run that failed again after a retry names the
// error it ended on beside the first one, which the deployments report keeps.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

describe('the outcome beside the timeline', () => {
  it('a retry that failed with another code: the first error, then the last with its time and cause', async () => {
    const r = await cli('simulate', 'failures/technician-reset-attestation', '--no-narration');
    expect(r.code).toBe(0);
    const at = /\n(\d\d:\d\d:\d\d) +world +TPM attestation fails +→ [^\n]*TPM_ATTESTATION_AFTER_RESET/.exec(r.out)![1];
    expect(r.out).toMatch(/\n {2}error {5}0x81039001 [^\n]*\n {2}phase [^\n]*\n {2}cause {5}intermittent attestation failure\n/);
    expect(r.out).toContain(`\n  last      TPM_ATTESTATION_AFTER_RESET at ${at}: the technician pressed Reset after an ESP failure`);
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
    expect(described.out).toContain("error     DOMAIN_UNAVAILABLE  [sign-in can't be validated: no domain controller, no VPN and no cached credentials yet; Windows' message is not documented]");
  });
});

// A phase's label says what happens in it, in every flow that passes through it (src/catalog/vocabulary.ts PHASES).
// The sign-in phase read "Sign-in and Microsoft Entra join" in a hybrid flow too, where the user signs in and the
// device enrolls in Intune before the Active Directory join (domain §2.2 H2-H3) and no Entra join happens, and in a
// hybrid pre-provisioned user flow, whose only sign-in is the Windows logon with AD credentials (§2.5 PH3).
import { describe, expect, it } from 'vitest';
import { phaseLabel } from '../../src/catalog/phases.ts';
import type { Scenario } from '../../src/environment/schema.ts';
import { runner, visits, type Overrides } from './helpers.ts';

const hybrid = { profile: { joinType: 'hybrid', allowPreProvisioning: true } };
const runs: Array<[string, Scenario, Overrides]> = [
  ['user-driven, hybrid join (§2.2)', 'user-driven', hybrid],
  ['pre-provisioned, hybrid join (§2.3, §2.5)', 'pre-provisioned', hybrid],
  ['existing devices, hybrid join (§2.7)', 'existing-devices', { ...hybrid, registration: { registered: false }, existingDevices: { jsonProfile: { joinType: 'hybrid' } } }],
  ['user-driven, Entra join (§2.1)', 'user-driven', {}],
  ['pre-provisioned, Entra join (§2.4)', 'pre-provisioned', { profile: { allowPreProvisioning: true } }],
];

describe('no phase label names a Microsoft Entra join a run does not make', () => {
  it.each(runs)('%s', (_, scenario, overrides) => {
    const sim = runner(scenario)(overrides);
    expect(sim.outcome.status).toBe('succeeded');
    const phases = [...new Set(sim.trace.map((t) => t.phase).filter((p) => p !== null))];
    const joinsWithUser = visits(sim, 'entraJoin');
    for (const p of phases) {
      const label = phaseLabel(p!);
      // 'Microsoft Entra hybrid join' is the hybrid join's own phase; any other label naming an Entra join needs the user's join (§2.1 U3).
      if (/Microsoft Entra join/.test(label)) expect(joinsWithUser, `${p}: "${label}" in a run with no Entra join`).toBe(true);
    }
    // A pre-provisioned user flow only signs in (the technician flow joined and enrolled the device, §2.3 T6-T7): the
    // identity phase, which enrolls, belongs to its technician flow alone (and a hybrid technician flow has none).
    if (scenario !== 'pre-provisioned') expect(phases).toContain('identity');
  });

  it('the hybrid flow\'s sign-in phase reads as sign-in and enrollment (§2.2 H2 Entra sign-in page, H3 MDM enrollment)', () => {
    expect(phaseLabel('identity')).toBe('Sign-in and enrollment');
  });
});

// A pre-provisioned device enrolled in the technician flow (§2.3 T6-T7): the user flow's sign-in enrolls nothing, so it read
// "Sign-in and enrollment" loosely. §2.4 P2 calls it "Entra sign-in"; §2.5 PH3 calls the hybrid one "Windows logon", the
// name §2.2 H8 gives the logon screen after device setup in every hybrid flow (where it had read "Sign-in and enrollment" too).
describe('a sign-in that enrolls nothing is named as the domain notes name it', () => {
  const userFlowPhases = (sim: ReturnType<ReturnType<typeof runner>>, wait: string) => {
    const shipped = sim.trace.findIndex((t) => t.phase === 'shipping');
    return [...new Set(sim.trace.slice(shipped).filter((t) => t.wait === wait).map((t) => phaseLabel(t.phase!)))];
  };

  it('a pre-provisioned Entra join user flow signs in at "Entra sign-in" (§2.4 P2)', () => {
    const sim = runner('pre-provisioned')({ profile: { allowPreProvisioning: true } });
    expect(sim.outcome.status).toBe('succeeded');
    expect(userFlowPhases(sim, 'user.signIn')).toEqual(['Entra sign-in']);
    expect(userFlowPhases(sim, 'entra.authenticate')).toEqual(['Entra sign-in']);
  });

  it('a tenant mismatch in that user flow fails in "Entra sign-in"', () => {
    const sim = runner('pre-provisioned')({ profile: { allowPreProvisioning: true }, identity: { signInTenant: 'fabrikam.onmicrosoft.com' } });
    expect(sim.outcome.errorCode).toBe('TENANT_MISMATCH');
    expect(phaseLabel(sim.outcome.failedPhase!)).toBe('Entra sign-in');
  });

  it('a pre-provisioned hybrid user flow signs in at "Windows logon" (§2.5 PH3)', () => {
    const sim = runner('pre-provisioned')(hybrid);
    expect(sim.outcome.status).toBe('succeeded');
    expect(userFlowPhases(sim, 'user.domainSignIn')).toEqual(['Windows logon']);
  });

  it('user-driven hybrid join: no domain controller at the logon screen fails in "Windows logon" (§2.2 H8)', () => {
    const sim = runner('user-driven')({ profile: { joinType: 'hybrid', skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false, vpn: 'none' } });
    expect(sim.outcome.errorCode).toBe('DOMAIN_UNAVAILABLE');
    expect(phaseLabel(sim.outcome.failedPhase!)).toBe('Windows logon');
  });

  it('user-driven keeps "Sign-in and enrollment" where the user signs in and the device enrolls (§2.1 U2-U4)', () => {
    const sim = runner('user-driven')({});
    expect([...new Set(sim.trace.filter((t) => t.wait === 'user.signIn' || t.wait === 'mdm.userEnroll').map((t) => phaseLabel(t.phase!)))]).toEqual(['Sign-in and enrollment']);
  });
});

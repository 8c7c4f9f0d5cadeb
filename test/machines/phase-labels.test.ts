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
    expect(phases).toContain('identity');
  });

  it('the hybrid flow\'s sign-in phase reads as sign-in and enrollment (§2.2 H2 Entra sign-in page, H3 MDM enrollment)', () => {
    expect(phaseLabel('identity')).toBe('Sign-in and enrollment');
  });
});

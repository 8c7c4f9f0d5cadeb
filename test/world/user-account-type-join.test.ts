// Domain §2.1 forks, §5.6, §1.3: "User account type = Standard → the user isn't added to local Administrators"; with
// Administrator they are, and a Microsoft Entra administrator always is. A user-driven Entra run showed neither: the
// setting changed nothing a run reported (only hybrid's sign-out finding read it). The user's Entra join (U3) now says
// which, and the setting changes no decision, time or outcome.
import { describe, expect, it } from 'vitest';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { simulate } from '../../src/engine/simulate.ts';

const joinDetail = (scenario: 'user-driven' | 'existing-devices', userAccountType: 'standard' | 'administrator') => {
  const sim = simulate(defaultEnvironment({ scenario, registration: { registered: scenario === 'user-driven' }, profile: { userAccountType } }), { seed: 1 });
  const join = sim.trace.find((t) => t.event === 'entra.joined');
  return { sim, detail: join?.detail };
};

describe("the user's Entra join says whether the user is a local administrator (§2.1, §5.6)", () => {
  it.each(['user-driven', 'existing-devices'] as const)('%s: Standard keeps the user out, Administrator puts them in', (scenario) => {
    const standard = joinDetail(scenario, 'standard');
    const admin = joinDetail(scenario, 'administrator');
    expect(standard.detail).toContain('not added to local Administrators');
    expect(standard.detail).toContain('Standard');
    expect(standard.detail).toContain('Entra administrator still is');
    expect(admin.detail).toContain('is added to local Administrators');
    expect(admin.detail).toContain('Administrator');
    // Nothing else moves: the same run, the same outcome.
    expect(admin.sim.outcome).toEqual(standard.sim.outcome);
  });

  it("hybrid's join is the domain's: no such detail on its enrollment path (its rights come at the sign-out, §2.2 H10)", () => {
    const sim = simulate(defaultEnvironment({ scenario: 'user-driven', profile: { joinType: 'hybrid', userAccountType: 'administrator' } }), { seed: 1 });
    expect(sim.trace.some((t) => (t.detail ?? '').includes('local Administrators'))).toBe(false);
  });
});

describe('device preparation has no Autopilot profile: its join says nothing of the profile (§7 step 5 says what the user is)', () => {
  it('no profile account type at the join, the policy\'s at the local-administrator step', () => {
    const sim = simulate(defaultEnvironment({ scenario: 'device-preparation', registration: { registered: false }, profile: { userAccountType: 'administrator' } }), { seed: 1 });
    expect(sim.trace.find((t) => t.event === 'entra.joined')!.detail).toBeUndefined();
    expect(sim.trace.some((t) => (t.detail ?? '').includes('removed from local Administrators (Standard)'))).toBe(true);
  });
});

// Two steps that said nothing of what the notes say happens there.
// §2.8 RL7 (§3.1 "After Autopilot Reset": apps not tracked): after a reset no ESP tracks the required apps; they install
// once the next user reaches the desktop. The run ends at Ready and named none of them. Its last step now names them.
// §1.1 step 4, §5.3, §8 W21: with Windows Update unreachable OOBE carries on without critical updates. The step read
// 'No zero-day update' with no word of why; it now says so (the quality-update step already did).
import { describe, expect, it } from 'vitest';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { simulate } from '../../src/engine/simulate.ts';

describe("a reset's required apps install after the desktop, untracked (§2.8 RL7)", () => {
  it.each(['local', 'remote'] as const)('%s reset: the sync that ends it names them', (kind) => {
    const env = defaultEnvironment({ scenario: 'reset', reset: { kind }, people: { localResetAllowed: true } });
    const sim = simulate(env, { seed: 1 });
    expect(sim.outcome.status).toBe('succeeded');
    const last = sim.trace[sim.trace.length - 1]!;
    expect(last.event).toBe('mdm.synced');
    expect(last.detail).toContain('no ESP tracks the required apps (Company Portal, Microsoft 365 Apps, VPN client): they install after the next user reaches the desktop');
  });

  it('more than three apps: three named and the rest counted; none: nothing said', () => {
    const apps = ['A', 'B', 'C', 'D', 'E'].map((name) => ({ name }));
    const many = simulate(defaultEnvironment({ scenario: 'reset', apps }), { seed: 1 });
    expect(many.trace.at(-1)!.detail).toContain('(A, B, C and 2 more)');
    const none = simulate(defaultEnvironment({ scenario: 'reset', apps: [] }), { seed: 1 });
    expect(none.trace.at(-1)!.detail).not.toContain('required apps');
  });
});

describe('Windows Update unreachable: OOBE carries on without critical updates, and says so (§1.1 step 4, W21)', () => {
  it('the critical-update step gives the reason; with Windows Update reachable it gives none', () => {
    const blocked = simulate(defaultEnvironment({ scenario: 'user-driven', network: { blockedEndpoints: ['windows-update'] } }), { seed: 1 });
    expect(blocked.outcome.status).toBe('succeeded');
    expect(blocked.trace.find((t) => t.event === 'zdp.none')!.detail).toBe('Windows Update unreachable: OOBE carries on without critical updates');
    const open = simulate(defaultEnvironment({ scenario: 'user-driven' }), { seed: 1 });
    expect(open.trace.find((t) => t.event === 'zdp.none' || t.event === 'zdp.installed')!.detail).toBeUndefined();
  });
});

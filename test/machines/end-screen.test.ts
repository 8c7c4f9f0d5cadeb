// Where a run ends, said once (src/catalog/continued.ts) for --json's outcome, simulate's report and the studio. Domain §2.6 S6:
// a self-deploying device ends at (a) the Windows sign-in screen, where any organisation user may sign in later and the user ESP
// runs then: no one has signed in, so no desktop was reached; or (b) a kiosk, kioskUser0 signed in automatically to its desktop.
// Likewise where no one signs in at the end: a reset is ready for the next user (§2.8 RL7, §2.9 RR6), and a Windows 365 Cloud PC
// in automatic mode is Provisioned in the portal for its user to connect later (§7).
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session.ts';
import type { EnvironmentInput } from '../../src/environment/schema.ts';
import { screenAt } from '../../src/studio/app/screen-model.ts';
import { renderOutcome } from '../../src/report/timeline.ts';
import { deploymentState } from '../../src/fleet/chunk.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';

const run = (env: EnvironmentInput, seed = 1) => new Session(env, seed);
const lastScreen = (s: Session) => screenAt(s.trace, s.trace.length - 1, s.env);
const timeout: EnvironmentInput = { esp: { timeoutMinutes: 30, allowContinueAnyway: true }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 45 }], people: { onError: 'continue' } };

describe('the end a run reaches: the JSON, the report and the studio agree (§2.6 S6)', () => {
  it('self-deploying ends at the Windows sign-in screen with no one signed in: not a desktop', () => {
    const s = run({ scenario: 'self-deploying' });
    expect(s.outcome.status).toBe('succeeded');
    expect(lastScreen(s).kind).toBe('signInScreen');
    expect(s.outcome.reachedDesktop).toBe(false);
  });

  it('an existing device handed to self-deploying ends at the sign-in screen too', () => {
    const s = run({ scenario: 'existing-devices', registration: { registered: true }, profile: { deploymentMode: 'self-deploying' } });
    expect(s.outcome.followOn).toBe('self-deploying');
    expect(lastScreen(s).kind).toBe('signInScreen');
    expect(s.outcome.reachedDesktop).toBe(false);
  });

  it('a kiosk: kioskUser0 signs in by itself to its desktop', () => {
    const s = run({ scenario: 'self-deploying', profile: { kioskAutologon: true } });
    expect(s.outcome.status).toBe('succeeded');
    expect(lastScreen(s)).toMatchObject({ kind: 'desktop', kiosk: true });
    expect(s.outcome.reachedDesktop).toBe(true);
  });

  it('"Continue anyway" on a self-deploying ESP: on to the sign-in screen, no desktop, still failed, and the report and the fleet say it continued', () => {
    const s = run({ scenario: 'self-deploying', ...timeout });
    expect(s.outcome).toMatchObject({ status: 'failed', errorCode: 'ESP_TIMEOUT', reachedDesktop: false, continuedAfterError: true });
    expect(lastScreen(s).kind).toBe('signInScreen');
    expect(renderOutcome(s.outcome, s.trace)).toContain('the device went on to the Windows sign-in screen, with no user signed in; Intune still records the deployment as failed');
    expect(deploymentState(s.outcome)).toBe('successWithTimeout');
  });

  it('a user who continues reaches the desktop; one who does not, neither', () => {
    const on = run({ scenario: 'user-driven', ...timeout });
    expect(on.outcome).toMatchObject({ status: 'failed', reachedDesktop: true, continuedAfterError: true });
    expect(lastScreen(on).kind).toBe('desktop');
    const off = run({ scenario: 'user-driven', ...timeout, people: { onError: 'give-up' } });
    expect(off.outcome).toMatchObject({ status: 'failed', reachedDesktop: false, continuedAfterError: false });
  });

  it('a reset ends ready for the next user at the lock screen, and a Cloud PC at its status in the portal: no desktop yet', () => {
    for (const kind of ['local', 'remote'] as const) {
      const s = run({ scenario: 'reset', reset: { kind }, people: { localResetAllowed: true } });
      expect(s.outcome.status).toBe('succeeded');
      expect(lastScreen(s).kind).toBe('lockScreen');
      expect(s.outcome.reachedDesktop).toBe(false);
    }
    const cloudPc = run({ scenario: 'device-preparation', registration: { registered: false }, devicePreparation: { mode: 'automatic' } });
    expect(cloudPc.outcome.status).toBe('succeeded');
    expect(lastScreen(cloudPc)).toMatchObject({ kind: 'cloudPcStatus', devicePreparation: { cloudPc: { status: 'Provisioned' } } });
    expect(cloudPc.outcome.reachedDesktop).toBe(false);
    const warnings = run({ scenario: 'device-preparation', registration: { registered: false }, devicePreparation: { mode: 'automatic' }, apps: [{ name: 'Bad', type: 'win32', failureProbability: 1 }] });
    expect(warnings.outcome).toMatchObject({ status: 'failed', reachedDesktop: false, continuedAfterError: true });
    expect(renderOutcome(warnings.outcome, warnings.trace)).toContain('the Cloud PC was handed over "Provisioned with warnings", for its user to connect; Intune still records the deployment as failed');
  });

  it('every bundled scenario: the studio draws a desktop at the end exactly where the outcome says reachedDesktop', () => {
    const dirs = ['scenarios', 'scenarios/failures'];
    let checked = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(new URL(`../../${dir}/`, import.meta.url)).filter((f) => f.endsWith('.yaml'))) {
        const file = parseScenario(name, readFileSync(new URL(`../../${dir}/${name}`, import.meta.url), 'utf8'));
        const s = new Session(environmentOf(file), file.seed ?? 1);
        if (s.trace.at(-1)?.end !== 'succeeded') continue;
        expect(lastScreen(s).kind === 'desktop', `${dir}/${name}: studio ${lastScreen(s).kind}, reachedDesktop ${s.outcome.reachedDesktop}`).toBe(s.outcome.reachedDesktop);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

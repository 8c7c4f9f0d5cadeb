// The exits and conditions issue 12 added, each against the section of domain/autopilot.md it
// follows: in-process runs, a handful of seeds each.
import { describe, expect, it } from 'vitest';
import { findingText } from '../../src/catalog/findings.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import type { EnvironmentInput } from '../../src/environment/schema.ts';

const run = (env: EnvironmentInput, seed = 1) => simulate(defaultEnvironment(env), { seed });
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

describe('§2.1 U5, §3.3: the IME install error (InstallationState=4)', () => {
  it.each<[string, EnvironmentInput]>([
    ['user-driven', {}],
    ['self-deploying', { scenario: 'self-deploying' }],
    ['the technician flow', { scenario: 'pre-provisioned', profile: { allowPreProvisioning: true } }],
  ])('%s stops in ESP device preparation with IME_INSTALL_FAILED', (_n, env) => {
    const { outcome } = run({ ...env, esp: { imeInstallFails: true } });
    expect(outcome.status).toBe('failed');
    expect(outcome.errorCode).toBe('IME_INSTALL_FAILED');
    expect(outcome.failedPhase).toBe('devicePreparation');
  });
});

describe('§2.3 T8, §3.3: AppLocker CSP forces a restart in device setup', () => {
  it('user-driven: the restart loses the credentials, the user types them again and succeeds', () => {
    for (const seed of SEEDS.slice(0, 5)) {
      const sim = run({ policies: { appLockerCsp: true } }, seed);
      expect(sim.outcome.status).toBe('succeeded');
      const path = sim.trace.map((t) => t.state);
      expect(path).toContain('deployment.deviceEsp.running.deviceSetup.policyRestart');
      expect(path).toContain('deployment.reenterCredentials');
      expect(path.filter((s) => s.endsWith('policyRestart'))).toHaveLength(1);
    }
  });
  it('user-driven with DeviceLock: autologon fails after the restart (U6a)', () => {
    expect(run({ policies: { appLockerCsp: true, deviceLock: true } }).outcome.errorCode).toBe('AUTOLOGON_FAILED');
  });
  it('the technician flow: a reboot problem, the red screen with APPLOCKER_CSP_REBOOT', () => {
    const { outcome } = run({ scenario: 'pre-provisioned', profile: { allowPreProvisioning: true }, policies: { appLockerCsp: true } });
    expect(outcome.errorCode).toBe('APPLOCKER_CSP_REBOOT');
  });
  it('self-deploying: the restart happens and the device carries on (no credentials to lose)', () => {
    const sim = run({ scenario: 'self-deploying', policies: { appLockerCsp: true } });
    expect(sim.outcome.status).toBe('succeeded');
    expect(sim.trace.map((t) => t.state)).toContain('deployment.deviceEsp.running.deviceSetup.policyRestart');
  });
});

describe('§2.6 S6: kiosk autologon fails in its own phase', () => {
  it.each<[string, EnvironmentInput['policies']]>([
    ['Exchange ActiveSync', { exchangeActiveSync: true }],
    ['DeviceLock', { deviceLock: true }],
  ])('%s: KIOSK_AUTOLOGON_BROKEN in the kiosk phase', (_n, policies) => {
    const { outcome } = run({ scenario: 'self-deploying', profile: { kioskAutologon: true }, policies });
    expect(outcome.errorCode).toBe('KIOSK_AUTOLOGON_BROKEN');
    expect(outcome.failedPhase).toBe('kiosk');
  });
});

describe('§2.6, §8 W55: kiosk apps meant for after the ESP', () => {
  const kiosk = (skipUserStatusPage: boolean): EnvironmentInput => ({
    scenario: 'self-deploying',
    profile: { kioskAutologon: true },
    esp: { blockingApps: 'selected', selectedApps: ['Kiosk browser'], skipUserStatusPage },
    apps: [{ name: 'Kiosk browser' }, { name: 'Signage player' }, { name: 'User tool', target: 'user' }],
  });
  it('do not install under kioskUser0: a finding naming them', () => {
    const sim = run(kiosk(false));
    expect(sim.outcome.findings).toEqual(['KIOSK_APPS_NOT_INSTALLED']);
    expect(sim.trace.at(-1)!.detail).toContain('Signage player, User tool');
  });
  it('install with SkipUserStatusPage, and an all-blocking kiosk has none left for after', () => {
    expect(run(kiosk(true)).outcome.findings ?? []).toEqual([]);
    expect(run({ scenario: 'self-deploying', profile: { kioskAutologon: true } }).outcome.findings ?? []).toEqual([]);
  });
});

describe('§3.2, §8 W25: the technician flow with the ESP off', () => {
  it('goes to Reseal without installing the apps, and the success carries a finding: the device shipped half-configured', () => {
    const off = run({ scenario: 'pre-provisioned', profile: { allowPreProvisioning: true }, esp: { enabled: false } });
    expect(off.outcome.status).toBe('succeeded');
    expect(off.outcome.findings).toEqual(['PREPROVISIONED_HALF_CONFIGURED']);
    expect(off.trace.some((t) => t.event === 'app.installed')).toBe(false);
    expect(off.trace.find((t) => t.state.endsWith('resealScreen'))?.detail).toMatch(/the ESP is off: .*ships half-configured/);
    expect(run({ scenario: 'pre-provisioned', profile: { allowPreProvisioning: true } }).outcome.findings ?? []).toEqual([]);
  });
  it('user-driven with the ESP off has no technician to reseal: no finding', () => {
    expect(run({ esp: { enabled: false } }).outcome.findings ?? []).toEqual([]);
  });
});

describe('§2.1, §3.2: Block device use = No, the user leaves the ESP early', () => {
  it('leaves device setup and account setup before their apps, reaching the desktop sooner', () => {
    const left = run({ esp: { blockDeviceUse: false }, people: { leavesEspEarly: true } });
    const stayed = run({ esp: { blockDeviceUse: false } });
    expect(left.outcome.status).toBe('succeeded');
    expect(left.outcome.findings).toEqual(['ESP_LEFT_EARLY']);
    expect(left.trace.filter((t) => t.event === 'user.leftEsp')).toHaveLength(1); // the user ESP tracks no apps by default
    expect(left.trace.some((t) => t.event === 'app.installed')).toBe(false);
    expect(left.outcome.endUserMinutes).toBeLessThan(stayed.outcome.endUserMinutes);
    expect(stayed.outcome.findings ?? []).toEqual([]);
  });
  it('cannot leave when the ESP blocks device use, nor on a self-deploying device with no user at it', () => {
    expect(run({ people: { leavesEspEarly: true } }).trace.some((t) => t.event === 'user.leftEsp')).toBe(false);
    expect(run({ scenario: 'self-deploying', esp: { blockDeviceUse: false }, people: { leavesEspEarly: true } }).trace.some((t) => t.event === 'user.leftEsp')).toBe(false);
  });
});

describe('§2.1, §2.2, §3.3: co-management', () => {
  it('Entra join: the ESP waits for the Configuration Manager client, then carries on', () => {
    const sim = run({ coManagement: { enabled: true } });
    expect(sim.outcome.status).toBe('succeeded');
    expect(sim.trace.find((t) => t.event === 'app.installed')!.detail).toBe('Configuration Manager client (co-management)');
  });
  it('hybrid user-driven: the client cannot install, the ESP times out', () => {
    const { outcome } = run({ profile: { joinType: 'hybrid' }, coManagement: { enabled: true } });
    expect(outcome.errorCode).toBe('ESP_TIMEOUT');
    expect(outcome.cause).toContain('hybrid user-driven');
  });
  it('a client that cannot install or reach its management point: the ESP times out', () => {
    expect(run({ coManagement: { enabled: true, clientInstalls: false } }).outcome.errorCode).toBe('ESP_TIMEOUT');
  });
  it('not configured: no wait (the default)', () => {
    expect(run({}).trace.some((t) => t.detail?.includes('Configuration Manager client'))).toBe(false);
  });
});

describe('§2.2, §9.2: Entra Connect sync of the hybrid computer object', () => {
  const hybrid = (entraConnect: object, seed = 1) => run({ profile: { joinType: 'hybrid' }, hybrid: { entraConnect } }, seed);
  it('in scope with the default 30-minute cycle: synced by the first sign-in of a default deployment', () => {
    for (const seed of SEEDS.slice(0, 5)) expect(hybrid({}, seed).outcome.findings ?? []).toEqual([]);
  });
  it('out of the sync scope: never synced, a finding', () => {
    expect(hybrid({ ouInSyncScope: false }).outcome.findings).toEqual(['HYBRID_OBJECT_NOT_SYNCED']);
  });
  it('the finding\'s text holds for both causes: an OU outside the scope is never synced, not synced later (§2.2 preconditions)', () => {
    // It read '… had not synced … yet … until it syncs', which an OU outside the sync scope never does.
    const text = findingText('HYBRID_OBJECT_NOT_SYNCED');
    expect(text).toMatch(/never, where the Domain Join profile's OU is outside its sync scope/);
    expect(text).not.toMatch(/until it syncs/);
  });
  it('a long cycle: not synced yet at the first sign-in, a finding with the minutes since the join', () => {
    const sim = hybrid({ syncIntervalMinutes: 180 });
    expect(sim.outcome.findings).toEqual(['HYBRID_OBJECT_NOT_SYNCED']);
    expect(sim.trace.find((t) => t.finding)!.detail).toMatch(/\d+ minutes since the offline domain join/);
  });
  it('Entra join has no computer object to sync', () => {
    expect(run({ hybrid: { entraConnect: { ouInSyncScope: false } } }).outcome.findings ?? []).toEqual([]);
  });
});

describe('§2.1 U9, §3.2: user-context scripts may not run during the ESP', () => {
  it('a user-context script is skipped in some runs, never a System one', () => {
    const user = SEEDS.map((s) => run({ scripts: [{ name: 'Map-Drives.ps1', context: 'user' }] }, s).outcome.findings ?? []);
    expect(user.some((f) => f.includes('USER_SCRIPT_NOT_RUN'))).toBe(true);
    expect(user.some((f) => f.length === 0)).toBe(true);
    for (const s of SEEDS) expect(run({ scripts: [{ name: 'Set-Baseline.ps1' }] }, s).outcome.findings ?? []).toEqual([]);
  });
  it('no user ESP (SkipUserStatusPage): nothing to skip', () => {
    for (const s of SEEDS.slice(0, 5)) expect(run({ esp: { skipUserStatusPage: true }, scripts: [{ name: 'Map-Drives.ps1', context: 'user' }] }, s).outcome.findings ?? []).toEqual([]);
  });
});

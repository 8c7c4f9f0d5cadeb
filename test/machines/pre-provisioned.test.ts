// Pre-provisioning (domain/autopilot.md §2.3 technician flow, §2.4 Entra user flow, §2.5
// hybrid user flow): happy paths, every failure exit the world produces, the technician
// red screen and the user-flow ESP error page, the 6-month limit, non-blocking apps.
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { preProvisionedMachine } from '../../machines/preProvisioned.ts';
import { simulate, type Simulation } from '../../src/engine/simulate.ts';
import { inputFor } from '../../src/world/index.ts';
import { screenShown } from '../../src/studio/screen-shown.ts';
import {
  allNodes, COMBOS, drive, environment, events, expectEspButtons, expectFailure, expectInOrder, expectRefuses, expectSuccess, findSeed,
  visits, withDefaults, DEVICE_TOKEN_EXITS, exitRow, type Overrides, type Step,
} from './helpers.ts';

/** Pre-provisioning needs "Allow pre-provisioned deployment" in the profile; overrides merge into it. */
const env = (overrides: Overrides = {}, joinType: 'entra' | 'hybrid' = 'entra') =>
  environment('pre-provisioned')(withDefaults(overrides, { profile: { allowPreProvisioning: true, joinType } }));
const run = (overrides: Overrides = {}, seed = 1, joinType: 'entra' | 'hybrid' = 'entra'): Simulation => simulate(env(overrides, joinType), { seed });
const runHybrid = (overrides: Overrides = {}, seed = 1) => run(overrides, seed, 'hybrid');

/** Trace entries from the user flow on (after the device was powered on again). */
const userFlow = (sim: Simulation) => sim.trace.filter((t) => t.state.includes('userFlow') || t.state === 'succeeded' || t.state === 'failed');
const technicianFlow = (sim: Simulation) => sim.trace.filter((t) => t.state.includes('technicianFlow'));

const SIX_MONTHS_HOURS = 183 * 24;

describe('"Allow pre-provisioned deployment" left unset follows the scenario (§2.3 preconditions, T3)', () => {
  // A newcomer's `scenario: pre-provisioned` with the defaults met 0x80180005 at the technician's Windows key pressed five
  // times: the one documented precondition of the scenario the defaults left unmet. Unset now follows the scenario, as
  // profile.deploymentMode does; a file that says No still fails as Intune enforces it.
  it('pre-provisioned with the setting unset runs the technician flow and the user flow', () => {
    expectSuccess(simulate(environment('pre-provisioned')(), { seed: 1 }));
    expectSuccess(simulate(environment('pre-provisioned')({ profile: { joinType: 'hybrid' } }), { seed: 1 }));
  });
  it('written No, the technician flow fails with 0x80180005', () => {
    expectFailure(simulate(environment('pre-provisioned')({ profile: { allowPreProvisioning: false } }), { seed: 1 }), '0x80180005', 'devicePreparation');
  });
});

describe('pre-provisioned, Entra join: happy path (§2.3, §2.4)', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: technician flow, reseal, user flow, first time right', (seed) => {
    const sim = run({}, seed);
    expectSuccess(sim);
    expect(sim.outcome.firstTimeRight).toBe(true);
    expect(sim.outcome.reachedDesktop).toBe(true);
    expect(sim.outcome.joinType).toBe('entra');
    expectInOrder(sim, [
      'winKey5', 'configurationScreen', 'renameRestart', 'secureHardware', 'joinNetwork', 'registerMdm', 'trackingAndIme',
      'deviceSetup', 'resealScreen', 'shipped', 'userFlow', 'entraSignIn', 'deviceSetupAgain', 'accountSetup', 'succeeded',
    ]);
  });

  it('the technician and user clocks are counted separately, and the shipping wait is not deployment time', () => {
    const sim = run({ people: { hoursBetweenFlows: 48 } });
    expect(sim.outcome.technicianMinutes).toBeGreaterThan(0);
    expect(sim.outcome.endUserMinutes).toBeGreaterThan(0);
    expect(sim.outcome.elapsedMinutes).toBeGreaterThanOrEqual(48 * 60);
    expect(sim.outcome.totalMinutes).toBeLessThan(48 * 60);
  });

  it('SkipDeviceStatusPage skips the user flow\'s device setup, and the technician\'s too unless the ESP is required to show (KB4535996 reading)', () => {
    const sim = run({ esp: { skipDeviceStatusPage: true } });
    expectSuccess(sim);
    expect(technicianFlow(sim).some((t) => t.state.includes('deviceSetup'))).toBe(false);
    expect(sim.outcome.findings).toContain('PREPROVISIONED_HALF_CONFIGURED');
    expect(userFlow(sim).some((t) => t.state.includes('deviceSetupAgain'))).toBe(false);
    expect(userFlow(sim).some((t) => t.state.includes('accountSetup'))).toBe(true);
    const required = run({ esp: { skipDeviceStatusPage: true }, readings: { preProvisioningEspRequired: true } });
    expectSuccess(required);
    expect(technicianFlow(required).some((t) => t.state.includes('deviceSetup'))).toBe(true);
    expect(required.outcome.findings ?? []).not.toContain('PREPROVISIONED_HALF_CONFIGURED');
  });

  // §2.3 forks, §8 W25 (pre-provision.md, 2024, the newest): with the ESP off the technician flow still runs, Reseal may come
  // before apps and policies finish. Only the older KB4535996 (2020) made the ESP required to show. The model showed the
  // technician's device preparation on the ESP ('ESP: device preparation') with the ESP off, half of each reading.
  it.each([['entra'], ['hybrid']] as const)('%s: the ESP off, no ESP shows in the technician flow and Reseal comes early (2024); required to show, the whole ESP runs (2020)', (joinType) => {
    const off = run({ esp: { enabled: false } }, 1, joinType);
    expectSuccess(off);
    const espPhases = (sim: Simulation) => technicianFlow(sim).filter((t) => t.phase === 'devicePreparation' || t.phase === 'deviceSetup');
    expect(espPhases(off)).toEqual([]);
    // Nothing of the ESP on screen, as play names it and the studio draws it (its steps carried the ESP's run, so showed it).
    const prep = technicianFlow(off).filter((t) => t.state.includes('preparationWithoutEsp'));
    expect(prep.length).toBeGreaterThan(0);
    expect(prep.map((t) => screenShown(t))).toEqual(prep.map(() => 'oobeWorking'));
    expect(off.outcome.findings).toContain('PREPROVISIONED_HALF_CONFIGURED');
    const required = run({ esp: { enabled: false }, readings: { preProvisioningEspRequired: true } }, 1, joinType);
    expectSuccess(required);
    expect(new Set(espPhases(required).map((t) => t.phase))).toEqual(new Set(['devicePreparation', 'deviceSetup']));
    expect(required.outcome.findings ?? []).not.toContain('PREPROVISIONED_HALF_CONFIGURED');
  });

  it('P3: the user flow skips device preparation', () => {
    const sim = run();
    expect(userFlow(sim).some((t) => t.state.includes('devicePreparation'))).toBe(false);
  });

  it('P2: the Entra user flow has its own Entra sign-in page', () => {
    const sim = run();
    expect(userFlow(sim).some((t) => t.state.endsWith('entraSignIn'))).toBe(true);
  });

  it('quality updates are not installed in the technician flow but are honoured in the user flow (§3.2)', () => {
    const sim = run({ esp: { installQualityUpdates: true } });
    expectSuccess(sim);
    expect(technicianFlow(sim).some((t) => t.state.includes('qualityUpdates'))).toBe(false);
    expect(userFlow(sim).some((t) => t.state.includes('qualityUpdates'))).toBe(true);
  });
});

describe('pre-provisioned, hybrid join: happy path (§2.3, §2.5)', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: technician flow with ODJ, user flow with domain logon, first time right', (seed) => {
    const sim = runHybrid({}, seed);
    expectSuccess(sim);
    expect(sim.outcome.firstTimeRight).toBe(true);
    expect(sim.outcome.joinType).toBe('hybrid');
    expectInOrder(sim, [
      'winKey5', 'configurationScreen', 'secureHardware', 'joinNetwork', 'offlineDomainJoin', 'registerMdm', 'deviceSetup',
      'resealScreen', 'shipped', 'deviceSetupAgain', 'domainJoinRestart', 'domainLogon', 'accountSetup', 'signOutAndIn', 'succeeded',
    ]);
    // T4: the rename-and-restart is for Entra join only; PH2: no Entra sign-in page in the hybrid user flow (tutorial reading).
    expect(visits(sim, 'renameRestart')).toBe(false);
    expect(visits(sim, 'entraSignIn')).toBe(false);
  });

  it('§10 #1, 2024 reading (default): the technician flow needs no DC', () => {
    const sim = runHybrid();
    expect(technicianFlow(sim).some((t) => t.state.includes('domainControllerCheck'))).toBe(false);
  });

  it('§10 #1, 2023 reading: the technician flow checks DC line of sight', () => {
    const sim = runHybrid({ readings: { technicianFlowNeedsDc: true } });
    expectSuccess(sim);
    expectInOrder(sim, ['offlineDomainJoin', 'domainControllerCheck', 'registerMdm', 'resealScreen']);
  });
});

const T_STEP = { attestation: 'T5', join: 'T6', enrollment: 'T7' } as const;
const TECHNICIAN_EXITS: Array<[string, Overrides, string, string]> = [
  exitRow('T3', 'preprov-not-allowed', 'devicePreparation'),
  ...DEVICE_TOKEN_EXITS.map(({ step, mode }) => exitRow(T_STEP[step], mode, 'devicePreparation')),
  ['T7: already pre-provisioned once (one-time limit)', { registration: { deployedBefore: 'pre-provisioned' } }, '0x80180014', 'devicePreparation'],
  exitRow('T8', 'app-failed', 'deviceSetup'),
  ['T8: device setup runs past the 60-minute timeout', { apps: [{ name: 'Huge', installMinutes: 80 }] }, 'ESP_TIMEOUT', 'deviceSetup'],
  ['T8: an app restarts from inside its installer', { apps: [{ name: 'Driver pack', rebootInsidePackage: true }] }, 'ESP_TIMEOUT', 'deviceSetup'],
  exitRow('T8 (W29)', 'logon-policy-conflict', 'deviceSetup'),
  exitRow('T8 (§1.3)', 'store-under-ca', 'deviceSetup'),
];

describe('pre-provisioned technician flow: failure exits, Entra join (§2.3 T3-T8)', () => {
  it.each(TECHNICIAN_EXITS)('%s %j -> %s in %s', (_name, overrides, code, phase) => {
    const sim = run(overrides);
    expectFailure(sim, code, phase);
    // The technician saw the red screen and the device never shipped.
    expect(events(sim)).toContain('technician.gaveUp');
    expect(visits(sim, 'shipped')).toBe(false);
  });

  it('T5: intermittent attestation failure (random): 0x81039001', () => {
    const make = (seed: number) => run({ hardware: { tpmIssue: 'intermittent' } }, seed);
    const seed = findSeed(make, (s) => s.outcome.errorCode === '0x81039001');
    expect(seed).toBeDefined();
    expectFailure(make(seed!), '0x81039001', 'devicePreparation');
  });

  it('T5: intermittent attestation failure, technician presses Retry, and it works', () => {
    const make = (seed: number) => run({ hardware: { tpmIssue: 'intermittent' }, people: { onError: 'retry', maxRetries: 1 } }, seed);
    const seed = findSeed(make, (s) => s.outcome.status === 'succeeded' && s.outcome.firstError === '0x81039001');
    expect(seed).toBeDefined();
    const sim = make(seed!);
    expectSuccess(sim);
    expect(sim.outcome.firstTimeRight).toBe(false);
    expect(events(sim)).toContain('technician.retry');
  });

  it('T9b: Reset on the red screen fails the deployment', () => {
    const sim = run({ apps: [{ name: 'Broken', failureProbability: 1 }], people: { onError: 'reset' } });
    expectFailure(sim, 'ESP_APP_FAILED', 'deviceSetup');
    expect(events(sim)).toContain('technician.reset');
  });

  it('the Windows 11 attestation bug does not affect Windows 10', () => {
    expectSuccess(run({ hardware: { tpmIssue: 'win11-bug' }, os: { windows: 10 } }));
  });

  it.each<[string, Overrides]>([
    ['the device is unblocked', { registration: { deployedBefore: 'pre-provisioned', unblocked: true } }],
    ['the OEM re-enrolls automatically', { registration: { deployedBefore: 'pre-provisioned', oemAutoReenrollment: true } }],
  ])('one-time limit lifted when %s', (_name, overrides) => {
    expectSuccess(run(overrides));
  });
});

describe('pre-provisioned technician flow: failure exits, hybrid join (§2.3 with §2.2 H4)', () => {
  it('T5: Windows 10 1803 on a hybrid device: attestation times out, 0x800705B4 (before 1809 for hybrid, §4, §10 #15); 1803 with Entra join attests', () => {
    expectFailure(runHybrid({ os: { windows: 10, version: '1803' } }), '0x800705B4', 'devicePreparation');
    expectSuccess(run({ os: { windows: 10, version: '1803' } }));
    expectSuccess(runHybrid({ os: { windows: 10, version: '1809' } }));
  });

  it.each<[string, Overrides, string, string]>([
    ['T5: a virtual machine', { hardware: { kind: 'vm' } }, '0x800705B4', 'devicePreparation'],
    ['T7: the profile does not allow pre-provisioning', { profile: { allowPreProvisioning: false } }, '0x80180005', 'devicePreparation'],
    ['H4: no Domain Join profile', { hybrid: { domainJoinProfileAssigned: false } }, '0x80070774', 'hybridJoin'],
    ['H4: the connector is inactive', { hybrid: { connector: { active: false } } }, '0x80070774', 'hybridJoin'],
    ['H4: a user assigned to the hybrid device', { profile: { assignedUser: 'alex@contoso.com' } }, '0x80070774', 'hybridJoin'],
    ['§10 #1 2023 reading: no DC line of sight in the technician flow', { readings: { technicianFlowNeedsDc: true }, hybrid: { dcLineOfSight: false } }, '0x80070774', 'hybridJoin'],
    ['T8: a blocking device app fails', { apps: [{ name: 'Broken', failureProbability: 1 }] }, 'ESP_APP_FAILED', 'deviceSetup'],
  ])('%s %j -> %s in %s', (_name, overrides, code, phase) => {
    const sim = runHybrid(overrides);
    expectFailure(sim, code, phase);
    expect(visits(sim, 'shipped')).toBe(false);
  });

  it('technician flow hybrid ESP timer has the +40: an 80-minute app passes', () => {
    expectSuccess(runHybrid({ apps: [{ name: 'Big app', installMinutes: 80 }], durations: { imeInstall: 3, espCategory: 0.5, odjBlob: 3 } }));
  });
});

describe('pre-provisioned user flow: failure exits (§2.4, §2.5)', () => {
  it('more than 6 months between the flows: Win32 detection fails with IME_DETECTION_NOT_COMPUTED', () => {
    const sim = run({ people: { hoursBetweenFlows: SIX_MONTHS_HOURS + 24 } });
    expectFailure(sim, 'IME_DETECTION_NOT_COMPUTED', 'deviceSetup');
    // The technician flow was fine: the failure is in the user flow's device setup.
    expect(visits(sim, 'shipped')).toBe(true);
    const failedApp = sim.trace.find((t) => t.code === 'IME_DETECTION_NOT_COMPUTED')!;
    expect(failedApp.state).toMatch(/^deployment\.userFlow\./);
  });

  it('the same for hybrid', () => {
    expectFailure(runHybrid({ people: { hoursBetweenFlows: SIX_MONTHS_HOURS + 24 } }), 'IME_DETECTION_NOT_COMPUTED', 'deviceSetup');
  });

  it('just under 6 months is fine', () => {
    expectSuccess(run({ people: { hoursBetweenFlows: SIX_MONTHS_HOURS - 24 } }));
  });

  it.each<[string, Overrides, string, string]>([
    ['P2: tenant mismatch at the user sign-in', { identity: { signInTenant: 'fabrikam.onmicrosoft.com' } }, 'TENANT_MISMATCH', 'entraSignIn'],
    ['P6: unlicensed user stuck at Identifying until the timeout', { identity: { userLicensed: false, unlicensedSymptom: 'identifying-hang' } }, 'ESP_TIMEOUT', 'accountSetup'],
    // The user flow enrolls nothing (the technician's device did), so the enrollment symptoms cannot show: Identifying is what is left (§8 W31).
    ['P6: unlicensed user, whatever symptom the file names', { identity: { userLicensed: false, unlicensedSymptom: 'terms-of-use' } }, 'ESP_TIMEOUT', 'accountSetup'],
    ['P6: unlicensed user ("account not allowed" is an enrollment message)', { identity: { userLicensed: false, unlicensedSymptom: 'account-not-allowed' } }, 'ESP_TIMEOUT', 'accountSetup'],
    // §1.3: users allowed to join devices is a requirement of pre-provisioning as of user-driven [INF: where it shows].
    ['P2: the user may not join devices to Entra ID', { identity: { userMayJoin: false } }, '801C0003', 'entraSignIn'],
    ['P6: a blocking user app fails', { apps: [{ name: 'User app', target: 'user', failureProbability: 1 }] }, 'ESP_APP_FAILED', 'accountSetup'],
  ])('Entra %s %j -> %s in %s', (_name, overrides, code, phase) => {
    const sim = run(overrides);
    expectFailure(sim, code, phase);
    expect(visits(sim, 'shipped')).toBe(true);
  });

  it.each<[string, Overrides, string, string]>([
    ['PH3: no DC and no VPN at the logon screen', { hybrid: { dcLineOfSight: false } }, 'DOMAIN_UNAVAILABLE', 'windowsLogon'],
    ['PH3: a VPN that needs a user certificate', { hybrid: { dcLineOfSight: false, vpn: 'user-certificate' } }, 'VPN_UNSUPPORTED', 'windowsLogon'],
    ['PH4: a blocking user app fails', { apps: [{ name: 'User app', target: 'user', failureProbability: 1 }] }, 'ESP_APP_FAILED', 'accountSetup'],
    ['PH4: unlicensed user stuck at Identifying (the user flow enrolls nothing)', { identity: { userLicensed: false } }, 'ESP_TIMEOUT', 'accountSetup'],
    // §1.3: a Temporary Access Pass works for Entra join only, not hybrid; this user flow has no Entra sign-in page, so the domain logon refuses it.
    ['PH3: a Temporary Access Pass (web sign-in on)', { identity: { signInMethod: 'temporary-access-pass', webSignIn: true } }, 'SIGN_IN_METHOD_UNSUPPORTED', 'windowsLogon'],
  ])('hybrid %s %j -> %s in %s', (_name, overrides, code, phase) => {
    const sim = runHybrid(overrides);
    expectFailure(sim, code, phase);
    expect(visits(sim, 'shipped')).toBe(true);
  });

  it('§2.3: a security baseline\'s device password policy removes web sign-in after pre-provisioning: a Temporary Access Pass cannot sign in the user flow', () => {
    const tap = { identity: { signInMethod: 'temporary-access-pass', webSignIn: true } } as const;
    expectFailure(run({ ...tap, policies: { deviceLock: true } }), 'SIGN_IN_METHOD_UNSUPPORTED', 'entraSignIn');
    expectSuccess(run(tap));
  });

  // §2.4 P1 "internet always needed": the device was provisioned (its profile is on disk, event 163), so it cannot fall back to ordinary OOBE.
  it.each<[string, Overrides, 'entra' | 'hybrid']>([
    ['wired, no internet', { userFlowNetwork: { internet: false } }, 'entra'],
    ['Wi-Fi with no internet', { userFlowNetwork: { connection: 'wifi', internet: false } }, 'entra'],
    ['wired, no internet, hybrid', { userFlowNetwork: { internet: false } }, 'hybrid'],
  ])('P1: the user flow with %s fails at OOBE (USER_FLOW_NO_INTERNET), not a fall back to ordinary OOBE', (_name, overrides, joinType) => {
    const sim = run(overrides, 1, joinType);
    expectFailure(sim, 'USER_FLOW_NO_INTERNET', 'oobe');
    expect(visits(sim, 'shipped')).toBe(true);
    expect(visits(sim, 'standardOobe')).toBe(false);
    expect(visits(sim, 'entraSignIn')).toBe(false);
    // Its region page is narrated as the user flow's: the profile is on disk, not "not downloaded yet".
    const region = sim.trace.find((t) => t.state.endsWith('userFlow.oobe.regionAndKeyboard'));
    expect(region?.narration).toMatch(/the profile is on disk/);
  });

  it('§1.1: the user flow\'s site blocks the Autopilot deployment service: its profile is on disk (event 163), so the user flow goes on', () => {
    const sim = run({ userFlowNetwork: { blockedEndpoints: ['autopilot'] } });
    expectSuccess(sim);
    expect(userFlow(sim).find((t) => t.event === 'profile.downloaded')?.detail).toBe('event 163: already provisioned');
  });

  it('the technician flow with no internet still falls back to ordinary OOBE: nothing is provisioned yet', () => {
    const sim = run({ network: { internet: false }, userFlowNetwork: { internet: true } });
    expect(sim.outcome.status).toBe('fell-back-to-oobe');
    expect(visits(sim, 'shipped')).toBe(false);
  });

  it('hybrid: the user\'s join permission does not matter (its Entra registration runs in system context, §1.3); self-deploying has no user to need it', () => {
    expectSuccess(runHybrid({ identity: { userMayJoin: false } }));
  });
});

describe('"Only fail selected blocking apps in technician phase" (§2.3 forks, 2026 wording)', () => {
  const apps = [{ name: 'Blocking' }, { name: 'Optional', failureProbability: 1 }];
  const esp = { blockingApps: 'selected', selectedApps: ['Blocking'] };

  it('Yes: every app is tried; a failed non-blocking app does not fail the deployment, and the user flow does not wait for its retry', () => {
    const sim = run({ apps, esp: { ...esp, onlyFailSelectedBlockingAppsInTechnicianPhase: true } });
    expectSuccess(sim);
    const optional = sim.trace.filter((t) => t.detail === 'Optional');
    expect(optional.map((t) => t.event)).toEqual(['app.failedNonBlocking']);
    expect(optional[0]!.state).toMatch(/technicianFlow/);
  });

  it('No: only blocking apps install in the technician flow; the rest install later, not waited for (§3.2)', () => {
    const sim = run({ apps: [{ name: 'Blocking' }, { name: 'Optional' }], esp: { ...esp, onlyFailSelectedBlockingAppsInTechnicianPhase: false } });
    expectSuccess(sim);
    expect(sim.trace.filter((t) => t.detail === 'Optional')).toHaveLength(0);
    expect(sim.trace.filter((t) => t.detail === 'Blocking')[0]!.state).toMatch(/technicianFlow/);
  });

  it('an app assigned after the technician flow installs in the user flow\'s device setup (§2.4 P4)', () => {
    const sim = run({ apps: [{ name: 'Blocking' }, { name: 'Later', assignedAfterTechnicianFlow: true }], esp: { blockingApps: 'all' } });
    expectSuccess(sim);
    const later = sim.trace.filter((t) => t.detail === 'Later');
    expect(later).toHaveLength(1);
    expect(later[0]!.state).toMatch(/userFlow/);
  });

  it('T8: a Win32 or LOB app in device context targeting the pre-assigned user installs in the technician flow, not again in account setup', () => {
    const userApps = [{ name: 'Team tool', target: 'user', context: 'device' }, { name: 'Team MSI', type: 'msi-lob', target: 'user', context: 'device' }, { name: 'Profile app', target: 'user', context: 'user' }];
    const sim = run({ apps: [{ name: 'Agent' }, ...userApps], profile: { assignedUser: 'ana@contoso.com' } });
    expectSuccess(sim);
    const where = (name: string) => sim.trace.filter((t) => t.detail === name).map((t) => (t.state.includes('technicianFlow') ? 'technician' : t.state.includes('accountSetup') ? 'account' : t.state));
    expect(where('Team tool')).toEqual(['technician']);
    expect(where('Team MSI')).toEqual(['technician']);
    // A user-context app waits for the user; with no user assigned, the technician installs device apps only.
    expect(where('Profile app')).toEqual(['account']);
    const unassigned = run({ apps: [{ name: 'Agent' }, ...userApps] });
    expect(unassigned.trace.filter((t) => t.detail === 'Team tool').map((t) => t.state)).toEqual([expect.stringMatching(/userFlow\.accountSetup/)]);
  });

  // §3.1: a device-targeted app that installs in the user's context is account setup's: the technician flow, with no user,
  // left it to the user flow (Entra join); hybrid join does not track it. The technician flow used to attempt it.
  it('a device-targeted app with user install context waits for the user flow\'s account setup (§3.1)', () => {
    const apps = [{ name: 'Agent' }, { name: 'Per-user tool', context: 'user' }];
    const sim = run({ apps });
    expectSuccess(sim);
    expect(sim.trace.filter((t) => t.detail === 'Per-user tool').map((t) => t.state)).toEqual([expect.stringMatching(/userFlow\.accountSetup/)]);
    expect(runHybrid({ apps }).trace.filter((t) => t.detail === 'Per-user tool')).toEqual([]);
  });

  it('a failed selected (blocking) app still fails the technician flow', () => {
    const sim = run({ apps: [{ name: 'Blocking', failureProbability: 1 }], esp: { ...esp } });
    expectFailure(sim, 'ESP_APP_FAILED', 'deviceSetup');
  });
});

// --- Error screens, checked on the machine itself ----------------------------------

const TO_TECHNICIAN_ESP: Step[] = ['network.wired', 'profile.downloaded', 'zdp.none', 'technician.pressedWinKey5', 'technician.provision', 'device.restarted'];
const TO_TECHNICIAN_APPS: Step[] = [
  ...TO_TECHNICIAN_ESP, 'tpm.attested', 'entra.joined', 'mdm.enrolled', 'esp.trackingListReady', 'esp.itemsApplied', 'esp.itemsApplied', 'esp.itemsApplied',
];
const TO_USER_FLOW_APPS: Step[] = [
  ...TO_TECHNICIAN_APPS, 'esp.allAppsDone', 'technician.reseal', 'user.poweredOn', 'network.wired', 'profile.downloaded', 'zdp.none',
  'user.oobePagesCompleted', 'user.signedIn', 'entra.authenticated', 'esp.itemsApplied', 'esp.itemsApplied', 'esp.itemsApplied',
];
const inputWith = (esp: Overrides = {}) => inputFor(env({ esp }));

describe('the technician red screen offers Retry and Reset (§2.3 T9b)', () => {
  it.each(COMBOS)('attestation failure, whatever the ESP allows users: allowReset=$allowReset allowContinueAnyway=$allowContinueAnyway', (esp) => {
    const snapshot = drive(preProvisionedMachine, inputWith(esp), [...TO_TECHNICIAN_ESP, { type: 'tpm.attestationFailed', code: '0x800705B4' }]);
    expect(snapshot.hasTag('errorPage')).toBe(true);
    expect(snapshot.hasTag('technicianInteraction')).toBe(true);
    expect(snapshot.context.errorCode).toBe('0x800705B4');
    expect(snapshot.can({ type: 'technician.retry' })).toBe(true);
    expect(snapshot.can({ type: 'technician.reset' })).toBe(true);
    expect(snapshot.can({ type: 'user.retry' })).toBe(false);
    expect(snapshot.can({ type: 'user.resetDevice' })).toBe(false);
    expect(snapshot.can({ type: 'user.continueAnyway' })).toBe(false);
  });

  it('app failure in technician device setup: Retry goes back into the ESP, Reset wipes the device and starts again (§2.3 T9b)', () => {
    const atScreen = drive(preProvisionedMachine, inputWith(), [...TO_TECHNICIAN_APPS, { type: 'app.failed', code: 'ESP_APP_FAILED' }]);
    expect(atScreen.can({ type: 'technician.retry' })).toBe(true);
    expect(atScreen.can({ type: 'technician.reset' })).toBe(true);
    const [retried] = transition(preProvisionedMachine, atScreen, { type: 'technician.retry' });
    expect(retried.hasTag('errorPage')).toBe(false);
    expect(retried.hasTag('flow:technician')).toBe(true);
    const [reset] = transition(preProvisionedMachine, atScreen, { type: 'technician.reset' });
    expect(reset.status).toBe('active');
    expect(JSON.stringify(reset.value)).toContain('technicianReset');
    // The wiped device starts OOBE from its beginning: network, profile download, critical updates, then Win x5 again (§1.1).
    const [again] = transition(preProvisionedMachine, reset, { type: 'device.resetCompleted' });
    expect(again.value).toEqual({ oobe: 'networkGate' });
    expect(again.hasTag('flow:technician')).toBe(true);
    const back = [{ type: 'network.wired' }, { type: 'profile.downloaded' }, { type: 'zdp.none' }].reduce((s, e) => transition(preProvisionedMachine, s, e as never)[0], again);
    expect(JSON.stringify(back.value)).toContain('winKey5');
  });
});

describe('the user-flow ESP error page shows exactly the buttons the ESP profile allows (§3.2)', () => {
  it.each(COMBOS)('device setup again: allowReset=$allowReset allowContinueAnyway=$allowContinueAnyway', (esp) => {
    const snapshot = drive(preProvisionedMachine, inputWith(esp), [...TO_USER_FLOW_APPS, { type: 'app.failed', code: 'IME_DETECTION_NOT_COMPUTED' }]);
    expectEspButtons(snapshot, esp);
    expect(snapshot.hasTag('flow:user')).toBe(true);
    expectRefuses(snapshot, 'technician.retry', 'technician.reset');
  });
});

describe('pre-provisioned machine structure', () => {
  it('state ids are unique (an #id target must name one state)', () => {
    const ids = allNodes(preProvisionedMachine).map((n) => n.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

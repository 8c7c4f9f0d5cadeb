// User-driven mode, Entra join (domain/autopilot.md §2.1) and hybrid join (§2.2), with
// the ESP rules of §3: happy paths, every failure exit the world produces, the ESP error
// page buttons, the hybrid +40 min device timer and what the person at the error page does.
import { describe, expect, it } from 'vitest';
import { transition, type AnyMachineSnapshot } from 'xstate';
import { userDrivenMachine } from '../../machines/userDriven.ts';
import type { DeploymentEvent } from '../../machines/events.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { inputFor } from '../../src/world/index.ts';
import { Session } from '../../src/engine/session.ts';
import {
  allNodes, COMBOS, drive, events, expectEspButtons, expectFailure, expectInOrder, expectRefuses, expectSuccess, runner, seedFinder,
  visits, withDefaults, type Overrides, type Step,
} from './helpers.ts';

const run = runner('user-driven');
const findSeed = seedFinder(run);
const hybrid = (overrides: Overrides = {}): Overrides => withDefaults(overrides, { profile: { joinType: 'hybrid' } });

const ENTRA_HAPPY = ['entraSignIn', 'entraAuthentication', 'entraJoin', 'mdmEnrollment', 'devicePreparation', 'deviceSetup', 'accountSetup', 'succeeded'];
const HYBRID_HAPPY = [
  'entraSignIn', 'mdmEnrollmentHybrid', 'offlineDomainJoin', 'domainControllerCheck', 'devicePreparation', 'deviceSetup',
  'domainJoinRestart', 'domainLogon', 'accountSetup', 'signOutAndIn', 'succeeded',
];

describe('user-driven, Entra join: happy path (§2.1)', () => {
  it.each([1, 2, 3, 4, 5])('seed %i succeeds first time right through U2-U10 in order', (seed) => {
    const sim = run({}, seed);
    expectSuccess(sim);
    expect(sim.outcome.firstTimeRight).toBe(true);
    expect(sim.outcome.reachedDesktop).toBe(true);
    expect(sim.outcome.joinType).toBe('entra');
    expect(sim.outcome.firstError).toBeNull();
    expectInOrder(sim, ENTRA_HAPPY);
    expect(visits(sim, 'offlineDomainJoin')).toBe(false);
    expect(visits(sim, 'domainLogon')).toBe(false);
    expect(visits(sim, 'errorPage')).toBe(false);
  });

  it('on Wi-Fi, region/keyboard and the network page come before the profile download (§1.1)', () => {
    const sim = run({ network: { connection: 'wifi' } });
    expectSuccess(sim);
    expectInOrder(sim, ['regionAndKeyboard', 'connectToNetwork', 'profileDownload', 'entraSignIn']);
  });

  it('a registered device with no assignment takes an All-devices (default) profile (§1.2)', () => {
    expectSuccess(run({ registration: { profileStatus: 'not-assigned', defaultProfile: true } }));
  });
});

describe('user-driven, hybrid join: happy path (§2.2)', () => {
  it.each([1, 2, 3, 4, 5])('seed %i succeeds first time right through H2-H11 in order', (seed) => {
    const sim = run(hybrid(), seed);
    expectSuccess(sim);
    expect(sim.outcome.firstTimeRight).toBe(true);
    expect(sim.outcome.joinType).toBe('hybrid');
    expectInOrder(sim, HYBRID_HAPPY);
    expect(visits(sim, 'entraJoin')).toBe(false);
  });

  it('Skip AD connectivity check: no DC ping (§2.2 H5)', () => {
    const sim = run(hybrid({ profile: { skipAdConnectivityCheck: true } }));
    expectSuccess(sim);
    expect(visits(sim, 'domainControllerCheck')).toBe(false);
    expectInOrder(sim, ['offlineDomainJoin', 'deviceSetup', 'domainLogon']);
  });

  it('VPN variant: skip check + a Win32 VPN connectable from the logon screen succeeds without DC line of sight', () => {
    expectSuccess(run(hybrid({ profile: { skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false, vpn: 'win32-logon' } })));
  });

  it('Always-On VPN reaches the DC without the skip option', () => {
    expectSuccess(run(hybrid({ hybrid: { dcLineOfSight: false, vpn: 'always-on' } })));
  });

  it('the per-user Entra join permission does not affect hybrid (system-context registration, §1.3)', () => {
    expectSuccess(run(hybrid({ identity: { userMayJoin: false } })));
    // Nor the user's Entra device cap, in either reading of its code (§10 #8).
    expectSuccess(run(hybrid({ identity: { userDeviceCount: 50 } })));
    expectSuccess(run(hybrid({ identity: { userDeviceCount: 50 }, readings: { deviceCapCode: '80180018' } })));
  });

  it('device-targeted apps with user install context are not tracked for hybrid (§2.2 H6)', () => {
    const apps = [{ name: 'User-context app', context: 'user', failureProbability: 1 }];
    expectSuccess(run(hybrid({ apps })));
    expectFailure(run({ apps }), 'ESP_APP_FAILED', 'accountSetup');
  });

  // §3.1: device setup's apps are device-context ones (per-machine LOB MSI, Store apps in device context, Win32); account
  // setup tracks "per-user and per-machine LOB MSI … when targeted at all devices", and for hybrid the device-targeted
  // apps with user install context are not tracked. An Entra join's device-targeted user-context app installed in device
  // setup, before any user had signed in, and a technician flow attempted it with no user at all.
  it('Entra join: a device-targeted app with user install context is tracked in account setup, after the user signs in (§3.1)', () => {
    const apps = [{ name: 'Per-user tool', context: 'user' }, { name: 'Agent' }];
    const sim = run({ apps });
    expectSuccess(sim);
    const installed = (name: string) => sim.trace.find((t) => t.event === 'app.installed' && t.detail === name)?.phase;
    expect(installed('Agent')).toBe('deviceSetup');
    expect(installed('Per-user tool')).toBe('accountSetup');
  });
});

describe('user-driven: falling back to ordinary OOBE (§1.1 step 3, U1)', () => {
  it.each<[string, Overrides, RegExp]>([
    ['no internet', { network: { internet: false } }, /internet/],
    ['a proxy that needs authentication', { network: { proxyRequiresAuth: true } }, /proxy/],
    ['the Autopilot service is blocked', { network: { blockedEndpoints: ['autopilot'] } }, /IsAutopilotDisabled/],
    ['the device is not registered (event 807)', { registration: { registered: false } }, /807/],
    ['the hardware hash no longer matches (event 908)', { hardware: { motherboardReplaced: true } }, /908/],
    ['the profile is still Assigning (event 815)', { registration: { profileStatus: 'assigning' } }, /815/],
    ['no profile and no All-devices profile (event 815)', { registration: { profileStatus: 'not-assigned' } }, /815/],
  ])('%s -> fell-back-to-oobe', (_name, overrides, reason) => {
    const sim = run(overrides);
    expect(sim.outcome.status).toBe('fell-back-to-oobe');
    expect(sim.outcome.errorCode).toBeNull();
    expect(sim.outcome.failedPhase).toBeNull();
    expect(sim.outcome.reachedDesktop).toBe(false);
    expect(sim.outcome.fallbackReason).toMatch(reason);
    expect(sim.trace.at(-1)!.state).toBe('standardOobe');
  });
});

describe('user-driven, Entra join: failure exits (§1.3, §2.1 U1-U9, §3.3)', () => {
  it.each<[string, Overrides, string, string]>([
    ['U1: a proxy or firewall blocks the identity provider', { network: { blockedEndpoints: ['entra'] } }, 'OOBEIDPS', 'identity'],
    ['U2: tenant mismatch', { identity: { signInTenant: 'fabrikam.onmicrosoft.com' } }, 'TENANT_MISMATCH', 'identity'],
    ['U3: the Entra device object was deleted', { registration: { entraObjectDeleted: true } }, '0x801C03F3', 'identity'],
    ['U3: the user may not join devices', { identity: { userMayJoin: false } }, '801C0003', 'identity'],
    ['U3: the user is at the Entra device cap', { identity: { userDeviceCount: 50, deviceCap: 50 } }, '801C0003', 'identity'],
    // §10 #8: the troubleshooting FAQ lists "too many devices" under 80180018 (MDM enrollment), the other reading.
    ['U4: the Entra device cap, the FAQ\'s reading (readings.deviceCapCode)', { identity: { userDeviceCount: 50, deviceCap: 50 }, readings: { deviceCapCode: '80180018' } }, '80180018', 'identity'],
    ['U4: Windows Home', { os: { edition: 'home' } }, '0x80180022', 'identity'],
    ['U4: Windows (MDM) blocked by a restriction', { identity: { windowsMdmBlocked: true } }, '0x80180014', 'identity'],
    ['U4: MDM user scope None', { identity: { mdmUserScope: 'none' } }, '0x8018002b', 'identity'],
    ['U4: MDM user scope Some, without the user', { identity: { mdmUserScope: 'some-excluding-user' } }, '0x8018002b', 'identity'],
    ['U4: non-routable UPN suffix', { identity: { upnSuffixRoutable: false } }, '0x8018002b', 'identity'],
    ['U4: unlicensed user (terms-of-use symptom)', { identity: { userLicensed: false } }, 'MDM_TERMS_OF_USE', 'identity'],
    ['U4: legacy Intune PC agent installed', { identity: { legacyPcAgentInstalled: true } }, '80180026', 'identity'],
    ['U4: Intune endpoints blocked', { network: { blockedEndpoints: ['intune'] } }, '80180018', 'identity'],
    ['U4 (W59): Conditional Access blocks the Intune Enrollment app', { identity: { conditionalAccess: ['blocks-intune-enrollment'] } }, 'CA_BLOCKS_ENROLLMENT', 'identity'],
    ['U5: VM with 1 vCPU fails device preparation', { hardware: { kind: 'vm', vCpus: 1 } }, 'VM_MDM_PREPARATION', 'devicePreparation'],
    ['U5: VM with 2 GB fails device preparation', { hardware: { kind: 'vm', memoryGb: 2 } }, 'VM_MDM_PREPARATION', 'devicePreparation'],
    ['U6: a blocking device app fails', { apps: [{ name: 'Broken', failureProbability: 1 }] }, 'ESP_APP_FAILED', 'deviceSetup'],
    ['U6: device setup runs past the 60-minute timeout', { apps: [{ name: 'Huge', installMinutes: 80 }] }, 'ESP_TIMEOUT', 'deviceSetup'],
    ['U6: an app restarts from inside its installer (hang, then timeout)', { apps: [{ name: 'Driver pack', rebootInsidePackage: true }] }, 'ESP_TIMEOUT', 'deviceSetup'],
    ['U6 (§1.3): a Store app tracked while CA requires a compliant device for all apps', { identity: { conditionalAccess: ['compliant-device-for-all-apps'] }, apps: [{ name: 'Company Portal', type: 'store' }] }, 'ESP_TIMEOUT', 'deviceSetup'],
    // §3.3, §5.3: nothing attests in user-driven, so a skewed clock shows as the ESP timing out.
    ['U6 (§3.3): the clock is 30 minutes off', { network: { clockSkewMinutes: 30 } }, 'ESP_TIMEOUT', 'deviceSetup'],
    ['U9 (§3.3): the clock is 10 minutes behind, only user apps to track', { network: { clockSkewMinutes: -10 }, apps: [{ name: 'User app', target: 'user' }] }, 'ESP_TIMEOUT', 'accountSetup'],
    ['U9: unlicensed user, stuck at Identifying until the timeout', { identity: { userLicensed: false, unlicensedSymptom: 'identifying-hang' } }, 'ESP_TIMEOUT', 'accountSetup'],
    ['U9: a blocking user app fails', { apps: [{ name: 'User app', target: 'user', failureProbability: 1 }] }, 'ESP_APP_FAILED', 'accountSetup'],
    ['U9: account setup runs past its own 60-minute timeout', { apps: [{ name: 'Huge user app', target: 'user', installMinutes: 80 }] }, 'ESP_TIMEOUT', 'accountSetup'],
  ])('%s %j -> %s in %s', (_name, overrides, code, phase) => {
    expectFailure(run(overrides), code, phase);
  });

  it.each<[string, Overrides]>([
    ['"compliant device for all apps" excludes Intune Enrollment by itself (no Store app tracked)', { identity: { conditionalAccess: ['compliant-device-for-all-apps'] }, apps: [{ name: 'Agent', type: 'win32' }] }],
    ['a Store app that the ESP does not block on installs after it', { identity: { conditionalAccess: ['compliant-device-for-all-apps'] }, esp: { blockingApps: 'selected', selectedApps: ['Agent'] }, apps: [{ name: 'Agent', type: 'win32' }, { name: 'Company Portal', type: 'store' }] }],
    ['the logon and UAC policies stop pre-provisioning only (W29)', { policies: { interactiveLogonOrUacConflict: true } }],
  ])('succeeds: %s', (_name, overrides) => {
    expectSuccess(run(overrides));
  });

  it('VM_MDM_PREPARATION needs both 2 vCPU and 4 GB: a VM with 2 vCPU / 4 GB succeeds (no TPM attestation in user-driven)', () => {
    expectSuccess(run({ hardware: { kind: 'vm', vCpus: 2, memoryGb: 4, tpm: 'none' } }));
  });

  it('the in-installer restart names the hang as the cause of the timeout', () => {
    const sim = run({ apps: [{ name: 'Driver pack', rebootInsidePackage: true }] });
    expect(events(sim)).toContain('app.hung');
    expect(sim.outcome.cause).toMatch(/restarts the device from inside its installer/);
  });

  it('the identifying hang is visible in the trace', () => {
    const sim = run({ identity: { userLicensed: false, unlicensedSymptom: 'identifying-hang' } });
    expect(events(sim)).toContain('esp.identifyingHang');
  });

  it('U6: Win32 and MSI LOB in the same phase can clash (random): ANOTHER_INSTALLATION_IN_PROGRESS', () => {
    const overrides = { apps: [{ name: 'Win32 app', type: 'win32' }, { name: 'MSI app', type: 'msi-lob' }] };
    const seed = findSeed(overrides, (s) => s.outcome.errorCode === 'ANOTHER_INSTALLATION_IN_PROGRESS');
    expect(seed, 'some seed produces the clash').toBeDefined();
    expectFailure(run(overrides, seed!), 'ANOTHER_INSTALLATION_IN_PROGRESS', 'deviceSetup');
    // and it is random, not certain
    expect(findSeed(overrides, (s) => s.outcome.status === 'succeeded')).toBeDefined();
  });

  it('U6/U9: the Microsoft 365 Apps app type beside a tracked Win32 app can hang the ESP (random): ESP_TIMEOUT', () => {
    const overrides = { apps: [{ name: 'Win32 app', type: 'win32' }, { name: 'M365', type: 'm365' }] };
    const seed = findSeed(overrides, (s) => s.outcome.errorCode === 'ESP_TIMEOUT');
    expect(seed, 'some seed produces the hang').toBeDefined();
    const sim = run(overrides, seed!);
    expectFailure(sim, 'ESP_TIMEOUT', 'deviceSetup');
    expect(sim.outcome.cause).toMatch(/Microsoft 365 Apps/);
  });
});

describe('user-driven, hybrid join: failure exits (§2.2 H2-H10)', () => {
  it.each<[string, Overrides, string, string]>([
    ['H2: tenant mismatch', { identity: { signInTenant: 'fabrikam.onmicrosoft.com' } }, 'TENANT_MISMATCH', 'identity'],
    ['H2: identity provider blocked', { network: { blockedEndpoints: ['entra'] } }, 'OOBEIDPS', 'identity'],
    ['H3: Windows (MDM) blocked', { identity: { windowsMdmBlocked: true } }, '0x80180014', 'identity'],
    ['H3: MDM user scope None', { identity: { mdmUserScope: 'none' } }, '0x8018002b', 'identity'],
    ['H3: Windows Home', { os: { edition: 'home' } }, '0x80180022', 'identity'],
    ['H4: no Domain Join profile assigned', { hybrid: { domainJoinProfileAssigned: false } }, '0x80070774', 'hybridJoin'],
    ['H4: a user is assigned to the hybrid device', { profile: { assignedUser: 'alex@contoso.com' } }, '0x80070774', 'hybridJoin'],
    ['H4: the Entra device object was deleted', { registration: { entraObjectDeleted: true } }, '0x80070774', 'hybridJoin'],
    ['H4: no connector for the domain', { hybrid: { connector: { present: false } } }, '0x80070774', 'hybridJoin'],
    ['H4: the connector is inactive', { hybrid: { connector: { active: false } } }, '0x80070774', 'hybridJoin'],
    ['H4: the connector is older than 6.2501.2000.5', { hybrid: { connector: { version: '6.2412.2000.5' } } }, '0x80070774', 'hybridJoin'],
    ['H4: no OU rights and the 10-computer quota used up (event 30132)', { hybrid: { ouRightsDelegated: false, computersJoinedByConnector: 10 } }, '0x80070774', 'hybridJoin'],
    ['H5: no line of sight to a DC', { hybrid: { dcLineOfSight: false } }, '0x80070774', 'hybridJoin'],
    ['H8: skip check, no DC and no VPN at the logon screen', { profile: { skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false } }, 'DOMAIN_UNAVAILABLE', 'windowsLogon'],
    ['H8: a VPN needing a user certificate', { profile: { skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false, vpn: 'user-certificate' } }, 'VPN_UNSUPPORTED', 'windowsLogon'],
    ['H8: a UWP VPN plug-in', { profile: { skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false, vpn: 'uwp-plugin' } }, 'VPN_UNSUPPORTED', 'windowsLogon'],
    ['H8: DirectAccess', { profile: { skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false, vpn: 'directaccess' } }, 'VPN_UNSUPPORTED', 'windowsLogon'],
    ['H6: a blocking device app fails', { apps: [{ name: 'Broken', failureProbability: 1 }] }, 'ESP_APP_FAILED', 'deviceSetup'],
    ['H6: device setup runs past 60 + 40 minutes', { apps: [{ name: 'Huge', installMinutes: 110 }] }, 'ESP_TIMEOUT', 'deviceSetup'],
    ['H9: a blocking user app fails', { apps: [{ name: 'User app', target: 'user', failureProbability: 1 }] }, 'ESP_APP_FAILED', 'accountSetup'],
    ['H9: account setup has no +40: 80 minutes time out', { apps: [{ name: 'Huge user app', target: 'user', installMinutes: 80 }] }, 'ESP_TIMEOUT', 'accountSetup'],
  ])('%s %j -> %s in %s', (_name, overrides, code, phase) => {
    expectFailure(run(hybrid(overrides)), code, phase);
  });

  it('H4: no OU given, no rights and the quota used up: the cause names the default Computers container, not an OU (§5.4)', () => {
    const sim = run(hybrid({ hybrid: { ouDistinguishedName: null, ouRightsDelegated: false, computersJoinedByConnector: 10 } }));
    expectFailure(sim, '0x80070774', 'hybridJoin');
    expect(sim.outcome.cause).toMatch(/default Computers container/);
    expect(sim.outcome.cause).not.toMatch(/on the OU/);
  });
});

describe('the hybrid +40 min device ESP timeout (§2.2 H6, §3.2)', () => {
  const pinned = { durations: { imeInstall: 3, espCategory: 0.5 } };
  const eighty = { ...pinned, apps: [{ name: 'Big app', installMinutes: 80 }] };

  it('an 80-minute device-setup app fails an Entra run with ESP_TIMEOUT (timeout 60)', () => {
    const sim = run(eighty);
    expectFailure(sim, 'ESP_TIMEOUT', 'deviceSetup');
    // The timer, not the app, ended device setup.
    const timeout = sim.trace.find((t) => t.code === 'ESP_TIMEOUT')!;
    expect(timeout.source).toBe('timer');
    const espStart = sim.trace.find((t) => t.state.includes('deviceEsp'))!;
    expect((timeout.at - espStart.at) / 60_000).toBeCloseTo(60, 5);
  });

  it('the same app passes hybrid (timeout 60 + 40)', () => {
    const sim = run(hybrid(eighty));
    expectSuccess(sim);
    expect(sim.outcome.firstTimeRight).toBe(true);
  });

  it('the hybrid timer fires at 100 minutes', () => {
    const sim = run(hybrid({ ...pinned, apps: [{ name: 'Bigger app', installMinutes: 120 }] }));
    expectFailure(sim, 'ESP_TIMEOUT', 'deviceSetup');
    const timeout = sim.trace.find((t) => t.code === 'ESP_TIMEOUT')!;
    const espStart = sim.trace.find((t) => t.state.includes('deviceEsp'))!;
    expect((timeout.at - espStart.at) / 60_000).toBeCloseTo(100, 5);
  });

  it('a longer configured timeout lets the Entra run pass', () => {
    expectSuccess(run({ ...eighty, esp: { timeoutMinutes: 120 } }));
  });
});

describe('what the person at the ESP error page does (people.onError)', () => {
  const flaky = { apps: [{ name: 'Flaky', failureProbability: 0.5 }], people: { onError: 'retry', maxRetries: 1 } };
  const broken = { apps: [{ name: 'Broken', failureProbability: 1 }] };

  it('retry after a transient failure succeeds, but is not first time right', () => {
    const seed = findSeed(flaky, (s) => s.outcome.status === 'succeeded' && s.outcome.firstError === 'ESP_APP_FAILED');
    expect(seed, 'a seed where the first attempt fails and the retry succeeds').toBeDefined();
    const sim = run(flaky, seed!);
    expectSuccess(sim);
    expect(sim.outcome.firstTimeRight).toBe(false);
    expect(sim.outcome.firstError).toBe('ESP_APP_FAILED');
    expect(sim.outcome.reachedDesktop).toBe(true);
    expect(events(sim).filter((e) => e === 'user.retry')).toHaveLength(1);
    expectInOrder(sim, ['errorPage', 'deviceSetup', 'accountSetup', 'succeeded']);
  });

  it('retries are bounded by maxRetries, then the person gives up', () => {
    const sim = run({ ...broken, people: { onError: 'retry', maxRetries: 2 } });
    expectFailure(sim, 'ESP_APP_FAILED', 'deviceSetup');
    expect(events(sim).filter((e) => e === 'user.retry')).toHaveLength(2);
    expect(events(sim).at(-1)).toBe('user.gaveUp');
  });

  it('continue anyway -> status failed, but the user reaches the desktop', () => {
    const sim = run({ ...broken, esp: { allowContinueAnyway: true }, people: { onError: 'continue' } });
    expectFailure(sim, 'ESP_APP_FAILED', 'deviceSetup');
    expect(sim.outcome.reachedDesktop).toBe(true);
    expect(events(sim)).toContain('user.continueAnyway');
    expectInOrder(sim, ['errorPage', 'accountSetup', 'succeeded']);
  });

  it('continue anyway is not offered unless the ESP allows it: the person gives up', () => {
    const sim = run({ ...broken, people: { onError: 'continue' } });
    expectFailure(sim, 'ESP_APP_FAILED', 'deviceSetup');
    expect(sim.outcome.reachedDesktop).toBe(false);
    expect(events(sim)).not.toContain('user.continueAnyway');
    expect(events(sim)).toContain('user.gaveUp');
  });

  it('reset -> failed, no desktop', () => {
    const sim = run({ ...broken, esp: { allowReset: true }, people: { onError: 'reset' } });
    expectFailure(sim, 'ESP_APP_FAILED', 'deviceSetup');
    expect(sim.outcome.reachedDesktop).toBe(false);
    expect(events(sim)).toContain('user.resetDevice');
  });

  it('reset is not offered unless the ESP allows it: the person gives up', () => {
    const sim = run({ ...broken, people: { onError: 'reset' } });
    expectFailure(sim, 'ESP_APP_FAILED', 'deviceSetup');
    expect(events(sim)).not.toContain('user.resetDevice');
    expect(events(sim)).toContain('user.gaveUp');
  });

  it('the error page after an account-setup failure honours continue anyway too', () => {
    const sim = run({ apps: [{ name: 'User app', target: 'user', failureProbability: 1 }], esp: { allowContinueAnyway: true }, people: { onError: 'continue' } });
    expectFailure(sim, 'ESP_APP_FAILED', 'accountSetup');
    expect(sim.outcome.reachedDesktop).toBe(true);
  });
});

describe('ESP forks (§2.1 forks, §3.2)', () => {
  it('ESP off: no device setup or account setup is shown, a failing app does not block', () => {
    const sim = run({ esp: { enabled: false }, apps: [{ name: 'Broken', failureProbability: 1 }, { name: 'User app', target: 'user', failureProbability: 1 }] });
    expectSuccess(sim);
    expect(visits(sim, 'deviceSetup')).toBe(false);
    expect(sim.trace.some((t) => t.state.startsWith('deployment.accountSetup.running'))).toBe(false);
  });

  it('ESP off: nothing of the ESP is on screen; its device preparation runs behind the desktop, on no one\'s clock (§2.1 fork, §3.2)', () => {
    const off = run({ esp: { enabled: false } }, 3);
    expectSuccess(off);
    expect(off.trace.filter((t) => t.screen === 'esp' || t.screen === 'espError' || t.row !== undefined).map((t) => t.state)).toEqual([]);
    const behind = off.trace.findIndex((t) => t.state.endsWith('preparationBehindDesktop'));
    expect([off.trace[behind]?.screen, off.trace[behind]?.wait, off.trace[behind + 1]?.event]).toEqual(['desktop', 'esp.preparationBehindDesktop', 'esp.trackingListReady']);
    // The IME's minutes pass after the desktop: elapsed, not the user's nor any phase's.
    const imeMinutes = (off.trace[behind + 1]!.at - off.trace[behind]!.at) / 60_000;
    expect(imeMinutes).toBeGreaterThan(0);
    expect(off.outcome.phaseMinutes.devicePreparation).toBeUndefined();
    expect(off.outcome.elapsedMinutes - off.outcome.endUserMinutes).toBeGreaterThanOrEqual(imeMinutes - 0.02);
  });

  it.each([['ESP off', { esp: { enabled: false } }], ['SkipDeviceStatusPage', { esp: { skipDeviceStatusPage: true } }]] as const)('hybrid, %s: the restart that applies the domain join is not narrated as the ESP being dismissed, as none was shown (§2.1 fork, §3.2)', (_name, overrides) => {
    const sim = run(hybrid(overrides));
    expectSuccess(sim);
    const restart = sim.trace.find((t) => t.state.endsWith('domainJoinRestart'))!;
    expect(restart.narration).not.toMatch(/ESP is dismissed/);
    expect(sim.trace.filter((t) => /ESP is dismissed/.test(t.narration)).map((t) => t.state)).toEqual([]);
  });

  it('ESP off: an IME install error shows no error page and fails nothing tracked; the run reports it (§2.1 U5, §3.2 [INF])', () => {
    const sim = run({ esp: { enabled: false, imeInstallFails: true } });
    expect({ status: sim.outcome.status, reachedDesktop: sim.outcome.reachedDesktop, findings: sim.outcome.findings, errorPage: sim.trace.some((t) => t.screen === 'espError') }).toEqual({
      status: 'succeeded', reachedDesktop: true, findings: ['PREPARATION_FAILED_BEHIND_DESKTOP'], errorPage: false,
    });
    expect(sim.trace.find((t) => t.finding === 'PREPARATION_FAILED_BEHIND_DESKTOP')?.detail).toMatch(/Intune Management Extension failed to install behind the desktop/);
  });

  it('SkipUserStatusPage: no account setup', () => {
    const sim = run({ esp: { skipUserStatusPage: true }, apps: [{ name: 'User app', target: 'user', failureProbability: 1 }] });
    expectSuccess(sim);
    expect(sim.trace.some((t) => t.state.startsWith('deployment.accountSetup.running'))).toBe(false);
  });

  it('an Intune-driven restart in device setup makes the user type credentials again (U6a)', () => {
    const sim = run({ apps: [{ name: 'Needs restart', requiresReboot: true }] });
    expectSuccess(sim);
    expectInOrder(sim, ['appRestart', 'reenterCredentials', 'accountSetup']);
  });

  it('SkipDeviceStatusPage (§3.3): no device setup phase, so no device ESP timer, while account setup still shows', () => {
    const sim = run({ esp: { skipDeviceStatusPage: true }, apps: [{ name: 'Huge', installMinutes: 100 }, { name: 'User app', target: 'user' }] });
    expectSuccess(sim);
    expect(visits(sim, 'deviceSetup')).toBe(false);
    expect(sim.trace.some((t) => t.detail === 'User app' && t.state.includes('accountSetup'))).toBe(true);
  });

  it('Selected blocking apps (§3.2): an app on the list that is not assigned is ignored; an assigned app not on the list installs after the ESP', () => {
    const sim = run({ esp: { blockingApps: 'selected', selectedApps: ['Agent', 'Retired tool'] }, apps: [{ name: 'Agent' }, { name: 'Huge', installMinutes: 100 }] });
    expectSuccess(sim);
    expect(sim.trace.filter((t) => t.state.includes('deviceSetup.apps')).map((t) => t.detail).filter(Boolean)).toEqual(['Agent']);
  });

  it('quality updates run after the device ESP on Windows 11 when enabled (U7)', () => {
    const sim = run({ esp: { installQualityUpdates: true } });
    expectSuccess(sim);
    expectInOrder(sim, ['deviceSetup', 'qualityUpdates', 'accountSetup']);
  });

  it.each<[string, Overrides]>([
    ['a metered network', { network: { metered: true } }],
    ['Windows 10', { os: { windows: 10 } }],
    ['Block device use = No', { esp: { installQualityUpdates: true, blockDeviceUse: false } }],
  ])('no quality updates on %s', (_name, overrides) => {
    const esp = { installQualityUpdates: true, ...((overrides.esp as Overrides | undefined) ?? {}) };
    const sim = run({ ...overrides, esp });
    expectSuccess(sim);
    expect(visits(sim, 'qualityUpdates')).toBe(false);
  });

  it('Windows Update unreachable: the device carries on without quality updates, and no step says they installed (W21, §5.3)', () => {
    // The trace read 'Quality updates installed' beside 'Windows Update unreachable: carries on without quality updates'.
    const sim = run({ esp: { installQualityUpdates: true }, network: { blockedEndpoints: ['windows-update'] } });
    expectSuccess(sim);
    expect(sim.trace.some((t) => t.event.startsWith('wu.updatesInstalled'))).toBe(false);
    expect(sim.trace.find((t) => t.event === 'wu.none')?.detail).toBe('Windows Update unreachable: carries on without quality updates');
    expect(visits(sim, 'reenterCredentials')).toBe(false);
  });

  it('a quality-update restart means no automatic sign-in (U7)', () => {
    const overrides = { esp: { installQualityUpdates: true } };
    const seed = findSeed(overrides, (s) => s.trace.some((t) => t.event === 'wu.updatesInstalledRestart'));
    expect(seed).toBeDefined();
    expectInOrder(run(overrides, seed!), ['qualityUpdates', 'reenterCredentials', 'accountSetup']);
  });
});

// --- The ESP error page, checked on the machine itself -------------------------------

const TO_DEVICE_APPS: Step[] = [
  'network.wired', 'profile.downloaded', 'zdp.none', 'user.oobePagesCompleted', 'user.signedIn', 'entra.authenticated',
  'entra.joined', 'mdm.enrolled', 'esp.trackingListReady', 'esp.itemsApplied', 'esp.itemsApplied', 'esp.itemsApplied',
];
const TO_HYBRID_DEVICE_APPS: Step[] = [
  'network.wired', 'profile.downloaded', 'zdp.none', 'user.oobePagesCompleted', 'user.signedIn', 'entra.authenticated',
  'mdm.enrolled', 'connector.odjBlobDelivered', 'dc.reachable', 'esp.trackingListReady', 'esp.itemsApplied', 'esp.itemsApplied', 'esp.itemsApplied',
];
const APP_FAILED: DeploymentEvent = { type: 'app.failed', code: 'ESP_APP_FAILED' };
const TO_ACCOUNT_APPS: Step[] = [...TO_DEVICE_APPS, 'esp.allAppsDone', 'device.autoSignedIn', 'esp.trackingListReady', 'esp.itemsApplied', 'esp.itemsApplied', 'esp.itemsApplied'];

const inputWith = (esp: Overrides, profile: Overrides = {}) => inputFor(defaultEnvironment({ esp, profile }));
function expectButtons(snapshot: AnyMachineSnapshot, esp: { allowReset: boolean; allowContinueAnyway: boolean }): void {
  expectEspButtons(snapshot, esp);
  expect(snapshot.can({ type: 'user.gaveUp' })).toBe(true);
  // The user's page has no technician buttons.
  expectRefuses(snapshot, 'technician.retry', 'technician.reset');
}

describe('the ESP error page\'s text (§3.2 "Show custom message when time limit or error occurs")', () => {
  const huge = { apps: [{ name: 'Huge', installMinutes: 80 }] };
  it('No: the default text', () => {
    expect(run(huge).outcome.errorMessage).toBe('Setup could not be completed. Please try again or contact your support person for help.');
  });
  it('Yes: the admin\'s text, for a timeout and for a failed app', () => {
    const esp = { customMessage: 'Call the service desk on 1234.' };
    expect(run({ ...huge, esp }).outcome.errorMessage).toBe('Call the service desk on 1234.');
    expect(run({ esp, apps: [{ name: 'Broken', failureProbability: 1 }] }).outcome.errorMessage).toBe('Call the service desk on 1234.');
  });
  it('an error that is not the ESP\'s page keeps its own text', () => {
    expect(run({ esp: { customMessage: 'Call 1234.' }, identity: { windowsMdmBlocked: true } }).outcome.errorMessage).toContain('does not support this version of Windows');
  });
});

describe('the ESP error page shows exactly the buttons the ESP profile allows (§3.2)', () => {
  it.each(COMBOS)('device setup, Entra: allowReset=$allowReset allowContinueAnyway=$allowContinueAnyway', (esp) => {
    const snapshot = drive(userDrivenMachine, inputWith(esp), [...TO_DEVICE_APPS, APP_FAILED]);
    expect(snapshot.context.errorCode).toBe('ESP_APP_FAILED');
    expectButtons(snapshot, esp);
  });

  it.each(COMBOS)('device setup, hybrid: allowReset=$allowReset allowContinueAnyway=$allowContinueAnyway', (esp) => {
    const snapshot = drive(userDrivenMachine, inputWith(esp, { joinType: 'hybrid' }), [...TO_HYBRID_DEVICE_APPS, APP_FAILED]);
    expectButtons(snapshot, esp);
  });

  it.each(COMBOS)('account setup: allowReset=$allowReset allowContinueAnyway=$allowContinueAnyway', (esp) => {
    const snapshot = drive(userDrivenMachine, inputWith(esp), [...TO_ACCOUNT_APPS, APP_FAILED]);
    expect(snapshot.hasTag('esp:accountSetup')).toBe(true);
    expectButtons(snapshot, esp);
  });

  it('device preparation failure lands on the same page', () => {
    const esp = { allowReset: true, allowContinueAnyway: false };
    const steps = TO_DEVICE_APPS.slice(0, 8);
    const snapshot = drive(userDrivenMachine, inputWith(esp), [...steps, { type: 'esp.preparationFailed', code: 'VM_MDM_PREPARATION' }]);
    expect(snapshot.context.errorCode).toBe('VM_MDM_PREPARATION');
    expectButtons(snapshot, esp);
  });

  it('Try again goes back into the ESP; Continue anyway leaves it and marks the run; Reset and give up fail it', () => {
    const esp = { allowReset: true, allowContinueAnyway: true };
    const atPage = drive(userDrivenMachine, inputWith(esp), [...TO_DEVICE_APPS, APP_FAILED]);
    const [retried] = transition(userDrivenMachine, atPage, { type: 'user.retry' });
    expect(retried.hasTag('errorPage')).toBe(false);
    expect(retried.hasTag('esp:devicePreparation')).toBe(true);
    const [continued] = transition(userDrivenMachine, atPage, { type: 'user.continueAnyway' });
    expect(continued.context.continuedAfterError).toBe(true);
    const [signedIn] = transition(userDrivenMachine, continued, { type: 'device.autoSignedIn' });
    expect(signedIn.hasTag('esp:accountSetup')).toBe(true);
    for (const type of ['user.resetDevice', 'user.gaveUp'] as const) {
      const [ended] = transition(userDrivenMachine, atPage, { type });
      expect(ended.status).toBe('done');
      expect(ended.value).toBe('failed');
    }
  });
});

describe('Block device use = No: the error page\'s Reset device and Continue anyway are not in effect (§3.2: "Yes unlocks the next four settings")', () => {
  const broken = { apps: [{ name: 'Broken', failureProbability: 1 }] };
  it('the page refuses them, whatever the file allows', () => {
    const esp = { blockDeviceUse: false, allowReset: true, allowContinueAnyway: true };
    const atPage = drive(userDrivenMachine, inputWith(esp), [...TO_DEVICE_APPS, APP_FAILED]);
    expectButtons(atPage, { allowReset: false, allowContinueAnyway: false });
  });
  it.each(['reset', 'continue'] as const)('a person who would press %s gives up instead: the run fails without it', (onError) => {
    const sim = run({ ...broken, esp: { blockDeviceUse: false, allowReset: true, allowContinueAnyway: true }, people: { onError } });
    expectFailure(sim, 'ESP_APP_FAILED', 'deviceSetup');
    expect(events(sim).slice(-1)).toEqual(['user.gaveUp']);
    expect(sim.outcome.reachedDesktop).toBe(false);
  });
});

describe('Collect logs on the ESP error page (§3.2 "Turn on log collection and diagnostics page for end users", §1.4)', () => {
  const broken = { apps: [{ name: 'Broken', failureProbability: 1 }] };
  it.each([true, false])('offered exactly when the ESP profile turns log collection on (%s), on device and account setup\'s page', (collectLogs) => {
    const device = drive(userDrivenMachine, inputWith({ collectLogs }), [...TO_DEVICE_APPS, APP_FAILED]);
    const account = drive(userDrivenMachine, inputWith({ collectLogs }), [...TO_ACCOUNT_APPS, APP_FAILED]);
    expect([device.can({ type: 'user.collectLogs' }), account.can({ type: 'user.collectLogs' })]).toEqual([collectLogs, collectLogs]);
  });

  it('pressing it leaves the same page up: the same failure, the same buttons', () => {
    const esp = { allowReset: true, allowContinueAnyway: false, collectLogs: true };
    const atPage = drive(userDrivenMachine, inputWith(esp), [...TO_DEVICE_APPS, APP_FAILED]);
    const [back] = transition(userDrivenMachine, atPage, { type: 'user.collectLogs' });
    expect(back.value).toEqual(atPage.value);
    expect(back.context.errorCode).toBe('ESP_APP_FAILED');
    expectButtons(back, esp);
  });

  it('a person who collects the logs and gives up: the copy before the choice, in the failed phase\'s time, and the run still fails', () => {
    const sim = run({ ...broken, people: { collectsLogs: true, onError: 'give-up' } });
    expectFailure(sim, 'ESP_APP_FAILED', 'deviceSetup');
    expect(events(sim).slice(-3)).toEqual(['app.failed', 'user.collectLogs', 'user.gaveUp']);
    const copied = sim.trace.find((t) => t.event === 'user.collectLogs')!;
    expect([copied.screen, copied.detail]).toEqual(['espError', expect.stringContaining('copied to a USB drive')]);
    const without = run({ ...broken, people: { onError: 'give-up' } });
    expect(sim.outcome.phaseMinutes.deviceSetup).toBeGreaterThan(without.outcome.phaseMinutes.deviceSetup!);
  });

  it('collected once, then Try again: the retry is the person\'s first, as with no logs collected', () => {
    const sim = run({ ...broken, people: { collectsLogs: true, onError: 'retry', maxRetries: 1 } });
    expect(events(sim).filter((e) => ['user.collectLogs', 'user.retry', 'user.gaveUp'].includes(e))).toEqual(['user.collectLogs', 'user.retry', 'user.gaveUp']);
  });

  it('with log collection off there is no button to press', () => {
    expect(events(run({ ...broken, esp: { collectLogs: false }, people: { collectsLogs: true } }))).not.toContain('user.collectLogs');
  });

  it('a trainer can press it: the studio and play offer it as a choice exactly where the page shows it', () => {
    const at = (s: Session) => s.trace.find((e) => e.screen === 'espError')!;
    const on = new Session({ scenario: 'user-driven', ...broken }, 1);
    expect(on.choicesFor(at(on)).map((c) => [c.id, c.label])).toContainEqual(['choose:user.collectLogs', 'User presses Collect logs']);
    on.seek(on.trace.indexOf(at(on)));
    on.inject('choose:user.collectLogs');
    const next = on.trace[on.cursor + 1]!;
    expect([next.event, next.state.split('.').pop(), next.screen]).toEqual(['user.collectLogs', 'errorPage', 'espError']);
    const off = new Session({ scenario: 'user-driven', esp: { collectLogs: false }, ...broken }, 1);
    expect(off.choicesFor(at(off)).map((c) => c.id)).not.toContain('choose:user.collectLogs');
  });
});

describe('user-driven machine structure', () => {
  it('state ids are unique (an #id target must name one state)', () => {
    const ids = allNodes(userDrivenMachine).map((n) => n.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

describe('findings: what a successful deployment still gets wrong (§1.3, §8 W53, W61, W63)', () => {
  it.each<[string, Overrides, string[]]>([
    ['W53: ADFS with a pre-assigned user', { identity: { federation: 'adfs' }, profile: { assignedUser: 'ana@contoso.com' } }, ['ASSIGNED_USER_NOT_ENFORCED']],
    ['W63: the device was Entra registered before it was imported', { registration: { previouslyEntraRegistered: true } }, ['SHOWN_AS_ENTRA_REGISTERED']],
    ['W61: a script adds a local admin to a hybrid device whose profile makes the user an administrator', hybrid({ hybrid: { scriptAddsLocalAdmin: true }, profile: { joinType: 'hybrid', userAccountType: 'administrator' } }), ['LOCAL_ADMIN_NOT_GRANTED']],
    [
      'all that apply, in the order met',
      { identity: { federation: 'adfs' }, profile: { assignedUser: 'ana@contoso.com' }, registration: { previouslyEntraRegistered: true } },
      ['ASSIGNED_USER_NOT_ENFORCED', 'SHOWN_AS_ENTRA_REGISTERED'],
    ],
  ])('%s: succeeds with %j', (_name, overrides, findings) => {
    const sim = run(overrides);
    expectSuccess(sim);
    expect(sim.outcome.findings).toEqual(findings);
    // Each is reported on the step that caused it, once.
    expect(sim.trace.filter((t) => t.finding).map((t) => t.finding)).toEqual(findings);
  });

  it.each<[string, Overrides]>([
    ['a healthy deployment', {}],
    ['ADFS without an assigned user (nothing to enforce)', { identity: { federation: 'adfs' } }],
    ['a pre-assigned user with managed sign-in', { profile: { assignedUser: 'ana@contoso.com' } }],
    ['a script adds a local admin, Entra join (W61 is a hybrid issue)', { hybrid: { scriptAddsLocalAdmin: true }, profile: { userAccountType: 'administrator' } }],
    ['§5.6: a script adds a local admin to a hybrid device whose user is Standard (no admin rights to lose)', hybrid({ hybrid: { scriptAddsLocalAdmin: true }, profile: { joinType: 'hybrid', userAccountType: 'standard' } })],
  ])('no finding: %s', (_name, overrides) => {
    const sim = run(overrides);
    expectSuccess(sim);
    expect(sim.outcome).not.toHaveProperty('findings');
  });

  it('a deployment that fails later keeps the findings it met (a fleet counts them only on successful devices)', () => {
    const sim = run({ identity: { federation: 'adfs', windowsMdmBlocked: true }, profile: { assignedUser: 'ana@contoso.com' }, registration: { previouslyEntraRegistered: true } });
    expectFailure(sim, '0x80180014', 'identity');
    expect(sim.outcome.findings).toEqual(['ASSIGNED_USER_NOT_ENFORCED', 'SHOWN_AS_ENTRA_REGISTERED']);
  });
});

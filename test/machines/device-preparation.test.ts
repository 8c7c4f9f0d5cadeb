// Windows Autopilot device preparation (domain/autopilot.md §7): the user-driven flow in
// the documented order (steps 1-12), the one timer, Retry and Continue anyway, every failure
// exit the world produces, the known behaviours, Windows 365 automatic mode with the portal's
// states and failure phases, and the documented limits as validation errors.
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { devicePreparationMachine } from '../../machines/devicePreparation.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { parseScenario } from '../../src/environment/load.ts';
import { DevicePreparationPolicySchema } from '../../src/environment/schema.ts';
import { inputFor } from '../../src/world/index.ts';
import { entryEventText } from '../../src/studio/app/insight.ts';
import { eventLabel } from '../../src/report/timeline.ts';
import { drive, environment, events, expectFailure, expectInOrder, expectRefuses, expectSuccess, runner, visits, type Overrides } from './helpers.ts';

const env = environment('device-preparation');
/** Device preparation on a device that is not registered (the usual case: no registration needed). */
const base = (o: Overrides = {}): Overrides => ({ ...o, registration: { registered: false, ...((o.registration as Overrides) ?? {}) } });
const run = (o: Overrides = {}, seed = 1) => runner('device-preparation')(base(o), seed);
const policy = (p: Overrides, rest: Overrides = {}): Overrides => ({ ...rest, devicePreparation: { ...((rest.devicePreparation as Overrides) ?? {}), policies: [p] } });

const STEPS = ['entraSignIn', 'policy', 'entraJoin', 'mdmEnrollment', 'deviceGroup', 'ime', 'localAdmin', 'mdmSync', 'lobApps', 'scripts', 'win32Apps', 'finishing', 'requiredSetupComplete', 'desktopSync', 'succeeded'];

describe('device preparation, user-driven: the ordered flow (§7 steps 1-12)', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: sign-in, policy, join and enrollment, grouping, IME, local admin, sync, LOB, scripts, Win32, Required setup complete, desktop', (seed) => {
    const sim = run(policy({ scripts: [{ name: 'a.ps1' }] }), seed);
    expectSuccess(sim);
    expectInOrder(sim, STEPS);
    expect(sim.outcome.firstTimeRight).toBe(true);
    expect(sim.outcome.followOn).toBeUndefined();
  });

  it('has no ESP and no Autopilot profile: no ESP screen, no account setup, profile not available (event 807)', () => {
    const sim = run();
    expect(sim.trace.some((t) => t.screen === 'esp')).toBe(false);
    expect(visits(sim, 'accountSetup')).toBe(false);
    // Nor its time: the sign-in after "Required setup complete" is a sign-in, not an account setup ESP.
    expect(sim.outcome.phaseMinutes).not.toHaveProperty('accountSetup');
    expect(sim.trace.find((t) => t.state.endsWith('signingIn'))?.phase).toBe('identity');
    expect(events(sim)).toContain('profile.unavailable');
    expect(sim.trace.filter((t) => t.screen === 'devicePreparation').length).toBeGreaterThan(3);
  });

  it('narrates its OOBE pages as ordinary OOBE with no profile to hide them (§7 step 1), and classic Autopilot\'s with its profile', () => {
    const pages = (sim: ReturnType<typeof run>) => sim.trace.find((t) => t.state.endsWith('oobePages'))?.narration ?? '';
    const apdp = pages(run());
    expect(apdp).toMatch(/ordinary OOBE: device preparation has no Autopilot profile/);
    expect(apdp).not.toMatch(/unless the profile hides them/);
    // A user-driven classic deployment keeps the profile's words.
    expect(pages(runner('user-driven')({}, 1))).toMatch(/unless the profile hides them/);
  });

  it('installs LOB and Microsoft 365 apps, then scripts, then Win32 and Store apps, whatever their order in the file', () => {
    const sim = run(policy({ scripts: [{ name: 'a.ps1' }] }, { apps: [{ name: 'W', type: 'win32' }, { name: 'S', type: 'store' }, { name: 'L', type: 'msi-lob' }, { name: 'O', type: 'm365' }] }));
    expectSuccess(sim);
    const order = sim.trace.filter((t) => t.event === 'app.installed' || t.event === 'script.succeeded').map((t) => t.detail);
    expect(order).toEqual(['L', 'O', 'a.ps1', 'W', 'S']);
  });

  // §7 steps 7 and 9 go by the app's type; the default list packages Microsoft 365 Apps as Win32 (§3.3's advice for the
  // ESP), so it installs after the scripts. The LOB step's words said 'Line-of-business and Microsoft 365 apps' while the
  // trace showed Microsoft 365 Apps in the Win32 step.
  it('says where Microsoft 365 Apps packaged as Win32 installs, where the default list puts it: with the Win32 apps', () => {
    const sim = run(policy({ scripts: [{ name: 'a.ps1' }] }));
    expectSuccess(sim);
    expect(sim.trace.find((t) => t.event === 'app.installed' && t.detail === 'Microsoft 365 Apps')?.state).toMatch(/win32Apps$/);
    const lob = sim.trace.find((t) => t.state.endsWith('lobApps'))?.narration ?? '';
    expect(lob).toMatch(/Microsoft 365 Apps type/);
    expect(lob).toMatch(/packaged as a Win32 app.*install with the Win32 apps after the scripts/);
  });

  it('Win32 and MSI apps together do not clash (supported in device preparation, W17)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const sim = run({ apps: [{ name: 'Agent', type: 'win32' }, { name: 'Legacy MSI', type: 'msi-lob' }] }, seed);
      expectSuccess(sim);
    }
  });

  it('only the policy\'s apps are waited for; the others, and user-targeted apps, arrive after the desktop', () => {
    const sim = run(policy({ apps: ['VPN client'] }, { apps: [{ name: 'VPN client' }, { name: 'Big tool', installMinutes: 50 }, { name: 'Team app', target: 'user' }] }));
    expectSuccess(sim);
    expect(sim.trace.filter((t) => t.event === 'app.installed').map((t) => t.detail)).toEqual(['VPN client']);
    expect(sim.trace.find((t) => t.event === 'apdp.userConfigurationDelivered')?.detail).toContain('2 apps not in the policy');
    // The sync after the desktop does not count against the user.
    expect(sim.outcome.elapsedMinutes).toBeGreaterThan(sim.outcome.endUserMinutes);
  });

  it('"Required setup complete" waits for Continue unless the policy moves on automatically', () => {
    expect(events(run())).toContain('user.continue');
    const auto = run(policy({ continueAutomatically: true }));
    expectSuccess(auto);
    expect(events(auto)).not.toContain('user.continue');
  });

  it('Standard removes the user from local Administrators; Administrator keeps them', () => {
    expect(run().trace.find((t) => t.event === 'apdp.accountTypeApplied')?.detail).toContain('removed');
    expect(run(policy({ accountType: 'administrator' })).trace.find((t) => t.event === 'apdp.accountTypeApplied')?.detail).toContain('stays');
  });

  it('Administrator keeps only what the join gave: with Entra\'s local administrator setting None the user is a standard user (known issue, "Standard user option 1")', () => {
    const detail = (entraLocalAdmin: string) =>
      run({ devicePreparation: { entraLocalAdmin, policies: [{ accountType: 'administrator' }] } }).trace.find((t) => t.event === 'apdp.accountTypeApplied')?.detail;
    expect(detail('none')).toMatch(/is a standard user/);
    expect(detail('none')).not.toMatch(/stays a local administrator/);
    expect(detail('selected')).toMatch(/if Entra's local administrator setting selects them/);
    expect(detail('all')).toBe('the user stays a local administrator');
  });

  it('the lowest priority number wins when several policies target the user', () => {
    const sim = run({ devicePreparation: { policies: [{ name: 'Second', priority: 2 }, { name: 'First', priority: 1, scripts: [{ name: 'first.ps1' }] }, { name: 'Other group', priority: 0 + 1, targetsUser: false }] } });
    expectSuccess(sim);
    expect(sim.trace.find((t) => t.event === 'apdp.policyDelivered')?.detail).toContain('"First"');
    expect(sim.trace.some((t) => t.detail === 'first.ps1')).toBe(true);
  });
});

describe('device preparation: the one timer over the whole deployment (15-720 min)', () => {
  it('the machine\'s timer is the policy\'s, not the ESP\'s', () => {
    const input = inputFor(env(base(policy({ timeoutMinutes: 240 }, { esp: { timeoutMinutes: 30 } }))));
    expect(input.devicePreparation.timeoutMinutes).toBe(240);
  });

  it('covers the deployment, not single items: three 20-minute apps exceed 45 minutes although each fits', () => {
    const apps = [1, 2, 3].map((i) => ({ name: `App ${i}`, installMinutes: 20 }));
    const sim = run(policy({ timeoutMinutes: 45 }, { apps }));
    expectFailure(sim, 'APDP_TIMEOUT', 'appsInstallation');
    expect(sim.outcome.cause).toContain("device preparation policy's timer");
    expectSuccess(run(policy({ timeoutMinutes: 120 }, { apps })));
  });

  it('a device classic Autopilot takes over times out in the ESP, so the cause names the ESP timer, not the policy\'s', () => {
    // Registered with a classic profile and not associated: classic Autopilot takes it (§1.2, §7 coexistence).
    const sim = runner('device-preparation')({ registration: { registered: true }, esp: { timeoutMinutes: 5 }, apps: [{ name: 'Big tool', installMinutes: 50 }] }, 1);
    expect(sim.outcome.status).toBe('failed');
    expect(sim.outcome.failedPhase).toBe('deviceSetup');
    expect(sim.outcome.cause).toContain('the ESP timer ran out');
    expect(sim.outcome.cause).not.toContain('device preparation policy');
  });

  it('a VM below 2 vCPU / 4 GB (§5.8) ends at the timer, the IME still installing; at 2 vCPU and 4 GB it deploys', () => {
    // Classic Autopilot fails it preparing for mobile management (§8 W7); device preparation has no such row [INF].
    for (const hardware of [{ kind: 'vm', vCpus: 1, memoryGb: 8 }, { kind: 'vm', vCpus: 4, memoryGb: 2 }] as const) {
      const sim = run({ hardware });
      expectFailure(sim, 'APDP_TIMEOUT', 'policyInstallation');
      expect(sim.outcome.cause).toContain('Intune Management Extension');
      expect(sim.outcome.cause).toContain('needs 2 vCPU and 4 GB');
    }
    expectSuccess(run({ hardware: { kind: 'vm', vCpus: 2, memoryGb: 4 } }));
  });

  it('the trace names the hang as the VM too small, an inference, not as an app that hangs', () => {
    const sim = run({ hardware: { kind: 'vm', vCpus: 1, memoryGb: 2 } });
    const i = sim.trace.findIndex((t) => t.event === 'app.hung');
    expect(sim.trace[i - 1]?.wait).toBe('apdp.ime');
    expect(entryEventText(sim.trace, i)).toBe('VM too small: the IME hangs [INF]');
    expect(eventLabel('app.hung', 'world', 'apdp.ime')).toBe('VM too small: the IME hangs [INF]');
    // An app's hang elsewhere keeps its words.
    expect(eventLabel('app.hung', 'world', 'apdp.win32Apps')).toBe('An app hangs');
  });

  it('a hung installer ends at the timer', () => {
    const sim = run({ apps: [{ name: 'Driver pack', rebootInsidePackage: true }] });
    expectFailure(sim, 'APDP_TIMEOUT', 'appsInstallation');
    expect(sim.outcome.cause).toContain('Driver pack');
  });

  it('the timer is bounded as documented: 15 and 720 minutes load, 14 and 721 are validation errors', () => {
    const file = (t: number) => `scenario: device-preparation\ndevicePreparation:\n  policies:\n    - timeoutMinutes: ${t}\n`;
    expect(() => parseScenario('a.yaml', file(15))).not.toThrow();
    expect(() => parseScenario('a.yaml', file(720))).not.toThrow();
    expect(() => parseScenario('a.yaml', file(14))).toThrow(/devicePreparation\.policies\[0\]\.timeoutMinutes: expected >= 15/);
    expect(() => parseScenario('a.yaml', file(721))).toThrow(/devicePreparation\.policies\[0\]\.timeoutMinutes: expected <= 720/);
  });
});

describe('device preparation: the error screen (Retry, Continue anyway)', () => {
  const failing = (allowSkip: boolean) => drive(devicePreparationMachine, inputFor(env(base(policy({ allowSkip })))), [
    'network.wired', 'profile.unavailable', 'zdp.none', 'oobe.pagesSkipped', 'user.signedIn', 'entra.authenticated', 'apdp.policyDelivered',
    'entra.joined', 'mdm.enrolled', 'apdp.deviceGrouped', 'apdp.imeInstalled', 'apdp.accountTypeApplied', 'apdp.synced', 'apdp.appsDone',
    { type: 'script.failed', code: 'APDP_SCRIPT_FAILED' },
  ]);

  it('the first error offers Retry, not Continue anyway, even when skipping is allowed', () => {
    const s = failing(true);
    expect(s.value).toEqual({ deployment: 'apdpFailure' });
    expectRefuses(s, 'user.continueAnyway', 'user.resetDevice');
  });

  it('after a Retry that fails again, Continue anyway appears when the policy allows skipping', () => {
    const again = (allowSkip: boolean) =>
      drive(devicePreparationMachine, inputFor(env(base(policy({ allowSkip })))), [
        'network.wired', 'profile.unavailable', 'zdp.none', 'oobe.pagesSkipped', 'user.signedIn', 'entra.authenticated', 'apdp.policyDelivered',
        'entra.joined', 'mdm.enrolled', 'apdp.deviceGrouped', 'apdp.imeInstalled', 'apdp.accountTypeApplied', 'apdp.synced', 'apdp.appsDone',
        { type: 'script.failed', code: 'APDP_SCRIPT_FAILED' }, 'user.retry', 'apdp.synced', 'apdp.appsDone', { type: 'script.failed', code: 'APDP_SCRIPT_FAILED' },
      ]);
    const allowed = again(true);
    expect(devicePreparationMachine.getTransitionData(allowed, { type: 'user.continueAnyway' } as never).length).toBe(1);
    expectRefuses(again(false), 'user.continueAnyway');
  });

  it('Retry runs again from the sync (the device stays joined and enrolled) and can succeed', () => {
    const s = failing(false);
    const retried = transition(devicePreparationMachine, s, { type: 'user.retry' } as never)[0];
    expect(retried.value).toEqual({ deployment: { provisioning: 'mdmSync' } });
  });

  it('Continue anyway reaches the desktop, and the deployment is still a failure', () => {
    const sim = run(policy({ allowSkip: true, scripts: [{ name: 'bad.ps1', failureProbability: 1 }] }, { people: { onError: 'continue' } }));
    expectFailure(sim, 'APDP_SCRIPT_FAILED', 'scriptsInstallation');
    expect(sim.outcome.reachedDesktop).toBe(true);
    expect(events(sim).filter((e) => e === 'user.retry')).toHaveLength(1);
  });

  it('the policy\'s custom message is the error the person reads (§7 policy settings)', () => {
    const sim = run(policy({ customMessage: 'Call 1234.', scripts: [{ name: 'bad.ps1', failureProbability: 1 }] }));
    expectFailure(sim, 'APDP_SCRIPT_FAILED', 'scriptsInstallation');
    expect(sim.outcome.errorMessage).toBe('Call 1234.');
  });

  it('without "allow skip" the person who wants to continue can only give up', () => {
    const sim = run(policy({ allowSkip: false, scripts: [{ name: 'bad.ps1', failureProbability: 1 }] }, { people: { onError: 'continue' } }));
    expectFailure(sim, 'APDP_SCRIPT_FAILED', 'scriptsInstallation');
    expect(sim.outcome.reachedDesktop).toBe(false);
  });

  it('a retried app failure that then installs leaves a success that was not first time right', () => {
    let found = false;
    for (let seed = 1; seed <= 40 && !found; seed++) {
      const sim = run({ apps: [{ name: 'Flaky', type: 'msi-lob', failureProbability: 0.5 }], people: { onError: 'retry', maxRetries: 2 } }, seed);
      if (sim.outcome.status === 'succeeded' && events(sim).includes('user.retry')) {
        found = true;
        expect(sim.outcome.firstTimeRight).toBe(false);
        expect(sim.outcome.firstError).toBe('APDP_APP_FAILED');
      }
    }
    expect(found).toBe(true);
  });
});

describe('device preparation: every failure exit', () => {
  it.each([
    ['an app in the policy fails', { apps: [{ name: 'Bad', type: 'msi-lob', failureProbability: 1 }] }, 'APDP_APP_FAILED', 'appsInstallation'],
    ['a Win32 app in the policy fails', { apps: [{ name: 'Bad', type: 'win32', failureProbability: 1 }] }, 'APDP_APP_FAILED', 'appsInstallation'],
    // §5.3: the Store unreachable, no Store apps; an app in the policy that fails fails the deployment (§7 step 9).
    ['a Store app in the policy, the Microsoft Store unreachable', { apps: [{ name: 'Company Portal', type: 'store' }], network: { blockedEndpoints: ['store'] } }, 'APDP_APP_FAILED', 'appsInstallation'],
    ['a script fails', policy({ scripts: [{ name: 'bad.ps1', failureProbability: 1 }] }), 'APDP_SCRIPT_FAILED', 'scriptsInstallation'],
    ['personal enrollment blocked without corporate identifier or association', { identity: { personalEnrollmentBlocked: true } }, '0x80180014', 'identity'],
    ['Windows MDM blocked', { identity: { windowsMdmBlocked: true } }, '0x80180014', 'identity'],
    ['Windows Home', { os: { edition: 'home' } }, '0x80180022', 'identity'],
    ['user unlicensed', { identity: { userLicensed: false } }, 'MDM_TERMS_OF_USE', 'identity'],
    ['Entra device cap', { identity: { userDeviceCount: 50 } }, '801C0003', 'identity'],
    ['user may not join', { identity: { userMayJoin: false } }, '801C0003', 'identity'],
    ['Conditional Access blocks Intune Enrollment', { identity: { conditionalAccess: ['blocks-intune-enrollment'] } }, 'CA_BLOCKS_ENROLLMENT', 'identity'],
    ['identity provider blocked', { network: { blockedEndpoints: ['entra'] } }, 'OOBEIDPS', 'identity'],
  ])('%s', (_name, overrides, code, phase) => {
    expectFailure(run(overrides as Overrides), code, phase);
  });

  it('personal enrollment blocked is fine with a corporate identifier, or with an association', () => {
    expectSuccess(run({ identity: { personalEnrollmentBlocked: true }, devicePreparation: { corporateIdentifier: true } }));
    expectSuccess(runner('device-preparation')({ identity: { personalEnrollmentBlocked: true }, devicePreparation: { associated: true } }));
  });

  it.each([
    ['no policy targets the user', policy({ targetsUser: false }), 'no device preparation policy'],
    ['Windows 10', { os: { windows: 10 } }, 'Windows 10'],
    ['Windows 11 23H2 without KB5035942', { os: { version: '23H2' } }, 'KB5035942'],
    ['Windows 11 21H2', { os: { version: '21H2', march2024Update: true } }, 'older than 22H2'],
    ['no internet', { network: { internet: false } }, 'no internet'],
  ])('%s: ordinary OOBE, no provisioning', (_name, overrides, reason) => {
    const sim = run(overrides as Overrides);
    expect(sim.outcome.status).toBe('fell-back-to-oobe');
    expect(sim.outcome.fallbackReason).toContain(reason);
  });

  it.each([
    ['22H2 with the March 2024 update', { version: '22H2', march2024Update: true }],
    ['23H2 with the March 2024 update', { version: '23H2', march2024Update: true }],
    ['24H2', { version: '24H2' }],
    ['25H2', { version: '25H2' }],
  ])('Windows 11 %s runs device preparation', (_name, os) => {
    expectSuccess(run({ os }));
  });
});

describe('device preparation on a registered device with no profile (§1.1, §7 coexistence, readings.registeredDeviceRunsDevicePreparation)', () => {
  const registered = (o: Overrides = {}) => runner('device-preparation')({ registration: { registered: true, profileStatus: 'not-assigned', defaultProfile: false }, ...o });

  it.each(['not-assigned', 'assigning', 'deleted'])('newest reading (compare.md, the device preparation FAQ): registration wins even without a profile (%s); the device must be deregistered or associated', (profileStatus) => {
    const sim = runner('device-preparation')({ registration: { registered: true, profileStatus, defaultProfile: false } });
    expect(sim.outcome.status).toBe('fell-back-to-oobe');
    expect(sim.outcome.fallbackReason).toContain('registered for Autopilot');
    expect(visits(sim, 'provisioning')).toBe(false);
    expect(visits(sim, 'classic')).toBe(false);
  });

  it('the Autopilot FAQ\'s reading: event 815, default OOBE, and device preparation runs there', () => {
    const sim = registered({ readings: { registeredDeviceRunsDevicePreparation: true } });
    expectSuccess(sim);
    expect(visits(sim, 'provisioning')).toBe(true);
  });

  it('either way, an associated device runs it (2026), and so does one whose hash no longer matches (the service does not know it)', () => {
    expectSuccess(registered({ devicePreparation: { associated: true } }));
    expectSuccess(registered({ hardware: { motherboardReplaced: true } }));
  });
});

describe('device preparation: provisioning skipped (findings, §7 known issues, W57)', () => {
  it.each([
    ['Entra local admin None, policy Standard', { devicePreparation: { entraLocalAdmin: 'none' } }, 'APDP_LOCAL_ADMIN_CONFLICT'],
    ['Entra local admin Selected, policy Standard', { devicePreparation: { entraLocalAdmin: 'selected' } }, 'APDP_LOCAL_ADMIN_CONFLICT'],
    ['device group without the Provisioning Client owner', { devicePreparation: { deviceGroup: { provisioningClientOwner: false } } }, 'APDP_DEVICE_GROUP_SKIPPED'],
    ['dynamic device group', { devicePreparation: { deviceGroup: { membership: 'dynamic' } } }, 'APDP_DEVICE_GROUP_SKIPPED'],
    ['role-assignable device group', { devicePreparation: { deviceGroup: { roleAssignable: true } } }, 'APDP_DEVICE_GROUP_SKIPPED'],
    ['deleted device group', { devicePreparation: { deviceGroup: { deleted: true } } }, 'APDP_DEVICE_GROUP_SKIPPED'],
  ])('%s: the desktop without the policy\'s apps, with a finding', (_name, overrides, finding) => {
    const sim = run(overrides as Overrides);
    expectSuccess(sim);
    expect(sim.outcome.findings).toEqual([finding]);
    expect(events(sim)).not.toContain('app.installed');
    expect(visits(sim, 'lobApps')).toBe(false);
  });

  it('the documented consistent combinations do not skip: Entra All with Standard, None with Administrator', () => {
    expect(run({ devicePreparation: { entraLocalAdmin: 'all' } }).outcome.findings).toBeUndefined();
    expect(run(policy({ accountType: 'administrator' }, { devicePreparation: { entraLocalAdmin: 'none' } })).outcome.findings).toBeUndefined();
  });
});

describe('device preparation: known behaviours', () => {
  it('stuck at 100 %: the user restarts by hand and signs in again', () => {
    const sim = run({ devicePreparation: { stuckAt100Share: 1 } });
    expectSuccess(sim);
    expectInOrder(sim, ['finishing', 'stuckAt100', 'restartByHand', 'reenterCredentials', 'desktopSync']);
  });
});

describe('Windows 365 automatic mode (§7)', () => {
  const cloud = (o: Overrides = {}) => run({ ...o, devicePreparation: { mode: 'automatic', ...((o.devicePreparation as Overrides) ?? {}) } });

  it('the agent creates the VM, joins and enrolls without a user; the body runs; the portal shows Provisioned', () => {
    const sim = cloud();
    expectSuccess(sim);
    expectInOrder(sim, ['createVm', 'entraJoin', 'mdmEnrollment', 'deviceGroup', 'ime', 'mdmSync', 'lobApps', 'scripts', 'win32Apps', 'provisioned', 'succeeded']);
    expect(sim.trace.every((t) => t.source !== 'user')).toBe(true);
    expect(visits(sim, 'localAdmin')).toBe(false);
    expect(visits(sim, 'oobe')).toBe(false);
    expect(sim.outcome.endUserMinutes).toBe(0);
    expect(sim.trace.at(-1)?.detail).toBe('Provisioned');
    // What the narration says at the end is true of a Cloud PC too: no one has signed in to it yet.
    expect(sim.trace.at(-1)?.narration).not.toMatch(/desktop|signed in/);
  });

  // One end state serves the three ways (§7): its words must be true of each, and what each ends with comes just before it.
  it.each([
    ['device preparation', () => run(), 'desktopSync', /user-targeted configuration/],
    ['classic Autopilot on a registered device (§7 coexistence)', () => runner('device-preparation')({ registration: { registered: true } }, 1), 'accountSetup', /^$/],
    ['a Cloud PC', () => cloud(), 'provisioned', /^Provisioned$/],
  ])('%s: the ending says nothing another way owns', (_way, make, before, detail) => {
    const sim = make();
    expectSuccess(sim);
    const [penultimate, end] = sim.trace.slice(-2);
    expect(penultimate!.state.split('.')).toContain(before);
    expect(end!.detail ?? '').toMatch(detail);
    const classic = visits(sim, 'classic');
    const cloudPc = visits(sim, 'cloudPc');
    // Classic Autopilot ran a user ESP (§3.1), so nothing "arrives in the background"; only a Cloud PC is one.
    if (!cloudPc) expect(end!.narration).not.toMatch(/Cloud PC/);
    if (classic || cloudPc) expect(`${end!.narration} ${end!.detail ?? ''}`).not.toMatch(/in the background|without blocking/);
  });

  it.each([
    ['Scripts installation', policy({ scripts: [{ name: 'bad.ps1', failureProbability: 1 }] }), 'APDP_SCRIPT_FAILED', 'scriptsInstallation'],
    ['Apps installation', { apps: [{ name: 'Bad', type: 'win32', failureProbability: 1 }] }, 'APDP_APP_FAILED', 'appsInstallation'],
  ])('a failure in %s: Provisioned with warnings, or Failed when access is denied on failure', (_name, overrides, code, phase) => {
    const warn = cloud(overrides as Overrides);
    expectFailure(warn, code, phase);
    // Handed over for its user to connect later: no one is at a desktop yet (§7 automatic mode).
    expect([warn.outcome.reachedDesktop, warn.outcome.continuedAfterError]).toEqual([false, true]);
    expect(warn.trace.at(-1)?.detail).toBe('Provisioned with warnings');
    const o = overrides as Overrides;
    const denied = cloud({ ...o, devicePreparation: { ...((o.devicePreparation as Overrides) ?? {}), cloudPcAccessDeniedOnFailure: true } });
    expectFailure(denied, code, phase);
    expect(denied.outcome.reachedDesktop).toBe(false);
    expect(denied.trace.at(-1)?.detail).toBe('Failed');
  });

  it('a timeout in the policy step fails in Policy installation', () => {
    const sim = cloud({ ...policy({ timeoutMinutes: 15 }), durations: { imeInstall: 30 } });
    expectFailure(sim, 'APDP_TIMEOUT', 'policyInstallation');
  });

  it('priority does not apply: the policy attached to the provisioning policy runs even if it targets no user group', () => {
    const sim = cloud({ devicePreparation: { policies: [{ name: 'Cloud PCs', targetsUser: false, priority: 9 }, { name: 'Laptops', priority: 1 }] } });
    expectSuccess(sim);
    expect(sim.trace.find((t) => t.event === 'mdm.enrolled')?.detail).toBe('policy "Cloud PCs"');
  });
});

describe('device preparation: the documented limits are validation errors', () => {
  const load = (yaml: string) => () => parseScenario('dp.yaml', `scenario: device-preparation\n${yaml}`);
  const apps = (n: number) => `apps:\n${Array.from({ length: n }, (_, i) => `  - name: App ${i}\n`).join('')}`;
  const listed = (n: number) => `devicePreparation:\n  policies:\n    - apps: [${Array.from({ length: n }, (_, i) => `App ${i}`).join(', ')}]\n`;

  it('25 apps load; 26 are refused, naming the field', () => {
    expect(load(apps(25) + listed(25))).not.toThrow();
    expect(load(apps(26) + listed(26))).toThrow(/devicePreparation\.policies\[0\]\.apps: expected at most 25 items/);
  });

  it('the 2024 reading allows 10', () => {
    expect(load(apps(11) + listed(11) + 'readings:\n  devicePreparationAppLimit: 10\n')).toThrow(/at most 10 apps/);
  });

  it('the 2024 reading does not apply to Windows 365 automatic mode, documented from 2025 with 25 apps (§7, §10 #7)', () => {
    const reading = 'readings:\n  devicePreparationAppLimit: 10\n';
    const automatic = (n: number) => apps(n) + listed(n).replace('devicePreparation:\n', 'devicePreparation:\n  mode: automatic\n') + reading;
    expect(load(automatic(25))).not.toThrow();
    expect(load(apps(12) + reading + 'devicePreparation:\n  mode: automatic\n')).not.toThrow();
    expect(load(automatic(26))).toThrow(/expected at most 25 items/);
  });

  it('a policy that installs every device app cannot exceed the limit either', () => {
    expect(load(apps(26))).toThrow(/lists at most 25 apps/);
  });

  it('the policy timer has no documented default: the 60 minutes used is marked as an estimate (§9.1)', () => {
    expect(DevicePreparationPolicySchema.shape.timeoutMinutes.description).toMatch(/no default: 60 is an estimate/);
  });

  it('a registered device whose classic profile is self-deploying is refused: classic wins and it self-deploys, which this scenario does not run (§7 coexistence)', () => {
    const registered = 'registration: { registered: true, profileStatus: assigned }\n';
    expect(load(registered + 'profile: { deploymentMode: self-deploying }\n')).toThrow(/profile\.deploymentMode: this registered device has a classic self-deploying profile.*scenario: self-deploying/);
    expect(load(registered + 'profile: { deploymentMode: user-driven }\n')).not.toThrow();
    expect(load(registered + 'profile: { deploymentMode: self-deploying }\ndevicePreparation: { associated: true }\n')).not.toThrow();
  });

  it('10 scripts load; 11 are refused', () => {
    const scripts = (n: number) => `devicePreparation:\n  policies:\n    - scripts:\n${Array.from({ length: n }, (_, i) => `        - name: s${i}.ps1\n`).join('')}`;
    expect(load(scripts(10))).not.toThrow();
    expect(load(scripts(11))).toThrow(/devicePreparation\.policies\[0\]\.scripts: expected at most 10 items/);
  });

  it('a listed app must exist, be device-targeted and install in System context', () => {
    expect(load('devicePreparation:\n  policies:\n    - apps: [Nope]\n')).toThrow(/expected the name of an app under apps, got "Nope"/);
    expect(load('apps:\n  - name: Tool\n    context: user\ndevicePreparation:\n  policies:\n    - apps: [Tool]\n')).toThrow(/System context/);
  });
});

describe('device preparation: licensing as for classic Autopilot (§7 requirements, §8 W31)', () => {
  it('an unlicensed user cannot complete it: with no ESP there is no Identifying to hang at, so enrollment meets the MDM terms-of-use error', () => {
    const sim = run({ identity: { userLicensed: false, unlicensedSymptom: 'identifying-hang' } });
    expect(sim.outcome.status).toBe('failed');
    expect(sim.outcome.cause).toMatch(/licen/i);
    expect(visits(sim, 'lobApps')).toBe(false);
  });

  it('the classic deployment that takes a registered device still shows the ESP symptom', () => {
    const sim = run({ registration: { registered: true, profileStatus: 'assigned' }, identity: { userLicensed: false, unlicensedSymptom: 'identifying-hang' } });
    expect(sim.outcome.cause).toMatch(/Identifying|no Intune licence/);
    expect(visits(sim, 'accountSetup')).toBe(true);
  });
});


describe('device preparation: no registration tenant to compare with (§7)', () => {
  it('a user of another tenant is not refused for a tenant mismatch: they join their own tenant, where no policy targets them', () => {
    const sim = run({ identity: { signInTenant: 'fabrikam.onmicrosoft.com' } });
    expect(sim.outcome.errorCode).not.toBe('TENANT_MISMATCH');
    expect(events(sim)).toContain('entra.authenticated');
    expect(events(sim)).toContain('apdp.noPolicy');
    expect(sim.outcome.fallbackReason).toMatch(/fabrikam\.onmicrosoft\.com, not contoso\.onmicrosoft\.com/);
    expect(visits(sim, 'provisioning')).toBe(false);
  });

  it('no user is assigned to the device either: an ADFS tenant gets no "assignment not enforced" finding', () => {
    const overrides = { identity: { federation: 'adfs' }, profile: { assignedUser: 'ana@contoso.com' } };
    const sim = run(overrides);
    expectSuccess(sim);
    expect(sim.trace.some((t) => t.finding === 'ASSIGNED_USER_NOT_ENFORCED')).toBe(false);
    const managed = simulate(environment('device-preparation')(base({ profile: { assignedUser: 'ana@contoso.com' } })), { seed: 1, visited: true });
    expect(managed.facts?.assignedUserSignedIn).toBe(false);
  });

  it('the classic deployment that takes a registered device still compares the tenants', () => {
    const sim = run({ registration: { registered: true, profileStatus: 'assigned' }, identity: { signInTenant: 'fabrikam.onmicrosoft.com' } });
    expect(sim.outcome.errorCode).toBe('TENANT_MISMATCH');
  });
});

describe('device preparation: no Entra object from an import to lose (§7, §8 W37)', () => {
  it('a device once Entra registered but never imported does not show as Entra registered (W63 needs the import)', () => {
    const sim = run({ registration: { previouslyEntraRegistered: true } });
    expectSuccess(sim);
    expect(sim.outcome.findings ?? []).not.toContain('SHOWN_AS_ENTRA_REGISTERED');
    expect(sim.trace.some((t) => t.finding === 'SHOWN_AS_ENTRA_REGISTERED')).toBe(false);
  });

  it('an unregistered device joins Entra whatever registration.entraObjectDeleted says: the join creates its object', () => {
    const sim = run({ registration: { entraObjectDeleted: true } });
    expectSuccess(sim);
    expect(sim.outcome.errorCode).toBeNull();
  });
});

describe('device preparation: ordinary OOBE, no Autopilot profile (§7 step 1)', () => {
  it('no page is hidden: the licence terms and privacy pages a classic profile hides appear', () => {
    const pages = (sim: ReturnType<typeof run>) => sim.trace.find((t) => t.event === 'user.oobePagesCompleted')?.detail;
    expect(pages(run({ profile: { hiddenPages: ['eula', 'privacy', 'change-account'] } }))).toBe('language, keyboard, eula, privacy');
    // Classic Autopilot taking a registered device applies its profile's hidden pages.
    expect(pages(run({ registration: { registered: true, profileStatus: 'assigned' }, profile: { hiddenPages: ['eula', 'privacy', 'change-account'] } }))).toBe('language, keyboard');
  });
});

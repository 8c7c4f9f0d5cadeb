// Autopilot for existing devices (domain/autopilot.md §2.7, profile resolution §1.2): the
// ConfigMgr task sequence, the JSON rules, the cloud profile winning over the JSON, the
// follow-on deployment and its failure exits.
import { describe, expect, it } from 'vitest';
import { existingDevicesMachine } from '../../machines/existingDevices.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { inputFor } from '../../src/world/index.ts';
import type { Shared } from '../../src/world/shared.ts';
import {
  allNodes, COMBOS, drive, environment, events, expectEspButtons, expectFailure, expectInOrder, expectRefuses, expectSuccess, runner, visits,
  type Overrides, type Step,
} from './helpers.ts';

const env = environment('existing-devices');
const run = runner('existing-devices');

/** The JSON path: an unregistered device, so no cloud profile can win (§2.7: "even on an unregistered device"). */
const viaJson = (existingDevices: Overrides = {}, extra: Overrides = {}): Overrides => ({
  registration: { registered: false },
  ...extra,
  existingDevices,
});
/** A registered device with an assigned cloud profile, and a JSON that says something else. */
const cloud = (profile: Overrides, jsonProfile: Overrides, extra: Overrides = {}): Overrides => ({
  registration: { registered: true, profileStatus: 'assigned' },
  profile,
  existingDevices: { jsonProfile },
  ...extra,
});

const TASK_SEQUENCE = ['deployTaskSequence', 'winPe', 'applyOs', 'setupFirstBoot', 'configMgrTasks', 'sysprep'];
const ENTRA_FOLLOW_ON = ['userDriven', 'entraSignIn', 'entraJoin', 'mdmEnrollment', 'devicePreparation', 'deviceSetup', 'accountSetup', 'succeeded'];
const HYBRID_FOLLOW_ON = ['userDriven', 'entraSignIn', 'offlineDomainJoin', 'domainControllerCheck', 'deviceSetup', 'domainLogon', 'accountSetup', 'signOutAndIn', 'succeeded'];

describe('existing devices, JSON user-driven profile: happy paths (§2.7)', () => {
  it.each([1, 2, 3])('seed %i: Entra join: task sequence, OOBE from the JSON, user-driven follow-on', (seed) => {
    const sim = run(viaJson(), seed);
    expectSuccess(sim);
    expect(sim.outcome.firstTimeRight).toBe(true);
    expect(sim.outcome.followOn).toBe('user-driven');
    expect(sim.outcome.joinType).toBe('entra');
    expect(events(sim)).toContain('profile.jsonApplied');
    expectInOrder(sim, [...TASK_SEQUENCE, 'profileDownload', ...ENTRA_FOLLOW_ON]);
    expect(sim.outcome.technicianMinutes).toBeGreaterThan(0);
  });

  it.each([1, 2, 3])('seed %i: hybrid join from the JSON', (seed) => {
    const sim = run(viaJson({ jsonProfile: { deploymentMode: 'user-driven', joinType: 'hybrid' } }), seed);
    expectSuccess(sim);
    expect(sim.outcome.firstTimeRight).toBe(true);
    expect(sim.outcome.followOn).toBe('user-driven');
    expect(sim.outcome.joinType).toBe('hybrid');
    expectInOrder(sim, [...TASK_SEQUENCE, ...HYBRID_FOLLOW_ON]);
  });

  it('the task sequence starts with an admin action', () => {
    const sim = run(viaJson());
    const deployed = sim.trace.find((t) => t.event === 'admin.taskSequenceDeployed');
    expect(deployed?.source).toBe('admin');
  });

  it('speed-up variant: unattend.xml deleted, no first-boot/ConfigMgr/sysprep steps', () => {
    const sim = run(viaJson({ speedUp: true }));
    expectSuccess(sim);
    expectInOrder(sim, ['winPe', 'applyOs', 'deleteUnattend', 'profileDownload', 'succeeded']);
    for (const step of ['setupFirstBoot', 'configMgrTasks', 'sysprep']) expect(visits(sim, step), step).toBe(false);
  });

  it('speed-up with the "Prepare Windows for Capture" step still keeps the JSON (the step is not run)', () => {
    const sim = run(viaJson({ speedUp: true, prepareWindowsForCaptureStep: true }));
    expectSuccess(sim);
    expect(events(sim)).toContain('profile.jsonApplied');
  });

  it('ending with shutdown hands the device over; the user turns it on', () => {
    const sim = run(viaJson({ finishWith: 'shutdown' }));
    expectSuccess(sim);
    expectInOrder(sim, ['sysprep', 'handedOver', 'networkGate', 'succeeded']);
    expect(events(sim)).toContain('user.poweredOn');
  });
});

describe('existing devices: the cloud profile wins over the JSON (§1.2, §2.7)', () => {
  it('registered with an assigned self-deploying profile, JSON user-driven -> self-deploying follow-on', () => {
    const sim = run(cloud({ deploymentMode: 'self-deploying' }, { deploymentMode: 'user-driven' }));
    expectSuccess(sim);
    expect(sim.outcome.followOn).toBe('self-deploying');
    expect(sim.outcome.joinType).toBe('entra');
    expect(events(sim)).toContain('profile.downloaded');
    expect(events(sim)).not.toContain('profile.jsonApplied');
    expectInOrder(sim, [...TASK_SEQUENCE, 'selfDeploying', 'secureHardware', 'joinNetwork', 'registerMdm', 'deviceSetup', 'succeeded']);
    expect(visits(sim, 'userDriven')).toBe(false);
  });

  it('registered with an assigned user-driven profile, JSON self-deploying -> user-driven follow-on', () => {
    const sim = run(cloud({ deploymentMode: 'user-driven' }, { deploymentMode: 'self-deploying' }));
    expectSuccess(sim);
    expect(sim.outcome.followOn).toBe('user-driven');
    expect(visits(sim, 'selfDeploying')).toBe(false);
  });

  it('the cloud profile join type wins too: cloud hybrid, JSON Entra -> hybrid', () => {
    const sim = run(cloud({ joinType: 'hybrid' }, { deploymentMode: 'user-driven', joinType: 'entra' }));
    expectSuccess(sim);
    expect(sim.outcome.joinType).toBe('hybrid');
    expectInOrder(sim, HYBRID_FOLLOW_ON);
  });

  it('registered with no assignment but an All-devices profile also wins', () => {
    const sim = run({
      registration: { registered: true, profileStatus: 'not-assigned', defaultProfile: true },
      profile: { deploymentMode: 'self-deploying' },
    });
    expectSuccess(sim);
    expect(sim.outcome.followOn).toBe('self-deploying');
  });

  it('registered but nothing assigned: the JSON is used', () => {
    const sim = run({ registration: { registered: true, profileStatus: 'not-assigned' } });
    expectSuccess(sim);
    expect(events(sim)).toContain('profile.jsonApplied');
  });

  // existing-devices.md: "If the device is already registered, the assigned profile takes precedence. The Autopilot for
  // existing devices profile only applies if the online profile times out."
  it('the online profile download times out (Autopilot service unreachable): the JSON applies, even over an assigned cloud profile', () => {
    const blocked = { network: { blockedEndpoints: ['autopilot'] } };
    for (const overrides of [viaJson({}, blocked), cloud({ deploymentMode: 'self-deploying' }, { deploymentMode: 'user-driven' }, blocked)]) {
      const sim = run(overrides);
      expectSuccess(sim);
      expect(events(sim)).toContain('profile.jsonApplied');
      expect(sim.trace.find((t) => t.event === 'profile.jsonApplied')?.detail).toMatch(/timed out/);
      expect(sim.outcome.followOn).toBe('user-driven');
      expectInOrder(sim, [...TASK_SEQUENCE, 'profileDownload', ...ENTRA_FOLLOW_ON]);
    }
  });

  it('an Autopilot service incident in a fleet is a timed-out download too: the JSON applies', () => {
    const shared: Shared = { startMs: 0, downloadMinutes: () => 0, connectorWaitMinutes: () => 0, incidentFails: (service) => service === 'autopilot' };
    const sim = simulate(env(cloud({ deploymentMode: 'self-deploying' }, { deploymentMode: 'user-driven' })), { seed: 1, shared });
    expectSuccess(sim);
    expect(sim.outcome.followOn).toBe('user-driven');
    expect(sim.trace.find((t) => t.event === 'profile.jsonApplied')?.detail).toMatch(/timed out/);
  });

  it('the online download times out and OOBE cannot read the JSON either: ordinary OOBE, for the reason that applies', () => {
    const blocked = { network: { blockedEndpoints: ['autopilot'] } };
    expect(run(viaJson({ jsonEncoding: 'utf-8' }, blocked)).outcome.fallbackReason).toMatch(/utf-8/);
    expect(run(cloud({}, {}, { ...blocked, existingDevices: { jsonEncoding: 'utf-8' } })).outcome.fallbackReason).toMatch(/Autopilot deployment service is blocked/);
  });
});

describe('existing devices: the JSON is ignored and OOBE is ordinary (§2.7 JSON rules)', () => {
  it.each<[string, Overrides, RegExp]>([
    ['saved as UTF-8', { jsonEncoding: 'utf-8' }, /utf-8/],
    ['saved as Unicode', { jsonEncoding: 'unicode' }, /unicode/],
    ['the wrong file name', { jsonFileName: 'AutopilotProfile.json' }, /AutopilotProfile\.json/],
    ['deleted by the "Prepare Windows for Capture" (generalize) step', { prepareWindowsForCaptureStep: true }, /generalize/],
  ])('JSON %s -> fell-back-to-oobe', (_name, existingDevices, reason) => {
    const sim = run(viaJson(existingDevices));
    expect(sim.outcome.status).toBe('fell-back-to-oobe');
    expect(sim.outcome.errorCode).toBeNull();
    expect(sim.outcome.failedPhase).toBeNull();
    expect(sim.outcome.reachedDesktop).toBe(false);
    expect(sim.outcome.fallbackReason).toMatch(reason);
    expect(visits(sim, 'sysprep')).toBe(true);
    expect(sim.trace.at(-1)!.state).toBe('standardOobe');
  });

  it('a registered device with a cloud profile does not need the JSON at all', () => {
    expectSuccess(run({ existingDevices: { jsonEncoding: 'utf-8' } }));
  });
});

describe('existing devices: failure exits (§2.7, §1.3)', () => {
  it('no Configuration Manager -> CONFIGMGR_REQUIRED in the task sequence', () => {
    const sim = run(viaJson({ configMgr: false }));
    expectFailure(sim, 'CONFIGMGR_REQUIRED', 'taskSequence');
    expect(visits(sim, 'winPe')).toBe(false);
  });

  it('JSON self-deploying on an unregistered device -> JSON_PROFILE_UNSUPPORTED at attestation', () => {
    const sim = run(viaJson({ jsonProfile: { deploymentMode: 'self-deploying' } }));
    expectFailure(sim, 'JSON_PROFILE_UNSUPPORTED', 'devicePreparation');
    expect(sim.outcome.followOn).toBe('self-deploying');
  });

  it('JSON pre-provisioned on an unregistered device -> JSON_PROFILE_UNSUPPORTED at attestation', () => {
    const sim = run(viaJson({ jsonProfile: { deploymentMode: 'pre-provisioned' } }));
    expectFailure(sim, 'JSON_PROFILE_UNSUPPORTED', 'devicePreparation');
    expect(sim.outcome.followOn).toBe('pre-provisioned');
  });

  it.each<[string, Overrides, string, string]>([
    ['personal enrollment blocked (existing devices cannot work with it)', { identity: { personalEnrollmentBlocked: true } }, 'PERSONAL_ENROLLMENT_BLOCKED', 'identity'],
    ['tenant mismatch', { identity: { signInTenant: 'fabrikam.onmicrosoft.com' } }, 'TENANT_MISMATCH', 'identity'],
    ['Windows (MDM) blocked', { identity: { windowsMdmBlocked: true } }, '0x80180014', 'identity'],
    ['the user may not join devices', { identity: { userMayJoin: false } }, '801C0003', 'identity'],
    ['a blocking device app fails', { apps: [{ name: 'Broken', failureProbability: 1 }] }, 'ESP_APP_FAILED', 'deviceSetup'],
    ['device setup times out', { apps: [{ name: 'Huge', installMinutes: 80 }] }, 'ESP_TIMEOUT', 'deviceSetup'],
    ['a blocking user app fails', { apps: [{ name: 'User app', target: 'user', failureProbability: 1 }] }, 'ESP_APP_FAILED', 'accountSetup'],
  ])('JSON user-driven follow-on: %s %j -> %s in %s', (_name, extra, code, phase) => {
    const sim = run(viaJson({}, extra));
    expectFailure(sim, code, phase);
    expect(sim.outcome.followOn).toBe('user-driven');
  });

  it('JSON hybrid follow-on: no DC line of sight -> 0x80070774', () => {
    const sim = run(viaJson({ jsonProfile: { joinType: 'hybrid' } }, { hybrid: { dcLineOfSight: false } }));
    expectFailure(sim, '0x80070774', 'hybridJoin');
  });

  it('JSON hybrid follow-on: a Domain Join profile targeted at a device group never reaches the unregistered device -> 0x80070774; All Devices works (§2.7, §10 #14)', () => {
    const hybridJson = (target: string) => run(viaJson({ jsonProfile: { deploymentMode: 'user-driven', joinType: 'hybrid' } }, { hybrid: { domainJoinProfileTarget: target } }));
    const sim = hybridJson('device-group');
    expectFailure(sim, '0x80070774', 'hybridJoin');
    expect(sim.outcome.cause).toMatch(/must target All Devices/);
    expectSuccess(hybridJson('all-devices'));
    // A registered device whose cloud hybrid profile wins is in its groups already.
    expectSuccess(run(cloud({ joinType: 'hybrid' }, {}, { hybrid: { domainJoinProfileTarget: 'device-group' } })));
  });

  it('Entra object deleted (W37) concerns a registered device only: the JSON route on an unregistered device has none to lose', () => {
    expectSuccess(run(viaJson({}, { registration: { registered: false, entraObjectDeleted: true } })));
    expectSuccess(run(viaJson({ jsonProfile: { deploymentMode: 'user-driven', joinType: 'hybrid' } }, { registration: { registered: false, entraObjectDeleted: true } })));
    expectFailure(run(cloud({}, {}, { registration: { registered: true, profileStatus: 'assigned', entraObjectDeleted: true } })), '0x801C03F3', 'identity');
  });

  it('personal enrollment blocked does not stop a registered device: Autopilot-registered devices count as corporate (§1.3)', () => {
    const blocked = { identity: { personalEnrollmentBlocked: true } };
    expectSuccess(run(cloud({}, {}, blocked)));
    expectSuccess(run({ registration: { registered: true, profileStatus: 'not-assigned' }, ...blocked }));
  });

  it('personal enrollment blocked does not stop an ordinary user-driven deployment (contrast)', () => {
    expectSuccess(simulate(defaultEnvironment({ identity: { personalEnrollmentBlocked: true } }), { seed: 1 }));
  });
});

// Model check: the follow-on bodies each bring an ESP error page with the same #id, so
// an error in one body must still land on that body's own page.
describe('existing devices: an ESP error stays inside the follow-on deployment that raised it', () => {
  it('user-driven follow-on, device setup failure: the error page is the user-driven one', () => {
    const sim = run({ apps: [{ name: 'Broken', failureProbability: 1 }] });
    const failed = sim.trace.find((t) => t.event === 'app.failed')!;
    expect(failed.state).toBe('userDriven.deviceEsp.errorPage');
  });

  it('user-driven follow-on, Try again re-runs the user-driven device ESP (no TPM attestation)', () => {
    const sim = run({ apps: [{ name: 'Broken', failureProbability: 1 }], people: { onError: 'retry', maxRetries: 1 } });
    expect(sim.trace.filter((t) => t.state.startsWith('selfDeploying')).map((t) => `${t.event} -> ${t.state}`)).toEqual([]);
    expect(events(sim)).not.toContain('tpm.attested');
  });

  it('user-driven follow-on, account setup failure: the error page is the user-driven one', () => {
    const sim = run({ apps: [{ name: 'User app', target: 'user', failureProbability: 1 }] });
    const failed = sim.trace.find((t) => t.event === 'app.failed')!;
    expect(failed.state).toBe('userDriven.accountSetup.errorPage');
  });

  it('state ids are unique (an #id target must name one state)', () => {
    const ids = allNodes(existingDevicesMachine).map((n) => n.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

// --- The ESP error page, checked on the machine itself -------------------------------

const TO_OOBE: Step[] = ['admin.taskSequenceDeployed', 'ts.stepCompleted', 'ts.stepCompleted', 'ts.stepCompleted', 'ts.stepCompleted', 'ts.stepCompleted', 'ts.stepCompleted'];
const TO_USER_DRIVEN_APPS: Step[] = [
  ...TO_OOBE, 'network.wired', { type: 'profile.jsonApplied', mode: 'user-driven', joinType: 'entra' }, 'zdp.none', 'user.oobePagesCompleted',
  'user.signedIn', 'entra.authenticated', 'entra.joined', 'mdm.enrolled', 'esp.trackingListReady', 'esp.itemsApplied', 'esp.itemsApplied', 'esp.itemsApplied',
];

describe('existing devices: the follow-on ESP error page shows exactly the buttons the ESP profile allows (§3.2)', () => {
  it.each(COMBOS)('user-driven follow-on: allowReset=$allowReset allowContinueAnyway=$allowContinueAnyway', (esp) => {
    const snapshot = drive(existingDevicesMachine, inputFor(env({ esp, registration: { registered: false } })), [
      ...TO_USER_DRIVEN_APPS,
      { type: 'app.failed', code: 'ESP_APP_FAILED' },
    ]);
    expectEspButtons(snapshot, esp);
    expectRefuses(snapshot, 'technician.retry');
  });

  it('no task-sequence step can be skipped: the TS is a straight line of ts.stepCompleted', () => {
    const snapshot = drive(existingDevicesMachine, inputFor(env()), TO_OOBE);
    expect(snapshot.hasTag('phase:oobe')).toBe(true);
  });
});

// §2.7: the follow-on deployment joins as the JSON (CloudAssignedDomainJoinMethod) or the cloud profile says. The end said
// "Entra or hybrid joined" whichever join ran.
describe('existing devices: the end says the join that ran', () => {
  it.each([['entra', 'Microsoft Entra joined'], ['hybrid', 'Microsoft Entra hybrid joined']] as const)('JSON join %s: "%s"', (joinType, words) => {
    const sim = run(viaJson({ jsonProfile: { joinType } }));
    expectSuccess(sim);
    expect(sim.outcome.joinType).toBe(joinType);
    const end = sim.trace[sim.trace.length - 1]!.narration;
    expect(end).toContain(`the device is ${words} and managed`);
    expect(end).not.toMatch(/Entra or hybrid/);
  });
});

// Self-deploying mode (domain/autopilot.md §2.6): no user, no user ESP; the TPM proves the
// device's identity. Happy paths (sign-in screen and kiosk), every failure exit the world
// produces, the ESP error page buttons, and the absence of account setup and user assignment.
import { describe, expect, it } from 'vitest';
import { transition, type AnyStateMachine, type AnyStateNode } from 'xstate';
import { selfDeployingMachine } from '../../machines/selfDeploying.ts';
import { inputFor } from '../../src/world/index.ts';
import {
  allNodes, COMBOS, drive, environment, events, expectEspButtons, expectFailure, expectInOrder, expectRefuses, expectSuccess, runner,
  seedFinder, DEVICE_TOKEN_EXITS, exitRow, type Overrides, type Step,
} from './helpers.ts';

const env = environment('self-deploying');
const run = runner('self-deploying');
const findSeed = seedFinder(run);

/** Tags of every state node on the dotted path (from the trace), root excluded. */
function tagsOnPath(machine: AnyStateMachine, path: string): Set<string> {
  const tags = new Set<string>();
  let node: AnyStateNode = machine.root;
  for (const key of path.split('.')) {
    const child = node.states[key];
    if (!child) throw new Error(`no state ${key} under ${node.id} (path ${path})`);
    node = child;
    for (const t of node.tags) tags.add(t);
  }
  return tags;
}

const HAPPY = ['secureHardware', 'joinNetwork', 'registerMdm', 'trackingAndIme', 'deviceSetup', 'succeeded'];

describe('self-deploying: happy path (§2.6)', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: attest, join, enroll, device ESP, sign-in screen; first time right', (seed) => {
    const sim = run({}, seed);
    expectSuccess(sim);
    expect(sim.outcome.firstTimeRight).toBe(true);
    expect(sim.outcome.joinType).toBe('entra');
    expectInOrder(sim, HAPPY);
    expect(sim.outcome.endUserMinutes).toBe(0);
    expect(sim.outcome.unattendedMinutes).toBeGreaterThan(0);
  });

  it('S6b kiosk: autologon as kioskUser0 after the device ESP', () => {
    const sim = run({ profile: { kioskAutologon: true } });
    expectSuccess(sim);
    expectInOrder(sim, [...HAPPY.slice(0, -1), 'kioskAutologon', 'succeeded']);
  });

  it('EULA and privacy are forced hidden even if the profile shows them (§2.6 preconditions)', () => {
    const sim = run({ profile: { hiddenPages: [] } });
    expectSuccess(sim);
    const pages = sim.trace.find((t) => t.event === 'user.oobePagesCompleted');
    expect(pages?.detail).toBe('language, keyboard');
  });

  it('zero touch: Ethernet with language and keyboard preset shows no OOBE pages', () => {
    const sim = run({ profile: { hiddenPages: ['language', 'keyboard'] } });
    expectSuccess(sim);
    expect(events(sim)).toContain('oobe.pagesSkipped');
    expect(sim.trace.every((t) => t.source !== 'user')).toBe(true);
  });

  it.each<[string, Overrides]>([
    ['a user is assigned (ignored, S5)', { profile: { assignedUser: 'alex@contoso.com' } }],
    ['the user may not join devices (not needed without a user)', { identity: { userMayJoin: false } }],
    ['the user has no licence (no user sign-in)', { identity: { userLicensed: false } }],
    // (With the scope None, automatic MDM enrollment itself is off, which a device-token enrollment needs too: domain-cases.test.ts.)
    ['the MDM user scope leaves some users out (device-token enrollment has no user)', { identity: { mdmUserScope: 'some-excluding-user' } }],
    ['Conditional Access blocks the Intune Enrollment app (a user policy; W59 is user-driven)', { identity: { conditionalAccess: ['blocks-intune-enrollment'] } }],
    ['a user-targeted app would fail (no account setup)', { apps: [{ name: 'User app', target: 'user', failureProbability: 1 }] }],
  ])('user conditions do not matter: %s', (_name, overrides) => {
    expectSuccess(run(overrides));
  });
});

describe('self-deploying with the device ESP hidden: no ESP on screen (§3.2 "no ESP UI")', () => {
  const HIDDEN: Array<[string, Overrides]> = [['"Show app and profile configuration progress" = No', { esp: { enabled: false } }], ['SkipDeviceStatusPage', { esp: { skipDeviceStatusPage: true } }]];
  it.each(HIDDEN)('%s: the device still attests, joins and enrolls, on OOBE\'s working screen with no ESP row; the rest comes after the sign-in screen', (_name, overrides) => {
    const sim = run(overrides);
    expectSuccess(sim);
    expectInOrder(sim, ['secureHardware', 'joinNetwork', 'registerMdm', 'preparationBehindSignIn', 'succeeded']);
    // No ESP phase is on screen, and no one signs in: the device's attestation, join and enrollment (deviceJoin), not 'ESP: device preparation'.
    const joining = sim.trace.filter((t) => t.phase === 'deviceJoin');
    expect(joining.map((t) => t.state.split('.').pop())).toEqual(['secureHardware', 'joinNetwork', 'registerMdm']);
    expect(joining.map((t) => [t.screen, t.row, t.esp])).toEqual(joining.map(() => ['oobeWorking', undefined, undefined]));
    expect(sim.trace.some((t) => t.screen === 'esp' || t.esp !== undefined)).toBe(false);
  });
  it('a kiosk: the tracking list and the IME come behind the kiosk\'s desktop', () => {
    const sim = run({ esp: { enabled: false }, profile: { kioskAutologon: true } });
    expectSuccess(sim);
    expectInOrder(sim, ['registerMdm', 'kioskAutologon', 'preparationBehindKiosk', 'succeeded']);
  });
  it('an attestation failure has no error page to retry from: the deployment fails where it stopped [INF]', () => {
    const sim = run({ esp: { enabled: false }, hardware: { tpm: '1.2' } });
    expectFailure(sim, '0x800705B4', 'deviceJoin');
    expect(sim.trace.some((t) => t.screen === 'espError')).toBe(false);
  });
  it('an IME install error behind the sign-in screen is a finding, not an error page (as user-driven\'s behind the desktop, [INF])', () => {
    const sim = run({ esp: { enabled: false, imeInstallFails: true } });
    expectSuccess(sim);
    expect(sim.outcome.findings).toEqual(['PREPARATION_FAILED_BEHIND_DESKTOP']);
  });
});

describe('self-deploying never runs account setup or assigns a user (§2.6, §3.1)', () => {
  it('no state of the machine is tagged esp:accountSetup or userAssignment', () => {
    const offending = allNodes(selfDeployingMachine).filter((n) => n.tags.includes('esp:accountSetup') || n.tags.includes('userAssignment'));
    expect(offending.map((n) => n.id)).toEqual([]);
  });

  it.each<[string, Overrides]>([
    ['default', {}],
    ['kiosk', { profile: { kioskAutologon: true } }],
    ['Wi-Fi', { network: { connection: 'wifi' } }],
    ['quality updates', { esp: { installQualityUpdates: true } }],
    ['continue anyway after a failure', { apps: [{ name: 'Broken', failureProbability: 1 }], esp: { allowContinueAnyway: true }, people: { onError: 'continue' } }],
    ['retry after a failure', { apps: [{ name: 'Broken', failureProbability: 1 }], people: { onError: 'retry', maxRetries: 2 } }],
    ['with user apps assigned', { apps: [{ name: 'User app', target: 'user' }] }],
  ])('no visited state carries those tags: %s', (_name, overrides) => {
    for (const seed of [1, 2, 3]) {
      const sim = run(overrides, seed);
      for (const entry of sim.trace) {
        const tags = tagsOnPath(selfDeployingMachine, entry.state);
        expect(tags.has('esp:accountSetup'), entry.state).toBe(false);
        expect(tags.has('userAssignment'), entry.state).toBe(false);
      }
    }
  });
});

describe('self-deploying: falling back to ordinary OOBE (S1 as U1)', () => {
  it.each<[string, Overrides, RegExp]>([
    ['not registered', { registration: { registered: false } }, /807/],
    ['no profile assigned', { registration: { profileStatus: 'not-assigned' } }, /815/],
    ['no internet', { network: { internet: false } }, /internet/],
  ])('%s -> fell-back-to-oobe', (_name, overrides, reason) => {
    const sim = run(overrides);
    expect(sim.outcome.status).toBe('fell-back-to-oobe');
    expect(sim.outcome.errorCode).toBeNull();
    expect(sim.outcome.fallbackReason).toMatch(reason);
  });
});

const S_STEP = { attestation: 'S2', join: 'S3', enrollment: 'S4' } as const;

describe('self-deploying: failure exits (§2.6 S2-S5)', () => {
  it.each<[string, Overrides, string, string]>([
    ...DEVICE_TOKEN_EXITS.map(({ step, mode }) => exitRow(S_STEP[step], mode, 'devicePreparation')),
    ['S2: a small VM still fails at attestation first', { hardware: { kind: 'vm', vCpus: 1, memoryGb: 2 } }, '0x800705B4', 'devicePreparation'],
    ['S2: clock skew behind', { network: { clockSkewMinutes: -10 } }, 'CLOCK_SKEW', 'devicePreparation'],
    // §4: 0x800705B4 is also an OS too old for attestation (historically before Windows 10 1709, §5.1).
    ['S2: Windows 10 1703, older than 1709', { os: { windows: 10, version: '1703' } }, '0x800705B4', 'devicePreparation'],
    ['S2: Windows 10 1607', { os: { windows: 10, version: '1607' } }, '0x800705B4', 'devicePreparation'],
    ['S4: pre-provisioned before (one-time limit)', { registration: { deployedBefore: 'pre-provisioned' } }, '0x80180014', 'devicePreparation'],
    exitRow('S5', 'app-failed', 'deviceSetup'),
    ['S5: device setup runs past the 60-minute timeout', { apps: [{ name: 'Huge', installMinutes: 80 }] }, 'ESP_TIMEOUT', 'deviceSetup'],
    ['S5: an app restarts from inside its installer', { apps: [{ name: 'Driver pack', rebootInsidePackage: true }] }, 'ESP_TIMEOUT', 'deviceSetup'],
  ])('%s %j -> %s in %s', (_name, overrides, code, phase) => {
    const sim = run(overrides);
    expectFailure(sim, code, phase);
    expect(sim.outcome.reachedDesktop).toBe(false);
  });

  it('S2: intermittent attestation failure (random): 0x81039001', () => {
    const overrides = { hardware: { tpmIssue: 'intermittent' } };
    const seed = findSeed(overrides, (s) => s.outcome.errorCode === '0x81039001');
    expect(seed).toBeDefined();
    expectFailure(run(overrides, seed!), '0x81039001', 'devicePreparation');
    expect(findSeed(overrides, (s) => s.outcome.status === 'succeeded')).toBeDefined();
  });

  it('S5: Win32 + MSI LOB clash (random): ANOTHER_INSTALLATION_IN_PROGRESS', () => {
    const overrides = { apps: [{ name: 'MSI app', type: 'msi-lob' }, { name: 'Win32 app', type: 'win32' }] };
    const seed = findSeed(overrides, (s) => s.outcome.errorCode === 'ANOTHER_INSTALLATION_IN_PROGRESS');
    expect(seed).toBeDefined();
    expectFailure(run(overrides, seed!), 'ANOTHER_INSTALLATION_IN_PROGRESS', 'deviceSetup');
  });

  it('S6b (§2.6): several restarts during OOBE can wipe kiosk autologon\'s registry values (random); one restart cannot', () => {
    const kiosk = { profile: { kioskAutologon: true }, esp: { skipUserStatusPage: true } };
    const twice = { ...kiosk, apps: [{ name: 'Firmware tool', requiresReboot: true }, { name: 'Driver pack', requiresReboot: true }] };
    const seed = findSeed(twice, (s) => s.outcome.errorCode === 'KIOSK_AUTOLOGON_BROKEN');
    expect(seed).toBeDefined();
    expectFailure(run(twice, seed!), 'KIOSK_AUTOLOGON_BROKEN', 'kiosk');
    expect(run(twice, seed!).outcome.cause).toMatch(/restarts during OOBE wiped the autologon/);
    expect(findSeed(twice, (s) => s.outcome.status === 'succeeded')).toBeDefined();
    // One restart (Windows Update unreachable, so no critical update's restart either) never does.
    const once = { ...kiosk, network: { blockedEndpoints: ['windows-update'] }, apps: [{ name: 'Firmware tool', requiresReboot: true }] };
    expect(findSeed(once, (s) => s.outcome.errorCode === 'KIOSK_AUTOLOGON_BROKEN', 40)).toBeUndefined();
  });

  it.each(['1709', '1809', '20H2', '22H2'])('S2: Windows 10 %s attests (1709 and later)', (version) => {
    expectSuccess(run({ os: { windows: 10, version } }));
  });

  it.each<[string, Overrides]>([
    ['unblocked', { registration: { deployedBefore: 'self-deploying', unblocked: true } }],
    ['OEM auto re-enrollment', { registration: { deployedBefore: 'self-deploying', oemAutoReenrollment: true } }],
  ])('one-time limit lifted: %s', (_name, overrides) => {
    expectSuccess(run(overrides));
  });
});

// --- The ESP error page, checked on the machine itself -------------------------------

const TO_ESP: Step[] = ['network.wired', 'profile.downloaded', 'zdp.none', 'oobe.pagesSkipped'];
const TO_APPS: Step[] = [...TO_ESP, 'tpm.attested', 'entra.joined', 'mdm.enrolled', 'esp.trackingListReady', 'esp.itemsApplied', 'esp.itemsApplied', 'esp.itemsApplied'];

describe('the self-deploying ESP error page shows exactly the buttons the ESP profile allows (§3.2)', () => {
  it.each(COMBOS)('attestation failure: allowReset=$allowReset allowContinueAnyway=$allowContinueAnyway', (esp) => {
    const snapshot = drive(selfDeployingMachine, inputFor(env({ esp })), [...TO_ESP, { type: 'tpm.attestationFailed', code: '0x800705B4' }]);
    expect(snapshot.context.errorCode).toBe('0x800705B4');
    expectEspButtons(snapshot, esp);
    expectRefuses(snapshot, 'technician.retry');
  });

  it.each(COMBOS)('app failure: allowReset=$allowReset allowContinueAnyway=$allowContinueAnyway', (esp) => {
    const snapshot = drive(selfDeployingMachine, inputFor(env({ esp })), [...TO_APPS, { type: 'app.failed', code: 'ESP_APP_FAILED' }]);
    expectEspButtons(snapshot, esp);
  });

  it('Try again after a device-preparation failure attests again', () => {
    const atPage = drive(selfDeployingMachine, inputFor(env()), [...TO_ESP, { type: 'tpm.attestationFailed', code: '0x81039001' }]);
    const [retried] = transition(selfDeployingMachine, atPage, { type: 'user.retry' });
    expect(retried.hasTag('tpmAttestation')).toBe(true);
  });
});

describe('self-deploying machine structure', () => {
  it('state ids are unique (an #id target must name one state)', () => {
    const ids = allNodes(selfDeployingMachine).map((n) => n.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

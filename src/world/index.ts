// The world: for each thing a machine waits on, the answer the environment gives.
// Rules where domain/autopilot.md is definite (a VM cannot attest: 0x800705B4), seeded
// samples where it gives ranges or says "random" (src/environment/durations.ts). Pure: no
// clock, no I/O; the engine asks, schedules the answer and tells the world it landed.
import {
  EVENTS,
  eventKey,
  type DeploymentEvent,
  type EventType,
  type FailureEventType,
  type PlainEventType,
  type ProfileEventType,
  type ProfileMode,
  type ReasonEventType,
  REASON_EVENTS,
} from '../../machines/events.ts';
import type { DeploymentInput } from '../../machines/setup.ts';
import { RESET_READY } from '../../machines/reset.ts';
import { WAITS, type Wait } from '../catalog/vocabulary.ts';
import type { ErrorId } from '../catalog/errors.ts';
import { espBlockingApps, espErrorButtons } from '../environment/esp-buttons.ts';
import type { FindingId } from '../catalog/findings.ts';
import { MODES, causeText, type CauseParams, type FailureMode, type ModeId } from './failure-modes.ts';
import type { App, Duration, Environment } from '../environment/schema.ts';
import { allowsPreProvisioning, profileMode, windowsRelease as windows10Release } from '../environment/schema.ts';
import { samplerFor, type Sampler } from './distributions.ts';
import { CHANCES, D, DURATION_NAMES, DURATIONS, type ChanceName } from '../environment/durations.ts';
import type { Random } from './random.ts';
import { ODJ_TIMEOUT_MINUTES, type Service, type Shared } from './shared.ts';
import { calibratedFailure, calibratedStepFactor, givesUpAfterTimer } from './calibrated.ts';
import type { CalibratedPhase } from '../environment/schema.ts';
import { DevicePreparationWorld, devicePreparationInput } from './devicePreparation.ts';

/** Which ESP run an app list belongs to. */
export type AppPhase = 'technician' | 'device' | 'userFlow' | 'account';

export interface WaitContext {
  /** The wait key from the state's meta. */
  wait: Wait;
  /** Its index in WAITS (src/catalog/vocabulary.ts), when the asker has it (the kernel's nodes do): the rule is found without a lookup by name. */
  waitId?: number;
  tags: ReadonlySet<string>;
  /** Virtual milliseconds since the device was turned on. */
  now: number;
}

export interface Answer {
  event: DeploymentEvent;
  minutes: number;
  /** What the answer is about (an app's name), for the trace. */
  detail?: string;
  /** The condition that caused a failure, for the trace and the failure Pareto. */
  cause?: string;
  /** Something the deployment gets wrong without failing (src/catalog/findings.ts). */
  finding?: FindingId;
  /** An app answer that moves the ESP on to the next app once the engine delivers it (not when a timer overtook it). */
  advances?: { phase: AppPhase };
  /** Device preparation: what the answer moves on once delivered (an install step's list, or classic Autopilot taking the device). */
  advancesStep?: 'lob' | 'win32' | 'scripts' | 'classic';
}

/**
 * An answer, always of the same shape (every field present, undefined when unused): the kernel
 * and its observers read answers on every step, and one shape keeps those reads monomorphic.
 */
export function answerOf(
  event: DeploymentEvent,
  minutes: number,
  detail?: string,
  cause?: string,
  finding?: FindingId,
  advances?: Answer['advances'],
  advancesStep?: Answer['advancesStep'],
): Answer {
  return { event, minutes, detail, cause, finding, advances, advancesStep };
}

/** What a run showed about the environment, beyond its outcome (the capability derivation reads it). */
export interface WorldFacts {
  /** The user assigned to the device signed in and enrolled it (the assignment took effect). */
  assignedUserSignedIn: boolean;
}

export interface World {
  /** The answer to a wait, or null. It may be the same object refilled the next time the world is asked: read it before asking again, do not keep it. */
  answer(ctx: WaitContext): Answer | null;
  facts?(): WorldFacts;
  /** The engine delivered this answer to the machine. */
  delivered(answer: Answer): void;
  /** In an ESP's device or account setup (by the state's tags): the names of the apps it tracks, in order; the same array each time. */
  tracked(tags: ReadonlySet<string>): readonly string[] | undefined;
}

/**
 * §3.2 assignment and priority: pre-provisioning and self-deploying evaluate only device-targeted ESP profiles, so one
 * assigned to users is not theirs, and the built-in default applies, which does not show progress (§2.1 preconditions).
 */
function espProfileNotEvaluated(env: Environment): boolean {
  return env.esp.assignedTo === 'users' && (env.scenario === 'pre-provisioned' || profileMode(env) === 'self-deploying');
}

/** "Show app and profile configuration progress" as it takes effect: the ESP profile that applies shows it. */
function espShown(env: Environment): boolean {
  return env.esp.enabled && !espProfileNotEvaluated(env);
}

/** §3.2 known issue: a user-targeted profile's Selected blocking apps (here: device apps among them) are unknown to the device ESP, which does not know the user yet. */
function selectedListUnknownToDeviceEsp(env: Environment): boolean {
  return env.esp.assignedTo === 'users' && espBlockingApps(env.esp).blockingApps === 'selected' && env.apps.some((a) => a.target === 'device' && env.esp.selectedApps.includes(a.name));
}

/**
 * §3.2: a Windows 11 build without the 2025-06 D update lacks the OS control behind "Install Windows quality updates"; it
 * gets it from the 2025-11 D zero-day package, installed in OOBE before the ESP.
 */
export function lacksQualityUpdateControl(env: Environment): boolean {
  if (env.os.windows !== 11 || env.os.june2025Update) return false;
  const release = /^(\d\d)H([12])$/i.exec(env.os.version);
  // 25H2 and later include it.
  return !release || Number(release[1]) * 10 + Number(release[2]) < 252;
}

/**
 * Whether the device has that control by the time quality updates would install: from the OS, or from the zero-day package
 * if Windows Update was reachable in an OOBE before (the technician's or the user's, for a pre-provisioned device).
 * Without it the setting is not honoured (§3.2 supported configurations).
 */
function honoursQualityUpdateSetting(env: Environment): boolean {
  if (!lacksQualityUpdateControl(env)) return true;
  const reaches = (n: Environment['network']) => !n.blockedEndpoints.includes('windows-update');
  return reaches(env.network) || (env.scenario === 'pre-provisioned' && reaches({ ...env.network, ...env.userFlowNetwork } as Environment['network']));
}

/**
 * What the user's Entra join makes of the user on this device (§2.1 forks, §5.6 user account type, §1.3): Standard keeps
 * the user out of local Administrators (the profile's OobeUserNotLocalAdmin bit, §2.7), Administrator puts them in; a
 * Microsoft Entra administrator is a local administrator whatever the profile says. Hybrid's rights come at the sign-out
 * (§2.2 H10, user.domainSignIn), not here.
 */
function localAdministratorsDetail(env: Environment): string {
  return env.profile.userAccountType === 'administrator'
    ? 'the user is added to local Administrators (user account type: Administrator)'
    : 'the user is not added to local Administrators (user account type: Standard; a Microsoft Entra administrator still is)';
}

/**
 * §2.8 RL7: after a reset no ESP tracks the required apps; they install once the next user reaches the desktop, past the
 * end of the run (Ready, no one signed in). The run names them rather than timing them.
 */
function appsAfterReset(env: Environment): string {
  if (env.apps.length === 0) return '';
  const names = env.apps.map((a) => a.name);
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  return `; no ESP tracks the required apps (${shown}): they install after the next user reaches the desktop`;
}

/** The facts fixed before the run that shape the flow: the machine's input. */
export function inputFor(env: Environment): DeploymentInput {
  const joinType = env.scenario === 'reset' ? env.reset.currentJoin : env.profile.joinType;
  return {
    joinType,
    esp: {
      enabled: espShown(env),
      timeoutMinutes: env.esp.timeoutMinutes,
      allowReset: espErrorButtons(env.esp).reset,
      allowContinueAnyway: espErrorButtons(env.esp).continueAnyway,
      collectLogs: env.esp.collectLogs,
      blockDeviceUse: env.esp.blockDeviceUse,
      // §3.2: the quality-update setting is read from device-targeted profiles only, and honoured only by a build with its control.
      installQualityUpdates: env.esp.installQualityUpdates && env.esp.assignedTo === 'devices' && honoursQualityUpdateSetting(env),
      skipUserStatusPage: env.esp.skipUserStatusPage,
      skipDeviceStatusPage: env.esp.skipDeviceStatusPage,
    },
    windows11: env.os.windows === 11,
    metered: env.network.metered,
    userFlowMetered: env.userFlowNetwork.metered ?? env.network.metered,
    skipAdConnectivityCheck: env.profile.skipAdConnectivityCheck,
    kioskAutologon: env.profile.kioskAutologon,
    resetKind: env.reset.kind,
    technicianFlowNeedsDc: env.readings.technicianFlowNeedsDc,
    preProvisioningEspRequired: env.readings.preProvisioningEspRequired,
    speedUpTaskSequence: env.existingDevices.speedUp,
    taskSequenceEndsWithShutdown: env.existingDevices.finishWith === 'shutdown',
    devicePreparation: devicePreparationInput(env),
  };
}

/** World events are interned: the same answer is the same frozen object, with its cache key computed once. */
const interned = new Map<string, DeploymentEvent>();
const plain = new Map<string, DeploymentEvent>();
function ev(type: PlainEventType | ProfileEventType): DeploymentEvent;
function ev(type: FailureEventType, extra: { code: ErrorId }): DeploymentEvent;
function ev(type: ProfileEventType, extra: { mode?: ProfileMode; joinType?: 'entra' | 'hybrid' }): DeploymentEvent;
function ev(type: ReasonEventType, extra: { reason: string }): DeploymentEvent;
function ev(type: EventType, extra?: { code?: ErrorId; mode?: ProfileMode; joinType?: 'entra' | 'hybrid'; reason?: string }): DeploymentEvent {
  if (!extra) return plain.get(type) ?? plainEvent(type);
  const id = `${type}|${extra.code ?? ''}|${extra.mode ?? ''}|${extra.joinType ?? ''}|${extra.reason ?? ''}`;
  let e = interned.get(id);
  if (!e) {
    const made = { type, ...extra } as DeploymentEvent;
    e = Object.freeze({ ...made, key: eventKey(made) }) as DeploymentEvent;
    interned.set(id, e);
  }
  return e;
}
function plainEvent(type: EventType): DeploymentEvent {
  const e = Object.freeze({ type, key: eventKey({ type } as DeploymentEvent) }) as DeploymentEvent;
  plain.set(type, e);
  return e;
}
/** The profile events (one a device), by type, mode and join, made up front: found without the key string ev() makes. The same objects ev() returns. */
type ProfileEvents = Record<ProfileMode, Record<'entra' | 'hybrid', DeploymentEvent>>;
const profileEventsOf = (type: 'profile.downloaded' | 'profile.jsonApplied'): ProfileEvents =>
  Object.fromEntries((['user-driven', 'self-deploying', 'pre-provisioned'] as const).map((mode) => [mode, { entra: ev(type, { mode, joinType: 'entra' }), hybrid: ev(type, { mode, joinType: 'hybrid' }) }])) as ProfileEvents;
const PROFILE_EVENTS = { 'profile.downloaded': profileEventsOf('profile.downloaded'), 'profile.jsonApplied': profileEventsOf('profile.jsonApplied') };
const profileEv = (type: keyof typeof PROFILE_EVENTS, mode: ProfileMode, joinType: 'entra' | 'hybrid'): DeploymentEvent => PROFILE_EVENTS[type][mode][joinType];
/**
 * Every event type's plain event (no code, mode or reason), made up front: the rules name one as E['type'], a
 * property of a constant object, where ev(type) looks the type up on every answer. The same objects ev() returns.
 */
const E: Readonly<Record<PlainEventType | ProfileEventType, DeploymentEvent>> = Object.freeze(
  Object.fromEntries((Object.keys(EVENTS) as EventType[]).map((type) => [type, plain.get(type) ?? plainEvent(type)])) as Record<PlainEventType | ProfileEventType, DeploymentEvent>,
);
const REASON_TYPES: ReadonlySet<EventType> = new Set(REASON_EVENTS);
const MIN_CONNECTOR = [6, 2501, 2000, 5];
/** §3.3: what the ESP waits for under co-management, shown in the apps row; its time is the coManagementClient duration. */
const CONFIGMGR_CLIENT: App = Object.freeze({
  name: 'Configuration Manager client (co-management)',
  type: 'win32',
  context: 'device',
  target: 'device',
  installMinutes: 0,
  sizeMb: 0,
  failureProbability: 0,
  rebootInsidePackage: false,
  requiresReboot: false,
  assignedAfterTechnicianFlow: false,
});
const SIX_MONTHS_HOURS = 183 * 24;
const CLOCK_SKEW_LIMIT_MINUTES = 5; // "several minutes or more" (§3.3): the threshold is an estimate


/** An ESP phase's tracked apps for an environment: prepared once and shared by every device with it. */
interface AppList {
  list: App[];
  /** The list's names, for the trace. */
  names: readonly string[];
  /** Each app's install-time sampler. */
  install: Sampler[];
  /** Whether each app's failure blocks the ESP. */
  blocking: boolean[];
  /** Whether each app would clash with one before it (an MSI line-of-business app after a Win32 one, or the reverse). */
  clash: boolean[];
  hasWin32: boolean;
  /** Whether each app is beyond the environment's rules in nextApp (no clock skew, no Store out of reach...): only its own chances remain. */
  plain: boolean[];
}

/** A device's place in an ESP phase's list. */
interface PhaseApps {
  apps: AppList;
  cursor: number;
  clashChecked: boolean;
  /** What this phase's app answers carry (Answer.advances). */
  advances: { readonly phase: AppPhase };
}

const APP_PHASES: readonly AppPhase[] = ['technician', 'device', 'userFlow', 'account'];
/** A phase's index in APP_PHASES, by comparing (an object's keyed load by a changing name is V8's slow, megamorphic path, and indexOf a call). */
const appPhaseIndex = (phase: AppPhase): number => (phase === APP_PHASES[1] ? 1 : phase === APP_PHASES[3] ? 3 : phase === APP_PHASES[0] ? 0 : 2);

/**
 * Whether a state belongs to the technician's flow, remembered for the last tags asked about: a state's tags are
 * one Set for every device (the transition graph's node), and the ESP asks about the same state many times in a row.
 */
let lastTags: ReadonlySet<string> | null = null;
let lastTechnician = false;
function technicianFlow(tags: ReadonlySet<string>): boolean {
  if (tags !== lastTags) {
    lastTechnician = tags.has('flow:technician');
    lastTags = tags;
  }
  return lastTechnician;
}
/** An app answer's `advances`, one frozen object per phase (the world only reads it back). */
const ADVANCES: ReadonlyArray<{ readonly phase: AppPhase }> = APP_PHASES.map((phase) => Object.freeze({ phase }));

export function createWorld(env: Environment, random: Random, shared?: Shared): World {
  return new DeviceWorld(env, random, shared);
}

/** A world a fleet's runner keeps: `restart` readies it for the next device, the same as a new one from createWorld. */
export interface ReusableWorld extends World {
  restart(env: Environment, random: Random, shared?: Shared): this;
}
export function reusableWorld(env: Environment, random: Random, shared?: Shared): ReusableWorld {
  return new DeviceWorld(env, random, shared);
}

/** Which service a wait talks to, for cloud incidents. */
const SERVICE_OF: Partial<Record<Wait, Service>> = {
  'profile.download': 'autopilot',
  'entra.authenticate': 'entra',
  'entra.userJoin': 'entra',
  'entra.deviceJoin': 'entra',
  'mdm.userEnroll': 'intune',
  'mdm.deviceEnroll': 'intune',
};

/**
 * §8 W37: the Entra device object that registration (import) created was deleted by hand. Only a registered device has
 * one: device preparation's and an existing device's JSON route need no registration, and their join makes the object.
 */
/** Preparing the device for mobile management fails on a VM below 2 vCPU / 4 GB (§5.8, §8 W7) or an IME install error (§2.1 U5): on the ESP's row, or unseen behind the desktop where the device ESP is hidden. */
function preparationFailure(w: DeviceWorld, minutes: number, where: 'onEsp' | 'behindDesktop'): Answer | null {
  const hw = w.env.hardware;
  if (hw.kind === 'vm' && (hw.vCpus < 2 || hw.memoryGb < 4)) return w.fail(where === 'onEsp' ? 'vm-too-small' : 'vm-too-small-behind-desktop', minutes, { vCpus: hw.vCpus, memoryGb: hw.memoryGb });
  if (w.env.esp.imeInstallFails) return w.fail(where === 'onEsp' ? 'ime-install-failed' : 'ime-install-failed-behind-desktop', minutes);
  return null;
}

/**
 * §2.7: OOBE reads an existing device's AutopilotConfigurationFile.json: named exactly so, saved as ASCII, and not deleted by
 * the "Prepare Windows for Capture" step's sysprep /generalize. Where it does, it stands in for any cloud profile the device
 * cannot download (not registered, the service blocked): its OOBE never falls back to ordinary OOBE.
 */
export function jsonReadable(env: Environment): boolean {
  const x = env.existingDevices;
  return x.jsonFileName === 'AutopilotConfigurationFile.json' && x.jsonEncoding === 'ascii' && !(x.prepareWindowsForCaptureStep && !x.speedUp);
}

function importedObjectDeleted(env: Environment): boolean {
  return env.registration.registered && env.registration.entraObjectDeleted;
}

/** Why the connector refuses an environment's offline-domain-join requests (checked in this order), or null when it delivers; `mode` null: another connector delivers (`detail` says why). */
function odjFailure(env: Environment): { mode: ModeId | null; params?: CauseParams; detail?: string } | null {
  const h = env.hybrid;
  if (!h.domainJoinProfileAssigned) return { mode: 'no-domain-join-profile' };
  // §2.7, §10 #14: an unregistered existing device has no Entra device object to be in a group before it enrolls.
  if (env.scenario === 'existing-devices' && !env.registration.registered && h.domainJoinProfileTarget === 'device-group') return { mode: 'domain-join-profile-group' };
  if (env.profile.assignedUser) return { mode: 'user-assigned-hybrid' };
  if (importedObjectDeleted(env)) return { mode: 'connector-object-deleted' };
  const own = connectorFault(h.connector);
  // §5.4: "When one fails, requests go to another connector in the same domain."
  if (own !== null && h.connector.others === 0) return own;
  const rest = domainJoinFailure(h);
  return rest ?? (own === null ? null : { mode: null, detail: `${TAKEN_OVER[own.mode]}: another connector for ${h.domainName} takes the request (§5.4)` });
}

const TAKEN_OVER: Record<'no-connector' | 'connector-inactive' | 'connector-old', string> = { 'no-connector': 'no connector of its own', 'connector-inactive': 'the connector is inactive', 'connector-old': 'the connector is too old to process requests' };

/** The connector's own failure: missing, inactive, or older than 6.2501.2000.5. */
function connectorFault(c: Environment['hybrid']['connector']): { mode: keyof typeof TAKEN_OVER; params?: CauseParams } | null {
  if (!c.present) return { mode: 'no-connector' };
  if (!c.active) return { mode: 'connector-inactive' };
  const v = c.version.split('.').map(Number);
  const older = MIN_CONNECTOR.findIndex((m, i) => (v[i] ?? 0) !== m);
  if (older >= 0 && (v[older] ?? 0) < MIN_CONNECTOR[older]!) return { mode: 'connector-old', params: { version: c.version } };
  return null;
}

/** What fails the join whichever connector takes the request: the Domain Join profile's domain and OU, and the OU's rights. */
function domainJoinFailure(h: Environment['hybrid']): { mode: ModeId; params?: CauseParams; detail?: string } | null {
  // §5.4: the domain name must be the FQDN; a NetBIOS name has no dot. No outcome is documented: the join fails as with a bad OU [INF].
  if (!h.domainName.includes('.')) return { mode: 'domain-name-netbios', params: { domain: h.domainName } };
  // §5.4: the OU is optional: left blank (as null) it is the default Computers container.
  const ou = h.ouDistinguishedName?.trim() ? h.ouDistinguishedName : null;
  if (ou !== null && (/^\s*["']/.test(ou) || /^CN=Computers/i.test(ou) || !/DC=/i.test(ou))) return { mode: 'ou-not-dn', params: { ou } };
  // §5.4: undelegated, the connector's account creates computer objects only in the default Computers container, and
  // there only up to AD's default quota of 10 (H4: event 30132, 0x80070774 either way).
  if (!h.ouRightsDelegated && ou !== null) return { mode: 'ou-no-rights', params: { ou }, detail: 'connector event 30132 RequestOfflineDomainJoinBlob_Failure' };
  if (!h.ouRightsDelegated && h.computersJoinedByConnector >= 10) return { mode: 'ou-quota', detail: 'connector event 30132 RequestOfflineDomainJoinBlob_Failure' };
  return null;
}

/** Per environment, computed once and shared by every device with it. */
interface Rules {
  /** The connector's verdict on the environment's requests (odjFailure), once first asked. */
  odj?: ReturnType<typeof odjFailure>;
  /** Each duration's sampler, in DURATION_NAMES order (index D.name). */
  durations: readonly Sampler[];
  /** The chances (CHANCES), the environment's own where it sets them (`chances:`). */
  chances: Readonly<Record<ChanceName, number>>;
  userFlowNetwork: Environment['network'];
  /** App lists by phase and join (index appPhaseIndex(phase) * 2 + (hybrid ? 1 : 0), + 8 for a pre-provisioning user flow's account setup), made when a device first needs one. */
  appLists: Array<AppList | undefined>;
  /** The OOBE pages shown ('' when none), by (no profile, device preparation ? 4 : 0) + (self-deploying ? 2 : 0) + (wifi ? 1 : 0). */
  oobePages: Array<string | undefined>;
  /** The first user-context script (§2.1 U9), null when none, once first asked. */
  userScript?: Environment['scripts'][number] | null;
}
const rulesCache = new WeakMap<Environment, Rules>();
let lastEnv: Environment | null = null;
let lastRules: Rules | null = null;
function rulesFor(env: Environment): Rules {
  // A fleet's devices mostly share their environment with the device before.
  if (env === lastEnv) return lastRules!;
  let rules = rulesCache.get(env);
  if (!rules) {
    const durations = DURATION_NAMES.map((name) => samplerFor(env.durations[name] ?? DURATIONS[name].duration));
    rules = { durations, chances: { ...CHANCES, ...env.chances }, userFlowNetwork: { ...env.network, ...env.userFlowNetwork } as Environment['network'], appLists: [], oobePages: [], odj: undefined, userScript: undefined };
    rulesCache.set(env, rules);
  }
  lastEnv = env;
  lastRules = rules;
  return rules;
}

/**
 * One device's world: the environment's rules plus what this run has seen so far. Methods, not closures, so a fleet
 * allocates little per device; and a fleet's runner keeps one and starts it again for each device (`restart`).
 */
class DeviceWorld implements World {
  // What the run has seen so far: every field set by restart(), the one place for a device's first state.
  // Where the device is: the user flow of a pre-provisioned device may run on another network (§2.4).
  inUserFlow!: boolean;
  resolvedJoin!: 'entra' | 'hybrid';
  resolvedMode!: ProfileMode;
  mode!: 'user-driven' | 'self-deploying';
  viaJson!: boolean;
  /** The flows whose critical-update check found and installed updates: bit 1 the first OOBE, bit 2 the user flow's. */
  criticalUpdatesDone!: number;
  /** The 2025-11 D zero-day package brought a build without the 2025-06 D update the quality-update control (§3.2). */
  qualityUpdateControl!: boolean;
  errorPageVisits!: number;
  /** The person pressed Collect logs on an ESP error page (once a device: the logs of the first failure are what support asks for). */
  logsCollected!: boolean;
  /** The technician pressed Reset after a failure: the retry's attestation can fail (§2.3 T9b). */
  resetAfterFailure!: boolean;
  /** The device restarted after the credentials and before device setup (or device preparation) finished (§2.1 U6a). */
  restartedInDeviceSetup!: boolean;
  /** Restarts during OOBE so far: a critical update's, and those in device setup (§2.6: several can wipe kiosk autologon). */
  oobeRestarts!: number;
  wrongPasswords!: number;
  assignedUserSignedIn!: boolean;
  /** An AppLocker CSP policy already forced its restart in this device setup (§3.3). */
  policyRestarted!: boolean;
  /** When the ODJ blob reached the device (virtual ms), for the Entra Connect sync (§2.2). */
  odjDeliveredAt!: number | null;
  now!: number;

  facts(): WorldFacts {
    return { assignedUserSignedIn: this.assignedUserSignedIn };
  }
  /** Per AppPhase (index in APP_PHASES): this device's place in the phase's list, null until it needs it. */
  private readonly phases: Array<PhaseApps | null> = [null, null, null, null];
  /** The place objects kept for the next device (appsFor fills them again). */
  private readonly spare: Array<PhaseApps | null> = [null, null, null, null];
  env!: Environment;
  random!: Random;
  shared: Shared | undefined;
  rules!: Rules;
  durations!: readonly Sampler[];
  /** The environment's chances (Rules.chances), read where a rule draws one. */
  chances!: Readonly<Record<ChanceName, number>>;
  userFlowNetwork!: Environment['network'];
  /** Device preparation's own rules (src/world/devicePreparation.ts), on that scenario only. */
  apdp!: DevicePreparationWorld | null;

  /** Calibrated phases already drawn for this device (src/world/calibrated.ts). */
  get calibratedDrawn(): Set<CalibratedPhase> {
    return (this.calibrated ??= new Set());
  }
  private calibrated: Set<CalibratedPhase> | null = null;

  constructor(env: Environment, random: Random, shared?: Shared) {
    this.restart(env, random, shared);
  }

  /** A device from its start: the environment's rules, its random stream, what it shares with its fleet, nothing seen yet. */
  restart(env: Environment, random: Random, shared?: Shared): this {
    this.env = env;
    this.random = random;
    this.shared = shared;
    this.inUserFlow = false;
    this.mode = profileMode(env);
    this.resolvedJoin = env.scenario === 'reset' ? env.reset.currentJoin : env.profile.joinType;
    this.resolvedMode = env.scenario === 'pre-provisioned' ? 'pre-provisioned' : this.mode;
    this.viaJson = false;
    this.criticalUpdatesDone = 0;
    this.qualityUpdateControl = false;
    this.errorPageVisits = 0;
    this.logsCollected = false;
    this.resetAfterFailure = false;
    this.restartedInDeviceSetup = false;
    this.oobeRestarts = 0;
    this.wrongPasswords = 0;
    this.assignedUserSignedIn = false;
    this.policyRestarted = false;
    this.odjDeliveredAt = null;
    this.now = 0;
    this.calibrated = null;
    const phases = this.phases;
    for (let i = 0; i < phases.length; i++) phases[i] = null;
    const rules = rulesFor(env);
    this.rules = rules;
    this.durations = rules.durations;
    this.chances = rules.chances;
    this.userFlowNetwork = rules.userFlowNetwork;
    this.apdp =
      env.scenario === 'device-preparation'
        ? new DevicePreparationWorld({
            env,
            took: (name) => this.took(D[name]),
            chance: (p) => this.chance(p),
            appMinutes: (app) => this.appMinutes(app),
            sample: (d) => samplerFor(d).draw(this.random),
            ev,
            fail: (id, minutes, params) => this.fail(id, minutes, params),
          })
        : null;
    return this;
  }
  /** A draw of a duration, named as D.name (src/environment/durations.ts). */
  took(duration: number): number {
    return this.durations[duration]!.draw(this.random);
  }
  chance(p: number): boolean {
    return p > 0 && this.random.next() < p;
  }
  // Where the device is: the user flow of a pre-provisioned device may run on another network (§2.4).

  net(): Environment['network'] {
    return this.inUserFlow ? this.userFlowNetwork : this.env.network;
  }
  blocked(group: Environment['network']['blockedEndpoints'][number]): boolean {
    return this.net().blockedEndpoints.includes(group);
  }
  /** §5.3: a network whose DNS or NCSI probe is blocked is offline as Windows sees it [INF]: the mode that says why, else null. */
  cutOff(): 'dns-blocked' | 'ncsi-blocked' | null {
    return this.blocked('dns') ? 'dns-blocked' : this.blocked('ncsi') ? 'ncsi-blocked' : null;
  }
  /** The network reaches the internet as Windows sees it (§5.3). */
  online(): boolean {
    return this.net().internet && this.cutOff() === null;
  }
  hybrid(): boolean {
    return this.resolvedJoin === 'hybrid';
  }


  // What the run has seen so far.








  ok(event: DeploymentEvent, duration: number, extra?: Partial<Answer>): Answer {
    const answer = this.replied(event, this.took(duration));
    return extra ? Object.assign(answer, extra) : answer;
  }
  /**
   * The device's everyday answers (an event in its time, about an app or nothing) in one object, refilled each
   * time: whoever asks reads an answer before asking again (World.answer), and a fleet's devices then make
   * one answer each instead of one a step.
   */
  replied(event: DeploymentEvent, minutes: number, detail?: string, cause?: string, finding?: FindingId, advances?: Answer['advances']): Answer {
    const a = this.reply;
    a.event = event;
    a.minutes = minutes;
    a.detail = detail;
    a.cause = cause;
    a.finding = finding;
    a.advances = advances;
    a.advancesStep = undefined;
    return a;
  }
  private readonly reply: Answer = answerOf(E['esp.allAppsDone'], 0);
  /** A failure mode's answer (src/world/failure-modes.ts): its event, its cause filled with `params`, its finding. */
  fail(id: ModeId, minutes = 0.2, params?: CauseParams): Answer {
    const m: FailureMode = MODES[id];
    const text = params ? causeText(m.cause, params) : m.cause;
    const event = m.code
      ? ev(m.event as FailureEventType, { code: m.code })
      : REASON_TYPES.has(m.event)
        ? ev(m.event as ReasonEventType, { reason: m.reason ?? text })
        : ev(m.event as PlainEventType);
    return m.text === 'detail' ? answerOf(event, minutes, text, undefined, m.finding) : answerOf(event, minutes, undefined, text, m.finding);
  }

  /** The OOBE pages the user goes through, comma-separated ('' for none): the same for every device with the environment, mode and connection. */
  oobePages(): string {
    const selfDeploying = this.resolvedMode === 'self-deploying';
    const wifi = this.net().connection === 'wifi';
    // §7 step 1: device preparation runs ordinary OOBE with no Autopilot profile, so no page is hidden. (The OOBE
    // settings a 2026 device association brings are not modelled: its pages show too.)
    const noProfile = this.apdp !== null && !this.apdp.classic;
    const key = (noProfile ? 4 : 0) + (selfDeploying ? 2 : 0) + (wifi ? 1 : 0);
    let pages = this.rules.oobePages[key];
    if (pages === undefined) {
      const forcedHidden = selfDeploying ? ['eula', 'privacy', 'change-account'] : [];
      const hidden = new Set(noProfile ? [] : [...this.env.profile.hiddenPages, ...forcedHidden]);
      // Language and keyboard were already shown on Wi-Fi; auto-selection needs Ethernet (§1.1).
      pages = (['language', 'keyboard', 'eula', 'privacy'] as const).filter((p) => !hidden.has(p) && !(wifi && (p === 'language' || p === 'keyboard'))).join(', ');
      this.rules.oobePages[key] = pages;
    }
    return pages;
  }

  /** "Block device use until these required apps are installed" as it takes effect (with Block device use = No, all: §3.2). */
  selectedBlocks(app: App): boolean {
    return espBlockingApps(this.env.esp).blockingApps === 'all' || this.env.esp.selectedApps.includes(app.name);
  }

  appsFor(phase: AppPhase): PhaseApps {
    const i = appPhaseIndex(phase);
    let p = this.phases[i];
    if (p) return p;
    // The pre-provisioning user flow's account setup leaves out what the technician installed for the assigned user (appList).
    const key = i * 2 + (this.hybrid() ? 1 : 0) + (i === 3 && this.resolvedMode === 'pre-provisioned' ? 8 : 0);
    let apps = this.rules.appLists[key];
    if (!apps) this.rules.appLists[key] = apps = this.appList(phase);
    p = this.spare[i] ?? (this.spare[i] = { apps, cursor: 0, clashChecked: false, advances: ADVANCES[i]! });
    p.apps = apps;
    p.cursor = 0;
    p.clashChecked = false;
    this.phases[i] = p;
    return p;
  }

  /** A phase's list of tracked apps: depends only on the environment and the join, so it is made once for both. */
  private appList(phase: AppPhase): AppList {
    // §3.1: device setup tracks device-context apps; a device-targeted app that installs in the user's context is account
    // setup's (as a per-user LOB MSI targeted at all devices is), and for hybrid join it is not tracked at all.
    const deviceApps = this.env.apps.filter((a) => a.target === 'device' && a.context === 'device');
    // §2.3 T8: the technician flow also installs the Win32 and LOB apps in device context that target the pre-assigned user.
    const forAssignedUser = (a: App) => a.target === 'user' && a.context === 'device' && (a.type === 'win32' || a.type === 'msi-lob') && this.env.profile.assignedUser !== null && !a.assignedAfterTechnicianFlow;
    let list: App[];
    // The apps the phase's ESP could wait for, before the blocking-app filter (user-driven and self-deploying, §3.2).
    let required: App[] = [];
    let blocking = (a: App) => this.selectedBlocks(a);
    if (phase === 'technician') {
      // §2.3 / §3.2: "Only fail selected blocking apps in technician phase" (2026 wording by default, §10 #2).
      // Apps the technician flow does not attempt, or attempts and fails without blocking, install later
      // in the user flow without being waited for; only apps assigned after the technician flow are tracked there.
      const inEffect = espBlockingApps(this.env.esp);
      const attemptAll = inEffect.blockingApps === 'all' || inEffect.onlyFailSelectedInTechnicianPhase || this.env.readings.onlyFailSelectedWording === '2022';
      const present = [...deviceApps, ...this.env.apps.filter(forAssignedUser)].filter((a) => !a.assignedAfterTechnicianFlow);
      list = attemptAll ? present : present.filter((a: App) => this.selectedBlocks(a));
      if (this.env.readings.onlyFailSelectedWording === '2022' && inEffect.onlyFailSelectedInTechnicianPhase) blocking = () => true;
    } else if (phase === 'userFlow') {
      // §2.4 P4: device setup runs again for apps assigned since the technician flow (the blocking ones are waited for).
      list = deviceApps.filter((a) => a.assignedAfterTechnicianFlow && this.selectedBlocks(a));
      if (this.env.people.hoursBetweenFlows > SIX_MONTHS_HOURS) {
        // IME certificates expired: Win32 detection fails (§2.4).
        list = [...list, ...deviceApps.filter((a) => a.type === 'win32' && !list.includes(a))];
      }
    } else if (phase === 'device') {
      // User-driven and self-deploying: non-blocking apps install after the ESP (§3.2); a user-targeted profile's list is not
      // known here, so none of its apps blocks [INF].
      required = deviceApps;
      list = selectedListUnknownToDeviceEsp(this.env) ? [] : deviceApps.filter((a: App) => this.selectedBlocks(a));
    } else {
      const preProvisioned = this.resolvedMode === 'pre-provisioned';
      const hybrid = this.hybrid();
      required = this.env.apps.filter((a) => (a.target === 'user' && !(preProvisioned && forAssignedUser(a))) || (a.target === 'device' && a.context === 'user' && !hybrid));
      list = required.filter((a: App) => this.selectedBlocks(a));
    }
    const apps = list;
    // §3.3: with co-management the ESP waits in device setup for the Configuration Manager client first (not an app that clashes).
    if (this.env.coManagement.enabled && (phase === 'device' || phase === 'technician')) list = [CONFIGMGR_CLIENT, ...list];
    // §3.2: in user-driven and self-deploying, only non-blocking Win32, Store and EAM apps wait for after the ESP; a required
    // MSI line-of-business app the ESP does not wait for still installs in it, beside the tracked Win32 apps (§3.3, §8 W17:
    // both required during the ESP clash).
    const msiBeside = required.some((a) => a.type === 'msi-lob' && !list.includes(a));
    const clash = list.map((app, i) => {
      const earlier = list.slice(0, i).filter((a) => a !== CONFIGMGR_CLIENT);
      return (app.type === 'msi-lob' && earlier.some((a) => a.type === 'win32')) || (app.type === 'win32' && (msiBeside || earlier.some((a) => a.type === 'msi-lob')));
    });
    const hasWin32 = apps.some((a) => a.type === 'win32');
    // Which apps none of nextApp's rules about the environment can touch (on either network a pre-provisioned device is on).
    const env = this.env;
    const skewed = Math.abs(env.network.clockSkewMinutes) >= CLOCK_SKEW_LIMIT_MINUTES;
    const storeOut = env.network.blockedEndpoints.includes('store') || this.rules.userFlowNetwork.blockedEndpoints.includes('store');
    const storeUnderCa = phase !== 'account' && env.identity.conditionalAccess.includes('compliant-device-for-all-apps');
    const certificatesExpired = phase === 'userFlow' && env.people.hoursBetweenFlows > SIX_MONTHS_HOURS;
    const plain = list.map(
      (a) =>
        a !== CONFIGMGR_CLIENT &&
        !skewed &&
        !(certificatesExpired && a.type === 'win32') &&
        !a.rebootInsidePackage &&
        !(a.type === 'store' && (storeOut || storeUnderCa)) &&
        !(a.type === 'm365' && hasWin32),
    );
    return { list, names: list.map((a) => a.name), install: list.map((a) => samplerFor(a.installMinutes)), blocking: list.map(blocking), clash, hasWin32, plain };
  }

  nextApp(phase: AppPhase): Answer {
    const p = this.appsFor(phase);
    const { apps, cursor } = p;
    const app = apps.list[cursor];
    if (!app) return this.afterUserEsp(phase) ?? (phase === 'device' && selectedListUnknownToDeviceEsp(this.env) ? this.replied(E['esp.allAppsDone'], 0, undefined, undefined, 'ESP_ASSIGNED_TO_USERS') : this.replied(E['esp.allAppsDone'], 0));
    // §2.1, §3.2: Block device use = No lets a user at the device leave the ESP before setup finishes.
    if (cursor === 0 && this.leavesEspEarly(phase)) {
      return this.fail('left-esp-early', this.took(D.errorPageDecision), { count: apps.list.length === 1 ? '1 app' : `${apps.list.length} apps` });
    }
    if (!apps.plain[cursor]) return this.unusualApp(p, phase, app);
    return this.installed(p, phase, app, this.appMinutes(app, apps.install[cursor]!));
  }

  /** An app one of the environment's rules may fail before it installs (AppList.plain is false): every rule, in order. */
  private unusualApp(p: PhaseApps, phase: AppPhase, app: App): Answer {
    const { apps, cursor } = p;
    if (app === CONFIGMGR_CLIENT) return this.coManagementClient(phase);
    const minutes = this.appMinutes(app, apps.install[cursor]!);
    // §3.3, §5.3: a skewed clock fails TPM attestation, or, where nothing attests (user-driven), times the ESP out.
    if (Math.abs(this.env.network.clockSkewMinutes) >= CLOCK_SKEW_LIMIT_MINUTES) return this.appFailed('clock-skew-esp', minutes, app, { minutes: this.env.network.clockSkewMinutes, app: app.name });
    if (phase === 'userFlow' && app.type === 'win32' && this.env.people.hoursBetweenFlows > SIX_MONTHS_HOURS) return this.appFailed('ime-certificates-expired', minutes, app);
    if (!p.clashChecked && apps.clash[cursor]) {
      p.clashChecked = true;
      if (this.chance(this.chances.win32MsiClash)) return this.appFailed('win32-msi-clash', minutes / 2, app);
    }
    if (app.rebootInsidePackage) return this.appFailed('app-restarts', minutes, app, { app: app.name });
    // §5.3: the Microsoft Store unreachable: no Store apps (a tracked one fails the ESP).
    if (app.type === 'store' && this.blocked('store')) return this.appFailed('store-unreachable', minutes / 2, app, { app: app.name });
    // §1.3: the device is not yet compliant, so the Store app's download is refused until the ESP times out, before sign-in.
    if (app.type === 'store' && phase !== 'account' && this.env.identity.conditionalAccess.includes('compliant-device-for-all-apps')) return this.appFailed('store-under-ca', minutes, app, { app: app.name });
    if (app.type === 'm365' && apps.hasWin32 && this.chance(this.chances.m365HangBesideWin32)) return this.appFailed('m365-beside-win32', minutes, app);
    return this.installed(p, phase, app, minutes);
  }

  /** An app past the environment's rules: a clash with an earlier app, its own failure chance, else installed. */
  private installed(p: PhaseApps, phase: AppPhase, app: App, minutes: number): Answer {
    const { apps, cursor } = p;
    if (!p.clashChecked && apps.clash[cursor]) {
      p.clashChecked = true;
      if (this.chance(this.chances.win32MsiClash)) return this.appFailed('win32-msi-clash', minutes / 2, app);
    }
    if (this.chance(app.failureProbability)) {
      if (apps.blocking[cursor]) return this.appFailed('app-failed', minutes, app, { app: app.name });
      return { ...this.appFailed('app-failed-non-blocking', minutes, app, { app: app.name }), advances: p.advances };
    }
    if (app.requiresReboot && phase !== 'account') return this.replied(E['app.installedRestartRequired'], minutes, app.name, undefined, undefined, p.advances);
    return this.replied(E['app.installed'], minutes, app.name, undefined, undefined, p.advances);
  }

  /** §2.1, §3.2: a user at the device leaves the ESP before setup finishes (Block device use = No). */
  private leavesEspEarly(phase: AppPhase): boolean {
    return !this.env.esp.blockDeviceUse && this.env.people.leavesEspEarly && ((phase === 'device' && this.resolvedMode === 'user-driven') || phase === 'userFlow' || phase === 'account');
  }

  /** An app's failure mode, about the app. */
  private appFailed(id: ModeId, minutes: number, app: App, params?: CauseParams): Answer {
    return { ...this.fail(id, minutes, params), detail: app.name };
  }

  /** §3.3: the ESP waits for the Configuration Manager client to install, register and apply co-management policy. */
  coManagementClient(phase: AppPhase): Answer {
    const minutes = this.took(D.coManagementClient);
    const detail = CONFIGMGR_CLIENT.name;
    // §2.2: the client cannot be installed during hybrid user-driven provisioning (the device identity changes).
    if (phase === 'device' && this.hybrid() && this.resolvedMode === 'user-driven') return { ...this.fail('co-management-hybrid', minutes), detail };
    if (!this.env.coManagement.clientInstalls) return { ...this.fail('co-management-unreachable', minutes), detail };
    return this.replied(E['app.installed'], minutes, detail, undefined, undefined, ADVANCES[appPhaseIndex(phase)]);
  }

  /**
   * §2.2: Entra Connect syncs the computer object the connector made; until it has, the hybrid device object is not in
   * Entra ID and the first sign-in gets no PRT [INF]. A new object waits half a sync cycle on average (an estimate).
   */
  entraConnectSync(minutes: number): Answer | null {
    if (!this.hybrid() || this.odjDeliveredAt === null) return null;
    const sync = this.env.hybrid.entraConnect;
    if (!sync.ouInSyncScope) return this.fail('hybrid-out-of-sync-scope', minutes);
    const since = (this.now - this.odjDeliveredAt) / 60_000;
    return since < sync.syncIntervalMinutes / 2 ? this.fail('hybrid-not-synced-yet', minutes, { minutes: Math.round(since) }) : null;
  }

  /** The end of the user ESP: a user-context script may not have run (§2.1 U9, §3.2). */
  afterUserEsp(phase: AppPhase): Answer | null {
    if (phase !== 'account') return null;
    if (this.rules.userScript === undefined) this.rules.userScript = this.env.scripts.find((s) => s.context === 'user') ?? null;
    const script = this.rules.userScript;
    if (!script || !this.chance(this.chances.userScriptSkipped)) return null;
    return this.fail('user-script-not-run', 0, { script: script.name });
  }

  /** An app's install time, plus its download over the site's link shared with the devices downloading at the same time. */
  private appMinutes(app: App, install: Sampler = samplerFor(app.installMinutes)): number {
    let minutes = install.draw(this.random);
    if (this.shared) {
      const at = this.shared.startMs + this.now;
      // A pre-provisioned device's download before its user flow is the technician's (at a depot, on the depot's link).
      const technician = this.resolvedMode === 'pre-provisioned' && !this.inUserFlow;
      this.shared.record?.('download', at, app.sizeMb * 8, technician);
      minutes += this.shared.downloadMinutes(app.sizeMb, at, technician);
    }
    return minutes;
  }

  /** A request that falls in a cloud incident window. */
  incident(service: Service, tags: ReadonlySet<string>): Answer {
    if (service === 'autopilot') {
      const minutes = this.took(D.profileDownload);
      // §1.2, §2.7: the online profile download timed out, so an existing device's JSON applies.
      return this.jsonStandsIn(tags) ? this.existingDevicesProfile(minutes, 'autopilot-incident') : this.fail('autopilot-incident', minutes);
    }
    if (service === 'entra') return this.fail('entra-incident', this.took(D.entraJoin));
    return this.fail('intune-incident', this.took(D.mdmEnrollment));
  }

  tracked(tags: ReadonlySet<string>): readonly string[] | undefined {
    if (tags.has('esp:accountSetup')) return this.appsFor('account').apps.names;
    if (tags.has('esp:deviceSetup')) return this.appsFor(this.devicePhase(tags)).apps.names;
    return undefined;
  }

  delivered(answer: Answer): void {
    // §3.3 and §7: an app's restart in device setup, or the restart by hand when device preparation stays at
    // 100 % (after the credentials, before provisioning finished), loses the credentials; with DeviceLock, autologon fails.
    const type = answer.event.type;
    if (type === 'app.installedRestartRequired' || type === 'user.restartedByHand' || type === 'esp.policyRestartRequired') {
      this.restartedInDeviceSetup = true;
      this.oobeRestarts++;
    } else if (type === 'zdp.installed' || type === 'wu.updatesInstalledRestart') this.oobeRestarts++; // a quality update's restart is in OOBE too (§3.2)
    else if (type === 'connector.odjBlobDelivered') this.odjDeliveredAt = this.now + answer.minutes * 60_000;
    if (answer.advancesStep) this.apdp?.delivered(answer.advancesStep);
    const a = answer.advances;
    if (!a) return;
    this.appsFor(a.phase).cursor++;
  }

  devicePhase(tags: ReadonlySet<string>): AppPhase {
    if (technicianFlow(tags)) return 'technician';
    if (this.resolvedMode === 'pre-provisioned' && tags.has('flow:user')) return 'userFlow';
    return 'device';
  }

  onErrorPage(who: 'user' | 'technician'): Answer {
    const minutes = this.took(D.errorPageDecision);
    // §3.2, §1.4: Collect logs first, where the ESP offers it (its copy in the same answer's time); the page comes back with
    // its buttons, and the choice is made then.
    if (who === 'user' && this.env.people.collectsLogs && this.env.esp.collectLogs && !this.logsCollected) {
      this.logsCollected = true;
      return this.replied(E['user.collectLogs'], minutes + this.took(D.collectLogs), 'the diagnostic logs are copied to a USB drive; the error page stays');
    }
    this.errorPageVisits++;
    const choice = this.env.calibrated && givesUpAfterTimer(this.env, this.calibratedDrawn, () => this.random.next()) ? 'give-up' : this.env.people.onError;
    if (choice === 'retry' && this.errorPageVisits <= this.env.people.maxRetries) return this.replied(ev(who === 'user' ? 'user.retry' : 'technician.retry'), minutes);
    // §2.3 T9b: the technician's Reset starts again, as many times as the technician retries.
    if (choice === 'reset' && who === 'technician' && this.errorPageVisits <= this.env.people.maxRetries) return this.replied(E['technician.reset'], minutes);
    if (choice === 'reset' && who === 'user' && espErrorButtons(this.env.esp).reset) return this.replied(E['user.resetDevice'], minutes);
    if (choice === 'continue' && who === 'user' && espErrorButtons(this.env.esp).continueAnyway) return this.replied(E['user.continueAnyway'], minutes);
    return this.replied(ev(who === 'user' ? 'user.gaveUp' : 'technician.gaveUp'), minutes);
  }

  /**
   * Existing devices (§1.2, §2.7): the task sequence's JSON stands in for the cloud profile on the first OOBE after
   * the reimage ("the Autopilot for existing devices profile only applies if the online profile times out").
   */
  private jsonStandsIn(tags: ReadonlySet<string>): boolean {
    return this.env.scenario === 'existing-devices' && !tags.has('flow:user');
  }

  profileAnswer(tags: ReadonlySet<string>): Answer {
    const minutes = this.took(D.profileDownload);
    // §1.1: a pre-provisioned device's user flow has its profile on disk (event 163, "download not required"): the
    // deployment service being out of reach there changes nothing.
    const provisioned = this.resolvedMode === 'pre-provisioned' && tags.has('flow:user');
    if (this.blocked('autopilot') && !provisioned) return this.jsonStandsIn(tags) ? this.existingDevicesProfile(minutes, 'autopilot-blocked') : this.fail('autopilot-blocked', minutes);
    if (provisioned && this.env.policies.wlidsvcDisabled) return this.fail('wlidsvc-disabled', minutes);
    if (this.apdp) return this.apdp.profile(minutes);
    if (tags.has('flow:user')) return this.replied(E['profile.downloaded'], minutes, 'event 163: already provisioned');
    if (this.env.scenario === 'existing-devices') return this.existingDevicesProfile(minutes);
    const cloudProfile =
      this.env.registration.registered && !this.env.hardware.motherboardReplaced && (this.env.registration.profileStatus === 'assigned' || this.env.registration.defaultProfile);
    if (!this.env.registration.registered) return this.fail('not-registered', minutes);
    if (this.env.hardware.motherboardReplaced) return this.fail('hash-mismatch', minutes);
    if (this.env.registration.profileStatus === 'deleted' && !this.env.registration.defaultProfile) return this.fail('profile-deleted', minutes);
    if (!cloudProfile) return this.fail(this.env.registration.profileStatus === 'assigning' ? 'profile-assigning' : 'no-profile', minutes);
    return this.replied(profileEv('profile.downloaded', this.resolvedMode, this.resolvedJoin), minutes);
  }

  /**
   * The profile an existing device's first OOBE applies: the assigned cloud profile when it can be downloaded, otherwise
   * the JSON (§1.2, §2.7). `unreachable`: why the online download timed out, when it did.
   */
  private existingDevicesProfile(minutes: number, unreachable?: 'autopilot-blocked' | 'autopilot-incident'): Answer {
    const r = this.env.registration;
    const cloudProfile = r.registered && !this.env.hardware.motherboardReplaced && (r.profileStatus === 'assigned' || r.defaultProfile);
    if (cloudProfile && !unreachable) {
      // The cloud profile wins over the JSON (§1.2).
      const intended = this.env.existingDevices.jsonProfile.deploymentMode;
      this.resolvedMode = this.mode === 'self-deploying' ? 'self-deploying' : intended === 'pre-provisioned' && allowsPreProvisioning(this.env) ? 'pre-provisioned' : 'user-driven';
      this.resolvedJoin = this.resolvedMode === 'self-deploying' ? 'entra' : this.env.profile.joinType;
      return this.replied(profileEv('profile.downloaded', this.resolvedMode, this.resolvedJoin), minutes, 'the assigned cloud profile wins over the JSON');
    }
    const x = this.env.existingDevices;
    const ignored = !jsonReadable(this.env);
    // A cloud profile that could not be downloaded and no JSON OOBE reads: the download is what failed.
    if (ignored && cloudProfile && unreachable) return this.fail(unreachable, minutes);
    if (x.jsonFileName !== 'AutopilotConfigurationFile.json') return this.fail('json-name', minutes, { fileName: x.jsonFileName });
    if (x.jsonEncoding !== 'ascii') return this.fail('json-encoding', minutes, { encoding: x.jsonEncoding });
    if (x.prepareWindowsForCaptureStep && !x.speedUp) return this.fail('json-deleted-by-capture', minutes);
    this.viaJson = true;
    this.resolvedMode = x.jsonProfile.deploymentMode;
    this.resolvedJoin = this.resolvedMode === 'self-deploying' ? 'entra' : x.jsonProfile.joinType;
    const detail = !unreachable ? 'AutopilotConfigurationFile.json' : 'the online profile download timed out (the Autopilot deployment service did not answer): AutopilotConfigurationFile.json applies';
    return this.replied(profileEv('profile.jsonApplied', this.resolvedMode, this.resolvedJoin), minutes, detail);
  }

  attestation(): Answer {
    const hw = this.env.hardware;
    const minutes = this.took(D.tpmAttestation) + (hw.firstBootTpmProvisioning ? this.took(D.firstBootTpmProvisioning) : 0);
    // Only user-driven profiles work from the JSON: attestation needs the cloud-assigned Autopilot profile (§2.7, W47).
    if (this.viaJson) return this.fail('json-profile-attestation', minutes);
    // 0x800705B4 is a timeout (§4): it comes when attestation gives up waiting, not after a normal attestation's time.
    const timedOut = (id: ModeId, params?: CauseParams) => this.fail(id, this.took(D.attestationTimeout), params);
    if (hw.kind === 'vm') return timedOut('tpm-vm');
    if (hw.tpm === 'none') return timedOut('no-tpm');
    // §2.6 historical, §4, §8 W5: a build without KB4556799 (the May 2020 update) waits out the timeout; later builds
    // report incompatible hardware, still 0x800705B4, in an attestation's time (the message's text is not documented [INF]).
    if (hw.tpm === '1.2') return this.env.os.updatedSince2020 ? this.fail('tpm-1.2', minutes) : timedOut('tpm-1.2-old-build');
    // §2.6, §5.2: TPM 2.0 with UEFI firmware, not in Reduced Functionality Mode; no code is documented for either [INF].
    if (hw.tpm === 'reduced-functionality') return timedOut('tpm-reduced-functionality');
    if (hw.firmware === 'legacy-bios') return timedOut('legacy-bios');
    // §4 0x800705B4, §5.1, §10 #15: Windows 10 older than 1709 (1809 for a hybrid pre-provisioned device) [DOC-OLD].
    if (this.env.os.windows === 10) {
      const minimum = this.hybrid() ? 1809 : 1709;
      if (windows10Release(this.env.os.version) < minimum) return timedOut('os-too-old-attestation', { version: this.env.os.version, minimum: String(minimum) });
    }
    if (this.blocked('tpm-attestation')) return timedOut('attestation-endpoint-blocked');
    if (hw.tpmVendor !== 'discrete' && this.blocked('ftpm-ek')) return timedOut('ftpm-ek-blocked', { vendor: hw.tpmVendor });
    if (this.resetAfterFailure && this.chance(this.chances.attestationAfterReset)) return this.fail('attestation-after-reset', minutes);
    if (Math.abs(this.env.network.clockSkewMinutes) >= CLOCK_SKEW_LIMIT_MINUTES) return this.fail('clock-skew', minutes, { minutes: this.env.network.clockSkewMinutes });
    switch (hw.tpmIssue) {
      case 'intermittent':
        if (this.chance(this.chances.intermittentAttestation)) return this.fail('tpm-intermittent', minutes);
        break;
      case 'win11-bug':
        // §4 0x81039023: fixed by the May 2022 CU (KB5013943), which Windows 11 22H2 and later include: only 21H2 meets it.
        if (this.env.os.windows === 11 && windows10Release(this.env.os.version) < 2205) return this.fail('win11-attestation-bug', minutes);
        break;
      case 'vulnerable-firmware':
        return this.fail('tpm-vulnerable', minutes);
      case 'amd-ftpm-firmware':
        return this.fail('amd-ftpm', minutes);
      case 'infineon-slb9672':
        return this.fail('infineon-slb9672', minutes);
    }
    return this.replied(E['tpm.attested'], minutes);
  }

  userEnrollment(): Answer {
    const id = this.env.identity;
    const minutes = this.took(D.mdmEnrollment);
    const failed = (mode: ModeId) => this.fail(mode, minutes);
    if (this.env.os.edition === 'home') return failed('home-edition');
    if (id.windowsMdmBlocked) return failed('mdm-blocked');
    // §1.3, §2.7: documented as unsupported, with no code; the catalogue entry says so. Autopilot-registered devices
    // count as corporate (§1.3), so only an unregistered device, the one the JSON is for, meets the block.
    if (this.env.scenario === 'existing-devices' && id.personalEnrollmentBlocked && !this.env.registration.registered) return failed('personal-enrollment-blocked');
    if (this.apdp?.personalDevice()) return failed('apdp-personal-device');
    if (id.mdmUserScope === 'none' || id.mdmUserScope === 'some-excluding-user') return failed('mdm-scope');
    if (!id.upnSuffixRoutable) return failed('upn-not-routable');
    // §7, §8 W31: device preparation has no ESP, so no Identifying to stay stuck at: an unlicensed user meets the other
    // documented symptom, the MDM terms-of-use error at enrollment [INF].
    const noEsp = this.apdp !== null && !this.apdp.classic;
    if (!id.userLicensed && (id.unlicensedSymptom === 'terms-of-use' || (noEsp && id.unlicensedSymptom === 'identifying-hang'))) return failed('no-licence');
    if (!id.userLicensed && id.unlicensedSymptom === 'account-not-allowed') return failed('account-not-allowed');
    if (!id.userLicensed && id.unlicensedSymptom === '80180018') return failed('no-licence-enrollment');
    if (this.env.registration.existingEnrollment === 'another-user') return failed('already-enrolled');
    if (this.env.registration.existingEnrollment === 'leftover') return failed('leftover-enrollment');
    if (id.legacyPcAgentInstalled) return failed('legacy-pc-agent');
    // §10 #8, the FAQ's reading: the Entra cap shows at enrollment instead of at the join (a hybrid join has no user join to count).
    if (id.userDeviceCount >= id.deviceCap && this.env.readings.deviceCapCode === '80180018' && !this.hybrid()) return this.fail('device-cap-enrollment', minutes, { count: id.userDeviceCount, cap: id.deviceCap });
    // §8 W59: a user's enrollment only; device-token enrollment (self-deploying, technician flow) has no user to apply it to.
    if (id.conditionalAccess.includes('blocks-intune-enrollment')) return failed('ca-blocks-enrollment');
    if (this.blocked('intune')) return failed('intune-blocked');
    return this.replied(E['mdm.enrolled'], minutes);
  }

  deviceEnrollment(tags: ReadonlySet<string>): Answer {
    const minutes = this.took(D.mdmEnrollment);
    const r = this.env.registration;
    if (this.env.os.edition === 'home') return this.fail('home-edition', minutes);
    if (tags.has('flow:technician') && !allowsPreProvisioning(this.env)) return this.fail('preprov-not-allowed', minutes);
    // §2.3, §4: the one-time limit, lifted by deleting the Intune record, Unblock device or the OEM's re-enrollment; under the
    // other reading it is the personal-device restriction's, lifted where personally owned devices may enroll.
    const limited = !this.env.readings.oneTimeLimitNeedsPersonalBlock || this.env.identity.personalEnrollmentBlocked;
    if (r.deployedBefore !== 'none' && !r.unblocked && !r.oemAutoReenrollment && limited) {
      return this.fail('second-deployment', minutes, { deployed: r.deployedBefore === 'self-deploying' ? 'self-deployed' : 'pre-provisioned' });
    }
    if (this.env.identity.windowsMdmBlocked) return this.fail('mdm-blocked', minutes);
    // §1.3: automatic MDM enrollment is a precondition of every Entra-joined flow; with its user scope None it is off, so a
    // device-token enrollment cannot enroll either [INF: the notes give 0x8018002b for it without naming the flow].
    if (this.env.identity.mdmUserScope === 'none') return this.fail('mdm-scope-none-device', minutes);
    if (this.env.identity.multipleMdmConfigurations && !this.env.os.updatedSince2020) return this.fail('multiple-mdm', minutes);
    if (this.blocked('intune')) return this.fail('intune-blocked', minutes);
    return this.replied(E['mdm.enrolled'], minutes);
  }

  odj(): Answer {
    let minutes = this.took(D.odjBlob);
    if (this.shared) {
      const at = this.shared.startMs + this.now;
      this.shared.record?.('odj', at, 1);
      const wait = this.shared.connectorWaitMinutes(at);
      if (wait > ODJ_TIMEOUT_MINUTES) return this.fail('connector-queue', ODJ_TIMEOUT_MINUTES, { minutes: Math.round(wait) });
      minutes += wait;
    }
    // What the connector does with the request depends on the environment alone: decided once for it.
    if (this.rules.odj === undefined) this.rules.odj = odjFailure(this.env);
    const f = this.rules.odj;
    // §5.1: hybrid join's historical minimum is Windows 10 1809 [DOC-OLD]; no outcome is documented for older builds, so a finding.
    const finding = this.env.os.windows === 10 && windows10Release(this.env.os.version) < 1809 ? 'HYBRID_BEFORE_1809' : undefined;
    if (f === null) return this.replied(E['connector.odjBlobDelivered'], minutes, undefined, undefined, finding);
    if (f.mode === null) return this.replied(E['connector.odjBlobDelivered'], minutes, f.detail, undefined, finding);
    const answer = this.fail(f.mode, minutes, f.params);
    return f.detail ? { ...answer, detail: f.detail } : answer;
  }

  dcReachable(): boolean {
    // §2.3 / §2.5: a pre-provisioned device's user flow may run where the technician's site had no DC, or the reverse.
    const dc = this.inUserFlow ? (this.env.userFlowNetwork.dcLineOfSight ?? this.env.hybrid.dcLineOfSight) : this.env.hybrid.dcLineOfSight;
    return dc || this.env.hybrid.vpn === 'always-on';
  }

  answer(ctx: WaitContext): Answer | null {
    this.now = ctx.now;
    // What is rare (a fleet's shared incidents, a calibrated tenant) is in methods of its own: the everyday path
    // stays small enough for V8 to inline it into the kernel's loop.
    if (this.shared && SERVICE_OF[ctx.wait] && this.sharedIncident(ctx)) return this.incident(SERVICE_OF[ctx.wait]!, ctx.tags);
    this.inUserFlow = this.resolvedMode === 'pre-provisioned' && ctx.tags.has('flow:user');
    if (this.env.calibrated) return this.calibratedAnswer(ctx);
    const waitId = ctx.waitId;
    return (waitId !== undefined && waitId >= 0 ? RULE_LIST[waitId]! : RULE_OF.get(ctx.wait)!)(this, ctx);
  }

  /** A cloud incident in the fleet's shared world fails this request (one draw, made whenever the wait talks to a service). */
  private sharedIncident(ctx: WaitContext): boolean {
    return this.shared!.incidentFails(SERVICE_OF[ctx.wait]!, this.shared!.startMs + ctx.now, this.random.next());
  }

  /** A calibrated tenant (src/world/calibrated.ts): its observed failures first, then the rule's answer at its observed pace. */
  private calibratedAnswer(ctx: WaitContext): Answer | null {
    // At an ESP app's wait, which app of how many: a failure that succeeded on retry hangs one of them (calibrated.ts).
    const apps = ctx.wait === 'esp.deviceApps' ? this.appsFor(this.devicePhase(ctx.tags)) : ctx.wait === 'esp.userApps' ? this.appsFor('account') : null;
    const failure = calibratedFailure(this.env, ctx.wait, this.calibratedDrawn, () => this.random.next(), this.hybrid(), apps ? { cursor: apps.cursor, count: apps.apps.list.length } : undefined);
    if (failure) {
      // An enrollment fails in an enrollment's time; an app or a script in an item's of the ESP (one draw either way).
      const minutes = this.took(failure.event === 'mdm.enrollmentFailed' ? D.mdmEnrollment : D.espCategory);
      return answerOf(ev(failure.event, { code: failure.code }), minutes, failure.event === 'app.hung' ? apps?.apps.names[apps.cursor] : undefined, `calibrated: the tenant's observed ${failure.observed} at this phase`);
    }
    const answer = RULES[ctx.wait](this, ctx);
    const factor = calibratedStepFactor(this.env, ctx.wait, ctx.tags);
    return answer && factor !== 1 ? { ...answer, minutes: answer.minutes * factor } : answer;
  }

}

/** How the world answers one wait. */
type Rule = (w: DeviceWorld, c: WaitContext) => Answer | null;

/** A device-preparation wait: answered by that scenario's own rules, and by nothing elsewhere. */
const devicePreparation: Rule = (w, c) => w.apdp?.answer(c.wait) ?? null;

/** The world as a table: one rule for every wait a machine can declare (src/catalog/vocabulary.ts), exhaustive by type. */
const RULES: Record<Wait, Rule> = {
  'network.gate': (w, c) => {
    if (!w.net().internet && w.net().connection === 'wired') return w.fail('no-internet', w.took(D.networkDetect));
    const cut = w.cutOff();
    if (cut && w.net().connection === 'wired') return w.fail(cut, w.took(D.networkDetect));
    if (w.net().proxyRequiresAuth) return w.fail('proxy-needs-auth', w.took(D.networkDetect));
    return w.net().connection === 'wired' ? w.ok(E['network.wired'], D.networkDetect) : w.ok(E['network.needsSetup'], D.networkDetect);
  },
  'user.regionAndKeyboard': (w, c) => w.ok(E['user.regionAndKeyboardChosen'], D.regionAndKeyboard),
  'user.wifi': (w, c) => {
    if (!w.online()) return w.fail(w.inUserFlow ? 'user-flow-offline' : (w.cutOff() ?? 'wifi-no-internet'), w.took(D.wifiJoin));
    return w.ok(E['user.wifiJoined'], D.wifiJoin);
  },
  'profile.download': (w, c) => {
    const answer = w.profileAnswer(c.tags);
    // §5.1, §10 #12: the 2024-06 requirements page does not list Windows 11 Enterprise LTSC; classic Autopilot (a profile, from the
    // cloud or a JSON file) then runs on an edition it does not support, with no documented outcome.
    const classic = answer.event.type === 'profile.downloaded' || answer.event.type === 'profile.jsonApplied';
    if (classic && !w.env.readings.windows11LtscSupported && w.env.os.windows === 11 && w.env.os.edition === 'enterprise-ltsc' && answer.finding === undefined) answer.finding = 'EDITION_NOT_LISTED';
    // §5.6: self-deploying forces User account type to Standard; an Administrator setting has no effect, told as the
    // ESP profile assigned to users is (§3.2): a finding, the run unchanged.
    if (classic && w.resolvedMode === 'self-deploying' && w.env.profile.userAccountType === 'administrator' && answer.finding === undefined) answer.finding = 'ACCOUNT_TYPE_FORCED_STANDARD';
    return answer;
  },
  'oobe.criticalUpdates': (w, c) => {
    // Once per OOBE: after the update's restart the check finds nothing new.
    const flow = w.inUserFlow ? 2 : 1;
    if (w.criticalUpdatesDone & flow) return w.ok(E['zdp.none'], D.criticalUpdateCheck);
    if (w.blocked('windows-update')) {
      const withoutControl = w.env.esp.installQualityUpdates && lacksQualityUpdateControl(w.env) && !w.qualityUpdateControl;
      return withoutControl
        ? w.replied(E['zdp.none'], w.took(D.criticalUpdateCheck), 'Windows Update unreachable: no 2025-11 D zero-day package, so this build (without the 2025-06 D update) does not honour "Install Windows quality updates"')
        : w.replied(E['zdp.none'], w.took(D.criticalUpdateCheck), 'Windows Update unreachable: OOBE carries on without critical updates');
    }
    w.criticalUpdatesDone |= flow;
    // §3.2: a build without the 2025-06 D update always finds the 2025-11 D zero-day package, which carries the quality-update control.
    if (lacksQualityUpdateControl(w.env) && !w.qualityUpdateControl) {
      w.qualityUpdateControl = true;
      return w.replied(E['zdp.installed'], w.took(D.criticalUpdateInstall), 'the 2025-11 D zero-day package, with the control for "Install Windows quality updates" this build lacks');
    }
    return w.chance(w.chances.criticalUpdateAvailable) ? w.ok(E['zdp.installed'], D.criticalUpdateInstall) : w.ok(E['zdp.none'], D.criticalUpdateCheck);
  },
  'device.restart': (w, c) => w.ok(E['device.restarted'], D.restart),
  'oobe.pages': (w, c) => {
    const pages = w.oobePages();
    return pages === '' ? w.replied(E['oobe.pagesSkipped'], 0) : w.replied(E['user.oobePagesCompleted'], w.took(D.oobePages), pages);
  },
  'user.signIn': (w, c) => {
    const minutes = w.took(D.entraSignIn);
    // §1.3, §2.1 U2, §2.4 P2, §10 #5: username pre-population was removed in 2110 and restored only for the OEMs that opted in
    // (Dell, Dynabook, HP, Lenovo, Surface), for a user assigned to the device; not under ADFS, where assignment does not work
    // (§8 W53) [INF]. Ordinary OOBE's device preparation has no Autopilot profile, so no assigned user.
    const user = w.apdp && !w.apdp.classic ? null : w.env.profile.assignedUser;
    if (user && w.env.registration.oemAutoReenrollment && w.env.identity.federation !== 'adfs') return w.replied(E['user.signedIn'], minutes, `the username ${user} is pre-filled: an OEM that opted in`);
    return w.replied(E['user.signedIn'], minutes);
  },
  'entra.authenticate': (w, c) => {
    const minutes = w.took(D.entraAuthentication);
    if (w.blocked('entra')) return w.fail('idp-blocked', minutes);
    const id = w.env.identity;
    if (w.wrongPasswords < id.invalidCredentialAttempts) {
      w.wrongPasswords++;
      return w.fail('wrong-password', minutes);
    }
    if (id.signInMethod === 'smart-card') return w.fail('smart-card', minutes);
    if (id.signInMethod === 'temporary-access-pass' && (!id.webSignIn || w.hybrid())) return w.fail(w.hybrid() ? 'tap-hybrid' : 'tap-needs-web-sign-in', minutes);
    // §2.3: a security baseline's device password policy (DeviceLock) removes web sign-in after pre-provisioning [INF: the pass is what needs it].
    if (id.signInMethod === 'temporary-access-pass' && w.inUserFlow && w.env.policies.deviceLock) return w.fail('tap-web-sign-in-removed', minutes);
    // §1.3: pre-provisioning needs the user allowed to join devices too; its user flow joins nothing (the technician's device
    // token did), so the sign-in is where it shows [INF].
    if (w.inUserFlow && !id.userMayJoin) return w.fail('user-may-not-join-user-flow', minutes);
    const tenant = w.env.identity.signInTenant ?? w.env.registration.tenant;
    // Device preparation at ordinary OOBE has no Autopilot registration or profile (§7): no registration tenant to compare
    // with (the policy step finds the user's tenant), and no user assigned to the device.
    const autopilot = !(w.apdp && !w.apdp.classic);
    // §1.1 (FAQ): a registration by another tenant is not the user's mistake: the user's home tenant takes the sign-in and the
    // profile is not applied. The pre-provisioned user flow's device was provisioned in its tenant by the technician.
    if (w.env.registration.registeredByAnotherTenant && autopilot && !w.inUserFlow) return w.fail('registered-by-another-tenant', minutes, { registeredTenant: w.env.registration.tenant });
    if (tenant !== w.env.registration.tenant && autopilot) return w.fail('tenant-mismatch', minutes, { tenant, registeredTenant: w.env.registration.tenant });
    const assignedUser = autopilot ? w.env.profile.assignedUser : null;
    if (w.env.identity.federation === 'adfs' && assignedUser) return w.replied(E['entra.authenticated'], minutes, undefined, undefined, 'ASSIGNED_USER_NOT_ENFORCED');
    // §5.7: the import checks only the assigned user's domain, and a wrong UPN leaves the device unusable until the assignment
    // is removed; the notes give no screen or code, so the sign-in the assignment enforces is where it shows [INF].
    if (assignedUser && !w.env.profile.assignedUserUpnCorrect) return w.fail('assigned-user-wrong-upn', minutes, { assignedUser });
    // The assigned user signs in (the page is pre-filled for them) and becomes the primary user: the assignment took effect.
    if (assignedUser) w.assignedUserSignedIn = true;
    return w.replied(E['entra.authenticated'], minutes);
  },
  'entra.userJoin': (w, c) => {
    const minutes = w.took(D.entraJoin);
    const id = w.env.identity;
    if (importedObjectDeleted(w.env)) return w.fail('entra-object-deleted-user-join', minutes);
    if (!id.userMayJoin) return w.fail('user-may-not-join', minutes);
    if (id.userDeviceCount >= id.deviceCap && w.env.readings.deviceCapCode === '801C0003') return w.fail('device-cap', minutes, { count: id.userDeviceCount, cap: id.deviceCap });
    // Device preparation has no Autopilot profile: its local-administrator step says what the user is (§7 step 5).
    const admin = w.apdp && !w.apdp.classic ? undefined : localAdministratorsDetail(w.env);
    // §8 W63: the import is what carries the old Entra registered object over; an unregistered device's join makes a new one.
    if (w.env.registration.registered && w.env.registration.previouslyEntraRegistered) return w.replied(E['entra.joined'], minutes, admin, undefined, 'SHOWN_AS_ENTRA_REGISTERED');
    return w.replied(E['entra.joined'], minutes, admin);
  },
  'mdm.userEnroll': (w, c) => w.userEnrollment(),
  'connector.odj': (w, c) => w.odj(),
  'dc.ping': (w, c) => w.dcReachable() ? w.ok(E['dc.reachable'], D.dcPing) : w.fail('dc-unreachable', w.took(D.dcPingTimeout)),
  'user.domainSignIn': (w, c) => {
    const minutes = w.took(D.domainSignIn);
    // §1.3: a Temporary Access Pass is an Entra credential, not for hybrid join: where no Entra sign-in came first (the
    // hybrid pre-provisioning user flow), the domain logon is where the user meets it.
    if (w.env.identity.signInMethod === 'temporary-access-pass') return w.fail('tap-domain-logon', minutes);
    if (w.dcReachable() || w.env.hybrid.vpn === 'win32-logon') {
      // §2.2 H10, §8 W61: only a user the profile makes an administrator has rights to lose (§5.6 user account type).
      if (w.env.profile.userAccountType !== 'administrator') return w.replied(E['user.domainSignedIn'], minutes);
      if (w.env.hybrid.scriptAddsLocalAdmin) return w.replied(E['user.domainSignedIn'], minutes, undefined, undefined, 'LOCAL_ADMIN_NOT_GRANTED');
      // H10: the forced sign-out that ends account setup is what grants the rights; with the page not shown there is none [INF]
      // (the machines' userEspRuns guard, read from the same two settings).
      const signOut = espShown(w.env) && !w.env.esp.skipUserStatusPage;
      return w.replied(E['user.domainSignedIn'], minutes, undefined, undefined, signOut ? undefined : 'LOCAL_ADMIN_AFTER_SIGN_OUT');
    }
    if (w.env.hybrid.vpn === 'none') return w.fail('no-dc-at-logon', minutes);
    return w.fail('vpn-before-sign-in', minutes, { vpn: w.env.hybrid.vpn });
  },
  'user.signOutAndIn': (w, c) => w.ok(E['user.signedOutAndIn'], D.signOutAndIn),
  'device.autoSignIn': (w) => {
    // §3.3: DeviceLock with no restart before leaving device setup: the user is asked for credentials instead.
    if (w.env.policies.deviceLock) return w.fail('asked-for-credentials', w.took(D.autoSignIn));
    return w.ok(E['device.autoSignedIn'], D.autoSignIn);
  },
  'user.reenterCredentials': (w) => {
    // §2.1 U6a, §3.3: DeviceLock plus a restart in device setup: autologon fails, and only a reset fixes it.
    if (w.env.policies.deviceLock && w.restartedInDeviceSetup) return w.fail('autologon-fails', w.took(D.entraSignIn));
    return w.ok(E['user.credentialsReentered'], D.entraSignIn);
  },
  'device.reset': (w) => {
    w.resetAfterFailure = true;
    return w.ok(E['device.resetCompleted'], D.pushButtonReset);
  },
  'tpm.attest': (w, c) => w.attestation(),
  'entra.deviceJoin': (w, c) => {
    const minutes = w.took(D.entraJoin);
    if (w.env.hardware.tpm === '2.0-in-1.2-mode') return w.fail('tpm-not-2', minutes);
    if (w.env.registration.conflictingProfiles) return w.fail('conflicting-profiles', minutes);
    if (importedObjectDeleted(w.env)) return w.fail('entra-object-deleted', minutes);
    if (w.blocked('entra')) return w.fail('entra-blocked', minutes);
    return w.replied(E['entra.joined'], minutes);
  },
  'mdm.deviceEnroll': (w, c) => w.deviceEnrollment(c.tags),
  'esp.prepare': (w, c) => {
    const minutes = w.took(D.imeInstall);
    const failed = preparationFailure(w, minutes, 'onEsp');
    if (failed) return failed;
    // §3.2 (fixed 2020): a build without the 2020 updates failed pre-provisioning with the ESP off.
    if (!w.env.esp.enabled && !w.env.os.updatedSince2020 && c.tags.has('flow:technician')) return w.fail('esp-off-old-build', minutes);
    // §8 W25: with the device ESP not shown, the technician flow skips device setup and goes to Reseal (unless the older
    // reading, KB4535996, makes the ESP required to show).
    if (c.tags.has('flow:technician') && !w.env.readings.preProvisioningEspRequired) {
      if (!w.env.esp.enabled) return w.fail('technician-esp-off', minutes);
      if (!espShown(w.env)) return w.fail('technician-esp-assigned-to-users', minutes);
      if (w.env.esp.skipDeviceStatusPage) return w.fail('technician-device-status-page-skipped', minutes);
    }
    // Self-deploying with a user-targeted ESP profile: the built-in default applied, which does not show progress (§3.2).
    if (w.env.esp.enabled && espProfileNotEvaluated(w.env)) return w.replied(E['esp.trackingListReady'], minutes, undefined, undefined, 'ESP_ASSIGNED_TO_USERS');
    return w.replied(E['esp.trackingListReady'], minutes);
  },
  // §2.1 fork, §3.2: the device ESP hidden, the same work runs behind the desktop, and fails there unseen [INF].
  'esp.preparationBehindDesktop': (w, c) => {
    const minutes = w.took(D.imeInstall);
    // Self-deploying with a user-targeted ESP profile: the built-in default applied, which does not show progress (§3.2).
    const finding = w.env.esp.enabled && espProfileNotEvaluated(w.env) ? 'ESP_ASSIGNED_TO_USERS' : undefined;
    const failed = preparationFailure(w, minutes, 'behindDesktop');
    if (failed) return failed;
    // §3.2 (fixed 2020): a build without the 2020 updates failed self-deploying's device setup with the ESP off, here unseen [INF].
    if (!w.env.esp.enabled && !w.env.os.updatedSince2020 && c.tags.has('flow:noUser')) return w.fail('esp-off-old-build-behind-end-screen', minutes);
    return w.replied(E['esp.trackingListReady'], minutes, undefined, undefined, finding);
  },
  'esp.securityPolicies': (w, c) => {
    if (w.env.policies.interactiveLogonOrUacConflict && c.tags.has('flow:technician')) {
      return w.fail('logon-policy-conflict', w.took(D.espCategory));
    }
    if (w.env.policies.appLockerCsp && c.tags.has('esp:deviceSetup') && w.devicePhase(c.tags) !== 'userFlow') {
      // §2.3 T8, §3.3: the AppLocker CSP forces a restart: a reboot problem in the technician flow, a lost sign-in elsewhere.
      if (c.tags.has('flow:technician')) return w.fail('applocker-technician', w.took(D.espCategory));
      if (!w.policyRestarted) {
        w.policyRestarted = true;
        return w.fail('applocker-restart', w.took(D.espCategory));
      }
    }
    return w.ok(E['esp.itemsApplied'], D.espCategory);
  },
  'esp.certificates': (w, c) => w.ok(E['esp.itemsApplied'], D.espCategory),
  'esp.networkConnections': (w, c) => w.ok(E['esp.itemsApplied'], D.espCategory),
  'esp.deviceApps': (w, c) => w.nextApp(w.devicePhase(c.tags)),
  'esp.userIdentifying': (w, c) => {
    // §8 W31: the pre-provisioning user flow enrolls nothing (the technician did), so an unlicensed user meets the symptom left [INF].
    if (!w.env.identity.userLicensed && (w.env.identity.unlicensedSymptom === 'identifying-hang' || w.inUserFlow)) {
      return w.fail('identifying-hang', w.took(D.accountSetupIdentifying));
    }
    const minutes = w.took(D.accountSetupIdentifying);
    return w.entraConnectSync(minutes) ?? w.replied(E['esp.trackingListReady'], minutes);
  },
  'esp.userApps': (w, c) => {
    const a = w.nextApp('account');
    // §2.1 U9, §3.3: restarts are not supported in account setup, and the notes give no outcome for an app that asks for one
    // there: the run goes on, and says so.
    if (a.event.type === 'app.installed' && w.env.apps.some((x) => x.requiresReboot && x.target === 'user' && x.name === a.detail)) a.finding = 'RESTART_IN_ACCOUNT_SETUP';
    return a;
  },
  'wu.quality': (w, c) => {
    if (w.blocked('windows-update')) return w.replied(E['wu.none'], 0.5, 'Windows Update unreachable: carries on without quality updates');
    return w.chance(w.chances.qualityUpdateRestart) ? w.ok(E['wu.updatesInstalledRestart'], D.qualityUpdates) : w.ok(E['wu.updatesInstalled'], D.qualityUpdates);
  },
  'user.espError': (w, c) => w.onErrorPage('user'),
  'technician.redScreen': (w, c) => w.onErrorPage('technician'),
  'technician.winKey5': (w, c) => {
    // §2.3, §5.1: pre-provisioning's historical minimum is Windows 10 1903 [DOC-OLD]; no outcome is documented for older builds, so a finding.
    const older = w.env.os.windows === 10 && windows10Release(w.env.os.version) < 1903;
    return older ? w.replied(E['technician.pressedWinKey5'], w.took(D.technicianAction), undefined, undefined, 'PREPROVISIONING_BEFORE_1903') : w.ok(E['technician.pressedWinKey5'], D.technicianAction);
  },
  'technician.provision': (w, c) => w.ok(E['technician.provision'], D.technicianAction),
  'technician.reseal': (w, c) => w.ok(E['technician.reseal'], D.technicianAction),
  'user.powerOn': (w, c) => {
    // §3.3: a restart loses the credentials typed before it. The technician flow's restarts came before the user typed any,
    // so they cost the user flow nothing (with DeviceLock, no autologon failure either).
    if (c.tags.has('phase:shipping')) w.restartedInDeviceSetup = false;
    // §2.4: at least 90 minutes after the technician flow; the notes give no outcome for less, so a finding.
    if (c.tags.has('phase:shipping') && w.env.people.hoursBetweenFlows < 1.5) return w.replied(E['user.poweredOn'], w.env.people.hoursBetweenFlows * 60, undefined, undefined, 'USER_FLOW_TOO_SOON');
    return w.replied(E['user.poweredOn'], c.tags.has('phase:shipping') ? w.env.people.hoursBetweenFlows * 60 : 1);
  },
  'kiosk.autologon': (w) => {
    if (w.env.policies.exchangeActiveSync) return w.fail('kiosk-eas', w.took(D.kioskAutologon));
    if (w.env.policies.deviceLock) return w.fail('kiosk-devicelock', w.took(D.kioskAutologon));
    // §2.6: the 2023 fix is partial: several restarts during OOBE can wipe the autologon registry values.
    if (w.oobeRestarts >= 2 && w.chance(w.chances.kioskAutologonWiped)) return w.fail('kiosk-restarts', w.took(D.kioskAutologon), { count: w.oobeRestarts });
    // §2.6, §8 W55: apps meant for after the ESP never install under kioskUser0, unless SkipUserStatusPage is set.
    const later = w.env.esp.skipUserStatusPage ? [] : w.env.apps.filter((a) => a.target === 'user' || !w.selectedBlocks(a));
    if (later.length) return w.fail('kiosk-apps-after-esp', w.took(D.kioskAutologon), { apps: later.map((a) => a.name).join(', ') });
    return w.ok(E['kiosk.autologon'], D.kioskAutologon);
  },
  'admin.deployTaskSequence': (w, c) => {
    if (!w.env.existingDevices.configMgr) return w.fail('no-configmgr');
    return w.ok(E['admin.taskSequenceDeployed'], D.taskSequenceDeploy);
  },
  'ts.winPe': (w) => w.ok(E['ts.stepCompleted'], D.winPe),
  'ts.applyOs': (w) => w.ok(E['ts.stepCompleted'], D.applyOs),
  'ts.deleteUnattend': (w) => w.ok(E['ts.stepCompleted'], D.deleteUnattend),
  'ts.setupFirstBoot': (w) => w.ok(E['ts.stepCompleted'], D.setupFirstBoot),
  'ts.configMgrTasks': (w) => w.ok(E['ts.stepCompleted'], D.configMgrTasks),
  'ts.sysprep': (w) => w.ok(E['ts.stepCompleted'], D.sysprep),
  'ts.setupWithJson': (w) => w.ok(E['ts.stepCompleted'], D.setupWithJson),
  'user.ctrlWinR': (w, c) => {
    if (!w.env.people.localResetAllowed) return w.fail('reset-not-enabled', 0.5);
    return w.ok(E['user.ctrlWinR'], D.technicianAction);
  },
  // §2.8: a local administrator triggers a local reset, and RL2's sign-in screen checks the person is allowed; what it does with
  // anyone else the notes do not say, so the run goes on and reports a finding (docs/model.md), as for other undocumented outcomes.
  'user.localAdminSignIn': (w, c) => (w.env.people.localResetByAdmin ? w.ok(E['user.localAdminSignedIn'], D.localAdminSignIn) : w.replied(E['user.localAdminSignedIn'], w.took(D.localAdminSignIn), undefined, undefined, 'RESET_BY_NON_ADMIN')),
  'admin.autopilotReset': (w, c) => w.ok(E['admin.autopilotResetIssued'], D.adminAction),
  'intune.checkIn': (w, c) => {
    const h = w.env.reset.hoursSinceEnrollment;
    const interval = h < 0.25 ? 3 : h < 2.25 ? 15 : 480;
    const minutes = w.env.reset.forcedSync ? w.took(D.forcedSync) : interval * w.random.next();
    // §2.9 RR2: the command runs at the device's next check-in. One not enrolled in Intune, or cut off from it, never
    // checks in [INF]: the run ends when the check-in (or the forced sync) that would have delivered it does not come.
    if (!w.env.reset.intuneEnrolled) return w.fail('reset-not-enrolled-check-in', minutes);
    // §5.1, W35: Windows Home cannot enroll through Autopilot (0x80180022), so it never has the enrollment a reset keeps [INF].
    if (w.env.os.edition === 'home') return w.fail('reset-home-edition-check-in', minutes);
    if (!w.online() || w.blocked('intune')) return w.fail('reset-offline-check-in', minutes);
    if (w.env.reset.forcedSync) return w.replied(E['intune.checkIn'], minutes);
    return w.replied(E['intune.checkIn'], minutes, `next check-in (every ${interval} min at this point)`);
  },
  'winre.check': (w) => {
    if (w.env.reset.recoveryEnvironmentMessage) {
      // §2.8 RL4: "Could not find the recovery environment"; with WinRE fine, admin credentials let it continue.
      if (!w.env.reset.winReEnabled) return w.fail('recovery-not-found');
      return w.replied(E['winre.ready'], w.took(D.winReCheck) + w.took(D.localAdminSignIn), '"Could not find the recovery environment": WinRE is fine, an administrator signs in and the reset continues');
    }
    return w.env.reset.winReEnabled ? w.ok(E['winre.ready'], D.winReCheck) : w.fail('winre-missing');
  },
  'reset.eligibility': (w, c) => {
    if (w.env.reset.currentJoin === 'hybrid') return w.fail('reset-hybrid');
    if (!w.env.reset.intuneEnrolled) return w.fail('reset-not-enrolled');
    if (w.env.os.edition === 'home') return w.fail('reset-home-edition');
    if (!w.env.registration.registered) return w.fail('reset-not-autopilot');
    return w.ok(E['reset.eligible'], D.winReCheck);
  },
  'reset.pbr': (w, c) => w.env.reset.uefiLockBaseline && w.env.os.version === '1909'
    ? w.fail('uefi-lock', w.took(D.pushButtonReset) / 3)
    : w.env.reset.osCorrupted ? w.fail('os-corrupted', w.took(D.pushButtonReset) / 3) : w.ok(E['pbr.completed'], D.pushButtonReset),
  // §2.8 RL6: the desktop stays blocked until the MDM sync finishes, which it cannot without Intune [INF].
  'mdm.sync': (w, c) => (!w.online() || w.blocked('intune') ? w.fail('reset-sync-blocked', w.took(D.mdmSync)) : w.ok(E['mdm.synced'], D.mdmSync, { detail: RESET_READY[w.env.reset.kind] + appsAfterReset(w.env) })),
  // Autopilot device preparation (§7): its rules live in src/world/devicePreparation.ts.
  'apdp.policy': devicePreparation,
  'apdp.deviceGroup': devicePreparation,
  'apdp.ime': devicePreparation,
  'apdp.localAdmin': devicePreparation,
  'apdp.mdmSync': devicePreparation,
  'apdp.lobApps': devicePreparation,
  'apdp.scripts': devicePreparation,
  'apdp.win32Apps': devicePreparation,
  'apdp.finish': devicePreparation,
  'user.manualRestart': devicePreparation,
  'user.requiredSetupContinue': devicePreparation,
  'user.apdpError': devicePreparation,
  'apdp.postDesktopSync': devicePreparation,
  'w365.createVm': devicePreparation,
  'w365.join': devicePreparation,
  'w365.enroll': devicePreparation,
  'w365.statusProvisioned': devicePreparation,
  'w365.statusWithWarnings': devicePreparation,
  'w365.statusFailed': devicePreparation,
};

/** The rules by wait, as a map (asked by name), and by index in WAITS (asked by the kernel: no lookup in the fleet's hot path). */
const RULE_OF: ReadonlyMap<Wait, Rule> = new Map(Object.entries(RULES) as Array<[Wait, Rule]>);
const RULE_LIST: readonly Rule[] = WAITS.map((wait) => RULES[wait]);

// Every event a deployment machine accepts, with who causes it. One place: the
// trace, the studio's event log and the capability derivation read sources here.
import type { ErrorId } from '../src/catalog/errors.ts';

/**
 * Who causes an event. 'person' is never an event's own source: a user's event in a flow that has no user (self-deploying,
 * tagged flow:noUser) is a person's at the device, as the trace and the studio attribute it (attributed(), src/engine/observers.ts).
 */
export type Source = 'world' | 'user' | 'technician' | 'admin' | 'timer' | 'person';

export const EVENTS = {
  // OOBE front end (domain §1.1)
  'network.wired': 'world',
  'network.needsSetup': 'world',
  'network.connected': 'world',
  'network.unavailable': 'world',
  'user.regionAndKeyboardChosen': 'user',
  'user.wifiJoined': 'user',
  'profile.downloaded': 'world',
  'profile.unavailable': 'world',
  'profile.jsonApplied': 'world',
  'zdp.none': 'world',
  'zdp.installed': 'world',
  'device.restarted': 'world',
  'user.oobePagesCompleted': 'user',
  'oobe.pagesSkipped': 'world',
  // identity (§1.3, §2.1, §2.2)
  'user.signedIn': 'user',
  'entra.authenticated': 'world',
  'entra.tenantMismatch': 'world',
  'entra.profileNotApplied': 'world',
  'entra.joined': 'world',
  'entra.joinFailed': 'world',
  'mdm.enrolled': 'world',
  'mdm.enrollmentFailed': 'world',
  'connector.odjBlobDelivered': 'world',
  'connector.odjFailed': 'world',
  'dc.reachable': 'world',
  'dc.unreachable': 'world',
  'user.domainSignedIn': 'user',
  'dc.signInFailed': 'world',
  'user.signedOutAndIn': 'user',
  'user.credentialsReentered': 'user',
  'entra.invalidCredentials': 'world',
  'device.autoSignInPrompted': 'world',
  'autologon.failed': 'world',
  'device.resetCompleted': 'world',
  'kiosk.autologonFailed': 'world',
  'device.autoSignedIn': 'world',
  // TPM and device-token join (§2.3 T5-T7, §2.6)
  'tpm.attested': 'world',
  'tpm.attestationFailed': 'world',
  // ESP (§3)
  'esp.trackingListReady': 'world',
  'esp.preparationFailed': 'world',
  'esp.itemsApplied': 'world',
  'esp.policyConflict': 'world',
  'esp.policyRestartRequired': 'world',
  'app.installed': 'world',
  'app.installedRestartRequired': 'world',
  'app.failed': 'world',
  'app.failedNonBlocking': 'world',
  'app.hung': 'world',
  'esp.allAppsDone': 'world',
  'esp.identifyingHang': 'world',
  'wu.updatesInstalled': 'world',
  'wu.none': 'world',
  'wu.updatesInstalledRestart': 'world',
  'user.retry': 'user',
  'user.resetDevice': 'user',
  'user.continueAnyway': 'user',
  'user.collectLogs': 'user',
  'user.leftEsp': 'user',
  'user.gaveUp': 'user',
  // pre-provisioning (§2.3)
  'technician.pressedWinKey5': 'technician',
  'technician.provision': 'technician',
  'technician.reseal': 'technician',
  'technician.retry': 'technician',
  'technician.reset': 'technician',
  'technician.gaveUp': 'technician',
  'user.poweredOn': 'user',
  // existing devices (§2.7)
  'admin.taskSequenceDeployed': 'admin',
  'ts.stepCompleted': 'world',
  'ts.failed': 'world',
  // reset (§2.8, §2.9)
  'user.ctrlWinR': 'user',
  'user.localAdminSignedIn': 'user',
  'reset.notEnabled': 'world',
  'admin.autopilotResetIssued': 'admin',
  'intune.checkIn': 'world',
  'intune.checkInMissed': 'world',
  'winre.ready': 'world',
  'winre.missing': 'world',
  'reset.eligible': 'world',
  'reset.notSupported': 'world',
  'pbr.completed': 'world',
  'pbr.failed': 'world',
  'mdm.synced': 'world',
  'mdm.syncFailed': 'world',
  // kiosk / sign-in end states (§2.6 S6)
  'kiosk.autologon': 'world',
  // Autopilot device preparation (§7)
  'apdp.policyDelivered': 'world',
  'apdp.noPolicy': 'world',
  'apdp.deviceGrouped': 'world',
  'apdp.groupingFailed': 'world',
  'apdp.imeInstalled': 'world',
  'apdp.accountTypeApplied': 'world',
  'apdp.provisioningSkipped': 'world',
  'apdp.synced': 'world',
  'apdp.appsDone': 'world',
  'script.succeeded': 'world',
  'script.failed': 'world',
  'apdp.scriptsDone': 'world',
  'apdp.setupComplete': 'world',
  'apdp.stuckAt100': 'world',
  'user.continue': 'user',
  'user.restartedByHand': 'user',
  'apdp.userConfigurationDelivered': 'world',
  // Windows 365 automatic mode (§7)
  'w365.cloudPcCreated': 'world',
  'w365.statusShown': 'world',
} as const satisfies Record<string, Source>;

export type EventType = keyof typeof EVENTS;

/** Events that report a failure: they carry the catalogue's error id. */
export const FAILURE_EVENTS = [
  'entra.tenantMismatch', 'entra.joinFailed', 'mdm.enrollmentFailed', 'connector.odjFailed', 'dc.unreachable', 'dc.signInFailed',
  'tpm.attestationFailed', 'esp.preparationFailed', 'esp.policyConflict', 'app.failed', 'app.hung', 'esp.identifyingHang',
  'ts.failed', 'reset.notEnabled', 'intune.checkInMissed', 'winre.missing', 'reset.notSupported', 'pbr.failed', 'mdm.syncFailed', 'autologon.failed', 'kiosk.autologonFailed', 'script.failed',
] as const satisfies readonly EventType[];
export type FailureEventType = (typeof FAILURE_EVENTS)[number];
/** Events that carry the profile a device resolved (existing devices, §1.2). */
export const PROFILE_EVENTS = ['profile.downloaded', 'profile.jsonApplied'] as const satisfies readonly EventType[];
export type ProfileEventType = (typeof PROFILE_EVENTS)[number];
/** Events that say why OOBE fell back, in words. */
export const REASON_EVENTS = ['network.unavailable', 'profile.unavailable', 'entra.profileNotApplied', 'apdp.noPolicy'] as const satisfies readonly EventType[];
export type ReasonEventType = (typeof REASON_EVENTS)[number];
export type PlainEventType = Exclude<EventType, FailureEventType | ProfileEventType | ReasonEventType>;

/** The follow-on deployment a profile resolves to (existing devices, §2.7; cloud profile wins over the JSON). */
export type ProfileMode = 'user-driven' | 'self-deploying' | 'pre-provisioned';

interface EventBase {
  /** The engine's cache key for the event (set on interned world events). */
  key?: string;
}
export interface FailureEvent extends EventBase {
  type: FailureEventType;
  /** Error id from the catalogue. */
  code: ErrorId;
}
export interface ProfileEvent extends EventBase {
  type: ProfileEventType;
  /** The mode and join type the profile carries (existing devices resolve them here). */
  mode?: ProfileMode;
  joinType?: 'entra' | 'hybrid';
}
export interface ReasonEvent extends EventBase {
  type: ReasonEventType;
  /** Why OOBE fell back, for the outcome. */
  reason: string;
}
export interface PlainEvent extends EventBase {
  type: PlainEventType;
}
/** Every event a deployment machine accepts, discriminated by its type. */
export type DeploymentEvent = FailureEvent | ProfileEvent | ReasonEvent | PlainEvent;
/** Any event's fields, for code that reads them without narrowing by type first. */
export type EventFields = { type: EventType; code?: ErrorId; mode?: ProfileMode; joinType?: 'entra' | 'hybrid'; reason?: string; key?: string };
/** The error id a failure event carries. */
export const codeOf = (e: { type: string }): ErrorId | undefined => (e as EventFields).code;

/** The cache key of an event: the fields a machine reads (type, code, mode, join type), never narration. */
export function eventKey(e: DeploymentEvent): string {
  const x = e as EventFields;
  return `${e.type}|${x.code ?? ''}|${x.mode ?? ''}|${x.joinType ?? ''}`;
}

export function sourceOf(type: string): Source {
  if (type.startsWith('xstate.after')) return 'timer';
  return (EVENTS as Record<string, Source>)[type] ?? 'world';
}

// What the machines' events, guards and timers are called in words, for a class: the
// studio's chart, its choices and its event log, and `diagram`, read them here (one place).
// Internal names stay the ids; these are only how they are shown.
import type { EventType, Source } from './events.ts';
import type { Wait } from '../src/catalog/vocabulary.ts';

export const EVENT_LABELS = {
  'network.wired': 'Wired network connects',
  'network.needsSetup': 'The network needs setting up',
  'network.connected': 'Network connected',
  'network.unavailable': 'No internet',
  'user.regionAndKeyboardChosen': 'User picks region and keyboard',
  'user.wifiJoined': 'User joins Wi-Fi',
  'profile.downloaded': 'Autopilot profile downloaded',
  'profile.unavailable': 'No Autopilot profile',
  'profile.jsonApplied': 'Offline profile (JSON) applied',
  'zdp.none': 'No zero-day update',
  'zdp.installed': 'Zero-day update installed',
  'device.restarted': 'Device restarts',
  'user.oobePagesCompleted': 'User finishes the OOBE pages',
  'oobe.pagesSkipped': 'OOBE pages skipped',
  'user.signedIn': 'User signs in',
  'entra.authenticated': 'Entra authenticates the user',
  'entra.tenantMismatch': 'Signed into another tenant',
  'entra.profileNotApplied': 'Home tenant: profile not applied',
  'entra.joined': 'Joined to Entra',
  'entra.joinFailed': 'Entra join fails',
  'mdm.enrolled': 'Enrolled in Intune',
  'mdm.enrollmentFailed': 'Intune enrollment fails',
  'connector.odjBlobDelivered': 'Connector delivers the domain join',
  'connector.odjFailed': 'Offline domain join fails',
  'dc.reachable': 'Domain controller reachable',
  'dc.unreachable': 'No domain controller',
  'user.domainSignedIn': 'User signs in to the domain',
  'dc.signInFailed': 'Domain sign-in fails',
  'user.signedOutAndIn': 'User signs out and in',
  'user.credentialsReentered': 'User enters the password again',
  'tpm.attested': 'TPM attested',
  'tpm.attestationFailed': 'TPM attestation fails',
  'esp.trackingListReady': 'ESP knows what to track',
  'esp.preparationFailed': 'Device preparation fails',
  'esp.itemsApplied': 'Policies and certificates applied',
  'esp.policyConflict': 'A security policy conflicts',
  'esp.policyRestartRequired': 'A policy forces a restart',
  'user.leftEsp': 'User leaves the ESP before setup finishes',
  'app.installed': 'App installed',
  'app.installedRestartRequired': 'App installed, restart needed',
  'app.failed': 'A blocking app fails',
  'app.failedNonBlocking': 'A non-blocking app fails',
  'app.hung': 'An app hangs',
  'esp.allAppsDone': 'All tracked apps done',
  'esp.identifyingHang': 'ESP stuck identifying',
  'wu.updatesInstalled': 'Quality updates installed',
  'wu.none': 'No quality updates',
  'wu.updatesInstalledRestart': 'Quality updates installed, restart',
  'user.retry': 'User presses Try again',
  'user.resetDevice': 'User presses Reset device',
  'user.continueAnyway': 'User presses Continue anyway',
  'user.collectLogs': 'User presses Collect logs',
  'user.gaveUp': 'User gives up',
  'technician.pressedWinKey5': 'Technician presses Win five times',
  'technician.provision': 'Technician chooses Provision',
  'technician.reseal': 'Technician presses Reseal',
  'technician.retry': 'Technician presses Retry',
  'technician.reset': 'Technician presses Reset',
  'technician.gaveUp': 'Technician gives up',
  'user.poweredOn': 'User turns the device on',
  'admin.taskSequenceDeployed': 'Admin deploys the task sequence',
  'ts.stepCompleted': 'Task sequence step done',
  'ts.failed': 'Task sequence fails',
  'user.ctrlWinR': 'User presses Ctrl+Win+R',
  'user.localAdminSignedIn': 'Local admin signs in',
  'reset.notEnabled': 'Local reset not enabled',
  'admin.autopilotResetIssued': 'Admin issues Autopilot Reset',
  'intune.checkIn': 'Device checks in with Intune',
  'intune.checkInMissed': 'Device never checks in',
  'winre.ready': 'WinRE ready',
  'winre.missing': 'WinRE missing',
  'reset.eligible': 'Device can be reset',
  'reset.notSupported': 'Reset not supported',
  'pbr.completed': 'Reset completes',
  'pbr.failed': 'Reset fails',
  'mdm.synced': 'Device syncs with Intune',
  'mdm.syncFailed': 'MDM sync cannot finish',
  'kiosk.autologon': 'Kiosk signs in by itself',
  'entra.invalidCredentials': 'Wrong password at sign-in',
  'device.autoSignInPrompted': 'Device asks to sign in by itself',
  'autologon.failed': 'Automatic sign-in fails',
  'device.resetCompleted': 'Device reset completes',
  'kiosk.autologonFailed': 'Kiosk sign-in fails',
  'device.autoSignedIn': 'Device signs in by itself',
  // Autopilot device preparation and Windows 365 automatic mode (§7)
  'apdp.policyDelivered': 'Device preparation policy delivered',
  'apdp.noPolicy': 'No device preparation policy',
  'apdp.deviceGrouped': 'Device added to the device group',
  'apdp.groupingFailed': 'Device group membership fails',
  'apdp.imeInstalled': 'Intune Management Extension installed',
  'apdp.accountTypeApplied': 'Local administrator setting applied',
  'apdp.provisioningSkipped': 'Provisioning skipped',
  'apdp.synced': 'Device syncs with Intune',
  'apdp.appsDone': 'Apps step done',
  'script.succeeded': 'Script succeeds',
  'script.failed': 'Script fails',
  'apdp.scriptsDone': 'Scripts step done',
  'apdp.setupComplete': 'Required setup complete',
  'apdp.stuckAt100': 'Stuck at 100 %',
  'user.continue': 'User presses Continue',
  'user.restartedByHand': 'User restarts the device by hand',
  'apdp.userConfigurationDelivered': 'User configuration delivered',
  'w365.cloudPcCreated': 'Cloud PC created',
  'w365.statusShown': 'Cloud PC status shown',
} as const satisfies Record<EventType, string>;

/**
 * Where an event reads otherwise in the state that waits for it (the state's meta.waits). Device preparation has no
 * ESP, so no blocking apps: every app in its policy must install, and any failure fails the deployment (domain §7);
 * its installation error page offers Retry where the ESP's says Try again. Keyed by the wait, not the machine: the
 * device preparation machine holds classic Autopilot's ESP too (a registered device with a profile runs it), where a
 * blocking app is what fails.
 */
export const EVENT_LABELS_BY_WAIT: Readonly<Partial<Record<Wait, Partial<Record<EventType, string>>>>> = {
  // The ESP's rows before Apps, each done by one event: named by its row, where three steps in a row read 'Policies and
  // certificates applied' (the log, play and the chart's edges out of Security policies, Certificates and Network connections).
  'esp.securityPolicies': { 'esp.itemsApplied': 'Security policies applied' },
  'esp.certificates': { 'esp.itemsApplied': 'Certificates applied' },
  'esp.networkConnections': { 'esp.itemsApplied': 'Network profiles applied' },
  'apdp.lobApps': { 'app.failed': 'An app in the policy fails' },
  // The IME hangs only on a VM below 2 vCPU and 4 GB (src/world/failure-modes.ts 'apdp-vm-too-small'): classic Autopilot
  // fails that VM on its ESP row (§5.8, §8 W7), device preparation has none, so what it does is inferred.
  'apdp.ime': { 'app.hung': 'VM too small: the IME hangs [INF]' },
  'apdp.win32Apps': { 'app.failed': 'An app in the policy fails' },
  'user.apdpError': { 'user.retry': 'User presses Retry' },
};

/**
 * A user's event where the one who acts is not a user (attributed(), src/engine/observers.ts, gives each event who acts
 * in the state it arrives in): in the technician flow of pre-provisioning the technician sits through the OOBE pages
 * (§2.3 T1); a self-deploying flow has no user (§2.6: no user can be assigned, TPM attestation stands in for one), so
 * whoever answers its OOBE pages or presses a button on its ESP error page is someone at the device, not its user.
 */
export const EVENT_LABELS_BY_WHO: { readonly [W in Source]?: Partial<Record<EventType, string>> } = {
  technician: {
    'user.regionAndKeyboardChosen': 'Technician picks region and keyboard',
    'user.wifiJoined': 'Technician joins Wi-Fi',
  },
  person: {
    'user.regionAndKeyboardChosen': 'Someone picks region and keyboard',
    'user.wifiJoined': 'Someone joins Wi-Fi',
    'user.oobePagesCompleted': 'Someone finishes the OOBE pages',
    'user.retry': 'Someone presses Try again',
    'user.resetDevice': 'Someone presses Reset',
    'user.continueAnyway': 'Someone presses Continue anyway',
    'user.collectLogs': 'Someone presses Collect logs',
    'user.gaveUp': 'Someone gives up',
  },
};

/** Each guard as the condition it checks, when true and when false. */
export const GUARD_LABELS: Record<string, { yes: string; no: string }> = {
  isHybrid: { yes: 'if hybrid join', no: 'if Entra join' },
  espShown: { yes: 'if the ESP is shown', no: 'if the ESP is off' },
  deviceStatusPageShown: { yes: 'if the device ESP is shown', no: 'if the device ESP is off or skipped' },
  skipsAdConnectivityCheck: { yes: 'if the AD check is skipped', no: 'if the AD check runs' },
  qualityUpdatesApply: { yes: 'if quality updates install', no: 'if no quality updates' },
  userEspRuns: { yes: 'if the user ESP runs', no: 'if the user ESP is skipped' },
  espAllowsReset: { yes: 'if the ESP allows reset', no: 'if the ESP does not allow reset' },
  espAllowsContinue: { yes: 'if the ESP allows continue anyway', no: 'if the ESP does not allow continue anyway' },
  espAllowsLogCollection: { yes: 'if the ESP allows collecting logs', no: 'if the ESP does not allow collecting logs' },
  credentialsLost: { yes: 'if the password must be entered again', no: 'if the password is still known' },
  kioskAutologon: { yes: 'if a kiosk signs in by itself', no: 'if no kiosk autologon' },
  isLocalReset: { yes: 'if a local reset', no: 'if a remote reset' },
  technicianNeedsDc: { yes: 'if the technician needs a domain controller', no: 'if no domain controller is needed' },
  speedUpTaskSequence: { yes: 'if the task sequence is sped up', no: 'if the task sequence runs in full' },
  endsWithShutdown: { yes: 'if the task sequence ends with a shutdown', no: 'if it ends with a restart' },
  modeIs: { yes: 'if the profile is {0}', no: 'if the profile is not {0}' },
  noAutopilotProfile: { yes: 'if no Autopilot profile', no: 'if an Autopilot profile was downloaded' },
  automaticMode: { yes: 'if Windows 365 automatic mode', no: 'if user-driven' },
  continuesAutomatically: { yes: 'if the policy continues automatically', no: 'if the user presses Continue' },
  mayContinueAnyway: { yes: 'if skipping is allowed after a retry', no: 'if skipping is not allowed yet' },
  cloudPcAccessDenied: { yes: 'if access is denied on failure', no: 'if access is not denied on failure' },
};

/** The timers (XState delays) by name. */
export const DELAY_LABELS: Record<string, string> = {
  espDeviceTimeout: 'The device ESP times out',
  espUserTimeout: 'The user ESP times out',
  devicePreparationTimeout: 'The device preparation policy times out',
};

/**
 * An event type in words: 'user.resetDevice' -> 'User presses Reset device'; timers by their delay. `wait`: what the
 * state the event arrives in waits on, for the events worded by where they happen (EVENT_LABELS_BY_WAIT); `who`: who
 * acts there (attributed()), for a user's event that someone else causes (EVENT_LABELS_BY_WHO: 'Someone presses Try
 * again' on a self-deploying device).
 */
export function eventName(type: string, wait?: Wait | null, who?: Source | 'engine' | null): string {
  if (type === '') return '';
  if (type.startsWith('xstate.after.')) {
    const delay = type.slice('xstate.after.'.length).split('.')[0]!;
    return DELAY_LABELS[delay] ?? (/^\d+$/.test(delay) ? `After ${Math.round(Number(delay) / 60_000)} min` : `Timer ${delay}`);
  }
  if (type.startsWith('xstate.done.')) return 'When done';
  const byWho = who && who !== 'engine' ? (EVENT_LABELS_BY_WHO[who] as Record<string, string> | undefined)?.[type] : undefined;
  if (byWho) return byWho;
  const here = wait ? (EVENT_LABELS_BY_WAIT[wait] as Record<string, string> | undefined)?.[type] : undefined;
  return here ?? (EVENT_LABELS as Record<string, string>)[type] ?? type;
}

/**
 * A guard as a condition in words. Takes the guard's written form as the layout reads it
 * ('espAllowsReset', '!userEspRuns', 'a && b', 'modeIs(pre-provisioned)').
 */
export function conditionText(guard: string | null): string | null {
  if (!guard) return null;
  const parts = guard.split(/\s*(&&|\|\|)\s*/);
  const words = parts.map((p) => {
    if (p === '&&') return 'and';
    if (p === '||') return 'or';
    const negated = p.startsWith('!');
    const body = negated ? p.slice(1) : p;
    const m = /^([A-Za-z0-9_]+)(?:\((.*)\))?$/.exec(body);
    const g = m ? GUARD_LABELS[m[1]!] : undefined;
    if (!g) return `if ${negated ? 'not ' : ''}${body}`;
    const text = (negated ? g.no : g.yes).replace('{0}', m![2] ?? '');
    return text;
  });
  // 'if a and if b' -> 'if a and b'
  return words.map((w, i) => (i > 0 && w.startsWith('if ') ? w.slice(3) : w)).join(' ');
}

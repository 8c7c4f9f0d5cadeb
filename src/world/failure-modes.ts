// The failure modes, each declared once: the wait whose world rule answers with it, the event
// and error id it sends, its cause as a template (`{name}` a parameter the world fills, kept
// apart by the fleet's Pareto so that one root cause is one mode), a finding it records, the
// condition in the environment that triggers it, and whether a trainer can inject it and where.
// The world's rules (src/world/index.ts, src/world/devicePreparation.ts) fail by a mode's id;
// the studio's fault panel and `play --inject` (src/engine/session.ts), the generators
// (src/capabilities/generators.ts), the spec check and the tests read this file. The phase a
// mode belongs to is the machines' fact (the `phase:*` tag of the states that wait on it):
// `phasesOf` reads it there rather than stating it again.
//
// Adding a failure mode: one entry in MODES (the id is typed, so a rule that names an unknown
// mode fails `tsc`), the rule that decides it calling `fail('<id>', ...)`, and a trigger:
// a named condition of CONDITIONS (the generators draw those) or an environment of its own.
// test/contract/failure-modes.test.ts runs every mode's trigger and injection and checks the
// run shows its error id and cause, and that every failure the world sends is a mode here.
import type { FaultId } from '../catalog/faults.ts';
import type { EventType } from '../../machines/events.ts';
import type { Wait } from '../catalog/vocabulary.ts';
import type { ErrorId } from '../catalog/errors.ts';
import type { FindingId } from '../catalog/findings.ts';
import { ENGINE_CAUSES, causeText, type CauseParams } from '../catalog/causes.ts';
import type { EnvironmentInput } from '../environment/schema.ts';
import type { Service } from './shared.ts';
import type { Tag } from '../../machines/setup.ts';

export { causeText, type CauseParams };

/** Documented conditions, each an environment change over a healthy deployment (domain §2, §8); the generators add them a few at a time. Not all fail: some shape the flow, some leave a finding. */
export const CONDITIONS = {
  'virtual machine': { hardware: { kind: 'vm', vCpus: 4, memoryGb: 8 } },
  'VM too small': { hardware: { kind: 'vm', vCpus: 1, memoryGb: 2 } },
  'TPM 1.2': { hardware: { tpm: '1.2' } },
  'no TPM': { hardware: { tpm: 'none' } },
  'TPM 2.0 left in 1.2 mode': { hardware: { tpm: '2.0-in-1.2-mode' } },
  'TPM firmware vulnerable': { hardware: { tpmIssue: 'vulnerable-firmware' } },
  'no domain controller': { hybrid: { dcLineOfSight: false, vpn: 'none' }, profile: { skipAdConnectivityCheck: false } },
  'connector inactive': { hybrid: { connector: { active: false } } },
  'connector too old': { hybrid: { connector: { version: '6.2409.1000.1' } } },
  'OU quota used up': { hybrid: { ouRightsDelegated: false, computersJoinedByConnector: 10 } },
  'not registered': { registration: { registered: false } },
  'no profile assigned': { registration: { profileStatus: 'not-assigned', defaultProfile: false } },
  'user unlicensed': { identity: { userLicensed: false } },
  'Windows MDM blocked': { identity: { windowsMdmBlocked: true } },
  'Windows Home': { os: { edition: 'home' } },
  'tenant mismatch': { identity: { signInTenant: 'fabrikam.onmicrosoft.com' } },
  'registered by another tenant': { registration: { registeredByAnotherTenant: true, tenant: 'fabrikam.onmicrosoft.com' } },
  'device cap reached': { identity: { userDeviceCount: 50 } },
  'deployed before': { registration: { deployedBefore: 'self-deploying' } },
  'WinRE disabled': { reset: { winReEnabled: false } },
  'OS corrupted': { reset: { osCorrupted: true } },
  'hybrid device reset': { reset: { currentJoin: 'hybrid' } },
  'local reset not allowed': { people: { localResetAllowed: false } },
  'not enrolled in Intune': { reset: { intuneEnrolled: false } },
  'large app': { apps: [{ name: 'Engineering suite', type: 'win32', installMinutes: 200 }] },
  'app fails': { apps: [{ name: 'Flaky agent', type: 'win32', failureProbability: 1 }] },
  'reboot inside package': { apps: [{ name: 'Driver pack', type: 'win32', rebootInsidePackage: true }] },
  'Win32 and MSI mix': { apps: [{ name: 'Agent', type: 'win32' }, { name: 'Legacy MSI', type: 'msi-lob' }] },
  'clock skew': { network: { clockSkewMinutes: 30 } },
  'Autopilot service blocked': { network: { blockedEndpoints: ['autopilot'] } },
  'Intune blocked': { network: { blockedEndpoints: ['intune'] } },
  'no internet': { network: { internet: false } },
  'JSON saved as UTF-8': { existingDevices: { jsonEncoding: 'utf-8' } },
  'no Configuration Manager': { existingDevices: { configMgr: false } },
  'pre-provisioning not allowed': { profile: { allowPreProvisioning: false } },
  'user assigned to a hybrid device': { profile: { assignedUser: 'ana@contoso.com' } },
  'Entra object deleted': { registration: { entraObjectDeleted: true } },
  'user app fails': { apps: [{ name: 'Team app', type: 'win32', target: 'user', failureProbability: 1 }] },
  'user app hangs': { apps: [{ name: 'User tool', type: 'win32', target: 'user', rebootInsidePackage: true }] },
  'user site has no internet': { userFlowNetwork: { internet: false } },
  'user on Wi-Fi without internet': { userFlowNetwork: { connection: 'wifi', internet: false } },
  'user site blocks Autopilot': { userFlowNetwork: { blockedEndpoints: ['autopilot'] } },
  'user site blocks Entra': { userFlowNetwork: { blockedEndpoints: ['entra'] } },
  'apps assigned after the technician flow': {
    apps: [{ name: 'Agent', type: 'win32' }, { name: 'Later tool', type: 'win32', assignedAfterTechnicianFlow: true }, { name: 'Later driver', type: 'win32', requiresReboot: true, assignedAfterTechnicianFlow: true }],
  },
  'app assigned later hangs in the user flow': {
    apps: [{ name: 'Agent', type: 'win32' }, { name: 'Later installer', type: 'win32', rebootInsidePackage: true, assignedAfterTechnicianFlow: true }],
  },
  'non-blocking apps left for the user flow': {
    esp: { blockingApps: 'selected', selectedApps: ['Agent'], onlyFailSelectedBlockingAppsInTechnicianPhase: false },
    apps: [{ name: 'Agent', type: 'win32' }, { name: 'Later tool', type: 'win32' }],
  },
  'Entra blocked': { network: { blockedEndpoints: ['entra'] } },
  'intermittent TPM attestation': { hardware: { tpmIssue: 'intermittent' } },
  'user stuck at Identifying': { identity: { userLicensed: false, unlicensedSymptom: 'identifying-hang' } },
  'app restarts the device': { apps: [{ name: 'Firmware tool', type: 'win32', requiresReboot: true }] },
  'optional app fails': { esp: { blockingApps: 'selected', selectedApps: ['Agent'] }, apps: [{ name: 'Agent', type: 'win32' }, { name: 'Optional tool', type: 'store', failureProbability: 1 }] },
  'user flow after six months': { people: { hoursBetweenFlows: 5000 } },
  'technician flow needs a DC (2023 reading)': { readings: { technicianFlowNeedsDc: true } },
  'technician without a DC, 2023 reading': { readings: { technicianFlowNeedsDc: true }, hybrid: { dcLineOfSight: false, vpn: 'none' }, profile: { skipAdConnectivityCheck: false } },
  'Microsoft 365 Apps beside Win32': { apps: [{ name: 'Agent', type: 'win32' }, { name: 'Microsoft 365 Apps', type: 'm365' }] },
  'VPN needs a user certificate': { hybrid: { dcLineOfSight: false, vpn: 'user-certificate' }, profile: { skipAdConnectivityCheck: true } },
  'no VPN at home, check skipped': { hybrid: { dcLineOfSight: false, vpn: 'none' }, profile: { skipAdConnectivityCheck: true } },
  'logon or UAC policy conflict': { policies: { interactiveLogonOrUacConflict: true } },
  'Conditional Access blocks Intune Enrollment': { identity: { conditionalAccess: ['blocks-intune-enrollment'] } },
  'UPN suffix not routable': { identity: { upnSuffixRoutable: false } },
  'legacy Intune PC agent': { identity: { legacyPcAgentInstalled: true } },
  'Windows 11 attestation bug': { os: { windows: 11, version: '21H2' }, hardware: { tpmIssue: 'win11-bug' } },
  'AMD firmware TPM bug': { hardware: { tpmVendor: 'amd', tpmIssue: 'amd-ftpm-firmware' } },
  'Infineon SLB9672 firmware': { hardware: { tpmIssue: 'infineon-slb9672' } },
  'motherboard replaced': { hardware: { motherboardReplaced: true } },
  'several MDM configurations on an old build': { identity: { multipleMdmConfigurations: true }, os: { updatedSince2020: false } },
  'another user enrolled the device': { registration: { existingEnrollment: 'another-user' } },
  'leftover enrollment': { registration: { existingEnrollment: 'leftover' } },
  'unlicensed: account not allowed': { identity: { userLicensed: false, unlicensedSymptom: 'account-not-allowed' } },
  'unlicensed: MDM enrollment fails': { identity: { userLicensed: false, unlicensedSymptom: '80180018' } },
  'profile deleted': { registration: { profileStatus: 'deleted', defaultProfile: false } },
  'OU given as CN=Computers': { hybrid: { ouDistinguishedName: 'CN=Computers,DC=contoso,DC=com' } },
  'wlidsvc disabled': { policies: { wlidsvcDisabled: true } },
  'smart card sign-in': { identity: { signInMethod: 'smart-card' } },
  'assigned user with a wrong UPN': { profile: { assignedUser: 'anna@contoso.com', assignedUserUpnCorrect: false } },
  'Temporary Access Pass with web sign-in': { identity: { signInMethod: 'temporary-access-pass', webSignIn: true } },
  'password mistyped twice': { identity: { invalidCredentialAttempts: 2 } },
  'DeviceLock policy': { policies: { deviceLock: true } },
  // Device preparation: not associated, so a registered device runs classic Autopilot and meets this fault there.
  'DeviceLock policy and a device-setup restart': { policies: { deviceLock: true }, apps: [{ name: 'Firmware tool', type: 'win32', requiresReboot: true }], devicePreparation: { associated: false } },
  // Pre-provisioning: the restart comes in the user flow's device setup, after the user's credentials (the technician's come before any).
  'DeviceLock policy and a restart in the user flow': { policies: { deviceLock: true }, apps: [{ name: 'Later firmware', type: 'win32', requiresReboot: true, assignedAfterTechnicianFlow: true }] },
  'Exchange ActiveSync policy': { policies: { exchangeActiveSync: true } },
  'Store unreachable': { network: { blockedEndpoints: ['store'] }, apps: [{ name: 'Company Portal', type: 'store' }] },
  // W21: OOBE carries on without the quality updates the ESP asks for (no failure: §3.2 documents none).
  'Windows Update unreachable': { network: { blockedEndpoints: ['windows-update'] }, esp: { installQualityUpdates: true }, os: { windows: 11 } },
  'UEFI Lock baseline on 1909': { reset: { uefiLockBaseline: true }, os: { version: '1909', windows: 10 } },
  'recovery environment not found': { reset: { recoveryEnvironmentMessage: true, winReEnabled: false } },
  'recovery message with WinRE fine': { reset: { recoveryEnvironmentMessage: true } },
  'user flow 30 minutes after reseal': { people: { hoursBetweenFlows: 0.5 } },
  'Store app under compliant-device Conditional Access': { identity: { conditionalAccess: ['compliant-device-for-all-apps'] }, apps: [{ name: 'Company Portal', type: 'store' }] },
  // Device preparation (domain §7, §8 W57)
  'device group without the Provisioning Client owner': { devicePreparation: { deviceGroup: { provisioningClientOwner: false } } },
  'dynamic device group': { devicePreparation: { deviceGroup: { membership: 'dynamic' } } },
  'Entra local admin setting conflicts with Standard': { devicePreparation: { entraLocalAdmin: 'none' } },
  'no device preparation policy for the user': { devicePreparation: { policies: [{ targetsUser: false }] } },
  'personal enrollment blocked, no corporate identifier': { identity: { personalEnrollmentBlocked: true }, devicePreparation: { corporateIdentifier: false, associated: false } },
  'Windows 11 23H2 without the March 2024 update': { os: { windows: 11, version: '23H2', march2024Update: false } },
  'device preparation script fails': { devicePreparation: { policies: [{ scripts: [{ name: 'Set-Baseline.ps1', failureProbability: 1 }] }] } },
  'device preparation app fails': { apps: [{ name: 'Flaky agent', type: 'msi-lob', failureProbability: 1 }] },
  'LOB installer restarts the device': { apps: [{ name: 'Driver MSI', type: 'msi-lob', rebootInsidePackage: true }] },
  'stuck at 100 %': { devicePreparation: { stuckAt100Share: 1 } },
  'DeviceLock policy and a restart at 100 %': { policies: { deviceLock: true }, devicePreparation: { stuckAt100Share: 1 } },
  'short device preparation timeout': { devicePreparation: { policies: [{ timeoutMinutes: 15 }] }, apps: [{ name: 'Engineering suite', type: 'win32', installMinutes: 40 }] },
  'Cloud PC access denied on failure': { devicePreparation: { cloudPcAccessDeniedOnFailure: true, policies: [{ scripts: [{ name: 'Set-Baseline.ps1', failureProbability: 1 }] }] } },
  // Issue 12: the exits and conditions added last (domain §2.1 U5, U9, §2.2, §2.3 T8, §2.6, §3.2, §3.3, §8 W55)
  'IME install error': { esp: { imeInstallFails: true } },
  'AppLocker CSP policy': { policies: { appLockerCsp: true } },
  'AppLocker CSP and DeviceLock policies': { policies: { appLockerCsp: true, deviceLock: true } },
  'co-management': { coManagement: { enabled: true } },
  'co-management client cannot install': { coManagement: { enabled: true, clientInstalls: false } },
  'user leaves the ESP early': {
    esp: { blockDeviceUse: false },
    people: { leavesEspEarly: true },
    apps: [{ name: 'Agent', type: 'win32' }, { name: 'Team app', type: 'win32', target: 'user' }, { name: 'Later tool', type: 'win32', assignedAfterTechnicianFlow: true }],
  },
  'user-context script': { scripts: [{ name: 'Map-Drives.ps1', context: 'user' }] },
  'OU outside the Entra Connect sync scope': { hybrid: { entraConnect: { ouInSyncScope: false } } },
  'kiosk apps meant for after the ESP': {
    profile: { kioskAutologon: true },
    esp: { blockingApps: 'selected', selectedApps: ['Kiosk browser'], skipUserStatusPage: false },
    apps: [{ name: 'Kiosk browser', type: 'win32' }, { name: 'Signage player', type: 'win32' }],
  },
  // Paths the generated mixes reach only by luck: classic Autopilot taking a registered device from device preparation (§7)
  // and failing in its user ESP or at the DC check; the 2023 reading's DC check in an existing device's hybrid technician flow (§10 #1).
  'classic profile wins, stuck at Identifying': {
    registration: { registered: true, profileStatus: 'assigned' },
    devicePreparation: { associated: false },
    identity: { userLicensed: false, unlicensedSymptom: 'identifying-hang' },
  },
  'classic profile wins, a user app hangs': {
    registration: { registered: true, profileStatus: 'assigned' },
    devicePreparation: { associated: false },
    apps: [{ name: 'User tool', type: 'win32', target: 'user', rebootInsidePackage: true }],
  },
  'classic profile wins, a user app fails': {
    registration: { registered: true, profileStatus: 'assigned' },
    devicePreparation: { associated: false },
    apps: [{ name: 'Team app', type: 'win32', target: 'user', failureProbability: 1 }],
  },
  'classic hybrid profile wins, no domain controller': {
    registration: { registered: true, profileStatus: 'assigned' },
    devicePreparation: { associated: false },
    profile: { joinType: 'hybrid', skipAdConnectivityCheck: false },
    hybrid: { dcLineOfSight: false, vpn: 'none' },
  },
  'hybrid technician flow checks for a DC (2023 reading)': { readings: { technicianFlowNeedsDc: true }, profile: { joinType: 'hybrid' }, existingDevices: { jsonProfile: { joinType: 'hybrid' } } },
} as const satisfies Record<string, EnvironmentInput>;
export type ConditionName = keyof typeof CONDITIONS;

/** Where and how a trainer can inject a mode: the fault panel's id and label, at these waits (the mode's own waits when not given). */
export interface Injection {
  /** The fault panel's id, from the catalogue's vocabulary (src/catalog/faults.ts). */
  id: FaultId;
  label: string;
  at?: readonly Wait[];
  /** The parameters the injected event's reason is filled with (a reason event whose cause has parameters). */
  params?: CauseParams;
  /** Offered only in a state with this tag, as the world's rule reads it: a failure of the technician flow, not of a self-deploying device at the same wait. */
  tag?: Tag;
  /**
   * Offered only once the run has passed one of these events since the device last shipped (Reseal): what the world
   * remembers of the run and its rule needs (src/world/index.ts): a Reset before the retry's attestation, a restart in
   * device setup before autologon. test/contract/failure-modes.test.ts checks that the world's own answer follows one.
   */
  after?: readonly EventType[];
  /** Not offered once the run has passed one of these since the device last shipped: what the world answered there rules it out (a domain controller the AD connectivity check reached). */
  notAfter?: readonly EventType[];
}

export interface FailureMode {
  /** The waits whose world rule answers with this mode (the world's table, src/world/index.ts). */
  waits: readonly Wait[];
  /** The event the world sends. */
  event: EventType;
  /** The catalogue's error id the event carries (failure events). */
  code?: ErrorId;
  /** A reason event's fixed reason (otherwise the filled cause is the reason). */
  reason?: string;
  /** The condition in words; `{name}` is a parameter the rule fills. */
  cause: string;
  /** 'detail': a detour the flow takes without failing (a mistyped password): the text is the step's detail, not a cause. */
  text?: 'detail';
  /** What the deployment gets wrong with it (src/catalog/findings.ts). */
  finding?: FindingId;
  /** 'apart': the fleet reads the cause's values apart from it, so every value is one mode (the queue's length, the app's name); otherwise each filled cause is its own row, as a fixed one is. */
  values?: 'apart';
  /** What makes the world choose it: a named condition, an environment of its own (over a healthy base of one of `scenarios`), or what the fleet around the device does (src/world/shared.ts). */
  trigger: ConditionName | { env: EnvironmentInput; scenarios?: readonly string[] } | { shared: { incident?: Service; connectorQueueMinutes?: number }; env?: EnvironmentInput; scenarios?: readonly string[] };
  /** A trainer can inject it (src/engine/session.ts). */
  inject?: readonly Injection[];
  /**
   * The fix for this cause, where the code's catalogue remedy is for its other causes (0x80070774's 'unassign the user,
   * re-import the device, or fix the OU delegation' told a fleet whose branches had no domain controller nothing it could do).
   */
  remedy?: string;
}

const ALL_APPS: readonly Wait[] = ['esp.deviceApps', 'esp.userApps'];
/** The answers that restart the device in device setup, after the credentials (the world's `delivered`, §2.1 U6a, §3.3). */
const DEVICE_SETUP_RESTARTS: readonly EventType[] = ['app.installedRestartRequired', 'user.restartedByHand', 'esp.policyRestartRequired'];

/** Every failure mode, grouped by the wait that answers it (in the machines' order). */
export const MODES = {
  // Network (OOBE)
  'no-internet': { waits: ['network.gate'], event: 'network.unavailable', reason: 'no internet', cause: 'no internet connection', trigger: 'no internet', inject: [{ id: 'no-internet', label: 'No internet connection' }] },
  'proxy-needs-auth': { waits: ['network.gate'], event: 'network.unavailable', reason: 'proxy needs authentication', cause: 'a proxy that needs authentication before internet access: NCSI fails [INF]', trigger: { env: { network: { proxyRequiresAuth: true } } }, remedy: "Let the devices reach the internet without authenticating at the proxy, configured on the proxy server itself (pushing proxy settings through Intune isn't fully supported): the documents say only that authentication before internet access needs extra configuration (domain §5.3); exempting NCSI (*.msftconnecttest.com) and the Autopilot, Entra and Intune endpoints from authentication is that configuration [INF]." },
  // §5.3: DNS is hard, and a device whose NCSI probe fails is treated as offline [INF]; neither has a documented message.
  'dns-blocked': { waits: ['network.gate', 'user.wifi'], event: 'network.unavailable', reason: 'no internet', cause: 'DNS does not resolve internet names, so NCSI cannot prove internet reachability and the device is offline as OOBE sees it [INF]', trigger: { env: { network: { blockedEndpoints: ['dns'] } } } },
  'ncsi-blocked': { waits: ['network.gate', 'user.wifi'], event: 'network.unavailable', reason: 'no internet', cause: 'NCSI (*.msftconnecttest.com over HTTP) is blocked: Windows cannot prove internet reachability and treats the device as offline [INF]', trigger: { env: { network: { blockedEndpoints: ['ncsi'] } } } },
  'wifi-no-internet': { waits: ['user.wifi'], event: 'network.unavailable', reason: 'no internet', cause: 'the Wi-Fi network has no internet access', trigger: { env: { network: { connection: 'wifi', internet: false } }, scenarios: ['user-driven'] }, inject: [{ id: 'wifi-no-internet', label: 'The Wi-Fi network has no internet' }] },
  'user-flow-offline': { waits: ['user.wifi'], event: 'user.gaveUp', cause: 'no network reaches the internet: the pre-provisioned device cannot fall back to ordinary OOBE, and the user cannot get past "Let\'s connect you to a network" to sign in', trigger: 'user site has no internet' },
  // Profile download (§1.2, §4 events)
  'not-registered': { waits: ['profile.download'], event: 'profile.unavailable', cause: 'event 807 ZtdDeviceIsNotRegistered: the device is not registered', trigger: 'not registered', inject: [{ id: 'not-registered', label: 'Device not registered (event 807)' }], remedy: 'Register the devices: the OEM or reseller at purchase, or import their hardware hashes.' },
  'no-profile': { waits: ['profile.download'], event: 'profile.unavailable', cause: 'event 815 ZtdDeviceHasNoAssignedProfile: no profile and no All-devices profile', trigger: 'no profile assigned', inject: [{ id: 'no-profile', label: 'Profile not assigned (event 815)' }] },
  'autopilot-blocked': { waits: ['profile.download'], event: 'profile.unavailable', cause: 'the Autopilot deployment service is blocked: IsAutopilotDisabled=1', trigger: 'Autopilot service blocked', inject: [{ id: 'autopilot-blocked', label: 'Autopilot service blocked by the firewall' }] },
  'profile-deleted': { waits: ['profile.download'], event: 'profile.unavailable', cause: "event 809: the assigned profile doesn't exist (deleted without cleanup)", trigger: 'profile deleted', inject: [{ id: 'profile-deleted', label: 'Assigned profile deleted (event 809)' }] },
  'wlidsvc-disabled': { waits: ['profile.download'], event: 'profile.unavailable', cause: 'the Microsoft Account Sign-In Assistant (wlidsvc) was disabled by policy in the technician flow: no profile download, no Entra sign-in, standard OOBE with a local account', trigger: 'wlidsvc disabled' },
  'json-name': { waits: ['profile.download'], event: 'profile.unavailable', values: 'apart', cause: 'the JSON is named {fileName}, not AutopilotConfigurationFile.json, so OOBE ignores it', trigger: { env: { existingDevices: { jsonFileName: 'AutopilotConfigurationFile (1).json' } }, scenarios: ['existing-devices'] }, remedy: 'Name the file exactly AutopilotConfigurationFile.json.' },
  'json-encoding': { waits: ['profile.download'], event: 'profile.unavailable', values: 'apart', cause: 'the JSON is saved as {encoding}, not ASCII/ANSI, so OOBE ignores it', trigger: 'JSON saved as UTF-8', remedy: 'Save AutopilotConfigurationFile.json as ASCII/ANSI (not with Out-File, which writes Unicode).' },
  'json-deleted-by-capture': { waits: ['profile.download'], event: 'profile.unavailable', cause: 'the "Prepare Windows for Capture" step ran sysprep /generalize and deleted the JSON', trigger: { env: { existingDevices: { prepareWindowsForCaptureStep: true, speedUp: false } }, scenarios: ['existing-devices'] } },
  'hash-mismatch': { waits: ['profile.download'], event: 'profile.unavailable', cause: 'event 908 SerialNumberMismatch: the hardware hash no longer matches (motherboard or TPM replaced)', trigger: 'motherboard replaced' },
  'profile-assigning': { waits: ['profile.download'], event: 'profile.unavailable', cause: 'event 815 ZtdDeviceHasNoAssignedProfile: the profile is still Assigning', trigger: { env: { registration: { profileStatus: 'assigning', defaultProfile: false } } } },
  // Sign-in and Entra join (§1.3, §4)
  'registered-by-another-tenant': { waits: ['entra.authenticate'], event: 'entra.profileNotApplied', cause: 'the device is registered to {registeredTenant}, not the user\'s organisation: the sign-in goes to the user\'s home tenant, the tenants do not match, and the profile is not applied', trigger: 'registered by another tenant' },
  'tenant-mismatch': { waits: ['entra.authenticate'], event: 'entra.tenantMismatch', code: 'TENANT_MISMATCH', cause: 'the user signs into {tenant} but the device is registered to {registeredTenant}', trigger: 'tenant mismatch', inject: [{ id: 'tenant-mismatch', label: 'User signs into another tenant' }] },
  'idp-blocked': { waits: ['entra.authenticate'], event: 'entra.joinFailed', code: 'OOBEIDPS', cause: 'a proxy or firewall blocks the identity provider', trigger: 'Entra blocked', inject: [{ id: 'idp-blocked', label: 'Proxy blocks the identity provider' }] },
  'assigned-user-wrong-upn': { waits: ['entra.authenticate'], event: 'entra.joinFailed', code: 'ASSIGNED_USER_WRONG_UPN', cause: 'the user assigned to the device, {assignedUser}, is a wrong UPN the import accepted (it checks only the domain part): the device is unusable until the assignment is removed, and the notes give no screen or code [INF]', trigger: 'assigned user with a wrong UPN', remedy: 'Remove the user assignment from the Autopilot device (then assign the right UPN if one is wanted), and start OOBE again.' },
  'wrong-password': { waits: ['entra.authenticate'], event: 'entra.invalidCredentials', text: 'detail', cause: 'Your account or password is incorrect: the user tries again', trigger: 'password mistyped twice', inject: [{ id: 'wrong-password', label: 'User mistypes the password' }] },
  'smart-card': { waits: ['entra.authenticate'], event: 'entra.joinFailed', code: 'SIGN_IN_METHOD_UNSUPPORTED', cause: 'smart card and certificate-based authentication are not supported in OOBE', trigger: 'smart card sign-in', inject: [{ id: 'smart-card', label: 'User signs in with a smart card' }] },
  'tap-hybrid': { waits: ['entra.authenticate'], event: 'entra.joinFailed', code: 'SIGN_IN_METHOD_UNSUPPORTED', cause: 'a Temporary Access Pass does not work for hybrid join', trigger: { env: { identity: { signInMethod: 'temporary-access-pass', webSignIn: true }, profile: { joinType: 'hybrid' } }, scenarios: ['user-driven'] } },
  'tap-needs-web-sign-in': { waits: ['entra.authenticate'], event: 'entra.joinFailed', code: 'SIGN_IN_METHOD_UNSUPPORTED', cause: 'a Temporary Access Pass needs web sign-in', trigger: { env: { identity: { signInMethod: 'temporary-access-pass', webSignIn: false } }, scenarios: ['user-driven'] } },
  'tap-web-sign-in-removed': { waits: ['entra.authenticate'], event: 'entra.joinFailed', code: 'SIGN_IN_METHOD_UNSUPPORTED', cause: 'a Temporary Access Pass needs web sign-in, and the device password policy (DeviceLock, as in a security baseline) left the pre-provisioned device without it', trigger: { env: { identity: { signInMethod: 'temporary-access-pass', webSignIn: true }, policies: { deviceLock: true }, profile: { allowPreProvisioning: true } }, scenarios: ['pre-provisioned'] } },
  'user-may-not-join': { waits: ['entra.userJoin'], event: 'entra.joinFailed', code: '801C0003', cause: 'the user may not join devices to Entra ID', trigger: { env: { identity: { userMayJoin: false } }, scenarios: ['user-driven'] } },
  'user-may-not-join-user-flow': { waits: ['entra.authenticate'], event: 'entra.joinFailed', code: '801C0003', cause: 'the user may not join devices to Entra ID, which pre-provisioning needs as user-driven does: the user flow\'s sign-in is refused [INF]', trigger: { env: { identity: { userMayJoin: false }, profile: { allowPreProvisioning: true } }, scenarios: ['pre-provisioned'] } },
  'device-cap': { waits: ['entra.userJoin'], event: 'entra.joinFailed', code: '801C0003', cause: 'the user already has {count} Entra devices (cap {cap})', trigger: 'device cap reached', inject: [{ id: 'device-cap', label: 'User reached the Entra device limit' }] },
  'entra-incident': { waits: ['entra.authenticate', 'entra.userJoin', 'entra.deviceJoin'], event: 'entra.joinFailed', code: 'SOMETHING_WENT_WRONG', cause: 'a Microsoft Entra incident', trigger: { shared: { incident: 'entra' }, scenarios: ['user-driven'] } },
  // The user's MDM enrollment (§1.3, §4)
  'personal-enrollment-blocked': { waits: ['mdm.userEnroll'], event: 'mdm.enrollmentFailed', code: 'PERSONAL_ENROLLMENT_BLOCKED', cause: 'personal enrollment is blocked, which existing devices cannot work with on an unregistered device (the notes give the requirement, not what fails) [INF]', trigger: { env: { identity: { personalEnrollmentBlocked: true }, registration: { registered: false } }, scenarios: ['existing-devices'] } },
  'apdp-personal-device': { waits: ['mdm.userEnroll'], event: 'mdm.enrollmentFailed', code: '0x80180014', cause: 'personal enrollment is blocked and the device has neither a corporate identifier nor a device association: Intune sees a personal device [INF]', trigger: 'personal enrollment blocked, no corporate identifier' },
  'upn-not-routable': { waits: ['mdm.userEnroll'], event: 'mdm.enrollmentFailed', code: '0x8018002b', cause: 'the UPN suffix is unverified or non-routable', trigger: 'UPN suffix not routable' },
  'no-licence': { waits: ['mdm.userEnroll'], event: 'mdm.enrollmentFailed', code: 'MDM_TERMS_OF_USE', cause: 'the user has no Intune licence', trigger: 'user unlicensed', inject: [{ id: 'no-licence', label: 'User has no Intune licence' }] },
  'mdm-blocked': { waits: ['mdm.userEnroll', 'mdm.deviceEnroll', 'w365.enroll'], event: 'mdm.enrollmentFailed', code: '0x80180014', cause: 'Windows (MDM) is blocked by an enrollment restriction', trigger: 'Windows MDM blocked', inject: [{ id: 'mdm-blocked', label: 'Windows MDM blocked by an enrollment restriction', at: ['mdm.userEnroll'] }, { id: 'cloud-pc-mdm-blocked', label: 'Windows MDM blocked by an enrollment restriction', at: ['w365.enroll'] }] },
  'mdm-scope-none-device': { waits: ['mdm.deviceEnroll'], event: 'mdm.enrollmentFailed', code: '0x8018002b', cause: 'the MDM user scope is None, so automatic MDM enrollment is off and the device cannot enroll with its device token either [INF]', trigger: { env: { identity: { mdmUserScope: 'none' } }, scenarios: ['self-deploying'] } },
  'mdm-scope': { waits: ['mdm.userEnroll'], event: 'mdm.enrollmentFailed', code: '0x8018002b', cause: 'the MDM user scope does not include the user', trigger: { env: { identity: { mdmUserScope: 'none' } }, scenarios: ['user-driven'] }, inject: [{ id: 'mdm-scope', label: 'MDM user scope does not include the user' }] },
  'home-edition': { waits: ['mdm.userEnroll', 'mdm.deviceEnroll', 'w365.enroll'], event: 'mdm.enrollmentFailed', code: '0x80180022', cause: 'Windows Home is not supported', trigger: 'Windows Home', inject: [{ id: 'home-edition', label: 'Windows Home edition', at: ['mdm.userEnroll'] }] },
  'ca-blocks-enrollment': { waits: ['mdm.userEnroll'], event: 'mdm.enrollmentFailed', code: 'CA_BLOCKS_ENROLLMENT', cause: 'a Conditional Access policy blocks the Microsoft Intune Enrollment cloud app (not excluded)', trigger: 'Conditional Access blocks Intune Enrollment', inject: [{ id: 'ca-blocks-enrollment', label: 'Conditional Access blocks Intune Enrollment' }] },
  'account-not-allowed': { waits: ['mdm.userEnroll'], event: 'mdm.enrollmentFailed', code: 'ACCOUNT_NOT_ALLOWED', cause: 'the user has no Intune licence', trigger: 'unlicensed: account not allowed', inject: [{ id: 'account-not-allowed', label: '"This account is not allowed on this phone" (no licence)' }] },
  'no-licence-enrollment': { waits: ['mdm.userEnroll'], event: 'mdm.enrollmentFailed', code: '80180018', cause: 'the user has no Intune licence, or a wrong one: MDM enrollment fails', trigger: 'unlicensed: MDM enrollment fails' },
  'already-enrolled': { waits: ['mdm.userEnroll'], event: 'mdm.enrollmentFailed', code: '8018000a', cause: 'another user already joined or enrolled the device', trigger: 'another user enrolled the device', inject: [{ id: 'already-enrolled', label: 'Another user already enrolled the device' }] },
  'leftover-enrollment': { waits: ['mdm.userEnroll'], event: 'mdm.enrollmentFailed', code: '0x8007064c', cause: 'a previous enrollment, a cloned image or a leftover certificate is on the device', trigger: 'leftover enrollment', inject: [{ id: 'machine-enrolled', label: 'Leftover enrollment or cloned image' }] },
  'device-cap-enrollment': { waits: ['mdm.userEnroll'], event: 'mdm.enrollmentFailed', code: '80180018', cause: 'the user already has {count} Entra devices (cap {cap}): MDM enrollment fails with too many devices (readings.deviceCapCode 80180018)', trigger: { env: { identity: { userDeviceCount: 50 }, readings: { deviceCapCode: '80180018' } }, scenarios: ['user-driven'] } },
  'legacy-pc-agent': { waits: ['mdm.userEnroll'], event: 'mdm.enrollmentFailed', code: '80180026', cause: 'the legacy Intune PC agent is installed', trigger: 'legacy Intune PC agent' },
  'intune-blocked': { waits: ['mdm.userEnroll', 'mdm.deviceEnroll', 'w365.enroll'], event: 'mdm.enrollmentFailed', code: '80180018', cause: 'the Intune endpoints are blocked [INF]', trigger: 'Intune blocked' },
  'intune-incident': { waits: ['mdm.userEnroll', 'mdm.deviceEnroll'], event: 'mdm.enrollmentFailed', code: '80180018', cause: 'an Intune incident', trigger: { shared: { incident: 'intune' }, scenarios: ['user-driven'] } },
  'autopilot-incident': { waits: ['profile.download'], event: 'profile.unavailable', reason: 'incident', cause: 'an Autopilot deployment service incident', trigger: { shared: { incident: 'autopilot' }, scenarios: ['user-driven'] } },
  // Hybrid join: the connector, the domain controller (§2.2)
  'connector-queue': { waits: ['connector.odj'], event: 'connector.odjFailed', code: '0x80070774', values: 'apart', cause: "the connector's queue is {minutes} minutes long (more requests than it serves)", trigger: { shared: { connectorQueueMinutes: 45 }, env: { profile: { joinType: 'hybrid' } }, scenarios: ['user-driven'] }, remedy: "Add Intune Connectors for the domain (one, or more for redundancy, per domain) or spread the rollout: the queue is the fleet's own demand on them, and the connector's warning gives the capacity or window that clears it [INF]" },
  'no-domain-join-profile': { waits: ['connector.odj'], event: 'connector.odjFailed', code: '0x80070774', cause: 'no Domain Join profile is assigned [INF]', trigger: { env: { hybrid: { domainJoinProfileAssigned: false }, profile: { joinType: 'hybrid' } }, scenarios: ['user-driven'] }, remedy: 'Assign a Domain Join configuration profile to the devices.' },
  'domain-join-profile-group': { waits: ['connector.odj'], event: 'connector.odjFailed', code: '0x80070774', cause: 'the Domain Join profile targets a device group, and the unregistered device deployed from its JSON has no Entra device object in any group: for existing devices it must target All Devices [INF]', trigger: { env: { registration: { registered: false }, existingDevices: { jsonProfile: { joinType: 'hybrid' } }, hybrid: { domainJoinProfileTarget: 'device-group' } }, scenarios: ['existing-devices'] } },
  'user-assigned-hybrid': { waits: ['connector.odj'], event: 'connector.odjFailed', code: '0x80070774', cause: 'a user is assigned to a hybrid device, which triggers an Entra join that blocks the domain join', trigger: 'user assigned to a hybrid device' },
  'connector-object-deleted': { waits: ['connector.odj'], event: 'connector.odjFailed', code: '0x80070774', cause: 'the Entra object of the Autopilot device was deleted', trigger: 'Entra object deleted' },
  'no-connector': { waits: ['connector.odj'], event: 'connector.odjFailed', code: '0x80070774', cause: 'no Intune Connector for Active Directory serves the domain [INF]', trigger: { env: { hybrid: { connector: { present: false } }, profile: { joinType: 'hybrid' } }, scenarios: ['user-driven'] }, remedy: 'Install an Intune Connector for Active Directory for the domain.' },
  'connector-inactive': { waits: ['connector.odj'], event: 'connector.odjFailed', code: '0x80070774', cause: 'the Intune Connector for Active Directory is inactive [INF]', trigger: 'connector inactive', inject: [{ id: 'connector-down', label: 'Intune Connector for AD down' }], remedy: 'Bring the Intune Connector for Active Directory back: running and signed in.' },
  'connector-old': { waits: ['connector.odj'], event: 'connector.odjFailed', code: '0x80070774', values: 'apart', cause: 'connector {version} is older than 6.2501.2000.5 and no longer processes requests [INF]', trigger: 'connector too old', remedy: 'Update the Intune Connector for Active Directory to 6.2501.2000.5 or later.' },
  'ou-not-dn': { waits: ['connector.odj'], event: 'connector.odjFailed', code: '0x80070774', cause: `the Domain Join profile's OU "{ou}" is not in the form it takes, a distinguished name such as OU=x,DC=contoso,DC=com with no quotes and not CN=Computers, so the join fails [INF]`, trigger: 'OU given as CN=Computers', remedy: 'Give the Domain Join profile\'s OU as a distinguished name, such as OU=x,DC=contoso,DC=com, without quotes; for the default Computers container leave it blank, not CN=Computers.' },
  'domain-name-netbios': { waits: ['connector.odj'], event: 'connector.odjFailed', code: '0x80070774', cause: 'the Domain Join profile names the domain "{domain}", a NetBIOS name, where it must be the FQDN (contoso.com), so the join fails [INF]', trigger: { env: { profile: { joinType: 'hybrid' }, hybrid: { domainName: 'CONTOSO' } }, scenarios: ['user-driven'] }, remedy: 'Give the Domain Join profile the domain\'s FQDN (contoso.com), not its NetBIOS name.' },
  'ou-no-rights': { waits: ['connector.odj'], event: 'connector.odjFailed', code: '0x80070774', values: 'apart', cause: 'connector event 30132: no "Create computer objects" right on {ou}, and without it the connector\'s account creates computer objects only in the default Computers container', trigger: { env: { profile: { joinType: 'hybrid' }, hybrid: { ouDistinguishedName: 'OU=Laptops,DC=contoso,DC=com', ouRightsDelegated: false } }, scenarios: ['user-driven'] } },
  'ou-quota': { waits: ['connector.odj'], event: 'connector.odjFailed', code: '0x80070774', cause: 'connector event 30132: no OU is given, so the computer object goes to the default Computers container, and the connector\'s account, with no "Create computer objects" right delegated, has used up its 10-computer quota there', trigger: 'OU quota used up', inject: [{ id: 'ou-rights', label: 'Connector lacks OU rights (event 30132)' }] },
  'dc-unreachable': { waits: ['dc.ping'], event: 'dc.unreachable', code: '0x80070774', cause: 'no line of sight to a domain controller', trigger: 'no domain controller', inject: [{ id: 'dc-unreachable', label: 'Domain controller unreachable' }], remedy: 'Give the devices line of sight to a domain controller before sign-in: on site, or a VPN that connects before sign-in with "Skip AD connectivity check"; or join them to Entra.' },
  'no-dc-at-logon': { waits: ['user.domainSignIn'], event: 'dc.signInFailed', code: 'DOMAIN_UNAVAILABLE', cause: 'no domain controller and no VPN at the logon screen [INF]', trigger: 'no VPN at home, check skipped', inject: [{ id: 'no-dc-at-logon', label: 'No domain controller or VPN at the logon screen', notAfter: ['dc.reachable'] }] },
  'tap-domain-logon': { waits: ['user.domainSignIn'], event: 'dc.signInFailed', code: 'SIGN_IN_METHOD_UNSUPPORTED', cause: 'a Temporary Access Pass does not work for hybrid join: the domain logon cannot take it', trigger: { env: { identity: { signInMethod: 'temporary-access-pass', webSignIn: true }, profile: { joinType: 'hybrid', allowPreProvisioning: true } }, scenarios: ['pre-provisioned'] } },
  'vpn-before-sign-in': { waits: ['user.domainSignIn'], event: 'dc.signInFailed', code: 'VPN_UNSUPPORTED', cause: 'a {vpn} VPN cannot connect before the user signs in [INF]', trigger: 'VPN needs a user certificate' },
  // Automatic sign-in after device setup (§2.1 U6a, §3.3)
  'asked-for-credentials': { waits: ['device.autoSignIn'], event: 'device.autoSignInPrompted', text: 'detail', cause: 'DeviceLock policy: Windows asks for the Entra credentials instead of signing in', trigger: 'DeviceLock policy', inject: [{ id: 'asked-for-credentials', label: 'DeviceLock policy: asked for credentials instead of signed in' }] },
  'autologon-fails': { waits: ['user.reenterCredentials'], event: 'autologon.failed', code: 'AUTOLOGON_FAILED', cause: 'a DeviceLock policy and a restart in device setup: autologon fails', trigger: 'DeviceLock policy and a device-setup restart', inject: [{ id: 'autologon-fails', label: 'DeviceLock policy and a restart in device setup: autologon fails', after: DEVICE_SETUP_RESTARTS }] },
  // TPM attestation (§2.3, §2.5, §4)
  'json-profile-attestation': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: 'JSON_PROFILE_UNSUPPORTED', cause: 'a self-deploying or pre-provisioning profile from AutopilotConfigurationFile.json: only user-driven profiles work from the JSON, and attestation needs an Autopilot device object (the documents give no failure) [INF]', trigger: { env: { registration: { profileStatus: 'not-assigned' }, existingDevices: { jsonProfile: { deploymentMode: 'self-deploying' } } }, scenarios: ['existing-devices'] } },
  'tpm-vm': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: '0x800705B4', cause: 'a virtual machine cannot attest, even with a virtual TPM', trigger: 'virtual machine', inject: [{ id: 'tpm-fails', label: 'TPM attestation fails (no TPM 2.0, a VM)' }] },
  'tpm-intermittent': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: '0x81039001', cause: 'intermittent attestation failure', trigger: 'intermittent TPM attestation', inject: [{ id: 'tpm-intermittent', label: 'Intermittent attestation failure' }] },
  'clock-skew': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: 'CLOCK_SKEW', cause: 'the clock is {minutes} minutes off', trigger: 'clock skew', inject: [{ id: 'clock-skew', label: 'Clock skew of many minutes' }] },
  'tpm-vulnerable': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: '0x81039024', cause: 'TPM firmware with known vulnerabilities', trigger: 'TPM firmware vulnerable', inject: [{ id: 'tpm-vulnerable', label: 'TPM firmware with known vulnerabilities' }] },
  'attestation-after-reset': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: 'TPM_ATTESTATION_AFTER_RESET', cause: 'the technician pressed Reset after an ESP failure: known issue, TPM attestation can fail on the retry', trigger: { env: { apps: [{ name: 'Flaky agent', type: 'win32', failureProbability: 1 }], people: { onError: 'reset', maxRetries: 2 } }, scenarios: ['pre-provisioned'] }, inject: [{ id: 'attestation-after-reset', label: 'Attestation fails on the retry after Reset', after: ['device.resetCompleted'] }] },
  'no-tpm': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: '0x800705B4', cause: 'no TPM', trigger: 'no TPM' },
  'os-too-old-attestation': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: '0x800705B4', cause: 'Windows 10 {version} is older than {minimum}, the oldest version this attestation works on (historical minimums: 1709, 1809 for hybrid): it times out', trigger: { env: { os: { windows: 10, version: '1703' } }, scenarios: ['self-deploying'] } },
  'tpm-1.2': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: '0x800705B4', cause: 'TPM 1.2: attestation needs TPM 2.0, and the build (KB4556799 or later) reports incompatible hardware rather than time out (the message\'s text is not documented) [INF]', trigger: 'TPM 1.2' },
  'tpm-1.2-old-build': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: '0x800705B4', cause: 'TPM 1.2 on a build without the 2020 updates (KB4556799): attestation needs TPM 2.0, and it times out instead of reporting incompatible hardware', trigger: { env: { hardware: { tpm: '1.2' }, os: { updatedSince2020: false } }, scenarios: ['self-deploying'] } },
  'tpm-reduced-functionality': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: '0x800705B4', cause: 'the TPM is in Reduced Functionality Mode and cannot attest, so attestation times out [INF]', trigger: { env: { hardware: { tpm: 'reduced-functionality' } }, scenarios: ['self-deploying'] } },
  'legacy-bios': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: '0x800705B4', cause: 'the firmware boots in legacy BIOS mode, and attestation needs TPM 2.0 with UEFI firmware, so it times out [INF]', trigger: { env: { hardware: { firmware: 'legacy-bios' } }, scenarios: ['self-deploying'] } },
  'attestation-endpoint-blocked': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: '0x800705B4', cause: 'the attestation endpoint *.microsoftaik.azure.net is blocked [INF]', trigger: { env: { network: { blockedEndpoints: ['tpm-attestation'] } }, scenarios: ['self-deploying'] } },
  'ftpm-ek-blocked': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: '0x800705B4', cause: 'the {vendor} firmware TPM cannot download its EK certificate (vendor URL blocked) [INF]', trigger: { env: { hardware: { tpmVendor: 'intel' }, network: { blockedEndpoints: ['ftpm-ek'] } }, scenarios: ['self-deploying'] } },
  'win11-attestation-bug': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: '0x81039023', cause: 'Windows 11 attestation bug (before the May 2022 CU)', trigger: 'Windows 11 attestation bug' },
  'amd-ftpm': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: '0x80070490', cause: 'AMD ASP firmware TPM attestation bug', trigger: 'AMD firmware TPM bug' },
  'infineon-slb9672': { waits: ['tpm.attest'], event: 'tpm.attestationFailed', code: 'TPM_ATTESTATION_TIMED_OUT', cause: 'Infineon SLB9672 firmware 15.22', trigger: 'Infineon SLB9672 firmware' },
  // The device's Entra join (self-deploying, technician flow)
  'tpm-not-2': { waits: ['entra.deviceJoin'], event: 'entra.joinFailed', code: '0x801C03EA', cause: 'the TPM can do 2.0 but is not switched to 2.0 mode', trigger: 'TPM 2.0 left in 1.2 mode', inject: [{ id: 'tpm-not-2', label: 'TPM not switched to 2.0 mode' }] },
  'entra-object-deleted': { waits: ['entra.deviceJoin'], event: 'entra.joinFailed', code: '0x801C03F3', cause: 'the Entra device object created at import was deleted', trigger: 'Entra object deleted', inject: [{ id: 'object-deleted', label: 'Entra device object deleted' }] },
  // §2.1 U3 gives "join errors" and no code for the user's join; 0x801C03F3 is the device-token join's (T6, S3, §4), the same object missing.
  'entra-object-deleted-user-join': { waits: ['entra.userJoin'], event: 'entra.joinFailed', code: '0x801C03F3', cause: 'the Entra device object created at import was deleted: the user\'s join fails (Microsoft gives 0x801C03F3 for the device-token join; for this one, no code) [INF]', trigger: { env: { registration: { entraObjectDeleted: true } }, scenarios: ['user-driven'] }, inject: [{ id: 'object-deleted', label: 'Entra device object deleted' }] },
  'conflicting-profiles': { waits: ['entra.deviceJoin'], event: 'entra.joinFailed', code: '0x801C03EA', cause: 'the device sits in two groups with different profiles', trigger: { env: { registration: { conflictingProfiles: true } }, scenarios: ['self-deploying'] } },
  'entra-blocked': { waits: ['entra.deviceJoin', 'w365.join'], event: 'entra.joinFailed', code: 'SOMETHING_WENT_WRONG', cause: 'the Entra endpoints are blocked', trigger: 'Entra blocked' },
  // The device's MDM enrollment
  'second-deployment': { waits: ['mdm.deviceEnroll'], event: 'mdm.enrollmentFailed', code: '0x80180014', cause: 'the device was already {deployed} once: Enrollment blocked for AP device by SDM One Time Limit Check', trigger: 'deployed before', inject: [{ id: 'second-deployment', label: 'Device already self-deployed or pre-provisioned once' }] },
  'preprov-not-allowed': { waits: ['mdm.deviceEnroll'], event: 'mdm.enrollmentFailed', code: '0x80180005', cause: 'the profile does not allow pre-provisioned deployment', trigger: 'pre-provisioning not allowed', inject: [{ id: 'preprov-not-allowed', label: 'Profile does not allow pre-provisioning', tag: 'flow:technician' }] },
  'multiple-mdm': { waits: ['mdm.deviceEnroll'], event: 'mdm.enrollmentFailed', code: '0xc1036501', cause: 'Entra holds several MDM configurations and the build predates the 2020 updates that tolerate it', trigger: 'several MDM configurations on an old build', inject: [{ id: 'multiple-mdm', label: 'Several MDM configurations in Entra (older build)' }] },
  // The ESP (§3)
  // Offered in a user-driven ESP only: a self-deploying or technician VM stops at attestation (0x800705B4) before this row.
  'vm-too-small': { waits: ['esp.prepare'], event: 'esp.preparationFailed', code: 'VM_MDM_PREPARATION', cause: 'a VM with {vCpus} vCPU and {memoryGb} GB (needs 2 vCPU and 4 GB)', trigger: 'VM too small', inject: [{ id: 'vm-too-small', label: 'VM below 2 vCPU / 4 GB', tag: 'flow:user' }] },
  'logon-policy-conflict': { waits: ['esp.securityPolicies'], event: 'esp.policyConflict', code: 'PREPROV_GPO_CONFLICT', cause: 'an interactive-logon or UAC policy that pre-provisioning cannot work with reaches the device', trigger: 'logon or UAC policy conflict', inject: [{ id: 'logon-policy-conflict', label: 'Interactive-logon or UAC policy that stops pre-provisioning' }] },
  // Issue 12 (domain §2.1 U5, U9, §2.2, §2.3 T8, §3.2, §3.3): the IME, forced restarts, co-management, leaving early, scripts, Entra Connect
  'technician-esp-assigned-to-users': { waits: ['esp.prepare'], event: 'esp.trackingListReady', text: 'detail', finding: 'PREPROVISIONED_HALF_CONFIGURED', cause: 'the ESP profile is assigned to users, and the technician flow evaluates only device-targeted profiles: the built-in default applies, which does not show progress, so the technician flow goes to Reseal without installing the device\'s apps and policies', trigger: { env: { esp: { assignedTo: 'users' } }, scenarios: ['pre-provisioned'] } },
  'technician-esp-off': { waits: ['esp.prepare'], event: 'esp.trackingListReady', text: 'detail', finding: 'PREPROVISIONED_HALF_CONFIGURED', cause: 'the ESP is off: the technician flow goes to Reseal without installing the device\'s apps and policies, and the device ships half-configured', trigger: { env: { esp: { enabled: false } }, scenarios: ['pre-provisioned'] } },
  'technician-device-status-page-skipped': { waits: ['esp.prepare'], event: 'esp.trackingListReady', text: 'detail', finding: 'PREPROVISIONED_HALF_CONFIGURED', cause: 'SkipDeviceStatusPage hides the device ESP, and nothing (since the 2024 pre-provisioning page) makes the technician\'s show: the technician flow goes to Reseal without installing the device\'s apps and policies [INF]', trigger: { env: { esp: { skipDeviceStatusPage: true } }, scenarios: ['pre-provisioned'] } },
  'ime-install-failed': { waits: ['esp.prepare'], event: 'esp.preparationFailed', code: 'IME_INSTALL_FAILED', cause: 'the Intune Management Extension failed to install (InstallationState=4)', trigger: 'IME install error', inject: [{ id: 'ime-install-fails', label: 'The IME fails to install (InstallationState=4)' }] },
  // §2.1 fork, §3.2: with the device ESP hidden the same work fails behind the desktop; the notes give no outcome, so a finding [INF].
  // Not injectable: an injected answer carries no finding, and the same event would change nothing in the run.
  // §3.2 (fixed 2020) [DOC-OLD]: with the ESP off, builds without the 2020 updates failed device setup for pre-provisioning and self-deploying; no code, no step documented [INF].
  'esp-off-old-build': { waits: ['esp.prepare'], event: 'esp.preparationFailed', code: 'ESP_OFF_OLD_BUILD', cause: 'the ESP is off on a build without the 2020 updates, which failed pre-provisioning\'s device setup with it off (fixed 2020; the notes give no code) [INF]', trigger: { env: { esp: { enabled: false }, os: { updatedSince2020: false } }, scenarios: ['pre-provisioned'] } },
  'esp-off-old-build-behind-end-screen': { waits: ['esp.preparationBehindDesktop'], event: 'esp.trackingListReady', text: 'detail', finding: 'SETUP_FAILED_BEHIND_END_SCREEN', cause: 'the ESP is off on a build without the 2020 updates, which failed self-deploying\'s device setup with it off (fixed 2020): it fails behind the end screen, with no ESP to show it [INF]', trigger: { env: { esp: { enabled: false }, os: { updatedSince2020: false } }, scenarios: ['self-deploying'] } },
  'vm-too-small-behind-desktop': { waits: ['esp.preparationBehindDesktop'], event: 'esp.trackingListReady', text: 'detail', finding: 'PREPARATION_FAILED_BEHIND_DESKTOP', cause: 'a VM with {vCpus} vCPU and {memoryGb} GB (needs 2 vCPU and 4 GB): preparing the device for mobile management fails behind the desktop, with no ESP to show it [INF]', trigger: { env: { hardware: { kind: 'vm', vCpus: 1, memoryGb: 2 }, esp: { enabled: false } }, scenarios: ['user-driven'] } },
  'ime-install-failed-behind-desktop': { waits: ['esp.preparationBehindDesktop'], event: 'esp.trackingListReady', text: 'detail', finding: 'PREPARATION_FAILED_BEHIND_DESKTOP', cause: 'the Intune Management Extension failed to install behind the desktop (InstallationState=4), with no ESP to show it [INF]', trigger: { env: { esp: { imeInstallFails: true, enabled: false } }, scenarios: ['user-driven'] } },
  'applocker-technician': { waits: ['esp.securityPolicies'], event: 'esp.policyConflict', code: 'APPLOCKER_CSP_REBOOT', cause: "AppLocker CSP policies force a restart in the technician's device setup: pre-provisioning cannot go on", trigger: 'AppLocker CSP policy', inject: [{ id: 'applocker-reboot', label: 'AppLocker CSP forces a restart (pre-provisioning fails)' }] },
  'applocker-restart': { waits: ['esp.securityPolicies'], event: 'esp.policyRestartRequired', text: 'detail', cause: 'AppLocker CSP policies force a restart in device setup', trigger: 'AppLocker CSP policy' },
  'co-management-hybrid': { waits: ['esp.deviceApps'], event: 'app.hung', code: 'ESP_TIMEOUT', cause: 'co-management: the Configuration Manager client cannot install during hybrid user-driven provisioning, so the ESP waits for it [INF]', trigger: { env: { coManagement: { enabled: true }, profile: { joinType: 'hybrid' } }, scenarios: ['user-driven'] } },
  'co-management-unreachable': { waits: ['esp.deviceApps'], event: 'app.hung', code: 'ESP_TIMEOUT', cause: 'co-management: the Configuration Manager client cannot install or reach its management point, so the ESP waits for it [INF]', trigger: 'co-management client cannot install' },
  'left-esp-early': { waits: ALL_APPS, event: 'user.leftEsp', text: 'detail', finding: 'ESP_LEFT_EARLY', cause: 'the user leaves the ESP before setup finishes (Block device use = No): {count} still installing at the desktop', trigger: 'user leaves the ESP early' },
  'user-script-not-run': { waits: ['esp.userApps'], event: 'esp.allAppsDone', text: 'detail', finding: 'USER_SCRIPT_NOT_RUN', cause: "{script} runs with the logged-on user's credentials and did not run during the ESP", trigger: 'user-context script' },
  'hybrid-out-of-sync-scope': { waits: ['esp.userIdentifying'], event: 'esp.trackingListReady', text: 'detail', finding: 'HYBRID_OBJECT_NOT_SYNCED', cause: "the Domain Join profile's OU is outside Entra Connect's sync scope: the hybrid device object never appears", trigger: 'OU outside the Entra Connect sync scope' },
  'hybrid-not-synced-yet': { waits: ['esp.userIdentifying'], event: 'esp.trackingListReady', text: 'detail', finding: 'HYBRID_OBJECT_NOT_SYNCED', cause: 'Entra Connect has not synced the computer object yet ({minutes} minutes since the offline domain join)', trigger: { env: { profile: { joinType: 'hybrid' }, hybrid: { entraConnect: { syncIntervalMinutes: 180 } } }, scenarios: ['user-driven'] } },
  'ime-certificates-expired': { waits: ['esp.deviceApps'], event: 'app.failed', code: 'IME_DETECTION_NOT_COMPUTED', cause: 'user flow more than 6 months after the technician flow: IME certificates expired', trigger: 'user flow after six months' },
  'app-failed': { waits: ALL_APPS, event: 'app.failed', code: 'ESP_APP_FAILED', values: 'apart', cause: '{app} failed to install', trigger: 'app fails', inject: [{ id: 'app-fails', label: 'A blocking app fails to install', at: ['esp.deviceApps'] }, { id: 'app-fails', label: 'A blocking user app fails to install', at: ['esp.userApps'] }] },
  'win32-msi-clash': { waits: ALL_APPS, event: 'app.failed', code: 'ANOTHER_INSTALLATION_IN_PROGRESS', cause: 'Win32 and MSI line-of-business apps in the same ESP phase (TrustedInstaller clash)', trigger: 'Win32 and MSI mix', inject: [{ id: 'win32-msi', label: 'Win32 and MSI apps clash', at: ['esp.deviceApps'] }] },
  'apdp-store-unreachable': { waits: ['apdp.win32Apps'], event: 'app.failed', code: 'APDP_APP_FAILED', cause: '{app} comes from the Microsoft Store, which is unreachable: the notes give no Store apps, not how a tracked one ends, so it fails as an app does [INF]', trigger: { env: { registration: { registered: false }, network: { blockedEndpoints: ['store'] }, apps: [{ name: 'Company Portal', type: 'store' }] }, scenarios: ['device-preparation'] } },
  // §5.8, §8 W7: classic Autopilot fails a VM below 2 vCPU and 4 GB preparing the device for mobile management, the IME's step;
  // device preparation has no such row to fail, so the IME does not finish and the policy's one timer runs out [INF].
  'apdp-vm-too-small': { waits: ['apdp.ime'], event: 'app.hung', cause: 'a VM with {vCpus} vCPU and {memoryGb} GB (needs 2 vCPU and 4 GB): the Intune Management Extension does not finish installing, and device preparation has no step that fails on it [INF]', trigger: { env: { registration: { registered: false }, hardware: { kind: 'vm', vCpus: 1, memoryGb: 2 } }, scenarios: ['device-preparation'] } },
  'apdp-app-failed': { waits: ['apdp.lobApps', 'apdp.win32Apps'], event: 'app.failed', code: 'APDP_APP_FAILED', values: 'apart', cause: '{app} failed to install', trigger: 'device preparation app fails', inject: [{ id: 'policy-app-fails', label: 'An app in the policy fails to install' }] },
  'app-restarts': { waits: [...ALL_APPS, 'apdp.lobApps', 'apdp.win32Apps'], event: 'app.hung', code: 'APP_REBOOT_HANG', values: 'apart', cause: '{app} restarts the device from inside its installer', trigger: 'reboot inside package', inject: [{ id: 'app-hangs', label: 'An app restarts inside its installer', at: ['esp.deviceApps'] }, { id: 'app-hangs', label: 'A user app hangs', at: ['esp.userApps'] }, { id: 'policy-app-hangs', label: 'An app restarts inside its installer', at: ['apdp.lobApps', 'apdp.win32Apps'] }] },
  'store-unreachable': { waits: ALL_APPS, event: 'app.failed', code: 'ESP_APP_FAILED', cause: '{app} comes from the Microsoft Store, which is unreachable: the notes give no Store apps, not how a tracked one ends, so it fails as an app does [INF]', trigger: 'Store unreachable' },
  'store-under-ca': { waits: ['esp.deviceApps'], event: 'app.hung', code: 'ESP_TIMEOUT', values: 'apart', cause: '{app} (Store) is tracked by the ESP while Conditional Access requires a compliant device for all cloud apps', trigger: 'Store app under compliant-device Conditional Access' },
  'clock-skew-esp': { waits: ALL_APPS, event: 'app.hung', code: 'ESP_TIMEOUT', values: 'apart', cause: 'the clock is {minutes} minutes off: {app} cannot get its tokens and downloads, and the ESP waits', trigger: { env: { network: { clockSkewMinutes: 30 } }, scenarios: ['user-driven'] } },
  'm365-beside-win32': { waits: ALL_APPS, event: 'app.hung', code: 'ESP_TIMEOUT', cause: 'Microsoft 365 Apps app type started beside a tracked Win32 app', trigger: 'Microsoft 365 Apps beside Win32' },
  'app-failed-non-blocking': { waits: ALL_APPS, event: 'app.failedNonBlocking', values: 'apart', cause: '{app} failed (not blocking)', trigger: 'optional app fails' },
  'identifying-hang': { waits: ['esp.userIdentifying'], event: 'esp.identifyingHang', code: 'IDENTIFYING_HANG', cause: 'the user has no Intune licence', trigger: 'user stuck at Identifying', inject: [{ id: 'identifying-hang', label: 'Stuck at Identifying (no licence)' }] },
  // Kiosk autologon (§2.5)
  'kiosk-eas': { waits: ['kiosk.autologon'], event: 'kiosk.autologonFailed', code: 'KIOSK_AUTOLOGON_BROKEN', cause: 'Exchange ActiveSync policies break kiosk autologon', trigger: 'Exchange ActiveSync policy', inject: [{ id: 'kiosk-autologon-broken', label: 'Exchange ActiveSync or DeviceLock policies break kiosk autologon' }] },
  'kiosk-devicelock': { waits: ['kiosk.autologon'], event: 'kiosk.autologonFailed', code: 'KIOSK_AUTOLOGON_BROKEN', cause: 'DeviceLock (password) policies break kiosk autologon', trigger: { env: { policies: { deviceLock: true }, profile: { kioskAutologon: true } }, scenarios: ['self-deploying'] } },
  'kiosk-restarts': { waits: ['kiosk.autologon'], event: 'kiosk.autologonFailed', code: 'KIOSK_AUTOLOGON_BROKEN', values: 'apart', cause: '{count} restarts during OOBE wiped the autologon registry values (the 2023 fix is only partial)', trigger: { env: { profile: { kioskAutologon: true }, esp: { skipUserStatusPage: true }, apps: [{ name: 'Firmware tool', type: 'win32', requiresReboot: true }, { name: 'Driver pack', type: 'win32', requiresReboot: true }] }, scenarios: ['self-deploying'] } },
  'kiosk-apps-after-esp': { waits: ['kiosk.autologon'], event: 'kiosk.autologon', text: 'detail', finding: 'KIOSK_APPS_NOT_INSTALLED', cause: '{apps} should install after the ESP, but not under kioskUser0 autologon (no SkipUserStatusPage)', trigger: 'kiosk apps meant for after the ESP' },
  // Existing devices: the task sequence (§2.7)
  'no-configmgr': { waits: ['admin.deployTaskSequence'], event: 'ts.failed', code: 'CONFIGMGR_REQUIRED', cause: 'no Configuration Manager to run the task sequence (a requirement with no documented outcome) [INF]', trigger: 'no Configuration Manager', inject: [{ id: 'no-configmgr', label: 'No Configuration Manager' }] },
  // Autopilot Reset (§2.8)
  'reset-not-enabled': { waits: ['user.ctrlWinR'], event: 'reset.notEnabled', code: 'RESET_NOT_ENABLED', cause: 'local Autopilot Reset is not enabled by policy (DisableAutomaticReDeploymentCredentials) [INF]', trigger: 'local reset not allowed', inject: [{ id: 'reset-not-enabled', label: 'Local reset not enabled by policy' }] },
  'winre-missing': { waits: ['winre.check'], event: 'winre.missing', code: '0x80070032', cause: 'the Windows Recovery Environment is not enabled', trigger: 'WinRE disabled', inject: [{ id: 'winre-missing', label: 'WinRE disabled' }] },
  'recovery-not-found': { waits: ['winre.check'], event: 'winre.missing', code: 'RECOVERY_ENVIRONMENT_NOT_FOUND', cause: 'the Windows Recovery Environment is not there', trigger: 'recovery environment not found', inject: [{ id: 'recovery-not-found', label: '"Could not find the recovery environment"' }] },
  'reset-hybrid': { waits: ['reset.eligibility'], event: 'reset.notSupported', code: 'RESET_HYBRID_UNSUPPORTED', cause: 'the device is hybrid joined: it needs a full wipe, not Autopilot Reset', trigger: 'hybrid device reset', inject: [{ id: 'hybrid-device', label: 'The device is hybrid joined' }] },
  // Injected only in a local reset: a remote reset reaches its checks after the device checked in, which one not enrolled never does.
  'reset-not-enrolled': { waits: ['reset.eligibility'], event: 'reset.notSupported', code: 'RESET_NOT_ENROLLED', cause: 'the device is not enrolled in Intune: Autopilot Reset needs an Entra-joined, Intune-enrolled device (the documents give no outcome without one) [INF]', trigger: { env: { reset: { kind: 'local', intuneEnrolled: false }, people: { localResetAllowed: true } }, scenarios: ['reset'] }, inject: [{ id: 'not-enrolled', label: 'The device is not enrolled in Intune', after: ['user.localAdminSignedIn'] }] },
  'reset-not-enrolled-check-in': { waits: ['intune.checkIn'], event: 'intune.checkInMissed', code: 'RESET_NO_CHECK_IN', cause: 'the device is not enrolled in Intune: it never checks in, so the Autopilot Reset command never reaches it [INF]', trigger: { env: { reset: { kind: 'remote', intuneEnrolled: false } }, scenarios: ['reset'] } },
  'reset-offline-check-in': { waits: ['intune.checkIn'], event: 'intune.checkInMissed', code: 'RESET_NO_CHECK_IN', cause: 'the device cannot reach Intune (no internet, or its endpoints blocked): it never checks in, so the Autopilot Reset command stays pending [INF]', trigger: { env: { reset: { kind: 'remote' }, network: { internet: false } }, scenarios: ['reset'] }, inject: [{ id: 'no-check-in', label: 'The device never checks in (offline)' }] },
  // Injected only in a local reset: a remote reset ran because the device reached Intune at its check-in, and the world's
  // network does not change between that check-in and the sync (no internet there is RESET_NO_CHECK_IN).
  'reset-sync-blocked': { waits: ['mdm.sync'], event: 'mdm.syncFailed', code: 'RESET_SYNC_BLOCKED', cause: 'the device cannot reach Intune after the reset (no internet, or its endpoints blocked): the MDM sync cannot finish and the desktop stays blocked', trigger: { env: { reset: { kind: 'local' }, people: { localResetAllowed: true }, network: { internet: false } }, scenarios: ['reset'] }, inject: [{ id: 'sync-blocked', label: 'The MDM sync after the reset cannot finish', after: ['user.localAdminSignedIn'] }] },
  'reset-home-edition': { waits: ['reset.eligibility'], event: 'reset.notSupported', code: 'RESET_NOT_ENROLLED', cause: 'the device runs Windows Home, which Autopilot does not support (0x80180022 at MDM enrollment): it cannot be the Intune-enrolled Autopilot device a reset needs [INF]', trigger: { env: { os: { edition: 'home' }, reset: { kind: 'local' }, people: { localResetAllowed: true } }, scenarios: ['reset'] } },
  'reset-home-edition-check-in': { waits: ['intune.checkIn'], event: 'intune.checkInMissed', code: 'RESET_NO_CHECK_IN', cause: 'the device runs Windows Home, which cannot enroll in Intune through Autopilot (0x80180022): it never checks in, so the Autopilot Reset command never reaches it [INF]', trigger: { env: { os: { edition: 'home' }, reset: { kind: 'remote' } }, scenarios: ['reset'] } },
  'reset-not-autopilot': { waits: ['reset.eligibility'], event: 'reset.notSupported', code: 'RESET_NOT_AUTOPILOT_DEVICE', cause: 'the device is not registered as an Autopilot device [INF]', trigger: 'not registered' },
  'os-corrupted': { waits: ['reset.pbr'], event: 'pbr.failed', code: 'RESET_OS_CORRUPTED', cause: 'severe corruption in the Windows installation', trigger: 'OS corrupted', inject: [{ id: 'os-corrupted', label: 'Severe OS corruption' }] },
  'uefi-lock': { waits: ['reset.pbr'], event: 'pbr.failed', code: '0xC000000F', cause: 'the security baseline "Enable with UEFI Lock" on Windows 10 1909: push-button reset stops with 0xC000000F', trigger: 'UEFI Lock baseline on 1909', inject: [{ id: 'uefi-lock', label: 'UEFI Lock baseline on 1909: stop error 0xC000000F' }] },
  // Autopilot device preparation (§7)
  'apdp-associated-wins': { waits: ['profile.download'], event: 'profile.unavailable', cause: 'the device is associated with device preparation, which wins over its Autopilot registration (2026): no profile is applied', trigger: { env: { registration: { registered: true }, devicePreparation: { associated: true } }, scenarios: ['device-preparation'] } },
  'apdp-not-registered': { waits: ['profile.download'], event: 'profile.unavailable', cause: 'event 807 ZtdDeviceIsNotRegistered: no Autopilot registration, so OOBE goes on without a profile', trigger: { env: { registration: { registered: false } }, scenarios: ['device-preparation'] } },
  'apdp-hash-mismatch': { waits: ['profile.download'], event: 'profile.unavailable', cause: 'event 908 SerialNumberMismatch: the hardware hash no longer matches, so no profile applies', trigger: { env: { registration: { registered: true }, hardware: { motherboardReplaced: true }, devicePreparation: { associated: false } }, scenarios: ['device-preparation'] } },
  'apdp-no-profile': { waits: ['profile.download'], event: 'profile.unavailable', cause: 'event 815 ZtdDeviceHasNoAssignedProfile: registered, but no profile is assigned', trigger: { env: { registration: { registered: true, profileStatus: 'not-assigned', defaultProfile: false }, devicePreparation: { associated: false } }, scenarios: ['device-preparation'] } },
  'apdp-registered': { waits: ['apdp.policy'], event: 'apdp.noPolicy', cause: 'the device is registered for Autopilot: registration takes precedence over device preparation, which a registered device runs only once deregistered or associated (compare.md, device preparation FAQ): the device joins Entra without provisioning', trigger: { env: { registration: { registered: true, profileStatus: 'not-assigned', defaultProfile: false }, devicePreparation: { associated: false } }, scenarios: ['device-preparation'] } },
  'apdp-other-tenant': { waits: ['apdp.policy'], event: 'apdp.noPolicy', values: 'apart', cause: 'the user signs into {tenant}, not {policyTenant} where the device preparation policies are: no policy targets the user, and the device joins {tenant} without provisioning', trigger: { env: { identity: { signInTenant: 'fabrikam.onmicrosoft.com' }, registration: { registered: false } }, scenarios: ['device-preparation'] } },
  'apdp-no-policy': { waits: ['apdp.policy'], event: 'apdp.noPolicy', cause: 'no device preparation policy targets a group the user is in: the device joins Entra without provisioning', trigger: 'no device preparation policy for the user', inject: [{ id: 'no-policy-for-user', label: 'No device preparation policy targets the user' }] },
  'apdp-windows-10': { waits: ['apdp.policy'], event: 'apdp.noPolicy', cause: 'Windows 10 does not support device preparation (it needs Windows 11): the device joins Entra without provisioning', trigger: { env: { os: { windows: 10 } }, scenarios: ['device-preparation'] } },
  'apdp-os-without-update': { waits: ['apdp.policy'], event: 'apdp.noPolicy', cause: 'Windows 11 {version} without KB5035942 (the March 2024 update) does not run device preparation: the device joins Entra without provisioning', trigger: 'Windows 11 23H2 without the March 2024 update', inject: [{ id: 'os-too-old', label: 'Windows 11 23H2 without the March 2024 update', params: { version: '23H2' } }] },
  'apdp-os-too-old': { waits: ['apdp.policy'], event: 'apdp.noPolicy', cause: 'Windows 11 {version} is older than 22H2: device preparation needs 24H2, or 22H2/23H2 with KB5035942: the device joins Entra without provisioning', trigger: { env: { os: { windows: 11, version: '21H2' } }, scenarios: ['device-preparation'] } },
  // §7 "Not supported": co-management. The notes give no outcome: the flow goes on, and the run says so [INF].
  'apdp-co-management': { waits: ['apdp.mdmSync'], event: 'apdp.synced', text: 'detail', finding: 'APDP_CO_MANAGEMENT_UNSUPPORTED', cause: 'co-management is configured, which device preparation does not support: no step waits for the Configuration Manager client (no documented outcome) [INF]', trigger: { env: { registration: { registered: false }, coManagement: { enabled: true } }, scenarios: ['device-preparation'] } },
  'apdp-group-deleted': { waits: ['apdp.deviceGroup'], event: 'apdp.groupingFailed', finding: 'APDP_DEVICE_GROUP_SKIPPED', cause: "the policy's device group was deleted; the device is not added and the policy's apps and scripts are skipped", trigger: { env: { devicePreparation: { deviceGroup: { deleted: true } } }, scenarios: ['device-preparation'] } },
  'apdp-group-owner': { waits: ['apdp.deviceGroup'], event: 'apdp.groupingFailed', finding: 'APDP_DEVICE_GROUP_SKIPPED', cause: "the Intune Provisioning Client (f1346770-5b25-470b-88bd-d5744ab7952c) is not an owner of the device group: the policy shows 0 groups assigned; the device is not added and the policy's apps and scripts are skipped", trigger: 'device group without the Provisioning Client owner', inject: [{ id: 'group-owner-missing', label: 'Device group without the Intune Provisioning Client owner' }] },
  'apdp-group-dynamic': { waits: ['apdp.deviceGroup'], event: 'apdp.groupingFailed', finding: 'APDP_DEVICE_GROUP_SKIPPED', cause: "the device group is dynamic: enrollment time grouping needs an assigned (static) security group; the device is not added and the policy's apps and scripts are skipped", trigger: 'dynamic device group' },
  'apdp-group-role-assignable': { waits: ['apdp.deviceGroup'], event: 'apdp.groupingFailed', finding: 'APDP_DEVICE_GROUP_SKIPPED', cause: "the device group is role-assignable, which device preparation does not allow; the device is not added and the policy's apps and scripts are skipped", trigger: { env: { devicePreparation: { deviceGroup: { roleAssignable: true } } }, scenarios: ['device-preparation'] } },
  'apdp-local-admin-conflict': { waits: ['apdp.localAdmin'], event: 'apdp.provisioningSkipped', finding: 'APDP_LOCAL_ADMIN_CONFLICT', cause: 'Entra adds the registering user as local administrator for {who} while the policy says Standard: provisioning is skipped', trigger: 'Entra local admin setting conflicts with Standard', inject: [{ id: 'local-admin-conflict', label: 'Entra local-admin setting conflicts with Standard' }] },
  'apdp-script-failed': { waits: ['apdp.scripts'], event: 'script.failed', code: 'APDP_SCRIPT_FAILED', cause: 'the script {script} failed', trigger: 'device preparation script fails', inject: [{ id: 'policy-script-fails', label: 'A script in the policy fails' }] },
  'apdp-stuck-at-100': { waits: ['apdp.finish'], event: 'apdp.stuckAt100', cause: 'known issue: the screen stays at 100 %', trigger: 'stuck at 100 %', inject: [{ id: 'stuck-at-100', label: 'Stuck at 100 % (known issue)' }] },
} as const satisfies Record<string, FailureMode>;

export type ModeId = keyof typeof MODES;
export const MODE_IDS = Object.keys(MODES) as ModeId[];

/** A fault a trainer can inject at a wait: the event that replaces the world's answer there. */
export interface Fault {
  id: string;
  label: string;
  event: import('../../machines/events.ts').DeploymentEvent;
  /** The error id the event carries, if it is a failure. */
  code?: ErrorId;
  /** The failure mode it injects (absent for a person's choice). */
  mode?: ModeId;
  /** A choice's chooser, as the trace would attribute it in its state (a self-deploying device's Try again is a person's). */
  source?: import('../../machines/events.ts').Source;
  /** Where its injection may happen beyond the wait (Injection.tag, Injection.after, Injection.notAfter). */
  tag?: Tag;
  after?: readonly EventType[];
  notAfter?: readonly EventType[];
}

/** The event a mode sends, with its cause filled (a reason event's reason is its cause unless it has a fixed one). */
export function modeEvent(id: ModeId, params?: CauseParams): import('../../machines/events.ts').DeploymentEvent {
  const m: FailureMode = MODES[id];
  if (m.code) return { type: m.event, code: m.code } as import('../../machines/events.ts').DeploymentEvent;
  if (m.reason !== undefined || REASON_TYPES.has(m.event)) return { type: m.event, reason: m.reason ?? causeText(m.cause, params ?? {}) } as import('../../machines/events.ts').DeploymentEvent;
  return { type: m.event } as import('../../machines/events.ts').DeploymentEvent;
}
const REASON_TYPES = new Set<string>(['network.unavailable', 'profile.unavailable', 'apdp.noPolicy']);

/** What a trainer can inject, by the wait it replaces the world's answer at (in the order of MODES). */
export const FAULTS_BY_WAIT: Partial<Record<Wait, Fault[]>> = (() => {
  const out: Partial<Record<Wait, Fault[]>> = {};
  for (const id of MODE_IDS) {
    const m: FailureMode = MODES[id];
    for (const inj of m.inject ?? []) {
      const event = modeEvent(id, inj.params);
      for (const wait of inj.at ?? m.waits) {
        (out[wait] ??= []).push({ id: inj.id, label: inj.label, event, ...(m.code ? { code: m.code } : {}), mode: id, ...(inj.tag ? { tag: inj.tag } : {}), ...(inj.after ? { after: inj.after } : {}), ...(inj.notAfter ? { notAfter: inj.notAfter } : {}) });
      }
    }
  }
  return out;
})();

// Reading a cause back: its mode's template and the values it was filled with.

/** A cause that wraps another (the ESP timer running out on a hang): the prefix, then the inner cause. */
export const WRAPPERS = ['the ESP timer ran out: ', "the device preparation policy's timer ran out: "] as const;
/** Parameters read as numbers (so a mode can give their range). */
const NUMERIC = new Set(['minutes', 'steps']);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function compile(template: string) {
  const names: string[] = [];
  const pattern = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return escape(part);
      names.push(m[1]!);
      return '(.+?)';
    })
    .join('');
  return { template, names, re: new RegExp(`^${pattern}$`) };
}
const hasParams = (t: string) => /\{\w+\}/.test(t);
/** The templates whose values the fleet keeps apart, in order: the modes' marked so, then the engine's own. */
const COMPILED = [...new Set([...MODE_IDS.filter((id) => (MODES[id] as FailureMode).values === 'apart').map((id) => MODES[id].cause as string), ...Object.values(ENGINE_CAUSES)])].filter(hasParams).map(compile);
/** Every mode's template with parameters (to tell which mode a filled cause is). */
const ALL_TEMPLATES = MODE_IDS.map((id) => ({ id, ...compile(MODES[id].cause) }));

/** A cause's template and parameters; a cause that matches no template is its own template, with none. */
export function parseCause(text: string): { template: string; params: CauseParams } {
  for (const w of WRAPPERS) {
    if (text.startsWith(w)) {
      const inner = parseCause(text.slice(w.length));
      return { template: w + inner.template, params: inner.params };
    }
  }
  for (const c of COMPILED) {
    const m = c.re.exec(text);
    if (!m) continue;
    const params: CauseParams = {};
    c.names.forEach((n, i) => {
      const v = m[i + 1]!;
      params[n] = NUMERIC.has(n) && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
    });
    return { template: c.template, params };
  }
  return { template: text, params: {} };
}

/** The mode a world answer belongs to (its event, error id and cause), or undefined. */
export function modeOf(event: { type: string; code?: string }, text: string | undefined): ModeId | undefined {
  if (text === undefined) return undefined;
  return ALL_TEMPLATES.find(({ id, re }) => {
    const m: FailureMode = MODES[id];
    return m.event === event.type && (m.code ?? undefined) === (event.code ?? undefined) && re.test(text);
  })?.id;
}

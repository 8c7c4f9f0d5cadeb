// Cases from the domain notes' flow-heavy sections (domain/autopilot.md §1 the OOBE front end,
// profile resolution and identity preconditions, §2 each flow step by step with its failure exits,
// §4 the error and message catalogue, §6 the capability table's nuances, §9 the documented timers
// and the estimates, §10 the conflicts): each an environment over a scenario's defaults and the
// outcome the notes give for it. [INF] marks an outcome inferred from several documented facts;
// [GUESS] an estimate of §9.2 (the model's defaults must sit in its range, nothing more).
// test/machines/domain-cases.test.ts holds §3, §5, §7 and §8.
import { describe, expect, it } from 'vitest';
import { autopilotEvents, catalog, lookup } from '../../src/catalog/errors.ts';
import { ESP_DEFAULT_MESSAGE } from '../../src/catalog/vocabulary.ts';
import { DURATIONS, type Duration } from '../../src/environment/durations.ts';
import { Session } from '../../src/engine/session.ts';
import { apdp, app, environment, expectCase, findSeed, hybrid, preProv, runner, visits, type Case } from './helpers.ts';

const hybridPreProv = (more = {}) => preProv({ ...more, profile: { joinType: 'hybrid', ...((more as { profile?: object }).profile ?? {}) } });
const noDc = { dcLineOfSight: false, vpn: 'none' };

const TEXT = {
  // §4, verbatim where the notes give a text
  tenantMismatch: 'That username looks like it belongs to another organization. Try signing in again or start over with a different account.',
  notAuthorized: "This user isn't authorized to enroll, error code 801c0003",
  hybridTimeout: 'Something went wrong. Confirm you are using the correct sign-in information and that your organization uses this feature…',
  mdmBlocked: 'There was a problem. Your organization does not support this version of Windows. (0x80180014)',
  termsOfUse: "Something went wrong / Can't connect to the URL of your organization's MDM terms of use…",
  accountNotAllowed: 'This account is not allowed on this phone…',
  oobeidps: 'Something went wrong. OOBEIDPS',
  securingHardware: 'Securing your hardware (Failed: 0x800705b4)',
  registering: 'Registering your device for mobile management (Failed: 3, 0x801C03EA)',
  attestationTimedOut: 'Something happened, and TPM attestation timed out.',
  anotherInstallation: 'Another installation is in progress, please try again later',
  notComputed: '[Win32App][DetectionActionHandler] Detection for policy with id: <id> resulted in action status: Failed and detection state: NotComputed.',
  winRe: 'Ran into trouble. Please sign in with an administrator account to see why and reset manually.',
  alreadyEnrolledDevice: 'The device is already enrolled.',
  alreadyEnrolledMachine: 'The machine is already enrolled.',
};

export const CASES: Case[] = [
  // §1.1 OOBE front end
  ['wired-no-network-page', '§1.1 step 2 wired with internet', 'user-driven', {}, { status: 'succeeded', skips: ['regionAndKeyboard', 'connectToNetwork'] }],
  ['wifi-pages-before-network', '§1.1 step 2, §8 W51 the profile is not known yet', 'user-driven', { network: { connection: 'wifi' }, profile: { hiddenPages: ['language', 'keyboard', 'eula', 'privacy', 'change-account'] } }, { status: 'succeeded', inOrder: ['regionAndKeyboard', 'connectToNetwork', 'profileDownload'] }],
  ['no-connectivity', '§1.1 step 2, §5.3 no profile: standard OOBE', 'user-driven', { network: { internet: false } }, { status: 'fell-back-to-oobe', skips: ['entraSignIn'] }],
  ['not-registered-807', '§1.1 event 807', 'user-driven', { registration: { registered: false } }, { status: 'fell-back-to-oobe', fallbackReason: '807' }],
  ['no-profile-815', '§1.1 event 815, §1.2', 'user-driven', { registration: { profileStatus: 'not-assigned', defaultProfile: false } }, { status: 'fell-back-to-oobe', fallbackReason: '815' }],
  ['profile-deleted-809', '§1.1 event 809', 'user-driven', { registration: { profileStatus: 'deleted', defaultProfile: false } }, { status: 'fell-back-to-oobe', fallbackReason: '809' }],
  ['serial-mismatch-908', '§1.1 event 908, §5.7 motherboard swap', 'user-driven', { hardware: { motherboardReplaced: true } }, { status: 'fell-back-to-oobe', fallbackReason: '908' }],
  ['download-blocked', '§1.1 IsAutopilotDisabled=1', 'user-driven', { network: { blockedEndpoints: ['autopilot'] } }, { status: 'fell-back-to-oobe', fallbackReason: 'IsAutopilotDisabled=1' }],
  ['proxy-auth', '§5.3 NCSI fails: offline [INF]', 'user-driven', { network: { proxyRequiresAuth: true } }, { status: 'fell-back-to-oobe' }],
  ['tenant-mismatch', '§1.1 tenant check, §2.1 U2', 'user-driven', { identity: { signInTenant: 'fabrikam.onmicrosoft.com' } }, { status: 'failed', errorCode: 'TENANT_MISMATCH', failedPhase: 'identity', errorMessage: TEXT.tenantMismatch }],
  ['tenant-matched', '§1.1 TenantMatched=1', 'user-driven', { identity: { signInTenant: 'contoso.onmicrosoft.com' } }, { status: 'succeeded' }],
  ['self-deploying-straight-to-esp', '§1.1 step 7', 'self-deploying', {}, { status: 'succeeded', skips: ['entraSignIn', 'winKey5'], passes: ['secureHardware'] }],
  ['pre-provisioned-win-x5', '§1.1 step 7, §2.3 T1-T2', 'pre-provisioned', preProv(), { status: 'succeeded', inOrder: ['criticalUpdates', 'winKey5', 'configurationScreen', 'secureHardware'] }],

  // §1.2 profile resolution
  ['several-profiles-user-driven', '§1.2 the oldest-created profile wins', 'user-driven', { registration: { conflictingProfiles: true } }, { status: 'succeeded' }],
  ['one-profile-assigned', '§1.2 that profile', 'user-driven', { registration: { profileStatus: 'assigned' } }, { status: 'succeeded' }],
  ['registered-no-group-default', '§1.2 the All Devices profile', 'self-deploying', { registration: { profileStatus: 'not-assigned', defaultProfile: true } }, { status: 'succeeded' }],
  ['json-when-download-fails', '§1.2 the JSON is used only if the online download fails', 'existing-devices', { registration: { registered: true }, network: { blockedEndpoints: ['autopilot'] } }, { status: 'succeeded', followOn: 'user-driven' }],
  ['classic-wins-over-apdp', '§1.2, §7 coexistence: the APv1 profile wins', 'device-preparation', { registration: { registered: true, profileStatus: 'assigned' }, devicePreparation: { associated: false } }, { status: 'succeeded', passes: ['deviceEsp'] }],
  ['association-wins-2026', '§1.2 2026: association wins over registration', 'device-preparation', { registration: { registered: true, profileStatus: 'assigned' }, devicePreparation: { associated: true } }, { status: 'succeeded', skips: ['deviceEsp'] }],

  // §1.3 identity and enrollment preconditions
  ['mdm-scope-none', '§1.3 scope None', 'user-driven', { identity: { mdmUserScope: 'none' } }, { status: 'failed', errorCode: '0x8018002b', failedPhase: 'identity' }],
  ['upn-local', '§1.3 a .local UPN suffix', 'user-driven', { identity: { upnSuffixRoutable: false } }, { status: 'failed', errorCode: '0x8018002b', failedPhase: 'identity' }],
  ['may-not-join', '§1.3 users may join: user-driven', 'user-driven', { identity: { userMayJoin: false } }, { status: 'failed', errorCode: '801C0003', failedPhase: 'identity', errorMessage: TEXT.notAuthorized }],
  ['may-not-join-pre-provisioned', '§1.3 users may join: pre-provisioned', 'pre-provisioned', preProv({ identity: { userMayJoin: false } }), { status: 'failed', errorCode: '801C0003' }],
  ['device-cap-50', '§1.3 Entra cap 50, §10 #8 801C0003', 'user-driven', { identity: { userDeviceCount: 50 } }, { status: 'failed', errorCode: '801C0003', failedPhase: 'identity', errorMessage: TEXT.notAuthorized }],
  ['device-cap-configured', '§1.3 the cap is configurable', 'user-driven', { identity: { userDeviceCount: 50, deviceCap: 100 } }, { status: 'succeeded' }],
  ['device-cap-faq-reading', '§1.3, §10 #8 the FAQ\'s 80180018', 'user-driven', { identity: { userDeviceCount: 50 }, readings: { deviceCapCode: '80180018' } }, { status: 'failed', errorCode: '80180018', failedPhase: 'identity' }],
  ['device-cap-hybrid', '§1.3 hybrid registers in system context', 'user-driven', { ...hybrid, identity: { userDeviceCount: 50 } }, { status: 'succeeded' }],
  ['device-cap-self-deploying', '§1.3 the cap is per user', 'self-deploying', { identity: { userDeviceCount: 50 } }, { status: 'succeeded' }],
  ['unlicensed-terms-of-use', '§1.3 licence', 'user-driven', { identity: { userLicensed: false } }, { status: 'failed', errorCode: 'MDM_TERMS_OF_USE', failedPhase: 'identity', errorMessage: TEXT.termsOfUse }],
  ['unlicensed-account-not-allowed', '§1.3 licence', 'user-driven', { identity: { userLicensed: false, unlicensedSymptom: 'account-not-allowed' } }, { status: 'failed', errorCode: 'ACCOUNT_NOT_ALLOWED', failedPhase: 'identity', errorMessage: TEXT.accountNotAllowed }],
  ['unlicensed-identifying', '§1.3, §2.1 U9 stuck in Identifying', 'user-driven', { identity: { userLicensed: false, unlicensedSymptom: 'identifying-hang' } }, { status: 'failed', failedPhase: 'accountSetup', passes: ['identifying'] }],
  ['mdm-blocked', '§1.3 platform restriction', 'user-driven', { identity: { windowsMdmBlocked: true } }, { status: 'failed', errorCode: '0x80180014', failedPhase: 'identity', errorMessage: TEXT.mdmBlocked }],
  ['existing-devices-personal-blocked', '§1.3, §2.7 personal devices must not be blocked', 'existing-devices', { registration: { registered: false }, identity: { personalEnrollmentBlocked: true } }, { status: 'failed', errorCode: 'PERSONAL_ENROLLMENT_BLOCKED' }],
  ['home-user-driven', '§1.3 Windows Home', 'user-driven', { os: { edition: 'home' } }, { status: 'failed', errorCode: '0x80180022', failedPhase: 'identity' }],
  ['multiple-mdm-self-deploying-old', '§1.3 0xc1036501', 'self-deploying', { identity: { multipleMdmConfigurations: true }, os: { updatedSince2020: false } }, { status: 'failed', errorCode: '0xc1036501', failedPhase: 'devicePreparation' }],
  ['multiple-mdm-pre-provisioned-old', '§1.3, §2.3 T7 older builds', 'pre-provisioned', preProv({ identity: { multipleMdmConfigurations: true }, os: { updatedSince2020: false } }), { status: 'failed', errorCode: '0xc1036501', failedPhase: 'devicePreparation' }],
  ['multiple-mdm-pre-provisioned-new', '§1.3 later CUs', 'pre-provisioned', preProv({ identity: { multipleMdmConfigurations: true }, os: { updatedSince2020: true } }), { status: 'succeeded' }],
  ['anchor-deleted-user-driven', '§1.3, §2.1 U3 deleted anchor object: join errors', 'user-driven', { registration: { entraObjectDeleted: true } }, { status: 'failed', errorCode: '0x801C03F3', failedPhase: 'identity' }],
  ['anchor-deleted-self-deploying', '§1.3, §2.6 S3', 'self-deploying', { registration: { entraObjectDeleted: true } }, { status: 'failed', errorCode: '0x801C03F3', failedPhase: 'devicePreparation' }],
  ['ca-blocks-enrollment', '§1.3 exclude Intune Enrollment, §8 W59', 'user-driven', { identity: { conditionalAccess: ['blocks-intune-enrollment'] } }, { status: 'failed', errorCode: 'CA_BLOCKS_ENROLLMENT', failedPhase: 'identity' }],
  ['smart-card', '§1.3 smart card not supported', 'user-driven', { identity: { signInMethod: 'smart-card' } }, { status: 'failed', errorCode: 'SIGN_IN_METHOD_UNSUPPORTED', failedPhase: 'identity' }],
  ['tap-without-web-sign-in', '§1.3 TAP only with web sign-in', 'user-driven', { identity: { signInMethod: 'temporary-access-pass', webSignIn: false } }, { status: 'failed', errorCode: 'SIGN_IN_METHOD_UNSUPPORTED', failedPhase: 'identity' }],
  ['tap-hybrid', '§1.3 TAP not for hybrid', 'user-driven', { ...hybrid, identity: { signInMethod: 'temporary-access-pass', webSignIn: true } }, { status: 'failed', errorCode: 'SIGN_IN_METHOD_UNSUPPORTED' }],
  ['tap-kiosk', '§1.3 TAP not for kiosks: no one signs in', 'self-deploying', { profile: { kioskAutologon: true }, identity: { signInMethod: 'temporary-access-pass', webSignIn: true } }, { status: 'succeeded' }],
  ['wrong-password-retry', '§2.1 U2 invalid credentials: standard retry', 'user-driven', { identity: { invalidCredentialAttempts: 2 } }, { status: 'succeeded' }],
  ['another-user-enrolled', '§4 8018000a', 'user-driven', { registration: { existingEnrollment: 'another-user' } }, { status: 'failed', errorCode: '8018000a', failedPhase: 'identity', errorMessage: TEXT.alreadyEnrolledDevice }],
  ['leftover-enrollment', '§4 0x8007064c', 'user-driven', { registration: { existingEnrollment: 'leftover' } }, { status: 'failed', errorCode: '0x8007064c', failedPhase: 'identity', errorMessage: TEXT.alreadyEnrolledMachine }],
  ['idp-blocked', '§2.1 U1 OOBEIDPS', 'user-driven', { network: { blockedEndpoints: ['entra'] } }, { status: 'failed', errorCode: 'OOBEIDPS', errorMessage: TEXT.oobeidps }],
  ['intune-blocked', '§5.3 Intune hard: enrollment fails', 'user-driven', { network: { blockedEndpoints: ['intune'] } }, { status: 'failed', errorCode: '80180018', failedPhase: 'identity' }],

  // §2.1 user-driven Entra join
  ['U-order', '§2.1 U1-U10', 'user-driven', {}, { status: 'succeeded', inOrder: ['profileDownload', 'criticalUpdates', 'entraSignIn', 'entraJoin', 'mdmEnrollment', 'trackingAndIme', 'deviceSetup', 'signingIn', 'identifying', 'accountSetup'] }],
  ['U5-device-token-steps-done', '§2.1 U5, §3.1 the first three rows are already done', 'user-driven', {}, { status: 'succeeded', skips: ['secureHardware', 'joinNetwork', 'registerMdm'] }],
  ['U6-timeout-default-60', '§2.1 U6, §9.1 ESP timeout 60 min by default', 'user-driven', { apps: [app('Suite', { installMinutes: 70 })] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'deviceSetup', errorMessage: ESP_DEFAULT_MESSAGE }],
  ['U6-blocking-app-fails', '§2.1 U6 app failure', 'user-driven', { apps: [app('Flaky', { failureProbability: 1 })] }, { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'deviceSetup', errorMessage: ESP_DEFAULT_MESSAGE }],
  ['U6-reboot-in-package', '§2.1 U6 reboot packaged inside an app: hang', 'user-driven', { apps: [app('Driver', { rebootInsidePackage: true })] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'deviceSetup' }],
  ['U7-after-device-esp', '§2.1 U7, §10 #9 after the device ESP, before sign-in [INF]', 'user-driven', { esp: { installQualityUpdates: true } }, { status: 'succeeded', inOrder: ['deviceSetup', 'qualityUpdates', 'accountSetup'] }],
  ['U7-hybrid', '§2.2 H6-H7, §10 #9 after the device ESP, before the domain-join restart [INF]', 'user-driven', { ...hybrid, esp: { installQualityUpdates: true } }, { status: 'succeeded', inOrder: ['deviceSetup', 'qualityUpdates', 'domainJoinRestart', 'domainLogon'] }],
  ['P5-hybrid-user-flow', '§2.4 P5 as §2.5, honoured in the user flow', 'pre-provisioned', hybridPreProv({ esp: { installQualityUpdates: true } }), { status: 'succeeded', inOrder: ['resealScreen', 'userFlow', 'deviceSetup', 'qualityUpdates', 'domainLogon'] }],
  ['U7-default-off', '§10 #6 the default profile and older ones: No', 'user-driven', {}, { status: 'succeeded', skips: ['qualityUpdates'] }],
  ['U9-user-app-fails', '§2.1 U9', 'user-driven', { apps: [app('Team tool', { target: 'user', failureProbability: 1 })] }, { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'accountSetup' }],
  ['U-vm-small', '§2.1 U5 VM under 2 vCPU / 4 GB', 'user-driven', { hardware: { kind: 'vm', vCpus: 1, memoryGb: 2 } }, { status: 'failed', errorCode: 'VM_MDM_PREPARATION', failedPhase: 'devicePreparation', errorMessage: 'Preparing your device for mobile management' }],
  ['U5-ime-fails', '§2.1 U5 IME InstallationState=4', 'user-driven', { esp: { imeInstallFails: true } }, { status: 'failed', errorCode: 'IME_INSTALL_FAILED', failedPhase: 'devicePreparation' }],
  ['U-show-progress-no', '§2.1 fork: U6-U9 not shown, settings apply after the desktop', 'user-driven', { esp: { enabled: false }, apps: [app('Flaky', { failureProbability: 1 })] }, { status: 'succeeded', skips: ['deviceSetup', 'accountSetup'] }],
  ['U-skip-device-status-page', '§3.3 SkipDeviceStatusPage: no device setup page, account setup still shows', 'user-driven', { esp: { skipDeviceStatusPage: true }, apps: [app('Flaky', { failureProbability: 1 }), app('Tool', { target: 'user' })] }, { status: 'succeeded', skips: ['deviceSetup'], passes: ['accountSetup'] }],
  // U5 is not shown either: its work (tracking list, IME) finishes behind the desktop, after account setup where that shows
  ['U5-show-progress-no', '§2.1 fork: U5 not shown, its work after the desktop', 'user-driven', { esp: { enabled: false } }, { status: 'succeeded', skips: ['devicePreparation', 'trackingAndIme'], passes: ['preparationBehindDesktop'] }],
  ['U5-skip-device-status-page', '§3.3 SkipDeviceStatusPage: no device preparation page either', 'user-driven', { esp: { skipDeviceStatusPage: true }, apps: [app('Tool', { target: 'user' })] }, { status: 'succeeded', skips: ['devicePreparation'], inOrder: ['accountSetup', 'preparationBehindDesktop'] }],
  // H10's Sign out button comes when the user ESP finishes; with account setup not shown there is none [INF]
  ['H10-no-sign-out-esp-off', '§2.2 H10, §2.1 fork: no user ESP, no Sign out [INF]', 'user-driven', { ...hybrid, esp: { enabled: false } }, { status: 'succeeded', skips: ['signOutAndIn'] }],
  ['H10-no-sign-out-skip-user-page', '§2.2 H10, SkipUserStatusPage [INF]', 'user-driven', { ...hybrid, esp: { skipUserStatusPage: true } }, { status: 'succeeded', skips: ['accountSetup', 'signOutAndIn'], passes: ['domainLogon'] }],
  ['PH5-no-sign-out-skip-user-page', '§2.5 PH5, SkipUserStatusPage [INF]', 'pre-provisioned', hybridPreProv({ esp: { skipUserStatusPage: true } }), { status: 'succeeded', skips: ['signOutAndIn'], passes: ['domainLogon'] }],
  ['H10-sign-out', '§2.2 H10: the user ESP ends with Sign out', 'user-driven', hybrid, { status: 'succeeded', inOrder: ['accountSetup', 'signOutAndIn'] }],
  ['H-show-progress-no', '§2.1 fork, §2.2 H6: the hybrid device ESP not shown', 'user-driven', { ...hybrid, esp: { enabled: false } }, { status: 'succeeded', skips: ['deviceEsp'], inOrder: ['domainLogon', 'preparationBehindDesktop'] }],
  // The notes give no outcome for a VM under 2 vCPU / 4 GB or an IME install error with the device ESP hidden: the work fails
  // behind the desktop, nothing on screen shows it, nothing tracked fails, and the run reports it [INF]
  ['U-vm-small-esp-off', '§8 W7, §5.8 with §3.2 show progress = No [INF]', 'user-driven', { esp: { enabled: false }, hardware: { kind: 'vm', vCpus: 1, memoryGb: 2 } }, { status: 'succeeded', findings: ['PREPARATION_FAILED_BEHIND_DESKTOP'], skips: ['errorPage'] }],
  ['U-vm-small-skip-device-page', '§8 W7, §5.8 with SkipDeviceStatusPage [INF]', 'user-driven', { esp: { skipDeviceStatusPage: true }, hardware: { kind: 'vm', vCpus: 2, memoryGb: 2 } }, { status: 'succeeded', findings: ['PREPARATION_FAILED_BEHIND_DESKTOP'] }],
  ['U5-ime-fails-esp-off', '§2.1 U5, §3.3 with §3.2 show progress = No [INF]', 'user-driven', { esp: { enabled: false, imeInstallFails: true } }, { status: 'succeeded', findings: ['PREPARATION_FAILED_BEHIND_DESKTOP'], skips: ['errorPage'] }],
  ['U-vm-ok-esp-off', '§8 W7: 2 vCPU / 4 GB works, ESP shown or not', 'user-driven', { esp: { enabled: false }, hardware: { kind: 'vm', vCpus: 2, memoryGb: 4 } }, { status: 'succeeded', findings: [] }],
  ['S-show-progress-no', '§2.6 the device still attests, joins and enrolls', 'self-deploying', { esp: { enabled: false } }, { status: 'succeeded', passes: ['secureHardware', 'registerMdm'] }],
  ['U-block-no-leave', '§2.1 fork: Block device use = No', 'user-driven', { esp: { blockDeviceUse: false }, people: { leavesEspEarly: true } }, { status: 'succeeded', findings: ['ESP_LEFT_EARLY'], reachedDesktop: true }],
  ['U-block-yes-no-leave', '§2.1 fork: Block device use = Yes keeps the user in', 'user-driven', { esp: { blockDeviceUse: true }, people: { leavesEspEarly: true } }, { status: 'succeeded', findings: [] }],
  ['U-co-management-waits', '§2.1 fork: the ESP waits for the ConfigMgr client', 'user-driven', { coManagement: { enabled: true } }, { status: 'succeeded' }],

  // §2.2 user-driven hybrid join
  ['H-order', '§2.2 H1-H11 (§10 #3 model)', 'user-driven', hybrid, { status: 'succeeded', inOrder: ['entraSignIn', 'mdmEnrollmentHybrid', 'offlineDomainJoin', 'domainControllerCheck', 'deviceSetup', 'domainJoinRestart', 'domainLogon', 'accountSetup', 'signOutAndIn'] }],
  ['H3-no-user-entra-join', '§2.2 H3 enrollment before the AD join, no user join', 'user-driven', hybrid, { status: 'succeeded', skips: ['entraJoin'] }],
  ['H4-connector-inactive', '§2.2 H4, §8 W11 [INF]', 'user-driven', { ...hybrid, hybrid: { connector: { active: false } } }, { status: 'failed', errorCode: '0x80070774', failedPhase: 'hybridJoin', errorMessage: TEXT.hybridTimeout }],
  ['H4-quota-11th', '§2.2 H4, §8 W13 the 11th computer', 'user-driven', { ...hybrid, hybrid: { ouRightsDelegated: false, computersJoinedByConnector: 10 } }, { status: 'failed', errorCode: '0x80070774', failedPhase: 'hybridJoin' }],
  ['H4-cn-computers', '§2.2 H4 OU as CN=Computers', 'user-driven', { ...hybrid, hybrid: { ouDistinguishedName: 'CN=Computers,DC=contoso,DC=com' } }, { status: 'failed', errorCode: '0x80070774', failedPhase: 'hybridJoin' }],
  ['H4-no-domain-join-profile', '§2.2 preconditions: a Domain Join profile', 'user-driven', { ...hybrid, hybrid: { domainJoinProfileAssigned: false } }, { status: 'failed', errorCode: '0x80070774', failedPhase: 'hybridJoin' }],
  ['H-assigned-user', '§2.2 preconditions: do not assign a user (0x80070774)', 'user-driven', { ...hybrid, profile: { joinType: 'hybrid', assignedUser: 'ana@contoso.com' } }, { status: 'failed', errorCode: '0x80070774', failedPhase: 'hybridJoin' }],
  ['H5-no-dc', '§2.2 H5, §8 W1', 'user-driven', { ...hybrid, hybrid: noDc }, { status: 'failed', errorCode: '0x80070774', failedPhase: 'hybridJoin', errorMessage: TEXT.hybridTimeout }],
  ['H5-skip-check', '§2.2 H5 skip AD connectivity check = Yes', 'user-driven', { profile: { joinType: 'hybrid', skipAdConnectivityCheck: true } }, { status: 'succeeded', skips: ['domainControllerCheck'] }],
  ['H8-no-dc-no-vpn', '§2.2 H8 no DC and no VPN', 'user-driven', { profile: { joinType: 'hybrid', skipAdConnectivityCheck: true }, hybrid: noDc }, { status: 'failed', errorCode: 'DOMAIN_UNAVAILABLE' }],
  ['H8-user-certificate-vpn', '§2.2 VPN needing a user certificate', 'user-driven', { profile: { joinType: 'hybrid', skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false, vpn: 'user-certificate' } }, { status: 'failed', errorCode: 'VPN_UNSUPPORTED' }],
  ['H-co-management', '§2.2 the ConfigMgr client cannot install during hybrid', 'user-driven', { ...hybrid, coManagement: { enabled: true } }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'deviceSetup' }],
  ['H-user-context-device-app', '§2.2 H6 device-targeted user-context apps are not tracked', 'user-driven', { ...hybrid, apps: [app('Per-user', { context: 'user', installMinutes: 500 })] }, { status: 'succeeded' }],
  ['H10-admin-rights', '§2.2 H10 the forced sign-out grants admin rights', 'user-driven', { profile: { joinType: 'hybrid', userAccountType: 'administrator' } }, { status: 'succeeded', findings: [], passes: ['signOutAndIn'] }],

  // §2.3 technician flow
  ['T3-not-allowed', '§2.3 T3 0x80180005', 'pre-provisioned', { profile: { allowPreProvisioning: false } }, { status: 'failed', errorCode: '0x80180005', failedPhase: 'devicePreparation' }],
  ['T4-hybrid-no-rename', '§2.3 T4 only an Entra-join device is renamed', 'pre-provisioned', hybridPreProv(), { status: 'succeeded', skips: ['renameRestart'] }],
  ['T8-assigned-user-device-app', '§2.3 T8 device-context apps for the pre-assigned user install in the technician flow', 'pre-provisioned', preProv({ profile: { assignedUser: 'ana@contoso.com' }, apps: [app('Agent'), app('User tool', { target: 'user', context: 'device', failureProbability: 1 })] }), { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'deviceSetup', skips: ['resealScreen'] }],
  ['T8-no-assigned-user', '§2.3 T8 no user assigned: device apps only', 'pre-provisioned', preProv({ apps: [app('Agent'), app('User tool', { target: 'user', context: 'device', failureProbability: 1 })] }), { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'accountSetup', passes: ['resealScreen'] }],
  ['T4-entra-rename', '§2.3 T4 Entra join renamed and restarted', 'pre-provisioned', preProv(), { status: 'succeeded', inOrder: ['configurationScreen', 'renameRestart', 'secureHardware'] }],
  ['T5-vm', '§2.3 T5 0x800705B4', 'pre-provisioned', preProv({ hardware: { kind: 'vm' } }), { status: 'failed', errorCode: '0x800705B4', failedPhase: 'devicePreparation', errorMessage: TEXT.securingHardware }],
  ['T5-infineon', '§2.3 T5 Infineon SLB9672', 'pre-provisioned', preProv({ hardware: { tpmIssue: 'infineon-slb9672' } }), { status: 'failed', errorCode: 'TPM_ATTESTATION_TIMED_OUT', errorMessage: TEXT.attestationTimedOut }],
  ['T5-vulnerable', '§2.3 T5 0x81039024', 'pre-provisioned', preProv({ hardware: { tpmIssue: 'vulnerable-firmware' } }), { status: 'failed', errorCode: '0x81039024', failedPhase: 'devicePreparation' }],
  ['T5-amd', '§2.3 T5 0x80070490', 'pre-provisioned', preProv({ hardware: { tpmVendor: 'amd', tpmIssue: 'amd-ftpm-firmware' } }), { status: 'failed', errorCode: '0x80070490', failedPhase: 'devicePreparation' }],
  ['T5-win11-bug', '§2.3 T5 0x81039023', 'pre-provisioned', preProv({ hardware: { tpmIssue: 'win11-bug' }, os: { version: '21H2' } }), { status: 'failed', errorCode: '0x81039023', failedPhase: 'devicePreparation' }],
  ['T5-clock-skew', '§2.3 T5 clock skew', 'pre-provisioned', preProv({ network: { clockSkewMinutes: 30 } }), { status: 'failed', errorCode: 'CLOCK_SKEW', failedPhase: 'devicePreparation' }],
  ['T6-tpm-mode', '§2.3 T6 0x801c03ea', 'pre-provisioned', preProv({ hardware: { tpm: '2.0-in-1.2-mode' } }), { status: 'failed', errorCode: '0x801C03EA', failedPhase: 'devicePreparation', errorMessage: TEXT.registering }],
  ['T6-two-profiles', '§2.3 T6 two groups with different profiles', 'pre-provisioned', preProv({ registration: { conflictingProfiles: true } }), { status: 'failed', errorCode: '0x801C03EA', failedPhase: 'devicePreparation' }],
  ['T7-mdm-blocked', '§2.3 T7 MDM blocked', 'pre-provisioned', preProv({ identity: { windowsMdmBlocked: true } }), { status: 'failed', errorCode: '0x80180014', failedPhase: 'devicePreparation' }],
  ['T8-gpo', '§2.3 T8 four GPOs', 'pre-provisioned', preProv({ policies: { interactiveLogonOrUacConflict: true } }), { status: 'failed', errorCode: 'PREPROV_GPO_CONFLICT', failedPhase: 'deviceSetup' }],
  ['T8-applocker', '§2.3 T8 AppLocker CSP restart', 'pre-provisioned', preProv({ policies: { appLockerCsp: true } }), { status: 'failed', errorCode: 'APPLOCKER_CSP_REBOOT', failedPhase: 'deviceSetup' }],
  ['T8-timeout', '§2.3 T8 ESP timeout', 'pre-provisioned', preProv({ apps: [app('Suite', { installMinutes: 70 })] }), { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'deviceSetup' }],
  ['T8-no-quality-updates', '§2.3 T8 not in the technician flow', 'pre-provisioned', preProv({ esp: { installQualityUpdates: true } }), { status: 'succeeded', inOrder: ['resealScreen', 'shipped', 'qualityUpdates'] }],
  ['T9a-reseal', '§2.3 T9a green screen, Reseal, ship', 'pre-provisioned', preProv(), { status: 'succeeded', inOrder: ['resealScreen', 'shipped', 'userFlow'] }],
  ['T9b-reset-then-attestation', '§2.3 T9b Reset after an ESP failure can break attestation', 'pre-provisioned', preProv({ apps: [app('Flaky agent', { failureProbability: 1 })], people: { onError: 'reset', maxRetries: 2 } }), { status: 'failed' }],
  ['T-wlidsvc', '§2.3 wlidsvc disabled: the user flow gets standard OOBE', 'pre-provisioned', preProv({ policies: { wlidsvcDisabled: true } }), { status: 'fell-back-to-oobe' }],
  ['T-password-policy-tap', '§2.3 a password policy removes web sign-in', 'pre-provisioned', preProv({ identity: { signInMethod: 'temporary-access-pass', webSignIn: true }, policies: { deviceLock: true } }), { status: 'failed', errorCode: 'SIGN_IN_METHOD_UNSUPPORTED' }],

  // §2.4 user flow, Entra join
  ['P-order', '§2.4 P1-P7', 'pre-provisioned', preProv(), { status: 'succeeded', inOrder: ['shipped', 'userFlow', 'profileDownload', 'entraSignIn', 'deviceSetup', 'accountSetup'] }],
  ['P-too-soon', '§2.4 at least 90 minutes', 'pre-provisioned', preProv({ people: { hoursBetweenFlows: 1 } }), { status: 'succeeded', findings: ['USER_FLOW_TOO_SOON'] }],
  ['P-90-minutes', '§2.4 at least 90 minutes', 'pre-provisioned', preProv({ people: { hoursBetweenFlows: 1.5 } }), { status: 'succeeded', findings: [] }],
  ['P-after-6-months', '§2.4, §8 W27 NotComputed', 'pre-provisioned', preProv({ people: { hoursBetweenFlows: 5000 } }), { status: 'failed', errorCode: 'IME_DETECTION_NOT_COMPUTED', failedPhase: 'deviceSetup', errorMessage: TEXT.notComputed }],
  ['P4-new-app', '§2.4 P4 picks up apps added since', 'pre-provisioned', preProv({ apps: [app('Agent'), app('Later', { assignedAfterTechnicianFlow: true, failureProbability: 1 })] }), { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'deviceSetup' }],
  ['P6-user-app', '§2.4 P6 user-targeted items', 'pre-provisioned', preProv({ apps: [app('Team tool', { target: 'user', failureProbability: 1 })] }), { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'accountSetup' }],
  ['P2-tenant-mismatch', '§2.4 P2 as U2', 'pre-provisioned', preProv({ identity: { signInTenant: 'fabrikam.onmicrosoft.com' } }), { status: 'failed', errorCode: 'TENANT_MISMATCH', failedPhase: 'entraSignIn', passes: ['resealScreen'] }],
  ['P2-wrong-password', '§2.4 P2 as U2: standard retry', 'pre-provisioned', preProv({ identity: { invalidCredentialAttempts: 1 } }), { status: 'succeeded' }],
  ['P1-user-site-blocks-entra', '§2.4 P1-P2, §5.3 Entra hard', 'pre-provisioned', preProv({ userFlowNetwork: { blockedEndpoints: ['entra'] } }), { status: 'failed', errorCode: 'OOBEIDPS', failedPhase: 'entraSignIn' }],
  ['P1-user-site-blocks-autopilot', '§1.1 event 163: the profile is on disk', 'pre-provisioned', preProv({ userFlowNetwork: { blockedEndpoints: ['autopilot'] } }), { status: 'succeeded' }],
  ['P1-user-flow-wifi', '§2.4 P1 language, locale, keyboard, then the network', 'pre-provisioned', preProv({ userFlowNetwork: { connection: 'wifi' } }), { status: 'succeeded', inOrder: ['shipped', 'regionAndKeyboard', 'connectToNetwork', 'entraSignIn'] }],
  ['P1-user-flow-offline', '§2.4 P1 internet always needed', 'pre-provisioned', preProv({ userFlowNetwork: { internet: false } }), { status: 'failed', errorCode: 'USER_FLOW_NO_INTERNET' }],

  // §2.5 user flow, hybrid join (§10 #3)
  ['PH-order', '§2.5 PH1-PH5, §10 #3', 'pre-provisioned', hybridPreProv(), { status: 'succeeded', inOrder: ['userFlow', 'deviceSetup', 'domainJoinRestart', 'domainLogon', 'accountSetup', 'signOutAndIn'] }],
  ['PH2-no-entra-sign-in', '§2.5 PH2 the tutorial: straight to the ESP', 'pre-provisioned', hybridPreProv(), { status: 'succeeded', skips: ['entraSignIn'] }],
  ['PH3-no-dc', '§2.5 PH3 no DC: cannot sign in [INF]', 'pre-provisioned', hybridPreProv({ profile: { skipAdConnectivityCheck: true }, hybrid: noDc }), { status: 'failed', errorCode: 'DOMAIN_UNAVAILABLE' }],

  // §2.6 self-deploying
  ['S1-zero-touch', '§2.6 S1 Ethernet, language and keyboard preset', 'self-deploying', { profile: { hiddenPages: ['language', 'keyboard', 'eula', 'privacy', 'change-account'] } }, { status: 'succeeded', skips: ['regionAndKeyboard', 'connectToNetwork'] }],
  ['S1-wifi', '§2.6 S1 otherwise the user picks and joins Wi-Fi', 'self-deploying', { network: { connection: 'wifi' } }, { status: 'succeeded', passes: ['regionAndKeyboard', 'connectToNetwork'] }],
  ['S2-tpm-1.2', '§2.6 S2', 'self-deploying', { hardware: { tpm: '1.2' } }, { status: 'failed', errorCode: '0x800705B4', failedPhase: 'devicePreparation', errorMessage: TEXT.securingHardware }],
  ['S2-no-tpm', '§2.6 preconditions TPM 2.0', 'self-deploying', { hardware: { tpm: 'none' } }, { status: 'failed', errorCode: '0x800705B4', failedPhase: 'devicePreparation' }],
  ['S2-attestation-blocked', '§5.3 attestation hard for self-deploying', 'self-deploying', { network: { blockedEndpoints: ['tpm-attestation'] } }, { status: 'failed', errorCode: '0x800705B4', failedPhase: 'devicePreparation' }],
  ['S4-reuse', '§2.6 S4 one-time limit', 'self-deploying', { registration: { deployedBefore: 'self-deploying' } }, { status: 'failed', errorCode: '0x80180014', failedPhase: 'devicePreparation' }],
  ['S4-reuse-after-pre-provisioning', '§2.3 one-time use covers both', 'self-deploying', { registration: { deployedBefore: 'pre-provisioned' } }, { status: 'failed', errorCode: '0x80180014', failedPhase: 'devicePreparation' }],
  ['S5-app-fails', '§2.6 S5', 'self-deploying', { apps: [app('Flaky', { failureProbability: 1 })] }, { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'deviceSetup' }],
  ['S5-user-app-not-tracked', '§2.6 S5 device-targeted only', 'self-deploying', { apps: [app('Team tool', { target: 'user', failureProbability: 1 })] }, { status: 'succeeded', skips: ['accountSetup'] }],
  ['S6-kiosk', '§2.6 S6 kiosk autologon', 'self-deploying', { profile: { kioskAutologon: true } }, { status: 'succeeded' }],
  ['S6-kiosk-eas', '§2.6 EAS breaks autologon', 'self-deploying', { profile: { kioskAutologon: true }, policies: { exchangeActiveSync: true } }, { status: 'failed', errorCode: 'KIOSK_AUTOLOGON_BROKEN' }],
  ['S6-kiosk-devicelock', '§2.6 DeviceLock can break autologon', 'self-deploying', { profile: { kioskAutologon: true }, policies: { deviceLock: true } }, { status: 'failed', errorCode: 'KIOSK_AUTOLOGON_BROKEN' }],
  ['S-unlicensed-no-user', '§5.5 device-only licence', 'self-deploying', { identity: { userLicensed: false } }, { status: 'succeeded' }],

  // §2.7 existing devices
  ['E-json-only-user-driven', '§2.7, §6 note 1 JSON only: user-driven', 'existing-devices', { registration: { registered: false } }, { status: 'succeeded', followOn: 'user-driven' }],
  ['E-json-hybrid', '§2.7 JSON with CloudAssignedDomainJoinMethod=1', 'existing-devices', { registration: { registered: false }, existingDevices: { jsonProfile: { joinType: 'hybrid' } } }, { status: 'succeeded', passes: ['offlineDomainJoin'] }],
  ['E-utf8', '§2.7, §8 W45 UTF-8', 'existing-devices', { registration: { registered: false }, existingDevices: { jsonEncoding: 'utf-8' } }, { status: 'fell-back-to-oobe' }],
  ['E-unicode', '§2.7 Unicode', 'existing-devices', { registration: { registered: false }, existingDevices: { jsonEncoding: 'unicode' } }, { status: 'fell-back-to-oobe' }],
  ['E-capture-step', '§2.7 Prepare Windows for Capture deletes the JSON', 'existing-devices', { registration: { registered: false }, existingDevices: { prepareWindowsForCaptureStep: true } }, { status: 'fell-back-to-oobe' }],
  ['E-no-configmgr', '§2.7 ConfigMgr current branch', 'existing-devices', { registration: { registered: false }, existingDevices: { configMgr: false } }, { status: 'failed', errorCode: 'CONFIGMGR_REQUIRED' }],
  ['E-ts-order', '§2.7 the 15 steps', 'existing-devices', { registration: { registered: false } }, { status: 'succeeded', inOrder: ['winPe', 'applyOs', 'setupFirstBoot', 'configMgrTasks', 'sysprep', 'setupWithJson', 'profileDownload', 'entraSignIn'] }],
  ['E-speed-up-order', '§2.7 the speed-up variant', 'existing-devices', { registration: { registered: false }, existingDevices: { speedUp: true } }, { status: 'succeeded', inOrder: ['winPe', 'applyOs', 'deleteUnattend', 'setupWithJson', 'profileDownload'], skips: ['configMgrTasks', 'sysprep'] }],

  // §2.8 local reset, §2.9 remote reset
  ['RL2-not-enabled', '§2.8 RL2 disabled by default [INF]', 'reset', { reset: { kind: 'local' } }, { status: 'failed', errorCode: 'RESET_NOT_ENABLED' }],
  ['RL4-winre', '§2.8 RL4 WinRE missing: immediate failure', 'reset', { reset: { kind: 'local', winReEnabled: false }, people: { localResetAllowed: true } }, { status: 'failed', errorCode: '0x80070032', failedPhase: 'reset', errorMessage: TEXT.winRe, skips: ['pushButtonReset'] }],
  ['RL4-message-winre-fine', '§2.8 RL4 WinRE fine: admin credentials continue', 'reset', { reset: { kind: 'local', recoveryEnvironmentMessage: true }, people: { localResetAllowed: true } }, { status: 'succeeded' }],
  ['RL4-recovery-not-found', '§2.8 RL4 "Could not find the recovery environment"', 'reset', { reset: { kind: 'local', recoveryEnvironmentMessage: true, winReEnabled: false }, people: { localResetAllowed: true } }, { status: 'failed', errorCode: 'RECOVERY_ENVIRONMENT_NOT_FOUND', errorMessage: 'Autopilot reset ran into trouble. Could not find the recovery environment' }],
  ['RL5-corrupted', '§2.8 RL5 severe corruption', 'reset', { reset: { kind: 'local', osCorrupted: true }, people: { localResetAllowed: true } }, { status: 'failed', errorCode: 'RESET_OS_CORRUPTED', failedPhase: 'reset' }],
  ['RL5-uefi-lock', '§2.8 RL5 UEFI Lock on 1909 [DOC-OLD]', 'reset', { reset: { kind: 'local', uefiLockBaseline: true }, os: { windows: 10, version: '1909' }, people: { localResetAllowed: true } }, { status: 'failed', errorCode: '0xC000000F', failedPhase: 'reset' }],
  ['RL5-uefi-lock-current', '§2.8 RL5 later Windows', 'reset', { reset: { kind: 'local', uefiLockBaseline: true }, people: { localResetAllowed: true } }, { status: 'succeeded' }],
  ['RL-order', '§2.8 RL1-RL7', 'reset', { reset: { kind: 'local' }, people: { localResetAllowed: true } }, { status: 'succeeded', inOrder: ['lockScreen', 'resetSignIn', 'winRePrecheck', 'pushButtonReset', 'restoreAndSync'] }],
  ['RL7-no-esp', '§2.8 RL7, §3.1 apps not tracked after a reset', 'reset', { reset: { kind: 'local' }, people: { localResetAllowed: true } }, { status: 'succeeded', skips: ['deviceSetup', 'accountSetup'] }],
  ['RL6-sync-blocked', '§2.8 RL6 the desktop waits for the MDM sync', 'reset', { reset: { kind: 'local' }, people: { localResetAllowed: true }, network: { internet: false } }, { status: 'failed', errorCode: 'RESET_SYNC_BLOCKED' }],
  ['RR-hybrid', '§2.8, §6 note 2 no hybrid', 'reset', { reset: { kind: 'remote', currentJoin: 'hybrid' } }, { status: 'failed', errorCode: 'RESET_HYBRID_UNSUPPORTED' }],
  ['RR-not-enrolled', '§2.9 MDM-managed', 'reset', { reset: { kind: 'remote', intuneEnrolled: false } }, { status: 'failed', errorCode: 'RESET_NO_CHECK_IN', failedPhase: 'checkIn' }],
  ['RR-not-registered', '§2.9 an Autopilot device', 'reset', { reset: { kind: 'remote', forcedSync: true }, registration: { registered: false } }, { status: 'failed', errorCode: 'RESET_NOT_AUTOPILOT_DEVICE' }],
  ['RR-order', '§2.9 RR1-RR6', 'reset', { reset: { kind: 'remote' } }, { status: 'succeeded', inOrder: ['adminAction', 'pendingCheckIn', 'winRePrecheck', 'pushButtonReset', 'restoreAndSync'] }],
  ['RR-winre', '§2.9 RR3 as RL4', 'reset', { reset: { kind: 'remote', winReEnabled: false } }, { status: 'failed', errorCode: '0x80070032', errorMessage: TEXT.winRe }],
  ['RR-after-two-hours', '§2.9 about every 8 h', 'reset', { reset: { kind: 'remote', hoursSinceEnrollment: 72 } }, { status: 'succeeded', maxPhaseMinutes: { checkIn: 480 } }],
  ['RR-forced-sync', '§2.9 a forced Sync', 'reset', { reset: { kind: 'remote', hoursSinceEnrollment: 72, forcedSync: true } }, { status: 'succeeded', maxPhaseMinutes: { checkIn: 10 } }],

  // §6 capability table nuances
  ['C-pre-provisioned-hybrid-dc-user-flow-only', '§6 note 4: DC only in the user flow, §2.5 PH3 [INF]', 'pre-provisioned', hybridPreProv({ hybrid: noDc }), { status: 'failed', errorCode: 'DOMAIN_UNAVAILABLE', passes: ['resealScreen'] }],
  ['C-existing-registered-self-deploying', '§6 note 1: a registered device with a self-deploying profile', 'existing-devices', { registration: { registered: true }, profile: { deploymentMode: 'self-deploying' } }, { status: 'succeeded', skips: ['entraSignIn'] }],
  ['C-existing-json-self-deploying', '§2.7, §6 note 1: JSON supports user-driven only', 'existing-devices', { registration: { registered: false }, existingDevices: { jsonProfile: { deploymentMode: 'self-deploying' } } }, { status: 'failed' }],
  ['C-self-deploying-no-user-esp', '§6 note 3: no user ESP', 'self-deploying', { apps: [app('Team tool', { target: 'user' })] }, { status: 'succeeded', skips: ['accountSetup', 'entraSignIn'] }],
  ['C-user-driven-vm', '§6 note 5', 'user-driven', { hardware: { kind: 'vm', vCpus: 2, memoryGb: 4 } }, { status: 'succeeded' }],
  ['C-self-deploying-vm', '§6 note 5 only user-driven works on VMs', 'self-deploying', { hardware: { kind: 'vm', vCpus: 4, memoryGb: 8 } }, { status: 'failed', errorCode: '0x800705B4' }],
  ['C-apdp-unregistered', '§6 note 6: APDP needs no registration', 'device-preparation', apdp(), { status: 'succeeded' }],
  ['C-hybrid-existing-no-dc', '§6 note 7: hybrid needs a DC at user sign-in', 'existing-devices', { registration: { registered: false }, existingDevices: { jsonProfile: { joinType: 'hybrid' } }, profile: { skipAdConnectivityCheck: true }, hybrid: noDc }, { status: 'failed', errorCode: 'DOMAIN_UNAVAILABLE' }],

  // §10 conflicts: the newest reading by default, the other as an option
  ['X2-2022-wording', '§10 #2 the 2022 reading: No = only blocking apps fail', 'pre-provisioned', preProv({ readings: { onlyFailSelectedWording: '2022' }, esp: { blockingApps: 'selected', selectedApps: ['Agent'], onlyFailSelectedBlockingAppsInTechnicianPhase: false }, apps: [app('Agent'), app('Flaky', { failureProbability: 1 })] }), { status: 'succeeded' }],
  ['X6-quality-updates-new-profile', '§10 #6 new profiles: Yes', 'user-driven', { esp: { installQualityUpdates: true } }, { status: 'succeeded', passes: ['qualityUpdates'] }],
  ['X12-ltsc-win11', '§10 #12 the newer page lists Windows 11 LTSC', 'user-driven', { os: { edition: 'enterprise-ltsc', windows: 11 } }, { status: 'succeeded' }],
  ['X15-self-deploying-1803', '§10 #15 1709 for Entra', 'self-deploying', { os: { windows: 10, version: '1803' } }, { status: 'succeeded' }],
  ['X15-pre-provisioned-hybrid-1809', '§10 #15 1809 for hybrid', 'pre-provisioned', hybridPreProv({ os: { windows: 10, version: '1809' } }), { status: 'succeeded' }],
  ['X1-technician-dc-2023', '§10 #1 the 2023 reading', 'pre-provisioned', hybridPreProv({ hybrid: noDc, readings: { technicianFlowNeedsDc: true } }), { status: 'failed', errorCode: '0x80070774', skips: ['resealScreen'] }],
  ['X-one-time-limit-default', '§8 W23 the troubleshooting article: no re-enrollment, whatever the personal-device restriction', 'self-deploying', { registration: { deployedBefore: 'self-deploying' }, identity: { personalEnrollmentBlocked: false } }, { status: 'failed', errorCode: '0x80180014' }],
  ['X-one-time-limit-personal-allowed', '§2.3, §4 the other reading: personally owned devices allowed, the device enrolls again', 'self-deploying', { registration: { deployedBefore: 'self-deploying' }, readings: { oneTimeLimitNeedsPersonalBlock: true } }, { status: 'succeeded' }],
  ['X-one-time-limit-personal-blocked', '§2.3, §4 the other reading: personally owned devices blocked, 0x80180014', 'pre-provisioned', preProv({ registration: { deployedBefore: 'pre-provisioned' }, identity: { personalEnrollmentBlocked: true }, readings: { oneTimeLimitNeedsPersonalBlock: true } }), { status: 'failed', errorCode: '0x80180014' }],
  ['X1-technician-dc-newest', '§10 #1 default: not required', 'pre-provisioned', hybridPreProv({ profile: { skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false, vpn: 'win32-logon' } }), { status: 'succeeded', passes: ['resealScreen'] }],
];

describe('domain cases: each documented outcome (§1, §2, §4, §6, §10)', () => {
  it.each(CASES)('%s (%s)', (_id, _ref, scenario, env, want) => {
    expectCase(scenario, env, want);
  });
});

// What a trace shows step by step, and outcomes the notes call random, intermittent or "may" (some seed shows each side).
describe('domain cases in a trace, or with a chance in them (§1.1, §1.4, §2.1, §2.3)', () => {
  it("a deleted imported Entra object: the device-token join's 0x801C03F3 is documented (§2.3 T6, §2.6 S3); a user's join gives \"join errors\" with no code (§2.1 U3), so the same code there says it is inferred", () => {
    const deleted = { registration: { entraObjectDeleted: true } };
    const user = runner('user-driven')(deleted, 1).outcome;
    expect([user.errorCode, user.failedPhase]).toEqual(['0x801C03F3', 'identity']);
    expect(user.cause).toMatch(/\[INF\]$/);
    for (const o of [runner('self-deploying')(deleted, 1).outcome, runner('pre-provisioned')(preProv(deleted), 1).outcome]) {
      expect([o.errorCode, o.failedPhase]).toEqual(['0x801C03F3', 'devicePreparation']);
      expect(o.cause).not.toMatch(/\[INF\]/);
    }
  });
  it.each([
    ['§8 W11 the connector inactive: "typically 0x80070774 or an ESP timeout [INF]"', 'user-driven', { ...hybrid, hybrid: { connector: { active: false } } }, '0x80070774'],
    ['§2.2 H4 no connector for the domain: "not processed"', 'user-driven', { ...hybrid, hybrid: { connector: { present: false } } }, '0x80070774'],
    ['§2.2 H4 a connector older than 6.2501.2000.5: "not processed"', 'user-driven', { ...hybrid, hybrid: { connector: { version: '6.2409.1000.1' } } }, '0x80070774'],
    ['§2.2 no Domain Join profile: a precondition with no outcome', 'user-driven', { ...hybrid, hybrid: { domainJoinProfileAssigned: false } }, '0x80070774'],
    ['§2.2 H4 an OU given as CN=Computers: "join fails", no code', 'user-driven', { ...hybrid, hybrid: { ouDistinguishedName: 'CN=Computers,DC=contoso,DC=com' } }, '0x80070774'],
    ['§2.2, §3.3 co-management on hybrid: the client cannot install, the ESP waits for it', 'user-driven', { ...hybrid, coManagement: { enabled: true } }, 'ESP_TIMEOUT'],
    ['§5.3 Intune unreachable: "enrollment fails", no code (§10 #8: 80180018 the generic one)', 'user-driven', { network: { blockedEndpoints: ['intune'] } }, '80180018'],
    ['§7 personal enrollment blocked, no corporate identifier: a requirement with no outcome', 'device-preparation', apdp({ identity: { personalEnrollmentBlocked: true } }), '0x80180014'],
    ['§8 W19 the attestation endpoint blocked: "code likely 0x800705B4 or 0x801C03EA [INF code]"', 'self-deploying', { network: { blockedEndpoints: ['tpm-attestation'] } }, '0x800705B4'],
    ['§8 W19 an Intel firmware TPM\'s EK certificate URL blocked', 'self-deploying', { hardware: { tpmVendor: 'intel' }, network: { blockedEndpoints: ['ftpm-ek'] } }, '0x800705B4'],
    ['§2.5 PH3 no DC at the logon screen: "can\'t sign in [INF]"', 'pre-provisioned', hybridPreProv({ hybrid: noDc }), 'DOMAIN_UNAVAILABLE'],
    ['§8 W3 a VPN that needs a user certificate: "the domain sign-in fails [INF]"', 'user-driven', { ...hybrid, profile: { joinType: 'hybrid', skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false, vpn: 'user-certificate' } }, 'VPN_UNSUPPORTED'],
    ['§2.8 RL2, §8 W43 local reset not enabled: "the keystroke does nothing [INF]"', 'reset', { reset: { kind: 'local' }, people: { localResetAllowed: false } }, 'RESET_NOT_ENABLED'],
  ] as const)("an outcome the notes do not give says it is inferred: %s", (_what, scenario, env, code) => {
    const o = runner(scenario)(env, 1).outcome;
    expect(o.errorCode).toBe(code);
    expect(o.cause).toMatch(/\[INF\]$/);
  });
  it("a hybrid deployment that fails before its domain join is still a hybrid deployment's failure (the report names it by its profile, offlineDomainJoined); one that falls back to ordinary OOBE applied no profile", () => {
    const attestation = runner('pre-provisioned')(hybridPreProv({ hardware: { kind: 'vm' } }), 1).outcome;
    expect([attestation.status, attestation.errorCode, attestation.joinType]).toEqual(['failed', '0x800705B4', 'hybrid']);
    const signIn = runner('user-driven')({ ...hybrid, identity: { signInTenant: 'fabrikam.onmicrosoft.com' } }, 1).outcome;
    expect([signIn.errorCode, signIn.joinType]).toEqual(['TENANT_MISMATCH', 'hybrid']);
    expect(runner('user-driven')({ ...hybrid, registration: { registered: false } }, 1).outcome).toMatchObject({ status: 'fell-back-to-oobe', joinType: 'entra' });
  });
  it('a critical update restarts the device and the profile is downloaded again after it (§1.1 steps 3-4)', () => {
    const run = runner('user-driven');
    const seed = findSeed((s) => run({}, s), (sim) => visits(sim, 'updateRestart'));
    expect(seed).toBeDefined();
    const sim = run({}, seed!);
    expect(sim.trace.filter((t) => t.state.endsWith('profileDownload')).length).toBe(2);
    expect(sim.outcome.status).toBe('succeeded');
  });
  it('with Windows Update unreachable the deployment carries on without critical updates (§1.1 step 4, §8 W21)', () => {
    const run = runner('user-driven');
    for (let seed = 1; seed <= 40; seed++) {
      const sim = run({ network: { blockedEndpoints: ['windows-update'] } }, seed);
      expect([visits(sim, 'updateRestart'), sim.outcome.status]).toEqual([false, 'succeeded']);
    }
  });
  it('a profile that hides every page leaves no OOBE page to answer (§1.1 step 6, §5.6)', () => {
    const sim = runner('user-driven')({ profile: { hiddenPages: ['language', 'keyboard', 'eula', 'privacy', 'change-account'] } }, 1);
    expect(sim.trace.map((t) => t.event)).toContain('oobe.pagesSkipped');
    expect(sim.trace.map((t) => t.event)).not.toContain('user.oobePagesCompleted');
  });
  it('a pre-provisioned device\'s user flow has its profile on disk: event 163 (§1.1)', () => {
    const sim = runner('pre-provisioned')(preProv(), 1);
    const download = sim.trace.find((t) => t.state.includes('userFlow') && t.event === 'profile.downloaded');
    expect(download?.detail).toMatch(/event 163/);
  });
  it('Win32 and LOB apps in one ESP clash at random: "Another installation is in progress" fails the ESP, or both install (§2.1 U6, §3.3)', () => {
    const run = runner('user-driven');
    const env = { apps: [app('Agent'), app('Legacy', { type: 'msi-lob' })] };
    const clash = findSeed((s) => run(env, s), (sim) => sim.outcome.status === 'failed');
    const none = findSeed((s) => run(env, s), (sim) => sim.outcome.status === 'succeeded');
    expect([clash, none].every((s) => s !== undefined)).toBe(true);
    const o = run(env, clash!).outcome;
    expect([o.errorCode, o.errorMessage, o.failedPhase]).toEqual(['ANOTHER_INSTALLATION_IN_PROGRESS', 'Another installation is in progress, please try again later', 'deviceSetup']);
  });
  it("a required MSI app the ESP does not wait for still installs in it and can clash with a tracked Win32 app; a Win32 app it does not wait for installs after it and cannot (§3.2 Selected, §3.3, §8 W17)", () => {
    const run = runner('user-driven');
    const msiBeside = { esp: { blockingApps: 'selected', selectedApps: ['Agent'] }, apps: [app('Agent'), app('Legacy', { type: 'msi-lob' })] };
    const clash = findSeed((s) => run(msiBeside, s), (sim) => sim.outcome.status === 'failed');
    expect(clash).toBeDefined();
    expect(run(msiBeside, clash!).outcome.errorCode).toBe('ANOTHER_INSTALLATION_IN_PROGRESS');
    // Only non-blocking Win32, Store and EAM apps wait for after the ESP: beside a blocking MSI app, a non-blocking Win32 app never clashes.
    const win32After = { esp: { blockingApps: 'selected', selectedApps: ['Legacy'] }, apps: [app('Agent'), app('Legacy', { type: 'msi-lob' })] };
    for (let seed = 1; seed <= 30; seed++) expect(run(win32After, seed).outcome.status).toBe('succeeded');
  });
  it('the deployments report keeps an early failure after Retry succeeds (§1.4; §2.3 T5 0x81039001 "retrying may work")', () => {
    const run = runner('pre-provisioned');
    const env = preProv({ hardware: { tpmIssue: 'intermittent' }, people: { onError: 'retry', maxRetries: 3 } });
    const seed = findSeed((s) => run(env, s), (sim) => sim.outcome.status === 'succeeded' && !sim.outcome.firstTimeRight);
    expect(seed).toBeDefined();
    const o = run(env, seed!).outcome;
    expect([o.status, o.firstTimeRight, o.firstError]).toEqual(['succeeded', false, '0x81039001']);
    expect(lookup('0x81039001')!.message).toContain('E_AUTOPILOT_CLIENT_TPM_MAX_ATTESTATION_RETRY_EXCEEDED');
  });
  it('an ESP timeout from a large app: the error page with the default text and the buttons the profile allows, Collect logs among them; the report records the failure (§8 W15)', () => {
    const large = { scenario: 'user-driven' as const, apps: [{ name: 'Engineering suite', type: 'win32' as const, installMinutes: 200 }] };
    const pageOf = (esp: Record<string, boolean>) => {
      const s = new Session({ ...large, esp }, 1);
      const page = s.trace.find((e) => e.screen === 'espError')!;
      // What can be pressed besides what the run does next (the person gives up, the default).
      return { s, offered: s.choicesFor(page).map((c) => c.id.replace('choose:', '')).sort() };
    };
    const none = pageOf({ allowReset: false, allowContinueAnyway: false, collectLogs: false });
    const all = pageOf({ allowReset: true, allowContinueAnyway: true, collectLogs: true });
    expect(none.offered).toEqual(['user.retry']);
    expect(all.offered).toEqual(['user.collectLogs', 'user.continueAnyway', 'user.resetDevice', 'user.retry']);
    const o = all.s.outcome;
    expect([o.status, o.errorCode, o.failedPhase, o.errorMessage, o.firstTimeRight]).toEqual(['failed', 'ESP_TIMEOUT', 'deviceSetup', ESP_DEFAULT_MESSAGE, false]);
  });
  it('username pre-population: only the assigned user, only on an OEM that opted in, not under ADFS (§1.3, §2.1 U2, §2.4 P2, §10 #5)', () => {
    const signIn = (scenario: 'user-driven' | 'pre-provisioned', env: Record<string, unknown>) =>
      runner(scenario)(env, 1).trace.filter((t) => t.event === 'user.signedIn').map((t) => t.detail ?? null);
    const ana = { profile: { assignedUser: 'ana@contoso.com' } };
    const optedIn = { registration: { oemAutoReenrollment: true } };
    expect(signIn('user-driven', { ...ana, ...optedIn })).toEqual(['the username ana@contoso.com is pre-filled: an OEM that opted in']);
    expect(signIn('user-driven', ana)).toEqual([null]);
    expect(signIn('user-driven', optedIn)).toEqual([null]);
    expect(signIn('user-driven', { ...ana, ...optedIn, identity: { federation: 'adfs' } })).toEqual([null]);
    // The pre-provisioned device's user flow (P2): the user signs in once, pre-filled.
    expect(signIn('pre-provisioned', preProv({ ...optedIn, profile: { allowPreProvisioning: true, assignedUser: 'ana@contoso.com' } }))).toEqual(['the username ana@contoso.com is pre-filled: an OEM that opted in']);
  });
  it('a quality-update restart means no automatic sign-in (§2.1 U7, §3.2)', () => {
    const run = runner('user-driven');
    const env = { esp: { installQualityUpdates: true } };
    const restart = findSeed((s) => run(env, s), (sim) => sim.trace.some((t) => t.event === 'wu.updatesInstalledRestart'));
    const none = findSeed((s) => run(env, s), (sim) => sim.trace.some((t) => t.event === 'wu.updatesInstalled'));
    expect([restart, none].every((s) => s !== undefined)).toBe(true);
    expect(visits(run(env, restart!), 'reenterCredentials')).toBe(true);
    expect(visits(run(env, none!), 'reenterCredentials')).toBe(false);
  });
});

// §4: each code's message as the notes write it, and the phase it belongs to.
describe('domain cases: the error and message catalogue (§4)', () => {
  const ROWS: Array<[id: string, message: string, phase: string]> = [
    ['0x800705B4', 'Securing your hardware (Failed: 0x800705b4)', 'devicePreparation'],
    ['0x801C03EA', 'Registering your device for mobile management (Failed: 3, 0x801C03EA)', 'devicePreparation'],
    ['TPM_ATTESTATION_TIMED_OUT', 'Something happened, and TPM attestation timed out.', 'devicePreparation'],
    ['0x80180014', 'There was a problem. Your organization does not support this version of Windows. (0x80180014)', 'devicePreparation'],
    ['80180018', 'Something went wrong', 'identity'],
    ['0x8018002b', 'Auto MDM Enroll: Failed', 'identity'],
    ['8018000a', 'The device is already enrolled.', 'identity'],
    ['0x8007064c', 'The machine is already enrolled.', 'identity'],
    ['801C0003', "This user isn't authorized to enroll, error code 801c0003", 'identity'],
    ['0x80070774', 'Something went wrong. Confirm you are using the correct sign-in information and that your organization uses this feature…', 'hybridJoin'],
    ['ODJ_CONNECTOR_30132', 'Failed to get the ODJ Blob. The ODJ connector does not have sufficient privileges…', 'connector'],
    ['OOBEIDPS', 'Something went wrong. OOBEIDPS', 'identity'],
    ['SOMETHING_WENT_WRONG', 'Something went wrong', 'identity'],
    ['MDM_TERMS_OF_USE', "Something went wrong / Can't connect to the URL of your organization's MDM terms of use…", 'identity'],
    ['ACCOUNT_NOT_ALLOWED', 'This account is not allowed on this phone…', 'identity'],
    ['TENANT_MISMATCH', 'That username looks like it belongs to another organization. Try signing in again or start over with a different account.', 'identity'],
    ['ESP_TIMEOUT', ESP_DEFAULT_MESSAGE, 'deviceSetup'],
    ['ANOTHER_INSTALLATION_IN_PROGRESS', 'Another installation is in progress, please try again later', 'deviceSetup'],
    ['IME_DETECTION_NOT_COMPUTED', '[Win32App][DetectionActionHandler] Detection for policy with id: <id> resulted in action status: Failed and detection state: NotComputed.', 'deviceSetup'],
    ['0x80070032', 'Ran into trouble. Please sign in with an administrator account to see why and reset manually.', 'reset'],
    ['RECOVERY_ENVIRONMENT_NOT_FOUND', 'Autopilot reset ran into trouble. Could not find the recovery environment', 'reset'],
    ['VM_MDM_PREPARATION', 'Preparing your device for mobile management', 'devicePreparation'],
    ['HASH_IMPORT_400', "Cannot convert the literal '[DEVICEHASH]' to the expected type 'Edm.Binary'", 'portal'],
    ['PROFILE_CREATE_ERROR', 'An error occurred while creating Autopilot profile.', 'portal'],
    ['APDP_ASSIGN_PERMISSION', 'Unable to save group assignment for <policy_name>. You do not have permission…', 'portal'],
  ];
  it.each(ROWS)('%s: its message and phase', (id, message, phase) => {
    const entry = lookup(id);
    expect([entry?.message, entry?.phase]).toEqual([message, phase]);
  });
  it('80180018 is the generic failed MDM enrollment (§10 #8): Intune blocked or in an incident fails with it, and its entry does not send the admin to the licence alone', () => {
    // §5.3 Intune unreachable: "enrollment fails", with no code of its own; Microsoft's list names only a licence and too many devices.
    for (const [scenario, env] of [['user-driven', { network: { blockedEndpoints: ['intune'] } }], ['self-deploying', { network: { blockedEndpoints: ['intune'] } }]] as const) {
      expect(runner(scenario)(env).outcome.errorCode).toBe('80180018');
    }
    const entry = lookup('80180018')!;
    expect(entry.meaning).toMatch(/licence/);
    expect(entry.meaning).toMatch(/Intune's endpoints blocked or an Intune incident/);
    expect(entry.remedy).toMatch(/endpoints/);
  });
  it('the two codes no listed document confirms are left out (0x80004005, 0x8018002A)', () => {
    const ids = Object.keys(catalog).map((id) => id.toLowerCase());
    expect(ids.filter((id) => id === '0x80004005' || id === '0x8018002a')).toEqual([]);
  });
  it('the Autopilot event ids, their levels and names (§4 events)', () => {
    const levels = Object.fromEntries(Object.values(autopilotEvents).map((e) => [e.id, e.level]));
    expect(levels).toEqual({ 100: 'warning', 101: 'info', 103: 'info', 109: 'info', 111: 'info', 153: 'info', 160: 'info', 161: 'info', 163: 'info', 164: 'info', 171: 'error', 172: 'error', 807: 'error', 809: 'error', 815: 'error', 908: 'error' });
    expect([autopilotEvents[807]!.name, autopilotEvents[815]!.name]).toEqual(['ZtdDeviceIsNotRegistered', 'ZtdDeviceHasNoAssignedProfile']);
  });
});

// §9: the documented timers exactly; the estimates only inside their range, and marked as estimates.
describe('domain cases: timers and estimates (§9)', () => {
  const SEEDS = Array.from({ length: 100 }, (_, i) => i + 1);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const minutesIn = (name: string) => (sim: ReturnType<ReturnType<typeof runner>>) =>
    sim.trace.reduce((sum, t, i, all) => (i + 1 < all.length && t.state.split('.').includes(name) ? sum + (all[i + 1]!.at - t.at) / 60_000 : sum), 0);

  it('the ESP timeout is 60 minutes by default, one per phase (§9.1, §10 #11)', () => {
    expect(environment('user-driven')().esp.timeoutMinutes).toBe(60);
  });
  it('Windows quality updates add 20-40 minutes (§9.1, documented)', () => {
    expect(DURATIONS.qualityUpdates.estimate).toBe(false);
    const run = runner('user-driven');
    const spent = SEEDS.map((s) => minutesIn('qualityUpdates')(run({ esp: { installQualityUpdates: true } }, s)));
    expect([Math.min(...spent) >= 20, Math.max(...spent) <= 40]).toEqual([true, true]);
  });
  it('first-boot TPM provisioning: the notes document only "more than a minute", so its spread is an estimate over that floor (§5.2, §9.1)', () => {
    const d: { estimate: boolean; duration: Duration } = DURATIONS.firstBootTpmProvisioning;
    expect([d.estimate, typeof d.duration === 'object' && 'triangular' in d.duration && d.duration.triangular[0] >= 1]).toEqual([true, true]);
  });
  // §9.2 [GUESS] rows the model takes as its defaults: [min, mode, max] in minutes, each marked an estimate.
  it.each([
    ['profileDownload', '10 s (2-60 s)', [0.03, 0.17, 1]],
    ['criticalUpdateCheck', '30 s (10-120 s)', [0.17, 0.5, 2]],
    ['restart', '1.5 min (0.5-4)', [0.5, 1.5, 4]],
    ['entraSignIn', '1 min (0.5-5)', [0.5, 1, 5]],
    ['tpmAttestation', '1 min (0.3-5)', [0.3, 1, 5]],
    ['imeInstall', '3 min (1-10)', [1, 3, 10]],
    ['odjBlob', '3 min (1-15)', [1, 3, 15]],
    ['pushButtonReset', '30 min (15-60)', [15, 30, 60]],
  ] as const)('%s: %s [GUESS]', (name, _words, triangular) => {
    expect(DURATIONS[name]).toMatchObject({ estimate: true, duration: { triangular } });
  });
  it('first-boot TPM provisioning adds more than a minute to attestation (§5.2, §9.1)', () => {
    const run = runner('self-deploying');
    const extra = SEEDS.map((s) => minutesIn('secureHardware')(run({ hardware: { firstBootTpmProvisioning: true } }, s)) - minutesIn('secureHardware')(run({}, s)));
    expect(Math.min(...extra)).toBeGreaterThanOrEqual(1);
  });
  it('a remote reset waits for the next check-in: every 3 min for 15 min, every 15 min for 2 h, then about every 8 h (§2.9, §9.1)', () => {
    const run = runner('reset');
    const longest = (hours: number) => Math.max(...SEEDS.map((s) => run({ reset: { kind: 'remote', hoursSinceEnrollment: hours } }, s).outcome.phaseMinutes.checkIn ?? 0));
    expect([longest(0.2) <= 3, longest(0.3) <= 15, longest(2.2) <= 15, longest(2.3) > 15, longest(2.3) <= 480]).toEqual([true, true, true, true, true]);
  });
  it('the existing devices speed-up saves about 20 minutes (§2.7, §9.1)', () => {
    const run = runner('existing-devices');
    const ts = (speedUp: boolean) => median(SEEDS.map((s) => run({ registration: { registered: false }, existingDevices: { speedUp } }, s).outcome.phaseMinutes.taskSequence!));
    expect(ts(false) - ts(true)).toBeGreaterThan(15);
    expect(ts(false) - ts(true)).toBeLessThan(25);
  });
  // §9.2 [GUESS]: each scenario's median run sits inside the notes' range.
  it.each([
    ['user-driven Entra, a modest app set: 30 min (15-60)', 'user-driven', {}, 'totalMinutes', 15, 60],
    ['hybrid user-driven: 60 min (40-120)', 'user-driven', hybrid, 'totalMinutes', 40, 120],
    ['technician flow: 30 min (15-90)', 'pre-provisioned', preProv(), 'technicianMinutes', 15, 90],
    ['user flow after pre-provisioning: 10 min (5-30)', 'pre-provisioned', preProv(), 'endUserMinutes', 5, 30],
    ['self-deploying kiosk: 20 min (10-45)', 'self-deploying', { profile: { kioskAutologon: true } }, 'totalMinutes', 10, 45],
  ] as const)('%s [GUESS]', (_label, scenario, env, figure, low, high) => {
    const run = runner(scenario);
    const m = median(SEEDS.map((s) => run(env, s).outcome[figure]));
    expect([m >= low, m <= high]).toEqual([true, true]);
  });
  it('the existing-devices task sequence, 60 min (30-120), and Autopilot Reset, 30 min (15-60) [GUESS]', () => {
    const ts = median(SEEDS.map((s) => runner('existing-devices')({ registration: { registered: false } }, s).outcome.phaseMinutes.taskSequence!));
    const pbr = median(SEEDS.map((s) => minutesIn('pushButtonReset')(runner('reset')({ reset: { kind: 'local' }, people: { localResetAllowed: true } }, s))));
    expect([ts >= 30 && ts <= 120, pbr >= 15 && pbr <= 60]).toEqual([true, true]);
    expect([DURATIONS.pushButtonReset.estimate, DURATIONS.profileDownload.estimate, DURATIONS.restart.estimate]).toEqual([true, true, true]);
  });
});

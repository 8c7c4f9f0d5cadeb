// Cases written as scenario files from the published schema alone (schema/scenario.schema.json), run with
// `autopilot-sim simulate FILE --json` and compared with domain/autopilot.md: device preparation (§7), Autopilot Reset
// local and remote (§2.8, §2.9), existing devices (§2.7), self-deploying and pre-provisioning (§2.3-§2.6), the ESP's timers
// and buttons (§3), and the catalogue's codes with their messages (§4). Each is the file's settings over the scenario's
// defaults and what the notes give for it: `inferred` where the notes give no outcome (the cause ends with [INF]),
// `says` for words the device shows or the run narrates. test/machines/domain-cases*.test.ts hold the earlier ones.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/environment/load.ts';
import { expectCase, type Case } from './helpers.ts';

const CASES: Case[] = [
  ['apdp-win10', '§7 not supported: Windows 10', 'device-preparation', { registration: { registered: false }, os: { windows: 10, version: '22H2' } }, { status: 'fell-back-to-oobe' }],
  ['apdp-22h2-kb', '§7 22H2 with KB5035942', 'device-preparation', { registration: { registered: false }, os: { version: '22H2', march2024Update: true } }, { status: 'succeeded' }],
  ['apdp-22h2-no-kb', '§7 22H2 without KB5035942', 'device-preparation', { registration: { registered: false }, os: { version: '22H2', march2024Update: false } }, { status: 'fell-back-to-oobe' }],
  ['apdp-25h2', '§7 24H2+', 'device-preparation', { registration: { registered: false }, os: { version: '25H2' } }, { status: 'succeeded' }],
  ['apdp-timeout-15', '§7 15 minutes, whole deployment', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', timeoutMinutes: 15 }] }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 20 }] }, { status: 'failed', errorCode: 'APDP_TIMEOUT', inferred: false }],
  ['apdp-timeout-720', '§7 720 minutes', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', timeoutMinutes: 720 }] }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 300 }] }, { status: 'succeeded' }],
  ['apdp-custom-message', '§7 custom error message', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', customMessage: 'Call 555-0100.', scripts: [{ name: 'a.ps1', failureProbability: 1 }] }] } }, { status: 'failed', errorCode: 'APDP_SCRIPT_FAILED', failedPhase: 'scriptsInstallation', says: 'Call 555-0100.' }],
  ['apdp-retry-then-fails', '§7 Retry', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', scripts: [{ name: 'a.ps1', failureProbability: 1 }] }] }, people: { onError: 'retry', maxRetries: 2 } }, { status: 'failed', errorCode: 'APDP_SCRIPT_FAILED', reachedDesktop: false }],
  ['apdp-continue-without-allow', '§7 no Continue anyway unless allowed', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', allowSkip: false, apps: ['Broken'] }] }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }], people: { onError: 'continue' } }, { status: 'failed', errorCode: 'APDP_APP_FAILED', reachedDesktop: false }],
  ['apdp-continue-allowed-app', '§7 allow skip after multiple attempts', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', allowSkip: true }] }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }], people: { onError: 'continue' } }, { status: 'failed', errorCode: 'APDP_APP_FAILED', reachedDesktop: true }],
  ['apdp-no-reset-button', '§7 no reset on its error page', 'device-preparation', { registration: { registered: false }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }], esp: { allowReset: true }, people: { onError: 'reset' } }, { status: 'failed', errorCode: 'APDP_APP_FAILED', reachedDesktop: false }],
  ['apdp-lob-before-scripts', '§7 steps 7-9 order', 'device-preparation', { registration: { registered: false }, apps: [{ name: 'Legacy', type: 'msi-lob' }, { name: 'Tool', type: 'win32' }], devicePreparation: { policies: [{ name: 'Contoso laptops', scripts: [{ name: 'a.ps1' }] }] } }, { status: 'succeeded', inOrder: ['lobApps', 'scripts', 'win32Apps'] }],
  ['apdp-m365-fails', '§7 step 7 M365', 'device-preparation', { registration: { registered: false }, apps: [{ name: 'Microsoft 365 Apps', type: 'm365', failureProbability: 1 }] }, { status: 'failed', errorCode: 'APDP_APP_FAILED', failedPhase: 'appsInstallation' }],
  ['apdp-win32-fails', '§7 step 9', 'device-preparation', { registration: { registered: false }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }] }, { status: 'failed', errorCode: 'APDP_APP_FAILED', failedPhase: 'appsInstallation' }],
  ['apdp-role-assignable', '§7 group not role-assignable', 'device-preparation', { registration: { registered: false }, devicePreparation: { deviceGroup: { roleAssignable: true } } }, { status: 'succeeded', findings: ['APDP_DEVICE_GROUP_SKIPPED'] }],
  ['apdp-no-owner', '§7, W57 Intune Provisioning Client owner', 'device-preparation', { registration: { registered: false }, devicePreparation: { deviceGroup: { provisioningClientOwner: false } } }, { status: 'succeeded' }],
  ['apdp-local-admin-none', '§7 local-admin conflict: None', 'device-preparation', { registration: { registered: false }, devicePreparation: { entraLocalAdmin: 'none' } }, { status: 'succeeded', findings: ['APDP_LOCAL_ADMIN_CONFLICT'] }],
  ['apdp-local-admin-none-admin', '§7 Administrator policy, None', 'device-preparation', { registration: { registered: false }, devicePreparation: { entraLocalAdmin: 'none', policies: [{ name: 'Contoso laptops', accountType: 'administrator' }] } }, { status: 'succeeded' }],
  ['apdp-personal-blocked', '§7 personal blocked without corporate identifier', 'device-preparation', { registration: { registered: false }, identity: { personalEnrollmentBlocked: true } }, { status: 'failed', errorCode: '0x80180014', inferred: true }],
  ['apdp-co-management', '§7 co-management not supported [INF]', 'device-preparation', { registration: { registered: false }, coManagement: { enabled: true } }, { status: 'succeeded', findings: ['APDP_CO_MANAGEMENT_UNSUPPORTED'] }],
  ['apdp-w365-app-fails', '§7 automatic: Apps installation', 'device-preparation', { registration: { registered: false }, devicePreparation: { mode: 'automatic' }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }] }, { status: 'failed', errorCode: 'APDP_APP_FAILED', failedPhase: 'appsInstallation' }],
  ['apdp-w365-home', '§7 editions as for classic Autopilot: Home fails enrollment (§1.3, W35)', 'device-preparation', { registration: { registered: false }, devicePreparation: { mode: 'automatic' }, os: { edition: 'home' } }, { status: 'failed', errorCode: '0x80180022', failedPhase: 'cloudPc', inferred: false }],
  ['apdp-w365-priority-ignored', '§7 automatic: priority does not apply', 'device-preparation', { registration: { registered: false }, devicePreparation: { mode: 'automatic', policies: [{ name: 'A', priority: 1 }, { name: 'B', priority: 2 }] } }, { status: 'succeeded' }],
  ['apdp-w365-unregistered-irrelevant', '§7 automatic mode on a registered device', 'device-preparation', { registration: { registered: true }, devicePreparation: { mode: 'automatic' } }, { status: 'succeeded' }],
  ['apdp-deregistered', '§7 deregister to use APDP', 'device-preparation', { registration: { registered: false } }, { status: 'succeeded', skips: ['deviceEsp'] }],
  ['apdp-registered-no-profile-faq', '§7, readings FAQ', 'device-preparation', { registration: { registered: true, profileStatus: 'not-assigned', defaultProfile: false }, readings: { registeredDeviceRunsDevicePreparation: true } }, { status: 'succeeded' }],
  ['apdp-registered-default-profile', '§1.2 default profile wins', 'device-preparation', { registration: { registered: true, profileStatus: 'not-assigned', defaultProfile: true } }, { status: 'succeeded', followOn: 'classic user-driven' }],
  ['apdp-tpm-none', '§7 no TPM needed (user-driven)', 'device-preparation', { registration: { registered: false }, hardware: { tpm: 'none' } }, { status: 'succeeded' }],
  ['apdp-mfa-tenant-mismatch', '§1.1 tenant check: not APDP (not registered)', 'device-preparation', { registration: { registered: false }, identity: { signInTenant: 'fabrikam.onmicrosoft.com' } }, { status: 'fell-back-to-oobe' }],
  ['apdp-mdm-scope-none', '§7 automatic MDM enrollment', 'device-preparation', { registration: { registered: false }, identity: { mdmUserScope: 'none' } }, { status: 'failed', errorCode: '0x8018002b' }],
  ['apdp-device-cap', '§1.3 Entra cap', 'device-preparation', { registration: { registered: false }, identity: { userDeviceCount: 50 } }, { status: 'failed', errorCode: '801C0003' }],
  ['reset-local-winre-off', '§2.8 RL4 0x80070032', 'reset', { reset: { kind: 'local', winReEnabled: false }, people: { localResetAllowed: true } }, { status: 'failed', errorCode: '0x80070032', failedPhase: 'reset', says: 'Ran into trouble. Please sign in with an administrator account to see why and reset manually.' }],
  ['reset-local-not-enabled', '§2.8 RL2 [INF]', 'reset', { reset: { kind: 'local' } }, { status: 'failed', errorCode: 'RESET_NOT_ENABLED', inferred: true }],
  ['reset-local-corrupted', '§2.8 RL5 severe corruption', 'reset', { reset: { kind: 'local', osCorrupted: true }, people: { localResetAllowed: true } }, { status: 'failed', errorCode: 'RESET_OS_CORRUPTED' }],
  ['reset-remote-corrupted', '§2.9 RR3-5 as RL5', 'reset', { reset: { kind: 'remote', osCorrupted: true, forcedSync: true } }, { status: 'failed', errorCode: 'RESET_OS_CORRUPTED' }],
  ['reset-remote-hybrid', '§2.9 hybrid not supported', 'reset', { reset: { kind: 'remote', currentJoin: 'hybrid', forcedSync: true } }, { status: 'failed', errorCode: 'RESET_HYBRID_UNSUPPORTED' }],
  ['reset-remote-8h', '§2.9 about every 8 h', 'reset', { reset: { kind: 'remote', hoursSinceEnrollment: 72 } }, { status: 'succeeded', maxPhaseMinutes: { checkIn: 480 } }],
  ['reset-remote-forced-sync', '§2.9 forced Sync', 'reset', { reset: { kind: 'remote', forcedSync: true } }, { status: 'succeeded', maxPhaseMinutes: { checkIn: 10 } }],
  ['reset-uefi-lock-24h2', '§2.8 RL5 [DOC-OLD] only 1909', 'reset', { reset: { kind: 'local', uefiLockBaseline: true }, people: { localResetAllowed: true } }, { status: 'succeeded' }],
  ['reset-uefi-lock-1909', '§2.8 RL5 BSOD', 'reset', { os: { windows: 10, version: '1909' }, reset: { kind: 'local', uefiLockBaseline: true }, people: { localResetAllowed: true } }, { status: 'failed', errorCode: '0xC000000F' }],
  ['reset-recovery-message-winre-fine', '§2.8 RL4 if WinRE is fine, admin credentials continue', 'reset', { reset: { kind: 'local', winReEnabled: true, recoveryEnvironmentMessage: true }, people: { localResetAllowed: true } }, { status: 'succeeded' }],
  ['reset-recovery-message-remote', '§2.8 RL4 Could not find the recovery environment', 'reset', { reset: { kind: 'remote', winReEnabled: false, recoveryEnvironmentMessage: true, forcedSync: true } }, { status: 'failed', errorCode: 'RECOVERY_ENVIRONMENT_NOT_FOUND', says: 'Autopilot reset ran into trouble. Could not find the recovery environment' }],
  ['reset-not-registered', '§2.9 Autopilot device', 'reset', { registration: { registered: false }, reset: { kind: 'remote', forcedSync: true } }, { status: 'failed', errorCode: 'RESET_NOT_AUTOPILOT_DEVICE' }],
  ['reset-with-apps', '§2.8 RL7 apps not tracked', 'reset', { reset: { kind: 'local' }, people: { localResetAllowed: true }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }] }, { status: 'succeeded', skips: ['esp'] }],
  ['reset-intune-blocked-remote', '§2.9 check-in', 'reset', { reset: { kind: 'remote', forcedSync: true }, network: { blockedEndpoints: ['intune'] } }, { status: 'failed', errorCode: 'RESET_NO_CHECK_IN' }],
  ['reset-local-not-enrolled', '§2.8 Intune-enrolled', 'reset', { reset: { kind: 'local', intuneEnrolled: false }, people: { localResetAllowed: true } }, { status: 'failed', errorCode: 'RESET_NOT_ENROLLED', inferred: true }],
  ['reset-vm', '§2.8 no TPM requirement', 'reset', { hardware: { kind: 'vm', tpm: 'none' }, reset: { kind: 'local' }, people: { localResetAllowed: true } }, { status: 'succeeded' }],
  ['ed-json-self-deploying', '§2.7 JSON: user-driven only', 'existing-devices', { registration: { registered: false }, existingDevices: { jsonProfile: { deploymentMode: 'self-deploying' } } }, { status: 'failed', errorCode: 'JSON_PROFILE_UNSUPPORTED', inferred: true }],
  ['ed-json-pre-provisioned', '§2.7 JSON: user-driven only', 'existing-devices', { registration: { registered: false }, existingDevices: { jsonProfile: { deploymentMode: 'pre-provisioned' } } }, { status: 'failed', errorCode: 'JSON_PROFILE_UNSUPPORTED', inferred: true }],
  ['ed-registered-self-deploying', '§2.7 cloud self-deploying profile wins', 'existing-devices', { registration: { registered: true }, profile: { deploymentMode: 'self-deploying' }, existingDevices: { jsonProfile: { deploymentMode: 'user-driven' } } }, { status: 'succeeded', followOn: 'self-deploying' }],
  ['ed-hybrid-dj-device-group', '§2.7, §10 #14 Domain Join to All Devices', 'existing-devices', { registration: { registered: false }, existingDevices: { jsonProfile: { joinType: 'hybrid' } }, hybrid: { domainJoinProfileTarget: 'device-group' } }, { status: 'failed', errorCode: '0x80070774' }],
  ['ed-hybrid-dj-all', '§2.7 hybrid JSON', 'existing-devices', { registration: { registered: false }, existingDevices: { jsonProfile: { joinType: 'hybrid' } }, hybrid: { domainJoinProfileTarget: 'all-devices' } }, { status: 'succeeded' }],
  ['ed-hybrid-no-dc', '§2.7 → §2.2 H5', 'existing-devices', { registration: { registered: false }, existingDevices: { jsonProfile: { joinType: 'hybrid' } }, hybrid: { dcLineOfSight: false } }, { status: 'failed', errorCode: '0x80070774' }],
  ['ed-shutdown', '§2.7 restart vs shutdown', 'existing-devices', { registration: { registered: false }, existingDevices: { finishWith: 'shutdown' } }, { status: 'succeeded' }],
  ['ed-capture-default-ts', '§2.7 trap: generalize deletes the JSON', 'existing-devices', { registration: { registered: false }, existingDevices: { prepareWindowsForCaptureStep: true } }, { status: 'fell-back-to-oobe' }],
  ['ed-win10', '§2.7 supported image', 'existing-devices', { registration: { registered: false }, os: { windows: 10, version: '22H2' } }, { status: 'succeeded' }],
  ['ed-registered-download-fails', '§1.2 JSON used if the download times out', 'existing-devices', { registration: { registered: true }, network: { blockedEndpoints: ['autopilot'] } }, { status: 'succeeded' }],
  ['ed-json-user-driven-tpm-none', '§2.7 no TPM', 'existing-devices', { registration: { registered: false }, hardware: { tpm: 'none', kind: 'vm' } }, { status: 'succeeded' }],
  ['ed-mdm-blocked', '§1.3 MDM blocked', 'existing-devices', { registration: { registered: false }, identity: { windowsMdmBlocked: true } }, { status: 'failed', errorCode: '0x80180014' }],
  ['sd-assigned-user-ignored', '§2.6 S5 assigned user ignored', 'self-deploying', { profile: { assignedUser: 'ana@contoso.com' } }, { status: 'succeeded' }],
  ['sd-unlicensed', '§5.5 device-only licence', 'self-deploying', { identity: { userLicensed: false } }, { status: 'succeeded' }],
  ['sd-vm-vtpm', '§2.6 VM with vTPM', 'self-deploying', { hardware: { kind: 'vm', tpm: '2.0' } }, { status: 'failed', errorCode: '0x800705B4', failedPhase: 'devicePreparation', says: 'Securing your hardware (Failed: 0x800705b4)' }],
  ['sd-intermittent', '§4 0x81039001', 'self-deploying', { hardware: { tpmIssue: 'intermittent' } }, { status: 'failed', errorCode: '0x81039001' }],
  ['sd-timeout-continue', '§3.2 continue anyway self-deploying', 'self-deploying', { esp: { timeoutMinutes: 30, allowContinueAnyway: true }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 45 }], people: { onError: 'continue' } }, { status: 'failed', errorCode: 'ESP_TIMEOUT', reachedDesktop: true }],
  ['pp-hybrid-technician-needs-dc', '§10 #1 2023 reading', 'pre-provisioned', { profile: { allowPreProvisioning: true, joinType: 'hybrid' }, hybrid: { dcLineOfSight: false }, readings: { technicianFlowNeedsDc: true } }, { status: 'failed' }],
  ['pp-not-allowed-hybrid', '§2.3 T3 0x80180005', 'pre-provisioned', { profile: { joinType: 'hybrid', allowPreProvisioning: false } }, { status: 'failed', errorCode: '0x80180005' }],
  ['pp-vm', '§2.3 no VMs', 'pre-provisioned', { hardware: { kind: 'vm', tpm: '2.0' }, profile: { allowPreProvisioning: true } }, { status: 'failed', errorCode: '0x800705B4' }],
  ['pp-technician-continue', '§2.3 T9b buttons: Retry, Reset', 'pre-provisioned', { esp: { timeoutMinutes: 30, allowContinueAnyway: true }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 45 }], people: { onError: 'continue' }, profile: { allowPreProvisioning: true } }, { status: 'failed', errorCode: 'ESP_TIMEOUT', reachedDesktop: false }],
  ['pp-technician-retry', '§2.3 T9b Retry always available', 'pre-provisioned', { esp: { allowReset: false }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }], people: { onError: 'retry' }, profile: { allowPreProvisioning: true } }, { status: 'failed', errorCode: 'ESP_APP_FAILED' }],
  ['pp-technician-reset-not-allowed', '§2.3 T9b Reset', 'pre-provisioned', { esp: { allowReset: false }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }], people: { onError: 'reset' }, profile: { allowPreProvisioning: true } }, { status: 'failed', errorCode: 'ESP_APP_FAILED' }],
  ['esp-reset-allowed', '§3.2 reset button', 'user-driven', { esp: { timeoutMinutes: 30, allowReset: true }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 45 }], people: { onError: 'reset' } }, { status: 'failed', errorCode: 'ESP_TIMEOUT' }],
  ['esp-reset-not-allowed', '§3.2 reset button needs the setting', 'user-driven', { esp: { timeoutMinutes: 30, allowReset: false }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 45 }], people: { onError: 'reset' } }, { status: 'failed', errorCode: 'ESP_TIMEOUT', reachedDesktop: false }],
  ['esp-reset-block-no', '§3.2 Yes unlocks reset', 'user-driven', { esp: { timeoutMinutes: 30, allowReset: true, blockDeviceUse: false }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 45 }], people: { onError: 'reset' } }, { status: 'failed', errorCode: 'ESP_TIMEOUT', skips: ['resetting'] }],
  ['esp-custom-message', '§3.2 custom message', 'user-driven', { esp: { timeoutMinutes: 30, customMessage: 'Call IT on 555-0100.' }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 45 }] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', says: 'Call IT on 555-0100.' }],
  ['esp-default-message', '§3.2 default message', 'user-driven', { esp: { timeoutMinutes: 30 }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 45 }] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', inferred: false, says: 'Setup could not be completed. Please try again or contact your support person for help.' }],
  ['esp-hybrid-60-plus-40', '§3.2 hybrid 60 + 40 = 100', 'user-driven', { profile: { joinType: 'hybrid' }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 85 }] }, { status: 'succeeded' }],
  ['esp-hybrid-account-setup-60', '§3.2 +40 device setup only [INF]', 'user-driven', { profile: { joinType: 'hybrid' }, apps: [{ name: 'Tool', type: 'win32', target: 'user', installMinutes: 70 }] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'accountSetup' }],
  ['esp-collect-logs-off', '§3.2 collect logs needs the setting', 'user-driven', { esp: { collectLogs: false }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }], people: { collectsLogs: true } }, { status: 'failed', errorCode: 'ESP_APP_FAILED', skips: ['collectingLogs', 'collectLogs'] }],
  ['esp-collect-logs-on', '§3.2 collect logs', 'user-driven', { esp: { collectLogs: true }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }], people: { collectsLogs: true } }, { status: 'failed', errorCode: 'ESP_APP_FAILED' }],
  ['esp-win32-msi-clash', '§3.3 Another installation is in progress', 'user-driven', { apps: [{ name: 'A', type: 'win32' }, { name: 'B', type: 'msi-lob' }], chances: { win32MsiClash: 1 } }, { status: 'failed', errorCode: 'ANOTHER_INSTALLATION_IN_PROGRESS', says: 'Another installation is in progress, please try again later' }],
  ['esp-disabled-timeout-irrelevant', '§3.2 show progress No: no timeout', 'user-driven', { esp: { enabled: false, timeoutMinutes: 30 }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 45 }] }, { status: 'succeeded' }],
  ['msg-801c0003', '§4 801C0003', 'user-driven', { identity: { userMayJoin: false } }, { status: 'failed', errorCode: '801C0003', says: "This user isn't authorized to enroll" }],
  ['msg-80180014', '§4 0x80180014', 'user-driven', { identity: { windowsMdmBlocked: true } }, { status: 'failed', errorCode: '0x80180014', says: 'Your organization does not support this version of Windows' }],
  ['msg-80180014-reuse', '§4 0x80180014 reuse', 'self-deploying', { registration: { deployedBefore: 'self-deploying' } }, { status: 'failed', errorCode: '0x80180014', says: 'Your organization does not support this version of Windows' }],
  ['msg-8018000a', '§4 8018000a', 'user-driven', { registration: { existingEnrollment: 'another-user' } }, { status: 'failed', errorCode: '8018000a', says: 'The device is already enrolled.' }],
  ['msg-8007064c', '§4 0x8007064c', 'user-driven', { registration: { existingEnrollment: 'leftover' } }, { status: 'failed', errorCode: '0x8007064c', says: 'The machine is already enrolled.' }],
  ['msg-80070774', '§4 0x80070774', 'user-driven', { profile: { joinType: 'hybrid' }, hybrid: { dcLineOfSight: false } }, { status: 'failed', errorCode: '0x80070774', says: 'Something went wrong. Confirm you are using the correct sign-in information and that your organization uses this feature' }],
  ['msg-oobeidps', '§4 OOBEIDPS', 'user-driven', { network: { blockedEndpoints: ['entra'] } }, { status: 'failed', errorCode: 'OOBEIDPS', says: 'Something went wrong. OOBEIDPS' }],
  ['msg-801c03ea', '§4 0x801C03EA', 'self-deploying', { hardware: { tpm: '2.0-in-1.2-mode' } }, { status: 'failed', errorCode: '0x801C03EA', says: 'Registering your device for mobile management (Failed: 3, 0x801C03EA)' }],
  ['msg-80180005', '§4 0x80180005', 'pre-provisioned', { profile: { allowPreProvisioning: false } }, { status: 'failed', errorCode: '0x80180005' }],
  ['msg-80180022', '§4 Home', 'user-driven', { os: { edition: 'home' } }, { status: 'failed', errorCode: '0x80180022' }],
  ['msg-8018002b', '§4 Auto MDM Enroll: Failed', 'user-driven', { identity: { upnSuffixRoutable: false } }, { status: 'failed', errorCode: '0x8018002b' }],
  ['msg-80180026', '§4 80180026', 'user-driven', { identity: { legacyPcAgentInstalled: true } }, { status: 'failed', errorCode: '80180026', says: 'Something went wrong' }],
  ['msg-terms-of-use', '§4 MDM terms of use', 'user-driven', { identity: { userLicensed: false, unlicensedSymptom: 'terms-of-use' } }, { status: 'failed', errorCode: 'MDM_TERMS_OF_USE', says: "Can't connect to the URL of your organization's MDM terms of use" }],
  ['msg-not-allowed', '§4 This account is not allowed', 'user-driven', { identity: { userLicensed: false, unlicensedSymptom: 'account-not-allowed' } }, { status: 'failed', errorCode: 'ACCOUNT_NOT_ALLOWED', says: 'This account is not allowed on this phone' }],
  ['msg-801c03f3', '§4 0x801C03F3', 'self-deploying', { registration: { entraObjectDeleted: true } }, { status: 'failed', errorCode: '0x801C03F3' }],
  ['msg-c1036501', '§4 0xc1036501', 'self-deploying', { identity: { multipleMdmConfigurations: true }, os: { updatedSince2020: false } }, { status: 'failed', errorCode: '0xc1036501' }],
  ['msg-81039023', '§4 0x81039023', 'self-deploying', { hardware: { tpmIssue: 'win11-bug' } }, { status: 'failed', errorCode: '0x81039023' }],
  ['msg-infineon', '§4 Infineon', 'self-deploying', { hardware: { tpmIssue: 'infineon-slb9672' } }, { status: 'failed', says: 'Something happened, and TPM attestation timed out.' }],
  ['msg-not-computed', '§4 NotComputed', 'pre-provisioned', { people: { hoursBetweenFlows: 4500 }, profile: { allowPreProvisioning: true } }, { status: 'failed', errorCode: 'IME_DETECTION_NOT_COMPUTED', says: 'NotComputed' }],
  ['apdp2-continue-no-retry', '§7 skip after multiple attempts', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', allowSkip: true }] }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }], people: { onError: 'continue', maxRetries: 0 } }, { status: 'failed', errorCode: 'APDP_APP_FAILED' }],
  ['apdp2-auto-continue', '§7 step 10 continue automatically', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', continueAutomatically: true }] } }, { status: 'succeeded' }],
  ['apdp2-w365-timeout', '§7 automatic timeout', 'device-preparation', { registration: { registered: false }, devicePreparation: { mode: 'automatic', policies: [{ name: 'Contoso laptops', timeoutMinutes: 15 }] }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 30 }] }, { status: 'failed', errorCode: 'APDP_TIMEOUT' }],
  ['apdp2-associated-registered-hybrid', '§7 associated wins (2026)', 'device-preparation', { registration: { registered: true }, profile: { joinType: 'hybrid' }, devicePreparation: { associated: true } }, { status: 'succeeded' }],
  // §1.2, §7 (2026): association wins over the registration, so the classic hybrid profile the registered device keeps does not apply
  ['apdp2-associated-registered-hybrid', '§1.2, §7 association wins over a classic hybrid profile', 'device-preparation', { registration: { registered: true }, profile: { joinType: 'hybrid' }, devicePreparation: { associated: true } }, { status: 'succeeded', joinType: 'entra' }],
  ['apdp2-registered-hybrid-classic', '§1.2, §7 the classic hybrid profile wins on a registered device', 'device-preparation', { registration: { registered: true }, profile: { joinType: 'hybrid' } }, { status: 'succeeded', joinType: 'hybrid', followOn: 'classic user-driven' }],
  ['apdp2-wifi', '§7 OOBE front end as usual', 'device-preparation', { registration: { registered: false }, network: { connection: 'wifi' } }, { status: 'succeeded' }],
  ['apdp2-intune-blocked', '§5.3 Intune hard', 'device-preparation', { registration: { registered: false }, network: { blockedEndpoints: ['intune'] } }, { status: 'failed' }],
  ['apdp2-smart-card', '§1.3 smart card', 'device-preparation', { registration: { registered: false }, identity: { signInMethod: 'smart-card' } }, { status: 'failed' }],
  ['apdp2-vm-small', '§5.8 [INF]', 'device-preparation', { registration: { registered: false }, hardware: { kind: 'vm', vCpus: 1, memoryGb: 2 } }, { status: 'failed', errorCode: 'APDP_TIMEOUT', inferred: true }],
  ['apdp2-two-policies-priority', '§7 priority: lower number wins', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'A', priority: 5, timeoutMinutes: 15 }, { name: 'B', priority: 3, timeoutMinutes: 720 }] }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 30 }] }, { status: 'succeeded' }],
  ['apdp2-policy-not-targeting', '§7 no policy', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', targetsUser: false }] } }, { status: 'fell-back-to-oobe' }],
  ['apdp2-user-app-after-desktop-timeout', '§7 one timer covers policy only', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', timeoutMinutes: 15 }] }, apps: [{ name: 'UserTool', type: 'win32', target: 'user', installMinutes: 60 }] }, { status: 'succeeded' }],
  ['reset2-remote-15min', '§2.9 every 15 min', 'reset', { reset: { kind: 'remote', hoursSinceEnrollment: 1.5 } }, { status: 'succeeded', maxPhaseMinutes: { checkIn: 15 } }],
  ['reset2-remote-2h-boundary', '§2.9 then about 8 h', 'reset', { reset: { kind: 'remote', hoursSinceEnrollment: 2.5 } }, { status: 'succeeded', maxPhaseMinutes: { checkIn: 480 } }],
  ['reset2-remote-offline', '§2.9 check-in', 'reset', { reset: { kind: 'remote' }, network: { internet: false } }, { status: 'failed', errorCode: 'RESET_NO_CHECK_IN' }],
  ['reset2-1909-no-lock', '§2.8 1909 without the baseline', 'reset', { os: { windows: 10, version: '1909' }, reset: { kind: 'local' }, people: { localResetAllowed: true } }, { status: 'succeeded' }],
  ['reset2-remote-uefi-1909', '§2.8 RL5 via remote', 'reset', { os: { windows: 10, version: '1909' }, reset: { kind: 'remote', uefiLockBaseline: true, forcedSync: true } }, { status: 'failed', errorCode: '0xC000000F' }],
  ['reset2-local-hybrid-not-allowed', '§2.8 policy off and hybrid', 'reset', { reset: { kind: 'local', currentJoin: 'hybrid' } }, { status: 'failed' }],
  ['ed2-json-hybrid-cloud-entra', '§1.2 cloud profile wins over JSON', 'existing-devices', { registration: { registered: true }, profile: { joinType: 'entra' }, existingDevices: { jsonProfile: { joinType: 'hybrid' } }, hybrid: { dcLineOfSight: false } }, { status: 'succeeded' }],
  ['ed2-cloud-self-deploying-vm', '§2.7 cloud self-deploying on VM', 'existing-devices', { registration: { registered: true }, profile: { deploymentMode: 'self-deploying' }, hardware: { kind: 'vm' } }, { status: 'failed', errorCode: '0x800705B4' }],
  ['ed2-cloud-self-deploying-again', '§2.3 one-time limit', 'existing-devices', { registration: { registered: true, deployedBefore: 'self-deploying' }, profile: { deploymentMode: 'self-deploying' } }, { status: 'failed', errorCode: '0x80180014' }],
  ['ed2-hybrid-connector-inactive', '§2.7 → §2.2 H4', 'existing-devices', { registration: { registered: false }, existingDevices: { jsonProfile: { joinType: 'hybrid' } }, hybrid: { connector: { active: false } } }, { status: 'failed', errorCode: '0x80070774', inferred: true }],
  ['ed2-speed-up-utf8', '§2.7 encoding', 'existing-devices', { registration: { registered: false }, existingDevices: { speedUp: true, jsonEncoding: 'utf-8' } }, { status: 'fell-back-to-oobe' }],
  ['ed2-unlicensed', '§5.5 existing devices licences', 'existing-devices', { registration: { registered: false }, identity: { userLicensed: false } }, { status: 'failed' }],
  ['ed2-wifi', '§2.7 OOBE after imaging on Wi-Fi', 'existing-devices', { registration: { registered: false }, network: { connection: 'wifi' } }, { status: 'succeeded' }],
  ['pp2-hybrid-assigned-user', '§4 0x80070774 Assign user for hybrid', 'pre-provisioned', { profile: { allowPreProvisioning: true, joinType: 'hybrid', assignedUser: 'ana@contoso.com' } }, { status: 'failed', errorCode: '0x80070774' }],
  ['pp2-hybrid-esp-plus-40', '§3.2 hybrid +40 technician', 'pre-provisioned', { profile: { allowPreProvisioning: true, joinType: 'hybrid' }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 75 }] }, { status: 'succeeded' }],
  ['pp2-user-flow-continue', '§3.2 user flow continue anyway', 'pre-provisioned', { esp: { allowContinueAnyway: true, timeoutMinutes: 30 }, apps: [{ name: 'Later', type: 'win32', installMinutes: 45, assignedAfterTechnicianFlow: true }], people: { onError: 'continue' }, profile: { allowPreProvisioning: true } }, { status: 'failed', errorCode: 'ESP_TIMEOUT', reachedDesktop: true }],
  ['pp2-win10-wording', '§2.3 T2 Windows 10 wording', 'pre-provisioned', { os: { windows: 10, version: '22H2' }, profile: { allowPreProvisioning: true } }, { status: 'succeeded', says: 'Windows Autopilot provisioning' }],
  ['pp2-win11-wording', '§2.3 T2 Windows 11 wording', 'pre-provisioned', { profile: { allowPreProvisioning: true } }, { status: 'succeeded', says: 'Pre-provision with Windows Autopilot' }],
  ['pp2-tpm12', '§2.3 TPM 1.2', 'pre-provisioned', { hardware: { tpm: '1.2' }, profile: { allowPreProvisioning: true } }, { status: 'failed', errorCode: '0x800705B4' }],
  ['pp2-gpo', '§8 W29', 'pre-provisioned', { policies: { interactiveLogonOrUacConflict: true }, profile: { allowPreProvisioning: true } }, { status: 'failed' }],
  ['sd2-kiosk-assigned-user', '§2.6 ignored', 'self-deploying', { profile: { kioskAutologon: true, assignedUser: 'ana@contoso.com' } }, { status: 'succeeded' }],
  ['sd2-personal-reading', '§2.3 readings oneTimeLimitNeedsPersonalBlock', 'self-deploying', { registration: { deployedBefore: 'self-deploying' }, readings: { oneTimeLimitNeedsPersonalBlock: true } }, { status: 'succeeded' }],
  ['sd2-personal-reading-blocked', '§2.3 readings oneTimeLimitNeedsPersonalBlock', 'self-deploying', { registration: { deployedBefore: 'self-deploying' }, identity: { personalEnrollmentBlocked: true }, readings: { oneTimeLimitNeedsPersonalBlock: true } }, { status: 'failed', errorCode: '0x80180014' }],
  ['sd2-ftpm-first-boot', '§5.2 first boot TPM > 1 min', 'self-deploying', { hardware: { firstBootTpmProvisioning: true } }, { status: 'succeeded' }],
  ['sd2-amd', '§4 0x80070490', 'self-deploying', { hardware: { tpmVendor: 'amd', tpmIssue: 'amd-ftpm-firmware' } }, { status: 'failed', errorCode: '0x80070490' }],
  ['sd2-vulnerable', '§4 0x81039024', 'self-deploying', { hardware: { tpmIssue: 'vulnerable-firmware' } }, { status: 'failed', errorCode: '0x81039024' }],
  ['esp2-continue-account-setup', '§3.2 continue in account setup', 'user-driven', { esp: { allowContinueAnyway: true }, apps: [{ name: 'UserApp', type: 'win32', failureProbability: 1, target: 'user' }], people: { onError: 'continue' } }, { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'accountSetup', reachedDesktop: true }],
  ['esp2-ime-continue', '§3.3 IME fails, continue', 'user-driven', { esp: { imeInstallFails: true, allowContinueAnyway: true }, people: { onError: 'continue' } }, { status: 'failed', errorCode: 'IME_INSTALL_FAILED', reachedDesktop: true }],
  ['esp2-sum-over-60', '§3.3 one timer per phase', 'user-driven', { apps: [{ name: 'A', type: 'win32', installMinutes: 35 }, { name: 'B', type: 'win32', installMinutes: 35 }] }, { status: 'failed', errorCode: 'ESP_TIMEOUT' }],
  ['esp2-hybrid-user-ctx-device-app', '§3.1 hybrid not tracked', 'user-driven', { profile: { joinType: 'hybrid' }, apps: [{ name: 'X', type: 'win32', failureProbability: 1, context: 'user', target: 'device' }] }, { status: 'succeeded' }],
  ['esp2-timeout-retry-reset-logs', '§3.2 collect logs then give up', 'user-driven', { esp: { timeoutMinutes: 30, collectLogs: true }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 45 }], people: { collectsLogs: true } }, { status: 'failed', errorCode: 'ESP_TIMEOUT' }],
  ['msg2-80180018-faq', '§10 #8 FAQ reading', 'user-driven', { identity: { userDeviceCount: 50 }, readings: { deviceCapCode: '80180018' } }, { status: 'failed', errorCode: '80180018' }],
  ['msg2-ou-30132', '§4 event 30132', 'user-driven', { profile: { joinType: 'hybrid' }, hybrid: { ouRightsDelegated: false, computersJoinedByConnector: 10 } }, { status: 'failed', errorCode: '0x80070774' }],
  ['r3-tech-needs-dc-with-dc', '§10 #1 2023 reading with a DC', 'pre-provisioned', { profile: { allowPreProvisioning: true, joinType: 'hybrid' }, readings: { technicianFlowNeedsDc: true } }, { status: 'succeeded' }],
  ['r3-sd-esp-off', '§3.2 ESP off: settings after', 'self-deploying', { esp: { enabled: false } }, { status: 'succeeded' }],
  ['r3-sd-custom-message', '§3.2 custom message', 'self-deploying', { esp: { customMessage: 'Kiosk failed: call 555.' }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }] }, { status: 'failed', errorCode: 'ESP_APP_FAILED', says: 'Kiosk failed: call 555.' }],
  ['r3-apdp-diag-link-off', '§7 show link to diagnostics', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', showDiagnosticsLink: false }] }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }], people: { collectsLogs: true } }, { status: 'failed', errorCode: 'APDP_APP_FAILED' }],
  ['r3-apdp-custom-timeout-message', '§7 custom message on timeout', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', timeoutMinutes: 15, customMessage: 'Ring 555.' }] }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 30 }] }, { status: 'failed', errorCode: 'APDP_TIMEOUT', says: 'Ring 555.' }],
  ['r3-conflicting-profiles-ud', '§1.2 oldest profile wins', 'user-driven', { registration: { conflictingProfiles: true } }, { status: 'succeeded' }],
  ['r3-conflicting-profiles-sd', '§4 0x801C03EA two groups', 'self-deploying', { registration: { conflictingProfiles: true } }, { status: 'failed', errorCode: '0x801C03EA' }],
  ['r3-hybrid-connector-absent', '§2.2 H4 no connector [INF]', 'user-driven', { profile: { joinType: 'hybrid' }, hybrid: { connector: { present: false } } }, { status: 'failed', errorCode: '0x80070774', inferred: true }],
  ['r3-hybrid-tap', '§1.3 TAP not for hybrid', 'user-driven', { profile: { joinType: 'hybrid' }, identity: { signInMethod: 'temporary-access-pass', webSignIn: true } }, { status: 'failed', errorCode: 'SIGN_IN_METHOD_UNSUPPORTED' }],
  ['r3-sd-shared-tap', '§1.3 TAP for self-deploying shared', 'self-deploying', { identity: { signInMethod: 'temporary-access-pass', webSignIn: true } }, { status: 'succeeded' }],
  ['r3-reset-local-ppkg', '§2.8 RL1', 'reset', { reset: { kind: 'local' }, people: { localResetAllowed: true } }, { status: 'succeeded', says: 'provisioning package' }],
  ['r3-reset-remote-primary-user', '§2.9 RR6 primary user removed', 'reset', { reset: { kind: 'remote', forcedSync: true } }, { status: 'succeeded', says: 'the next user to sign in becomes primary' }],
  ['r3-ud-mdm-blocked-personal', '§1.3 corporate Autopilot device with personal blocked', 'user-driven', { identity: { personalEnrollmentBlocked: true } }, { status: 'succeeded' }],
  ['r3-ed-json-registered-personal-blocked', '§2.7 personal blocked, registered: corporate', 'existing-devices', { registration: { registered: true }, identity: { personalEnrollmentBlocked: true } }, { status: 'succeeded' }],
  ['r3-pp-user-flow-wu-blocked', '§8 W21', 'pre-provisioned', { userFlowNetwork: { blockedEndpoints: ['windows-update'] }, esp: { installQualityUpdates: true }, profile: { allowPreProvisioning: true } }, { status: 'succeeded' }],
  ['r3-ud-hybrid-quality', '§3.2 hybrid quality updates', 'user-driven', { profile: { joinType: 'hybrid' }, esp: { installQualityUpdates: true } }, { status: 'succeeded' }],
  ['r3-apdp-720-w365', '§7 720 automatic', 'device-preparation', { registration: { registered: false }, devicePreparation: { mode: 'automatic', policies: [{ name: 'Contoso laptops', timeoutMinutes: 720 }] }, apps: [{ name: 'Suite', type: 'win32', installMinutes: 300 }] }, { status: 'succeeded' }],
  ['r4-ud-after-self-deploy', '§2.3 one-time limit: self-deploy and pre-prov only', 'user-driven', { registration: { deployedBefore: 'self-deploying' } }, { status: 'succeeded' }],
  ['r4-pp-after-ud', '§2.3 one-time limit', 'pre-provisioned', { registration: { deployedBefore: 'none' }, profile: { allowPreProvisioning: true } }, { status: 'succeeded' }],
  ['r4-w365-entra-blocked', '§7 automatic entra blocked', 'device-preparation', { registration: { registered: false }, devicePreparation: { mode: 'automatic' }, network: { blockedEndpoints: ['entra'] } }, { status: 'failed' }],
  ['r4-w365-local-admin-conflict', '§7 local admin (user-driven only)', 'device-preparation', { registration: { registered: false }, devicePreparation: { mode: 'automatic', entraLocalAdmin: 'none' } }, { status: 'succeeded' }],
  ['r4-apdp-continue-auto-fail', '§7 skip + auto', 'device-preparation', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', allowSkip: true, continueAutomatically: true }] }, apps: [{ name: 'Broken', type: 'win32', failureProbability: 1 }], people: { onError: 'continue' } }, { status: 'failed', reachedDesktop: true }],
  ['r4-ed-cloud-pp-again', '§2.3 one-time via existing devices', 'existing-devices', { registration: { registered: true, deployedBefore: 'pre-provisioned' }, profile: { allowPreProvisioning: true }, existingDevices: { jsonProfile: { deploymentMode: 'pre-provisioned' } } }, { status: 'failed', errorCode: '0x80180014' }],
  ['r4-ud-deployed-before-pp-unblocked', '§2.3', 'pre-provisioned', { registration: { deployedBefore: 'pre-provisioned', unblocked: true }, profile: { allowPreProvisioning: true } }, { status: 'succeeded' }],
  ['r4-ud-hybrid-adfs-entra-prompt', '§2.2 H9 ADFS no Entra prompt', 'user-driven', { profile: { joinType: 'hybrid' }, identity: { federation: 'adfs' } }, { status: 'succeeded' }],
  ['r4-ud-hybrid-ou-sync-scope', '§2.2 sync scope', 'user-driven', { profile: { joinType: 'hybrid' }, hybrid: { entraConnect: { ouInSyncScope: false } } }, { status: 'succeeded' }],
  ['r4-pp-hybrid-user-flow-no-internet', '§2.5 internet always', 'pre-provisioned', { profile: { allowPreProvisioning: true, joinType: 'hybrid' }, userFlowNetwork: { internet: false } }, { status: 'failed' }],
];

describe('domain cases written from the schema (§2.3-§2.9, §3, §4, §7)', () => {
  it.each(CASES)('%s (%s)', (_id, _ref, scenario, env, want) => {
    expectCase(scenario, env, want);
  });
});

describe('a file the documents allow loads; one they rule out is an input error', () => {
  const file = (fields: object) => parseScenario('case.yaml', JSON.stringify({ name: 'case', scenario: 'device-preparation', ...fields }));
  it('a registered device keeps its classic hybrid profile when it is associated (§7, 2026): device preparation runs', () => {
    expect(() => file({ registration: { registered: true }, profile: { joinType: 'hybrid' }, devicePreparation: { associated: true } })).not.toThrow();
    expect(() => file({ registration: { registered: true, profileStatus: 'assigning' }, profile: { joinType: 'hybrid' } })).not.toThrow();
  });
  it("a TPM problem is its maker's: 0x80070490 needs AMD's firmware TPM, the SLB9672 is a discrete chip (§4)", () => {
    const sd = (hardware: object) => parseScenario('case.yaml', JSON.stringify({ name: 'case', scenario: 'self-deploying', hardware }));
    expect(() => sd({ tpmVendor: 'amd', tpmIssue: 'amd-ftpm-firmware' })).not.toThrow();
    expect(() => sd({ tpmIssue: 'amd-ftpm-firmware' })).toThrow(/hardware\.tpmIssue: amd-ftpm-firmware is the AMD ASP firmware TPM's .*tpmVendor is discrete: set tpmVendor: amd/);
    expect(() => sd({ tpmIssue: 'infineon-slb9672' })).not.toThrow();
    expect(() => sd({ tpmVendor: 'intel', tpmIssue: 'infineon-slb9672' })).toThrow(/hardware\.tpmIssue: infineon-slb9672 is Infineon's discrete TPM/);
  });
  it('a Cloud PC in automatic mode on Windows 10 is refused: no outcome is documented (§7 "Not supported": Windows 10)', () => {
    expect(() => file({ registration: { registered: false }, devicePreparation: { mode: 'automatic' }, os: { windows: 10, version: '22H2' } })).toThrow(/os\.windows: device preparation needs Windows 11 .* in Windows 365 automatic mode the documents give no outcome/);
    expect(() => file({ registration: { registered: false }, devicePreparation: { mode: 'automatic' } })).not.toThrow();
    // a user-driven device on Windows 10 joins Entra without provisioning (apdp-win10)
    expect(() => file({ registration: { registered: false }, os: { windows: 10, version: '22H2' } })).not.toThrow();
  });
  it('a Cloud PC in automatic mode on Windows 11 before 24H2 without KB5035942 is refused as Windows 10 is (§7 requirements)', () => {
    const cloudPc = (os: Record<string, unknown>) => file({ registration: { registered: false }, devicePreparation: { mode: 'automatic' }, os });
    expect(() => cloudPc({ version: '21H2' })).toThrow(/os\.version: device preparation needs Windows 11 .* does not run on Windows 11 21H2 .* no outcome for a Cloud PC that falls short: give it Windows 11 24H2/);
    expect(() => cloudPc({ version: '23H2', march2024Update: false })).toThrow(/os\.march2024Update: .* does not run on Windows 11 23H2 without KB5035942 .* give it the March 2024 update/);
    expect(() => cloudPc({ version: '23H2', march2024Update: true })).not.toThrow();
    expect(() => cloudPc({ version: '25H2' })).not.toThrow();
    // a user-driven device on 23H2 without the update joins Entra without provisioning (apdp-22h2-no-kb)
    expect(() => file({ registration: { registered: false }, os: { version: '23H2', march2024Update: false } })).not.toThrow();
  });
  it('an unregistered device has no classic profile to be hybrid (§7 "Not supported")', () => {
    expect(() => file({ registration: { registered: false }, profile: { joinType: 'hybrid' } })).toThrow(/profile\.joinType: device preparation supports Entra join only/);
    expect(() => file({ registration: { registered: true, profileStatus: 'not-assigned' }, profile: { joinType: 'hybrid' } })).toThrow(/Entra join only/);
  });
});

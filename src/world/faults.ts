// Faults a trainer can inject, by what the device is waiting on: each replaces the
// world's answer with a documented failure and its real error code.
import { codeOf, type DeploymentEvent } from '../../machines/events.ts';
import type { Wait } from '../../machines/vocabulary.ts';
import type { ErrorId } from '../catalog/errors.ts';

export interface Fault {
  id: string;
  label: string;
  event: DeploymentEvent;
  /** The error id the event carries, if it is a failure. */
  code?: ErrorId;
}

const f = (id: string, label: string, event: DeploymentEvent): Fault => {
  const code = codeOf(event);
  return code ? { id, label, event, code } : { id, label, event };
};

export const FAULTS_BY_WAIT: Partial<Record<Wait, Fault[]>> = {
  'network.gate': [f('no-internet', 'No internet connection', { type: 'network.unavailable', reason: 'no internet' })],
  'user.wifi': [f('wifi-no-internet', 'The Wi-Fi network has no internet', { type: 'network.unavailable', reason: 'no internet' })],
  'profile.download': [
    f('not-registered', 'Device not registered (event 807)', { type: 'profile.unavailable', reason: 'event 807 ZtdDeviceIsNotRegistered: the device is not registered' }),
    f('no-profile', 'Profile not assigned (event 815)', { type: 'profile.unavailable', reason: 'event 815 ZtdDeviceHasNoAssignedProfile' }),
    f('autopilot-blocked', 'Autopilot service blocked by the firewall', { type: 'profile.unavailable', reason: 'the Autopilot deployment service is blocked' }),
    f('profile-deleted', 'Assigned profile deleted (event 809)', { type: 'profile.unavailable', reason: "event 809: the assigned profile doesn't exist" }),
  ],
  'entra.authenticate': [
    f('tenant-mismatch', 'User signs into another tenant', { type: 'entra.tenantMismatch', code: 'TENANT_MISMATCH' }),
    f('idp-blocked', 'Proxy blocks the identity provider', { type: 'entra.joinFailed', code: 'OOBEIDPS' }),
    f('wrong-password', 'User mistypes the password', { type: 'entra.invalidCredentials' }),
    f('smart-card', 'User signs in with a smart card', { type: 'entra.joinFailed', code: 'SIGN_IN_METHOD_UNSUPPORTED' }),
  ],
  'entra.userJoin': [
    f('device-cap', 'User reached the Entra device limit', { type: 'entra.joinFailed', code: '801C0003' }),
    f('object-deleted', 'Entra device object deleted', { type: 'entra.joinFailed', code: '0x801C03F3' }),
  ],
  'mdm.userEnroll': [
    f('no-licence', 'User has no Intune licence', { type: 'mdm.enrollmentFailed', code: 'MDM_TERMS_OF_USE' }),
    f('mdm-blocked', 'Windows MDM blocked by an enrollment restriction', { type: 'mdm.enrollmentFailed', code: '0x80180014' }),
    f('mdm-scope', 'MDM user scope does not include the user', { type: 'mdm.enrollmentFailed', code: '0x8018002b' }),
    f('home-edition', 'Windows Home edition', { type: 'mdm.enrollmentFailed', code: '0x80180022' }),
    f('ca-blocks-enrollment', 'Conditional Access blocks Intune Enrollment', { type: 'mdm.enrollmentFailed', code: 'CA_BLOCKS_ENROLLMENT' }),
    f('account-not-allowed', '"This account is not allowed on this phone" (no licence)', { type: 'mdm.enrollmentFailed', code: 'ACCOUNT_NOT_ALLOWED' }),
    f('already-enrolled', 'Another user already enrolled the device', { type: 'mdm.enrollmentFailed', code: '8018000a' }),
    f('machine-enrolled', 'Leftover enrollment or cloned image', { type: 'mdm.enrollmentFailed', code: '0x8007064c' }),
  ],
  'connector.odj': [
    f('connector-down', 'Intune Connector for AD down', { type: 'connector.odjFailed', code: '0x80070774' }),
    f('ou-rights', 'Connector lacks OU rights (event 30132)', { type: 'connector.odjFailed', code: '0x80070774' }),
  ],
  'dc.ping': [f('dc-unreachable', 'Domain controller unreachable', { type: 'dc.unreachable', code: '0x80070774' })],
  'user.domainSignIn': [f('no-dc-at-logon', 'No domain controller or VPN at the logon screen', { type: 'dc.signInFailed', code: 'DOMAIN_UNAVAILABLE' })],
  'tpm.attest': [
    f('tpm-fails', 'TPM attestation fails (no TPM 2.0, a VM)', { type: 'tpm.attestationFailed', code: '0x800705B4' }),
    f('tpm-intermittent', 'Intermittent attestation failure', { type: 'tpm.attestationFailed', code: '0x81039001' }),
    f('clock-skew', 'Clock skew of many minutes', { type: 'tpm.attestationFailed', code: 'CLOCK_SKEW' }),
    f('tpm-vulnerable', 'TPM firmware with known vulnerabilities', { type: 'tpm.attestationFailed', code: '0x81039024' }),
    f('attestation-after-reset', 'Attestation fails on the retry after Reset', { type: 'tpm.attestationFailed', code: 'TPM_ATTESTATION_AFTER_RESET' }),
  ],
  'entra.deviceJoin': [
    f('tpm-not-2', 'TPM not switched to 2.0 mode', { type: 'entra.joinFailed', code: '0x801C03EA' }),
    f('object-deleted', 'Entra device object deleted', { type: 'entra.joinFailed', code: '0x801C03F3' }),
  ],
  'mdm.deviceEnroll': [
    f('second-deployment', 'Device already self-deployed or pre-provisioned once', { type: 'mdm.enrollmentFailed', code: '0x80180014' }),
    f('preprov-not-allowed', 'Profile does not allow pre-provisioning', { type: 'mdm.enrollmentFailed', code: '0x80180005' }),
    f('multiple-mdm', 'Several MDM configurations in Entra (older build)', { type: 'mdm.enrollmentFailed', code: '0xc1036501' }),
  ],
  // Offered only where the state accepts it: the technician's device setup.
  'esp.securityPolicies': [f('logon-policy-conflict', 'Interactive-logon or UAC policy that stops pre-provisioning', { type: 'esp.policyConflict', code: 'PREPROV_GPO_CONFLICT' })],
  'esp.prepare': [f('vm-too-small', 'VM below 2 vCPU / 4 GB', { type: 'esp.preparationFailed', code: 'VM_MDM_PREPARATION' })],
  'esp.deviceApps': [
    f('app-fails', 'A blocking app fails to install', { type: 'app.failed', code: 'ESP_APP_FAILED' }),
    f('win32-msi', 'Win32 and MSI apps clash', { type: 'app.failed', code: 'ANOTHER_INSTALLATION_IN_PROGRESS' }),
    f('app-hangs', 'An app restarts inside its installer', { type: 'app.hung', code: 'APP_REBOOT_HANG' }),
  ],
  'esp.userApps': [
    f('app-fails', 'A blocking user app fails to install', { type: 'app.failed', code: 'ESP_APP_FAILED' }),
    f('app-hangs', 'A user app hangs', { type: 'app.hung', code: 'APP_REBOOT_HANG' }),
  ],
  'esp.userIdentifying': [f('identifying-hang', 'Stuck at Identifying (no licence)', { type: 'esp.identifyingHang', code: 'IDENTIFYING_HANG' })],
  'admin.deployTaskSequence': [f('no-configmgr', 'No Configuration Manager', { type: 'ts.failed', code: 'CONFIGMGR_REQUIRED' })],
  'user.ctrlWinR': [f('reset-not-enabled', 'Local reset not enabled by policy', { type: 'reset.notEnabled', code: 'RESET_NOT_ENABLED' })],
  'winre.check': [
    f('winre-missing', 'WinRE disabled', { type: 'winre.missing', code: '0x80070032' }),
    f('recovery-not-found', '"Could not find the recovery environment"', { type: 'winre.missing', code: 'RECOVERY_ENVIRONMENT_NOT_FOUND' }),
  ],
  'kiosk.autologon': [f('kiosk-autologon-broken', 'Exchange ActiveSync or DeviceLock policies break kiosk autologon', { type: 'kiosk.autologonFailed', code: 'KIOSK_AUTOLOGON_BROKEN' })],
  'user.reenterCredentials': [f('autologon-fails', 'DeviceLock policy and a restart in device setup: autologon fails', { type: 'autologon.failed', code: 'AUTOLOGON_FAILED' })],
  'device.autoSignIn': [f('asked-for-credentials', 'DeviceLock policy: asked for credentials instead of signed in', { type: 'device.autoSignInPrompted' })],
  'reset.eligibility': [f('hybrid-device', 'The device is hybrid joined', { type: 'reset.notSupported', code: 'RESET_HYBRID_UNSUPPORTED' })],
  'reset.pbr': [
    f('os-corrupted', 'Severe OS corruption', { type: 'pbr.failed', code: 'RESET_OS_CORRUPTED' }),
    f('uefi-lock', 'UEFI Lock baseline on 1909: stop error 0xC000000F', { type: 'pbr.failed', code: '0xC000000F' }),
  ],
  // Autopilot device preparation (domain §7)
  'apdp.policy': [
    f('no-policy-for-user', 'No device preparation policy targets the user', { type: 'apdp.noPolicy', reason: 'no device preparation policy targets a group the user is in' }),
    f('os-too-old', 'Windows 11 23H2 without the March 2024 update', { type: 'apdp.noPolicy', reason: 'Windows 11 23H2 without KB5035942 does not run device preparation' }),
  ],
  'apdp.deviceGroup': [f('group-owner-missing', 'Device group without the Intune Provisioning Client owner', { type: 'apdp.groupingFailed' })],
  'apdp.localAdmin': [f('local-admin-conflict', 'Entra local-admin setting conflicts with Standard', { type: 'apdp.provisioningSkipped' })],
  'apdp.lobApps': [
    f('policy-app-fails', 'An app in the policy fails to install', { type: 'app.failed', code: 'APDP_APP_FAILED' }),
    f('policy-app-hangs', 'An app restarts inside its installer', { type: 'app.hung', code: 'APP_REBOOT_HANG' }),
  ],
  'apdp.scripts': [f('policy-script-fails', 'A script in the policy fails', { type: 'script.failed', code: 'APDP_SCRIPT_FAILED' })],
  'apdp.win32Apps': [
    f('policy-app-fails', 'An app in the policy fails to install', { type: 'app.failed', code: 'APDP_APP_FAILED' }),
    f('policy-app-hangs', 'An app restarts inside its installer', { type: 'app.hung', code: 'APP_REBOOT_HANG' }),
  ],
  'apdp.finish': [f('stuck-at-100', 'Stuck at 100 % (known issue)', { type: 'apdp.stuckAt100' })],
  'w365.enroll': [f('cloud-pc-mdm-blocked', 'Windows MDM blocked by an enrollment restriction', { type: 'mdm.enrollmentFailed', code: '0x80180014' })],
};

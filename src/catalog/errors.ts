// The error and message catalogue: every code and on-screen text a deployment can end in,
// declared once. Follows domain/autopilot.md §4, plus the failure exits of §1-§3 and §8.
//
// Conventions:
// - id: the code exactly as Microsoft writes it in §4 when there is one, else UPPER_SNAKE.
// - message: verbatim from the doc when it gives a text. A coded row with no text carries the
//   bare code (what the screen shows); a row with neither carries a [bracketed description],
//   which is not Microsoft wording and must not be presented as such.
// - evidence: 'INF' marks failures the doc describes without naming a code or message.

import { ESP_DEFAULT_MESSAGE, HYBRID_ESP_EXTRA_MINUTES, type Phase } from './vocabulary.ts';

export type { Phase };

export type Evidence = 'DOC' | 'DOC-OLD' | 'INF';

export interface CatalogEntry {
  /** Same as its key in `catalog`. */
  id: string;
  /** The hex/numeric code exactly as Microsoft writes it, when there is one. */
  code?: string;
  /** The text the person sees, or the log line; verbatim from the doc where it gives one. */
  message: string;
  /** UI surface or log, short. */
  where: string;
  /** Cause, one sentence. */
  meaning: string;
  /**
   * Where in a deployment it appears. For a code a failure mode produces (src/world/failure-modes.ts),
   * the machines say where: one of the phases of the states that wait where it fails
   * (test/contract/failure-modes.test.ts holds every such entry to `phasesOf`, src/world/mode-phases.ts).
   */
  phase: Phase;
  /** Documented remedy, one sentence ('' if none). */
  remedy: string;
  /** Doc path(s) as §4 gives them. */
  source: string;
  evidence: Evidence;
  /** Best-guess learn.microsoft.com page for the source doc. */
  docUrl: string;
}

const AUTOPILOT = 'https://learn.microsoft.com/autopilot/';
const ESP_PAGE = 'https://learn.microsoft.com/mem/intune/enrollment/windows-enrollment-status';
const SUPPORT_ENROLLMENT =
  'https://learn.microsoft.com/troubleshoot/mem/intune/device-enrollment/troubleshoot-windows-enrollment-errors';


export const catalog = {
  // ── TPM attestation and device-token join (ESP device preparation: §2.3 T5-T7, §2.6 S2-S4)
  '0x800705B4': {
    id: '0x800705B4',
    code: '0x800705B4',
    message: 'Securing your hardware (Failed: 0x800705b4)',
    where:
      'ESP device preparation; then "Joining your organization\'s network (Previous step failed)", "Registering your device for mobile management (Previous step failed)"',
    meaning:
      'Generic timeout; in self-deploying or pre-provisioning usually no TPM 2.0 (VM, Hyper-V vTPM, TPM 1.2) or an OS too old (historically <1709, or <1809 for hybrid).',
    phase: 'devicePreparation',
    remedy: 'Use a physical device with TPM 2.0.',
    source:
      'memdocs autopilot/self-deploying.md, autopilot/known-issues.md; support troubleshoot-windows-enrollment-errors.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}self-deploying`,
  },
  '0x801C03EA': {
    id: '0x801C03EA',
    code: '0x801C03EA',
    message: 'Registering your device for mobile management (Failed: 3, 0x801C03EA)',
    where: 'ESP device preparation',
    meaning:
      'TPM attestation failed so the Entra join with a device token failed; also a TPM able to do 2.0 but not switched to it, or the device in two groups with different profiles.',
    phase: 'devicePreparation',
    remedy: 'Switch the TPM to 2.0 mode, and remove the duplicate profile assignment.',
    source: 'memdocs autopilot/known-issues.md; support troubleshoot-windows-enrollment-errors.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  '0x801C03F3': {
    id: '0x801C03F3',
    code: '0x801C03F3',
    message: '0x801C03F3',
    where: 'Pre-provisioning error screen; event log Microsoft-Windows-User Device Registration/Admin',
    meaning: "Entra can't find the device object because it was deleted by hand.",
    phase: 'devicePreparation',
    remedy: 'Remove the device from Entra, Intune and Autopilot, then register it again.',
    source: 'memdocs autopilot/known-issues.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  '0xc1036501': {
    id: '0xc1036501',
    code: '0xc1036501',
    message: '0xc1036501',
    where: 'Self-deploying failure (ESP device preparation, MDM registration)',
    meaning: 'Automatic MDM enrollment is impossible because Entra has several MDM configurations.',
    phase: 'devicePreparation',
    remedy: 'Install a later cumulative update, which tolerates several MDM configurations.',
    source: 'memdocs autopilot/known-issues.md, autopilot/resolved-issues.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  '0x81039001': {
    id: '0x81039001',
    code: '0x81039001',
    message: '0x81039001 E_AUTOPILOT_CLIENT_TPM_MAX_ATTESTATION_RETRY_EXCEEDED',
    where: 'ESP "Securing your hardware" (self-deploying / technician flow)',
    meaning: 'An intermittent TPM attestation failure.',
    phase: 'devicePreparation',
    remedy: 'Retry provisioning.',
    source: 'memdocs autopilot/known-issues.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  '0x81039023': {
    id: '0x81039023',
    code: '0x81039023',
    message: '0x81039023',
    where: 'ESP "Securing your hardware" (self-deploying / technician flow)',
    meaning: 'A Windows 11 attestation bug.',
    phase: 'devicePreparation',
    remedy: 'Install the May 2022 cumulative update (KB5013943 / KB5013942).',
    source: 'memdocs autopilot/known-issues.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  '0x81039024': {
    id: '0x81039024',
    code: '0x81039024',
    message: '0x81039024',
    where: 'ESP "Securing your hardware" (self-deploying / technician flow)',
    meaning: 'The TPM has known vulnerabilities, so attestation is refused.',
    phase: 'devicePreparation',
    remedy: "Apply the OEM's TPM firmware update.",
    source: 'memdocs autopilot/known-issues.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  '0x80070490': {
    id: '0x80070490',
    code: '0x80070490',
    message: '0x80070490',
    where: 'ESP "Securing your hardware" (self-deploying / technician flow)',
    meaning: 'TPM attestation fails on an AMD ASP firmware TPM.',
    phase: 'devicePreparation',
    remedy: 'Update to newer AMD firmware.',
    source: 'memdocs autopilot/known-issues.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  TPM_ATTESTATION_TIMED_OUT: {
    id: 'TPM_ATTESTATION_TIMED_OUT',
    message: 'Something happened, and TPM attestation timed out.',
    where: 'ESP "Securing your hardware" (self-deploying / technician flow)',
    meaning: 'An Infineon SLB9672 TPM on firmware 15.22 with an EK certificate fails attestation.',
    phase: 'devicePreparation',
    remedy: 'Apply the OEM firmware update.',
    source: 'memdocs autopilot/known-issues.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  TPM_LEGACY_ATTESTATION_TIMEOUT: {
    id: 'TPM_LEGACY_ATTESTATION_TIMEOUT',
    message: '[attestation times out instead of showing a hardware message]',
    where: 'ESP "Securing your hardware" (self-deploying / technician flow)',
    meaning: 'On old builds a TPM older than 2.0 made attestation time out rather than report incompatible hardware.',
    phase: 'devicePreparation',
    remedy: 'Install KB4556799, which shows an "incompatible hardware" message instead.',
    source: 'memdocs autopilot/resolved-issues.md',
    evidence: 'DOC-OLD',
    docUrl: `${AUTOPILOT}resolved-issues`,
  },
  CLOCK_SKEW: {
    id: 'CLOCK_SKEW',
    message: '[TPM attestation fails or the ESP times out: device clock skewed]',
    where: 'ESP "Securing your hardware", or the ESP timeout page',
    meaning:
      'Inferred: a device clock off by several minutes or more causes TPM attestation failures or ESP timeouts; the doc names no code or message.',
    phase: 'devicePreparation',
    remedy: 'Resync the clock in OOBE with w32tm /resync /force.',
    source: 'memdocs autopilot/known-issues.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  '0x80180014': {
    id: '0x80180014',
    code: '0x80180014',
    message: 'There was a problem. Your organization does not support this version of Windows. (0x80180014)',
    where:
      'ESP or pre-provisioning red screen; ETW "…(DeviceNotSupported)…Enrollment blocked for AP device by SDM One Time Limit Check"',
    meaning:
      'Either a self-deploying or pre-provisioned device is being re-used (one-time block), or Windows MDM enrollment is blocked by a platform restriction.',
    phase: 'devicePreparation',
    remedy:
      'For re-use, delete the Intune device record or use Unblock device (or remove the personal Windows MDM restriction) and redeploy; for a restriction, allow Windows (MDM).',
    source:
      'memdocs autopilot/troubleshooting-faq.yml, autopilot/troubleshoot-device-enrollment.md, autopilot/known-issues.md, autopilot/whats-new.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}troubleshooting-faq`,
  },
  VM_MDM_PREPARATION: {
    id: 'VM_MDM_PREPARATION',
    message: 'Preparing your device for mobile management',
    where: 'ESP device preparation on a VM (the step fails)',
    meaning: 'The VM has less than 2 vCPU or 4 GB of RAM.',
    phase: 'devicePreparation',
    remedy: 'Resize the VM to at least 2 vCPU and 4 GB of RAM.',
    source: 'memdocs autopilot/known-issues.md, autopilot/autopilot-device-guidelines.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },

  IME_INSTALL_FAILED: {
    id: 'IME_INSTALL_FAILED',
    message: ESP_DEFAULT_MESSAGE,
    where: 'ESP device preparation, "Preparing your device for mobile management" (then the error page); IME InstallationState=4 in the registry',
    meaning:
      'Inferred: the Intune Management Extension failed to install (its InstallationState is 4, Error), so the ESP cannot track or install Win32 apps; the doc names the registry state but no code or on-screen text, so the default ESP error page is assumed.',
    phase: 'devicePreparation',
    remedy: 'Collect the ESP diagnostics (IME install state under the Sidecar tracking key), fix what stops the IME MSI, then retry or reset.',
    source: 'memdocs autopilot/user-driven.md, intune windows-enrollment-status.md; support understand-troubleshoot-esp.md (§2.1 U5, §3.3)',
    evidence: 'INF',
    docUrl: ESP_PAGE,
  },

  // ── Pre-provisioning technician flow (§2.3)
  '0x80180005': {
    id: '0x80180005',
    code: '0x80180005',
    message: '0x80180005',
    where: 'Pre-provisioning failure (technician flow)',
    meaning:
      'Win×5 was used but the profile has "Allow pre-provisioned deployment" = No, which Intune enforces.',
    phase: 'devicePreparation',
    remedy: 'Set "Allow pre-provisioned deployment" to Yes in the profile.',
    source: 'memdocs autopilot/profiles.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}profiles`,
  },
  '0x80180003': {
    id: '0x80180003',
    code: '0x80180003',
    message: '0x80180003',
    where: 'Enrollment during the technician flow',
    meaning: 'Historical: pre-provisioning (white glove) was not enabled for the tenant during the 2019 preview.',
    phase: 'technicianFlow',
    remedy: '',
    source: 'itpro windows/deployment/windows-autopilot/white-glove.md',
    evidence: 'DOC-OLD',
    docUrl: 'https://learn.microsoft.com/windows/deployment/windows-autopilot/white-glove',
  },
  PREPROV_GPO_CONFLICT: {
    id: 'PREPROV_GPO_CONFLICT',
    message: '[pre-provisioning fails: conflicting interactive logon or UAC policy]',
    where: 'Technician flow, ESP device setup (§2.3 T8)',
    meaning:
      'Inferred: any of four policies (interactive logon message title or text, "require WHfB or smart card", UAC prompt for credentials on the secure desktop) stops pre-provisioning; the doc names no code or message.',
    phase: 'deviceSetup',
    remedy: 'Keep those four policies off devices being pre-provisioned.',
    source: 'memdocs autopilot/policy-conflicts.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}policy-conflicts`,
  },
  APPLOCKER_CSP_REBOOT: {
    id: 'APPLOCKER_CSP_REBOOT',
    message: '[pre-provisioning fails: the AppLocker CSP forces a restart in device setup; no code documented]',
    where: 'Technician flow red screen, ESP device setup (Security policies)',
    meaning:
      'Inferred: AppLocker CSP (WDAC) policies force a restart during the technician\'s device setup, one of the reboot problems the notes list for pre-provisioning; they name no code or message.',
    phase: 'deviceSetup',
    remedy: 'Target AppLocker CSP policies at users, or assign them after pre-provisioning.',
    source: 'memdocs autopilot/pre-provision.md, intune windows-enrollment-status.md (§2.3 T8, §3.3)',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}pre-provision`,
  },
  RED_SCREEN_SUCCESS: {
    id: 'RED_SCREEN_SUCCESS',
    message: 'Success',
    where: 'Pre-provisioning red (failure) screen, non-English OS',
    meaning: 'Historical 2019 bug: the red failure screen said "Success" on non-English Windows.',
    phase: 'technicianFlow',
    remedy: 'Install KB4505903.',
    source: 'memdocs autopilot/resolved-issues.md',
    evidence: 'DOC-OLD',
    docUrl: `${AUTOPILOT}resolved-issues`,
  },

  // ── Entra sign-in, Entra join and MDM enrollment (§1.3, §2.1 U1-U4)
  OOBEIDPS: {
    id: 'OOBEIDPS',
    message: 'Something went wrong. OOBEIDPS',
    where: 'OOBE',
    meaning: 'A proxy or firewall blocks the identity provider.',
    phase: 'identity',
    remedy: 'Open the required Autopilot endpoints.',
    source: 'support troubleshoot-windows-enrollment-errors.md',
    evidence: 'DOC',
    docUrl: SUPPORT_ENROLLMENT,
  },
  SOMETHING_WENT_WRONG: {
    id: 'SOMETHING_WENT_WRONG',
    message: 'Something went wrong',
    where: 'OOBE (generic page)',
    meaning: "The client can't reach the required Entra or MSA URLs.",
    phase: 'identity',
    remedy: 'Fix networking so the required URLs are reachable.',
    source: 'memdocs autopilot/known-issues.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  AUTOPILOTUPDATE: {
    id: 'AUTOPILOTUPDATE',
    message: 'AUTOPILOTUPDATE',
    where: 'OOBE after sysprep or reset',
    meaning: 'Historical 2019 bug in the Autopilot self-update step.',
    phase: 'oobe',
    remedy: 'Install KB4505903.',
    source: 'memdocs autopilot/resolved-issues.md',
    evidence: 'DOC-OLD',
    docUrl: `${AUTOPILOT}resolved-issues`,
  },
  TENANT_MISMATCH: {
    id: 'TENANT_MISMATCH',
    message:
      'That username looks like it belongs to another organization. Try signing in again or start over with a different account.',
    where: 'Entra sign-in page',
    meaning: 'The tenant the user signs into differs from the tenant the device is registered to.',
    phase: 'identity',
    remedy: 'Check the Autopilot registry values (CloudAssignedTenantId / CloudAssignedTenantDomain).',
    source: 'memdocs autopilot/known-issues.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  '801C0003': {
    id: '801C0003',
    code: '801C0003',
    message: "This user isn't authorized to enroll, error code 801c0003",
    where: 'OOBE "Something went wrong" page (Entra join)',
    meaning: 'The Entra join failed: joining is not permitted for the user, or the Entra per-user device cap (default 50) was hit.',
    phase: 'identity',
    remedy: 'Adjust the Entra device settings (who may join, maximum devices per user).',
    source: 'memdocs autopilot/troubleshoot-aad-join.md, autopilot/faq.yml',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}troubleshoot-aad-join`,
  },
  '80180018': {
    id: '80180018',
    code: '80180018',
    message: 'Something went wrong',
    where: 'OOBE "Something went wrong" page (MDM enrollment)',
    // §10 #8: Microsoft's list gives two causes, but no other code is documented for an MDM enrollment that fails for
    // another reason (Intune's endpoints blocked, an Intune incident: §5.3 "enrollment fails"), so this is the generic one.
    meaning: "MDM enrollment failed. Microsoft's list names a missing or wrong licence and too many devices; it is also the code for any other failed MDM enrollment, such as Intune's endpoints blocked or an Intune incident (the run's cause says which).",
    phase: 'identity',
    remedy: "Fix what the cause names: the user's licence or device limits, or the device's way to Intune (its endpoints through the firewall or proxy; in an incident, wait and retry).",
    source: 'memdocs autopilot/troubleshooting-faq.yml, autopilot/troubleshoot-device-enrollment.md (§4; the generic MDM enrollment failure, §10 #8)',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}troubleshooting-faq`,
  },
  '0x80180022': {
    id: '0x80180022',
    code: '0x80180022',
    message: '0x80180022',
    where: 'Enrollment failure',
    meaning: "The device runs Windows Home, and Home isn't supported.",
    phase: 'identity',
    remedy: 'Upgrade to Pro or a higher edition.',
    source: 'support troubleshoot-windows-enrollment-errors.md',
    evidence: 'DOC',
    docUrl: SUPPORT_ENROLLMENT,
  },
  '0x8018002b': {
    id: '0x8018002b',
    code: '0x8018002b',
    message: 'Auto MDM Enroll: Failed',
    where: 'Event 76 (DeviceManagement-Enterprise-Diagnostics-Provider/Admin)',
    meaning: 'The UPN uses an unverified or non-routable suffix (such as .local), or the MDM user scope is None.',
    phase: 'identity',
    remedy: 'Give the user a verified UPN suffix, or set the MDM user scope to All or Some.',
    source: 'support troubleshoot-windows-enrollment-errors.md',
    evidence: 'DOC',
    docUrl: SUPPORT_ENROLLMENT,
  },
  '80180026': {
    id: '80180026',
    code: '80180026',
    message: 'Something went wrong…',
    where: 'OOBE "Something went wrong" page',
    meaning: 'Entra join with MDM auto-enrollment while the legacy Intune PC agent is installed.',
    phase: 'identity',
    remedy: 'Uninstall the Intune PC agent, or disable MDM auto-enrollment.',
    source: 'support troubleshoot-windows-enrollment-errors.md',
    evidence: 'DOC',
    docUrl: SUPPORT_ENROLLMENT,
  },
  '8018000a': {
    id: '8018000a',
    code: '8018000a',
    message: 'The device is already enrolled.',
    where: 'Enrollment error page',
    meaning: 'Another user has already joined or enrolled the device.',
    phase: 'identity',
    remedy: 'Remove the other work or school account from the device.',
    source: 'support troubleshoot-windows-enrollment-errors.md',
    evidence: 'DOC',
    docUrl: SUPPORT_ENROLLMENT,
  },
  '0x8007064c': {
    id: '0x8007064c',
    code: '0x8007064c',
    message: 'The machine is already enrolled.',
    where: 'Enrollment error page',
    meaning: 'A previous enrollment, a cloned image or a leftover certificate is on the device.',
    phase: 'identity',
    remedy: 'Clean up the leftover enrollment certificate and registry entries.',
    source: 'support troubleshoot-windows-enrollment-errors.md',
    evidence: 'DOC',
    docUrl: SUPPORT_ENROLLMENT,
  },
  MDM_TERMS_OF_USE: {
    id: 'MDM_TERMS_OF_USE',
    message: "Something went wrong / Can't connect to the URL of your organization's MDM terms of use…",
    where: 'OOBE',
    meaning: 'Usually the user has no Intune/EMS/M365 licence, or the MDM terms of use URL is empty or wrong.',
    phase: 'identity',
    remedy: 'Assign a licence, or restore the default MDM URLs in Entra.',
    source: 'memdocs autopilot/troubleshooting-faq.yml; support troubleshoot-windows-enrollment-errors.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}troubleshooting-faq`,
  },
  ACCOUNT_NOT_ALLOWED: {
    id: 'ACCOUNT_NOT_ALLOWED',
    message: 'This account is not allowed on this phone…',
    where: 'OOBE',
    meaning: 'The user has no Intune licence.',
    phase: 'identity',
    remedy: 'Assign the user an Intune licence.',
    source: 'support troubleshoot-windows-enrollment-errors.md',
    evidence: 'DOC',
    docUrl: SUPPORT_ENROLLMENT,
  },

  // ── Hybrid join: ODJ, domain controller, domain sign-in (§2.2)
  '0x80070774': {
    id: '0x80070774',
    code: '0x80070774',
    message:
      'Something went wrong. Confirm you are using the correct sign-in information and that your organization uses this feature…',
    where: 'Hybrid OOBE, first sign-in screen before the reboot (times out)',
    meaning:
      "The device can't domain-join: DC unreachable or not found, a user assigned to a hybrid device, the Autopilot device's Entra object deleted, or the connector lacking OU rights (event 30132).",
    phase: 'hybridJoin',
    remedy: 'Unassign the user, re-import the device, or fix the OU delegation for the connector.',
    source: 'support troubleshoot-windows-enrollment-errors.md (2021/2023)',
    evidence: 'DOC',
    docUrl: SUPPORT_ENROLLMENT,
  },
  DOMAIN_UNAVAILABLE: {
    id: 'DOMAIN_UNAVAILABLE',
    // Domain §2.2 H8 and §2.5 PH3 name no message for this logon screen, only what happens: in their words.
    message: "[sign-in can't be validated: no domain controller, no VPN and no cached credentials yet; Windows' message is not documented]",
    where: 'Windows logon screen (Ctrl+Alt+Del, AD credentials)',
    meaning:
      'Inferred: the hybrid user signs in with AD credentials but has no DC line of sight, no usable VPN and no cached credentials yet; the doc names no code or message.',
    phase: 'windowsLogon',
    remedy: 'Sign in on the corporate network, or through a VPN started from the logon screen.',
    source:
      'memdocs autopilot/windows-autopilot-hybrid.md, autopilot/tutorial/user-driven/hybrid-azure-ad-join-deploy-device.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}windows-autopilot-hybrid`,
  },
  VPN_UNSUPPORTED: {
    id: 'VPN_UNSUPPORTED',
    message: "[VPN can't connect before sign-in: unsupported VPN type]",
    where: 'Windows logon screen (hybrid, Skip AD connectivity check = Yes)',
    meaning:
      'Inferred: a VPN needing a user certificate, a UWP VPN plug-in or DirectAccess cannot come up before sign-in, so the domain sign-in fails; the doc names no code or message.',
    phase: 'windowsLogon',
    remedy:
      'Use a Win32 VPN client with device-targeted certificates that connects from the logon screen or automatically.',
    source: 'memdocs autopilot/windows-autopilot-hybrid.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}windows-autopilot-hybrid`,
  },

  // ── Intune Connector for Active Directory (§5.4)
  ODJ_CONNECTOR_30132: {
    id: 'ODJ_CONNECTOR_30132',
    message: 'Failed to get the ODJ Blob. The ODJ connector does not have sufficient privileges…',
    where:
      'Connector server event log (Applications and Services Logs > Microsoft > Intune > ODJConnectorService), event 30132 RequestOfflineDomainJoinBlob_Failure',
    meaning:
      'The connector lacks the Create computer objects delegation on the OU, or hit the 10-computer join quota (ErrorCode 5, DiagnosticCode 0x00000800).',
    phase: 'connector',
    remedy: "Delegate the rights on the OU to the connector's account.",
    source: 'support troubleshoot-windows-enrollment-errors.md; memdocs autopilot/includes/computer-account-limit.md',
    evidence: 'DOC',
    docUrl: SUPPORT_ENROLLMENT,
  },
  CONNECTOR_SETUP_ERROR: {
    id: 'CONNECTOR_SETUP_ERROR',
    message:
      "MSA account <accountName> is not valid · Cannot start service ODJConnectorSvc on computer '.' · System.DirectoryServices.DirectoryServicesCOMException (0x8007202F): A constraint violation occurred.",
    where: 'Connector setup',
    meaning: 'Bugs or environment issues in the updated Intune Connector for Active Directory.',
    phase: 'connector',
    remedy: 'Install connector build 6.2504.2001.8, which fixes or mitigates them.',
    source: 'memdocs autopilot/whats-new.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}whats-new`,
  },

  // ── ESP device setup / account setup (§3.3)
  ESP_TIMEOUT: {
    id: 'ESP_TIMEOUT',
    message: ESP_DEFAULT_MESSAGE,
    where: 'ESP error page (default text)',
    meaning: `An ESP phase exceeded its timeout (default 60 min; hybrid device setup gets +${HYBRID_ESP_EXTRA_MINUTES} min).`,
    phase: 'deviceSetup',
    remedy: 'Depends on the cause; raise the ESP timeout if installs legitimately need longer.',
    source: 'memdocs intune/intune-service/enrollment/windows-enrollment-status.md (ESP page)',
    evidence: 'DOC',
    docUrl: ESP_PAGE,
  },
  CA_BLOCKS_ENROLLMENT: {
    id: 'CA_BLOCKS_ENROLLMENT',
    message: '[MDM enrollment cannot complete: Conditional Access blocks the Microsoft Intune Enrollment cloud app]',
    where: 'OOBE, at MDM enrollment',
    meaning:
      'Inferred code: a Conditional Access policy that blocks access without excluding the Microsoft Intune Enrollment and Microsoft Intune cloud apps stops the enrollment; the doc says enrollment cannot complete and names no code or message.',
    phase: 'identity',
    remedy: 'Exclude the Microsoft Intune Enrollment and Microsoft Intune cloud apps from block policies.',
    source: 'memdocs autopilot/known-issues.md, autopilot/requirements.md (Configuration)',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  ESP_APP_FAILED: {
    id: 'ESP_APP_FAILED',
    message: ESP_DEFAULT_MESSAGE,
    where: 'ESP error page (default text)',
    meaning: 'A blocking tracked app failed (InstallationState=4), which stops ESP app installs.',
    phase: 'deviceSetup',
    remedy: 'Depends on the cause; fix the failing app, then retry or reset.',
    source: 'memdocs intune/intune-service/enrollment/windows-enrollment-status.md (ESP page); support understand-troubleshoot-esp.md',
    evidence: 'DOC',
    docUrl: ESP_PAGE,
  },
  ANOTHER_INSTALLATION_IN_PROGRESS: {
    id: 'ANOTHER_INSTALLATION_IN_PROGRESS',
    message: 'Another installation is in progress, please try again later',
    where: 'ESP app row',
    meaning:
      'LOB (MSI) and Win32 apps, or the Teams Machine-Wide Installer MSI, installed at the same time clash over TrustedInstaller and the ESP fails.',
    phase: 'deviceSetup',
    remedy: "Don't mix LOB and Win32 apps in the ESP; use Autopilot device preparation for mixed app types.",
    source: 'memdocs intune/intune-service/enrollment/windows-enrollment-status.md (ESP page), autopilot/troubleshooting-faq.yml',
    evidence: 'DOC',
    docUrl: ESP_PAGE,
  },
  APP_REBOOT_HANG: {
    id: 'APP_REBOOT_HANG',
    message: ESP_DEFAULT_MESSAGE,
    where: 'ESP device setup (hangs, then the error page)',
    meaning:
      'Inferred: an app packaged with its own reboot hangs or fails the ESP; the doc names no code, so the default ESP error page is assumed.',
    phase: 'deviceSetup',
    remedy: "Set the app's restart behaviour in Intune instead of rebooting inside the installer.",
    source: 'memdocs intune/intune-service/enrollment/windows-enrollment-status.md (ESP page)',
    evidence: 'INF',
    docUrl: ESP_PAGE,
  },
  IME_DETECTION_NOT_COMPUTED: {
    id: 'IME_DETECTION_NOT_COMPUTED',
    message:
      '[Win32App][DetectionActionHandler] Detection for policy with id: <id> resulted in action status: Failed and detection state: NotComputed.',
    where: 'IME log, pre-provisioning user flow',
    meaning:
      'The user flow ran more than 6 months after the technician flow, so the IME certificates expired and Win32 detection fails.',
    phase: 'deviceSetup',
    remedy: 'Re-run pre-provisioning so the user flow follows the technician flow within 6 months.',
    source: 'memdocs autopilot/pre-provision.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}pre-provision`,
  },
  TPM_ATTESTATION_AFTER_RESET: {
    id: 'TPM_ATTESTATION_AFTER_RESET',
    message: '[TPM attestation fails on the retry after Reset; no code documented]',
    where: 'Pre-provisioning red screen, Securing your hardware on the retry',
    meaning: 'Known issue: pressing Reset after an ESP failure in pre-provisioning can make TPM attestation fail on the retry; the notes give no code.',
    phase: 'devicePreparation',
    remedy: 'Retry again, or reimage the device before provisioning it again.',
    source: 'memdocs autopilot/known-issues.md (§2.3 T9b)',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  AUTOLOGON_FAILED: {
    id: 'AUTOLOGON_FAILED',
    message: '[autologon fails after the restart in device setup; no code documented]',
    where: 'Sign-in after device setup',
    meaning: 'DeviceLock (password) policies plus a restart after the credentials were given but before device setup finished: autologon fails, and the only fix is a reset.',
    phase: 'accountSetup',
    remedy: 'Reset the device; avoid DeviceLock policies that force a restart during device setup.',
    source: 'memdocs ESP page (§2.1 U6a, §3.3)',
    evidence: 'INF',
    docUrl: ESP_PAGE,
  },
  ESP_OFF_OLD_BUILD: {
    id: 'ESP_OFF_OLD_BUILD',
    message: '[pre-provisioning fails with the ESP off on a build without the 2020 updates; no code documented]',
    where: 'Technician flow (red screen)',
    meaning: 'Before the 2020 updates, self-deploying and pre-provisioning failed device setup when "Show app and profile configuration progress" was No; since KB4535996 pre-provisioning marks the ESP as required to show.',
    phase: 'devicePreparation',
    remedy: 'Install the 2020 cumulative updates (every supported build has them), or show the ESP.',
    source: 'memdocs ESP page, autopilot/pre-provision.md (§3.2 show progress, §2.3 forks) [DOC-OLD]; the step it fails at and a code are not documented',
    evidence: 'INF',
    docUrl: ESP_PAGE,
  },
  KIOSK_AUTOLOGON_BROKEN: {
    id: 'KIOSK_AUTOLOGON_BROKEN',
    message: '[kioskUser0 autologon does not happen; no code documented]',
    where: 'Self-deploying kiosk end state',
    meaning: 'Exchange ActiveSync policies break kiosk autologon, and DeviceLock (password) policies can.',
    phase: 'kiosk',
    remedy: 'Do not target Exchange ActiveSync or DeviceLock policies at kiosk devices.',
    source: 'memdocs autopilot/self-deploying.md, autopilot/known-issues.md (§2.6)',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}self-deploying`,
  },
  SIGN_IN_METHOD_UNSUPPORTED: {
    id: 'SIGN_IN_METHOD_UNSUPPORTED',
    message: '[the sign-in method is not supported in OOBE; no code documented]',
    where: 'Entra sign-in page in OOBE',
    meaning: 'Smart card and certificate-based authentication are not supported in OOBE; a Temporary Access Pass needs web sign-in and does not work for hybrid join or kiosks.',
    phase: 'identity',
    remedy: 'Sign in with a password (and MFA), or enable web sign-in for a Temporary Access Pass on Entra join.',
    source: 'memdocs autopilot/requirements.md, autopilot/known-issues.md (§1.3)',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}requirements`,
  },
  ASSIGNED_USER_WRONG_UPN: {
    id: 'ASSIGNED_USER_WRONG_UPN',
    message: '[the device is unusable: the user assigned to it has a wrong UPN; no screen or code documented]',
    where: 'Entra sign-in page in OOBE',
    meaning: 'The Autopilot import checks only the domain part of the assigned user\'s UPN, so a wrong UPN is accepted, and it leaves the device unusable until the assignment is removed.',
    phase: 'identity',
    remedy: 'Remove the user assignment from the Autopilot device, then assign the right UPN if one is wanted.',
    source: 'memdocs autopilot/tutorial/includes/import-hardware-hash.md, autopilot/add-devices.md (§5.7)',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}add-devices`,
  },
  PERSONAL_ENROLLMENT_BLOCKED: {
    id: 'PERSONAL_ENROLLMENT_BLOCKED',
    message: '[enrollment refused: personal devices are blocked, and Autopilot for existing devices cannot be used then]',
    where: 'MDM enrollment after an existing-devices task sequence',
    meaning: 'Documented as a precondition (enrollment restrictions must not block personal devices); an Autopilot-registered device counts as corporate, so it is the unregistered device the JSON is for that meets the block. No document names the code or message, so none is invented here.',
    phase: 'identity',
    remedy: 'Allow personal Windows (MDM) enrollment, or register the device so a cloud profile applies.',
    source: 'memdocs autopilot/existing-devices.md, autopilot/requirements.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}existing-devices`,
  },
  IDENTIFYING_HANG: {
    id: 'IDENTIFYING_HANG',
    message: ESP_DEFAULT_MESSAGE,
    where: 'ESP stuck at "Identifying", then the timeout page',
    meaning:
      'Inferred: with no Intune licence the ESP stays at "Identifying" until it times out; the doc names no code or message.',
    phase: 'accountSetup',
    remedy: 'Assign the user an Intune licence.',
    source: 'memdocs intune/intune-service/enrollment/windows-enrollment-status.md (ESP page), autopilot/troubleshooting-faq.yml',
    evidence: 'INF',
    docUrl: ESP_PAGE,
  },

  // ── Existing devices (§2.7)
  JSON_PROFILE_UNSUPPORTED: {
    id: 'JSON_PROFILE_UNSUPPORTED',
    message: '[self-deploying or pre-provisioning profile in AutopilotConfigurationFile.json is not supported]',
    where: 'OOBE after the existing-devices task sequence',
    meaning:
      'Inferred: self-deploying and pre-provisioning need TPM attestation tied to an Autopilot device object, so a JSON carrying them is unsupported (the JSON applies on an unregistered device, or when the online profile download times out); the exact failure is undocumented.',
    phase: 'devicePreparation',
    remedy: 'Put a user-driven profile in the JSON, or register the device and assign the profile in the cloud.',
    source: 'memdocs autopilot/existing-devices.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}existing-devices`,
  },

  USER_FLOW_NO_INTERNET: {
    id: 'USER_FLOW_NO_INTERNET',
    message: "[no internet: the user flow cannot go past \"Let's connect you to a network\"]",
    where: 'OOBE network page, pre-provisioning user flow',
    meaning:
      'Inferred: the pre-provisioning user flow always needs internet; the device is already provisioned (its profile on disk, event 163, Entra joined and enrolled), so it does not fall back to ordinary OOBE, and without internet the user cannot sign in (Entra is a hard dependency).',
    phase: 'oobe',
    remedy: 'Connect the device to a network with internet (Ethernet, or Wi-Fi after region and keyboard) and start the user flow again.',
    source: 'memdocs autopilot/pre-provision.md, autopilot/tutorial/pre-provisioning/azure-ad-join-user-flow.md, autopilot/requirements.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}pre-provision`,
  },

  // ── Autopilot Reset (§2.8, §2.9)
  '0x80070032': {
    id: '0x80070032',
    code: '0x80070032',
    message: 'Ran into trouble. Please sign in with an administrator account to see why and reset manually.',
    where: 'Autopilot Reset, immediately; logs show ERROR_NOT_SUPPORTED (0x80070032)',
    meaning: 'The Windows Recovery Environment is not configured or enabled.',
    phase: 'reset',
    remedy: 'Enable WinRE with reagentc /enable.',
    source: 'memdocs autopilot/windows-autopilot-reset.md, autopilot/troubleshooting-faq.yml',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}windows-autopilot-reset`,
  },
  RECOVERY_ENVIRONMENT_NOT_FOUND: {
    id: 'RECOVERY_ENVIRONMENT_NOT_FOUND',
    message: 'Autopilot reset ran into trouble. Could not find the recovery environment',
    where: 'Autopilot Reset',
    meaning: 'Autopilot Reset could not find WinRE.',
    phase: 'reset',
    remedy: 'If WinRE is actually fine, enter admin credentials to let the reset continue.',
    source: 'memdocs autopilot/known-issues.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  '0xC000000F': {
    id: '0xC000000F',
    code: '0xC000000F',
    message: '0xC000000F',
    where: 'Blue screen (BSOD) during push-button reset on Windows 10 1909',
    meaning: 'The security baseline setting "Enable with UEFI Lock" breaks push-button reset on 1909.',
    phase: 'reset',
    remedy: 'Use a later Windows version.',
    source: 'memdocs autopilot/known-issues.md',
    evidence: 'DOC-OLD',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  CONFIGMGR_REQUIRED: {
    id: 'CONFIGMGR_REQUIRED',
    message: '[no Configuration Manager task sequence can run]',
    where: 'Configuration Manager console',
    meaning:
      'Inferred: Autopilot for existing devices is a ConfigMgr task sequence, so without Configuration Manager it cannot start; the doc names no code or message.',
    phase: 'taskSequence',
    remedy: 'Use Configuration Manager current branch, or another scenario.',
    source: 'memdocs autopilot/existing-devices.md, autopilot/tutorial/autopilot-scenarios.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}existing-devices`,
  },
  RESET_NOT_ENABLED: {
    id: 'RESET_NOT_ENABLED',
    message: '[Ctrl+Win+R does nothing]',
    where: 'Lock screen (Ctrl+Win+R)',
    meaning:
      'Inferred: local Autopilot Reset is disabled by default, so without the policy the keystroke does nothing; the doc names no code or message.',
    phase: 'reset',
    remedy:
      'Set CredentialProviders/DisableAutomaticReDeploymentCredentials = 0 (Intune device restrictions: Autopilot Reset = Allow).',
    source: 'memdocs autopilot/windows-autopilot-reset.md, autopilot/tutorial/reset/local-autopilot-reset.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}windows-autopilot-reset`,
  },
  RESET_HYBRID_UNSUPPORTED: {
    id: 'RESET_HYBRID_UNSUPPORTED',
    message: "[Autopilot Reset isn't supported on hybrid-joined devices]",
    where: 'Autopilot Reset',
    meaning:
      'Inferred: Autopilot Reset supports only Entra-joined devices and hybrid devices need a full wipe; the doc names no error for attempting it.',
    phase: 'reset',
    remedy: 'Wipe the device fully and redeploy; it can take up to 24 h (re-registering speeds this up).',
    source: 'memdocs autopilot/windows-autopilot-reset.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}windows-autopilot-reset`,
  },
  RESET_OS_CORRUPTED: {
    id: 'RESET_OS_CORRUPTED',
    message: '[reset not possible: severe OS corruption]',
    where: 'Autopilot Reset (push-button reset)',
    meaning:
      'Inferred: push-button reset cannot rebuild a severely corrupted Windows installation; the doc names no code or message.',
    phase: 'reset',
    remedy: 'Reimage with Autopilot for existing devices instead.',
    source: 'memdocs autopilot/windows-autopilot-reset.md; seed tutorial/autopilot-scenarios.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}windows-autopilot-reset`,
  },
  RESET_NOT_ENROLLED: {
    id: 'RESET_NOT_ENROLLED',
    message: '[Autopilot Reset unavailable: the device is not enrolled in Intune]',
    where: 'Autopilot Reset (local)',
    meaning:
      'Inferred: Autopilot Reset needs an Entra-joined, Intune-enrolled device (the reset keeps the MDM enrollment it has); the doc names no code or message for a device without one. A Windows Home device is one: Autopilot does not support Home, whose MDM enrollment fails with 0x80180022 (§5.1).',
    phase: 'reset',
    remedy: 'Enroll the device in Intune (on Windows Home, upgrade to Pro or better first), or reimage it (Autopilot for existing devices) instead.',
    source: 'memdocs autopilot/windows-autopilot-reset.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}windows-autopilot-reset`,
  },
  RESET_NO_CHECK_IN: {
    id: 'RESET_NO_CHECK_IN',
    message: '[Autopilot Reset stays pending: the device does not check in]',
    where: 'Intune admin center, the device\'s Autopilot Reset action (pending)',
    meaning:
      'Inferred: a remote reset runs at the device\'s next Intune check-in; a device not enrolled in Intune (a Windows Home device cannot be: 0x80180022), or without internet or Intune\'s endpoints, never checks in, so the command never reaches it and the device is not reset.',
    phase: 'checkIn',
    remedy: 'Bring the device online (Intune\'s endpoints open) and force a sync; a device not enrolled in Intune cannot be reset remotely.',
    source: 'memdocs autopilot/tutorial/reset/remote-autopilot-reset.md, memdocs/intune/configuration/device-profile-troubleshoot.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}tutorial/reset/remote-autopilot-reset`,
  },
  RESET_SYNC_BLOCKED: {
    id: 'RESET_SYNC_BLOCKED',
    message: '[the desktop stays blocked: the MDM sync after the reset cannot finish]',
    where: 'Autopilot Reset, after push-button reset (the device stays at the reset screen)',
    meaning:
      'Inferred: after the reset the desktop stays blocked until provisioning packages are applied again and an MDM sync finishes; with no internet, or Intune\'s endpoints blocked, the sync cannot finish.',
    phase: 'reset',
    remedy: 'Connect the device to the internet with Intune\'s endpoints open; the sync then finishes and releases the desktop.',
    source: 'memdocs autopilot/windows-autopilot-reset.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}windows-autopilot-reset`,
  },
  RESET_NOT_AUTOPILOT_DEVICE: {
    id: 'RESET_NOT_AUTOPILOT_DEVICE',
    message: '[reset unavailable: not a registered Autopilot device]',
    where: 'Autopilot Reset',
    meaning:
      'Inferred: the capability table requires a registered Autopilot device for Reset, but the failure mode for an unregistered one is undocumented.',
    phase: 'reset',
    remedy: 'Register the device in Autopilot first.',
    source: 'seed tutorial/autopilot-scenarios.md (capability table); memdocs autopilot/tutorial/reset/remote-autopilot-reset.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}tutorial/autopilot-scenarios`,
  },

  // ── Intune portal: import, profiles, APDP policies (§5.7, §7)
  HASH_IMPORT_400: {
    id: 'HASH_IMPORT_400',
    message: "Cannot convert the literal '[DEVICEHASH]' to the expected type 'Edm.Binary'",
    where: 'Intune CSV import, HTTP 400 (the Import button does nothing)',
    meaning: 'The hardware hash in the CSV is not correctly Base64-padded.',
    phase: 'portal',
    remedy: 'Pad the hash with "=" (or "A") until it decodes.',
    source: 'memdocs autopilot/troubleshooting-faq.yml',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}troubleshooting-faq`,
  },
  IMPORT_LINE_ERRORS: {
    id: 'IMPORT_LINE_ERRORS',
    message: '[import errors by CSV line: device assigned to another tenant / already registered]',
    where: 'Intune CSV import (per-line errors, 2310+)',
    meaning: 'Since 2310 the import reports errors per CSV line, such as a device assigned to another tenant or already registered.',
    phase: 'portal',
    remedy: '',
    source: 'memdocs autopilot/whats-new.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}whats-new`,
  },
  PROFILE_CREATE_ERROR: {
    id: 'PROFILE_CREATE_ERROR',
    message: 'An error occurred while creating Autopilot profile.',
    where: 'Intune portal (Autopilot profile creation)',
    meaning: 'The device name template is invalid, for example a lowercase %serial% macro.',
    phase: 'portal',
    remedy: 'Use %SERIAL% or %RAND:x%, at most 15 characters, not all digits and with no spaces.',
    source: 'support troubleshoot-windows-enrollment-errors.md',
    evidence: 'DOC',
    docUrl: SUPPORT_ENROLLMENT,
  },
  APDP_GROUP_OWNER: {
    id: 'APDP_GROUP_OWNER',
    message:
      'There was a problem with the device security group for <policy_name>. Check the group meets the requirements. · Failed to update security group device preparation setting…',
    where: 'APDP policy save (the policy shows "0 groups assigned")',
    meaning:
      'The Intune Provisioning Client service principal (AppID f1346770-5b25-470b-88bd-d5744ab7952c) is not an owner of the device group.',
    phase: 'portal',
    remedy: 'Add the Intune Provisioning Client as an owner of the device group.',
    source: 'memdocs autopilot/device-preparation/troubleshooting-faq.yml',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}device-preparation/troubleshooting-faq`,
  },
  APDP_ASSIGN_PERMISSION: {
    id: 'APDP_ASSIGN_PERMISSION',
    message: 'Unable to save group assignment for <policy_name>. You do not have permission…',
    where: 'APDP policy save',
    meaning: 'The admin lacks the RBAC permission Device configurations – Assign (known issue, fixed 2024-07).',
    phase: 'portal',
    remedy: '',
    source: 'memdocs autopilot/device-preparation/known-issues.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}device-preparation/known-issues`,
  },

  // ── Autopilot device preparation (§7): one timer, no ESP; the failure phases Windows 365 reports
  APDP_TIMEOUT: {
    id: 'APDP_TIMEOUT',
    message: '[Device preparation installation error: the policy\'s "Minutes allowed before showing installation error" ran out; the policy\'s custom message if it has one, Retry, and Continue anyway if allowed]',
    where: 'Device preparation "Setting up for work or school" screen; Windows 365: the Cloud PC status',
    meaning: 'The whole deployment (policy, apps and scripts) took longer than the policy\'s timeout (15-720 minutes), which covers the deployment, not single items.',
    phase: 'appsInstallation',
    remedy: 'Raise the timeout in the policy, or install fewer or smaller apps during the deployment (the others arrive after the desktop).',
    source: 'memdocs autopilot/device-preparation/tutorial/user-driven/entra-join-autopilot-policy.md, policy-configuration-options.md',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}device-preparation/tutorial/user-driven/entra-join-autopilot-policy`,
  },
  APDP_APP_FAILED: {
    id: 'APDP_APP_FAILED',
    message: '[Device preparation installation error: an app in the policy failed to install]',
    where: 'Device preparation screen; Windows 365: failure phase "Apps installation"',
    meaning: 'A line-of-business, Microsoft 365, Win32, Store or Enterprise App Catalog app selected in the policy failed; any such failure fails the deployment.',
    phase: 'appsInstallation',
    remedy: 'Fix the failing app (it must be assigned to the device group and install in System context), then Retry.',
    source: 'memdocs autopilot/device-preparation/tutorial/user-driven/entra-join-workflow.md, tutorial/automatic/automatic-workflow.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}device-preparation/tutorial/user-driven/entra-join-workflow`,
  },
  APDP_SCRIPT_FAILED: {
    id: 'APDP_SCRIPT_FAILED',
    message: '[Device preparation installation error: a PowerShell script in the policy failed]',
    where: 'Device preparation screen; Windows 365: failure phase "Scripts installation"',
    meaning: 'A PowerShell script selected in the policy (System context) failed; any such failure fails the deployment.',
    phase: 'scriptsInstallation',
    remedy: 'Fix the script (it must be assigned to the device group and run in System context), then Retry.',
    source: 'memdocs autopilot/device-preparation/tutorial/user-driven/entra-join-workflow.md, tutorial/automatic/automatic-workflow.md',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}device-preparation/tutorial/user-driven/entra-join-workflow`,
  },
} as const satisfies Record<string, CatalogEntry>;

export type ErrorId = keyof typeof catalog;

export function isErrorId(id: string): id is ErrorId {
  return Object.hasOwn(catalog, id);
}

export function lookup(id: string): CatalogEntry | undefined {
  // Not a code at all (a number, an object without a prototype): none, as for an unknown code.
  return typeof id === 'string' && isErrorId(id) ? catalog[id] : undefined;
}

/**
 * A coded row with no documented text: its message is only its code (or, with no code, its id), which is what the
 * screen shows. Beside the code a report would print it twice ('0x80180022 "0x80180022"').
 */
export function isBareCode(entry: CatalogEntry): boolean {
  return entry.message.toLowerCase() === (entry.code ?? entry.id).toLowerCase();
}

/**
 * What a report prints beside a code (the outcome's errorMessage, a fleet's failure table): the catalogue's message,
 * or for a bare code (isBareCode) its documented meaning, bracketed as the catalogue brackets a description that is
 * not Microsoft's wording: '0x80180022  [The device runs Windows Home, and Home isn't supported]'; a message that opens
 * with its code, without it.
 */
export function messageBeside(entry: CatalogEntry): string {
  if (isBareCode(entry)) return described(entry);
  // A message that opens with its code says the code again: '0x81039001  "E_AUTOPILOT_CLIENT_TPM_MAX_ATTESTATION_RETRY_EXCEEDED"'.
  const code = `${entry.code ?? entry.id} `;
  return entry.message.toLowerCase().startsWith(code.toLowerCase()) ? entry.message.slice(code.length) : entry.message;
}

/** What a code means, in brackets as every description that is not on-screen text. */
const described = (entry: CatalogEntry) => `[${entry.meaning.replace(/\.$/, '')}]`;

/**
 * The message of a failure that ended inside the ESP with no one at an OOBE page or a sign-in screen (`inEsp`): a
 * technician flow, whose failure ends on its red screen, which shows the error (domain §2.3 T9b), or a self-deploying
 * device, whose join and enrollment run in the ESP's device preparation (§2.6 S3, S4) and fail on its error page. A
 * catalogue text whose place is a sign-in screen (0x80070774's 'Something went wrong. Confirm you are using the correct
 * sign-in information…', §4: the hybrid user's first sign-in) or an OOBE page (a blocked Entra's 'Something went wrong',
 * §5.3, and 80180018's page: the user-driven OOBE's join and enrollment) names a screen that device never shows: what the
 * code means is given instead. Elsewhere the catalogue's message (messageBeside). The outcome (src/engine/observers.ts)
 * and the studio's red screen read this one rule.
 */
export function messageWhere(entry: CatalogEntry, inEsp: boolean): string {
  return inEsp && placedOutsideEsp(entry) ? described(entry) : messageBeside(entry);
}

/** Whether the catalogue places a code's text at a sign-in screen or an OOBE page, where no device inside the ESP is (messageWhere). */
const placedOutsideEsp = (entry: CatalogEntry) => /sign-in|^OOBE/i.test(entry.where ?? '');

/** The technician's red screen, the page a pre-provisioning failure ends on (§2.3 T9b), as the error card names it. */
export const TECHNICIAN_PAGE = 'Technician flow (red screen)';

/**
 * Whether the catalogue places a code on the technician's pre-provisioning screen (§4: 0x801C03F3's 'Pre-prov error
 * screen'), which only a technician flow shows: a self-deploying device (§2.6 S3) or a user at OOBE fails elsewhere.
 */
const placedOnTechnicianPage = (entry: CatalogEntry) => /^Pre-provisioning (error|red) screen/i.test(entry.where ?? '');

/**
 * Where a failure's code is shown (the studio's error card, "Shown"): the catalogue's place, or the page the device fails
 * on where the catalogue's place is one this flow never shows. `page` is a page inside the ESP with no one at an OOBE page
 * or a sign-in (the technician's red screen, §2.3 T9b, or a self-deploying device's ESP error page, §2.6 S3), where a
 * place at a sign-in or OOBE page is not the device's (messageWhere's rule): the card said "Shown: OOBE (generic page)"
 * beside a red screen. `userPage` is the page a user's failure shows (an OOBE page, a sign-in), where no ESP page is. A
 * place on the technician's pre-provisioning screen is the device's only in a technician flow: a self-deploying ESP error
 * page and a user's OOBE page, failing with 0x801C03F3, read "Shown: Pre-provisioning error screen". What the catalogue
 * adds after the page (an event log) holds in every flow.
 */
export function whereShown(entry: CatalogEntry, page: string | null, userPage: string | null = null): string {
  const [place = '', ...rest] = entry.where.split('; ');
  const elsewhere = page ? placedOutsideEsp(entry) || (placedOnTechnicianPage(entry) && page !== TECHNICIAN_PAGE) : placedOnTechnicianPage(entry);
  const shown = page ?? userPage;
  if (!elsewhere || !shown) return entry.where;
  return page && placedOutsideEsp(entry) ? `${page}, with what the code means; not ${entry.where}, which this flow never shows` : [shown, ...rest, `not the ${place.replace(/^Pre-provisioning/, 'pre-provisioning')}, which this flow never shows`].join('; ');
}

export interface AutopilotEvent {
  id: number;
  level: 'info' | 'warning' | 'error';
  name?: string;
  meaning: string;
}

/** Autopilot event IDs, channel ModernDeployment-Diagnostics-Provider/Autopilot (§4, §1.1). */
export const autopilotEvents: Record<number, AutopilotEvent> = {
  100: { id: 100, level: 'warning', meaning: 'Policy not found yet (waiting for the profile); normal while waiting.' },
  101: { id: 101, level: 'info', meaning: 'DWORD setting read.' },
  103: { id: 103, level: 'info', meaning: 'String setting read.' },
  109: { id: 109, level: 'info', meaning: 'OOBE setting override read.' },
  111: { id: 111, level: 'info', meaning: 'Settings retrieved.' },
  153: { id: 153, level: 'info', meaning: 'Profile state changed (ProfileState_Unknown → ProfileState_Available).' },
  160: { id: 160, level: 'info', meaning: 'Profile acquisition started.' },
  161: { id: 161, level: 'info', meaning: 'Profile retrieve succeeded.' },
  163: { id: 163, level: 'info', meaning: 'Already provisioned, no download needed.' },
  164: { id: 164, level: 'info', meaning: 'Internet available, attempting download.' },
  171: { id: 171, level: 'error', meaning: 'Failed to set TPM identity confirmed (attestation).' },
  172: { id: 172, level: 'error', meaning: 'Failed to mark the profile available (usually follows 171).' },
  807: { id: 807, level: 'error', name: 'ZtdDeviceIsNotRegistered', meaning: 'The device is not registered with Autopilot.' },
  809: { id: 809, level: 'error', meaning: "The assigned profile doesn't exist (deleted without cleanup)." },
  815: {
    id: 815,
    level: 'error',
    name: 'ZtdDeviceHasNoAssignedProfile',
    meaning: 'Registered, but no profile is assigned and there is no default profile.',
  },
  908: {
    id: 908,
    level: 'error',
    name: 'SerialNumberMismatch / ProductKeyIdMismatch',
    meaning: 'The serial number or product key differs from the registration; re-register.',
  },
};

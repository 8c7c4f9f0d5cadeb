// Findings: what a deployment that succeeds can still get wrong, as the documents describe it
// (domain/autopilot.md §1.3, §8 W53, W61, W63). The device reaches the desktop, so these are not
// failures; a run reports them beside its outcome, and a fleet counts the devices they touch.
import type { Evidence } from './errors.ts';

export interface Finding {
  id: string;
  /** What the person or the admin will find, one sentence. */
  text: string;
  remedy: string;
  source: string;
  evidence: Evidence;
  docUrl: string;
}

const AUTOPILOT = 'https://learn.microsoft.com/autopilot/';

export const FINDINGS = {
  ASSIGNED_USER_NOT_ENFORCED: {
    id: 'ASSIGNED_USER_NOT_ENFORCED',
    text: 'The tenant signs in through ADFS, so the pre-assigned user is not enforced: anyone in the organisation can sign in and take the device.',
    remedy: 'Do not rely on user assignment with ADFS; use managed (cloud) authentication for the users being assigned.',
    source: 'memdocs autopilot/known-issues.md, intune enrollment/enrollment-autopilot.md (§8 W53)',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  LOCAL_ADMIN_NOT_GRANTED: {
    id: 'LOCAL_ADMIN_NOT_GRANTED',
    text: 'A script created another local administrator account during OOBE, so the user does not get the administrator rights the profile specifies.',
    remedy: 'Create extra local accounts after the deployment, not from a script during OOBE.',
    source: 'memdocs autopilot/known-issues.md (§8 W61)',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}known-issues`,
  },
  LOCAL_ADMIN_AFTER_SIGN_OUT: {
    id: 'LOCAL_ADMIN_AFTER_SIGN_OUT',
    text: 'The account setup page was not shown (SkipUserStatusPage, or the ESP off), so no Sign out button ended it: the hybrid user the profile makes a local administrator reached the desktop without the rights, which the forced sign-out is what grants, and gets them only after signing out and in again.',
    remedy: 'Have the user sign out and sign in again once at the desktop, or show the account setup page (ESP on, no SkipUserStatusPage) so that its Sign out does it.',
    source: 'memdocs autopilot/windows-autopilot-hybrid.md, autopilot/resolved-issues.md (§2.2 H10; the outcome without the Sign out is not documented, [INF])',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}windows-autopilot-hybrid`,
  },
  SHOWN_AS_ENTRA_REGISTERED: {
    id: 'SHOWN_AS_ENTRA_REGISTERED',
    text: 'The device was Microsoft Entra registered (workplace joined) before it was imported, so after the deployment it shows as "Microsoft Entra registered" rather than joined.',
    remedy: 'Remove the registration (dsregcmd /leave, or delete the registered device object) before deploying it again.',
    source: 'memdocs autopilot/troubleshooting-faq.yml (§8 W63)',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}troubleshooting-faq`,
  },
  USER_FLOW_TOO_SOON: {
    id: 'USER_FLOW_TOO_SOON',
    text: 'The user flow started less than 90 minutes after the technician flow, which the notes advise against so that tokens refresh properly; they give no outcome for it, so the run carries on as if it did not matter.',
    remedy: 'Wait at least 90 minutes after the technician flow before the user turns the device on (mostly a lab concern).',
    source: 'memdocs autopilot/pre-provision.md (§2.4, §9.1)',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}pre-provision`,
  },
  APDP_LOCAL_ADMIN_CONFLICT: {
    id: 'APDP_LOCAL_ADMIN_CONFLICT',
    text: 'Device preparation skipped provisioning: Entra adds the registering user as local administrator for Selected users or None while the policy says Standard, so the user reached the desktop without the policy\'s apps and scripts.',
    remedy: 'Use a documented consistent combination: Entra "Registering user is added as local administrator" = All with the policy\'s account type, or make the policy\'s account type match the Entra setting.',
    source: 'memdocs autopilot/device-preparation/known-issues.md (§7)',
    evidence: 'DOC',
    docUrl: 'https://learn.microsoft.com/autopilot/device-preparation/known-issues',
  },
  APDP_CO_MANAGEMENT_UNSUPPORTED: {
    id: 'APDP_CO_MANAGEMENT_UNSUPPORTED',
    text: 'Co-management is configured, which device preparation does not support: nothing in its flow waits for the Configuration Manager client, as the classic ESP would, and the documents give no outcome [INF].',
    remedy: 'Deploy co-managed devices with classic Autopilot (its ESP waits for the Configuration Manager client), or install the client after the deployment.',
    source: 'memdocs autopilot/device-preparation/overview.md, compare.md ("Not supported": co-management) (§7)',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}device-preparation/compare`,
  },
  APDP_DEVICE_GROUP_SKIPPED: {
    id: 'APDP_DEVICE_GROUP_SKIPPED',
    text: 'The device was not added to the device preparation policy\'s device group, so the policy\'s apps and scripts were "Skipped" and the device reached the desktop without them.',
    remedy: 'Use an assigned (static), non-role-assignable security group with the Intune Provisioning Client (f1346770-5b25-470b-88bd-d5744ab7952c) as an owner, and save the policy again.',
    source: 'memdocs autopilot/device-preparation/troubleshooting-faq.yml, known-issues.md (§7, §8 W57)',
    evidence: 'DOC',
    docUrl: 'https://learn.microsoft.com/autopilot/device-preparation/troubleshooting-faq',
  },
  USER_SCRIPT_NOT_RUN: {
    id: 'USER_SCRIPT_NOT_RUN',
    text: 'A PowerShell script set to run with the logged-on user\'s credentials did not run during the ESP; the ESP does not track scripts, so the deployment went on without it.',
    remedy: 'Run scripts that must run during the deployment in System context.',
    source: 'memdocs intune windows-enrollment-status.md; support understand-troubleshoot-esp.md (§2.1 U9, §3.2)',
    evidence: 'DOC',
    docUrl: 'https://learn.microsoft.com/mem/intune/enrollment/windows-enrollment-status',
  },
  ESP_LEFT_EARLY: {
    id: 'ESP_LEFT_EARLY',
    text: 'The ESP did not block device use ("Block device use until all apps and profiles are installed" = No) and the user left it before setup finished: required apps and policies, Windows Update for Business policies among them, were still arriving at the desktop.',
    remedy: 'Set "Block device use until all apps and profiles are installed" to Yes where the apps and policies must be in place before the user works.',
    source: 'memdocs intune windows-enrollment-status.md (§2.1, §3.2)',
    evidence: 'DOC',
    docUrl: 'https://learn.microsoft.com/mem/intune/enrollment/windows-enrollment-status',
  },
  PREPROVISIONED_HALF_CONFIGURED: {
    id: 'PREPROVISIONED_HALF_CONFIGURED',
    text: 'The device ESP was not shown in the technician flow: Reseal came before the device\'s apps and policies were installed, so the device shipped half-configured.',
    remedy: 'Show the device ESP to pre-provisioned devices ("Show app and profile configuration progress" = Yes, esp.enabled, in a profile assigned to devices, without SkipDeviceStatusPage), so the technician flow installs the device\'s apps and policies before Reseal.',
    source: 'memdocs autopilot/pre-provision.md (§3.2, §8 W25)',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}pre-provision`,
  },
  ESP_ASSIGNED_TO_USERS: {
    id: 'ESP_ASSIGNED_TO_USERS',
    text: 'The ESP profile is assigned to a user group. Self-deploying evaluates only device-targeted profiles, so the built-in default applied and nothing of the ESP showed; where a user signed in first, the device ESP did not know the profile\'s Selected blocking apps (it does not know the user yet) and waited for none of them.',
    remedy: 'Assign the ESP profile to a device group, or put the blocking-app list in the default profile.',
    source: 'memdocs intune windows-enrollment-status.md (§3.2 assignment and priority, and its known issue; what the device ESP does without the list is not documented, [INF])',
    evidence: 'DOC',
    docUrl: 'https://learn.microsoft.com/mem/intune/enrollment/windows-enrollment-status',
  },
  PREPARATION_FAILED_BEHIND_DESKTOP: {
    id: 'PREPARATION_FAILED_BEHIND_DESKTOP',
    text: 'The device ESP was not shown, so the device reached the desktop (self-deploying: its sign-in screen or kiosk) while preparing the device for mobile management failed behind it: the Intune Management Extension is not installed, so the device\'s Win32 apps and scripts do not arrive, and nothing on screen said so.',
    remedy: 'Show the ESP ("Show app and profile configuration progress" = Yes, no SkipDeviceStatusPage), so the failure stops the deployment on its error page; on a VM, give it at least 2 vCPU and 4 GB of memory.',
    source: 'memdocs intune windows-enrollment-status.md, autopilot/known-issues.md, autopilot-device-guidelines.md (§2.1 fork, §3.2, §5.8, §8 W7; the outcome with the ESP hidden is not documented, [INF])',
    evidence: 'INF',
    docUrl: 'https://learn.microsoft.com/mem/intune/enrollment/windows-enrollment-status',
  },
  SETUP_FAILED_BEHIND_END_SCREEN: {
    id: 'SETUP_FAILED_BEHIND_END_SCREEN',
    text: 'The ESP was off on a build without the 2020 updates, where self-deploying failed device setup: behind the sign-in screen (or the kiosk) the device\'s policies and apps did not arrive, and with no ESP nothing on screen said so.',
    remedy: 'Install the 2020 cumulative updates (every supported build has them), or show the ESP ("Show app and profile configuration progress" = Yes), so a failure stops the deployment on its error page.',
    source: 'memdocs intune windows-enrollment-status.md (§3.2 show progress: "older builds failed device setup for self-deploy and pre-provisioning when ESP was disabled (fixed 2020)", [DOC-OLD]; how the failure shows with no ESP is not documented, [INF])',
    evidence: 'INF',
    docUrl: 'https://learn.microsoft.com/mem/intune/enrollment/windows-enrollment-status',
  },
  RESET_BY_NON_ADMIN: {
    id: 'RESET_BY_NON_ADMIN',
    text: 'The person who pressed Ctrl+Win+R and signed in at the Autopilot Reset screen is not a local administrator on the device, as a local reset requires: the screen checks that the person is allowed, but the notes give no outcome (no message, no code) for someone who is not, so the run carries on as for an administrator.',
    remedy: 'Have a local administrator on the device sign in at the Autopilot Reset screen.',
    source: 'memdocs autopilot/windows-autopilot-reset.md, autopilot/tutorial/reset/local-autopilot-reset.md (§2.8 preconditions and RL2; what the screen does with anyone else is not documented, [INF])',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}windows-autopilot-reset`,
  },
  PREPROVISIONING_BEFORE_1903: {
    id: 'PREPROVISIONING_BEFORE_1903',
    text: 'Pre-provisioning on Windows 10 older than 1903, its historical minimum: the notes give no outcome for an older build (only TPM attestation\'s own minimum, 1709 or 1809 for hybrid, fails with 0x800705B4), so the run carries on as on a supported version.',
    remedy: 'Pre-provision on a currently supported Windows version (any supported version is; 1903 was the historical minimum).',
    source: 'memdocs autopilot/pre-provision.md, requirements.md, itpro white-glove.md (§2.3 preconditions, §5.1 historical minimums [DOC-OLD]; what an older build does is not documented, [INF])',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}pre-provision`,
  },
  HYBRID_BEFORE_1809: {
    id: 'HYBRID_BEFORE_1809',
    text: 'Hybrid join on Windows 10 older than 1809, its historical minimum: the notes give no outcome for an older build (only TPM attestation\'s own minimum, which a hybrid pre-provisioned device meets first, fails with 0x800705B4), so the run carries on as on a supported version.',
    remedy: 'Deploy hybrid join on a currently supported Windows version (any supported version is; 1809 was the historical minimum).',
    source: 'memdocs autopilot/requirements.md, itpro user-driven-hybrid.md (§5.1 historical minimums [DOC-OLD]; what an older build does is not documented, [INF])',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}requirements`,
  },
  KIOSK_APPS_NOT_INSTALLED: {
    id: 'KIOSK_APPS_NOT_INSTALLED',
    text: 'The kiosk signed in as kioskUser0, but the apps meant to install after the ESP did not: the user ESP is not processed for a local account and no device token is issued.',
    remedy: 'Set SkipUserStatusPage (FirstSyncStatus/SkipUserStatusPage = True) for kiosk devices, or make the kiosk\'s apps blocking device apps.',
    source: 'memdocs autopilot/troubleshooting-faq.yml, autopilot/self-deploying.md (§2.6, §8 W55)',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}troubleshooting-faq`,
  },
  HYBRID_OBJECT_NOT_SYNCED: {
    id: 'HYBRID_OBJECT_NOT_SYNCED',
    text: 'The hybrid device object was not in Entra ID when the user first signed in: Entra Connect had not synced the new computer object (not yet, or never, where the Domain Join profile\'s OU is outside its sync scope). No Entra PRT at that sign-in, and device-based Conditional Access can block access until the object is synced.',
    remedy: 'Keep the Domain Join profile\'s OU in the Entra Connect sync scope; expect the first sign-in after a short device setup to come before the next sync cycle.',
    source: 'memdocs autopilot/windows-autopilot-hybrid.md (§2.2; the PRT at first sign-in is community knowledge, [INF])',
    evidence: 'INF',
    docUrl: `${AUTOPILOT}windows-autopilot-hybrid`,
  },
  RESTART_IN_ACCOUNT_SETUP: {
    id: 'RESTART_IN_ACCOUNT_SETUP',
    text: 'An app asked for a restart during account setup (the user ESP), where restarts are not supported: the notes say so and give no outcome, so the run carries on as if the restart waited until after the ESP.',
    remedy: 'Assign apps that need a restart to devices, so they install in device setup, where Intune-driven restarts are supported; or let the restart come after the ESP.',
    source: 'memdocs intune windows-enrollment-status.md; support understand-troubleshoot-esp.md (§2.1 U9, §3.3)',
    evidence: 'DOC',
    docUrl: 'https://learn.microsoft.com/mem/intune/enrollment/windows-enrollment-status',
  },
  ACCOUNT_TYPE_FORCED_STANDARD: {
    id: 'ACCOUNT_TYPE_FORCED_STANDARD',
    text: 'The self-deploying profile sets User account type to Administrator, which self-deploying forces to Standard: no user deploys the device, and whoever signs in at its sign-in screen afterwards is a standard user (Entra admins aside, who are always local administrators). The setting has no effect.',
    remedy: 'Leave User account type at Standard in self-deploying profiles; where a user needs local admin rights, deploy the device user-driven, or grant them another way.',
    source: 'memdocs autopilot/profiles.md, tutorial/self-deploying/self-deploying-autopilot-profile.md (§5.6: "forced Standard in self-deploy"; §2.6 S5, S6)',
    evidence: 'DOC',
    docUrl: `${AUTOPILOT}profiles`,
  },
  EDITION_NOT_LISTED: {
    id: 'EDITION_NOT_LISTED',
    text: 'Windows 11 Enterprise LTSC is not an edition Autopilot supports by the 2024-06 requirements page (readings.windows11LtscSupported: false), which lists Enterprise LTSC for Windows 10 only; the notes give no outcome for it, so the run carries on as on a supported edition.',
    remedy: 'Follow the 2024-11 requirements page, which lists Windows 11 Enterprise LTSC (the default reading), or deploy an edition both pages list.',
    source: 'memdocs autopilot/requirements.md, 2024-06 and 2024-11 versions (§5.1, §10 #12; what an unlisted edition does is not documented, [INF])',
    evidence: 'DOC-OLD',
    docUrl: `${AUTOPILOT}requirements`,
  },
} as const satisfies Record<string, Finding>;

export type FindingId = keyof typeof FINDINGS;

export function findingOf(id: string): Finding | undefined {
  return (FINDINGS as Record<string, Finding>)[id];
}

/** A finding's sentence, or its id when the catalogue has none. */
export const findingText = (id: string): string => findingOf(id)?.text ?? id;

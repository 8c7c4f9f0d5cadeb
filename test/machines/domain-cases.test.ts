// Cases from the domain notes' condition-heavy sections (domain/autopilot.md §3 ESP settings and
// timers, §5 requirements, §7 device preparation, §8 the what-if list): each an environment over a
// scenario's defaults and the outcome the notes give for it (a status, an error code and phase, a
// finding, or a state the run must or must not pass). [INF] marks an outcome inferred from several
// documented facts rather than stated; every other row is the documented outcome.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/environment/load.ts';
import { apdp, app, environment, expectCase, hybrid, policy, preProv, type Case, type Overrides } from './helpers.ts';

export const CASES: Case[] = [
  // §3.2 ESP profile settings, §3.3 runtime rules and timers
  ['esp-off', '§3.2 show progress = No', 'user-driven', { esp: { enabled: false }, apps: [app('Agent')] }, { status: 'succeeded', skips: ['deviceSetup', 'accountSetup'] }],
  ['esp-timeout-30', '§3.2 timeout N', 'user-driven', { esp: { timeoutMinutes: 30 }, apps: [app('Suite', { installMinutes: 45 })] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'deviceSetup' }],
  ['esp-under-timeout', '§3.2 timeout N', 'user-driven', { esp: { timeoutMinutes: 60 }, apps: [app('Suite', { installMinutes: 45 })] }, { status: 'succeeded' }],
  ['hybrid-plus-40', '§3.2 hybrid N + 40', 'user-driven', { ...hybrid, esp: { timeoutMinutes: 30 }, apps: [app('Suite', { installMinutes: 50 })] }, { status: 'succeeded' }],
  ['hybrid-past-plus-40', '§3.2 hybrid N + 40', 'user-driven', { ...hybrid, esp: { timeoutMinutes: 30 }, apps: [app('Suite', { installMinutes: 80 })] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'deviceSetup' }],
  ['user-esp-own-timer', '§3.3, §10 #11 [INF]', 'user-driven', { esp: { timeoutMinutes: 30 }, apps: [app('Tool', { target: 'user', installMinutes: 45 })] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'accountSetup' }],
  ['timers-per-phase', '§3.3, §10 #11 [INF]', 'user-driven', { esp: { timeoutMinutes: 30 }, apps: [app('Agent', { installMinutes: 25 }), app('Tool', { target: 'user', installMinutes: 25 })] }, { status: 'succeeded' }],
  ['timeout-continue', '§3.2 allow use on error', 'user-driven', { esp: { timeoutMinutes: 30, allowContinueAnyway: true }, people: { onError: 'continue' }, apps: [app('Suite', { installMinutes: 45 })] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'deviceSetup', reachedDesktop: true }],
  // "Block device use" = Yes unlocks Allow users to reset and Allow users to use device (§3.2): with No, neither is in effect
  ['block-no-no-continue', '§3.2 Yes unlocks the next four settings', 'user-driven', { esp: { timeoutMinutes: 30, blockDeviceUse: false, allowContinueAnyway: true }, people: { onError: 'continue' }, apps: [app('Suite', { installMinutes: 45 })] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'deviceSetup', reachedDesktop: false }],
  // ... and so are the Selected list and "Only fail selected blocking apps in technician phase": every required app is tracked, as with All [INF]
  ['block-no-selected-list-off', '§3.2 Yes unlocks the next four settings [INF]', 'user-driven', { esp: { blockDeviceUse: false, blockingApps: 'selected', selectedApps: ['Agent'] }, apps: [app('Agent'), app('Flaky', { failureProbability: 1 })] }, { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'deviceSetup' }],
  ['block-no-technician-only-fail-selected-off', '§3.2, §2.3 forks [INF]', 'pre-provisioned', preProv({ esp: { blockDeviceUse: false, blockingApps: 'selected', selectedApps: ['Agent'], onlyFailSelectedBlockingAppsInTechnicianPhase: true }, apps: [app('Agent'), app('Flaky', { failureProbability: 1 })] }), { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'deviceSetup' }],
  ['continue-not-allowed', '§3.2 allow use on error = No', 'user-driven', { esp: { timeoutMinutes: 30, allowContinueAnyway: false }, people: { onError: 'continue' }, apps: [app('Suite', { installMinutes: 45 })] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'deviceSetup', reachedDesktop: false }],
  ['selected-non-blocking-after-esp', '§3.2 Selected', 'user-driven', { esp: { blockingApps: 'selected', selectedApps: ['Agent'] }, apps: [app('Agent'), app('Suite', { installMinutes: 200 })] }, { status: 'succeeded' }],
  ['selected-non-blocking-fails', '§3.2 Selected', 'user-driven', { esp: { blockingApps: 'selected', selectedApps: ['Agent'] }, apps: [app('Agent'), app('Flaky', { failureProbability: 1 })] }, { status: 'succeeded' }],
  ['selected-blocking-fails', '§3.2 Selected', 'user-driven', { esp: { blockingApps: 'selected', selectedApps: ['Flaky'] }, apps: [app('Agent'), app('Flaky', { failureProbability: 1 })] }, { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'deviceSetup' }],
  ['selected-unassigned-ignored', '§3.2 list filters', 'user-driven', { esp: { blockingApps: 'selected', selectedApps: ['Agent', 'Not assigned anywhere'] }, apps: [app('Agent')] }, { status: 'succeeded' }],
  ['self-deploying-selected', '§3.2 Selected, self-deploying', 'self-deploying', { esp: { blockingApps: 'selected', selectedApps: ['Agent'] }, apps: [app('Agent'), app('Suite', { installMinutes: 200 })] }, { status: 'succeeded' }],
  ['technician-non-blocking-retried', '§2.3, §3.2 only fail selected = Yes', 'pre-provisioned', preProv({ esp: { blockingApps: 'selected', selectedApps: ['Agent'], onlyFailSelectedBlockingAppsInTechnicianPhase: true }, apps: [app('Agent'), app('Flaky', { failureProbability: 1 })] }), { status: 'succeeded' }],
  ['technician-blocking-fails', '§2.3 only fail selected = Yes', 'pre-provisioned', preProv({ esp: { blockingApps: 'selected', selectedApps: ['Agent'], onlyFailSelectedBlockingAppsInTechnicianPhase: true }, apps: [app('Agent', { failureProbability: 1 }), app('Other')] }), { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'deviceSetup' }],
  ['technician-only-blocking', '§2.3 only fail selected = No (2026)', 'pre-provisioned', preProv({ esp: { blockingApps: 'selected', selectedApps: ['Agent'], onlyFailSelectedBlockingAppsInTechnicianPhase: false }, apps: [app('Agent'), app('Suite', { installMinutes: 200 })] }), { status: 'succeeded' }],
  // §3.2 assignment and priority: pre-provisioning and self-deploying evaluate only device-targeted ESP profiles (the built-in default, progress not shown, §2.1, applies);
  // user-driven takes a user-targeted one, but its Selected list is not known to the device ESP (known issue) and quality updates read device-targeted profiles only
  ['esp-to-users-self-deploying', '§3.2 device-targeted only', 'self-deploying', { esp: { assignedTo: 'users' } }, { status: 'succeeded', findings: ['ESP_ASSIGNED_TO_USERS'], skips: ['deviceSetup'] }],
  ['esp-to-users-technician', '§3.2 device-targeted only, §8 W25', 'pre-provisioned', preProv({ esp: { assignedTo: 'users' } }), { status: 'succeeded', findings: ['PREPROVISIONED_HALF_CONFIGURED'], skips: ['deviceSetup', 'accountSetup'] }],
  ['esp-to-users-user-driven', '§3.2 evaluation order: a user-targeted profile where there is a user', 'user-driven', { esp: { assignedTo: 'users' } }, { status: 'succeeded', findings: [], passes: ['deviceSetup', 'accountSetup'] }],
  ['esp-to-users-selected-list', '§3.2 known issue [INF]', 'user-driven', { esp: { assignedTo: 'users', blockingApps: 'selected', selectedApps: ['Agent'] }, apps: [app('Agent', { failureProbability: 1 })] }, { status: 'succeeded', findings: ['ESP_ASSIGNED_TO_USERS'] }],
  ['esp-to-users-quality-updates', '§3.2 quality updates: device-targeted profiles only', 'user-driven', { esp: { assignedTo: 'users', installQualityUpdates: true } }, { status: 'succeeded', skips: ['qualityUpdates'] }],
  ['skip-user-status-page', '§2.1 SkipUserStatusPage', 'user-driven', { esp: { skipUserStatusPage: true }, apps: [app('Tool', { target: 'user', failureProbability: 1 })] }, { status: 'succeeded', skips: ['accountSetup'] }],
  ['skip-device-status-page', '§3.3 SkipDeviceStatusPage', 'user-driven', { esp: { skipDeviceStatusPage: true }, apps: [app('Flaky', { failureProbability: 1 })] }, { status: 'succeeded' }],
  ['quality-updates-win11', '§3.2 quality updates', 'user-driven', { esp: { installQualityUpdates: true } }, { status: 'succeeded', passes: ['qualityUpdates'] }],
  ['quality-updates-win10', '§3.2 Windows 11 only', 'user-driven', { os: { windows: 10, version: '22H2' }, esp: { installQualityUpdates: true } }, { status: 'succeeded', skips: ['qualityUpdates'] }],
  ['quality-updates-metered', '§3.2 not on metered', 'user-driven', { network: { metered: true }, esp: { installQualityUpdates: true } }, { status: 'succeeded', skips: ['qualityUpdates'] }],
  ['quality-updates-no-block', '§2.1 U7 Block device use = No', 'user-driven', { esp: { installQualityUpdates: true, blockDeviceUse: false } }, { status: 'succeeded', skips: ['qualityUpdates'] }],
  ['quality-updates-esp-off', '§3.2 needs the ESP', 'user-driven', { esp: { installQualityUpdates: true, enabled: false } }, { status: 'succeeded', skips: ['qualityUpdates'] }],
  ['quality-updates-wu-blocked', '§8 W21', 'user-driven', { esp: { installQualityUpdates: true }, network: { blockedEndpoints: ['windows-update'] } }, { status: 'succeeded' }],
  // §3.2 supported configurations: the OS control is in the 2025-06 D update (25H2 and later include it); an older Windows 11 gets it from the
  // 2025-11 D zero-day package installed before the ESP, and without it (Windows Update unreachable in OOBE) does not honour the setting
  ['quality-updates-older-build-zdp', '§3.2 the control from the 2025-11 D ZDP', 'user-driven', { os: { version: '23H2', june2025Update: false }, esp: { installQualityUpdates: true } }, { status: 'succeeded', passes: ['updateRestart', 'qualityUpdates'] }],
  ['quality-updates-older-build-no-zdp', '§3.2 not honoured without the control', 'user-driven', { os: { version: '23H2', june2025Update: false }, esp: { installQualityUpdates: true }, network: { blockedEndpoints: ['windows-update'] } }, { status: 'succeeded', skips: ['updateRestart', 'qualityUpdates'] }],
  ['quality-updates-25h2-includes-control', '§3.2 25H2 includes the 2025-06 D control', 'user-driven', { os: { version: '25H2', june2025Update: false }, esp: { installQualityUpdates: true }, network: { blockedEndpoints: ['windows-update'] } }, { status: 'succeeded', passes: ['qualityUpdates'] }],
  ['quality-updates-wu-blocked-with-control', '§8 W21 with the control', 'user-driven', { esp: { installQualityUpdates: true }, network: { blockedEndpoints: ['windows-update'] } }, { status: 'succeeded', passes: ['qualityUpdates'], skips: ['updateRestart'] }],
  ['restart-reenter-credentials', '§2.1 U6a', 'user-driven', { apps: [app('Firmware', { requiresReboot: true })] }, { status: 'succeeded', passes: ['reenterCredentials'] }],
  // A restart loses the credentials typed before it (§3.3): the technician flow's restarts come before the user types any
  ['technician-restart-no-reentry', '§2.1 U6a, §3.3', 'pre-provisioned', preProv({ apps: [app('Firmware', { requiresReboot: true })] }), { status: 'succeeded', skips: ['reenterCredentials'] }],
  ['technician-restart-devicelock', '§3.3 autologon, §2.3', 'pre-provisioned', preProv({ policies: { deviceLock: true }, apps: [app('Firmware', { requiresReboot: true })] }), { status: 'succeeded' }],
  ['user-flow-restart-reentry', '§2.4 P4, §3.3', 'pre-provisioned', preProv({ apps: [app('Later firmware', { requiresReboot: true, assignedAfterTechnicianFlow: true })] }), { status: 'succeeded', passes: ['reenterCredentials'] }],
  ['user-flow-restart-devicelock', '§2.4 P4, §3.3 autologon fails', 'pre-provisioned', preProv({ policies: { deviceLock: true }, apps: [app('Later firmware', { requiresReboot: true, assignedAfterTechnicianFlow: true })] }), { status: 'failed', errorCode: 'AUTOLOGON_FAILED', failedPhase: 'accountSetup' }],
  ['restart-devicelock', '§3.3, §8 W39', 'user-driven', { policies: { deviceLock: true }, apps: [app('Firmware', { requiresReboot: true })] }, { status: 'failed', errorCode: 'AUTOLOGON_FAILED', failedPhase: 'accountSetup' }],
  ['clock-skew-user-driven', '§3.3 clock skew', 'user-driven', { network: { clockSkewMinutes: 30 } }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'deviceSetup' }],
  ['clock-skew-self-deploying', '§3.3 clock skew', 'self-deploying', { network: { clockSkewMinutes: 30 } }, { status: 'failed', errorCode: 'CLOCK_SKEW', failedPhase: 'devicePreparation' }],
  ['co-management', '§3.3 co-management', 'user-driven', { coManagement: { enabled: true } }, { status: 'succeeded' }],
  ['co-management-client-fails', '§3.3 co-management', 'user-driven', { coManagement: { enabled: true, clientInstalls: false } }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'deviceSetup' }],
  ['ime-install-fails', '§3.3 IME InstallationState=4', 'self-deploying', { esp: { imeInstallFails: true } }, { status: 'failed', errorCode: 'IME_INSTALL_FAILED', failedPhase: 'devicePreparation' }],
  // Restarts are not supported in account setup (§2.1 U9, §3.3); the notes give no outcome, so the run says so in a finding
  ['user-app-restart-account-setup', '§2.1 U9, §3.3 no restarts in account setup', 'user-driven', { apps: [app('Tool', { target: 'user', requiresReboot: true })] }, { status: 'succeeded', findings: ['RESTART_IN_ACCOUNT_SETUP'] }],
  ['user-app-restart-hybrid', '§2.1 U9, §3.3 no restarts in account setup', 'user-driven', { ...hybrid, apps: [app('Tool', { target: 'user', requiresReboot: true })] }, { status: 'succeeded', findings: ['HYBRID_OBJECT_NOT_SYNCED', 'RESTART_IN_ACCOUNT_SETUP'] }],
  ['user-app-restart-user-flow', '§2.4 P6, §3.3', 'pre-provisioned', preProv({ apps: [app('Tool', { target: 'user', requiresReboot: true })] }), { status: 'succeeded', findings: ['RESTART_IN_ACCOUNT_SETUP'] }],
  ['device-app-restart-no-finding', '§3.3 restarts allowed in device setup', 'user-driven', { apps: [app('Firmware', { requiresReboot: true })] }, { status: 'succeeded', findings: [] }],
  ['user-app-restart-inside-package', '§3.3 reboot inside installer', 'user-driven', { apps: [app('Tool', { target: 'user', rebootInsidePackage: true })] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'accountSetup' }],
  ['kiosk-skip-user-status-page', '§2.6, §8 W55', 'self-deploying', { profile: { kioskAutologon: true }, esp: { skipUserStatusPage: true }, apps: [app('Signage', { target: 'user' })] }, { status: 'succeeded', findings: [] }],
  ['kiosk-apps-after-esp', '§2.6, §8 W55', 'self-deploying', { profile: { kioskAutologon: true }, apps: [app('Signage', { target: 'user' })] }, { status: 'succeeded', findings: ['KIOSK_APPS_NOT_INSTALLED'] }],

  // §5 requirements
  ['edition-pro-education', '§5.1 editions', 'user-driven', { os: { edition: 'pro-education' } }, { status: 'succeeded' }],
  ['edition-pro-workstations', '§5.1 editions', 'user-driven', { os: { edition: 'pro-workstations' } }, { status: 'succeeded' }],
  ['edition-ltsc-win10', '§5.1 editions', 'user-driven', { os: { edition: 'enterprise-ltsc', windows: 10, version: '22H2' } }, { status: 'succeeded' }],
  ['home-self-deploying', '§5.1, §8 W35', 'self-deploying', { os: { edition: 'home' } }, { status: 'failed', errorCode: '0x80180022', failedPhase: 'devicePreparation' }],
  ['home-pre-provisioned', '§5.1, §8 W35', 'pre-provisioned', preProv({ os: { edition: 'home' } }), { status: 'failed', errorCode: '0x80180022', failedPhase: 'devicePreparation' }],
  ['home-existing-devices', '§5.1, §8 W35', 'existing-devices', { os: { edition: 'home' } }, { status: 'failed', errorCode: '0x80180022', failedPhase: 'identity' }],
  ['home-device-preparation', '§7 editions as for APv1', 'device-preparation', apdp({ os: { edition: 'home' } }), { status: 'failed', errorCode: '0x80180022' }],
  ['user-driven-tpm-1.2', '§5.2 user-driven needs no TPM', 'user-driven', { hardware: { tpm: '1.2' } }, { status: 'succeeded' }],
  ['user-driven-no-tpm', '§5.2 user-driven needs no TPM', 'user-driven', { hardware: { tpm: 'none' } }, { status: 'succeeded' }],
  ['user-driven-vm', '§5.8, §8 W7', 'user-driven', { hardware: { kind: 'vm', vCpus: 2, memoryGb: 4 } }, { status: 'succeeded' }],
  ['user-driven-vm-2gb', '§5.8, §8 W7', 'user-driven', { hardware: { kind: 'vm', vCpus: 2, memoryGb: 2 } }, { status: 'failed', errorCode: 'VM_MDM_PREPARATION', failedPhase: 'devicePreparation' }],
  ['pre-provisioned-vm', '§5.2 no VMs', 'pre-provisioned', preProv({ hardware: { kind: 'vm' } }), { status: 'failed', errorCode: '0x800705B4', failedPhase: 'devicePreparation' }],
  ['discrete-tpm-ek-blocked', '§5.2 discrete TPMs ship their EK certificates', 'self-deploying', { hardware: { tpmVendor: 'discrete' }, network: { blockedEndpoints: ['ftpm-ek'] } }, { status: 'succeeded' }],
  ['intel-ftpm-ek-blocked', '§5.2, §8 W19 [INF code]', 'self-deploying', { hardware: { tpmVendor: 'intel' }, network: { blockedEndpoints: ['ftpm-ek'] } }, { status: 'failed', errorCode: '0x800705B4', failedPhase: 'devicePreparation' }],
  ['attestation-blocked-user-driven', '§5.3 hard for self-deploy and pre-prov only', 'user-driven', { network: { blockedEndpoints: ['tpm-attestation'] } }, { status: 'succeeded' }],
  ['tpm-2-in-1.2-mode', '§4 0x801C03EA', 'self-deploying', { hardware: { tpm: '2.0-in-1.2-mode' } }, { status: 'failed', errorCode: '0x801C03EA', failedPhase: 'devicePreparation' }],
  ['self-deploying-1703', '§4 0x800705B4, §5.1 1709', 'self-deploying', { os: { windows: 10, version: '1703' } }, { status: 'failed', errorCode: '0x800705B4', failedPhase: 'devicePreparation' }],
  ['self-deploying-1709', '§5.1 1709', 'self-deploying', { os: { windows: 10, version: '1709' } }, { status: 'succeeded' }],
  ['pre-provisioned-hybrid-1803', '§4, §10 #15', 'pre-provisioned', preProv({ ...hybrid, os: { windows: 10, version: '1803' } }), { status: 'failed', errorCode: '0x800705B4', failedPhase: 'devicePreparation' }],
  ['delivery-optimization-blocked', '§5.3 soft', 'user-driven', { network: { blockedEndpoints: ['delivery-optimization'] } }, { status: 'succeeded' }],
  ['ntp-blocked', '§5.3 not fatal by itself', 'user-driven', { network: { blockedEndpoints: ['ntp'] } }, { status: 'succeeded' }],
  ['autopilot-blocked', '§5.3 hard: standard OOBE', 'user-driven', { network: { blockedEndpoints: ['autopilot'] } }, { status: 'fell-back-to-oobe' }],
  ['entra-blocked', '§5.3 hard: OOBEIDPS', 'user-driven', { network: { blockedEndpoints: ['entra'] } }, { status: 'failed', errorCode: 'OOBEIDPS', failedPhase: 'identity' }],
  ['connector-minimum-version', '§5.4 6.2501.2000.5', 'user-driven', { ...hybrid, hybrid: { connector: { version: '6.2501.2000.5' } } }, { status: 'succeeded' }],
  ['connector-too-old', '§5.4 older builds cannot process', 'user-driven', { ...hybrid, hybrid: { connector: { version: '6.2409.1000.1' } } }, { status: 'failed', errorCode: '0x80070774' }],
  ['ou-quoted', '§5.4 no quotes', 'user-driven', { ...hybrid, hybrid: { ouDistinguishedName: '"OU=Laptops,DC=contoso,DC=com"' } }, { status: 'failed', errorCode: '0x80070774' }],
  ['ou-dn', '§5.4 OU as a DN', 'user-driven', { ...hybrid, hybrid: { ouDistinguishedName: 'OU=Laptops,DC=contoso,DC=com' } }, { status: 'succeeded' }],
  ['quota-with-delegation', '§5.4 delegated rights lift the 10-computer quota', 'user-driven', { ...hybrid, hybrid: { ouRightsDelegated: true, computersJoinedByConnector: 25 } }, { status: 'succeeded' }],
  // Undelegated, the connector's account creates computers only in the Computers container (§5.4, §2.2 H4)
  ['ou-without-rights', '§5.4 OU rights, §2.2 H4 event 30132', 'user-driven', { ...hybrid, hybrid: { ouDistinguishedName: 'OU=Laptops,DC=contoso,DC=com', ouRightsDelegated: false } }, { status: 'failed', errorCode: '0x80070774', failedPhase: 'hybridJoin' }],
  ['computers-container-without-rights', '§5.4 default container', 'user-driven', { ...hybrid, hybrid: { ouDistinguishedName: null, ouRightsDelegated: false, computersJoinedByConnector: 3 } }, { status: 'succeeded' }],
  ['ou-with-rights', '§5.4 OU rights delegated', 'user-driven', { ...hybrid, hybrid: { ouDistinguishedName: 'OU=Laptops,DC=contoso,DC=com', ouRightsDelegated: true } }, { status: 'succeeded' }],
  ['quota-not-reached', '§5.4 ten computers', 'user-driven', { ...hybrid, hybrid: { ouRightsDelegated: false, computersJoinedByConnector: 9 } }, { status: 'succeeded' }],
  ['personal-blocked-registered', '§1.3 Autopilot devices are corporate', 'user-driven', { identity: { personalEnrollmentBlocked: true } }, { status: 'succeeded' }],
  ['mdm-scope-some-including', '§1.3 MDM user scope', 'user-driven', { identity: { mdmUserScope: 'some-including-user' } }, { status: 'succeeded' }],
  ['mdm-scope-some-excluding', '§1.3 MDM user scope', 'user-driven', { identity: { mdmUserScope: 'some-excluding-user' } }, { status: 'failed', errorCode: '0x8018002b', failedPhase: 'identity' }],
  ['may-not-join-self-deploying', '§1.3 not needed for self-deploying', 'self-deploying', { identity: { userMayJoin: false } }, { status: 'succeeded' }],
  ['may-not-join-hybrid', '§1.3 hybrid registers in system context', 'user-driven', { ...hybrid, identity: { userMayJoin: false } }, { status: 'succeeded' }],
  ['device-cap-49', '§1.3 cap 50', 'user-driven', { identity: { userDeviceCount: 49 } }, { status: 'succeeded' }],
  ['multiple-mdm-updated', '§1.3 2020 CUs', 'self-deploying', { identity: { multipleMdmConfigurations: true }, os: { updatedSince2020: true } }, { status: 'succeeded' }],
  ['multiple-mdm-user-driven', '§1.3 self-deploying hits it', 'user-driven', { identity: { multipleMdmConfigurations: true }, os: { updatedSince2020: false } }, { status: 'succeeded' }],

  // §7 device preparation
  // The ESP's quality-update setting is not used by device preparation (§3.2, §7); a registered device that classic Autopilot takes keeps it
  ['apdp-no-quality-updates', '§3.2, §7 quality updates not used by device preparation', 'device-preparation', apdp({ esp: { installQualityUpdates: true } }), { status: 'succeeded', skips: ['qualityUpdates'] }],
  ['apdp-classic-quality-updates', '§7 coexistence, §3.2', 'device-preparation', { registration: { registered: true, profileStatus: 'assigned' }, devicePreparation: { associated: false }, esp: { installQualityUpdates: true } }, { status: 'succeeded', followOn: 'classic user-driven', passes: ['qualityUpdates'] }],
  // No ESP in device preparation (§7): the ESP profile's other switches change nothing there either
  ['apdp-esp-settings-ignored', '§7 no ESP', 'device-preparation', apdp({ esp: { enabled: false, skipUserStatusPage: true, skipDeviceStatusPage: true } }), { status: 'succeeded', skips: ['deviceEsp', 'accountSetup', 'preparationBehindDesktop'], passes: ['desktopSync'] }],
  ['apdp-24h2', '§7 requirements', 'device-preparation', apdp({ os: { windows: 11, version: '24H2' } }), { status: 'succeeded' }],
  ['apdp-23h2-with-kb', '§7 KB5035942', 'device-preparation', apdp({ os: { windows: 11, version: '23H2', march2024Update: true } }), { status: 'succeeded' }],
  ['apdp-win32-msi-mix', '§8 W17: supported in APDP', 'device-preparation', apdp({ apps: [app('Agent'), app('Legacy', { type: 'msi-lob' }), app('Tool'), app('Other MSI', { type: 'msi-lob' })] }), { status: 'succeeded' }],
  ['apdp-dynamic-group', '§7 group must be assigned', 'device-preparation', apdp({ devicePreparation: { deviceGroup: { membership: 'dynamic' } } }), { status: 'succeeded', findings: ['APDP_DEVICE_GROUP_SKIPPED'] }],
  ['apdp-group-deleted', '§7 group deleted', 'device-preparation', apdp({ devicePreparation: { deviceGroup: { deleted: true } } }), { status: 'succeeded', findings: ['APDP_DEVICE_GROUP_SKIPPED'] }],
  ['apdp-local-admin-selected', '§7 local-admin conflict', 'device-preparation', apdp({ devicePreparation: { entraLocalAdmin: 'selected' } }), { status: 'succeeded', findings: ['APDP_LOCAL_ADMIN_CONFLICT'] }],
  ['apdp-local-admin-all', '§7 consistent combination', 'device-preparation', apdp({ devicePreparation: { entraLocalAdmin: 'all' } }), { status: 'succeeded', findings: [] }],
  ['apdp-whole-deployment-timer', '§7 one timer for the whole deployment', 'device-preparation', apdp({ devicePreparation: policy({ timeoutMinutes: 30 }), apps: [app('Agent', { installMinutes: 20 }), app('Suite', { installMinutes: 20 })] }), { status: 'failed', errorCode: 'APDP_TIMEOUT' }],
  ['apdp-ignores-esp-timeout', '§7 no ESP', 'device-preparation', apdp({ esp: { timeoutMinutes: 15 }, apps: [app('Suite', { installMinutes: 30 })] }), { status: 'succeeded' }],
  ['apdp-script-fails', '§7 step 8', 'device-preparation', apdp({ devicePreparation: policy({ scripts: [{ name: 'Set.ps1', failureProbability: 1 }] }) }), { status: 'failed', errorCode: 'APDP_SCRIPT_FAILED', failedPhase: 'scriptsInstallation' }],
  ['apdp-lob-fails', '§7 step 7', 'device-preparation', apdp({ apps: [app('Legacy', { type: 'msi-lob', failureProbability: 1 })] }), { status: 'failed', errorCode: 'APDP_APP_FAILED', failedPhase: 'appsInstallation' }],
  ['apdp-priority', '§7 lower number wins', 'device-preparation', apdp({ devicePreparation: { policies: [{ name: 'Broken', priority: 2, scripts: [{ name: 'Bad.ps1', failureProbability: 1 }] }, { name: 'Good', priority: 1 }] } }), { status: 'succeeded' }],
  ['apdp-user-apps-after-desktop', '§7 step 12 no user ESP', 'device-preparation', apdp({ apps: [app('Agent'), app('Team tool', { target: 'user', failureProbability: 1 })] }), { status: 'succeeded', skips: ['accountSetup'] }],
  ['apdp-no-quality-updates', '§3.2, §7 not used by APDP', 'device-preparation', apdp({ esp: { installQualityUpdates: true } }), { status: 'succeeded', skips: ['qualityUpdates'] }],
  ['apdp-corporate-identifier', '§7 corporate identifier', 'device-preparation', apdp({ identity: { personalEnrollmentBlocked: true }, devicePreparation: { corporateIdentifier: true } }), { status: 'succeeded' }],
  ['apdp-may-not-join', '§7 users allowed to join', 'device-preparation', apdp({ identity: { userMayJoin: false } }), { status: 'failed', errorCode: '801C0003', failedPhase: 'identity' }],
  ['apdp-mdm-blocked', '§7 configuration as for APv1', 'device-preparation', apdp({ identity: { windowsMdmBlocked: true } }), { status: 'failed', errorCode: '0x80180014', failedPhase: 'identity' }],
  ['apdp-windows-365', '§7 automatic mode', 'device-preparation', apdp({ devicePreparation: { mode: 'automatic' } }), { status: 'succeeded' }],

  // §8 what-if conditions
  ['W3-uwp-vpn', '§8 W3 [INF]', 'user-driven', { ...hybrid, profile: { joinType: 'hybrid', skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false, vpn: 'uwp-plugin' } }, { status: 'failed', errorCode: 'VPN_UNSUPPORTED' }],
  ['W3-directaccess', '§2.2 DirectAccess not supported', 'user-driven', { profile: { joinType: 'hybrid', skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false, vpn: 'directaccess' } }, { status: 'failed', errorCode: 'VPN_UNSUPPORTED' }],
  ['W3-win32-vpn', '§2.2 VPN variant', 'user-driven', { profile: { joinType: 'hybrid', skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false, vpn: 'win32-logon' } }, { status: 'succeeded' }],
  ['W9-not-registered-apdp', '§8 W9: APDP instead', 'device-preparation', apdp(), { status: 'succeeded' }],
  ['W23-unblocked', '§8 W23', 'self-deploying', { registration: { deployedBefore: 'self-deploying', unblocked: true } }, { status: 'succeeded' }],
  ['W23-pre-provisioned-again', '§8 W23', 'pre-provisioned', preProv({ registration: { deployedBefore: 'pre-provisioned' } }), { status: 'failed', errorCode: '0x80180014', failedPhase: 'devicePreparation' }],
  ['W23-oem-reenrollment', '§2.3 OEM automatic re-enrollment', 'pre-provisioned', preProv({ registration: { deployedBefore: 'pre-provisioned', oemAutoReenrollment: true } }), { status: 'succeeded' }],
  ['W25-technician-esp-off', '§8 W25', 'pre-provisioned', preProv({ esp: { enabled: false } }), { status: 'succeeded', findings: ['PREPROVISIONED_HALF_CONFIGURED'] }],
  ['W29-gpo-user-driven', '§8 W29 pre-provisioning only', 'user-driven', { policies: { interactiveLogonOrUacConflict: true } }, { status: 'succeeded' }],
  ['W37-hybrid-object-deleted', '§8 W37', 'user-driven', { ...hybrid, registration: { entraObjectDeleted: true } }, { status: 'failed', errorCode: '0x80070774' }],
  ['W37-pre-provisioned', '§8 W37', 'pre-provisioned', preProv({ registration: { entraObjectDeleted: true } }), { status: 'failed', errorCode: '0x801C03F3', failedPhase: 'devicePreparation' }],
  ['W41-remote-winre', '§8 W41', 'reset', { reset: { kind: 'remote', winReEnabled: false, forcedSync: true } }, { status: 'failed', errorCode: '0x80070032', failedPhase: 'reset' }],
  ['W49-motherboard', '§8 W49', 'self-deploying', { hardware: { motherboardReplaced: true } }, { status: 'fell-back-to-oobe' }],
  ['W53-adfs-assigned', '§8 W53', 'user-driven', { identity: { federation: 'adfs' }, profile: { assignedUser: 'ana@contoso.com' } }, { status: 'succeeded', findings: ['ASSIGNED_USER_NOT_ENFORCED'] }],
  ['W53-adfs-unassigned', '§8 W53', 'user-driven', { identity: { federation: 'adfs' } }, { status: 'succeeded', findings: [] }],
  ['W59-ca-compliant-all-apps', '§1.3 Intune Enrollment auto-excluded', 'user-driven', { identity: { conditionalAccess: ['compliant-device-for-all-apps'] }, apps: [app('Agent')] }, { status: 'succeeded' }],
  ['ca-compliant-store-app', '§1.3 Store app tracked under compliant-device CA', 'user-driven', { identity: { conditionalAccess: ['compliant-device-for-all-apps'] }, apps: [app('Company Portal', { type: 'store' })] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', failedPhase: 'deviceSetup' }],
  ['W61-standard-user', '§8 W61 only admins lose rights', 'user-driven', { ...hybrid, profile: { joinType: 'hybrid', userAccountType: 'standard' }, hybrid: { scriptAddsLocalAdmin: true } }, { status: 'succeeded', findings: [] }],
  ['W61-admin-user', '§8 W61', 'user-driven', { profile: { joinType: 'hybrid', userAccountType: 'administrator' }, hybrid: { scriptAddsLocalAdmin: true } }, { status: 'succeeded', findings: ['LOCAL_ADMIN_NOT_GRANTED'] }],
  // §2.2 H10: the forced sign-out that ends account setup puts an administrator in local Administrators; with the page not shown there is none [INF]
  ['H10-no-sign-out-skip-user-status-page', '§2.2 H10 [INF]', 'user-driven', { profile: { joinType: 'hybrid', userAccountType: 'administrator' }, esp: { skipUserStatusPage: true } }, { status: 'succeeded', findings: ['LOCAL_ADMIN_AFTER_SIGN_OUT'], skips: ['signOutAndIn'] }],
  ['H10-no-sign-out-esp-off', '§2.2 H10 [INF]', 'user-driven', { profile: { joinType: 'hybrid', userAccountType: 'administrator' }, esp: { enabled: false } }, { status: 'succeeded', findings: ['LOCAL_ADMIN_AFTER_SIGN_OUT'], skips: ['signOutAndIn'] }],
  ['H10-no-sign-out-standard-user', '§2.2 H10, §5.6 Standard', 'user-driven', { profile: { joinType: 'hybrid', userAccountType: 'standard' }, esp: { skipUserStatusPage: true } }, { status: 'succeeded', findings: [] }],
  ['H10-no-sign-out-user-flow', '§2.5 PH5, §2.2 H10 [INF]', 'pre-provisioned', preProv({ profile: { joinType: 'hybrid', userAccountType: 'administrator' }, esp: { skipUserStatusPage: true } }), { status: 'succeeded', findings: ['LOCAL_ADMIN_AFTER_SIGN_OUT'], skips: ['signOutAndIn'] }],
  ['H10-sign-out', '§2.2 H10', 'user-driven', { profile: { joinType: 'hybrid', userAccountType: 'administrator' } }, { status: 'succeeded', findings: [], passes: ['signOutAndIn'] }],
  ['W63-entra-registered', '§8 W63', 'user-driven', { registration: { previouslyEntraRegistered: true } }, { status: 'succeeded', findings: ['SHOWN_AS_ENTRA_REGISTERED'] }],

  // More of §1-§2's conditions that §3, §5 and §8 lean on
  ['esp-default-message', '§3.2 default text', 'user-driven', { esp: { timeoutMinutes: 30 }, apps: [app('Suite', { installMinutes: 45 })] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', errorMessage: 'Setup could not be completed. Please try again or contact your support person for help.' }],
  ['esp-custom-message', '§3.2 custom text', 'user-driven', { esp: { timeoutMinutes: 30, customMessage: 'Call the service desk on 1234.' }, apps: [app('Suite', { installMinutes: 45 })] }, { status: 'failed', errorCode: 'ESP_TIMEOUT', errorMessage: 'Call the service desk on 1234.' }],
  ['hybrid-user-context-device-app', '§3.1 hybrid does not track device apps in user context', 'user-driven', { ...hybrid, apps: [app('Per-user tool', { context: 'user', failureProbability: 1 })] }, { status: 'succeeded' }],
  ['entra-user-context-device-app', '§3.1 tracked for Entra join, in account setup (user context)', 'user-driven', { apps: [app('Per-user tool', { context: 'user', failureProbability: 1 })] }, { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'accountSetup' }],
  ['quality-updates-user-flow-only', '§3.2 not in the technician flow, honoured in the user flow', 'pre-provisioned', preProv({ esp: { installQualityUpdates: true } }), { status: 'succeeded', passes: ['qualityUpdates'] }],
  // The user flow's quality updates follow the user's network (§2.4 P5, §3.2 not on metered networks)
  ['quality-updates-user-flow-metered', '§2.4 P5, §3.2 not on metered', 'pre-provisioned', preProv({ esp: { installQualityUpdates: true }, userFlowNetwork: { metered: true } }), { status: 'succeeded', skips: ['qualityUpdates'] }],
  ['quality-updates-technician-metered', '§2.4 P5, §3.2', 'pre-provisioned', preProv({ esp: { installQualityUpdates: true }, network: { metered: true }, userFlowNetwork: { metered: false } }), { status: 'succeeded', passes: ['qualityUpdates'] }],
  // An older build's control comes with the zero-day package in whichever OOBE reaches Windows Update first: here the user's (§3.2, §2.4 P1)
  ['quality-updates-user-flow-zdp', '§3.2 the control from the user flow\'s ZDP', 'pre-provisioned', preProv({ os: { version: '23H2', june2025Update: false }, esp: { installQualityUpdates: true }, network: { blockedEndpoints: ['windows-update'] }, userFlowNetwork: { blockedEndpoints: [] } }), { status: 'succeeded', passes: ['qualityUpdates'] }],
  ['quality-updates-user-flow-no-zdp', '§3.2 not honoured without the control', 'pre-provisioned', preProv({ os: { version: '23H2', june2025Update: false }, esp: { installQualityUpdates: true }, network: { blockedEndpoints: ['windows-update'] } }), { status: 'succeeded', skips: ['qualityUpdates'] }],
  ['quality-updates-both-metered', '§3.2 not on metered', 'pre-provisioned', preProv({ esp: { installQualityUpdates: true }, network: { metered: true } }), { status: 'succeeded', skips: ['qualityUpdates'] }],
  ['reset-button', '§3.2 allow reset', 'user-driven', { esp: { allowReset: true }, people: { onError: 'reset' }, apps: [app('Flaky', { failureProbability: 1 })] }, { status: 'failed', errorCode: 'ESP_APP_FAILED', failedPhase: 'deviceSetup' }],
  ['self-deploying-assigned-user-ignored', '§2.6 S5', 'self-deploying', { profile: { assignedUser: 'ana@contoso.com' } }, { status: 'succeeded', findings: [] }],
  ['self-deploying-unlicensed-user', '§5.5 device-only licence', 'self-deploying', { identity: { userLicensed: false } }, { status: 'succeeded' }],
  ['kiosk-non-blocking-device-app', '§2.6, §8 W55 non-blocking apps install after the ESP', 'self-deploying', { profile: { kioskAutologon: true }, esp: { blockingApps: 'selected', selectedApps: ['Agent'] }, apps: [app('Agent'), app('Later', {})] }, { status: 'succeeded', findings: ['KIOSK_APPS_NOT_INSTALLED'] }],
  ['default-profile', '§1.2 All devices profile', 'user-driven', { registration: { profileStatus: 'not-assigned', defaultProfile: true } }, { status: 'succeeded' }],
  ['profile-assigning', '§5.7 deploy only once Assigned', 'user-driven', { registration: { profileStatus: 'assigning', defaultProfile: false } }, { status: 'fell-back-to-oobe' }],
  ['no-connector', '§2.2 H4 no connector for the domain', 'user-driven', { ...hybrid, hybrid: { connector: { present: false } } }, { status: 'failed', errorCode: '0x80070774' }],
  ['ou-without-dc', '§5.4 OU=x without DC=', 'user-driven', { ...hybrid, hybrid: { ouDistinguishedName: 'OU=Laptops' } }, { status: 'failed', errorCode: '0x80070774' }],
  ['always-on-vpn', '§2.2 Always-On VPN needs no skip', 'user-driven', { ...hybrid, hybrid: { dcLineOfSight: false, vpn: 'always-on' } }, { status: 'succeeded' }],
  ['tap-web-sign-in', '§1.3 TAP with web sign-in', 'user-driven', { identity: { signInMethod: 'temporary-access-pass', webSignIn: true } }, { status: 'succeeded' }],
  ['tap-pre-provisioned', '§1.3 TAP for pre-provisioning', 'pre-provisioned', preProv({ identity: { signInMethod: 'temporary-access-pass', webSignIn: true } }), { status: 'succeeded' }],
  ['legacy-pc-agent', '§4 80180026', 'user-driven', { identity: { legacyPcAgentInstalled: true } }, { status: 'failed', errorCode: '80180026', failedPhase: 'identity' }],
  ['existing-devices-cloud-profile-wins', '§1.2, §2.7 cloud profile wins', 'existing-devices', { registration: { registered: true }, existingDevices: { jsonFileName: 'wrong.json' } }, { status: 'succeeded' }],
  ['existing-devices-speed-up-capture', '§2.7 the speed-up has no capture step', 'existing-devices', { registration: { registered: false }, existingDevices: { speedUp: true, prepareWindowsForCaptureStep: true } }, { status: 'succeeded' }],
  ['existing-devices-wrong-name', '§8 W45', 'existing-devices', { registration: { registered: false }, existingDevices: { jsonFileName: 'autopilot.json' } }, { status: 'fell-back-to-oobe' }],
  ['reset-local-hybrid', '§2.8 hybrid not supported', 'reset', { reset: { kind: 'local', currentJoin: 'hybrid' }, people: { localResetAllowed: true } }, { status: 'failed', errorCode: 'RESET_HYBRID_UNSUPPORTED', failedPhase: 'reset' }],
  ['reset-remote-just-enrolled', '§2.9 every 3 min for 15 min', 'reset', { reset: { kind: 'remote', hoursSinceEnrollment: 0.1 } }, { status: 'succeeded', maxPhaseMinutes: { checkIn: 3 } }],
  ['reset-remote-first-two-hours', '§2.9 every 15 min for 2 h', 'reset', { reset: { kind: 'remote', hoursSinceEnrollment: 1 } }, { status: 'succeeded', maxPhaseMinutes: { checkIn: 15 } }],
  ['apdp-unlicensed', '§7 licensing as for APv1', 'device-preparation', apdp({ identity: { userLicensed: false } }), { status: 'failed', errorCode: 'MDM_TERMS_OF_USE', failedPhase: 'identity' }],
  ['apdp-administrator', '§7 account type', 'device-preparation', apdp({ devicePreparation: policy({ accountType: 'administrator' }) }), { status: 'succeeded', findings: [] }],
  ['apdp-continue-automatically', '§7 step 10', 'device-preparation', apdp({ devicePreparation: policy({ continueAutomatically: true }) }), { status: 'succeeded' }],
  ['apdp-skip-allowed', '§7 allow skip', 'device-preparation', apdp({ devicePreparation: policy({ allowSkip: true, scripts: [{ name: 'Set.ps1', failureProbability: 1 }] }), people: { onError: 'continue' } }), { status: 'failed', errorCode: 'APDP_SCRIPT_FAILED', reachedDesktop: true }],
  ['apdp-skip-not-allowed', '§7 allow skip = No', 'device-preparation', apdp({ devicePreparation: policy({ allowSkip: false, scripts: [{ name: 'Set.ps1', failureProbability: 1 }] }), people: { onError: 'continue' } }), { status: 'failed', errorCode: 'APDP_SCRIPT_FAILED', reachedDesktop: false }],
  ['apdp-store-app', '§7 step 9 Store apps', 'device-preparation', apdp({ apps: [app('Company Portal', { type: 'store' })] }), { status: 'succeeded' }],

  ['W5-tpm-1.2', '§8 W5', 'self-deploying', { hardware: { tpm: '1.2' } }, { status: 'failed', errorCode: '0x800705B4', failedPhase: 'devicePreparation' }],
  ['W1-vpn-without-skip', '§8 W1, §2.2 H5: a logon VPN needs the skip', 'user-driven', { profile: { joinType: 'hybrid', skipAdConnectivityCheck: false }, hybrid: { dcLineOfSight: false, vpn: 'win32-logon' } }, { status: 'failed', errorCode: '0x80070774', failedPhase: 'hybridJoin' }],
  ['hybrid-user-flow-vpn', '§2.5 DC or a VPN as in §2.2', 'pre-provisioned', preProv({ profile: { joinType: 'hybrid', skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false, vpn: 'win32-logon' } }), { status: 'succeeded' }],
  ['existing-registered-no-profile-json', '§1.2 no cloud profile: the JSON applies', 'existing-devices', { registration: { registered: true, profileStatus: 'not-assigned', defaultProfile: false } }, { status: 'succeeded' }],
  ['existing-cloud-pre-provisioning', '§2.7, §6 note 1: a registered device with a pre-provisioning profile', 'existing-devices', { registration: { registered: true }, profile: { allowPreProvisioning: true }, existingDevices: { jsonProfile: { deploymentMode: 'pre-provisioned' } } }, { status: 'succeeded', passes: ['technicianFlow'] }],
  ['apdp-associated-personal-blocked', '§7 device association instead of a corporate identifier', 'device-preparation', { registration: { registered: false }, identity: { personalEnrollmentBlocked: true }, devicePreparation: { associated: true, corporateIdentifier: false } }, { status: 'succeeded' }],
  ['pre-provisioned-adfs-assigned', '§1.3 ADFS: the assigned user is not enforced', 'pre-provisioned', preProv({ identity: { federation: 'adfs' }, profile: { allowPreProvisioning: true, assignedUser: 'ana@contoso.com' } }), { status: 'succeeded', findings: ['ASSIGNED_USER_NOT_ENFORCED'] }],
  ['six-months-less-a-week', '§2.4 within 6 months', 'pre-provisioned', preProv({ people: { hoursBetweenFlows: 4200 } }), { status: 'succeeded' }],

  // Block device use = No lets a user leave an ESP (§2.1, §3.2): not where there is no ESP or no user
  ['leave-early-user-flow', '§3.2 Block device use = No', 'pre-provisioned', preProv({ esp: { blockDeviceUse: false }, people: { leavesEspEarly: true }, apps: [app('Agent'), app('Later', { assignedAfterTechnicianFlow: true })] }), { status: 'succeeded', findings: ['ESP_LEFT_EARLY'] }],
  ['leave-early-self-deploying', '§2.6 no user at the device ESP', 'self-deploying', { esp: { blockDeviceUse: false }, people: { leavesEspEarly: true } }, { status: 'succeeded', findings: [] }],
  ['leave-early-device-preparation', '§7 no ESP', 'device-preparation', apdp({ esp: { blockDeviceUse: false }, people: { leavesEspEarly: true } }), { status: 'succeeded', findings: [] }],

  // Autopilot Reset (§2.8, §5.1)
  // Windows Home cannot enroll (0x80180022), so it is never the Intune-enrolled device a reset needs [INF]
  ['reset-home-local', '§5.1, §8 W35, §2.8 [INF]', 'reset', { os: { edition: 'home' }, reset: { kind: 'local' }, people: { localResetAllowed: true } }, { status: 'failed', errorCode: 'RESET_NOT_ENROLLED', failedPhase: 'reset' }],
  ['reset-home-remote', '§5.1, §8 W35, §2.9 [INF]', 'reset', { os: { edition: 'home' }, reset: { kind: 'remote' } }, { status: 'failed', errorCode: 'RESET_NO_CHECK_IN', failedPhase: 'checkIn' }],
  ['reset-pro-local', '§5.1 editions', 'reset', { os: { edition: 'pro' }, reset: { kind: 'local' }, people: { localResetAllowed: true } }, { status: 'succeeded' }],
  // §5.1, §10 #12: Windows 11 Enterprise LTSC is listed by the 2024-11 requirements page (the default) and not by the 2024-06 one (an option);
  // no outcome is documented for an unlisted edition, so the run goes on with a finding [INF]; device preparation lists LTSC itself
  ['ltsc-win11-newest', '§5.1 (2024-11)', 'user-driven', { os: { edition: 'enterprise-ltsc' } }, { status: 'succeeded', findings: [] }],
  ['ltsc-win11-2024-06', '§5.1, §10 #12 (2024-06) [INF]', 'user-driven', { os: { edition: 'enterprise-ltsc' }, readings: { windows11LtscSupported: false } }, { status: 'succeeded', findings: ['EDITION_NOT_LISTED'] }],
  ['ltsc-win11-2024-06-self-deploying', '§5.1, §10 #12 (2024-06) [INF]', 'self-deploying', { os: { edition: 'enterprise-ltsc' }, readings: { windows11LtscSupported: false } }, { status: 'succeeded', findings: ['EDITION_NOT_LISTED'] }],
  ['ltsc-win10-2024-06', '§5.1 (2024-06 lists Windows 10 LTSC)', 'user-driven', { os: { edition: 'enterprise-ltsc', windows: 10, version: '22H2' }, readings: { windows11LtscSupported: false } }, { status: 'succeeded', findings: [] }],
  ['ltsc-win11-2024-06-apdp', '§7 requirements list Enterprise LTSC', 'device-preparation', apdp({ os: { edition: 'enterprise-ltsc' }, readings: { windows11LtscSupported: false } }), { status: 'succeeded', findings: [] }],
  // §2.3 preconditions, §5.1: pre-provisioning's historical minimum is Windows 10 1903 [DOC-OLD]; no outcome is documented for an older
  // build (attestation's own minimum, 1709, is), so the run goes on with a finding [INF]
  ['preprov-win10-1809', '§2.3, §5.1 historical minimum 1903 [INF]', 'pre-provisioned', preProv({ os: { windows: 10, version: '1809' } }), { status: 'succeeded', findings: ['PREPROVISIONING_BEFORE_1903'] }],
  ['preprov-win10-1903', '§2.3, §5.1 historical minimum 1903', 'pre-provisioned', preProv({ os: { windows: 10, version: '1903' } }), { status: 'succeeded', findings: [] }],
  // §5.1: hybrid join's historical minimum is Windows 10 1809 [DOC-OLD]; no outcome is documented for an older build, so the run goes
  // on with a finding [INF], with or without Skip AD connectivity check, and from an existing device's JSON too (a run on 1803 showed nothing)
  ['hybrid-win10-1803', '§5.1 historical minimum 1809 [INF]', 'user-driven', { profile: { joinType: 'hybrid' }, os: { windows: 10, version: '1803' } }, { status: 'succeeded', findings: ['HYBRID_BEFORE_1809'] }],
  ['hybrid-win10-1803-skip-ad-check', '§5.1 historical minimum 1809 [INF]', 'user-driven', { profile: { joinType: 'hybrid', skipAdConnectivityCheck: true }, hybrid: { vpn: 'always-on' }, os: { windows: 10, version: '1803' } }, { status: 'succeeded', findings: ['HYBRID_BEFORE_1809'] }],
  ['existing-devices-hybrid-win10-1803', '§2.7, §5.1 historical minimum 1809 [INF]', 'existing-devices', { registration: { registered: false }, existingDevices: { jsonProfile: { joinType: 'hybrid' } }, os: { windows: 10, version: '1803' } }, { status: 'succeeded', findings: ['HYBRID_BEFORE_1809'] }],
  ['hybrid-win10-1809', '§5.1 historical minimum 1809', 'user-driven', { profile: { joinType: 'hybrid' }, os: { windows: 10, version: '1809' } }, { status: 'succeeded', findings: [] }],
  ['entra-win10-1803', '§5.1 (hybrid only)', 'user-driven', { os: { windows: 10, version: '1803' } }, { status: 'succeeded', findings: [] }],
  // §3.2 show progress = No: "older builds failed device setup for self-deploy and pre-provisioning when ESP was disabled (fixed 2020)"
  // [DOC-OLD], with no code and no step: the technician flow's red screen; self-deploying's, with no ESP, unseen behind its end screen [INF]
  ['esp-off-old-build-technician', '§3.2 fixed 2020, no documented code [INF]', 'pre-provisioned', preProv({ esp: { enabled: false }, os: { updatedSince2020: false } }), { status: 'failed', errorCode: 'ESP_OFF_OLD_BUILD', failedPhase: 'deviceJoin' }], // no ESP on screen (pre-provision.md 2024): the device's join phase (no sign-in), the red screen
  ['esp-off-2020-build-technician', '§8 W25', 'pre-provisioned', preProv({ esp: { enabled: false } }), { status: 'succeeded', findings: ['PREPROVISIONED_HALF_CONFIGURED'] }],
  ['esp-off-old-build-self-deploying', '§3.2 fixed 2020 [INF]', 'self-deploying', { esp: { enabled: false }, os: { updatedSince2020: false } }, { status: 'succeeded', findings: ['SETUP_FAILED_BEHIND_END_SCREEN'] }],
  ['esp-off-2020-build-self-deploying', '§3.2 show progress = No', 'self-deploying', { esp: { enabled: false } }, { status: 'succeeded', findings: [] }],
  ['esp-on-old-build-self-deploying', '§3.2 the fix concerns the ESP off', 'self-deploying', { os: { updatedSince2020: false } }, { status: 'succeeded', findings: [] }],
  // §2.6: several restarts in OOBE can wipe kiosk autologon's registry values; a quality update's restart (§3.2, "restarts can break some
  // autologon provisioning scenarios") is one of them, beside the zero-day update's
  ['kiosk-quality-update-restart', '§2.6, §3.2 restarts in OOBE', 'self-deploying', { profile: { kioskAutologon: true }, esp: { installQualityUpdates: true }, chances: { criticalUpdateAvailable: 1, qualityUpdateRestart: 1, kioskAutologonWiped: 1 } }, { status: 'failed', errorCode: 'KIOSK_AUTOLOGON_BROKEN', failedPhase: 'kiosk' }],
  ['kiosk-quality-update-no-restart', '§2.6 one restart in OOBE', 'self-deploying', { profile: { kioskAutologon: true }, esp: { installQualityUpdates: true }, chances: { criticalUpdateAvailable: 1, qualityUpdateRestart: 0, kioskAutologonWiped: 1 } }, { status: 'succeeded', passes: ['qualityUpdates'] }],
  // §2.6, §5.2: attestation needs TPM 2.0 with UEFI firmware, not in Reduced Functionality Mode; no code is documented for either, so the
  // timeout of a device without TPM 2.0 (0x800705B4) [INF]; user-driven has no TPM step
  ['tpm-rfm-self-deploying', '§2.6, §5.2 not in RFM [INF]', 'self-deploying', { hardware: { tpm: 'reduced-functionality' } }, { status: 'failed', errorCode: '0x800705B4', failedPhase: 'devicePreparation' }],
  ['tpm-rfm-technician', '§5.2 not in RFM [INF]', 'pre-provisioned', preProv({ hardware: { tpm: 'reduced-functionality' } }), { status: 'failed', errorCode: '0x800705B4', failedPhase: 'devicePreparation' }],
  ['tpm-rfm-user-driven', '§5.2 user-driven needs no TPM', 'user-driven', { hardware: { tpm: 'reduced-functionality' } }, { status: 'succeeded' }],
  ['legacy-bios-self-deploying', '§5.2 TPM 2.0 + UEFI [INF]', 'self-deploying', { hardware: { firmware: 'legacy-bios' } }, { status: 'failed', errorCode: '0x800705B4', failedPhase: 'devicePreparation' }],
  ['legacy-bios-user-driven', '§5.2 user-driven needs no TPM', 'user-driven', { hardware: { firmware: 'legacy-bios' } }, { status: 'succeeded' }],
  // §5.4: the Domain Join profile's domain name must be the FQDN, not NetBIOS; no outcome documented, so the join fails as with a bad OU [INF]
  ['domain-name-netbios', '§5.4 FQDN, not NetBIOS [INF]', 'user-driven', { ...hybrid, hybrid: { domainName: 'CONTOSO' } }, { status: 'failed', errorCode: '0x80070774', failedPhase: 'hybridJoin' }],
  ['domain-name-fqdn', '§5.4 FQDN', 'user-driven', { ...hybrid, hybrid: { domainName: 'corp.contoso.com' } }, { status: 'succeeded' }],
  // §1.3: automatic MDM enrollment (user scope All or Some with the user) is a precondition of every Entra-joined flow; with None it is
  // off, so a device-token enrollment fails too (0x8018002b [INF]); Some without a user has no user to leave out
  ['mdm-scope-none-self-deploying', '§1.3 MDM scope None [INF]', 'self-deploying', { identity: { mdmUserScope: 'none' } }, { status: 'failed', errorCode: '0x8018002b', failedPhase: 'devicePreparation' }],
  ['mdm-scope-none-technician', '§1.3 MDM scope None [INF]', 'pre-provisioned', preProv({ identity: { mdmUserScope: 'none' } }), { status: 'failed', errorCode: '0x8018002b', failedPhase: 'devicePreparation' }],
  ['mdm-scope-some-self-deploying', '§1.3 no user to leave out', 'self-deploying', { identity: { mdmUserScope: 'some-excluding-user' } }, { status: 'succeeded' }],
  // §1.1 (FAQ): a device another (hostile) tenant registered cannot force its profile on the user: the sign-in goes to the user's home
  // tenant, the tenants do not match, the profile is not applied and ordinary OOBE follows; a user of another tenant gets the error (U2)
  ['registered-by-another-tenant', '§1.1 hostile registration', 'user-driven', { registration: { tenant: 'fabrikam.onmicrosoft.com', registeredByAnotherTenant: true } }, { status: 'fell-back-to-oobe', passes: ['standardOobe'], skips: ['entraJoin'] }],
  ['registered-by-another-tenant-self-deploying', '§1.1 (no user sign-in to redirect)', 'self-deploying', { registration: { tenant: 'fabrikam.onmicrosoft.com', registeredByAnotherTenant: true } }, { status: 'succeeded' }],
  // §3.2: quality updates come after the device ESP has applied the update rings, and not with the ESP page off; with the device ESP
  // skipped (SkipDeviceStatusPage) there is no device ESP for them to follow [INF]
  ['quality-updates-skip-device-status-page', '§3.2, §3.3 SkipDeviceStatusPage [INF]', 'user-driven', { esp: { installQualityUpdates: true, skipDeviceStatusPage: true } }, { status: 'succeeded', skips: ['qualityUpdates'] }],
  ['quality-updates-skip-user-status-page', '§3.2 the device ESP still runs', 'user-driven', { esp: { installQualityUpdates: true, skipUserStatusPage: true } }, { status: 'succeeded', passes: ['qualityUpdates'] }],
  // §5.7: the import checks only the domain part of the assigned user, and a wrong UPN leaves the device unusable until the assignment
  // is removed; no screen or code is documented, so the sign-in the assignment enforces is refused [INF]. ADFS does not enforce the
  // assignment (§1.3), self-deploying ignores it (§2.6), and the technician flow signs in no one: the user flow's sign-in is refused
  ['assigned-user-wrong-upn', '§5.7 wrong UPN [INF]', 'user-driven', { profile: { assignedUser: 'anna@contoso.com', assignedUserUpnCorrect: false } }, { status: 'failed', errorCode: 'ASSIGNED_USER_WRONG_UPN', failedPhase: 'identity', skips: ['entraJoin'] }],
  ['assigned-user-right-upn', '§5.7', 'user-driven', { profile: { assignedUser: 'anna@contoso.com' } }, { status: 'succeeded' }],
  ['assigned-user-wrong-upn-adfs', '§5.7, §1.3 ADFS does not enforce the assignment', 'user-driven', { identity: { federation: 'adfs' }, profile: { assignedUser: 'anna@contoso.com', assignedUserUpnCorrect: false } }, { status: 'succeeded', findings: ['ASSIGNED_USER_NOT_ENFORCED'] }],
  ['assigned-user-wrong-upn-self-deploying', '§5.7, §2.6 S5 an assigned user is ignored', 'self-deploying', { profile: { assignedUser: 'anna@contoso.com', assignedUserUpnCorrect: false } }, { status: 'succeeded' }],
  ['assigned-user-wrong-upn-pre-provisioned', '§5.7 [INF], §2.4 P2', 'pre-provisioned', preProv({ profile: { allowPreProvisioning: true, assignedUser: 'anna@contoso.com', assignedUserUpnCorrect: false } }), { status: 'failed', errorCode: 'ASSIGNED_USER_WRONG_UPN', failedPhase: 'entraSignIn', passes: ['resealScreen'] }],
];

describe('domain cases: each documented outcome (§3, §5, §7, §8)', () => {
  it.each(CASES)('%s (%s)', (_id, _ref, scenario, env, want) => {
    expectCase(scenario, env, want);
  });
});

describe('domain limits an environment cannot pass', () => {
  it('a wrong UPN is an assigned user\'s: with no user assigned the file is refused, naming the field (§5.7)', () => {
    expect(() => parseScenario('a.yaml', 'scenario: user-driven\nprofile:\n  assignedUserUpnCorrect: false\n')).toThrow(/a\.yaml:3: profile\.assignedUserUpnCorrect: .*no user is assigned/);
    expect(() => parseScenario('a.yaml', 'scenario: user-driven\nprofile:\n  assignedUser: anna@contoso.com\n  assignedUserUpnCorrect: false\n')).not.toThrow();
  });
  const selected = (n: number) => ({ esp: { blockingApps: 'selected', selectedApps: Array.from({ length: n }, (_, i) => `App ${i + 1}`) } });
  it('the ESP\'s "Block device use until these required apps are installed" list holds up to 100 apps (§3.2)', () => {
    expect(() => environment('user-driven')(selected(100))).not.toThrow();
    expect(() => environment('user-driven')(selected(101))).toThrow(/esp\.selectedApps.*at most 100/);
  });
  it('a device preparation policy: 15-720 minutes, at most 25 apps and 10 scripts (§7)', () => {
    const dp = (policy: Overrides, apps?: Overrides[]) => ({ registration: { registered: false }, devicePreparation: { policies: [policy] }, ...(apps ? { apps } : {}) });
    expect(() => environment('device-preparation')(dp({ timeoutMinutes: 15 }))).not.toThrow();
    expect(() => environment('device-preparation')(dp({ timeoutMinutes: 720 }))).not.toThrow();
    expect(() => environment('device-preparation')(dp({ timeoutMinutes: 14 }))).toThrow(/timeoutMinutes/);
    expect(() => environment('device-preparation')(dp({ timeoutMinutes: 721 }))).toThrow(/timeoutMinutes/);
    // Whether the policy's apps fit is checked where a scenario file is read (it needs the whole file).
    const file = (apps: number) => JSON.stringify({ name: 'limit', scenario: 'device-preparation', ...dp({}, Array.from({ length: apps }, (_, i) => app(`App ${i + 1}`))) });
    expect(() => parseScenario('limit.yaml', file(25))).not.toThrow();
    expect(() => parseScenario('limit.yaml', file(26))).toThrow(/at most 25 apps/);
    expect(() => environment('device-preparation')(dp({ scripts: Array.from({ length: 11 }, (_, i) => ({ name: `s${i}.ps1` })) }))).toThrow(/scripts/);
  });
});

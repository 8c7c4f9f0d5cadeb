// The environment: one typed description of a device and the world around it.
// This file is the one place its fields, types and defaults are declared; the
// defaults describe a healthy user-driven Entra deployment (domain/autopilot.md §2.1).
import { CHANGES, COMPARE_WITH_EXPECTED, comparisonKind } from './comparisons.ts';
import { z } from 'zod';
import { CHANCE_NAMES, CHANCES, DURATION_NAMES } from './durations.ts';
import { catalog } from '../catalog/errors.ts';

import { SCENARIO_IDS, type ScenarioId } from '../catalog/vocabulary.ts';
import { closest, slipOf } from './spelling.ts';
import { FAULT_IDS } from '../catalog/faults.ts';

/** The scenarios (declared once, in src/catalog/vocabulary.ts). */
export const SCENARIOS = SCENARIO_IDS;
export type Scenario = ScenarioId;

export { DurationSchema, type Duration } from './durations.ts';
import { DurationSchema } from './durations.ts';

const probability = z.number().min(0).max(1);

/** Where a calibrated failure strikes: enrollment (MDM), the ESP's device setup, its account setup. */
export const CALIBRATED_PHASES = ['enrollment', 'deviceSetup', 'accountSetup'] as const;
export type CalibratedPhase = (typeof CALIBRATED_PHASES)[number];

export const AppSchema = z.strictObject({
  name: z.string().min(1).describe('The app\'s name as Intune shows it; the ESP lists it by this name and failures name it.'),
  type: z.enum(['win32', 'msi-lob', 'store', 'm365']).default('win32').describe('How Intune delivers it: win32 (the Intune Management Extension), msi-lob (line-of-business MSI), store (Microsoft Store), m365 (the Microsoft 365 Apps app type). Mixing win32 and msi-lob installs is a documented cause of ESP failures. Under device preparation the type decides the step (§7 steps 7-9): msi-lob and m365 install before the scripts, win32 and store after them.'),
  context: z.enum(['device', 'user']).default('device').describe('Install context: device (System) or user. A device-targeted app in user context waits for a user: account setup tracks it, hybrid join does not (§3.1).'),
  target: z.enum(['device', 'user']).default('device').describe('Whom the app is assigned to: device groups (device setup) or user groups (account setup).'),
  installMinutes: DurationSchema.default({ triangular: [1, 2, 4] }).describe('Install time once downloaded, in minutes: a number or a distribution such as {triangular: [min, mode, max]} (an estimate where the documents give none).'),
  sizeMb: z.number().min(0).max(100_000).default(150).describe('Download size in MB of 1,000,000 bytes, the units of a site\'s bandwidthMbps (8 megabits a MB): an app\'s size in bytes (Graph\'s mobileLobApp size) over 1,000,000, so 3 GB is 3000; a size Windows Explorer shows as 3 GB is 3 GiB, 3221. Matters where a fleet\'s site has limited bandwidth (150, an estimate, when unset).'),
  failureProbability: probability.default(0).describe('Chance that the install fails on a device (0 to 1).'),
  rebootInsidePackage: z.boolean().default(false).describe('A restart coded inside the installer: the ESP hangs (domain §3.3).'),
  requiresReboot: z.boolean().default(false).describe('A restart Intune handles (return code): allowed in device setup, credentials are asked again (§2.1 U6a).'),
  assignedAfterTechnicianFlow: z.boolean().default(false).describe('Pre-provisioning: assigned after the technician flow, so the user flow\'s device setup installs it (§2.4 P4).'),
});
export type App = z.infer<typeof AppSchema>;

/** A script in a device preparation policy (System context). */
export const DevicePreparationScriptSchema = z.strictObject({
  name: z.string().min(1).describe('The script\'s name in the policy.'),
  runMinutes: DurationSchema.default({ triangular: [0.2, 0.5, 3] }).describe('Run time in minutes: a number or a distribution (an estimate).'),
  failureProbability: probability.default(0).describe('Chance that the script fails on a device (0 to 1).'),
});

/** A device preparation policy (domain §7 "Policy settings"). */
export const DevicePreparationPolicySchema = z.strictObject({
  name: z.string().min(1).default('Device preparation').describe('The policy\'s name.'),
  targetsUser: z.boolean().default(true).describe('Assigned to a user group the signing-in user is in.'),
  priority: z.number().int().min(1).max(1000).default(1).describe('When several policies target the user, the lowest number wins.'),
  timeoutMinutes: z.number().int().min(15).max(720).default(60).describe('"Minutes allowed before showing installation error" (15-720): one timer for the whole deployment. The documents give no default: 60 is an estimate (community guidance is 60-90, domain §9.1).'),
  customMessage: z.string().nullable().default(null).describe('The message shown on an error, or null for the default.'),
  allowSkip: z.boolean().default(false).describe('"Allow users to skip setup after multiple attempts": Continue anyway beside Retry.'),
  showDiagnosticsLink: z.boolean().default(true).describe('"Show link to diagnostics": the error page offers to collect logs.'),
  accountType: z.enum(['standard', 'administrator']).default('standard').describe('Standard: the user is removed from local Administrators before the desktop.'),
  continueAutomatically: z.boolean().default(false).describe('"Required setup complete" continues by itself; otherwise the user presses Continue.'),
  apps: z.array(z.string().min(1)).max(25).nullable().default(null).describe('Names of apps (from `apps`) the policy installs during the deployment; null: every device-targeted app. At most 25 (10 in the 2024 documents).'),
  scripts: z.array(DevicePreparationScriptSchema).max(10).default([]).describe('PowerShell scripts, at most 10.'),
});
export type DevicePreparationPolicy = z.infer<typeof DevicePreparationPolicySchema>;

export const ENDPOINT_GROUPS = [
  'autopilot', 'entra', 'intune', 'tpm-attestation', 'ftpm-ek', 'windows-update', 'ntp', 'store', 'delivery-optimization', 'dns', 'ncsi',
] as const;

export const EnvironmentSchema = z.strictObject({
  scenario: z.enum(SCENARIOS).default('user-driven').describe('Which Autopilot scenario the device runs: user-driven, pre-provisioned (technician flow, then the user\'s), self-deploying, existing-devices (a ConfigMgr task sequence), reset (Autopilot Reset) or device-preparation.'),

  hardware: z.strictObject({
    kind: z.enum(['physical', 'vm']).default('physical').describe('physical, or vm: a virtual machine cannot do TPM attestation (self-deploying and pre-provisioning fail with 0x800705B4).'),
    tpm: z.enum(['none', '1.2', '2.0', '2.0-in-1.2-mode', 'reduced-functionality']).default('2.0').describe('\'2.0-in-1.2-mode\': a TPM able to do 2.0 but not switched to it (0x801C03EA, domain §4). \'reduced-functionality\': a TPM 2.0 in Reduced Functionality Mode, which self-deploying and pre-provisioning do not support (§2.6, §5.2); the notes give no code, so its attestation times out as a device without TPM 2.0 does (0x800705B4 [INF]).'),
    firmware: z.enum(['uefi', 'legacy-bios']).default('uefi').describe('How the firmware boots: TPM attestation (self-deploying, the technician flow) needs TPM 2.0 with UEFI firmware (§5.2). \'legacy-bios\': the notes give no code, so attestation times out as without TPM 2.0 (0x800705B4 [INF]); user-driven has no TPM step.'),
    tpmVendor: z.enum(['discrete', 'intel', 'amd', 'qualcomm']).default('discrete').describe('Who makes the TPM: a discrete chip, or firmware TPMs by Intel, AMD or Qualcomm (whose EK certificates are fetched online).'),
    tpmIssue: z.enum(['none', 'intermittent', 'win11-bug', 'vulnerable-firmware', 'amd-ftpm-firmware', 'infineon-slb9672']).default('none').describe('Documented TPM firmware problems (domain §2.3 T5). win11-bug: the Windows 11 attestation bug (0x81039023) the May 2022 cumulative update fixed (KB5013943): Windows 11 21H2 only, as 22H2 and later include the fix and Windows 10 does not have it.'),
    firstBootTpmProvisioning: z.boolean().default(false).describe('First-boot TPM provisioning (key generation) can add more than a minute (§5.2).'),
    vCpus: z.number().int().min(1).max(1024).default(4).describe('Virtual processors of a VM (Windows 11 needs at least 2).'),
    memoryGb: z.number().min(0.5).max(4096).default(8).describe('Memory in GB (Windows 11 needs at least 4).'),
    motherboardReplaced: z.boolean().default(false).describe('Motherboard or TPM replaced since registration: the hash no longer matches (W49).'),
  }).prefault({}).describe('The device: physical or virtual, its TPM and firmware.'),

  os: z.strictObject({
    edition: z.enum(['pro', 'pro-education', 'pro-workstations', 'enterprise', 'education', 'enterprise-ltsc', 'home']).default('enterprise').describe('The Windows edition; Autopilot needs Pro, Pro Education, Pro for Workstations, Enterprise, Education or Enterprise LTSC (Home is not supported: 0x80180022). Windows 11 Enterprise LTSC is listed by the newer requirements page only (domain §5, §10 #12).'),
    windows: z.union([z.literal(10), z.literal(11)]).default(11).describe('Windows 10 or 11.'),
    version: z.string().default('24H2').describe('The Windows feature update, such as 22H2, 23H2 or 24H2. On Windows 10, TPM attestation (self-deploying, the technician flow) times out with 0x800705B4 before 1709, or before 1809 for hybrid (§4, §5.1 historical minimums); pre-provisioning before 1903, its historical minimum, has no documented outcome: the run goes on and reports PREPROVISIONING_BEFORE_1903 [INF]; so does hybrid join before 1809, its own, with HYBRID_BEFORE_1809 [INF]. Windows 11 has no version before 21H2: a Windows 10 one (1709, 20H2) with os.windows 11 is refused.'),
    updatedSince2020: z.boolean().default(true).describe('The build has the 2020 cumulative updates that let self-deploying and pre-provisioning succeed with several MDM configurations in Entra (§1.3); false: an older build, which fails with 0xc1036501 there, and fails device setup with the ESP off (§3.2, fixed 2020; no code documented [INF]: pre-provisioning on the red screen, self-deploying unseen behind its end screen), and whose TPM 1.2 attestation waits out its timeout instead of reporting incompatible hardware (KB4556799, §2.6, §8 W5).'),
    march2024Update: z.boolean().default(false).describe('KB5035942 (the March 2024 update): what Windows 11 22H2 and 23H2 need for device preparation (§7).'),
    june2025Update: z.boolean().default(true).describe('The 2025-06 D update (KB5060829 on 24H2, KB5060826 on 22H2 and 23H2; 25H2 and later include it), whose control lets Windows 11 honour the ESP\'s "Install Windows quality updates" (§3.2). false: an older build, where the control comes in the 2025-11 D zero-day package OOBE installs before the ESP; with Windows Update unreachable in OOBE it never arrives and the setting is not honoured: no quality updates. What the 2026-01 B update\'s enforcement adds the notes do not say, so it is not modelled.'),
  }).prefault({}).describe('Windows on the device: edition, version and updates.'),

  registration: z.strictObject({
    registered: z.boolean().default(true).describe('The hardware hash is imported as an Autopilot device; false: the device falls back to the ordinary OOBE (except existing-devices and device-preparation, which need no registration).'),
    tenant: z.string().min(1).default('contoso.onmicrosoft.com').describe('The tenant the device is registered in; for device preparation, the tenant its policies are in.'),
    profileStatus: z.enum(['assigned', 'assigning', 'not-assigned', 'deleted']).default('assigned').describe("The Autopilot profile's status; 'deleted': the assigned profile was deleted without cleanup (event 809, §1.1)."),
    defaultProfile: z.boolean().default(false).describe('A profile assigned to All devices: a registered device with no assignment takes it (§1.2).'),
    deployedBefore: z.enum(['none', 'self-deploying', 'pre-provisioned']).default('none').describe('Already went through self-deploying or pre-provisioning once (the one-time block, §2.3).'),
    unblocked: z.boolean().default(false).describe('Intune record deleted or "Unblock device" used since that deployment.'),
    oemAutoReenrollment: z.boolean().default(false).describe('An OEM that opted in (Dell, Dynabook, HP, Lenovo, Surface): automatic re-enrollment of a pre-provisioned or self-deployed device (§2.3), and the assigned user\'s username pre-filled on the sign-in page (§1.3, §10 #5; removed for everyone else in 2110).'),
    entraObjectDeleted: z.boolean().default(false).describe('The Entra device object created at import was deleted by hand (0x801C03F3 / 0x80070774). Only a registered device has one.'),
    registeredByAnotherTenant: z.boolean().default(false).describe('The device was registered by a tenant that is not the signing-in user\'s organisation (registration.tenant is that other, possibly hostile, tenant; §1.1 FAQ): it cannot force its profile on the user. The sign-in goes to the user\'s home tenant, the tenants do not match, the profile is not applied and ordinary OOBE follows. false: a mismatch is the user\'s (identity.signInTenant), who gets the "belongs to another organization" error and starts over.'),
    conflictingProfiles: z.boolean().default(false).describe('The device sits in two groups carrying different profiles (0x801C03EA cause).'),
    previouslyEntraRegistered: z.boolean().default(false).describe('The device was Entra registered (workplace joined) before it was imported (§8 W63: it shows as registered, not joined). Only a registered (imported) device carries it over.'),
    existingEnrollment: z.enum(['none', 'another-user', 'leftover']).default('none').describe("An enrollment already on the device (§4): 'another-user' joined or enrolled it (8018000a \"The device is already enrolled.\"); 'leftover' from a previous enrollment, a cloned image or a leftover certificate (0x8007064c \"The machine is already enrolled.\")."),
  }).prefault({}).describe('The device\'s Autopilot registration: whether its hardware hash is imported, its profile and its history.'),

  profile: z.strictObject({
    deploymentMode: z.enum(['user-driven', 'self-deploying']).optional().describe('Unset: follows the scenario (self-deploying for self-deploying, user-driven otherwise).'),
    joinType: z.enum(['entra', 'hybrid']).default('entra').describe('entra (Microsoft Entra join) or hybrid (Microsoft Entra hybrid join, through the Intune Connector for Active Directory). Hybrid is refused for self-deploying (§2.6) and for device preparation (§7) unless a classic profile takes the device; Autopilot Reset reads reset.currentJoin instead.'),
    allowPreProvisioning: z.boolean().optional().describe('"Allow pre-provisioned deployment": a technician can press the Windows key five times for the technician flow; No, and the technician flow fails with 0x80180005 (§2.3 T3). Unset: follows the scenario (Yes for pre-provisioned, whose documented preconditions include it; No otherwise, as Intune\'s profile starts).'),
    skipAdConnectivityCheck: z.boolean().default(false).describe('Hybrid: "Skip AD connectivity check", so a device with no domain controller in sight goes on (the user then needs a VPN that connects before sign-in).'),
    userAccountType: z.enum(['standard', 'administrator']).default('standard').describe("User account type (§2.1, §5.6): 'standard' keeps the user out of local Administrators (self-deploying forces it); with 'administrator' a hybrid user gets the rights at the forced sign-out, unless a script made another local administrator during provisioning (§8 W61)."),
    assignedUser: z.string().nullable().default(null).describe('A user assigned to the device (their UPN), or null.'),
    assignedUserUpnCorrect: z.boolean().default(true).describe("The assigned user's UPN is the user's real one. false: a wrong UPN with the tenant's domain, which the import accepts because it checks only the domain part, and which leaves the device unusable until the assignment is removed (§5.7); the notes give no screen or code, so the model refuses the sign-in with none [INF]. Only with assignedUser; not under ADFS, which does not enforce the assignment (§1.3), nor in self-deploying, which ignores it (§2.6)."),
    hiddenPages: z.array(z.enum(['language', 'keyboard', 'eula', 'privacy', 'change-account'])).default(['eula', 'privacy', 'change-account']).describe('OOBE pages the profile hides.'),
    kioskAutologon: z.boolean().default(false).describe('Self-deploying end state: the sign-in screen, or kiosk autologon (§2.6 S6).'),
  }).prefault({}).describe('The Autopilot deployment profile assigned to the device.'),

  esp: z.strictObject({
    enabled: z.boolean().default(true).describe('"Show app and profile configuration progress" (§2.1 fork, §3.2). No: nothing of the ESP is shown. User-driven goes from enrollment to the desktop, and the device ESP\'s work (tracking list, Intune Management Extension) finishes behind it, off the user\'s time; a failure there (a VM below 2 vCPU / 4 GB, an IME install error) shows no error page and is reported as a finding, PREPARATION_FAILED_BEHIND_DESKTOP (the notes give no outcome: [INF]). Self-deploying still attests, joins and enrolls; no account setup, no quality updates; a technician flow reseals early (§8 W25). Self-deploying does so on OOBE\'s working screen with no ESP rows, and the tracking list and IME come after its sign-in screen or kiosk (a failure there is the same finding); a failed attestation, join or enrollment fails the deployment with no error page to retry from [INF].'),
    timeoutMinutes: z.number().int().min(1).max(10_000).default(60).describe('"Show an error when installation takes longer than": minutes for the device phase and again for the account phase.'),
    blockDeviceUse: z.boolean().default(true).describe('"Block device use until all apps and profiles are installed" (§3.2). No: the user may leave the ESP before setup finishes (people.leavesEspEarly), and two of the settings Yes unlocks are not in effect: the error page has no Reset device or Continue anyway, whatever allowReset and allowContinueAnyway say.'),
    allowReset: z.boolean().default(false).describe('"Allow users to reset device if installation error occurs": a Reset device button on the error page. Only with blockDeviceUse (§3.2: Block device use = Yes unlocks it).'),
    allowContinueAnyway: z.boolean().default(false).describe('"Allow users to use device if installation error occurs": a Continue anyway button on the error page. Only with blockDeviceUse (§3.2: Block device use = Yes unlocks it).'),
    collectLogs: z.boolean().default(true).describe('"Turn on log collection and diagnostics page for end users" (earlier "Allow users to collect logs about installation errors"; §3.2, §1.4): the ESP error page offers Collect logs, which copies the diagnostic logs to a USB drive (people.collectsLogs presses it); Intune also collects logs by itself on any failure. No: no such button.'),
    blockingApps: z.enum(['all', 'selected']).default('all').describe('"Block device use until these required apps are installed": all apps, or the selected ones. Only with blockDeviceUse (§3.2: Block device use = Yes unlocks it); with No every assigned required app is tracked, as with all [INF].'),
    selectedApps: z.array(z.string()).max(100).default([]).describe('With blockingApps: selected, the names of the apps (from apps) the ESP waits for, up to 100 (§3.2). A name that is not under apps is an app on the list that is not assigned, which the ESP ignores (§3.2); a name one or two letters from an app under apps is taken for a typo, an input error.'),
    onlyFailSelectedBlockingAppsInTechnicianPhase: z.boolean().default(true).describe('"Only fail selected blocking apps in technician phase" (pre-provisioning). Only with blockingApps: selected and blockDeviceUse, where the setting is shown (§2.3 forks, §3.2).'),
    installQualityUpdates: z.boolean().default(false).describe('"Install Windows quality updates (might restart the device)" during OOBE, after the device ESP: +20-40 min, and a restart means no automatic sign-in (§3.2). Windows 11 only; skipped on a metered network, with the ESP off (or its device phase skipped, SkipDeviceStatusPage [INF]) or Block device use = No; not in the technician flow, nor in device preparation. New ESP profiles default to Yes (the newest ESP page), the built-in default profile and older profiles to No (§10 #6): false here, an ESP profile that predates the change (the built-in profile, which does not show progress, installs none anyway); set true for a profile created today.'),
    skipUserStatusPage: z.boolean().default(false).describe('The SkipUserStatusPage setting: the account setup phase is not shown.'),
    skipDeviceStatusPage: z.boolean().default(false).describe('The SkipDeviceStatusPage setting (§3.3, FirstSync value 0xffffffff): the device ESP is not shown and its work finishes in the background, as with the ESP off (user-driven: device preparation too, behind the desktop after account setup); the account setup phase still shows; no quality updates, which follow the device ESP [INF]. In pre-provisioning\'s technician flow it hides the device ESP as the ESP off does (Reseal comes early, §8 W25), unless readings.preProvisioningEspRequired (KB4535996, 2020: the ESP required to show) [INF].'),
    imeInstallFails: z.boolean().default(false).describe('The Intune Management Extension fails to install in ESP device preparation (§2.1 U5, §3.3: the IME\'s InstallationState=4, Error). The notes name no cause; the device ESP stops with its error page.'),
    customMessage: z.string().nullable().default(null).describe('The ESP\'s custom error message, or null for the default.'),
    assignedTo: z.enum(['devices', 'users']).default('devices').describe("Whom the ESP profile is assigned to (§3.2 assignment and priority): a device group, or a user group. Pre-provisioning and self-deploying evaluate only device-targeted profiles, so with 'users' the built-in default profile applies there, which does not show progress (§2.1): the technician flow reseals early (§8 W25) and self-deploying shows no ESP. Where a user signs in first (user-driven) the profile applies, but not its Selected blocking apps during the device ESP (known issue: the device does not know the user yet, so it waits for none of them [INF: they install after the ESP]), nor \"Install Windows quality updates\", read from device-targeted profiles only. Self-deploying and a lost Selected list report the finding ESP_ASSIGNED_TO_USERS, the technician flow's early Reseal PREPROVISIONED_HALF_CONFIGURED."),
  }).prefault({}).describe('The Enrollment Status Page profile: its timeout, what blocks, and what the user may do on an error.'),

  apps: z
    .array(AppSchema)
    .max(500)
    // The ESP tracks, selects (esp.selectedApps) and reports apps by name: two of one name made the selection and the
    // report ambiguous, and were taken silently.
    .superRefine((apps, ctx) => {
      const first = new Map<string, number>();
      apps.forEach((app, i) => {
        const j = first.get(app.name);
        if (j === undefined) first.set(app.name, i);
        else ctx.addIssue({ code: 'custom', path: [i, 'name'], input: app.name, message: `expected a unique app name, "${app.name}" is apps[${j}]'s too (the ESP tracks, selects and reports apps by name): rename one or remove it` });
      });
    })
    .prefault([
      { name: 'Company Portal', type: 'store' },
      { name: 'Microsoft 365 Apps', type: 'win32', installMinutes: { triangular: [5, 10, 20] } },
      { name: 'VPN client', type: 'win32' },
    ])
    .describe('The apps assigned to the device or its user, in install order; each name once. The default\'s Microsoft 365 Apps is packaged as Win32, as §3.3 advises for the ESP (the Microsoft 365 Apps type can hang beside a tracked Win32 app), so under device preparation it installs with the Win32 apps, after the scripts (§7 step 9); give it type m365 to install it with the LOB apps (step 7).'),

  /** Intune platform PowerShell scripts assigned to the device or the user (classic Autopilot; device preparation has its own, under devicePreparation.policies). */
  scripts: z
    .array(
      z.strictObject({
        name: z.string().min(1).describe("The script's name, as the trace shows it."),
        context: z.enum(['system', 'user']).default('system').describe("'user': \"Run this script using the logged on credentials\" = Yes. The ESP does not track scripts, and user-context scripts may not run during the ESP (§2.1 U9, §3.2): use System context."),
      }),
    )
    .max(200)
    .default([])
    .describe('Intune PowerShell scripts (§3.2): not tracked by the ESP; user-context ones may not run during account setup.'),

  /** Co-management with Configuration Manager (§2.1, §3.3). */
  coManagement: z.strictObject({
    enabled: z.boolean().default(false).describe('Co-management enrollment is configured (§2.1, §3.3): the ESP waits in device setup for the Configuration Manager client to install, register and apply co-management policy.'),
    clientInstalls: z.boolean().default(true).describe('The Configuration Manager client can install and reach its management point (or cloud management gateway) from OOBE; false: the ESP waits until its timeout. The client cannot install during hybrid user-driven provisioning whatever this says (§2.2).'),
  }).prefault({}).describe('Co-management with Configuration Manager (§2.1, §3.3).'),

  network: z.strictObject({
    connection: z.enum(['wired', 'wifi']).default('wired').describe('wired or wifi (wifi needs the user, or the technician, to connect at OOBE).'),
    internet: z.boolean().default(true).describe('The device reaches the internet.'),
    proxyRequiresAuth: z.boolean().default(false).describe('The proxy asks for authentication, which OOBE cannot give.'),
    blockedEndpoints: z.array(z.enum(ENDPOINT_GROUPS)).default([]).describe('Service endpoints the firewall or proxy blocks, by group (autopilot, entra, intune, tpm-attestation, ...; domain §5.3). dns: internet names do not resolve; ncsi: *.msftconnecttest.com over HTTP; either leaves Windows unable to prove internet reachability, so the device is offline as OOBE sees it [INF].'),
    metered: z.boolean().default(false).describe('The connection is metered.'),
    clockSkewMinutes: z.number().min(-100_000).max(100_000).default(0).describe('How far the device\'s clock is off, in minutes (§3.3: several minutes or more fail TPM attestation, or, where nothing attests as in user-driven, time the ESP out; the 5-minute threshold is an estimate).'),
  }).prefault({}).describe('The network the device deploys on.'),

  userFlowNetwork: z
    .strictObject({
      connection: z.enum(['wired', 'wifi']).optional().describe('wired or wifi, in the user flow.'),
      internet: z.boolean().optional().describe('The device reaches the internet in the user flow.'),
      proxyRequiresAuth: z.boolean().optional().describe('The user flow\'s proxy asks for authentication.'),
      blockedEndpoints: z.array(z.enum(ENDPOINT_GROUPS)).optional().describe('Endpoint groups blocked where the user runs the user flow.'),
      metered: z.boolean().optional().describe('The user flow\'s connection is metered.'),
      dcLineOfSight: z.boolean().optional().describe('Hybrid: the user flow\'s site reaches a domain controller (unset: hybrid.dcLineOfSight). The technician flow needs internet only (§2.3, §10 #1); the hybrid user flow needs a DC or a VPN for the domain logon (§2.5).'),
    })
    .default({}).describe('Pre-provisioning: the network where the user runs the user flow, when it differs from the technician\'s (unset fields follow `network`).'),

  identity: z.strictObject({
    userLicensed: z.boolean().default(true).describe('The user has an Intune licence (and Entra ID P1).'),
    /** The two documented symptoms of an unlicensed user (§1.3); 'terms-of-use' is the FAQ's first. */
    unlicensedSymptom: z.enum(['terms-of-use', 'account-not-allowed', 'identifying-hang', '80180018']).default('terms-of-use').describe('Which of the documented symptoms an unlicensed user meets (§1.3, §4): the MDM terms-of-use error, "This account is not allowed on this phone", the ESP stuck at Identifying, or MDM enrollment failing with 80180018 on the "Something went wrong" page (§4: licence missing or wrong). The first two and the last come at the user\'s enrollment: the pre-provisioning user flow enrolls nothing (the technician did), so there the user meets Identifying whatever this says.'),
    mdmUserScope: z.enum(['all', 'some-including-user', 'some-excluding-user', 'none']).default('all').describe('Entra\'s MDM user scope: all users, some (including or excluding this user), or none (§1.3). A user it does not include fails enrollment with 0x8018002b; with none, automatic MDM enrollment is off, so self-deploying and the technician flow fail to enroll too (0x8018002b [INF]).'),
    upnSuffixRoutable: z.boolean().default(true).describe('The user\'s UPN suffix is a verified, routable domain.'),
    userMayJoin: z.boolean().default(true).describe('"Users may join devices to Microsoft Entra ID" includes this user: needed for user-driven and pre-provisioning (Entra join: 801C0003), not for self-deploying, and not for hybrid join, whose Entra registration runs in system context (§1.3).'),
    userDeviceCount: z.number().int().min(0).max(100_000).default(2).describe('Devices the user has joined already.'),
    deviceCap: z.number().int().min(1).max(100_000).default(50).describe('Entra\'s "Maximum number of devices per user".'),
    windowsMdmBlocked: z.boolean().default(false).describe('An Intune enrollment restriction blocks Windows (MDM) enrollment.'),
    personalEnrollmentBlocked: z.boolean().default(false).describe('An enrollment restriction blocks personally owned Windows devices.'),
    signInTenant: z.string().nullable().default(null).describe('Tenant the user signs into; null means the registration tenant.'),
    legacyPcAgentInstalled: z.boolean().default(false).describe('The legacy Intune PC agent (the old client) is installed.'),
    /**
     * Conditional Access policies that touch the deployment (§1.3, §8 W59):
     * 'blocks-intune-enrollment': a block policy without the Microsoft Intune Enrollment and Microsoft Intune cloud apps excluded;
     * 'compliant-device-for-all-apps': "require a compliant device" for all cloud apps (Intune Enrollment is excluded automatically).
     */
    federation: z.enum(['managed', 'adfs']).default('managed').describe('How users sign in: managed (cloud) authentication, or federated through ADFS (§1.3: a pre-assigned user is not enforced).'),
    signInMethod: z.enum(['password', 'temporary-access-pass', 'smart-card']).default('password').describe('How the user signs in at OOBE (§1.3): smart card and certificate-based authentication are not supported; a Temporary Access Pass works only with web sign-in, and not for hybrid join or kiosks.'),
    webSignIn: z.boolean().default(false).describe('Web sign-in is enabled (§1.3: needed for a Temporary Access Pass).'),
    invalidCredentialAttempts: z.number().int().min(0).max(10).default(0).describe('How many times the user types a wrong password at the Entra sign-in page before the right one (§2.1 U2: standard Entra retry).'),
    multipleMdmConfigurations: z.boolean().default(false).describe('Entra holds several MDM configurations (§1.3): self-deploying and pre-provisioning fail with 0xc1036501 on builds without the 2020 updates (os.updatedSince2020).'),
    conditionalAccess: z.array(z.enum(['blocks-intune-enrollment', 'compliant-device-for-all-apps'])).max(2).default([]).describe('Conditional Access policies that touch the deployment (§1.3, §8 W59): \'blocks-intune-enrollment\', a block policy without the Microsoft Intune Enrollment and Microsoft Intune cloud apps excluded; \'compliant-device-for-all-apps\', "require a compliant device" for all cloud apps (Intune Enrollment is excluded automatically).'),
  }).prefault({}).describe('The user and the tenant\'s Entra and Intune settings that decide whether the user may join and enroll.'),

  policies: z.strictObject({
    interactiveLogonOrUacConflict: z.boolean().default(false).describe('Any of the four interactive-logon or UAC policies (message title, message text, require WHfB or smart card, UAC credential prompt on the secure desktop) reaches the device.'),
    deviceLock: z.boolean().default(false).describe('DeviceLock (password) policies reach the device (§2.1 U6a, §2.6, §3.3): with a restart in device setup autologon fails and only a reset helps; with no restart the user is asked for credentials instead of being signed in; kiosk autologon can break.'),
    exchangeActiveSync: z.boolean().default(false).describe('Exchange ActiveSync policies reach the device (§2.6): they break kiosk autologon.'),
    appLockerCsp: z.boolean().default(false).describe('AppLocker CSP (WDAC) policies reach the device in device setup (§2.3 T8, §3.3): they force a restart. In the technician flow this is one of the reboot problems that stop pre-provisioning; in user-driven the restart loses the credentials typed in OOBE (with DeviceLock, autologon then fails).'),
    wlidsvcDisabled: z.boolean().default(false).describe('A policy disables the Microsoft Account Sign-In Assistant (wlidsvc) during the technician flow (§2.3): in the user flow the profile download stops and standard OOBE (EULA, local account) follows.'),
  }).prefault({}).describe('Device configuration policies that conflict with a flow (domain §2.3 T8, §8 W29).'),

  hybrid: z.strictObject({
    dcLineOfSight: z.boolean().default(true).describe('The device can reach a domain controller (on site, or through a VPN that connects before sign-in).'),
    vpn: z.enum(['none', 'always-on', 'win32-logon', 'user-certificate', 'uwp-plugin', 'directaccess']).default('none').describe('The VPN on the device: none, always-on or win32-logon connect before sign-in; a user-certificate, UWP plug-in or DirectAccess VPN cannot (domain §2.2).'),
    connector: z.strictObject({
      present: z.boolean().default(true).describe('A connector is installed.'),
      active: z.boolean().default(true).describe('The connector is running and signed in.'),
      version: z.string().regex(/^\d+\.\d+\.\d+\.\d+$/, 'a version such as 6.2504.2001.8').default('6.2504.2001.8').describe('The connector\'s version, such as 6.2504.2001.8 (old versions stopped working).'),
      others: z.number().int().min(0).max(100).default(0).describe('Other connectors for the same domain, each on a server of its own, active and current (§5.4: one or more per domain for redundancy). When this one fails (inactive), requests go to another connector in the same domain, and the join goes on; one missing or too old to process requests counts as failing too [INF].'),
    }).prefault({}).describe('The Intune Connector for Active Directory that creates the computer object (offline domain join).'),
    ouRightsDelegated: z.boolean().default(true).describe('"Create computer objects" delegated on the OU to the connector\'s account (§5.4: the OU listed in the connector\'s configuration, or rights granted by hand). Without it the account creates computer objects only in the default Computers container (ouDistinguishedName null), and there only 10 (computersJoinedByConnector); an OU of its own fails with event 30132 and 0x80070774.'),
    computersJoinedByConnector: z.number().int().min(0).max(1e7).default(0).describe('Computers the connector\'s account has already joined (AD\'s default quota is 10).'),
    domainJoinProfileAssigned: z.boolean().default(true).describe('A Domain Join configuration profile is assigned to the device.'),
    domainJoinProfileTarget: z.enum(['all-devices', 'device-group']).default('all-devices').describe("Whom the Domain Join profile is assigned to: All Devices, or a device group. An existing device deployed from its JSON is not registered, so it has no Entra device object in any group until it enrolls: the profile must target All Devices (domain §2.7, §10 #14)."),
    domainName: z.string().min(1).default('contoso.com').describe('The Domain Join profile\'s domain name, which must be the FQDN (contoso.com), not the NetBIOS name (CONTOSO) (§5.4). A name with no dot is a NetBIOS name: the notes give no outcome, so the join fails as with an OU that is not a DN (0x80070774 [INF]).'),
    ouDistinguishedName: z.string().nullable().default(null).describe('The Domain Join profile\'s OU (§5.4): a DN such as OU=x,DC=contoso,DC=com, or null (or blank) for the default Computers container. CN=Computers, an OU without DC=, or quotes make the join fail.'),
    scriptAddsLocalAdmin: z.boolean().default(false).describe('A script run during OOBE creates another local administrator account (§8 W61: the user loses the admin rights the profile gives).'),
    entraConnect: z.strictObject({
      ouInSyncScope: z.boolean().default(true).describe("The Domain Join profile's OU is in Entra Connect's sync scope (§2.2 preconditions); false: the hybrid device object never appears in Entra ID."),
      syncIntervalMinutes: z.number().min(1).max(10_000).default(30).describe("Entra Connect's sync cycle (30 min by default: background knowledge, §9.2 [INF]); a new object waits half a cycle on average (an estimate). Not synced by the user's first sign-in: no Entra PRT yet (§2.2 [INF])."),
    }).prefault({}).describe('Microsoft Entra Connect, which syncs the AD computer object the connector created into the hybrid device object (§2.2).'),
  }).prefault({}).describe('Hybrid join: the domain controller, the VPN and the Intune Connector for Active Directory.'),

  existingDevices: z.strictObject({
    configMgr: z.boolean().default(true).describe('Configuration Manager is there to run the task sequence.'),
    jsonProfile: z.strictObject({
      deploymentMode: z.enum(['user-driven', 'self-deploying', 'pre-provisioned']).default('user-driven').describe('The JSON profile\'s deployment mode.'),
      joinType: z.enum(['entra', 'hybrid']).default('entra').describe('The JSON profile\'s join: entra or hybrid.'),
    }).prefault({}).describe('The profile in the AutopilotConfigurationFile.json.'),
    jsonFileName: z.string().default('AutopilotConfigurationFile.json').describe('The JSON file\'s name; Windows reads only AutopilotConfigurationFile.json.'),
    jsonEncoding: z.enum(['ascii', 'utf-8', 'unicode']).default('ascii').describe('The JSON file\'s encoding; it must be ANSI/ASCII.'),
    prepareWindowsForCaptureStep: z.boolean().default(false).describe('The default "Prepare Windows for Capture" step runs sysprep /generalize, which deletes the JSON (§2.7).'),
    speedUp: z.boolean().default(false).describe('The task sequence skips what it can (a faster run, an estimate).'),
    finishWith: z.enum(['restart', 'shutdown']).default('restart').describe('How the task sequence ends: restart into OOBE, or shut down.'),
  }).prefault({}).describe('Autopilot for existing devices: the Configuration Manager task sequence and the JSON profile it drops.'),

  reset: z.strictObject({
    kind: z.enum(['local', 'remote']).default('remote').describe('local (Ctrl+Win+R at the lock screen) or remote (from Intune).'),
    winReEnabled: z.boolean().default(true).describe('The Windows Recovery Environment is enabled (Reset needs it).'),
    currentJoin: z.enum(['entra', 'hybrid']).default('entra').describe('The join the device has now (Reset keeps it; hybrid devices cannot be reset).'),
    intuneEnrolled: z.boolean().default(true).describe('The device is enrolled in Intune (MDM-managed) now, as Autopilot Reset needs (§2.8, §2.9): false, a remote reset is never delivered (the device never checks in) and a local one stops at its eligibility check.'),
    osCorrupted: z.boolean().default(false).describe('The Windows installation is severely corrupted (Reset fails; reinstall with existing devices).'),
    uefiLockBaseline: z.boolean().default(false).describe('The security baseline sets "Enable with UEFI Lock" (§2.8 RL5): push-button reset on Windows 10 1909 (os.version) stops with the stop error 0xC000000F [DOC-OLD].'),
    recoveryEnvironmentMessage: z.boolean().default(false).describe('The reset says "Autopilot reset ran into trouble. Could not find the recovery environment" (§2.8 RL4): with WinRE really missing it fails; with WinRE fine, admin credentials let it continue.'),
    forcedSync: z.boolean().default(false).describe('A sync forced from the portal or the device, instead of waiting for the next check-in.'),
    hoursSinceEnrollment: z.number().min(0).max(1e6).default(72).describe('Hours since enrollment: sets the check-in cadence (every 3 min, then 15 min, then ~8 h).'),
  }).prefault({}).describe('Autopilot Reset: local or remote, and the device as it is now.'),

  people: z.strictObject({
    /** Hours from reseal to the user powering the device on (pre-provisioning: at least 1.5, at most ~6 months). */
    hoursBetweenFlows: z.number().min(0).max(1e6).default(48).describe('Hours from reseal to the user powering the device on (§2.4): at least 1.5 (90 minutes, so tokens refresh; the notes give no outcome for less, so a run reports a finding) and within about 6 months (IME certificates).'),
    localResetAllowed: z.boolean().default(false).describe('CredentialProviders/DisableAutomaticReDeploymentCredentials = 0 (local reset is off by default).'),
    localResetByAdmin: z.boolean().default(true).describe('Whoever presses Ctrl+Win+R for a local reset signs in as a local administrator on the device, as the reset needs (§2.8). false: someone else; the reset\'s sign-in screen checks the person is allowed, but the notes give no outcome for a refusal, so the run carries on and reports the finding RESET_BY_NON_ADMIN.'),
    onError: z.enum(['give-up', 'retry', 'reset', 'continue']).default('give-up').describe('What the person at an ESP error page or red screen does.'),
    maxRetries: z.number().int().min(0).max(10).default(1).describe('How many times the person retries before giving up.'),
    collectsLogs: z.boolean().default(false).describe('At the first ESP error page that offers Collect logs (esp.collectLogs, §3.2), the person presses it before anything else: the logs are copied to a USB drive, the page stays with its buttons, and then the person does what onError says. The technician\'s red screen and device preparation\'s error page are not the ESP\'s page.'),
    leavesEspEarly: z.boolean().default(false).describe('With "Block device use until all apps and profiles are installed" = No (esp.blockDeviceUse: false) the user can leave the ESP before setup finishes (§2.1, §3.2); true: the user does, and what was still installing carries on at the desktop.'),
  }).prefault({}).describe('What the people at the device do: the user, the technician.'),

  devicePreparation: z.strictObject({
    mode: z.enum(['user-driven', 'automatic']).default('user-driven').describe('\'user-driven\' (Entra join, single user) or \'automatic\' (Windows 365 Cloud PCs).'),
    policies: z.array(DevicePreparationPolicySchema).max(100).prefault([{}]).describe('The device preparation policies in the tenant; the one that applies targets one of the user\'s groups, lowest priority number first.'),
    deviceGroup: z.strictObject({
      membership: z.enum(['assigned', 'dynamic']).default('assigned').describe('Must be an assigned (static) security group; a dynamic one fails membership updates.'),
      provisioningClientOwner: z.boolean().default(true).describe('The Intune Provisioning Client (f1346770-5b25-470b-88bd-d5744ab7952c) is an owner of the group.'),
      roleAssignable: z.boolean().default(false).describe('Role-assignable groups are not allowed.'),
      deleted: z.boolean().default(false).describe('The group was deleted after the policy was saved.'),
    }).prefault({}).describe('The device group set in the policy: enrollment time grouping adds the device to it.'),
    entraLocalAdmin: z.enum(['all', 'selected', 'none']).default('all').describe('Entra "Registering user is added as local administrator on the device during Microsoft Entra join": All, Selected or None.'),
    associated: z.boolean().default(false).describe('The device is associated with device preparation (2026): it runs device preparation even when registered for classic Autopilot.'),
    corporateIdentifier: z.boolean().default(false).describe('A corporate identifier (manufacturer, model, serial) was uploaded for the device.'),
    stuckAt100Share: probability.default(0).describe('Known issue: the ring stays at 100 % until the user restarts by hand (the share of devices it happens to; an estimate, 0 by default).'),
    cloudPcAccessDeniedOnFailure: z.boolean().default(false).describe('Windows 365: a failed or timed-out policy leaves the Cloud PC Failed with no access (onFailureDeviceAccessDenied), instead of Provisioned with warnings.'),
  }).prefault({}).describe('Windows Autopilot device preparation (domain §7): its policies, the device group, and what decides whether it runs.'),

  readings: z.strictObject({
    technicianFlowNeedsDc: z.boolean().default(false).describe('§10 #1: the 2023 tutorial says a hybrid technician flow needs a DC; pre-provision.md (2024) says no.'),
    onlyFailSelectedWording: z.enum(['2026', '2022']).default('2026').describe('§10 #2: \'No\' in "only fail selected blocking apps" — 2026: only blocking apps are attempted; 2022: only blocking apps fail.'),
    registeredDeviceRunsDevicePreparation: z.boolean().default(false).describe('§1.1, §7 coexistence: a device registered for Autopilot with no profile (none assigned, none for All devices), not associated. false (the newest: compare.md and the device preparation FAQ, 2025-2026): Autopilot registration takes precedence, and a registered device runs device preparation only once deregistered (or associated), so the policy is not applied and the device joins Entra without provisioning. true (the Autopilot FAQ): event 815 and default OOBE, where the device preparation policy runs.'),
    deviceCapCode: z.enum(['801C0003', '80180018']).default('801C0003').describe('§1.3, §10 #8: a user at Entra\'s per-user device cap. \'801C0003\' (the recommended mapping): the Entra join fails ("This user isn\'t authorized to enroll"); \'80180018\': the troubleshooting FAQ\'s reading, the join goes through and MDM enrollment fails ("too many devices"). Hybrid join registers in system context and meets neither.'),
    windows11LtscSupported: z.boolean().default(true).describe('§5.1, §10 #12: Windows 11 Enterprise LTSC. true (the 2024-11 requirements page): a supported edition. false (the 2024-06 page, which lists Enterprise LTSC for Windows 10 only): classic Autopilot on Windows 11 Enterprise LTSC is unsupported; the notes give no outcome for an edition the page does not list (only Home has one, 0x80180022), so the run carries on and reports the finding EDITION_NOT_LISTED. Device preparation lists Enterprise LTSC in its own requirements (2025-01) either way.'),
    oneTimeLimitNeedsPersonalBlock: z.boolean().default(false).describe('§2.3 one-time use, §4 0x80180014 (A), §8 W23: a device already self-deployed or pre-provisioned deploys so again. false (troubleshoot-device-enrollment.md, W23): it cannot re-enroll, 0x80180014, until its Intune record is deleted, it is unblocked or its OEM re-enrolls it. true (the remedy §2.3 and §4 add: "remove the personal-device Windows (MDM) enrollment restriction"): the block is that restriction\'s, so it enrolls again where personally owned devices are allowed (identity.personalEnrollmentBlocked false). The notes date neither reading: the default keeps the troubleshooting article\'s block.'),
    preProvisioningEspRequired: z.boolean().default(false).describe('§2.3 forks, §3.2, §8 W25: the technician flow with the device ESP not shown ("Show app and profile configuration progress" = No, SkipDeviceStatusPage, or an ESP profile assigned to users, which the technician flow does not evaluate). false (the newest: pre-provision.md, 2024-07, W25): nothing forces the ESP to show, so the device attests its TPM, joins and enrolls on OOBE\'s working screen with no ESP rows, and Reseal comes before the device\'s apps and policies are installed (the finding PREPROVISIONED_HALF_CONFIGURED). true (KB4535996, 2020, [DOC-OLD]): pre-provisioning marks the ESP as required to show, so the technician\'s device ESP shows whole, device preparation and device setup, whatever those settings say, and Reseal comes after device setup.'),
    devicePreparationAppLimit: z.union([z.literal(25), z.literal(10)]).default(25).describe('§10 #7: apps a user-driven device preparation policy may list: 25 (2025/26 documents) or 10 (2024). Windows 365 automatic mode, documented only from 2025, always allows 25.'),
  }).prefault({}).describe('Where Microsoft\'s documents disagree: the newest reading is the default (domain §10).'),

  calibrated: z
    .strictObject({
      failures: z
        .array(
          z.strictObject({
            phase: z.enum(CALIBRATED_PHASES).describe('Where it strikes: enrollment (MDM), the ESP\'s device setup, or its account setup.'),
            code: z.enum(Object.keys(catalog) as [keyof typeof catalog, ...Array<keyof typeof catalog>]).describe('The error code, as the catalogue writes it.'),
            reportedCode: z
              .string()
              .regex(/^0x[0-9A-F]{8}$/, 'expected an HRESULT such as 0x81036502')
              .optional()
              .describe('The tenant\'s own code, where the catalogue has none (an app\'s install error such as 0x81036502): the device fails with it, where `code` (the generic id it is counted under) says what the page shows.'),
            probability: probability.describe('The chance, from 0 to 1.'),
            retried: z
              .literal(true)
              .optional()
              .describe('Graph\'s successOnRetry: the device fails so the first time it gets here, and a retry (people.onError: retry) succeeds. Without it the failure is the tenant\'s final one: a device that drew it fails the same way on every retry.'),
          }),
        )
        .max(100)
        .default([]).describe('One entry per phase and error code.'),
      timerRetried: probability
        .optional()
        .describe('Of the attempts the ESP\'s own timer ends (not a calibrated failure\'s), the share whose people press Try again (people.onError: retry); the others give up, the deployment failed. The tenant\'s deployments that succeeded on retry (Graph\'s successOnRetry, "after hitting an initial timeout failure") among those its timer ended, the rest having ended failed. Unset: people.onError decides at every error page.'),
      steps: z
        .strictObject({
          enrollment: z.number().positive().max(100).optional().describe('Factor on the enrollment steps: sign-in, Entra join, MDM enrollment, hybrid join.'),
          deviceSetup: z.number().positive().max(100).optional().describe('Factor on the device ESP\'s own steps: IME install, its rows, device-token join and enrollment, quality updates; in device preparation, its policy\'s installation (grouping, IME, local administrator, MDM sync, scripts).'),
          accountSetup: z.number().positive().max(100).optional().describe('Factor on the user ESP\'s own steps: identifying, its rows, the sign-ins around it.'),
        })
        .optional()
        .describe('How long the model\'s own steps take in the tenant, as a factor on their defaults (the durations, each named with its default) per calibrated phase; apps keep their own install times.'),
      observed: z
        .strictObject({
          deployments: z.number().int().positive().describe('Deployments observed in the segment.'),
          succeeded: z.number().int().nonnegative().describe('Of them, those that succeeded.'),
        })
        .refine((o) => o.succeeded <= o.deployments, { message: 'expected succeeded <= deployments' })
        .optional()
        .describe('What the failure rates rest on: the tenant\'s deployments they were fitted to. run says where its success interval, the simulation\'s alone, leaves out their uncertainty (as calibrate --check\'s twin interval holds it). The simulation does not read it.'),
    })
    .optional().describe('Measured in a tenant\'s own deployments (written by calibrate): failure rates (the first time a device reaches the phase, it fails there with the code at this probability) and factors on the model\'s own steps. Unset for every hand-written file.'),

  chances: z
    .partialRecord(z.enum(CHANCE_NAMES), probability)
    .default({})
    .describe(`Overrides of the chances the documents give only as "random", "intermittent" or "may" (all estimates), by name, from 0 to 1; the defaults: ${CHANCE_NAMES.map((n) => `${n} ${CHANCES[n]}`).join(', ')}.`),

  durations: z.partialRecord(z.enum(DURATION_NAMES), DurationSchema).default({}).describe('Overrides of the default durations (minutes), by name; each name says its default and whether it is documented or an estimate.'),
});

export type Environment = z.infer<typeof EnvironmentSchema>;
export type EnvironmentInput = z.input<typeof EnvironmentSchema>;

export const STATUSES = ['succeeded', 'failed', 'fell-back-to-oobe', 'stopped'] as const;
export type Status = (typeof STATUSES)[number];

/** A scenario file: an environment plus what it is meant to show. */
export const ScenarioFileSchema = EnvironmentSchema.extend({
  $schema: z.string().optional().describe('The JSON Schema the file follows, for an editor\'s completion and checks (such as ./schema/scenario.schema.json); not read otherwise.'),
  name: z.string().min(1).optional().describe('The scenario\'s name, as the studio and the reports show it.'),
  description: z.string().optional().describe('What the scenario shows, in a sentence or two.'),
  references: z.string().optional().describe('Where the description\'s facts come from (domain sections, seed tables): for the trainer, never shown to a class.'),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional().describe('Random seed: the same seed replays the same run.'),
  expect: z.strictObject({
    status: z.enum(STATUSES).describe('succeeded, failed, fell-back-to-oobe or stopped.'),
    errorCode: z.string().optional().describe('The error code a failure shows, as the catalogue writes it.'),
    failedPhase: z.string().optional().describe('The phase it fails in, by its key (such as deviceSetup).'),
    findings: z.array(z.string()).optional().describe('The findings the run reports, in order (src/catalog/findings.ts); [] for none.'),
  }).optional().describe('How the run ends (checked by the tests): the status, and the error code and phase of a failure.'),
  lesson: z
    .strictObject({
      title: z.string().min(1).describe('The lesson\'s title (it does not give the ending away).'),
      introduction: z.string().min(1).describe('What to say to the class before running it.'),
      questions: z.array(z.string()).default([]).describe('Questions to ask the class afterwards.'),
      mirrors: z.string().optional().describe('A course lab or known incident the lesson mirrors.'),
      notice: z
        .array(
          z.strictObject({
            at: z.string().min(1).describe('The state of this scenario\'s machine where it shows, by its name as the chart titles it or its key, or the end of its path (such as "Secure hardware", apps or deviceSetup.apps); a state with states inside it shows it at every step inside.'),
            text: z.string().min(1).describe('What to point out, as a thing to look at rather than the answer to a question (the class does not see it).'),
          }),
        )
        .default([])
        .describe('What to notice: things for the trainer to point out to the class at a state of the run. The presenter\'s view shows each one at the steps in its state, `play`\'s l lists them; the class never sees them.'),
      suggestedFaults: z.array(z.string()).default([]).describe(`Faults to inject during the lesson, by id, as a suggestion: any of ${FAULT_IDS.join(', ')} (the fault panel shows one where it can happen).`),
      compareWith: z
        .string()
        // A change mistyped ('hybird') names the one meant, as a fixed-value field's slip does.
        .refine((v) => comparisonKind(v) !== null, { error: (issue) => `expected ${COMPARE_WITH_EXPECTED}${slipOf(issue.input, CHANGES.map((c) => c.id))}` })
        .optional()
        .describe(`What the studio's Side by side opens on for this lesson: ${COMPARE_WITH_EXPECTED}. Without it, the first change that makes the run differ.`),
    })
    .optional().describe('A lesson for a class: what to say before running it, what to point out as it runs, and what to ask afterwards.'),
});
export type ScenarioFile = z.infer<typeof ScenarioFileSchema>;

/**
 * A Windows release as a number to compare: 1709 as 1709, 20H2 as 2010 (H1 as month 4, H2 as month 10); a version
 * written otherwise counts as a current one (os.version is free text).
 */
export function windowsRelease(version: string): number {
  const m = /^\s*(\d{2})(?:(\d{2})|H([12]))\s*$/i.exec(version);
  if (!m) return Infinity;
  return Number(m[1]) * 100 + (m[2] !== undefined ? Number(m[2]) : m[3] === '1' ? 4 : 10);
}

/** Windows 11's first version, 21H2: the oldest Windows 11 release the notes name (§2.3 T5, 0x81039023). */
const WINDOWS_11_FIRST = windowsRelease('21H2');

/** Cross-field rules the documents state, checked after the field types. */
/**
 * Device preparation's Windows requirement (§7): Windows 11 24H2 or later, or 22H2/23H2 with KB5035942 (March 2024). What
 * falls short, or null when it qualifies; a version string it does not recognise is taken as current.
 */
export function devicePreparationOsShortfall(os: Pick<Environment['os'], 'windows' | 'version' | 'march2024Update'>): 'windows-10' | 'without-update' | 'too-old' | null {
  if (os.windows !== 11) return 'windows-10';
  const m = /^(\d{2})H([12])$/i.exec(os.version.trim());
  if (!m) return null;
  const v = Number(m[1]) * 10 + Number(m[2]);
  if (v >= 242) return null;
  if (v === 222 || v === 232) return os.march2024Update ? null : 'without-update';
  return 'too-old';
}

export const RULES: Array<{ path: Array<string | number> | ((e: Environment) => Array<string | number>); check: (e: Environment) => boolean; message: string | ((e: Environment) => string) }> = [
  {
    // A Windows 10 version (1709, 20H2) on Windows 11 was taken as a current Windows 11: the minimums the notes give per
    // version (§5.1, §4 0x800705B4) are Windows 10's, and Windows 11 has no release before 21H2.
    path: ['os', 'version'],
    check: (e) => !(e.os.windows === 11 && windowsRelease(e.os.version) < WINDOWS_11_FIRST),
    message: (e) => `Windows 11 has no version ${e.os.version.trim()}: its first is 21H2 (expected 21H2, 22H2, 23H2, 24H2 or later); ${e.os.version.trim()} is a Windows 10 version (os.windows: 10)`,
  },
  {
    path: ['profile', 'assignedUserUpnCorrect'],
    check: (e) => e.profile.assignedUserUpnCorrect || e.profile.assignedUser !== null,
    message: "false says the assigned user's UPN is wrong, but no user is assigned (profile.assignedUser is null): set profile.assignedUser to the UPN the import was given (domain §5.7)",
  },
  {
    path: ['profile', 'joinType'],
    check: (e) => !(e.scenario === 'self-deploying' && e.profile.joinType === 'hybrid'),
    message: 'self-deploying supports Entra join only: the profile cannot be hybrid (domain §2.6)',
  },
  {
    // A registered device with a classic profile runs classic Autopilot (§7 coexistence), whose profile may be hybrid; one that is
    // also associated (2026) keeps that profile, which association overrides: device preparation runs and joins Entra.
    path: ['profile', 'joinType'],
    check: (e) => !(e.scenario === 'device-preparation' && e.profile.joinType === 'hybrid' && !hasClassicProfile(e)),
    message: 'device preparation supports Entra join only: it has no hybrid join (domain §7, "Not supported"); profile.joinType hybrid describes only the classic profile of a registered device, which classic Autopilot then runs (unless the device is associated: device preparation, Entra join)',
  },
  {
    // §7 coexistence: classic Autopilot takes a registered device with a profile, in the profile's own mode; the
    // device-preparation machine carries classic user-driven only, so a self-deploying classic profile is its own scenario.
    path: ['profile', 'deploymentMode'],
    check: (e) => !(e.scenario === 'device-preparation' && classicProfileApplies(e) && e.profile.deploymentMode === 'self-deploying'),
    message: 'this registered device has a classic self-deploying profile, which wins over device preparation (domain §7, coexistence): the device self-deploys, with no user sign-in and no device preparation policy. Simulate it as scenario: self-deploying, or make the profile user-driven, associate the device (devicePreparation.associated) or deregister it',
  },
  {
    path: ['profile', 'joinType'],
    // Reset reads the join the device has now, never a profile's: the hybrid asked here ran as Entra join.
    check: (e) => !(e.scenario === 'reset' && e.profile.joinType === 'hybrid'),
    message: 'Autopilot Reset keeps the join the device has now and reads no profile: write it as reset.currentJoin (a hybrid joined device cannot be reset: RESET_HYBRID_UNSUPPORTED, domain §2.8)',
  },
  {
    // §7: device preparation needs Windows 11 24H2, or 22H2/23H2 with KB5035942, and does not support Windows 10. A user-driven
    // device that falls short joins Entra without provisioning (the ordinary OOBE the notes give); for a Cloud PC in automatic
    // mode the notes give no outcome, so the file cannot ask for one.
    path: (e) => (e.os.windows !== 11 ? ['os', 'windows'] : devicePreparationOsShortfall(e.os) === 'without-update' ? ['os', 'march2024Update'] : ['os', 'version']),
    check: (e) => !(e.scenario === 'device-preparation' && e.devicePreparation.mode === 'automatic' && devicePreparationOsShortfall(e.os) !== null),
    message: (e) => {
      const short = devicePreparationOsShortfall(e.os);
      const what = short === 'windows-10' ? 'does not support Windows 10' : short === 'without-update' ? `does not run on Windows 11 ${e.os.version} without KB5035942` : `does not run on Windows 11 ${e.os.version}`;
      const give = short === 'without-update' ? 'give it the March 2024 update (os.march2024Update: true) or 24H2' : 'give it Windows 11 24H2';
      return `device preparation needs Windows 11 (24H2, or 22H2/23H2 with KB5035942) and ${what} (domain §7); in Windows 365 automatic mode the documents give no outcome for a Cloud PC that falls short: ${give}`;
    },
  },
  {
    // §4, §2.3 T5: 0x80070490 is the AMD ASP firmware TPM's, and the SLB9672 is Infineon's discrete chip (firmware 15.22).
    path: ['hardware', 'tpmIssue'],
    check: (e) => !(e.hardware.tpmIssue === 'amd-ftpm-firmware' && e.hardware.tpmVendor !== 'amd') && !(e.hardware.tpmIssue === 'infineon-slb9672' && e.hardware.tpmVendor !== 'discrete'),
    message: (e) =>
      e.hardware.tpmIssue === 'amd-ftpm-firmware'
        ? `amd-ftpm-firmware is the AMD ASP firmware TPM's attestation failure (0x80070490, domain §4), and hardware.tpmVendor is ${e.hardware.tpmVendor}: set tpmVendor: amd`
        : `infineon-slb9672 is Infineon's discrete TPM with firmware 15.22 (domain §4), and hardware.tpmVendor is ${e.hardware.tpmVendor}'s firmware TPM: set tpmVendor: discrete`,
  },
  {
    path: ['profile', 'deploymentMode'],
    check: (e) => !(e.scenario === 'self-deploying' && e.profile.deploymentMode === 'user-driven'),
    message: 'scenario self-deploying needs profile.deploymentMode: self-deploying',
  },
  {
    path: ['profile', 'deploymentMode'],
    check: (e) => !((e.scenario === 'user-driven' || e.scenario === 'pre-provisioned') && e.profile.deploymentMode === 'self-deploying'),
    message: 'user-driven and pre-provisioned run from a user-driven profile (pre-provisioning is its "allow pre-provisioned deployment" setting)',
  },
];

/**
 * Apps a device preparation policy may list: the reading's (§10 #7), except in Windows 365 automatic mode, which came
 * in 2025 with its own documented limit of 25 (§7): the 2024 documents' 10 never applied to it.
 */
export function devicePreparationAppLimit(e: Environment): number {
  return e.devicePreparation.mode === 'automatic' ? 25 : e.readings.devicePreparationAppLimit;
}

/** The first device preparation policy listing an app that breaks a documented limit, and the problem, or null. */
function policyAppProblem(e: Environment): { index: number; message: string } | null {
  if (e.scenario !== 'device-preparation') return null;
  const byName = new Map(e.apps.map((a) => [a.name, a]));
  const limit = devicePreparationAppLimit(e);
  const why = e.devicePreparation.mode === 'automatic' ? 'automatic mode, domain §7' : 'readings.devicePreparationAppLimit';
  for (const [index, p] of e.devicePreparation.policies.entries()) {
    if (p.apps === null) {
      const n = e.apps.filter((a) => a.target === 'device').length;
      if (n > limit) return { index, message: `the policy installs every device-targeted app (${n}), but a device preparation policy lists at most ${limit} apps (domain §7); list the apps it installs` };
      continue;
    }
    if (p.apps.length > limit) return { index, message: `expected at most ${limit} apps in a device preparation policy (${why}), got ${p.apps.length}` };
    for (const name of p.apps) {
      const app = byName.get(name);
      if (!app) return { index, message: `expected the name of an app under apps, got "${name}"` };
      if (app.context !== 'device' || app.target !== 'device') return { index, message: `"${name}" must be assigned to the device group and install in System context (context: device, target: device) to be in a device preparation policy` };
    }
  }
  return null;
}

RULES.push({
  path: (e) => ['devicePreparation', 'policies', policyAppProblem(e)?.index ?? 0, 'apps'],
  check: (e) => policyAppProblem(e) === null,
  message: (e) => policyAppProblem(e)?.message ?? '',
});

/**
 * With blockingApps: selected, the first name in esp.selectedApps that is not under apps but is a slip for one that is
 * (the same but for case, or two edits away), or -1. A name far from every app is an app on the list that is not
 * assigned, which Intune ignores (§3.2); one a letter away is a typo, and the ESP would silently stop waiting for the app.
 */
const misspeltSelectedApp = (e: Environment) =>
  e.esp.blockingApps === 'selected'
    ? e.esp.selectedApps.findIndex((name) => !e.apps.some((a) => a.name === name) && closest(name, e.apps.map((a) => a.name)) !== undefined)
    : -1;

RULES.push({
  path: (e) => ['esp', 'selectedApps', misspeltSelectedApp(e)],
  check: (e) => misspeltSelectedApp(e) < 0,
  message: (e) => {
    const name = e.esp.selectedApps[misspeltSelectedApp(e)]!;
    return `"${name}" is not under apps: did you mean "${closest(name, e.apps.map((a) => a.name))}"? (an app on the list that is not assigned is ignored by the ESP)`;
  },
});

/** The first cross-field rule the environment breaks: the field path and what was expected. */
export function ruleViolation(e: Environment): { path: Array<string | number>; message: string } | null {
  return ruleViolations(e)[0] ?? null;
}

/** Every cross-field rule the environment breaks, in the rules' order (a fleet's validate lists them at once). */
export function ruleViolations(e: Environment): Array<{ path: Array<string | number>; message: string }> {
  return RULES.filter((rule) => !rule.check(e)).map((rule) => ({ path: typeof rule.path === 'function' ? rule.path(e) : rule.path, message: typeof rule.message === 'function' ? rule.message(e) : rule.message }));
}

/** A registered device has a classic profile (assigned, being assigned or deleted since, or the All Devices one), whether or not it applies. */
function hasClassicProfile(env: Environment): boolean {
  const r = env.registration;
  return r.registered && (r.profileStatus !== 'not-assigned' || r.defaultProfile);
}

/** Whether a registered device with a classic profile is taken by classic Autopilot (§1.2, §7 coexistence). */
export function classicProfileApplies(env: Environment): boolean {
  const r = env.registration;
  return r.registered && !env.hardware.motherboardReplaced && (r.profileStatus === 'assigned' || r.defaultProfile) && !env.devicePreparation.associated;
}

/** "Allow pre-provisioned deployment", following the scenario when the file leaves it unset (§2.3 preconditions). */
export function allowsPreProvisioning(e: Environment): boolean {
  return e.profile.allowPreProvisioning ?? e.scenario === 'pre-provisioned';
}

/** The deployment mode of the cloud profile, following the scenario when the file leaves it unset. */
export function profileMode(e: Environment): 'user-driven' | 'self-deploying' {
  return e.profile.deploymentMode ?? (e.scenario === 'self-deploying' ? 'self-deploying' : 'user-driven');
}

// The environment: one typed description of a device and the world around it.
// This file is the one place its fields, types and defaults are declared; the
// defaults describe a healthy user-driven Entra deployment (domain/autopilot.md §2.1).
import { z } from 'zod';
import { DURATION_NAMES } from '../world/durations.ts';
import { catalog } from '../catalog/errors.ts';

import { SCENARIO_IDS, type ScenarioId } from '../../machines/vocabulary.ts';

/** The scenarios (declared once, in machines/vocabulary.ts). */
export const SCENARIOS = SCENARIO_IDS;
export type Scenario = ScenarioId;

export { DurationSchema, type Duration } from '../world/durations.ts';
import { DurationSchema } from '../world/durations.ts';

const probability = z.number().min(0).max(1);

/** Where a calibrated failure strikes: enrollment (MDM), the ESP's device setup, its account setup. */
export const CALIBRATED_PHASES = ['enrollment', 'deviceSetup', 'accountSetup'] as const;
export type CalibratedPhase = (typeof CALIBRATED_PHASES)[number];

export const AppSchema = z.strictObject({
  name: z.string().min(1),
  type: z.enum(['win32', 'msi-lob', 'store', 'm365']).default('win32'),
  context: z.enum(['device', 'user']).default('device'),
  /** Whom the app is assigned to: device groups (device setup) or user groups (account setup). */
  target: z.enum(['device', 'user']).default('device'),
  installMinutes: DurationSchema.default({ triangular: [1, 2, 4] }),
  /** Download size: matters where a fleet's site has limited bandwidth (estimate when unset). */
  sizeMb: z.number().min(0).max(100_000).default(150),
  failureProbability: probability.default(0),
  /** A restart coded inside the installer: the ESP hangs (domain §3.3). */
  rebootInsidePackage: z.boolean().default(false),
  /** A restart Intune handles (return code): allowed in device setup, credentials are asked again (§2.1 U6a). */
  requiresReboot: z.boolean().default(false),
  /** Pre-provisioning: assigned after the technician flow, so the user flow's device setup installs it (§2.4 P4). */
  assignedAfterTechnicianFlow: z.boolean().default(false),
});
export type App = z.infer<typeof AppSchema>;

/** A script in a device preparation policy (System context). */
export const DevicePreparationScriptSchema = z.strictObject({
  name: z.string().min(1),
  runMinutes: DurationSchema.default({ triangular: [0.2, 0.5, 3] }),
  failureProbability: probability.default(0),
});

/** A device preparation policy (domain §7 "Policy settings"). */
export const DevicePreparationPolicySchema = z.strictObject({
  name: z.string().min(1).default('Device preparation'),
  /** Assigned to a user group the signing-in user is in. */
  targetsUser: z.boolean().default(true),
  /** When several policies target the user, the lowest number wins. */
  priority: z.number().int().min(1).max(1000).default(1),
  /** "Minutes allowed before showing installation error": one timer for the whole deployment. */
  timeoutMinutes: z.number().int().min(15).max(720).default(60),
  customMessage: z.string().nullable().default(null),
  /** "Allow users to skip setup after multiple attempts": Continue anyway beside Retry. */
  allowSkip: z.boolean().default(false),
  showDiagnosticsLink: z.boolean().default(true),
  /** Standard: the user is removed from local Administrators before the desktop. */
  accountType: z.enum(['standard', 'administrator']).default('standard'),
  /** "Required setup complete" continues by itself; otherwise the user presses Continue. */
  continueAutomatically: z.boolean().default(false),
  /** Names of apps (from `apps`) the policy installs during the deployment; null: every device-targeted app. At most 25 (10 in the 2024 documents). */
  apps: z.array(z.string().min(1)).max(25).nullable().default(null),
  /** PowerShell scripts, at most 10. */
  scripts: z.array(DevicePreparationScriptSchema).max(10).default([]),
});
export type DevicePreparationPolicy = z.infer<typeof DevicePreparationPolicySchema>;

export const ENDPOINT_GROUPS = [
  'autopilot', 'entra', 'intune', 'tpm-attestation', 'ftpm-ek', 'windows-update', 'ntp', 'store', 'delivery-optimization',
] as const;

export const EnvironmentSchema = z.strictObject({
  scenario: z.enum(SCENARIOS).default('user-driven'),

  hardware: z.strictObject({
    kind: z.enum(['physical', 'vm']).default('physical'),
    /** '2.0-in-1.2-mode': a TPM able to do 2.0 but not switched to it (0x801C03EA, domain §4). */
    tpm: z.enum(['none', '1.2', '2.0', '2.0-in-1.2-mode']).default('2.0'),
    tpmVendor: z.enum(['discrete', 'intel', 'amd', 'qualcomm']).default('discrete'),
    /** Documented TPM firmware problems (domain §2.3 T5). */
    tpmIssue: z.enum(['none', 'intermittent', 'win11-bug', 'vulnerable-firmware', 'amd-ftpm-firmware', 'infineon-slb9672']).default('none'),
    /** First-boot TPM provisioning (key generation) can add more than a minute (§5.2). */
    firstBootTpmProvisioning: z.boolean().default(false),
    vCpus: z.number().int().min(1).max(1024).default(4),
    memoryGb: z.number().min(0.5).max(4096).default(8),
    /** Motherboard or TPM replaced since registration: the hash no longer matches (W49). */
    motherboardReplaced: z.boolean().default(false),
  }).prefault({}),

  os: z.strictObject({
    edition: z.enum(['pro', 'pro-education', 'pro-workstations', 'enterprise', 'education', 'enterprise-ltsc', 'home']).default('enterprise'),
    windows: z.union([z.literal(10), z.literal(11)]).default(11),
    version: z.string().default('24H2'),
    updatedSince2020: z.boolean().default(true).describe('The build has the 2020 cumulative updates that let self-deploying and pre-provisioning succeed with several MDM configurations in Entra (§1.3); false: an older build, which fails with 0xc1036501.'),
    /** KB5035942 (the March 2024 update): what Windows 11 22H2 and 23H2 need for device preparation (§7). */
    march2024Update: z.boolean().default(false),
  }).prefault({}),

  registration: z.strictObject({
    registered: z.boolean().default(true),
    tenant: z.string().min(1).default('contoso.onmicrosoft.com'),
    profileStatus: z.enum(['assigned', 'assigning', 'not-assigned', 'deleted']).default('assigned').describe("The Autopilot profile's status; 'deleted': the assigned profile was deleted without cleanup (event 809, §1.1)."),
    /** A profile assigned to All devices: a registered device with no assignment takes it (§1.2). */
    defaultProfile: z.boolean().default(false),
    /** Already went through self-deploying or pre-provisioning once (the one-time block, §2.3). */
    deployedBefore: z.enum(['none', 'self-deploying', 'pre-provisioned']).default('none'),
    /** Intune record deleted or "Unblock device" used since that deployment. */
    unblocked: z.boolean().default(false),
    /** OEM in the automatic re-enrollment programme (Dell, Dynabook, HP, Lenovo, Surface). */
    oemAutoReenrollment: z.boolean().default(false),
    /** The Entra device object created at import was deleted by hand (0x801C03F3 / 0x80070774). */
    entraObjectDeleted: z.boolean().default(false),
    /** The device sits in two groups carrying different profiles (0x801C03EA cause). */
    conflictingProfiles: z.boolean().default(false),
    /** The device was Entra registered (workplace joined) before it was imported (§8 W63: it shows as registered, not joined). */
    previouslyEntraRegistered: z.boolean().default(false),
    existingEnrollment: z.enum(['none', 'another-user', 'leftover']).default('none').describe("An enrollment already on the device (§4): 'another-user' joined or enrolled it (8018000a \"The device is already enrolled.\"); 'leftover' from a previous enrollment, a cloned image or a leftover certificate (0x8007064c \"The machine is already enrolled.\")."),
  }).prefault({}),

  profile: z.strictObject({
    /** Unset: follows the scenario (self-deploying for self-deploying, user-driven otherwise). */
    deploymentMode: z.enum(['user-driven', 'self-deploying']).optional(),
    joinType: z.enum(['entra', 'hybrid']).default('entra'),
    allowPreProvisioning: z.boolean().default(false),
    skipAdConnectivityCheck: z.boolean().default(false),
    userAccountType: z.enum(['standard', 'administrator']).default('standard'),
    assignedUser: z.string().nullable().default(null),
    hiddenPages: z.array(z.enum(['language', 'keyboard', 'eula', 'privacy', 'change-account'])).default(['eula', 'privacy', 'change-account']),
    /** Self-deploying end state: the sign-in screen, or kiosk autologon (§2.6 S6). */
    kioskAutologon: z.boolean().default(false),
  }).prefault({}),

  esp: z.strictObject({
    /** "Show app and profile configuration progress". */
    enabled: z.boolean().default(true),
    timeoutMinutes: z.number().int().min(1).max(10_000).default(60),
    blockDeviceUse: z.boolean().default(true),
    allowReset: z.boolean().default(false),
    allowContinueAnyway: z.boolean().default(false),
    collectLogs: z.boolean().default(true),
    blockingApps: z.enum(['all', 'selected']).default('all'),
    selectedApps: z.array(z.string()).default([]),
    onlyFailSelectedBlockingAppsInTechnicianPhase: z.boolean().default(true),
    installQualityUpdates: z.boolean().default(false),
    skipUserStatusPage: z.boolean().default(false),
    customMessage: z.string().nullable().default(null),
  }).prefault({}),

  apps: z.array(AppSchema).max(500).prefault([
    { name: 'Company Portal', type: 'store' },
    { name: 'Microsoft 365 Apps', type: 'win32', installMinutes: { triangular: [5, 10, 20] } },
    { name: 'VPN client', type: 'win32' },
  ]),

  network: z.strictObject({
    connection: z.enum(['wired', 'wifi']).default('wired'),
    internet: z.boolean().default(true),
    proxyRequiresAuth: z.boolean().default(false),
    blockedEndpoints: z.array(z.enum(ENDPOINT_GROUPS)).default([]),
    metered: z.boolean().default(false),
    clockSkewMinutes: z.number().min(-100_000).max(100_000).default(0),
  }).prefault({}),

  /** Pre-provisioning: the network where the user runs the user flow, when it differs from the technician's (unset fields follow `network`). */
  userFlowNetwork: z
    .strictObject({
      connection: z.enum(['wired', 'wifi']).optional(),
      internet: z.boolean().optional(),
      proxyRequiresAuth: z.boolean().optional(),
      blockedEndpoints: z.array(z.enum(ENDPOINT_GROUPS)).optional(),
      metered: z.boolean().optional(),
    })
    .default({}),

  identity: z.strictObject({
    userLicensed: z.boolean().default(true),
    /** The two documented symptoms of an unlicensed user (§1.3); 'terms-of-use' is the FAQ's first. */
    unlicensedSymptom: z.enum(['terms-of-use', 'account-not-allowed', 'identifying-hang']).default('terms-of-use').describe('Which of the documented symptoms an unlicensed user meets (§1.3, §4): the MDM terms-of-use error, "This account is not allowed on this phone", or the ESP stuck at Identifying.'),
    mdmUserScope: z.enum(['all', 'some-including-user', 'some-excluding-user', 'none']).default('all'),
    upnSuffixRoutable: z.boolean().default(true),
    userMayJoin: z.boolean().default(true),
    userDeviceCount: z.number().int().min(0).max(100_000).default(2),
    deviceCap: z.number().int().min(1).max(100_000).default(50),
    windowsMdmBlocked: z.boolean().default(false),
    personalEnrollmentBlocked: z.boolean().default(false),
    /** Tenant the user signs into; null means the registration tenant. */
    signInTenant: z.string().nullable().default(null),
    legacyPcAgentInstalled: z.boolean().default(false),
    /**
     * Conditional Access policies that touch the deployment (§1.3, §8 W59):
     * 'blocks-intune-enrollment': a block policy without the Microsoft Intune Enrollment and Microsoft Intune cloud apps excluded;
     * 'compliant-device-for-all-apps': "require a compliant device" for all cloud apps (Intune Enrollment is excluded automatically).
     */
    /** How users sign in: managed (cloud) authentication, or federated through ADFS (§1.3: a pre-assigned user is not enforced). */
    federation: z.enum(['managed', 'adfs']).default('managed'),
    signInMethod: z.enum(['password', 'temporary-access-pass', 'smart-card']).default('password').describe('How the user signs in at OOBE (§1.3): smart card and certificate-based authentication are not supported; a Temporary Access Pass works only with web sign-in, and not for hybrid join or kiosks.'),
    webSignIn: z.boolean().default(false).describe('Web sign-in is enabled (§1.3: needed for a Temporary Access Pass).'),
    invalidCredentialAttempts: z.number().int().min(0).max(10).default(0).describe('How many times the user types a wrong password at the Entra sign-in page before the right one (§2.1 U2: standard Entra retry).'),
    multipleMdmConfigurations: z.boolean().default(false).describe('Entra holds several MDM configurations (§1.3): self-deploying and pre-provisioning fail with 0xc1036501 on builds without the 2020 updates (os.updatedSince2020).'),
    conditionalAccess: z.array(z.enum(['blocks-intune-enrollment', 'compliant-device-for-all-apps'])).max(2).default([]),
  }).prefault({}),

  /** Device configuration policies that conflict with a flow (domain §2.3 T8, §8 W29). */
  policies: z.strictObject({
    /** Any of the four interactive-logon or UAC policies (message title, message text, require WHfB or smart card, UAC credential prompt on the secure desktop) reaches the device. */
    interactiveLogonOrUacConflict: z.boolean().default(false),
    deviceLock: z.boolean().default(false).describe('DeviceLock (password) policies reach the device (§2.1 U6a, §2.6, §3.3): with a restart in device setup autologon fails and only a reset helps; with no restart the user is asked for credentials instead of being signed in; kiosk autologon can break.'),
    exchangeActiveSync: z.boolean().default(false).describe('Exchange ActiveSync policies reach the device (§2.6): they break kiosk autologon.'),
    wlidsvcDisabled: z.boolean().default(false).describe('A policy disables the Microsoft Account Sign-In Assistant (wlidsvc) during the technician flow (§2.3): in the user flow the profile download stops and standard OOBE (EULA, local account) follows.'),
  }).prefault({}),

  hybrid: z.strictObject({
    dcLineOfSight: z.boolean().default(true),
    vpn: z.enum(['none', 'always-on', 'win32-logon', 'user-certificate', 'uwp-plugin', 'directaccess']).default('none'),
    connector: z.strictObject({
      present: z.boolean().default(true),
      active: z.boolean().default(true),
      version: z.string().regex(/^\d+\.\d+\.\d+\.\d+$/, 'a version such as 6.2504.2001.8').default('6.2504.2001.8'),
    }).prefault({}),
    /** "Create computer objects" delegated on the OU to the connector's account. */
    ouRightsDelegated: z.boolean().default(true),
    /** Computers the connector's account has already joined (AD's default quota is 10). */
    computersJoinedByConnector: z.number().int().min(0).max(1e7).default(0),
    domainJoinProfileAssigned: z.boolean().default(true),
    ouDistinguishedName: z.string().nullable().default(null).describe('The Domain Join profile\'s OU (§5.4): a DN such as OU=x,DC=contoso,DC=com, or null for the default Computers container. CN=Computers, an OU without DC=, or quotes make the join fail.'),
    /** A script run during OOBE creates another local administrator account (§8 W61: the user loses the admin rights the profile gives). */
    scriptAddsLocalAdmin: z.boolean().default(false),
  }).prefault({}),

  existingDevices: z.strictObject({
    configMgr: z.boolean().default(true),
    jsonProfile: z.strictObject({
      deploymentMode: z.enum(['user-driven', 'self-deploying', 'pre-provisioned']).default('user-driven'),
      joinType: z.enum(['entra', 'hybrid']).default('entra'),
    }).prefault({}),
    jsonFileName: z.string().default('AutopilotConfigurationFile.json'),
    jsonEncoding: z.enum(['ascii', 'utf-8', 'unicode']).default('ascii'),
    /** The default "Prepare Windows for Capture" step runs sysprep /generalize, which deletes the JSON (§2.7). */
    prepareWindowsForCaptureStep: z.boolean().default(false),
    speedUp: z.boolean().default(false),
    finishWith: z.enum(['restart', 'shutdown']).default('restart'),
  }).prefault({}),

  reset: z.strictObject({
    kind: z.enum(['local', 'remote']).default('remote'),
    winReEnabled: z.boolean().default(true),
    currentJoin: z.enum(['entra', 'hybrid']).default('entra'),
    osCorrupted: z.boolean().default(false),
    uefiLockBaseline: z.boolean().default(false).describe('The security baseline sets "Enable with UEFI Lock" (§2.8 RL5): push-button reset on Windows 10 1909 (os.version) stops with the stop error 0xC000000F [DOC-OLD].'),
    recoveryEnvironmentMessage: z.boolean().default(false).describe('The reset says "Autopilot reset ran into trouble. Could not find the recovery environment" (§2.8 RL4): with WinRE really missing it fails; with WinRE fine, admin credentials let it continue.'),
    /** A sync forced from the portal or the device, instead of waiting for the next check-in. */
    forcedSync: z.boolean().default(false),
    /** Hours since enrollment: sets the check-in cadence (every 3 min, then 15 min, then ~8 h). */
    hoursSinceEnrollment: z.number().min(0).max(1e6).default(72),
  }).prefault({}),

  people: z.strictObject({
    /** Hours from reseal to the user powering the device on (pre-provisioning: at least 1.5, at most ~6 months). */
    hoursBetweenFlows: z.number().min(0).max(1e6).default(48).describe('Hours from reseal to the user powering the device on (§2.4): at least 1.5 (90 minutes, so tokens refresh; the notes give no outcome for less, so a run reports a finding) and within about 6 months (IME certificates).'),
    /** CredentialProviders/DisableAutomaticReDeploymentCredentials = 0 (local reset is off by default). */
    localResetAllowed: z.boolean().default(false),
    /** What the person at an ESP error page or red screen does. */
    onError: z.enum(['give-up', 'retry', 'reset', 'continue']).default('give-up'),
    maxRetries: z.number().int().min(0).max(10).default(1),
  }).prefault({}),

  /** Windows Autopilot device preparation (domain §7): its policies, the device group, and what decides whether it runs. */
  devicePreparation: z.strictObject({
    /** 'user-driven' (Entra join, single user) or 'automatic' (Windows 365 Cloud PCs). */
    mode: z.enum(['user-driven', 'automatic']).default('user-driven'),
    /** The device preparation policies in the tenant; the one that applies targets one of the user's groups, lowest priority number first. */
    policies: z.array(DevicePreparationPolicySchema).max(100).prefault([{}]),
    /** The device group set in the policy: enrollment time grouping adds the device to it. */
    deviceGroup: z.strictObject({
      /** Must be an assigned (static) security group; a dynamic one fails membership updates. */
      membership: z.enum(['assigned', 'dynamic']).default('assigned'),
      /** The Intune Provisioning Client (f1346770-5b25-470b-88bd-d5744ab7952c) is an owner of the group. */
      provisioningClientOwner: z.boolean().default(true),
      /** Role-assignable groups are not allowed. */
      roleAssignable: z.boolean().default(false),
      /** The group was deleted after the policy was saved. */
      deleted: z.boolean().default(false),
    }).prefault({}),
    /** Entra "Registering user is added as local administrator on the device during Microsoft Entra join": All, Selected or None. */
    entraLocalAdmin: z.enum(['all', 'selected', 'none']).default('all'),
    /** The device is associated with device preparation (2026): it runs device preparation even when registered for classic Autopilot. */
    associated: z.boolean().default(false),
    /** A corporate identifier (manufacturer, model, serial) was uploaded for the device. */
    corporateIdentifier: z.boolean().default(false),
    /** Known issue: the ring stays at 100 % until the user restarts by hand (the share of devices it happens to; an estimate, 0 by default). */
    stuckAt100Share: probability.default(0),
    /** Windows 365: a failed or timed-out policy leaves the Cloud PC Failed with no access (onFailureDeviceAccessDenied), instead of Provisioned with warnings. */
    cloudPcAccessDeniedOnFailure: z.boolean().default(false),
  }).prefault({}),

  /** Where Microsoft's documents disagree: the newest reading is the default (domain §10). */
  readings: z.strictObject({
    /** §10 #1: the 2023 tutorial says a hybrid technician flow needs a DC; pre-provision.md (2024) says no. */
    technicianFlowNeedsDc: z.boolean().default(false),
    /** §10 #2: 'No' in "only fail selected blocking apps" — 2026: only blocking apps are attempted; 2022: only blocking apps fail. */
    onlyFailSelectedWording: z.enum(['2026', '2022']).default('2026'),
    /** §10 #7: apps a device preparation policy may list: 25 (2025/26 documents) or 10 (2024). */
    devicePreparationAppLimit: z.union([z.literal(25), z.literal(10)]).default(25),
  }).prefault({}),

  /**
   * Failure rates measured in a tenant's own deployments (written by `calibrate`, src/calibrate):
   * the first time a device reaches the phase, it fails there with the code at this probability.
   * Unset for every hand-written file.
   */
  calibrated: z
    .strictObject({
      failures: z
        .array(
          z.strictObject({
            phase: z.enum(CALIBRATED_PHASES),
            code: z.enum(Object.keys(catalog) as [keyof typeof catalog, ...Array<keyof typeof catalog>]),
            probability: probability,
          }),
        )
        .max(100)
        .default([]),
    })
    .optional(),

  /** Overrides of the default durations (minutes), by name; see src/world/durations.ts. */
  durations: z.partialRecord(z.enum(DURATION_NAMES), DurationSchema).default({}),
});

export type Environment = z.infer<typeof EnvironmentSchema>;
export type EnvironmentInput = z.input<typeof EnvironmentSchema>;

export const STATUSES = ['succeeded', 'failed', 'fell-back-to-oobe', 'stopped'] as const;
export type Status = (typeof STATUSES)[number];

/** A scenario file: an environment plus what it is meant to show. */
export const ScenarioFileSchema = EnvironmentSchema.extend({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  /** Where the description's facts come from (domain sections, seed tables): for the trainer, never shown to a class. */
  references: z.string().optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  expect: z.strictObject({
    status: z.enum(STATUSES),
    errorCode: z.string().optional(),
    failedPhase: z.string().optional(),
    /** The findings the run reports, in order (src/catalog/findings.ts); [] for none. */
    findings: z.array(z.string()).optional(),
  }).optional(),
  /** A lesson for a class: what to say before running it, and what to ask afterwards. */
  lesson: z
    .strictObject({
      title: z.string().min(1),
      introduction: z.string().min(1),
      questions: z.array(z.string()).default([]),
      /** A course lab or known incident the lesson mirrors. */
      mirrors: z.string().optional(),
      /** Faults to inject during the lesson, by id (src/world/faults.ts), as a suggestion. */
      suggestedFaults: z.array(z.string()).default([]),
    })
    .optional(),
});
export type ScenarioFile = z.infer<typeof ScenarioFileSchema>;

/** Cross-field rules the documents state, checked after the field types. */
export const RULES: Array<{ path: Array<string | number> | ((e: Environment) => Array<string | number>); check: (e: Environment) => boolean; message: string | ((e: Environment) => string) }> = [
  {
    path: ['profile', 'joinType'],
    check: (e) => !(e.scenario === 'self-deploying' && e.profile.joinType === 'hybrid'),
    message: 'self-deploying supports Entra join only: the profile cannot be hybrid (domain §2.6)',
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

/** The first device preparation policy listing an app that breaks a documented limit, and the problem, or null. */
function policyAppProblem(e: Environment): { index: number; message: string } | null {
  if (e.scenario !== 'device-preparation') return null;
  const byName = new Map(e.apps.map((a) => [a.name, a]));
  for (const [index, p] of e.devicePreparation.policies.entries()) {
    if (p.apps === null) {
      const n = e.apps.filter((a) => a.target === 'device').length;
      if (n > e.readings.devicePreparationAppLimit) return { index, message: `the policy installs every device-targeted app (${n}), but a device preparation policy lists at most ${e.readings.devicePreparationAppLimit} apps (domain §7); list the apps it installs` };
      continue;
    }
    if (p.apps.length > e.readings.devicePreparationAppLimit) return { index, message: `expected at most ${e.readings.devicePreparationAppLimit} apps in a device preparation policy (readings.devicePreparationAppLimit), got ${p.apps.length}` };
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

/** The first cross-field rule the environment breaks: the field path and what was expected. */
export function ruleViolation(e: Environment): { path: Array<string | number>; message: string } | null {
  for (const rule of RULES) {
    if (rule.check(e)) continue;
    return { path: typeof rule.path === 'function' ? rule.path(e) : rule.path, message: typeof rule.message === 'function' ? rule.message(e) : rule.message };
  }
  return null;
}

/** The deployment mode of the cloud profile, following the scenario when the file leaves it unset. */
export function profileMode(e: Environment): 'user-driven' | 'self-deploying' {
  return e.profile.deploymentMode ?? (e.scenario === 'self-deploying' ? 'self-deploying' : 'user-driven');
}

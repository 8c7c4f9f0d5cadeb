// The contract between the machines and everything else, declared once. Every name a
// machine shares with the world, the engine, the studio and the reports is a const
// union here, so a misspelt or unanswered name fails `tsc` instead of the run.
// This file imports nothing: the catalogue, the machines, the world, the engine and
// every view import it (docs/architecture.md).
//
// How to add things:
// - A WAIT (something a state waits on): add its key to WAITS below, use it as
//   `meta: { waits: '...' }` in a machine, and add its rule to the world's table
//   (`RULES` in src/world/index.ts, a `Record<Wait, Rule>`): `tsc` fails until the
//   world answers it. Its default duration goes in src/environment/durations.ts, by name.
// - A FAILURE MODE (a documented way a wait fails): declare it once in MODES
//   (src/world/failure-modes.ts: the waits, the event, the error id, the cause template,
//   the trigger, whether a trainer can inject it), and have the world's rule for the
//   wait return `w.fail('<mode id>', minutes, params)`. The event type must be one of
//   FAILURE_EVENTS (machines/events.ts) and the error id a key of the catalogue
//   (src/catalog/errors.ts, add it there first).
// - A SCREEN: add it to SCREENS and map it in the studio's screen model
//   (`VIEW_OF` in src/studio/app/screen-model.ts, a `Record<Screen, ScreenKind>`).
// - A PHASE: add it to PHASES (label, short title, in deployment order) and tag the
//   states `phase:<id>`; reports and the studio read the label from here.
// - An EVENT: src/../machines/events.ts (who causes it, and its payload kind).

/** The scenarios, one machine each (machines/index.ts), in the order the documents list them. */
export const SCENARIO_IDS = ['user-driven', 'pre-provisioned', 'self-deploying', 'existing-devices', 'reset', 'device-preparation'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** What a state waits on: the world (src/world/rules.ts) answers each, a person or the network. */
export const WAITS = [
  // OOBE front end (§1.1)
  'network.gate',
  'user.regionAndKeyboard',
  'user.wifi',
  'profile.download',
  'oobe.criticalUpdates',
  'device.restart',
  'oobe.pages',
  // identity (§1.3, §2.1, §2.2)
  'user.signIn',
  'entra.authenticate',
  'entra.userJoin',
  'mdm.userEnroll',
  'connector.odj',
  'dc.ping',
  'user.domainSignIn',
  'user.signOutAndIn',
  'user.reenterCredentials',
  'device.autoSignIn',
  'device.reset',
  // TPM and device-token join (§2.3, §2.6)
  'tpm.attest',
  'entra.deviceJoin',
  'mdm.deviceEnroll',
  // ESP (§3)
  'esp.prepare',
  'esp.preparationBehindDesktop',
  'esp.securityPolicies',
  'esp.certificates',
  'esp.networkConnections',
  'esp.deviceApps',
  'esp.userIdentifying',
  'esp.userApps',
  'wu.quality',
  'user.espError',
  // pre-provisioning (§2.3)
  'technician.redScreen',
  'technician.winKey5',
  'technician.provision',
  'technician.reseal',
  'user.powerOn',
  'kiosk.autologon',
  // existing devices (§2.7): the task sequence's steps, each its own duration
  'admin.deployTaskSequence',
  'ts.winPe',
  'ts.applyOs',
  'ts.deleteUnattend',
  'ts.setupFirstBoot',
  'ts.configMgrTasks',
  'ts.sysprep',
  'ts.setupWithJson',
  // reset (§2.8, §2.9)
  'user.ctrlWinR',
  'user.localAdminSignIn',
  'admin.autopilotReset',
  'intune.checkIn',
  'winre.check',
  'reset.eligibility',
  'reset.pbr',
  'mdm.sync',
  // Autopilot device preparation (§7), user-driven and Windows 365 automatic mode
  'apdp.policy',
  'apdp.deviceGroup',
  'apdp.ime',
  'apdp.localAdmin',
  'apdp.mdmSync',
  'apdp.lobApps',
  'apdp.scripts',
  'apdp.win32Apps',
  'apdp.finish',
  'user.manualRestart',
  'user.requiredSetupContinue',
  'user.apdpError',
  'apdp.postDesktopSync',
  'w365.createVm',
  'w365.join',
  'w365.enroll',
  'w365.statusProvisioned',
  'w365.statusWithWarnings',
  'w365.statusFailed',
] as const;
export type Wait = (typeof WAITS)[number];

/** What the person at the device sees in a state (the studio's screen model maps each to a view). */
export const SCREENS = [
  'off',
  'oobeStart',
  'oobeRegion',
  'oobeNetwork',
  'oobeWorking',
  'oobeUpdates',
  'restarting',
  'oobePages',
  'standardOobe',
  'entraSignIn',
  'esp',
  'espError',
  'espSignOut',
  'technicianRed',
  'technicianGreen',
  'winKey5',
  'preProvisionConfig',
  'qualityUpdates',
  'windowsLogon',
  'desktop',
  'lockScreen',
  'resetSignIn',
  'resetting',
  'taskSequence',
  // Autopilot device preparation (§7): the percentage ring, "Required setup complete", the error; Windows 365's portal
  'devicePreparation',
  'devicePreparationComplete',
  'devicePreparationError',
  'cloudPcStatus',
] as const;
export type Screen = (typeof SCREENS)[number];

/**
 * Phases in the order a deployment meets them, then the service-side ones the catalogue uses
 * (connector, portal). `label` is the report's wording, `title` the studio's short one.
 * States carry them as `phase:<id>` tags; the catalogue's entries name one.
 */
export const PHASES = {
  portal: { label: 'Device registration (Intune portal)', title: 'Portal', machine: false },
  // Waiting too: a remote reset is pending until the device's next Intune check-in (its state is clock:idle).
  checkIn: { label: 'Waiting for the Intune check-in', title: 'Check-in', machine: true, waiting: true },
  reset: { label: 'Autopilot Reset', title: 'Reset', machine: true },
  taskSequence: { label: 'Configuration Manager task sequence', title: 'Task sequence', machine: true },
  // Waiting: a task sequence that ends with a shutdown hands the device over off, until its user turns it on.
  handover: { label: 'Shut down and handed over', title: 'Handover', machine: true, waiting: true },
  oobe: { label: 'OOBE', title: 'OOBE', machine: true },
  // Sign-in in every flow that enrolls; a Microsoft Entra join only where the user's identity joins the device (§2.1 U3): a hybrid
  // flow signs in and enrolls in Intune before the Active Directory join (§2.2 H2-H3).
  identity: { label: 'Sign-in and enrollment', title: 'Identity', machine: true },
  // No one signs in: a self-deploying device, or a technician flow, with the device ESP not shown attests its TPM, joins Entra
  // with the device token and enrolls (§2.3 T5-T7, §2.6 S2-S4) on OOBE's working screen, where no ESP phase shows (§3.2) and
  // the notes name no phase for it [INF].
  deviceJoin: { label: 'Device attestation, join and enrollment', title: 'Device join', machine: true },
  // A pre-provisioned device's user flow signs in without joining or enrolling (the technician flow did both, §2.3 T6-T7):
  // its Entra join user flow's sign-in is §2.4 P2 "Entra sign-in", and a hybrid logon at the Windows logon screen after
  // device setup (§2.2 H8, §2.5 PH3 "ESP dismissed → Windows logon") is "Windows logon" in every hybrid flow.
  entraSignIn: { label: 'Entra sign-in', title: 'Entra sign-in', machine: true },
  hybridJoin: { label: 'Microsoft Entra hybrid join', title: 'Hybrid join', machine: true },
  connector: { label: 'Intune Connector for Active Directory', title: 'Connector', machine: false },
  devicePreparation: { label: 'ESP: device preparation', title: 'Device preparation', machine: true },
  deviceSetup: { label: 'ESP: device setup', title: 'Device setup', machine: true },
  qualityUpdates: { label: 'Quality updates (OOBE)', title: 'Quality updates', machine: true },
  technicianFlow: { label: 'Pre-provisioning (technician flow)', title: 'Technician flow', machine: true },
  // Waiting: the device is off between the flows (its states are clock:idle), so its minutes are
  // elapsed time, not active time; reports say so beside the phase (test/contract/vocabulary.test.ts).
  shipping: { label: 'Reseal and shipping', title: 'Shipping', machine: true, waiting: true },
  windowsLogon: { label: 'Windows logon', title: 'Windows logon', machine: true },
  accountSetup: { label: 'ESP: account setup', title: 'Account setup', machine: true },
  kiosk: { label: 'Kiosk autologon (kioskUser0)', title: 'Kiosk autologon', machine: true },
  // Autopilot device preparation (§7): the failure phases Windows 365 reports, used for user-driven too.
  cloudPc: { label: 'Windows 365: Cloud PC creation, join and enrollment', title: 'Cloud PC', machine: true },
  policyInstallation: { label: 'Device preparation: policy installation', title: 'Policy installation', machine: true },
  appsInstallation: { label: 'Device preparation: apps installation', title: 'Apps installation', machine: true },
  scriptsInstallation: { label: 'Device preparation: scripts installation', title: 'Scripts installation', machine: true },
} as const satisfies Record<string, { label: string; title: string; machine: boolean; waiting?: true }>;
export type Phase = keyof typeof PHASES;
/** Phases in order (the report's tables and charts sort by it). */
export const PHASE_ORDER = Object.keys(PHASES) as Phase[];
/** The phases a machine state can be in (its `phase:*` tag). */
export type MachinePhase = { [P in Phase]: (typeof PHASES)[P]['machine'] extends true ? P : never }[Phase];

/** How a deployment machine ends: its final states (machines/setup.ts `ends()`). The engine writes the one reached into the trace's last step (`end`). */
export const ENDS = ['succeeded', 'failed', 'standardOobe'] as const;
export type End = (typeof ENDS)[number];

/** The three sections of the Enrollment Status Page (§3.1). */
export const ESP_SECTIONS = {
  devicePreparation: 'Device preparation',
  deviceSetup: 'Device setup',
  accountSetup: 'Account setup',
} as const;
export type EspSection = keyof typeof ESP_SECTIONS;

/**
 * The ESP's rows, as the page words them (§3.1), in order within their section. The rows of
 * device setup repeat in account setup. A state that shows a row says so in `meta.row`.
 */
export const ESP_ROWS = {
  securingHardware: { label: 'Securing your hardware', setup: false, index: 0 },
  joiningNetwork: { label: "Joining your organization's network", setup: false, index: 1 },
  registeringMdm: { label: 'Registering your device for mobile management', setup: false, index: 2 },
  preparingMdm: { label: 'Preparing your device for mobile management', setup: false, index: 3 },
  securityPolicies: { label: 'Security policies', setup: true, index: 0 },
  certificates: { label: 'Certificates', setup: true, index: 1 },
  networkConnections: { label: 'Network connections', setup: true, index: 2 },
  apps: { label: 'Apps', setup: true, index: 3 },
} as const satisfies Record<string, { label: string; setup: boolean; index: number }>;
export type EspRow = keyof typeof ESP_ROWS;
export const PREPARATION_ROWS = (Object.keys(ESP_ROWS) as EspRow[]).filter((r) => !ESP_ROWS[r].setup);
export const SETUP_ROWS = (Object.keys(ESP_ROWS) as EspRow[]).filter((r) => ESP_ROWS[r].setup);

/** The ESP's default error text (ESP profile "Show custom message" = No, §3.3). */
export const ESP_DEFAULT_MESSAGE = 'Setup could not be completed. Please try again or contact your support person for help.';

/** Minutes the device ESP's timer gains on a hybrid join (§3.2, §9.1). */
export const HYBRID_ESP_EXTRA_MINUTES = 40;

/** What a state declares for everyone else: what it waits on, the screen, the ESP row it shows, the documentation. */
/** An ESP run (machines/flows/esp.ts): the container state every step inside it belongs to, which of the ESP's halves it is, and how its device preparation section shows (done before, by the device's token, or skipped in a pre-provisioned user flow). */
export interface EspRun {
  /** The container's state id: the steps of one run share it (a retry starts the run again). */
  id: string;
  section: 'device' | 'account';
  preparation?: 'already-done' | 'device-token' | 'skipped';
}

export interface StateMeta {
  waits?: Wait;
  screen?: Screen;
  row?: EspRow;
  /** On an ESP's container state: the run its steps belong to (the engine writes it into every step inside). */
  esp?: EspRun;
  doc?: string;
  /**
   * The phase a state of the user's automatic sign-in (§2.1 U8) is in where the user ESP does not run (SkipUserStatusPage,
   * or the ESP off): account setup begins as the user signs in, but where it is not shown no account setup ran (§2.1 fork).
   */
  phaseWithoutUserEsp?: MachinePhase;
  /** Inside an ESP's container, a state whose steps are not on the ESP (the technician's preparation with the ESP not shown). */
  outsideEsp?: true;
  /** The narration where the device's join is hybrid, in place of the description (which then says the Entra join's). */
  narrationIfHybrid?: string;
}

// Default durations (minutes) for everything the world answers. Values marked
// estimate: true come from domain/autopilot.md §9.2 [GUESS] or are this project's own
// guesses; the others are documented (§9.1). A scenario file overrides any of them
// under `durations:` by name.
import { z } from 'zod';

/** A duration in minutes: a number is fixed; otherwise a distribution (domain §9.2 asks for sampled values). */
const minutesSchema = z.number().nonnegative().max(1e6);
export const DurationSchema = z
  .union([
    minutesSchema,
    z.strictObject({ fixed: minutesSchema.describe('Always this many minutes.') }),
    z.strictObject({ uniform: z.tuple([minutesSchema, minutesSchema]).describe('[min, max]: any value between, equally likely.') }),
    z.strictObject({ triangular: z.tuple([minutesSchema, minutesSchema, minutesSchema]).describe('[min, mode, max]: most often near the mode, never outside min and max.') }),
    z.strictObject({
      lognormal: z
        .strictObject({ median: z.number().positive().max(1e6).describe('Half the devices take less, half more.'), p90: z.number().positive().max(1e6).describe('Nine devices in ten take less.') })
        .describe('A long right tail: {median, p90}.'),
    }),
  ])
  .describe('Minutes: a number (fixed), or a distribution {uniform: [min, max]}, {triangular: [min, mode, max]}, {lognormal: {median, p90}}.')
  .superRefine((d, ctx) => {
    if (typeof d === 'number' || 'fixed' in d) return;
    if ('uniform' in d && d.uniform[0] > d.uniform[1]) ctx.addIssue({ code: 'custom', message: `expected uniform: [min, max] with min <= max, got [${d.uniform.join(', ')}]` });
    if ('triangular' in d && !(d.triangular[0] <= d.triangular[1] && d.triangular[1] <= d.triangular[2]))
      ctx.addIssue({ code: 'custom', message: `expected triangular: [min, mode, max] with min <= mode <= max, got [${d.triangular.join(', ')}]` });
    if ('lognormal' in d && d.lognormal.p90 < d.lognormal.median) ctx.addIssue({ code: 'custom', message: `expected lognormal p90 >= median, got median ${d.lognormal.median} and p90 ${d.lognormal.p90}` });
  });
export type Duration = z.infer<typeof DurationSchema>;

/**
 * What every report says of its minutes (domain §9.2: the documents give few durations, so most defaults are estimates):
 * under the terminal's, Markdown's and HTML's figures, and as `durationsNote` in a fleet report's and simulate's JSON.
 */
export const DURATIONS_NOTE = 'Durations are estimates where the documentation gives none (each default and its source: schema/scenario.schema.json, durations).';

export interface DurationDefault {
  duration: Duration;
  estimate: boolean;
  note: string;
}

const guess = (duration: Duration, note: string): DurationDefault => ({ duration, estimate: true, note });
const doc = (duration: Duration, note: string): DurationDefault => ({ duration, estimate: false, note });

export const DURATIONS = {
  networkDetect: guess({ triangular: [0.1, 0.2, 1] }, 'NCSI detects the wired connection'),
  regionAndKeyboard: guess({ triangular: [0.3, 0.7, 3] }, 'person picks region and keyboard'),
  wifiJoin: guess({ triangular: [0.3, 1, 4] }, 'person picks a Wi-Fi network and types its key'),
  profileDownload: guess({ triangular: [0.03, 0.17, 1] }, '§9.2: 10 s (2-60 s)'),
  criticalUpdateCheck: guess({ triangular: [0.17, 0.5, 2] }, '§9.2: 30 s (10-120 s)'),
  criticalUpdateInstall: guess({ triangular: [2.5, 6.5, 16] }, '§9.2: 8 min (3-20) with its restart; the restart is its own step (restart), so this is the rest'),
  restart: guess({ triangular: [0.5, 1.5, 4] }, '§9.2: each OS restart during OOBE, 1.5 min (0.5-4)'),
  oobePages: guess({ triangular: [0.3, 1, 3] }, 'person reads the language, licence and privacy pages'),
  entraSignIn: guess({ triangular: [0.5, 1, 5] }, '§9.2: Entra sign-in + MFA, 1 min (0.5-5)'),
  entraAuthentication: guess({ triangular: [0.05, 0.2, 1] }, 'credential and tenant check'),
  entraJoin: guess({ triangular: [0.25, 0.75, 2.5] }, '§9.2: Entra join + MDM enrollment 1.5 min (0.5-5), half each'),
  mdmEnrollment: guess({ triangular: [0.25, 0.75, 2.5] }, '§9.2: Entra join + MDM enrollment 1.5 min (0.5-5), half each'),
  tpmAttestation: guess({ triangular: [0.3, 1, 5] }, '§9.2: 1 min (0.3-5)'),
  attestationTimeout: guess({ triangular: [5, 10, 20] }, '§4: 0x800705B4 is a timeout; how long attestation waits before it gives up is not documented'),
  firstBootTpmProvisioning: guess({ triangular: [1, 1.5, 3] }, '§5.2, §9.1: first-boot TPM provisioning can take more than 1 minute (documented: the floor); how much more is not, so 1.5 and 3 are guesses'),
  odjBlob: guess({ triangular: [1, 3, 15] }, '§9.2: ODJ blob round trip 3 min (1-15)'),
  dcPing: guess({ triangular: [0.05, 0.1, 0.5] }, 'ping a domain controller'),
  dcPingTimeout: guess({ triangular: [5, 10, 20] }, 'time before the device gives up at the first sign-in stage (0x80070774); not documented'),
  imeInstall: guess({ triangular: [1, 3, 10] }, '§9.2: IME install + Identifying, 3 min (1-10)'),
  espCategory: guess({ triangular: [0.1, 0.5, 2] }, 'one ESP row: security policies, certificates or network connections'),
  accountSetupIdentifying: guess({ triangular: [0.3, 1, 5] }, 'user tracking list'),
  qualityUpdates: doc({ uniform: [20, 40] }, '§3.2: Windows quality updates add 20-40 min'),
  autoSignIn: guess({ triangular: [0.2, 0.5, 1] }, 'automatic sign-in after the device ESP'),
  domainSignIn: guess({ triangular: [0.5, 1, 3] }, 'Ctrl+Alt+Del and on-premises credentials'),
  signOutAndIn: guess({ triangular: [0.5, 1, 3] }, 'forced sign-out and sign-in at the end of the hybrid user ESP'),
  errorPageDecision: guess({ triangular: [0.5, 2, 10] }, 'person reads the error page and chooses'),
  collectLogs: guess({ triangular: [1, 3, 10] }, 'Collect logs on the ESP error page: the diagnostic logs are gathered and copied to a USB drive (§3.2; no time documented)'),
  technicianAction: guess({ triangular: [0.1, 0.3, 1] }, 'technician presses a key or a button'),
  coManagementClient: guess({ triangular: [3, 8, 20] }, 'co-management: the Configuration Manager client installs, registers and applies co-management policy while the ESP waits (§3.3; no time documented)'),
  kioskAutologon: guess({ triangular: [0.2, 0.5, 1] }, 'kioskUser0 autologon'),
  taskSequenceDeploy: guess({ triangular: [1, 5, 15] }, 'admin deploys the task sequence; the device picks it up'),
  winPe: guess({ triangular: [3, 5, 10] }, 'task sequence: WinPE, format and partition'),
  applyOs: guess({ triangular: [8, 15, 30] }, 'task sequence: apply the image and inject the JSON'),
  deleteUnattend: guess({ triangular: [0.5, 1, 2] }, 'task sequence speed-up: delete unattend.xml'),
  setupFirstBoot: guess({ triangular: [3, 6, 12] }, 'task sequence: first boot, Setup processes unattend.xml, the TS resumes'),
  configMgrTasks: guess({ triangular: [5, 8, 25] }, 'task sequence: ConfigMgr client, extra tasks; §9.2 puts the whole TS at 60 min (30-120), the speed-up about 20 min less (§2.7)'),
  sysprep: guess({ triangular: [2, 3, 6] }, 'task sequence: Sysprep /oobe and restart'),
  setupWithJson: guess({ triangular: [3, 6, 12] }, 'Setup processes AutopilotConfigurationFile.json on the boot before OOBE (both variants)'),
  adminAction: guess({ triangular: [0.5, 1, 3] }, 'admin clicks Autopilot Reset in Intune'),
  localAdminSignIn: guess({ triangular: [0.3, 0.5, 2] }, 'local admin signs in at the Autopilot Reset screen'),
  forcedSync: guess({ triangular: [1, 2, 5] }, 'a sync forced from the portal or the device'),
  winReCheck: guess({ triangular: [0.1, 0.2, 0.5] }, 'WinRE pre-check'),
  pushButtonReset: guess({ triangular: [15, 30, 60] }, '§9.2: Autopilot Reset (PBR) 30 min (15-60)'),
  devicePreparationPolicy: guess({ triangular: [0.05, 0.2, 1] }, 'device preparation: the policy for the user\'s group is looked up and delivered'),
  enrollmentTimeGrouping: guess({ triangular: [0.05, 0.2, 1] }, 'device preparation: the device is added to the policy\'s device group at enrollment'),
  localAdminStep: guess({ triangular: [0.05, 0.1, 0.5] }, 'device preparation: the account type is applied'),
  devicePreparationSync: guess({ triangular: [0.5, 1, 3] }, 'device preparation: the untracked MDM sync'),
  requiredSetupShown: guess({ triangular: [0.1, 0.3, 1] }, 'device preparation: "Required setup complete" until the user presses Continue (or it moves on)'),
  postDesktopSync: guess({ triangular: [2, 5, 15] }, 'device preparation: the sync after the desktop that delivers user-targeted configuration'),
  cloudPcCreate: guess({ triangular: [10, 20, 40] }, 'Windows 365: the Cloud PC agent creates the VM'),
  mdmSync: guess({ triangular: [1, 3, 10] }, 'provisioning packages and the MDM sync gate after a reset'),
} as const satisfies Record<string, DurationDefault>;

export type DurationName = keyof typeof DURATIONS;
export const DURATION_NAMES = Object.keys(DURATIONS) as [DurationName, ...DurationName[]];
/**
 * Each duration's index in DURATION_NAMES: the world keeps an environment's samplers in an array in that order and
 * its rules name a duration as D.name (a property of a constant object: no lookup by name on every draw).
 */
export const D: Readonly<Record<DurationName, number>> = Object.freeze(Object.fromEntries(DURATION_NAMES.map((name, i) => [name, i])) as Record<DurationName, number>);

/** Probabilities the documents describe only as "random", "intermittent" or "may": all estimates, each overridable by name (`chances:`). */
export const CHANCES = {
  criticalUpdateAvailable: 0.3,
  win32MsiClash: 0.5,
  m365HangBesideWin32: 0.1,
  intermittentAttestation: 0.5,
  qualityUpdateRestart: 0.5,
  /** §2.3 T9b: Reset after an ESP failure "can make" attestation fail on the retry. */
  attestationAfterReset: 0.5,
  /** §2.1 U9, §3.2: a user-context script "may not run" during the ESP. */
  userScriptSkipped: 0.5,
  /** §2.6: several restarts during OOBE "can" wipe kiosk autologon's registry values. */
  kioskAutologonWiped: 0.5,
} as const;

export type ChanceName = keyof typeof CHANCES;
export const CHANCE_NAMES = Object.keys(CHANCES) as [ChanceName, ...ChanceName[]];

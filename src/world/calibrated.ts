// The hooks calibration needs in the world (environment `calibrated`, written by src/calibrate):
// failure rates measured in a tenant's own deployments, and how long the model's own steps take
// there. Failures: the first time a device reaches a phase, one draw decides whether it fails
// there and with which code; a retry does not draw again: a failure the tenant's records show
// succeeding on retry (Graph's successOnRetry, `retried`) lets the retry through, any other
// fails it the same way, as the tenant's failed deployments ended failed. Steps: each answer at a wait of a
// calibrated phase (not an app's install) takes its minutes times the phase's factor, which
// draws nothing. Environments without `calibrated` draw nothing, so every other run keeps its
// random stream.
import type { MachinePhase, Wait } from '../catalog/vocabulary.ts';
import { catalog, type ErrorId } from '../catalog/errors.ts';
import type { CalibratedPhase, Environment } from '../environment/schema.ts';

// A twin's failures go with it into another flow (compare --scenarios, an overlay included in another scenario): an app
// that failed in the tenant's ESP fails in device preparation's install step too, and the page the person sees is that
// flow's. A classic twin compared as device preparation showed ESP_APP_FAILED (the ESP's page) where there is no ESP,
// and a device preparation twin compared as user-driven APDP_APP_FAILED on an ESP.
const IN_DEVICE_PREPARATION: Partial<Record<ErrorId, ErrorId>> = { ESP_APP_FAILED: 'APDP_APP_FAILED', ESP_TIMEOUT: 'APDP_TIMEOUT' };
const IN_ESP: Partial<Record<ErrorId, ErrorId>> = { APDP_APP_FAILED: 'ESP_APP_FAILED', APDP_SCRIPT_FAILED: 'ESP_APP_FAILED', APDP_TIMEOUT: 'ESP_TIMEOUT' };

/**
 * What a failure whose record holds no code the catalogue knows is counted under, per phase (src/calibrate reads the
 * tenant's records so): the enrollment's generic page, and the ESP's default page for an app. Neither has a code of its
 * own, so a twin's failure under one of these without the tenant's code (`reportedCode`) came without one.
 */
export const GENERIC: Record<CalibratedPhase, ErrorId> = { enrollment: 'SOMETHING_WENT_WRONG', deviceSetup: 'ESP_APP_FAILED', accountSetup: 'ESP_APP_FAILED' };

interface CalibratedWait {
  phase: CalibratedPhase;
  event: 'mdm.enrollmentFailed' | 'app.failed' | 'script.failed';
  /** The codes of that flow's pages (below). */
  codes?: Partial<Record<ErrorId, ErrorId>>;
  /** Only these codes strike here (a step of its own), drawn once a device, apart from the phase's other codes. */
  only?: readonly ErrorId[];
  /** These codes strike at a later step of the phase (`only` there), not here. */
  except?: readonly ErrorId[];
}

/** The waits at which each calibrated phase is entered, and the event its failure sends. */
export const CALIBRATED_WAITS: Partial<Record<Wait, CalibratedWait>> = {
  'mdm.userEnroll': { phase: 'enrollment', event: 'mdm.enrollmentFailed' },
  'mdm.deviceEnroll': { phase: 'enrollment', event: 'mdm.enrollmentFailed' },
  'esp.deviceApps': { phase: 'deviceSetup', event: 'app.failed', codes: IN_ESP },
  'esp.userApps': { phase: 'accountSetup', event: 'app.failed', codes: IN_ESP },
  // Device preparation has no ESP: its failures at install (the device preparation report's "Failed" rows) strike as
  // its installation starts, with the LOB and Microsoft 365 apps (the first install step, reached even with none), and
  // its scripts' failures at its scripts step (reached even with none), where the report's Phase put them.
  'apdp.lobApps': { phase: 'deviceSetup', event: 'app.failed', codes: IN_DEVICE_PREPARATION, except: ['APDP_SCRIPT_FAILED'] },
  'apdp.scripts': { phase: 'deviceSetup', event: 'script.failed', only: ['APDP_SCRIPT_FAILED'] },
};

/**
 * The machine phases behind each Graph duration: deviceSetupDuration is the time in the device
 * ESP (its device preparation and device setup), accountSetupDuration the time in the user ESP;
 * the enrollment steps (sign-in, Entra join, MDM enrollment, hybrid join, a hybrid device's Windows logon) are the rest of
 * deploymentTotalDuration after the OOBE screens. Windows quality updates run after the device ESP
 * (domain notes §3.2: 'Runs after the ESP at the end of OOBE'), so they are in no calibrated phase:
 * in the total only, and no step factor stretches their documented 20-40 minutes. One
 * place for this fact: the calibration's reading of the model's phases uses it too.
 * Windows Autopilot device preparation has no ESP: its policy's installation (policy, apps and
 * scripts, the phases its deployments report names) stands where the device ESP would, as its
 * failures there do, so a device preparation twin's step factors reach its own steps. Graph records
 * no device setup duration for it (src/calibrate/fit.ts `shown`): the report gives the total only.
 */
export const GRAPH_PHASES: Record<CalibratedPhase, readonly MachinePhase[]> = {
  enrollment: ['identity', 'deviceJoin', 'entraSignIn', 'hybridJoin', 'windowsLogon'],
  deviceSetup: ['devicePreparation', 'deviceSetup', 'policyInstallation', 'appsInstallation', 'scriptsInstallation'],
  accountSetup: ['accountSetup'],
};
const PHASE_OF = new Map<string, CalibratedPhase>(
  (Object.entries(GRAPH_PHASES) as Array<[CalibratedPhase, readonly MachinePhase[]]>).flatMap(([c, ps]) => ps.map((p) => [`phase:${p}`, c] as [string, CalibratedPhase])),
);
/** App installs: their time is the apps' own (fitted separately), not a step of the model; device preparation's too. */
const APP_WAITS: ReadonlySet<Wait> = new Set<Wait>(['esp.deviceApps', 'esp.userApps', 'apdp.lobApps', 'apdp.win32Apps']);

/**
 * The phases only a hybrid join has: the connector's offline domain join and the domain controller's reach (0x80070774),
 * the domain logon after it. A tenant's failures there (a hybrid twin's) cannot strike a device that joins Entra: a
 * what-if of Entra join on a hybrid twin failed 65 of 2,000 devices with 0x80070774, and recommend's "with Entra join
 * instead" rested on it [INF: the catalogue's phase of the code, domain §2.2].
 */
const HYBRID_ONLY: ReadonlySet<string> = new Set<MachinePhase>(['hybridJoin', 'windowsLogon']);

/** A calibrated failure as the world answers it: its code, what the tenant's records show, the event. */
export interface CalibratedFailure {
  code: ErrorId;
  /** What the tenant's records show, in words: '0x80180014 failures', 'failures without an error code'. */
  observed: string;
  event: CalibratedWait['event'] | 'app.hung';
}

/** Where a device is in its phase's tracked apps, at an app's wait of the ESP: the app it is at, of how many. */
export interface AppPosition {
  cursor: number;
  count: number;
}

/**
 * The code a device fails with at `wait`, or null; `decided` holds the draws already made for this device (a phase, or
 * a step of its own within one, such as device preparation's scripts). At an ESP app's wait, `apps` says which app.
 *
 * A failure the tenant's records show succeeding on retry (Graph's successOnRetry: "succeeded after hitting an initial
 * timeout failure") is a first attempt that ran into the ESP's timer: one of the phase's tracked apps, drawn evenly,
 * hangs until the timer ends the attempt, those before it installed; the retry installs it and the rest. It failed
 * the device at the phase's first app, at once: the twin's retried devices spent 41 minutes in device setup (median)
 * where the first attempt alone takes the timeout, 60, and, their progress lost, failed the retry outright in a
 * what-if with more apps (13 apps: 1.3% of devices, 'ESP_TIMEOUT failures that succeeded on retry').
 */
export function calibratedFailure(env: Environment, wait: Wait, decided: Set<string>, u: () => number, hybrid: boolean, apps?: AppPosition): CalibratedFailure | null {
  // An error page ends the attempt: an app drawn to hang later in it no longer does on the retry.
  if (wait === 'user.espError' || wait === 'technician.redScreen') {
    for (const k of decided) if (k.includes('@')) decided.delete(k);
    return null;
  }
  const f = drawn(env, wait, decided, u, hybrid, apps);
  if (f) decided.add(STRUCK);
  return f;
}

/** Marks a device whose attempt a calibrated failure has just ended: its error page is not the model's own timer's. */
const STRUCK = '!';

/**
 * At an error page, whether the person gives up where people.onError says retry: a twin whose tenant's people retried
 * some of the attempts its ESP timer ended and not the rest (`calibrated.timerRetried`) retries that share of the pages
 * its own timer brings. A calibrated failure's page keeps people.onError (a final one fails again on the retry, a retried
 * one goes through). The twin's people retried every page: its own timer's ends all succeeded on retry where the
 * tenant's timer failures were final (73 of its 92 timer ends), so a what-if with 13 apps instead of 7 cost it one point.
 */
export function givesUpAfterTimer(env: Environment, decided: Set<string>, u: () => number): boolean {
  const q = env.calibrated?.timerRetried;
  if (decided.delete(STRUCK) || q === undefined) return false;
  return u() >= q;
}

function drawn(env: Environment, wait: Wait, decided: Set<string>, u: () => number, hybrid: boolean, apps?: AppPosition): CalibratedFailure | null {
  const at = CALIBRATED_WAITS[wait];
  const failures = env.calibrated?.failures;
  const decision = at?.only ? `${at.phase}:${wait}` : at?.phase;
  if (!at || !decision || !failures || failures.length === 0) return null;
  if (apps && decided.has(decision)) {
    // The app drawn to hang in this attempt (below), reached.
    const i = failures.findIndex((_, j) => decided.has(`${decision}@${apps.cursor}@${j}`));
    if (i >= 0) {
      decided.delete(`${decision}@${apps.cursor}@${i}`);
      return hung(failures[i]!, at);
    }
  }
  if (decided.has(decision)) {
    // A retry (people.onError) of a device that failed here: a final failure again, a retried one (or none) not. A hand-
    // written twin whose people retry turned every tenant's failure into a success on retry.
    if (!decided.has(`${decision}#`)) return null;
    const i = failures.findIndex((_, j) => decided.has(`${decision}#${j}`));
    return i >= 0 ? failed(failures[i]!, at) : null;
  }
  const inPhase = failures.filter((f) => f.phase === at.phase && f.probability > 0 && (hybrid || !HYBRID_ONLY.has(catalog[f.code].phase)));
  const here = inPhase.filter((f) => (at.only ? at.only.includes(f.code) : !at.except?.includes(f.code)));
  if (here.length === 0) return null;
  decided.add(decision);
  // A later step's probabilities are of deployments reaching the phase: of those reaching the step, they are that much larger.
  const before = at.only ? inPhase.filter((f) => !at.only!.includes(f.code)).reduce((a, f) => a + f.probability, 0) : 0;
  let x = u() * Math.max(1e-9, 1 - before);
  for (const f of here) {
    if (x < f.probability) {
      if (!f.retried) decided.add(`${decision}#`).add(`${decision}#${failures.indexOf(f)}`);
      else if (apps) {
        const k = Math.floor(u() * Math.max(1, apps.count));
        if (k <= apps.cursor) return hung(f, at);
        decided.add(`${decision}@${k}@${failures.indexOf(f)}`);
        return null;
      }
      return failed(f, at);
    }
    x -= f.probability;
  }
  return null;
}

/** A retried failure's first attempt: the app hangs and the ESP's timer ends the attempt, with the ESP's timeout. */
function hung(f: NonNullable<Environment['calibrated']>['failures'][number], at: CalibratedWait): CalibratedFailure {
  return { ...failed(f, at), event: 'app.hung' };
}

/** How the device fails with `f` at `at`. */
function failed(f: NonNullable<Environment['calibrated']>['failures'][number], at: CalibratedWait): CalibratedFailure {
  // The tenant's own code where the catalogue has none: run's output names what the tenant's devices failed with.
  // It is no catalogue id, so what its page says is not looked up (the outcome's message is empty).
  // `observed`: what the tenant's records show, in words: their code, before a page of another flow stands in for it; for a
  // failure counted under the phase's generic page, that its record held no code (run said 'the tenant's observed
  // ESP_APP_FAILED failures', an app's failure, where Graph had recorded no code at all: the ESP's timeout page gives none).
  const what = f.reportedCode || f.code !== GENERIC[f.phase] ? `${f.reportedCode ?? f.code} failures` : 'failures without an error code';
  return { code: (f.reportedCode ?? at.codes?.[f.code] ?? f.code) as ErrorId, observed: f.retried ? `${what} that succeeded on retry` : what, event: at.event };
}

/**
 * The factor on a step's minutes at `wait`: the calibrated factor of the phase the state is in
 * (its innermost `phase:` tag, as the engine attributes time), 1 for apps and other phases.
 */
export function calibratedStepFactor(env: Environment, wait: Wait, tags: ReadonlySet<string>): number {
  const steps = env.calibrated?.steps;
  if (!steps || APP_WAITS.has(wait)) return 1;
  let phase: CalibratedPhase | undefined;
  let innermost = '';
  for (const t of tags) if (t.startsWith('phase:')) innermost = t;
  phase = PHASE_OF.get(innermost);
  return phase ? (steps[phase] ?? 1) : 1;
}

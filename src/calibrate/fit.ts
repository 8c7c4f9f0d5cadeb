// Fitting the model to what a tenant observed, per scenario and join type. Each Graph duration is
// the sum the model makes of it (src/world/calibrated.ts GRAPH_PHASES): device setup is the model's
// own device ESP steps (IME install, the ESP's rows, device preparation) plus the device apps;
// account setup its own user ESP steps (identifying, rows, sign-ins) plus the user apps; and the
// rest of the total after the OOBE screens the enrollment steps (sign-in, join, MDM enrollment,
// hybrid join). Fitted per phase: a factor on the model's own steps (environment
// `calibrated.steps`) and the apps' install time (a lognormal {median, p90}, the same for every app
// of a kind), together, to the observed quantiles (src/calibrate/steps.ts). Failures: the observed
// share per phase and code, as the probability of failing there given the device got there
// (environment `calibrated.failures`, read by src/world/calibrated.ts).
import type { ErrorId } from '../catalog/errors.ts';
import { simulate, type Outcome } from '../engine/simulate.ts';
import { merge } from '../environment/merge.ts';
import { EnvironmentSchema, type CalibratedPhase, type Environment, type EnvironmentInput } from '../environment/schema.ts';
import { scenarioOverride } from '../fleet/scenarios.ts';
import { Histogram, wilson } from '../fleet/stats.ts';
import { count, min, pct, roundShare } from '../format.ts';
import { HYBRID_ESP_EXTRA_MINUTES } from '../catalog/vocabulary.ts';
import { CALIBRATED_WAITS, GENERIC, GRAPH_PHASES } from '../world/calibrated.ts';
import { DURATION_PROPERTY, DURATIONS, Moments, type Distribution, type DurationKind, type SegmentObservation } from './observe.ts';
import type { Segment } from './graph.ts';
import { durationFlags, ks, profileFlags } from './profiles.ts';
import { bestOfStarts, FACTOR_RANGE, fitSum, MIN_STEP_SAMPLE, type Lognormal, type SumFit, type SumModel } from './steps.ts';

import { profileLabel, type EspProfileUse } from './esp-profile.ts';
import { deploymentProfileSettings, type DeploymentProfileUse } from './deployment-profile.ts';
import { weekFlags } from './weeks.ts';
import { mechanismCaveats } from './mechanisms.ts';
export type { Lognormal };

const Z90 = 1.2815515655446004;

export interface FitOptions {
  /** Device-targeted apps the tenant's ESP tracks (default 5). */
  deviceApps: number;
  /** User-targeted apps the account setup tracks (default 2). */
  userApps: number;
  espTimeoutMinutes: number;
  /** Devices simulated per round of the fit. */
  devices: number;
  seed: number;
}

export const DEFAULT_FIT: FitOptions = { deviceApps: 5, userApps: 2, espTimeoutMinutes: 60, devices: 1000, seed: 1 };

export interface FailureRate {
  phase: CalibratedPhase;
  code: ErrorId;
  /** The tenant's own code, where the catalogue has none (`code` is then the generic id it is counted under). */
  reportedCode?: string;
  /** Deployments observed ending there. */
  observed: number;
  /**
   * Of those counted under the phase's generic id, the ones whose enrollmentFailureDetails held no code at all (the
   * rest had a code the catalogue lacks, too rare to keep apart): what the ESP's timeout page also gives.
   */
  withoutCode?: number;
  /** Its share of all the segment's usable deployments. */
  share: number;
  /** Probability of failing there once the device reaches the phase. */
  probability: number;
}

export interface DurationFit {
  kind: DurationKind;
  observed: { n: number; p50: number | null; p90: number | null };
  simulated: { n: number; p50: number | null; p90: number | null };
  /** Kolmogorov-Smirnov distance between the observed and simulated distributions. */
  ks: number | null;
}

/** A phase's own steps: the fitted factor on the model's defaults, and what it was fitted to. */
export interface StepFit {
  phase: CalibratedPhase;
  /** Factor on the defaults of the model's steps in the phase; null when not fitted (defaults kept). */
  factor: number | null;
  /** The model's own steps in the phase at their defaults, median minutes (without apps). */
  defaultMedian: number | null;
  /**
   * The model's own time in the fitted duration that no factor scales, median minutes, where it has any: the
   * total less both setups holds pre-provisioning's technician flow beside the enrollment steps.
   */
  unscaledMedian?: number;
  /** The observed distribution fitted: device setup, account setup, or the total less both (enrollment). */
  observed: { n: number; p50: number | null; p90: number | null };
  /** Root mean square distance of the fitted quantiles (2%..98%) from the observed ones, minutes. */
  rmse: number | null;
  /** With apps in the phase: the same with the steps at their defaults, and the noise a factor must beat twice. */
  rmseAtDefaults: number | null;
  noise: number | null;
  /** Fitted; kept at the defaults since the data cannot tell the steps from the apps; or not fitted (too few durations). */
  basis: SumFit['basis'];
  /**
   * The enrollment steps fitted to Graph's devicePreparationDuration, where the export gives it, rather than to the total
   * less both setups; a device preparation twin's steps (both phases, one factor) to the report's Deployment time.
   */
  fittedTo?: 'devicePreparationDuration' | 'deploymentTime';
}

export type StepFactors = Partial<Record<CalibratedPhase, number>>;

/** The step fits, device preparation's second phase left out: it holds the same factor as the first (one fit of both). */
export const distinctSteps = (steps: readonly StepFit[]): StepFit[] => steps.filter((st) => !(st.fittedTo === 'deploymentTime' && st.phase !== 'enrollment'));

export interface SegmentFit {
  segment: Segment;
  events: number;
  deviceApps: number;
  userApps: number;
  deviceApp: Lognormal | null;
  userApp: Lognormal | null;
  /**
   * The tenant's ESP does not show account setup (SkipUserStatusPage): most successful deployments
   * have accountSetupStatus notAttempted or disabled, so the twin skips it too.
   */
  skipsAccountSetup: boolean;
  /**
   * The tenant's ESP is not shown at all: most successful deployments have deviceSetupStatus
   * notAttempted or disabled, so the twin's ESP is off (esp.enabled false) and tracks no apps.
   */
  espNotShown: boolean;
  /** The model's own steps per phase (enrollment, device setup, account setup). */
  steps: StepFit[];
  failures: FailureRate[];
  /**
   * Graph's successOnRetry, per phase (code ESP_TIMEOUT, as Graph says: "succeeded after hitting an initial timeout
   * failure"): the probability, once there, of failing the first time and succeeding on the retry, net of what the
   * model's own timer retries there. Where the tenant has any, the twin's people retry once (people.onError), and its
   * other failures stay final (src/world/calibrated.ts).
   */
  retried: FailureRate[];
  /**
   * Per phase, the share of deployments reaching it whose first attempt the model's own ESP timer ends and whose retry
   * succeeds, where the twin retries: the retried probabilities are what the tenant's add to these.
   */
  modelRetried: Partial<Record<CalibratedPhase, number>>;
  /**
   * Of the tenant's deployments its ESP timer ended (its successes on retry, Graph's "after hitting an initial timeout
   * failure", and its failures that lasted the timeout), the share that succeeded on retry: the twin's people retry that
   * share of the attempts its own timer ends (calibrated.timerRetried) and give up at the rest. Absent where the tenant
   * had no retries (its people do not retry) or no such failure (they retried every time).
   */
  timerRetry?: TimerRetry;
  /**
   * Per phase, the share of deployments reaching it that the model fails there on its own, with no
   * calibrated failure (its ESP timer ends those whose fitted apps run past the timeout): the
   * calibrated probabilities are what the tenant's failures add to these.
   */
  modelFailures: Partial<Record<CalibratedPhase, number>>;
  quality: DurationFit[];
  /**
   * The twin's mean minutes before Graph's clock starts (the OOBE screens; an existing device's task sequence too):
   * run, compare and sweep time a deployment from power-on, so their time to desktop is that much above Graph's total.
   */
  beforeEnrollment: number | null;
  /** The ESP timeout the twin runs with: --esp-timeout, else the segment's exported ESP profile's, else the default. */
  espTimeoutMinutes: number;
  /** The tenant's ESP profile the segment's deployments used, where an export of the profiles was given: its settings are the twin's. */
  espProfile: EspProfileUse | null;
  /** The tenant's deployment profile the segment's deployments name most, where an export of the profiles was given: its settings are the twin's profile. */
  deploymentProfile?: DeploymentProfileUse | null;
  /** What the twin's profile is, where the deployments name deployment profiles (deployment-profile.ts deploymentProfileNote). */
  deploymentProfileNote?: string | null;
  /** Where the fit does not follow the tenant's data (its durations, its rates), in words: NOTE_LABEL.flags. */
  flags: string[];
  /**
   * Caveats for a what-if, in words: where the fit holds the tenant's data but a what-if on the twin answers otherwise than the
   * tenant would (its own ESP timer standing in for the tenant's failures with a code; one rate or one ESP setting for a mix
   * of profiles, days or settings; rates resting on few deployments). Not failures to fit: NOTE_LABEL.caveats.
   */
  caveats: string[];
  /**
   * Where the inputs disagree, in words: the exported ESP or deployment profile, or --esp-timeout, against what the
   * deployments did; the twin follows the deployments (but for --esp-timeout, which it takes). NOTE_LABEL.disagreements.
   */
  disagreements: string[];
}

/**
 * The label of each kind of note on a segment, the one place for them in every format (terminal, Markdown, HTML, the twin's
 * comments; --json gives each kind as its own list under these keys). Every note had been labelled 'cannot fit:', a
 * profile disagreeing with the deployments and --esp-timeout given among them, though the fit followed the deployments.
 */
export const NOTE_LABEL = { flags: 'cannot fit', caveats: 'what-if caveat', disagreements: 'inputs disagree' } as const;
export type NoteKind = keyof typeof NOTE_LABEL;
export const NOTE_KINDS = Object.keys(NOTE_LABEL) as NoteKind[];
/** A segment's notes of every kind, in NOTE_KINDS' order, each with its label. */
export const notesOf = (s: Record<NoteKind, readonly string[]>): Array<{ kind: NoteKind; label: string; text: string }> => NOTE_KINDS.flatMap((kind) => s[kind].map((text) => ({ kind, label: NOTE_LABEL[kind], text })));

/** The environment piece of a segment: scenario, join, the fitted apps and failures. */
export function segmentEnvironment(
  segment: Segment,
  fit: Pick<SegmentFit, 'deviceApps' | 'userApps' | 'deviceApp' | 'userApp'> & {
    failures: Array<Pick<FailureRate, 'phase' | 'code' | 'probability' | 'reportedCode'>>;
    /** Failures that succeed on retry (one a phase the tenant had any in); with any (or `retries`), the people retry once. */
    retried?: Array<Pick<FailureRate, 'phase' | 'code' | 'probability'>>;
    retries?: boolean;
    /** The share of its own timer's ends the twin's people retry (the others they give up), where the tenant's people retried some and not others. */
    timerRetry?: TimerRetry;
    steps?: StepFactors | StepFit[];
    skipsAccountSetup?: boolean;
    espNotShown?: boolean;
    /** The tenant's exported ESP profile: its failure behaviour and quality updates (its timeout is `espTimeoutMinutes`). */
    espProfile?: EspProfileUse | null;
    /** The tenant's exported deployment profile: the OOBE pages hidden, the user account type, Skip AD connectivity check. */
    deploymentProfile?: DeploymentProfileUse | null;
  },
  espTimeoutMinutes: number,
): EnvironmentInput {
  const { timeoutMinutes: _, ...fromProfile } = fit.espProfile?.profile.settings ?? { timeoutMinutes: 0 };
  const apps: Array<Record<string, unknown>> = [];
  for (let i = 1; i <= fit.deviceApps; i++) apps.push(fit.deviceApp ? { name: `Calibrated device app ${i}`, type: 'win32', installMinutes: { lognormal: round(fit.deviceApp) } } : { name: `Device app ${i}`, type: 'win32' });
  for (let i = 1; i <= fit.userApps; i++) apps.push({ name: `${fit.userApp ? 'Calibrated user' : 'User'} app ${i}`, type: 'win32', target: 'user', context: 'user', ...(fit.userApp ? { installMinutes: { lognormal: round(fit.userApp) } } : {}) });
  const devicePreparation = segment.scenario === 'device-preparation';
  let env: EnvironmentInput = merge(scenarioOverride(segment.scenario), {
    profile: segment.scenario === 'existing-devices' ? {} : { joinType: segment.joinType, ...deploymentProfileSettings(segment, fit.deploymentProfile) },
    ...(segment.scenario === 'existing-devices' ? { existingDevices: { jsonProfile: { joinType: segment.joinType } } } : {}),
    // Device preparation has no ESP: its policy's "Minutes allowed before showing installation error" (15-720) is the timer.
    ...(devicePreparation
      ? { devicePreparation: { policies: [{ name: 'Calibrated policy', timeoutMinutes: Math.min(720, Math.max(15, Math.round(espTimeoutMinutes))) }] } }
      : { esp: { ...(fit.espNotShown ? { enabled: false } : {}), timeoutMinutes: espTimeoutMinutes, ...(fit.skipsAccountSetup && !fit.espNotShown ? { skipUserStatusPage: true } : {}), ...fromProfile } }),
    apps,
  });
  const failures = [
    ...fit.failures.filter((f) => f.probability > 0).map((f) => ({ phase: f.phase, code: f.code, ...(f.reportedCode ? { reportedCode: f.reportedCode } : {}), probability: f.probability })),
    ...(fit.retried ?? []).filter((f) => f.probability > 0).map((f) => ({ phase: f.phase, code: f.code, probability: f.probability, retried: true as const })),
  ];
  // Graph's successOnRetry: the tenant's people retried at the ESP's error page (once: Graph records no count).
  if (fit.retries || (fit.retried?.length ?? 0) > 0) env = merge(env, { people: { onError: 'retry', maxRetries: 1 } });
  const steps = stepFactors(fit.steps);
  const timerRetried = env.people && fit.timerRetry ? { timerRetried: fit.timerRetry.share } : {};
  if (failures.length || Object.keys(steps).length || 'timerRetried' in timerRetried) env = merge(env, { calibrated: { failures, ...timerRetried, ...(Object.keys(steps).length ? { steps } : {}) } });
  return env;
}

/** The step factors to write: the fitted ones, rounded to 0.01. */
export function stepFactors(steps: StepFactors | StepFit[] | undefined): StepFactors {
  const out: StepFactors = {};
  const entries: Array<[CalibratedPhase, number | null | undefined]> = Array.isArray(steps) ? steps.map((s) => [s.phase, s.factor]) : (Object.entries(steps ?? {}) as Array<[CalibratedPhase, number]>);
  for (const [phase, factor] of entries) {
    if (factor === null || factor === undefined) continue;
    out[phase] = Math.max(0.01, Math.round(factor * 100) / 100);
  }
  return out;
}

/** Minutes rounded to 0.01, and p90 kept strictly above the median. */
function round(l: Lognormal): Lognormal {
  const median = Math.max(0.01, Math.round(l.median * 100) / 100);
  return { median, p90: Math.max(median, Math.round(l.p90 * 100) / 100) };
}

export interface Simulated {
  devices: number;
  succeeded: number;
  durations: Record<DurationKind, { hist: Histogram; moments: Moments }>;
  /** "phase|code" -> devices that failed there (the calibrated phase, as Graph records it: failurePhase). */
  failures: Map<string, number>;
  /** Successful devices' minutes before Graph's deploymentTotalDuration starts: the OOBE screens (and an existing device's task sequence). */
  beforeEnrollment: Moments;
  /** Devices that succeeded on a retry (not first time right), by the phase they first failed in (retriedPhase). */
  retried: Record<CalibratedPhase, number>;
}

/** What the model's devices show in the Graph's terms: device setup, account setup, total. */
export function graphDurations(phaseMinutes: Record<string, number>, totalMinutes: number): Record<DurationKind, number> {
  return {
    // "Time spent in device ESP": its device preparation and device setup (the quality updates after it are in the total).
    deviceSetup: phaseSum(phaseMinutes, 'deviceSetup'),
    // "Time spent in user ESP".
    accountSetup: phaseSum(phaseMinutes, 'accountSetup'),
    // "from enrollment to Desktop screen": the active time less what comes before enrollment: the
    // OOBE screens, and for existing devices the ConfigMgr task sequence that reinstalls Windows
    // (it ends before OOBE, and Intune knows nothing of it).
    total: totalMinutes - (phaseMinutes.oobe ?? 0) - (phaseMinutes.taskSequence ?? 0),
  };
}

/** Minutes a device spent in the machine phases behind a calibrated phase. */
export function phaseSum(phaseMinutes: Record<string, number>, phase: CalibratedPhase): number {
  let m = 0;
  for (const p of GRAPH_PHASES[phase]) m += phaseMinutes[p] ?? 0;
  return m;
}

/** Simulate `devices` devices of one environment and collect the Graph's durations. */
export function simulateEnvironment(input: EnvironmentInput, devices: number, seed: number): Simulated {
  const env = EnvironmentSchema.parse(input);
  const out: Simulated = { devices, succeeded: 0, durations: { deviceSetup: empty(), accountSetup: empty(), total: empty() }, failures: new Map(), beforeEnrollment: new Moments(), retried: { enrollment: 0, deviceSetup: 0, accountSetup: 0 } };
  for (let i = 0; i < devices; i++) {
    const o = simulate(env, { seed, index: i, trace: false }).outcome;
    if (o.status !== 'succeeded') {
      const key = `${failurePhase(env, o, seed, i)}|${o.errorCode ?? o.status}`;
      out.failures.set(key, (out.failures.get(key) ?? 0) + 1);
      continue;
    }
    out.succeeded++;
    // As the tenant's durations are read (observe.ts): those of first-time successes.
    if (!o.firstTimeRight) {
      out.retried[retriedPhase(env, seed, i)]++;
      continue;
    }
    const d = graphDurations(o.phaseMinutes, o.totalMinutes);
    out.beforeEnrollment.add(o.totalMinutes - d.total);
    for (const k of DURATIONS) {
      // Graph has no account setup duration for a user ESP not shown (notAttempted), nor for one the flow has not.
      if (k !== 'total' && !shown(env, k)) continue;
      if (k === 'accountSetup' && d[k] === 0) continue;
      out.durations[k].hist.add(d[k]);
      out.durations[k].moments.add(d[k]);
    }
  }
  return out;
}
const empty = () => ({ hist: new Histogram(), moments: new Moments() });

/** Kolmogorov-Smirnov distance of two histograms on the same bins, to three places. */
export function ksDistance(a: Histogram, b: Histogram): number | null {
  if (a.n === 0 || b.n === 0) return null;
  return Math.round(ks(a, b) * 1000) / 1000;
}

const MIN_SAMPLE = 5;
/** The apps' install time where a phase takes no longer than the model's own steps: almost none. */
const NO_APP_TIME: Lognormal = { median: 0.01, p90: 0.02 };

/** Lognormal of one app from the mean and variance each of `count` apps adds. */
function fromMoments(mean: number, variance: number): Lognormal {
  const s2 = Math.log(1 + variance / (mean * mean));
  const median = mean * Math.exp(-s2 / 2);
  return { median, p90: median * Math.exp(Z90 * Math.sqrt(s2)) };
}


/** A simulated failure's machine phase as the calibrated phase Graph's statuses name. */
export function calibratedPhaseOf(phase: string): CalibratedPhase {
  return DEVICE_SETUP_PHASES.has(phase) ? 'deviceSetup' : phase === 'accountSetup' ? 'accountSetup' : 'enrollment';
}

/** How the world begins the cause of a calibrated failure (src/world/index.ts calibratedAnswer). */
const CALIBRATED_CAUSE = 'calibrated:';

/**
 * Where Graph records a simulated device's failure. The model's own, by the machine phase it failed in; a calibrated
 * failure, where the tenant's records put the failures it stands for: at the phase of the step it struck at
 * (src/world/calibrated.ts CALIBRATED_WAITS). A self-deploying or pre-provisioned device joins and enrolls inside the
 * device ESP, so a self-deploying tenant's enrollment failures (0x800705B4) struck at its enrollment step were counted
 * at device setup, and the backtest showed each twice: observed at enrollment, simulated 0, and again at device setup,
 * observed 0. Only the device's calibrated failure is replayed (with its trace) to find the step: one in twenty or so.
 */
export function failurePhase(env: Environment, o: Outcome, seed: number, index: number): CalibratedPhase {
  const byMachine = calibratedPhaseOf(o.failedPhase ?? o.status);
  if (!o.cause?.startsWith(CALIBRATED_CAUSE)) return byMachine;
  const trace = simulate(env, { seed, index, trace: true }).trace ?? [];
  const at = trace.findIndex((e) => e.cause === o.cause);
  const wait = at > 0 ? trace[at - 1]!.wait : undefined;
  return (wait && CALIBRATED_WAITS[wait]?.phase) || byMachine;
}
/**
 * Machine phases whose failures Graph (or the device preparation report) records at device setup: the ESP's, and
 * device preparation's policy, apps and scripts installation, where its calibrated failures strike
 * (src/world/calibrated.ts) and its timer ends a deployment.
 */
const DEVICE_SETUP_PHASES: ReadonlySet<string> = new Set(['deviceSetup', 'devicePreparation', 'technicianFlow', 'qualityUpdates', 'policyInstallation', 'appsInstallation', 'scriptsInstallation']);
/** The timer's codes: the ESP's, and a device preparation policy's. Neither has a code on its page. */
export const TIMER_CODES: ReadonlySet<string> = new Set(['ESP_TIMEOUT', 'APDP_TIMEOUT']);

/**
 * Scale the observed failure probabilities of each phase so that, with what the model fails there
 * on its own (p_model), they give the observed rate: p_cal = (p_obs - p_model) / (1 - p_model),
 * shared among the phase's codes as observed. Returns p_model per phase; flags a model that fails
 * more than the tenant there (beyond twice the sampling error of both rates, and by a point or more).
 */
function netOfModel(failures: FailureRate[], own: Simulated, obs: SegmentObservation, flags: string[], caveats: string[]): Partial<Record<CalibratedPhase, number>> {
  const modelFailed: Record<CalibratedPhase, number> = { enrollment: 0, deviceSetup: 0, accountSetup: 0 };
  for (const [key, n] of own.failures) modelFailed[calibratedPhaseOf(key.split('|')[0]!)] += n;
  const out: Partial<Record<CalibratedPhase, number>> = {};
  let reachingModel = own.devices;
  let reachingObserved = obs.events;
  for (const phase of ['enrollment', 'deviceSetup', 'accountSetup'] as const) {
    const pModel = reachingModel > 0 ? modelFailed[phase] / reachingModel : 0;
    const here = failures.filter((f) => f.phase === phase);
    const observedHere = here.reduce((a, f) => a + f.observed, 0);
    const pObs = reachingObserved > 0 ? observedHere / reachingObserved : 0;
    if (pModel > 0) {
      out[phase] = r4(pModel);
      // The model's own failures are its ESP timer's: they stand first for the tenant's failures that
      // could be the timer (timed out, or no code), and only what is left over is taken from the
      // failures with a code, in proportion. Taken from all in proportion, a tenant's 0x801C03F3 lost
      // half its rate to the model's timeouts beside as many failures without a code.
      const uncodedOf = (f: FailureRate) => (TIMER_CODES.has(f.code) ? f.observed : (f.withoutCode ?? 0));
      const uncoded = here.reduce((a, f) => a + uncodedOf(f), 0) / Math.max(1, reachingObserved);
      const coded = pObs - uncoded;
      const uncodedLeft = Math.max(0, uncoded - pModel);
      const codedLeft = Math.max(0, coded - Math.max(0, pModel - uncoded));
      for (const f of here) {
        const u = uncodedOf(f) / Math.max(1, reachingObserved);
        const c = f.observed / Math.max(1, reachingObserved) - u;
        const share = (uncoded > 0 ? (u * uncodedLeft) / uncoded : 0) + (coded > 0 ? (c * codedLeft) / coded : 0);
        f.probability = pObs > 0 && pModel < 1 ? r4(share / (1 - pModel)) : 0;
      }
      // Both rates are samples: the observed one of the tenant, the model's of its simulated devices.
      const se = Math.sqrt((reachingObserved > 0 ? Math.max(pObs * (1 - pObs), 1 / reachingObserved) / reachingObserved : 0) + (pModel * (1 - pModel)) / reachingModel);
      // Beyond both samples' noise, and by a point or more (a model timing out 0.2% where none was seen is no finding).
      // What the twin's timer does to a what-if: lengthen the timeout (or take apps away) and the twin saves the deployments
      // its timer ended, the tenant at most those it saw time out or fail without a code. A user-driven tenant whose
      // timer-like failures were 2.9% got a twin whose timer ended 4.8%: a 60 to 120-minute ESP timeout gained 4.0 points on
      // the twin where the tenant's durations gave 2.1, and nothing said the gain was high.
      const timer = obs.segment.scenario === 'device-preparation' ? "device preparation policy's timeout" : 'ESP timeout';
      const saves = (tenant: number, code: string) => (TIMER_CODES.has(code) ? `; a what-if that lengthens the ${timer} or takes apps away can save the twin up to ${pct(r4(pModel))} of deployments there, where the tenant's had at most ${pct(r4(tenant))} to save` : '');
      if (pModel - pObs > Math.max(2 * se, 0.01)) {
        const top = [...own.failures].filter(([k]) => calibratedPhaseOf(k.split('|')[0]!) === phase).sort((a, b) => b[1] - a[1])[0]![0].split('|')[1]!;
        flags.push(`${PHASE_LABEL[phase]}: the model fails ${pct(r4(pModel))} of deployments there on its own (${top}), more than the ${pct(r4(pObs))} observed: the fitted steps and apps end more deployments than the tenant's do${saves(pObs, top)}`);
      } else if (pModel - uncoded > Math.max(2 * Math.sqrt(Math.max(uncoded, 1 / Math.max(1, reachingObserved)) / Math.max(1, reachingObserved) + (pModel * (1 - pModel)) / reachingModel), 0.01)) {
        // The rate stays the tenant's, but the timer stands in for failures the tenant saw with a code: the twin's failure
        // table (run's, compare's) then puts a timeout first where the tenant had none.
        const given = here.filter((f) => uncodedOf(f) < f.observed).map((f) => `${f.reportedCode ?? f.code}: observed ${pct(r4(f.observed / Math.max(1, reachingObserved)))}, the twin's ${pct(r4(f.probability * (1 - pModel)))}`);
        caveats.push(`${PHASE_LABEL[phase]}: the model's timer ends ${pct(r4(pModel))} of deployments there on its own, where the tenant's timed out or failed without a code in ${pct(r4(uncoded))}: the twin fails that much less with the tenant's codes (${given.join('; ')}), so that its rate stays the tenant's, and its failures put the timer where the tenant had its own codes${saves(uncoded, 'ESP_TIMEOUT')}`);
      }
    }
    reachingModel -= modelFailed[phase];
    reachingObserved -= observedHere;
  }
  return out;
}

const DEVICE_PHASES = ['enrollment', 'deviceSetup', 'accountSetup'] as const;

/** The deployments of a segment that reached each phase: all, less those that ended before it. */
function reachingOf(obs: SegmentObservation): Record<CalibratedPhase, number> {
  const byPhase = (phase: CalibratedPhase) => [...obs.failures].filter(([k]) => k.startsWith(`${phase}|`)).reduce((a, [, v]) => a + v, 0);
  return {
    enrollment: obs.events,
    deviceSetup: obs.events - byPhase('enrollment'),
    accountSetup: obs.events - byPhase('enrollment') - byPhase('deviceSetup'),
  };
}

/**
 * Where a device that succeeded on a retry first failed, as the calibrated phase: replayed with its trace (only such a
 * device, one in twenty or so), the phase of the wait before its first error page.
 */
function retriedPhase(env: Environment, seed: number, index: number): CalibratedPhase {
  const trace = simulate(env, { seed, index, trace: true }).trace ?? [];
  const at = trace.findIndex((e) => e.code);
  const wait = at > 0 ? trace[at - 1]!.wait : undefined;
  return (wait && CALIBRATED_WAITS[wait]?.phase) || calibratedPhaseOf(String(trace[at]?.phase ?? 'deviceSetup'));
}

/** Failure rates of a segment: shares of all its deployments, and the probability once the phase is reached. */
export function failureRates(obs: SegmentObservation): FailureRate[] {
  const reaching = reachingOf(obs);
  // The tenant's own codes the catalogue lacks stay themselves, the most frequent first, up to REPORTED_CODES a
  // segment (the twin's failures hold at most 100 entries); the rarer ones are counted under their generic id.
  const counts = new Map<string, number>();
  const reported = [...obs.failures].filter(([k]) => k.split('|').length > 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = new Set(reported.slice(0, REPORTED_CODES).map(([k]) => k));
  for (const [key, n] of obs.failures) {
    const k = key.split('|').length > 2 && !kept.has(key) ? key.split('|').slice(0, 2).join('|') : key;
    counts.set(k, (counts.get(k) ?? 0) + n);
  }
  // Failures without a code (timed out, or no code in the details) are counted under the generic id with the rarer codes.
  const timerObserved = (phase: CalibratedPhase) => [...counts].filter(([k]) => k.startsWith(`${phase}|`) && TIMER_CODES.has(k.split('|')[1]!)).reduce((a, [, v]) => a + v, 0);
  return [...counts]
    .map(([key, n]) => {
      const [phase, code, reportedCode] = key.split('|') as [CalibratedPhase, ErrorId, string | undefined];
      const withoutCode = code === GENERIC[phase] && !reportedCode ? Math.max(0, Math.min(n, obs.timeoutLike[phase] - timerObserved(phase))) : 0;
      return { phase, code, ...(reportedCode ? { reportedCode } : {}), observed: n, ...(withoutCode ? { withoutCode } : {}), share: r4(n / obs.events), probability: reaching[phase] > 0 ? r4(n / reaching[phase]) : 0 };
    })
    .sort((a, b) => b.observed - a.observed || (failureName(a) < failureName(b) ? -1 : 1));
}
/** The tenant's codes kept as themselves in a segment's twin. */
const REPORTED_CODES = 20;
/** A failure's key, and the code it is shown by: the tenant's own where the catalogue has none. */
export const failureName = (f: { phase: string; code: string; reportedCode?: string }) => `${f.phase}|${f.reportedCode ?? f.code}`;
const r4 = roundShare;
const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * A distribution-free interval for the median of the durations `h` holds: the order statistics X(j) and X(n+1-j) with the
 * largest j that holds the median 95 times in 100, or, where none does (5 durations or fewer), the shortest and longest,
 * with how often they hold it (93.8 times in 100 for 5).
 */
export function medianInterval(h: Histogram): { lo: number; hi: number; coverage: number } {
  const n = h.n;
  let term = 2 ** -n; // P(Bin(n, 1/2) = j - 1)
  let below = term; // P(Bin(n, 1/2) <= j - 1)
  let j = 1;
  while (j + 1 <= (n + 1) / 2) {
    const next = (term * (n - j + 1)) / j;
    if (1 - 2 * (below + next) < 0.95) break;
    below += next;
    term = next;
    j++;
  }
  return { lo: h.quantile((j - 0.5) / n)!, hi: h.quantile((n + 0.5 - j) / n)!, coverage: 1 - 2 * below };
}

/**
 * The apps' install time fitted to fewer than MIN_STEP_SAMPLE durations of their phase, said with how little it rests
 * on: a pilot's 5 device setups gave 'median 2.07 min, p90 2.91' a device app, stated as closely as 5,000 would, and the
 * caveat beside it spoke of the success rate alone, where a what-if on the apps or the ESP's timeout turns on them.
 */
function fewForApps(label: string, h: Histogram, apps: number, kind: 'device' | 'user', app: Lognormal | null): string[] {
  if (!app || app === NO_APP_TIME || apps === 0 || h.n >= MIN_STEP_SAMPLE) return [];
  const { lo, hi, coverage } = medianInterval(h);
  return [`${label}: the ${apps} ${kind} app${apps === 1 ? "'s" : "s'"} install time (median ${app.median} min, p90 ${app.p90}${apps === 1 ? '' : ' each'}) is fitted to ${h.n} ${label} durations, fewer than ${MIN_STEP_SAMPLE}, whose median, ${min(h.quantile(0.5))} min, lies between ${min(lo)} and ${min(hi)} min ${(coverage * 100).toFixed(1)} times in 100 (${h.n <= 5 ? 'the shortest and the longest of them' : 'their order statistics'}): the apps' install time moves with it, and a what-if on the apps or the timeout is as unsure`];
}

/**
 * A failure's share of the segment's deployments with its 95% interval (Wilson's), where it rests on fewer than
 * MIN_STEP_SAMPLE failures, or null: '2 (8.0% of deployments; probability 0.0648 once there)' read as closely as 2,000
 * would, where 2 of 25 is anywhere from 2.2% to 25.0%.
 */
export function fewFailures(observed: number, deployments: number): string | null {
  if (observed >= MIN_STEP_SAMPLE || deployments === 0) return null;
  const [lo, hi] = wilson(observed, deployments).map(r4) as [number, number];
  return `95% interval of the share ${pct(lo)}–${pct(hi)}, from ${count(observed)} failure${observed === 1 ? '' : 's'}`;
}

/** The model's own steps of a segment, per successful device, at their defaults (no apps, no failures). */
export interface StepSamples {
  deviceSetup: Float64Array;
  accountSetup: Float64Array;
  enrollment: Float64Array;
  /** The total after the OOBE screens less the three: steps no factor touches (a technician flow). */
  rest: Float64Array;
}

export function stepSamples(segment: Segment, espTimeoutMinutes: number, devices: number, seed: number, skipsAccountSetup = false, espNotShown = false, espProfile: EspProfileUse | null = null): StepSamples {
  const env = EnvironmentSchema.parse(segmentEnvironment(segment, { deviceApps: 0, userApps: 0, deviceApp: null, userApp: null, failures: [], skipsAccountSetup, espNotShown, espProfile }, espTimeoutMinutes));
  const cols = { deviceSetup: [] as number[], accountSetup: [] as number[], enrollment: [] as number[], rest: [] as number[] };
  for (let i = 0; i < devices; i++) {
    const o = simulate(env, { seed, index: i, trace: false }).outcome;
    if (o.status !== 'succeeded') continue;
    const d = graphDurations(o.phaseMinutes, o.totalMinutes);
    const e = phaseSum(o.phaseMinutes, 'enrollment');
    // A phase Graph records no duration for (the ESP off, or its account setup not shown) is part of the tenant's
    // total less device and account setup, as the steps' minutes the model spends there are.
    const dev = shown(env, 'deviceSetup') ? d.deviceSetup : 0;
    const acc = shown(env, 'accountSetup') ? d.accountSetup : 0;
    if (shown(env, 'deviceSetup')) cols.deviceSetup.push(dev);
    if (acc > 0) cols.accountSetup.push(acc);
    cols.enrollment.push(e);
    cols.rest.push(Math.max(0, d.total - dev - acc - e));
  }
  return { deviceSetup: Float64Array.from(cols.deviceSetup), accountSetup: Float64Array.from(cols.accountSetup), enrollment: Float64Array.from(cols.enrollment), rest: Float64Array.from(cols.rest) };
}

/** Whether Graph records a duration for the phase with this ESP profile: not when the ESP is off, nor for an account setup it skips. */
export const shown = (env: Environment, phase: 'deviceSetup' | 'accountSetup'): boolean => env.scenario !== 'device-preparation' && env.esp.enabled && (phase === 'deviceSetup' || !env.esp.skipUserStatusPage);

const median = (xs: Float64Array): number | null => (xs.length ? Float64Array.from(xs).sort()[Math.floor((xs.length - 1) / 2)]! : null);

/** Fit one segment. Deterministic: the same observations and options give the same fit. */
export function fitSegment(obs: SegmentObservation, options: FitOptions = DEFAULT_FIT, espProfile: EspProfileUse | null = null, deploymentProfile: DeploymentProfileUse | null = null): SegmentFit {
  const flags: string[] = [];
  const failures = failureRates(obs);
  const dev = obs.durations.deviceSetup;
  const acc = obs.durations.accountSetup;
  const fit: SegmentFit = {
    segment: obs.segment,
    events: obs.events,
    deviceApps: options.deviceApps,
    userApps: options.userApps,
    deviceApp: null,
    userApp: null,
    skipsAccountSetup: false,
    espNotShown: false,
    steps: [],
    failures,
    modelFailures: {},
    retried: [],
    modelRetried: {},
    quality: [],
    beforeEnrollment: null,
    espTimeoutMinutes: options.espTimeoutMinutes,
    espProfile: obs.segment.scenario === 'device-preparation' ? null : espProfile,
    deploymentProfile: obs.segment.scenario === 'device-preparation' ? null : deploymentProfile,
    flags,
    caveats: [],
    disagreements: [],
  };
  // A pilot of a few devices: one failure in three is a probability of 0.33 in the twin, so the
  // rates are given with how little they rest on.
  if (obs.events < MIN_STEP_SAMPLE) {
    const [lo, hi] = wilson(obs.succeeded, obs.events).map(r4) as [number, number]; // as the backtest rounds its interval
    fit.caveats.push(`${obs.events} deployment${obs.events === 1 ? '' : 's'}, fewer than ${MIN_STEP_SAMPLE}: the success rate (${pct(r4(obs.succeeded / obs.events))}, 95% interval ${pct(lo)}–${pct(hi)}) and the failure probabilities rest on too few to hold for the tenant`);
  }
  // An export of failures alone (Graph's $filter on deploymentState, the admin center's status filter): its twin fails every
  // device with probability 1 and its durations are the model's defaults, and the report and the backtest, agreeing with the
  // export at 0.0%, said nothing of it.
  if (obs.events > 0 && obs.succeeded === 0) {
    fit.caveats.push(`none of the ${count(obs.events)} deployment${obs.events === 1 ? '' : 's'} succeeded: the twin fails every device, and no what-if on it saves one; an export filtered to failures (Graph's $filter on deploymentState, the admin center's status filter) gives such a twin: export every deployment and calibrate that`);
  }
  const timeout = options.espTimeoutMinutes;
  if (obs.segment.scenario === 'device-preparation') {
    fitDevicePreparation(obs, options, fit);
    return finish(obs, fit, options);
  }
  // The model's own steps, without any app: twice the devices of a round (they are reused by every trial of the fit).
  let base = stepSamples(obs.segment, timeout, 2 * options.devices, options.seed, false, false, fit.espProfile);
  // Graph says notAttempted (or disabled) for an account setup the ESP did not show: when most of
  // the successes of a flow that has one say so, the ESP profile skips it (SkipUserStatusPage), and
  // a twin that ran it (with the user apps at their default time) took ten minutes longer than the
  // tenant's total.
  // The same for the whole ESP: a device setup not shown in most successes is an ESP profile with
  // the ESP off; the twin's total is then the model's flow without it.
  if (obs.succeeded > 0 && obs.deviceSetupNotRun > obs.succeeded / 2) {
    fit.espNotShown = true;
    fit.deviceApps = 0;
    fit.userApps = 0;
    base = stepSamples(obs.segment, timeout, 2 * options.devices, options.seed, false, true, fit.espProfile);
    if (obs.succeeded - obs.deviceSetupNotRun >= Math.max(MIN_SAMPLE, 0.05 * obs.succeeded)) {
      fit.caveats.push(`device setup: not shown in ${count(obs.deviceSetupNotRun)} of ${count(obs.succeeded)} successful deployments (deviceSetupStatus notAttempted or disabled), shown in the other ${count(obs.succeeded - obs.deviceSetupNotRun)}: the twin's ESP is off for all, as most of the tenant's ESP profiles have it`);
    }
  } else if (obs.deviceSetupNotRun >= Math.max(MIN_SAMPLE, 0.05 * obs.succeeded)) {
    fit.caveats.push(`device setup: not shown in ${count(obs.deviceSetupNotRun)} of ${count(obs.succeeded)} successful deployments (deviceSetupStatus notAttempted or disabled): the twin shows the ESP for all, as most of the tenant's ESP profiles do`);
  }
  if (!fit.espNotShown && base.accountSetup.length > 0 && obs.succeeded > 0 && obs.accountSetupNotRun > obs.succeeded / 2) {
    fit.skipsAccountSetup = true;
    base = stepSamples(obs.segment, timeout, 2 * options.devices, options.seed, true, false, fit.espProfile);
  }
  // Why the twin takes one side for all: the ESP profiles most deployments ran with, unless the rows without account setup
  // are (some of) pre-provisioned devices' technician rows beside their user rows (flagged below): it had said 'as most of
  // the tenant's ESP profiles do' of a tenant whose 80 technician rows and 80 user rows were the cause, beside the flag
  // that said so, and 'most' of an even split.
  const technicianRows = obs.technicianAndUserRows;
  const why = technicianRows > 0
    ? `, ${count(technicianRows)} of the rows without it the technician's of pre-provisioned devices that have a user row too (cannot fit: pre-provisioning)`
    : obs.accountSetupNotRun * 2 === obs.succeeded
      ? ', half the deployments each way'
      : ", as most of the tenant's ESP profiles do";
  if (fit.skipsAccountSetup && obs.succeeded - obs.accountSetupNotRun >= Math.max(MIN_SAMPLE, 0.05 * obs.succeeded)) {
    fit.caveats.push(`account setup: not shown in ${count(obs.accountSetupNotRun)} of ${count(obs.succeeded)} successful deployments (accountSetupStatus notAttempted or disabled), shown in the other ${count(obs.succeeded - obs.accountSetupNotRun)}: the twin skips it for all (SkipUserStatusPage)${why}`);
  } else if (!fit.skipsAccountSetup && base.accountSetup.length > 0 && obs.accountSetupNotRun >= Math.max(MIN_SAMPLE, 0.05 * obs.succeeded)) {
    fit.caveats.push(`account setup: not shown in ${count(obs.accountSetupNotRun)} of ${count(obs.succeeded)} successful deployments (accountSetupStatus notAttempted or disabled): the twin shows it for all${why}`);
  }
  // Pre-provisioning recorded as two rows a device, the technician's (no account setup) and the user's: each was fitted as a
  // whole deployment with nothing said.
  if (obs.technicianAndUserRows > 0) {
    const n = obs.technicianAndUserRows;
    fit.flags.push(`pre-provisioning: ${count(n)} device${n === 1 ? ' has' : 's have'} a successful row without account setup (the technician flow's, it seems) and another with it (the user flow's) [INF]: calibrate takes each row for a whole pre-provisioned deployment (Graph documents no split of the two flows, and the deployments report records only new Intune enrollments, so the user flow should not appear in it at all (domain §1.4): the second row may be a second enrollment of the device), so the two flows' device setups are pooled, each such device counts twice in the rates, and the account setup ${fit.skipsAccountSetup ? 'reads as skipped for all' : 'is fitted to the user rows alone'}: the twin's pre-provisioned durations and rates are not the tenant's`);
  }
  // A skipped account setup tracks no user apps (the model still spends a few seconds in the phase's sign-in steps).
  const hasAccountSetup = base.accountSetup.length > 0 && !fit.skipsAccountSetup && !fit.espNotShown;
  const moments = (xs: Float64Array) => {
    const m = new Moments();
    for (const x of xs) m.add(x);
    return m;
  };

  const start = (target: typeof dev, overhead: Moments, count: number, label: string): Lognormal | null => {
    if (count === 0) return null;
    if (target.n < MIN_SAMPLE) {
      flags.push(`${label}: ${target.n} usable durations, fewer than ${MIN_SAMPLE}: no app time fitted; the ${count} apps keep the model's default install time (an estimate)`);
      return null;
    }
    const excess = target.moments.mean - overhead.mean;
    if (excess <= 0.05 * count) {
      // With enough durations the steps' factor is fitted with the apps (phaseFit): no limit to flag.
      if (target.n < MIN_STEP_SAMPLE) flags.push(`${label}: observed mean ${r2(target.moments.mean)} min is not above the model's own steps (${r2(overhead.mean)} min): apps take almost no time`);
      return NO_APP_TIME;
    }
    const variance = Math.max(target.moments.variance - overhead.variance, (0.1 * excess) ** 2);
    return fromMoments(excess / count, variance / count);
  };
  const stepFit = (phase: CalibratedPhase, target: Histogram, samples: Float64Array, f: SumFit): StepFit => ({
    phase,
    factor: f.basis === 'fitted' ? r2(f.factor) : null,
    defaultMedian: samples.length ? r2(median(samples)!) : null,
    observed: { n: target.n, p50: target.quantile(0.5), p90: target.quantile(0.9) },
    rmse: r2(f.rmse),
    rmseAtDefaults: f.rmseAtDefaults === undefined ? null : r2(f.rmseAtDefaults),
    noise: f.noise === undefined ? null : r2(f.noise),
    basis: f.basis,
  });
  // What the tenant failed at a phase with no code (or timed out), of the deployments that reached it: the most the
  // fit may end there with the ESP's timer. A failure with a code is not the timer: when all failures counted, a tenant
  // whose apps failed with 0x81036502 in 5% of its deployments got a twin whose ESP timer ended 3.5%, and its failure
  // table put the ESP's timeout first where the tenant had none.
  // Those without a code whose duration ended before the timeout were not its timer: an app's failure. Counted, a tenant
  // whose 80 failures without a code all ended 5 to 15 minutes into device setup got a twin whose timer ended 2.0% of
  // deployments there, which a longer timeout then saved on the twin and could not have on the tenant.
  const timeoutShare = (phase: 'deviceSetup' | 'accountSetup'): number => {
    const before = failures.filter((f) => (phase === 'accountSetup' ? f.phase !== 'accountSetup' : f.phase === 'enrollment')).reduce((a, f) => a + f.observed, 0);
    const { uncoded, ended } = endedByTimer(obs, obs.segment, timeout, phase);
    // Graph's successOnRetry began with a timeout too: the twin's people retry it (retried).
    return obs.events - before > 0 ? (obs.timeoutLike[phase] - (uncoded - ended) + obs.retried[phase]) / (obs.events - before) : 0;
  };
  const fewForSteps = (label: string, n: number) => flags.push(`${label}: ${n} usable durations, fewer than ${MIN_STEP_SAMPLE}: the model's own steps keep their defaults`);

  // A phase shorter than the model's own steps leaves its apps nothing: the steps and the apps no
  // longer trade off, so the factor is fitted alone, as for a phase without apps. Held to twice the
  // noise against apps that could not help, it stayed at its defaults on a few dozen durations: a
  // pre-provisioning tenant's 39 account setups (mean 4.8 min, the model's steps 5.3) at KS 0.31.
  const phaseFit = (target: Distribution, model: SumModel, appStart: Lognormal | null, stepsToo: boolean): SumFit => {
    if (appStart !== NO_APP_TIME || !stepsToo) return fitSum(target.hist, model, appStart, stepsToo);
    // Two starts, as the sum has two ways to be short: steps a little faster and apps a tenth of the
    // phase, or the steps at almost nothing and the apps most of it (one start alone stalled at the
    // other's local minimum: KS 0.15 on 400 account setups); the better fit is taken.
    const mean = target.moments.mean;
    const stepsMean = model.steps.reduce((a, x) => a + x, 0) / model.steps.length;
    const variance = Math.max(target.moments.variance, 0.01) / model.count;
    const starts = [
      { factor: (0.9 * mean) / stepsMean, apps: fromMoments(Math.max(0.1 * mean, 0.05) / model.count, variance) },
      { factor: 0.1, apps: fromMoments(Math.max(0.9 * mean, 0.05) / model.count, variance) },
    ];
    return bestOfStarts(starts.map((s) => fitSum(target.hist, { ...model, factorStart: s.factor }, s.apps, true, true)), target.hist, model.steps.length);
  };

  // Device setup: the device ESP's steps and the device apps, together.
  const devStart = fit.espNotShown ? null : start(dev, moments(base.deviceSetup), options.deviceApps, 'device setup');
  if (dev.n >= MIN_SAMPLE && base.deviceSetup.length) {
    const stepsToo = dev.n >= MIN_STEP_SAMPLE;
    if (!stepsToo) fewForSteps('device setup', dev.n);
    const f = phaseFit(dev, { steps: base.deviceSetup, count: options.deviceApps, limit: deviceTimeout(obs.segment, timeout), failedShare: timeoutShare('deviceSetup'), seed: options.seed }, devStart, stepsToo);
    fit.deviceApp = f.app;
    fit.steps.push(stepFit('deviceSetup', dev.hist, base.deviceSetup, f));
  }
  // Account setup: the user ESP's steps and the user apps.
  if (hasAccountSetup) {
    const accStart = start(acc, moments(base.accountSetup), options.userApps, 'account setup');
    if (acc.n >= MIN_SAMPLE) {
      const stepsToo = acc.n >= MIN_STEP_SAMPLE;
      if (!stepsToo) fewForSteps('account setup', acc.n);
      const f = phaseFit(acc, { steps: base.accountSetup, count: options.userApps, limit: timeout, failedShare: timeoutShare('accountSetup'), seed: options.seed + 1 }, accStart, stepsToo);
      fit.userApp = f.app;
      fit.steps.push(stepFit('accountSetup', acc.hist, base.accountSetup, f));
    }
  } else {
    fit.userApps = 0;
    if (acc.n >= MIN_SAMPLE && !fit.skipsAccountSetup && !fit.espNotShown) flags.push(`account setup: observed (${acc.n} durations) but the ${obs.segment.scenario} flow has none in the model`);
  }
  // Enrollment: the total less device setup and account setup, against the model's sign-in, join and enrollment steps.
  const rem = fit.espNotShown ? obs.remainderEspOff : obs.remainder;
  // Graph's newer devicePreparationDuration, "Time spent in device enrollment": where the export gives it, the
  // enrollment steps are fitted to it, measured, rather than to the total less both setups, a difference that holds
  // every clock's jitter. Read so only where it fits inside that difference (it is not the ESP's own device
  // preparation, which device setup holds): otherwise it is shown, not used.
  const prep = obs.enrollmentTime;
  const prepFits = prep.n >= MIN_STEP_SAMPLE && (rem.n < MIN_SAMPLE || prepInsideRemainder(prep, rem));
  if (median(base.enrollment)! > 0 && prepFits) {
    const f = fitSum(prep.hist, { steps: base.enrollment, count: 0, limit: Infinity, seed: options.seed + 2 }, null, true);
    fit.steps.unshift({ ...stepFit('enrollment', prep.hist, base.enrollment, f), fittedTo: 'devicePreparationDuration' });
  } else if (median(base.enrollment)! > 0 && rem.n >= MIN_SAMPLE) {
    if (rem.n < MIN_STEP_SAMPLE) fewForSteps('enrollment (total less device and account setup)', rem.n);
    else {
      const f = fitSum(rem.hist, { steps: base.enrollment, fixed: base.rest, count: 0, limit: Infinity, seed: options.seed + 2 }, null, true);
      const unscaled = median(base.rest) ?? 0;
      fit.steps.unshift({ ...stepFit('enrollment', rem.hist, base.enrollment, f), ...(unscaled >= 0.05 ? { unscaledMedian: r2(unscaled) } : {}) });
    }
  } else if (rem.n >= MIN_SAMPLE && rem.hist.quantile(0.5)! - (median(base.rest) ?? 0) >= 1) {
    // Nothing to fit there (a self-deploying flow joins and enrolls inside the device ESP): said, so that the
    // total's KS distance is not read as the shape of the model's steps.
    flags.push(`enrollment: the tenant's deployments spend ${r2(rem.hist.quantile(0.5)!)} min (median) of deploymentTotalDuration outside device and account setup, where the model's ${obs.segment.scenario} flow has ${median(base.rest) ? `${r2(median(base.rest)!)} min` : 'none'} (its join and enrollment run inside the device ESP): the twin's total is about that much shorter`);
  }
  // Apps without a fitted install time (too few durations) stay, at the model's default install
  // time: a twin without them would deploy in a fraction of the tenant's time.
  if (fit.deviceApp) fit.deviceApp = round(fit.deviceApp);
  if (fit.userApp) fit.userApp = round(fit.userApp);
  fit.caveats.push(...fewForApps('device setup', dev.hist, fit.deviceApps, 'device', fit.deviceApp), ...(hasAccountSetup ? fewForApps('account setup', acc.hist, fit.userApps, 'user', fit.userApp) : []));
  for (const st of fit.steps) {
    if (st.factor !== null && (st.factor <= FACTOR_RANGE[0] * 1.01 || st.factor >= FACTOR_RANGE[1] * 0.99)) {
      flags.push(`${PHASE_LABEL[st.phase]}: the model's own steps would need ${st.factor}× their defaults, at the edge of what is fitted (${FACTOR_RANGE.join('–')}): the model's steps do not describe this tenant`);
    }
  }

  return finish(obs, fit, options);
}

/**
 * Of the tenant's deployments its ESP timer ended, the share that succeeded on retry: its successes on retry (Graph's
 * successOnRetry, "after hitting an initial timeout failure") beside its timeouts that ended failed (successWithTimeout,
 * and the failures without an error code that lasted the timeout, give or take a minute: readingNotes). Undefined where
 * none ended failed: the people retried every time. Failures without a code and without a duration are not counted, as
 * they cannot be told from an app's failure. Not for device preparation, whose policy's error page is its own.
 */
export interface TimerRetry {
  /** retried / (retried + failed): calibrated.timerRetried. */
  share: number;
  /** The tenant's successes on retry. */
  retried: number;
  /** The tenant's timeouts that ended failed. */
  failed: number;
  /** Wilson's 95% interval of the share, from the retried and failed it rests on: often few (sixteen in an admin's hybrid segment). */
  interval95: [number, number];
}

/** Below this many deployments, a timerRetried share is said to rest on few. */
const FEW_TIMER_ENDS = 30;

function timerRetryOf(obs: SegmentObservation, fit: Pick<SegmentFit, 'segment' | 'espTimeoutMinutes'>): TimerRetry | undefined {
  if (obs.segment.scenario === 'device-preparation') return undefined;
  const retried = DEVICE_PHASES.reduce((a, p) => a + obs.retried[p], 0);
  let ended = 0;
  for (const phase of ['deviceSetup', 'accountSetup'] as const) {
    ended += endedByTimer(obs, fit.segment, fit.espTimeoutMinutes, phase).ended + [...obs.failures].filter(([k]) => k.startsWith(`${phase}|`) && TIMER_CODES.has(k.split('|')[1]!)).reduce((a, [, n]) => a + n, 0);
  }
  return ended > 0 && retried > 0 ? { share: r4(retried / (retried + ended)), retried, failed: ended, interval95: wilson(retried, retried + ended).map(r4) as [number, number] } : undefined;
}

/**
 * A phase's failures without an error code that give their duration (`uncoded`), and those of them that lasted the ESP's
 * timeout, give or take a minute (`ended`: its timer ended them [INF]; hybrid's device setup 40 minutes more).
 */
export function endedByTimer(obs: SegmentObservation, segment: Segment, timeout: number, phase: 'deviceSetup' | 'accountSetup'): { uncoded: number; ended: number; limit: number } {
  const h = obs.uncodedMinutes[phase];
  const limit = phase === 'deviceSetup' ? deviceTimeout(segment, timeout) : timeout;
  return { uncoded: h.n, ended: h.n ? h.countFrom(limit - 1) : 0, limit };
}

/**
 * What a timerRetried share rests on: its deployments and Wilson's interval, and where they are few, that a what-if
 * turning on it is as unsure (an admin's hybrid segment: 43.8% from 7 and 9, 95% interval 23.1%–66.8%, written with no word of it).
 */
export function timerRetryBasis(t: TimerRetry): string {
  const n = t.retried + t.failed;
  return `; the share rests on ${n < FEW_TIMER_ENDS ? 'only ' : ''}${count(n)} deployments (95% interval ${pct(t.interval95[0])}–${pct(t.interval95[1])}${n < FEW_TIMER_ENDS ? `: too few to tell the share closely, and a what-if that turns on it, more apps or another timeout, is as unsure` : ''})`;
}

/**
 * The tenant's failures without a code that its timer ended in a phase (endedByTimer), and how the twin stands for them:
 * `own`, about as many as its own timer ends there; `fixed`, the rest, which it fails without a code at a fixed probability.
 */
export function timerEnds(obs: SegmentObservation, fit: Pick<SegmentFit, 'segment' | 'espTimeoutMinutes' | 'modelFailures'>, phase: 'deviceSetup' | 'accountSetup', reaching = reachingOf(obs)): ReturnType<typeof endedByTimer> & { own: number; fixed: number } {
  const t = endedByTimer(obs, fit.segment, fit.espTimeoutMinutes, phase);
  const own = Math.min(t.ended, Math.round((fit.modelFailures[phase] ?? 0) * reaching[phase]));
  return { ...t, own, fixed: t.ended - own };
}

/** What calibrated.timerRetried is, in words, for the report and the twin. */
export function timerRetryNote(t: TimerRetry): string {
  return `the twin's people press Try again after ${pct(t.share)} of the attempts its ESP timer ends, and give up at the rest, as the tenant's deployments its timer ended succeeded on retry ${count(t.retried)} times (Graph's successOnRetry) and ended failed ${count(t.failed)} times (successWithTimeout, or without an error code after lasting the timeout)${timerRetryBasis(t)}: a what-if that ends more deployments with the timer (more apps, a shorter timeout) fails that share of them, one that ends fewer saves them`;
}

/** What every fit ends with: what the model fails on its own (the calibrated rates are net of it), and the fit's quality. */
function finish(obs: SegmentObservation, fit: SegmentFit, options: FitOptions): SegmentFit {
  const timeout = options.espTimeoutMinutes;
  const flags = fit.flags;
  // The model fails some deployments on its own: its ESP timer ends those whose fitted apps run
  // past the timeout, and Graph records them as failures at device setup with no code the
  // catalogue holds. Added on top of the observed rates, they were counted twice (a tenant with
  // slow apps: 91% observed, 83.5% simulated). The calibrated probabilities are net of them.
  // Four rounds' devices: a rate of about 1% from one round's is too noisy to subtract.
  // Where the tenant's people retried (successOnRetry), the twin's do, and the timeouts of the model's timer are retried too.
  const retries = DEVICE_PHASES.some((p) => obs.retried[p] > 0);
  fit.timerRetry = retries ? timerRetryOf(obs, fit) : undefined;
  const own = simulateEnvironment(segmentEnvironment(obs.segment, { ...fit, failures: [], retried: [], retries }, timeout), 4 * options.devices, options.seed + 200);
  fit.modelFailures = netOfModel(fit.failures, own, obs, flags, fit.caveats);
  fit.caveats.push(...mechanismCaveats(fit.failures, (f) => PHASE_LABEL[f.phase]));
  fit.retried = [];
  fit.modelRetried = {};
  const reaching = reachingOf(obs);
  for (const phase of DEVICE_PHASES) {
    const n = obs.retried[phase];
    const pModel = own.retried[phase] / Math.max(1, own.devices);
    if (pModel > 0) fit.modelRetried[phase] = r4(pModel);
    if (n === 0) continue;
    const pObs = n / Math.max(1, reaching[phase]);
    fit.retried.push({ phase, code: 'ESP_TIMEOUT', observed: n, share: r4(n / obs.events), probability: pModel < 1 ? r4(Math.max(0, pObs - pModel) / (1 - pModel)) : 0 });
  }

  // Fit quality: the final environment, simulated in full, against the observations.
  const final = simulateEnvironment(segmentEnvironment(obs.segment, fit, timeout), options.devices, options.seed + 100);
  fit.quality = DURATIONS.map((kind) => ({
    kind,
    observed: { n: obs.durations[kind].n, p50: obs.durations[kind].hist.quantile(0.5), p90: obs.durations[kind].hist.quantile(0.9) },
    simulated: { n: final.durations[kind].hist.n, p50: final.durations[kind].hist.quantile(0.5), p90: final.durations[kind].hist.quantile(0.9) },
    ks: ksDistance(obs.durations[kind].hist, final.durations[kind].hist),
  }));
  // The mean, not the median: the OOBE screens' minutes are skewed (a median of 3.6 beside a mean of 6.4 in the bundled
  // sample), and the twin's p50 to desktop is some 6.8 minutes above its total's, as the mean says.
  fit.beforeEnrollment = final.beforeEnrollment.n ? r2(final.beforeEnrollment.mean) : null;
  const fromProfile = fit.espProfile && fit.espProfile.profile.settings.timeoutMinutes === timeout ? profileLabel(fit.espProfile.profile) : null;
  flags.push(...limits(obs, timeout, fromProfile));
  // The twin's one rate and one app time are the mix of the profiles' and the days': a what-if answers for the mix.
  fit.caveats.push(...profileFlags(obs.espProfiles, obs.events), ...profileFlags(obs.deploymentProfiles, obs.events, 'deployment profile'), ...durationFlags(obs.espProfiles, obs.events, deviceTimeout(obs.segment, timeout)), ...durationFlags(obs.deploymentProfiles, obs.events, deviceTimeout(obs.segment, timeout), 'deployment profile'), ...weekFlags(obs.days));
  espProfileNotes(fit);
  return fit;
}

/**
 * A device preparation segment, from the device preparation deployments report: no ESP, no device or
 * account setup duration, only the Deployment time (the whole deployment in OOBE, which the model's
 * total after the OOBE screens is: sign-in, policy delivery, join and enrollment, the policy's
 * installation, apps and scripts). It is fitted as the sum the model makes of it: its own steps
 * times one factor (the report's one duration cannot tell the enrollment steps from the policy's, so
 * both phases take it), the steps no factor touches, and the policy's apps (`--device-apps`, default
 * 5), held to the share of deployments the tenant saw fail where the policy's timer could have ended
 * them. As for the ESP's phases, with apps the factor is taken only where it fits clearly better
 * than the defaults, or where the deployments are shorter than the model's steps alone; without apps
 * it is fitted outright.
 */
function fitDevicePreparation(obs: SegmentObservation, options: FitOptions, fit: SegmentFit): void {
  fit.userApps = 0;
  const total = obs.durations.total;
  // What the factor scales, per device: each device simulated with its own steps at their defaults and at twice them
  // (the factor draws nothing, so both runs make the same draws); the difference is its scaled steps, the rest the
  // steps no factor touches (the "Required setup complete" page, the desktop's). With no apps, nothing else is in it.
  const envAt = (factor: number) => EnvironmentSchema.parse(segmentEnvironment(obs.segment, { deviceApps: 0, userApps: 0, deviceApp: null, userApp: null, failures: [], steps: factor === 1 ? undefined : { enrollment: factor, deviceSetup: factor } }, options.espTimeoutMinutes));
  const [at1, at2] = [envAt(1), envAt(2)];
  const steps: number[] = [];
  const fixed: number[] = [];
  const identity: number[] = [];
  for (let i = 0; i < 2 * options.devices; i++) {
    const o1 = simulate(at1, { seed: options.seed, index: i, trace: false }).outcome;
    const o2 = simulate(at2, { seed: options.seed, index: i, trace: false }).outcome;
    if (o1.status !== 'succeeded' || o2.status !== 'succeeded') continue;
    const t1 = graphDurations(o1.phaseMinutes, o1.totalMinutes).total;
    const scaled = Math.max(0, graphDurations(o2.phaseMinutes, o2.totalMinutes).total - t1);
    steps.push(scaled);
    fixed.push(Math.max(0, t1 - scaled));
    identity.push(phaseSum(o1.phaseMinutes, 'enrollment'));
  }
  const base = Float64Array.from(steps.map((x, i) => x + fixed[i]!));
  if (total.n < MIN_SAMPLE) {
    if (fit.deviceApps > 0) fit.flags.push(`deployment time: ${total.n} usable durations, fewer than ${MIN_SAMPLE}: no app time fitted; the ${fit.deviceApps} apps keep the model's default install time (an estimate)`);
    return;
  }
  const stepsToo = total.n >= MIN_STEP_SAMPLE;
  if (!stepsToo) fit.flags.push(`deployment time: ${total.n} usable durations, fewer than ${MIN_STEP_SAMPLE}: the model's own steps keep their defaults`);
  const m = new Moments();
  for (const x of base) m.add(x);
  const excess = total.moments.mean - m.mean;
  const start = fit.deviceApps === 0 ? null : excess <= 0.05 * fit.deviceApps ? NO_APP_TIME : fromMoments(excess / fit.deviceApps, Math.max(total.moments.variance - m.variance, (0.1 * excess) ** 2) / fit.deviceApps);
  // Without a factor to take it, a Deployment time below the model's steps leaves the apps nothing, and the twin longer than the tenant.
  if (start === NO_APP_TIME && !stepsToo) fit.flags.push(`deployment time: observed mean ${r2(total.moments.mean)} min is not above the model's own steps (${r2(m.mean)} min): the apps take almost no time, and the twin's deployments are no shorter than the model's steps`);
  if (fit.deviceApps === 0 && !stepsToo) return;
  // The policy's timer starts once the policy is delivered, after the sign-in and the join: a success may take that much longer in all.
  const before = obs.failures.get('enrollment|SOMETHING_WENT_WRONG') ?? 0;
  const failedShare = obs.events - before > 0 ? obs.timeoutLike.deviceSetup / (obs.events - before) : 0;
  const model: SumModel = { steps: Float64Array.from(steps), fixed: Float64Array.from(fixed), count: fit.deviceApps, limit: options.espTimeoutMinutes + (median(Float64Array.from(identity)) ?? 0), failedShare, seed: options.seed };
  let f: SumFit;
  if (start === NO_APP_TIME && stepsToo) {
    // Shorter than the model's steps alone: the defaults cannot be right, and the sum can be short two ways (as phaseFit).
    const stepsMean = steps.reduce((a, x) => a + x, 0) / Math.max(1, steps.length);
    const fixedMean = fixed.reduce((a, x) => a + x, 0) / Math.max(1, fixed.length);
    const own = Math.max(0.05, total.moments.mean - fixedMean);
    const variance = Math.max(total.moments.variance, 0.01) / fit.deviceApps;
    f = bestOfStarts(
      [
        { factor: (0.9 * own) / Math.max(0.01, stepsMean), apps: fromMoments(Math.max(0.1 * own, 0.05) / fit.deviceApps, variance) },
        { factor: 0.1, apps: fromMoments(Math.max(0.9 * own, 0.05) / fit.deviceApps, variance) },
      ].map((s) => fitSum(total.hist, { ...model, factorStart: s.factor }, s.apps, true, true)),
      total.hist,
      model.steps.length,
    );
  } else f = fitSum(total.hist, model, start, stepsToo);
  fit.deviceApp = f.app ? round(f.app) : null;
  fit.caveats.push(...fewForApps('deployment time', total.hist, fit.deviceApps, 'device', fit.deviceApp));
  if (!stepsToo) return;
  // One factor, for both phases of device preparation's own steps: the report's one duration is fitted with it.
  const stepFit = (phase: CalibratedPhase): StepFit => ({
    phase,
    factor: f.basis === 'fitted' ? r2(f.factor) : null,
    defaultMedian: r2(median(Float64Array.from(steps))!),
    observed: { n: total.n, p50: total.hist.quantile(0.5), p90: total.hist.quantile(0.9) },
    rmse: r2(f.rmse),
    rmseAtDefaults: f.rmseAtDefaults === undefined ? null : r2(f.rmseAtDefaults),
    noise: f.noise === undefined ? null : r2(f.noise),
    basis: f.basis,
    fittedTo: 'deploymentTime',
  });
  fit.steps.push(stepFit('enrollment'), stepFit('deviceSetup'));
  const factor = fit.steps[0]!.factor;
  if (factor !== null && (factor <= FACTOR_RANGE[0] * 1.01 || factor >= FACTOR_RANGE[1] * 0.99)) {
    fit.flags.push(`deployment time: the model's own steps would need ${factor}× their defaults, at the edge of what is fitted (${FACTOR_RANGE.join('–')}): the model's steps do not describe this tenant`);
  }
}

/**
 * How the export's newer or undocumented fields were read, in sentences, for the report and the twin: successes whose
 * phase failed (counted as failures), the device preparation report's Deployment time (its form is not documented),
 * Graph's devicePreparationDuration and targetedPolicyCount.
 */
/** Where the exported ESP profile (or --esp-timeout) and the deployments disagree (disagreements), or the profile is not the segment's only one (a caveat). */
function espProfileNotes(fit: SegmentFit): void {
  const use = fit.espProfile;
  if (!use) return;
  const label = profileLabel(use.profile);
  if (use.others.length) fit.caveats.push(`the segment's deployments used ESP profiles with other settings beside ${label} (${count(use.deployments)} of ${count(use.of)} deployments), whose settings the twin takes: ${use.others.join('; ')}; calibrate each profile's deployments apart for its own twin`);
  if (use.profile.showsProgress === false && !fit.espNotShown) fit.disagreements.push(`${label} says showInstallationProgress false (the ESP not shown), but most of the segment's successful deployments show device setup: the twin shows the ESP, as the deployments do`);
  if (use.profile.showsProgress === true && fit.espNotShown) fit.disagreements.push(`${label} says showInstallationProgress true, but most of the segment's successful deployments do not show device setup (deviceSetupStatus notAttempted or disabled): the twin's ESP is off, as the deployments' is`);
  const retried = fit.retried.reduce((a, f) => a + f.observed, 0);
  if (use.profile.blocksRetry && retried > 0) fit.disagreements.push(`${label} says blockDeviceSetupRetryByUser true (no Try again on the error page), yet ${count(retried)} of the segment's deployments succeeded on retry (Graph's successOnRetry): the twin's people retry as the deployments did; was the profile changed since, or did those deployments run under another?`);
  if (fit.espTimeoutMinutes !== use.profile.settings.timeoutMinutes) fit.disagreements.push(`--esp-timeout ${fit.espTimeoutMinutes} given: the twin's ESP times out after ${fit.espTimeoutMinutes} minutes, where ${label} says ${use.profile.settings.timeoutMinutes} (installProgressTimeoutInMinutes)`);
}

/** Which of the twin's ESP settings came from the tenant's exported profile, and what of the profile was not applied. */
export function espProfileNote(fit: Pick<SegmentFit, 'espProfile' | 'espTimeoutMinutes'>): string | null {
  const use = fit.espProfile;
  if (!use) return null;
  const p = use.profile;
  const taken = p.from.filter(([setting]) => setting !== 'timeoutMinutes' || fit.espTimeoutMinutes === p.settings.timeoutMinutes).map(([setting, property]) => `esp.${setting} ${String(p.settings[setting])} (${property})`);
  const whose = use.by === 'only' ? 'the only ESP profile exported (the deployments name none)' : `the ESP profile ${count(use.deployments)} of the segment's ${count(use.of)} deployments used (matched by its ${use.by})`;
  return `ESP from the tenant's profile ${profileLabel(p)}, ${whose}: ${taken.join(', ')}; the other esp settings are the model's defaults${p.notApplied.length ? `; read, not applied: ${p.notApplied.join('; ')}` : ''}`;
}

export function readingNotes(obs: SegmentObservation, fit: Pick<SegmentFit, 'steps' | 'segment' | 'beforeEnrollment' | 'espProfile' | 'espTimeoutMinutes' | 'deploymentProfileNote' | 'modelFailures' | 'timerRetry'>): string[] {
  const notes: string[] = [];
  const esp = espProfileNote(fit);
  if (esp) notes.push(esp);
  if (fit.deploymentProfileNote) notes.push(fit.deploymentProfileNote);
  if (obs.clickedPast) notes.push(`${count(obs.clickedPast)} deployment${obs.clickedPast === 1 ? '' : 's'} recorded as a success (deploymentState success) with device or account setup failure or successWithTimeout: the user clicked past the ESP's error (Continue anyway); counted as failures at that phase, as Graph's successWithTimeout is`);
  if (obs.retriedPhaseOnly) notes.push(`${count(obs.retriedPhaseOnly)} deployment${obs.retriedPhaseOnly === 1 ? '' : 's'} recorded as a success (deploymentState success) with device or account setup successOnRetry: counted as successes on retry at that phase, their durations (both attempts in them) not fitted`);
  // Failures without a code that lasted the ESP's timeout: its timer ended them. The twin's own timer stands for as many
  // as it ends there; the rest it fails with the others without a code, at a fixed probability, so its what-ifs on the
  // timeout or the apps leave them failing: in an admin's export, 32 of the 78 user-driven failures without a code lasted
  // 60 minutes, the twin's own timer ended 0.05% there, and its sweep --vary esp.timeoutMinutes=60,90 read 89.3% both
  // times, 'the setting is not what limits it', with no word of them.
  if (fit.segment.scenario !== 'device-preparation') {
    const reaching = reachingOf(obs);
    for (const phase of ['deviceSetup', 'accountSetup'] as const) {
      const { uncoded, ended, limit, own, fixed } = timerEnds(obs, fit, phase, reaching);
      if (ended === 0) continue;
      const pModel = fit.modelFailures[phase] ?? 0;
      const what = `${count(ended)} of the ${count(uncoded)} failures without an error code at ${PHASE_LABEL[phase]} lasted the ESP's timeout (${DURATION_PROPERTY[phase]} ${limit} min or more, give or take a minute): its timer ended them [INF]`;
      const ownText = `the twin's own timer ends ${pct(pModel)} of the deployments reaching ${PHASE_LABEL[phase]}`;
      notes.push(
        fixed === 0
          ? `${what}, and ${ownText}, as many: a what-if with a longer esp.timeoutMinutes or fewer apps saves them on the twin as it would have on the tenant`
          : `${what}. ${own > 0 ? `${ownText[0]!.toUpperCase()}${ownText.slice(1)}, about ${count(own)} of them; the other ${count(fixed)} it fails` : 'The twin fails them'} with the others without a code, at a fixed probability, so a what-if with a longer esp.timeoutMinutes or fewer apps leaves them failing, where the tenant's could have run on: up to ${pct(r4(fixed / obs.events))} of its deployments`,
      );
    }
  }
  if (fit.timerRetry) notes.push(`calibrated.timerRetried ${fit.timerRetry.share}: ${timerRetryNote(fit.timerRetry)}`);
  const forms = [...obs.deploymentTimeForms].sort((a, b) => b[1] - a[1]);
  if (forms.length) notes.push(`Deployment time (${forms.every(([form]) => /as documented/.test(form)) ? 'the Graph export\'s, in seconds' : 'its form is not documented'}) read as ${forms.map(([form, n]) => `${form}: ${count(n)} row${n === 1 ? '' : 's'}`).join('; ')}; fitted as the whole deployment after the OOBE screens`);
  const prep = obs.enrollmentTime;
  if (prep.n > 0) {
    const used = fit.steps.find((st) => st.fittedTo === 'devicePreparationDuration');
    const rem = obs.remainder.n >= MIN_SAMPLE ? obs.remainder.hist.quantile(0.5)! : null;
    const why = used
      ? `the enrollment steps are fitted to it (×${used.factor ?? 1}), not to the total less device and account setup`
      : prep.n < MIN_STEP_SAMPLE
        ? `too few (fewer than ${MIN_STEP_SAMPLE}) to fit the enrollment steps to: shown, not used`
        : rem !== null && !prepInsideRemainder(prep, obs.remainder)
          ? `longer than the total less device and account setup (median ${r2(rem)} min), so not that time: shown, not used`
          : `the model's ${fit.segment.scenario} flow has no enrollment steps outside the ESP (its join and enrollment run inside device setup): shown, not used`;
    notes.push(`devicePreparationDuration ("Time spent in device enrollment"): ${count(prep.n)} successful deployments, median ${r2(prep.hist.quantile(0.5)!)} min, p90 ${r2(prep.hist.quantile(0.9)!)}; ${why}`);
  }
  // The twin's figures against the tenant's own report: a p50 to desktop some minutes above the tenant's total read as a
  // twin slower than its tenant (the README's tour: 54.2 minutes to desktop for an observed total of 47.4).
  if (fit.beforeEnrollment !== null && fit.beforeEnrollment >= 0.5) {
    notes.push(`run, compare and sweep time a deployment from power-on: their time to desktop holds the ${fit.segment.scenario === 'existing-devices' ? 'task sequence and the OOBE screens' : 'OOBE screens'} before enrollment (the twin's ${fit.beforeEnrollment.toFixed(1)} min a device on average), which ${fit.segment.scenario === 'device-preparation' ? 'the report\'s Deployment time' : 'Graph\'s deploymentTotalDuration'} leaves out: compare the tenant's total with the backtest's`);
  }
  const policies = targetedAppsOf(obs.targetedPolicies);
  if (policies) notes.push(`targetedPolicyCount: median ${policies.median} policies targeted (${count(policies.deployments)} deployment${policies.deployments === 1 ? '' : 's'}); the deployment waits for none of them by their number (the ESP tracks a placeholder, "1 of 1", and only Edge, Assigned Access and Kiosk Browser policies; device preparation's MDM sync tracks none), so the model gives them no time of their own (the ESP's security policies row is one of its steps, in the device setup factor): shown, not applied`);
  return notes;
}

/** devicePreparationDuration fits inside the total less device and account setup (its median no longer, give or take a minute and a tenth). */
const prepInsideRemainder = (prep: Distribution, rem: Distribution): boolean => prep.hist.quantile(0.5)! <= 1.1 * rem.hist.quantile(0.5)! + 1;

/** The median of targetedAppCount over the deployments that give it. */
export function targetedAppsOf(counts: Map<number, number>): { median: number; deployments: number } | null {
  const n = [...counts.values()].reduce((a, c) => a + c, 0);
  if (n === 0) return null;
  let seen = 0;
  for (const [apps, c] of [...counts].sort((a, b) => a[0] - b[0])) if ((seen += c) * 2 >= n) return { median: apps, deployments: n };
  return null;
}

/**
 * Graph's count of the apps targeted beside the count the fit assumed: --device-apps and
 * --user-apps default to 5 and 2 whatever the tenant, and the export says how many it targets.
 * Targeted is not tracked (the ESP may block on selected apps only), so it is said, not applied.
 */
export function targetedText(s: { targetedApps: { median: number; deployments: number } | null; deviceApps: number; userApps: number; espOff?: boolean }): string | null {
  const t = s.targetedApps;
  if (!t) return null;
  if (s.espOff) return `targetedAppCount: median ${t.median} apps targeted (${count(t.deployments)} deployment${t.deployments === 1 ? '' : 's'}); the tenant's ESP is not shown, so none is tracked`;
  const assumed = s.deviceApps + s.userApps;
  return `targetedAppCount: median ${t.median} apps targeted (${count(t.deployments)} deployment${t.deployments === 1 ? '' : 's'}); the fit takes ${s.deviceApps} device and ${s.userApps} user apps as those the ESP tracks${t.median === assumed ? '' : ` (--device-apps, --user-apps): if the ESP waits for every targeted app, calibrate again with counts that add up to ${t.median}`}`;
}

export const PHASE_LABEL: Record<CalibratedPhase, string> = { enrollment: 'enrollment', deviceSetup: 'device setup', accountSetup: 'account setup' };

/** Where the model cannot follow the observations, whatever the fit. */
/**
 * How long the device ESP waits: the timeout given, and for hybrid join 40 minutes more, as the
 * world's timer does (machines/setup.ts). The fit took 60 for hybrid too, so it treated hybrid
 * device setups of 60 to 100 minutes as timeouts: it bent the apps to avoid them, so the twin missed
 * the tenant's device setup (p90 67.6 for an observed 57.6), and flagged those successes as impossible.
 */
export const deviceTimeout = (segment: Segment, timeout: number): number => timeout + (segment.joinType === 'hybrid' ? HYBRID_ESP_EXTRA_MINUTES : 0);

export function limits(obs: SegmentObservation, timeout: number, profile: string | null = null): string[] {
  const out: string[] = [];
  const dev = obs.durations.deviceSetup.hist;
  const acc = obs.durations.accountSetup.hist;
  const over = (h: Histogram) => h.countFrom(timeout);
  // A few may be clock noise; from 0.5% on, the tenant's ESP waits longer than the model's.
  const deviceLimit = deviceTimeout(obs.segment, timeout);
  const devOver = dev.countFrom(deviceLimit);
  const hybridExtra = deviceLimit > timeout ? ` (${timeout} + ${deviceLimit - timeout} for hybrid join)` : '';
  if (devOver > 0 && devOver >= 0.005 * dev.n) out.push(`device setup: ${count(devOver)} successful deployment${devOver === 1 ? '' : 's'} (${((devOver / dev.n) * 100).toFixed(1)}%) took longer than the ESP timeout of ${deviceLimit} min${hybridExtra}, which the model cannot reproduce (${profile ? `the timeout is ${profile}'s, its installProgressTimeoutInMinutes in the export: is it the profile these deployments ran under, or was its timeout shortened since? --esp-timeout sets another` : "is --esp-timeout the tenant's?"})`);
  const accOver = over(acc);
  if (accOver > 0 && accOver >= 0.005 * acc.n) out.push(`account setup: ${count(accOver)} successful deployment${accOver === 1 ? '' : 's'} (${((accOver / acc.n) * 100).toFixed(1)}%) took longer than the ESP timeout of ${timeout} min, which the model cannot reproduce`);
  return out;
}


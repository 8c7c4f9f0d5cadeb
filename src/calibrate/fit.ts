// Fitting the model to what a tenant observed, per scenario and join type. The model's own steps
// (IME install, ESP rows, sign-ins, restarts: src/world/durations.ts) stay as they are; what a
// tenant changes is its apps, so device setup and account setup are fitted through the install
// time of the device apps and of the user apps (a lognormal {median, p90} each, the same for every
// app of a kind). Start: moments of the observed duration less the model's fixed steps, divided
// among the apps; then a few rounds of simulation that move the median and the spread until the
// simulated median and p90 meet the observed ones. Failures: the observed share per phase and
// code, as the probability of failing there given the device got there (environment
// `calibrated.failures`, read by src/world/calibrated.ts).
import type { ErrorId } from '../catalog/errors.ts';
import { simulate } from '../engine/simulate.ts';
import { merge } from '../environment/merge.ts';
import { EnvironmentSchema, type CalibratedPhase, type EnvironmentInput } from '../environment/schema.ts';
import { scenarioOverride } from '../fleet/scenarios.ts';
import { Histogram } from '../fleet/stats.ts';
import { DURATIONS, Moments, type DurationKind, type SegmentObservation } from './observe.ts';
import type { Segment } from './graph.ts';

const Z90 = 1.2815515655446004;

export interface Lognormal {
  median: number;
  p90: number;
}

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
  /** Deployments observed ending there. */
  observed: number;
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

export interface SegmentFit {
  segment: Segment;
  events: number;
  deviceApps: number;
  userApps: number;
  deviceApp: Lognormal | null;
  userApp: Lognormal | null;
  failures: FailureRate[];
  quality: DurationFit[];
  /** Where the model cannot follow the tenant, in words. */
  flags: string[];
}

/** The environment piece of a segment: scenario, join, the fitted apps and failures. */
export function segmentEnvironment(segment: Segment, fit: Pick<SegmentFit, 'deviceApps' | 'userApps' | 'deviceApp' | 'userApp'> & { failures: Array<Pick<FailureRate, 'phase' | 'code' | 'probability'>> }, espTimeoutMinutes: number): EnvironmentInput {
  const apps: Array<Record<string, unknown>> = [];
  for (let i = 1; fit.deviceApp && i <= fit.deviceApps; i++) apps.push({ name: `Calibrated device app ${i}`, type: 'win32', installMinutes: { lognormal: round(fit.deviceApp) } });
  for (let i = 1; fit.userApp && i <= fit.userApps; i++) apps.push({ name: `Calibrated user app ${i}`, type: 'win32', target: 'user', context: 'user', installMinutes: { lognormal: round(fit.userApp) } });
  let env: EnvironmentInput = merge(scenarioOverride(segment.scenario), {
    profile: segment.scenario === 'existing-devices' ? {} : { joinType: segment.joinType },
    ...(segment.scenario === 'existing-devices' ? { existingDevices: { jsonProfile: { joinType: segment.joinType } } } : {}),
    esp: { timeoutMinutes: espTimeoutMinutes },
    apps,
  });
  const failures = fit.failures.filter((f) => f.probability > 0).map((f) => ({ phase: f.phase, code: f.code, probability: f.probability }));
  if (failures.length) env = merge(env, { calibrated: { failures } });
  return env;
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
  /** "phase|code" -> devices that failed there. */
  failures: Map<string, number>;
}

/** What the model's devices show in the Graph's terms: device setup, account setup, total. */
export function graphDurations(phaseMinutes: Record<string, number>, totalMinutes: number): Record<DurationKind, number> {
  const p = (k: string) => phaseMinutes[k] ?? 0;
  return {
    // "Time spent in device ESP": its device preparation and device setup (and quality updates, which run inside it).
    deviceSetup: p('devicePreparation') + p('deviceSetup') + p('qualityUpdates'),
    // "Time spent in user ESP".
    accountSetup: p('accountSetup'),
    // "from enrollment to Desktop screen": the active time less the OOBE screens before it.
    total: totalMinutes - p('oobe'),
  };
}

/** Simulate `devices` devices of one environment and collect the Graph's durations. */
export function simulateEnvironment(input: EnvironmentInput, devices: number, seed: number): Simulated {
  const env = EnvironmentSchema.parse(input);
  const out: Simulated = { devices, succeeded: 0, durations: { deviceSetup: empty(), accountSetup: empty(), total: empty() }, failures: new Map() };
  for (let i = 0; i < devices; i++) {
    const o = simulate(env, { seed, index: i, trace: false }).outcome;
    if (o.status !== 'succeeded') {
      const key = `${o.failedPhase ?? o.status}|${o.errorCode ?? o.status}`;
      out.failures.set(key, (out.failures.get(key) ?? 0) + 1);
      continue;
    }
    out.succeeded++;
    const d = graphDurations(o.phaseMinutes, o.totalMinutes);
    for (const k of DURATIONS) {
      if (k === 'accountSetup' && d[k] === 0) continue;
      out.durations[k].hist.add(d[k]);
      out.durations[k].moments.add(d[k]);
    }
  }
  return out;
}
const empty = () => ({ hist: new Histogram(), moments: new Moments() });

/** Kolmogorov-Smirnov distance of two histograms on the same bins. */
export function ksDistance(a: Histogram, b: Histogram): number | null {
  if (a.n === 0 || b.n === 0) return null;
  const xs = a.entries();
  const ys = b.entries();
  let ca = 0;
  let cb = 0;
  let d = 0;
  // Walk the non-empty bins of both in order (empty bins change neither cumulative count).
  for (let i = 0, j = 0; i < xs.length || j < ys.length; ) {
    const bin = Math.min(xs[i]?.[0] ?? Infinity, ys[j]?.[0] ?? Infinity);
    if (xs[i]?.[0] === bin) ca += xs[i++]![1];
    if (ys[j]?.[0] === bin) cb += ys[j++]![1];
    d = Math.max(d, Math.abs(ca / a.n - cb / b.n));
  }
  return Math.round(d * 1000) / 1000;
}

const MIN_SAMPLE = 5;

/** Lognormal of one app from the mean and variance each of `count` apps adds. */
function fromMoments(mean: number, variance: number): Lognormal {
  const s2 = Math.log(1 + variance / (mean * mean));
  const median = mean * Math.exp(-s2 / 2);
  return { median, p90: median * Math.exp(Z90 * Math.sqrt(s2)) };
}

function q(h: Histogram, p: number): number {
  return h.quantile(p) ?? 0;
}

/** Failure rates of a segment: shares of all its deployments, and the probability once the phase is reached. */
export function failureRates(obs: SegmentObservation): FailureRate[] {
  const byPhase = (phase: CalibratedPhase) => [...obs.failures].filter(([k]) => k.startsWith(`${phase}|`)).reduce((a, [, v]) => a + v, 0);
  const reaching: Record<CalibratedPhase, number> = {
    enrollment: obs.events,
    deviceSetup: obs.events - byPhase('enrollment'),
    accountSetup: obs.events - byPhase('enrollment') - byPhase('deviceSetup'),
  };
  return [...obs.failures]
    .map(([key, n]) => {
      const [phase, code] = key.split('|') as [CalibratedPhase, ErrorId];
      return { phase, code, observed: n, share: r4(n / obs.events), probability: reaching[phase] > 0 ? r4(n / reaching[phase]) : 0 };
    })
    .sort((a, b) => b.observed - a.observed || (a.phase + a.code < b.phase + b.code ? -1 : 1));
}
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** Fit one segment. Deterministic: the same observations and options give the same fit. */
export function fitSegment(obs: SegmentObservation, options: FitOptions = DEFAULT_FIT): SegmentFit {
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
    failures,
    quality: [],
    flags,
  };
  const timeout = options.espTimeoutMinutes;
  // The model's fixed steps, without any app.
  const base = simulateEnvironment(segmentEnvironment(obs.segment, { ...fit, failures: [] }, timeout), options.devices, options.seed);
  const hasAccountSetup = base.durations.accountSetup.hist.n > 0;

  const start = (target: typeof dev, overhead: Simulated['durations'][DurationKind], count: number, label: string): Lognormal | null => {
    if (count === 0) return null;
    if (target.n < MIN_SAMPLE) {
      flags.push(`${label}: ${target.n} usable durations, fewer than ${MIN_SAMPLE}: no app time fitted (the model's own steps only)`);
      return null;
    }
    const excess = target.moments.mean - overhead.moments.mean;
    if (excess <= 0.05 * count) {
      flags.push(`${label}: observed mean ${r2(target.moments.mean)} min is not above the model's own steps (${r2(overhead.moments.mean)} min): apps take almost no time`);
      return { median: 0.01, p90: 0.02 };
    }
    const variance = Math.max(target.moments.variance - overhead.moments.variance, (0.1 * excess) ** 2);
    return fromMoments(excess / count, variance / count);
  };
  fit.deviceApp = start(dev, base.durations.deviceSetup, options.deviceApps, 'device setup');
  if (hasAccountSetup) fit.userApp = start(acc, base.durations.accountSetup, options.userApps, 'account setup');
  else {
    fit.userApps = 0;
    if (acc.n >= MIN_SAMPLE) flags.push(`account setup: observed (${acc.n} durations) but the ${obs.segment.scenario} flow has none in the model`);
  }
  if (!fit.deviceApp) fit.deviceApps = 0;
  if (!fit.userApp) fit.userApps = 0;

  // Rounds of simulation: move each app distribution until the simulated median and p90 meet the observed.
  const adjust = (app: Lognormal, target: typeof dev, sim: Simulated['durations'][DurationKind], overhead: Simulated['durations'][DurationKind]): Lognormal => {
    const o50 = q(overhead.hist, 0.5);
    const t50 = q(target.hist, 0.5);
    const t90 = q(target.hist, 0.9);
    const s50 = q(sim.hist, 0.5);
    const s90 = q(sim.hist, 0.9);
    if (sim.hist.n === 0) return app;
    const median = app.median * clamp((t50 - o50) / Math.max(0.01, s50 - o50), 0.5, 2);
    let sigma = Math.log(app.p90 / app.median) / Z90;
    sigma = Math.max(0.02, sigma * clamp((t90 - t50) / Math.max(0.01, s90 - s50), 0.5, 2));
    return { median, p90: median * Math.exp(Z90 * sigma) };
  };
  const env = () => segmentEnvironment(obs.segment, fit, timeout);
  for (let round = 0; round < 4 && (fit.deviceApp || fit.userApp); round++) {
    const sim = simulateEnvironment(env(), options.devices, options.seed + round + 1);
    if (fit.deviceApp) fit.deviceApp = adjust(fit.deviceApp, dev, sim.durations.deviceSetup, base.durations.deviceSetup);
    if (fit.userApp) fit.userApp = adjust(fit.userApp, acc, sim.durations.accountSetup, base.durations.accountSetup);
  }
  if (fit.deviceApp) fit.deviceApp = round(fit.deviceApp);
  if (fit.userApp) fit.userApp = round(fit.userApp);

  // Fit quality: the final environment against the observations.
  const final = simulateEnvironment(env(), options.devices, options.seed + 100);
  fit.quality = DURATIONS.map((kind) => ({
    kind,
    observed: { n: obs.durations[kind].n, p50: obs.durations[kind].hist.quantile(0.5), p90: obs.durations[kind].hist.quantile(0.9) },
    simulated: { n: final.durations[kind].hist.n, p50: final.durations[kind].hist.quantile(0.5), p90: final.durations[kind].hist.quantile(0.9) },
    ks: ksDistance(obs.durations[kind].hist, final.durations[kind].hist),
  }));
  flags.push(...limits(obs, timeout));
  return fit;
}

/** Where the model cannot follow the observations, whatever the fit. */
export function limits(obs: SegmentObservation, timeout: number): string[] {
  const out: string[] = [];
  const dev = obs.durations.deviceSetup.hist;
  const acc = obs.durations.accountSetup.hist;
  const over = (h: Histogram) => h.countFrom(timeout);
  // A few may be clock noise; from 0.5% on, the tenant's ESP waits longer than the model's.
  const devOver = over(dev);
  if (devOver > 0 && devOver >= 0.005 * dev.n) out.push(`device setup: ${devOver} successful deployment${devOver === 1 ? '' : 's'} (${((devOver / dev.n) * 100).toFixed(1)}%) took longer than the ESP timeout of ${timeout} min, which the model cannot reproduce (is --esp-timeout the tenant's?)`);
  const accOver = over(acc);
  if (accOver > 0 && accOver >= 0.005 * acc.n) out.push(`account setup: ${accOver} successful deployment${accOver === 1 ? '' : 's'} (${((accOver / acc.n) * 100).toFixed(1)}%) took longer than the ESP timeout of ${timeout} min, which the model cannot reproduce`);
  return out;
}

const clamp = (x: number, lo: number, hi: number) => (Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : 1);

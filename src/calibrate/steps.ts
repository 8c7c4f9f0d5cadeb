// Fitting a Graph duration as the sum the model makes of it: the model's own steps in that phase
// times a factor k, plus `count` apps each with a lognormal install time {median, p90}:
//
//   D = k · S + X1 + ... + Xn,   Xi ~ lognormal
//
// S is drawn from the model itself (a simulation of the segment without apps, its phase minutes),
// so its shape is the model's, whatever the steps are; the apps' draws are fixed standard normals
// (common random numbers), so the simulated distribution is a smooth, deterministic function of
// (k, median, sigma). The three are fitted together by minimising the squared distance between the
// simulated and the observed quantiles (5% to 95%), with Nelder-Mead. The steps set the floor and the
// apps the spread and the long right tail, which is what tells them apart; with few observations the
// factor is poorly determined, so it is fitted only from MIN_STEP_SAMPLE durations on.
import { createRandom } from '../world/random.ts';
import type { Histogram } from '../fleet/stats.ts';

const Z90 = 1.2815515655446004;

/** An install time: lognormal by its median and 90th percentile (minutes). */
export interface Lognormal {
  median: number;
  p90: number;
}
/** Quantiles matched. */
const PROBS = Array.from({ length: 49 }, (_, i) => (i + 1) / 50);
/** A step factor is fitted from this many observed durations on; below, the defaults stay (factor 1). */
export const MIN_STEP_SAMPLE = 30;
export const FACTOR_RANGE: [number, number] = [0.05, 20];
/** Fewer observed durations than this are taken as this many where the share past the timeout is bounded (fitOnce). */
export const PILOT_FLOOR = 400;

export interface SumFit {
  /** The factor on the model's steps; 1 when not fitted. */
  factor: number;
  app: Lognormal | null;
  /** Root mean square distance between the fitted and observed quantiles (minutes). */
  rmse: number;
  /** With apps: the same at the steps' defaults (factor 1), the apps alone fitted. */
  rmseAtDefaults?: number;
  /** With apps: what a factor must gain over the defaults to be taken (the quantiles' sampling noise, minutes). */
  noise?: number;
  /** Why the factor is what it is, in words. */
  basis: 'fitted' | 'defaults: not told apart from the apps' | 'not fitted';
}

/** Nelder-Mead on a few dimensions: the textbook simplex (reflection 1, expansion 2, contraction and shrink 1/2). */
export function nelderMead(f: (x: number[]) => number, start: number[], step: number[], iterations = 400, tolerance = 1e-5): { x: number[]; value: number } {
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step[i]! : v)))].map((x) => ({ x, value: f(x) }));
  const combine = (a: number[], b: number[], t: number) => a.map((v, i) => v + t * (b[i]! - v));
  for (let it = 0; it < iterations; it++) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.value - best.value) <= tolerance * (Math.abs(best.value) + 1e-3)) break;
    const centroid = start.map((_, i) => simplex.slice(0, n).reduce((a, s) => a + s.x[i]!, 0) / n);
    const reflected = combine(centroid, worst.x, -1);
    const fr = f(reflected);
    if (fr < best.value) {
      const expanded = combine(centroid, worst.x, -2);
      const fe = f(expanded);
      simplex[n] = fe < fr ? { x: expanded, value: fe } : { x: reflected, value: fr };
    } else if (fr < simplex[n - 1]!.value) {
      simplex[n] = { x: reflected, value: fr };
    } else {
      const contracted = combine(centroid, worst.x, fr < worst.value ? -0.5 : 0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, worst.value)) simplex[n] = { x: contracted, value: fc };
      else simplex = simplex.map((s, i) => (i === 0 ? s : { x: combine(best.x, s.x, 0.5), value: f(combine(best.x, s.x, 0.5)) }));
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return simplex[0]!;
}

export interface SumModel {
  /** The model's own steps in the phase, one per simulated successful device (minutes). */
  steps: Float64Array;
  /** A part of the duration the factor does not touch (for the enrollment rest), per device; zeros when none. */
  fixed?: Float64Array;
  /** Apps in the phase. */
  count: number;
  /** Simulated durations above this are not successes (the ESP timeout); Infinity for none. */
  limit: number;
  /**
   * The share of the phase's deployments the tenant saw fail there in a way the ESP's timer could
   * (timed out, or failed with no code): the most the fit may put above the limit. Without it,
   * apps with a long tail matched the successes' quantiles while the model's ESP timer ended two
   * thirds of the deployments (a pre-provisioning tenant at 92% success got a twin that failed 66%
   * at device setup). Absent: no bound.
   */
  failedShare?: number;
  /** Where the factor's search starts (default 1, the defaults). */
  factorStart?: number;
  seed: number;
}

/**
 * Fit the factor on the steps and the apps' lognormal to an observed distribution. `start` is the
 * moment start of the apps (null: no apps); `fitFactor` false keeps the factor at 1.
 *
 * With apps, the factor and the apps' median trade off along a ridge: a sum of the model's steps
 * and n lognormals looks much the same with slower steps and faster apps, and the quantiles of a
 * few thousand deployments (and of the simulated steps) cannot tell them apart. So the factor is
 * taken only when it fits clearly better than the defaults (the apps alone refitted): by more than
 * twice the sampling noise of the quantiles. Otherwise the model's defaults stand (they are
 * documented values or marked estimates) and the apps carry the phase. Without apps the factor is
 * what the phase is made of, and is fitted.
 */
export function fitSum(target: Histogram, model: SumModel, start: Lognormal | null, fitFactor: boolean, defaultsRuledOut = false): SumFit {
  if (!fitFactor) return { ...fitOnce(target, model, start, false), basis: 'not fitted' };
  const free = fitOnce(target, model, start, true);
  // Where the defaults cannot be right (the phase is shorter than the model's steps alone), there is no ridge to stay on.
  if (!start || model.count === 0 || defaultsRuledOut) return { ...free, basis: 'fitted' };
  const fixed = fitOnce(target, model, start, false);
  // Standard error of a quantile of n draws, about 1.25 sd / sqrt(n) in the middle of a distribution, for the
  // observed and the simulated side; and the 0.25-minute bins the observed quantiles are read from.
  // The spread from the quartiles (as a normal's sd), not the variance: one success recorded at 95
  // hours among 115 self-deploying device setups of about 26 minutes made the noise 72 minutes,
  // which no factor could beat, and the twin's comment read 'twice the noise (71.74 min)'.
  const noise = quantileNoise(target, model.steps.length);
  const gain = fixed.rmse - free.rmse;
  const out = gain > 2 * noise ? { ...free, basis: 'fitted' as const } : { ...fixed, basis: 'defaults: not told apart from the apps' as const };
  return { ...out, rmseAtDefaults: fixed.rmse, noise };
}

/** The sampling noise of the quantiles matched (minutes): of `target`'s durations, of `simulated` steps, and of the 0.25-minute bins. */
export function quantileNoise(target: Histogram, simulated: number): number {
  return 1.25 * robustSd(target) * Math.sqrt(1 / target.n + 1 / simulated) + 0.25 / Math.sqrt(12);
}

/**
 * The fit of several starts to take: the best, unless another fits as well within the quantiles' noise with its factor
 * nearer the defaults. Where the durations cannot tell the starts apart (the steps a little faster with light apps, or the
 * steps at almost nothing with the apps most of the phase), the model's defaults are the better guess, as they are on the ridge.
 */
export function bestOfStarts(fits: SumFit[], target: Histogram, simulated: number): SumFit {
  const best = Math.min(...fits.map((f) => f.rmse));
  const noise = quantileNoise(target, simulated);
  return fits.filter((f) => f.rmse <= best + noise).sort((a, b) => Math.abs(Math.log(a.factor)) - Math.abs(Math.log(b.factor)) || a.rmse - b.rmse)[0]!;
}

/** A standard deviation from the interquartile range (IQR / 1.349 for a normal), which a few outliers do not move. */
function robustSd(h: Histogram): number {
  const q1 = h.quantile(0.25);
  const q3 = h.quantile(0.75);
  return q1 === null || q3 === null ? 0 : Math.max(0, q3 - q1) / 1.349;
}

function histogramVariance(h: Histogram): number {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const [start, c] of h.bins()) {
    const x = start + 0.125;
    const n2 = n + c;
    const d = x - mean;
    mean += (d * c) / n2;
    m2 += d * c * (x - mean);
    n = n2;
  }
  return n > 1 ? m2 / (n - 1) : 0;
}

function fitOnce(target: Histogram, model: SumModel, start: Lognormal | null, fitFactor: boolean): Omit<SumFit, 'basis'> {
  const observed = PROBS.map((p) => target.quantile(p) ?? 0);
  const m = model.steps.length;
  const apps = start ? model.count : 0;
  const r = createRandom(model.seed ^ 0x5bd1e995, 7);
  const z = new Float64Array(m * apps);
  for (let i = 0; i < z.length; i++) z[i] = Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
  const sample = new Float64Array(m);
  const simulatedQuantiles = (k: number, median: number, sigma: number): number[] | null => {
    let n = 0;
    for (let i = 0; i < m; i++) {
      let d = k * model.steps[i]! + (model.fixed ? model.fixed[i]! : 0);
      for (let j = 0; j < apps; j++) d += median * Math.exp(sigma * z[i * apps + j]!);
      if (d <= model.limit) sample[n++] = d;
    }
    if (n < m / 4) return null;
    over = 1 - n / m;
    const s = sample.subarray(0, n).sort();
    return PROBS.map((p) => s[Math.max(0, Math.ceil(p * n) - 1)]!);
  };
  let over = 0;
  // The share over the limit may exceed the tenant's failures by their sampling error and the
  // simulated draws', and a half point; beyond that, each point costs as much as the observed
  // spread (sd) off every quantile, so a tail the tenant never timed out on does not pay.
  // The tenant's share is a sample of target.n deployments, but no fewer than PILOT_FLOOR are taken: a pilot's 20 let the
  // twin time out 5.6% of deployments where the tenant lost none (its quantiles, as noisy, gained nothing by it).
  const nObserved = Math.max(target.n, PILOT_FLOOR);
  const allowed = model.failedShare === undefined ? 1 : model.failedShare + 2 * Math.sqrt(Math.max(model.failedShare, 0.01) / nObserved + Math.max(model.failedShare, 0.01) / m) + 0.005;
  const spread = Math.sqrt(Math.max(histogramVariance(target), 1));
  const loss = (k: number, median: number, sigma: number) => {
    const q = simulatedQuantiles(k, median, sigma);
    if (!q) return 1e12;
    let e = 0;
    for (let i = 0; i < q.length; i++) e += (q[i]! - observed[i]!) ** 2;
    const excess = Math.max(0, over - allowed);
    return e / q.length + (100 * excess * spread) ** 2;
  };
  const [kLo, kHi] = FACTOR_RANGE;
  const bound = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
  // Parameters on log scales: log k, log median, log sigma.
  const unpack = (x: number[]) => {
    const k = fitFactor ? bound(Math.exp(x[0]!), kLo, kHi) : 1;
    const o = fitFactor ? 1 : 0;
    return { k, median: apps ? bound(Math.exp(x[o]!), 0.005, 1e4) : 0, sigma: apps ? bound(Math.exp(x[o + 1]!), 0.01, 3) : 0 };
  };
  const x0: number[] = [];
  const step: number[] = [];
  if (fitFactor) x0.push(Math.log(model.factorStart ?? 1)), step.push(0.3);
  if (apps && start) x0.push(Math.log(start.median), Math.log(Math.max(0.02, Math.log(start.p90 / start.median) / Z90))), step.push(0.3, 0.3);
  if (x0.length === 0) return { factor: 1, app: null, rmse: Math.sqrt(loss(1, 0, 0)) };
  const objective = (x: number[]) => {
    const p = unpack(x);
    return loss(p.k, p.median, p.sigma);
  };
  // A restart from the first answer with smaller steps, as a simplex may stall on the ridge where
  // the factor and the apps' median trade off.
  let best = nelderMead(objective, x0, step, 300);
  best = nelderMead(objective, best.x, step.map((s) => s / 4), 150);
  const p = unpack(best.x);
  return {
    factor: p.k,
    app: apps ? { median: p.median, p90: p.median * Math.exp(Z90 * p.sigma) } : null,
    rmse: Math.sqrt(best.value),
  };
}

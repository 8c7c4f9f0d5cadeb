// The tenant's ESP profiles within a segment. A twin is one environment a segment, so its failure and successOnRetry
// probabilities are one each: the mix of the tenant's profiles, in the observed proportions. That is right for the tenant
// as a whole; where the profiles' rates differ beyond chance, a what-if for one profile's devices is not, and the
// calibration says so, with each profile's share.
import { count, pct } from '../format.ts';
import { Histogram } from '../fleet/stats.ts';

/** Deployments of one ESP profile in a segment, and how many ended failed or succeeded on retry. */
export interface ProfileTally {
  /** The hash of the profile id the deployments give (windows10EnrollmentCompletionPageConfigurationId), to match an exported profile by. */
  idKey?: string;
  events: number;
  retried: number;
  failed: number;
  /** deviceSetupDuration of its first-time successes: where the profiles' differ, the twin's fitted apps are their mix (durationFlags). */
  deviceSetup?: Histogram;
  /** deviceSetupDuration of its failures without an error code at device setup: those that lasted the timeout its timer ended. */
  uncoded?: Histogram;
}

/** Profiles told apart in a segment; past this many, the rest are counted together (memory stays bounded). */
export const MAX_PROFILES = 100;
/** The key under which profiles past MAX_PROFILES, or deployments naming none, are counted. */
export const OTHER_PROFILES = '';
/** Deployments a profile needs for its rate to be held against the others'. */
const MIN_PROFILE_DEPLOYMENTS = 30;
/** How unlikely the spread must be by chance to be flagged: strict, as a flag for noise would send the admin splitting exports for nothing. */
const P_FLAG = 0.001;

/**
 * A profile's display name as an output may show it: shared by at least MIN_PROFILE_DEPLOYMENTS deployments (a serial,
 * a device's or a user's name in the wrong column is one deployment's), not a mail address or a GUID, not long.
 */
export const shown = (name: string): boolean => name.length <= 64 && !/@/.test(name) && !/[0-9a-f]{8}-[0-9a-f]{4}-/i.test(name) && /\p{L}/u.test(name);

/** How a profile's devices get a twin of their own: a deployment profile by --deployment-profile, an ESP profile by an export of its deployments. */
const alone = (kind: string) => (kind === 'deployment profile' ? 'calibrate with --deployment-profile and its name, which keeps its deployments alone' : "calibrate an export of that profile's deployments alone");

/** ln Γ(x), Lanczos (g = 7, n = 9), for x > 0. */
function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

const lnFactorial = (n: number) => lnGamma(n + 1);

/**
 * Fisher's exact test, two-sided: how likely, were the rate the same, a split of hits at least as uneven as `a` of `n1`
 * beside `b` of `n2`. Exact, as retries and failures are often few: a chi-square read one retry in a profile of 30 beside
 * none in 500 as p 0.00005, where the chance is 30 in 530.
 */
export function fisherExact(a: number, n1: number, b: number, n2: number): number {
  const hits = a + b;
  const n = n1 + n2;
  const ln = (x: number) => lnFactorial(n1) - lnFactorial(x) - lnFactorial(n1 - x) + lnFactorial(n2) - lnFactorial(hits - x) - lnFactorial(n2 - hits + x) - (lnFactorial(n) - lnFactorial(hits) - lnFactorial(n - hits));
  const observed = ln(a);
  let p = 0;
  for (let x = Math.max(0, hits - n2); x <= Math.min(hits, n1); x++) {
    const l = ln(x);
    if (l <= observed + 1e-7) p += Math.exp(l);
  }
  return Math.min(1, p);
}

/**
 * Flags where the tenant's ESP profiles in a segment fail, or succeed on retry, at rates that differ beyond chance (each
 * profile of MIN_PROFILE_DEPLOYMENTS or more against the others, Fisher's exact test, p below P_FLAG once multiplied by
 * the comparisons made), naming each profile's share: the twin's one probability is their mix.
 */
export function profileFlags(profiles: ReadonlyMap<string, ProfileTally & { name: string | null }>, events: number, kind = 'ESP profile'): string[] {
  const big = [...profiles].filter(([k, t]) => k !== OTHER_PROFILES && t.events >= MIN_PROFILE_DEPLOYMENTS).sort((a, b) => b[1].events - a[1].events);
  const rest = events - big.reduce((a, [, t]) => a + t.events, 0);
  const others = { events: rest, retried: 0, failed: 0 };
  for (const [k, t] of profiles) {
    if (big.some(([b]) => b === k)) continue;
    others.retried += t.retried;
    others.failed += t.failed;
  }
  const groups: Array<{ label: string } & ProfileTally> = big.map(([, t], i) => ({ label: t.name && shown(t.name) ? `"${t.name}"` : `${kind} ${i + 1} (its name not shown)`, ...t }));
  if (others.events >= MIN_PROFILE_DEPLOYMENTS) groups.push({ label: `${groups.length ? 'the other profiles' : `deployments naming no ${kind}`}`, ...others });
  if (groups.length < 2) return [];
  const out: string[] = [];
  for (const [what, key, twin] of [
    ['successes on retry (Graph\'s successOnRetry)', 'retried', 'its one successOnRetry probability'],
    ['final failures', 'failed', 'its one probability of each failure'],
  ] as const) {
    const total = groups.reduce((a, g) => a + g.events, 0);
    const hits = groups.reduce((a, g) => a + g[key], 0);
    // Each group against the rest (with two, one comparison), the chance multiplied by the comparisons made (Bonferroni).
    const comparisons = groups.length === 2 ? 1 : groups.length;
    const p = Math.min(1, comparisons * Math.min(...groups.slice(0, comparisons).map((g) => fisherExact(g[key], g.events, hits - g[key], total - g.events))));
    if (p >= P_FLAG) continue;
    const shares = groups.map((g) => `${g.label} ${pct(g[key] / g.events)} of ${count(g.events)}`).join(', ');
    out.push(`${what} differ between the tenant's ${kind}s beyond chance (Fisher's exact test, each against the rest, p ${p < 0.0001 ? '< 0.0001' : p.toFixed(4)}): ${shares}; the twin is one environment for the segment, and ${twin} is their mix in the observed proportions (${pct(hits / total)}), right for the segment as a whole, not for one profile's devices: for those, ${alone(kind)}`);
  }
  return out;
}

/** Kolmogorov's distribution: the chance that two samples of one distribution lie `d` apart or more (asymptotic, Stephens' correction). */
function ksP(d: number, n1: number, n2: number): number {
  const ne = (n1 * n2) / (n1 + n2);
  const l = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d;
  if (l < 0.3) return 1;
  let p = 0;
  for (let k = 1; k <= 100; k++) p += 2 * (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * l * l);
  return Math.max(0, Math.min(1, p));
}

/** Kolmogorov-Smirnov distance of two histograms on the same bins (unrounded; fit.ts ksDistance rounds it). */
export function ks(a: Histogram, b: Histogram): number {
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
  return d;
}

/**
 * Where the profiles' device setups took apart beyond chance (each profile with MIN_PROFILE_DEPLOYMENTS durations or more
 * against the rest, two-sample Kolmogorov-Smirnov, p below P_FLAG once multiplied by the comparisons), each profile's
 * median, p90 and the share of its deployments that lasted the ESP's timeout without an error code (`limit`, its timer's
 * ends): the twin's apps are fitted to their mix, one lognormal for all, so its timer ends the segment's share at best
 * (site-durations.test.ts: 4.1% of the twin's deployments, 4.2% of the tenant's, none of them at one site and 12.5% at
 * the other, which the twin cannot tell apart), and a what-if on the timeout or the apps answers for the mix, not for a site.
 */
export function durationFlags(profiles: ReadonlyMap<string, ProfileTally & { name: string | null }>, events: number, limit: number, kind = 'ESP profile'): string[] {
  const big = [...profiles].filter(([k, t]) => k !== OTHER_PROFILES && (t.deviceSetup?.n ?? 0) >= MIN_PROFILE_DEPLOYMENTS).sort((a, b) => b[1].events - a[1].events);
  const others = { events: 0, deviceSetup: new Histogram(), uncoded: new Histogram() };
  for (const [k, t] of profiles) {
    if (big.some(([b]) => b === k)) continue;
    others.events += t.events;
    if (t.deviceSetup) others.deviceSetup.merge(t.deviceSetup);
    if (t.uncoded) others.uncoded.merge(t.uncoded);
  }
  const groups = big.map(([, t], i) => ({ label: t.name && shown(t.name) ? `"${t.name}"` : `${kind} ${i + 1} (its name not shown)`, events: t.events, deviceSetup: t.deviceSetup!, uncoded: t.uncoded ?? new Histogram() }));
  if (others.deviceSetup.n >= MIN_PROFILE_DEPLOYMENTS) groups.push({ label: `${groups.length ? 'the other profiles' : `deployments naming no ${kind}`}`, ...others });
  if (groups.length < 2 || events === 0) return [];
  const comparisons = groups.length === 2 ? 1 : groups.length;
  const rest = (g: (typeof groups)[number]) => {
    const h = new Histogram();
    for (const o of groups) if (o !== g) h.merge(o.deviceSetup);
    return h;
  };
  const p = Math.min(1, comparisons * Math.min(...groups.slice(0, comparisons).map((g) => { const r = rest(g); return ksP(ks(g.deviceSetup, r), g.deviceSetup.n, r.n); })));
  if (p >= P_FLAG) return [];
  const m = (x: number | null) => (x === null ? '-' : x.toFixed(1));
  const each = groups.map((g) => `${g.label} median ${m(g.deviceSetup.quantile(0.5))} min, p90 ${m(g.deviceSetup.quantile(0.9))} (${count(g.deviceSetup.n)} first-time successes), ${pct(g.uncoded.countFrom(limit - 1) / g.events)} of its ${count(g.events)} deployments at the timeout without an error code`).join('; ');
  return [`device setup durations differ between the tenant's ${kind}s beyond chance (two-sample Kolmogorov-Smirnov, each against the rest, p ${p < 0.0001 ? '< 0.0001' : p.toFixed(4)}): ${each}; the twin's apps are fitted to their mix, one install time for every device: its durations, and the deployments its own ESP timer ends, are the segment's as a whole, not a profile's, and a what-if on the timeout or the apps answers for the mix, not for one profile's devices: for those, ${alone(kind)}`];
}

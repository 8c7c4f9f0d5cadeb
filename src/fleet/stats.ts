// Streaming statistics over a fleet: counts, integer millisecond sums and fixed-bin
// histograms, so memory does not grow with the fleet and partial results from any
// number of workers merge to exactly the same totals.
import { parseCause } from '../catalog/causes.ts';
import type { Outcome } from '../engine/simulate.ts';

const MS = 60_000;
/** Histogram bins: a quarter of a minute each, up to ten days; beyond that, the last bin. */
const BIN_MINUTES = 0.25;
const BINS = Math.ceil((10 * 24 * 60) / BIN_MINUTES);

export class Histogram {
  counts: Uint32Array;
  n = 0;
  /** Exact extremes, so that quantiles never leave the observed range. */
  min = Infinity;
  max = -Infinity;
  constructor(counts?: Uint32Array, min = Infinity, max = -Infinity) {
    this.counts = counts ?? new Uint32Array(BINS);
    if (counts) for (const c of counts) this.n += c;
    this.min = min;
    this.max = max;
  }
  add(minutes: number): void {
    this.counts[Math.min(BINS - 1, Math.max(0, Math.floor(minutes / BIN_MINUTES)))]! += 1;
    this.n++;
    if (minutes < this.min) this.min = minutes;
    if (minutes > this.max) this.max = minutes;
  }
  merge(o: Histogram): void {
    for (let i = 0; i < BINS; i++) this.counts[i]! += o.counts[i]!;
    this.n += o.n;
    this.min = Math.min(this.min, o.min);
    this.max = Math.max(this.max, o.max);
  }
  /** The q-quantile, as the middle of its bin (minutes); null when empty. */
  quantile(q: number): number | null {
    if (this.n === 0) return null;
    const target = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    const clamp = (m: number) => Math.min(this.max, Math.max(this.min, m));
    for (let i = 0; i < BINS; i++) {
      seen += this.counts[i]!;
      if (seen >= target) return clamp((i + 0.5) * BIN_MINUTES);
    }
    return clamp((BINS - 0.5) * BIN_MINUTES);
  }
  /** Non-empty bins as [minutes, count], for charts. */
  bins(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < BINS; i++) if (this.counts[i]) out.push([i * BIN_MINUTES, this.counts[i]!]);
    return out;
  }
}

interface Tally {
  devices: number;
  succeeded: number;
  failed: number;
  fellBack: number;
  stopped: number;
  firstTimeRight: number;
  /** Sums over successful devices, integer milliseconds. */
  totalMs: number;
  endUserMs: number;
  technicianMs: number;
}

const emptyTally = (): Tally => ({ devices: 0, succeeded: 0, failed: 0, fellBack: 0, stopped: 0, firstTimeRight: 0, totalMs: 0, endUserMs: 0, technicianMs: 0 });

function addTally(t: Tally, o: Outcome): void {
  t.devices++;
  if (o.status === 'succeeded') {
    t.succeeded++;
    t.totalMs += Math.round(o.totalMinutes * MS);
    t.endUserMs += Math.round(o.endUserMinutes * MS);
    t.technicianMs += Math.round(o.technicianMinutes * MS);
  } else if (o.status === 'failed') t.failed++;
  else if (o.status === 'fell-back-to-oobe') t.fellBack++;
  else t.stopped++;
  if (o.firstTimeRight) t.firstTimeRight++;
}

function mergeTally(a: Tally, b: Tally): void {
  for (const k of Object.keys(a) as Array<keyof Tally>) a[k] += b[k];
}

/**
 * One failure mode's parameters, summarised so that partial results merge exactly: numbers as
 * their count, range and integer-free sum; text values (an app's name) as counts per value.
 */
export interface ParamTally {
  n: number;
  min: number;
  max: number;
  sum: number;
  values: Array<[string, number]> | null;
}

/** A failure mode: devices, and what its parameters were. Key: "phase|code|cause template". */
export interface ModeTally {
  devices: number;
  params: Record<string, ParamTally>;
}

/** The key of a failure mode: phase, code and cause template (the values stay out of it). */
export function modeOf(o: Outcome): { key: string; params: Record<string, string | number> } {
  if (o.status === 'fell-back-to-oobe') {
    const { template, params } = parseCause(o.fallbackReason ?? '');
    return { key: `oobe|fell back to ordinary OOBE|${template}`, params };
  }
  const { template, params } = parseCause(o.cause ?? '');
  return { key: `${o.failedPhase ?? ''}|${o.errorCode ?? o.status}|${template}`, params };
}

function addParams(t: ModeTally, params: Record<string, string | number>): void {
  for (const [name, v] of Object.entries(params)) {
    const p = (t.params[name] ??= { n: 0, min: Infinity, max: -Infinity, sum: 0, values: null });
    p.n++;
    if (typeof v === 'number') {
      p.min = Math.min(p.min, v);
      p.max = Math.max(p.max, v);
      p.sum += v;
    } else {
      const values = (p.values ??= []);
      const hit = values.find((x) => x[0] === v);
      if (hit) hit[1]++;
      else values.push([v, 1]);
    }
  }
}

function mergeModes(mine: Map<string, ModeTally>, theirs: Map<string, ModeTally> | Array<[string, ModeTally]>): void {
  for (const [k, t] of theirs) {
    let m = mine.get(k);
    if (!m) mine.set(k, (m = { devices: 0, params: {} }));
    m.devices += t.devices;
    for (const [name, p] of Object.entries(t.params)) {
      const q = (m.params[name] ??= { n: 0, min: Infinity, max: -Infinity, sum: 0, values: null });
      q.n += p.n;
      q.min = Math.min(q.min, p.min);
      q.max = Math.max(q.max, p.max);
      q.sum += p.sum;
      if (p.values) {
        const values = (q.values ??= []);
        for (const [v, c] of p.values) {
          const hit = values.find((x) => x[0] === v);
          if (hit) hit[1] += c;
          else values.push([v, c]);
        }
      }
    }
  }
}

const cloneModes = (m: Map<string, ModeTally>): Array<[string, ModeTally]> =>
  [...m].map(([k, t]) => [k, { devices: t.devices, params: Object.fromEntries(Object.entries(t.params).map(([n, p]) => [n, { ...p, values: p.values ? p.values.map((x) => [x[0], x[1]] as [string, number]) : null }])) }]);

/** Everything a fleet run accumulates. Plain data, so it crosses a worker boundary. */
export class Accumulator {
  all = emptyTally();
  groups: Tally[];
  sites: Tally[];
  total = new Histogram();
  endUser = new Histogram();
  technician = new Histogram();
  /** Milliseconds per phase summed over every device (success or not). */
  phaseMs = new Map<string, number>();
  /** Failure modes, "phase|code|cause template" -> devices and parameters; the fallbacks too, under phase "oobe". */
  failures = new Map<string, ModeTally>();
  groupFailures: Array<Map<string, number>>;
  siteFailures: Array<Map<string, number>>;
  /** Finding id -> successful devices that reached the desktop with it. */
  findings = new Map<string, number>();

  constructor(groups: number, sites: number) {
    this.groups = Array.from({ length: groups }, emptyTally);
    this.sites = Array.from({ length: sites }, emptyTally);
    this.groupFailures = Array.from({ length: groups }, () => new Map());
    this.siteFailures = Array.from({ length: sites }, () => new Map());
  }

  add(o: Outcome, group: number, site: number): void {
    addTally(this.all, o);
    addTally(this.groups[group]!, o);
    addTally(this.sites[site]!, o);
    if (o.status === 'succeeded') {
      this.total.add(o.totalMinutes);
      this.endUser.add(o.endUserMinutes);
      this.technician.add(o.technicianMinutes);
      if (o.findings) for (const f of o.findings) this.findings.set(f, (this.findings.get(f) ?? 0) + 1);
    }
    for (const p in o.phaseMinutes) this.phaseMs.set(p, (this.phaseMs.get(p) ?? 0) + Math.round(o.phaseMinutes[p]! * MS));
    if (o.status !== 'succeeded') {
      const { key, params } = modeOf(o);
      let t = this.failures.get(key);
      if (!t) this.failures.set(key, (t = { devices: 0, params: {} }));
      t.devices++;
      addParams(t, params);
      const gf = this.groupFailures[group]!;
      gf.set(key, (gf.get(key) ?? 0) + 1);
      const sf = this.siteFailures[site]!;
      sf.set(key, (sf.get(key) ?? 0) + 1);
    }
  }

  merge(o: Accumulator): void {
    mergeTally(this.all, o.all);
    o.groups.forEach((t, i) => mergeTally(this.groups[i]!, t));
    o.sites.forEach((t, i) => mergeTally(this.sites[i]!, t));
    this.total.merge(o.total);
    this.endUser.merge(o.endUser);
    this.technician.merge(o.technician);
    for (const [k, v] of o.phaseMs) this.phaseMs.set(k, (this.phaseMs.get(k) ?? 0) + v);
    mergeModes(this.failures, o.failures);
    const mergeInto = (mine: Array<Map<string, number>>, theirs: Array<Map<string, number>>) =>
      theirs.forEach((m, i) => {
        for (const [k, v] of m) mine[i]!.set(k, (mine[i]!.get(k) ?? 0) + v);
      });
    mergeInto(this.groupFailures, o.groupFailures);
    mergeInto(this.siteFailures, o.siteFailures);
    for (const [k, v] of o.findings) this.findings.set(k, (this.findings.get(k) ?? 0) + v);
  }

  /** Structured-clone friendly form (worker messages). */
  toData(): AccumulatorData {
    return {
      all: this.all,
      groups: this.groups,
      sites: this.sites,
      total: histogramData(this.total),
      endUser: histogramData(this.endUser),
      technician: histogramData(this.technician),
      phaseMs: [...this.phaseMs],
      failures: cloneModes(this.failures),
      groupFailures: this.groupFailures.map((m) => [...m]),
      siteFailures: this.siteFailures.map((m) => [...m]),
      findings: [...this.findings],
    };
  }

  static fromData(d: AccumulatorData): Accumulator {
    const a = new Accumulator(d.groups.length, d.sites.length);
    a.all = d.all;
    a.groups = d.groups;
    a.sites = d.sites;
    a.total = histogramFrom(d.total);
    a.endUser = histogramFrom(d.endUser);
    a.technician = histogramFrom(d.technician);
    a.phaseMs = new Map(d.phaseMs);
    mergeModes(a.failures, d.failures);
    a.groupFailures = d.groupFailures.map((e) => new Map(e));
    a.siteFailures = d.siteFailures.map((e) => new Map(e));
    a.findings = new Map(d.findings);
    return a;
  }
}

/** A histogram as its non-empty bins: small to send between threads. */
interface HistogramData {
  bins: number[];
  counts: number[];
  min: number;
  max: number;
}

function histogramData(h: Histogram): HistogramData {
  const bins: number[] = [];
  const counts: number[] = [];
  h.counts.forEach((c, i) => {
    if (c) {
      bins.push(i);
      counts.push(c);
    }
  });
  return { bins, counts, min: h.min, max: h.max };
}

function histogramFrom(d: HistogramData): Histogram {
  const counts = new Uint32Array(BINS);
  d.bins.forEach((b, i) => (counts[b] = d.counts[i]!));
  return new Histogram(counts, d.min, d.max);
}

export interface AccumulatorData {
  all: Tally;
  groups: Tally[];
  sites: Tally[];
  total: HistogramData;
  endUser: HistogramData;
  technician: HistogramData;
  phaseMs: Array<[string, number]>;
  failures: Array<[string, ModeTally]>;
  groupFailures: Array<Array<[string, number]>>;
  siteFailures: Array<Array<[string, number]>>;
  findings: Array<[string, number]>;
}

export type { Tally };

/** Wilson score interval for a proportion, 95%. */
export function wilson(successes: number, n: number): [number, number] {
  if (n === 0) return [0, 0];
  const z = 1.959963984540054;
  const p = successes / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

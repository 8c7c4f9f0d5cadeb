// Streaming statistics over a fleet: counts, integer millisecond sums and fixed-bin
// histograms, so memory does not grow with the fleet and partial results from any
// number of workers merge to exactly the same totals.
import { parseCause } from '../world/failure-modes.ts';
import { PHASE_ORDER, type MachinePhase } from '../catalog/vocabulary.ts';
import { roundShare } from '../format.ts';
import { activeMinutes, endedInTechnicianFlow, hundredths, type OutcomeObserver } from '../engine/observers.ts';
import type { Outcome } from '../engine/simulate.ts';
import { endSought, noUserEndScreen, type SuccessEnds } from '../catalog/continued.ts';
import type { Environment } from '../environment/schema.ts';

type NoUserEnd = ReturnType<typeof noUserEndScreen>;

const MS = 60_000;
/** A hundredth of a minute in ms. */
const HUNDREDTH_MS = MS / 100;
/** Coarse bins (observed durations, charts): a quarter of a minute each. */
const BIN_MINUTES = 0.25;
/** Outcome figures are minutes to the hundredth: fleets keep one bin per hundredth, so their quantiles are exact. */
export const EXACT_MINUTES = 0.01;
/** Bins cover ten days; beyond that, the last bin. */
const RANGE_MINUTES = 10 * 24 * 60;
/** Bins are kept in pages of this many, allocated when a value first falls in them. */
const PAGE_BITS = 9;
/** Bins added but not yet counted into pages: a fleet chunk's histograms stay a list of at most this many. */
const PENDING = 4096;
const PAGE = 1 << PAGE_BITS;
/** Pending bins spanning fewer than this many are counted in an array over their span instead of sorted. */
const SPAN = 1 << 16;

/**
 * A histogram over fixed bins, stored sparsely: only the pages of bins that hold values
 * exist, so an empty or narrow histogram costs a few hundred bytes to make, send between
 * threads and merge (a fleet chunk's durations span minutes, not the ten days the bins cover).
 * Counts are integers: histograms merge to the same totals in any order.
 */
export class Histogram {
  /** How many bins there are, and how many of them one coarse (chart) bin of a quarter of a minute holds. */
  private readonly bins_: number;
  private readonly perChartBin: number;
  /**
   * `binMinutes` 0.25 (the default): values anywhere, each counted in the quarter of a minute it
   * falls in, quantiles at the middle of their bin. `EXACT_MINUTES`: values on the hundredth
   * of a minute (outcome figures), each counted as itself, so a quantile is the value itself.
   */
  constructor(readonly binMinutes: number = BIN_MINUTES) {
    this.bins_ = Math.ceil(RANGE_MINUTES / binMinutes);
    this.perChartBin = Math.round(BIN_MINUTES / binMinutes);
  }
  private get exact(): boolean {
    return this.binMinutes !== BIN_MINUTES;
  }
  /** Page index -> counts of its PAGE bins. */
  readonly pages = new Map<number, Uint32Array>();
  n = 0;
  /** Exact extremes, so that quantiles never leave the observed range. */
  min = Infinity;
  max = -Infinity;
  private lastKey = -1;
  private last: Uint32Array | null = null;
  /** Bins added since the last count into pages (a chunk's few thousand values never make pages at all). */
  private pending = new Int32Array(0);
  private pendingCount = 0;

  private page(key: number): Uint32Array {
    if (key === this.lastKey) return this.last!;
    let p = this.pages.get(key);
    if (!p) this.pages.set(key, (p = new Uint32Array(PAGE)));
    this.lastKey = key;
    this.last = p;
    return p;
  }
  add(minutes: number): void {
    const at = this.exact ? Math.round(minutes / this.binMinutes) : Math.floor(minutes / this.binMinutes);
    if (this.pendingCount === this.pending.length) this.grow();
    this.pending[this.pendingCount++] = Math.min(this.bins_ - 1, Math.max(0, at));
    if (this.pendingCount >= PENDING) this.flush();
    this.n++;
    if (minutes < this.min) this.min = minutes;
    if (minutes > this.max) this.max = minutes;
  }
  /** Room for more pending bins: doubled, up to PENDING (a typed array, so adding a bin stores an integer). */
  private grow(): void {
    const more = new Int32Array(Math.min(PENDING, Math.max(64, this.pending.length * 2)));
    more.set(this.pending);
    this.pending = more;
  }
  private flush(): void {
    for (let i = 0; i < this.pendingCount; i++) {
      const bin = this.pending[i]!;
      this.page(bin >> PAGE_BITS)[bin & (PAGE - 1)]! += 1;
    }
    this.pendingCount = 0;
  }
  merge(o: Histogram): void {
    o.flush();
    for (const [key, theirs] of o.pages) {
      const mine = this.page(key);
      for (let i = 0; i < PAGE; i++) mine[i]! += theirs[i]!;
    }
    this.n += o.n;
    this.min = Math.min(this.min, o.min);
    this.max = Math.max(this.max, o.max);
  }
  /** Non-empty bins as [bin index, count], in order. */
  entries(): Array<[number, number]> {
    const { bins, counts } = this.nonEmpty();
    const out: Array<[number, number]> = new Array(bins.length);
    for (let i = 0; i < bins.length; i++) out[i] = [bins[i]!, counts[i]!];
    return out;
  }
  /** Non-empty bins and their counts, in bin order. */
  private nonEmpty(): { bins: Int32Array; counts: Uint32Array } {
    if (this.pages.size === 0) return this.pendingBins();
    this.flush();
    const keys = [...this.pages.keys()].sort((a, b) => a - b);
    let size = 0;
    for (const key of keys) {
      const p = this.pages.get(key)!;
      for (let i = 0; i < PAGE; i++) if (p[i]) size++;
    }
    const bins = new Int32Array(size);
    const counts = new Uint32Array(size);
    let j = 0;
    for (const key of keys) {
      const p = this.pages.get(key)!;
      for (let i = 0; i < PAGE; i++) {
        if (!p[i]) continue;
        bins[j] = (key << PAGE_BITS) + i;
        counts[j++] = p[i]!;
      }
    }
    return { bins, counts };
  }
  /** Only pending bins: counted without making pages, over their span when it is narrow (a chunk's), else by sorting them. */
  private pendingBins(): { bins: Int32Array; counts: Uint32Array } {
    const pending = this.pending;
    const len = this.pendingCount;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < len; i++) {
      const b = pending[i]!;
      if (b < lo) lo = b;
      if (b > hi) hi = b;
    }
    if (len > 0 && hi - lo < SPAN) {
      const tally = new Uint32Array(hi - lo + 1);
      for (let i = 0; i < len; i++) tally[pending[i]! - lo]!++;
      let size = 0;
      for (let i = 0; i < tally.length; i++) if (tally[i]) size++;
      const bins = new Int32Array(size);
      const counts = new Uint32Array(size);
      let j = 0;
      for (let i = 0; i < tally.length; i++) {
        if (!tally[i]) continue;
        bins[j] = lo + i;
        counts[j++] = tally[i]!;
      }
      return { bins, counts };
    }
    const sorted = pending.slice(0, len).sort();
    const bins: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < sorted.length; i++) {
      if (bins.length && bins[bins.length - 1] === sorted[i]) counts[counts.length - 1]!++;
      else {
        bins.push(sorted[i]!);
        counts.push(1);
      }
    }
    return { bins: Int32Array.from(bins), counts: Uint32Array.from(counts) };
  }
  /**
   * The q-quantile (minutes): the ceil(q·n)-th smallest value. Exact for values on the
   * hundredth; with quarter-minute bins, the middle of its bin. Null when empty.
   */
  quantile(q: number): number | null {
    if (this.n === 0) return null;
    const target = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    const clamp = (m: number) => Math.min(this.max, Math.max(this.min, m));
    const value = (i: number) => (this.exact ? Math.round(i * this.binMinutes * 100) / 100 : (i + 0.5) * this.binMinutes);
    for (const [i, c] of this.entries()) {
      seen += c;
      if (seen >= target) return clamp(value(i));
    }
    return clamp(value(this.bins_ - 1));
  }
  /** Non-empty quarter-minute bins as [minutes at the bin's start, count], for charts. */
  bins(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (const [i, c] of this.entries()) {
      const start = Math.floor(i / this.perChartBin) * BIN_MINUTES;
      const last = out[out.length - 1];
      if (last && last[0] === start) last[1] += c;
      else out.push([start, c]);
    }
    return out;
  }
  /** How many values lie in bins that start at or after `minutes`. */
  countFrom(minutes: number): number {
    const from = Math.ceil(minutes / this.binMinutes);
    let n = 0;
    for (const [i, c] of this.entries()) if (i >= from) n += c;
    return n;
  }
  /** Structured-clone friendly form (worker messages): the non-empty bins, at most one per value added. */
  toData(): HistogramData {
    const { bins, counts } = this.nonEmpty();
    return { bins, counts, n: this.n, min: this.min, max: this.max };
  }
  /** Adds a histogram sent as data, without building it first. */
  mergeData(d: HistogramData): void {
    for (let i = 0; i < d.bins.length; i++) {
      const b = d.bins[i]!;
      this.page(b >> PAGE_BITS)[b & (PAGE - 1)]! += d.counts[i]!;
    }
    this.n += d.n;
    this.min = Math.min(this.min, d.min);
    this.max = Math.max(this.max, d.max);
  }
}

/** A histogram as its non-empty bins and their counts: small to send between threads. */
export interface HistogramData {
  bins: Int32Array;
  counts: Uint32Array;
  n: number;
  min: number;
  max: number;
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
  /** Successful devices that ended with no one at a desktop, by where (src/catalog/continued.ts); the others reached one. */
  signInScreen: number;
  readyForNextUser: number;
  cloudPcStatus: number;
  /**
   * Devices that did not succeed, by the end they were headed for (src/catalog/continued.ts endSought): where none of a
   * slice succeeded, its words ("no device reached the sign-in screen") follow every one of its devices, not a sample.
   */
  headedDesktop: number;
  headedSignInScreen: number;
  headedReadyForNextUser: number;
  headedCloudPcStatus: number;
}

const emptyTally = (): Tally => ({
  devices: 0,
  succeeded: 0,
  failed: 0,
  fellBack: 0,
  stopped: 0,
  firstTimeRight: 0,
  totalMs: 0,
  endUserMs: 0,
  technicianMs: 0,
  signInScreen: 0,
  readyForNextUser: 0,
  cloudPcStatus: 0,
  headedDesktop: 0,
  headedSignInScreen: 0,
  headedReadyForNextUser: 0,
  headedCloudPcStatus: 0,
});

const HEADED = { desktop: 'headedDesktop', signInScreen: 'headedSignInScreen', readyForNextUser: 'headedReadyForNextUser', cloudPcStatus: 'headedCloudPcStatus' } as const satisfies Record<keyof SuccessEnds, keyof Tally>;

/** The end each environment (a plan's, parsed once per group, site and variation) heads for. */
const headedFor = new WeakMap<Environment, keyof SuccessEnds>();
function headedKey(env: Environment): keyof Tally {
  let end = headedFor.get(env);
  if (end === undefined) headedFor.set(env, (end = endSought(env)));
  return HEADED[end];
}

/** The ends a tally's devices that did not succeed were headed for, in SuccessEnds' order (empty with none). */
export function headedEnds(t: Tally): Array<keyof SuccessEnds> {
  return (Object.keys(HEADED) as Array<keyof SuccessEnds>).filter((k) => t[HEADED[k]] > 0);
}

/** A successful device's end with no one at a desktop, counted where it was (a kiosk's account is at its desktop). */
function addEnd(t: Tally, end: NoUserEnd): void {
  if (end && end !== 'kiosk') t[end]++;
}

function addTally(t: Tally, o: Outcome): void {
  t.devices++;
  if (o.status === 'succeeded') {
    t.succeeded++;
    t.totalMs += Math.round(o.totalMinutes * MS);
    t.endUserMs += Math.round(o.endUserMinutes * MS);
    t.technicianMs += Math.round(o.technicianMinutes * MS);
    if (!o.reachedDesktop) addEnd(t, noUserEndScreen({ scenario: o.scenario, followOn: o.followOn ?? null, phaseMinutes: o.phaseMinutes }));
  } else if (o.status === 'failed') t.failed++;
  else if (o.status === 'fell-back-to-oobe') t.fellBack++;
  else t.stopped++;
  if (o.firstTimeRight) t.firstTimeRight++;
}

function addSuccess(t: Tally, totalMs: number, endUserMs: number, technicianMs: number, firstTimeRight: boolean, end: NoUserEnd): void {
  addEnd(t, end);
  t.devices++;
  t.succeeded++;
  t.totalMs += totalMs;
  t.endUserMs += endUserMs;
  t.technicianMs += technicianMs;
  if (firstTimeRight) t.firstTimeRight++;
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
  /** The first device (lowest index) that failed this way: one to replay (`simulate <fleet> --device N`). */
  example: number;
  /**
   * What the devices' outcomes said (their errorMessage, src/engine/observers.ts messageOf), with how many said it: a
   * technician flow's 0x80070774 gives what the code means, a hybrid user's sign-in its screen's text (domain §2.3 T9b, §4),
   * under one mode (code, phase and cause), so the table reads the flow's own words, not the catalogue's one text.
   */
  messages: Array<[string, number]>;
}

/** The code column of a device that fell back to the ordinary OOBE (no Autopilot profile, no error code). */
export const FELL_BACK = 'fell back to ordinary OOBE';

/** The key of a failure mode: phase, code and cause template (the values stay out of it). */
export function modeOf(o: Outcome): { key: string; params: Record<string, string | number> } {
  if (o.status === 'fell-back-to-oobe') {
    const { template, params } = parseCause(o.fallbackReason ?? '');
    return { key: `oobe|${FELL_BACK}|${template}`, params };
  }
  const { template, params } = parseCause(o.cause ?? '');
  return { key: `${o.failedPhase ?? ''}|${o.errorCode ?? o.status}|${template}`, params };
}

/** A failing device in a map of modes: its devices, its parameters, its first device. */
export function addMode(modes: Map<string, ModeTally>, key: string, params: Record<string, string | number>, index: number, message: string | null = null): void {
  let t = modes.get(key);
  if (!t) modes.set(key, (t = { devices: 0, params: {}, example: index, messages: [] }));
  t.devices++;
  if (index < t.example) t.example = index;
  addParams(t, params);
  if (message !== null) countValue(t.messages, message, 1);
}

/** A value's count in a list of [value, count]: one more (or `n` more) where it is, a new entry where it is not. */
function countValue(values: Array<[string, number]>, v: string, n: number): void {
  const hit = values.find((x) => x[0] === v);
  if (hit) hit[1] += n;
  else values.push([v, n]);
}

function addParams(t: ModeTally, params: Record<string, string | number>): void {
  // for-in, not Object.entries: no array per parameter (it runs three times for each failing device: fleet, group, site).
  for (const name in params) {
    const v = params[name]!;
    const p = (t.params[name] ??= { n: 0, min: Infinity, max: -Infinity, sum: 0, values: null });
    p.n++;
    if (typeof v === 'number') {
      p.min = Math.min(p.min, v);
      p.max = Math.max(p.max, v);
      p.sum += v;
    } else {
      countValue((p.values ??= []), v, 1);
    }
  }
}

export function mergeModes(mine: Map<string, ModeTally>, theirs: Map<string, ModeTally> | Array<[string, ModeTally]>): void {
  for (const [k, t] of theirs) {
    let m = mine.get(k);
    if (!m) mine.set(k, (m = { devices: 0, params: {}, example: t.example, messages: [] }));
    m.devices += t.devices;
    m.example = Math.min(m.example, t.example);
    for (const [message, n] of t.messages) countValue(m.messages, message, n);
    for (const [name, p] of Object.entries(t.params)) {
      const q = (m.params[name] ??= { n: 0, min: Infinity, max: -Infinity, sum: 0, values: null });
      q.n += p.n;
      q.min = Math.min(q.min, p.min);
      q.max = Math.max(q.max, p.max);
      q.sum += p.sum;
      if (p.values) {
        const values = (q.values ??= []);
        for (const [v, c] of p.values) countValue(values, v, c);
      }
    }
  }
}

const cloneModes = (m: Map<string, ModeTally>): Array<[string, ModeTally]> =>
  [...m].map(([k, t]) => [k, { devices: t.devices, example: t.example, messages: t.messages.map((x) => [x[0], x[1]] as [string, number]), params: Object.fromEntries(Object.entries(t.params).map(([n, p]) => [n, { ...p, values: p.values ? p.values.map((x) => [x[0], x[1]] as [string, number]) : null }])) }]);

/** Everything a fleet run accumulates. Plain data, so it crosses a worker boundary. */
export class Accumulator {
  all = emptyTally();
  groups: Tally[];
  sites: Tally[];
  total = new Histogram(EXACT_MINUTES);
  endUser = new Histogram(EXACT_MINUTES);
  technician = new Histogram(EXACT_MINUTES);
  /**
   * Time to desktop of each group's and each site's successful devices (the reports' small multiples). A fleet's
   * only group (or only site) has the fleet's devices: its histogram is `total` itself, not a copy counted again.
   */
  groupTotal: Histogram[];
  siteTotal: Histogram[];
  /** Milliseconds per phase (index into PHASE_ORDER) summed over every device (success or not), and whether any device was in it. */
  readonly phaseMs = new Float64Array(PHASE_ORDER.length);
  readonly phaseSeen = new Uint8Array(PHASE_ORDER.length);
  /** Failure modes, "phase|code|cause template" -> devices and parameters; the fallbacks too, under phase "oobe". */
  failures = new Map<string, ModeTally>();
  /** The same per group and per site, with their parameters: a group's top failure names its app as the fleet's table does. */
  groupFailures: Array<Map<string, ModeTally>>;
  siteFailures: Array<Map<string, ModeTally>>;
  /** Finding id -> successful devices that reached the desktop with it. */
  findings = new Map<string, number>();

  constructor(groups: number, sites: number) {
    this.groups = Array.from({ length: groups }, emptyTally);
    this.sites = Array.from({ length: sites }, emptyTally);
    this.groupFailures = Array.from({ length: groups }, () => new Map());
    this.siteFailures = Array.from({ length: sites }, () => new Map());
    this.groupTotal = groups === 1 ? [this.total] : Array.from({ length: groups }, () => new Histogram(EXACT_MINUTES));
    this.siteTotal = sites === 1 ? [this.total] : Array.from({ length: sites }, () => new Histogram(EXACT_MINUTES));
  }

  /** A successful device's time to desktop, in the fleet's histogram and in its group's and site's (where they are not the fleet's). */
  private addTotal(minutes: number, group: number, site: number): void {
    this.total.add(minutes);
    if (this.groupTotal.length > 1) this.groupTotal[group]!.add(minutes);
    if (this.siteTotal.length > 1) this.siteTotal[site]!.add(minutes);
  }

  /** A device's outcome; `index` is the device's in the fleet, `env` its environment (where a device that failed was headed). */
  add(o: Outcome, group: number, site: number, index: number, env?: Environment): void {
    addTally(this.all, o);
    addTally(this.groups[group]!, o);
    addTally(this.sites[site]!, o);
    if (env && o.status !== 'succeeded') {
      const k = headedKey(env);
      this.all[k]++;
      this.groups[group]![k]++;
      this.sites[site]![k]++;
    }
    if (o.status === 'succeeded') {
      this.addTotal(o.totalMinutes, group, site);
      this.endUser.add(o.endUserMinutes);
      this.technician.add(o.technicianMinutes);
      if (o.findings) for (const f of o.findings) this.findings.set(f, (this.findings.get(f) ?? 0) + 1);
    }
    for (const p in o.phaseMinutes) this.addPhase(PHASE_ORDER.indexOf(p as MachinePhase), Math.round(o.phaseMinutes[p as MachinePhase]! * MS));
    if (o.status !== 'succeeded') {
      // Failing devices only: a successful one (the hot path, addRun) never comes here.
      const { key, params } = modeOf(o);
      addMode(this.failures, key, params, index, o.errorMessage);
      addMode(this.groupFailures[group]!, key, params, index, o.errorMessage);
      addMode(this.siteFailures[site]!, key, params, index, o.errorMessage);
    }
  }

  private addPhase(i: number, ms: number): void {
    this.phaseMs[i]! += ms;
    this.phaseSeen[i] = 1;
  }

  /** Milliseconds per phase name, for the phases any device was in. */
  phaseTotals(): Map<string, number> {
    const out = new Map<string, number>();
    for (let i = 0; i < PHASE_ORDER.length; i++) if (this.phaseSeen[i]) out.set(PHASE_ORDER[i]!, this.phaseMs[i]!);
    return out;
  }

  /**
   * A device straight from the fleet runner's outcome observer. A successful device adds the
   * same sums as `add(outcome)` without an Outcome object; any other builds its Outcome (its
   * failure mode is parsed from the cause). A device whose technician flow ran at a depot (`technicianSite`, -1: none)
   * and ended there, failed or fallen back before its user started, is counted at the depot, where that flow ran; every
   * other device at its own site, where it is delivered.
   */
  addRun(r: OutcomeObserver, seed: number, group: number, site: number, index: number, env?: Environment, technicianSite = -1): void {
    if (r.status !== 'succeeded') {
      const o = r.outcome(seed);
      this.add(o, group, technicianSite >= 0 && endedInTechnicianFlow(o) ? technicianSite : site, index, env);
      return;
    }
    const endUser = r.endUserMinutes;
    const technician = r.technicianMinutes;
    // OutcomeObserver.totalMinutes, without computing the first two clocks again.
    const total = activeMinutes(endUser, technician, r.unattendedMinutes);
    const firstTimeRight = r.firstTimeRight;
    const totalMs = Math.round(total * MS);
    const endUserMs = Math.round(endUser * MS);
    const technicianMs = Math.round(technician * MS);
    const end = r.noUserEndScreen;
    addSuccess(this.all, totalMs, endUserMs, technicianMs, firstTimeRight, end);
    addSuccess(this.groups[group]!, totalMs, endUserMs, technicianMs, firstTimeRight, end);
    addSuccess(this.sites[site]!, totalMs, endUserMs, technicianMs, firstTimeRight, end);
    this.addTotal(total, group, site);
    this.endUser.add(endUser);
    this.technician.add(technician);
    if (r.findings) for (const f of r.findings) this.findings.set(f, (this.findings.get(f) ?? 0) + 1);
    // The phases the device was in only (a handful of the 22); each phase's sum is its own, so their order does not matter.
    // A phase's minutes to the hundredth in ms: k hundredths are k × 600 ms, as Math.round(minutes(ms) × MS) gives them
    // (k / 100 × 60,000 is within a few ulps of the integer k × 600), without a division and a rounding more a phase.
    for (let j = 0; j < r.seenCount; j++) {
      const i = r.seenPhases[j]!;
      this.addPhase(i, hundredths(r.phaseMs[i]!) * HUNDREDTH_MS);
    }
  }

  merge(o: Accumulator): void {
    mergeTally(this.all, o.all);
    o.groups.forEach((t, i) => mergeTally(this.groups[i]!, t));
    o.sites.forEach((t, i) => mergeTally(this.sites[i]!, t));
    this.total.merge(o.total);
    if (this.groupTotal.length > 1) o.groupTotal.forEach((h, i) => this.groupTotal[i]!.merge(h));
    if (this.siteTotal.length > 1) o.siteTotal.forEach((h, i) => this.siteTotal[i]!.merge(h));
    this.endUser.merge(o.endUser);
    this.technician.merge(o.technician);
    for (let i = 0; i < PHASE_ORDER.length; i++) if (o.phaseSeen[i]) this.addPhase(i, o.phaseMs[i]!);
    mergeModes(this.failures, o.failures);
    o.groupFailures.forEach((m, i) => mergeModes(this.groupFailures[i]!, m));
    o.siteFailures.forEach((m, i) => mergeModes(this.siteFailures[i]!, m));
    for (const [k, v] of o.findings) this.findings.set(k, (this.findings.get(k) ?? 0) + v);
  }

  /** Structured-clone friendly form (worker messages). */
  toData(): AccumulatorData {
    return {
      all: this.all,
      groups: this.groups,
      sites: this.sites,
      total: this.total.toData(),
      // A single group's or site's histogram is `total`, sent once.
      groupTotal: this.groupTotal.length > 1 ? this.groupTotal.map((h) => h.toData()) : [],
      siteTotal: this.siteTotal.length > 1 ? this.siteTotal.map((h) => h.toData()) : [],
      endUser: this.endUser.toData(),
      technician: this.technician.toData(),
      phaseMs: [...this.phaseTotals()],
      failures: cloneModes(this.failures),
      groupFailures: this.groupFailures.map(cloneModes),
      siteFailures: this.siteFailures.map(cloneModes),
      findings: [...this.findings],
    };
  }

  /** Adds a partial result sent as data (a worker's chunk), without building an Accumulator from it first. */
  mergeData(d: AccumulatorData): void {
    mergeTally(this.all, d.all);
    d.groups.forEach((t, i) => mergeTally(this.groups[i]!, t));
    d.sites.forEach((t, i) => mergeTally(this.sites[i]!, t));
    this.total.mergeData(d.total);
    if (this.groupTotal.length > 1) d.groupTotal.forEach((h, i) => this.groupTotal[i]!.mergeData(h));
    if (this.siteTotal.length > 1) d.siteTotal.forEach((h, i) => this.siteTotal[i]!.mergeData(h));
    this.endUser.mergeData(d.endUser);
    this.technician.mergeData(d.technician);
    for (const [k, v] of d.phaseMs) this.addPhase(PHASE_ORDER.indexOf(k as (typeof PHASE_ORDER)[number]), v);
    mergeModes(this.failures, d.failures);
    d.groupFailures.forEach((m, i) => mergeModes(this.groupFailures[i]!, m));
    d.siteFailures.forEach((m, i) => mergeModes(this.siteFailures[i]!, m));
    for (const [k, v] of d.findings) this.findings.set(k, (this.findings.get(k) ?? 0) + v);
  }

  static fromData(d: AccumulatorData): Accumulator {
    const a = new Accumulator(d.groups.length, d.sites.length);
    a.mergeData(d);
    return a;
  }
}

export interface AccumulatorData {
  all: Tally;
  groups: Tally[];
  sites: Tally[];
  total: HistogramData;
  /** Empty when the fleet has one group (its histogram is `total`); likewise sites. */
  groupTotal: HistogramData[];
  siteTotal: HistogramData[];
  endUser: HistogramData;
  technician: HistogramData;
  phaseMs: Array<[string, number]>;
  failures: Array<[string, ModeTally]>;
  groupFailures: Array<Array<[string, ModeTally]>>;
  siteFailures: Array<Array<[string, ModeTally]>>;
  findings: Array<[string, number]>;
}

export type { Tally };

/**
 * A calibrated twin's rate's 95% interval with the fit's uncertainty: the twin's failure rates are the observed shares
 * (less what the model fails on its own, whose durations come from the same deployments), so they vary as the observed
 * rate does, and independently of the simulation's own noise. Each side's distance to its bound adds in quadrature (the
 * MOVER method, as Newcombe's interval of a difference combines two Wilson intervals), around the simulated rate.
 * calibrate --check prints it; run says where it is much wider than the simulation's own.
 */
export function withFit(sim: number, [slo, shi]: [number, number], obs: number, [olo, ohi]: [number, number]): [number, number] {
  return [roundShare(Math.max(0, sim - Math.hypot(sim - slo, obs - olo))), roundShare(Math.min(1, sim + Math.hypot(shi - sim, ohi - obs)))];
}

/**
 * McNemar's exact test, two-sided: how likely, were a change of setting to make no difference, that the devices it
 * changes split at least as unevenly as `lost` against `gained` (each a fair coin's toss). Exact, as the devices that
 * change are often few: 4 lost and none gained is p 0.125, where a normal interval on the paired difference excluded 0.
 */
export function mcnemarExact(lost: number, gained: number): number {
  const n = lost + gained;
  if (n === 0) return 1;
  const k = Math.min(lost, gained);
  // Σ_{i≤k} C(n, i) / 2^n, each term from the one before in logs (n can be a million devices).
  let term = -n * Math.LN2;
  let sum = Math.exp(term);
  for (let i = 0; i < k; i++) {
    term += Math.log((n - i) / (i + 1));
    sum += Math.exp(term);
  }
  return Math.min(1, 2 * sum);
}

/** Wilson score interval for a proportion, 95%. */
export function wilson(successes: number, n: number): [number, number] {
  // No trials, no evidence: any rate from 0 to 1 (it read [0, 0], as certain as a thousand failures).
  if (n === 0) return [0, 1];
  const z = 1.959963984540054;
  const p = successes / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

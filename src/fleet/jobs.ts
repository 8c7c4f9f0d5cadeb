// What a fleet's chunk is given and gives back, and the shared-load arithmetic both the
// planning thread (src/fleet/run.ts) and the threads that run chunks (src/fleet/chunk.ts) use.
import type { EnvironmentInput } from '../environment/schema.ts';
import { BUCKET_MS, bucketOf, Buckets, queueDelays, type SparseBuckets } from '../world/shared.ts';
import type { Fleet } from './schema.ts';
import type { AccumulatorData, ModeTally } from './stats.ts';

const HORIZON_HOURS = 24 * 14;

export interface RunOptions {
  devices?: number;
  seed?: number;
  /** Overrides merged into every device's environment under its site's and group's (compare, recommend). */
  environment?: EnvironmentInput;
  /** Merged last, over the site's, group's and variation's environment (a sweep's setting for every device). */
  override?: EnvironmentInput;
  /** Merged last for the devices at these sites only (recommend's plan of Entra join where no domain controller is in reach). */
  siteOverride?: { sites: string[]; environment: EnvironmentInput };
  /**
   * The second pass simulates and counts only the devices of these groups (by index); the first pass still runs every
   * device, so the other groups' load on the site links and the connector stays: recommend's answer for some groups
   * of a fleet, measured beside the rest of it.
   */
  onlyGroups?: number[];
  /**
   * The second pass neither simulates nor counts the devices that draw these options of a group's variation dimension
   * (by the file's option indices); the first pass still runs them: recommend's split weighed on the fleet as drawn, the
   * variation it sets apart kept in its group and not counted among the rest.
   */
  notCounted?: Array<{ group: number; dimension: string; options: number[] }>;
}

/** The measured load of the first pass: per site, megabits asked per bucket; connector requests per bucket. */
/** What a device downloads on a site's link with its flows run to their end (src/fleet/own-downloads.ts). */
export interface OwnDownloads {
  /** Megabytes, the median device's. */
  mb: number;
  /** Its whole downloads over what it got as the first pass ran it (at least 1). */
  scale: number;
  /** Devices run again, and those of them that still ran out their timer with downloads that took no time. */
  sampled: number;
  timedOut: number;
}

export interface LoadProfile {
  downloads: Array<Float64Array | null>;
  odj: Float64Array | null;
  /** Per site with a limit, the smallest download per bucket (smallestDownloads): a link's queue is the longest any download waited behind the others. */
  smallest?: Array<Float64Array | null>;
  /** Each site's devices in the first pass, every one uncontended. What fails here no link or connector capacity fixes. */
  uncontended?: Uncontended[];
  /** The same for the devices that asked the connector for an offline domain join blob (null when no capacity is set). */
  connectorUncontended?: Uncontended | null;
  /** A saturated site link's slower rollout, per site (src/fleet/bottlenecks.ts slowerRollouts). */
  slower?: SlowerRollouts;
  /**
   * A saturated site link's fix, per site, measured (src/fleet/run.ts measuredLinkFixes): the speed at which the first
   * pass, run again with the link at it, queues no download past LINK_DELAY_MINUTES; `settled` false where the last speed
   * tried still queued (the fix is then at least that).
   */
  linkFixes?: Array<{ mbps: number; settled: boolean } | null>;
  /** A saturated site link's devices' own downloads, per site, where they failed on a timer (src/fleet/own-downloads.ts). */
  own?: Array<OwnDownloads | null>;
  /**
   * The kept downloads of each site's link (RequestLog), in device order: only until the slower rollouts are found. With
   * an incident, each device's downloads on its path without it (a device the incident failed is run again without it).
   */
  requests?: Requests[];
  /** With an incident: the kept devices' requests it would fail (Risks), in device order; only until the slower rollouts are found. */
  risks?: Risks;
}

/**
 * A saturated link's slower rollout: `hours`, the window that brings its downloads' wait under the limit (null when none
 * up to `longest` hours does); `queueMinutes`, the longest wait over `hours`, or over `longest` when none does. (The
 * connector's window stays a capacity ratio: each device asks it once, so a longer window spreads its load as the ratio says.)
 */
export interface SlowerRollout {
  hours: number | null;
  longest: number;
  queueMinutes: number;
}
export interface SlowerRollouts {
  links: Array<SlowerRollout | null>;
}

/**
 * First pass: what the devices of a chunk downloaded over one site's link, in device order, three numbers a download: the
 * device's index, the moment on the fleet's clock (ms) and the megabits. Placed again for a longer window (a device's
 * downloads keep their moments after its start), they give the link's load over that window without running the
 * devices again.
 */
export type Requests = Float64Array;

/**
 * First pass, with a cloud incident: two numbers a request to the incident's service whose failure draw is under its
 * failure share, on the device's path without the incident, in device order: the device's index and the request's moment
 * after its start. Such a request fails where the device's start puts it inside the incident's hours; the others never
 * do. Placed again for a longer window, they say which devices the incident stops, and from when (their later downloads
 * are not made): a device's path depends on its start only there.
 */
export type Risks = Float64Array;

/**
 * The devices whose downloads the first pass keeps for a slower rollout's search: all of them up to KEPT_DEVICES, beyond
 * that every `stride`-th device, its downloads counted `stride` times (an estimate of the load over another window), so
 * that the main thread holds a bounded amount (some 24 bytes a download: 29 MB for 100,000 devices of twelve apps).
 */
export const KEPT_DEVICES = 100_000;
export const keptStride = (devices: number) => Math.max(1, Math.ceil(devices / KEPT_DEVICES));

/**
 * A chunk's downloads over one link as they are made (RequestLog.add: three stores, in the engine's hot path of the
 * first pass), then as one array to send, and as the per-bucket totals (Buckets) the second pass's queue comes from:
 * added at the end of the chunk, download by download in the order they were made, the same sums as added one by one.
 */
export class RequestLog {
  // Small to start: a chunk has one log per site, most of them short (a year-long rollout of 20 sites).
  private data = new Float64Array(3 * 32);
  private length = 0;
  add(device: number, atMs: number, amount: number): void {
    if (this.length + 3 > this.data.length) {
      const more = new Float64Array(this.data.length * 2);
      more.set(this.data);
      this.data = more;
    }
    const data = this.data;
    data[this.length] = device;
    data[this.length + 1] = atMs;
    data[this.length + 2] = amount;
    this.length += 3;
  }
  /** A chunk's kept downloads (done), added after the chunks before it: the fleet's, in device order, in one array. */
  append(part: Requests): void {
    if (this.length + part.length > this.data.length) {
      const more = new Float64Array(Math.max(this.data.length * 2, this.length + part.length));
      more.set(this.data.subarray(0, this.length));
      this.data = more;
    }
    this.data.set(part, this.length);
    this.length += part.length;
  }
  /** What was added, without a copy (the log is not added to after). */
  view(): Requests {
    return this.data.subarray(0, this.length);
  }
  /** Numbers added so far: what truncate() goes back to. */
  get size(): number {
    return this.length;
  }
  /** Forget what was added after `size` numbers (a device's path the incident cut, run again without it). */
  truncate(size: number): void {
    this.length = size;
  }
  /** The totals per bucket, of `n`. */
  sparse(n: number): SparseBuckets {
    const data = this.data;
    let lo = n;
    let hi = -1;
    for (let j = 1; j < this.length; j += 3) {
      const k = bucketOf(data[j]!, n);
      if (k < lo) lo = k;
      if (k > hi) hi = k;
    }
    // Where the buckets touched span no more than a few per download, a dense array between them (each bucket's sum in the
    // same order as Buckets adds it, so the same to the bit); else Buckets (a chunk of a year-long rollout spans it all).
    if (hi - lo + 1 > 4 * (this.length / 3)) {
      const totals = new Buckets(n);
      for (let j = 0; j < this.length; j += 3) totals.add(data[j + 1]!, data[j + 2]!);
      return totals.sparse();
    }
    const dense = new Float64Array(Math.max(0, hi - lo + 1));
    const touched = new Uint8Array(dense.length);
    for (let j = 0; j < this.length; j += 3) {
      const k = bucketOf(data[j + 1]!, n) - lo;
      dense[k]! += data[j + 2]!;
      touched[k] = 1;
    }
    let m = 0;
    for (let k = 0; k < touched.length; k++) m += touched[k]!;
    const index = new Uint32Array(m);
    const value = new Float64Array(m);
    for (let k = 0, i = 0; k < touched.length; k++) {
      if (!touched[k]) continue;
      index[i] = lo + k;
      value[i++] = dense[k]!;
    }
    return { index, value };
  }
  /** The downloads of the devices kept: every `stride`-th device of the fleet (keptStride). */
  done(stride: number): Requests {
    return keptOf(this.data, this.length, 3, stride);
  }
}

/** The records (of `width` numbers, the device's index first) of every `stride`-th device. */
function keptOf(data: Float64Array, length: number, width: number, stride: number): Float64Array {
  if (stride === 1) return data.slice(0, length);
  const kept: number[] = [];
  for (let j = 0; j < length; j += width) if (data[j]! % stride === 0) for (let k = 0; k < width; k++) kept.push(data[j + k]!);
  return Float64Array.from(kept);
}

/** A chunk's (then the fleet's) Risks as they are found: a device's are added and, when its path is run again, forgotten. */
export class RiskLog {
  private data = new Float64Array(2 * 32);
  private length = 0;
  add(device: number, afterStartMs: number): void {
    if (this.length + 2 > this.data.length) this.grow(this.length + 2);
    this.data[this.length] = device;
    this.data[this.length + 1] = afterStartMs;
    this.length += 2;
  }
  append(part: Risks): void {
    if (this.length + part.length > this.data.length) this.grow(this.length + part.length);
    this.data.set(part, this.length);
    this.length += part.length;
  }
  private grow(need: number): void {
    const more = new Float64Array(Math.max(this.data.length * 2, need));
    more.set(this.data.subarray(0, this.length));
    this.data = more;
  }
  get size(): number {
    return this.length;
  }
  truncate(size: number): void {
    this.length = size;
  }
  view(): Risks {
    return this.data.subarray(0, this.length);
  }
  done(stride: number): Risks {
    return keptOf(this.data, this.length, 2, stride);
  }
}

/** Devices of the first pass: how many, how many succeeded, the failures ("phase|code|cause" -> its devices and values). */
export interface Uncontended {
  devices: number;
  succeeded: number;
  failures: Map<string, ModeTally>;
}

export interface ChunkJob {
  fleet: Fleet;
  options: RunOptions;
  from: number;
  to: number;
  pass: 'measure' | 'run';
  /** Second pass: the queues the first pass measured (null in the first pass, or with nothing shared). */
  load: SharedLoad | null;
  csv: boolean;
  /** Sweep: note which of the chunk's devices succeeded (1) or not (0), to pair each value's outcomes with the next's. */
  successes?: boolean;
  /** Compare: run each device a second time under this fleet and options, and pair the two outcomes. */
  pair?: { fleet: Fleet; options: RunOptions; load: SharedLoad | null };
  /**
   * A first pass run again for some links only (src/fleet/run.ts measuredLinkFixes): the devices whose downloads cross
   * none of these sites' links (their own site's, its hub's, their depot's) are left out; in a first pass each device is
   * alone, so those links' load is the same.
   */
  onlySites?: readonly number[];
}

/** What a device of the second pass waits, per bucket: each site link's extra delay, the connector's queue. */
export interface SharedLoad {
  links: Array<Float64Array | null>;
  waits: Float64Array | null;
}

/** A copy in shared memory: every chunk's job carries it without cloning it (a long rollout has millions of buckets). */
function shared(a: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/**
 * The second pass's delays from the first pass's load, computed once per run on the thread that
 * plans it (not once per chunk), in shared memory for the workers.
 */
export function sharedLoadOf(fleet: Fleet, profile: LoadProfile | null): SharedLoad | null {
  if (!profile) return null;
  const perHour = fleet.sharedWorld.connectorRequestsPerHour;
  return {
    links: fleet.sites.map((s, i) => (s.bandwidthMbps !== undefined && profile.downloads[i] ? shared(linkDelays(profile.downloads[i]!, s.bandwidthMbps)) : null)),
    waits: perHour && profile.odj ? shared(connectorWaits(profile.odj, perHour)) : null,
  };
}

/** Sums over paired devices (b - a), for means and confidence intervals of the differences. */
export interface PairSums {
  n: number;
  sum: number;
  sumSquares: number;
  /** A's own values over the same devices (B's are sumA + sum), so the row can show each side's mean. */
  sumA: number;
}
export interface PairStats {
  success: PairSums;
  /** Devices that succeeded in both. */
  totalMinutes: PairSums;
  endUserMinutes: PairSums;
}
const emptySums = (): PairSums => ({ n: 0, sum: 0, sumSquares: 0, sumA: 0 });
export const emptyPairs = (): PairStats => ({ success: emptySums(), totalMinutes: emptySums(), endUserMinutes: emptySums() });
export function addSum(s: PairSums, d: number, a = 0): void {
  s.n++;
  s.sumA += a;
  s.sum += d;
  s.sumSquares += d * d;
}
export function mergePairs(a: PairStats, b: PairStats): void {
  for (const k of ['success', 'totalMinutes', 'endUserMinutes'] as const) {
    a[k].n += b[k].n;
    a[k].sum += b[k].sum;
    a[k].sumSquares += b[k].sumSquares;
    a[k].sumA += b[k].sumA;
  }
}

export interface ChunkResult {
  acc: AccumulatorData;
  pairAcc?: AccumulatorData;
  pairs?: PairStats;
  /** With `successes`: one byte per device of the chunk, 1 where it succeeded. */
  successes?: Uint8Array;
  /** First pass: what the chunk's devices asked of each site's link and of the connector, per bucket touched. */
  downloads?: Array<SparseBuckets | null>;
  odj?: SparseBuckets | null;
  /** First pass: the chunk's devices that asked the connector, as they ended uncontended. */
  connector?: Uncontended | null;
  /** First pass: each download over each site's link, by device (a slower rollout's load). */
  requests?: Array<Requests | null>;
  /** First pass, with an incident: the requests it would fail (a slower rollout's load). */
  risks?: Risks | null;
  rows?: string[];
}

/** Each site's hub, by index (the site whose link its downloads cross as well, sites[].internetVia); -1 for a local breakout. */
export function hubsOf(fleet: Fleet): number[] {
  return fleet.sites.map((s) => (s.internetVia === undefined ? -1 : fleet.sites.findIndex((h) => h.name === s.internetVia)));
}

/** The speed of a download from a site: its own link's, or its hub's where that is slower (undefined: no limit on either). */
export function downloadMbps(fleet: Fleet, site: number): number | undefined {
  const own = fleet.sites[site]!.bandwidthMbps;
  const hub = hubsOf(fleet)[site]!;
  const via = hub >= 0 ? fleet.sites[hub]!.bandwidthMbps : undefined;
  return own === undefined ? via : via === undefined ? own : Math.min(own, via);
}

export function needsTwoPasses(fleet: Fleet): boolean {
  return fleet.sites.some((s) => s.bandwidthMbps !== undefined) || fleet.sharedWorld.connectorRequestsPerHour !== undefined;
}

/** The latest site start (sites[].startHour), in hours: 0 where every site starts with the rollout. */
export function latestSiteStart(fleet: Fleet): number {
  return Math.max(0, ...fleet.sites.map((s) => s.startHour ?? 0));
}

export function buckets(fleet: Fleet): number {
  return Math.ceil(((latestSiteStart(fleet) + fleet.rollout.windowHours + HORIZON_HOURS) * 3_600_000) / BUCKET_MS);
}

/** The connector's queue: requests per bucket against what it serves per bucket. */
export function connectorWaits(arrivals: Float64Array, perHour: number): Float64Array {
  return queueDelays(arrivals, (perHour * BUCKET_MS) / 3_600_000, 60 / perHour);
}

/**
 * A site's link: megabits asked per bucket against what the link carries per bucket; minutes of the link's backlog. The
 * backlog of a bucket holds every download made in it, the one that waits too: see waitBehindOthers.
 */
export function linkDelays(demandMb: Float64Array, mbps: number, into?: Float64Array): Float64Array {
  return queueDelays(demandMb, (mbps * BUCKET_MS) / 1000, 0, into);
}

/**
 * The minutes a download of `mb` megabits waits behind the other downloads on a link of `mbps`, where the link's backlog
 * (linkDelays) is `delay` minutes: the backlog less its own transfer, which the download's time counts already (its size
 * over the link). A device alone on a 20 Mbps store link waited 11.7 minutes behind its own 2,500 MB app, on top of the
 * 16.7 its transfer took, and was said to queue "behind the other devices".
 */
export function waitBehindOthers(delay: number, mb: number, mbps: number): number {
  return Math.max(0, delay - mb / mbps / 60);
}

/**
 * Per bucket, the longest a download made in it waited behind the others (waitBehindOthers for its smallest download),
 * 0 where none was made: what a link's report calls its queue.
 */
export function linkWaits(demandMb: Float64Array, mbps: number, smallestMb: Float64Array, into?: Float64Array): Float64Array {
  const delays = linkDelays(demandMb, mbps, into);
  for (let k = 0; k < delays.length; k++) delays[k] = waitBehindOthers(delays[k]!, smallestMb[k]!, mbps);
  return delays;
}

/**
 * Per bucket (of `n`), the smallest download the first pass kept (Requests: device, moment, megabits), Infinity where
 * none: past KEPT_DEVICES, of the kept devices' downloads.
 */
export function smallestDownloads(requests: Requests, n: number): Float64Array {
  const smallest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let j = 0; j < requests.length; j += 3) {
    const k = bucketOf(requests[j + 1]!, n);
    if (requests[j + 2]! < smallest[k]!) smallest[k] = requests[j + 2]!;
  }
  return smallest;
}

/** One CSV line: a cell holding a comma, a quote or a line break is quoted, its quotes doubled; null and undefined are empty. */
export function csvLine(cells: unknown[]): string {
  return cells
    .map((v) => (v === null || v === undefined ? '' : String(v)))
    .map((t) => (/[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t))
    .join(',');
}

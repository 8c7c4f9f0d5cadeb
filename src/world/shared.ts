// What devices of a fleet share: a site's bandwidth, the connector's capacity, a cloud
// incident. Devices are simulated independently (so any number of workers gives the same
// result); the sharing is a load profile measured in a first pass over the whole fleet
// (demand per five-minute bucket) and applied in a second as queueing delay: a
// mean-field approximation, described in the README.
export type Service = 'autopilot' | 'entra' | 'intune';

/** What one device's world asks of the fleet around it. */
export interface Shared {
  /** When the device was turned on, in the fleet's clock (ms). */
  startMs: number;
  /**
   * Minutes to download `sizeMb` starting at fleet time `atMs` (0 when the site has no limit); `technician`: the download
   * is a pre-provisioning technician flow's, which a fleet may place at a depot's link rather than the device's own site's.
   */
  downloadMinutes(sizeMb: number, atMs: number, technician: boolean): number;
  /** Minutes an offline-domain-join request waits in the connector's queue at `atMs`. */
  connectorWaitMinutes(atMs: number): number;
  /** Whether a request to `service` at `atMs` falls in an incident and fails (u: the device's uniform draw). */
  incidentFails(service: Service, atMs: number, u: number): boolean;
  /** First pass: note the megabits a download asks of the site's link, or one connector request, at `atMs`. */
  record?(kind: 'download' | 'odj', atMs: number, amount: number, technician?: boolean): void;
}

export const BUCKET_MS = 5 * 60_000;

/** An estimate: how long a device waits for its offline-domain-join blob before the sign-in stage times out. */
export const ODJ_TIMEOUT_MINUTES = 30;

/** The bucket of a moment on the fleet's clock, among `count` (the last takes everything after it). */
export function bucketOf(atMs: number, count: number): number {
  return Math.min(count - 1, Math.max(0, Math.floor(atMs / BUCKET_MS)));
}

/** The buckets a chunk of devices touched and its total in each: the rest are zero. */
export interface SparseBuckets {
  index: Uint32Array;
  value: Float64Array;
}

/**
 * Per-bucket totals over the fleet's clock (busy milliseconds of downloads, or connector
 * requests) for one chunk of devices, kept sparse: a chunk's devices start anywhere in the
 * rollout window but touch only a few buckets each, and a long window has millions of buckets
 * (a dense array per chunk and site was cloned to the main thread and added there in full).
 * Each bucket adds its amounts in device order, as a dense array did.
 */
export class Buckets {
  private readonly totals = new Map<number, number>();
  constructor(readonly count: number) {}
  index(atMs: number): number {
    return bucketOf(atMs, this.count);
  }
  add(atMs: number, amount: number): void {
    const k = this.index(atMs);
    this.totals.set(k, (this.totals.get(k) ?? 0) + amount);
  }
  sparse(): SparseBuckets {
    const index = new Uint32Array(this.totals.size);
    const value = new Float64Array(this.totals.size);
    let i = 0;
    for (const [k, v] of this.totals) {
      index[i] = k;
      value[i++] = v;
    }
    return { index, value };
  }
}

/** Add a chunk's sparse totals into the fleet's dense ones. */
export function addSparse(total: Float64Array, part: SparseBuckets): void {
  const { index, value } = part;
  for (let i = 0; i < index.length; i++) total[index[i]!]! += value[i]!;
}

/**
 * Queueing delay per bucket for a resource serving `capacityPerBucket` units each bucket,
 * given the demand that arrived in each: the backlog carried over (served first) plus the
 * wait inside the bucket at its utilisation. Returns minutes of delay per bucket.
 *
 * The wait inside a bucket is the steady-state (M/M/1) mean at the bucket's utilisation, but
 * no more than the requests it serves itself can make: had all `n` come at once to an idle
 * server, they would wait (n - 1) / 2 services on average (over capacity, the rest wait in
 * the backlog). The steady state assumes a long busy period: three requests in five minutes
 * at a connector serving 40 an hour read as 90% busy, a 13.5-minute wait that three requests
 * cannot build. Written into `into` when given (as long as `demand`).
 */
export function queueDelays(demand: Float64Array, capacityPerBucket: number, serviceMinutes: number, into?: Float64Array): Float64Array {
  // `into`: a search that tries many capacities reuses one array (each try of a year's buckets was 840 KB of garbage).
  const delays = into ?? new Float64Array(demand.length);
  let backlog = 0;
  const bucketMinutes = BUCKET_MS / 60_000;
  for (let k = 0; k < demand.length; k++) {
    backlog = Math.max(0, backlog + demand[k]! - capacityPerBucket);
    const rho = Math.min(0.95, demand[k]! / capacityPerBucket);
    // What the bucket serves itself (the rest is in the backlog, above).
    const burst = Math.max(0, (Math.min(demand[k]!, capacityPerBucket) - 1) / 2);
    delays[k] = (backlog / capacityPerBucket) * bucketMinutes + serviceMinutes * Math.min(rho / (1 - rho), burst);
  }
  return delays;
}

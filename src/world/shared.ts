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
  /** Minutes to download `sizeMb` starting at fleet time `atMs` (0 when the site has no limit). */
  downloadMinutes(sizeMb: number, atMs: number): number;
  /** Minutes an offline-domain-join request waits in the connector's queue at `atMs`. */
  connectorWaitMinutes(atMs: number): number;
  /** Whether a request to `service` at `atMs` falls in an incident and fails (u: the device's uniform draw). */
  incidentFails(service: Service, atMs: number, u: number): boolean;
  /** First pass: note the megabits a download asks of the site's link, or one connector request, at `atMs`. */
  record?(kind: 'download' | 'odj', atMs: number, amount: number): void;
}

export const BUCKET_MS = 5 * 60_000;

/** An estimate: how long a device waits for its offline-domain-join blob before the sign-in stage times out. */
export const ODJ_TIMEOUT_MINUTES = 30;

/** Per-bucket totals over the fleet's clock: busy milliseconds (downloads) or request counts (connector). */
export class Buckets {
  readonly values: Float64Array;
  constructor(readonly count: number) {
    this.values = new Float64Array(count);
  }
  index(atMs: number): number {
    return Math.min(this.count - 1, Math.max(0, Math.floor(atMs / BUCKET_MS)));
  }
  add(atMs: number, amount: number): void {
    this.values[this.index(atMs)]! += amount;
  }
}

/**
 * Queueing delay per bucket for a resource serving `capacityPerBucket` units each bucket,
 * given the demand that arrived in each: the backlog carried over (served first) plus the
 * wait inside the bucket at its utilisation. Returns minutes of delay per bucket.
 */
export function queueDelays(demand: Float64Array, capacityPerBucket: number, serviceMinutes: number): Float64Array {
  const delays = new Float64Array(demand.length);
  let backlog = 0;
  const bucketMinutes = BUCKET_MS / 60_000;
  for (let k = 0; k < demand.length; k++) {
    backlog = Math.max(0, backlog + demand[k]! - capacityPerBucket);
    const rho = Math.min(0.95, demand[k]! / capacityPerBucket);
    delays[k] = (backlog / capacityPerBucket) * bucketMinutes + serviceMinutes * (rho / (1 - rho));
  }
  return delays;
}

// What devices of a fleet share: a site's bandwidth, the connector's capacity, a cloud
// incident. Devices are simulated independently (so any number of workers gives the same
// result); the sharing is a load profile measured in a first pass over the whole fleet
// and applied in a second: a mean-field approximation, described in the README.
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
  /** First pass: note downloads and connector requests, to build the load profile. */
  record?(kind: 'download' | 'odj', fromMs: number, toMs: number): void;
}

export const BUCKET_MS = 5 * 60_000;

/** Per-bucket totals over the fleet's clock: busy milliseconds (downloads) or request counts (connector). */
export class Buckets {
  readonly values: Float64Array;
  constructor(readonly count: number) {
    this.values = new Float64Array(count);
  }
  index(atMs: number): number {
    return Math.min(this.count - 1, Math.max(0, Math.floor(atMs / BUCKET_MS)));
  }
  /** Spread an interval's duration over the buckets it covers. */
  addInterval(fromMs: number, toMs: number): void {
    let t = fromMs;
    while (t < toMs) {
      const i = this.index(t);
      const end = i === this.count - 1 ? toMs : Math.min(toMs, (i + 1) * BUCKET_MS);
      this.values[i]! += end - t;
      t = end;
    }
  }
  addCount(atMs: number): void {
    this.values[this.index(atMs)]! += 1;
  }
  addAll(other: Buckets): void {
    for (let i = 0; i < this.count; i++) this.values[i]! += other.values[i]!;
  }
}

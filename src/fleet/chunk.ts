// One chunk of a fleet: devices [from, to) through the engine, in this thread or a worker
// (src/fleet/worker.ts). Apart from src/fleet/run.ts, which plans and merges, so that a thread
// that only hands chunks to workers never loads the engine and the machines.
import { availableParallelism } from 'node:os';
import { runDevice } from '../engine/compiled.ts';
import { FleetRunner, type Outcome } from '../engine/simulate.ts';
import { bucketOf, Buckets, type Service, type Shared } from '../world/shared.ts';
import { roundMinutes } from '../format.ts';
import { PHASE_ORDER } from '../catalog/phases.ts';
import { planFleet, type Plan } from './plan.ts';
import { addSum, buckets, downloadMbps, emptyPairs, hubsOf, keptStride, needsTwoPasses, RequestLog, RiskLog, waitBehindOthers, type ChunkJob, type ChunkResult, type RunOptions, type SharedLoad, type Uncontended } from './jobs.ts';
import type { Fleet } from './schema.ts';
import { Accumulator, addMode, modeOf } from './stats.ts';

/**
 * First pass: what a chunk's devices ask of the links (download by download: `device` is the one running) and the
 * connector (per bucket). Its own class, so that DeviceShared.record, which the second pass calls too, stays one call.
 */
class Recorded {
  readonly links: Array<RequestLog | null>;
  readonly odj: Buckets | null;
  /**
   * With an incident and a link: the downloads a slower rollout's search places again, each device's on its path without
   * the incident (a device it failed here is run again without it), and the requests the incident would fail (Risks).
   */
  readonly search: Array<RequestLog | null> | null;
  readonly risks: RiskLog | null;
  /** Each site's hub (-1: none): a download from a site behind one loads the hub's link too. */
  private readonly hubs: number[];
  device = 0;
  /** The device's path is being run again without the incident: what it asks is for the search alone, not the load. */
  free = false;
  constructor(fleet: Fleet, n: number) {
    this.links = fleet.sites.map((s) => (s.bandwidthMbps !== undefined ? new RequestLog() : null));
    this.odj = fleet.sharedWorld.connectorRequestsPerHour ? new Buckets(n) : null;
    const searched = fleet.sharedWorld.incident !== undefined && this.links.some((l) => l !== null);
    this.search = searched ? fleet.sites.map((s) => (s.bandwidthMbps !== undefined ? new RequestLog() : null)) : null;
    this.risks = searched ? new RiskLog() : null;
    this.hubs = hubsOf(fleet);
  }
  add(kind: 'download' | 'odj', site: number, atMs: number, amount: number): void {
    if (kind === 'download') {
      const hub = this.hubs[site]!;
      if (!this.free) {
        this.links[site]?.add(this.device, atMs, amount);
        if (hub >= 0) this.links[hub]?.add(this.device, atMs, amount);
      }
      this.search?.[site]?.add(this.device, atMs, amount);
      if (hub >= 0) this.search?.[hub]?.add(this.device, atMs, amount);
    } else if (!this.free) this.odj?.add(atMs, amount);
  }
}

/** What the devices of one site share in a chunk (its link's delays, the connector's, an incident, the first pass's records): made once per site and chunk. */
class SiteLoad {
  readonly bandwidth: number | undefined;
  /** The site's own link's speed and its hub's (where its delays are), for the wait behind the others on each. */
  readonly ownMbps: number;
  readonly hubMbps: number;
  readonly delays: Float64Array | null;
  /** The queue on the hub's link, for a site behind one (sites[].internetVia). */
  readonly hubDelays: Float64Array | null;
  readonly waits: Float64Array | null;
  readonly incident: Fleet['sharedWorld']['incident'];
  readonly n: number;
  constructor(
    fleet: Fleet,
    readonly site: number,
    readonly recorded: Recorded | null,
    load: SharedLoad | null,
  ) {
    this.bandwidth = downloadMbps(fleet, site);
    this.delays = load?.links[site] ?? null;
    const hub = hubsOf(fleet)[site]!;
    this.ownMbps = fleet.sites[site]!.bandwidthMbps ?? Number.POSITIVE_INFINITY;
    this.hubMbps = hub >= 0 ? (fleet.sites[hub]!.bandwidthMbps ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
    this.hubDelays = hub >= 0 ? (load?.links[hub] ?? null) : null;
    this.waits = load?.waits ?? null;
    this.incident = fleet.sharedWorld.incident;
    this.n = buckets(fleet);
  }
  idx(at: number): number {
    return bucketOf(at, this.n);
  }
}

/** One device's view of what its site shares: a small object per device, its methods on the prototype (no closures per device). */
class DeviceShared implements Shared {
  /** First pass: the device asked the connector for a blob. */
  askedConnector = false;
  /** A request of the device failed in the incident. */
  hit = false;
  constructor(
    private readonly load: SiteLoad,
    readonly startMs: number,
    /** First pass: the device's path without the incident (Recorded.free). */
    private readonly free = false,
    /** Where its technician flow downloads (groups[].technicianSite), when not at its own site. */
    private readonly technicianLoad: SiteLoad | null = null,
  ) {}
  downloadMinutes(sizeMb: number, atMs: number, technician: boolean): number {
    const load = technician && this.technicianLoad !== null ? this.technicianLoad : this.load;
    const { bandwidth, delays, hubDelays } = load;
    if (bandwidth === undefined) return 0;
    // The transfer at the (slower) link's speed, plus the queue of what other devices asked of it, and of the hub's link
    // behind it (second pass): each link's backlog less this download's own transfer on it.
    const mb = sizeMb * 8;
    return mb / bandwidth / 60 + (delays ? waitBehindOthers(delays[load.idx(atMs)]!, mb, load.ownMbps) : 0) + (hubDelays ? waitBehindOthers(hubDelays[load.idx(atMs)]!, mb, load.hubMbps) : 0);
  }
  connectorWaitMinutes(atMs: number): number {
    const waits = this.load.waits;
    return waits ? waits[this.load.idx(atMs)]! : 0;
  }
  incidentFails(service: Service, atMs: number, u: number): boolean {
    const incident = this.load.incident;
    if (!incident || incident.service !== service || u >= incident.failureShare) return false;
    // First pass: a request the incident fails wherever the device's start puts it inside its hours.
    const recorded = this.load.recorded;
    recorded?.risks?.add(recorded.device, atMs - this.startMs);
    if (this.free) return false;
    const h = atMs / 3_600_000;
    return h >= incident.startHour && h < incident.endHour ? (this.hit = true) : false;
  }
  /** First pass: what the device asks of the link and the connector (nothing is kept in the second). */
  record(kind: 'download' | 'odj', atMs: number, amount: number, technician = false): void {
    const recorded = this.load.recorded;
    if (!recorded) return;
    if (kind === 'odj') this.askedConnector = true;
    recorded.add(kind, technician && this.technicianLoad !== null ? this.technicianLoad.site : this.load.site, atMs, amount);
  }
}

/** What one device of a fleet shares with the others (a replayed device: src/fleet/replay.ts). */
export function deviceShared(fleet: Fleet, site: number, load: SharedLoad | null, startMs: number, technicianSite = -1): Shared {
  return new DeviceShared(new SiteLoad(fleet, site, null, load), startMs, false, technicianSite >= 0 ? new SiteLoad(fleet, technicianSite, null, load) : null);
}

/**
 * The deployment's state in Microsoft Graph's windowsAutopilotDeploymentState vocabulary (what
 * Intune's Autopilot deployments report shows): success; successWithTimeout when the ESP timed
 * out and the device was let through to the desktop; failure; notAttempted when the device fell
 * back to the ordinary OOBE (no Autopilot deployment ran); unknown when the simulation stopped.
 */
export function deploymentState(o: Outcome): 'success' | 'successWithTimeout' | 'failure' | 'notAttempted' | 'unknown' {
  if (o.status === 'succeeded') return 'success';
  if (o.status === 'failed') return o.continuedAfterError && o.errorCode === 'ESP_TIMEOUT' ? 'successWithTimeout' : 'failure';
  if (o.status === 'fell-back-to-oobe') return 'notAttempted';
  return 'unknown';
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function csvRow(index: number, group: string, site: string, o: Outcome, startMs: number): string {
  return [
    index,
    group,
    site,
    o.scenario,
    o.joinType,
    o.status,
    o.errorCode,
    // A device that fell back to the ordinary OOBE has no code, but a phase and a cause, as the failures table gives them
    // (oobe, 'a proxy that needs authentication …'): its row was blank there, 493 of a global firm's devices with no why.
    o.failedPhase ?? (o.status === 'fell-back-to-oobe' ? 'oobe' : undefined),
    o.cause ?? (o.status === 'fell-back-to-oobe' ? o.fallbackReason : undefined),
    // Minutes by the rounding rule every format shares (src/format.ts): one decimal.
    roundMinutes(o.endUserMinutes),
    roundMinutes(o.technicianMinutes),
    roundMinutes(o.totalMinutes),
    roundMinutes(o.elapsedMinutes),
    (startMs / 3_600_000).toFixed(3),
    deploymentState(o),
    ...PHASE_ORDER.map((p) => roundMinutes((o.phaseMinutes as Partial<Record<(typeof PHASE_ORDER)[number], number>>)[p] ?? 0)),
  ]
    .map(csvCell)
    .join(',');
}

/**
 * Plans by fleet and options, kept across the chunks a thread runs: a worker receives a copy of
 * the fleet with every chunk, and planning it again would parse (zod) its environments, and make
 * the world's rules and app lists, once per chunk. A plan is pure, so a kept one gives the same devices.
 */
const plans = new Map<string, Plan>();
const KEPT_PLANS = 8;
function planOf(fleet: Fleet, options: RunOptions): Plan {
  const key = JSON.stringify([fleet, options]);
  let plan = plans.get(key);
  if (!plan) {
    if (plans.size >= KEPT_PLANS) plans.delete(plans.keys().next().value!);
    plans.set(key, (plan = planFleet(fleet, options)));
  }
  return plan;
}

/** Simulate devices [from, to) of a fleet. Runs the same in this thread or in a worker. */
export function runChunk(job: ChunkJob): ChunkResult {
  const plan = planOf(job.fleet, job.options);
  const acc = new Accumulator(job.fleet.groups.length, job.fleet.sites.length);
  const measuring = job.pass === 'measure';
  const n = buckets(job.fleet);
  const record = measuring ? new Recorded(job.fleet, n) : null;
  const shares = needsTwoPasses(job.fleet) || job.fleet.sharedWorld.incident !== undefined;
  const rows: string[] | undefined = job.csv ? [] : undefined;
  const successes = job.successes && job.pass === 'run' ? new Uint8Array(job.to - job.from) : null;
  const pair = job.pair;
  const pairPlan = pair ? planOf(pair.fleet, pair.options) : null;
  const pairAcc = pair ? new Accumulator(pair.fleet.groups.length, pair.fleet.sites.length) : null;
  const pairShares = pair ? needsTwoPasses(pair.fleet) || pair.fleet.sharedWorld.incident !== undefined : false;
  const pairs = pair ? emptyPairs() : null;
  const loads = shares ? job.fleet.sites.map((_, site) => new SiteLoad(job.fleet, site, record, job.load)) : null;
  const pairLoads = pair && pairShares ? pair.fleet.sites.map((_, site) => new SiteLoad(pair.fleet, site, null, pair.load)) : null;
  // First pass: how the devices that ask the connector end with it to themselves (what more capacity cannot fix).
  const connector: Uncontended | null = measuring && record?.odj ? { devices: 0, succeeded: 0, failures: new Map() } : null;
  const runner = new FleetRunner();
  const pairRunner = pair ? new FleetRunner() : null;
  const seed = plan.seed;
  // The first pass runs every device (their load is what the counted ones share); the second only the groups asked for.
  const only = measuring ? undefined : job.options.onlyGroups;
  const notCounted = measuring ? undefined : job.options.notCounted;
  // A first pass run again for some links: the sites whose downloads cross them (a site behind one as its hub).
  const hubs = job.onlySites ? hubsOf(job.fleet) : null;
  const onlySites = job.onlySites && hubs ? job.fleet.sites.map((_, s) => s).filter((s) => job.onlySites!.includes(s) || job.onlySites!.includes(hubs[s]!)) : undefined;
  // Where the search's records of a device start (to forget them when the incident cut its path).
  const searchMarks = record?.search ? record.search.map(() => 0) : null;
  let riskMark = 0;
  // About how many of the run's devices still ahead this thread will run: the rest of the fleet shared by as many threads as the machine runs at once.
  const threads = availableParallelism();
  for (let i = job.from; i < job.to; i++) {
    const d = plan.device(i);
    if (only && !only.includes(d.group)) continue;
    if (notCounted?.some((v) => v.group === d.group && v.options.includes(plan.drawnOption(i, v.dimension).option))) continue;
    if (onlySites && !onlySites.includes(d.site) && !onlySites.includes(d.technicianSite)) continue;
    if (record) record.device = i;
    if (searchMarks) {
      record!.search!.forEach((l, k) => (searchMarks[k] = l?.size ?? 0));
      riskMark = record!.risks!.size;
    }
    const deviceShared = shares ? new DeviceShared(loads![d.site]!, d.startMs, false, d.technicianSite >= 0 ? loads![d.technicianSite]! : null) : undefined;
    // A device that shares nothing with the others may run through its environment's compiled runner (src/engine/compiled.ts: the same results).
    const r = deviceShared ? runner.run(d.env, seed, i, deviceShared) : runDevice(runner, d.env, seed, i, (plan.devices - i) / threads);
    acc.addRun(r, seed, d.group, d.site, i, d.env, d.technicianSite);
    if (successes && r.status === 'succeeded') successes[i - job.from] = 1;
    if (connector && deviceShared?.askedConnector) {
      connector.devices++;
      if (r.status === 'succeeded') connector.succeeded++;
      else {
        const { key, params } = modeOf(r.outcome(seed));
        addMode(connector.failures, key, params, i);
      }
    }
    if (rows) rows.push(csvRow(i, job.fleet.groups[d.group]!.name, job.fleet.sites[d.site]!.name, r.outcome(seed), d.startMs));
    if (pair && pairPlan && pairAcc && pairs && pairRunner) {
      // Common random numbers: the same device index, the same seed, the same random streams.
      const e = pairPlan.device(i);
      const other = pairShares ? pairRunner.run(e.env, seed, i, new DeviceShared(pairLoads![e.site]!, e.startMs, false, e.technicianSite >= 0 ? pairLoads![e.technicianSite]! : null)) : runDevice(pairRunner, e.env, seed, i, (plan.devices - i) / threads);
      pairAcc.addRun(other, seed, e.group, e.site, i, e.env, e.technicianSite);
      addSum(pairs.success, (other.status === 'succeeded' ? 1 : 0) - (r.status === 'succeeded' ? 1 : 0));
      if (other.status === 'succeeded' && r.status === 'succeeded') {
        addSum(pairs.totalMinutes, other.totalMinutes - r.totalMinutes, r.totalMinutes);
        addSum(pairs.endUserMinutes, other.endUserMinutes - r.endUserMinutes, r.endUserMinutes);
      }
    }
    if (searchMarks && deviceShared!.hit) {
      // The incident cut this device's path: the search places it again at other starts, most of them outside the
      // incident's hours, so it needs the path without it (its downloads, and the requests the incident would fail there).
      record!.search!.forEach((l, k) => l?.truncate(searchMarks[k]!));
      record!.risks!.truncate(riskMark);
      record!.free = true;
      runner.run(d.env, seed, i, new DeviceShared(loads![d.site]!, d.startMs, true, d.technicianSite >= 0 ? loads![d.technicianSite]! : null));
      record!.free = false;
    }
  }
  return {
    acc: acc.toData(),
    ...(pairAcc && pairs ? { pairAcc: pairAcc.toData(), pairs } : {}),
    ...(successes ? { successes } : {}),
    ...(record
      ? {
          downloads: record.links.map((l) => l?.sparse(n) ?? null),
          odj: record.odj?.sparse() ?? null,
          connector,
          requests: (record.search ?? record.links).map((l) => l?.done(keptStride(plan.devices)) ?? null),
          risks: record.risks?.done(keptStride(plan.devices)) ?? null,
        }
      : {}),
    ...(rows ? { rows } : {}),
  };
}

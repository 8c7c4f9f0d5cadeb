// Running a fleet: devices in fixed chunks, each chunk simulated on its own (in this
// thread or a worker), partial results merged in chunk order, so the totals are the
// same for any number of workers. When devices share something (a site's bandwidth, the
// connector's capacity), a first pass measures the load and a second pass applies it.
import { simulate, type Outcome } from '../engine/simulate.ts';
import type { EnvironmentInput } from '../environment/schema.ts';
import { BUCKET_MS, Buckets, type Service, type Shared } from '../world/shared.ts';
import { planFleet, type Plan } from './plan.ts';
import type { Fleet } from './schema.ts';
import { Accumulator, type AccumulatorData } from './stats.ts';

export const CHUNK = 2000;
const HORIZON_HOURS = 24 * 14;

export interface RunOptions {
  devices?: number;
  seed?: number;
  /** Overrides merged into every device's environment (compare, sweep, recommend). */
  environment?: EnvironmentInput;
}

/** The measured load of the first pass: per site, busy download milliseconds per bucket; connector requests per bucket. */
export interface LoadProfile {
  downloads: Array<Float64Array | null>;
  odj: Float64Array | null;
}

export interface ChunkJob {
  fleet: Fleet;
  options: RunOptions;
  from: number;
  to: number;
  pass: 'measure' | 'run';
  profile: LoadProfile | null;
  csv: boolean;
}

export interface ChunkResult {
  acc: AccumulatorData;
  downloads?: Array<Float64Array | null>;
  odj?: Float64Array | null;
  rows?: string[];
}

export function needsTwoPasses(fleet: Fleet): boolean {
  return fleet.sites.some((s) => s.bandwidthMbps !== undefined) || fleet.sharedWorld.connectorRequestsPerHour !== undefined;
}

function buckets(fleet: Fleet): number {
  return Math.ceil(((fleet.rollout.windowHours + HORIZON_HOURS) * 3_600_000) / BUCKET_MS);
}

/** The connector's queue: backlog carried from bucket to bucket, in minutes of waiting. */
function connectorWaits(arrivals: Float64Array, perHour: number): Float64Array {
  const capacity = (perHour * BUCKET_MS) / 3_600_000;
  const waits = new Float64Array(arrivals.length);
  let backlog = 0;
  for (let k = 0; k < arrivals.length; k++) {
    backlog = Math.max(0, backlog + arrivals[k]! - capacity);
    const rho = Math.min(0.99, arrivals[k]! / capacity);
    // Queue left over, served at capacity, plus the M/D/1 wait inside the bucket.
    waits[k] = backlog / (perHour / 60) + (rho / (2 * (1 - rho))) * (60 / perHour);
  }
  return waits;
}

function sharedFor(job: ChunkJob, site: number, startMs: number, record: { downloads: Array<Buckets | null>; odj: Buckets | null } | null, waits: Float64Array | null): Shared {
  const { fleet } = job;
  const bandwidth = fleet.sites[site]!.bandwidthMbps;
  const busy = job.profile?.downloads[site] ?? null;
  const incident = fleet.sharedWorld.incident;
  const n = buckets(fleet);
  const idx = (at: number) => Math.min(n - 1, Math.max(0, Math.floor(at / BUCKET_MS)));
  return {
    startMs,
    downloadMinutes(sizeMb, atMs) {
      if (bandwidth === undefined) return 0;
      const concurrent = busy ? Math.max(1, busy[idx(atMs)]! / BUCKET_MS) : 1;
      return (sizeMb * 8 * concurrent) / bandwidth / 60;
    },
    connectorWaitMinutes(atMs) {
      return waits ? waits[idx(atMs)]! : 0;
    },
    incidentFails(service: Service, atMs: number, u: number) {
      if (!incident || incident.service !== service) return false;
      const h = atMs / 3_600_000;
      return h >= incident.startHour && h < incident.endHour && u < incident.failureShare;
    },
    ...(record
      ? {
          record(kind: 'download' | 'odj', fromMs: number, toMs: number) {
            if (kind === 'download') record.downloads[site]?.addInterval(fromMs, toMs);
            else record.odj?.addCount(fromMs);
          },
        }
      : {}),
  };
}

export const CSV_HEADER = 'device,group,site,scenario,joinType,status,errorCode,failedPhase,cause,endUserMinutes,technicianMinutes,totalMinutes,elapsedMinutes,startHour';

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function csvRow(index: number, group: string, site: string, o: Outcome, startMs: number): string {
  return [index, group, site, o.scenario, o.joinType, o.status, o.errorCode, o.failedPhase, o.cause, o.endUserMinutes, o.technicianMinutes, o.totalMinutes, o.elapsedMinutes, (startMs / 3_600_000).toFixed(3)]
    .map(csvCell)
    .join(',');
}

/** Simulate devices [from, to) of a fleet. Runs the same in this thread or in a worker. */
export function runChunk(job: ChunkJob): ChunkResult {
  const plan = planFleet(job.fleet, job.options);
  const acc = new Accumulator(job.fleet.groups.length, job.fleet.sites.length);
  const measuring = job.pass === 'measure';
  const n = buckets(job.fleet);
  const record = measuring
    ? { downloads: job.fleet.sites.map((s) => (s.bandwidthMbps !== undefined ? new Buckets(n) : null)), odj: job.fleet.sharedWorld.connectorRequestsPerHour ? new Buckets(n) : null }
    : null;
  const perHour = job.fleet.sharedWorld.connectorRequestsPerHour;
  const waits = !measuring && perHour && job.profile?.odj ? connectorWaits(job.profile.odj, perHour) : null;
  const shares = needsTwoPasses(job.fleet) || job.fleet.sharedWorld.incident !== undefined;
  const rows: string[] | undefined = job.csv ? [] : undefined;
  for (let i = job.from; i < job.to; i++) {
    const d = plan.device(i);
    const options = { seed: plan.seed, index: i, trace: false, ...(shares ? { shared: sharedFor(job, d.site, d.startMs, record, waits) } : {}) };
    const { outcome } = simulate(d.env, options);
    acc.add(outcome, d.group, d.site);
    rows?.push(csvRow(i, job.fleet.groups[d.group]!.name, job.fleet.sites[d.site]!.name, outcome, d.startMs));
  }
  return {
    acc: acc.toData(),
    ...(record ? { downloads: record.downloads.map((b) => b?.values ?? null), odj: record.odj?.values ?? null } : {}),
    ...(rows ? { rows } : {}),
  };
}

export interface Executor {
  run(jobs: ChunkJob[], onResult: (index: number, result: ChunkResult) => void): Promise<void>;
  close(): Promise<void>;
}

/** Runs chunks in this thread. */
export const inThread: Executor = {
  async run(jobs, onResult) {
    jobs.forEach((job, i) => onResult(i, runChunk(job)));
  },
  async close() {},
};

export interface FleetRun {
  plan: Plan;
  acc: Accumulator;
  twoPasses: boolean;
  devices: number;
}

/**
 * Run a whole fleet. `onRows` receives CSV rows in device order; `onProgress` the devices done so far.
 * Partial results are merged in chunk order, whatever order the chunks finish in.
 */
export async function executeFleet(
  fleet: Fleet,
  options: RunOptions,
  executor: Executor,
  hooks: { onProgress?: (done: number, total: number) => void; onRows?: (rows: string[]) => void } = {},
): Promise<FleetRun> {
  const plan = planFleet(fleet, options);
  const total = plan.devices;
  const chunks: Array<[number, number]> = [];
  for (let from = 0; from < total; from += CHUNK) chunks.push([from, Math.min(total, from + CHUNK)]);
  const twoPasses = needsTwoPasses(fleet);
  const passes = twoPasses ? 2 : 1;
  let done = 0;

  let profile: LoadProfile | null = null;
  if (twoPasses) {
    const n = buckets(fleet);
    const downloads = fleet.sites.map((s) => (s.bandwidthMbps !== undefined ? new Float64Array(n) : null));
    const odj = fleet.sharedWorld.connectorRequestsPerHour ? new Float64Array(n) : null;
    const measured: ChunkResult[] = new Array(chunks.length);
    await executor.run(
      chunks.map(([from, to]) => ({ fleet, options, from, to, pass: 'measure' as const, profile: null, csv: false })),
      (i, r) => {
        measured[i] = r;
        done += chunks[i]![1] - chunks[i]![0];
        hooks.onProgress?.(done, total * passes);
      },
    );
    // Added in chunk order: float sums depend on order, and the result must not depend on the workers.
    for (const r of measured) {
      r.downloads?.forEach((b, s) => {
        if (b) for (let k = 0; k < n; k++) downloads[s]![k]! += b[k]!;
      });
      if (r.odj && odj) for (let k = 0; k < n; k++) odj[k]! += r.odj[k]!;
    }
    profile = { downloads, odj };
  }

  const acc = new Accumulator(fleet.groups.length, fleet.sites.length);
  const results: Array<ChunkResult | undefined> = new Array(chunks.length);
  let next = 0;
  await executor.run(
    chunks.map(([from, to]) => ({ fleet, options, from, to, pass: 'run' as const, profile, csv: Boolean(hooks.onRows) })),
    (i, r) => {
      results[i] = r;
      // Merge the finished prefix in chunk order; keeps memory bounded and the sums identical.
      while (next < chunks.length && results[next]) {
        const part = results[next]!;
        acc.merge(Accumulator.fromData(part.acc));
        if (part.rows) hooks.onRows?.(part.rows);
        results[next] = undefined;
        next++;
      }
      done += chunks[i]![1] - chunks[i]![0];
      hooks.onProgress?.(done, total * passes);
    },
  );
  return { plan, acc, twoPasses, devices: total };
}

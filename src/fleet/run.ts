// Running a fleet: devices in fixed chunks, each chunk simulated on its own (in this
// thread or a worker), partial results merged in chunk order, so the totals are the
// same for any number of workers. When devices share something (a site's bandwidth, the
// connector's capacity), a first pass measures the load and a second pass applies it.
import { PHASE_ORDER } from '../catalog/phases.ts';
import { csvLine, emptyPairs, mergePairs, needsTwoPasses, buckets, RequestLog, RiskLog, sharedLoadOf, smallestDownloads, type ChunkJob, type ChunkResult, type LoadProfile, type PairStats, type RunOptions, type Uncontended } from './jobs.ts';
import { linkSaturates, linkSpeedFor, slowerRollouts, TIMERS } from './bottlenecks.ts';
import { planFleet, resolveRollout, type Plan } from './plan.ts';
import type { Fleet } from './schema.ts';
import { Accumulator, mergeModes, type ModeTally } from './stats.ts';
import { addSparse } from '../world/shared.ts';

export const CHUNK = 2000;
export type { ChunkJob, ChunkResult, LoadProfile, PairStats, PairSums, RunOptions } from './jobs.ts';
export { addSum, buckets, connectorWaits, emptyPairs, linkDelays, mergePairs, needsTwoPasses } from './jobs.ts';

export const CSV_HEADER = `device,group,site,scenario,joinType,status,errorCode,failedPhase,cause,endUserMinutes,technicianMinutes,totalMinutes,elapsedMinutes,startHour,deploymentState,${PHASE_ORDER.map((p) => `${p}Minutes`).join(',')},technicianSite`;

/**
 * The CSV's last column, after the row the chunk wrote: where a pre-provisioned device's technician flow ran (its group's
 * depot, groups[].technicianSite, else its own site), empty for a device with no technician flow. \`site\` is where the
 * device is delivered, so a laptop whose technician flow failed at a partner depot read its clinic alone, while the site
 * table counts it at the depot. Rows are one per device from \`from\` (the command's runs count every device).
 */
function withTechnicianSite(plan: Plan, rows: string[], from: number): string[] {
  return rows.map((row, k) => {
    const d = plan.device(from + k);
    const at = d.env.scenario !== 'pre-provisioned' ? null : plan.fleet.sites[d.technicianSite >= 0 ? d.technicianSite : d.site]?.name;
    return `${row},${csvLine([at])}`;
  });
}

export interface Executor {
  /** `signal`: the run rejects with its reason when it aborts, no chunk starting after it (on workers, those under way end). */
  run(jobs: ChunkJob[], onResult: (index: number, result: ChunkResult) => void, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** The executor with each of its runs stopped by `signal` (the library's runs take one; the command's are stopped by Ctrl+C). */
export function stoppedBy(executor: Executor, signal: AbortSignal | undefined): Executor {
  if (!signal) return executor;
  return { run: (jobs, onResult) => executor.run(jobs, onResult, signal), close: () => executor.close() };
}

/** Runs chunks in this thread (the engine is loaded when first needed: a run on worker threads never loads it here). */
export const inThread: Executor = {
  async run(jobs, onResult, signal) {
    const { runChunk } = await import('./chunk.ts');
    for (let i = 0; i < jobs.length; i++) {
      // The event loop turns between chunks, so a long run on this thread still hears a timer, an AbortSignal's abort or
      // a signal (it ran to its end first); an abort heard there starts no other chunk (the next one ran before).
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      onResult(i, runChunk(jobs[i]!));
    }
  },
  async close() {},
};

export interface FleetRun {
  plan: Plan;
  acc: Accumulator;
  twoPasses: boolean;
  devices: number;
  /** What the first pass measured (null when nothing is shared). */
  profile: LoadProfile | null;
  /** With a pair: the second run of every device, and the paired differences. */
  pair?: { plan: Plan; acc: Accumulator; twoPasses: boolean; profile: LoadProfile | null; stats: PairStats };
  /** With the `successes` hook: one byte per device, 1 where it succeeded (sweep pairs each value's with the next's). */
  successes?: Uint8Array;
}

/**
 * Run a whole fleet. `onRows` receives CSV rows in device order; `onProgress` the devices done so far.
 * Partial results are merged in chunk order, whatever order the chunks finish in.
 */
export async function executeFleet(
  fleet: Fleet,
  options: RunOptions,
  executor: Executor,
  hooks: { onProgress?: (done: number, total: number) => void; onRows?: (rows: string[]) => void; pair?: { fleet: Fleet; options: RunOptions }; successes?: boolean } = {},
): Promise<FleetRun> {
  // A rollout given as devices per hour: its window, for this many devices, from here on.
  fleet = resolveRollout(fleet, planFleet(fleet, options).devices);
  const plan = planFleet(fleet, options);
  const total = plan.devices;
  const chunks = chunksOf(total);
  const pair = hooks.pair ? { ...hooks.pair, fleet: resolveRollout(hooks.pair.fleet, total) } : undefined;
  const pairPlan = pair ? planFleet(pair.fleet, { ...pair.options, devices: total, seed: plan.seed }) : null;
  const runs = pair ? 2 : 1;
  const measures = (needsTwoPasses(fleet) ? 1 : 0) + (pair && needsTwoPasses(pair.fleet) ? 1 : 0);
  const work = total * (runs + measures);
  const progress = { done: 0 };
  const report = (devices: number) => {
    progress.done += devices;
    hooks.onProgress?.(progress.done, work);
  };
  const profile = needsTwoPasses(fleet) ? await measure(fleet, options, chunks, executor, report) : null;
  if (profile) await settleSlower(plan, profile, { options, chunks, executor });
  const pairOptions = pair ? { ...pair.options, devices: total, seed: plan.seed } : undefined;
  const pairProfile = pair && needsTwoPasses(pair.fleet) ? await measure(pair.fleet, pairOptions!, chunks, executor, report) : null;
  if (pairProfile) await settleSlower(pairPlan!, pairProfile, { options: pairOptions!, chunks, executor });

  const load = sharedLoadOf(fleet, profile);
  const pairLoad = pair ? sharedLoadOf(pair.fleet, pairProfile) : null;
  const acc = new Accumulator(fleet.groups.length, fleet.sites.length);
  const pairAcc = pair ? new Accumulator(pair.fleet.groups.length, pair.fleet.sites.length) : null;
  const pairStats = emptyPairs();
  const successes = hooks.successes ? new Uint8Array(total) : null;
  const results: Array<ChunkResult | undefined> = new Array(chunks.length);
  let next = 0;
  await executor.run(
    chunks.map(([from, to]) => ({
      fleet,
      options,
      from,
      to,
      pass: 'run' as const,
      load,
      csv: Boolean(hooks.onRows),
      ...(successes ? { successes: true } : {}),
      ...(pair ? { pair: { fleet: pair.fleet, options: pairOptions!, load: pairLoad } } : {}),
    })),
    (i, r) => {
      results[i] = r;
      // Merge the finished prefix in chunk order; keeps memory bounded and the sums identical.
      while (next < chunks.length && results[next]) {
        const part = results[next]!;
        acc.mergeData(part.acc);
        if (part.pairAcc) pairAcc!.mergeData(part.pairAcc);
        if (part.pairs) mergePairs(pairStats, part.pairs);
        if (part.rows) hooks.onRows?.(withTechnicianSite(plan, part.rows, chunks[next]![0]));
        if (part.successes) successes!.set(part.successes, chunks[next]![0]);
        results[next] = undefined;
        next++;
      }
      report((chunks[i]![1] - chunks[i]![0]) * runs);
    },
  );
  return {
    plan,
    acc,
    twoPasses: needsTwoPasses(fleet),
    devices: total,
    profile,
    ...(pair ? { pair: { plan: pairPlan!, acc: pairAcc!, twoPasses: needsTwoPasses(pair.fleet), profile: pairProfile, stats: pairStats } } : {}),
    ...(successes ? { successes } : {}),
  };
}

/**
 * A saturated link's slower rollout, from the first pass's downloads, which are then let go (they are large); and where its
 * devices ran out a timer even with it to themselves, their own downloads (src/fleet/own-downloads.ts, loaded only then).
 */
async function settleSlower(plan: Plan, profile: LoadProfile, again: Again): Promise<void> {
  profile.slower = slowerRollouts(plan, profile);
  // Any link with a limit (the second pass tells which saturate); few sites' devices fail a timer alone.
  const limited = plan.fleet.sites.map((s, i) => s.bandwidthMbps !== undefined && profile.downloads[i] !== null);
  if (limited.some(Boolean) && profile.uncontended?.some((u) => [...u.failures.keys()].some((k) => TIMERS.test(`${k.split('|')[1]} `)))) {
    const { ownDownloadsOf } = await import('./own-downloads.ts');
    profile.own = ownDownloadsOf(plan, profile, limited);
  }
  delete profile.requests;
  delete profile.risks;
  await measuredLinkFixes(plan.fleet, profile, again);
}

/** What running the first pass again needs: the run's options, its chunks and its executor. */
interface Again {
  options: RunOptions;
  chunks: Array<[number, number]>;
  executor: Executor;
}

/** First passes run again, at most, to find a saturated link's fix: each at the speeds the last one asked for. */
export const FIX_MEASURES = 3;

/**
 * A saturated link's fix, measured. The speed the first pass's demand asks for is too little: a device's downloads come
 * closer together on a faster link (each waits for the one before), so at that speed the link queues again (a clinic's
 * 30 laptops, 7 GB each on 10 Mbps, were told about 430 Mbps; at 430 the warning asked 970, at 930 still 950). The first
 * pass is run again with every saturated link at the speed asked for, and again at what that asks, until each such
 * link's downloads wait no more than LINK_DELAY_MINUTES (at most FIX_MEASURES times; then the fix says 'at least'). The
 * speed named is then the one at which `run` with that bandwidthMbps gives the link no warning.
 */
async function measuredLinkFixes(fleet: Fleet, profile: LoadProfile, again: Again): Promise<void> {
  const n = profile.downloads.length;
  const asked: Array<number | null> = new Array(n).fill(null);
  fleet.sites.forEach((s, i) => {
    const d = profile.downloads[i];
    const smallest = profile.smallest?.[i];
    if (s.bandwidthMbps === undefined || !d || !smallest || !linkSaturates(d, smallest, s.bandwidthMbps)) return;
    // As the warning reckons it: a timer that cut the devices' downloads short scales the demand to their whole downloads.
    const scale = profile.own?.[i]?.scale ?? 1;
    asked[i] = linkSpeedFor(scale > 1 ? d.map((x) => x * scale) : d, smallest, s.bandwidthMbps);
  });
  if (asked.every((a) => a === null)) return;
  const settled = asked.map((a) => a === null);
  for (let round = 0; round < FIX_MEASURES && settled.some((x) => !x); round++) {
    const at: Fleet = { ...fleet, sites: fleet.sites.map((s, i) => (asked[i] === null ? s : { ...s, bandwidthMbps: asked[i]! })) };
    // Only the devices whose downloads cross a link still asked about: the others' load on it is none.
    const p = await measure(at, again.options, again.chunks, again.executor, () => {}, asked.flatMap((a, i) => (a !== null && !settled[i] ? [i] : [])));
    asked.forEach((mbps, i) => {
      if (settled[i] || mbps === null) return;
      const d = p.downloads[i]!;
      const smallest = p.smallest![i]!;
      if (!linkSaturates(d, smallest, mbps)) settled[i] = true;
      else asked[i] = Math.max(linkSpeedFor(d, smallest, mbps), mbps);
    });
  }
  profile.linkFixes = asked.map((mbps, i) => (mbps === null ? null : { mbps, settled: settled[i]! }));
}

/** Devices [from, to) in fixed chunks: the same for any number of workers. */
function chunksOf(total: number): Array<[number, number]> {
  const chunks: Array<[number, number]> = [];
  for (let from = 0; from < total; from += CHUNK) chunks.push([from, Math.min(total, from + CHUNK)]);
  return chunks;
}

/** A fleet's first pass alone (its window resolved): the load a replayed device of it shares (src/fleet/replay.ts). */
export function firstPass(fleet: Fleet, options: RunOptions, executor: Executor): Promise<LoadProfile> {
  return measure(fleet, options, chunksOf(planFleet(fleet, options).devices), executor, () => {});
}

/**
 * The first pass: every device uncontended, noting what it downloads and asks of the
 * connector. Each chunk's load is added to the fleet's as soon as every chunk before it
 * was added (float sums depend on order, and the result must not depend on the workers),
 * then dropped: memory stays flat however many chunks the fleet has.
 */
async function measure(fleet: Fleet, options: RunOptions, chunks: Array<[number, number]>, executor: Executor, report: (devices: number) => void, onlySites?: readonly number[]): Promise<LoadProfile> {
  const n = buckets(fleet);
  const downloads = fleet.sites.map((s) => (s.bandwidthMbps !== undefined ? new Float64Array(n) : null));
  const odj = fleet.sharedWorld.connectorRequestsPerHour ? new Float64Array(n) : null;
  const uncontended: Uncontended[] = fleet.sites.map(() => ({ devices: 0, succeeded: 0, failures: new Map() }));
  const connectorUncontended: Uncontended | null = odj ? { devices: 0, succeeded: 0, failures: new Map() } : null;
  // One array a site, added to chunk by chunk (thousands of small arrays, one a chunk and site, held 30 MB more at 1,000,000 devices).
  const requests = fleet.sites.map(() => new RequestLog());
  const risks = fleet.sharedWorld.incident !== undefined ? new RiskLog() : null;
  const waiting: Array<ChunkResult | undefined> = new Array(chunks.length);
  let next = 0;
  const add = (r: ChunkResult) => {
    r.downloads?.forEach((b, s) => {
      const total = downloads[s];
      if (b && total) addSparse(total, b);
    });
    if (r.odj && odj) addSparse(odj, r.odj);
    r.acc.sites.forEach((t, s) => addUncontended(uncontended[s]!, t.devices, t.succeeded, r.acc.siteFailures[s]!));
    if (r.connector && connectorUncontended) addUncontended(connectorUncontended, r.connector.devices, r.connector.succeeded, r.connector.failures);
    r.requests?.forEach((q, s) => {
      if (q) requests[s]!.append(q);
    });
    if (r.risks && risks) risks.append(r.risks);
  };
  await executor.run(
    chunks.map(([from, to]) => ({ fleet, options, from, to, pass: 'measure' as const, load: null, csv: false, ...(onlySites ? { onlySites } : {}) })),
    (i, r) => {
      waiting[i] = r;
      while (next < chunks.length && waiting[next]) {
        add(waiting[next]!);
        waiting[next] = undefined;
        next++;
      }
      report(chunks[i]![1] - chunks[i]![0]);
    },
  );
  const kept = requests.map((l) => l.view());
  const smallest = downloads.map((d, s) => (d ? smallestDownloads(kept[s]!, n) : null));
  return { downloads, odj, uncontended, connectorUncontended, requests: kept, smallest, ...(risks ? { risks: risks.view() } : {}) };
}

/** Adds a chunk's uncontended devices to the run's (whole counts: the sums do not depend on the order). */
function addUncontended(to: Uncontended, devices: number, succeeded: number, failures: Map<string, ModeTally> | Array<[string, ModeTally]>): void {
  to.devices += devices;
  to.succeeded += succeeded;
  mergeModes(to.failures, failures);
}

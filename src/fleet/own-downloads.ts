// What a device downloads on a site's link with its flows run to their end, for a thin link's warning
// (src/fleet/bottlenecks.ts): loaded by the fleet runner after its first pass, where a saturated link's devices run out a
// timer even with the link to themselves; it runs devices, so it loads the machines (src/contract/command-imports).
import { simulate } from '../engine/simulate.ts';
import type { Environment } from '../environment/schema.ts';
import type { Shared } from '../world/shared.ts';
import { TIMER_SAMPLE, TIMERS } from './bottlenecks.ts';
import { downloadMbps, type LoadProfile, type OwnDownloads } from './jobs.ts';
import type { Plan } from './plan.ts';

/** Devices of a site read for ownDownloads (their runs are whole deployments, not a fleet's hot path). */
const OWN_DOWNLOADS_SAMPLE = 15;
/** A timer no deployment reaches: ownDownloadsMb's devices run their flows to their end. */
const NO_TIMER_MINUTES = 1_000_000;

/**
 * What a device downloads on a site's link with its flows run to their end: the apps its flows download there (a
 * pre-provisioned device's technician's at its depot, groups[].technicianSite; its user's where it is delivered). The
 * first pass counts only what a device got before its timer ran out: a clinic's laptops, 7.67 GB of apps, were told
 * 'about 4.5 GB ... 60.7 minutes' at 10 Mbps, where all of them take about 102. The site's first devices (up to
 * OWN_DOWNLOADS_SAMPLE, of every device's that downloads there) are run again with downloads that cost nothing and no
 * timer, each download there added up: `mb`, the median device's. Run again with their timer and downloads that cost
 * nothing, `timedOut` of them still run it out: their installs alone outlast it, and no link speed saves them (the
 * clinic was told 'Fix: about 370 Mbps', at which every device still failed). `scale`: the median device's whole downloads
 * over what it got as the first pass ran it (its timer, the link to itself), by which the link's fix scales the demand
 * the first pass measured (the clinic on a 180-minute ESP was told 370 Mbps, at which its link was still saturated and
 * the warning asked 510). Null where no device downloads there.
 */
export function ownDownloads(plan: Plan, site: number, runs: Map<string, Run> = new Map()): OwnDownloads | null {
  const sizes: number[] = [];
  const got: number[] = [];
  let timedOut = 0;
  for (let i = 0; i < Math.min(plan.devices, TIMER_SAMPLE) && sizes.length < OWN_DOWNLOADS_SAMPLE; i++) {
    const d = plan.device(i);
    if (d.site !== site && d.technicianSite !== site) continue;
    const speedAt = (technician: boolean) => downloadMbps(plan.fleet, technician && d.technicianSite >= 0 ? d.technicianSite : d.site);
    // Devices of one environment, in the same place on the same links, download alike: one run each (800 stores alike, once).
    const key = `${d.site === site}|${d.technicianSite === site}|${speedAt(false)}|${speedAt(true)}|${JSON.stringify(d.env)}`;
    let run = runs.get(key);
    if (!run) runs.set(key, (run = runDevice(plan, i, site, speedAt)));
    sizes.push(run.whole);
    got.push(run.got);
    if (run.timedOut) timedOut++;
  }
  if (!sizes.length) return null;
  const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const [whole, measured] = [median(sizes), median(got)];
  return { mb: whole, scale: measured > 0 ? Math.max(1, whole / measured) : 1, sampled: sizes.length, timedOut };
}

/** One device's three runs for ownDownloads: its whole downloads at the site, what it got as the first pass ran it, and whether free downloads still ran its timer out. */
interface Run {
  whole: number;
  got: number;
  timedOut: boolean;
}

function runDevice(plan: Plan, i: number, site: number, speedAt: (technician: boolean) => number | undefined): Run {
  const d = plan.device(i);
  let mb = 0;
  const shared: Shared = {
    startMs: 0,
    downloadMinutes: () => 0,
    connectorWaitMinutes: () => 0,
    incidentFails: () => false,
    record(kind, _atMs, amount, technician = false) {
      if (kind === 'download' && (technician && d.technicianSite >= 0 ? d.technicianSite : d.site) === site) mb += amount / 8;
    },
  };
  simulate(untimed(d.env), { seed: plan.seed, index: i, shared });
  const whole = mb;
  const { record, ...free } = shared;
  const o = simulate(d.env, { seed: plan.seed, index: i, shared: free }).outcome;
  // As the first pass ran it: its timer, each link to itself at its speed.
  mb = 0;
  const atSpeed = (sizeMb: number, _atMs: number, technician: boolean) => {
    const v = speedAt(technician);
    return v === undefined ? 0 : (sizeMb * 8) / v / 60;
  };
  simulate(d.env, { seed: plan.seed, index: i, shared: { ...free, record, downloadMinutes: atSpeed } });
  return { whole, got: mb, timedOut: o.status === 'failed' && TIMERS.test(`${o.errorCode} `) };
}

/** The environment with its ESP's and device preparation policies' timers lifted. */
function untimed(env: Environment): Environment {
  return {
    ...env,
    esp: { ...env.esp, timeoutMinutes: NO_TIMER_MINUTES },
    devicePreparation: { ...env.devicePreparation, policies: env.devicePreparation.policies.map((p) => ({ ...p, timeoutMinutes: NO_TIMER_MINUTES })) },
  };
}

/**
 * Each limited link's own downloads (`limited`: a site with a bandwidthMbps), where the first pass's devices at it failed
 * on a timer: the only sites a saturated link's warning reads them for.
 */
export function ownDownloadsOf(plan: Plan, profile: LoadProfile, limited: boolean[]): Array<OwnDownloads | null> {
  const runs = new Map<string, Run>();
  return plan.fleet.sites.map((_, i) => {
    const failures = profile.uncontended?.[i]?.failures;
    const timedOut = failures && [...failures.keys()].some((k) => TIMERS.test(`${k.split('|')[1]} `));
    return limited[i] && timedOut ? ownDownloads(plan, i, runs) : null;
  });
}

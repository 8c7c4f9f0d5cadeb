// One device of a fleet, replayed step by step: the environment, site, start time and random stream the fleet
// gave it and, where devices share a site's link or the connector, the queues the fleet's first pass measured.
// Its outcome is the one the fleet run counted, so a failure mode in a report can be followed step by step on
// its first device (`autopilot-sim simulate <fleet> --device N`).
import { simulate, type Simulation, type TraceEntry } from '../engine/simulate.ts';
import { devicesText, possessive } from '../format.ts';
import type { Service, Shared } from '../world/shared.ts';
import { deviceShared } from './chunk.ts';
import { downloadMbps, hubsOf, needsTwoPasses, sharedLoadOf, type RunOptions } from './jobs.ts';
import { planFleet, resolveRollout } from './plan.ts';
import { firstPass, inThread, type Executor } from './run.ts';
import type { Fleet } from './schema.ts';

export interface ReplayedDevice extends Simulation {
  index: number;
  /** Devices in the fleet, of which this is one. */
  devices: number;
  group: string;
  site: string;
  /** When the device starts in the rollout, in hours. */
  startHour: number;
  seed: number;
}

/** Device `index` of the fleet (0 to devices - 1), with its trace. `executor` runs the first pass where one is needed. */
export async function replayDevice(fleet: Fleet, index: number, options: RunOptions = {}, executor: Executor = inThread): Promise<ReplayedDevice> {
  // The fleet as a run resolves it (src/fleet/run.ts executeFleet): a rollout given as a pace, for this many devices.
  fleet = resolveRollout(fleet, planFleet(fleet, options).devices);
  const plan = planFleet(fleet, options);
  if (!Number.isInteger(index) || index < 0 || index >= plan.devices) throw new RangeError(`the fleet has ${devicesText(plan.devices)}, 0 to ${plan.devices - 1}: there is no device ${index}`);
  const load = needsTwoPasses(fleet) ? sharedLoadOf(fleet, await firstPass(fleet, options, executor)) : null;
  const d = plan.device(index);
  const shares = needsTwoPasses(fleet) || fleet.sharedWorld.incident !== undefined;
  const site = fleet.sites[d.site]!;
  const waits = new Map<number, Wait>();
  const hubs = hubsOf(fleet);
  const linkOf = (s: number) => ({
    link: `${possessive(fleet.sites[s]!.name)} link${hubs[s]! >= 0 ? ` and ${possessive(fleet.sites[hubs[s]!]!.name)} (its internet breakout)` : ''}`,
    mbps: downloadMbps(fleet, s),
  });
  const own = linkOf(d.site);
  const technician = d.technicianSite >= 0 ? linkOf(d.technicianSite) : own;
  const shared = shares ? queued(deviceShared(fleet, d.site, load, d.startMs, d.technicianSite), (t) => (t ? technician : own), waits) : undefined;
  const run = simulate(d.env, { seed: plan.seed, index, ...(shared ? { shared } : {}) });
  if (waits.size) sayWhereItQueued(run.trace, waits);
  return { ...run, index, devices: plan.devices, group: fleet.groups[d.group]!.name, site: fleet.sites[d.site]!.name, startHour: d.startMs / 3_600_000, seed: plan.seed };
}

/** Shorter waits are not worth a word (a tenth of a minute, the timeline's resolution). */
const WORTH_SAYING = 0.1;

/**
 * The device's view of what it shares, noting each wait in a queue the fleet's other devices made: at which moment of
 * the device's run (ms since power on) and what waited. The world adds those minutes to a step without a word.
 */
function queued(inner: Shared, linkOf: (technician: boolean) => { link: string; mbps: number | undefined }, waits: Map<number, Wait>): Shared {
  return {
    startMs: inner.startMs,
    downloadMinutes(sizeMb: number, atMs: number, technician: boolean): number {
      const minutes = inner.downloadMinutes(sizeMb, atMs, technician);
      const { link, mbps: bandwidthMbps } = linkOf(technician);
      // The transfer itself at the link's speed is no queue; what is over it, the fleet's other devices made.
      const queue = bandwidthMbps === undefined ? 0 : minutes - (sizeMb * 8) / bandwidthMbps / 60;
      if (queue >= WORTH_SAYING) waits.set(atMs - inner.startMs, { minutes: queue, what: 'its download', where: `behind the other devices on ${link}` });
      return minutes;
    },
    connectorWaitMinutes(atMs: number): number {
      const minutes = inner.connectorWaitMinutes(atMs);
      if (minutes >= WORTH_SAYING) waits.set(atMs - inner.startMs, { minutes, what: 'the request', where: "behind the other devices' at the Intune Connector for AD" });
      return minutes;
    },
    incidentFails: (service: Service, atMs: number, u: number) => inner.incidentFails(service, atMs, u),
  };
}

/**
 * The replayed timeline says where a step's minutes went: the step that followed a wait in a shared queue (the app
 * installed, the blob delivered, or the timer that ran out while it waited) names the queue and its minutes.
 */
function sayWhereItQueued(trace: TraceEntry[], waits: Map<number, Wait>): void {
  for (let i = 1; i < trace.length; i++) {
    const w = waits.get(trace[i - 1]!.at);
    if (w === undefined) continue;
    const e = trace[i]!;
    // A timer that ran out while the wait went on cut it short: said as far as it got ('its download queued 31.6 min'
    // read after a step of 3.5).
    const step = (e.at - trace[i - 1]!.at) / 60_000;
    const wait =
      e.source === 'timer' && w.minutes > step + 0.05
        ? `${w.what} had queued ${step.toFixed(1)} of the ${w.minutes.toFixed(1)} min it was to wait ${w.where}`
        : `${w.what} queued ${w.minutes.toFixed(1)} min ${w.where}`;
    if (e.source === 'timer') e.cause = e.cause ? `${e.cause}; ${wait}` : wait;
    else e.detail = e.detail ? `${e.detail} (${wait})` : wait;
  }
}

/** A wait in a shared queue at a moment of the device's run: its minutes, what waited and behind whom. */
interface Wait {
  minutes: number;
  what: string;
  where: string;
}

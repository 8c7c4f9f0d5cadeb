// One device of a fleet, replayed step by step: the environment, site, start time and random stream the fleet
// gave it and, where devices share a site's link or the connector, the queues the fleet's first pass measured.
// Its outcome is the one the fleet run counted, so a failure mode in a report can be followed step by step on
// its first device (`autopilot-sim simulate <fleet> --device N`).
import { simulate, type Simulation } from '../engine/simulate.ts';
import { deviceShared } from './chunk.ts';
import { needsTwoPasses, sharedLoadOf, type RunOptions } from './jobs.ts';
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
  if (!Number.isInteger(index) || index < 0 || index >= plan.devices) throw new RangeError(`the fleet has ${plan.devices} devices, 0 to ${plan.devices - 1}: there is no device ${index}`);
  const load = needsTwoPasses(fleet) ? sharedLoadOf(fleet, await firstPass(fleet, options, executor)) : null;
  const d = plan.device(index);
  const shares = needsTwoPasses(fleet) || fleet.sharedWorld.incident !== undefined;
  const run = simulate(d.env, { seed: plan.seed, index, ...(shares ? { shared: deviceShared(fleet, d.site, load, d.startMs) } : {}) });
  return { ...run, index, devices: plan.devices, group: fleet.groups[d.group]!.name, site: fleet.sites[d.site]!.name, startHour: d.startMs / 3_600_000, seed: plan.seed };
}

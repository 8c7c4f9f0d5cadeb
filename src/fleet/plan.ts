// Which device is which: each device index gets a group, a site, one pick per variation
// dimension and a start time, from its own seeded stream (independent of the world's
// stream, so two runs compared side by side give device i the same device).
import { merge } from '../environment/merge.ts';
import { EnvironmentSchema, type Environment, type EnvironmentInput } from '../environment/schema.ts';
import { createRandom } from '../world/random.ts';
import type { Fleet } from './schema.ts';

export interface Device {
  index: number;
  group: number;
  site: number;
  startMs: number;
  env: Environment;
}

export interface Plan {
  fleet: Fleet;
  devices: number;
  seed: number;
  device(index: number): Device;
}

const ASSIGNMENT_STREAM = 0x5bd1e995;

function pickWeighted(weights: number[], u: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = u * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** The rollout window in hours: the file's windowHours, or its devices over rollout.devicesPerHour. */
export function rolloutHours(fleet: Fleet, devices: number): number {
  return fleet.rollout.devicesPerHour ? devices / fleet.rollout.devicesPerHour : fleet.rollout.windowHours;
}

/** The fleet with its window in hours, for `devices` devices (what the shared-load passes and the reports read). */
export function resolveRollout(fleet: Fleet, devices: number): Fleet {
  if (!fleet.rollout.devicesPerHour) return fleet;
  return { ...fleet, rollout: { ...fleet.rollout, windowHours: rolloutHours(fleet, devices) } };
}

export function planFleet(fleet: Fleet, options: { devices?: number; seed?: number; environment?: EnvironmentInput; override?: EnvironmentInput } = {}): Plan {
  const seed = options.seed ?? fleet.seed;
  const counted = fleet.groups.every((g) => g.count !== undefined);
  const devices = options.devices ?? fleet.devices ?? (counted ? fleet.groups.reduce((a, g) => a + g.count!, 0) : 1000);
  const weights = fleet.groups.map((g) => g.count ?? g.weight ?? 1);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  // Counted groups take consecutive index ranges (scaled to the fleet size); weighted ones are drawn.
  const bounds = counted ? weights.map((_, i) => Math.round((weights.slice(0, i + 1).reduce((a, b) => a + b, 0) / totalWeight) * devices)) : [];
  const base = merge(merge(fleet.environment as EnvironmentInput, fleet.scenario ? { scenario: fleet.scenario } : {}), options.environment ?? {});
  const siteWeights = fleet.groups.map((g) => fleet.sites.map((s) => (g.sites ? (g.sites[s.name] ?? 0) : s.share)));
  // Dimensions named with a leading "@" (a sweep's) are drawn after the start time, so adding one leaves every other draw as it was.
  const dims = fleet.groups.map((g) => [...Object.keys(g.vary).filter((d) => !d.startsWith('@')).sort(), ...Object.keys(g.vary).filter((d) => d.startsWith('@')).sort()]);
  const late = fleet.groups.map((g) => Object.keys(g.vary).filter((d) => !d.startsWith('@')).length);
  const environments = new Map<string, Environment>();
  const windowMs = rolloutHours(fleet, devices) * 3_600_000;

  // One group, one site, nothing varied, no rollout window: every device is the same, no draws needed.
  const uniform = fleet.groups.length === 1 && fleet.sites.length === 1 && dims[0]!.length === 0 && windowMs === 0;
  const NO_DRAWS = { next: () => 0 };

  /** A group's environment at a site with its variation picks, parsed once. */
  const environmentFor = (group: number, site: number, picks: readonly number[]): Environment => {
    const g = fleet.groups[group]!;
    let input = merge(merge(base, fleet.sites[site]!.environment), g.environment);
    dims[group]!.forEach((dim, d) => {
      if (picks[d]! >= 0) input = merge(input, g.vary[dim]![picks[d]!]!.environment);
    });
    if (options.override) input = merge(input, options.override);
    return EnvironmentSchema.parse(input);
  };
  /** Environments of groups with nothing varied, by group and site. */
  const plain: Environment[][] = [];

  return {
    fleet,
    devices,
    seed,
    device(index: number): Device {
      const r = uniform ? NO_DRAWS : createRandom(seed ^ ASSIGNMENT_STREAM, index);
      const group = counted ? Math.max(0, bounds.findIndex((b) => index < b)) : pickWeighted(weights, r.next());
      const g = fleet.groups[group]!;
      const site = pickWeighted(siteWeights[group]!, r.next());
      const groupDims = dims[group]!;
      let startMs = 0;
      if (groupDims.length === 0) {
        // Nothing varied: the environment is the group's at the site, looked up without a key string.
        startMs = Math.floor(r.next() * windowMs);
        const bySite = (plain[group] ??= []);
        const env = (bySite[site] ??= environmentFor(group, site, []));
        return { index, group, site, startMs, env };
      }
      const picks: number[] = [];
      for (let d = 0; d < groupDims.length; d++) {
        if (d === late[group]) startMs = Math.floor(r.next() * windowMs);
        const u = r.next();
        let acc = 0;
        let pick = -1;
        g.vary[groupDims[d]!]!.forEach((v, k) => {
          if (pick < 0 && u < (acc += v.share)) pick = k;
        });
        picks.push(pick);
      }
      if (late[group] === groupDims.length) startMs = Math.floor(r.next() * windowMs);
      const key = `${group}|${site}|${picks.join(',')}`;
      let env = environments.get(key);
      if (!env) {
        env = environmentFor(group, site, picks);
        environments.set(key, env);
      }
      return { index, group, site, startMs, env };
    },
  };
}

// Which device is which: each device index gets a group, a site, one pick per variation
// dimension and a start time, from its own seeded stream (independent of the world's
// stream, so two runs compared side by side give device i the same device).
import { merge } from '../environment/merge.ts';
import { EnvironmentSchema, type Environment, type EnvironmentInput } from '../environment/schema.ts';
import { createRandom } from '../world/random.ts';
import type { Fleet } from './schema.ts';
import type { RunOptions } from './jobs.ts';

export interface Device {
  index: number;
  group: number;
  site: number;
  /** Where its technician flow runs (groups[].technicianSite), -1: at its own site. */
  technicianSite: number;
  startMs: number;
  env: Environment;
}

export interface Plan {
  fleet: Fleet;
  devices: number;
  seed: number;
  device(index: number): Device;
  /**
   * The draw that places device `index` in the rollout: its start is floor(draw × window in ms) whatever the window, so a
   * window other than the plan's places it by the same rule (a saturated link's slower rollout, src/fleet/bottlenecks.ts).
   */
  startDraw(index: number): number;
  /** Where device `index`'s site starts in the rollout (sites[].startHour), in ms: its start is this plus its place in the window. */
  siteStartMs(index: number): number;
  /** Device `index`'s group and the option it draws of that group's variation `dimension` (-1: none, the rest of the group). */
  drawnOption(index: number, dimension: string): { group: number; option: number };
}

/**
 * An environment for the devices of a group that draw, on each of several of its variation dimensions, one of the options
 * given: merged over their variations' environments. No file writes one (the schema has no such field); recommend's plan
 * keeps so a variation inside a variation it sets apart (laptops with a TPM 1.2 on device preparation, those of them
 * joined hybrid on user-driven), which no variation of the file holds alone.
 */
export interface JointVariation {
  when: Array<{ dimension: string; options: number[] }>;
  environment: EnvironmentInput;
}

/** A fleet's group as a plan reads it: the file's, and the joint variations recommend's plan gives it. */
export type PlannedGroup = Fleet['groups'][number] & { joint?: JointVariation[] };

const ASSIGNMENT_STREAM = 0x5bd1e995;
/** The stream of each counted group's offset in its sequence of sites. */
const SITE_STREAM = 0x27d4eb2f;
/** 1/φ: the step of the sequence that places a counted group's devices at its sites (siteOf). */
const INV_PHI = (Math.sqrt(5) - 1) / 2;
/** The stream of each counted group's offsets in its sequences of variations (optionOf). */
const VARY_STREAM = 0x165667b1;
/**
 * The steps of the sequences that place a counted group's devices in its variations, one per dimension (optionOf): the
 * fractional parts of √p for the primes but 5, so that with the sites' 1/φ (√5's) no two are rationally related and the
 * points (site, each dimension) fill the unit cube evenly: a variation's share is the same at every site, and two
 * dimensions' shares are independent, as drawn ones were.
 */
const VARY_STEPS = [2, 3, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47].map((p) => Math.sqrt(p) % 1);

function pickWeighted(weights: number[], u: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = u * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Groups that name a depot (groups[].technicianSite) whose devices, in a spread sample, never run pre-provisioning, the
 * only flow with a technician: the depot carries none of their downloads. Said by `run` (recommend and compare
 * --scenarios use the depot where they weigh pre-provisioning), as a depot beside user-driven devices did nothing unsaid.
 */
export function idleDepots(plan: Plan): Array<{ group: string; depot: string; scenarios: string[] }> {
  const fleet = plan.fleet;
  const seen = new Map<number, Set<string>>();
  for (const d of spreadSample(plan)) {
    if (d.technicianSite < 0) continue;
    const set = seen.get(d.group) ?? new Set<string>();
    set.add(d.env.scenario);
    seen.set(d.group, set);
  }
  return [...seen]
    .filter(([, scenarios]) => !scenarios.has('pre-provisioned'))
    .map(([g, scenarios]) => ({ group: fleet.groups[g]!.name, depot: fleet.groups[g]!.technicianSite!, scenarios: [...scenarios] }));
}

/** Devices looked at to measure a fleet's shares. */
export const SAMPLE = 2000;

/** At most `n` devices spread evenly over the whole plan (device floor(k·N/n)): every group and site is in it in proportion (counted groups hold consecutive ranges). */
export function spreadSample(plan: Plan, n = SAMPLE): Device[] {
  const m = Math.min(plan.devices, n);
  return Array.from({ length: m }, (_, k) => plan.device(Math.floor((k * plan.devices) / m)));
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

/**
 * Environments parsed by plans, by their input: the same input, the same (immutable) object, in every plan this
 * thread makes. A fleet run again (another size, the next chunk's copy of the fleet in a worker) then reuses the
 * world's rules and the transition graph made for that object, and the code V8 optimised for them.
 */
const parsed = new Map<string, Environment>();
const KEPT_ENVIRONMENTS = 256;
function parsedEnvironment(input: EnvironmentInput): Environment {
  const key = JSON.stringify(input);
  let env = parsed.get(key);
  if (!env) {
    if (parsed.size >= KEPT_ENVIRONMENTS) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, (env = EnvironmentSchema.parse(input)));
  }
  return env;
}

type PlanOptions = { devices?: number; seed?: number; environment?: EnvironmentInput; override?: EnvironmentInput; siteOverride?: RunOptions['siteOverride'] };

export function planFleet(fleet: Fleet, options: PlanOptions = {}): Plan {
  return new FleetPlan(fleet, options);
}

/** Draws for a uniform fleet: none (one object for every plan, so the code that calls it sees one function). */
const NO_DRAWS = { next: () => 0 };

/** A plan as a class: its methods are the same functions for every plan, so a second run's plan does not undo the code V8 optimised for the first. */
class FleetPlan implements Plan {
  readonly devices: number;
  readonly seed: number;
  private readonly counted: boolean;
  private readonly weights: number[];
  private readonly bounds: number[];
  private readonly base: EnvironmentInput;
  private readonly siteWeights: number[][];
  private readonly technicianSites: number[];
  private readonly dims: string[][];
  private readonly late: number[];
  private readonly environments = new Map<string, Environment>();
  private readonly windowMs: number;
  /** Each site's start in the rollout (sites[].startHour), in ms. */
  private readonly siteStarts: number[];
  /** One group, one site, nothing varied, no rollout window: every device is the same, no draws needed. */
  private readonly uniform: boolean;
  /** Where each counted group's sequence of sites starts (siteOf), drawn from the seed. */
  private readonly siteOffsets: number[];
  /** Where each counted group's sequence of each variation dimension starts (optionOf), by group and dimension, drawn from the seed. */
  private readonly varyOffsets: number[][];
  /** Environments of groups with nothing varied, by group and site. */
  private readonly plain: Environment[][] = [];

  constructor(
    readonly fleet: Fleet,
    private readonly options: PlanOptions,
  ) {
    this.seed = options.seed ?? fleet.seed;
    const counted = fleet.groups.every((g) => g.count !== undefined);
    this.counted = counted;
    const devices = options.devices ?? fleet.devices ?? (counted ? fleet.groups.reduce((a, g) => a + g.count!, 0) : 1000);
    this.devices = devices;
    const weights = fleet.groups.map((g) => g.count ?? g.weight ?? 1);
    this.weights = weights;
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    // Counted groups take consecutive index ranges (scaled to the fleet size); weighted ones are drawn.
    this.bounds = counted ? weights.map((_, i) => Math.round((weights.slice(0, i + 1).reduce((a, b) => a + b, 0) / totalWeight) * devices)) : [];
    this.base = merge(merge(fleet.environment as EnvironmentInput, fleet.scenario ? { scenario: fleet.scenario } : {}), options.environment ?? {});
    this.siteWeights = fleet.groups.map((g) => fleet.sites.map((s) => (g.sites ? (g.sites[s.name] ?? 0) : s.share)));
    this.siteOffsets = fleet.groups.map((_, g) => createRandom(this.seed ^ SITE_STREAM, g).next());
    this.technicianSites = fleet.groups.map((g) => (g.technicianSite === undefined ? -1 : fleet.sites.findIndex((s) => s.name === g.technicianSite)));
    // Dimensions named with a leading "@" (a sweep's) are drawn after the start time, so adding one leaves every other draw as it was.
    this.dims = fleet.groups.map((g) => [...Object.keys(g.vary).filter((d) => !d.startsWith('@')).sort(), ...Object.keys(g.vary).filter((d) => d.startsWith('@')).sort()]);
    this.late = fleet.groups.map((g) => Object.keys(g.vary).filter((d) => !d.startsWith('@')).length);
    this.varyOffsets = this.dims.map((dims, g) => dims.map((_, d) => createRandom(this.seed ^ VARY_STREAM, g * 64 + d).next()));
    this.windowMs = rolloutHours(fleet, devices) * 3_600_000;
    this.siteStarts = fleet.sites.map((s) => (s.startHour ?? 0) * 3_600_000);
    this.uniform = fleet.groups.length === 1 && fleet.sites.length === 1 && this.dims[0]!.length === 0 && this.windowMs === 0 && this.siteStarts[0] === 0;
  }

  /** A group's environment at a site with its variation picks, parsed once. */
  private environmentFor(group: number, site: number, picks: readonly number[]): Environment {
    const fleet = this.fleet;
    const g = fleet.groups[group]!;
    let input = merge(merge(this.base, fleet.sites[site]!.environment), g.environment);
    this.dims[group]!.forEach((dim, d) => {
      if (picks[d]! >= 0) input = merge(input, g.vary[dim]![picks[d]!]!.environment);
    });
    for (const j of (g as PlannedGroup).joint ?? []) {
      if (j.when.every((w) => w.options.includes(picks[this.dims[group]!.indexOf(w.dimension)] ?? -1))) input = merge(input, j.environment);
    }
    if (this.options.override) input = merge(input, this.options.override);
    const bySite = this.options.siteOverride;
    if (bySite?.sites.includes(fleet.sites[site]!.name)) input = merge(input, bySite.environment);
    return parsedEnvironment(input);
  }

  device(index: number): Device {
    const { fleet, windowMs, late } = this;
    const r = this.uniform ? NO_DRAWS : createRandom(this.seed ^ ASSIGNMENT_STREAM, index);
    const group = this.counted ? Math.max(0, groupOf(this.bounds, index)) : pickWeighted(this.weights, r.next());
    const g = fleet.groups[group]!;
    const site = this.siteOf(group, index, r.next());
    const groupDims = this.dims[group]!;
    let startMs = this.siteStarts[site]!;
    if (groupDims.length === 0) {
      // Nothing varied: the environment is the group's at the site, looked up without a key string.
      startMs += Math.floor(r.next() * windowMs);
      const bySite = (this.plain[group] ??= []);
      const env = (bySite[site] ??= this.environmentFor(group, site, []));
      return { index, group, site, technicianSite: this.technicianSites[group]!, startMs, env };
    }
    const picks: number[] = [];
    for (let d = 0; d < groupDims.length; d++) {
      if (d === late[group]) startMs += Math.floor(r.next() * windowMs);
      picks.push(this.optionOf(g.vary[groupDims[d]!]!, group, d, index, r.next()));
    }
    if (late[group] === groupDims.length) startMs += Math.floor(r.next() * windowMs);
    const key = `${group}|${site}|${picks.join(',')}`;
    let env = this.environments.get(key);
    if (!env) {
      env = this.environmentFor(group, site, picks);
      this.environments.set(key, env);
    }
    return { index, group, site, technicianSite: this.technicianSites[group]!, startMs, env };
  }

  startDraw(index: number): number {
    // device()'s draws up to the start time, drawn even where this plan (one group, one site, nothing varied, no window)
    // draws nothing: the same plan over a window draws them.
    const r = createRandom(this.seed ^ ASSIGNMENT_STREAM, index);
    const group = this.counted ? Math.max(0, groupOf(this.bounds, index)) : pickWeighted(this.weights, r.next());
    r.next(); // the site
    for (let d = 0; d < this.late[group]!; d++) r.next();
    return r.next();
  }

  siteStartMs(index: number): number {
    if (this.uniform) return 0;
    const r = createRandom(this.seed ^ ASSIGNMENT_STREAM, index);
    const group = this.counted ? Math.max(0, groupOf(this.bounds, index)) : pickWeighted(this.weights, r.next());
    return this.siteStarts[this.siteOf(group, index, r.next())]!;
  }

  /**
   * The site of device `index` of `group`, `u` its own draw. A counted group's devices are placed by their place in the
   * group (k) along the sequence frac(offset + k/φ), whose points fill [0, 1) evenly: each site gets its weight's share of
   * the group within a device or two (a store written 5 got 0 to 13 when each device drew its site, 3 of 300 stores none),
   * and the sites stay interleaved through the group, as drawn ones were. A weighted group's devices, drawn into it, draw
   * their site too (u). The draw is taken either way, so every later draw of the device is unchanged.
   */
  private siteOf(group: number, index: number, u: number): number {
    const weights = this.siteWeights[group]!;
    if (!this.counted || weights.length === 1) return pickWeighted(weights, u);
    const k = index - (group === 0 ? 0 : this.bounds[group - 1]!);
    const offset = this.siteOffsets[group]!;
    const x = offset + k * INV_PHI;
    return pickWeighted(weights, x - Math.floor(x));
  }

  drawnOption(index: number, dimension: string): { group: number; option: number } {
    // device()'s draws up to the dimension's pick (a uniform plan varies nothing: no option).
    if (this.uniform) return { group: 0, option: -1 };
    const r = createRandom(this.seed ^ ASSIGNMENT_STREAM, index);
    const group = this.counted ? Math.max(0, groupOf(this.bounds, index)) : pickWeighted(this.weights, r.next());
    r.next(); // the site
    const dims = this.dims[group]!;
    const at = dims.indexOf(dimension);
    if (at < 0) return { group, option: -1 };
    for (let d = 0; d <= at; d++) {
      if (d === this.late[group]) r.next(); // the start
      const u = r.next();
      if (d === at) return { group, option: this.optionOf(this.fleet.groups[group]!.vary[dimension]!, group, d, index, u) };
    }
    return { group, option: -1 };
  }

  /**
   * The option device `index` of `group` gets on the group's dimension `d` (-1: none, the rest of the group), `u` its own
   * draw. A counted group's devices are placed by their place in the group (k) along frac(offset + k·step), the step
   * this dimension's (VARY_STEPS), as siteOf places them at sites: a 10% share of 600 kiosks is 60 within a device or two,
   * where each device drawing its option gave 60 give or take 7; the devices with a share of 0.1 are among those with
   * 0.3, so a sweep of the share moves devices one way only. A weighted group's devices, drawn into it, draw their option
   * too (u). The draw is taken either way, so every later draw of the device is unchanged.
   */
  private optionOf(options: ReadonlyArray<{ share: number }>, group: number, d: number, index: number, u: number): number {
    let x = u;
    if (this.counted) {
      const k = index - (group === 0 ? 0 : this.bounds[group - 1]!);
      const y = this.varyOffsets[group]![d]! + k * VARY_STEPS[d % VARY_STEPS.length]!;
      x = y - Math.floor(y);
    }
    let acc = 0;
    for (let o = 0; o < options.length; o++) if (x < (acc += options[o]!.share)) return o;
    return -1;
  }
}

/** The counted group a device index falls in: the first whose bound is above it (-1 for none). */
function groupOf(bounds: readonly number[], index: number): number {
  for (let i = 0; i < bounds.length; i++) if (index < bounds[i]!) return i;
  return -1;
}

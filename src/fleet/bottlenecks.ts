// What the devices of a fleet share, and whether it was enough: each site's link and the
// connector's queue over the rollout window, from the load the first pass measured (the
// demand of every device uncontended) and the queue the second pass applied. A shared resource
// that holds devices up gets a warning that names it, gives demand against capacity and what
// would fix it (the capacity needed, or the window needed).
import { BUCKET_MS, bucketOf, ODJ_TIMEOUT_MINUTES, queueDelays } from '../world/shared.ts';
import { buckets, downloadMbps, latestSiteStart, keptStride, linkWaits, type LoadProfile, type Requests, type Risks, type SlowerRollout, type SlowerRollouts } from './jobs.ts';
import { rolloutHours, type Plan } from './plan.ts';
import type { Fleet } from './schema.ts';
import { count, min, percentText, possessive } from '../format.ts';
import { HYBRID_ESP_EXTRA_MINUTES } from '../catalog/vocabulary.ts';
import type { Environment } from '../environment/schema.ts';
import { devicePreparationInput } from '../world/devicePreparation.ts';

/** A saturated link's other fix, which the model leaves out (docs/model.md): said so where it is named. */
const PEER_CACHING = 'or Delivery Optimization peer caching, which the model does not simulate (write the link speed it would give as bandwidthMbps)';

/** One hour of a shared resource: demand against capacity, and the longest wait in the hour (minutes). */
export interface LoadHour {
  hour: number;
  /** Demand over capacity in the hour (1 = saturated). */
  utilisation: number;
  /** The longest queueing delay in the hour, minutes. */
  queueMinutes: number;
}

export interface ResourceLoad {
  /** "link" for a site's bandwidth, "connector" for the Intune Connector for AD. */
  kind: 'link' | 'connector';
  /** The site's name, or "Intune Connector for AD". */
  name: string;
  /** Capacity: Mbps for a link, requests per hour for the connector. */
  capacity: number;
  unit: 'Mbps' | 'requests/h';
  /** Demand over the busiest hour, in the same unit. */
  peakDemand: number;
  /** Mean demand over the rollout window (or the hours with demand when there is no window). */
  meanDemand: number;
  /** Total demand: megabits for a link, requests for the connector. */
  totalDemand: number;
  peakUtilisation: number;
  /** Hours in which demand exceeded capacity. */
  saturatedHours: number;
  maxQueueMinutes: number;
  /** Hour by hour, from the first hour to the last with demand or a queue. */
  hours: LoadHour[];
}

export interface Warning {
  /**
   * A stable machine key: "link-saturated", "connector-saturated", "low-success", "classic-takes-over" (device preparation
   * never started), "incident-without-effect" (the file's cloud incident failed no device), "site-without-devices" (every
   * group names its sites, and none this one), "all-at-once" (a saturated resource where the file gives no rollout window:
   * every device starts at hour 0), "field-without-effect" (a field the file sets that changes nothing without another
   * setting: src/fleet/idle-fields.ts), "not-modelled" (what the file's devices do that the model leaves out of a figure:
   * an existing device's OS image is not downloaded over its site's link), "check-in-wait" (remote Autopilot Resets waited
   * for the Intune check-in, elapsed time the times leave out: src/fleet/report.ts checkInWait).
   */
  kind: 'link-saturated' | 'connector-saturated' | 'low-success' | 'classic-takes-over' | 'incident-without-effect' | 'site-without-devices' | 'all-at-once' | 'field-without-effect' | 'not-modelled' | 'check-in-wait';
  /** The resource (site name, "Intune Connector for AD") or "fleet". */
  resource: string;
  demand: number | null;
  capacity: number | null;
  unit: string | null;
  /** Capacity that keeps the queue under the limit, in the unit above (null when not a capacity question). */
  capacityNeeded: number | null;
  /** Rollout window (hours) over which the current capacity keeps up, as an estimate. */
  windowHoursNeeded: number | null;
  /** The warning in a sentence. */
  text: string;
}

/** A warning about the whole fleet, not a resource with a capacity: its text alone. */
export function fleetWarning(kind: Warning['kind'], text: string): Warning {
  return { kind, resource: 'fleet', demand: null, capacity: null, unit: null, capacityNeeded: null, windowHoursNeeded: null, text };
}

/** A link delay over this many minutes is a bottleneck worth naming. */
export const LINK_DELAY_MINUTES = 10;
/** Success below this share gets a warning. */
export const LOW_SUCCESS = 0.8;

const HOUR_BUCKETS = 3_600_000 / BUCKET_MS;
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function linkCapacityPerBucket(mbps: number): number {
  return (mbps * BUCKET_MS) / 1000;
}

function hoursOf(demand: Float64Array, perBucket: number, delays: Float64Array): LoadHour[] {
  let last = -1;
  for (let k = demand.length - 1; k >= 0; k--) {
    if (demand[k]! > 0 || delays[k]! > 0.01) {
      last = k;
      break;
    }
  }
  const hours: LoadHour[] = [];
  for (let h = 0; h * HOUR_BUCKETS <= last; h++) {
    let d = 0;
    let q = 0;
    for (let k = h * HOUR_BUCKETS; k < Math.min(demand.length, (h + 1) * HOUR_BUCKETS); k++) {
      d += demand[k]!;
      q = Math.max(q, delays[k]!);
    }
    hours.push({ hour: h, utilisation: r3(d / (perBucket * HOUR_BUCKETS)), queueMinutes: r1(q) });
  }
  return hours;
}

/**
 * The smallest capacity per bucket (to three significant figures) whose longest wait, worst(capacity), stays at or under
 * `limit` minutes. Some 45 tries: worst() writes its delays into one array it keeps (queueDelays' `into`).
 */
function capacityFor(worst: (perBucket: number) => number, limit: number, from: number): number {
  let lo = from;
  let hi = Math.max(from, 1);
  while (worst(hi) > limit) hi *= 2;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (worst(mid) > limit) lo = mid;
    else hi = mid;
  }
  return hi;
}

function nice(x: number): number {
  if (x <= 0) return 0;
  const p = 10 ** Math.max(0, Math.floor(Math.log10(x)) - 1);
  return Math.ceil(x / p) * p;
}

const fmt = count;
/** "1 hour", "5 hours" (a link saturated for one hour said "for 1 hours"). */
const hoursText = (n: number) => `${fmt(n)} ${Math.round(n) === 1 ? 'hour' : 'hours'}`;
const fmtRate = (x: number) => (x >= 10 ? fmt(x) : String(Math.round(x * 10) / 10));

/** Each shared resource's load over the rollout, from the first pass's profile. */
export function measureLoads(fleet: Fleet, profile: LoadProfile | null): ResourceLoad[] {
  if (!profile) return [];
  const out: ResourceLoad[] = [];
  const windowHours = fleet.rollout.windowHours;
  const summarise = (kind: ResourceLoad['kind'], name: string, capacity: number, unit: ResourceLoad['unit'], demand: Float64Array, perBucket: number, delays: Float64Array, perHourOf: (units: number) => number): ResourceLoad => {
    const hours = hoursOf(demand, perBucket, delays);
    const total = demand.reduce((a, b) => a + b, 0);
    let peak = 0;
    for (const h of hours) peak = Math.max(peak, h.utilisation);
    const busy = hours.filter((h) => h.utilisation > 0).length;
    // Sites that start later (sites[].startHour) stretch the hours the rollout asks over.
    const span = windowHours > 0 ? windowHours + latestSiteStart(fleet) : Math.max(1, busy);
    return {
      kind,
      name,
      capacity,
      unit,
      peakDemand: r1(peak * capacity),
      meanDemand: r1(perHourOf(total) / span),
      totalDemand: Math.round(total),
      peakUtilisation: r3(peak),
      saturatedHours: hours.filter((h) => h.utilisation > 1).length,
      maxQueueMinutes: r1(delays.reduce((a, b) => Math.max(a, b), 0)),
      hours,
    };
  };
  fleet.sites.forEach((s, i) => {
    const d = profile.downloads[i];
    if (s.bandwidthMbps === undefined || !d) return;
    const perBucket = linkCapacityPerBucket(s.bandwidthMbps);
    // Megabits per hour to Mbps: divide by 3,600 seconds.
    // Its queue: the longest a download waited behind the others' (its own transfer is its time, not a queue).
    out.push(summarise('link', s.name, s.bandwidthMbps, 'Mbps', d, perBucket, linkWaits(d, s.bandwidthMbps, smallestOf(profile, i, d.length)), (mb) => mb / 3600));
  });
  const perHour = fleet.sharedWorld.connectorRequestsPerHour;
  if (perHour && profile.odj) {
    const perBucket = perHour / HOUR_BUCKETS;
    out.push(summarise('connector', 'Intune Connector for AD', perHour, 'requests/h', profile.odj, perBucket, queueDelays(profile.odj, perBucket, 60 / perHour), (n) => n));
  }
  return out;
}

/** A site's smallest download per bucket (LoadProfile.smallest); a profile without them counts none. */
function smallestOf(profile: LoadProfile, site: number, n: number): Float64Array {
  return profile.smallest?.[site] ?? new Float64Array(n);
}

/**
 * The longest window a slower rollout is looked for in: this many times the file's (a week when it has none), and at most
 * LONGEST_WINDOW_HOURS (eight weeks): past that a slower rollout is no answer.
 */
export const LONGEST_STRETCH = 8;
export const LONGEST_WINDOW_HOURS = 8 * 7 * 24;
const NO_WINDOW_LONGEST = 7 * 24;

/**
 * The link speed (Mbps, rounded up to two figures) at which the downloads of `demand` (megabits per bucket) wait no more
 * than LINK_DELAY_MINUTES behind the others, searched up from `fromMbps`.
 */
export function linkSpeedFor(demand: Float64Array, smallest: Float64Array, fromMbps: number, tried = new Float64Array(demand.length)): number {
  return nice(capacityFor((c) => longestWait(linkWaits(demand, c / (BUCKET_MS / 1000), smallest, tried)), LINK_DELAY_MINUTES, linkCapacityPerBucket(fromMbps)) / (BUCKET_MS / 1000));
}

/** Whether a link of `mbps` saturates under `demand`: a download waits more than LINK_DELAY_MINUTES behind the others (measureLoads' max queue). */
export function linkSaturates(demand: Float64Array, smallest: Float64Array, mbps: number): boolean {
  return r1(longestWait(linkWaits(demand, mbps, smallest))) > LINK_DELAY_MINUTES;
}

function longestWait(delays: Float64Array): number {
  let most = 0;
  for (let k = 0; k < delays.length; k++) if (delays[k]! > most) most = delays[k]!;
  return most;
}

/**
 * The rollout window that brings each saturated site link's downloads under LINK_DELAY_MINUTES, or none within reason.
 * A capacity ratio was optimistic: each device downloads its apps in one burst, so a longer window helps less and less,
 * and past a point not at all (1,000 tills of 450 MB behind a 20 Mbps link over 24 hours were advised 71 hours, at which
 * downloads still waited 21 minutes). A window is tried by placing each device again by the plan's start-time rule for it
 * and adding its first-pass downloads at their moments after its start: the load a first pass over that window measures,
 * without running the devices again (a device's own path does not depend on its start, but through an incident's hours).
 * With an incident, each device's downloads are those of its path without it, up to the first request the incident fails
 * where its new start puts that request inside the incident's hours (Risks): the search had kept the first pass's
 * downloads as they were, so the devices the incident stopped there stayed stopped over every window, and none it would
 * stop there was, and the window it advised for 1,000 devices of a store, half of them failed by an incident, still
 * queued 12 minutes when run. (A device the incident stops is taken to download nothing more: so it is where the person
 * gives up at the error, the default; one who retries downloads later, which the search leaves out.)
 * Doubling from the file's window (from an hour when it has none), then halving the gap to a tenth, in whole hours.
 */
export function slowerRollouts(plan: Plan, profile: LoadProfile): SlowerRollouts {
  const fleet = plan.fleet;
  const requests = profile.requests;
  const out: SlowerRollouts = { links: fleet.sites.map(() => null) };
  if (!requests) return out;
  fleet.sites.forEach((s, i) => {
    const demand = profile.downloads[i];
    const mbps = s.bandwidthMbps;
    if (!demand || mbps === undefined || longestWait(linkWaits(demand, mbps, smallestOf(profile, i, demand.length))) <= LINK_DELAY_MINUTES) return;
    const downloads = placeable(plan, requests[i]!, profile.risks ?? null);
    out.links[i] = slowerFor(fleet.rollout.windowHours, (hours) => {
      const n = buckets({ ...fleet, rollout: { ...fleet.rollout, windowHours: hours } });
      const over = loadOver(downloads, hours * 3_600_000, n, fleet.sharedWorld.incident);
      return longestWait(linkWaits(over.demand, mbps, over.smallest));
    });
  });
  return out;
}

/**
 * A link's downloads in one piece, each with its device's start draw (the plan's, drawn once per device); with an
 * incident, each with its device's Risks: risk[riskFrom[j]..riskTo[j]), moments after its start, in order.
 */
interface Placeable {
  draw: Float64Array;
  /** Its device's site's start in the rollout (sites[].startHour), in ms, before its place in the window. */
  siteStartMs: Float64Array;
  afterStartMs: Float64Array;
  amount: Float64Array;
  /** Past KEPT_DEVICES, the devices each kept one stands for (its amounts are multiplied by it). */
  stride: number;
  risks: { riskFrom: Uint32Array; riskTo: Uint32Array; risk: Float64Array } | null;
}

function placeable(plan: Plan, p: Requests, risks: Risks | null): Placeable {
  const length = p.length / 3;
  const out: Placeable = { draw: new Float64Array(length), siteStartMs: new Float64Array(length), afterStartMs: new Float64Array(length), amount: new Float64Array(length), stride: keptStride(plan.devices), risks: null };
  if (risks) {
    // Both in device order: each download's device's risks, found walking the two together.
    const r = { riskFrom: new Uint32Array(length), riskTo: new Uint32Array(length), risk: new Float64Array(risks.length / 2) };
    for (let k = 0; k < r.risk.length; k++) r.risk[k] = risks[2 * k + 1]!;
    let k = 0;
    for (let j = 0, at = 0; j < p.length; j += 3, at++) {
      const device = p[j]!;
      while (k < r.risk.length && risks[2 * k]! < device) k++;
      let to = k;
      while (to < r.risk.length && risks[2 * to]! === device) to++;
      r.riskFrom[at] = k;
      r.riskTo[at] = to;
    }
    out.risks = r;
  }
  // The plan's own window: each device's start in the first pass, by the rule a longer window places it by.
  const windowMs = rolloutHours(plan.fleet, plan.devices) * 3_600_000;
  // Past KEPT_DEVICES, every stride-th device's downloads stand for the stride's.
  const stride = out.stride;
  let at = 0;
  let device = -1;
  let draw = 0;
  let siteStartMs = 0;
  let startMs = 0;
  for (let j = 0; j < p.length; j += 3, at++) {
    // A device's downloads are together (in device order).
    if (p[j] !== device) {
      draw = plan.startDraw((device = p[j]!));
      siteStartMs = plan.siteStartMs(device);
      startMs = siteStartMs + Math.floor(draw * windowMs);
    }
    out.draw[at] = draw;
    out.siteStartMs[at] = siteStartMs;
    out.afterStartMs[at] = p[j + 1]! - startMs;
    out.amount[at] = p[j + 2]! * stride;
  }
  return out;
}

/**
 * Megabits per bucket (of `n`) with each device started at floor(draw × window), as the plan starts it, and the smallest
 * download per bucket (Infinity where none); with an incident, without a device's downloads from the first of its risks
 * that its start puts inside the incident's hours.
 */
function loadOver({ draw, siteStartMs, afterStartMs, amount, stride, risks }: Placeable, windowMs: number, n: number, incident: Fleet['sharedWorld']['incident']): { demand: Float64Array; smallest: Float64Array } {
  const demand = new Float64Array(n);
  const smallest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let j = 0; j < draw.length; j++) {
    const startMs = siteStartMs[j]! + Math.floor(draw[j]! * windowMs);
    if (risks && incident) {
      let cut = Infinity;
      for (let k = risks.riskFrom[j]!; k < risks.riskTo[j]!; k++) {
        // As DeviceShared.incidentFails decides it, on the fleet's clock.
        const h = (startMs + risks.risk[k]!) / 3_600_000;
        if (h >= incident.startHour && h < incident.endHour) {
          cut = risks.risk[k]!;
          break;
        }
      }
      if (afterStartMs[j]! >= cut) continue;
    }
    const k = bucketOf(startMs + afterStartMs[j]!, n);
    demand[k]! += amount[j]!;
    // Past KEPT_DEVICES a kept download stands for `stride` of them (its amount times stride): each is that size over it.
    if (amount[j]! / stride < smallest[k]!) smallest[k] = amount[j]! / stride;
  }
  return { demand, smallest };
}

/** The search for one saturated link, by the longest wait of its downloads over a window of so many hours. */
function slowerFor(window: number, waitOver: (hours: number) => number): SlowerRollout | null {
  const limit = LINK_DELAY_MINUTES;
  const longest = window > 0 ? Math.min(LONGEST_WINDOW_HOURS, Math.ceil(window * LONGEST_STRETCH)) : NO_WINDOW_LONGEST;
  if (longest <= window) return null;
  const tried = new Map<number, number>();
  const at = (hours: number) => {
    let q = tried.get(hours);
    if (q === undefined) tried.set(hours, (q = waitOver(hours)));
    return q;
  };
  let lo = window;
  let hi = Math.max(1, Math.ceil(window * 2));
  while (hi < longest && at(hi) > limit) {
    lo = hi;
    hi = Math.min(longest, hi * 2);
  }
  if (at(hi) > limit) return { hours: null, longest: hi, queueMinutes: at(hi) };
  // To a tenth (the advice is "about"; each try is a pass over every download of the link), in whole hours.
  while (hi - lo > Math.max(1, lo / 10)) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid <= lo) break;
    if (at(mid) > limit) lo = mid;
    else hi = mid;
  }
  return { hours: hi, longest, queueMinutes: at(hi) };
}

/** A site whose devices fail this share or more with the link to themselves: its link warning says a faster link will not save them, instead of a fix. */
export const FAILING_ANYWAY = 0.5;
/** How a link warning's advice begins where its site's devices fail anyway (FAILING_ANYWAY): warningsShown counts them. */
const WONT_SAVE_LINK = 'A faster link will not save';
/** Under that, from this share the warning keeps its fix and names the failures it leaves. */
export const FAILING_NOTED = 0.05;

/** The share of a resource's devices that fail even with it to themselves, and their top failure in words. */
export interface FailingAnyway {
  share: number;
  top: string;
  /** The devices it is a share of (a site's own, or those that ask the connector). */
  devices?: number;
  /** The top failure's share of those failing: under 1, other failures fail the rest. */
  topShare?: number;
}

/**
 * The top failure as the warning gives it: where it is not every failing device's, 'most often' and its share of them (a
 * hospital's connector read '66.1% of the devices that ask it fail even with the connector to themselves (0x80070774 ...:
 * no line of sight to a domain controller)', where that cause was 57.7% of them and a Win32 and MSI clash most of the rest).
 */
const topText = (a: FailingAnyway): string => (a.topShare !== undefined && a.topShare < 1 ? `most often ${a.top}, ${percentText(a.topShare)}% of them` : a.top);

/** A timer that the download time counts against: a device that fails it alone on a thin link may fail for the link's speed. */
export const TIMERS = /^(ESP_TIMEOUT|APDP_TIMEOUT) /;

/**
 * The minutes of the timer a site's devices run out: the ESP's (esp.timeoutMinutes, the site's over the tenant's), or
 * device preparation's policy timer where the tenant's scenario is device preparation (its first policy's); 60 unset;
 * hybrid device setup's 40 minutes more.
 */
/** The timer a device's download time counts against: device preparation's policy, or the ESP's (plus 40 minutes hybrid). */
function timerOf(env: Environment): number {
  if (env.scenario === 'device-preparation') return devicePreparationInput(env).timeoutMinutes;
  return env.esp.timeoutMinutes + (env.profile.joinType === 'hybrid' ? HYBRID_ESP_EXTRA_MINUTES : 0);
}

/** Devices read per site for its timer: enough for a site's usual timer, few enough for 800 stores. */
export const TIMER_SAMPLE = 20_000;

/**
 * Each site's timer, as its devices run (their group's environment over the site's: the tenant's and the site's alone
 * read a hospital's home-care site, all Entra-joined clinicians' laptops, as hybrid, 'the timer's 100 minutes' for 60):
 * the commonest among the site's first devices of the plan.
 */
function siteTimers(plan: Plan): Array<number | null> {
  const counts = plan.fleet.sites.map(() => new Map<number, number>());
  for (let i = 0; i < Math.min(plan.devices, TIMER_SAMPLE); i++) {
    const d = plan.device(i);
    const t = timerOf(d.env);
    counts[d.site]!.set(t, (counts[d.site]!.get(t) ?? 0) + 1);
  }
  return counts.map((c) => (c.size ? [...c].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0] : null));
}

function timerMinutes(fleet: Fleet, site: number): number {
  type Env = { esp?: { timeoutMinutes?: number }; scenario?: string; profile?: { joinType?: string }; devicePreparation?: { policies?: Array<{ timeoutMinutes?: number }> } };
  const [tenant, own] = [fleet.environment as Env, fleet.sites[site]!.environment as Env | undefined];
  if ((own?.scenario ?? tenant.scenario ?? fleet.scenario) === 'device-preparation') return (own?.devicePreparation ?? tenant.devicePreparation)?.policies?.[0]?.timeoutMinutes ?? 60;
  // Hybrid device setup gets 40 minutes more (domain §3.2).
  const hybrid = (own?.profile?.joinType ?? tenant.profile?.joinType) === 'hybrid' ? HYBRID_ESP_EXTRA_MINUTES : 0;
  return (own?.esp?.timeoutMinutes ?? tenant.esp?.timeoutMinutes ?? 60) + hybrid;
}

/**
 * Each site's share of the devices that ask the connector (asksConnector), read from the plan's first devices as
 * siteTimers reads them; null where none does.
 */
function connectorShares(plan: Plan): number[] | null {
  const counts = plan.fleet.sites.map(() => 0);
  let all = 0;
  for (let i = 0; i < Math.min(plan.devices, TIMER_SAMPLE); i++) {
    const d = plan.device(i);
    if (!asksConnector(d.env)) continue;
    counts[d.site]!++;
    all++;
  }
  return all ? counts.map((c) => c / all) : null;
}

/**
 * Whether a device so set up asks the Intune Connector for AD for an offline domain join: a hybrid join in user-driven or
 * pre-provisioning (the profile's), or in existing devices (the JSON profile's, or the profile's once enrolled). Read from
 * the environment, before it runs (one that fails before the join never asks).
 */
export function asksConnector(env: Environment): boolean {
  if (env.scenario === 'existing-devices') return env.existingDevices.jsonProfile.joinType === 'hybrid' || env.profile.joinType === 'hybrid';
  return env.profile.joinType === 'hybrid' && (env.scenario === 'user-driven' || env.scenario === 'pre-provisioned');
}

/**
 * The largest share of the requests any one hour asks, with each site's share spread evenly over `hours` from its start
 * (all in its start's hour for a window of 0). The share in an hour [t, t+1) is piecewise linear in t, so its largest is
 * at a t where t or t+1 meets a site's start or end.
 */
export function busiestHourShare(starts: number[], shares: number[], hours: number): number {
  const inHour = (t: number) => {
    let sum = 0;
    starts.forEach((a, s) => {
      if (hours <= 0) {
        if (a >= t && a < t + 1) sum += shares[s]!;
        return;
      }
      const overlap = Math.min(t + 1, a + hours) - Math.max(t, a);
      if (overlap > 0) sum += (shares[s]! * overlap) / hours;
    });
    return sum;
  };
  let most = 0;
  for (const a of starts) for (const t of [a, a - 1, a + hours, a + hours - 1]) most = Math.max(most, inHour(t));
  return most;
}

/**
 * The fix for a saturated resource, unless its devices fail even with it to themselves: then say so rather than
 * promise a fix (half of them or more), or say whom the fix does not help (from 5 %).
 */
function advice(fix: string, anyway: FailingAnyway | null, wontSave: string, whose: string, resource: string): string {
  if (!anyway || anyway.share < FAILING_NOTED) return fix;
  const share = `${percentText(anyway.share)}% ${whose}`;
  const failing = `fail even with ${resource} to themselves (${topText(anyway)})`;
  return anyway.share >= FAILING_ANYWAY ? `${wontSave}: ${share} ${failing}; fix that first.` : `${fix} That does not help the ${share} that ${failing}.`;
}

/**
 * Warnings for saturated resources and low success, each naming the resource, demand vs capacity and the fix.
 * `failingAnyway`: per site, and for the devices that ask the connector, the share that fail even uncontended and their
 * top failure in words (more capacity does not save them).
 */
export function warningsFor(
  fleet: Fleet,
  profile: LoadProfile | null,
  loads: ResourceLoad[],
  success: { rate: number; top: string | null; fix?: string | null },
  failingAnyway: { sites: Array<FailingAnyway | null>; connector: FailingAnyway | null } = { sites: [], connector: null },
  plan?: Plan,
): Warning[] {
  const out: Warning[] = [];
  let timers: Array<number | null> | null = null;
  const timerAt = (site: number) => (plan ? ((timers ??= siteTimers(plan))[site] ?? timerMinutes(fleet, site)) : timerMinutes(fleet, site));
  const window = fleet.rollout.windowHours;
  const rate = fleet.rollout.devicesPerHour;
  /** A hub's link carries the downloads of the sites behind it (sites[].internetVia): its warning names them. */
  const behind = (site: number) => {
    const names = fleet.sites.filter((s) => s.internetVia === fleet.sites[site]!.name).map((s) => s.name);
    return names.length ? ` (with the downloads of ${names.join(', ')}, which reach the internet through it)` : '';
  };
  /**
   * The connector's window, over which its capacity keeps up, with a tenth to spare: with a window, the demand per hour
   * falls as the window grows, so the busiest hour's share of capacity says how much longer (the total over capacity
   * alone would miss the peaks); all at once, the total over capacity. Each device asks the connector once, so the ratio
   * holds (checked on four saturated hybrid fleets); a link's window is searched for (slowerRollouts), its devices' bursts
   * being what they are whatever the window.
   */
  const windowFor = (hoursAtCapacity: number, peakUtilisation: number) => Math.ceil(window > 0 ? window * Math.max(1, peakUtilisation) * 1.1 : hoursAtCapacity * 1.1);
  /**
   * The connector's window where sites start at their own hours (sites[].startHour): stretched, their windows come to
   * overlap, so the ratio above no longer holds (two regions 5 hours apart over 4 hours were told 7, where both ask at
   * once from hour 5 and the queue grew from 81 to 95 minutes). Each site's requests spread evenly over the window from
   * its start, scaled by how much the busiest hour measured asks over what that spread gives at the file's window.
   */
  const connectorWindowFor = (l: ResourceLoad): number => {
    const plain = windowFor(l.totalDemand / l.capacity, l.peakUtilisation);
    const starts = fleet.sites.map((s) => s.startHour ?? 0);
    if (!plan || starts.every((h) => h === starts[0])) return plain;
    const bySite = connectorShares(plan);
    if (!bySite) return plain;
    // Sites that start at the same hour ask as one (a chain's stores in a few regions): the search reads each start once.
    const byStart = new Map<number, number>();
    starts.forEach((h, i) => byStart.set(h, (byStart.get(h) ?? 0) + bySite[i]!));
    const [at, shares] = [[...byStart.keys()], [...byStart.values()]];
    const busiest = (hours: number) => l.totalDemand * busiestHourShare(at, shares, hours);
    const scale = window > 0 ? Math.max(l.peakDemand, l.capacity) / busiest(window) : 1;
    const fits = (hours: number) => scale * busiest(hours) * 1.1 <= l.capacity;
    // Every site at once is the most a window of `hours` can ask in an hour: past that window, any start fits.
    const most = Math.ceil((scale * l.totalDemand * 1.1) / l.capacity);
    const from = Math.max(1, Math.ceil(window));
    // About 2,000 windows tried, fewer where many starts make each try long (each reads every start at 4 times as many hours).
    const tries = Math.max(20, Math.min(2000, Math.floor(4e6 / (4 * at.length * at.length))));
    const step = Math.max(1, Math.floor((most - from) / tries));
    for (let hours = from; hours < most; hours += step) if (fits(hours)) return hours;
    return Math.max(from, most);
  };
  /** The slower rollout that would fix it: a window in hours, or a rate when the file gives one. */
  const slower = (hours: number) =>
    rate ? `a rollout of about ${fmtRate((rate * window) / hours)} devices/h (rollout.devicesPerHour, now ${rate})` : `a rollout window of about ${hoursText(hours)} (rollout.windowHours, now ${window})`;
  /** The slower rollout that fixes a saturated link, or that none does (each device's burst; over the longest tried, a download still waits). */
  const orSlower = (found: SlowerRollout | null) =>
    !found
      ? '.'
      : found.hours !== null
        ? `, or ${slower(found.hours)}.`
        : `; a slower rollout does not fix it: each device downloads its apps at once, and ${rate ? `at ${fmtRate((rate * window) / found.longest)} devices/h (rollout.devicesPerHour, now ${rate})` : `over ${hoursText(found.longest)} (rollout.windowHours, now ${fmtRate(window)})`} a download still waits up to ${fmt(found.queueMinutes)} minutes.`;
  for (const l of loads) {
    if (l.kind === 'connector' && profile?.odj && l.maxQueueMinutes > ODJ_TIMEOUT_MINUTES) {
      const odj = profile.odj;
      const tried = new Float64Array(odj.length);
      const perBucket = capacityFor((c) => longestWait(queueDelays(odj, c, 60 / (c * HOUR_BUCKETS), tried)), ODJ_TIMEOUT_MINUTES, l.capacity / HOUR_BUCKETS);
      const needed = nice(perBucket * HOUR_BUCKETS);
      const windowNeeded = connectorWindowFor(l);
      out.push({
        kind: 'connector-saturated',
        resource: l.name,
        demand: l.peakDemand,
        capacity: l.capacity,
        unit: l.unit,
        capacityNeeded: needed,
        windowHoursNeeded: windowNeeded,
        // No hour over capacity (the busiest below it): the queue builds in five-minute bursts, which the hourly figures average away.
        text: `${
          l.saturatedHours > 0
            ? `The Intune Connector for AD is saturated: devices ask up to ${fmt(l.peakDemand)} offline-domain-join requests/h (${fmt(l.totalDemand)} in all) against ${fmt(l.capacity)}/h, for ${hoursText(l.saturatedHours)}, and the queue reaches ${fmt(l.maxQueueMinutes)} minutes`
            : `The Intune Connector for AD is saturated in bursts: no hour is over its ${fmt(l.capacity)} requests/h (the busiest asks ${fmt(l.peakDemand)}; ${fmt(l.totalDemand)} in all), but requests that come close together queue for up to ${fmt(l.maxQueueMinutes)} minutes`
        } (requests that wait over ${ODJ_TIMEOUT_MINUTES} fail with 0x80070774). ${advice(
          `Fix: about ${fmt(needed)} requests/h (sharedWorld.connectorRequestsPerHour, every connector of the domain together: more connectors, written there as well as in hybrid.connector.others), or ${slower(windowNeeded)}.`,
          failingAnyway.connector,
          'More connector capacity will not save the hybrid deployments',
          'of the devices that ask it',
          'the connector',
        )}`,
      });
    }
    if (l.kind === 'link' && l.maxQueueMinutes > LINK_DELAY_MINUTES) {
      const site = fleet.sites.findIndex((s) => s.name === l.name);
      const demand = profile!.downloads[site]!;
      const smallest = smallestOf(profile!, site, demand.length);
      // A capacity per bucket of c megabits is c / 300 Mbps.
      const tried = new Float64Array(demand.length);
      const anyway = failingAnyway.sites[site] ?? null;
      const own = anyway?.devices && TIMERS.test(anyway.top) ? (profile!.own?.[site] ?? null) : null;
      // What the devices would ask had their timers not cut their downloads short (own.scale); what they asked where none did.
      const whole = own && own.scale > 1 ? demand.map((x) => x * own.scale) : demand;
      // The speed measured by running the first pass again at it (measuredLinkFixes), where the run did; else this pass's.
      const fixAt = profile!.linkFixes?.[site] ?? null;
      const needed = fixAt?.mbps ?? linkSpeedFor(whole, smallest, l.capacity, tried);
      const found = profile!.slower?.links[site] ?? null;
      const windowNeeded = found?.hours ?? null;
      const fix = `Fix: ${fixAt && !fixAt.settled ? 'at least' : 'about'} ${fmt(needed)} Mbps (sites.${l.name}.bandwidthMbps, ${PEER_CACHING})${orSlower(found)}`;
      // A device alone on the link still waits for its own downloads: where they take a timer's minutes and the devices fail
      // that timer even with the link to themselves, the link's speed may be the cause, and a faster link save them (a depot
      // on 10 Mbps, 3.2 GB of apps a device: 43 minutes of a 60-minute ESP; the warning said a faster link would not). Or
      // the installs alone outlast the timer (a 40-minute install under a 30-minute ESP), which one pass cannot tell: the
      // sentence names the sweep that measures it ('unless their installs alone outlast it' left the architect guessing).
      const speed = downloadMbps(fleet, site) ?? l.capacity;
      const ownMb = anyway?.devices && TIMERS.test(anyway.top) ? (own?.mb ?? l.totalDemand / anyway.devices / 8) : 0;
      const ownMinutes = (ownMb * 8) / speed / 60;
      const timer = timerAt(site);
      // Any share of the timer: 'A faster link will not save' was said under half of it, and a hospital's home-care site on
      // 20 Mbps (26 of its 60 minutes downloading) went from 90.6% to 100.0% on a faster link. Half or more: it may save them.
      const siteAdvice =
        anyway && anyway.share >= FAILING_NOTED && ownMinutes > 0 && own && own.timedOut * 2 >= own.sampled
          ? `Even with the link to themselves, ${percentText(anyway.share)}% of its devices fail (${topText(anyway)}): at ${fmt(speed)} Mbps a device's own downloads (about ${(ownMb / 1000).toFixed(1)} GB) take some ${min(ownMinutes)} minutes, but with downloads that take no time ${own.timedOut} of ${own.sampled} of its devices run again still run out the timer's ${fmt(timer)} minutes: their installs alone outlast it, so no link speed saves them (raise the timer, or block on fewer apps). For the queue alone: ${fix.replace(/^Fix: /, '')}`
          : anyway && anyway.share >= FAILING_NOTED && ownMinutes > 0
          ? `Even with the link to themselves, ${percentText(anyway.share)}% of its devices fail (${topText(anyway)}): at ${fmt(speed)} Mbps a device's own downloads (about ${(ownMb / 1000).toFixed(1)} GB) take some ${
              ownMinutes >= timer
                ? `${min(ownMinutes)} minutes, more than the timer's ${fmt(timer)} alone, so the link must be faster to save them`
                : `${min(ownMinutes)} of the timer's ${fmt(timer)} minutes${ownMinutes >= timer / 2 ? ', so a faster link may save them' : ''}`
            }. ${fix.replace(/\.$/, '')}; at ${fmt(needed)} Mbps those downloads take about ${min((ownMinutes * speed) / needed)} minutes, but whether the installs then fit in the timer, one run cannot tell: sweep --vary "sites.${l.name}.bandwidthMbps=${speed},${needed}" measures it (a * in the name for every site alike).`
          : advice(fix, anyway, `${WONT_SAVE_LINK} ${l.name}`, 'of its devices', 'the link');
      out.push({
        kind: 'link-saturated',
        resource: l.name,
        demand: l.peakDemand,
        capacity: l.capacity,
        unit: l.unit,
        capacityNeeded: needed,
        windowHoursNeeded: windowNeeded,
        // No hour over capacity: the queue builds in bursts inside an hour (five-minute buckets), which the hourly figures average away.
        text:
          l.saturatedHours > 0
            ? `${possessive(l.name)} link${behind(site)} is saturated: app downloads ask up to ${fmt(l.peakDemand)} Mbps in the busiest hour (${fmt(l.totalDemand / 8000)} GB in all) against ${fmt(l.capacity)} Mbps, for ${hoursText(l.saturatedHours)}, and a download waits up to ${fmt(l.maxQueueMinutes)} minutes. ${siteAdvice}`
            : `${possessive(l.name)} link${behind(site)} is saturated in bursts: no hour is over its ${fmt(l.capacity)} Mbps (the busiest averages ${fmt(l.peakDemand)} Mbps; ${fmt(l.totalDemand / 8000)} GB in all), but devices that start close together queue their downloads for up to ${fmt(l.maxQueueMinutes)} minutes. ${siteAdvice}`,
      });
    }
  }
  if (success.rate < LOW_SUCCESS) {
    // The catalogue's documented fix for that failure (its remedy), so the warning says what to change, not only what fails.
    const fix = success.top && success.fix ? ` Documented fix: ${success.fix.replace(/([^.])$/, '$1.')}` : '';
    out.push(fleetWarning('low-success', `Success is ${(success.rate * 100).toFixed(1)}%, below ${Math.round(LOW_SUCCESS * 100)}%${success.top ? `: the top failure mode is ${success.top}` : ''}.${fix}`));
  }
  return out;
}

/** A shared resource a report warns is saturated, in brief: which, and how long its queue got. */
export interface Saturated {
  kind: ResourceLoad['kind'];
  /** The site's name, or "Intune Connector for AD". */
  resource: string;
  maxQueueMinutes: number;
}

/** The shared resources a report's warnings name as saturated (sweep and recommend carry them beside their figures). */
export function saturatedIn(r: { warnings: Warning[]; loads: ResourceLoad[] }): Saturated[] {
  const out: Saturated[] = [];
  for (const w of r.warnings) {
    const kind = w.kind === 'link-saturated' ? 'link' : w.kind === 'connector-saturated' ? 'connector' : null;
    if (!kind) continue;
    const load = r.loads.find((l) => l.kind === kind && l.name === w.resource);
    out.push({ kind, resource: w.resource, maxQueueMinutes: load?.maxQueueMinutes ?? 0 });
  }
  return out;
}

/** "Branch C's link", "the Intune Connector for AD". */
export function resourceText(s: { kind: ResourceLoad['kind']; resource: string }): string {
  return s.kind === 'link' ? `${possessive(s.resource)} link` : `the ${s.resource}`;
}

/** "Branch C's link is saturated (downloads wait up to 160 minutes)", with `at`: "(... up to 160 minutes, at 25)". */
export function saturatedText(s: Saturated, at: string | null = null): string {
  return `${resourceText(s)} is saturated (${s.kind === 'link' ? 'downloads' : 'offline-domain-join requests'} wait up to ${fmt(s.maxQueueMinutes)} minutes${at === null ? '' : `, at ${at}`})`;
}

/** How many saturated site links a sentence names one by one: past it, they are counted, the first few named. */
export const NAMED_LINKS = 3;

/** Site links counted: "85 site links are saturated (Store 002, Store 004, Store 009 and 82 more; downloads wait up to 28 minutes on Store 071's link)". */
function linksCountedText(links: Saturated[], at: string | null = null): string {
  const worst = links.reduce((a, b) => (b.maxQueueMinutes > a.maxQueueMinutes ? b : a));
  return `${fmt(links.length)} site links are saturated (${links
    .slice(0, NAMED_LINKS)
    .map((l) => l.resource)
    .join(', ')} and ${fmt(links.length - NAMED_LINKS)} more; downloads wait up to ${fmt(worst.maxQueueMinutes)} minutes on ${possessive(worst.resource)} link${at === null ? '' : `, at ${at}`})`;
}

/**
 * Saturated resources in one phrase, '; ' between them: each by name (saturatedText), or past NAMED_LINKS site links,
 * the links counted and the connector by name. A retail chain's recommendation named 85 store links one by one, in each
 * group's line; --json still lists each.
 */
export function saturatedListText(xs: Saturated[]): string {
  const links = xs.filter((x) => x.kind === 'link');
  if (links.length <= NAMED_LINKS) return xs.map((x) => saturatedText(x)).join('; ');
  return [linksCountedText(links), ...xs.filter((x) => x.kind !== 'link').map((x) => saturatedText(x))].join('; ');
}

/** As saturatedListText, each with the value of a sweep where its wait is longest: the links counted past NAMED_LINKS. */
export function saturatedListAt(xs: Array<{ s: Saturated; at: string | null }>): string[] {
  const links = xs.filter((x) => x.s.kind === 'link');
  if (links.length <= NAMED_LINKS) return xs.map((x) => saturatedText(x.s, x.at));
  const worst = links.reduce((a, b) => (b.s.maxQueueMinutes > a.s.maxQueueMinutes ? b : a));
  return [linksCountedText(links.map((l) => l.s), worst.at), ...xs.filter((x) => x.s.kind !== 'link').map((x) => saturatedText(x.s, x.at))];
}

/** "20 Mbps", or "10–20 Mbps" where they differ. */
const span = (xs: number[], unit: string) => {
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
  return `${fmt(lo) === fmt(hi) ? fmt(hi) : `${fmt(lo)}–${fmt(hi)}`}${unit}`;
};

/**
 * The warnings a report prints: past NAMED_LINKS saturated site links, the NAMED_LINKS with the longest waits in full (their
 * figures and their fix) where the first link's stood, then one line counting the rest and what they share (capacity,
 * waits, the capacity that fixes them). A retail chain's run printed 166 store links' paragraphs, one by one, in every
 * format; --json keeps every warning.
 */
export function warningsShown(r: { warnings: Warning[]; loads: ResourceLoad[] }): Warning[] {
  const links = r.warnings.filter((w) => w.kind === 'link-saturated');
  if (links.length <= NAMED_LINKS) return r.warnings;
  const wait = (w: Warning) => r.loads.find((l) => l.kind === 'link' && l.name === w.resource)?.maxQueueMinutes ?? 0;
  // The longest waits first; at the same wait, in the file's order.
  const worst = [...links].sort((a, b) => wait(b) - wait(a)).slice(0, NAMED_LINKS);
  const rest = links.filter((w) => !worst.includes(w));
  const anyway = rest.filter((w) => w.text.includes(WONT_SAVE_LINK));
  const fixable = rest.filter((w) => !anyway.includes(w) && w.capacityNeeded !== null);
  const longest = rest.reduce((a, b) => (wait(b) > wait(a) ? b : a));
  const least = Math.min(...rest.map(wait));
  const text =
    `${fmt(rest.length)} more site links are saturated the same way: ${span(
      rest.map((w) => w.capacity ?? 0),
      ' Mbps',
    )} each, where a download waits up to ${fmt(wait(longest))} minutes (on ${possessive(longest.resource)} link${least < wait(longest) ? `; on the least loaded, up to ${fmt(least)}` : ''}).` +
    (fixable.length ? ` Fix: about ${span(fixable.map((w) => w.capacityNeeded!), ' Mbps')} each${fixable.length < rest.length ? ` for ${fmt(fixable.length)} of them` : ''} (sites.<name>.bandwidthMbps, ${PEER_CACHING}).` : '') +
    (anyway.length
      ? ` ${anyway.length === rest.length ? 'At every one' : `At ${fmt(anyway.length)} of them`}, a faster link will not save the devices: ${Math.round(FAILING_ANYWAY * 100)}% or more of them fail even with the link to themselves; fix that first.`
      : '') +
    ' --json lists every one.';
  const folded = { ...fleetWarning('link-saturated', text), resource: `${fmt(rest.length)} more site links` };
  const first = r.warnings.indexOf(links[0]!);
  return [...r.warnings.slice(0, first), ...worst, folded, ...r.warnings.slice(first).filter((w) => w.kind !== 'link-saturated')];
}

/** Past this many site links, a report's table of loads and its hour-by-hour lines fold the quieter ones (loadsShown). */
export const LOAD_ROWS = 12;
/** How many site links they then keep: the longest waits, then the highest use. */
export const LINKS_KEPT = 8;

/** The site links a report folds into one row: each figure's range over them, and hour by hour the busiest of them. */
export interface FoldedLinks {
  links: number;
  capacity: [number, number];
  peakDemand: [number, number];
  meanDemand: [number, number];
  peakUtilisation: [number, number];
  saturatedHours: [number, number];
  maxQueueMinutes: [number, number];
  /** Each hour, the highest use and the longest wait among them. */
  hours: LoadHour[];
}

/** "20", or "10–20" where they differ, each end as `f` writes it. */
export const rangeText = ([lo, hi]: [number, number], f: (x: number) => string) => (f(lo) === f(hi) ? f(hi) : `${f(lo)}–${f(hi)}`);

/**
 * The loads a report shows: past LOAD_ROWS site links, the LINKS_KEPT with the longest waits (then the highest use, then
 * in the file's order) and those whose warning is printed in full, in the file's order, the connector, and one row that
 * folds the rest. A 200-store chain's run printed a 200-row table and 200 hour lines under warnings that named three
 * links; --json keeps every load.
 */
export function loadsShown(r: { warnings: Warning[]; loads: ResourceLoad[] }): { shown: ResourceLoad[]; folded: FoldedLinks | null } {
  const links = r.loads.filter((l) => l.kind === 'link');
  if (links.length <= LOAD_ROWS) return { shown: r.loads, folded: null };
  const named = new Set(warningsShown(r).filter((w) => w.kind === 'link-saturated').map((w) => w.resource));
  const ranked = [...links].sort((a, b) => b.maxQueueMinutes - a.maxQueueMinutes || b.peakUtilisation - a.peakUtilisation);
  const kept = new Set([...ranked.slice(0, LINKS_KEPT), ...links.filter((l) => named.has(l.name))]);
  const rest = links.filter((l) => !kept.has(l));
  const range = (f: (l: ResourceLoad) => number): [number, number] => [Math.min(...rest.map(f)), Math.max(...rest.map(f))];
  const hours: LoadHour[] = [];
  for (const l of rest)
    for (const h of l.hours) {
      const at = (hours[h.hour] ??= { hour: h.hour, utilisation: 0, queueMinutes: 0 });
      at.utilisation = Math.max(at.utilisation, h.utilisation);
      at.queueMinutes = Math.max(at.queueMinutes, h.queueMinutes);
    }
  return {
    shown: r.loads.filter((l) => l.kind !== 'link' || kept.has(l)),
    folded: {
      links: rest.length,
      capacity: range((l) => l.capacity),
      peakDemand: range((l) => l.peakDemand),
      meanDemand: range((l) => l.meanDemand),
      peakUtilisation: range((l) => l.peakUtilisation),
      saturatedHours: range((l) => l.saturatedHours),
      maxQueueMinutes: range((l) => l.maxQueueMinutes),
      // An hour none of them used is an hour at rest.
      hours: Array.from(hours, (h, k) => h ?? { hour: k, utilisation: 0, queueMinutes: 0 }),
    },
  };
}

/** The folded row's name: "192 more site links". */
export const foldedName = (f: FoldedLinks) => `${fmt(f.links)} more site links`;

// The fleet report: what architects paste into a design document. Computed from the
// merged statistics only, so it is the same for any number of workers.
import { lookup } from '../catalog/errors.ts';
import { findingText } from '../catalog/findings.ts';
import { causeText } from '../catalog/causes.ts';
import { inFlowOrder, phaseLabel } from '../catalog/phases.ts';
import { asksConnector, fleetWarning, measureLoads, warningsFor, type ResourceLoad, type Warning } from './bottlenecks.ts';
import type { FleetRun } from './run.ts';
import type { Fleet } from './schema.ts';
import { hubsOf, latestSiteStart, type Uncontended } from './jobs.ts';
import { spreadSample, type Device, type Plan } from './plan.ts';
import { fieldsWithoutEffect } from './idle-fields.ts';
import { classicProfileApplies } from '../environment/schema.ts';
import type { SuccessEnds } from '../catalog/continued.ts';
import { FELL_BACK, headedEnds, wilson, withFit, type Accumulator, type Histogram, type ModeTally, type Tally } from './stats.ts';
import { MODES, WRAPPERS, type FailureMode } from '../world/failure-modes.ts';
import { CHANCES, DURATIONS_NOTE, type ChanceName } from '../environment/durations.ts';
import { count, devicesText, min, percentText, roundMinutes, roundMinutesOrNull, roundShare } from '../format.ts';

/** The version of the report's JSON shape; raised when a key changes meaning or goes. */
export const SCHEMA_VERSION = 2;

export interface Percentiles {
  p50: number | null;
  p75: number | null;
  p90: number | null;
  p99: number | null;
  mean: number | null;
}

export interface Slice {
  name: string;
  devices: number;
  succeeded: number;
  successRate: number;
  successInterval95: [number, number];
  firstTimeRightRate: number;
  meanMinutesToDesktop: number | null;
  meanEndUserMinutes: number | null;
  /** The slice's most frequent failure mode, or null. */
  topFailure: FailureRef | null;
  /** Time to desktop of the slice's successful devices: p50 and p90 (minutes), and the histogram [bin start minutes, devices]. */
  p50: number | null;
  p90: number | null;
  histogram: Array<[number, number]>;
  /** Where the slice's successful devices ended: at a desktop, or with no one there (the reports' words follow it). */
  successEnds: SuccessEnds;
  /** Where no device of the slice succeeded: the ends its devices were headed for (their scenarios', counted over every device), for the reports' words. */
  endsSought?: Array<keyof SuccessEnds>;
}

/** A failure mode by its key parts, and the devices of the slice it failed. */
export interface FailureRef {
  id: string;
  code: string;
  phase: string;
  /** The cause template; `{name}` marks a parameter. */
  cause: string;
  /** The cause to print: its parameters summarised over the devices it counts (the fleet's, or a group's or site's). */
  causeSummary: string;
  devices: number;
  /** Share of the slice's devices. */
  shareOfDevices: number;
}

/** A parameter of a failure mode, summarised over its devices: a numeric range or the most frequent values. */
export type FailureParameter =
  | { name: string; kind: 'range'; min: number; max: number; mean: number }
  | { name: string; kind: 'values'; values: Array<{ value: string; devices: number }>; otherValues: number; otherDevices: number };

/**
 * A failure mode: the error code, the phase and the cause as a template (`{app}`, `{minutes}`
 * stand for the values the devices saw, summarised in `parameters`).
 */
export interface FailureRow {
  /** "code|phase|cause template": stable across runs. */
  id: string;
  phase: string;
  phaseLabel: string;
  code: string;
  /**
   * What the devices' outcomes said, as `simulate` gives it: a technician flow's failure in its own words (src/engine/observers.ts
   * messageOf). Where the mode's devices said different things (a hybrid user's sign-in and a technician flow's red screen,
   * failing at the connector alike), each with its devices, most first, joined by '; ', and listed in `messages`.
   */
  message: string | null;
  /** Where the mode's devices said more than one thing: each, with its devices, most first. Absent otherwise. */
  messages?: Array<{ message: string; devices: number }>;
  /** The cause template; `{name}` marks a parameter. */
  cause: string;
  /** The cause with each parameter summarised ("the connector's queue is 31–42,012 minutes long"). */
  causeSummary: string;
  parameters: FailureParameter[];
  devices: number;
  /** Share of the devices that did not succeed. */
  share: number;
  cumulativeShare: number;
  /** Share of all devices. */
  shareOfDevices: number;
  /** The first device that failed this way, by its index in the fleet: `autopilot-sim simulate <fleet> --device N` replays it step by step. */
  exampleDevice: number;
  /**
   * Where the mode's rate is one of the chances the documents give no figure for (the Win32/MSI clash is 'random and
   * timing-dependent'): the chance, its value in this fleet (the file's where it sets one, else the default) and the
   * sentence the reports print under the failures. Absent for the other modes.
   */
  estimate?: { chance: ChanceName; values: number[]; setInFile: boolean; text: string };
}

/** Something successful deployments got wrong without failing (src/catalog/findings.ts). */
export interface FindingRow {
  id: string;
  text: string;
  /** Successful devices that reached the desktop with it, and their share of the successful devices. */
  devices: number;
  shareOfSucceeded: number;
}

export interface FleetReport {
  schemaVersion: number;
  name: string;
  devices: number;
  seed: number;
  /** Two passes: the first measured what devices share (bandwidth, connector), the second applied it. */
  sharedLoadModelled: boolean;
  succeeded: number;
  failed: number;
  fellBackToOobe: number;
  stopped: number;
  successRate: number;
  successInterval95: [number, number];
  firstTimeRight: number;
  firstTimeRightRate: number;
  /** That the minutes below rest on estimates where the documents give no duration (domain §9.2), as every other format says. */
  durationsNote: string;
  /** Minutes, successful devices only: active time, the end user's share and the technician's. */
  timeToDesktop: { total: Percentiles; endUser: Percentiles; technician: Percentiles };
  /**
   * Where the successful devices ended: a user's (or a kiosk's) desktop, the sign-in screen of a self-deploying device, a
   * reset ready for the next user, a Cloud PC provisioned. timeToDesktop keeps its name: it is the time to that end.
   */
  successEnds: SuccessEnds;
  /** Where no device succeeded: the ends the devices were headed for (their scenarios', counted over every device), for the reports' words. */
  endsSought?: Array<keyof SuccessEnds>;
  /** Mean minutes per device in each phase (all devices), in flow order. */
  phaseMinutes: Record<string, number>;
  /** The phases of phaseMinutes in flow order, with the name the reports give them. */
  phases: Array<{ phase: string; label: string; minutes: number }>;
  /** Failures and fallbacks, most frequent first, with the running share (a Pareto). */
  failures: FailureRow[];
  /** Caveats of successful deployments, most frequent first. */
  findings: FindingRow[];
  groups: Slice[];
  sites: Slice[];
  /** Time-to-desktop histogram of successful devices: [bin start minutes, devices]. */
  histogram: Array<[number, number]>;
  /** Each shared resource (site links, the connector) over the rollout, hour by hour. */
  loads: ResourceLoad[];
  /** Saturated resources and low success, each with demand, capacity and the fix. */
  warnings: Warning[];
  /**
   * A calibrated twin's (its groups' calibrated.observed, which calibrate writes): the tenant's deployments its failure
   * rates rest on, their success and its 95% interval, and the run's success interval with that uncertainty too, as
   * calibrate --check gives the twin's (withFit). successInterval95 above is the simulation's alone. Absent elsewhere.
   */
  fittedTo?: { deployments: number; succeeded: number; observedInterval95: [number, number]; successInterval95: [number, number] };
  /**
   * Where sites start at their own hours (sites[].startHour, a region's time zone or a later wave): each site's start and
   * the sentence every format gives under the site table. Absent where every site starts with the rollout.
   */
  siteStarts?: { sites: Array<{ site: string; startHour: number }>; text: string };
}

/** Sites whose starts are listed one by one; past this many, by hour. */
const SITES_LISTED = 12;
/** Hours whose sites are given hour by hour, past twelve sites; past this many, the first and the last. */
const HOURS_LISTED = 6;

/**
 * Whether a report's time to desktop has a technician's time to show (the reports' technician row, compare's p50
 * technician minutes): where a successful device had a technician's minutes (a pre-provisioned device's technician flow),
 * or, where none succeeded, a device went through a technician flow. A fleet with none (user-driven branches,
 * self-deploying kiosks) showed 'technician 0.0 0.0 0.0 0.0 0.0' in every report, a row that read as a technician's step
 * taking no time, and compare 'p50 technician minutes 0.0 0.0 ±0.0 min'. The JSON keeps the technician's percentiles, 0 there.
 */
export function technicianShown(r: FleetReport): boolean {
  const mean = r.timeToDesktop.technician.mean;
  return mean === null ? (r.phaseMinutes?.technicianFlow ?? 0) > 0 : mean > 0;
}

/** The sites' own starts (sites[].startHour) in words, as every format gives them; null where every site starts at hour 0. */
export function siteStartsOf(fleet: Fleet, windowHours: number): FleetReport['siteStarts'] | null {
  if (latestSiteStart(fleet) === 0) return null;
  const h = (x: number) => String(Math.round(x * 10) / 10);
  const sites = fleet.sites.map((s) => ({ site: s.name, startHour: s.startHour ?? 0 }));
  // Past twelve sites, by hour: a chain's 300 stores opening over six weeks listed 300 names and hours, 7,000 characters,
  // once in run's report and once for each value of a sweep. --json keeps every site's (siteStarts.sites).
  const hours = [...new Set(sites.map((s) => s.startHour))].sort((a, b) => a - b);
  const at = (x: number) => sites.filter((s) => s.startHour === x);
  const few = (xs: typeof sites) => (xs.length > 3 ? `${xs.slice(0, 2).map((s) => s.site).join(', ')} and ${xs.length - 2} more` : xs.map((s) => s.site).join(', '));
  const sizes = hours.map((x) => at(x).length);
  // A few hours (a plant a wave, three Saturdays): each hour with its own sites, where 'from hour 0 (...) to hour 336
  // (...), 7 to 9 sites at each' named no site of the hours between and pooled the hours' counts.
  const starts =
    sites.length <= SITES_LISTED
      ? sites.map((s) => `${s.site} at hour ${h(s.startHour)}`).join(', ')
      : hours.length <= HOURS_LISTED
        ? `${count(sites.length)} sites at ${count(hours.length)} different hours: ${hours.map((x) => `${count(at(x).length)} at hour ${h(x)} (${few(at(x))})`).join(', ')} (--json lists every site's, siteStarts)`
        : `${count(sites.length)} sites at ${count(hours.length)} different hours, from hour ${h(hours[0]!)} (${few(at(hours[0]!))}) to hour ${h(hours.at(-1)!)} (${few(at(hours.at(-1)!))}), ${Math.min(...sizes) === Math.max(...sizes) ? `${sizes[0]} sites` : `${Math.min(...sizes)} to ${Math.max(...sizes)} sites`} at each (--json lists every site's, siteStarts)`;
  const window = windowHours > 0 ? `each site's devices start over the ${h(windowHours)}-hour window from its hour` : "each site's devices start at once at its hour (no rollout window)";
  return { sites, text: `Sites start at their own hours (sites[].startHour): ${starts}; ${window}, so the last devices start by hour ${h(latestSiteStart(fleet) + windowHours)}.` };
}

// One rounding rule for every format (src/format.ts): minutes to one decimal, shares to four.
const r2 = roundMinutes;
const r4 = roundShare;
const MS = 60_000;

function percentiles(h: Histogram, sumMs: number): Percentiles {
  const q = (p: number) => roundMinutesOrNull(h.quantile(p));
  return { p50: q(0.5), p75: q(0.75), p90: q(0.9), p99: q(0.99), mean: h.n ? r2(sumMs / MS / h.n) : null };
}

/** "phase|code|template" as its parts (the template may hold a "|"). */
function splitKey(key: string): [string, string, string] {
  const a = key.indexOf('|');
  const b = key.indexOf('|', a + 1);
  return [key.slice(0, a), key.slice(a + 1, b), key.slice(b + 1)];
}

/** The share of the first pass's devices that failed, and their top failure in words; null when none failed. */
function failingUncontended(u: Uncontended): { share: number; top: string; devices: number; topShare: number } | null {
  // A hang the timer ended ('the ESP timer ran out: Microsoft 365 Apps app type started beside a tracked Win32 app') fails
  // at its own chance whatever the link: counted here, a global firm's São Paulo link read 'Even with the link to
  // themselves, 6.7% of its devices fail (… Microsoft 365 Apps … beside a tracked Win32 app)', the rate every site had.
  const failures = [...u.failures].filter(([key]) => !WRAPPERS.some((w) => splitKey(key)[2].startsWith(w)));
  const [key, mode] = failures.sort((x, y) => y[1].devices - x[1].devices || (x[0] < y[0] ? -1 : 1))[0] ?? [];
  if (!u.devices || key === undefined || !mode) return null;
  const [phase, code, cause] = splitKey(key);
  // Its values summarised as the failures table gives them ('while one of 13 apps (EPR client: 290, ...) was still
  // installing'), where the template's were dots: 'the ESP timer ran out while … was still installing'.
  const failing = failures.reduce((a, [, m]) => a + m.devices, 0);
  return { share: failing / u.devices, top: `${code} in ${phaseLabel(phase)}${cause ? `: ${summaryText(cause, summariseParams(mode))}` : ''}`, devices: u.devices, topShare: mode.devices / failing };
}

/**
 * The failure modes whose rate is one of CHANCES, a figure the documents do not give (src/world/index.ts draws each): what
 * the documents say instead, and which devices the chance is drawn for. The Win32/MSI clash at its 0.5 failed 426 of a
 * 1,000-kiosk chain and dominated three of an architect's four first drafts, with nothing to say the figure was a guess.
 */
const ESTIMATED: Partial<Record<string, { chance: ChanceName; documents: string; drawnFor: string }>> = {
  'win32-msi-clash': { chance: 'win32MsiClash', documents: 'call the clash random and timing-dependent', drawnFor: 'in each ESP phase that installs Win32 and MSI apps together' },
  'm365-beside-win32': { chance: 'm365HangBesideWin32', documents: 'say the Microsoft 365 Apps app type can hang the ESP beside a tracked Win32 app', drawnFor: 'where its Microsoft 365 Apps install beside a tracked Win32 app' },
  'tpm-intermittent': { chance: 'intermittentAttestation', documents: 'call the attestation failure intermittent', drawnFor: 'at each attestation on a TPM with intermittent failures' },
  'attestation-after-reset': { chance: 'attestationAfterReset', documents: 'say attestation can fail on a retry after Reset', drawnFor: 'at each such retry' },
  'kiosk-restarts': { chance: 'kioskAutologonWiped', documents: 'say several restarts in OOBE can wipe the autologon values', drawnFor: 'where a kiosk restarted twice or more in OOBE' },
};

/** A mode's key in MODES by its code and cause template (a fall-back to the ordinary OOBE has no code). */
function modeKeyOf(code: string, cause: string): string | undefined {
  // A hang the ESP's (or the policy's) timer ended is its mode's cause wrapped ('the ESP timer ran out: Microsoft 365 Apps
  // app type started beside a tracked Win32 app'): the inner cause names the mode, whatever code the timer gave. Matched
  // whole only, the estimated chance of the Microsoft 365 Apps hang went unsaid under 189 of a global firm's failures.
  const wrapper = WRAPPERS.find((w) => cause.startsWith(w));
  if (wrapper) return Object.entries(MODES as Record<string, FailureMode>).find(([, m]) => m.cause === cause.slice(wrapper.length))?.[0];
  return Object.entries(MODES as Record<string, FailureMode>).find(([, m]) => m.cause === cause && (m.code === undefined ? code === FELL_BACK : m.code === code))?.[0];
}

/** The values the file gives a chance anywhere (the tenant's environment, a site's, a group's, a variation's). */
function chanceValuesIn(fleet: Fleet, name: ChanceName): number[] {
  const envs = [fleet.environment, ...fleet.sites.map((x) => x.environment), ...fleet.groups.flatMap((g) => [g.environment, ...Object.values(g.vary).flatMap((vs) => vs.map((v) => v.environment))])];
  const values = envs.map((e) => (e as { chances?: Partial<Record<ChanceName, number>> } | undefined)?.chances?.[name]).filter((v): v is number => typeof v === 'number');
  return [...new Set(values)].sort((a, b) => a - b);
}

/** A failure count that rests on an estimated chance, in a clause (run's low-success warning, recommend's top failures). */
export const estimatedCountText = (e: { chance: string; values: number[] }): string =>
  `a count that rests on an estimated chance, chances.${e.chance} ${e.values.join(' or ')}, where the documents give no rate`;

/** A failure row's estimate (see FailureRow.estimate), or undefined where its rate is no estimated chance. */
function estimateOf(fleet: Fleet, code: string, cause: string, devices: number): FailureRow['estimate'] {
  const key = modeKeyOf(code, cause);
  const e = key ? ESTIMATED[key] : undefined;
  if (!e) return undefined;
  const set = chanceValuesIn(fleet, e.chance);
  const values = set.length ? set : [CHANCES[e.chance]];
  const value = `${values.join(' or ')} (chances.${e.chance}${set.length ? ', as the file sets it' : ', its default'})`;
  return {
    chance: e.chance,
    values,
    setInFile: set.length > 0,
    text: `${code}'s ${devicesText(devices)} rest on an estimated chance: the documents ${e.documents} and give no rate, and the model fails a device with a chance of ${value} ${e.drawnFor}. Read the count as a sign that such devices fail, not as a forecast of how many; the fix holds whatever the chance, and chances.${e.chance} in the file tries another.`,
  };
}

/**
 * A failure's fix: its cause's own where the world gives one (0x80070774 has six causes, and the catalogue's remedy for
 * the code, 'unassign the user, re-import the device, or fix the OU delegation', fits none of a branch with no domain
 * controller), else the catalogue's for the code.
 */
function remedyOf(code: string, cause: string): string | undefined {
  // A fall-back to the ordinary OOBE has no code: its mode is the one without a code that gives its cause.
  const key = modeKeyOf(code, cause);
  const own = key ? (MODES as Record<string, FailureMode>)[key]!.remedy : undefined;
  return own ?? lookup(code)?.remedy;
}

export const failureId = (code: string, phase: string, cause: string) => `${code}|${phase}|${cause}`;

function slice(name: string, t: Tally, failures: Map<string, ModeTally> | null, h: Histogram): Slice {
  let top: FailureRef | null = null;
  if (failures && failures.size) {
    const [key, mode] = [...failures].sort((a, b) => b[1].devices - a[1].devices || (a[0] < b[0] ? -1 : 1))[0]!;
    const [phase, code, cause] = splitKey(key);
    // The slice's own parameter values, summarised as the fleet's failure table does (the app that was still installing).
    top = { id: failureId(code, phase, cause), code, phase, cause, causeSummary: summaryText(cause, summariseParams(mode)), devices: mode.devices, shareOfDevices: t.devices ? r4(mode.devices / t.devices) : 0 };
  }
  return {
    name,
    devices: t.devices,
    succeeded: t.succeeded,
    successRate: t.devices ? r4(t.succeeded / t.devices) : 0,
    successInterval95: wilson(t.succeeded, t.devices).map(r4) as [number, number],
    firstTimeRightRate: t.devices ? r4(t.firstTimeRight / t.devices) : 0,
    meanMinutesToDesktop: t.succeeded ? r2(t.totalMs / MS / t.succeeded) : null,
    meanEndUserMinutes: t.succeeded ? r2(t.endUserMs / MS / t.succeeded) : null,
    topFailure: top,
    p50: roundMinutesOrNull(h.quantile(0.5)),
    p90: roundMinutesOrNull(h.quantile(0.9)),
    histogram: h.bins(),
    successEnds: successEnds(t),
  };
}

/**
 * Where the devices of a report (or of a slice) none of which succeeded were headed: their ends, counted over every one of
 * them as they ran (a self-deploying fleet that all failed reads "no device reached the sign-in screen", not the desktop).
 * Undefined where some succeeded, or where the tally has no device.
 */
function sought(t: Tally): { endsSought?: Array<keyof SuccessEnds> } {
  if (t.succeeded > 0 || t.devices === 0) return {};
  const ends = headedEnds(t);
  return ends.length ? { endsSought: ends } : {};
}

/** Where a tally's successful devices ended: the no-user ends it counts, and the rest at a desktop. */
function successEnds(t: Tally): SuccessEnds {
  return { desktop: t.succeeded - t.signInScreen - t.readyForNextUser - t.cloudPcStatus, signInScreen: t.signInScreen, readyForNextUser: t.readyForNextUser, cloudPcStatus: t.cloudPcStatus };
}

/**
 * Devices a file runs as device preparation that classic Autopilot takes instead (§7 coexistence: a
 * registered device with a profile; registration.registered defaults to true), measured on a sample
 * spread over the plan. The report said nothing, so a fleet written as device preparation was
 * reported, without a word, as classic user-driven.
 */
function classicTakeover(plan: Plan): Warning | null {
  const sample = spreadSample(plan);
  // Windows 365 automatic mode starts from the Cloud PC agent, with no out-of-box experience to download a profile in:
  // a Cloud PC's registration takes nothing (the warning told a fleet of Cloud PCs, which ran, that they never started).
  const dp = sample.filter((d) => d.env.scenario === 'device-preparation' && d.env.devicePreparation.mode !== 'automatic');
  const taken = dp.filter((d) => classicProfileApplies(d.env)).length;
  if (taken === 0) return null;
  const share = taken / sample.length;
  return fleetWarning('classic-takes-over', `Device preparation ${share === 1 ? 'starts on none of the devices' : `does not start on ${percentText(share)}% of devices`}: they are registered for Autopilot with a profile assigned (registration.registered is true unless the file says otherwise), so classic Autopilot takes them and they run classic user-driven (domain §7). To deploy with device preparation, do not register them (registration: { registered: false }) or associate them (devicePreparation: { associated: true }).`);
}

/**
 * Sites no device can be at: every group names its sites (groups[].sites) and none gives this one a weight. Their link,
 * settings and hubs weigh nothing, and the report listed them at 0.0% success (95% CI 0.0%–0.0%) without a word: a depot
 * written as a site for pre-provisioning, which the groups' sites do not name, read as a site whose every device failed.
 */
/**
 * The sites whose links the counted devices download over: their own, its hub, their group's depot (and its hub). A
 * report of some groups only (recommend's answer for one group, the groups a split sets apart: RunOptions.onlyGroups)
 * counts the others' load, not their figures: recommend's 300 head-office laptops were told that 85 store links, which
 * none of them crosses, were saturated beside them. In a whole run, a site with no device has no load of its own.
 */
function linksCounted(fleet: Fleet, acc: Accumulator): Set<string> {
  const hubs = hubsOf(fleet);
  const used = new Set<string>();
  const add = (site: number) => {
    used.add(fleet.sites[site]!.name);
    if (hubs[site]! >= 0) used.add(fleet.sites[hubs[site]!]!.name);
  };
  fleet.sites.forEach((_, i) => {
    if (acc.sites[i]!.devices > 0) add(i);
  });
  fleet.groups.forEach((g, i) => {
    if (g.technicianSite !== undefined && acc.groups[i]!.devices > 0) add(fleet.sites.findIndex((s) => s.name === g.technicianSite));
  });
  return used;
}

/**
 * Whether the counted devices ask the connector, in a report of some groups only (RunOptions.onlyGroups): a hospital's
 * kiosks, nurse stations and device preparation pilot, none of them joined hybrid, were each told "beside the rest of the
 * fleet, the Intune Connector for AD is saturated" in recommend's answer for them, which the clinicians' laptops beside
 * them saturated. A whole run counts every group: its connector's load is its own devices'.
 */
function connectorCounted(plan: Plan, acc: Accumulator): boolean {
  const counted = acc.groups.map((g) => g.devices > 0);
  if (counted.every(Boolean)) return true;
  // Every device's group (its draw alone), the counted ones' environments up to a sample: a counted group's devices can
  // lie past the first thousands (counts take consecutive indices).
  let read = 0;
  for (let i = 0; i < plan.devices && read < CONNECTOR_SAMPLE; i++) {
    if (!counted[plan.drawnOption(i, '').group]) continue;
    read++;
    if (asksConnector(plan.device(i).env)) return true;
  }
  return false;
}
/** Counted devices read for connectorCounted. */
const CONNECTOR_SAMPLE = 20_000;

/**
 * The deployments a calibrated twin's rates rest on: each counted group's calibrated.observed (its own, or the fleet's
 * environment's beneath it), each segment once. Null where no counted group has one (a hand-written file).
 */
function fittedTo(fleet: Fleet, acc: Accumulator, successRate: number, interval: [number, number]): FleetReport['fittedTo'] {
  type Observed = { deployments: number; succeeded: number };
  const observedIn = (env: Record<string, unknown>) => (env.calibrated as { observed?: Observed } | undefined)?.observed;
  const segments = new Set<Observed>();
  fleet.groups.forEach((g, i) => {
    const o = observedIn(g.environment) ?? observedIn(fleet.environment);
    if (o && acc.groups[i]!.devices > 0) segments.add(o);
  });
  if (!segments.size) return undefined;
  const deployments = [...segments].reduce((n, o) => n + o.deployments, 0);
  const succeeded = [...segments].reduce((n, o) => n + o.succeeded, 0);
  const observedInterval95 = wilson(succeeded, deployments).map(r4) as [number, number];
  return { deployments, succeeded, observedInterval95, successInterval95: withFit(successRate, interval, succeeded / deployments, observedInterval95) };
}

function sitesWithoutDevices(fleet: Fleet): Warning[] {
  return fleet.sites
    // A hub (another site's internetVia) is there for the sites behind it, a depot (a group's technicianSite) for the
    // technician flows: neither is a mistake with no device of its own.
    .filter((s) => fleet.groups.every((g) => g.sites !== undefined && !((g.sites[s.name] ?? 0) > 0) && g.technicianSite !== s.name) && !fleet.sites.some((b) => b.internetVia === s.name))
    .map((s) => ({
      kind: 'site-without-devices' as const,
      resource: s.name,
      demand: null,
      capacity: null,
      unit: null,
      capacityNeeded: null,
      windowHoursNeeded: null,
      text: `No device is at ${s.name}: every group names its sites (groups[].sites) and none gives it a weight, so its figures are empty${s.bandwidthMbps !== undefined ? ' and its link carries nothing' : ''}. Give it a weight in a group's sites, or leave it out.`,
    }));
}

/** The failure mode a cloud incident gives, by service: its cause names the incident in the failures. */
const INCIDENT_MODE = { autopilot: MODES['autopilot-incident'], entra: MODES['entra-incident'], intune: MODES['intune-incident'] } as const;

/** The mean minutes remote resets wait for the check-in from which the report says so. */
export const CHECK_IN_NOTED_MINUTES = 30;

/**
 * Remote Autopilot Resets wait for each device's next Intune check-in (domain §2.9 RR2), hours for a device enrolled
 * long ago: a university's 2,520 lab PCs reset remotely waited about 4 hours each, and the report gave it only as a
 * fleet-wide mean among the phases' minutes (66.3, 'waiting, not active time'), with nothing on the elapsed time or on
 * the forced sync that removes it. Said where they wait CHECK_IN_NOTED_MINUTES or more on average; the devices that
 * wait are counted on a sample spread over the counted groups. `checkInMs`: the check-in phase's sum over the run.
 */
export function checkInWait(plan: Plan, counted: (group: number) => boolean, checkInMs: number, devices: number): Warning | null {
  if (checkInMs <= 0 || devices === 0) return null;
  const sample = spreadSample(plan).filter((d) => counted(d.group));
  const remote = sample.filter((d) => d.env.scenario === 'reset' && d.env.reset.kind === 'remote');
  const unforced = remote.filter((d) => !d.env.reset.forcedSync);
  if (!sample.length || !unforced.length) return null;
  const waiting = (devices * remote.length) / sample.length;
  const mean = checkInMs / MS / waiting;
  if (mean < CHECK_IN_NOTED_MINUTES) return null;
  const groups = [...new Set(unforced.map((d) => plan.fleet.groups[d.group]!.name))].map((g) => `"${g}"`);
  const sampled = sample.length < devices;
  return fleetWarning(
    'check-in-wait',
    `Remote Autopilot Resets run at each device's next Intune check-in (domain §2.9 RR2: every 3 minutes for 15 minutes after enrollment, every 15 for 2 hours, then about every 8 hours): ${sampled ? 'about ' : ''}${devicesText(Math.round(waiting))}${plan.fleet.groups.length > 1 ? ` (${groups.length > 1 ? `${groups.slice(0, -1).join(', ')} and ${groups[groups.length - 1]}` : groups[0]})` : ''} waited ${min(mean)} minutes each on average before the reset began: elapsed time, not in the report's active times. A sync forced from the portal or the device (reset.forcedSync: true) starts a reset within minutes.`,
  );
}

/**
 * The file's cloud incident (sharedWorld.incident) failed no device: a line that says so and why. An incident outside the
 * rollout's hours changed nothing and the report said nothing, so it read as an incident weathered.
 */
export function incidentWithoutEffect(fleet: Fleet, failures: Array<{ cause: string }>): Warning | null {
  const incident = fleet.sharedWorld.incident;
  if (!incident) return null;
  const cause = INCIDENT_MODE[incident.service].cause;
  if (failures.some((f) => f.cause === cause)) return null;
  const h = (x: number) => String(Math.round(x * 10) / 10);
  // Sites that start later (sites[].startHour) end the rollout's starts later too.
  const window = fleet.rollout.windowHours + latestSiteStart(fleet);
  const started = window > 0 ? `devices start over hours 0–${h(window)}` : 'every device starts at hour 0';
  const why =
    incident.failureShare === 0
      ? 'its failureShare is 0'
      : incident.startHour >= window && incident.startHour > 0
        ? `it starts at hour ${h(incident.startHour)}, after the rollout window (${started}), and no device was still asking then`
        : `no device that asked it in those hours failed (${started})`;
  return fleetWarning('incident-without-effect', `The ${cause.replace(/^an? /, '')} in the file (sharedWorld.incident, hours ${h(incident.startHour)}–${h(incident.endHour)}, ${percentText(incident.failureShare)}% of requests) failed no device: ${why}. It changes nothing here.`);
}

/**
 * A saturated link or connector where the file gives no rollout window: every device starts at hour 0, which the
 * warnings' 'for 1 hour' left to be guessed. A plant's 1,540 devices, written without rollout:, saturated both plant
 * links in their first hour, and where most devices fail anyway the link warnings give no window to try.
 */
function allAtOnce(fleet: Fleet, devices: number, warnings: Warning[]): Warning | null {
  if (fleet.rollout.windowHours > 0 || fleet.rollout.devicesPerHour !== undefined || devices < 2) return null;
  if (!warnings.some((w) => w.kind === 'link-saturated' || w.kind === 'connector-saturated')) return null;
  const asked = [warnings.some((w) => w.kind === 'link-saturated') ? 'the site links' : '', warnings.some((w) => w.kind === 'connector-saturated') ? 'the connector' : ''].filter(Boolean).join(' and ');
  // With sites starting at their own hours (sites[].startHour), each site's devices start at once at its hour.
  const when = latestSiteStart(fleet) > 0 ? "Each site's devices start at once, at its startHour" : 'Every device starts at hour 0';
  return fleetWarning('all-at-once', `${when}: the file gives no rollout window (rollout.windowHours is 0, the default), so ${latestSiteStart(fleet) > 0 ? 'each site\'s devices' : `all ${count(devices)} devices`} ask ${asked} at once. A window (rollout.windowHours) or a pace (rollout.devicesPerHour) spreads them as the rollout will.`);
}

/**
 * A mode's message, from what its devices' outcomes said: the catalogue's one text for a code quoted a hybrid user's sign-in
 * ('Something went wrong. Confirm you are using the correct sign-in information…', §4) for a technician flow's 0x80070774,
 * whose red screen shows the error (§2.3 T9b) and whose outcome says what the code means.
 */
function messagesOf(t: ModeTally): Pick<FailureRow, 'message' | 'messages'> {
  const said = [...t.messages].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  if (said.length <= 1) return { message: said[0]?.[0] ?? null };
  return { message: said.map(([m, n]) => `${m} (${devicesText(n)})`).join('; '), messages: said.map(([message, devices]) => ({ message, devices })) };
}

export function buildReport(run: FleetRun): FleetReport {
  const { acc, plan } = run;
  const a = acc.all;
  const notSucceeded = a.devices - a.succeeded;
  let cumulative = 0;
  const failures: FailureRow[] = [...acc.failures]
    .sort((x, y) => y[1].devices - x[1].devices || (x[0] < y[0] ? -1 : 1))
    .map(([key, t]) => {
      const [phase, code, cause] = splitKey(key);
      cumulative += t.devices;
      const parameters = summariseParams(t);
      return {
        id: failureId(code, phase, cause),
        phase,
        phaseLabel: phaseLabel(phase),
        code,
        ...messagesOf(t),
        cause,
        causeSummary: summaryText(cause, parameters),
        parameters,
        devices: t.devices,
        share: r4(t.devices / notSucceeded),
        cumulativeShare: r4(cumulative / notSucceeded),
        shareOfDevices: r4(t.devices / a.devices),
        exampleDevice: t.example,
      };
    })
    .map((row) => {
      const estimate = estimateOf(plan.fleet, row.code, row.cause, row.devices);
      return estimate ? { ...row, estimate } : row;
    });
  const phaseMinutes: Record<string, number> = {};
  const phaseMs = acc.phaseTotals();
  for (const k of inFlowOrder(phaseMs.keys())) phaseMinutes[k] = r2(phaseMs.get(k)! / MS / a.devices);
  const successRate = a.devices ? r4(a.succeeded / a.devices) : 0;
  const loads = measureLoads(plan.fleet, run.profile);
  const top = failures[0];
  // What each site's devices, and the devices that ask the connector, fail of even with the link and the connector to themselves (the first pass).
  const failingAnyway = {
    sites: (run.profile?.uncontended ?? []).map(failingUncontended),
    connector: run.profile?.connectorUncontended ? failingUncontended(run.profile.connectorUncontended) : null,
  };
  const warnings = warningsFor(plan.fleet, run.profile, loads, { rate: successRate, top: top ? `${top.code} in ${top.phaseLabel}: ${top.causeSummary} (${devicesText(top.devices)}${top.estimate ? `, ${estimatedCountText(top.estimate)}` : ''})` : null, fix: top ? remedyOf(top.code, top.cause) : null }, failingAnyway, plan).filter(
    (w) => (w.kind !== 'link-saturated' || linksCounted(plan.fleet, acc).has(w.resource)) && (w.kind !== 'connector-saturated' || connectorCounted(plan, acc)),
  );
  const takenOver = classicTakeover(plan);
  if (takenOver) warnings.unshift(takenOver);
  const quiet = incidentWithoutEffect(plan.fleet, failures);
  if (quiet) warnings.push(quiet);
  warnings.push(...sitesWithoutDevices(plan.fleet));
  warnings.push(...fieldsWithoutEffect(plan, (g) => acc.groups[g]!.devices > 0));
  const checkIn = checkInWait(plan, (g) => acc.groups[g]!.devices > 0, phaseMs.get('checkIn') ?? 0, a.devices);
  if (checkIn) warnings.push(checkIn);
  const atOnce = allAtOnce(plan.fleet, a.devices, warnings);
  if (atOnce) warnings.splice(warnings.findIndex((w) => w.kind === 'link-saturated' || w.kind === 'connector-saturated'), 0, atOnce);
  const successInterval95 = wilson(a.succeeded, a.devices).map(r4) as [number, number];
  const fitted = fittedTo(plan.fleet, acc, successRate, successInterval95);
  const siteStarts = siteStartsOf(plan.fleet, plan.fleet.rollout.windowHours);
  return {
    schemaVersion: SCHEMA_VERSION,
    name: plan.fleet.name ?? 'fleet',
    devices: a.devices,
    seed: plan.seed,
    sharedLoadModelled: run.twoPasses,
    succeeded: a.succeeded,
    failed: a.failed,
    fellBackToOobe: a.fellBack,
    stopped: a.stopped,
    successRate,
    successInterval95,
    firstTimeRight: a.firstTimeRight,
    firstTimeRightRate: a.devices ? r4(a.firstTimeRight / a.devices) : 0,
    successEnds: successEnds(a),
    ...sought(a),
    durationsNote: DURATIONS_NOTE,
    timeToDesktop: {
      total: percentiles(acc.total, a.totalMs),
      endUser: percentiles(acc.endUser, a.endUserMs),
      technician: percentiles(acc.technician, a.technicianMs),
    },
    phaseMinutes,
    phases: Object.entries(phaseMinutes).map(([phase, minutes]) => ({ phase, label: phaseLabel(phase), minutes })),
    failures,
    findings: [...acc.findings]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .map(([id, devices]) => ({ id, text: findingText(id), devices, shareOfSucceeded: r4(devices / a.succeeded) })),
    groups: plan.fleet.groups.map((g, i) => ({ ...slice(g.name, acc.groups[i]!, acc.groupFailures[i]!, acc.groupTotal[i]!), ...sought(acc.groups[i]!) })),
    sites: plan.fleet.sites.map((s, i) => ({ ...slice(s.name, acc.sites[i]!, acc.siteFailures[i]!, acc.siteTotal[i]!), ...sought(acc.sites[i]!) })),
    histogram: acc.total.bins(),
    loads,
    warnings,
    ...(fitted ? { fittedTo: fitted } : {}),
    ...(siteStarts ? { siteStarts } : {}),
  };
}

/** At most this many values of a text parameter are named; the rest are counted. */
const TOP_VALUES = 5;
/** What a cause's text parameter counts, in the plural ("one of 5 apps (Office 455, ...)"). */
const PLURAL: Record<string, string> = { app: 'apps', apps: 'app lists', script: 'scripts', version: 'versions', vendor: 'vendors', tenant: 'tenants', registeredTenant: 'tenants', fileName: 'file names', vpn: 'VPNs', who: 'people', encoding: 'encodings' };

function summariseParams(t: ModeTally): FailureParameter[] {
  return Object.keys(t.params)
    .sort()
    .map((name) => {
      const p = t.params[name]!;
      if (!p.values) return { name, kind: 'range' as const, min: p.min, max: p.max, mean: r2(p.sum / p.n) };
      const sorted = [...p.values].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
      const rest = sorted.slice(TOP_VALUES);
      return { name, kind: 'values' as const, values: sorted.slice(0, TOP_VALUES).map(([value, devices]) => ({ value, devices })), otherValues: rest.length, otherDevices: rest.reduce((s, x) => s + x[1], 0) };
    });
}


/** The cause with each parameter written as its summary: a range, the one value, or the top values. */
function summaryText(template: string, parameters: FailureParameter[]): string {
  const filled: Record<string, string> = {};
  for (const p of parameters) {
    if (p.kind === 'range') filled[p.name] = p.min === p.max ? count(p.min) : `${count(p.min)}–${count(p.max)}`;
    else if (p.values.length === 1 && !p.otherValues) filled[p.name] = p.values[0]!.value;
    else {
      // Each value with its devices after a colon: a name that ends in a number ("Device app 5") stays apart from its count.
      const named = p.values.slice(0, 3).map((v) => `${v.value}: ${count(v.devices)}`);
      const more = p.values.length - 3 + p.otherValues;
      filled[p.name] = `one of ${p.values.length + p.otherValues} ${PLURAL[p.name] ?? 'values'} (${named.join(', ')}${more > 0 ? `, ${more} more` : ''})`;
    }
  }
  return causeText(template, filled);
}

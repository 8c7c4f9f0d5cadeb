// compare and sweep: what-if questions over a fleet, each on the same devices
// (common random numbers: device i keeps its hardware, site and random streams).
import { InputError } from '../environment/input-error.ts';
import { unknownFieldIn } from '../environment/load.ts';
import { merge } from '../environment/merge.ts';
import { distance, meant } from '../environment/spelling.ts';
import { EnvironmentSchema, type EnvironmentInput } from '../environment/schema.ts';
import type { CompareResult, Difference, MetricKey, SliceDifference, SweepResult, SweepRow } from './analysis-types.ts';
import { checkEnvironmentOption, checkRunOptions, fleetFrom, fleetOf, isValidatedFleet } from './load.ts';
import { buildReport, technicianShown, type FailureRef, type FleetReport, type Slice } from './report.ts';
import { saturatedIn, saturatedListAt, saturatedText, type Saturated } from './bottlenecks.ts';
import { FELL_BACK, mcnemarExact, wilson } from './stats.ts';
import { spreadSample, type Plan } from './plan.ts';
import { HYBRID_ESP_EXTRA_MINUTES } from '../catalog/vocabulary.ts';
import { phaseLabel } from '../catalog/phases.ts';
import { wordsOfAll, type SuccessWords } from '../catalog/continued.ts';
import { count, percentText, possessive, roundMinutes, roundShare, shown } from '../format.ts';
import { executeFleet, inThread, type Executor, type PairSums, type RunOptions } from './run.ts';
import { csvLine } from './jobs.ts';
import type { Fleet, FleetInput } from './schema.ts';

const Z = 1.959963984540054;

function pairedMean(s: PairSums, round: (x: number) => number): { mean: number | null; interval: [number, number] | null; a: number | null; b: number | null } {
  if (s.n === 0) return { mean: null, interval: null, a: null, b: null };
  const mean = s.sum / s.n;
  // Each side's mean over the devices that succeed in both, the figures the difference is between.
  const sides = { a: round(s.sumA / s.n), b: round((s.sumA + s.sum) / s.n) };
  if (s.n < 2) return { mean: round(mean), interval: null, ...sides };
  const variance = Math.max(0, (s.sumSquares - s.n * mean * mean) / (s.n - 1));
  const half = Z * Math.sqrt(variance / s.n);
  return { mean: round(mean), interval: [round(mean - half), round(mean + half)], ...sides };
}

/**
 * The words each metric is printed with, in every format, where the successes reached the desktop; metricLabel gives them
 * for where the compared runs' successes ended (a self-deploying device's sign-in screen, a reset ready for the next user).
 */
export const METRIC_LABELS: Record<MetricKey, string> = {
  successRate: 'success rate',
  firstTimeRightRate: 'first-time-right rate',
  // A and B are each run's mean over those devices, B − A the mean of their paired differences (the same figure).
  pairedMinutesToDesktop: 'mean minutes to desktop, devices that succeed in both',
  pairedEndUserMinutes: 'mean end-user minutes, devices that succeed in both',
  // Each run's percentile over its own successful devices: it moves with which devices succeed (percentileNote says how far).
  p50MinutesToDesktop: "p50 minutes to desktop, each run's successes",
  p90MinutesToDesktop: "p90 minutes to desktop, each run's successes",
  p50EndUserMinutes: "p50 end-user minutes, each run's successes",
  p50TechnicianMinutes: "p50 technician minutes, each run's successes",
  meanMinutesToDesktop: 'mean minutes to desktop',
};

/** A metric's words where the successes ended as `words` says (successWords): "mean minutes to the sign-in screen, …". */
export const metricLabel = (metric: MetricKey, words: SuccessWords): string => METRIC_LABELS[metric].replace('minutes to desktop', words.minutes);

function diff(metric: MetricKey, a: number | null, b: number | null, interval: [number, number] | null = null, words?: SuccessWords): Difference {
  const unit = metric.endsWith('Rate') ? 'share' : 'minutes';
  const round = unit === 'share' ? roundShare : roundMinutes;
  return { metric, label: words ? metricLabel(metric, words) : METRIC_LABELS[metric], unit, a, b, difference: a === null || b === null ? null : round(b - a), interval95: interval };
}

/**
 * Newcombe's hybrid score interval (method 10) for the difference of two independent proportions,
 * b − a, from their Wilson intervals.
 */
export function newcombe(a: { succeeded: number; devices: number }, b: { succeeded: number; devices: number }): [number, number] | null {
  if (!a.devices || !b.devices) return null;
  const p1 = a.succeeded / a.devices;
  const p2 = b.succeeded / b.devices;
  const [l1, u1] = wilson(a.succeeded, a.devices);
  const [l2, u2] = wilson(b.succeeded, b.devices);
  const d = p2 - p1;
  return [roundShare(d - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)), roundShare(d + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2))];
}

/** The groups (or sites) of two reports matched by name, in A's order then B's own. */
export function sliceDifferences(a: Slice[], b: Slice[]): SliceDifference[] {
  const names = [...new Set([...a.map((s) => s.name), ...b.map((s) => s.name)])];
  const out: SliceDifference[] = [];
  for (const name of names) {
    const x = a.find((s) => s.name === name);
    const y = b.find((s) => s.name === name);
    if (!x || !y) continue;
    out.push({
      name,
      devices: { a: x.devices, b: y.devices },
      // A run with no device there (a depot with no devices of its own) has no success rate: '–', not 0.0%.
      success: diff('successRate', x.devices ? x.successRate : null, y.devices ? y.successRate : null, newcombe(x, y)),
      meanMinutes: diff('meanMinutesToDesktop', x.meanMinutesToDesktop, y.meanMinutesToDesktop, null, wordsOfAll([x, y])),
    });
  }
  return out;
}

/**
 * Labels for two compared files: their names without folder and extension; where those are the
 * same, the shortest distinct tail of their paths; the same file twice, its name with (A) and (B). Never the same label twice.
 */
export function compareLabels(a: string, b: string): [string, string] {
  const parts = (p: string) => p.replace(/\\/g, '/').replace(/\.(ya?ml|json)$/i, '').split('/').filter(Boolean);
  const pa = parts(a);
  const pb = parts(b);
  for (let k = 1; k <= Math.max(pa.length, pb.length); k++) {
    const la = pa.slice(-k).join('/');
    const lb = pb.slice(-k).join('/');
    if (la !== lb) return [la || a, lb || b];
  }
  // The same file twice: its name, told apart by the run (a whole absolute path, its '/' dropped, read as a folder name).
  return [`${pa.at(-1) ?? a} (A)`, `${pb.at(-1) ?? b} (B)`];
}

/**
 * One side of a comparison: a fleet, an environment under its own (its groups' and sites' fields
 * win), and an override over everything (a scenario compared: every device runs it, as recommend
 * does, even in a group that fixes its own, such as each segment of a calibrated twin).
 */
export interface CompareSide {
  label: string;
  fleet: Fleet | FleetInput;
  environment?: EnvironmentInput;
  override?: EnvironmentInput;
}

const SIDE_FIELDS = ['label', 'fleet', 'environment', 'override'];

/**
 * One side of compareFleets as CompareSide has it: compareFleets(fleetA, fleetB), the two fleets themselves, compared
 * two default fleets of 1,000 devices labelled "undefined (A)" and "undefined (B)", without a word.
 */
function checkSide(side: unknown, name: 'a' | 'b'): void {
  const example = `{ label: '${name === 'a' ? 'before' : 'after'}', fleet }`;
  if (typeof side !== 'object' || side === null || Array.isArray(side)) throw new InputError(name, '', `expected a side of the comparison such as ${example}, got ${shown(side)}`);
  if (!('fleet' in side)) throw new InputError(name, '', `expected a side of the comparison such as ${example} (environment and override optional), got ${isValidatedFleet(side) ? 'a fleet itself' : `an object with ${Object.keys(side).join(', ') || 'no field'}`}`);
  for (const key of Object.keys(side)) if (!SIDE_FIELDS.includes(key)) throw new InputError(name, key, `unknown field (expected one of ${SIDE_FIELDS.join(', ')})`);
  const label = (side as { label?: unknown }).label;
  if (typeof label !== 'string' || label === '') throw new InputError(name, 'label', `expected text naming the run, such as "${name === 'a' ? 'before' : 'after'}", got ${shown(label)}`);
}

export async function compareFleets(
  a: CompareSide,
  b: CompareSide,
  options: RunOptions & { executor?: Executor; onProgress?: (done: number, total: number) => void } = {},
): Promise<CompareResult> {
  checkSide(a, 'a');
  checkSide(b, 'b');
  // A plain object is a fleet as runFleet takes one (it crashed here with a TypeError).
  const [fa, fb] = [fleetOf(a.fleet), fleetOf(b.fleet)];
  checkRunOptions(options);
  for (const [x, side] of [[a, 'a'], [b, 'b']] as const) {
    checkEnvironmentOption(x.environment, `${side}.environment`);
    checkEnvironmentOption(x.override, `${side}.override`);
  }
  const executor = options.executor ?? inThread;
  const base: RunOptions = { ...(options.devices ? { devices: options.devices } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) };
  const side = (x: CompareSide): RunOptions => ({ ...base, ...(x.environment ? { environment: x.environment } : {}), ...(x.override ? { override: x.override } : {}) });
  const run = await executeFleet(fa, side(a), executor, {
    pair: { fleet: fb, options: side(b) },
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const ra = buildReport(run);
  const rb = buildReport({ plan: run.pair!.plan, acc: run.pair!.acc, twoPasses: run.pair!.twoPasses, devices: run.devices, profile: run.pair!.profile });
  const s = run.pair!.stats;
  const success = pairedMean(s.success, roundShare);
  const total = pairedMean(s.totalMinutes, roundMinutes);
  const endUser = pairedMean(s.endUserMinutes, roundMinutes);
  const joinChanged = joinChangedOf(run.plan, run.pair!.plan);
  const [la, lb] = a.label === b.label ? [`${a.label} (A)`, `${b.label} (B)`] : [a.label, b.label];
  // The time's words from where both runs' successes ended: self-deploying against a reset read 'minutes to desktop'.
  const words = wordsOfAll([ra, rb]);
  return {
    a: { label: la, report: ra },
    b: { label: lb, report: rb },
    paired: true,
    // A device's success difference is −1, 0 or +1: the squares count the devices that differ, the sum B's gain over A's.
    succeededInOnly: { a: (s.success.sumSquares - s.success.sum) / 2, b: (s.success.sumSquares + s.success.sum) / 2 },
    ...(joinChanged ? { joinChanged } : {}),
    differences: [
      diff('successRate', ra.successRate, rb.successRate, success.interval),
      diff('firstTimeRightRate', ra.firstTimeRightRate, rb.firstTimeRightRate),
      { ...diff('pairedMinutesToDesktop', total.a, total.b, null, words), difference: total.mean, interval95: total.interval },
      { ...diff('pairedEndUserMinutes', endUser.a, endUser.b), difference: endUser.mean, interval95: endUser.interval },
      diff('p50MinutesToDesktop', ra.timeToDesktop.total.p50, rb.timeToDesktop.total.p50, null, words),
      diff('p90MinutesToDesktop', ra.timeToDesktop.total.p90, rb.timeToDesktop.total.p90, null, words),
      diff('p50EndUserMinutes', ra.timeToDesktop.endUser.p50, rb.timeToDesktop.endUser.p50),
      // Where either run had a technician's time (technicianShown): two fleets without one read '0.0 0.0 ±0.0 min'.
      ...(technicianShown(ra) || technicianShown(rb) ? [diff('p50TechnicianMinutes', ra.timeToDesktop.technician.p50, rb.timeToDesktop.technician.p50)] : []),
    ],
    groups: sliceDifferences(ra.groups, rb.groups),
    sites: sliceDifferences(ra.sites, rb.sites),
  };
}

/**
 * Why Entra join can time out where hybrid did not (domain H6): said by recommend beside its Entra alternative and by
 * compare where a device's join type differs between the runs.
 */
export const HYBRID_TIMER_TEXT = `hybrid device setup runs on the ESP's timeout plus ${HYBRID_ESP_EXTRA_MINUTES} minutes ("the configured value + ${HYBRID_ESP_EXTRA_MINUTES} min"), Entra join on the timeout alone`;

/** The devices joined hybrid in one run and to Entra in the other, on a sample spread over the fleet (both plans place device i alike). */
function joinChangedOf(a: Plan, b: Plan): CompareResult['joinChanged'] | null {
  const [sa, sb] = [spreadSample(a), spreadSample(b)];
  let toEntra = 0;
  let toHybrid = 0;
  sa.forEach((d, k) => {
    const [ja, jb] = [d.env.profile.joinType, sb[k]!.env.profile.joinType];
    if (ja === 'hybrid' && jb === 'entra') toEntra++;
    else if (ja === 'entra' && jb === 'hybrid') toHybrid++;
  });
  if (toEntra + toHybrid === 0) return null;
  const scale = a.devices / sa.length;
  return { toEntra: Math.round(toEntra * scale), toHybrid: Math.round(toHybrid * scale), sampled: scale !== 1 };
}

/**
 * A sweep setting: any fleet field by path (`rollout.windowHours`, `sites.<name>.bandwidthMbps`,
 * `sharedWorld.connectorRequestsPerHour`, `groups.<name>.count`), an environment field for every
 * device (`esp.timeoutMinutes`), the app count (`apps`), or a share of devices with a setting
 * (`share(hardware.tpm=1.2)`, `groups.<name>.share(...)` for one group).
 */
export interface SweepSpec {
  field: string;
  /** The field as --vary writes it, where the report's words differ ('share(hardware.tpm=1.2)'): errors name it so. */
  written?: string;
  values: unknown[];
  /** How the values are spaced (a chart's x axis): log for a log range, linear for numbers, else categories. */
  scale: SweepResult['scale'];
  /** The fleet for one value, and an environment merged last into every device's (it wins over sites and groups). */
  apply(fleet: Fleet, value: unknown): { fleet: Fleet; override?: EnvironmentInput };
}

function parseValue(text: string): unknown {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  return t;
}

function setPath(path: string[], value: unknown): EnvironmentInput {
  // A number in the path is an item of a list (devicePreparation.policies.0.timeoutMinutes): the items before it empty.
  return path.reduceRight<unknown>((acc, key) => (/^\d+$/.test(key) ? [...Array.from({ length: Number(key) }, () => ({})), acc] : { [key]: acc }), value) as EnvironmentInput;
}

/**
 * An environment field inside a list's item (devicePreparation.policies.0.timeoutMinutes) set for every device: in each
 * list the file writes at that path (the tenant's, a site's, a group's, a variation's: a list replaces the one beneath it
 * whole, so each is the one some devices have), the item's field; where the file writes none, the default list's item 0.
 * An override would not do: merged over a group's environment, its list would replace the policy's apps and scripts.
 */
function setListItem(fleet: Fleet, path: string[], value: unknown, arg: string): Fleet {
  const at = path.findIndex((k) => /^\d+$/.test(k));
  const [listPath, index, itemPath] = [path.slice(0, at), Number(path[at]), path.slice(at + 1)];
  const clone = structuredClone(fleet) as Fleet;
  const pieces: Array<Record<string, unknown> | undefined> = [
    clone.environment as Record<string, unknown>,
    ...clone.sites.map((s) => s.environment as Record<string, unknown> | undefined),
    ...clone.groups.flatMap((g) => [g.environment as Record<string, unknown> | undefined, ...Object.values(g.vary).flatMap((vs) => vs.map((v) => v.environment as Record<string, unknown>))]),
  ];
  let lists = 0;
  for (const piece of pieces) {
    const list = listPath.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), piece);
    if (!Array.isArray(list)) continue;
    lists++;
    if (index >= list.length) throw new InputError(`--vary ${arg}`, '', `${listPath.join('.')} has ${list.length} item${list.length === 1 ? '' : 's'} in the file (the first is ${listPath.join('.')}.0)`);
    let target = list[index] as Record<string, unknown>;
    for (const k of itemPath.slice(0, -1)) target = (target[k] ??= {}) as Record<string, unknown>;
    target[itemPath[itemPath.length - 1]!] = value;
  }
  if (lists === 0) {
    if (index !== 0) throw new InputError(`--vary ${arg}`, '', `the file lists no ${listPath.join('.')}: only its default, ${listPath.join('.')}.0, can be varied`);
    clone.environment = merge(clone.environment as EnvironmentInput, setPath(path, value)) as Fleet['environment'];
  }
  return clone;
}

/** A value for a field: a number or boolean where the field takes one, otherwise the text as written (hardware.tpm=1.2 is the string "1.2"). */
function coerce(path: string[], text: string): unknown {
  const parsed = parseValue(text);
  if (typeof parsed === 'string') return parsed;
  const asNumber = EnvironmentSchema.safeParse(setPath(path, parsed));
  if (asNumber.success) return parsed;
  // The field takes text such as tpm "1.2": the text as written, so that a wrong one is named as typed ('hardware.tpm=3.0'
  // read 'got 3'); a field of numbers keeps the number, so that an out-of-range value is reported as one ("expected >= 1,
  // got 0"), not as text.
  const issue = asNumber.error.issues[0] as { code: string; values?: unknown[]; expected?: string } | undefined;
  const takesText = (issue?.code === 'invalid_value' && issue.values?.every((v) => typeof v === 'string')) || (issue?.code === 'invalid_type' && issue.expected === 'string');
  return takesText || EnvironmentSchema.safeParse(setPath(path, text.trim())).success ? text.trim() : parsed;
}

/**
 * Values: a list (`30,60,90`), a linear range (`4..24:4`, step 1 when left out) or a geometric
 * one for log-spaced values (`120..3840:x2`, each value twice the last).
 */
export function sweepValues(list: string, coerceOne: (text: string) => unknown): unknown[] {
  return sweepValuesScaled(list, coerceOne).values;
}

/** The values and how they are spaced (see sweepValues). */
export function sweepValuesScaled(list: string, coerceOne: (text: string) => unknown): { values: unknown[]; scale: SweepResult['scale'] } {
  const range = /^(-?[\d.]+)\.\.(-?[\d.]+)(?::(x?)([\d.]+))?$/.exec(list.trim());
  if (!range) {
    // A range cut short ('4..', '30..90:') was read as one value, the text itself: 'expected app counts from 0 to 500',
    // 'esp.timeoutMinutes: expected number, got "30.."'. No field's value holds two dots.
    if (list.includes('..')) throw new Error(`expected a range such as 4..24, 4..24:4 or 120..3840:x2 (from..to, a step or a factor), got "${list}"`);
    const values = list.split(',').map(coerceOne);
    return { values, scale: values.every((v) => typeof v === 'number') ? 'linear' : 'categorical' };
  }
  const [from, to, step] = [Number(range[1]), Number(range[2]), Number(range[4] ?? 1)];
  if (![from, to, step].every(Number.isFinite) || to < from) throw new Error(`expected a range from..to with from ≤ to, got "${list}"`);
  const out: number[] = [];
  if (range[3]) {
    if (step <= 1 || from <= 0) throw new Error(`expected a factor above 1 and a start above 0 for a log range, got "${list}"`);
    for (let v = from; v <= to * (1 + 1e-9) && out.length <= 200; v *= step) out.push(Number(v.toPrecision(12)));
  } else {
    if (step <= 0) throw new Error(`expected a step above 0, got "${list}"`);
    for (let i = 0; from + i * step <= to + 1e-9 && out.length <= 200; i++) out.push(Number((from + i * step).toPrecision(12)));
  }
  return { values: out, scale: range[3] ? 'log' : 'linear' };
}

const FLEET_FIELDS = ['rollout', 'sharedWorld', 'goals', 'sites', 'groups', 'environment'];

/** Past this many, a list of names in an error gives the first ones and counts the rest (413 sites filled a screen). */
const NAMES_SHOWN = 12;

/** 'expected one of A, B, C' for a list's names, the first NAMES_SHOWN and a count of the rest past that. */
function namesText(list: Array<Record<string, unknown>>): string {
  const names = list.map((x) => String(x.name));
  return names.length <= NAMES_SHOWN ? `expected one of ${names.join(', ')}` : `expected one of ${names.slice(0, NAMES_SHOWN).join(', ')} and ${count(names.length - NAMES_SHOWN)} more`;
}

/** A copy of the fleet with the field at `path` set; sites and groups are named (or numbered). Throws on a path that names nothing. */
function setFleetPath(fleet: Fleet, path: string[], value: unknown, arg: string): Fleet {
  const [head, ...rest] = path;
  const clone = structuredClone(fleet) as unknown as Record<string, unknown>;
  let target: Record<string, unknown> = clone;
  let keys = [head!, ...rest];
  if ((head === 'sites' || head === 'groups') && rest[0]?.includes('*')) {
    // A pattern names many at once ('sites.Store *.bandwidthMbps': every store's link, 400 of them, one value for all).
    const list = clone[head] as Array<Record<string, unknown>>;
    const pattern = new RegExp(`^${rest[0].split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    const matched = list.filter((x) => pattern.test(String(x.name)));
    if (!matched.length) throw new InputError(`--vary ${arg}`, '', `no name in ${head} matches "${rest[0]}" (${namesText(list)})`);
    if (rest.length < 2) throw new InputError(`--vary ${arg}`, '', `expected a field of ${head}.${rest[0]}, such as ${head === 'sites' ? 'bandwidthMbps' : 'count'}`);
    let out = fleet;
    for (const x of matched) out = setFleetPath(out, [head, String(x.name), ...rest.slice(1)], value, arg);
    return out;
  }
  if (head === 'sites' || head === 'groups') {
    const list = clone[head] as Array<Record<string, unknown>>;
    // A name with dots in it ('sites.St. Gallen.bandwidthMbps'): the longest of the file's names the path starts with.
    const named = list.filter((x) => rest.join('.').startsWith(`${String(x.name)}.`) || rest.join('.') === String(x.name)).sort((a, b) => String(b.name).length - String(a.name).length)[0];
    const parts = named ? String(named.name).split('.').length : 1;
    const name = named ? String(named.name) : (rest[0] ?? '');
    const item = named ?? (/^\d+$/.test(name) ? list[Number(name)] : undefined);
    if (!item) {
      const names = list.map((x) => String(x.name));
      // The one meant only where no other name is as close ('Branch Z' is one letter from Branch A, B and C alike: the list).
      const guess = meant(name, names);
      const slip = guess !== undefined && names.filter((n) => distance(n.toLowerCase(), name.toLowerCase()) <= distance(guess.toLowerCase(), name.toLowerCase())).length === 1 ? guess : undefined;
      // Past NAMES_SHOWN names, how to name many at once.
      const many = names.length > NAMES_SHOWN ? `; a * in the name sets every one it matches, such as ${head}.${head === 'sites' ? 'Store *.bandwidthMbps' : 'Lab*.count'}` : '';
      throw new InputError(`--vary ${arg}`, '', slip ? `${head} has no "${name}": did you mean "${slip}"?` : `${head} has no "${name}" (${namesText(list)})${many}`);
    }
    target = item;
    keys = rest.slice(parts);
    if (!keys.length) throw new InputError(`--vary ${arg}`, '', `expected a field of ${head}.${name}, such as ${head === 'sites' ? 'bandwidthMbps' : 'count'}`);
  }
  for (const k of keys.slice(0, -1)) {
    const next = target[k];
    if (next === undefined) target[k] = {};
    else if (typeof next !== 'object' || next === null) throw new InputError(`--vary ${arg}`, '', `${k} is not an object`);
    target = target[k] as Record<string, unknown>;
  }
  target[keys[keys.length - 1]!] = value;
  // The rollout's pace is a window or a rate, never both: the swept one takes the other's place (sweeping devicesPerHour
  // on a file with a window, or the reverse, was refused as "expected windowHours or devicesPerHour, not both").
  if (head === 'rollout' && keys.length === 2) {
    const rollout = clone.rollout as Record<string, unknown>;
    if (keys[1] === 'devicesPerHour') rollout.windowHours = 0;
    if (keys[1] === 'windowHours') delete rollout.devicesPerHour;
  }
  return clone as unknown as Fleet;
}

/** A variation with this environment in one of the group's dimensions: its share is what a share() sweep moves. */
function withShare(g: Fleet['groups'][number], override: Record<string, unknown>, share: number): Fleet['groups'][number] {
  const same = (e: Record<string, unknown>) => JSON.stringify(e) === JSON.stringify(override);
  for (const [dim, variations] of Object.entries(g.vary)) {
    const k = variations.findIndex((v) => same(v.environment));
    if (k >= 0) return { ...g, vary: { ...g.vary, [dim]: variations.map((v, i) => (i === k ? { ...v, share } : v)) } };
  }
  // A new dimension, drawn after every other draw of the device (plan.ts), so share 0 is the file as it is.
  return { ...g, vary: { ...g.vary, '@sweep': [{ share, environment: override }] } };
}

/** Parse a --vary argument; throws Error with a clear message on a malformed one. */
export function parseSweep(arg: string): SweepSpec {
  if (typeof arg !== 'string') throw new InputError('parseSweep', '', `expected text such as "esp.timeoutMinutes=30,60,90" or "apps=4..24:4", got ${shown(arg)}`);
  // Every mistake in the argument is an InputError naming it, as a wrong field of a file is (a script catches one kind).
  const bad = (expected: string) => new InputError(`--vary ${arg}`, '', expected);
  const valuesOf = (list: string, coerceOne: (text: string) => unknown) => {
    try {
      return sweepValuesScaled(list, coerceOne);
    } catch (e) {
      throw bad((e as Error).message);
    }
  };
  // A group's name as the file writes it, brackets and dots included ('groups.Lab desktops (reimage).share(...)' was read
  // as a field 'groups[0].share(reset' of the fleet): everything up to the last '.share('.
  const shareMatch = /^(?:groups\.(.+)\.)?share\(([\w.]+)=([^)]+)\)=(.+)$/.exec(arg);
  if (shareMatch) {
    const [, group, path, setting, list] = shareMatch as unknown as [string, string | undefined, string, string, string];
    const { values, scale } = valuesOf(list, parseValue);
    // The value out of range named, as every other mistake names what it got.
    const out = values.find((v) => typeof v !== 'number' || v < 0 || v > 1);
    if (out !== undefined) throw bad(`expected shares between 0 and 1, got ${JSON.stringify(out)}`);
    if (values.length === 0 || values.length > 200) throw bad(`expected between 1 and 200 values, got ${values.length > 200 ? 'more than 200' : values.length}`);
    const override = setPath(path.split('.'), coerce(path.split('.'), setting)) as Record<string, unknown>;
    return {
      field: `share of ${group ? `${possessive(group)} ` : ''}devices with ${path}=${setting}`,
      written: arg.slice(0, arg.length - list.length - 1),
      values,
      scale,
      apply: (fleet, value) => {
        if (group !== undefined && !fleet.groups.some((g) => g.name === group)) throw new InputError(`--vary ${arg}`, '', `groups has no "${group}" (expected one of ${fleet.groups.map((g) => g.name).join(', ')})`);
        return { fleet: { ...fleet, groups: fleet.groups.map((g) => (group === undefined || g.name === group ? withShare(g, override, value as number) : g)) } };
      },
    };
  }
  const eq = arg.lastIndexOf('=');
  if (eq <= 0) throw bad('expected <field>=<values>, such as esp.timeoutMinutes=30,60,90, rollout.windowHours=24..96:24 or apps=4..20');
  const field = arg.slice(0, eq);
  const list = arg.slice(eq + 1);
  const path = field.split('.');
  const fleetField = FLEET_FIELDS.includes(path[0]!) && path.length > 1;
  const { values, scale } = valuesOf(list, (v) => (fleetField && path[0] !== 'environment' && !path.includes('environment') ? parseValue(v) : coerce(path.slice(path.lastIndexOf('environment') + 1), v)));
  if (values.length === 0 || values.length > 200) throw bad(`expected between 1 and 200 values, got ${values.length > 200 ? 'more than 200' : values.length}`);
  if (field === 'apps') {
    // The value that is not one named, as every other mistake names what it got ('apps=a,b', 'apps=4..5:0.5').
    const out = values.find((v) => typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 500);
    if (out !== undefined) throw bad(`expected app counts, whole numbers from 0 to 500, got ${JSON.stringify(out)}${list.includes('..') ? ` (${list} gives ${values.map(String).join(', ')})` : ''}`);
    return {
      field: 'number of apps',
      values,
      scale,
      apply: (fleet, value) => {
        // Groups with apps of their own (a calibrated twin's segments, each with its tenant's fitted
        // apps): each group's own apps repeated to the count, the others the fleet's. One override
        // for all would put the fleet's apps (or a default app) in place of every group's own.
        const own = (g: Fleet['groups'][number]) => (g.environment as { apps?: Array<Record<string, unknown>> }).apps;
        if (!fleet.groups.some((g) => own(g)?.length)) return { fleet, override: { apps: appsOfCount(fleetApps(fleet), value as number) } as EnvironmentInput };
        return { fleet: { ...fleet, groups: fleet.groups.map((g) => ({ ...g, environment: { ...g.environment, apps: appsOfCount(own(g)?.length ? own(g) : fleetApps(fleet), value as number) } })) } };
      },
    };
  }
  if (fleetField) return { field, values, scale, apply: (fleet, value) => ({ fleet: setFleetPath(fleet, path, value, arg) }) };
  if (/^[A-Za-z]\w*(\.[A-Za-z]\w*)*(\.\d+)(\.[A-Za-z]\w*)+$/.test(field)) return { field, values, scale, apply: (fleet, value) => ({ fleet: setListItem(fleet, path, value, arg) }) };
  if (!/^[A-Za-z][\w]*(\.[A-Za-z][\w]*)*$/.test(field)) throw bad('expected a field path such as esp.timeoutMinutes or sites.<name>.bandwidthMbps');
  // A field that is none, told now and as written (parseSweep('appz=4..24:4') was taken, and only a run said
  // '--vary appz=4: appz: unknown field', its first value in place of the list given).
  const unknown = unknownFieldIn(path, EnvironmentSchema);
  if (unknown) throw bad(unknown);
  return { field, values, scale, apply: (fleet, value) => ({ fleet, override: setPath(path, value) }) };
}

const fleetApps = (fleet: Fleet) => (fleet.environment as { apps?: Array<Record<string, unknown>> }).apps;

/** Apps (the fleet's or a group's) repeated (or cut) to `count`; a default app when there are none. */
function appsOfCount(own: Array<Record<string, unknown>> | undefined, count: number): unknown[] {
  const template = own && own.length ? own : [{ name: 'App', type: 'win32' }];
  return Array.from({ length: count }, (_, i) => ({ ...template[i % template.length], name: `${String(template[i % template.length]!.name ?? 'App')}${i >= template.length ? ` (${Math.floor(i / template.length) + 1})` : ''}` }));
}

export async function sweepFleet(
  input: Fleet | FleetInput,
  spec: SweepSpec,
  options: RunOptions & { executor?: Executor; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ result: SweepResult; reports: FleetReport[] }> {
  const fleet = fleetOf(input);
  // A spec that is not parseSweep's was a TypeError from the loop ("Cannot read properties of null (reading 'values')").
  const isSpec = typeof spec === 'object' && spec !== null && Array.isArray(spec.values) && typeof spec.apply === 'function' && typeof spec.field === 'string';
  if (!isSpec) throw new InputError('spec', '', `expected a sweep parseSweep gave, such as parseSweep('apps=4..24:4'), got ${typeof spec === 'string' ? `${JSON.stringify(spec)} (parseSweep(${JSON.stringify(spec)}) reads it)` : (shown(spec))}`);
  checkRunOptions(options);
  const executor = options.executor ?? inThread;
  const rows: SweepRow[] = [];
  const reports: FleetReport[] = [];
  const steps: Array<PairedStep | null> = [];
  let previous: Uint8Array | null = null;
  let k = 0;
  for (const value of spec.values) {
    const { fleet: f, override } = spec.apply(fleet, value);
    const source = `--vary ${spec.written ?? spec.field}=${String(value)}`;
    // Validate what the value produces, like a file would be (a bad value is a clear error). A share()'s setting is a
    // variation the sweep adds: named as it was given ('hardware.tpm', not 'groups[0].vary.@sweep[0].environment.hardware.tpm').
    let checked: Fleet;
    try {
      checked = f === fleet ? fleet : fleetFrom(f, source);
    } catch (e) {
      const within = e instanceof InputError ? /^groups\[\d+\]\.vary\.@sweep\[\d+\]\.environment\.(.+)$/.exec(e.field) : null;
      throw within ? new InputError(source, within[1]!, (e as InputError).expected) : e;
    }
    if (override) {
      try {
        fleetFrom({ ...checked, groups: checked.groups.map((g) => ({ ...g, environment: merge(g.environment as EnvironmentInput, override) as Record<string, unknown> })) }, source);
      } catch (e) {
        // The setting is the environment's, set for every device: named as it was given ('app', not 'groups[0].environment.app').
        const within = e instanceof InputError ? /^groups\[\d+\]\.environment\.(.+)$/.exec(e.field) : null;
        throw within ? new InputError(source, within[1]!, (e as InputError).expected) : e;
      }
    }
    const run = await executeFleet(checked, { ...(options.devices ? { devices: options.devices } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.environment ? { environment: options.environment } : {}), ...(override ? { override } : {}) }, executor, {
      onProgress: (done, total) => options.onProgress?.(k * total + done, total * spec.values.length),
      successes: true,
    });
    const r = buildReport(run);
    reports.push(r);
    // The step from the value before, device by device: the same devices (common random numbers) at both values.
    const step = previous && run.successes ? pairedStep(previous, run.successes) : null;
    if (step) steps.push(step);
    else if (previous) steps.push(null);
    previous = run.successes ?? null;
    rows.push({
      value,
      devices: r.devices,
      successRate: r.successRate,
      successInterval95: r.successInterval95,
      p50: r.timeToDesktop.total.p50,
      p90: r.timeToDesktop.total.p90,
      meanEndUserMinutes: r.timeToDesktop.endUser.mean,
      successEnds: r.successEnds,
      ...(r.endsSought ? { endsSought: r.endsSought } : {}),
      topFailure: topRef(r),
      saturated: saturatedIn(r),
      ...(r.fittedTo ? { fittedTo: r.fittedTo } : {}),
      ...(step ? { fromPrevious: stepFigures(step) } : {}),
    });
    k++;
  }
  const about = reports[0] ? { name: reports[0].name, seed: reports[0].seed } : {};
  return { result: { ...about, field: spec.field, scale: spec.scale, rows, finding: sweepFinding(spec.field, reports, spec.values, spec.scale, steps) }, reports };
}

/**
 * One step of a sweep, device by device: device i at the value before and at this one (the same hardware, site and
 * random streams). Null where the two values run different numbers of devices (a group's count swept): nothing pairs.
 */
export interface PairedStep {
  devices: number;
  /** Devices that succeed at the value before and fail at this one. */
  lost: number;
  /** Devices that fail at the value before and succeed at this one. */
  gained: number;
}

function pairedStep(before: Uint8Array, after: Uint8Array): PairedStep | null {
  if (before.length !== after.length || !before.length) return null;
  let lost = 0;
  let gained = 0;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue;
    if (before[i]) lost++;
    else gained++;
  }
  return { devices: before.length, lost, gained };
}

/** Beyond chance: McNemar's exact test on the devices the step changes, two-sided, below this. */
const STEP_P = 0.05;

/** A row's step from the value before, for --json: the devices it lost and gained, the change and McNemar's p. */
function stepFigures(p: PairedStep): NonNullable<SweepRow['fromPrevious']> {
  return { lost: p.lost, gained: p.gained, change: roundShare((p.gained - p.lost) / p.devices), p: Number(mcnemarExact(p.lost, p.gained).toPrecision(3)) };
}

/** A report's most frequent failure mode, as a reference. */
export function topRef(r: FleetReport): FailureRef | null {
  const f = r.failures[0];
  return f ? { id: f.id, code: f.code, phase: f.phase, cause: f.cause, causeSummary: f.causeSummary, devices: f.devices, shareOfDevices: f.shareOfDevices } : null;
}

/** The ESP's phases: a run in which no device spent time in one ran no ESP. */
const ESP_PHASES = ['devicePreparation', 'deviceSetup', 'accountSetup'] as const;

/** Success moves less than this (in share, across every value) and the swept setting makes no difference. */
const FLAT = 0.005;

/** Steps of a sweep are a knee, not a straight line, when one moves success at least this many times as fast per unit as another (the sentence says 'twice'). */
const KNEE = 2;

/**
 * The sweep in a sentence. Where success first moves beyond chance (the first step, reading from the good end, whose
 * neighbours' 95% intervals do not overlap: where the threshold starts to bite), and where it moves most per unit of the
 * setting, each with the failure whose share moves with it; or that it falls (or rises) steadily, with no knee, when no
 * step moves it KNEE times as fast per unit as another; or, when success hardly moves across every value, that the
 * setting is not what limits it. (The sentence gave only the biggest step: 'falls most between 20 and 24 apps' where
 * the ESP timeout first failed devices between 16 and 20; and it compared steps of 0.1 and 0.2 of a share as equals.)
 */
export function sweepFinding(field: string, reports: FleetReport[], values: unknown[], scale?: SweepResult['scale'], paired: Array<PairedStep | null> = []): string | null {
  // One value: no step to find, but a saturated resource is still named.
  if (reports.length < 2) {
    const one = reports[0] ? `One value, ${field} = ${String(values[0])}, has nothing to compare: success is ${percentText(reports[0].successRate)}% there; give two values or more to see where it changes.` : '';
    return (one + saturation(reports, values) + quietIncident(reports, values)).trim() || null;
  }
  const rates = reports.map((r) => r.successRate);
  const lo = Math.min(...rates);
  const hi = Math.max(...rates);
  const counted = (r: FleetReport) => r.failures.filter((f) => f.code !== FELL_BACK);
  const failureWords = (f: FleetReport['failures'][number], share: string) => `${f.code} in ${phaseLabel(f.phase)}, ${share} of devices${f.causeSummary ? `: ${f.causeSummary}` : ''}`;
  const range = `${field} = ${String(values[0])} to ${String(values[values.length - 1])}`;
  if (hi - lo < FLAT) {
    const at = lo === hi ? `stays at ${percentText(lo)}%` : `stays between ${percentText(lo)}% and ${percentText(hi)}%`;
    // What does limit it, at the last value (at another, the same devices may fail earlier, of something else).
    const end = reports[reports.length - 1]!;
    const top = counted(end)[0];
    // An ESP setting on devices that ran no ESP (device preparation has none): nothing it sets happened.
    const noEsp = field.startsWith('esp.') && reports.every((r) => !ESP_PHASES.some((p) => (r.phaseMinutes[p] ?? 0) > 0));
    const why = noEsp ? "no device ran an ESP, which the setting is for (device preparation has none: its one timer is each policy's, devicePreparation.policies.0.timeoutMinutes for the first)" : 'the setting is not what limits it';
    return `Success ${at} across ${range}; ${why}${top ? ` (at ${String(values[values.length - 1])} the top failure is ${failureWords(top, `${percentText(top.devices / end.devices)}%`)})` : ''}.${saturation(reports, values)}${quietIncident(reports, values)}`;
  }
  // Each step's width: its numeric gap on a linear axis, one on a log range's (each step is one factor) or between
  // categories; the unit is the narrowest step.
  const numeric = values.every((v) => typeof v === 'number') && (scale ?? 'linear') === 'linear';
  const gaps = rates.slice(1).map((_, i) => (numeric ? Math.abs((values[i + 1] as number) - (values[i] as number)) || 1 : 1));
  const unit = Math.min(...gaps);
  const perUnit = rates.slice(1).map((r, i) => ((r - rates[i]!) / gaps[i]!) * unit);
  const unitText = String(Number(unit.toPrecision(12)));
  // The steepest step per unit (the first of equals).
  let k = 0;
  for (let i = 1; i < perUnit.length; i++) if (Math.abs(perUnit[i]!) > Math.abs(perUnit[k]!)) k = i;
  const rises = perUnit[k]! > 0;
  const points = (d: number) => `${d > 0 ? '+' : '−'}${(Math.abs(d) * 100).toFixed(1)} points`;
  const moveText = (i: number) => `${percentText(rates[i]!)}% → ${percentText(rates[i + 1]!)}%`;
  // The failure mode that moves against success in a step: it is what the setting changes. A mode is its code, phase
  // and cause (its id): a calibrated twin fails ESP_TIMEOUT in device setup at the tenant's observed rate beside the
  // timer's own ESP_TIMEOUT, and keyed by code and phase the sentence took the share of one and the cause of the other.
  const shareIn = (r: FleetReport, f: { id: string }) => (r.failures.find((x) => x.id === f.id)?.devices ?? 0) / r.devices;
  const movedIn = (i: number) => {
    const [a, b] = [reports[i]!, reports[i + 1]!];
    const up = b.successRate > a.successRate;
    const moved = [...new Map([...counted(a), ...counted(b)].map((f) => [f.id, f])).values()]
      .map((f) => ({ f, from: shareIn(a, f), to: shareIn(b, f) }))
      .filter(({ from, to }) => (up ? from > to : to > from))
      .sort((x, y) => Math.abs(y.to - y.from) - Math.abs(x.to - x.from))[0];
    if (!moved) return '';
    // Its cause in words where it is the larger, the devices the step is about: a mode's words can differ between values
    // (a shorter ESP timeout caught the devices while one of 4 apps installed, a longer one while one of 2), and a mode
    // that falls was described with the value it fell to.
    const where = (up ? a : b).failures.find((x) => x.id === moved.f.id) ?? moved.f;
    return `, as ${moved.f.code} in ${phaseLabel(moved.f.phase)} ${up ? 'falls' : 'rises'} from ${percentText(moved.from)}% to ${percentText(moved.to)}% of devices${where.causeSummary ? ` (${where.causeSummary})` : ''}`;
  };
  // Beyond chance: the two values' 95% intervals do not overlap, in the sweep's direction. Falling, the first such step
  // from the first value; rising, the last one before the last value: reading from the good end, where failures set in.
  // Where the step pairs the same devices at both values (sweep runs each value on them), the devices it changes
  // decide: those it makes fail against those it makes succeed, by McNemar's exact test. Overlapping intervals hid
  // steps the pairs show (user-driven-entra's apps 18 → 19: 6 devices lost, none gained, p 0.031, where the two
  // values' intervals, 99.6–100.0% and 98.7–99.7%, overlap). Unpaired (a group's count swept), the two values'
  // intervals do not overlap.
  const apart = (i: number) => {
    const p = paired[i];
    if (p) return (rises ? p.gained > p.lost : p.lost > p.gained) && mcnemarExact(p.lost, p.gained) < STEP_P;
    const [[alo, ahi], [blo, bhi]] = [reports[i]!.successInterval95, reports[i + 1]!.successInterval95];
    return rises ? blo > ahi : bhi < alo;
  };
  const steps = perUnit.map((_, i) => i).filter(apart);
  const onset = steps.length ? (rises ? steps[steps.length - 1]! : steps[0]!) : null;
  const intervals = (i: number) => {
    const p = paired[i];
    if (!p) return `their 95% intervals, ${reports.slice(i, i + 2).map((r) => `${percentText(r.successInterval95[0])}–${percentText(r.successInterval95[1])}%`).join(' and ')}, do not overlap`;
    const [a, b] = [String(values[i]), String(values[i + 1])];
    const [moved, back] = rises ? [p.gained, p.lost] : [p.lost, p.gained];
    const pText = mcnemarExact(p.lost, p.gained);
    return `${count(moved)} of the same devices ${rises ? 'succeed' : 'fail'} at ${b} that ${rises ? 'fail' : 'succeed'} at ${a}, ${back ? count(back) : 'none'} the other way: p ${pText < 0.001 ? '< 0.001' : `= ${pText.toFixed(3)}`}, McNemar's exact test`;
  };
  const between = (i: number) => `between ${field} = ${String(values[i])} and ${String(values[i + 1])}`;
  const onsetWords = rises ? 'last rises beyond chance' : 'first falls beyond chance';
  // Steady: every step moves success the same way and none KNEE times as fast per unit as another (a share of TPM 1.2
  // devices at 0, 0.1, 0.3 and 0.5: 8.8, 10.6 and 9.7 points per 0.1, a straight line with no step to name).
  const slopes = perUnit.map(Math.abs);
  const steady = perUnit.length >= 2 && perUnit.every((d) => (rises ? d > 0 : d < 0)) && Math.max(...slopes) < KNEE * Math.min(...slopes);
  let sentence: string;
  if (steady) {
    const total = rates[rates.length - 1]! - rates[0]!;
    const span = gaps.reduce((x, y) => x + y, 0);
    const rate = `about ${((Math.abs(total) / span) * unit * 100).toFixed(1)} points ${numeric ? `per ${unitText}` : 'a step'}`;
    sentence = `Success ${rises ? 'rises' : 'falls'} steadily across ${range}: ${percentText(rates[0]!)}% → ${percentText(rates[rates.length - 1]!)}%, ${rate}, with no knee (no step moves it twice as fast${numeric ? ` per ${unitText}` : ''} as another).`;
    if (onset !== null) sentence += ` It ${onsetWords} ${between(onset)}: ${moveText(onset)} (${intervals(onset)})${movedIn(onset)}.`;
  } else {
    const most = `${moveText(k)} (${points(rates[k + 1]! - rates[k]!)}${gaps[k]! > unit * (1 + 1e-9) ? `, ${(Math.abs(perUnit[k]!) * 100).toFixed(1)} per ${unitText}` : ''}`;
    if (onset === k) sentence = `Success ${onsetWords}, and most, ${between(k)}: ${most}; ${intervals(k)})${movedIn(k)}.`;
    else {
      sentence = onset !== null ? `Success ${onsetWords} ${between(onset)}: ${moveText(onset)} (${intervals(onset)})${movedIn(onset)}. It ${rises ? 'rises' : 'falls'} most ` : `Success ${rises ? 'rises' : 'falls'} most `;
      sentence += `${between(k)}: ${most})${movedIn(k)}.`;
      if (onset === null) sentence += paired.some(Boolean) ? ` No step is beyond chance: in none do the same devices fail at one value and succeed at the other unevenly enough (McNemar's exact test, p < 0.05; more devices, --devices, would tell).` : ` No step is beyond chance: each pair of neighbours' 95% intervals overlap (more devices, --devices, would tell).`;
    }
  }
  // Past the step, success may level off: more of the setting then moves it no further, up or down (it said 'raises'
  // where more apps had lowered success to 0.0%). Not "changes nothing": the
  // time to desktop can still move and a link still queue there (a branch link at 200 Mbps: 100% success, downloads
  // still waiting 14 minutes, p50 1.7 minutes longer than at 400).
  const last = rates.length - 1;
  let flatFrom = last;
  while (flatFrom > k + 1 && Math.abs(rates[flatFrom - 1]! - rates[last]!) < FLAT) flatFrom--;
  // Within FLAT the rates can still print apart ('From 36 on, success stays at 93.2%' beside a row of 93.1%): their range.
  const flatTexts = [...new Set(rates.slice(flatFrom).map((r) => percentText(r)))].sort((a, b) => Number(a) - Number(b));
  const flatAt = flatTexts.length > 1 ? `between ${flatTexts[0]}% and ${flatTexts[flatTexts.length - 1]}%` : `at ${percentText(rates[last]!)}%`;
  if (flatFrom < last) sentence += ` From ${String(values[flatFrom])} on, success stays ${flatAt}: more of the setting ${rises ? 'raises' : 'lowers'} it no further.`;
  const best = rates.indexOf(hi);
  if (best > 0 && best < last && hi - rates[last]! >= FLAT) sentence += ` Success is best at ${String(values[best])}: ${percentText(hi)}%.`;
  return sentence + saturation(reports, values) + quietIncident(reports, values);
}

/**
 * The values where the file's cloud incident fails no device (run's warning incident-without-effect): success there owes
 * nothing to it. A sweep of the incident's start said 'From 14 on, success stays at 100.0%' without a word that the
 * incident had left the rollout's hours.
 */
function quietIncident(reports: FleetReport[], values: unknown[]): string {
  const at = values.filter((_, i) => reports[i]!.warnings.some((w) => w.kind === 'incident-without-effect')).map(String);
  if (!at.length) return '';
  const where = at.length === reports.length && at.length > 1 ? 'every value' : at.length === 1 ? at[0]! : `${at.slice(0, -1).join(', ')} and ${at[at.length - 1]}`;
  return ` At ${where}, the file's cloud incident (sharedWorld.incident) fails no device: it changes nothing there.`;
}

/**
 * The shared resources saturated along the sweep, each with the values where it is and its longest queue: a
 * figure there depends on it (run at that value gives the warning and its fix). A sweep of the app count whose
 * ESP timed out behind a saturated depot link blamed the apps alone.
 */
function saturation(reports: FleetReport[], values: unknown[]): string {
  const byResource = new Map<string, { s: Saturated; at: string[]; worst: string }>();
  reports.forEach((r, i) => {
    for (const s of saturatedIn(r)) {
      const key = `${s.kind}|${s.resource}`;
      const seen = byResource.get(key);
      if (!seen) byResource.set(key, { s: { ...s }, at: [String(values[i])], worst: String(values[i]) });
      else {
        seen.at.push(String(values[i]));
        if (s.maxQueueMinutes > seen.s.maxQueueMinutes) [seen.s.maxQueueMinutes, seen.worst] = [s.maxQueueMinutes, String(values[i])];
      }
    }
  });
  const list = (at: string[]) => (at.length === reports.length && at.length > 1 ? 'every value' : at.length === 1 ? at[0]! : `${at.slice(0, -1).join(', ')} and ${at[at.length - 1]}`);
  // The longest wait, and at which value where it is saturated at several (it can be 14 minutes at one and 586 at the next).
  // Resources saturated at the same values share a sentence where their site links are many (a retail chain's sweep
  // named 45 store links one sentence each, 7,654 characters).
  const byValues = new Map<string, Array<{ s: Saturated; at: string | null }>>();
  for (const { s, at, worst } of byResource.values()) {
    const key = list(at);
    byValues.set(key, [...(byValues.get(key) ?? []), { s, at: at.length > 1 ? worst : null }]);
  }
  const one = ({ s, at, worst }: { s: Saturated; at: string[]; worst: string }) => ` At ${list(at)}, ${saturatedText(s, at.length > 1 ? worst : null)}.`;
  if ([...byValues.values()].every((xs) => saturatedListAt(xs).length === xs.length)) return [...byResource.values()].map(one).join('');
  return [...byValues].map(([values, xs]) => ` At ${values}, ${saturatedListAt(xs).join('; ')}.`).join('');
}

export { csvLine } from './jobs.ts';

/**
 * The sweep as CSV, one row per value, with the figures JSON holds (rates as shares, minutes to one decimal), to paste
 * into a spreadsheet or a design document's table: the Markdown, JSON and HTML had it, a spreadsheet did not.
 */
export function sweepCsv(result: SweepResult): string {
  const head = ['field', 'value', 'devices', 'successRate', 'successLow95', 'successHigh95', 'p50Minutes', 'p90Minutes', 'meanEndUserMinutes', 'topFailureCode', 'topFailurePhase', 'topFailureCause', 'topFailureDevices', 'saturated'];
  const rows = result.rows.map((r) => [
    result.field,
    r.value,
    r.devices,
    r.successRate,
    r.successInterval95[0],
    r.successInterval95[1],
    r.p50,
    r.p90,
    r.meanEndUserMinutes,
    r.topFailure?.code,
    r.topFailure?.phase,
    r.topFailure?.causeSummary,
    r.topFailure?.devices,
    r.saturated.map((x) => x.resource).join('; '),
  ]);
  return [head, ...rows].map(csvLine).join('\n') + '\n';
}

/**
 * The comparison as CSV, one row per figure: the fleet's differences, then each group's and site's (success and mean
 * minutes), with A, B, B − A and its 95% interval as --json holds them (shares as shares, minutes as minutes).
 */
export function compareCsv(c: CompareResult): string {
  const head = ['scope', 'name', 'metric', 'label', 'unit', 'a', 'b', 'difference', 'low95', 'high95', 'aLabel', 'bLabel'];
  const row = (scope: string, name: string, d: Difference) => [scope, name, d.metric, d.label, d.unit, d.a, d.b, d.difference, d.interval95?.[0], d.interval95?.[1], c.a.label, c.b.label];
  const slices = (scope: string, xs: CompareResult['groups']) => xs.flatMap((x) => [row(scope, x.name, x.success), row(scope, x.name, x.meanMinutes)]);
  return [head, ...c.differences.map((d) => row('fleet', '', d)), ...slices('group', c.groups), ...slices('site', c.sites)].map(csvLine).join('\n') + '\n';
}

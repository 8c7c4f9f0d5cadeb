// Reading fleet files: the fleet schema, then every environment piece (tenant, site,
// group, variation) against the environment schema, with the full path in any error.
import { InputError, lineIn, parseText, pathText, validate, type ParsedText } from '../environment/load.ts';
import { EnvironmentSchema, ruleViolations, type EnvironmentInput } from '../environment/schema.ts';
import { merge } from '../environment/merge.ts';
import { FleetSchema, type Fleet, type FleetInput } from './schema.ts';
import { shown } from '../format.ts';
import { distance } from '../environment/spelling.ts';

/** The most devices a fleet may have (the schema's limit on devices and on one group's count). */
export const MAX_DEVICES = 100_000_000;

/** The fleets this module validated: a plain object that only looks like one is validated again. */
const VALIDATED = new WeakSet<object>();

export function parseFleet(file: string, text: string): Fleet {
  const parsed = parseText(file, text);
  const fleet = validateFleet(parsed);
  checkWhole(parsed, fleet);
  VALIDATED.add(fleet);
  return fleet;
}

/**
 * The fleet schema; where the file fails it, its environment pieces are checked too, and the names, references and the
 * documents' rules across fields are checked on the file without its wrong fields, where that is safe (crossFieldDespite):
 * a group's cout: 200 hid a self-deploying kiosk group's hybrid join until it was fixed.
 */
function validateFleet(parsed: ParsedText): Fleet {
  try {
    return validate(parsed, FleetSchema, []);
  } catch (e) {
    if (e instanceof InputError) {
      addPieceProblems(parsed, e);
      crossFieldDespite(parsed, e);
      throw placedRight(e);
    }
    throw e;
  }
}

/**
 * Fleet fields an architect writes in the wrong place, and where each goes: 'environment.connectorRequestsPerHour:
 * unknown field (expected one of scenario, hardware, …)' and 'unknown fields "windowHours", "connectorRequestsPerHour"'
 * at the top named none of them (a bank's first draft put the connector's capacity in the environment).
 */
const ZONE = "a site's start in the rollout, sites[].startHour: the hours after the rollout's start that its devices begin, not a zone (a region whose morning comes 8 hours after the first's: startHour: 8)";
const PLACES: Record<string, string> = {
  windowHours: 'rollout.windowHours',
  devicesPerHour: 'rollout.devicesPerHour',
  connectorRequestsPerHour: 'sharedWorld.connectorRequestsPerHour',
  incident: 'sharedWorld.incident',
  bandwidthMbps: "a site's field, sites[].bandwidthMbps",
  internetVia: "a site's field, sites[].internetVia",
  technicianSite: "a group's field, groups[].technicianSite",
  leastEndUserTime: 'goals.leastEndUserTime',
  noItTouch: 'goals.noItTouch',
  sharedOrKiosk: 'goals.sharedOrKiosk',
  preferEntraJoin: 'goals.preferEntraJoin',
  startHour: "a site's field, sites[].startHour",
  // A region's time zone, as an architect writes it for a global rollout: the fleet's clock is hours from the rollout's start.
  timeZone: ZONE,
  timezone: ZONE,
  utcOffset: ZONE,
};
const placeOf = (key: string) => (Object.hasOwn(PLACES, key) ? (PLACES[key]!.includes(' ') ? PLACES[key]! : `a fleet field, ${PLACES[key]!}`) : null);

/** An unknown field that is a fleet field written in the wrong place, told where it goes (its other problems likewise). */
function placedRight(e: InputError): InputError {
  const one = (x: InputError): InputError => {
    let expected: string | null = null;
    if (x.expected.startsWith('unknown field (')) {
      const where = placeOf(x.field.split('.').pop()!.replace(/\[\d+\]$/, ''));
      if (where) expected = `unknown field here: it is ${where}`;
    } else if (x.expected.startsWith('unknown fields ')) {
      // The keys, not the fields a slip of one names after them ('unknown fields "a", "b" ("b": did you mean "c"?)').
      const keys = [...x.expected.split(' (')[0]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
      const notes = keys.map((k) => (placeOf(k) ? `${k} is ${placeOf(k)}` : '')).filter(Boolean);
      if (notes.length) expected = `${x.expected} (${notes.join('; ')})`;
    }
    // A site's start written as a clock time ("08:00", "5pm", "8:30 am"): the fleet's clock is hours from the rollout's start.
    if (/^sites\[\d+\]\.startHour$/.test(x.field) && /^expected number, got "(\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"$/i.test(x.expected))
      expected = `${x.expected} (a clock time): write the hours after the rollout's start that the site's devices begin, such as 8 for a region whose morning comes 8 hours after the first's`;
    return expected === null ? x : new InputError(x.file, x.field, expected, x.line);
  };
  const all = [one(e), ...e.others.map(one)];
  // A variation's fields written beside its share, not under its environment ('- { share: 0.2, hardware: {...} }'): the
  // command stopped at 'vary.tpm[0].environment: missing', where the field written in the wrong place says what to do.
  const first = all[0]!;
  const misplaced = first.expected.startsWith('missing') && first.field.endsWith('.environment') ? all.findIndex((x) => x.field.startsWith(first.field.slice(0, -'environment'.length)) && x.expected.includes('did you mean "environment.')) : -1;
  if (misplaced > 0) all.unshift(...all.splice(misplaced, 1));
  const out = all[0]!;
  out.others.splice(0, out.others.length, ...all.slice(1));
  return out;
}

/**
 * checkPieces, and where it finds a problem, every environment piece's too: a variation's shares over 1 was named alone,
 * then its unquoted tpm: 1.2, then its hardware.kind "virtual", one `validate` at a time.
 */
function checkWhole(parsed: ParsedText, fleet: Fleet): void {
  try {
    checkPieces(parsed, fleet);
  } catch (e) {
    if (e instanceof InputError) {
      addPieceProblems(parsed, e);
      throw placedRight(e);
    }
    throw e;
  }
}

/**
 * A fleet as given to the library: validated once (a plain object, named `fleet` in errors), a loaded one as it is.
 * Anything but an object is refused: runFleet(undefined) and runFleet(null) ran the default fleet of 1,000 devices,
 * and a file's name was "expected object".
 */
export function fleetOf(f: Fleet | FleetInput): Fleet {
  if (isValidatedFleet(f)) return f;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) {
    const hint = typeof f === 'string' ? ` (loadFleet(${JSON.stringify(f)}) reads a file)` : '';
    throw new InputError('fleet', '', `expected a fleet: one loadFleet gave, or an object such as { scenario: 'user-driven', devices: 1000 }, got ${shown(f)}${hint}`);
  }
  return fleetFrom(f);
}

/**
 * The library's run options, checked as the command line checks --devices, --seed and --workers: a negative
 * device count ran a fleet of none and reported it, without a word.
 */
export function checkRunOptions(options: { devices?: unknown; seed?: unknown; workers?: unknown; environment?: unknown }): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new InputError('options', '', `expected an object such as { devices: 1000 }, got ${shown(options)}`);
  // A misspelt option ({ device: 5 }) ran with the default, without a word.
  for (const key of Object.keys(options)) {
    if (!RUN_OPTIONS.includes(key)) throw new InputError('options', key, `unknown option (expected one of ${RUN_OPTIONS.filter((k) => k !== 'executor' && k !== 'override').join(', ')})`);
  }
  const whole = (name: string, value: unknown, from: number, to: number) => {
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= from && (value as number) <= to)) {
      throw new InputError('options', name, `expected a whole number from ${from} to ${to}, got ${shown(value)}`);
    }
  };
  whole('devices', options.devices, 1, MAX_DEVICES);
  whole('seed', options.seed, 0, 2 ** 32 - 1);
  whole('workers', options.workers, 1, 64);
  // A callback that is not a function was a TypeError from the run ("hooks.onProgress is not a function").
  for (const name of ['onProgress', 'onRows']) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined && typeof value !== 'function') throw new InputError('options', name, `expected a function, got ${shown(value)}`);
  }
  checkEnvironmentOption(options.environment, 'environment');
}

/** The options a library run takes (runFleet, compareFleets, sweepFleet, replayFleetDevice; executor and override from this package's own callers). */
const RUN_OPTIONS = ['devices', 'seed', 'workers', 'environment', 'onProgress', 'onRows', 'executor', 'override'];

/**
 * An environment given as an option (merged into every device's), checked as a file's piece is: a wrong field is an
 * InputError naming it ("options: environment.esp.timeoutMinutes: expected number"), not a ZodError's JSON from the planner.
 */
export function checkEnvironmentOption(value: unknown, name: string): void {
  if (value === undefined) return;
  validate({ file: 'options', raw: { [name]: value }, doc: undefined, counter: undefined as never }, EnvironmentSchema, [name], EnvironmentSchema, value);
}

/** Whether `f` came out of parseFleet or fleetFrom (and so holds every default). */
export function isValidatedFleet(f: unknown): f is Fleet {
  return typeof f === 'object' && f !== null && VALIDATED.has(f);
}

/** A fleet given as an object (library API): validated the same way, named `source` in errors. */
export function fleetFrom(input: unknown, source = 'fleet'): Fleet {
  const parsed: ParsedText = { file: source, raw: (input ?? {}) as Record<string, unknown>, doc: undefined, counter: undefined as never };
  const fleet = validateFleet(parsed);
  checkWhole(parsed, fleet);
  VALIDATED.add(fleet);
  return fleet;
}

/** As many problems as validation lists for one file (environment/load.ts's MORE_PROBLEMS). */
const MORE_PROBLEMS = 19;

/**
 * A fleet that fails its own schema still has its environment pieces checked, so that `validate` lists every wrong
 * field at once: a group's hardware.kind "virtual" was named only after its count of -3 was fixed.
 */
function addPieceProblems(parsed: ParsedText, error: InputError): void {
  const raw = parsed.raw as Record<string, unknown>;
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const pieces: PropertyKey[][] = [['environment']];
  for (const list of ['sites', 'groups'] as const) {
    const items = raw[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item, i) => {
      if (!isMap(item)) return;
      pieces.push([list, i, 'environment']);
      if (list === 'groups' && isMap(item.vary)) {
        for (const [dim, variations] of Object.entries(item.vary)) if (Array.isArray(variations)) variations.forEach((_, k) => pieces.push(['groups', i, 'vary', dim, k, 'environment']));
      }
    });
  }
  const seen = new Set([error.message, ...error.others.map((o) => o.message)]);
  for (const at of pieces) {
    let value: unknown = raw;
    for (const key of at) value = isMap(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    if (!isMap(value)) continue;
    try {
      validate(parsed, EnvironmentSchema, at, EnvironmentSchema, value);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      for (const problem of [e, ...e.others]) {
        if (error.others.length >= MORE_PROBLEMS) return;
        if (seen.has(problem.message)) continue;
        seen.add(problem.message);
        error.others.push(problem);
      }
    }
  }
}

function checkPieces(parsed: ParsedText, fleet: Fleet): void {
  const [first, ...rest] = crossFieldProblems(parsed, fleet);
  if (first) {
    first.others.push(...rest.slice(0, MORE_PROBLEMS));
    throw first;
  }
}

/** The paths a file's wrong fields were taken out at, and what they leave unsafe to check (crossFieldDespite). */
interface Removed {
  paths: PropertyKey[][];
  /** The tenant's environment or the fleet's scenario: every device's environment. */
  all: boolean;
  sites: Set<number>;
  groups: Set<number>;
}

/**
 * Every wrong name, reference and share, and every rule of the documents across an environment's fields that a group at a
 * site breaks, so validate lists them at once (a file with a site named twice, a depot that is no site and a group named
 * twice took a run of validate each; two groups breaking two rules, a run each); a command stops at the first. With
 * `removed`, the fleet is the file without its wrong fields: what those fields would decide is not said.
 */
function crossFieldProblems(parsed: ParsedText, fleet: Fleet, removed?: Removed): InputError[] {
  const problems: InputError[] = [];
  // Pieces that fail the environment schema (already named): the rules are not checked on them.
  const broken = { all: removed?.all ?? false, sites: new Set(removed?.sites), groups: new Set(removed?.groups) };
  const piece = (value: unknown, at: PropertyKey[]) => {
    try {
      validate(parsed, EnvironmentSchema, at, EnvironmentSchema, value);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(e, ...e.others.splice(0));
      if (at[0] === 'environment') broken.all = true;
      else (at[0] === 'sites' ? broken.sites : broken.groups).add(at[1] as number);
    }
  };
  const base: EnvironmentInput = merge(fleet.environment as EnvironmentInput, fleet.scenario ? { scenario: fleet.scenario } : {});
  piece(fleet.environment, ['environment']);
  // A rule across fields, named with the line of the field in the file (as a schema error is).
  const fault = (path: PropertyKey[], expected: string) => void problems.push(new InputError(parsed.file, pathText(path), expected, lineIn(parsed, path)));
  if (fleet.rollout.devicesPerHour !== undefined && fleet.rollout.windowHours > 0) {
    fault(['rollout'], `expected windowHours or devicesPerHour, not both (got windowHours ${fleet.rollout.windowHours} and devicesPerHour ${fleet.rollout.devicesPerHour})`);
  }
  const siteNames = new Set<string>();
  // No sites list in the file: its devices are at the schema's one site.
  const noSites = (parsed.raw as Record<string, unknown> | null)?.sites === undefined;
  fleet.sites.forEach((s, i) => {
    if (siteNames.has(s.name)) fault(['sites', i, 'name'], `expected a unique site name, "${s.name}" appears twice`);
    siteNames.add(s.name);
    piece(s.environment, ['sites', i, 'environment']);
  });
  // A backhaul goes one hop, to a site that breaks out itself: a chain or a loop has no link to end on.
  fleet.sites.forEach((s, i) => {
    if (s.internetVia === undefined) return;
    const hub = fleet.sites.find((h) => h.name === s.internetVia);
    if (!hub || hub === s) {
      const others = fleet.sites.filter((h) => h !== s).map((h) => h.name);
      const slip = slipFor(s.internetVia, others);
      return fault(['sites', i, 'internetVia'], `expected the name of another site, whose link the downloads cross (${slip ? `did you mean "${slip}"?` : others.length ? listed(others) : 'the file has no other site'}), got "${s.internetVia}"`);
    }
    if (hub.internetVia !== undefined) fault(['sites', i, 'internetVia'], `expected a site that breaks out to the internet itself: "${hub.name}" reaches it through "${hub.internetVia}" (name that site here)`);
  });
  // One site per distinct site environment, in file order (the first is named in errors).
  const siteKeys = new Map<string, (typeof fleet.sites)[number]>();
  for (const s of fleet.sites) if (!siteKeys.has(JSON.stringify(s.environment))) siteKeys.set(JSON.stringify(s.environment), s);
  const siteReps = [...siteKeys.values()];
  const groupKeys = new Map<string, number>();
  const groupNames = new Set<string>();
  // Counts are devices, weights are proportions: mixed, a count would be read as a weight.
  const firstCounted = fleet.groups.findIndex((g) => g.count !== undefined);
  const firstUncounted = fleet.groups.findIndex((g) => g.count === undefined);
  if (firstCounted >= 0 && firstUncounted >= 0) {
    const g = fleet.groups[firstUncounted]!;
    fault(['groups', firstUncounted], `expected a count in every group or in none: groups[${firstCounted}] (${fleet.groups[firstCounted]!.name}) has count ${fleet.groups[firstCounted]!.count}, "${g.name}" has ${g.weight !== undefined ? `weight ${g.weight}` : 'no count'}`);
  }
  fleet.groups.forEach((g, i) => {
    // Reports, per-group answers and --vary groups.<name> tell groups apart by name.
    if (groupNames.has(g.name)) fault(['groups', i, 'name'], `expected a unique group name, "${g.name}" appears twice`);
    groupNames.add(g.name);
    // A count is devices, a weight a share: given both, one was silently dropped (count 10 and weight 1 ran 10 devices).
    if (g.count !== undefined && g.weight !== undefined) fault(['groups', i, 'weight'], `expected a count or a weight, not both (got count ${g.count} and weight ${g.weight}): a count is the group's devices, a weight its share of the fleet beside other weights`);
    piece(g.environment, ['groups', i, 'environment']);
    if (g.technicianSite !== undefined && !siteNames.has(g.technicianSite)) fault(['groups', i, 'technicianSite'], oneOfTheSites(g.technicianSite, [...siteNames], noSites));
    for (const name of Object.keys(g.sites ?? {})) {
      if (!siteNames.has(name)) fault(['groups', i, 'sites', name], oneOfTheSites(name, [...siteNames], noSites));
    }
    if (g.sites && Object.values(g.sites).every((w) => w === 0)) fault(['groups', i, 'sites'], 'expected at least one site with a weight above 0');
    // A group without site weights goes by the sites' shares: one of them above 0 (a depot's share 0 keeps devices out of it).
    if (!g.sites && fleet.sites.every((s) => s.share === 0)) {
      const zero = `every site's share is 0 (${listed(fleet.sites.map((s) => s.name))})`;
      // One site: its share is the field to change, so the error names it.
      if ((parsed.raw as Record<string, unknown>).groups === undefined) {
        if (fleet.sites.length === 1) fault(['sites', 0, 'share'], `expected a share above 0 for the fleet's only site (${fleet.sites[0]!.name}): a share of 0 keeps every device out of it`);
        else fault(['sites'], `expected at least one site with a share above 0: ${zero}`);
      }
      else fault(['groups', i, 'sites'], `expected the sites of "${g.name}", such as {${fleet.sites[0]!.name}: 1}: it gives none, so its devices go by the sites' shares, and ${zero}`);
    }
    for (const [dim, variations] of Object.entries(g.vary)) {
      const total = variations.reduce((a, v) => a + v.share, 0);
      if (total > 1 + 1e-9) fault(['groups', i, 'vary', dim], `expected shares that add up to at most 1, got ${Number(total.toFixed(6))}`);
      variations.forEach((v, k) => piece(v.environment, ['groups', i, 'vary', dim, k, 'environment']));
    }
    // The documents' cross-field rules hold for every group at every site: checked once per
    // distinct pair of environments (sites and groups without their own settings share one),
    // so a file of many plain groups and sites costs little.
    const key = JSON.stringify([g.environment, g.vary]);
    if (!groupKeys.has(key)) groupKeys.set(key, i);
  });
  const counted = fleet.groups.filter((g) => g.count !== undefined);
  const total = counted.reduce((a, g) => a + g.count!, 0);
  if (counted.length === fleet.groups.length && total > MAX_DEVICES) {
    fault(['groups'], `expected group counts that add up to at most ${MAX_DEVICES} devices, got ${total}`);
  }
  const inc = fleet.sharedWorld.incident;
  if (inc && inc.endHour < inc.startHour) fault(['sharedWorld', 'incident', 'endHour'], `expected endHour >= startHour (${inc.startHour})`);
  // The documents' rules across an environment's fields, on pieces each valid alone; each broken rule named once, where
  // the file writes the field.
  const named = new Set<string>();
  const groupReps = broken.all ? [] : [...groupKeys.values()].filter((i) => !broken.groups.has(i));
  for (const i of groupReps) {
    const g = fleet.groups[i]!;
    // The group as it is, and each of its variations over it (a hybrid variation of a self-deploying group ran as Entra join, unchecked).
    const pieces: Array<{ env: EnvironmentInput; at: PropertyKey[] | null }> = [{ env: g.environment as EnvironmentInput, at: null }];
    for (const [dim, variations] of Object.entries(g.vary)) {
      variations.forEach((v, k) => pieces.push({ env: merge(g.environment as EnvironmentInput, v.environment as EnvironmentInput), at: ['groups', i, 'vary', dim, k, 'environment'] }));
    }
    for (const s of siteReps) {
      if (broken.sites.has(fleet.sites.indexOf(s))) continue;
      for (const p of pieces) {
        const env = EnvironmentSchema.parse(merge(merge(base, s.environment), p.env));
        for (const rule of ruleViolations(env)) {
          const { error, at } = ruleError(parsed, fleet, rule, i, fleet.sites.indexOf(s), p.at);
          if (named.has(`${at}\n${rule.message}`)) continue;
          named.add(`${at}\n${rule.message}`);
          problems.push(error);
        }
      }
    }
  }
  if (!removed) return problems;
  const related = (a: PropertyKey[], b: PropertyKey[]) => a.every((k, n) => n >= b.length || String(b[n]) === String(k)) || b.every((k, n) => n >= a.length || String(a[n]) === String(k));
  return problems.filter((p) => !removed.paths.some((r) => related(r, pathOf(p))));
}

/** The path an error names, as keys (its field text without a group's or site's words after it). */
function pathOf(e: InputError): PropertyKey[] {
  const text = e.field.replace(/ \(group .*$/, '');
  return [...text.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]!));
}

/**
 * A file that fails the fleet schema: its names, references and the documents' rules across fields are checked on it
 * without its wrong fields, where that is safe: each wrong field taken out, or where the schema needs it (a variation's
 * share written "15%"), the nearest field around it that may be left out (its dimension), never an item of a list, which
 * would renumber the others; nothing is said at or around a field taken out (a count taken out would read as a group
 * without one), and the rules are not checked on an environment a field taken out was part of.
 */
function crossFieldDespite(parsed: ParsedText, error: InputError): void {
  const raw = parsed.raw;
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isMap(raw)) return;
  const copy = structuredClone(raw);
  const paths: PropertyKey[][] = [];
  const parentOf = (path: PropertyKey[]) => {
    let node: unknown = copy;
    for (const k of path.slice(0, -1)) node = isMap(node) || Array.isArray(node) ? (node as Record<PropertyKey, unknown>)[k as string] : undefined;
    return isMap(node) ? node : null;
  };
  let fleet: Fleet | null = null;
  for (let round = 0; round < 4 && !fleet; round++) {
    const result = FleetSchema.safeParse(copy);
    if (result.success) fleet = result.data;
    else {
      for (const issue of result.error.issues) {
        for (let path of issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path]) {
          if (paths.some((r) => r.length < path.length && r.every((k, n) => String(path[n]) === String(k)))) continue;
          // Up to a field the file writes, in a mapping (a list's item is never taken out).
          while (path.length && (typeof path.at(-1) === 'number' || !Object.hasOwn(parentOf(path) ?? {}, path.at(-1) as string))) path = path.slice(0, -1);
          if (!path.length) return;
          delete parentOf(path)![path.at(-1) as string];
          paths.push(path);
        }
      }
    }
  }
  if (!fleet) return;
  const removed: Removed = { paths, all: false, sites: new Set(), groups: new Set() };
  for (const p of paths) {
    if (p[0] === 'scenario' || p[0] === 'environment' || (p.length === 1 && (p[0] === 'sites' || p[0] === 'groups'))) removed.all = true;
    else if ((p[0] === 'sites' || p[0] === 'groups') && typeof p[1] === 'number' && (p[2] === 'environment' || p[2] === 'vary')) (p[0] === 'sites' ? removed.sites : removed.groups).add(p[1]);
  }
  const seen = new Set([error.message, ...error.others.map((o) => o.message)]);
  for (const problem of crossFieldProblems({ ...parsed, raw: copy }, fleet, removed)) {
    if (error.others.length >= MORE_PROBLEMS) return;
    if (seen.has(problem.message)) continue;
    seen.add(problem.message);
    error.others.push(problem);
  }
}

/**
 * A site name that is not one, said with the site it is a slip for (the same but for case, or the one name within two
 * edits), else with the sites: a chain of 200 stores listed all 201 names, 2,300 characters, for 'Head Office'.
 */
function oneOfTheSites(name: string, names: string[], noSites: boolean): string {
  // A file with no sites: runs at one site, "default", which listing read as the answer ('expected one of the sites: default').
  if (noSites) return `expected one of the sites, got "${name}": the file has no sites list (its devices are at one site, "default"): list the sites, the devices' own and ${name} (share: 0 for a depot that holds no devices of its own)`;
  const slip = slipFor(name, names);
  return slip ? `expected one of the sites, got "${name}": did you mean "${slip}"?` : `expected one of the sites (${listed(names)}), got "${name}"`;
}

/** The one name `name` is a slip for: the same but for case, else the only one at the least distance (two edits at most, under half its letters); numbered names (Store 201 among Store 001 to 200) have several, so none. */
function slipFor(name: string, names: readonly string[]): string | undefined {
  const cased = names.filter((n) => n.toLowerCase() === name.toLowerCase());
  if (cased.length === 1) return cased[0];
  let best = 3;
  let found: string[] = [];
  for (const n of names) {
    const d = distance(n, name);
    if (d >= name.length / 2 || d > best) continue;
    if (d < best) [best, found] = [d, []];
    found.push(n);
  }
  return found.length === 1 ? found[0] : undefined;
}

/** Names in a list, the first ten past a dozen ('and 191 more'). */
function listed(names: readonly string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`;
}

/** Whether the file writes a value at `path`. */
function written(raw: unknown, path: readonly PropertyKey[]): boolean {
  let node = raw;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return false;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return true;
}

/**
 * A cross-field rule broken by a group at a site: named where the file writes the field (the
 * variation's, the group's, the site's or the tenant's environment, with its line), and which
 * group at which site when the file has several. A file without groups or sites was told
 * "groups[0] (all) at site default: profile.joinType", of a group and a site it never wrote.
 */
function ruleError(parsed: ParsedText, fleet: Fleet, broken: { path: Array<string | number>; message: string }, group: number, site: number, variation: PropertyKey[] | null): { error: InputError; at: string } {
  const g = fleet.groups[group]!;
  const s = fleet.sites[site]!;
  const places: PropertyKey[][] = [...(variation ? [variation] : []), ['groups', group, 'environment'], ['sites', site, 'environment'], ['environment'], []];
  const at = places.map((p) => [...p, ...broken.path]).find((p) => written(parsed.raw, p));
  if (!at) {
    const field = `groups[${group}] (${g.name}) at site ${s.name}: ${pathText(broken.path)}`;
    return { error: new InputError(parsed.file, field, broken.message), at: field };
  }
  // Which group, and at which site where the file has several (a file without sites was told 'at site default').
  const which = [fleet.groups.length > 1 ? `group ${g.name}` : '', fleet.sites.length > 1 ? `at site ${s.name}` : ''].filter(Boolean).join(' ');
  return { error: new InputError(parsed.file, `${pathText(at)}${which ? ` (${which})` : ''}`, broken.message, lineIn(parsed, at)), at: pathText(at) };
}

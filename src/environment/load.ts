// Reading scenario files: YAML or JSON text -> a validated ScenarioFile, or one
// InputError naming the file, the field and what was expected. Pure (no node:*):
// the caller reads the bytes, so the same code validates files in the browser.
import { compareWithProblem } from './comparisons.ts';
import { FAULT_IDS } from '../catalog/faults.ts';
import { shown } from '../format.ts';
import { LineCounter, parseDocument, isAlias, isMap, isNode, isPair, isScalar, isSeq, type Document } from 'yaml';
import type { z } from 'zod';
import { InputError } from './input-error.ts';
import { merge } from './merge.ts';
import { noticeState } from './notice.ts';
import { closest, slipOf } from './spelling.ts';
import { EnvironmentSchema, ruleViolation, ScenarioFileSchema, type Environment, type ScenarioFile } from './schema.ts';

export { InputError };

/** The largest input file read, in bytes: a reader stops as soon as a file goes past it. */
export const MAX_BYTES = 1_000_000;

/**
 * Decode bytes as UTF-8, or as UTF-16 where a byte order mark says so: Windows PowerShell 5.1's `>` and Out-File write
 * UTF-16, and a fleet file written that way was refused as "not UTF-8" (calibrate reads its exports either way).
 */
export function decodeText(file: string, bytes: Uint8Array): string {
  if (bytes.length > MAX_BYTES) throw new InputError(file, '', `expected a file under ${MAX_BYTES} bytes, got ${bytes.length}`);
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  try {
    return new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError(file, '', utf16 ? `expected UTF-16 text after its byte order mark (the file has bytes that are not ${utf16 === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'})` : 'expected UTF-8 text (the file has bytes that are not UTF-8; UTF-16 with a byte order mark, as Windows PowerShell writes it, reads too)');
  }
}

/**
 * YAML reads `tpm: 1.2` or `tpm: 2.0` as a number; when the number written as text is one of the
 * values the field takes, say how to write it.
 */
function quoteHint(values: readonly unknown[], input: unknown): string {
  if (typeof input !== 'number') return '';
  const texts = [String(input), input.toFixed(1)];
  const hit = values.find((v) => typeof v === 'string' && texts.includes(v));
  return hit === undefined ? '' : ` (a number): write '${String(hit)}' in quotes`;
}

/**
 * What a mapping of names (a zod record) holds, in the file's words: 'expected record, got a list of 1' for a group's
 * `sites: [HQ]` named the schema library's type, not what to write.
 */
function recordWords(path: ReadonlyArray<PropertyKey>): string {
  const last = path[path.length - 1];
  if (last === 'sites') return 'a mapping of site names to weights, such as {Head office: 3, Branch A: 1}';
  if (last === 'vary') return "a mapping of dimension names to lists of variations, such as {tpm: [{share: 0.1, environment: {hardware: {tpm: '1.2'}}}]}";
  return 'a mapping of names to values';
}

/** A fleet's sites or groups written as a mapping of names ('sites: {HQ: {...}}'): a list, each item with its name. */
function listWords(path: ReadonlyArray<PropertyKey>, input: unknown): string {
  const last = path[path.length - 1];
  const mapping = typeof input === 'object' && input !== null && !Array.isArray(input);
  if (path.length === 1 && mapping && (last === 'sites' || last === 'groups')) {
    return `a list of ${last}, each with its name (such as ${last === 'sites' ? '- {name: Head office, bandwidthMbps: 1000}' : '- {name: Laptops, count: 300}'})`;
  }
  // 'apps: expected array, got a mapping': the schema's word beside YAML's, and no word on what an app is (a script
  // that wrote apps: {device: 12}, as sweep's --vary apps=12 counts them).
  if (last === 'apps') return path.includes('policies') ? 'a list of app names (from apps), such as [Teams]' : 'a list of apps, each with its name (such as - {name: Teams, type: win32, sizeMb: 400})';
  if (last === 'scripts') return 'a list of scripts, each with its name (such as - {name: Set time zone})';
  return 'a list';
}

/** A field that holds a share from 0 to 1 (a variation's, an incident's failures, a chance). */
const isShare = (path: ReadonlyArray<PropertyKey>) => {
  const last = String(path[path.length - 1]);
  // A site's share is a weight (shares 2, 1, 1), not a share from 0 to 1.
  if (isWeight(path)) return false;
  return /share$|probability$/i.test(last) || path.includes('chances');
};
/** What a field from 0 to 1 is called in a hint: an app's failureProbability is a chance, a group's share a share. */
const shareWord = (path: ReadonlyArray<PropertyKey>) => (/probability$/i.test(String(path[path.length - 1])) || path.includes('chances') ? 'a chance' : 'a share');

/**
 * Names an admin writes for a fixed value the schema names otherwise, which no spelling rule reaches: 'vpn: AOVPN' and
 * 'type: intunewin' listed the values and suggested none. Keyed lower case, without a leading dot, spaces, - or _.
 */
const OTHER_NAMES: Readonly<Record<string, { value: string; why: string }>> = {
  aovpn: { value: 'always-on', why: 'AOVPN is Always On VPN, which connects before sign-in' },
  alwaysonvpn: { value: 'always-on', why: 'Always On VPN connects before sign-in' },
  intunewin: { value: 'win32', why: '.intunewin is the package a Win32 app is uploaded in' },
};

/** A group's weight, or a site's share, which is one: relative to the others'. */
const isWeight = (path: ReadonlyArray<PropertyKey>) => {
  const last = String(path[path.length - 1]);
  return (path[0] === 'groups' && last === 'weight' && path.length === 3) || (path[0] === 'sites' && last === 'share' && path.length === 3) || isSiteWeight(path);
};
/** A site's weight in a group (groups[].sites: { Store 1: 2 }): the group's devices at its sites named, in their ratio. */
const isSiteWeight = (path: ReadonlyArray<PropertyKey>) => path[0] === 'groups' && path[2] === 'sites' && path.length === 4;

/**
 * The units a number's field names (bandwidthMbps, timeoutMinutes, windowHours, sizeMb) and how to write another unit
 * in it: a file from the schema alone wrote bandwidthMbps: 1Gbps and windowHours: 5d, and was told only 'expected number'.
 */
const UNITS: Array<{ field: RegExp; unit: string; from: Record<string, number> }> = [
  { field: /Mbps$/, unit: 'Mbps', from: { gbps: 1000, 'gbit/s': 1000, gbit: 1000, mbps: 1, 'mbit/s': 1, mbit: 1, mb: 1, kbps: 0.001 } },
  { field: /Minutes$/, unit: 'minutes', from: { m: 1, min: 1, mins: 1, minute: 1, minutes: 1, h: 60, hr: 60, hrs: 60, hour: 60, hours: 60, s: 1 / 60, sec: 1 / 60, secs: 1 / 60, seconds: 1 / 60 } },
  // Not a rate (devicesPerHour, connectorRequestsPerHour).
  { field: /^(?!.*PerHour$).*Hours?$|^hoursBetweenFlows$/, unit: 'hours', from: { h: 1, hr: 1, hrs: 1, hour: 1, hours: 1, d: 24, day: 24, days: 24, w: 168, week: 168, weeks: 168, m: 1 / 60, min: 1 / 60, mins: 1 / 60, minutes: 1 / 60 } },
  // An app's size in MB of 1,000,000 bytes, as bandwidthMbps counts megabits (schema: apps[].sizeMb); a size in binary
  // units, as Windows Explorer shows a file (GB there is GiB), is converted: 3 GiB is 3,221 MB.
  { field: /Mb$/, unit: 'MB', from: { mb: 1, gb: 1000, kb: 0.001, tb: 1_000_000, mib: 1.048576, gib: 1073.741824, kib: 0.001024, tib: 1_099_511.627776 } },
  // A rate (devicesPerHour, connectorRequestsPerHour): '40/h' and '40 per hour' said only 'expected number'.
  { field: /PerHour$/, unit: 'per hour', from: { '/h': 1, '/hr': 1, '/hour': 1, perhour: 1, anhour: 1, '/min': 60, perminute: 60, '/d': 1 / 24, '/day': 1 / 24, perday: 1 / 24 } },
  // A VM's memory (hardware.memoryGb: 4GB, or 8192MB as a hypervisor shows it).
  { field: /Gb$/, unit: 'GB', from: { gb: 1, mb: 1 / 1024, tb: 1024 } },
];

/**
 * How to write a percent as a weight: a weight is relative to the others' (1 each where left out), so a site's
 * 'share: 50%' told 'write 50' gave it 50 parts to each other site's 1, ~98% of the devices beside two sites left out.
 * For p% of the devices, the weight is p / (100 - p) times the others' added up.
 */
function weightHint(kind: string, percent: number): string {
  const others = `the other ${kind}' ${kind === 'sites' ? 'shares' : 'weights'}`;
  const meaning = `not a percent but a weight beside ${others} (1 each where left out)`;
  if (percent >= 100) return `${meaning}: for every device here, set ${others} to 0`;
  const factor = Number((percent / (100 - percent)).toPrecision(4));
  return `${meaning}: for ${percent}% of the devices, write ${factor === 1 ? '' : `${factor} times `}${others} added up (beside one left out, ${factor}; beside two, ${Number((factor * 2).toPrecision(4))})`;
}

/** A field's path as sweep --vary names it: sites and groups by name (sites.<name>.bandwidthMbps), lists' indices dropped. */
function sweepPath(path: ReadonlyArray<PropertyKey>): string {
  const [first, , ...rest] = path;
  if ((first === 'sites' || first === 'groups') && typeof path[1] === 'number') return [first, '<name>', ...rest.filter((x) => typeof x !== 'number')].join('.');
  return path.filter((x) => typeof x !== 'number' && x !== 'environment').join('.');
}

/** ' (text with a unit): write 1000, in Mbps as the field's name says' for "1Gbps" in bandwidthMbps; '' where nothing fits. */
function unitHint(path: ReadonlyArray<PropertyKey>, input: string): string {
  const field = String(path[path.length - 1]);
  // A number with thousands separators ('8,000' devices, '3 000' MB): 'expected number, got "8,000"' said nothing of them.
  if (/^\s*\d{1,3}(?:([,\u00a0 ])\d{3})(?:\1\d{3})*(?:\.\d+)?\s*$/.test(input)) return ` (a number with thousands separators): write ${input.replace(/[,\u00a0 ]/g, '')}`;
  // A change window as clock times ('06:00-14:00', '6 to 14'): the window is its length in hours.
  const clock = /^\s*(\d{1,2})(?::(\d{2}))?\s*(?:-|–|to)\s*(\d{1,2})(?::(\d{2}))?\s*$/i.exec(input);
  if (clock && /Hours$/.test(field)) {
    const [from, to] = [Number(clock[1]) + Number(clock[2] ?? 0) / 60, Number(clock[3]) + Number(clock[4] ?? 0) / 60];
    if (from <= 24 && to <= 24) {
      const hours = Number((to > from ? to - from : to + 24 - from).toFixed(4));
      return ` (a time range): write ${hours}, the hours from ${clock[1]}${clock[2] ? `:${clock[2]}` : ''} to ${clock[3]}${clock[4] ? `:${clock[4]}` : ''}${field === 'windowHours' ? " (a site's start in the rollout is sites[].startHour)" : ''}`;
    }
  }
  // A range where one number goes ('bandwidthMbps: 20-100' for plants whose links differ): one value each; a sweep moves it.
  const range = /^\s*(\d+(?:\.\d+)?)\s*(?:-|–|to|\.\.)\s*(\d+(?:\.\d+)?)\s*$/i.exec(input);
  if (range && UNITS.some((u) => u.field.test(field))) return ` (a range): write one number${path[0] === 'sites' || path[0] === 'groups' ? ` for each of the ${String(path[0])}` : ''}; to see the whole range, sweep --vary "${sweepPath(path)}=${range[1]}..${range[2]}" moves it`;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z/%]+(?:\s+[a-z]+)?)\s*$/i.exec(input);
  if (!m) return '';
  const number = m[1]!;
  const unit = m[2]!.replace(/\s+/g, '');
  if (unit === '%') {
    if (isShare(path)) return ` (a percent): write ${Number((Number(number) / 100).toFixed(6))}, ${shareWord(path)} from 0 to 1`;
    // A group's sites take its devices in the ratio of the weights written (a site left out, none): percents that add up
    // to 100 split them as written, without the sign ('sites: { A: 80%, B: 20% }' read only 'expected number').
    if (isSiteWeight(path)) return ` (a percent): write ${number}, not a percent but a weight beside the group's other sites' (its devices go to the sites it names, in the ratio of their weights: percents that add up to 100 split them as written)`;
    return isWeight(path) ? ` (a percent): ${weightHint(String(path[0]), Number(number))}` : '';
  }
  const units = UNITS.find((u) => u.field.test(field));
  const factor = units?.from[unit.toLowerCase()];
  if (!units || factor === undefined) return '';
  // A size in GB: the field's MB are 1,000,000 bytes, the link's megabits' units; Windows Explorer's GB are GiB.
  const binary = units.unit === 'MB' && /^[gt]b$/i.test(unit) ? ` (1 ${unit} is ${unit.toLowerCase() === 'gb' ? '1000' : '1,000,000'} MB of 1,000,000 bytes; a size Windows Explorer shows as ${number} ${unit.toUpperCase()} is ${number} ${unit.toUpperCase()[0]}iB: write ${Number((Number(number) * UNITS.find((u) => u.unit === 'MB')!.from[`${unit.toLowerCase()[0]}ib`]!).toPrecision(6))})` : '';
  return ` (text with a unit): write ${Number((Number(number) * factor).toPrecision(6))}, ${units.unit.startsWith('per ') ? '' : 'in '}${units.unit} as the field's name says${binary}`;
}

/** Words YAML 1.1 (and a person) reads as yes or no, which YAML 1.2 reads as text: dcLineOfSight: no. */
const BOOLEAN_WORDS: Readonly<Record<string, string>> = { yes: 'true', no: 'false', on: 'true', off: 'false', y: 'true', n: 'false', true: 'true', false: 'false' };

/**
 * A mapping inside a file, in words with its fields: 'lesson.notice[0]: expected object, got "The ESP's ..."' named
 * neither that a mapping was meant nor its fields (at, text). The whole input stays 'object' (a library's argument).
 */
function mappingWords(path: ReadonlyArray<PropertyKey>, root: z.ZodType): string {
  if (path.length === 0) return 'object';
  const fields = Object.keys(unwrapped(schemaAt(path, root))?.shape ?? {});
  if (fields.length === 0) return 'a mapping';
  return `a mapping of ${fields.length > 6 ? `fields such as ${fields.slice(0, 6).join(', ')}` : fields.length === 1 ? `the field ${fields[0]}` : `the fields ${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`}`;
}

/**
 * The hosts the domain notes name for an endpoint group (§5.3): the Autopilot deployment service's, attestation's, NTP's and NCSI's.
 * Entra's and Intune's are Microsoft 365's and Intune's endpoint lists, which the notes do not copy.
 */
const ENDPOINT_HOSTS: ReadonlyArray<readonly [host: string, group: string, service: string]> = [
  ['ztd.dds.microsoft.com', 'autopilot', 'the Autopilot deployment service'],
  ['cs.dds.microsoft.com', 'autopilot', 'the Autopilot deployment service'],
  ['login.live.com', 'autopilot', 'the Autopilot deployment service'],
  ['*.microsoftaik.azure.net', 'tpm-attestation', 'TPM attestation'],
  ['time.windows.com', 'ntp', 'NTP'],
  ['*.msftconnecttest.com', 'ncsi', 'NCSI'],
];

/**
 * A host written in blockedEndpoints, where the list names services: an architect copies what the depot's firewall blocks
 * (ztd.dds.microsoft.com) and read only 'expected one of "autopilot", "entra", …'. A host the notes name is told its
 * group; another, the groups whose hosts the notes name, and entra and intune for theirs.
 */
function hostHint(input: unknown): string {
  if (typeof input !== 'string' || !/^\s*([a-z]+:\/\/)?(\*\.)?[\w-]+(\.[\w-]+)+/i.test(input)) return '';
  const host = input.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[:/].*$/, '');
  const known = ENDPOINT_HOSTS.find(([h]) => (h.startsWith('*.') ? host === h || host === h.slice(2) || host.endsWith(h.slice(1)) : host === h));
  if (known) return `: a host, where the list names services; ${known[0]} is ${known[2]}'s (domain §5.3): write "${known[1]}"`;
  const named = [...new Set(ENDPOINT_HOSTS.map(([, g]) => g))].map((g) => `${ENDPOINT_HOSTS.filter(([, x]) => x === g).map(([h]) => h).join(', ')} for "${g}"`);
  return `: a host, where the list names services; write the service whose host it is (domain §5.3 names ${named.join('; ')}; for Entra's or Intune's hosts, "entra" or "intune")`;
}

function describeIssue(issue: z.core.$ZodIssue, root: z.ZodType): string {
  switch (issue.code) {
    case 'invalid_type': {
      // os.version: 1909 or an app named 2024 is a number to YAML, as tpm: 1.2 is; a count of "300" is text, the reverse.
      const input = 'input' in issue ? issue.input : undefined;
      const hint =
        issue.expected === 'string' && typeof input === 'number' && Number.isFinite(input)
          ? ` (a number): write '${String(input)}' in quotes`
          : (issue.expected === 'number' || issue.expected === 'int') && typeof input === 'string' && input.trim() !== '' && Number.isFinite(Number(input))
            ? ` (text): write ${input.trim()} without quotes`
            : (issue.expected === 'number' || issue.expected === 'int') && typeof input === 'string'
              ? unitHint(issue.path, input)
              : issue.expected === 'boolean' && typeof input === 'string' && BOOLEAN_WORDS[input.trim().toLowerCase()] !== undefined
                ? ` (text): write ${BOOLEAN_WORDS[input.trim().toLowerCase()]}${BOOLEAN_WORDS[input.trim().toLowerCase()] === input.trim().toLowerCase() ? ' without quotes' : ''}`
                : '';
      // 'int' is the schema's word: a count of 12.5 read 'expected int'.
      const what = issue.expected === 'record' ? recordWords(issue.path) : issue.expected === 'array' ? listWords(issue.path, input) : issue.expected === 'int' ? 'a whole number' : issue.expected === 'object' ? mappingWords(issue.path, root) : issue.expected;
      // A required field left out: say so ('groups[0].name: expected string' read as a wrong value).
      return input === undefined ? `missing (expected ${what})` : `expected ${what}, got ${show(input)}${hint}`;
    }
    case 'invalid_value': {
      // A slip is named with the value meant ('self-deploy': did you mean "self-deploying"?; kind: VM, "vm"), every enum alike.
      // The bundled files reset-local and reset-remote name the scenario with its kind: "reset" alone runs a remote reset.
      const kind = issue.path.at(-1) === 'scenario' && typeof issue.input === 'string' ? /^reset-(local|remote)$/i.exec(issue.input.trim())?.[1]?.toLowerCase() : undefined;
      // Azure AD is Microsoft Entra ID's former name: an admin's 'Azure AD joined' (or AAD, azuread) means Entra join.
      const formerName = issue.values.includes('entra') && typeof issue.input === 'string' && !/hybrid/i.test(issue.input) && /\b(azure\s*-?\s*ad|aad)\b/i.test(issue.input);
      const host = issue.path.at(-2) === 'blockedEndpoints' ? hostHint(issue.input) : '';
      const other = typeof issue.input === 'string' ? OTHER_NAMES[issue.input.trim().toLowerCase().replace(/^\./, '').replace(/[\s_-]+/g, '')] : undefined;
      const named = other && issue.values.includes(other.value) ? `: did you mean "${other.value}"? (${other.why})` : '';
      const slip = kind ? `: did you mean "reset", with reset: { kind: ${kind} }?` : formerName ? ': did you mean "entra"? (Azure AD is Microsoft Entra ID\'s former name)' : named || host || slipOf(issue.input, issue.values);
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${'input' in issue ? `, got ${show(issue.input)}${quoteHint(issue.values, issue.input)}${slip}` : ''}`;
    }
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.slice(0, 5).map((k) => show(k)).join(', ')}${issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : ''}`;
    case 'too_small':
      // Text too short: in words ('expected >= 1, got ""' read as a number's bound).
      if (issue.origin === 'string') return `expected ${Number(issue.minimum) === 1 ? 'a non-empty string' : `a string of at least ${issue.minimum} characters`}${'input' in issue ? `, got ${show(issue.input)}` : ''}`;
      // A list too short in words, an empty one said so ('sites: expected at least 1 items' for sites: []).
      if (issue.origin === 'array') return `expected at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}${'input' in issue && Array.isArray(issue.input) && issue.input.length === 0 ? ', got an empty list' : ''}`;
      return `expected ${issue.inclusive ? '>=' : '>'} ${issue.minimum}${'input' in issue && typeof issue.input !== 'object' ? `, got ${show(issue.input)}` : ''}`;
    case 'too_big': {
      // A share written as a percent (share: 15 for 15 %).
      const percent = Number(issue.maximum) === 1 && isShare(issue.path) && typeof issue.input === 'number' && issue.input <= 100 ? ` (${shareWord(issue.path)} from 0 to 1: ${issue.input}% is ${Number((issue.input / 100).toFixed(6))})` : '';
      return `expected ${issue.origin === 'array' ? 'at most' : issue.inclusive ? '<=' : '<'} ${issue.maximum}${issue.origin === 'array' ? ' items' : ''}${'input' in issue && typeof issue.input !== 'object' ? `, got ${show(issue.input)}` : ''}${percent}`;
    }
    case 'invalid_union': {
      // A union of literals (os.windows: 10 or 11) names its values; the other unions are durations.
      const branches = issue.errors ?? [];
      const literals = branches.length > 0 && branches.every((b) => b.length === 1 && b[0]!.code === 'invalid_value' && b[0]!.path.length === 0);
      if (literals) {
        const values = branches.flatMap((b) => (b[0]! as z.core.$ZodIssueInvalidValue).values);
        return `expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}${'input' in issue ? `, got ${show(issue.input)}${slipOf(issue.input, values)}` : ''}`;
      }
      // A duration written with a unit (installMinutes: 45min, "1h") is told the number, as a number field is.
      const given = 'input' in issue && issue.input !== undefined ? `, got ${show(issue.input)}${typeof issue.input === 'string' ? unitHint(issue.path, issue.input) : ''}` : '';
      return `expected minutes as a number, or one of {fixed}, {uniform: [min, max]}, {triangular: [min, mode, max]}, {lognormal: {median, p90}}${given}`;
    }
    case 'invalid_format': {
      // A pattern's own words (the schema's regex message), with the value that broke it: a connector's version of '6.2' read
      // 'a version such as 6.2504.2001.8', naming neither what was expected nor what was given.
      const expected = /^expected /.test(issue.message) ? issue.message : `expected ${issue.message}`;
      return `${expected}${'input' in issue ? `, got ${show(issue.input)}` : ''}`;
    }
    default:
      return issue.message;
  }
}

/** The schema at a path of a file (a list's items, a mapping of names' values), its wrappers taken off; undefined where the path leaves it. */
function schemaAt(path: ReadonlyArray<PropertyKey>, root: z.ZodType): unknown {
  let shape: unknown = root;
  for (const p of path) {
    if (typeof p === 'number') {
      shape = (shape as { element?: unknown } | undefined)?.element ?? (shape as { _zod?: { def?: { element?: unknown } } } | undefined)?._zod?.def?.element;
    } else {
      let s = shape as { shape?: Record<string, unknown>; _zod?: { def?: { innerType?: unknown; type?: string; valueType?: unknown } } };
      while (s && !s.shape && s._zod?.def?.innerType) s = s._zod.def.innerType as typeof s;
      // A mapping of names (a group's vary: {tpm: [...]}): any name leads to its values' schema.
      shape = s?.shape ? s.shape[String(p)] : s?._zod?.def?.type === 'record' ? s._zod.def.valueType : undefined;
    }
    let s = shape as { shape?: unknown; _zod?: { def?: { innerType?: unknown } } };
    while (s && !s.shape && !(s as { element?: unknown }).element && s._zod?.def?.innerType) s = s._zod.def.innerType as typeof s;
    shape = s;
  }
  return shape;
}

/** The known fields at a path: a mapping's fields, or the fixed names of one such as chances: and durations:. */
function fieldsAt(path: ReadonlyArray<PropertyKey>, root: z.ZodType): { shape: unknown; fields: string[] } {
  const shape = schemaAt(path, root);
  // A mapping whose names are fixed (chances:, durations:) names them as an object its fields: 'chances.win32Clash' read 'not a known field here'.
  const keyType = (shape as { _zod?: { def?: { type?: string; keyType?: { options?: unknown[] } } } } | undefined)?._zod?.def;
  const names = keyType?.type === 'record' ? (keyType.keyType?.options ?? []).filter((o): o is string => typeof o === 'string') : [];
  return { shape, fields: names.length ? names : Object.keys((shape as { shape?: Record<string, unknown> })?.shape ?? {}) };
}

/**
 * Several unknown fields of one mapping, each that is a slip of a field told it: '"environmnt": did you mean
 * "environment"?'. 'groups[0]: unknown fields "weigth", "environmnt"' named neither field meant, where one unknown field
 * is told its own. '' where none is a slip.
 */
function slipsOf(keys: readonly string[], path: ReadonlyArray<PropertyKey>, root: z.ZodType): string {
  const { fields } = fieldsAt(path, root);
  const slips = keys.flatMap((key) => {
    const close = key.length > 100 ? undefined : closest(key, fields);
    return close ? [`${show(key)}: did you mean "${close}"?`] : [];
  });
  return slips.length ? ` (${slips.join('; ')})` : '';
}

/**
 * The first segment of a field path (a sweep's `--vary esp.timout=...`) that is no field where it stands, told as a file's
 * unknown field is: 'esp.timout: unknown field (did you mean "timeoutMinutes"?)'. null where each segment is a field, or
 * where the path reaches a list, a value or a mapping of any names, whose keys are not the schema's to judge.
 */
export function unknownFieldIn(path: readonly string[], root: z.ZodType): string | null {
  for (let i = 0; i < path.length; i++) {
    const { fields } = fieldsAt(path.slice(0, i), root);
    if (fields.length === 0) return null;
    if (!fields.includes(path[i]!)) return `${path.slice(0, i + 1).join('.')}: unknown field (${nearest(path[i]!, path.slice(0, i), root)})`;
  }
  return null;
}

/** The known fields at a path, for "unknown field" errors. */
function nearest(key: string, path: ReadonlyArray<PropertyKey>, root: z.ZodType): string {
  const { shape, fields } = fieldsAt(path, root);
  if (fields.length === 0) return 'not a known field here';
  if (key.length > 100) return `expected one of ${fields.join(', ')}`;
  const close = closest(key, fields);
  if (close) return `did you mean "${close}"?`;
  // A field written a level too high (tpm: for hardware.tpm, joinType: for profile.joinType), as one writing from the schema may.
  const under = deeper(key, (shape as { shape?: Record<string, unknown> }).shape ?? {});
  if (under.length) return `did you mean ${under.slice(0, 2).map((u) => `"${u}"`).join(' or ')}?`;
  return `expected one of ${fields.join(', ')}`;
}

/** A zod schema without its optional, default and nullable wrappers. */
function unwrapped(s: unknown): { shape?: Record<string, unknown> } | undefined {
  let x = s as { shape?: unknown; _zod?: { def?: { innerType?: unknown } } } | undefined;
  while (x && !x.shape && x._zod?.def?.innerType) x = x._zod.def.innerType as typeof x;
  return x as { shape?: Record<string, unknown> } | undefined;
}

/** Where `key` is a field of a mapping one or two levels below `shape` (hardware.tpm, environment.hardware.tpm): the paths, shallowest first. */
function deeper(key: string, shape: Record<string, unknown>): string[] {
  const found: string[] = [];
  let level: Array<[string, unknown]> = Object.entries(shape);
  for (let depth = 0; depth < 2 && found.length === 0; depth++) {
    const next: Array<[string, unknown]> = [];
    for (const [path, s] of level) {
      // A fleet's environment pieces are open mappings in its schema, checked as environments once read: look inside as one.
      const fields = unwrapped(s)?.shape ?? (path.endsWith('environment') ? EnvironmentSchema.shape : {});
      for (const [f, inner] of Object.entries(fields)) {
        if (f.toLowerCase() === key.toLowerCase()) found.push(`${path}.${f}`);
        next.push([`${path}.${f}`, inner]);
      }
    }
    level = next;
  }
  return found;
}

function show(v: unknown): string {
  // A number whole: NaN's and Infinity's words (shown) run past 40 characters.
  if (typeof v === 'number') return shown(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v !== null && typeof v === 'object') return 'a mapping';
  if (typeof v === 'string' && v.length > 40) return `${JSON.stringify(v.slice(0, 37))}...`;
  const s = shown(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

const MAX_DEPTH = 200;

/**
 * The most values (mappings, lists, keys and scalars) a YAML file may stand for once its aliases are expanded: a fleet
 * of 1,000 sites merging one anchor is some 10,000; reading 500,000 takes a few seconds.
 */
const MAX_EXPANDED = 500_000;

/**
 * The values a YAML node stands for with every alias expanded, counted without expanding them: an alias counts as the
 * anchor it names (the latest before it, as YAML resolves it). Linear in the document; depth is bounded by MAX_DEPTH.
 */
function expandedValues(root: unknown): number {
  const sizes = new Map<string, number>();
  const size = (node: unknown): number => {
    if (isAlias(node)) return sizes.get(node.source) ?? 1;
    let n = 1;
    if (isMap(node) || isSeq(node)) for (const item of node.items) n += size(item);
    else if (isPair(node)) n = size(node.key) + size(node.value);
    const anchor = isNode(node) ? node.anchor : undefined;
    if (anchor) sizes.set(anchor, n);
    return n;
  };
  return size(root);
}

/** Nesting depth of YAML or JSON text, cheaply over-estimated: indentation, "- - -" runs and open brackets. */
function nestingDepth(text: string): number {
  let max = 0;
  let brackets = 0;
  let quote: string | null = null;
  let lineStart = true;
  let indent = 0;
  let dashes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      dashes = 0;
      continue;
    }
    if (quote) {
      if (c === quote && text[i - 1] !== '\\') quote = null;
      continue;
    }
    if (lineStart && c === ' ') {
      indent++;
      continue;
    }
    if (lineStart && c === '-' && text[i + 1] === ' ') {
      dashes++;
      i++;
      continue;
    }
    lineStart = false;
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') brackets++;
    else if ((c === ']' || c === '}') && brackets > 0) brackets--;
    else if (c === '#') while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    max = Math.max(max, brackets + dashes + Math.floor(indent / 2));
  }
  return max;
}

/** A field path as files name it: devicePreparation.policies[0].apps. */
export function pathText(path: ReadonlyArray<PropertyKey>): string {
  const name = (p: PropertyKey) => (String(p).length > 60 ? `${String(p).slice(0, 57)}...` : String(p));
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${name(p)}`)).join('');
}

/** The line of a field in a parsed file, or of its nearest written parent; undefined for an object given in code. */
export function lineIn(parsed: ParsedText, path: ReadonlyArray<PropertyKey>): number | undefined {
  return lineOf(parsed, path);
}

function lineOf(parsed: ParsedText, path: ReadonlyArray<PropertyKey>): number | undefined {
  // A JSON file is read by JSON.parse; its lines are found only when an error names a field, by reading the text as
  // YAML (which reads JSON as it is), so a wrong field of a JSON file gets its line as a YAML file's does.
  if (!parsed.doc && parsed.json !== undefined && nestingDepth(parsed.json) <= MAX_DEPTH) {
    const doc = parseDocument(parsed.json, { lineCounter: parsed.counter, uniqueKeys: false, logLevel: 'silent' });
    parsed.json = undefined;
    if (!doc.errors.length) parsed.doc = doc;
  }
  const { doc, counter } = parsed;
  if (!doc) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Keys that would change an object's prototype instead of becoming a field: refused wherever they appear. */
const FORBIDDEN_KEYS = new Set(['__proto__']);

/** The first key that appears twice in one mapping, or a forbidden key, anywhere in the document (linear). */
function firstDuplicateKey(root: unknown): { key: string; range: number | undefined; forbidden?: boolean } | null {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (FORBIDDEN_KEYS.has(key)) return { key, range: isNode(pair.key) ? pair.key.range?.[0] : undefined, forbidden: true };
        if (seen.has(key)) return { key: key.length > 60 ? `${key.slice(0, 57)}...` : key, range: isNode(pair.key) ? pair.key.range?.[0] : undefined };
        seen.add(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
  }
  return null;
}

/**
 * The first alias with no anchor of its name above it (a slip, *hospitl for *hospital), in document order, with where it
 * is and the anchors set above it. The parser's own words named neither line nor field, and for a merge key the wrong
 * thing: '<<: *hospitl' read 'expected valid YAML (Merge sources must be maps or map aliases)'.
 */
function firstUnresolvedAlias(root: unknown): { source: string; path: string; range: number | undefined; anchors: string[] } | null {
  const anchors: string[] = [];
  const walk = (node: unknown, path: string): ReturnType<typeof firstUnresolvedAlias> => {
    if (isAlias(node)) return anchors.includes(node.source) ? null : { source: node.source, path, range: node.range?.[0], anchors: [...anchors] };
    if (isNode(node) && node.anchor && !anchors.includes(node.anchor)) anchors.push(node.anchor);
    if (isMap(node)) {
      for (const pair of node.items) {
        const raw = isScalar(pair.key) ? pair.key.value : pair.key;
        const key = String(raw);
        // A merge key (the parser's symbol) and its alias belong to the mapping it merges into: sites[1], not sites[1].<<.
        const found = walk(pair.value, typeof raw === 'symbol' || key === '<<' ? path : path ? `${path}.${key}` : key);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const found = walk(node.items[i], `${path}[${i}]`);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(root, '');
}

/** What an alias with no anchor of its name above it is told: the anchor it is a slip for, or the anchors there are. */
function unresolvedAliasMessage(source: string, anchors: string[]): string {
  const meant = closest(source, anchors);
  const there = anchors.length ? `the anchors above it: ${anchors.map((a) => `&${a}`).join(', ')}` : 'no anchor is set above it';
  return `expected an alias naming an anchor set above it (&name on the first item, *name after), got *${source}${meant ? `: did you mean *${meant}?` : ''} (${there})`;
}

const FORBIDDEN_MESSAGE = 'unknown field (a "__proto__" key is never a field)';

/** The path of the first forbidden key in parsed JSON (JSON.parse keeps "__proto__" as an own key), or null. */
function forbiddenKeyPath(root: unknown): string | null {
  interface Step {
    v: unknown;
    key: PropertyKey | null;
    parent: Step | null;
  }
  const stack: Step[] = [{ v: root, key: null, parent: null }];
  while (stack.length) {
    const step = stack.pop()!;
    const v = step.v;
    if (v === null || typeof v !== 'object') continue;
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(k)) {
        const path: PropertyKey[] = [k];
        for (let s: Step | null = step; s && s.key !== null; s = s.parent) path.unshift(s.key);
        return pathText(path);
      }
      stack.push({ v: (v as Record<string, unknown>)[k], key: Array.isArray(v) ? Number(k) : k, parent: step });
    }
  }
  return null;
}

/** Parse and validate the text of a scenario file. */
/** The fields only a fleet file has: a scenario file is one device's environment. */
const FLEET_KEYS = ['sites', 'groups', 'environment', 'devices', 'rollout', 'sharedWorld', 'goals'];

/** Whether parsed file content is a fleet (it has fleet fields) rather than one scenario. */
export function isFleetData(raw: Record<string, unknown>): boolean {
  return Object.keys(raw).some((k) => FLEET_KEYS.includes(k));
}

/**
 * A scenario file, checked. `bundled`: the names of the bundled files (under scenarios/), where the caller knows them (the
 * command line reads the folder, the studio has them built in): a lesson's `compareWith` that names a file must be one,
 * and one that names a change must be one side by side offers for this run.
 */
export function parseScenario(file: string, text: string, bundled?: readonly string[]): ScenarioFile {
  const parsed = parseText(file, text);
  // simulate, play and the studio given a fleet: say what the file is and where it runs, not which fields are unknown.
  if (isFleetData(parsed.raw)) {
    throw new InputError(file, '', 'expected a scenario file (one device), and this is a fleet file: run it with `autopilot-sim run` (or compare, sweep, recommend); simulate, play and the studio take a scenario file, and `autopilot-sim simulate <file> --device N` replays one of its devices');
  }
  const data = validate(parsed, ScenarioFileSchema, [], ScenarioFileSchema);
  const broken = ruleViolation(data);
  if (broken) throw new InputError(file, pathText(broken.path), broken.message, lineOf(parsed, broken.path));
  const missing = data.lesson?.compareWith ? compareWithProblem(data.lesson.compareWith, data, bundled) : null;
  if (missing) throw new InputError(file, 'lesson.compareWith', missing, lineOf(parsed, ['lesson', 'compareWith']));
  // A suggested fault the studio does not know was shown by its id on the lesson's card, and offered nowhere.
  const suggested = data.lesson?.suggestedFaults ?? [];
  const unknown = suggested.findIndex((id) => !(FAULT_IDS as readonly string[]).includes(id));
  if (unknown >= 0) {
    const id = suggested[unknown]!;
    const near = closest(id, FAULT_IDS);
    throw new InputError(file, `lesson.suggestedFaults[${unknown}]`, `expected a fault's id, as the studio's fault panel and \`play\`'s f offer them (such as ${FAULT_IDS.slice(0, 3).join(', ')}), got ${shown(id)}${near ? `: did you mean ${near}?` : ''}`, lineOf(parsed, ['lesson', 'suggestedFaults', unknown]));
  }
  // A note's state resolved to its full path once, here: the presenter's view and play compare the run's states with it.
  for (const [i, note] of (data.lesson?.notice ?? []).entries()) {
    const at = noticeState(data.scenario, note.at);
    if ('problem' in at) throw new InputError(file, `lesson.notice[${i}].at`, at.problem, lineOf(parsed, ['lesson', 'notice', i, 'at']));
    note.at = at.path;
  }
  return data;
}

export interface ParsedText {
  file: string;
  raw: Record<string, unknown>;
  doc: Document | undefined;
  counter: LineCounter;
  /** A JSON file's text, until a line is looked up in it (then read into `doc`). */
  json?: string | undefined;
}

/**
 * Reads a file named by `include:`: `path` as written, resolved against the including file `from`;
 * returns the name for messages and the text. The Node file layer (files.ts) sets it; where it is
 * unset (the browser), `include:` is an error.
 */
export type IncludeReader = (from: string, path: string) => { name: string; text: string };
let includeReader: IncludeReader | null = null;
export function setIncludeReader(reader: IncludeReader | null): void {
  includeReader = reader;
}
const MAX_INCLUDES = 8;

/**
 * `include: file` (or a list of files) in a mapping: each file's fields are merged under the
 * mapping's own (src/environment/merge.ts: the including file's fields win; lists replace).
 * Meant for environment overlays (such as `calibrate --overlay`): at the top of a scenario file,
 * under a fleet's `environment:`, a site's or a group's. At the top of a fleet file it applies to
 * the fleet's `environment:`. Paths are relative to the including file.
 */
function resolveIncludes(file: string, raw: Record<string, unknown>, chain: readonly string[], lineAt: (path: PropertyKey[]) => number | undefined): Record<string, unknown> {
  // A fleet's top-level include, moved under its environment below, is named where the file writes it.
  let topInclude = false;
  const visit = (node: unknown, at: PropertyKey[]): unknown => {
    if (Array.isArray(node)) return node.map((v, i) => visit(v, [...at, i]));
    if (node === null || typeof node !== 'object') return node;
    let m = node as Record<string, unknown>;
    if ('include' in m) {
      const { include, ...own } = m;
      const written = topInclude && at.length === 1 && at[0] === 'environment' ? ['include'] : [...at, 'include'];
      const where = pathText(written);
      const line = lineAt(written);
      const paths = typeof include === 'string' ? [include] : Array.isArray(include) && include.length > 0 && include.every((x) => typeof x === 'string' && x !== '') ? (include as string[]) : null;
      if (!paths || paths.includes('')) throw new InputError(file, where, 'expected a file name or a list of file names', line);
      if (!includeReader) throw new InputError(file, where, 'include is read from files, which this reader cannot open', line);
      if (chain.length >= MAX_INCLUDES) throw new InputError(file, where, `expected includes at most ${MAX_INCLUDES} deep`, line);
      let base: Record<string, unknown> = {};
      for (const p of paths) {
        let name: string;
        let text: string;
        try {
          ({ name, text } = includeReader(file, p));
        } catch (e) {
          // The included file unreadable: named from the including file's field.
          if (e instanceof InputError && !e.field) throw new InputError(file, where, `expected a readable file, "${p}": ${e.expected.replace(/ \(give a path.*\)$/, '')}`, line);
          throw e;
        }
        if (chain.includes(name) || name === file) throw new InputError(file, where, `"${p}" includes itself (through ${[...chain, file].join(' -> ')})`, line);
        const included = parseTextIn(name, text, [...chain, file]);
        // A fleet file named as an overlay (an architect's other fleet, to share its environment): its own fields were
        // 'unknown fields "name", "description", "environment", ...', with no word that an overlay is an environment.
        if (isFleetData(included.raw)) {
          throw new InputError(file, where, `expected an environment overlay (scenario-file fields such as esp, hardware, apps), got a fleet file, "${p}" (${Object.keys(included.raw).filter((k) => FLEET_KEYS.includes(k)).join(', ')}): move what both share into an overlay and include it from each`, line);
        }
        // An overlay is an environment piece: checked on its own, so an error names its file and line.
        validate(included, EnvironmentSchema, []);
        base = merge(base, included.raw);
      }
      m = merge(base, own);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(m)) out[k] = visit(v, [...at, k]);
    return out;
  };
  // A fleet's top-level include is its environment's: in any file with a fleet's fields, as isFleetData tells them (a
  // fleet with devices: or rollout: and no groups read the overlay's fields as its own, 'esp: unknown field' at line 1).
  if ('include' in raw && isFleetData(raw)) {
    const { include, ...rest } = raw;
    const environment = (rest.environment as Record<string, unknown> | undefined) ?? {};
    // Beside an include of the environment's own, both apply, the environment's last (its fields win); the top one was
    // dropped without a word.
    if ('include' in environment) {
      const list = (x: unknown) => (Array.isArray(x) ? x : [x]);
      raw = { ...rest, environment: { ...environment, include: [...list(include), ...list(environment.include)] } };
    } else {
      topInclude = true;
      raw = { ...rest, environment: { include, ...environment } };
    }
  }
  return visit(raw, []) as Record<string, unknown>;
}

/**
 * Invalid JSON, with the line it is on (JSON.parse gives a character position) and, for a comment, the way to
 * have one: JSON has none, YAML does (and reads every JSON file as it is).
 */
function jsonError(file: string, text: string, message: string): InputError {
  const at = /at position (\d+)/.exec(message);
  const position = at ? Number(at[1]) : -1;
  const line = position >= 0 ? text.slice(0, position).split('\n').length : undefined;
  const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
  const hint = position >= 0 && /^\/[/*]/.test(text.slice(position, position + 2)) ? ': JSON has no comments; write the file as YAML (.yaml, comments start with #), which also reads JSON as it is' : '';
  return new InputError(file, '', `expected valid JSON (${reason})${hint}`, line);
}

/** YAML or JSON text -> a plain mapping, or an InputError. */
export function parseText(file: string, text: string): ParsedText {
  return parseTextIn(file, text, []);
}

function parseTextIn(file: string, text: string, chain: readonly string[]): ParsedText {
  const counter = new LineCounter();
  let doc: Document | undefined;
  let raw: unknown;
  if (/\.json$/i.test(file)) {
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw jsonError(file, text, (e as Error).message);
    }
  } else {
    // The YAML parser recurses: refuse absurd nesting before it runs out of stack.
    if (nestingDepth(text) > MAX_DEPTH) throw new InputError(file, '', `expected nesting at most ${MAX_DEPTH} levels deep`);
    // Duplicate keys are checked below in one pass (the parser's own check is quadratic in the number of keys).
    // Merge keys (`<<: *base`), YAML 1.1's way to share a mapping, which fleet files of many groups and sites use; refused
    // before as 'unknown field "<<"'. Aliases stay bounded by maxAliasCount below.
    // logLevel 'error': a mapping or a list as a key is reported below as an unknown field by its text; the parser's own
    // warning about it (a Node process warning on standard error) said nothing a user could act on.
    doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false, merge: true, logLevel: 'error' });
    const err = doc.errors[0];
    if (err) {
      const line = err.linePos?.[0]?.line;
      throw new InputError(file, '', `expected valid YAML (${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')})`, line);
    }
    // Both read the document as JavaScript (a key's text too), where the parser's own checks throw: a merge key whose
    // source is not a mapping ('? <<:'), an alias that expands too far. Each is the file's mistake.
    const yamlError = (e: unknown) => new InputError(file, '', `expected valid YAML (${(e as Error).message.split('\n')[0]})`);
    let duplicate: ReturnType<typeof firstDuplicateKey>;
    try {
      duplicate = firstDuplicateKey(doc.contents);
    } catch (e) {
      throw yamlError(e);
    }
    if (duplicate) throw new InputError(file, duplicate.key, duplicate.forbidden ? FORBIDDEN_MESSAGE : 'expected each key once (it appears twice in one mapping)', duplicate.range ? counter.linePos(duplicate.range).line : undefined);
    const unresolved = firstUnresolvedAlias(doc.contents);
    if (unresolved) throw new InputError(file, unresolved.path, unresolvedAliasMessage(unresolved.source, unresolved.anchors), unresolved.range !== undefined ? counter.linePos(unresolved.range).line : undefined);
    // Aliases are bounded by what they expand to (expandedValues), not by how often an anchor is used: the parser's own
    // count stopped at 100 uses, in its words ('Excessive alias count indicates a resource exhaustion attack'), a fleet
    // of 200 stores that each merge one anchor (<<: *store), and let 99 merges of a 30,000-key mapping through (16 s).
    const expanded = expandedValues(doc.contents);
    if (expanded > MAX_EXPANDED) {
      throw new InputError(file, '', `expected at most ${MAX_EXPANDED.toLocaleString('en-US')} values with its aliases expanded, got ${expanded > 1e9 ? 'over 1,000,000,000' : Math.round(expanded).toLocaleString('en-US')} (a large anchor used many times, or an alias bomb)`);
    }
    try {
      raw = doc.toJS({ maxAliasCount: -1 });
    } catch (e) {
      throw yamlError(e);
    }
  }
  if (doc === undefined) {
    const at = forbiddenKeyPath(raw);
    if (at) throw new InputError(file, at, FORBIDDEN_MESSAGE);
  }
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(file, '', `expected a mapping of fields (such as "scenario: user-driven"), got ${Array.isArray(raw) ? 'a list' : show(raw)}`);
  }
  const parsed: ParsedText = { file, raw: raw as Record<string, unknown>, doc, counter, ...(doc ? {} : { json: text }) };
  if (/\binclude\b/.test(text)) parsed.raw = resolveIncludes(file, parsed.raw, chain, (path) => lineOf(parsed, path));
  return parsed;
}

/**
 * The issue to report: the first, except that a whole number's safe-integer bound
 * (9007199254740991, checked by .int()) gives way to the field's own limit when both fail.
 */
function firstIssue(issues: z.core.$ZodIssue[]): z.core.$ZodIssue {
  const first = issues[0]!;
  // A required field misspelt ({ nme: A }) is both missing and unknown: the unknown one says 'did you mean "name"?'
  // (it read 'groups[0].name: missing', the typo unnamed).
  if (first.code === 'invalid_type' && ('input' in first ? first.input : undefined) === undefined && first.path.length > 0) {
    const name = String(first.path[first.path.length - 1]);
    const parent = first.path.slice(0, -1).join('.');
    const typo = issues.find((i) => i.code === 'unrecognized_keys' && i.keys.length === 1 && i.path.join('.') === parent && closest(i.keys[0]!, [name]) === name);
    if (typo) return typo;
  }
  if (first.code === 'too_big' && Number(first.maximum) >= Number.MAX_SAFE_INTEGER) {
    const own = issues.find((i) => i !== first && i.code === 'too_big' && i.path.join('.') === first.path.join('.'));
    if (own) return own;
  }
  return first;
}

/**
 * Validate `value` (found at `at` in the parsed file) against a schema; the first issue
 * becomes an InputError naming the file, the full field path and what was expected.
 * `shapeRoot` is the schema whose fields "did you mean" suggestions come from.
 */
export function validate<S extends z.ZodType>(parsed: ParsedText, schema: S, at: PropertyKey[], shapeRoot: z.ZodType = schema, value: unknown = parsed.raw): z.infer<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues;
  const first = firstIssue(issues);
  const error = issueError(parsed, first, at, shapeRoot);
  // Every other field that is wrong too (up to MORE_PROBLEMS), for `validate`, which lists them (a command stops at the first).
  const seen = new Set([error.message, pathText(first.path)]);
  for (const issue of issues) {
    if (error.others.length >= MORE_PROBLEMS) break;
    if (issue === first || seen.has(pathText(issue.path))) continue;
    const other = issueError(parsed, issue, at, shapeRoot);
    if (seen.has(other.message)) continue;
    seen.add(other.message).add(pathText(issue.path));
    error.others.push(other);
  }
  throw error;
}

/** How many more problems than the first validation describes: a file of thousands of wrong fields is not read thousands of times over. */
const MORE_PROBLEMS = 19;

function issueError(parsed: ParsedText, issue: z.core.$ZodIssue, at: PropertyKey[], shapeRoot: z.ZodType): InputError {
  const single = issue.code === 'unrecognized_keys' && issue.keys.length === 1;
  const inner = single ? [...issue.path, issue.keys[0]!] : issue.path;
  const path = [...at, ...inner];
  // A number's thousands separator inside { } ('{ name: CAD, sizeMb: 3,000 }'): YAML ends the value at the comma and
  // reads '000' as a field of its own, which was told only the fields expected there.
  const separator = single && /^\d+$/.test(String(issue.keys[0])) && !/\.json$/i.test(parsed.file) ? ': a comma inside { } ends a value, so 3,000 reads as 3 and a field "000": write the number without its comma' : '';
  const said = single ? `unknown field (${nearest(issue.keys[0]!, issue.path, shapeRoot)})${separator}` : `${describeIssue(issue, shapeRoot)}${issue.code === 'unrecognized_keys' ? slipsOf(issue.keys, issue.path, shapeRoot) : ''}`;
  // JSON quotes text in double quotes: a JSON file's "tpm": 1.2 was told to write '1.2', which JSON does not read.
  const expected = /\.json$/i.test(parsed.file) ? said.replace(/write '([^']*)' in quotes/, 'write "$1" in quotes') : said;
  return new InputError(parsed.file, pathText(path), expected, lineOf(parsed, path));
}

/** The environment part of a scenario file (no name, description, expectation). */
export function environmentOf(s: ScenarioFile): Environment {
  const { $schema: _j, name: _n, description: _d, references: _r, seed: _s, expect: _e, lesson: _l, ...env } = s;
  return env;
}

/** A healthy environment, with overrides merged in (for tests and the library API). */
export function defaultEnvironment(overrides: unknown = {}): Environment {
  // From code (the library's simulate(defaultEnvironment({...}))): a wrong field is an InputError naming it, as a file's is, not a ZodError's JSON.
  return validate({ file: 'environment', raw: overrides as Record<string, unknown>, doc: undefined, counter: undefined as never }, EnvironmentSchema, []);
}

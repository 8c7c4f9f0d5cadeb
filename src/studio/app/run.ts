// Runs as data: building sessions, the run file as a link, importing a file safely
// (size first, then JSON, then the schema: a run is data only, nothing in it is executed).
import { z } from 'zod';
import { RunFileSchema, Session, type RunFile } from '../../engine/session.ts';
import { EnvironmentSchema, ruleViolation, type EnvironmentInput, type ScenarioFile } from '../../environment/schema.ts';
import { InputError, isFleetData, parseScenario, parseText, pathText } from '../../environment/load.ts';

export const MAX_IMPORT_BYTES = 256 * 1024;

/** A lesson as its scenario file gives it: the `lesson:` block and the hidden ending, `expect:`. */
export interface Taught {
  lesson: NonNullable<ScenarioFile['lesson']>;
  expect?: ScenarioFile['expect'];
}

/**
 * A run in the studio, with the lesson it teaches, if any: its file (the address, a shared link, the presenter's view,
 * an exported run) carries the lesson, so a trainer's own lesson, opened from its file, shows its Lesson tab, opening,
 * notes and hidden ending wherever the run goes, as a lesson built into the studio does. Before, the run file carried
 * the environment, seed and faults only, and the studio knew the lessons built into it and no other.
 */
export class StudioSession extends Session {
  constructor(input: EnvironmentInput, seed: number, faults: Array<{ step: number; fault: string }> = [], name?: string, readonly taught?: Taught) {
    super(input, seed, faults, name);
  }

  override toFile(): RunFile {
    const file = super.toFile();
    return this.taught ? { ...file, lesson: this.taught.lesson, ...(this.taught.expect ? { expect: this.taught.expect } : {}) } : file;
  }
}

export class RunImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunImportError';
  }
}

/** What the studio says of a run it could not open: a RunImportError's words, anything else as unexpected. */
export function errorText(e: unknown): string {
  return e instanceof RunImportError ? e.message : `Unexpected error: ${(e as Error)?.message ?? String(e)}`;
}

/** Virtual milliseconds as a clock: 0:33:39, or 2d 01:05:00 past a day. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return d > 0 ? `${d}d ${two(h)}:${two(m)}:${two(s)}` : `${h}:${two(m)}:${two(s)}`;
}

/**
 * Minutes as words: 34 min, 2 h 05 min, 2 d 1 h; rounded before they are split (119.6 is 2 h 00 min, not 1 h 60 min).
 * Some time that rounds to none is under a minute: a run that stops at its first step (no internet) ended '0 min after
 * power on' beside a clock at 0:00:27.
 */
export function formatMinutes(min: number): string {
  const m = Math.round(min);
  if (m === 0 && min > 0) return 'under 1 min';
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
  const h = Math.round(min / 60);
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

const utf8 = new TextEncoder();

export function toBase64Url(text: string): string {
  const bytes = utf8.encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new RunImportError('The link is damaged: it holds characters a run link never has.');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new RunImportError('The link is damaged: it is not valid base64url.');
  }
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RunImportError('The link is damaged: its contents are not UTF-8 text.');
  }
}

/** The hash part of a link that reproduces a run. */
export function shareHash(file: RunFile): string {
  return `#run=${toBase64Url(JSON.stringify(file))}`;
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(the whole file)';
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message;
}

/**
 * Files a trainer may take for a run, told apart by their shape so that the error says what the file is and
 * where it opens, not which of a run file's fields it lacks. A fleet's device (`simulate <fleet> --device N
 * --json`) waited in its site's link and the connector's queues with the rest of the fleet; the studio runs one
 * device alone, so it would show that device another ending: it says so and sends the trainer to the terminal.
 */
function notARun(data: unknown, what: string): RunImportError | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const o = data as Record<string, unknown>;
  if ('trace' in o && 'outcome' in o && typeof o.device === 'object' && o.device !== null) {
    const d = o.device as Record<string, unknown>;
    const n = Number.isInteger(d.index) ? String(d.index) : 'N';
    const options = `${Number.isInteger(d.devices) ? ` --devices ${String(d.devices)}` : ''}${Number.isInteger(d.seed) ? ` --seed ${String(d.seed)}` : ''}`;
    const where = [typeof d.group === 'string' ? `group ${d.group}` : '', typeof d.site === 'string' ? `site ${d.site}` : ''].filter(Boolean).join(', ');
    return new RunImportError(
      `${what} is device ${n}${Number.isInteger(d.devices) ? ` of ${String(d.devices)}` : ''} of a fleet${where ? ` (${where})` : ''}, replayed by \`autopilot-sim simulate <fleet> --device ${n} --json\`. ` +
        "The studio cannot replay it: that device shared its site's link and the connector with the rest of the fleet, and the studio runs one device alone, so it would show another ending. " +
        `Replay it step by step in a terminal: autopilot-sim simulate <fleet> --device ${n}${options}`,
    );
  }
  if ('trace' in o && 'outcome' in o) {
    return new RunImportError(`${what} is the output of \`autopilot-sim simulate --json\`, not a run file: open its scenario file with \`autopilot-sim studio <file>\`, or import a run the studio exported.`);
  }
  if (o.format !== 'autopilot-sim-run' && isFleetData(o)) {
    return new RunImportError(`${what} is a fleet file: the studio runs one device at a time. Run the fleet with \`autopilot-sim run\`, and follow one of its devices with \`autopilot-sim simulate <fleet> --device N\`.`);
  }
  return null;
}

/** A run file (already JSON-parsed) -> a session, or a RunImportError naming the field. */
export function sessionFromData(data: unknown, what: string): StudioSession {
  const other = notARun(data, what);
  if (other) throw other;
  const size = JSON.stringify(data)?.length ?? 0;
  if (size > MAX_IMPORT_BYTES) throw new RunImportError(`${what} is ${Math.round(size / 1024)} KB; a run file is at most ${MAX_IMPORT_BYTES / 1024} KB.`);
  const file = RunFileSchema.safeParse(data);
  if (!file.success) {
    const issue = file.error.issues[0]!;
    throw new RunImportError(`${what} is not a valid run file: field "${fieldPath(issue.path)}": ${issueText(issue)}.`);
  }
  const env = EnvironmentSchema.safeParse(file.data.environment);
  if (!env.success) {
    const issue = env.error.issues[0]!;
    throw new RunImportError(`${what} is not a valid run file: field "environment.${fieldPath(issue.path)}": ${issueText(issue)}.`);
  }
  const broken = ruleViolation(env.data);
  if (broken) throw new RunImportError(`${what} is not a valid run file: field "environment.${pathText(broken.path)}": ${broken.message}.`);
  const taught = file.data.lesson ? lessonOfRun(file.data, what) : undefined;
  try {
    const s = new StudioSession(file.data.environment as EnvironmentInput, file.data.seed, file.data.faults, file.data.name, taught);
    s.seek(file.data.cursor);
    return s;
  } catch (e) {
    if (e instanceof z.ZodError) {
      const issue = e.issues[0]!;
      throw new RunImportError(`${what} is not a valid run file: field "${fieldPath(issue.path)}": ${issueText(issue)}.`);
    }
    throw new RunImportError(`${what} cannot be replayed: ${(e as Error).message}.`);
  }
}

/**
 * The lesson a run file carries, checked as its scenario file was (the same checks and words as a built-in lesson's:
 * a fault's id, a note's state, what side by side compares with), or a RunImportError naming the field.
 */
function lessonOfRun(file: RunFile, what: string): Taught {
  const scenario = { ...file.environment, ...(file.name ? { name: file.name } : {}), seed: file.seed, lesson: file.lesson, ...(file.expect ? { expect: file.expect } : {}) };
  try {
    const parsed = parseScenario(what, JSON.stringify(scenario));
    return { lesson: parsed.lesson!, ...(parsed.expect ? { expect: parsed.expect } : {}) };
  } catch (e) {
    if (e instanceof InputError) throw new RunImportError(`${what} is not a valid run file: field "${e.field}": ${e.expected}${/[.?]$/.test(e.expected) ? '' : '.'}`);
    throw e;
  }
}

/** What a scenario file holds beside its environment: what the run is called and how it should end. */
const SCENARIO_META = ['$schema', 'name', 'description', 'references', 'seed', 'expect', 'lesson'];

/**
 * A scenario file (YAML or JSON, as `validate` reads it) -> a session at its seed, named by its name or its file's: the
 * environment as written, as a share link carries it. `autopilot-sim studio <file>` opens one this way too.
 */
export function sessionFromScenario(name: string, text: string): StudioSession {
  const scenario = parseScenario(name, text);
  const environment = Object.fromEntries(Object.entries(parseText(name, text).raw).filter(([k]) => !SCENARIO_META.includes(k)));
  // A lesson carries its lesson block and its hidden ending, for the studio to show wherever the run goes.
  const taught = scenario.lesson ? { lesson: scenario.lesson, ...(scenario.expect ? { expect: scenario.expect } : {}) } : undefined;
  return new StudioSession(environment as EnvironmentInput, scenario.seed ?? 1, [], scenario.name ?? name.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, ''), taught);
}

/**
 * The text of an imported file -> a session: a run the studio exported, or a scenario file (a trainer's copy of a
 * lesson with one line changed was refused as "not JSON … Export a run from the studio").
 */
export function sessionFromText(text: string, what: string, name = 'file.json'): StudioSession {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    if (/\.ya?ml$/i.test(name)) return scenarioSession(name, text, what);
    throw new RunImportError(`${what} is not JSON (${(e as Error).message}). Export a run from the studio to get a file it can open, or import a scenario file (.yaml).`);
  }
  // A scenario file written in JSON: an environment at its top, no run's format.
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && !('format' in data) && 'scenario' in data && !isFleetData(data)) return scenarioSession(name, text, what);
  return sessionFromData(data, what);
}

function scenarioSession(name: string, text: string, what: string): StudioSession {
  try {
    return sessionFromScenario(name, text);
  } catch (e) {
    if (e instanceof InputError) throw new RunImportError(`${what} is not a scenario file the studio can run: ${e.message}`);
    throw e;
  }
}

/** A File from an <input type=file>: refused above 256 KB before it is even read. */
export async function sessionFromFile(file: File): Promise<StudioSession> {
  if (file.size > MAX_IMPORT_BYTES) {
    throw new RunImportError(`"${file.name}" is ${Math.round(file.size / 1024)} KB; a run file is at most ${MAX_IMPORT_BYTES / 1024} KB.`);
  }
  return sessionFromText(await file.text(), `"${file.name}"`, file.name);
}

/** Presenter mode as an address says it: the chart hidden, shown large, or not presenting (null). */
export type PresenterMode = 'hidden' | 'large' | null;

/**
 * An address's run (#scenario=<path>, #run=<file>) and its presenter mode after it (`&presenter`, the chart hidden;
 * `&presenter=chart`, the chart large), so that a reload or a shared link opens presenter mode as it does the run.
 * `#presenter` alone: the default run, presenting.
 */
export function splitAddress(hash: string): { run: string; presenter: PresenterMode } {
  const m = /^(.*?)(?:&|^#)presenter(=chart)?$/.exec(hash);
  return m ? { run: m[1]!, presenter: m[2] ? 'large' : 'hidden' } : { run: hash, presenter: null };
}

/** What follows a run's address for a presenter mode (splitAddress reads it back). */
export function presenterSuffix(mode: PresenterMode): string {
  return mode === null ? '' : mode === 'large' ? '&presenter=chart' : '&presenter';
}

/** A location hash (#run=...) -> a session, null when the hash holds no run. */
export function sessionFromHash(hash: string): StudioSession | null {
  const m = /^#run=(.*)$/.exec(hash);
  if (!m) return null;
  if (m[1]!.length > (MAX_IMPORT_BYTES * 4) / 3 + 4) throw new RunImportError(`The link holds more than ${MAX_IMPORT_BYTES / 1024} KB; a run link is smaller.`);
  return sessionFromText(fromBase64Url(m[1]!), 'The link');
}

/** Deep merge of plain objects (arrays and scalars replace). */
export function merge<T>(base: T, over: unknown): T {
  if (over === undefined) return base;
  if (typeof base !== 'object' || base === null || Array.isArray(base) || typeof over !== 'object' || over === null || Array.isArray(over)) return over as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) out[k] = merge(out[k], v);
  return out as T;
}

/** The switches a trainer can set without writing a file. */
export interface Switches {
  scenario: 'user-driven' | 'pre-provisioned' | 'self-deploying' | 'existing-devices' | 'reset' | 'device-preparation';
  /** Device preparation only: user-driven, or Windows 365 automatic mode (domain §7). */
  devicePreparationMode: 'user-driven' | 'automatic';
  joinType: 'entra' | 'hybrid';
  hardware: 'physical' | 'vm';
  tpm: 'none' | '1.2' | '2.0';
  dcLineOfSight: boolean;
  vpn: 'none' | 'always-on' | 'win32-logon';
  skipAdCheck: boolean;
  espTimeout: number;
  /** Device preparation's one timer, "Minutes allowed before showing installation error" (15-720, domain §7). */
  policyTimeout: number;
  allowReset: boolean;
  /** The error page's Continue anyway: the ESP's "Allow users to use device", or device preparation's "Allow users to skip setup after multiple attempts". */
  allowContinue: boolean;
  onError: 'give-up' | 'retry' | 'reset' | 'continue';
  seed: number;
}

export const DEFAULT_SWITCHES: Switches = {
  scenario: 'user-driven',
  devicePreparationMode: 'user-driven',
  joinType: 'entra',
  hardware: 'physical',
  tpm: '2.0',
  dcLineOfSight: true,
  vpn: 'none',
  skipAdCheck: false,
  espTimeout: 60,
  policyTimeout: 60,
  allowReset: false,
  allowContinue: false,
  onError: 'give-up',
  seed: 1,
};

export function hybridAllowed(scenario: Switches['scenario']): boolean {
  return scenario !== 'self-deploying' && scenario !== 'reset' && scenario !== 'device-preparation';
}

/** What a person can do at the error page: device preparation's page has Retry and Continue anyway, no reset (domain §7). */
export function onErrorChoices(scenario: Switches['scenario']): Array<Switches['onError']> {
  return scenario === 'device-preparation' ? ['give-up', 'retry', 'continue'] : ['give-up', 'retry', 'reset', 'continue'];
}

/**
 * Device preparation (domain §7): an unregistered device, so classic Autopilot does not take it (registration wins,
 * coexistence), and one policy targeting the user's group that installs the tenant's device-targeted apps. Its own
 * timer and its skip setting stand for the ESP's; a Cloud PC in automatic mode has no one at it.
 */
function devicePreparationEnvironment(s: Switches): EnvironmentInput {
  const automatic = s.devicePreparationMode === 'automatic';
  return {
    scenario: 'device-preparation',
    registration: { registered: false },
    // A Cloud PC's hardware is Windows 365's (as scenarios/device-preparation-windows-365.yaml leaves it).
    ...(automatic ? {} : { hardware: { kind: s.hardware, tpm: s.tpm, ...(s.hardware === 'vm' ? { vCpus: 2, memoryGb: 4 } : {}) } }),
    devicePreparation: {
      mode: s.devicePreparationMode,
      policies: [{ name: automatic ? 'Cloud PCs' : 'Device preparation', timeoutMinutes: s.policyTimeout, allowSkip: s.allowContinue }],
    },
    people: { onError: s.onError === 'reset' ? 'give-up' : s.onError },
  };
}

/** Switches -> the environment they describe (everything else keeps its default). */
export function environmentFromSwitches(s: Switches): EnvironmentInput {
  if (s.scenario === 'device-preparation') return devicePreparationEnvironment(s);
  const joinType = hybridAllowed(s.scenario) ? s.joinType : 'entra';
  const env: EnvironmentInput = {
    scenario: s.scenario,
    hardware: { kind: s.hardware, tpm: s.tpm, ...(s.hardware === 'vm' ? { vCpus: 2, memoryGb: 4 } : {}) },
    profile: {
      joinType,
      ...(s.scenario === 'pre-provisioned' ? { allowPreProvisioning: true } : {}),
      ...(joinType === 'hybrid' && s.skipAdCheck ? { skipAdConnectivityCheck: true } : {}),
    },
    hybrid: { dcLineOfSight: s.dcLineOfSight, vpn: s.vpn },
    esp: { timeoutMinutes: s.espTimeout, allowReset: s.allowReset, allowContinueAnyway: s.allowContinue },
    people: { onError: s.onError, ...(s.scenario === 'reset' ? { localResetAllowed: true } : {}) },
  };
  if (s.scenario === 'existing-devices') env.existingDevices = { jsonProfile: { joinType } };
  return env;
}

export function describeSwitches(s: Switches): string {
  if (s.scenario === 'device-preparation') {
    if (s.devicePreparationMode === 'automatic') return `device-preparation, automatic (Windows 365), policy ${s.policyTimeout} min`;
    return `device-preparation, user-driven, ${s.hardware === 'vm' ? 'VM' : 'physical'}, TPM ${s.tpm}, policy ${s.policyTimeout} min`;
  }
  const parts: string[] = [s.scenario, hybridAllowed(s.scenario) ? s.joinType : 'entra', s.hardware === 'vm' ? 'VM' : 'physical', `TPM ${s.tpm}`];
  if (hybridAllowed(s.scenario) && s.joinType === 'hybrid') parts.push(s.dcLineOfSight ? 'DC reachable' : 'no DC', s.vpn === 'none' ? 'no VPN' : `VPN ${s.vpn}`);
  parts.push(`ESP ${s.espTimeout} min`);
  return parts.join(', ');
}

// The library API: what the command line does, for architects who script their questions.
import { fileURLToPath } from 'node:url';
import { simulate as simulateParsed, type Outcome, type Simulation as EngineSimulation, type SimulateOptions as EngineSimulateOptions, type TraceEntry } from './engine/simulate.ts';
import { defaultEnvironment as defaultEnvironmentOf, environmentOf as environmentOfFile, InputError, parseScenario as parseScenarioText, validate } from './environment/load.ts';
import { EnvironmentSchema, SCENARIOS, type Environment as ParsedEnvironment, type EnvironmentInput as WrittenEnvironment, type Scenario as ScenarioId, type ScenarioFile as ParsedScenarioFile } from './environment/schema.ts';
import { MAX_RUN_FILE, RunFileSchema, Session as EngineSession, type RunFile as EngineRunFile } from './engine/session.ts';
import type { Fault } from './world/failure-modes.ts';
import { runLive as runLiveParsed, type LiveResult as LiveResultOf } from './engine/live.ts';
import type { CalibrationReport as CalibrationReportOf } from './calibrate/report.ts';
import { deriveTable as deriveTableWith, type DeriveOptions, type DerivedCell as DerivedCellOf } from './capabilities/derive.ts';
import { CSV_HEADER as CSV_HEADER_OF, executorFor, loadFleet as loadFleetFile, replayFleetDevice as replayWith, runFleet as runFleetWith, type FleetReport as FleetReportOf, type ReplayedDevice as ReplayedDeviceOf, type RunFleetOptions as FleetRunOptions } from './fleet/index.ts';
import { compareFleets as compareWith, parseSweep as parseSweepOf, sweepFleet as sweepWith, type CompareSide as CompareSideOf, type SweepSpec as SweepSpecOf } from './fleet/analysis.ts';
import { scenarioOverride as overrideFor } from './fleet/scenarios.ts';
import type { CompareResult as CompareResultOf, SweepResult as SweepResultOf, SweepRow as SweepRowOf } from './fleet/analysis-types.ts';
import { stoppedBy, type Executor } from './fleet/run.ts';
import { fleetOf, MAX_DEVICES } from './fleet/load.ts';
import type { Fleet as ParsedFleet, FleetInput as WrittenFleet } from './fleet/schema.ts';
import type { Recommendation as RecommendationOf } from './recommend/index.ts';
import { CAPABILITIES as CAPABILITY_ROWS, MICROSOFT as MICROSOFT_TABLE } from './capabilities/table.ts';
import { catalog as errorCatalog, lookup as lookupCode, type CatalogEntry as CatalogEntryOf } from './catalog/errors.ts';
import { machines as scenarioMachines } from '../machines/index.ts';
import { shown } from './format.ts';
import { closest, meant, slipOf } from './environment/spelling.ts';
import type { AnyStateMachine, InspectionEvent, Observer } from 'xstate';

// The two globals the declarations name that ES2022 lacks: loadFleet's and calibrate's file: URL, and a run's `signal`
// (zod's declarations, which ours import, name URL too). Node has both at run time, and a TypeScript project has them
// from @types/node or the DOM library; one with `"lib": ["ES2022"]` and neither type-checked none of its imports
// ("Cannot find name 'URL'", TS2304). Declared as both declare the part read here, so the three merge.
declare global {
  /** A URL (Node's, or the DOM's): loadFleet and calibrate take a file: URL as the file's path. */
  interface URL {
    href: string;
    protocol: string;
  }
  /** An AbortController's signal (Node's, or the DOM's), which a fleet run takes to stop. */
  interface AbortSignal {
    readonly aborted: boolean;
  }
}

/**
 * A call's options as a script may give them: each left out, or undefined, as every call takes it (left out). Under a
 * consumer's `exactOptionalPropertyTypes`, `devices?: number` refused `{ devices: flags.devices }` of a `number |
 * undefined` (TS2379), which the call runs as left out.
 */
type Given<T> = { [K in keyof T]?: T[K] | undefined };

/** simulate's options, beside those for experiments (another machine, a wrapped world, drivers). */
export interface SimulateOptions extends EngineSimulateOptions {
  /** Seed of the device's random stream (default 1): the same environment and seed give the same run. */
  seed?: number;
  /** Steps before the run ends `stopped`, saying so (default 10,000). */
  maxSteps?: number;
  /** Virtual minutes before the run ends `stopped`, saying so (default 527,040: 366 days). */
  maxMinutes?: number;
}

/** The fields every parsed environment has (the schema gives each a default), found once. */
let parsedKeys: string[] | null = null;

/**
 * One device through its scenario. From plain JavaScript the environment may come unparsed
 * (simulate({ scenario: 'user-driven' })): it is parsed here, so a section left out takes its default and a
 * wrong field is an InputError naming it, not a TypeError from deep in the world ("Cannot read properties of
 * undefined (reading 'deploymentMode')"). The engine's own simulate takes a parsed one (the command line,
 * the studio and the fleets parse theirs).
 */
export function simulate(env: Environment | EnvironmentInput, options?: Given<SimulateOptions>): Simulation {
  if (options !== undefined) checkSimulateOptions(options);
  return simulateParsed(parsedEnvironment(env), options);
}

/**
 * What an object is when it is not a plain one ({ ... }, or one YAML or zod made): the name of its class, else null.
 * zod takes any object as a mapping, so a Map, a Date or a URL given as an environment or a fleet ran the defaults (its
 * fields are not its own) or was refused for fields such as "href", "origin" and "protocol".
 */
function classOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const proto: unknown = Object.getPrototypeOf(value);
  // Object.prototype of this realm or another (a vm context's), or no prototype at all.
  if (proto === null || Object.getPrototypeOf(proto) === null) return null;
  const name: unknown = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'object of a class';
}

/** A fleet argument that is a class's instance is an InputError naming it (`file` and `field` say which argument). */
function checkFleetArgument(fleet: unknown, file: string, field = ''): void {
  const kind = classOf(fleet);
  if (kind === null) return;
  const hint = fleet instanceof URL ? ': loadFleet(url) reads the file' : '';
  throw new InputError(file, field, `expected a plain object (a fleet loadFleet gave, or one such as { scenario: 'user-driven', devices: 1000 }), got a ${kind}${hint}`);
}

/** An environment (an argument, or `field` of `file`, such as options' environment) that is a class's instance is an InputError naming it. */
function checkEnvironmentArgument(env: unknown, file = 'environment', field = ''): void {
  // A scenario's name, or a scenario file's, given for the environment: 'expected object, got "user-driven"' said nothing of what to write.
  if (typeof env === 'string') throw new InputError(file, field, `expected an object such as { scenario: 'user-driven' }, got ${shown(env)}${scenarioNamed(env)}`);
  const kind = classOf(env);
  if (kind !== null) throw new InputError(file, field, `expected a plain object such as { scenario: 'user-driven' }, got a ${kind}`);
}

/** What to write for an environment given as text: the scenario it names (a slip too), or how a scenario file's is had. */
function scenarioNamed(text: string): string {
  // A slip of a scenario ('self-deploy'), not a bundled file's name that begins with one ('user-driven-entra').
  const scenario = meant(text, SCENARIOS);
  if (scenario !== undefined && !text.toLowerCase().startsWith(`${scenario}-`)) return `: write { scenario: '${scenario}' }`;
  return /\.ya?ml$|\//i.test(text) || /^[a-z]+(-[a-z0-9]+)+$/.test(text) ? ": a scenario file's environment is environmentOf(parseScenario(name, text))" : '';
}

/**
 * A file: URL as its path, as node:fs takes one (`new URL('./fleet.yaml', import.meta.url)`, which an ES module
 * names its neighbours with); anything else as it is, for the caller's own check to name.
 */
function pathOf(value: unknown): unknown {
  if (!(value instanceof URL) || value.protocol !== 'file:') return value;
  try {
    return fileURLToPath(value);
  } catch {
    // A file URL with a host (file://server/share on POSIX): refused by the caller as the URL it is.
    return value;
  }
}

/**
 * A fleet file, or a single-device scenario file run as a fleet of identical devices: a path, a file: URL (`new
 * URL('./fleet.yaml', import.meta.url)`) or a bundled name as `autopilot-sim scenarios` lists them
 * ("fleets/branch-rollout"), as the command line takes it. The file is read once; with `text` it is not read, and `path`
 * names it in errors.
 */
export function loadFleet(path: string | URL, text?: string): Fleet {
  return loadFleetFile(pathOf(path) as string, text);
}

/** An environment as the engine takes it: a parsed one as it is, one as written parsed (a wrong field an InputError). */
function parsedEnvironment(env: Environment | EnvironmentInput): Environment {
  checkEnvironmentArgument(env);
  parsedKeys ??= Object.keys(EnvironmentSchema.parse({}));
  const whole = typeof env === 'object' && env !== null && parsedKeys.every((k) => k in env);
  return whole ? (env as Environment) : defaultEnvironmentOf(env);
}

/**
 * The options a function takes, listed from its options type: tsc refuses a list that misses one or names another, so
 * an unknown option's message names every option the function takes (runFleet's left out `signal`), and no other.
 */
function optionNames<T>(keys: { [K in keyof Required<T>]: true }): readonly string[] {
  return Object.keys(keys);
}

type LiveRunOptions = NonNullable<Parameters<typeof runLiveParsed>[1]>;

/** runLive's options. */
interface LiveOptions extends LiveRunOptions {
  /** Seed of the device's random stream (default 1), as simulate's. */
  seed?: number;
  /** Device index within a fleet: selects the device's own random stream (default 0). */
  index?: number;
  /** Steps before the run stops (default 10,000). */
  maxSteps?: number;
  // NonNullable: an optional property's type has `| undefined`, which the engine's does not allow under a consumer's
  // exactOptionalPropertyTypes (TS2430, 'incorrectly extends').
  /** Run another machine than the scenario's (experiments). */
  machine?: NonNullable<LiveRunOptions['machine']>;
  /**
   * Receives XState's inspection events, as `@statelyai/inspect` takes them: an observer (an inspector's `inspect`) or a
   * function. A method's type, so that a function written for XState's own InspectionEvent is taken too: the package's
   * declarations give the event as its `type` and `rootId` (scripts/xstate-types.d.ts).
   */
  inspect?: Observer<InspectionEvent> | { bivariant(event: InspectionEvent): void }['bivariant'];
}
const LIVE_OPTIONS = optionNames<LiveOptions>({ seed: true, index: true, machine: true, inspect: true, maxSteps: true });

/**
 * One device on XState's own interpreter (live actors, a simulated clock), the reference the cached engine is held to;
 * `inspect` receives XState's inspection events. The environment as simulate takes it: a plain object was a TypeError
 * from the machine's input ("Cannot read properties of undefined (reading 'currentJoin')").
 */
export function runLive(env: Environment | EnvironmentInput, options: Given<LiveOptions> = {}): LiveResult {
  checkOptions(options, LIVE_OPTIONS, '{ seed: 1 }');
  whole(options, 'seed', 0, 2 ** 32 - 1);
  whole(options, 'index', 0, Number.MAX_SAFE_INTEGER);
  whole(options, 'maxSteps', 1, Number.MAX_SAFE_INTEGER);
  machineOption(options.machine, 'machine');
  const inspect: unknown = options.inspect;
  const observer = inspect as Record<string, unknown>;
  const isObserver = typeof inspect === 'object' && inspect !== null && ['next', 'error', 'complete'].some((k) => typeof observer[k] === 'function') && ['next', 'error', 'complete'].every((k) => observer[k] === undefined || typeof observer[k] === 'function');
  if (inspect !== undefined && typeof inspect !== 'function' && !isObserver) throw new InputError('options', 'inspect', `expected a function or an observer ({ next(event) }, an inspector's inspect), got ${described(inspect)}`);
  return runLiveParsed(parsedEnvironment(env), options);
}

/**
 * A run stepped by hand, as the studio steps one (src/engine/session.ts, whose members' comments a script's editor shows):
 * here checked, a wrong field of the environment an InputError naming it (it was a ZodError's JSON), and the seed a
 * whole number (a string ran).
 */
export class Session extends EngineSession {
  /**
   * The index in `trace` of the step the run is at: moved by step(), back() and seek(), which refuse a step the run
   * does not have (an InputError). Read-only here: `session.cursor = 99` past the run's end made `current` undefined.
   */
  declare readonly cursor: number;

  constructor(input: EnvironmentInput, seed: number, faults: Array<{ step: number; fault: string }> = [], name?: string) {
    checkEnvironmentArgument(input);
    defaultEnvironmentOf(input);
    whole({ seed }, 'seed', 0, 2 ** 32 - 1);
    const example = "[{ step: 3, fault: 'tpm-fails' }]";
    if (!Array.isArray(faults)) throw new InputError('options', 'faults', `expected a list such as ${example}, got ${shown(faults)}`);
    faults.forEach((f: unknown, i) => {
      const { step, fault } = (typeof f === 'object' && f !== null ? f : {}) as { step?: unknown; fault?: unknown };
      if (!Number.isInteger(step) || (step as number) < 0 || typeof fault !== 'string') throw new InputError('options', `faults[${i}]`, `expected a fault and the step it happens at, such as ${example}, got ${shown(f)}`);
    });
    if (name !== undefined && typeof name !== 'string') throw new InputError('options', 'name', `expected the run's name, got ${shown(name)}`);
    // Left out, the run ran seed 1 with `seed` undefined, and its toFile() was refused by fromFile ('seed: missing').
    if (seed === undefined) throw new InputError('options', 'seed', "expected the run's seed, a whole number such as 1 (new Session(environment, seed)), got undefined");
    // Left out, the environment is the defaults, as simulate() runs them (a ZodError's JSON before).
    const environment = input ?? {};
    try {
      super(environment as WrittenEnvironment, seed, faults, name);
    } catch (e) {
      // A fault that cannot happen at its step was an Error from the session's replay of it.
      const i = faults.findIndex((f) => (e as Error).message?.startsWith(`fault "${f.fault}" cannot happen at step ${f.step}`));
      if (i >= 0) throw new InputError('options', `faults[${i}]`, (e as Error).message);
      throw e;
    }
  }

  /**
   * A run saved with `toFile()` (or exported from the studio), replayed to the same step: a file that is not one is an
   * InputError naming its field (a ZodError's JSON), as is one over 256 KB, the studio's limit; and the run is a library
   * Session, as `new Session` makes one (it was the engine's own, `instanceof Session` false).
   */
  static override fromFile(data: unknown): Session {
    if (typeof data === 'string') throw new InputError('run', '', `expected the run as data, as toFile() gives it (JSON.parse the file's text), got text (${data.length} characters)`);
    // The engine's limit, checked first as the engine's fromFile (the studio's) checks it, so that a run of megabytes is
    // refused before anything parses it; this override skipped it. A value JSON cannot hold (a BigInt) is left to the
    // fields' check, which names it.
    let size = 0;
    try {
      size = JSON.stringify(data)?.length ?? 0;
    } catch {}
    if (size > MAX_RUN_FILE) throw new InputError('run', '', `expected a run file of at most ${MAX_RUN_FILE / 1024} KB (an environment, a seed and its faults), got ${Math.round(size / 1024)} KB`);
    const file = validate({ file: 'run', raw: data as Record<string, unknown>, doc: undefined, counter: undefined as never }, RunFileSchema, []);
    let session: Session;
    try {
      session = new Session(file.environment as EnvironmentInput, file.seed, file.faults, file.name);
    } catch (e) {
      // The file's fields, named as the file has them: 'run: environment.esp.timeoutMinutes', where the constructor's
      // own checks name its arguments ('environment: esp.timeoutMinutes', 'options: faults[0]').
      if (!(e instanceof InputError) || (e.file !== 'environment' && e.file !== 'options')) throw e;
      const field = e.file === 'environment' ? ['environment', e.field].filter(Boolean).join('.') : e.field;
      throw new InputError('run', field, e.expected);
    }
    // A step past the run's end (a file saved before a change that made the run shorter) is its last, as in the studio.
    EngineSession.prototype.seek.call(session, file.cursor);
    return session;
  }

  /**
   * A fault, or another choice such as 'Try again', injected at the current step by its id, as the engine's Session
   * injects one (the run worked out again from there); one that cannot happen here is an InputError naming `faultId` and
   * the ids that can (a plain Error).
   */
  override inject(faultId: string): Fault {
    const possible = this.changesFor(this.current).map((f) => f.id);
    if (typeof faultId !== 'string' || !possible.includes(faultId)) throw new InputError('faultId', '', `expected a fault or choice possible at step ${this.current.step} (${this.current.state}): ${possible.join(', ') || 'none here'}; got ${shown(faultId)}${slipOf(faultId, possible)}`);
    return super.inject(faultId);
  }

  /** Moves to a step of the run, by its index in `trace`, 0 to `trace.length - 1`; any other is an InputError (a fraction made the cursor NaN, a step past the end went to the last). */
  override seek(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.trace.length) throw new InputError('index', '', `expected a step of the run, a whole number from 0 to ${this.trace.length - 1}, got ${shown(index)}`);
    super.seek(index);
  }
}

/** A scenario file's text, parsed and checked: `file` names it in errors. */
export function parseScenario(file: string, text: string): ScenarioFile {
  if (typeof file !== 'string') throw new InputError('parseScenario', 'file', `expected the file's name, for its errors, got ${shown(file)}`);
  if (typeof text !== 'string') throw new InputError(file, '', `expected the file's text (parseScenario(name, text)), got ${shown(text)}`);
  return parseScenarioText(file, text);
}

/**
 * A scenario file's environment, without its name, description, seed, expectation and lesson. A file that is not one
 * parseScenario gave (`{}`, a scenario file as written) is an InputError: it gave back what it was given, typed as an
 * environment with every section, which it lacked (`environmentOf({}).esp.timeoutMinutes` was a TypeError).
 */
export function environmentOf(file: ScenarioFile): Environment {
  const environment = typeof file === 'object' && file !== null && !Array.isArray(file) ? environmentOfFile(file) : null;
  parsedKeys ??= Object.keys(EnvironmentSchema.parse({}));
  const missing = environment ? parsedKeys.filter((k) => !(k in environment)) : [];
  if (!environment || missing.length > 0) throw new InputError('environmentOf', '', `expected a scenario file parseScenario gave, got ${environment ? `one without ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''} (parseScenario(name, text) reads a file's text; defaultEnvironment(object) gives an environment)` : shown(file)}`);
  return environment;
}

const SIMULATE_OPTIONS = optionNames<SimulateOptions>({ seed: true, index: true, trace: true, visited: true, maxSteps: true, maxMinutes: true, machine: true, wrapWorld: true, shared: true, drivers: true });

/**
 * simulate's options, checked as runFleet's are: { seed: 'x' } ran and reported seed "x", { sed: 3 } ran seed 1, both
 * without a word.
 */
function checkSimulateOptions(options: SimulateOptions): void {
  checkOptions(options, SIMULATE_OPTIONS, '{ seed: 1 }');
  whole(options, 'seed', 0, 2 ** 32 - 1);
  whole(options, 'index', 0, Number.MAX_SAFE_INTEGER);
  whole(options, 'maxSteps', 1, Number.MAX_SAFE_INTEGER);
  yesOrNo(options, 'trace');
  yesOrNo(options, 'visited');
  if (options.maxMinutes !== undefined && !(typeof options.maxMinutes === 'number' && options.maxMinutes > 0)) throw new InputError('options', 'maxMinutes', `expected minutes above 0, got ${shown(options.maxMinutes)}`);
  machineOption(options.machine, 'machine');
  functionOption(options, 'wrapWorld', 'a function from the world to the world that answers instead');
  const { drivers, shared } = options as { drivers?: unknown; shared?: unknown };
  if (drivers !== undefined && !(Array.isArray(drivers) && drivers.every((d) => typeof d === 'function'))) throw new InputError('options', 'drivers', `expected a list of functions, each wrapping the responder under it, got ${described(drivers)}`);
  const sharedMethods = ['downloadMinutes', 'connectorWaitMinutes', 'incidentFails'] as const;
  if (shared !== undefined && !(typeof shared === 'object' && shared !== null && sharedMethods.every((m) => typeof (shared as Record<string, unknown>)[m] === 'function'))) throw new InputError('options', 'shared', `expected what a device shares with its fleet, an object with ${sharedMethods.join(', ')}, got ${described(shared)}`);
}

/**
 * The experiment options that take code (another machine, a wrapped world, drivers, an inspector) were not checked: a
 * wrong one was a TypeError from inside the engine or XState ('this.logic.getInitialSnapshot is not a function'), and
 * runLive's, thrown from XState's timer, ended the process whatever the script caught.
 */
function machineOption(machine: unknown, field: string): void {
  const m = machine as { root?: unknown; transition?: unknown; getInitialSnapshot?: unknown } | null;
  if (machine === undefined) return;
  if (typeof m !== 'object' || m === null || typeof m.root !== 'object' || typeof m.transition !== 'function' || typeof m.getInitialSnapshot !== 'function') {
    throw new InputError('options', field, `expected an XState machine (createMachine(...), or one of machines), got ${described(machine)}`);
  }
}

/** An option that is a function, when given. */
function functionOption<T extends object>(options: T, name: keyof T & string, what: string): void {
  const value: unknown = options[name];
  if (value !== undefined && typeof value !== 'function') throw new InputError('options', name, `expected ${what}, got ${described(value)}`);
}

/** A value as an error shows it: a function as one (its source is no help), anything else as `shown` writes it, cut short. */
function described(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  const text = shown(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** An options object with no key but `known` (a misspelt one ran with the default, without a word). */
function checkOptions(options: unknown, known: readonly string[], example: string): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new InputError('options', '', `expected an object such as ${example}, got ${shown(options)}`);
  // A slip is named as a file's misspelt field is ({ device: 5 }: 'did you mean "devices"?'), else every option is listed.
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const close = closest(key, known);
    throw new InputError('options', key, `unknown option (${close ? `did you mean "${close}"?` : `expected one of ${known.join(', ')}`})`);
  }
}

/** A whole-number option within [from, to], when given. */
function whole<T extends object>(options: T, name: keyof T & string, from: number, to: number): void {
  const value: unknown = options[name];
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= from && (value as number) <= to)) throw new InputError('options', name, `expected a whole number from ${from} to ${to}, got ${shown(value)}`);
}

/** A true-or-false option, when given ({ check: 'no' } backtested: the text is truthy). */
function yesOrNo<T extends object>(options: T, name: keyof T & string): void {
  const value: unknown = options[name];
  if (value !== undefined && typeof value !== 'boolean') throw new InputError('options', name, `expected true or false, got ${shown(value)}`);
}


/** calibrate's options: the command's flags, and a `signal`. */
export interface CalibrateOptions extends Cancellable {
  /** Device-targeted apps the tenant's ESP tracks (default 5): `--device-apps`. */
  deviceApps?: number;
  /** User-targeted apps the account setup tracks (default 2): `--user-apps`. */
  userApps?: number;
  /** The tenant's ESP timeout in minutes (default 60): `--esp-timeout`. */
  espTimeoutMinutes?: number;
  /** Seed of the fit's simulations (default 1). */
  seed?: number;
  /** The order of day and month in a CSV's culture dates (03/12/2026): 'dmy' day first, 'mdy' month first; needed only where every date reads both ways (`--date-order`). */
  dateOrder?: 'dmy' | 'mdy';
  /** Keep one segment, such as "user-driven/entra". */
  segment?: string;
  /**
   * Keep the deployments naming this Autopilot deployment profile (windowsAutopilotDeploymentProfileDisplayName, in any
   * case), a site's often (`--deployment-profile`): a name no deployment gives is an InputError listing those they give.
   */
  deploymentProfile?: string;
  /** Backtest the twin (`--check`): the report then compares it with the tenant. */
  check?: boolean;
  /**
   * Backtest the twin against a later export of the same tenant (`--against`; one file or a list), read as the records
   * are and never fitted: the report's backtest then gives what the twin foretells for it (`simulated.foretold`).
   */
  against?: string | readonly string[];
}

/** A file's name that says YAML: a scenario, fleet or twin file, never an export of deployments. */
const isYaml = (file: string): boolean => /\.ya?ml$/i.test(file);

const CALIBRATE_OPTIONS = optionNames<CalibrateOptions>({ deviceApps: true, userApps: true, espTimeoutMinutes: true, seed: true, dateOrder: true, segment: true, deploymentProfile: true, check: true, against: true, signal: true });

/**
 * Graph's `deviceManagement/autopilotEvents` in memory, as a script has them from Graph: a page as Graph returns it
 * (`{ value: [...] }`, its `@odata` fields ignored), the events themselves, or one event alone (as GET autopilotEvents/{id} answers), each as one record of a JSON export.
 */
export type AutopilotEvents =
  | { readonly value: readonly object[]; readonly [field: string]: unknown }
  | readonly object[]
  /** One event alone, as Graph answers GET deviceManagement/autopilotEvents/{id}: read as a list of one. */
  | { readonly enrollmentType: unknown; readonly [field: string]: unknown }
  | { readonly deploymentState: unknown; readonly [field: string]: unknown };

/**
 * A twin of a tenant from its Graph exports of `deviceManagement/autopilotEvents`, as `calibrate` makes it: `twin` is the
 * fleet file (YAML; `loadFleet('twin.yaml', twin)` runs it), `report` what `calibrate --json` prints (with `check`, the
 * backtest). The records are export files (one or a list: paths, file: URLs or bundled names) or the events in memory (AutopilotEvents; errors then name
 * `events`, record n counting from 1). A file that cannot be read, an export with no usable deployment, a segment it lacks
 * or a wrong option is an InputError naming it. `signal` stops it between events of an export, segments of the fit and chunks of 2,000 devices
 * of the backtest (the one under way finishes), the promise rejected with the signal's reason.
 */
export async function calibrate(files: string | URL | readonly (string | URL)[] | AutopilotEvents, options: Given<CalibrateOptions> = {}): Promise<{ twin: string; report: CalibrationReport }> {
  checkOptions(options, CALIBRATE_OPTIONS, '{ deviceApps: 5 }');
  whole(options, 'deviceApps', 0, 200);
  whole(options, 'userApps', 0, 200);
  whole(options, 'espTimeoutMinutes', 1, 10_000);
  whole(options, 'seed', 0, 2 ** 32 - 1);
  yesOrNo(options, 'check');
  abortable(options); // the signal checked: an AbortSignal, not aborted yet
  if (options.dateOrder !== undefined && options.dateOrder !== 'dmy' && options.dateOrder !== 'mdy') throw new InputError('options', 'dateOrder', `expected 'dmy' (day first) or 'mdy' (month first), got ${shown(options.dateOrder)}`);
  if (options.segment !== undefined && typeof options.segment !== 'string') throw new InputError('options', 'segment', `expected a segment such as "user-driven/entra", got ${shown(options.segment)}`);
  if (options.deploymentProfile !== undefined && typeof options.deploymentProfile !== 'string') throw new InputError('options', 'deploymentProfile', `expected the name of a deployment profile, such as "Corp Laptops", got ${shown(options.deploymentProfile)}`);
  // A file: URL is its file, as node:fs reads one (a URL was taken for a Graph page without its value).
  files = (files instanceof URL ? pathOf(files) : Array.isArray(files) ? files.map(pathOf) : files) as typeof files;
  // Any other URL (Graph's own) was read as a Graph page without its value, or a list of them as events.
  const url = (Array.isArray(files) ? (files as readonly unknown[]) : [files]).find((f): f is URL => f instanceof URL);
  if (url) throw new InputError('files', '', `expected a path or a file: URL, got ${url.href}: calibrate reads no URL but a file's; fetch the events first (every page of Graph's answer) and give them, as { value: [...] } or a list`);
  const events = eventsIn(files);
  // Neither a name, a list nor events (undefined, a number): a TypeError ('files is not iterable') before.
  const given: unknown[] = events ? ['events'] : Array.isArray(files) ? [...(files as readonly unknown[])] : [files];
  const list = given.filter((f): f is string => typeof f === 'string');
  if (list.length === 0 || list.length < given.length) throw new InputError('files', '', `expected one or more export files, or the events themselves (an array of autopilotEvents or a Graph page { value: [...] }), got ${shown(files)}`);
  const against = typeof options.against === 'string' ? [options.against] : options.against;
  if (against !== undefined && (!Array.isArray(against) || against.length === 0 || against.some((f) => typeof f !== 'string'))) throw new InputError('options', 'against', `expected a later export's file, or a list of them, got ${shown(options.against)}`);
  // A scenario, fleet or twin file given for an export, as the command line says it: it was read as a malformed CSV
  // ('record 1: expected a cell in each of the header's 1 columns, got 2').
  const yaml = list.find(isYaml);
  if (yaml) throw new InputError(yaml, '', "expected an export of Autopilot deployments (Microsoft Graph's autopilotEvents, JSON or CSV), got a YAML file (a scenario, a fleet or a twin: loadFleet reads it)");
  const laterYaml = (against as readonly string[] | undefined)?.find(isYaml);
  if (laterYaml) throw new InputError('options', 'against', `expected a later export of the same tenant's deployments, JSON or CSV, as the ones calibrated, got a YAML file: ${laterYaml}`);
  const { observe, observeEvents, fitting, backtesting, toTheEnd, missingSegment, missingDeploymentProfile, nothingToCalibrate, heldAgainst } = await import('./calibrate/index.ts');
  const { calibrationReport } = await import('./calibrate/report.ts');
  const { dateOrder, deploymentProfile } = options;
  const read = { ...(dateOrder ? { dateOrder } : {}), ...(deploymentProfile !== undefined ? { deploymentProfile } : {}) };
  // The signal heard as each file is read too: a large export took its whole read before an abort was heard.
  const observed = events ? observeEvents(events, 'events', read) : await observe(list, options.signal ? { ...read, signal: options.signal } : read);
  const noProfile = missingDeploymentProfile(observed, deploymentProfile);
  if (noProfile) throw new InputError('options', 'deploymentProfile', noProfile);
  const noSegment = missingSegment(observed, options.segment);
  if (noSegment) throw new InputError('options', 'segment', noSegment);
  const nothing = nothingToCalibrate(observed, list);
  if (nothing) throw new InputError(list.length === 1 ? list[0]! : 'files', '', nothing);
  const later = against ? { observed: await observe([...against], options.signal ? { ...read, signal: options.signal } : read), files: [...against] } : undefined;
  const none = later && heldAgainst(observed, list, later, options.segment);
  if (none) throw new InputError('options', 'against', none);
  const { segment, check, signal, dateOrder: _, deploymentProfile: __, against: ___, ...fit } = options;
  // A step at a time where a signal may stop it, the event loop turning between (an abort heard there starts no other step).
  const stepped = async <T>(steps: Generator<void, T>): Promise<T> => {
    if (!signal) return toTheEnd(steps);
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      signal.throwIfAborted();
      const step = steps.next();
      if (step.done) return step.value;
    }
  };
  const calibration = await stepped(fitting(observed, fit, segment));
  return { twin: calibration.yaml, report: calibrationReport(calibration, check || later ? await stepped(backtesting(calibration, undefined, later)) : undefined) };
}

/** The events when `files` holds them (a Graph page or a list of objects), else null (file names, or a mistake). */
function eventsIn(files: unknown): readonly unknown[] | null {
  if (Array.isArray(files)) return files.length > 0 && files.every((f) => typeof f === 'object' && f !== null) ? files : null;
  if (typeof files !== 'object' || files === null) return null;
  const { value } = files as { value?: unknown };
  // One event alone, as Graph answers GET autopilotEvents/{id} (the file reader takes it so too): a list of one.
  if (value === undefined && Object.keys(files).some((k) => /^(?:enrollmentType|deploymentState)$/i.test(k))) return [files];
  if (!Array.isArray(value)) throw new InputError('events', 'value', `expected the page's list of autopilotEvents, as Graph returns it ({ value: [...] }), got ${shown(value)}`);
  return value;
}

/** What a run that may be cancelled takes beside its own options. */
interface Cancellable {
  /** Stops the run when it aborts: the promise rejects with the signal's reason and the worker threads stop (unless another call is running on them). */
  signal?: AbortSignal;
}

/** What every fleet run takes (runFleet, compareFleets, sweepFleet, recommend), described once. */
interface FleetCallOptions extends Cancellable {
  /** Seed of the devices' random streams (default: the fleet's `seed`, else 1): the same fleet and seed give the same figures. */
  seed?: number;
  /** Worker threads, 1 to 64 (default 1: this thread); the figures are the same for any number. */
  workers?: number;
  /**
   * Called as each chunk of devices is done, with the device runs done so far and in all, a progress bar's figures (a
   * fleet whose devices share links or a connector runs each device twice; a comparison, a sweep or a recommendation runs
   * the devices once a side, value or scenario).
   */
  onProgress?: (done: number, total: number) => void;
}

/** recommend's options. */
export interface RecommendOptions extends FleetCallOptions {
  /** Devices simulated per scenario (default: the fleet's, else 1,000). */
  devices?: number;
  /** The share of devices a hard requirement must fail for to exclude a scenario (default 0.05). */
  threshold?: number;
}

const RECOMMEND_OPTIONS = optionNames<RecommendOptions>({ devices: true, seed: true, workers: true, threshold: true, onProgress: true, signal: true });

/**
 * Which scenario fits a fleet, as `recommend` answers it: the exclusions with their sources, each remaining scenario
 * simulated on the same devices and ranked by the fleet's goals. Resolves to what `recommend --json` prints. The fleet
 * is one `loadFleet` gave or a plain object, as `runFleet` takes it.
 */
export async function recommend(fleet: Fleet | FleetInput, options: Given<RecommendOptions> = {}): Promise<Recommendation> {
  checkOptions(options, RECOMMEND_OPTIONS, '{ devices: 1000 }');
  whole(options, 'devices', 1, MAX_DEVICES);
  whole(options, 'seed', 0, 2 ** 32 - 1);
  whole(options, 'workers', 1, 64);
  if (options.threshold !== undefined && !(typeof options.threshold === 'number' && options.threshold > 0 && options.threshold <= 1)) throw new InputError('options', 'threshold', `expected a share above 0 and at most 1, got ${shown(options.threshold)}`);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw new InputError('options', 'onProgress', `expected a function, got ${shown(options.onProgress)}`);
  checkFleetArgument(fleet, 'fleet');
  const parsed = fleetOf(fleet as AnyFleet);
  const { recommend: recommendFleet } = await import('./recommend/index.ts');
  const { workers, ...rest } = abortable(options);
  return withWorkers(workers, options.signal, (executor) => recommendFleet(parsed, { ...rest, executor }));
}


/** runFleet's options. */
export interface RunFleetOptions extends FleetCallOptions, Omit<FleetRunOptions, 'environment'> {
  /** Merged into every device's environment, under the fleet's own settings. */
  environment?: EnvironmentInput;
}

const RUN_FLEET_OPTIONS = optionNames<RunFleetOptions>({ devices: true, seed: true, workers: true, environment: true, onProgress: true, onRows: true, signal: true });

/**
 * A fleet run, as `run --json` reports it: a fleet `loadFleet` gave or a plain object; the figures depend only on the
 * seed, whatever `workers` is.
 */
export async function runFleet(fleet: Fleet | FleetInput, options: Given<RunFleetOptions> = {}): Promise<FleetReport> {
  checkOptions(options, RUN_FLEET_OPTIONS, '{ devices: 1000 }');
  checkFleetArgument(fleet, 'fleet');
  checkEnvironmentArgument(options.environment, 'options', 'environment');
  return runFleetWith(fleet as AnyFleet, abortable(options) as FleetRunOptions, options.signal);
}

/**
 * The options without `signal` (checked), their onProgress checking it, for a run's last chunk: the executor hears it
 * first (stoppedBy), on workers at once, the chunks under way ended with their threads, and on this thread before the
 * next chunk (a chunk runs without yielding).
 */
function abortable<O extends Cancellable & { onProgress?: (done: number, total: number) => void }>(options: O): Omit<O, 'signal'> {
  // Not an object: the run's own check names it.
  if (typeof options !== 'object' || options === null || !('signal' in options)) return options;
  const { signal, ...rest } = options;
  if (signal === undefined) return rest;
  if (!(signal instanceof AbortSignal)) throw new InputError('options', 'signal', `expected an AbortSignal (new AbortController().signal), got ${shown(signal)}`);
  signal.throwIfAborted();
  const onProgress = rest.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new InputError('options', 'onProgress', `expected a function, got ${shown(onProgress)}`);
  return {
    ...rest,
    onProgress: (done: number, total: number) => {
      onProgress?.(done, total);
      signal.throwIfAborted();
    },
  };
}

/** compareFleets' options, for both runs (each side's environment is on the side). */
export interface CompareOptions extends FleetCallOptions {
  /** Devices of each run (default: the fleets'). */
  devices?: number;
}

const COMPARE_OPTIONS = optionNames<CompareOptions>({ devices: true, seed: true, workers: true, onProgress: true, signal: true });

/**
 * Two fleets, or one fleet two ways, on the same devices (common random numbers), as `compare --json` prints it. Each
 * side is `{ label, fleet, environment? }`: the environment merged under that side's own, so one fleet can be compared
 * with itself under another setting.
 */
export async function compareFleets(a: CompareSide, b: CompareSide, options: Given<CompareOptions> = {}): Promise<CompareResult> {
  // An environment for both runs: compareFleets' sides each have their own (it was taken and not used).
  if (typeof options === 'object' && options !== null && 'environment' in options) throw new InputError('options', 'environment', "expected on a side, { label, fleet, environment }: each run's own");
  checkOptions(options, COMPARE_OPTIONS, '{ devices: 1000 }');
  for (const [side, name] of [[a, 'a'], [b, 'b']] as const) {
    if (typeof side !== 'object' || side === null) continue;
    checkFleetArgument(side.fleet, name, 'fleet');
    checkEnvironmentArgument(side.environment, name, 'environment');
    checkEnvironmentArgument(side.override, name, 'override');
  }
  const run = abortable(options);
  return withWorkers(options.workers, options.signal, (executor) => compareWith(withFleetParsed(a, 'a'), withFleetParsed(b, 'b'), { ...withoutWorkers(run), executor }));
}

/**
 * A comparison side with its fleet parsed, a wrong field named on its side, the argument `a` or `b`: the same typo in
 * either side's fleet read 'fleet: scenaro: unknown field', which did not say which, and one in its environment or
 * override 'options: a.environment.espp', an option the call does not take.
 */
function withFleetParsed(side: CompareSide, name: 'a' | 'b'): CompareSideOf {
  if (typeof side !== 'object' || side === null) return side as CompareSideOf;
  for (const field of ['environment', 'override'] as const) {
    const value: unknown = side[field];
    if (value !== undefined) validate({ file: name, raw: { [field]: value }, doc: undefined, counter: undefined as never }, EnvironmentSchema, [field], EnvironmentSchema, value);
  }
  const fleet: unknown = side.fleet;
  if (typeof fleet !== 'object' || fleet === null) return side as CompareSideOf;
  try {
    return { ...(side as CompareSideOf), fleet: fleetOf(fleet as AnyFleet) };
  } catch (e) {
    if (e instanceof InputError && e.file === 'fleet') throw new InputError(name, e.field ? `fleet.${e.field}` : 'fleet', e.expected, e.line);
    throw e;
  }
}

/**
 * What a fleet needs to run as another scenario, over its groups' own settings: a comparison side's `override`, as
 * `compare --scenarios` and `recommend` run one (`{ label: 'device preparation', fleet, override:
 * scenarioOverride('device-preparation') }`). Besides the scenario, classic Autopilot's registers the devices and sets
 * the profile's mode; device preparation's leaves them unregistered, as deploying with it means: with `{ scenario }`
 * alone, a fleet of registered devices ran classic Autopilot on both sides.
 */
export function scenarioOverride(scenario: Scenario): EnvironmentInput {
  if (!(SCENARIOS as readonly unknown[]).includes(scenario)) throw new InputError('scenario', '', `expected one of ${SCENARIOS.map((s) => JSON.stringify(s)).join(', ')}, got ${shown(scenario)}${slipOf(scenario, SCENARIOS)}`);
  return overrideFor(scenario);
}

/** sweepFleet's options. */
export interface SweepOptions extends CompareOptions {
  /** Merged into every device's environment, as runFleet's. */
  environment?: EnvironmentInput;
}

const SWEEP_OPTIONS = optionNames<SweepOptions>({ devices: true, seed: true, workers: true, onProgress: true, signal: true, environment: true });

/** One setting moved over its values (`parseSweep('apps=4..24:4')`): `result` is what `sweep --json` prints, `reports` each value's run. */
export async function sweepFleet(fleet: Fleet | FleetInput, spec: SweepSpec, options: Given<SweepOptions> = {}): Promise<{ result: SweepResult; reports: FleetReport[] }> {
  checkOptions(options, SWEEP_OPTIONS, '{ devices: 1000 }');
  checkFleetArgument(fleet, 'fleet');
  checkEnvironmentArgument(options.environment, 'options', 'environment');
  const run = abortable(options);
  // Its rows' values are the spec's (SweepValue).
  return withWorkers(options.workers, options.signal, (executor) => sweepWith(fleet as AnyFleet, spec, { ...withoutWorkers(run), executor } as Parameters<typeof sweepWith>[2]) as Promise<{ result: SweepResult; reports: FleetReport[] }>);
}

/** The run on `workers` threads (checked as runFleet checks them), stopped by `signal` (checked by abortable), the threads let go after it. */
async function withWorkers<T>(workers: number | undefined, signal: AbortSignal | undefined, run: (executor: Executor) => Promise<T>): Promise<T> {
  whole({ workers }, 'workers', 1, 64);
  const executor = stoppedBy(await executorFor(workers ?? 1), signal);
  try {
    return await run(executor);
  } finally {
    await executor.close();
  }
}

const withoutWorkers = <T extends { workers?: number }>({ workers: _workers, ...rest }: T): Omit<T, 'workers'> => rest;

/**
 * replayFleetDevice's options: the run's own (devices, seed, environment), so that the device is the one the run counted,
 * and a `signal` that stops the first pass a fleet that shares links or the connector runs to replay one device.
 */
export type ReplayOptions = Omit<RunFleetOptions, 'onProgress' | 'onRows'>;

const REPLAY_OPTIONS = optionNames<ReplayOptions>({ devices: true, seed: true, workers: true, environment: true, signal: true });

/**
 * One device of a fleet replayed step by step, as a run with the same options counted it (a failure mode's
 * `exampleDevice` is its index). An index the fleet does not have is an InputError naming `index`.
 */
export async function replayFleetDevice(fleet: Fleet | FleetInput, index: number, options: Given<ReplayOptions> = {}): Promise<ReplayedDevice> {
  checkOptions(options, REPLAY_OPTIONS, '{ devices: 1000 }');
  checkFleetArgument(fleet, 'fleet');
  checkEnvironmentArgument(options.environment, 'options', 'environment');
  if (!(Number.isInteger(index) && index >= 0)) throw new InputError('index', '', `expected a device's index, a whole number from 0 (a failure mode's exampleDevice), got ${shown(index)}`);
  try {
    return await replayWith(fleet as AnyFleet, index, abortable(options) as Parameters<typeof replayWith>[2], options.signal);
  } catch (e) {
    // The command line says this as --device's error; from a script it is the index's.
    if (e instanceof RangeError && /^the fleet has \d+ devices/.test(e.message)) throw new InputError('index', '', `expected a device of the fleet: ${e.message}`);
    throw e;
  }
}

/** deriveTable's options, beside those that show a changed model changes the table (machines, wrapWorld). */
interface DeriveTableOptions extends DeriveOptions {
  /** Generated environments run for each variant of each scenario (default 60). */
  runsPerVariant?: number;
  /** Seed of the generated environments (default 20231119, the command line's). */
  seed?: number;
}

const DERIVE_OPTIONS = optionNames<DeriveTableOptions>({ runsPerVariant: true, seed: true, machines: true, wrapWorld: true });

/**
 * The capability table derived from the machines, cell by cell, over generated environments (`autopilot-sim
 * capabilities`). Its options checked as the others' are: deriveTable(null) was a TypeError from inside.
 */
export function deriveTable(options: Given<DeriveTableOptions> = {}): DerivedCell[] {
  checkOptions(options, DERIVE_OPTIONS, '{ runsPerVariant: 60 }');
  whole(options, 'runsPerVariant', 1, 100_000);
  whole(options, 'seed', 0, 2 ** 32 - 1);
  functionOption(options, 'wrapWorld', 'a function from the world to the world that answers instead');
  // { machines: 3 } derived the table of the bundled machines, without a word.
  const replaced: unknown = options.machines;
  if (replaced !== undefined) {
    if (typeof replaced !== 'object' || replaced === null || Array.isArray(replaced)) throw new InputError('options', 'machines', `expected machines by scenario, such as { reset: machine }, got ${described(replaced)}`);
    for (const [scenario, machine] of Object.entries(replaced)) {
      if (!(SCENARIOS as readonly string[]).includes(scenario)) throw new InputError('options', `machines.${scenario}`, `expected a scenario's id (${SCENARIOS.join(', ')})`);
      machineOption(machine, `machines.${scenario}`);
    }
  }
  return deriveTableWith(options);
}

/**
 * An environment with every default, and what `input` says over them (`defaultEnvironment({ scenario: 'user-driven' })`):
 * an environment as written, so an editor completes its fields and `tsc` refuses a misspelt one (it took `unknown`); a
 * wrong field is an InputError naming it, `environment: hardware.kind: ...`.
 */
export function defaultEnvironment(input: EnvironmentInput = {}): Environment {
  checkEnvironmentArgument(input);
  return defaultEnvironmentOf(input);
}

/**
 * A value a sweep sets, as parseSweep reads it from the text: a number (`apps=4..24:4`), text (`hardware.tpm=1.2,2.0`
 * where the field takes text, a scenario's name) or true or false.
 */
export type SweepValue = number | string | boolean;

/** A sweep `parseSweep` gave: the setting it moves (`field`), its `values` and how they are spaced (`scale`); `sweepFleet` runs it. */
export interface SweepSpec extends Omit<SweepSpecOf, 'values'> {
  values: SweepValue[];
}

/**
 * The sweep `sweep --vary` takes, from its text ('apps=4..24:4', 'esp.timeoutMinutes=30,60,90',
 * 'rollout.devicesPerHour=10..160:x2'): anything wrong in it is an InputError naming it.
 */
export function parseSweep(arg: string): SweepSpec {
  // Its values are numbers, text or true/false, as fleet/analysis.ts reads each (parseValue, coerce); typed so here.
  return parseSweepOf(arg) as SweepSpec;
}

// What the library gives, each with its doc comment here, where a script's editor shows it: the declarations these name
// are the modules' own, written for the code around them.

// The error every wrong input gets: its doc comment is on the class (src/environment/input-error.ts), the declaration
// this names. Exported as it is, so a consumer's declarations name it (`typeof InputError` of a const here could not be:
// TS2883, the class declared in a module the exports map does not offer).
export { InputError };

/** A scenario's id: user-driven, pre-provisioned, self-deploying, existing-devices, reset or device-preparation. */
export type Scenario = ScenarioId;

/**
 * An environment as parsed: every section present, with its defaults (`defaultEnvironment(...)` makes one). The fields
 * and their meanings are described in the package's `schema/scenario.schema.json`.
 */
export interface Environment extends ParsedEnvironment {}

/** A fleet as the modules below take it: they read what a script gives and never change it, so a read-only one is one too. */
type AnyFleet = ParsedFleet | WrittenFleet;

/**
 * T with every property and list read-only, as a script's `as const` objects and `readonly` lists are: what the library
 * is given it reads and never changes (a fleet or environment written `as const` was refused: "The type 'readonly [...]'
 * is 'readonly' and cannot be assigned to the mutable type").
 */
type DeepReadonly<T> = T extends (...args: never[]) => unknown ? T : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** An environment as written: any section left out takes its default (`{ scenario: 'self-deploying' }`). */
export interface EnvironmentInput extends DeepReadonly<WrittenEnvironment> {}

/** A scenario file as parsed (`parseScenario`): its name, description, seed, expectation and lesson beside the environment. */
export interface ScenarioFile extends ParsedScenarioFile {}

/** A fleet as parsed (`loadFleet` gives one): groups, sites, the rollout and what devices share, with their defaults. */
export interface Fleet extends ParsedFleet {}

/**
 * T with each `environment` (the tenant's, a site's, a group's, a variation's) an environment as written: the fleet
 * schema takes any object there and checks it as an environment when the fleet loads, so a script's misspelt
 * `environment: { hardware: { knd: 'vm' } }` type-checked and failed only at run time.
 */
type WithEnvironments<T> = T extends readonly (infer E)[]
  ? WithEnvironments<E>[]
  : T extends object
    ? { [K in keyof T]: K extends 'environment' ? WrittenEnvironment | Extract<T[K], undefined> : WithEnvironments<T[K]> }
    : T;

/**
 * A fleet as written, the fields of `schema/fleet.schema.json`: any left out takes its default (`{ scenario: 'user-driven', devices: 1000 }`).
 * Its environments, the tenant's and each site's, group's and variation's, are environments as written (`EnvironmentInput`).
 */
export interface FleetInput extends DeepReadonly<WithEnvironments<WrittenFleet>> {}

/**
 * One side of compareFleets: `label` names its run; `fleet` is one loadFleet gave or a plain object; `environment` is
 * merged under the fleet's own (its groups' and sites' fields win); `override` goes over everything (`scenarioOverride`).
 */
export interface CompareSide extends DeepReadonly<CompareSideOf> {}

/**
 * A fleet run's report, what `run --json` prints: success with its 95% interval, first time right, time to desktop
 * (end user and technician), minutes per phase, failures as a Pareto, findings, each group and site, the shared
 * resources' load and the warnings.
 */
export interface FleetReport extends FleetReportOf {}

/** One device of a fleet, replayed: its trace and outcome, with its group, site and start in the rollout. */
export interface ReplayedDevice extends ReplayedDeviceOf {}

/** Two runs on the same devices, what `compare --json` prints: each side's report and the paired differences with 95% intervals. */
export interface CompareResult extends CompareResultOf {}

/** One setting moved over its values, what `sweep --json` prints: a row per value and where a threshold bites. */
export interface SweepResult extends Omit<SweepResultOf, 'rows'> {
  rows: SweepRow[];
}

/** One value of a sweep: its run's success with the 95% interval, time to desktop, top failure and what saturated. */
export interface SweepRow extends Omit<SweepRowOf, 'value'> {
  value: SweepValue;
}

/** A fit to a tenant's records, what `calibrate --json` prints: the records used and not, each segment's fit and, with `check`, the backtest. */
export interface CalibrationReport extends CalibrationReportOf {}

/** Which scenario fits a fleet, what `recommend --json` prints: the exclusions with their sources, the ranking, the answer and each group's. */
export interface Recommendation extends RecommendationOf {}

// The types a Session's members give (its outcome, trace, faults and injections) and MICROSOFT's cells, as their modules
// declare them, each with its comment there: a program that exports what it got from one (declaration: true) names them
// by the package's entry (it was TS2883, 'cannot be named without a reference to .../dist/types/src/engine/observers.js').
export type { Outcome, TraceEntry } from './engine/simulate.ts';
export type { Fault } from './world/failure-modes.ts';
export type { Injected } from './engine/session.ts';
export type { Capability, Cell, TableScenario } from './capabilities/table.ts';

/** One device's run: each step (`trace`) and how it ended (`outcome`). */
export interface Simulation extends EngineSimulation {}

/** One device's run on XState's own interpreter (`runLive`): its last state, error code, steps and virtual minutes. */
export interface LiveResult extends LiveResultOf {}

/** One cell of the capability table as `deriveTable` derives it: the scenario, the capability, the value derived and why. */
export interface DerivedCell extends DerivedCellOf {}

/** An error code or message of the catalogue: code, message, where it shows, meaning, phase, remedy and source. */
export interface CatalogEntry extends CatalogEntryOf {}

/** A scenario's XState machine, as `machines` gives it (the package's declarations give XState's type as the part a script reads). */
export interface ScenarioMachine extends AnyStateMachine {}

/** A run as a file or a link, enough to replay it exactly (`Session.toFile()`): environment, seed, injected faults and step. */
export type RunFile = EngineRunFile;

/** The header of the rows `runFleet`'s `onRows` receives, one per device: the columns of `run --csv`. */
export const CSV_HEADER: string = CSV_HEADER_OF;

/** Microsoft's "Scenario capabilities" table as it writes it: capability, then scenario, then the cell ('Yes', 'No', 'NA', ...). */
export const MICROSOFT: typeof MICROSOFT_TABLE = MICROSOFT_TABLE;

/** The table's rows, the capabilities, in Microsoft's order. */
export const CAPABILITIES: typeof CAPABILITY_ROWS = CAPABILITY_ROWS;

/** Every error code and message a deployment can end in, by id: code, message, where it shows, meaning, phase, remedy and source. */
export const catalog: typeof errorCatalog = errorCatalog;

/**
 * The catalogue's entry for an id as `catalog` keys it (a code as Microsoft writes it, `'0x800705B4'`, or a name such as
 * `ESP_TIMEOUT`), or undefined. A number is an InputError saying how to write it: lookup(0x800705B4), the code as a
 * JavaScript literal, found nothing, as an unknown code does; anything else but text is an InputError too.
 */
export function lookup(code: string): CatalogEntry | undefined {
  const given: unknown = code;
  if (typeof given === 'number') {
    const hex = Number.isInteger(given) && given >= 0 && given <= 0xffff_ffff ? `: write lookup('0x${given.toString(16).toUpperCase().padStart(8, '0')}')` : '';
    throw new InputError('code', '', `expected a code as Microsoft writes it, text such as '0x800705B4', or a name such as 'ESP_TIMEOUT', got the number ${given}${hex}`);
  }
  // Anything else but text (undefined, an object, a catalogue entry) found nothing, as an unknown code does.
  if (typeof given !== 'string') throw new InputError('code', '', `expected a code as Microsoft writes it, text such as '0x800705B4', or a name such as 'ESP_TIMEOUT', got ${described(given)}`);
  return lookupCode(code);
}

/**
 * The XState v5 machine of each scenario, by id: pure (no clock, no randomness), states tagged and described. Typed as
 * XState's AnyStateMachine, which the package's declarations give as the part a script reads (id, root, states, config):
 * the machines' own inferred types pulled XState's declarations into every consumer's type-check. To run one with XState,
 * cast it: `createActor(machines['user-driven'] as AnyStateMachine)`.
 */
export const machines: Readonly<Record<Scenario, ScenarioMachine>> = scenarioMachines;

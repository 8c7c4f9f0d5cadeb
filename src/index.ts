// The library API: what the command line does, for architects who script their questions.
import { fileURLToPath } from 'node:url';
import { simulate as simulateParsed, type Simulation, type SimulateOptions } from './engine/simulate.ts';
import { defaultEnvironment, environmentOf as environmentOfFile, InputError, parseScenario as parseScenarioText, validate } from './environment/load.ts';
import { EnvironmentSchema, type Environment, type EnvironmentInput, type ScenarioFile } from './environment/schema.ts';
import { RunFileSchema, Session as EngineSession } from './engine/session.ts';
import type { Fault } from './world/failure-modes.ts';
import { runLive as runLiveParsed } from './engine/live.ts';
import type { CalibrationReport } from './calibrate/report.ts';
import { deriveTable as deriveTableWith, type DeriveOptions, type DerivedCell } from './capabilities/derive.ts';
import { executorFor, loadFleet as loadFleetFile, replayFleetDevice as replayWith, runFleet as runFleetWith, type FleetReport, type ReplayedDevice, type RunFleetOptions as FleetRunOptions } from './fleet/index.ts';
import { compareFleets as compareWith, sweepFleet as sweepWith, type CompareSide, type SweepSpec } from './fleet/analysis.ts';
import type { CompareResult, SweepResult } from './fleet/analysis-types.ts';
import type { Executor } from './fleet/run.ts';
import { fleetOf, MAX_DEVICES } from './fleet/load.ts';
import type { Fleet, FleetInput } from './fleet/schema.ts';
import type { Recommendation } from './recommend/index.ts';
import { shown } from './format.ts';
export type { Outcome, Simulation, SimulateOptions, TraceEntry } from './engine/simulate.ts';

/** The fields every parsed environment has (the schema gives each a default), found once. */
let parsedKeys: string[] | null = null;

/**
 * One device through its scenario. From plain JavaScript the environment may come unparsed
 * (simulate({ scenario: 'user-driven' })): it is parsed here, so a section left out takes its default and a
 * wrong field is an InputError naming it, not a TypeError from deep in the world ("Cannot read properties of
 * undefined (reading 'deploymentMode')"). The engine's own simulate takes a parsed one (the command line,
 * the studio and the fleets parse theirs).
 */
export function simulate(env: Environment | EnvironmentInput, options?: SimulateOptions): Simulation {
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

/** An environment argument that is a class's instance is an InputError naming it. */
function checkEnvironmentArgument(env: unknown): void {
  const kind = classOf(env);
  if (kind !== null) throw new InputError('environment', '', `expected a plain object such as { scenario: 'user-driven' }, got a ${kind}`);
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
  return whole ? (env as Environment) : defaultEnvironment(env);
}

/**
 * The options a function takes, listed from its options type: tsc refuses a list that misses one or names another, so
 * an unknown option's message names every option the function takes (runFleet's left out `signal`), and no other.
 */
function optionNames<T>(keys: { [K in keyof Required<T>]: true }): readonly string[] {
  return Object.keys(keys);
}

type LiveOptions = NonNullable<Parameters<typeof runLiveParsed>[1]>;
const LIVE_OPTIONS = optionNames<LiveOptions>({ seed: true, index: true, machine: true, inspect: true, maxSteps: true });

/**
 * One device on XState's own interpreter (live actors, a simulated clock), the reference the cached engine is held to;
 * `inspect` receives XState's inspection events. The environment as simulate takes it: a plain object was a TypeError
 * from the machine's input ("Cannot read properties of undefined (reading 'currentJoin')").
 */
export function runLive(env: Environment | EnvironmentInput, options: LiveOptions = {}): ReturnType<typeof runLiveParsed> {
  checkOptions(options, LIVE_OPTIONS, '{ seed: 1 }');
  whole(options, 'seed', 0, 2 ** 32 - 1);
  whole(options, 'index', 0, Number.MAX_SAFE_INTEGER);
  whole(options, 'maxSteps', 1, Number.MAX_SAFE_INTEGER);
  return runLiveParsed(parsedEnvironment(env), options);
}

/**
 * A run stepped by hand, as the studio steps one: a wrong field of the environment is an InputError naming it (it was a
 * ZodError's JSON), and the seed a whole number (a string ran).
 */
export class Session extends EngineSession {
  constructor(input: EnvironmentInput, seed: number, faults: Array<{ step: number; fault: string }> = [], name?: string) {
    checkEnvironmentArgument(input);
    defaultEnvironment(input);
    whole({ seed }, 'seed', 0, 2 ** 32 - 1);
    const example = "[{ step: 3, fault: 'tpm-fails' }]";
    if (!Array.isArray(faults)) throw new InputError('options', 'faults', `expected a list such as ${example}, got ${shown(faults)}`);
    faults.forEach((f: unknown, i) => {
      const { step, fault } = (typeof f === 'object' && f !== null ? f : {}) as { step?: unknown; fault?: unknown };
      if (!Number.isInteger(step) || (step as number) < 0 || typeof fault !== 'string') throw new InputError('options', `faults[${i}]`, `expected a fault and the step it happens at, such as ${example}, got ${shown(f)}`);
    });
    if (name !== undefined && typeof name !== 'string') throw new InputError('options', 'name', `expected the run's name, got ${shown(name)}`);
    // Left out, the environment is the defaults, as simulate() runs them (a ZodError's JSON before).
    const environment = input ?? {};
    try {
      super(environment, seed, faults, name);
    } catch (e) {
      // A fault that cannot happen at its step was an Error from the session's replay of it.
      const i = faults.findIndex((f) => (e as Error).message?.startsWith(`fault "${f.fault}" cannot happen at step ${f.step}`));
      if (i >= 0) throw new InputError('options', `faults[${i}]`, (e as Error).message);
      throw e;
    }
  }

  /**
   * A run saved with `toFile()` (or exported from the studio), replayed to the same step: a file that is not one is an
   * InputError naming its field (a ZodError's JSON), and the run is a library Session, as `new Session` makes one (it
   * was the engine's own, `instanceof Session` false).
   */
  static override fromFile(data: unknown): Session {
    const file = validate({ file: 'run', raw: data as Record<string, unknown>, doc: undefined, counter: undefined as never }, RunFileSchema, []);
    const session = new Session(file.environment as EnvironmentInput, file.seed, file.faults, file.name);
    session.seek(file.cursor);
    return session;
  }

  /**
   * A fault, or another choice such as 'Try again', injected at the current step by its id (`faultsFor(current)` and
   * `choicesFor(current)` list them): the run is worked out again from there, later injections dropped. One that cannot
   * happen here is an InputError naming `faultId` and the ids that can (a plain Error).
   */
  override inject(faultId: string): Fault {
    const possible = this.changesFor(this.current).map((f) => f.id);
    if (typeof faultId !== 'string' || !possible.includes(faultId)) throw new InputError('faultId', '', `expected a fault or choice possible at step ${this.current.step} (${this.current.state}): ${possible.join(', ') || 'none here'}; got ${shown(faultId)}`);
    return super.inject(faultId);
  }

  /** Moves to a step of the run, by its index in `trace` (one past either end stops there): a step that is not a whole number is an InputError (the cursor became NaN). */
  override seek(index: number): void {
    if (!Number.isInteger(index)) throw new InputError('index', '', `expected a step of the run, a whole number from 0 to ${this.trace.length - 1}, got ${shown(index)}`);
    super.seek(index);
  }
}

/** A scenario file's text, parsed and checked: `file` names it in errors. */
export function parseScenario(file: string, text: string): ScenarioFile {
  if (typeof file !== 'string') throw new InputError('parseScenario', 'file', `expected the file's name, for its errors, got ${shown(file)}`);
  if (typeof text !== 'string') throw new InputError(file, '', `expected the file's text (parseScenario(name, text)), got ${shown(text)}`);
  return parseScenarioText(file, text);
}

/** A scenario file's environment, without its name, description, seed, expectation and lesson. */
export function environmentOf(file: ScenarioFile): Environment {
  if (typeof file !== 'object' || file === null || Array.isArray(file)) throw new InputError('environmentOf', '', `expected a scenario file parseScenario gave, got ${shown(file)}`);
  return environmentOfFile(file);
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
}

/** An options object with no key but `known` (a misspelt one ran with the default, without a word). */
function checkOptions(options: unknown, known: readonly string[], example: string): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new InputError('options', '', `expected an object such as ${example}, got ${shown(options)}`);
  for (const key of Object.keys(options)) if (!known.includes(key)) throw new InputError('options', key, `unknown option (expected one of ${known.join(', ')})`);
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


export interface CalibrateOptions {
  /** Device-targeted apps the tenant's ESP tracks (default 5): `--device-apps`. */
  deviceApps?: number;
  /** User-targeted apps the account setup tracks (default 2): `--user-apps`. */
  userApps?: number;
  /** The tenant's ESP timeout in minutes (default 60): `--esp-timeout`. */
  espTimeoutMinutes?: number;
  /** Seed of the fit's simulations (default 1). */
  seed?: number;
  /** Keep one segment, such as "user-driven/entra". */
  segment?: string;
  /** Backtest the twin (`--check`): the report then compares it with the tenant. */
  check?: boolean;
}

const CALIBRATE_OPTIONS = optionNames<CalibrateOptions>({ deviceApps: true, userApps: true, espTimeoutMinutes: true, seed: true, segment: true, check: true });

/**
 * Graph's `deviceManagement/autopilotEvents` in memory, as a script has them from Graph: a page as Graph returns it
 * (`{ value: [...] }`, its `@odata` fields ignored) or the events themselves, each as one record of a JSON export.
 */
export type AutopilotEvents = { readonly value: readonly object[]; readonly [field: string]: unknown } | readonly object[];

/**
 * A twin of a tenant from its Graph exports of `deviceManagement/autopilotEvents`, as `calibrate` makes it: `twin` is the
 * fleet file (YAML; `loadFleet('twin.yaml', twin)` runs it), `report` what `calibrate --json` prints (with `check`, the
 * backtest). The records are export files (one or a list: paths, file: URLs or bundled names) or the events in memory (AutopilotEvents; errors then name
 * `events`, record n counting from 1). A file that cannot be read, an export with no usable deployment, a segment it lacks
 * or a wrong option is an InputError naming it.
 */
export async function calibrate(files: string | URL | readonly (string | URL)[] | AutopilotEvents, options: CalibrateOptions = {}): Promise<{ twin: string; report: CalibrationReport }> {
  checkOptions(options, CALIBRATE_OPTIONS, '{ deviceApps: 5 }');
  whole(options, 'deviceApps', 0, 200);
  whole(options, 'userApps', 0, 200);
  whole(options, 'espTimeoutMinutes', 1, 10_000);
  whole(options, 'seed', 0, 2 ** 32 - 1);
  yesOrNo(options, 'check');
  if (options.segment !== undefined && typeof options.segment !== 'string') throw new InputError('options', 'segment', `expected a segment such as "user-driven/entra", got ${shown(options.segment)}`);
  // A file: URL is its file, as node:fs reads one (a URL was taken for a Graph page without its value).
  files = (files instanceof URL ? pathOf(files) : Array.isArray(files) ? files.map(pathOf) : files) as typeof files;
  const events = eventsIn(files);
  // Neither a name, a list nor events (undefined, a number): a TypeError ('files is not iterable') before.
  const given: unknown[] = events ? ['events'] : Array.isArray(files) ? [...(files as readonly unknown[])] : [files];
  const list = given.filter((f): f is string => typeof f === 'string');
  if (list.length === 0 || list.length < given.length) throw new InputError('files', '', `expected one or more export files, or the events themselves (an array of autopilotEvents or a Graph page { value: [...] }), got ${shown(files)}`);
  const { observe, observeEvents, fitObserved, backtest, missingSegment, nothingToCalibrate } = await import('./calibrate/index.ts');
  const { calibrationReport } = await import('./calibrate/report.ts');
  const observed = events ? observeEvents(events) : await observe(list);
  const noSegment = missingSegment(observed, options.segment);
  if (noSegment) throw new InputError('options', 'segment', noSegment);
  const nothing = nothingToCalibrate(observed, list);
  if (nothing) throw new InputError(list.length === 1 ? list[0]! : 'files', '', nothing);
  const { segment, check, ...fit } = options;
  const calibration = fitObserved(observed, fit, segment);
  return { twin: calibration.yaml, report: calibrationReport(calibration, check ? backtest(calibration) : undefined) };
}

/** The events when `files` holds them (a Graph page or a list of objects), else null (file names, or a mistake). */
function eventsIn(files: unknown): readonly unknown[] | null {
  if (Array.isArray(files)) return files.length > 0 && files.every((f) => typeof f === 'object' && f !== null) ? files : null;
  if (typeof files !== 'object' || files === null) return null;
  const { value } = files as { value?: unknown };
  if (!Array.isArray(value)) throw new InputError('events', 'value', `expected the page's list of autopilotEvents, as Graph returns it ({ value: [...] }), got ${shown(value)}`);
  return value;
}

export interface RecommendOptions extends Cancellable {
  /** Devices simulated per scenario (default: the fleet's, else 1,000). */
  devices?: number;
  seed?: number;
  /** Worker threads (default 1); results are identical for any value. */
  workers?: number;
  /** The share of devices a hard requirement must fail for to exclude a scenario (default 0.05). */
  threshold?: number;
  onProgress?: (done: number, total: number) => void;
}

const RECOMMEND_OPTIONS = optionNames<RecommendOptions>({ devices: true, seed: true, workers: true, threshold: true, onProgress: true, signal: true });

/**
 * Which scenario fits a fleet, as `recommend` answers it: the exclusions with their sources, each remaining scenario
 * simulated on the same devices and ranked by the fleet's goals. Resolves to what `recommend --json` prints. The fleet
 * is one `loadFleet` gave or a plain object, as `runFleet` takes it.
 */
export async function recommend(fleet: Fleet | FleetInput, options: RecommendOptions = {}): Promise<Recommendation> {
  checkOptions(options, RECOMMEND_OPTIONS, '{ devices: 1000 }');
  whole(options, 'devices', 1, MAX_DEVICES);
  whole(options, 'seed', 0, 2 ** 32 - 1);
  whole(options, 'workers', 1, 64);
  if (options.threshold !== undefined && !(typeof options.threshold === 'number' && options.threshold > 0 && options.threshold <= 1)) throw new InputError('options', 'threshold', `expected a share above 0 and at most 1, got ${shown(options.threshold)}`);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw new InputError('options', 'onProgress', `expected a function, got ${shown(options.onProgress)}`);
  checkFleetArgument(fleet, 'fleet');
  const parsed = fleetOf(fleet);
  const { recommend: recommendFleet } = await import('./recommend/index.ts');
  const { workers, ...rest } = abortable(options);
  const executor = await executorFor(workers ?? 1);
  try {
    return await recommendFleet(parsed, { ...rest, executor });
  } finally {
    await executor.close();
  }
}

/** What a run that may be cancelled takes beside its own options. */
interface Cancellable {
  /** Stops the run when it aborts: the promise rejects with the signal's reason and the worker threads stop (unless another call is running on them). */
  signal?: AbortSignal;
}

export interface RunFleetOptions extends FleetRunOptions, Cancellable {}

const RUN_FLEET_OPTIONS = optionNames<RunFleetOptions>({ devices: true, seed: true, workers: true, environment: true, onProgress: true, onRows: true, signal: true });

/**
 * A fleet run, as `run --json` reports it: a fleet `loadFleet` gave or a plain object; the figures depend only on the
 * seed, whatever `workers` is.
 */
export async function runFleet(fleet: Fleet | FleetInput, options: RunFleetOptions = {}): Promise<FleetReport> {
  checkOptions(options, RUN_FLEET_OPTIONS, '{ devices: 1000 }');
  checkFleetArgument(fleet, 'fleet');
  return runFleetWith(fleet, abortable(options));
}

/**
 * The options without `signal`, their onProgress checking it: a run stops at the next chunk of 2,000 devices after the
 * signal aborts, on this thread as on workers (a chunk that fails its caller stops the pool's workers).
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

export interface CompareOptions extends Cancellable {
  /** Devices of each run (default: the fleets'). */
  devices?: number;
  seed?: number;
  /** Worker threads (default 1); results are identical for any value. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

const COMPARE_OPTIONS = optionNames<CompareOptions>({ devices: true, seed: true, workers: true, onProgress: true, signal: true });

/**
 * Two fleets, or one fleet two ways, on the same devices (common random numbers), as `compare --json` prints it. Each
 * side is `{ label, fleet, environment? }`: the environment merged under that side's own, so one fleet can be compared
 * with itself under another setting.
 */
export async function compareFleets(a: CompareSide, b: CompareSide, options: CompareOptions = {}): Promise<CompareResult> {
  // An environment for both runs: compareFleets' sides each have their own (it was taken and not used).
  if (typeof options === 'object' && options !== null && 'environment' in options) throw new InputError('options', 'environment', "expected on a side, { label, fleet, environment }: each run's own");
  checkOptions(options, COMPARE_OPTIONS, '{ devices: 1000 }');
  for (const [side, name] of [[a, 'a'], [b, 'b']] as const) if (typeof side === 'object' && side !== null) checkFleetArgument((side as { fleet?: unknown }).fleet, name, 'fleet');
  const run = abortable(options);
  return withWorkers(options.workers, (executor) => compareWith(a, b, { ...withoutWorkers(run), executor }));
}

export interface SweepOptions extends CompareOptions {
  /** Merged into every device's environment, as runFleet's. */
  environment?: EnvironmentInput;
}

const SWEEP_OPTIONS = optionNames<SweepOptions>({ devices: true, seed: true, workers: true, onProgress: true, signal: true, environment: true });

/** One setting moved over its values (`parseSweep('apps=4..24:4')`): `result` is what `sweep --json` prints, `reports` each value's run. */
export async function sweepFleet(fleet: Fleet | FleetInput, spec: SweepSpec, options: SweepOptions = {}): Promise<{ result: SweepResult; reports: FleetReport[] }> {
  checkOptions(options, SWEEP_OPTIONS, '{ devices: 1000 }');
  checkFleetArgument(fleet, 'fleet');
  const run = abortable(options);
  return withWorkers(options.workers, (executor) => sweepWith(fleet, spec, { ...withoutWorkers(run), executor }));
}

/** The run on `workers` threads (checked as runFleet checks them), the threads let go after it. */
async function withWorkers<T>(workers: number | undefined, run: (executor: Executor) => Promise<T>): Promise<T> {
  whole({ workers }, 'workers', 1, 64);
  const executor = await executorFor(workers ?? 1);
  try {
    return await run(executor);
  } finally {
    await executor.close();
  }
}

const withoutWorkers = <T extends { workers?: number }>({ workers: _workers, ...rest }: T): Omit<T, 'workers'> => rest;

export type ReplayOptions = Omit<RunFleetOptions, 'onProgress' | 'onRows' | 'signal'>;

const REPLAY_OPTIONS = optionNames<ReplayOptions>({ devices: true, seed: true, workers: true, environment: true });

/**
 * One device of a fleet replayed step by step, as a run with the same options counted it (a failure mode's
 * `exampleDevice` is its index). An index the fleet does not have is an InputError naming `index`.
 */
export async function replayFleetDevice(fleet: Fleet | FleetInput, index: number, options: ReplayOptions = {}): Promise<ReplayedDevice> {
  checkOptions(options, REPLAY_OPTIONS, '{ devices: 1000 }');
  checkFleetArgument(fleet, 'fleet');
  if (!(Number.isInteger(index) && index >= 0)) throw new InputError('index', '', `expected a device's index, a whole number from 0 (a failure mode's exampleDevice), got ${shown(index)}`);
  try {
    return await replayWith(fleet, index, options);
  } catch (e) {
    // The command line says this as --device's error; from a script it is the index's.
    if (e instanceof RangeError && /^the fleet has \d+ devices/.test(e.message)) throw new InputError('index', '', `expected a device of the fleet: ${e.message}`);
    throw e;
  }
}

const DERIVE_OPTIONS = optionNames<DeriveOptions>({ runsPerVariant: true, seed: true, machines: true, wrapWorld: true });

/**
 * The capability table derived from the machines, cell by cell, over generated environments (`autopilot-sim
 * capabilities`). Its options checked as the others' are: deriveTable(null) was a TypeError from inside.
 */
export function deriveTable(options: DeriveOptions = {}): DerivedCell[] {
  checkOptions(options, DERIVE_OPTIONS, '{ runsPerVariant: 60 }');
  whole(options, 'runsPerVariant', 1, 100_000);
  whole(options, 'seed', 0, 2 ** 32 - 1);
  return deriveTableWith(options);
}

export type { RunFile } from './engine/session.ts';
export { defaultEnvironment, InputError } from './environment/load.ts';
export type { Environment, EnvironmentInput, ScenarioFile, Scenario } from './environment/schema.ts';
export { type Fleet, type FleetInput, type FleetReport, type ReplayedDevice, CSV_HEADER } from './fleet/index.ts';
export { parseSweep, type CompareSide, type SweepSpec } from './fleet/analysis.ts';
export type { CompareResult, SweepResult } from './fleet/analysis-types.ts';
export type { CalibrationReport, Recommendation };
export { MICROSOFT, CAPABILITIES } from './capabilities/table.ts';
export { catalog, lookup } from './catalog/errors.ts';
export { machines } from '../machines/index.ts';

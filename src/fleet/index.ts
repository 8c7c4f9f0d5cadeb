// The library API for fleets: `import { runFleet } from 'autopilot-sim'`.
import { inputName, readInputOnce, readInputText } from '../environment/files.ts';
import { decodeText, InputError, isFleetData, parseScenario, parseText } from '../environment/load.ts';
import type { EnvironmentInput } from '../environment/schema.ts';
import { checkRunOptions, fleetFrom, fleetOf, parseFleet } from './load.ts';
import { buildReport, type FleetReport } from './report.ts';
import { executeFleet, inThread, stoppedBy, type Executor } from './run.ts';
import type { ReplayedDevice } from './replay.ts';
import type { Fleet, FleetInput } from './schema.ts';
import { shown } from '../format.ts';

export interface RunFleetOptions {
  /** Fleet size (default: the file's). */
  devices?: number;
  seed?: number;
  /** Worker threads; 1 runs in this thread. Results are identical for any value. */
  workers?: number;
  /** Merged into every device's environment. */
  environment?: EnvironmentInput;
  onProgress?: (done: number, total: number) => void;
  /** CSV rows, one per device, in device order (header: CSV_HEADER). */
  onRows?: (rows: string[]) => void;
}

export { isFleetData };

/** Whether a file holds a fleet (it has fleet fields) rather than one scenario. Reads the file: for bundled files, not for inputs read once. */
export function isFleetFile(path: string): boolean {
  try {
    return isFleetData(parseText(path, decodeText(path, readInputOnce(path))).raw);
  } catch {
    return false;
  }
}

/**
 * A fleet file, or a single-device scenario file run as a fleet of identical devices: a path, or a bundled name as
 * `autopilot-sim scenarios` lists them ("fleets/branch-rollout"), as the command line takes it. The file is read once
 * (unless `text` is given).
 */
export function loadFleet(path: string, text?: string): Fleet {
  if (typeof path !== 'string') throw new InputError('loadFleet', '', `expected a file's path or a bundled name such as "fleets/branch-rollout", got ${shown(path)}`);
  if (text !== undefined && typeof text !== 'string') throw new InputError(path, '', `expected the file's text (loadFleet(name, text)), got ${shown(text)}`);
  // A bundled name was "file not found (give a path, or a bundled name ...): did you mean fleets/branch-rollout?" for
  // fleets/branch-rollout itself: only the command line looked among the bundled files.
  const { name, text: body } = text === undefined ? readInputText(path) : { name: inputName(path), text };
  const { raw } = parseText(name, body);
  if (isFleetData(raw)) return parseFleet(name, body);
  const fleet = scenarioAsFleet(name, body, raw);
  if (setsNothingIn(raw)) SETS_NOTHING.add(fleet);
  return fleet;
}

/**
 * Fleets loaded from a file that sets nothing: empty, only comments, or only a name. Such a file is the default
 * environment by design (1,000 healthy user-driven devices), which the command line says on standard error: an empty
 * file, a template left unfilled or a process substitution that gave nothing ran 1,000 devices without a word.
 */
const SETS_NOTHING = new WeakSet<Fleet>();

/** Whether loadFleet read this fleet from a file that sets nothing (empty, only comments, only a name): the default environment. */
export function setsNothing(fleet: Fleet): boolean {
  return SETS_NOTHING.has(fleet);
}

/** Whether a file's parsed content sets nothing a run reads: no field but $schema, name and description. */
export function setsNothingIn(raw: Record<string, unknown>): boolean {
  return Object.keys(raw).every((k) => k === '$schema' || k === 'name' || k === 'description');
}

function scenarioAsFleet(name: string, body: string, raw: Record<string, unknown>): Fleet {
  // A scenario file: its environment for every device.
  // Checked as the scenario file it is first: a wrong field is named as typed, with its line ('scenario: device-prep' was
  // 'environment.scenario' with no line, the path inside the fleet of one group it runs as).
  parseScenario(name, body);
  const { $schema: _schema, name: fleetName, description, seed, expect: _expect, references: _references, lesson: _lesson, ...environment } = raw as Record<string, unknown>;
  void [_schema, _expect, _references, _lesson];
  return fleetFrom({ ...(fleetName ? { name: fleetName } : {}), ...(description ? { description } : {}), ...(seed !== undefined ? { seed } : {}), environment }, name);
}

/** This thread for one worker; a pool of worker threads for more. */
export async function executorFor(workers: number): Promise<Executor> {
  if (workers <= 1) return inThread;
  const { WorkerPool } = await import('./pool.ts');
  return WorkerPool.shared(workers);
}

/** `signal` stops the run (the library's runFleet takes one). */
export async function runFleet(fleet: Fleet | FleetInput, options: RunFleetOptions = {}, signal?: AbortSignal): Promise<FleetReport> {
  const parsed = fleetOf(fleet);
  checkRunOptions(options);
  const executor = stoppedBy(await executorFor(options.workers ?? 1), signal);
  try {
    const run = await executeFleet(parsed, { ...(options.devices ? { devices: options.devices } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.environment ? { environment: options.environment } : {}) }, executor, {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onRows ? { onRows: options.onRows } : {}),
    });
    return buildReport(run);
  } finally {
    await executor.close();
  }
}

/**
 * One device of a fleet replayed step by step: its trace and outcome, as the fleet run with the same options counted
 * it (a report's failure modes name their first device, `exampleDevice`). `index` is 0 to devices - 1.
 */
export async function replayFleetDevice(fleet: Fleet | FleetInput, index: number, options: Omit<RunFleetOptions, 'onProgress' | 'onRows'> = {}, signal?: AbortSignal): Promise<ReplayedDevice> {
  const parsed = fleetOf(fleet);
  checkRunOptions(options);
  // The engine loads here only when a device is replayed: a run that hands its devices to workers never loads it on this thread.
  const { replayDevice } = await import('./replay.ts');
  const executor = stoppedBy(await executorFor(options.workers ?? 1), signal);
  try {
    return await replayDevice(parsed, index, { ...(options.devices ? { devices: options.devices } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.environment ? { environment: options.environment } : {}) }, executor);
  } finally {
    await executor.close();
  }
}

export type { Fleet, FleetInput, FleetReport, ReplayedDevice };
export { CSV_HEADER } from './run.ts';

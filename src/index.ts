// The library API: what the command line does, for architects who script their questions.
import { simulate as simulateParsed, type Simulation, type SimulateOptions } from './engine/simulate.ts';
import { defaultEnvironment, InputError } from './environment/load.ts';
import { EnvironmentSchema, type Environment, type EnvironmentInput } from './environment/schema.ts';
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
  parsedKeys ??= Object.keys(EnvironmentSchema.parse({}));
  const whole = typeof env === 'object' && env !== null && parsedKeys.every((k) => k in env);
  return simulateParsed(whole ? (env as Environment) : defaultEnvironment(env), options);
}

/** The options simulate takes (SimulateOptions): another is a typo. */
const SIMULATE_OPTIONS = ['seed', 'index', 'trace', 'visited', 'maxSteps', 'maxMinutes', 'machine', 'wrapWorld', 'shared', 'drivers'];

/**
 * simulate's options, checked as runFleet's are: { seed: 'x' } ran and reported seed "x", { sed: 3 } ran seed 1, both
 * without a word.
 */
function checkSimulateOptions(options: SimulateOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new InputError('options', '', `expected an object such as { seed: 1 }, got ${JSON.stringify(options) ?? String(options)}`);
  for (const key of Object.keys(options)) if (!SIMULATE_OPTIONS.includes(key)) throw new InputError('options', key, `unknown option (expected one of ${SIMULATE_OPTIONS.join(', ')})`);
  const whole = (name: 'seed' | 'index' | 'maxSteps', from: number, to: number) => {
    const value: unknown = options[name];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= from && (value as number) <= to)) throw new InputError('options', name, `expected a whole number from ${from} to ${to}, got ${JSON.stringify(value) ?? String(value)}`);
  };
  whole('seed', 0, 2 ** 32 - 1);
  whole('index', 0, Number.MAX_SAFE_INTEGER);
  whole('maxSteps', 1, Number.MAX_SAFE_INTEGER);
  if (options.maxMinutes !== undefined && !(typeof options.maxMinutes === 'number' && options.maxMinutes > 0)) throw new InputError('options', 'maxMinutes', `expected minutes above 0, got ${JSON.stringify(options.maxMinutes) ?? String(options.maxMinutes)}`);
}
export { Session, type RunFile } from './engine/session.ts';
export { runLive } from './engine/live.ts';
export { defaultEnvironment, parseScenario, environmentOf, InputError } from './environment/load.ts';
export type { Environment, EnvironmentInput, ScenarioFile, Scenario } from './environment/schema.ts';
export { runFleet, loadFleet, replayFleetDevice, type RunFleetOptions, type Fleet, type FleetInput, type FleetReport, type ReplayedDevice, CSV_HEADER } from './fleet/index.ts';
export { compareFleets, sweepFleet, parseSweep } from './fleet/analysis.ts';
export type { CompareResult, SweepResult } from './fleet/analysis-types.ts';
export { deriveTable } from './capabilities/derive.ts';
export { MICROSOFT, CAPABILITIES } from './capabilities/table.ts';
export { catalog, lookup } from './catalog/errors.ts';
export { machines } from '../machines/index.ts';

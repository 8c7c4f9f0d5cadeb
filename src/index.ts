// The library API: what the command line does, for architects who script their questions.
import { simulate as simulateParsed, type Simulation, type SimulateOptions } from './engine/simulate.ts';
import { defaultEnvironment } from './environment/load.ts';
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
  parsedKeys ??= Object.keys(EnvironmentSchema.parse({}));
  const whole = typeof env === 'object' && env !== null && parsedKeys.every((k) => k in env);
  return simulateParsed(whole ? (env as Environment) : defaultEnvironment(env), options);
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

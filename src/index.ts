// The library API: what the command line does, for architects who script their questions.
export { simulate, type Outcome, type Simulation, type SimulateOptions, type TraceEntry } from './engine/simulate.ts';
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

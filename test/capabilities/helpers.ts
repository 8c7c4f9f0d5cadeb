// Shared by the capability property families (test/capabilities/*.test.ts): generated
// environments per scenario, one run with its visited states, and the questions the
// families ask of a run (which tags its path passes, who caused its events, in which flow).
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ScenarioId } from '../../machines/setup.ts';
import { environmentArbitrary, merge, VARIANTS, type GeneratedEnvironment, type Variant } from '../../src/capabilities/generators.ts';
import { CAPABILITIES, MICROSOFT, type Capability, type Cell, type TableScenario } from '../../src/capabilities/table.ts';
import { simulate, type Outcome, type TraceEntry, type Visit } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import type { Environment, EnvironmentInput } from '../../src/environment/schema.ts';

/** Property runs per test.prop: the whole directory has to stay fast on two cores. */
export const RUNS = 100;

export interface Run {
  g: GeneratedEnvironment;
  env: Environment;
  outcome: Outcome;
  visited: Visit[];
  trace: TraceEntry[];
}

/**
 * Runs already simulated in this worker, by what they were made from: the families draw the same
 * environments (one seed per worker, prop.ts) and findRun walks the same fixed sample, so each is
 * simulated once. A run is the same for the same environment and seed (the engine is deterministic);
 * the families only read runs.
 */
const simulated = new Map<string, Run>();
const SIMULATED_KEPT = 5000;

/** Simulate a generated environment with its own seed, recording the visited states (and the trace on request). */
export function run(g: GeneratedEnvironment, options: { trace?: boolean } = {}): Run {
  const trace = options.trace ?? false;
  const key = JSON.stringify([g.seed, trace, g.environment]);
  const kept = simulated.get(key);
  if (kept) return kept.g === g ? kept : { ...kept, g };
  const env = defaultEnvironment(g.environment);
  const s = simulate(env, { seed: g.seed, trace, visited: true });
  const r: Run = { g, env, outcome: s.outcome, visited: s.visited!, trace: s.trace };
  if (simulated.size >= SIMULATED_KEPT) simulated.delete(simulated.keys().next().value!);
  simulated.set(key, r);
  return r;
}

/** Half the runs healthy (the variant's base plus neutral settings), half with up to `maxFaults` documented faults. */
export function variantArb(v: Variant, options: { maxFaults?: number; withFault?: string } = {}): fc.Arbitrary<GeneratedEnvironment> {
  const faulty = environmentArbitrary(v, { maxFaults: options.maxFaults ?? 2, ...(options.withFault ? { withFault: options.withFault } : {}) });
  return options.withFault ? faulty : fc.oneof(environmentArbitrary(v), faulty);
}

/** Any variant of one scenario (healthy or with faults). */
export function scenarioArb(scenario: ScenarioId, options: { maxFaults?: number; withFault?: string } = {}): fc.Arbitrary<GeneratedEnvironment> {
  return fc.constantFrom(...VARIANTS[scenario]).chain((v) => variantArb(v, options));
}

/** A generated environment with an extra change merged over it (after the faults). */
export function withChange(arb: fc.Arbitrary<GeneratedEnvironment>, change: EnvironmentInput | ((g: GeneratedEnvironment) => EnvironmentInput)): fc.Arbitrary<GeneratedEnvironment> {
  return arb.map((g) => ({ ...g, environment: merge<EnvironmentInput>(g.environment, typeof change === 'function' ? change(g) : change) }));
}

export const succeeded = (r: Run) => r.outcome.status === 'succeeded';
export const passes = (r: Run, tag: string) => r.visited.some((v) => v.tags.has(tag));
export const visitsWith = (r: Run, tag: string) => r.visited.filter((v) => v.tags.has(tag));
export const eventsBy = (r: Run, ...sources: string[]) => r.visited.filter((v) => sources.includes(v.source));
export const flowOf = (v: Visit): 'technician' | 'user' | 'none' => (v.tags.has('flow:technician') ? 'technician' : v.tags.has('flow:user') ? 'user' : 'none');

/** `expect(actual, message()).toEqual(expected)`, building the message only when it fails (paths are long). */
export function expectLazy(actual: unknown, expected: unknown, message: () => string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual, message()).toEqual(expected);
}

/** `expect(condition, message()).toBe(true)`, building the message only when it fails. */
export function ensure(condition: boolean, message: () => string): void {
  if (!condition) expect(condition, message()).toBe(true);
}

/** The run and its path, for failure messages. */
export const explain = (r: Run) => () => `${describeRun(r)}\n${pathOf(r)}`;

/** A short description of a run for assertion messages (reproduce with the variant, faults and seed). */
export function describeRun(r: Run): string {
  const o = r.outcome;
  return `${r.g.variant.scenario}/${r.g.variant.name} faults=[${r.g.faults.join(', ')}] seed=${r.g.seed}: ${o.status}${o.errorCode ? ` ${o.errorCode}` : ''}${o.cause ? ` (${o.cause})` : ''}${o.fallbackReason ? ` (${o.fallbackReason})` : ''}`;
}

/** The path, one visited state per line, for assertion messages. */
export function pathOf(r: Run): string {
  return r.visited.map((v) => `  ${v.event} [${v.source}] -> ${v.path} {${[...v.tags].filter((t) => !t.startsWith('clock:')).join(' ')}}`).join('\n');
}

/** The states after the task sequence of an existing-devices run: the follow-on deployment's part of the path. */
export function afterTaskSequence(r: Run): Visit[] {
  const i = r.visited.findIndex((v) => v.path.startsWith('oobe'));
  return i < 0 ? [] : r.visited.slice(i);
}

/** A run restricted to some of its visits (to apply a follow-on scenario's cell to its part of the path). */
export const restrictTo = (r: Run, visited: Visit[]): Run => ({ ...r, visited });

/** Microsoft's cell for a row and a scenario, checked to be one the family knows how to read. */
export function cell(row: Capability, scenario: ScenarioId): Cell {
  if (!CAPABILITIES.includes(row)) throw new Error(`unknown row ${row}`);
  return MICROSOFT[row][scenario as TableScenario];
}

/**
 * An existential check, deterministic: walks a fixed-seed sample of the arbitrary and
 * returns the first run that satisfies `pred`, or undefined (test.prop only states "for all").
 */
export function findRun(arb: fc.Arbitrary<GeneratedEnvironment>, pred: (r: Run) => boolean, options: { numRuns?: number; seed?: number } = {}): Run | undefined {
  for (const g of fc.sample(arb, { numRuns: options.numRuns ?? 300, seed: options.seed ?? 42 })) {
    const r = run(g);
    if (pred(r)) return r;
  }
  return undefined;
}

/** User-caused events on OOBE's locale, network and privacy pages, and on an ESP error page. */
export const FRONT_END_USER_EVENTS = new Set(['user.regionAndKeyboardChosen', 'user.wifiJoined', 'user.oobePagesCompleted']);
export const ERROR_PAGE_USER_EVENTS = new Set(['user.retry', 'user.resetDevice', 'user.continueAnyway', 'user.gaveUp']);

/**
 * The meaning of a cell in a row about a tag on the path ("TPM authenticates" -> tpmAttestation,
 * "User authenticates" -> userAuthentication, "Supports assigning user to device" -> userAssignment):
 * - Yes: every successful path passes a state with the tag;
 * - No: no path (successful or not) ever does;
 * - Technician flow / User flow: every successful path passes it, and only ever inside that flow;
 * - Local reset / Remote reset: Yes for that kind of reset, No for the other;
 * - NA for existing devices: the follow-on deployment's cell holds for the part of the path after
 *   the task sequence, and the task sequence itself never passes the tag;
 * - NA for reset: the reset keeps the identity the device has, so no path passes the tag.
 */
export function expectTagCell(row: Capability, tag: string, c: Cell, r: Run): void {
  const why = () => `${row} = ${c} for ${r.g.variant.scenario}, tag ${tag}\n${describeRun(r)}\n${pathOf(r)}`;
  const yes = () => {
    if (succeeded(r)) ensure(passes(r, tag), why);
  };
  const no = () => expectLazy(visitsWith(r, tag).map((v) => v.path), [], why);
  switch (c) {
    case 'Yes':
      return yes();
    case 'No':
      return no();
    case 'Technician flow':
    case 'User flow': {
      yes();
      const flow = c === 'Technician flow' ? 'technician' : 'user';
      expectLazy(visitsWith(r, tag).filter((v) => flowOf(v) !== flow).map((v) => v.path), [], why);
      return;
    }
    case 'Local reset':
      return r.env.reset.kind === 'local' ? yes() : no();
    case 'Remote reset':
      return r.env.reset.kind === 'remote' ? yes() : no();
    case 'NA': {
      if (r.g.variant.scenario === 'reset') return no();
      if (r.g.variant.scenario !== 'existing-devices') throw new Error(`NA is only read for existing devices and reset, not ${r.g.variant.scenario}`);
      const follow = afterTaskSequence(r);
      const ts = r.visited.slice(0, r.visited.length - follow.length);
      expectLazy(ts.filter((v) => v.tags.has(tag)).map((v) => v.path), [], why);
      const followOn = r.outcome.followOn as ScenarioId | undefined;
      if (followOn) expectTagCell(row, tag, MICROSOFT[row][followOn as TableScenario], restrictTo(r, follow));
      return;
    }
    default:
      throw new Error(`no reading for cell ${c}`);
  }
}

/** User-caused events that are not interaction with the deployment itself: OOBE's network and locale pages, an error page, turning the device on. */
export const INCIDENTAL_USER_EVENTS = new Set([...FRONT_END_USER_EVENTS, ...ERROR_PAGE_USER_EVENTS, 'user.poweredOn']);

/**
 * The meaning of a cell in a row about who causes the deployment's events ("Deployment requires
 * interaction by user" -> source user, "... by IT admin/OEM/reseller" -> technician, admin):
 * - Yes: every successful path has an event caused by them (not counting `incidental` events);
 * - No: no path ever has one (not counting `incidental` events);
 * - Local reset / Remote reset: Yes for that kind of reset, No for the other;
 * - NA for existing devices: the follow-on deployment's cell holds after the task sequence,
 *   and the task sequence itself has no such event.
 */
export function expectSourceCell(row: Capability, sources: string[], c: Cell, r: Run, incidental: ReadonlySet<string> = new Set()): void {
  const why = () => `${row} = ${c} for ${r.g.variant.scenario}, sources ${sources.join('/')}\n${describeRun(r)}\n${pathOf(r)}`;
  const caused = () => r.visited.filter((v) => sources.includes(v.source) && !incidental.has(v.event));
  const yes = () => {
    if (succeeded(r)) ensure(caused().length > 0, why);
  };
  const no = () => expectLazy(caused().map((v) => v.event), [], why);
  switch (c) {
    case 'Yes':
      return yes();
    case 'No':
      return no();
    case 'Local reset':
      return r.env.reset.kind === 'local' ? yes() : no();
    case 'Remote reset':
      return r.env.reset.kind === 'remote' ? yes() : no();
    case 'NA': {
      if (r.g.variant.scenario !== 'existing-devices') throw new Error(`NA is only read for existing devices here, not ${r.g.variant.scenario}`);
      const follow = afterTaskSequence(r);
      const ts = r.visited.slice(0, r.visited.length - follow.length);
      expectLazy(ts.filter((v) => sources.includes(v.source) && !incidental.has(v.event)).map((v) => v.event), [], why);
      const followOn = r.outcome.followOn as ScenarioId | undefined;
      if (followOn) expectSourceCell(row, sources, MICROSOFT[row][followOn as TableScenario], restrictTo(r, follow), incidental);
      return;
    }
    default:
      throw new Error(`no reading for cell ${c}`);
  }
}

/** The join a generated environment asks for (reset: the join the device already has). */
export function intendedJoin(g: GeneratedEnvironment): 'entra' | 'hybrid' {
  const env = defaultEnvironment(g.environment);
  switch (g.variant.scenario) {
    case 'self-deploying':
      return 'entra';
    case 'reset':
      return env.reset.currentJoin;
    case 'existing-devices': {
      // The cloud profile wins over the JSON when the device is registered with one assigned, unless the online download
      // times out (the Autopilot service blocked): then the JSON applies (domain §1.2, §2.7).
      const r = env.registration;
      const cloud = r.registered && !env.hardware.motherboardReplaced && (r.profileStatus === 'assigned' || r.defaultProfile);
      if (cloud && !env.network.blockedEndpoints.includes('autopilot')) return env.profile.deploymentMode === 'self-deploying' ? 'entra' : env.profile.joinType;
      return env.existingDevices.jsonProfile.deploymentMode === 'self-deploying' ? 'entra' : env.existingDevices.jsonProfile.joinType;
    }
    default:
      return env.profile.joinType;
  }
}

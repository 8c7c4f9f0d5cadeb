// Coverage of the model: every state and transition each machine defines, which of them
// xstate/graph can reach at all (a traversal with every event the states accept, over a
// set of inputs), and which the generated environments actually reach through the world.
import { activeNodes } from '../engine/xstate-adapter.ts';
import fc from 'fast-check';
import { createActor, getInitialMicrosteps, type AnyMachineSnapshot, type AnyStateMachine, type AnyStateNode } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import { machines } from '../../machines/index.ts';
import type { DeploymentInput, ScenarioId } from '../../machines/setup.ts';
import { simulate } from '../engine/simulate.ts';
import { allStateNodes, allTransitions, initialStructure, stepStructure } from '../engine/structure.ts';
import { graphFor, type TransitionGraph } from '../engine/transitions.ts';
import { defaultEnvironment } from '../environment/load.ts';
import { inputFor } from '../world/index.ts';
import { anyEnvironmentArbitrary, environmentArbitrary, FAULTS, ON_ERROR, VARIANTS, type GeneratedEnvironment } from './generators.ts';

export interface MachineCoverage {
  scenario: ScenarioId;
  states: { total: number; reachable: number; covered: number };
  transitions: { total: number; reachable: number; covered: number };
  /** Defined but not reachable in the model at all (dead structure). */
  unreachable: string[];
  /** Reachable in the model but no generated environment got there. */
  uncovered: string[];
}

const BASE_INPUT: DeploymentInput = {
  joinType: 'entra',
  esp: { enabled: true, timeoutMinutes: 60, allowReset: false, allowContinueAnyway: false, collectLogs: false, blockDeviceUse: true, installQualityUpdates: false, skipUserStatusPage: false, skipDeviceStatusPage: false },
  windows11: true,
  metered: false,
  userFlowMetered: false,
  skipAdConnectivityCheck: false,
  kioskAutologon: false,
  resetKind: 'local',
  technicianFlowNeedsDc: false,
  preProvisioningEspRequired: false,
  speedUpTaskSequence: false,
  taskSequenceEndsWithShutdown: false,
  devicePreparation: { automatic: false, timeoutMinutes: 60, allowSkip: false, continueAutomatically: false, denyAccessOnFailure: false },
};

/** The inputs the traversal tries, so that every guard over the input is seen both ways. */
function inputs(): DeploymentInput[] {
  const esp = BASE_INPUT.esp;
  return [
    BASE_INPUT,
    {
      ...BASE_INPUT,
      joinType: 'hybrid',
      technicianFlowNeedsDc: true,
      preProvisioningEspRequired: true,
      esp: { ...esp, allowReset: true, allowContinueAnyway: true, collectLogs: true, installQualityUpdates: true },
      kioskAutologon: true,
      resetKind: 'remote',
      speedUpTaskSequence: true,
      taskSequenceEndsWithShutdown: true,
      devicePreparation: { automatic: false, timeoutMinutes: 30, allowSkip: true, continueAutomatically: true, denyAccessOnFailure: false },
    },
    // Windows 365 automatic mode, with and without "deny access on failure".
    { ...BASE_INPUT, devicePreparation: { automatic: true, timeoutMinutes: 30, allowSkip: false, continueAutomatically: false, denyAccessOnFailure: false } },
    { ...BASE_INPUT, devicePreparation: { automatic: true, timeoutMinutes: 30, allowSkip: false, continueAutomatically: false, denyAccessOnFailure: true } },
    // The 2023 reading's DC check in a technician flow with the ESP hidden (its device preparation off the ESP).
    // With "Skip AD connectivity check" too, the ping is skipped there as everywhere (§2.2 H5).
    { ...BASE_INPUT, joinType: 'hybrid', technicianFlowNeedsDc: true, esp: { ...esp, enabled: false } },
    { ...BASE_INPUT, joinType: 'hybrid', skipAdConnectivityCheck: true, technicianFlowNeedsDc: true, esp: { ...esp, enabled: false } },
    // A self-deploying kiosk with the device ESP hidden: its tracking and IME behind the kiosk's desktop.
    { ...BASE_INPUT, kioskAutologon: true, esp: { ...esp, enabled: false } },
    { ...BASE_INPUT, esp: { ...esp, skipUserStatusPage: true } },
  ];
}

const PROFILE_EVENTS = ['user-driven', 'self-deploying', 'pre-provisioned'].flatMap((mode) =>
  (['entra', 'hybrid'] as const).map((joinType) => ({ mode, joinType })),
);

/** Every event the active states accept, with a stand-in payload. */
function eventsFor(snapshot: AnyMachineSnapshot): Array<{ type: string; [k: string]: unknown }> {
  const out: Array<{ type: string; [k: string]: unknown }> = [];
  const nodes = activeNodes(snapshot);
  const types = new Set<string>();
  for (const n of nodes) for (const t of (n.transitions as Map<string, unknown>).keys()) types.add(t);
  for (const type of types) {
    if (type.startsWith('xstate.done')) continue;
    if (type === 'profile.downloaded' || type === 'profile.jsonApplied') for (const p of PROFILE_EVENTS) out.push({ type, ...p });
    else out.push({ type, code: 'E' });
  }
  return out;
}

function modelReach(machine: AnyStateMachine): { states: Set<string>; transitions: Set<string> } {
  const states = new Set<string>();
  const transitions = new Set<string>();
  const actor = createActor(machine, { input: BASE_INPUT });
  const scope = { self: actor, defer: () => {}, id: '', logger: () => {}, sessionId: '', stopChild: () => {}, system: actor.system, emit: () => {}, actionExecutor: () => {} };
  for (const input of inputs()) {
    const initial = initialStructure(machine, getInitialMicrosteps(machine, input as never).map(([s]) => s as AnyMachineSnapshot));
    initial.entered.forEach((id) => states.add(id));
    initial.fired.forEach((id) => transitions.add(id));
    const adjacency = getAdjacencyMap(machine, {
      input,
      events: (s: unknown) => eventsFor(s as AnyMachineSnapshot),
      serializeState: (s: unknown) => JSON.stringify([(s as AnyMachineSnapshot).value, (s as AnyMachineSnapshot).context]),
      limit: 100_000,
    } as never);
    for (const { state, transitions: edges } of Object.values(adjacency) as Array<{ state: AnyMachineSnapshot; transitions: Record<string, { event: { type: string } }> }>) {
      for (const n of activeNodes(state as AnyMachineSnapshot)) states.add(n.id);
      for (const { event } of Object.values(edges)) {
        const micro = machine.microstep(state, event as never, scope as never) as AnyMachineSnapshot[];
        const { fired, entered } = stepStructure(machine, state, event, micro);
        fired.forEach((id) => transitions.add(id));
        entered.forEach((id) => states.add(id));
      }
    }
  }
  return { states, transitions };
}

/** The generated environments coverage runs: every variant with every fault, then random mixes. */
export function coverageEnvironments(options: { perFault?: number; mixed?: number; seed?: number } = {}): GeneratedEnvironment[] {
  const seed = options.seed ?? 7;
  const out: GeneratedEnvironment[] = [];
  for (const variant of Object.values(VARIANTS).flat()) {
    for (const fault of ['', ...Object.keys(FAULTS)]) {
      // Each fault once per thing the person at an error page can do, with the buttons there.
      for (const onError of ON_ERROR) {
        const arb = environmentArbitrary(variant, { onError, ...(fault ? { withFault: fault } : {}) });
        // A seed of the variant, the fault and the choice only: adding a fault leaves every other sample as it was.
        out.push(...fc.sample(arb, { seed: (seed + stableSeed(`${variant.scenario}/${variant.name}/${fault}/${onError}`)) >>> 0, numRuns: options.perFault ?? 2 }));
      }
    }
  }
  out.push(...fc.sample(anyEnvironmentArbitrary({ maxFaults: 2 }), { seed, numRuns: options.mixed ?? 1000 }));
  return out;
}

/** The environments in the order that reaches everything soonest: the first sample of every variant, fault and choice, then the second, ..., then the random mixes. */
function firstOfEach(environments: GeneratedEnvironment[], perGroup: number, mixed: number): GeneratedEnvironment[] {
  const targeted = environments.slice(0, environments.length - mixed);
  const out: GeneratedEnvironment[] = [];
  for (let k = 0; k < perGroup; k++) for (let i = k; i < targeted.length; i += perGroup) out.push(targeted[i]!);
  return [...out, ...environments.slice(environments.length - mixed)];
}

/** What some simulations reached: the states entered and the transitions taken, by id. */
class Reached {
  readonly states = new Set<string>();
  readonly transitions = new Set<string>();

  /** Add what a graph holds (every edge its runs have taken so far). */
  add(graph: TransitionGraph): void {
    graph.root.entered.forEach((id) => this.states.add(id));
    graph.root.fired.forEach((id) => this.transitions.add(id));
    for (const node of graph.nodes.values()) {
      for (const edge of node.edges.values()) {
        edge.fired.forEach((id) => this.transitions.add(id));
        edge.entered.forEach((id) => this.states.add(id));
      }
    }
  }

  has(states: string[], transitions: string[]): boolean {
    return states.every((id) => this.states.has(id)) && transitions.every((id) => this.transitions.has(id));
  }
}

/** FNV-1a of a string. */
function stableSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Simulate generated environments (with faults) and report, per machine, what they reached. */
export function coverage(options: { perFault?: number; mixed?: number; seed?: number } = {}): MachineCoverage[] {
  const ids = Object.keys(machines) as ScenarioId[];
  const defined = ids.map((scenario) => {
    const machine = machines[scenario] as AnyStateMachine;
    return { scenario, machine, states: allStateNodes(machine).map((n) => n.id), transitions: allTransitions(machine).map((t) => t.id) };
  });
  // A machine whose every state and transition has been reached cannot gain anything from
  // another run (what is covered only grows, up to all of it): the environments of its scenario
  // left are not simulated. A machine with something unreached runs all of its environments, as before.
  const done = new Set<ScenarioId>();
  const runs = new Map<ScenarioId, number>();
  // What these runs reached, per scenario, from the graph each run used (after the run, so with
  // its edges): what these environments reach, not what other simulations in the same process
  // happened to reach. A graph's edges only grow, and only a run that uses it adds any.
  const reached = new Map<ScenarioId, Reached>(ids.map((id) => [id, new Reached()]));
  for (const g of firstOfEach(coverageEnvironments(options), options.perFault ?? 2, options.mixed ?? 1000)) {
    const scenario = g.environment.scenario as ScenarioId;
    if (done.has(scenario)) continue;
    const env = defaultEnvironment(g.environment);
    simulate(env, { seed: g.seed, trace: false });
    const r = reached.get(scenario)!;
    r.add(graphFor(machines[scenario] as AnyStateMachine, inputFor(env)));
    const n = (runs.get(scenario) ?? 0) + 1;
    runs.set(scenario, n);
    const d = defined.find((x) => x.scenario === scenario);
    if (d && n % 100 === 0 && r.has(d.states, d.transitions)) done.add(scenario);
  }
  return defined.map(({ scenario, machine, states: allStates, transitions: allTrans }) => {
    const model = modelReach(machine);
    const { states: coveredStates, transitions: coveredTrans } = reached.get(scenario)!;
    const unreachable = [...allStates.filter((s) => !model.states.has(s)), ...allTrans.filter((t) => !model.transitions.has(t))];
    const uncovered = [...allStates.filter((s) => model.states.has(s) && !coveredStates.has(s)), ...allTrans.filter((t) => model.transitions.has(t) && !coveredTrans.has(t))];
    return {
      scenario,
      states: { total: allStates.length, reachable: allStates.filter((s) => model.states.has(s)).length, covered: allStates.filter((s) => coveredStates.has(s)).length },
      transitions: { total: allTrans.length, reachable: allTrans.filter((t) => model.transitions.has(t)).length, covered: allTrans.filter((t) => coveredTrans.has(t)).length },
      unreachable,
      uncovered,
    };
  });
}

// One device in, a trace and an outcome out. The kernel (src/engine/kernel.ts) runs the
// cached pure transitions on a virtual clock; who answers is composed here (the world, then the
// drivers over it: injected faults, a person at the device; src/engine/drivers.ts), and what is recorded is a set of observers
// (src/engine/observers.ts). Fleets use `FleetRunner`: the outcome observer alone, reused.
import type { AnyStateMachine } from 'xstate';
import { machines } from '../../machines/index.ts';
import { ESP_DEFAULT_MESSAGE } from '../catalog/vocabulary.ts';
import type { Environment } from '../environment/schema.ts';
import { DURATIONS_NOTE } from '../environment/durations.ts';
import { applicablePolicy } from '../world/devicePreparation.ts';
import { createRandom, Stream } from '../world/random.ts';
import { createWorld, inputFor, reusableWorld, type ReusableWorld, type World, type WorldFacts } from '../world/index.ts';
import type { Shared } from '../world/shared.ts';
import type { Driver } from './drivers.ts';
import { Kernel, type Limits, type Observer, type Responder } from './kernel.ts';
import { OutcomeObserver, TraceObserver, VisitsObserver } from './observers.ts';
import { graphFor, type TransitionGraph } from './transitions.ts';
import type { Outcome, TraceEntry, Visit } from './observers.ts';

export type { Outcome, TraceEntry, Visit };

export interface SimulateOptions {
  seed?: number;
  /** Device index within a fleet: selects the device's own random stream. */
  index?: number;
  /** Record the trace (single-device runs); fleets skip it. */
  trace?: boolean;
  /** Return the visited states with their tags (capability derivation, coverage). */
  visited?: boolean;
  maxSteps?: number;
  maxMinutes?: number;
  /** Run another machine than the registry's (mutation tests, experiments). */
  machine?: AnyStateMachine;
  /** Wrap the world (mutation tests: a changed world must change what the runs show). */
  wrapWorld?: (world: World, env: Environment) => World;
  /** What this device shares with the fleet around it. */
  shared?: Shared;
  /** Who else answers, each over the one before, the world first (src/engine/drivers.ts: a trainer's faults, a person's choices). From the library, a `Session`'s `inject()` does both at the step it is on. */
  drivers?: readonly Driver[];
}

export interface Simulation {
  trace: TraceEntry[];
  outcome: Outcome;
  /** That the minutes rest on estimates where the documents give no duration (domain §9.2), as the terminal's outcome says. */
  durationsNote: string;
  /** With options.visited: each state the device entered, its tags and who caused the step. */
  visited?: Visit[];
  /** With options.visited: what the world saw (an assigned user signing in). */
  facts?: WorldFacts;
}

const MS = 60_000;
const MAX_STEPS = 10_000;
const MAX_MINUTES = 60 * 24 * 366;
export const FLEET_LIMITS: Limits = { maxSteps: MAX_STEPS, maxMs: MAX_MINUTES * MS };

/** One graph per environment object: fleets reuse the environment for many devices. */
const graphsByEnvironment = new WeakMap<Environment, TransitionGraph>();

export function graphOf(env: Environment, machine?: AnyStateMachine): TransitionGraph {
  if (machine) return graphFor(machine, inputFor(env));
  let graph = graphsByEnvironment.get(env);
  if (!graph) graphsByEnvironment.set(env, (graph = graphFor(machines[env.scenario], inputFor(env))));
  return graph;
}

export function simulate(env: Environment, options: SimulateOptions = {}): Simulation {
  const seed = options.seed ?? 1;
  const limits: Limits = { maxSteps: options.maxSteps ?? MAX_STEPS, maxMs: (options.maxMinutes ?? MAX_MINUTES) * MS };
  const inner = createWorld(env, createRandom(seed, options.index ?? 0), options.shared);
  const world = options.wrapWorld ? options.wrapWorld(inner, env) : inner;
  // Who answers: the world, with each driver over it.
  let responder: Responder = world;
  for (const drive of options.drivers ?? []) responder = drive(responder);
  const outcome = new OutcomeObserver().reset(env);
  const observers: Observer[] = [outcome];
  const trace = (options.trace ?? true) ? new TraceObserver(world, outcome) : null;
  if (trace) observers.push(trace);
  const visits = options.visited ? new VisitsObserver() : null;
  if (visits) observers.push(visits);
  new Kernel(graphOf(env, options.machine), responder, observers, limits).run();
  const result: Simulation = { trace: trace?.trace ?? [], outcome: shownMessage(outcome.outcome(seed), env), durationsNote: DURATIONS_NOTE };
  return visits ? { ...result, visited: visits.visited, ...(world.facts ? { facts: world.facts() } : {}) } : result;
}

/**
 * The error as the person reads it: an error page with the admin's custom message shows that instead of the default text
 * (the ESP's "Show custom message when time limit or error occurs", domain §3.2; a device preparation policy's, §7).
 */
function shownMessage(o: Outcome, env: Environment): Outcome {
  if (o.errorCode === null) return o;
  const custom = o.errorCode.startsWith('APDP_') ? applicablePolicy(env)?.customMessage : o.errorMessage === ESP_DEFAULT_MESSAGE ? env.esp.customMessage : null;
  return custom ? { ...o, errorMessage: custom } : o;
}

/**
 * Fleets: devices one after another through one kernel, one world, one random stream and one outcome observer, reused; no
 * trace, no visits, and no Outcome object unless asked for (`outcome.outcome(seed)`).
 */
export class FleetRunner {
  readonly outcome = new OutcomeObserver();
  private kernel: Kernel | null = null;
  private env: Environment | null = null;
  private graph: TransitionGraph | null = null;

  /** One world and one random stream, started again for each device (the same as new ones). */
  private world: ReusableWorld | null = null;
  private readonly random = new Stream(0);

  run(env: Environment, seed: number, index: number, shared?: Shared): OutcomeObserver {
    const random = this.random.restart(seed, index);
    const world = this.world ? this.world.restart(env, random, shared) : (this.world = reusableWorld(env, random, shared));
    this.outcome.reset(env);
    // A fleet's devices mostly share their environment with the device before.
    if (env !== this.env) {
      this.env = env;
      this.graph = graphOf(env);
    }
    const graph = this.graph!;
    if (this.kernel) this.kernel.restart(graph, world);
    else this.kernel = new Kernel(graph, world, [this.outcome], FLEET_LIMITS);
    this.kernel.run();
    return this.outcome;
  }
}

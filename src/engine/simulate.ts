// One device in, a trace and an outcome out: a discrete-event loop over the cached
// pure transitions, with a virtual clock. The world's answer and XState's `after`
// timers are the only sources of events; ties go to the one scheduled first.
import type { AnyStateMachine } from 'xstate';
import { machines } from '../../machines/index.ts';
import { codeOf, sourceOf, type DeploymentEvent, type EventFields, type Source } from '../../machines/events.ts';
import type { EspRow, MachinePhase, Screen, Wait } from '../../machines/vocabulary.ts';
import { lookup, type ErrorId } from '../catalog/errors.ts';
import { CAUSES, causeText } from '../catalog/causes.ts';

/** Who caused an event: a person's event in the technician's part of the flow is the technician's (§2.3 T1: the technician sits through that OOBE). */
function attributed(type: string, tags: ReadonlySet<string>): Source {
  const source = sourceOf(type);
  return source === 'user' && tags.has('flow:technician') ? 'technician' : source;
}
import type { Environment, Status } from '../environment/schema.ts';
import { createRandom } from '../world/random.ts';
import { createWorld, inputFor, type Answer, type World, type WorldFacts } from '../world/index.ts';
import type { Shared } from '../world/shared.ts';
import { graphFor, type Node, type TimerOp, type TransitionGraph } from './transitions.ts';

export interface TraceEntry {
  /** Virtual milliseconds since the device was turned on. */
  at: number;
  /** Steps taken so far (0 at power on): the index for injecting a fault here. */
  step: number;
  /** What the state reached waits on (the world, a person), if anything. */
  wait?: Wait;
  event: string;
  source: Source | 'engine';
  /** The active state after the event. */
  state: string;
  phase: MachinePhase | null;
  screen?: Screen;
  /** The ESP row the state shows (machines/vocabulary.ts ESP_ROWS), inside an ESP section. */
  row?: EspRow;
  /** In an ESP's device or account setup: the apps that section tracks, in order (the world's list, src/world). */
  apps?: readonly string[];
  narration: string;
  detail?: string;
  cause?: string;
  code?: ErrorId;
  /** Something this step got wrong without failing (src/catalog/findings.ts). */
  finding?: string;
}

export interface Outcome {
  scenario: Environment['scenario'];
  joinType: 'entra' | 'hybrid';
  /** For existing devices: the deployment that followed the task sequence. */
  followOn?: string;
  status: Status;
  errorCode: string | null;
  errorMessage: string | null;
  failedPhase: string | null;
  cause: string | null;
  /** Ordinary OOBE without Autopilot: why. */
  fallbackReason: string | null;
  /** No error page, red screen or failure on the way. */
  firstTimeRight: boolean;
  /** The first error, even when a retry then succeeded (the deployments report keeps it). */
  firstError: string | null;
  /** The user got to a desktop ("Continue anyway" counts, and is still a failure). */
  reachedDesktop: boolean;
  endUserMinutes: number;
  technicianMinutes: number;
  unattendedMinutes: number;
  /** Active deployment time: end user + technician + unattended (waiting to ship not counted). */
  totalMinutes: number;
  /** Wall time from power-on to the end, shipping and check-in waits included. */
  elapsedMinutes: number;
  phaseMinutes: Record<string, number>;
  /** What the deployment got wrong without failing, in the order met (src/catalog/findings.ts); absent when none. */
  findings?: string[];
  steps: number;
  seed: number;
}

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
  /** Injected faults: the world's answer asked for after this many steps is replaced by the event. */
  faults?: Readonly<Record<number, { event: DeploymentEvent; label: string; cause?: string }>>;
}

export interface Simulation {
  trace: TraceEntry[];
  outcome: Outcome;
  /** With options.visited: each state the device entered, its tags and who caused the step. */
  visited?: Visit[];
  /** With options.visited: what the world saw (an assigned user signing in). */
  facts?: WorldFacts;
}

export interface Visit {
  tags: ReadonlySet<string>;
  source: Source | 'engine';
  path: string;
  event: string;
}

const MS = 60_000;
const round2 = (n: number) => Math.round(n * 100) / 100;

interface Timer {
  at: number;
  seq: number;
  id: string;
  event: { type: string };
}

const minutes = (ms: number | undefined) => round2((ms ?? 0) / MS);

/** Schedule and cancel XState's delayed events; returns the next sequence number. */
function applyTimers(timers: Timer[], ops: TimerOp[], now: number, seq: number): number {
  for (const op of ops) {
    for (let i = timers.length - 1; i >= 0; i--) if (timers[i]!.id === op.id) timers.splice(i, 1);
    if (op.op === 'schedule') {
      timers.push({ at: now + op.delayMs, seq: seq++, id: op.id, event: op.event });
      timers.sort(byTime);
    }
  }
  return seq;
}
const byTime = (a: Timer, b: Timer) => a.at - b.at || a.seq - b.seq;

function entry(node: Node, step: number, world: World, e: Omit<TraceEntry, 'state' | 'phase' | 'narration' | 'screen' | 'step' | 'wait' | 'row' | 'apps'>): TraceEntry {
  const out: TraceEntry = { ...e, step, state: node.path, phase: node.phase, narration: node.narration };
  if (node.screen) out.screen = node.screen;
  if (node.wait) out.wait = node.wait;
  if (node.row) out.row = node.row;
  const apps = world.tracked(node.tags);
  if (apps) out.apps = apps;
  return out;
}

/** One graph per environment object: fleets reuse the environment for many devices. */
const graphsByEnvironment = new WeakMap<Environment, TransitionGraph>();

export function simulate(env: Environment, options: SimulateOptions = {}): Simulation {
  const seed = options.seed ?? 1;
  const maxSteps = options.maxSteps ?? 10_000;
  const maxMs = (options.maxMinutes ?? 60 * 24 * 366) * MS;
  const record = options.trace ?? true;
  const machine = options.machine ?? machines[env.scenario];
  let graph = options.machine ? undefined : graphsByEnvironment.get(env);
  if (!graph) {
    graph = graphFor(machine, inputFor(env));
    if (!options.machine) graphsByEnvironment.set(env, graph);
  }
  const inner = createWorld(env, createRandom(seed, options.index ?? 0), options.shared);
  const world = options.wrapWorld ? options.wrapWorld(inner, env) : inner;

  const trace: TraceEntry[] = [];
  const phaseMs: Record<string, number> = {};
  const clockMs: Record<string, number> = {};
  const timers: Timer[] = [];
  let seq = 0;
  let now = 0;
  let steps = 0;
  let pending: { at: number; seq: number; answer: Answer } | null = null;
  let node: Node = graph.root.target;
  let failedPhase: string | null = null;
  let cause: string | null = null;
  let hangCause: string | null = null;
  let lastReason: string | null = null;
  let everFailed = false;
  let stopped: string | null = null;
  let joinedHybrid = false;
  let profileResolved = false;
  let findings: string[] | null = null;
  // Device preparation has one timer over the whole deployment, set in its policy (§7); the others time out in the ESP.
  const timerName = env.scenario === 'device-preparation' ? "the device preparation policy's timer" : 'the ESP timer';
  const visited: Visit[] | null = options.visited ? [{ tags: graph.root.target.tags, source: 'engine', path: graph.root.target.path, event: 'power on' }] : null;

  seq = applyTimers(timers, graph.root.timers, now, seq);
  if (record) trace.push(entry(node, 0, world, { at: 0, event: 'power on', source: 'engine' }));

  while (!node.done) {
    if (steps >= maxSteps) {
      stopped = causeText(CAUSES.stoppedSteps, { steps: maxSteps });
      break;
    }
    if (!pending && node.wait) {
      let answer = world.answer({ wait: node.wait, tags: node.tags, now });
      const fault = options.faults?.[steps];
      // An injected fault takes the world's place (same duration, so the random stream stays aligned).
      // It keeps what the answer was about (the app being installed), so the screen can mark it.
      if (fault && answer) answer = { event: fault.event, minutes: answer.minutes, ...(answer.detail ? { detail: answer.detail } : {}), cause: fault.cause ?? causeText(CAUSES.injected, { fault: fault.label }) };
      if (answer) pending = { at: now + Math.max(0, Math.round(answer.minutes * MS)), seq: seq++, answer };
    }
    const timer = timers[0];
    const useTimer = timer !== undefined && (!pending || timer.at < pending.at || (timer.at === pending.at && timer.seq < pending.seq));
    if (!useTimer && !pending) {
      stopped = causeText(CAUSES.noEvent, { state: node.path });
      break;
    }
    const at = useTimer ? timer!.at : pending!.at;
    if (at > maxMs) {
      stopped = causeText(CAUSES.stoppedLimit, { minutes: Math.round(maxMs / MS) });
      break;
    }
    // Time spent in the state we are leaving.
    const spent = at - now;
    if (node.phase) phaseMs[node.phase] = (phaseMs[node.phase] ?? 0) + spent;
    if (node.clock) clockMs[node.clock] = (clockMs[node.clock] ?? 0) + spent;
    now = at;
    steps++;

    const from = node;
    const hadError = from.snapshot.context.errorCode !== null;
    let event: DeploymentEvent | { type: string };
    let answer: Answer | null = null;
    const awaited = pending?.answer.detail;
    if (useTimer) {
      timers.shift();
      event = timer!.event;
    } else {
      answer = pending!.answer;
      event = answer.event;
      pending = null;
    }
    const edge = graph.step(from, event as DeploymentEvent);
    node = edge.target;
    if (node.hybridJoin) joinedHybrid = true;
    if (visited) visited.push({ tags: node.tags, source: useTimer ? 'timer' : attributed(event.type, from.tags), path: node.path, event: event.type });
    if (edge.timers.length) seq = applyTimers(timers, edge.timers, now, seq);
    if (answer) world.delivered(answer);
    if (answer?.finding && !findings?.includes(answer.finding)) (findings ??= []).push(answer.finding);
    else if (node.path !== from.path) pending = null; // a timer moved the flow: the awaited answer no longer matters

    const code = codeOf(event);
    const reason = answer && (answer.event as EventFields).reason;
    if (reason) lastReason = answer!.cause ?? reason;
    if (answer?.event.type === 'app.hung' || answer?.event.type === 'esp.identifyingHang') hangCause = answer.cause ?? null;
    if (event.type === 'profile.downloaded' || event.type === 'profile.jsonApplied') profileResolved = true;
    if (!hadError && node.snapshot.context.errorCode !== null) {
      everFailed = true;
      failedPhase = from.phase;
      cause =
        answer?.cause ??
        (useTimer ? (hangCause ? `${timerName} ran out: ${hangCause}` : awaited ? (env.scenario === 'device-preparation' ? `${timerName} ran out while ${awaited} was still installing` : causeText(CAUSES.espStillInstalling, { app: awaited })) : `${timerName} ran out`) : null);
    }
    if (record) {
      trace.push(
        entry(node, steps, world, {
          at: now,
          event: event.type,
          source: useTimer ? 'timer' : attributed(event.type, from.tags),
          ...(answer?.detail ? { detail: answer.detail } : {}),
          ...(answer?.cause ? { cause: answer.cause } : {}),
          ...(answer?.finding ? { finding: answer.finding } : {}),
          ...(useTimer && node.snapshot.context.errorCode && !hadError ? { code: node.snapshot.context.errorCode as ErrorId, cause: cause ?? undefined } : {}),
          ...(code ? { code } : {}),
        }),
      );
    }
  }

  const ctx = node.snapshot.context as { errorCode: string | null; continuedAfterError: boolean; joinType: 'entra' | 'hybrid'; mode: string };
  let status: Status;
  if (stopped) status = 'stopped';
  else if (node.end === 'standardOobe') status = 'fell-back-to-oobe';
  else if (node.end === 'succeeded' && !ctx.continuedAfterError) status = 'succeeded';
  else status = 'failed';
  if (stopped && record) trace.push(entry(node, steps, world, { at: now, event: stopped, source: 'engine' }));

  const errorCode = status === 'failed' ? (ctx.errorCode ?? null) : null;
  const phaseMinutes: Record<string, number> = {};
  for (const k of Object.keys(phaseMs).sort()) phaseMinutes[k] = minutes(phaseMs[k]);
  const endUserMinutes = minutes(clockMs.user);
  const technicianMinutes = minutes(clockMs.technician);
  const unattendedMinutes = minutes(clockMs.unattended);
  const outcome: Outcome = {
    scenario: env.scenario,
    // A reset keeps the identity the device had; a deployment is hybrid when its path went through the domain join.
    joinType: env.scenario === 'reset' ? ctx.joinType : joinedHybrid ? 'hybrid' : 'entra',
    ...(env.scenario === 'existing-devices' && profileResolved ? { followOn: ctx.mode } : {}),
    // Device preparation on a registered device with a profile: classic Autopilot took the device (§7 coexistence).
    ...(env.scenario === 'device-preparation' && profileResolved ? { followOn: 'classic user-driven' } : {}),
    status,
    errorCode,
    errorMessage: errorCode ? (lookup(errorCode)?.message ?? null) : null,
    failedPhase: status === 'failed' ? failedPhase : null,
    cause: status === 'failed' ? cause : status === 'stopped' ? stopped : null,
    fallbackReason: status === 'fell-back-to-oobe' ? lastReason : null,
    firstTimeRight: status === 'succeeded' && !everFailed,
    firstError: ctx.errorCode ?? null,
    reachedDesktop: node.end === 'succeeded',
    endUserMinutes,
    technicianMinutes,
    unattendedMinutes,
    totalMinutes: round2(endUserMinutes + technicianMinutes + unattendedMinutes),
    elapsedMinutes: minutes(now),
    phaseMinutes,
    ...(findings ? { findings } : {}),
    steps,
    seed,
  };
  return visited ? { trace, outcome, visited, ...(world.facts ? { facts: world.facts() } : {}) } : { trace, outcome };
}

// XState's pure transitions, cached. Machine context holds no time, so a transition
// depends only on the snapshot and the event: each distinct snapshot becomes a node,
// each (node, event) an edge with the timer operations XState returned. Thousands of
// devices taking the same path pay for XState once. One actor scope is reused per
// machine, as xstate/graph does, instead of the transition() helper's scope per call.
import { createActor, getInitialMicrosteps, type AnyActorRef, type AnyStateMachine, type AnyMachineSnapshot, type AnyStateNode } from 'xstate';
import { eventKey, type DeploymentEvent, type EventFields } from '../../machines/events.ts';
import { userEspRuns, type DeploymentContext } from '../../machines/setup.ts';
import { ENDS, PHASE_ORDER, WAITS, type End, type EspRow, type EspRun, type MachinePhase, type Screen, type StateMeta, type Wait } from '../catalog/vocabulary.ts';

const inEsp = (tags: ReadonlySet<string>) => tags.has('esp:devicePreparation') || tags.has('esp:deviceSetup') || tags.has('esp:accountSetup');
import { initialStructure, stepStructure } from './structure.ts';
import { macrostep, setScopeSnapshot } from './xstate-adapter.ts';

import { CLOCKS } from './clocks.ts';

export { CLOCKS };

/** A delayed event's operation; `slot` is XState's id for it as a small integer (the same id, the same slot), which the kernel compares. */
export type TimerOp = { op: 'schedule'; slot: number; delayMs: number; event: { type: string } } | { op: 'cancel'; slot: number };

const slots = new Map<string, number>();
const slotOf = (id: string): number => {
  let slot = slots.get(id);
  if (slot === undefined) slots.set(id, (slot = slots.size));
  return slot;
};

export interface Edge {
  target: Node;
  timers: TimerOp[];
  /** Transition ids taken and state ids entered, eventless steps included (src/engine/structure.ts). */
  fired: string[];
  entered: string[];
}

export interface Node {
  snapshot: AnyMachineSnapshot;
  edges: Map<string, Edge>;
  /** The last event taken from this node and its edge, and the one before: a fleet's devices mostly take one of the same two (an app installed, all apps done), found without the key lookup. */
  lastEvent: object | null;
  lastEdge: Edge | null;
  otherEvent: object | null;
  otherEdge: Edge | null;
  /** Dotted path of the active leaf, e.g. deployment.deviceEsp.running.deviceSetup.apps */
  path: string;
  /** The leaf state's own key. */
  leaf: string;
  wait: Wait | undefined;
  /** The wait's index in WAITS (src/catalog/vocabulary.ts), -1 for none: a responder finds its rule by it without a lookup by name. */
  waitId: number;
  screen: Screen | undefined;
  /** The ESP row the state shows, when it is inside an ESP section (meta.row). */
  row: EspRow | undefined;
  /** The ESP run the state is inside (the container's meta.esp). */
  esp: EspRun | undefined;
  doc: string | undefined;
  narration: string;
  tags: ReadonlySet<string>;
  /** The innermost phase:* and clock:* tags. */
  phase: MachinePhase | null;
  clock: string | null;
  /** The phase as its index in PHASE_ORDER, and the clock as its index in CLOCKS; -1 for none: fleets add time into arrays. */
  phaseIndex: number;
  clockIndex: number;
  /** The machine context's error code (null before any failure). */
  errorCode: string | null | undefined;
  done: boolean;
  /** The state belongs to the hybrid domain join: a device that passes it ends hybrid joined. */
  hybridJoin: boolean;
  /** The final state reached (succeeded, failed, standardOobe). */
  end: End | null;
}

interface Scope {
  actions: Array<{ type: string; params?: unknown }>;
  scope: Parameters<AnyStateMachine['transition']>[2];
}

const scopes = new WeakMap<AnyStateMachine, Scope>();

/** One actor scope per machine, reused by every transition (it does not depend on the input). */
function createScope(machine: AnyStateMachine): Scope {
  const cached = scopes.get(machine);
  if (cached) return cached;
  const actions: Scope['actions'] = [];
  const self = createActor(machine);
  const scope = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: (a: { type: string; params?: unknown }) => {
      actions.push(a);
    },
  } as unknown as Scope['scope'];
  const created = { actions, scope };
  scopes.set(machine, created);
  return created;
}

function timerOps(actions: Scope['actions']): TimerOp[] {
  const ops: TimerOp[] = [];
  for (const a of actions) {
    const p = a.params as { delay?: number; id?: string; event?: { type: string }; sendId?: string } | undefined;
    if (a.type === 'xstate.raise' && p?.delay !== undefined && p.event) ops.push({ op: 'schedule', slot: slotOf(p.id ?? p.event.type), delayMs: p.delay, event: p.event });
    else if (a.type === 'xstate.cancel' && p?.sendId) ops.push({ op: 'cancel', slot: slotOf(p.sendId) });
  }
  return ops;
}

/** Active state nodes from the root to the leaf. */
function activeChain(machine: AnyStateMachine, value: unknown): AnyStateNode[] {
  const chain: AnyStateNode[] = [machine.root];
  let node: AnyStateNode = machine.root;
  let v = value;
  while (v !== undefined && v !== null) {
    const key = typeof v === 'string' ? v : Object.keys(v as object)[0]!;
    node = node.states[key]!;
    chain.push(node);
    v = typeof v === 'string' ? undefined : (v as Record<string, unknown>)[key];
  }
  return chain;
}


/** A final state's key as an End: a machine that ends anywhere else is a model error. */
function endOf(machine: AnyStateMachine, key: string): End {
  if (!(ENDS as readonly string[]).includes(key)) throw new Error(`model error: ${machine.id} ends in ${key}, which is not one of ${ENDS.join(', ')}`);
  return key as End;
}

/** The events the machine reads: type, code, mode, join type (never narration). */
function machineEvent(e: DeploymentEvent): DeploymentEvent {
  const x = e as EventFields;
  const out: EventFields = { type: e.type };
  if (x.code !== undefined) out.code = x.code;
  if (x.mode !== undefined) out.mode = x.mode;
  if (x.joinType !== undefined) out.joinType = x.joinType;
  return out as DeploymentEvent;
}

export class TransitionGraph {
  readonly root: Edge;
  private readonly scope: Scope;
  readonly nodes = new Map<string, Node>();
  /** Cache misses: how many times XState itself ran. */
  xstateCalls = 0;

  constructor(
    readonly machine: AnyStateMachine,
    input: unknown,
  ) {
    this.scope = createScope(machine);
    this.scope.actions.length = 0;
    const snapshot = machine.getInitialSnapshot(this.scope.scope, input) as AnyMachineSnapshot;
    this.xstateCalls++;
    const timers = timerOps(this.scope.actions);
    this.root = { target: this.intern(snapshot), timers, ...initialStructure(machine, getInitialMicrosteps(machine, input as never).map(([s]) => s as AnyMachineSnapshot)) };
  }

  step(from: Node, event: DeploymentEvent): Edge {
    // World events are interned and timer events belong to their edge, so the same object is the same event.
    if (from.lastEvent === event) return from.lastEdge!;
    return this.stepAside(from, event);
  }

  /** Not the node's last event: the one before, an edge already made, or XState's transition (apart from step(), which stays small enough for V8 to inline into the kernel's loop). */
  private stepAside(from: Node, event: DeploymentEvent): Edge {
    if (from.otherEvent === event) {
      const edge = from.otherEdge!;
      from.otherEvent = from.lastEvent;
      from.otherEdge = from.lastEdge;
      from.lastEvent = event;
      from.lastEdge = edge;
      return edge;
    }
    const key = event.key ?? (event.type.startsWith('xstate.') ? event.type : eventKey(event));
    const edge = from.edges.get(key) ?? this.transition(from, event, key);
    from.otherEvent = from.lastEvent;
    from.otherEdge = from.lastEdge;
    from.lastEvent = event;
    from.lastEdge = edge;
    return edge;
  }

  /** XState's transition from the node on the event, made an edge (a cache miss). */
  private transition(from: Node, event: DeploymentEvent, key: string): Edge {
    const e = machineEvent(event);
    if (this.machine.getTransitionData(from.snapshot, e as never).length === 0) {
      throw new Error(`model error: ${this.machine.id} state ${from.path} does not accept ${event.type}`);
    }
    this.scope.actions.length = 0;
    setScopeSnapshot(this.scope.scope.self as AnyActorRef, from.snapshot);
    // One macrostep, not two: its microsteps give the structure, the last of them is the next snapshot.
    const { snapshot: next, microsteps } = macrostep(this.machine, from.snapshot, e, this.scope.scope);
    const timers = timerOps(this.scope.actions);
    this.xstateCalls++;
    const edge: Edge = { target: this.intern(next), timers, ...stepStructure(this.machine, from.snapshot, e, microsteps) };
    from.edges.set(key, edge);
    return edge;
  }


  private intern(snapshot: AnyMachineSnapshot): Node {
    const key = JSON.stringify([snapshot.value, snapshot.context, snapshot.status]);
    let node = this.nodes.get(key);
    if (node) return node;
    const chain = activeChain(this.machine, snapshot.value);
    let screen: Screen | undefined;
    let row: EspRow | undefined;
    let esp: EspRun | undefined;
    let doc: string | undefined;
    let narration = '';
    let phase: MachinePhase | null = null;
    let clock: string | null = null;
    for (const n of chain) {
      const meta = n.meta as StateMeta | undefined;
      if (meta?.screen) screen = meta.screen;
      if (meta?.row) row = meta.row;
      if (meta?.esp) esp = meta.esp;
      if (meta?.outsideEsp) esp = undefined;
      if (meta?.doc) doc = meta.doc;
      if (n.description) narration = n.description;
      for (const t of n.tags) {
        if (t.startsWith('phase:')) phase = t.slice(6) as MachinePhase;
        else if (t.startsWith('clock:')) clock = t.slice(6);
      }
    }
    const leafNode = chain[chain.length - 1]!;
    // The automatic sign-in where the user ESP does not run: no account setup ran, the sign-in is its own phase's.
    const withoutUserEsp = (leafNode.meta as StateMeta | undefined)?.phaseWithoutUserEsp;
    if (withoutUserEsp && !userEspRuns(snapshot.context as DeploymentContext)) phase = withoutUserEsp;
    const ifHybrid = (leafNode.meta as StateMeta | undefined)?.narrationIfHybrid;
    if (ifHybrid && (snapshot.context as DeploymentContext).joinType === 'hybrid') narration = ifHybrid;
    node = {
      snapshot,
      edges: new Map(),
      lastEvent: null,
      lastEdge: null,
      otherEvent: null,
      otherEdge: null,
      path: chain.slice(1).map((n) => n.key).join('.'),
      leaf: leafNode.key,
      wait: leafNode.meta ? (leafNode.meta as StateMeta).waits : undefined,
      waitId: leafNode.meta && (leafNode.meta as StateMeta).waits ? WAITS.indexOf((leafNode.meta as StateMeta).waits!) : -1,
      screen,
      row: inEsp(snapshot.tags as ReadonlySet<string>) ? row : undefined,
      esp,
      doc,
      narration,
      tags: snapshot.tags as ReadonlySet<string>,
      phase,
      clock,
      phaseIndex: phase ? PHASE_ORDER.indexOf(phase) : -1,
      clockIndex: CLOCKS.indexOf(clock as (typeof CLOCKS)[number]),
      errorCode: (snapshot.context as { errorCode?: string | null }).errorCode,
      done: snapshot.status === 'done',
      hybridJoin: (snapshot.tags as ReadonlySet<string>).has('hybridJoin'),
      end: snapshot.status === 'done' ? endOf(this.machine, leafNode.key) : null,
    };
    this.nodes.set(key, node);
    return node;
  }

  get size(): number {
    return this.nodes.size;
  }
}

const graphs = new Map<AnyStateMachine, Map<string, TransitionGraph>>();

/**
 * Graphs kept per machine, the most recently used: a fleet or the studio uses a few inputs, but
 * generated environments (property tests, coverage) bring a new input nearly every run, and a
 * process that kept every graph it ever built grew by ~50 KB a run (and spent its time in GC).
 * A graph in use stays alive with its runs; a dropped one is built again if its input returns.
 */
export const GRAPHS_KEPT = 500;

/** How many graphs are kept for a machine (at most GRAPHS_KEPT). */
export const graphsKept = (machine: AnyStateMachine): number => graphs.get(machine)?.size ?? 0;

/** One graph per machine and input, shared by every device with that input. */
export function graphFor(machine: AnyStateMachine, input: unknown): TransitionGraph {
  let byInput = graphs.get(machine);
  if (!byInput) graphs.set(machine, (byInput = new Map()));
  const key = JSON.stringify(input);
  let g = byInput.get(key);
  if (g) {
    // Most recently used last: the first key is the one to drop.
    byInput.delete(key);
  } else {
    g = new TransitionGraph(machine, input);
    if (byInput.size >= GRAPHS_KEPT) byInput.delete(byInput.keys().next().value!);
  }
  byInput.set(key, g);
  return g;
}

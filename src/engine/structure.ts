// The structure of a machine as data: every state node and every transition, with one
// scheme of stable ids, which of them a step went through, and what can be taken at a
// state now. Coverage, the engine, the studio's chart and the command line read it here.
import { activeNodes } from './xstate-adapter.ts';
import { and, not, or, type AnyMachineSnapshot, type AnyStateMachine, type AnyStateNode } from 'xstate';

export interface TransitionInfo {
  id: string;
  source: string;
  event: string;
  targets: string[];
  guard: string | null;
}

export type TransitionDef = {
  source: AnyStateNode;
  eventType: string;
  target?: readonly AnyStateNode[] | undefined;
  guard?: unknown;
};

/** A state's dotted path (what the trace, the layout and the studio call it). */
export const pathOf = (n: AnyStateNode): string => n.path.join('.');

/**
 * A transition's id, the one scheme of the whole project (coverage, the engine's fired
 * transitions, the studio's chart, trail and choices): the source state's dotted path, the
 * event type ('always' for an eventless one) and its place among the source's transitions
 * for that event.
 */
export function transitionKey(source: AnyStateNode, eventType: string, index: number): string {
  return `${pathOf(source)}|${eventType}|${index}`;
}

function guardName(g: unknown): string | null {
  if (!g) return null;
  if (typeof g === 'string') return g;
  if (typeof g === 'object' && g !== null && 'type' in g) return String((g as { type: string }).type);
  if (typeof g === 'function') return (g as { name?: string }).name || 'guard';
  return 'guard';
}

export function allStateNodes(machine: AnyStateMachine): AnyStateNode[] {
  const out: AnyStateNode[] = [];
  const walk = (n: AnyStateNode) => {
    out.push(n);
    for (const child of Object.values(n.states)) walk(child as AnyStateNode);
  };
  walk(machine.root);
  return out;
}


export function allTransitions(machine: AnyStateMachine): TransitionInfo[] {
  return allStateNodes(machine).flatMap((n) =>
    transitionsOf(n).map(({ def, id }) => ({
      id,
      source: n.id,
      event: def.eventType === '' ? 'always' : def.eventType,
      targets: (def.target ?? []).map((t) => t.id),
      guard: guardName(def.guard),
    })),
  );
}


/** The states and eventless transitions passed on the way to the initial snapshot. */
export function initialStructure(machine: AnyStateMachine, microsteps: AnyMachineSnapshot[]): { fired: string[]; entered: string[] } {
  if (microsteps.length === 0) return { fired: [], entered: [] };
  const [first, ...rest] = microsteps;
  const tail = stepStructureFrom(machine, first!, rest);
  return { fired: tail.fired, entered: [...new Set([...activeIds(first!), ...tail.entered])] };
}

function stepStructureFrom(machine: AnyStateMachine, from: AnyMachineSnapshot, microsteps: AnyMachineSnapshot[]) {
  return stepStructure(machine, from, null, microsteps);
}

const activeIds = (s: AnyMachineSnapshot): Set<string> => new Set(activeNodes(s).map((n) => n.id));

/** What a state node can take without an event: its eventless transitions, then the onDone ones XState takes when a child flow reaches its final state. */
interface Eventless {
  /** Its final children's ids (a flow whose final child was active finished). */
  finals: string[];
  candidates: Array<{ id: string; done: boolean; targets: string[] }>;
}

/** Per state node, built once: a step used to rebuild these lists for every active node of every microstep. */
const eventlessOf = new WeakMap<AnyStateNode, Eventless>();

function eventless(node: AnyStateNode): Eventless {
  let e = eventlessOf.get(node);
  if (e) return e;
  const defs: Array<[string, TransitionDef]> = [
    ...((node.always as TransitionDef[] | undefined) ?? []).map((def, i) => [transitionKey(node, 'always', i), def] as [string, TransitionDef]),
    ...[...(node.transitions as Map<string, TransitionDef[]>)]
      .filter(([type]) => type.startsWith('xstate.done.state.'))
      .flatMap(([type, list]) => list.map((def, i) => [transitionKey(node, type, i), def] as [string, TransitionDef])),
  ];
  e = {
    finals: (Object.values(node.states) as AnyStateNode[]).filter((c) => c.type === 'final').map((c) => c.id),
    candidates: defs.map(([id, def]) => ({ id, done: id.includes('|xstate.done.state.'), targets: (def.target ?? []).map((t) => t.id) })),
  };
  eventlessOf.set(node, e);
  return e;
}

/**
 * The transitions a step took and the states it entered on the way, eventless ones
 * included: the event's transition from the transition data, then each eventless
 * transition whose source was active before a microstep and whose targets after it.
 */
export function stepStructure(
  machine: AnyStateMachine,
  from: AnyMachineSnapshot,
  event: { type: string } | null,
  microsteps: AnyMachineSnapshot[],
): { fired: string[]; entered: string[] } {
  const fired = new Set<string>();
  const entered = new Set<string>();
  for (const def of event ? (machine.getTransitionData(from, event as never) as TransitionDef[]) : []) {
    const id = transitionId(def);
    if (id) fired.add(id);
  }
  let beforeNodes = activeNodes(from);
  let before = new Set(beforeNodes.map((n) => n.id));
  for (const snap of microsteps) {
    const afterNodes = activeNodes(snap);
    const after = new Set(afterNodes.map((n) => n.id));
    for (const id of after) entered.add(id);
    for (const node of beforeNodes) {
      const { finals, candidates } = eventless(node);
      if (candidates.length === 0) continue;
      // A flow whose final child was active finished: its onDone fired, not an eventless branch with the same target.
      const finished = finals.some((id) => before.has(id));
      for (const c of candidates) {
        if (finished !== c.done) continue;
        if (c.targets.length && c.targets.every((t) => after.has(t) && !before.has(t))) {
          fired.add(c.id);
          break;
        }
      }
    }
    before = after;
    beforeNodes = afterNodes;
  }
  return { fired: [...fired], entered: [...entered] };
}

// Guard combinators, told apart by their shared check function (names do not survive minifying).
const checkOf = (g: unknown) => (g as { check?: unknown }).check;
const NOT = checkOf(not('x'));
const AND = checkOf(and(['x']));
const OR = checkOf(or(['x']));

/** A guard in words the chart can show: its name, with parameters and not/and/or spelled out. */
export function guardLabel(g: unknown): string | null {
  if (!g) return null;
  if (typeof g === 'string') return g;
  if (typeof g === 'object' && g !== null && 'type' in g) {
    const t = g as { type: string; params?: Record<string, unknown> };
    const p = t.params ? Object.values(t.params).map(String).join(',') : '';
    return p ? `${t.type}(${p})` : t.type;
  }
  if (typeof g === 'function') {
    const f = g as { name?: string; guards?: unknown[]; check?: unknown };
    if (f.check === NOT && f.guards?.length === 1) return `!${guardLabel(f.guards[0])}`;
    if ((f.check === AND || f.check === OR) && f.guards) return f.guards.map(guardLabel).join(f.check === AND ? ' && ' : ' || ');
    return f.name || 'guard';
  }
  return 'guard';
}

/** Every transition of a state node, with its id. */
export function transitionsOf(node: AnyStateNode): Array<{ id: string; def: TransitionDef }> {
  const out: Array<{ id: string; def: TransitionDef }> = [];
  for (const [eventType, list] of node.transitions as Map<string, TransitionDef[]>) {
    list.forEach((def, i) => out.push({ id: transitionKey(node, eventType, i), def }));
  }
  ((node.always as TransitionDef[] | undefined) ?? []).forEach((def, i) => out.push({ id: transitionKey(node, 'always', i), def }));
  return out;
}

/** The id of a transition definition, as `transitionsOf` names it. */
export function transitionId(def: TransitionDef): string | null {
  const list = (def.source.transitions as Map<string, TransitionDef[]>).get(def.eventType);
  const i = list?.indexOf(def) ?? -1;
  if (i >= 0) return transitionKey(def.source, def.eventType, i);
  const j = ((def.source.always as TransitionDef[] | undefined) ?? []).indexOf(def);
  return j >= 0 ? transitionKey(def.source, 'always', j) : null;
}

export function allNodesUnder(top: AnyStateNode): AnyStateNode[] {
  const out: AnyStateNode[] = [];
  const walk = (n: AnyStateNode) => {
    for (const c of Object.values(n.states) as AnyStateNode[]) {
      out.push(c);
      walk(c);
    }
  };
  walk(top);
  return out;
}

export function allNodes(machine: AnyStateMachine): AnyStateNode[] {
  const out: AnyStateNode[] = [];
  const walk = (n: AnyStateNode) => {
    for (const c of Object.values(n.states) as AnyStateNode[]) {
      out.push(c);
      walk(c);
    }
  };
  walk(machine.root as unknown as AnyStateNode);
  return out;
}

/** The compound states of a machine (the ones that can be collapsed), by path. */
export function compoundStates(machine: AnyStateMachine): string[] {
  return allNodes(machine)
    .filter((s) => Object.keys(s.states).length > 0)
    .map(pathOf);
}

/** A state path and its ancestors: 'a.b.c' -> ['a', 'a.b', 'a.b.c']. */
export function ancestry(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** The snapshot of a machine at a dotted state path, with a given context. */
export function snapshotAt(machine: AnyStateMachine, path: string, context: unknown): AnyMachineSnapshot {
  const keys = path.split('.');
  let value: unknown = keys[keys.length - 1];
  for (let i = keys.length - 2; i >= 0; i--) value = { [keys[i]!]: value };
  return machine.resolveState({ value: value as never, context: context as never }) as AnyMachineSnapshot;
}

/**
 * The transitions that can be taken at a state now: with a context, guards are evaluated
 * (XState picks exactly what an event would take); without, every transition of the state
 * and its ancestors counts.
 */
export function availableTransitions(machine: AnyStateMachine, path: string, context?: unknown): string[] {
  const chain: AnyStateNode[] = [];
  for (const p of ancestry(path)) {
    const n = findNode(machine, p);
    if (n) chain.push(n);
  }
  if (context === undefined) return chain.flatMap((n) => transitionsOf(n).filter((t) => t.def.eventType !== '').map((t) => t.id));
  const snapshot = snapshotAt(machine, path, context);
  if (snapshot.status === 'done') return [];
  const types = new Set(chain.flatMap((n) => [...(n.transitions as Map<string, TransitionDef[]>).keys()]));
  const out: string[] = [];
  for (const type of types) {
    if (type.startsWith('xstate.done.state.')) continue;
    let defs: TransitionDef[] = [];
    try {
      defs = machine.getTransitionData(snapshot, { type } as never) as unknown as TransitionDef[];
    } catch {
      defs = [];
    }
    for (const d of defs) {
      const id = transitionId(d);
      if (id) out.push(id);
    }
  }
  return out;
}

/** The transitions an event took from a state (for the trail). */
export function takenTransitions(machine: AnyStateMachine, fromPath: string, event: { type: string; code?: string }, context: unknown): string[] {
  try {
    const snapshot = snapshotAt(machine, fromPath, context);
    return (machine.getTransitionData(snapshot, event as never) as unknown as TransitionDef[]).map(transitionId).filter((x): x is string => x !== null);
  } catch {
    return [];
  }
}

export function findNode(machine: AnyStateMachine, path: string): AnyStateNode | undefined {
  let node: AnyStateNode | undefined = machine.root as unknown as AnyStateNode;
  for (const key of path.split('.')) {
    node = node?.states[key] as AnyStateNode | undefined;
    if (!node) return undefined;
  }
  return node;
}

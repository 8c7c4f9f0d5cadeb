// The structure of a machine as data: every state node and every transition, with
// stable ids, and which of them a step went through. Coverage and the studio read it.
import { activeNodes } from './xstate-adapter.ts';
import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode } from 'xstate';

export interface TransitionInfo {
  id: string;
  source: string;
  event: string;
  targets: string[];
  guard: string | null;
}

type TransitionDef = {
  source: AnyStateNode;
  eventType: string;
  target?: AnyStateNode[] | undefined;
  guard?: unknown;
};

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

function transitionsOf(node: AnyStateNode): Array<{ def: TransitionDef; id: string }> {
  const out: Array<{ def: TransitionDef; id: string }> = [];
  for (const [eventType, list] of node.transitions as Map<string, TransitionDef[]>) {
    list.forEach((def, i) => out.push({ def, id: `${node.id}:${eventType}:${i}` }));
  }
  (node.always as TransitionDef[] | undefined)?.forEach((def, i) => out.push({ def, id: `${node.id}:always:${i}` }));
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

function idOf(def: TransitionDef): string | null {
  const list = (def.source.transitions as Map<string, TransitionDef[]>).get(def.eventType);
  const i = list?.indexOf(def) ?? -1;
  if (i >= 0) return `${def.source.id}:${def.eventType}:${i}`;
  const j = (def.source.always as TransitionDef[] | undefined)?.indexOf(def) ?? -1;
  return j >= 0 ? `${def.source.id}:always:${j}` : null;
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
    const id = idOf(def);
    if (id) fired.add(id);
  }
  let before = activeIds(from);
  for (const snap of microsteps) {
    const after = activeIds(snap);
    for (const id of after) entered.add(id);
    for (const nodeId of before) {
      const node = machine.getStateNodeById(nodeId);
      // Eventless transitions, and the onDone transitions XState takes when a child flow reaches its final state.
      const candidates: Array<[string, TransitionDef]> = [
        ...((node.always as TransitionDef[] | undefined) ?? []).map((def, i) => [`${node.id}:always:${i}`, def] as [string, TransitionDef]),
        ...[...(node.transitions as Map<string, TransitionDef[]>)]
          .filter(([type]) => type.startsWith('xstate.done.state.'))
          .flatMap(([type, defs]) => defs.map((def, i) => [`${node.id}:${type}:${i}`, def] as [string, TransitionDef])),
      ];
      // A flow whose final child was active finished: its onDone fired, not an eventless branch with the same target.
      const finished = Object.values(node.states).some((c) => (c as AnyStateNode).type === 'final' && before.has((c as AnyStateNode).id));
      candidates.some(([id, def]) => {
        const targets = def.target ?? [];
        if (finished !== id.includes(':xstate.done.state.')) return false;
        if (targets.length && targets.every((t) => after.has(t.id) && !before.has(t.id))) {
          fired.add(id);
          return true;
        }
        return false;
      });
    }
    before = after;
  }
  return { fired: [...fired], entered: [...entered] };
}

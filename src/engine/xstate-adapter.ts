// The one file that reaches into XState's internals (xstate is pinned to an exact version in
// package.json). Everything else goes through these functions; test/contract/xstate-adapter.test.ts
// fails loudly if an upgrade changes what they rely on:
// - a snapshot's `_nodes`: the active state nodes, root first (XState's own list);
// - an actor's `_snapshot`: the snapshot its scope reads while `machine.transition` runs, set
//   so one reused scope can serve any snapshot (as xstate/graph does);
// - SimulatedClock's `timeouts`: the delayed events it holds, each with its start and delay;
// - `machine.transition` and `machine.microstep` both run one macrostep: the snapshot
//   `transition` returns is the last of the snapshots `microstep` returns (so one call gives both).
import type { AnyActorRef, AnyMachineSnapshot, AnyStateMachine, AnyStateNode, SimulatedClock } from 'xstate';

/** The active state nodes of a snapshot, root first. */
export function activeNodes(snapshot: AnyMachineSnapshot): AnyStateNode[] {
  return (snapshot as unknown as { _nodes: AnyStateNode[] })._nodes;
}

/** Point a reused actor scope at the snapshot a pure transition starts from. */
export function setScopeSnapshot(self: AnyActorRef, snapshot: AnyMachineSnapshot): void {
  (self as unknown as { _snapshot: unknown })._snapshot = snapshot;
}

interface Timeout {
  start: number;
  timeout: number;
}

/** The virtual times at which a SimulatedClock's pending timeouts fire. */
export function pendingDeadlines(clock: SimulatedClock): number[] {
  return [...(clock as unknown as { timeouts: Map<unknown, Timeout> }).timeouts.values()].map((t) => t.start + t.timeout);
}

/**
 * One macrostep of a pure transition: the snapshot `machine.transition` would return and the
 * microsteps `machine.microstep` would, from a single run of XState (each of the two runs the
 * whole macrostep, and with it the actions, again).
 */
export function macrostep(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: { type: string }, scope: Parameters<AnyStateMachine['microstep']>[2]): { snapshot: AnyMachineSnapshot; microsteps: AnyMachineSnapshot[] } {
  const microsteps = machine.microstep(snapshot, event as never, scope) as AnyMachineSnapshot[];
  const last = microsteps[microsteps.length - 1];
  if (!last) throw new Error(`model error: ${machine.id} took no microstep on ${event.type}`);
  return { snapshot: last, microsteps };
}

// The same device run on live XState actors: createActor with a simulated clock, the
// world answering, timers firing one deadline at a time. The engine's cached pure loop is
// the fast way; this is the reference (XState's own interpreter), the naive baseline of
// the benchmark, and what `simulate --inspect` streams to Stately's inspector.
import { createActor, SimulatedClock, type AnyMachineSnapshot, type AnyStateMachine, type InspectionEvent, type Observer } from 'xstate';
import { machines } from '../../machines/index.ts';
import type { StateMeta } from '../catalog/vocabulary.ts';
import type { Environment } from '../environment/schema.ts';
import { createRandom } from '../world/random.ts';
import { createWorld, inputFor } from '../world/index.ts';
import { activeNodes, pendingDeadlines } from './xstate-adapter.ts';

export interface LiveResult {
  /** The final state's key (succeeded, failed, standardOobe), or the last state when stopped. */
  end: string;
  errorCode: string | null;
  steps: number;
  minutes: number;
}


export function runLive(
  env: Environment,
  options: { seed?: number; index?: number; machine?: AnyStateMachine; inspect?: Observer<InspectionEvent> | ((e: InspectionEvent) => void); maxSteps?: number } = {},
): LiveResult {
  const machine = options.machine ?? (machines[env.scenario] as unknown as AnyStateMachine);
  const clock = new SimulatedClock();
  const actor = createActor(machine, { input: inputFor(env), clock, ...(options.inspect ? { inspect: options.inspect } : {}) });
  const world = createWorld(env, createRandom(options.seed ?? 1, options.index ?? 0));
  const deadlines = () => pendingDeadlines(clock);
  actor.start();
  let steps = 0;
  const maxSteps = options.maxSteps ?? 10_000;
  while (actor.getSnapshot().status !== 'done' && steps < maxSteps) {
    const snapshot = actor.getSnapshot();
    const nodes = activeNodes(snapshot as AnyMachineSnapshot) as Array<{ key: string; type: string; meta?: StateMeta }>;
    const leaf = nodes.filter((n) => n.type === 'atomic' || n.type === 'final').pop()!;
    const answer = leaf.meta?.waits ? world.answer({ wait: leaf.meta.waits, tags: snapshot.tags as Set<string>, now: clock.now() }) : null;
    const before = JSON.stringify(snapshot.value);
    steps++;
    if (!answer) {
      // Only a timer can move the flow: go to the next deadline.
      const next = Math.min(...deadlines());
      if (!Number.isFinite(next)) break;
      clock.set(next);
      continue;
    }
    const at = clock.now() + Math.max(0, Math.round(answer.minutes * 60_000));
    // Timers due before the answer fire first, one deadline at a time; one that moves the flow overtakes the answer.
    let overtaken = false;
    for (;;) {
      const due = deadlines().filter((t) => t < at);
      if (!due.length) break;
      clock.set(Math.min(...due));
      if (JSON.stringify(actor.getSnapshot().value) !== before) {
        overtaken = true;
        break;
      }
    }
    if (overtaken) continue;
    clock.set(at);
    if (JSON.stringify(actor.getSnapshot().value) !== before) continue;
    actor.send(answer.event);
    world.delivered(answer);
  }
  const final = actor.getSnapshot();
  const nodes = activeNodes(final as AnyMachineSnapshot) as Array<{ key: string; type: string }>;
  const result = {
    end: nodes.filter((n) => n.type === 'atomic' || n.type === 'final').pop()!.key,
    errorCode: (final.context as { errorCode: string | null }).errorCode,
    steps,
    minutes: Math.round((clock.now() / 60_000) * 100) / 100,
  };
  actor.stop();
  return result;
}

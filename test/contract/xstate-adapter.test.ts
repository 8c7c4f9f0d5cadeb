// What src/engine/xstate-adapter.ts relies on inside XState. If an upgrade changes any of it,
// this fails with a message naming what moved, before the engine quietly goes wrong.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assign, createActor, createMachine, raise, SimulatedClock, type AnyMachineSnapshot } from 'xstate';
import { activeNodes, macrostep, pendingDeadlines, setScopeSnapshot } from '../../src/engine/xstate-adapter.ts';

const machine = createMachine({
  id: 'probe',
  initial: 'a',
  states: {
    a: { initial: 'inner', states: { inner: { after: { 5000: 'done' } }, done: {} }, on: { GO: 'b' } },
    b: {},
  },
});

describe('XState internals the adapter relies on', () => {
  it('xstate is pinned to an exact version, and that version is the one installed', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    const installed = (JSON.parse(readFileSync(new URL('../../node_modules/xstate/package.json', import.meta.url), 'utf8')) as { version: string }).version;
    expect(pkg.dependencies.xstate, 'package.json must pin xstate exactly (no ^ or ~): the adapter reads its internals').toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed, 'the installed xstate differs from the pinned one: run npm install').toBe(pkg.dependencies.xstate);
  });

  it('snapshot._nodes: the active state nodes, root first', () => {
    const s = createActor(machine).getSnapshot() as AnyMachineSnapshot;
    const nodes = activeNodes(s);
    expect(Array.isArray(nodes), 'XState snapshots no longer carry _nodes').toBe(true);
    expect(nodes.map((n) => n.id)).toEqual(['probe', 'probe.a', 'probe.a.inner']);
  });

  it('actor._snapshot: the snapshot a reused scope reads', () => {
    const actor = createActor(machine);
    actor.start();
    const other = createActor(machine);
    other.start();
    other.send({ type: 'GO' });
    const next = other.getSnapshot() as AnyMachineSnapshot;
    expect('_snapshot' in (actor as object), 'XState actors no longer hold _snapshot').toBe(true);
    setScopeSnapshot(actor, next);
    expect(actor.getSnapshot()).toBe(next);
    actor.stop();
    other.stop();
  });

  it('machine.microstep runs the macrostep machine.transition runs: its last snapshot is the one transition returns, with the same actions', () => {
    // Eventless transitions and a raised event after GO: a macrostep of several microsteps, with a delayed event.
    const m = createMachine({
      id: 'macro',
      initial: 'a',
      context: { n: 0 },
      states: {
        a: { on: { GO: { target: 'b', actions: assign({ n: ({ context }) => context.n + 1 }) } } },
        b: { always: 'c' },
        c: { entry: raise({ type: 'NEXT' }), on: { NEXT: 'd' } },
        d: { after: { 1000: 'a' } },
      },
    });
    const scopeFor = (actions: unknown[]) => {
      const self = createActor(m);
      return { self, defer: () => {}, id: '', logger: () => {}, sessionId: '', stopChild: () => {}, system: self.system, emit: () => {}, actionExecutor: (a: unknown) => actions.push(a) } as never;
    };
    const start = createActor(m).getSnapshot() as AnyMachineSnapshot;
    const viaTransition: unknown[] = [];
    const viaMacrostep: unknown[] = [];
    const expected = m.transition(start, { type: 'GO' }, scopeFor(viaTransition)) as AnyMachineSnapshot;
    const { snapshot, microsteps } = macrostep(m, start, { type: 'GO' }, scopeFor(viaMacrostep));
    expect(microsteps.length, 'GO, the eventless step and the raised event: three microsteps').toBe(3);
    expect(snapshot).toBe(microsteps[microsteps.length - 1]);
    expect({ value: snapshot.value, context: snapshot.context, status: snapshot.status }).toEqual({ value: expected.value, context: expected.context, status: expected.status });
    const actions = (list: unknown[]) => list.map((a) => ({ type: (a as { type: string }).type, params: (a as { params?: unknown }).params }));
    expect(actions(viaMacrostep)).toEqual(actions(viaTransition));
    expect(actions(viaMacrostep)).toContainEqual(expect.objectContaining({ params: expect.objectContaining({ delay: 1000 }) }));
  });

  it('SimulatedClock.timeouts: each pending delay with its start and length', () => {
    const clock = new SimulatedClock();
    const actor = createActor(machine, { clock });
    actor.start();
    expect(pendingDeadlines(clock), 'SimulatedClock no longer exposes timeouts with start and timeout').toEqual([5000]);
    clock.increment(5000);
    expect(pendingDeadlines(clock)).toEqual([]);
    expect(activeNodes(actor.getSnapshot() as AnyMachineSnapshot).map((n) => n.key)).toEqual(['probe', 'a', 'done']);
    actor.stop();
  });
});

// The contract between the machines and everything else (src/catalog/vocabulary.ts) holds by
// type: `npm test` runs tsc (beside vitest, scripts/test.mjs), so each @ts-expect-error below fails the build if the
// mistake it names ever compiles. The runtime checks hold the lists to the machines.
import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import type { DeploymentEvent } from '../../machines/events.ts';
import { machines } from '../../machines/index.ts';
import { deployment } from '../../machines/setup.ts';
import { PHASES, SCREENS, WAITS, type StateMeta, type Wait } from '../../src/catalog/vocabulary.ts';

// A machine that waits on something the world cannot answer does not compile.
deployment.createMachine({
  initial: 'a',
  states: {
    // @ts-expect-error 'dc.pingg' is not a Wait
    a: { meta: { waits: 'dc.pingg' } },
  },
});
// A screen the studio cannot draw does not compile.
// @ts-expect-error 'espp' is not a Screen
const badScreen: StateMeta = { screen: 'espp' };
// A failure event carries a catalogue error id, and a plain event carries none.
// @ts-expect-error 'NOT_A_CODE' is not an ErrorId
const badCode: DeploymentEvent = { type: 'app.failed', code: 'NOT_A_CODE' };
// @ts-expect-error a failure event without its code
const noCode: DeploymentEvent = { type: 'tpm.attestationFailed' };
void [badScreen, badCode, noCode];

function leaves(node: AnyStateNode): AnyStateNode[] {
  const children = Object.values(node.states) as AnyStateNode[];
  return children.length ? children.flatMap(leaves) : [node];
}
function all(node: AnyStateNode): AnyStateNode[] {
  return [node, ...(Object.values(node.states) as AnyStateNode[]).flatMap(all)];
}

describe('the vocabulary is what the machines use', () => {
  const nodes = Object.values(machines).flatMap((m) => all(m.root as unknown as AnyStateNode));
  it('every wait is waited on by some state, and every screen shown by one', () => {
    const waits = new Set(nodes.map((n) => (n.meta as StateMeta | undefined)?.waits).filter(Boolean));
    const screens = new Set(nodes.map((n) => (n.meta as StateMeta | undefined)?.screen).filter(Boolean));
    expect([...WAITS].filter((w) => !waits.has(w as Wait))).toEqual([]);
    expect([...SCREENS].filter((s) => !screens.has(s))).toEqual([]);
  });
  it('every machine phase tags some state, and every phase tag is a declared phase', () => {
    const tags = new Set(nodes.flatMap((n) => [...n.tags]).filter((t) => t.startsWith('phase:')).map((t) => t.slice(6)));
    const machinePhases = Object.entries(PHASES).filter(([, p]) => p.machine).map(([id]) => id);
    expect([...tags].sort()).toEqual(machinePhases.sort());
  });
  it('a phase is marked waiting exactly when every state in it is on the idle clock (its minutes are elapsed, not active, time)', () => {
    // Each leaf's innermost phase and clock, inherited from its ancestors as the engine reads them.
    const clocks = new Map<string, Set<string>>();
    const walk = (n: AnyStateNode, phase: string | null, clock: string | null) => {
      for (const t of n.tags) {
        if (t.startsWith('phase:')) phase = t.slice(6);
        else if (t.startsWith('clock:')) clock = t.slice(6);
      }
      const children = Object.values(n.states) as AnyStateNode[];
      if (!children.length && phase) {
        if (!clocks.has(phase)) clocks.set(phase, new Set());
        clocks.get(phase)!.add(clock ?? 'none');
      }
      for (const c of children) walk(c, phase, clock);
    };
    for (const m of Object.values(machines)) walk(m.root as unknown as AnyStateNode, null, null);
    const idleOnly = [...clocks].filter(([, c]) => c.size === 1 && c.has('idle')).map(([p]) => p).sort();
    const marked = Object.entries(PHASES).filter(([, p]) => 'waiting' in p && p.waiting).map(([id]) => id).sort();
    expect(marked).toEqual(idleOnly);
    expect(marked).toContain('shipping');
  });
  it('every state that waits is a leaf', () => {
    const leafSet = new Set(Object.values(machines).flatMap((m) => leaves(m.root as unknown as AnyStateNode)));
    for (const n of nodes) if ((n.meta as StateMeta | undefined)?.waits) expect(leafSet.has(n), n.id).toBe(true);
  });
});

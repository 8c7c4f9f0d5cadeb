// The contract between the machines and everything else (machines/vocabulary.ts) holds by
// type: `npm test` runs tsc (beside vitest, scripts/test.mjs), so each @ts-expect-error below fails the build if the
// mistake it names ever compiles. The runtime checks hold the lists to the machines.
import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import type { DeploymentEvent } from '../../machines/events.ts';
import { machines } from '../../machines/index.ts';
import { deployment } from '../../machines/setup.ts';
import { PHASES, SCREENS, WAITS, type StateMeta, type Wait } from '../../machines/vocabulary.ts';

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
  it('every state that waits is a leaf', () => {
    const leafSet = new Set(Object.values(machines).flatMap((m) => leaves(m.root as unknown as AnyStateNode)));
    for (const n of nodes) if ((n.meta as StateMeta | undefined)?.waits) expect(leafSet.has(n), n.id).toBe(true);
  });
});

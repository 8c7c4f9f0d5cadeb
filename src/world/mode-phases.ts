// Which phases a failure mode can happen in, read from the machines (src/world/failure-modes.ts
// holds the modes). Apart from the modes, so that what reads causes (fleet statistics, reports)
// does not load the machines.
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { machines } from '../../machines/index.ts';
import { PHASES, type Phase } from '../catalog/vocabulary.ts';
import { MODES, type ModeId } from './failure-modes.ts';

/** The phases a mode can happen in: the `phase:*` tag of the states (or their ancestors) that wait on what it answers, null for a state outside every phase (the machines say it, once). */
export function phasesOf(id: ModeId): Array<Phase | null> {
  const waits = new Set<string>(MODES[id].waits);
  const out = new Set<Phase | null>();
  const phaseTag = (n: AnyStateNode): Phase | null => {
    for (const t of n.tags) if (t.startsWith('phase:') && t.slice(6) in PHASES) return t.slice(6) as Phase;
    return null;
  };
  const walk = (n: AnyStateNode, inherited: Phase | null) => {
    const phase = phaseTag(n) ?? inherited;
    const wait = (n.meta as { waits?: string } | undefined)?.waits;
    if (wait && waits.has(wait)) out.add(phase);
    for (const c of Object.values(n.states)) walk(c as AnyStateNode, phase);
  };
  for (const machine of Object.values(machines)) walk((machine as unknown as AnyStateMachine).root as AnyStateNode, null);
  return [...out];
}

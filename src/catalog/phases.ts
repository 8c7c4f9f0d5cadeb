// The phases of a deployment in flow order with their labels, for every report format: read from
// the vocabulary (src/catalog/vocabulary.ts), where they are declared once.
import { PHASE_ORDER, PHASES } from './vocabulary.ts';

export function phaseLabel(p: string): string {
  if (!p) return 'unknown phase';
  return (PHASES as Record<string, { label: string }>)[p]?.label ?? p;
}

/** A phase whose time is spent waiting (the device off between flows): elapsed, not active time. */
export function phaseIsWaiting(p: string): boolean {
  return (PHASES as Record<string, { waiting?: true }>)[p]?.waiting === true;
}

/** A phase's label for a table of minutes: a waiting phase says its minutes are not active time. */
export function phaseMinutesLabel(p: string): string {
  return phaseIsWaiting(p) ? `${phaseLabel(p)} (waiting, not active time)` : phaseLabel(p);
}

/** A phase's place in the flow; unknown phases after the known ones. */
export function phaseRank(p: string): number {
  const i = (PHASE_ORDER as readonly string[]).indexOf(p);
  return i < 0 ? PHASE_ORDER.length : i;
}

/** Phase keys in flow order (ties by name). */
export function inFlowOrder(keys: Iterable<string>): string[] {
  return [...keys].sort((a, b) => phaseRank(a) - phaseRank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export { PHASE_ORDER };

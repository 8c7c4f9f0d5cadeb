// The screen a step shows, one rule for the studio (which draws it) and play (which names it).
import type { TraceEntry } from '../engine/simulate.ts';
import type { Screen } from '../catalog/vocabulary.ts';

/**
 * The screen a step shows: the hybrid domain join inside the technician's device ESP is a row of that ESP, not an OOBE
 * page (play said 'on screen: OOBE: Just a moment…' where the studio showed the ESP).
 */
export function screenShown(e: TraceEntry): Screen {
  return e.esp?.section === 'device' && (e.screen ?? 'oobeWorking') === 'oobeWorking' ? 'esp' : (e.screen ?? 'oobeWorking');
}

// Drivers: who answers what the device waits on, composed over the world. The kernel
// (src/engine/kernel.ts) asks one Responder; the world is one, and these wrap it.
import type { DeploymentEvent } from '../../machines/events.ts';
import { ENGINE_CAUSES as CAUSES, causeText } from '../catalog/causes.ts';
import type { Answer } from '../world/index.ts';
import type { Ask, Responder } from './kernel.ts';

/** Faults by step: the answer asked for after this many steps is replaced by the event. */
export type Faults = Readonly<Record<number, { event: DeploymentEvent; label: string; cause?: string }>>;

/**
 * A trainer's injected faults (or a person's choices in the studio) over another responder.
 * The fault takes the answer's place with the same duration, so the random stream stays
 * aligned, and keeps what the answer was about (the app being installed), so the screen can mark it.
 */
export function withFaults(under: Responder, faults: Faults): Responder {
  return {
    answer(ask: Ask): Answer | null {
      const answer = under.answer(ask);
      const fault = faults[ask.step];
      if (!fault || !answer) return answer;
      return { event: fault.event, minutes: answer.minutes, ...(answer.detail ? { detail: answer.detail } : {}), cause: fault.cause ?? causeText(CAUSES.injected, { fault: fault.label }) };
    },
    delivered(answer: Answer): void {
      under.delivered(answer);
    },
  };
}

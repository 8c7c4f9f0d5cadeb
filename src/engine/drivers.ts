// Drivers: who answers what the device waits on, composed over the world. The kernel
// (src/engine/kernel.ts) asks one Responder; the world is one, and each driver wraps the one
// under it: a trainer's injected faults, a person at the device (the studio's trainer clicking
// an event). simulate() composes them in order (SimulateOptions.drivers).
import type { DeploymentEvent } from '../../machines/events.ts';
import { ENGINE_CAUSES as CAUSES, causeText } from '../catalog/causes.ts';
import { answerOf, type Answer } from '../world/index.ts';
import type { Ask, Responder } from './kernel.ts';

/** A driver: a responder made over the one under it (the world at the bottom). */
export type Driver = (under: Responder) => Responder;

/** Events by step: the answer asked for after this many steps is replaced by the event. */
export type Replacements = Readonly<Record<number, { event: DeploymentEvent; label: string }>>;

/**
 * At the steps given, another event takes the answer's place with the same duration, so the
 * random stream stays aligned, and keeps what the answer was about (the app being installed),
 * so the screen can mark it; the cause says who or what replaced it.
 */
function replacing(under: Responder, at: Replacements, cause: (label: string) => string): Responder {
  return {
    answer(ask: Ask): Answer | null {
      const answer = under.answer(ask);
      const r = at[ask.step];
      if (!r || !answer) return answer;
      return answerOf(r.event, answer.minutes, answer.detail, cause(r.label));
    },
    delivered(answer: Answer): void {
      under.delivered(answer);
    },
  };
}

/** A trainer's injected faults (src/world/failure-modes.ts), by step. */
export type Faults = Replacements;

/** A trainer's injected faults over another responder: "injected: <fault>". */
export function withFaults(under: Responder, faults: Faults): Responder {
  return replacing(under, faults, (label) => causeText(CAUSES.injected, { fault: label }));
}

/** A person's choices by step: an event the state accepts then (Try again, Continue anyway, the network that needs setting up). */
export type Choices = Replacements;

/**
 * A person at the device (the studio's trainer clicking an event): at their steps, what they
 * chose answers instead of what the world would have done, in the time the world's answer
 * would have taken: "chosen: <what>".
 */
export function withPerson(under: Responder, choices: Choices): Responder {
  return replacing(under, choices, (label) => `chosen: ${label}`);
}

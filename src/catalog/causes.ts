// Causes with parameters: a cause is a template (`{name}` a parameter) filled with values, so
// that one root cause is one failure mode (code, phase, template) with its values kept apart,
// however many different values the devices saw. The world's templates are its failure modes
// (src/world/failure-modes.ts, which also reads a cause back into its template); the engine's
// own (a timer, a stop, an injected fault) are here.

/** The engine's causes: what it writes when no world rule decided the ending. */
export const ENGINE_CAUSES = {
  espStillInstalling: 'the ESP timer ran out while {app} was still installing',
  policyStillInstalling: "the device preparation policy's timer ran out while {app} was still installing",
  injected: 'injected: {fault}',
  stoppedSteps: 'stopped after {steps} steps',
  stoppedLimit: 'stopped at the {minutes}-minute limit',
  noEvent: 'no event can arrive in {state}',
} as const;

export type CauseParams = Record<string, string | number>;

/** A template filled with its parameters: the text the world writes. */
export function causeText(template: string, params: CauseParams): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

// In a module of its own (no yaml, no zod), so the command line's entry and the file writer load it at no cost.
/**
 * The error every wrong input gets, thrown or as a rejected promise: `file` is the file, or the argument (`fleet`,
 * `environment`, `options`, `a` or `b`, `spec`, `index`, `faultId`, `code`, `scenario`, `files` or `events`, `run`; the
 * function, `loadFleet`, `parseScenario`, `environmentOf` or `parseSweep`, where what it was given is not its kind at
 * all; a sweep's text as the command line names it, `--vary apps`); `field` the field ('' for the
 * whole); `expected` what was expected and what was given; `line` the line in a file, where there is one. Its message is
 * the one line the command line prints; its `code`, 'ERR_AUTOPILOT_SIM_INPUT', the same for every one, as Node's errors
 * carry a code a caller can switch on (an abort is an AbortError, Node's own errors have theirs).
 */
export class InputError extends Error {
  /** The same for every wrong input: `e.code === 'ERR_AUTOPILOT_SIM_INPUT'` tells one from any other error. */
  readonly code = 'ERR_AUTOPILOT_SIM_INPUT';
  /** The file's other problems, where validation found several (`validate` lists them; a command stops at this one). */
  readonly others: InputError[] = [];
  constructor(
    readonly file: string,
    readonly field: string,
    readonly expected: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${expected}`);
    this.name = 'InputError';
  }
}

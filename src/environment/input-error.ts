// The one error a user's input gets: the file, the field and what was expected. In a module of
// its own (no yaml, no zod), so the command line's entry and the file writer load it at no cost.
export class InputError extends Error {
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

// What every command shares with the program: exit codes, where output goes, and the
// error that means "bad arguments" (exit 2). Its own module, so commands import it without
// importing the program that imports them.
// A fault of the program itself is 70 (EX_SOFTWARE, as 74 is EX_IOERR), never 1: a CI job that gates on
// `run --fail-under` reads 1 as 'below the threshold'.
export const EXIT = { ok: 0, problem: 1, usage: 2, internal: 70, io: 74, interrupted: 130 } as const;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** The terminal's width when the output goes to one (timelines and lists fold their lines to it); none when piped. */
  readonly columns?: number;
  /** The terminal's width when standard error goes to one: an error or a note folds its words to it; none when piped. */
  readonly errColumns?: number;
}

export class UsageError extends Error {}

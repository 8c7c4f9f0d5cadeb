// Writing output files safely. Every output a command names is checked before any work
// (checkOutputs): not a folder, in an existing folder, not one of the command's inputs,
// not the same file as another output. A regular file is written into a temporary file
// beside its target and renamed into place only when complete, so an interrupted or
// failed run never leaves a half-written report; a symbolic link is written through to
// its target; a device, a FIFO or `-` (standard output) is written directly, never
// replaced. A write that fails (disk full, no permission, read-only file system, a
// reader that went away) is one OutputError naming the path and the cause, and leaves
// no temporary file.
import { accessSync, closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../environment/input-error.ts';

/** An output that could not be written while the command ran: exit code EXIT.io. */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: cannot write (${reason})`);
    this.name = 'OutputError';
  }
}

const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EPIPE: 'the reader went away (broken pipe)',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  ENXIO: 'no reader on the other end',
};

/** "ENOSPC: no space left on the device", from a Node error. */
export function ioCause(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code) return `${code}: ${CAUSES[code] ?? (e as Error).message.replace(/^[A-Z]+: /, '').replace(/, \w+ .*$/, '')}`;
  return (e as Error)?.message ?? String(e);
}

/** Wrap a file-system error as an OutputError for `path`; other errors pass through. */
function asOutputError(path: string, e: unknown): unknown {
  if (e instanceof OutputError || e instanceof InputError) return e;
  if ((e as NodeJS.ErrnoException)?.code) return new OutputError(path, ioCause(e));
  return e;
}

const pending = new Set<string>();

/** Remove the temporary files of writes still open (on a signal, a crash, a failed write); returns how many there were. */
export function removePendingFiles(): number {
  const removed = pending.size;
  for (const p of pending) rmSync(p, { force: true });
  pending.clear();
  return removed;
}

/** Paths the system makes (standard output, a process's descriptors): always written directly, never replaced. */
const SYSTEM = /^\/(dev|proc)\//;

/**
 * Where an output path really leads: `-`; a device, FIFO or socket as given (the kernel
 * follows its links, including /proc's); a regular file as its real path after following
 * symbolic links; a file that does not exist yet as its folder's real path and its name,
 * after following a dangling symbolic link.
 */
export function outputTarget(path: string): string {
  if (path === '-') return '-';
  try {
    const st = statSync(path);
    return (st.isFile() || st.isDirectory()) && !SYSTEM.test(resolve(path)) ? realpathSync(path) : resolve(path);
  } catch {
    /* does not exist (yet), or a dangling link */
  }
  let p = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    try {
      if (!lstatSync(p).isSymbolicLink()) break;
    } catch {
      break;
    }
    p = resolve(dirname(p), readlinkSync(p));
  }
  try {
    return join(realpathSync(dirname(p)), basename(p));
  } catch {
    return p;
  }
}

/** The identity of an existing file (device and inode), or null. */
function identity(path: string): string | null {
  try {
    const st = path === '-' ? fstatSync(1) : statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/** A clear error now, before any work, if `path` cannot be written. */
export function checkTarget(path: string, option: string): void {
  if (path === '-') return;
  if (path === '') throw new InputError(option, '', 'expected a file name, got an empty one');
  const target = outputTarget(path);
  const dir = dirname(target);
  let dirStat: Stats | null = null;
  try {
    dirStat = statSync(dir);
  } catch {
    /* reported below */
  }
  // `--html report.html/x` where report.html is a file: it read '(report.html does not exist)' beside the file itself.
  if (!dirStat?.isDirectory()) throw new InputError(path, option, `expected a file in an existing folder (${dirname(path)} ${dirStat ? 'is a file, not a folder' : 'does not exist'})`);
  let st: Stats | null = null;
  try {
    st = statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new InputError(path, option, 'expected a file, got a loop of symbolic links');
  }
  if (st?.isDirectory()) throw new InputError(path, option, 'expected a file name, got a folder');
  // A folder this user may not write in (or a read-only file system) failed only when the report was written, after the
  // whole run: 11 s of a 40,000-device fleet, 20 s of its sweep, then 'cannot write (EACCES: permission denied)'. The
  // same line and exit code now, before the run. A device or a FIFO is opened where it is, never in its folder.
  if (isSpecial(target)) return;
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new OutputError(path, ioCause(e));
  }
}

export interface OutputSpec {
  path: string;
  option: string;
}

/**
 * Check every output of a command before it runs: each one writable in principle, none the
 * same file as an input (the command would destroy what it reads), no two the same file
 * (one would silently replace the other). `inputs` are the paths the command reads.
 */
export function checkOutputs(outputs: ReadonlyArray<OutputSpec | undefined | false>, inputs: ReadonlyArray<string> = []): void {
  const given = outputs.filter((o): o is OutputSpec => Boolean(o));
  for (const o of given) checkTarget(o.path, o.option);
  const inputIds = inputs.filter((i) => i !== '-').map((i) => ({ path: i, target: outputTarget(i), id: identity(i) }));
  const seen: Array<{ spec: OutputSpec; target: string; id: string | null }> = [];
  for (const o of given) {
    const target = outputTarget(o.path);
    const id = identity(o.path);
    for (const i of inputIds) {
      if (isSpecial(target)) break; // a device or a FIFO: written directly, nothing is replaced
      if (target === i.target || (id !== null && id === i.id)) {
        throw new InputError(o.path, o.option, `expected a new file name: this is the input ${i.path}, which would be overwritten`);
      }
    }
    for (const s of seen) {
      if (target === s.target || (id !== null && id === s.id)) {
        throw new InputError(o.path, o.option, `expected a different file from ${s.spec.option} ${s.spec.path}: both name the same file, one would replace the other`);
      }
    }
    seen.push({ spec: o, target, id });
  }
}

/** Whether the path is (or leads to) something other than a regular file: a device, a FIFO, a socket, or `-`. */
function isSpecial(target: string): boolean {
  if (target === '-' || SYSTEM.test(target)) return true;
  try {
    const st = statSync(target);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/**
 * An output being written. Regular files: a temporary file beside the target, renamed
 * into place by commit(). Devices, FIFOs and `-`: written directly.
 */
export class AtomicFile {
  private fd: number;
  private readonly temp: string | null = null;
  private readonly target: string;
  private closed = false;

  constructor(
    readonly path: string,
    readonly option = '',
  ) {
    checkTarget(path, option);
    this.target = outputTarget(path);
    try {
      if (this.target === '-') {
        this.fd = 1;
      } else if (isSpecial(this.target)) {
        this.fd = openSync(this.target, 'w');
      } else {
        this.temp = join(dirname(this.target), `.${basename(this.target)}.${process.pid}.tmp`);
        pending.add(this.temp);
        this.fd = openSync(this.temp, 'w');
      }
    } catch (e) {
      if (this.temp) {
        rmSync(this.temp, { force: true });
        pending.delete(this.temp);
      }
      throw asOutputError(path, e);
    }
  }

  write(text: string): void {
    try {
      const bytes = Buffer.from(text);
      let off = 0;
      while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return this.writeLater(text, e);
      this.abort();
      throw asOutputError(this.path, e);
    }
  }

  /** A non-blocking pipe that is full: wait a moment and retry (rare; standard output to a slow reader). */
  private writeLater(text: string, first: unknown): void {
    const bytes = Buffer.from(text);
    let off = 0;
    const wait = new Int32Array(new SharedArrayBuffer(4));
    for (let tries = 0; off < bytes.length; ) {
      try {
        off += writeSync(this.fd, bytes, off, bytes.length - off);
        tries = 0;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN' || ++tries > 6000) {
          this.abort();
          throw asOutputError(this.path, tries > 6000 ? first : e);
        }
        Atomics.wait(wait, 0, 0, 10);
      }
    }
  }

  /** Finish: rename into place (a regular file), or close (a device, a FIFO). */
  commit(): void {
    try {
      this.close();
      if (this.temp) {
        renameSync(this.temp, this.target);
        pending.delete(this.temp);
      }
    } catch (e) {
      this.abort();
      throw asOutputError(this.path, e);
    }
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.fd !== 1) closeSync(this.fd);
  }

  /** Give up: remove the temporary file, leave any old file under the name as it was. */
  abort(): void {
    try {
      this.close();
    } catch {
      /* already closed, or the close failed too: the file is removed anyway */
    }
    if (this.temp) {
      rmSync(this.temp, { force: true });
      pending.delete(this.temp);
    }
  }
}

export function writeFileAtomic(path: string, text: string, option = ''): void {
  const f = new AtomicFile(path, option);
  f.write(text);
  f.commit();
}

// Writing output files safely: into a temporary file beside the target, renamed into
// place only when complete, so an interrupted run never leaves a half-written report.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../environment/load.ts';

const pending = new Set<string>();

/** Remove the temporary files of writes still open (on Ctrl-C or a crash). */
export function removePendingFiles(): void {
  for (const p of pending) rmSync(p, { force: true });
  pending.clear();
}

/** A clear error now, before any work, if `path` cannot be written. */
export function checkTarget(path: string, option: string): void {
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(path, option, `expected a file in an existing folder (${dir} does not exist)`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new InputError(path, option, 'expected a file name, got a folder');
}

export class AtomicFile {
  private fd: number;
  private readonly temp: string;

  constructor(
    readonly path: string,
    option = '',
  ) {
    checkTarget(path, option);
    this.temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    this.fd = openSync(this.temp, 'w');
    pending.add(this.temp);
  }

  write(text: string): void {
    writeSync(this.fd, text);
  }

  /** Finish: rename into place. */
  commit(): void {
    closeSync(this.fd);
    renameSync(this.temp, this.path);
    pending.delete(this.temp);
  }

  /** Give up: remove the temporary file, leave any old file under the name as it was. */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    rmSync(this.temp, { force: true });
    pending.delete(this.temp);
  }
}

export function writeFileAtomic(path: string, text: string, option = ''): void {
  const f = new AtomicFile(path, option);
  try {
    f.write(text);
    f.commit();
  } catch (e) {
    f.abort();
    throw e;
  }
}

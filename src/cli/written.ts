// What an output option wrote, said on standard error: every command that writes a file (run, compare, sweep, recommend,
// calibrate, diagram) names it the same way.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { count, wrap } from '../format.ts';
import type { Io } from './io.ts';

/**
 * What an output option wrote, on standard error after the report (`wrote report.html (59 KB)`): '--html report.html'
 * printed the report and not a word of the file, so a user looked for it or ran again. Not for standard output (`-`) or a
 * device, which the report itself went to.
 */
export function noteWritten(io: Io, paths: Array<string | undefined | false>): void {
  for (const path of paths) {
    if (!path || path === '-' || /^\/(dev|proc)\//.test(resolve(path))) continue;
    let size = '';
    try {
      const bytes = statSync(path).size;
      size = ` (${bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${count(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`})`;
    } catch {
      continue;
    }
    io.err(wrap(`wrote ${path}${size}`, io.errColumns, 2));
  }
}

// The package's own folder (where scenarios/, schema/ and dist/studio/ are), found the same way
// whether this code runs from its source (src/...) or from the build (dist/...): the nearest
// folder above this module whose package.json is autopilot-sim's (it names the autopilot-sim command).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * This module's file. Bundled into a CommonJS program, `import.meta` is empty (esbuild leaves it so outside an ES
 * module), and the bundle's own file stands for it: importing the library there was a TypeError ('The "path" argument
 * must be of type string'), before the program ran a line.
 */
function ownFile(): string {
  const url: string | undefined = import.meta.url;
  if (url) return fileURLToPath(url);
  return typeof __filename === 'string' ? __filename : join(process.cwd(), 'index.js');
}

/** Whether `dir` holds autopilot-sim's package.json (a program that bundles the library has its own above the bundle). */
function isOwnPackage(dir: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return typeof (JSON.parse(readFileSync(file, 'utf8')) as { bin?: Record<string, unknown> }).bin?.['autopilot-sim'] === 'string';
  } catch {
    return false;
  }
}

function findRoot(): { root: string; bundled: boolean } {
  const self = ownFile();
  for (let dir = dirname(self); ; dir = dirname(dir)) {
    if (isOwnPackage(dir)) return { root: dir, bundled: false };
    // None above: the library bundled into another program, its files (scenarios, schemas, the worker, the studio) left
    // behind. It runs on one thread; a bundled name or the workers say so when asked for (a bundle deployed alone threw
    // 'no package.json above' on import).
    if (dirname(dir) === dir) return { root: dirname(self), bundled: true };
  }
}

const found = findRoot();

export const PACKAGE_ROOT = found.root;

/** Whether the library runs bundled into another program, without the package's own files beside it. */
export const BUNDLED_INTO_PROGRAM = found.bundled;

// The package's own folder (where scenarios/, schema/ and dist/studio/ are), found the same way
// whether this code runs from its source (src/...) or from the build (dist/...): the nearest
// folder above this module that holds a package.json.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`autopilot-sim: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

export const PACKAGE_ROOT = findRoot();

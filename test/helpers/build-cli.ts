// Global set-up of the node tests: build dist/ (the CLI, the library, the worker) from the
// current source when it is older than its sources (or missing), so the spawned `autopilot-sim`
// is the built command and never a stale one. A fresh clone's `npm install` has just built it.
// esbuild takes about a second; the declarations and the studio are not needed here.
// Two projects use this set-up in one run: the build happens once (both run in vitest's main process).
import { builtSince } from './newest.ts';

const BUILT = Symbol.for('autopilot-sim.test.build-cli');
/** What dist/'s scripts are made from, and what buildJs writes. */
const SOURCES = ['src', 'machines', 'scripts/build.mjs', 'package.json', 'package-lock.json'];
const OUTPUTS = ['dist/index.js', 'dist/cli.js', 'dist/worker.cjs', 'dist/worker.cjs.cache'];

export default async function setup(): Promise<void> {
  const g = globalThis as { [BUILT]?: Promise<void> };
  g[BUILT] ??= (async () => {
    if (builtSince(OUTPUTS, SOURCES)) return;
    // @ts-expect-error: a plain .mjs script without declarations
    const { buildJs } = (await import('../../scripts/build.mjs')) as { buildJs: () => Promise<void> };
    await buildJs();
  })();
  await g[BUILT];
}

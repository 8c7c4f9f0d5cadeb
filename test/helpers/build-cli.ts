// Global set-up of the node tests: build dist/ (the CLI, the library, the worker) from the
// current source, so the spawned `autopilot-sim` is the built command and never a stale one.
// esbuild takes well under a second; the declarations and the studio are not needed here.
// Two projects use this set-up in one run: the build happens once (both run in vitest's main process).
const BUILT = Symbol.for('autopilot-sim.test.build-cli');

export default async function setup(): Promise<void> {
  const g = globalThis as { [BUILT]?: Promise<void> };
  g[BUILT] ??= (async () => {
    // @ts-expect-error: a plain .mjs script without declarations
    const { buildJs } = (await import('../../scripts/build.mjs')) as { buildJs: () => Promise<void> };
    await buildJs();
  })();
  await g[BUILT];
}

// Global set-up of the process tests: build dist/ (the CLI, the library, the worker) from the
// current source, so the spawned `autopilot-sim` is the built command and never a stale one.
// esbuild takes well under a second; the declarations and the studio are not needed here.
export default async function setup(): Promise<void> {
  // @ts-expect-error: a plain .mjs script without declarations
  const { buildJs } = (await import('../../scripts/build.mjs')) as { buildJs: () => Promise<void> };
  await buildJs();
}

// npm pack and npm publish: the packed package.json without the scripts a consumer cannot run. `prepare` (the build),
// which npm runs for a clone's `npm install`, never for a package installed from the registry or a tarball, yet npm 11
// lists there as an install script to approve ("install scripts not yet covered by allowScripts"); and every script
// that names a file the package does not hold or runs a tool it does not install (start's bin/, test's scripts/,
// bench's tsx and bench/), which the packed package.json listed as if a consumer could. npm itself runs none of them
// there. npm runs the pack's own scripts from the package.json it reads before prepack (npm 11.19, checked on a stub).
// Nor the exports' `source` condition: it points into src/, which is not packed (the clone's tests and type-check read
// the TypeScript through it; a consumer's bundler or TypeScript set to the same condition would find nothing there).
// `prepack` builds and takes them out; `postpack` puts package.json back as it was.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What npm needs in the stripped file: a pack that failed after prepack (its build, or a --pack-destination npm refused)
 * leaves it on disk, and npm runs the scripts of the package.json it reads before prepack: without these, the next
 * pack built nothing and restored nothing (npm run test:package: 'npm pack leaves package.json as it was' failed), or
 * failed in prepack's `npm run build` ('Missing script: "build"').
 * npm never runs them for a consumer.
 */
const PACKING = ['prepack', 'postpack'];
/** Commands a consumer's install has: Node, npm, and the package's own. */
const RUNNABLE = ['node', 'npm', 'npx'];

/** The package.json npm packs: `manifest` without `prepare`, the scripts a consumer cannot run (but PACKING), and the `source` condition. */
export function packedManifest(manifest) {
  const packed = structuredClone(manifest);
  const commands = new Set([...RUNNABLE, ...(typeof packed.bin === 'string' ? [packed.name] : Object.keys(packed.bin ?? {}))]);
  const isPacked = (path) => (packed.files ?? []).some((f) => path.replace(/^\.\//, '').startsWith(f.replace(/^\.\//, '')));
  const runnable = (script) =>
    script.split(/&&|\|\||[;|]/).every((part) => {
      const [command, ...args] = part.trim().split(/\s+/).filter((w) => !/^\w+=/.test(w));
      return commands.has(command) && args.filter((a) => !a.startsWith('-') && (a.includes('/') || /\.[cm]?[jt]s$/.test(a))).every(isPacked);
    });
  // And what they run in turn: prepack's `npm run build`.
  const packing = new Set(PACKING);
  for (const name of packing) for (const [, next] of (packed.scripts?.[name] ?? '').matchAll(/\bnpm run (\S+)/g)) packing.add(next);
  for (const [name, script] of Object.entries(packed.scripts ?? {})) if (name === 'prepare' || (!packing.has(name) && !runnable(script))) delete packed.scripts[name];
  if (packed.scripts && Object.keys(packed.scripts).length === 0) delete packed.scripts;
  for (const entry of Object.values(packed.exports ?? {})) if (typeof entry === 'object') delete entry.source;
  return packed;
}

const file = new URL('../package.json', import.meta.url);
const kept = new URL('../package.json.packing', import.meta.url);
const command = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) ? process.argv[2] : 'none';
if (command === 'check') {
  // Before the build: `npm pack --pack-destination` of a folder that does not exist failed only after the build (a
  // minute) and the strip, with npm's 'ENOENT: no such file or directory, open .../autopilot-sim-0.1.0.tgz', and left the
  // clone's package.json stripped until the next pack. npm resolves the folder from where it was run (INIT_CWD).
  const destination = process.env.npm_config_pack_destination;
  if (destination) {
    const folder = resolve(process.env.INIT_CWD ?? process.cwd(), destination);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      console.error(`npm pack: --pack-destination ${destination}: ${existsSync(folder) ? 'not a folder' : 'no such folder'} (npm writes the tarball into a folder that exists: mkdir -p ${destination} first)`);
      process.exit(2);
    }
  }
} else if (command === 'strip') {
  // A pack that failed after prepack (a --pack-destination that does not exist) never ran postpack: package.json was
  // left stripped, and the next pack kept that stripped copy as the one to restore, so the clone lost its `prepare`.
  if (existsSync(kept)) renameSync(kept, file);
  const text = readFileSync(file, 'utf8');
  writeFileSync(kept, text);
  writeFileSync(file, `${JSON.stringify(packedManifest(JSON.parse(text)), null, 2)}\n`);
} else if (command !== 'none') {
  renameSync(kept, file);
}

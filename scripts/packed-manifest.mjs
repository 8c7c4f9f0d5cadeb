// npm pack and npm publish: the packed package.json without the `prepare` script. npm runs `prepare` (the build)
// for a clone's `npm install`, never for a package installed from the registry or a tarball, yet npm 11 lists it
// there as an install script to approve ("install scripts not yet covered by allowScripts"). Nor the exports' `source`
// condition: it points into src/, which is not packed (the clone's tests and type-check read the TypeScript through it;
// a consumer's bundler or TypeScript set to the same condition would find nothing there). `prepack` builds and takes both
// out; `postpack` puts package.json back as it was.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
const file = new URL('../package.json', import.meta.url);
const kept = new URL('../package.json.packing', import.meta.url);
if (process.argv[2] === 'check') {
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
} else if (process.argv[2] === 'strip') {
  // A pack that failed after prepack (a --pack-destination that does not exist) never ran postpack: package.json was
  // left stripped, and the next pack kept that stripped copy as the one to restore, so the clone lost its `prepare`.
  if (existsSync(kept)) renameSync(kept, file);
  const text = readFileSync(file, 'utf8');
  writeFileSync(kept, text);
  const manifest = JSON.parse(text);
  delete manifest.scripts.prepare;
  for (const entry of Object.values(manifest.exports)) if (typeof entry === 'object') delete entry.source;
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
} else {
  renameSync(kept, file);
}

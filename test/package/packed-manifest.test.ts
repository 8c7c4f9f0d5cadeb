// The packed package.json listed every script of the clone (start, test, test:package, build, bench*...), each naming a
// file the package does not hold (bin/, scripts/, test/, bench/) or a tool it does not install (tsx, esbuild, tsc): none
// a consumer can run. scripts/packed-manifest.mjs's packedManifest (what prepack writes) keeps only those a consumer can.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations
import { packedManifest } from '../../scripts/packed-manifest.mjs';
import { tempDir } from '../helpers/temp.ts';

type Manifest = { name: string; files?: string[]; bin?: Record<string, string>; scripts?: Record<string, string>; exports?: Record<string, unknown>; [k: string]: unknown };
const pack = packedManifest as (m: Manifest) => Manifest;
const root = join(import.meta.dirname, '../..');

describe('the packed package.json', () => {
  const dir = tempDir('apsim-packed-manifest-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists none of the clone's scripts (start, test, build, bench* and prepare name files or tools the package does not hold) but prepack, postpack and the build prepack runs", () => {
    // prepack's strip and postpack's restore, on a copy of package.json and the script: the clone's own is never touched.
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
    copyFileSync(join(root, 'scripts/packed-manifest.mjs'), join(dir, 'scripts/packed-manifest.mjs'));
    const text = readFileSync(join(dir, 'package.json'), 'utf8');
    const manifest = JSON.parse(text) as Manifest;
    for (const name of ['start', 'test', 'test:package', 'build', 'prepare', 'bench', 'bench:cli']) expect(manifest.scripts?.[name], name).toBeDefined();
    execFileSync(process.execPath, [join(dir, 'scripts/packed-manifest.mjs'), 'strip']);
    const packed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    // prepack, postpack and the build prepack runs: a pack that failed half-way leaves this file on disk, and the next
    // pack runs its scripts.
    expect(packed.scripts).toEqual({ prepack: manifest.scripts?.prepack, postpack: manifest.scripts?.postpack, build: manifest.scripts?.build });
    // The rest as it was, but the exports' `source` condition (src/ is not packed).
    expect(JSON.stringify(packed.exports)).not.toContain('src/');
    expect({ ...packed, exports: manifest.exports, scripts: manifest.scripts }).toEqual(manifest);
    execFileSync(process.execPath, [join(dir, 'scripts/packed-manifest.mjs'), 'restore']);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(text);
  });

  it('keeps a script that runs Node, npm or its own command on packed files only', () => {
    const manifest: Manifest = {
      name: 'x',
      files: ['dist/'],
      bin: { x: 'dist/cli.js' },
      scripts: {
        start: 'node dist/cli.js simulate --seed 1',
        postinstall: 'node ./dist/setup.js',
        demo: 'x run && npm run start',
        prepare: 'node dist/build.js',
        build: 'node scripts/build.mjs',
        bench: 'tsx bench/fleet.ts',
        half: 'node dist/cli.js && node bin/x.js',
        schema: 'FORCE=1 tsx src/cli/write-schemas.ts',
        postpack: 'node scripts/packed-manifest.mjs restore',
      },
    };
    expect(pack(manifest).scripts).toEqual({ start: 'node dist/cli.js simulate --seed 1', postinstall: 'node ./dist/setup.js', demo: 'x run && npm run start', postpack: 'node scripts/packed-manifest.mjs restore' });
    expect(Object.keys(manifest.scripts ?? {})).toHaveLength(9);
  });
});

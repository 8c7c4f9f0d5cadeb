// `npm pack --pack-destination` of a folder that does not exist: npm failed only after prepack's build (a minute) and
// its strip, with 'ENOENT: no such file or directory, open .../autopilot-sim-0.1.0.tgz', and the clone's package.json
// was left without its `prepare` script and `source` condition until the next pack. Now prepack says so before either.
// Run on a copy of package.json and scripts/packed-manifest.mjs, the build a stub: the clone's own is never touched.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.ts';

const root = join(import.meta.dirname, '../..');
const dir = tempDir('apsim-pack-destination-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm pack --pack-destination of a folder that does not exist', () => {
  it('is refused before the build, naming the folder, and package.json is left as it was', () => {
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
    copyFileSync(join(root, 'scripts/packed-manifest.mjs'), join(dir, 'scripts/packed-manifest.mjs'));
    writeFileSync(join(dir, 'scripts/build.mjs'), '');
    const before = readFileSync(join(dir, 'package.json'), 'utf8');
    const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', '--pack-destination', 'missing', '--ignore-scripts=false'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('npm pack: --pack-destination missing: no such folder (npm writes the tarball into a folder that exists: mkdir -p missing first)');
    expect(r.stdout).not.toContain('scripts/build.mjs');
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'package.json.packing'))).toBe(false);
  }, 130_000);
});

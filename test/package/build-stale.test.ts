// The clone's `prepare` (node scripts/build.mjs --if-stale) builds only what changed: npx autopilot-sim in a clone
// installs the clone into npx's cache and runs its prepare, which built everything again on a newcomer's first npx
// command (26 s in a fresh clone) and, interrupted, left npx failing there.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript script, without declarations
import { staleness } from '../../scripts/build.mjs';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-stale-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (file: string, at: number) => {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), '');
  utimesSync(join(dir, file), at, at);
};
const outputs = ['dist/index.js', 'dist/index.d.ts', 'dist/cli.js', 'dist/worker.cjs', 'dist/worker.cjs.cache', 'dist/studio/index.html'];

describe('scripts/build.mjs --if-stale', () => {
  it('builds when an output is missing or an input changed since the oldest output, and not when the build is current', () => {
    write('src/index.ts', 1_000);
    write('machines/flows/oobe.ts', 1_000);
    write('package.json', 1_000);
    expect(staleness(dir)).toBe('dist/index.js is missing');
    for (const f of outputs) write(f, 2_000);
    expect(staleness(dir)).toBeNull();
    write('dist/studio/index.html', 1_500);
    write('machines/flows/oobe.ts', 1_600);
    expect(staleness(dir)).toBe('machines/flows/oobe.ts changed since the build');
    write('dist/studio/index.html', 2_000);
    expect(staleness(dir)).toBeNull();
    write('scenarios/lessons/01.yaml', 3_000);
    expect(staleness(dir)).toBe('scenarios/lessons/01.yaml changed since the build');
    // The XState types the published declarations name (the build copies them in).
    for (const f of outputs) write(f, 4_000);
    write('scripts/xstate-types.d.ts', 5_000);
    expect(staleness(dir)).toBe('scripts/xstate-types.d.ts changed since the build');
  });

  it('does not build again when npm install writes package-lock.json anew, unchanged, and does when it changed', () => {
    for (const f of outputs) write(f, 6_000);
    write('scripts/xstate-types.d.ts', 5_000);
    writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}');
    utimesSync(join(dir, 'package-lock.json'), 7_000, 7_000);
    // Without a record of what the whole build read, its time decides.
    expect(staleness(dir)).toBe('package-lock.json changed since the build');
    const sha = createHash('sha256').update('{"lockfileVersion":3}').digest('hex');
    writeFileSync(join(dir, 'dist/.inputs.json'), JSON.stringify({ 'package-lock.json': sha }));
    expect(staleness(dir)).toBeNull();
    writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}');
    expect(staleness(dir)).toBe('package-lock.json changed since the build');
  });
});

// How a trainer names a file: a bundled name without its folder, a path with spaces.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DIR } from '../../src/environment/files.ts';
import { cli } from '../helpers/cli.ts';

describe('file names', () => {
  it('a bundled name without its folder is the one bundled file of that name', async () => {
    const lesson = await cli('simulate', '02-self-deploying-on-a-vm', '--no-narration');
    expect(lesson.code, lesson.err).toBe(0);
    expect(lesson.out).toMatch(/scenarios\/lessons\/02-self-deploying-on-a-vm\.yaml · seed 1/);
    expect(lesson.out).toMatch(/error +0x800705B4/);
    const failure = await cli('validate', 'self-deploy-second-time', 'new-laptops.yaml');
    expect(failure.code, failure.err).toBe(0);
    expect(failure.out).toMatch(/^ok +scenarios\/failures\/self-deploy-second-time\.yaml/m);
    expect(failure.out).toMatch(/^ok +scenarios\/fleets\/new-laptops\.yaml +fleet/m);
    // A name no bundled file has is still 'file not found', exit 2.
    const none = await cli('simulate', 'self-deploying-on-a-mainframe');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/self-deploying-on-a-mainframe: file not found/);
  });

  it('a path with spaces is read as one file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'apsim names ')), 'my lab file.yaml');
    copyFileSync(join(BUNDLED_DIR, 'self-deploying.yaml'), path);
    const r = await cli('simulate', path);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/my lab file\.yaml · seed 1/);
    expect((await cli('play', path, '--auto', '--speed', '1e9')).code).toBe(0);
  });
});

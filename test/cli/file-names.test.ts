// How a trainer names a file: a bundled name without its folder, a path with spaces.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DIR } from '../../src/environment/files.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

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

  it("calibrate reads the bundled sample by its bundled name, as run takes fleets/branch-rollout from any folder (it said 'file not found')", async () => {
    const sample = join(BUNDLED_DIR, 'calibration/synthetic-autopilot-events.csv');
    const byPath = await cli('calibrate', sample, '--segment', 'user-driven/entra', '--json');
    const byName = await cli('calibrate', 'calibration/synthetic-autopilot-events.csv', '--segment', 'user-driven/entra', '--json');
    expect(byName.code, byName.err).toBe(0);
    expect(byName.out).toBe(byPath.out);
    const none = await cli('calibrate', 'calibration/no-such-export.csv');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/calibration\/no-such-export\.csv: file not found/);
  });

  it('a name not found suggests the bundled names it begins or is a slip for', async () => {
    // 'file not found' alone, though user-driven-entra and lessons/02-self-deploying-on-a-vm exist.
    const family = await cli('simulate', 'user-driven');
    expect(family.code).toBe(2);
    expect(family.err).toContain('user-driven: file not found (give a path, or a bundled name from `autopilot-sim scenarios`): did you mean user-driven-adfs-assigned-user, user-driven-entra, user-driven-hybrid, user-driven-hybrid-script-local-admin or user-driven-hybrid-vpn?');
    expect((await cli('simulate', 'lessons/02')).err).toMatch(/lessons\/02: file not found .*: did you mean lessons\/02-self-deploying-on-a-vm\?$/);
    expect((await cli('simulate', 'user-drivn-entra')).err).toMatch(/did you mean user-driven-entra\?$/);
    expect((await cli('run', 'fleets/branch')).err).toMatch(/did you mean fleets\/branch-rollout\?$/);
    expect((await cli('simulate', 'self-deploy-second-tim')).err).toMatch(/did you mean failures\/self-deploy-second-time\?$/);
    // Many begun: the first five and how many more.
    expect((await cli('simulate', 'failures/')).err).toMatch(/did you mean (failures\/[\w-]+, ){4}failures\/[\w-]+ or \d+ more\?$/);
    // Nothing near: as before.
    expect((await cli('simulate', './my-lab.yaml')).err).toMatch(/file not found \(give a path, or a bundled name from `autopilot-sim scenarios`\)$/);
  });

  it('a path with spaces is read as one file', async () => {
    const path = join(tempDir('apsim names '), 'my lab file.yaml');
    copyFileSync(join(BUNDLED_DIR, 'self-deploying.yaml'), path);
    const r = await cli('simulate', path);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/my lab file\.yaml · seed 1/);
    expect((await cli('play', path, '--auto', '--speed', '1e9')).code).toBe(0);
  });
});

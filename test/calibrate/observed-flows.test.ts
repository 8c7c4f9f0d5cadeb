// A twin of user-driven deployments alone, given to recommend, ranked device preparation, pre-provisioning and
// self-deploying with the tenant's figures beside them, and nothing in the twin said which flows its records showed.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-observed-flows-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SAMPLE = 'scenarios/calibration/synthetic-autopilot-events.csv';
const NOTE = "Another flow or join (compare --scenarios, recommend) runs as the model has it (its steps' defaults, estimates) with this tenant's fitted values carried over: no deployment in these exports shows it.";

it('the twin and an overlay say which flows the exports showed, and that any other is the model with the tenant carried over', async () => {
  const twin = join(dir, 'twin.yaml');
  const overlay = join(dir, 'overlay.yaml');
  expect((await cli('calibrate', SAMPLE, '-o', twin)).code).toBe(0);
  expect(readFileSync(twin, 'utf8')).toContain(`\n# Observed: user-driven/entra, user-driven/hybrid, self-deploying/entra. ${NOTE}\n`);
  expect((await cli('calibrate', SAMPLE, '--segment', 'user-driven/entra', '--overlay', overlay, '-o', join(dir, 'ud.yaml'))).code).toBe(0);
  expect(readFileSync(overlay, 'utf8')).toContain(`\n# Observed: user-driven/entra. ${NOTE}\n`);
  expect(readFileSync(join(dir, 'ud.yaml'), 'utf8')).toContain(`\n# Observed: user-driven/entra. ${NOTE}\n`);
});

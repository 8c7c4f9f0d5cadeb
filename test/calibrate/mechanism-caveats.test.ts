// A hybrid tenant's failures with 0x80070774 (a domain controller out of sight) became a fixed probability in the twin,
// beside the model's own 0x80070774 from hybrid.dcLineOfSight: a what-if taking the domain controller from half the sites
// added the model's failures to the tenant's, and one giving it back saved none of the tenant's, with no word of either.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-mechanism-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 200 hybrid deployments, every twentieth failed with the given details. */
function hybrid(name: string, details: string): string {
  const file = join(dir, name);
  const value = Array.from({ length: 200 }, (_, i) => {
    const failed = i % 20 === 0;
    const device = 30 + (i % 13) * 0.8;
    const account = 9 + (i % 7) * 0.5;
    return {
      id: `mechanism-${i}`,
      deviceId: `mechanism-device-${i}`,
      enrollmentType: 'offlineDomainJoined',
      deploymentState: failed ? 'failure' : 'success',
      deviceSetupStatus: failed ? 'failure' : 'success',
      accountSetupStatus: failed ? 'notAttempted' : 'success',
      deviceSetupDuration: isoDuration(device),
      accountSetupDuration: failed ? null : isoDuration(account),
      deploymentTotalDuration: isoDuration(device + (failed ? 0 : account) + 8),
      enrollmentFailureDetails: failed ? details : null,
    };
  });
  writeFileSync(file, JSON.stringify({ value }));
  return file;
}

it("says that a what-if on the settings that make a tenant's code in the model leaves the tenant's own failures with it", async () => {
  const twin = join(dir, 'twin.yaml');
  const r = await cli('calibrate', hybrid('dc.json', 'Domain join failed 0x80070774'), '--json', '-o', twin);
  expect(r.code, r.err).toBe(0);
  const note = JSON.parse(r.out).segments[0].caveats.find((c: string) => c.startsWith('0x80070774 at device setup:'));
  expect(note).toMatch(/^0x80070774 at device setup: the model also fails with it on its own where the environment says so \([^)]*hybrid\.dcLineOfSight[^)]*\); the twin fails 5\.0% of deployments with it at a fixed probability beside that, as the records do not say which setting caused the tenant's, so a what-if on those fields moves the model's own failures only, not the tenant's; and run lists the tenant's at device setup, where Graph records them, and the model's at the step where domain\/autopilot\.md places the code \([^)]*H5[^)]*\), two failure modes of one cause: the records name no step, so the twin cannot put the tenant's at the model's$/);
  expect(readFileSync(twin, 'utf8')).toContain(`# what-if caveat: ${note}`);
  // A code of the tenant's own, which the catalogue has not (an app's MSI error), no setting makes: nothing said.
  const own = await cli('calibrate', hybrid('msi.json', 'App install failure 0x80070643'), '--json');
  expect(JSON.parse(own.out).segments[0].caveats.filter((c: string) => /the model also fails with it/.test(c))).toEqual([]);
});

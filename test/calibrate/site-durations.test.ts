// A slow site beside a normal one: the twin's apps are one install time for every device, fitted to the mix, and a
// site whose link is slow reaches the ESP's timer more often than that install time puts the twin's devices past it (a
// tenant's timer ended 4.2% of its deployments, the twin's 3.4%). The export names each deployment's profile, a site's
// often; where the profiles' device setups took apart beyond chance, calibrate says so, with each one's median, p90
// and timeouts, and what that means for a what-if. It said nothing: the profiles' failure rates alike, no flag.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/index.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-sites-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 600 user-driven deployments, a third at "Autopilot - Branch" whose device setup takes `slow` times as long; one in 25 fails with 0x80180014 at either. */
const tenant = (slow: number) => {
  const events: object[] = [];
  for (let i = 0; i < 600; i++) {
    const branch = i % 3 === 0;
    // Device setups spread evenly from 24 to 44 minutes (HQ), stretched at the branch.
    const device = (24 + ((i * 37) % 200) / 10) * (branch ? slow : 1);
    const account = 8 + (i % 11) * 0.6;
    const timedOut = device >= 60;
    const failed = i % 25 === 1;
    events.push({
      id: `site-event-${i}`,
      deviceId: `site-device-${i}`,
      enrollmentType: 'azureADJoinedWithAutopilotProfile',
      windowsAutopilotDeploymentProfileDisplayName: branch ? 'Autopilot - Branch' : 'Autopilot - HQ',
      deploymentStartDateTime: new Date(Date.UTC(2026, 10, 2, 7) + i * 3_600_000).toISOString(),
      deploymentState: failed || timedOut ? 'failure' : 'success',
      deviceSetupStatus: failed ? 'notAttempted' : timedOut ? 'failure' : 'success',
      accountSetupStatus: failed || timedOut ? 'notAttempted' : 'success',
      deviceSetupDuration: failed ? null : isoDuration(timedOut ? 60.2 : device),
      accountSetupDuration: failed || timedOut ? null : isoDuration(account),
      deploymentTotalDuration: failed ? null : isoDuration((timedOut ? 60.2 : device) + (timedOut ? 0 : account) + 6),
      enrollmentFailureDetails: failed ? 'Enrollment failed: 0x80180014' : null,
    });
  }
  return events;
};

it("a slow site's device setups beside a normal site's are said, with each one's median, p90 and timeouts", async () => {
  const file = join(dir, 'sites.json');
  writeFileSync(file, JSON.stringify({ value: tenant(1.45) }));
  const c = await calibrate([file]);
  const flags = c.fits[0]!.caveats.filter((f) => f.startsWith('device setup durations differ'));
  expect(flags).toEqual([
    "device setup durations differ between the tenant's deployment profiles beyond chance (two-sample Kolmogorov-Smirnov, each against the rest, p < 0.0001): \"Autopilot - HQ\" median 33.9 min, p90 41.9 (384 first-time successes), 0.0% of its 400 deployments at the timeout without an error code; \"Autopilot - Branch\" median 47.4 min, p90 57.4 (167 first-time successes), 12.5% of its 200 deployments at the timeout without an error code; the twin's apps are fitted to their mix, one install time for every device: its durations, and the deployments its own ESP timer ends, are the segment's as a whole, not a profile's, and a what-if on the timeout or the apps answers for the mix, not for one profile's devices: for those, calibrate with --deployment-profile and its name, which keeps its deployments alone",
  ]);
  expect(c.yaml).toContain(`# what-if caveat: ${flags[0]}`);
});

it('sites whose device setups take alike are not flagged', async () => {
  const file = join(dir, 'alike.json');
  writeFileSync(file, JSON.stringify({ value: tenant(1) }));
  const c = await calibrate([file]);
  expect(c.fits[0]!.caveats.filter((f) => /durations differ/.test(f))).toEqual([]);
});

it("--deployment-profile calibrates one site's deployments alone; a name no deployment gives lists those they do", async () => {
  const file = join(dir, 'sites-cli.json');
  writeFileSync(file, JSON.stringify({ value: tenant(1.45) }));
  // The flag's advice, without cutting the export: the branch's twin, its timer ending its own share (12.5%).
  const branch = await cli('calibrate', file, '--deployment-profile', 'autopilot - branch', '--json');
  expect(branch.code).toBe(0);
  const r = JSON.parse(branch.out);
  expect(r.usable).toBe(200);
  expect(r.unusable).toContainEqual({ reason: 'deployment of another deployment profile (--deployment-profile)', events: 400 });
  expect(r.segments[0].caveats.filter((f: string) => /durations differ/.test(f))).toEqual([]);
  expect(r.segments[0].readings.join('\n')).toContain("25 of the 25 failures without an error code at device setup lasted the ESP's timeout");
  const hq = JSON.parse((await cli('calibrate', file, '--deployment-profile', 'Autopilot - HQ', '--json')).out);
  expect(hq.usable).toBe(400);
  expect(hq.segments[0].deviceApp.median).toBeLessThan(r.segments[0].deviceApp.median);
  const wrong = await cli('calibrate', file, '--deployment-profile', 'Autopilot - Munich');
  expect(wrong.code).toBe(2);
  expect(wrong.err.trim()).toBe('autopilot-sim: --deployment-profile: expected the name of a deployment profile the deployments name (windowsAutopilotDeploymentProfileDisplayName, in any case), got "Autopilot - Munich", which none of them names; they name 2: "Autopilot - HQ" (400), "Autopilot - Branch" (200)');
});

// A twin is one environment a segment: its successOnRetry and failure probabilities are the mix of the tenant's ESP
// profiles. Where the profiles' rates differ beyond chance (an ESP profile for field laptops over VPN retrying 18% of
// its deployments beside the office's 4%), calibrate says so, with each profile's share; where they do not, nothing.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/index.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { fisherExact } from '../../src/calibrate/profiles.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-profiles-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** n deployments of one ESP profile, retriedPer100 of each hundred succeeding on retry at device setup. */
const deployments = (profile: string, n: number, retriedPer100: number, from: number) =>
  Array.from({ length: n }, (_, i) => {
    const retried = i % 100 < retriedPer100;
    const device = 24 + (i % 17) * 0.8;
    const account = 8 + (i % 11) * 0.6;
    return {
      id: `profile-event-${from + i}`,
      deviceId: `profile-device-${from + i}`,
      enrollmentType: 'azureADJoinedWithAutopilotProfile',
      windows10EnrollmentCompletionPageConfigurationDisplayName: profile,
      deploymentState: retried ? 'successOnRetry' : 'success',
      deviceSetupStatus: retried ? 'successOnRetry' : 'success',
      accountSetupStatus: 'success',
      deviceSetupDuration: isoDuration(device),
      accountSetupDuration: isoDuration(account),
      deploymentTotalDuration: isoDuration(device + account + 6),
      enrollmentFailureDetails: null,
    };
  });

describe('ESP profiles within a segment', () => {
  it('Fisher\'s exact test gives the exact chance, however few the hits', () => {
    // Fisher's lady tasting tea: 3 of 4 beside 1 of 4, two-sided.
    expect(fisherExact(3, 4, 1, 4)).toBeCloseTo(0.4857, 4);
    // One retry in a profile of 30 beside none in 500: the chance it falls in the 30 is 30 in 530 (a chi-square said 0.00005).
    expect(fisherExact(1, 30, 0, 500)).toBeCloseTo(30 / 530, 9);
    expect(fisherExact(8, 40, 0, 500)).toBeLessThan(1e-8);
    expect(fisherExact(20, 500, 8, 200)).toBeCloseTo(1, 6);
  });

  it('successes on retry that differ between ESP profiles are said, with each profile\'s share; the twin keeps their mix', async () => {
    const file = join(dir, 'two-profiles.json');
    writeFileSync(file, JSON.stringify({ value: [...deployments('ESP - Standard', 500, 4, 0), ...deployments('ESP - Field (VPN)', 200, 18, 1000)] }));
    const c = await calibrate([file]);
    const flag = c.fits[0]!.caveats.find((f) => f.startsWith('successes on retry'));
    // It said nothing: the twin's one probability (8.0%) read as the tenant's for every device.
    expect(flag).toMatch(/^successes on retry \(Graph's successOnRetry\) differ between the tenant's ESP profiles beyond chance \(Fisher's exact test, each against the rest, p < 0\.0001\): "ESP - Standard" 4\.0% of 500, "ESP - Field \(VPN\)" 18\.0% of 200; the twin is one environment for the segment, and its one successOnRetry probability is their mix in the observed proportions \(8\.0%\)/);
    expect(c.yaml).toContain(`# what-if caveat: ${flag}`);
    expect(c.yaml).toMatch(/code: ESP_TIMEOUT, probability: 0\.08, retried: true \} # 56 succeeded on retry/);
  });

  it('profiles that retry alike, or too few deployments to tell, are not flagged; a name that is not shared or looks like an identifier is not shown', async () => {
    const alike = join(dir, 'alike.json');
    writeFileSync(alike, JSON.stringify({ value: [...deployments('ESP - Standard', 300, 8, 0), ...deployments('ESP - Field (VPN)', 200, 8, 1000)] }));
    expect((await calibrate([alike])).fits[0]!.caveats.filter((f) => /ESP profiles/.test(f))).toEqual([]);
    // Few retries: one in a profile of 30 beside none in 500 is not flagged; eight in 40 is (the chi-square's rule of an
    // expected count of 1 left it untested).
    const sparse = (retriedPer100: number) => [...deployments('ESP - Standard', 500, 0, 0), ...deployments('ESP - Field (VPN)', 40, retriedPer100, 1000)];
    const one = join(dir, 'one.json');
    writeFileSync(one, JSON.stringify({ value: sparse(3).map((e, i) => (i >= 500 && i !== 500 ? { ...e, deploymentState: 'success', deviceSetupStatus: 'success' } : e)) }));
    expect((await calibrate([one])).fits[0]!.caveats.filter((f) => /ESP profiles/.test(f))).toEqual([]);
    const eight = join(dir, 'eight.json');
    writeFileSync(eight, JSON.stringify({ value: sparse(8) }));
    expect((await calibrate([eight])).fits[0]!.caveats.find((f) => /ESP profiles/.test(f))).toMatch(/"ESP - Standard" 0\.0% of 500, "ESP - Field \(VPN\)" 20\.0% of 40/);
    const few = join(dir, 'few.json');
    writeFileSync(few, JSON.stringify({ value: [...deployments('ESP - Standard', 300, 4, 0), ...deployments('ESP - Pilot', 20, 40, 1000)] }));
    expect((await calibrate([few])).fits[0]!.caveats.filter((f) => /ESP profiles/.test(f))).toEqual([]);
    // A user's name in the profile's column (columns shifted): not echoed.
    const odd = join(dir, 'odd-names.json');
    writeFileSync(odd, JSON.stringify({ value: [...deployments('ESP - Standard', 500, 4, 0), ...deployments('jane.doe@contoso.com', 200, 18, 1000)] }));
    const c = await calibrate([odd]);
    expect(c.fits[0]!.caveats.find((f) => f.startsWith('successes on retry'))).toMatch(/"ESP - Standard" 4\.0% of 500, ESP profile 2 \(its name not shown\) 18\.0% of 200/);
    expect(c.yaml).not.toContain('jane.doe');
  });
});

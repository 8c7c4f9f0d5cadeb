// A pre-provisioning tenant's twin says what its enrollment factor was fitted beside: the total less device and account
// setup holds the model's technician flow too, which no factor scales, so "observed median 4.9 min; the steps alone 2.4"
// read as enrollment slower than the defaults where the twin had fitted ×0.64.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/index.ts';
import { writeSynthetic } from '../../src/calibrate/synthetic.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { tempDir } from '../helpers/temp.ts';

describe('a pre-provisioned twin', () => {
  it("names the model's time beside the enrollment steps that no factor scales", { timeout: 60_000 }, async () => {
    const dir = tempDir('calibrate-preprov-');
    const { files } = writeSynthetic(dir, { seed: 21, segments: [{ segment: { scenario: 'pre-provisioned', joinType: 'entra' }, count: 600, deviceApps: 5, deviceApp: { median: 4, p90: 9 }, userApps: 2, userApp: { median: 3, p90: 7 }, failures: [], steps: { enrollment: 1.5 } }] });
    const c = await calibrate(files, { deviceApps: 5, userApps: 2 });
    const step = c.fits[0]!.steps.find((s) => s.phase === 'enrollment')!;
    expect(step.factor!).toBeGreaterThan(1.3);
    expect(step.unscaledMedian!).toBeGreaterThan(1);
    const line = c.yaml.split('\n').find((l) => /^\s+enrollment: [\d.]+ #/.test(l))!;
    expect(line).toMatch(new RegExp(`the steps alone at their defaults, median [\\d.]+ min, beside [\\d.]+ min of the model's own there that no factor scales \\(the technician flow's, in pre-provisioning\\); quantile RMSE`));
    // A user-driven twin has no such time: its line is as it was.
    const ud = await calibrate(writeSynthetic(tempDir('calibrate-ud-'), { seed: 22, segments: [{ segment: { scenario: 'user-driven', joinType: 'entra' }, count: 300, deviceApps: 5, deviceApp: { median: 4, p90: 9 }, userApps: 2, userApp: { median: 3, p90: 7 }, failures: [] }] }).files, { deviceApps: 5, userApps: 2 });
    expect(ud.fits[0]!.steps.find((s) => s.phase === 'enrollment')!.unscaledMedian).toBeUndefined();
    expect(ud.yaml).not.toMatch(/no factor scales/);
  });

  it("says so where a device has a technician row and a user row, each fitted as a whole deployment", { timeout: 60_000 }, async () => {
    // Rows of the two flows a device (the technician's without account setup, the user's days later with it) were fitted as
    // 2 deployments each, their device setups pooled and the account setup read as skipped (SkipUserStatusPage), with no word.
    const dir = tempDir('calibrate-preprov-rows-');
    const row = (i: number, user: boolean, device = `pp-device-${i}`) => ({
      id: `pp-${user ? 'u' : 't'}-${i}`,
      deviceId: device,
      enrollmentType: 'azureADJoinedWithWhiteGlove',
      deploymentState: 'success',
      deviceSetupStatus: 'success',
      accountSetupStatus: user ? 'success' : 'notAttempted',
      deviceSetupDuration: isoDuration(user ? 4 + (i % 5) : 30 + (i % 13)),
      accountSetupDuration: isoDuration(user ? 9 + (i % 7) : 0),
      deploymentTotalDuration: isoDuration(user ? 16 + (i % 5) + (i % 7) : 36 + (i % 13)),
      deploymentStartDateTime: `2026-10-${String(1 + (i % 20)).padStart(2, '0')}T09:00:00Z`,
    });
    const both = join(dir, 'both.json');
    writeFileSync(both, JSON.stringify({ value: Array.from({ length: 80 }, (_, i) => [row(i, false), row(i, true)]).flat() }));
    const c = await calibrate([both], {});
    expect(c.fits[0]!.flags.join("\n")).toContain("pre-provisioning: 80 devices have a successful row without account setup (the technician flow's, it seems) and another with it (the user flow's) [INF]: calibrate takes each row for a whole pre-provisioned deployment (Graph documents no split of the two flows, and the deployments report records only new Intune enrollments, so the user flow should not appear in it at all (domain §1.4): the second row may be a second enrollment of the device), so the two flows' device setups are pooled, each such device counts twice in the rates, and the account setup is fitted to the user rows alone: the twin's pre-provisioned durations and rates are not the tenant's");
    expect(c.yaml).toContain('# cannot fit: pre-provisioning: 80 devices have a successful row without account setup');
    // Other devices' technician and user rows (each device one row) say nothing.
    const apart = join(dir, 'apart.json');
    writeFileSync(apart, JSON.stringify({ value: Array.from({ length: 80 }, (_, i) => [row(i, false, `pp-a-${i}`), row(i, true, `pp-b-${i}`)]).flat() }));
    expect((await calibrate([apart], {})).fits[0]!.flags.some((f) => f.startsWith('pre-provisioning:'))).toBe(false);
  });
});

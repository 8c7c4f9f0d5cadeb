// A CSV with a Deployment status and a "Deployment time" column beside columns only the classic Autopilot deployments
// report has (Deployment profile, Enrollment status page, Device setup status...: the classic report with a column
// added in Excel, or an export of another shape) was taken for the device preparation deployments report, and refused
// for that report's Phase column: the admin was told to export the device preparation report again, which the file never
// was. It is now told to be the classic report, and what to export instead; the device preparation report, its columns
// alone, is read as before (test/calibrate/device-preparation.test.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('calibrate-classic-report-');

it('names the classic deployments report with a Deployment time column as that report, not device preparation', async () => {
  const file = join(dir, 'AutopilotDeployments.csv');
  writeFileSync(
    file,
    '"Device","Serial number","User","Enrollment date","Deployment status","Deployment profile","Enrollment status page","Device setup status","Account setup status","Deployment time"\r\n' +
      '"PC-1","SYNTHETIC-1","u1@synthetic.example.invalid","11/3/2026 9:00 AM","Success","Autopilot HQ","Default","Success","Success","42 min 10 sec"\r\n',
  );
  const r = await cli('calibrate', file);
  expect(r.code).toBe(2);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/AutopilotDeployments\.csv: header: this looks like the Intune admin center's Autopilot deployments report \(.*display names as columns\); calibrate reads the deployment records themselves/);
  expect(r.err).not.toMatch(/device preparation/);
  // The device preparation report's own columns, without Phase: still told to be that report, and to export its Phase.
  const dp = join(dir, 'DevicePreparation.csv');
  writeFileSync(dp, '"Device name","Enrollment date","Deployment status","Serial number","Deployment time","UPN"\r\n"PC-1","11/3/2026 9:00 AM","Success","SYNTHETIC-1","42 min 10 sec","u1@synthetic.example.invalid"\r\n');
  expect((await cli('calibrate', dp)).err).toMatch(/expected the device preparation report's Phase column/);
});

// An export that spans a daylight-saving change, its times written with their offsets (Europe/Berlin: +02:00 until
// Sunday 25 October 2026, +01:00 after), and the same export in UTC: the same instants, so the same calibration, its
// stalled deployments and its days (UTC) alike. A guard: an offset read as local time, or dropped, shifted the days an
// outage is named by and which deployments in progress had stalled.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/index.ts';
import { calibrationReport } from '../../src/calibrate/report.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-time-zones-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const berlin = (t: number) => {
  const summer = t < Date.UTC(2026, 9, 25, 1);
  return new Date(t + (summer ? 2 : 1) * 3_600_000).toISOString().slice(0, 19) + (summer ? '+02:00' : '+01:00');
};
const utc = (t: number) => new Date(t).toISOString();

/** Four weeks from Monday 12 October 2026, 20 deployments a day from 00:30 to 23:30 UTC (some on another day in Berlin); three days of 0x80180005 around the change; 12 left in progress. */
const events = (when: (t: number) => string) =>
  Array.from({ length: 560 }, (_, i) => {
    const day = Math.floor(i / 20);
    const t = Date.UTC(2026, 9, 12 + day, 0, 30) + (i % 20) * 72 * 60_000;
    const inProgress = i % 47 === 0;
    const failed = !inProgress && ((day >= 12 && day <= 14 && i % 3 === 0) || i % 29 === 0);
    const device = 24 + (i % 17) * 0.9;
    return {
      id: `tz-event-${i}`,
      deviceId: `tz-device-${i}`,
      enrollmentType: 'azureADJoinedWithAutopilotProfile',
      deploymentStartDateTime: when(t),
      eventDateTime: when(t + 45 * 60_000),
      deploymentState: inProgress ? 'inProgress' : failed ? 'failure' : 'success',
      deviceSetupStatus: inProgress ? 'inProgress' : failed ? 'notAttempted' : 'success',
      accountSetupStatus: inProgress || failed ? 'notAttempted' : 'success',
      deviceSetupDuration: inProgress || failed ? null : isoDuration(device),
      accountSetupDuration: inProgress || failed ? null : isoDuration(9),
      deploymentTotalDuration: inProgress || failed ? null : isoDuration(device + 15),
      enrollmentFailureDetails: failed ? (i % 29 === 0 ? 'Error 0x80180014' : 'Error 0x80180005') : null,
    };
  });

it('an export across a daylight-saving change, with its offsets, calibrates as the same export in UTC', async () => {
  const a = join(dir, 'berlin.json');
  const b = join(dir, 'utc.json');
  writeFileSync(a, JSON.stringify({ value: events(berlin) }));
  writeFileSync(b, JSON.stringify({ value: events(utc) }));
  const [ra, rb] = [calibrationReport(await calibrate([a])), calibrationReport(await calibrate([b]))];
  expect(JSON.stringify(ra)).toBe(JSON.stringify(rb));
  // The outage is named by its UTC days, Saturday 24 to Monday 26 October, across the change.
  expect(ra.segments[0]!.caveats.find((f) => f.includes('cluster in time'))).toContain('from Saturday 24 October 2026 to Monday 26 October 2026 (UTC)');
  expect(ra.unusable.map((u) => u.reason).join('\n')).toContain('started over a day before the export');
});

// A week with an outage: the twin's failure probabilities are the mix of every deployment in the export, so a week in
// which a service was down (its deployments failing at enrollment) became a standing probability of failing, every week,
// with no word. Calibrate says which week stands out, with its share and its most frequent failure, beside the others'.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/index.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-outage-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Five weeks of user-driven deployments from Monday 2 November 2026, 20 a day; `failing(week, i)` says which fail and how. */
const weeks = (failing: (week: number, i: number) => string | null) => {
  const events: object[] = [];
  for (let day = 0; day < 35; day++) {
    for (let k = 0; k < 20; k++) {
      const i = day * 20 + k;
      const start = new Date(Date.UTC(2026, 10, 2 + day, 7 + (k % 10), (k * 7) % 60)).toISOString();
      const code = failing(Math.floor(day / 7), i);
      const device = 24 + (i % 17) * 0.9;
      const account = 8 + (i % 11) * 0.6;
      events.push({
        id: `outage-event-${i}`,
        deviceId: `outage-device-${i}`,
        enrollmentType: 'azureADJoinedWithAutopilotProfile',
        deploymentStartDateTime: start,
        deploymentState: code ? 'failure' : 'success',
        deviceSetupStatus: code ? 'notAttempted' : 'success',
        accountSetupStatus: code ? 'notAttempted' : 'success',
        deviceSetupDuration: code ? null : isoDuration(device),
        accountSetupDuration: code ? null : isoDuration(account),
        deploymentTotalDuration: code ? null : isoDuration(device + account + 6),
        enrollmentFailureDetails: code ? `Enrollment failed: ${code}` : null,
      });
    }
  }
  return events;
};

describe('a week whose deployments failed far more than the others\'', () => {
  it('is named, with its share and most frequent failure, beside the other weeks\'', async () => {
    // 4% fail at enrollment with 0x80180014 every week; in the third, the enrollment service fails two in seven of them: 0x80180005.
    const file = join(dir, 'outage.json');
    writeFileSync(file, JSON.stringify({ value: weeks((week, i) => (week === 2 && i % 7 < 2 ? '0x80180005' : i % 25 === 0 ? '0x80180014' : null)) }));
    const c = await calibrate([file]);
    const flag = c.fits[0]!.caveats.find((f) => f.startsWith('final failures cluster in time'));
    // Before: nothing; the twin failed 8.4% of deployments at enrollment, every week.
    expect(flag).toBe("final failures cluster in time: the deployments started from Monday 16 November 2026 to Sunday 22 November 2026 (UTC) failed 30.7% of 140, most of them 0x80180005 (40 of 43), the other days 4.1% of 560 (Fisher's exact test, each of the 34 seven-day windows of 30 deployments or more, from any day, against the rest, p < 0.0001): an outage or a change then? The twin's failure probabilities are the mix of every day (9.4% failed), as if every day were like the export as a whole; where those days are not the tenant's usual, calibrate an export without the deployments started then (16 November 2026 to 22 November 2026, UTC)");
    expect(c.yaml).toContain(`# what-if caveat: ${flag}`);
  });

  it('an outage over a weekend, across two calendar weeks, is named whole, from its first day to its last', async () => {
    // Saturday 21 to Monday 23 November: one in three fails with 0x80180005. By calendar weeks it was two halves, each
    // diluted by the normal days around it and neither beyond chance: no word (the old code's flags on this file: none).
    const file = join(dir, 'weekend.json');
    const outage = (i: number) => Math.floor(i / 20) >= 19 && Math.floor(i / 20) <= 21 && i % 3 === 0;
    writeFileSync(file, JSON.stringify({ value: weeks((_, i) => (outage(i) ? '0x80180005' : i % 25 === 0 ? '0x80180014' : null)) }));
    const c = await calibrate([file]);
    const flags = c.fits[0]!.caveats.filter((f) => f.startsWith('final failures cluster in time'));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toContain('the deployments started from Saturday 21 November 2026 to Monday 23 November 2026 (UTC) failed ');
    expect(flags[0]).toContain('most of them 0x80180005');
    expect(flags[0]).toContain('calibrate an export without the deployments started then (21 November 2026 to 23 November 2026, UTC)');
  });

  it("an outage of one code among a tenant's usual failures is named by its code", async () => {
    // 15% fail every day, with three codes of their own; from Thursday 19 to Saturday 21 November one in four also fails
    // with 0x80180014, which no other day has. Its calendar week failed 36 of 140 (25.7%) beside the other days' 15.0%, not beyond chance, and the
    // old code said nothing: the twin failed 1.4% with 0x80180014 every day.
    const file = join(dir, 'one-code.json');
    const usual = ['0x80180005', '0x801C03EA', '0x80070774'];
    const outage = (i: number) => Math.floor(i / 20) >= 17 && Math.floor(i / 20) <= 19 && i % 4 === 1;
    writeFileSync(file, JSON.stringify({ value: weeks((_, i) => (outage(i) ? '0x80180014' : i % 20 < 3 ? usual[i % 20]! : null)) }));
    const c = await calibrate([file]);
    expect(c.fits[0]!.caveats.filter((f) => f.startsWith('final failures cluster in time'))).toEqual([]);
    const flags = c.fits[0]!.caveats.filter((f) => f.startsWith('failures with'));
    expect(flags).toEqual([
      "failures with 0x80180014 cluster in time: the deployments started from Thursday 19 November 2026 to Saturday 21 November 2026 (UTC) failed with it 25.0% of 60 (15 of its 15; 35.0% failed in all), the other days 0.0% of 640 (Fisher's exact test, each of the 34 seven-day windows of 30 deployments or more, from any day, against the rest, for each of the 4 failures of 10 deployments or more, p < 0.0001): an outage or a change then? The twin fails 2.1% of its deployments with 0x80180014 every day, their mix (16.7% failed in all); where those days are not the tenant's usual, calibrate an export without the deployments started then (19 November 2026 to 21 November 2026, UTC)",
    ]);
    expect(c.yaml).toContain(`# what-if caveat: ${flags[0]}`);
    // The same failures spread evenly over the five weeks: no word.
    const even = join(dir, 'one-code-even.json');
    writeFileSync(even, JSON.stringify({ value: weeks((_, i) => (i % 47 === 5 ? '0x80180014' : i % 20 < 3 ? usual[i % 20]! : null)) }));
    expect((await calibrate([even])).fits[0]!.caveats.filter((f) => /cluster in time/.test(f))).toEqual([]);
  });

  it('weeks that fail alike are not flagged', async () => {
    const file = join(dir, 'steady.json');
    writeFileSync(file, JSON.stringify({ value: weeks((_, i) => (i % 20 === 3 ? '0x80180014' : null)) }));
    const c = await calibrate([file]);
    expect(c.fits[0]!.caveats.filter((f) => /cluster in time/.test(f))).toEqual([]);
  });
});

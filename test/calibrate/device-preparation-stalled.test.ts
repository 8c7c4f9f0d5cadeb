// The device preparation report's rows 'In progress' for weeks were left among the deployments in progress, where an
// autopilotEvents record started over a day before the export's newest is said to have stalled: the report's Enrollment
// date, a documented column (memdocs autopilot/device-preparation/reporting-monitoring.md), dates its rows as Graph's
// start dates do, and no deployment runs that long. A date in that column no reader knows is refused, naming it.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-dp-stalled-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = '"Device name","Enrollment date","Deployment status","Phase","Serial number","Deployment time","UPN"';
/** A report of 60 successes over November (en-US dates), with the rows given after them. */
function report(name: string, extra: string[]): string {
  const rows = [HEADER];
  for (let i = 0; i < 60; i++) rows.push([`PC-${i}`, `11/${1 + (i % 28)}/2026 9:${String(i % 60).padStart(2, '0')}:00 AM`, 'Success', 'Completed', `SN-${i}`, `${25 + (i % 9)} min ${i % 60} sec`, `u${i}@contoso.example`].map((x) => `"${x}"`).join(','));
  rows.push(...extra);
  const file = join(dir, name);
  writeFileSync(file, `\uFEFF${rows.join('\r\n')}\r\n`);
  return file;
}
const inProgress = (i: number, date: string) => [`PC-X${i}`, date, 'In progress', 'App installation', `SN-X${i}`, 'In progress', `x${i}@contoso.example`].map((x) => `"${x}"`).join(',');


describe('device preparation rows in progress', () => {
  it('are said to have stalled where their Enrollment date is over a day before the newest', async () => {
    // Three In progress since October, one since the report's last day.
    const file = report('stalled.csv', [inProgress(1, '10/2/2026 8:00:00 AM'), inProgress(2, '10/9/2026 8:00:00 AM'), inProgress(3, '10/20/2026 3:00:00 PM'), inProgress(4, '11/28/2026 9:30:00 AM')]);
    const r = await cli('calibrate', file, '--json');
    expect(r.err).toBe('');
    const unusable = Object.fromEntries(JSON.parse(r.out).unusable.map((u: { reason: string; events: number }) => [u.reason, u.events]));
    expect(unusable['deployment in progress']).toBe(1);
    expect(Object.entries(unusable).find(([reason]) => /stalled/.test(reason))?.[1]).toBe(3);
  });

  it('refuse an Enrollment date no reader knows, naming the column', async () => {
    const file = report('bad-date.csv', [inProgress(1, '10/2/2O26 8:00:00 AM')]);
    const r = await cli('calibrate', file, '--json');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/bad-date\.csv:62: record 61: Enrollment date: expected a date and time/);
  });
});

// A date or a duration calibrate cannot read says what it read, where that cannot be an identifier in the wrong column.
// An admin's export with a month 13 said only 'expected a date and time: ISO 8601 … or a culture's short date and time',
// leaving the admin to find which of 2,500 dates was wrong and how; a duration of digits alone ('42', minutes written by
// a script) said 'got other text'.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-unreadable-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ev = (over: Record<string, unknown>) => ({
  id: 'event-1',
  deviceId: 'device-1',
  enrollmentType: 'azureADJoinedWithAutopilotProfile',
  deploymentState: 'success',
  deviceSetupStatus: 'success',
  accountSetupStatus: 'success',
  deploymentStartDateTime: '2026-11-20T09:00:00Z',
  deviceSetupDuration: 'PT30M',
  accountSetupDuration: 'PT10M',
  deploymentTotalDuration: 'PT45M',
  ...over,
});
const run = (name: string, over: Record<string, unknown>) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ value: [ev(over)] }));
  return cli('calibrate', file);
};

it('a date that is not one is echoed where it reads as a date: a month 13, a day 40', async () => {
  const r = await run('month-13.json', { deploymentStartDateTime: '2026-13-40T00:00:00Z' });
  expect(r.code).toBe(2);
  expect(r.err.trim()).toMatch(/month-13\.json: record 1: deploymentStartDateTime: expected a date and time: ISO 8601 .*, got "2026-13-40T00:00:00Z"$/);
  const gb = await run('day-32.json', { deploymentStartDateTime: '32/11/2026 09:00:00' });
  expect(gb.err.trim()).toMatch(/got "32\/11\/2026 09:00:00"$/);
});

it("an identifier in the date's column is not: a serial number, a device's id", async () => {
  for (const v of ['1234-5678-9012-3456-7890-1234-56', '5d2f0000-0000-4000-8000-000000000001', 'CONTOSO-123']) {
    const r = await run('shifted.json', { deploymentStartDateTime: v });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/deploymentStartDateTime: expected a date and time: .*, got other text$/);
    expect(r.err).not.toContain(v);
  }
});

it('a duration of digits alone is said to be a number without its unit, its digits not echoed', async () => {
  const r = await run('digits.json', { deviceSetupDuration: '42' });
  expect(r.code).toBe(2);
  expect(r.err.trim()).toMatch(/digits\.json: record 1: deviceSetupDuration: expected an ISO 8601 duration such as PT42M17S \(or a TimeSpan such as 00:42:17\), got digits alone: a number without its unit \(minutes or seconds\?\), which Graph never writes; export the events again as Graph or Export-Csv writes them$/);
});

it('a date that is not text (a number, true, an object in a JSON export a script wrote) is an error, not skipped as no date', async () => {
  // deploymentStartDateTime: 12345 calibrated (exit 0), the record read as having no start at all.
  for (const [name, value, got] of [['number.json', 12345, '12345'], ['true.json', true, 'true'], ['object.json', { dateTime: '2026-11-20T09:00:00Z' }, 'an object']] as const) {
    const r = await run(name, { deploymentStartDateTime: value });
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err.trim()).toBe(`autopilot-sim: ${join(dir, name)}: record 1: deploymentStartDateTime: expected a date and time as text, ISO 8601 as Graph writes it (2026-12-03T14:05:33Z), got ${got}`);
  }
  const e = await run('enrollment-start.json', { deploymentStartDateTime: null, enrollmentStartDateTime: 46359.5 });
  expect(e.err.trim()).toMatch(/record 1: enrollmentStartDateTime: expected a date and time as text, .*, got 46359\.5$/);
});

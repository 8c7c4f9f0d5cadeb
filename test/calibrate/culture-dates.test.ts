// A CSV's dates as the exporting machine's culture writes them: Export-Csv of PowerShell's Graph SDK writes a DateTime so
// (03/12/2026 14:05:33 on en-GB, 12/3/2026 2:05:33 PM on en-US, 03.12.2026 14:05:33 on de-DE), and Excel saves its own
// (3.12.2026 14:05). They were not read: every deployment in progress stayed 'in progress', the stalled ones (started over
// a day before the newest) never said apart. The day and the month are told apart by a number above 12, else by
// --date-order; an export whose every date reads both ways, with deployments in progress, is an error saying so.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { observe } from '../../src/calibrate/index.ts';
import { PROPERTIES, readTimestamp } from '../../src/calibrate/graph.ts';
import { STALLED } from '../../src/calibrate/observe.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-culture-dates-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const two = (n: number) => String(n).padStart(2, '0');
/** How each culture writes a DateTime (UTC clock): Export-Csv's, and Excel's short form. */
const CULTURES: Record<string, (d: Date) => string> = {
  'en-GB': (d) => `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
  'en-US': (d) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours() % 12 || 12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`,
  'de-DE': (d) => `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
  'de-DE Excel': (d) => `${d.getUTCDate()}.${d.getUTCMonth() + 1}.${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`,
  'ja-JP': (d) => `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
};

let n = 0;
const running = { deploymentState: 'inProgress', deviceSetupStatus: 'inProgress', accountSetupStatus: 'notAttempted', deploymentTotalDuration: '', deviceSetupDuration: '', accountSetupDuration: '' };
const done = { deploymentState: 'success', deviceSetupStatus: 'success', accountSetupStatus: 'success', deviceSetupDuration: 'PT20M', accountSetupDuration: 'PT10M', deploymentTotalDuration: 'PT35M' };
const ev = (iso: string, state: Record<string, string>, write: (d: Date) => string) => {
  n++;
  const at = write(new Date(iso));
  return { id: `culture-event-${n}`, deviceId: `culture-device-${n}`, deviceSerialNumber: `CULTURE-${n}`, enrollmentType: 'azureADJoinedWithAutopilotProfile', deploymentStartDateTime: at, enrollmentStartDateTime: at, eventDateTime: at, ...state };
};
const csvOf = (events: Array<Record<string, unknown>>, sep = ',') =>
  `${PROPERTIES.join(sep)}\n${events.map((e) => PROPERTIES.map((p) => (e[p] === null || e[p] === undefined ? '' : String(e[p]))).join(sep)).join('\n')}\n`;

/** Two finished deployments (the newest on 20 November), one running since that morning, two stalled since 3 and 12 November. */
const week = (write: (d: Date) => string) => [
  ev('2026-11-20T09:00:00Z', done, write),
  ev('2026-11-19T15:30:00Z', done, write),
  ev('2026-11-20T08:10:00Z', running, write),
  ev('2026-11-12T14:00:00Z', running, write),
  ev('2026-11-03T07:45:00Z', running, write),
];

describe('culture-formatted dates in a CSV', () => {
  it('reads each culture\'s short date and time, in UTC', () => {
    const t = Date.UTC(2026, 11, 3, 14, 5, 33);
    expect(readTimestamp('03/12/2026 14:05:33')).toEqual({ dmy: t, mdy: Date.UTC(2026, 2, 12, 14, 5, 33) });
    expect(readTimestamp('12/3/2026 2:05:33 PM')!.mdy).toBe(t);
    expect(readTimestamp('3.12.2026 14:05')!.dmy).toBe(t - 33_000);
    expect(readTimestamp('2026/12/03 14:05:33')).toEqual({ dmy: t, mdy: t });
    expect(readTimestamp('2026-12-03 14:05:33')).toEqual({ dmy: t, mdy: t });
    expect(readTimestamp('2026-12-03T14:05:33Z')).toEqual({ dmy: t, mdy: t });
    // One way only: 25 is no month.
    expect(readTimestamp('25/11/2026 09:00:00')!.mdy).toBeNaN();
    expect(readTimestamp('11/25/2026 9:00:00 AM')!.dmy).toBeNaN();
    expect(readTimestamp('12/3/2026 12:05:33 AM')!.mdy).toBe(Date.UTC(2026, 11, 3, 0, 5, 33));
    expect(readTimestamp('Thursday, 3 December 2026')).toBeNull();
    // A DateTimeOffset as Export-Csv writes it (the .NET SDK's): its offset applied.
    expect(readTimestamp('12/3/2026 2:05:33 PM +00:00')!.mdy).toBe(t);
    expect(readTimestamp('03.12.2026 15:05:33 +01:00')!.dmy).toBe(t);
    expect(readTimestamp('12/3/2026 9:05:33 AM -05:00')!.mdy).toBe(t);
  });

  for (const culture of Object.keys(CULTURES)) {
    it(`${culture}: the stalled deployments are said apart, as in Graph's own JSON`, async () => {
      const sep = culture.startsWith('de') ? ';' : ',';
      const o = await observe([write(`${culture}.csv`, csvOf(week(CULTURES[culture]!), sep))]);
      // Before: { 'deployment in progress': 3 }, the two stalled ones not said apart.
      expect(Object.fromEntries(o.unusable)).toEqual({ 'deployment in progress': 1, [STALLED]: 2 });
      expect(o.usable).toBe(2);
    });
  }

  it('dates that read both ways need --date-order where deployments are in progress; the error names the file, the record and the field', async () => {
    // The first twelve days of December: every date reads as day first and month first.
    const events = [ev('2026-12-09T09:00:00Z', done, CULTURES['en-GB']!), ev('2026-12-09T08:00:00Z', running, CULTURES['en-GB']!), ev('2026-12-02T08:00:00Z', running, CULTURES['en-GB']!)];
    const file = write('ambiguous.csv', csvOf(events));
    const r = await cli('calibrate', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:2: record 1: deploymentStartDateTime: expected dates whose order of day and month can be told: every date in the file reads both ways (this one as 9 December 2026 day first, 12 September 2026 month first), and the export's 2 deployments in progress are said stalled or not by when they and the newest started: calibrate again with --date-order dmy`);
    expect(r.err).not.toMatch(/\n\s+at /);
    // Day first: 2 December is a week before the newest, stalled; month first (12 February and 12 September), it would be too, the
    // other way round (the newest is 12 September): the order changes which.
    expect(Object.fromEntries((await observe([file], { dateOrder: 'dmy' })).unusable)).toEqual({ 'deployment in progress': 1, [STALLED]: 1 });
    const ok = await cli('calibrate', file, '--date-order', 'dmy', '--json');
    expect(ok.code).toBe(0);
    // Without deployments in progress the dates change nothing, and no order is asked for.
    expect((await cli('calibrate', write('ambiguous-done.csv', csvOf([events[0]!])), '--json')).code).toBe(0);
    expect((await cli('calibrate', file, '--date-order', 'ymd')).err).toContain('--date-order: expected dmy (day first');
  });

  it("the error for dates that read both ways gives the CSV line where the record starts, as a spreadsheet numbers it, past a cell's line breaks", async () => {
    // Record 1's ISO date reads one way, and its details run over two lines: the first date read both ways is record 2's, on line 4.
    const first = { ...ev('2026-12-01T09:00:00Z', done, (d) => d.toISOString()), enrollmentFailureDetails: '"Retried:\nthe app installed at the second try"' };
    const file = write('ambiguous-line.csv', csvOf([first, ev('2026-12-09T08:00:00Z', running, CULTURES['en-GB']!), ev('2026-12-02T08:00:00Z', running, CULTURES['en-GB']!)]));
    const r = await cli('calibrate', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:4: record 2: deploymentStartDateTime: expected dates whose order of day and month can be told: every date in the file reads both ways (this one as 9 December 2026 day first, 12 September 2026 month first)`);
  });

  it('the error for dates that read both ways in JSON gives the record\'s path in the file, and the line where ConvertTo-Json wrote it', async () => {
    // Page 1's events give no date (Graph's 0001-01-01 read as none is a date too: here the dates are null); page 2's read
    // both ways. It named 'record 3' alone: which page, and where in a file of 30-line events, the admin had to count.
    const gb = CULTURES['en-GB']!;
    const undated = (e: Record<string, unknown>) => ({ ...e, deploymentStartDateTime: null, enrollmentStartDateTime: null, eventDateTime: null });
    const page1 = { '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/autopilotEvents', value: [undated(ev('2026-12-01T09:00:00Z', done, gb)), undated(ev('2026-12-01T10:00:00Z', done, gb))], '@odata.nextLink': 'https://graph.microsoft.com/beta/deviceManagement/autopilotEvents?$skiptoken=2' };
    const page2 = { '@odata.context': page1['@odata.context'], value: [ev('2026-12-09T08:00:00Z', running, gb), ev('2026-12-02T08:00:00Z', running, gb)] };
    // A loop over @odata.nextLink, its pages in a list: $pages | ConvertTo-Json -Depth 10 (four spaces, a property a line).
    const list = write('pages.json', JSON.stringify([page1, page2], null, 4));
    const line = JSON.stringify([page1, page2], null, 4).split('\n').findIndex((l, i, all) => l.includes('"id": "culture-event-') && all.slice(0, i).filter((x) => x.includes('"id": "culture-event-')).length === 2);
    const r = await cli('calibrate', list);
    expect(r.code).toBe(2);
    // The line of the record's opening brace: the one before its first property.
    expect(r.err).toContain(`${list}:${line}: record 3 ($[1].value[0]): deploymentStartDateTime: expected dates whose order of day and month can be told: every date in the file reads both ways (this one as 9 December 2026 day first, 12 September 2026 month first)`);
    // Graph's pages as it answers them, one line each, saved apart and joined one after another: the page and the path in it.
    const joined = write('joined.json', `${JSON.stringify(page1)}\n${JSON.stringify(page2)}\n`);
    const j = await cli('calibrate', joined);
    expect(j.code).toBe(2);
    expect(j.err).toContain(`${joined}:2: record 3 (page 2, $.value[0]): deploymentStartDateTime: expected dates whose order`);
    // Each page its own file: the file is the page, the record its place in it (no path, as in a bare list of events).
    const apart = [write('page-1.json', JSON.stringify(page1)), write('page-2.json', JSON.stringify(page2))];
    const a = await cli('calibrate', ...apart);
    expect(a.code).toBe(2);
    expect(a.err).toContain(`${apart[1]}: record 1: deploymentStartDateTime: expected dates whose order`);
    const bare = write('events.json', JSON.stringify([...page1.value, ...page2.value]));
    expect((await cli('calibrate', bare)).err).toContain(`${bare}: record 3: deploymentStartDateTime`);
  });

  it('a date against the order given, or against the file\'s, is an error naming it', async () => {
    const us = CULTURES['en-US']!;
    const file = write('en-us.csv', csvOf(week(us)));
    const r = await cli('calibrate', file, '--date-order', 'dmy');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:2: record 1: deploymentStartDateTime: expected a date day first, as --date-order dmy, got one that reads only month first (20 November 2026)`);
    // Two cultures in one file (rows pasted from a colleague's export).
    const mixed = write('mixed.csv', csvOf([...week(CULTURES['en-GB']!), ev('2026-11-20T10:00:00Z', done, us)]));
    const m = await cli('calibrate', mixed);
    expect(m.code).toBe(2);
    expect(m.err).toContain(`${mixed}:7: record 6: deploymentStartDateTime: expected a date day first, as the file's dates read day first (record 1's deploymentStartDateTime can be read no other way), got one that reads only month first (20 November 2026)`);
    // Each file its own: an en-GB export beside an en-US one reads.
    const o = await observe([write('gb.csv', csvOf(week(CULTURES['en-GB']!))), write('us.csv', csvOf(week(us)))]);
    expect(Object.fromEntries(o.unusable)).toEqual({ 'deployment in progress': 2, [STALLED]: 4 });
  });

  it('a date that is not one is an error, not a deployment left unsorted', async () => {
    const file = write('long-date.csv', csvOf([{ ...ev('2026-11-20T09:00:00Z', done, CULTURES['en-GB']!), deploymentStartDateTime: 'Friday 20 November 2026' }]));
    const r = await cli('calibrate', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:2: record 1: deploymentStartDateTime: expected a date and time: ISO 8601 as Graph writes it`);
  });
});

// A list of Graph pages (a loop over @odata.nextLink collecting each response, then ConvertTo-Json) with an element that is
// no page: null where a request's error was caught, Graph's error response (throttled, 429), "value" as an object. Each
// was skipped with nothing said, exit 0, the twin fitted without that page's events (550 of 650 read as the whole export).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { successes } from './events.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('calibrate-missing-page-');
const events = successes(120);
const page = (i: number, last = false) => ({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/autopilotEvents', value: events.slice(i * 40, i * 40 + 40), ...(last ? {} : { '@odata.nextLink': `https://graph.microsoft.com/beta/deviceManagement/autopilotEvents?$skiptoken=${i + 1}` }) });
const calibrate = async (name: string, pages: unknown[]) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(pages, null, 2));
  return { file, ...(await cli('calibrate', file, '-o', join(dir, `${name}.yaml`))) };
};

it('refuses a list of pages with null, an error response or "value" as an object in a page\'s place, naming the page', async () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['null.json', null, /page 2 \(\$\[1\]\): expected a Graph page \{ "value": \[ events \] \}, got null: a request of the loop that collected the pages gave nothing .* so the events of that page are missing: collect the pages again/],
    ['error.json', { error: { code: 'TooManyRequests', message: 'Too many requests' } }, /page 2 \(\$\[1\]\): expected a Graph page \{ "value": \[ events \] \}, got Graph's error response \{ "error": \.\.\. \}: a request of the loop that collected the pages failed .* so the events of that page are missing/],
    ['object.json', { value: events[40] }, /page 2 \(\$\[1\]\): expected a Graph page \{ "value": \[ events \] \}, got "value": \{ \.\.\. \}, an object where Graph writes a list/],
  ];
  for (const [name, element, message] of cases) {
    const r = await calibrate(name, [page(0), element, page(2, true)]);
    expect(r.code, name).toBe(2);
    expect(r.err.trim().split('\n'), name).toHaveLength(1);
    expect(r.err, name).toContain(`${r.file}: `);
    expect(r.err, name).toMatch(message);
  }
});

it('still reads a list of pages whole, an empty page among them', async () => {
  const r = await calibrate('whole.json', [page(0), { value: [], '@odata.nextLink': 'https://graph.microsoft.com/beta/x' }, page(1), page(2, true)]);
  expect(r.code).toBe(0);
  expect(r.out).toContain('120 events in 1 file · 120 usable');
});

it('says where a file cut between two pages or two records ends, not a record that does not exist', async () => {
  // A list of pages cut after page 2's comma: it read 'record 81: the file ends inside a record'.
  const pages = JSON.stringify([page(0), page(1), page(2, true)]);
  const cut = pages.slice(0, pages.indexOf(',{"@odata.context"', pages.indexOf('$skiptoken=2')) + 1);
  const file = join(dir, 'cut-pages.json');
  writeFileSync(file, cut);
  const r = await cli('calibrate', file);
  expect(r.code).toBe(2);
  expect(r.err.trim()).toBe(`autopilot-sim: ${file}: page 2 ($[1]): the file ends after page 2 of the list of pages, before its closing ] (truncated?): the events after it are missing; save the whole export and calibrate that file`);
  // One page cut after its first event.
  const one = JSON.stringify({ value: events.slice(0, 3) });
  const single = join(dir, 'cut-page.json');
  writeFileSync(single, one.slice(0, one.indexOf('},{') + 1));
  const s = await cli('calibrate', single);
  expect(s.code).toBe(2);
  expect(s.err.trim()).toBe(`autopilot-sim: ${single}: the file ends after record 1, before its list of events closes (truncated?): the events after it are missing; save the whole export and calibrate that file`);
});

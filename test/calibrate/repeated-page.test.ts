// A Graph page saved twice (a loop over @odata.nextLink that requested one link again, a page pasted in twice): its
// events were counted as duplicates, rightly, but the report said only '100 duplicate event (an id already read)', and
// the admin looked for deployments Graph had recorded twice. The page is now named, in the report, --json and the twin.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { successes } from './events.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('calibrate-repeated-page-');
const events = successes(160);
const page = (i: number, last = false) => ({ value: events.slice(i * 40, i * 40 + 40), ...(last ? {} : { '@odata.nextLink': `https://graph.microsoft.com/beta/deviceManagement/autopilotEvents?$skiptoken=${i + 1}` }) });

it('names a page every event of which was read before, in the report, --json and the twin', async () => {
  // Pages 1, 2, 2 again, 3, 4: 200 events read, 160 deployments.
  const file = join(dir, 'pages.json');
  writeFileSync(file, JSON.stringify([page(0), page(1), page(1), page(2), page(3, true)]));
  const twin = join(dir, 'twin.yaml');
  const r = await cli('calibrate', file, '--json', '-o', twin);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.out);
  expect(report.usable).toBe(160);
  expect(report.unusable).toEqual([{ reason: 'duplicate event (an id already read)', events: 40 }]);
  expect(report.repeatedPages).toMatchObject({ pages: 1, events: 40 });
  const note = report.repeatedPages.note as string;
  expect(note).toMatch(/^a Graph page held only events read before: page 3 of pages\.json \(40 events\), a page saved twice .*its 40 events are among the duplicates not used/);
  expect(readFileSync(twin, 'utf8')).toContain(`# Repeated pages: ${note}.`);
  const text = await cli('calibrate', file, '-o', join(dir, 'twin-2.yaml'));
  expect(text.out.split('\n').filter((l) => l.startsWith('Repeated pages:'))).toEqual([`Repeated pages: ${note}`]);
  // Pages joined one after another name it alike.
  const joined = join(dir, 'joined.json');
  writeFileSync(joined, [page(0), page(1), page(1), page(2), page(3, true)].map((p) => JSON.stringify(p)).join('\n'));
  expect(JSON.parse((await cli('calibrate', joined, '--json')).out).repeatedPages.note).toContain('page 3 of joined.json (40 events)');
});

it('says nothing where a page holds a new event beside those read before, or no page repeats', async () => {
  const file = join(dir, 'overlap.json');
  // The repeated page with one event of its own: no page repeated whole.
  const mixed = { ...page(1), value: [...page(1).value.slice(1), ...successes(161).slice(160)] };
  writeFileSync(file, JSON.stringify([page(0), page(1), mixed, page(2), page(3, true)]));
  const r = JSON.parse((await cli('calibrate', file, '--json')).out);
  expect(r.unusable).toEqual([{ reason: 'duplicate event (an id already read)', events: 39 }]);
  expect(r.repeatedPages).toBeUndefined();
  const whole = join(dir, 'whole.json');
  writeFileSync(whole, JSON.stringify([page(0), page(1), page(2), page(3, true)]));
  expect(JSON.parse((await cli('calibrate', whole, '--json')).out).repeatedPages).toBeUndefined();
});

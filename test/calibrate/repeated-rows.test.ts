// CSV rows pasted twice (a block of an export copied below the others in Excel, two exports joined into one file): their
// deployments were counted as duplicates, rightly, but the report said only '40 duplicate event (an id already read)',
// where a JSON export's page saved twice is named (test/calibrate/repeated-page.test.ts). The run of rows is now named by
// its lines, in the report, --json and the twin; a row read twice alone, no block, is not.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { csvOf, successes } from './events.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('calibrate-repeated-rows-');
const events = successes(160);

it('names a run of CSV rows every one of which was read before, by its lines, in the report, --json and the twin', async () => {
  // Rows 1-120, then rows 41-80 pasted again (lines 122-161), then 121-160: 200 rows, 160 deployments.
  const file = join(dir, 'pasted.csv');
  writeFileSync(file, csvOf([...events.slice(0, 120), ...events.slice(40, 80), ...events.slice(120)]));
  const twin = join(dir, 'twin.yaml');
  const r = await cli('calibrate', file, '--json', '-o', twin);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.out);
  expect(report.usable).toBe(160);
  expect(report.unusable).toEqual([{ reason: 'duplicate event (an id already read)', events: 40 }]);
  expect(report.repeatedRows).toMatchObject({ runs: 1, rows: 40 });
  const note = report.repeatedRows.note as string;
  expect(note).toMatch(/^a run of CSV rows held only deployments read before: lines 122–161 of pasted\.csv \(40 rows\), rows pasted twice .*its 40 rows are among the duplicates not used/);
  expect(readFileSync(twin, 'utf8')).toContain(`# Repeated rows: ${note}.`);
  const text = await cli('calibrate', file, '-o', join(dir, 'twin-2.yaml'));
  expect(text.out.split('\n').filter((l) => l.startsWith('Repeated rows:'))).toEqual([`Repeated rows: ${note}`]);
  expect((await cli('calibrate', file, '--markdown')).out).toContain(`**Repeated rows:** ${note}`);
});

it('names a device preparation report\'s rows pasted twice alike', async () => {
  const header = '"Device name","Enrollment date","Deployment status","Phase","Serial number","Deployment time","UPN"';
  const rows = Array.from({ length: 60 }, (_, i) => `"PC-${i}","11/${1 + (i % 28)}/2026 9:00:00 AM","Success","Completed","SYNTHETIC-${i}","${25 + (i % 7)} min 10 sec","u${i}@synthetic.example.invalid"`);
  const file = join(dir, 'report.csv');
  writeFileSync(file, [header, ...rows, ...rows.slice(0, 10)].join('\r\n'));
  const report = JSON.parse((await cli('calibrate', file, '--json')).out);
  expect(report.repeatedRows).toMatchObject({ runs: 1, rows: 10 });
  expect(report.repeatedRows.note).toContain('lines 62–71 of report.csv (10 rows)');
});

it('says nothing where a duplicate row stands alone, or no row repeats', async () => {
  // One row read twice, alone: no block pasted again.
  const file = join(dir, 'one.csv');
  writeFileSync(file, csvOf([...events.slice(0, 100), events[5]!, ...events.slice(100)]));
  const r = JSON.parse((await cli('calibrate', file, '--json')).out);
  expect(r.unusable).toEqual([{ reason: 'duplicate event (an id already read)', events: 1 }]);
  expect(r.repeatedRows).toBeUndefined();
  const whole = join(dir, 'whole.csv');
  writeFileSync(whole, csvOf(events));
  expect(JSON.parse((await cli('calibrate', whole, '--json')).out).repeatedRows).toBeUndefined();
});

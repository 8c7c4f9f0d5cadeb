// An export with no id, no deviceId, no serial number and no start time (columns left out by Select-Object or in Excel
// before the file was shared): a record read twice cannot be told from two deployments, so duplicates go unchecked. The
// report did not say so (exit 0, the same file given twice calibrated as twice the deployments, without a word).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('calibrate-unchecked-');
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const HEADER = 'enrollmentType,deploymentState,deviceSetupStatus,accountSetupStatus,deviceSetupDuration,accountSetupDuration,deploymentTotalDuration,enrollmentFailureDetails';
const ROWS = [
  'azureADJoinedWithAutopilotProfile,success,success,success,PT24M,PT9M,PT39M,',
  'azureADJoinedWithAutopilotProfile,success,success,success,PT27M30S,PT11M,PT44M,',
  'azureADJoinedWithAutopilotProfile,success,success,success,PT21M,PT8M,PT35M,',
  'azureADJoinedWithAutopilotProfile,failure,failure,notAttempted,PT31M,,PT38M,App install failure 0x80070643',
];

it('an export with nothing to find a record read twice by says its duplicates were not checked, in the report and --json', async () => {
  const file = write('no-ids.csv', `${HEADER}\r\n${ROWS.join('\r\n')}\r\n`);
  const twin = join(dir, 'twin.yaml');
  const r = await cli('calibrate', file, file, '--json', '-o', twin);
  // Standard error names the twin written, and says nothing else: the note is the report's.
  expect(r.err).toMatch(/^wrote \S+twin\.yaml \(\d+ (bytes|KB)\)$/);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.out);
  // The same file twice: 8 deployments read, none found again.
  expect(report.usable).toBe(8);
  expect(report.duplicatesNotChecked.records).toBe(8);
  const note = report.duplicatesNotChecked.note as string;
  expect(note).toMatch(/^none of the 8 records has an id, nor a device \(deviceId or serial number\) with its start time, so a record read twice .*duplicates among them were not checked, and any are counted twice/);
  expect(readFileSync(twin, 'utf8')).toContain(`# Duplicates not checked: ${note}.`);
  const t = await cli('calibrate', file, '-o', join(dir, 'twin-1.yaml'));
  expect(t.code).toBe(0);
  expect(t.out.split('\n').filter((l) => l.includes('Duplicates not checked:'))).toEqual([`Duplicates not checked: ${note.replace('8 records', '4 records')}`]);

  // Some rows with their id: only the others are said unchecked. With every id, nothing is said.
  const some = write('some-ids.csv', `id,${HEADER}\r\n${ROWS.map((row, i) => `${i < 3 ? `ev-${i}` : ''},${row}`).join('\r\n')}\r\n`);
  expect(JSON.parse((await cli('calibrate', some, '--json')).out).duplicatesNotChecked.note).toMatch(/^1 of the 4 records has no id, nor a device .* duplicates among it were not checked/);
  const all = write('all-ids.csv', `id,${HEADER}\r\n${ROWS.map((row, i) => `ev-${i},${row}`).join('\r\n')}\r\n`);
  const checked = await cli('calibrate', all, '--json');
  expect(JSON.parse(checked.out).duplicatesNotChecked).toBeUndefined();
  // A device and its start are enough to check by.
  const byDevice = write('by-device.csv', `deviceSerialNumber,deploymentStartDateTime,${HEADER}\r\n${ROWS.map((row, i) => `SN${i},2026-10-0${i + 1}T09:00:00Z,${row}`).join('\r\n')}\r\n`);
  expect(JSON.parse((await cli('calibrate', byDevice, '--json')).out).duplicatesNotChecked).toBeUndefined();
});

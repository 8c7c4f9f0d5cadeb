// A column (or a JSON property) Microsoft renamed, or a tool wrote under its own name: the export had every column, and
// calibrate said it had none for the one renamed and to "export every property", which the admin had done. It now names
// the column that may be it and what to do.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvOf, successes } from './events.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('calibrate-renamed-');

const events = successes(40);
/** A CSV of the events, with `rename` applied to the header's names. */
const csv = (name: string, rename: Record<string, string>) => {
  const f = join(dir, name);
  writeFileSync(f, csvOf(events, rename));
  return f;
};

describe('a column under another name', () => {
  it('a CSV: exit 2, one line naming the file, the header, the column missing and the one that may be it', async () => {
    const f = csv('minutes.csv', { deviceSetupDuration: 'deviceSetupDurationInMinutes' });
    const r = await cli('calibrate', f);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err.trim()).toBe(
      `autopilot-sim: ${f}: header: expected every property of the export as a column, got none for deviceSetupDuration (the durations fitted): export every property (Export-Csv without Select-Object; in Excel, delete no column) and calibrate that file; the header has "deviceSetupDurationInMinutes", which calibrate does not read: if it is deviceSetupDuration under another name (a column renamed by Microsoft or by a tool), rename it deviceSetupDuration, its durations as Graph writes them (ISO 8601, or a TimeSpan), and calibrate that file`,
    );
  });

  it('the same words in another order, and a status, which has no durations to mention', async () => {
    const f = csv('order.csv', { deploymentTotalDuration: 'totalDeploymentDuration', deviceSetupStatus: 'DeviceSetupState' });
    const r = await cli('calibrate', f);
    expect(r.code).toBe(2);
    expect(r.err).toContain('; the header has "DeviceSetupState", "totalDeploymentDuration", which calibrate does not read: if they are deviceSetupStatus, deploymentTotalDuration under another name (a column renamed by Microsoft or by a tool), rename each to the name Graph documents, its durations as Graph writes them');
  });

  it('a JSON export: its records name the property that may be it', async () => {
    const f = join(dir, 'renamed.json');
    writeFileSync(f, JSON.stringify({ value: events.map(({ deploymentTotalDuration, ...e }) => ({ ...e, totalDeploymentDuration: deploymentTotalDuration })) }));
    const r = await cli('calibrate', f);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(`${f}: record 1: deploymentTotalDuration: expected every property Graph gives in each record, got none for deploymentTotalDuration`);
    expect(r.err).toContain('; its records have "totalDeploymentDuration", which calibrate does not read: if it is deploymentTotalDuration under another name (a property renamed by Microsoft or by a tool), rename it deploymentTotalDuration');
  });

  it('a column left out beside one that is no rename of it is said as before, with nothing more', async () => {
    const f = csv('notes.csv', { deviceSetupDuration: 'Notes' });
    const r = await cli('calibrate', f);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/got none for deviceSetupDuration \(the durations fitted\): export every property \(Export-Csv without Select-Object; in Excel, delete no column\) and calibrate that file$/);
  });
});

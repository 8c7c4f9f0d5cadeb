// A slip for a documented value in an export (a hand-edited deploymentState 'sucess' in Excel) was counted as 'deployment
// state not documented' with exit 0: one deployment fewer in the rates, and no word of which row. A value within two edits
// of a member is now refused, naming the file, line, record and column and the member meant; a value far from every member
// (one Graph may add, a report's words such as 'Failed') is counted as before.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { csvOf, successes } from './events.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-enum-slip-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('a slip for a documented value', () => {
  it('is refused in a CSV, naming the line, record, column as written and the member meant', async () => {
    const events = successes(40);
    events[9]!.deploymentState = 'sucess';
    const file = join(dir, 'slip.csv');
    writeFileSync(file, csvOf(events, { deploymentState: 'DeploymentState' }));
    const r = await cli('calibrate', file, '--json');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/slip\.csv:11: record 10: DeploymentState: expected one of the documented values, got "sucess", a slip for "success" it seems/);
  });

  it('is refused in an enrollment type too', async () => {
    const events = successes(40);
    events[2]!.enrollmentType = 'azureADJoinedWithAutopilotProfle';
    const file = join(dir, 'type.json');
    writeFileSync(file, JSON.stringify({ value: events }));
    const r = await cli('calibrate', file, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('record 3: enrollmentType: expected one of the documented values, got "azureADJoinedWithAutopilotProfle", a slip for "azureADJoinedWithAutopilotProfile" it seems');
  });

  it('a value far from every member is counted as not documented, as before', async () => {
    const events = successes(40);
    events[9]!.deploymentState = 'somethingNew';
    const file = join(dir, 'new.json');
    writeFileSync(file, JSON.stringify({ value: events }));
    const r = await cli('calibrate', file, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).unusable).toEqual([{ reason: 'deployment state "somethingNew" (not documented)', events: 1 }]);
  });
});

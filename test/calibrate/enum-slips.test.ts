// A slip for a documented value in an export (a hand-edited deploymentState 'sucess' in Excel) was counted as 'deployment
// state not documented' with exit 0: one deployment fewer in the rates, and no word of which row. A value within two edits
// of a member is now refused, naming the file, line, record and column and the member meant; a value far from every member
// (one Graph may add, a report's words such as 'Failed') is counted as before.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { csvOf, successes } from './events.ts';

const dir = mkdtempSync(join(tmpdir(), 'apsim-enum-slip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function calibrate(file: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['calibrate', file, '--json'], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('a slip for a documented value', () => {
  it('is refused in a CSV, naming the line, record, column as written and the member meant', async () => {
    const events = successes(40);
    events[9]!.deploymentState = 'sucess';
    const file = join(dir, 'slip.csv');
    writeFileSync(file, csvOf(events, { deploymentState: 'DeploymentState' }));
    const r = await calibrate(file);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/slip\.csv:11: record 10: DeploymentState: expected one of the documented values, got "sucess", a slip for "success" it seems/);
  });

  it('is refused in an enrollment type too', async () => {
    const events = successes(40);
    events[2]!.enrollmentType = 'azureADJoinedWithAutopilotProfle';
    const file = join(dir, 'type.json');
    writeFileSync(file, JSON.stringify({ value: events }));
    const r = await calibrate(file);
    expect(r.code).toBe(2);
    expect(r.err).toContain('record 3: enrollmentType: expected one of the documented values, got "azureADJoinedWithAutopilotProfle", a slip for "azureADJoinedWithAutopilotProfile" it seems');
  });

  it('a value far from every member is counted as not documented, as before', async () => {
    const events = successes(40);
    events[9]!.deploymentState = 'somethingNew';
    const file = join(dir, 'new.json');
    writeFileSync(file, JSON.stringify({ value: events }));
    const r = await calibrate(file);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).unusable).toEqual([{ reason: 'deployment state "somethingNew" (not documented)', events: 1 }]);
  });
});

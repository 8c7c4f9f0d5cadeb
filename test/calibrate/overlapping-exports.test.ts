// Last month's export beside this month's: a deployment in progress in the older one has its outcome in the newer. The
// record read first was kept and the later one dropped as a duplicate, so, the older export given first, the tenant's
// finished deployments were said to have stalled and left out of its success rate (an admin's 100 of 300). The record
// with the outcome now stands for the deployment, whichever file comes first; one in progress in both stays a duplicate.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { observe } from '../../src/calibrate/index.ts';
import { STALLED, SUPERSEDED } from '../../src/calibrate/observe.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-overlap-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, value: object[]) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ value }));
  return file;
};

const day = (d: number) => new Date(Date.UTC(2026, 10, d, 9)).toISOString();
const done = (i: number, start: string) => ({
  id: `event-${i}`,
  deviceId: `device-${i}`,
  enrollmentType: 'azureADJoinedWithAutopilotProfile',
  deploymentState: i % 10 === 0 ? 'failure' : 'success',
  deviceSetupStatus: i % 10 === 0 ? 'failure' : 'success',
  accountSetupStatus: i % 10 === 0 ? 'notAttempted' : 'success',
  deploymentStartDateTime: start,
  deviceSetupDuration: 'PT30M',
  accountSetupDuration: i % 10 === 0 ? null : 'PT10M',
  deploymentTotalDuration: i % 10 === 0 ? null : 'PT45M',
  enrollmentFailureDetails: null,
});
const running = (i: number, start: string) => ({ ...done(i, start), deploymentState: 'inProgress', deviceSetupStatus: 'inProgress', accountSetupStatus: 'notAttempted', deviceSetupDuration: null, accountSetupDuration: null, deploymentTotalDuration: null });

// The older export (1-10 November): 60 finished, 40 still running on the 10th. The newer (1-20 November): the same 100,
// those 40 finished, and 50 more, 2 of them running on the 20th and 1 running since the 12th (stalled).
const older = write('older.json', Array.from({ length: 100 }, (_, i) => (i < 60 ? done(i, day(1 + (i % 9))) : running(i, day(10)))));
const newer = write('newer.json', [
  ...Array.from({ length: 147 }, (_, i) => done(i, i < 60 ? day(1 + (i % 9)) : i < 100 ? day(10) : day(11 + (i % 9)))),
  running(147, day(20)),
  running(148, day(20)),
  running(149, day(12)),
]);

it('the older export first: its deployments in progress are read from the newer one, with their outcomes', async () => {
  const o = await observe([older, newer]);
  expect(o.usable).toBe(147);
  expect(Object.fromEntries(o.unusable)).toEqual({ [SUPERSEDED]: 40, 'duplicate event (an id already read)': 60, 'deployment in progress': 2, [STALLED]: 1 });
  expect(o.segments.get('user-driven/entra')!.events).toBe(147);
});

it('the newer first: the same deployments, the older records duplicates', async () => {
  const o = await observe([newer, older]);
  expect(o.usable).toBe(147);
  expect(Object.fromEntries(o.unusable)).toEqual({ 'duplicate event (an id already read)': 100, 'deployment in progress': 2, [STALLED]: 1 });
});

it('in one file, a deployment read in progress and then with its outcome (pages saved at two times) is the later one', async () => {
  const o = await observe([write('one.json', [running(1, day(3)), done(2, day(20)), done(1, day(3))])]);
  expect(o.usable).toBe(2);
  expect(Object.fromEntries(o.unusable)).toEqual({ [SUPERSEDED]: 1 });
});

it('one in progress in both exports stays one deployment in progress', async () => {
  const o = await observe([write('a.json', [running(1, day(20)), done(2, day(20))]), write('b.json', [running(1, day(20))])]);
  expect(Object.fromEntries(o.unusable)).toEqual({ 'deployment in progress': 1, 'duplicate event (an id already read)': 1 });
});

// A back-test before trusting the twin: fit October's export, hold the twin against November's (no change between them).
// The only way had been by hand (calibrate each month, set one's simulated figures beside the other's observed ones), and
// the interval the twin states is the tenant's rate's, not where another month's rate falls: a twin of 600 deployments at
// 94% covers a next month of the same tenant about 86 times in 100 (82–87% over 4,000 simulated pairs of months), so an
// admin read an unchanged November as the twin failing. --against reads the later export, never fits it, and gives the
// interval the twin foretells for it (the twin's widened by the later export's own sampling), its durations and failures.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { calibrate } from '../../src/index.ts';
import { csvOf, successes, type Event } from './events.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-against-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A month of 600 user-driven Entra deployments, `failed` of them failing an app at device setup; ids apart per month. */
function month(name: string, failed: number, day: (i: number) => string): string {
  const events: Event[] = successes(600).map((e, i) => ({
    ...e,
    id: `${name}-${i}`,
    deviceId: `${name}-device-${i}`,
    deploymentStartDateTime: `${day(i)}T09:00:00Z`,
    ...(i < failed ? { deploymentState: 'failure', deviceSetupStatus: 'failure', accountSetupStatus: 'notAttempted', accountSetupDuration: null, enrollmentFailureDetails: 'Win32 app failed 0x87D1041C' } : {}),
  }));
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, csvOf(events));
  return file;
}
const october = month('october', 36, (i) => `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`);


describe('calibrate --against a later export', () => {
  it('holds the twin against November: its rate within what the twin foretells, though outside the twin\'s own interval', async () => {
    // November: 50 of 600 failed (91.7%) where October's 36 (94.0%): apart by chance, nothing changed.
    const november = month('november', 50, (i) => `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`);
    const r = await cli('calibrate', october, '--against', november, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const b = JSON.parse(r.out).backtest;
    expect(b.against).toEqual([november]);
    expect(b.basis).toMatch(/^Out of sample: the twin is held against .*november\.csv, deployments it was not fitted to/);
    const s = b.segments[0];
    // The observed side is November's, the twin October's.
    expect(s.observed.deployments).toBe(600);
    expect(s.observed.succeeded).toBe(550);
    expect(s.failures.find((f: { code: string }) => f.code === '0x87D1041C').observed).toBeCloseTo(50 / 600, 4);
    const [lo, hi] = s.simulated.twin.successInterval95;
    const [flo, fhi] = s.simulated.foretold.successInterval95;
    expect(s.simulated.foretold.deployments).toBe(600);
    // The twin's own interval leaves November out; what it foretells for 600 deployments holds it, and no flag is raised.
    expect(550 / 600 < lo || 550 / 600 > hi).toBe(true);
    expect(550 / 600).toBeGreaterThanOrEqual(flo);
    expect(550 / 600).toBeLessThanOrEqual(fhi);
    expect(s.flags.filter((f: string) => f.startsWith('success rate'))).toEqual([]);
  });

  it('flags a November the twin does not foretell, naming the interval, in the terminal too', async () => {
    const november = month('november-worse', 90, (i) => `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`);
    const r = await cli('calibrate', october, '--against', november);
    expect(r.code).toBe(0);
    const text = r.out.replace(/\s+/g, ' ');
    expect(text).toContain(`Backtest: the twin simulated with the observed mix, against ${november}`);
    expect(text).toMatch(/later export .* foretold \(95% over the \d+ checks together\)/);
    expect(text).toMatch(/cannot fit: success rate: the later export's 85\.0% \(8\d\.\d%–8\d\.\d%\) lies outside the [89]\d\.\d%–9\d\.\d% the twin foretells for its 600 deployments/);
    // No successes on retry in either month: first time right is the success rate, not said twice.
    expect(text).not.toContain('first time right:');
  });

  it('flags a November whose device setups took longer beyond what both exports and the simulation vary by', async () => {
    // The same outcomes as October, every device setup 6 minutes longer (a new app in the ESP, say).
    const slower = successes(600).map((e, i) => ({ ...e, id: `slower-${i}`, deviceId: `slower-device-${i}`, deviceSetupDuration: `PT${26 + (i % 9)}M`, deploymentTotalDuration: `PT${41 + (i % 9)}M`, deploymentStartDateTime: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z`, ...(i < 36 ? { deploymentState: 'failure', deviceSetupStatus: 'failure', accountSetupStatus: 'notAttempted', accountSetupDuration: null, enrollmentFailureDetails: 'Win32 app failed 0x87D1041C' } : {}) }));
    const november = join(dir, 'november-slower.csv');
    writeFileSync(november, csvOf(slower));
    const r = await cli('calibrate', october, '--against', november, '--json');
    expect(r.code).toBe(0);
    const flags: string[] = JSON.parse(r.out).backtest.segments[0].flags;
    expect(flags.find((f) => f.startsWith('device setup: KS distance'))).toMatch(/beyond what the later export's 564 durations, the 564 the twin was fitted to and the simulation vary by \(0\.\d+ at 95% over the \d+ checks together\): p50 \/ p90 3\d\.\d \/ 3\d\.\d min in the later export, 2\d\.\d \/ 2\d\.\d in the twin; the tenant changed/);
  });

  it('flags a failure whose share moved beyond chance while the success rate held, and not one that moved by chance', async () => {
    // November: 36 failed, as October, but 12 with the app's 0x87D1041C (October's 36) and 24 at enrollment with 0x80180014
    // (none in October): the success rate and every duration the same, and no flag had been raised.
    const events: Event[] = successes(600).map((e, i) => ({
      ...e,
      id: `shifted-${i}`,
      deviceId: `shifted-device-${i}`,
      deploymentStartDateTime: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z`,
      ...(i < 12 ? { deploymentState: 'failure', deviceSetupStatus: 'failure', accountSetupStatus: 'notAttempted', accountSetupDuration: null, enrollmentFailureDetails: 'Win32 app failed 0x87D1041C' } : {}),
      ...(i >= 12 && i < 36 ? { deploymentState: 'failure', deviceSetupStatus: 'notAttempted', accountSetupStatus: 'notAttempted', deviceSetupDuration: null, accountSetupDuration: null, enrollmentFailureDetails: 'MDM enrollment failed 0x80180014' } : {}),
    }));
    const november = join(dir, 'november-shifted.csv');
    writeFileSync(november, csvOf(events));
    const r = await cli('calibrate', october, '--against', november, '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out).backtest.segments[0];
    expect(s.flags.filter((f: string) => f.startsWith('success rate'))).toEqual([]);
    const codes = s.flags.filter((f: string) => f.startsWith('failure '));
    expect(codes).toHaveLength(2);
    expect(codes[0]).toMatch(/^failure 0x80180014 at enrollment: the later export's 4\.0% \(24 of 600\) against the fitted export's 0\.0% \(0 of 600\), the twin's 0\.0%, apart beyond chance \(Fisher's exact test, p < 0\.0001 once multiplied by the comparison's 6 checks, 95% over the 6 checks together\): the tenant changed/);
    expect(codes[1]).toMatch(/^failure 0x87D1041C at device setup: the later export's 2\.0% \(12 of 600\) against the fitted export's 6\.0% \(36 of 600\), the twin's \d\.\d+%, apart beyond chance \(Fisher's exact test, p 0\.00\d\d once/);
    // A November whose one failure moved by chance (50 of 600 against 36): no failure flagged.
    const chance = month('november-chance', 50, (i) => `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`);
    const c = JSON.parse((await cli('calibrate', october, '--against', chance, '--json')).out).backtest.segments[0];
    expect(c.flags.filter((f: string) => f.startsWith('failure '))).toEqual([]);
  });

  it('from a script: calibrate(files, { against }) gives the same backtest, and names a wrong value', async () => {
    const november = month('november-lib', 50, (i) => `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`);
    const { report } = await calibrate(october, { against: november });
    expect(report.backtest?.against).toEqual([november]);
    expect(report.backtest?.segments[0]!.observed.succeeded).toBe(550);
    expect(report.backtest?.segments[0]!.simulated.foretold?.deployments).toBe(600);
    await expect(calibrate(october, { against: [october] })).rejects.toThrow(`options: against: ${october} is one of the exports calibrated`);
    await expect(calibrate(october, { against: 3 as unknown as string })).rejects.toThrow("options: against: expected a later export's file, or a list of them, got 3");
  });

  it('refuses a later export that is one calibrated, or that has none of the twin\'s segments', async () => {
    const same = await cli('calibrate', october, '--against', october);
    expect(same.code).toBe(2);
    expect(same.err).toContain(`--against: ${october} is one of the exports calibrated`);
    const other = join(dir, 'self-deploying.csv');
    writeFileSync(other, csvOf(successes(40).map((e) => ({ ...e, enrollmentType: 'azureADJoinedUsingDeviceAuthWithAutopilotProfile', accountSetupStatus: 'notAttempted', accountSetupDuration: null }))));
    const none = await cli('calibrate', october, '--against', other);
    expect(none.code).toBe(2);
    expect(none.err.trim().split('\n')).toHaveLength(1);
    expect(none.err).toContain("--against: expected a later export with deployments of the twin's segment (user-driven/entra)");
  });
});

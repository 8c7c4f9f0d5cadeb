// One comparison with a later export (--against) makes many checks: each segment's success rate, each duration's KS
// distance, each failure's share. Each was held at 95% on its own (the failures' codes corrected among themselves alone),
// so an unchanged tenant of four segments was flagged in 3 of 20 pairs of months (an admin learns to ignore that). The
// checks now share the 5% (Bonferroni): `backtest.checks` counts them, the column and the basis say so, and a November
// whose rate fell by chance within that is not flagged, while a real change (a failure rate doubled, device setups 30%
// longer) still is.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { csvOf, successes, type Event } from './events.ts';
import { tempDir } from '../helpers/temp.ts';
import { ksCoefficient, zFor } from '../../src/calibrate/index.ts';

const dir = tempDir('apsim-family-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const failed = { deploymentState: 'failure', deviceSetupStatus: 'failure', accountSetupStatus: 'notAttempted', accountSetupDuration: null, enrollmentFailureDetails: 'Win32 app failed 0x87D1041C' };
/** A month of 600 user-driven Entra deployments, `fails` of them failing an app at device setup; `slower` minutes more device setup. */
function month(name: string, fails: number, slower = 0): string {
  const m = name.startsWith('october') ? 10 : 11;
  const events: Event[] = successes(600).map((e, i) => ({
    ...e,
    id: `${name}-${i}`,
    deviceId: `${name}-device-${i}`,
    deploymentStartDateTime: `2026-${m}-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z`,
    ...(slower ? { deviceSetupDuration: `PT${(20 + (i % 9)) * (1 + slower)}M`, deploymentTotalDuration: `PT${35 + (i % 9) + (20 + (i % 9)) * slower}M` } : {}),
    ...(i < fails ? failed : {}),
  }));
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, csvOf(events));
  return file;
}
const october = month('october', 36);
const against = async (november: string) => {
  const r = await cli('calibrate', october, '--against', november, '--json');
  expect(r.err).toBe('');
  return JSON.parse(r.out).backtest;
};

describe('calibrate --against: the checks of one comparison share 5%', () => {
  it('z and the KS coefficient at a chance: 1.96 and 1.36 at 5%, wider at less', () => {
    expect(zFor(0.05)).toBeCloseTo(1.96, 2);
    expect(zFor(0.01)).toBeCloseTo(2.576, 2);
    expect(ksCoefficient(0.05)).toBeCloseTo(1.36, 2);
    expect(ksCoefficient(0.01)).toBeCloseTo(1.63, 2);
  });

  it('counts the checks, says so in --json, the column and the basis, and does not flag a November whose rate fell within chance', async () => {
    // November 56 of 600 failed (90.7%) against October's 36 (94.0%): outside the 95% one check alone gave, within what
    // the comparison's checks together allow.
    const november = month('november-chance', 56);
    const b = await against(november);
    const s = b.segments[0];
    // Success rate, device setup, account setup and total KS, one failure: 5 checks, each at 1%.
    expect(b.checks).toEqual({ count: 5, each: 0.01 });
    expect(b.basis).toContain('The comparison makes 5 checks (each segment\'s success rate, each duration\'s KS distance, each failure\'s share), held at 95% together');
    // (The durations, a pattern of whole minutes, are no model's shape: only the rates are held here.)
    expect(s.flags.filter((f: string) => f.startsWith('success rate') || f.startsWith('failure '))).toEqual([]);
    const [flo] = s.simulated.foretold.successInterval95;
    expect(flo).toBeLessThanOrEqual(544 / 600);
    const text = (await cli('calibrate', october, '--against', november)).out.replace(/\s+/g, ' ');
    expect(text).toMatch(/foretold \(95% over the 5 checks together\)/);
  });

  it('still flags a failure rate doubled, and device setups 30% longer', async () => {
    const doubled = await against(month('november-doubled', 72));
    expect(doubled.segments[0].flags).toContainEqual(expect.stringMatching(/^success rate: the later export's 88\.0% .* lies outside the .* the twin foretells for its 600 deployments \(95% over the 5 checks together;/));
    expect(doubled.segments[0].flags).toContainEqual(expect.stringMatching(/^failure 0x87D1041C at device setup: the later export's 12\.0% \(72 of 600\) .* once multiplied by the comparison's 5 checks, 95% over the 5 checks together\)/));
    const slower = await against(month('november-slower', 36, 0.3));
    expect(slower.segments[0].flags).toContainEqual(expect.stringMatching(/^device setup: KS distance .* vary by \(0\.\d+ at 95% over the 5 checks together\)/));
  });
});

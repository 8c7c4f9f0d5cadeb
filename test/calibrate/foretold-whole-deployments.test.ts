// What the twin foretells for a later export (--against) is a rate of whole deployments: its bounds are taken out to the
// next whole one. A twin at 99.7% (the model's own ESP timer beside a tenant none of whose 74 self-deploying deployments
// failed) foretold 91.2%–99.9% for 73 deployments, so a November none of whose 73 failed, the likeliest month had nothing
// changed, was flagged 'cannot fit: success rate: the later export's 100.0% ... lies outside' (one of an unchanged
// tenant's 20 pairs of months).
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { foretold } from '../../src/calibrate/index.ts';
import { calibrate } from '../../src/index.ts';
import { selfDeployingMonth } from './model-month.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-foretold-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the interval a twin foretells for a later export', () => {
  it('reaches the whole number of deployments next to each bound', () => {
    const [lo, hi] = foretold(0.997, [0.95, 0.9995], 73);
    expect(hi).toBe(1);
    // Whole deployments of 73 at both ends, the interval no narrower than before.
    expect(Math.abs(lo * 73 - Math.round(lo * 73))).toBeLessThan(0.01);
    expect(lo).toBeLessThanOrEqual(0.95);
    // A bound already a whole number of deployments stays.
    expect(foretold(0.5, [0.5, 0.5], 100)[0]).toBeLessThanOrEqual(0.5);
  });

  it('holds a later month none of whose deployments failed, as the fitted month, without a flag', { timeout: 120_000 }, async () => {
    // Two months of 74 self-deploying deployments from the model itself (5 apps, median 4, p90 9), no noise, none failed.
    const month = (prefix: string, seed: number) => selfDeployingMonth(dir, prefix, seed, 74);
    const { report } = await calibrate(month('october', 4), { against: month('november', 104) });
    const s = report.backtest!.segments[0]!;
    expect(s.observed.successRate).toBe(1);
    // The twin fails a little on its own (the model's timer), below the tenant's 100%.
    expect(s.simulated.successRate).toBeLessThan(1);
    expect(s.simulated.foretold!.successInterval95[1]).toBe(1);
    expect(s.flags.filter((f) => f.startsWith('success rate'))).toEqual([]);
  });
});

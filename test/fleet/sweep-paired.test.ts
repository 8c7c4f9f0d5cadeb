// sweep's knee from the same devices at neighbouring values (McNemar's exact test on the devices a step changes),
// not from whether the two values' Wilson intervals overlap: a step of 6 devices lost and none gained is beyond chance
// (p 0.031) where the intervals, 99.6–100.0% and 98.7–99.7%, overlap.
import { describe, expect, it } from 'vitest';
import { loadFleet, parseSweep, sweepFleet } from '../../src/index.ts';
import { mcnemarExact } from '../../src/fleet/stats.ts';

describe('sweep pairs each value with the next on the same devices', () => {
  it("finds the knee at the step the pairs show (user-driven-entra's 60-minute ESP, apps 16..20:1: 18 → 19, not 19 → 20)", async () => {
    const { result } = await sweepFleet(loadFleet('user-driven-entra'), parseSweep('apps=16..20:1'), {});
    expect(result.rows.map((r) => r.fromPrevious ?? null)).toEqual([
      null,
      { lost: 0, gained: 0, change: 0, p: 1 },
      { lost: 0, gained: 0, change: 0, p: 1 },
      { lost: 6, gained: 0, change: -0.006, p: 0.0313 },
      { lost: 31, gained: 0, change: -0.031, p: 9.31e-10 },
    ]);
    // The two values' intervals overlap: the old rule put the knee a step later, at 19 → 20 ('first falls beyond chance, and most').
    expect(result.rows[3]!.successInterval95[1]).toBeGreaterThan(result.rows[2]!.successInterval95[0]);
    expect(result.finding).toMatch(
      /^Success first falls beyond chance between number of apps = 18 and 19: 100\.0% → 99\.4% \(6 of the same devices fail at 19 that succeed at 18, none the other way: p = 0\.031, McNemar's exact test\), as ESP_TIMEOUT .* It falls most between number of apps = 19 and 20: 99\.4% → 96\.3% \(−3\.1 points\)/,
    );
  }, 60_000);

  it("McNemar's exact test: two-sided binomial on the devices that change, halves each way", () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(6, 0)).toBeCloseTo(2 / 64, 12);
    expect(mcnemarExact(0, 6)).toBeCloseTo(2 / 64, 12);
    // 4 lost, none gained: 0.125, not beyond chance (a normal interval on the paired difference excluded 0 there).
    expect(mcnemarExact(4, 0)).toBeCloseTo(0.125, 12);
    // 5 against 1: 2 × (1 + 6) / 64.
    expect(mcnemarExact(5, 1)).toBeCloseTo(14 / 64, 12);
    expect(mcnemarExact(3, 3)).toBe(1);
    // A million devices changing stays finite.
    expect(mcnemarExact(500_400, 499_600)).toBeGreaterThan(0.4);
  });

  it("a group's count swept runs different numbers of devices at each value: nothing pairs, and the intervals decide as before", async () => {
    const { parseFleet } = await import('../../src/fleet/load.ts');
    const fleet = parseFleet('two.yaml', 'scenario: user-driven\ngroups:\n  - { name: Laptops, count: 100 }\n  - { name: Desktops, count: 100 }\n');
    const { result } = await sweepFleet(fleet, parseSweep('groups.Laptops.count=50,100'), {});
    expect(result.rows.map((r) => r.devices)).toEqual([150, 200]);
    expect(result.rows[1]!.fromPrevious).toBeUndefined();
  }, 60_000);
});

// A split's answer gives the groups set apart their own figures, and says what to fix and what the figures rest on for
// the plan it recommends: a university's term reset (test/fleet/drafts/university.yaml) read 'Deploy "Staff laptops" on
// its own with pre-provisioned, which the whole fleet would get: 4.7% success …' and 'Fix first: ESP_TIMEOUT (95.3% of
// devices)', both the whole fleet's on one scenario, under a split whose reset devices and laptops all succeed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFleet } from '../../src/fleet/index.ts';
import { recommend } from '../../src/index.ts';

describe("a split's answer", () => {
  it("gives the groups apart their own figures, and the fix and saturation of the plan, not of the whole fleet on one scenario", async () => {
    const r = await recommend(loadFleet(join(import.meta.dirname, '../fleet/drafts/university.yaml')));
    expect(r.split?.better).toBe(true);
    expect(r.split!.scenario).toBe('reset');
    const laptops = r.split!.apartAnswers!.find((a) => a.group === 'Staff laptops')!;
    expect(laptops.summary!.successRate).toBeGreaterThan(0.9);
    const top = r.ranking[0]!;
    expect(top.summary.successRate).toBeLessThan(0.1);
    const s = r.recommendation.sentence;
    expect(s).toContain(`Deploy "Staff laptops" on its own with ${top.scenario} (reset is excluded for it: new devices, not a reset): ${(laptops.summary!.successRate * 100).toFixed(1)}% success, ${Math.round(laptops.summary!.p50EndUser!)} min for the user, beside the rest. On one scenario the whole fleet would get ${top.scenario}: ${(top.summary.successRate * 100).toFixed(1)}% success`);
    expect(s).not.toContain('which the whole fleet would get');
    expect(s).not.toContain('Fix first');
    expect(s).not.toContain('These figures rest on a saturated shared resource');
  }, 120_000);
});

// compare's paired rows ("minutes to desktop, devices that succeed in both") give each side's mean over
// those devices beside the mean of the paired differences: A and B read "–" in every compare, so two runs
// that differ only in the ESP timeout showed "– – ±0.0 min" with nothing to read the difference against.
import { describe, expect, it } from 'vitest';
import { compareFleets } from '../../src/fleet/analysis.ts';
import { loadFleet } from '../../src/fleet/index.ts';
import { renderComparison } from '../../src/report/compare.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';

const file = new URL('../../scenarios/fleets/new-laptops.yaml', import.meta.url).pathname;
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('compare: the paired rows give A and B', () => {
  it('a twin with only a longer ESP timeout: A and B are the same minutes, the difference ±0.0', async () => {
    const fleet = loadFleet(file);
    const c = await compareFleets({ label: 'base', fleet }, { label: 'esp 90', fleet, override: { esp: { timeoutMinutes: 90 } } }, { devices: 200 });
    for (const metric of ['pairedMinutesToDesktop', 'pairedEndUserMinutes'] as const) {
      const d = c.differences.find((x) => x.metric === metric)!;
      expect(d.a).not.toBeNull();
      expect(d.a).toBeGreaterThan(0);
      expect(d.b).toBe(d.a);
      expect(d.difference).toBe(0);
    }
    const text = strip(renderComparison(c));
    expect(text).not.toMatch(/minutes to desktop, devices that\s*│ –/);
  });

  it('two scenarios: B − A of the sides agrees with the mean of paired differences (to rounding)', async () => {
    const fleet = loadFleet(file);
    const c = await compareFleets({ label: 'user-driven', fleet, environment: scenarioOverride('user-driven') }, { label: 'pre-provisioned', fleet, environment: scenarioOverride('pre-provisioned') }, { devices: 200 });
    for (const metric of ['pairedMinutesToDesktop', 'pairedEndUserMinutes'] as const) {
      const d = c.differences.find((x) => x.metric === metric)!;
      expect(d.a).not.toBeNull();
      expect(d.b).not.toBeNull();
      expect(Math.abs(d.b! - d.a! - d.difference!)).toBeLessThanOrEqual(0.1);
    }
  });
});

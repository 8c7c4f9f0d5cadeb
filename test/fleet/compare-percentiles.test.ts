// compare's p50 and p90 rows are each run's own successful devices, so they move with which devices succeed: a 40-minute
// ESP against a 60-minute one on the same devices read 'p50 minutes to desktop 51.3 → 47.0, −4.3 min' (p90 −10.5 min) as
// if the shorter timer sped devices up, beside the paired row's ±0.0 min, with nothing to say which to believe. The rows
// now say whose devices they count, and a note under the table says why they disagree, in the terminal, Markdown and HTML.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { compareFleets } from '../../src/fleet/analysis.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';
import { percentileNote, renderComparison } from '../../src/report/compare.ts';
import { renderComparisonMarkdown } from '../../src/report/markdown.ts';
import { renderFleetHtml } from '../../src/report/html.ts';

const fleet = (timeoutMinutes: number) =>
  fleetFrom({
    name: `ESP ${timeoutMinutes}`,
    scenario: 'user-driven',
    environment: {
      profile: { joinType: 'entra' },
      esp: { timeoutMinutes },
      apps: [
        { name: 'Big suite', type: 'win32', sizeMb: 3000, installMinutes: { lognormal: { median: 20, p90: 45 } } },
        { name: 'Tools', type: 'win32', sizeMb: 500, installMinutes: 8 },
      ],
    },
    groups: [{ name: 'Laptops', count: 600 }],
  });
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe("compare's percentile rows beside the paired one", () => {
  it("a shorter ESP timer that fails the slowest devices: the rows name whose devices they count, and a note says the p50 fell because devices failed", async () => {
    const c = await compareFleets({ label: 'ESP 60', fleet: fleet(60) }, { label: 'ESP 40', fleet: fleet(40) });
    const p50 = c.differences.find((d) => d.metric === 'p50MinutesToDesktop')!;
    const paired = c.differences.find((d) => d.metric === 'pairedMinutesToDesktop')!;
    expect(p50.label).toBe("p50 minutes to desktop, each run's successes");
    expect(p50.difference!).toBeLessThan(-1);
    expect(Math.abs(paired.difference!)).toBeLessThan(0.5);
    expect(c.succeededInOnly!.a).toBeGreaterThan(50);
    expect(c.succeededInOnly!.b).toBe(0);
    const note = percentileNote(c)!;
    expect(note).toMatch(/^B's p50 is \d+\.\d min below A's \(its p90 \d+\.\d min below\), while the devices that succeed in both take as long in both \(±0\.0 min, 95% CI [^)]*\): \d+ devices succeed in A and fail in B, none the other way, and each run's p50 and p90 count only its own successes/);
    expect(strip(renderComparison(c))).toContain(note.slice(0, 60));
    expect(renderComparisonMarkdown(c)).toContain(`> **Note:** ${note.slice(0, 60)}`);
    expect(renderFleetHtml(c.a.report, { compare: c })).toContain('data-kind="percentiles-apart"');
  });

  it('no note where the percentiles and the paired row agree (the same file twice)', async () => {
    const c = await compareFleets({ label: 'a', fleet: fleet(60), override: scenarioOverride('user-driven') }, { label: 'b', fleet: fleet(60) });
    expect(c.succeededInOnly).toEqual({ a: 0, b: 0 });
    expect(percentileNote(c)).toBeNull();
  });
});

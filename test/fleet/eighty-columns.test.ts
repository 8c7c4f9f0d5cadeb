// run's report at 80 columns, on a hospital whose clinicians' laptops all fail hybrid join before any download: the line of
// a link no device asked ran to 83 columns ('  Home and community link  no download over the rollout: no device asked it
// for one'), and the site table counted '1450' devices under a heading of '1,600 devices'.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFleet, runFleet } from '../../src/fleet/index.ts';
import { renderFleet } from '../../src/report/fleet.ts';
import { renderComparison } from '../../src/report/compare.ts';
import { compareFleets } from '../../src/fleet/analysis.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('run at 80 columns', () => {
  it('wraps the line of a link no device asked, and counts devices with thousands separators in its tables', async () => {
    const report = await runFleet(loadFleet(join(import.meta.dirname, 'drafts', 'hospital-vpn.yaml')));
    const text = strip(renderFleet(report, { columns: 80 }));
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(text).toMatch(/\n {2}Home and community link +no download over the rollout: no device asked it for\n {27}one\n/);
    expect(text).toMatch(/│ Riverside[^│]*│ 1,421 +│/);
    expect(text).not.toContain("1450");
  });
});

describe('compare at 80 columns', () => {
  it("counts a group's or site's devices with thousands separators, as the heading does", async () => {
    const fleet = loadFleet(join(import.meta.dirname, 'drafts', 'hospital-vpn.yaml'));
    const c = await compareFleets({ label: 'user-driven', fleet, override: scenarioOverride('user-driven') }, { label: 'device-preparation', fleet, override: scenarioOverride('device-preparation') }, {});
    const text = strip(renderComparison(c, { columns: 80 }));
    // 'Riverside General (1450)' under '1,600 devices each'.
    expect(text).toMatch(/General \(1,421\)/);
    expect(text).not.toContain('1450');
  });
});

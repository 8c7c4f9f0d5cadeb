// compare's site table gave a depot with no devices of its own (share: 0, where a group's technician flows run) a success of
// 0.0% in both runs, '±0.0 pts', as if its devices had all failed, where run's site table gives it '–'. A run with no
// device at a site now has no success rate there: '–' in every format, null in --json.
import { describe, expect, it } from 'vitest';
import { compareFleets } from '../../src/fleet/analysis.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { sliceDifferenceText } from '../../src/report/compare.ts';

describe("compare: a site with no devices of its own", () => {
  it("reads '–', not 0.0%", async () => {
    const fleet = fleetFrom({
      scenario: 'pre-provisioned',
      devices: 30,
      sites: [{ name: 'Head office', bandwidthMbps: 1000 }, { name: 'Partner depot', share: 0, bandwidthMbps: 500 }],
      groups: [{ name: 'Knowledge workers', technicianSite: 'Partner depot' }],
    });
    const c = await compareFleets({ label: 'A', fleet }, { label: 'B', fleet, environment: { esp: { timeoutMinutes: 90 } } });
    const depot = c.sites.find((s) => s.name === 'Partner depot')!;
    expect(depot.devices).toEqual({ a: 0, b: 0 });
    expect([depot.success.a, depot.success.b, depot.success.difference]).toEqual([null, null, null]);
    const t = sliceDifferenceText(depot);
    expect([t.a, t.b, t.difference]).toEqual(['–', '–', '–']);
    expect(c.sites.find((s) => s.name === 'Head office')!.success.a).toBeGreaterThan(0);
  });
});

// recommend's per-group answers on a fleet whose groups share a saturated site link: a group's
// figures are measured with the other groups still downloading over the link (the whole fleet
// run, that group on the scenario weighed), not as if the group had the link to itself.
import { describe, expect, it } from 'vitest';
import { merge } from '../../src/environment/merge.ts';
import { pct } from '../../src/format.ts';
import { runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';
import { recommend } from '../../src/recommend/index.ts';

const input = {
  name: 'Two groups, one branch link',
  seed: 9,
  scenario: 'user-driven',
  environment: {
    profile: { joinType: 'entra' },
    esp: { timeoutMinutes: 60 },
    apps: [
      { name: 'Microsoft 365 Apps', type: 'win32', sizeMb: 800 },
      { name: 'Engineering viewer', type: 'win32', sizeMb: 200 },
    ],
  },
  // 300 devices over 3 hours on 100 Mbps: the laptops alone would fit the link, the whole fleet saturates it.
  sites: [{ name: 'Branch', bandwidthMbps: 100 }],
  groups: [
    { name: 'Laptops', count: 60 },
    { name: 'Desktops', count: 240 },
  ],
  rollout: { windowHours: 3 },
};

describe('recommend: a group beside the rest of the fleet', () => {
  it("a group's answer carries the other groups' load on the link they share", async () => {
    const fleet = fleetFrom(input);
    const rec = await recommend(fleet, { devices: 300 });
    const laptops = rec.perGroup.find((g) => g.group === 'Laptops')!;
    expect(laptops.summary).not.toBeNull();
    const s = laptops.summary!;
    // The laptops' figures are their slice of the whole fleet deployed with them on the scenario recommended.
    const deployed = fleetFrom(merge(input, {}));
    deployed.groups[0]!.environment = merge(deployed.groups[0]!.environment, scenarioOverride(laptops.scenario!));
    const run = await runFleet(deployed, { devices: 300 });
    const slice = run.groups[0]!;
    expect(s.devices).toBe(slice.devices);
    expect(s.successRate).toBe(slice.successRate);
    expect(s.p50Total).toBe(slice.p50);
    expect(s.saturated.map((x) => x.resource)).toContain('Branch');
    expect(laptops.sentence).toContain(`${pct(s.successRate)} success`);
    expect(laptops.sentence).toMatch(/beside the rest of the fleet, Branch's link is saturated/);
    // Alone, the laptops had the link to themselves: what the old per-group answer reported.
    const alone = await recommend(fleetFrom({ ...input, groups: [input.groups[0]] }), { devices: 60 });
    const aloneRate = alone.ranking.find((r) => r.scenario === laptops.scenario)!.summary.successRate;
    expect(aloneRate - s.successRate).toBeGreaterThan(0.5);
  });
});

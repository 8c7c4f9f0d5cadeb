// A counted group's devices at its sites: each device drew its site by the weights, so a chain's stores written with
// 5 devices each ran with 0 to 13 (an architect's 300 stores of 3 to 7 devices: 3 stores got none) and each store's link
// load was partly chance no report mentioned. Now a counted group's devices are placed along a low-discrepancy sequence
// (src/fleet/plan.ts siteOf): each site gets its weight's share of the group within a device or two, interleaved
// through the group, the same for any number of workers; a weighted group's devices still draw their site.
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { planFleet } from '../../src/fleet/plan.ts';

const STORES = 300;
const stores = Array.from({ length: STORES }, (_, i) => `Store ${String(i + 1).padStart(3, '0')}`);
const chain = (seed: number) =>
  fleetFrom({
    seed,
    sites: [{ name: 'Head office', share: 0 }, ...stores.map((name) => ({ name, bandwidthMbps: 20 }))],
    groups: [
      { name: 'Head office laptops', count: 200, sites: { 'Head office': 1 } },
      // 3 to 7 kiosks a store: 1,500 in all.
      { name: 'Kiosks', count: 1_500, environment: { scenario: 'self-deploying' }, sites: Object.fromEntries(stores.map((s, i) => [s, 3 + (i % 5)])) },
    ],
  });

function perSite(seed: number): Map<string, number> {
  const plan = planFleet(chain(seed));
  const counts = new Map<string, number>();
  for (let i = 0; i < plan.devices; i++) {
    const d = plan.device(i);
    if (d.group !== 1) continue;
    const name = plan.fleet.sites[d.site]!.name;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

describe("a counted group's devices go to its sites in proportion to their weights", () => {
  it.each([1, 7, 42])('300 stores of 3 to 7 kiosks (seed %i): every store gets its own count within one device', (seed) => {
    const counts = perSite(seed);
    const off = stores.map((s, i) => Math.abs((counts.get(s) ?? 0) - (3 + (i % 5))));
    // Drawn per device, stores got 0 to 13 and some none at all.
    expect(Math.max(...off)).toBeLessThanOrEqual(1);
    expect(stores.every((s) => (counts.get(s) ?? 0) > 0)).toBe(true);
  });

  it('the sites stay interleaved through the group (a rollout by index does not open store after store)', () => {
    const plan = planFleet(chain(1));
    const firstFifty = new Set(Array.from({ length: 50 }, (_, k) => plan.device(200 + k).site));
    expect(firstFifty.size).toBeGreaterThan(35);
  });

  it('each device keeps its site in the run, on one worker or two, and the site report counts them', async () => {
    const fleet = chain(3);
    const one = await runFleet(fleet, { workers: 1 });
    const two = await runFleet(fleet, { workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    const expected = perSite(3);
    for (const s of one.sites) if (s.name !== 'Head office') expect(s.devices, s.name).toBe(expected.get(s.name));
  }, 120_000);

  it('a weighted group (no counts) still draws each device its site', () => {
    const fleet = fleetFrom({ sites: [{ name: 'A' }, { name: 'B' }], groups: [{ name: 'x', weight: 1 }], devices: 4_000 });
    const plan = planFleet(fleet);
    let a = 0;
    for (let i = 0; i < plan.devices; i++) if (plan.device(i).site === 0) a++;
    // Binomial(4000, 0.5): about 2,000, not held to it.
    expect(a).toBeGreaterThan(1_850);
    expect(a).toBeLessThan(2_150);
  });
});

// sweep sets one field on every site (or group) a pattern names: a retailer's 400 store links at once
// ('sites.Store *.bandwidthMbps'), which only one site at a time could be; and a name that is not there is answered
// with the one meant, or the first names and a count of the rest, where 413 site names filled the screen.
import { describe, expect, it } from 'vitest';
import { parseFleet } from '../../src/fleet/load.ts';
import { parseSweep, runFleet, sweepFleet } from '../../src/index.ts';

const stores = Array.from({ length: 20 }, (_, i) => `  - { name: Store ${i + 1}, share: 1, bandwidthMbps: 10 }`).join('\n');
const CHAIN = `scenario: user-driven
devices: 200
environment:
  apps:
    - { name: POS client, type: win32, sizeMb: 2500, installMinutes: 10 }
sites:
  - { name: Head office, share: 0, bandwidthMbps: 1000 }
${stores}
rollout: { windowHours: 4 }
`;

describe('a sweep over every site a pattern names', () => {
  it("sets each store's link, and the head office's is left as it is", async () => {
    const fleet = parseFleet('chain.yaml', CHAIN);
    const spec = parseSweep('sites.Store *.bandwidthMbps=5,100');
    const { fleet: at5 } = spec.apply(fleet, 5);
    expect(at5.sites.map((s) => s.bandwidthMbps)).toEqual([1000, ...Array(20).fill(5)]);
    const { result } = await sweepFleet(fleet, spec, {});
    // At 100 Mbps every store as the file would be with 100 written for each.
    const written = parseFleet('chain100.yaml', CHAIN.replaceAll('bandwidthMbps: 10 }', 'bandwidthMbps: 100 }'));
    expect(result.rows[1]!.successRate).toBe((await runFleet(written)).successRate);
    expect(result.rows[0]!.successRate).toBeLessThan(result.rows[1]!.successRate);
  }, 60_000);

  it('a pattern that matches nothing, and a name that is not there, are told so in a line', () => {
    const fleet = parseFleet('chain.yaml', CHAIN);
    expect(() => parseSweep('sites.Shop *.bandwidthMbps=5').apply(fleet, 5)).toThrow(
      'no name in sites matches "Shop *" (expected one of Head office, Store 1, Store 2, Store 3, Store 4, Store 5, Store 6, Store 7, Store 8, Store 9, Store 10, Store 11 and 9 more)',
    );
    expect(() => parseSweep('sites.Stor 1.bandwidthMbps=5').apply(fleet, 5)).toThrow('sites has no "Stor 1": did you mean "Store 1"?');
    // A slip as close to several names as to one is no slip for any: the list (Store 21 is one letter from Store 1, 2, …).
    expect(() => parseSweep('sites.Store 21.bandwidthMbps=5').apply(fleet, 5)).toThrow(/sites has no "Store 21" \(expected one of Head office, /);
    expect(() => parseSweep('sites.Depot.bandwidthMbps=5').apply(fleet, 5)).toThrow(/sites has no "Depot" \(expected one of Head office, .* Store 11 and 9 more\); a \* in the name sets every one it matches, such as sites\.Store \*\.bandwidthMbps$/);
  });
});

// A chain of stores, each on its own thin link, beside a head office: recommend's answer for the head-office group named
// every saturated store link as 'beside the rest of the fleet', links none of its devices crosses; and every line that
// names saturated links named each (85 in a retail chain's recommendation, 7,654 characters in its sweep's sentence).
import { describe, expect, it } from 'vitest';
import { loadFleet } from '../../src/fleet/index.ts';
import { recommend } from '../../src/recommend/index.ts';
import { sweepFleet, parseSweep } from '../../src/fleet/analysis.ts';
import { saturatedListText } from '../../src/fleet/bottlenecks.ts';

const STORES = 8;
const chain = () =>
  loadFleet(
    'chain.yaml',
    `scenario: user-driven\nenvironment:\n  apps:\n    - { name: Microsoft 365 Apps, type: win32, sizeMb: 2500 }\n    - { name: POS client, type: win32, sizeMb: 400 }\nsites:\n  - { name: Head office, bandwidthMbps: 10000 }\n  - &store { name: Store 1, bandwidthMbps: 10 }\n${Array.from({ length: STORES - 1 }, (_, i) => `  - { name: Store ${i + 2}, <<: *store }`).join('\n')}\ngroups:\n  - { name: Tills, count: ${STORES * 4}, sites: { ${Array.from({ length: STORES }, (_, i) => `Store ${i + 1}: 1`).join(', ')} } }\n  - { name: Head office laptops, count: 20, sites: { Head office: 1 } }\n`,
  );

describe('many saturated site links', () => {
  it("a group's answer names only the links its own devices cross, and counts them past three", async () => {
    const rec = await recommend(chain(), {});
    const office = rec.perGroup.find((g) => g.group === 'Head office laptops')!;
    expect(office.summary!.saturated).toEqual([]);
    expect(office.sentence).not.toMatch(/saturated/);
    const tills = rec.perGroup.find((g) => g.group === 'Tills')!;
    expect(tills.summary!.saturated.length).toBeGreaterThan(3);
    expect(tills.sentence).toMatch(/beside the rest of the fleet, \d+ site links are saturated \(Store \d, Store \d, Store \d and \d+ more; downloads wait up to [\d,]+ minutes on Store \d's link\)/);
    expect(tills.sentence.match(/Store \d/g)!.length).toBeLessThanOrEqual(4);
  });

  it("a sweep's sentence counts the links saturated at the same values, naming the longest wait and where", async () => {
    const { result } = await sweepFleet(chain(), parseSweep('esp.timeoutMinutes=60,120'), {});
    expect(result.finding).toMatch(/At every value, \d+ site links are saturated \(Store \d, Store \d, Store \d and \d+ more; downloads wait up to [\d,]+ minutes on Store \d's link, at (60|120)\)\./);
    expect(result.finding!.match(/is saturated/g)).toBeNull();
    // --json keeps each.
    expect(result.rows[0]!.saturated.length).toBeGreaterThan(3);
  });

  it('three links or fewer are each named, as before', () => {
    const x = (name: string, q: number) => ({ kind: 'link' as const, resource: name, maxQueueMinutes: q });
    expect(saturatedListText([x('A', 12), x('B', 30)])).toBe("A's link is saturated (downloads wait up to 12 minutes); B's link is saturated (downloads wait up to 30 minutes)");
    expect(saturatedListText([x('A', 12), x('B', 30), x('C', 5), x('D', 7), { kind: 'connector', resource: 'Intune Connector for AD', maxQueueMinutes: 40 }])).toBe(
      "4 site links are saturated (A, B, C and 1 more; downloads wait up to 30 minutes on B's link); the Intune Connector for AD is saturated (offline-domain-join requests wait up to 40 minutes)",
    );
  });
});

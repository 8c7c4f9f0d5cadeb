// A chain of stores written as a fleet: one anchor, merged into every store's site (<<: *store). The YAML reader's
// guard against alias bombs stopped at 100 uses, with its own words: a fleet of 200 stores was refused as 'Excessive
// alias count indicates a resource exhaustion attack', while 99 merges of a 30,000-key mapping took 16 seconds to read.
// Aliases are now bounded by what they expand to.
import { describe, expect, it } from 'vitest';
import { parseFleet } from '../../src/fleet/load.ts';

const chain = (stores: number) => {
  const sites = Array.from({ length: stores - 1 }, (_, i) => `  - { name: Store ${i + 2}, <<: *store }`);
  return `sites:\n  - &store { name: Store 1, bandwidthMbps: 20, environment: { hybrid: { dcLineOfSight: false } } }\n${sites.join('\n')}\ngroups:\n  - { name: Tills, count: ${stores * 4} }\n`;
};

describe('a fleet of many sites from one anchor', () => {
  it('200 stores merging one anchor load, each with the anchor\'s link and its own name', () => {
    const fleet = parseFleet('chain.yaml', chain(200));
    expect(fleet.sites).toHaveLength(200);
    expect(fleet.sites[199]).toMatchObject({ name: 'Store 200', bandwidthMbps: 20, environment: { hybrid: { dcLineOfSight: false } } });
  });

  it('2,000 stores load too: what bounds aliases is what they expand to, not how often an anchor is used', () => {
    expect(parseFleet('chain.yaml', chain(2000)).sites).toHaveLength(2000);
  });

  it('a large anchor merged many times is refused, saying what the limit is, not that the file is an attack', () => {
    const keys = Array.from({ length: 3_000 }, (_, i) => `k${i}: 1`).join(', ');
    const text = `x: &big { ${keys} }\nsites:\n${Array.from({ length: 200 }, (_, i) => `  - { name: S${i}, <<: *big }`).join('\n')}\n`;
    expect(() => parseFleet('big.yaml', text)).toThrow('big.yaml: expected at most 500,000 values with its aliases expanded, got 1,207,005 (a large anchor used many times, or an alias bomb)');
  });
});

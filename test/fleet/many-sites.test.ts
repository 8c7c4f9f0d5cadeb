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

  it('a site name that is a slip is named with the site it is for, and a long list is cut: 201 names were listed for "Head Office"', () => {
    const text = chain(200).replace('groups:\n', 'groups:\n  - { name: Office, count: 5, sites: { store 7: 1 } }\n');
    expect(() => parseFleet('chain.yaml', text)).toThrow(/groups\[0\]\.sites\.store 7: expected one of the sites, got "store 7": did you mean "Store 7"\?$/);
    // Store 201 is one letter from Store 101, 200, 21...: no one slip, so the sites, the first ten of them.
    expect(() => parseFleet('chain.yaml', chain(200).replace('groups:\n', 'groups:\n  - { name: Office, count: 5, sites: { Store 201: 1 } }\n'))).toThrow(
      /groups\[0\]\.sites\.Store 201: expected one of the sites \(Store 1, Store 2, Store 3, Store 4, Store 5, Store 6, Store 7, Store 8, Store 9, Store 10 and 190 more\), got "Store 201"$/,
    );
    expect(() => parseFleet('d.yaml', 'sites:\n  - { name: Depot }\n  - { name: B }\ngroups:\n  - { name: A, count: 5, technicianSite: depot, sites: { B: 1 } }\n')).toThrow('d.yaml:5: groups[0].technicianSite: expected one of the sites, got "depot": did you mean "Depot"?');
    expect(() => parseFleet('h.yaml', 'sites:\n  - { name: Head office }\n  - { name: B, internetVia: Head Ofice }\n')).toThrow('h.yaml:3: sites[1].internetVia: expected the name of another site, whose link the downloads cross (did you mean "Head office"?), got "Head Ofice"');
  });
});

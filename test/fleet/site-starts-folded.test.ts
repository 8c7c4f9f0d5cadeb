// A chain whose stores open at their own hours (sites[].startHour): past twelve sites the sentence under the site table
// listed every site and hour, a 300-store rollout over six weeks 7,000 characters, once in run's report and once for each
// value of a sweep. Past twelve it now gives them by hour; --json keeps every site's start (siteStarts.sites).
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';

const stores = (n: number) => Array.from({ length: n }, (_, k) => ({ name: `Store ${String(k + 1).padStart(3, '0')}`, bandwidthMbps: 20, startHour: 6 + 24 * Math.floor(k / 4) }));

describe("sites' own starts, past twelve sites", () => {
  it('40 stores opening four a day over ten days: by hour, the first and the last, and every one in --json', async () => {
    const r = await runFleet(fleetFrom({ devices: 40, sites: stores(40), rollout: { windowHours: 4 } }), {});
    expect(r.siteStarts!.sites).toHaveLength(40);
    expect(r.siteStarts!.text).toBe(
      "Sites start at their own hours (sites[].startHour): 40 sites at 10 different hours, from hour 6 (Store 001, Store 002 and 2 more) to hour 222 (Store 037, Store 038 and 2 more), 4 sites at each (--json lists every site's, siteStarts); each site's devices start over the 4-hour window from its hour, so the last devices start by hour 226.",
    );
  });

  it('a few hours, each with its sites: a manufacturer\'s 25 plants over three Saturdays named none of the second\'s', async () => {
    // 'from hour 0 (Plant 01, Plant 02 and 7 more) to hour 336 (Plant 19, Plant 20 and 5 more), 7 to 9 sites at each'
    // left the plants of hour 168 unnamed and pooled the three waves' counts.
    const plants = Array.from({ length: 25 }, (_, k) => ({ name: `Plant ${String(k + 1).padStart(2, '0')}`, bandwidthMbps: 50, startHour: 168 * Math.floor(k / 9) }));
    const r = await runFleet(fleetFrom({ devices: 50, sites: plants, rollout: { windowHours: 8 } }), {});
    expect(r.siteStarts!.text).toBe(
      "Sites start at their own hours (sites[].startHour): 25 sites at 3 different hours: 9 at hour 0 (Plant 01, Plant 02 and 7 more), 9 at hour 168 (Plant 10, Plant 11 and 7 more), 7 at hour 336 (Plant 19, Plant 20 and 5 more) (--json lists every site's, siteStarts); each site's devices start over the 8-hour window from its hour, so the last devices start by hour 344.",
    );
  });

  it('twelve sites or fewer are still listed one by one', async () => {
    const r = await runFleet(fleetFrom({ devices: 24, sites: stores(12), rollout: { windowHours: 4 } }), {});
    expect(r.siteStarts!.text).toContain('Store 001 at hour 6, Store 002 at hour 6, Store 003 at hour 6, Store 004 at hour 6, Store 005 at hour 30');
  });
});

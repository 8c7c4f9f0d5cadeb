// A chain whose stores open at their own hours (sites[].startHour): past twelve sites the sentence under the site table
// listed every site and hour, a 300-store rollout over six weeks 7,000 characters, once in run's report and once for each
// value of a sweep. Past twelve it now gives them by hour; --json keeps every site's start (siteStarts.sites).
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';

const stores = (n: number) => Array.from({ length: n }, (_, k) => ({ name: `Store ${String(k + 1).padStart(3, '0')}`, bandwidthMbps: 20, startHour: 6 + 24 * Math.floor(k / 4) }));

describe("sites' own starts, past twelve sites", () => {
  it('20 stores opening four a day over five days: by hour, and every one in --json', async () => {
    const r = await runFleet(fleetFrom({ devices: 40, sites: stores(20), rollout: { windowHours: 4 } }), {});
    expect(r.siteStarts!.sites).toHaveLength(20);
    expect(r.siteStarts!.text).toBe(
      "Sites start at their own hours (sites[].startHour): 20 sites at 5 different hours, from hour 6 (Store 001, Store 002 and 2 more) to hour 102 (Store 017, Store 018 and 2 more), 4 sites at each (--json lists every site's, siteStarts); each site's devices start over the 4-hour window from its hour, so the last devices start by hour 106.",
    );
  });

  it('twelve sites or fewer are still listed one by one', async () => {
    const r = await runFleet(fleetFrom({ devices: 24, sites: stores(12), rollout: { windowHours: 4 } }), {});
    expect(r.siteStarts!.text).toContain('Store 001 at hour 6, Store 002 at hour 6, Store 003 at hour 6, Store 004 at hour 6, Store 005 at hour 30');
  });
});

// A site no device can be at (every group names its sites, none this one) says so: it was listed at 0.0% success
// (95% CI 0.0%–0.0%) without a word, a depot meant for pre-provisioning read as a site whose every device failed.
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';

const fleet = (sites: unknown[], groups: unknown[]) => fleetFrom({ devices: 50, scenario: 'user-driven', sites, groups });
const unplaced = (r: Awaited<ReturnType<typeof runFleet>>) => r.warnings.filter((w) => w.kind === 'site-without-devices');

describe('a site no group places a device at', () => {
  it('is named, with what to do', async () => {
    const r = await runFleet(fleet([{ name: 'Depot', bandwidthMbps: 500 }, { name: 'Branch', bandwidthMbps: 100 }], [{ name: 'Laptops', sites: { Branch: 1 } }]));
    expect(r.sites.find((s) => s.name === 'Depot')!.devices).toBe(0);
    expect(unplaced(r).map((w) => [w.resource, w.text])).toEqual([
      ['Depot', "No device is at Depot: every group names its sites (groups[].sites) and none gives it a weight, so its figures are empty and its link carries nothing. Give it a weight in a group's sites, or leave it out."],
    ]);
  });

  it('not where a group takes the sites\' own shares, nor a hub that the sites behind it use (a breakout with no device of its own)', async () => {
    expect(unplaced(await runFleet(fleet([{ name: 'A' }, { name: 'B', share: 0.001 }], [{ name: 'Laptops' }, { name: 'Kiosks', sites: { A: 1 } }])))).toEqual([]);
    const hub = await runFleet(fleet([{ name: 'Datacentre', bandwidthMbps: 1000 }, { name: 'Branch', bandwidthMbps: 100, internetVia: 'Datacentre' }], [{ name: 'Laptops', sites: { Branch: 1 } }]));
    expect(unplaced(hub)).toEqual([]);
  });
});

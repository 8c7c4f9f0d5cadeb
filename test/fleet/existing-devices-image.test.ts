// A site's link where devices run Autopilot for existing devices carries their Autopilot deployment's app downloads, not
// the task sequence's OS image (domain §2.7: Configuration Manager applies it; the model times it with durations.applyOs
// alone). A manufacturer's plants reimaged over 20 Mbps links read the links' load without the images and without a
// word (the architect's note), so the load looked like the whole of it. The report says so now, where such a link is.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { runFleet } from '../../src/index.ts';

const existing = { scenario: 'existing-devices', registration: { registered: false }, os: { windows: 10, version: '22H2' } };

describe("an existing device's OS image and its site's link", () => {
  it('is named as left out of the link where existing devices sit behind one', async () => {
    const r = await runFleet(
      fleetFrom({
        name: 'Plants',
        sites: [{ name: 'Plant 01', bandwidthMbps: 20 }, { name: 'Plant 02', bandwidthMbps: 100 }, { name: 'Head office' }],
        groups: [
          { name: 'Office PCs', count: 30, sites: { 'Plant 01': 1, 'Plant 02': 1 }, environment: existing },
          { name: 'New laptops', count: 10, sites: { 'Head office': 1 } },
        ],
      }),
      { workers: 1 },
    );
    const w = r.warnings.filter((x) => x.kind === 'not-modelled');
    expect(w).toHaveLength(1);
    expect(w[0]!.text).toBe(
      'The links of "Plant 01" and "Plant 02" (sites[].bandwidthMbps) carry the app downloads of the devices reimaged with Autopilot for existing devices there (group "Office PCs"), not their task sequence\'s OS image: the Configuration Manager task sequence applies it (domain §2.7), and the model times that with durations.applyOs alone (an estimate), whatever the link. Where the image crosses the link, its load is not in these figures.',
    );
  });

  it('says nothing where no existing device is behind a limited link', async () => {
    const r = await runFleet(
      fleetFrom({
        sites: [{ name: 'Plant 01', bandwidthMbps: 20 }, { name: 'Head office' }],
        groups: [
          { name: 'Office PCs', count: 20, sites: { 'Head office': 1 }, environment: existing },
          { name: 'New laptops', count: 20, sites: { 'Plant 01': 1 } },
        ],
      }),
      { workers: 1 },
    );
    expect(r.warnings.some((x) => x.kind === 'not-modelled')).toBe(false);
  });
});

// A saturated link's fix is measured by running the first pass again at the speed it names (350e72e); that rerun ran
// every device of the fleet, where only those whose downloads cross the link matter (in a first pass each device is
// alone), and made a two-pass fleet about 30% slower (the benchmark's: 98,730-101,004 devices/s before, 69,494-71,569
// after). A rerun for some links now runs only the devices of those sites, of sites behind them (their hub), and of
// their depots, and those links' load is the same.
import { expect, it } from 'vitest';
import { runChunk } from '../../src/fleet/chunk.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { planFleet } from '../../src/fleet/plan.ts';
import type { ChunkJob } from '../../src/fleet/jobs.ts';

const fleet = fleetFrom({
  name: 'Hub and depot',
  seed: 3,
  scenario: 'user-driven',
  environment: { apps: [{ name: 'Office', type: 'win32', sizeMb: 3000 }] },
  sites: [
    { name: 'HQ', share: 0.4, bandwidthMbps: 150 },
    { name: 'Branch', share: 0.4, bandwidthMbps: 40, internetVia: 'HQ' },
    { name: 'Shop', share: 0.2, bandwidthMbps: 30 },
    { name: 'Depot', share: 0, bandwidthMbps: 25 },
  ],
  groups: [
    { name: 'Laptops', count: 300 },
    { name: 'Provisioned', count: 100, sites: { HQ: 1 }, technicianSite: 'Depot', environment: { scenario: 'pre-provisioned', profile: { allowPreProvisioning: true } } },
  ],
  rollout: { devicesPerHour: 60 },
});

it("a first pass run again for some links runs only the devices whose downloads cross them, and those links' load is the same", () => {
  const options = {};
  const devices = planFleet(fleet, options).devices;
  const job = (onlySites?: number[]): ChunkJob => ({ fleet, options, from: 0, to: devices, pass: 'measure', load: null, csv: false, ...(onlySites ? { onlySites } : {}) });
  const all = runChunk(job());
  // HQ (0) is Branch's (1) hub; the Depot (3) is where the Provisioned group's technician flows run.
  const some = runChunk(job([0, 3]));
  const counted = (r: ReturnType<typeof runChunk>) => r.acc.sites.map((t) => t.devices);
  expect(counted(all)[2]).toBeGreaterThan(0);
  expect(counted(some)[2]).toBe(0); // Shop's devices cross neither HQ's link nor the Depot's
  expect(counted(some)[0]).toBe(counted(all)[0]);
  expect(counted(some)[1]).toBe(counted(all)[1]); // behind HQ
  expect(some.downloads![0]).toEqual(all.downloads![0]);
  expect(some.downloads![3]).toEqual(all.downloads![3]);
  expect(some.downloads![2]).not.toEqual(all.downloads![2]);
});

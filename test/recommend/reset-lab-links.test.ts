// recommend's per-group line for a group answered with Autopilot Reset at sites with a link: run warns that the links carry
// none of a reset's downloads (its required apps install after the desktop, not simulated: src/fleet/idle-fields.ts), but
// the group's line set the rest of the fleet's saturated links beside its figures ('Lab PCs (120 devices, the file fixes
// reset): reset, 100.0% success, 0 min for the user; beside the rest of the fleet, Annex's link is saturated'), as if they
// rested on them. Now the line says its links carry none of its downloads, and that its figures do not depend on them.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { recommend } from '../../src/recommend/index.ts';

const office = { apps: [{ name: 'Office', sizeMb: 3000 }] };
const fleet = fleetFrom({
  name: 'School labs',
  sites: [{ name: 'Main campus', share: 3, bandwidthMbps: 100 }, { name: 'Annex', share: 1, bandwidthMbps: 20 }, { name: 'Depot', share: 0 }],
  groups: [
    { name: 'Lab PCs', count: 60, environment: { scenario: 'reset', ...office } },
    { name: 'Staff laptops', count: 100, environment: office },
  ],
  rollout: { windowHours: 4 },
});

describe("recommend: a reset group's line and the site links", () => {
  it('says the links carry none of its downloads, and sets no saturated link beside its figures', async () => {
    const rec = await recommend(fleet, { devices: 160 });
    const labs = rec.perGroup.find((g) => g.group === 'Lab PCs')!;
    expect(labs.scenario).toBe('reset');
    expect(labs.sentence).toContain(
      "Main campus' and Annex's links carry none of its downloads (saturated by the rest of the fleet): an Autopilot Reset's required apps install after the desktop (domain §2.8 RL7), which the model does not simulate, so its figures do not depend on them.",
    );
    expect(labs.sentence).not.toMatch(/beside the rest of the fleet|Depot/);
    // The laptops' figures do rest on the links: their line keeps them.
    expect(rec.perGroup.find((g) => g.group === 'Staff laptops')!.sentence).toMatch(/beside the rest of the fleet, .*link is saturated/);
  }, 300_000);
});

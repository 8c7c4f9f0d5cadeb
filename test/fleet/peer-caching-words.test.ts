// A saturated link's warning offered 'Delivery Optimization peer caching' as a fix beside a faster link, which the model
// leaves out (docs/model.md: Delivery Optimization has no effect on any figure): a manufacturer's plant on 50 Mbps was
// given a fix no run could measure, with no word of it. The warning now says so and how to weigh it.
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';

describe("a saturated link's fixes", () => {
  it('name peer caching as a fix the model does not simulate', async () => {
    const r = await runFleet(
      fleetFrom({
        environment: { apps: [{ name: 'CAD Suite', type: 'win32', sizeMb: 3000 }] },
        sites: [{ name: 'Plant 06', bandwidthMbps: 50 }],
        groups: [{ name: 'Office PCs', count: 40 }],
        rollout: { windowHours: 2 },
      }),
      {},
    );
    const w = r.warnings.find((x) => x.kind === 'link-saturated' && x.resource === 'Plant 06')!;
    expect(w.text).toContain('(sites.Plant 06.bandwidthMbps, or Delivery Optimization peer caching, which the model does not simulate (write the link speed it would give as bandwidthMbps))');
  });
});

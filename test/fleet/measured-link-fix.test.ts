// A saturated thin link's 'Fix: about N Mbps' came from the first pass's demand at the file's speed, where each device's
// downloads are spread out by the thin link itself; on a faster link they come closer together, so at the speed named
// the link still queued: a clinic's 30 laptops, 7 GB each on 10 Mbps, were told about 430 Mbps; run at 430, the warning
// asked 970. The fix is now measured: the first pass is run again with the link at the speed asked for, until its
// downloads wait no more than the limit, and the file run at the speed named gets no warning for that link.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { runFleet } from '../../src/fleet/index.ts';

const clinic = (bandwidthMbps: number) =>
  fleetFrom({
    name: 'Clinic',
    seed: 26,
    environment: {
      scenario: 'user-driven',
      esp: { timeoutMinutes: 180 },
      apps: [
        { name: 'Epic Hyperspace client', type: 'win32', sizeMb: 2400, installMinutes: 2 },
        { name: 'PACS diagnostic viewer', type: 'win32', sizeMb: 2800, installMinutes: 2 },
        { name: 'Dictation client', type: 'win32', sizeMb: 1800, installMinutes: 2 },
      ],
    },
    sites: [{ name: 'Clinic 07', bandwidthMbps }],
    groups: [{ name: 'Laptops', count: 30 }],
  });

const linkWarning = async (mbps: number) => (await runFleet(clinic(mbps))).warnings.find((w) => w.kind === 'link-saturated' && w.resource === 'Clinic 07');

describe("a saturated link's fix", () => {
  it('names a speed at which the same file runs with the link unsaturated', async () => {
    const thin = await linkWarning(10);
    expect(thin).toBeDefined();
    const named = Number(/Fix: about ([\d,]+) Mbps/.exec(thin!.text)![1]!.replace(/,/g, ''));
    expect(thin!.capacityNeeded).toBe(named);
    // At the speed named, no warning for the link (the old 430 Mbps still queued 50 minutes, and asked 970).
    expect(await linkWarning(named)).toBeUndefined();
  });
});

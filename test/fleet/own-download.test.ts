// A download does not queue behind itself: a device's time on a site's link is its transfer (its size over the link) plus
// what the other devices' downloads ahead of it hold the link for. A lone device on a 20 Mbps store link waited 11.7
// minutes behind its own 2,500 MB app on top of the 16.7 its transfer took, and the report said devices "that start close
// together queue their downloads for up to 12 minutes", advising 23 Mbps.
import { describe, expect, it } from 'vitest';
import { loadFleet, replayFleetDevice, runFleet } from '../../src/fleet/index.ts';

const store = (devices: number, mbps: number) =>
  loadFleet(
    'store.yaml',
    `devices: ${devices}\nscenario: user-driven\nenvironment:\n  apps:\n    - { name: Microsoft 365 Apps, type: win32, sizeMb: 2500 }\n    - { name: POS client, type: win32, sizeMb: 400 }\nsites:\n  - { name: Store, bandwidthMbps: ${mbps} }\n`,
  );

describe('a download on a site link', () => {
  it('a device alone on the link takes its transfer time and no queue, and the report names no saturated link', async () => {
    const limited = await runFleet(store(1, 20));
    // The same device on a link a thousand times faster: 2,900 MB over 20 Mbps against over 20,000 Mbps is the only
    // difference (downloads draw no random numbers).
    const fast = await runFleet(store(1, 20_000));
    expect(limited.timeToDesktop.total.mean! - fast.timeToDesktop.total.mean!).toBeCloseTo((2900 * 8) / 20 / 60 - (2900 * 8) / 20_000 / 60, 1);
    expect(limited.warnings.filter((w) => w.kind === 'link-saturated')).toEqual([]);
    expect(limited.loads.find((l) => l.name === 'Store')!.maxQueueMinutes).toBe(0);
    const d = await replayFleetDevice(store(1, 20), 0);
    expect(d.trace.some((e) => /queued/.test(`${e.detail ?? ''} ${e.cause ?? ''}`))).toBe(false);
  });

  it('devices that start together still queue behind each other, and the report says so', async () => {
    const r = await runFleet(store(2, 20));
    expect(r.loads.find((l) => l.name === 'Store')!.maxQueueMinutes).toBeGreaterThan(10);
    expect(r.warnings.some((w) => w.kind === 'link-saturated' && w.resource === 'Store')).toBe(true);
    const queued = await Promise.all([0, 1].map(async (i) => (await replayFleetDevice(store(2, 20), i)).trace.some((e) => /queued/.test(e.detail ?? ''))));
    expect(queued).toContain(true);
  });
});

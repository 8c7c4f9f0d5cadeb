// The first pass keeps each download for a slower rollout's search, and past KEPT_DEVICES only every stride-th device's
// (their downloads then stand for the stride's): what the main thread holds stays bounded however large the fleet.
import { describe, expect, it } from 'vitest';
import { KEPT_DEVICES, keptStride, RequestLog } from '../../src/fleet/jobs.ts';

describe('the downloads a first pass keeps', () => {
  it('every device up to KEPT_DEVICES, then every stride-th', () => {
    expect(keptStride(1)).toBe(1);
    expect(keptStride(KEPT_DEVICES)).toBe(1);
    expect(keptStride(KEPT_DEVICES + 1)).toBe(2);
    expect(keptStride(10 * KEPT_DEVICES)).toBe(10);
    const log = new RequestLog();
    // More than the log's first array holds: it grows and keeps every download, in order.
    for (let device = 100; device < 1100; device++) for (let k = 0; k < 3; k++) log.add(device, device * 1000 + k, 8 * (k + 1));
    const all = log.done(1);
    expect(all.length).toBe(3 * 3000);
    expect([...all.subarray(0, 6)]).toEqual([100, 100_000, 8, 100, 100_001, 16]);
    const third = log.done(3);
    expect(third.length).toBe(3 * 3 * 333);
    for (let j = 0; j < third.length; j += 3) expect(third[j]! % 3).toBe(0);
    // The main thread adds each chunk's to one array a site, in chunk order.
    const fleet = new RequestLog();
    fleet.append(third);
    fleet.append(all);
    expect([...fleet.view()]).toEqual([...third, ...all]);
  });
});

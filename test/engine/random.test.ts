// A device's random stream is pure-rand's xoroshiro128+ and uniformFloat64, number for number:
// the stream holds the generator's state itself (a fleet restarts it for every device without
// allocating), and every golden trace and fleet report depends on it drawing what the library draws.
import fc from 'fast-check';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { deviceSeed, Stream } from '../../src/world/random.ts';

describe('random streams', () => {
  it("draw pure-rand's numbers for any seed and device, also after a restart", () => {
    const reused = new Stream(0);
    fc.assert(
      fc.property(fc.integer(), fc.nat(10_000_000), fc.integer({ min: 1, max: 300 }), (seed, index, n) => {
        const library = xoroshiro128plus(deviceSeed(seed, index));
        const fresh = new Stream(seed, index);
        reused.restart(seed, index);
        const expected = Array.from({ length: n }, () => uniformFloat64(library));
        expect(Array.from({ length: n }, () => fresh.next())).toEqual(expected);
        expect(Array.from({ length: n }, () => reused.next())).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

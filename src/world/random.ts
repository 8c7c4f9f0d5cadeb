// Seeded random streams. A run seed derives one independent stream per device index,
// so results do not depend on the number of workers or the order of work.
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
}

/** A 32-bit mix of the run seed and the device index (murmur3's finaliser). */
export function deviceSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * A stream as a class, not a closure per device: one shape, so the hot path's calls to next() stay monomorphic.
 * Fleets keep one and start it again for each device (`restart`): the same numbers as a new one.
 */
export class Stream implements Random {
  private generator!: ReturnType<typeof xoroshiro128plus>;
  constructor(seed: number, index = 0) {
    this.restart(seed, index);
  }
  /** The stream of device `index` under `seed`, from its start. */
  restart(seed: number, index: number): this {
    this.generator = xoroshiro128plus(deviceSeed(seed, index));
    return this;
  }
  next(): number {
    return uniformFloat64(this.generator);
  }
}

export function createRandom(seed: number, index = 0): Random {
  return new Stream(seed, index);
}

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
  // xoroshiro128+ as pure-rand has it (four 32-bit halves), its state held in the stream: restarting it for the
  // next device allocates nothing.
  private s01 = 0;
  private s00 = 0;
  private s11 = 0;
  private s10 = 0;
  constructor(seed: number, index = 0) {
    this.restart(seed, index);
  }
  /** The stream of device `index` under `seed`, from its start. */
  restart(seed: number, index: number): this {
    const g = xoroshiro128plus(deviceSeed(seed, index)).getState();
    this.s01 = g[0]!;
    this.s00 = g[1]!;
    this.s11 = g[2]!;
    this.s10 = g[3]!;
    return this;
  }
  private int(): number {
    const out = (this.s00 + this.s10) | 0;
    const a0 = this.s10 ^ this.s00;
    const a1 = this.s11 ^ this.s01;
    const s00 = this.s00;
    const s01 = this.s01;
    this.s00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    this.s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    this.s10 = (a1 << 5) ^ (a0 >>> 27);
    this.s11 = (a0 << 5) ^ (a1 >>> 27);
    return out;
  }
  next(): number {
    return (this.int() & 0x3ffffff) * 1.4901161193847656e-8 + (this.int() & 0x7ffffff) * 1.1102230246251565e-16;
  }
}

export function createRandom(seed: number, index = 0): Random {
  return new Stream(seed, index);
}

// Sampling the duration distributions a scenario file may declare (minutes).
import type { Duration } from '../environment/schema.ts';
import type { Random } from './random.ts';

/**
 * A sampler compiled once per distribution: fleets draw millions of durations. One class for
 * every kind (its parameters precomputed), so the world's calls to draw() stay monomorphic.
 */
export class Sampler {
  private constructor(
    private readonly kind: 0 | 1 | 2 | 3,
    private readonly a: number,
    private readonly b: number,
    private readonly c: number,
    private readonly f: number,
    private readonly left: number,
    private readonly right: number,
  ) {}
  static fixed(v: number): Sampler {
    return new Sampler(FIXED, v, 0, 0, 0, 0, 0);
  }
  static uniform(a: number, b: number): Sampler {
    return new Sampler(UNIFORM, a, b - a, 0, 0, 0, 0);
  }
  static triangular(a: number, c: number, b: number): Sampler {
    if (b <= a) return Sampler.fixed(a);
    return new Sampler(TRIANGULAR, a, b, 0, (c - a) / (b - a), (b - a) * (c - a), (b - a) * (b - c));
  }
  static lognormal(median: number, p90: number): Sampler {
    return new Sampler(LOGNORMAL, median, Math.max(0, Math.log(p90 / median) / Z90), 0, 0, 0, 0);
  }
  /** A value in minutes. */
  draw(r: Random): number {
    switch (this.kind) {
      case FIXED:
        return this.a;
      case UNIFORM:
        return this.a + this.b * r.next();
      case TRIANGULAR: {
        const u = r.next();
        return u < this.f ? this.a + Math.sqrt(u * this.left) : this.b - Math.sqrt((1 - u) * this.right);
      }
      default:
        return this.a * Math.exp(this.b * normal(r));
    }
  }
}
const FIXED = 0;
const UNIFORM = 1;
const TRIANGULAR = 2;
const LOGNORMAL = 3;
const compiled = new WeakMap<object, Sampler>();

export function samplerFor(d: Duration): Sampler {
  if (typeof d === 'number') return Sampler.fixed(d);
  let s = compiled.get(d);
  if (s) return s;
  if ('fixed' in d) s = Sampler.fixed(d.fixed);
  else if ('uniform' in d) s = Sampler.uniform(d.uniform[0], d.uniform[1]);
  else if ('triangular' in d) s = Sampler.triangular(d.triangular[0], d.triangular[1], d.triangular[2]);
  else s = Sampler.lognormal(d.lognormal.median, d.lognormal.p90);
  compiled.set(d, s);
  return s;
}

/** Inverse of the standard normal CDF at 0.9. */
const Z90 = 1.2815515655446004;



/** Box-Muller, one value. */
function normal(random: Random): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

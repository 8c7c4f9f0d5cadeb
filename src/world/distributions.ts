// Sampling the duration distributions a scenario file may declare (minutes).
import type { Duration } from '../environment/schema.ts';
import type { Random } from './random.ts';

/** A sampler compiled once per distribution: fleets draw millions of durations. */
export type Sampler = (random: Random) => number;
const compiled = new WeakMap<object, Sampler>();

export function samplerFor(d: Duration): Sampler {
  if (typeof d === 'number') return () => d;
  let s = compiled.get(d);
  if (s) return s;
  if ('fixed' in d) {
    const v = d.fixed;
    s = () => v;
  } else if ('uniform' in d) {
    const [a, b] = d.uniform;
    s = (r) => a + (b - a) * r.next();
  } else if ('triangular' in d) {
    const [a, c, b] = d.triangular;
    if (b <= a) s = () => a;
    else {
      const f = (c - a) / (b - a);
      const left = (b - a) * (c - a);
      const right = (b - a) * (b - c);
      s = (r) => {
        const u = r.next();
        return u < f ? a + Math.sqrt(u * left) : b - Math.sqrt((1 - u) * right);
      };
    }
  } else {
    const { median, p90 } = d.lognormal;
    const sigma = Math.max(0, Math.log(p90 / median) / Z90);
    s = (r) => median * Math.exp(sigma * normal(r));
  }
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

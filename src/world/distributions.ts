// Sampling the duration distributions a scenario file may declare (minutes).
import type { Duration } from '../environment/schema.ts';
import type { Random } from './random.ts';

/** Inverse of the standard normal CDF at 0.9. */
const Z90 = 1.2815515655446004;

export function sampleMinutes(d: Duration, random: Random): number {
  if (typeof d === 'number') return d;
  if ('fixed' in d) return d.fixed;
  if ('uniform' in d) {
    const [a, b] = d.uniform;
    return a + (b - a) * random.next();
  }
  if ('triangular' in d) {
    const [a, c, b] = d.triangular;
    if (b <= a) return a;
    const u = random.next();
    const f = (c - a) / (b - a);
    return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
  }
  const { median, p90 } = d.lognormal;
  const sigma = Math.max(0, Math.log(p90 / median) / Z90);
  return median * Math.exp(sigma * normal(random));
}

/** Box-Muller, one value. */
function normal(random: Random): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Mean of a distribution, for reports and checks. */
export function meanMinutes(d: Duration): number {
  if (typeof d === 'number') return d;
  if ('fixed' in d) return d.fixed;
  if ('uniform' in d) return (d.uniform[0] + d.uniform[1]) / 2;
  if ('triangular' in d) return (d.triangular[0] + d.triangular[1] + d.triangular[2]) / 3;
  const sigma = Math.log(d.lognormal.p90 / d.lognormal.median) / Z90;
  return d.lognormal.median * Math.exp((sigma * sigma) / 2);
}

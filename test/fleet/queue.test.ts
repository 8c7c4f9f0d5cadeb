// The second pass's queue (src/world/shared.ts queueDelays): what a resource's requests wait, bucket by bucket. A
// request can never wait longer than it takes to serve every request that came before it; the steady-state wait at a
// bucket's utilisation alone broke that (a connector at 40 requests/h, three requests in five minutes: 13.5 minutes).
import { fc, test } from '@fast-check/vitest';
import { expect, it } from 'vitest';
import { queueDelays } from '../../src/world/shared.ts';

/** A connector serving `perHour` requests an hour: its capacity per five-minute bucket and the minutes a request takes. */
const connector = (perHour: number) => ({ capacity: perHour / 12, service: 60 / perHour });

const demand = fc.array(fc.nat({ max: 60 }), { minLength: 1, maxLength: 48 });

test.prop([demand, fc.integer({ min: 12, max: 2_000 })])('no bucket waits longer than serving every request that came up to it', (counts, perHour) => {
  const { capacity, service } = connector(perHour);
  const delays = queueDelays(Float64Array.from(counts), capacity, service);
  let arrived = 0;
  counts.forEach((n, k) => {
    arrived += n;
    expect(delays[k]!).toBeLessThanOrEqual(arrived * service + 1e-9);
  });
});

test.prop([demand, fc.nat({ max: 47 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 12, max: 2_000 })])('more requests never wait less', (counts, at, more, perHour) => {
  const { capacity, service } = connector(perHour);
  const base = queueDelays(Float64Array.from(counts), capacity, service);
  const busier = Float64Array.from(counts);
  if (at < busier.length) busier[at]! += more;
  const after = queueDelays(busier, capacity, service);
  base.forEach((d, k) => expect(after[k]!).toBeGreaterThanOrEqual(d - 1e-9));
});

it('three requests in five minutes at 40 an hour wait one service on average, not 19', () => {
  const { capacity, service } = connector(40);
  expect(queueDelays(Float64Array.from([3]), capacity, service)[0]).toBeCloseTo(service, 9);
  // Over the bucket's capacity, the backlog carries into the next bucket and is served first.
  const d = queueDelays(Float64Array.from([10, 0]), capacity, service);
  // 10 requests against 3⅓ a bucket: 6⅔ carried (10 minutes) and the 3⅓ served wait 1⅙ services; then 3⅓ still wait a bucket.
  expect(d[0]).toBeCloseTo(10 + ((capacity - 1) / 2) * service, 9);
  expect(d[1]).toBeCloseTo(5, 9);
});

// The first pass's per-chunk loads travel sparse (src/world/shared.ts Buckets): only the buckets
// a chunk touched, added into the fleet's dense totals in chunk order, to the same bits as dense
// arrays added in full. (A dense array per chunk and site over a long rollout window was
// millions of buckets, cloned to the main thread and added there: Ctrl-C waited seconds.)
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { addSparse, BUCKET_MS, Buckets } from '../../src/world/shared.ts';

const chunk = fc.array(fc.tuple(fc.nat({ max: 2_000 * BUCKET_MS }), fc.double({ min: 0, max: 1e4, noNaN: true })), { maxLength: 60 });

test.prop([fc.array(chunk, { minLength: 1, maxLength: 6 })])('sparse chunks add up to the dense sums, bit for bit', (chunks) => {
  const n = 1_500; // fewer buckets than times: the last bucket takes everything after it, as before
  const dense = new Float64Array(n);
  const total = new Float64Array(n);
  for (const adds of chunks) {
    const part = new Float64Array(n);
    const b = new Buckets(n);
    for (const [at, amount] of adds) {
      b.add(at, amount);
      part[Math.min(n - 1, Math.floor(at / BUCKET_MS))]! += amount;
    }
    for (let k = 0; k < n; k++) dense[k]! += part[k]!;
    const s = b.sparse();
    expect(s.index.length).toBe(new Set(adds.map(([at]) => b.index(at))).size);
    addSparse(total, s);
  }
  expect(Buffer.from(total.buffer).equals(Buffer.from(dense.buffer))).toBe(true);
});

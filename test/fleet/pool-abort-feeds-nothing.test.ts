// An abort heard in a run's own progress callback, on worker threads that another run still uses, starts no other chunk
// of the aborted run: the worker whose result was being taken was handed the run's next chunk after the callback
// returned (the run had already rejected), and worked it through for nothing while the other run waited on it.
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/fleet/pool.ts';
import type { ChunkJob } from '../../src/fleet/run.ts';

/** Answers every job at once with an empty result, except those marked `hold` (a chunk under way). */
const ANSWERS = `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => { if (!m.job.hold) parentPort.postMessage({ id: m.id, result: {} }); });`;

describe('an abort in the progress callback, on shared workers', () => {
  it("hands no worker another of the aborted run's chunks", async () => {
    const p = await WorkerPool.create(2, ANSWERS);
    try {
      const posted: number[] = [];
      for (const w of (p as unknown as { workers: Array<{ postMessage(m: { job: { from: number } }): void }> }).workers) {
        const post = w.postMessage.bind(w);
        w.postMessage = (m) => {
          posted.push(m.job.from);
          post(m);
        };
      }
      // Another run on the same workers, still under way: the pool goes on for it after the abort.
      const other = p.run([{ from: 100, hold: true }, { from: 101, hold: true }] as unknown as ChunkJob[], () => {});
      other.catch(() => {});
      const ac = new AbortController();
      const aborted = p.run([{ from: 0 }, { from: 1 }, { from: 2 }, { from: 3 }] as unknown as ChunkJob[], () => ac.abort(), ac.signal);
      await expect(aborted).rejects.toThrow(/abort/i);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(posted.filter((from) => from < 100).sort()).toEqual([0, 1]);
    } finally {
      await p.close();
    }
  });
});

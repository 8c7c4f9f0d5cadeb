// The worker pool settles every run: when the pool is stopped (a run on it failed, or it was closed), a run still
// waiting on its workers rejects, naming why, and a run started on it afterwards rejects at once. Both waited for
// results that never came (the stopped workers' exits are not heard), so nothing settled the promise, and a script
// with nothing else to do exited 0 without printing its result.
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/fleet/pool.ts';
import type { ChunkJob } from '../../src/fleet/run.ts';

/** Fails the jobs marked `fail` at once; never answers the others (a chunk under way). */
const HOLDS_OR_FAILS = `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => { if (m.job.fail) parentPort.postMessage({ id: m.id, error: 'Error: boom\\n    at runChunk (chunk.ts:1:1)' }); });`;

const held = [{ from: 0, to: 1 }] as unknown as ChunkJob[];
const failing = [{ from: 0, to: 1, fail: true }] as unknown as ChunkJob[];

/** How a run settles within `ms`: 'resolved', its error's message, or HANG when it has not. */
function outcome(run: Promise<void>, ms = 5000): Promise<string> {
  let timer: NodeJS.Timeout;
  const hang = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`HANG: not settled within ${ms} ms`), ms)));
  return Promise.race([run.then(() => 'resolved', (e: Error) => e.message), hang]).finally(() => clearTimeout(timer));
}

describe('the worker pool settles every run', () => {
  const pools: WorkerPool[] = [];
  const pool = async () => {
    const p = await WorkerPool.create(2, HOLDS_OR_FAILS);
    pools.push(p);
    return p;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  it('a run under way when another run on the same workers fails rejects, naming the failure', async () => {
    const p = await pool();
    const waiting = outcome(p.run(held, () => {}));
    const other = outcome(p.run(failing, () => {}));
    expect(await other).toMatch(/^a worker failed on devices 0-1: Error: boom/);
    expect(await waiting).toBe('the worker threads were stopped when a run on them failed (a worker failed on devices 0-1: Error: boom) before the run finished');
  });

  it('a run started after a run on the same workers failed rejects at once', async () => {
    const p = await pool();
    expect(await outcome(p.run(failing, () => {}))).toMatch(/^a worker failed on devices 0-1/);
    expect(await outcome(p.run(held, () => {}))).toBe('the worker threads were stopped when a run on them failed (a worker failed on devices 0-1: Error: boom) before the run started');
  });

  it('a run under way on a pool that is closed rejects; one started after rejects at once', async () => {
    const p = await pool();
    const waiting = outcome(p.run(held, () => {}));
    await p.close();
    expect(await waiting).toBe('the worker threads were closed before the run finished');
    expect(await outcome(p.run(held, () => {}))).toBe('the worker threads were closed before the run started');
  });
});

describe('a worker that ends mid-chunk', () => {
  it('ended from outside (worker.terminate()) while its chunk is under way: every run on the pool rejects, naming the exit', async () => {
    const p = await WorkerPool.create(2, HOLDS_OR_FAILS);
    try {
      const waiting = [outcome(p.run(held, () => {})), outcome(p.run(held, () => {}))];
      await (p as unknown as { workers: Array<{ terminate(): Promise<number> }> }).workers[0]!.terminate();
      for (const run of waiting) expect(await run).toMatch(/^a worker exited with code \d+ before the run finished$/);
    } finally {
      await p.close();
    }
  });
});

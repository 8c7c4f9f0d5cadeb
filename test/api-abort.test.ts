// A fleet run's AbortSignal is heard within the chunk under way, not at the end of the next one, as docs/library.md
// says: on worker threads the promise rejects at the abort and the chunks under way end with their threads; on this
// thread a chunk runs without yielding, so it finishes, and no other starts. Before, the abort was heard only when a
// chunk's result came in: on workers the chunks under way ran on, and on this thread the next chunk ran whole, and the
// user's onProgress was called for it before the promise rejected.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrate, compareFleets, loadFleet, replayFleetDevice, runFleet } from '../src/index.ts';
import { tempDir } from './helpers/temp.ts';

const fleet = { environment: { scenario: 'user-driven' as const } };

/**
 * A run aborted from a timer while it goes on (`delay` ms after its first chunk is in), as a caller's Stop button
 * aborts it: what the run gave (its error) and the progress calls after the abort.
 */
async function abortedRun(start: (signal: AbortSignal, onProgress: (done: number) => void) => Promise<unknown>, delay: number) {
  const controller = new AbortController();
  let after = 0;
  let timer = false;
  const onProgress = () => {
    if (controller.signal.aborted) after++;
    else if (!timer) {
      timer = true;
      setTimeout(() => controller.abort(), delay);
    }
  };
  const error = await start(controller.signal, onProgress).then(
    () => null,
    (e: unknown) => e,
  );
  return { error, after };
}

describe('a fleet run aborted while a chunk is under way', () => {
  it('on worker threads rejects at the abort: no chunk run after it reaches onProgress', async () => {
    // A chunk on a worker takes tens of milliseconds or more (seconds on a busy host): the abort comes while two are under way.
    const run = await abortedRun((signal, onProgress) => runFleet(fleet, { devices: 400_000, workers: 2, signal, onProgress }), 5);
    expect(run.error).toMatchObject({ name: 'AbortError' });
    expect(run.after).toBe(0);
    // The next run on the same number of workers runs (the stopped threads are replaced) and gives what a fresh run gives.
    const [again, fresh] = [await runFleet(fleet, { devices: 4_000, workers: 2 }), await runFleet(fleet, { devices: 4_000 })];
    expect(JSON.stringify(again)).toBe(JSON.stringify(fresh));
  });

  it('on this thread starts no chunk after the abort', async () => {
    const run = await abortedRun((signal, onProgress) => runFleet(fleet, { devices: 400_000, signal, onProgress }), 0);
    expect(run.error).toMatchObject({ name: 'AbortError' });
    expect(run.after).toBe(0);
  });

  it("compareFleets' runs on workers reject at the abort too", async () => {
    const b = { label: 'b', fleet, environment: { esp: { timeoutMinutes: 30 } } };
    const run = await abortedRun((signal, onProgress) => compareFleets({ label: 'a', fleet }, b, { devices: 400_000, workers: 2, signal, onProgress }), 5);
    expect(run.error).toMatchObject({ name: 'AbortError' });
    expect(run.after).toBe(0);
  });

  it("replayFleetDevice takes a signal: the first pass a fleet that shares its links runs to replay one device stops at it (the option was refused: one device of 200,000 took 4.5 s to replay, which nothing could cancel)", async () => {
    const branches = loadFleet('fleets/branch-rollout');
    for (const workers of [1, 2]) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      const started = Date.now();
      const error = await replayFleetDevice(branches, 5, { devices: 400_000, workers, signal: controller.signal }).then(() => null, (e: unknown) => e);
      expect(error, `workers ${workers}`).toMatchObject({ name: 'AbortError' });
      // The whole first pass of 400,000 devices takes seconds; the abort ends it within a chunk.
      expect(Date.now() - started, `workers ${workers}`).toBeLessThan(3_000);
    }
    await expect(replayFleetDevice(branches, 5, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    // Not aborted, the device is the one a run without a signal replays.
    const replayed = await replayFleetDevice(branches, 5, { signal: new AbortController().signal });
    expect(replayed).toEqual(await replayFleetDevice(branches, 5));
  });

  it("calibrate takes a signal, as the other long calls do: it stops between segments of the fit and chunks of the backtest (the option was refused as unknown, so a fit and backtest of seconds could not be cancelled)", async () => {
    const events = 'calibration/synthetic-autopilot-events.csv';
    await expect(calibrate(events, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    // The signal's own reason, as docs/library.md says: AbortSignal.timeout's is a TimeoutError.
    await expect(calibrate(events, { signal: AbortSignal.timeout(1) })).rejects.toMatchObject({ name: 'TimeoutError' });
    // Not aborted, the twin and the report are what a call without a signal gives.
    const whole = await calibrate(events, { check: true, signal: new AbortController().signal });
    // Timed warm, as the aborted calls below run (the first call of a process takes twice as long).
    let started = Date.now();
    expect(whole).toEqual(await calibrate(events, { check: true }));
    const wholeMs = Date.now() - started;
    // Aborted as it reads the export, it stops before fitting, well before the whole call's time.
    const early = new AbortController();
    setTimeout(() => early.abort(), 10);
    started = Date.now();
    await expect(calibrate(events, { check: true, signal: early.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(wholeMs);
    // Aborted a quarter of the way through, in its fit (its three segments' fits and 6,000 devices of backtest take
    // seconds), it rejects with the signal's reason after the step under way: a fit run whole without turning the event
    // loop resolved before the timer could abort it.
    const underWay = new AbortController();
    setTimeout(() => underWay.abort(), wholeMs / 4);
    await expect(calibrate(events, { check: true, signal: underWay.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('calibrate hears an abort as it reads a large export, which rejects with the signal\'s reason as itself (it read the whole file first, and the CSV reader turned an abort heard there into "expected valid CSV")', async () => {
    // Three times the reader's chunk (1 MB) of the sample's rows, and a row cut short last: read to its end, the call
    // rejects with that row's InputError.
    const [header, ...rows] = readFileSync(new URL('../scenarios/calibration/synthetic-autopilot-events.csv', import.meta.url), 'utf8').trimEnd().split('\n');
    const body = rows.join('\n');
    const dir = tempDir('apsim-abort-read-');
    try {
      const file = join(dir, 'large.csv');
      writeFileSync(file, `${header}\n${Array.from({ length: Math.ceil(3e6 / body.length) }, () => body).join('\n')}\n${rows[0]!.split(',').slice(0, 3).join(',')}\n`);
      await expect(calibrate(file)).rejects.toThrow(/cut short|expected a cell in each/);
      for (const reason of [undefined, new Error('stopped by the user')]) {
        const controller = new AbortController();
        setImmediate(() => controller.abort(reason));
        const error = await calibrate(file, { signal: controller.signal }).then(() => null, (e: unknown) => e);
        expect(error).toBe(controller.signal.reason);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// A worker thread: runs the chunks it is sent and posts back their partial results.
import { parentPort } from 'node:worker_threads';
import { runChunk } from './chunk.ts';
import type { ChunkJob } from './run.ts';

// Outside a worker (the build loads this script once to make its code cache) there is nothing to serve.
parentPort?.on('message', (message: { id: number; job: ChunkJob }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: runChunk(message.job) });
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: (e as Error).stack ?? String(e) });
  }
});

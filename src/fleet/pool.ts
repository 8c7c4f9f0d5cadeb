// A pool of worker threads running fleet chunks. A worker that crashes fails the run
// with a clear error instead of hanging it.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChunkJob, ChunkResult, Executor } from './run.ts';

let bundle: Promise<string> | null = null;

/**
 * This module's URL; bundled into a CommonJS program, where `import.meta` is empty, the bundle's own (the worker is not
 * beside it, and workerScript says so: a call with workers was a TypeError, 'Invalid URL').
 */
const HERE: string = import.meta.url || pathToFileURL(typeof __filename === 'string' ? __filename : process.cwd()).href;
/** The worker's script as the build writes it, beside the bundled library (dist/worker.cjs). */
const BUILT_WORKER = new URL('./worker.cjs', HERE);
/** V8's code cache for it, made by the build (scripts/build.mjs), beside it. */
const BUILT_WORKER_CACHE = new URL('./worker.cjs.cache', HERE);

/**
 * How a worker starts from the built script and its code cache: compiled with the cache
 * (V8 then skips parsing and compiling what the cache holds, about a tenth of a second per
 * worker), and run as Node runs a CommonJS file. A cache made by another Node version is
 * rejected by V8, and the script is compiled as usual.
 */
export function cachedWorkerBoot(file: string, cache: string): string {
  return `const { readFileSync } = require('node:fs');
const vm = require('node:vm');
const file = ${JSON.stringify(file)};
let cachedData;
try { cachedData = readFileSync(${JSON.stringify(cache)}); } catch {}
const source = readFileSync(file, 'utf8');
const script = new vm.Script(require('node:module').wrap(source), { filename: file, cachedData });
const module_ = { exports: {} };
script.runInThisContext().call(module_.exports, module_.exports, require, module_, file, require('node:path').dirname(file));
`;
}

/**
 * Running from the build, the worker is dist/worker.cjs: one plain JavaScript file made at
 * build time. Running from the TypeScript source (the tests), its code is bundled here with
 * esbuild once per process (about a tenth of a second). Either way workers start fast and run
 * the engine without the TypeScript loader's per-function bookkeeping.
 */
function workerScript(): URL | string | Promise<string> {
  if (existsSync(BUILT_WORKER)) return existsSync(BUILT_WORKER_CACHE) ? cachedWorkerBoot(fileURLToPath(BUILT_WORKER), fileURLToPath(BUILT_WORKER_CACHE)) : BUILT_WORKER;
  // Neither the build nor the source: the library bundled into another program, its worker script left behind
  // (this failed with "Cannot find package 'esbuild'", a tool the package does not install).
  if (!HERE.endsWith('.ts')) {
    throw new Error(`autopilot-sim: its worker script (dist/worker.cjs) is not beside ${fileURLToPath(HERE)}: autopilot-sim was bundled into this program; keep it external (esbuild --external:autopilot-sim or --packages=external) to run on worker threads, or run with workers: 1`);
  }
  // A name the bundler does not follow: a program that bundles the library (esbuild app.js --bundle) stopped at
  // "Could not resolve "esbuild"" for this line, which only the TypeScript source runs.
  const builder = 'esbuild';
  bundle ??= (import(builder) as Promise<typeof import('esbuild')>).then(async (esbuild) => {
    const out = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    return out.outputFiles[0]!.text;
  });
  return bundle;
}

const sharedPools = new Map<number, Promise<WorkerPool>>();

/** The worker threads a command uses when not told: the cores (up to 8) for 20,000 device runs or more, else this thread. */
export function defaultWorkers(devices: number): number {
  return devices >= 20_000 ? Math.min(8, availableParallelism()) : 1;
}

/**
 * Start the shared pool's workers now, before the caller loads the rest of the engine: each
 * worker's start-up (Node's own, then the engine's script) overlaps the command's. `runFleet`
 * with the same number of workers takes this pool.
 */
export function startWorkers(workers: number): void {
  if (workers > 1) WorkerPool.shared(workers).catch(() => {});
}

/** How long a shared pool's workers wait for the next run before they end, in ms. */
export const IDLE_MS = 5_000;

/** Each worker's young generation (V8's nursery), in MB. */
const YOUNG_GENERATION_MB = 8;

export class WorkerPool implements Executor {
  private readonly workers: Worker[] = [];
  private isShared = false;
  private broken = false;

  private constructor(
    readonly size: number,
    private readonly script: URL | string,
  ) {}

  /**
   * A pool shared by every run in the process, so that compare, sweep and recommend (many fleet runs) and repeated
   * library calls start their workers once. Idle workers do not keep the process alive (a script exits when its last
   * call resolves), and after IDLE_MS without a run they end, so a long-lived process keeps no idle threads; the next
   * run starts them again. A pool whose worker failed is replaced.
   */
  static async shared(size: number): Promise<WorkerPool> {
    const existing = sharedPools.get(size);
    if (existing) {
      const pool = await existing.catch(() => null);
      if (pool && !pool.broken) return pool;
    }
    const created = WorkerPool.create(size).then((pool) => {
      pool.isShared = true;
      pool.workers.forEach((w) => w.unref());
      pool.restLater();
      return pool;
    });
    sharedPools.set(size, created);
    return created;
  }

  /** `code` replaces the worker's bundle (tests use it to crash a worker on purpose). */
  static async create(size: number, code?: string): Promise<WorkerPool> {
    const pool = new WorkerPool(size, code ?? (await workerScript()));
    pool.start();
    return pool;
  }

  private start(): void {
    for (let i = 0; i < this.size; i++) {
      // A small young generation: a chunk's garbage is short-lived and its survivors few, so the
      // collector's nursery need not grow with the fleet (it did, by about 100 MB over a million devices).
      const options = { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } };
      const w = typeof this.script === 'string' ? new Worker(this.script, { eval: true, ...options }) : new Worker(this.script, options);
      // Watch every worker for its whole life: one that dies between runs breaks the pool
      // (the next run fails at once instead of waiting forever), and a late error is never uncaught.
      w.on('error', (e) => this.lost(`a worker crashed: ${e.message}`));
      w.on('exit', (c) => this.lost(`a worker exited with code ${c}`));
      this.workers.push(w);
    }
  }

  private idle: ReturnType<typeof setTimeout> | null = null;

  /** A shared pool's workers end after IDLE_MS without a run (the timer does not keep the process alive either). */
  private restLater(): void {
    if (!this.isShared) return;
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => this.rest(), IDLE_MS);
    this.idle.unref();
  }

  /** Ends the idle workers; the pool stays shared and its next run starts them again. */
  private rest(): void {
    this.idle = null;
    if (this.running > 0 || this.broken) return;
    const resting = this.workers.splice(0);
    for (const w of resting) {
      w.removeAllListeners('exit');
      w.removeAllListeners('error');
      w.on('error', () => {});
      void w.terminate();
    }
  }

  /** Runs in progress (two library calls may share the pool at once). */
  private running = 0;

  private lostReason: string | null = null;
  /** The runs in progress, told when a worker is lost. */
  private readonly onLost = new Set<(reason: string) => void>();
  /** The next run's first job id. */
  private jobIds = 0;

  private lost(reason: string): void {
    if (this.closed) return;
    this.lostReason ??= reason;
    this.broken = true;
    for (const tell of [...this.onLost]) tell(reason);
  }

  /** The workers' end, once the pool is stopped (their exits are then not a loss). */
  private closed: Promise<void> | null = null;

  run(jobs: ChunkJob[], onResult: (index: number, result: ChunkResult) => void, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      let next = 0;
      let finished = 0;
      let failed = false;
      if (signal?.aborted) return reject(signal.reason);
      if (jobs.length === 0) return resolve();
      if (this.lostReason) return reject(new Error(`${this.lostReason} before the run started`));
      if (this.idle) clearTimeout(this.idle);
      this.idle = null;
      // Workers that ended idle start again.
      if (this.workers.length === 0) this.start();
      // This run's jobs have ids of their own: two runs at once on the shared pool (two library calls in one process)
      // each take only their own results (each took both runs' results as its own, and reported neither fleet).
      const base = this.jobIds;
      this.jobIds += jobs.length;
      this.running++;
      // Busy workers keep the process alive; idle shared ones do not.
      this.workers.forEach((w) => w.ref());
      const cleanups: Array<() => void> = [
        () => {
          this.running--;
          if (this.running > 0) return;
          if (this.isShared) this.workers.forEach((w) => w.unref());
          this.restLater();
        },
      ];
      const onLost = (reason: string) => fail(new Error(`${reason} before the run finished`));
      this.onLost.add(onLost);
      cleanups.push(() => this.onLost.delete(onLost));
      // An abort stops the run at once, the chunks under way too (it was heard when the next chunk's result came in).
      if (signal) {
        const onAbort = () => fail(signal.reason as Error, true);
        signal.addEventListener('abort', onAbort, { once: true });
        cleanups.push(() => signal.removeEventListener('abort', onAbort));
      }
      /** `mine`: this run's caller failed, not the pool; the workers then stop unless another run is using them. */
      const fail = (error: Error, mine = false) => {
        if (failed) return;
        failed = true;
        cleanups.forEach((c) => c());
        reject(error);
        // Another run's chunks go on; this run's last ones finish and are not taken.
        if (mine && this.running > 0) return;
        // A pool that lost a worker is not reused, and a run still on it rejects too (it waited on stopped workers,
        // unsettled: a script with nothing else to do exited 0 without its result).
        void this.terminate(`the worker threads were stopped when a run on them failed (${firstLine(error)})`);
      };
      const feed = (w: Worker, index: number) => w.postMessage({ id: base + index, job: jobs[index] });
      for (const w of this.workers) {
        const onMessage = (m: { id: number; result?: ChunkResult; error?: string }) => {
          const index = m.id - base;
          if (failed || !(index >= 0 && index < jobs.length)) return;
          if (m.error) return fail(new Error(`a worker failed on devices ${jobs[index]!.from}-${jobs[index]!.to}: ${m.error}`));
          try {
            onResult(index, m.result!);
          } catch (e) {
            // The caller failed on a result (a report file that cannot be written, an abort): the run fails with its error.
            return fail(e as Error, true);
          }
          // Aborted in the callback (a progress callback that aborts): the run has rejected, and no other of its chunks
          // starts (its next one went to this worker, worked for nothing while another run on the pool waited).
          if (failed) return;
          finished++;
          if (finished === jobs.length) {
            cleanups.forEach((c) => c());
            return resolve();
          }
          if (next < jobs.length) feed(w, next++);
        };
        w.on('message', onMessage);
        cleanups.push(() => {
          w.off('message', onMessage);
        });
        if (next < jobs.length) feed(w, next++);
      }
    });
  }

  /** Done with the pool: a private one ends its workers; the shared one stays for the next run. */
  async close(): Promise<void> {
    if (!this.isShared || this.broken) await this.terminate('the worker threads were closed');
  }

  /**
   * Ends the workers for good. A run still in progress on them rejects with `reason` (their exits are not heard
   * once the pool is stopped: it waited for results that never came), and a run started on the pool after it does too.
   */
  private terminate(reason: string): Promise<void> {
    if (this.closed) return this.closed;
    this.broken = true;
    // A reason already given is a lost worker's: every run in progress was told it (lost() may be telling them now).
    const untold = this.lostReason === null;
    this.lostReason ??= reason;
    this.closed = (async () => {
      const workers = [...this.workers];
      if (this.isShared) for (const [size, p] of sharedPools) if ((await p.catch(() => null)) === this) sharedPools.delete(size);
      await Promise.all(workers.map((w) => w.terminate()));
    })();
    if (untold) for (const tell of [...this.onLost]) tell(reason);
    return this.closed;
  }
}

/** An error's first line (a worker's error is its whole stack). */
function firstLine(error: Error): string {
  return String(error?.message ?? error).split('\n')[0]!;
}

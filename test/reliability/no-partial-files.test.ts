// Reliability: a run that fails, crashes or is interrupted leaves no half-written report
// and no temporary file, leaves an existing report as it was, and never hangs.
//
// (a) a worker that exits, (b) a worker that throws: the run rejects with a clear error in
// seconds; (c) Ctrl-C on the real command line: exit 130, a clear word, nothing left in the
// folder; (d) --csv/--html into a missing folder: exit 2 before any work, nothing written;
// (e) an existing report survives a failed or interrupted run untouched.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { WorkerPool } from '../../src/fleet/pool.ts';
import { executeFleet, type ChunkJob } from '../../src/fleet/run.ts';
import { tempDir } from '../helpers/temp.ts';

// (e) needs a run that fails half-way, after CSV rows were written: runFleet, failing on request.
const failing = vi.hoisted(() => ({ on: false }));
vi.mock('../../src/fleet/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/fleet/index.ts')>();
  return {
    ...real,
    runFleet: async (...args: Parameters<typeof real.runFleet>) => {
      if (!failing.on) return real.runFleet(...args);
      args[1]?.onRows?.(['0,Laptops,Head office,user-driven,hybrid,succeeded,,,,1,0,50,50,0.000']);
      throw new Error('simulated failure half-way through the run');
    },
  };
});

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/autopilot-sim.js');
const BRANCH = join(ROOT, 'scenarios/fleets/branch-rollout.yaml');
const base = tempDir('apsim-partial-');
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const freshDir = () => {
  const d = join(base, `d${n++}`);
  mkdirSync(d);
  return d;
};

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const t = Date.now();
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n'), ms: Date.now() - t };
}

/** Settles with the promise, or rejects after `ms` (a hang shows as a clear failure, not a test timeout). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`HANG: ${what} did not settle within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------
describe('(a) a worker that exits', () => {
  const fleet = fleetFrom({ devices: 5000 });
  const exitOnJob = `require('node:worker_threads').parentPort.on('message', () => process.exit(3));`;
  const exitAtStart = `process.exit(3);`;

  it('when given a job: executeFleet rejects within a few seconds, naming the exit code', async () => {
    const pool = await WorkerPool.create(2, exitOnJob);
    const t = Date.now();
    try {
      await expect(within(executeFleet(fleet, {}, pool), 30_000, 'executeFleet')).rejects.toThrow(/a worker exited with code 3 before the run finished/);
      expect(Date.now() - t).toBeLessThan(30_000);
    } finally {
      await pool.close();
    }
  });

  it('at start-up, with the run started at once: rejects', async () => {
    const pool = await WorkerPool.create(2, exitAtStart);
    try {
      await expect(within(executeFleet(fleet, {}, pool), 30_000, 'executeFleet')).rejects.toThrow(/a worker exited with code 3/);
    } finally {
      await pool.close();
    }
  });

  it('at start-up, while the pool waits 300 ms before its first run: rejects, does not hang', async () => {
    const pool = await WorkerPool.create(2, exitAtStart);
    await sleep(300);
    try {
      await expect(within(executeFleet(fleet, {}, pool), 2000, 'executeFleet on a pool whose workers died before the run')).rejects.toThrow(/^a worker (exited|crashed)/);
    } finally {
      await pool.close();
    }
  });

  it('between two runs on the same pool (as sweep, compare, recommend and two-pass fleets use it): the second run rejects, does not hang', async () => {
    // Answers its jobs; dies once the first run is over (when the test writes the flag file),
    // not on a timer that a loaded machine could outrun during the first run.
    const flag = join(base, 'workers-die-now');
    const answerThenExit = `const { parentPort } = require('node:worker_threads');
      const { existsSync } = require('node:fs');
      setInterval(() => { if (existsSync(${JSON.stringify(flag)})) process.exit(3); }, 10);
      parentPort.on('message', (m) => { parentPort.postMessage({ id: m.id, result: {} }); });`;
    const pool = await WorkerPool.create(2, answerThenExit);
    const jobs = [{ from: 0, to: 1 }, { from: 1, to: 2 }] as unknown as ChunkJob[];
    try {
      await within(pool.run(jobs, () => {}), 30_000, 'first run');
      writeFileSync(flag, '');
      await sleep(800);
      await expect(within(pool.run(jobs, () => {}), 2000, 'second run on a pool whose workers died after the first')).rejects.toThrow(/^a worker (exited|crashed)/);
    } finally {
      await pool.close();
    }
  });
});

// ---------------------------------------------------------------------------------------
describe('(b) a worker that throws (in a child process, to see uncaught exceptions)', () => {
  it('the run rejects within a few seconds with the worker\'s error, whatever the worker does wrong', async () => {
    const script = join(base, 'throwing-worker.mts');
    const src = (p: string) => JSON.stringify(pathToFileURL(join(ROOT, p)).href);
    writeFileSync(
      script,
      `import { WorkerPool } from ${src('src/fleet/pool.ts')};
import { executeFleet } from ${src('src/fleet/run.ts')};
import { fleetFrom } from ${src('src/fleet/load.ts')};
const uncaught: string[] = [];
process.on('uncaughtException', (e) => uncaught.push(String((e as Error)?.message ?? e)));
const codes: Record<string, string> = {
  'throws on its job': "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom in worker'); });",
  'throws at start-up': "throw new Error('boom at start');",
  'is not JavaScript': 'this is not javascript(',
};
const results: Record<string, { error?: string; ms: number; settled: boolean }> = {};
for (const [name, code] of Object.entries(codes)) {
  const pool = await WorkerPool.create(2, code);
  const t = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('HANG')), 30_000); });
  try {
    await Promise.race([executeFleet(fleetFrom({ devices: 5000 }), {}, pool), hang]);
    results[name] = { ms: Date.now() - t, settled: true };
  } catch (e) {
    results[name] = { error: (e as Error).message, ms: Date.now() - t, settled: (e as Error).message !== 'HANG' };
  }
  clearTimeout(timer);
  await pool.close();
  await new Promise((r) => setTimeout(r, 100));
}
console.log(JSON.stringify({ results, uncaught }));
process.exit(0);
`,
    );
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(out);
        else reject(new Error(`child exited ${code}: ${err}`));
      });
    });
    const { results, uncaught } = JSON.parse(output.trim().split('\n').pop()!) as { results: Record<string, { error?: string; ms: number; settled: boolean }>; uncaught: string[] };
    expect(results['throws on its job']!.error).toMatch(/a worker crashed: boom in worker/);
    expect(results['throws at start-up']!.error).toMatch(/a worker crashed: boom at start/);
    expect(results['is not JavaScript']!.error).toMatch(/a worker crashed: /);
    for (const [name, r] of Object.entries(results)) {
      expect(r.settled, name).toBe(true);
      expect(r.ms, name).toBeLessThan(30_000);
    }
    // Whether a second worker's error escapes here depends on timing (seen in about one run in three
    // with four workers); the deterministic check is the next test. Reported for the record.
    if (uncaught.length) console.log(`(b) uncaught exceptions in the child's main thread: ${JSON.stringify(uncaught)}`);
  }, 60_000);

  it("after a failed run, an 'error' from a worker that is still running is handled, not thrown in the main thread", async () => {
    // Only the worker given job 0 throws; the other keeps running (so no real error can arrive late here).
    const pool = await WorkerPool.create(2, "require('node:worker_threads').parentPort.on('message', (m) => { if (m.id === 0) throw new Error('boom in worker'); });");
    const workers = (pool as unknown as { workers: Worker[] }).workers;
    const exited = new Set<Worker>();
    for (const w of workers) w.once('exit', () => exited.add(w));
    try {
      await expect(within(executeFleet(fleetFrom({ devices: 5000 }), {}, pool), 30_000, 'executeFleet')).rejects.toThrow(/a worker crashed: boom in worker/);
      const running = workers.filter((w) => !exited.has(w));
      expect(running.length, 'workers still running after the failure').toBeGreaterThan(0);
      // What Node does when such a worker fails later (out of memory, a bug): it emits 'error'.
      // With no listener left, EventEmitter throws it: an uncaught exception that kills the CLI.
      for (const w of running) expect(() => w.emit('error', new Error('a later failure of another worker'))).not.toThrow();
    } finally {
      await pool.close();
    }
  });
});

// ---------------------------------------------------------------------------------------
/** Spawn the real CLI on 3,000,000 devices; once its CSV temp file exists (and at least 1.5 s passed), send SIGINT. */
async function interrupted(dir: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; sawTemp: boolean }> {
  const child = spawn(process.execPath, [BIN, 'run', BRANCH, '--devices', '30000000', '--csv', join(dir, 'out.csv'), '--html', join(dir, 'out.html'), '--workers', '2'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const start = Date.now();
  let sawTemp = false;
  try {
    // The temp file shows that the handler is installed and the run is under way (start-up can be slow on a busy machine).
    while (Date.now() - start < 20_000) {
      sawTemp = readdirSync(dir).some((f) => f.endsWith('.tmp'));
      if (sawTemp && Date.now() - start >= 1500) break;
      await sleep(50);
    }
    child.kill('SIGINT');
    const result = await within(closed, 10_000, 'the interrupted run');
    return { ...result, stderr, sawTemp };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe('(c) Ctrl-C during a long run on the real command line', () => {
  it('exits 130 with a clear message, and leaves neither out.csv, out.html nor a temp file', async () => {
    const dir = freshDir();
    const r = await interrupted(dir);
    expect(r.sawTemp, 'the run started writing its CSV before the interrupt').toBe(true);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 130, signal: null });
    expect(r.stderr).toMatch(/autopilot-sim: interrupted; no output file was written/);
    expect(r.stderr).not.toMatch(/\n {4}at /);
    expect(readdirSync(dir)).toEqual([]);
  }, 40_000);
});

// ---------------------------------------------------------------------------------------
describe('(d) --html / --csv / -o into a missing folder', () => {
  it('exit 2 at once (3,000,000 devices would take many minutes), naming the option; nothing written anywhere', async () => {
    const dir = freshDir();
    const missing = join(dir, 'no-such-folder');
    const cases: string[][] = [
      ['run', BRANCH, '--devices', '30000000', '--html', join(missing, 'r.html')],
      ['run', BRANCH, '--devices', '30000000', '--csv', join(missing, 'r.csv')],
      ['run', BRANCH, '--devices', '30000000', '--csv', join(missing, 'r.csv'), '--html', join(missing, 'r.html')],
      ['compare', BRANCH, '--scenarios', 'user-driven,pre-provisioned', '--devices', '30000000', '--html', join(missing, 'r.html')],
      ['sweep', BRANCH, '--vary', 'esp.timeoutMinutes=30,60', '--devices', '30000000', '--html', join(missing, 'r.html')],
      ['recommend', BRANCH, '--devices', '30000000', '--html', join(missing, 'r.html')],
      ['diagram', 'reset', '-o', join(missing, 'd.mmd')],
    ];
    for (const argv of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      // Refused before anything runs: 30,000,000 devices would take minutes; a refusal takes a start-up.
      expect(r.ms, argv.join(' ')).toBeLessThan(30_000);
      expect(r.err).toMatch(/(--html|--csv|--output): expected a file in an existing folder/);
      expect(r.err).not.toMatch(/\n {4}at /);
    }
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--csv into an existing folder with --html into a missing one: exit 2, and no temp file left beside the CSV', async () => {
    const dir = freshDir();
    const r = await cli('run', BRANCH, '--devices', '30000000', '--csv', join(dir, 'out.csv'), '--html', join(dir, 'missing', 'out.html'));
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(30_000);
    expect(readdirSync(dir), 'files left in the CSV folder').toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
describe('(e) an existing report is left untouched when a run fails', () => {
  const OLD_CSV = 'device,old\n0,previous run\n';
  const OLD_HTML = '<html><body>previous report</body></html>';
  const withOldReports = () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'out.csv'), OLD_CSV);
    writeFileSync(join(dir, 'out.html'), OLD_HTML);
    return dir;
  };
  const untouched = (dir: string) => {
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(OLD_CSV);
    expect(readFileSync(join(dir, 'out.html'), 'utf8')).toBe(OLD_HTML);
  };

  it('a run that fails half-way, after CSV rows were written: both reports as they were, no temp file', async () => {
    const dir = withOldReports();
    failing.on = true;
    try {
      const r = await cli('run', BRANCH, '--devices', '50', '--csv', join(dir, 'out.csv'), '--html', join(dir, 'out.html'));
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/simulated failure half-way through the run/);
    } finally {
      failing.on = false;
    }
    untouched(dir);
    expect(readdirSync(dir).sort()).toEqual(['out.csv', 'out.html']);
  });

  it('a run refused for a bad --html target: the existing CSV as it was', async () => {
    const dir = withOldReports();
    const r = await cli('run', BRANCH, '--devices', '50', '--csv', join(dir, 'out.csv'), '--html', join(dir, 'missing', 'out.html'));
    expect(r.code).toBe(2);
    untouched(dir);
  });

  it('a run interrupted with Ctrl-C: both reports as they were, no temp file', async () => {
    const dir = withOldReports();
    const r = await interrupted(dir);
    expect(r.code).toBe(130);
    untouched(dir);
    expect(readdirSync(dir).sort()).toEqual(['out.csv', 'out.html']);
  }, 40_000);

  it('a successful run replaces them whole (the CSV has every device)', async () => {
    const dir = withOldReports();
    const r = await cli('run', BRANCH, '--devices', '50', '--csv', join(dir, 'out.csv'), '--html', join(dir, 'out.html'));
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(51);
    expect(readFileSync(join(dir, 'out.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(readdirSync(dir).sort()).toEqual(['out.csv', 'out.html']);
  });
});

// Reliability around output files, I/O errors and signals. Section 1 calls the command in this
// process (from the test's folder); the FIFO, standard output, the I/O errors and the signals
// are about the process, and start the real command line.
//
// 1. Outputs are checked before anything runs: an output that is an input of the same
//    command, two outputs that are the same file (also through a symbolic link), a folder:
//    one line, exit 2, nothing touched. A symbolic link is written through; a device, a
//    FIFO and `-` are written directly (never replaced by a regular file).
// 2. Every I/O error is one line naming the path and the cause, exit 74, no temporary file
//    left: a full file system (a tmpfs mounted with size=64k in a temporary folder), a
//    read-only one, a device that is always full (made with mknod in a temporary folder),
//    a FIFO whose reader goes away, standard output on a full device.
// 3. SIGTERM and SIGHUP end like SIGINT: temporary files removed, exit 143 and 129.
//
// Special files are made in a temporary folder only, never the machine's own /dev entries.
// Mounts and mknod need root: where they are not permitted the test says so and is skipped.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cli, plainEnv } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const base = tempDir('apsim-outputs-');
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) spawnSync('umount', ['-l', m]);
  rmSync(base, { recursive: true, force: true });
});
let n = 0;
const freshDir = () => {
  const d = join(base, `d${n++}`);
  mkdirSync(d);
  return d;
};

const FLEET = `devices: 50
seed: 3
sites: [{ name: A }]
scenario: user-driven
groups: [{ name: G }]
`;

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** The real command line in `cwd`; stdout to a pipe, or to an open file descriptor. */
function cliProcess(argv: string[], cwd: string, opts: { stdout?: number; onSpawn?: (kill: (s: NodeJS.Signals) => void) => void; timeoutMs?: number } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd, env: plainEnv(), stdio: ['ignore', opts.stdout ?? 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`HANG: autopilot-sim ${argv.join(' ')} did not end within ${opts.timeoutMs ?? 60_000} ms`));
    }, opts.timeoutMs ?? 60_000);
    opts.onSpawn?.((s) => child.kill(s));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err });
    });
  });
}

/**
 * The command in this process, run from `cwd` (the checks made before anything runs are not
 * about the process: no need to start one per case).
 */
async function cliIn(cwd: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const was = process.cwd();
  process.chdir(cwd);
  try {
    return await cli(...argv);
  } finally {
    process.chdir(was);
  }
}

const oneLine = (err: string) => err.trim().split('\n').filter(Boolean);
const temps = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** Whether this process may make device nodes and mount file systems (root on Linux). */
const root = process.getuid?.() === 0;
function mknod(path: string, major: number, minor: number): boolean {
  return spawnSync('mknod', [path, 'c', String(major), String(minor)]).status === 0;
}
function mountTmpfs(dir: string, options: string): boolean {
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status === 0;
  if (ok) mounts.push(dir);
  return ok;
}
const canMount = (() => {
  if (!root) return false;
  const d = freshDir();
  const ok = mountTmpfs(d, 'size=64k');
  return ok;
})();
const canMknod = root && mknod(join(freshDir(), 'probe'), 1, 3);
if (!canMount) console.log('outputs.test: mounting a tmpfs is not permitted here: the full and read-only file-system cases are skipped (the always-full device case still gives ENOSPC)');
if (!canMknod) console.log('outputs.test: mknod is not permitted here: the device cases are skipped');

describe('1. outputs are checked before anything runs', () => {
  it('refuses an output that is the input of the same command (run --csv, run --html, compare, recommend, sweep): exit 2, the input untouched', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'f.yaml'), FLEET);
    writeFileSync(join(dir, 'g.yaml'), FLEET);
    symlinkSync('f.yaml', join(dir, 'alias.yaml'));
    const cases = [
      ['run', 'f.yaml', '--csv', 'f.yaml'],
      ['run', 'f.yaml', '--html', 'f.yaml'],
      ['run', 'f.yaml', '--html', './f.yaml'],
      ['run', 'f.yaml', '--csv', 'alias.yaml'],
      ['run', 'alias.yaml', '--html', 'f.yaml'],
      ['compare', 'f.yaml', 'g.yaml', '--html', 'g.yaml'],
      ['recommend', 'f.yaml', '--html', 'f.yaml'],
      ['sweep', 'f.yaml', '--vary', 'esp.timeoutMinutes=30,60', '--html', 'f.yaml'],
    ];
    for (const argv of cases) {
      const r = await cliIn(dir, argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(oneLine(r.err), argv.join(' ')).toHaveLength(1);
      expect(r.err, argv.join(' ')).toMatch(/expected a new file name: this is the input .*which would be overwritten/);
      expect(readFileSync(join(dir, 'f.yaml'), 'utf8')).toBe(FLEET);
      expect(readFileSync(join(dir, 'g.yaml'), 'utf8')).toBe(FLEET);
      expect(lstatSync(join(dir, 'alias.yaml')).isSymbolicLink()).toBe(true);
    }
    expect(readdirSync(dir).sort()).toEqual(['alias.yaml', 'f.yaml', 'g.yaml']);
  }, 120_000);

  it('refuses two outputs that are the same file (also through a symbolic link), and a folder', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'f.yaml'), FLEET);
    mkdirSync(join(dir, 'folder'));
    symlinkSync('x', join(dir, 'to-x'));
    const cases: Array<[string[], RegExp]> = [
      [['run', 'f.yaml', '--csv', 'x', '--html', 'x'], /--csv: expected a different file from --html x/],
      [['run', 'f.yaml', '--csv', 'to-x', '--html', 'x'], /expected a different file from --html x/],
      [['run', 'f.yaml', '--csv', '-', '--html', '-'], /expected a different file/],
      [['run', 'f.yaml', '--csv', 'folder'], /expected a file name, got a folder/],
      [['run', 'f.yaml', '--csv', '-', '--json'], /--csv - and --json both write to standard output/],
    ];
    for (const [argv, message] of cases) {
      const r = await cliIn(dir, argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(oneLine(r.err), argv.join(' ')).toHaveLength(1);
      expect(r.err, argv.join(' ')).toMatch(message);
    }
    expect(readdirSync(dir).sort()).toEqual(['f.yaml', 'folder', 'to-x']);
  }, 60_000);

  it('writes through a symbolic link to its target (also a dangling one); the link stays a link', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'f.yaml'), FLEET);
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports', 'old.csv'), 'old');
    symlinkSync('reports/old.csv', join(dir, 'existing.csv'));
    symlinkSync('reports/new.html', join(dir, 'dangling.html'));
    const r = await cliIn(dir, ['run', 'f.yaml', '--csv', 'existing.csv', '--html', 'dangling.html']);
    expect(r.code, r.err).toBe(0);
    expect(readlinkSync(join(dir, 'existing.csv'))).toBe('reports/old.csv');
    expect(readlinkSync(join(dir, 'dangling.html'))).toBe('reports/new.html');
    expect(readFileSync(join(dir, 'reports', 'old.csv'), 'utf8')).toMatch(/^device,group,site/);
    expect(readFileSync(join(dir, 'reports', 'new.html'), 'utf8')).toMatch(/<html/i);
    expect(temps(dir)).toEqual([]);
    expect(temps(join(dir, 'reports'))).toEqual([]);
  }, 60_000);

  it.skipIf(!canMknod)('writes a character device directly: it stays a device (a null device made with mknod in a temporary folder)', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'f.yaml'), FLEET);
    expect(mknod(join(dir, 'null'), 1, 3)).toBe(true);
    const r = await cliIn(dir, ['run', 'f.yaml', '--csv', 'null', '--html', 'null2']);
    expect(r.code, r.err).toBe(0);
    expect(statSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
    expect(temps(dir)).toEqual([]);
    // diagram -o as well
    const d = await cliIn(dir, ['diagram', 'self-deploying', '-o', 'null']);
    expect(d.code, d.err).toBe(0);
    expect(statSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
  }, 60_000);

  it('writes a FIFO directly: a reader gets the CSV, the FIFO stays a FIFO', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'f.yaml'), FLEET);
    expect(spawnSync('mkfifo', [join(dir, 'pipe.csv')]).status).toBe(0);
    const received = new Promise<string>((resolve) => {
      let text = '';
      createReadStream(join(dir, 'pipe.csv'))
        .on('data', (d) => (text += d.toString()))
        .on('end', () => resolve(text));
    });
    const r = await cliProcess(['run', 'f.yaml', '--csv', 'pipe.csv'], dir);
    expect(r.code, r.err).toBe(0);
    const text = await received;
    expect(text.split('\n')[0]).toMatch(/^device,group,site/);
    expect(text.trim().split('\n')).toHaveLength(51);
    expect(lstatSync(join(dir, 'pipe.csv')).isFIFO()).toBe(true);
    expect(temps(dir)).toEqual([]);
  }, 60_000);

  it('`--csv -` writes the CSV to standard output and the report to standard error', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'f.yaml'), FLEET);
    const r = await cliProcess(['run', 'f.yaml', '--csv', '-'], dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^device,group,site/);
    expect(r.out.trim().split('\n')).toHaveLength(51);
    expect(r.err).toMatch(/Success/);
    expect(readdirSync(dir)).toEqual(['f.yaml']);
  }, 60_000);
});

describe('2. every I/O error is one line naming the path and the cause, exit 74, no temporary file left', () => {
  it.skipIf(!canMount)('a full file system (tmpfs, size=64k): --csv with 2 workers and with 1, --html, diagram -o', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'f.yaml'), FLEET);
    const full = join(dir, 'full');
    mkdirSync(full);
    expect(mountTmpfs(full, 'size=64k')).toBe(true);
    // The CSV of 3,000 devices is about 220 KB: the disk fills during the run.
    for (const workers of ['2', '1']) {
      const r = await cliProcess(['run', 'user-driven-entra', '--devices', '3000', '--workers', workers, '--csv', join(full, 'out.csv')], dir, { timeoutMs: 120_000 });
      expect(r.code, `${workers} workers: ${r.err}`).toBe(74);
      expect(oneLine(r.err)).toEqual([`autopilot-sim: ${join(full, 'out.csv')}: cannot write (ENOSPC: no space left on the device)`]);
      expect(readdirSync(full)).toEqual([]);
    }
    // The HTML report (about 23 KB) into the 8 KB left beside a filler.
    writeFileSync(join(full, 'filler'), Buffer.alloc(56 * 1024));
    for (const argv of [
      ['run', 'f.yaml', '--html', join(full, 'r.html')],
      ['diagram', 'user-driven', '--format', 'svg', '-o', join(full, 'd.svg')],
    ]) {
      const r = await cliProcess(argv, dir);
      expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(74);
      expect(oneLine(r.err)).toHaveLength(1);
      expect(r.err).toMatch(/cannot write \(ENOSPC: no space left on the device\)/);
      expect(readdirSync(full)).toEqual(['filler']);
    }
  }, 300_000);

  it.skipIf(!canMount)('a read-only file system: EROFS, one line, exit 74', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'f.yaml'), FLEET);
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    expect(mountTmpfs(ro, 'size=64k,ro')).toBe(true);
    const r = await cliProcess(['run', 'f.yaml', '--csv', join(ro, 'out.csv')], dir);
    expect(r.code, r.err).toBe(74);
    expect(oneLine(r.err)).toEqual([`autopilot-sim: ${join(ro, 'out.csv')}: cannot write (EROFS: read-only file system)`]);
  }, 60_000);

  it.skipIf(!canMknod)('a device that is always full (mknod c 1 7 in a temporary folder): as --csv, and as standard output', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'f.yaml'), FLEET);
    expect(mknod(join(dir, 'full'), 1, 7)).toBe(true);
    const r = await cliProcess(['run', 'f.yaml', '--csv', 'full'], dir);
    expect(r.code, r.err).toBe(74);
    expect(oneLine(r.err)).toEqual(['autopilot-sim: full: cannot write (ENOSPC: no space left on the device)']);
    expect(statSync(join(dir, 'full')).isCharacterDevice()).toBe(true);
    const fd = openSync(join(dir, 'full'), 'w');
    try {
      const s = await cliProcess(['simulate', 'user-driven-entra'], dir, { stdout: fd });
      expect(s.code, s.err).toBe(74);
      expect(oneLine(s.err)).toEqual(['autopilot-sim: standard output: cannot write (ENOSPC: no space left on the device)']);
    } finally {
      closeSync(fd);
    }
    expect(readdirSync(dir).sort()).toEqual(['f.yaml', 'full']);
  }, 60_000);

  it('a FIFO whose reader goes away: EPIPE, one line, exit 74', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'f.yaml'), FLEET);
    expect(spawnSync('mkfifo', [join(dir, 'pipe.csv')]).status).toBe(0);
    // The reader takes the first bytes and closes.
    const reader = new Promise<void>((resolve) => {
      const s = createReadStream(join(dir, 'pipe.csv'), { highWaterMark: 16 });
      s.once('data', () => {
        s.destroy();
        resolve();
      });
    });
    const r = await cliProcess(['run', 'user-driven-entra', '--devices', '5000', '--csv', 'pipe.csv'], dir, { timeoutMs: 120_000 });
    await reader;
    expect(r.code, r.err).toBe(74);
    expect(oneLine(r.err)).toEqual(['autopilot-sim: pipe.csv: cannot write (EPIPE: the reader went away (broken pipe))']);
    expect(temps(dir)).toEqual([]);
  }, 150_000);
});

describe('3. SIGTERM and SIGHUP end like SIGINT', () => {
  it('a command that writes no file (the studio) says only that it was stopped, exit 143', async () => {
    const child = spawn(process.execPath, [BIN, 'studio', '--port', '0'], { cwd: freshDir(), env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // Serving (its address printed): then stopped.
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('http://127.0.0.1:') && resolve()));
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await closed).toBe(143);
    expect(err.trim()).toBe('autopilot-sim: stopped by SIGTERM');
  }, 40_000);

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal}: exit ${code}, a clear word, no temporary file, no report`, async () => {
      const dir = freshDir();
      let kill: (s: NodeJS.Signals) => void = () => {};
      const done = cliProcess(['run', 'user-driven-entra', '--devices', '3000000', '--workers', '2', '--csv', 'out.csv', '--html', 'out.html'], dir, { onSpawn: (k) => (kill = k), timeoutMs: 60_000 });
      // Wait until the run is writing its CSV (the temporary file exists), then send the signal.
      const start = Date.now();
      while (temps(dir).length === 0 && Date.now() - start < 40_000) await new Promise((r) => setTimeout(r, 50));
      expect(temps(dir).length, 'the run started writing before the signal').toBe(1);
      kill(signal);
      const r = await done;
      expect({ code: r.code, signal: r.signal }).toEqual({ code, signal: null });
      expect(r.err).toMatch(signal === 'SIGINT' ? /interrupted; no output file was written/ : new RegExp(`stopped by ${signal}; no output file was written`));
      expect(r.err).not.toMatch(/\n {4}at /);
      expect(readdirSync(dir)).toEqual([]);
      expect(existsSync(join(dir, 'out.csv'))).toBe(false);
    }, 90_000);
  }
});

// Reliability: each input is read once, bounded while reading. A FIFO, /dev/stdin, process
// substitution and `-` work for the commands that read a file (validate once said "ok" for
// the defaults on an invalid file piped to /dev/stdin, and hung on a FIFO); standard input
// named twice is refused; an endless device stops at the size limit (a zero device made with
// mknod in a temporary folder, never the machine's own /dev entries).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputOnce } from '../../src/environment/files.ts';
import { BIN, plainEnv } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const base = tempDir('apsim-inputs-');
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const freshDir = () => {
  const d = join(base, `d${n++}`);
  mkdirSync(d);
  return d;
};

const SCENARIO = readFileSync(join(import.meta.dirname, '../../scenarios/self-deploying.yaml'), 'utf8');
const INVALID = 'scenario: sideways\n';
const FLEET = 'devices: 20\nseed: 3\nscenario: user-driven\nsites: [{ name: A }]\ngroups: [{ name: G }]\n';

/** The real command line, `stdin` written to its standard input; ends or is killed after 90 s (a hang fails clearly). */
function run(argv: string[], cwd: string, stdin = '', shell = false): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = shell
      ? spawn('bash', ['-c', argv.join(' ')], { cwd, env: plainEnv(), stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn(process.execPath, [BIN, ...argv], { cwd, env: plainEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`HANG: ${argv.join(' ')} did not end within 90 s`));
    }, 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

describe('standard input: `-` and /dev/stdin', () => {
  it('validate - and validate /dev/stdin: a valid file is ok, an invalid one is invalid (not the defaults)', async () => {
    const dir = freshDir();
    for (const name of ['-', '/dev/stdin']) {
      const ok = await run(['validate', name], dir, SCENARIO);
      expect(ok.code, `${name}: ${ok.err}`).toBe(0);
      expect(ok.out).toMatch(/^ok .*self-deploying, entra join/);
      const bad = await run(['validate', name], dir, INVALID);
      expect(bad.code, name).toBe(2);
      expect(bad.err).toMatch(/scenario: expected one of/);
      expect(bad.out).toBe('');
    }
  }, 200_000);

  it('simulate - and run - read the file from standard input; standard input named twice is refused', async () => {
    const dir = freshDir();
    const sim = await run(['simulate', '-', '--json'], dir, SCENARIO);
    expect(sim.code, sim.err).toBe(0);
    expect(JSON.parse(sim.out).outcome.scenario).toBe('self-deploying');
    const fleet = await run(['run', '-', '--json'], dir, FLEET);
    expect(fleet.code, fleet.err).toBe(0);
    expect(JSON.parse(fleet.out).devices).toBe(20);
    const twice = await run(['validate', '-', '/dev/stdin'], dir, SCENARIO);
    expect(twice.code).toBe(2);
    expect(twice.out).toMatch(/^ok +standard input/);
    expect(twice.err).toMatch(/\/dev\/stdin: standard input was already read by an earlier argument/);
  }, 200_000);
});

describe('FIFOs and process substitution', () => {
  it('validate, simulate and run read a FIFO once (no hang)', async () => {
    const dir = freshDir();
    const fifo = join(dir, 'in.yaml');
    for (const [argv, text, expectOut] of [
      [['validate', fifo], SCENARIO, /^ok /],
      [['validate', fifo], INVALID, /^$/],
      [['simulate', fifo, '--json'], SCENARIO, /"outcome"/],
      [['run', fifo, '--json'], FLEET, /"devices":20/],
    ] as Array<[string[], string, RegExp]>) {
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      // The writer: opens the FIFO (waits for the reader), writes the file, closes.
      const writer = createWriteStream(fifo);
      writer.end(text);
      const r = await run(argv, dir);
      expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(text === INVALID ? 2 : 0);
      expect(r.out, argv.join(' ')).toMatch(expectOut);
      rmSync(fifo);
    }
  }, 300_000);

  it('validate <(cat file): process substitution', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'good.yaml'), SCENARIO);
    writeFileSync(join(dir, 'bad.yaml'), INVALID);
    const ok = await run([process.execPath, BIN, 'validate', '<(cat good.yaml)'], dir, '', true);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/^ok +\/dev\/fd\/\d+ +self-deploying/);
    const bad = await run([process.execPath, BIN, 'validate', '<(cat bad.yaml)'], dir, '', true);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/scenario: expected one of/);
  }, 200_000);
});

describe('the size limit stops the read', () => {
  const root = process.getuid?.() === 0;
  it.skipIf(!root)('an endless zero device (mknod c 1 5 in a temporary folder): refused after the limit, in bounded memory', async () => {
    const dir = freshDir();
    const zero = join(dir, 'zero');
    expect(spawnSync('mknod', [zero, 'c', '1', '5']).status).toBe(0);
    const r = await run(['validate', zero], dir);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`invalid  ${zero}: expected a file of at most 1000000 bytes (stopped reading after 1000000)`);
    // In this process: the reader stops at the limit plus one chunk at most.
    expect(() => readInputOnce(zero, { maxBytes: 10_000 })).toThrow(/at most 10000 bytes/);
  }, 100_000);

  it('a regular file one byte over the limit is refused; one at the limit is read whole', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'over'), Buffer.alloc(1001, 0x61));
    writeFileSync(join(dir, 'at'), Buffer.alloc(1000, 0x61));
    expect(() => readInputOnce(join(dir, 'over'), { maxBytes: 1000 })).toThrow(/at most 1000 bytes/);
    expect(readInputOnce(join(dir, 'at'), { maxBytes: 1000 }).length).toBe(1000);
    expect(() => readInputOnce(join(dir, 'missing'))).toThrow(/file not found/);
    expect(() => readInputOnce(dir)).toThrow(/expected a file, got a directory/);
  });
});

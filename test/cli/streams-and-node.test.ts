// The command as a user's shell meets it, where it had ended otherwise: an export that calibrate
// may not read (an internal error, exit 70, with a stack trace), `run --csv - | head` (exit 74
// where any other command's output piped to head ends quietly), an output under a path whose
// folder is a file ('(report.html does not exist)' beside the file itself), and a Node older than
// package.json's engines (on Node 16, 'internal error: SyntaxError: ... availableParallelism').
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, plainEnv } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-streams-');
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command in `dir`, run by `as` (a program and its arguments that run node, such as setpriv's) where given. */
function command(argv: string[], as: string[] = []): { code: number | null; out: string; err: string } {
  const [program = process.execPath, ...args] = as.length ? [...as, process.execPath] : [];
  const r = spawnSync(program, [...args, BIN, ...argv], { cwd: dir, env: plainEnv(), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A user who is not root (root reads a file of mode 000): the user itself, or nobody through setpriv where it runs as root. */
const asUser = process.getuid?.() !== 0 ? [] : spawnSync('setpriv', ['--version']).status === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : null;

describe('calibrate: an export it may not read', () => {
  it.skipIf(asUser === null)('is one line naming the file and the cause, exit 2, not an internal error', () => {
    const file = join(dir, 'events.csv');
    copyFileSync(join(import.meta.dirname, '../../scenarios/calibration/synthetic-autopilot-events.csv'), file);
    chmodSync(file, 0o000);
    const r = command(['calibrate', 'events.csv'], asUser!);
    expect(r.err.trim()).toBe('autopilot-sim: events.csv: cannot read the file (EACCES: permission denied)');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});

describe('standard output piped to a reader that closes early', () => {
  it('run --csv - | head: ends quietly, exit 0, as run | head does', async () => {
    const r = await new Promise<{ code: number | null; err: string; lines: number }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'run', 'fleets/branch-rollout', '--devices', '2000', '--csv', '-'], { cwd: dir, env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.split('\n').length > 3) child.stdout.destroy();
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (code) => resolve({ code, err, lines: out.split('\n').length }));
    });
    expect(r.lines).toBeGreaterThan(3);
    expect(r.err).not.toMatch(/EPIPE|cannot write/);
    expect(r.code).toBe(0);
  }, 60_000);
});

describe('an output whose folder is a file', () => {
  it('says the folder is a file, not that it does not exist', () => {
    writeFileSync(join(dir, 'report.html'), 'a report');
    const r = command(['run', 'fleets/branch-rollout', '--devices', '10', '--html', 'report.html/x.html']);
    expect(r.err.trim()).toBe('autopilot-sim: report.html/x.html: --html: expected a file in an existing folder (report.html is a file, not a folder)');
    expect(r.code).toBe(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('a Node older than the engines', () => {
  it("is told which Node the command needs and which it is, exit 2, before any command runs (Node's version faked)", () => {
    for (const [version, argv] of [
      ['16.20.2', ['run', 'fleets/branch-rollout', '--devices', '10']],
      ['20.18.3', ['--version']],
    ] as const) {
      const fake = join(dir, `node-${version}.mjs`);
      writeFileSync(fake, `Object.defineProperty(process.versions, 'node', { value: '${version}' });\n`);
      const run = spawnSync(process.execPath, ['--import', fake, BIN, ...argv], { cwd: dir, env: plainEnv(), encoding: 'utf8', timeout: 60_000 });
      expect(run.stderr.trim(), version).toBe(`autopilot-sim: needs Node.js 20.19 or later (package.json's engines), and this is Node.js ${version}: install a newer Node.js and run the command with it`);
      expect(run.status, version).toBe(2);
      expect(run.stdout, version).toBe('');
    }
    // The Node the tests run on (20.19 or later) runs the command.
    expect(command(['--version']).code).toBe(0);
  });
});

describe('an output in a folder this user may not write in', () => {
  it.skipIf(asUser === null)('is one line naming the path and the cause, exit 74, nothing written', () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const r = command(['run', 'fleets/branch-rollout', '--devices', '2000', '--json', '--html', 'ro/report.html'], asUser!);
    expect(r.err.trim()).toBe('autopilot-sim: ro/report.html: cannot write (EACCES: permission denied)');
    expect(r.code).toBe(74);
    expect(r.out).toBe('');
    expect(readdirSync(ro)).toEqual([]);
  });

  // What tells the new code from the old: the old refused only when the report was written, after the run (the same line
  // and code), so the check itself is held here. A folder root cannot write in: a read-only tmpfs (root may write in any
  // folder of mode 555); a user who is not root: mode 555.
  const root = process.getuid?.() === 0;
  const ro = join(dir, 'ro-here');
  mkdirSync(ro);
  const readOnly = root ? spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,ro', 'tmpfs', ro]).status === 0 : (chmodSync(ro, 0o555), true);
  afterAll(() => void (root && readOnly && spawnSync('umount', ['-l', ro])));
  it.skipIf(!readOnly)('checkOutputs, which runs before any work, refuses it as a failed write (EROFS or EACCES)', async () => {
    const { checkOutputs, OutputError } = await import('../../src/report/files.ts');
    expect(() => checkOutputs([{ path: join(ro, 'x.html'), option: '--html' }])).toThrow(OutputError);
    expect(() => checkOutputs([{ path: join(ro, 'x.html'), option: '--html' }])).toThrow(`${join(ro, 'x.html')}: cannot write (${root ? 'EROFS: read-only file system' : 'EACCES: permission denied'})`);
  });
});

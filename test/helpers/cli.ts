// The command line as tests drive it: in-process through run(), or as the real process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { run } from '../../src/cli/program.ts';

export const BIN = join(import.meta.dirname, '../../bin/autopilot-sim.js');

/** `autopilot-sim argv...` in this process: its exit code and what it printed. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The environment without the colour settings of the runner (NO_COLOR, FORCE_COLOR, CI). */
export function plainEnv(): NodeJS.ProcessEnv {
  const { NO_COLOR: _n, FORCE_COLOR: _f, CI: _c, ...env } = process.env;
  return env;
}

/** The real process; its stdout closed by the reader after `keep` characters (as `| head` does). */
export function processRun(argv: string[], env: NodeJS.ProcessEnv = plainEnv(), keep = Infinity): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.length >= keep) child.stdout.destroy();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

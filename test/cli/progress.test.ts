// The progress bar that run, compare, sweep and recommend draw on a terminal, in the built command
// (dist/cli.js, what `npx autopilot-sim` runs). Bundled there, cli-progress (CommonJS) had no named
// exports, so on a terminal each of these commands ended at once with "internal error: TypeError:
// Cannot read properties of undefined (reading 'shades_classic')", exit 70, while the tests, which
// run them piped, passed. Node has no pseudo-terminal of its own: the child is told its standard
// error is one (the only thing progressBar asks) and cli-progress draws to the pipe.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, plainEnv } from '../helpers/cli.ts';

function onTerminal(argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'data:text/javascript,process.stderr.isTTY=true', BIN, ...argv], { env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('the progress bar on a terminal', () => {
  it.each([
    ['Simulating', ['run', 'fleets/new-laptops', '--devices', '60'], /^New laptops, least end-user time/],
    ['Comparing', ['compare', 'fleets/new-laptops', '--scenarios', 'user-driven,pre-provisioned', '--devices', '60'], /^user-driven {2}vs {2}pre-provisioned/],
    ['Sweeping', ['sweep', 'user-driven-entra', '--vary', 'apps=4,8', '--devices', '60'], /^User-driven, Entra join {2}sweep of number of apps/],
    ['Recommending', ['recommend', 'fleets/new-laptops', '--devices', '60'], /^Recommend: New laptops, least end-user time/],
  ] as const)('%s: drawn on standard error, then the report', async (label, argv, report) => {
    const r = await onTerminal([...argv]);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${label} [`);
    expect(r.err).toMatch(/100% · \d+\/\d+ device runs/);
    expect(r.out).toMatch(report);
  });
});

// The progress bar that run, compare, sweep and recommend draw on a terminal, in the built command
// (dist/cli.js, what `npx autopilot-sim` runs). Bundled there, cli-progress (CommonJS) had no named
// exports, so on a terminal each of these commands ended at once with "internal error: TypeError:
// Cannot read properties of undefined (reading 'shades_classic')", exit 70, while the tests, which
// run them piped, passed. Node has no pseudo-terminal of its own: the child is told its standard
// error is one (the only thing progressBar asks) and cli-progress draws to the pipe.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, plainEnv } from '../helpers/cli.ts';

function onTerminal(argv: string[], columns?: number): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const tty = `process.stderr.isTTY=true${columns ? `;process.stderr.columns=${columns}` : ''}`;
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${tty}`, BIN, ...argv], { env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
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

  // At 40 blocks the line ran to 91 columns and more, which an 80-column terminal (line wrapping off while the bar
  // draws) cut at its edge: '· 0s left' and, for a large run, the count were lost.
  it.each([80, 100])('fits a terminal of %i columns, its words whole', async (columns) => {
    const r = await onTerminal(['recommend', 'fleets/new-laptops', '--devices', '2500'], columns);
    expect(r.code).toBe(0);
    const drawn = r.err
      .split(/\x1b\[1G|\r/)
      .map((l) => l.replace(/\x1b\[[0-9;?]*[a-zA-Z]|\x1b[78]/g, ''))
      .filter((l) => l.startsWith('Recommending ['));
    expect(drawn.length).toBeGreaterThan(0);
    for (const l of drawn) {
      expect(l.length, l).toBeLessThan(columns);
      expect(l).toMatch(/ device runs · \d+s left$/);
    }
  });

  // On a split pane the line ran to 68 columns at 60 and lost its wait: 'device runs' goes, then the bar shortens.
  it.each([60, 66])('fits a split pane of %i columns, its figures whole', async (columns) => {
    const r = await onTerminal(['recommend', 'fleets/new-laptops', '--devices', '2500'], columns);
    expect(r.code).toBe(0);
    const drawn = r.err
      .split(/\x1b\[1G|\r/)
      .map((l) => l.replace(/\x1b\[[0-9;?]*[a-zA-Z]|\x1b[78]/g, ''))
      .filter((l) => l.startsWith('Recommending ['));
    expect(drawn.length).toBeGreaterThan(0);
    for (const l of drawn) {
      expect(l.length, l).toBeLessThan(columns);
      expect(l).toMatch(/ \d+\/\d+ · \d+s left$/);
    }
  });
});

// Reliability: the same file and seed give byte-identical JSON. Across repeated runs (warm
// caches or a fresh process), across worker counts (chunks finish in any order), across
// the command line and the library API.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { compareFleets, parseSweep, sweepFleet } from '../../src/fleet/analysis.ts';
import { loadFleet, runFleet } from '../../src/fleet/index.ts';
import { CHUNK } from '../../src/fleet/run.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BRANCH = join(ROOT, 'scenarios/fleets/branch-rollout.yaml');
const LAPTOPS = join(ROOT, 'scenarios/fleets/new-laptops.yaml');

async function cli(...argv: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  expect(code, `${argv.join(' ')}: ${err.join('\n')}`).toBe(0);
  return out.join('\n');
}

function processOutput(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/autopilot-sim.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trimEnd()) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

describe('run --json: a fleet with sites, shared bandwidth and a connector queue (two passes)', () => {
  // One full chunk and one of 100: two chunks, so two or three workers finish them in either order.
  const devices = String(CHUNK + 100);

  it('is byte-identical for --workers 1, 2 and 3, and equal to runFleet from the library', async () => {
    expect(Number(devices)).toBeGreaterThan(CHUNK);
    const w1 = await cli('run', BRANCH, '--devices', devices, '--json', '--workers', '1');
    const w2 = await cli('run', BRANCH, '--devices', devices, '--json', '--workers', '2');
    const w3 = await cli('run', BRANCH, '--devices', devices, '--json', '--workers', '3');
    const report = JSON.parse(w1);
    expect(report.devices).toBe(CHUNK + 100);
    expect(report.sharedLoadModelled).toBe(true);
    expect(w2).toBe(w1);
    expect(w3).toBe(w1);
    // The library, in this thread, with warm caches: the same bytes.
    const lib = await runFleet(loadFleet(BRANCH), { devices: CHUNK + 100, workers: 1 });
    expect(JSON.stringify(lib)).toBe(w1);
  }, 60_000);
});

describe('simulate --json', () => {
  const files = ['scenarios/failures/tpm-intermittent-retry.yaml', 'scenarios/pre-provisioned-hybrid.yaml', 'scenarios/user-driven-entra.yaml'].map((f) => join(ROOT, f));

  it('repeated runs, the library (simulate) and a fresh process give the same bytes', async () => {
    for (const file of files) {
      const a = await cli('simulate', file, '--json');
      const b = await cli('simulate', file, '--json');
      expect(b).toBe(a);
      const scenario = parseScenario(file, readFileSync(file, 'utf8'));
      expect(JSON.stringify(simulate(environmentOf(scenario), { seed: scenario.seed ?? 1 }))).toBe(a);
      // An explicit seed gives its own run, the same every time.
      expect(await cli('simulate', file, '--json', '--seed', '424242')).toBe(await cli('simulate', file, '--json', '--seed', '424242'));
    }
    // Another process: no dependence on what this one computed or cached before.
    const fresh = await processOutput(['simulate', files[0]!, '--json']);
    expect(fresh).toBe(await cli('simulate', files[0]!, '--json'));
  }, 60_000);
});

describe('sweep --json and compare --json', () => {
  // 2100 devices: one full chunk and one of 100, finished in either order with two or three workers.
  const devices = '2100';

  it('sweep is byte-identical for --workers 1, 2 and 3, and equal to sweepFleet from the library', async () => {
    const args = ['sweep', LAPTOPS, '--vary', 'share(hardware.kind=vm)=0,0.2', '--devices', devices, '--json'];
    const w1 = await cli(...args, '--workers', '1');
    expect(JSON.parse(w1).rows).toHaveLength(2);
    expect(await cli(...args, '--workers', '2')).toBe(w1);
    expect(await cli(...args, '--workers', '3')).toBe(w1);
    const { result } = await sweepFleet(loadFleet(LAPTOPS), parseSweep('share(hardware.kind=vm)=0,0.2'), { devices: 2100 });
    expect(JSON.stringify(result)).toBe(w1);
  }, 60_000);

  it('compare is byte-identical for --workers 1, 2 and 3, and equal to compareFleets from the library', async () => {
    const args = ['compare', LAPTOPS, BRANCH, '--devices', devices, '--json'];
    const w1 = await cli(...args, '--workers', '1');
    expect(JSON.parse(w1).paired).toBe(true);
    expect(await cli(...args, '--workers', '2')).toBe(w1);
    expect(await cli(...args, '--workers', '3')).toBe(w1);
    // The command labels each side by its file's name.
    const result = await compareFleets({ label: 'new-laptops', fleet: loadFleet(LAPTOPS) }, { label: 'branch-rollout', fleet: loadFleet(BRANCH) }, { devices: 2100 });
    expect(JSON.stringify(result)).toBe(w1);
  }, 60_000);
});

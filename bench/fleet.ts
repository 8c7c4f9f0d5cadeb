// npm run bench (tsx; the fleet itself runs in bundled worker threads): the standard fleet (100,000 user-driven devices, a dozen apps) on both
// cores, beside a naive run of the same machines (one createActor per device, driven
// with a simulated clock) on a sample, in the same process; and, with --memory, peak
// memory for 10,000 and 1,000,000 devices in separate processes.
// `npm run bench -- --json` prints, as its last line:
//   { "devicesPerSecond", "naiveDevicesPerSecond", "ratio", "devices", "workers", "peakRssMb" }
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { runLive } from '../src/engine/live.ts';
import { defaultEnvironment } from '../src/environment/load.ts';
import type { Environment } from '../src/environment/schema.ts';
import { runFleet } from '../src/fleet/index.ts';
import type { FleetInput } from '../src/fleet/schema.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const devices = arg('--devices', 100_000);
const workers = arg('--workers', Math.min(2, availableParallelism()));
const naiveSample = arg('--naive', 3_000);

export const STANDARD_APPS = Array.from({ length: 12 }, (_, i) => ({
  name: `App ${i + 1}`,
  type: i % 4 === 3 ? 'store' : 'win32',
  installMinutes: { triangular: [0.5, 2, 5] },
}));
export const STANDARD_FLEET: FleetInput = { name: 'bench: user-driven, 12 apps', seed: 1, scenario: 'user-driven', environment: { apps: STANDARD_APPS } };

/** The naive way: an XState actor per device (src/engine/live.ts), a simulated clock, the same world answering. */
function naiveRate(env: Environment, n: number): number {
  for (let i = 0; i < 200; i++) runLive(env, { seed: 1, index: i }); // warm up
  const t = performance.now();
  for (let i = 0; i < n; i++) runLive(env, { seed: 1, index: i });
  return n / ((performance.now() - t) / 1000);
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function main() {
  if (args.includes('--child-memory')) {
    // A child process: run the fleet and report this process's peak memory.
    await runFleet(STANDARD_FLEET, { devices, workers });
    process.stdout.write(`${JSON.stringify({ devices, peakRssMb: peakRssMb() })}\n`);
    return;
  }
  const log = (s: string) => process.stderr.write(`${s}\n`);
  await runFleet(STANDARD_FLEET, { devices: Math.min(devices, 20_000), workers }); // warm up: bundle built, JIT warm
  const t = performance.now();
  const report = await runFleet(STANDARD_FLEET, { devices, workers });
  const seconds = (performance.now() - t) / 1000;
  const rate = devices / seconds;
  log(`engine: ${devices} devices in ${seconds.toFixed(2)} s on ${workers} worker(s): ${Math.round(rate)} devices/s (success ${(report.successRate * 100).toFixed(1)}%)`);
  const env = defaultEnvironment(STANDARD_FLEET.environment);
  const naive = naiveRate(env, naiveSample);
  log(`naive: one createActor per device, ${naiveSample} devices: ${Math.round(naive)} devices/s`);
  log(`ratio: ${(rate / naive).toFixed(1)}x`);
  const result: Record<string, number> = { devicesPerSecond: Math.round(rate), naiveDevicesPerSecond: Math.round(naive), ratio: Number((rate / naive).toFixed(1)), devices, workers, peakRssMb: peakRssMb() };
  if (args.includes('--memory')) {
    const self = process.argv[1]!;
    const measure = (n: number) => {
      const out = spawnSync(process.execPath, [...process.execArgv, self, '--child-memory', '--devices', String(n), '--workers', String(workers)], { encoding: 'utf8' });
      return JSON.parse(out.stdout.trim().split('\n').pop()!) as { peakRssMb: number };
    };
    const small = measure(10_000).peakRssMb;
    const large = measure(1_000_000).peakRssMb;
    log(`memory: peak ${small} MB for 10,000 devices, ${large} MB for 1,000,000 (${(large / small).toFixed(2)}x)`);
    Object.assign(result, { peakRssMb10k: small, peakRssMb1m: large, memoryRatio: Number((large / small).toFixed(2)) });
  }
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();

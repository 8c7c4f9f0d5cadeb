// Peak memory of a fleet whose devices share something (per-site bandwidth) over a long
// rollout window: 20 sites, windowHours 8760 (a year), two passes (the first measures the
// load per site, the second applies it). Each size runs in its own process; the figure is
// that process's peak resident memory (worker threads included). Not a timed test.
//
//   npm run bench:memory                         10,000 and 1,000,000 devices, 2 workers
//   npm run bench:memory -- --sizes 10000,150000 other sizes
//   npm run bench:memory -- --json               a JSON line at the end
import { spawnSync } from 'node:child_process';
import { runFleet } from '../src/fleet/index.ts';
import { fleetFrom } from '../src/fleet/load.ts';
import type { FleetInput } from '../src/fleet/schema.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const workers = Number(arg('--workers') ?? 2);

/** 20 sites with their own links, a year-long rollout window. */
export const YEAR_LONG_FLEET: FleetInput = {
  name: '20 sites, a year-long rollout',
  seed: 11,
  scenario: 'user-driven',
  environment: { apps: [{ name: 'Office', type: 'win32', sizeMb: 2500 }, { name: 'Line of business', type: 'win32', sizeMb: 600 }] },
  sites: Array.from({ length: 20 }, (_, i) => ({ name: `Site ${i + 1}`, bandwidthMbps: 50 + 25 * (i % 4) })),
  groups: [{ name: 'Laptops' }],
  rollout: { windowHours: 8760 },
} as FleetInput;

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

if (args.includes('--child')) {
  const devices = Number(arg('--devices'));
  const report = await runFleet(fleetFrom(YEAR_LONG_FLEET), { devices, workers });
  process.stdout.write(`${JSON.stringify({ devices, peakRssMb: peakRssMb(), successRate: report.successRate })}\n`);
} else {
  const sizes = (arg('--sizes') ?? '10000,1000000').split(',').map(Number);
  const results: Array<{ devices: number; peakRssMb: number; seconds: number }> = [];
  for (const devices of sizes) {
    const t = performance.now();
    const out = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--child', '--devices', String(devices), '--workers', String(workers)], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`bench:memory: the run of ${devices} devices failed (exit ${out.status}): ${out.stderr.trim().split('\n').slice(-3).join(' ')}`);
    const r = JSON.parse(out.stdout.trim().split('\n').pop()!) as { peakRssMb: number };
    results.push({ devices, peakRssMb: r.peakRssMb, seconds: Math.round((performance.now() - t) / 100) / 10 });
    process.stderr.write(`${devices.toLocaleString('en')} devices (20 sites, windowHours 8760, ${workers} workers): peak ${r.peakRssMb} MB in ${results.at(-1)!.seconds} s\n`);
  }
  const ratio = results.at(-1)!.peakRssMb / results[0]!.peakRssMb;
  process.stderr.write(`ratio ${results.at(-1)!.devices.toLocaleString('en')} / ${results[0]!.devices.toLocaleString('en')}: ${ratio.toFixed(2)}x\n`);
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify({ workers, results, ratio: Number(ratio.toFixed(2)) })}\n`);
}

// A CPU profile of the two-pass benchmark fleet in one thread: node --cpu-prof on its esbuild bundle (see bench/profile.ts).
import { TWO_PASS_FLEET } from './fleet-standard.ts';
import { runFleet } from '../src/fleet/index.ts';

const devices = Number(process.argv[2] ?? 100_000);
const cpu = process.cpuUsage();
await runFleet(TWO_PASS_FLEET, { devices, workers: 1 });
const used = process.cpuUsage(cpu);
process.stderr.write(`${devices} devices of the two-pass fleet, one thread: ${Math.round(devices / ((used.user + used.system) / 1e6))} devices per CPU-second\n`);

// A CPU profile of the engine on the standard fleet in one thread (no workers), for finding
// where the time goes. Bundle it first, as the workers run (tsx's loader adds its own frames):
//   npx esbuild bench/profile.ts --bundle --platform=node --format=esm --outfile=.prof/profile.mjs \
//     --banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);"
//   node --cpu-prof --cpu-prof-dir=/tmp/prof .prof/profile.mjs [devices]
//   node bench/profile-top.mjs /tmp/prof/*.cpuprofile       the top self-time functions
import { STANDARD_FLEET } from './fleet-standard.ts';
import { runFleet } from '../src/fleet/index.ts';

const devices = Number(process.argv[2] ?? 100_000);
await runFleet(STANDARD_FLEET, { devices: 10_000, workers: 1 }); // warm up
const cpu = process.cpuUsage();
await runFleet(STANDARD_FLEET, { devices, workers: 1 });
const used = process.cpuUsage(cpu);
process.stderr.write(`${devices} devices, one thread: ${Math.round(devices / ((used.user + used.system) / 1e6))} devices per CPU-second\n`);

// bench:cli — how long the command takes to start, against bare `node -e 0` on the same machine
// (the goal: --version and --help within 1.5x). Runs are interleaved, so a busy machine weighs on
// every command alike; the figure is the median. On Linux it also gives the CPU time the
// process used (user + system, from /proc, in 10 ms ticks averaged over the runs), which a busy
// machine disturbs far less than the wall time. `node bench/cli.mjs [runs]` (default 21).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('bench:cli: dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}
const runs = Number(process.argv[2] ?? 21);
const cases = [
  ['node -e 0', ['-e', '0']],
  ['autopilot-sim --version', [cli, '--version']],
  ['autopilot-sim --help', [cli, '--help']],
  ['bin/autopilot-sim.js --version', ['bin/autopilot-sim.js', '--version']],
];
const times = cases.map(() => []);
const cpu = cases.map(() => 0);
/** CPU time of this process's finished children so far, in ms (cutime + cstime), or NaN. */
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // fields 16 and 17 of stat(5), at 100 ticks a second
  } catch {
    return NaN;
  }
}
for (let i = 0; i < runs + 1; i++) {
  cases.forEach(([name, args], c) => {
    const cpuBefore = childrenCpuMs();
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
    if (i === 0) return; // the first round warms the file cache
    times[c].push(ms);
    cpu[c] += childrenCpuMs() - cpuBefore;
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times[0]);
const cpuBase = cpu[0] / runs;
console.log(`start time over ${runs} interleaved runs (node ${process.version}): wall median, and CPU time (mean)`);
cases.forEach(([name], c) => {
  const m = median(times[c]);
  const mc = cpu[c] / runs;
  const cpuText = Number.isNaN(mc) ? '' : `   cpu ${mc.toFixed(0).padStart(4)} ms  ${(mc / cpuBase).toFixed(2)}x`;
  console.log(`  ${name.padEnd(32)} wall ${m.toFixed(0).padStart(5)} ms  ${(m / base).toFixed(2)}x${cpuText}`);
});

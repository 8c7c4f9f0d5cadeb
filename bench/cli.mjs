// bench:cli — how long the command takes to start, against bare `node -e 0` on the same machine
// (the goal: --version and --help within 1.5x). Runs are interleaved, so a busy machine weighs on
// every command alike; the figure is the median. `node bench/cli.mjs [runs]` (default 21).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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
for (let i = 0; i < runs + 1; i++) {
  cases.forEach(([name, args], c) => {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
    if (i > 0) times[c].push(ms); // the first round warms the file cache
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times[0]);
console.log(`start time, median of ${runs} interleaved runs (node ${process.version})`);
cases.forEach(([name], c) => {
  const m = median(times[c]);
  console.log(`  ${name.padEnd(32)} ${m.toFixed(0).padStart(5)} ms   ${(m / base).toFixed(2)}x node`);
});

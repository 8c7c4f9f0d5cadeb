// npm run bench (tsx; the fleet itself runs in bundled worker threads): the standard fleet (100,000 user-driven devices, a dozen apps) on both
// cores, beside a naive run of the same machines (one createActor per device, driven
// with a simulated clock) on a sample, in the same process; and, with --memory, peak
// memory for 10,000 and 1,000,000 devices in separate processes.
// `npm run bench -- --json` prints, as its last line:
//   { "devicesPerSecond", "naiveDevicesPerSecond", "ratio", "devices", "workers", "peakRssMb" }
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createActor, SimulatedClock, type AnyStateMachine } from 'xstate';
import { machines } from '../machines/index.ts';
import { defaultEnvironment } from '../src/environment/load.ts';
import type { Environment } from '../src/environment/schema.ts';
import { runFleet } from '../src/fleet/index.ts';
import type { FleetInput } from '../src/fleet/schema.ts';
import { createRandom } from '../src/world/random.ts';
import { createWorld, inputFor } from '../src/world/index.ts';

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

/** The naive way: an XState actor per device, a simulated clock, the same world answering. */
function naiveDevice(machine: AnyStateMachine, env: Environment, seed: number, index: number): string {
  const clock = new SimulatedClock();
  const actor = createActor(machine, { input: inputFor(env), clock });
  const world = createWorld(env, createRandom(seed, index));
  actor.start();
  let steps = 0;
  while (actor.getSnapshot().status !== 'done' && steps++ < 10_000) {
    const snapshot = actor.getSnapshot();
    const metas = Object.values(snapshot.getMeta()) as Array<{ waits?: string }>;
    const wait = metas.map((m) => m?.waits).filter(Boolean).pop();
    const nodes = (snapshot as unknown as { _nodes: Array<{ key: string; type: string }> })._nodes;
    const leaf = nodes.filter((n) => n.type === 'atomic' || n.type === 'final').pop()!;
    const answer = wait ? world.answer({ wait, state: leaf.key, tags: snapshot.tags as Set<string>, now: clock.now() }) : null;
    const before = JSON.stringify(snapshot.value);
    if (!answer) {
      // Only a timer can move the flow: advance to the next deadline.
      const next = Math.min(...[...(clock as unknown as { timeouts: Map<number, { start: number; timeout: number }> }).timeouts.values()].map((t) => t.start + t.timeout));
      if (!Number.isFinite(next)) break;
      clock.set(next);
      continue;
    }
    const at = clock.now() + Math.round(answer.minutes * 60_000);
    // Fire due timers one deadline at a time; a timer that moves the flow overtakes the answer.
    for (;;) {
      const due = [...(clock as unknown as { timeouts: Map<number, { start: number; timeout: number }> }).timeouts.values()].map((t) => t.start + t.timeout).filter((t) => t <= at);
      if (!due.length) break;
      clock.set(Math.min(...due));
      if (JSON.stringify(actor.getSnapshot().value) !== before) break;
    }
    if (JSON.stringify(actor.getSnapshot().value) !== before) continue;
    clock.set(at);
    actor.send(answer.event);
    world.delivered(answer);
  }
  const status = actor.getSnapshot().value;
  actor.stop();
  return JSON.stringify(status);
}

function naiveRate(env: Environment, n: number): number {
  const machine = machines[env.scenario] as unknown as AnyStateMachine;
  for (let i = 0; i < 200; i++) naiveDevice(machine, env, 1, i); // warm up
  const t = performance.now();
  for (let i = 0; i < n; i++) naiveDevice(machine, env, 1, i);
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

// npm run bench:floor: where the engine's time goes, against the hand-written limit (issue 17's boundRatio).
// On one thread, the standard fleet's devices three ways:
//   engine  the fleet runner as `runFleet`'s workers run it (kernel, outcome observer, world);
//   kernel  the same kernel and outcome observer, each device answered by a replay of the answers its world gave
//           (copied beforehand): the engine with a world that costs nothing; and once more with device 0's answers
//           for every device (the same path each time: caches and branch predictors at their best);
//   bound   the hand-written loop of bench/bound.ts;
//   engine-no-apps  the engine on the same fleet with no apps (the ESP's apps are 13 of a device's ~32 steps): what the
//           other steps cost, against the bound of the 12 apps: the most any shortcut through the app loop could give;
//   compiled  the runner compiled per environment (src/engine/compiled.ts), generated from its transition graph
//           and a trace of its world's draws, each device it cannot follow run through the engine; checked device by device
//           against the engine before it is timed, and its check sum must be the engine's;
//   compiled-kernel  the same with only the kernel compiled: each wait asks the engine's own world.
// Each device's clock and step count are summed on both engine sides, so the replay is checked to reproduce the runs.
// `npm run bench:floor` bundles it first, as the workers run the engine (tsx's loader adds its own frames), and runs each
// side in a process of its own, in turns: `node .prof/floor.cjs all [devices]`, or one side: `node .prof/floor.cjs engine`.
import { spawnSync } from 'node:child_process';
import { runBound } from './bound.ts';
import { compileKernel, compileRunner, sameOutcome, type Compiled } from './compiled.ts';
import { STANDARD_APPS, STANDARD_FLEET } from './fleet-standard.ts';
import { Kernel, type Ask, type Responder } from '../src/engine/kernel.ts';
import { OutcomeObserver } from '../src/engine/observers.ts';
import { FleetRunner } from '../src/engine/simulate.ts';
import { graphFor } from '../src/engine/transitions.ts';
import { fleetFrom } from '../src/fleet/load.ts';
import { planFleet } from '../src/fleet/plan.ts';
import { inputFor, type Answer } from '../src/world/index.ts';
import type { Environment } from '../src/environment/schema.ts';
import { machines } from '../machines/index.ts';

/** Answers each device's waits with the copies of what its world answered, in order. */
class Replay implements Responder {
  list: Array<Answer | null> = [];
  at = 0;
  answer(): Answer | null {
    return this.list[this.at++]!;
  }
  delivered(): void {}
}

const [side, count] = [process.argv[2] ?? 'all', Number(process.argv[3] ?? 100_000)];
const SIDES = ['engine', 'replayed', 'replayed-one', 'bound', 'engine-no-apps', 'compiled', 'compiled-kernel'] as const;
const NAMES: Record<(typeof SIDES)[number], string> = {
  engine: 'engine (its world answering)',
  replayed: 'kernel, each device replayed',
  'replayed-one': "kernel, device 0's answers for all",
  bound: 'bound (bench/bound.ts)',
  'engine-no-apps': 'engine, the fleet without its apps',
  compiled: 'runner compiled per environment',
  'compiled-kernel': 'the same, its world the engine\'s',
};

if (side === 'all') {
  // Each side in a process of its own (one side's classes do not make another's call sites polymorphic), in turns.
  const ROUNDS = 5;
  const micros = new Map<string, number[]>(SIDES.map((s) => [s, []]));
  const checks = new Map<string, string>();
  let compiledNote = '';
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of SIDES) {
      const out = spawnSync(process.execPath, [process.argv[1]!, s, String(count)], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`floor: ${s} failed: ${out.stderr}`);
      const [us, check] = out.stdout.trim().split(' ');
      micros.get(s)!.push(Number(us));
      checks.set(s, check!);
      if (s === 'compiled') compiledNote = out.stderr.trim();
    }
  }
  if (checks.get('engine') !== checks.get('replayed')) throw new Error('floor: the replay does not reproduce the runs');
  if (checks.get('engine') !== checks.get('compiled') || checks.get('engine') !== checks.get('compiled-kernel')) throw new Error('floor: a compiled runner does not reproduce the runs');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const bound = median(micros.get('bound')!);
  console.log(`${count.toLocaleString('en')} devices of the standard fleet on one thread, the median of ${ROUNDS} runs of each side in turns:`);
  for (const s of SIDES) {
    const m = median(micros.get(s)!);
    console.log(`  ${NAMES[s].padEnd(36)} ${m.toFixed(3)} µs a device, ${Math.round(1e6 / m).toLocaleString('en')} per CPU-second: ${(bound / m).toFixed(3)}x of the bound`);
  }
  console.log(`  (${compiledNote})`);
} else {
  console.log(measure(side as (typeof SIDES)[number], count));
}

/** One side's CPU microseconds a device (the best of three runs after a warm-up) and its check sum. */
function measure(which: (typeof SIDES)[number], devices: number): string {
  const fleet = fleetFrom(which === 'engine-no-apps' ? { ...STANDARD_FLEET, environment: { ...STANDARD_FLEET.environment, apps: [] } } : STANDARD_FLEET);
  const plan = planFleet(fleet, { devices });
  const env = plan.device(0).env;
  let run: () => number;
  if (which === 'bound') {
    run = () => runBound(devices, STANDARD_APPS[0]!.installMinutes, STANDARD_APPS.length).succeeded;
  } else {
    const runner = new FleetRunner();
    const engine = () => {
      let check = 0;
      for (let i = 0; i < devices; i++) {
        const o = runner.run(plan.device(i).env, plan.seed, i);
        check += o.now + o.steps;
      }
      return check;
    };
    run = engine;
    if (which === 'compiled' || which === 'compiled-kernel') run = compiledSide(runner, plan, devices, which === 'compiled' ? compileRunner : compileKernel);
    if (which === 'replayed' || which === 'replayed-one') {
      // Each device's answers, copied (the world refills one object): the runner's world with its answer() wrapped.
      const answers: Array<Array<Answer | null>> = [];
      engine();
      const world = (runner as unknown as { kernel: Kernel }).kernel.responder;
      const answer = world.answer.bind(world);
      let recording: Array<Answer | null> = [];
      world.answer = (ask: Ask) => {
        const a = answer(ask);
        recording.push(a && { ...a });
        return a;
      };
      for (let i = 0; i < devices; i++) {
        answers.push((recording = []));
        runner.run(plan.device(i).env, plan.seed, i);
      }
      const graph = graphFor(machines[env.scenario], inputFor(env));
      const replay = new Replay();
      const outcome = new OutcomeObserver();
      const kernel = new Kernel(graph, replay, [outcome], { maxSteps: 10_000, maxMs: 366 * 24 * 60 * 60_000 });
      run = () => {
        let check = 0;
        for (let i = 0; i < devices; i++) {
          replay.list = answers[which === 'replayed-one' ? 0 : i]!;
          replay.at = 0;
          outcome.reset(env);
          kernel.restart(graph, replay);
          kernel.run();
          check += outcome.now + outcome.steps;
        }
        return check;
      };
    }
  }
  run();
  let best = Infinity;
  let check = 0;
  for (let i = 0; i < 3; i++) {
    const cpu = process.cpuUsage();
    check = run();
    const used = process.cpuUsage(cpu);
    best = Math.min(best, (used.user + used.system) / devices);
  }
  return `${best.toFixed(4)} ${check}`;
}

/** The compiled side: one runner generated per environment from 1,000 probe devices, checked device by device against the engine. */
function compiledSide(runner: FleetRunner, plan: ReturnType<typeof planFleet>, devices: number, compileRunner: (env: Environment, seed: number, probes: readonly number[]) => Compiled | null): () => number {
  const compiled = new Map<object, Compiled>();
  const probes = Array.from({ length: 1000 }, (_, i) => Math.floor((i * devices) / 1000));
  const runnerFor = (env: Environment) => {
    let c = compiled.get(env);
    if (!c) compiled.set(env, (c = compileRunner(env, plan.seed, probes)!));
    return c;
  };
  const out = new OutcomeObserver();
  // Every device compiled as the engine runs it (sameOutcome).
  for (let i = 0; i < devices; i++) {
    const env = plan.device(i).env;
    out.reset(env);
    if (runnerFor(env).run(plan.seed, i, out) < 0) continue;
    if (!sameOutcome(runner.run(env, plan.seed, i), out)) throw new Error(`floor: the compiled runner differs from the engine at device ${i}`);
  }
  let fallbacks = 0;
  const run = () => {
    let check = 0;
    fallbacks = 0;
    for (let i = 0; i < devices; i++) {
      const env = plan.device(i).env;
      out.reset(env);
      if (runnerFor(env).run(plan.seed, i, out) >= 0) check += out.now + out.steps;
      else {
        const o = runner.run(env, plan.seed, i);
        check += o.now + o.steps;
        fallbacks++;
      }
    }
    return check;
  };
  process.on('exit', () => {
    for (const c of compiled.values()) console.error(`compiled: ${c.paths} paths, ${c.exits} places the probes never reached and ${c.guards} timer guards (each an exit to the engine), ${c.source.length.toLocaleString('en')} characters of code from ${c.probes} probes; ${fallbacks} of ${devices.toLocaleString('en')} devices ran through the engine`);
  });
  return run;
}

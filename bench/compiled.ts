// The floor's half-way variant (bench/floor.ts, docs/performance.md, the twenty-sixth session): the kernel compiled, the
// world as it is. The runner compiled per environment itself is the engine's (src/engine/compiled.ts); this reuses its
// probe and its walk of the graph and asks the engine's own world at each wait: what compiling the machine without the
// world is worth.
import type { Environment } from '../src/environment/schema.ts';
import { endLines, observerStep, probe, timersOf, type Compiled, type Pending, type Timers } from '../src/engine/compiled.ts';
import { FLEET_LIMITS, graphOf } from '../src/engine/simulate.ts';
import type { Node } from '../src/engine/transitions.ts';
import { Stream } from '../src/world/random.ts';
import { reusableWorld } from '../src/world/index.ts';

export { compileRunner, sameOutcome, type Compiled } from '../src/engine/compiled.ts';

/**
 * Half of it: the kernel compiled, the world as it is. The same walk of the graph (clock, timers as locals, the observer's
 * sums at constant indexes), but each wait asks the engine's own world (`answer`, then `delivered`), and the tree branches
 * on the event it answers (interned objects, compared by identity). What compiling the machine alone is worth.
 */
export function compileKernel(env: Environment, seed: number, probes: readonly number[], { limits = FLEET_LIMITS } = {}): Compiled {
  const graph = graphOf(env);
  type K = { k: 'ask'; node: Node; next: Map<object, K> } | { k: 'end' } | { k: 'bad' };
  let root: K | undefined;
  for (const ops of probe(env, seed, probes)) {
    let slot = (t: K): void => {
      root = t;
    };
    let at = root;
    for (let j = 0; j < ops.length; j++) {
      const op = ops[j]!;
      if (op.k !== 'ask' && op.k !== 'end') continue;
      const here: K = op.k === 'ask' ? { k: 'ask', node: op.node, next: new Map() } : { k: 'end' };
      if (at === undefined) {
        slot(here);
        at = here;
      } else if (at.k !== here.k || (at.k === 'ask' && at.node !== (here as { node: Node }).node)) {
        slot({ k: 'bad' });
        break;
      }
      if (at.k !== 'ask') break;
      const answer = ops.slice(j).find((o) => o.k === 'answer') as { event: object } | undefined;
      if (!answer) break;
      const t = at;
      slot = (n) => {
        t.next.set(answer.event, n);
      };
      at = t.next.get(answer.event);
    }
  }
  const nodes: Node[] = [];
  const events: object[] = [];
  const index = <X>(list: X[], x: X) => (list.includes(x) ? list.indexOf(x) : list.push(x) - 1);
  const names: Timers = { named: 0 };
  let paths = 0;
  let exits = 0;
  let guards = 0;
  const exit = (s: { seen: readonly number[] }) => {
    exits++;
    return `out.seenCount = ${s.seen.length}; return -1;`;
  };
  type S = { node: Node; timers: Pending; steps: number; lastPhase: number; seen: readonly number[]; profileResolved: boolean; joinedHybrid: boolean };
  function gen(t: K | undefined, s: S, indent: string): string[] {
    const out: string[] = [];
    const line = (x: string) => out.push(indent + x);
    if (t === undefined || t.k === 'bad' || (t.k === 'ask' && (t.node !== s.node || !s.node.wait || s.steps >= limits.maxSteps))) {
      line(exit(s));
      return out;
    }
    if (t.k === 'end') {
      if (!s.node.done) {
        line(exit(s));
        return out;
      }
      paths++;
      line(endLines(s.node, s.steps, s.seen, s.joinedHybrid, s.profileResolved, (n) => index(nodes, n)));
      line('return bad ? -1 : now;');
      return out;
    }
    const from = s.node;
    const n = index(nodes, from);
    line(`ask.wait = NODES[${n}].wait; ask.waitId = ${from.waitId}; ask.tags = NODES[${n}].tags; ask.now = now; ask.step = ${s.steps};`);
    line('a = world.answer(ask);');
    // No answer: off the compiled path (noted, not returned from: see compileRunner's guards), with a blank answer to go on.
    line('if (a === null) { bad = true; a = NO_ANSWER; }');
    line('at = now + Math.max(0, Math.round(a.minutes * 60000));');
    guards++;
    // What the prototype does not carry (a finding, a cause, a reason: the observer's notes) leaves the device to the engine too.
    line(`bad = bad || at > ${limits.maxMs}${s.timers.map((x) => ` || ${x.name} <= at`).join('')} || a.finding !== undefined || a.cause !== undefined || a.event.reason !== undefined;`);
    line('dt = at - now; now = at; e = a.event; world.delivered(a);');
    const { lastPhase, seen } = observerStep(from, s.lastPhase, s.seen, line);
    const branches = [...t.next];
    const body = (event: object, child: K, ind: string): string[] => {
      const edge = graph.step(from, event as never);
      const target = edge.target;
      const lines: string[] = [];
      const timers = timersOf(s.timers, edge, lines, names);
      const type = (event as { type: string }).type;
      const fails = from.errorCode === null && target.errorCode !== null;
      if (fails) return [ind + exit(s)];
      return [
        ...lines.map((l) => ind + l),
        ...gen(child, { node: target, timers, steps: s.steps + 1, lastPhase, seen, profileResolved: s.profileResolved || type === 'profile.downloaded' || type === 'profile.jsonApplied', joinedHybrid: s.joinedHybrid || target.hybridJoin }, ind),
      ];
    };
    if (branches.length === 1) {
      const [event, child] = branches[0]!;
      line(`bad = bad || e !== EVENTS[${index(events, event)}];`);
      out.push(...body(event, child, indent));
      return out;
    }
    branches.forEach(([event, child], k) => {
      line(`${k ? '} else ' : ''}if (e === EVENTS[${index(events, event)}]) {`);
      out.push(...body(event, child, indent + '  '));
    });
    line(`} else {`);
    line(`  ${exit(s)}`);
    line('}');
    return out;
  }
  const start: S = { node: graph.root.target, timers: [], steps: 0, lastPhase: -1, seen: [], profileResolved: false, joinedHybrid: false };
  const prologue: string[] = [];
  start.timers = timersOf([], graph.root, prologue, names);
  const body = gen(root, start, '  ');
  const source = [
    'const random = new Stream(0);',
    'const world = reusableWorld(env, random);',
    "const ask = { wait: '', waitId: -1, tags: null, now: 0, step: 0 };",
    "const NO_ANSWER = { event: { type: '' }, minutes: 0, detail: undefined, cause: undefined, finding: undefined, advances: undefined, advancesStep: undefined };",
    'return function compiledRun(seed, index, out) {',
    '  random.restart(seed, index);',
    '  world.restart(env, random, undefined);',
    '  const phaseMs = out.phaseMs, phaseSeen = out.phaseSeen, seenPhases = out.seenPhases, clockMs = out.clockMs;',
    '  let bad = false, now = 0, at = 0, dt = 0, a = null, e = null;',
    ...prologue.map((l) => '  ' + l),
    ...body,
    '};',
  ].join('\n');
  const run = new Function('Stream', 'reusableWorld', 'env', 'NODES', 'EVENTS', source)(Stream, reusableWorld, env, nodes, events) as Compiled['run'];
  return { run, source, probes: probes.length, paths, exits, guards };
}

// A runner compiled per environment (docs/performance.md, the twenty-sixth and twenty-seventh sessions): one generated
// function runs a device of an environment as the engine would, or says it cannot (-1) and the device runs through the
// engine from its start (the same stream, so the same results either way). Fleets use it in runChunk
// (src/fleet/chunk.ts) for an environment that shares nothing with the other devices.
//
// Nothing here is a second copy of the world's rules. The kernel's side is derived from the machine: the environment's
// TransitionGraph (its nodes' phases and clocks, its edges' targets and XState's timers) is walked at compile time, so the
// generated code holds no node, no edge lookup and no timer queue: a step is its clock's arithmetic, a guard per pending
// timer and the outcome observer's sums on constant indexes. The world's side is derived from a trace of the engine's own
// world: probe devices run through the engine with everything the world reads that can differ between devices watched,
// merged into a tree that branches only where a chance was drawn; its draws are generated inline (xoroshiro128+ in locals,
// each sampler's parameters as constants).
//
// Why that is sound. What the world answers for a device depends on the environment (a constant of the runner), the
// device's path so far (its counters and flags: a function of the answers before, so of the place in the tree), its
// random stream and its clock, and, in a fleet that shares a world, the other devices. The probe sees each of them:
// - a chance: a branch of the tree, compiled as the same comparison of the same uniform;
// - a sampler's draw: the same sampler's code; an answer's minutes are compiled only as one of the draws of its wait,
//   verbatim, or as a constant where the wait drew nothing (minutes computed from a draw, such as an MSI clash's half, are
//   a place the probe marks bad: the engine answers there);
// - a raw draw of the stream (a reset's sync interval, a calibrated tenant's closures): marked bad;
// - the clock: the world's `now` and `odjDeliveredAt` are accessors on the probed world that record a read as a 'clock'
//   op, wherever it is read (a rule or `delivered`), and so is a rule's read of the wait's `now` after the world kept it;
//   marked bad. The audit of src/world (index.ts, devicePreparation.ts, calibrated.ts, the twenty-seventh session) found
//   two decisions on a number that is neither an environment's constant nor a counter of the path: Entra Connect's sync
//   (`since < syncIntervalMinutes / 2`, on the clock, with `Math.round(since)` in its cause) and the connector's queue
//   (`wait > ODJ_TIMEOUT_MINUTES`, a shared world only). Every other condition reads the environment, a counter or flag of
//   the path (restarts, retries, error-page visits, an app list's cursor, what was delivered), a chance or the wait's tags,
//   and every cause's parameters are the environment's (an app's or a script's name, a clock skew) or the clock's.
//   No rule bounds a draw (no Math.min or Math.max of one), so a draw that gave an answer's minutes always does;
// - a shared world (site links, the connector's queue, incidents): never compiled (runChunk keeps the engine for it);
// - a calibrated tenant: not compiled (`compileRunner` returns null): its failures are drawn through closures over the
//   stream (raw draws) and its pace multiplies the rules' minutes (derived minutes), so a trace of one would be all exits.
// Where the probes disagree (the same place, another op) or a device would leave what they saw (a chance's side none took,
// a timer due before the answer), the code returns -1. test/engine/compiled.test.ts runs every bundled file both ways.
import type { Environment } from '../environment/schema.ts';
import { Kernel, type Ask } from './kernel.ts';
import { OutcomeObserver } from './observers.ts';
import { FLEET_LIMITS, graphOf, type FleetRunner } from './simulate.ts';
import type { Edge, Node } from './transitions.ts';
import { Sampler } from '../world/distributions.ts';
import { deviceSeed, Stream } from '../world/random.ts';
import { reusableWorld, type Answer, type WaitContext } from '../world/index.ts';

/** What a probe saw, in order. Exported for bench/compiled.ts's kernel-only variant. */
export type Op =
  | { k: 'ask'; node: Node }
  | { k: 'draw'; sampler: Sampler; value: number }
  | { k: 'chance'; p: number; result: boolean }
  | { k: 'answer'; event: object; minutes: number; notes: Notes }
  | { k: 'raw' }
  | { k: 'clock' }
  | { k: 'end' };

/** The tree of what the probes did, one node per op; `bad` where they disagreed or the op cannot be compiled. */
type T =
  | { k: 'ask'; node: Node; next?: T }
  | { k: 'draw'; sampler: Sampler; next?: T }
  | { k: 'chance'; p: number; yes?: T; no?: T }
  | { k: 'answer'; event: object; from: number; value: number; notes: Notes; next?: T }
  | { k: 'end' }
  | { k: 'bad' };

/** What an answer tells the outcome observer beyond its event (a finding, a cause, a reason): constants of the tree. */
interface Notes {
  finding: string | undefined;
  cause: string | undefined;
  reason: string | undefined;
}
const HANGS: ReadonlySet<string> = new Set(['app.hung', 'esp.identifyingHang']);

interface SamplerFields {
  kind: number;
  a: number;
  b: number;
  f: number;
  left: number;
  right: number;
}

export interface Compiled {
  /** Runs device `index` into `out` (reset beforehand); -1 where the device leaves the compiled paths (run it through the engine). */
  run: (seed: number, index: number, out: OutcomeObserver) => number;
  source: string;
  probes: number;
  /** The tree's paths compiled to their end, and its places that fall back to the engine (no probe went there, the probes disagreed). */
  paths: number;
  exits: number;
  /** Places where a timer or the time limit could take the device off the compiled path. */
  guards: number;
}

/** A probe's own engine: a kernel, a world, a stream and an outcome observer for the environment, none of them the fleet's. */
function probeEngine(env: Environment) {
  const random = new Stream(0);
  const world = reusableWorld(env, random);
  const outcome = new OutcomeObserver();
  const graph = graphOf(env);
  const kernel = new Kernel(graph, world, [outcome], FLEET_LIMITS);
  const run = (seed: number, index: number): OutcomeObserver => {
    random.restart(seed, index);
    world.restart(env, random);
    outcome.reset(env);
    kernel.restart(graph, world);
    kernel.run();
    return outcome;
  };
  return { random, world, kernel, graph, run };
}

/**
 * Records every probe device's ops: the engine's own world (a world of the probe's own, so the fleet's objects keep their
 * shapes), its draws, chances, raw draws and reads of the clock watched. Exported for bench/compiled.ts's kernel-only variant.
 */
export function probe(env: Environment, seed: number, indexes: readonly number[]): Op[][] {
  const { random, world: w, kernel, run } = probeEngine(env);
  type Watched = { answer: (a: Ask) => Answer | null; chance: (p: number) => boolean; delivered: (a: Answer) => void };
  const world = w as unknown as Watched;
  let ops: Op[] = [];
  let inside = 0;
  const draw = Sampler.prototype.draw;
  const next = Stream.prototype.next;
  const answer = world.answer;
  const chance = Object.getPrototypeOf(world).chance as (p: number) => boolean;
  // The clock: the world's own fields as accessors that record a read; the wait's `now`, once the world has kept it
  // (answer's first line), read by a rule is a read of the clock too.
  let now = 0;
  let odjDeliveredAt: number | null = null;
  let kept = false;
  const clock = () => ops.push({ k: 'clock' });
  Object.defineProperty(world, 'now', {
    configurable: true,
    get: () => (clock(), now),
    set: (v: number) => {
      now = v;
      kept = true;
    },
  });
  Object.defineProperty(world, 'odjDeliveredAt', { configurable: true, get: () => (clock(), odjDeliveredAt), set: (v: number | null) => (odjDeliveredAt = v) });
  let asked: Ask = null as unknown as Ask;
  const ctx = {
    get wait() {
      return asked.wait;
    },
    get waitId() {
      return asked.waitId;
    },
    get tags() {
      return asked.tags;
    },
    get now() {
      if (kept) clock();
      return asked.now;
    },
    // The steps so far: a count of the path, known at compile time.
    get step() {
      return asked.step;
    },
  } as Ask;
  Sampler.prototype.draw = function (this: Sampler, r) {
    inside++;
    const value = draw.call(this, r);
    inside--;
    ops.push({ k: 'draw', sampler: this, value });
    return value;
  };
  random.next = function (this: Stream) {
    if (inside === 0) ops.push({ k: 'raw' });
    return next.call(this);
  };
  world.chance = function (this: Watched, p: number) {
    inside++;
    const result = chance.call(this, p);
    inside--;
    ops.push({ k: 'chance', p, result });
    return result;
  };
  world.answer = function (this: Watched, ask: Ask) {
    ops.push({ k: 'ask', node: kernel.node });
    asked = ask;
    kept = false;
    const a = answer.call(this, ctx);
    const e = a?.event as { reason?: string } | undefined;
    ops.push(a ? { k: 'answer', event: a.event, minutes: a.minutes, notes: { finding: a.finding, cause: a.cause, reason: e?.reason } } : { k: 'raw' });
    return a;
  };
  const traces: Op[][] = [];
  try {
    for (const i of indexes) {
      ops = [];
      const o = run(seed, i);
      // A device a timer moved, or that stopped, is left to the engine (its trace is not a path of answers alone).
      if (o.stopped === null && o.steps === ops.filter((op) => op.k === 'answer').length) traces.push([...ops, { k: 'end' }]);
    }
  } finally {
    Sampler.prototype.draw = draw;
  }
  return traces;
}

/** The probes' traces merged into one tree. */
function merge(traces: Op[][]): T | undefined {
  let root: T | undefined;
  for (const ops of traces) {
    let slot = (t: T) => (root = t);
    let at = root;
    let segment: number[] = [];
    for (const op of ops) {
      let here: T;
      // A raw draw, a read of the clock: what decided the answer is not in the trace.
      if (op.k === 'raw' || op.k === 'clock') here = { k: 'bad' };
      else if (op.k === 'ask') {
        segment = [];
        here = { k: 'ask', node: op.node };
      } else if (op.k === 'draw') {
        segment.push(op.value);
        here = { k: 'draw', sampler: op.sampler };
      } else if (op.k === 'chance') here = { k: 'chance', p: op.p };
      else if (op.k === 'answer') {
        // Its minutes: the last draw of the answer that gave them, or a constant.
        // Minutes that are no draw of a wait that drew are computed from one (an MSI clash's half): not compiled.
        const from = segment.lastIndexOf(op.minutes);
        here = from < 0 && segment.length > 0 ? { k: 'bad' } : { k: 'answer', event: op.event, from, value: from < 0 ? op.minutes : 0, notes: op.notes };
      } else here = { k: 'end' };
      if (at === undefined) {
        slot(here);
        at = here;
      } else if (!same(at, here)) {
        slot({ k: 'bad' });
        break;
      }
      if (at.k === 'bad' || at.k === 'end') break;
      if (at.k === 'chance') {
        const t = at;
        const yes = (op as { result: boolean }).result;
        slot = yes ? (n) => (t.yes = n) : (n) => (t.no = n);
        at = yes ? t.yes : t.no;
      } else {
        const t = at as { next?: T };
        slot = (n) => (t.next = n);
        at = t.next;
      }
    }
  }
  return root;
}

function same(a: T, b: T): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'ask':
      return a.node === (b as typeof a).node;
    case 'draw':
      return a.sampler === (b as typeof a).sampler;
    case 'chance':
      return a.p === (b as typeof a).p;
    case 'answer':
      const n = (b as typeof a).notes;
      return a.event === (b as typeof a).event && a.from === (b as typeof a).from && a.value === (b as typeof a).value && a.notes.finding === n.finding && a.notes.cause === n.cause && a.notes.reason === n.reason;
    default:
      return true;
  }
}

const num = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

/** One uniform into `u`: pure-rand's uniformFloat64 over xoroshiro128+, the state in locals. */
const STEP = 'x = s00; y = s01; a0 = s10 ^ x; a1 = s11 ^ y; s00 = (x << 24) ^ (y >>> 8) ^ a0 ^ (a0 << 16); s01 = (y << 24) ^ (x >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16)); s10 = (a1 << 5) ^ (a0 >>> 27); s11 = (a0 << 5) ^ (a1 >>> 27);';
const UNIFORM = `o = (s00 + s10) | 0; ${STEP} h = o & 0x3ffffff; o = (s00 + s10) | 0; ${STEP} u = h * 1.4901161193847656e-8 + (o & 0x7ffffff) * 1.1102230246251565e-16;`;

function samplerCode(s: Sampler, into: string): string {
  const f = s as unknown as SamplerFields;
  switch (f.kind) {
    case 0:
      return `${into} = ${num(f.a)};`;
    case 1:
      return `${UNIFORM} ${into} = ${num(f.a)} + ${num(f.b)} * u;`;
    case 2:
      return `${UNIFORM} ${into} = u < ${num(f.f)} ? ${num(f.a)} + Math.sqrt(u * ${num(f.left)}) : ${num(f.b)} - Math.sqrt((1 - u) * ${num(f.right)});`;
    default:
      return `${UNIFORM} v = 1 - u; ${UNIFORM} ${into} = ${num(f.a)} * Math.exp(${num(f.b)} * (Math.sqrt(-2 * Math.log(v)) * Math.cos(2 * Math.PI * u)));`;
  }
}

/** Timers as locals: a counter for their names, the pending ones by XState's slot. */
export interface Timers {
  named: number;
}
export type Pending = ReadonlyArray<{ slot: number; name: string }>;

/** Schedules and cancels an edge's timers at compile time, each pending deadline a local declared in `lines`. */
export function timersOf(pending: Pending, edge: Edge, lines: string[], names: Timers): Pending {
  let timers = pending;
  for (const op of edge.timers) {
    timers = timers.filter((t) => t.slot !== op.slot);
    if (op.op === 'schedule') {
      const name = `t${names.named++}`;
      lines.push(`const ${name} = now + ${op.delayMs};`);
      timers = [...timers, { slot: op.slot, name }];
    }
  }
  return timers;
}

/** The outcome observer's step from `from` (OutcomeObserver.step), its indexes constants: the lines, the phase last in and the phases seen after it. */
export function observerStep(from: Node, lastPhase: number, seen: readonly number[], line: (x: string) => void): { lastPhase: number; seen: readonly number[] } {
  let phase = from.phaseIndex;
  if (phase >= 0) lastPhase = phase;
  else if (from.clockIndex >= 0) phase = lastPhase;
  if (phase >= 0) {
    line(`phaseMs[${phase}] += dt;`);
    if (!seen.includes(phase)) {
      line(`phaseSeen[${phase}] = 1; seenPhases[${seen.length}] = ${phase};`);
      seen = [...seen, phase];
    }
  }
  if (from.clockIndex >= 0) line(`clockMs[${from.clockIndex}] += dt;`);
  return { lastPhase, seen };
}

/** The outcome observer's end (OutcomeObserver.end) where the device reached `node` in `steps` steps. */
export function endLines(node: Node, steps: number, seen: readonly number[], joinedHybrid: boolean, profileResolved: boolean, nodeIndex: (n: Node) => number): string {
  const ctx = node.snapshot.context as { continuedAfterError: boolean };
  const status = node.end === 'standardOobe' ? 'fell-back-to-oobe' : node.end === 'succeeded' && !ctx.continuedAfterError ? 'succeeded' : 'failed';
  return `out.now = now; out.steps = ${steps}; out.seenCount = ${seen.length}; out.last = NODES[${nodeIndex(node)}]; out.stopped = null; out.status = '${status}'; out.joinedHybrid = ${joinedHybrid}; out.profileResolved = ${profileResolved};`;
}

/** What the kernel and the outcome observer know at a place of the tree, all of it at compile time. */
interface State {
  node: Node;
  timers: Pending;
  steps: number;
  lastPhase: number;
  seen: readonly number[];
  profileResolved: boolean;
  joinedHybrid: boolean;
  failedPhase: string | null;
  cause: string | null;
  findings: string[];
  lastReason: string | null;
  hangCause: string | null;
  draws: number;
}

/** Generates the runner: one function per environment, the tree as nested code; null for an environment it does not compile. */
export function compileRunner(env: Environment, seed: number, probes: readonly number[], { loops = true, limits = FLEET_LIMITS } = {}): Compiled | null {
  // A calibrated tenant is not compiled (see the head of this file).
  if (env.calibrated) return null;
  const graph = graphOf(env);
  const tree = merge(probe(env, seed, probes));
  const nodes: Node[] = [];
  const nodeIndex = (n: Node) => (nodes.includes(n) ? nodes.indexOf(n) : nodes.push(n) - 1);
  const names: Timers = { named: 0 };
  let paths = 0;
  let exits = 0;
  let guards = 0;
  // Leaving the compiled code early, the phases it marked seen are counted, so that the observer's reset clears them.
  const exit = (why: string, s: State) => {
    exits++;
    return `out.seenCount = ${s.seen.length}; return -1; // ${why}`;
  };

  /** An answer's step: its clock, its guard, the observer's step, the edge's timers; the state after it. */
  function emitAnswer(t: Extract<T, { k: 'answer' }>, s: State, line: (x: string) => void): State {
    const from = s.node;
    const m = t.from >= 0 ? `d${t.from}` : num(t.value);
    line(`at = now + Math.max(0, Math.round(${m} * 60000));`);
    // A timer due first, or the time limit: the device leaves the compiled path. Noted, not returned from here: the
    // code computes on and the caller drops what it wrote (with an early return at each of the ~60 guards, V8's
    // optimised code ran 2.6 times slower, and took a second to compile).
    guards++;
    line(`bad = bad || at > ${limits.maxMs}${s.timers.map((x) => ` || ${x.name} <= at`).join('')};`);
    line('dt = at - now; now = at;');
    const { lastPhase, seen } = observerStep(from, s.lastPhase, s.seen, line);
    const edge = graph.step(from, t.event as never);
    const target = edge.target;
    const lines: string[] = [];
    const timers = timersOf(s.timers, edge, lines, names);
    for (const l of lines) line(l);
    const type = (t.event as { type: string }).type;
    // The observer's noted() and failed(), at compile time.
    const { finding, cause, reason } = t.notes;
    let { findings, lastReason, hangCause } = s;
    if (finding !== undefined || cause !== undefined || hangCause !== null || reason !== undefined) {
      if (finding && !findings.includes(finding)) findings = [...findings, finding];
      if (reason) lastReason = cause ?? reason;
      if (HANGS.has(type)) hangCause = cause ?? null;
    }
    const fails = from.errorCode === null && target.errorCode !== null;
    const next: State = {
      node: target,
      timers,
      steps: s.steps + 1,
      lastPhase,
      seen,
      profileResolved: s.profileResolved || type === 'profile.downloaded' || type === 'profile.jsonApplied',
      joinedHybrid: s.joinedHybrid || target.hybridJoin,
      failedPhase: fails ? (from.phase ?? 'null') : s.failedPhase,
      cause: fails ? (cause ?? null) : s.cause,
      findings,
      lastReason,
      hangCause,
      draws: 0,
    };
    return next;
  }

  /** One wait's segment of the tree: its draws and its answer, with what follows; null where a chance that draws branches it. */
  function segment(a: T | undefined): { samplers: Sampler[]; answer: Extract<T, { k: 'answer' }>; after: T | undefined } | null {
    if (a?.k !== 'ask') return null;
    let u = a.next;
    const samplers: Sampler[] = [];
    // Draws, and chances of nothing (no draw: an app's failure chance at 0).
    while (u?.k === 'draw' || (u?.k === 'chance' && !(u.p > 0))) {
      if (u.k === 'draw') {
        samplers.push(u.sampler);
        u = u.next;
      } else u = u.no;
    }
    return u?.k === 'answer' ? { samplers, answer: u, after: u.next } : null;
  }

  /** A state answering itself the same way again and again (the ESP's apps one by one): how many times, and what follows. */
  function repeated(t: Extract<T, { k: 'ask' }>): { count: number; after: T | undefined } | null {
    const first = segment(t);
    if (!first) return null;
    const { answer } = first;
    if (answer.notes.finding !== undefined || answer.notes.cause !== undefined || answer.notes.reason !== undefined) return null;
    const edge = graph.step(t.node, answer.event as never);
    if (edge.target !== t.node || edge.timers.length > 0) return null;
    let count = 1;
    let after = first.after;
    for (let seg = segment(after); seg && (after as { node?: Node }).node === t.node; seg = segment(after)) {
      const a = seg.answer;
      if (a.event !== answer.event || a.from !== answer.from || a.value !== answer.value || a.notes.finding !== undefined || a.notes.cause !== undefined || a.notes.reason !== undefined) break;
      // Each app has a sampler of its own: the same code (its kind and parameters) is the same draw.
      if (seg.samplers.length !== first.samplers.length || seg.samplers.some((x, k) => samplerCode(x, 'd') !== samplerCode(first.samplers[k]!, 'd'))) break;
      count++;
      after = seg.after;
    }
    return count >= 3 ? { count, after } : null;
  }

  /** One pass of a repeated segment: its draws and its answer. */
  function emitSegment(t: Extract<T, { k: 'ask' }>, s: State, line: (x: string) => void): State {
    const seg = segment(t)!;
    seg.samplers.forEach((x, k) => line(samplerCode(x, `d${k}`)));
    return emitAnswer(seg.answer, { ...s, draws: seg.samplers.length }, line);
  }

  function gen(t: T | undefined, s: State, indent: string): string[] {
    const out: string[] = [];
    const line = (x: string) => out.push(indent + x);
    if (t === undefined) {
      line(exit('a place no probe reached', s));
      return out;
    }
    switch (t.k) {
      case 'bad':
        line(exit('the probes disagreed, or a rule the trace cannot express', s));
        return out;
      case 'ask':
        if (t.node !== s.node || !s.node.wait || s.node.done) {
          line(exit('the graph and the probes disagree', s));
          return out;
        }
        if (s.steps >= limits.maxSteps) {
          line(exit('the step limit', s));
          return out;
        }
        if (loops) {
          // The first pass as it comes (a phase first seen), the rest a counted loop of the second pass's code (the
          // same state after each: the edge leads back with no timer).
          const run = repeated(t);
          if (run && s.steps + run.count < limits.maxSteps) {
            const s1 = emitSegment(t, s, line);
            const pass: string[] = [];
            emitSegment(t, s1, (x) => pass.push(x));
            line(`for (let r = 1; r < ${run.count}; r++) {`);
            for (const l of pass) line('  ' + l);
            line('}');
            return [...out, ...gen(run.after, { ...s1, steps: s.steps + run.count }, indent)];
          }
        }
        return [...out, ...gen(t.next, { ...s, draws: 0 }, indent)];
      case 'draw': {
        if (s.draws > 7) {
          line(exit('more draws in one answer than the prototype has locals for', s));
          return out;
        }
        line(samplerCode(t.sampler, `d${s.draws}`));
        return [...out, ...gen(t.next, { ...s, draws: s.draws + 1 }, indent)];
      }
      case 'chance': {
        if (!(t.p > 0)) return [...out, ...gen(t.no, s, indent)];
        line(`${UNIFORM}`);
        line(`if (u < ${num(t.p)}) {`);
        out.push(...gen(t.yes, s, indent + '  '));
        line('} else {');
        out.push(...gen(t.no, s, indent + '  '));
        line('}');
        return out;
      }
      case 'answer': {
        const next = emitAnswer(t, s, line);
        return [...out, ...gen(t.next, next, indent)];
      }
      case 'end': {
        if (!s.node.done) {
          line(exit('the graph and the probes disagree', s));
          return out;
        }
        paths++;
        line(endLines(s.node, s.steps, s.seen, s.joinedHybrid, s.profileResolved, nodeIndex));
        if (s.failedPhase !== null) line(`out.everFailed = true; out.failedPhase = ${s.failedPhase === 'null' ? 'null' : `'${s.failedPhase}'`}; out.cause = ${JSON.stringify(s.cause)};`);
        if (s.findings.length) line(`out.findings = ${JSON.stringify(s.findings)};`);
        if (s.lastReason !== null || s.hangCause !== null) line(`out.lastReason = ${JSON.stringify(s.lastReason)}; out.hangCause = ${JSON.stringify(s.hangCause)};`);
        line('return bad ? -1 : now;');
        return out;
      }
    }
  }

  const start: State = { node: graph.root.target, timers: [], steps: 0, lastPhase: -1, seen: [], profileResolved: false, joinedHybrid: false, failedPhase: null, cause: null, findings: [], lastReason: null, hangCause: null, draws: 0 };
  const prologue: string[] = [];
  start.timers = timersOf([], graph.root, prologue, names);
  const body = gen(tree, start, '  ');
  const source = [
    'return function compiledRun(seed, index, out) {',
    '  const phaseMs = out.phaseMs, phaseSeen = out.phaseSeen, seenPhases = out.seenPhases, clockMs = out.clockMs;',
    '  const s = deviceSeed(seed, index);',
    '  let s01 = -1, s00 = ~s, s11 = s | 0, s10 = 0, x = 0, y = 0, a0 = 0, a1 = 0, o = 0, h = 0, u = 0, v = 0;',
    '  let bad = false, now = 0, at = 0, dt = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0;',
    ...prologue.map((l) => '  ' + l),
    ...body,
    '};',
  ].join('\n');
  const run = new Function('deviceSeed', 'NODES', source)(deviceSeed, nodes) as Compiled['run'];
  return { run, source, probes: probes.length, paths, exits, guards };
}

/** What a fleet reads of a device, the same from the engine (`e`) and a compiled run (`c`): the clock, the steps, the status, the end state, every phase's and clock's time, a failure, its cause, the findings. */
export function sameOutcome(e: OutcomeObserver, c: OutcomeObserver): boolean {
  return (
    e.now === c.now &&
    e.steps === c.steps &&
    e.status === c.status &&
    e.last === c.last &&
    e.stopped === c.stopped &&
    e.seenCount === c.seenCount &&
    e.joinedHybrid === c.joinedHybrid &&
    e.profileResolved === c.profileResolved &&
    e.everFailed === c.everFailed &&
    e.failedPhase === c.failedPhase &&
    e.cause === c.cause &&
    e.lastReason === c.lastReason &&
    e.hangCause === c.hangCause &&
    String(e.findings) === String(c.findings) &&
    e.phaseMs.every((x, k) => x === c.phaseMs[k]) &&
    e.clockMs.every((x, k) => x === c.clockMs[k]) &&
    e.seenPhases.every((x, k) => k >= e.seenCount || x === c.seenPhases[k])
  );
}


/**
 * When a thread compiles an environment's runner (a hot counter, as a JIT has): once it has run `compileAfter` of the
 * environment's devices through the engine, counted across chunks and runs (kept with the environment object, so a warm
 * worker's kept plans, src/fleet/chunk.ts, keep their counts and runners), and only while the run still has at least
 * `PAYBACK` of them ahead for this thread. Compiling costs CPU that only many devices pay back: probing and generating
 * take some 25 to 90 ms, then the generated function runs unoptimised for its first 10,000 devices or so while TurboFan
 * compiles it; 60,000 devices of the standard fleet on one thread took 220 to 262 ms of CPU through the engine and 275 to
 * 314 ms compiled at their start, compiling included (three runs each, `.prof` measurement of the twenty-seventh session,
 * docs/performance.md): the worth of some 50,000 of the engine's devices. So a small fleet never compiles, nor a single
 * run of 100,000 devices on 2 workers (each thread has run 40,000 only some 20,000 devices before its end); a run of a
 * million does, early; and a warm worker running the same fleet again (a script, a sweep, the benchmark's rounds) at the
 * start of its second run. `setCompileAfter` changes the count in a thread (tests: 1 compiles every environment at its
 * first device, whatever lies ahead), the environment variable AUTOPILOT_SIM_COMPILE_AFTER in every thread of a process
 * (workers included: how `bench/dump-reports.ts --workers 2` checks the compiled runs' reports against the engine's).
 */
const fromEnv = Number(typeof process === 'undefined' ? undefined : process.env.AUTOPILOT_SIM_COMPILE_AFTER);
let compileAfter = fromEnv > 0 ? fromEnv : 40_000;
const PAYBACK = 45_000;
export function setCompileAfter(devices: number): number {
  const was = compileAfter;
  compileAfter = devices;
  return was;
}
/** Probe devices a runner is compiled from: enough for the paths that matter (a rarer one falls back to the engine). */
const PROBES = Array.from({ length: 100 }, (_, k) => k);
/** A compiled runner that falls back for more than this share of its devices (a hybrid environment's sync reads the clock), counted from this many fallbacks on, is dropped. */
const MOST_FALLBACKS = 0.25;
const FALLBACKS_COUNTED = 500;

interface Hot {
  /** Devices of the environment this thread has run, and how many of them since its runner was compiled fell back. */
  devices: number;
  compiledAt: number;
  fallbacks: number;
  /** undefined: not compiled yet; null: not compiled, ever (calibrated, no path, too many fallbacks). */
  runner: Compiled | null | undefined;
}
let hot = new WeakMap<Environment, Hot>();
/** This thread's devices run compiled, and the environments compiled (for tests and the benchmark's note). */
export const compiledCounts = { devices: 0, environments: 0 };
/**
 * Forgets every environment's count and runner in this thread, and the counts above: a test that compares the engine's
 * runs with compiled ones starts from none (test files share a thread, and a kept plan keeps its environments, so a
 * runner an earlier file compiled ran in what was to be the engine's side: 4,139 devices in one whole-suite run).
 */
export function forgetCompiled(): void {
  hot = new WeakMap();
  compiledCounts.devices = 0;
  compiledCounts.environments = 0;
}

/**
 * One device of a fleet that shares no world with the others, as `runner.run(env, seed, index)` gives it: through the
 * environment's compiled runner once the thread has compiled it, through the engine where that runner cannot follow the
 * device or none is compiled. The same results either way (test/engine/compiled-runner.test.ts, test/fleet/compiled-reports.test.ts).
 * `ahead`: about how many more devices of this run the thread will run (runChunk's estimate).
 */
export function runDevice(runner: FleetRunner, env: Environment, seed: number, index: number, ahead: number): OutcomeObserver {
  let h = hot.get(env);
  if (h === undefined) hot.set(env, (h = { devices: 0, compiledAt: 0, fallbacks: 0, runner: undefined }));
  const devices = ++h.devices;
  const c = h.runner;
  if (c) {
    const out = runner.outcome.reset(env);
    if (c.run(seed, index, out) >= 0) {
      compiledCounts.devices++;
      return out;
    }
    if (++h.fallbacks >= FALLBACKS_COUNTED && h.fallbacks > MOST_FALLBACKS * (devices - h.compiledAt)) h.runner = null;
  } else if (c === undefined && devices >= compileAfter && (ahead >= PAYBACK || compileAfter === 1)) {
    const compiled = compileRunner(env, seed, PROBES);
    h.runner = compiled && compiled.paths > 0 ? compiled : null;
    h.compiledAt = devices;
    if (h.runner) compiledCounts.environments++;
  }
  return runner.run(env, seed, index);
}

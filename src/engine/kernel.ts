// The engine's kernel: a virtual clock, the queue of what can happen next (the awaited
// answer and XState's `after` timers), and the cached pure transitions. It knows nothing of
// what the events mean: who answers a wait is a Responder (the world, faults injected over
// it, a person in the studio), and what a run records is up to its Observers (trace,
// outcome, visits, findings). Ties go to the event scheduled first.
import type { DeploymentEvent } from '../../machines/events.ts';
import type { Wait } from '../../machines/vocabulary.ts';
import { ENGINE_CAUSES as CAUSES, causeText } from '../catalog/causes.ts';
import type { Answer } from '../world/index.ts';
import type { Edge, Node, TimerOp, TransitionGraph } from './transitions.ts';

const MS = 60_000;
const POWER_ON = { type: 'power on' };
const STEPS = 0;
const NO_EVENT = 1;
const TIME = 2;

/** What the kernel asks a responder: the wait of the state reached, its tags, the clock and the step count. */
export interface Ask {
  wait: Wait;
  /** The wait's index in WAITS (machines/vocabulary.ts): the kernel gives it, so the world finds its rule without a lookup by name. */
  waitId?: number;
  tags: ReadonlySet<string>;
  /** Virtual milliseconds since the device was turned on. */
  now: number;
  /** Steps taken so far: the index at which a fault is injected. */
  step: number;
}

/** Who answers what a state waits on. The world is one; drivers wrap or replace it. */
export interface Responder {
  /** The answer to a wait, or null when nothing will come. The ask is reused: read it, do not keep it; so may the answer be (the world refills one), and the kernel reads it before it asks again. */
  answer(ask: Ask): Answer | null;
  /** The kernel delivered this answer to the machine (a timer did not overtake it). */
  delivered(answer: Answer): void;
}

/** Reads the kernel after power-on, after each step and at the end. Observers never change the run. */
export interface Observer {
  start(k: Kernel): void;
  step(k: Kernel): void;
  end(k: Kernel): void;
}

interface Timer {
  at: number;
  seq: number;
  /** The timer's id as its slot (TimerOp.slot). */
  slot: number;
  event: { type: string };
}

export interface Limits {
  maxSteps: number;
  maxMs: number;
}

/**
 * One device's run. The fields are the kernel's state, read by observers: during `step`,
 * `from` is the state left, `node` the state entered, `event` what moved it, `answer` the
 * responder's answer when it was one (null for a timer), `spent` the milliseconds spent in `from`.
 */
export class Kernel {
  now = 0;
  steps = 0;
  node: Node;
  from: Node;
  edge: Edge;
  event: DeploymentEvent | { type: string } = POWER_ON;
  answer: Answer | null = null;
  byTimer = false;
  spent = 0;
  /** What the answer overtaken by a timer was about (an app's name), if one was awaited. */
  awaited: string | undefined = undefined;
  /** Why the run stopped before a final state, or null. */
  stopped: string | null = null;

  /** The queue: its first `queued` entries, in (time, sequence) order; the array is kept across devices, so it does not grow again for each. */
  private readonly timers: Timer[] = [];
  private queued = 0;
  private seq = 0;
  private pending: Answer | null = null;
  private pendingAt = 0;
  private pendingSeq = 0;
  private readonly ask: Ask = { wait: undefined as unknown as Wait, waitId: -1, tags: new Set(), now: 0, step: 0 };

  constructor(
    public graph: TransitionGraph,
    public responder: Responder,
    readonly observers: readonly Observer[],
    readonly limits: Limits,
  ) {
    this.edge = graph.root;
    this.node = this.from = graph.root.target;
  }

  /** Ready for another device (fleets reuse one kernel). */
  restart(graph: TransitionGraph, responder: Responder): void {
    this.graph = graph;
    this.responder = responder;
    this.edge = graph.root;
    this.node = this.from = graph.root.target;
    this.now = this.steps = this.spent = this.seq = 0;
    this.event = POWER_ON;
    this.answer = this.pending = null;
    this.byTimer = false;
    this.awaited = undefined;
    this.stopped = null;
    this.queued = 0;
  }

  /** Runs the device to a final state or a stop. */
  run(): this {
    const { graph, responder, observers, limits, timers, ask } = this;
    const watching = observers.length;
    this.schedule(graph.root.timers);
    for (let i = 0; i < watching; i++) observers[i]!.start(this);
    let node = this.node;
    while (!node.done) {
      if (this.steps >= limits.maxSteps) {
        this.stop(STEPS, node);
        break;
      }
      let pending = this.pending;
      if (!pending && node.wait) {
        ask.wait = node.wait;
        ask.waitId = node.waitId;
        ask.tags = node.tags;
        ask.now = this.now;
        ask.step = this.steps;
        pending = responder.answer(ask);
        if (pending) {
          this.pending = pending;
          this.pendingAt = this.now + Math.max(0, Math.round(pending.minutes * MS));
          this.pendingSeq = this.seq++;
        }
      }
      const timer = this.queued ? timers[0]! : null;
      const byTimer = timer !== null && (!pending || timer.at < this.pendingAt || (timer.at === this.pendingAt && timer.seq < this.pendingSeq));
      if (!byTimer && !pending) {
        this.stop(NO_EVENT, node);
        break;
      }
      const at = byTimer ? timer!.at : this.pendingAt;
      if (at > limits.maxMs) {
        this.stop(TIME, node);
        break;
      }
      this.spent = at - this.now;
      this.now = at;
      this.steps++;
      this.from = node;
      this.byTimer = byTimer;
      this.awaited = pending ? pending.detail : undefined;
      let event: DeploymentEvent | { type: string };
      let answer: Answer | null;
      if (byTimer) {
        this.dequeue();
        event = timer!.event;
        answer = null;
      } else {
        event = pending!.event;
        answer = pending;
        this.pending = null;
      }
      this.answer = answer;
      this.event = event;
      const edge = graph.step(node, event as DeploymentEvent);
      this.edge = edge;
      const target = edge.target;
      this.node = target;
      if (edge.timers.length) this.schedule(edge.timers);
      if (answer) responder.delivered(answer);
      // A timer moved the flow: the awaited answer no longer matters.
      else if (target.path !== node.path) this.pending = null;
      for (let i = 0; i < watching; i++) observers[i]!.step(this);
      node = target;
    }
    for (let i = 0; i < watching; i++) observers[i]!.end(this);
    return this;
  }

  /** Why the run stops before a final state (apart from the loop: rare, and the loop stays small enough for V8 to inline into). */
  private stop(why: typeof STEPS | typeof NO_EVENT | typeof TIME, node: Node): void {
    const limits = this.limits;
    if (why === STEPS) this.stopped = causeText(CAUSES.stoppedSteps, { steps: limits.maxSteps });
    else if (why === NO_EVENT) this.stopped = causeText(CAUSES.noEvent, { state: node.path });
    else this.stopped = causeText(CAUSES.stoppedLimit, { minutes: Math.round(limits.maxMs / MS) });
  }

  /** Schedule and cancel XState's delayed events, keeping the queue in (time, sequence) order; in place (splice makes an array a call). */
  private schedule(ops: readonly TimerOp[]): void {
    const timers = this.timers;
    for (const op of ops) {
      let kept = 0;
      for (let i = 0; i < this.queued; i++) {
        const t = timers[i]!;
        if (t.slot !== op.slot) timers[kept++] = t;
      }
      this.queued = kept;
      if (op.op === 'schedule') {
        const t: Timer = { at: this.now + op.delayMs, seq: this.seq++, slot: op.slot, event: op.event };
        let i = this.queued++;
        if (i === timers.length) timers.push(t);
        while (i > 0 && (timers[i - 1]!.at > t.at || (timers[i - 1]!.at === t.at && timers[i - 1]!.seq > t.seq))) {
          timers[i] = timers[i - 1]!;
          i--;
        }
        timers[i] = t;
      }
    }
  }

  /** The first timer fired: the rest move up. */
  private dequeue(): void {
    const timers = this.timers;
    this.queued--;
    for (let i = 0; i < this.queued; i++) timers[i] = timers[i + 1]!;
  }
}

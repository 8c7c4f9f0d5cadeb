// The engine's kernel: a virtual clock, the queue of what can happen next (the awaited
// answer and XState's `after` timers), and the cached pure transitions. It knows nothing of
// what the events mean: who answers a wait is a Responder (the world, faults injected over
// it, a person in the studio), and what a run records is up to its Observers (trace,
// outcome, visits, findings). Ties go to the event scheduled first.
import type { DeploymentEvent } from '../../machines/events.ts';
import type { Wait } from '../catalog/vocabulary.ts';
import { ENGINE_CAUSES as CAUSES, causeText } from '../catalog/causes.ts';
import type { Answer } from '../world/index.ts';
import type { Node, TimerOp, TransitionGraph } from './transitions.ts';

const MS = 60_000;
const STEPS = 0;
const NO_EVENT = 1;
const TIME = 2;

/** What the kernel asks a responder: the wait of the state reached, its tags, the clock and the step count. */
export interface Ask {
  wait: Wait;
  /** The wait's index in WAITS (src/catalog/vocabulary.ts): the kernel gives it, so the world finds its rule without a lookup by name. */
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

/**
 * Reads the kernel after power-on, after each step and at the end. Observers never change the run. A step's
 * state left, the event that moved it and the responder's answer (null when a timer moved it) come as arguments,
 * not kernel fields: a fleet's kernel takes ~30 steps a device, and every pointer stored in a long-lived object
 * costs a write barrier.
 */
export interface Observer {
  start(k: Kernel): void;
  step(k: Kernel, from: Node, event: DeploymentEvent | { type: string }, answer: Answer | null): void;
  end(k: Kernel): void;
}

export interface Limits {
  maxSteps: number;
  maxMs: number;
}

/**
 * One device's run. The fields are the kernel's state, read by observers: during `step`, `node` is
 * the state entered, `spent` the milliseconds spent in the state left, `byTimer` whether a timer moved it.
 */
export class Kernel {
  now = 0;
  steps = 0;
  node: Node;
  byTimer = false;
  spent = 0;
  /** On a timer's step: what the answer it overtook was about (an app's name), if one was awaited. */
  awaited: string | undefined = undefined;
  /** Why the run stopped before a final state, or null. */
  stopped: string | null = null;

  /**
   * The queue of XState's delayed events: its first `queued` entries, in (time, sequence) order, as parallel
   * arrays (when each fires, its sequence number, its id as a slot, its event), not an object a timer: kept
   * across devices, so a fleet's timers allocate nothing.
   */
  private readonly timerAt: number[] = [];
  private readonly timerSeq: number[] = [];
  private readonly timerSlot: number[] = [];
  private readonly timerEvent: Array<{ type: string }> = [];
  private queued = 0;
  private seq = 0;
  private readonly ask: Ask = { wait: undefined as unknown as Wait, waitId: -1, tags: new Set(), now: 0, step: 0 };

  constructor(
    public graph: TransitionGraph,
    public responder: Responder,
    readonly observers: readonly Observer[],
    readonly limits: Limits,
  ) {
    this.node = graph.root.target;
  }

  /** Ready for another device (fleets reuse one kernel). */
  restart(graph: TransitionGraph, responder: Responder): void {
    this.graph = graph;
    this.responder = responder;
    this.node = graph.root.target;
    this.now = this.steps = this.spent = this.seq = 0;
    this.byTimer = false;
    this.awaited = undefined;
    this.stopped = null;
    this.queued = 0;
  }

  /** Runs the device to a final state or a stop. */
  run(): this {
    const { graph, responder, observers, limits, timerAt, ask } = this;
    const watching = observers.length;
    this.schedule(graph.root.timers);
    for (let i = 0; i < watching; i++) observers[i]!.start(this);
    let node = this.node;
    // The clock, the step count and the awaited answer in locals (the fields are written for the observers): the
    // loop's chain from one step's time to the next stays in registers.
    let now = this.now;
    let steps = this.steps;
    let pending: Answer | null = null;
    let pendingAt = 0;
    let pendingSeq = 0;
    while (!node.done) {
      if (steps >= limits.maxSteps) {
        this.stop(STEPS, node);
        break;
      }
      if (!pending && node.wait) {
        // The same state asks again (an ESP's apps, one by one): its wait and tags are already there.
        if (ask.tags !== node.tags || ask.waitId !== node.waitId) {
          ask.wait = node.wait;
          ask.waitId = node.waitId;
          ask.tags = node.tags;
        }
        ask.now = now;
        ask.step = steps;
        pending = responder.answer(ask);
        if (pending) {
          pendingAt = now + Math.max(0, Math.round(pending.minutes * MS));
          pendingSeq = this.seq++;
        }
      }
      const timed = this.queued > 0;
      const byTimer = timed && (!pending || timerAt[0]! < pendingAt || (timerAt[0] === pendingAt && this.timerSeq[0]! < pendingSeq));
      if (!byTimer && !pending) {
        this.stop(NO_EVENT, node);
        break;
      }
      const at = byTimer ? timerAt[0]! : pendingAt;
      if (at > limits.maxMs) {
        this.stop(TIME, node);
        break;
      }
      this.spent = at - now;
      this.now = now = at;
      this.steps = ++steps;
      if (byTimer) {
        this.byTimer = true;
        this.awaited = pending ? pending.detail : undefined;
      } else this.byTimer = false;
      let event: DeploymentEvent | { type: string };
      let answer: Answer | null;
      if (byTimer) {
        event = this.timerEvent[0]!;
        this.dequeue();
        answer = null;
      } else {
        event = pending!.event;
        answer = pending;
        pending = null;
      }
      const edge = graph.step(node, event as DeploymentEvent);
      const target = edge.target;
      this.node = target;
      if (edge.timers.length) this.schedule(edge.timers);
      if (answer) responder.delivered(answer);
      // A timer moved the flow: the awaited answer no longer matters.
      else if (target.path !== node.path) pending = null;
      for (let i = 0; i < watching; i++) observers[i]!.step(this, node, event, answer);
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
    const { timerAt, timerSeq, timerSlot } = this;
    for (const op of ops) {
      let kept = 0;
      for (let i = 0; i < this.queued; i++) if (timerSlot[i] !== op.slot) this.move(kept++, i);
      this.queued = kept;
      if (op.op === 'schedule') {
        const at = this.now + op.delayMs;
        const seq = this.seq++;
        let i = this.queued++;
        if (i === timerAt.length) {
          timerAt.push(0);
          timerSeq.push(0);
          timerSlot.push(0);
          this.timerEvent.push(op.event);
        }
        while (i > 0 && (timerAt[i - 1]! > at || (timerAt[i - 1] === at && timerSeq[i - 1]! > seq))) {
          this.move(i, i - 1);
          i--;
        }
        timerAt[i] = at;
        timerSeq[i] = seq;
        timerSlot[i] = op.slot;
        this.timerEvent[i] = op.event;
      }
    }
  }

  /** The queue's entry `from` copied to `to`. */
  private move(to: number, from: number): void {
    if (to === from) return;
    this.timerAt[to] = this.timerAt[from]!;
    this.timerSeq[to] = this.timerSeq[from]!;
    this.timerSlot[to] = this.timerSlot[from]!;
    this.timerEvent[to] = this.timerEvent[from]!;
  }

  /** The first timer fired: the rest move up. */
  private dequeue(): void {
    this.queued--;
    for (let i = 0; i < this.queued; i++) this.move(i, i + 1);
  }
}

// A session a trainer steps through: one device's run, with a cursor that moves forward
// and back, and faults injected at the current step. Because a run is deterministic from
// its environment, seed and injected faults, the whole run is recomputed on each change
// (well under a millisecond) and "step back" is just moving the cursor. Pure: the studio
// runs it in the browser; `play` runs it in a terminal.
import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode } from 'xstate';
import { z } from 'zod';
import { machines } from '../../machines/index.ts';
import { sourceOf, type DeploymentEvent } from '../../machines/events.ts';
import { EnvironmentSchema, type Environment, type EnvironmentInput } from '../environment/schema.ts';
import { CONDITIONS, FAULTS_BY_WAIT, MODES, type Fault, type FailureMode } from '../world/failure-modes.ts';
import { eventName } from '../../machines/labels.ts';
import { initialContext } from '../../machines/setup.ts';
import { inputFor, jsonReadable } from '../world/index.ts';
import { withFaults, withPerson } from './drivers.ts';
import { attributed } from './observers.ts';
import { simulate, type Outcome, type TraceEntry } from './simulate.ts';
import { findNode, snapshotAt } from './structure.ts';

/** A fault or choice injected into a run, and where. */
export interface Injected {
  /** The step it answers at (a trace entry's `step`). */
  step: number;
  /** The fault's or choice's id, as `faults` and `choicesFor()` give it. */
  fault: string;
  /** Its label, as the studio's fault panel lists it. */
  label: string;
  /** What answers at that step instead of the world. */
  event: DeploymentEvent;
}

/** A run as a file or a link: enough to reproduce it exactly. */
export const RunFileSchema = z.strictObject({
  format: z.literal('autopilot-sim-run'),
  version: z.literal(1),
  name: z.string().max(200).optional(),
  environment: z.record(z.string(), z.unknown()),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  faults: z.array(z.strictObject({ step: z.number().int().min(0).max(10_000), fault: z.string().max(100) })).max(100),
  cursor: z.number().int().min(0).max(10_000).default(0),
  /**
   * A lesson's run carries its scenario file's `lesson:` block and hidden ending `expect:`, so that the studio shows the
   * lesson wherever the run goes (its address, a shared link, an exported file). The studio checks them as a scenario
   * file's (src/studio/app/run.ts); replaying the run does not read them.
   */
  lesson: z.record(z.string(), z.unknown()).optional(),
  expect: z.record(z.string(), z.unknown()).optional(),
});
export type RunFile = z.infer<typeof RunFileSchema>;

/** A choice's id: 'choose:user.retry'. */
export const CHOICE = 'choose:';
export const isChoice = (id: string): boolean => id.startsWith(CHOICE);

/** Events that fail with a code are faults (src/world/failure-modes.ts); profile events carry the profile. */
const FAULT_TYPES = new Set(Object.values(FAULTS_BY_WAIT).flatMap((fs) => fs.map((f) => f.event.type as string)));
const NEEDS_PAYLOAD = new Set(['profile.downloaded', 'profile.jsonApplied', 'profile.unavailable']);
/** The world's other answers worth a class's "what if" (not its bookkeeping: each app, each ESP item). */
const WORLD_CHOICES = new Set(['network.needsSetup', 'network.wired', 'zdp.installed', 'zdp.none', 'tpm.attested', 'dc.reachable', 'connector.odjBlobDelivered', 'entra.joined', 'mdm.enrolled', 'winre.ready', 'reset.eligible']);
const CHOOSABLE = (type: string): boolean =>
  !type.startsWith('xstate.') && !FAULT_TYPES.has(type) && !NEEDS_PAYLOAD.has(type) && (sourceOf(type) !== 'world' || WORLD_CHOICES.has(type));

/** Runs are small (an environment, a seed, a few faults): anything bigger is not one. */
export const MAX_RUN_FILE = 256 * 1024;

/**
 * A run stepped by hand, as the studio steps one: a cursor over its trace, and faults or choices injected at a step,
 * the run worked out again from there. The library exports it checked (src/index.ts); each member's comment is here.
 */
export class Session {
  /** The environment as parsed, every section with its defaults. */
  readonly env: Environment;
  private injected: Injected[];
  private result!: { trace: TraceEntry[]; outcome: Outcome };
  /** The step shown now, an index into `trace` (`step()`, `back()` and `seek()` move it). */
  cursor = 0;

  constructor(
    /** The environment as given (`toFile()` saves it so). */
    readonly input: EnvironmentInput,
    /** The run's seed: the same environment, seed and injections give the same run. */
    readonly seed: number,
    faults: Array<{ step: number; fault: string }> = [],
    /** The run's name, when it has one (a lesson's). */
    readonly name?: string,
  ) {
    this.env = EnvironmentSchema.parse(input);
    this.injected = [];
    this.recompute();
    for (const f of faults) this.injectAt(f.step, f.fault);
  }

  private recompute(): void {
    this.result = this.run(this.injected);
    this.endings.clear();
  }

  /** Each fault's ending at a step, for the run as it now is (the studio asks on every render). */
  private readonly endings = new Map<string, string | undefined>();

  private run(injected: readonly Injected[], trace = true): { trace: TraceEntry[]; outcome: Outcome } {
    // The world answers; the trainer's faults and the person's choices answer instead at their steps.
    const faults: Record<number, { event: DeploymentEvent; label: string }> = {};
    const choices: Record<number, { event: DeploymentEvent; label: string }> = {};
    // Each kept as it was injected: once a choice is made it is what happens next, so the trace no longer offers it as a change.
    for (const i of injected) (isChoice(i.fault) ? choices : faults)[i.step] = { event: i.event, label: i.label };
    return simulate(this.env, { seed: this.seed, trace, drivers: [(world) => withFaults(world, faults), (under) => withPerson(under, choices)] });
  }

  /** Faults and choices: whatever can replace the world's answer at an entry. */
  changesFor(entry: TraceEntry): Fault[] {
    return [...this.faultsFor(entry), ...this.choicesFor(entry)];
  }

  /**
   * The other answers the world or a person can give in the state an entry reached, besides
   * what the run does next: a network that needs setting up, Try again, Reset device, Continue
   * anyway, the technician's Win key five times. Each is an event the state accepts now (its
   * guard holds) that carries no error code (those are faults). Choosing one forks the run as a fault does.
   */
  choicesFor(entry: TraceEntry): Fault[] {
    if (!entry.wait) return [];
    const machine = machines[this.env.scenario] as unknown as AnyStateMachine;
    const node = stateNode(this.env.scenario, entry.state);
    if (!node) return [];
    const types = new Set<string>();
    for (let n: AnyStateNode | undefined = node; n; n = n.parent) for (const t of Object.keys(n.on)) if (CHOOSABLE(t)) types.add(t);
    if (!types.size) return [];
    const snapshot = this.snapshotAt(machine, entry.state);
    const next = this.result.trace[this.result.trace.indexOf(entry) + 1];
    const out: Fault[] = [];
    for (const type of types) {
      if (next && next.event === type) continue; // what happens anyway
      let accepted = false;
      try {
        accepted = (machine.getTransitionData(snapshot, { type } as never) as unknown[]).length > 0;
      } catch {
        accepted = false;
      }
      if (!accepted) continue;
      // Named as the chart names it: by who acts (someone at a self-deploying device, not a user) and the wait.
      const source = attributed(type, snapshot.tags);
      out.push({ id: `${CHOICE}${type}`, label: eventName(type, entry.wait, source), event: { type } as DeploymentEvent, source });
    }
    return out;
  }

  private snapshotAt(machine: AnyStateMachine, path: string): AnyMachineSnapshot {
    const mode = this.env.scenario === 'pre-provisioned' ? 'pre-provisioned' : this.env.scenario === 'self-deploying' ? 'self-deploying' : 'user-driven';
    return snapshotAt(machine, path, initialContext(inputFor(this.env), mode));
  }

  /**
   * Faults that can happen in the state an entry reached: documented for what it waits on,
   * accepted by the state, possible for this device (no deleted Entra object or assigned
   * profile on a device never imported), and not what happens anyway. A fault that sends the
   * event and code the world sends next is kept only if the run then goes another way: one
   * that differs in the cause's words alone (not registered, or the service blocked, on an
   * unregistered device that finds no profile regardless) changes nothing a trainer can show.
   */
  faultsFor(entry: TraceEntry): Fault[] {
    if (!entry.wait) return [];
    const node = stateNode(this.env.scenario, entry.state);
    if (!node) return [];
    // Weighed against the run without what was injected at this step or later, as the fork keeps only what came before:
    // a fault offered here must be offered again when a run file is read back with only the injections before it.
    let base: { trace: TraceEntry[]; outcome: Outcome } | undefined;
    const baseline = () => (base ??= this.injected.some((i) => i.step >= entry.step) ? this.run(this.injected.filter((i) => i.step < entry.step)) : this.result);
    const anyway = (f: Fault) => {
      const b = baseline();
      const next = b.trace[b.trace.findIndex((e) => e.step === entry.step) + 1];
      return next !== undefined && next.event === f.event.type && next.code === f.code && this.changesNothing(entry, f, b);
    };
    // An existing device whose JSON OOBE reads never falls back to ordinary OOBE at its profile download (the JSON stands in, §2.7).
    let userFlow = false;
    for (let n: AnyStateNode | undefined = node; n && !userFlow; n = n.parent) userFlow = n.tags.includes('flow:user');
    const jsonStandsIn = this.env.scenario === 'existing-devices' && jsonReadable(this.env) && !userFlow;
    return (FAULTS_BY_WAIT[entry.wait] ?? []).filter(
      (f: Fault) => node.on[f.event.type] !== undefined && !(jsonStandsIn && f.event.type === 'profile.unavailable') && this.possible(f) && this.reached(f, entry, node) && !anyway(f),
    );
  }

  /**
   * A fault the world gives only in one flow, or only after something in the run, or not after it (failure-modes.ts:
   * Injection.tag, after, notAfter): attestation failing on the retry after the technician pressed Reset is not offered at
   * a first attestation. The run up to the entry is the same whatever was injected there or later.
   */
  private reached(f: Fault, entry: TraceEntry, node: AnyStateNode): boolean {
    if (f.tag) {
      let tagged = false;
      for (let n: AnyStateNode | undefined = node; n && !tagged; n = n.parent) tagged = n.tags.includes(f.tag);
      if (!tagged) return false;
    }
    if (!f.after && !f.notAfter) return true;
    // Back from the entry to when the device last shipped: the world forgets a restart in the depot's device setup at Reseal,
    // and the user logs on where the depot's domain controller may not be.
    const trace = this.result.trace;
    const passed = new Set<string>();
    for (let i = trace.indexOf(entry); i >= 0 && trace[i]!.phase !== 'shipping'; i--) passed.add(trace[i]!.event);
    return (!f.after || f.after.some((e) => passed.has(e))) && !(f.notAfter ?? []).some((e) => passed.has(e));
  }

  /**
   * What of the run's set-up a fault goes against, as 'field: value' (the set-up's value): each field the environment
   * gives a value of its own (not its scenario's default), and the device's kind and TPM, which the studio's header
   * shows, where the fault's condition (its mode's trigger) has another value. A VM's failed attestation on a physical
   * device with TPM 2.0, or 'No domain controller or VPN at the logon screen' where the file has a VPN at logon: still
   * offered, as a what-if the class may ask for, and said to be one. Lists (apps) are left out: a fault's app is one
   * more, not the file's changed. Read from the parsed environment, so a file and the same file with its defaults
   * written out (play's input, the studio's) give the same answer.
   */
  setUpAgainst(f: Fault): string[] {
    if (!f.mode) return [];
    const trigger = (MODES[f.mode] as FailureMode).trigger;
    const env: EnvironmentInput | undefined = typeof trigger === 'string' ? (CONDITIONS[trigger] as EnvironmentInput) : trigger.env;
    const defaults = (this.defaults ??= EnvironmentSchema.parse({ scenario: this.env.scenario }));
    const at = (o: unknown, path: string[]) => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const shown = (p: string[]) => p[0] === 'hardware' && (p[1] === 'kind' || p[1] === 'tpm');
    const out: string[] = [];
    const walk = (o: Record<string, unknown>, path: string[]) => {
      for (const [k, v] of Object.entries(o)) {
        const p = [...path, k];
        if (v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, p);
        else if (!Array.isArray(v)) {
          const mine = at(this.env, p);
          if (mine !== undefined && !Array.isArray(mine) && !same(mine, v) && (shown(p) || !same(mine, at(defaults, p)))) out.push(`${p.join('.')}: ${String(mine)}`);
        }
      }
    };
    walk((env ?? {}) as Record<string, unknown>, []);
    return out;
  }
  private defaults: Environment | undefined;

  /** A fault whose mode needs an imported device (its trigger sets the registration's other fields) cannot happen on one that is not. */
  private possible(f: Fault): boolean {
    if (this.env.registration.registered || !f.mode) return true;
    const trigger = (MODES[f.mode] as FailureMode).trigger;
    const env: EnvironmentInput | undefined = typeof trigger === 'string' ? (CONDITIONS[trigger] as EnvironmentInput) : trigger.env;
    return Object.keys(env?.registration ?? {}).every((k) => k === 'registered');
  }

  /**
   * The error code a fault injected at an entry makes the run end with, which is what the class
   * will see: not always the code its event carries (an app restarting inside its installer
   * sends APP_REBOOT_HANG, and the run ends when a timer runs out: the ESP's, ESP_TIMEOUT, or a
   * device preparation policy's, APDP_TIMEOUT). The fault's own code when the run does not fail with one.
   */
  endingOf(entry: TraceEntry, f: Fault): string | undefined {
    const key = `${entry.step}:${f.id}`;
    // Only the ending is read: the fork runs without its trace (a step in the studio forks once for each fault on offer).
    if (!this.endings.has(key)) this.endings.set(key, this.forked(entry, f, false).outcome.errorCode ?? f.code);
    return this.endings.get(key);
  }

  private forked(entry: TraceEntry, f: Fault, trace = true): { trace: TraceEntry[]; outcome: Outcome } {
    return this.run([...this.injected.filter((i) => i.step < entry.step), { step: entry.step, fault: f.id, label: f.label, event: f.event }], trace);
  }

  /** Whether injecting a fault at an entry leaves `base` (the run without what was injected there or later) as it is, but for the cause's words. */
  private changesNothing(entry: TraceEntry, f: Fault, base: { trace: TraceEntry[]; outcome: Outcome }): boolean {
    const other = this.forked(entry, f);
    const { trace } = base;
    const same = (a: TraceEntry, b: TraceEntry | undefined) => !!b && a.state === b.state && a.event === b.event && a.code === b.code;
    const o = base.outcome;
    const p = other.outcome;
    return other.trace.length === trace.length && trace.every((e, i) => same(e, other.trace[i])) && o.status === p.status && o.errorCode === p.errorCode && o.failedPhase === p.failedPhase;
  }

  /** Every step of the run as it now is, injections included, from power on to its end. */
  get trace(): TraceEntry[] {
    return this.result.trace;
  }
  /** How the run ends, injections included. */
  get outcome(): Outcome {
    return this.result.outcome;
  }
  /** The step at the cursor. */
  get current(): TraceEntry {
    return this.result.trace[this.cursor]!;
  }
  /** Whether the cursor is at the run's last step. */
  get atEnd(): boolean {
    return this.cursor >= this.result.trace.length - 1;
  }
  /** The faults that can happen at the current step, each with its error code and message (`inject(id)` injects one). */
  get faults(): Fault[] {
    return this.faultsFor(this.current);
  }
  /** What was injected, and at which step, in step order. */
  get injections(): readonly Injected[] {
    return this.injected;
  }

  /** Moves to the next step; false at the end. */
  step(): boolean {
    if (this.atEnd) return false;
    this.cursor++;
    return true;
  }
  /** Moves to the step before; false at the first. */
  back(): boolean {
    if (this.cursor === 0) return false;
    this.cursor--;
    return true;
  }
  /** Moves to a step of the run, by its index in `trace` (one past either end stops there). */
  seek(index: number): void {
    this.cursor = Math.max(0, Math.min(this.result.trace.length - 1, Math.floor(index)));
  }

  /**
   * A fault, or another choice such as 'Try again', injected at the current step by its id (`faultsFor(current)` and
   * `choicesFor(current)` list them): it answers here instead of the world or the person, and the run is worked out again
   * from there. Later injections are dropped: they belonged to a future that no longer happens.
   */
  inject(faultId: string): Fault {
    return this.injectAt(this.current.step, faultId);
  }

  private injectAt(step: number, faultId: string): Fault {
    const entry = this.result.trace.find((t) => t.step === step);
    const fault = entry ? this.changesFor(entry).find((f) => f.id === faultId) : undefined;
    if (!entry || !fault) throw new Error(`fault "${faultId}" cannot happen at step ${step}${entry ? ` (${entry.state})` : ''}`);
    this.injected = [...this.injected.filter((i) => i.step < step), { step, fault: faultId, label: fault.label, event: fault.event }];
    const cursor = this.result.trace.indexOf(entry);
    this.recompute();
    this.cursor = cursor;
    return fault;
  }

  /** The run as a file (JSON), enough to replay it exactly with `Session.fromFile`: the environment, seed, injections and cursor. */
  toFile(): RunFile {
    return {
      format: 'autopilot-sim-run',
      version: 1,
      ...(this.name ? { name: this.name } : {}),
      environment: this.input as Record<string, unknown>,
      seed: this.seed,
      faults: this.injected.map(({ step, fault }) => ({ step, fault })),
      cursor: this.cursor,
    };
  }

  /** A run saved with `toFile()` (or exported from the studio), replayed to the same step. */
  static fromFile(data: unknown): Session {
    const size = JSON.stringify(data)?.length ?? 0;
    if (size > MAX_RUN_FILE) throw new Error(`a run file is at most ${MAX_RUN_FILE / 1024} KB; this one is ${Math.round(size / 1024)} KB`);
    const file = RunFileSchema.parse(data);
    const s = new Session(file.environment as EnvironmentInput, file.seed, file.faults, file.name);
    s.seek(file.cursor);
    return s;
  }
}

/** The state node at a trace entry's dotted path. */
export function stateNode(scenario: Environment['scenario'], path: string): AnyStateNode | undefined {
  return findNode(machines[scenario] as unknown as AnyStateMachine, path);
}

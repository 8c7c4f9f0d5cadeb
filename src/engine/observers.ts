// What a run records, each as an observer of the kernel (src/engine/kernel.ts): the
// outcome (clocks, phases, the failure and its cause, findings), the trace and the visits.
// Fleets use the outcome observer alone, one per chunk reused for every device: its phase and
// clock time are kept in arrays indexed by integers, and the Outcome object is made only
// when asked for (single runs, CSV rows, devices that did not succeed).
import { codeOf, sourceOf, type DeploymentEvent, type EventFields, type Source } from '../../machines/events.ts';
import type { End, EspRow, EspRun, MachinePhase, Screen, Wait } from '../catalog/vocabulary.ts';
import { PHASE_ORDER } from '../catalog/vocabulary.ts';
import { lookup, messageBeside, messageWhere, type ErrorId } from '../catalog/errors.ts';
import { ENGINE_CAUSES as CAUSES, causeText } from '../catalog/causes.ts';
import type { Environment, Status } from '../environment/schema.ts';
import type { Answer, World } from '../world/index.ts';
import type { Kernel, Observer } from './kernel.ts';
import { CLOCKS } from './clocks.ts';
import { endsAtDesktop, noUserEndScreen } from '../catalog/continued.ts';
import type { Node } from './transitions.ts';

/** The phases of Autopilot device preparation's own flow (§7), where its policy's timer runs. */
const DEVICE_PREPARATION_PHASES: ReadonlySet<MachinePhase> = new Set(['cloudPc', 'policyInstallation', 'appsInstallation', 'scriptsInstallation']);

/** One step of a run: the virtual time, who acted, the event, the state the device is in and what is on its screen. */
export interface TraceEntry {
  /** Virtual milliseconds since the device was turned on. */
  at: number;
  /** Steps taken so far (0 at power on): the index for injecting a fault here. */
  step: number;
  /** What the state reached waits on (the world, a person), if anything. */
  wait?: Wait;
  event: string;
  source: Source | 'engine';
  /** The active state after the event. */
  state: string;
  phase: MachinePhase | null;
  screen?: Screen;
  /** The ESP row the state shows (src/catalog/vocabulary.ts ESP_ROWS), inside an ESP section. */
  row?: EspRow;
  /** In an ESP's device or account setup: the apps that section tracks, in order (the world's list, src/world). */
  apps?: readonly string[];
  /** Inside an ESP: the run the step belongs to (src/catalog/vocabulary.ts EspRun), so a view needs no state path. */
  esp?: EspRun;
  narration: string;
  detail?: string;
  cause?: string;
  code?: ErrorId;
  /** Something this step got wrong without failing (src/catalog/findings.ts). */
  finding?: string;
  /** The machine ended here: the final state it reached (src/catalog/vocabulary.ts ENDS), so a view needs no state path. */
  end?: End;
  /** On the run's last step: how the run ended, as its outcome says (a desktop reached by Continue anyway is a failure). */
  status?: Status;
}

/** How a device's run ended: status, error code, message, phase and cause, findings, and the minutes of each person and phase. */
export interface Outcome {
  scenario: Environment['scenario'];
  joinType: 'entra' | 'hybrid';
  /** For existing devices: the deployment that followed the task sequence. */
  followOn?: string;
  status: Status;
  errorCode: string | null;
  errorMessage: string | null;
  /** The phase the device failed in (a key of phaseMinutes, as the trace's phase names it), on a failure only. */
  failedPhase: MachinePhase | null;
  cause: string | null;
  /** Ordinary OOBE without Autopilot: why. */
  fallbackReason: string | null;
  /** No error page, red screen or failure on the way. */
  firstTimeRight: boolean;
  /** The first error, even when a retry then succeeded (the deployments report keeps it). */
  firstError: string | null;
  /**
   * Someone got to a desktop: the user's, or a kiosk's (kioskUser0 signed in by itself). "Continue anyway" counts, and is still a
   * failure. A self-deploying device that ends at the Windows sign-in screen has no one signed in: false (§2.6 S6, src/catalog/continued.ts).
   */
  reachedDesktop: boolean;
  /** Someone pressed "Continue anyway" (or its like) on an error page and the device went on to its end: the deployment stays failed (§1.4). */
  continuedAfterError: boolean;
  endUserMinutes: number;
  technicianMinutes: number;
  unattendedMinutes: number;
  /** Active deployment time: end user + technician + unattended (waiting to ship not counted). */
  totalMinutes: number;
  /** Wall time from power-on to the end, shipping and check-in waits included. */
  elapsedMinutes: number;
  /**
   * Minutes of each phase the device went through, keyed as the trace's phase names them (failedPhase's union): a phase
   * it never reached is absent, so `phaseMinutes.hybridJoin` is `number | undefined`, and a misspelt phase a type error.
   */
  phaseMinutes: Partial<Record<MachinePhase, number>>;
  /** What the deployment got wrong without failing, in the order met (src/catalog/findings.ts); absent when none. */
  findings?: string[];
  steps: number;
  seed: number;
}

export interface Visit {
  tags: ReadonlySet<string>;
  source: Source | 'engine';
  path: string;
  event: string;
}

const MS = 60_000;
/** The phases a run's end is read from (src/catalog/continued.ts), as indexes into PHASE_ORDER. */
const KIOSK = PHASE_ORDER.indexOf('kiosk');
const CLOUD_PC = PHASE_ORDER.indexOf('cloudPc');
/** Minutes to the hundredth. */
export const round2 = (n: number) => Math.round(n * 100) / 100;
/** Milliseconds as whole hundredths of a minute: the rounding of every outcome figure. */
export const hundredths = (ms: number) => Math.round((ms / MS) * 100);
/** Milliseconds as minutes, to the hundredth: the unit of every outcome figure (round2 of the minutes, in the same operations). */
export const minutes = (ms: number) => hundredths(ms) / 100;
/** Active deployment time from its three clocks' minutes: end user + technician + unattended. */
export const activeMinutes = (endUser: number, technician: number, unattended: number) => round2(endUser + technician + unattended);

/** Where a self-deploying device attests, joins and enrolls, past its OOBE front end (§2.6 S2-S5): the ESP's device phases. */
const SELF_DEPLOYING_ESP: ReadonlySet<MachinePhase | null> = new Set<MachinePhase | null>(['devicePreparation', 'deviceSetup', 'deviceJoin']);

/** Answers after which only a timer moves the flow (an app restarting inside its installer, Identifying stuck): their cause is the timeout's. */
const HANGS: ReadonlySet<string> = new Set(['app.hung', 'esp.identifyingHang']);

/**
 * Who caused an event: a person's event in the technician's part of the flow is the technician's (§2.3 T1: the technician sits
 * through that OOBE), and in a flow with no user (self-deploying, §2.6) a person's at the device, not a user's.
 */
export function attributed(type: string, tags: ReadonlySet<string>): Source {
  const source = sourceOf(type);
  if (source !== 'user') return source;
  return tags.has('flow:technician') ? 'technician' : tags.has('flow:noUser') ? 'person' : source;
}

/**
 * Whether a device that did not succeed ended in a pre-provisioned technician flow: failed before any user time, so its
 * user never started (the flow ran at the depot, groups[].technicianSite, where the fleet's site table counts it).
 */
export function endedInTechnicianFlow(o: Pick<Outcome, 'scenario' | 'endUserMinutes' | 'technicianMinutes'>): boolean {
  return o.scenario === 'pre-provisioned' && o.endUserMinutes === 0 && o.technicianMinutes > 0;
}

/**
 * What the outcome says for a code: the catalogue's message (for a code with no documented text, its meaning, bracketed:
 * messageBeside), or for a calibrated tenant's own code the catalogue has no entry
 * for (`reportedCode`, src/world/calibrated.ts), the message of the generic failure it is counted under (an app's install
 * error shows the ESP's page): the outcome said nothing.
 */
function messageOf(code: string, env: Environment, inEsp = false): string | null {
  const own = lookup(code);
  // Inside the ESP with no one at an OOBE page or a sign-in: not the text of a page the device never shows (messageWhere).
  if (own) return messageWhere(own, inEsp);
  const generic = lookup(env.calibrated?.failures.find((f) => f.reportedCode === code)?.code ?? '');
  return generic ? messageBeside(generic) : null;
}

/** The outcome: time per phase and clock, the first failure and its cause, the findings. */
export class OutcomeObserver implements Observer {
  /** Milliseconds per phase (index into PHASE_ORDER) and whether the device was in it at all. */
  readonly phaseMs = new Float64Array(PHASE_ORDER.length);
  readonly phaseSeen = new Uint8Array(PHASE_ORDER.length);
  /** The phases the device was in (indexes into PHASE_ORDER), as first met: the first `seenCount`. A fleet reads and clears only these. */
  readonly seenPhases = new Uint8Array(PHASE_ORDER.length);
  seenCount = 0;
  readonly clockMs = new Float64Array(CLOCKS.length);
  /** The phase the device was last in (index into PHASE_ORDER), -1 before any. */
  private lastPhase = -1;
  failedPhase: MachinePhase | null = null;
  cause: string | null = null;
  hangCause: string | null = null;
  lastReason: string | null = null;
  everFailed = false;
  joinedHybrid = false;
  profileResolved = false;
  findings: string[] | null = null;
  /** Filled at the end. */
  status: Status = 'stopped';
  last: Node | null = null;
  now = 0;
  steps = 0;
  stopped: string | null = null;
  private env!: Environment;

  /** Ready for a device with this environment (fleets reuse one observer). */
  reset(env: Environment): this {
    this.env = env;
    // Only the phases the last device was in (the others are still 0); loops, not fill(), which is a call into the runtime.
    for (let j = 0; j < this.seenCount; j++) {
      const i = this.seenPhases[j]!;
      this.phaseMs[i] = 0;
      this.phaseSeen[i] = 0;
    }
    this.seenCount = 0;
    for (let i = 0; i < this.clockMs.length; i++) this.clockMs[i] = 0;
    this.lastPhase = -1;
    this.failedPhase = this.cause = this.hangCause = this.lastReason = null;
    this.everFailed = this.joinedHybrid = this.profileResolved = false;
    this.findings = null;
    return this;
  }

  start(): void {}

  step(k: Kernel, from: Node, event: DeploymentEvent | { type: string }, answer: Answer | null): void {
    const node = k.node;
    const spent = k.spent;
    const clock = from.clockIndex;
    // A state of no phase of its own that counts as active time (an error page, device preparation's 100 % and
    // "Required setup complete") belongs to the phase the device was in: the one that failed, the one finishing. So a
    // run's phases add up to its active time. Waiting (shipping is a phase of its own) and the idle desktop do not.
    let phase = from.phaseIndex;
    if (phase >= 0) this.lastPhase = phase;
    else if (clock >= 0) phase = this.lastPhase;
    if (phase >= 0) {
      this.phaseMs[phase]! += spent;
      if (this.phaseSeen[phase] === 0) {
        this.phaseSeen[phase] = 1;
        this.seenPhases[this.seenCount++] = phase;
      }
    }
    if (clock >= 0) this.clockMs[clock]! += spent;
    if (node.hybridJoin) this.joinedHybrid = true;
    // The rest is rare (a finding, a reason, a cause, a failure): apart, so that this stays small enough for V8 to inline into the kernel's loop.
    if (answer && (answer.finding !== undefined || answer.cause !== undefined || this.hangCause !== null || (answer.event as EventFields).reason !== undefined)) this.noted(answer, event.type);
    if (!this.profileResolved) this.resolved(event.type);
    if (from.errorCode === null && node.errorCode !== null) this.failed(k, from, answer);
  }

  private noted(answer: Answer, type: string): void {
    if (answer.finding && !this.findings?.includes(answer.finding)) (this.findings ??= []).push(answer.finding);
    const reason = (answer.event as EventFields).reason;
    if (reason) this.lastReason = answer.cause ?? reason;
    // What hung, after an answer that only a timer moves on from (with no cause and none kept, there is nothing to change).
    if (HANGS.has(type)) this.hangCause = answer.cause ?? null;
  }

  private resolved(type: string): void {
    if (type === 'profile.downloaded' || type === 'profile.jsonApplied') this.profileResolved = true;
  }

  private failed(k: Kernel, from: Node, answer: Answer | null): void {
    this.everFailed = true;
    this.failedPhase = from.phase;
    this.cause = answer?.cause ?? (k.byTimer ? this.timeoutCause(k.awaited, from.phase) : null);
  }

  /** Why a timer failed the deployment: what hung, or the app still installing, or only that it ran out. */
  timeoutCause(awaited: string | undefined, phase: MachinePhase | null): string {
    // Device preparation has one timer over the whole deployment, set in its policy (§7); classic
    // Autopilot (also when it takes a device over from device preparation) times out in the ESP.
    const policyTimer = phase !== null && DEVICE_PREPARATION_PHASES.has(phase);
    const timer = policyTimer ? "the device preparation policy's timer" : 'the ESP timer';
    if (this.hangCause) return `${timer} ran out: ${this.hangCause}`;
    if (!awaited) return `${timer} ran out`;
    return causeText(policyTimer ? CAUSES.policyStillInstalling : CAUSES.espStillInstalling, { app: awaited });
  }

  end(k: Kernel): void {
    const node = k.node;
    this.last = node;
    this.now = k.now;
    this.steps = k.steps;
    this.stopped = k.stopped;
    const ctx = node.snapshot.context as { continuedAfterError: boolean };
    if (k.stopped) this.status = 'stopped';
    else if (node.end === 'standardOobe') this.status = 'fell-back-to-oobe';
    else if (node.end === 'succeeded' && !ctx.continuedAfterError) this.status = 'succeeded';
    else this.status = 'failed';
  }

  get endUserMinutes(): number {
    return minutes(this.clockMs[0]!);
  }
  get technicianMinutes(): number {
    return minutes(this.clockMs[1]!);
  }
  get unattendedMinutes(): number {
    return minutes(this.clockMs[2]!);
  }
  /** Active deployment time: end user + technician + unattended. */
  get totalMinutes(): number {
    return activeMinutes(this.endUserMinutes, this.technicianMinutes, this.unattendedMinutes);
  }
  get firstTimeRight(): boolean {
    return this.status === 'succeeded' && !this.everFailed;
  }

  /** Where a run that got past its deployment stopped with no one at a desktop, or null (read as the outcome's reachedDesktop). */
  get noUserEndScreen(): ReturnType<typeof noUserEndScreen> {
    // Read once per successful device of a fleet: the phases' indexes are the module's, not looked up each time.
    const followOn = this.profileResolved ? (this.last!.snapshot.context as { mode: string }).mode : null;
    const seen = this.phaseSeen;
    return noUserEndScreen({ scenario: this.env.scenario, followOn, phaseMinutes: { kiosk: seen[KIOSK] ? 0 : undefined, cloudPc: seen[CLOUD_PC] ? 0 : undefined } });
  }

  outcome(seed: number): Outcome {
    const env = this.env;
    const node = this.last!;
    const ctx = node.snapshot.context as { errorCode: string | null; joinType: 'entra' | 'hybrid'; mode: string };
    const status = this.status;
    const errorCode = status === 'failed' ? (ctx.errorCode ?? null) : null;
    const phaseMinutes: Partial<Record<MachinePhase, number>> = {};
    const names: MachinePhase[] = [];
    // A phase a run is seen in is a state's phase tag, so a machine's (MachinePhase): never the portal's or the connector's.
    for (let i = 0; i < PHASE_ORDER.length; i++) if (this.phaseSeen[i]) names.push(PHASE_ORDER[i] as MachinePhase);
    for (const name of names.sort()) phaseMinutes[name] = minutes(this.phaseMs[PHASE_ORDER.indexOf(name)]!);
    const endUserMinutes = this.endUserMinutes;
    const technicianMinutes = this.technicianMinutes;
    const unattendedMinutes = this.unattendedMinutes;
    // Failed before any user time: in the technician flow, which a pre-provisioned device's user never started; or past a
    // self-deploying device's OOBE front end (§2.6 S1, as U1), in its ESP, where it joins and enrolls (S3, S4), whether a
    // self-deploying profile or an existing device's follow-on (§2.7) took it.
    const selfDeploying = env.scenario === 'self-deploying' || (env.scenario === 'existing-devices' && this.profileResolved && ctx.mode === 'self-deploying');
    const inEsp = endedInTechnicianFlow({ scenario: env.scenario, endUserMinutes, technicianMinutes }) || (selfDeploying && SELF_DEPLOYING_ESP.has(this.failedPhase));
    return {
      scenario: env.scenario,
      // A reset keeps the identity the device had; a deployment is hybrid when its path went through the domain join, or
      // when the profile it applied joins hybrid (a failure before the join is still a hybrid deployment's: the deployments
      // report names it by its profile, offlineDomainJoined). With no profile applied (ordinary OOBE), or a self-deploying
      // one (Entra join only, §2.6: the profile's join type is greyed out), it is Entra's.
      joinType: env.scenario === 'reset' ? ctx.joinType : this.joinedHybrid || (this.profileResolved && ctx.joinType === 'hybrid' && ctx.mode !== 'self-deploying') ? 'hybrid' : 'entra',
      ...(env.scenario === 'existing-devices' && this.profileResolved ? { followOn: ctx.mode } : {}),
      // Device preparation on a registered device with a profile: classic Autopilot took the device (§7 coexistence).
      ...(env.scenario === 'device-preparation' && this.profileResolved ? { followOn: 'classic user-driven' } : {}),
      status,
      errorCode,
      errorMessage: errorCode ? messageOf(errorCode, env, inEsp) : null,
      failedPhase: status === 'failed' ? this.failedPhase : null,
      cause: status === 'failed' ? this.cause : status === 'stopped' ? this.stopped : null,
      fallbackReason: status === 'fell-back-to-oobe' ? this.lastReason : null,
      firstTimeRight: this.firstTimeRight,
      firstError: ctx.errorCode ?? null,
      reachedDesktop: node.end === 'succeeded' && endsAtDesktop({ scenario: env.scenario, followOn: this.profileResolved ? ctx.mode : null, phaseMinutes }),
      continuedAfterError: status === 'failed' && node.end === 'succeeded',
      endUserMinutes,
      technicianMinutes,
      unattendedMinutes,
      totalMinutes: round2(endUserMinutes + technicianMinutes + unattendedMinutes),
      elapsedMinutes: minutes(this.now),
      phaseMinutes,
      ...(this.findings ? { findings: this.findings } : {}),
      steps: this.steps,
      seed,
    };
  }
}

/** The trace: one entry per step, with what the views need (screen, ESP row, tracked apps, the cause). */
export class TraceObserver implements Observer {
  readonly trace: TraceEntry[] = [];
  constructor(
    private readonly world: World,
    private readonly outcome: OutcomeObserver,
  ) {}

  private entry(node: Node, step: number, e: Omit<TraceEntry, 'state' | 'phase' | 'narration' | 'screen' | 'step' | 'wait' | 'row' | 'apps' | 'esp' | 'end' | 'status'>): TraceEntry {
    const out: TraceEntry = { ...e, step, state: node.path, phase: node.phase, narration: node.narration };
    if (node.screen) out.screen = node.screen;
    if (node.wait) out.wait = node.wait;
    if (node.row) out.row = node.row;
    if (node.esp) out.esp = node.esp;
    if (node.end) out.end = node.end;
    const apps = this.world.tracked(node.tags);
    if (apps) out.apps = apps;
    return out;
  }

  start(k: Kernel): void {
    this.trace.push(this.entry(k.node, 0, { at: 0, event: 'power on', source: 'engine' }));
  }

  step(k: Kernel, from: Node, event: DeploymentEvent | { type: string }, answer: Answer | null): void {
    const node = k.node;
    const code = codeOf(event);
    const failedHere = k.byTimer && Boolean(node.errorCode) && from.errorCode === null;
    this.trace.push(
      this.entry(node, k.steps, {
        at: k.now,
        event: event.type,
        source: k.byTimer ? 'timer' : attributed(event.type, from.tags),
        ...(answer?.detail ? { detail: answer.detail } : {}),
        ...(answer?.cause ? { cause: answer.cause } : {}),
        ...(answer?.finding ? { finding: answer.finding } : {}),
        ...(failedHere ? { code: node.errorCode as ErrorId, cause: this.outcome.cause ?? undefined } : {}),
        // A timer that fails the run again (after a retry) says why too, not only the first one.
        ...(k.byTimer && !failedHere && node.errorCode ? { code: node.errorCode as ErrorId, cause: this.outcome.timeoutCause(k.awaited, from.phase) } : {}),
        ...(code ? { code } : {}),
      }),
    );
  }

  end(k: Kernel): void {
    if (k.stopped) this.trace.push(this.entry(k.node, k.steps, { at: k.now, event: k.stopped, source: 'engine' }));
    // The outcome observer ran first (src/engine/simulate.ts): its status is the run's.
    this.trace[this.trace.length - 1]!.status = this.outcome.status;
  }
}

/** Each state the device entered, its tags and who caused the step (capability derivation, coverage). */
export class VisitsObserver implements Observer {
  readonly visited: Visit[] = [];
  start(k: Kernel): void {
    this.visited.push({ tags: k.node.tags, source: 'engine', path: k.node.path, event: 'power on' });
  }
  step(k: Kernel, from: Node, event: { type: string }): void {
    this.visited.push({ tags: k.node.tags, source: k.byTimer ? 'timer' : attributed(event.type, from.tags), path: k.node.path, event: event.type });
  }
  end(): void {}
}

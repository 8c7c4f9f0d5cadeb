// Shared by the machine tests (test/machines/*.test.ts): running a scenario with overrides,
// the questions those tests ask of a run's trace and outcome, and driving a machine by hand
// with xstate's initialTransition/transition to check the buttons of an error page.
import { expect } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type AnyStateNode } from 'xstate';
import type { DeploymentEvent } from '../../machines/events.ts';
import { lookup } from '../../src/catalog/errors.ts';
import { simulate, type Simulation } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import type { Environment, Scenario } from '../../src/environment/schema.ts';
import { CONDITIONS, MODES, type FailureMode, type ModeId } from '../../src/world/failure-modes.ts';

export type Overrides = Record<string, unknown>;

// --- Running a scenario ---------------------------------------------------------------

/** `env(overrides)`: the default environment of `scenario` with `overrides` on top. */
export const environment =
  (scenario: Scenario) =>
  (overrides: Overrides = {}): Environment =>
    defaultEnvironment({ scenario, ...overrides });

/** `run(overrides, seed)`: simulate `scenario` (or an environment builder) with `overrides`. */
export const runner =
  (scenario: Scenario | ((overrides: Overrides) => Environment)) =>
  (overrides: Overrides = {}, seed = 1): Simulation =>
    simulate(typeof scenario === 'string' ? environment(scenario)(overrides) : scenario(overrides), { seed });

/**
 * `overrides` with each section of `defaults` merged underneath the same section of the
 * overrides (the overrides win), e.g. `withDefaults(o, { profile: { joinType: 'hybrid' } })`.
 */
export function withDefaults(overrides: Overrides, defaults: Record<string, Overrides>): Overrides {
  const out: Overrides = { ...overrides };
  for (const [key, section] of Object.entries(defaults)) out[key] = { ...section, ...((overrides[key] as Overrides | undefined) ?? {}) };
  return out;
}

/** The first seed in 1..max for which `make(seed)` satisfies `pred`. */
export function findSeed(make: (seed: number) => Simulation, pred: (sim: Simulation) => boolean, max = 300): number | undefined {
  for (let seed = 1; seed <= max; seed++) if (pred(make(seed))) return seed;
  return undefined;
}

/** `findSeed(overrides, pred, max)` over the runs of `run`. */
export const seedFinder =
  (run: (overrides: Overrides, seed: number) => Simulation) =>
  (overrides: Overrides, pred: (sim: Simulation) => boolean, max = 300): number | undefined =>
    findSeed((seed) => run(overrides, seed), pred, max);

// --- Questions about a run ------------------------------------------------------------

/** The first name of `names` the trace does not pass, in order (by state path segment), or null. */
export function missingInOrder(sim: Simulation, names: string[]): string | null {
  const paths = sim.trace.map((t) => t.state.split('.'));
  let i = 0;
  for (const name of names) {
    while (i < paths.length && !paths[i]!.includes(name)) i++;
    if (i === paths.length) return name;
  }
  return null;
}

export function expectInOrder(sim: Simulation, names: string[]): void {
  expect(missingInOrder(sim, names), `trace states:\n${sim.trace.map((t) => t.state).join('\n')}`).toBeNull();
}

/** Whether the trace passes a state with `name` as one of its path segments. */
export const visits = (sim: Simulation, name: string) => sim.trace.some((t) => t.state.split('.').includes(name));
export const events = (sim: Simulation) => sim.trace.map((t) => t.event);

export function expectFailure(sim: Simulation, errorCode: string, failedPhase: string): void {
  expect(
    { status: sim.outcome.status, errorCode: sim.outcome.errorCode, failedPhase: sim.outcome.failedPhase },
    `cause: ${sim.outcome.cause}`,
  ).toEqual({ status: 'failed', errorCode, failedPhase });
  expect(lookup(errorCode), `${errorCode} is in the catalogue`).toBeDefined();
  expect(sim.outcome.firstTimeRight).toBe(false);
}

export function expectSuccess(sim: Simulation): void {
  expect({ status: sim.outcome.status, errorCode: sim.outcome.errorCode, cause: sim.outcome.cause }).toEqual({
    status: 'succeeded',
    errorCode: null,
    cause: null,
  });
}

// --- Domain cases (test/machines/domain-cases*.test.ts) --------------------------------

/** What the domain notes say a run ends in; each field given is checked, the others are not. */
export interface Expected {
  status: 'succeeded' | 'failed' | 'fell-back-to-oobe' | 'stopped';
  errorCode?: string;
  failedPhase?: string;
  /** Findings the run must report (all of them, in any order); [] for none. */
  findings?: string[];
  reachedDesktop?: boolean;
  /** States (a path segment) the run passes, and ones it must not. */
  passes?: string[];
  skips?: string[];
  /** States (path segments) the run passes in this order. */
  inOrder?: string[];
  errorMessage?: string;
  /** Words the reason for ordinary OOBE contains (an Autopilot event id, IsAutopilotDisabled). */
  fallbackReason?: string;
  /** Existing devices: the deployment that followed the task sequence. */
  followOn?: string;
  /** The first error, which the deployments report keeps even when a retry then succeeded (§1.4). */
  firstError?: string | null;
  /** A phase's minutes at most (as the outcome counts them). */
  maxPhaseMinutes?: Record<string, number>;
  /** The cause (or the reason for ordinary OOBE) ends with [INF]: an outcome the notes do not give (docs/model.md). */
  inferred?: boolean;
  /** Words the device shows or the run narrates: the error's message, or a step's narration or detail (a screen's text, an option's name). */
  says?: string;
  /** The join the deployment made (the outcome's joinType). */
  joinType?: 'entra' | 'hybrid';
}
export type Case = [id: string, ref: string, scenario: Scenario, env: Overrides, expected: Expected];

/** An app over the defaults (Win32, device-targeted). */
export const app = (name: string, more: Overrides = {}): Overrides => ({ name, type: 'win32', ...more });
export const hybrid = { profile: { joinType: 'hybrid' } };
/** A profile that allows pre-provisioning, under the rest of `more`. */
export const preProv = (more: Overrides = {}): Overrides => ({ ...more, profile: { allowPreProvisioning: true, ...((more.profile as Overrides) ?? {}) } });
/** A device that is not registered (device preparation runs on one), under the rest of `more`. */
export const apdp = (more: Overrides = {}): Overrides => ({ ...more, registration: { registered: false, ...((more.registration as Overrides) ?? {}) } });
export const policy = (more: Overrides): Overrides => ({ policies: [more] });

/** Run a case with seed 1 and compare what it says with what the run shows, in one object (the failure shows them all). */
export function expectCase(scenario: Scenario, env: Overrides, want: Expected): Simulation {
  const sim = runner(scenario)(env, 1);
  const o = sim.outcome;
  const got: Record<string, unknown> = { status: o.status };
  const exp: Record<string, unknown> = { status: want.status };
  const pair = (key: string, g: unknown, e: unknown) => [got[key], exp[key]] = [g, e];
  if (want.errorCode !== undefined) pair('errorCode', o.errorCode, want.errorCode);
  if (want.failedPhase !== undefined) pair('failedPhase', o.failedPhase, want.failedPhase);
  if (want.reachedDesktop !== undefined) pair('reachedDesktop', o.reachedDesktop, want.reachedDesktop);
  if (want.findings !== undefined) pair('findings', [...(o.findings ?? [])].sort(), [...want.findings].sort());
  if (want.errorMessage !== undefined) pair('errorMessage', o.errorMessage, want.errorMessage);
  if (want.fallbackReason !== undefined) pair('fallbackReason has', o.fallbackReason?.includes(want.fallbackReason) ? want.fallbackReason : o.fallbackReason, want.fallbackReason);
  if (want.followOn !== undefined) pair('followOn', o.followOn, want.followOn);
  if (want.firstError !== undefined) pair('firstError', o.firstError, want.firstError);
  if (want.inOrder !== undefined) pair('first missing in order', missingInOrder(sim, want.inOrder), null);
  for (const [phase, max] of Object.entries(want.maxPhaseMinutes ?? {})) pair(`${phase} within ${max} min`, ((o.phaseMinutes as Record<string, number | undefined>)[phase] ?? 0) <= max, true);
  if (want.inferred !== undefined) pair('cause ends [INF]', /\[INF\]$/.test(o.cause ?? o.fallbackReason ?? ''), want.inferred);
  if (want.joinType !== undefined) pair('joinType', o.joinType, want.joinType);
  if (want.says !== undefined) pair(`says "${want.says}"`, [o.errorMessage ?? '', ...sim.trace.flatMap((t) => [t.narration, t.detail ?? ''])].some((t) => t.includes(want.says!)), true);
  for (const s of want.passes ?? []) pair(`passes ${s}`, visits(sim, s), true);
  for (const s of want.skips ?? []) pair(`passes ${s}`, visits(sim, s), false);
  expect(got, `cause: ${o.cause}; trace: ${sim.trace.map((t) => t.state).join(' > ')}`).toEqual(exp);
  return sim;
}

// --- Driving a machine by hand --------------------------------------------------------

export type Step = DeploymentEvent['type'] | DeploymentEvent;

/** Start `machine` with `input` and send `steps` in order, checking each is accepted. */
export function drive(machine: AnyStateMachine, input: unknown, steps: Step[]): AnyMachineSnapshot {
  let [snapshot] = initialTransition(machine, input);
  for (const step of steps) {
    const event = typeof step === 'string' ? { type: step } : step;
    expect(snapshot.can(event), `${JSON.stringify(snapshot.value)} accepts ${event.type}`).toBe(true);
    [snapshot] = transition(machine, snapshot, event);
  }
  return snapshot;
}

/** Every combination of the two optional ESP error page buttons. */
export const COMBOS = [
  { allowReset: false, allowContinueAnyway: false },
  { allowReset: true, allowContinueAnyway: false },
  { allowReset: false, allowContinueAnyway: true },
  { allowReset: true, allowContinueAnyway: true },
];

/** An ESP error page: Try again always, Reset and Continue anyway exactly as the ESP profile allows. */
export function expectEspButtons(snapshot: AnyMachineSnapshot, esp: { allowReset: boolean; allowContinueAnyway: boolean }): void {
  expect(snapshot.hasTag('errorPage')).toBe(true);
  expect(snapshot.can({ type: 'user.retry' })).toBe(true);
  expect(snapshot.can({ type: 'user.resetDevice' })).toBe(esp.allowReset);
  expect(snapshot.can({ type: 'user.continueAnyway' })).toBe(esp.allowContinueAnyway);
}

/** Each of `types` is not accepted in `snapshot` (e.g. technician buttons on the user's page). */
export function expectRefuses(snapshot: AnyMachineSnapshot, ...types: DeploymentEvent['type'][]): void {
  for (const type of types) expect(snapshot.can({ type }), `refuses ${type}`).toBe(false);
}

// --- Machine structure ----------------------------------------------------------------

/** Every state node of `machine`, root first, depth first in declaration order. */
export function allNodes(machine: AnyStateMachine): AnyStateNode[] {
  const out: AnyStateNode[] = [];
  const walk = (n: AnyStateNode) => {
    out.push(n);
    for (const c of Object.values(n.states)) walk(c);
  };
  walk(machine.root);
  return out;
}

// --- Failure exits from the registry --------------------------------------------------

/** A failure mode's trigger as overrides (src/world/failure-modes.ts): the condition it names, or its own environment. */
export function triggerOverrides(id: ModeId): Overrides {
  const t = (MODES[id] as FailureMode).trigger;
  if (typeof t === 'string') return CONDITIONS[t] as Overrides;
  return ('env' in t ? t.env : {}) as Overrides;
}

/** A row of a failure-exit table: the step, what the registry says triggers the mode, the error id it ends with, and the phase. */
export function exitRow(step: string, id: ModeId, phase: string): [string, Overrides, string, string] {
  const m = MODES[id] as FailureMode;
  return [`${step}: ${id}`, triggerOverrides(id), m.code!, phase];
}

/**
 * The device-token path's failure exits, the same for a self-deploying device (§2.6 S2-S4) and
 * the pre-provisioning technician (§2.3 T5-T7): TPM attestation, the device's Entra join, its MDM
 * enrollment. One table, read by both tests.
 */
export const DEVICE_TOKEN_EXITS: Array<{ step: 'attestation' | 'join' | 'enrollment'; mode: ModeId }> = [
  ...(['tpm-vm', 'no-tpm', 'tpm-1.2', 'attestation-endpoint-blocked', 'ftpm-ek-blocked', 'clock-skew', 'win11-attestation-bug', 'tpm-vulnerable', 'amd-ftpm', 'infineon-slb9672'] as const).map((mode) => ({ step: 'attestation' as const, mode })),
  ...(['tpm-not-2', 'conflicting-profiles', 'entra-object-deleted', 'entra-blocked'] as const).map((mode) => ({ step: 'join' as const, mode })),
  ...(['home-edition', 'second-deployment', 'mdm-blocked', 'intune-blocked'] as const).map((mode) => ({ step: 'enrollment' as const, mode })),
];

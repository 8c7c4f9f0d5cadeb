// What the studio derives from a session for its panels: the trail and the transitions
// available now on the chart, the documentation link of a state, what Intune would record,
// and where two runs first part ways. Pure.
import { PHASES, type Wait } from '../../catalog/vocabulary.ts';
import { noUserEnd } from '../../catalog/continued.ts';
import { phaseLabel } from '../../catalog/phases.ts';
import { onErrorScreen, shownCode } from './screen-model.ts';
import type { AnyStateMachine } from 'xstate';
import { machines } from '../../../machines/index.ts';
import { initialContext, type ScenarioId } from '../../../machines/setup.ts';
import type { Source } from '../../../machines/events.ts';
import { eventName } from '../../../machines/labels.ts';
import type { Session } from '../../engine/session.ts';
import type { TraceEntry } from '../../engine/simulate.ts';
import { inputFor } from '../../world/index.ts';
import { humanize, whoActs } from '../layout.ts';
import { ancestry, availableTransitions, findNode, takenTransitions } from '../../engine/structure.ts';

export interface Insight {
  machine: AnyStateMachine;
  scenario: ScenarioId;
  /** Transitions taken by each step (index = step), for the trail. */
  takenByStep: string[][];
}

export function insightOf(session: Session): Insight {
  const scenario = session.env.scenario;
  const machine = machines[scenario] as unknown as AnyStateMachine;
  const ctx = contextOf(session);
  const trace = session.trace;
  const takenByStep: string[][] = [[]];
  for (let i = 1; i < trace.length; i++) {
    const e = trace[i]!;
    takenByStep.push(takenTransitions(machine, trace[i - 1]!.state, { type: e.event, ...(e.code ? { code: e.code } : {}) }, ctx));
  }
  return { machine, scenario, takenByStep };
}

export function contextOf(session: Session): unknown {
  const mode = session.env.scenario === 'pre-provisioned' ? 'pre-provisioned' : session.env.scenario === 'self-deploying' ? 'self-deploying' : 'user-driven';
  return initialContext(inputFor(session.env), mode);
}

export function visitedUpTo(trace: TraceEntry[], cursor: number): string[] {
  const seen = new Set<string>();
  for (let i = 0; i <= cursor && i < trace.length; i++) seen.add(trace[i]!.state);
  return [...seen];
}

export function takenUpTo(insight: Insight, cursor: number): string[] {
  return [...new Set(insight.takenByStep.slice(1, cursor + 1).flat())];
}

export interface Possible {
  id: string;
  event: string;
  label: string;
  source: string;
  /** What clicking it does: step on (it is what happens next), make a choice or inject the one fault, or open the faults to pick one. */
  action?: 'next' | 'choose' | 'faults';
  /** The choice or fault to inject for 'choose'. */
  change?: string;
  /** For 'faults': the cards' words of the faults it stands for, as the fault list shows them. */
  faults?: string[];
  /** With no action: why it cannot be chosen here (a timer, or the set-up alone brings it). */
  why?: string;
}

/**
 * Why an event that can happen now is no choice and no fault to inject: a timer runs out on its own, and the rest (an
 * app that needs a restart, pages the profile skips, a device registered to another tenant) come from the set-up.
 */
function notChosen(source: string): string {
  return source === 'timer'
    ? 'not a fault to inject: it happens when its timer runs out (a copy of the file with a shorter timeout, or longer steps, shows it)'
    : 'not a fault to inject: it happens only where the set-up brings it (a copy of the file changed to that set-up shows it)';
}

/** The transitions that can be taken at the state of an entry, with who would cause them and what choosing each does. */
export function possibleNow(session: Session, insight: Insight, entry: TraceEntry): Possible[] {
  if (entry.end) return [];
  const ids = availableTransitions(insight.machine, entry.state, contextOf(session));
  const index = session.trace.indexOf(entry);
  const next = index >= 0 ? session.trace[index + 1] : undefined;
  const choices = index >= 0 ? session.choicesFor(entry) : [];
  const faults = index >= 0 ? session.faultsFor(entry) : [];
  return ids.map((id) => {
    const event = id.split('|')[1]!;
    const after = event.startsWith('xstate.after.');
    // Who would cause it where it leaves from: a person at a self-deploying device, not a user.
    const from = findNode(insight.machine, id.split('|')[0]!);
    const source = after ? 'timer' : from ? whoActs(event, from) : 'world';
    const base = { id, event, label: eventText(event, entry.wait, source), source };
    if (next && next.event === event) return { ...base, action: 'next' as const };
    const choice = choices.find((c) => c.event.type === event);
    if (choice) return { ...base, action: 'choose' as const, change: choice.id };
    const matching = faults.filter((f) => f.event.type === event);
    // The one fault it would strike reads as its card in the fault panel does: 'Can happen now' read 'Wrong password at
    // sign-in' beside the panel's 'User mistypes the password', one event in two sets of words.
    if (matching.length === 1) return { ...base, label: matching[0]!.label, action: 'choose' as const, change: matching[0]!.id };
    // Several faults send it: it says how many and opens the list, where each has its own card (at lesson 01's Entra join
    // 'Entra join fails' stood beside cards named 'User reached the Entra device limit' and 'Entra device object deleted').
    if (matching.length > 1) return { ...base, label: `${base.label} (${matching.length} faults)`, action: 'faults' as const, faults: matching.map((f) => f.label) };
    return { ...base, why: notChosen(source) };
  });
}

export function docOf(insight: Insight, path: string): string | null {
  let doc: string | null = null;
  for (const p of ancestry(path)) {
    const n = findNode(insight.machine, p);
    const d = (n?.meta as { doc?: string } | undefined)?.doc;
    if (d) doc = d;
  }
  return doc;
}

export function stateTitle(path: string): string {
  const leaf = path.split('.').pop() ?? path;
  return humanize(leaf);
}

export function phaseTitle(phase: string | null): string {
  if (!phase) return '';
  return (PHASES as Record<string, { title: string }>)[phase]?.title ?? humanize(phase);
}

/**
 * What a screen reader says of a step (the studio's status line, read whole once the step is shown): its number, its
 * phase and title, the narration and why. The narration's region was live, so each changed piece of it was read on its
 * own (the clock, the event, the list of what can happen now), and no step's number.
 */
export function stepAnnouncement(cursor: number, length: number, e: TraceEntry): string {
  const where = [phaseTitle(e.phase), stateTitle(e.state)].filter(Boolean).join(': ');
  return `Step ${cursor} of ${length - 1}. ${where}. ${e.narration}${e.cause ? ` Why: ${e.cause}` : ''}`;
}

/** What the Autopilot deployments report would say at this point (an estimate of the simulator). */
export function intuneRecord(session: Session, cursor: number): { status: 'none' | 'progress' | 'failed' | 'succeeded' | 'oobe'; text: string } {
  const trace = session.trace;
  const seen = trace.slice(0, cursor + 1);
  const atEnd = cursor >= trace.length - 1;
  const o = session.outcome;
  // §1.4: the deployments report records only new Intune enrollments. An Autopilot Reset keeps the device's (the
  // record said 'Succeeded. Deployment complete in 56 min.' beside a narration saying a reset has no row there), and a
  // pre-provisioned device's user flow makes none: its row is the technician flow's (lesson 06's record read
  // 'Deployment complete in 30281 min', the three weeks in the cupboard counted in).
  if (session.env.scenario === 'reset') {
    return { status: 'none', text: "No row in the Autopilot deployments report: it records only new Intune enrollments, and a reset keeps the device's enrollment." };
  }
  const firstError = seen.find((e) => e.code && (onErrorScreen(e) || e.end === 'failed'));
  const shipped = trace.findIndex((e) => e.phase === 'shipping');
  if (shipped >= 0 && cursor >= shipped) {
    const failedSince = atEnd && o.status === 'failed' ? ', not even this failure' : '';
    const userFlow = `The user flow is no new enrollment, so the report adds nothing for it${failedSince}.`;
    // The technician's Retry after an error page: the technician flow's row keeps that failure (§1.4).
    const technicianError = firstError && trace.indexOf(firstError) < shipped ? firstError : undefined;
    if (technicianError) return { status: 'failed', text: `${failedIn(technicianError, trace)} The technician's retry then succeeded, but the report keeps the early failure. ${userFlow}` };
    return { status: 'succeeded', text: `Succeeded: the technician flow's pre-provisioning, complete in ${Math.round(trace[shipped]!.at / 60_000)} min. ${userFlow}` };
  }
  const enrolled = seen.some((e) => e.event === 'mdm.enrolled');
  // §1.4: a deployment that takes over an hour may show in the report as incomplete.
  const overAnHour = o.elapsedMinutes > 60 ? ' A deployment over an hour may show in the report as incomplete.' : '';
  // A retry that succeeded after an error page leaves the report's failure (§1.4), as simulate's outcome says; device
  // preparation's own report is not documented to keep it (§7), so there the success stands with that said.
  const retried = atEnd && o.status === 'succeeded' && firstError !== undefined && !o.firstTimeRight;
  const apdpOwnReport = session.env.scenario === 'device-preparation' && !o.followOn;
  if (atEnd && o.status === 'succeeded' && (!retried || apdpOwnReport)) {
    const unknown = retried ? ' Whether the failure before Retry stays in the device preparation deployments report is not documented.' : '';
    return { status: 'succeeded', text: `Succeeded. ${enrolled ? 'Deployment complete' : 'Complete'} in ${Math.round(o.elapsedMinutes)} min.${enrolled ? overAnHour : ''}${unknown}` };
  }
  if (atEnd && o.status === 'fell-back-to-oobe') return { status: 'oobe', text: 'Nothing: no Autopilot profile applied, so ordinary OOBE ran and no deployment is recorded.' };
  if (firstError) {
    const later = retried
      ? ' A retry then succeeded, but the report keeps the early failure.'
      : atEnd && o.continuedAfterError
        ? ` ${sentence(noUserEnd(o) ?? 'the user reached the desktop')}, but the deployment stays failed.`
        : ' It stays failed even if a later attempt succeeds.';
    return { status: 'failed', text: `${failedIn(firstError, trace)}${enrolled ? later : ' The device never enrolled, so the deployments report may not list it at all.'}` };
  }
  if (atEnd && o.status === 'stopped') return { status: 'failed', text: `Stopped: ${o.cause ?? 'no event can arrive'}.` };
  if (!enrolled) return { status: 'none', text: 'Nothing yet: the device is not enrolled in Intune.' };
  return { status: 'progress', text: `In progress: enrolled, now in ${phaseTitle(seen[seen.length - 1]!.phase) || 'setup'}.` };
}

/** Words begun as a sentence. */
const sentence = (words: string) => `${words[0]!.toUpperCase()}${words.slice(1)}`;

/**
 * 'Failed: <code> in <phase>.' as the report would say it. The phase as simulate's outcome and the reports name it ('Sign-in
 * and Microsoft Entra join'), not the narration badge's short title ('Identity'); a code the documentation gives, not the
 * simulator's own name for a failure it gives none for (ESP_TIMEOUT, DOMAIN_UNAVAILABLE), which the device never shows.
 */
function failedIn(error: TraceEntry, trace: readonly TraceEntry[]): string {
  const phase = phaseLabel(trace[trace.indexOf(error) - 1]?.phase ?? error.phase ?? '');
  const code = shownCode(error.code);
  return code ? `Failed: ${code} in ${phase}.` : `Failed in ${phase}, with no documented error code (the simulator names it ${error.code}).`;
}

/**
 * Whether two runs' step i reads alike, as side by side's table shows it: the event in words, the state's title and its
 * phase, the code and the detail. Two machines name one state by different paths (classic user-driven's
 * 'deployment.signIn.entraSignIn', device preparation's 'signIn.entraSignIn'): lesson 05 beside device preparation marked
 * steps 4 and 5 as differing, 'User finishes the OOBE pages → Entra sign-in' on both sides.
 */
export function sameStep(a: readonly TraceEntry[], b: readonly TraceEntry[], i: number): boolean {
  const x = a[i];
  const y = b[i];
  if (!x || !y) return false;
  return (
    entryEventText(a, i) === entryEventText(b, i) &&
    stateTitle(x.state) === stateTitle(y.state) &&
    (x.phase ?? '') === (y.phase ?? '') &&
    (x.code ?? '') === (y.code ?? '') &&
    (x.detail ?? '') === (y.detail ?? '')
  );
}

/** The first step where two traces read differently (sameStep), or null if one is a prefix of the other and they end alike. */
export function firstDifference(a: TraceEntry[], b: TraceEntry[]): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (!sameStep(a, b, i)) return i;
  return a.length === b.length ? null : n;
}

/**
 * An event as the studio shows it: in words (machines/labels.ts), timers by what runs out. `wait`: what the state it
 * arrives in waits on (an app failing in device preparation is an app in its policy, in the ESP a blocking app);
 * `who`: who causes it there, as its chip says (someone at a self-deploying device presses Try again, not a user).
 */
export function eventText(event: string, wait: Wait | null | undefined, who: Source | 'engine' | null | undefined): string {
  return eventName(event, wait, who);
}

/** Entry i's event in words: it arrived in the state of the entry before, caused by whom the trace says. */
export function entryEventText(trace: readonly TraceEntry[], i: number): string {
  return eventText(trace[i]!.event, trace[i - 1]?.wait, trace[i]!.source);
}

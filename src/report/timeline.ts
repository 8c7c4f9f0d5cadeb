// The narrated timeline of one device, for a terminal.
import pc from 'picocolors';
import type { Source } from '../../machines/events.ts';
import { eventName } from '../../machines/labels.ts';
import type { Wait } from '../catalog/vocabulary.ts';
import { lookup } from '../catalog/errors.ts';
import { noUserEnd } from '../catalog/continued.ts';
import { findingText } from '../catalog/findings.ts';
import { inFlowOrder, phaseLabel, phaseMinutesLabel } from '../catalog/phases.ts';
import type { Outcome, TraceEntry } from '../engine/simulate.ts';
import { min, visibleLength, wrap } from '../format.ts';
import { humanize } from '../studio/layout.ts';

export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h >= 100 ? `${Math.floor(h / 24)}d ${two(h % 24)}:${two(m)}` : `${two(h)}:${two(m)}:${two(sec)}`;
}

/**
 * A state in the chart's words, with the phases it is in: deployment.deviceEsp.running.deviceSetup.apps -> Device ESP ›
 * Device setup › Apps (it gave the machine's ids, 'deviceEsp › deviceSetup › apps', beside events in words).
 */
export function stateLabel(path: string): string {
  const parts = path.split('.').filter((p) => p !== 'running' && p !== 'deployment');
  // A step the ESP does not show is not said to be inside it: the technician's hidden ESP read 'Technician ESP ›
  // Preparation without ESP'. The container that holds it for its red screen and Retry is left out of its name.
  return parts
    .filter((p, i) => !(/Esp$/.test(p) && parts[i + 1]?.endsWith('WithoutEsp')))
    .map(humanize)
    .join(' › ');
}

/**
 * An event as the timeline and play name it: in the chart's words (machines/labels.ts), as the studio's log does, so
 * a class reads 'world  TPM attestation fails' where 'world  tpm.attestationFailed' gave the machines' id, and a timer
 * by what runs out ('The device ESP times out', where XState names it 'xstate.after.espDeviceTimeout.user-driven…').
 * `source`: who acted (a person at a self-deploying device 'Someone gives up', not its user); `wait`: what the state
 * the event arrived in waits on (an app failing under device preparation is 'An app in the policy fails'). The JSON
 * keeps the machines' names.
 */
export function eventLabel(type: string, source?: string, wait?: Wait | null): string {
  return eventName(type, wait, source as Source | 'engine' | undefined);
}

/**
 * A failure's code as the terminal says it (the timeline, the outcome, play's steps and menu): the code Windows shows,
 * in an error's red, where Microsoft documents one; otherwise the simulator's own name, said to be that, as the
 * studio's fault card says it. 'error     ESP_TIMEOUT' read, to a class, as a code they would meet on a device.
 */
export function saidCode(code: string, colour: (s: string) => string = pc.red): string {
  const documented = lookup(code)?.code;
  return documented ? colour(documented) : `no documented code: the simulator names it ${code}`;
}

/** Who acted, in the terminal's colours (the timeline's and play's). */
export const WHO: Record<string, (s: string) => string> = {
  world: pc.cyan,
  user: pc.green,
  person: pc.blue,
  technician: pc.magenta,
  admin: pc.yellow,
  timer: pc.red,
  engine: pc.dim,
};

/**
 * One line a step: the clock, who acted, the event, and the state the device is in. With a `width` (a terminal's),
 * a line that would not fit folds before the arrow, and narration folds at spaces, both under the event column.
 */
export function renderTimeline(trace: TraceEntry[], options: { narration?: boolean; width?: number } = {}): string {
  const lines: string[] = [];
  // One clock column for the run: past 100 hours the clock counts days ('21d 00:29', one character wider).
  const clockWidth = Math.max(0, ...trace.map((t) => clock(t.at).length));
  const under = ' '.repeat(clockWidth + 13);
  // Each event in words, worded where it arrived (the wait of the step before); the column as wide as the run's
  // longest ('Connector delivers the domain join' is 34): the arrows line up.
  const events = trace.map((t, i) => eventLabel(t.event, t.source, trace[i - 1]?.wait));
  const eventWidth = Math.max(0, ...events.map((e) => e.length));
  const fold = (text: string) => wrap(text, options.width, under.length);
  let lastState = '';
  for (const [i, t] of trace.entries()) {
    const who = (WHO[t.source] ?? pc.white)(t.source.padEnd(10));
    const extra = [t.detail, t.code && saidCode(t.code), t.cause && pc.dim(`(${t.cause})`)].filter(Boolean).join(' ');
    const head = `${pc.dim(clock(t.at).padEnd(clockWidth))}  ${who} ${events[i]!.padEnd(eventWidth)}`;
    const to = `→ ${pc.bold(stateLabel(t.state))}${extra ? `  ${extra}` : ''}`;
    const line = `${head} ${to}`;
    lines.push(options.width && visibleLength(line) > options.width ? `${head.trimEnd()}\n${fold(under + to)}` : line);
    if (t.finding) lines.push(fold(`${under}${pc.yellow(`finding ${t.finding}: ${findingText(t.finding)}`)}`));
    if (options.narration !== false && t.state !== lastState && t.narration) lines.push(fold(`${under}${pc.dim(t.narration)}`));
    lastState = t.state;
  }
  return lines.join('\n');
}

/**
 * The outcome in words. With the run's trace, phases are listed in the order this device first entered them (a
 * pre-provisioned device's technician flow before the user's sign-in); without it, in the reports' flow order.
 */
export function renderOutcome(o: Outcome, trace?: readonly TraceEntry[], width?: number): string {
  const head =
    o.status === 'succeeded'
      ? pc.green(pc.bold('succeeded'))
      : o.status === 'fell-back-to-oobe'
        ? pc.yellow(pc.bold('fell back to ordinary OOBE (no Autopilot)'))
        : pc.red(pc.bold(o.status));
  const lines = [`${pc.bold('Outcome:')} ${head} · ${o.scenario}${o.followOn ? ` → ${o.followOn}` : ''} · ${o.joinType === 'hybrid' ? 'hybrid join' : 'Entra join'}`];
  // Microsoft's wording in quotes; the catalogue's [bracketed] description of a failure Microsoft gives no words for
  // without them, as the HTML report prints it (in quotes it read as what the screen says).
  const message = !o.errorMessage ? '' : o.errorMessage.startsWith('[') ? `  ${o.errorMessage}` : `  "${o.errorMessage}"`;
  if (o.errorCode) lines.push(`  error     ${saidCode(o.errorCode)}${message}`);
  // The phase as every report names it ('ESP: device setup'); --json keeps its id (it read 'ESP: device setup (deviceSetup)').
  if (o.failedPhase) lines.push(`  phase     ${phaseLabel(o.failedPhase)}`);
  if (o.cause) lines.push(`  cause     ${o.cause}`);
  // The deployments report keeps the first failure; when a retry failed otherwise, the timeline ends on another code.
  const lastError = o.errorCode ? [...(trace ?? [])].reverse().find((t) => t.code) : undefined;
  if (lastError && lastError.code !== o.errorCode) {
    lines.push(`  last      at ${clock(lastError.at)}, ${saidCode(lastError.code!)}${lastError.cause ? `: ${lastError.cause}` : ''} (the deployments report keeps the first error, above)`);
  }
  if (o.fallbackReason) lines.push(`  reason    ${o.fallbackReason}`);
  if (o.continuedAfterError) lines.push(`  ${noUserEnd(o) ?? 'the user continued to the desktop'}; Intune still records the deployment as failed`);
  for (const f of o.findings ?? []) lines.push(`  ${pc.yellow('finding')}   ${f}: ${findingText(f)}`);
  if (o.status === 'succeeded' && !o.firstTimeRight) {
    lines.push(`  not first time right: ${o.firstError ? saidCode(o.firstError) : 'an error page was shown'} before a retry succeeded`);
    lines.push(`  report    ${reportAfterRetry(o, trace)}`);
  }
  lines.push(
    `  time      ${min(o.totalMinutes)} min active (end user ${min(o.endUserMinutes)}, technician ${min(o.technicianMinutes)}, unattended ${min(o.unattendedMinutes)}); ${min(o.elapsedMinutes)} min elapsed`,
  );
  // In the order the device goes through them, named as every report names them.
  const met: string[] = trace ? [...new Set(trace.flatMap((t) => (t.phase !== null && t.phase in o.phaseMinutes ? [t.phase] : [])))] : [];
  const phases = [...met, ...inFlowOrder(Object.keys(o.phaseMinutes)).filter((p) => !met.includes(p))]
    .map((k) => `${phaseMinutesLabel(k)} ${min(o.phaseMinutes[k as keyof typeof o.phaseMinutes] ?? 0)}`)
    .join(' · ');
  if (phases) lines.push(`  phases    ${phases}`);
  lines.push(pc.dim(`  seed ${o.seed} · ${o.steps} steps · durations are estimates unless documented (each default and its source: schema/scenario.schema.json, durations)`));
  // With a width, a long line folds under its value (after '  phases    '), an unlabelled one four columns in.
  return lines.map((l) => wrap(l, width, /^ {2}[a-z]+ {2,}(?=\S)/.exec(l.replace(/\x1b\[[0-9;]*m/g, ''))?.[0].length ?? 4)).join('\n');
}

/**
 * What the Autopilot deployments report records for a deployment that succeeded on a retry, in the domain notes' words
 * (§1.4): the failure stays, except where the report has no row for the retried flow (a reset keeps the device's
 * enrollment; a pre-provisioned device's user flow is no new enrollment, §2.4) and in device preparation's own report,
 * of which the notes say no such thing (§7). The outcome said only 'not first time
 * right', and a reader took the success for what Intune shows.
 */
function reportAfterRetry(o: Outcome, trace?: readonly TraceEntry[]): string {
  if (o.scenario === 'reset') return "no row in the Autopilot deployments report: it records only new Intune enrollments, and a reset keeps the device's";
  // §7 says nothing of a retry in device preparation's own report (a registered device's classic run is §1.4's).
  if (o.scenario === 'device-preparation' && !o.followOn) {
    return 'the device preparation deployments report: not documented whether a failure before Retry stays (the Autopilot deployments report keeps it "failed")';
  }
  const shipped = trace?.findIndex((t) => t.phase === 'shipping') ?? -1;
  if (shipped >= 0 && trace!.findIndex((t) => t.code) > shipped) {
    return "no row in the Autopilot deployments report for the user flow, which is no new Intune enrollment (the technician flow's row stands)";
  }
  return 'failed: in the Autopilot deployments report, an early failure stays "failed" even if Try again later succeeds';
}

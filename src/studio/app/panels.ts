// The studio's side panels: narration per step, the event log (who acted, when), the
// faults possible now, the lesson card, the transport (time control) and the help overlay.
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { sourceOf } from '../../../machines/events.ts';
import { isBareCode, lookup, messageWhere, whereShown, type CatalogEntry } from '../../catalog/errors.ts';
import { findingOf } from '../../catalog/findings.ts';
import type { Session } from '../../engine/session.ts';
import type { TraceEntry } from '../../engine/simulate.ts';
import { FAULTS_BY_WAIT, type Fault } from '../../world/failure-modes.ts';
import type { Wait } from '../../catalog/vocabulary.ts';
import { docOf, entryEventText, eventText, intuneRecord, phaseTitle, stateTitle, type Insight, type Possible } from './insight.ts';
import { formatClock, type Taught } from './run.ts';
import { useDialog, useFitType, useMoreBelow } from './hooks.ts';
import { failurePlace, shownCode } from './screen-model.ts';
import { maskedEnding } from '../ending.ts';

/** A code (or a message holding one) that may wrap after its underscores (ANOTHER_INSTALLATION_ / IN_PROGRESS), not inside a word. */
function breakable(code: string): Array<string | VNode> {
  return code.split(/(?<=_)/).flatMap((part, i) => (i ? [html`<wbr />`, part] : [part]));
}

export function SourceChip({ source }: { source: string }): VNode {
  return html`<span class=${`src src-${source}`} title=${`who acted: ${source}`}>${source}</span>`;
}

export function Narration({ session, insight, possible, onChoose, outcome }: { session: Session; insight: Insight; possible: Possible[]; onChoose?: (p: Possible) => void; outcome?: VNode | null }): VNode {
  const e = session.current;
  const entry = e.code ? lookup(e.code) : undefined;
  const doc = docOf(insight, e.state);
  const record = intuneRecord(session, session.cursor);
  const isError = Boolean(e.code);
  const section = useRef<HTMLElement>(null);
  const more = useRef<HTMLDivElement>(null);
  // Its core scrolls on its own where it stands apart from the rest (presenter mode on a 4:3 projector, styles.css).
  const core = useRef<HTMLDivElement>(null);
  useMoreBelow(section);
  useMoreBelow(core);
  useMoreBelow(more);
  useFitType(core, e);
  // Each step's words start at their top: a clicker's Page Down (pageNarration) scrolled the last one's down.
  useEffect(() => {
    for (const el of [section.current, core.current, more.current]) if (el) el.scrollTop = 0;
  }, [session.cursor, e]);
  // A failure with no documented code is said to be the simulator's name (FaultCode) once: on its error card, where it
  // has one, the event's line leaving it; a documented code keeps its chip beside the event.
  return html`<section class="panel narration" data-testid="narration" aria-label="Narration" ref=${section}>
    <div class="narr-core" data-testid="narration-core" ref=${core}>
      <div class="narr-head">
        ${e.phase ? html`<span class="phase-badge" data-testid="phase-badge">${phaseTitle(e.phase)}</span>` : null}
        <h2 data-testid="state-title">${stateTitle(e.state)}</h2>
        <span class="narr-at">${formatClock(e.at)}</span>
      </div>
      <p class="narr-text" data-testid="narration-text">${e.narration}</p>
      ${e.cause ? html`<p class="narr-cause" data-testid="narration-why">Why: ${e.cause}</p>` : null}
      ${outcome ?? null}
    </div>
    <div class="narr-more" data-testid="narration-more" ref=${more}>
      <p class="narr-event">
        <${SourceChip} source=${e.source} />
        <span class="ev-name" title=${e.event}>${entryEventText(session.trace, session.cursor)}</span>
        ${e.detail ? html`<span class="detail">${e.detail}</span>` : null}
        ${!e.code
          ? null
          : shownCode(e.code)
            ? html`<span data-testid="narration-code"><${FaultCode} code=${e.code} chip /></span>`
            : entry
              ? null
              : html`<span data-testid="narration-code"><${FaultCode} code=${e.code} /></span>`}
      </p>
      ${e.finding ? html`<${FindingCard} id=${e.finding} />` : null}
      ${entry && isError ? html`<${ErrorCard} entry=${entry} ...${failurePlace(session.trace, session.cursor, session.env)} />` : null}
      <div class=${`intune intune-${record.status}`} data-testid="intune-record"><b>Intune records:</b> ${record.text}</div>
      ${possible.length
        ? html`<div class="possible" data-testid="possible-now"><b>Can happen now:</b> ${possible.map((p) =>
            onChoose && p.action
              ? html`<button type="button" class=${`ev ev-${p.source} ev-click`} title=${`${p.event}${p.faults ? ` (${p.faults.join('; ')})` : ''}: ${p.action === 'next' ? 'step on' : p.action === 'faults' ? 'choose a fault' : 'choose this'}`} data-testid=${`possible-${p.event}`} onClick=${() => onChoose(p)}>${p.label}</button>`
              : html`<span class=${`ev ev-${p.source} ev-fixed`} title=${p.why ? `${p.event}: ${p.why}` : p.event} data-testid=${`possible-${p.event}`}>${p.label}</span>`,
          )}</div>`
        : null}
      ${doc ? html`<a class="doc-link" href=${doc} target="_blank" rel="noopener noreferrer" data-testid="doc-link">Documentation for this step ↗</a>` : null}
    </div>
  </section>`;
}

/**
 * A failure's card: its code and Microsoft's text, what it means, the remedy and where it is shown. On a page inside the
 * ESP with no one at an OOBE page or a sign-in (`page`, espFailurePage) the text a user's OOBE page or sign-in shows is
 * not given as the device's, nor that page as where it is shown (messageWhere, whereShown): a red screen's card read
 * “Something went wrong” and "Shown: OOBE (generic page)".
 */
export function ErrorCard({ entry, page, userPage = null }: { entry: CatalogEntry; page: string | null; userPage?: string | null }): VNode {
  const said = messageWhere(entry, page !== null);
  return html`<div class="error-card" data-testid="error-card">
    <div class="error-title">${entry.code ? html`<b>${entry.code}</b>` : html`<span data-testid="narration-code"><${FaultCode} code=${entry.id} /></span>`} ${isBareCode(entry) ? null : said.startsWith('[') ? (said === entry.message ? html`<i>${said.slice(1, -1)}</i>` : null) : html`“${said}”`}</div>
    <dl>
      <dt>Meaning</dt><dd>${entry.meaning}</dd>
      ${entry.remedy ? html`<dt>Remedy</dt><dd>${entry.remedy}</dd>` : null}
      <dt>Shown</dt><dd>${whereShown(entry, page, userPage)}</dd>
    </dl>
    <a href=${entry.docUrl} target="_blank" rel="noopener noreferrer">Microsoft documentation ↗</a>
  </div>`;
}

/** Something the deployment gets wrong without failing (src/catalog/findings.ts). */
export function FindingCard({ id }: { id: string }): VNode {
  const f = findingOf(id);
  return html`<div class="finding-card" data-testid="finding" data-finding=${id}>
    <b>Finding</b> <code>${id}</code> ${f?.text ?? ''}
    ${f ? html`<div class="muted">${f.remedy} <a href=${f.docUrl} target="_blank" rel="noopener noreferrer">Microsoft documentation ↗</a></div>` : null}
  </div>`;
}

/** A run past a day writes its clock with days (2d 01:05:00): the whole log's time column is made that wide, so it stays one column. */
const DAY_MS = 86_400_000;

export function EventLog({ trace, cursor, onSeek, testId = 'event-log' }: { trace: TraceEntry[]; cursor: number; onSeek: (i: number) => void; testId?: string }): VNode {
  const list = useRef<HTMLOListElement>(null);
  // The current entry stays in view: after a step, and whenever the list is shown again or
  // changes size (side by side closed, presenter mode toggled, a run imported).
  const reveal = () => {
    const ol = list.current;
    const el = ol?.querySelector('.current') as HTMLElement | null;
    if (!el || !ol || ol.clientHeight === 0) return;
    const top = el.offsetTop - ol.offsetTop;
    if (top < ol.scrollTop || top > ol.scrollTop + ol.clientHeight - el.clientHeight) ol.scrollTop = top - ol.clientHeight / 2;
  };
  useEffect(reveal);
  useEffect(() => {
    const ol = list.current;
    if (!ol || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(reveal);
    ro.observe(ol);
    return () => ro.disconnect();
  }, []);
  return html`<section class="panel log" data-testid=${testId}>
    <h3>Event log <span class="muted">who acted, in virtual time</span></h3>
    <ol ref=${list} class=${trace.some((e) => e.at >= DAY_MS) ? 'days' : ''}>
      ${trace.slice(0, cursor + 1).map(
        (e, i) => html`<li key=${i} class=${i === cursor ? 'current' : ''} data-testid="log-entry" onClick=${() => onSeek(i)}>
          <span class="t">${formatClock(e.at)}</span>
          <${SourceChip} source=${e.source} />
          <span class="ev-what">
            <span class="ev-name" title=${e.event}>${entryEventText(trace, i)}</span>
            ${e.detail ? html` <span class="detail" title=${e.detail}>${e.detail}</span>` : null}
            ${e.code ? html` <${FaultCode} code=${e.code} chip />` : null}
          </span>
        </li>`,
      )}
    </ol>
  </section>`;
}

/**
 * A failure's code wherever the studio shows one: a fault's card, the narration (its step, its error card, its ending),
 * the event log's and side by side's chips and its outcome badge, the presenter's view. The code Windows shows where
 * Microsoft documents one (`chip`: in a code's chip, as a step's line shows it); for a failure it documents none for,
 * the simulator's own name (CLOCK_SKEW, ESP_TIMEOUT), said to be that, as What Intune records says it: in the red of an
 * error code it read as one the class would meet on a device.
 */
export function FaultCode({ code, chip = false }: { code: string; chip?: boolean }): VNode {
  const shown = shownCode(code);
  if (shown) return html`<span class=${chip ? 'code-chip' : 'fault-code'}>${breakable(shown)}</span>`;
  return html`<span class="fault-code sim-name" title="Microsoft documents no error code for this failure: the simulator's own name for it">no documented code (the simulator names it <code>${breakable(code)}</code>)</span>`;
}

/**
 * Whether the run ended as its file expects, on the outcome's line. The expected code is said as FaultCode says every
 * code: 'the file expects failed ESP_TIMEOUT' gave the simulator's name as if it were a code a device shows.
 */
export function AsExpected({ expect, outcome }: { expect: { status: string; errorCode?: string | null }; outcome: { status: string; errorCode?: string | null } }): VNode {
  const same = expect.status === outcome.status && (expect.errorCode ?? null) === (outcome.errorCode ?? null);
  return html`<span class="muted" data-testid="as-expected"> · ${same ? 'as the file expects' : html`the file expects ${expect.status}${expect.errorCode ? html` <${FaultCode} code=${expect.errorCode} />` : null}`}</span>`;
}

/** What can change the run here: the class's choices (the world's other answers, the person's buttons) and the faults. */
/**
 * What the class can choose or break now. `hiddenCode`: a lesson's expected error code, not yet
 * on the screen: a fault that would raise it keeps its name but not its code or message (the
 * class finds the code on the device first, as the lesson card hides it too).
 */
/**
 * A fault as its card shows it: `ends` is the code the run will end with once it is injected (Session.endingOf), not
 * always its event's; `against`, what of the set-up it goes against (Session.setUpAgainst), empty for most.
 */
export type FaultCard = Fault & { ends?: string; against?: string[] };

/**
 * A fault that goes against the set-up (a VM's attestation failure on a physical device) is offered on purpose, for
 * the class's "what if": its card says so and what it goes against, so nobody reads it as what this device can do.
 */
export function WhatIf({ against }: { against: readonly string[] | undefined }): VNode | null {
  if (!against?.length) return null;
  return html`<span class="fault-whatif" data-testid="fault-whatif"><b>What if:</b> not this set-up, which has ${against.map((a, i) => html`${i ? ', ' : ''}<code>${a}</code>`)}</span>`;
}

export function NowPanel({ faults, choices, wait, suggested, onInject, highlight, hiddenCode = null, ended = false }: { faults: FaultCard[]; choices: Fault[]; wait: Wait | null | undefined; suggested: string[]; onInject: (id: string) => void; highlight: boolean; hiddenCode?: string | null; ended?: boolean }): VNode {
  const empty = faults.length === 0 && choices.length === 0;
  // At the run's last step there is nothing to step on to (→ does nothing there): it said 'step on' all the same.
  return html`<section class=${`panel faults ${highlight ? 'flash' : ''} ${empty ? 'empty' : ''}`} data-testid="faults" id="faults-panel">
    ${empty
      ? html`<p class="muted" data-testid="no-faults">${ended ? 'The run has ended. Step back (←) to choose or break something earlier.' : 'Nothing to choose or break here: step on.'}</p>`
      : null}
    ${choices.length
      ? html`<h3>The class can choose <span class="muted">forks the run</span></h3>
          <ul class="choices" data-testid="choices">
            ${choices.map(
              (c) => html`<li><button type="button" class=${`choice src-edge-${c.source ?? sourceOf(c.event.type)}`} data-testid=${`choice-${c.event.type}`} title=${c.event.type} onClick=${() => onInject(c.id)}>
                <${SourceChip} source=${c.source ?? sourceOf(c.event.type)} /> <span class="fault-label">${eventText(c.event.type, wait, c.source ?? sourceOf(c.event.type))}</span>
              </button></li>`,
            )}
          </ul>`
      : null}
    ${faults.length
      ? html`<h3>Inject a fault <span class="muted">only what can happen in this state${faults.some((f) => f.against?.length) ? '; a what-if, if the set-up were otherwise' : ''}</span></h3>
          <ul>
            ${faults.map((f) => {
              const code = f.ends ?? f.code;
              const entry = code ? lookup(code) : undefined;
              const hidden = hiddenCode !== null && code !== undefined && (code.toLowerCase() === hiddenCode.toLowerCase() || entry?.message.toLowerCase().includes(hiddenCode.toLowerCase()));
              return html`<li>
                <button type="button" class=${`fault ${suggested.includes(f.id) ? 'suggested' : ''}`} data-testid=${`fault-${f.id}`} onClick=${() => onInject(f.id)}>
                  <span class="fault-label">${maskCode(f.label, hiddenCode)}</span>
                  ${hidden
                    ? html`<span class="fault-code masked" title=${maskedEnding(hiddenCode!).title}>${maskedEnding(hiddenCode!).text}</span>`
                    : html`${code ? html`<${FaultCode} code=${code} />` : null}
                        ${entry && !entry.message.startsWith('[') && ![code!, entry.code ?? code!].some((c) => entry.message.toLowerCase() === c.toLowerCase()) ? html`<span class="fault-msg">${breakable(entry.message)}</span>` : null}`}
                  <${WhatIf} against=${f.against} />
                </button>
              </li>`;
            })}
          </ul>`
      : null}
  </section>`;
}

/**
 * Presenter mode's way to the faults (f, or a fault under the narration): the drawer that lists them is not on the
 * class's screen, and with one screen mirrored to the projector there is no presenter's view either; f did nothing.
 * The same list, in a dialog over the device, closed by Esc or by the fault it injects.
 */
export function FaultsDialog(props: { faults: FaultCard[]; choices: Fault[]; wait: Wait | null | undefined; suggested: string[]; onInject: (id: string) => void; hiddenCode: string | null; ended: boolean; onClose: () => void }): VNode {
  const dialog = useRef<HTMLDivElement>(null);
  // The first fault, else the first choice: as one selector list, the page's order put 'The class can choose' first, and
  // presenter mode's f then Space forked the run on a choice (lesson 01's 'User leaves the ESP') where the studio's f
  // goes to the faults and Space strikes the first.
  useDialog(dialog, ['button.fault', 'button.choice']);
  return html`<div class="overlay" onClick=${props.onClose}>
    <div class="dialog faults-dialog" role="dialog" aria-modal="true" aria-label="What can happen now" data-testid="faults-dialog" ref=${dialog} onClick=${(e: Event) => e.stopPropagation()}>
      <${NowPanel} faults=${props.faults} choices=${props.choices} wait=${props.wait} suggested=${props.suggested} ended=${props.ended} onInject=${(id: string) => {
        props.onClose();
        props.onInject(id);
      }} highlight=${false} hiddenCode=${props.hiddenCode} />
      <button type="button" class="close" data-testid="faults-dialog-close" onClick=${props.onClose}>Close (Esc)</button>
    </div>
  </div>`;
}

/** A fault by its id, in the words of the fault panel's card ('app-hangs' -> 'An app restarts inside its installer'): the first a mode gives it. */
const FAULT_LABELS = new Map(Object.values(FAULTS_BY_WAIT).flatMap((fs) => fs.map((f) => [f.id, f.label] as const)).reverse());

/** The lesson for the trainer: the questions first (in view when the panel opens), then the introduction. No expected outcome: that would spoil it. */
export function LessonCard({ taught, suggestedNow, revealed }: { taught: Taught; suggestedNow: string[]; revealed: boolean }): VNode {
  const l = taught.lesson;
  const m = (text: string) => maskCode(text, revealed ? null : taught.expect?.errorCode ?? null);
  return html`<section class="panel lesson" data-testid="lesson-card">
    <div class="lesson-head">
      <span class="lesson-tag">Lesson</span>
      <h2 data-testid="lesson-title">${m(l.title)}</h2>
    </div>
    <${Questions} questions=${l.questions} mask=${m} />
    <p>${m(l.introduction)}</p>
    ${l.mirrors ? html`<p class="mirrors">Mirrors: ${m(l.mirrors)}</p>` : null}
    ${l.suggestedFaults.length
      ? html`<p class="muted" data-testid="lesson-suggested">Suggested faults: ${l.suggestedFaults.map((f) => html`<span class=${`ev ${suggestedNow.includes(f) ? 'ev-now' : ''}`} title=${f}>${m(FAULT_LABELS.get(f) ?? f)}</span>`)}</p>`
      : null}
  </section>`;
}

/** A lesson's questions for the class, on its card and on its opening. */
function Questions({ questions, mask }: { questions: string[]; mask: (text: string) => VNode | string }): VNode | null {
  return questions.length ? html`<h4 data-testid="ask-the-class">Ask the class</h4><ol class="questions">${questions.map((q) => html`<li>${mask(q)}</li>`)}</ol>` : null;
}

/**
 * A lesson's opening on the class's screen, as a title slide before the first step (a clicker's back at step 0): the
 * lesson card's title, introduction and questions at projector type, which the Lesson tab cut at 1280x720 (and presenter
 * mode does not show), its expected code hidden. Any key or a click closes it (app.ts).
 */
export function LessonOpening({ lesson, hiddenCode, onClose }: { lesson: Taught['lesson']; hiddenCode: string | null; onClose: () => void }): VNode {
  const m = (text: string) => maskCode(text, hiddenCode);
  return html`<div class="lesson-opening" data-testid="lesson-opening" role="dialog" aria-label=${lesson.title} title="Any key or a click shows step 0" onClick=${onClose}>
    <div class="lesson-opening-body">
      <div class="lesson-head"><span class="lesson-tag">Lesson</span><h2>${m(lesson.title)}</h2></div>
      <p>${m(lesson.introduction)}</p>
      <${Questions} questions=${lesson.questions} mask=${m} />
    </div>
  </div>`;
}

/** A lesson's text with its expected error code hidden until the run shows it (the class finds it on the screen first). */
export function maskCode(text: string, code: string | null): VNode | string {
  if (!code) return text;
  const parts = text.split(new RegExp(code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'));
  if (parts.length === 1) return text;
  return html`${parts.map((p, i) => (i === 0 ? p : html`<span class="masked" title=${maskedEnding(code).title}>${maskedEnding(code).inline}</span>${p}`))}`;
}

const ICONS: Record<string, string> = {
  first: 'M4 3h2v10H4zM14 3v10L7 8z',
  back: 'M12 3v10L5 8z',
  step: 'M4 3v10l7-5zM12 3h2v10h-2z',
  last: 'M10 3h2v10h-2zM2 3v10l7-5z',
  play: 'M4 2v12l10-6z',
  pause: 'M3 3h3.5v10H3zM9.5 3H13v10H9.5z',
};
function Icon({ name }: { name: keyof typeof ICONS }): VNode {
  return html`<svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path d=${ICONS[name]} fill="currentColor" /></svg>`;
}

export const SPEEDS = [1, 10, 60, 300, 1800, 7200];

export function Transport(props: {
  cursor: number;
  length: number;
  playing: boolean;
  speed: number;
  clock: number;
  marks?: number[];
  onPlay: () => void;
  onStep: () => void;
  onBack: () => void;
  onSeek: (i: number) => void;
  onSpeed: (s: number) => void;
}): VNode {
  const { cursor, length } = props;
  return html`<div class="transport" data-testid="transport">
    <button type="button" title="First step (Home)" data-testid="btn-first" onClick=${() => props.onSeek(0)} disabled=${cursor === 0}><${Icon} name="first" /></button>
    <button type="button" title="Step back (←)" data-testid="btn-back" onClick=${props.onBack} disabled=${cursor === 0}><${Icon} name="back" /></button>
    <button type="button" class="play" title="Play / pause (space)" data-testid="btn-play" aria-pressed=${props.playing} onClick=${props.onPlay}>${props.playing ? html`<${Icon} name="pause" /> Pause` : html`<${Icon} name="play" /> Play`}</button>
    <button type="button" title="Step (→)" data-testid="btn-step" onClick=${props.onStep} disabled=${cursor >= length - 1}><${Icon} name="step" /></button>
    <button type="button" title="Last step (End)" data-testid="btn-last" onClick=${() => props.onSeek(length - 1)} disabled=${cursor >= length - 1}><${Icon} name="last" /></button>
    <div class="scrub-wrap">
      <input type="range" min="0" max=${length - 1} step="1" value=${cursor} data-testid="scrub" aria-label="Scrub through the run"
        onInput=${(e: Event) => props.onSeek(Number((e.target as HTMLInputElement).value))} />
      <div class="marks">${(props.marks ?? []).map((m) => html`<i style=${`left:${length > 1 ? (m / (length - 1)) * 100 : 0}%`} title="first difference"></i>`)}</div>
    </div>
    <span class="counter" data-testid="step-counter">step ${cursor} / ${length - 1}</span>
    <span class="clock" data-testid="clock" title="Virtual time since power on">${formatClock(props.clock)}</span>
    <label class="speed" title="How much faster than real time the virtual clock runs">
      <span class="speed-label">Speed</span>
      <select data-testid="speed" aria-label="Playback speed" value=${props.speed} onChange=${(e: Event) => {
        const el = e.target as HTMLSelectElement;
        props.onSpeed(Number(el.value));
        // Give the keys back to the studio: arrows step, p presents (not the select's own keys).
        el.blur();
      }}>
        ${SPEEDS.map((s) => html`<option value=${s}>${s}×</option>`)}
      </select>
    </label>
  </div>`;
}

export function Help({ onClose }: { onClose: () => void }): VNode {
  const keys: Array<[string, string]> = [
    ['Space', 'Play or pause'],
    ['→ or Page Down', "Step forward (a clicker's next shows words cut under 'more below' first)"],
    ['← or Page Up', "Step back (scrolling those words back first); at a lesson's first step, its questions for the class"],
    ['Home / End', 'First / last step'],
    ['b or .', "Black screen (a clicker's blank button); any key to return"],
    ['F5', "Presenter mode (a clicker's start button)"],
    ['f', 'Faults possible now'],
    ['+ / −', 'Faster / slower'],
    ['o', 'Open a run or lesson'],
    ['c', 'Compare side by side'],
    ['p', 'Presenter mode (large type)'],
    ['g', 'Presenter mode: show or hide the chart'],
    ['n', "Open the presenter's view (speaker notes) in a second window"],
    ['i', 'State inspector'],
    ['?', 'This help'],
    ['Esc', 'Close a dialog, side by side, presenter mode'],
  ];
  const dialog = useRef<HTMLDivElement>(null);
  useDialog(dialog);
  return html`<div class="overlay" onClick=${onClose}>
    <div class="dialog help" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" data-testid="help" ref=${dialog} onClick=${(e: Event) => e.stopPropagation()}>
      <h2>Keyboard shortcuts</h2>
      <table>${keys.map(([k, v]) => html`<tr><td><kbd>${k}</kbd></td><td>${v}</td></tr>`)}</table>
      <p class="muted">The chart: drag to pan, wheel to zoom, click a phase's title to collapse or expand it.</p>
      <button type="button" onClick=${onClose}>Close</button>
    </div>
  </div>`;
}

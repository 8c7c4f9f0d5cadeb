// Side by side: run A (the current run) and run B (another scenario file, or A with one
// change) on the same device (same seed), stepping together; the first step where they
// part ways is marked in the table and on the scrub bar.
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Session } from '../../engine/session.ts';
import { CHANGES } from '../../environment/comparisons.ts';
import { bundledFiles } from './bundled.ts';
import { Chart } from './chart.ts';
import { joinOf } from './inspector.ts';
import { entryEventText, phaseTitle, sameStep, stateTitle, visitedUpTo, takenUpTo, type Insight } from './insight.ts';
import { useMoreBelow } from './hooks.ts';
import { formatClock, formatMinutes } from './run.ts';
import { onErrorScreen, screenAt } from './screen-model.ts';
import { FaultCode } from './panels.ts';
import { maskedEnding } from '../ending.ts';
import { DeviceScreen } from './screens.ts';

/** B: another file, A with one change, or A's other branch (the run before its last choice or fault). */
export type BSource = { kind: 'file'; path: string } | { kind: 'change'; id: string } | { kind: 'fork' };

export interface Side {
  session: Session;
  insight: Insight;
  title: string;
}

/** A run's outcome over its column: its code said as everywhere in the studio (FaultCode), not a bare simulator name. */
function OutcomeBadge({ s }: { s: Session }): VNode {
  const o = s.outcome;
  return html`<span class=${`badge badge-${o.status}`} data-testid="compare-outcome">${o.status}${o.errorCode ? html` · <${FaultCode} code=${o.errorCode} />` : null} · ${formatMinutes(o.elapsedMinutes)}</span>`;
}

function Column({ side, cursor, label, which }: { side: Side; cursor: number; label: string; which: 'a' | 'b' }): VNode {
  const s = side.session;
  const i = Math.min(cursor, s.trace.length - 1);
  const e = s.trace[i]!;
  const ended = cursor >= s.trace.length - 1;
  const narration = useRef<HTMLDivElement>(null);
  useMoreBelow(narration);
  return html`<div class="cmp-col" data-testid=${`compare-${which}`}>
    <div class="cmp-head">
      <b class="cmp-title" title=${side.title}><span class="cmp-tag">${label}</span> ${side.title}</b>
      ${ended ? html`<${OutcomeBadge} s=${s} />` : null}
    </div>
    <${DeviceScreen} model=${screenAt(s.trace, i, s.env)} />
    <div class="cmp-narr" ref=${narration}>${e.phase ? html`<span class="phase-badge">${phaseTitle(e.phase)}</span> ` : null}<b>${stateTitle(e.state)}</b> <span class="muted">${formatClock(e.at)}</span><div>${e.narration}</div></div>
    <${Chart}
      scenario=${side.insight.scenario}
      join=${joinOf(s, side.insight)}
      active=${e.state}
      visited=${visitedUpTo(s.trace, i)}
      available=${[]}
      taken=${takenUpTo(side.insight, i)}
      failed=${e.end === 'failed' || onErrorScreen(e) ? e.state : null}
      compact=${true}
      testId=${`chart-${which}`}
    />
  </div>`;
}

export function CompareView(props: {
  a: Side;
  b: Side | null;
  bSource: BSource;
  cursor: number;
  difference: number | null;
  error: string | null;
  /** The other branch's name, when A forked (a choice or a fault). */
  forkLabel?: string | null;
  /** A lesson's error code while its run has not shown it: masked in the steps still to come, as the faults' cards do. */
  hiddenCode?: string | null;
  onSource: (s: BSource) => void;
  onSeek: (i: number) => void;
  onClose: () => void;
}): VNode {
  const { a, b, cursor, difference } = props;
  const table = useRef<HTMLDivElement>(null);
  const reveal = () => {
    const box = table.current;
    const rows = box ? [...box.querySelectorAll<HTMLElement>('tbody tr')] : [];
    const i = rows.findIndex((r) => r.classList.contains('current'));
    if (!box || i < 0) return;
    // The current step with the one before and the one after, whole under the head (its cells stick to the top), and as
    // many more around them as fit: centred, a table of three rows showed half of the one before and half of the next.
    const head = box.querySelector('th')?.offsetHeight ?? 0;
    const span = (lo: number, hi: number) => rows[hi]!.offsetTop + rows[hi]!.offsetHeight - rows[lo]!.offsetTop;
    let [lo, hi] = [Math.max(0, i - 1), Math.min(rows.length - 1, i + 1)];
    // The table asks for the height those three rows need (--rows-need, its least in styles.css), up to two fifths of the
    // window: a step whose row wraps (lesson 05's ANOTHER_INSTALLATION_IN_PROGRESS, two lines) took more than the head and
    // three rows the table kept, and with the charts at 1280x720 it cut the step before and the step after.
    const need = Math.min(head + span(lo, hi) + box.offsetHeight - box.clientHeight, 0.4 * window.innerHeight);
    box.style.setProperty('--rows-need', `${Math.ceil(need)}px`);
    const room = box.clientHeight - head;
    if (span(lo, hi) > room) {
      box.scrollTop = rows[i]!.offsetTop - head - (room - rows[i]!.offsetHeight) / 2;
      return;
    }
    for (let grew = true; grew; ) {
      grew = false;
      if (lo > 0 && span(lo - 1, hi) <= room) [lo, grew] = [lo - 1, true];
      if (hi < rows.length - 1 && span(lo, hi + 1) <= room) [hi, grew] = [hi + 1, true];
    }
    box.scrollTop = rows[lo]!.offsetTop - head;
  };
  useEffect(reveal, [cursor]);
  // And when the table's height changes (presenter mode, the charts shown or hidden, a narration that takes its rows), or
  // its rows' (presenter mode's type).
  useEffect(() => {
    const box = table.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => reveal());
    ro.observe(box);
    if (box.firstElementChild) ro.observe(box.firstElementChild);
    return () => ro.disconnect();
  }, [Boolean(b)]);
  const rows = b ? Math.max(a.session.trace.length, b.session.trace.length) : 0;
  const cell = (t: Session, i: number) => {
    const e = t.trace[i];
    if (!e) return html`<td class="muted" colspan="2">(ended)</td>`;
    // The table lists the steps still to come: a lesson's code among them gave its ending away before the class guessed.
    const masked = !!e.code && !!props.hiddenCode && e.code.toLowerCase() === props.hiddenCode.toLowerCase();
    const code = !e.code ? null : masked ? html` <span class="masked" title=${maskedEnding(props.hiddenCode!).title}>${maskedEnding(props.hiddenCode!).text}</span>` : html` <${FaultCode} code=${e.code} chip />`;
    // With its detail (which app, which pages), as the event log has it: two steps that differ only there were marked as
    // differing and read alike ('User finishes the OOBE pages', lesson 05 beside device preparation).
    return html`<td class="t">${formatClock(e.at)}</td><td><span title=${e.event}>${entryEventText(t.trace, i)}</span>${e.detail ? html` <span class="detail">${e.detail}</span>` : null}${code} <span class="muted">→ ${stateTitle(e.state)}</span></td>`;
  };
  const value = props.bSource.kind === 'file' ? `file:${props.bSource.path}` : props.bSource.kind === 'fork' ? 'fork' : `change:${props.bSource.id}`;
  return html`<div class="compare" data-testid="compare-view">
    <div class="cmp-bar">
      <b title=${`A is the current run; B runs on the same device (seed ${a.session.seed}).`}>Side by side</b>
      <span class="muted cmp-about">A is the current run; B runs on the same device (seed ${a.session.seed}).</span>
      <label>B is
        <select data-testid="compare-source" value=${value} onChange=${(e: Event) => {
          const el = e.target as HTMLSelectElement;
          const v = el.value;
          // Give the keys back to the studio, as the speed does: the arrows stepped through the list of runs to compare
          // with (lesson 02 beside self-deploying.yaml became user-driven-adfs-assigned-user.yaml), not the runs.
          el.blur();
          props.onSource(v === 'fork' ? { kind: 'fork' } : v.startsWith('file:') ? { kind: 'file', path: v.slice(5) } : { kind: 'change', id: v.slice(7) });
        }}>
          ${props.forkLabel ? html`<optgroup label="The other branch"><option value="fork">${props.forkLabel}</option></optgroup>` : null}
          <optgroup label="A with one change">${CHANGES.filter((c) => c.for?.(a.session.env) ?? true).map((c) => html`<option value=${`change:${c.id}`}>${c.label}</option>`)}</optgroup>
          <optgroup label="Another scenario file">${bundledFiles().map((f) => html`<option value=${`file:${f.path}`}>${f.path}</option>`)}</optgroup>
        </select>
      </label>
      ${difference !== null
        ? html`<button type="button" data-testid="jump-difference" title=${`Jump to the first difference (step ${difference})`} onClick=${() => props.onSeek(difference)}><span class="cmp-verb">Jump to </span>first difference (step ${difference})</button>`
        : b
          ? html`<span class="muted" data-testid="no-difference">The runs do not differ.</span>`
          : null}
      <button type="button" class="close" data-testid="compare-close" onClick=${props.onClose}>Close side by side</button>
    </div>
    ${props.error ? html`<p class="error-msg" role="alert" data-testid="compare-error">${props.error}</p>` : null}
    <div class="cmp-cols">
      <${Column} side=${a} cursor=${cursor} label="A" which="a" />
      ${b ? html`<${Column} side=${b} cursor=${cursor} label="B" which="b" />` : html`<div class="cmp-col muted">Choose B above.</div>`}
    </div>
    ${b
      ? html`<div class="cmp-table" ref=${table}>
          <table data-testid="compare-table">
            <thead><tr><th>step</th><th colspan="2" title=${`A: ${a.title}`}>A: ${a.title}</th><th colspan="2" title=${`B: ${b.title}`}>B: ${b.title}</th></tr></thead>
            <tbody>
              ${Array.from({ length: rows }, (_, i) => {
                const differs = !sameStep(a.session.trace, b.session.trace, i);
                const cls = [i === cursor ? 'current' : '', differs ? 'differs' : '', i === difference ? 'first-diff' : '', i > cursor ? 'future' : ''].join(' ');
                return html`<tr class=${cls} onClick=${() => props.onSeek(i)} data-testid=${i === difference ? 'first-difference' : undefined}>
                  <td class="n">${i}${i === difference ? html`<span class="diff-flag">first difference</span>` : null}</td>
                  ${cell(a.session, i)} ${cell(b.session, i)}
                </tr>`;
              })}
            </tbody>
          </table>
        </div>`
      : null}
  </div>`;
}

// The presenter's view: speaker notes for the trainer's own screen while the studio window
// is on the projector. It follows the studio (channel.ts) and can step, go back, choose and
// inject from here; it shows what the class does not see: the lesson's introduction and
// questions, what to point out at this step (the lesson's notice), the next step and what it will do, the faults worth injecting now, and how the
// file is expected to end.
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { bundledByPath } from './bundled.ts';
import { useViewChannel, type StudioState } from './channel.ts';
import { eventText, phaseTitle, stateTitle } from './insight.ts';
import { phaseLabel } from '../../catalog/phases.ts';
import { errorText, formatClock, sessionFromData, sessionFromHash, splitAddress } from './run.ts';
import { FaultCode, SourceChip, WhatIf } from './panels.ts';
import { useWindowEvent } from './hooks.ts';
import { inNoticeState } from '../../environment/notice.ts';

export function NotesView(): VNode {
  const [state, setState] = useState<StudioState | null>(null);
  const send = useViewChannel(setState);
  const read = useMemo((): { session: ReturnType<typeof sessionFromData> | null; error: string | null } => {
    if (!state) return { session: null, error: null };
    try {
      // The studio's run as its file carries it, a trainer's own lesson with it (run.ts).
      const s = sessionFromData(state.file, "The studio's run");
      s.seek(state.cursor);
      return { session: s, error: null };
    } catch (e) {
      return { session: null, error: errorText(e) };
    }
  }, [state?.version, state?.cursor, JSON.stringify(state?.file.faults), state?.file.seed, state?.title]);
  const session = read.session;
  /**
   * A run link in this window's own address (a shared link hand-edited into the presenter's view): its faults named
   * as the studio's window names them. Before, a link whose lesson failed its checks left this view "Waiting for the
   * studio…" with no word of what was wrong, where the studio said which field.
   */
  const linkError = useMemo(() => {
    try {
      sessionFromHash(splitAddress(location.hash).run);
      return null;
    } catch (e) {
      return errorText(e);
    }
  }, []);

  useWindowEvent('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    // The studio's keys, and a presentation clicker's (PageDown, PageUp; b or . blacks the class's screen, F5 and Esc
    // start and end presenter mode there): the trainer's laptop has this window's focus while presenting.
    if (e.key === 'ArrowRight' || e.key === ' ' || e.key === 'PageDown') {
      e.preventDefault();
      send({ kind: 'step', page: e.key !== ' ' });
    } else if (e.key === 'ArrowLeft' || e.key === 'PageUp') {
      e.preventDefault();
      send({ kind: 'back', page: true });
    } else if (e.key === 'b' || e.key === '.') {
      send({ kind: 'blank' });
    } else if (e.key === 'F5') {
      // Not a reload of this window.
      e.preventDefault();
      send({ kind: 'present', on: true });
    } else if (e.key === 'Escape') {
      send({ kind: 'present', on: false });
    }
  });

  if (!state || !session) {
    const error = read.error ?? linkError;
    return html`<div class="notes waiting" data-testid="notes" data-ready="0">
      <h1>Presenter's view</h1>
      ${error ? html`<p class="error-msg" role="alert" data-testid="notes-error">${error}</p>` : null}
      <p>${read.error ? 'This view follows the studio: open a run there and it shows here.' : "Waiting for the studio… Keep the studio open in another window of this browser: this view follows it."}</p>
    </div>`;
  }
  const bundled = state.path ? bundledByPath(state.path) : undefined;
  const lesson = session.taught?.lesson;
  const e = session.current;
  const next = session.trace[session.cursor + 1];
  const faults = session.faultsFor(e);
  const choices = session.choicesFor(e);
  const suggested = new Set(lesson?.suggestedFaults ?? []);
  const ordered = [...faults.filter((f) => suggested.has(f.id)), ...faults.filter((f) => !suggested.has(f.id))];
  const expect = session.taught ? session.taught.expect : bundled?.file.expect;
  const last = session.trace.length - 1;
  const notice = lesson?.notice ?? [];
  const pointOut = notice.filter((n) => inNoticeState(e.state, n.at));
  return html`<div class="notes" data-testid="notes" data-ready="1" data-cursor=${session.cursor}>
    <header class="notes-head">
      <div>
        <div class="notes-kicker">Presenter's view · only on your screen</div>
        <h1 data-testid="notes-title">${state.title}</h1>
      </div>
      ${state.blank ? html`<p class="notes-blank" data-testid="notes-blank" role="status">The class's screen is black: any key brings this step back.</p>` : null}
      ${state.opening ? html`<p class="notes-blank" data-testid="notes-opening" role="status">The class sees the lesson's introduction and questions: any key brings step 0.</p>` : null}
      <div class="notes-controls">
        <button type="button" data-testid="notes-back" onClick=${() => send({ kind: 'back' })} disabled=${session.cursor === 0 && !lesson} title=${session.cursor === 0 && lesson ? "At step 0: the lesson's questions on the class's screen" : undefined}>← Back</button>
        <span class="notes-counter" data-testid="notes-counter">step ${session.cursor} / ${last}</span>
        <button type="button" class="primary" data-testid="notes-step" onClick=${() => send({ kind: 'step' })} disabled=${session.cursor >= last}>Step →</button>
      </div>
    </header>
    <div class="notes-grid">
      <section class="panel">
        <h2>Now <span class="muted">what the class sees</span></h2>
        <p>${e.phase ? html`<span class="phase-badge">${phaseTitle(e.phase)}</span> ` : null}<b data-testid="notes-now">${stateTitle(e.state)}</b> <span class="muted">${formatClock(e.at)}</span></p>
        <p class="muted">${e.narration}</p>
        ${pointOut.length
          ? html`<div class="notes-point-out" data-testid="notes-point-out"><h3>Point out now</h3><ul>${pointOut.map((n) => html`<li>${n.text}</li>`)}</ul></div>`
          : null}
        <h2>Next</h2>
        ${next
          ? html`<div data-testid="notes-next">
              <p><${SourceChip} source=${next.source} /> <b>${eventText(next.event, e.wait, next.source)}</b>${next.code ? html` <${FaultCode} code=${next.code} chip />` : null} → <b>${stateTitle(next.state)}</b> <span class="muted">at ${formatClock(next.at)}</span></p>
              <p>${next.narration}</p>
              ${next.cause ? html`<p class="narr-cause">Why: ${next.cause}</p>` : null}
            </div>`
          : html`<p data-testid="notes-next">The run has ended: ${session.outcome.status}${session.outcome.errorCode ? html` (<${FaultCode} code=${session.outcome.errorCode} />)` : ''}.</p>`}
        ${expect ? html`<p class="muted" data-testid="notes-expect">This file ends: ${expect.status}${expect.errorCode ? html` <${FaultCode} code=${expect.errorCode} />` : ''}${expect.failedPhase ? ` in ${phaseLabel(expect.failedPhase)}` : ''}${session.injections.length ? ', without the changes made in this run,' : ''} (not shown to the class).</p>` : null}
      </section>
      <section class="panel">
        <h2>Worth injecting now</h2>
        ${ordered.length
          ? html`<ul class="notes-list" data-testid="notes-faults">${ordered.map(
              (f) => html`<li><button type="button" class=${`fault ${suggested.has(f.id) ? 'suggested' : ''}`} data-testid=${`notes-fault-${f.id}`} onClick=${() => send({ kind: 'inject', id: f.id })}>
                <span class="fault-label">${f.label}${suggested.has(f.id) ? ' (the lesson suggests it)' : ''}</span> ${f.code ? html`<${FaultCode} code=${f.code} />` : null}
                <${WhatIf} against=${session.setUpAgainst(f)} />
              </button></li>`,
            )}</ul>`
          : html`<p class="muted" data-testid="notes-no-faults">No fault can happen in this state.</p>`}
        ${choices.length
          ? html`<h2>The class can choose</h2><ul class="notes-list">${choices.map(
              (c) => html`<li><button type="button" class="choice" data-testid=${`notes-choice-${c.event.type}`} onClick=${() => send({ kind: 'inject', id: c.id })}>${eventText(c.event.type, e.wait, c.source)}</button></li>`,
            )}</ul>`
          : null}
      </section>
      ${lesson
        ? html`<section class="panel notes-lesson" data-testid="notes-lesson">
            <h2>${lesson.title}</h2>
            ${lesson.questions.length ? html`<h3>Ask the class</h3><ol class="questions">${lesson.questions.map((q) => html`<li>${q}</li>`)}</ol>` : null}
            <h3>Introduction</h3>
            <p>${lesson.introduction}</p>
            ${notice.length
              ? html`<h3>What to notice</h3><ul class="notes-notice" data-testid="notes-notice">${notice.map((n) => html`<li class=${inNoticeState(e.state, n.at) ? 'now' : ''}><b>${stateTitle(n.at)}</b>: ${n.text}</li>`)}</ul>`
              : null}
            ${lesson.mirrors ? html`<p class="muted">Mirrors: ${lesson.mirrors}</p>` : null}
          </section>`
        : html`<section class="panel notes-lesson" data-testid="notes-lesson"><h2>No lesson</h2><p class="muted">${bundled?.description ?? 'A run built or imported in the studio.'}</p></section>`}
    </div>
  </div>`;
}

// The state inspector, as XState's: the machine's context at this step (XState's own pure
// transitions replayed over the run's events), the last event with its payload, and what
// Intune records. Collapsible sections; read-only.
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { getInitialSnapshot, transition, type AnyMachineSnapshot } from 'xstate';
import type { Session } from '../../engine/session.ts';
import { inputFor } from '../../world/index.ts';
import { intuneRecord, type Insight } from './insight.ts';

const contexts = new WeakMap<Session, { key: string; snapshots: AnyMachineSnapshot[] }>();

/** The machine's snapshot after each step of a run, replayed with XState (cached per run). */
export function snapshotsOf(session: Session, insight: Insight): AnyMachineSnapshot[] {
  const key = `${session.trace.length}|${session.injections.map((i) => `${i.step}:${i.fault}`).join(',')}`;
  const hit = contexts.get(session);
  if (hit && hit.key === key) return hit.snapshots;
  const machine = insight.machine;
  let snap = getInitialSnapshot(machine, inputFor(session.env)) as AnyMachineSnapshot;
  const out = [snap];
  for (const e of session.trace.slice(1)) {
    try {
      [snap] = transition(machine, snap, { type: e.event, ...(e.code ? { code: e.code } : {}) } as never) as [AnyMachineSnapshot, unknown];
    } catch {
      // keep the last snapshot: the inspector shows what it knows
    }
    out.push(snap);
  }
  contexts.set(session, { key, snapshots: out });
  return out;
}

function Json({ value }: { value: unknown }): VNode {
  return html`<pre class="json">${JSON.stringify(value, null, 2)}</pre>`;
}

export function Inspector({ session, insight, cursor }: { session: Session; insight: Insight; cursor: number }): VNode {
  const snap = snapshotsOf(session, insight)[cursor];
  const e = session.trace[cursor]!;
  const record = intuneRecord(session, cursor);
  const payload: Record<string, unknown> = { type: e.event, source: e.source, at: e.at };
  for (const k of ['code', 'detail', 'cause', 'finding'] as const) if (e[k]) payload[k] = e[k];
  return html`<div class="inspector" data-testid="inspector">
    <details open>
      <summary>Context <span class="muted">the machine's data at this step (XState)</span></summary>
      ${snap ? html`<div data-testid="inspector-context"><${Json} value=${snap.context} /></div>` : html`<p class="muted">Not available.</p>`}
      ${snap ? html`<p class="muted">State value: <code data-testid="inspector-value">${JSON.stringify(snap.value)}</code></p>` : null}
    </details>
    <details open>
      <summary>Last event <span class="muted">and its payload</span></summary>
      <div data-testid="inspector-event"><${Json} value=${payload} /></div>
    </details>
    <details open>
      <summary>Intune records</summary>
      <p data-testid="inspector-intune">${record.text}</p>
    </details>
  </div>`;
}

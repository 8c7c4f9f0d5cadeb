// The state inspector, as XState's: the machine's context at this step (XState's own pure
// transitions replayed over the run's events), the last event with its payload, and what
// Intune records. Collapsible sections; read-only.
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { getInitialSnapshot, transition, type AnyMachineSnapshot } from 'xstate';
import type { Session } from '../../engine/session.ts';
import { inputFor } from '../../world/index.ts';
import type { ProfileMode } from '../../../machines/events.ts';
import type { JoinType } from '../../../machines/setup.ts';
import { intuneRecord, type Insight } from './insight.ts';

const contexts = new WeakMap<Session, { key: string; snapshots: AnyMachineSnapshot[] }>();

/** What a profile event can carry (machines/events.ts): the trace keeps only the event's type. */
const PROFILES: ReadonlyArray<{ mode: ProfileMode; joinType: JoinType }> = (['user-driven', 'self-deploying', 'pre-provisioned'] as const).flatMap((mode) =>
  (['entra', 'hybrid'] as const).map((joinType) => ({ mode, joinType })),
);

/** The machine's snapshot after each step of a run, replayed with XState (cached per run). */
export function snapshotsOf(session: Session, insight: Insight): AnyMachineSnapshot[] {
  const key = `${session.trace.length}|${session.injections.map((i) => `${i.step}:${i.fault}`).join(',')}`;
  const hit = contexts.get(session);
  if (hit && hit.key === key) return hit.snapshots;
  const machine = insight.machine;
  const trace = session.trace;
  const next = (snap: AnyMachineSnapshot, event: object): AnyMachineSnapshot => {
    try {
      return transition(machine, snap, event as never)[0] as AnyMachineSnapshot;
    } catch {
      return snap; // keep the last snapshot: the inspector shows what it knows
    }
  };
  const eventAt = (i: number) => ({ type: trace[i]!.event, ...(trace[i]!.code ? { code: trace[i]!.code } : {}) });
  /** Whether the run, replayed from `snap` after step i, goes through the states it went through. */
  const replaysFrom = (snap: AnyMachineSnapshot, i: number) => {
    for (let j = i + 1; j < trace.length; j++) {
      snap = next(snap, eventAt(j));
      if (!snap.matches(trace[j]!.state as never)) return false;
    }
    return true;
  };
  let snap = getInitialSnapshot(machine, inputFor(session.env)) as AnyMachineSnapshot;
  const out = [snap];
  for (let i = 1; i < trace.length; i++) {
    let after = next(snap, eventAt(i));
    // A profile event sets the deployment's mode and join (existing devices: the JSON's, hybrid
    // in existing-devices-hybrid), which the trace does not keep: replayed without them the
    // context said Entra join and the state an Entra join while the device was joining the
    // domain. The profile taken is the one with which the rest of the run goes as it went.
    if (trace[i]!.event.startsWith('profile.') && !replaysFrom(after, i)) {
      const found = PROFILES.map((p) => next(snap, { ...eventAt(i), ...p })).find((s) => replaysFrom(s, i));
      if (found) after = found;
    }
    snap = after;
    out.push(snap);
  }
  contexts.set(session, { key, snapshots: out });
  return out;
}

/** The join the run's deployment used (existing devices: the JSON's or the cloud profile's, known from the run). */
export function joinOf(session: Session, insight: Insight): JoinType {
  const last = snapshotsOf(session, insight).at(-1)?.context as { joinType?: JoinType } | undefined;
  return last?.joinType ?? session.env.profile.joinType;
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

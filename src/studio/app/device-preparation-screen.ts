// What the person sees in Autopilot device preparation (domain/autopilot.md §7): no ESP, a
// "Setting up for work or school" screen with a percentage ring, "Required setup complete",
// the installation error with Retry (and Continue anyway when the policy allows it after a
// retry), and, for Windows 365 automatic mode, the Cloud PC's status in the portal. The model
// reads the trace and the world's own lists (src/world/devicePreparation.ts); it re-derives no rule.
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import type { TraceEntry } from '../../engine/simulate.ts';
import type { Environment } from '../../environment/schema.ts';
import type { Wait } from '../../catalog/vocabulary.ts';
import { lookup } from '../../catalog/errors.ts';
import { pictured } from './pictured.ts';
import { applicablePolicy, CLOUD_PC_STATUS, policyInstallLists } from '../../world/devicePreparation.ts';

export interface DevicePreparationButton {
  id: 'retry' | 'continue' | 'diagnostics';
  label: string;
  /** The person's next action in the trace. */
  next: boolean;
}

export interface DevicePreparationModel {
  /** 0-100: the share of the policy's steps, apps and scripts done. */
  percent: number;
  /** What is installing now, in a few words. */
  step: string;
  /** "Required setup complete" is showing. */
  complete: boolean;
  /** The installation error: message and exactly the buttons the policy allows. */
  error: { message: string; code: string | null; buttons: DevicePreparationButton[] } | null;
  /** Windows 365 automatic mode: the status the portal shows. */
  cloudPc: { status: string; failedPhase: string | null } | null;
}

/** Steps that count for the ring besides the apps and scripts: grouping, IME, account type, sync. */
const STEP_EVENTS = ['apdp.deviceGrouped', 'apdp.imeInstalled', 'apdp.accountTypeApplied', 'apdp.synced'] as const;

/**
 * What the ring's caption says, and whether the ring is full, while the device waits on each
 * thing (machines/devicePreparation.ts): keyed by the wait the trace carries, never by a state name.
 */
const RING: Partial<Record<Wait, { step: string; full?: true }>> = {
  'entra.userJoin': { step: 'Joining your organization' },
  'w365.join': { step: 'Joining your organization' },
  'mdm.userEnroll': { step: 'Enrolling in management' },
  'w365.enroll': { step: 'Enrolling in management' },
  'apdp.deviceGroup': { step: "Applying your organization's settings" },
  'apdp.ime': { step: 'Installing the management extension' },
  'apdp.localAdmin': { step: 'Setting up your account' },
  'apdp.mdmSync': { step: 'Applying policies' },
  'apdp.lobApps': { step: 'Installing apps' },
  'apdp.scripts': { step: 'Running scripts' },
  'apdp.win32Apps': { step: 'Installing apps' },
  'apdp.finish': { step: 'Finishing up', full: true },
  // Stuck at 100 %: the screen does not move until the user restarts the device.
  'user.manualRestart': { step: 'Finishing up', full: true },
  'user.requiredSetupContinue': { step: 'Getting ready', full: true },
  'w365.statusProvisioned': { step: 'Getting ready', full: true },
};

/**
 * What the screen shows at trace[idx] waits on: the step's own wait, or, for a step that waits on
 * nothing (an installer that hung, the ESP stuck identifying: only a timer moves it), the wait
 * before it, since nothing on the screen moved.
 */
export function waitShown(trace: readonly TraceEntry[], idx: number): Wait | undefined {
  for (let i = idx; i >= 0; i--) {
    const wait = trace[i]!.wait;
    if (wait) return wait;
  }
  return undefined;
}

/**
 * The Cloud PC is Provisioning while the agent creates it, joins it and enrolls it; device preparation makes the
 * portal show Preparing from there until its work is done, where it would show Provisioned straight after enrollment (§7).
 */
const PROVISIONING: ReadonlySet<Wait> = new Set<Wait>(['w365.createVm', 'w365.join', 'w365.enroll']);

const PHASE_TITLE: Record<string, string> = {
  policyInstallation: 'Policy installation',
  appsInstallation: 'Apps installation',
  scriptsInstallation: 'Scripts installation',
};

/** The model of the device-preparation screens at trace[idx]. */
export function devicePreparationModel(trace: TraceEntry[], idx: number, env: Environment): DevicePreparationModel {
  const cur = trace[idx]!;
  const shown = waitShown(trace, idx);
  const ring = shown ? RING[shown] : undefined;
  const lists = policyInstallLists(env);
  const automatic = env.devicePreparation.mode === 'automatic';
  const total = STEP_EVENTS.length - (automatic ? 1 : 0) + lists.lob.length + lists.scripts.length + lists.win32.length;
  const done = new Set<string>();
  for (let i = 0; i <= idx; i++) {
    const e = trace[i]!;
    if ((STEP_EVENTS as readonly string[]).includes(e.event) || e.event === 'app.installed' || e.event === 'script.succeeded') done.add(`${e.event}|${e.detail ?? ''}`);
  }
  const percent = ring?.full ? 100 : total > 0 ? Math.min(99, Math.floor((100 * done.size) / total)) : 0;
  const next = trace[idx + 1]?.event;
  let error: DevicePreparationModel['error'] = null;
  if (cur.screen === 'devicePreparationError') {
    const policy = applicablePolicy(env);
    const first = [...trace.slice(0, idx + 1)].reverse().find((e) => e.code);
    const retried = trace.slice(0, idx).some((e) => e.event === 'user.retry');
    const buttons: DevicePreparationButton[] = [{ id: 'retry', label: 'Retry', next: next === 'user.retry' }];
    if (policy?.allowSkip && retried) buttons.push({ id: 'continue', label: 'Continue anyway', next: next === 'user.continueAnyway' });
    if (policy?.showDiagnosticsLink ?? true) buttons.push({ id: 'diagnostics', label: 'View diagnostics', next: false });
    const code = first?.code ?? null;
    error = { message: policy?.customMessage ?? 'Something went wrong while setting up your device.', code, buttons };
  }
  let cloudPc: DevicePreparationModel['cloudPc'] = null;
  if (automatic) {
    const failed = trace.slice(0, idx + 1).find((e) => e.code && e.screen === 'cloudPcStatus');
    // A Cloud PC whose provisioning itself failed (its MDM enrollment blocked: the machine goes straight to Failed, with
    // no status page of its own) is Failed in the portal too; it stayed 'Provisioning' at 0% after the run had ended.
    const status = (cur.wait && CLOUD_PC_STATUS[cur.wait]) ?? (cur.end === 'failed' ? CLOUD_PC_STATUS['w365.statusFailed']! : cur.wait && PROVISIONING.has(cur.wait) ? 'Provisioning' : 'Preparing');
    const failedAt = failed ? trace[trace.indexOf(failed) - 1]?.phase ?? failed.phase : null;
    cloudPc = { status, failedPhase: failed && failedAt ? (PHASE_TITLE[failedAt] ?? failedAt) : null };
  }
  return { percent, step: ring?.step ?? 'Getting ready', complete: cur.screen === 'devicePreparationComplete', error, cloudPc };
}

/** The percentage ring. */
function ring(percent: number): VNode {
  const r = 42;
  const c = 2 * Math.PI * r;
  return html`<svg class="dp-ring" viewBox="0 0 100 100" role="img" aria-label=${`${percent} percent`} data-testid="dp-ring">
    <circle cx="50" cy="50" r=${r} fill="none" stroke="rgba(255,255,255,.25)" stroke-width="7" />
    <circle cx="50" cy="50" r=${r} fill="none" stroke="#fff" stroke-width="7" stroke-linecap="round" stroke-dasharray=${`${(c * percent) / 100} ${c}`} transform="rotate(-90 50 50)" />
    <text x="50" y="56" text-anchor="middle" font-size="18" fill="#fff" data-testid="dp-percent">${percent}%</text>
  </svg>`;
}

/** The device-preparation screens, drawn inside the studio's monitor frame. */
export function DevicePreparationScreen({ kind, model, org }: { kind: string; model: DevicePreparationModel; org: string }): VNode {
  if (kind === 'cloudPcStatus' && model.cloudPc) {
    const s = model.cloudPc;
    return html`<div class="screen-portal" data-testid="screen-cloudPcStatus">
      <div class="portal-card">
        <div class="portal-title">Windows 365 · All Cloud PCs</div>
        <table class="portal-table"><thead><tr><th>Cloud PC</th><th>Status</th><th>Device preparation</th></tr></thead>
          <tbody><tr><td>CPC-${org.toUpperCase().slice(0, 6)}-01</td><td data-testid="cloudpc-status" class=${`cpc-${s.status.replace(/\W+/g, '-').toLowerCase()}`}>${s.status}</td><td>${s.failedPhase ? html`Failed: <b data-testid="cloudpc-phase">${s.failedPhase}</b>` : `${model.percent}%`}</td></tr></tbody>
        </table>
      </div>
    </div>`;
  }
  if (kind === 'devicePreparationComplete') {
    return html`<div class="screen-oobe-bg" data-testid="screen-devicePreparationComplete">
      <div class="dp-card"><h2>Required setup complete</h2><p>Your device is ready. Select Continue to go to the desktop.</p>${pictured('dp-continue', [{ label: 'Continue', cls: 'dp-next' }])}</div>
    </div>`;
  }
  if (kind === 'devicePreparationError' && model.error) {
    const e = model.error;
    const entry = e.code ? lookup(e.code) : undefined;
    // A message in brackets is the catalogue's description of the page, not words on it: the error card beside the device reads it.
    const detail = entry && !entry.message.startsWith('[') ? entry.message : null;
    return html`<div class="screen-oobe-bg" data-testid="screen-devicePreparationError">
      <div class="dp-card">
        <h2>Setting up for work or school</h2>
        <p class="dp-error" data-testid="dp-error">${e.message}</p>
        ${detail ? html`<p class="fine" data-testid="dp-error-detail">${detail}</p>` : null}
        ${pictured('dp-buttons', e.buttons.map((b) => ({ label: b.label, cls: b.next ? 'dp-next' : '', testid: `dp-button-${b.id}` })))}
      </div>
    </div>`;
  }
  return html`<div class="screen-oobe-bg" data-testid="screen-devicePreparation">
    <div class="dp-card dp-progress">
      <h2>Setting up for work or school</h2>
      ${ring(model.percent)}
      <p data-testid="dp-step">${model.step}</p>
      <p class="fine">This might take a while. You can't use your device until setup is complete.</p>
    </div>
  </div>`;
}

// Choosing what to run: a lesson, any bundled scenario file, or a scenario built from a
// few switches (join type, VM, TPM, domain controller, VPN, ESP settings, seed).
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useDialog } from './hooks.ts';
import { bundledFiles, bundleErrors, type Bundled, type Group } from './bundled.ts';
import { hybridAllowed, onErrorChoices, type Switches } from './run.ts';

const GROUPS: Array<{ id: Group; title: string }> = [
  { id: 'scenarios', title: 'Scenarios' },
  { id: 'failures', title: 'Failures' },
  { id: 'regressions', title: 'Regressions' },
];

function expectText(b: Bundled): string {
  const e = b.file.expect;
  if (!e) return '';
  return [e.status, e.errorCode, e.findings?.length ? `${e.findings.length === 1 ? 'a finding' : `${e.findings.length} findings`}` : null].filter(Boolean).join(' · ');
}

/** One of the trainer's own files imported together as a course: its name, its title, its introduction and its text. */
export interface CourseFile {
  name: string;
  title: string;
  intro: string;
  text: string;
}

/**
 * ↓ or → and ↑ or ← move the focus to a dialog's next file or the one before, in the lists' order (which a grid of
 * them reads left to right; Tab reaches the dialog's other buttons too): a course's next lesson is a key away, and
 * Enter opens it.
 */
function moveBetweenFiles(e: KeyboardEvent): void {
  const move = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
  if (move === undefined) return;
  const files = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('.file')];
  const i = files.indexOf(document.activeElement as HTMLElement);
  if (i < 0) return;
  e.preventDefault();
  files[Math.max(0, Math.min(files.length - 1, i + move))]!.focus();
}

/** A list of files to open. Lessons do not show how they end: that is for the class to find out. */
export function FileList({ items, onPick, selected, spoilers = true }: { items: readonly Bundled[]; onPick: (b: Bundled) => void; selected?: string; spoilers?: boolean }): VNode {
  return html`<ul class="file-list">
    ${items.map(
      (b) => html`<li>
        <button type="button" class=${`file ${selected === b.path ? 'selected' : ''}`} aria-current=${selected === b.path ? 'true' : null} data-testid=${`file-${b.slug}`} onClick=${() => onPick(b)}>
          <span class="file-name">${b.lesson?.title ?? b.name}</span>
          ${spoilers ? html`<span class=${`expect expect-${b.file.expect?.status ?? 'none'}`}>${expectText(b)}</span>` : null}
          <span class="file-desc">${b.lesson?.introduction ?? b.description}</span>
          <span class="file-path">${b.path} · seed ${b.seed}</span>
        </button>
      </li>`,
    )}
  </ul>`;
}

export function SwitchesForm({ value, onChange, testPrefix = 'build' }: { value: Switches; onChange: (s: Switches) => void; testPrefix?: string }): VNode {
  const set = <K extends keyof Switches>(k: K, v: Switches[K]) => {
    const next = { ...value, [k]: v };
    // A choice the new scenario's error page does not offer falls back to giving up, as the form then shows.
    if (!onErrorChoices(next.scenario).includes(next.onError)) next.onError = 'give-up';
    onChange(next);
  };
  const hybrid = hybridAllowed(value.scenario) && value.joinType === 'hybrid';
  const apdp = value.scenario === 'device-preparation';
  const cloudPc = apdp && value.devicePreparationMode === 'automatic';
  const ON_ERROR: Record<Switches['onError'], string> = { 'give-up': 'Give up', retry: 'Try again', reset: 'Reset device', continue: 'Continue anyway' };
  const sel = (k: keyof Switches, options: Array<[string, string]>, numeric = false) =>
    html`<select data-testid=${`${testPrefix}-${k}`} value=${String(value[k])}
      onChange=${(e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        set(k, (numeric ? Number(v) : v) as never);
      }}>
      ${options.map(([v, t]) => html`<option value=${v}>${t}</option>`)}
    </select>`;
  const check = (k: keyof Switches, label: string, disabled = false) =>
    html`<label class="check"><input type="checkbox" data-testid=${`${testPrefix}-${k}`} checked=${Boolean(value[k])} disabled=${disabled}
      onChange=${(e: Event) => set(k, (e.target as HTMLInputElement).checked as never)} /> ${label}</label>`;
  return html`<div class="switches">
    <label>Scenario ${sel('scenario', [
      ['user-driven', 'User-driven'],
      ['pre-provisioned', 'Pre-provisioned (white glove)'],
      ['self-deploying', 'Self-deploying'],
      ['existing-devices', 'Existing devices (ConfigMgr)'],
      ['reset', 'Autopilot Reset'],
      ['device-preparation', 'Device preparation (not registered)'],
    ])}</label>
    ${apdp ? html`<label>Mode ${sel('devicePreparationMode', [['user-driven', 'User-driven (Entra join, single user)'], ['automatic', 'Automatic (Windows 365 Cloud PC)']])}</label>` : null}
    <label>Join type ${hybridAllowed(value.scenario)
      ? sel('joinType', [['entra', 'Microsoft Entra join'], ['hybrid', 'Entra hybrid join']])
      : html`<select disabled data-testid=${`${testPrefix}-joinType`}><option>Microsoft Entra join only</option></select>`}</label>
    ${cloudPc
      ? html`<label>Device <select disabled data-testid=${`${testPrefix}-hardware`}><option>Windows 365 Cloud PC</option></select></label>`
      : html`<label>Device ${sel('hardware', [['physical', 'Physical'], ['vm', 'Virtual machine']])}</label>
          <label>TPM ${sel('tpm', [['2.0', 'TPM 2.0'], ['1.2', 'TPM 1.2'], ['none', 'No TPM']])}</label>`}
    ${apdp
      ? html`<label>Minutes allowed before showing installation error <input type="number" min="15" max="720" data-testid=${`${testPrefix}-policyTimeout`} value=${value.policyTimeout}
          onChange=${(e: Event) => set('policyTimeout', Math.max(15, Math.min(720, Math.round(Number((e.target as HTMLInputElement).value)) || 60)))} /></label>`
      : html`<label>ESP timeout (min) <input type="number" min="1" max="600" data-testid=${`${testPrefix}-espTimeout`} value=${value.espTimeout}
          onChange=${(e: Event) => set('espTimeout', Math.max(1, Math.min(600, Number((e.target as HTMLInputElement).value) || 60)))} /></label>`}
    ${cloudPc ? null : html`<label>At an error page ${sel('onError', onErrorChoices(value.scenario).map((c) => [c, ON_ERROR[c]]))}</label>`}
    <fieldset disabled=${!hybrid}>
      <legend>Hybrid join</legend>
      ${check('dcLineOfSight', 'Line of sight to a domain controller')}
      ${check('skipAdCheck', 'Skip AD connectivity check')}
      <label>VPN ${sel('vpn', [['none', 'None'], ['always-on', 'Always On VPN'], ['win32-logon', 'Win32 client, from the logon screen']])}</label>
    </fieldset>
    ${apdp
      ? html`<fieldset disabled=${cloudPc}>
          <legend>Device preparation error page</legend>
          ${check('allowContinue', 'Allow users to skip setup after multiple attempts (Continue anyway, after a Retry)')}
        </fieldset>`
      : html`<fieldset>
          <legend>ESP error page buttons</legend>
          ${check('allowReset', 'Allow users to reset device')}
          ${check('allowContinue', 'Allow users to use device (Continue anyway)')}
        </fieldset>`}
    <label>Seed (the device) <input type="number" min="0" data-testid=${`${testPrefix}-seed`} value=${value.seed}
      onChange=${(e: Event) => set('seed', Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value) || 0)))} /></label>
  </div>`;
}

export function Picker(props: {
  current?: string;
  switches: Switches;
  onSwitches: (s: Switches) => void;
  onPick: (b: Bundled) => void;
  /** The trainer's own lessons imported together, listed first under the Lessons tab. */
  course: readonly CourseFile[];
  onPickCourse: (index: number) => void;
  onBuild: () => void;
  onClose: () => void;
  error: string | null;
}): VNode {
  const [tab, setTab] = useState<'lessons' | 'files' | 'build'>('lessons');
  /** Regression files are the test suite's counterexamples: listed only when the trainer asks. */
  const [regressions, setRegressions] = useState(false);
  const lessons = bundledFiles().filter((b) => b.group === 'lessons');
  const dialog = useRef<HTMLDivElement>(null);
  // The keyboard starts on the run that is open, else on the first lesson: Enter opens it. (As one selector list, '.file.selected,
  // .file', it started on the first lesson with lesson 02 open, and Enter opened lesson 01.)
  useDialog(dialog, ['.file.selected', '.file']);
  return html`<div class="overlay" onClick=${props.onClose}>
    <div class="dialog picker" role="dialog" aria-modal="true" aria-label="Choose a run" data-testid="picker" ref=${dialog} onClick=${(e: Event) => e.stopPropagation()} onKeyDown=${moveBetweenFiles}>
      <div class="dialog-head">
        <h2>Choose what to run</h2>
        <div class="tabs" role="tablist">
          <button type="button" role="tab" aria-selected=${tab === 'lessons'} data-testid="tab-lessons" onClick=${() => setTab('lessons')}>Lessons (${lessons.length})</button>
          <button type="button" role="tab" aria-selected=${tab === 'files'} data-testid="tab-files" onClick=${() => setTab('files')}>Scenario files</button>
          <button type="button" role="tab" aria-selected=${tab === 'build'} data-testid="tab-build" onClick=${() => setTab('build')}>Build your own</button>
        </div>
        <button type="button" class="close" aria-label="Close" data-testid="picker-close" onClick=${props.onClose}>✕</button>
      </div>
      <div class="dialog-body">
        ${tab === 'lessons' && props.course.length
          ? html`<div class="group"><h3>Your lessons</h3><ul class="file-list" data-testid="course">
              ${props.course.map(
                (f, i) => html`<li>
                  <button type="button" class=${`file ${props.current === `course:${i}` ? 'selected' : ''}`} aria-current=${props.current === `course:${i}` ? 'true' : null} data-testid=${`course-${i}`} onClick=${() => props.onPickCourse(i)}>
                    <span class="file-name">${f.title}</span>
                    <span class="file-desc">${f.intro}</span>
                    <span class="file-path">${f.name}</span>
                  </button>
                </li>`,
              )}
            </ul></div>`
          : null}
        ${tab === 'lessons'
          ? props.course.length
            ? html`<div class="group"><h3>Built in</h3><${FileList} items=${lessons} onPick=${props.onPick} selected=${props.current} spoilers=${false} /></div>`
            : html`<${FileList} items=${lessons} onPick=${props.onPick} selected=${props.current} spoilers=${false} />`
          : null}
        ${tab === 'files'
          ? html`${GROUPS.filter((g) => g.id !== 'regressions' || regressions).map(
                (g) => html`<div class="group"><h3>${g.title}</h3><${FileList} items=${bundledFiles().filter((b) => b.group === g.id)} onPick=${props.onPick} selected=${props.current} /></div>`,
              )}
              <label class="check regressions-toggle"><input type="checkbox" data-testid="show-regressions" checked=${regressions} onChange=${(e: Event) => setRegressions((e.target as HTMLInputElement).checked)} /> Also list the regression files (the test suite's counterexamples)</label>`
          : null}
        ${tab === 'build'
          ? html`<div>
              <p class="muted">${props.switches.scenario === 'device-preparation'
                ? "Every other setting keeps its default: a device that is not registered (a registered one runs classic Autopilot), one policy for the user's group with the tenant's three apps, a licensed user."
                : 'Every other setting keeps its default: a registered device, an assigned profile, a licensed user, three apps.'}</p>
              <${SwitchesForm} value=${props.switches} onChange=${props.onSwitches} />
              <div class="dialog-actions"><button type="button" class="primary" data-testid="build-run" onClick=${props.onBuild}>Run it</button></div>
            </div>`
          : null}
        ${props.error ? html`<p class="error-msg" role="alert">${props.error}</p>` : null}
        ${bundleErrors().length ? html`<details class="muted"><summary>${bundleErrors().length} bundled files could not be read</summary>${bundleErrors().map((e) => html`<div>${e}</div>`)}</details>` : null}
      </div>
    </div>
  </div>`;
}

// What the person at the device sees at a point of a trace, as data: the OOBE page, the
// sign-in page, the Enrollment Status Page with its three phases and their rows (in the
// wording of domain/autopilot.md §3-§4), the technician's green or red screen, the logon
// screen, the desktop. Pure: the studio draws it, tests read it.
import type { TraceEntry } from '../../engine/simulate.ts';
import type { Environment } from '../../environment/schema.ts';
import { lookup, messageWhere, TECHNICIAN_PAGE } from '../../catalog/errors.ts';
import { espErrorButtons } from '../../environment/esp-buttons.ts';
import { ESP_DEFAULT_MESSAGE, ESP_ROWS, ESP_SECTIONS, PREPARATION_ROWS, SETUP_ROWS as SETUP_ROW_IDS, type Screen, type Wait } from '../../catalog/vocabulary.ts';

/** What the studio draws: the machines' screens (src/catalog/vocabulary.ts), the ESP's error and sign-out pages drawn as the ESP, plus two the model derives. */
export type ScreenKind = Exclude<Screen, 'espError' | 'espSignOut'> | 'somethingWentWrong' | 'signInScreen';

/** How the studio draws each screen a machine declares: a screen added to the vocabulary fails `tsc` until it is mapped here. */
const VIEW_OF: Record<Screen, ScreenKind> = {
  off: 'off',
  oobeStart: 'oobeStart',
  oobeRegion: 'oobeRegion',
  oobeNetwork: 'oobeNetwork',
  oobeWorking: 'oobeWorking',
  oobeUpdates: 'oobeUpdates',
  restarting: 'restarting',
  oobePages: 'oobePages',
  standardOobe: 'standardOobe',
  entraSignIn: 'entraSignIn',
  esp: 'esp',
  espError: 'esp',
  espSignOut: 'esp',
  technicianRed: 'technicianRed',
  technicianGreen: 'technicianGreen',
  winKey5: 'winKey5',
  preProvisionConfig: 'preProvisionConfig',
  qualityUpdates: 'qualityUpdates',
  windowsLogon: 'windowsLogon',
  desktop: 'desktop',
  lockScreen: 'lockScreen',
  resetSignIn: 'resetSignIn',
  resetting: 'resetting',
  taskSequence: 'taskSequence',
  devicePreparation: 'devicePreparation',
  devicePreparationComplete: 'devicePreparationComplete',
  devicePreparationError: 'devicePreparationError',
  cloudPcStatus: 'cloudPcStatus',
};
import { screenShown } from '../screen-shown.ts';
import { devicePreparationModel, waitShown, type DevicePreparationModel } from './device-preparation-screen.ts';

export type RowStatus = 'waiting' | 'identifying' | 'working' | 'complete' | 'failed' | 'previousFailed';

export interface EspApp {
  name: string;
  status: 'waiting' | 'installing' | 'installed' | 'failed' | 'skipped';
  message?: string;
}

export interface EspRow {
  label: string;
  status: RowStatus;
  /** The status as the ESP words it: "(1 of 1 applied)", "(Failed: 0x800705b4)". */
  text: string;
  apps?: EspApp[];
}

export interface EspSection {
  id: 'devicePreparation' | 'deviceSetup' | 'accountSetup';
  title: string;
  status: RowStatus;
  text: string;
  expanded: boolean;
  rows: EspRow[];
}

export interface EspButton {
  id: 'logs' | 'reset' | 'retry' | 'continue';
  label: string;
  /** The button the person presses next in this run. */
  next: boolean;
}

export interface EspModel {
  sections: EspSection[];
  /** On the error page nothing moves any more: no spinners. */
  frozen: boolean;
  error: null | { message: string; buttons: EspButton[] };
  signOut: boolean;
}

export interface ScreenModel {
  kind: ScreenKind;
  /** Organisation name from the tenant (contoso.onmicrosoft.com -> Contoso). */
  org: string;
  /**
   * Whether OOBE knows the organisation before the user signs in: a classic Autopilot profile (downloaded, or the
   * task sequence's JSON) brings its name and branding (§2.1 U2). Device preparation has none (§7 step 1), so its OOBE
   * pages and sign-in page are Windows' own, unbranded, until the user's account names the tenant.
   */
  branded: boolean;
  tenant: string;
  windows: 10 | 11;
  user: string;
  /** The user assigned to the device in Autopilot, if any (technician screens). */
  assignedUser: string | null;
  profile: string;
  esp?: EspModel;
  /** An error the screen itself shows, in Microsoft's wording, with the code Windows shows (shownCode), if any. */
  error?: { code: string | null; message: string };
  /** What the simulator says where Microsoft gives no wording (bracketed catalogue text, an off device). */
  note?: string;
  /** Extra text the screen shows: OOBE pages, the task-sequence step. */
  detail?: string;
  /** Elapsed time on the technician's screens. */
  elapsed?: string;
  kiosk?: boolean;
  /** At the end of the trace. */
  outcome?: 'succeeded' | 'failed' | 'fell-back-to-oobe' | 'stopped';
  /** The person's next action on this screen (a button to mark). */
  nextAction?: string;
  /** Step of the task sequence (n of m). */
  progress?: number;
  /** Autopilot device preparation: the ring, Required setup complete, the error, the Cloud PC status. */
  devicePreparation?: DevicePreparationModel;
}

const ESP_DEFAULT = ESP_DEFAULT_MESSAGE;
/** What account setup waits on while its rows say "Identifying…" (machines/flows/esp.ts). */
const IDENTIFYING: Wait = 'esp.userIdentifying';

const PREP_ROWS = PREPARATION_ROWS.map((r) => ESP_ROWS[r].label);
const SETUP_ROWS = SETUP_ROW_IDS.map((r) => ESP_ROWS[r].label);

/** Where a trace entry stands in the ESP: its row's index within its section (the engine writes the row, src/catalog/vocabulary.ts). */
function rowIndex(e: TraceEntry | undefined): number | null {
  return e?.row ? ESP_ROWS[e.row].index : null;
}
const inPreparation = (e: TraceEntry | undefined) => !!e?.row && !ESP_ROWS[e.row].setup;
const inSetupRow = (e: TraceEntry | undefined) => !!e?.row && ESP_ROWS[e.row].setup;

export function orgName(tenant: string): string {
  const first = tenant.split('.')[0] ?? tenant;
  return first.charAt(0).toUpperCase() + first.slice(1);
}

/** In a device ESP run, in an account-setup run (the engine writes the run into each step, from the machines' meta). */
const inDeviceEsp = (e: TraceEntry | undefined) => e?.esp?.section === 'device';
/** The ESP's error page (the user's) or the technician's red screen, which shows the ESP under it. */
/**
 * The step shows an error: the ESP's or the technician's red screen, device preparation's installation error, or
 * the Windows 365 portal reporting a Cloud PC's failed policy (Provisioned with warnings, or Failed).
 */
export const onErrorScreen = (e: TraceEntry): boolean =>
  e.screen === 'espError' || e.screen === 'technicianRed' || e.screen === 'devicePreparationError' || (e.screen === 'cloudPcStatus' && e.code !== undefined);

/** A code as the ESP row shows it: hex codes in lower case, as in "(Failed: 0x800705b4)". */
function rowFailure(label: string, code: string | undefined): string {
  if (!code) return '(Failed)';
  const entry = lookup(code);
  if (entry && entry.message.startsWith(label) && entry.message.length > label.length) return entry.message.slice(label.length).trim();
  if (/^0x[0-9a-f]+$/i.test(code)) return `(Failed: ${code.toLowerCase()})`;
  if (/^[0-9a-f]{8}$/i.test(code)) return `(Failed: ${code.toLowerCase()})`;
  return '(Failed)';
}

/** Microsoft's wording for a code, or null when the catalogue only describes it in brackets. */
export function screenMessage(code: string | undefined | null): string | null {
  if (!code) return null;
  const m = lookup(code)?.message;
  if (!m || m.startsWith('[')) return null;
  return m;
}

/**
 * The code a Windows screen shows for a failure: the catalogue's documented code, or none. The simulator's own names
 * for failures that have no documented code (MDM_TERMS_OF_USE, CA_BLOCKS_ENROLLMENT) stay in the narration and the
 * outcome, never on the device as an "Error:" a class would then look for on a real one.
 */
export function shownCode(id: string | undefined | null): string | null {
  return id ? (lookup(id)?.code ?? null) : null;
}

function bracketed(code: string | undefined | null): string | undefined {
  if (!code) return undefined;
  const m = lookup(code)?.message;
  return m && m.startsWith('[') ? m.slice(1, -1) : undefined;
}

type Flow = NonNullable<NonNullable<TraceEntry['esp']>['preparation']>;

/** How the run's device preparation shows, and whether an account setup follows: the machine says it on the ESP's container (a device-token ESP has no user). */
function flowOf(e: TraceEntry): { prep: Flow; sections: Array<EspSection['id']> } {
  const prep: Flow = e.esp?.preparation ?? 'already-done';
  return { prep, sections: prep === 'device-token' ? ['devicePreparation', 'deviceSetup'] : ['devicePreparation', 'deviceSetup', 'accountSetup'] };
}

/** Rows of device setup or account setup, from the entries of one ESP run. */
function setupRows(entries: TraceEntry[], reached: number, failure: FailureInfo | null, identifying: boolean): EspRow[] {
  // The apps this ESP run tracks, as the engine wrote them into the trace (never re-derived here).
  let tracked: readonly string[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const apps = entries[i]!.apps;
    if (apps) {
      tracked = apps;
      break;
    }
  }
  const names = [...tracked];
  const installed: string[] = [];
  const failedApps = new Map<string, string | undefined>();
  for (const e of entries) {
    if ((e.event === 'app.installed' || e.event === 'app.installedRestartRequired') && e.detail) installed.push(e.detail);
    if (e.event === 'app.failedNonBlocking' && e.detail) failedApps.set(e.detail, undefined);
    if (e.event === 'app.failed' && e.detail) failedApps.set(e.detail, e.code);
  }
  for (const n of [...installed, ...failedApps.keys()]) if (!names.includes(n)) names.push(n);
  let installingMarked = false;
  const hung = entries.find((e) => e.event === 'app.hung');
  const apps: EspApp[] = names.map((name) => {
    if (installed.includes(name)) return { name, status: 'installed' };
    if (failedApps.has(name)) {
      const code = failedApps.get(name);
      const msg = code ? screenMessage(code) : null;
      return { name, status: 'failed', ...(msg && msg !== ESP_DEFAULT ? { message: msg } : {}) };
    }
    // On a timeout (failure.row null) the app in progress stays as it was: installing, frozen.
    if (reached === 3 && !installingMarked && (!failure || failure.row === null)) {
      installingMarked = true;
      return { name, status: 'installing', ...(hung && hung.detail === name ? { message: 'Installing…' } : {}) };
    }
    if (reached >= 4) return { name, status: 'skipped' };
    return { name, status: 'waiting' };
  });
  const total = names.length;
  const rows: EspRow[] = SETUP_ROWS.map((label, i) => {
    if (identifying) return { label, status: 'identifying', text: '(Identifying…)' };
    let status: RowStatus = i < reached ? 'complete' : i === reached ? 'working' : 'identifying';
    if (failure && failure.row === i) status = 'failed';
    else if (failure && failure.row !== null && i > failure.row) status = 'previousFailed';
    let text: string;
    if (i === 0) text = status === 'complete' ? '(1 of 1 applied)' : status === 'identifying' ? '(Identifying…)' : '(0 of 1 applied)';
    else if (i === 3) {
      const done = apps.filter((a) => a.status === 'installed').length;
      text = status === 'identifying' ? '(Identifying…)' : total === 0 ? '(No setup needed)' : `(${done} of ${total} installed)`;
    } else text = status === 'complete' ? '(No setup needed)' : status === 'identifying' ? '(Identifying…)' : '(Working on it…)';
    if (status === 'failed' && i !== 3) text = rowFailure(label, failure?.code);
    if (status === 'failed' && i === 3) text = `${text.replace(/\)$/, '')}, failed)`;
    if (status === 'previousFailed') text = '(Previous step failed)';
    return { label, status, text, ...(i === 3 && total > 0 ? { apps } : {}) };
  });
  return rows;
}

interface FailureInfo {
  section: EspSection['id'];
  /** Row that failed; null for a timeout (the row in progress stays as it was). */
  row: number | null;
  code: string | undefined;
}

function sectionStatus(rows: EspRow[], allDone: boolean): { status: RowStatus; text: string } {
  if (rows.some((r) => r.status === 'failed' || r.status === 'previousFailed')) return { status: 'failed', text: 'Failed' };
  if (allDone) return { status: 'complete', text: 'Complete' };
  if (rows.every((r) => r.status === 'identifying')) return { status: 'identifying', text: 'Identifying…' };
  return { status: 'working', text: 'Working on it…' };
}

const WAITING: Omit<EspSection, 'id' | 'title'> = { status: 'waiting', text: 'Waiting for previous step to complete', expanded: false, rows: [] };

function buildEsp(trace: TraceEntry[], idx: number, env: Environment): EspModel {
  const cur = trace[idx]!;
  const signOut = cur.screen === 'espSignOut';
  const inAccount = cur.esp?.section === 'account' || signOut;
  const flow = inAccount ? flowOf({ ...cur, esp: undefined }) : flowOf(cur);
  const container = cur.esp?.id ?? null;
  // The entries of this ESP run: back to where the flow entered the run, or the last retry.
  let start = idx;
  if (container) {
    while (start > 0 && trace[start - 1]!.esp?.id === container && trace[start]!.event !== 'user.retry' && trace[start]!.event !== 'technician.retry') start--;
  }
  const entries = trace.slice(start, idx + 1);
  const onErrorPage = onErrorScreen(cur);
  let failure: FailureInfo | null = null;
  if (onErrorPage) {
    const before = trace[idx - 1];
    const timer = cur.source === 'timer';
    const section: EspSection['id'] = inAccount ? 'accountSetup' : inPreparation(before) ? 'devicePreparation' : 'deviceSetup';
    const row = timer ? null : rowIndex(before);
    failure = { section, row, code: cur.code };
  }
  // How far each phase got: the row the trace says the step shows (on the error page, the step before it).
  const progressAt = onErrorPage && idx > 0 ? idx - 1 : idx;
  const progress = trace[progressAt]!;
  const inPrep = inPreparation(progress);
  const inSetup = inSetupRow(progress);
  let prepReached: number;
  let setupReached: number;
  if (inAccount) {
    prepReached = 4;
    setupReached = 4;
  } else if (inPrep) {
    prepReached = rowIndex(progress) ?? 0;
    setupReached = -1;
  } else if (inSetup) {
    prepReached = 4;
    setupReached = rowIndex(progress) ?? 0;
  } else {
    prepReached = 4;
    setupReached = 4;
  }
  if (flow.prep === 'already-done' && prepReached < 3) prepReached = 3;
  if (flow.prep === 'skipped') prepReached = 4;
  // A code whose documented text names a later row of device preparation fails on that row, the rows before it complete:
  // the device-token join's 0x801C03EA reads "Registering your device for mobile management (Failed: 3, 0x801C03EA)" (domain §4).
  if (failure?.section === 'devicePreparation' && failure.row !== null) {
    const message = lookup(failure.code ?? '')?.message ?? '';
    const named = PREP_ROWS.findIndex((label) => message.startsWith(label));
    if (named > failure.row) prepReached = failure.row = named;
  }

  const sections: EspSection[] = [];
  // Device preparation.
  {
    const f = failure?.section === 'devicePreparation' ? failure : null;
    const rows: EspRow[] = PREP_ROWS.map((label, i) => {
      let status: RowStatus = i < prepReached ? 'complete' : i === prepReached ? 'working' : 'waiting';
      if (f && f.row === i) status = 'failed';
      else if (f && f.row !== null && i > f.row) status = 'previousFailed';
      const text =
        status === 'complete'
          ? '(Complete)'
          : status === 'working'
            ? '(Working on it…)'
            : status === 'failed'
              ? rowFailure(label, f?.code)
              : status === 'previousFailed'
                ? '(Previous step failed)'
                : '(Waiting for previous step to complete)';
      return { label, status, text };
    });
    const s = sectionStatus(rows, prepReached >= 4);
    sections.push({ id: 'devicePreparation', title: ESP_SECTIONS.devicePreparation, ...s, expanded: prepReached < 4 || f !== null, rows });
  }
  // Device setup.
  {
    if (setupReached < 0) sections.push({ id: 'deviceSetup', title: ESP_SECTIONS.deviceSetup, ...WAITING });
    else {
      const f = failure?.section === 'deviceSetup' ? failure : null;
      const deviceEntries = inAccount ? deviceRunEntries(trace, start) : entries;
      const rows = setupRows(deviceEntries, setupReached, f, false);
      const s = sectionStatus(rows, setupReached >= 4);
      sections.push({ id: 'deviceSetup', title: ESP_SECTIONS.deviceSetup, ...s, expanded: (setupReached < 4 || f !== null) && !inAccount, rows });
    }
  }
  // Account setup.
  if (flow.sections.includes('accountSetup')) {
    if (!inAccount) sections.push({ id: 'accountSetup', title: ESP_SECTIONS.accountSetup, ...WAITING });
    else {
      const f = failure?.section === 'accountSetup' ? failure : null;
      const done = signOut;
      // Every row says "Identifying…" while the device builds the user's tracking list, and still does when that hangs (nothing moves until the timer).
      const identifying = waitShown(trace, progressAt) === IDENTIFYING;
      const reached = done ? 4 : identifying ? -1 : (rowIndex(progress) ?? 0);
      const rows = setupRows(entries, reached, f, identifying);
      const s = sectionStatus(rows, done);
      sections.push({ id: 'accountSetup', title: ESP_SECTIONS.accountSetup, ...s, expanded: true, rows });
    }
  }
  // The error page: the message and exactly the buttons the ESP profile allows.
  let error: EspModel['error'] = null;
  if (onErrorPage) {
    const next = trace[idx + 1]?.event;
    const buttons: EspButton[] = [];
    if (env.esp.collectLogs) buttons.push({ id: 'logs', label: 'Collect logs', next: next === 'user.collectLogs' });
    const allowed = espErrorButtons(env.esp);
    if (allowed.reset) buttons.push({ id: 'reset', label: 'Reset device', next: next === 'user.resetDevice' });
    buttons.push({ id: 'retry', label: 'Try again', next: next === 'user.retry' });
    if (allowed.continueAnyway) buttons.push({ id: 'continue', label: 'Continue anyway', next: next === 'user.continueAnyway' });
    error = { message: env.esp.customMessage ?? ESP_DEFAULT, buttons };
  }
  return { sections, error, frozen: onErrorPage, signOut };
}

/** For account setup: the entries of the device ESP run that came before it (for the app list). */
function deviceRunEntries(trace: TraceEntry[], before: number): TraceEntry[] {
  let end = before - 1;
  while (end >= 0 && !inDeviceEsp(trace[end])) end--;
  if (end < 0) return [];
  const container = trace[end]!.esp!.id;
  let start = end;
  while (start > 0 && trace[start - 1]!.esp?.id === container && trace[start]!.event !== 'user.retry') start--;
  return trace.slice(start, end + 1);
}

function elapsedOf(trace: TraceEntry[], idx: number, from: (e: TraceEntry) => boolean): string {
  const first = trace.findIndex(from);
  const ms = trace[idx]!.at - (first >= 0 ? trace[first]!.at : 0);
  const min = Math.floor(ms / 60_000);
  const h = Math.floor(min / 60);
  return `${String(h).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;
}

/**
 * A deployment that ends straight out of an ESP run by the device's token (src/catalog/vocabulary.ts
 * EspRun: self-deploying, which has no user), or out of the quality updates that follow it, ends
 * with nobody signed in: the Windows sign-in screen (§2.6).
 */
function endsWithoutUser(trace: TraceEntry[], idx: number): boolean {
  let i = idx - 1;
  while (i > 0 && (trace[i]!.phase === 'qualityUpdates' || trace[i]!.wait === 'esp.preparationBehindDesktop')) i--;
  return trace[i]?.esp?.preparation === 'device-token' || trace[i]?.wait === 'mdm.deviceEnroll';
}

/** The screen at trace[idx]. */
export function screenAt(trace: TraceEntry[], idx: number, env: Environment): ScreenModel {
  const cur = trace[idx]!;
  const base: ScreenModel = {
    kind: 'oobeWorking',
    org: orgName(env.registration.tenant),
    branded: env.scenario !== 'device-preparation' || trace.slice(0, idx + 1).some((e) => e.event === 'profile.downloaded' || e.event === 'profile.jsonApplied'),
    tenant: env.registration.tenant,
    windows: env.os.windows,
    user: env.profile.assignedUser ?? `adele.vance@${env.identity.signInTenant ?? env.registration.tenant}`,
    assignedUser: env.profile.assignedUser,
    profile: env.scenario === 'self-deploying' ? 'Self-deploying profile' : env.profile.joinType === 'hybrid' ? 'Hybrid user-driven profile' : 'User-driven profile',
  };
  const atEnd = idx === trace.length - 1;
  // Final states: the engine writes the one reached (`end`).
  if (cur.end === 'succeeded') {
    const kiosk = trace[idx - 1]?.phase === 'kiosk' || (trace[idx - 1]?.wait === 'esp.preparationBehindDesktop' && trace[idx - 2]?.phase === 'kiosk');
    // "Continue anyway" (or a Cloud PC provisioned with warnings) reaches the desktop, and the deployment is still a failure: the engine says which.
    const outcome = cur.status === 'failed' ? 'failed' : 'succeeded';
    if (env.scenario === 'reset') return { ...base, kind: 'lockScreen', outcome, note: 'Ready for the next user.' };
    // A Cloud PC in automatic mode ends at its status in the portal (Provisioned, or with warnings): its user connects later (§7).
    if (trace[idx - 1]?.screen === 'cloudPcStatus') return { ...screenAt(trace, idx - 1, env), outcome, nextAction: undefined };
    if (kiosk) return { ...base, kind: 'desktop', kiosk: true, outcome };
    if (endsWithoutUser(trace, idx)) return { ...base, kind: 'signInScreen', outcome };
    return { ...base, kind: 'desktop', outcome };
  }
  if (cur.end === 'failed') {
    const prev = idx > 0 ? screenAt(trace, idx - 1, env) : base;
    const fromErrorScreen = prev.kind === 'technicianRed' || prev.kind === 'devicePreparationError' || prev.kind === 'cloudPcStatus' || (prev.kind === 'esp' && prev.esp?.error);
    // The page stays as it was, its buttons no longer marked: the one marked was pressed (Reset
    // device kept its halo as the next thing to press after the run had ended).
    if (fromErrorScreen) {
      const esp = prev.esp?.error ? { ...prev.esp, error: { ...prev.esp.error, buttons: prev.esp.error.buttons.map((b) => ({ ...b, next: false })) } } : prev.esp;
      // The Windows 365 portal's list is read again at the end: the Cloud PC's status is now Failed.
      const portal = prev.kind === 'cloudPcStatus' ? { devicePreparation: devicePreparationModel(trace, idx, env) } : {};
      return { ...prev, ...(esp ? { esp } : {}), ...portal, outcome: 'failed', nextAction: undefined };
    }
    return { ...failureScreen(base, trace, idx, env), outcome: 'failed' };
  }
  if (cur.end === 'standardOobe') {
    // Device preparation with no policy for the user (or a Windows too old for it) falls back once the user has signed in
    // with the work account, which joins the device to Entra without provisioning (§7): the user goes on to the desktop,
    // with none of a policy's apps. It showed standard OOBE's "How would you like to set up this device?" after the sign-in.
    const signedIn = trace.slice(0, idx).some((e) => e.event === 'user.signedIn');
    return { ...base, kind: signedIn ? 'desktop' : 'standardOobe', outcome: 'fell-back-to-oobe', ...(cur.detail || cur.cause ? { note: cur.cause ?? cur.detail } : {}) };
  }

  const screen = screenShown(cur);
  const next = trace[idx + 1];
  const out: ScreenModel = { ...base, kind: VIEW_OF[screen], ...(atEnd ? { outcome: 'stopped' as const } : {}) };
  switch (screen) {
    case 'esp':
    case 'espError':
    case 'espSignOut': {
      // A self-deploying device's error page says what its code means under it, as the red screen does: its row reads
      // "(Failed: 0x801c03f3)", or "(Failed)" for a blocked Entra, and nothing on the device said why.
      const meaning = espFailurePage(cur) ? meaningShown(cur.code) : undefined;
      return { ...out, kind: 'esp', esp: buildEsp(trace, idx, env), ...(meaning ? { note: meaning } : {}) };
    }
    case 'technicianRed': {
      // The red screen shows the error (§2.3 T9b): Microsoft's words where they are its own, and not the text of a sign-in
      // screen or OOBE page the technician never reaches, whose code's meaning is said under it, as the outcome says it.
      const meaning = meaningShown(cur.code);
      return {
        ...out,
        kind: 'technicianRed',
        error: { code: shownCode(cur.code), message: (meaning ? null : screenMessage(cur.code)) ?? shownCode(cur.code) ?? 'Provisioning failed' },
        ...(meaning ? { note: meaning } : {}),
        esp: buildEsp(trace, idx, env),
        elapsed: elapsedOf(trace, idx, (e) => e.event === 'technician.pressedWinKey5'),
        ...(next ? { nextAction: next.event } : {}),
      };
    }
    case 'technicianGreen':
      return { ...out, elapsed: elapsedOf(trace, idx, (e) => e.event === 'technician.pressedWinKey5') };
    case 'oobePages':
      return { ...out, ...(next?.detail ? { detail: next.detail } : {}) };
    case 'entraSignIn':
      return out;
    case 'taskSequence': {
      // The step's place in the sequence this device runs: the task-sequence steps the trace has reached so far.
      let progress = 0;
      for (let i = idx; i >= 0 && trace[i]!.screen === 'taskSequence'; i--) if (trace[i]!.wait?.startsWith('ts.')) progress++;
      return { ...out, detail: cur.narration, progress: Math.max(1, progress) };
    }
    case 'off':
      return { ...out, note: cur.phase === 'shipping' ? 'Resealed and shipped: the device is off until the user turns it on.' : 'Shut down and handed over: the device is off until the user turns it on.' };
    case 'desktop':
      return cur.phase === 'kiosk' ? { ...out, kiosk: true } : out;
    case 'devicePreparation':
    case 'devicePreparationComplete':
    case 'devicePreparationError':
    case 'cloudPcStatus':
      return { ...out, devicePreparation: devicePreparationModel(trace, idx, env), ...(next ? { nextAction: next.event } : {}) };
    default:
      return out;
  }
}

/**
 * The page a failure ends on inside the ESP with no one at an OOBE page or a sign-in (messageWhere, whereShown): the
 * technician's red screen (§2.3 T9b), or the error page of an ESP run by the device's token, which has no user (a
 * self-deploying device, §2.6 S3, S4, or an existing device's self-deploying follow-on); null elsewhere.
 */
export function espFailurePage(e: TraceEntry): string | null {
  if (e.screen === 'technicianRed') return TECHNICIAN_PAGE;
  if (e.screen === 'espError' && e.esp?.preparation === 'device-token') return 'ESP error page (self-deploying)';
  return null;
}

/** The pages a user's failure shows, by the screen drawn for it, as the error card names them (whereShown). */
const USER_PAGE: Partial<Record<ScreenKind, string>> = {
  somethingWentWrong: 'OOBE “Something went wrong” page',
  entraSignIn: 'Entra sign-in page',
  windowsLogon: 'Windows logon screen',
  signInScreen: 'Sign-in screen',
  esp: 'ESP error page',
};

/**
 * Where a failure at step `idx` is shown, for its error card (whereShown): `page` a page inside the ESP with no one at
 * an OOBE page or a sign-in (espFailurePage), else `userPage` the page a user's failure shows (a user-driven join that
 * fails on the OOBE “Something went wrong” page), null where the studio draws no such page.
 */
export function failurePlace(trace: TraceEntry[], idx: number, env: Environment): { page: string | null; userPage: string | null } {
  const page = espFailurePage(trace[idx]!);
  return { page, userPage: page ? null : (USER_PAGE[screenAt(trace, idx, env).kind] ?? null) };
}

/** On such a page (espFailurePage), what a code means where the page does not show the catalogue's text for it (messageWhere). */
function meaningShown(code: string | undefined): string | undefined {
  const entry = code ? lookup(code) : undefined;
  const said = entry ? messageWhere(entry, true) : null;
  return said?.startsWith('[') ? said.slice(1, -1) : undefined;
}

/** A failure that went straight to the end, without an error page: the screen that shows it. */
function failureScreen(base: ScreenModel, trace: TraceEntry[], idx: number, env: Environment): ScreenModel {
  const cur = trace[idx]!;
  const prev = trace[idx - 1];
  const code = cur.code ?? null;
  const message = screenMessage(code);
  const note = bracketed(code) ?? cur.cause;
  const prevScreen = prev?.screen;
  const shown = shownCode(code);
  if (code === 'TENANT_MISMATCH') return { ...base, kind: 'entraSignIn', error: { code: shown, message: message ?? '' } };
  if (prevScreen === 'windowsLogon') return { ...base, kind: 'windowsLogon', ...(message ? { error: { code: shown, message } } : {}), ...(note ? { note } : {}) };
  if (prevScreen === 'resetting' || prevScreen === 'lockScreen' || prevScreen === 'resetSignIn') {
    return { ...base, kind: VIEW_OF[prevScreen], ...(message ? { error: { code: shown, message } } : {}), ...(note ? { note } : {}) };
  }
  if (prevScreen === 'taskSequence' || prevScreen === 'desktop') return { ...base, kind: VIEW_OF[prevScreen], ...(note ? { note } : {}) };
  if (prevScreen === 'esp' && prev) return { ...screenAt(trace, idx - 1, env), ...(note ? { note } : {}) };
  // Identity failures in OOBE: the "Something went wrong" page.
  return {
    ...base,
    kind: 'somethingWentWrong',
    error: { code: shown, message: message ?? 'Something went wrong' },
    ...(note && !message ? { note } : {}),
  };
}

// The studio: one run (or two side by side) stepped through in virtual time, with the
// statechart, the device screen, narration, the event log and live faults.
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Session, type RunFile } from '../../engine/session.ts';
import type { EnvironmentInput } from '../../environment/schema.ts';
import { DEFAULT_PATH, bundledByPath, bundledFiles, type Bundled } from './bundled.ts';
import { Chart } from './chart.ts';
import { CHANGES, comparisonKind } from '../../environment/comparisons.ts';
import { CompareView, type BSource, type Side } from './compare.ts';
import { eventText, firstDifference, insightOf, possibleNow, stepAnnouncement, takenUpTo, visitedUpTo, type Possible } from './insight.ts';
import { phaseLabel } from '../../catalog/phases.ts';
import { meant } from '../../environment/spelling.ts';
import { AsExpected, EventLog, FaultCode, FaultsDialog, Help, LessonCard, LessonOpening, Narration, NowPanel, SPEEDS, Transport } from './panels.ts';
import { Inspector, joinOf } from './inspector.ts';
import { openNotesWindow, useStudioChannel } from './channel.ts';
import { pageNarration, useWindowEvent } from './hooks.ts';
import { Picker, type CourseFile } from './picker.ts';
import {
  DEFAULT_SWITCHES,
  describeSwitches,
  environmentFromSwitches,
  formatMinutes,
  merge,
  errorText,
  sessionFromFile,
  sessionFromText,
  presenterSuffix,
  sessionFromHash,
  shareHash,
  StudioSession,
  type Taught,
  splitAddress,
  type PresenterMode,
  type Switches,
} from './run.ts';
import { onErrorScreen, screenAt } from './screen-model.ts';
import { findingText } from '../../catalog/findings.ts';
import { DeviceScreen } from './screens.ts';

interface RunState {
  session: Session;
  title: string;
  /** Where it came from: a bundled file's path, 'built', 'imported', 'link'. */
  origin: string;
  bundled?: Bundled;
}

/** Keys that are only held with another: pressed alone, they do nothing (and leave a black screen black). */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);
const MIN_STEP_MS = 350;
const MAX_STEP_MS = 4000;

function fromBundled(b: Bundled): RunState {
  const taught = b.lesson ? { lesson: b.lesson, ...(b.file.expect ? { expect: b.file.expect } : {}) } : undefined;
  return { session: new StudioSession(b.input, b.seed, [], b.name, taught), title: b.name, origin: b.path, bundled: b };
}

/** The lesson a run teaches: one built into the studio or a trainer's own, as its file carries it (run.ts). */
function taughtOf(r: RunState): Taught | undefined {
  return r.session instanceof StudioSession ? r.session.taught : undefined;
}

/**
 * What a run opened from a file or a link is called: its lesson's title where it teaches one, as a lesson built into the
 * studio is (a trainer's own lesson ran under its file's `name`, in the title, the presenter's view and an export's
 * file name), else its name, else `fallback`.
 */
function titleOf(s: Session, fallback: string): string {
  return (s instanceof StudioSession ? s.taught?.lesson.title : undefined) ?? s.name ?? fallback;
}

function defaultRun(): RunState {
  const b = bundledByPath(DEFAULT_PATH) ?? bundledFiles()[0];
  if (b) return fromBundled(b);
  return { session: new Session({}, 1, [], 'User-driven, Entra join'), title: 'User-driven, Entra join', origin: 'built' };
}

/** The bundled file a #scenario=<path under scenarios/> address names (undefined: none named). */
function namedRun(hash: string): { run: RunState; error: string | null } | undefined {
  const named = /^#scenario=(.+)$/.exec(hash);
  if (!named) return undefined;
  let path = '';
  try {
    path = decodeURIComponent(named[1]!);
  } catch {
    path = named[1]!;
  }
  const b = bundledByPath(path) ?? bundledByPath(`${path}.yaml`);
  if (b) return { run: fromBundled(b), error: null };
  // A slip in a typed address ('lessons/01-first-user-drivn-deployment') names the file meant, as the command line does.
  const names = bundledFiles().map((f) => f.path.replace(/\.yaml$/, ''));
  const near = meant(path.replace(/\.ya?ml$/, ''), names);
  return { run: defaultRun(), error: `No bundled scenario file ${path}${near ? ` (did you mean ${near}?)` : ''}: the studio opened the default run.` };
}

/** The run a link carries, or the default run (and why the link could not be used). */
function initialRun(): { run: RunState; error: string | null } {
  // `autopilot-sim studio <file>` opens the studio at #scenario=<path under scenarios/>.
  const hash = splitAddress(location.hash).run;
  const named = namedRun(hash);
  if (named) return named;
  try {
    const s = sessionFromHash(hash);
    if (s) return { run: { session: s, title: titleOf(s, 'Shared run'), origin: 'link', bundled: bundledFor(s) }, error: null };
  } catch (e) {
    return { run: defaultRun(), error: errorText(e) };
  }
  return { run: defaultRun(), error: null };
}

/** A restored run that is exactly a bundled lesson keeps its lesson card. */
function bundledFor(s: Session): Bundled | undefined {
  const json = JSON.stringify(s.input);
  return bundledFiles().find((b) => b.name === s.name && b.seed === s.seed && JSON.stringify(b.input) === json);
}

/** A run's lesson, whatever was injected or stepped: its name, seed and set-up (bundledFor's match). */
const runKey = (s: Session) => JSON.stringify([s.name, s.seed, s.input]);

function slug(s: string): string {
  return s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase() || 'run';
}

/** Where the tab keeps a course imported in it, across a reload. */
const COURSE_KEY = 'autopilot-sim.course';

/** The course this tab imported before a reload, or none (none kept, storage refused, or not a course's shape). */
function readCourse(): CourseFile[] {
  try {
    const kept: unknown = JSON.parse(sessionStorage.getItem(COURSE_KEY) ?? '[]');
    return Array.isArray(kept) && kept.every((f) => f && typeof f.name === 'string' && typeof f.title === 'string' && typeof f.text === 'string' && typeof f.intro === 'string') ? (kept as CourseFile[]) : [];
  } catch {
    return [];
  }
}

/** Keep the course for a reload of this tab (a storage that refuses it keeps it for this page only, as before). */
function keepCourse(course: readonly CourseFile[]): void {
  try {
    if (course.length) sessionStorage.setItem(COURSE_KEY, JSON.stringify(course));
    else sessionStorage.removeItem(COURSE_KEY);
  } catch {
    // Storage full or refused: the course lasts until the reload.
  }
}

export function App(): VNode {
  const init = useMemo(initialRun, []);
  const [run, setRunState] = useState<RunState>(init.run);
  const [cursor, setCursor] = useState(init.run.session.cursor);
  const [traceVersion, setTraceVersion] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(60);
  const [clock, setClock] = useState(init.run.session.current.at);
  /** Presenter mode as the address opened it: a reload (a trainer's F5 before class, a crash) or a shared link keeps it. */
  const opened = useMemo(() => splitAddress(location.hash).presenter, []);
  const [presenter, setPresenter] = useState(opened !== null);
  /** Presenter mode: the chart hidden (the device and the narration fill the screen) or shown large. */
  const [presenterChart, setPresenterChart] = useState<'hidden' | 'large'>(opened ?? 'hidden');
  const presenting: PresenterMode = presenter ? presenterChart : null;
  /** The right-hand tab of the drawer under the chart. */
  const [tab, setTab] = useState<'log' | 'lesson' | 'inspector'>(taughtOf(init.run) ? 'lesson' : 'log');
  /** The run before its last fault or choice: side by side can show the other branch. */
  const [forkParent, setForkParent] = useState<{ file: RunFile; label: string } | null>(null);
  const [picker, setPicker] = useState(false);
  /**
   * The trainer's own lessons, imported together: a course, listed by Open…. The address carries the run open, not
   * the course (several files' words are too long for it), so the tab keeps the course (sessionStorage): a reload
   * brings it back, a shared link or a new window does not.
   */
  const [course, setCourse] = useState<CourseFile[]>(readCourse);
  useEffect(() => keepCourse(course), [course]);
  /** Each course file's lesson as a run starts it (its name, seed and set-up), to know it again in a run a reload brought back. */
  const courseRuns = useMemo(() => course.map((f) => {
    try {
      return runKey(sessionFromText(f.text, `"${f.name}"`, f.name));
    } catch {
      return null;
    }
  }), [course]);
  const [pickerError, setPickerError] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  /** Presenter mode: the faults possible now, over the device (f). */
  const [presenterFaults, setPresenterFaults] = useState(false);
  /** The class's screen black (a clicker's blank-screen button, b or ., as in PowerPoint): the class looks at the trainer. */
  const [blank, setBlank] = useState(false);
  /**
   * A lesson's opening over the class's screen: its title, introduction and questions, as a title slide before the first
   * step (a clicker's back, ← or Page Up, at step 0); any key or a click brings step 0 back.
   */
  const [opening, setOpening] = useState(false);
  // Another file or run opened: its step 0, not the last one's opening.
  useEffect(() => setOpening(false), [run]);
  const [switches, setSwitches] = useState<Switches>(DEFAULT_SWITCHES);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(init.error ? { kind: 'error', text: init.error } : null);
  const [shareUrl, setShareUrl] = useState<string | null>(null);
  const [flash, setFlash] = useState(false);
  const [compare, setCompare] = useState<{ source: BSource; b: RunState | null; error: string | null } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const session = run.session;
  const insight = useMemo(() => insightOf(session), [session, traceVersion]);
  const bInsight = useMemo(() => (compare?.b ? insightOf(compare.b.session) : null), [compare?.b]);
  const length = compare?.b ? Math.max(session.trace.length, compare.b.session.trace.length) : session.trace.length;
  const difference = useMemo(() => (compare?.b ? firstDifference(session.trace, compare.b.session.trace) : null), [compare?.b, session, traceVersion]);

  useEffect(() => {
    document.body.classList.toggle('presenter', presenter);
  }, [presenter]);

  const setRun = (r: RunState) => {
    setPlaying(false);
    setForkParent(null);
    setTab(taughtOf(r) ? 'lesson' : tab === 'lesson' ? 'log' : tab);
    setRunState(r);
    setCursor(r.session.cursor);
    setClock(r.session.current.at);
    setShareUrl(null);
    if (compare) setCompare({ ...compare, ...buildB(r, compare.source) });
  };

  // The cursor as of the last seek: key presses can arrive faster than renders.
  const cursorRef = useRef(cursor);
  cursorRef.current = cursor;
  const seek = (i: number) => {
    const c = Math.max(0, Math.min(length - 1, Math.floor(i)));
    cursorRef.current = c;
    session.seek(c);
    compare?.b?.session.seek(c);
    setCursor(c);
    setClock((c < session.trace.length ? session.trace[c]! : compare?.b?.session.trace[c] ?? session.current).at);
  };
  const step = () => {
    setPlaying(false);
    seek(cursorRef.current + 1);
  };
  const back = () => {
    setPlaying(false);
    seek(cursorRef.current - 1);
  };
  /** Back from the room: at a lesson's first step there is no step before, and its opening is the slide before it. */
  const backOrOpening = () => {
    if (cursorRef.current === 0 && taughtOf(run)) setOpening(true);
    else back();
  };

  // Playback: the virtual clock runs `speed` times faster than real time; each step takes
  // between MIN_STEP_MS and MAX_STEP_MS of real time, so long waits (shipping, check-ins) do not stall the class.
  const playState = useRef({ stepStart: 0, lastClock: 0 });
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let c = cursor;
    playState.current.stepStart = performance.now();
    const primary = () => (c < session.trace.length - 1 ? session.trace : compare?.b?.session.trace ?? session.trace);
    const loop = (t: number) => {
      const tr = primary();
      const cur = tr[Math.min(c, tr.length - 1)]!;
      const next = tr[c + 1];
      if (!next || c >= length - 1) {
        setPlaying(false);
        return;
      }
      const gap = next.at - cur.at;
      const dur = Math.min(MAX_STEP_MS, Math.max(MIN_STEP_MS, gap / speed));
      const p = (t - playState.current.stepStart) / dur;
      if (p >= 1) {
        c += 1;
        playState.current.stepStart = t;
        seek(c);
      } else if (t - playState.current.lastClock > 80) {
        playState.current.lastClock = t;
        setClock(cur.at + gap * p);
      }
      raf = requestAnimationFrame(loop);
    };
    raf = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(raf);
  }, [playing, speed, session, traceVersion, compare?.b]);

  // The address follows the run, so that a reload (F5, a laptop waking from sleep) opens the run on screen, at its
  // step, with its faults and choices: a bundled file at its start as #scenario=<path>, anything else as the share
  // link's #run=. Before, it kept the address the page was opened with (another file after Open…, step 0 without the
  // fault). Written a quarter of a second after the last change: a held arrow key would pass the browser's limit on
  // history changes (about 100 in 10 s), which it refuses with a console warning.
  // Presenter mode follows the run in the address (&presenter, &presenter=chart): a reload lost it, and the class saw the
  // studio's chrome and small type until the trainer pressed p again.
  // An address given in that quarter of a second (typed, a link followed) is the one to open, by the hashchange handler:
  // the write still due for the run on screen wrote that run's address over it, before the handler read it or after, and
  // a reload opened the old run (a test going from lesson 08 at its error page to #scenario=pre-provisioned-entra.yaml
  // and reloading found lesson 08 again). So a write is dropped when the address is no longer the one last written, and
  // the handler cancels the write still due.
  const address = useRef({ written: location.hash, due: 0 });
  useEffect(() => {
    const t = window.setTimeout(() => {
      if (location.hash !== address.current.written) return;
      const file = session.toFile();
      const hash = (run.bundled && file.cursor === 0 && file.faults.length === 0 ? `#scenario=${run.bundled.path}` : shareHash(file)) + presenterSuffix(presenting);
      if (location.hash !== hash) history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
      address.current.written = location.hash;
    }, 250);
    address.current.due = t;
    return () => clearTimeout(t);
  }, [session, cursor, traceVersion, run, presenting]);

  // A step left (a fault struck, → or ←, played on, another run) gives the keyboard back to the run: the fault f went to
  // kept the focus, re-rendered as the next step's fault in its place, and the trainer's Space to play struck that one
  // (Space presses a button the keyboard reached). Before the next key: a layout effect, not one after the paint.
  useLayoutEffect(() => {
    const held = document.activeElement as HTMLElement | null;
    if (held?.closest('#faults-panel, [data-testid=possible-now]')) held.blur();
  }, [session, cursor, traceVersion]);

  const togglePlay = () => {
    if (!playing && cursor >= length - 1) seek(0);
    setPlaying(!playing);
  };

  const inject = (faultId: string) => {
    setPlaying(false);
    try {
      session.seek(cursor);
      const before = session.toFile();
      const change = session.changesFor(session.current).find((f) => f.id === faultId);
      // A choice in the words of who makes it, as the panel offered it ('Someone presses Try again' on a self-deploying device).
      const what = change?.source ? eventText(change.event.type, session.current.wait, change.source) : (change?.label ?? faultId);
      session.inject(faultId);
      setForkParent({ file: before, label: `A without “${what}” (the other branch)` });
      session.step();
      setTraceVersion((v) => v + 1);
      setCursor(session.cursor);
      setClock(session.current.at);
      setMessage(null);
      if (compare?.b) compare.b.session.seek(session.cursor);
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };

  const pickBundled = (b: Bundled) => {
    try {
      setRun(fromBundled(b));
      setPicker(false);
      setPickerError(null);
      setMessage(null);
    } catch (e) {
      setPickerError(`${b.path}: ${(e as Error).message}`);
    }
  };

  const buildRun = () => {
    try {
      const env = environmentFromSwitches(switches);
      const title = describeSwitches(switches);
      setRun({ session: new Session(env, switches.seed, [], title), title, origin: 'built' });
      setPicker(false);
      setPickerError(null);
      setMessage(null);
    } catch (e) {
      setPickerError((e as Error).message);
    }
  };

  function buildB(a: RunState, source: BSource): { b: RunState | null; error: string | null } {
    try {
      if (source.kind === 'fork') {
        if (!forkParent) return { b: null, error: 'No other branch: make a choice or inject a fault first.' };
        const s = Session.fromFile(forkParent.file);
        return { b: { session: s, title: forkParent.label, origin: 'fork', ...(a.bundled ? { bundled: a.bundled } : {}) }, error: null };
      }
      if (source.kind === 'file') {
        const f = bundledByPath(source.path);
        if (!f) return { b: null, error: `No bundled file ${source.path}` };
        // The same device: A's seed, B's environment.
        return { b: { session: new Session(f.input, a.session.seed, [], f.name), title: f.name, origin: f.path, bundled: f }, error: null };
      }
      const change = CHANGES.find((c) => c.id === source.id)!;
      const env = merge(a.session.input as Record<string, unknown>, change.override) as EnvironmentInput;
      return { b: { session: new Session(env, a.session.seed, [], `${a.title} — ${change.label}`), title: change.label, origin: 'change' }, error: null };
    } catch (e) {
      return { b: null, error: `B cannot run: ${(e as Error).message}` };
    }
  }

  /**
   * What side by side opens on: A's other branch after a choice or a fault; else the comparison the lesson names in its
   * `compareWith` (lesson 12's device-preparation, lesson 02's self-deploying.yaml), which the lesson schema checks;
   * else the first change offered that makes the run differ. It read the lesson's prose for a change's label or a
   * file's name, which a reworded question silently lost.
   */
  const defaultSource = (): BSource => {
    if (forkParent) return { kind: 'fork' };
    const offered = CHANGES.filter((c) => c.for?.(session.env) ?? true);
    const named = taughtOf(run)?.lesson.compareWith;
    if (named && comparisonKind(named) === 'file') return { kind: 'file', path: named };
    if (named && offered.some((c) => c.id === named)) return { kind: 'change', id: named };
    for (const c of offered) {
      const b = buildB(run, { kind: 'change', id: c.id }).b;
      if (b && firstDifference(session.trace, b.session.trace) !== null) return { kind: 'change', id: c.id };
    }
    return { kind: 'change', id: offered[0]!.id };
  };

  const openCompare = () => {
    if (compare) return setCompare(null);
    setPlaying(false);
    const defaultChange = defaultSource();
    const next = { source: defaultChange, ...buildB(run, defaultChange) };
    setCompare(next);
    next.b?.session.seek(cursor);
  };
  const chooseB = (source: BSource) => {
    const next = { source, ...buildB(run, source) };
    setCompare(next);
    const c = Math.min(cursor, Math.max(session.trace.length, next.b?.session.trace.length ?? 0) - 1);
    session.seek(c);
    next.b?.session.seek(c);
    setCursor(c);
  };
  const closeCompare = () => {
    setCompare(null);
    seek(Math.min(cursor, session.trace.length - 1));
  };

  const exportRun = () => {
    const file = session.toFile();
    const blob = new Blob([JSON.stringify(file, null, 2) + '\n'], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${slug(run.title)}.autopilot-run.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 5000);
    setMessage({ kind: 'info', text: `Exported ${a.download}: environment, seed, ${file.faults.length} injected fault(s) and the current step.` });
  };

  const importRun = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    // Several files chosen at once are a course: a trainer's own lessons, in their files' order (01-…, 02-…), which
    // Open… lists under "Your lessons" for as long as the tab lasts (a reload too); the first opens.
    const files = [...(input.files ?? [])].sort((x, y) => x.name.localeCompare(y.name, undefined, { numeric: true }));
    input.value = '';
    if (!files.length) return;
    const read: CourseFile[] = [];
    const errors: string[] = [];
    for (const file of files) {
      try {
        const s = await sessionFromFile(file);
        read.push({ name: file.name, title: titleOf(s, file.name), text: await file.text(), intro: s instanceof StudioSession ? (s.taught?.lesson.introduction ?? '') : '' });
      } catch (err) {
        errors.push(errorText(err));
      }
    }
    if (files.length > 1 && read.length) setCourse(read);
    if (read.length) openCourseFile(read[0]!, files.length > 1 ? 0 : null);
    const imported = files.length > 1 ? `Imported ${read.length} of ${files.length} files as a course: Open… (o) lists them under Your lessons, ↓ and ↑ move between them, Enter opens one.` : `Imported ${files[0]!.name}.`;
    setMessage(errors.length ? { kind: 'error', text: `${read.length ? `${imported} ` : ''}${errors.join(' ')}` } : { kind: 'info', text: imported });
  };

  /** A course's file opened at its start (index: its place in the course; null for a file imported alone). */
  const openCourseFile = (f: CourseFile, index: number | null) => {
    const s = sessionFromText(f.text, `"${f.name}"`, f.name);
    setRun({ session: s, title: titleOf(s, f.name), origin: index === null ? 'imported' : `course:${index}`, bundled: bundledFor(s) });
  };
  /**
   * The file open, for Open… to mark and start the keyboard on: a course's lesson a reload brought back is known by its
   * run (the address carries the run, not where it came from), where it was marked as no file, the keyboard on the first.
   */
  const openInCourse = () => {
    if (run.origin.startsWith('course:') || !course.length) return run.origin;
    const i = courseRuns.indexOf(runKey(run.session));
    return i >= 0 ? `course:${i}` : run.origin;
  };
  const pickCourse = (index: number) => {
    openCourseFile(course[index]!, index);
    setPicker(false);
    setPickerError(null);
    setMessage(null);
  };

  const share = () => {
    const hash = shareHash(session.toFile()) + presenterSuffix(presenting);
    history.replaceState(null, '', hash);
    address.current.written = location.hash;
    const url = location.href;
    setShareUrl(url);
    navigator.clipboard?.writeText(url).then(
      () => setMessage({ kind: 'info', text: 'Link copied: opening it reproduces this run at this step.' }),
      () => setMessage({ kind: 'info', text: 'Copy the link below: opening it reproduces this run at this step.' }),
    );
  };

  useWindowEvent('hashchange', () => {
    // A file named in the address bar of an open studio (#scenario=lessons/02-...) opens, as it
    // does when the page loads: it was ignored until a reload.
    clearTimeout(address.current.due);
    address.current.written = location.hash;
    // An address that says presenter mode opens it; one that does not (a lesson's link typed) leaves it as it is.
    const given = splitAddress(location.hash);
    if (given.presenter) {
      setPresenter(true);
      setPresenterChart(given.presenter);
    }
    const named = namedRun(given.run);
    if (named) {
      // The file open already opens again at its start: a trainer who types or pastes the lesson's link starts it over
      // (before, the lesson stayed at its step with its faults, the address only rewritten).
      setRun(named.run);
      setMessage(named.error ? { kind: 'error', text: named.error } : null);
      return;
    }
    try {
      const s = sessionFromHash(given.run);
      if (s && JSON.stringify(s.toFile()) !== JSON.stringify(session.toFile())) setRun({ session: s, title: titleOf(s, 'Shared run'), origin: 'link', bundled: bundledFor(s) });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    }
  });

  const focusFaults = () => {
    if (presenter) {
      setPresenterFaults(true);
      return;
    }
    setFlash(true);
    setTimeout(() => setFlash(false), 900);
    const first = document.querySelector('#faults-panel button.fault') as HTMLElement | null;
    (first ?? (document.querySelector('#faults-panel') as HTMLElement | null))?.focus();
    document.querySelector('#faults-panel')?.scrollIntoView({ block: 'nearest' });
  };

  /** A choice on the chart or in the narration: step on if it is what happens next, else fork the run. */
  const choose = (p: Possible) => {
    if (p.action === 'next') step();
    else if (p.action === 'choose' && p.change) inject(p.change);
    else if (p.action === 'faults') focusFaults();
  };
  const chooseEvent = (event: string) => {
    const p = possible.find((x) => x.event === event && x.action);
    if (p) choose(p);
  };

  const togglePresenter = () => {
    setPresenterFaults(false);
    setPresenter(!presenter);
  };
  const openNotes = () => {
    openNotesWindow();
    setPresenter(true);
  };

  // Keyboard shortcuts.
  useWindowEvent('keydown', (e) => {
    const t = e.target as HTMLElement;
    // The scrub bar keeps no keys of its own: once dragged, it held the focus, and a clicker's Page Down moved it back a
    // tenth of the run, space and p did nothing (its arrows step as the studio's do).
    const scrub = t instanceof HTMLInputElement && t.type === 'range';
    // Nor does a field nobody types in: clicked to copy it, the share link's held the focus, and the clicker's Page Down,
    // the arrows, p and Esc did nothing until the trainer clicked somewhere else.
    const readOnly = t instanceof HTMLInputElement && t.readOnly;
    if (t && !scrub && !readOnly && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
    if (e.ctrlKey || e.metaKey || e.altKey || MODIFIERS.has(e.key)) return;
    // The screen blacked out: the next key, whichever (the clicker's next or back too), shows the same step again, not
    // the one after, which the class would not have seen.
    if (blank) {
      e.preventDefault();
      setBlank(false);
      return;
    }
    // The lesson's opening, likewise: the next key shows step 0, which the class has not seen yet.
    if (opening) {
      e.preventDefault();
      setOpening(false);
      return;
    }
    // A clicker's start-slideshow button sends F5 (Shift+F5 from the current slide): presenter mode, where the browser
    // reloaded the page (seconds of a blank page in front of the class, presenter mode and the panels reset).
    if (e.key === 'F5') {
      e.preventDefault();
      if (!picker && !help) setPresenter(true);
      return;
    }
    if (e.key === 'Escape') {
      if (presenterFaults) setPresenterFaults(false);
      else if (help || picker) {
        setHelp(false);
        setPicker(false);
      } else if (compare) closeCompare();
      // Nothing else open: Esc ends the show, as a clicker's stop button (Esc) does in PowerPoint.
      else if (presenter) setPresenter(false);
      return;
    }
    if (picker || help) {
      if (e.key === '?') setHelp(!help);
      return;
    }
    if (presenterFaults) {
      if (e.key === 'f') setPresenterFaults(false);
      // The clicker's next and back, from the room: the faults over the device close and the run steps (nothing
      // happened, and the trainer had to walk to the laptop). The arrows stay the dialog's.
      if (e.key !== 'PageDown' && e.key !== 'PageUp') return;
      e.preventDefault();
      setPresenterFaults(false);
      if (e.key === 'PageDown') step();
      else back();
      return;
    }
    switch (e.key) {
      case ' ':
        // A button reached by the keyboard (Tab, or f to the faults) is pressed by Space, as everywhere: it started the
        // run playing and the fault the trainer had tabbed to never struck. One clicked with the mouse keeps Space for play.
        if ((t.tagName === 'BUTTON' || t.tagName === 'A') && t.matches(':focus-visible')) break;
        e.preventDefault();
        togglePlay();
        break;
      // A presentation clicker's buttons send PageDown and PageUp, or the arrows: a trainer steps from the room. Its
      // next and back first page through a narration cut under 'more below' (pageNarration), whichever keys it sends:
      // an arrows clicker stepped past the cut words (lesson 08's Remedy at 1280x720), which the class never saw.
      case 'ArrowRight':
      case 'PageDown':
        e.preventDefault();
        if (!pageNarration(true)) step();
        break;
      case 'ArrowLeft':
      case 'PageUp':
        e.preventDefault();
        if (!pageNarration(false)) backOrOpening();
        break;
      case 'Home':
        e.preventDefault();
        seek(0);
        break;
      case 'End':
        e.preventDefault();
        seek(length - 1);
        break;
      case 'f':
        focusFaults();
        break;
      case 'b':
      case '.':
        setBlank(true);
        break;
      case '?':
        setHelp(true);
        break;
      case 'p':
        togglePresenter();
        break;
      case 'g':
        if (presenter) setPresenterChart(presenterChart === 'hidden' ? 'large' : 'hidden');
        break;
      case 'n':
        openNotes();
        break;
      case 'i':
        setTab(tab === 'inspector' ? (taughtOf(run) ? 'lesson' : 'log') : 'inspector');
        break;
      case 'o':
        setPicker(true);
        break;
      case 'c':
        openCompare();
        break;
      case '+':
      case '=':
        setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, SPEEDS.indexOf(speed) + 1)]!);
        break;
      case '-':
        setSpeed(SPEEDS[Math.max(0, SPEEDS.indexOf(speed) - 1)]!);
        break;
    }
  });

  const entry = session.trace[Math.min(cursor, session.trace.length - 1)]!;
  const screen = screenAt(session.trace, Math.min(cursor, session.trace.length - 1), session.env);
  const possible = cursor < session.trace.length ? possibleNow(session, insight, entry) : [];
  const faults = cursor < session.trace.length ? session.faultsFor(entry).map((f) => ({ ...f, ends: session.endingOf(entry, f), against: session.setUpAgainst(f) })) : [];
  const choices = cursor < session.trace.length ? session.choicesFor(entry) : [];
  const taught = taughtOf(run);
  const suggested = taught?.lesson.suggestedFaults ?? [];
  const expect = taught ? taught.expect : run.bundled?.file.expect;
  const atEnd = cursor >= session.trace.length - 1;
  const o = session.outcome;
  const failedPath = entry.end === 'failed' || onErrorScreen(entry) ? entry.state : null;

  const side = (r: RunState, ins: typeof insight): Side => ({ session: r.session, insight: ins, title: r.title });

  // The presenter's view in another window follows this one, and can step and choose from there.
  useStudioChannel({
    state: { file: session.toFile(), path: run.bundled?.path ?? null, title: run.title, cursor, version: traceVersion, blank, presenter, opening: opening && cursor === 0 },
    onCommand: (c) => {
      // From the trainer's laptop as from the room: a step while the screen is black shows the same step again.
      if (blank && (c.kind === 'step' || c.kind === 'back')) setBlank(false);
      else if (opening && (c.kind === 'step' || c.kind === 'back')) setOpening(false);
      else if (c.kind === 'blank') setBlank(!blank);
      else if (c.kind === 'present') setPresenter(c.on);
      else if (c.kind === 'step') {
        if (!(c.page && pageNarration(true))) step();
      } else if (c.kind === 'back') {
        if (!(c.page && pageNarration(false))) backOrOpening();
      }
      else if (c.kind === 'seek') seek(c.cursor);
      else if (c.kind === 'inject') inject(c.id);
    },
  });

  // What ended: an Autopilot Reset is no deployment (its narration says 'The reset failed'; the box said 'Deployment failed').
  const ran = insight.scenario === 'reset' ? 'Reset' : 'Deployment';
  const outcomeBox = atEnd
    ? html`<div class=${`outcome outcome-${o.status}`} data-testid="outcome">
        <b>${o.status === 'succeeded' ? `${ran} succeeded` : o.status === 'failed' ? `${ran} failed` : o.status === 'fell-back-to-oobe' ? 'No Autopilot: standard OOBE' : 'Stopped'}</b>
        ${o.errorCode ? html` · <${FaultCode} code=${o.errorCode} />` : null}
        ${o.failedPhase ? html` · in ${phaseLabel(o.failedPhase)}` : null}
        ${' · '}${formatMinutes(o.elapsedMinutes)} after power on
        ${o.endUserMinutes ? html` · end user ${formatMinutes(o.endUserMinutes)}` : null}
        ${o.technicianMinutes ? html` · technician ${formatMinutes(o.technicianMinutes)}` : null}
        ${expect && !session.injections.length
          ? html`<${AsExpected} expect=${expect} outcome=${o} />`
          : null}
        ${o.findings?.length
          ? html`<div class="outcome-findings" data-testid="outcome-findings">
              with ${o.findings.length === 1 ? 'a finding' : `${o.findings.length} findings`}:
              <ul>${o.findings.map((f) => html`<li data-finding=${f}><code>${f}</code> ${findingText(f)}</li>`)}</ul>
            </div>`
          : null}
      </div>`
    : null;

  const chart = html`<${Chart}
    scenario=${insight.scenario}
    join=${joinOf(session, insight)}
    active=${entry.state}
    visited=${visitedUpTo(session.trace, cursor)}
    available=${possible.map((p) => p.id)}
    clickable=${possible.filter((p) => p.action).map((p) => p.id)}
    taken=${takenUpTo(insight, cursor)}
    failed=${failedPath}
    presenter=${presenter}
    onChoose=${chooseEvent}
  />`;
  const stage = html`<div class="col-stage">
    <div class="device-wrap" data-testid="device-wrap"><${DeviceScreen} model=${screen} /></div>
    <${Narration} session=${session} insight=${insight} possible=${possible} onChoose=${choose} outcome=${outcomeBox} />
  </div>`;
  const hasLesson = Boolean(taught);
  /**
   * The lesson's expected code has been on the screen: the lesson card may name it. Only a lesson hides its ending
   * until the run shows it: a failure or regression file is opened to see that failure, and its cards say what it is.
   */
  const expectedCode = hasLesson ? (expect?.errorCode ?? null) : null;
  const codeShown = !expectedCode || session.trace.slice(0, cursor + 1).some((e) => e.code?.toLowerCase() === expectedCode.toLowerCase());
  const drawer = html`<div class="drawer" data-testid="drawer">
    <${NowPanel} faults=${faults} choices=${choices} wait=${entry.wait} suggested=${suggested} onInject=${inject} highlight=${flash} hiddenCode=${codeShown ? null : expectedCode} ended=${atEnd} />
    <section class="panel tabbed">
      <div class="tabs drawer-tabs" role="tablist">
        ${hasLesson ? html`<button type="button" role="tab" aria-selected=${tab === 'lesson'} data-testid="tab-lesson" onClick=${() => setTab('lesson')}>Lesson</button>` : null}
        <button type="button" role="tab" aria-selected=${tab === 'log' || (tab === 'lesson' && !hasLesson)} data-testid="tab-log" onClick=${() => setTab('log')}>Event log</button>
        <button type="button" role="tab" aria-selected=${tab === 'inspector'} data-testid="tab-inspector" title="The machine's context, the last event, what Intune records (i)" onClick=${() => setTab('inspector')}>Inspector</button>
      </div>
      <div class="tab-body">
        ${tab === 'lesson' && hasLesson
          ? html`<${LessonCard} taught=${taught!} suggestedNow=${faults.map((f) => f.id)} revealed=${codeShown} />`
          : tab === 'inspector'
            ? html`<${Inspector} session=${session} insight=${insight} cursor=${Math.min(cursor, session.trace.length - 1)} />`
            : html`<${EventLog} trace=${session.trace} cursor=${Math.min(cursor, session.trace.length - 1)} onSeek=${(i: number) => {
                setPlaying(false);
                seek(i);
              }} />`}
      </div>
    </section>
  </div>`;

  const layoutClass = ['app', compare ? 'comparing' : '', presenter ? 'presenter' : '', presenter ? `chart-${presenterChart}` : ''].filter(Boolean).join(' ');
  return html`<div class=${layoutClass} data-testid="studio" data-scenario=${session.env.scenario}>
    <header class="topbar">
      <div class="brand"><span class="logo"><i></i><i></i><i></i><i></i></span> <span class="brand-name">autopilot-sim <b>studio</b></span></div>
      <div class="run-info">
        <div class="run-title" data-testid="run-title" title=${run.title}>${run.title}</div>
        <div class="run-meta">
          ${session.injections.length ? html`<span class="injected" data-testid="injected">${session.injections.length} ${session.injections.length === 1 ? 'change' : 'changes'} made</span>` : null}
          <span>${session.env.scenario}</span><span data-testid="run-join">${joinOf(session, insight) === 'hybrid' ? 'hybrid join' : 'Entra join'}</span><span>${session.env.hardware.kind === 'vm' ? 'VM' : 'physical'}, TPM ${session.env.hardware.tpm}</span><span>seed ${session.seed}</span>
        </div>
      </div>
      <nav class="actions">
        <button type="button" data-testid="open-picker" title="Open a lesson, a scenario file, or build one (o)" onClick=${() => setPicker(true)}>Open…</button>
        <button type="button" data-testid="open-compare" class=${compare ? 'on' : ''} title="Side by side (c)" onClick=${openCompare}>Side by side</button>
        <button type="button" data-testid="export-run" title="Save this run as a file" onClick=${exportRun}>Export</button>
        <button type="button" data-testid="import-run" title="Open a run file or a scenario file; several chosen at once are a course, which Open… lists" onClick=${() => fileInput.current?.click()}>Import</button>
        <input type="file" multiple accept=".json,application/json,.yaml,.yml" data-testid="import-file" ref=${fileInput} onChange=${importRun} hidden />
        <button type="button" data-testid="share-link" title="A link that reproduces this run" onClick=${share}>Share link</button>
        <button type="button" data-testid="presenter-toggle" class=${presenter ? 'on' : ''} aria-pressed=${presenter} title="Large type for a projector (p)" onClick=${togglePresenter}>Presenter</button>
        ${presenter
          ? html`<button type="button" data-testid="presenter-chart" aria-pressed=${presenterChart === 'large'} title="Show or hide the chart (g)" onClick=${() => setPresenterChart(presenterChart === 'hidden' ? 'large' : 'hidden')}>Chart</button>`
          : null}
        <button type="button" data-testid="open-notes" title="Speaker notes in a second window; this window shows what the class sees (n)" onClick=${openNotes}>Presenter's view</button>
        <button type="button" data-testid="help-toggle" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" onClick=${() => setHelp(true)}>?</button>
      </nav>
    </header>
    ${message
      ? html`<div class=${`banner banner-${message.kind}`} role=${message.kind === 'error' ? 'alert' : 'status'} data-testid=${message.kind === 'error' ? 'import-error' : 'info-message'}>
          ${message.text}
          <button type="button" class="link" onClick=${() => setMessage(null)} aria-label="Dismiss">✕</button>
        </div>`
      : null}
    ${shareUrl ? html`<div class="banner banner-info share"><label>Link to this run: <input readonly data-testid="share-url" value=${shareUrl} onFocus=${(e: Event) => (e.target as HTMLInputElement).select()} /></label><button type="button" class="link" onClick=${() => setShareUrl(null)}>✕</button></div>` : null}
    ${compare
      ? html`<${CompareView}
          a=${side(run, insight)}
          b=${compare.b && bInsight ? side(compare.b, bInsight) : null}
          bSource=${compare.source}
          forkLabel=${forkParent?.label ?? null}
          cursor=${cursor}
          difference=${difference}
          error=${compare.error}
          hiddenCode=${codeShown ? null : expectedCode}
          onSource=${chooseB}
          onSeek=${(i: number) => {
            setPlaying(false);
            seek(i);
          }}
          onClose=${closeCompare}
        />`
      : html`<main class="workspace">
          ${presenter && presenterChart === 'hidden' ? null : html`<div class="col-chart">${chart}${presenter ? null : drawer}</div>`}
          ${stage}
        </main>`}
    <footer class="bottom">
      <${Transport}
        cursor=${cursor}
        length=${length}
        playing=${playing}
        speed=${speed}
        clock=${playing ? clock : entry.at}
        marks=${difference !== null ? [difference] : []}
        onPlay=${togglePlay}
        onStep=${step}
        onBack=${back}
        onSeek=${(i: number) => {
          setPlaying(false);
          seek(i);
        }}
        onSpeed=${setSpeed}
      />
      <p class="sr-only" role="status" aria-atomic="true" data-testid="step-announce">${stepAnnouncement(cursor, length, entry)}</p>
    </footer>
    ${picker
      ? html`<${Picker}
          current=${openInCourse()}
          switches=${switches}
          onSwitches=${setSwitches}
          onPick=${pickBundled}
          course=${course}
          onPickCourse=${pickCourse}
          onBuild=${buildRun}
          onClose=${() => setPicker(false)}
          error=${pickerError}
        />`
      : null}
    ${help ? html`<${Help} onClose=${() => setHelp(false)} />` : null}
    ${opening && cursor === 0 && taught
      ? html`<${LessonOpening} lesson=${taught.lesson} hiddenCode=${codeShown ? null : expectedCode} onClose=${() => setOpening(false)} />`
      : null}
    ${blank ? html`<div class="blank-screen" data-testid="blank-screen" title="Any key or a click shows the studio again" onClick=${() => setBlank(false)}></div>` : null}
    ${presenter && presenterFaults
      ? html`<${FaultsDialog} faults=${faults} choices=${choices} wait=${entry.wait} suggested=${suggested} onInject=${inject} hiddenCode=${codeShown ? null : expectedCode} ended=${atEnd} onClose=${() => setPresenterFaults(false)} />`
      : null}
  </div>`;
}

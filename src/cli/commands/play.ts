// play: the studio's walk-through in a terminal. Keys: → / space / n / Page Down step, ← / b / Page Up back, Home End first/last,
// f faults and choices (Try again…), 1-9 inject or choose the numbered one, l a lesson's questions, ? the keys again, q quit. --auto plays it unattended.
import pc from 'picocolors';
import { isChoice, Session } from '../../engine/session.ts';
import { FAULT_IDS } from '../../catalog/faults.ts';
import type { Fault } from '../../world/failure-modes.ts';
import type { TraceEntry } from '../../engine/simulate.ts';
import { environmentOf } from '../../environment/load.ts';
import { displayPath } from '../../environment/files.ts';
import { readScenarioNoted } from './simulate.ts';
import { closest } from '../../environment/spelling.ts';
import { inNoticeState } from '../../environment/notice.ts';
import { findingText } from '../../catalog/findings.ts';
import { clock, eventLabel, renderOutcome, saidCode, WHO } from '../../report/timeline.ts';
import { maskedEnding } from '../../studio/ending.ts';
import { phaseLabel } from '../../catalog/phases.ts';
import type { Screen } from '../../catalog/vocabulary.ts';
import { humanize } from '../../studio/layout.ts';
import { screenShown } from '../../studio/screen-shown.ts';
import { wrap } from '../../format.ts';
import { EXIT, UsageError, type Io } from '../io.ts';

export interface PlayOptions {
  seed?: number;
  auto?: boolean;
  /** Virtual time compression: 60 plays a 60-minute ESP in a minute. */
  speed?: number;
  /** Faults to inject on the way, by id, when the state allows them (auto mode). */
  inject?: string[];
}


/**
 * What the person at the device sees, in words, as the studio draws it (one entry a screen the machines name: a screen
 * added to src/catalog/vocabulary.ts without words here fails the type check). 'screen: esp' and 'screen:
 * preProvisionConfig' gave the machines' ids.
 */
const SCREEN_WORDS: Record<Screen, string> = {
  off: 'the device is off',
  oobeStart: 'OOBE: Just a moment…',
  oobeRegion: 'OOBE: region and keyboard',
  oobeNetwork: 'OOBE: connect to a network',
  oobeWorking: 'OOBE: Just a moment…',
  oobeUpdates: 'OOBE: checking for updates',
  restarting: 'restarting',
  oobePages: 'OOBE pages',
  standardOobe: 'ordinary OOBE, no Autopilot',
  entraSignIn: 'the work account sign-in page',
  esp: 'the Enrollment Status Page',
  espError: 'the ESP error page',
  espSignOut: 'the ESP asks the user to sign out',
  technicianRed: "the technician's red screen",
  technicianGreen: "the technician's green screen",
  winKey5: 'What would you like to do?',
  preProvisionConfig: 'Windows Autopilot configuration (the QR code)',
  qualityUpdates: 'quality updates installing',
  windowsLogon: 'the Windows sign-in screen',
  desktop: 'the desktop',
  lockScreen: 'the lock screen',
  resetSignIn: 'the sign-in screen before a local reset',
  resetting: 'resetting',
  taskSequence: 'the task sequence progress',
  devicePreparation: 'device preparation: the percentage ring',
  devicePreparationComplete: 'Required setup complete',
  devicePreparationError: "device preparation's installation error",
  cloudPcStatus: "the Cloud PC's status in Windows 365",
};

/** Where the device is, in the chart's words: the state's title, its phase as the reports name it, and its screen. */
function whereNow(t: TraceEntry): string {
  const leaf = t.state.split('.').pop()!;
  const phase = t.phase ? phaseLabel(t.phase) : '';
  return `${pc.bold(humanize(leaf))}${phase && phase !== humanize(leaf) ? pc.dim(`  (${phase})`) : ''}${t.screen ? pc.dim(`  on screen: ${SCREEN_WORDS[screenShown(t)]}`) : ''}`;
}

/**
 * One step as play prints it: `index` of `steps` counted as the studio and the outcome count them (power on is step 0);
 * `before`, the step before, whose state's wait words the event as it arrived there.
 */
export function describeEntry(t: TraceEntry, index: number, steps: number, width?: number, before?: TraceEntry): string {
  const lines = [
    `${pc.dim(`[${index}/${steps}]`)} ${pc.dim(clock(t.at))}  ${(WHO[t.source] ?? pc.white)(t.source)}  ${pc.bold(eventLabel(t.event, t.source, before?.wait))}${t.detail ? `  ${t.detail}` : ''}${t.code ? `  ${saidCode(t.code)}` : ''}`,
    `  now: ${whereNow(t)}`,
  ];
  if (t.cause) lines.push(`  ${pc.dim(`cause: ${t.cause}`)}`);
  if (t.finding) lines.push(`  ${pc.yellow(`finding ${t.finding}: ${findingText(t.finding)}`)}`);
  if (t.narration) lines.push(`  ${t.narration}`);
  // Folded at spaces to the terminal's width: a step stays readable at 80 columns, its continuations indented.
  return lines.map((l, i) => wrap(l, width, i === 0 ? 2 : 4)).join('\n');
}

/**
 * What can happen now, numbered for 1-9: the faults, then the choices a person or the world can make instead (Try
 * again, Reset device, Continue anyway, a network that needs setting up), as the studio's panel and notes offer them;
 * a lesson's suggested faults marked. The terminal offered only the faults: at an ESP error page it said no fault can
 * happen, where the studio lets the class press Try again.
 */
function faultMenu(session: Session, suggested: readonly string[], width?: number, hidden: string | null = null): string {
  const changes = session.changesFor(session.current);
  if (!changes.length) return pc.dim('  nothing else can happen in this state');
  // A lesson's own code stays unsaid until the run shows it, as the studio's fault cards have it: lesson 04's menu read
  // 'Intune Connector for AD down (0x80070774)' before the class had seen the error.
  // A failure Microsoft documents no code for reads as the studio's card has it: 'Clock skew of many minutes (CLOCK_SKEW)'
  // read as a code a device shows.
  const said = (code: string) =>
    hidden && code.toLowerCase() === hidden.toLowerCase() ? maskedEnding(hidden).text : saidCode(code, String);
  return wrap(
    changes
      .map((f, i) => {
        // A fault against the set-up (a VM's on a physical device) is offered for a what-if, and said to be one, as in the studio.
        const against = isChoice(f.id) ? [] : session.setUpAgainst(f);
        return `  ${i + 1}. ${f.label}${f.code ? ` (${said(f.code)})` : ''}${isChoice(f.id) ? pc.dim('  a choice: forks the run') : ''}${suggested.includes(f.id) ? pc.dim('  suggested by the lesson') : ''}${against.length ? pc.dim(`  what if: not this set-up, which has ${against.join(', ')}`) : ''}`;
      })
      .join('\n'),
    width,
    5,
  );
}

/** What a fault or a choice made now says: a fault strikes, a choice is made. */
function changeMade(f: Fault, hidden: string | null = null): string {
  const code = f.code && !(hidden && f.code.toLowerCase() === hidden.toLowerCase()) ? ` (${saidCode(f.code)})` : '';
  return isChoice(f.id) ? pc.green(`  → chosen: ${f.label}`) : pc.red(`  ⚡ injected: ${f.label}${code}`);
}

/** After a fault the run takes another path: say how long it now is, so the step counter's new total is no surprise. */
function lengthChange(before: number, after: number): string {
  return pc.dim(before === after ? `  the run is still ${after} steps long` : `  the run now takes another path: ${after} steps instead of ${before}`);
}

/** Home and End as terminals send them (xterm, its application mode, and the VT220 codes of Linux's console and tmux). */
const HOME = ['\u001b[H', '\u001bOH', '\u001b[1~', '\u001b[7~'];
const END = ['\u001b[F', '\u001bOF', '\u001b[4~', '\u001b[8~'];

/** One string a key: a held-down arrow, keys typed fast or pasted arrive in one chunk ('\x1b[C\x1b[C'). */
export function splitKeys(chunk: string): string[] {
  return chunk.match(/\x1b\[[0-9;]*[A-Za-z~]|\x1bO[A-Za-z]|\x1b|[\s\S]/gu) ?? [];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Keys from a raw-mode terminal, one string per key press. */
async function* terminalKeys(): AsyncGenerator<string> {
  const stdin = process.stdin;
  stdin.setRawMode?.(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    for await (const chunk of stdin) yield* splitKeys(String(chunk));
  } finally {
    stdin.setRawMode?.(false);
    stdin.pause();
  }
}

export async function playCommand(io: Io, file: string, opts: PlayOptions, keys?: AsyncIterable<string>): Promise<number> {
  // An option that only the unattended run reads is a mistake without it, not something to ignore.
  if (!opts.auto && opts.speed !== undefined) throw new UsageError('--speed: only with --auto (stepping by keys has no clock to speed up)');
  if (!opts.auto && opts.inject?.length) throw new UsageError('--inject: only with --auto; stepping by keys, f lists the faults possible now and 1-9 injects one');
  // Before anything is printed: stepping by keys needs a terminal to read them from.
  if (!opts.auto && !keys && !process.stdin.isTTY) throw new UsageError('play needs an interactive terminal; use --auto to play unattended');
  // A fault id no mode has is a typo, said before the run (it ran to the end and then said 'never possible on this run').
  const known: string[] = [...FAULT_IDS].sort();
  for (const id of opts.inject ?? []) {
    if (known.includes(id) || isChoice(id)) continue;
    // A slip ('tpm-fail') is named with the fault meant, not lost at the head of the 64 there are.
    const meant = closest(id, known);
    throw new UsageError(meant ? `--inject: no fault "${id}": did you mean ${meant}?` : `--inject: no fault "${id}"; the faults: ${known.join(', ')}`);
  }
  const { path, file: scenario } = await readScenarioNoted(io, file);
  const seed = opts.seed ?? scenario.seed ?? 1;
  const session = new Session(environmentOf(scenario), seed, [], scenario.name);
  // Steps as the studio and the outcome count them: power on is step 0, the last entry is the run's last step.
  const steps = () => session.trace.length - 1;
  const show = () => io.out(describeEntry(session.current, session.cursor, steps(), io.columns, session.trace[session.cursor - 1]));
  const suggested = scenario.lesson?.suggestedFaults ?? [];
  // How a lesson ends stays hidden until the run shows its code (the studio's rule).
  const expected = scenario.lesson ? (scenario.expect?.errorCode ?? null) : null;
  const hidden = () => (expected && !session.trace.slice(0, session.cursor + 1).some((t) => t.code?.toLowerCase() === expected.toLowerCase()) ? expected : null);
  // As the studio's list names it (a lesson by its title), then the file and seed that replay this run, as simulate heads it.
  io.out(wrap(`${pc.bold(scenario.lesson?.title ?? scenario.name ?? displayPath(path))}  ${pc.dim(`${displayPath(path)} · seed ${seed}`)}`, io.columns, 2));
  if (scenario.lesson) io.out(wrap(scenario.lesson.introduction.trim(), io.columns));
  show();

  if (opts.auto) {
    const speed = opts.speed ?? 60;
    if (!(speed > 0)) throw new UsageError('--speed: expected a number above 0');
    const pending = [...(opts.inject ?? [])];
    while (!session.atEnd) {
      const next = pending[0];
      if (next && session.changesFor(session.current).some((f) => f.id === next)) {
        const before = steps();
        const unsaid = hidden();
        const fault = session.inject(next);
        pending.shift();
        io.out(changeMade(fault, unsaid));
        io.out(lengthChange(before, steps()));
      }
      const before = session.current.at;
      session.step();
      await sleep(Math.min(2000, (session.current.at - before) / speed));
      show();
    }
    if (pending.length) io.out(pc.yellow(`  not injected (never possible on this run): ${pending.join(', ')}`));
    io.out('');
    io.out(renderOutcome(session.outcome, session.trace, io.columns));
    return EXIT.ok;
  }

  const input = keys ?? terminalKeys();
  const lesson = scenario.lesson;
  const keysLine = () => wrap(pc.dim(`keys: → space n step · ← b back · Home End first, last · f faults · 1-9 inject${lesson ? ' · l questions' : ''} · ? keys · q quit · a clicker's PgDn PgUp step`), io.columns, 6);
  io.out(keysLine());
  let outcomeShown = false;
  // A step shown, and at the last one the outcome with it, as the studio shows it there (and --auto): it waited for one
  // more →, and End showed the last step alone.
  const arrive = () => {
    outcomeShown = false;
    show();
    if (!session.atEnd) return;
    io.out('');
    io.out(renderOutcome(session.outcome, session.trace, io.columns));
    outcomeShown = true;
  };
  for await (const key of input) {
    if (key === 'q' || key === '\u0004') break; // Ctrl-D, as a shell ends
    // Raw mode reads Ctrl-C as a key: it still ends the command as an interrupt does (130), the terminal restored.
    if (key === '\u0003') {
      io.err('autopilot-sim: interrupted');
      return EXIT.interrupted;
    }
    // A presentation clicker sends Page Down and Page Up (\x1b[6~, \x1b[5~).
    if (key === ' ' || key === 'n' || key === '\u001b[C' || key === '\u001b[6~') {
      if (session.step()) arrive();
      else if (!outcomeShown) {
        io.out(renderOutcome(session.outcome, session.trace, io.columns));
        outcomeShown = true;
      } else io.out(pc.dim('  the run has ended: ← to go back, q to quit'));
    } else if (key === 'b' || key === '\u001b[D' || key === '\u001b[5~') {
      if (session.back()) {
        outcomeShown = false;
        io.out(pc.dim('← back'));
        show();
      } else io.out(pc.dim('  this is the first step'));
    } else if (HOME.includes(key) || END.includes(key)) {
      // As in the studio: Home the first step, End the last (a trainer going back to the start to play it again).
      const to = HOME.includes(key) ? 0 : steps();
      if (session.cursor === to) io.out(pc.dim(to === 0 ? '  this is the first step' : '  this is the last step'));
      else {
        session.seek(to);
        arrive();
      }
    } else if (key === '?' || key === 'h') {
      io.out(keysLine());
    } else if (key === 'l' && lesson) {
      // The studio's presenter notes hold a lesson's questions; a trainer with only a terminal asks for them.
      const questions = lesson.questions.map((q, i) => `  ${i + 1}. ${q}`);
      // What to point out, each at its state (the presenter's view shows it at those steps); the ones for this step marked.
      const notice = lesson.notice.map((n) => `  ${inNoticeState(session.current.state, n.at) ? pc.bold('now ') : ''}${humanize(n.at.split('.').pop()!)}: ${n.text}`);
      io.out(wrap([pc.bold('Questions for the class:'), ...questions, ...(notice.length ? [pc.bold('What to notice:'), ...notice] : []), ...(lesson.mirrors ? [pc.dim(`  Mirrors: ${lesson.mirrors}`)] : [])].join('\n'), io.columns, 5));
    } else if (key === 'f') {
      io.out(faultMenu(session, suggested, io.columns, hidden()));
    } else if (/^[1-9]$/.test(key)) {
      const fault = session.changesFor(session.current)[Number(key) - 1];
      if (!fault) {
        io.out(pc.dim(`  no fault ${key} in this state (f lists them)`));
        continue;
      }
      const before = steps();
      const unsaid = hidden();
      session.inject(fault.id);
      outcomeShown = false;
      io.out(`${changeMade(fault, unsaid)}${isChoice(fault.id) ? '; step on to see where it leads' : '; step on to see what breaks'}`);
      io.out(lengthChange(before, steps()));
    }
  }
  return EXIT.ok;
}

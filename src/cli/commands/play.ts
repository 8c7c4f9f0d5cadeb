// play: the studio's walk-through in a terminal. Keys: → / space / n step, ← / b back,
// f faults, 1-9 inject the numbered fault, q quit. --auto plays it unattended.
import pc from 'picocolors';
import { isChoice, Session } from '../../engine/session.ts';
import { FAULTS_BY_WAIT } from '../../world/failure-modes.ts';
import type { TraceEntry } from '../../engine/simulate.ts';
import { environmentOf } from '../../environment/load.ts';
import { readScenario } from '../../environment/files.ts';
import { findingText } from '../../catalog/findings.ts';
import { clock, renderOutcome, stateLabel } from '../../report/timeline.ts';
import { EXIT, UsageError, type Io } from '../io.ts';

export interface PlayOptions {
  seed?: number;
  auto?: boolean;
  /** Virtual time compression: 60 plays a 60-minute ESP in a minute. */
  speed?: number;
  /** Faults to inject on the way, by id, when the state allows them (auto mode). */
  inject?: string[];
}

const WHO: Record<string, (s: string) => string> = { world: pc.cyan, user: pc.green, technician: pc.magenta, admin: pc.yellow, timer: pc.red, engine: pc.dim };

export function describeEntry(t: TraceEntry, index: number, total: number): string {
  const lines = [
    `${pc.dim(`[${index + 1}/${total}]`)} ${pc.dim(clock(t.at))}  ${(WHO[t.source] ?? pc.white)(t.source)}  ${pc.bold(t.event)}${t.detail ? `  ${t.detail}` : ''}${t.code ? `  ${pc.red(t.code)}` : ''}`,
    `  now: ${pc.bold(stateLabel(t.state))}${t.phase ? pc.dim(`  (phase: ${t.phase})`) : ''}${t.screen ? pc.dim(`  screen: ${t.screen}`) : ''}`,
  ];
  if (t.cause) lines.push(`  ${pc.dim(`cause: ${t.cause}`)}`);
  if (t.finding) lines.push(`  ${pc.yellow(`finding ${t.finding}: ${findingText(t.finding)}`)}`);
  if (t.narration) lines.push(`  ${t.narration}`);
  return lines.join('\n');
}

function faultMenu(session: Session): string {
  const faults = session.faults;
  if (!faults.length) return pc.dim('  no fault can happen in this state');
  return faults.map((f, i) => `  ${i + 1}. ${f.label}${f.code ? ` (${f.code})` : ''}`).join('\n');
}

/** After a fault the run takes another path: say how long it now is, so the step counter's new total is no surprise. */
function lengthChange(before: number, after: number): string {
  return pc.dim(before === after ? `  the run is still ${after} steps long` : `  the run now takes another path: ${after} steps instead of ${before}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Keys from a raw-mode terminal, one string per key press. */
async function* terminalKeys(): AsyncGenerator<string> {
  const stdin = process.stdin;
  stdin.setRawMode?.(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    for await (const chunk of stdin) yield String(chunk);
  } finally {
    stdin.setRawMode?.(false);
    stdin.pause();
  }
}

export async function playCommand(io: Io, file: string, opts: PlayOptions, keys?: AsyncIterable<string>): Promise<number> {
  // Before anything is printed: stepping by keys needs a terminal to read them from.
  if (!opts.auto && !keys && !process.stdin.isTTY) throw new UsageError('play needs an interactive terminal; use --auto to play unattended');
  // A fault id no mode has is a typo, said before the run (it ran to the end and then said 'never possible on this run').
  const known = [...new Set(Object.values(FAULTS_BY_WAIT).flatMap((fs) => fs.map((f) => f.id)))].sort();
  for (const id of opts.inject ?? []) {
    if (known.includes(id) || isChoice(id)) continue;
    throw new UsageError(`--inject: no fault "${id}"; the faults: ${known.join(', ')}`);
  }
  const { file: scenario } = readScenario(file);
  const session = new Session(environmentOf(scenario), opts.seed ?? scenario.seed ?? 1, [], scenario.name);
  const total = () => session.trace.length;
  io.out(`${pc.bold(scenario.name ?? file)}${scenario.lesson && scenario.lesson.title !== scenario.name ? `  ${pc.dim(scenario.lesson.title)}` : ''}`);
  if (scenario.lesson) io.out(scenario.lesson.introduction.trim());
  io.out(describeEntry(session.current, 0, total()));

  if (opts.auto) {
    const speed = opts.speed ?? 60;
    if (!(speed > 0)) throw new UsageError('--speed: expected a number above 0');
    const pending = [...(opts.inject ?? [])];
    while (!session.atEnd) {
      const next = pending[0];
      if (next && session.faults.some((f) => f.id === next)) {
        const before = total();
        const fault = session.inject(next);
        pending.shift();
        io.out(pc.red(`  ⚡ injected: ${fault.label}`));
        io.out(lengthChange(before, total()));
      }
      const before = session.current.at;
      session.step();
      await sleep(Math.min(2000, (session.current.at - before) / speed));
      io.out(describeEntry(session.current, session.cursor, total()));
    }
    if (pending.length) io.out(pc.yellow(`  not injected (never possible on this run): ${pending.join(', ')}`));
    io.out('');
    io.out(renderOutcome(session.outcome, session.trace));
    return EXIT.ok;
  }

  const input = keys ?? terminalKeys();
  io.out(pc.dim('keys: → space n step · ← b back · f faults · 1-9 inject · q quit'));
  for await (const key of input) {
    if (key === 'q' || key === '\u0003') break;
    if (key === ' ' || key === 'n' || key === '\u001b[C') {
      if (session.step()) io.out(describeEntry(session.current, session.cursor, total()));
      else {
        io.out(renderOutcome(session.outcome, session.trace));
      }
    } else if (key === 'b' || key === '\u001b[D') {
      if (session.back()) io.out(`${pc.dim('← back')}\n${describeEntry(session.current, session.cursor, total())}`);
    } else if (key === 'f') {
      io.out(faultMenu(session));
    } else if (/^[1-9]$/.test(key)) {
      const fault = session.faults[Number(key) - 1];
      if (fault) {
        const before = total();
        session.inject(fault.id);
        io.out(pc.red(`  ⚡ injected: ${fault.label}; step on to see what breaks`));
        io.out(lengthChange(before, total()));
      }
    }
  }
  return EXIT.ok;
}

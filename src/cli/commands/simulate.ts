// simulate, validate, scenarios: one device, one file at a time.
import pc from 'picocolors';
import { simulate, type TraceEntry } from '../../engine/simulate.ts';
import { InputError, environmentOf, parseScenario, parseText } from '../../environment/load.ts';
import { bundledScenarios, displayPath, readInputText, readScenario, resolveScenarioPath, BUNDLED_DIR } from '../../environment/files.ts';
import type { ScenarioFile } from '../../environment/schema.ts';
import { renderOutcome, renderTimeline } from '../../report/timeline.ts';
import { wrap } from '../../format.ts';
import { EXIT, UsageError, type Io } from '../io.ts';

export async function simulateCommand(io: Io, arg: string, opts: { seed?: number; json?: boolean; narration: boolean; inspect?: string | boolean; device?: number; devices?: number }): Promise<number> {
  if (opts.device !== undefined) return replayCommand(io, arg, { ...opts, device: opts.device });
  if (opts.devices !== undefined) throw new UsageError('--devices: only with --device (the fleet\'s size when replaying one of its devices)');
  const { path, file } = await readScenarioNoted(io, arg);
  const seed = opts.seed ?? file.seed ?? 1;
  if (opts.inspect) {
    if (opts.json) throw new UsageError('--json: not with --inspect (the run goes to the inspector as its events; without --inspect, --json prints it)');
    const { inspectRun } = await import('./inspect.ts');
    return inspectRun(io, environmentOf(file), seed, opts.inspect === true ? 'ws://127.0.0.1:8080' : opts.inspect);
  }
  const result = simulate(environmentOf(file), { seed });
  if (opts.json) {
    // --no-narration leaves the narration out of the JSON too.
    io.out(JSON.stringify({ ...result, trace: jsonTrace(result.trace, opts.narration) }));
    return EXIT.ok;
  }
  io.out(wrap(`${pc.bold(file.name ?? displayPath(path))}  ${pc.dim(`${displayPath(path)} · seed ${seed}`)}`, io.columns, 2));
  if (file.description) io.out(wrap(pc.dim(file.description.trim()), io.columns));
  io.out('');
  io.out(renderTimeline(result.trace, { narration: opts.narration, width: io.columns }));
  io.out('');
  io.out(renderOutcome(result.outcome, result.trace, io.columns));
  return EXIT.ok;
}

/**
 * The scenario file simulate and play run, with run's note on standard error where it sets nothing (empty, only
 * comments, {}): it is the default environment by design, and they played it without a word.
 */
export async function readScenarioNoted(io: Io, arg: string): Promise<{ path: string; file: ScenarioFile }> {
  const input = readInputText(arg);
  const file = parseScenario(input.name, input.text, bundledScenarios());
  const { setsNothingIn } = await import('../../fleet/index.ts');
  if (setsNothingIn(parseText(input.name, input.text).raw)) {
    const { defaultsNote } = await import('./fleet.ts');
    io.err(wrap(defaultsNote(displayPath(input.path), 1), io.errColumns, 2));
  }
  return { path: input.path, file };
}

/** The trace as --json prints it: --no-narration leaves each step's narration out there too. */
function jsonTrace(trace: readonly TraceEntry[], narration: boolean): ReadonlyArray<Partial<TraceEntry>> {
  return narration ? trace : trace.map(({ narration: _n, ...t }) => t);
}

/** One device of a fleet (or of a scenario file run as a fleet), replayed step by step as `run` counted it. */
async function replayCommand(io: Io, arg: string, opts: { seed?: number; json?: boolean; narration: boolean; inspect?: string | boolean; device: number; devices?: number }): Promise<number> {
  if (opts.inspect) throw new UsageError('--inspect: not with --device (a replayed device shares its fleet\'s links and connector, which live actors do not model)');
  const { loadFleet, replayFleetDevice } = await import('../../fleet/index.ts');
  const path = resolveScenarioPath(arg);
  const fleet = loadFleet(path);
  const { noteDefaults } = await import('./fleet.ts');
  noteDefaults(io, arg, fleet, opts.devices);
  let d;
  try {
    d = await replayFleetDevice(fleet, opts.device, { ...(opts.devices ? { devices: opts.devices } : {}), ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`--device: ${e.message}${opts.devices ? '' : ' (--devices sets the fleet\'s size, as given to run)'}`);
    throw e;
  }
  if (opts.json) {
    io.out(JSON.stringify({ device: { index: d.index, devices: d.devices, group: d.group, site: d.site, startHour: d.startHour, seed: d.seed }, trace: jsonTrace(d.trace, opts.narration), outcome: d.outcome, durationsNote: d.durationsNote }));
    return EXIT.ok;
  }
  const where = [`device ${d.index} of ${d.devices}`, fleet.groups.length > 1 ? `group ${d.group}` : '', fleet.sites.length > 1 ? `site ${d.site}` : '', d.startHour > 0 ? `starts at hour ${d.startHour.toFixed(1)} of the rollout` : '', `seed ${d.seed}`];
  io.out(wrap(`${pc.bold(fleet.name ?? displayPath(path))}  ${pc.dim(`${displayPath(path)} · ${where.filter(Boolean).join(' · ')}`)}`, io.columns, 2));
  io.out('');
  io.out(renderTimeline(d.trace, { narration: opts.narration, width: io.columns }));
  io.out('');
  io.out(renderOutcome(d.outcome, d.trace, io.columns));
  return EXIT.ok;
}

/**
 * The files `validate` checks: each argument, a folder standing for its own .yaml, .yml and .json files (not those in
 * its subfolders), in name order; a folder with none is named as such ({ empty }).
 */
async function filesIn(args: string[]): Promise<Array<string | { empty: string }>> {
  const { readdirSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  return args.flatMap<string | { empty: string }>((arg) => {
    let folder = false;
    try {
      folder = statSync(arg).isDirectory();
    } catch {
      // Not a path here: a bundled name, or a file that is not there, which reading it tells.
    }
    if (!folder) return [arg];
    const found = readdirSync(arg, { withFileTypes: true })
      .filter((e) => !e.isDirectory() && /\.(ya?ml|json)$/i.test(e.name))
      .map((e) => join(arg, e.name))
      .sort();
    return found.length ? found : [{ empty: arg }];
  });
}

export async function validateCommand(io: Io, files: string[]): Promise<number> {
  const { isFleetData, loadFleet, setsNothingIn } = await import('../../fleet/index.ts');
  const { defaultsNote } = await import('./fleet.ts');
  let code: number = EXIT.ok;
  for (const f of await filesIn(files)) {
    if (typeof f !== 'string') {
      io.err(wrap(`${pc.red('invalid')}  ${f.empty}: expected scenario or fleet files (.yaml, .yml, .json) in this folder, found none`, io.errColumns, 9));
      code = EXIT.usage;
      continue;
    }
    try {
      // Read once: a FIFO, /dev/stdin or `-` can be read only once.
      const input = readInputText(f);
      if (isFleetData(parseText(input.name, input.text).raw)) {
        const fleet = loadFleet(input.name, input.text);
        io.out(wrap(`${pc.green('ok')}  ${displayPath(input.path)}  ${pc.dim(`fleet: ${fleet.groups.length} group(s), ${fleet.sites.length} site(s)`)}`, io.columns, 4));
        continue;
      }
      const raw = parseText(input.name, input.text).raw;
      const file = parseScenario(input.name, input.text, bundledScenarios());
      io.out(wrap(`${pc.green('ok')}  ${displayPath(input.path)}  ${pc.dim(`${file.scenario}, ${file.profile.joinType} join`)}`, io.columns, 4));
      // Valid, and the default environment: said, as run says it (an empty file validated as any other).
      if (setsNothingIn(raw)) io.err(wrap(defaultsNote(displayPath(input.path)), io.errColumns, 2));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      // In the file's order (a problem with no line, about the whole file, first): validation finds them kind by kind, and
      // a file of six slips read lines 8, 19, 5, 13, 22, 23.
      const problems = [e, ...e.others].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      for (const problem of problems) io.err(wrap(`${pc.red('invalid')}  ${problem.message}`, io.errColumns, 9));
      code = EXIT.usage;
    }
  }
  return code;
}

/** The folders of scenarios/ as `scenarios` lists them; the regression files (the test suite's counterexamples) only with --all. */
const GROUPS: ReadonlyArray<{ folder: string; title: string; all?: true }> = [
  { folder: 'lessons', title: 'Lessons, to play in front of a class: how each ends stays hidden until the run shows it (autopilot-sim play lessons/<name>)' },
  { folder: '', title: 'Scenarios (autopilot-sim simulate <name>, play <name>)' },
  { folder: 'failures', title: 'Failures: what each shows' },
  { folder: 'fleets', title: 'Fleets (autopilot-sim run fleets/<name>)' },
  { folder: 'regressions', title: 'Regressions: the test suite\'s counterexamples', all: true },
];

export async function scenariosCommand(io: Io, opts: { json?: boolean; all?: boolean }): Promise<number> {
  const { isFleetFile, loadFleet } = await import('../../fleet/index.ts');
  const rows = bundledScenarios().map((rel) => {
    const path = `${BUNDLED_DIR}${rel}`;
    if (isFleetFile(path)) {
      const fleet = loadFleet(path);
      return { file: `scenarios/${rel}`, name: fleet.name ?? rel, scenario: 'fleet', expect: null };
    }
    const { file } = readScenario(path);
    return { file: `scenarios/${rel}`, name: file.name ?? rel, scenario: file.scenario, expect: file.expect ?? null };
  });
  if (opts.json) {
    io.out(JSON.stringify(rows));
    return EXIT.ok;
  }
  // Two lines a file: the name to type and what it shows, then its scenario and title. In each group the name column
  // is as wide as its longest name, at most what leaves 40 columns for the outcome (the longest code with 'failed ');
  // a longer name has its line to itself. Nothing is cut; piped, nothing is folded.
  const width = io.columns;
  const listed = rows.map((r) => {
    const bundled = r.file.replace(/^scenarios\//, '').replace(/\.(ya?ml|json)$/, '');
    const folder = bundled.includes('/') ? bundled.slice(0, bundled.indexOf('/')) : '';
    const lesson = folder === 'lessons';
    const shows = r.expect && (!lesson || opts.all) ? `${r.expect.status}${r.expect.errorCode ? ` ${r.expect.errorCode}` : ''}${r.expect.findings?.length ? ` with ${r.expect.findings.join(', ')}` : ''}` : '';
    const title = r.name === bundled.slice(folder ? folder.length + 1 : 0) ? '' : r.name;
    return { bundled, folder, shows, about: [r.scenario === 'fleet' ? '' : r.scenario, title].filter(Boolean).join(' · ') };
  });
  const blocks: string[] = [];
  for (const group of GROUPS) {
    if (group.all && !opts.all) continue;
    const inGroup = listed.filter((l) => l.folder === group.folder);
    if (!inGroup.length) continue;
    const longest = Math.max(...inGroup.map((l) => l.bundled.length));
    const column = width ? Math.max(20, Math.min(longest, width - 4 - 40)) : longest;
    const lines = [pc.bold(wrap(group.title, width, 2))];
    for (const l of inGroup) {
      const name = l.bundled.length > column ? `  ${l.bundled}\n${' '.repeat(column + 2)}` : `  ${l.bundled.padEnd(column)}`;
      if (l.shows) lines.push(wrap(`${name}  ${l.shows}`, width, column + 4));
      else lines.push(name.trimEnd());
      if (l.about) lines.push(pc.dim(wrap(`      ${l.about}`, width)));
    }
    blocks.push(lines.join('\n'));
  }
  io.out(blocks.join('\n\n'));
  if (!opts.all) io.out(pc.dim(`\n${wrap('(--all also lists how each lesson ends and the regression files)', width, 1)}`));
  return EXIT.ok;
}

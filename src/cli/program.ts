// The command line: options declared as data with commander; each command imports the
// engine lazily so --help is instant. One error handler: a user's mistake prints one
// clear line and exits 2, never a stack trace. Exit codes: 0 ok, 1 the command ran and
// found a problem (a disagreement, a failed check), 2 bad arguments or input, 70 an internal error (a bug), 74 an output
// could not be written (disk full, no permission, read-only), 128 + n stopped by signal n
// (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).
import { Command, CommanderError, Help } from 'commander';
import pc from 'picocolors';
import { SCENARIO_IDS } from '../catalog/vocabulary.ts';
import { terminalText } from './terminal.ts';
import { wrap } from '../format.ts';
import { slipOf } from '../environment/spelling.ts';

import { EXIT, UsageError, type Io } from './io.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.ts';

/** The version package.json gives: the one fact in one place (`--version` said 0.1.0 on its own). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export { EXIT, UsageError, type Io };

/**
 * What a Node older than package.json's engines (">=20.19") is told, or null when it is recent enough. On Node 16 a
 * command read 'internal error: SyntaxError: The requested module 'node:os' does not provide an export named
 * availableParallelism', a fault of autopilot-sim's own by its words and its exit code (70).
 */
export function engineProblem(version: string = process.versions.node): string | null {
  const range = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node ?? '';
  const least = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!least) return null;
  const need = least.slice(1).map((n) => Number(n ?? 0));
  const have = version.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) > need[i]!) return null;
    if ((have[i] ?? 0) < need[i]!) return `needs Node.js ${range.replace(/^>=\s*/, '')} or later (package.json's engines), and this is Node.js ${version}: install a newer Node.js and run the command with it`;
  }
  return null;
}

// Control characters from files are escaped on their way to the terminal (src/cli/terminal.ts).
const colourOn = () => pc.isColorSupported;
const defaultIo: Io = {
  out: (s) => process.stdout.write(terminalText(s.endsWith('\n') ? s : `${s}\n`, colourOn())),
  err: (s) => process.stderr.write(terminalText(s.endsWith('\n') ? s : `${s}\n`, colourOn())),
  // Read at each use: a resized terminal folds the next lines to its new width.
  get columns() {
    return process.stdout.isTTY ? process.stdout.columns : undefined;
  },
  get errColumns() {
    return process.stderr.isTTY ? process.stderr.columns : undefined;
  },
};


function parseSeed(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) > 2 ** 32 - 1) throw new UsageError(`--seed: expected a whole number from 0 to ${2 ** 32 - 1}, got "${v}"`);
  return Number(v);
}

function parseIndex(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) >= 100_000_000) throw new UsageError(`--device: expected a device's index, a whole number from 0, got "${v}"`);
  return Number(v);
}

/** A count option's parser: the message names the option. */
const parseCount =
  (option: string) =>
  (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 100_000_000) throw new UsageError(`${option}: expected a whole number from 1 to 100000000, got "${v}"`);
    return Number(v);
  };

function parseSpeed(v: string): number {
  // Decimal notation only: Number() also reads '0x10' as 16 and ' 3' as 3.
  const n = /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n <= 0 || n > 1e12) throw new UsageError(`--speed: expected a number above 0, got "${v}"`);
  return n;
}

/** An app count option's parser: the message names the option (--device-apps -1 said only 'expected a whole number of apps'). */
const parseAppCount =
  (option: string) =>
  (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) > 200) throw new UsageError(`${option}: expected a whole number of apps from 0 to 200, got "${v}"`);
    return Number(v);
  };

function parseTimeout(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 10_000) throw new UsageError(`--esp-timeout: expected whole minutes from 1 to 10000, got "${v}"`);
  return Number(v);
}

function parseDateOrder(v: string): 'dmy' | 'mdy' {
  const order = v.toLowerCase();
  if (order !== 'dmy' && order !== 'mdy') throw new UsageError(`--date-order: expected dmy (day first: 03/12/2026 is 3 December, as en-GB, de-DE, fr-FR write it) or mdy (month first: 12 March, as en-US writes it), got "${v}"${slipOf(order, ['dmy', 'mdy'])}`);
  return order;
}

function parsePort(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UsageError(`--port: expected a port number from 0 to 65535, got "${v}"`);
  return Number(v);
}

function parseFailUnder(v: string): import('./commands/fleet.ts').Threshold[] {
  // The parser lives beside the check; a static import would load the fleet code for every command.
  const metrics = ['success', 'firstTimeRight'];
  const out = v.split(',').map((part) => {
    const m = /^\s*(\w+)\s*=\s*([\d.]+)(%?)\s*$/.exec(part);
    // 73.9% is 0.739, not 0.7390000000000001 (which the message then printed).
    const value = m ? Number((Number(m[2]) / (m[3] ? 100 : 1)).toPrecision(12)) : NaN;
    if (!m || !metrics.includes(m[1]!) || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new UsageError(`--fail-under: expected <metric>=<share> with metric success or firstTimeRight and a share from 0 to 1 (or 0% to 100%), such as success=0.95, got "${part.trim()}"${m && !metrics.includes(m[1]!) ? slipOf(m[1], metrics) : ''}`);
    }
    return { metric: m[1] as 'success' | 'firstTimeRight', value };
  });
  return out;
}

function parseWorkers(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 64) throw new UsageError(`--workers: expected a whole number from 1 to 64, got "${v}"`);
  return Number(v);
}

type FleetCliOptions = import('./commands/fleet.ts').FleetOptions;

const MARKDOWN = 'print the report as GitHub-flavoured Markdown, to paste into a design document';

/** Both print the report to stdout in place of the terminal's; guessing which one was meant would surprise someone. */
function oneReportFormat(opts: { json?: boolean; markdown?: boolean }): void {
  if (opts.json && opts.markdown) throw new UsageError('--json and --markdown both print the report: give one of them');
}

/**
 * Commander's own errors in the form of ours: 'autopilot-sim: ' first, and an option left without its value
 * as '--device-apps: expected <n>, got nothing' (it read "option '--device-apps <n>' argument missing").
 */
function commanderError(text: string): string {
  return text
    .replace(/^error: option '(?:-\w, )?(--[\w-]+) ([<[][^'>\]]+[>\]])' argument missing/, 'error: $1: expected $2, got nothing')
    .replace(/^error: required option '(?:-\w, )?(--[\w-]+) ([<[][^'>\]]+[>\]])' not specified/, 'error: $1: required, expected $2, got nothing')
    .replace(/^error: /, 'autopilot-sim: ');
}

export function buildProgram(io: Io, result: { code: number }): Command {
  const program = new Command('autopilot-sim')
    .description('Simulate Windows Autopilot deployments: every scenario as a state machine, devices run through them in virtual time.')
    .version(packageVersion())
    // picocolors reads these flags (and NO_COLOR, FORCE_COLOR, a TTY, CI) from the process itself;
    // they are declared here so that commander accepts them before or after the command.
    .option('--no-color', 'plain output, no colour (also NO_COLOR=1)')
    .option('--color', 'colour even when the output is not a terminal (also FORCE_COLOR=1)')
    .exitOverride()
    // Commander's own errors ('error: unknown option') begin as every other error does: 'autopilot-sim: '.
    // The help's width is the terminal's, as the examples under it take it (without one, commander's 80).
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(wrap(commanderError(text), io.errColumns, 2)), getOutHelpWidth: () => io.columns ?? 80 })
    // Where a description's column would be under 40 (a terminal under some 76 columns), commander leaves it unfolded
    // beside its term (the commands' list ran to 167 columns at 60): there each description goes under its term, folded.
    .configureHelp({
      formatItem(this: Help, term, termWidth, description, helper) {
        const width = this.helpWidth ?? 80;
        if (!description || width - termWidth - 4 >= this.minWidthToWrap) return Help.prototype.formatItem.call(this, term, termWidth, description, helper);
        return `  ${term}\n${wrap(`      ${description}`, width)}`;
      },
      // Commander's own folding started a line with a separator (sweep's --vary at 78 columns: '· share(...)'); wrap
      // keeps it on the line before.
      boxWrap(this: Help, text: string, width: number) {
        return width < this.minWidthToWrap ? text : wrap(text, width, 0);
      },
    })
    .showHelpAfterError('(run autopilot-sim --help for the commands)');

  program
    .command('simulate')
    .description('play one device through a scenario file and print its narrated timeline')
    .argument('<file>', 'a scenario file (YAML or JSON), or a bundled name such as self-deploying')
    .option('--seed <n>', 'random seed (default: the file\'s seed, else 1)', parseSeed)
    .option('--json', 'print { trace, outcome } as JSON')
    .option('--no-narration', 'leave out the narration lines')
    .option('--inspect [url]', 'run on live XState actors and stream @statelyai/inspect events to a WebSocket (default ws://127.0.0.1:8080)')
    .option('--device <n>', 'replay device n of a fleet file (0 to devices - 1) step by step, as `run` counted it: a report names the first device of each failure mode', parseIndex)
    .option('--devices <n>', 'with --device: the fleet\'s size, as given to run (default: the file\'s)', parseCount('--devices'))
    .action(async (file: string, opts: { seed?: number; json?: boolean; narration: boolean; inspect?: string | boolean; device?: number; devices?: number }) => {
      const { simulateCommand } = await import('./commands/simulate.ts');
      result.code = await simulateCommand(io, file, opts);
    });

  program
    .command('validate')
    .description('check scenario and fleet files and report every wrong field in each')
    .argument('<files...>', 'scenario or fleet files, or folders of them (each .yaml, .yml and .json file in the folder)')
    .action(async (files: string[]) => {
      const { validateCommand } = await import('./commands/simulate.ts');
      result.code = await validateCommand(io, files);
    });

  program
    .command('scenarios')
    .description('list the bundled lessons, scenarios, failures and fleets, and the outcome each is meant to show')
    .option('--all', 'also how each lesson ends (hidden by default: a lesson is for the class to find out) and the regression files')
    .option('--json', 'print every file, its scenario and expected outcome as JSON (lessons and regressions included)')
    .action(async (opts: { json?: boolean; all?: boolean }) => {
      const { scenariosCommand } = await import('./commands/simulate.ts');
      result.code = await scenariosCommand(io, opts);
    });

  program
    .command('run')
    .description('simulate a fleet (or a scenario file as a fleet of identical devices) and report success, time to desktop and failures')
    .argument('<file>', 'a fleet file (YAML or JSON), a scenario file, or a bundled name such as fleets/branch-rollout')
    .option('--devices <n>', 'number of devices (default: the file\'s)', parseCount('--devices'))
    .option('--seed <n>', 'random seed (default: the file\'s, else 1)', parseSeed)
    .option('--workers <n>', 'worker threads (default: the cores, for 20,000 devices or more); results are identical for any value', parseWorkers)
    .option('--json', 'print the report as JSON')
    .option('--markdown', MARKDOWN)
    .option('--csv <file>', 'write one row per device')
    .option('--html <file>', 'write a self-contained HTML report with charts')
    .option('--fail-under <metric=share>', 'exit 1 when a rate falls below it: success=0.95, firstTimeRight=90% (comma-separated for more)', parseFailUnder)
    .action(async (file: string, opts: FleetCliOptions) => {
      oneReportFormat(opts);
      // The workers start before the engine and the reports load here (both take a few tenths of a second).
      const { defaultWorkers, startWorkers } = await import('../fleet/pool.ts');
      startWorkers(opts.workers ?? (opts.devices ? defaultWorkers(opts.devices) : 1));
      const { runCommand } = await import('./commands/fleet.ts');
      result.code = await runCommand(io, file, opts);
    });

  program
    .command('compare')
    .description('two environments, or one under two scenarios, on the same devices; differences with 95% intervals')
    .argument('<a>', 'a fleet or scenario file')
    .argument('[b]', 'a second file (or use --scenarios)')
    .option('--scenarios <a,b>', 'compare one file under two scenarios, such as user-driven,pre-provisioned')
    .option('--labels <a,b>', 'name the two runs in the reports (default: the file names, or the scenarios)')
    .option('--devices <n>', 'number of devices (default: the file\'s)', parseCount('--devices'))
    .option('--seed <n>', 'random seed', parseSeed)
    .option('--workers <n>', 'worker threads; results are identical for any value', parseWorkers)
    .option('--json', 'print the comparison as JSON')
    .option('--markdown', MARKDOWN)
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--csv <file>', 'write one row per figure compared: the fleet\'s, each group\'s and site\'s (the figures --json holds)')
    .action(async (a: string, b: string | undefined, opts: FleetCliOptions & { scenarios?: string; labels?: string }) => {
      oneReportFormat(opts);
      const { compareCommand } = await import('./commands/analysis.ts');
      result.code = await compareCommand(io, a, b, opts);
    });

  program
    .command('sweep')
    .description('how success and time move as one setting moves, and where a threshold bites')
    .argument('<file>', 'a fleet or scenario file')
    .requiredOption('--vary <field=values>', 'esp.timeoutMinutes=30,60,90 · apps=4..20 (app count) · share(hardware.tpm=1.2)=0,0.1,0.3 · hybrid.vpn=none,win32-logon')
    .option('--devices <n>', 'devices per value (default: the file\'s)', parseCount('--devices'))
    .option('--seed <n>', 'random seed', parseSeed)
    .option('--workers <n>', 'worker threads; results are identical for any value', parseWorkers)
    .option('--json', 'print the sweep as JSON')
    .option('--markdown', MARKDOWN)
    .option('--html <file>', 'write a self-contained HTML report with the sweep curves')
    .option('--csv <file>', 'write one row per value (the figures --json holds), for a spreadsheet')
    .action(async (file: string, opts: FleetCliOptions & { vary: string }) => {
      oneReportFormat(opts);
      const { sweepCommand } = await import('./commands/analysis.ts');
      result.code = await sweepCommand(io, file, opts);
    });

  program
    .command('recommend')
    .description('which Autopilot scenario to use: hard exclusions citing Microsoft\'s table, then a ranking by simulated outcome and the file\'s goals')
    .argument('<file>', 'a fleet or scenario file, or a bundled name such as fleets/kiosks-and-vms')
    .option('--devices <n>', 'devices per scenario (default: the file\'s)', parseCount('--devices'))
    .option('--seed <n>', 'random seed', parseSeed)
    .option('--workers <n>', 'worker threads; results are identical for any value', parseWorkers)
    .option('--json', 'print the recommendation as JSON')
    .option('--markdown', MARKDOWN)
    .option('--html <file>', 'write a self-contained HTML report of the recommended scenario, with the ranking')
    .option('--csv <file>', 'write one row per scenario: ranked with its figures, or excluded with why (the figures --json holds)')
    .action(async (file: string, opts: FleetCliOptions) => {
      oneReportFormat(opts);
      const { recommendCommand } = await import('./commands/recommend.ts');
      result.code = await recommendCommand(io, file, opts);
    });

  program
    .command('calibrate')
    .description('fit the model to a tenant\'s own deployments (Graph deviceManagement/autopilotEvents exports, the device preparation deployments report) and write a twin fleet file')
    .argument('<exports...>', 'Graph exports: JSON pages ({ "value": [...] }), a JSON list of events, or CSV with the property names as columns; or the admin center\'s Windows Autopilot device preparation deployments report (CSV)')
    .option('-o, --output <file>', 'write the twin fleet file (YAML) here; without it, and without a report option, the YAML goes to the terminal')
    .option('--overlay <file>', 'also write the fit as an environment overlay (no scenario, no join type) that a scenario or fleet file includes with `include: <file>`; one segment: --segment when the export has several')
    .option('--check', 'backtest: simulate the twin with the observed mix and compare success rates, durations (p50/p75/p90, KS distance) and failures')
    .option('--against <exports...>', 'backtest the twin against a later export of the same tenant (next month\'s), which is read, not fitted: its success rate beside the interval the twin foretells for it, its durations and failures beside the twin\'s (implies --check; its files after the exports calibrated)')
    .option('--segment <scenario/join>', 'keep one segment, such as user-driven/entra: the twin then holds one environment, which compare --scenarios and sweep --vary apps= change')
    .option('--deployment-profile <name>', 'keep the deployments naming this Autopilot deployment profile (a site\'s, often): a twin of its devices alone, where calibrate says the profiles\' durations or failures differ')
    .option('--device-apps <n>', 'device apps the ESP tracks in the tenant, or its device preparation policy installs (default 5): device setup (or Deployment time) is divided among them', parseAppCount('--device-apps'))
    .option('--user-apps <n>', 'user apps the account setup tracks (default 2)', parseAppCount('--user-apps'))
    .option('--esp-timeout <minutes>', 'the tenant\'s ESP timeout, or its device preparation policy\'s (default 60)', parseTimeout)
    .option('--date-order <dmy|mdy>', 'the order of day and month in a CSV\'s dates written as the exporting machine\'s culture does (03/12/2026 14:05:33): dmy day first (en-GB, de-DE, fr-FR), mdy month first (en-US); needed only where every date reads both ways', parseDateOrder)
    .option('--seed <n>', 'seed of the fit\'s simulations (default 1)', parseSeed)
    .option('--json', 'print the calibration report as JSON')
    .option('--markdown', MARKDOWN)
    .option('--html <file>', 'write a self-contained HTML report (with --check: observed and simulated distributions overlaid)')
    .action(async (files: string[], opts: import('./commands/calibrate.ts').CalibrateOptions) => {
      oneReportFormat(opts);
      const { calibrateCommand } = await import('./commands/calibrate.ts');
      result.code = await calibrateCommand(io, files, opts);
    });

  program
    .command('studio')
    .description('open the studio: step through any scenario in a browser, inject faults, compare runs')
    .argument('[file]', 'a scenario file to open')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', parsePort)
    .action(async (file: string | undefined, opts: { port?: number }) => {
      const { studioCommand } = await import('./commands/studio.ts');
      result.code = await studioCommand(io, file, opts);
    });

  program
    .command('play')
    .description('step through a scenario in the terminal (keys), or play it unattended with --auto')
    .argument('<file>', 'a scenario file, or a bundled name such as lessons/02-self-deploying-on-a-vm')
    .option('--seed <n>', 'random seed (default: the file\'s, else 1)', parseSeed)
    .option('--auto', 'play unattended')
    .option('--speed <x>', 'with --auto: virtual minutes per real minute (default 60)', parseSpeed)
    .option('--inject <faults>', 'with --auto: fault ids to inject when they become possible, comma-separated (such as tpm-fails)')
    .action(async (file: string, opts: { seed?: number; auto?: boolean; speed?: number; inject?: string }) => {
      const { playCommand } = await import('./commands/play.ts');
      result.code = await playCommand(io, file, { ...opts, inject: opts.inject?.split(',').map((s) => s.trim()).filter(Boolean) });
    });

  program
    .command('diagram')
    .description('write a scenario\'s statechart for slides')
    .argument('<scenario>', `${SCENARIO_IDS.join(', ')}, or a scenario or fleet file (bundled: lessons/02-self-deploying-on-a-vm) for the machine it runs`)
    .option('--format <format>', 'mermaid, dot or svg', 'mermaid')
    .option('-o, --output <file>', 'write to a file instead of the terminal')
    .option('--state <state>', 'draw one phase or state and what is inside it (svg), by its name or its title on the diagram, e.g. deviceEsp or "Device ESP"')
    .option('--fit <W:H>', 'lay out for a slide of these proportions (svg), e.g. 16:9')
    .action(async (scenario: string, opts: { format: string; output?: string; state?: string; fit?: string }) => {
      const { diagramCommand } = await import('./commands/diagram.ts');
      result.code = await diagramCommand(io, scenario, opts);
    });

  program
    .command('capabilities')
    .description('derive the capability table from the machines and compare it with Microsoft\'s (exit 1 if a cell differs)')
    .option('--json', 'one object per cell: { scenario, capability, microsoft, derived, agrees }')
    .option('--markdown', 'a Markdown table for the README')
    .option('--explain', 'say how each cell was derived (with --json: a "why" in each object)')
    .option('--runs <n>', 'generated environments per scenario variant (default 60)', parseCount('--runs'))
    .option('--seed <n>', 'seed of the generated environments', parseSeed)
    .action(async (opts: { json?: boolean; markdown?: boolean; explain?: boolean; runs?: number; seed?: number }) => {
      oneReportFormat(opts);
      if (opts.explain && opts.markdown) throw new UsageError('--explain: says how each cell was derived under the terminal\'s table, or in each --json object; not with --markdown');
      const { capabilitiesCommand } = await import('./commands/capabilities.ts');
      result.code = capabilitiesCommand(io, opts);
    });

  program
    .command('coverage')
    .description('show, per machine, that every state and transition is reached by a generated run (exit 1 if one is not)')
    .option('--json', 'print the coverage as JSON')
    .option('--seed <n>', 'seed of the generated environments', parseSeed)
    .option('--spec', 'print the traceability matrix instead: every step, exit, code, requirement and condition of the domain notes and what models it (exit 1 if an item maps to nothing or to something that no longer exists)')
    .action(async (opts: { json?: boolean; seed?: number; spec?: boolean }) => {
      if (opts.spec && opts.seed !== undefined) throw new UsageError('--seed: not with --spec (the traceability matrix generates no environments)');
      const { coverageCommand } = await import('./commands/capabilities.ts');
      result.code = await coverageCommand(io, opts);
    });

  program.addHelpText(
    'after',
    () => `\nExamples:\n  autopilot-sim scenarios\n  autopilot-sim play lessons/02-self-deploying-on-a-vm\n  autopilot-sim simulate failures/self-deploy-second-time\n  autopilot-sim run fleets/branch-rollout --html report.html\n\n${wrap("autopilot-sim <command> --help: a command's options and examples.", io.columns, 2)}`,
  );
  for (const command of program.commands) {
    refuseTwoValues(command);
    // After a mistake in a command's options, its own help is the one that lists them.
    // Folded on a split pane (it ran to 68 columns for simulate at 60).
    command.showHelpAfterError(wrap(`(autopilot-sim ${command.name()} --help: its arguments, options and examples)`, io.errColumns, 1));
    const examples = EXAMPLES[command.name()];
    if (examples) command.addHelpText('after', () => `${command.name() === 'play' ? wrap(PLAY_KEYS, io.columns, 13) : ''}\nExamples:\n${examples.map(([line, what]) => `${exampleText(line, io.columns)}${what ? `\n${wrap(`      ${what}`, io.columns)}` : ''}`).join('\n')}`);
  }
  return program;
}

/**
 * What commander lets through, refused where it is typed: an option given twice with different values
 * (commander kept the last one silently, so `run fleet --seed 1 ... --seed 2` ran seed 2 with nothing
 * said; the same value twice is harmless), and an empty value, which the commands read as the option
 * left out (calibrate --segment '' calibrated every segment, play --inject '' injected nothing,
 * simulate --inspect '' ran without the inspector), all with exit 0.
 */
function refuseTwoValues(command: Command): void {
  for (const option of command.options) {
    // A variadic option (calibrate --against <exports...>) is emitted once per value: its values are a list, not two.
    if ((!option.required && !option.optional) || option.variadic) continue;
    let given: string | undefined;
    // Emitted once per occurrence, with the text as typed (null for an optional value left out),
    // after commander's own listener: an option's parser has already refused what it refuses.
    command.on(`option:${option.name()}`, (value: string | null) => {
      if (value !== null && value.trim() === '') throw new UsageError(`${option.long}: expected ${option.flags.replace(/^.*?--[\w-]+ /, '')}, got an empty value`);
      const text = value ?? '';
      // sweep --vary a --vary b read as a slip of typing: say that a sweep moves one setting, and how to move two.
      const two =
        command.name() === 'sweep' && option.long === '--vary'
          ? ': a sweep moves one setting; for two, set the first in the file at each of its values and sweep the second on each file, or write each combination as a file and compare them two at a time (compare <a> <b>)'
          : '';
      if (given !== undefined && given !== text) throw new UsageError(`${option.long}: expected one value, got "${given}" and then "${text}"${two}`);
      given = text;
    });
  }
}

/**
 * An example under a command's help, for a terminal of `width` columns: where it is wider (diagram's ran to 88 columns,
 * calibrate's to 99, so the terminal broke them mid-word), it folds before an option, each line but the last ending in
 * ' \\' so that it still pastes into a shell as one command. Without a width (piped) it is one line.
 */
export function exampleText(line: string, width: number | undefined): string {
  const text = `  autopilot-sim ${line}`;
  if (!width || text.length <= width) return text;
  // The command and its arguments, then each option with its value; where the command and its arguments are wider
  // themselves (calibrate's file name took it to 77 columns), each argument on its own.
  let groups = line.split(/ (?=-)/);
  if (`  autopilot-sim ${groups[0]} \\`.length > width) groups = [...groups[0]!.split(' '), ...groups.slice(1)];
  const lines: string[] = [];
  let current = `  autopilot-sim ${groups[0]}`;
  for (const [i, group] of groups.slice(1).entries()) {
    const last = i === groups.length - 2;
    if (current.length + 1 + group.length + (last ? 0 : 2) > width) {
      lines.push(`${current} \\`);
      current = `    ${group}`;
    } else current += ` ${group}`;
  }
  return [...lines, current].join('\n');
}

/** Keys of `play` without --auto (src/cli/commands/play.ts reads them). */
const PLAY_KEYS = `
Keys (without --auto):
  → space n  step on          ← b  step back
  PgDn PgUp  step on, back (what a presentation clicker sends)
  Home End   the first step, the last
  f          the faults possible now, numbered
  1-9        inject that fault (the run takes another path from here)
  l          a lesson's questions for the class (the studio's presenter notes)
  ? h        these keys again
  q Ctrl-D   quit             Ctrl-C  quit, exit 130
`;

/** Each command's examples under its --help: bundled names, so each runs as written (test/cli/help.test.ts runs them). */
export const EXAMPLES: Record<string, Array<[string, string?]>> = {
  simulate: [
    ['simulate failures/self-deploy-second-time', 'a narrated timeline: the one-time block, 0x80180014'],
    ['simulate lessons/02-self-deploying-on-a-vm --seed 7 --no-narration'],
    ['simulate fleets/branch-rollout --device 5', 'device 5 of a fleet, step by step, as run counted it'],
  ],
  validate: [['validate self-deploying fleets/new-laptops', 'every wrong field of each file, with its line']],
  scenarios: [['scenarios'], ['scenarios --all', 'also how each lesson ends, and the regression files']],
  run: [
    ['run fleets/branch-rollout --html report.html'],
    ['run user-driven-entra --devices 1000 --fail-under success=0.95', 'exit 1 when fewer than 95% succeed'],
  ],
  compare: [['compare fleets/new-laptops --scenarios user-driven,pre-provisioned']],
  sweep: [['sweep user-driven-entra --vary apps=4..24:4', 'where does the 60-minute ESP timeout bite?']],
  recommend: [['recommend fleets/kiosks-and-vms'], ['recommend fleets/new-laptops --markdown > scenario.md']],
  calibrate: [['calibrate scenarios/calibration/synthetic-autopilot-events.csv -o twin.yaml --check', 'fit, write the twin, backtest it']],
  studio: [['studio', 'the studio on a free port'], ['studio lessons/02-self-deploying-on-a-vm --port 8080']],
  play: [
    ['play lessons/02-self-deploying-on-a-vm', 'step with the keys above'],
    ['play self-deploying --auto --speed 600 --inject tpm-fails', 'unattended, ten virtual minutes a second, the TPM failing'],
  ],
  diagram: [
    ['diagram pre-provisioned --format svg -o pre-provisioned.svg'],
    ['diagram user-driven --format svg --state deviceEsp --fit 16:9 -o esp.svg', 'one phase, laid out for a 16:9 slide'],
  ],
  capabilities: [['capabilities --explain']],
  coverage: [['coverage'], ['coverage --spec']],
};

/** Run the command line; returns the exit code. */
export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  const result = { code: EXIT.ok as number };
  const program = buildProgram(io, result);
  // `help <name>` of a command there is not printed the whole help on standard error (exit 2) without a word on the
  // name: it is read as that command, which commander says it does not know, with the command meant ('Did you mean').
  const [first, name, ...rest] = argv;
  const known = (word: string) => program.commands.some((c) => c.name() === word || c.aliases().includes(word));
  if (first === 'help' && name !== undefined && !name.startsWith('-') && !known(name)) argv = [name, ...rest];
  // `<misspelt command> --help` printed the whole help with exit 0, nothing said of the name (`autopilot-sim simulat
  // --help`, `autopilot-sim inspect --help`): the command is the first word that is no option, and one there is not is
  // said so, with the command meant, whatever follows it.
  const word = argv.find((a) => !a.startsWith('-'));
  if (word !== undefined && word !== 'help' && !known(word) && argv.some((a) => a === '--help' || a === '-h')) argv = argv.filter((a) => a !== '--help' && a !== '-h');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (e) {
    return handleError(e, io);
  }
}

export async function handleError(e: unknown, io: Io): Promise<number> {
  if (e instanceof CommanderError) {
    // help and version exit 0; parse errors were already printed by commander
    return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const { InputError } = await import('../environment/load.ts');
  // One message, folded at spaces on a terminal (some name every field or fault there is, 300 characters and more, which
  // the terminal broke inside words at its edge); piped, one line.
  if (e instanceof InputError || e instanceof UsageError) {
    io.err(wrap(`autopilot-sim: ${e.message}`, io.errColumns, 2));
    return EXIT.usage;
  }
  const { OutputError } = await import('../report/files.ts');
  if (e instanceof OutputError) {
    // `--csv - | head`: the reader of standard output went away, as main.ts ends any other write to it, quietly.
    if (e.path === '-' && e.reason.startsWith('EPIPE')) return EXIT.ok;
    io.err(wrap(`autopilot-sim: ${e.message}`, io.errColumns, 2));
    return EXIT.io;
  }
  io.err(`autopilot-sim: internal error: ${(e as Error)?.stack ?? String(e)}`);
  return EXIT.internal;
}

// run: a fleet through the engine, with a report for the terminal, JSON, Markdown, CSV and HTML.
import { defaultWorkers } from '../../fleet/pool.ts';
import { executorFor, loadFleet, runFleet, setsNothing, CSV_HEADER } from '../../fleet/index.ts';
import type { Fleet } from '../../fleet/schema.ts';
import { idleDepots, planFleet } from '../../fleet/plan.ts';
import { defaultEnvironment } from '../../environment/load.ts';
import { count } from '../../format.ts';
import type { FleetReport } from '../../fleet/report.ts';
import { resolveScenarioPath } from '../../environment/files.ts';
import { AtomicFile, checkOutputs, writeFileAtomic, type OutputSpec } from '../../report/files.ts';
import { renderFleet } from '../../report/fleet.ts';
import { renderFleetMarkdown } from '../../report/markdown.ts';
import { shellWord, wrap } from '../../format.ts';
import { EXIT, UsageError, type Io } from '../io.ts';
import { noteWritten } from '../written.ts';

export interface FleetOptions {
  devices?: number;
  seed?: number;
  workers?: number;
  json?: boolean;
  markdown?: boolean;
  csv?: string;
  html?: string;
  failUnder?: Threshold[];
}

/** A --fail-under threshold: the run exits 1 when the metric falls below it. */
export interface Threshold {
  metric: 'success' | 'firstTimeRight';
  value: number;
}

const THRESHOLD_METRICS = { success: 'successRate', firstTimeRight: 'firstTimeRightRate' } as const;

/** The thresholds a report falls below, each in a line. */
export function breaches(report: FleetReport, thresholds: Threshold[] = []): string[] {
  return thresholds
    .filter((t) => report[THRESHOLD_METRICS[t.metric]] < t.value)
    .map((t) => `${t.metric} ${exactPercent(report[THRESHOLD_METRICS[t.metric]])} is under --fail-under ${t.metric}=${t.value} (${exactPercent(t.value)})`);
}

/** A share as a percent with the decimals the report keeps (73.89%): one decimal said "73.9% is under 0.739". */
const exactPercent = (x: number) => `${Number((x * 100).toFixed(2))}%`;

export { defaultWorkers } from '../../fleet/pool.ts';

/** A progress bar on an interactive terminal, nothing when piped. */
export async function progressBar(label: string): Promise<{ update: (done: number, total: number) => void; stop: () => void }> {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  // cli-progress is CommonJS: its exports are the default export's fields. Bundled into dist/cli.js, the
  // module has no named exports at all (an ESM import of it from node_modules has both).
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  let bar: InstanceType<typeof SingleBar> | null = null;
  return {
    update(done, total) {
      if (!bar) {
        // The bar shortens to leave its words room on a narrow terminal: at 40 blocks the line ran to 91 columns on an
        // 80-column terminal, which (line wrapping off while it draws) cut its end, 'device runs · 0s left'. Its words
        // at their widest: 100%, the total twice, a four-digit wait.
        // On a split pane (under some 70 columns) 'device runs' goes, then the bar shortens to 5 blocks: at 60 columns
        // the line ran to 68 and lost its wait.
        const columns = process.stderr.columns || 80;
        const room = (units: string) => columns - `${label} [] 100% · ${total}/${total}${units} · 9999s left`.length - 1;
        const units = room(' device runs') >= 10 ? ' device runs' : '';
        const barsize = Math.max(5, Math.min(40, room(units)));
        bar = new SingleBar({ format: `${label} [{bar}] {percentage}% · {value}/{total}${units} · {eta}s left`, stream: process.stderr, hideCursor: true, clearOnComplete: true, barsize }, Presets.shades_classic);
        bar.start(total, 0);
      }
      // A total can shrink at the end (recommend planned a run it did not need).
      if (total !== bar.getTotal()) bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}

/**
 * Check a command's outputs before any work (see checkOutputs), and say where its printed
 * report goes: standard output, or standard error when an output is `-` (standard output
 * then carries that file alone).
 */
export function prepareOutputs(io: Io, inputs: string[], outputs: Array<OutputSpec | false | undefined>, opts: { json?: boolean; markdown?: boolean }): (text: string) => void {
  checkOutputs(outputs, inputs);
  const toStdout = outputs.find((o) => o && o.path === '-');
  if (!toStdout) return io.out;
  if (opts.json || opts.markdown) throw new UsageError(`${toStdout.option} - and ${opts.json ? '--json' : '--markdown'} both write to standard output: give one of them`);
  return io.err;
}

/**
 * The note a file that sets nothing gets (empty, only comments, only a name): it is the default environment by design,
 * and ran 1,000 devices without a word. `devices`: the size the command runs (--devices), where it gives one; 1 for
 * simulate and play, whose one device shares no link (its defaults are the scenario schema's).
 */
export function defaultsNote(file: string, devices?: number, options: { scenario?: boolean } = {}): string {
  const env = defaultEnvironment();
  const kind = options.scenario === false ? '' : `${env.scenario} `;
  const one = devices === 1;
  return `note: ${file} sets nothing (no scenario, environment, sites or groups), so it runs the default environment: ${devices === undefined ? '' : `${count(devices)} `}${kind}${one ? 'device' : 'devices'} with ${env.profile.joinType === 'entra' ? 'Microsoft Entra' : env.profile.joinType} join, TPM ${env.hardware.tpm}, ${env.apps.length} apps (${env.apps.map((a) => a.name).join(', ')})${one ? ' (every default: schema/scenario.schema.json)' : ', no limit on links (every default: schema/fleet.schema.json)'}.`;
}

/** Say on standard error when a loaded fleet's file set nothing (see defaultsNote). */
export function noteDefaults(io: Io, file: string, fleet: Fleet, devices?: number, options: { scenario?: boolean } = {}): void {
  if (setsNothing(fleet)) io.err(wrap(defaultsNote(file, devices ?? planFleet(fleet).devices, options), io.errColumns, 2));
}

export async function runCommand(io: Io, file: string, opts: FleetOptions): Promise<number> {
  const path = resolveScenarioPath(file);
  // When the worker count is known before the file is read, the workers start now and load the
  // engine while this thread reads and checks the file (runFleet takes the same shared pool).
  const early = opts.workers ?? (opts.devices ? defaultWorkers(opts.devices) : 1);
  if (early > 1) executorFor(early).catch(() => {});
  const fleet = loadFleet(path);
  noteDefaults(io, file, fleet, opts.devices);
  for (const d of idleDepots(planFleet(fleet, { ...(opts.devices ? { devices: opts.devices } : {}), ...(opts.seed !== undefined ? { seed: opts.seed } : {}) }))) {
    io.err(wrap(`note: "${d.group}" names ${d.depot} as its technicianSite, but its devices run ${d.scenarios.join(' and ')}, ${d.scenarios.length > 1 ? 'none of which has a' : 'which has no'} technician flow: ${d.depot} carries none of their downloads (it does where pre-provisioned runs: environment.scenario, or recommend and compare --scenarios).`, io.errColumns, 2));
  }
  // Check every target before opening any, so a bad path fails fast and writes nothing.
  const print = prepareOutputs(io, [path], [opts.html !== undefined && { path: opts.html, option: '--html' }, opts.csv !== undefined && { path: opts.csv, option: '--csv' }], opts);
  const csv = opts.csv !== undefined ? new AtomicFile(opts.csv, '--csv') : null;
  const bar = await progressBar('Simulating');
  let report: FleetReport;
  try {
    csv?.write(`${CSV_HEADER}\n`);
    const devices = opts.devices ?? fleet.devices;
    report = await runFleet(fleet, {
      ...(opts.devices ? { devices: opts.devices } : {}),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      workers: opts.workers ?? defaultWorkers(devices ?? 1000),
      onProgress: bar.update,
      ...(csv ? { onRows: (rows: string[]) => csv.write(`${rows.join('\n')}\n`) } : {}),
    });
    bar.stop();
    csv?.commit();
  } catch (e) {
    bar.stop();
    csv?.abort();
    throw e;
  }
  // How to follow a failure step by step: the same file, size and seed (src/fleet/replay.ts).
  const replay = `autopilot-sim simulate ${shellWord(file)}${opts.devices ? ` --devices ${opts.devices}` : ''}${opts.seed !== undefined ? ` --seed ${opts.seed}` : ''}`;
  if (opts.html !== undefined) {
    const { renderFleetHtml } = await import('../../report/html.ts');
    writeFileAtomic(opts.html, renderFleetHtml(report, { replay }), '--html');
  }
  print(opts.json ? JSON.stringify(report) : opts.markdown ? renderFleetMarkdown(report, { replay }) : renderFleet(report, { replay, columns: io.columns }));
  noteWritten(io, [opts.csv, opts.html]);
  const failed = breaches(report, opts.failUnder);
  for (const line of failed) io.err(wrap(`autopilot-sim: ${line}`, io.errColumns, 2));
  return failed.length ? EXIT.problem : EXIT.ok;
}

// compare and sweep on the command line.
import Table from 'cli-table3';
import pc from 'picocolors';
import { compareCsv, compareFleets, compareLabels, parseSweep, sweepCsv, sweepFleet } from '../../fleet/analysis.ts';
import { executorFor, loadFleet } from '../../fleet/index.ts';
import { scenarioOverride } from '../../fleet/scenarios.ts';
import { planFleet, spreadSample } from '../../fleet/plan.ts';
import { FleetSchema } from '../../fleet/schema.ts';
import { sampleFleet } from '../../recommend/measure.ts';
import { CARRIED_OVER, observedFlow } from '../../calibrate/flows.ts';
import { resolveScenarioPath } from '../../environment/files.ts';
import { meant } from '../../environment/spelling.ts';
import { SCENARIOS, type Scenario } from '../../environment/schema.ts';
import { writeFileAtomic } from '../../report/files.ts';
import { phaseLabel } from '../../catalog/phases.ts';
import { count, devicesText, failureText, fitColumns, min as num, pct, possessive, tableWidth, tableWidths, wrap } from '../../format.ts';
import { renderComparisonMarkdown, renderSweepMarkdown, sweepSiteStarts } from '../../report/markdown.ts';
import { renderComparison } from '../../report/compare.ts';
import { sweepFitNote } from '../../report/fleet.ts';
import { EXIT, UsageError, type Io } from '../io.ts';
import { defaultWorkers, noteDefaults, prepareOutputs, progressBar, type FleetOptions } from './fleet.ts';
import { noteWritten } from '../written.ts';

type Common = Omit<FleetOptions, 'csv'>;

export async function compareCommand(io: Io, a: string, b: string | undefined, opts: Common & { scenarios?: string; labels?: string; csv?: string }): Promise<number> {
  let left, right;
  let labels: [string, string] | null = null;
  if (opts.labels !== undefined) {
    const l = opts.labels.split(',').map((s) => s.trim());
    if (l.length !== 2 || l.some((x) => !x) || l[0] === l[1]) throw new UsageError(`--labels: expected two different names separated by a comma, such as before,after, got "${opts.labels}"`);
    labels = [l[0]!, l[1]!];
  }
  const inputs: string[] = [];
  // A note on standard error, folded at spaces on a terminal.
  const note = (text: string) => io.err(wrap(text, io.errColumns, 2));
  if (opts.scenarios) {
    const names = opts.scenarios.split(',').map((s) => s.trim());
    if (names.length !== 2 || names.some((n) => !(SCENARIOS as readonly string[]).includes(n))) {
      // A slip ('preprovisioned') is named with the scenario meant.
      const slip = names.map((n) => [n, (SCENARIOS as readonly string[]).includes(n) ? undefined : meant(n, SCENARIOS)] as const).find(([, meant]) => meant);
      if (names.length === 2 && slip) throw new UsageError(`--scenarios: no scenario "${slip[0]}": did you mean ${slip[1]}?`);
      throw new UsageError(`--scenarios: expected two of ${SCENARIOS.join(', ')}, separated by a comma, got "${opts.scenarios}"`);
    }
    if (b) throw new UsageError('give one file with --scenarios, or two files without it');
    inputs.push(resolveScenarioPath(a));
    const fleet = loadFleet(inputs[0]!);
    noteDefaults(io, a, fleet, opts.devices, { scenario: false });
    // Self-deploying and device preparation have no hybrid path (domain §2.6, §7) and Reset keeps the device's current
    // join (§2.8): a hybrid fleet is not compared as the file asks, and the note says so.
    const noHybrid: Partial<Record<Scenario, string>> = {
      'self-deploying': 'self-deploying has no hybrid path, so it runs with Entra join here',
      'device-preparation': 'device preparation has no hybrid path (its devices are not registered, so no classic profile takes them), so it runs with Entra join here',
      reset: "Autopilot Reset keeps the join each device has now (reset.currentJoin, Entra unless the file says otherwise) and reads no profile",
    };
    const notes = names.filter((n) => noHybrid[n as Scenario]);
    if (notes.length > 0) {
      const hybrid = sampleFleet(fleet, {}).measure((e) => e.profile.joinType === 'hybrid');
      if (hybrid.devices > 0) for (const n of notes) note(`note: ${noHybrid[n as Scenario]!}; the file asks for hybrid join for ${pct(hybrid.share)} of devices.`);
    }
    // A calibrated twin: a compared flow its exports never showed is the model's, the tenant's values carried over.
    const twin = sampleFleet(fleet, {});
    if (twin.measure((e) => !!e.calibrated).devices > 0) {
      const seen = spreadSample(twin.plan).map((d) => d.env).filter((e) => e.calibrated);
      const observed = [...new Set(seen.map(observedFlow))];
      const unseen = names.filter((n) => !seen.some((e) => e.scenario === n && (n === 'self-deploying' || n === 'device-preparation' ? 'entra' : e.profile.joinType) === e.profile.joinType));
      if (unseen.length) note(`note: calibrated twin: its exports show ${observed.join(', ')}. ${unseen.join(' and ')} ${unseen.length > 1 ? 'run' : 'runs'} ${CARRIED_OVER}; ${unseen.length > 1 ? 'their' : 'its'} figures are estimates, not the tenant's.`);
    }
    // A group that fixes its own scenario runs both compared ones too: its figures are not run's, and the note says so
    // (a kiosk group's self-deploying devices were compared as user-driven without a word).
    const fixed = fleet.groups.filter((g) => typeof g.environment.scenario === 'string');
    if (fixed.length > 0) {
      const which = fixed.map((g) => `"${g.name}" (${String(g.environment.scenario)})`).join(', ');
      note(`note: ${fixed.length > 1 ? 'groups' : 'group'} ${which} ${fixed.length > 1 ? 'fix their own scenario' : 'fixes its own scenario'} in the file; --scenarios runs ${fixed.length > 1 ? 'their' : 'its'} devices as ${names[0]} and as ${names[1]} too, as recommend weighs a scenario.`);
    }
    // Over every group's and site's own fields, as recommend weighs a scenario: a group that fixes its scenario (each
    // segment of a calibrated twin does) ran its own both times, and the comparison said ±0.0 of two identical runs.
    left = { label: labels?.[0] ?? names[0]!, fleet, override: scenarioOverride(names[0] as Scenario) };
    right = { label: labels?.[1] ?? names[1]!, fleet, override: scenarioOverride(names[1] as Scenario) };
  } else {
    if (!b) throw new UsageError('compare needs two files, or one file and --scenarios a,b');
    inputs.push(resolveScenarioPath(a), resolveScenarioPath(b));
    const [la, lb] = labels ?? compareLabels(a, b);
    left = { label: la, fleet: loadFleet(inputs[0]!) };
    right = { label: lb, fleet: loadFleet(inputs[1]!) };
    noteDefaults(io, a, left.fleet, opts.devices);
    // Both run at A's size.
    noteDefaults(io, b, right.fleet, opts.devices ?? planFleet(left.fleet).devices);
    // Paired runs take A's size and seed: say so where B's file asks for others (they were dropped without a word).
    // B's size as its file gives it (devices, or its groups' counts), not the default a file without one gets.
    const sized = right.fleet.devices !== undefined || right.fleet.groups.every((g) => g.count !== undefined);
    if (opts.devices === undefined && sized) {
      const [na, nb] = [planFleet(left.fleet).devices, planFleet(right.fleet).devices];
      if (na !== nb) note(`note: both runs have ${count(na)} devices, ${possessive(la)}; ${possessive(lb)} file says ${count(nb)} (paired runs share one size: --devices sets it).`);
    }
    // A seed B's file gives (a file without one has the default, which says nothing).
    if (opts.seed === undefined && right.fleet.seed !== left.fleet.seed && right.fleet.seed !== FleetSchema.shape.seed.parse(undefined)) {
      note(`note: both runs use seed ${left.fleet.seed}, ${possessive(la)}; ${possessive(lb)} file says seed ${right.fleet.seed} (paired runs share one seed: --seed sets it).`);
    }
  }
  const print = prepareOutputs(io, inputs, [opts.html !== undefined && { path: opts.html, option: '--html' }, opts.csv !== undefined && { path: opts.csv, option: '--csv' }], opts);
  const devices = opts.devices ?? left.fleet.devices ?? 1000;
  const executor = await executorFor(opts.workers ?? defaultWorkers(devices * 2));
  const bar = await progressBar('Comparing');
  try {
    const result = await compareFleets(left, right, { ...(opts.devices ? { devices: opts.devices } : {}), ...(opts.seed !== undefined ? { seed: opts.seed } : {}), executor, onProgress: bar.update });
    bar.stop();
    if (opts.html !== undefined) {
      const { renderFleetHtml } = await import('../../report/html.ts');
      // The heading names the fleet where both runs are of one (--scenarios): 'user-driven vs pre-provisioned' alone said not of what.
      const fleetName = result.a.report.name === result.b.report.name ? `: ${result.a.report.name}` : '';
      writeFileAtomic(opts.html, renderFleetHtml(result.a.report, { compare: result, title: `${result.a.label} vs ${result.b.label}${fleetName}` }), '--html');
    }
    if (opts.csv !== undefined) writeFileAtomic(opts.csv, compareCsv(result), '--csv');
    if (opts.json || opts.markdown) {
      print(opts.json ? JSON.stringify(result) : renderComparisonMarkdown(result));
      noteWritten(io, [opts.html, opts.csv]);
      return EXIT.ok;
    }
    print(renderComparison(result, { columns: io.columns }));
    noteWritten(io, [opts.html, opts.csv]);
    return EXIT.ok;
  } finally {
    bar.stop();
    await executor.close();
  }
}

export async function sweepCommand(io: Io, file: string, opts: Common & { vary: string; csv?: string }): Promise<number> {
  let spec;
  try {
    spec = parseSweep(opts.vary);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const path = resolveScenarioPath(file);
  const fleet = loadFleet(path);
  noteDefaults(io, file, fleet, opts.devices);
  const print = prepareOutputs(io, [path], [opts.html !== undefined && { path: opts.html, option: '--html' }, opts.csv !== undefined && { path: opts.csv, option: '--csv' }], opts);
  const devices = opts.devices ?? fleet.devices ?? 1000;
  const executor = await executorFor(opts.workers ?? defaultWorkers(devices * spec.values.length));
  const bar = await progressBar('Sweeping');
  try {
    const { result, reports } = await sweepFleet(fleet, spec, { ...(opts.devices ? { devices: opts.devices } : {}), ...(opts.seed !== undefined ? { seed: opts.seed } : {}), executor, onProgress: bar.update });
    bar.stop();
    if (opts.html !== undefined) {
      const { renderFleetHtml } = await import('../../report/html.ts');
      // Of which fleet, as the Markdown's heading says it ('Sweep of number of apps' alone said not of what).
      writeFileAtomic(opts.html, renderFleetHtml(reports[0]!, { sweep: result, title: `Sweep of ${result.field}: ${reports[0]!.name}` }), '--html');
    }
    if (opts.csv !== undefined) writeFileAtomic(opts.csv, sweepCsv(result), '--csv');
    if (opts.json || opts.markdown) {
      print(opts.json ? JSON.stringify(result) : renderSweepMarkdown(result, { name: reports[0]!.name, seed: reports[0]!.seed, reports }));
      noteWritten(io, [opts.html, opts.csv]);
      return EXIT.ok;
    }
    // What was swept, on what, as run's first line says it; the field in full (a column 16 wide cuts it).
    const first = reports[0]!;
    print(wrap(`${pc.bold(String(first.name))}  ${pc.dim(`sweep of ${result.field} · ${devicesText(result.rows[0]?.devices ?? 0)} per value · seed ${first.seed} · the same devices for every value`)}`, io.columns, 2));
    for (const line of sweepSiteStarts(result, reports)) print(wrap(line, io.columns, 0));
    // On a terminal the table fits it (it was 141 columns wide). The top failure keeps its column only where it has the
    // 40 columns it has piped (in 11 to 19 a cause took up to 20 lines a row, and the table cut its longer words:
    // 'Microso…', 'installi…'): the success bar shortens to 10 blocks, then goes, to leave it room; where it still has
    // not, the figures' columns narrow (under 100) and the top failures follow the table, a line a value. Piped, the
    // table is drawn as wide as it likes.
    const width = io.columns ?? Number.POSITIVE_INFINITY;
    const figures = width >= 100 ? [16, 9, 17, 9, 9, 10] : [12, 9, 15, 8, 8, 9];
    const blocks = [20, 10, 0].find((b) => tableWidth([...figures, ...(b ? [b + 2] : []), 40]) <= width);
    const column = blocks !== undefined;
    const head = result.field.length <= figures[0]! - 2 ? result.field : 'value';
    const widths = [figures[0]!, figures[1]!, ...(blocks ? [blocks + 2] : []), ...figures.slice(2), ...(column ? [40] : [])];
    const headings = [head, 'success', ...(blocks ? [''] : []), '95% CI', 'p50 min', 'p90 min', 'end user (mean)', ...(column ? ['top failure'] : [])];
    const rows = result.rows.map((r) => [
      String(r.value),
      pct(r.successRate),
      ...(blocks ? ['█'.repeat(Math.round(r.successRate * blocks))] : []),
      `${pct(r.successInterval95[0])}–${pct(r.successInterval95[1])}`,
      num(r.p50),
      num(r.p90),
      num(r.meanEndUserMinutes),
      ...(column ? [failureText(r.topFailure, phaseLabel)] : []),
    ]);
    // Under the narrowed figures' 68 columns (a split pane), the columns narrow towards their longest words, a heading on
    // two lines ('p50' over 'min'); undefined: as wide as their cells, which fits.
    const narrowest = !column && tableWidth(widths) > width ? tableWidths([headings, ...rows], width) : null;
    const t = new Table({
      head: headings,
      style: { head: [], border: [] },
      wordWrap: true,
      ...(narrowest !== undefined ? { colWidths: column ? fitColumns(widths, widths.length - 1, width, 40) : (narrowest ?? widths) } : {}),
    });
    for (const row of rows) t.push(row);
    print(t.toString());
    if (!column) {
      print(pc.bold('Top failure at each value:'));
      for (const r of result.rows) print(wrap(`  ${String(r.value)}: ${r.topFailure ? failureText(r.topFailure, phaseLabel) : 'none, every device succeeded'}`, io.columns, 4));
    }
    const fit = sweepFitNote(result);
    if (fit) print(wrap(pc.dim(fit), io.columns, 0));
    if (result.finding) print(wrap(pc.bold(result.finding), io.columns, 0));
    noteWritten(io, [opts.html, opts.csv]);
    return EXIT.ok;
  } finally {
    bar.stop();
    await executor.close();
  }
}

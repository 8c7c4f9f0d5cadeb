// recommend on the command line: the exclusions with their citations, the ranking, the answer.
import Table from 'cli-table3';
import pc from 'picocolors';
import { executorFor, loadFleet } from '../../fleet/index.ts';
import type { SweepResult } from '../../fleet/analysis-types.ts';
import { topRef } from '../../fleet/analysis.ts';
import type { FleetReport } from '../../fleet/report.ts';
import type { Scenario } from '../../environment/schema.ts';
import { resolveScenarioPath } from '../../environment/files.ts';
import { writeFileAtomic } from '../../report/files.ts';
import { devicesText, fitColumns, min as num, pct, tableAsList, wrap } from '../../format.ts';
import { breakCode } from '../../report/fleet.ts';
import { fittedWidths } from '../../report/table.ts';
import { renderRecommendationMarkdown } from '../../report/markdown.ts';
import { goalNames, recommendationCsv, recommendWithReports, scoreText, warnedOutcome, type Exclusion, type Recommendation } from '../../recommend/index.ts';
import { fleetFactsLine, splitAside } from '../../recommend/prose.ts';
import { EXIT, type Io } from '../io.ts';
import { phaseLabel } from '../../catalog/phases.ts';
import { defaultWorkers, noteDefaults, prepareOutputs, progressBar, type FleetOptions } from './fleet.ts';
import { noteWritten } from '../written.ts';
import { LOW_SUCCESS } from '../../fleet/bottlenecks.ts';

type RecommendCliOptions = FleetOptions;

export async function recommendCommand(io: Io, file: string, opts: RecommendCliOptions): Promise<number> {
  const path = resolveScenarioPath(file);
  const fleet = loadFleet(path);
  noteDefaults(io, file, fleet, opts.devices);
  const print = prepareOutputs(io, [path], [opts.html !== undefined && { path: opts.html, option: '--html' }, opts.csv !== undefined && { path: opts.csv, option: '--csv' }], opts);
  const devices = opts.devices ?? fleet.devices ?? 1000;
  const executor = await executorFor(opts.workers ?? defaultWorkers(devices * 5));
  const bar = await progressBar('Recommending');
  try {
    const { recommendation: rec, reports, plan } = await recommendWithReports(
      fleet,
      {
        ...(opts.devices ? { devices: opts.devices } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        executor,
        onProgress: bar.update,
      },
      { plan: opts.html !== undefined },
    );
    bar.stop();
    let htmlWritten = false;
    if (opts.html !== undefined) {
      const { renderFleetHtml } = await import('../../report/html.ts');
      const winner = rec.recommendation.scenario;
      // The page draws the plan the answer gives: a split's, or each group on its own answer's, simulated whole (it drew
      // the whole fleet on the winner above a split, and wrote nothing where the groups' plan was the answer).
      const report = plan ?? (winner ? reports[winner] : undefined);
      const split = rec.split?.better ? rec.split : null;
      const warned = !split && rec.warnedSplit?.better ? rec.warnedSplit : null;
      const groupsText = (groups: string[]) => groups.map((g) => `"${g}"`).join(', ');
      // The devices a split sets apart, on their own answers (the winner's where each answer is it), by scenario.
      const apartPlan = new Map<string, string[]>();
      const best = rec.ranking[0]?.summary;
      for (const a of split?.apartAnswers ?? split?.apart.map((group) => ({ group, scenario: winner })) ?? []) apartPlan.set(`${a.scenario}`, [...(apartPlan.get(`${a.scenario}`) ?? []), a.group]);
      // Groups of the split's rest that the answer deploys on their own answer (engineers' laptops on device preparation); a
      // part of an apart group's own answer (its TPM 1.2 kiosks on user-driven) is named above already: it was named twice.
      const named = (g: string) => split!.apart.includes(g) || [...apartPlan.values()].some((gs) => gs.includes(g));
      const ownAnswer = split ? rec.recommendation.deploy.flatMap((d) => (d.scenario === split.scenario ? [] : d.groups.filter((g) => !named(g)).map((group) => ({ group, scenario: d.scenario })))) : [];
      for (const a of ownAnswer) apartPlan.set(`${a.scenario}`, [...(apartPlan.get(`${a.scenario}`) ?? []), a.group]);
      const restDevices = split ? split.devices - rec.perGroup.filter((g) => ownAnswer.some((a) => a.group === g.group)).reduce((n, g) => n + g.devices, 0) : 0;
      const answer = split
        ? `split, ${split.scenario} for ${devicesText(restDevices)} and ${[...apartPlan].map(([sc, groups]) => `${sc} for ${groupsText(groups)}`).join('; ')}`
        : warned
          ? `${winner}, with ${groupsText(warned.apart)} (${devicesText(warned.devices)}) on ${warned.scenario}`
          : winner
            ? // As the answer says it where the best still fails most devices: it is the best, not a deployment that works.
              (best && best.successRate < LOW_SUCCESS ? `no scenario deploys it well; the best is ${winner}, ${pct(best.successRate)} success` : winner)
            : `each group its own scenario, ${rec.recommendation.deploy.map((d) => `${d.scenario ?? 'none'} for ${groupsText(d.groups)}`).join('; ')}`;
      const run = split || warned || !winner ? 'the recommended plan' : winner;
      htmlWritten = !!report;
      if (report)
        writeFileAtomic(
          opts.html,
          renderFleetHtml(report, { ...(rec.ranking.length ? { sweep: asSweep(rec, reports), sweepTitle: 'Ranking of the scenarios not excluded' } : {}), run, recommendation: rec, title: `Recommendation for ${rec.fleet}: ${answer}` }),
          '--html',
        );
      else io.err(wrap(`autopilot-sim: --html: no scenario fits the fleet or any of its groups, so there is no plan to draw (${opts.html} not written)`, io.errColumns, 2));
    }
    if (opts.csv !== undefined) writeFileAtomic(opts.csv, recommendationCsv(rec), '--csv');
    print(opts.json ? JSON.stringify(rec) : opts.markdown ? renderRecommendationMarkdown(rec) : renderRecommendation(rec, { columns: io.columns }));
    noteWritten(io, [opts.csv, htmlWritten && opts.html]);
    return EXIT.ok;
  } finally {
    bar.stop();
    await executor.close();
  }
}

/** The ranking as the HTML report's sweep section: one row per scenario, the answer as its finding. */
function asSweep(rec: Recommendation, reports: Partial<Record<Scenario, FleetReport>>): SweepResult {
  return {
    field: 'scenario',
    scale: 'categorical',
    rows: rec.ranking.map((r) => ({
      value: `${r.rank}. ${r.scenario}`,
      devices: r.summary.devices,
      successRate: r.summary.successRate,
      successInterval95: r.summary.interval,
      p50: r.summary.p50Total,
      p90: reports[r.scenario]?.timeToDesktop.total.p90 ?? null,
      meanEndUserMinutes: reports[r.scenario]?.timeToDesktop.endUser.mean ?? null,
      ...(r.summary.successEnds ? { successEnds: r.summary.successEnds } : {}),
      ...(r.summary.endsSought ? { endsSought: r.summary.endsSought } : {}),
      topFailure: reports[r.scenario] ? topRef(reports[r.scenario]!) : null,
      saturated: r.summary.saturated,
    })),
    finding: [rec.recommendation.sentence, ...(rec.joinExclusion ? [`Hybrid join is excluded for ${pct(rec.joinExclusion.share)} of devices by "${rec.joinExclusion.rule}" (${rec.joinExclusion.source}).`] : []), ...rec.exclusions.map((e) => `${e.scenario} is excluded for ${pct(e.share)} of devices by "${e.rule}" (${e.source}).`)].join(' '),
  };
}

/** A rule's citation, under its exclusion: the rule and its source, then the quote and its source when there is one. */
function citation(e: Omit<Exclusion, 'scenario'>): string[] {
  return [`      ${pc.bold(`"${e.rule}"`)} ${pc.dim(`(${e.source})`)}`, ...(e.quote ? [`      ${pc.dim(`"${e.quote}" (${e.quoteSource})`)}`] : [])];
}

/**
 * The ranking's columns as piped: 133 columns wide, the scenario's 20 for 'device-preparation' (18 cut it to
 * 'device-preparat…'), the score's 9 for '−100.00' (scoreText), one taken from the top failure's.
 */
const RANKING_WIDTHS = [4, 20, 9, 15, 11, 10, 10, 9, 35];

/**
 * recommend's answer for a terminal. `columns`: the terminal's width, when the output goes to one: each sentence folds
 * at spaces under its first word (a citation under its quote's first word) and the ranking fits (it was 131 columns
 * wide whatever the terminal, so an exclusion's reason and the answer, some 600 characters, broke inside words and the
 * terminal wrapped every row of the table). Without it (piped) the answer is drawn as it always was.
 */
export function renderRecommendation(rec: Recommendation, opts: { columns?: number } = {}): string {
  const out: string[] = [];
  const fold = (line: string, hang: number) => wrap(line, opts.columns, hang);
  const goals = goalNames(rec.goals);
  out.push(fold(`${pc.bold(`Recommend: ${rec.fleet}`)}  ${pc.dim(`${devicesText(rec.devices)} per scenario · seed ${rec.seed} · same devices in every scenario · goals: ${goals.join(', ') || 'none'}`)}`, 2));
  out.push(fold(pc.dim(fleetFactsLine(rec.facts)), 2));
  out.push('');
  // An exclusion or a warning: its mark, what it is and its reason, then its citation.
  const ruled = (mark: string, what: string, share: number, e: Omit<Exclusion, 'scenario'>) => {
    out.push(fold(`  ${mark} ${pc.bold(what)} · ${pct(share)} of devices · ${e.reason}`, 4));
    for (const line of citation(e)) out.push(fold(line, 7));
  };
  const j = rec.joinExclusion;
  if (rec.exclusions.length || j) {
    out.push(fold(pc.bold(`Excluded (a hard requirement fails for ${pct(rec.threshold)} of devices or more, or a stated goal rules it out):`), 0));
    if (j) ruled(pc.red('✗'), 'hybrid join', j.share, j);
    for (const e of rec.exclusions) ruled(pc.red('✗'), e.scenario, e.share, e);
  } else {
    out.push(pc.dim('No scenario excluded.'));
  }
  if (rec.warnings.length) {
    out.push(fold(pc.bold(`Kept, with a warning (${warnedOutcome(rec.threshold, rec.warnings)}):`), 0));
    for (const w of rec.warnings) ruled(pc.yellow('!'), w.scenario, w.share, w);
  }
  for (const n of rec.notes) out.push(fold(`  ${pc.yellow('•')} ${n}`, 4));
  out.push('');
  if (rec.ranking.length) {
    // On a terminal narrower than the table: the minutes' headings take two lines and the figures' columns narrow to
    // them; under 120 columns the top failure is left out (each scenario's sentence under the table names it), and under
    // 100 a scenario's name folds at its hyphen.
    const width = opts.columns ?? Number.POSITIVE_INFINITY;
    const full = width >= RANKING_WIDTHS.reduce((a, w) => a + w, 0) + RANKING_WIDTHS.length + 1;
    const failure = full || width >= 120;
    const hyphen = width < 100;
    const head = full
      ? ['#', 'scenario', 'success', '95% CI', 'p50 total', 'p50 user', 'p50 tech', 'score', 'top failure']
      : ['#', 'scenario', 'success', '95% CI', 'p50\ntotal', 'p50\nuser', 'p50\ntech', 'score', ...(failure ? ['top failure'] : [])];
    const widths = full ? RANKING_WIDTHS : [3, hyphen ? 13 : 20, 9, 14, 7, 7, 7, 9, ...(failure ? [35] : [])];
    const given = failure && !full ? fitColumns(widths, widths.length - 1, width, 20) : widths;
    const figures = (r: Recommendation['ranking'][number]) => [pct(r.summary.successRate), `${pct(r.summary.interval[0])}–${pct(r.summary.interval[1])}`, num(r.summary.p50Total), num(r.summary.p50EndUser), num(r.summary.p50Technician), scoreText(r.score)];
    // Under the narrowed table's 78 columns (a split pane), its columns narrow towards their longest words, or each
    // scenario is a line, its figures folded under it.
    const name = (r: Recommendation['ranking'][number]) => (hyphen ? r.scenario.replace('-', '-\n') : r.scenario);
    const colWidths = fittedWidths([head, ...rec.ranking.map((r) => [String(r.rank), name(r), ...figures(r)])], opts.columns, given);
    if (colWidths === null) out.push(tableAsList(['', ...head.slice(2)], rec.ranking.map((r) => [`${r.rank}. ${r.scenario}`, ...figures(r)]), opts.columns!));
    else {
      const t = new Table({ head, style: { head: [], border: [] }, wordWrap: true, ...(colWidths ? { colWidths } : {}) });
      for (const r of rec.ranking) {
        const s = r.summary;
        // A code is one word, which the table would cut where its column is narrower: it breaks after an underscore instead.
        const top = s.topFailure ? `${breakCode(s.topFailure.code, (colWidths ?? given).at(-1)! - 2)} in ${phaseLabel(s.topFailure.phase)} (${pct(s.topFailure.share)})` : '';
        t.push([String(r.rank), name(r), ...figures(r), ...(failure ? [top] : [])]);
      }
      out.push(t.toString());
    }
    for (const r of rec.ranking) out.push(fold(`  ${r.rank}. ${r.why}`, 5));
    out.push(fold(pc.dim(`${rec.scoreRule} Durations are estimates where the documentation gives none.`), 0));
    out.push('');
  }
  if (rec.entraAlternative) out.push(fold(`${pc.yellow('•')} ${rec.entraAlternative.sentence}`, 2));
  if (rec.joinSplit) out.push(fold(`${pc.yellow('•')} ${rec.joinSplit.sentence}`, 2));
  const aside = splitAside(rec.split);
  if (aside) out.push(fold(`${pc.yellow('•')} ${aside}`, 2));
  out.push(fold(`${pc.bold(pc.green('Recommendation:'))} ${rec.recommendation.sentence}`, 2));
  if (rec.perGroup.length) {
    out.push(pc.bold('Each group on its own devices:'));
    for (const g of rec.perGroup) out.push(fold(`  • ${g.sentence}`, 4));
  }
  return out.join('\n');
}

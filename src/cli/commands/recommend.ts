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
import { count, min as num, pct } from '../../format.ts';
import { renderRecommendationMarkdown } from '../../report/markdown.ts';
import { factShares, goalNames, PLAIN_FLEET, recommendWithReports, type Exclusion, type Recommendation } from '../../recommend/index.ts';
import { EXIT, type Io } from '../io.ts';
import { phaseLabel } from '../../catalog/phases.ts';
import { defaultWorkers, prepareOutputs, progressBar, type FleetOptions } from './fleet.ts';

type RecommendCliOptions = Omit<FleetOptions, 'csv'>;

export async function recommendCommand(io: Io, file: string, opts: RecommendCliOptions): Promise<number> {
  const path = resolveScenarioPath(file);
  const fleet = loadFleet(path);
  const print = prepareOutputs(io, [path], [opts.html !== undefined && { path: opts.html, option: '--html' }], opts);
  const devices = opts.devices ?? fleet.devices ?? 1000;
  const executor = await executorFor(opts.workers ?? defaultWorkers(devices * 5));
  const bar = await progressBar('Recommending');
  try {
    const { recommendation: rec, reports } = await recommendWithReports(fleet, {
      ...(opts.devices ? { devices: opts.devices } : {}),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      executor,
      onProgress: bar.update,
    });
    bar.stop();
    if (opts.html !== undefined) {
      const { renderFleetHtml } = await import('../../report/html.ts');
      const winner = rec.recommendation.scenario;
      const report = winner ? reports[winner] : undefined;
      // A split is the answer where it does better: the title says so (it named the whole fleet's scenario alone, above a split).
      const split = rec.split?.better ? rec.split : null;
      const answer = split ? `split, ${split.scenario} for ${count(split.devices)} devices and ${winner} for ${split.apart.map((g) => `"${g}"`).join(', ')}` : winner;
      if (report) writeFileAtomic(opts.html, renderFleetHtml(report, { sweep: asSweep(rec, reports), sweepTitle: 'Ranking of the scenarios not excluded', run: winner!, title: `Recommendation for ${rec.fleet}: ${answer}` }), '--html');
      else io.err(`autopilot-sim: --html: no scenario was ranked, so there is no report to write (${opts.html} not written)`);
    }
    print(opts.json ? JSON.stringify(rec) : opts.markdown ? renderRecommendationMarkdown(rec) : renderRecommendation(rec));
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
      topFailure: reports[r.scenario] ? topRef(reports[r.scenario]!) : null,
      saturated: r.summary.saturated,
    })),
    finding: [rec.recommendation.sentence, ...(rec.joinExclusion ? [`Hybrid join is excluded for ${pct(rec.joinExclusion.share)} of devices by "${rec.joinExclusion.rule}" (${rec.joinExclusion.source}).`] : []), ...rec.exclusions.map((e) => `${e.scenario} is excluded for ${pct(e.share)} of devices by "${e.rule}" (${e.source}).`)].join(' '),
  };
}

function citation(e: Omit<Exclusion, 'scenario'>): string {
  return `${pc.bold(`"${e.rule}"`)} ${pc.dim(`(${e.source})`)}${e.quote ? `\n      ${pc.dim(`"${e.quote}" (${e.quoteSource})`)}` : ''}`;
}

export function renderRecommendation(rec: Recommendation): string {
  const out: string[] = [];
  const goals = goalNames(rec.goals);
  out.push(`${pc.bold(`Recommend: ${rec.fleet}`)}  ${pc.dim(`${count(rec.devices)} devices per scenario · seed ${rec.seed} · same devices in every scenario · goals: ${goals.join(', ') || 'none'}`)}`);
  const facts = factShares(rec.facts);
  out.push(pc.dim(`Fleet (${count(rec.facts.sampled)} devices sampled across groups and sites): ${facts.length ? facts.map(([k, v]) => `${k} ${pct(v)}`).join(' · ') : PLAIN_FLEET}`));
  out.push('');
  const j = rec.joinExclusion;
  if (rec.exclusions.length || j) {
    out.push(pc.bold(`Excluded (a hard requirement fails for ${pct(rec.threshold)} of devices or more, or a stated goal rules it out):`));
    if (j) out.push(`  ${pc.red('✗')} ${pc.bold('hybrid join')} · ${pct(j.share)} of devices · ${j.reason}\n      ${citation(j)}`);
    for (const e of rec.exclusions) out.push(`  ${pc.red('✗')} ${pc.bold(e.scenario)} · ${pct(e.share)} of devices · ${e.reason}\n      ${citation(e)}`);
  } else {
    out.push(pc.dim('No scenario excluded.'));
  }
  if (rec.warnings.length) {
    out.push(pc.bold(`Kept, with a warning (fewer than ${pct(rec.threshold)} of devices affected; they will fail in that scenario):`));
    for (const w of rec.warnings) out.push(`  ${pc.yellow('!')} ${pc.bold(w.scenario)} · ${pct(w.share)} of devices · ${w.reason}\n      ${citation(w)}`);
  }
  for (const n of rec.notes) out.push(`  ${pc.yellow('•')} ${n}`);
  out.push('');
  if (rec.ranking.length) {
    const t = new Table({
      head: ['#', 'scenario', 'success', '95% CI', 'p50 total', 'p50 user', 'p50 tech', 'score', 'top failure'],
      style: { head: [], border: [] },
      wordWrap: true,
      colWidths: [4, 18, 9, 15, 11, 10, 10, 8, 36],
    });
    for (const r of rec.ranking) {
      const s = r.summary;
      t.push([
        String(r.rank),
        r.scenario,
        pct(s.successRate),
        `${pct(s.interval[0])}–${pct(s.interval[1])}`,
        num(s.p50Total),
        num(s.p50EndUser),
        num(s.p50Technician),
        String(r.score),
        s.topFailure ? `${s.topFailure.code} in ${phaseLabel(s.topFailure.phase)} (${pct(s.topFailure.share)})` : '',
      ]);
    }
    out.push(t.toString());
    for (const r of rec.ranking) out.push(`  ${r.rank}. ${r.why}`);
    out.push(pc.dim(`${rec.scoreRule} Durations are estimates where the documentation gives none.`));
    out.push('');
  }
  if (rec.entraAlternative) out.push(`${pc.yellow('•')} ${rec.entraAlternative.sentence}`);
  if (rec.split && !rec.split.better) out.push(`${pc.yellow('•')} ${rec.split.sentence}`);
  out.push(`${pc.bold(pc.green('Recommendation:'))} ${rec.recommendation.sentence}`);
  if (rec.perGroup.length) {
    out.push(pc.bold('Each group on its own devices:'));
    for (const g of rec.perGroup) out.push(`  • ${g.sentence}`);
  }
  return out.join('\n');
}

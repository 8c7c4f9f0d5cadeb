// The fleet, compare, sweep and recommend reports as GitHub-flavoured Markdown, to paste into a
// design document: the figures of the terminal report, in tables, with no colour codes.
import type { CompareResult, SweepResult } from '../fleet/analysis-types.ts';
import { technicianShown, type FleetReport, type Percentiles, type Slice } from '../fleet/report.ts';
import { goalNames, scoreText, warnedOutcome, type Exclusion, type Recommendation } from '../recommend/index.ts';
import { fleetFactsLine, splitAside } from '../recommend/prose.ts';
import { foldedName, loadsShown, rangeText, warningsShown } from '../fleet/bottlenecks.ts';
import { DURATIONS_NOTE, fewSucceededNote, fitNote, foldedNote, foldedSitesNote, sitesShown, siteStartsLines, sweepFitNote, unattendedNote } from './fleet.ts';
import { phaseLabel, phaseMinutesLabel } from '../catalog/phases.ts';
import { count, failureText, min, pct } from '../format.ts';
import { compareFitNote, compareLegend, compareSiteStarts, joinTimerNote, pairedNote, percentileNote, differenceText, foldedSiteDifferencesNote, siteDifferencesShown, failureLines, sliceDifferenceText, SLICE_NOTE, warningLines } from './compare.ts';
import { devicesText } from './charts.ts';
import { wordsOf, type SuccessWords } from '../catalog/continued.ts';

/** What the phase table's means are of: every device, where the time to desktop (or to the run's end) is the successful devices' (the two need not add up). */
const phasesNote = (w: SuccessWords) =>
  `Mean minutes each device spent in each phase, over every device, those that failed included; the ${w.time.toLowerCase()} above is of the devices that succeeded, so the phases need not add up to it.`;

const interval = (i: [number, number]) => `${pct(i[0])}–${pct(i[1])}`;

/**
 * Names, causes and quotes come from fleet files and the documents: escape what Markdown would
 * read as emphasis, code, a link or HTML. An underscore inside a word (ESP_TIMEOUT) is left
 * alone, since GitHub never reads it as emphasis and error codes stay searchable.
 */
const escape = (s: string) => s.replace(/[\\`*[\]<~]/g, '\\$&').replace(/(?<!\w)_|_(?!\w)/g, '\\_');

/** Running text: a newline would end the heading or the list item. */
const text = (s: string) => escape(s).replace(/\s*\r?\n\s*/g, ' ');

/** A table cell: a `|` would end the cell and a newline the row. */
const cell = (s: string) => escape(s).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');

/** A table; `numeric` columns are right-aligned. Cells are written as given (escape with cell()). */
function table(head: string[], rows: string[][], numeric: number[] = []): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (numeric.includes(i) ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

/** `replay`: as for the terminal report (src/report/fleet.ts renderFleet). */
export function renderFleetMarkdown(r: FleetReport, opts: { replay?: string } = {}): string {
  const out: string[] = [];
  out.push(`## ${text(r.name)}`, '');
  out.push(`${devicesText(r.devices)} · seed ${r.seed}${r.sharedLoadModelled ? ' · shared bandwidth and connector load modelled (two passes)' : ''}`, '');
  out.push(
    `**Success ${pct(r.successRate)}** (95% CI ${interval(r.successInterval95)}) · first time right ${pct(r.firstTimeRightRate)} · failed ${count(r.failed)} · fell back to OOBE ${count(r.fellBackToOobe)}${r.stopped ? ` · stopped ${count(r.stopped)}` : ''}`,
    '',
  );
  const fit = fitNote(r);
  if (fit) out.push(text(fit), '');
  // A blank line after each: consecutive '>' lines are one blockquote, so two warnings read as one paragraph run together.
  if (r.warnings.length) out.push(...warningsShown(r).flatMap((w) => [`> **Warning:** ${text(w.text)}`, '']));
  const words = wordsOf(r);
  const times = (label: string, p: Percentiles) => [label, min(p.p50), min(p.p75), min(p.p90), min(p.p99), min(p.mean)];
  out.push(
    table(
      [`${words.time} (min)`, 'p50', 'p75', 'p90', 'p99', 'mean'],
      [times('total (active)', r.timeToDesktop.total), times('end user', r.timeToDesktop.endUser), ...(technicianShown(r) ? [times('technician', r.timeToDesktop.technician)] : [])],
      [1, 2, 3, 4, 5],
    ),
    '',
  );
  const few = fewSucceededNote(r);
  if (few) out.push(text(few), '');
  const unattended = unattendedNote(r);
  if (unattended) out.push(text(unattended), '');
  out.push('### Minutes per device by phase', '', phasesNote(words), '');
  out.push(table(['Phase', 'Minutes'], r.phases.map((p) => [cell(phaseMinutesLabel(p.phase)), min(p.minutes)]), [1]), '');
  if (r.loads.length) {
    out.push('### Shared resources over the rollout', '');
    const { shown, folded } = loadsShown(r);
    const rows = shown.map((x) => [cell(x.kind === 'link' ? `${x.name} link` : x.name), `${count(x.capacity)} ${x.unit}`, `${count(x.peakDemand)} ${x.unit}`, `${count(x.meanDemand)} ${x.unit}`, pct(x.peakUtilisation), count(x.saturatedHours), min(x.maxQueueMinutes)]);
    if (folded)
      rows.push([cell(foldedName(folded)), `${rangeText(folded.capacity, count)} Mbps`, `${rangeText(folded.peakDemand, count)} Mbps`, `${rangeText(folded.meanDemand, count)} Mbps`, rangeText(folded.peakUtilisation, pct), rangeText(folded.saturatedHours, String), rangeText(folded.maxQueueMinutes, min)]);
    out.push(table(['Resource', 'Capacity', 'Peak demand', 'Mean demand', 'Peak use', 'Hours over capacity', 'Max queue (min)'], rows, [4, 5, 6]), '');
    if (folded) out.push(text(foldedNote(folded)), '');
  }
  out.push('### Failure modes', '');
  if (r.failures.length) {
    out.push(
      table(
        ['#', 'Code', 'Phase', 'Cause', 'Devices', 'Share', 'Cumulative', ...(opts.replay !== undefined ? ['First device'] : [])],
        r.failures.slice(0, 10).map((x, i) => [String(i + 1), cell(x.code), cell(x.phaseLabel), cell(x.causeSummary), count(x.devices), pct(x.share), pct(x.cumulativeShare), ...(opts.replay !== undefined ? [String(x.exampleDevice)] : [])]),
        [0, 4, 5, 6, 7],
      ),
      '',
    );
    if (r.failures.length > 10) out.push(`… and ${r.failures.length - 10} more failure modes (--json for all).`, '');
    for (const x of r.failures.slice(0, 10)) if (x.estimate) out.push(`> **Estimate:** ${text(x.estimate.text)}`, '');
    if (opts.replay !== undefined) out.push(`Follow a failure step by step on its first device: \`${opts.replay} --device ${r.failures[0]!.exampleDevice}\``, '');
  } else {
    out.push(`None: every device ${words.reached}.`, '');
  }
  if (r.findings.length) {
    out.push('### Findings on successful devices', '');
    out.push(table(['Finding', 'What happens', 'Devices', 'Of successful'], r.findings.map((f) => [cell(f.id), cell(f.text), count(f.devices), pct(f.shareOfSucceeded)]), [2, 3]), '');
  }
  const sites = sitesShown(r.sites);
  for (const [title, slices] of [
    ['Group', r.groups],
    ['Site', sites.folded ? [...sites.shown, sites.folded] : r.sites],
  ] as const) {
    if (slices.length < 2) continue;
    out.push(`### Per ${title.toLowerCase()}`, '');
    out.push(sliceTable(title, slices), '');
    if (title === 'Site' && sites.folded) out.push(text(foldedSitesNote(sites.folded)), '');
  }
  if (r.siteStarts) out.push(text(r.siteStarts.text), '');
  out.push(`_${DURATIONS_NOTE}_`);
  return out.join('\n');
}

function sliceTable(title: string, slices: Slice[]): string {
  return table(
    [title, 'Devices', 'Success', '95% CI', 'Mean min', 'End user', 'Top failure'],
    slices.map((x) => [cell(x.name), count(x.devices), x.devices ? pct(x.successRate) : '–', x.devices ? interval(x.successInterval95) : '–', min(x.meanMinutesToDesktop), min(x.meanEndUserMinutes), cell(failureText(x.topFailure, phaseLabel))]),
    [1, 2, 4, 5],
  );
}

export function renderComparisonMarkdown(c: CompareResult): string {
  const out: string[] = [];
  out.push(`## ${text(c.a.label)} vs ${text(c.b.label)}`, '');
  out.push(`${devicesText(c.a.report.devices)} each · seed ${c.a.report.seed}${c.paired ? ' · paired: device i has the same hardware, site and random stream in both' : ''}`, '');
  out.push(text(compareLegend(c)), '');
  const fit = compareFitNote(c);
  if (fit) out.push(text(fit), '');
  const warnings = warningLines(c);
  if (warnings.length) out.push(...warnings.flatMap((w) => [`> **Warning (${w.runs}):** ${text(w.text)}`, '']));
  const rows = c.differences.map((d) => {
    const x = differenceText(d);
    return [cell(x.label), x.a, x.b, x.difference, x.interval];
  });
  out.push(table(['Metric', 'A', 'B', 'B − A', '95% CI of B − A'], rows, [1, 2, 3]), '');
  const none = pairedNote(c);
  if (none) out.push(`_${text(none)}_`, '');
  const apart = percentileNote(c);
  if (apart) out.push(`> **Note:** ${text(apart)}`, '');
  const timer = joinTimerNote(c);
  if (timer) out.push(`> **Note:** ${text(timer)}`, '');
  const sites = siteDifferencesShown(c);
  for (const [title, slices] of [
    ['Group', c.groups],
    ['Site', sites.folded ? [...sites.shown, sites.folded] : c.sites],
  ] as const) {
    if (slices.length < 2) continue;
    out.push(`### Per ${title.toLowerCase()}`, '');
    out.push(table([title, 'Devices', 'Success A', 'Success B', 'B − A', '95% CI', 'Mean min A → B'], slices.map(sliceDifferenceText).map((x) => [cell(x.name), x.devices, x.a, x.b, x.difference, x.interval, x.minutes]), [1, 2, 3, 4]), '');
  }
  if (sites.folded) out.push(text(foldedSiteDifferencesNote(sites.folded)), '');
  if (c.groups.length > 1 || c.sites.length > 1) out.push(`_${SLICE_NOTE}_`, '');
  for (const line of compareSiteStarts(c)) out.push(text(line), '');
  const failures = failureLines(c);
  if (failures.length) out.push(...failures.map((l) => `- ${text(l)}`), '');
  out.push(`_${DURATIONS_NOTE}_`);
  return out.join('\n');
}

/** Each value's sites' own starts (sites[].startHour), as run gives them: one line where they are the same at every value. */
export const sweepSiteStarts = (s: SweepResult, reports: FleetReport[]): string[] => siteStartsLines(reports.map((r, i) => ({ label: `at ${String(s.rows[i]?.value)}`, ...r })));

/** `about` names the fleet and seed, which the sweep result itself does not carry. */
export function renderSweepMarkdown(s: SweepResult, about: { name: string; seed: number; reports?: FleetReport[] }): string {
  const out: string[] = [];
  out.push(`## Sweep of ${text(s.field)}: ${text(about.name)}`, '');
  out.push(`${devicesText(s.rows[0]?.devices ?? 0)} per value · seed ${about.seed} · the same devices for every value`, '');
  for (const line of sweepSiteStarts(s, about.reports ?? [])) out.push(text(line), '');
  out.push(
    table(
      [cell(s.field), 'Success', '95% CI', 'p50 min', 'p90 min', 'End user (mean min)', 'Top failure'],
      s.rows.map((r) => [cell(String(r.value)), pct(r.successRate), interval(r.successInterval95), min(r.p50), min(r.p90), min(r.meanEndUserMinutes), cell(failureText(r.topFailure, phaseLabel))]),
      [1, 3, 4, 5],
    ),
    '',
  );
  const fit = sweepFitNote(s);
  if (fit) out.push(text(fit), '');
  if (s.finding) out.push(`**${text(s.finding)}**`, '');
  out.push(`_${DURATIONS_NOTE}_`);
  return out.join('\n');
}

function citation(e: Omit<Exclusion, 'scenario'>): string[] {
  const lines = [`  - "${text(e.rule)}" (${text(e.source)})`];
  if (e.quote) lines.push(`  - "${text(e.quote)}" (${text(e.quoteSource ?? e.source)})`);
  return lines;
}

export function renderRecommendationMarkdown(rec: Recommendation): string {
  const out: string[] = [];
  out.push(`## Recommend: ${text(rec.fleet)}`, '');
  out.push(`${devicesText(rec.devices)} per scenario · seed ${rec.seed} · same devices in every scenario · goals: ${text(goalNames(rec.goals).join(', ') || 'none')}`, '');
  out.push(fleetFactsLine(rec.facts), '');
  out.push('### Excluded', '');
  const j = rec.joinExclusion;
  if (rec.exclusions.length || j) {
    out.push(`A hard requirement fails for ${pct(rec.threshold)} of devices or more, or a stated goal rules it out.`, '');
    if (j) out.push(`- **hybrid join** · ${pct(j.share)} of devices · ${text(j.reason)}`, ...citation(j));
    for (const e of rec.exclusions) out.push(`- **${e.scenario}** · ${pct(e.share)} of devices · ${text(e.reason)}`, ...citation(e));
    out.push('');
  } else {
    out.push('No scenario excluded.', '');
  }
  if (rec.warnings.length) {
    out.push('### Kept, with a warning', '');
    out.push(`${warnedOutcome(rec.threshold, rec.warnings).replace(/^f/, 'F')}.`, '');
    for (const w of rec.warnings) out.push(`- **${w.scenario}** · ${pct(w.share)} of devices · ${text(w.reason)}`, ...citation(w));
    out.push('');
  }
  if (rec.notes.length) out.push(...rec.notes.map((n) => `- ${text(n)}`), '');
  if (rec.ranking.length) {
    out.push('### Ranking', '');
    out.push(
      table(
        ['#', 'Scenario', 'Success', '95% CI', 'p50 total', 'p50 user', 'p50 tech', 'Score', 'Top failure'],
        rec.ranking.map((r) => {
          const s = r.summary;
          const top = s.topFailure ? `${s.topFailure.code} in ${phaseLabel(s.topFailure.phase)} (${pct(s.topFailure.share)})` : '';
          return [String(r.rank), r.scenario, pct(s.successRate), interval(s.interval), min(s.p50Total), min(s.p50EndUser), min(s.p50Technician), scoreText(r.score), cell(top)];
        }),
        [0, 2, 4, 5, 6, 7],
      ),
      '',
    );
    out.push(...rec.ranking.map((r) => `${r.rank}. ${text(r.why)}`), '');
    out.push(text(rec.scoreRule), '');
  }
  if (rec.entraAlternative) out.push(`- ${text(rec.entraAlternative.sentence)}`);
  if (rec.joinSplit) out.push(`- ${text(rec.joinSplit.sentence)}`);
  const aside = splitAside(rec.split);
  if (aside) out.push(`- ${text(aside)}`);
  if (rec.entraAlternative || rec.joinSplit || aside) out.push('');
  out.push(`**Recommendation:** ${text(rec.recommendation.sentence)}`, '');
  if (rec.perGroup.length) out.push('### Each group on its own devices', '', ...rec.perGroup.map((g) => `- ${text(g.sentence)}`), '');
  out.push(`_${DURATIONS_NOTE}_`);
  return out.join('\n');
}

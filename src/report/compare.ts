// compare's figures in words, shared by the terminal, Markdown and HTML reports: a rate as a
// percentage and its difference in points ("+3.1 pts"), a time in minutes and its difference in
// minutes ("−2.5 min"), by the one rounding rule of format.ts.
import Table from 'cli-table3';
import pc from 'picocolors';
import type { CompareResult, Difference, SliceDifference } from '../fleet/analysis-types.ts';
import { count, failureText, fitColumns, min, minutesDiff, minutesInterval, pct, points, pointsInterval, terminalWidth, wrap } from '../format.ts';
import { phaseLabel } from '../catalog/phases.ts';
import { HYBRID_ESP_EXTRA_MINUTES } from '../catalog/vocabulary.ts';
import { DURATIONS_NOTE, fitNoteOf, pooledSlice, SITE_ROWS, SITES_KEPT, siteStartsLines, wordWidth } from './fleet.ts';
import { HYBRID_TIMER_TEXT, sliceDifferences } from '../fleet/analysis.ts';
import { warningsShown } from '../fleet/bottlenecks.ts';
import { fitTable } from './table.ts';
import { devicesText } from './charts.ts';

export interface DifferenceText {
  label: string;
  a: string;
  b: string;
  difference: string;
  interval: string;
  /** The 95% interval excludes zero: 'yes', 'no', or '–' when there is no interval. */
  excludesZero: 'yes' | 'no' | '–';
}

/** One compared figure as text. */
export function differenceText(d: Difference): DifferenceText {
  const share = d.unit === 'share';
  const value = share ? pct : min;
  const iv = d.interval95;
  return {
    label: d.label,
    a: value(d.a),
    b: value(d.b),
    difference: share ? points(d.difference) : minutesDiff(d.difference),
    interval: share ? pointsInterval(iv) : minutesInterval(iv),
    excludesZero: iv ? (iv[0] > 0 || iv[1] < 0 ? 'yes' : 'no') : '–',
  };
}

/** A group's or site's row: devices, success in A and B, the difference in points with its interval, mean minutes. */
export function sliceDifferenceText(s: SliceDifference): { name: string; devices: string; a: string; b: string; difference: string; interval: string; minutes: string } {
  const d = differenceText(s.success);
  return {
    name: s.name,
    devices: s.devices.a === s.devices.b ? count(s.devices.a) : `${count(s.devices.a)} / ${count(s.devices.b)}`,
    a: d.a,
    b: d.b,
    difference: d.difference,
    interval: d.interval,
    minutes: `${min(s.meanMinutes.a)} → ${min(s.meanMinutes.b)} (${minutesDiff(s.meanMinutes.difference)})`,
  };
}

/** The legend naming the two runs; the tables call them A and B, so a long label is never cut. */
export const compareLegend = (c: CompareResult) => `A = ${c.a.label} · B = ${c.b.label}`;

export const SLICE_NOTE = 'Per group and per site, the success interval treats the two runs as independent samples (Newcombe), so it is wider than the paired interval of the whole fleet.';

/**
 * Each run's warnings (a saturated link or connector, low success, device preparation that never starts), named
 * by run, one line for a warning both runs give word for word: a comparison of two runs that both lose devices
 * to a saturated branch link said nothing of the link.
 */
export function warningLines(c: CompareResult): Array<{ runs: string; text: string }> {
  const a = warningsShown(c.a.report).map((w) => w.text);
  const b = warningsShown(c.b.report).map((w) => w.text);
  return [...a.map((text) => ({ runs: b.includes(text) ? 'A and B' : 'A', text })), ...b.filter((t) => !a.includes(t)).map((text) => ({ runs: 'B', text }))];
}

/**
 * Why the rows of devices that succeed in both have no figures, where no device does: a row of dashes said nothing of it
 * (each run's successes named, so a reader sees whether one run or both lose every device).
 */
export function pairedNote(c: CompareResult): string | null {
  if (!c.paired || !c.differences.some((d) => d.metric === 'pairedMinutesToDesktop' && d.a === null)) return null;
  return `No device succeeds in both runs (A: ${count(c.a.report.succeeded)} ${c.a.report.succeeded === 1 ? 'succeeds' : 'succeed'}, B: ${count(c.b.report.succeeded)}), so the minutes of devices that succeed in both have no figures.`;
}

/**
 * Where devices are joined hybrid in one run and to Entra in the other, and the Entra run fails more, at device setup's
 * timer: hybrid device setup has 40 minutes more (domain H6). A hospital group's doctors' laptops, hybrid against Entra
 * under a 60-minute ESP, read 71.5% → 0.0% with no word of the timer (recommend said it; compare did not), as if Entra
 * join itself failed them.
 */
export function joinTimerNote(c: CompareResult): string | null {
  const j = c.joinChanged;
  if (!j) return null;
  const notes: string[] = [];
  for (const [n, hybrid, entra] of [
    [j.toEntra, c.a, c.b],
    [j.toHybrid, c.b, c.a],
  ] as const) {
    const top = entra.report.failures?.[0];
    if (!n || !top || top.code !== 'ESP_TIMEOUT' || top.phase !== 'deviceSetup' || entra.report.successRate >= hybrid.report.successRate) continue;
    const [h, e] = hybrid === c.a ? ['A', 'B'] : ['B', 'A'];
    notes.push(
      `${j.sampled ? 'About ' : ''}${devicesText(n)} ${n === 1 ? 'is' : 'are'} joined hybrid in ${h} and to Entra in ${e}: ${HYBRID_TIMER_TEXT} (domain H6), and ${e}'s top failure is ESP_TIMEOUT in ${phaseLabel('deviceSetup')}, so part of the difference is the timer's, not the join's. To compare the joins with the time hybrid had, run ${e} with esp.timeoutMinutes ${HYBRID_ESP_EXTRA_MINUTES} higher (or take apps out of the ESP).`,
    );
  }
  return notes.length ? notes.join(' ') : null;
}

/**
 * Why a percentile row and the paired row disagree, where they do: each run's p50 and p90 count only its own successful
 * devices, so a run that fails its slowest devices reads faster. A 40-minute ESP against a 60-minute one (the same
 * devices) read 'p50 minutes to desktop 51.3, 47.0, −4.3 min' and p90 −10.5 min, as if the shorter timer sped devices up,
 * while the devices that succeed in both took as long in both (±0.0 min) and 269 more failed. Said where a percentile's
 * difference lies a minute or more from the paired mean, and at least half as far again as the paired mean's own size.
 */
export function percentileNote(c: CompareResult): string | null {
  const only = c.succeededInOnly;
  if (!c.paired || !only || only.a + only.b === 0) return null;
  const of = (m: Difference['metric']) => c.differences.find((d) => d.metric === m);
  const paired = of('pairedMinutesToDesktop');
  if (paired?.difference == null) return null;
  const mean = paired.difference;
  const apart = [of('p50MinutesToDesktop'), of('p90MinutesToDesktop')].filter(
    (d): d is Difference & { difference: number } => d?.difference != null && Math.abs(d.difference - mean) >= Math.max(1, Math.abs(mean) / 2),
  );
  if (!apart.length) return null;
  const name = (d: Difference) => (d.metric === 'p50MinutesToDesktop' ? 'p50' : 'p90');
  const moved = (d: { difference: number }) => (d.difference === 0 ? "the same as A's" : `${min(Math.abs(d.difference))} min ${d.difference < 0 ? 'below' : 'above'} A's`);
  const first = apart[0]!;
  const rest = apart[1] ? ` (its ${name(apart[1])} ${moved(apart[1]).replace(" A's", '')})` : '';
  const both = mean === 0 ? 'take as long in both' : `take ${min(Math.abs(mean))} min ${mean > 0 ? 'longer' : 'less'} in B`;
  const iv = paired.interval95 ? `, 95% CI ${minutesInterval(paired.interval95)}` : '';
  const devices = (n: number) => `${count(n)} device${n === 1 ? '' : 's'}`;
  const which =
    only.a && only.b
      ? `${devices(only.a)} succeed${only.a === 1 ? 's' : ''} in A only and ${count(only.b)} in B only`
      : only.a
        ? `${devices(only.a)} succeed${only.a === 1 ? 's' : ''} in A and fail${only.a === 1 ? 's' : ''} in B, none the other way`
        : `${devices(only.b)} succeed${only.b === 1 ? 's' : ''} in B and fail${only.b === 1 ? 's' : ''} in A, none the other way`;
  return `B's ${name(first)} is ${moved(first)}${rest}, while the devices that succeed in both ${both} (${minutesDiff(mean)}${iv}): ${which}, and each run's p50 and p90 count only its own successes, so they move with which devices fail, not with how long a device takes. For the time, read the rows of devices that succeed in both.`;
}

/** compare on a calibrated twin: its runs' success intervals with the fit's uncertainty (fitNoteOf), in every format. */
export function compareFitNote(c: CompareResult): string | null {
  return fitNoteOf([{ label: 'A', devices: c.a.report.devices, fittedTo: c.a.report.fittedTo, successRate: c.a.report.successRate }, { label: 'B', devices: c.b.report.devices, fittedTo: c.b.report.fittedTo, successRate: c.b.report.successRate }], { compare: true });
}

/**
 * The site differences a comparison shows: past SITE_ROWS sites, the SITES_KEPT whose success moves most between the runs
 * (then the most devices), in A's order, and one row that pools the rest in each run (sitesShown's pooling). A 200-store
 * chain's comparison printed 200 site rows; --json keeps every site.
 */
export function siteDifferencesShown(c: CompareResult): { shown: SliceDifference[]; folded: SliceDifference | null } {
  if (c.sites.length <= SITE_ROWS) return { shown: c.sites, folded: null };
  const moved = (x: SliceDifference) => Math.abs(x.success.difference ?? 0);
  const kept = new Set([...c.sites].sort((a, b) => moved(b) - moved(a) || b.devices.a + b.devices.b - (a.devices.a + a.devices.b)).slice(0, SITES_KEPT));
  const rest = new Set(c.sites.filter((x) => !kept.has(x)).map((x) => x.name));
  const name = `${count(rest.size)} more sites`;
  const pooled = (r: CompareResult['a']['report']) => pooledSlice(r.sites.filter((x) => rest.has(x.name)), name);
  return { shown: c.sites.filter((x) => kept.has(x)), folded: sliceDifferences([pooled(c.a.report)], [pooled(c.b.report)])[0] ?? null };
}

/** Under a comparison's site table that folds sites: what its last row holds. */
export const foldedSiteDifferencesNote = (f: SliceDifference) =>
  `The last row pools the ${f.name}, those whose success moves least between the runs: their devices and successes in each run together (--json lists every site).`;

/**
 * compare's report for a terminal. `columns`: the terminal's width, when the output goes to one: its sentences fold at
 * spaces under their first word and its tables fit it (at 80 columns the figures' table ran to 82 and the group and site
 * tables to 97, so the terminal wrapped every row). Without it (piped) the report is drawn as it always was.
 */
/** Each run's sites' own starts (sites[].startHour), as run gives them, in every format. */
export const compareSiteStarts = (c: CompareResult): string[] => siteStartsLines([{ label: c.a.label, ...c.a.report }, { label: c.b.label, ...c.b.report }]);

export function renderComparison(c: CompareResult, opts: { columns?: number } = {}): string {
  const out: string[] = [];
  const fold = (line: string, hang = 2) => wrap(line, opts.columns, hang);
  const width = opts.columns ?? terminalWidth();
  out.push(fold(`${pc.bold(`${c.a.label}  vs  ${c.b.label}`)}  ${pc.dim(`${devicesText(c.a.report.devices)} each${c.paired ? ', paired: device i has the same hardware, site and random stream in both' : ''}`)}`));
  out.push(fold(pc.dim(compareLegend(c))));
  const fit = compareFitNote(c);
  if (fit) out.push(fold(pc.dim(fit), 0));
  for (const w of warningLines(c)) out.push(fold(pc.yellow(`⚠ ${w.runs}: ${w.text}`)));
  // Under 100 columns the runs' columns narrow to their figures ('100.0%', '−38.9 to −37.6 min'), so the figure's name keeps room.
  const narrow = opts.columns !== undefined && opts.columns < 100;
  // Under 74 columns (a split pane) the columns narrow towards their longest words, or each figure is a line (fitTable).
  const rows = c.differences.map(differenceText).map((x) => [x.label, x.a, x.b, x.difference, x.interval]);
  out.push(fitTable(['', 'A', 'B', 'B − A', '95% CI of B − A'], rows, opts.columns, fitColumns(narrow ? [44, 8, 8, 12, 20] : [44, 10, 10, 12, 24], 0, width, 20)));
  const none = pairedNote(c);
  if (none) out.push(fold(pc.dim(none), 0));
  const apart = percentileNote(c);
  if (apart) out.push(fold(pc.yellow(apart), 0));
  const timer = joinTimerNote(c);
  if (timer) out.push(fold(pc.yellow(timer), 0));
  // A group's or site's table is 113 columns wide at the least: on a narrower terminal its devices go beside its name, the
  // two successes' headings and the minutes' take two lines, and the minutes (under 100 columns the interval too) fold at
  // their spaces.
  const SLICE_WIDTHS = [18, 9, 10, 10, 12, 20, 26];
  const sliceNarrow = opts.columns !== undefined && opts.columns < SLICE_WIDTHS.reduce((a, w) => a + w, 0) + SLICE_WIDTHS.length + 1;
  const sites = siteDifferencesShown(c);
  for (const [title, slices] of [
    ['group', c.groups],
    ['site', sites.folded ? [...sites.shown, sites.folded] : c.sites],
  ] as const) {
    if (slices.length < 2) continue;
    if (sliceNarrow) {
      const rows = slices.map(sliceDifferenceText).map((x) => [`${x.name} (${x.devices})`, x.a, x.b, x.difference, x.interval, x.minutes]);
      out.push(fitTable([`${title} (devices)`, 'success\nA', 'success\nB', 'B − A', '95% CI', 'mean min\nA → B'], rows, opts.columns, fitColumns(width >= 100 ? [24, 9, 9, 12, 20, 14] : [30, 9, 9, 12, 12, 14], 0, width, 12)));
    } else {
      // The name keeps its longest word and the minutes give way (they fold at spaces): piped, at 100 columns, the name had
      // 10 and the table cut 'Supervisors' to 'Supervi…'.
      const widths = fitColumns([Math.max(SLICE_WIDTHS[0]!, 2 + wordWidth(slices.map((x) => x.name))), ...SLICE_WIDTHS.slice(1)], SLICE_WIDTHS.length - 1, width, 12);
      const s = new Table({ head: [title, 'devices', 'success A', 'success B', 'B − A', '95% CI', 'mean min A → B'], style: { head: [], border: [] }, wordWrap: true, colWidths: widths });
      for (const x of slices.map(sliceDifferenceText)) s.push([x.name, x.devices, x.a, x.b, x.difference, x.interval, x.minutes]);
      out.push(s.toString());
    }
  }
  if (sites.folded) out.push(fold(pc.dim(foldedSiteDifferencesNote(sites.folded)), 0));
  if (c.groups.length > 1 || c.sites.length > 1) out.push(fold(pc.dim(SLICE_NOTE), 0));
  for (const line of compareSiteStarts(c)) out.push(fold(line, 0));
  for (const line of failureLines(c)) out.push(fold(line));
  out.push(fold(pc.dim(DURATIONS_NOTE), 0));
  return out.join('\n');
}

/** Failure modes named per run under a comparison (the full Pareto is in run --json, --html). */
const TOP_FAILURES = 3;

/**
 * Why each run loses the devices it loses, a line a run that has failures ("B's failures: 0x800705B4 in ESP: device
 * preparation: TPM 1.2 ... (18)"): the difference in success says how many, this says what.
 */
export function failureLines(c: CompareResult): string[] {
  const lines: string[] = [];
  for (const [name, run] of [
    ['A', c.a],
    ['B', c.b],
  ] as const) {
    const top = run.report.failures.slice(0, TOP_FAILURES);
    if (!top.length) continue;
    const more = run.report.failures.length - top.length;
    lines.push(`${name}'s failures: ${top.map((f) => failureText(f, phaseLabel)).join('; ')}${more > 0 ? `; ${more} more` : ''}`);
  }
  return lines;
}

// compare's figures in words, shared by the terminal, Markdown and HTML reports: a rate as a
// percentage and its difference in points ("+3.1 pts"), a time in minutes and its difference in
// minutes ("−2.5 min"), by the one rounding rule of format.ts.
import Table from 'cli-table3';
import pc from 'picocolors';
import type { CompareResult, Difference, SliceDifference } from '../fleet/analysis-types.ts';
import { count, failureText, fitColumns, min, minutesDiff, minutesInterval, pct, points, pointsInterval } from '../format.ts';
import { phaseLabel } from '../catalog/phases.ts';
import { DURATIONS_NOTE } from './fleet.ts';

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
    devices: s.devices.a === s.devices.b ? String(s.devices.a) : `${s.devices.a} / ${s.devices.b}`,
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
  const a = c.a.report.warnings.map((w) => w.text);
  const b = c.b.report.warnings.map((w) => w.text);
  return [...a.map((text) => ({ runs: b.includes(text) ? 'A and B' : 'A', text })), ...b.filter((t) => !a.includes(t)).map((text) => ({ runs: 'B', text }))];
}

export function renderComparison(c: CompareResult): string {
  const out: string[] = [];
  out.push(`${pc.bold(`${c.a.label}  vs  ${c.b.label}`)}  ${pc.dim(`${count(c.a.report.devices)} devices each${c.paired ? ', paired: device i has the same hardware, site and random stream in both' : ''}`)}`);
  out.push(pc.dim(compareLegend(c)));
  for (const w of warningLines(c)) out.push(pc.yellow(`⚠ ${w.runs}: ${w.text}`));
  const t = new Table({ head: ['', 'A', 'B', 'B − A', '95% CI of B − A'], style: { head: [], border: [] }, wordWrap: true, colWidths: fitColumns([44, 10, 10, 12, 24], 0, undefined, 20) });
  for (const d of c.differences) {
    const x = differenceText(d);
    t.push([x.label, x.a, x.b, x.difference, x.interval]);
  }
  out.push(t.toString());
  for (const [title, slices] of [
    ['group', c.groups],
    ['site', c.sites],
  ] as const) {
    if (slices.length < 2) continue;
    const s = new Table({ head: [title, 'devices', 'success A', 'success B', 'B − A', '95% CI', 'mean min A → B'], style: { head: [], border: [] }, wordWrap: true, colWidths: fitColumns([18, 9, 10, 10, 12, 20, 26], 0, undefined, 10) });
    for (const x of slices.map(sliceDifferenceText)) s.push([x.name, x.devices, x.a, x.b, x.difference, x.interval, x.minutes]);
    out.push(s.toString());
  }
  if (c.groups.length > 1 || c.sites.length > 1) out.push(pc.dim(SLICE_NOTE));
  for (const line of failureLines(c)) out.push(line);
  out.push(pc.dim(DURATIONS_NOTE));
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

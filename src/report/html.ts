// The fleet report as ONE self-contained HTML document, for architects to paste into a design
// document: inline CSS, charts as inline SVG drawn with the chart kit (src/report/charts.ts; no
// chart library, no script, no external resource of any kind), full width with small multiples
// per group, per site and per shared resource, A4-friendly in print, system fonts. Deterministic: the same report gives
// the same bytes (no timestamps, no randomness, locale-independent number formatting).
//
// Every string that comes from the report (fleet, group and site names, causes, messages, sweep
// values, compare labels) is user-controlled and goes through esc() before it reaches the page.
import { technicianShown, type FailureRow, type FleetReport, type Percentiles, type Slice } from '../fleet/report.ts';
import type { CompareResult, Difference, SweepResult } from '../fleet/analysis-types.ts';
import { inFlowOrder, phaseIsWaiting, phaseLabel, phaseMinutesLabel } from '../catalog/phases.ts';
import { wordsOf, wordsOfAll, type SuccessWords } from '../catalog/continued.ts';
import { failureText, upperFirst } from '../format.ts';
import { fitNote, foldedSitesNote, sitesShown, sweepFitNote } from './fleet.ts';
import { differenceText, foldedSiteDifferencesNote, joinTimerNote, pairedNote, percentileNote, siteDifferencesShown, sliceDifferenceText, SLICE_NOTE } from './compare.ts';
import { foldedName, loadsShown, rangeText, warningsShown, type FoldedLinks, type ResourceLoad } from '../fleet/bottlenecks.ts';
import type { Recommendation } from '../recommend/index.ts';
import { scoreText } from '../recommend/ranking.ts';
import { splitAside } from '../recommend/prose.ts';
import {
  binInto, c, COL, devicesText, DASH, emptyChart, esc, fw, int, isNum, linePath, mins, niceStep, pct, pctWithInterval, plotH, plotW, quant, rebin, scale, SOURCE_BIN, svgOpen, text, textWidth, tickLabel, ticks, truncate, valueLabel, W, xAxis, yAxis, type Frame,
} from './charts.ts';

export { esc, rebin, type Rebinned } from './charts.ts';

export interface HtmlExtras {
  sweep?: SweepResult;
  compare?: CompareResult;
  title?: string;
  /** The command that replays one of the run's devices (src/report/fleet.ts renderFleet): the failure modes then name their first device. */
  replay?: string;
  /** Which run the single-run sections are of, where the page holds several (default: compare's run A, a sweep's first value). */
  run?: string;
  /** The heading of the sweep section (default: "Sweep: <field>"); recommend's ranking is one. */
  sweepTitle?: string;
  /** recommend's answer: what its terminal output says (the answer, its plan, the scores, each group's own answer). */
  recommendation?: Recommendation;
}

// ── Autopilot vocabulary ──────────────────────────────────────────────────────────────────────

function orderedPhases(pm: Record<string, number>): Array<[string, number]> {
  return inFlowOrder(Object.keys(pm)).map((k) => [k, Number(pm[k])]);
}


function histogramSvg(report: FleetReport): string {
  const id = 'chart-histogram';
  const w = wordsOf(report);
  const label = `${w.time}: distribution of successful devices`;
  const rb = rebin(report.histogram ?? []);
  const f: Frame = { l: 58, r: 14, t: 14, b: 36, h: 230 };
  if (!rb) return emptyChart(id, f.h, label, `${upperFirst(w.none)}: no distribution of the ${w.minutes}.`);
  const maxN = Math.max(...rb.bars.map(([, n]) => n), 1);
  const yt = ticks(0, maxN, 5);
  const yMax = Math.max(yt[yt.length - 1]!, maxN);
  const x = (m: number) => f.l + ((m - rb.from) / (rb.to - rb.from)) * plotW(f);
  const y = (n: number) => f.t + plotH(f) - (n / yMax) * plotH(f);
  const bw = plotW(f) / rb.bars.length;
  const gap = bw > 6 ? 1 : 0;
  const out = [svgOpen(id, f.h, label), yAxis(f, yt, y, tickLabel, 'devices')];
  for (const [m, n] of rb.bars) {
    if (!n) continue;
    out.push(
      `<rect x="${c(x(m) + gap / 2)}" y="${c(y(n))}" width="${c(bw - gap)}" height="${c(y(0) - y(n))}" fill="${COL.bar}"><title>${esc(`${tickLabel(m)}–${tickLabel(m + rb.width)} min: ${devicesText(n)}`)}</title></rect>`,
    );
  }
  out.push(xAxis(f, ticks(rb.from, rb.to, 8), x, tickLabel, `${w.minutes} (bars of ${tickLabel(rb.width)} min)`));
  if (rb.overflow) out.push(text(W - f.r, f.t + 10, `+ ${devicesText(rb.overflow)} beyond ${tickLabel(rb.to)} min`, `text-anchor="end" fill="${COL.axis}"`));
  out.push('</svg>');
  return out.join('\n');
}

function cdfSvg(report: FleetReport): string {
  const id = 'chart-cdf';
  const w = wordsOf(report);
  const label = `${w.time}: cumulative share of successful devices, with p50 and p90`;
  const rb = rebin(report.histogram ?? []);
  const f: Frame = { l: 58, r: 14, t: 14, b: 36, h: 210 };
  if (!rb) return emptyChart(id, f.h, label, `${upperFirst(w.none)}: no distribution of the ${w.minutes}.`);
  const h = report.histogram.filter(([m, n]) => isNum(m) && isNum(n) && n > 0).sort((a, b) => a[0] - b[0]);
  const total = h.reduce((s, [, n]) => s + n, 0);
  const x = (m: number) => f.l + ((Math.min(Math.max(m, rb.from), rb.to) - rb.from) / (rb.to - rb.from)) * plotW(f);
  const y = (p: number) => f.t + plotH(f) - p * plotH(f);
  const out = [svgOpen(id, f.h, label), yAxis(f, [0, 0.25, 0.5, 0.75, 1], y, (v) => `${v * 100}%`, 'share of devices')];
  // The share of successful devices at the desktop by each minute: linear inside each 0.25-minute
  // bin, flat across empty ones.
  let cum = 0;
  let d = `M${c(x(rb.from))} ${c(y(0))}`;
  for (const [m, n] of h) {
    if (m >= rb.to) break;
    d += `L${c(x(m))} ${c(y(cum / total))}`;
    cum += n;
    d += `L${c(x(m + SOURCE_BIN))} ${c(y(cum / total))}`;
  }
  d += `L${c(x(rb.to))} ${c(y(cum / total))}`;
  out.push(`<path d="${d}" fill="none" stroke="${COL.bar}" stroke-width="2"/>`);
  const t = report.timeToDesktop?.total;
  const marks: Array<[string, number | null | undefined, number]> = [
    ['p50', t?.p50, 0.5],
    ['p90', t?.p90, 0.9],
  ];
  for (const [name, v, q] of marks) {
    if (!isNum(v) || v > rb.to) continue;
    const xv = x(v);
    out.push(`<line x1="${c(xv)}" x2="${c(xv)}" y1="${c(y(0))}" y2="${c(y(q))}" stroke="${COL.line}" stroke-dasharray="4 3"/>`);
    out.push(`<line x1="${c(f.l)}" x2="${c(xv)}" y1="${c(y(q))}" y2="${c(y(q))}" stroke="${COL.line}" stroke-dasharray="4 3" stroke-opacity="0.6"/>`);
    out.push(`<circle cx="${c(xv)}" cy="${c(y(q))}" r="3.5" fill="${COL.line}"/>`);
    // Below and right of the point: the curve rises to the right, so that corner is clear.
    const right = xv < W - f.r - 90;
    out.push(
      text(right ? xv + 7 : xv - 7, y(q) + 15, `${name} ${quant(v)} min`, `text-anchor="${right ? 'start' : 'end'}" fill="${COL.line}" font-weight="600" stroke="#fff" stroke-width="3" paint-order="stroke"`),
    );
  }
  out.push(xAxis(f, ticks(rb.from, rb.to, 8), x, tickLabel, w.minutes));
  out.push('</svg>');
  return out.join('\n');
}

function phaseSvg(report: FleetReport): string {
  const id = 'chart-phases';
  const label = 'Mean minutes per device in each deployment phase';
  const rows = orderedPhases(report.phaseMinutes ?? {}).filter(([, v]) => isNum(v));
  const rowH = 24;
  const f: Frame = { l: 230, r: 70, t: 8, b: 34, h: 8 + 34 + Math.max(1, rows.length) * rowH };
  if (!rows.length) return emptyChart(id, 80, label, 'No phase timings in this report.');
  // The scale is the active phases': a pre-provisioned device's two days off between the flows
  // (2,880 minutes) drew the others as slivers. The waiting phase is given in words, with no bar.
  const active = rows.filter(([k]) => !phaseIsWaiting(k));
  const max = Math.max(...(active.length ? active : rows).map(([, v]) => v), 0.0001);
  const xt = ticks(0, max, 6);
  const xMax = Math.max(xt[xt.length - 1]!, max);
  const x = (v: number) => f.l + (v / xMax) * plotW(f);
  const out = [svgOpen(id, f.h, label)];
  for (const v of xt) out.push(`<line x1="${c(x(v))}" x2="${c(x(v))}" y1="${c(f.t)}" y2="${c(f.h - f.b)}" stroke="${COL.grid}"/>`);
  rows.forEach(([k, v], i) => {
    const yTop = f.t + i * rowH;
    const full = `${phaseMinutesLabel(k)} (${k})`;
    out.push(text(f.l - 8, yTop + rowH / 2 + 4, truncate(phaseIsWaiting(k) ? `${phaseLabel(k)} (waiting)` : phaseLabel(k), 36), `text-anchor="end" fill="${COL.text}"`));
    if (phaseIsWaiting(k) && active.length) {
      out.push(text(f.l + 5, yTop + rowH / 2 + 4, `${mins(v)} min, elapsed, not active time (no bar: off this scale)`, `fill="${COL.axis}" font-style="italic"`));
      return;
    }
    out.push(
      `<rect x="${c(f.l)}" y="${c(yTop + 4)}" width="${c(Math.max(0, x(v) - f.l))}" height="${c(rowH - 8)}" fill="${COL.bar}"><title>${esc(`${full}: ${mins(v)} min per device`)}</title></rect>`,
    );
    out.push(text(x(v) + 5, yTop + rowH / 2 + 4, `${mins(v)} min`, `fill="${COL.axis}"`));
  });
  out.push(xAxis(f, xt, x, tickLabel, 'mean minutes per device (all devices)'));
  out.push('</svg>');
  return out.join('\n');
}

/** A failure mode's phase as every report names it ("ESP: device setup", not the key deviceSetup). */
const failurePhase = (r: FailureRow) => (r.phase ? phaseLabel(r.phase) : 'unknown phase');
/** Its cause with the values filled in as the table shows them (the template read "while {app} was still installing"). */
const failureCause = (r: FailureRow) => String(r.causeSummary ?? r.cause ?? '');
const failureLabel = (r: FailureRow) => `${r.code} · ${failurePhase(r)} · ${failureCause(r)}`;

/** A label in lines no wider than `width`, broken after a space or a hyphen ('1. device-' / 'preparation'). */
function wrapAt(s: string, width: number, px: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of s.split(/(?<=[\s-])/)) {
    if (line && textWidth((line + token).trim(), px) > width) {
      lines.push(line);
      line = token;
    } else line += token;
  }
  if (line) lines.push(line);
  return lines;
}

/** Words in lines no wider than `width` (estimated, charts.ts textWidth); a word wider than a line is split. */
function wrap(s: string, width: number, px: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of s.split(/\s+/).filter(Boolean)) {
    while (textWidth(word, px) > width) {
      let n = word.length - 1;
      while (n > 1 && textWidth(word.slice(0, n), px) > width) n--;
      if (line) lines.push(line);
      lines.push(word.slice(0, n));
      line = '';
      word = word.slice(n);
    }
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, px) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function paretoSvg(report: FleetReport, suffix = ''): string {
  const id = `chart-pareto${suffix}`;
  const w = wordsOf(report);
  const label = `Failure Pareto: devices per failure (bars) and cumulative share of devices that did not ${w.reach} (line)`;
  const rows = (report.failures ?? []).slice(0, 10);
  if (!rows.length) return emptyChart(id, 80, label, 'No failures or fallbacks in this run.');
  const lineH = 13;
  const l = 290;
  // Each mode's label whole, in lines beside its bar: the code and its phase, then the cause (they
  // were cut at 44 and 50 characters, and a long code and phase ran off the chart's left edge).
  const labels = rows.map((r) => {
    const width = l - 8 - 4;
    const code = String(r.code);
    const head = `${code} · ${failurePhase(r)}`;
    const lines: Array<{ text: string; code?: string; cause?: boolean }> =
      textWidth(head) <= width ? [{ code, text: ` · ${failurePhase(r)}` }] : [{ code, text: '' }, ...wrap(failurePhase(r), width, 11).map((text) => ({ text }))];
    for (const text of wrap(failureCause(r), width, 10)) lines.push({ text, cause: true });
    return lines;
  });
  const rowHs = labels.map((ls) => Math.max(34, 10 + ls.length * lineH));
  const f: Frame = { l, r: 20, t: 40, b: 36, h: 40 + 36 + rowHs.reduce((a, b) => a + b, 0) };
  const maxN = Math.max(...rows.map((r) => Number(r.devices) || 0), 1);
  const xt = ticks(0, maxN, 5);
  const xMax = Math.max(xt[xt.length - 1]!, maxN);
  const x = (n: number) => f.l + (n / xMax) * plotW(f);
  const xp = (p: number) => f.l + Math.min(Math.max(p, 0), 1) * plotW(f);
  const out = [svgOpen(id, f.h, label)];
  // Top axis: cumulative share.
  for (const p of [0, 0.25, 0.5, 0.75, 1]) {
    out.push(`<line x1="${c(xp(p))}" x2="${c(xp(p))}" y1="${c(f.t - 4)}" y2="${c(f.t)}" stroke="${COL.line}"/>`);
    out.push(text(xp(p), f.t - 8, `${p * 100}%`, `text-anchor="middle" fill="${COL.line}"`));
  }
  out.push(`<line x1="${c(f.l)}" x2="${c(W - f.r)}" y1="${c(f.t)}" y2="${c(f.t)}" stroke="${COL.line}" stroke-opacity="0.5"/>`);
  out.push(text(f.l, 11, `cumulative share of devices that did not ${w.reach}`, `fill="${COL.line}"`));
  for (const v of xt) out.push(`<line x1="${c(x(v))}" x2="${c(x(v))}" y1="${c(f.t)}" y2="${c(f.h - f.b)}" stroke="${COL.grid}"/>`);
  const pts: string[] = [];
  let yTop = f.t;
  rows.forEach((r, i) => {
    const rowH = rowHs[i]!;
    const yMid = yTop + rowH / 2;
    const full = failureLabel(r);
    const lines = labels[i]!;
    const first = yMid - ((lines.length - 1) * lineH) / 2 + 4;
    lines.forEach((ln, k) => {
      const y = first + k * lineH;
      if (ln.code !== undefined) {
        out.push(`<text x="${c(f.l - 8)}" y="${c(y)}" text-anchor="end" fill="${COL.text}"><title>${esc(full)}</title><tspan font-weight="600">${esc(ln.code)}</tspan>${esc(ln.text)}</text>`);
      } else out.push(text(f.l - 8, y, ln.text, ln.cause ? `text-anchor="end" fill="${COL.axis}" font-size="10"` : `text-anchor="end" fill="${COL.text}"`));
    });
    const n = Number(r.devices) || 0;
    out.push(
      `<rect x="${c(f.l)}" y="${c(yMid - 10)}" width="${c(Math.max(0, x(n) - f.l))}" height="20" fill="${COL.barLight}"><title>${esc(`${full}: ${devicesText(n)}, ${pct(r.share)} (cumulative ${pct(r.cumulativeShare)})`)}</title></rect>`,
    );
    out.push(text(f.l + 4, yMid + 4, int(n), `fill="${COL.text}"`));
    if (isNum(r.cumulativeShare)) pts.push(`${c(xp(r.cumulativeShare))},${c(yMid)}`);
    yTop += rowH;
  });
  if (pts.length) {
    out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${COL.line}" stroke-width="2"/>`);
    for (const p of pts) {
      const [px, py] = p.split(',');
      out.push(`<circle cx="${px}" cy="${py}" r="3" fill="${COL.line}"/>`);
    }
  }
  out.push(xAxis(f, xt, x, tickLabel, 'devices'));
  out.push('</svg>');
  return out.join('\n');
}

/**
 * The ticks of a linear sweep's axis: the swept values themselves when they are a dozen or fewer
 * evenly spaced (apps=4..24:4 reads 4, 8, ... 24), else round numbers inside their range, and
 * whole numbers only where every value is one (a count of apps read 7.5 and 12.5).
 */
export function linearSweepTicks(values: number[]): number[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  const gaps = sorted.slice(1).map((v, i) => v - sorted[i]!);
  if (sorted.length <= 12 && gaps.every((g) => Math.abs(g - gaps[0]!) <= 1e-9 * Math.max(1, Math.abs(g)))) return sorted;
  const whole = sorted.every(Number.isInteger);
  for (const count of [8, 7, 6, 5, 4, 3]) {
    const t = ticks(lo, hi, count).filter((v) => v >= lo - 1e-9 && v <= hi + 1e-9);
    if (!whole || t.every(Number.isInteger)) return t;
  }
  return sorted.length <= 12 ? sorted : [lo, hi];
}

/**
 * A line over the swept values, with optional interval whiskers. Numbers sit on a true numeric
 * axis (log when the sweep's range was log: 120, 240, 480 equally apart); other values are
 * categories, evenly spaced.
 */
function sweepLineSvg(
  id: string,
  label: string,
  values: unknown[],
  ys: Array<number | null>,
  opts: { kind: SweepResult['scale']; lo?: Array<number | null>; hi?: Array<number | null>; yFmt: (v: number) => string; yTitle: string; xTitle: string; rate: boolean },
): string {
  const f: Frame = { l: 56, r: 20, t: 14, b: 40, h: 200 };
  const xs = values.map(valueLabel);
  // Categories and log values by name, each whole in up to two lines under its tick ('1. device-prepara…' was cut).
  const every = Math.max(1, Math.ceil(xs.length / 12));
  const room = plotW(f) / Math.max(1, xs.length / every) - 6;
  const xLines = xs.map((s) => {
    const lines = wrapAt(s, room, 11);
    return lines.length > 2 ? [lines[0]!, truncate(lines.slice(1).join(''), Math.max(4, Math.floor(room / 7)))] : lines;
  });
  const extra = xLines.some((l, i) => i % every === 0 && l.length > 1) ? 12 : 0;
  f.b += extra;
  f.h += extra;
  const vals = [...ys, ...(opts.lo ?? []), ...(opts.hi ?? [])].filter(isNum);
  if (!vals.length) return emptyChart(id, f.h, label, 'No values to plot.');
  let lo = Math.min(...vals);
  let hi = Math.max(...vals);
  if (opts.rate) {
    hi = 1;
    lo = Math.max(0, Math.min(lo, 1) - 0.02);
  } else {
    lo = 0;
  }
  if (hi - lo < 1e-9) hi = lo + 1;
  // The axis starts at a labelled tick: a rate of 19.5% sat on an unlabelled floor of 15.2%, under "20%".
  // And ends at one: a p90 of 130 minutes stood above the last label, 100.
  const yStep = niceStep(hi - lo, 5);
  lo = Math.floor(lo / yStep + 1e-9) * yStep;
  hi = Math.ceil(hi / yStep - 1e-9) * yStep;
  const yt = ticks(lo, hi, 5);
  lo = Math.min(lo, yt[0]!);
  hi = Math.max(hi, yt[yt.length - 1]!);
  const y = (v: number) => f.t + plotH(f) - ((v - lo) / (hi - lo)) * plotH(f);
  const numeric = opts.kind !== 'categorical' && values.length > 0 && values.every((v) => isNum(v) && (opts.kind !== 'log' || v > 0));
  const nums = numeric ? (values as number[]) : [];
  const pad = 14;
  const kind = opts.kind === 'log' ? 'log' : 'linear';
  const xNum = numeric ? scale(kind, Math.min(...nums), Math.max(...nums), f.l + pad, fw(f) - f.r - pad) : null;
  const step = plotW(f) / Math.max(1, xs.length);
  const x = (i: number) => (xNum ? xNum(nums[i]!) : f.l + (i + 0.5) * step);
  const out = [svgOpen(id, f.h, label), yAxis(f, yt, y, opts.yFmt, opts.yTitle)];
  const y0 = f.h - f.b;
  if (xNum && kind === 'linear') {
    out.push(xAxis(f, linearSweepTicks(nums), xNum, tickLabel, opts.xTitle));
  } else {
    // Log axis: a tick at each swept value (they are the round numbers of the range); categories: each label.
    out.push(`<line x1="${c(f.l)}" x2="${c(fw(f) - f.r)}" y1="${c(y0)}" y2="${c(y0)}" stroke="${COL.axis}"/>`);
    xs.forEach((s, i) => {
      out.push(`<line x1="${c(x(i))}" x2="${c(x(i))}" y1="${c(y0)}" y2="${c(y0 + 4)}" stroke="${COL.axis}"/>`);
      if (i % every === 0) xLines[i]!.forEach((line, k) => out.push(`<text x="${c(x(i))}" y="${c(y0 + 15 + k * 12)}" text-anchor="middle" fill="${COL.axis}"><title>${esc(s)}</title>${esc(line.trim())}</text>`));
    });
    out.push(text(f.l + plotW(f) / 2, f.h - 4, `${opts.xTitle}${xNum ? ' (log scale)' : ''}`, `text-anchor="middle" fill="${COL.axis}"`));
  }
  if (opts.lo && opts.hi) {
    xs.forEach((_, i) => {
      const a = opts.lo![i];
      const b = opts.hi![i];
      if (!isNum(a) || !isNum(b)) return;
      out.push(`<line x1="${c(x(i))}" x2="${c(x(i))}" y1="${c(y(a))}" y2="${c(y(b))}" stroke="${COL.band}" stroke-width="6" stroke-linecap="round"/>`);
    });
  }
  // A line joins values on a scale; categories (recommend's ranked scenarios) are points, not a trend.
  const d = numeric ? linePath(ys.map((v, i) => [x(i), isNum(v) ? y(v) : null])) : '';
  if (d) out.push(`<path d="${d}" fill="none" stroke="${COL.bar}" stroke-width="2"/>`);
  ys.forEach((v, i) => {
    if (!isNum(v)) return;
    out.push(`<circle cx="${c(x(i))}" cy="${c(y(v))}" r="3.5" fill="${COL.bar}" data-value="${esc(xs[i])}"><title>${esc(`${xs[i]}: ${opts.yFmt(v)}`)}</title></circle>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

/** Narrow charts, side by side: one per group, site or shared resource. */
const SMALL_W = 360;
const TITLE_LINE = 13;

/**
 * Small multiples' titles whole, in up to three lines (a long group or site name was cut at 40
 * characters); every panel of a row of them takes the same number, so their axes line up.
 */
function panelTitles(names: string[], width: number): { of: string[][]; lines: number } {
  // Bold type runs about a tenth wider than the estimate's regular.
  const of = names.map((n) => {
    const lines = wrap(String(n), width / 1.1, 11);
    return lines.length > 3 ? [...lines.slice(0, 2), truncate(lines.slice(2).join(' '), Math.max(4, Math.floor(width / 1.1 / 7)))] : lines;
  });
  return { of, lines: Math.max(1, ...of.map((l) => l.length)) };
}

/**
 * One small histogram per group or site, on the same minutes axis and the same bar width (the
 * whole fleet's), each scaled to its own tallest bar, with its p50 and p90 marked.
 */
function sliceMultiples(kind: 'group' | 'site', slices: Slice[], pooled: Array<[number, number]>): string {
  const rb = rebin(pooled, 30);
  if (!rb || slices.length < 2) return '';
  const titles = panelTitles(slices.map((s) => s.name), SMALL_W - 58 - 10);
  const more = (titles.lines - 1) * TITLE_LINE;
  const panels = slices.map((s, k) => {
    const id = `chart-${kind}-${k}`;
    const w = wordsOf(s);
    const label = `${w.time}, ${kind} ${s.name}: ${int(s.succeeded)} of ${devicesText(s.devices)} ${w.reached}`;
    const f: Frame = { w: SMALL_W, l: 58, r: 10, t: 30 + more, b: 32, h: 170 + more };
    const { bars, overflow } = binInto(s.histogram ?? [], rb.from, rb.to, rb.width);
    const maxN = Math.max(1, ...bars.map(([, n]) => n));
    const yt = ticks(0, maxN, 3);
    const yMax = Math.max(yt[yt.length - 1]!, maxN);
    const x = (m: number) => f.l + ((m - rb.from) / (rb.to - rb.from)) * plotW(f);
    const y = (n: number) => f.t + plotH(f) - (n / yMax) * plotH(f);
    const out = [svgOpen(id, f.h, label, SMALL_W), ...titles.of[k]!.map((t, i) => text(f.l, 12 + i * TITLE_LINE, t, `font-weight="600" fill="${COL.text}"`))];
    out.push(text(f.l, 25 + more, `${pct(s.successRate)} success${isNum(s.p50) ? ` · p50 ${quant(s.p50)} · p90 ${quant(s.p90)} min` : ''}`, `fill="${COL.axis}" font-size="10"`));
    if (!s.succeeded) {
      out.push(text(f.l + plotW(f) / 2, f.t + plotH(f) / 2, upperFirst(w.none), `text-anchor="middle" fill="${COL.axis}"`));
    } else {
      out.push(yAxis(f, yt, y, tickLabel, 'devices'));
      const bw = plotW(f) / bars.length;
      for (const [m, n] of bars) if (n) out.push(`<rect x="${c(x(m) + 0.5)}" y="${c(y(n))}" width="${c(Math.max(0.5, bw - 1))}" height="${c(y(0) - y(n))}" fill="${COL.bar}"><title>${esc(`${tickLabel(m)}–${tickLabel(m + rb.width)} min: ${devicesText(n)}`)}</title></rect>`);
      for (const [name, v] of [['p50', s.p50], ['p90', s.p90]] as const) {
        if (!isNum(v) || v < rb.from || v > rb.to) continue;
        out.push(`<line x1="${c(x(v))}" x2="${c(x(v))}" y1="${c(f.t)}" y2="${c(y(0))}" stroke="${COL.line}" stroke-dasharray="3 3"><title>${name} ${quant(v)} min</title></line>`);
      }
      if (overflow) out.push(text(fw(f) - f.r, f.t + 8, `+ ${int(overflow)} beyond`, `text-anchor="end" fill="${COL.axis}" font-size="10"`));
    }
    out.push(xAxis(f, ticks(rb.from, rb.to, 4), x, tickLabel, w.minutes));
    out.push('</svg>');
    return `<figure class="small">${out.join('\n')}</figure>`;
  });
  return `<div class="multiples" id="${kind}-multiples">\n${panels.join('\n')}\n</div>`;
}

/** Each shared resource over the rollout, hour by hour: use of capacity (100% dashed) above, the longest wait below. */
function loadMultiples(shown: ResourceLoad[], idSuffix = '', folded: FoldedLinks | null = null): string {
  // The folded links draw as one panel more: the busiest of them each hour, under their capacities (a subtitle with their
  // peaks too ran past the panel's edge; the table's last row gives them).
  const loads: Array<ResourceLoad & { subtitle?: string }> = folded
    ? [...shown, { kind: 'link', name: foldedName(folded), capacity: 0, unit: 'Mbps', peakDemand: 0, meanDemand: 0, totalDemand: 0, peakUtilisation: 0, saturatedHours: 0, maxQueueMinutes: 0, hours: folded.hours, subtitle: `the busiest of them each hour · ${rangeText(folded.capacity, int)} Mbps` }]
    : shown;
  const names = loads.map((l, k) => (l.kind === 'link' && k < shown.length ? `${l.name} link` : l.name));
  const titles = panelTitles(names, SMALL_W - 54 - 10);
  const lastHour = Math.max(1, ...loads.map((l) => (l.hours?.length ? l.hours[l.hours.length - 1]!.hour + 1 : 0)));
  const more = (titles.lines - 1) * TITLE_LINE;
  const panels = loads.map((l, k) => {
    const name = names[k]!;
    const id = `chart-load${idSuffix}-${k}`;
    const label = `${name}: use of capacity and longest wait, hour by hour over the rollout`;
    const hours = l.hours ?? [];
    // Room on the left for "100%" and the turned axis title beside it.
    const top: Frame = { w: SMALL_W, l: 54, r: 10, t: 30 + more, b: 18, h: 130 + more };
    const bottom: Frame = { w: SMALL_W, l: 54, r: 10, t: 142 + more, b: 32, h: 230 + more };
    const out = [svgOpen(id, bottom.h, label, SMALL_W), ...titles.of[k]!.map((t, i) => text(top.l, 12 + i * TITLE_LINE, t, `font-weight="600" fill="${COL.text}"`))];
    out.push(text(top.l, 25 + more, l.subtitle ?? `capacity ${int(l.capacity)} ${l.unit} · peak ${pct(l.peakUtilisation)} · ${int(l.saturatedHours)} h over`, `fill="${COL.axis}" font-size="10"`));
    if (!hours.length) {
      out.push(text(SMALL_W / 2, 100, 'No demand', `text-anchor="middle" fill="${COL.axis}"`), '</svg>');
      return `<figure class="small">${out.join('\n')}</figure>`;
    }
    // One hours axis for every panel, as the time charts share one minutes axis: a link that
    // queues for 85 hours drew its rollout 2.4 times as wide as the head office's 35 beside it.
    const last = lastHour;
    const x = (h: number) => top.l + (h / last) * plotW(top);
    const uMax = Math.max(1.25, ...hours.map((h) => h.utilisation));
    const ut = ticks(0, uMax, 3);
    // The top of the axis has its label: a link at 171% had only 0% and 100% marked.
    if (ut[ut.length - 1]! < uMax - 1e-9) ut.push(Math.round((ut[ut.length - 1]! + (ut[1] ?? 1) - ut[0]!) * 1e6) / 1e6);
    const uTop = ut[ut.length - 1]!;
    const yu = (u: number) => top.t + plotH(top) - (u / uTop) * plotH(top);
    out.push(yAxis(top, ut, yu, (v) => `${Math.round(v * 100)}%`, 'use'));
    out.push(`<line x1="${c(top.l)}" x2="${c(fw(top) - top.r)}" y1="${c(yu(1))}" y2="${c(yu(1))}" stroke="${COL.line}" stroke-dasharray="4 3"><title>capacity</title></line>`);
    out.push(`<path d="${linePath(hours.map((h) => [x(h.hour + 0.5), yu(h.utilisation)]))}" fill="none" stroke="${COL.bar}" stroke-width="1.5"/>`);
    // The wait: the queue the second pass applied, in minutes.
    const qMax = Math.max(1, ...hours.map((h) => h.queueMinutes));
    const qt = ticks(0, qMax, 3);
    const qTop = Math.max(qt[qt.length - 1]!, qMax);
    const bf: Frame = { ...bottom, t: bottom.t, h: bottom.h };
    const yq = (q: number) => bf.t + (bf.h - bf.t - bf.b) - (q / qTop) * (bf.h - bf.t - bf.b);
    out.push(yAxis(bf, qt, yq, tickLabel, 'wait min'));
    out.push(`<path d="${linePath(hours.map((h) => [x(h.hour + 0.5), yq(h.queueMinutes)]))}" fill="none" stroke="${COL.line}" stroke-width="1.5"/>`);
    out.push(xAxis(bf, ticks(0, last, 4), x, tickLabel, 'hours from the start of the rollout'));
    out.push('</svg>');
    return `<figure class="small">${out.join('\n')}</figure>`;
  });
  return `<div class="multiples" id="load-multiples${idSuffix}">\n${panels.join('\n')}\n</div>`;
}

/** Both runs' time-to-desktop distributions on one axis (A filled, B outlined), as shares of each run's successful devices. */
function overlaySvg(cmp: CompareResult): string {
  const id = 'chart-compare-overlay';
  const a = cmp.a.report.histogram ?? [];
  const b = cmp.b.report.histogram ?? [];
  const w = wordsOfAll([cmp.a.report, cmp.b.report]);
  const label = `${w.time}, ${cmp.a.label} (A) and ${cmp.b.label} (B), share of each run's successful devices`;
  // The legend's two runs side by side where both fit, else one under the other, each whole
  // ('A: Today: user-driven with the current VPN…' was cut at 40 characters).
  const legendA = `A: ${cmp.a.label}`;
  const legendB = `B: ${cmp.b.label}`;
  const stacked = textWidth(legendA) > 280 || textWidth(legendB) > W - 58 - 14 - 316;
  const room = W - 58 - 14 - 16;
  const f: Frame = { l: 58, r: 14, t: stacked ? 41 : 26, b: 36, h: stacked ? 255 : 240 };
  const merged = new Map<number, number>();
  for (const [m, n] of [...a, ...b]) merged.set(m, (merged.get(m) ?? 0) + n);
  const rb = rebin([...merged].sort((x, y) => x[0] - y[0]), 40);
  if (!rb) return emptyChart(id, f.h, label, `${upperFirst(w.none)} in either run.`);
  const A = binInto(a, rb.from, rb.to, rb.width);
  const B = binInto(b, rb.from, rb.to, rb.width);
  const share = (n: number, t: number) => (t ? n / t : 0);
  const maxS = Math.max(0.0001, ...A.bars.map(([, n]) => share(n, A.total)), ...B.bars.map(([, n]) => share(n, B.total)));
  const yt = ticks(0, maxS, 4);
  const yMax = Math.max(yt[yt.length - 1]!, maxS);
  const x = (m: number) => f.l + ((m - rb.from) / (rb.to - rb.from)) * plotW(f);
  const y = (v: number) => f.t + plotH(f) - (v / yMax) * plotH(f);
  const out = [svgOpen(id, f.h, label), yAxis(f, yt, y, (v) => `${Math.round(v * 1000) / 10}%`, 'share of devices')];
  const bw = plotW(f) / A.bars.length;
  for (const [m, n] of A.bars) if (n) out.push(`<rect class="a" x="${c(x(m) + 0.5)}" y="${c(y(share(n, A.total)))}" width="${c(Math.max(0.5, bw - 1))}" height="${c(y(0) - y(share(n, A.total)))}" fill="${COL.barLight}"><title>${esc(`A ${tickLabel(m)}–${tickLabel(m + rb.width)} min: ${devicesText(n)}`)}</title></rect>`);
  let d = `M${c(x(rb.from))} ${c(y(0))}`;
  for (const [m, n] of B.bars) d += `L${c(x(m))} ${c(y(share(n, B.total)))}L${c(x(m + rb.width))} ${c(y(share(n, B.total)))}`;
  d += `L${c(x(rb.to))} ${c(y(0))}`;
  out.push(`<path class="b" d="${d}" fill="none" stroke="${COL.line}" stroke-width="2"/>`);
  const fit = (s: string) => (textWidth(s) <= room ? s : truncate(s, Math.floor(room / 6.6)));
  const [bx, by] = stacked ? [f.l, 15] : [f.l + 300, 0];
  out.push(`<rect x="${c(f.l)}" y="6" width="12" height="10" fill="${COL.barLight}"/>`, text(f.l + 16, 15, fit(legendA), `fill="${COL.text}"`));
  out.push(`<line x1="${c(bx)}" x2="${c(bx + 12)}" y1="${c(by + 11)}" y2="${c(by + 11)}" stroke="${COL.line}" stroke-width="2"/>`, text(bx + 16, by + 15, fit(legendB), `fill="${COL.text}"`));
  out.push(xAxis(f, ticks(rb.from, rb.to, 8), x, tickLabel, `${w.minutes} (bars of ${tickLabel(rb.width)} min)`));
  out.push('</svg>');
  return out.join('\n');
}

// ── Tables ────────────────────────────────────────────────────────────────────────────────────

interface Col {
  head: string;
  /** Share of the table width, percent (the table has a fixed layout so it never outgrows the page). */
  width: number;
  num?: boolean;
}

function table(cls: string, cols: Col[], rows: string[][], caption?: string): string {
  const colgroup = cols.map((col) => `<col style="width:${col.width}%">`).join('');
  const th = cols.map((col) => `<th${col.num ? ' class="num"' : ''}>${col.head}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell, i) => `<td${cols[i]?.num ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table class="${cls}">${caption ? `<caption>${caption}</caption>` : ''}<colgroup>${colgroup}</colgroup>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** A rate with its interval for a table cell: may wrap between the two, never inside either. */
function ivCell(r: unknown, iv: unknown): string {
  const t = pctWithInterval(r, iv);
  const i = t.indexOf(' (');
  return i < 0 ? esc(t) : `<span class="nw">${esc(t.slice(0, i))}</span> <span class="nw">${esc(t.slice(i + 1))}</span>`;
}

/** The headline; in a compare, `run` names the run ("A: today") and `id` tells B's cards from A's. */
function headlineSection(r: FleetReport, run = '', id = ''): string {
  const t = r.timeToDesktop ?? ({} as FleetReport['timeToDesktop']);
  const w = wordsOf(r);
  const Reached = upperFirst(w.reached);
  // Green where the run meets the bar its own warnings hold it to, red below it (0.0% was green); B's the same as A's.
  const rateTone = (r.warnings ?? []).some((w) => w.kind === 'low-success') ? 'low' : 'good';
  const cards = [
    ['Success rate (95% interval)', pctWithInterval(r.successRate, r.successInterval95), 'headline-success'],
    ['First-time-right', pct(r.firstTimeRightRate), 'headline-ftr'],
    [`${w.time}, p90`, isNum(t.total?.p90) ? `${quant(t.total.p90)} min` : DASH, 'headline-p90'],
    ['Devices', int(r.devices), 'headline-devices'],
  ]
    .map(([k, v, card]) => `<div class="card"><div class="k">${esc(k)}</div><div class="${card === 'headline-success' ? `v ${rateTone}` : 'v'}" id="${card}${id}">${esc(v)}</div></div>`)
    .join('\n');
  const share = (n: unknown) => (isNum(n) && isNum(r.devices) && r.devices > 0 ? pct(n / r.devices) : DASH);
  const outcome = table(
    'outcomes',
    [{ head: 'Outcome', width: 64 }, { head: 'Devices', width: 18, num: true }, { head: 'Share', width: 18, num: true }],
    [
      [esc(Reached), esc(int(r.succeeded)), esc(share(r.succeeded))],
      [esc(`First-time-right (${w.reached} without hitting an error)`), esc(int(r.firstTimeRight)), esc(pct(r.firstTimeRightRate))],
      [esc('Failed'), esc(int(r.failed)), esc(share(r.failed))],
      [esc('Fell back to standard OOBE'), esc(int(r.fellBackToOobe)), esc(share(r.fellBackToOobe))],
      [esc('Stopped (simulation limit reached)'), esc(int(r.stopped)), esc(share(r.stopped))],
      ['<strong>All devices</strong>', `<strong>${esc(int(r.devices))}</strong>`, ''],
    ],
    `Success rate ${esc(pctWithInterval(r.successRate, r.successInterval95))} (Wilson 95% interval).`,
  );
  const pRow = (name: string, p: Percentiles | undefined) => [esc(name), ...(['p50', 'p75', 'p90', 'p99'] as const).map((k) => esc(quant(p?.[k]))), esc(mins(p?.mean))];
  const perc = table(
    'percentiles',
    [{ head: `M${w.minutes.slice(1)}`, width: 40 }, ...['p50', 'p75', 'p90', 'p99', 'mean'].map((head) => ({ head, width: 12, num: true }))],
    [pRow('Total (active deployment time)', t.total), pRow('End user', t.endUser), ...(t.technician && technicianShown(r) ? [pRow('Technician (pre-provisioning)', t.technician)] : [])],
    'Successful devices only.',
  );
  // The run's own warnings under its numbers, as the terminal and Markdown put them (they stood under "Shared resources", also in a fleet without any).
  const warnings = warningParagraphs((r.warnings ?? []).filter((w) => !RESOURCE_WARNINGS.has(w.kind)));
  const fit = fitNote(r);
  return `<section id="headline${id}">\n<h2>Headline numbers${run ? `: ${esc(run)}` : ''}</h2>\n<div class="cards">\n${cards}\n</div>\n${fit ? `<p class="note">${esc(fit)}</p>\n` : ''}${warnings ? `${warnings}\n` : ''}${outcome}\n${perc}\n</section>`;
}

function timeSection(r: FleetReport, run = ''): string {
  const shownSites = sitesShown(r.sites ?? []);
  const w = wordsOf(r);
  return `<section id="time-to-desktop">
<h2>${esc(w.time)}${run ? `: ${esc(run)}` : ''}</h2>
<p class="note">Active deployment time of the devices that ${esc(w.reached)}: end-user, technician and unattended time (waiting to be shipped after pre-provisioning is not counted).</p>
<div class="grid2">
<figure>${histogramSvg(r)}<figcaption>Distribution of the ${esc(w.minutes)} (successful devices, the whole fleet).</figcaption></figure>
<figure>${cdfSvg(r)}<figcaption>Cumulative share of successful devices that ${esc(w.reached)} by a given minute, with p50 and p90 marked.</figcaption></figure>
</div>
${(r.groups ?? []).length > 1 ? `<h3>By group</h3>\n<p class="note">One chart per group, on the same minutes axis; each scaled to its own tallest bar; p50 and p90 dashed.</p>\n${sliceMultiples('group', r.groups, r.histogram ?? [])}` : ''}
${(r.sites ?? []).length > 1 ? `<h3>By site</h3>\n${shownSites.folded ? `<p class="note">${esc(foldedSitesNote(shownSites.folded, false))}</p>\n` : ''}${sliceMultiples('site', shownSites.folded ? [...shownSites.shown, shownSites.folded] : r.sites, r.histogram ?? [])}` : ''}
</section>`;
}

function phaseSection(r: FleetReport, run = ''): string {
  const rows = orderedPhases(r.phaseMinutes ?? {});
  // Shares of active time: a waiting phase (the device off between flows) is elapsed time, apart.
  const sum = rows.reduce((s, [k, v]) => s + (isNum(v) && !phaseIsWaiting(k) ? v : 0), 0);
  const tbl = table(
    'phases',
    [{ head: 'Phase', width: 40 }, { head: 'Key', width: 24 }, { head: 'Mean minutes per device', width: 20, num: true }, { head: 'Share of active time', width: 16, num: true }],
    rows.map(([k, v]) => [esc(phaseMinutesLabel(k)), `<code>${esc(k)}</code>`, esc(mins(v)), phaseIsWaiting(k) ? `<span class="muted">${DASH}</span>` : esc(pct(sum > 0 && isNum(v) ? v / sum : null))]),
  );
  return `<section id="phases">
<h2>Phase breakdown${run ? `: ${esc(run)}` : ''}</h2>
<p class="note">Mean minutes each device spent in each phase, over all devices (including those that failed); ESP is the Enrollment Status Page. A waiting phase (a pre-provisioned device off between the technician's flow and the user's) is elapsed time, not active time, and has no share of it.</p>
<figure>${phaseSvg(r)}<figcaption>Mean minutes per device in each phase.</figcaption></figure>
${rows.length ? tbl : '<p>No phase timings.</p>'}
</section>`;
}

const MAX_FAILURE_ROWS = 30;
const PARETO_COLS: Col[] = [
  { head: 'Code', width: 18 },
  { head: 'Message on screen', width: 24 },
  { head: 'Phase', width: 12 },
  { head: 'Cause', width: 18 },
  { head: 'Devices', width: 9, num: true },
  { head: 'Share', width: 9, num: true },
  { head: 'Cumu&shy;lative', width: 10, num: true },
];

/** With a replay command, the Pareto names each mode's first device (the message column gives it the room). */
const REPLAY_PARETO_COLS: Col[] = PARETO_COLS.map((c) => (c.head === 'Message on screen' ? { ...c, width: c.width - 8 } : c)).concat({ head: 'First device', width: 8, num: true });

function failureSection(r: FleetReport, run = '', id = '', replay?: string): string {
  const all = r.failures ?? [];
  const shown = all.slice(0, MAX_FAILURE_ROWS);
  const rest = all.slice(MAX_FAILURE_ROWS);
  const message = (m: string | null) => {
    if (!m) return `<span class="muted">${DASH}</span>`;
    // The catalogue brackets descriptions that are not Microsoft's on-screen wording.
    return /^\[.*\]$/.test(m) ? `<span class="desc">${esc(m)}</span>` : `“${esc(m)}”`;
  };
  // A mode whose devices said different things (a technician's red screen and a user's sign-in) gives each in its own words.
  const messages = (f: FailureRow) => (f.messages?.length ? f.messages.map((m) => `${message(m.message)} (${esc(devicesText(m.devices))})`).join('; ') : message(f.message));
  const rows = shown.map((f) => [
    `<code>${esc(f.code)}</code>`,
    messages(f),
    esc(f.phase ? phaseLabel(f.phase) : 'unknown phase'),
    esc(f.causeSummary ?? f.cause),
    esc(int(f.devices)),
    esc(pct(f.share)),
    esc(pct(f.cumulativeShare)),
    ...(replay !== undefined ? [esc(String(f.exampleDevice))] : []),
  ]);
  if (rest.length) {
    const n = rest.reduce((s, f) => s + (Number(f.devices) || 0), 0);
    const last = rest[rest.length - 1]!;
    rows.push([`<em>${esc(`${rest.length} more`)}</em>`, '', '', '', esc(int(n)), esc(pct(rest.reduce((s, f) => s + (Number(f.share) || 0), 0))), esc(pct(last.cumulativeShare)), ...(replay !== undefined ? [''] : [])]);
  }
  const notOk = (r.devices ?? 0) - (r.succeeded ?? 0);
  const words = wordsOf(r);
  return `<section id="failures${id}">
<h2>Failures and fallbacks${run ? `: ${esc(run)}` : ''}</h2>
<p class="note">${esc(devicesText(notOk))} did not ${esc(words.reach)}. Each row is one failure mode (code, phase and cause), most frequent first; share is of the devices that did not ${esc(words.reach)}, with the running total (a Pareto).</p>
<figure>${paretoSvg(r, id)}<figcaption>${all.length ? `Failure Pareto, top ${esc(String(Math.min(10, all.length)))}: code · phase · cause.` : 'Failure Pareto: no failures or fallbacks.'}</figcaption></figure>
${all.length ? table('pareto', replay !== undefined ? REPLAY_PARETO_COLS : PARETO_COLS, rows) : '<p>No failures or fallbacks.</p>'}
${shown.filter((f) => f.estimate).map((f) => `<p class="finding warning" data-kind="estimated-chance">${esc(f.estimate!.text)}</p>\n`).join('')}${all.length && replay !== undefined ? `<p class="note">Follow a failure step by step on its first device: <code>${esc(`${replay} --device ${all[0]!.exampleDevice}`)}</code>.</p>` : ''}
</section>`;
}

/** Caveats of successful deployments (src/catalog/findings.ts); nothing when there are none. */
function findingsSection(r: FleetReport, run = ''): string {
  const all = r.findings ?? [];
  if (!all.length) return '';
  const cols: Col[] = [
    { head: 'Finding', width: 24 },
    { head: 'What happens', width: 52 },
    { head: 'Devices', width: 10, num: true },
    { head: 'Of successful', width: 14, num: true },
  ];
  const rows = all.map((f) => [`<code>${esc(f.id)}</code>`, esc(f.text), esc(int(f.devices)), esc(pct(f.shareOfSucceeded))]);
  return `<section id="findings">
<h2>Findings on successful devices${run ? `: ${esc(run)}` : ''}</h2>
<p class="note">These devices ${esc(wordsOf(r).reached)}, but the deployment got something wrong that the documents describe.</p>
${table('findings', cols, rows)}
</section>`;
}

function sliceTable(cls: string, kind: string, slices: Slice[], withTopFailure: boolean, w: SuccessWords): string {
  const mean = `Mean ${w.minutes.replace(/^minutes/, 'min')}`;
  const cols: Col[] = withTopFailure
    ? [
        { head: kind, width: 16 },
        { head: 'Devices', width: 9, num: true },
        { head: 'Success rate (95% interval)', width: 18, num: true },
        { head: 'First-time-right', width: 10, num: true },
        { head: mean, width: 10, num: true },
        { head: 'Mean end-user min', width: 10, num: true },
        { head: 'Top failure', width: 27 },
      ]
    : [
        { head: kind, width: 26 },
        { head: 'Devices', width: 12, num: true },
        { head: 'Success rate (95% interval)', width: 20, num: true },
        { head: 'First-time-right', width: 14, num: true },
        { head: mean, width: 14, num: true },
        { head: 'Mean end-user min', width: 14, num: true },
      ];
  const rows = slices.map((s) => {
    const row = [
      esc(s.name),
      esc(int(s.devices)),
      s.devices ? ivCell(s.successRate, s.successInterval95) : `<span class="muted">${DASH}</span>`,
      s.devices ? esc(pct(s.firstTimeRightRate)) : `<span class="muted">${DASH}</span>`,
      esc(mins(s.meanMinutesToDesktop)),
      esc(mins(s.meanEndUserMinutes)),
    ];
    if (withTopFailure) row.push(s.topFailure ? esc(failureText(s.topFailure, phaseLabel)) : `<span class="muted">${DASH}</span>`);
    return row;
  });
  return table(cls, cols, rows);
}

function slicesSection(r: FleetReport, run = ''): string {
  const groups = r.groups ?? [];
  const shown = sitesShown(r.sites ?? []);
  const sites = shown.folded ? [...shown.shown, shown.folded] : (r.sites ?? []);
  return `<section id="groups">
<h2>Device groups${run ? `: ${esc(run)}` : ''}</h2>
${groups.length ? sliceTable('groups', 'Group', groups, true, wordsOf(r)) : '<p>No groups.</p>'}
</section>
<section id="sites">
<h2>Sites${run ? `: ${esc(run)}` : ''}</h2>
${sites.length ? sliceTable('sites', 'Site', sites, false, wordsOf(r)) : '<p>No sites.</p>'}${shown.folded ? `\n<p class="note">${esc(foldedSitesNote(shown.folded, false))}</p>` : ''}${r.siteStarts ? `\n<p class="note">${esc(r.siteStarts.text)}</p>` : ''}
</section>`;
}

function sweepSection(s: SweepResult, title?: string): string {
  const rows = s.rows ?? [];
  const fit = sweepFitNote({ ...s, rows });
  const xs = rows.map((r) => valueLabel(r.value));
  const field = String(s.field ?? '');
  const values = rows.map((r) => r.value);
  const kind = s.scale ?? 'categorical';
  // Where the values' successes ended (a sweep of a reset fleet's timer read 'Time to desktop p90').
  const words = wordsOfAll(rows);
  const success = sweepLineSvg('chart-sweep-success', `Success rate against ${field}`, values, rows.map((r) => (isNum(r.successRate) ? r.successRate : null)), {
    kind,
    lo: rows.map((r) => (Array.isArray(r.successInterval95) && isNum(r.successInterval95[0]) ? r.successInterval95[0] : null)),
    hi: rows.map((r) => (Array.isArray(r.successInterval95) && isNum(r.successInterval95[1]) ? r.successInterval95[1] : null)),
    yFmt: (v) => `${Math.round(v * 1000) / 10}%`,
    yTitle: 'success rate',
    xTitle: field,
    rate: true,
  });
  const p90 = sweepLineSvg('chart-sweep-p90', `${words.time} p90 against ${field}`, values, rows.map((r) => (isNum(r.p90) ? r.p90 : null)), {
    kind,
    yFmt: (v) => tickLabel(v),
    yTitle: 'p90 minutes',
    xTitle: field,
    rate: false,
  });
  const tbl = table(
    'sweep',
    [
      { head: esc(field), width: 13 },
      { head: 'Devices', width: 9, num: true },
      { head: 'Success rate (95% interval)', width: 18, num: true },
      { head: 'p50 min', width: 8, num: true },
      { head: 'p90 min', width: 8, num: true },
      { head: 'Mean end-user min', width: 10, num: true },
      { head: 'Top failure', width: 34 },
    ],
    rows.map((r, i) => [
      esc(xs[i]),
      esc(int(r.devices)),
      ivCell(r.successRate, r.successInterval95),
      esc(quant(r.p50)),
      esc(quant(r.p90)),
      esc(mins(r.meanEndUserMinutes)),
      r.topFailure ? esc(failureText(r.topFailure, phaseLabel)) : `<span class="muted">${DASH}</span>`,
    ]),
  );
  return `<section id="sweep">
<h2>${title ? esc(title) : `Sweep: <code>${esc(field)}</code>`}</h2>
${s.finding ? `<p class="finding" id="sweep-finding">${esc(s.finding)}</p>` : '<p class="note" id="sweep-finding">No threshold found in the swept range.</p>'}
${fit ? `<p class="note">${esc(fit)}</p>\n` : ''}<div class="grid2">
<figure>${success}<figcaption>Success rate against ${esc(field)}, with 95% intervals${kind === 'log' ? ' (log scale: each value a multiple of the last)' : kind === 'linear' ? ' (values spaced by their size)' : ''}.</figcaption></figure>
<figure>${p90}<figcaption>${esc(words.time)} p90 (minutes, successful devices) against ${esc(field)}.</figcaption></figure>
</div>
${rows.length ? tbl : '<p>No sweep rows.</p>'}
</section>`;
}

/**
 * recommend's answer as its terminal gives it: the sentence, the plan (one scenario, a split, or each group's own), the
 * ranking's scores with each scenario's reason and the rule, and each group's own answer (the page had the winner's
 * figures alone: no plan, no scores, no per-group answers).
 */
function recommendationSection(rec: Recommendation): string {
  const plan = table(
    'plan',
    [
      { head: 'Scenario', width: 22 },
      { head: 'Groups', width: 63 },
      { head: 'Devices', width: 15, num: true },
    ],
    rec.recommendation.deploy.map((d) => [d.scenario ? esc(d.scenario) : `<span class="muted">none fits</span>`, esc(d.groups.map((g) => `“${g}”`).join(', ')), esc(int(d.devices))]),
  );
  const scores = rec.ranking.length
    ? `${table(
        'scores',
        [
          { head: '#', width: 4, num: true },
          { head: 'Scenario', width: 17 },
          { head: 'Success rate (95% interval)', width: 17, num: true },
          { head: 'p50 user min', width: 8, num: true },
          { head: 'Score', width: 8, num: true },
          { head: 'Why', width: 46 },
        ],
        rec.ranking.map((r) => [esc(int(r.rank)), esc(r.scenario), ivCell(r.summary.successRate, r.summary.interval), esc(mins(r.summary.p50EndUser)), esc(scoreText(r.score)), esc(r.why)]),
      )}
<p class="note" id="score-rule">${esc(rec.scoreRule)}</p>`
    : '<p class="note">No scenario fits the whole fleet: nothing is ranked.</p>';
  const asides = [rec.entraAlternative?.sentence, rec.joinSplit?.sentence, splitAside(rec.split)].filter((x): x is string => Boolean(x));
  return `<section id="recommendation">
<h2>Recommendation</h2>
<p class="finding" id="answer">${esc(rec.recommendation.sentence)}</p>
${plan}
${asides.map((a) => `<p class="note">${esc(a)}</p>`).join('\n')}
<h3>Scores</h3>
${scores}
${rec.perGroup.length ? `<h3>Each group on its own devices</h3>\n<ul id="per-group">\n${rec.perGroup.map((g) => `<li>${esc(g.sentence)}</li>`).join('\n')}\n</ul>` : ''}
</section>`;
}

function diffCells(d: Difference): string[] {
  const x = differenceText(d);
  const [lo, hi] = x.interval.split(' to ');
  const iv = hi === undefined ? esc(x.interval) : `<span class="nw">${esc(lo)}</span> to <span class="nw">${esc(hi)}</span>`;
  // Capitalised as a sentence, except a percentile, which every report writes p50 ('P50 minutes to desktop' beside p50 columns).
  const metric = /^p\d/.test(x.label) ? x.label : upperFirst(x.label);
  return [esc(metric), esc(x.a), esc(x.b), esc(x.difference), iv, esc(x.excludesZero)];
}

/** Per group or per site: success in A and B, the difference in points with its interval, mean minutes. */
function compareSlices(kind: string, slices: CompareResult['groups']): string {
  if (slices.length < 2) return '';
  const rows = slices.map((x) => {
    const t = sliceDifferenceText(x);
    return [esc(t.name), esc(t.devices), esc(t.a), esc(t.b), esc(t.difference), esc(t.interval), esc(t.minutes)];
  });
  return `<h3>Per ${kind.toLowerCase()}</h3>\n${table(`compare-${kind.toLowerCase()}s`, [
    { head: kind, width: 20 },
    { head: 'Devices', width: 9, num: true },
    { head: 'Success A', width: 10, num: true },
    { head: 'Success B', width: 10, num: true },
    { head: 'B − A', width: 11, num: true },
    { head: '95% interval', width: 17, num: true },
    { head: 'Mean min A → B', width: 23, num: true },
  ], rows, esc(SLICE_NOTE))}`;
}

function compareSection(cmp: CompareResult): string {
  const siteSlices = siteDifferencesShown({ ...cmp, sites: cmp.sites ?? [] });
  const a = cmp.a?.label ?? 'A';
  const b = cmp.b?.label ?? 'B';
  const none = cmp.differences && cmp.a?.report && cmp.b?.report ? pairedNote(cmp) : null;
  const apart = cmp.differences ? percentileNote(cmp) : null;
  const timer = cmp.differences && cmp.a?.report && cmp.b?.report ? joinTimerNote(cmp) : null;
  const tbl = table(
    'compare',
    [
      { head: 'Metric', width: 31 },
      { head: `A: ${esc(a)}`, width: 12, num: true },
      { head: `B: ${esc(b)}`, width: 12, num: true },
      { head: 'Difference (B − A)', width: 13, num: true },
      { head: '95% interval of the difference', width: 20, num: true },
      { head: 'Interval excludes 0', width: 12 },
    ],
    (cmp.differences ?? []).map(diffCells),
  );
  return `<section id="compare">
<h2>Comparison: ${esc(a)} vs ${esc(b)}</h2>
<p class="note">${
    cmp.paired
      ? 'Devices were paired (common random numbers): device <em>i</em> had the same hardware, site and random stream in both runs, so the intervals are of paired differences.'
      : 'Devices were not paired: the intervals are of independent samples.'
  } Rates differ in percentage points (pts); times in minutes.</p>
${(cmp.differences ?? []).length ? tbl : '<p>No differences computed.</p>'}
${none ? `<p class="note">${esc(none)}</p>\n` : ''}${apart ? `<p class="finding warning" data-kind="percentiles-apart">${esc(apart)}</p>\n` : ''}${timer ? `<p class="finding warning" data-kind="join-timer">${esc(timer)}</p>\n` : ''}<figure>${overlaySvg(cmp)}<figcaption>${esc(wordsOfAll([cmp.a.report, cmp.b.report]).time)} of both runs, as a share of each run's successful devices: A filled, B outlined.</figcaption></figure>
${compareSlices('Group', cmp.groups ?? [])}
${siteSlices.folded ? `${compareSlices('Site', [...siteSlices.shown, siteSlices.folded])}\n<p class="note">${esc(foldedSiteDifferencesNote(siteSlices.folded))}</p>` : compareSlices('Site', cmp.sites ?? [])}
</section>`;
}

/** The warnings a shared resource gives (shown with the loads); the others (low success, device preparation that never starts) go with the headline. */
const RESOURCE_WARNINGS = new Set(['link-saturated', 'connector-saturated']);
const warningParagraphs = (ws: FleetReport['warnings']) => ws.map((w) => `<p class="finding warning" data-kind="${esc(w.kind)}">${esc(w.text)}</p>`).join('\n');

/** Shared resources (site links, the connector) over the rollout, and their warnings: the bottleneck made visible. */
function loadsSection(r: FleetReport, run = '', id = ''): string {
  const loads = r.loads ?? [];
  const warnings = warningsShown({ warnings: r.warnings ?? [], loads }).filter((w) => RESOURCE_WARNINGS.has(w.kind));
  if (!loads.length && !warnings.length) return '';
  const { shown, folded } = loadsShown({ warnings: r.warnings ?? [], loads });
  const rows = shown.map((l) => [esc(l.kind === 'link' ? `${l.name} link` : l.name), esc(`${int(l.capacity)} ${l.unit}`), esc(`${int(l.peakDemand)} ${l.unit}`), esc(pct(l.peakUtilisation)), esc(int(l.saturatedHours)), esc(mins(l.maxQueueMinutes))]);
  if (folded) rows.push([esc(foldedName(folded)), esc(`${rangeText(folded.capacity, int)} Mbps`), esc(`${rangeText(folded.peakDemand, int)} Mbps`), esc(rangeText(folded.peakUtilisation, pct)), esc(rangeText(folded.saturatedHours, int)), esc(rangeText(folded.maxQueueMinutes, mins))]);
  const tbl = table(
    'loads',
    [
      { head: 'Shared resource', width: 26 },
      { head: 'Capacity', width: 14, num: true },
      { head: 'Peak demand', width: 14, num: true },
      { head: 'Peak use', width: 11, num: true },
      { head: 'Hours over', width: 11, num: true },
      { head: 'Longest wait (min)', width: 12, num: true },
    ],
    rows,
  );
  return `<section id="loads${id}">
<h2>Shared resources over the rollout${run ? `: ${esc(run)}` : ''}</h2>
${warningParagraphs(warnings)}
${loads.length ? `<p class="note">Each site's link and the Intune Connector for AD hour by hour: use of capacity (above; dashed, 100%) and the longest wait a download or an offline-domain-join request met (below).${folded ? ` The last panel, and the table's last row, fold the ${esc(foldedName(folded))}, the quieter ones: the busiest of them each hour, and each figure's range (--json lists every one).` : ''}</p>\n${loadMultiples(shown, id, folded)}\n${tbl}` : ''}
</section>`;
}

function footnotes(r: FleetReport): string {
  const w = wordsOf(r);
  const notes = [
    `Durations are estimates where the Microsoft documentation gives none: they are modelled inputs, not measurements, and the ${w.minutes} inherit their uncertainty.`,
    r.sharedLoadModelled
      ? 'Shared load (site bandwidth, Intune Connector for Active Directory capacity) is a two-pass mean-field approximation: a first pass measured what the devices share, a second pass applied that load to every device. Contention between individual devices is not simulated.'
      : 'Shared load (site bandwidth, Intune Connector for Active Directory capacity) was not modelled in this run: each device deployed as if it were alone.',
    `Intervals are Wilson 95% score intervals for proportions. Percentiles are read from 0.25-minute histogram bins (the bin’s middle) and cover the devices that ${w.reached}.`,
    'Messages in quotes are the text Microsoft documents for the screen or log; bracketed messages are descriptions, not Microsoft wording.',
    `Simulation seed ${int(r.seed)}: the same fleet file and seed reproduce this report exactly.`,
  ];
  return `<section id="notes" class="notes">\n<h2>Notes</h2>\n<ol>\n${notes.map((n) => `<li>${esc(n)}</li>`).join('\n')}\n</ol>\n</section>`;
}

/**
 * A chart grows with the page up to this many times its drawn size: its type is 11 units, and a
 * full-width chart on a 1920 px screen drew it at 30 px beside 12.5 px tables.
 */
const MAX_CHART_SCALE = 1.45;

const CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:#1b1f24;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;-webkit-print-color-adjust:exact;print-color-adjust:exact}
main{max-width:none;margin:0;padding:24px 32px 40px}
h1{font-size:22px;margin:0 0 4px;line-height:1.25}
h2{font-size:17px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid #d0d7de;break-after:avoid;page-break-after:avoid}
.sub{color:#5c6670;margin:0 0 12px}
.note,.muted{color:#5c6670}
.note{font-size:13px;margin:4px 0 10px}
.finding{font-size:15px;font-weight:600;border-left:4px solid #d9480f;background:#fff4ec;padding:8px 12px;margin:8px 0 12px}
code{font-family:ui-monospace,"Cascadia Mono","Segoe UI Mono",Consolas,"Liberation Mono",Menlo,monospace;font-size:0.92em}
.cards{display:grid;grid-template-columns:2fr 1fr 1.2fr 1fr;gap:8px;margin:8px 0 14px}
.card{border:1px solid #d0d7de;border-radius:6px;padding:8px 10px;break-inside:avoid}
.card .k{font-size:12px;color:#5c6670}
.card .v{font-size:18px;font-weight:650;font-variant-numeric:tabular-nums;margin-top:2px;white-space:nowrap}
.card .v.good{color:#1a5c2e}
.card .v.low{color:#b3261e}
figure{margin:10px 0 16px;break-inside:avoid;page-break-inside:avoid}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:8px 24px}
.multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:8px 16px}
figure.small{margin:4px 0}
h3{font-size:15px;margin:18px 0 4px}
.finding.warning{border-left-color:#b7791f;background:#fff8e6;font-weight:500;font-size:14px}
svg.chart{max-height:460px}
figcaption{font-size:12px;color:#5c6670;margin-top:2px}
svg.chart{display:block;width:100%;height:auto;max-width:min(100%,${Math.round(W * MAX_CHART_SCALE)}px);font-family:inherit}
svg.chart text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
table{width:100%;border-collapse:collapse;margin:8px 0 14px;font-size:12.5px}
caption{caption-side:bottom;text-align:left;font-size:12px;color:#5c6670;padding-top:4px}
th,td{padding:4px 6px;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top}
th{background:#f3f5f7;font-weight:600;border-bottom:1px solid #c5ccd3}
table{table-layout:fixed}
td{overflow-wrap:anywhere}
th{overflow-wrap:normal;hyphens:manual}
.num{text-align:right;font-variant-numeric:tabular-nums;overflow-wrap:normal}
.nw{white-space:nowrap}
table.pareto{font-size:12px}
table.pareto td:first-child code{font-size:11px}
tr{break-inside:avoid;page-break-inside:avoid}
.desc{font-style:italic;color:#5c6670}
.notes ol{padding-left:20px;font-size:12.5px;color:#3d454d}
.notes li{margin:3px 0}
@page{size:A4;margin:15mm}
@media print{main{max-width:none;padding:0}body{font-size:11pt}h2{margin-top:18px}.grid2{grid-template-columns:1fr}.multiples{grid-template-columns:1fr 1fr}}
@media (max-width:640px){.cards{grid-template-columns:1fr 1fr}.card .v{white-space:normal}}
`.trim();

/** The whole report as one self-contained HTML document (no external resources, no script). */
export function renderFleetHtml(report: FleetReport, extra: HtmlExtras = {}): string {
  const cmp = extra.compare;
  // Which run the single-run sections are of: compare's run A, or a sweep's first value (they were unnamed, beside the sweep's table of every value).
  const sweepFirst = extra.sweep?.rows[0];
  const runA = extra.run ?? (cmp ? `A: ${cmp.a.label}` : sweepFirst ? `${extra.sweep!.field} = ${String(sweepFirst.value)}` : '');
  const name = String(report.name ?? 'fleet');
  const title = extra.title ?? `Autopilot deployment simulation: ${name}`;
  const sub = [
    devicesText(report.devices, 'simulated'),
    `fleet “${name}”`,
    `seed ${int(report.seed)}`,
    `shared load ${report.sharedLoadModelled ? 'modelled (two passes)' : 'not modelled'}`,
  ].join(' · ');
  const body = [
    `<header>\n<h1>${esc(title)}</h1>\n<p class="sub">${esc(sub)}</p>\n</header>`,
    extra.recommendation ? recommendationSection(extra.recommendation) : '',
    headlineSection(report, runA),
    // A compare: both runs' headlines, shared resources and failures, each named (the other sections are run A's, and say so).
    cmp ? headlineSection(cmp.b.report, `B: ${cmp.b.label}`, '-b') : '',
    extra.sweep ? sweepSection(extra.sweep, extra.sweepTitle) : '',
    cmp ? compareSection(cmp) : '',
    timeSection(report, runA),
    loadsSection(report, runA),
    // B's links and connector too: a slower link or a bigger connector in B has its own queues and warnings.
    cmp ? loadsSection(cmp.b.report, `B: ${cmp.b.label}`, '-b') : '',
    phaseSection(report, runA),
    failureSection(report, runA, '', cmp ? undefined : extra.replay),
    cmp ? failureSection(cmp.b.report, `B: ${cmp.b.label}`, '-b') : '',
    findingsSection(report, runA),
    slicesSection(report, runA),
    footnotes(report),
  ]
    .filter(Boolean)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="autopilot-sim">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}</title>
<style>
${CSS}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

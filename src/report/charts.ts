// The chart kit of the HTML reports: formatting that guards against values that are not numbers,
// scales and "nice" ticks, axes, inline SVG primitives and the re-binning of histograms. It knows
// nothing of Autopilot or of the report's sections (src/report/html.ts draws those with it).
// Deterministic: locale-independent numbers, coordinates rounded to a tenth.
import { devicesText, min as fmtMinutes, percentText } from '../format.ts';

// ── Formatting ────────────────────────────────────────────────────────────────────────────────

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes anything (text and attribute values alike). */
export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ESC[c]!);
}

export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const DASH = '—';

/** Integer with thousands separators, independent of the locale. */
export function int(n: unknown): string {
  if (!isNum(n)) return DASH;
  const s = String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `−${s}` : s;
}

/** A count of devices, singular for one: format.ts's, where the analyses that write sentences find it too. */
export { devicesText };

/** A rate (0..1) as a percentage, by the shared rule (format.ts). */
export const pctNum = percentText;
export function pct(r: unknown): string {
  return isNum(r) ? `${pctNum(r)}%` : DASH;
}
/** "97.2% (96.8–97.6%)" */
export function pctWithInterval(r: unknown, iv: unknown): string {
  if (!isNum(r)) return DASH;
  const [lo, hi] = Array.isArray(iv) ? iv : [];
  return isNum(lo) && isNum(hi) ? `${pctNum(r)}% (${pctNum(lo)}–${pctNum(hi)}%)` : `${pctNum(r)}%`;
}
/** Minutes, one decimal (format.ts). */
export function mins(m: unknown): string {
  return isNum(m) ? fmtMinutes(m) : DASH;
}
/** A percentile in minutes, by the rounding rule every format shares (format.ts). */
export function quant(m: unknown): string {
  return isNum(m) ? fmtMinutes(m) : DASH;
}
/** SVG coordinate: one decimal, no "-0". */
export function c(n: number): string {
  const r = Math.round(n * 10) / 10;
  return String(r === 0 ? 0 : r);
}
export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
export function valueLabel(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}


// ── Charts (inline SVG) ───────────────────────────────────────────────────────────────────────

/** The width of a chart's coordinate system; a small multiple is narrower (Frame.w). */
export const W = 680;
export const COL = { bar: '#2f6db5', barLight: '#9dbde3', line: '#d9480f', grid: '#e3e6ea', axis: '#5c6670', text: '#1b1f24', band: '#c9daf0' };

/** A "nice" step (1, 2, 2.5, 5 × 10^k) so that range/step is about `count`. */
export function niceStep(range: number, count: number): number {
  if (!(range > 0)) return 1;
  const raw = range / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}
export function ticks(lo: number, hi: number, count: number): number[] {
  const step = niceStep(hi - lo, count);
  const out: number[] = [];
  const first = Math.ceil(lo / step - 1e-9) * step;
  for (let v = first, i = 0; v <= hi + step * 1e-9 && i < 200; i++, v = first + i * step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}
export const tickLabel = (v: number) => (Number.isInteger(v) ? int(v) : String(Math.round(v * 100) / 100));

export function svgOpen(id: string, h: number, label: string, w = W): string {
  return `<svg id="${id}" class="chart" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg" font-size="11">\n<title>${esc(label)}</title>\n`;
}
export function text(x: number, y: number, s: string, attrs = ''): string {
  return `<text x="${c(x)}" y="${c(y)}"${attrs ? ` ${attrs}` : ''}>${esc(s)}</text>`;
}
export function emptyChart(id: string, h: number, label: string, message: string, w = W): string {
  return `${svgOpen(id, h, label, w)}<rect x="0.5" y="0.5" width="${w - 1}" height="${h - 1}" fill="#fafbfc" stroke="${COL.grid}"/>${text(w / 2, h / 2, message, `text-anchor="middle" fill="${COL.axis}"`)}\n</svg>`;
}

export interface Frame {
  /** Width of the coordinate system (W unless a small multiple). */
  w?: number;
  l: number;
  r: number;
  t: number;
  b: number;
  h: number;
}
export const fw = (f: Frame) => f.w ?? W;
export const plotW = (f: Frame) => fw(f) - f.l - f.r;
export const plotH = (f: Frame) => f.h - f.t - f.b;

/**
 * How wide a label is drawn, estimated for a wide sans-serif (DejaVu Sans, the widest a report
 * meets): Node cannot measure a font, and an estimate on the wide side keeps labels apart.
 */
export function textWidth(s: string, px = 11): number {
  let em = 0;
  for (const ch of s) em += /[0-9]/.test(ch) ? 0.64 : ch === '%' ? 0.95 : /[.,:;'|il ]/.test(ch) ? 0.33 : /[A-Z]/.test(ch) ? 0.72 : 0.6;
  return em * px;
}

/**
 * Horizontal grid lines and left-axis labels for a y scale; the axis title, turned, stands left of
 * the widest label ("100%" ran into "use" where it stood at a fixed place).
 */
export function yAxis(f: Frame, vals: number[], y: (v: number) => number, fmt: (v: number) => string, title: string): string {
  const out: string[] = [];
  let widest = 0;
  for (const v of vals) {
    out.push(`<line x1="${c(f.l)}" x2="${c(fw(f) - f.r)}" y1="${c(y(v))}" y2="${c(y(v))}" stroke="${COL.grid}"/>`);
    // 8 units off the axis: the lowest label clears the first x label under the corner.
    out.push(text(f.l - 8, y(v) + 3.5, fmt(v), `text-anchor="end" fill="${COL.axis}"`));
    widest = Math.max(widest, textWidth(fmt(v)));
  }
  // Turned a quarter left, the title's letters reach 9 units left of its baseline and 3 right of it.
  const tx = Math.min(12, Math.max(9, f.l - 8 - widest - 4));
  out.push(text(tx, f.t + plotH(f) / 2, title, `text-anchor="middle" fill="${COL.axis}" transform="rotate(-90 ${c(tx)} ${c(f.t + plotH(f) / 2)})"`));
  return out.join('\n');
}
/** Bottom axis line, ticks and labels for a numeric x scale. */
export function xAxis(f: Frame, vals: number[], x: (v: number) => number, fmt: (v: number) => string, title: string): string {
  const y0 = f.h - f.b;
  const out = [`<line x1="${c(f.l)}" x2="${c(fw(f) - f.r)}" y1="${c(y0)}" y2="${c(y0)}" stroke="${COL.axis}"/>`];
  for (const v of vals) {
    out.push(`<line x1="${c(x(v))}" x2="${c(x(v))}" y1="${c(y0)}" y2="${c(y0 + 4)}" stroke="${COL.axis}"/>`);
    out.push(text(x(v), y0 + 15, fmt(v), `text-anchor="middle" fill="${COL.axis}"`));
  }
  out.push(text(f.l + plotW(f) / 2, f.h - 4, title, `text-anchor="middle" fill="${COL.axis}"`));
  return out.join('\n');
}

const NICE_WIDTHS = [0.25, 0.5, 1, 2, 2.5, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 7200, 14400];
export const SOURCE_BIN = 0.25;

export interface Rebinned {
  /** Bin width, minutes. */
  width: number;
  /** [bin start minutes, devices], contiguous (empty bins included). */
  bars: Array<[number, number]>;
  /** Devices beyond the last bar (a long tail cut off so the body stays readable). */
  overflow: number;
  /** Where the drawn range starts and ends, minutes. */
  from: number;
  to: number;
}

/** Re-bins the 0.25-minute histogram to about `target` bars of a round width; a long tail past
 *  the 99.5th percentile goes to an overflow count instead of squashing the body of the chart. */
export function rebin(histogram: Array<[number, number]>, target = 40): Rebinned | null {
  const h = histogram.filter(([m, n]) => isNum(m) && isNum(n) && n > 0).sort((a, b) => a[0] - b[0]);
  if (!h.length) return null;
  const total = h.reduce((s, [, n]) => s + n, 0);
  const lo = h[0]![0];
  let hi = h[h.length - 1]![0] + SOURCE_BIN;
  let seen = 0;
  let q995 = hi;
  for (const [m, n] of h) {
    seen += n;
    if (seen >= total * 0.995) {
      q995 = m + SOURCE_BIN;
      break;
    }
  }
  if (hi - lo > 2 * (q995 - lo) && q995 < hi) hi = q995;
  // The round width whose bar count is nearest the target (on a log scale), at most 1.5 × target bars.
  const barsOf = (w: number) => Math.ceil((hi - Math.floor(lo / w) * w) / w - 1e-9);
  let width = NICE_WIDTHS[NICE_WIDTHS.length - 1]!;
  let best = Infinity;
  for (const w of NICE_WIDTHS) {
    const n = barsOf(w);
    if (n > target * 1.5) continue;
    const score = Math.abs(Math.log(Math.max(1, n) / target));
    if (score < best) {
      best = score;
      width = w;
    }
  }
  const from = Math.floor(lo / width) * width;
  const count = Math.max(1, Math.ceil((hi - from) / width - 1e-9));
  const to = from + count * width;
  const bars: Array<[number, number]> = Array.from({ length: count }, (_, i) => [from + i * width, 0]);
  let overflow = 0;
  for (const [m, n] of h) {
    if (m >= to) overflow += n;
    else bars[Math.min(count - 1, Math.floor((m - from) / width + 1e-9))]![1] += n;
  }
  return { width, bars, overflow, from, to };
}

/** Counts of a histogram in the bars [from + i·width, …) up to `to`; what lies beyond is the overflow. */
export function binInto(histogram: Array<[number, number]>, from: number, to: number, width: number): { bars: Array<[number, number]>; overflow: number; total: number } {
  const count = Math.max(1, Math.round((to - from) / width));
  const bars: Array<[number, number]> = Array.from({ length: count }, (_, i) => [from + i * width, 0]);
  let overflow = 0;
  let total = 0;
  for (const [m, n] of histogram) {
    if (!isNum(m) || !isNum(n) || n <= 0) continue;
    total += n;
    if (m >= to) overflow += n;
    else bars[Math.min(count - 1, Math.max(0, Math.floor((m - from) / width + 1e-9)))]![1] += n;
  }
  return { bars, overflow, total };
}

/** A numeric scale: linear, or log (every value above 0). */
export function scale(kind: 'linear' | 'log', lo: number, hi: number, a: number, b: number): (v: number) => number {
  if (kind === 'log') {
    const l0 = Math.log(lo);
    const l1 = Math.log(hi);
    return (v) => (l1 === l0 ? (a + b) / 2 : a + ((Math.log(v) - l0) / (l1 - l0)) * (b - a));
  }
  return (v) => (hi === lo ? (a + b) / 2 : a + ((v - lo) / (hi - lo)) * (b - a));
}

/** A polyline's path through the points, broken where a value is missing. */
export function linePath(points: Array<[number, number | null]>): string {
  let d = '';
  let pen = false;
  for (const [x, y] of points) {
    if (y === null || !isNum(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${c(x)} ${c(y)}`;
    pen = true;
  }
  return d;
}

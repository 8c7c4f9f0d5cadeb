// How the text reports write a figure, in one place: the terminal and the Markdown report show
// the same rounding, so the two never disagree. (The HTML report has its own, which also guards
// against values that are not numbers.)

/** A share as a percentage with one decimal; '–' when there is none. */
export const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

/** Minutes with one decimal; '–' when there are none. */
export const min = (x: number | null) => (x === null ? '–' : x.toFixed(1));

/** A number as computed; '–' when there is none. */
export const raw = (x: number | null) => (x === null ? '–' : String(x));

/** A difference in points (of a rate): "+1.2 pts", "−0.4 pts"; '–' when there is none. */
export const points = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x * 100).toFixed(1)} pts`);

/** A signed difference in minutes, one decimal. */
export const minutesDiff = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(1)} min`);

/** A failure mode in a line: code, phase and cause, with its devices. */
export function failureText(f: { code: string; phase: string; cause: string; devices: number } | null, phaseName: (p: string) => string = (p) => p): string {
  if (!f) return '';
  return `${f.code} in ${phaseName(f.phase) || 'unknown phase'}${f.cause ? `: ${f.cause}` : ''} (${f.devices})`;
}

/** Hourly utilisation as a sparkline, one character an hour (█ = saturated), at most `width` characters. */
export function sparkline(values: number[], width: number): string {
  if (!values.length) return '';
  const per = Math.max(1, Math.ceil(values.length / Math.max(1, width)));
  const bars = ' ▁▂▃▄▅▆▇█';
  let out = '';
  for (let i = 0; i < values.length; i += per) {
    const v = Math.max(...values.slice(i, i + per));
    out += bars[Math.min(8, Math.ceil(Math.min(1, v) * 8))];
  }
  return out;
}

/** The terminal's width in columns (COLUMNS, else 100 when not a terminal). */
export function terminalWidth(): number {
  const env = Number(process.env.COLUMNS);
  return process.stdout.columns || (Number.isFinite(env) && env >= 40 ? env : 100);
}

/**
 * Column widths for a cli-table3 table that fits `total` columns: the fixed widths as given,
 * the flexible column (index `flex`) takes what is left, at least `minFlex`.
 */
export function fitColumns(widths: number[], flex: number, total = terminalWidth(), minFlex = 16): number[] {
  const borders = widths.length + 1;
  const fixed = widths.reduce((a, w, i) => (i === flex ? a : a + w), 0);
  const out = [...widths];
  out[flex] = Math.max(minFlex, Math.min(widths[flex]!, total - borders - fixed));
  return out;
}

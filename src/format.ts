// How every report format writes a figure, in one place: the terminal, Markdown, JSON, CSV and
// HTML reports show the same rounding, so no two formats disagree (run, sweep, compare and
// recommend all print p50 50.9, never 50.875 in one and 50.9 in another).
//
// The rule: minutes (percentiles, means, per-phase times, differences) to one decimal; shares
// (rates, intervals) to four decimals in data and one decimal of a percent on the page, except
// that a share that is not exactly 0 or 1 never shows as 0.0% or 100.0% (it takes two decimals);
// zero is 0.0, never a bin's middle.

/** Minutes as the reports carry them: one decimal ("-0" is 0). */
export const roundMinutes = (x: number): number => {
  const r = Math.round(x * 10) / 10;
  return r === 0 ? 0 : r;
};
/** Minutes or none. */
export const roundMinutesOrNull = (x: number | null): number | null => (x === null ? null : roundMinutes(x));
/** A share (0..1) as the reports carry it: four decimals. */
export const roundShare = (x: number): number => Math.round(x * 10_000) / 10_000;

/** A share as a percentage number text, one decimal; two where one would round to 0% or 100% falsely. */
export function percentText(x: number): string {
  let s = (x * 100).toFixed(1);
  if ((s === '100.0' && x < 1) || ((s === '0.0' || s === '-0.0') && x !== 0)) s = (x * 100).toFixed(2);
  return s === '-0.0' || s === '-0.00' ? '0.0' : s;
}

/** A share as a percentage with one decimal; '–' when there is none. */
export const pct = (x: number | null) => (x === null ? '–' : `${percentText(x)}%`);

/** Minutes with one decimal; '–' when there are none. */
export const min = (x: number | null) => (x === null ? '–' : roundMinutes(x).toFixed(1));

/** A count in prose, with thousands separators ("21,426 devices", "2,242 hours"), as every report writes one. */
export const count = (x: number) => Math.round(x).toLocaleString('en-US');

/** A count of devices, singular for one ('1 devices' read on a failure mode's bar and on a run of one device); '—' for a count that is not a number (a report read back from JSON). */
export const devicesText = (n: unknown, adjective?: string): string => {
  const known = typeof n === 'number' && Number.isFinite(n);
  return `${known ? count(n) : '—'} ${adjective ? `${adjective} ` : ''}device${known && Math.round(Math.abs(n)) === 1 ? '' : 's'}`;
};

/** A name's possessive: "Branch C's", "Meeting-room PCs'". */
/** A phrase as a sentence starts it: its first letter upper case. */
export const upperFirst = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export const possessive = (name: string) => (/s$/i.test(name) ? `${name}'` : `${name}'s`);

/** A number as computed; '–' when there is none. */
export const raw = (x: number | null) => (x === null ? '–' : String(x));

const sign = (x: number, zero: boolean) => (zero ? '±' : x > 0 ? '+' : '−');

/** A difference in points (of a rate): "+3.1 pts", "−0.4 pts", "±0.0 pts"; '–' when there is none. */
export const points = (x: number | null) => {
  if (x === null) return '–';
  const t = percentText(Math.abs(x));
  return `${sign(x, Number(t) === 0)}${t} pts`;
};

/** A signed difference in minutes, one decimal: "+2.5 min". */
export const minutesDiff = (x: number | null) => {
  if (x === null) return '–';
  const t = roundMinutes(Math.abs(x)).toFixed(1);
  return `${sign(x, Number(t) === 0)}${t} min`;
};

/**
 * A rate's interval of a difference in points: "+1.2 to +3.4 pts"; one that is a single value (two identical runs) is that
 * value, "±0.0 pts", not "±0.0 to ±0.0 pts".
 */
export const pointsInterval = (iv: [number, number] | null) => interval(iv, points);
/** A time's interval of a difference in minutes: "−1.0 to +2.0 min"; a single value as one ("±0.0 min"). */
export const minutesInterval = (iv: [number, number] | null) => interval(iv, minutesDiff);

function interval(iv: [number, number] | null, text: (x: number) => string): string {
  if (!iv) return '–';
  const [low, high] = [text(iv[0]), text(iv[1])];
  return low === high ? high : `${low.replace(/ \S+$/, '')} to ${high}`;
}

/** A failure mode in a line: code, phase and cause, with its devices. */
export function failureText(f: { code: string; phase: string; causeSummary: string; devices: number } | null, phaseName: (p: string) => string = (p) => p): string {
  if (!f) return '';
  return `${f.code} in ${phaseName(f.phase) || 'unknown phase'}${f.causeSummary ? `: ${f.causeSummary}` : ''} (${count(f.devices)})`;
}

/**
 * Hourly utilisation as a sparkline, one character an hour (█ = at or over capacity, as the legend says; ▁ to ▇ the
 * share under it), at most `width` characters. █ stood for anything from 88%: a connector busy at 90% for 22 hours read
 * as saturated 22 hours beside its table's 8 hours over capacity.
 */
export function sparkline(values: number[], width: number): string {
  if (!values.length) return '';
  const per = Math.max(1, Math.ceil(values.length / Math.max(1, width)));
  const bars = ' ▁▂▃▄▅▆▇█';
  let out = '';
  for (let i = 0; i < values.length; i += per) {
    const v = Math.max(...values.slice(i, i + per));
    out += bars[v >= 1 ? 8 : v <= 0 ? 0 : Math.min(7, Math.ceil(v * 7))];
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

/**
 * Column widths for a cli-table3 table of these rows (its heading first) on a terminal of `columns`: undefined when the
 * table as cli-table3 lays it out (each column as wide as its widest line) fits; else each column at least its longest word
 * (the table cuts a longer one) and the room left shared in proportion to what each would take; null when even its longest
 * words do not fit (another layout, a list, is then needed).
 */
export function tableWidths(rows: string[][], columns: number): number[] | undefined | null {
  const n = rows[0]!.length;
  const lines = (c: number) => rows.flatMap((r) => String(r[c] ?? '').split('\n'));
  const natural = Array.from({ length: n }, (_, c) => 2 + Math.max(...lines(c).map(visibleLength)));
  const least = Array.from({ length: n }, (_, c) => 2 + Math.max(...lines(c).flatMap((l) => l.split(/\s+/).map(visibleLength))));
  const room = columns - n - 1;
  const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
  if (sum(natural) <= room) return undefined;
  if (sum(least) > room) return null;
  const spare = room - sum(least);
  const wanted = sum(natural) - sum(least);
  return least.map((w, c) => w + Math.floor(((natural[c]! - w) * spare) / wanted));
}

/** The width a cli-table3 table of these column widths takes: the columns and a border between each and at each side. */
export const tableWidth = (widths: number[]): number => widths.reduce((a, w) => a + w, 0) + widths.length + 1;

/**
 * A table's rows as lines, where the terminal is too narrow for the table even at its longest words (a split pane of
 * 60-79 columns): the first column's heading, then each row's first cell, then its other cells after their headings, ' · ' between them, folded at spaces
 * four columns in; a heading and its cell fold apart only where together they are wider than the line. As capabilities'
 * list.
 */
export function tableAsList(head: string[], rows: string[][], width: number): string {
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
  const item = (h: string, c: string) => (visibleLength(`${h}: ${c}`) + 4 <= width ? `${h}: ${c}`.replace(/ /g, '\u00a0') : `${h}: ${c}`);
  const list = rows.map(([first, ...cells]) => {
    const said = cells.map((c, i) => [oneLine(head[i + 1]!), oneLine(c)] as const).filter(([, c]) => c);
    return `${oneLine(first!)}\n${wrap(`  ${said.map(([h, c]) => item(h, c)).join(' · ')}`, width, 4)}`;
  });
  return [...(oneLine(head[0]!) ? [`${oneLine(head[0]!)}:`] : []), ...list].join('\n');
}

/** A word as a POSIX shell reads it back: as it is when it is plain, else in single quotes (a file name in a command to copy). */
export function shellWord(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Columns a string takes on a terminal: its colour codes take none. */
export const visibleLength = (s: string): number => s.replace(/\x1b\[[0-9;]*m/g, '').length;

/** A word that only separates (' · ' between a report's figures): it ends the line before a fold, never starts one. */
const SEPARATOR = /^(?:\x1b\[[0-9;]*m)*·(?:\x1b\[[0-9;]*m)*$/;

/**
 * Text folded at spaces to `width` columns, so that a terminal does not break a line inside a
 * word and at its left edge: each line's continuations are indented by `hang` columns (by
 * default, its own indentation). Nothing is cut: a word longer than the width stays whole.
 * A separator ('·') stays on the line of the word before it, so that no line starts with one.
 * A no-break space (U+00A0) holds two words together, and is printed as a plain space: text
 * copied from the terminal holds no U+00A0. Without a width (the output is not a terminal) the
 * text is as given.
 */
export function wrap(text: string, width: number | undefined, hang?: number): string {
  if (!width || !Number.isFinite(width)) return text;
  return text
    .split('\n')
    .map((line) => {
      if (visibleLength(line) <= width) return line.replace(/\u00a0/g, ' ');
      // The indentation may follow a colour code ('\x1b[2m  seed 1 ...').
      const [lead, , spaces] = /^((?:\x1b\[[0-9;]*m)*)( *)/.exec(line)!;
      const indent = hang ?? spaces!.length;
      const out: string[] = [];
      let current = lead;
      let currentLength = spaces!.length;
      // One space a separator: a run of spaces (a padded column) stays as it is, where the line is not folded.
      const words: string[] = [];
      for (const word of line.slice(lead.length).split(' ')) {
        if (SEPARATOR.test(word) && words.length && words[words.length - 1]) words[words.length - 1] += `\u00a0${word}`;
        else words.push(word);
      }
      for (const word of words) {
        const w = visibleLength(word);
        const fresh = currentLength === (out.length ? indent : spaces!.length);
        if (fresh && !w && out.length) continue;
        if (!fresh && w && currentLength + 1 + w > width) {
          out.push(current.trimEnd());
          current = ' '.repeat(indent) + word;
          currentLength = indent + w;
        } else {
          current += (fresh ? '' : ' ') + word;
          currentLength += (fresh ? 0 : 1) + w;
        }
      }
      out.push(current);
      return out.join('\n').replace(/\u00a0/g, ' ');
    })
    .join('\n');
}

/**
 * A value a caller gave, as an error message shows it ("got ..."): its JSON where it has one, else its text. Never
 * throws: a BigInt (`10n`), an object that contains itself or one without a prototype made the message itself a
 * TypeError ("Do not know how to serialize a BigInt") in place of the InputError naming the argument.
 */
export function shown(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  // JSON has no word for these (it would say null): a script's Number('lots') or 1 / 0, a file's 1e309, .inf or .nan.
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN (not a number)' : `${value < 0 ? '-' : ''}Infinity (a number too large to represent)`;
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    return 'an object that contains itself';
  }
  return typeof value === 'symbol' ? value.toString() : String(value);
}

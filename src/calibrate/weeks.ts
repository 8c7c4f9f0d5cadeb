// A twin's failure probabilities are the mix of every deployment in the export, whenever it ran. Where some days failed
// far more than the others (an outage of a service, a bad app or policy pushed and pulled back), the mix holds those days
// as if every day were like them, and a what-if on the twin inherits it. Calibrate says so, naming the days (seven-day
// windows from any day, not calendar weeks, which split an outage over a weekend), their share and their most frequent
// failure, as it says so of ESP profiles (profiles.ts); the admin decides whether it was the tenant's usual. Memory: a
// tally a day a segment (the export's days, not its deployments).
import { count, pct } from '../format.ts';
import { dateInWords } from './graph.ts';
import { fisherExact } from './profiles.ts';

/** One day's deployments in a segment (the day they started, UTC), how many ended failed, and by which failure. */
export interface DayTally {
  events: number;
  failed: number;
  /** Failure label (the tenant's code, else the catalogue's id) -> deployments. */
  codes: Map<string, number>;
}

/** Days told apart in a segment: past this many, new days are not tallied (the flag reads what it has). */
export const MAX_DAYS = 10_000;
/** The window failures are looked for in: seven days from any day (not calendar weeks, which split an outage over a weekend in two). */
const WINDOW_DAYS = 7;
/** Deployments a window needs to be held against the others. */
const MIN_WINDOW_DEPLOYMENTS = 30;
/** As for ESP profiles: strict, as a flag for noise would send the admin cutting exports for nothing. */
const P_FLAG = 0.001;
const DAY = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const dayInWords = (day: number) => `${WEEKDAYS[new Date(day * DAY).getUTCDay()]} ${dateInWords(day * DAY)}`;

/** Adds one deployment to a day's tally. */
export function tallyDay(days: Map<number, DayTally>, day: number): DayTally | null {
  let t = days.get(day);
  if (!t) {
    if (days.size >= MAX_DAYS) return null;
    days.set(day, (t = { events: 0, failed: 0, codes: new Map() }));
  }
  t.events++;
  return t;
}

/** Adds another file's days to a segment's. */
export function mergeDays(into: Map<number, DayTally>, from: ReadonlyMap<number, DayTally>): void {
  for (const [day, t] of from) {
    let u = into.get(day);
    if (!u) {
      if (into.size >= MAX_DAYS) continue;
      into.set(day, (u = { events: 0, failed: 0, codes: new Map() }));
    }
    u.events += t.events;
    u.failed += t.failed;
    for (const [code, n] of t.codes) u.codes.set(code, (u.codes.get(code) ?? 0) + n);
  }
}

/** A failure needs this many deployments in the segment to be looked for in time on its own. */
const MIN_CODE_FAILURES = 10;

/**
 * Spans of days whose deployments failed more than the rest's beyond chance, in words. Each seven-day window from a day
 * with deployments (any day, not a calendar week: an outage from a Saturday to a Monday was split in two weeks, each
 * diluted by the normal days around it, and neither flagged) of MIN_WINDOW_DEPLOYMENTS or more is held against the rest
 * of the export (Fisher's exact test, p below P_FLAG once multiplied by the windows compared); the most unlikely is
 * named, trimmed to the days from its first to its last that failed above the midpoint of its rate and the rest's, and the windows overlapping it
 * are not named again. None where the export has no such window beside others.
 *
 * Then each failure of MIN_CODE_FAILURES or more alone, its windows held the same way against the rest (the chance
 * multiplied by the windows and the failures looked at): an outage of one code, three days of 0x80180014 in a tenant
 * that fails 15% of the time for other reasons, raised its window's failures from 13% to 22%, not beyond chance, and was
 * not named, though none of the other days failed with that code; its days are named unless a window already named holds them.
 */
export function weekFlags(days: ReadonlyMap<number, DayTally>): string[] {
  const sorted = [...days].sort((a, b) => a[0] - b[0]);
  const all = sorted.reduce((a, [, t]) => a + t.failed, 0);
  if (all === 0) return [];
  const named: Array<{ from: number; to: number }> = [];
  const out = spans(sorted, (t) => t.failed, null, 1, named);
  const codes = new Map<string, number>();
  for (const [, t] of sorted) for (const [code, n] of t.codes) codes.set(code, (codes.get(code) ?? 0) + n);
  const looked = [...codes].filter(([, n]) => n >= MIN_CODE_FAILURES && n < all).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [code] of looked) out.push(...spans(sorted, (t) => t.codes.get(code) ?? 0, code, looked.length, named));
  return out;
}

/** The spans of days whose deployments had `failedOf` beyond chance (weekFlags), one failure (`code`) or all (null). */
function spans(sorted: ReadonlyArray<readonly [number, DayTally]>, failedOf: (t: DayTally) => number, code: string | null, looks: number, named: Array<{ from: number; to: number }>): string[] {
  const total = sorted.reduce((a, [, t]) => a + t.events, 0);
  const failed = sorted.reduce((a, [, t]) => a + failedOf(t), 0);
  const allFailed = sorted.reduce((a, [, t]) => a + t.failed, 0);
  if (failed === 0) return [];
  const sum = (from: number, to: number) => {
    const span = { events: 0, failed: 0, all: 0, codes: new Map<string, number>() };
    for (const [day, t] of sorted) {
      if (day < from || day > to) continue;
      span.events += t.events;
      span.failed += failedOf(t);
      span.all += t.failed;
      for (const [c, n] of t.codes) span.codes.set(c, (span.codes.get(c) ?? 0) + n);
    }
    return span;
  };
  // Each window's sums by two pointers (an export of years has thousands of days).
  const windows: Array<{ from: number; to: number; events: number; failed: number }> = [];
  let j = 0;
  let inWindow = { events: 0, failed: 0 };
  for (let i = 0; i < sorted.length; i++) {
    const from = sorted[i]![0];
    const to = from + WINDOW_DAYS - 1;
    while (j < sorted.length && sorted[j]![0] <= to) {
      inWindow = { events: inWindow.events + sorted[j]![1].events, failed: inWindow.failed + failedOf(sorted[j]![1]) };
      j++;
    }
    if (inWindow.events >= MIN_WINDOW_DEPLOYMENTS && inWindow.events < total) windows.push({ from, to, ...inWindow });
    inWindow = { events: inWindow.events - sorted[i]![1].events, failed: inWindow.failed - failedOf(sorted[i]![1]) };
  }
  // Two windows at least, and an export longer than one: a week alone has no other to hold it against.
  if (windows.length < 2 || sorted[sorted.length - 1]![0] - sorted[0]![0] < WINDOW_DAYS) return [];
  const rate = (x: { events: number; failed: number }) => (x.events ? x.failed / x.events : 0);
  const comparisons = windows.length * looks;
  const pOf = (x: { events: number; failed: number }) => Math.min(1, comparisons * fisherExact(x.failed, x.events, failed - x.failed, total - x.events));
  // Fisher's test (exact, slow on large counts) only where a normal approximation says the window may stand out at all.
  const may = (w: { events: number; failed: number }) => {
    const rest = { events: total - w.events, failed: failed - w.failed };
    const q = failed / total;
    const z = (rate(w) - rate(rest)) / Math.sqrt(q * (1 - q) * (1 / w.events + 1 / rest.events));
    return z > 2;
  };
  const ranked = windows
    .filter(may)
    .map((w) => ({ w, p: pOf(w) }))
    .filter((c) => c.p < P_FLAG)
    .sort((a, b) => a.p - b.p || a.w.from - b.w.from);
  const out: string[] = [];
  for (const { w } of ranked) {
    if (named.some((n) => w.from <= n.to && n.from <= w.to)) continue;
    // Trimmed to its first and last day that failed nearer the window's rate than the rest's (above the midpoint): a
    // window of seven days holds normal days beside an outage of two or three, and those are no reason to cut an export.
    const mid = (rate(w) + (failed - w.failed) / (total - w.events)) / 2;
    const inside = sorted.filter(([day, t]) => day >= w.from && day <= w.to && failedOf(t) / t.events > mid).map(([day]) => day);
    const span = { from: inside[0] ?? w.from, to: inside[inside.length - 1] ?? w.to };
    const s = { ...span, ...sum(span.from, span.to) };
    const p = Math.min(pOf(s), pOf(w));
    named.push(w);
    const others = { events: total - s.events, failed: failed - s.failed };
    const [top, n] = [...s.codes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
    const when = s.from === s.to ? `the deployments started on ${dayInWords(s.from)}` : `the deployments started from ${dayInWords(s.from)} to ${dayInWords(s.to)}`;
    const range = s.from === s.to ? dateInWords(s.from * DAY) : `${dateInWords(s.from * DAY)} to ${dateInWords(s.to * DAY)}`;
    const test = `(Fisher's exact test, each of the ${windows.length} seven-day windows of ${MIN_WINDOW_DEPLOYMENTS} deployments or more, from any day, against the rest${looks > 1 ? `, for each of the ${looks} failures of ${MIN_CODE_FAILURES} deployments or more` : ''}, p ${p < 0.0001 ? '< 0.0001' : p.toFixed(4)})`;
    const cut = `where those days are not the tenant's usual, calibrate an export without the deployments started then (${range}, UTC)`;
    if (code === null) {
      out.push(`final failures cluster in time: ${when} (UTC) failed ${pct(rate(s))} of ${count(s.events)}${top ? `, most of them ${top} (${count(n)} of ${count(s.failed)})` : ''}, the other days ${pct(rate(others))} of ${count(others.events)} ${test}: an outage or a change then? The twin's failure probabilities are the mix of every day (${pct(failed / total)} failed), as if every day were like the export as a whole; ${cut}`);
    } else {
      out.push(`failures with ${code} cluster in time: ${when} (UTC) failed with it ${pct(rate(s))} of ${count(s.events)} (${count(s.failed)} of its ${count(failed)}; ${pct(s.all / s.events)} failed in all), the other days ${pct(rate(others))} of ${count(others.events)} ${test}: an outage or a change then? The twin fails ${pct(failed / total)} of its deployments with ${code} every day, their mix (${pct(allFailed / total)} failed in all); ${cut}`);
    }
  }
  return out;
}

// A twin's failure probabilities are the mix of every deployment in the export, whenever it ran. Where one week failed
// far more than the others (an outage of a service, a bad app or policy pushed and pulled back), the mix holds that week
// as if every week were like it, and a what-if on the twin inherits it. Calibrate says so, naming the week, its share
// and its most frequent failure, as it says so of ESP profiles (profiles.ts); the admin decides whether it was the tenant's
// usual. Memory: a tally a day a segment (the export's days, not its deployments).
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
/** Deployments a week needs to be held against the others. */
const MIN_WEEK_DEPLOYMENTS = 30;
/** As for ESP profiles: strict, as a flag for noise would send the admin cutting exports for nothing. */
const P_FLAG = 0.001;
const DAY = 86_400_000;

/** The week (from Monday, UTC) a day falls in: 1970-01-01, day 0, was a Thursday. */
const weekOf = (day: number) => Math.floor((day + 3) / 7);

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

/**
 * Weeks whose deployments failed more than the rest's beyond chance (each week of MIN_WEEK_DEPLOYMENTS or more against
 * the others, Fisher's exact test, p below P_FLAG once multiplied by the weeks compared), in words; none where the export
 * spans less than two such weeks.
 */
export function weekFlags(days: ReadonlyMap<number, DayTally>): string[] {
  const weeks = new Map<number, DayTally & { first: number; last: number }>();
  for (const [day, t] of days) {
    const w = weekOf(day);
    let u = weeks.get(w);
    if (!u) weeks.set(w, (u = { events: 0, failed: 0, codes: new Map(), first: day, last: day }));
    u.events += t.events;
    u.failed += t.failed;
    u.first = Math.min(u.first, day);
    u.last = Math.max(u.last, day);
    for (const [code, n] of t.codes) u.codes.set(code, (u.codes.get(code) ?? 0) + n);
  }
  const total = [...weeks.values()].reduce((a, w) => a + w.events, 0);
  const failed = [...weeks.values()].reduce((a, w) => a + w.failed, 0);
  const big = [...weeks].filter(([, w]) => w.events >= MIN_WEEK_DEPLOYMENTS && w.events < total);
  if (big.length < 2 || failed === 0) return [];
  const out: string[] = [];
  for (const [week, w] of big.sort((a, b) => a[0] - b[0])) {
    const rest = { events: total - w.events, failed: failed - w.failed };
    if (w.failed / w.events <= rest.failed / rest.events) continue;
    const p = Math.min(1, big.length * fisherExact(w.failed, w.events, rest.failed, rest.events));
    if (p >= P_FLAG) continue;
    const [code, n] = [...w.codes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
    const monday = (week * 7 - 3) * DAY;
    const span = w.first === w.last ? dateInWords(w.first * DAY) : `${dateInWords(w.first * DAY)} to ${dateInWords(w.last * DAY)}`;
    out.push(`final failures cluster in time: the week of Monday ${dateInWords(monday)} failed ${pct(w.failed / w.events)} of its ${count(w.events)} deployments${code ? `, most of them ${code} (${count(n)} of ${count(w.failed)})` : ''}, the other weeks ${pct(rest.failed / rest.events)} of ${count(rest.events)} (Fisher's exact test, each of the ${big.length} weeks of ${MIN_WEEK_DEPLOYMENTS} deployments or more against the rest, p ${p < 0.0001 ? '< 0.0001' : p.toFixed(4)}): an outage or a change that week? The twin's failure probabilities are the mix of every week (${pct(failed / total)} failed), as if every week were like the export as a whole; where that week is not the tenant's usual, calibrate an export without the deployments started then (${span}, UTC)`);
  }
  return out;
}

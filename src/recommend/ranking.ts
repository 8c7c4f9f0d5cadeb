// recommend, part three: ranking. Each scenario left is simulated on the same devices and scored:
// success in points, minus time, plus or minus the goal adjustments, with the weights the fleet
// file sets (goals.weights) and the rule printed in full.
import type { Scenario } from '../environment/schema.ts';
import { saturatedIn, type Saturated } from '../fleet/bottlenecks.ts';
import type { FleetReport } from '../fleet/report.ts';
import { FleetSchema, type Fleet } from '../fleet/schema.ts';
import { QUOTES, row } from './rules.ts';

export type Weights = Fleet['goals']['weights'];
/** The weights a file that sets none gets. */
export const DEFAULT_WEIGHTS: Weights = FleetSchema.parse({}).goals.weights;

export interface Summary {
  devices: number;
  successRate: number;
  interval: [number, number];
  firstTimeRightRate: number;
  p50Total: number | null;
  p50EndUser: number | null;
  p50Technician: number | null;
  /** Its top failure; `estimate` where its count rests on a chance the documents give no rate for (run's failures[].estimate). */
  topFailure: { code: string; phase: string; cause: string; share: number; estimate?: { chance: string; values: number[] } } | null;
  /** Shared resources saturated in this scenario's run (a site's link, the connector): its figures depend on them. */
  saturated: Saturated[];
  /** Where its successes ended, and with none where its devices were headed (the run's): the prose's words follow them. */
  successEnds?: FleetReport['successEnds'];
  endsSought?: FleetReport['endsSought'];
}

export interface Ranked {
  rank: number;
  scenario: Scenario;
  summary: Summary;
  /** Success in points (weights.success × rate), minus the time the goals weigh, plus or minus the goal adjustments. */
  score: number;
  adjustments: Array<{ points: number; reason: string }>;
  why: string;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * A score as every format writes it: to the hundredth score() rounds it to, always two decimals (the ranking's column
 * read 33, 98.3 and 94.29 one under the other, String() dropping a score's trailing zeros).
 */
export const scoreText = (x: number): string => (x < 0 ? `−${(-x).toFixed(2)}` : x.toFixed(2));

export function summarise(r: FleetReport): Summary {
  const top = r.failures[0];
  return {
    devices: r.devices,
    successRate: r.successRate,
    interval: r.successInterval95,
    firstTimeRightRate: r.firstTimeRightRate,
    p50Total: r.timeToDesktop.total.p50,
    p50EndUser: r.timeToDesktop.endUser.p50,
    p50Technician: r.timeToDesktop.technician.p50,
    topFailure: top ? { code: top.code, phase: top.phase, cause: top.causeSummary, share: top.shareOfDevices, ...(top.estimate ? { estimate: { chance: top.estimate.chance, values: top.estimate.values } } : {}) } : null,
    saturated: saturatedIn(r),
    ...(r.successEnds ? { successEnds: r.successEnds } : {}),
    ...(r.endsSought ? { endsSought: r.endsSought } : {}),
  };
}

/** The minutes the score weighs: with leastEndUserTime the user's plus the technician's at their share, else the total. */
export function weighedMinutes(s: Summary, leastEndUserTime: boolean, w: Weights = DEFAULT_WEIGHTS): number | null {
  if (s.p50Total === null) return null;
  return leastEndUserTime ? (s.p50EndUser ?? 0) + w.technicianShare * (s.p50Technician ?? 0) : s.p50Total;
}

/**
 * Success first: weights.success × success rate, in points. Then time: the minutes weighed
 * (weighedMinutes), endUserMinutesPerPoint or totalMinutesPerPoint minutes a point, at most
 * maxTimePoints. Then the goal adjustments. A scenario no device succeeds in scores −100.
 */
export function score(s: Summary, leastEndUserTime: boolean, adjustments: Ranked['adjustments'] = [], w: Weights = DEFAULT_WEIGHTS): number {
  if (s.successRate === 0 || s.p50Total === null) return -100;
  const minutes = weighedMinutes(s, leastEndUserTime, w)!;
  const time = Math.min(w.maxTimePoints, minutes / (leastEndUserTime ? w.endUserMinutesPerPoint : w.totalMinutesPerPoint));
  return r2(w.success * s.successRate - time + adjustments.reduce((a, x) => a + x.points, 0));
}

/** The goal adjustments of a scenario, with their reasons. */
export function adjustmentsFor(sc: Scenario, kiosk: boolean, w: Weights = DEFAULT_WEIGHTS): Ranked['adjustments'] {
  const out: Ranked['adjustments'] = [];
  if (sc === 'self-deploying' && kiosk && w.kiosk) out.push({ points: w.kiosk, reason: `preferred for a shared or kiosk device: "${QUOTES.kiosk}"` });
  if (sc === 'self-deploying' && !kiosk && w.singleUser) out.push({ points: -w.singleUser, reason: `single-user devices, and self-deploying can't assign a user (${row('Supports assigning user to device', 'self-deploying')})` });
  // Devices in use: the other scenarios start at the OOBE, after a wipe the simulation does not count.
  if (sc === 'reset' && w.devicesInUse) out.push({ points: w.devicesInUse, reason: `devices in use: Reset keeps their Entra join and Intune enrollment, while a new deployment needs a wipe first (not simulated); "${QUOTES.resetPro}"` });
  return out;
}

const num = (x: number) => String(Math.round(x * 1000) / 1000);
const fraction = (x: number) => (x === 0.25 ? 'a quarter of' : x === 0.5 ? 'half' : x === 1 ? '' : `${num(x)} ×`);

/** The score rule in full, with the weights in effect: every term score() and adjustmentsFor() use. */
export function scoreRule(w: Weights, leastEndUserTime: boolean): string {
  const time = leastEndUserTime
    ? `p50 end-user minutes plus ${fraction(w.technicianShare)} the p50 technician minutes, ${num(w.endUserMinutesPerPoint)} minutes a point (goals.leastEndUserTime)`.replace('plus  the', 'plus the')
    : `p50 total minutes, ${num(w.totalMinutesPerPoint)} minutes a point`;
  const adj = [
    w.kiosk ? `+${num(w.kiosk)} self-deploying for shared or kiosk devices` : '',
    w.singleUser ? `−${num(w.singleUser)} self-deploying for single-user devices` : '',
    w.devicesInUse ? `+${num(w.devicesInUse)} Reset for devices in use` : '',
  ].filter(Boolean);
  return `Score: ${num(w.success)} × success rate, minus time (${time}; at most ${num(w.maxTimePoints)} points)${adj.length ? `, plus or minus the goal adjustments (${adj.join(', ')})` : ''}; −100 when no device succeeds. Two scenarios whose 95% success intervals overlap are a tie within noise. Weights: goals.weights in the fleet file.`;
}

/** The first two scenarios' 95% intervals of success overlap. */
export function tieWithinNoise(ranking: Ranked[]): boolean {
  const [first, second] = ranking;
  return Boolean(first && second && first.summary.interval[0] <= second.summary.interval[1] && second.summary.interval[0] <= first.summary.interval[1]);
}

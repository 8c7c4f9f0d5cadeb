// Result shapes of compare and sweep, shared by the runner, the CLI and the HTML report.
import type { Saturated } from './bottlenecks.ts';
import type { FailureRef, FleetReport } from './report.ts';

/** What a compared figure measures, by a stable key (for scripts); `label` is the words the reports print. */
export type MetricKey =
  | 'successRate'
  | 'firstTimeRightRate'
  | 'pairedMinutesToDesktop'
  | 'pairedEndUserMinutes'
  | 'p50MinutesToDesktop'
  | 'p90MinutesToDesktop'
  | 'p50EndUserMinutes'
  | 'p50TechnicianMinutes'
  | 'meanMinutesToDesktop';

export interface Difference {
  metric: MetricKey;
  /** The metric in words, as the reports print it. */
  label: string;
  /** A share (0..1, its differences printed in points) or minutes. */
  unit: 'share' | 'minutes';
  a: number | null;
  b: number | null;
  /** b - a */
  difference: number | null;
  /** 95% confidence interval of the difference (null where it cannot be computed). */
  interval95: [number, number] | null;
}

/** A group's or a site's figures in both runs (matched by name), with the differences. */
export interface SliceDifference {
  name: string;
  devices: { a: number; b: number };
  /** Success rate; the interval is Newcombe's for two independent proportions (wider than a paired one). */
  success: Difference;
  /** Mean minutes to desktop of the slice's successful devices (no interval: the reports keep no per-slice spread). */
  meanMinutes: Difference;
}

export interface CompareResult {
  a: { label: string; report: FleetReport };
  b: { label: string; report: FleetReport };
  /** Devices were paired: device i had the same hardware, site and random stream in both (common random numbers). */
  paired: boolean;
  /**
   * Paired runs: the devices that succeed in one run only (a: in A and not in B; b: the reverse). Each run's p50 and p90
   * count only its own successes, so they move with these devices; the rows of devices that succeed in both do not.
   */
  succeededInOnly?: { a: number; b: number };
  /**
   * Devices joined hybrid in one run and to Entra in the other (counted on up to 2,000 devices spread over the fleet, and
   * scaled to its size): hybrid device setup has 40 minutes more on the ESP's timer, so part of a difference can be the
   * timer's. Absent where no device's join type differs.
   */
  joinChanged?: { toEntra: number; toHybrid: number; sampled: boolean };
  differences: Difference[];
  /** Groups and sites present in both runs, by name. */
  groups: SliceDifference[];
  sites: SliceDifference[];
}

export interface SweepRow {
  value: unknown;
  devices: number;
  successRate: number;
  successInterval95: [number, number];
  p50: number | null;
  p90: number | null;
  meanEndUserMinutes: number | null;
  /** Where the value's successful devices ended (run's successEnds), and with none where they were headed (endsSought): the reports' words follow them. */
  successEnds?: FleetReport['successEnds'];
  endsSought?: FleetReport['endsSought'];
  topFailure: FailureRef | null;
  /** Shared resources saturated at this value (a site's link, the connector), as run's warnings name them: the figures depend on them. */
  saturated: Saturated[];
  /** A calibrated twin's: what its rates rest on and the success interval with their uncertainty, as run's report gives it. Absent elsewhere. */
  fittedTo?: FleetReport['fittedTo'];
  /**
   * The step from the value before, on the same devices (absent on the first row, and where the two values run
   * different numbers of devices): those that succeed there and fail here (lost), the reverse (gained), the change in
   * success (a share) and McNemar's exact p on lost against gained (below 0.05: the step is beyond chance).
   */
  fromPrevious?: { lost: number; gained: number; change: number; p: number };
}

export interface SweepResult {
  /** The fleet's name and the seed, as run's report gives them (a saved sweep did not say what it was of). */
  name?: string;
  seed?: number;
  field: string;
  /** How the values are spaced: numbers on a linear or a log axis (a log range `from..to:xF`), or categories. */
  scale: 'linear' | 'log' | 'categorical';
  rows: SweepRow[];
  /** Where a threshold bites, in a sentence ("past 14 apps the 60-minute ESP times out for 10% of devices"), or null. */
  finding: string | null;
}

// Result shapes of compare and sweep, shared by the runner, the CLI and the HTML report.
import type { FailureRef, FleetReport } from './report.ts';

export interface Difference {
  metric: string;
  a: number | null;
  b: number | null;
  /** b - a */
  difference: number | null;
  /** 95% confidence interval of the difference (null where it cannot be computed). */
  interval95: [number, number] | null;
}

export interface CompareResult {
  a: { label: string; report: FleetReport };
  b: { label: string; report: FleetReport };
  /** Devices were paired: device i had the same hardware, site and random stream in both (common random numbers). */
  paired: boolean;
  differences: Difference[];
}

export interface SweepRow {
  value: unknown;
  devices: number;
  successRate: number;
  successInterval95: [number, number];
  p50: number | null;
  p90: number | null;
  meanEndUserMinutes: number | null;
  topFailure: FailureRef | null;
}

export interface SweepResult {
  field: string;
  rows: SweepRow[];
  /** Where a threshold bites, in a sentence ("past 14 apps the 60-minute ESP times out for 10% of devices"), or null. */
  finding: string | null;
}

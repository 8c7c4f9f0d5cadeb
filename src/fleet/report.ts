// The fleet report: what architects paste into a design document. Computed from the
// merged statistics only, so it is the same for any number of workers.
import { lookup } from '../catalog/errors.ts';
import { findingText } from '../catalog/findings.ts';
import type { FleetRun } from './run.ts';
import { wilson, type Histogram, type Tally } from './stats.ts';

export interface Percentiles {
  p50: number | null;
  p75: number | null;
  p90: number | null;
  p99: number | null;
  mean: number | null;
}

export interface Slice {
  name: string;
  devices: number;
  succeeded: number;
  successRate: number;
  successInterval95: [number, number];
  firstTimeRightRate: number;
  meanMinutesToDesktop: number | null;
  meanEndUserMinutes: number | null;
  topFailure: string | null;
}

export interface FailureRow {
  phase: string;
  code: string;
  message: string | null;
  cause: string;
  devices: number;
  share: number;
  cumulativeShare: number;
}

/** Something successful deployments got wrong without failing (src/catalog/findings.ts). */
export interface FindingRow {
  id: string;
  text: string;
  /** Successful devices that reached the desktop with it, and their share of the successful devices. */
  devices: number;
  shareOfSucceeded: number;
}

export interface FleetReport {
  name: string;
  devices: number;
  seed: number;
  /** Two passes: the first measured what devices share (bandwidth, connector), the second applied it. */
  sharedLoadModelled: boolean;
  succeeded: number;
  failed: number;
  fellBackToOobe: number;
  stopped: number;
  successRate: number;
  successInterval95: [number, number];
  firstTimeRight: number;
  firstTimeRightRate: number;
  /** Minutes, successful devices only: active time, the end user's share and the technician's. */
  timeToDesktop: { total: Percentiles; endUser: Percentiles; technician: Percentiles };
  /** Mean minutes per device in each phase (all devices). */
  phaseMinutes: Record<string, number>;
  /** Failures and fallbacks, most frequent first, with the running share (a Pareto). */
  failures: FailureRow[];
  /** Caveats of successful deployments, most frequent first. */
  findings: FindingRow[];
  groups: Slice[];
  sites: Slice[];
  /** Time-to-desktop histogram of successful devices: [bin start minutes, devices]. */
  histogram: Array<[number, number]>;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const r4 = (n: number) => Math.round(n * 10_000) / 10_000;
const MS = 60_000;

function percentiles(h: Histogram, sumMs: number): Percentiles {
  return { p50: h.quantile(0.5), p75: h.quantile(0.75), p90: h.quantile(0.9), p99: h.quantile(0.99), mean: h.n ? r2(sumMs / MS / h.n) : null };
}

function slice(name: string, t: Tally, failures: Map<string, number> | null): Slice {
  let top: string | null = null;
  if (failures && failures.size) {
    const [key, count] = [...failures].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    const [phase, code, cause] = key.split('|');
    top = `${code} in ${phase || 'unknown phase'}${cause ? `: ${cause}` : ''} (${count})`;
  }
  return {
    name,
    devices: t.devices,
    succeeded: t.succeeded,
    successRate: t.devices ? r4(t.succeeded / t.devices) : 0,
    successInterval95: wilson(t.succeeded, t.devices).map(r4) as [number, number],
    firstTimeRightRate: t.devices ? r4(t.firstTimeRight / t.devices) : 0,
    meanMinutesToDesktop: t.succeeded ? r2(t.totalMs / MS / t.succeeded) : null,
    meanEndUserMinutes: t.succeeded ? r2(t.endUserMs / MS / t.succeeded) : null,
    topFailure: top,
  };
}

export function buildReport(run: FleetRun): FleetReport {
  const { acc, plan } = run;
  const a = acc.all;
  const notSucceeded = a.devices - a.succeeded;
  let cumulative = 0;
  const failures = [...acc.failures]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .map(([key, devices]) => {
      const [phase, code, cause] = key.split('|') as [string, string, string];
      cumulative += devices;
      return { phase, code, message: lookup(code)?.message ?? null, cause, devices, share: r4(devices / notSucceeded), cumulativeShare: r4(cumulative / notSucceeded) };
    });
  const phaseMinutes: Record<string, number> = {};
  for (const k of [...acc.phaseMs.keys()].sort()) phaseMinutes[k] = r2(acc.phaseMs.get(k)! / MS / a.devices);
  return {
    name: plan.fleet.name ?? 'fleet',
    devices: a.devices,
    seed: plan.seed,
    sharedLoadModelled: run.twoPasses,
    succeeded: a.succeeded,
    failed: a.failed,
    fellBackToOobe: a.fellBack,
    stopped: a.stopped,
    successRate: a.devices ? r4(a.succeeded / a.devices) : 0,
    successInterval95: wilson(a.succeeded, a.devices).map(r4) as [number, number],
    firstTimeRight: a.firstTimeRight,
    firstTimeRightRate: a.devices ? r4(a.firstTimeRight / a.devices) : 0,
    timeToDesktop: {
      total: percentiles(acc.total, a.totalMs),
      endUser: percentiles(acc.endUser, a.endUserMs),
      technician: percentiles(acc.technician, a.technicianMs),
    },
    phaseMinutes,
    failures,
    findings: [...acc.findings]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .map(([id, devices]) => ({ id, text: findingText(id), devices, shareOfSucceeded: r4(devices / a.succeeded) })),
    groups: plan.fleet.groups.map((g, i) => slice(g.name, acc.groups[i]!, acc.groupFailures[i]!)),
    sites: plan.fleet.sites.map((s, i) => slice(s.name, acc.sites[i]!, acc.siteFailures[i]!)),
    histogram: acc.total.bins(),
  };
}

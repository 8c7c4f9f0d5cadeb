// compare and sweep: what-if questions over a fleet, each on the same devices
// (common random numbers: device i keeps its hardware, site and random streams).
import { merge } from '../environment/merge.ts';
import { EnvironmentSchema, type EnvironmentInput } from '../environment/schema.ts';
import type { CompareResult, Difference, SweepResult, SweepRow } from './analysis-types.ts';
import { fleetFrom } from './load.ts';
import { buildReport, type FailureRef, type FleetReport } from './report.ts';
import { executeFleet, inThread, type Executor, type PairSums, type RunOptions } from './run.ts';
import type { Fleet } from './schema.ts';

const Z = 1.959963984540054;
const r4 = (n: number) => Math.round(n * 10_000) / 10_000;

function pairedMean(s: PairSums): { mean: number | null; interval: [number, number] | null } {
  if (s.n === 0) return { mean: null, interval: null };
  const mean = s.sum / s.n;
  if (s.n < 2) return { mean: r4(mean), interval: null };
  const variance = Math.max(0, (s.sumSquares - s.n * mean * mean) / (s.n - 1));
  const half = Z * Math.sqrt(variance / s.n);
  return { mean: r4(mean), interval: [r4(mean - half), r4(mean + half)] };
}

function diff(metric: string, a: number | null, b: number | null, interval: [number, number] | null = null): Difference {
  return { metric, a, b, difference: a === null || b === null ? null : r4(b - a), interval95: interval };
}

export async function compareFleets(
  a: { label: string; fleet: Fleet; environment?: EnvironmentInput },
  b: { label: string; fleet: Fleet; environment?: EnvironmentInput },
  options: RunOptions & { executor?: Executor; onProgress?: (done: number, total: number) => void } = {},
): Promise<CompareResult> {
  const executor = options.executor ?? inThread;
  const base: RunOptions = { ...(options.devices ? { devices: options.devices } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) };
  const run = await executeFleet(a.fleet, { ...base, ...(a.environment ? { environment: a.environment } : {}) }, executor, {
    pair: { fleet: b.fleet, options: { ...base, ...(b.environment ? { environment: b.environment } : {}) } },
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const ra = buildReport(run);
  const rb = buildReport({ plan: run.pair!.plan, acc: run.pair!.acc, twoPasses: run.pair!.twoPasses, devices: run.devices, profile: run.pair!.profile });
  const s = run.pair!.stats;
  const success = pairedMean(s.success);
  const total = pairedMean(s.totalMinutes);
  const endUser = pairedMean(s.endUserMinutes);
  return {
    a: { label: a.label, report: ra },
    b: { label: b.label, report: rb },
    paired: true,
    differences: [
      diff('success rate', ra.successRate, rb.successRate, success.interval),
      diff('first-time-right rate', ra.firstTimeRightRate, rb.firstTimeRightRate),
      { metric: 'minutes to desktop, devices that succeed in both (mean of paired differences)', a: null, b: null, difference: total.mean, interval95: total.interval },
      { metric: 'end-user minutes, devices that succeed in both (mean of paired differences)', a: null, b: null, difference: endUser.mean, interval95: endUser.interval },
      diff('p50 minutes to desktop', ra.timeToDesktop.total.p50, rb.timeToDesktop.total.p50),
      diff('p90 minutes to desktop', ra.timeToDesktop.total.p90, rb.timeToDesktop.total.p90),
      diff('p50 end-user minutes', ra.timeToDesktop.endUser.p50, rb.timeToDesktop.endUser.p50),
      diff('p50 technician minutes', ra.timeToDesktop.technician.p50, rb.timeToDesktop.technician.p50),
    ],
  };
}

/** A sweep setting: `esp.timeoutMinutes=30,60,90`, `apps=4..20` (app count), `share(hardware.tpm=1.2)=0,0.1,0.3`. */
export interface SweepSpec {
  field: string;
  values: unknown[];
  /** Builds the environment override (or fleet change) for one value. */
  apply(fleet: Fleet, value: unknown): { fleet: Fleet; environment?: EnvironmentInput };
}

function parseValue(text: string): unknown {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  return t;
}

function setPath(path: string[], value: unknown): EnvironmentInput {
  return path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), value) as EnvironmentInput;
}

/** A value for a field: a number or boolean where the field takes one, otherwise the text as written (hardware.tpm=1.2 is the string "1.2"). */
function coerce(path: string[], text: string): unknown {
  const parsed = parseValue(text);
  if (typeof parsed === 'string') return parsed;
  return EnvironmentSchema.safeParse(setPath(path, parsed)).success ? parsed : text.trim();
}

/** Parse a --vary argument; throws Error with a clear message on a malformed one. */
export function parseSweep(arg: string): SweepSpec {
  const eq = arg.lastIndexOf('=');
  const shareMatch = /^share\(([\w.]+)=([^)]+)\)=(.+)$/.exec(arg);
  if (shareMatch) {
    const [, path, setting, list] = shareMatch as unknown as [string, string, string, string];
    const values = list.split(',').map(parseValue);
    if (values.some((v) => typeof v !== 'number' || v < 0 || v > 1)) throw new Error(`--vary ${arg}: expected shares between 0 and 1`);
    const override = setPath(path.split('.'), coerce(path.split('.'), setting));
    return {
      field: `share of devices with ${path}=${setting}`,
      values,
      apply: (fleet, value) => ({
        fleet: { ...fleet, groups: fleet.groups.map((g) => ({ ...g, vary: { ...g.vary, __sweep: [{ share: value as number, environment: override as Record<string, unknown> }] } })) },
      }),
    };
  }
  if (eq <= 0) throw new Error(`--vary ${arg}: expected <field>=<values>, such as esp.timeoutMinutes=30,60,90 or apps=4..20`);
  const field = arg.slice(0, eq);
  const list = arg.slice(eq + 1);
  const range = /^(\d+)\.\.(\d+)(?::(\d+))?$/.exec(list);
  const values = range ? rangeValues(Number(range[1]), Number(range[2]), Number(range[3] ?? 1)) : list.split(',').map((v) => coerce(field.split('.'), v));
  if (values.length === 0 || values.length > 200) throw new Error(`--vary ${arg}: expected between 1 and 200 values`);
  if (field === 'apps') {
    if (values.some((v) => typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 500)) throw new Error(`--vary ${arg}: expected app counts from 0 to 500`);
    return {
      field: 'number of apps',
      values,
      apply: (fleet, value) => ({ fleet, environment: { apps: appsOfCount(fleet, value as number) } as EnvironmentInput }),
    };
  }
  if (!/^[A-Za-z][\w]*(\.[A-Za-z][\w]*)*$/.test(field)) throw new Error(`--vary ${arg}: expected a field path such as esp.timeoutMinutes`);
  return { field, values, apply: (fleet, value) => ({ fleet, environment: setPath(field.split('.'), value) }) };
}

function rangeValues(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  if (step <= 0) return out;
  for (let v = from; v <= to && out.length <= 200; v += step) out.push(v);
  return out;
}

/** The fleet's apps repeated (or cut) to `count`. */
function appsOfCount(fleet: Fleet, count: number): unknown[] {
  const own = (fleet.environment as { apps?: Array<Record<string, unknown>> }).apps;
  const template = own && own.length ? own : [{ name: 'App', type: 'win32' }];
  return Array.from({ length: count }, (_, i) => ({ ...template[i % template.length], name: `${String(template[i % template.length]!.name ?? 'App')}${i >= template.length ? ` (${Math.floor(i / template.length) + 1})` : ''}` }));
}

export async function sweepFleet(
  fleet: Fleet,
  spec: SweepSpec,
  options: RunOptions & { executor?: Executor; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ result: SweepResult; reports: FleetReport[] }> {
  const executor = options.executor ?? inThread;
  const rows: SweepRow[] = [];
  const reports: FleetReport[] = [];
  let k = 0;
  for (const value of spec.values) {
    const { fleet: f, environment } = spec.apply(fleet, value);
    // Validate what the value produces, like a file would be (a bad value is a clear error).
    const checked = f === fleet ? fleet : fleetFrom(f, `--vary ${spec.field}`);
    const env = environment ? merge(options.environment ?? {}, environment) : options.environment;
    if (env) fleetFrom({ ...fleet, environment: merge(fleet.environment, env) }, `--vary ${spec.field}=${String(value)}`);
    const run = await executeFleet(checked, { ...(options.devices ? { devices: options.devices } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(env ? { environment: env } : {}) }, executor, {
      onProgress: (done, total) => options.onProgress?.(k * total + done, total * spec.values.length),
    });
    const r = buildReport(run);
    reports.push(r);
    rows.push({
      value,
      devices: r.devices,
      successRate: r.successRate,
      successInterval95: r.successInterval95,
      p50: r.timeToDesktop.total.p50,
      p90: r.timeToDesktop.total.p90,
      meanEndUserMinutes: r.timeToDesktop.endUser.mean,
      topFailure: topRef(r),
    });
    k++;
  }
  return { result: { field: spec.field, rows, finding: finding(spec.field, reports, spec.values) }, reports };
}

/** A report's most frequent failure mode, as a reference. */
export function topRef(r: FleetReport): FailureRef | null {
  const f = r.failures[0];
  return f ? { id: f.id, code: f.code, phase: f.phase, cause: f.cause, devices: f.devices, shareOfDevices: f.shareOfDevices } : null;
}

/** Where a failure first reaches 10% of devices (or success first drops 5 points below the best), in a sentence. */
function finding(field: string, reports: FleetReport[], values: unknown[]): string | null {
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i]!;
    const top = r.failures.filter((f) => f.code !== 'fell back to ordinary OOBE')[0];
    const first = reports[0]!.failures.find((f) => top && f.code === top.code && f.phase === top.phase);
    const share = top ? top.devices / r.devices : 0;
    const firstShare = first ? first.devices / reports[0]!.devices : 0;
    if (top && share >= 0.1 && firstShare < 0.1) {
      return `At ${field} = ${String(values[i])}, ${top.code} in ${top.phase} reaches ${(share * 100).toFixed(1)}% of devices (${top.cause || 'see the Pareto'}); success is ${(r.successRate * 100).toFixed(1)}%.`;
    }
  }
  const best = Math.max(...reports.map((r) => r.successRate));
  const drop = reports.findIndex((r) => r.successRate <= best - 0.05);
  if (drop >= 0) return `At ${field} = ${String(values[drop])} success falls to ${(reports[drop]!.successRate * 100).toFixed(1)}%, 5 points or more below the best (${(best * 100).toFixed(1)}%).`;
  return null;
}

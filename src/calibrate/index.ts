// Calibration: Graph exports in, a fitted twin (a fleet file) and, on request, its backtest out.
// The CLI's `calibrate` command and the library's `calibrate` (src/index.ts) are thin layers over these.
import { loadFleet } from '../fleet/index.ts';
import { planFleet } from '../fleet/plan.ts';
import { wilson, withFit } from '../fleet/stats.ts';
import { newcombe } from '../fleet/analysis.ts';
import { simulate } from '../engine/simulate.ts';
import { Histogram } from '../fleet/stats.ts';
import { NEEDED, segmentKey, type DateOrder } from './graph.ts';
import { InputError } from '../environment/load.ts';
import { count, min, pct, roundShare } from '../format.ts';
import { CODE_PAGE_NAME, lineAt, readExport, renamedNote, WHAT_TO_EXPORT, type RawEvent, type Where } from './read.ts';
import { resolveScenarioPath } from '../environment/files.ts';
import { slipOf } from '../environment/spelling.ts';
import { DURATION_LABEL, DURATIONS, MIN_REPEATED_ROWS, Observer, pagesMissing, profileIdKey, type DurationKind, type Observed, type SegmentObservation } from './observe.ts';
import { profileFor } from './esp-profile.ts';
import { deploymentProfileFlags, deploymentProfileFor, deploymentProfileNote } from './deployment-profile.ts';
import { fisherExact, shown as shownName } from './profiles.ts';
import { DEFAULT_FIT, failurePhase, failureName, failureRates, fitSegment, graphDurations, ksDistance, PHASE_LABEL, shown, timerEnds, type FitOptions, type SegmentFit } from './fit.ts';
import type { CalibratedPhase } from '../environment/schema.ts';
import { GENERIC } from '../world/calibrated.ts';
import { twinYaml } from './twin.ts';

/** How the exports are read: what their records do not say themselves. */
export interface ReadOptions {
  /** The order of day and month in the exports' culture dates (03/12/2026: dmy 3 December, mdy 12 March), where their dates do not tell it. */
  dateOrder?: DateOrder;
  /**
   * Keep the deployments naming this Autopilot deployment profile (windowsAutopilotDeploymentProfileDisplayName, in any
   * case), a site's often: a twin of its devices alone, where the profiles' durations or rates differ (profiles.ts flags).
   */
  deploymentProfile?: string;
  /** The library's calibrate: heard between events, the read stopping with its reason. */
  signal?: AbortSignal;
}

export interface Calibration {
  observed: Observed;
  fits: SegmentFit[];
  options: FitOptions;
  /** The twin fleet file. */
  yaml: string;
}

/**
 * Read every export (streaming), then fit each segment. `segment` ("user-driven/entra") keeps one. A name not found
 * as a file may be the bundled sample's, as `autopilot-sim scenarios` lists it ("calibration/synthetic-autopilot-events.csv"),
 * as `run` takes "fleets/branch-rollout" from any folder.
 */
export async function observe(files: string[], read: ReadOptions = {}): Promise<Observed> {
  const observer = new Observer(read.dateOrder, read.deploymentProfile);
  const { signal } = read;
  for (const given of files) {
    const file = resolveScenarioPath(given);
    observer.observed.files++;
    const before = { events: observer.observed.events, untyped: observer.observed.unusable.get(UNTYPED) ?? 0 };
    observer.present.clear();
    observer.graphRecords = 0;
    observer.keys.clear();
    observer.configurations = 0;
    observer.deploymentProfilesRead = 0;
    const profilesBefore = observer.observed.espProfiles.length;
    // A file's pages count once it is known to hold deployments: an ESP profiles export's last page said the events' were complete.
    const pages: boolean[] = [];
    // A page whose every event was read before (a page saved twice) is said, beside the duplicates it adds (pagesRepeated).
    const atPage = { events: observer.observed.events, duplicates: observer.duplicatesRead };
    const onPage = (nextLink: boolean) => {
      pages.push(nextLink);
      const events = observer.observed.events - atPage.events;
      if (events > 0 && observer.duplicatesRead - atPage.duplicates === events) (observer.observed.repeatedPages ??= []).push({ file, page: pages.length, events });
      atPage.events = observer.observed.events;
      atPage.duplicates = observer.duplicatesRead;
    };
    // Consecutive CSV rows every one of which was read before (rows pasted twice) are said, as a page is (rowsRepeated).
    let run: { first: number; last: number; rows: number; record: number } | null = null;
    const closeRun = () => {
      if (run && run.rows >= MIN_REPEATED_ROWS) (observer.observed.repeatedRows ??= []).push({ file, first: run.first, last: run.last, rows: run.rows });
      run = null;
    };
    const onEvent = (event: RawEvent, record: number, where?: Where) => {
      signal?.throwIfAborted();
      const duplicates = observer.duplicatesRead;
      observer.add(file, record, event, where);
      // A JSON record has its path: its pages are named whole (onPage).
      if (where?.line === undefined || where.path !== undefined) return;
      if (observer.duplicatesRead === duplicates) return closeRun();
      if (run && run.record === record - 1) Object.assign(run, { last: where.line, rows: run.rows + 1, record });
      else {
        closeRun();
        run = { first: where.line, last: where.line, rows: 1, record };
      }
    };
    await readExport(file, onEvent, onPage, (codePage, otherwise) => (observer.observed.codePages ??= []).push({ file, codePage, ...(otherwise ? { otherwise } : {}) }), (line) => (observer.observed.totalLines ??= []).push({ file, line }));
    closeRun();
    if ((observer.configurations === 0 && observer.deploymentProfilesRead === 0) || observer.observed.events > before.events) for (const nextLink of pages) observer.page(nextLink);
    observer.endFile(file);
    const read = observer.observed.events - before.events;
    // Enrollment configurations of other kinds alone (enrollment limits, platform restrictions, Windows Hello): not the ESP's.
    if (observer.configurations > 0 && observer.observed.espProfiles.length === profilesBefore) {
      throw new InputError(file, 'record 1: @odata.type', `expected ESP profiles (#microsoft.graph.windows10EnrollmentCompletionPageConfiguration) among the file's ${count(observer.configurations)} device enrollment configuration${observer.configurations === 1 ? '' : 's'}, got none: export GET https://graph.microsoft.com/beta/deviceManagement/deviceEnrollmentConfigurations with every configuration (no $filter that leaves the ESP profiles out), or calibrate without it`);
    }
    // A file none of whose records has an enrollmentType is another export (the device list, another Graph resource), given
    // by mistake: beside the right files it was counted as that many 'enrollment type missing', and the twin written.
    if (read > 0 && (observer.observed.unusable.get(UNTYPED) ?? 0) - before.untyped === read) {
      throw new InputError(file, 'record 1: enrollmentType', `expected Graph's autopilotEvents, each with an enrollmentType: none of the file's ${count(read)} record${read === 1 ? '' : 's'} has one, so it is another export (the device list, another Graph resource or report): ${WHAT_TO_EXPORT}`);
    }
    // A property no record has was left out of the export (a query's $select, Select-Object before ConvertTo-Json), as a
    // CSV's missing column is (read.ts): every duration was read as missing, or every failure without a code at enrollment.
    // Not enrollmentFailureDetails: null for every success, and a tool that drops null properties (the Graph SDK's
    // ToJsonString) leaves it out of a file without failures that have details. Graph writes every other one in each record.
    const missing = observer.graphRecords > 0 ? NEEDED.filter(([k]) => k !== 'enrollmentFailureDetails' && !observer.present.has(k)) : [];
    if (missing.length) {
      const n = observer.graphRecords;
      throw new InputError(file, `record 1: ${missing[0]![0]}`, `expected every property Graph gives in each record, got none for ${missing.map(([k]) => k).join(', ')} in the file's ${count(n)} record${n === 1 ? '' : 's'} (${[...new Set(missing.map(([, why]) => why))].join('; ')}): export every property (no $select in the query, no Select-Object) and calibrate that file${renamedNote(missing, observer.keys, 'property')}`);
    }
  }
  // A date whose order the whole export decides, in a JSON record: the line it starts at, counted only now.
  const u = observer.undecided;
  if (u && u.line === undefined && u.byte !== undefined) {
    const line = await lineAt(u.file, u.byte);
    if (line > 1) u.line = line;
  }
  return observedBy(observer);
}
/** How the observer counts a record without an enrollmentType (observe.ts). */
const UNTYPED = 'enrollment type missing';

/**
 * Graph's autopilotEvents already in memory (a script has them from Graph), each read as a record of a JSON export is;
 * errors name `source`, record n counting from 1.
 */
export function observeEvents(events: readonly unknown[], source = 'events', read: ReadOptions = {}): Observed {
  const observer = new Observer(read.dateOrder, read.deploymentProfile);
  observer.observed.files = 1;
  events.forEach((event, i) => observer.add(source, i + 1, event as RawEvent));
  observer.endFile(source);
  return observedBy(observer);
}

/** What an observer read, and from which id on it stopped remembering ids (IdSet's limit), if it did. */
function observedBy(observer: Observer): Observed {
  observer.stalled();
  const events = observer.events.saturatedAt;
  const devices = observer.devices.saturatedAt;
  if (events !== null || devices !== null) observer.observed.idsNotRemembered = { events, devices };
  return observer.observed;
}

/**
 * Why the exports read give nothing to calibrate (no usable deployment), or null. Records without an enrollment type
 * are not autopilotEvents (a device list, or another report): the reason then says what to export.
 */
export function nothingToCalibrate(observed: Observed, files: readonly string[]): string | null {
  if (observed.segments.size > 0) return null;
  const reasons = [...observed.unusable].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${count(n)} ${reason}`);
  const notEvents = observed.unusable.get('enrollment type missing') === observed.events;
  // Graph may answer a page with no events and an @odata.nextLink: the events are on the pages after it.
  const { withNextLink } = observed.pages;
  const missing = pagesMissing(observed)
    ? `${withNextLink === 1 ? 'the one Graph page read has' : withNextLink === 2 ? 'both Graph pages read have' : `all ${count(withNextLink)} Graph pages read have`} an @odata.nextLink, so Graph has more on the pages after ${withNextLink === 1 ? 'it' : 'them'} (it may answer a page with no events and a link to the next): follow @odata.nextLink until a page has none (Invoke-MgGraphRequest in a loop, or Get-MgBetaDeviceManagementAutopilotEvent -All) and calibrate every page`
    : null;
  return `no usable deployment in ${files.length === 1 ? files[0] : `${files.length} files`}: nothing to calibrate (${count(observed.events)} event${observed.events === 1 ? '' : 's'} read${reasons.length ? `, not used: ${reasons.join(', ')}` : ''})${notEvents ? `; these records have no enrollmentType, so they are not Graph's autopilotEvents: ${WHAT_TO_EXPORT}` : ''}${missing ? `; ${missing}` : ''}${observed.events === 0 && observed.espProfiles.length ? `; ${observed.espProfiles.length === 1 ? 'the ESP profile read gives' : `the ${count(observed.espProfiles.length)} ESP profiles read give`} the twin its ESP settings, beside the deployment records: give those too (${WHAT_TO_EXPORT})` : ''}`;
}

/**
 * Why --deployment-profile kept nothing, or null: no deployment names that profile. The names the records give are
 * listed where an output may show them (profiles.ts shown), so a slip or another spelling is seen.
 */
export function missingDeploymentProfile(observed: Observed, profile: string | undefined): string | null {
  if (profile === undefined || observed.usable > 0 || observed.profileNames.size === 0) return null;
  const names = [...observed.profileNames].filter(([n]) => shownName(n)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const listed = names.length ? `: ${names.slice(0, 10).map(([n, k]) => `"${n}" (${count(k)})`).join(', ')}${names.length > 10 ? `, and ${count(names.length - 10)} more` : ''}` : '';
  // A name past ASCII in a file read in an ANSI code page may be another code page's ("Gdańsk" read as Windows-1252's "Gdañsk").
  const ansi = /[^\x00-\x7f]/.test(profile) ? observed.codePages?.[0] : undefined;
  const codePage = ansi ? `; ${ansi.file} was read as ${CODE_PAGE_NAME[ansi.codePage]} (no byte order mark, and not UTF-8)${ansi.otherwise ? `, and its "${ansi.otherwise.read}" is "${ansi.otherwise.otherwise}" in Windows-1250` : ''}: if it was written in another code page, save it as UTF-8 (Export-Csv -Encoding UTF8, or Excel's "CSV UTF-8") and calibrate that file` : '';
  return `expected the name of a deployment profile the deployments name (windowsAutopilotDeploymentProfileDisplayName, in any case), got "${profile}", which none of them names; they name ${count(observed.profileNames.size)}${listed}${codePage}`;
}

/** Why `segment` cannot be kept, or null: the export has no such segment. */
export function missingSegment(observed: Observed, segment: string | undefined): string | null {
  if (segment === undefined || observed.segments.has(segment)) return null;
  // A slip is named with the segment meant ('user-driven/entr': did you mean "user-driven/entra"?), as a file's fixed values are.
  return `expected one of the segments in the export (${[...observed.segments.keys()].join(', ') || 'none'}), got "${segment}"${slipOf(segment, [...observed.segments.keys()])}`;
}

/**
 * Why a later export cannot be held against the twin (--against), or null: it is one of the exports calibrated (`files`), or
 * it has none of the twin's segments (the one kept with --segment, else any the fitted exports have), as an export of
 * another tenant or only of other flows has not.
 */
export function heldAgainst(observed: Observed, files: readonly string[], later: Later, segment: string | undefined): string | null {
  // A later export that is one calibrated holds the twin against what it was fitted to: in sample, said out of sample.
  const fitted = later.files.find((f) => files.includes(f));
  if (fitted) return `${fitted} is one of the exports calibrated; expected a later export the twin was not fitted to (next month's), so that the backtest tests what the twin foretells`;
  const twin = segment !== undefined ? [segment] : [...observed.segments.keys()];
  if (twin.some((k) => later.observed.segments.has(k))) return null;
  const nothing = nothingToCalibrate(later.observed, later.files);
  return nothing ?? `expected a later export with deployments of the twin's ${twin.length === 1 ? 'segment' : 'segments'} (${twin.join(', ')}), got ${later.files.length === 1 ? later.files[0] : `${later.files.length} files`} with ${[...later.observed.segments.keys()].join(', ')} only`;
}

export function fitObserved(observed: Observed, options: Partial<FitOptions> = {}, segment?: string): Calibration {
  return toTheEnd(fitting(observed, options, segment));
}

/** A run of steps to its end: fitObserved's and backtest's, which the library's calibrate takes a step at a time. */
export function toTheEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** fitObserved a segment at a time: it yields after each segment's fit, where the library's calibrate may stop (its `signal`). */
export function* fitting(observed: Observed, options: Partial<FitOptions> = {}, segment?: string): Generator<void, Calibration> {
  const opts: FitOptions = { ...DEFAULT_FIT, ...options };
  const segments = [...observed.segments.values()]
    .filter((s) => !segment || segmentKey(s.segment) === segment)
    .sort((a, b) => b.events - a.events || (segmentKey(a.segment) < segmentKey(b.segment) ? -1 : 1));
  // The tenant's ESP profiles, where exported beside the records: each segment's ESP is the one its deployments used.
  const uses = new Map(segments.map((s) => [s, s.segment.scenario === 'device-preparation' ? null : profileFor(s.espProfiles, s.events, observed.espProfiles, profileIdKey)] as const));
  if (observed.espProfiles.length > 0 && [...uses.values()].every((u) => u === null)) {
    const first = observed.espProfiles[0]!;
    const files = [...new Set(observed.espProfiles.map((p) => p.file))];
    throw new InputError(first.file, '', `expected the ESP profile${observed.espProfiles.length === 1 ? '' : 's'} the deployments used, got ${observed.espProfiles.length === 1 ? 'one' : count(observed.espProfiles.length)}, none of whose name${observed.espProfiles.length === 1 ? '' : 's'} or id${observed.espProfiles.length === 1 ? '' : 's'} the deployments name (windows10EnrollmentCompletionPageConfigurationDisplayName, windows10EnrollmentCompletionPageConfigurationId)${files.length > 1 ? ` in ${files.length} files` : ''}: export the profiles of the tenant the deployments are from, or calibrate without them`);
  }
  const fits: SegmentFit[] = [];
  for (const s of segments) {
    const use = uses.get(s)!;
    // The profile's timeout, unless --esp-timeout says otherwise.
    const timeout = options.espTimeoutMinutes ?? use?.profile.settings.timeoutMinutes ?? opts.espTimeoutMinutes;
    // The deployment profile the segment's deployments name most, where the profiles were exported beside the records.
    const deployment = deploymentProfileFor(s.deploymentProfiles, s.events, observed.deploymentProfiles);
    const fit = fitSegment(s, { ...opts, espTimeoutMinutes: timeout }, use, deployment);
    fit.deploymentProfileNote = deploymentProfileNote(s.segment, s.deploymentProfiles, s.events, deployment, observed.deploymentProfiles.length);
    fit.disagreements.push(...deploymentProfileFlags(s.segment, deployment));
    fits.push(fit);
    yield;
  }
  return { observed, fits, options: opts, yaml: twinYaml({ observed, fits, options: opts }) };
}

export async function calibrate(files: string[], options: Partial<FitOptions> = {}, segment?: string, read: ReadOptions = {}): Promise<Calibration> {
  return fitObserved(await observe(files, read), options, segment);
}

// ── Backtest ───────────────────────────────────────────────────────────────────────────────

export interface Quantiles {
  p50: number | null;
  p75: number | null;
  p90: number | null;
}
export interface SideStats {
  deployments: number;
  succeeded: number;
  successRate: number;
  successInterval95: [number, number];
  /** Deployments that succeeded without a retry (Graph's success, not successOnRetry), of all. */
  firstTimeRight: number;
  firstTimeRightInterval95: [number, number];
  /**
   * The twin's side only: its success and first-time-right rates' 95% intervals with the uncertainty of the rates it was
   * fitted to, which rest on the observed deployments (a twin of 12 is not as sure as one of 12,000, however many devices
   * it simulates). The intervals above are the simulation's alone, which the flags hold against the observed ones.
   */
  twin?: { successInterval95: [number, number]; firstTimeRightInterval95: [number, number] };
  /**
   * Against a later export (--against): where its rates fall had nothing changed, for as many deployments as it has
   * (foretold()): the twin's intervals widened by the later export's own sampling, each at the comparison's share of 5%
   * (Backtest.checks), so that all its checks together hold 95 times in 100.
   */
  foretold?: { deployments: number; successInterval95: [number, number]; firstTimeRightInterval95: [number, number] };
  durations: Record<DurationKind, Quantiles & { n: number }>;
}
export interface CheckedDuration {
  kind: DurationKind;
  observed: Quantiles & { n: number };
  simulated: Quantiles & { n: number };
  ks: number | null;
  /** Observed and simulated distributions for charts: [bin start minutes, share] over common bins. */
  chart: { observed: Array<[number, number]>; simulated: Array<[number, number]> };
}
export interface SegmentCheck {
  segment: string;
  observed: SideStats;
  simulated: SideStats;
  durations: CheckedDuration[];
  /**
   * Failures by phase and code: observed and simulated shares of all deployments; `withoutCode` where every observed
   * one had no code in its record (`code` is then the generic page it is counted under).
   */
  /** timerEnded: of the observed, the tenant's failures without a code that lasted the ESP's timeout, compared under ESP_TIMEOUT (its timer ended them [INF]). */
  /**
   * standIn: of the simulated, on the ESP_TIMEOUT row, the twin's failures without a code that stand for the tenant's timer
   * ends its own timer does not end (fit.ts timerEnds: `fixed`), moved there from the row without a code.
   */
  failures: Array<{ phase: string; code: string; observed: number; simulated: number; withoutCode?: true; timerEnded?: number; standIn?: number }>;
  /**
   * The total duration of the successes on retry (Graph's successOnRetry), the tenant's beside the twin's: not fitted, as
   * both attempts are in it, so it checks how the twin retries (its first attempt runs into the ESP's timer). Absent where
   * the tenant had none with a total.
   */
  retriedTotal?: { observed: Quantiles & { n: number }; simulated: Quantiles & { n: number }; ks: number | null };
  /** Where the twin does not follow the tenant: the fit's flags and the backtest's own. */
  flags: string[];
  /** The fit's what-if caveats and the inputs' disagreements (SegmentFit), listed with the backtest as a reader must know them. */
  caveats: string[];
  disagreements: string[];
}
export interface Backtest {
  name: string;
  /** What the backtest holds the twin against, and so what it can and cannot show (IN_SAMPLE, outOfSample). */
  basis: string;
  /** The later exports the twin was held against (--against), not fitted to; absent in sample. */
  against?: string[];
  /**
   * Against a later export: the checks the comparison makes (each segment's success rate, and first time right where
   * either export had successes on retry; each duration's KS distance; each failure's share), and the chance each is
   * held at (`each`: 0.05 shared among them, Bonferroni), so that an unchanged tenant raises a false alarm in at most 5
   * of 100 comparisons, not in each check's 5 of 100.
   */
  checks?: { count: number; each: number };
  seed: number;
  segments: SegmentCheck[];
  usable: number;
  unusable: Array<{ reason: string; events: number }>;
  events: number;
}

/**
 * The backtest holds the twin against the very deployments it was fitted to: said wherever it is shown, as an admin read
 * 'Backtest' as a test of what the twin foretells. Its failure rates are the tenant's by construction, so agreement there
 * tests only what the model fails on its own beside them.
 */
export const IN_SAMPLE =
  "In sample: the twin is held against the deployments it was fitted to. Its failure rates are theirs, so the success rates agree by construction but for what the model fails on its own, and the durations show how closely the model's shape follows them; whether it foretells other deployments (next month's, another site's) this does not test: for that, give the later export with --against (calibrate october.json --against november.json).";

/**
 * What a backtest against a later export (--against) shows: the twin foretells deployments it was not fitted to. Its
 * interval there is where the later export's rate falls 95 times in 100 had nothing changed: the twin's own interval
 * (the fit's uncertainty and the simulation's) widened by the later export's sampling. The twin's interval alone covers
 * another month's rate of the same tenant far less often (a twin of 600 deployments at 94%: about 83 times in 100).
 */
export const outOfSample = (later: readonly string[], notHeld: readonly string[], checks: number): string =>
  `Out of sample: the twin is held against ${later.join(', ')}, deployments it was not fitted to; its interval there is where that export's success rate falls had nothing changed (the uncertainty of the rates the twin was fitted to, the simulation's, and the later export's own sampling, each side's distance added in quadrature), and a duration's KS distance is judged against what both exports and the simulation vary by. The comparison makes ${count(checks)} check${checks === 1 ? '' : 's'} (each segment's success rate, each duration's KS distance, each failure's share), held at 95% together: an unchanged tenant is flagged in at most 5 comparisons in 100, each check at ${(100 * (1 - FAMILY_CHANCE / checks)).toFixed(2)}% (Bonferroni), so the intervals are wider than each check's 95% alone. A rate, a duration or a failure flagged here is the tenant changed, or the twin does not foretell it.${notHeld.length ? ` Not held, the later export having none of their deployments: ${notHeld.join(', ')}.` : ''}`;

/**
 * The interval a twin foretells for a later export's rate (--against), of `deployments` deployments: the twin's interval
 * around its rate, each side widened by that many deployments' own sampling (Wilson's, at the twin's rate), each side's
 * distance added in quadrature as Newcombe's interval of a difference combines two (MOVER). The later export's rate is a
 * whole number of deployments, so each bound is taken out to the next whole one: a twin at 99.7% (the model's own timer
 * beside a tenant none of whose 74 self-deploying deployments failed) foretold 91.2%–99.9% for 73 deployments, and a
 * November none of whose 73 failed, the likeliest month had nothing changed, read 'cannot fit:' as outside it.
 * `widen`: each side's 95% distance times z(1 − each/2) / z(0.975), where the check is held at a smaller chance than 5%
 * (FAMILY_CHANCE shared among a comparison's checks).
 */
export function foretold(twin: number, [tlo, thi]: [number, number], deployments: number, widen = 1): [number, number] {
  const [wlo, whi] = wilson(twin * deployments, deployments);
  const lo = Math.max(0, twin - widen * Math.hypot(twin - tlo, twin - wlo));
  const hi = Math.min(1, twin + widen * Math.hypot(thi - twin, whi - twin));
  // 1e-9: a bound a whole number of deployments already (in floating point) stays where it is.
  return [roundShare(Math.floor(lo * deployments + 1e-9) / deployments), roundShare(Math.ceil(hi * deployments - 1e-9) / deployments)];
}

/** An export held against the twin (--against): read as the fitted exports are, never fitted. */
export interface Later {
  observed: Observed;
  files: string[];
}

/**
 * The chance that one comparison with a later export (--against) raises a false alarm on a tenant that did not change:
 * shared among all its checks (Bonferroni), each held at FAMILY_CHANCE / checks. Each at 5% (the failures' codes alone
 * corrected among themselves), 3 of 20 unchanged months of a tenant of four segments had been flagged.
 */
export const FAMILY_CHANCE = 0.05;

/** Standard normal upper tail, Q(z) = erfc(z / sqrt 2) / 2 (Numerical Recipes' erfcc, fractional error under 1.2e-7). */
function upperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}
/** The z whose two-sided chance is `chance` (1.96 at 0.05), by bisection. */
export function zFor(chance: number): number {
  let [lo, hi] = [0, 40];
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (2 * upperTail(mid) > chance) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
/** The two-sample KS distance's coefficient at a chance (1.36 at 0.05): c = sqrt(−ln(chance / 2) / 2). */
export const ksCoefficient = (chance: number): number => Math.sqrt(-Math.log(chance / 2) / 2);

/** The failures (phase and code) a later export's shares are compared on: those either export had. */
function failuresCompared(fitted: SegmentObservation, later: SegmentObservation): Array<{ name: string; a: number; b: number }> {
  const before = new Map(failureRates(fitted).map((f) => [failureName(f), f.observed]));
  const after = new Map(failureRates(later).map((f) => [failureName(f), f.observed]));
  return [...new Set([...after.keys(), ...before.keys()])].map((name) => ({ name, a: after.get(name) ?? 0, b: before.get(name) ?? 0 }));
}
/** How a comparison's checks are said wherever a bound is given: '95% over the 9 checks together'. */
export const overChecks = (checks: number): string => `95% over the ${count(checks)} check${checks === 1 ? '' : 's'} together`;

/**
 * Against a later export (--against): the failures (phase and code, as failureRates counts them, on both exports alike)
 * whose share of the later export's deployments is apart from the fitted export's beyond chance: Fisher's exact test,
 * p below 0.05 once multiplied by all the comparison's checks (Bonferroni; they had been multiplied by this segment's
 * failures alone). The twin's share of each rests on the fitted export's count (the simulation adds little beside it), so
 * the two exports' counts are what a difference is judged by.
 */
function codesApart(fitted: SegmentObservation, later: SegmentObservation, rows: ReadonlyMap<string, { simulated: number }>, checks: number): string[] {
  const out: string[] = [];
  for (const { name, a, b } of failuresCompared(fitted, later)) {
    const p = Math.min(1, checks * fisherExact(a, later.events, b, fitted.events));
    if (p >= FAMILY_CHANCE) continue;
    const [phase, code] = name.split('|') as [CalibratedPhase, string];
    const twin = rows.get(name)?.simulated;
    out.push(`failure ${code} at ${PHASE_LABEL[phase]}: the later export's ${pct(r4(a / later.events))} (${count(a)} of ${count(later.events)}) against the fitted export's ${pct(r4(b / fitted.events))} (${count(b)} of ${count(fitted.events)})${twin !== undefined ? `, the twin's ${pct(twin)}` : ''}, apart beyond chance (Fisher's exact test, p ${p < 0.0001 ? '< 0.0001' : p.toFixed(4)} once multiplied by the comparison's ${count(checks)} checks, ${overChecks(checks)}): the tenant changed, or the twin does not foretell it`);
  }
  return out;
}

/** A KS distance above this is called a poor fit. */
export const KS_POOR = 0.1;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

const r4 = roundShare;
/** Successes on retry a tenant needs for their durations' fit to be judged (as a segment's rates need: fit.ts MIN_STEP_SAMPLE). */
const MIN_SAMPLE_RETRIED = 30;
const quantiles = (h: Histogram): Quantiles => ({ p50: h.quantile(0.5), p75: h.quantile(0.75), p90: h.quantile(0.9) });
const side = (deployments: number, succeeded: number, firstTimeRight: number, hists: Record<DurationKind, Histogram>): SideStats => ({
  deployments,
  succeeded,
  successRate: deployments ? r4(succeeded / deployments) : 0,
  successInterval95: wilson(succeeded, deployments).map(r4) as [number, number],
  firstTimeRight: deployments ? r4(firstTimeRight / deployments) : 0,
  firstTimeRightInterval95: wilson(firstTimeRight, deployments).map(r4) as [number, number],
  durations: Object.fromEntries(DURATIONS.map((k) => [k, { n: hists[k].n, p50: hists[k].quantile(0.5), p75: hists[k].quantile(0.75), p90: hists[k].quantile(0.9) }])) as SideStats['durations'],
});


/** Two histograms on common, coarser bins (about 40), as shares, for overlaid charts. */
function chartBins(a: Histogram, b: Histogram): CheckedDuration['chart'] {
  const hi = Math.max(a.n ? a.quantile(0.995)! : 0, b.n ? b.quantile(0.995)! : 0);
  if (hi <= 0) return { observed: [], simulated: [] };
  const width = Math.max(0.25, Math.ceil(hi / 40 / 0.25) * 0.25);
  const bins = Math.ceil(hi / width) + 1;
  const of = (h: Histogram) => {
    const out = new Array<number>(bins).fill(0);
    for (const [start, c] of h.bins()) out[Math.min(bins - 1, Math.floor(start / width))]! += c;
    return out.map((c, i) => [Math.round(i * width * 100) / 100, h.n ? r4(c / h.n) : 0] as [number, number]);
  };
  return { observed: of(a), simulated: of(b) };
}

/**
 * Simulate the twin (the YAML text, read back as any fleet file is) with the observed mix, and
 * hold each segment's simulated success rate, durations and failures against the observed ones.
 */
export function backtest(calibration: Calibration, devicesPerSegment?: number, later?: Later): Backtest {
  return toTheEnd(backtesting(calibration, devicesPerSegment, later));
}

/** A segment as simulated, before it is judged (backtesting): the checks are counted over every segment first. */
interface SimulatedSegment {
  fit: SegmentFit;
  key: string;
  fitted: SegmentObservation;
  obs: SegmentObservation;
  n: number;
  hists: Record<DurationKind, Histogram>;
  failures: Map<string, number>;
  succeeded: number;
  firstTimeRight: number;
  retriedTotal: Histogram;
  obsHists: Record<DurationKind, Histogram>;
  observed: SideStats;
  simulated: SideStats;
  durations: CheckedDuration[];
}

/** backtest in steps: it yields before each 2,000 devices it simulates (a fleet's chunk), where the library's calibrate may stop. */
export function* backtesting(calibration: Calibration, devicesPerSegment?: number, later?: Later): Generator<void, Backtest> {
  const fleet = loadFleet('twin.yaml', calibration.yaml);
  const seed = calibration.options.seed;
  const segments: SegmentCheck[] = [];
  const notHeld: string[] = [];
  const simulatedSegments: SimulatedSegment[] = [];
  for (const fit of calibration.fits) {
    const key = segmentKey(fit.segment);
    // The deployments the twin was fitted to, and those it is held against: the same in sample, a later export's with
    // --against. The twin's own interval and its stand-ins rest on the first; the observed side of every table on the second.
    const fitted = calibration.observed.segments.get(key)!;
    const obs = later ? later.observed.segments.get(key) : fitted;
    if (!obs) {
      notHeld.push(key);
      continue;
    }
    const group = fleet.groups.length > 1 ? fleet.groups.find((g) => g.name === key)! : fleet.groups[0]!;
    const plan = planFleet({ ...fleet, groups: [group] }, { seed: seed + 7 });
    const n = devicesPerSegment ?? Math.min(20_000, Math.max(2000, obs.events));
    const hists: Record<DurationKind, Histogram> = { deviceSetup: new Histogram(), accountSetup: new Histogram(), total: new Histogram() };
    const failures = new Map<string, number>();
    let succeeded = 0;
    let firstTimeRight = 0;
    const retriedTotal = new Histogram();
    for (let i = 0; i < n; i++) {
      if (i % 2000 === 0) yield;
      const env = plan.device(i).env;
      const o = simulate(env, { seed: plan.seed, index: i, trace: false }).outcome;
      if (o.status === 'succeeded') {
        succeeded++;
        // As the tenant's are read: the durations of first-time successes (a retry's hold its failed attempt).
        if (!o.firstTimeRight) {
          retriedTotal.add(graphDurations(o.phaseMinutes, o.totalMinutes).total);
          continue;
        }
        firstTimeRight++;
        const d = graphDurations(o.phaseMinutes, o.totalMinutes);
        // As Graph records them: no account setup duration where the user ESP was not shown.
        for (const k of DURATIONS) if (k === 'total' || (shown(env, k) && !(k === 'accountSetup' && d[k] === 0))) hists[k].add(d[k]);
      } else {
        const k = `${failurePhase(env, o, plan.seed, i)}|${o.errorCode ?? o.status}`;
        failures.set(k, (failures.get(k) ?? 0) + 1);
      }
    }
    const obsHists = Object.fromEntries(DURATIONS.map((k) => [k, obs.durations[k].hist])) as Record<DurationKind, Histogram>;
    const observed = side(obs.events, obs.succeeded, obs.outcomes.success, obsHists);
    const simulated = side(n, succeeded, firstTimeRight, hists);
    const basisSide = later ? side(fitted.events, fitted.succeeded, fitted.outcomes.success, obsHists) : observed;
    simulated.twin = {
      successInterval95: withFit(simulated.successRate, simulated.successInterval95, basisSide.successRate, basisSide.successInterval95),
      firstTimeRightInterval95: withFit(simulated.firstTimeRight, simulated.firstTimeRightInterval95, basisSide.firstTimeRight, basisSide.firstTimeRightInterval95),
    };
    const durations = DURATIONS.map((k) => ({ kind: k, observed: observed.durations[k], simulated: simulated.durations[k], ks: ksDistance(obsHists[k], hists[k]), chart: chartBins(obsHists[k], hists[k]) }));
    simulatedSegments.push({ fit, key, fitted, obs, n, hists, failures, succeeded, firstTimeRight, retriedTotal, obsHists, observed, simulated, durations });
  }
  // Against a later export, every check the comparison makes shares FAMILY_CHANCE (Bonferroni): each segment's success
  // rate (and first time right where either export had successes on retry), each duration's KS distance, each failure's
  // share. Each at 5% on its own, an unchanged tenant of four segments was flagged in 3 of 20 months.
  const retries = (s: SimulatedSegment) => s.obs.outcomes.successOnRetry + s.fitted.outcomes.successOnRetry > 0;
  const checks = later ? simulatedSegments.reduce((m, s) => m + 1 + (retries(s) ? 1 : 0) + s.durations.filter((d) => d.ks !== null).length + failuresCompared(s.fitted, s.obs).length, 0) : 1;
  const each = FAMILY_CHANCE / checks;
  const widen = zFor(each) / zFor(FAMILY_CHANCE);
  const ksC = later ? ksCoefficient(each) : 1.36;
  for (const { fit, key, fitted, obs, n, hists, failures, succeeded, firstTimeRight, retriedTotal, obsHists, observed, simulated, durations } of simulatedSegments) {
    if (later) {
      simulated.foretold = {
        deployments: obs.events,
        successInterval95: foretold(simulated.successRate, simulated.twin!.successInterval95, obs.events, widen),
        firstTimeRightInterval95: foretold(simulated.firstTimeRight, simulated.twin!.firstTimeRightInterval95, obs.events, widen),
      };
    }
    const flags = [...fit.flags];
    // The twin's rate against the tenant's: both are samples, so they differ where the 95% interval of their difference
    // (Newcombe's, from both Wilson intervals) leaves out zero. Two intervals that merely overlapped passed a simulated 96.1%
    // beside an observed 94.8% (93.3–95.9%) as 'within the observed interval', and missed differences of two points.
    const apart = (label: string, sim: number, obsShare: number, [olo, ohi]: [number, number], d: [number, number] | null, why: string): void => {
      if (!d || (d[0] <= 0 && d[1] >= 0)) return;
      const pts = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x * 100).toFixed(1)}`;
      flags.push(`${label}: simulated ${pct(sim)} against the observed ${pct(obsShare)} (${pct(olo)}–${pct(ohi)}), ${pts(sim - obsShare)} points, beyond what the two samples vary by (95% interval of the difference ${pts(d[0])} to ${pts(d[1])}) ${why}`);
    };
    // Against a later export, the twin is one sample more: its rates rest on the deployments it was fitted to, so the
    // later rate is held against what the twin foretells for as many deployments (foretold()), not the simulation's interval.
    if (later) {
      const outside = (label: string, sim: number, share: number, [olo, ohi]: [number, number], [flo, fhi]: [number, number]) => {
        if (share >= flo && share <= fhi) return;
        flags.push(`${label}: the later export's ${pct(share)} (${pct(olo)}–${pct(ohi)}) lies outside the ${pct(flo)}–${pct(fhi)} the twin foretells for its ${count(obs.events)} deployments (${overChecks(checks)}; the twin's ${pct(sim)}, with the uncertainty of the rates it was fitted to, the simulation's and the later export's own sampling): the tenant changed, or the twin does not foretell it`);
      };
      outside('success rate', simulated.successRate, observed.successRate, observed.successInterval95, simulated.foretold!.successInterval95);
      // First time right differs from success only by the successes on retry (Graph's successOnRetry): said where either export had some.
      if (obs.outcomes.successOnRetry + fitted.outcomes.successOnRetry > 0) outside('first time right', simulated.firstTimeRight, observed.firstTimeRight, observed.firstTimeRightInterval95, simulated.foretold!.firstTimeRightInterval95);
    } else apart('success rate', simulated.successRate, observed.successRate, observed.successInterval95, newcombe({ succeeded: obs.succeeded, devices: obs.events }, { succeeded, devices: n }), '(the model fails more or less than the tenant, beyond the calibrated failures)');
    // Graph's successOnRetry: a deployment that failed at first (a timeout, Graph says), was retried and succeeded. The twin
    // fails its retried share once and its people retry (fit.ts retried), so its first time right follows the tenant's.
    if (!later) apart(
      'first time right',
      simulated.firstTimeRight,
      observed.firstTimeRight,
      observed.firstTimeRightInterval95,
      newcombe({ succeeded: obs.outcomes.success, devices: obs.events }, { succeeded: firstTimeRight, devices: n }),
      `(${count(obs.outcomes.successOnRetry)} of the tenant's deployments succeeded on retry, ${pct(r4(obs.outcomes.successOnRetry / obs.events))}; the twin's ${pct(r4((succeeded - firstTimeRight) / n))})`,
    );
    // The backtest's own what-if caveats, after the fit's: a duration too few to test the model's shape on.
    const caveats = [...fit.caveats];
    for (const d of durations) {
      if (d.ks === null || d.ks <= KS_POOR) continue;
      // Two samples differ by chance: a KS distance up to 1.36 sqrt(1/n + 1/m) one time in twenty. A pilot's 27
      // durations vary by 0.26, so its 0.12 says nothing of the model's shape, only that there are too few.
      // Against a later export, the twin's shape rests on the fitted export's durations too: a third sample.
      const fittedN = later ? fitted.durations[d.kind].hist.n : 0;
      // Against a later export, at the comparison's share of FAMILY_CHANCE (ksCoefficient), as every check there is.
      const noise = r3(ksC * Math.sqrt(1 / obsHists[d.kind].n + 1 / hists[d.kind].n + (fittedN ? 1 / fittedN : 0)));
      const at = later ? overChecks(checks) : '95%';
      // Within what the samples vary by, the distance says nothing of the fit: a what-if caveat (too few durations to test
      // the shape on), not 'cannot fit:'. It was 'cannot fit:', so an unchanged November of a tenant's 150 hybrid and 75
      // self-deploying deployments read as the twin failing in each of 20 pairs of months (test/calibrate/ks-within-chance.test.ts).
      if (d.ks > noise) {
        flags.push(
          later
            ? `${DURATION_LABEL[d.kind]}: KS distance ${d.ks} above ${KS_POOR}, beyond what the later export's ${obsHists[d.kind].n} durations, the ${fittedN} the twin was fitted to and the simulation vary by (${noise} at ${at}): p50 / p90 ${min(d.observed.p50)} / ${min(d.observed.p90)} min in the later export, ${min(d.simulated.p50)} / ${min(d.simulated.p90)} in the twin; the tenant changed, or the twin does not foretell it`
            : `${DURATION_LABEL[d.kind]}: KS distance ${d.ks} above ${KS_POOR}: the model's shape does not follow the observed one`,
        );
      } else caveats.push(`${DURATION_LABEL[d.kind]}: KS distance ${d.ks} above ${KS_POOR}, but within what ${obsHists[d.kind].n} ${later ? 'later' : 'observed'} durations${fittedN ? `, the ${fittedN} the twin was fitted to` : ''} and the simulation vary by (${noise} at ${at}): too few to tell whether the model's shape follows the tenant's, so no failure to fit; a what-if's durations rest on the model's shape there`);
    }
    // The successes on retry's total, which the fit does not see: the twin's first attempt runs into the ESP's timer and its
    // retry finishes the phase (world/calibrated.ts), and the tenant's records say how long that took them.
    const retriedObs = obs.retriedTotal.hist;
    const retried = retriedObs.n ? { observed: { n: retriedObs.n, ...quantiles(retriedObs) }, simulated: { n: retriedTotal.n, ...quantiles(retriedTotal) }, ks: ksDistance(retriedObs, retriedTotal) } : undefined;
    // Flagged where the medians are far apart, not on the shape: the fit never saw these durations, and which app hangs in
    // the first attempt, so how much of the phase the retry has left, is the twin's assumption (evenly drawn), not the tenant's.
    const apartBy = retried ? Math.abs((retried.simulated.p50 ?? 0) - (retried.observed.p50 ?? 0)) : 0;
    if (retried && retried.ks !== null && retried.ks > KS_POOR && retriedObs.n >= MIN_SAMPLE_RETRIED && apartBy > Math.max(10, 0.15 * (retried.observed.p50 ?? 0))) {
      const noise = r3(1.36 * Math.sqrt(1 / retriedObs.n + 1 / retriedTotal.n));
      if (retried.ks > noise) flags.push(`successes on retry: their total took ${min(retried.observed.p50)} min (median; p90 ${min(retried.observed.p90)}) in the tenant's ${count(retriedObs.n)}, ${min(retried.simulated.p50)} (p90 ${min(retried.simulated.p90)}) in the twin's (KS distance ${retried.ks}, beyond the ${noise} the samples vary by): the twin's first attempt runs to the ESP's timeout (--esp-timeout), one app hanging, and its retry finishes the phase; the tenant's took otherwise, and a what-if's time to desktop for these devices is the twin's`);
    }
    const rows = new Map<string, { observed: number; simulated: number; withoutCode?: true; timerEnded?: number; standIn?: number }>();
    // As the twin has them: the tenant's own codes the catalogue lacks by themselves (failureName), as its devices fail;
    // failures that came without a code said so (the table named them ESP_APP_FAILED, an app's, as run did).
    // Against a later export, its own failures, counted as the fit counts the fitted export's.
    for (const f of later ? failureRates(obs) : fit.failures) rows.set(failureName(f), { observed: r4(f.observed / obs.events), simulated: 0, ...(f.withoutCode === f.observed ? { withoutCode: true as const } : {}) });
    // The tenant's failures without a code that lasted the timeout were its ESP timer's [INF] (readingNotes), as the twin's
    // own timer's are ESP_TIMEOUT: compared under it. The table read 'ESP_TIMEOUT 0.0% observed, 2.9% simulated' beside
    // 'no error code 7.2%, 4.0%' for a tenant whose timer had ended 4.2% of its deployments without a code.
    const standIns: Array<{ phase: 'deviceSetup' | 'accountSetup'; share: number }> = [];
    if (fit.segment.scenario !== 'device-preparation') {
      for (const phase of ['deviceSetup', 'accountSetup'] as const) {
        const observedEnds = timerEnds(obs, fit, phase);
        const { ended } = observedEnds;
        const uncoded = rows.get(failureName({ phase, code: GENERIC[phase] }));
        if (ended && uncoded) {
          uncoded.observed = r4(Math.max(0, uncoded.observed - ended / obs.events));
          const timer = rows.get(failureName({ phase, code: 'ESP_TIMEOUT' })) ?? { observed: 0, simulated: 0 };
          rows.set(failureName({ phase, code: 'ESP_TIMEOUT' }), { ...timer, observed: r4(timer.observed + ended / obs.events), timerEnded: ended });
        }
        // The twin's failures without a code there stand for the tenant's, less what its own timer takes from those that
        // lasted the timeout: `fixed` of them are timer ends, compared with them. The table read 'ESP_TIMEOUT 7.7%
        // observed, 1.4% simulated' beside 'no error code 0.0%, 5.9%', the twin's 5.9% standing for 64 of the 81. They are
        // the fitted export's, whatever export the twin is held against.
        const t = later ? timerEnds(fitted, fit, phase) : observedEnds;
        const generic = fit.failures.find((f) => f.phase === phase && f.code === GENERIC[phase] && !f.reportedCode);
        if (t.ended && t.fixed > 0 && generic && (later || uncoded)) standIns.push({ phase, share: Math.min(1, t.fixed / Math.max(1, generic.observed - t.own)) });
      }
    }
    // The simulated failures, named by the phase Graph records them at (failurePhase).
    for (const [key2, v] of failures) {
      const row = rows.get(key2) ?? { observed: 0, simulated: 0 };
      row.simulated = r4(row.simulated + v / n);
      rows.set(key2, row);
    }
    // Against a later export, each failure's share too: a code that rose or fell while the success rate held (one app's
    // failures doubling as another's ended) raised no flag, the table's rows left for the admin to compare by eye.
    if (later) flags.push(...codesApart(fitted, obs, rows, checks));
    const rowOf = (name: string) => rows.get(name) ?? rows.set(name, { observed: 0, simulated: 0 }).get(name)!;
    for (const { phase, share } of standIns) {
      const uncoded = rowOf(failureName({ phase, code: GENERIC[phase] }));
      const timer = rowOf(failureName({ phase, code: 'ESP_TIMEOUT' }));
      const moved = r4(uncoded.simulated * share);
      uncoded.simulated = r4(uncoded.simulated - moved);
      timer.simulated = r4(timer.simulated + moved);
      timer.standIn = moved;
    }
    segments.push({
      segment: key,
      observed,
      simulated,
      durations,
      ...(retried ? { retriedTotal: retried } : {}),
      failures: [...rows].filter(([, v]) => v.observed > 0 || v.simulated > 0).map(([k, v]) => ({ phase: k.split('|')[0]!, code: k.split('|')[1]!, ...v })).sort((a, b) => b.observed - a.observed || b.simulated - a.simulated || (a.phase + a.code < b.phase + b.code ? -1 : 1)),
      flags,
      caveats,
      disagreements: fit.disagreements,
    });
  }
  // The reading's counts are those of the export held against: the later one's with --against.
  const o = later?.observed ?? calibration.observed;
  return {
    name: fleet.name ?? 'Calibrated twin',
    basis: later ? outOfSample(later.files, notHeld, checks) : IN_SAMPLE,
    ...(later ? { against: later.files, checks: { count: checks, each: Math.round(each * 1e6) / 1e6 } } : {}),
    seed,
    segments,
    usable: o.usable,
    events: o.events,
    unusable: [...o.unusable].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([reason, events]) => ({ reason, events })),
  };
}

export { twinYaml };
export type { FitOptions, SegmentFit, Observed };

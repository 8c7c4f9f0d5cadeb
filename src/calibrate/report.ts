// The calibration report: what was read and left out, what was fitted, and (with --check) the
// backtest, for the terminal, Markdown, JSON and HTML. Aggregates only, like the twin.
import Table from 'cli-table3';
import pc from 'picocolors';
import { esc } from '../report/html.ts';
import { count, min, pct, roundShare, tableAsList, visibleLength, wrap } from '../format.ts';
import { wilson } from '../fleet/stats.ts';
import { ticks } from '../report/charts.ts';
import { segmentKey } from './graph.ts';
import { KS_POOR, overChecks, type Backtest, type Calibration, type SegmentCheck } from './index.ts';
import type { EspSettings } from './esp-profile.ts';
import { shown as shownName } from './profiles.ts';
import { deploymentProfileSettings, type DeploymentProfileSettings } from './deployment-profile.ts';
import { distinctSteps, fewFailures, NOTE_LABEL, notesOf, PHASE_LABEL, readingNotes, targetedAppsOf, targetedText, type Lognormal, type NoteKind, type SegmentFit, type StepFit } from './fit.ts';
import { catalogued, CODE_PAGE_LABEL, codePageNote, DURATION_LABEL, duplicatesNotChecked, pagesMissing, pagesRepeated, REPEATED_LABEL, REPEATED_ROWS_LABEL, rowsRepeated, totalLinesSkipped, type DurationKind } from './observe.ts';

/** The colour of each kind of note's label in the terminal: a fit that does not follow the data in red, the others in yellow. */
const NOTE_COLOUR: Record<NoteKind, (s: string) => string> = { flags: pc.red, caveats: pc.yellow, disagreements: pc.yellow };
/** A segment's notes as Markdown list items, each with its label. */
const mdNotes = (segment: string, notes: ReturnType<typeof notesOf>) => notes.map((n) => `- **${segment}**: ${n.label}: ${n.text}`);
/**
 * What a backtest none of whose notes says 'cannot fit' shows after its notes, in every format: it had said 'No flags:' above
 * the caveats and disagreements, which it then listed, though 'flag' was no longer a kind any note was labelled with.
 */
const fitsLine = (b: Backtest) =>
  b.segments.some((s) => s.flags.length)
    ? null
    : `Nothing that cannot fit: ${b.against ? `every segment's success and first-time-right rates in the later export lie within what the twin foretells for it (${overChecks(b.checks?.count ?? 1)})` : "every segment's simulated success and first-time-right rates agree with the observed ones within what both samples vary by (95%)"}, and every fitted duration's KS distance is at most ${KS_POOR}${b.segments.some((s) => s.durations.some((d) => d.ks !== null && d.ks > KS_POOR)) ? ` or within what its samples vary by (${b.against ? overChecks(b.checks?.count ?? 1) : '95%'})` : ''}${b.segments.some((s) => notesOf(s).length) ? `; the notes above (${NOTE_LABEL.caveats}, ${NOTE_LABEL.disagreements}) are no failure to fit` : ''}.`;

export interface CalibrationReport {
  events: number;
  files: number;
  usable: number;
  unusable: Array<{ reason: string; events: number }>;
  redeployedDevices: number;
  /** Why the pages read are not all of Graph's (every one has an @odata.nextLink), where they are not. */
  pagesMissing?: string;
  /** Files read in an ANSI code page, and that their names past ASCII are right only if it was that one (observe.ts codePageNote). */
  codePage?: string;
  /** Total or summary lines below a CSV's deployment rows, skipped (observe.ts totalLinesSkipped). */
  totalLines?: { lines: number; note: string };
  /** Records without an id, nor a device with its start: not checked for duplicates (observe.ts duplicatesNotChecked). */
  duplicatesNotChecked?: { records: number; note: string };
  /** Graph pages every event of which had been read before, a page saved twice (observe.ts pagesRepeated). */
  repeatedPages?: { pages: number; events: number; note: string };
  /** Runs of consecutive CSV rows every one of which had been read before, rows pasted twice (observe.ts rowsRepeated). */
  repeatedRows?: { runs: number; rows: number; note: string };
  options: Calibration['options'];
  segments: Array<{
    segment: string;
    deployments: number;
    outcomes: Record<string, number>;
    deviceApps: number;
    deviceApp: Lognormal | null;
    userApps: number;
    userApp: Lognormal | null;
    /** targetedAppCount, where the export has it: the median over the deployments that give it, beside the apps the fit assumes. */
    targetedApps: { median: number; deployments: number } | null;
    /** Where an export of the tenant's ESP profiles was given: the profile the segment's deployments used, and what the twin took from it. */
    espProfile?: { name: string | null; matchedBy: 'name' | 'id' | 'only'; deployments: number; of: number; settings: EspSettings; fromProperties: Record<string, string>; timeoutMinutes: number; notApplied: string[] };
    /** The tenant's deployment profile the segment's deployments name most, where the profiles were exported beside the records: the twin's profile settings from it. */
    deploymentProfile?: { name: string | null; deployments: number; of: number; settings: DeploymentProfileSettings; fromProperties: Record<string, string> };
    /** How the export's newer or undocumented fields were read: Deployment time's form, devicePreparationDuration, targetedPolicyCount (fit.ts readingNotes). */
    readings: string[];
    /** Successful deployments whose account setup was not shown (accountSetupStatus notAttempted or disabled), of all successful ones; the twin skips it when most were not. */
    accountSetupNotShown: { deployments: number; of: number; skipped: boolean };
    /** The same for device setup: when most were not shown, the twin's ESP is off. */
    deviceSetupNotShown: { deployments: number; of: number; espOff: boolean };
    /** The model's own steps per phase: the factor on their defaults and what it was fitted to. */
    steps: StepFit[];
    /** reportedCode: the tenant's own code where the catalogue has none, which the twin's devices fail with (`code` is the generic id it is counted under). */
    /** withoutCode: of those counted under the generic id, the ones whose details held no code at all. */
    /** interval95: the share's 95% interval (Wilson's), of the segment's deployments. */
    failures: Array<{ phase: string; code: string; reportedCode?: string; observed: number; withoutCode?: number; share: number; interval95: [number, number]; probability: number }>;
    /** Per phase, the share the model fails there on its own (its ESP timer): the probabilities are net of it. */
    modelFailures: SegmentFit['modelFailures'];
    /** Graph's successOnRetry per phase: the twin's probability of failing there first and succeeding on the retry (net of the model's own timer's, modelRetried). */
    retried: Array<{ phase: string; code: string; observed: number; share: number; probability: number }>;
    modelRetried: SegmentFit['modelRetried'];
    /** The share of its own ESP timer's ends the twin's people retry (calibrated.timerRetried), and the tenant's counts it rests on; absent where its people retry every time or never. */
    timerRetry?: { share: number; retried: number; failed: number };
    unmappedCodes: Array<{ code: string; events: number }>;
    durationsLeftOut: Array<{ reason: string; events: number }>;
    quality: Array<{ kind: DurationKind; observed: { n: number; p50: number | null; p90: number | null }; simulated: { n: number; p50: number | null; p90: number | null }; ks: number | null }>;
    /** Where the fit does not follow the data; caveats for a what-if; where the inputs disagree (SegmentFit, NOTE_LABEL). */
    flags: string[];
    caveats: string[];
    disagreements: string[];
  }>;
  backtest?: Backtest;
}

/** A failure as the tables name it: the tenant's code, or that it had none ("no error code (ESP_APP_FAILED)"). */
const failureLabel = (f: { code: string; reportedCode?: string; observed: number; withoutCode?: number }) => (f.withoutCode === f.observed ? `no error code (${f.code})` : (f.reportedCode ?? f.code));
/** A backtest row's code: a failure that came without one says so, as the fit's lines do. */
const checkedCode = (x: { code: string; withoutCode?: true; timerEnded?: number; standIn?: number }) =>
  x.withoutCode
    ? `no error code (${x.code})`
    : x.timerEnded
      ? `${x.code} (${count(x.timerEnded)} without a code, at the timeout${x.standIn ? `; the twin's ${pct(x.standIn)} at a fixed probability, the rest its timer's` : ''})`
      : x.code;

/** The label of the line saying some records were not checked for duplicates, in every format. */
const DUPLICATES_LABEL = 'Duplicates not checked';
const TOTAL_LINES_LABEL = 'Skipped';

const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

export function calibrationReport(c: Calibration, backtest?: Backtest): CalibrationReport {
  const o = c.observed;
  return {
    events: o.events,
    files: o.files,
    usable: o.usable,
    unusable: sorted(o.unusable).map(([reason, events]) => ({ reason, events })),
    redeployedDevices: o.redeployedDevices,
    ...(pagesMissing(o) ? { pagesMissing: pagesMissing(o)! } : {}),
    ...(codePageNote(o) ? { codePage: codePageNote(o)! } : {}),
    ...(totalLinesSkipped(o) ? { totalLines: { lines: o.totalLines!.length, note: totalLinesSkipped(o)! } } : {}),
    ...(duplicatesNotChecked(o) ? { duplicatesNotChecked: { records: o.unkeyed, note: duplicatesNotChecked(o)! } } : {}),
    ...(pagesRepeated(o) ? { repeatedPages: { pages: o.repeatedPages!.length, events: o.repeatedPages!.reduce((n, p) => n + p.events, 0), note: pagesRepeated(o)! } } : {}),
    ...(rowsRepeated(o) ? { repeatedRows: { runs: o.repeatedRows!.length, rows: o.repeatedRows!.reduce((n, r) => n + r.rows, 0), note: rowsRepeated(o)! } } : {}),
    options: c.options,
    segments: c.fits.map((f) => {
      const obs = o.segments.get(segmentKey(f.segment))!;
      return {
        segment: segmentKey(f.segment),
        deployments: f.events,
        outcomes: { ...obs.outcomes },
        deviceApps: f.deviceApps,
        deviceApp: f.deviceApp,
        userApps: f.userApps,
        userApp: f.userApp,
        targetedApps: targetedAppsOf(obs.targetedApps),
        ...(f.espProfile
          ? {
              espProfile: {
                name: f.espProfile.profile.name && shownName(f.espProfile.profile.name) ? f.espProfile.profile.name : null,
                matchedBy: f.espProfile.by,
                deployments: f.espProfile.deployments,
                of: f.espProfile.of,
                settings: f.espProfile.profile.settings,
                fromProperties: Object.fromEntries(f.espProfile.profile.from.map(([setting, property]) => [setting, property])),
                timeoutMinutes: f.espTimeoutMinutes,
                notApplied: f.espProfile.profile.notApplied,
              },
            }
          : {}),
        ...(f.deploymentProfile
          ? {
              deploymentProfile: {
                name: f.deploymentProfile.profile.name && shownName(f.deploymentProfile.profile.name) ? f.deploymentProfile.profile.name : null,
                deployments: f.deploymentProfile.deployments,
                of: f.deploymentProfile.of,
                settings: deploymentProfileSettings(f.segment, f.deploymentProfile),
                fromProperties: Object.fromEntries(f.deploymentProfile.profile.from.map(([setting, property]) => [setting, property])),
              },
            }
          : {}),
        readings: readingNotes(obs, f),
        accountSetupNotShown: { deployments: obs.accountSetupNotRun, of: obs.succeeded, skipped: f.skipsAccountSetup },
        deviceSetupNotShown: { deployments: obs.deviceSetupNotRun, of: obs.succeeded, espOff: f.espNotShown },
        steps: f.steps,
        failures: f.failures.map(({ phase, code, reportedCode, observed, withoutCode, share, probability }) => ({ phase, code, ...(reportedCode ? { reportedCode } : {}), observed, ...(withoutCode ? { withoutCode } : {}), share, interval95: wilson(observed, f.events).map(roundShare) as [number, number], probability })),
        modelFailures: f.modelFailures,
        retried: f.retried.map(({ phase, code, observed, share, probability }) => ({ phase, code, observed, share, probability })),
        modelRetried: f.modelRetried,
        ...(f.timerRetry ? { timerRetry: f.timerRetry } : {}),
        unmappedCodes: sorted(obs.unmappedCodes).map(([code, events]) => ({ code, events })),
        durationsLeftOut: sorted(obs.durationsLeftOut).map(([reason, events]) => ({ reason, events })),
        quality: f.quality,
        flags: f.flags,
        caveats: f.caveats,
        disagreements: f.disagreements,
      };
    }),
    ...(backtest ? { backtest } : {}),
  };
}

const LABEL = DURATION_LABEL;
/** A segment's durations that either side has: a flow with no account setup (self-deploying, device preparation) has no row for it. */
const shownDurations = (s: SegmentCheck): SegmentCheck['durations'] => s.durations.filter((x) => x.observed.n > 0 || x.simulated.n > 0);
/** The successes on retry's total, the tenant's beside the twin's (SegmentCheck.retriedTotal), in a sentence; null without any. */
const retriedLine = (s: SegmentCheck): string | null => {
  const r = s.retriedTotal;
  if (!r) return null;
  return `${s.segment}: successes on retry, total (min; not fitted, both attempts in it) p50 / p75 / p90: observed ${min(r.observed.p50)} / ${min(r.observed.p75)} / ${min(r.observed.p90)} (${count(r.observed.n)}), simulated ${min(r.simulated.p50)} / ${min(r.simulated.p75)} / ${min(r.simulated.p90)} (${count(r.simulated.n)}), KS ${ks(r.ks)}`;
};
const logn = (n: number, l: Lognormal | null, what: string) => (l ? `${n} ${what} apps, each lognormal median ${l.median} min, p90 ${l.p90}` : n ? `${n} ${what} apps at the model's default install time (too few durations to fit)` : `no ${what} apps`);
/** The user apps, or that account setup is skipped as the tenant's ESP skips it. */
const userAppsText = (s: CalibrationReport['segments'][number], text: string) =>
  s.deviceSetupNotShown.espOff ? '–' : s.accountSetupNotShown.skipped ? `account setup not shown in ${count(s.accountSetupNotShown.deployments)} of ${count(s.accountSetupNotShown.of)} successful deployments: skipped (SkipUserStatusPage), no user apps tracked` : text;
/** The device apps, or that the ESP is off as the tenant's is. */
const deviceAppsText = (s: CalibrationReport['segments'][number], text: string) =>
  s.deviceSetupNotShown.espOff ? `the ESP not shown in ${count(s.deviceSetupNotShown.deployments)} of ${count(s.deviceSetupNotShown.of)} successful deployments (deviceSetupStatus notAttempted or disabled): the twin's ESP is off, no apps tracked` : text;
/** A kind of apps in a table cell: fitted, at the defaults, or none. */
const appsCell = (n: number, l: Lognormal | null, prefix = '') => (l ? `${n} × ${prefix}median ${l.median}, p90 ${l.p90}` : n ? `${n} at the model's default install time` : '–');
/** The failures column of the fitted table: the final ones, then those that succeeded on retry. */
const failuresCell = (s: CalibrationReport['segments'][number]) =>
  [...s.failures.map((f) => `${failureLabel(f)} at ${f.phase} ${pct(f.share)}`), ...s.retried.map((f) => `${f.code} at ${f.phase} ${pct(f.share)}, succeeded on retry`)].join('; ') || '–';
/** What the model's own timer retries at a phase, beside a retried probability there. */
const retriedOwnText = (own: SegmentFit['modelRetried'], phase: string) => {
  const p = own[phase as keyof typeof own];
  return p ? `, beside the ${pct(p)} the model's own timer ends there and the retry saves` : '';
};
/** What the model fails at a phase on its own, beside a calibrated probability there. */
export const ownText = (own: SegmentFit['modelFailures'], phase: string) => {
  const p = own[phase as keyof typeof own];
  return p ? `, beside the ${pct(p)} the model fails there on its own` : '';
};
const iv = (r: number, [lo, hi]: [number, number]) => `${pct(r)} (${pct(lo)}–${pct(hi)})`;
/** The twin's success with its interval: the fit's uncertainty and the simulation's (SideStats.twin). */
const twinIv = (s: SegmentCheck) => iv(s.simulated.successRate, s.simulated.foretold?.successInterval95 ?? s.simulated.twin?.successInterval95 ?? s.simulated.successInterval95);
/** The success table's heading: against a later export (--against), the twin's column is what it foretells for it. */
const successHead = (b: Backtest) => ['segment', b.against ? 'later export' : 'observed', 'success (95% CI)', 'simulated', b.against ? `foretold (${overChecks(b.checks?.count ?? 1)})` : 'success (95% CI)'];
const backtestTitle = (b: Backtest) => (b.against ? `the twin simulated with the observed mix, against ${b.against.join(', ')}` : 'the twin simulated with the observed mix');
/** Under the success table, in every format. */
const TWIN_INTERVAL =
  "The twin's interval holds the uncertainty of the rates it was fitted to, which rest on the observed deployments, beside the simulation's own: a twin of a few deployments is as unsure as they are, however many devices it simulates. run, compare and sweep on the twin give the simulation's alone.";
const ks = (x: number | null) => (x === null ? '–' : x.toFixed(3));

export const METHOD_NOTE =
  'Fit: per phase, a factor on the model\'s own steps (their defaults, estimates marked: schema/scenario.schema.json, durations) and the apps\' install times, matched to the observed quantiles of device setup, account setup and the total less both (enrollment). Where a phase has apps, its steps keep their defaults unless a factor fits clearly better: the durations cannot tell slower steps from slower apps. Failures: the observed share per phase and code, as a probability once the phase is reached, net of what the model fails there on its own (its ESP timer).';
/** The method's note, with device preparation's where a segment is one (its report has no ESP phases: one duration, the policy's timer). */
const methodNote = (r: CalibrationReport): string =>
  r.segments.some((s) => s.segment.startsWith('device-preparation/'))
    ? `${METHOD_NOTE} Device preparation, from its deployments report: Deployment time (the model's whole flow after the OOBE screens) fitted with the policy's apps' install time and one factor on the model's own steps (its enrollment and its policy's installation, which the one duration cannot tell apart), on the same terms; its failures net of the policy's timer.`
    : METHOD_NOTE;

/** A phase's step factor in words: "×1.3", or why there is none. */
export function stepText(st: StepFit): string {
  const label = st.fittedTo === 'deploymentTime' ? "device preparation's own steps" : `${PHASE_LABEL[st.phase]} steps`;
  if (st.basis === 'fitted') return `${label} ×${st.factor}`;
  if (st.basis === 'not fitted') return `${label} at defaults (too few durations)`;
  return `${label} at defaults (a factor fits no better: quantile RMSE ${st.rmseAtDefaults} min at defaults, noise ${st.noise})`;
}

/** A segment's step factors in words: device preparation's one factor (on both its phases) once. */
export const stepsText = (steps: readonly StepFit[]): string => distinctSteps(steps).map(stepText).join('; ');

// ── Terminal ─────────────────────────────────────────────────────────────────────────────────

/**
 * The report for a terminal. `columns`: the terminal's width, when the output goes to one: its sentences (a segment's
 * method's note ran to 559 characters, a segment's steps to 240) fold at spaces under their first word, and a backtest table wider than the terminal
 * (88 to 108 columns on the sample) takes its narrow form. Piped, the report as it always was.
 */
export function renderCalibration(r: CalibrationReport, opts: { columns?: number } = {}): string {
  const out: string[] = [];
  // A line of the report, folded on a terminal: continuations under the first word after its indentation.
  const line = (text: string, hang = 2) => out.push(wrap(text, opts.columns, hang));
  line(`${pc.bold('Calibration')}  ${pc.dim(`${count(r.events)} event${r.events === 1 ? '' : 's'} in ${r.files} file${r.files === 1 ? '' : 's'} · ${count(r.usable)} usable · ${count(r.redeployedDevices)} devices deployed more than once (each deployment counts)`)}`);
  if (r.unusable.length) line(`${pc.bold('Not used:')} ${r.unusable.map((u) => `${count(u.events)} ${u.reason}`).join(' · ')}`);
  if (r.pagesMissing) line(`${pc.bold(pc.yellow('Incomplete:'))} ${r.pagesMissing}`);
  if (r.codePage) line(`${pc.bold(pc.yellow(`${CODE_PAGE_LABEL}:`))} ${r.codePage}`);
  if (r.totalLines) line(`${pc.bold(`${TOTAL_LINES_LABEL}:`)} ${r.totalLines.note}`);
  if (r.duplicatesNotChecked) line(`${pc.bold(pc.yellow(`${DUPLICATES_LABEL}:`))} ${r.duplicatesNotChecked.note}`);
  if (r.repeatedPages) line(`${pc.bold(pc.yellow(`${REPEATED_LABEL}:`))} ${r.repeatedPages.note}`);
  if (r.repeatedRows) line(`${pc.bold(pc.yellow(`${REPEATED_ROWS_LABEL}:`))} ${r.repeatedRows.note}`);
  for (const s of r.segments) {
    out.push('');
    line(`${pc.bold(s.segment)} · ${count(s.deployments)} deployment${s.deployments === 1 ? '' : 's'} · success ${count(s.outcomes.success!)} · on retry ${count(s.outcomes.successOnRetry!)} · with timeout ${count(s.outcomes.successWithTimeout!)} · failure ${count(s.outcomes.failure!)}`);
    line(`  fitted: ${s.deviceSetupNotShown.espOff ? deviceAppsText(s, '') : `${logn(s.deviceApps, s.deviceApp, 'device')}; ${userAppsText(s, logn(s.userApps, s.userApp, 'user'))}`}`, 4);
    const targeted = targetedText({ ...s, espOff: s.deviceSetupNotShown.espOff });
    if (targeted) line(`  ${targeted}`, 4);
    for (const note of s.readings) line(`  ${note}`, 4);
    if (s.steps.length) line(`  steps: ${stepsText(s.steps)}`, 4);
    for (const f of s.failures) line(`  failure ${f.withoutCode === f.observed ? `${pc.yellow('without an error code')} (counted under ${f.code})` : `${pc.yellow(f.reportedCode ?? f.code)}${f.reportedCode ? ` (${catalogued(f.reportedCode) ? 'the report\'s ResultCode' : 'not in the catalogue'}; counted under ${f.code})` : f.withoutCode ? ` (${count(f.withoutCode)} of them without an error code)` : ''}`} at ${f.phase}: ${count(f.observed)} (${pct(f.share)} of deployments; probability ${f.probability} once there${ownText(s.modelFailures, f.phase)}${fewFailures(f.observed, s.deployments) ? `; ${fewFailures(f.observed, s.deployments)}` : ''})`, 4);
    // Graph's successOnRetry, which the twin fails once at the phase and lets the retry through (fit.ts retried).
    for (const f of s.retried) line(`  on retry ${pc.yellow(f.code)} at ${f.phase}: ${count(f.observed)} (${pct(f.share)} of deployments succeeded after an initial timeout; probability ${f.probability} once there${retriedOwnText(s.modelRetried, f.phase)}; the twin's people retry once)`, 4);
    const merged = s.unmappedCodes.filter((u) => !s.failures.some((f) => f.reportedCode === u.code));
    if (merged.length) line(`  ${pc.dim(`codes not in the catalogue, too rare to keep apart (counted under a generic id): ${merged.map((u) => `${u.code} ×${count(u.events)}`).join(', ')}`)}`, 4);
    if (s.durationsLeftOut.length) line(`  ${pc.dim(`durations left out: ${s.durationsLeftOut.map((u) => `${count(u.events)} ${u.reason}`).join(' · ')}`)}`, 4);
    const head = ['fit (min)', 'n', 'observed p50', 'p90', 'simulated p50', 'p90', 'KS'];
    const quality = s.quality.filter((q) => q.observed.n > 0 || q.simulated.n > 0).map((q) => [LABEL[q.kind], String(q.observed.n), min(q.observed.p50), min(q.observed.p90), min(q.simulated.p50), min(q.simulated.p90), ks(q.ks)]);
    out.push(
      fitted(
        [
          () => {
            const t = new Table({ head, style: { head: [], border: [] } });
            for (const row of quality) t.push(row);
            return t;
          },
        ],
        opts.columns,
        [head, quality],
      ),
    );
    for (const n of notesOf(s)) line(`  ${NOTE_COLOUR[n.kind](`${n.label}:`)} ${n.text}`, 4);
  }
  if (r.backtest) out.push('', ...backtestTerminal(r.backtest, opts.columns));
  line(pc.dim(methodNote(r)), 0);
  return out.join('\n');
}

/**
 * A table as cli-table3 draws it, or where that is wider than the terminal (`columns`), the first of its narrower forms
 * that fits (the narrowest where none does): the segment's name broken after its slash, headings on two lines, a
 * figure's interval under it.
 */
function fitted(forms: Array<() => Table.Table>, columns: number | undefined, list?: [head: string[], rows: string[][]]): string {
  let drawn = '';
  for (const form of forms) {
    drawn = form().toString();
    if (columns === undefined || visibleLength(drawn.slice(0, drawn.indexOf('\n'))) <= columns) return drawn;
  }
  // Where even the narrowest is wider than a split pane (60-73 columns), each row a line, as the other commands' tables.
  return list && columns !== undefined ? tableAsList(list[0], list[1], columns) : drawn;
}

function backtestTerminal(b: Backtest, columns?: number): string[] {
  const out = [pc.bold(`Backtest: ${backtestTitle(b)}`)];
  const table = (head: string[], rows: string[][]) => {
    const t = new Table({ head, style: { head: [], border: [] } });
    for (const row of rows) t.push(row);
    return t;
  };
  const segment = (s: { segment: string }) => s.segment.replace('/', '/\n');
  out.push(
    fitted(
      [
        () => table(successHead(b), b.segments.map((s) => [s.segment, String(s.observed.deployments), iv(s.observed.successRate, s.observed.successInterval95), String(s.simulated.deployments), twinIv(s)])),
        () => table(successHead(b).map((h) => h.replace(' (', '\n(')), b.segments.map((s) => [segment(s), String(s.observed.deployments), iv(s.observed.successRate, s.observed.successInterval95).replace(' ', '\n'), String(s.simulated.deployments), twinIv(s).replace(' ', '\n')])),
      ],
      columns,
      [successHead(b), b.segments.map((s) => [s.segment, String(s.observed.deployments), iv(s.observed.successRate, s.observed.successInterval95), String(s.simulated.deployments), twinIv(s)])],
    ),
  );
  out.push(wrap(TWIN_INTERVAL, columns));
  out.push(wrap(b.basis, columns));
  const poor = (k: number | null) => (k !== null && k > KS_POOR ? pc.red(ks(k)) : ks(k));
  const rows = b.segments.flatMap((s) => shownDurations(s).map((x) => ({ s, x })));
  // Narrow: each side's three quantiles in one cell (the table ran to 108 columns); narrower still (minutes in the
  // hundreds), the two sides on two rows.
  const quantiles = (q: { p50: number | null; p75: number | null; p90: number | null }) => `${min(q.p50)} · ${min(q.p75)} · ${min(q.p90)}`;
  out.push(
    fitted(
      [
        () => table(['segment', 'duration (min)', 'observed p50', 'p75', 'p90', 'simulated p50', 'p75', 'p90', 'KS'], rows.map(({ s, x }) => [s.segment, LABEL[x.kind], min(x.observed.p50), min(x.observed.p75), min(x.observed.p90), min(x.simulated.p50), min(x.simulated.p75), min(x.simulated.p90), poor(x.ks)])),
        () => table(['segment', 'duration\n(min)', 'observed\np50 · p75 · p90', 'simulated\np50 · p75 · p90', 'KS'], rows.map(({ s, x }) => [segment(s), LABEL[x.kind].replace(' ', '\n'), quantiles(x.observed), quantiles(x.simulated), poor(x.ks)])),
        () =>
          table(
            ['segment', 'duration\n(min)', '', 'p50', 'p75', 'p90', 'KS'],
            rows.flatMap(({ s, x }) => [
              [segment(s), LABEL[x.kind].replace(' ', '\n'), 'observed', min(x.observed.p50), min(x.observed.p75), min(x.observed.p90), poor(x.ks)],
              ['', '', 'simulated', min(x.simulated.p50), min(x.simulated.p75), min(x.simulated.p90), ''],
            ]),
          ),
      ],
      columns,
      [['segment', 'duration (min)', 'observed p50 · p75 · p90', 'simulated p50 · p75 · p90', 'KS'], rows.map(({ s, x }) => [s.segment, LABEL[x.kind], quantiles(x.observed), quantiles(x.simulated), poor(x.ks)])],
    ),
  );
  for (const s of b.segments) {
    const line = retriedLine(s);
    if (line) out.push(wrap(line, columns, 2));
  }
  const failures = b.segments.flatMap((s) => s.failures.slice(0, 8).map((x) => ({ s, x })));
  if (failures.length)
    out.push(
      fitted(
        [
          () => table(['segment', 'phase', 'code', 'observed share', 'simulated share'], failures.map(({ s, x }) => [s.segment, x.phase, checkedCode(x), pct(x.observed), pct(x.simulated)])),
          () => table(['segment', 'phase', 'code', 'observed\nshare', 'simulated\nshare'], failures.map(({ s, x }) => [segment(s), x.phase, checkedCode(x), pct(x.observed), pct(x.simulated)])),
        ],
        columns,
        [['segment', 'phase', 'code', 'observed share', 'simulated share'], failures.map(({ s, x }) => [s.segment, x.phase, checkedCode(x), pct(x.observed), pct(x.simulated)])],
      ),
    );
  // Each note labelled as the report above labels it ('cannot fit:', 'what-if caveat:', 'inputs disagree:'): the flags were 'flag'.
  for (const s of b.segments) for (const n of notesOf(s)) out.push(wrap(`${s.segment}: ${NOTE_COLOUR[n.kind](`${n.label}:`)} ${n.text}`, columns, 2));
  const fits = fitsLine(b);
  if (fits) out.push(wrap(pc.green(fits), columns, 0));
  return out;
}

// ── Markdown ─────────────────────────────────────────────────────────────────────────────────

const md = (s: string) => s.replace(/\|/g, '\\|');
function mdTable(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(md).join(' | ')} |`)].join('\n');
}

export function renderCalibrationMarkdown(r: CalibrationReport): string {
  const out: string[] = ['## Calibration', '', `${count(r.events)} event${r.events === 1 ? '' : 's'} in ${r.files} file${r.files === 1 ? '' : 's'}, ${count(r.usable)} usable; ${count(r.redeployedDevices)} devices deployed more than once (each deployment counts).`, ''];
  if (r.unusable.length) out.push(mdTable(['not used', 'events'], r.unusable.map((u) => [u.reason, String(u.events)])), '');
  if (r.pagesMissing) out.push(`**Incomplete:** ${md(r.pagesMissing)}`, '');
  if (r.codePage) out.push(`**${CODE_PAGE_LABEL}:** ${md(r.codePage)}`, '');
  if (r.totalLines) out.push(`**${TOTAL_LINES_LABEL}:** ${md(r.totalLines.note)}`, '');
  if (r.duplicatesNotChecked) out.push(`**${DUPLICATES_LABEL}:** ${md(r.duplicatesNotChecked.note)}`, '');
  if (r.repeatedPages) out.push(`**${REPEATED_LABEL}:** ${md(r.repeatedPages.note)}`, '');
  if (r.repeatedRows) out.push(`**${REPEATED_ROWS_LABEL}:** ${md(r.repeatedRows.note)}`, '');
  out.push(
    mdTable(
      ['segment', 'deployments', 'device apps (lognormal min)', 'user apps (lognormal min)', 'model steps (factor on defaults)', 'failures (share)'],
      r.segments.map((s) => [
        s.segment,
        String(s.deployments),
        deviceAppsText(s, appsCell(s.deviceApps, s.deviceApp)),
        userAppsText(s, appsCell(s.userApps, s.userApp)),
        stepsText(s.steps) || '–',
        failuresCell(s),
      ]),
    ),
    '',
  );
  const b = r.backtest;
  if (b) {
    const title = backtestTitle(b);
    out.push('### Backtest', '', `${title[0]!.toUpperCase()}${title.slice(1)}.`, '');
    out.push(mdTable(successHead(b), b.segments.map((s) => [s.segment, String(s.observed.deployments), iv(s.observed.successRate, s.observed.successInterval95), String(s.simulated.deployments), twinIv(s)])), '', TWIN_INTERVAL, '', b.basis, '');
    out.push(
      mdTable(
        ['segment', 'duration (min)', 'observed p50 / p75 / p90', 'simulated p50 / p75 / p90', 'KS'],
        b.segments.flatMap((s) => shownDurations(s).map((x) => [s.segment, LABEL[x.kind], `${min(x.observed.p50)} / ${min(x.observed.p75)} / ${min(x.observed.p90)}`, `${min(x.simulated.p50)} / ${min(x.simulated.p75)} / ${min(x.simulated.p90)}`, ks(x.ks)])),
      ),
      '',
    );
    const retried = b.segments.flatMap((s) => retriedLine(s) ?? []);
    if (retried.length) out.push(retried.map((l) => `- ${md(l)}`).join('\n'), '');
    // Failures by phase and code, observed beside simulated, as the terminal shows them: where the twin fails otherwise than the tenant.
    const failures = b.segments.flatMap((s) => s.failures.slice(0, 8).map((x) => [s.segment, x.phase, checkedCode(x), pct(x.observed), pct(x.simulated)]));
    if (failures.length) out.push(mdTable(['segment', 'phase', 'code', 'observed share', 'simulated share'], failures), '');
    const notes = b.segments.flatMap((s) => mdNotes(s.segment, notesOf(s)));
    if (notes.length) out.push(notes.join('\n'), '');
    const fits = fitsLine(b);
    if (fits) out.push(fits, '');
  } else {
    const notes = r.segments.flatMap((s) => mdNotes(s.segment, notesOf(s)));
    if (notes.length) out.push(notes.join('\n'), '');
  }
  const targeted = r.segments.flatMap((s) => [...(targetedText({ ...s, espOff: s.deviceSetupNotShown.espOff }) ? [`- **${s.segment}**: ${targetedText({ ...s, espOff: s.deviceSetupNotShown.espOff })}`] : []), ...s.readings.map((n) => `- **${s.segment}**: ${n}`)]);
  if (targeted.length) out.push(targeted.join('\n'), '');
  out.push(`_${methodNote(r)}_`);
  return out.join('\n');
}

// ── HTML ─────────────────────────────────────────────────────────────────────────────────────

const n1 = (x: number) => (Math.round(x * 10) / 10).toString();

/** Observed and simulated distributions overlaid, as shares per bin: minutes on nice ticks under the bars, the share on a left axis, and a key. */
function overlay(title: string, chart: { observed: Array<[number, number]>; simulated: Array<[number, number]> }): string {
  const W = 560;
  const H = 226;
  const L = 48;
  const R = 12;
  const T = 30;
  const B = 44;
  if (!chart.observed.length && !chart.simulated.length) return `<figure><figcaption>${esc(title)}</figcaption><p class="empty">No durations to draw.</p></figure>`;
  const all = [...chart.observed, ...chart.simulated];
  const step = chart.observed.length > 1 ? chart.observed[1]![0] - chart.observed[0]![0] : 1;
  const xmax = (Math.max(...all.map(([x]) => x)) || 0) + step;
  const top = Math.max(...all.map(([, y]) => y)) || 1;
  const yTicks = ticks(0, top, 4);
  // The ticks stop at the last round value under the tallest bin: one more above it, or the mode
  // (the bin a reader looks at first) ran over the top of the plot and into the key.
  if (yTicks[yTicks.length - 1]! < top) yTicks.push(Math.round((2 * yTicks[yTicks.length - 1]! - yTicks[yTicks.length - 2]!) * 1e6) / 1e6);
  const ymax = yTicks[yTicks.length - 1]!;
  const x = (v: number) => L + ((W - L - R) * v) / xmax;
  const y = (v: number) => H - B - ((H - B - T) * v) / ymax;
  const bars = chart.observed.map(([bx, by]) => `<rect x="${n1(x(bx))}" y="${n1(y(by))}" width="${n1(Math.max(1, x(bx + step) - x(bx) - 1))}" height="${n1(H - B - y(by))}" class="obs"/>`).join('');
  const line = chart.simulated.map(([bx, by], i) => `${i ? 'L' : 'M'}${n1(x(bx))},${n1(y(by))}H${n1(x(bx + step))}`).join('');
  const xLabels = ticks(0, xmax, 6)
    .filter((v) => v <= xmax)
    .map((v) => `<line x1="${n1(x(v))}" y1="${H - B}" x2="${n1(x(v))}" y2="${H - B + 4}" class="axis"/><text x="${n1(x(v))}" y="${H - B + 16}" text-anchor="middle">${v}</text>`);
  const yLabels = yTicks.map((v) => `<line x1="${L}" y1="${n1(y(v))}" x2="${W - R}" y2="${n1(y(v))}" class="grid"/><text x="${L - 6}" y="${n1(y(v) + 4)}" text-anchor="end">${Math.round(v * 1000) / 10}%</text>`);
  const key = `<rect x="${L}" y="8" width="12" height="10" class="obs"/><text x="${L + 16}" y="17">observed</text><path d="M${L + 86},13H${L + 104}" class="sim key"/><text x="${L + 108}" y="17">simulated</text>`;
  return `<figure><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}: observed bars, simulated line, share of deployments by minutes">
${yLabels.join('')}<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" class="axis"/>${bars}<path d="${line}" class="sim"/>${xLabels.join('')}
<text x="${n1((L + W - R) / 2)}" y="${H - 8}" text-anchor="middle">minutes</text><text x="${W - R}" y="17" text-anchor="end">share of deployments</text>${key}</svg></figure>`;
}

/** A segment's notes as an HTML list, each with its label; a fit that does not follow the data in the flags' colour. */
function htmlNotes(segment: string, notes: ReturnType<typeof notesOf>): string {
  return `<ul class="notes">${notes.map((n) => `<li${n.kind === 'flags' ? ' class="flag"' : ''}>${esc(segment)}: ${esc(n.label)}: ${esc(n.text)}</li>`).join('')}</ul>`;
}

export function renderCalibrationHtml(r: CalibrationReport): string {
  const rows = (cells: string[][]) => cells.map((c) => `<tr>${c.map((x) => `<td>${esc(x)}</td>`).join('')}</tr>`).join('');
  const head = (cells: string[]) => `<tr>${cells.map((x) => `<th>${esc(x)}</th>`).join('')}</tr>`;
  const body: string[] = [];
  body.push(`<h1>Calibration</h1><p>${count(r.events)} event${r.events === 1 ? '' : 's'} in ${r.files} file${r.files === 1 ? '' : 's'}, ${count(r.usable)} usable; ${count(r.redeployedDevices)} devices deployed more than once (each deployment counts). Aggregates only: no identifier from the export.</p>`);
  if (r.unusable.length) body.push(`<table><caption>Not used</caption>${head(['reason', 'events'])}${rows(r.unusable.map((u) => [u.reason, String(u.events)]))}</table>`);
  if (r.pagesMissing) body.push(`<p><strong>Incomplete:</strong> ${esc(r.pagesMissing)}</p>`);
  if (r.codePage) body.push(`<p><strong>${CODE_PAGE_LABEL}:</strong> ${esc(r.codePage)}</p>`);
  if (r.totalLines) body.push(`<p><strong>${TOTAL_LINES_LABEL}:</strong> ${esc(r.totalLines.note)}</p>`);
  if (r.duplicatesNotChecked) body.push(`<p><strong>${DUPLICATES_LABEL}:</strong> ${esc(r.duplicatesNotChecked.note)}</p>`);
  if (r.repeatedPages) body.push(`<p><strong>${REPEATED_LABEL}:</strong> ${esc(r.repeatedPages.note)}</p>`);
  if (r.repeatedRows) body.push(`<p><strong>${REPEATED_ROWS_LABEL}:</strong> ${esc(r.repeatedRows.note)}</p>`);
  body.push(
    `<table><caption>Fitted</caption>${head(['segment', 'deployments', 'device apps', 'user apps', 'model steps', 'failures'])}${rows(
      r.segments.map((s) => [s.segment, String(s.deployments), deviceAppsText(s, appsCell(s.deviceApps, s.deviceApp, 'lognormal ')), userAppsText(s, appsCell(s.userApps, s.userApp, 'lognormal ')), stepsText(s.steps) || '–', failuresCell(s)]),
    )}</table>`,
  );
  const b = r.backtest;
  if (b) {
    const title = backtestTitle(b);
    body.push(`<h2>Backtest</h2><p>${esc(title[0]!.toUpperCase() + title.slice(1))}: bars are the observed distribution, the line the simulated one.</p>`);
    body.push(`<table>${head(successHead(b))}${rows(b.segments.map((s) => [s.segment, String(s.observed.deployments), iv(s.observed.successRate, s.observed.successInterval95), String(s.simulated.deployments), twinIv(s)]))}</table><p>${TWIN_INTERVAL}</p><p>${esc(b.basis)}</p>`);
    body.push(`<table>${head(['segment', 'duration (min)', 'observed p50', 'p75', 'p90', 'simulated p50', 'p75', 'p90', 'KS'])}${rows(b.segments.flatMap((s) => shownDurations(s).map((x) => [s.segment, LABEL[x.kind], min(x.observed.p50), min(x.observed.p75), min(x.observed.p90), min(x.simulated.p50), min(x.simulated.p75), min(x.simulated.p90), ks(x.ks)])))}</table>`);
    const retried = b.segments.flatMap((s) => retriedLine(s) ?? []);
    if (retried.length) body.push(`<ul class="notes">${retried.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`);
    const failures = b.segments.flatMap((s) => s.failures.slice(0, 8).map((x) => [s.segment, x.phase, checkedCode(x), pct(x.observed), pct(x.simulated)]));
    if (failures.length) body.push(`<table>${head(['segment', 'phase', 'code', 'observed share', 'simulated share'])}${rows(failures)}</table>`);
    for (const s of b.segments) {
      body.push(`<h3>${esc(s.segment)}</h3><div class="charts">${shownDurations(s).map((x) => overlay(`${s.segment}: ${LABEL[x.kind]} (KS ${ks(x.ks)})`, x.chart)).join('')}</div>`);
      if (notesOf(s).length) body.push(htmlNotes(s.segment, notesOf(s)));
    }
    const fits = fitsLine(b);
    if (fits) body.push(`<p>${esc(fits)}</p>`);
  } else {
    // Without --check the report has no backtest, and the flags had been shown only in it: none at all.
    for (const s of r.segments) if (notesOf(s).length) body.push(htmlNotes(s.segment, notesOf(s)));
  }
  const targeted = r.segments.flatMap((s) => [...(targetedText({ ...s, espOff: s.deviceSetupNotShown.espOff }) ? [`<li>${esc(s.segment)}: ${esc(targetedText({ ...s, espOff: s.deviceSetupNotShown.espOff })!)}</li>`] : []), ...s.readings.map((n) => `<li>${esc(s.segment)}: ${esc(n)}</li>`)]);
  if (targeted.length) body.push(`<ul class="notes">${targeted.join('')}</ul>`);
  body.push(`<p class="note">${esc(methodNote(r))}</p>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Calibration</title><style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1180px;margin:24px auto;padding:0 16px;color:#1b1b1b}
table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}caption{text-align:left;font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0}figcaption{font-weight:600}svg text{font-size:11px;fill:#444}
.obs{fill:#9ec5e8}.sim{fill:none;stroke:#c0392b;stroke-width:2}.axis{stroke:#888}.grid{stroke:#e3e6ea}li.flag{color:#a00}.note{color:#555}.empty{color:#777}
</style></head><body>${body.join('\n')}</body></html>\n`;
}

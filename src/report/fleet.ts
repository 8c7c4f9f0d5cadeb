// The fleet report for a terminal.
import { DURATIONS_NOTE } from '../environment/durations.ts';
import Table from 'cli-table3';
import pc from 'picocolors';
import { technicianShown, type FleetReport, type Percentiles, type Slice } from '../fleet/report.ts';
import { wilson } from '../fleet/stats.ts';
import type { SweepResult } from '../fleet/analysis-types.ts';
import { phaseLabel, phaseMinutesLabel } from '../catalog/phases.ts';
import { soughtOf, sumEnds, wordsOf } from '../catalog/continued.ts';
import { count, failureText, fitColumns, min, pct, roundMinutes, sparkline, terminalWidth, wrap } from '../format.ts';
import { fitTable } from './table.ts';
import { foldedName, loadsShown, rangeText, warningsShown, type FoldedLinks } from '../fleet/bottlenecks.ts';
import { devicesText } from './charts.ts';

/** Said under every fleet report, whatever its format. */
/**
 * What the active time holds beyond the user's and the technician's: the device's unattended minutes, as the difference of
 * the means, with where they come from in this fleet (unattendedSources). A self-deploying fleet showed a total of 26
 * minutes beside 0.0 for the user and 0.0 for the technician, and the means did not add up. Null when there are none.
 */
export function unattendedNote(r: FleetReport): string | null {
  const { total, endUser, technician } = r.timeToDesktop;
  if (total.mean === null || endUser.mean === null || technician.mean === null) return null;
  // From the rounded means, so that the printed figures add up exactly; under half a minute it is their rounding.
  const unattended = roundMinutes(roundMinutes(total.mean) - roundMinutes(endUser.mean) - roundMinutes(technician.mean));
  if (unattended < 0.5) return null;
  // The technician's share only where the table has its row (technicianShown).
  const [whose, plus] = technicianShown(r) ? ["the end user's, the technician's", ` + ${min(technician.mean)}`] : ["the end user's", ''];
  const sources = unattendedSources(r);
  return `The total is active time: ${whose} and the device's own unattended minutes (mean ${min(unattended)}: ${sources.length ? `${sources.join(', ')}, ` : ''}no one at the device), so the means add up: ${min(total.mean)} = ${min(endUser.mean)}${plus} + ${min(unattended)}.`;
}

/**
 * Where a fleet's unattended minutes come from (the machines' clock:unattended states), as far as the report shows it: a
 * self-deploying device's OOBE and ESP (its successes end at the sign-in screen), an existing device's task sequence, an
 * Autopilot Reset (ready for the next user), a Cloud PC in device preparation's automatic mode (provisioned). The note
 * named all four whatever the fleet held: a university's lab resets read "self-deploying, a task sequence, a Windows 365
 * Cloud PC …" and not the reset their minutes were.
 */
function unattendedSources(r: FleetReport): string[] {
  const ends = r.successEnds;
  const others: Array<string | false> = [
    (r.phaseMinutes?.taskSequence ?? 0) > 0 && 'a task sequence',
    (ends?.readyForNextUser ?? 0) > 0 && 'Autopilot Reset',
    (ends?.cloudPcStatus ?? 0) > 0 && "a Windows 365 Cloud PC in device preparation's automatic mode",
  ];
  const named = others.filter((s): s is string => s !== false);
  // Self-deploying where its devices end at the sign-in screen, or where nothing else explains the minutes (a kiosk's
  // self-deploying ends at the kiosk's desktop, which the report counts with the users').
  return (ends?.signInScreen ?? 0) > 0 || named.length === 0 ? ['self-deploying', ...named] : named;
}

/** Fewer successful devices than this: their percentiles are a handful of devices' times, which the table does not show. */
export const FEW_SUCCEEDED = 30;

/**
 * Time to desktop counts successful devices only: where few succeeded, a line says how few. A run where 5 devices of
 * 2,000 succeeded printed p50 47.8 and p90 56.8 minutes with nothing to tell them from a fleet's typical times.
 */
export function fewSucceededNote(r: FleetReport): string | null {
  if (r.succeeded === 0 || r.succeeded >= FEW_SUCCEEDED) return null;
  return `These times are of the ${count(r.succeeded)} ${r.succeeded === 1 ? 'device' : 'devices'} of ${count(r.devices)} that succeeded: too few to stand for the fleet.`;
}

/**
 * A calibrated twin whose rates rest on no more deployments than the run simulates: its success interval, the
 * simulation's alone, leaves out the larger part of the uncertainty, and the note gives the interval with it (as
 * calibrate --check gives the twin's). A twin of 30 deployments run at 2,000 devices read 90.3% (88.9%–91.5%), as sure
 * as one of 30,000. Null for any other run.
 */
export function fitNote(r: FleetReport): string | null {
  const f = r.fittedTo;
  if (!f || f.deployments > r.devices) return null;
  return `The success interval is the simulation's alone: ${fitBasis(f)}, whose uncertainty it leaves out; with it, as calibrate --check gives the twin's, ${pct(f.successInterval95[0])}–${pct(f.successInterval95[1])}.`;
}

/** What a twin's rates rest on, in run's words: "the twin's failure rates rest on 30 observed deployments (90.0% succeeded, ...)". */
function fitBasis(f: Fit): string {
  return `the twin's failure rates rest on ${count(f.deployments)} observed ${f.deployments === 1 ? 'deployment' : 'deployments'} (${pct(f.succeeded / f.deployments)} succeeded, 95% interval ${pct(f.observedInterval95[0])}–${pct(f.observedInterval95[1])})`;
}

type Fit = NonNullable<FleetReport['fittedTo']>;
const sameFit = (a: Fit, b: Fit) => a.deployments === b.deployments && a.succeeded === b.succeeded;

/**
 * fitNote for compare and sweep, whose success intervals are the simulation's alone as run's are: each run's interval with
 * the fit's uncertainty, named by `label` (compare's A and B, a sweep's values). Compare and sweep on a twin of 293
 * deployments printed intervals 2 points wide without a word, where run gave the note. Null where no run needs it.
 */
export function fitNoteOf(runs: Array<{ label: string; devices: number; fittedTo?: FleetReport['fittedTo']; successRate?: number }>, what: { compare: true } | { sweep: string }): string | null {
  const fitted = runs.filter((x): x is typeof x & { fittedTo: Fit } => !!x.fittedTo && x.fittedTo.deployments <= x.devices);
  if (!fitted.length) return null;
  const first = fitted[0]!.fittedTo;
  const interval = (f: Fit) => `${pct(f.successInterval95[0])}–${pct(f.successInterval95[1])}`;
  // Two twins (or a sweep that counts another twin's segments at some values): each run's own note.
  if (!fitted.every((x) => sameFit(x.fittedTo, first)))
    return fitted.map((x) => `${'compare' in what ? x.label : `At ${x.label}`}: the success interval is the simulation's alone: ${fitBasis(x.fittedTo)}, whose uncertainty it leaves out; with it, as calibrate --check gives the twin's, ${interval(x.fittedTo)}.`).join(' ') + ('compare' in what ? twinsApart(fitted) : '');
  if ('compare' in what) {
    const both = fitted.length === runs.length;
    return `The success ${both ? 'intervals are' : 'interval is'} the simulation's alone: ${fitBasis(first)}, whose uncertainty ${both ? 'they leave' : 'it leaves'} out; with it, as calibrate --check gives the twin's, ${fitted.map((x) => `${x.label}'s ${interval(x.fittedTo)}`).join(' and ')}. The difference's interval leaves it out too${both ? '; it matters less there, as both runs rest on the same fitted rates' : ''}.`;
  }
  // Where success moves beyond chance is judged on the same devices at two values (McNemar's test), both on the same
  // fitted rates: the fit's uncertainty moves the two together more than the step between them, as in compare's difference.
  const every = fitted.length === runs.length;
  return `The success intervals are the simulation's alone: ${fitBasis(first)}, whose uncertainty they leave out; with it, as calibrate --check gives the twin's, by ${what.sweep}: ${fitted.map((x) => `at ${x.label}, ${interval(x.fittedTo)}`).join('; ')}.${every && runs.length > 1 ? " The test of where success moves beyond chance leaves it out too; it matters less there, as the same devices are compared at two values on the same fitted rates." : ''}`;
}

/**
 * Two twins fitted to different deployments (October's export and November's): the difference's interval, paired on the
 * same devices, is the simulation's alone, and the uncertainty of the two fits, which is most of it, is in neither run.
 * Their difference with it, each run's interval with its fit combined as Newcombe's combines two: two twins of 650 and
 * 660 deployments read B − A −5.8 points (95% CI −6.8 to −4.8) where the exports tell it only to −8.9 to −2.8, and a
 * segment of 150 moved −3.8 points 'beyond chance' on its simulation alone. Empty unless both runs are such twins.
 */
function twinsApart(fitted: Array<{ fittedTo: Fit; successRate?: number }>): string {
  const [a, b] = fitted;
  if (fitted.length !== 2 || a!.successRate === undefined || b!.successRate === undefined) return '';
  const [pa, pb] = [a!.successRate, b!.successRate];
  const [la, ua] = a!.fittedTo.successInterval95;
  const [lb, ub] = b!.fittedTo.successInterval95;
  const d = pb - pa;
  const lo = d - Math.hypot(pb - lb, ua - pa);
  const hi = d + Math.hypot(ub - pb, pa - la);
  const pts = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x * 100).toFixed(1)}`;
  const told = lo > 0 || hi < 0 ? 'a difference the exports tell apart from chance' : 'a difference the exports cannot tell apart from none';
  return ` A and B rest on different deployments, so the difference's interval, the simulation's alone, leaves out the uncertainty of both fits: with it, B − A is ${pts(d)} points, 95% CI ${pts(lo)} to ${pts(hi)} (each run's interval above, combined as Newcombe's combines two), ${told}; the groups' and sites' intervals leave it out too.`;
}

/** sweep on a calibrated twin: each value's success interval with the fit's uncertainty (fitNoteOf), in every format. */
export function sweepFitNote(s: SweepResult): string | null {
  return fitNoteOf(s.rows.map((r) => ({ label: String(r.value), devices: r.devices, fittedTo: r.fittedTo })), { sweep: s.field });
}

/** Under a loads table that folds site links (loadsShown): what its last row holds. */
export function foldedNote(f: FoldedLinks): string {
  return `The last row folds the ${foldedName(f)}, the quieter ones: each figure is their range (--json lists every one).`;
}

/** Past this many sites, a run's site table and charts keep SITES_KEPT of them and fold the rest into one row (sitesShown). */
export const SITE_ROWS = 12;
/** How many: the lowest success first (then the most devices, then the file's order), where failures cluster. */
export const SITES_KEPT = 8;

/**
 * The sites a run's report shows: past SITE_ROWS, the SITES_KEPT with the lowest success, in the file's order, and one
 * slice that pools the rest (their devices, success and its interval, mean minutes, histogram; the failure most often
 * their top one), named "192 more sites". A 200-store chain's run printed a 200-row site table (800 lines) and drew 200
 * charts; --json keeps every site.
 */
export function sitesShown(sites: Slice[]): { shown: Slice[]; folded: Slice | null } {
  if (sites.length <= SITE_ROWS) return { shown: sites, folded: null };
  const ranked = [...sites].sort((a, b) => a.successRate - b.successRate || b.devices - a.devices);
  const kept = new Set(ranked.slice(0, SITES_KEPT));
  const rest = sites.filter((x) => !kept.has(x));
  return { shown: sites.filter((x) => kept.has(x)), folded: pooledSlice(rest, `${count(rest.length)} more sites`) };
}

/**
 * Slices pooled as one: their devices and successes added up, success with its Wilson interval, mean minutes over their
 * successful devices, the failure most often their top one (with the devices it failed where it is), the histogram summed.
 */
export function pooledSlice(rest: Slice[], name: string): Slice {
  const devices = rest.reduce((n, x) => n + x.devices, 0);
  const succeeded = rest.reduce((n, x) => n + x.succeeded, 0);
  const meanOf = (f: (x: Slice) => number | null) => (succeeded ? Math.round((rest.reduce((n, x) => n + (f(x) ?? 0) * x.succeeded, 0) / succeeded) * 100) / 100 : null);
  const tops = new Map<string, { ref: NonNullable<Slice['topFailure']>; sites: number }>();
  for (const x of rest) {
    if (!x.topFailure) continue;
    const t = tops.get(x.topFailure.id);
    if (t) {
      t.sites++;
      t.ref = { ...t.ref, devices: t.ref.devices + x.topFailure.devices };
    } else tops.set(x.topFailure.id, { ref: x.topFailure, sites: 1 });
  }
  const top = [...tops.values()].sort((a, b) => b.sites - a.sites || b.ref.devices - a.ref.devices)[0] ?? null;
  const bins = new Map<number, number>();
  for (const x of rest) for (const [m, n] of x.histogram) bins.set(m, (bins.get(m) ?? 0) + n);
  return {
    name,
    devices,
    succeeded,
    successRate: devices ? succeeded / devices : 0,
    successInterval95: wilson(succeeded, devices),
    firstTimeRightRate: devices ? rest.reduce((n, x) => n + Math.round(x.firstTimeRightRate * x.devices), 0) / devices : 0,
    meanMinutesToDesktop: meanOf((x) => x.meanMinutesToDesktop),
    meanEndUserMinutes: meanOf((x) => x.meanEndUserMinutes),
    topFailure: top ? { ...top.ref, shareOfDevices: devices ? top.ref.devices / devices : 0 } : null,
    p50: null,
    p90: null,
    histogram: [...bins].sort((a, b) => a[0] - b[0]),
    successEnds: sumEnds(rest.map((x) => x.successEnds)),
    ...(succeeded === 0 && soughtOf(rest) ? { endsSought: soughtOf(rest)! } : {}),
  };
}

/** Under a site table that folds sites (sitesShown): what its last row holds. */
export function foldedSitesNote(f: Slice, topFailure = true): string {
  return `The last row pools the ${f.name}, those with the highest success: their devices, success and mean minutes together${topFailure ? ', and the failure most often their top one' : ''} (--json lists every site).`;
}

export { DURATIONS_NOTE };

/**
 * `replay`: the command that replays one of the run's devices (`autopilot-sim simulate <file>`, with the run's size and
 * seed): the failure modes then name their first device and the line under them says how to follow it step by step.
 */
export function renderFleet(r: FleetReport, opts: { replay?: string; columns?: number } = {}): string {
  const out: string[] = [];
  // On a terminal (`columns`), a sentence folds at spaces under its first word, as simulate's do; piped, it stays one line.
  const fold = (line: string, hang = 2) => wrap(line, opts.columns, hang);
  out.push(fold(`${pc.bold(r.name)}  ${pc.dim(`${devicesText(r.devices)} · seed ${r.seed}${r.sharedLoadModelled ? ' · shared bandwidth and connector load modelled (two passes)' : ''}`)}`));
  out.push(
    fold(`${pc.bold('Success')} ${pc.green(pct(r.successRate))} (95% CI ${pct(r.successInterval95[0])}–${pct(r.successInterval95[1])}) · first time right ${pct(r.firstTimeRightRate)} · failed ${count(r.failed)} · fell back to OOBE ${count(r.fellBackToOobe)}${r.stopped ? ` · stopped ${count(r.stopped)}` : ''}`),
  );
  const fit = fitNote(r);
  if (fit) out.push(fold(pc.dim(fit), 0));
  for (const w of warningsShown(r)) out.push(fold(pc.yellow(`⚠ ${w.text}`)));
  const words = wordsOf(r);
  const timesHead = [`${words.time} (min)`, 'p50', 'p75', 'p90', 'p99', 'mean'];
  const row = (label: string, p: Percentiles) => [label, min(p.p50), min(p.p75), min(p.p90), min(p.p99), min(p.mean)];
  const times = [row('total (active)', r.timeToDesktop.total), row('end user', r.timeToDesktop.endUser), ...(technicianShown(r) ? [row('technician', r.timeToDesktop.technician)] : [])];
  out.push(fitTable(timesHead, times, opts.columns, undefined));
  const few = fewSucceededNote(r);
  if (few) out.push(fold(pc.dim(few), 0));
  const unattended = unattendedNote(r);
  if (unattended) out.push(fold(pc.dim(unattended), 0));
  out.push(fold(`${pc.bold('Minutes per device by phase')} ${pc.dim('(every device, failed ones too)')}${pc.bold(':')} ${r.phases.map((p) => `${phaseMinutesLabel(p.phase)} ${min(p.minutes)}`).join(' · ')}`));
  if (r.loads.length) {
    const width = terminalWidth();
    const { shown, folded } = loadsShown(r);
    const rows = shown.map((x) => [x.kind === 'link' ? `${x.name} link` : x.name, `${count(x.capacity)} ${x.unit}`, `${count(x.peakDemand)} ${x.unit}`, pct(x.peakUtilisation), String(x.saturatedHours), `${min(x.maxQueueMinutes)} min`]);
    if (folded) rows.push([foldedName(folded), `${rangeText(folded.capacity, count)} Mbps`, `${rangeText(folded.peakDemand, count)} Mbps`, rangeText(folded.peakUtilisation, pct), rangeText(folded.saturatedHours, String), `${rangeText(folded.maxQueueMinutes, min)} min`]);
    const head = ['shared resource', 'capacity', 'peak demand', 'peak use', 'hours over', 'max queue'];
    // Under 100 columns each figure's column narrows to its widest figure (or heading word), so that a resource's name keeps
    // room for its longest word: at 80 the name had 8 columns and the table cut 'Intune Connect…'.
    // A folded row's ranges ('9.6%–82.2%') widen their columns rather than be cut.
    const base = [26, 17, 17, 10, 7, 12].map((w, c) => (folded && c ? Math.max(w, 2 + rows[rows.length - 1]![c]!.length) : w));
    const widths =
      width < 100
        ? fitColumns(base.map((w, c) => (c ? Math.min(w, 2 + Math.max(wordWidth([head[c]!]), ...rows.map((row) => row[c]!.length))) : w)), 0, width, 2 + wordWidth(rows.map((row) => row[0]!)))
        : fitColumns(base, 0, width, 10);
    out.push(fitTable(head, rows, opts.columns, widths));
    if (folded) out.push(fold(pc.dim(foldedNote(folded)), 0));
    const lines = [...shown.map((x) => ({ name: x.kind === 'link' ? `${x.name} link` : x.name, hours: x.hours })), ...(folded ? [{ name: foldedName(folded), hours: folded.hours }] : [])];
    const label = Math.min(24, Math.max(...shown.map((x) => x.name.length + 5), ...(folded ? [foldedName(folded).length] : [])));
    out.push(fold(pc.dim(`Use of each resource hour by hour (█ = at or over capacity), from the first hour${folded ? `; for the ${foldedName(folded)}, the busiest of them each hour` : ''}:`), 0));
    // A link no device downloaded over (a sales office whose hybrid devices all fail before their apps) read '0 h' beside
    // an empty line.
    // Wrapped under its label at the width: 'Home and community link  no download over the rollout: …' ran to 83 of 80 columns.
    for (const x of lines)
      out.push(
        x.hours.length
          ? `  ${x.name.slice(0, label).padEnd(label)} ${sparkline(x.hours.map((h) => h.utilisation), width - label - 14)} ${pc.dim(`${x.hours.length} h`)}`
          : fold(`  ${x.name.slice(0, label).padEnd(label)} ${pc.dim('no download over the rollout: no device asked it for one')}`, label + 3),
      );
  }
  if (r.failures.length) {
    const shown = r.failures.slice(0, 10);
    // A code is one word, which the table would cut ("ANOTHER_INSTAL…"): a long one breaks after an underscore instead, whole.
    const replay = opts.replay !== undefined;
    // Under 100 columns (a terminal's default 80) the table ran to 95: no cumulative share (the shares above it add up to
    // it), and the phase goes before the cause in its cell (a column of its own left the cause 17 columns, which cut
    // 'line-of-busine…'), so that the cause keeps room to read. The code's column is at least its longest part between
    // underscores ('UNSUPPORTED' in 12 columns read 'UNSUPPORT…').
    const narrow = terminalWidth() < 100;
    const code = Math.max(12, 2 + wordWidth(shown.flatMap((x) => x.code.split(/(?<=_)/))));
    const widths = narrow
      ? fitColumns(replay ? [3, code, 52, 9, 8, 8] : [3, code, 60, 9, 8], 2, terminalWidth(), 12)
      : fitColumns(replay ? [4, 17, 16, 52, 9, 8, 8, 8] : [4, 17, 16, 60, 9, 8, 8], 3);
    const head = narrow ? ['#', 'code', 'phase: cause (failure mode)', 'devices', 'share'] : ['#', 'code', 'phase', 'cause (failure mode)', 'devices', 'share', 'cum.'];
    // Where the cause would have under 24 columns (a terminal under some 75), each failure mode is a line and its cause
    // folds under it: in 12 columns a cause took 18 lines and the table cut its longer words ('user-cert…').
    if (opts.columns !== undefined && widths[2]! < 24) {
      shown.forEach((x, i) => {
        out.push(wrap(`${i + 1} ${pc.bold(x.code)} · ${devicesText(x.devices)} · ${pct(x.share)}${replay ? ` · first device ${x.exampleDevice}` : ''}`, opts.columns, 4));
        out.push(wrap(`    ${x.phaseLabel}: ${x.causeSummary}`, opts.columns));
      });
    } else {
      const f = new Table({ head: [...head, ...(replay ? ['first device'] : [])], style: { head: [], border: [] }, colWidths: widths, wordWrap: true });
      shown.forEach((x, i) =>
        f.push([
          String(i + 1),
          breakCode(x.code, widths[1]! - 2),
          ...(narrow ? [`${x.phaseLabel}: ${x.causeSummary}`] : [x.phaseLabel, x.causeSummary]),
          count(x.devices),
          pct(x.share),
          ...(narrow ? [] : [pct(x.cumulativeShare)]),
          ...(replay ? [String(x.exampleDevice)] : []),
        ]),
      );
      out.push(f.toString());
    }
    if (r.failures.length > 10) out.push(pc.dim(`… and ${r.failures.length - 10} more failure modes (--json for all)`));
    for (const x of shown) if (x.estimate) out.push(fold(pc.yellow(`Estimate: ${x.estimate.text}`), 0));
    if (replay) out.push(fold(pc.dim(`Follow a failure step by step on its first device: ${opts.replay} --device ${shown[0]!.exampleDevice}`)));
  }
  if (r.findings.length) {
    out.push(pc.bold(`Findings on successful devices (${words.reached}, with a documented caveat):`));
    for (const f of r.findings) out.push(fold(`  ${pc.yellow(f.id)} · ${devicesText(f.devices)} (${pct(f.shareOfSucceeded)} of successful): ${f.text}`, 4));
  }
  const sites = sitesShown(r.sites);
  for (const [title, slices] of [
    ['Group', r.groups],
    ['Site', sites.folded ? [...sites.shown, sites.folded] : r.sites],
  ] as const) {
    if (slices.length < 2) continue;
    // Under 100 columns the minutes' headings take two lines and their columns narrow (the table ran to 93 at 80), and
    // the top failures follow the table, a folded line a slice, as sweep's do: in the 13 columns left to it a cause ran to
    // ten lines a row and the table cut its longer words ('preparatio…').
    const narrow = terminalWidth() < 100;
    const head = [title, 'devices', 'success', '95% CI', narrow ? 'mean\nmin' : 'mean min', narrow ? 'end\nuser' : 'end user', ...(narrow ? [] : ['top failure'])];
    // Wide, the name keeps its longest word and the top failure gives way (a name of one long word was cut).
    const widths = narrow ? fitColumns([30, 9, 9, 15, 7, 7], 0, terminalWidth(), 2 + wordWidth(slices.map((x) => x.name))) : fitColumns([Math.max(16, 2 + wordWidth(slices.map((x) => x.name))), 9, 9, 15, 10, 10, 44], 6, terminalWidth(), 12);
    // A code longer than the top failure's column breaks after an underscore, as in the failures' table: the table cut it
    // ('TPM_ATTESTATION_TIME… in ESP: device preparation'), leaving a code no one can look up.
    const topFailure = (f: (typeof slices)[number]['topFailure']) => {
      const text = failureText(f, phaseLabel);
      const room = (widths[6] ?? Infinity) - 2;
      return f && f.code.length > room ? `${breakCode(f.code, room)}${text.slice(f.code.length)}` : text;
    };
    const rows = slices.map((x) => [x.name, count(x.devices), x.devices ? pct(x.successRate) : '–', x.devices ? `${pct(x.successInterval95[0])}–${pct(x.successInterval95[1])}` : '–', min(x.meanMinutesToDesktop), min(x.meanEndUserMinutes), ...(narrow ? [] : [topFailure(x.topFailure)])]);
    out.push(fitTable(head, rows, opts.columns, widths));
    if (narrow && slices.some((x) => x.topFailure)) {
      out.push(pc.dim(`Top failure by ${title.toLowerCase()}:`));
      for (const x of slices) if (x.topFailure) out.push(fold(`  ${x.name}: ${failureText(x.topFailure, phaseLabel)}`, 4));
    }
    if (title === 'Site' && sites.folded) out.push(fold(pc.dim(foldedSitesNote(sites.folded)), 0));
  }
  if (r.siteStarts) out.push(fold(r.siteStarts.text, 0));
  out.push(fold(pc.dim(DURATIONS_NOTE), 0));
  return out.join('\n');
}

/**
 * The sites' own starts (siteStarts) for compare's and sweep's runs, as run gives them: one line where every run's is the
 * same, else one a run by its label. They gave none, so a region starting 12 hours later read as if every site began at 0.
 */
export function siteStartsLines(runs: Array<{ label: string; siteStarts?: FleetReport['siteStarts'] }>): string[] {
  const texts = [...new Set(runs.map((r) => r.siteStarts?.text ?? null))];
  if (texts.every((t) => t === null)) return [];
  if (texts.length === 1) return [texts[0]!];
  return runs.map((r) => `${r.label}: ${r.siteStarts?.text ?? 'every site starts at hour 0.'}`);
}

/** The longest word (between spaces) of the texts: a table's column narrower than it, and its padding, cuts it. */
export function wordWidth(texts: string[]): number {
  return Math.max(0, ...texts.flatMap((t) => t.split(/\s+/).map((w) => w.length)));
}

/** An error code in lines of at most `width`, broken after underscores (ANOTHER_INSTALLATION_ / IN_PROGRESS); a part with none is kept whole. */
export function breakCode(code: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const part of code.split(/(?<=_)/)) {
    if (line && line.length + part.length > width) {
      lines.push(line);
      line = '';
    }
    line += part;
  }
  return [...lines, line].join('\n');
}

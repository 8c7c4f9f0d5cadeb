// The calibrated twin as a fleet file: YAML that `run`, `compare`, `sweep` and `recommend` read
// like any other, every fitted value with its provenance as a comment (sample size, observed
// median and p90, fit quality). One segment: everything under `environment:`, so scenario
// overrides (`compare --scenarios`) and app-count sweeps apply. Several: one group per segment,
// weighted by its observed deployments. Aggregates only: nothing from the export is copied but
// counts, durations and catalogue codes.
import { count, pct, roundShare } from '../format.ts';
import { wilson } from '../fleet/stats.ts';
import { segmentKey } from './graph.ts';
import { CARRIED_OVER, observedFlow } from './flows.ts';
import { catalogued, codePageNote, CODE_PAGE_LABEL, duplicatesNotChecked, pagesMissing, pagesRepeated, REPEATED_LABEL, REPEATED_ROWS_LABEL, rowsRepeated, totalLinesSkipped, type Observed } from './observe.ts';
import { distinctSteps, espProfileNote, fewFailures, notesOf, PHASE_LABEL, readingNotes, segmentEnvironment, TIMER_CODES, targetedAppsOf, targetedText, type FitOptions, type SegmentFit, type StepFit } from './fit.ts';
import type { CalibratedPhase } from '../environment/schema.ts';

const fmt = (x: number | null) => (x === null ? '–' : x.toFixed(1));

/** A flow mapping on one line (YAML accepts JSON-style flow collections; keys stay bare). */
function flow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${flow(x)}`).join(', ')} }`;
  if (typeof v === 'string') return /^[A-Za-z][\w .-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(v) ? v : JSON.stringify(v);
  return String(v);
}

function provenance(fit: SegmentFit, indent: string, observed: Observed): string[] {
  const lines: string[] = [];
  const obs = observed.segments.get(segmentKey(fit.segment));
  if (obs) {
    // What the failure rates rest on: run, compare and sweep give the simulation's interval alone, as narrow for a twin of
    // 12 deployments as for one of 12,000 at the same devices; the backtest's twin interval holds both.
    // Rounded as the backtest's interval (calibrate --check, run's twin note), so the file and the terminal give the same figures.
    const [lo, hi] = wilson(obs.succeeded, obs.events).map(roundShare) as [number, number];
    lines.push(`${indent}# success: ${count(obs.succeeded)} of ${count(obs.events)} observed, ${pct(roundShare(obs.succeeded / obs.events))} (95% interval ${pct(lo)}–${pct(hi)}): the failure rates below rest on these, an uncertainty that run's, compare's and sweep's intervals (the simulation's) leave out`);
  }
  for (const q of fit.quality) {
    const label = q.kind === 'deviceSetup' ? 'device setup' : q.kind === 'accountSetup' ? 'account setup' : 'total';
    if (q.observed.n === 0) {
      // Device preparation's report has no device or account setup: its one duration is the total.
      if (fit.segment.scenario !== 'device-preparation') lines.push(`${indent}# ${label}: no usable durations observed`);
      continue;
    }
    lines.push(`${indent}# ${label}: n=${count(q.observed.n)}, observed median ${fmt(q.observed.p50)} min, p90 ${fmt(q.observed.p90)}; simulated median ${fmt(q.simulated.p50)}, p90 ${fmt(q.simulated.p90)}; KS distance ${q.ks ?? '–'}`);
  }
  for (const st of distinctSteps(fit.steps)) {
    if (st.basis === 'fitted') continue;
    const why = st.basis === 'not fitted' ? 'too few durations to fit them' : `no factor fits better by more than twice the noise (${st.noise} min) once the apps are refitted: the durations cannot tell slower steps from slower apps`;
    const what = st.fittedTo === 'deploymentTime' ? `device preparation's own steps (${STEPS_OF_DEVICE_PREPARATION.enrollment}; ${STEPS_OF_DEVICE_PREPARATION.deviceSetup})` : `${PHASE_LABEL[st.phase]} steps (${STEPS_OF[st.phase]})`;
    lines.push(`${indent}# ${what} at their defaults: ${why}; the steps alone median ${fmt(st.defaultMedian)} min; quantile RMSE ${st.rmse} min`);
  }
  for (const n of notesOf(fit)) lines.push(`${indent}# ${n.label}: ${n.text}`);
  return lines;
}

/** What a step factor was fitted to, in one line. */
export function stepProvenance(st: StepFit): string {
  if (st.fittedTo === 'deploymentTime') {
    return `${STEPS_OF_DEVICE_PREPARATION[st.phase]}; one factor with the ${st.phase === 'enrollment' ? 'policy\'s installation' : 'enrollment steps'}, fitted to the report's Deployment time: n=${st.observed.n}, observed median ${fmt(st.observed.p50)} min, p90 ${fmt(st.observed.p90)}; the steps alone at their defaults, median ${fmt(st.defaultMedian)} min; quantile RMSE ${st.rmse ?? '–'} min`;
  }
  const what = st.fittedTo === 'devicePreparationDuration' ? 'devicePreparationDuration ("Time spent in device enrollment")' : st.phase === 'enrollment' ? 'deploymentTotalDuration less device and account setup' : st.phase === 'deviceSetup' ? 'deviceSetupDuration' : 'accountSetupDuration';
  // Beside the steps, what the model spends in the same duration that the factor leaves as it is (pre-provisioning's
  // technician flow): without it, "observed median 4.9; the steps alone 2.4" read as a factor above 1 where 0.64 was fitted.
  const unscaled = st.unscaledMedian ? `, beside ${fmt(st.unscaledMedian)} min of the model's own there that no factor scales (the technician flow's, in pre-provisioning)` : '';
  return `${STEPS_OF[st.phase]}; fitted to ${what}: n=${st.observed.n}, observed median ${fmt(st.observed.p50)} min, p90 ${fmt(st.observed.p90)}; the steps alone at their defaults, median ${fmt(st.defaultMedian)} min${unscaled}; quantile RMSE ${st.rmse ?? '–'} min`;
}

/** The model's steps each factor scales, in words. */
export const STEPS_OF: Record<CalibratedPhase, string> = {
  enrollment: 'sign-in, Entra join, MDM enrollment, hybrid join',
  deviceSetup: 'IME install, the device ESP\'s rows, device-token join and enrollment',
  accountSetup: 'identifying, the user ESP\'s rows, the sign-ins around it',
};

/** Device preparation's steps each factor scales (no ESP: its policy's installation stands where device setup would). */
const STEPS_OF_DEVICE_PREPARATION: Partial<Record<CalibratedPhase, string>> = {
  enrollment: 'sign-in, policy delivery, Entra join, MDM enrollment, the automatic sign-in',
  deviceSetup: 'enrollment time grouping, IME install, the local administrator step, MDM sync, scripts',
};

/** The environment piece of one segment as YAML lines, with comments. */
function environmentLines(fit: SegmentFit, options: FitOptions, indent: string, observed: Observed, omit: readonly string[] = []): string[] {
  const env = segmentEnvironment(fit.segment, fit, fit.espTimeoutMinutes) as Record<string, unknown>;
  for (const k of omit) delete env[k];
  // What the rates rest on, as data: run reads it to say where its interval (the simulation's) leaves their uncertainty out.
  const seen = observed.segments.get(segmentKey(fit.segment));
  if (seen) env.calibrated = { ...(env.calibrated as object | undefined), observed: { deployments: seen.events, succeeded: seen.succeeded } };
  const lines: string[] = [];
  lines.push(...provenance(fit, indent, observed));
  for (const [key, value] of Object.entries(env)) {
    if (key === 'apps') {
      const apps = value as unknown[];
      if (fit.deviceApp && fit.segment.scenario === 'device-preparation') lines.push(`${indent}# ${fit.deviceApps} apps in the device preparation policy, install time fitted to the report's Deployment time (lognormal, minutes; the app count is --device-apps)`);
      else if (fit.deviceApp) lines.push(`${indent}# ${fit.deviceApps} device apps, install time fitted to device setup (lognormal, minutes; the app count is --device-apps)`);
      else if (fit.deviceApps) lines.push(`${indent}# ${fit.deviceApps} device apps at the model's default install time (an estimate): too few device setup durations to fit theirs (the app count is --device-apps)`);
      if (fit.userApp) lines.push(`${indent}# ${fit.userApps} user apps, install time fitted to account setup (lognormal, minutes; the app count is --user-apps)`);
      // The exports give no link: a what-if of a 2 GB app read the same as one of 150 MB, and nothing said why.
      if (fit.deviceApp || fit.userApp) lines.push(`${indent}# Their fitted install times hold their downloads at the tenant's own links, which the exports do not give: the twin has no link (a fleet site's bandwidthMbps unset), so an app's sizeMb changes nothing in it (a 2 GB app more reads as one of 150 MB). Where a fleet file gives its sites' bandwidthMbps, each of these apps also downloads its sizeMb (unset: 150 MB, an estimate) over the link, on top of the fitted time that already holds its download: give them their real sizes to load the link as the tenant's apps do, or sizeMb: 0 to count only a new app's download`);
      else if (fit.userApps) lines.push(`${indent}# ${fit.userApps} user apps at the model's default install time (an estimate): too few account setup durations to fit theirs (the app count is --user-apps)`);
      const obs = observed.segments.get(segmentKey(fit.segment));
      const targeted = obs && targetedText({ targetedApps: targetedAppsOf(obs.targetedApps), deviceApps: fit.deviceApps, userApps: fit.userApps, espOff: fit.espNotShown });
      if (targeted) lines.push(`${indent}# ${targeted}`);
      // The ESP profile's note stands above esp: below.
      // The profile's note stands above profile: below (an overlay, without profile:, keeps it here).
      if (obs) for (const note of readingNotes(obs, fit)) if (note !== espProfileNote(fit) && !(note === fit.deploymentProfileNote && 'profile' in env)) lines.push(`${indent}# ${note}`);
      lines.push(apps.length ? `${indent}apps:` : `${indent}apps: []`);
      for (const a of apps) lines.push(`${indent}  - ${flow(a)}`);
    } else if (key === 'calibrated') {
      lines.push(`${indent}calibrated:`);
      const cal = value as { steps?: Record<string, number>; failures?: unknown[]; observed?: { deployments: number; succeeded: number }; timerRetried?: number };
      if (cal.observed) lines.push(`${indent}  observed: ${flow(cal.observed)} # the deployments the rates below rest on (the success line above)`);
      if (cal.timerRetried !== undefined) lines.push(`${indent}  timerRetried: ${cal.timerRetried} # the share of the attempts its ESP timer ends that the twin's people retry${fit.timerRetry ? `, from ${count(fit.timerRetry.retried + fit.timerRetry.failed)} deployments, 95% interval ${pct(fit.timerRetry.interval95[0])}–${pct(fit.timerRetry.interval95[1])}` : ''} (the note above apps:)`);
      if (cal.steps) {
        lines.push(`${indent}  # the model's own steps per phase, as a factor on their defaults (schema/scenario.schema.json, durations), fitted with the apps`);
        lines.push(`${indent}  steps:`);
        for (const st of fit.steps) {
          const factor = cal.steps[st.phase];
          if (factor === undefined) continue;
          lines.push(`${indent}    ${st.phase}: ${factor} # ${stepProvenance(st)}`);
        }
      }
      const failures = fit.failures.filter((x) => x.probability > 0);
      const retried = fit.retried.filter((x) => x.probability > 0);
      if (failures.length || retried.length) {
        lines.push(`${indent}  # failures observed, as the probability of failing at the phase once there (share of all deployments in brackets)`);
        const own = (Object.entries(fit.modelFailures) as Array<[CalibratedPhase, number]>).filter(([, p]) => p > 0);
        if (own.length) lines.push(`${indent}  # less what the model fails there on its own (${own.map(([phase, p]) => `${PHASE_LABEL[phase]} ${(p * 100).toFixed(2)}%`).join(', ')}: its ${fit.segment.scenario === 'device-preparation' ? 'policy\'s' : 'ESP'} timer), so that both together give the observed rate`);
        lines.push(`${indent}  failures:`);
        for (const f of failures) {
          const own = f.reportedCode
            ? `; the tenant's ${f.reportedCode}, ${catalogued(f.reportedCode) ? "the report's ResultCode" : 'not in the catalogue'}: the device fails with it, counted under ${f.code}`
            : f.withoutCode
              ? `; ${f.withoutCode === f.observed ? 'without an error code' : `${count(f.withoutCode)} of them without an error code`} in enrollmentFailureDetails, counted under ${f.code}`
              : '';
          // The tenant's timeouts that the model's own timer does not give stand as a fixed probability: a what-if that
          // lengthens the timeout (or removes apps) changes the timer's share, not this one.
          const timer = TIMER_CODES.has(f.code) ? `; timeouts beyond what the model's own timer gives (${(((fit.modelFailures[f.phase] ?? 0) * 100).toFixed(2))}%): a fixed probability, which a longer ${fit.segment.scenario === 'device-preparation' ? 'policy timeoutMinutes' : 'esp.timeoutMinutes'} or fewer apps leave as it is` : '';
          const few = fewFailures(f.observed, fit.events);
          lines.push(`${indent}    - ${flow({ phase: f.phase, code: f.code, ...(f.reportedCode ? { reportedCode: f.reportedCode } : {}), probability: f.probability })} # ${count(f.observed)} observed (${(f.share * 100).toFixed(2)}%)${own}${timer}${few ? `; ${few}` : ''}`);
        }
        for (const f of retried) {
          const own = fit.modelRetried[f.phase] ? `, less the ${((fit.modelRetried[f.phase] ?? 0) * 100).toFixed(2)}% whose first attempt the model's own timer ends` : '';
          lines.push(`${indent}    - ${flow({ phase: f.phase, code: f.code, probability: f.probability, retried: true })} # ${count(f.observed)} succeeded on retry (${(f.share * 100).toFixed(2)}%; Graph's successOnRetry, after an initial timeout${own}): one of the phase's apps hangs until the ESP's timer ends the first attempt, and the retry installs it and the rest; a fixed probability, which a longer esp.timeoutMinutes or fewer apps leave as it is (the app taken as hung, not slow, which the records cannot tell apart: a longer timeout only lengthens its first attempt)`);
        }
      }
    } else {
      const retried = fit.retried.reduce((a, f) => a + f.observed, 0);
      if (key === 'people') lines.push(`${indent}# the tenant's people retry at the ESP's error page (${count(retried)} deployment${retried === 1 ? '' : 's'} succeeded on retry)${fit.timerRetry ? `, after ${pct(fit.timerRetry.share)} of the attempts its timer ended (calibrated.timerRetried)` : ''}; the tenant's failures stay failures on the retry (calibrated.failures)`);
      if (key === 'profile' && fit.deploymentProfileNote) lines.push(`${indent}# ${fit.deploymentProfileNote}`);
      if (key === 'esp' && fit.espNotShown) lines.push(`${indent}# device setup not shown (deviceSetupStatus notAttempted or disabled) in most successful deployments: the ESP is off`);
      if (key === 'esp' && fit.espProfile) lines.push(`${indent}# ${espProfileNote(fit)}`);
      if (key === 'esp' && fit.skipsAccountSetup) lines.push(`${indent}# account setup not shown (accountSetupStatus notAttempted or disabled) in most successful deployments: the ESP profile skips it`);
      lines.push(`${indent}${key}: ${flow(value)}`);
    }
  }
  return lines;
}

export interface TwinSource {
  observed: Observed;
  fits: SegmentFit[];
  options: FitOptions;
}

function header(observed: Observed, options: FitOptions, what: string, flows: readonly string[]): string[] {
  const lines: string[] = [
    `# ${what}, written by \`autopilot-sim calibrate\``,
    `# from ${observed.files} export file${observed.files === 1 ? '' : 's'} of ${sourcesText(observed)}: ${count(observed.events)} event${observed.events === 1 ? '' : 's'}, ${count(observed.usable)} usable.`,
  ];

  for (const [reason, n] of [...observed.unusable].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) lines.push(`#   not used: ${count(n)} ${reason}`);
  const missing = pagesMissing(observed);
  if (missing) lines.push(`# Incomplete: ${missing}.`);
  const codePage = codePageNote(observed);
  if (codePage) lines.push(`# ${CODE_PAGE_LABEL}: ${codePage}.`);
  const totals = totalLinesSkipped(observed);
  if (totals) lines.push(`# Skipped: ${totals}.`);
  const unchecked = duplicatesNotChecked(observed);
  if (unchecked) lines.push(`# Duplicates not checked: ${unchecked}.`);
  const repeated = pagesRepeated(observed);
  if (repeated) lines.push(`# ${REPEATED_LABEL}: ${repeated}.`);
  const repeatedRows = rowsRepeated(observed);
  if (repeatedRows) lines.push(`# ${REPEATED_ROWS_LABEL}: ${repeatedRows}.`);
  const limit = observed.idsNotRemembered;
  if (limit) lines.push(`# Duplicates were checked against the first ${count((limit.events ?? limit.devices)!)} distinct ${limit.events !== null ? 'event ids' : 'devices'} only (the check's memory is bounded at 64 MB).`);
  lines.push('# Aggregates only: no serial number, user, device name or id from the export is in this file.');
  lines.push(`# Fit: ${count(options.devices)} simulated devices a check, seed ${options.seed}; the model's own steps are its defaults (schema/scenario.schema.json, durations) times the factors under calibrated.steps.`);
  // recommend and compare --scenarios run the twin in every flow, ranking flows the tenant never deployed with nothing said.
  lines.push(`# Observed: ${flows.join(', ')}. Another flow or join (compare --scenarios, recommend) runs ${CARRIED_OVER}.`);
  return lines;
}

/** What the exports were: Graph's autopilotEvents, the device preparation deployments report, or both. */
export function sourcesText(observed: Observed): string {
  const apdp = [...observed.segments.values()].some((s) => s.deploymentTimeForms.size > 0 || s.segment.scenario === 'device-preparation');
  const graph = [...observed.segments.values()].some((s) => s.segment.scenario !== 'device-preparation') || observed.segments.size === 0;
  // The ESP profiles export given beside them is a file of another resource: the header said 2 files of autopilotEvents.
  const esp = observed.espProfiles.length > 0 ? 'the ESP profiles (deviceManagement/deviceEnrollmentConfigurations)' : null;
  const deployment = observed.deploymentProfiles.length > 0 ? 'the Autopilot deployment profiles (deviceManagement/windowsAutopilotDeploymentProfiles)' : null;
  return [graph ? 'deviceManagement/autopilotEvents' : null, apdp ? 'the device preparation deployments report' : null, esp, deployment].filter(Boolean).join(' and ');
}

/**
 * Environment fields an overlay leaves to the file that includes it: the flow, the join, and whether the device is
 * registered, which goes with the flow (classic Autopilot needs it, device preparation needs it not: a device
 * preparation tenant's overlay in a user-driven file fell back to the ordinary OOBE on every device).
 */
const OVERLAY_OMITS = ['scenario', 'profile', 'existingDevices', 'registration'];

/**
 * One segment's fit as an environment overlay: what the tenant's deployments showed (its apps'
 * install times, its own steps' factors, its failure rates, its ESP timeout), without the scenario
 * and join type, so that any scenario file (`include: overlay.yaml` at its top) or fleet file
 * (under `environment:`, a site's or a group's) runs with the tenant's values in its own flow.
 */
export function overlayYaml({ observed, fits, options }: TwinSource, segment: string): string {
  const fit = fits.find((f) => segmentKey(f.segment) === segment);
  if (!fit) throw new Error(`no fit for segment ${segment}`);
  const lines = header(observed, options, `An environment overlay of a tenant's Windows Autopilot deployments (${segment})`, [segment]);
  lines.push(`# Fitted on ${count(fit.events)} ${segment} deployments. Include it in a scenario or fleet file (\`include: <this file>\`): that file's`);
  lines.push('# own fields win, and its scenario and join type are the flow simulated (the tenant\'s steps, apps and failure rates go with it).');
  // Lists replace, not add (src/environment/load.ts include): a what-if of one more app written as `apps: [new app]` in the
  // including file ran the new app alone, the tenant's fitted apps gone: 25.5 minutes faster with a 2 GB app more.
  const fitted = ((segmentEnvironment(fit.segment, fit, fit.espTimeoutMinutes) as { apps?: unknown[] }).apps ?? []).length;
  if (fitted > 0) lines.push(`# Its own apps: list replaces the ${count(fitted)} fitted apps below, not adds to them: to add an app, copy these ${count(fitted)} into that list beside it (or sweep --vary apps= on the twin, for more apps like these).`);
  lines.push(...environmentLines(fit, options, '', observed, OVERLAY_OMITS));
  return `${lines.join('\n')}\n`;
}

/** The twin's YAML text. */
export function twinYaml({ observed, fits, options }: TwinSource): string {
  const usable = fits.reduce((a, f) => a + f.events, 0);
  const lines = header(observed, options, 'A calibrated twin of a tenant\'s Windows Autopilot deployments', fits.map((f) => segmentKey(f.segment)));
  lines.push('name: Calibrated twin');
  lines.push(`description: Fitted to ${count(usable)} observed deployments (${fits.map((f) => `${segmentKey(f.segment)} ${count(f.events)}`).join(', ')}).`);
  lines.push(`seed: ${options.seed}`);
  lines.push(`devices: ${Math.max(1, usable)}`);
  if (fits.length === 1) {
    const fit = fits[0]!;
    lines.push(`# ${segmentKey(fit.segment)}: ${count(fit.events)} deployment${fit.events === 1 ? '' : 's'}`);
    lines.push('environment:');
    lines.push(...environmentLines(fit, options, '  ', observed));
  } else {
    lines.push('groups:');
    for (const fit of fits) {
      lines.push(`  - name: ${segmentKey(fit.segment)}`);
      lines.push(`    weight: ${fit.events} # deployments observed (${((fit.events / usable) * 100).toFixed(1)}%)`);
      lines.push('    environment:');
      lines.push(...environmentLines(fit, options, '      ', observed));
    }
  }
  return `${lines.join('\n')}\n`;
}

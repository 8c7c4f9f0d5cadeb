// calibrate: Graph exports of autopilotEvents -> a twin fleet file, a report, and with --check a backtest.
import { checkOutputs, writeFileAtomic } from '../../report/files.ts';
import { EXIT, UsageError, type Io } from '../io.ts';
import { noteWritten } from '../written.ts';

export interface CalibrateOptions {
  output?: string;
  overlay?: string;
  check?: boolean;
  /** Later exports the twin is held against (--against), read as the fitted ones are and never fitted. */
  against?: string[];
  segment?: string;
  deploymentProfile?: string;
  deviceApps?: number;
  userApps?: number;
  espTimeout?: number;
  dateOrder?: 'dmy' | 'mdy';
  seed?: number;
  json?: boolean;
  markdown?: boolean;
  html?: string;
}

export async function calibrateCommand(io: Io, files: string[], opts: CalibrateOptions): Promise<number> {
  // A scenario, fleet or twin file given for an export is said as such: it was read as a malformed CSV ('record 1:
  // expected as many cells as the header has columns').
  const yaml = files.find((f) => /\.ya?ml$/i.test(f));
  if (yaml) throw new UsageError(`${yaml}: a YAML file (a scenario, a fleet or a twin); calibrate reads Microsoft Graph's autopilotEvents exports, JSON or CSV`);
  // Before reading anything: no output is one of the exports read, none the same file as another.
  checkOutputs([opts.output !== undefined && { path: opts.output, option: '--output' }, opts.overlay !== undefined && { path: opts.overlay, option: '--overlay' }, opts.html !== undefined && { path: opts.html, option: '--html' }], [...files, ...(opts.against ?? [])]);
  const againstYaml = opts.against?.find((f) => /\.ya?ml$/i.test(f));
  if (againstYaml) throw new UsageError(`--against: ${againstYaml} is a YAML file; expected a later export of the same tenant's deployments, JSON or CSV, as the ones calibrated`);
  const { observe, fitObserved, backtest, missingSegment, missingDeploymentProfile, nothingToCalibrate, heldAgainst } = await import('../../calibrate/index.ts');
  const read = { ...(opts.dateOrder ? { dateOrder: opts.dateOrder } : {}), ...(opts.deploymentProfile !== undefined ? { deploymentProfile: opts.deploymentProfile } : {}) };
  const observed = await observe(files, read);
  const noProfile = missingDeploymentProfile(observed, opts.deploymentProfile);
  if (noProfile) throw new UsageError(`--deployment-profile: ${noProfile}`);
  const noSegment = missingSegment(observed, opts.segment);
  if (noSegment) throw new UsageError(`--segment: ${noSegment}`);
  if (opts.overlay && !opts.segment && observed.segments.size > 1) {
    throw new UsageError(`--overlay: expected --segment as well, as the export has ${observed.segments.size} segments (${[...observed.segments.keys()].join(', ')}) and an overlay holds one`);
  }
  const nothing = nothingToCalibrate(observed, files);
  if (nothing) throw new UsageError(nothing);
  // The later export, read before anything is fitted or written, as the fitted ones are (the same date order and profile).
  const later = opts.against ? { observed: await observe(opts.against, read), files: opts.against } : undefined;
  if (later) {
    const none = heldAgainst(observed, files, later, opts.segment);
    if (none) throw new UsageError(`--against: ${none}`);
  }
  const calibration = fitObserved(
    observed,
    {
      ...(opts.deviceApps !== undefined ? { deviceApps: opts.deviceApps } : {}),
      ...(opts.userApps !== undefined ? { userApps: opts.userApps } : {}),
      ...(opts.espTimeout !== undefined ? { espTimeoutMinutes: opts.espTimeout } : {}),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    },
    opts.segment,
  );
  if (opts.output) writeFileAtomic(opts.output, calibration.yaml, '--output');
  if (opts.overlay) {
    const { overlayYaml } = await import('../../calibrate/twin.ts');
    writeFileAtomic(opts.overlay, overlayYaml(calibration, opts.segment ?? [...observed.segments.keys()][0]!), '--overlay');
  }
  const { calibrationReport, renderCalibration, renderCalibrationMarkdown, renderCalibrationHtml } = await import('../../calibrate/report.ts');
  const report = calibrationReport(calibration, opts.check || later ? backtest(calibration, undefined, later) : undefined);
  if (opts.html) writeFileAtomic(opts.html, renderCalibrationHtml(report), '--html');
  if (opts.json) io.out(JSON.stringify(report));
  else if (opts.markdown) io.out(renderCalibrationMarkdown(report));
  else if (!opts.output && !opts.overlay && !opts.check && !later && !opts.html) io.out(calibration.yaml);
  else io.out(renderCalibration(report, { columns: io.columns }));
  noteWritten(io, [opts.output, opts.overlay, opts.html]);
  return EXIT.ok;
}

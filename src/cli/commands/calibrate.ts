// calibrate: Graph exports of autopilotEvents -> a twin fleet file, a report, and with --check a backtest.
import { checkOutputs, writeFileAtomic } from '../../report/files.ts';
import { EXIT, UsageError, type Io } from '../io.ts';
import { count } from '../../format.ts';

export interface CalibrateOptions {
  output?: string;
  overlay?: string;
  check?: boolean;
  segment?: string;
  deviceApps?: number;
  userApps?: number;
  espTimeout?: number;
  seed?: number;
  json?: boolean;
  markdown?: boolean;
  html?: string;
}

export async function calibrateCommand(io: Io, files: string[], opts: CalibrateOptions): Promise<number> {
  // Before reading anything: no output is one of the exports read, none the same file as another.
  checkOutputs([opts.output !== undefined && { path: opts.output, option: '--output' }, opts.overlay !== undefined && { path: opts.overlay, option: '--overlay' }, opts.html !== undefined && { path: opts.html, option: '--html' }], files);
  const { observe, fitObserved, backtest } = await import('../../calibrate/index.ts');
  const observed = await observe(files);
  if (opts.segment && !observed.segments.has(opts.segment)) {
    throw new UsageError(`--segment: expected one of the segments in the export (${[...observed.segments.keys()].join(', ') || 'none'}), got "${opts.segment}"`);
  }
  if (opts.overlay && !opts.segment && observed.segments.size > 1) {
    throw new UsageError(`--overlay: expected --segment as well, as the export has ${observed.segments.size} segments (${[...observed.segments.keys()].join(', ')}) and an overlay holds one`);
  }
  if (observed.segments.size === 0) {
    const { WHAT_TO_EXPORT } = await import('../../calibrate/read.ts');
    const reasons = [...observed.unusable].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${count(n)} ${reason}`);
    // Records without an enrollment type are not autopilotEvents (a device list, or another report): say what to export.
    const notEvents = observed.unusable.get('enrollment type missing') === observed.events;
    throw new UsageError(
      `no usable deployment in ${files.length === 1 ? files[0] : `${files.length} files`}: nothing to calibrate (${count(observed.events)} event${observed.events === 1 ? '' : 's'} read${reasons.length ? `, not used: ${reasons.join(', ')}` : ''})${notEvents ? `; these records have no enrollmentType, so they are not Graph's autopilotEvents: ${WHAT_TO_EXPORT}` : ''}`,
    );
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
  const report = calibrationReport(calibration, opts.check ? backtest(calibration) : undefined);
  if (opts.html) writeFileAtomic(opts.html, renderCalibrationHtml(report), '--html');
  if (opts.json) io.out(JSON.stringify(report));
  else if (opts.markdown) io.out(renderCalibrationMarkdown(report));
  else if (!opts.output && !opts.overlay && !opts.check && !opts.html) io.out(calibration.yaml);
  else io.out(renderCalibration(report));
  return EXIT.ok;
}

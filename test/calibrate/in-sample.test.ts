// The backtest holds the twin against the deployments it was fitted to, and says so wherever it is shown: an admin read
// 'Backtest: the twin simulated with the observed mix' beside agreeing success rates as a test of what the twin foretells,
// where the twin's failure rates are the tenant's by construction. The terminal, Markdown, HTML and --json say it.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { backtest, calibrate } from '../../src/calibrate/index.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { calibrationReport, renderCalibration, renderCalibrationHtml, renderCalibrationMarkdown } from '../../src/calibrate/report.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-insample-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the backtest says it is in sample, in every format', async () => {
  const value = Array.from({ length: 120 }, (_, i) => {
    const device = 22 + (i % 19) * 0.9;
    const account = 7 + (i % 11) * 0.6;
    return {
      id: `event-${i}`,
      deviceId: `device-${i}`,
      enrollmentType: 'azureADJoinedWithAutopilotProfile',
      deploymentState: i % 20 === 0 ? 'failure' : 'success',
      deviceSetupStatus: i % 20 === 0 ? 'failure' : 'success',
      accountSetupStatus: i % 20 === 0 ? 'notAttempted' : 'success',
      deviceSetupDuration: isoDuration(device),
      accountSetupDuration: isoDuration(account),
      deploymentTotalDuration: isoDuration(device + account + 6),
      enrollmentFailureDetails: null,
    };
  });
  const file = join(dir, 'events.json');
  writeFileSync(file, JSON.stringify({ value }));
  const c = await calibrate([file]);
  const report = calibrationReport(c, backtest(c, 500));
  const said = 'In sample: the twin is held against the deployments it was fitted to.';
  expect(report.backtest!.basis).toContain(said);
  expect(JSON.parse(JSON.stringify(report)).backtest.basis).toContain('whether it foretells other deployments');
  expect(renderCalibration(report, { columns: 200 }).replace(/\s+/g, ' ')).toContain(said);
  expect(renderCalibrationMarkdown(report)).toContain(said);
  expect(renderCalibrationHtml(report)).toContain(said);
});

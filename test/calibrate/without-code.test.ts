// A failure whose enrollmentFailureDetails held no code is said to have none: the report and the twin called such
// failures ESP_APP_FAILED (the id they are counted under), and an admin read that the tenant's apps had failed, where
// Graph had recorded no code at all (the ESP's timeout page gives none).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-nocode-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('failures without a code are said to have none, in the report, its tables and the twin', async () => {
  const value = Array.from({ length: 200 }, (_, i) => {
    const failed = i < 8 ? 'none' : i < 12 ? 'code' : null;
    return {
      id: `event-${i}`,
      deviceId: `device-${i}`,
      enrollmentType: 'azureADJoinedWithAutopilotProfile',
      deploymentState: failed ? 'failure' : 'success',
      deviceSetupStatus: failed ? 'failure' : 'success',
      accountSetupStatus: failed ? 'notAttempted' : 'success',
      deviceSetupDuration: isoDuration(20 + (i % 13)),
      accountSetupDuration: isoDuration(failed ? 0 : 6 + (i % 5)),
      deploymentTotalDuration: isoDuration(31 + (i % 13) + (i % 5)),
      enrollmentFailureDetails: failed === 'code' ? 'Win32 app install failed: 0x81036502' : null,
    };
  });
  const file = join(dir, 'events.json');
  writeFileSync(file, JSON.stringify({ value }));
  const twin = join(dir, 'twin.yaml');
  const r = await cli('calibrate', file, '-o', twin);
  expect(r.out).toMatch(/ {2}failure without an error code \(counted under ESP_APP_FAILED\) at deviceSetup: 8 \(4\.0% of deployments;/);
  expect(r.out).toMatch(/ {2}failure 0x81036502 \(not in the catalogue; counted under ESP_APP_FAILED\) at deviceSetup: 4 /);
  const yaml = readFileSync(twin, 'utf8');
  expect(yaml).toMatch(/- \{ phase: deviceSetup, code: ESP_APP_FAILED, probability: 0\.\d+ \} # 8 observed \(4\.00%\); without an error code in enrollmentFailureDetails, counted under ESP_APP_FAILED; 95% interval of the share 2\.0%–7\.7%, from 8 failures\n/);
  expect((await cli('calibrate', file, '--markdown')).out).toMatch(/no error code \(ESP_APP_FAILED\) at deviceSetup 4\.0%/);
  // The backtest's table too: its row read ESP_APP_FAILED, an app's failure.
  expect((await cli('calibrate', file, '--check', '--markdown')).out).toMatch(/\| user-driven\/entra \| deviceSetup \| no error code \(ESP_APP_FAILED\) \| 4\.0% \| [\d.]+% \|\n\| user-driven\/entra \| deviceSetup \| 0x81036502 \|/);
  expect(JSON.parse((await cli('calibrate', file, '--json')).out).segments[0].failures).toContainEqual(expect.objectContaining({ code: 'ESP_APP_FAILED', observed: 8, withoutCode: 8 }));
  // run on the twin: its cause said "the tenant's observed ESP_APP_FAILED failures", an app's, for failures with no code.
  const causes = JSON.parse((await cli('run', twin, '--devices', '300', '--json')).out).failures.map((f: { code: string; cause: string }) => [f.code, f.cause]);
  expect(causes).toContainEqual(['ESP_APP_FAILED', "calibrated: the tenant's observed failures without an error code at this phase"]);
  expect(causes).toContainEqual(['0x81036502', "calibrated: the tenant's observed 0x81036502 failures at this phase"]);
});

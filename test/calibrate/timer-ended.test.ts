// Failures without an error code that lasted the ESP's timeout were ended by its timer, and the report and the twin say
// so, with what it means for a what-if: the twin fails them at a fixed probability, so a longer timeout leaves them
// failing. An admin's export had 32 of its 78 user-driven failures without a code at exactly 60 minutes, and the twin's
// sweep of esp.timeoutMinutes 60 to 90 read the same success, 'the setting is not what limits it', with no word of them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { calibrate, observe, fitObserved } from '../../src/calibrate/index.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { calibrationReport } from '../../src/calibrate/report.ts';
import { writeSynthetic } from '../../src/calibrate/synthetic.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-timer-ended-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 200 deployments of one enrollment type: 180 successes, 10 failures without a code at `ended` minutes, 10 at 20. */
const write = (name: string, enrollmentType: string, ended: number) => {
  const value = Array.from({ length: 200 }, (_, i) => {
    const failed = i >= 180;
    const device = failed ? (i < 190 ? ended : 20) : 24 + (i % 17) * 0.8;
    const account = failed ? 0 : 8 + (i % 9) * 0.5;
    return {
      id: `${name}-${i}`,
      deviceId: `${name}-device-${i}`,
      enrollmentType,
      deploymentState: failed ? 'failure' : 'success',
      deviceSetupStatus: failed ? 'failure' : 'success',
      accountSetupStatus: failed ? 'notAttempted' : 'success',
      deviceSetupDuration: isoDuration(device),
      accountSetupDuration: isoDuration(account),
      deploymentTotalDuration: isoDuration(device + account + 6),
      enrollmentFailureDetails: null,
    };
  });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ value }));
  return file;
};

it('failures without a code that lasted the ESP timeout are said to be its timer, in the report and the twin', async () => {
  const file = write('entra', 'azureADJoinedWithAutopilotProfile', 60);
  const c = await calibrate([file]);
  const said = "10 of the 20 failures without an error code at device setup lasted the ESP's timeout (deviceSetupDuration 60 min or more, give or take a minute): its timer ended them [INF]";
  const readings = calibrationReport(c).segments[0]!.readings;
  expect(readings.join('\n')).toContain(said);
  expect(readings.join('\n')).toContain('The twin fails them with the others without a code, at a fixed probability, so a what-if with a longer esp.timeoutMinutes or fewer apps leaves them failing, where the tenant\'s could have run on: up to 5.0% of its deployments');
  expect(c.yaml).toContain(`# ${said}`);
});

it('against the timeout the tenant had: a longer one given, or hybrid join\'s 40 minutes more, says none', async () => {
  const entra = write('entra90', 'azureADJoinedWithAutopilotProfile', 60);
  const at90 = fitObserved(await observe([entra]), { espTimeoutMinutes: 90 });
  expect(at90.yaml).not.toContain('lasted the ESP\'s timeout');
  // Hybrid join's device ESP waits 100 minutes: failures at 60 were not its timer's.
  const hybrid = await calibrate([write('hybrid', 'offlineDomainJoined', 60)]);
  expect(hybrid.yaml).not.toContain('lasted the ESP\'s timeout');
  const hybrid100 = await calibrate([write('hybrid100', 'offlineDomainJoined', 100)]);
  expect(hybrid100.yaml).toContain('10 of the 20 failures without an error code at device setup lasted the ESP\'s timeout (deviceSetupDuration 100 min or more');
});

it("where the twin's own timer ends as many, a what-if on the timeout saves them: said so", { timeout: 120_000 }, async () => {
  // The model's own deployments written as Graph would record them: its timer's failures come without a code, at 60 minutes.
  const noise = { inProgress: 0, unknownType: 0, duplicateEvent: 0, redeployedDevice: 0, missingDuration: 0, zeroDuration: 0, negativeDuration: 0, successWithTimeout: 0 };
  const { files } = writeSynthetic(mkdtempSync(join(dir, 'model-')), { seed: 21, noise, segments: [{ segment: { scenario: 'user-driven', joinType: 'entra' }, count: 1000, deviceApps: 5, deviceApp: { median: 4, p90: 9 }, userApps: 2, userApp: { median: 3, p90: 7 }, failures: [] }] });
  const c = await calibrate(files);
  const note = calibrationReport(c).segments[0]!.readings.find((r) => r.includes("lasted the ESP's timeout"))!;
  expect(note).toMatch(/^(\d+) of the \1 failures without an error code at device setup lasted the ESP's timeout \(deviceSetupDuration 60 min or more, give or take a minute\): its timer ended them \[INF\], and the twin's own timer ends [\d.]+% of the deployments reaching device setup, as many: a what-if with a longer esp.timeoutMinutes or fewer apps saves them on the twin as it would have on the tenant$/);
});

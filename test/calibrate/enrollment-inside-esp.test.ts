// A self-deploying or pre-provisioned device joins and enrolls inside the device ESP (TPM attestation, the device-token
// join and enrollment), yet Graph records a tenant's failure there at enrollment (deviceSetupStatus notAttempted). The
// twin fails those devices at its enrollment step, and the backtest counted them by the machine phase they failed in,
// device setup: each code showed twice, observed at enrollment with none simulated, and at device setup with none observed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtest, calibrate } from '../../src/calibrate/index.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('calibrate-enrol-esp-');

/** 400 deployments of one type: device setup 18 to 34 minutes, 6% failed at enrollment with 0x800705B4 and 2% with 0x80180014. */
function tenant(name: string, enrollmentType: string, accountSetup: boolean): string {
  const value = Array.from({ length: 400 }, (_, i) => {
    const failed = i % 50 < 3 ? 'TPM attestation failed: 0x800705B4' : i % 50 === 3 ? 'Device is already enrolled. 0x80180014' : null;
    const device = 18 + ((i * 37) % 160) / 10;
    const account = accountSetup ? 4 + (i % 7) : 0;
    return failed
      ? { id: `${name}-${i}`, deviceId: `${name}-d-${i}`, enrollmentType, deploymentState: 'failure', deviceSetupStatus: 'notAttempted', accountSetupStatus: 'notAttempted', deviceSetupDuration: 'PT0S', accountSetupDuration: 'PT0S', deploymentTotalDuration: '-P730000DT12H', enrollmentFailureDetails: failed }
      : { id: `${name}-${i}`, deviceId: `${name}-d-${i}`, enrollmentType, deploymentState: 'success', deviceSetupStatus: 'success', accountSetupStatus: accountSetup ? 'success' : 'notAttempted', deviceSetupDuration: isoDuration(device), accountSetupDuration: isoDuration(account), deploymentTotalDuration: isoDuration(device + account + (accountSetup ? 12 : 0.5)), enrollmentFailureDetails: null };
  });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ value }));
  return file;
}

describe("failures a tenant's records put at enrollment, in flows that enroll inside the device ESP", () => {
  for (const [scenario, type, account] of [
    ['self-deploying', 'azureADJoinedUsingDeviceAuthWithAutopilotProfile', false],
    ['pre-provisioned', 'azureADJoinedWithWhiteGlove', true],
  ] as const) {
    it(`${scenario}: the backtest holds them at enrollment, simulated beside observed`, { timeout: 60_000 }, async () => {
      const c = await calibrate([tenant(scenario, type, account)]);
      const failures = backtest(c, 4000).segments[0]!.failures;
      for (const [code, share] of [['0x800705B4', 0.06], ['0x80180014', 0.02]] as const) {
        const row = failures.find((f) => f.phase === 'enrollment' && f.code === code)!;
        expect(row.observed).toBe(share);
        // Within 3 standard errors of the 4,000 devices simulated.
        expect(Math.abs(row.simulated - share)).toBeLessThan(3 * Math.sqrt((share * (1 - share)) / 4000));
        expect(failures.find((f) => f.phase !== 'enrollment' && f.code === code)).toBeUndefined();
      }
    });
  }
});

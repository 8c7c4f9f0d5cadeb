// A month of a tenant's self-deploying deployments from the model itself, for calibrate's tests: 5 apps (median 4, p90
// 9), none failing but for the model's own timer, without the noise of a real export (writeSynthetic's Noise at zero).
import { writeSynthetic } from '../../src/calibrate/synthetic.ts';

export function selfDeployingMonth(dir: string, prefix: string, seed: number, count: number): string[] {
  return writeSynthetic(dir, {
    seed,
    prefix,
    noise: { inProgress: 0, unknownType: 0, duplicateEvent: 0, redeployedDevice: 0, missingDuration: 0, zeroDuration: 0, negativeDuration: 0, successWithTimeout: 0 },
    segments: [{ segment: { scenario: 'self-deploying', joinType: 'entra' }, count, deviceApps: 5, deviceApp: { median: 4, p90: 9 }, userApps: 0, userApp: null, failures: [] }],
  }).files;
}

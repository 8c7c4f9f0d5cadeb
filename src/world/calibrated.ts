// The one hook calibration needs in the world: failure rates measured in a tenant's own
// deployments (environment `calibrated.failures`, written by src/calibrate). The first time a
// device reaches a phase, one draw decides whether it fails there and with which code; a retry
// does not draw again. Environments without `calibrated` draw nothing, so every other run keeps
// its random stream.
import type { Wait } from '../../machines/vocabulary.ts';
import type { ErrorId } from '../catalog/errors.ts';
import type { CalibratedPhase, Environment } from '../environment/schema.ts';

/** The waits at which each calibrated phase is entered, and the event its failure sends. */
export const CALIBRATED_WAITS: Partial<Record<Wait, { phase: CalibratedPhase; event: 'mdm.enrollmentFailed' | 'app.failed' }>> = {
  'mdm.userEnroll': { phase: 'enrollment', event: 'mdm.enrollmentFailed' },
  'mdm.deviceEnroll': { phase: 'enrollment', event: 'mdm.enrollmentFailed' },
  'esp.deviceApps': { phase: 'deviceSetup', event: 'app.failed' },
  'esp.userApps': { phase: 'accountSetup', event: 'app.failed' },
};

/** The code a device fails with at `wait`, or null; `decided` holds the phases already drawn for this device. */
export function calibratedFailure(env: Environment, wait: Wait, decided: Set<CalibratedPhase>, u: () => number): { code: ErrorId; event: 'mdm.enrollmentFailed' | 'app.failed' } | null {
  const at = CALIBRATED_WAITS[wait];
  const failures = env.calibrated?.failures;
  if (!at || !failures || failures.length === 0 || decided.has(at.phase)) return null;
  const here = failures.filter((f) => f.phase === at.phase && f.probability > 0);
  if (here.length === 0) return null;
  decided.add(at.phase);
  let x = u();
  for (const f of here) {
    if (x < f.probability) return { code: f.code, event: at.event };
    x -= f.probability;
  }
  return null;
}

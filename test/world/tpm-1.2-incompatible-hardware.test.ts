// §2.6 (historical), §4, §8 W5: attestation on a TPM older than 2.0 used to time out; KB4556799 (the 2020 updates)
// made it report incompatible hardware instead, still 0x800705B4. Every TPM 1.2 device waited out the attestation
// timeout whatever its build (os.updatedSince2020). An updated build now fails in an attestation's own time with a cause
// that says incompatible hardware; a build without the update keeps the timeout.
import { describe, expect, it } from 'vitest';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { DURATIONS } from '../../src/environment/durations.ts';

const bounds = (d: { duration: unknown }) => (d.duration as { triangular: [number, number, number] }).triangular;
const [, , attestationMax] = bounds(DURATIONS.tpmAttestation);
const [timeoutMin] = bounds(DURATIONS.attestationTimeout);

/** The minutes the failed attestation step took, and the failure's cause. */
function attestation(updatedSince2020: boolean, scenario: 'self-deploying' | 'pre-provisioned', seed: number) {
  const env = defaultEnvironment({ scenario, hardware: { tpm: '1.2' }, os: { updatedSince2020 }, profile: { allowPreProvisioning: true } });
  const sim = simulate(env, { seed });
  expect(sim.outcome.status).toBe('failed');
  expect(sim.outcome.errorCode).toBe('0x800705B4');
  const i = sim.trace.findIndex((t) => t.event === 'tpm.attestationFailed');
  expect(i).toBeGreaterThan(0);
  return { minutes: (sim.trace[i]!.at - sim.trace[i - 1]!.at) / 60000, cause: sim.trace[i]!.cause ?? '' };
}

describe('TPM 1.2: incompatible hardware on updated builds, the timeout on old ones (§2.6, §4, W5)', () => {
  it.each(['self-deploying', 'pre-provisioned'] as const)('%s: an updated build fails in an attestation\'s time, saying incompatible hardware', (scenario) => {
    for (let seed = 1; seed <= 20; seed++) {
      const a = attestation(true, scenario, seed);
      expect(a.minutes, `seed ${seed}`).toBeLessThanOrEqual(attestationMax);
      expect(a.cause).toContain('incompatible hardware');
      expect(a.cause).toContain('[INF]');
    }
  });

  it.each(['self-deploying', 'pre-provisioned'] as const)('%s: a build without KB4556799 still waits out the timeout', (scenario) => {
    for (let seed = 1; seed <= 20; seed++) {
      const a = attestation(false, scenario, seed);
      expect(a.minutes, `seed ${seed}`).toBeGreaterThanOrEqual(timeoutMin);
      expect(a.cause).toContain('times out');
    }
  });
});

// Every active minute of a run (end user + technician + unattended) is in a phase that is not a waiting one: also on an
// error page (the phase that failed) and on device preparation's 100 % and "Required setup complete" screens, so a failed
// run's phases no longer add up to less than its total. Waiting (shipping between a pre-provisioned device's flows, a
// remote reset pending until the device's next check-in) is in phases of its own, which reports mark as not active time.
import { expect, test as plainTest } from 'vitest';
import { test } from '@fast-check/vitest';
import { anyEnvironmentArbitrary } from '../../src/capabilities/generators.ts';
import { phaseIsWaiting, phaseLabel } from '../../src/catalog/phases.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';

test.prop([anyEnvironmentArbitrary({ maxFaults: 2 })], { numRuns: 300 })('the active phases add up to the active minutes, the waiting ones to the rest, failures and retries included', ({ environment, seed }) => {
  const { outcome } = simulate(defaultEnvironment(environment), { seed, trace: false });
  const phases = Object.entries(outcome.phaseMinutes);
  const active = phases.filter(([p]) => !phaseIsWaiting(p)).reduce((sum, [, minutes]) => sum + minutes, 0);
  const waiting = phases.filter(([p]) => phaseIsWaiting(p)).reduce((sum, [, minutes]) => sum + minutes, 0);
  // Each figure is rounded to the hundredth on its own.
  const rounding = 0.005 * (phases.length + 3) + 1e-9;
  const what = `${outcome.status} ${outcome.errorCode ?? ''}: ${JSON.stringify(outcome.phaseMinutes)}, active ${outcome.totalMinutes}, elapsed ${outcome.elapsedMinutes}`;
  expect(Math.abs(active - outcome.totalMinutes), what).toBeLessThanOrEqual(rounding);
  expect(active + waiting, what).toBeLessThanOrEqual(outcome.elapsedMinutes + rounding);
});

// Where the user ESP does not run (SkipUserStatusPage, or the ESP off), no account setup ran (§2.1 fork: U9 does not
// happen): the automatic sign-in's half minute was reported as 'ESP: account setup', a phase that never showed.
test.prop([anyEnvironmentArbitrary({ maxFaults: 2 })], { numRuns: 300 })('with the user ESP skipped, no minute, step or failure is in account setup', ({ environment, seed }) => {
  const env = defaultEnvironment(environment);
  const { outcome, trace } = simulate(env, { seed });
  if (env.esp.enabled && !env.esp.skipUserStatusPage) return;
  expect(outcome.phaseMinutes, JSON.stringify(outcome.phaseMinutes)).not.toHaveProperty('accountSetup');
  expect(trace.filter((t) => t.phase === 'accountSetup').map((t) => t.state)).toEqual([]);
  expect(outcome.failedPhase).not.toBe('accountSetup');
});

plainTest('the automatic sign-in without the user ESP is a sign-in: user-driven, and a pre-provisioned user flow', () => {
  for (const [scenario, phase] of [['user-driven', 'identity'], ['pre-provisioned', 'entraSignIn']] as const) {
    const { trace, outcome } = simulate(defaultEnvironment({ scenario, esp: { skipUserStatusPage: true } }), { seed: 1 });
    const signingIn = trace.find((t) => t.wait === 'device.autoSignIn')!;
    expect(signingIn.phase, scenario).toBe(phase);
    expect(outcome.phaseMinutes).not.toHaveProperty('accountSetup');
    // Still account setup where it runs.
    expect(simulate(defaultEnvironment({ scenario }), { seed: 1 }).trace.find((t) => t.wait === 'device.autoSignIn')!.phase).toBe('accountSetup');
  }
});

// Where the device ESP is not shown (the ESP off, or SkipDeviceStatusPage), nothing of it is on screen (§2.1 fork: U5-U9
// not shown; §3.2: no ESP UI): a self-deploying device's attestation, join and enrollment still run, on OOBE's working
// screen, and were reported as 'ESP: device preparation'. The technician's too (pre-provision.md 2024, §8 W25), unless the
// older reading makes it required to show (KB4535996, readings.preProvisioningEspRequired), where it shows whole. With the
// ESP off there are no quality updates in OOBE either (§3.2).
test.prop([anyEnvironmentArbitrary({ maxFaults: 2 })], { numRuns: 300 })('with the device ESP not shown, no minute, step or failure is in an ESP phase it would show', ({ environment, seed }) => {
  const env = defaultEnvironment(environment);
  const { outcome, trace } = simulate(env, { seed });
  const hidden = new Set<string>();
  if (!env.esp.enabled || env.esp.skipDeviceStatusPage) hidden.add('devicePreparation').add('deviceSetup');
  if (!env.esp.enabled) hidden.add('qualityUpdates');
  // The technician's ESP shows as configured, or whole where the older reading makes it required to show.
  const technicianShows = (state: string, phase: string) => /technicianFlow/.test(state) && phase !== 'qualityUpdates' && env.readings.preProvisioningEspRequired;
  const shownAnyway = trace.filter((t) => t.phase && hidden.has(t.phase) && !technicianShows(t.state, t.phase));
  expect(shownAnyway.map((t) => `${t.phase} ${t.state}`)).toEqual([]);
  if (!env.readings.preProvisioningEspRequired || !trace.some((t) => /technicianFlow/.test(t.state))) {
    for (const p of hidden) expect(outcome.phaseMinutes, JSON.stringify(outcome.phaseMinutes)).not.toHaveProperty(p);
    expect(hidden.has(outcome.failedPhase ?? '')).toBe(false);
  }
});

// No one signs in there: 'Sign-in and enrollment' (identity) named a sign-in that a device with no user never has (§2.6: no user).
plainTest('a self-deploying device, or a technician flow, with the device ESP not shown attests, joins and enrolls in its own phase, not a sign-in', () => {
  for (const esp of [{ enabled: false }, { skipDeviceStatusPage: true }]) {
    const { trace, outcome } = simulate(defaultEnvironment({ scenario: 'self-deploying', esp }), { seed: 1 });
    for (const wait of ['tpm.attest', 'entra.deviceJoin', 'mdm.deviceEnroll']) expect(trace.find((t) => t.wait === wait)!.phase, wait).toBe('deviceJoin');
    expect(outcome.phaseMinutes).not.toHaveProperty('identity');
    expect(phaseLabel('deviceJoin')).toBe('Device attestation, join and enrollment');
    const technician = simulate(defaultEnvironment({ scenario: 'pre-provisioned', profile: { allowPreProvisioning: true }, esp }), { seed: 1 });
    for (const wait of ['tpm.attest', 'entra.deviceJoin', 'mdm.deviceEnroll']) expect(technician.trace.find((t) => t.wait === wait)!.phase, `technician ${wait}`).toBe('deviceJoin');
    expect(outcome.phaseMinutes).not.toHaveProperty('devicePreparation');
    // Still device preparation where the ESP shows.
    expect(simulate(defaultEnvironment({ scenario: 'self-deploying' }), { seed: 1 }).trace.find((t) => t.wait === 'tpm.attest')!.phase).toBe('devicePreparation');
  }
});

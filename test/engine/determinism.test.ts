// The engine is a pure function of (environment, seed): same inputs, byte-identical
// trace and outcome; different seeds, different samples; a virtual clock that never runs
// backwards; and every run of any environment ends in a definite, catalogued outcome.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { lookup } from '../../src/catalog/errors.ts';
import { simulate, type Simulation } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { SCENARIOS, type Environment } from '../../src/environment/schema.ts';

const bytes = (sim: Simulation) => JSON.stringify({ trace: sim.trace, outcome: sim.outcome });

/** One environment per scenario and join type, each a healthy run. */
const ENVIRONMENTS: Array<[string, Environment]> = [
  ['user-driven entra', defaultEnvironment({})],
  ['user-driven hybrid', defaultEnvironment({ profile: { joinType: 'hybrid' } })],
  ['pre-provisioned entra', defaultEnvironment({ scenario: 'pre-provisioned', profile: { allowPreProvisioning: true } })],
  ['pre-provisioned hybrid', defaultEnvironment({ scenario: 'pre-provisioned', profile: { allowPreProvisioning: true, joinType: 'hybrid' } })],
  ['self-deploying', defaultEnvironment({ scenario: 'self-deploying' })],
  ['existing devices', defaultEnvironment({ scenario: 'existing-devices', registration: { registered: false } })],
  ['reset local', defaultEnvironment({ scenario: 'reset', reset: { kind: 'local' }, people: { localResetAllowed: true } })],
  ['reset remote', defaultEnvironment({ scenario: 'reset' })],
  // Randomness-heavy: Win32+MSI clash, M365 hang chance, intermittent TPM, flaky apps with retries, quality updates.
  [
    'random-heavy pre-provisioned',
    defaultEnvironment({
      scenario: 'pre-provisioned',
      profile: { allowPreProvisioning: true },
      hardware: { tpmIssue: 'intermittent' },
      esp: { installQualityUpdates: true },
      apps: [
        { name: 'Win32', type: 'win32', failureProbability: 0.3 },
        { name: 'MSI', type: 'msi-lob', failureProbability: 0.3 },
        { name: 'M365', type: 'm365' },
      ],
      people: { onError: 'retry', maxRetries: 3 },
    }),
  ],
];

describe('same environment and seed -> byte-identical trace and outcome', () => {
  it.each(ENVIRONMENTS)('%s: run twice', (_name, env) => {
    for (const seed of [1, 7, 123456]) {
      const a = bytes(simulate(env, { seed }));
      const b = bytes(simulate(env, { seed }));
      expect(b).toBe(a);
    }
  });

  it.each(ENVIRONMENTS)('%s: run again after other seeds and other environments ran in between', (_name, env) => {
    const first = bytes(simulate(env, { seed: 42 }));
    for (let seed = 1; seed <= 20; seed++) simulate(env, { seed });
    for (const [, other] of ENVIRONMENTS) simulate(other, { seed: 99 });
    expect(bytes(simulate(env, { seed: 42 }))).toBe(first);
  });

  it('a fresh but equal environment object gives the same bytes (no identity-based caching leaks)', () => {
    const a = bytes(simulate(defaultEnvironment({ profile: { joinType: 'hybrid' } }), { seed: 5 }));
    const b = bytes(simulate(defaultEnvironment({ profile: { joinType: 'hybrid' } }), { seed: 5 }));
    expect(b).toBe(a);
  });

  it('the seed is reported in the outcome', () => {
    expect(simulate(defaultEnvironment({}), { seed: 31 }).outcome.seed).toBe(31);
  });
});

describe('different seeds -> different traces', () => {
  it.each(ENVIRONMENTS)('%s: 10 seeds give 10 different traces', (_name, env) => {
    const traces = new Set<string>();
    for (let seed = 1; seed <= 10; seed++) traces.add(JSON.stringify(simulate(env, { seed }).trace));
    expect(traces.size).toBe(10);
  });

  it('seeds 1 and 2 differ for the default environment', () => {
    const env = defaultEnvironment({});
    expect(JSON.stringify(simulate(env, { seed: 1 }).trace)).not.toBe(JSON.stringify(simulate(env, { seed: 2 }).trace));
  });
});

describe('the virtual clock never runs backwards', () => {
  it.each(ENVIRONMENTS)('%s', (_name, env) => {
    for (let seed = 1; seed <= 20; seed++) {
      const { trace, outcome } = simulate(env, { seed });
      expect(trace[0]!.at).toBe(0);
      for (let i = 1; i < trace.length; i++) {
        expect(trace[i]!.at, `seed ${seed}, step ${i}: ${trace[i - 1]!.event} -> ${trace[i]!.event}`).toBeGreaterThanOrEqual(trace[i - 1]!.at);
      }
      expect(outcome.elapsedMinutes).toBeCloseTo(trace.at(-1)!.at / 60_000, 1);
    }
  });
});

// --- Property: any generated environment ends in a definite, catalogued outcome ------

const JOINABLE = ['user-driven', 'pre-provisioned', 'existing-devices', 'reset'] as const;

const environmentArb = fc
  .record({
    scenario: fc.constantFrom(...SCENARIOS),
    tpm: fc.constantFrom('none', '1.2', '2.0', '2.0-in-1.2-mode'),
    kind: fc.constantFrom('physical', 'vm'),
    joinType: fc.constantFrom('entra', 'hybrid'),
    dcLineOfSight: fc.boolean(),
    skipAdConnectivityCheck: fc.boolean(),
    allowPreProvisioning: fc.boolean(),
    registered: fc.boolean(),
    jsonMode: fc.constantFrom('user-driven', 'self-deploying', 'pre-provisioned'),
    resetKind: fc.constantFrom('local', 'remote'),
    localResetAllowed: fc.boolean(),
    apps: fc.array(
      fc.record({
        type: fc.constantFrom('win32', 'msi-lob', 'store', 'm365'),
        target: fc.constantFrom('device', 'user'),
        failureProbability: fc.double({ min: 0, max: 1, noNaN: true }),
        installMinutes: fc.integer({ min: 0, max: 90 }),
        requiresReboot: fc.boolean(),
      }),
      { maxLength: 5 },
    ),
    allowReset: fc.boolean(),
    allowContinueAnyway: fc.boolean(),
    onError: fc.constantFrom('give-up', 'retry', 'reset', 'continue'),
    maxRetries: fc.integer({ min: 0, max: 3 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  })
  .map((g) => {
    // Self-deploying is Entra join only (schema RULES); the others take the generated join type.
    const joinType = (JOINABLE as readonly string[]).includes(g.scenario) ? g.joinType : 'entra';
    const env = defaultEnvironment({
      scenario: g.scenario,
      hardware: { tpm: g.tpm, kind: g.kind },
      registration: { registered: g.registered },
      profile: { joinType, skipAdConnectivityCheck: g.skipAdConnectivityCheck, allowPreProvisioning: g.allowPreProvisioning },
      esp: { allowReset: g.allowReset, allowContinueAnyway: g.allowContinueAnyway },
      hybrid: { dcLineOfSight: g.dcLineOfSight },
      existingDevices: { jsonProfile: { deploymentMode: g.jsonMode, joinType } },
      reset: { kind: g.resetKind, currentJoin: joinType },
      apps: g.apps.map((a, i) => ({ name: `App ${i}`, ...a })),
      people: { onError: g.onError, maxRetries: g.maxRetries, localResetAllowed: g.localResetAllowed },
    });
    return { env, seed: g.seed };
  });

describe('any generated environment ends in a definite, catalogued outcome', () => {
  test.prop([environmentArb], { numRuns: 300 })('status, errorCode and the catalogue agree', ({ env, seed }) => {
    const { trace, outcome } = simulate(env, { seed });
    expect(['succeeded', 'failed', 'fell-back-to-oobe'], `stopped: ${outcome.cause}`).toContain(outcome.status);
    expect(outcome.status === 'failed').toBe(outcome.errorCode !== null);
    if (outcome.errorCode !== null) expect(lookup(outcome.errorCode), outcome.errorCode).toBeDefined();
    if (outcome.status === 'succeeded') {
      expect(outcome.errorCode).toBeNull();
      expect(outcome.continuedAfterError).toBe(false);
      // A user's flow ends at the user's desktop; a reset ends ready for the next user, with no one at one (§2.8 RL7).
      if (env.scenario === 'user-driven' || env.scenario === 'pre-provisioned') expect(outcome.reachedDesktop).toBe(true);
      if (env.scenario === 'reset') expect(outcome.reachedDesktop).toBe(false);
    }
    if (outcome.status === 'failed') expect(outcome.failedPhase).not.toBeNull();
    if (outcome.firstTimeRight) expect(outcome.status).toBe('succeeded');
    for (let i = 1; i < trace.length; i++) expect(trace[i]!.at).toBeGreaterThanOrEqual(trace[i - 1]!.at);
  });

  test.prop([environmentArb], { numRuns: 50 })('and is reproducible', ({ env, seed }) => {
    expect(bytes(simulate(env, { seed }))).toBe(bytes(simulate(env, { seed })));
  });
});

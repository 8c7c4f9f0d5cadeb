// Generated environments for the capability derivation and the property tests.
// Uniformly random environments rarely get past the first failure, so generation is
// biased: each scenario variant starts from a healthy base, varies the settings that
// should not matter, and (with faults on) adds documented faults a few at a time.
import fc from 'fast-check';
import type { ScenarioId } from '../../machines/setup.ts';
import { merge } from '../environment/merge.ts';
import type { EnvironmentInput } from '../environment/schema.ts';
import { CONDITIONS } from '../world/failure-modes.ts';

export { merge };

export interface Variant {
  scenario: ScenarioId;
  /** 'entra' / 'hybrid' for join types, 'local' / 'remote' for reset, the follow-on for existing devices. */
  name: string;
  /** How the variant relates to the scenario: its own kind (reset), its join type, or the deployment that follows it. */
  kind: 'join' | 'own' | 'follow-on';
  base: EnvironmentInput;
}

export const VARIANTS: Record<ScenarioId, Variant[]> = {
  'user-driven': [
    { scenario: 'user-driven', name: 'entra', kind: 'join', base: { scenario: 'user-driven', profile: { joinType: 'entra' } } },
    { scenario: 'user-driven', name: 'hybrid', kind: 'join', base: { scenario: 'user-driven', profile: { joinType: 'hybrid' } } },
  ],
  'pre-provisioned': [
    { scenario: 'pre-provisioned', name: 'entra', kind: 'join', base: { scenario: 'pre-provisioned', profile: { joinType: 'entra', allowPreProvisioning: true } } },
    { scenario: 'pre-provisioned', name: 'hybrid', kind: 'join', base: { scenario: 'pre-provisioned', profile: { joinType: 'hybrid', allowPreProvisioning: true } } },
  ],
  'self-deploying': [{ scenario: 'self-deploying', name: 'entra', kind: 'join', base: { scenario: 'self-deploying' } }],
  'existing-devices': [
    {
      scenario: 'existing-devices',
      name: 'user-driven',
      kind: 'follow-on',
      base: { scenario: 'existing-devices', registration: { profileStatus: 'not-assigned' }, existingDevices: { jsonProfile: { deploymentMode: 'user-driven' } } },
    },
    {
      scenario: 'existing-devices',
      name: 'self-deploying',
      kind: 'follow-on',
      base: { scenario: 'existing-devices', registration: { registered: true, profileStatus: 'assigned' }, profile: { deploymentMode: 'self-deploying', joinType: 'entra' } },
    },
    {
      scenario: 'existing-devices',
      name: 'pre-provisioned',
      kind: 'follow-on',
      base: {
        scenario: 'existing-devices',
        registration: { registered: true, profileStatus: 'assigned' },
        profile: { deploymentMode: 'user-driven', allowPreProvisioning: true },
        existingDevices: { jsonProfile: { deploymentMode: 'pre-provisioned' } },
      },
    },
  ],
  reset: [
    { scenario: 'reset', name: 'local', kind: 'own', base: { scenario: 'reset', reset: { kind: 'local' }, people: { localResetAllowed: true } } },
    { scenario: 'reset', name: 'remote', kind: 'own', base: { scenario: 'reset', reset: { kind: 'remote' } } },
  ],
  // Device preparation: its two entries into the same body (domain §7).
  'device-preparation': [
    { scenario: 'device-preparation', name: 'user-driven', kind: 'own', base: { scenario: 'device-preparation', devicePreparation: { mode: 'user-driven' } } },
    { scenario: 'device-preparation', name: 'automatic', kind: 'own', base: { scenario: 'device-preparation', devicePreparation: { mode: 'automatic' } } },
  ],
};

/** What the person at an error page can do (people.onError). */
export const ON_ERROR = ['give-up', 'retry', 'reset', 'continue'] as const;

/** Documented faults, each an environment change (domain §2, §8): the named conditions the failure modes are triggered by (src/world/failure-modes.ts). */
export const FAULTS: Record<string, EnvironmentInput> = CONDITIONS;

/** What the person at an error page does, and which buttons the ESP offers. */
const peopleArb = fc.constantFrom(...ON_ERROR).chain((onError) =>
  fc.record({
    onError: fc.constant(onError),
    maxRetries: fc.integer({ min: 0, max: 2 }),
    // The buttons the person wants are usually there: that is what reaches the states behind them.
    allowReset: onError === 'reset' ? mostly(true) : fc.boolean(),
    allowContinue: onError === 'continue' ? mostly(true) : fc.boolean(),
  }),
);

/** Four times in five `b`: deep states need the usual settings most of the time. */
const mostly = (b: boolean) => fc.oneof({ weight: 4, arbitrary: fc.constant(b) }, { weight: 1, arbitrary: fc.constant(!b) });

const appArb = (i: number) =>
  fc.record({
    name: fc.constant(`App ${i + 1}`),
    type: fc.constantFrom('win32', 'store'),
    target: fc.constantFrom('device', 'user'),
    installMinutes: fc.record({ triangular: fc.constant([0.5, 2, 6] as [number, number, number]) }),
  });

/** Settings a successful deployment should not depend on. */
function neutral(v: Variant): fc.Arbitrary<EnvironmentInput> {
  const hybridReach = fc.oneof(
    fc.constant({ hybrid: { dcLineOfSight: true } }),
    fc.constant({ hybrid: { dcLineOfSight: false, vpn: 'win32-logon' }, profile: { skipAdConnectivityCheck: true } }),
    fc.constant({ hybrid: { dcLineOfSight: false, vpn: 'always-on' } }),
  );
  return fc
    .record({
      connection: fc.constantFrom('wired', 'wifi'),
      hidden: fc.subarray(['language', 'keyboard', 'eula', 'privacy', 'change-account'] as const),
      windows: fc.constantFrom(10, 11),
      edition: fc.constantFrom('pro', 'enterprise', 'education'),
      espEnabled: mostly(true),
      skipUser: mostly(false),
      quality: fc.boolean(),
      timeout: fc.constantFrom(60, 90, 120, 240),
      apps: fc.integer({ min: 0, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => appArb(i)))),
      vendor: fc.constantFrom('discrete', 'intel', 'amd', 'qualcomm'),
      vm: v.scenario === 'user-driven' ? fc.boolean() : fc.constant(false),
      hours: fc.integer({ min: 2, max: 2000 }),
      reach: hybridReach,
      speedUp: fc.boolean(),
      shutdown: fc.boolean(),
      forcedSync: fc.boolean(),
      kiosk: fc.boolean(),
      // Issue 12: conditions that change what a run reports (findings) but not whether it succeeds.
      accountType: fc.constantFrom('standard', 'administrator'),
      scriptContext: fc.constantFrom('none', 'system', 'user'),
      syncInterval: fc.constantFrom(30, 60, 120),
      leavesEarly: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .map((r) =>
      merge<EnvironmentInput>(
        {
          network: { connection: r.connection },
          profile: { hiddenPages: r.hidden, kioskAutologon: r.kiosk, userAccountType: r.accountType },
          os: { windows: r.windows, edition: r.edition },
          esp: { enabled: r.espEnabled, skipUserStatusPage: r.skipUser, installQualityUpdates: r.quality, timeoutMinutes: r.timeout, blockDeviceUse: !r.leavesEarly },
          apps: r.apps,
          hardware: r.vm ? { kind: 'vm', vCpus: 2, memoryGb: 4 } : { kind: 'physical', tpm: '2.0', tpmVendor: r.vendor },
          people: { hoursBetweenFlows: r.hours },
          existingDevices: { speedUp: r.speedUp, finishWith: r.shutdown ? 'shutdown' : 'restart' },
          reset: { forcedSync: r.forcedSync },
          ...(r.scriptContext === 'none' ? {} : { scripts: [{ name: 'Map-Drives.ps1', context: r.scriptContext }] }),
          hybrid: { entraConnect: { syncIntervalMinutes: r.syncInterval } },
          ...(r.leavesEarly ? { people: { hoursBetweenFlows: r.hours, leavesEspEarly: true } } : {}),
          // Reuses an unrelated draw, so that the other scenarios' generated environments stay as they were.
          devicePreparation: { policies: [{ continueAutomatically: r.shutdown, scripts: [{ name: 'Set-Baseline.ps1' }] }] },
        },
        r.reach,
      ),
    );
}

/** Settings a capability row asks about: who is registered, which join the device has or asks for. */
function probes(v: Variant): fc.Arbitrary<EnvironmentInput> {
  return fc
    .record({
      registered: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      hybrid: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      jsonHybrid: fc.boolean(),
      // How the user signs in, and whether a user is assigned to the device (§1.3, §5.7): varied where they can work.
      signIn: fc.constantFrom('password', 'temporary-access-pass'),
      assign: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .map((p) => {
      const out: EnvironmentInput = {};
      // Existing devices registered with a cloud profile would not follow the JSON: keep that variant's registration.
      if (!(v.scenario === 'existing-devices' && v.name !== 'user-driven')) out.registration = { registered: p.registered };
      if (v.scenario === 'self-deploying' && p.hybrid) out.profile = { joinType: 'hybrid' }; // no such profile exists; the machine must not find a hybrid path either
      if (v.scenario === 'reset' && p.hybrid) out.reset = { currentJoin: 'hybrid' };
      // Device preparation: registered devices (with a classic profile) run classic Autopilot unless associated.
      if (v.scenario === 'device-preparation') {
        out.devicePreparation = { associated: p.jsonHybrid };
        if (p.hybrid) out.profile = { joinType: 'hybrid' };
        // Windows 11 (24H2 by default) mostly: Windows 10 cannot run device preparation, and the OS faults cover the rest.
        out.os = { windows: p.hybrid && !p.jsonHybrid ? 10 : 11 };
      }
      if (v.scenario === 'existing-devices') {
        const join = p.jsonHybrid ? 'hybrid' : 'entra';
        out.existingDevices = { jsonProfile: { joinType: join } };
        if (v.name === 'pre-provisioned') out.profile = { joinType: join };
      }
      // A Temporary Access Pass (with web sign-in) and an assigned user both break a hybrid join (§1.3, §2.2): Entra joins only.
      const hybridJoin = v.name === 'hybrid' || p.hybrid || (v.scenario === 'existing-devices' && p.jsonHybrid);
      if (!hybridJoin) {
        if (p.signIn === 'temporary-access-pass') out.identity = { signInMethod: 'temporary-access-pass', webSignIn: true };
        if (p.assign) out.profile = { ...out.profile, assignedUser: 'ana@contoso.com' };
      }
      return out;
    });
}

export interface GeneratedEnvironment {
  variant: Variant;
  environment: EnvironmentInput;
  faults: string[];
  seed: number;
}

/** A generated environment for one variant; with faults, up to `maxFaults` documented faults are added. */
export function environmentArbitrary(
  v: Variant,
  options: { maxFaults?: number; withFault?: string; onError?: (typeof ON_ERROR)[number] } = {},
): fc.Arbitrary<GeneratedEnvironment> {
  const maxFaults = options.maxFaults ?? 0;
  const faultNames = Object.keys(FAULTS);
  return fc
    .record({
      neutral: neutral(v),
      probes: probes(v),
      faults: maxFaults > 0 ? fc.uniqueArray(fc.constantFrom(...faultNames), { maxLength: maxFaults }) : fc.constant([] as string[]),
      people:
        maxFaults > 0
          ? peopleArb.map((p) => ({
              people: { onError: p.onError, maxRetries: p.maxRetries },
              esp: { allowReset: p.allowReset, allowContinueAnyway: p.allowContinue },
            }))
          : fc.constant({}),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map((r) => {
      let environment = merge<EnvironmentInput>(merge(merge(r.neutral, r.people), v.base), r.probes);
      if (options.onError) {
        environment = merge(environment, {
          // Someone who gives up collects the logs for support first, where the page offers it (§3.2).
          people: { onError: options.onError, maxRetries: 1, collectsLogs: options.onError === 'give-up' },
          esp: { allowReset: true, allowContinueAnyway: true },
        });
      }
      const faults = options.withFault ? [options.withFault, ...r.faults.filter((f) => f !== options.withFault)] : r.faults;
      // The device preparation policy's "allow skip" follows the ESP's Continue anyway; its other settings stay as drawn.
      const policy = environment.devicePreparation?.policies?.[0] ?? {};
      const allowSkip = options.onError ? true : (environment.esp?.allowContinueAnyway ?? false);
      environment = merge(environment, { devicePreparation: { policies: [{ ...policy, allowSkip, ...(options.onError ? { continueAutomatically: false } : {}) }] } });
      for (const f of faults) environment = merge(environment, FAULTS[f]);
      return { variant: v, environment, faults, seed: r.seed };
    });
}

/** Any scenario and variant. */
export function anyEnvironmentArbitrary(options: { maxFaults?: number } = {}): fc.Arbitrary<GeneratedEnvironment> {
  return fc.constantFrom(...Object.values(VARIANTS).flat()).chain((v) => environmentArbitrary(v, options));
}

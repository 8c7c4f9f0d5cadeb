// Generated environments for the capability derivation and the property tests.
// Uniformly random environments rarely get past the first failure, so generation is
// biased: each scenario variant starts from a healthy base, varies the settings that
// should not matter, and (with faults on) adds documented faults a few at a time.
import fc from 'fast-check';
import type { ScenarioId } from '../../machines/setup.ts';
import { merge } from '../environment/merge.ts';
import type { EnvironmentInput } from '../environment/schema.ts';

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

/** Documented faults, each an environment change (domain §2, §8). */
export const FAULTS: Record<string, EnvironmentInput> = {
  'virtual machine': { hardware: { kind: 'vm', vCpus: 4, memoryGb: 8 } },
  'VM too small': { hardware: { kind: 'vm', vCpus: 1, memoryGb: 2 } },
  'TPM 1.2': { hardware: { tpm: '1.2' } },
  'no TPM': { hardware: { tpm: 'none' } },
  'TPM 2.0 left in 1.2 mode': { hardware: { tpm: '2.0-in-1.2-mode' } },
  'TPM firmware vulnerable': { hardware: { tpmIssue: 'vulnerable-firmware' } },
  'no domain controller': { hybrid: { dcLineOfSight: false, vpn: 'none' }, profile: { skipAdConnectivityCheck: false } },
  'connector inactive': { hybrid: { connector: { active: false } } },
  'connector too old': { hybrid: { connector: { version: '6.2409.1000.1' } } },
  'OU quota used up': { hybrid: { ouRightsDelegated: false, computersJoinedByConnector: 10 } },
  'not registered': { registration: { registered: false } },
  'no profile assigned': { registration: { profileStatus: 'not-assigned', defaultProfile: false } },
  'user unlicensed': { identity: { userLicensed: false } },
  'Windows MDM blocked': { identity: { windowsMdmBlocked: true } },
  'Windows Home': { os: { edition: 'home' } },
  'tenant mismatch': { identity: { signInTenant: 'fabrikam.onmicrosoft.com' } },
  'device cap reached': { identity: { userDeviceCount: 50 } },
  'deployed before': { registration: { deployedBefore: 'self-deploying' } },
  'WinRE disabled': { reset: { winReEnabled: false } },
  'OS corrupted': { reset: { osCorrupted: true } },
  'hybrid device reset': { reset: { currentJoin: 'hybrid' } },
  'local reset not allowed': { people: { localResetAllowed: false } },
  'large app': { apps: [{ name: 'Engineering suite', type: 'win32', installMinutes: 200 }] },
  'app fails': { apps: [{ name: 'Flaky agent', type: 'win32', failureProbability: 1 }] },
  'reboot inside package': { apps: [{ name: 'Driver pack', type: 'win32', rebootInsidePackage: true }] },
  'Win32 and MSI mix': { apps: [{ name: 'Agent', type: 'win32' }, { name: 'Legacy MSI', type: 'msi-lob' }] },
  'clock skew': { network: { clockSkewMinutes: 30 } },
  'Autopilot service blocked': { network: { blockedEndpoints: ['autopilot'] } },
  'Intune blocked': { network: { blockedEndpoints: ['intune'] } },
  'no internet': { network: { internet: false } },
  'JSON saved as UTF-8': { existingDevices: { jsonEncoding: 'utf-8' } },
  'no Configuration Manager': { existingDevices: { configMgr: false } },
  'pre-provisioning not allowed': { profile: { allowPreProvisioning: false } },
  'user assigned to a hybrid device': { profile: { assignedUser: 'ana@contoso.com' } },
  'Entra object deleted': { registration: { entraObjectDeleted: true } },
  'user app fails': { apps: [{ name: 'Team app', type: 'win32', target: 'user', failureProbability: 1 }] },
  'user app hangs': { apps: [{ name: 'User tool', type: 'win32', target: 'user', rebootInsidePackage: true }] },
  'user site has no internet': { userFlowNetwork: { internet: false } },
  'user on Wi-Fi without internet': { userFlowNetwork: { connection: 'wifi', internet: false } },
  'user site blocks Autopilot': { userFlowNetwork: { blockedEndpoints: ['autopilot'] } },
  'user site blocks Entra': { userFlowNetwork: { blockedEndpoints: ['entra'] } },
  'apps assigned after the technician flow': {
    apps: [{ name: 'Agent', type: 'win32' }, { name: 'Later tool', type: 'win32', assignedAfterTechnicianFlow: true }, { name: 'Later driver', type: 'win32', requiresReboot: true, assignedAfterTechnicianFlow: true }],
  },
  'app assigned later hangs in the user flow': {
    apps: [{ name: 'Agent', type: 'win32' }, { name: 'Later installer', type: 'win32', rebootInsidePackage: true, assignedAfterTechnicianFlow: true }],
  },
  'non-blocking apps left for the user flow': {
    esp: { blockingApps: 'selected', selectedApps: ['Agent'], onlyFailSelectedBlockingAppsInTechnicianPhase: false },
    apps: [{ name: 'Agent', type: 'win32' }, { name: 'Later tool', type: 'win32' }],
  },
  'Entra blocked': { network: { blockedEndpoints: ['entra'] } },
  'intermittent TPM attestation': { hardware: { tpmIssue: 'intermittent' } },
  'user stuck at Identifying': { identity: { userLicensed: false, unlicensedSymptom: 'identifying-hang' } },
  'app restarts the device': { apps: [{ name: 'Firmware tool', type: 'win32', requiresReboot: true }] },
  'optional app fails': { esp: { blockingApps: 'selected', selectedApps: ['Agent'] }, apps: [{ name: 'Agent', type: 'win32' }, { name: 'Optional tool', type: 'store', failureProbability: 1 }] },
  'user flow after six months': { people: { hoursBetweenFlows: 5000 } },
  'technician flow needs a DC (2023 reading)': { readings: { technicianFlowNeedsDc: true } },
  'technician without a DC, 2023 reading': { readings: { technicianFlowNeedsDc: true }, hybrid: { dcLineOfSight: false, vpn: 'none' }, profile: { skipAdConnectivityCheck: false } },
  'Microsoft 365 Apps beside Win32': { apps: [{ name: 'Agent', type: 'win32' }, { name: 'Microsoft 365 Apps', type: 'm365' }] },
  'VPN needs a user certificate': { hybrid: { dcLineOfSight: false, vpn: 'user-certificate' }, profile: { skipAdConnectivityCheck: true } },
  'no VPN at home, check skipped': { hybrid: { dcLineOfSight: false, vpn: 'none' }, profile: { skipAdConnectivityCheck: true } },
  'logon or UAC policy conflict': { policies: { interactiveLogonOrUacConflict: true } },
  'Conditional Access blocks Intune Enrollment': { identity: { conditionalAccess: ['blocks-intune-enrollment'] } },
  'UPN suffix not routable': { identity: { upnSuffixRoutable: false } },
  'legacy Intune PC agent': { identity: { legacyPcAgentInstalled: true } },
  'Windows 11 attestation bug': { os: { windows: 11 }, hardware: { tpmIssue: 'win11-bug' } },
  'AMD firmware TPM bug': { hardware: { tpmIssue: 'amd-ftpm-firmware' } },
  'Infineon SLB9672 firmware': { hardware: { tpmIssue: 'infineon-slb9672' } },
  'motherboard replaced': { hardware: { motherboardReplaced: true } },
  'several MDM configurations on an old build': { identity: { multipleMdmConfigurations: true }, os: { updatedSince2020: false } },
  'another user enrolled the device': { registration: { existingEnrollment: 'another-user' } },
  'leftover enrollment': { registration: { existingEnrollment: 'leftover' } },
  'unlicensed: account not allowed': { identity: { userLicensed: false, unlicensedSymptom: 'account-not-allowed' } },
  'profile deleted': { registration: { profileStatus: 'deleted', defaultProfile: false } },
  'OU given as CN=Computers': { hybrid: { ouDistinguishedName: 'CN=Computers,DC=contoso,DC=com' } },
  'wlidsvc disabled': { policies: { wlidsvcDisabled: true } },
  'smart card sign-in': { identity: { signInMethod: 'smart-card' } },
  'Temporary Access Pass with web sign-in': { identity: { signInMethod: 'temporary-access-pass', webSignIn: true } },
  'password mistyped twice': { identity: { invalidCredentialAttempts: 2 } },
  'DeviceLock policy': { policies: { deviceLock: true } },
  // Device preparation: not associated, so a registered device runs classic Autopilot and meets this fault there.
  'DeviceLock policy and a device-setup restart': { policies: { deviceLock: true }, apps: [{ name: 'Firmware tool', type: 'win32', requiresReboot: true }], devicePreparation: { associated: false } },
  'Exchange ActiveSync policy': { policies: { exchangeActiveSync: true } },
  'Store unreachable': { network: { blockedEndpoints: ['store'] }, apps: [{ name: 'Company Portal', type: 'store' }] },
  'UEFI Lock baseline on 1909': { reset: { uefiLockBaseline: true }, os: { version: '1909', windows: 10 } },
  'recovery environment not found': { reset: { recoveryEnvironmentMessage: true, winReEnabled: false } },
  'recovery message with WinRE fine': { reset: { recoveryEnvironmentMessage: true } },
  'user flow 30 minutes after reseal': { people: { hoursBetweenFlows: 0.5 } },
  'Store app under compliant-device Conditional Access': { identity: { conditionalAccess: ['compliant-device-for-all-apps'] }, apps: [{ name: 'Company Portal', type: 'store' }] },
  // Device preparation (domain §7, §8 W57)
  'device group without the Provisioning Client owner': { devicePreparation: { deviceGroup: { provisioningClientOwner: false } } },
  'dynamic device group': { devicePreparation: { deviceGroup: { membership: 'dynamic' } } },
  'Entra local admin setting conflicts with Standard': { devicePreparation: { entraLocalAdmin: 'none' } },
  'no device preparation policy for the user': { devicePreparation: { policies: [{ targetsUser: false }] } },
  'personal enrollment blocked, no corporate identifier': { identity: { personalEnrollmentBlocked: true }, devicePreparation: { corporateIdentifier: false, associated: false } },
  'Windows 11 23H2 without the March 2024 update': { os: { windows: 11, version: '23H2', march2024Update: false } },
  'device preparation script fails': { devicePreparation: { policies: [{ scripts: [{ name: 'Set-Baseline.ps1', failureProbability: 1 }] }] } },
  'device preparation app fails': { apps: [{ name: 'Flaky agent', type: 'msi-lob', failureProbability: 1 }] },
  'LOB installer restarts the device': { apps: [{ name: 'Driver MSI', type: 'msi-lob', rebootInsidePackage: true }] },
  'stuck at 100 %': { devicePreparation: { stuckAt100Share: 1 } },
  'DeviceLock policy and a restart at 100 %': { policies: { deviceLock: true }, devicePreparation: { stuckAt100Share: 1 } },
  'short device preparation timeout': { devicePreparation: { policies: [{ timeoutMinutes: 15 }] }, apps: [{ name: 'Engineering suite', type: 'win32', installMinutes: 40 }] },
  'Cloud PC access denied on failure': { devicePreparation: { cloudPcAccessDeniedOnFailure: true, policies: [{ scripts: [{ name: 'Set-Baseline.ps1', failureProbability: 1 }] }] } },
};

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
    })
    .map((r) =>
      merge<EnvironmentInput>(
        {
          network: { connection: r.connection },
          profile: { hiddenPages: r.hidden, kioskAutologon: r.kiosk },
          os: { windows: r.windows, edition: r.edition },
          esp: { enabled: r.espEnabled, skipUserStatusPage: r.skipUser, installQualityUpdates: r.quality, timeoutMinutes: r.timeout },
          apps: r.apps,
          hardware: r.vm ? { kind: 'vm', vCpus: 2, memoryGb: 4 } : { kind: 'physical', tpm: '2.0', tpmVendor: r.vendor },
          people: { hoursBetweenFlows: r.hours },
          existingDevices: { speedUp: r.speedUp, finishWith: r.shutdown ? 'shutdown' : 'restart' },
          reset: { forcedSync: r.forcedSync },
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
          people: { onError: options.onError, maxRetries: 1 },
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

// How the environment answers a device-preparation deployment (domain/autopilot.md §7):
// which of classic Autopilot and device preparation takes the device (the coexistence
// rules), which policy applies, enrollment-time grouping, the local-administrator
// conflict, the three install steps, the error page, and Windows 365 automatic mode.
// The world (src/world/index.ts) delegates the waits of the device-preparation machine here.
import type { DeploymentEvent, FailureEventType, PlainEventType, ProfileEventType, ProfileMode, ReasonEventType } from '../../machines/events.ts';
import type { ErrorId } from '../catalog/errors.ts';
import type { FindingId } from '../catalog/findings.ts';
import { classicProfileApplies, devicePreparationOsShortfall, type App, type DevicePreparationPolicy, type Duration, type Environment } from '../environment/schema.ts';
import type { DurationName } from '../environment/durations.ts';
import type { CauseParams, ModeId } from './failure-modes.ts';

/** What the device-preparation rules need from the world around them. */
export interface Kit {
  env: Environment;
  took(name: DurationName): number;
  chance(p: number): boolean;
  /** Minutes to download and install an app (the site's bandwidth included). */
  appMinutes(app: App): number;
  sample(d: Duration): number;
  ev: EventMaker;
  /** A failure mode's answer (src/world/failure-modes.ts). */
  fail(id: ModeId, minutes: number, params?: CauseParams): DevicePreparationAnswer;
}

/** The world's interned event maker (src/world/index.ts), with its typed overloads. */
export interface EventMaker {
  (type: PlainEventType | ProfileEventType): DeploymentEvent;
  (type: FailureEventType, extra: { code: ErrorId }): DeploymentEvent;
  (type: ProfileEventType, extra: { mode?: ProfileMode; joinType?: 'entra' | 'hybrid' }): DeploymentEvent;
  (type: ReasonEventType, extra: { reason: string }): DeploymentEvent;
}

export interface DevicePreparationAnswer {
  event: DeploymentEvent;
  minutes: number;
  detail?: string;
  cause?: string;
  finding?: FindingId;
  /** What the answer moves on once the engine delivers it: an install step's cursor, or classic Autopilot taking the device. */
  advancesStep?: Step | 'classic';
}

type Step = 'lob' | 'win32' | 'scripts';

/** The policy that applies: for a user, the lowest priority number among those targeting one of the user's groups; for a Cloud PC, the one its provisioning policy names (priority does not apply). */
export function applicablePolicy(env: Environment): DevicePreparationPolicy | null {
  const dp = env.devicePreparation;
  if (dp.mode === 'automatic') return dp.policies[0] ?? null;
  let best: DevicePreparationPolicy | null = null;
  for (const p of dp.policies) if (p.targetsUser && (!best || p.priority < best.priority)) best = p;
  return best;
}

/** The machine's input for device preparation: fixed before the run by the policy that applies. */
export function devicePreparationInput(env: Environment) {
  const policy = applicablePolicy(env);
  return {
    automatic: env.devicePreparation.mode === 'automatic',
    timeoutMinutes: policy?.timeoutMinutes ?? 60,
    allowSkip: policy?.allowSkip ?? false,
    continueAutomatically: policy?.continueAutomatically ?? false,
    denyAccessOnFailure: env.devicePreparation.cloudPcAccessDeniedOnFailure,
  };
}

/** Windows 11 24H2 or later, or 22H2/23H2 with KB5035942 (March 2024) (§7 requirements): the failure mode when it does not qualify, null when it does. */
export function osRequirementProblem(env: Environment): 'apdp-windows-10' | 'apdp-os-without-update' | 'apdp-os-too-old' | null {
  const short = devicePreparationOsShortfall(env.os);
  return short === null ? null : short === 'windows-10' ? 'apdp-windows-10' : short === 'without-update' ? 'apdp-os-without-update' : 'apdp-os-too-old';
}

/** A registered, unassociated device with no classic profile, which under the newest reading does not run device preparation (readings.registeredDeviceRunsDevicePreparation). */
export function registeredWithoutDevicePreparation(env: Environment): boolean {
  const r = env.registration;
  return r.registered && !env.devicePreparation.associated && !env.hardware.motherboardReplaced && !classicProfileApplies(env) && !env.readings.registeredDeviceRunsDevicePreparation;
}

/** The device-group misconfiguration that stops enrollment-time grouping (§7, §8 W57): its failure mode, or null. */
export function deviceGroupProblem(env: Environment): 'apdp-group-deleted' | 'apdp-group-owner' | 'apdp-group-dynamic' | 'apdp-group-role-assignable' | null {
  const g = env.devicePreparation.deviceGroup;
  if (g.deleted) return 'apdp-group-deleted';
  if (!g.provisioningClientOwner) return 'apdp-group-owner';
  if (g.membership === 'dynamic') return 'apdp-group-dynamic';
  if (g.roleAssignable) return 'apdp-group-role-assignable';
  return null;
}

/** §7 known issue: Entra's local-administrator setting Selected or None while the policy says Standard skips provisioning. */
export function localAdminConflict(env: Environment, policy: DevicePreparationPolicy | null): boolean {
  return env.devicePreparation.entraLocalAdmin !== 'all' && policy?.accountType === 'standard';
}

/**
 * What the local-administrator step leaves the user as (§7 step 5, the known issue's consistent combinations): the join
 * adds the user to local Administrators only as Entra's setting says (All, or Selected when the user is selected), and
 * Administrator in the policy keeps what the join gave, so Entra None with Administrator leaves a standard user.
 */
export function accountTypeResult(env: Environment, policy: DevicePreparationPolicy | null): string {
  if (policy?.accountType !== 'administrator') return 'the user is removed from local Administrators (Standard)';
  switch (env.devicePreparation.entraLocalAdmin) {
    case 'all':
      return 'the user stays a local administrator';
    case 'selected':
      return "the user stays a local administrator if Entra's local administrator setting selects them, and is a standard user otherwise";
    case 'none':
      return "the join did not make the user a local administrator (Entra's local administrator setting is None): the user is a standard user";
  }
}

const LOB_TYPES = new Set<App['type']>(['msi-lob', 'm365']);

/** What an install step of the policy says when the policy gives it nothing (§7 steps 7-9, by the app's type). */
const EMPTY_STEP: Record<Step, string> = {
  lob: 'nothing to install: the policy has no line-of-business or Microsoft 365 Apps-type app',
  scripts: 'nothing to run: the policy has no script',
  win32: 'nothing to install: the policy has no Win32, Store or Enterprise App Catalog app',
};

/** What the policy installs during the deployment, in its order: LOB and Microsoft 365 apps, scripts, then Win32 and Store apps (§7 steps 7-9). */
export function policyInstallLists(env: Environment, policy: DevicePreparationPolicy | null = applicablePolicy(env)): { lob: App[]; scripts: DevicePreparationPolicy['scripts']; win32: App[] } {
  const names = policy?.apps;
  const selected = env.apps.filter((a) => a.target === 'device' && a.context === 'device' && (names === null || names === undefined || names.includes(a.name)));
  return { lob: selected.filter((a) => LOB_TYPES.has(a.type)), scripts: policy?.scripts ?? [], win32: selected.filter((a) => !LOB_TYPES.has(a.type)) };
}

export class DevicePreparationWorld {
  readonly policy: DevicePreparationPolicy | null;
  /** Classic Autopilot took the device at OOBE (the device-preparation rules then stay silent). */
  classic = false;
  private readonly cursors: Record<Step, number> = { lob: 0, win32: 0, scripts: 0 };
  private readonly lists: { lob: App[]; win32: App[] };
  private errorVisits = 0;

  constructor(private readonly kit: Kit) {
    const env = kit.env;
    this.policy = applicablePolicy(env);
    const lists = policyInstallLists(env, this.policy);
    this.lists = { lob: lists.lob, win32: lists.win32 };
  }

  private ok(type: PlainEventType, duration: DurationName, extra?: Partial<DevicePreparationAnswer>): DevicePreparationAnswer {
    return { event: this.kit.ev(type), minutes: this.kit.took(duration), ...extra };
  }

  /** profile.download on a device-preparation deployment: classic Autopilot takes a registered device with a profile, unless it is associated. */
  profile(minutes: number): DevicePreparationAnswer {
    const env = this.kit.env;
    // `classic` is set when this answer is delivered (advancesStep), not here: a trainer's fault that takes its place (the
    // device not registered) sends the device on to device preparation's own sign-in.
    if (classicProfileApplies(env)) {
      return {
        advancesStep: 'classic',
        event: this.kit.ev('profile.downloaded', { mode: 'user-driven', joinType: env.profile.joinType }),
        minutes,
        detail: 'the device is registered and has an Autopilot profile: classic Autopilot takes it and the device preparation policy never starts',
      };
    }
    const r = env.registration;
    if (r.registered && env.devicePreparation.associated) return this.kit.fail('apdp-associated-wins', minutes);
    if (!r.registered) return this.kit.fail('apdp-not-registered', minutes);
    if (env.hardware.motherboardReplaced) return this.kit.fail('apdp-hash-mismatch', minutes);
    return this.kit.fail('apdp-no-profile', minutes);
  }

  /** Enrollment: personal enrollment blocked needs a corporate identifier or a device association (§7 requirements); without either Intune sees a personal device. */
  personalDevice(): boolean {
    const env = this.kit.env;
    if (this.classic || !env.identity.personalEnrollmentBlocked) return false;
    return !(env.devicePreparation.corporateIdentifier || env.devicePreparation.associated);
  }

  private installNext(step: 'lob' | 'win32'): DevicePreparationAnswer {
    const app = this.lists[step][this.cursors[step]];
    // An empty step still shows on the device (§7 steps 7 and 9): say that the policy gave it nothing, not just that it is done.
    if (!app) return { event: this.kit.ev('apdp.appsDone'), minutes: 0, ...(this.cursors[step] === 0 ? { detail: EMPTY_STEP[step] } : {}) };
    const minutes = this.kit.appMinutes(app);
    if (app.rebootInsidePackage) return { ...this.kit.fail('app-restarts', minutes, { app: app.name }), detail: app.name };
    // §5.3: with the Microsoft Store unreachable there are no Store apps, and a failed app fails the deployment (§7 step 9).
    if (app.type === 'store' && this.kit.env.network.blockedEndpoints.includes('store')) return { ...this.kit.fail('apdp-store-unreachable', minutes / 2, { app: app.name }), detail: app.name };
    if (this.kit.chance(app.failureProbability)) return { ...this.kit.fail('apdp-app-failed', minutes, { app: app.name }), detail: app.name };
    return { event: this.kit.ev('app.installed'), minutes, detail: app.name, advancesStep: step };
  }

  private runScript(): DevicePreparationAnswer {
    const script = this.policy?.scripts[this.cursors.scripts];
    if (!script) return { event: this.kit.ev('apdp.scriptsDone'), minutes: 0, ...(this.cursors.scripts === 0 ? { detail: EMPTY_STEP.scripts } : {}) };
    const minutes = this.kit.sample(script.runMinutes);
    if (this.kit.chance(script.failureProbability)) return { ...this.kit.fail('apdp-script-failed', minutes, { script: script.name }), detail: script.name };
    return { event: this.kit.ev('script.succeeded'), minutes, detail: script.name, advancesStep: 'scripts' };
  }

  delivered(step: Step | 'classic'): void {
    if (step === 'classic') this.classic = true;
    else this.cursors[step]++;
  }

  private errorPage(): DevicePreparationAnswer {
    this.errorVisits++;
    const people = this.kit.env.people;
    const minutes = this.kit.took('errorPageDecision');
    const allowSkip = this.policy?.allowSkip ?? false;
    // Continue anyway appears only after a Retry: someone who wants it retries first.
    if (people.onError === 'continue' && allowSkip) return { event: this.kit.ev(this.errorVisits >= 2 ? 'user.continueAnyway' : 'user.retry'), minutes };
    if (people.onError === 'retry' && this.errorVisits <= people.maxRetries) return { event: this.kit.ev('user.retry'), minutes };
    return { event: this.kit.ev('user.gaveUp'), minutes };
  }

  /** The answer for a wait only the device-preparation machine has, or undefined. */
  answer(wait: string): DevicePreparationAnswer | undefined {
    const env = this.kit.env;
    switch (wait) {
      case 'apdp.policy': {
        const minutes = this.kit.took('devicePreparationPolicy');
        // §7 coexistence (newest reading, §10): registration wins even without a profile; device preparation needs the
        // device deregistered or associated. A replaced motherboard's hash no longer matches, so the service does not know it.
        if (registeredWithoutDevicePreparation(env)) return this.kit.fail('apdp-registered', minutes);
        const os = osRequirementProblem(env);
        if (os) return this.kit.fail(os, minutes, { version: env.os.version });
        // §7: the policy targets a user group of the tenant it lives in; a user of another tenant joins their own, where it is not.
        const tenant = env.identity.signInTenant;
        if (tenant !== null && tenant !== env.registration.tenant) return this.kit.fail('apdp-other-tenant', minutes, { tenant, policyTenant: env.registration.tenant });
        if (!this.policy) return this.kit.fail('apdp-no-policy', minutes);
        const others = env.devicePreparation.policies.filter((p) => p !== this.policy && p.targetsUser).length;
        return { event: this.kit.ev('apdp.policyDelivered'), minutes, detail: `"${this.policy.name}"${others ? ` (priority ${this.policy.priority}, over ${others} other polic${others > 1 ? 'ies' : 'y'})` : ''}` };
      }
      case 'apdp.deviceGroup': {
        const problem = deviceGroupProblem(env);
        if (problem) return this.kit.fail(problem, this.kit.took('enrollmentTimeGrouping'));
        return this.ok('apdp.deviceGrouped', 'enrollmentTimeGrouping');
      }
      case 'apdp.ime': {
        // §5.8: a VM needs 2 vCPU and 4 GB; below that, classic Autopilot fails preparing the device for mobile management,
        // the IME's step (§8 W7). Device preparation has no such row to fail: the IME does not finish and the policy's one
        // timer runs out [INF]. A physical device's user-driven mode only: Windows 365 sizes its Cloud PCs itself.
        const hw = env.hardware;
        if (env.devicePreparation.mode === 'user-driven' && hw.kind === 'vm' && (hw.vCpus < 2 || hw.memoryGb < 4)) {
          return this.kit.fail('apdp-vm-too-small', this.kit.took('imeInstall'), { vCpus: hw.vCpus, memoryGb: hw.memoryGb });
        }
        return this.ok('apdp.imeInstalled', 'imeInstall');
      }
      case 'apdp.localAdmin':
        if (localAdminConflict(env, this.policy)) {
          return this.kit.fail('apdp-local-admin-conflict', this.kit.took('localAdminStep'), { who: env.devicePreparation.entraLocalAdmin === 'none' ? 'no one' : 'selected users only' });
        }
        return this.ok('apdp.accountTypeApplied', 'localAdminStep', { detail: accountTypeResult(env, this.policy) });
      case 'apdp.mdmSync':
        if (env.coManagement.enabled) return this.kit.fail('apdp-co-management', this.kit.took('devicePreparationSync'));
        return this.ok('apdp.synced', 'devicePreparationSync', { detail: 'all MDM policies sync, none is tracked' });
      case 'apdp.lobApps':
        return this.installNext('lob');
      case 'apdp.scripts':
        return this.runScript();
      case 'apdp.win32Apps':
        return this.installNext('win32');
      case 'apdp.finish':
        return this.kit.chance(env.devicePreparation.stuckAt100Share) ? this.kit.fail('apdp-stuck-at-100', 0.1) : this.ok('apdp.setupComplete', 'requiredSetupShown');
      case 'user.manualRestart':
        return this.ok('user.restartedByHand', 'errorPageDecision');
      case 'user.requiredSetupContinue':
        return this.ok('user.continue', 'requiredSetupShown');
      case 'user.apdpError':
        return this.errorPage();
      case 'apdp.postDesktopSync': {
        const later = env.apps.filter((a) => a.target === 'user' || !(this.lists.lob.includes(a) || this.lists.win32.includes(a))).length;
        return this.ok('apdp.userConfigurationDelivered', 'postDesktopSync', { detail: `user-targeted configuration${later ? ` and ${later} app${later > 1 ? 's' : ''} not in the policy` : ''}, without blocking the desktop` });
      }
      case 'w365.createVm':
        return this.ok('w365.cloudPcCreated', 'cloudPcCreate');
      case 'w365.join':
        if (env.network.blockedEndpoints.includes('entra')) return this.kit.fail('entra-blocked', this.kit.took('entraJoin'));
        return this.ok('entra.joined', 'entraJoin');
      case 'w365.enroll': {
        const minutes = this.kit.took('mdmEnrollment');
        // §7: editions as for classic Autopilot; Windows Home fails MDM enrollment with 0x80180022 (§1.3, §5.1, §8 W35).
        if (env.os.edition === 'home') return this.kit.fail('home-edition', minutes);
        if (env.identity.windowsMdmBlocked) return this.kit.fail('mdm-blocked', minutes);
        if (env.network.blockedEndpoints.includes('intune')) return this.kit.fail('intune-blocked', minutes);
        return this.policy ? { event: this.kit.ev('mdm.enrolled'), minutes, detail: `policy "${this.policy.name}"` } : { event: this.kit.ev('mdm.enrolled'), minutes };
      }
      case 'w365.statusProvisioned':
        return { event: this.kit.ev('w365.statusShown'), minutes: 0.1, detail: CLOUD_PC_STATUS['w365.statusProvisioned'] };
      case 'w365.statusWithWarnings':
        return { event: this.kit.ev('w365.statusShown'), minutes: 0.1, detail: CLOUD_PC_STATUS['w365.statusWithWarnings'] };
      case 'w365.statusFailed':
        return { event: this.kit.ev('w365.statusShown'), minutes: 0.1, detail: CLOUD_PC_STATUS['w365.statusFailed'] };
      default:
        return undefined;
    }
  }
}

/** What the Windows 365 portal shows for the Cloud PC in each end state, by what the state waits on. */
export const CLOUD_PC_STATUS: Record<string, string> = {
  'w365.statusProvisioned': 'Provisioned',
  'w365.statusWithWarnings': 'Provisioned with warnings',
  'w365.statusFailed': 'Failed',
};

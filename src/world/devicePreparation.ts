// How the environment answers a device-preparation deployment (domain/autopilot.md §7):
// which of classic Autopilot and device preparation takes the device (the coexistence
// rules), which policy applies, enrollment-time grouping, the local-administrator
// conflict, the three install steps, the error page, and Windows 365 automatic mode.
// The world (src/world/index.ts) delegates the waits of the device-preparation machine here.
import type { DeploymentEvent, FailureEventType, PlainEventType, ProfileEventType, ProfileMode, ReasonEventType } from '../../machines/events.ts';
import type { ErrorId } from '../catalog/errors.ts';
import type { FindingId } from '../catalog/findings.ts';
import type { App, DevicePreparationPolicy, Duration, Environment } from '../environment/schema.ts';
import type { DurationName } from './durations.ts';

/** What the device-preparation rules need from the world around them. */
export interface Kit {
  env: Environment;
  took(name: DurationName): number;
  chance(p: number): boolean;
  /** Minutes to download and install an app (the site's bandwidth included). */
  appMinutes(app: App): number;
  sample(d: Duration): number;
  ev: EventMaker;
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
  /** An install-step answer that moves the step's cursor once the engine delivers it. */
  advancesStep?: Step;
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

/** Windows 11 24H2 or later, or 22H2/23H2 with KB5035942 (March 2024) (§7 requirements). Null when it qualifies. */
export function osRequirementProblem(env: Environment): string | null {
  if (env.os.windows !== 11) return 'Windows 10 does not support device preparation (it needs Windows 11)';
  const m = /^(\d{2})H([12])$/i.exec(env.os.version.trim());
  if (!m) return null; // an unrecognised version string is taken as current
  const v = Number(m[1]) * 10 + Number(m[2]);
  if (v >= 242) return null;
  if ((v === 222 || v === 232) && env.os.march2024Update) return null;
  if (v === 222 || v === 232) return `Windows 11 ${env.os.version} without KB5035942 (the March 2024 update) does not run device preparation`;
  return `Windows 11 ${env.os.version} is older than 22H2: device preparation needs 24H2, or 22H2/23H2 with KB5035942`;
}

/** The device-group misconfiguration that stops enrollment-time grouping (§7, §8 W57), or null. */
export function deviceGroupProblem(env: Environment): string | null {
  const g = env.devicePreparation.deviceGroup;
  if (g.deleted) return 'the policy\'s device group was deleted';
  if (!g.provisioningClientOwner) return 'the Intune Provisioning Client (f1346770-5b25-470b-88bd-d5744ab7952c) is not an owner of the device group: the policy shows 0 groups assigned';
  if (g.membership === 'dynamic') return 'the device group is dynamic: enrollment time grouping needs an assigned (static) security group';
  if (g.roleAssignable) return 'the device group is role-assignable, which device preparation does not allow';
  return null;
}

/** §7 known issue: Entra's local-administrator setting Selected or None while the policy says Standard skips provisioning. */
export function localAdminConflict(env: Environment, policy: DevicePreparationPolicy | null): boolean {
  return env.devicePreparation.entraLocalAdmin !== 'all' && policy?.accountType === 'standard';
}

/** Whether a registered device with a classic profile is taken by classic Autopilot (§1.2, §7 coexistence). */
export function classicProfileApplies(env: Environment): boolean {
  const r = env.registration;
  return r.registered && !env.hardware.motherboardReplaced && (r.profileStatus === 'assigned' || r.defaultProfile) && !env.devicePreparation.associated;
}

const LOB_TYPES = new Set<App['type']>(['msi-lob', 'm365']);

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
  profile(unavailable: (reason: string) => DevicePreparationAnswer, minutes: number): DevicePreparationAnswer {
    const env = this.kit.env;
    if (classicProfileApplies(env)) {
      this.classic = true;
      return {
        event: this.kit.ev('profile.downloaded', { mode: 'user-driven', joinType: env.profile.joinType }),
        minutes,
        detail: 'the device is registered and has an Autopilot profile: classic Autopilot takes it and the device preparation policy never starts',
      };
    }
    const r = env.registration;
    if (r.registered && env.devicePreparation.associated) return unavailable('the device is associated with device preparation, which wins over its Autopilot registration (2026): no profile is applied');
    if (!r.registered) return unavailable('event 807 ZtdDeviceIsNotRegistered: no Autopilot registration, so OOBE goes on without a profile');
    if (env.hardware.motherboardReplaced) return unavailable('event 908 SerialNumberMismatch: the hardware hash no longer matches, so no profile applies');
    return unavailable('event 815 ZtdDeviceHasNoAssignedProfile: registered, but no profile is assigned');
  }

  /** Enrollment: personal enrollment blocked needs a corporate identifier or a device association (§7 requirements). */
  enrollmentProblem(): { code: ErrorId; cause: string } | null {
    const env = this.kit.env;
    if (this.classic || !env.identity.personalEnrollmentBlocked) return null;
    if (env.devicePreparation.corporateIdentifier || env.devicePreparation.associated) return null;
    return { code: '0x80180014', cause: 'personal enrollment is blocked and the device has neither a corporate identifier nor a device association: Intune sees a personal device' };
  }

  private installNext(step: 'lob' | 'win32'): DevicePreparationAnswer {
    const app = this.lists[step][this.cursors[step]];
    if (!app) return { event: this.kit.ev('apdp.appsDone'), minutes: 0 };
    const minutes = this.kit.appMinutes(app);
    if (app.rebootInsidePackage) return { event: this.kit.ev('app.hung', { code: 'APP_REBOOT_HANG' }), minutes, detail: app.name, cause: `${app.name} restarts the device from inside its installer` };
    if (this.kit.chance(app.failureProbability)) return { event: this.kit.ev('app.failed', { code: 'APDP_APP_FAILED' }), minutes, detail: app.name, cause: `${app.name} failed to install` };
    return { event: this.kit.ev('app.installed'), minutes, detail: app.name, advancesStep: step };
  }

  private runScript(): DevicePreparationAnswer {
    const script = this.policy?.scripts[this.cursors.scripts];
    if (!script) return { event: this.kit.ev('apdp.scriptsDone'), minutes: 0 };
    const minutes = this.kit.sample(script.runMinutes);
    if (this.kit.chance(script.failureProbability)) return { event: this.kit.ev('script.failed', { code: 'APDP_SCRIPT_FAILED' }), minutes, detail: script.name, cause: `the script ${script.name} failed` };
    return { event: this.kit.ev('script.succeeded'), minutes, detail: script.name, advancesStep: 'scripts' };
  }

  delivered(step: Step): void {
    this.cursors[step]++;
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
        const noPolicy = (reason: string): DevicePreparationAnswer => ({ event: this.kit.ev('apdp.noPolicy', { reason }), minutes, cause: reason });
        const os = osRequirementProblem(env);
        if (os) return noPolicy(`${os}: the device joins Entra without provisioning`);
        if (!this.policy) return noPolicy('no device preparation policy targets a group the user is in: the device joins Entra without provisioning');
        const others = env.devicePreparation.policies.filter((p) => p !== this.policy && p.targetsUser).length;
        return { event: this.kit.ev('apdp.policyDelivered'), minutes, detail: `"${this.policy.name}"${others ? ` (priority ${this.policy.priority}, over ${others} other polic${others > 1 ? 'ies' : 'y'})` : ''}` };
      }
      case 'apdp.deviceGroup': {
        const problem = deviceGroupProblem(env);
        if (problem) return { event: this.kit.ev('apdp.groupingFailed'), minutes: this.kit.took('enrollmentTimeGrouping'), cause: `${problem}; the device is not added and the policy's apps and scripts are skipped`, finding: 'APDP_DEVICE_GROUP_SKIPPED' };
        return this.ok('apdp.deviceGrouped', 'enrollmentTimeGrouping');
      }
      case 'apdp.ime':
        return this.ok('apdp.imeInstalled', 'imeInstall');
      case 'apdp.localAdmin':
        if (localAdminConflict(env, this.policy)) {
          return {
            event: this.kit.ev('apdp.provisioningSkipped'),
            minutes: this.kit.took('localAdminStep'),
            cause: `Entra adds the registering user as local administrator for ${env.devicePreparation.entraLocalAdmin === 'none' ? 'no one' : 'selected users only'} while the policy says Standard: provisioning is skipped`,
            finding: 'APDP_LOCAL_ADMIN_CONFLICT',
          };
        }
        return this.ok('apdp.accountTypeApplied', 'localAdminStep', { detail: this.policy?.accountType === 'administrator' ? 'the user stays a local administrator' : 'the user is removed from local Administrators (Standard)' });
      case 'apdp.mdmSync':
        return this.ok('apdp.synced', 'devicePreparationSync', { detail: 'all MDM policies sync, none is tracked' });
      case 'apdp.lobApps':
        return this.installNext('lob');
      case 'apdp.scripts':
        return this.runScript();
      case 'apdp.win32Apps':
        return this.installNext('win32');
      case 'apdp.finish':
        return this.kit.chance(env.devicePreparation.stuckAt100Share) ? { event: this.kit.ev('apdp.stuckAt100'), minutes: 0.1, cause: 'known issue: the screen stays at 100 %' } : this.ok('apdp.setupComplete', 'requiredSetupShown');
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
        if (env.network.blockedEndpoints.includes('entra')) return { event: this.kit.ev('entra.joinFailed', { code: 'SOMETHING_WENT_WRONG' }), minutes: this.kit.took('entraJoin'), cause: 'the Entra endpoints are blocked' };
        return this.ok('entra.joined', 'entraJoin');
      case 'w365.enroll': {
        const minutes = this.kit.took('mdmEnrollment');
        if (env.identity.windowsMdmBlocked) return { event: this.kit.ev('mdm.enrollmentFailed', { code: '0x80180014' }), minutes, cause: 'Windows (MDM) is blocked by an enrollment restriction' };
        if (env.network.blockedEndpoints.includes('intune')) return { event: this.kit.ev('mdm.enrollmentFailed', { code: '80180018' }), minutes, cause: 'the Intune endpoints are blocked' };
        return this.policy ? { event: this.kit.ev('mdm.enrolled'), minutes, detail: `policy "${this.policy.name}"` } : { event: this.kit.ev('mdm.enrolled'), minutes };
      }
      case 'w365.statusProvisioned':
        return { event: this.kit.ev('w365.statusShown'), minutes: 0.1, detail: CLOUD_PC_STATUS.provisioned };
      case 'w365.statusWithWarnings':
        return { event: this.kit.ev('w365.statusShown'), minutes: 0.1, detail: CLOUD_PC_STATUS.provisionedWithWarnings };
      case 'w365.statusFailed':
        return { event: this.kit.ev('w365.statusShown'), minutes: 0.1, detail: CLOUD_PC_STATUS.failedStatus };
      default:
        return undefined;
    }
  }
}

/** What the Windows 365 portal shows for the Cloud PC in each end state. */
export const CLOUD_PC_STATUS: Record<string, string> = {
  provisioned: 'Provisioned',
  provisionedWithWarnings: 'Provisioned with warnings',
  failedStatus: 'Failed',
};

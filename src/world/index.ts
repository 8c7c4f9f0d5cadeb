// The world: for each thing a machine waits on, the answer the environment gives.
// Rules where domain/autopilot.md is definite (a VM cannot attest: 0x800705B4), seeded
// samples where it gives ranges or says "random" (src/world/durations.ts). Pure: no
// clock, no I/O; the engine asks, schedules the answer and tells the world it landed.
import type { DeploymentEvent, EventType, ProfileMode } from '../../machines/events.ts';
import type { DeploymentInput } from '../../machines/setup.ts';
import type { App, Environment } from '../environment/schema.ts';
import { profileMode } from '../environment/schema.ts';
import { sampleMinutes } from './distributions.ts';
import { CHANCES, DURATIONS, type DurationName } from './durations.ts';
import type { Random } from './random.ts';

export interface WaitContext {
  /** The wait key from the state's meta. */
  wait: string;
  /** The key of the active leaf state, e.g. 'applyOs'. */
  state: string;
  tags: ReadonlySet<string>;
}

export interface Answer {
  event: DeploymentEvent;
  minutes: number;
  /** What the answer is about (an app's name), for the trace. */
  detail?: string;
  /** The condition that caused a failure, for the trace and the failure Pareto. */
  cause?: string;
  /** Called by the engine when the answer is delivered (not when a timer overtook it). */
  commit?: () => void;
}

export interface World {
  answer(ctx: WaitContext): Answer | null;
}

/** The facts fixed before the run that shape the flow: the machine's input. */
export function inputFor(env: Environment): DeploymentInput {
  const joinType = env.scenario === 'reset' ? env.reset.currentJoin : env.profile.joinType;
  return {
    joinType,
    esp: {
      enabled: env.esp.enabled,
      timeoutMinutes: env.esp.timeoutMinutes,
      allowReset: env.esp.allowReset,
      allowContinueAnyway: env.esp.allowContinueAnyway,
      blockDeviceUse: env.esp.blockDeviceUse,
      installQualityUpdates: env.esp.installQualityUpdates,
      skipUserStatusPage: env.esp.skipUserStatusPage,
    },
    windows11: env.os.windows === 11,
    metered: env.network.metered,
    skipAdConnectivityCheck: env.profile.skipAdConnectivityCheck,
    allowPreProvisioning: env.profile.allowPreProvisioning,
    kioskAutologon: env.profile.kioskAutologon,
    resetKind: env.reset.kind,
    technicianFlowNeedsDc: env.readings.technicianFlowNeedsDc,
    speedUpTaskSequence: env.existingDevices.speedUp,
    taskSequenceEndsWithShutdown: env.existingDevices.finishWith === 'shutdown',
  };
}

const ev = (type: EventType, extra: Omit<DeploymentEvent, 'type'> = {}): DeploymentEvent => ({ type, ...extra });
const MIN_CONNECTOR = [6, 2501, 2000, 5];
const SIX_MONTHS_HOURS = 183 * 24;
const CLOCK_SKEW_LIMIT_MINUTES = 5; // "several minutes or more" (§3.3): the threshold is an estimate

type Phase = 'technician' | 'device' | 'userFlow' | 'account';

interface PhaseApps {
  list: App[];
  blocking: (app: App) => boolean;
  cursor: number;
  clashChecked: boolean;
}

export function createWorld(env: Environment, random: Random): World {
  const took = (name: DurationName): number => sampleMinutes(env.durations[name] ?? DURATIONS[name].duration, random);
  const chance = (p: number) => p > 0 && random.next() < p;
  // Where the device is: the user flow of a pre-provisioned device may run on another network (§2.4).
  let inUserFlow = false;
  const net = (): Environment['network'] => (inUserFlow ? { ...env.network, ...env.userFlowNetwork } : env.network);
  const blocked = (group: Environment['network']['blockedEndpoints'][number]) => net().blockedEndpoints.includes(group);
  const hybrid = () => resolvedJoin === 'hybrid';
  const mode = profileMode(env);

  // What the run has seen so far.
  let resolvedJoin = env.scenario === 'reset' ? env.reset.currentJoin : env.profile.joinType;
  let resolvedMode: ProfileMode = env.scenario === 'pre-provisioned' ? 'pre-provisioned' : mode;
  let viaJson = false;
  const criticalUpdatesDone = new Set<string>();
  let errorPageVisits = 0;
  const deferredToUserFlow: App[] = [];
  const phases = new Map<Phase, PhaseApps>();

  const ok = (type: EventType, duration: DurationName, extra: Partial<Answer> = {}): Answer => ({ event: ev(type), minutes: took(duration), ...extra });
  const fail = (type: EventType, code: string, cause: string, minutes = 0.2): Answer => ({ event: ev(type, { code }), minutes, cause });

  function selectedBlocks(app: App): boolean {
    return env.esp.blockingApps === 'all' || env.esp.selectedApps.includes(app.name);
  }

  function appsFor(phase: Phase): PhaseApps {
    let p = phases.get(phase);
    if (p) return p;
    const deviceApps = env.apps.filter((a) => a.target === 'device' && !(hybrid() && a.context === 'user'));
    let list: App[];
    let blocking = selectedBlocks;
    if (phase === 'technician') {
      // §2.3 / §3.2: "Only fail selected blocking apps in technician phase" (2026 wording by default, §10 #2).
      const attemptAll = env.esp.blockingApps === 'all' || env.esp.onlyFailSelectedBlockingAppsInTechnicianPhase || env.readings.onlyFailSelectedWording === '2022';
      list = attemptAll ? deviceApps : deviceApps.filter(selectedBlocks);
      if (!attemptAll) deferredToUserFlow.push(...deviceApps.filter((a) => !selectedBlocks(a)));
      if (env.readings.onlyFailSelectedWording === '2022' && env.esp.onlyFailSelectedBlockingAppsInTechnicianPhase) blocking = () => true;
    } else if (phase === 'userFlow') {
      list = [...deferredToUserFlow];
      if (env.people.hoursBetweenFlows > SIX_MONTHS_HOURS) {
        // IME certificates expired: Win32 detection fails (§2.4).
        list = [...list, ...deviceApps.filter((a) => a.type === 'win32' && !list.includes(a))];
      }
    } else if (phase === 'device') {
      // User-driven and self-deploying: non-blocking apps install after the ESP (§3.2).
      list = deviceApps.filter(selectedBlocks);
    } else {
      list = env.apps.filter((a) => a.target === 'user').filter(selectedBlocks);
    }
    p = { list, blocking, cursor: 0, clashChecked: false };
    phases.set(phase, p);
    return p;
  }

  function nextApp(phase: Phase): Answer {
    const p = appsFor(phase);
    const app = p.list[p.cursor];
    if (!app) return { event: ev('esp.allAppsDone'), minutes: 0 };
    const advance = () => {
      p.cursor++;
    };
    const minutes = sampleMinutes(app.installMinutes, random);
    if (phase === 'userFlow' && app.type === 'win32' && env.people.hoursBetweenFlows > SIX_MONTHS_HOURS) {
      return { event: ev('app.failed', { code: 'IME_DETECTION_NOT_COMPUTED' }), minutes, detail: app.name, cause: 'user flow more than 6 months after the technician flow: IME certificates expired' };
    }
    const earlier = p.list.slice(0, p.cursor);
    if (!p.clashChecked && ((app.type === 'msi-lob' && earlier.some((a) => a.type === 'win32')) || (app.type === 'win32' && earlier.some((a) => a.type === 'msi-lob')))) {
      p.clashChecked = true;
      if (chance(CHANCES.win32MsiClash)) {
        return { event: ev('app.failed', { code: 'ANOTHER_INSTALLATION_IN_PROGRESS' }), minutes: minutes / 2, detail: app.name, cause: 'Win32 and MSI line-of-business apps in the same ESP phase (TrustedInstaller clash)' };
      }
    }
    if (app.rebootInsidePackage) {
      return { event: ev('app.hung', { code: 'APP_REBOOT_HANG' }), minutes, detail: app.name, cause: `${app.name} restarts the device from inside its installer` };
    }
    if (app.type === 'm365' && p.list.some((a) => a.type === 'win32') && chance(CHANCES.m365HangBesideWin32)) {
      return { event: ev('app.hung', { code: 'ESP_TIMEOUT' }), minutes, detail: app.name, cause: 'Microsoft 365 Apps app type started beside a tracked Win32 app' };
    }
    if (chance(app.failureProbability)) {
      if (p.blocking(app)) return { event: ev('app.failed', { code: 'ESP_APP_FAILED' }), minutes, detail: app.name, cause: `${app.name} failed to install` };
      return {
        event: ev('app.failedNonBlocking'),
        minutes,
        detail: app.name,
        cause: `${app.name} failed (not blocking)`,
        commit: () => {
          advance();
          if (phase === 'technician') deferredToUserFlow.push(app);
        },
      };
    }
    if (app.requiresReboot && phase !== 'account') return { event: ev('app.installedRestartRequired'), minutes, detail: app.name, commit: advance };
    return { event: ev('app.installed'), minutes, detail: app.name, commit: advance };
  }

  function devicePhase(tags: ReadonlySet<string>): Phase {
    if (tags.has('flow:technician')) return 'technician';
    if (resolvedMode === 'pre-provisioned' && tags.has('flow:user')) return 'userFlow';
    return 'device';
  }

  function onErrorPage(who: 'user' | 'technician'): Answer {
    errorPageVisits++;
    const choice = env.people.onError;
    const minutes = took('errorPageDecision');
    if (choice === 'retry' && errorPageVisits <= env.people.maxRetries) return { event: ev(who === 'user' ? 'user.retry' : 'technician.retry'), minutes };
    if (choice === 'reset' && (who === 'technician' || env.esp.allowReset)) return { event: ev(who === 'user' ? 'user.resetDevice' : 'technician.reset'), minutes };
    if (choice === 'continue' && who === 'user' && env.esp.allowContinueAnyway) return { event: ev('user.continueAnyway'), minutes };
    return { event: ev(who === 'user' ? 'user.gaveUp' : 'technician.gaveUp'), minutes };
  }

  function profileAnswer(tags: ReadonlySet<string>): Answer {
    const minutes = took('profileDownload');
    const unavailable = (reason: string): Answer => ({ event: ev('profile.unavailable', { reason }), minutes, cause: reason });
    if (blocked('autopilot')) return unavailable('the Autopilot deployment service is blocked: IsAutopilotDisabled=1');
    if (tags.has('flow:user')) return { event: ev('profile.downloaded'), minutes, detail: 'event 163: already provisioned' };
    const cloudProfile =
      env.registration.registered && !env.hardware.motherboardReplaced && (env.registration.profileStatus === 'assigned' || env.registration.defaultProfile);
    if (env.scenario === 'existing-devices') {
      if (cloudProfile) {
        // The cloud profile wins over the JSON (§1.2).
        const intended = env.existingDevices.jsonProfile.deploymentMode;
        resolvedMode = mode === 'self-deploying' ? 'self-deploying' : intended === 'pre-provisioned' && env.profile.allowPreProvisioning ? 'pre-provisioned' : 'user-driven';
        resolvedJoin = resolvedMode === 'self-deploying' ? 'entra' : env.profile.joinType;
        return { event: ev('profile.downloaded', { mode: resolvedMode, joinType: resolvedJoin }), minutes, detail: 'the assigned cloud profile wins over the JSON' };
      }
      const x = env.existingDevices;
      if (x.jsonFileName !== 'AutopilotConfigurationFile.json') return unavailable(`the JSON is named ${x.jsonFileName}, not AutopilotConfigurationFile.json, so OOBE ignores it`);
      if (x.jsonEncoding !== 'ascii') return unavailable(`the JSON is saved as ${x.jsonEncoding}, not ASCII/ANSI, so OOBE ignores it`);
      if (x.prepareWindowsForCaptureStep && !x.speedUp) return unavailable('the "Prepare Windows for Capture" step ran sysprep /generalize and deleted the JSON');
      viaJson = true;
      resolvedMode = x.jsonProfile.deploymentMode;
      resolvedJoin = resolvedMode === 'self-deploying' ? 'entra' : x.jsonProfile.joinType;
      return { event: ev('profile.jsonApplied', { mode: resolvedMode, joinType: resolvedJoin }), minutes, detail: 'AutopilotConfigurationFile.json' };
    }
    if (!env.registration.registered) return unavailable('event 807 ZtdDeviceIsNotRegistered: the device is not registered');
    if (env.hardware.motherboardReplaced) return unavailable('event 908 SerialNumberMismatch: the hardware hash no longer matches (motherboard or TPM replaced)');
    if (!cloudProfile) {
      return unavailable(
        env.registration.profileStatus === 'assigning'
          ? 'event 815 ZtdDeviceHasNoAssignedProfile: the profile is still Assigning'
          : 'event 815 ZtdDeviceHasNoAssignedProfile: no profile and no All-devices profile',
      );
    }
    return { event: ev('profile.downloaded', { mode: resolvedMode, joinType: resolvedJoin }), minutes };
  }

  function attestation(): Answer {
    const hw = env.hardware;
    const minutes = took('tpmAttestation') + (hw.firstBootTpmProvisioning ? took('firstBootTpmProvisioning') : 0);
    const failed = (code: string, cause: string) => fail('tpm.attestationFailed', code, cause, minutes);
    if (viaJson && !env.registration.registered) return failed('JSON_PROFILE_UNSUPPORTED', 'a self-deploying or pre-provisioning JSON profile on an unregistered device: attestation needs an Autopilot device object');
    if (hw.kind === 'vm') return failed('0x800705B4', 'a virtual machine cannot attest, even with a virtual TPM');
    if (hw.tpm === 'none') return failed('0x800705B4', 'no TPM');
    if (hw.tpm === '1.2') return failed('0x800705B4', 'TPM 1.2: attestation needs TPM 2.0');
    if (blocked('tpm-attestation')) return failed('0x800705B4', 'the attestation endpoint *.microsoftaik.azure.net is blocked');
    if (hw.tpmVendor !== 'discrete' && blocked('ftpm-ek')) return failed('0x800705B4', `the ${hw.tpmVendor} firmware TPM cannot download its EK certificate (vendor URL blocked)`);
    if (Math.abs(env.network.clockSkewMinutes) >= CLOCK_SKEW_LIMIT_MINUTES) return failed('CLOCK_SKEW', `the clock is ${env.network.clockSkewMinutes} minutes off`);
    switch (hw.tpmIssue) {
      case 'intermittent':
        if (chance(CHANCES.intermittentAttestation)) return failed('0x81039001', 'intermittent attestation failure');
        break;
      case 'win11-bug':
        if (env.os.windows === 11) return failed('0x81039023', 'Windows 11 attestation bug (before the May 2022 CU)');
        break;
      case 'vulnerable-firmware':
        return failed('0x81039024', 'TPM firmware with known vulnerabilities');
      case 'amd-ftpm-firmware':
        return failed('0x80070490', 'AMD ASP firmware TPM attestation bug');
      case 'infineon-slb9672':
        return failed('TPM_ATTESTATION_TIMED_OUT', 'Infineon SLB9672 firmware 15.22');
    }
    return { event: ev('tpm.attested'), minutes };
  }

  function userEnrollment(): Answer {
    const id = env.identity;
    const minutes = took('mdmEnrollment');
    const failed = (code: string, cause: string) => fail('mdm.enrollmentFailed', code, cause, minutes);
    if (env.os.edition === 'home') return failed('0x80180022', 'Windows Home is not supported');
    if (id.windowsMdmBlocked) return failed('0x80180014', 'Windows (MDM) is blocked by an enrollment restriction');
    if (env.scenario === 'existing-devices' && id.personalEnrollmentBlocked) return failed('0x80180014', 'personal enrollment is blocked, which existing devices cannot work with');
    if (id.mdmUserScope === 'none' || id.mdmUserScope === 'some-excluding-user') return failed('0x8018002b', 'the MDM user scope does not include the user');
    if (!id.upnSuffixRoutable) return failed('0x8018002b', 'the UPN suffix is unverified or non-routable');
    if (!id.userLicensed && id.unlicensedSymptom === 'terms-of-use') return failed('MDM_TERMS_OF_USE', 'the user has no Intune licence');
    if (id.legacyPcAgentInstalled) return failed('80180026', 'the legacy Intune PC agent is installed');
    if (blocked('intune')) return failed('80180018', 'the Intune endpoints are blocked');
    return { event: ev('mdm.enrolled'), minutes };
  }

  function deviceEnrollment(tags: ReadonlySet<string>): Answer {
    const minutes = took('mdmEnrollment');
    const failed = (code: string, cause: string) => fail('mdm.enrollmentFailed', code, cause, minutes);
    const r = env.registration;
    if (env.os.edition === 'home') return failed('0x80180022', 'Windows Home is not supported');
    if (tags.has('flow:technician') && !env.profile.allowPreProvisioning) return failed('0x80180005', 'the profile does not allow pre-provisioned deployment');
    if (r.deployedBefore !== 'none' && !r.unblocked && !r.oemAutoReenrollment) {
      return failed('0x80180014', `the device was already ${r.deployedBefore === 'self-deploying' ? 'self-deployed' : 'pre-provisioned'} once: Enrollment blocked for AP device by SDM One Time Limit Check`);
    }
    if (env.identity.windowsMdmBlocked) return failed('0x80180014', 'Windows (MDM) is blocked by an enrollment restriction');
    if (blocked('intune')) return failed('80180018', 'the Intune endpoints are blocked');
    return { event: ev('mdm.enrolled'), minutes };
  }

  function odj(): Answer {
    const h = env.hybrid;
    const minutes = took('odjBlob');
    const failed = (cause: string) => fail('connector.odjFailed', '0x80070774', cause, minutes);
    if (!h.domainJoinProfileAssigned) return failed('no Domain Join profile is assigned');
    if (env.profile.assignedUser) return failed('a user is assigned to a hybrid device, which triggers an Entra join that blocks the domain join');
    if (env.registration.entraObjectDeleted) return failed('the Entra object of the Autopilot device was deleted');
    if (!h.connector.present) return failed('no Intune Connector for Active Directory serves the domain');
    if (!h.connector.active) return failed('the Intune Connector for Active Directory is inactive');
    const v = h.connector.version.split('.').map(Number);
    const older = MIN_CONNECTOR.findIndex((m, i) => (v[i] ?? 0) !== m);
    if (older >= 0 && (v[older] ?? 0) < MIN_CONNECTOR[older]!) return failed(`connector ${h.connector.version} is older than 6.2501.2000.5 and no longer processes requests`);
    if (!h.ouRightsDelegated && h.computersJoinedByConnector >= 10) return failed('connector event 30132: no "Create computer objects" right on the OU and the 10-computer quota is used up');
    return { event: ev('connector.odjBlobDelivered'), minutes };
  }

  const dcReachable = () => env.hybrid.dcLineOfSight || env.hybrid.vpn === 'always-on';

  return {
    answer({ wait, state, tags }: WaitContext): Answer | null {
      inUserFlow = tags.has('flow:user') && resolvedMode === 'pre-provisioned';
      const network = net();
      switch (wait) {
        case 'network.gate':
          if (!network.internet && network.connection === 'wired') return { event: ev('network.unavailable', { reason: 'no internet' }), minutes: took('networkDetect'), cause: 'no internet connection' };
          if (network.proxyRequiresAuth) return { event: ev('network.unavailable', { reason: 'proxy needs authentication' }), minutes: took('networkDetect'), cause: 'a proxy that needs authentication before internet access: NCSI fails [INF]' };
          return network.connection === 'wired' ? ok('network.wired', 'networkDetect') : ok('network.needsSetup', 'networkDetect');
        case 'user.regionAndKeyboard':
          return ok('user.regionAndKeyboardChosen', 'regionAndKeyboard');
        case 'user.wifi':
          if (!network.internet) return { event: ev('network.unavailable', { reason: 'no internet' }), minutes: took('wifiJoin'), cause: 'the Wi-Fi network has no internet access' };
          return ok('user.wifiJoined', 'wifiJoin');
        case 'profile.download':
          return profileAnswer(tags);
        case 'oobe.criticalUpdates': {
          // Once per OOBE: after the update's restart the check finds nothing new.
          const flow = inUserFlow ? 'user' : 'first';
          if (criticalUpdatesDone.has(flow) || blocked('windows-update')) return ok('zdp.none', 'criticalUpdateCheck');
          criticalUpdatesDone.add(flow);
          return chance(CHANCES.criticalUpdateAvailable) ? ok('zdp.installed', 'criticalUpdateInstall') : ok('zdp.none', 'criticalUpdateCheck');
        }
        case 'device.restart':
          return ok('device.restarted', 'restart');
        case 'oobe.pages': {
          const forcedHidden = resolvedMode === 'self-deploying' ? ['eula', 'privacy', 'change-account'] : [];
          const hidden = new Set([...env.profile.hiddenPages, ...forcedHidden]);
          // Language and keyboard were already shown on Wi-Fi; auto-selection needs Ethernet (§1.1).
          const pages = (['language', 'keyboard', 'eula', 'privacy'] as const).filter(
            (p) => !hidden.has(p) && !(network.connection === 'wifi' && (p === 'language' || p === 'keyboard')),
          );
          return pages.length === 0 ? { event: ev('oobe.pagesSkipped'), minutes: 0 } : ok('user.oobePagesCompleted', 'oobePages', { detail: pages.join(', ') });
        }
        case 'user.signIn':
          return ok('user.signedIn', 'entraSignIn');
        case 'entra.authenticate': {
          const minutes = took('entraAuthentication');
          if (blocked('entra')) return fail('entra.joinFailed', 'OOBEIDPS', 'a proxy or firewall blocks the identity provider', minutes);
          const tenant = env.identity.signInTenant ?? env.registration.tenant;
          if (tenant !== env.registration.tenant) return fail('entra.tenantMismatch', 'TENANT_MISMATCH', `the user signs into ${tenant} but the device is registered to ${env.registration.tenant}`, minutes);
          return { event: ev('entra.authenticated'), minutes };
        }
        case 'entra.userJoin': {
          const minutes = took('entraJoin');
          const id = env.identity;
          if (env.registration.entraObjectDeleted) return fail('entra.joinFailed', '0x801C03F3', 'the Entra device object created at import was deleted', minutes);
          if (!id.userMayJoin) return fail('entra.joinFailed', '801C0003', 'the user may not join devices to Entra ID', minutes);
          if (id.userDeviceCount >= id.deviceCap) return fail('entra.joinFailed', '801C0003', `the user already has ${id.userDeviceCount} Entra devices (cap ${id.deviceCap})`, minutes);
          return { event: ev('entra.joined'), minutes };
        }
        case 'mdm.userEnroll':
          return userEnrollment();
        case 'connector.odj':
          return odj();
        case 'dc.ping':
          return dcReachable() ? ok('dc.reachable', 'dcPing') : fail('dc.unreachable', '0x80070774', 'no line of sight to a domain controller', took('dcPingTimeout'));
        case 'user.domainSignIn': {
          const minutes = took('domainSignIn');
          if (dcReachable() || env.hybrid.vpn === 'win32-logon') return { event: ev('user.domainSignedIn'), minutes };
          if (env.hybrid.vpn === 'none') return fail('dc.signInFailed', 'DOMAIN_UNAVAILABLE', 'no domain controller and no VPN at the logon screen', minutes);
          return fail('dc.signInFailed', 'VPN_UNSUPPORTED', `a ${env.hybrid.vpn} VPN cannot connect before the user signs in`, minutes);
        }
        case 'user.signOutAndIn':
          return ok('user.signedOutAndIn', 'signOutAndIn');
        case 'user.reenterCredentials':
          return ok('user.credentialsReentered', 'entraSignIn');
        case 'tpm.attest':
          return attestation();
        case 'entra.deviceJoin': {
          const minutes = took('entraJoin');
          if (env.hardware.tpm === '2.0-in-1.2-mode') return fail('entra.joinFailed', '0x801C03EA', 'the TPM can do 2.0 but is not switched to 2.0 mode', minutes);
          if (env.registration.conflictingProfiles) return fail('entra.joinFailed', '0x801C03EA', 'the device sits in two groups with different profiles', minutes);
          if (env.registration.entraObjectDeleted) return fail('entra.joinFailed', '0x801C03F3', 'the Entra device object created at import was deleted', minutes);
          if (blocked('entra')) return fail('entra.joinFailed', 'SOMETHING_WENT_WRONG', 'the Entra endpoints are blocked', minutes);
          return { event: ev('entra.joined'), minutes };
        }
        case 'mdm.deviceEnroll':
          return deviceEnrollment(tags);
        case 'esp.prepare':
          if (env.hardware.kind === 'vm' && (env.hardware.vCpus < 2 || env.hardware.memoryGb < 4)) {
            return fail('esp.preparationFailed', 'VM_MDM_PREPARATION', `a VM with ${env.hardware.vCpus} vCPU and ${env.hardware.memoryGb} GB (needs 2 vCPU and 4 GB)`, took('imeInstall'));
          }
          return ok('esp.trackingListReady', 'imeInstall');
        case 'esp.securityPolicies':
        case 'esp.certificates':
        case 'esp.networkConnections':
          return ok('esp.itemsApplied', 'espCategory');
        case 'esp.deviceApps':
          return nextApp(devicePhase(tags));
        case 'esp.userIdentifying':
          if (!env.identity.userLicensed && env.identity.unlicensedSymptom === 'identifying-hang') {
            return { event: ev('esp.identifyingHang', { code: 'IDENTIFYING_HANG' }), minutes: took('accountSetupIdentifying'), cause: 'the user has no Intune licence' };
          }
          return ok('esp.trackingListReady', 'accountSetupIdentifying');
        case 'esp.userApps':
          return nextApp('account');
        case 'wu.quality':
          if (blocked('windows-update')) return { event: ev('wu.updatesInstalled'), minutes: 0.5, detail: 'Windows Update unreachable: carries on without quality updates' };
          return chance(CHANCES.qualityUpdateRestart) ? ok('wu.updatesInstalledRestart', 'qualityUpdates') : ok('wu.updatesInstalled', 'qualityUpdates');
        case 'user.espError':
          return onErrorPage('user');
        case 'technician.redScreen':
          return onErrorPage('technician');
        case 'technician.winKey5':
          return ok('technician.pressedWinKey5', 'technicianAction');
        case 'technician.provision':
          return ok('technician.provision', 'technicianAction');
        case 'technician.reseal':
          return ok('technician.reseal', 'technicianAction');
        case 'user.powerOn':
          return { event: ev('user.poweredOn'), minutes: tags.has('phase:shipping') ? env.people.hoursBetweenFlows * 60 : 1 };
        case 'kiosk.autologon':
          return ok('kiosk.autologon', 'kioskAutologon');
        case 'admin.deployTaskSequence':
          if (!env.existingDevices.configMgr) return fail('ts.failed', 'CONFIGMGR_REQUIRED', 'no Configuration Manager to run the task sequence');
          return ok('admin.taskSequenceDeployed', 'taskSequenceDeploy');
        case 'ts.step':
          return ok('ts.stepCompleted', state as DurationName);
        case 'user.ctrlWinR':
          if (!env.people.localResetAllowed) return fail('reset.notEnabled', 'RESET_NOT_ENABLED', 'local Autopilot Reset is not enabled by policy (DisableAutomaticReDeploymentCredentials)', 0.5);
          return ok('user.ctrlWinR', 'technicianAction');
        case 'user.localAdminSignIn':
          return ok('user.localAdminSignedIn', 'localAdminSignIn');
        case 'admin.autopilotReset':
          return ok('admin.autopilotResetIssued', 'adminAction');
        case 'intune.checkIn': {
          if (env.reset.forcedSync) return ok('intune.checkIn', 'forcedSync');
          const h = env.reset.hoursSinceEnrollment;
          const interval = h < 0.25 ? 3 : h < 2.25 ? 15 : 480;
          return { event: ev('intune.checkIn'), minutes: interval * random.next(), detail: `next check-in (every ${interval} min at this point)` };
        }
        case 'winre.check':
          return env.reset.winReEnabled ? ok('winre.ready', 'winReCheck') : fail('winre.missing', '0x80070032', 'the Windows Recovery Environment is not enabled');
        case 'reset.eligibility':
          if (env.reset.currentJoin === 'hybrid') return fail('reset.notSupported', 'RESET_HYBRID_UNSUPPORTED', 'the device is hybrid joined: it needs a full wipe, not Autopilot Reset');
          if (!env.registration.registered) return fail('reset.notSupported', 'RESET_NOT_AUTOPILOT_DEVICE', 'the device is not registered as an Autopilot device');
          return ok('reset.eligible', 'winReCheck');
        case 'reset.pbr':
          return env.reset.osCorrupted ? fail('pbr.failed', 'RESET_OS_CORRUPTED', 'severe corruption in the Windows installation', took('pushButtonReset') / 3) : ok('pbr.completed', 'pushButtonReset');
        case 'mdm.sync':
          return ok('mdm.synced', 'mdmSync');
        default:
          return null;
      }
    },
  };
}

// The Enrollment Status Page (domain/autopilot.md §3): device ESP (device preparation,
// device setup) under one timer (+40 min for hybrid), user ESP (account setup) under
// its own, and the error page with the buttons the ESP profile allows. The pre-provisioning
// technician sees the red screen instead, with Retry and Reset (§2.3 T9b).
import { not } from 'xstate';
import type { StateConfig, States } from '../setup.ts';
import type { EspRow, Wait } from '../../src/catalog/vocabulary.ts';
import { hybridDomainJoin } from './identity.ts';

const ESP_DOC = 'https://learn.microsoft.com/mem/intune/enrollment/windows-enrollment-status';

export interface DeviceEspOptions {
  /** Unique within the machine: names the error page. */
  id: string;
  /**
   * 'already-done': user-driven, where TPM/join/enroll happened before the ESP and only the IME and tracking run;
   * 'device-token': self-deploying and the technician flow, where the device attests its TPM and joins with a device token;
   * 'skipped': the pre-provisioning user flow (§3.1).
   */
  preparation: 'already-done' | 'device-token' | 'skipped';
  errorPage: 'user' | 'technician';
  /** The technician flow can domain-join through the connector; self-deploying has no hybrid path at all (§2.6). */
  hybrid?: boolean;
  /** The technician's Reset: the state (by id) where the reset device starts again (§2.3 T9b). */
  resetTo?: string;
}

/**
 * ESP rows: security policies, certificates, network connections, apps; shared by device and account setup.
 * `technician`: the pre-provisioning technician's device setup, which attempts non-blocking apps (§3.2)
 * and which the four interactive-logon or UAC policies stop (§2.3 T8).
 */
function trackedItems(
  appsWait: Wait,
  errorPage: string,
  restarts: boolean,
  networkRow: string,
  technician = false,
  where: { policyRestart: boolean; userMayLeave: boolean } = { policyRestart: false, userMayLeave: false },
): States {
  const toError = { target: `#${errorPage}`, actions: 'recordFailure' } as const;
  return {
    securityPolicies: {
      description: 'Security policies: only Edge, Assigned Access and Kiosk Browser policies are tracked; the row counts one item, a placeholder EntDMID policy: "(0 of 1 applied)" while it applies, then "(1 of 1 applied)".',
      meta: { waits: 'esp.securityPolicies', screen: 'esp', row: 'securityPolicies', doc: ESP_DOC },
      on: {
        'esp.itemsApplied': 'certificates',
        ...(technician ? { 'esp.policyConflict': toError } : {}),
        ...(where.policyRestart ? { 'esp.policyRestartRequired': 'policyRestart' } : {}),
      },
    },
    ...(where.policyRestart
      ? {
          policyRestart: {
            description: 'A policy forces a restart in device setup (AppLocker CSP, §3.3); the credentials typed in OOBE do not survive it.',
            meta: { waits: 'device.restart', screen: 'restarting', row: 'securityPolicies', doc: ESP_DOC },
            on: { 'device.restarted': { target: 'certificates', actions: 'markCredentialsLost' } },
          },
        }
      : {}),
    certificates: {
      description: 'Certificates: SCEP profiles targeted at this phase.',
      meta: { waits: 'esp.certificates', screen: 'esp', row: 'certificates', doc: ESP_DOC },
      on: { 'esp.itemsApplied': 'networkConnections' },
    },
    networkConnections: {
      description: networkRow,
      meta: { waits: 'esp.networkConnections', screen: 'esp', row: 'networkConnections', doc: ESP_DOC },
      on: { 'esp.itemsApplied': 'apps' },
    },
    apps: {
      description: 'Apps: each tracked app installs in turn; a failed blocking app stops the ESP (InstallationState=4).',
      meta: { waits: appsWait, screen: 'esp', row: 'apps', doc: ESP_DOC },
      on: {
        'app.installed': { target: 'apps', reenter: true },
        // Only the technician phase attempts apps that do not block (§3.2); elsewhere they install after the ESP.
        ...(technician ? { 'app.failedNonBlocking': { target: 'apps', reenter: true } as const } : {}),
        ...(restarts ? { 'app.installedRestartRequired': 'appRestart' } : {}),
        'app.failed': toError,
        'app.hung': 'appHung',
        'esp.allAppsDone': 'complete',
        // Block device use = No: a user at the device may leave before setup finishes (§2.1, §3.2).
        ...(where.userMayLeave ? { 'user.leftEsp': 'complete' as const } : {}),
      },
    },
    ...(restarts
      ? {
          appRestart: {
            description: 'Intune restarts the device for an app (allowed in device setup); the credentials typed in OOBE do not survive the restart.',
            meta: { waits: 'device.restart', screen: 'restarting', row: 'apps', doc: ESP_DOC },
            on: { 'device.restarted': { target: 'apps', actions: 'markCredentialsLost' } },
          },
        }
      : {}),
    appHung: {
      description: 'An installer restarted the device itself or waits forever; nothing moves until the ESP timer runs out (domain §3.3).',
      meta: { screen: 'esp', row: 'apps', doc: ESP_DOC },
    },
    complete: { type: 'final' },
  };
}

function errorPage(id: string, who: 'user' | 'technician', resetTo?: string): StateConfig {
  if (who === 'technician') {
    return {
      id: `${id}ErrorPage`,
      description: 'The red failure screen: the error, the organisation, profile and elapsed time, with Retry for problems fixable on the spot and Reset to wipe the device and start again.',
      tags: ['errorPage', 'technicianInteraction'],
      meta: { waits: 'technician.redScreen', screen: 'technicianRed', doc: 'https://learn.microsoft.com/autopilot/pre-provision' },
      on: {
        'technician.retry': 'running',
        'technician.reset': resetTo ? `#${resetTo}` : '#failed',
        'technician.gaveUp': '#failed',
      },
    };
  }
  return {
    id: `${id}ErrorPage`,
    description: 'The ESP error page: the default or custom message, Try again, and only the Collect logs, Reset device and Continue anyway buttons the ESP profile allows. Intune records the deployment as failed even if a later attempt succeeds.',
    tags: ['errorPage', 'userInteraction'],
    meta: { waits: 'user.espError', screen: 'espError', doc: ESP_DOC },
    on: {
      'user.retry': 'running',
      'user.resetDevice': { guard: 'espAllowsReset', target: '#failed' },
      'user.continueAnyway': { guard: 'espAllowsContinue', target: 'done', actions: 'markContinued' },
      // "Turn on log collection and diagnostics page for end users" = Yes: the logs are copied to a USB drive for the support
      // person, and the page stays with its buttons, the deployment still failed (§3.2). Intune also collects logs by itself on
      // any failure (§1.4, 2209+), pressed or not.
      'user.collectLogs': { guard: 'espAllowsLogCollection', target: 'errorPage', reenter: true },
      'user.gaveUp': '#failed',
    },
  };
}

function trackingAndIme(o: DeviceEspOptions, hidden = false): StateConfig {
  const toError = { target: `#${o.id}ErrorPage`, actions: 'recordFailure' } as const;
  return {
    description: hidden
      ? 'With no ESP on screen, the device works out which policies and apps to track, creates the SideCar tracking policy and installs the Intune Management Extension.'
      : 'The device works out which policies and apps to track ("Identifying"), creates the SideCar tracking policy and installs the Intune Management Extension.',
    meta: { waits: 'esp.prepare', ...(hidden ? { screen: 'oobeWorking' as const } : { screen: 'esp' as const, row: 'preparingMdm' as const }), doc: ESP_DOC },
    // A VM below 2 vCPU / 4 GB fails here (§5.8; only user-driven runs on VMs at all), and so does an IME install error (§2.1 U5).
    on: { 'esp.trackingListReady': 'complete', 'esp.preparationFailed': toError },
  };
}

/**
 * The technician's device preparation with the device ESP not shown (§8 W25, pre-provision.md 2024): the same attestation, join,
 * enrollment and IME work on OOBE's working screen, no ESP row; the notes name no phase for it, so it is the device's attestation,
 * join and enrollment (deviceJoin, as self-deploying's off the ESP) [INF]. A failure still ends on the technician's red screen (§2.3 T9b).
 */
function technicianPreparationWithoutEsp(o: DeviceEspOptions): StateConfig {
  return {
    description: 'The device ESP is not shown: the device still attests its TPM, joins Entra with a device token and enrolls, on OOBE\'s working screen with no ESP rows; nothing holds Reseal back for its apps and policies.',
    tags: ['phase:deviceJoin'],
    // Inside the technician's ESP container (its red screen and Retry are there), but no step of it is on the ESP.
    meta: { outsideEsp: true },
    initial: 'secureHardware',
    states: {
      ...deviceTokenSteps({ next: 'trackingAndIme', onError: `#${o.id}ErrorPage`, hidden: true, hybrid: o.hybrid }),
      trackingAndIme: trackingAndIme(o, true),
      complete: { type: 'final' },
    },
    onDone: 'complete',
  };
}

function devicePreparation(o: DeviceEspOptions): StateConfig {
  const tracking = trackingAndIme(o);
  if (o.preparation === 'already-done') {
    return {
      description: 'Device preparation: for user-driven, Securing your hardware, Joining your organization\'s network and Registering for mobile management are already done and show as complete.',
      tags: ['esp:devicePreparation', 'phase:devicePreparation'],
      initial: 'trackingAndIme',
      states: { trackingAndIme: tracking, complete: { type: 'final' } },
      onDone: 'deviceSetup',
    };
  }
  return {
    description: 'Device preparation: the device proves its identity with its TPM, joins Entra with a device token and enrolls in Intune, with no user credentials.',
    tags: ['esp:devicePreparation', 'phase:devicePreparation'],
    initial: 'secureHardware',
    states: {
      ...deviceTokenSteps({ next: 'trackingAndIme', onError: `#${o.id}ErrorPage`, hidden: false, hybrid: o.hybrid }),
      trackingAndIme: tracking,
      complete: { type: 'final' },
    },
    onDone: 'deviceSetup',
  };
}

/**
 * The device-token steps (§2.3 T5-T7, §2.6 S2-S4), then `next`; a failure goes to `onError` (a state id). `hidden`: the
 * device ESP is not shown (§3.2 "no ESP UI"), so the same work runs on OOBE's working screen with no ESP rows.
 */
export function deviceTokenSteps(o: { next: string; onError: string; hidden: boolean; hybrid?: boolean }): States {
  const { next, hidden } = o;
  const toError = { target: o.onError, actions: 'recordFailure' } as const;
  const screen = (row: EspRow) => (hidden ? { screen: 'oobeWorking' as const } : { screen: 'esp' as const, row });
  return {
    secureHardware: {
      // What attestation does, not who cannot do it: this is read out at the step, before the run
      // shows whether it passes (lesson 02 would give its ending away); a VM's failure says why
      // itself (failure-modes.ts, tpm-vm: "a virtual machine cannot attest, even with a virtual TPM").
      description: hidden
        ? 'TPM key attestation, with no ESP on screen: Entra validates the device identity and issues a token for the join.'
        : '"Securing your hardware": TPM key attestation. Entra validates the device identity and issues a token for the join.',
      tags: ['tpmAttestation'],
      meta: { waits: 'tpm.attest', ...screen('securingHardware'), doc: 'https://learn.microsoft.com/autopilot/self-deploying' },
      on: { 'tpm.attested': 'joinNetwork', 'tpm.attestationFailed': toError },
    },
    joinNetwork: {
      description: hidden ? 'Entra join with the device token from attestation, with no ESP on screen.' : '"Joining your organization\'s network": Entra join with the device token from attestation.',
      tags: ['entraJoin'],
      meta: { waits: 'entra.deviceJoin', ...screen('joiningNetwork'), doc: 'https://learn.microsoft.com/autopilot/known-issues' },
      on: {
        'entra.joined': o.hybrid ? [{ guard: 'isHybrid', target: 'offlineDomainJoin' }, { target: 'registerMdm' }] : 'registerMdm',
        'entra.joinFailed': toError,
      },
    },
    ...(o.hybrid ? hybridDomainJoin('registerMdm', { checkDc: 'technicianReading', onError: o.onError, onEsp: !hidden }) : {}),
    registerMdm: {
      description: hidden
        ? 'Intune enrollment, with no ESP on screen. A device already self-deployed or pre-provisioned once is refused here (the one-time limit).'
        : '"Registering your device for mobile management": Intune enrollment. A device already self-deployed or pre-provisioned once is refused here (the one-time limit).',
      tags: ['mdmEnrollment'],
      meta: { waits: 'mdm.deviceEnroll', ...screen('registeringMdm'), doc: 'https://learn.microsoft.com/autopilot/troubleshooting-faq' },
      on: { 'mdm.enrolled': next, 'mdm.enrollmentFailed': toError },
    },
  };
}

/** Device ESP: device preparation and device setup, one timer (§3.1-§3.3). */
export function deviceEsp(next: string, o: DeviceEspOptions): StateConfig {
  // SkipDeviceStatusPage hides the device ESP; the technician's shows as configured (pre-provision.md 2024), or always under the
  // older reading, where pre-provisioning marks the ESP as required to show (KB4535996, 2020; readings.preProvisioningEspRequired).
  const technician = o.errorPage === 'technician';
  const shown = technician ? 'technicianEspShown' : 'deviceStatusPageShown';
  // Hidden ("Show app and profile configuration progress" = No, or SkipDeviceStatusPage), nothing of the device ESP is on
  // screen (§2.1 fork: U5-U9 not shown; §3.2: no ESP UI). Where its device preparation only tracks and installs the IME
  // (user-driven) or is skipped (the user flow), the whole ESP goes: the user-driven body does that work behind the desktop
  // (bodies.ts). A device-token preparation is the join itself and still runs: self-deploying's body runs it off the ESP
  // (bodies.ts, joinWithoutEsp), and the technician's runs it off the ESP here, then goes to Reseal without device setup (§8 W25).
  const hiddenWhole = o.preparation !== 'device-token';
  const setup: StateConfig = {
    description: 'Device setup: device-targeted security policies, certificates, network profiles and apps. Restarts are allowed here when Intune drives them.',
    tags: ['esp:deviceSetup', 'phase:deviceSetup'],
    initial: 'securityPolicies',
    // A forcing policy restarts user-driven and self-deploying device setup (in the technician flow it is a failure, and the user
    // flow's device setup meets it only after the technician flow did); only where a user sits at the device can they leave early.
    states: trackedItems('esp.deviceApps', `${o.id}ErrorPage`, true, 'Network connections: device-targeted VPN and Wi-Fi profiles.', o.errorPage === 'technician', {
      policyRestart: o.errorPage === 'user' && o.preparation !== 'skipped',
      userMayLeave: o.preparation !== 'device-token',
    }),
    onDone: 'complete',
  };
  return {
    description: 'The device ESP: device preparation, then device setup, under one timer.',
    meta: { esp: { id: o.id, section: 'device', preparation: o.preparation } },
    initial: 'running',
    states: {
      running: {
        ...(hiddenWhole ? { always: { guard: not(shown), target: 'done' } } : {}),
        after: { espDeviceTimeout: { guard: shown, target: 'errorPage', actions: { type: 'recordError', params: { code: 'ESP_TIMEOUT' } } } },
        initial: technician ? 'start' : o.preparation === 'skipped' ? 'deviceSetup' : 'devicePreparation',
        states: {
          ...(technician
            ? {
                start: { always: [{ guard: shown, target: 'devicePreparation' }, { target: 'preparationWithoutEsp' }] },
                preparationWithoutEsp: technicianPreparationWithoutEsp(o),
              }
            : {}),
          ...(o.preparation === 'skipped' ? {} : { devicePreparation: devicePreparation(o) }),
          deviceSetup: setup,
          complete: { type: 'final' },
        },
        onDone: 'done',
      },
      errorPage: errorPage(o.id, o.errorPage, o.resetTo),
      done: { type: 'final' },
    },
    onDone: next,
  };
}

/** User ESP: account setup, its own timer; skipped with SkipUserStatusPage or with the ESP off (§3.1, §3.3). */
export function userEsp(next: string, id = 'accountSetup'): StateConfig {
  return {
    description: 'The user ESP (account setup): user-targeted policies, certificates, Wi-Fi profiles and apps. Restarts are not supported in this phase.',
    tags: ['esp:accountSetup', 'phase:accountSetup'],
    meta: { esp: { id, section: 'account' } },
    initial: 'running',
    states: {
      running: {
        always: { guard: not('userEspRuns'), target: 'done' },
        after: { espUserTimeout: { target: 'errorPage', actions: { type: 'recordError', params: { code: 'ESP_TIMEOUT' } } } },
        initial: 'identifying',
        states: {
          identifying: {
            description: 'Each row shows "Identifying" while the device builds the user\'s tracking list.',
            meta: { waits: 'esp.userIdentifying', screen: 'esp', doc: ESP_DOC },
            on: { 'esp.trackingListReady': 'securityPolicies', 'esp.identifyingHang': 'identifyingStuck' },
          },
          identifyingStuck: {
            description: 'Stuck at "Identifying": this is what happens when the user has no Intune licence; only the ESP timer ends it.',
            meta: { screen: 'esp', doc: ESP_DOC },
          },
          ...trackedItems('esp.userApps', `${id}ErrorPage`, false, 'Network connections: user-targeted Wi-Fi profiles.', false, { policyRestart: false, userMayLeave: true }),
        },
        onDone: 'done',
      },
      errorPage: errorPage(id, 'user'),
      done: { type: 'final' },
    },
    onDone: next,
  };
}

/** U7: Windows quality updates at the end of OOBE, after the device ESP (placement [INF], §10 #9); `userFlow`: a pre-provisioned device's user flow (P5), on the user's network. */
export function qualityUpdates(next: string, options: { userFlow?: boolean } = {}): StateConfig {
  return {
    description: 'Windows quality updates: the monthly security update is scanned for and installed, honouring update rings, for as long as the qualityUpdates duration says (§3.2), and a restart means no automatic sign-in.',
    tags: ['phase:qualityUpdates'],
    always: { guard: not(options.userFlow ? 'qualityUpdatesApplyInUserFlow' : 'qualityUpdatesApply'), target: next },
    meta: { waits: 'wu.quality', screen: 'qualityUpdates', doc: ESP_DOC },
    on: {
      'wu.updatesInstalled': next,
      // W21, §5.3: Windows Update unreachable, OOBE carries on without quality updates (§3.2 documents no failure here).
      'wu.none': next,
      'wu.updatesInstalledRestart': { target: next, actions: 'markCredentialsLost' },
    },
  };
}

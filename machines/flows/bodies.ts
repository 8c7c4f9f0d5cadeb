// What follows the OOBE front end in each deployment mode. Each scenario machine
// composes one body after its front end; existing devices picks the body the resolved
// profile names (domain/autopilot.md §2.7), so the flows are written once.
import { and } from 'xstate';
import type { StateConfig, States, Tag } from '../setup.ts';
import { deviceEsp, deviceTokenSteps, qualityUpdates, userEsp } from './esp.ts';
import { domainLogon, entraJoinAndEnroll, entraSignIn, hybridDomainJoin, mdmEnrollment, signInToDesktop, signOutAndIn } from './identity.ts';
import { oobeFrontEnd, type FrontEndOptions } from './oobe.ts';

export function withTags(state: StateConfig, ...tags: Tag[]): StateConfig {
  const own = state.tags === undefined ? [] : Array.isArray(state.tags) ? state.tags : [state.tags];
  return { ...state, tags: [...own, ...tags] };
}

/** §2.1 U2-U10 and §2.2 H2-H11: sign-in, join or ODJ, device ESP, updates, sign-in, user ESP. */
/** `prefix` keeps state ids unique when one machine holds several bodies (existing devices). */
export function userDrivenBody(prefix = ''): StateConfig {
  return {
    description: 'User-driven: the user signs in, the device joins and enrolls, then the device ESP and the user ESP run while the user waits.',
    tags: ['clock:user', 'flow:user'],
    initial: 'signIn',
    states: {
      signIn: {
        initial: 'entraSignIn',
        states: {
          ...entraSignIn('afterAuthentication', { assignsUser: false }),
          afterAuthentication: { always: [{ guard: 'isHybrid', target: 'mdmEnrollmentHybrid' }, { target: 'entraJoin' }] },
          ...entraJoinAndEnroll('joined'),
          ...mdmEnrollmentForHybrid(),
          ...hybridDomainJoin('joined', { checkDc: 'unlessSkipped' }),
          joined: { type: 'final' },
        },
        onDone: 'deviceEsp',
      },
      deviceEsp: deviceEsp('qualityUpdates', { id: `${prefix}deviceEsp`, preparation: 'already-done', errorPage: 'user' }),
      qualityUpdates: qualityUpdates('signInAfterEsp'),
      signInAfterEsp: { always: [{ guard: 'isHybrid', target: 'domainJoinRestart' }, { target: 'automaticSignIn' }] },
      ...signInToDesktop('accountSetup'),
      ...domainLogon('accountSetup'),
      accountSetup: userEsp('finish', `${prefix}accountSetup`),
      // H10's Sign out button ends the user ESP; where account setup is not shown there is no page to end [INF].
      finish: { always: [{ guard: and(['isHybrid', 'userEspRuns']), target: 'signOutAndIn' }, { target: 'atDesktop' }] },
      ...signOutAndIn('atDesktop'),
      atDesktop: { always: [{ guard: 'deviceStatusPageShown', target: '#succeeded' }, { target: 'preparationBehindDesktop' }] },
      preparationBehindDesktop: {
        // §2.1 fork, §3.2: with the device ESP hidden its work is not skipped, it finishes after the desktop appears.
        // What a failure then looks like the notes do not say [INF]: nothing is on screen, the deployment is not
        // failed (nothing tracks it), and the run reports a finding (the world's rule for this wait).
        description: 'The device ESP is not shown, so the user is already at the desktop: behind it the device works out what to track, installs the Intune Management Extension, and device-targeted policies and apps arrive untracked. Nothing on screen shows this work, or its failure.',
        tags: ['clock:idle'],
        meta: { waits: 'esp.preparationBehindDesktop', screen: 'desktop', doc: 'https://learn.microsoft.com/mem/intune/enrollment/windows-enrollment-status' },
        on: { 'esp.trackingListReady': '#succeeded' },
      },
    },
  };
}

/** Hybrid: MDM enrollment by the signed-in user comes before the AD join (§2.2 H3), then H4-H5. */
function mdmEnrollmentForHybrid(): States {
  const [name, state] = Object.entries(mdmEnrollment('offlineDomainJoin', true))[0]!;
  // Same step as the Entra path's enrollment, but it leads to the offline domain join.
  return { [`${name}Hybrid`]: state };
}

/** §2.6: the device attests, joins and enrolls by itself; no user, no user ESP. */
export function selfDeployingBody(prefix = ''): StateConfig {
  return {
    description: 'Self-deploying: TPM attestation stands in for a user; the device ESP runs, and the device ends at the sign-in screen or a kiosk.',
    // No user: whoever presses a button here (Try again on the error page) is a person at the device.
    tags: ['clock:unattended', 'flow:noUser'],
    initial: 'start',
    states: {
      start: { always: [{ guard: 'deviceStatusPageShown', target: 'deviceEsp' }, { target: 'joinWithoutEsp' }] },
      deviceEsp: deviceEsp('qualityUpdates', { id: `${prefix}deviceEsp`, preparation: 'device-token', errorPage: 'user' }),
      joinWithoutEsp: {
        // §3.2: "no ESP UI". What a failure then shows the notes do not say: with no ESP there is no error page to retry from,
        // so the deployment fails where it stopped [INF]. No ESP phase shows, so its minutes are not 'ESP: device preparation':
        // they are the device's attestation, join and enrollment (deviceJoin: no one signs in); the notes name no phase for it [INF].
        description: 'The device ESP is not shown ("Show app and profile configuration progress" = No, or SkipDeviceStatusPage): the device still attests its TPM, joins Entra with a device token and enrolls, on OOBE\'s working screen with no ESP rows; what the ESP would track comes after the end screen, untracked.',
        tags: ['phase:deviceJoin'],
        initial: 'secureHardware',
        states: { ...deviceTokenSteps({ next: 'joined', onError: '#failed', hidden: true }), joined: { type: 'final' } },
        onDone: 'qualityUpdates',
      },
      qualityUpdates: qualityUpdates('endState'),
      endState: { always: [{ guard: 'kioskAutologon', target: 'kioskAutologon' }, { target: 'atSignInScreen' }] },
      kioskAutologon: {
        description: 'Kiosk: Windows signs in automatically as the local kioskUser0 account.',
        tags: ['phase:kiosk'],
        meta: { waits: 'kiosk.autologon', screen: 'desktop' },
        on: { 'kiosk.autologon': 'atKioskDesktop', 'kiosk.autologonFailed': { target: '#failed', actions: 'recordFailure' } },
      },
      // With the device ESP hidden, its tracking and IME work comes after the end screen (as user-driven's behind the desktop).
      atSignInScreen: { always: [{ guard: 'deviceStatusPageShown', target: '#succeeded' }, { target: 'preparationBehindSignIn' }] },
      preparationBehindSignIn: preparationBehind('windowsLogon', 'the Windows sign-in screen'),
      atKioskDesktop: { always: [{ guard: 'deviceStatusPageShown', target: '#succeeded' }, { target: 'preparationBehindKiosk' }] },
      preparationBehindKiosk: preparationBehind('desktop', "the kiosk's desktop"),
    },
  };
}

/** Self-deploying with the device ESP hidden (§3.2): what it would track finishes behind the end screen, unseen [INF]. */
function preparationBehind(screen: 'windowsLogon' | 'desktop', where: string): StateConfig {
  return {
    description: `The device ESP is not shown, so the device is already at ${where}: behind it the device works out what to track, installs the Intune Management Extension, and device-targeted policies and apps arrive untracked. Nothing on screen shows this work, or its failure.`,
    tags: ['clock:idle'],
    meta: { waits: 'esp.preparationBehindDesktop', screen, doc: 'https://learn.microsoft.com/mem/intune/enrollment/windows-enrollment-status' },
    on: { 'esp.trackingListReady': '#succeeded' },
  };
}

/**
 * §2.3-§2.5: technician flow, reseal, shipping, then the user flow. `frontEnd`: the id of the OOBE front end the technician
 * flow opened with, where a device wiped by the red screen's Reset starts again (§2.3 T9b, §1.1).
 */
export function preProvisionedBody(frontEnd: string, prefix = ''): StateConfig {
  return {
    description: 'Pre-provisioned: a technician runs device preparation and device setup, reseals the device and ships it; the user later runs a short user flow.',
    initial: 'technicianFlow',
    states: {
      technicianFlow: {
        description: 'The technician flow (§2.3): Win key five times on the first OOBE page, then provisioning with TPM attestation and the device ESP.',
        tags: ['clock:technician', 'flow:technician', 'phase:technicianFlow'],
        initial: 'winKey5',
        states: {
          winKey5: {
            description: 'On the first OOBE page the technician presses the Windows key five times: "What would you like to do?" offers "Windows Autopilot provisioning" and Continue on Windows 10, "Pre-provision with Windows Autopilot" and Next on Windows 11.',
            tags: ['technicianInteraction'],
            meta: { waits: 'technician.winKey5', screen: 'winKey5', doc: 'https://learn.microsoft.com/autopilot/pre-provision' },
            on: { 'technician.pressedWinKey5': 'configurationScreen' },
          },
          configurationScreen: {
            description: 'The configuration screen shows the organisation, profile, assigned user and a QR code; the technician selects Provision (Windows 10) or Next (Windows 11).',
            tags: ['technicianInteraction', 'userAssignment'],
            meta: { waits: 'technician.provision', screen: 'preProvisionConfig', doc: 'https://learn.microsoft.com/autopilot/pre-provision' },
            on: { 'technician.provision': [{ guard: 'isHybrid', target: 'technicianEsp' }, { target: 'renameRestart' }] },
          },
          renameRestart: {
            description: 'Since 2303 an Entra-join device is renamed and restarted straight away, before the device ESP.',
            meta: { waits: 'device.restart', screen: 'restarting' },
            on: { 'device.restarted': 'technicianEsp' },
          },
          technicianEsp: deviceEsp('resealScreen', { id: `${prefix}technicianEsp`, preparation: 'device-token', errorPage: 'technician', hybrid: true, resetTo: `${prefix}technicianReset` }),
          technicianReset: {
            id: `${prefix}technicianReset`,
            description: 'Reset from the red screen: the device is wiped and OOBE starts again, from its network check and profile download, to the first page where the technician presses the Windows key five times again. Known issue: attestation can fail on this retry (§2.3 T9b).',
            tags: ['technicianInteraction'],
            meta: { waits: 'device.reset', screen: 'resetting', doc: 'https://learn.microsoft.com/autopilot/known-issues' },
            // A wiped device starts OOBE from its beginning (§1.1: the profile is downloaded again after every restart).
            on: { 'device.resetCompleted': `#${frontEnd}` },
          },
          resealScreen: {
            description: 'The green success screen with the elapsed time; Reseal shuts the device down for shipping.',
            tags: ['technicianInteraction'],
            meta: { waits: 'technician.reseal', screen: 'technicianGreen', doc: 'https://learn.microsoft.com/autopilot/pre-provision' },
            on: { 'technician.reseal': `#${prefix}shipped` },
          },
        },
      },
      shipped: {
        id: `${prefix}shipped`,
        description: 'Resealed and shipped. The user flow should start at least 90 minutes later and within 6 months.',
        tags: ['clock:idle', 'phase:shipping'],
        meta: { waits: 'user.powerOn', screen: 'off', doc: 'https://learn.microsoft.com/autopilot/pre-provision' },
        // The technician flow's restarts (its rename, an app's in device setup) came before any user credentials (§3.3).
        on: { 'user.poweredOn': { target: 'userFlow', actions: 'clearCredentialsLost' } },
      },
      userFlow: {
        description: 'The user flow (§2.4, §2.5): device preparation is skipped, device setup runs again, then account setup.',
        tags: ['clock:user', 'flow:user'],
        initial: 'oobe',
        states: {
          oobe: { ...oobeFrontEnd({ provisioned: true }), onDone: 'afterOobe' },
          afterOobe: { always: [{ guard: 'isHybrid', target: 'deviceSetupAgain' }, { target: 'entraSignIn' }] },
          ...entraSignIn('deviceSetupAgain', { assignsUser: true, homeTenant: false, phase: 'entraSignIn' }),
          deviceSetupAgain: deviceEsp('qualityUpdates', { id: `${prefix}userFlowEsp`, preparation: 'skipped', errorPage: 'user' }),
          qualityUpdates: qualityUpdates('signInAfterEsp', { userFlow: true }),
          signInAfterEsp: { always: [{ guard: 'isHybrid', target: 'domainJoinRestart' }, { target: 'automaticSignIn' }] },
          ...signInToDesktop('accountSetup', 'accountSetup', 'entraSignIn'),
          ...domainLogon('accountSetup', { joinedEarlier: true }),
          accountSetup: userEsp('finish', `${prefix}userFlowAccountSetup`),
          finish: { always: [{ guard: and(['isHybrid', 'userEspRuns']), target: 'signOutAndIn' }, { target: '#succeeded' }] },
          ...signOutAndIn('#succeeded'),
        },
      },
    },
  };
}

/** The front end every scenario opens with, counted against whoever is at the device. */
export function frontEnd(clock: Tag, options: FrontEndOptions = {}): StateConfig {
  return withTags(oobeFrontEnd(options), clock);
}

// Autopilot Reset (domain/autopilot.md §2.8 local, §2.9 remote): push-button reset
// from WinRE that keeps Entra membership and MDM enrollment, then an MDM sync gate.
import { deployment, ends, initialContext, outputOf } from './setup.ts';

const RESET_DOC = 'https://learn.microsoft.com/autopilot/windows-autopilot-reset';
const fail = { target: '#failed', actions: 'recordFailure' } as const;

/** Who owns the device after a reset that succeeded, by who reset it (§2.8 RL7, §2.9 RR6): the detail of the sync that ends it. */
export const RESET_READY = {
  local: 'a local reset keeps the primary user and the Entra device owner',
  remote: 'a remote reset removes the primary user and the Entra device owner: the next user to sign in becomes the primary user, BitLocker self-service works for that user, and a shared device stays shared',
} as const;

export const resetMachine = deployment.createMachine({
  id: 'reset',
  description: 'Windows Autopilot Reset, local (Ctrl+Win+R at the lock screen) or remote (from Intune).',
  context: ({ input }) => initialContext(input, 'user-driven'),
  initial: 'trigger',
  states: {
    trigger: {
      always: [{ guard: 'isLocalReset', target: 'local' }, { target: 'remote' }],
    },
    local: {
      description: 'Local reset: a local administrator at the lock screen.',
      tags: ['clock:user', 'phase:reset'],
      initial: 'lockScreen',
      states: {
        lockScreen: {
          description: 'At the lock screen the person presses Ctrl+Win+R (optionally with a provisioning package on a USB stick). Local reset is off unless a policy enables it.',
          tags: ['userInteraction'],
          meta: { waits: 'user.ctrlWinR', screen: 'lockScreen', doc: 'https://learn.microsoft.com/autopilot/tutorial/reset/local-autopilot-reset' },
          on: { 'user.ctrlWinR': 'resetSignIn', 'reset.notEnabled': fail },
        },
        resetSignIn: {
          description: 'The Autopilot Reset sign-in screen: it checks that the person is allowed to reset the device, a local administrator, who authenticates.',
          tags: ['userInteraction', 'userAuthentication'],
          meta: { waits: 'user.localAdminSignIn', screen: 'resetSignIn', doc: RESET_DOC },
          on: { 'user.localAdminSignedIn': '#winRePrecheck' },
        },
      },
    },
    remote: {
      description: 'Remote reset: an Intune administrator issues it, and it runs at the device\'s next check-in.',
      tags: ['phase:reset'],
      initial: 'adminAction',
      states: {
        adminAction: {
          description: 'In Intune, Devices > the device > Autopilot Reset > confirm (Intune Service Administrator role).',
          tags: ['adminAction', 'clock:unattended'],
          meta: { waits: 'admin.autopilotReset', screen: 'desktop', doc: 'https://learn.microsoft.com/autopilot/tutorial/reset/remote-autopilot-reset' },
          on: { 'admin.autopilotResetIssued': 'pendingCheckIn' },
        },
        pendingCheckIn: {
          description: 'Pending until the device checks in (every 3 minutes for 15 minutes after enrolling, every 15 minutes for 2 hours, then about every 8 hours) or someone forces a sync. A device that is not enrolled in Intune, or cannot reach it, never checks in: the reset stays pending and never starts.',
          tags: ['clock:idle', 'phase:checkIn'],
          meta: { waits: 'intune.checkIn', screen: 'desktop', doc: 'https://learn.microsoft.com/mem/intune/configuration/device-profile-troubleshoot' },
          on: { 'intune.checkIn': '#winRePrecheck', 'intune.checkInMissed': { target: 'commandPending', actions: 'recordFailure' } },
        },
        commandPending: {
          description: 'The device never checks in (it is not enrolled in Intune, or cannot reach it), so the Autopilot Reset command stays pending in Intune and the device is never reset.',
          tags: ['clock:idle', 'phase:checkIn'],
          always: '#failed',
        },
      },
    },
    resetRun: {
      description: 'The reset itself, unattended: its checks first, before anything is wiped.',
      tags: ['phase:reset', 'clock:unattended'],
      initial: 'winRePrecheck',
      states: {
        winRePrecheck: {
          id: 'winRePrecheck',
          description: 'The reset checks that the Windows Recovery Environment is configured and enabled.',
          meta: { waits: 'winre.check', screen: 'resetting', doc: RESET_DOC },
          on: { 'winre.ready': 'eligibility', 'winre.missing': fail },
        },
        eligibility: {
          description: 'Autopilot Reset needs an Entra-joined, Intune-enrolled Autopilot device; hybrid-joined devices need a full wipe instead.',
          meta: { waits: 'reset.eligibility', screen: 'resetting', doc: RESET_DOC },
          on: { 'reset.eligible': '#pushButtonReset', 'reset.notSupported': fail },
        },
      },
    },
    rebuild: {
      description: 'The reset past the point of no return: Windows rebuilt, then the sync gate before the desktop.',
      tags: ['phase:reset', 'clock:unattended'],
      initial: 'pushButtonReset',
      states: {
        pushButtonReset: {
          id: 'pushButtonReset',
          description: 'Push-button reset rebuilds the same Windows version from the WinSxS store: user profiles, data and third-party apps go, the original settings are reapplied and region, language and keyboard go back to their original values; Wi-Fi profiles, provisioning packages (applied before, or on a USB drive now), Entra membership, MDM enrollment and SCEP certificates stay.',
          meta: { waits: 'reset.pbr', screen: 'resetting', doc: RESET_DOC },
          on: { 'pbr.completed': 'restoreAndSync', 'pbr.failed': fail },
        },
        restoreAndSync: {
          description: 'The desktop stays blocked until provisioning packages are applied again and an MDM sync finishes. Required apps are not tracked by an ESP after a reset.',
          tags: ['mdmEnrollment'],
          meta: { waits: 'mdm.sync', screen: 'resetting', doc: RESET_DOC },
          on: { 'mdm.synced': '#succeeded', 'mdm.syncFailed': { target: '#desktopBlocked', actions: 'recordFailure' } },
        },
      },
    },
    desktopBlocked: {
      id: 'desktopBlocked',
      description: 'The MDM sync cannot finish (no internet, or Intune out of reach), so the desktop stays blocked: the device is wiped and not ready for the next user until it syncs.',
      tags: ['phase:reset'],
      always: '#failed',
    },
    // What differs between a local and a remote reset (§2.8 RL7, §2.9 RR6) is the world's detail on the sync that ends it (RESET_READY).
    ...ends('Ready for the next user, whose required apps install after the desktop appears.', {
      fallback: false,
      // §1.4: the deployments report records only new Intune enrollments, and a reset keeps the one the device has.
      failed: 'The reset failed: the device stops where the reset could not go on, with Windows\' message where Microsoft documents one. The Autopilot deployments report records only new Intune enrollments, so a reset, which keeps the device\'s enrollment, has no row there.',
    }),
  },
  output: outputOf,
});

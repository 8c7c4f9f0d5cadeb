// Windows Autopilot device preparation (domain/autopilot.md §7): no registration, no
// Autopilot profile, no ESP. The user signs in, the policy for the user's group arrives,
// the device joins and enrolls and is put into the policy's device group at enrollment;
// then the IME, the local-administrator step, an untracked MDM sync, LOB and Microsoft 365
// apps, scripts, Win32/Store/Enterprise App Catalog apps, "Required setup complete", the
// automatic sign-in and a sync after the desktop, all under one timer (15-720 min).
// Windows 365 automatic mode enters the same body from the Cloud PC agent, with no user.
// Coexistence (§7): a registered device that downloads a classic profile runs classic
// Autopilot user-driven, and the device-preparation policy never starts.
import { deployment, ends, initialContext, outputOf, type StateConfig, type States } from './setup.ts';
import { frontEnd, userDrivenBody } from './flows/bodies.ts';
import { entraJoinAndEnroll, entraSignIn, signInToDesktop } from './flows/identity.ts';

const MS = 'https://learn.microsoft.com/autopilot/device-preparation/';
export const DEVICE_PREPARATION_DOCS = {
  overview: `${MS}overview`,
  workflow: `${MS}tutorial/user-driven/entra-join-workflow`,
  policy: `${MS}tutorial/user-driven/entra-join-autopilot-policy`,
  automatic: `${MS}tutorial/automatic/automatic-workflow`,
  troubleshooting: `${MS}troubleshooting-faq`,
  knownIssues: `${MS}known-issues`,
  compare: `${MS}compare`,
  requirements: `${MS}requirements`,
} as const;
const D = DEVICE_PREPARATION_DOCS;

type Entry = 'user' | 'automatic';

/** One install step of the policy's list: each answer installs one item, and the step moves on when the list is done. */
function installStep(wait: 'apdp.lobApps' | 'apdp.win32Apps', description: string, self: string, next: string, entry: Entry): StateConfig {
  return {
    description,
    tags: ['phase:appsInstallation'],
    meta: { waits: wait, screen: entry === 'user' ? 'devicePreparation' : 'cloudPcStatus', doc: D.workflow },
    on: {
      'app.installed': { target: self, reenter: true },
      'app.failed': { target: '#' + errorId(entry), actions: 'recordFailure' },
      'app.hung': 'appHung',
      'apdp.appsDone': next,
    },
  };
}

const errorId = (entry: Entry) => (entry === 'user' ? 'apdpFailure' : 'cloudPcFailure');

/**
 * The body both entries share: join and enrollment (by the user, or by the Cloud PC agent), enrollment-time
 * grouping, the IME, the local-administrator step (user-driven only), the untracked MDM sync, the three
 * install steps, all under the policy's one timer.
 */
function provisioning(entry: Entry): StateConfig {
  const user = entry === 'user';
  const join: States = user
    ? entraJoinAndEnroll('deviceGroup')
    : {
        entraJoin: {
          description: 'The Cloud PC agent joins the new VM to Microsoft Entra ID; no user is involved.',
          tags: ['entraJoin', 'phase:cloudPc'],
          meta: { waits: 'w365.join', screen: 'cloudPcStatus', doc: D.automatic },
          on: { 'entra.joined': 'mdmEnrollment', 'entra.joinFailed': { target: '#failed', actions: 'recordFailure' } },
        },
        mdmEnrollment: {
          description: 'The Cloud PC enrolls in Intune, which applies the device preparation policy attached to the Cloud PC provisioning policy.',
          tags: ['mdmEnrollment', 'phase:cloudPc'],
          meta: { waits: 'w365.enroll', screen: 'cloudPcStatus', doc: D.automatic },
          on: { 'mdm.enrolled': 'deviceGroup', 'mdm.enrollmentFailed': { target: '#failed', actions: 'recordFailure' } },
        },
      };
  const screen = user ? 'devicePreparation' : 'cloudPcStatus';
  return {
    description: user
      ? 'The device preparation policy is running: one timer, set in the policy (15-720 minutes), covers everything from the join to "Required setup complete".'
      : 'The Windows 365 portal shows the Cloud PC as Preparing while the device preparation policy runs, under the policy\'s timer.',
    after: { devicePreparationTimeout: { target: '#' + errorId(entry), actions: { type: 'recordError', params: { code: 'APDP_TIMEOUT' } } } },
    initial: 'entraJoin',
    states: {
      ...join,
      deviceGroup: {
        description: 'Enrollment time grouping: Intune adds the device to the policy\'s assigned device group at enrollment, so what is targeted at that group reaches it at once, with no dynamic-group evaluation.',
        tags: ['phase:policyInstallation'],
        meta: { waits: 'apdp.deviceGroup', screen, doc: D.troubleshooting },
        on: { 'apdp.deviceGrouped': 'ime', 'apdp.groupingFailed': `#${entry}ProvisioningSkipped` },
      },
      ime: {
        description: 'The Intune Management Extension is installed: it runs the scripts and the Win32 and Store apps.',
        tags: ['phase:policyInstallation'],
        meta: { waits: 'apdp.ime', screen, doc: D.workflow },
        on: { 'apdp.imeInstalled': user ? 'localAdmin' : 'mdmSync', ...(user ? { 'app.hung': 'imeHung' } : {}) },
      },
      ...(user
        ? {
            imeHung: {
              description: 'The Intune Management Extension does not finish installing, as on a VM below 2 vCPU and 4 GB; device preparation has no step that fails on it, so nothing moves until the policy\'s timer runs out [INF].',
              tags: ['phase:policyInstallation'],
              meta: { screen, doc: D.workflow },
            },
            localAdmin: {
              description: 'The join made the user a local administrator; if the policy says Standard the user is removed from the Administrators group before the desktop.',
              tags: ['phase:policyInstallation'],
              meta: { waits: 'apdp.localAdmin', screen, doc: D.knownIssues },
              on: { 'apdp.accountTypeApplied': 'mdmSync', 'apdp.provisioningSkipped': `#${entry}ProvisioningSkipped` },
            },
          }
        : {}),
      mdmSync: {
        description: 'MDM sync: every MDM policy for the device syncs, but none is tracked; the deployment does not wait for them.',
        tags: ['phase:policyInstallation'],
        meta: { waits: 'apdp.mdmSync', screen, doc: D.workflow },
        on: { 'apdp.synced': 'lobApps' },
      },
      lobApps: installStep('apdp.lobApps', 'Line-of-business (MSI) apps and apps of the Microsoft 365 Apps type from the policy install, in System context (Microsoft 365 Apps packaged as a Win32 app, as the default app list has it, install with the Win32 apps after the scripts). Any failure fails the deployment.', 'lobApps', 'scripts', entry),
      scripts: {
        description: 'The policy\'s PowerShell scripts run in System context. Any failure fails the deployment.',
        tags: ['phase:scriptsInstallation'],
        meta: { waits: 'apdp.scripts', screen, doc: D.workflow },
        on: {
          'script.succeeded': { target: 'scripts', reenter: true },
          'script.failed': { target: '#' + errorId(entry), actions: 'recordFailure' },
          'apdp.scriptsDone': 'win32Apps',
        },
      },
      win32Apps: installStep('apdp.win32Apps', 'Win32, Microsoft Store and Enterprise App Catalog apps from the policy install. Mixing them with LOB apps is supported here. Any failure fails the deployment.', 'win32Apps', 'done', entry),
      appHung: {
        description: 'An installer restarted the device itself or waits forever; nothing moves until the policy\'s timer runs out.',
        tags: ['phase:appsInstallation'],
        meta: { screen, doc: D.troubleshooting },
      },
      done: { type: 'final' },
    },
    onDone: user ? 'finishing' : 'provisioned',
  };
}

/** The user-driven body: provisioning, its error page, "Required setup complete", sign-in, and the sync after the desktop. */
function userBody(): StateConfig {
  return {
    description: 'Device preparation, user-driven: a "Setting up for work or school" screen with a percentage ring, no ESP.',
    tags: ['clock:user', 'flow:user'],
    initial: 'policy',
    states: {
      policy: {
        description: 'If a device preparation policy targets one of the user\'s groups, it is delivered (the lowest priority number wins when several do).',
        tags: ['phase:identity'],
        meta: { waits: 'apdp.policy', screen: 'oobeWorking', doc: D.policy },
        on: { 'apdp.policyDelivered': 'provisioning', 'apdp.noPolicy': '#standardOobe' },
      },
      provisioning: provisioning('user'),
      apdpFailure: {
        id: 'apdpFailure',
        description: 'The installation error: the default or custom message, Retry, Continue anyway when the policy allows skipping after several attempts, and the diagnostics link if the policy shows it.',
        tags: ['errorPage', 'userInteraction'],
        meta: { waits: 'user.apdpError', screen: 'devicePreparationError', doc: D.troubleshooting },
        on: {
          // The device is joined and enrolled: Retry runs the provisioning again from the sync, under a new timer.
          'user.retry': { target: 'provisioning.mdmSync', actions: 'markRetried' },
          'user.continueAnyway': { guard: 'mayContinueAnyway', target: 'automaticSignIn', actions: 'markContinued' },
          'user.gaveUp': '#failed',
        },
      },
      userProvisioningSkipped: {
        id: 'userProvisioningSkipped',
        description: 'Provisioning is skipped: the user goes on to the desktop, and the policy\'s apps and scripts are not installed.',
        always: 'automaticSignIn',
      },
      finishing: {
        description: 'The ring reaches 100 %.',
        meta: { waits: 'apdp.finish', screen: 'devicePreparation', doc: D.knownIssues },
        on: { 'apdp.setupComplete': 'requiredSetupComplete', 'apdp.stuckAt100': 'stuckAt100' },
      },
      stuckAt100: {
        description: 'A known issue: the screen stays at 100 % and nothing moves until the user restarts the device by hand.',
        tags: ['userInteraction'],
        meta: { waits: 'user.manualRestart', screen: 'devicePreparation', doc: D.knownIssues },
        on: { 'user.restartedByHand': 'restartByHand' },
      },
      restartByHand: {
        description: 'The device restarts; the credentials typed at OOBE do not survive it, so the user signs in again.',
        meta: { waits: 'device.restart', screen: 'restarting' },
        on: { 'device.restarted': { target: 'automaticSignIn', actions: 'markCredentialsLost' } },
      },
      requiredSetupComplete: {
        description: '"Required setup complete": the user presses Continue, unless the policy moves on automatically.',
        always: { guard: 'continuesAutomatically', target: 'automaticSignIn' },
        tags: ['userInteraction'],
        meta: { waits: 'user.requiredSetupContinue', screen: 'devicePreparationComplete', doc: D.workflow },
        on: { 'user.continue': 'automaticSignIn' },
      },
      ...signInToDesktop('desktopSync', 'identity'),
      desktopSync: {
        description: 'The desktop: the user is signed in. Another sync delivers the rest without blocking the user: apps and scripts not in the policy, other MDM policy, and the user-targeted configuration (there is no user ESP).',
        tags: ['clock:idle'],
        meta: { waits: 'apdp.postDesktopSync', screen: 'desktop', doc: D.workflow },
        on: { 'apdp.userConfigurationDelivered': '#succeeded' },
      },
    },
  };
}

/** Windows 365 automatic mode: the Cloud PC agent creates the VM and the body runs without a user. */
function automaticBody(): StateConfig {
  const status = (description: string, waits: 'w365.statusProvisioned' | 'w365.statusWithWarnings' | 'w365.statusFailed', then: StateConfig['on']): StateConfig => ({
    description,
    tags: ['phase:cloudPc'],
    meta: { waits, screen: 'cloudPcStatus', doc: D.automatic },
    on: then,
  });
  return {
    description: 'Device preparation in automatic mode for Windows 365: the Cloud PC is prepared before anyone signs in.',
    tags: ['clock:unattended'],
    initial: 'createVm',
    states: {
      createVm: {
        description: 'The Cloud PC agent creates the virtual machine from the provisioning policy.',
        tags: ['phase:cloudPc'],
        meta: { waits: 'w365.createVm', screen: 'cloudPcStatus', doc: D.automatic },
        on: { 'w365.cloudPcCreated': 'provisioning' },
      },
      provisioning: provisioning('automatic'),
      automaticProvisioningSkipped: {
        id: 'automaticProvisioningSkipped',
        description: 'Provisioning is skipped: the Cloud PC is handed over without the policy\'s apps and scripts.',
        always: 'provisioned',
      },
      cloudPcFailure: {
        id: 'cloudPcFailure',
        description: 'The policy failed or timed out; the portal reports the phase (Policy installation, Apps installation or Scripts installation).',
        always: [{ guard: 'cloudPcAccessDenied', target: 'failedStatus' }, { target: 'provisionedWithWarnings' }],
      },
      provisioned: status('The portal shows the Cloud PC as Provisioned: the device preparation work is done and the user can connect.', 'w365.statusProvisioned', { 'w365.statusShown': '#succeeded' }),
      provisionedWithWarnings: status('The portal shows Provisioned with warnings: the policy did not complete, but the user can connect.', 'w365.statusWithWarnings', {
        'w365.statusShown': { target: '#succeeded', actions: 'markContinued' },
      }),
      failedStatus: status('The portal shows the Cloud PC as Failed: the provisioning policy denies access when the device preparation policy fails.', 'w365.statusFailed', { 'w365.statusShown': '#failed' }),
    },
  };
}

/** A sign-in state without the Autopilot tenant check's exit. */
function withoutTenantCheck(state: StateConfig): StateConfig {
  const { 'entra.tenantMismatch': _mismatch, 'entra.profileNotApplied': _notApplied, ...on } = (state.on ?? {}) as Record<string, unknown>;
  return { ...state, on: on as StateConfig['on'] };
}

/** The shared sign-in steps, narrated for ordinary OOBE: no Autopilot branding and no registration tenant to compare with. */
function ordinarySignIn(): States {
  const states = entraSignIn('signedIn', { assignsUser: false });
  return {
    entraSignIn: { ...states.entraSignIn, description: 'The Entra sign-in page of ordinary OOBE, with no Autopilot branding: the user types their work account and completes MFA.', meta: { waits: 'user.signIn', screen: 'entraSignIn', doc: D.workflow } },
    // No registration tenant to compare with, so no tenant mismatch: a user of another tenant joins it (the world's policy step).
    entraAuthentication: withoutTenantCheck({ ...states.entraAuthentication, description: 'Entra checks the credentials. With no Autopilot registration there is no registration tenant to compare with.' }),
  };
}

export const devicePreparationMachine = deployment.createMachine({
  id: 'device-preparation',
  description: 'Windows Autopilot device preparation: user-driven Entra join, or automatic mode for Windows 365 Cloud PCs.',
  context: ({ input }) => initialContext(input, 'user-driven'),
  initial: 'start',
  states: {
    start: {
      description: 'Power on (a physical device), or the Windows 365 service starts provisioning a Cloud PC.',
      always: [{ guard: 'automaticMode', target: 'cloudPc' }, { target: 'oobe' }],
    },
    oobe: { ...frontEnd('clock:user', { withoutProfile: true }), onDone: 'afterOobe' },
    afterOobe: {
      description: 'With an Autopilot profile downloaded, classic Autopilot takes the device; without one, OOBE goes on to the sign-in page.',
      always: [{ guard: 'noAutopilotProfile', target: 'signIn' }, { target: 'classic' }],
    },
    classic: {
      ...userDrivenBody('classic'),
      description: 'A registered device with a classic profile runs classic Autopilot (the ESP appears) and the device preparation policy never starts.',
    },
    signIn: {
      description: 'The Entra sign-in page of ordinary OOBE: no Autopilot branding.',
      tags: ['clock:user', 'flow:user'],
      initial: 'entraSignIn',
      states: { ...ordinarySignIn(), signedIn: { type: 'final' } },
      onDone: 'deployment',
    },
    deployment: userBody(),
    cloudPc: automaticBody(),
    // One end for the three ways here, so it says only what is true of each: what each way ends with is the state
    // before it (device preparation's desktop sync, classic Autopilot's user ESP, the Cloud PC's status in the portal).
    // §7 step 2: with no policy delivered the work account's sign-in joins Entra as an ordinary OOBE join, as the reasons
    // (failure-modes.ts, apdp.noPolicy) say; without internet there is no work sign-in at all.
    ...ends('Deployed: the device is ready for its user.', {
      standardOobe:
        'No device preparation policy is delivered (and no Autopilot profile applies): Windows goes on as ordinary OOBE. A work account\'s sign-in joins the device to Entra without provisioning, so no policy\'s apps or scripts are installed before the desktop; without internet no work account can sign in.',
    }),
  },
  output: outputOf,
});

// Identity steps shared by the user-driven flows (domain/autopilot.md §1.3, §2.1 U2-U4,
// §2.2 H2-H5, H7-H10): Entra sign-in, Entra join, MDM enrollment, the hybrid offline
// domain join through the Intune Connector for AD, the domain-controller check, and the
// domain logon that needs a DC or VPN.
import type { States } from '../setup.ts';

const fail = { target: '#failed', actions: 'recordFailure' } as const;

/** U2/H2 + the tenant check: the branded Entra sign-in page. */
/** `homeTenant`: the sign-in can go to the user's home tenant instead (a device another tenant registered); not in a pre-provisioned user flow, whose device the technician provisioned in its tenant. */
/** `phase`: identity where the join and enrollment follow; entraSignIn in a pre-provisioned user flow, which only signs in (§2.4 P2). */
export function entraSignIn(next: string, options: { assignsUser: boolean; homeTenant?: boolean; phase?: 'identity' | 'entraSignIn' }): States {
  const phase = `phase:${options.phase ?? 'identity'}` as const;
  return {
    entraSignIn: {
      description: 'The branded Entra sign-in page: the user types their work account (pre-filled when a user is assigned and the OEM allows it) and completes MFA.',
      tags: ['userInteraction', 'userAuthentication', phase, ...(options.assignsUser ? (['userAssignment'] as const) : [])],
      meta: { waits: 'user.signIn', screen: 'entraSignIn', doc: 'https://learn.microsoft.com/autopilot/user-driven' },
      on: { 'user.signedIn': 'entraAuthentication' },
    },
    entraAuthentication: {
      description: 'Entra checks the credentials and compares the user\'s tenant with the tenant the device is registered to (TenantMatched=1).',
      tags: ['userAuthentication', phase],
      meta: { waits: 'entra.authenticate', screen: 'oobeWorking', doc: 'https://learn.microsoft.com/autopilot/known-issues' },
      on: {
        'entra.authenticated': next,
        // §2.1 U2: a wrong password is the standard Entra retry on the same page.
        'entra.invalidCredentials': 'entraSignIn',
        'entra.tenantMismatch': fail,
        // §1.1 (FAQ): a device registered by another (hostile) tenant cannot force its profile on the user: the sign-in goes to
        // the user's home tenant, the tenants do not match, the profile is not applied and ordinary OOBE follows.
        ...(options.homeTenant === false ? {} : { 'entra.profileNotApplied': '#standardOobe' as const }),
        'entra.joinFailed': fail,
      },
    },
  };
}

/** U3 + U4: the device joins Entra with the user's identity, which triggers MDM auto-enrollment. */
export function entraJoinAndEnroll(next: string): States {
  return {
    entraJoin: {
      description: 'The device object is joined to Entra ID with the user\'s identity.',
      tags: ['entraJoin', 'phase:identity'],
      meta: { waits: 'entra.userJoin', screen: 'oobeWorking', doc: 'https://learn.microsoft.com/autopilot/troubleshoot-aad-join' },
      on: { 'entra.joined': 'mdmEnrollment', 'entra.joinFailed': fail },
    },
    ...mdmEnrollment(next, true),
  };
}

/** U4/H3: MDM auto-enrollment into Intune by the signed-in user, who becomes the primary user. */
export function mdmEnrollment(next: string, byUser: boolean): States {
  return {
    mdmEnrollment: {
      description: byUser
        ? 'Automatic MDM enrollment into Intune, triggered by the join. The enrolling user becomes the device\'s primary user.'
        : 'Intune enrollment, before the Active Directory join.',
      tags: ['mdmEnrollment', 'phase:identity', ...(byUser ? (['userAssignment'] as const) : [])],
      meta: { waits: 'mdm.userEnroll', screen: 'oobeWorking', doc: 'https://learn.microsoft.com/troubleshoot/mem/intune/device-enrollment/troubleshoot-windows-enrollment-errors' },
      on: { 'mdm.enrolled': next, 'mdm.enrollmentFailed': fail },
    },
  };
}

/**
 * H4 + H5: offline domain join blob through the connector, then the DC line-of-sight check. A user-driven join fails at the
 * sign-in screen (§4 0x80070774); `onError` (a state id) is the technician's red screen (§2.3 T9b), and `onEsp` shows the steps
 * on the technician's ESP row "Joining your organization's network" (§2.3 T6) rather than OOBE's working screen.
 */
export function hybridDomainJoin(
  next: string,
  options: { checkDc: 'always' | 'unlessSkipped' | 'technicianReading'; onError?: string; onEsp?: boolean },
): States {
  const failed = options.onError ? ({ target: options.onError, actions: 'recordFailure' } as const) : fail;
  const screen = options.onEsp ? ('esp' as const) : ('oobeWorking' as const);
  const afterBlob =
    options.checkDc === 'technicianReading'
      ? [{ guard: 'technicianNeedsDc' as const, target: 'domainControllerCheck' }, { target: next }]
      : 'domainControllerCheck';
  return {
    offlineDomainJoin: {
      description: 'Intune asks the Intune Connector for Active Directory for an offline domain join blob; the connector creates the computer object (Domain Join profile prefix + random characters, 15 at most) and the blob reaches the device.',
      tags: ['hybridJoin', 'phase:hybridJoin'],
      meta: { waits: 'connector.odj', screen, row: 'joiningNetwork', doc: 'https://learn.microsoft.com/autopilot/windows-autopilot-hybrid' },
      on: { 'connector.odjBlobDelivered': { target: 'afterOdjBlob' }, 'connector.odjFailed': failed },
    },
    afterOdjBlob: {
      description: 'The blob is on the device.',
      tags: ['hybridJoin', 'phase:hybridJoin'],
      always: afterBlob,
    },
    domainControllerCheck: {
      description: 'The device pings a domain controller to confirm line of sight, unless the profile says "Skip AD connectivity check" (needed for VPN scenarios).',
      tags: ['hybridJoin', 'domainController', 'phase:hybridJoin'],
      // H5: the profile's "Skip AD connectivity check" skips the ping wherever it runs, the 2023 reading's technician flow too (§10 #1).
      ...(options.checkDc !== 'always' ? { always: { guard: 'skipsAdConnectivityCheck', target: next } } : {}),
      meta: { waits: 'dc.ping', screen, row: 'joiningNetwork', doc: 'https://learn.microsoft.com/autopilot/windows-autopilot-hybrid' },
      on: { 'dc.reachable': next, 'dc.unreachable': failed },
    },
  };
}

/** H7-H8: restart to apply the domain join, then Ctrl+Alt+Del and on-premises credentials. */
export function domainLogon(next: string, options: { joinedEarlier?: boolean } = {}): States {
  return {
    domainJoinRestart: {
      // The same state with the device ESP shown or not (the ESP off, SkipDeviceStatusPage): no ESP may be said to close here.
      description: options.joinedEarlier
        ? 'After device setup (its ESP closes, where it was shown) the device restarts (pre-provision.md); the domain join itself was applied in the technician flow.'
        : 'After device setup (its ESP closes, where it was shown) the device restarts to apply the domain join.',
      tags: ['hybridJoin', 'phase:hybridJoin'],
      meta: { waits: 'device.restart', screen: 'restarting' },
      on: { 'device.restarted': { target: 'domainLogon', actions: 'markCredentialsLost' } },
    },
    domainLogon: {
      description: 'The Windows logon screen: the user presses Ctrl+Alt+Del and signs in with on-premises AD credentials, which needs a live domain controller (corporate network or a VPN started from the logon screen).',
      tags: ['userInteraction', 'userAuthentication', 'domainController', 'phase:windowsLogon'],
      meta: { waits: 'user.domainSignIn', screen: 'windowsLogon', doc: 'https://learn.microsoft.com/autopilot/tutorial/user-driven/hybrid-azure-ad-join-deploy-device' },
      on: {
        'user.domainSignedIn': { target: next, actions: 'clearCredentialsLost' },
        'dc.signInFailed': fail,
      },
    },
  };
}

/** H10: the forced sign-out at the end of the user ESP, then sign in again. */
export function signOutAndIn(next: string): States {
  return {
    signOutAndIn: {
      description: 'At the end of account setup a Microsoft Entra sign-in prompt may appear (not with ADFS single sign-on), then "Stay signed in to all your apps" (leave "Allow my organization to manage my device" ticked) and "You\'re all set". When the ESP finishes the user gets a Sign out button and signs in again with domain credentials; the sign-out is what puts admins into local Administrators.',
      tags: ['userInteraction', 'phase:accountSetup'],
      meta: { waits: 'user.signOutAndIn', screen: 'espSignOut' },
      on: { 'user.signedOutAndIn': next },
    },
  };
}

/**
 * U8: automatic sign-in with the OOBE credentials, unless a restart lost them. Classic Autopilot signs the user in
 * as the account setup ESP begins (its phase); where the user ESP does not run, no account setup ran, and the sign-in is
 * `withoutUserEsp`'s (a sign-in: identity; a pre-provisioned user flow's, its Entra sign-in). Device preparation has no
 * user ESP (§7), and its sign-in after "Required setup complete" is a sign-in (`phase`: identity).
 */
export function signInToDesktop(next: string, phase: 'accountSetup' | 'identity' = 'accountSetup', withoutUserEsp: 'identity' | 'entraSignIn' = 'identity'): States {
  const tag = `phase:${phase}` as const;
  const meta = phase === 'accountSetup' ? { phaseWithoutUserEsp: withoutUserEsp } : {};
  return {
    automaticSignIn: {
      description: 'The user is signed in with the credentials given on the sign-in page.',
      tags: [tag],
      meta,
      always: [{ guard: 'credentialsLost', target: 'reenterCredentials' }, { target: 'signingIn' }],
    },
    signingIn: {
      description: 'Windows signs the user in with the credentials from the sign-in page (a Privacy page may appear if not hidden).',
      tags: [tag],
      meta: { waits: 'device.autoSignIn', screen: 'oobeWorking', ...meta },
      on: { 'device.autoSignedIn': next, 'device.autoSignInPrompted': 'reenterCredentials' },
    },
    reenterCredentials: {
      // Two causes reach it (§2.1 U6a a restart, §3.3 a DeviceLock policy with none): the world's detail says which.
      description: 'Windows does not sign the user in with the credentials from the sign-in page, so the user types them again: a restart after they were typed loses them, and a DeviceLock policy can ask for them instead.',
      tags: ['userInteraction', 'userAuthentication', tag],
      meta: { waits: 'user.reenterCredentials', screen: 'entraSignIn', doc: 'https://learn.microsoft.com/mem/intune/enrollment/windows-enrollment-status', ...meta },
      on: { 'user.credentialsReentered': { target: next, actions: 'clearCredentialsLost' }, 'autologon.failed': fail },
    },
  };
}

// Where a run that got past its deployment ends, said once for the --json outcome (reachedDesktop), simulate's report and the
// studio's Intune record. A user's flow ends at the user's desktop. Where no one signs in, no desktop is reached:
// - a device with no user (self-deploying, or a device an existing-devices task sequence hands to self-deploying) ends at its
//   S6 end state (domain §2.6): the Windows sign-in screen, where any organisation user signs in later and the user ESP runs
//   then, or the kiosk account (kioskUser0) signed in by itself to its desktop;
// - an Autopilot Reset ends ready for the next user, who signs in later (§2.8 RL7, §2.9 RR6);
// - a Windows 365 Cloud PC in automatic mode ends at its status in the portal, Provisioned (or with warnings): its user
//   connects later (§7 automatic mode).

/** What the end of a run is read from: its scenario, the deployment that followed, its phases. */
type Ended = { scenario: string; followOn?: string | null; phaseMinutes: { kiosk?: number; cloudPc?: number } };

/** Where a run without a user at its end stops: null for a user's flow, which ends at the user's desktop. */
export function noUserEndScreen(o: Ended): 'kiosk' | 'signInScreen' | 'readyForNextUser' | 'cloudPcStatus' | null {
  if (o.scenario === 'reset') return 'readyForNextUser';
  if (o.scenario === 'device-preparation' && !o.followOn && o.phaseMinutes.cloudPc !== undefined) return 'cloudPcStatus';
  if (o.scenario !== 'self-deploying' && o.followOn !== 'self-deploying') return null;
  return o.phaseMinutes.kiosk !== undefined ? 'kiosk' : 'signInScreen';
}

/** Whether a run that got past its deployment (succeeded, or went on past an error page) put someone at a desktop. */
export function endsAtDesktop(o: Ended): boolean {
  const end = noUserEndScreen(o);
  return end === null || end === 'kiosk';
}

/** Where a run that went on past an error page ended with no user there, or null where a user continued to the desktop. */
export function noUserEnd(o: Ended): string | null {
  switch (noUserEndScreen(o)) {
    case 'kiosk':
      return 'someone continued past the error page: the kiosk account (kioskUser0) signed in by itself';
    case 'signInScreen':
      return 'someone continued past the error page: the device went on to the Windows sign-in screen, with no user signed in';
    case 'cloudPcStatus':
      return 'the Cloud PC was handed over "Provisioned with warnings", for its user to connect';
    default:
      return null;
  }
}

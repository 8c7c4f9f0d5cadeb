// Where a run that got past its deployment ends, said once for the --json outcome, simulate's report and the studio. A user's
// flow ends at the user's desktop. A device with no user (self-deploying, or a device an existing-devices task sequence hands to
// self-deploying) ends at its S6 end state (domain §2.6): the Windows sign-in screen, where no one has signed in and the user ESP
// waits for the first organisation user (no desktop yet), or the kiosk account (kioskUser0) signed in by itself to its desktop.

/** What the end of a run without a user is read from: its scenario, the deployment that followed, its phases. */
type Ended = { scenario: string; followOn?: string | null; phaseMinutes: { kiosk?: number } };

/** The end a device without a user reaches: 'kiosk' (kioskUser0 signed in), 'signInScreen' (no one signed in); null for a user's flow. */
export function noUserEndScreen(o: Ended): 'kiosk' | 'signInScreen' | null {
  if (o.scenario !== 'self-deploying' && o.followOn !== 'self-deploying') return null;
  return o.phaseMinutes.kiosk !== undefined ? 'kiosk' : 'signInScreen';
}

/** Whether a run that got past its deployment (succeeded, or continued past an error page) put someone at a desktop. */
export function endsAtDesktop(o: Ended): boolean {
  return noUserEndScreen(o) !== 'signInScreen';
}

/** The end a device without a user reached past the error page, or null where a user continued to the desktop. */
export function noUserEnd(o: Ended): string | null {
  const end = noUserEndScreen(o);
  if (end === null) return null;
  return end === 'kiosk'
    ? 'someone continued past the error page: the kiosk account (kioskUser0) signed in by itself'
    : 'someone continued past the error page: the device went on to the Windows sign-in screen, with no user signed in';
}

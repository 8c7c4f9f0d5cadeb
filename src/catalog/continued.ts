// Where "Continue anyway" on the ESP's error page takes a device that has no user. A self-deploying device (and a
// device that an existing-devices task sequence hands to one) goes on to its end state (domain §2.6 S6): the Windows
// sign-in screen, or the kiosk account signing in by itself. Said by simulate's outcome and the studio's Intune record.

/** The end a device without a user reached past the error page, or null where a user continued to the desktop. */
export function noUserEnd(o: { scenario: string; followOn?: string | null; phaseMinutes: { kiosk?: number } }): string | null {
  if (o.scenario !== 'self-deploying' && o.followOn !== 'self-deploying') return null;
  return o.phaseMinutes.kiosk !== undefined
    ? 'someone continued past the error page: the kiosk account (kioskUser0) signed in by itself'
    : 'someone continued past the error page: the device went on to the Windows sign-in screen, with no user signed in';
}

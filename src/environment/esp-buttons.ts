// The ESP error page's optional buttons as they take effect. "Block device use until all apps and
// profiles are installed" = Yes unlocks "Allow users to reset device if installation error occurs"
// and "Allow users to use device if installation error occurs" (domain §3.2: "Yes unlocks the next
// four settings"); with No the profile has no such settings, whatever a file says. One place for the
// machine's input (src/world), the world's person at the page and the studio's drawing of it.
import type { Environment } from './schema.ts';

export function espErrorButtons(esp: Environment['esp']): { reset: boolean; continueAnyway: boolean } {
  return { reset: esp.blockDeviceUse && esp.allowReset, continueAnyway: esp.blockDeviceUse && esp.allowContinueAnyway };
}

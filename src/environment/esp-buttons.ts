// The ESP profile's settings that "Block device use until all apps and profiles are installed" = Yes
// unlocks, as they take effect (domain §3.2: "Yes unlocks the next four settings"): "Allow users to
// reset device if installation error occurs", "Allow users to use device if installation error occurs",
// "Block device use until these required apps are installed" (All / Selected) and "Only fail selected
// blocking apps in technician phase". With No the profile has no such settings, whatever a file says.
// One place for the machine's input (src/world), the world's person at the page, its app lists and the
// studio's drawing of the page.
import type { Environment } from './schema.ts';

export function espErrorButtons(esp: Environment['esp']): { reset: boolean; continueAnyway: boolean } {
  return { reset: esp.blockDeviceUse && esp.allowReset, continueAnyway: esp.blockDeviceUse && esp.allowContinueAnyway };
}

/**
 * Which required apps the ESP waits for: with Block device use = No there is no Selected list, so every assigned
 * required app is tracked, as with All (the setting's own words: "until all apps and profiles are installed") [INF];
 * the user may still leave before they finish (people.leavesEspEarly). "Only fail selected blocking apps in technician
 * phase" is only shown with Selected (§2.3 forks), so it too is in effect only with Yes.
 */
export function espBlockingApps(esp: Environment['esp']): { blockingApps: 'all' | 'selected'; onlyFailSelectedInTechnicianPhase: boolean } {
  const selected = esp.blockDeviceUse && esp.blockingApps === 'selected';
  return { blockingApps: selected ? 'selected' : 'all', onlyFailSelectedInTechnicianPhase: selected && esp.onlyFailSelectedBlockingAppsInTechnicianPhase };
}

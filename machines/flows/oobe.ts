// OOBE front end, up to the point where scenarios diverge (domain/autopilot.md §1.1):
// network gate, Autopilot profile download (again after every restart), critical
// updates, then the profile-driven OOBE pages.
import type { StateConfig } from '../setup.ts';

const DOC = 'https://learn.microsoft.com/autopilot/troubleshoot-oobe';

export interface FrontEndOptions {
  /** Pre-provisioning: the technician acts on the first OOBE page instead of pressing Next (§2.3 T1). */
  stopAtFirstPage?: boolean;
  /** Existing devices: AutopilotConfigurationFile.json may stand in for a cloud profile (§2.7). */
  acceptsJson?: boolean;
  /** Device preparation: with no Autopilot profile OOBE carries on (event 807 is what device preparation expects, §7). */
  withoutProfile?: boolean;
  /**
   * Pre-provisioning's user flow: the technician provisioned the device (its profile is on disk, event 163; it is Entra
   * joined and enrolled), so there is no ordinary OOBE to fall back to. The user flow always needs internet (§2.4 P1):
   * without it the user cannot get past the network page to sign in (Entra is a hard dependency, §5.3) [INF].
   */
  provisioned?: boolean;
}

export function oobeFrontEnd(options: FrontEndOptions = {}): StateConfig {
  // Existing devices followed by pre-provisioning: the technician presses Win x5 on the first page (§2.3 T1).
  const afterUpdates = options.stopAtFirstPage
    ? 'done'
    : options.acceptsJson
      ? [{ guard: { type: 'modeIs', params: { mode: 'pre-provisioned' } } as const, target: 'done' }, { target: 'oobePages' }]
      : 'oobePages';
  return {
    description: options.withoutProfile
      ? 'OOBE front end: network, the Autopilot profile download (none, for device preparation), critical updates, then the OOBE pages.'
      : 'OOBE front end: network, Autopilot profile download, critical updates, then the OOBE pages the profile does not hide.',
    tags: ['phase:oobe'],
    initial: 'networkGate',
    states: {
      networkGate: {
        description: 'Windows proves internet reachability through NCSI. On a wired network with internet no network page appears.',
        meta: { waits: 'network.gate', screen: 'oobeStart', doc: 'https://learn.microsoft.com/autopilot/requirements' },
        on: {
          'network.wired': 'profileDownload',
          'network.needsSetup': 'regionAndKeyboard',
          // §1.1: with no connectivity OOBE shows region, keyboard and "Let's connect you to a network".
          'network.unavailable': options.provisioned ? 'regionAndKeyboard' : '#standardOobe',
        },
      },
      regionAndKeyboard: {
        description: options.provisioned
          ? 'Without a wired connection the user flow shows country or region and keyboard, then the network page: it needs the internet to sign the user in (the profile is on disk since the technician flow).'
          : 'Without a wired connection OOBE shows country or region and keyboard, even if the profile hides them: the profile is not downloaded yet.',
        tags: ['userInteraction'],
        meta: { waits: 'user.regionAndKeyboard', screen: 'oobeRegion', doc: 'https://learn.microsoft.com/autopilot/profiles' },
        on: { 'user.regionAndKeyboardChosen': 'connectToNetwork' },
      },
      connectToNetwork: {
        description: '"Let\'s connect you to a network": the person picks a Wi-Fi network and enters its key.',
        tags: ['userInteraction'],
        meta: { waits: 'user.wifi', screen: 'oobeNetwork' },
        on: {
          'user.wifiJoined': 'profileDownload',
          // A provisioned device has no ordinary OOBE to fall back to: with no network that reaches the internet the
          // user can only give up here.
          ...(options.provisioned
            ? { 'user.gaveUp': { target: '#failed', actions: { type: 'recordError', params: { code: 'USER_FLOW_NO_INTERNET' } } } as const }
            : { 'network.unavailable': '#standardOobe' as const }),
        },
      },
      profileDownload: {
        description: 'The device asks the Autopilot deployment service (ztd.dds.microsoft.com) for its profile: events 160, 161, 153 and 111 when one is assigned.',
        meta: { waits: 'profile.download', screen: 'oobeWorking', doc: DOC },
        on: {
          'profile.downloaded': { target: 'criticalUpdates', actions: 'applyProfile' },
          ...(options.acceptsJson ? { 'profile.jsonApplied': { target: 'criticalUpdates', actions: 'applyProfile' } as const } : {}),
          'profile.unavailable': options.withoutProfile ? { target: 'criticalUpdates', actions: 'markNoProfile' } : '#standardOobe',
        },
      },
      criticalUpdates: {
        description: 'OOBE checks for critical (zero-day) updates and Autopilot\'s own updates; if Windows Update is unreachable it carries on without them.',
        meta: { waits: 'oobe.criticalUpdates', screen: 'oobeUpdates' },
        on: { 'zdp.none': afterUpdates, 'zdp.installed': 'updateRestart' },
      },
      updateRestart: {
        description: 'The critical update restarts the device; after the restart the profile is downloaded again (Windows 10 1809 and later).',
        meta: { waits: 'device.restart', screen: 'restarting' },
        on: { 'device.restarted': 'profileDownload' },
      },
      ...(options.stopAtFirstPage ? {} : { oobePages: options.withoutProfile ? ordinaryPagesState : pagesState }),
      done: { type: 'final' },
    },
  };
}

const pagesState: StateConfig = {
  description: 'Language, keyboard, licence terms and privacy pages appear unless the profile hides them.',
  tags: ['userInteraction'],
  meta: { waits: 'oobe.pages', screen: 'oobePages', doc: 'https://learn.microsoft.com/autopilot/profiles' },
  on: { 'user.oobePagesCompleted': 'done', 'oobe.pagesSkipped': 'done' },
};

// Device preparation has no Autopilot profile (§7 step 1: ordinary OOBE), so no profile hides a page; only a registered
// device that classic Autopilot takes has one (§7 coexistence).
const ordinaryPagesState: StateConfig = {
  ...pagesState,
  description: 'Language, keyboard, licence terms and privacy pages appear as in ordinary OOBE: device preparation has no Autopilot profile to hide them (a registered device that classic Autopilot takes has its profile\'s hidden pages).',
};

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

/** How many successful devices ended where: with someone at a desktop (a user's, or a kiosk's account), or at a no-user end. */
export interface SuccessEnds {
  desktop: number;
  signInScreen: number;
  readyForNextUser: number;
  cloudPcStatus: number;
}

/** The fleet reports' words for a success and its time, from where the successful devices ended. */
export interface SuccessWords {
  /** "reached the desktop": "N of M …", "These devices …". */
  reached: string;
  /** "reach the desktop": "did not …". */
  reach: string;
  /** "Time to desktop" (a heading). */
  time: string;
  /** "minutes to desktop" (an axis, a column). */
  minutes: string;
  /** "no device reached the desktop": where none succeeded ("no device were provisioned" read for Cloud PCs). */
  none: string;
}

const WORDS: Record<keyof SuccessEnds | 'mixed', SuccessWords> = {
  desktop: { reached: 'reached the desktop', reach: 'reach the desktop', time: 'Time to desktop', minutes: 'minutes to desktop', none: 'no device reached the desktop' },
  signInScreen: { reached: 'reached the sign-in screen', reach: 'reach the sign-in screen', time: 'Time to the sign-in screen', minutes: 'minutes to the sign-in screen', none: 'no device reached the sign-in screen' },
  readyForNextUser: { reached: 'ended ready for the next user', reach: 'end ready for the next user', time: 'Time to ready', minutes: 'minutes to ready', none: 'no device ended ready for the next user' },
  cloudPcStatus: { reached: 'were provisioned for their user', reach: 'get provisioned for their user', time: 'Time to provisioned', minutes: 'minutes to provisioned', none: 'no Cloud PC was provisioned for its user' },
  mixed: { reached: 'completed', reach: 'complete', time: 'Time to completion', minutes: 'minutes to completion', none: 'no device completed' },
};

/**
 * Words for a fleet's (or a group's, a site's) success: a user's flow reaches the desktop; where every success ended at
 * one no-user end its own words (a self-deploying device at the sign-in screen, a reset ready for the next user, a Cloud
 * PC provisioned); where successes ended at more than one kind of end (kiosks and laptops at the sign-in screen),
 * "completed". With no success (or no count, an older report), the desktop's words.
 */
export function successWords(ends: SuccessEnds | undefined, sought?: ReadonlyArray<keyof SuccessEnds>): SuccessWords {
  const kinds = ends ? (Object.keys(ends) as Array<keyof SuccessEnds>).filter((k) => ends[k] > 0) : [];
  // No success: the ends the devices were headed for, where the report knows them (a self-deploying fleet that all failed
  // read "no device reached the desktop").
  const said = kinds.length ? kinds : (sought ?? []);
  if (said.length === 0) return WORDS.desktop;
  return said.length === 1 ? WORDS[said[0]!] : WORDS.mixed;
}

/** A report's (or a slice's, a sweep row's, a ranked summary's) words: where its successes ended, or with none where its devices were headed. */
export const wordsOf = (x: { successEnds?: SuccessEnds; endsSought?: ReadonlyArray<keyof SuccessEnds> } | undefined): SuccessWords => successWords(x?.successEnds, x?.endsSought);

/** The words for several reports' (or slices', a sweep's rows') successes together: compare's two runs, a sweep's values. */
export const wordsOfAll = (all: ReadonlyArray<{ successEnds?: SuccessEnds; endsSought?: ReadonlyArray<keyof SuccessEnds> } | undefined>): SuccessWords =>
  successWords(sumEnds(all.map((x) => x?.successEnds)), soughtOf(all));

/** Where the successes of several reports or slices ended, together (a slice pooling sites, compare's two runs, a sweep's values). */
export function sumEnds(all: ReadonlyArray<SuccessEnds | undefined>): SuccessEnds {
  const sum = (k: keyof SuccessEnds) => all.reduce((n, e) => n + (e?.[k] ?? 0), 0);
  return { desktop: sum('desktop'), signInScreen: sum('signInScreen'), readyForNextUser: sum('readyForNextUser'), cloudPcStatus: sum('cloudPcStatus') };
}

/** The ends several reports' devices were headed for, in SuccessEnds' order, where none succeeded. */
export function soughtOf(all: ReadonlyArray<{ endsSought?: ReadonlyArray<keyof SuccessEnds> } | undefined>): Array<keyof SuccessEnds> | undefined {
  const kinds = new Set(all.flatMap((x) => x?.endsSought ?? []));
  return kinds.size ? END_ORDER.filter((k) => kinds.has(k)) : undefined;
}

const END_ORDER: Array<keyof SuccessEnds> = ['desktop', 'signInScreen', 'readyForNextUser', 'cloudPcStatus'];

/**
 * Where a device set up so would end if it succeeded, read from its environment as noUserEndScreen reads a run: a reset
 * ready for the next user, a Cloud PC in automatic mode at its status, a self-deploying device (or an existing device whose
 * JSON profile is self-deploying) at the sign-in screen, or at the kiosk account's desktop with kiosk autologon; a user's
 * flow at the desktop. The profile a run resolves can differ (an existing device that downloads a cloud profile): this is
 * the file's, for the words of a report where no device succeeded.
 */
export function endSought(env: {
  scenario: string;
  profile: { kioskAutologon: boolean };
  devicePreparation: { mode: string };
  existingDevices: { jsonProfile: { deploymentMode: string } };
}): keyof SuccessEnds {
  const end = noUserEndScreen({
    scenario: env.scenario,
    followOn: env.scenario === 'existing-devices' ? env.existingDevices.jsonProfile.deploymentMode : null,
    phaseMinutes: { kiosk: env.profile.kioskAutologon ? 0 : undefined, cloudPc: env.devicePreparation.mode === 'automatic' ? 0 : undefined },
  });
  return end === null || end === 'kiosk' ? 'desktop' : end;
}

// The tenant's Autopilot deployment profiles, as Graph exports them (GET deviceManagement/windowsAutopilotDeploymentProfiles:
// #microsoft.graph.azureADWindowsAutopilotDeploymentProfile, Entra join, and activeDirectoryWindowsAutopilotDeploymentProfile,
// hybrid join), read beside the deployment records, whose windowsAutopilotDeploymentProfileDisplayName names the profile each
// deployment ran with. The records give the name only: without the export, the twin's profile is the model's defaults, and
// calibrate says so. With it, the twin's profile settings come from the profile its segment's deployments named most, by the
// Graph reference's properties (intune-enrollment-windowsautopilotdeploymentprofile.md, outOfBoxExperienceSetting and the
// older outOfBoxExperienceSettings) mapped onto the profile settings of domain notes §2.1: the OOBE pages hidden, the user's
// account type, and hybrid's Skip AD connectivity check. Where the profile says another join or mode than the deployments'
// enrollmentType, the deployments decide, and the report says so.
import { InputError } from '../environment/load.ts';
import { count, pct } from '../format.ts';
import type { RawEvent } from './read.ts';
import { shown } from './profiles.ts';
import { lowerKeys } from './esp-profile.ts';
import type { Segment } from './graph.ts';

/** Hidden OOBE pages, as the environment names them (schema profile.hiddenPages). */
export type HiddenPage = 'language' | 'keyboard' | 'eula' | 'privacy' | 'change-account';

/** What the twin takes from an exported deployment profile: the environment's profile fields. */
export interface DeploymentProfileSettings {
  hiddenPages?: HiddenPage[];
  userAccountType?: 'standard' | 'administrator';
  skipAdConnectivityCheck?: boolean;
}

export interface DeploymentProfile {
  file: string;
  record: number;
  name: string | null;
  /** Hybrid (activeDirectoryWindowsAutopilotDeploymentProfile) or Entra join, where its @odata.type says. */
  joinType: 'entra' | 'hybrid' | null;
  /** deviceUsageType shared: self-deploying mode. */
  shared: boolean | null;
  /** enableWhiteGlove / preprovisioningAllowed. */
  preProvisioning: boolean | null;
  settings: DeploymentProfileSettings;
  /** Graph's property behind each setting taken. */
  from: Array<[setting: keyof DeploymentProfileSettings, property: string]>;
}

/** Whether a record is a deployment profile (deviceManagement/windowsAutopilotDeploymentProfiles), not a deployment. */
export function isDeploymentProfile(e: RawEvent): boolean {
  const p = lowerKeys(e);
  const type = p.get('@odata.type');
  if (typeof type === 'string') return /windowsautopilotdeploymentprofile$/i.test(type);
  return !p.has('enrollmenttype') && !p.has('deploymentstate') && (p.has('outofboxexperiencesetting') || p.has('outofboxexperiencesettings'));
}

/** The OOBE setting behind each hidden page, in the newer outOfBoxExperienceSetting's names, then the older outOfBoxExperienceSettings'. */
const PAGES: ReadonlyArray<[page: HiddenPage, newer: string, older: string]> = [
  ['eula', 'eulaHidden', 'hideEULA'],
  ['privacy', 'privacySettingsHidden', 'hidePrivacySettings'],
  ['change-account', 'escapeLinkHidden', 'hideEscapeLink'],
  ['keyboard', 'keyboardSelectionPageSkipped', 'skipKeyboardSelectionPage'],
];

/** A deployment profile from one record of the export. A property of the wrong type is an InputError naming the file, the record and the property. */
export function readDeploymentProfile(file: string, record: number, e: RawEvent): DeploymentProfile {
  const p = lowerKeys(e);
  const at = (property: string) => `record ${record}: ${property}`;
  const type = p.get('@odata.type');
  const joinType = typeof type === 'string' ? (/activedirectory/i.test(type) ? 'hybrid' : /azuread/i.test(type) ? 'entra' : null) : null;
  // The newer outOfBoxExperienceSetting, else the older outOfBoxExperienceSettings (deprecated since May 2024, still written).
  const newer = p.get('outofboxexperiencesetting');
  const older = p.get('outofboxexperiencesettings');
  for (const [name, v] of [['outOfBoxExperienceSetting', newer], ['outOfBoxExperienceSettings', older]] as const) {
    if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) {
      throw new InputError(file, at(name), `expected an object of OOBE settings, got ${typeof v === 'string' ? 'text (Export-Csv writes an object as text: export the profiles as JSON, ConvertTo-Json -Depth 10)' : Array.isArray(v) ? 'a list' : typeof v}`);
    }
  }
  const [oobeName, oobe] = newer ? ['outOfBoxExperienceSetting', newer] : ['outOfBoxExperienceSettings', older];
  const o = oobe ? lowerKeys(oobe as Record<string, unknown>) : new Map<string, unknown>();
  const bool = (map: Map<string, unknown>, property: string, where: string): boolean | null => {
    const v = map.get(property.toLowerCase());
    if (v === undefined || v === null) return null;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return /^true$/i.test(v.trim());
    throw new InputError(file, at(where), `expected true or false, got ${typeof v === 'string' ? JSON.stringify(v.slice(0, 20)) : typeof v}`);
  };
  const settings: DeploymentProfileSettings = {};
  const from: DeploymentProfile['from'] = [];
  if (oobe) {
    const pages: HiddenPage[] = [];
    const props: string[] = [];
    for (const [page, n, old] of PAGES) {
      const property = o.has(n.toLowerCase()) ? n : old;
      const v = bool(o, property, `${oobeName}.${property}`);
      if (v === true) pages.push(page);
      if (v !== null) props.push(property);
    }
    if (props.length) {
      settings.hiddenPages = pages;
      from.push(['hiddenPages', `${oobeName}: ${props.join(', ')}`]);
    }
    const user = o.get('usertype');
    if (user !== undefined && user !== null) {
      if (typeof user !== 'string' || !/^(standard|administrator)$/i.test(user)) throw new InputError(file, at(`${oobeName}.userType`), `expected administrator or standard, got ${typeof user === 'string' ? JSON.stringify(user.slice(0, 20)) : typeof user}`);
      settings.userAccountType = user.toLowerCase() as 'standard' | 'administrator';
      from.push(['userAccountType', `${oobeName}.userType`]);
    }
  }
  const skip = bool(p, 'hybridAzureADJoinSkipConnectivityCheck', 'hybridAzureADJoinSkipConnectivityCheck');
  if (skip !== null && joinType !== 'entra') {
    settings.skipAdConnectivityCheck = skip;
    from.push(['skipAdConnectivityCheck', 'hybridAzureADJoinSkipConnectivityCheck']);
  }
  const usage = o.get('deviceusagetype');
  const preProvisioning = bool(p, 'preprovisioningAllowed', 'preprovisioningAllowed') ?? bool(p, 'enableWhiteGlove', 'enableWhiteGlove');
  const name = p.get('displayname');
  return {
    file,
    record,
    name: typeof name === 'string' && name !== '' ? name : null,
    joinType,
    shared: typeof usage === 'string' ? /^shared$/i.test(usage) : null,
    preProvisioning,
    settings,
    from,
  };
}

/** Which exported deployment profile a segment's deployments named most, of the names they give. */
export interface DeploymentProfileUse {
  profile: DeploymentProfile;
  deployments: number;
  of: number;
}

/** A profile as an output names it: its name where it may be shown, else its place in the export. */
export const deploymentProfileLabel = (p: Pick<DeploymentProfile, 'name' | 'record' | 'file'>): string => (p.name && shown(p.name) ? `"${p.name}"` : `the deployment profile at record ${p.record} of ${p.file}`);

/** The exported profile the segment's deployments named most (by windowsAutopilotDeploymentProfileDisplayName), or null. */
export function deploymentProfileFor(names: ReadonlyMap<string, { events: number }>, events: number, profiles: readonly DeploymentProfile[]): DeploymentProfileUse | null {
  let best: DeploymentProfileUse | null = null;
  for (const [name, { events: n }] of names) {
    if (name === '') continue;
    const profile = profiles.find((p) => p.name === name);
    if (profile && (!best || n > best.deployments)) best = { profile, deployments: n, of: events };
  }
  return best;
}

/** The environment's profile fields from a segment's exported deployment profile (existing devices run their JSON profile: none). */
export function deploymentProfileSettings(segment: Segment, use: DeploymentProfileUse | null | undefined): DeploymentProfileSettings {
  if (!use || segment.scenario === 'existing-devices' || segment.scenario === 'device-preparation') return {};
  const { skipAdConnectivityCheck, ...rest } = use.profile.settings;
  return { ...rest, ...(segment.joinType === 'hybrid' && skipAdConnectivityCheck !== undefined ? { skipAdConnectivityCheck } : {}) };
}

/**
 * What the twin's profile is, in a sentence, where the segment's deployments name deployment profiles: taken from the
 * exported one (which settings, from which property), or the model's defaults, the records giving a name only.
 */
export function deploymentProfileNote(segment: Segment, names: ReadonlyMap<string, { events: number }>, events: number, use: DeploymentProfileUse | null, exported: number): string | null {
  if (segment.scenario === 'device-preparation') return null;
  const named = [...names].filter(([name]) => name !== '').map(([name, t]) => [name, t.events] as const).sort((a, b) => b[1] - a[1]);
  const naming = named.reduce((a, [, n]) => a + n, 0);
  if (naming === 0 && !use) return null;
  const list = named.slice(0, 3).map(([name, n]) => `${shown(name) ? `"${name}"` : 'a name not shown'} ${pct(n / events)}`).join(', ');
  const names3 = `${count(naming)} of the ${count(events)} deployments name ${named.length === 1 ? 'a deployment profile' : `${count(named.length)} deployment profiles`} (windowsAutopilotDeploymentProfileDisplayName: ${list}${named.length > 3 ? ', ...' : ''})`;
  if (segment.scenario === 'existing-devices') return `${names3}; Autopilot for existing devices runs the JSON profile on the device, not a deployment profile: the twin's is the model's, as it was`;
  if (!use) {
    const why = exported ? `none of those names is in the deployment profiles export (${count(exported)} profile${exported === 1 ? '' : 's'})` : 'the records give a profile\'s name, not its settings';
    return `${names3}; ${why}, so the twin's profile is the model's defaults (the EULA, privacy and change-account pages hidden, a standard user account)${exported ? '' : ': give the deployment profiles export beside the records (Graph\'s beta deviceManagement/windowsAutopilotDeploymentProfiles, every page) to take the OOBE pages hidden, the user account type and hybrid\'s Skip AD connectivity check from the profile the deployments name'}`;
  }
  const settings = deploymentProfileSettings(segment, use);
  const taken = use.profile.from.filter(([setting]) => setting in settings).map(([setting, property]) => `profile.${setting} ${Array.isArray(settings[setting]) ? `[${(settings[setting] as string[]).join(', ')}]` : String(settings[setting])} (${property})`);
  const others = naming - use.deployments;
  return `profile from the tenant's deployment profile ${deploymentProfileLabel(use.profile)}, the one ${count(use.deployments)} of the segment's ${count(events)} deployments name: ${taken.length ? taken.join(', ') : 'no setting the model has'}; the other profile settings are the model's defaults${others > 0 ? `; ${count(others)} deployment${others === 1 ? '' : 's'} name${others === 1 ? 's' : ''} other profiles, whose settings the twin does not take` : ''}`;
}

/** Where the exported deployment profile and the deployments disagree: their enrollmentType decides the twin's flow and join. */
export function deploymentProfileFlags(segment: Segment, use: DeploymentProfileUse | null): string[] {
  if (!use) return [];
  const p = use.profile;
  const label = deploymentProfileLabel(p);
  const flags: string[] = [];
  if (p.joinType && segment.scenario !== 'existing-devices' && p.joinType !== segment.joinType) flags.push(`${label} is ${p.joinType === 'hybrid' ? 'a hybrid join profile (activeDirectoryWindowsAutopilotDeploymentProfile)' : 'an Entra join profile (azureADWindowsAutopilotDeploymentProfile)'}, but the deployments naming it enrolled as ${segment.joinType === 'hybrid' ? 'hybrid join' : 'Entra join'} (their enrollmentType): the twin joins as the deployments did; was the profile changed since they ran?`);
  if (p.shared !== null && (segment.scenario === 'user-driven' || segment.scenario === 'self-deploying') && p.shared !== (segment.scenario === 'self-deploying')) flags.push(`${label} says deviceUsageType ${p.shared ? 'shared (self-deploying mode)' : 'singleUser (user-driven mode)'}, but the deployments naming it ran ${segment.scenario} (their enrollmentType): the twin runs as the deployments did`);
  if (p.preProvisioning === false && segment.scenario === 'pre-provisioned') flags.push(`${label} does not allow pre-provisioning (enableWhiteGlove or preprovisioningAllowed false), but the deployments naming it were pre-provisioned (their enrollmentType): the twin pre-provisions, as the deployments did; was the profile changed since?`);
  return flags;
}

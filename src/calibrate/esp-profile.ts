// The tenant's Enrollment Status Page profiles, as Graph exports them (GET deviceManagement/deviceEnrollmentConfigurations:
// the @odata.type #microsoft.graph.windows10EnrollmentCompletionPageConfiguration among the tenant's other enrollment
// configurations), read beside the deployment records: the twin's ESP timeout and failure behaviour then come from the
// profile its segment's deployments used, not from the model's defaults. Properties as the Graph reference documents
// them (api-reference/beta/resources/intune-onboarding-windows10enrollmentcompletionpageconfiguration.md), each mapped onto
// the ESP settings of domain notes §3.2 where one is; the rest are read and said not to be applied, with the reason.
import { InputError } from '../environment/load.ts';
import { count } from '../format.ts';
import type { RawEvent } from './read.ts';
import { OTHER_PROFILES, shown, type ProfileTally } from './profiles.ts';

/** The ESP profile's @odata.type, and the deviceEnrollmentConfigurationType values of an ESP profile (the default one too). */
const ESP_TYPE = 'microsoft.graph.windows10enrollmentcompletionpageconfiguration';
const ESP_CONFIGURATION_TYPES = new Set(['windows10enrollmentcompletionpageconfiguration', 'defaultwindows10enrollmentcompletionpageconfiguration']);

/** What the twin takes from an exported ESP profile: the environment's esp fields. */
export interface EspSettings {
  timeoutMinutes: number;
  allowReset?: boolean;
  allowContinueAnyway?: boolean;
  collectLogs?: boolean;
}

/** One ESP profile read from an export: its settings as the environment names them, and what else it says. */
export interface EspProfile {
  file: string;
  record: number;
  name: string | null;
  /** Its id, as the deployments' windows10EnrollmentCompletionPageConfigurationId: to match, never shown. */
  id: string | null;
  /** The built-in default profile (deviceEnrollmentConfigurationType defaultWindows10EnrollmentCompletionPageConfiguration, or priority 0). */
  isDefault: boolean;
  settings: EspSettings;
  /** Graph's property behind each setting taken, in the order read. */
  from: Array<[setting: keyof EspSettings, property: string]>;
  /** Properties read and not applied, each with why. */
  notApplied: string[];
  /** showInstallationProgress, where the profile gives it: held against whether the deployments show device setup. */
  showsProgress: boolean | null;
  /** blockDeviceSetupRetryByUser, where given: held against the deployments' successes on retry. */
  blocksRetry: boolean | null;
}

/** A record's properties by their lower-case names, the SDK's AdditionalProperties (derived types' own) merged in. */
export function lowerKeys(e: RawEvent): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(e)) {
    if (/^additionalproperties$/i.test(k) && v && typeof v === 'object' && !Array.isArray(v)) for (const [k2, v2] of Object.entries(v)) out.set(k2.toLowerCase(), v2);
    else out.set(k.toLowerCase(), v);
  }
  return out;
}

/**
 * Whether a record is one of deviceManagement/deviceEnrollmentConfigurations (an ESP profile or another enrollment
 * configuration: limits, platform restrictions, Windows Hello), not a deployment: by its @odata.type or its
 * deviceEnrollmentConfigurationType.
 */
export function isEnrollmentConfiguration(e: RawEvent): boolean {
  const p = lowerKeys(e);
  const type = p.get('@odata.type');
  return (typeof type === 'string' && /configuration$/i.test(type) && /^#?microsoft\.graph\./i.test(type)) || typeof p.get('deviceenrollmentconfigurationtype') === 'string' || p.has('installprogresstimeoutinminutes');
}

/** Whether an enrollment configuration is an ESP profile. */
function isEspProfile(p: Map<string, unknown>): boolean {
  const type = p.get('@odata.type');
  const kind = p.get('deviceenrollmentconfigurationtype');
  return (typeof type === 'string' && type.replace(/^#/, '').toLowerCase() === ESP_TYPE) || (typeof kind === 'string' && ESP_CONFIGURATION_TYPES.has(kind.toLowerCase())) || p.has('installprogresstimeoutinminutes');
}

/**
 * The settings each Boolean property gives (domain notes §3.2: "Allow users to reset device if installation error occurs",
 * "Allow users to use device if installation error occurs", "Turn on log collection and diagnostics page"). showInstallationProgress is held against the deployments instead: whether they show device setup at all.
 * installQualityUpdates is not applied: see NOT_APPLIED.
 */
const BOOLEANS: ReadonlyArray<[property: string, setting: keyof EspSettings]> = [
  ['allowDeviceResetOnInstallFailure', 'allowReset'],
  ['allowDeviceUseOnInstallFailure', 'allowContinueAnyway'],
  ['allowLogCollectionOnInstallFailure', 'collectLogs'],
];

/** Properties read and not applied, and why (a Boolean each, but selectedMobileAppIds). */
const NOT_APPLIED: ReadonlyArray<[property: string, why: (v: unknown) => string | null]> = [
  ['blockDeviceSetupRetryByUser', (v) => (v === true ? 'blockDeviceSetupRetryByUser true (no Try again on the error page): the model has no such setting; the twin\'s people retry where the tenant\'s deployments succeeded on retry' : null)],
  ['selectedMobileAppIds', (v) => (Array.isArray(v) && v.length ? `selectedMobileAppIds: ${v.length} app${v.length === 1 ? '' : 's'} selected to block on, device and user apps together: the twin tracks --device-apps and --user-apps (their number, not which)` : null)],
  // Decided with domain notes §3.2 (installQualityUpdates: 'Runs after the ESP at the end of OOBE. Adds 20-40 min', Windows
  // 11 only, at the tenant's update rings): not applied. The tenant's durations hold whatever its quality updates took, at
  // its own rings, in the duration Graph counts them in (Graph does not say; run after the ESP, they are in the total outside
  // device and account setup, which the fit gives to the enrollment steps' factor). The model's 20-40 minutes on top counted
  // them twice (a profile saying true beside the bundled sample's durations: device setup steps x0.1). So the twin cannot
  // answer a what-if without them, and the note says so: turning esp.installQualityUpdates off changes nothing on it.
  ['installQualityUpdates', (v) => (v === true ? 'installQualityUpdates true: the deployments\' durations already hold the time the quality updates took, at the tenant\'s own update rings, in whichever duration Graph counts them (it does not say; domain notes §3.2 run them after the ESP, in the total outside device and account setup, which the fit gives to the enrollment steps\' factor); esp.installQualityUpdates stays false, as the model\'s 20–40 minutes on top would count them twice, so a what-if without the quality updates is not one this twin answers: its durations keep them (calibrate deployments of a profile without them for that)' : null)],
  ['trackInstallProgressForAutopilotOnly', () => null],
  ['disableUserStatusTrackingAfterFirstUser', () => null],
  ['allowNonBlockingAppInstallation', (v) => (v === true ? 'allowNonBlockingAppInstallation true: pre-provisioning\'s technician phase only, with apps selected' : null)],
];

/**
 * An ESP profile from one record of an enrollment configurations export, or null for another configuration (limits,
 * Windows Hello...). A property of the wrong type is an InputError naming the file, the record and the property.
 */
export function readEspProfile(file: string, record: number, e: RawEvent): EspProfile | null {
  const p = lowerKeys(e);
  if (!isEspProfile(p)) return null;
  const at = (property: string) => `record ${record}: ${property}`;
  const timeout = p.get('installprogresstimeoutinminutes');
  // The timeout is what an ESP profile is read for: a query's $select without it said nothing, and the twin kept 60.
  if (timeout === undefined || timeout === null) throw new InputError(file, at('installProgressTimeoutInMinutes'), 'expected the ESP profile\'s timeout in minutes (Graph writes it in every profile): export every property (no $select in the query, no Select-Object) and calibrate that file');
  const minutes = typeof timeout === 'string' && /^\d+$/.test(timeout.trim()) ? Number(timeout) : timeout;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > 10_000) throw new InputError(file, at('installProgressTimeoutInMinutes'), `expected whole minutes from 1 to 10000, got ${typeof timeout === 'number' ? timeout : typeof timeout === 'string' ? JSON.stringify(timeout.slice(0, 20)) : Array.isArray(timeout) ? 'a list' : typeof timeout}`);
  const settings: EspSettings = { timeoutMinutes: minutes };
  const from: EspProfile['from'] = [['timeoutMinutes', 'installProgressTimeoutInMinutes']];
  const bool = (property: string): boolean | null => {
    const v = p.get(property.toLowerCase());
    if (v === undefined || v === null) return null;
    if (typeof v === 'boolean') return v;
    // Export-Csv writes True and False.
    if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return /^true$/i.test(v.trim());
    throw new InputError(file, at(property), `expected true or false, got ${typeof v === 'string' ? JSON.stringify(v.slice(0, 20)) : Array.isArray(v) ? 'a list' : typeof v}`);
  };
  for (const [property, setting] of BOOLEANS) {
    const v = bool(property);
    if (v === null) continue;
    (settings as unknown as Record<string, unknown>)[setting] = v;
    from.push([setting, property]);
  }
  const notApplied: string[] = [];
  for (const [property, why] of NOT_APPLIED) {
    const v = property === 'selectedMobileAppIds' ? p.get(property.toLowerCase()) : bool(property);
    if (property === 'selectedMobileAppIds' && v !== undefined && v !== null && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
      throw new InputError(file, at(property), `expected a list of app ids, got ${typeof v === 'string' ? 'text (Export-Csv writes a list as its type name: export the profiles as JSON, ConvertTo-Json -Depth 10)' : typeof v}`);
    }
    const text = why(v);
    if (text) notApplied.push(text);
  }
  const name = p.get('displayname');
  const id = p.get('id');
  const kind = p.get('deviceenrollmentconfigurationtype');
  return {
    file,
    record,
    name: typeof name === 'string' && name !== '' ? name : null,
    id: typeof id === 'string' && id !== '' ? id : null,
    isDefault: (typeof kind === 'string' && /^default/i.test(kind)) || p.get('priority') === 0,
    settings,
    from,
    notApplied,
    showsProgress: bool('showInstallationProgress'),
    blocksRetry: bool('blockDeviceSetupRetryByUser'),
  };
}

/** Which exported ESP profile a segment's deployments used, and how it was told. */
export interface EspProfileUse {
  profile: EspProfile;
  /** The segment's deployments naming it, of all. */
  deployments: number;
  of: number;
  /** 'name' or 'id': matched to what the deployments name; 'only': the export's one profile (its default aside), the deployments naming none. */
  by: 'name' | 'id' | 'only';
  /** Where the segment's deployments used other exported profiles with other settings, in words. */
  others: string[];
}

/** A profile as an output names it: its name where it may be shown, else its place in the export. */
export const profileLabel = (p: EspProfile): string => (p.name && shown(p.name) ? `"${p.name}"` : `the ESP profile at record ${p.record} of ${p.file}`);

/** A profile's settings in words ("timeout 90 min, Reset device allowed, ..."). */
export function settingsText(s: EspSettings): string {
  const parts = [`timeout ${s.timeoutMinutes} min`];
  if (s.allowReset !== undefined) parts.push(`Reset device ${s.allowReset ? 'allowed' : 'not allowed'}`);
  if (s.allowContinueAnyway !== undefined) parts.push(`Continue anyway ${s.allowContinueAnyway ? 'allowed' : 'not allowed'}`);
  if (s.collectLogs !== undefined) parts.push(`Collect logs ${s.collectLogs ? 'on' : 'off'}`);
  return parts.join(', ');
}

const sameSettings = (a: EspSettings, b: EspSettings) => settingsText(a) === settingsText(b);

/**
 * The exported profile a segment's deployments used most (by the name they give, else their profile id's hash), or the
 * export's only profile where they name none that is in it; null where none of the exported profiles is one of theirs.
 */
export function profileFor(tallies: ReadonlyMap<string, ProfileTally & { name: string | null; idKey?: string }>, events: number, profiles: readonly EspProfile[], idKey: (id: string) => string): EspProfileUse | null {
  if (profiles.length === 0) return null;
  const matched: Array<{ profile: EspProfile; deployments: number; by: 'name' | 'id' }> = [];
  for (const [key, t] of tallies) {
    if (key === OTHER_PROFILES) continue;
    // Two profiles of one name (one renamed, or a copy): the one whose id the deployments give, else the first.
    const named = t.name !== null ? profiles.filter((p) => p.name === t.name) : [];
    const byName = named.find((p) => p.id !== null && t.idKey !== undefined && idKey(p.id) === t.idKey) ?? named[0];
    const byId = !byName && t.idKey ? profiles.find((p) => p.id !== null && idKey(p.id) === t.idKey) : undefined;
    const profile = byName ?? byId;
    if (!profile) continue;
    const m = matched.find((x) => x.profile === profile);
    if (m) m.deployments += t.events;
    else matched.push({ profile, deployments: t.events, by: byName ? 'name' : 'id' });
  }
  matched.sort((a, b) => b.deployments - a.deployments);
  const own = profiles.filter((p) => !p.isDefault);
  if (matched.length === 0) {
    // The deployments name no profile of the export: its one profile (the default aside) is the tenant's.
    const named = [...tallies.keys()].some((k) => k !== OTHER_PROFILES);
    if (named || own.length !== 1) return null;
    return { profile: own[0]!, deployments: 0, of: events, by: 'only', others: [] };
  }
  const top = matched[0]!;
  const others = matched.slice(1).filter((m) => !sameSettings(m.profile.settings, top.profile.settings)).map((m) => `${profileLabel(m.profile)} (${count(m.deployments)} deployments: ${settingsText(m.profile.settings)})`);
  return { profile: top.profile, deployments: top.deployments, of: events, by: top.by, others };
}

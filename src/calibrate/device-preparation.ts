// The Intune admin center's "Windows Autopilot device preparation deployments" report (Devices >
// Monitor), exported as CSV: the only record of device preparation deployments, as Graph's
// autopilotEvents name no device preparation flow. Its columns are documented (memdocs
// autopilot/device-preparation/reporting-monitoring.md): Device name, Enrollment date, Deployment
// status ("In progress", then "Success" or "Failed"), Phase ("the last reported phase"), Serial
// number, Deployment time ("the amount of time that the deployment took during the out-of-box
// experience (OOBE) to complete", or "In progress") and UPN. How Deployment time is written is not
// documented: the plausible forms are read, and the report says which one was. The Phase values are
// (the same article's shared include, 2025): "Policy installation" (the initial setup and the
// line-of-business apps), "Script installation" (scripts), "App installation" (Win32 and Store apps). The same report exported through
// Graph (POST deviceManagement/reports/exportJobs, reportName AutopilotV2DeploymentStatus; memdocs
// intune/fundamentals/reports-export-graph-available-reports.md) has documented columns:
// DeploymentDurationTimeInSeconds, the one documented form of the time, in every language; and, by
// default, each localizable column twice (reports-export-graph-apis.md: DeploymentStatus as a number
// whose values are not documented, DeploymentStatus_loc in words), so the words are read where both are.
import type { ErrorId } from '../catalog/errors.ts';
import type { CalibratedPhase } from '../environment/schema.ts';
import { ISO_DURATION_FORM, durationMinutes } from './graph.ts';

/** Marks an event read from the device preparation report (a key no Graph property has). */
export const DEVICE_PREPARATION_REPORT = '@devicePreparationReport';

/** The report's columns, by their display name in lower case without spaces, -> the key an event holds them under. */
const COLUMNS: Record<string, string> = {
  devicename: 'deviceName',
  enrollmentdate: 'enrollmentDate',
  deploymentstatus: 'deploymentStatus',
  phase: 'phase',
  serialnumber: 'serialNumber',
  deploymenttime: 'deploymentTime',
  upn: 'upn',
  userprincipalname: 'upn',
  // The Graph export's names (AutopilotV2DeploymentStatus); a column's words under its name with _loc.
  deploymentdurationtimeinseconds: 'deploymentSeconds',
  enrollmenttimeinutc: 'enrollmentDate',
  resultcode: 'resultCode',
  deploymentstatusloc: 'deploymentStatusWords',
  phaseloc: 'phaseWords',
};
/** Keys that identify a device or a person: never copied into any output. */
export const DEVICE_PREPARATION_IDENTIFIERS = ['deviceName', 'serialNumber', 'upn'] as const;

const norm = (h: string) => h.toLowerCase().replace(/[\s_-]+/g, '');

/** Whether a CSV header is the device preparation report's: its Deployment time column and its Deployment status. */
export function isDevicePreparationHeader(header: readonly string[]): boolean {
  const keys = new Set(header.map((h) => COLUMNS[norm(h)]));
  return (keys.has('deploymentTime') || keys.has('deploymentSeconds')) && keys.has('deploymentStatus');
}

/** Whether the report's header has its Phase (or the Graph export's Phase_loc). */
export function devicePreparationHasPhase(header: readonly string[]): boolean {
  return header.some((h) => COLUMNS[norm(h)] === 'phase' || COLUMNS[norm(h)] === 'phaseWords');
}

/** One row of the report as an event: its documented columns under their keys, the rest dropped. */
export function devicePreparationEvent(row: Record<string, string | null>): Record<string, unknown> {
  const event: Record<string, unknown> = { [DEVICE_PREPARATION_REPORT]: true };
  for (const k in row) {
    const key = COLUMNS[norm(k)];
    if (key && !(key in event && event[key] !== null)) event[key] = row[k];
  }
  // The Graph export's words beside its numbers: the words are what the report shows, the numbers' meaning is not documented.
  for (const [words, key] of [['deploymentStatusWords', 'deploymentStatus'], ['phaseWords', 'phase']] as const) {
    if (typeof event[words] === 'string' && event[words] !== '') event[key] = event[words];
    delete event[words];
  }
  return event;
}

/** The forms of "Deployment time" read, as the report names them. */
export type TimeForm = 'hours, minutes and seconds in words ("12 min 30 sec")' | 'a TimeSpan ("00:12:30")' | 'minutes as a number ("12.5")' | 'an ISO 8601 duration ("PT12M30S")' | 'seconds (DeploymentDurationTimeInSeconds, as documented)';

/** The Graph export's DeploymentDurationTimeInSeconds in minutes; null when there is none; NaN when it is not a number of seconds. */
export function deploymentSeconds(text: unknown): { minutes: number; form: TimeForm } | null | typeof Number.NaN {
  if (text === null || text === undefined) return null;
  const t = String(text).trim();
  if (t === '') return null;
  if (!/^\d+(?:\.\d+)?$/.test(t)) return Number.NaN;
  return { minutes: Number(t) / 60, form: 'seconds (DeploymentDurationTimeInSeconds, as documented)' };
}

/**
 * Numbers with words that are not the English units read here ("12 Min. 30 Sek.", "1 Std. 5 Min."): the
 * report exported with the admin center in another language. How it writes a time there is not
 * documented, and a word's unit cannot be told from its place ("1 Std. 5 Min." and "1 Min. 5 Sek." have
 * the same shape), so such a time is refused with what to export instead.
 */
/** What to export instead of a report whose words calibrate does not read. */
export const LANGUAGE_FREE_EXPORT = 'export the report with the admin center in English (Settings > Language and region), or through Graph (POST https://graph.microsoft.com/beta/deviceManagement/reports/exportJobs, reportName AutopilotV2DeploymentStatus), whose DeploymentDurationTimeInSeconds is seconds in every language, and calibrate that file';

export const LOCALIZED_TIME = /^\s*\d+(?:[.,]\d+)?\s*\p{L}+\.?(?:[\s,]+\d+(?:[.,]\d+)?\s*\p{L}+\.?)*\s*$/u;

const UNIT = /(\d+(?:[.,]\d+)?)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\b/gi;
const WORDS = /^\s*(?:\d+(?:[.,]\d+)?\s*(?:d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\b[\s,]*)+$/i;

/**
 * A Deployment time in minutes, with the form it was written in; null when there is none (empty,
 * "In progress"); NaN when it is no form read here. "12:30" is refused: minutes and seconds or
 * hours and minutes cannot be told apart (Excel writes a TimeSpan it has opened that way).
 */
export function deploymentTime(text: unknown): { minutes: number; form: TimeForm } | null | typeof Number.NaN {
  if (text === null || text === undefined) return null;
  const t = String(text).trim();
  if (t === '' || /^in\s*progress$/i.test(t) || t === '--' || t === '-') return null;
  if (WORDS.test(t)) {
    let minutes = 0;
    for (const m of t.matchAll(UNIT)) {
      const v = Number(m[1]!.replace(',', '.'));
      const u = m[2]!.toLowerCase();
      minutes += u.startsWith('d') ? v * 1440 : u.startsWith('h') ? v * 60 : u.startsWith('s') ? v / 60 : v;
    }
    return { minutes, form: 'hours, minutes and seconds in words ("12 min 30 sec")' };
  }
  if (/^\d+(?:[.,]\d+)?$/.test(t)) return { minutes: Number(t.replace(',', '.')), form: 'minutes as a number ("12.5")' };
  if (/^(?:\d+\.)?\d{1,2}:\d{2}:\d{2}(?:\.\d+)?$/.test(t)) return { minutes: durationMinutes(t)!, form: 'a TimeSpan ("00:12:30")' };
  if (ISO_DURATION_FORM.test(t)) {
    const m = durationMinutes(t);
    if (m !== null && !Number.isNaN(m) && m >= 0) return { minutes: m, form: 'an ISO 8601 duration ("PT12M30S")' };
  }
  return Number.NaN;
}

/** A Deployment status as an outcome; null when the row is still in progress; undefined when it is not a documented status. */
export function deploymentStatus(text: unknown): 'success' | 'failure' | null | undefined {
  const t = typeof text === 'string' ? text.trim().toLowerCase() : '';
  if (t === 'success' || t === 'succeeded') return 'success';
  if (t === 'failed' || t === 'failure') return 'failure';
  if (t === 'in progress' || t === 'inprogress') return null;
  return undefined;
}

/**
 * Where a failed deployment failed, by its Phase, as the model's calibrated phase and the
 * catalogue's code. The install phases have their codes; a failure reported at policy installation
 * (or at a phase not named) is counted as the policy's timer, and so with the failures the twin's own
 * timer stands for first: a group or local-administrator problem skips provisioning, it does not fail
 * it, and though that phase also holds the line-of-business apps (documented), the report gives no
 * more to tell an app's failure there from the timer running out.
 */
export function failureAt(phase: unknown): { phase: CalibratedPhase; code: ErrorId; timer: boolean } {
  const t = typeof phase === 'string' ? phase.trim().toLowerCase() : '';
  if (/script/.test(t)) return { phase: 'deviceSetup', code: 'APDP_SCRIPT_FAILED', timer: false };
  if (/app/.test(t)) return { phase: 'deviceSetup', code: 'APDP_APP_FAILED', timer: false };
  if (/enrol|join|sign|identit|authent/.test(t)) return { phase: 'enrollment', code: 'SOMETHING_WENT_WRONG', timer: false };
  return { phase: 'deviceSetup', code: 'APDP_TIMEOUT', timer: true };
}

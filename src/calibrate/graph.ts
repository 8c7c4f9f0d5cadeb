// The vocabulary of Microsoft Graph's deviceManagementAutopilotEvent (beta), as the Graph
// reference documents it (api-reference/beta/resources/intune-troubleshooting-
// devicemanagementautopilotevent.md), and how each value maps onto this model. One place for
// the property names, the enums and the ISO 8601 durations.
import type { Scenario } from '../environment/schema.ts';
import { closest } from '../environment/spelling.ts';

/** The properties calibration reads (the same names are the CSV columns). */
export const PROPERTIES = [
  'id', 'deviceId', 'userId', 'eventDateTime', 'deviceRegisteredDateTime', 'enrollmentStartDateTime', 'enrollmentType',
  'deviceSerialNumber', 'managedDeviceName', 'userPrincipalName', 'windowsAutopilotDeploymentProfileDisplayName', 'enrollmentState',
  'windows10EnrollmentCompletionPageConfigurationDisplayName', 'windows10EnrollmentCompletionPageConfigurationId', 'deploymentState',
  'deviceSetupStatus', 'accountSetupStatus', 'osVersion', 'deploymentDuration', 'deploymentTotalDuration', 'deviceSetupDuration',
  'accountSetupDuration', 'deploymentStartDateTime', 'deploymentEndDateTime', 'enrollmentFailureDetails',
] as const;
export type Property = (typeof PROPERTIES)[number];

/**
 * Newer properties of the beta resource, read where an export has them (Graph's current beta and
 * its SDKs): targetedAppCount, "Count of applications targeted", is set beside the app count the
 * fit assumes; devicePreparationDuration, "Time spent in device enrollment", is what the enrollment
 * steps are fitted to where most successes give it; targetedPolicyCount, "Count of targeted
 * policies", is shown (the model gives a policy no time of its own).
 */
export const NEWER_PROPERTIES = ['devicePreparationDuration', 'targetedAppCount', 'targetedPolicyCount'] as const;

/** Properties that identify a device or a person: never copied into any output (the privacy test greps for them). */
export const IDENTIFIERS = ['id', 'deviceId', 'userId', 'deviceSerialNumber', 'managedDeviceName', 'userPrincipalName'] as const;

/**
 * windowsAutopilotEnrollmentType, as documented, in the order of the members' documented values (the Value column: unknown
 * 0, azureADJoinedWithAutopilotProfile 1 ...), which an export may write in place of the name (enumMember).
 */
export const ENROLLMENT_TYPES = [
  'unknown', 'azureADJoinedWithAutopilotProfile', 'offlineDomainJoined', 'azureADJoinedUsingDeviceAuthWithAutopilotProfile',
  'azureADJoinedUsingDeviceAuthWithoutAutopilotProfile', 'azureADJoinedWithOfflineAutopilotProfile', 'azureADJoinedWithWhiteGlove',
  'offlineDomainJoinedWithWhiteGlove', 'offlineDomainJoinedWithOfflineAutopilotProfile',
] as const;
export type EnrollmentType = (typeof ENROLLMENT_TYPES)[number];

/**
 * windowsAutopilotDeploymentState, as documented (deploymentState, deviceSetupStatus, accountSetupStatus), in the order of
 * the members' documented values (unknown 0, success 1 ... successOnRetry 7).
 */
export const DEPLOYMENT_STATES = ['unknown', 'success', 'inProgress', 'failure', 'successWithTimeout', 'notAttempted', 'disabled', 'successOnRetry'] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

export type JoinType = 'entra' | 'hybrid';
export interface Segment {
  scenario: Scenario;
  joinType: JoinType;
}

/** A segment's key and label: "user-driven/entra". */
export const segmentKey = (s: Segment) => `${s.scenario}/${s.joinType}`;

/**
 * enrollmentType -> the scenario and join type this model runs, or why it cannot run it.
 * WhiteGlove is the former name of pre-provisioning; an offline Autopilot profile is the JSON
 * file of Autopilot for existing devices; offlineDomainJoined is hybrid join (ODJ blob).
 */
export const SEGMENT_OF: Record<EnrollmentType, Segment | { unusable: string }> = {
  azureADJoinedWithAutopilotProfile: { scenario: 'user-driven', joinType: 'entra' },
  offlineDomainJoined: { scenario: 'user-driven', joinType: 'hybrid' },
  azureADJoinedUsingDeviceAuthWithAutopilotProfile: { scenario: 'self-deploying', joinType: 'entra' },
  azureADJoinedWithWhiteGlove: { scenario: 'pre-provisioned', joinType: 'entra' },
  offlineDomainJoinedWithWhiteGlove: { scenario: 'pre-provisioned', joinType: 'hybrid' },
  azureADJoinedWithOfflineAutopilotProfile: { scenario: 'existing-devices', joinType: 'entra' },
  offlineDomainJoinedWithOfflineAutopilotProfile: { unusable: 'enrollment type offlineDomainJoinedWithOfflineAutopilotProfile (existing devices, hybrid join): not calibrated' },
  azureADJoinedUsingDeviceAuthWithoutAutopilotProfile: { unusable: 'enrollment type azureADJoinedUsingDeviceAuthWithoutAutopilotProfile: no Autopilot profile, not an Autopilot deployment' },
  unknown: { unusable: 'enrollment type unknown' },
};

/** A property's own name for a column header in any case: PowerShell's Graph SDK writes DeploymentState, OSVersion. */
const PROPERTY_BY_LOWER = new Map<string, string>([...PROPERTIES, ...NEWER_PROPERTIES].map((p) => [p.toLowerCase(), p]));
export const propertyName = (header: string): string => PROPERTY_BY_LOWER.get(header.toLowerCase()) ?? header;

/** An event with its properties under their own names, when it has them in another case (the SDK's objects through ConvertTo-Json). */
export function withPropertyNames(e: Record<string, unknown>): Record<string, unknown> {
  if ('enrollmentType' in e || 'deploymentState' in e) return e;
  const out: Record<string, unknown> = {};
  for (const k in e) out[propertyName(k)] = e[k];
  return out;
}

/** .NET's TimeSpan as PowerShell writes it ("00:42:17", "1.02:03:04.5000000", "-00:02:57.2190107"). */
const TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/;

/** The shape of an ISO 8601 duration (a value may still be empty, such as "P"). */
export const ISO_DURATION_FORM = /^-?P(?:\d|T\d)/;
const ISO_DURATION = /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * An ISO 8601 duration (Graph's Edm.Duration, such as "PT42M17S" or "-PT2M57.2190107S"), or
 * the .NET TimeSpan PowerShell's Graph SDK writes for one ("00:42:17", "1.02:03:04.5", or through
 * ConvertTo-Json an object with its Ticks), in minutes; null when empty; NaN when it is not a duration. Negative values come back negative
 * (the caller counts them as impossible).
 */
export function durationMinutes(text: unknown): number | null {
  if (text === null || text === undefined || text === '') return null;
  // A TimeSpan object, as PowerShell's ConvertTo-Json writes one: 10,000,000 ticks a second.
  if (typeof text === 'object' && !Array.isArray(text) && typeof (text as { Ticks?: unknown }).Ticks === 'number') return (text as { Ticks: number }).Ticks / 600_000_000;
  if (typeof text !== 'string') return Number.NaN;
  const span = TIMESPAN.exec(text);
  if (span) {
    const [, sign, d, h, mi, s] = span;
    const minutes = Number(d ?? 0) * 1440 + Number(h) * 60 + Number(mi) + Number(s) / 60;
    return sign ? -minutes : minutes;
  }
  const m = ISO_DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return Number.NaN;
  const [, sign, d, h, mi, s] = m;
  const minutes = Number(d ?? 0) * 1440 + Number(h ?? 0) * 60 + Number(mi ?? 0) + Number(s ?? 0) / 60;
  return sign ? -minutes : minutes;
}

/** Minutes -> ISO 8601 duration with whole seconds, as Graph writes them. */
export function isoDuration(minutes: number): string {
  const total = Math.round(Math.abs(minutes) * 60);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${minutes < 0 ? '-' : ''}PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

/**
 * The properties calibrate reads from every Graph record, and what each gives: a CSV without one of them as a column, or a
 * JSON export none of whose records has one (a query's $select, Select-Object), is refused, naming it.
 */
export const NEEDED: ReadonlyArray<readonly [string, string]> = [
  ['enrollmentType', 'the scenario'],
  ['deploymentState', 'the outcome'],
  ['deviceSetupStatus', 'where a failure happened'],
  ['accountSetupStatus', 'where a failure happened'],
  ['deviceSetupDuration', 'the durations fitted'],
  ['accountSetupDuration', 'the durations fitted'],
  ['deploymentTotalDuration', 'the durations fitted'],
  ['enrollmentFailureDetails', "the failures' codes"],
];
/**
 * A column or property that may be `missing` (one of NEEDED) under another name, as Microsoft renames one or a tool adds
 * a unit: among `names` calibrate does not read, one holding the missing one's name ("deviceSetupDurationInMinutes"), the
 * same words in another order ("totalDeploymentDuration"), or a slip of it; else undefined. It was said to be missing,
 * with "export every property", which the admin had done.
 */
export function renamedAs(missing: string, names: Iterable<string>): string | undefined {
  const words = (n: string) => [...n.replace(/[^A-Za-z0-9]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(' ')].filter((w) => w !== '').sort().join(' ');
  const m = missing.toLowerCase();
  const unread = [...names].filter((n) => !PROPERTY_BY_LOWER.has(n.trim().toLowerCase()) && n.trim() !== '');
  return (
    unread.find((n) => n.toLowerCase().replace(/[^a-z0-9]/g, '').includes(m)) ??
    unread.find((n) => words(n) === words(missing)) ??
    unread.find((n) => n.toLowerCase() === closest(m, unread.map((u) => u.toLowerCase())))
  );
}

// ── Timestamps ──────────────────────────────────────────────────────────────────────────────
// Graph writes a DateTimeOffset in ISO 8601 (2026-12-03T14:05:33Z). An export through PowerShell's Export-Csv, or a CSV
// saved again by Excel, writes it as the machine's culture does: 03/12/2026 14:05:33 (en-GB, fr-FR), 12/3/2026 2:05:33 PM
// (en-US), 3.12.2026 14:05 (de-DE), 2026/12/03 14:05:33 (ja-JP). Which of the first two numbers is the day is the culture's:
// told by a number above 12 where the file has one, else by --date-order.

/** Which comes first in a date written day, month and year: the day (en-GB, de-DE, fr-FR...) or the month (en-US). */
export type DateOrder = 'dmy' | 'mdy';
export const DATE_ORDERS: readonly DateOrder[] = ['dmy', 'mdy'];

/** A timestamp read both ways: ms since 1970 (UTC) as day first and as month first, NaN where that reading is no date. */
export interface Timestamp {
  dmy: number;
  mdy: number;
}

// A DateTimeOffset's ToString() ends in its offset ("12/3/2026 2:05:33 PM +00:00"), a DateTime's in nothing.
const TIME = String.raw`(?:,?[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?\s*(am|pm|a\.?\s?m\.?|p\.?\s?m\.?)?(?:\s*(Z|[+-]\d{2}:?\d{2}))?)?`;
/** Day and month in the culture's order, then the year: 03/12/2026, 12/3/26, 3.12.2026, 03-12-2026, with a time or not. */
const SHORT_DATE = new RegExp(String.raw`^(\d{1,2})([./-])\s?(\d{1,2})\2\s?(\d{4}|\d{2})\.?${TIME}$`, 'i');
/** The year first (ja-JP, zh-CN, sv-SE; ISO with a space for its T): always year, month, day. */
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([./-])(\d{1,2})\2(\d{1,2})\.?${TIME}$`, 'i');

/** ms (UTC) of a date and time at an offset from UTC ("+02:00"; none: UTC), or NaN where it is none (31 February, 25 o'clock). */
function utc(year: number, month: number, day: number, h: string | undefined, mi: string | undefined, s: string | undefined, half: string | undefined, offset?: string): number {
  let hour = Number(h ?? 0);
  if (half) {
    if (hour < 1 || hour > 12) return Number.NaN;
    hour = (hour % 12) + (/^p/i.test(half) ? 12 : 0);
  }
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const t = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(t).getUTCDate() !== day) return Number.NaN;
  const o = offset && offset.toUpperCase() !== 'Z' ? /^([+-])(\d{2}):?(\d{2})$/.exec(offset) : null;
  return o ? t - (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3])) * 60_000 : t;
}

/**
 * A timestamp as an export writes it, read as UTC where it gives no offset (Graph's DateTimeOffset is UTC; a tool that
 * dropped the Z or wrote the culture's form kept its clock): ISO 8601 (with a T or a space), Windows PowerShell 5.1's
 * "\/Date(ms)\/", or a culture's short date and time. Null when the text is none of these.
 */
export function readTimestamp(v: string): Timestamp | null {
  const text = v.trim();
  const ms = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(text);
  if (ms) return both(Number(ms[1]));
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
    const iso = text.replace(' ', 'T');
    const t = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso : `${iso}Z`);
    if (Number.isFinite(t)) return both(t);
  }
  const y = YEAR_FIRST.exec(text);
  if (y) return both(utc(Number(y[1]), Number(y[3]), Number(y[4]), y[5], y[6], y[7], y[8], y[9]));
  const d = SHORT_DATE.exec(text);
  if (!d) return null;
  const year = d[4]!.length === 2 ? 2000 + Number(d[4]) : Number(d[4]);
  const [a, b] = [Number(d[1]), Number(d[3])];
  return { dmy: utc(year, b, a, d[5], d[6], d[7], d[8], d[9]), mdy: utc(year, a, b, d[5], d[6], d[7], d[8], d[9]) };
}
const both = (t: number): Timestamp => ({ dmy: t, mdy: t });

/**
 * The clock a culture's date is written in: 'twelve' with AM or PM (en-US's 12/3/2026 2:05:33 PM), or the hour where it
 * has none and could be either half of a 12-hour day (1 to 12: 12/3/2026 2:05:33); null otherwise (ISO 8601, a year
 * first, a 24-hour time past 12, no time). A file of 12-hour dates with one such among them, a row typed or pasted from another
 * machine, read it as the morning, 12 hours off, with no word.
 */
export function clockOf(v: string): 'twelve' | number | null {
  // Day and month first only: ISO 8601 and the year-first cultures' times (ja-JP's H:mm) are 24-hour.
  const d = SHORT_DATE.exec(v.trim());
  if (!d || d[5] === undefined) return null;
  if (d[8]) return 'twelve';
  const hour = Number(d[5]);
  return hour >= 1 && hour <= 12 ? hour : null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** A date in words ("3 December 2026"), to say how a timestamp reads without echoing the export's text. */
export const dateInWords = (t: number): string => {
  const d = new Date(t);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

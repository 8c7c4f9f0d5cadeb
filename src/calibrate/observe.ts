// From raw events to what the tenant observed: each event is checked (a malformed field is an
// InputError naming the file, the record and the field), classified (usable, or unusable with a
// reason, never silently dropped) and added to per-segment aggregates of constant size:
// counts, failure tallies and 0.25-minute histograms. No identifier is kept: duplicates are found
// through 64-bit hashes of the event and device ids, which never leave this module.
import { basename } from 'node:path';
import { catalog, type ErrorId } from '../catalog/errors.ts';
import type { CalibratedPhase } from '../environment/schema.ts';
import { InputError } from '../environment/load.ts';
import { closest } from '../environment/spelling.ts';
import { Histogram } from '../fleet/stats.ts';
import { count } from '../format.ts';
import { clockOf, DATE_ORDERS, DEPLOYMENT_STATES, ENROLLMENT_TYPES, NEEDED, SEGMENT_OF, dateInWords, durationMinutes, readTimestamp, type DateOrder, type Timestamp, segmentKey, withPropertyNames, type DeploymentState, type EnrollmentType, type Segment } from './graph.ts';
import { asWritten, CODE_PAGE_NAME, recordField, type CodePage, type RawEvent, type Where } from './read.ts';
import { MAX_PROFILES, OTHER_PROFILES, type ProfileTally } from './profiles.ts';
import { isEnrollmentConfiguration, readEspProfile, type EspProfile } from './esp-profile.ts';
import { isDeploymentProfile, readDeploymentProfile, type DeploymentProfile } from './deployment-profile.ts';
import { mergeDays, tallyDay, type DayTally } from './weeks.ts';
import { GENERIC } from '../world/calibrated.ts';
import { DEVICE_PREPARATION_REPORT, LANGUAGE_FREE_EXPORT, LOCALIZED_TIME, deploymentSeconds, deploymentStatus, deploymentTime, failureAt, type TimeForm } from './device-preparation.ts';

/** The reason given for deployments in progress long after the export's newest started (Observer.stalled). */
export const STALLED = 'deployment in progress, started over a day before the export\'s newest (stalled or abandoned: left out of the success rate, not counted as failures)';
/** The reason a deployment of another deployment profile than --deployment-profile's is not used. */
export const OTHER_PROFILE = 'deployment of another deployment profile (--deployment-profile)';

/** A file's deployment starts, both ways (day first, month first) until its order is known, and what tells it. */
function fileDates() {
  return {
    newest: { dmy: -Infinity, mdy: -Infinity } as Record<DateOrder, number>,
    inProgress: { dmy: new Map<number, number>(), mdy: new Map<number, number>() } as Record<DateOrder, Map<number, number>>,
    told: null as { order: DateOrder; record: number; field: string } | null,
    /** The first date written with AM or PM, and the first without whose hour could be either half of the day (clockOf). */
    twelve: null as { record: number; field: string } | null,
    noHalf: null as { record: number; field: string; hour: number; line?: number } | null,
    ambiguous: null as ({ record: number; field: string; dmy: number; mdy: number } & Where) | null,
    /** Per segment, its deployments by the day they started, both ways. */
    days: { dmy: new Map<string, Map<number, DayTally>>(), mdy: new Map<string, Map<number, DayTally>>() } as Record<DateOrder, Map<string, Map<number, DayTally>>>,
  };
}
const ORDER_WORDS: Record<DateOrder, string> = { dmy: 'day first', mdy: 'month first' };

/** Durations longer than this are not a deployment: a clock or an export problem. */
export const MAX_PLAUSIBLE_MINUTES = 7 * 24 * 60;

export type Outcome = 'success' | 'successOnRetry' | 'successWithTimeout' | 'failure';

/** Running mean and variance (Welford), for the moment start of a fit. */
export class Moments {
  n = 0;
  mean = 0;
  m2 = 0;
  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }
  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : 0;
  }
}

export class Distribution {
  hist = new Histogram();
  moments = new Moments();
  add(minutes: number): void {
    this.hist.add(minutes);
    this.moments.add(minutes);
  }
  get n(): number {
    return this.hist.n;
  }
}

export const DURATIONS = ['deviceSetup', 'accountSetup', 'total'] as const;
export type DurationKind = (typeof DURATIONS)[number];
/** How a report names each duration. */
export const DURATION_LABEL: Record<DurationKind, string> = { deviceSetup: 'device setup', accountSetup: 'account setup', total: 'total' };
export const DURATION_PROPERTY: Record<DurationKind, string> = { deviceSetup: 'deviceSetupDuration', accountSetup: 'accountSetupDuration', total: 'deploymentTotalDuration' };

/** What one segment (scenario and join type) observed. */
export class SegmentObservation {
  events = 0;
  outcomes: Record<Outcome, number> = { success: 0, successOnRetry: 0, successWithTimeout: 0, failure: 0 };
  /** "phase|errorId" (and "|0x..." the tenant's code, where the catalogue has none) -> deployments that ended there. */
  failures = new Map<string, number>();
  /**
   * Per phase, the failures that may be the ESP's timer: successWithTimeout, and failures whose
   * enrollmentFailureDetails hold no error code (the ESP's timeout page has none). A failure with a
   * code, known to the catalogue or not, is something else: an app's install error, a join refused.
   */
  timeoutLike: Record<CalibratedPhase, number> = { enrollment: 0, deviceSetup: 0, accountSetup: 0 };
  /**
   * Per ESP phase, how long its failures without an error code took there (deviceSetupDuration, accountSetupDuration):
   * those that lasted the ESP's timeout were ended by its timer, which the report says (fit.ts readingNotes).
   */
  uncodedMinutes = { deviceSetup: new Histogram(), accountSetup: new Histogram() };
  /**
   * Graph's successOnRetry ("succeeded after hitting an initial timeout failure") per phase: the one whose status says
   * so, else device setup, where the ESP's timer runs. The twin fails them there first and lets the retry through.
   */
  retried: Record<CalibratedPhase, number> = { enrollment: 0, deviceSetup: 0, accountSetup: 0 };
  /** Codes found in enrollmentFailureDetails that the catalogue does not hold, -> count. */
  unmappedCodes = new Map<string, number>();
  /** Successful deployments only: the durations the fit matches. */
  durations: Record<DurationKind, Distribution> = { deviceSetup: new Distribution(), accountSetup: new Distribution(), total: new Distribution() };
  /** Why a duration of a successful deployment was left out of its distribution, -> count. */
  durationsLeftOut = new Map<string, number>();
  /**
   * Successful deployments with all three durations: deploymentTotalDuration less device setup and
   * account setup, the time the enrollment steps (sign-in, join, MDM enrollment) took.
   */
  remainder = new Distribution();
  /** The same for successes whose ESP was not shown (device setup notAttempted or disabled): their whole total. Kept apart, as a twin shows the ESP or not for all. */
  remainderEspOff = new Distribution();
  /** Deployments recorded as a success whose device or account setup says failure or successWithTimeout: counted as failures there. */
  clickedPast = 0;
  /** Deployments recorded as a success whose device or account setup says successOnRetry: counted as successes on retry there. */
  retriedPhaseOnly = 0;
  /** deploymentTotalDuration of the successes on retry: not fitted (both attempts are in it), held against the twin's in the backtest. */
  retriedTotal = new Distribution();
  /** Successful deployments whose account setup was not run (skipped or not tracked). */
  accountSetupNotRun = 0;
  /**
   * Pre-provisioning: devices with a successful row whose account setup was not shown (the technician flow's, it seems)
   * and another with it shown (the user flow's) [INF]. Graph documents one record a deployment, and each such row was
   * fitted as a whole pre-provisioned deployment with nothing said: the two flows' device setups pooled, a device counted
   * twice, and the account setup read as skipped (SkipUserStatusPage) for all.
   */
  technicianAndUserRows = 0;
  /** Successful deployments whose device setup was not run (deviceSetupStatus notAttempted or disabled: the ESP not shown). */
  deviceSetupNotRun = 0;
  /** targetedAppCount (newer exports), apps -> deployments: beside the app count the fit assumes. */
  targetedApps = new Map<number, number>();
  /** targetedPolicyCount (newer exports), policies -> deployments. */
  targetedPolicies = new Map<number, number>();
  /**
   * devicePreparationDuration (newer exports, "Time spent in device enrollment"), of successful
   * deployments: where most give it, the enrollment steps are fitted to it rather than to the total
   * less device and account setup.
   */
  enrollmentTime = new Distribution();
  /**
   * Per ESP profile (windows10EnrollmentCompletionPageConfigurationDisplayName, else its id, kept as a hash), its
   * deployments and how many failed or succeeded on retry: the twin pools them, and profiles.ts says where their rates
   * differ. Past MAX_PROFILES, and for deployments naming none, counted under OTHER_PROFILES.
   */
  espProfiles = new Map<string, ProfileTally & { name: string | null }>();
  /**
   * Per Autopilot deployment profile the deployments name (windowsAutopilotDeploymentProfileDisplayName), their number;
   * '' for those naming none, or past MAX_PROFILES names: the twin's profile settings come from an exported one (deployment-profile.ts).
   */
  deploymentProfiles = new Map<string, ProfileTally & { name: string | null }>();
  /** Per day the deployments started (UTC, days since 1970), how many there were and how many failed: weeks.ts says where one week stands out. */
  days = new Map<number, DayTally>();
  /** The device preparation report: how its Deployment time was written, form -> rows read so. */
  deploymentTimeForms = new Map<TimeForm, number>();
  constructor(readonly segment: Segment) {}
  get succeeded(): number {
    return this.outcomes.success + this.outcomes.successOnRetry;
  }
}

export interface Observed {
  files: number;
  events: number;
  usable: number;
  /** reason -> events not used. */
  unusable: Map<string, number>;
  /** Devices with more than one usable deployment (re-deployed); each deployment counts. */
  redeployedDevices: number;
  /** Graph pages read from JSON: with an @odata.nextLink (Graph had a page after it), and without (the last page). */
  pages: { withNextLink: number; last: number };
  /** Pages every event of which had been read before (a page saved twice): the file, the page's number in it from 1, its events (pagesRepeated). */
  repeatedPages?: Array<{ file: string; page: number; events: number }>;
  /** Runs of consecutive CSV rows every one of which had been read before (rows pasted twice): the file, the lines of the first and last, how many (rowsRepeated). */
  repeatedRows?: Array<{ file: string; first: number; last: number; rows: number }>;
  /** Files without a byte order mark that are not UTF-8, and the ANSI code page each was read in. */
  codePages?: Array<{ file: string; codePage: CodePage; otherwise?: { read: string; otherwise: string } }>;
  /** Total or summary lines below a CSV's deployment rows (Excel's Total Row), skipped: the file and line of each (totalLinesSkipped). */
  totalLines?: Array<{ file: string; line: number }>;
  /** When an export has more distinct event ids or devices than the duplicate check holds (IdSet): from which one on they were not remembered. */
  idsNotRemembered?: { events: number | null; devices: number | null };
  /** Records with nothing to find them read twice by: no id, and no device with its start (duplicatesNotChecked). */
  unkeyed: number;
  segments: Map<string, SegmentObservation>;
  /** The tenant's ESP profiles, from an export of deviceManagement/deviceEnrollmentConfigurations given beside the records (esp-profile.ts). */
  espProfiles: EspProfile[];
  /** The tenant's Autopilot deployment profiles, from an export of deviceManagement/windowsAutopilotDeploymentProfiles given beside the records (deployment-profile.ts). */
  deploymentProfiles: DeploymentProfile[];
  /** With --deployment-profile, the deployment profile names the records give (up to MAX_PROFILES), -> deployments: to say which exist where none is the one asked for. */
  profileNames: Map<string, number>;
}

/**
 * A compact set of id hashes, for duplicates: no strings kept. Each distinct id is one float64
 * slot holding 51 bits of its hash and a "seen again" bit (0 marks an empty slot), in open
 * addressing filled up to three quarters: 8 bytes a slot, 11 to 21 bytes a distinct id (the
 * table doubles). Two ids are taken for one only when 51 hash bits agree: about n^2 / 2^52 times
 * in n ids, 0.0002 at a million. The table stops growing at maxSlots (2^23 slots, 64 MB): after that, ids
 * already held are still found, new ones are no longer remembered, and `saturatedAt` says from
 * which distinct id on, so memory is bounded whatever the export's size.
 */
export class IdSet {
  private slots = new Float64Array(1 << 12);
  constructor(readonly maxSlots = 1 << 23) {}
  size = 0;
  /** Distinct ids held when the table stopped growing; null while it can. */
  saturatedAt: number | null = null;
  /** 'new' (now held, or not held as the table is full), 'again' (held, the first repeat), 'more' (held, repeated before). */
  add(h1: number, h2: number): 'new' | 'again' | 'more' {
    if (this.size * 4 >= this.slots.length * 3 && this.saturatedAt === null) {
      if (this.slots.length >= this.maxSlots) this.saturatedAt = this.size;
      else this.grow();
    }
    const key = ((h1 >>> 0) * 524_288 + (h2 >>> 13) + 1) * 2; // 2 * (51-bit key + 1): never 0, below 2^53
    const mask = this.slots.length - 1;
    let i = h1 & mask;
    for (;;) {
      const v = this.slots[i]!;
      if (v === 0) break;
      if (v === key) {
        this.slots[i] = key + 1;
        return 'again';
      }
      if (v === key + 1) return 'more';
      i = (i + 1) & mask;
    }
    if (this.saturatedAt !== null) return 'new';
    this.slots[i] = key;
    this.size++;
    return 'new';
  }
  /** Whether the table holds the id (never adds it). */
  has(h1: number, h2: number): boolean {
    const key = ((h1 >>> 0) * 524_288 + (h2 >>> 13) + 1) * 2;
    const mask = this.slots.length - 1;
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      const v = this.slots[i]!;
      if (v === 0) return false;
      if (v === key || v === key + 1) return true;
    }
  }
  /** Bytes held by the table. */
  get bytes(): number {
    return this.slots.byteLength;
  }
  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (const v of old) {
      if (v === 0) continue;
      // h1 is the key's top 32 bits: v = 2 * (h1 * 2^19 + low + 1) + flag.
      const h1 = Math.floor((Math.floor(v / 2) - 1) / 524_288);
      let i = h1 & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = v;
    }
  }
}

/** Two independent 32-bit FNV-1a hashes of a string. */
function hash2(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
    b ^= b >>> 15;
  }
  return [a, b >>> 0];
}

/** Catalogue ids by the numeric value of their code, for codes written in any form (0x801C0003, 801c0003, -2145124349). */
const CODE_INDEX: Map<number, ErrorId> = (() => {
  const index = new Map<number, ErrorId>();
  for (const [id, entry] of Object.entries(catalog) as Array<[ErrorId, { code?: string }]>) {
    for (const text of [id, entry.code]) {
      if (!text) continue;
      const hex = /^(?:0x)?([0-9a-f]{8})$/i.exec(text);
      if (hex && !index.has(parseInt(hex[1]!, 16))) index.set(parseInt(hex[1]!, 16), id);
    }
  }
  return index;
})();


/** How an HRESULT is written in a failure text: 0x801C0003, 801c0003, or as a signed decimal (-2145124349). */
const HRESULT_TEXT = /(?:0x[0-9a-f]{8}|-?\b\d{10}\b|\b[0-9a-f]{8}\b)/gi;
/**
 * A GUID (an app's, a device's, a request's correlation id): its first group is eight hex digits, as a code written
 * without 0x is. 'Win32 app c0ffee12-3456-… failed: 0x87D1041C' was read as the tenant's code 0xC0FFEE12, which the twin's
 * devices then failed with and every report listed: part of an identifier, in the outputs.
 */
const GUID = /\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?/gi;
/** The texts in a failure's details that may be codes, in order, GUIDs left out. */
const codeTexts = (text: string): string[] => text.replace(GUID, ' ').match(HRESULT_TEXT) ?? [];
const hresultValue = (m: string) => (/^-?\d{10}$/.test(m) ? Number(m) >>> 0 : parseInt(m.replace(/^0x/i, ''), 16));
const hex = (value: number) => `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;

/** Whether the catalogue holds a code written 0x and eight digits (a device preparation report's ResultCode may be one it holds). */
export const catalogued = (code: string): boolean => CODE_INDEX.has(parseInt(code.replace(/^0x/i, ''), 16));

/** The first failure code (an HRESULT, its high bit set) in a text, as 0x and eight upper-case digits; null when there is none. */
export function hresultIn(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  for (const m of codeTexts(text)) if (hresultValue(m) & 0x80000000) return hex(hresultValue(m));
  return null;
}

/** The catalogue id of the first code in a failure text, and the code itself when the catalogue lacks it (null when the text holds no code). Never returns the text. */
export function codeOf(details: unknown, phase: CalibratedPhase): { id: ErrorId; unmapped: string | null; coded: boolean } {
  if (typeof details !== 'string' || details === '') return { id: GENERIC[phase], unmapped: null, coded: false };
  let first: string | null = null;
  for (const m of codeTexts(details)) {
    const value = hresultValue(m);
    if (!(value & 0x80000000)) continue; // an HRESULT failure has the high bit set; anything else is not a code
    const id = CODE_INDEX.get(value);
    if (id) return { id, unmapped: null, coded: true };
    // Digits alone, eight of them or ten without a sign, are a code only where the catalogue knows it: a serial number
    // or a ticket number reads so too ('device 3456789012' gave the tenant's code 0xCE0BE494, the serial in hex, in
    // every output). A code of the tenant's own is kept from an unmistakable form: 0x, hex letters, a signed decimal.
    if (/^\d+$/.test(m)) continue;
    first ??= hex(value);
  }
  return { id: GENERIC[phase], unmapped: first, coded: first !== null };
}

/** The date columns a Graph record's start is read from (the first that reads); every one is checked (Observer.started). */
const START_FIELDS = ['deploymentStartDateTime', 'enrollmentStartDateTime', 'eventDateTime'] as const;

/** An older export's in-progress record whose deployment a newer export gives with its outcome (Observer.inProgressIds). */
export const SUPERSEDED = 'deployment in progress, read again later with its outcome (the later record used)';

const STRING_FIELDS = ['id', 'deviceId', 'userId', 'deviceSerialNumber', 'managedDeviceName', 'userPrincipalName', 'enrollmentFailureDetails', 'osVersion'] as const;

export class Observer {
  readonly events = new IdSet();
  readonly devices = new IdSet();
  /** Pre-provisioned devices with a success whose account setup was not shown, and with one where it was (technicianAndUserRows). */
  readonly preProvisionedRows = { technician: new IdSet(), user: new IdSet() };
  readonly observed: Observed = { files: 0, events: 0, usable: 0, unusable: new Map(), redeployedDevices: 0, unkeyed: 0, pages: { withNextLink: 0, last: 0 }, segments: new Map(), espProfiles: [], deploymentProfiles: [], profileNames: new Map() };

  /**
   * Of the properties calibrate reads (read.ts NEEDED), those some Graph record of the file being read has, and how many
   * Graph records it has: the caller clears both per file, and a JSON export's property that no record has was left out
   * of the query, as a CSV's missing column is.
   */
  readonly present = new Set<string>();
  /** The property names of the file's first records (what a missing one may be renamed to). */
  readonly keys = new Set<string>();
  graphRecords = 0;
  /** Events not used as read twice (an id, or a device and start, already read): a page of nothing else repeats one (pagesRepeated). */
  duplicatesRead = 0;
  /** Enrollment configurations read (ESP profiles and others, deviceManagement/deviceEnrollmentConfigurations): the caller clears it per file. */
  configurations = 0;
  /** Autopilot deployment profiles read (deviceManagement/windowsAutopilotDeploymentProfiles): the caller clears it per file. */
  deploymentProfilesRead = 0;

  /** The latest start of a deployment read (ms), and the deployments still in progress by the hour they started: see `stalled`. */
  private newestStart = -Infinity;
  private readonly inProgressByHour = new Map<number, number>();
  /** The file being read's starts, both ways until its order is known (endFile). */
  private dates = fileDates();
  /** The first file whose dates read both ways and whose order was not given, and where its first such date is (read.ts Where). */
  undecided: ({ file: string; record: number; field: string; dmy: number; mdy: number } & Where) | null = null;

  /** `dateOrder`: the order of day and month in the exports' culture dates (--date-order), where it is given. */
  constructor(
    private readonly dateOrder?: DateOrder,
    /** ReadOptions.deploymentProfile: the deployments naming another are not used, said so. */
    private readonly deploymentProfile?: string,
  ) {}

  private unusable(reason: string): void {
    this.observed.unusable.set(reason, (this.observed.unusable.get(reason) ?? 0) + 1);
  }

  /**
   * Deployments read in progress, by their id's hash: the hour they started, each way, and the file (its order, once
   * read). A later record of the same id with an outcome (a newer export beside an older one) supersedes it: the older
   * export's in-progress record was kept as the one read first, and its outcome dropped as a duplicate, so a tenant's
   * finished deployments were said to have stalled.
   */
  private readonly inProgressIds = new Map<string, { hours: Partial<Record<DateOrder, number>>; file: number }>();
  private fileSeq = 0;
  private readonly fileOrders: DateOrder[] = [];

  /** A deployment read in progress, held by its id's hash until a later record of it gives its outcome (supersede). */
  private pendingOutcome(idHash: readonly [number, number], started: Timestamp | null): void {
    this.inProgressIds.set(idHash.join(','), { hours: started === null ? {} : Object.fromEntries(DATE_ORDERS.filter((o2) => !Number.isNaN(started[o2])).map((o2) => [o2, Math.floor(started[o2] / 3_600_000)])), file: this.fileSeq });
  }

  /** Takes back an in-progress record that a later one of the same id supersedes: its count, and its hour for `stalled`. */
  private supersede(pending: { hours: Partial<Record<DateOrder, number>>; file: number }): void {
    const reason = 'deployment in progress';
    this.observed.unusable.set(reason, (this.observed.unusable.get(reason) ?? 0) - 1);
    if (this.observed.unusable.get(reason) === 0) this.observed.unusable.delete(reason);
    this.unusable(SUPERSEDED);
    if (pending.file === this.fileSeq) {
      for (const order of DATE_ORDERS) {
        const h = pending.hours[order];
        if (h !== undefined) this.dates.inProgress[order].set(h, (this.dates.inProgress[order].get(h) ?? 1) - 1);
      }
    } else {
      const h = pending.hours[this.fileOrders[pending.file]!];
      if (h !== undefined) this.inProgressByHour.set(h, (this.inProgressByHour.get(h) ?? 1) - 1);
    }
  }

  /**
   * Deployments still in progress that started more than a day before the newest deployment the export holds: no ESP
   * runs that long, so they stalled or were abandoned (the device wiped, turned off). They are not counted as failures (a
   * device may have finished without its last status reaching Intune), but they were 'in progress' among the rows not
   * used, and a tenant whose export held 5% such deployments read a success rate that did not say it left them out.
   * Their reason is said apart, with what it means for the rate.
   */
  stalled(): void {
    const inProgress = this.observed.unusable.get('deployment in progress') ?? 0;
    // Which deployments in progress stalled depends on when they started, and on when the newest did.
    if (this.undecided && inProgress > 0) {
      const u = this.undecided;
      throw new InputError(u.file, recordField(asWritten(`record ${u.record}: ${u.field}`, u.columns), u.path), `expected dates whose order of day and month can be told: every date in the file reads both ways (this one as ${dateInWords(u.dmy)} day first, ${dateInWords(u.mdy)} month first), and the export's ${count(inProgress)} deployment${inProgress === 1 ? '' : 's'} in progress are said stalled or not by when they and the newest started: calibrate again with --date-order dmy (day first: en-GB, de-DE, fr-FR and most cultures) or --date-order mdy (month first: en-US), as the machine that exported it writes dates`, u.line);
    }
    let stale = 0;
    for (const [hour, n] of this.inProgressByHour) if ((hour + 1) * 3_600_000 < this.newestStart - 86_400_000) stale += n;
    const reason = 'deployment in progress';
    const all = this.observed.unusable.get(reason) ?? 0;
    if (stale === 0 || stale > all) return;
    if (stale === all) this.observed.unusable.delete(reason);
    else this.observed.unusable.set(reason, all - stale);
    this.observed.unusable.set(STALLED, stale);
  }

  /** A deployment's start joins the file's newest, and, one in progress, the hours whose deployments may have stalled. */
  private dated(started: Timestamp | null, inProgress: boolean): void {
    if (started === null) return;
    for (const order of DATE_ORDERS) {
      const t = started[order];
      if (Number.isNaN(t)) continue;
      if (t > this.dates.newest[order]) this.dates.newest[order] = t;
      if (inProgress) {
        const hour = Math.floor(t / 3_600_000);
        this.dates.inProgress[order].set(hour, (this.dates.inProgress[order].get(hour) ?? 0) + 1);
      }
    }
  }

  /**
   * When an event's deployment started (`fields`, the device preparation report's Enrollment date there), from the first of its dates that reads as one, both ways where a culture's short
   * date leaves the day and the month to the culture (graph.ts readTimestamp). A date that reads one way only tells the
   * file's order; one against the order given or told is an error, as is a date that is not one.
   */
  private started(file: string, record: number, e: RawEvent, where?: Where, fields: readonly string[] = START_FIELDS, label: (f: string) => string = (f) => f): Timestamp | null {
    // Every date read is checked, not only the first that reads: a slip in eventDateTime (2026-10-3OT09:12:00Z) passed
    // with no word where deploymentStartDateTime read, and the admin's file held a date no reader knows.
    let first: Timestamp | null = null;
    for (const key of fields) {
      const f = label(key);
      const v = e[key];
      // A number, true or an object (a JSON export edited by a script) was skipped as no date, with no word.
      if (v !== undefined && v !== null && typeof v !== 'string') throw new InputError(file, `record ${record}: ${f}`, `expected a date and time as text, ISO 8601 as Graph writes it (2026-12-03T14:05:33Z), got ${describe(v)}`);
      if (typeof v !== 'string' || v.trim() === '') continue;
      const t = readTimestamp(v);
      // A date no reader knows (a long date, a time in words) left the deployments in progress unsorted, with no word.
      if (!t || (Number.isNaN(t.dmy) && Number.isNaN(t.mdy))) {
        throw new InputError(file, `record ${record}: ${f}`, `expected a date and time: ISO 8601 as Graph writes it (2026-12-03T14:05:33Z), or a culture's short date and time as Export-Csv or Excel writes it (03/12/2026 14:05:33, 12/3/2026 2:05:33 PM, 3.12.2026 14:05, 2026/12/03 14:05:33), got ${DATE_LIKE.test(v.trim()) ? JSON.stringify(v.trim()) : EXCEL_SERIAL.test(v) ? 'a decimal number, as Excel writes a date and time once its cell is formatted as a number (days since 1900: 46359,5 is 3 December 2026 at noon); in Excel, format the column as a date and time again (or export again) and calibrate that file' : 'other text'}`);
      }
      const dates = this.dates;
      const oneWay: DateOrder | null = Number.isNaN(t.dmy) ? 'mdy' : Number.isNaN(t.mdy) ? 'dmy' : null;
      const order = this.dateOrder ?? dates.told?.order ?? null;
      if (oneWay && order && oneWay !== order) {
        const given = this.dateOrder ? `--date-order ${order}` : `the file's dates read ${ORDER_WORDS[order]} (record ${dates.told!.record}'s ${dates.told!.field} can be read no other way)`;
        throw new InputError(file, `record ${record}: ${f}`, `expected a date ${ORDER_WORDS[order]}, as ${given}, got one that reads only ${ORDER_WORDS[oneWay]} (${dateInWords(t[oneWay])}): a file's dates are written in one culture's order; export again from one machine, or calibrate the files apart`);
      }
      if (oneWay && !dates.told) dates.told = { order: oneWay, record, field: where?.columns?.get(f) ?? f };
      // After the order's check: a date of another culture is said as such first.
      const clock = clockOf(v);
      const column = where?.columns?.get(f) ?? f;
      if (clock === 'twelve') dates.twelve ??= { record, field: column };
      else if (clock !== null) dates.noHalf ??= { record, field: column, hour: clock, ...(where?.line !== undefined ? { line: where.line } : {}) };
      if (dates.twelve && dates.noHalf) {
        const { twelve, noHalf } = dates;
        throw new InputError(file, `record ${noHalf.record}: ${noHalf.field}`, `expected a time with AM or PM, as the file's dates are written (record ${twelve.record}'s ${twelve.field}), got one without, at ${noHalf.hour} o'clock, which reads as the morning or the afternoon alike: a file's dates are written in one culture's clock; export again from one machine, or calibrate the files apart`, noHalf.line);
      }
      if (!oneWay && t.dmy !== t.mdy) dates.ambiguous ??= { record, ...where, field: f, dmy: t.dmy, mdy: t.mdy };
      // Graph writes 0001-01-01 for a date it does not have.
      const real = (x: number) => Number.isFinite(x) && x > Date.UTC(2000, 0, 1);
      if (!first && (real(t.dmy) || real(t.mdy))) first = { dmy: real(t.dmy) ? t.dmy : Number.NaN, mdy: real(t.mdy) ? t.mdy : Number.NaN };
    }
    return first;
  }

  /**
   * A file read: its starts, in the order given (--date-order) or told by its dates, join the export's. A file whose every
   * culture date reads both ways is remembered: where the export has deployments in progress, `stalled` needs the order.
   */
  endFile(file: string): void {
    const dates = this.dates;
    const order = this.dateOrder ?? dates.told?.order ?? (dates.ambiguous ? null : 'dmy');
    if (order === null) this.undecided ??= { file, ...dates.ambiguous! };
    const o = order ?? 'dmy';
    if (dates.newest[o] > this.newestStart) this.newestStart = dates.newest[o];
    for (const [hour, n] of dates.inProgress[o]) this.inProgressByHour.set(hour, (this.inProgressByHour.get(hour) ?? 0) + n);
    this.fileOrders[this.fileSeq++] = o;
    // The days of a file whose order is not known are not tallied: a week read the wrong way round flags the wrong week.
    if (order !== null) for (const [key, days] of dates.days[order]) mergeDays(this.observed.segments.get(key)!.days, days);
    this.dates = fileDates();
  }

  /** A Graph page read: with an @odata.nextLink, or Graph's last. */
  page(nextLink: boolean): void {
    if (nextLink) this.observed.pages.withNextLink++;
    else this.observed.pages.last++;
  }

  /** Check, classify and count one event. */
  add(file: string, record: number, e: RawEvent, where?: Where): void {
    const o = this.observed;
    if (e !== null && typeof e === 'object' && !Array.isArray(e) && isDeploymentProfile(e)) {
      // An Autopilot deployment profile exported beside the records: not a deployment.
      this.deploymentProfilesRead++;
      o.deploymentProfiles.push(readDeploymentProfile(file, record, e));
      return;
    }
    if (e !== null && typeof e === 'object' && !Array.isArray(e) && isEnrollmentConfiguration(e)) {
      // An ESP profile (or another enrollment configuration) exported beside the records: not a deployment.
      this.configurations++;
      const profile = readEspProfile(file, record, e);
      if (profile) o.espProfiles.push(profile);
      return;
    }
    o.events++;
    if (e === null || typeof e !== 'object' || Array.isArray(e)) throw new InputError(file, `record ${record}`, 'expected an event object');
    if (e[DEVICE_PREPARATION_REPORT]) return this.addDevicePreparation(file, record, e);
    e = withPropertyNames(e);
    this.graphRecords++;
    for (const [k] of NEEDED) if (k in e) this.present.add(k);
    // The first records' property names, to name one a missing property may be under (index.ts, renamedNote).
    if (this.graphRecords <= 20) for (const k in e) this.keys.add(k);
    for (const f of STRING_FIELDS) {
      const v = e[f];
      // Identifiers are never echoed, even in an error.
      if (v !== undefined && v !== null && typeof v !== 'string') throw new InputError(file, `record ${record}: ${f}`, `expected a string or null, got ${Array.isArray(v) ? 'a list' : typeof v}`);
    }
    const type = this.enumField(file, record, e, 'enrollmentType', ENROLLMENT_TYPES);
    let state = this.enumField(file, record, e, 'deploymentState', DEPLOYMENT_STATES);
    const deviceStatus = this.enumField(file, record, e, 'deviceSetupStatus', DEPLOYMENT_STATES);
    const accountStatus = this.enumField(file, record, e, 'accountSetupStatus', DEPLOYMENT_STATES);
    const minutes = {} as Record<DurationKind, number | null>;
    for (const k of DURATIONS) {
      const v = durationMinutes(e[DURATION_PROPERTY[k]]);
      if (Number.isNaN(v)) throw new InputError(file, `record ${record}: ${DURATION_PROPERTY[k]}`, notADuration(e[DURATION_PROPERTY[k]]));
      minutes[k] = v;
    }
    const targeted = appCount(file, record, e.targetedAppCount, 'targetedAppCount', 'apps');
    const policies = appCount(file, record, e.targetedPolicyCount, 'targetedPolicyCount', 'policies');
    const enrollmentMinutes = durationMinutes(e.devicePreparationDuration);
    if (Number.isNaN(enrollmentMinutes)) throw new InputError(file, `record ${record}: devicePreparationDuration`, notADuration(e.devicePreparationDuration));
    const dd = durationMinutes(e.deploymentDuration);
    if (Number.isNaN(dd)) throw new InputError(file, `record ${record}: deploymentDuration`, notADuration(e.deploymentDuration));

    // Duplicates of one event: the same id read twice (overlapping exports, a page saved twice). An export without its ids
    // (Select-Object or Excel leaving the column out, as an admin does to share the file) is checked by its deployments
    // instead: a device starting a deployment at one instant is one deployment. Two overlapping exports without ids were
    // counted twice, every deployment of their overlap (400 events read as 800, exit 0).
    const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
    const deviceKey = text(e.deviceId) ?? text(e.deviceSerialNumber);
    const startKey = text(e.deploymentStartDateTime) ?? text(e.enrollmentStartDateTime);
    const id = text(e.id) ?? (deviceKey && startKey ? `\u0000deployment\u0000${deviceKey}\u0000${startKey}` : null);
    const idHash = id ? hash2(id) : null;
    if (!id) o.unkeyed++;
    const pending = idHash ? this.inProgressIds.get(idHash.join(',')) : undefined;
    if (pending && state !== 'inProgress' && state !== null) {
      // Read before in progress, now with its state: this record stands for the deployment (the id is held already).
      this.inProgressIds.delete(idHash!.join(','));
      this.supersede(pending);
    } else if (idHash && this.events.add(...idHash) !== 'new') {
      this.duplicatesRead++;
      return this.unusable(text(e.id) ? 'duplicate event (an id already read)' : 'duplicate deployment (no id: the same device and start already read)');
    }

    if (type === null) {
      const t = e.enrollmentType;
      // Echoed only when it reads as an enum value, so no free text from the export reaches a report.
      if (typeof t === 'number' || (typeof t === 'string' && NUMBER.test(t))) return this.unusable(`enrollment type ${undocumented(t)}`);
      return this.unusable(typeof t === 'string' && t !== '' ? (enumEcho(t) ? `enrollment type "${enumEcho(t)}" is not documented` : 'enrollment type not documented') : 'enrollment type missing');
    }
    const segment = SEGMENT_OF[type];
    if ('unusable' in segment) return this.unusable(segment.unusable);
    if (state === null) return this.unusable(`deployment state ${undocumented(e.deploymentState)}`);
    const started = this.started(file, record, e, where);
    // One deployment profile's deployments kept (--deployment-profile): the export's newest deployment, which says which in
    // progress stalled, is still the whole export's.
    if (this.deploymentProfile !== undefined) {
      if (started !== null) for (const order of DATE_ORDERS) if (started[order] > this.dates.newest[order]) this.dates.newest[order] = started[order];
      const name = e.windowsAutopilotDeploymentProfileDisplayName;
      const named = typeof name === 'string' ? name.trim() : '';
      if (named !== '' && (o.profileNames.has(named) || o.profileNames.size < MAX_PROFILES)) o.profileNames.set(named, (o.profileNames.get(named) ?? 0) + 1);
      if (named.toLowerCase() !== this.deploymentProfile.trim().toLowerCase()) return this.unusable(OTHER_PROFILE);
    }
    this.dated(started, state === 'inProgress');
    if (state === 'inProgress') {
      if (idHash) this.pendingOutcome(idHash, started);
      return this.unusable('deployment in progress');
    }
    if (state === 'unknown' || state === 'notAttempted' || state === 'disabled') return this.unusable(`deployment state ${state}: no outcome`);
    // A failure is placed by its phases' statuses (the one that says failure, else the one left inProgress, else
    // enrollment): where neither places it and one is a value no member has (a report's words, "Failed", typed in a
    // CSV), it was placed at enrollment with no word, and the twin failed those devices before the ESP. Counted by
    // reason instead, as a deployment state no member has is.
    if (state === 'failure' && ![deviceStatus, accountStatus].some((s) => s === 'failure' || s === 'inProgress')) {
      for (const [f, status] of [['deviceSetupStatus', deviceStatus], ['accountSetupStatus', accountStatus]] as const) {
        const v = e[f];
        if (status === null && v !== undefined && v !== null && v !== '') return this.unusable(`failure whose ${f === 'deviceSetupStatus' ? 'device' : 'account'} setup status is ${undocumented(v)}: its phase cannot be told`);
      }
    }
    // A phase that failed or timed out under a deployment recorded as a success: the user clicked past the ESP's error
    // (Continue anyway). A failure all the same, as Graph's own successWithTimeout is, at the first such phase: counted
    // as a success, it raised the tenant's success rate, and only its duration was left out.
    const pastFailure = (s: DeploymentState | null) => s === 'failure' || s === 'successWithTimeout';
    const clickedPast = state === 'success' && (pastFailure(deviceStatus) || pastFailure(accountStatus));
    if (clickedPast) state = pastFailure(deviceStatus) ? deviceStatus : accountStatus;
    // A phase that succeeded on retry under a deployment recorded as a plain success: not first time right either. Read as a
    // success, its durations (both attempts in them) were fitted as a first attempt's, and the twin retried less.
    const retriedPhase = state === 'success' && (deviceStatus === 'successOnRetry' || accountStatus === 'successOnRetry');
    if (retriedPhase) state = 'successOnRetry';
    // Only a success's durations are fitted, so only a success is judged by them: a failed or
    // timed-out deployment often ends with no end time (0001-01-01) and a huge negative total, and
    // leaving it out would drop the tenant's failures and raise its success rate.
    if (state === 'success' || state === 'successOnRetry') {
      for (const k of DURATIONS) {
        const v = minutes[k];
        if (v !== null && v < 0) return this.unusable(`negative duration (${DURATION_PROPERTY[k]})`);
        if (v !== null && v > MAX_PLAUSIBLE_MINUTES) return this.unusable(`duration longer than a week (${DURATION_PROPERTY[k]})`);
      }
      if (minutes.total !== null && minutes.deviceSetup !== null && minutes.accountSetup !== null && minutes.total > 0 && minutes.total + 1 < minutes.deviceSetup + minutes.accountSetup) {
        return this.unusable('total duration shorter than device setup and account setup together');
      }
    }

    o.usable++;
    const device = (typeof e.deviceId === 'string' && e.deviceId) || (typeof e.deviceSerialNumber === 'string' && e.deviceSerialNumber) || null;
    if (device) {
      if (this.devices.add(...hash2(device)) === 'again') o.redeployedDevices++;
    }
    const key = segmentKey(segment);
    let seg = o.segments.get(key);
    if (!seg) o.segments.set(key, (seg = new SegmentObservation(segment)));
    seg.events++;
    const profile = espProfile(seg, e);
    profile.events++;
    const deployment = deploymentProfile(seg, e);
    deployment.events++;
    // The day it started, both ways until the file's order is known (endFile).
    const days: DayTally[] = [];
    if (started !== null) {
      for (const order of DATE_ORDERS) {
        if (Number.isNaN(started[order])) continue;
        let byDay = this.dates.days[order].get(key);
        if (!byDay) this.dates.days[order].set(key, (byDay = new Map()));
        const t = tallyDay(byDay, Math.floor(started[order] / 86_400_000));
        if (t) days.push(t);
      }
    }
    if (targeted !== null) seg.targetedApps.set(targeted, (seg.targetedApps.get(targeted) ?? 0) + 1);
    if (policies !== null) seg.targetedPolicies.set(policies, (seg.targetedPolicies.get(policies) ?? 0) + 1);

    if (clickedPast) seg.clickedPast++;
    if (retriedPhase) seg.retriedPhaseOnly++;
    if (state === 'failure' || state === 'successWithTimeout') {
      const timedOut = state === 'successWithTimeout';
      const match = timedOut ? 'successWithTimeout' : 'failure';
      // The phase that says so; else the one still in progress when the deployment ended (a failed
      // deployment whose device setup was left inProgress failed there, not at enrollment); else enrollment.
      const phase: CalibratedPhase =
        deviceStatus === match ? 'deviceSetup' : accountStatus === match ? 'accountSetup' : timedOut ? 'deviceSetup' : deviceStatus === 'inProgress' ? 'deviceSetup' : accountStatus === 'inProgress' ? 'accountSetup' : 'enrollment';
      const { id: code, unmapped, coded } = timedOut ? { id: 'ESP_TIMEOUT' as ErrorId, unmapped: null, coded: false } : codeOf(e.enrollmentFailureDetails, phase);
      seg.outcomes[timedOut ? 'successWithTimeout' : 'failure']++;
      profile.failed++;
      deployment.failed++;
      const fk = `${phase}|${code}${unmapped ? `|${unmapped}` : ''}`;
      seg.failures.set(fk, (seg.failures.get(fk) ?? 0) + 1);
      if (unmapped) seg.unmappedCodes.set(unmapped, (seg.unmappedCodes.get(unmapped) ?? 0) + 1);
      if (!coded) seg.timeoutLike[phase]++;
      if (!coded && !timedOut && phase !== 'enrollment' && (minutes[phase] ?? 0) > 0) seg.uncodedMinutes[phase].add(minutes[phase]!);
      if (!coded && !timedOut && phase === 'deviceSetup' && (minutes.deviceSetup ?? 0) > 0) for (const t of [profile, deployment]) (t.uncoded ??= new Histogram()).add(minutes.deviceSetup!);
      const label = unmapped ?? code;
      for (const t of days) {
        t.failed++;
        t.codes.set(label, (t.codes.get(label) ?? 0) + 1);
      }
      return;
    }
    seg.outcomes[state === 'successOnRetry' ? 'successOnRetry' : 'success']++;
    if (state === 'successOnRetry') {
      profile.retried++;
      deployment.retried++;
    }
    if (state === 'successOnRetry') seg.retried[accountStatus === 'successOnRetry' && deviceStatus !== 'successOnRetry' ? 'accountSetup' : 'deviceSetup']++;
    const leftOut = (why: string) => seg.durationsLeftOut.set(why, (seg.durationsLeftOut.get(why) ?? 0) + 1);
    const ran = (s: DeploymentState | null) => s === 'success' || s === 'successOnRetry';
    const notRun = (s: DeploymentState | null) => s === 'notAttempted' || s === 'disabled';
    if (notRun(accountStatus)) seg.accountSetupNotRun++;
    if (segment.scenario === 'pre-provisioned' && device && !notRun(deviceStatus)) {
      const h = hash2(device);
      const [mine, other] = notRun(accountStatus) ? [this.preProvisionedRows.technician, this.preProvisionedRows.user] : [this.preProvisionedRows.user, this.preProvisionedRows.technician];
      if (mine.add(...h) === 'new' && other.has(...h)) seg.technicianAndUserRows++;
    }
    if (notRun(deviceStatus)) seg.deviceSetupNotRun++;
    // A success on retry's durations hold its failed first attempt and the error page (Graph does not say how much of
    // them), which the model's sum of steps and apps does not describe: the twin retries its own (fit.ts retried), and
    // the durations fitted and backtested are those of first-time successes.
    if (state === 'successOnRetry') {
      if (minutes.total !== null && minutes.total > 0) seg.retriedTotal.add(minutes.total);
      return void leftOut('durations of a success on retry (its failed first attempt in them)');
    }
    for (const k of DURATIONS) {
      const v = minutes[k];
      const status = k === 'deviceSetup' ? deviceStatus : k === 'accountSetup' ? accountStatus : state;
      // A phase the ESP did not show has no duration to fit (Graph writes zero); a device setup not shown is still listed.
      if (k !== 'total' && notRun(status)) {
        if (k === 'deviceSetup') leftOut(`deviceSetupDuration with status ${status}: the ESP not shown`);
        continue;
      }
      if (v === null) leftOut(`${DURATION_PROPERTY[k]} missing`);
      else if (v === 0) leftOut(`${DURATION_PROPERTY[k]} zero`);
      else if (k !== 'total' && !ran(status)) leftOut(`${DURATION_PROPERTY[k]} with status ${status ?? undocumented(e[k === 'deviceSetup' ? 'deviceSetupStatus' : 'accountSetupStatus'])}`);
      else {
        seg.durations[k].add(v);
        if (k === 'deviceSetup') for (const t of [profile, deployment]) (t.deviceSetup ??= new Histogram()).add(v);
      }
    }
    if (enrollmentMinutes !== null && enrollmentMinutes > 0 && enrollmentMinutes <= MAX_PLAUSIBLE_MINUTES) seg.enrollmentTime.add(enrollmentMinutes);
    const accountNotRun = notRun(accountStatus);
    const deviceNotRun = notRun(deviceStatus);
    if (minutes.total && (deviceNotRun || (minutes.deviceSetup && ran(deviceStatus))) && (accountNotRun || (minutes.accountSetup && ran(accountStatus)))) {
      (deviceNotRun ? seg.remainderEspOff : seg.remainder).add(Math.max(0, minutes.total - (deviceNotRun ? 0 : minutes.deviceSetup!) - (accountNotRun ? 0 : minutes.accountSetup!)));
    }
  }

  /**
   * A row of the device preparation deployments report (./device-preparation.ts): the segment
   * device-preparation/entra (user-driven Entra join is the flow the report covers), its status as
   * the outcome, its Deployment time as the total, its Phase as where a failure happened.
   */
  private addDevicePreparation(file: string, record: number, e: RawEvent): void {
    const o = this.observed;
    for (const f of ['deviceName', 'serialNumber', 'upn', 'enrollmentDate', 'deploymentStatus', 'phase', 'deploymentTime', 'deploymentSeconds', 'resultCode'] as const) {
      const v = e[f];
      if (v !== undefined && v !== null && typeof v !== 'string') throw new InputError(file, `record ${record}: ${f}`, `expected text or an empty cell, got ${describe(v)}`);
    }
    // The Graph export's seconds where the file has them (the documented form), else the admin center's Deployment time.
    const seconds = e.deploymentSeconds !== undefined;
    const time = seconds ? deploymentSeconds(e.deploymentSeconds) : deploymentTime(e.deploymentTime);
    if (typeof time === 'number') {
      if (seconds) throw new InputError(file, `record ${record}: DeploymentDurationTimeInSeconds`, `expected a number of seconds, got ${describe(e.deploymentSeconds)}`);
      const text = typeof e.deploymentTime === 'string' ? e.deploymentTime.trim() : '';
      const why = EXCEL_TIME.test(text)
        ? ': minutes and seconds or hours and minutes cannot be told apart (Excel saves a time it has opened so); export the report again and calibrate that file'
        : LOCALIZED_TIME.test(text)
          ? `: numbers with words that are not English, as the admin center writes a time in another language, which is not documented (nor can a word's unit be told from its place: "1 Std. 5 Min." and "1 Min. 5 Sek." look alike); ${LANGUAGE_FREE_EXPORT}`
          : '';
      throw new InputError(file, `record ${record}: Deployment time`, `expected a time such as "12 min 30 sec", "00:12:30" or minutes as a number, got ${describe(e.deploymentTime)}${why}`);
    }
    const device = (typeof e.serialNumber === 'string' && e.serialNumber) || (typeof e.deviceName === 'string' && e.deviceName) || null;
    if (!device || typeof e.enrollmentDate !== 'string' || !e.enrollmentDate) this.observed.unkeyed++;
    const idHash = device && typeof e.enrollmentDate === 'string' && e.enrollmentDate ? hash2(`${device}\u0000${e.enrollmentDate}`) : null;
    // The Graph export's localizable columns as numbers, their words not beside them (a select that left out the _loc
    // columns): the numbers' values are not documented. Every row was 'deployment status not documented (expected In
    // progress, Success or Failed, as the report in English writes them)', and a failure's Phase as a number was read as
    // the policy's timer.
    for (const [f, column, words] of [['deploymentStatus', 'DeploymentStatus', 'Success, Failed, In progress'], ['phase', 'Phase', 'Policy installation, Script installation, App installation']] as const) {
      const v = e[f];
      if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) {
        throw new InputError(file, `record ${record}: ${column}`, `expected the ${column === 'Phase' ? 'phase' : 'status'} in words (${words}), got the number ${v.trim()}, whose values are not documented: the Graph export writes a localizable column as a number and its words beside it, under ${column}_loc (localizationType localizedValuesAsAdditionalColumn, the default), or in its place (replaceLocalizableValues); export the report again with them and calibrate that file`);
      }
    }
    const status = deploymentStatus(e.deploymentStatus);
    // Duplicates: the same device enrolled at the same time, read twice (overlapping exports). A row read In progress and
    // again with its outcome, as last month's report beside this month's has it, is the row with the outcome, whichever
    // report comes first (as a Graph record is, above): the row read first was kept, so October's rows In progress on its
    // last day, finished in November's report, were said to have stalled and their outcomes dropped as duplicates.
    const pending = idHash ? this.inProgressIds.get(idHash.join(',')) : undefined;
    if (pending && status !== null && status !== undefined) {
      this.inProgressIds.delete(idHash!.join(','));
      this.supersede(pending);
    } else if (idHash && this.events.add(...idHash) !== 'new') {
      this.duplicatesRead++;
      return this.unusable('duplicate deployment (the same device and enrollment date already read)');
    }
    if (status === undefined) return this.unusable(`deployment status ${e.deploymentStatus === null || e.deploymentStatus === undefined || e.deploymentStatus === '' ? 'missing' : 'not documented (expected In progress, Success or Failed, as the report in English writes them)'}`);
    // The report's Enrollment date (documented: memdocs reporting-monitoring.md) dates a row as a Graph record's start does:
    // a row In progress since over a day before the report's newest enrollment stalled or was abandoned (stalled()), as no
    // deployment runs that long. Rows In progress for weeks had been left among those in progress, with no word.
    const started = this.started(file, record, e, undefined, ['enrollmentDate'], () => (seconds ? 'EnrollmentTimeInUtc' : 'Enrollment date'));
    this.dated(started, status === null);
    if (status === null) {
      if (idHash) this.pendingOutcome(idHash, started);
      return this.unusable('deployment in progress');
    }
    if (status === 'success' && time && time.minutes > MAX_PLAUSIBLE_MINUTES) return this.unusable('duration longer than a week (Deployment time)');
    o.usable++;
    if (device && this.devices.add(...hash2(device)) === 'again') o.redeployedDevices++;
    const segment: Segment = { scenario: 'device-preparation', joinType: 'entra' };
    const key = segmentKey(segment);
    let seg = o.segments.get(key);
    if (!seg) o.segments.set(key, (seg = new SegmentObservation(segment)));
    seg.events++;
    if (time) seg.deploymentTimeForms.set(time.form, (seg.deploymentTimeForms.get(time.form) ?? 0) + 1);
    if (status === 'failure') {
      const at = failureAt(e.phase);
      seg.outcomes.failure++;
      // The Graph export's ResultCode (an HRESULT as a signed number): the tenant's own code, which the twin's devices
      // fail with at the step the Phase named (the catalogue's id for it would put the failure at its own flow's step).
      const reported = hresultIn(e.resultCode);
      const fk = `${at.phase}|${at.code}${reported ? `|${reported}` : ''}`;
      seg.failures.set(fk, (seg.failures.get(fk) ?? 0) + 1);
      if (reported) seg.unmappedCodes.set(reported, (seg.unmappedCodes.get(reported) ?? 0) + 1);
      if (at.timer) seg.timeoutLike[at.phase]++;
      return;
    }
    seg.outcomes.success++;
    // No ESP: the report has no device or account setup, only the time the whole deployment took in OOBE.
    if (!time) seg.durationsLeftOut.set('Deployment time missing', (seg.durationsLeftOut.get('Deployment time missing') ?? 0) + 1);
    else if (time.minutes === 0) seg.durationsLeftOut.set('Deployment time zero', (seg.durationsLeftOut.get('Deployment time zero') ?? 0) + 1);
    else seg.durations.total.add(time.minutes);
  }

  private enumField<T extends string>(file: string, record: number, e: RawEvent, field: string, values: readonly T[]): T | null {
    const v = e[field];
    if (v === undefined || v === null || v === '') return null;
    // A member's documented value in place of its name (graph.ts: the lists are in that order): a .NET program serializing
    // the SDK's models (System.Text.Json writes an enum as its number unless told otherwise) or ConvertTo-Json of a .NET
    // enum writes the number, and a CSV of them the digits. Such a JSON export was refused at its first record, and such a
    // CSV read as every deployment's enrollment type 'not documented'. A number with no member is not documented.
    const n = typeof v === 'number' ? v : typeof v === 'string' && NUMBER.test(v) ? Number(v) : null;
    if (n !== null && Number.isInteger(n)) return values[n] ?? null;
    if (typeof v !== 'string') throw new InputError(file, `record ${record}: ${field}`, `expected one of the documented values, as a name or its documented number, got ${describe(v)}`);
    if ((values as readonly string[]).includes(v)) return v as T;
    // A member's name in another case: the .NET SDK's enums are PascalCase (Success, AzureADJoinedWithAutopilotProfile), as a
    // .NET program or PowerShell writes them. No two members differ by case alone. Every such row was 'not documented'.
    const lower = v.trim().toLowerCase();
    const member = values.find((m) => m.toLowerCase() === lower);
    if (member) return member;
    // A slip for a member (a hand-edited 'sucess', 'faliure'): counted as 'not documented' with exit 0, one deployment
    // fewer in the rates and no word of which. A value far from every member (a future one, a report's words) is still
    // counted so, as Graph may add members.
    const slip = closest(v.trim(), values);
    if (slip) throw new InputError(file, `record ${record}: ${field}`, `expected one of the documented values, got "${v.trim()}", a slip for "${slip}" it seems: correct it and calibrate the file again`);
    return null;
  }
}

/**
 * An ESP profile's id as a segment's tally keeps it (a hash), to match an exported profile by: its GUID where it starts
 * with one, as Intune writes a configuration's id with its type after it ("{guid}_Windows10EnrollmentCompletionPageConfiguration"),
 * which a deployment record may give bare.
 */
export const profileIdKey = (id: string): string => hash2((/^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(id)?.[1] ?? id).toLowerCase()).join('.');

/** The tally of the deployment profile an event names, in its segment (SegmentObservation.deploymentProfiles). */
function deploymentProfile(seg: SegmentObservation, e: RawEvent): ProfileTally & { name: string | null } {
  const name = e.windowsAutopilotDeploymentProfileDisplayName;
  let key = typeof name === 'string' && name !== '' ? name : OTHER_PROFILES;
  if (!seg.deploymentProfiles.has(key) && seg.deploymentProfiles.size >= MAX_PROFILES) key = OTHER_PROFILES;
  let t = seg.deploymentProfiles.get(key);
  if (!t) seg.deploymentProfiles.set(key, (t = { events: 0, retried: 0, failed: 0, name: key === OTHER_PROFILES ? null : key }));
  return t;
}

/** The tally of the ESP profile an event names, in its segment (SegmentObservation.espProfiles). */
function espProfile(seg: SegmentObservation, e: RawEvent): ProfileTally {
  const name = e.windows10EnrollmentCompletionPageConfigurationDisplayName;
  const id = e.windows10EnrollmentCompletionPageConfigurationId;
  let key = typeof name === 'string' && name !== '' ? `n:${name}` : typeof id === 'string' && id !== '' ? `i:${profileIdKey(id)}` : OTHER_PROFILES;
  if (!seg.espProfiles.has(key) && seg.espProfiles.size >= MAX_PROFILES) key = OTHER_PROFILES;
  let t = seg.espProfiles.get(key);
  if (!t) seg.espProfiles.set(key, (t = { events: 0, retried: 0, failed: 0, name: key.startsWith('n:') ? key.slice(2) : null }));
  if (!t.idKey && typeof id === 'string' && id !== '') t.idKey = profileIdKey(id);
  return t;
}

export const CODE_PAGE_LABEL = 'Code page';
/**
 * Which files were read in an ANSI code page, and that their names past ASCII are right only if it was that one, or null.
 * Windows-1250 and Windows-1251 are told apart where their letters read as no Western word (read.ts ansiCodePage); a
 * Windows-1250 name whose letters are letters in Windows-1252 too ("Gdańsk" read "Gdañsk") cannot be, and is named with
 * both readings: it read as Windows-1252 with no word, and --deployment-profile "Autopilot Gdańsk" matched nothing.
 */
export function codePageNote(observed: Observed): string | null {
  const read = observed.codePages ?? [];
  if (read.length === 0) return null;
  const other = read.find((r) => r.otherwise);
  const told = other?.otherwise ? `; ${basename(other.file)}'s "${other.otherwise.read}" reads "${other.otherwise.otherwise}" in Windows-1250 (a Central European Windows), which calibrate cannot tell from Windows-1252 there: if that is the name, the file was written in Windows-1250 and --deployment-profile matches it only as "${other.otherwise.read}"` : '';
  return `${read.map((r) => `${basename(r.file)} read as ${CODE_PAGE_NAME[r.codePage]}`).join(', ')} (no byte order mark, and not UTF-8): its names past ASCII (a deployment profile's, an ESP profile's) are right only if ${read.length === 1 ? 'it was' : 'each was'} written in that code page${told}; save it as UTF-8 (Export-Csv -Encoding UTF8, or Excel's "CSV UTF-8") to be sure`;
}

/**
 * The total or summary lines skipped below a CSV's deployment rows, or null: such a line (Excel's Total Row, a count typed
 * under the data) was counted as one event not used, 'enrollment type missing', as if the export held a record without
 * its type.
 */
export function totalLinesSkipped(observed: Observed): string | null {
  const lines = observed.totalLines ?? [];
  if (lines.length === 0) return null;
  const shown = lines.slice(0, 3).map((l) => `${basename(l.file)}:${l.line}`).join(', ');
  return `${lines.length === 1 ? 'a total or summary line' : `${count(lines.length)} total or summary lines`} below the deployment rows (${shown}${lines.length > 3 ? ', ...' : ''}; its first cell a total's label, or numbers alone, as Excel's Total Row adds): not ${lines.length === 1 ? 'an event' : 'events'}, skipped`;
}

/**
 * Why the pages read are not all of Graph's, or null: every page has an @odata.nextLink, and Graph's last has none, so
 * the pages after the last one saved were never read (a loop stopped early, Graph Explorer's first page alone).
 */
export function pagesMissing(observed: Observed): string | null {
  const { withNextLink, last } = observed.pages;
  if (withNextLink === 0 || last > 0) return null;
  return `${withNextLink === 1 ? 'the one Graph page read has' : withNextLink === 2 ? 'both Graph pages read have' : `all ${count(withNextLink)} Graph pages read have`} an @odata.nextLink and Graph's last page has none: Graph holds more events than these files (the last page${withNextLink === 1 ? '' : 's'} after them not saved), and the twin is fitted to the ${count(observed.events)} read; follow @odata.nextLink until a page has none (Invoke-MgGraphRequest in a loop, or Get-MgBetaDeviceManagementAutopilotEvent -All) and calibrate every page`;
}

/**
 * The pages every event of which had been read before, or null: a page saved twice (a loop that requested one
 * @odata.nextLink again, a page pasted in twice) or exports that overlap by whole pages. Its events were counted as
 * duplicates, rightly, but nothing said a page had repeated, so an admin read '100 duplicate event' and looked for
 * deployments Graph recorded twice.
 */
/** The label of pagesRepeated's note, in the report and the twin's header. */
export const REPEATED_LABEL = 'Repeated pages';

export function pagesRepeated(observed: Observed): string | null {
  const pages = observed.repeatedPages ?? [];
  if (pages.length === 0) return null;
  const events = pages.reduce((n, p) => n + p.events, 0);
  const shown = pages.slice(0, 3).map((p) => `page ${p.page} of ${basename(p.file)} (${count(p.events)} event${p.events === 1 ? '' : 's'})`).join(', ');
  return `${pages.length === 1 ? 'a Graph page' : `${count(pages.length)} Graph pages`} held only events read before: ${shown}${pages.length > 3 ? ', ...' : ''}, a page saved twice (a loop that requested one @odata.nextLink again) or exports that overlap; ${pages.length === 1 ? 'its' : 'their'} ${count(events)} event${events === 1 ? ' is' : 's are'} among the duplicates not used, each deployment counted once`;
}

/**
 * The runs of consecutive CSV rows every one of which had been read before, or null: rows pasted twice (below the others
 * in Excel), two exports joined into one file, exports that overlap. Their rows were counted as duplicates, rightly, but
 * the report said only '400 duplicate event (an id already read)', where a JSON export's page saved twice is named
 * (pagesRepeated). A run of one row is not named: a row read twice alone is no block pasted again.
 */
export const MIN_REPEATED_ROWS = 2;
/** The label of rowsRepeated's note, in the report and the twin's header. */
export const REPEATED_ROWS_LABEL = 'Repeated rows';

export function rowsRepeated(observed: Observed): string | null {
  const runs = observed.repeatedRows ?? [];
  if (runs.length === 0) return null;
  const rows = runs.reduce((n, r) => n + r.rows, 0);
  const shown = runs.slice(0, 3).map((r) => `lines ${r.first}–${r.last} of ${basename(r.file)} (${count(r.rows)} rows)`).join(', ');
  return `${runs.length === 1 ? 'a run of CSV rows' : `${count(runs.length)} runs of CSV rows`} held only deployments read before: ${shown}${runs.length > 3 ? ', ...' : ''}, rows pasted twice (in Excel, or two exports joined into one file) or exports that overlap; ${runs.length === 1 ? 'its' : 'their'} ${count(rows)} rows are among the duplicates not used, each deployment counted once`;
}

/**
 * That some records could not be checked for duplicates, or null: a record read twice is found by its id, else by its
 * device and start (observe's Observer), and one with neither (an export whose id, deviceId, serial number and start
 * time columns were all left out) was counted once each time it was read, and the report did not say so.
 */
export function duplicatesNotChecked(observed: Observed): string | null {
  const n = observed.unkeyed;
  if (n === 0) return null;
  const which = n === observed.events ? (n === 1 ? 'the one record has no id' : `none of the ${count(n)} records has an id`) : `${count(n)} of the ${count(observed.events)} records ${n === 1 ? 'has' : 'have'} no id`;
  return `${which}, nor a device (deviceId or serial number) with its start time, so a record read twice (overlapping exports, a page saved twice) cannot be told from two deployments: duplicates among ${n === 1 ? 'it' : 'them'} were not checked, and any are counted twice; export with the id column (or deviceId and deploymentStartDateTime) to have them checked`;
}

// What a value must look like to be echoed in a report or an error: an identifier in the wrong
// column (columns shifted, a field mistyped) must stay out. Graph's enum members are lower camel
// case with a capital inside (unknownFutureValue); a device name is upper case, a user's name
// has a dot or an @. A duration starts with P or has a colon; a Hyper-V serial (digits and
// dashes) has neither.
const ENUM_LIKE = /^[a-z]+(?:[A-Z][a-z0-9]*)+$/;
/**
 * An undocumented enum value as a report may echo it, or null: lower camel case as Graph writes a member, and Graph's
 * sentinel for members added later, unknownFutureValue, in any case (the SDK writes it UnknownFutureValue, which a
 * CSV export then said was 'not documented' without its name, where the same events' JSON named it).
 */
const enumEcho = (v: string): string | null => (/^unknownfuturevalue$/i.test(v) ? 'unknownFutureValue' : ENUM_LIKE.test(v) ? v : null);
const DURATION_LIKE = /^[-+]?P[\dTDHMSW.,]{0,38}$|^[-+]?[\d.]{0,12}:[\d:.,]{0,20}$/i;
/**
 * A date as some writer may have meant it, echoed in the error that refuses it (a month 13, a day 40): digits in three
 * groups, a time, an offset. A serial number (digits and dashes in groups of four or more) does not read as one.
 */
const DATE_LIKE = /^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}(?:[ T]\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,7})?)?(?: ?[AP]M)?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?$/i;
/** A date as Excel's serial number, days since 1900 with the time as a fraction, as a cell formatted as a number shows it: never echoed. */
const EXCEL_SERIAL = /^\s*\d{5}[.,]\d{1,10}\s*$/;
/** An enum member's documented value as a CSV writes it (enumField); echoed only when short, as a member's is (a serial number in the wrong column is not). */
const NUMBER = /^\s*\d{1,9}\s*$/;

/** Why an enum field gave no value: missing, or a value Graph does not document (such as its "unknownFutureValue"), named when it reads as one. */
function undocumented(v: unknown): string {
  if (v === undefined || v === null || v === '') return 'missing';
  if (typeof v === 'number' || (typeof v === 'string' && NUMBER.test(v))) return String(v).trim().length <= 3 ? `${String(v).trim()} (a number no member has)` : 'a number no member has';
  return typeof v === 'string' && enumEcho(v) ? `"${enumEcho(v)}" (not documented)` : 'not documented';
}

/**
 * Excel opens an SDK export's TimeSpans (00:22:09.3120000) as times and saves them as it shows
 * them, minutes and seconds ("22:09.3"; "22:09,3" where the culture writes a decimal comma, as
 * de-DE and fr-FR do), the hours gone: no reader can tell 22 minutes from 1 h 22, so the admin is
 * told what happened and how to export without it.
 */
const EXCEL_TIME = /^\d{1,2}:\d{2}(?:[.,]\d)?$/;
/** Minutes (or seconds) as a decimal number, as a column converted by hand writes them: "42,5" in de-DE, "42.5" in en-US. */
const DECIMAL = /^\s*\d{1,6}[.,]\d{1,6}\s*$/;

function notADuration(v: unknown): string {
  const got = `expected an ISO 8601 duration such as PT42M17S (or a TimeSpan such as 00:42:17), got ${describe(v)}`;
  // Digits alone are not echoed (a serial number in the wrong column reads so), but said: a number without its unit.
  if (typeof v === 'string' && (NUMBER.test(v) || DECIMAL.test(v))) return `expected an ISO 8601 duration such as PT42M17S (or a TimeSpan such as 00:42:17), got ${NUMBER.test(v) ? 'digits alone' : 'a decimal number'}: a number without its unit (minutes or seconds?), which Graph never writes; export the events again as Graph or Export-Csv writes them`;
  if (typeof v !== 'string' || !EXCEL_TIME.test(v)) return got;
  return `${got}: minutes and seconds, as Excel shows a TimeSpan and saves it once the file is edited there, with the hours dropped; export again (Export-Csv) and calibrate that file, or in Excel import the duration columns as text`;
}

/** targetedAppCount, targetedPolicyCount: Graph's Int32, a number in JSON and digits in a CSV; null when absent. */
function appCount(file: string, record: number, v: unknown, field: string, what: string): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{1,9}\s*$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < 0) throw new InputError(file, `record ${record}: ${field}`, `expected a whole number of ${what} (Graph's Int32), got ${describe(v)}`);
  return n;
}

function describe(v: unknown): string {
  // Echoed only when it reads as a duration or an enum value: an identifier in the wrong column stays out of the message.
  if (typeof v === 'string') return DURATION_LIKE.test(v) || ENUM_LIKE.test(v) ? JSON.stringify(v) : 'other text';
  if (Array.isArray(v)) return 'a list';
  if (v !== null && typeof v === 'object') return 'an object';
  return String(v);
}

export type { EnrollmentType };

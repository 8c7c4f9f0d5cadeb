// Synthetic Graph exports from known parameters: the model is run with known app install times,
// step factors per phase and failure probabilities (the same environment calibration writes), and each simulated
// deployment becomes a deviceManagementAutopilotEvent with the noise real exports have: a few
// seconds of clock jitter, deployments still in progress, enrollment types the model cannot run
// or Graph does not document, the same event twice, a device deployed twice, missing, zero and
// negative durations, successWithTimeout, successOnRetry, several pages. Every identifier is
// made up and says so (SYNTHETIC in the serial, example.invalid in the user).
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { lookup } from '../catalog/errors.ts';
import type { CalibratedPhase } from '../environment/schema.ts';
import { EnvironmentSchema } from '../environment/schema.ts';
import { simulate, type Outcome } from '../engine/simulate.ts';
import { createRandom, type Random } from '../world/random.ts';
import { isoDuration, PROPERTIES, type EnrollmentType, type Segment } from './graph.ts';
import { segmentEnvironment, graphDurations, phaseSum, type Lognormal, type StepFactors } from './fit.ts';
import type { ErrorId } from '../catalog/errors.ts';

export interface SyntheticSegment {
  segment: Segment;
  /** Deployments to simulate. */
  count: number;
  deviceApps: number;
  deviceApp: Lognormal | null;
  userApps: number;
  userApp: Lognormal | null;
  failures: Array<{ phase: CalibratedPhase; code: ErrorId; reportedCode?: string; probability: number }>;
  /** The model's own steps per phase, as a factor on their defaults (absent: 1). */
  steps?: StepFactors;
  /** The ESP profile does not show account setup (SkipUserStatusPage): Graph records it notAttempted. */
  skipsAccountSetup?: boolean;
  /** The ESP is off: Graph records both phases disabled, with no durations. */
  espNotShown?: boolean;
}

export interface Noise {
  inProgress: number;
  unknownType: number;
  duplicateEvent: number;
  redeployedDevice: number;
  missingDuration: number;
  zeroDuration: number;
  negativeDuration: number;
  successWithTimeout: number;
  /** Relative clock jitter of each duration (standard deviation). */
  jitter: number;
}

export const DEFAULT_NOISE: Noise = {
  inProgress: 0.02,
  unknownType: 0.01,
  duplicateEvent: 0.01,
  redeployedDevice: 0.02,
  missingDuration: 0.01,
  zeroDuration: 0.01,
  negativeDuration: 0.003,
  successWithTimeout: 0.005,
  jitter: 0.01,
};

export interface SyntheticOptions {
  segments: SyntheticSegment[];
  noise?: Partial<Noise>;
  seed?: number;
  espTimeoutMinutes?: number;
  /** Simulate this many deployments per segment and draw the rest from them (fast, for benchmarks). */
  pool?: number;
  /**
   * Write the newer beta's properties too: devicePreparationDuration ("Time spent in device enrollment", the model's
   * enrollment steps, jittered) and targetedPolicyCount. Absent: the events as the older beta wrote them (and the
   * same random draws, so the bundled sample stays as it is).
   */
  newer?: { targetedPolicyCount: number };
}

const ENROLLMENT_TYPE: Record<string, EnrollmentType> = {
  'user-driven/entra': 'azureADJoinedWithAutopilotProfile',
  'user-driven/hybrid': 'offlineDomainJoined',
  'self-deploying/entra': 'azureADJoinedUsingDeviceAuthWithAutopilotProfile',
  'pre-provisioned/entra': 'azureADJoinedWithWhiteGlove',
  'pre-provisioned/hybrid': 'offlineDomainJoinedWithWhiteGlove',
  'existing-devices/entra': 'azureADJoinedWithOfflineAutopilotProfile',
};

const hex = (r: Random, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(r.next() * 16).toString(16);
  return s;
};
const uuid = (r: Random) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
function normal(r: Random): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}

/** The Graph's text for a simulated failure: the code as Microsoft writes it, inside a sentence. */
function failureDetails(code: string | null): string {
  if (!code) return 'Deployment failed';
  const entry = lookup(code);
  const shown = entry && 'code' in entry && entry.code ? entry.code : code;
  return `Autopilot deployment failed with error ${shown}.`;
}

/** Each synthetic event, in order, through `emit`. Returns the number of events. */
export function generate(options: SyntheticOptions, emit: (event: Record<string, string | null>) => void): number {
  const noise = { ...DEFAULT_NOISE, ...options.noise };
  const seed = options.seed ?? 1;
  const timeout = options.espTimeoutMinutes ?? 60;
  const r = createRandom(seed ^ 0x2545f491, 0);
  let events = 0;
  let serial = 0;
  const start = Date.UTC(2026, 9, 1);
  let previous: Record<string, string | null> | null = null;
  for (const seg of options.segments) {
    const env = EnvironmentSchema.parse(segmentEnvironment(seg.segment, seg, timeout));
    const key = `${seg.segment.scenario}/${seg.segment.joinType}`;
    const type = ENROLLMENT_TYPE[key]!;
    const pool: Outcome[] = [];
    const outcomeOf = (i: number): Outcome => {
      if (!options.pool) return simulate(env, { seed, index: i, trace: false }).outcome;
      if (pool.length < options.pool) pool.push(simulate(env, { seed, index: i, trace: false }).outcome);
      return pool.length < options.pool ? pool[pool.length - 1]! : pool[Math.floor(r.next() * pool.length)]!;
    };
    for (let i = 0; i < seg.count; i++) {
      const o = outcomeOf(i);
      let deviceId = uuid(r);
      let serialNumber = `SYNTHETIC-${String(++serial).padStart(7, '0')}`;
      let name = `SYN-PC-${hex(r, 6).toUpperCase()}`;
      let upn = `user${Math.floor(r.next() * 1e6)}@synthetic.example.invalid`;
      if (previous && r.next() < noise.redeployedDevice) {
        // The same device deployed again (after a reset or a failure): a new event, the same device.
        deviceId = previous.deviceId!;
        serialNumber = previous.deviceSerialNumber!;
        name = previous.managedDeviceName!;
        upn = previous.userPrincipalName!;
      }
      const d = graphDurations(o.phaseMinutes, o.totalMinutes);
      const jitter = (m: number) => Math.max(0, m * (1 + noise.jitter * normal(r)));
      let state = o.status === 'succeeded' ? (o.firstTimeRight ? 'success' : 'successOnRetry') : 'failure';
      let deviceStatus = env.esp.enabled ? 'success' : 'disabled';
      let accountStatus = !env.esp.enabled ? 'disabled' : d.accountSetup > 0 && !env.esp.skipUserStatusPage ? 'success' : 'notAttempted';
      let details: string | null = null;
      if (state === 'failure') {
        const phase = o.failedPhase ?? '';
        details = failureDetails(o.errorCode);
        if (phase === 'deviceSetup' || phase === 'devicePreparation' || phase === 'technicianFlow' || phase === 'qualityUpdates') {
          deviceStatus = 'failure';
          accountStatus = 'notAttempted';
        } else if (phase === 'accountSetup') accountStatus = 'failure';
        else {
          deviceStatus = 'notAttempted';
          accountStatus = 'notAttempted';
        }
      } else if (r.next() < noise.successWithTimeout) {
        state = 'successWithTimeout';
        deviceStatus = 'successWithTimeout';
        d.total += Math.max(0, timeout - d.deviceSetup);
        d.deviceSetup = Math.max(d.deviceSetup, timeout);
      }
      const begin = start + Math.floor(r.next() * 30 * 86_400_000);
      const total = state === 'failure' ? d.deviceSetup + d.accountSetup : d.total;
      const event: Record<string, string | null> = {
        '@odata.type': '#microsoft.graph.deviceManagementAutopilotEvent',
        id: uuid(r),
        deviceId,
        userId: uuid(r),
        eventDateTime: new Date(begin + total * 60_000).toISOString(),
        deviceRegisteredDateTime: new Date(begin - 86_400_000 * 7).toISOString(),
        enrollmentStartDateTime: new Date(begin).toISOString(),
        enrollmentType: type,
        deviceSerialNumber: serialNumber,
        managedDeviceName: name,
        userPrincipalName: seg.segment.scenario === 'self-deploying' ? null : upn,
        windowsAutopilotDeploymentProfileDisplayName: `Synthetic ${key} profile`,
        enrollmentState: state === 'failure' ? 'failed' : 'enrolled',
        windows10EnrollmentCompletionPageConfigurationDisplayName: 'Synthetic ESP',
        windows10EnrollmentCompletionPageConfigurationId: uuid(r),
        deploymentState: state,
        deviceSetupStatus: deviceStatus,
        accountSetupStatus: accountStatus,
        osVersion: '10.0.26100.4061',
        deploymentDuration: isoDuration(jitter(total)),
        deploymentTotalDuration: isoDuration(jitter(total)),
        deviceSetupDuration: isoDuration(deviceStatus === 'disabled' ? 0 : jitter(d.deviceSetup)),
        accountSetupDuration: isoDuration(accountStatus === 'notAttempted' || accountStatus === 'disabled' ? 0 : jitter(d.accountSetup)),
        deploymentStartDateTime: new Date(begin).toISOString(),
        deploymentEndDateTime: new Date(begin + total * 60_000).toISOString(),
        enrollmentFailureDetails: details,
        ...(options.newer ? { devicePreparationDuration: isoDuration(jitter(phaseSum(o.phaseMinutes, 'enrollment'))), targetedPolicyCount: String(options.newer.targetedPolicyCount) } : {}),
      };
      // Export quirks.
      const u = r.next();
      let acc = noise.inProgress;
      if (u < acc) {
        event.deploymentState = 'inProgress';
        event.deviceSetupStatus = 'inProgress';
        event.accountSetupStatus = 'notAttempted';
        event.deploymentTotalDuration = null;
        event.deploymentEndDateTime = null;
      } else if (u < (acc += noise.unknownType)) {
        event.enrollmentType = r.next() < 0.5 ? 'unknown' : r.next() < 0.5 ? 'azureADJoinedUsingDeviceAuthWithoutAutopilotProfile' : 'unknownFutureValue';
      } else if (u < (acc += noise.missingDuration)) {
        event.deviceSetupDuration = null;
      } else if (u < (acc += noise.zeroDuration)) {
        event.accountSetupDuration = 'PT0S';
      } else if (u < (acc += noise.negativeDuration)) {
        event.deviceSetupDuration = `-${event.deviceSetupDuration}`;
      }
      emit(event);
      events++;
      if (r.next() < noise.duplicateEvent) {
        emit(event);
        events++;
      }
      previous = event;
    }
  }
  return events;
}

const csvCell = (v: string | null) => (v === null ? '' : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Write a synthetic export: JSON pages of `pageSize` events (with @odata.nextLink), or one CSV. Returns the files written. */
export function writeSynthetic(dir: string, options: SyntheticOptions & { format?: 'json' | 'csv'; pageSize?: number; prefix?: string }): { files: string[]; events: number } {
  const format = options.format ?? 'json';
  const pageSize = options.pageSize ?? 1000;
  const prefix = options.prefix ?? 'autopilotEvents';
  const files: string[] = [];
  let fd = -1;
  let inPage = 0;
  let page = 0;
  let buffer = '';
  const flush = () => {
    if (buffer) writeSync(fd, buffer);
    buffer = '';
  };
  const open = () => {
    const file = join(dir, format === 'csv' ? `${prefix}.csv` : `${prefix}-page${String(++page).padStart(3, '0')}.json`);
    files.push(file);
    fd = openSync(file, 'w');
    buffer = format === 'csv' ? `${PROPERTIES.join(',')}\n` : '{"@odata.context":"https://graph.microsoft.com/beta/$metadata#deviceManagement/autopilotEvents","value":[';
    inPage = 0;
  };
  const close = (last: boolean) => {
    if (format === 'json') buffer += `]${last ? '' : `,"@odata.nextLink":"https://graph.microsoft.com/beta/deviceManagement/autopilotEvents?$skiptoken=page${page + 1}"`}}\n`;
    flush();
    closeSync(fd);
    fd = -1;
  };
  const events = generate(options, (event) => {
    if (fd < 0) open();
    if (format === 'csv') buffer += `${PROPERTIES.map((p) => csvCell(event[p] ?? null)).join(',')}\n`;
    else {
      buffer += `${inPage ? ',' : ''}\n${JSON.stringify(event)}`;
      inPage++;
      if (inPage >= pageSize) close(false);
    }
    if (buffer.length > 1 << 20) flush();
  });
  if (fd >= 0) close(true);
  else if (format === 'json' && files.length) {
    // The last page was full: Graph's last page has no nextLink, so write an empty closing page.
    open();
    close(true);
  }
  return { files, events };
}

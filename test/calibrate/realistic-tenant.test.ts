// A tenant's export as Graph writes it, end to end: pages of GET deviceManagement/autopilotEvents (beta) with
// @odata.context and @odata.nextLink but on the last, every property Graph writes (nulls where it has no value, 0001-01-01
// for a date it does not have, optional ones left out of some records, as a tool dropping nulls does), every documented
// deploymentState and one Graph may add (unknownFutureValue), user-driven and self-deploying; and the same events as
// Windows PowerShell 5.1 writes them on a German Windows (Export-Csv -UseCulture -Encoding Unicode: UTF-16, a #TYPE line,
// semicolons, PascalCase, TimeSpans, dd.MM.yyyy dates). Every figure calibrate prints is the one written in, and the twin
// `run` gives back the tenant's success rate.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-realistic-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A seeded generator (mulberry32): the export is the same on every run. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const r = random(42);
const lognormal = (median: number, sd: number) => median * Math.exp(sd * Math.sqrt(-2 * Math.log(r() || 1e-9)) * Math.cos(2 * Math.PI * r()));
const NEVER = '0001-01-01T00:00:00Z';
const FIRST = Date.UTC(2026, 9, 1, 8);
const UD = 'azureADJoinedWithAutopilotProfile';
const SD = 'azureADJoinedUsingDeviceAuthWithAutopilotProfile';

let n = 0;
const events: Array<Record<string, unknown>> = [];
/** One deployment as Graph writes it: null durations where it has none, 0001-01-01 where it has no end. */
function deployment(type: string, state: string, o: { device?: number | null; account?: number | null; ds?: string; as?: string; details?: string; at?: number; drop?: string[] } = {}) {
  n++;
  const start = new Date(o.at ?? FIRST + Math.floor(r() * 40 * 86_400_000)).toISOString();
  const done = state === 'success' || state === 'successOnRetry';
  const total = done ? (o.device ?? 0) + (o.account ?? 0) + 4 + r() * 4 : null;
  const e: Record<string, unknown> = {
    id: `7c1e0000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    deviceId: `5d2f0000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    userId: null,
    eventDateTime: start,
    deviceRegisteredDateTime: NEVER,
    enrollmentStartDateTime: start,
    enrollmentType: type,
    deviceSerialNumber: `PF3${String(n).padStart(5, '0')}`,
    managedDeviceName: `CONTOSO-${n}`,
    userPrincipalName: type === SD ? null : `user${n}@contoso.com`,
    windowsAutopilotDeploymentProfileDisplayName: type === SD ? 'Kiosks' : 'Corp Laptops',
    enrollmentState: 'enrolled',
    windows10EnrollmentCompletionPageConfigurationDisplayName: 'All users and all devices',
    windows10EnrollmentCompletionPageConfigurationId: '00000000-0000-0000-0000-000000000000_DefaultWindows10EnrollmentCompletionPageConfiguration',
    deploymentState: state,
    deviceSetupStatus: o.ds ?? 'success',
    accountSetupStatus: o.as ?? (type === SD ? 'notAttempted' : 'success'),
    osVersion: '10.0.26100.2605',
    deploymentDuration: total === null ? null : isoDuration(total),
    deploymentTotalDuration: total === null ? null : isoDuration(total),
    deviceSetupDuration: o.device == null ? null : isoDuration(o.device),
    accountSetupDuration: o.account == null ? null : isoDuration(o.account),
    deploymentStartDateTime: start,
    deploymentEndDateTime: total === null ? NEVER : new Date(Date.parse(start) + total * 60_000).toISOString(),
    enrollmentFailureDetails: o.details ?? null,
  };
  for (const k of o.drop ?? []) delete e[k];
  events.push(e);
}
const NEWEST = FIRST + 41 * 86_400_000;
for (let i = 0; i < 540; i++) deployment(UD, 'success', { device: lognormal(25, 0.3), account: lognormal(8, 0.4), drop: i % 7 === 0 ? ['osVersion', 'userId', 'enrollmentFailureDetails'] : [] });
for (let i = 0; i < 20; i++) deployment(UD, 'successOnRetry', { device: lognormal(70, 0.2), account: lognormal(8, 0.4), ds: 'successOnRetry' });
for (let i = 0; i < 15; i++) deployment(UD, 'successWithTimeout', { ds: 'successWithTimeout', as: 'notAttempted' });
for (let i = 0; i < 10; i++) deployment(UD, 'failure', { ds: 'notAttempted', as: 'notAttempted', details: 'Enrollment failed: 0x80180014. The device is not supported for enrollment.' });
for (let i = 0; i < 5; i++) deployment(UD, 'failure', { ds: 'failure', as: 'notAttempted' });
// Running at the export: four started in its last hours, three stalled weeks before.
for (let i = 0; i < 4; i++) deployment(UD, 'inProgress', { ds: 'inProgress', as: 'notAttempted', at: NEWEST + i * 3_600_000 });
for (let i = 0; i < 3; i++) deployment(UD, 'inProgress', { ds: 'inProgress', as: 'notAttempted', at: FIRST + 5 * 86_400_000 });
for (const state of ['unknown', 'unknown', 'notAttempted', 'notAttempted', 'disabled', 'unknownFutureValue']) deployment(UD, state, { ds: state, as: state });
for (let i = 0; i < 200; i++) deployment(SD, 'success', { device: lognormal(30, 0.25) });
for (let i = 0; i < 6; i++) deployment(SD, 'failure', { ds: 'failure', details: 'Win32 app failed: 0x800705B4' });
// Graph's order is not the outcomes': shuffled, then pages of 200.
for (let i = events.length - 1; i > 0; i--) {
  const j = Math.floor(r() * (i + 1));
  [events[i], events[j]] = [events[j]!, events[i]!];
}
const pages: string[] = [];
for (let i = 0; i < events.length; i += 200) {
  const last = i + 200 >= events.length;
  const page = { '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/autopilotEvents', value: events.slice(i, i + 200), ...(last ? {} : { '@odata.nextLink': `https://graph.microsoft.com/beta/deviceManagement/autopilotEvents?$skiptoken=${i + 200}` }) };
  const file = join(dir, `autopilotEvents-${pages.length + 1}.json`);
  writeFileSync(file, JSON.stringify(page));
  pages.push(file);
}

/** The same events as Export-Csv -UseCulture -Encoding Unicode writes the SDK's objects on a de-DE Windows PowerShell 5.1. */
function germanCsv(file: string): string {
  const two = (x: number) => String(x).padStart(2, '0');
  const date = (v: unknown) => {
    if (typeof v !== 'string') return '';
    const d = new Date(v);
    return d.getUTCFullYear() < 1900 ? '01.01.0001 00:00:00' : `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  };
  const span = (v: unknown) => {
    if (typeof v !== 'string') return '';
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(v)!;
    const s = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
    return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  };
  const columns = Object.keys(events.find((e) => 'osVersion' in e && 'userId' in e)!);
  const cell = (e: Record<string, unknown>, c: string) => {
    const v = e[c];
    if (/DateTime$/.test(c)) return date(v);
    if (/Duration$/.test(c)) return span(v);
    if (/State$|Status$|^enrollmentType$/.test(c) && typeof v === 'string') return v[0]!.toUpperCase() + v.slice(1);
    return v === null || v === undefined ? '' : String(v);
  };
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = ['#TYPE Microsoft.Graph.Beta.PowerShell.Models.MicrosoftGraphDeviceManagementAutopilotEvent', columns.map((c) => q(c === 'osVersion' ? 'OSVersion' : c[0]!.toUpperCase() + c.slice(1))).join(';'), ...events.map((e) => columns.map((c) => q(cell(e, c))).join(';'))];
  writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf16le')]));
  return file;
}

describe("a tenant's export as Graph and Windows PowerShell write it", () => {
  it('calibrate prints the figures written in', async () => {
    const r = await cli('calibrate', ...pages, '-o', join(dir, 'twin.yaml'));
    expect(r.code).toBe(0);
    // 809 events: 590 user-driven and 206 self-deploying with an outcome; 7 in progress (3 stalled); 6 without an outcome.
    expect(r.out).toContain('Calibration  809 events in 5 files · 796 usable');
    expect(r.out).toContain("Not used: 4 deployment in progress · 3 deployment in progress, started over a day before the export's newest");
    expect(r.out).toContain('2 deployment state notAttempted: no outcome · 2 deployment state unknown: no outcome · 1 deployment state "unknownFutureValue" (not documented) · 1 deployment state disabled: no outcome');
    expect(r.out).not.toContain('Incomplete');
    expect(r.out).toContain('user-driven/entra · 590 deployments · success 540 · on retry 20 · with timeout 15 · failure 15');
    expect(r.out).toContain('failure ESP_TIMEOUT at deviceSetup: 15 (2.5% of deployments;');
    // 10 of 590 at enrollment; 580 reach device setup.
    // Under 30 failures, the share's interval beside it (few-durations-apps.test.ts).
    expect(r.out).toContain('failure 0x80180014 at enrollment: 10 (1.7% of deployments; probability 0.0169 once there; 95% interval of the share 0.9%–3.1%, from 10 failures)');
    expect(r.out).toContain('failure without an error code (counted under ESP_APP_FAILED) at deviceSetup: 5 (0.9% of deployments;');
    expect(r.out).toContain('on retry ESP_TIMEOUT at deviceSetup: 20 (3.4% of deployments succeeded after an initial timeout;');
    expect(r.out).toContain('durations left out: 20 durations of a success on retry');
    expect(r.out).toContain('self-deploying/entra · 206 deployments · success 200 · on retry 0 · with timeout 0 · failure 6');
    expect(r.out).toContain('failure 0x800705B4 at deviceSetup: 6 (2.9% of deployments;');
    expect(r.out).toMatch(/│ device setup {2}│ 540 │ 25\.\d/);
    // Days spread evenly over 40: no outage is named.
    expect(r.out).not.toContain('cluster in time');
  });

  it('the twin gives back the tenant\'s success rate', async () => {
    const twin = join(dir, 'twin.yaml');
    const yaml = readFileSync(twin, 'utf8');
    expect(yaml).toContain('# from 5 export files of deviceManagement/autopilotEvents: 809 events, 796 usable.');
    expect(yaml).toContain('    weight: 590 # deployments observed (74.1%)');
    expect(yaml).toContain('    weight: 206 # deployments observed (25.9%)');
    const run = await cli('run', twin, '--devices', '20000');
    expect(run.code).toBe(0);
    // Observed: 760 of 796 succeeded, 95.5%; the twin's 20,000 devices within its interval of it.
    expect(run.out).toContain('the twin\'s failure rates rest on 796 observed deployments (95.5% succeeded, 95% interval 93.8%–96.7%)');
    const rate = Number(/Success (\d+\.\d)%/.exec(run.out)![1]);
    expect(rate).toBeGreaterThan(93.8);
    expect(rate).toBeLessThan(96.7);
  });

  it("Windows PowerShell 5.1's German Export-Csv of the same events calibrates to the same figures", async () => {
    const csv = germanCsv(join(dir, 'autopilotEvents-de.csv'));
    expect(readFileSync(csv).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    const fromJson = JSON.parse((await cli('calibrate', ...pages, '--json')).out);
    const fromCsv = JSON.parse((await cli('calibrate', csv, '--json')).out);
    const figures = (j: { events: number; usable: number; unusable: unknown; segments: Array<Record<string, unknown>> }) => ({
      events: j.events,
      usable: j.usable,
      unusable: j.unusable,
      segments: j.segments.map((s) => ({ segment: s.segment, deployments: s.deployments, outcomes: s.outcomes, failures: s.failures, deviceApp: s.deviceApp, userApp: s.userApp })),
    });
    expect(figures(fromCsv)).toEqual(figures(fromJson));
  });
});

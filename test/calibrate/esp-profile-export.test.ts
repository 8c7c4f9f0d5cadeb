// The tenant's ESP profiles, exported from Graph (deviceManagement/deviceEnrollmentConfigurations) and given to calibrate
// beside the deployment records: the twin's ESP timeout and failure behaviour come from the profile its deployments used,
// and the report and the twin say which settings came from it. Such a file was refused ('none of the file's records has
// an enrollmentType'), and the twin ran the model's defaults (60 minutes, no Reset device, no Continue anyway).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/index.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-esp-export-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
};

const FIELD_ID = 'f1e1d1c1-0000-4000-8000-000000000001_Windows10EnrollmentCompletionPageConfiguration';
const STANDARD_ID = 'a1b1c1d1-0000-4000-8000-000000000002_Windows10EnrollmentCompletionPageConfiguration';
/** n user-driven deployments under one ESP profile (its name, its id, or neither). */
const deployments = (n: number, from: number, profile: { name?: string; id?: string }) =>
  Array.from({ length: n }, (_, i) => ({
    id: `esp-export-event-${from + i}`,
    deviceId: `esp-export-device-${from + i}`,
    enrollmentType: 'azureADJoinedWithAutopilotProfile',
    windows10EnrollmentCompletionPageConfigurationDisplayName: profile.name ?? null,
    windows10EnrollmentCompletionPageConfigurationId: profile.id ?? null,
    deploymentState: i % 25 === 0 ? 'failure' : 'success',
    deviceSetupStatus: i % 25 === 0 ? 'failure' : 'success',
    accountSetupStatus: i % 25 === 0 ? 'notAttempted' : 'success',
    deviceSetupDuration: isoDuration(24 + (i % 17) * 0.9),
    accountSetupDuration: isoDuration(8 + (i % 11) * 0.6),
    deploymentTotalDuration: isoDuration(24 + (i % 17) * 0.9 + 8 + (i % 11) * 0.6 + 6),
    enrollmentFailureDetails: null,
  }));

/** An ESP profile as Graph returns it. */
const espProfile = (over: Record<string, unknown> = {}) => ({
  '@odata.type': '#microsoft.graph.windows10EnrollmentCompletionPageConfiguration',
  id: FIELD_ID,
  displayName: 'ESP - Field',
  description: '',
  priority: 1,
  deviceEnrollmentConfigurationType: 'windows10EnrollmentCompletionPageConfiguration',
  showInstallationProgress: true,
  blockDeviceSetupRetryByUser: false,
  allowDeviceResetOnInstallFailure: true,
  allowLogCollectionOnInstallFailure: false,
  customErrorMessage: 'Call the service desk on 555 0100',
  installProgressTimeoutInMinutes: 120,
  allowDeviceUseOnInstallFailure: true,
  selectedMobileAppIds: ['0a0a0a0a-1111-2222-3333-444444444444', '0b0b0b0b-1111-2222-3333-444444444444'],
  allowNonBlockingAppInstallation: false,
  installQualityUpdates: false,
  trackInstallProgressForAutopilotOnly: true,
  disableUserStatusTrackingAfterFirstUser: true,
  ...over,
});
/** The tenant's enrollment configurations page: an enrollment limit, the default ESP and its own. */
const page = (...profiles: object[]) => ({
  '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceEnrollmentConfigurations',
  value: [
    { '@odata.type': '#microsoft.graph.deviceEnrollmentLimitConfiguration', id: 'x_DefaultLimit', displayName: 'All users and all devices', priority: 0, deviceEnrollmentConfigurationType: 'limit', limit: 15 },
    espProfile({ id: 'x_DefaultWindows10EnrollmentCompletionPageConfiguration', displayName: 'All users and all devices', priority: 0, deviceEnrollmentConfigurationType: 'defaultWindows10EnrollmentCompletionPageConfiguration', showInstallationProgress: false, installProgressTimeoutInMinutes: 60, allowDeviceResetOnInstallFailure: false, allowDeviceUseOnInstallFailure: false }),
    ...profiles,
  ],
});

describe('an export of the tenant\'s ESP profiles beside the records', () => {
  it('gives the twin the timeout and failure behaviour of the profile the deployments used, and says which settings came from it', async () => {
    const events = write('events.json', { value: deployments(60, 0, { name: 'ESP - Field', id: FIELD_ID }) });
    const profiles = write('esp-profiles.json', page(espProfile()));
    const c = await calibrate([events, profiles]);
    expect(c.observed.events).toBe(60);
    expect(c.yaml).toMatch(/\n {2}esp: \{ timeoutMinutes: 120, allowReset: true, allowContinueAnyway: true, collectLogs: false \}\n/);
    const note = 'ESP from the tenant\'s profile "ESP - Field", the ESP profile 60 of the segment\'s 60 deployments used (matched by its name): esp.timeoutMinutes 120 (installProgressTimeoutInMinutes), esp.allowReset true (allowDeviceResetOnInstallFailure), esp.allowContinueAnyway true (allowDeviceUseOnInstallFailure), esp.collectLogs false (allowLogCollectionOnInstallFailure); the other esp settings are the model\'s defaults; read, not applied: selectedMobileAppIds: 2 apps selected to block on';
    expect(c.yaml).toContain(`  # ${note}`);
    const r = await cli('calibrate', events, profiles, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.segments[0].readings[0]).toContain(note);
    expect(report.segments[0].espProfile).toMatchObject({ name: 'ESP - Field', matchedBy: 'name', deployments: 60, of: 60, timeoutMinutes: 120, settings: { timeoutMinutes: 120, allowReset: true, allowContinueAnyway: true, collectLogs: false } });
    // The custom message is the admin's free text, and the profile's id an identifier: neither is copied.
    expect(c.yaml).not.toContain('555 0100');
    expect(r.out).not.toContain('f1e1d1c1');
    // The default profile, beside it in the export, is not the one these deployments used.
    expect(c.yaml).not.toContain('All users and all devices');
  });

  it('matches by the profile\'s id where the deployments give no name, takes the SDK\'s objects, and the only profile where they name none', async () => {
    // The record gives the profile's GUID bare, the export its id with the type after it.
    const byId = write('by-id.json', { value: deployments(40, 100, { id: FIELD_ID.slice(0, 36).toUpperCase() }) });
    // Get-MgBetaDeviceManagementDeviceEnrollmentConfiguration | ConvertTo-Json -Depth 10: PascalCase, a derived type's own under AdditionalProperties.
    const { '@odata.type': type, installProgressTimeoutInMinutes, allowDeviceResetOnInstallFailure, allowDeviceUseOnInstallFailure, allowLogCollectionOnInstallFailure } = espProfile({ installProgressTimeoutInMinutes: 45 });
    const sdk = write('sdk.json', [{ Id: FIELD_ID, DisplayName: 'ESP - Field', Priority: 1, AdditionalProperties: { '@odata.type': type, installProgressTimeoutInMinutes, allowDeviceResetOnInstallFailure, allowDeviceUseOnInstallFailure, allowLogCollectionOnInstallFailure } }]);
    const c = await calibrate([byId, sdk]);
    expect(c.yaml).toMatch(/esp: \{ timeoutMinutes: 45, allowReset: true, allowContinueAnyway: true, collectLogs: false \}/);
    expect(c.yaml).toContain('(matched by its id)');
    // Two profiles of one name (a copy): the one whose id the deployments give.
    const copies = await calibrate([write('named.json', { value: deployments(40, 150, { name: 'ESP - Field', id: FIELD_ID }) }), write('copies.json', page(espProfile({ id: 'copy_Windows10EnrollmentCompletionPageConfiguration', installProgressTimeoutInMinutes: 30 }), espProfile()))]);
    expect(copies.yaml).toMatch(/esp: \{ timeoutMinutes: 120,/);
    const unnamed = write('unnamed.json', { value: deployments(40, 200, {}) });
    const only = await calibrate([unnamed, write('one.json', page(espProfile({ installProgressTimeoutInMinutes: 75, installQualityUpdates: true })))]);
    expect(only.yaml).toMatch(/esp: \{ timeoutMinutes: 75, allowReset: true, allowContinueAnyway: true, collectLogs: false \}/);
    // Quality updates are in the tenant's durations already: the model's on top would count them twice.
    expect(only.yaml).toContain('installQualityUpdates true: the deployments\' durations already hold the time the quality updates took');
    // Where they are in the durations (domain notes §3.2: after the ESP), and what the twin then cannot answer: it said only
    // 'the fit gives it to the apps and steps', and an admin set esp.installQualityUpdates false on the twin to see the gain.
    expect(only.yaml).toContain('domain notes §3.2 run them after the ESP, in the total outside device and account setup, which the fit gives to the enrollment steps\' factor');
    expect(only.yaml).toContain('a what-if without the quality updates is not one this twin answers: its durations keep them');
    expect(only.yaml).not.toMatch(/installQualityUpdates: true/);
    expect(only.yaml).toContain('the only ESP profile exported (the deployments name none)');
  });

  it('--esp-timeout still wins, and the twin says so; profiles of other settings in one segment are flagged', async () => {
    const events = write('two-profiles.json', { value: [...deployments(50, 300, { name: 'ESP - Field' }), ...deployments(30, 400, { name: 'ESP - Standard', id: STANDARD_ID })] });
    const profiles = write('two.json', page(espProfile(), espProfile({ id: STANDARD_ID, displayName: 'ESP - Standard', installProgressTimeoutInMinutes: 60, allowDeviceResetOnInstallFailure: false })));
    const c = await calibrate([events, profiles], { espTimeoutMinutes: 90 });
    expect(c.yaml).toMatch(/esp: \{ timeoutMinutes: 90, allowReset: true,/);
    const { caveats, disagreements } = c.fits[0]!;
    expect(disagreements).toContain('--esp-timeout 90 given: the twin\'s ESP times out after 90 minutes, where "ESP - Field" says 120 (installProgressTimeoutInMinutes)');
    expect(caveats).toContain('the segment\'s deployments used ESP profiles with other settings beside "ESP - Field" (50 of 80 deployments), whose settings the twin takes: "ESP - Standard" (30 deployments: timeout 60 min, Reset device not allowed, Continue anyway allowed, Collect logs off); calibrate each profile\'s deployments apart for its own twin');
  });

  it('successes longer than the profile\'s timeout are put to the profile, not to --esp-timeout, which was not given', async () => {
    const events = write('short-timeout.json', { value: deployments(60, 700, { name: 'ESP - Field' }) });
    const c = await calibrate([events, write('thirty.json', page(espProfile({ installProgressTimeoutInMinutes: 30 })))]);
    // It asked 'is --esp-timeout the tenant's?' of an admin who gave none.
    expect(c.fits[0]!.flags).toContain('device setup: 30 successful deployments (52.6%) took longer than the ESP timeout of 30 min, which the model cannot reproduce (the timeout is "ESP - Field"\'s, its installProgressTimeoutInMinutes in the export: is it the profile these deployments ran under, or was its timeout shortened since? --esp-timeout sets another)');
  });

  it('a profile that blocks Try again beside deployments that succeeded on retry is flagged', async () => {
    const events = deployments(60, 800, { name: 'ESP - Field' }).map((e, i) => (i % 10 === 5 ? { ...e, deploymentState: 'successOnRetry', deviceSetupStatus: 'successOnRetry' } : e));
    const c = await calibrate([write('retried.json', { value: events }), write('blocks-retry.json', page(espProfile({ blockDeviceSetupRetryByUser: true })))]);
    expect(c.fits[0]!.disagreements).toContain('"ESP - Field" says blockDeviceSetupRetryByUser true (no Try again on the error page), yet 6 of the segment\'s deployments succeeded on retry (Graph\'s successOnRetry): the twin\'s people retry as the deployments did; was the profile changed since, or did those deployments run under another?');
  });

  it('the profiles\' page, Graph\'s last, does not make an incomplete export of the records complete', async () => {
    const events = write('first-page.json', { value: deployments(40, 900, { name: 'ESP - Field' }), '@odata.nextLink': 'https://graph.microsoft.com/beta/deviceManagement/autopilotEvents?$skiptoken=2' });
    const c = await calibrate([events, write('profiles-page.json', page(espProfile()))]);
    // It said nothing: the profiles' page has no @odata.nextLink, and was taken for the records' last.
    expect(c.yaml).toContain('# Incomplete: the one Graph page read has an @odata.nextLink');
  });

  it('the profiles alone say the records are wanted beside them', async () => {
    const file = write('profiles-alone.json', page(espProfile()));
    const r = await cli('calibrate', file);
    expect(r.code).toBe(2);
    // It said 'nothing to calibrate (0 events read)'.
    expect(r.err).toContain(`no usable deployment in ${file}: nothing to calibrate (0 events read); the 2 ESP profiles read give the twin its ESP settings, beside the deployment records: give those too (export GET https://graph.microsoft.com/beta/deviceManagement/autopilotEvents`);
  });

  it('a bad export is one error naming the file, the record and the property, exit 2', async () => {
    const events = write('bad-events.json', { value: deployments(30, 500, { name: 'ESP - Field' }) });
    const cases: Array<[string, unknown, string]> = [
      ['timeout-text.json', page(espProfile({ installProgressTimeoutInMinutes: 'sixty' })), 'record 3: installProgressTimeoutInMinutes: expected whole minutes from 1 to 10000, got "sixty"'],
      ['timeout-zero.json', page(espProfile({ installProgressTimeoutInMinutes: 0 })), 'record 3: installProgressTimeoutInMinutes: expected whole minutes from 1 to 10000, got 0'],
      ['no-timeout.json', { value: [espProfile({ installProgressTimeoutInMinutes: undefined })] }, 'record 1: installProgressTimeoutInMinutes: expected the ESP profile\'s timeout in minutes'],
      ['reset-yes.json', page(espProfile({ allowDeviceResetOnInstallFailure: 'yes' })), 'record 3: allowDeviceResetOnInstallFailure: expected true or false, got "yes"'],
      ['apps-text.json', page(espProfile({ selectedMobileAppIds: 'System.String[]' })), 'record 3: selectedMobileAppIds: expected a list of app ids, got text'],
      ['limits-only.json', { value: [page().value[0]] }, 'record 1: @odata.type: expected ESP profiles (#microsoft.graph.windows10EnrollmentCompletionPageConfiguration) among the file\'s 1 device enrollment configuration, got none'],
      ['other-tenant.json', page(espProfile({ id: 'zz_Other', displayName: 'Another tenant\'s ESP' })), 'expected the ESP profiles the deployments used, got 2, none of whose names or ids the deployments name'],
    ];
    for (const [name, value, expected] of cases) {
      const file = write(name, value);
      const r = await cli('calibrate', events, file);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toContain(`${file}: ${expected}`);
      expect(r.err, name).not.toMatch(/\n\s+at /);
    }
  });

  it('reads the profiles exported as CSV', async () => {
    const events = write('csv-events.json', { value: deployments(30, 600, { name: 'ESP - Field' }) });
    const p = espProfile({ selectedMobileAppIds: null });
    const cols = Object.keys(p);
    const csv = write('esp.csv', `${cols.map((c) => `"${c}"`).join(',')}\n${cols.map((c) => `"${p[c as keyof typeof p] === null ? '' : p[c as keyof typeof p] === true ? 'True' : p[c as keyof typeof p] === false ? 'False' : String(p[c as keyof typeof p])}"`).join(',')}\n`);
    const c = await calibrate([events, csv]);
    expect(c.yaml).toMatch(/esp: \{ timeoutMinutes: 120, allowReset: true, allowContinueAnyway: true, collectLogs: false \}/);
  });
});

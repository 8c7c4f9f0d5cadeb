// The Autopilot deployment profile each deployment names (windowsAutopilotDeploymentProfileDisplayName) was compared with
// nothing: the twin's profile was the model's defaults, with no word, and the tenant's deployment profiles export given
// beside the records was refused as 'another export (the device list...)'. Now the report and the twin say what the names
// give (without the export, nothing but a name), and with the export the twin's profile settings come from the profile
// the segment's deployments name most: the OOBE pages hidden, the user account type, hybrid's Skip AD connectivity check.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { calibrate } from '../../src/calibrate/index.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-deployment-profiles-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, body: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body));
  return p;
};

let n = 0;
/** `count` successful deployments of one enrollment type, naming `profile` (or none). */
const deployments = (count: number, enrollmentType: string, profile: string | null) =>
  Array.from({ length: count }, (_, i) => {
    n++;
    const device = 20 + (i % 13);
    const account = enrollmentType.includes('DeviceAuth') ? null : 6 + (i % 7);
    return {
      id: `dp-event-${n}`,
      deviceId: `dp-device-${n}`,
      enrollmentType,
      deploymentState: 'success',
      deviceSetupStatus: 'success',
      accountSetupStatus: account === null ? 'notAttempted' : 'success',
      deviceSetupDuration: isoDuration(device),
      accountSetupDuration: account === null ? null : isoDuration(account),
      deploymentTotalDuration: isoDuration(device + (account ?? 0) + 5),
      deploymentStartDateTime: new Date(Date.UTC(2026, 10, 2, 8) + n * 600_000).toISOString(),
      enrollmentFailureDetails: null,
      windowsAutopilotDeploymentProfileDisplayName: profile,
    };
  });

/** A page of GET deviceManagement/windowsAutopilotDeploymentProfiles, as Graph answers it. */
const profiles = (...value: object[]) => ({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/windowsAutopilotDeploymentProfiles', value });
const entraProfile = (over: object = {}) => ({
  '@odata.type': '#microsoft.graph.azureADWindowsAutopilotDeploymentProfile',
  id: '4a1b2c3d-0000-4000-8000-000000000001',
  displayName: 'Corp Laptops',
  description: null,
  language: 'os-default',
  deviceNameTemplate: 'CORP-%SERIAL%',
  deviceType: 'windowsPc',
  enableWhiteGlove: true,
  extractHardwareHash: true,
  roleScopeTagIds: ['0'],
  // Graph writes both: the older outOfBoxExperienceSettings (deprecated since May 2024) and the newer outOfBoxExperienceSetting.
  outOfBoxExperienceSettings: { hidePrivacySettings: true, hideEULA: true, userType: 'administrator', deviceUsageType: 'singleUser', skipKeyboardSelectionPage: true, hideEscapeLink: false },
  outOfBoxExperienceSetting: { privacySettingsHidden: true, eulaHidden: true, userType: 'administrator', deviceUsageType: 'singleUser', keyboardSelectionPageSkipped: true, escapeLinkHidden: false },
  ...over,
});
const hybridProfile = (over: object = {}) => ({
  '@odata.type': '#microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile',
  id: '4a1b2c3d-0000-4000-8000-000000000002',
  displayName: 'Branch Hybrid',
  enableWhiteGlove: false,
  hybridAzureADJoinSkipConnectivityCheck: true,
  outOfBoxExperienceSettings: { hidePrivacySettings: false, hideEULA: true, userType: 'standard', deviceUsageType: 'singleUser', skipKeyboardSelectionPage: false, hideEscapeLink: true },
  ...over,
});

const UD = 'azureADJoinedWithAutopilotProfile';
const HYBRID = 'offlineDomainJoined';

describe("the deployment profile the records name", () => {
  it('without the profiles export, the report and the twin say the twin\'s profile is the model\'s defaults, the records giving a name only', async () => {
    const events = write('named.json', { value: deployments(60, UD, 'Corp Laptops') });
    const c = await calibrate([events]);
    const note = '60 of the 60 deployments name a deployment profile (windowsAutopilotDeploymentProfileDisplayName: "Corp Laptops" 100.0%); the records give a profile\'s name, not its settings, so the twin\'s profile is the model\'s defaults (the EULA, privacy and change-account pages hidden, a standard user account): give the deployment profiles export beside the records (Graph\'s beta deviceManagement/windowsAutopilotDeploymentProfiles, every page)';
    expect(c.yaml).toContain(`# ${note}`);
    const json = JSON.parse((await cli('calibrate', events, '--json')).out);
    expect(json.segments[0].readings.some((r: string) => r.startsWith(note))).toBe(true);
    expect(json.segments[0].deploymentProfile).toBeUndefined();
  });

  it("beside the profiles export, the twin's profile takes the named profile's OOBE pages and user type; the header names the export", async () => {
    const events = write('two-segments.json', { value: [...deployments(80, UD, 'Corp Laptops'), ...deployments(40, HYBRID, 'Branch Hybrid')] });
    const exported = write('deployment-profiles.json', profiles(entraProfile(), hybridProfile()));
    const r = await cli('calibrate', events, exported, '-o', join(dir, 'twin.yaml'), '--json');
    // It was refused: 'none of the file's 2 records has [an enrollmentType], so it is another export'.
    expect(r.code).toBe(0);
    const c = await calibrate([events, exported]);
    expect(c.yaml).toContain('# from 2 export files of deviceManagement/autopilotEvents and the Autopilot deployment profiles (deviceManagement/windowsAutopilotDeploymentProfiles)');
    const twin = parse(c.yaml);
    const groups = Object.fromEntries(twin.groups.map((g: { name: string; environment: unknown }) => [g.name, g.environment]));
    // Newer outOfBoxExperienceSetting first: EULA, privacy and keyboard hidden, the escape link not; an administrator.
    expect(groups['user-driven/entra'].profile).toEqual({ deploymentMode: 'user-driven', joinType: 'entra', hiddenPages: ['eula', 'privacy', 'keyboard'], userAccountType: 'administrator' });
    // Hybrid: its Skip AD connectivity check too, from the older outOfBoxExperienceSettings where the newer is absent.
    expect(groups['user-driven/hybrid'].profile).toEqual({ deploymentMode: 'user-driven', joinType: 'hybrid', hiddenPages: ['eula', 'change-account'], userAccountType: 'standard', skipAdConnectivityCheck: true });
    expect(c.yaml).toContain('# profile from the tenant\'s deployment profile "Corp Laptops", the one 80 of the segment\'s 80 deployments name: profile.hiddenPages [eula, privacy, keyboard] (outOfBoxExperienceSetting: eulaHidden, privacySettingsHidden, escapeLinkHidden, keyboardSelectionPageSkipped), profile.userAccountType administrator (outOfBoxExperienceSetting.userType)');
    const json = JSON.parse(r.out);
    const hybrid = json.segments.find((s: { segment: string }) => s.segment === 'user-driven/hybrid');
    expect(hybrid.deploymentProfile).toEqual({ name: 'Branch Hybrid', deployments: 40, of: 40, settings: { hiddenPages: ['eula', 'change-account'], userAccountType: 'standard', skipAdConnectivityCheck: true }, fromProperties: { hiddenPages: 'outOfBoxExperienceSettings: hideEULA, hidePrivacySettings, hideEscapeLink, skipKeyboardSelectionPage', userAccountType: 'outOfBoxExperienceSettings.userType', skipAdConnectivityCheck: 'hybridAzureADJoinSkipConnectivityCheck' } });
    // The twin runs.
    expect((await cli('run', join(dir, 'twin.yaml'), '--devices', '50')).code).toBe(0);
  });

  it('a profile whose join or mode is not the deployments\' is flagged, the deployments deciding; names not in the export are said', async () => {
    // The deployments naming "Branch Hybrid" enrolled Entra-joined (the profile changed since, or renamed).
    const events = write('mismatch.json', { value: [...deployments(50, UD, 'Branch Hybrid'), ...deployments(40, 'azureADJoinedUsingDeviceAuthWithAutopilotProfile', 'Corp Laptops')] });
    const c = await calibrate([events, write('mismatch-profiles.json', profiles(entraProfile(), hybridProfile()))]);
    const ud = c.fits.find((f) => f.segment.scenario === 'user-driven')!;
    expect(ud.disagreements).toContain('"Branch Hybrid" is a hybrid join profile (activeDirectoryWindowsAutopilotDeploymentProfile), but the deployments naming it enrolled as Entra join (their enrollmentType): the twin joins as the deployments did; was the profile changed since they ran?');
    const sd = c.fits.find((f) => f.segment.scenario === 'self-deploying')!;
    expect(sd.disagreements).toContain('"Corp Laptops" says deviceUsageType singleUser (user-driven mode), but the deployments naming it ran self-deploying (their enrollmentType): the twin runs as the deployments did');
    // Names the export lacks.
    const other = await calibrate([write('other.json', { value: deployments(40, UD, 'Kiosk Profile') }), write('other-profiles.json', profiles(entraProfile()))]);
    expect(other.yaml).toContain('40 of the 40 deployments name a deployment profile (windowsAutopilotDeploymentProfileDisplayName: "Kiosk Profile" 100.0%); none of those names is in the deployment profiles export (1 profile), so the twin\'s profile is the model\'s defaults');
  });

  it("deployment profiles whose deployments fail at rates apart beyond chance are flagged, as ESP profiles are", async () => {
    // "Corp Laptops" fails 2 of 200, "Field Laptops" 30 of 100: the twin's one probability is their mix.
    const failed = (e: Record<string, unknown>) => ({ ...e, deploymentState: 'failure', deviceSetupStatus: 'failure', accountSetupStatus: 'notAttempted', deviceSetupDuration: null, accountSetupDuration: null, deploymentTotalDuration: null, enrollmentFailureDetails: '0x80070774' });
    const corp = deployments(200, UD, 'Corp Laptops').map((e, i) => (i < 2 ? failed(e) : e));
    const field = deployments(100, UD, 'Field Laptops').map((e, i) => (i < 30 ? failed(e) : e));
    const c = await calibrate([write('rates.json', { value: [...corp, ...field] })]);
    const flag = c.fits[0]!.caveats.find((f) => f.startsWith("final failures differ between the tenant's deployment profiles beyond chance"));
    expect(flag).toContain('"Corp Laptops" 1.0% of 200, "Field Laptops" 30.0% of 100');
    // The ESP profiles' flag is not said: the deployments name none.
    expect(c.fits[0]!.caveats.some((f) => f.includes("the tenant's ESP profiles"))).toBe(false);
  });

  it('a bad profile is one error naming the file, the record and the property, exit 2, no twin written', async () => {
    const events = write('ok.json', { value: deployments(40, UD, 'Corp Laptops') });
    // Export-Csv (or ConvertTo-Json at its default depth) writes the nested OOBE settings as text.
    const flat = write('flat-profiles.json', profiles(entraProfile({ outOfBoxExperienceSetting: '@{privacySettingsHidden=True; eulaHidden=True}' })));
    const out = join(dir, 'not-written.yaml');
    const r = await cli('calibrate', events, flat, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${flat}: record 1: outOfBoxExperienceSetting: expected an object of OOBE settings, got text (Export-Csv writes an object as text: export the profiles as JSON, ConvertTo-Json -Depth 10)`);
    expect(r.err).not.toMatch(/\n\s+at /);
    const user = write('user-profiles.json', profiles(entraProfile({ outOfBoxExperienceSetting: { userType: 'guest' } })));
    expect((await cli('calibrate', events, user, '-o', out)).err).toContain(`${user}: record 1: outOfBoxExperienceSetting.userType: expected administrator or standard, got "guest"`);
    expect(await import('node:fs').then((fs) => fs.existsSync(out))).toBe(false);
    // The profiles as CSV (Get-MgBetaDeviceManagementWindowsAutopilotDeploymentProfile | Export-Csv): it said to export the
    // autopilotEvents, as if the admin had given the wrong resource.
    const csv = write('deployment-profiles.csv', '#TYPE Microsoft.Graph.Beta.PowerShell.Models.MicrosoftGraphWindowsAutopilotDeploymentProfile\r\n"Id","DisplayName","DeviceNameTemplate","EnableWhiteGlove","OutOfBoxExperienceSettings","OutOfBoxExperienceSetting"\r\n"4a1b","Corp Laptops","CORP-%SERIAL%","True","Microsoft.Graph.Beta.PowerShell.Models.MicrosoftGraphOutOfBoxExperienceSettings","Microsoft.Graph.Beta.PowerShell.Models.MicrosoftGraphOutOfBoxExperienceSetting"\r\n');
    const c = await cli('calibrate', events, csv, '-o', out);
    expect(c.code).toBe(2);
    expect(c.err).toContain(`${csv}: header: this looks like the Autopilot deployment profiles (deviceManagement/windowsAutopilotDeploymentProfiles) as CSV, whose OOBE settings (hidden pages, user account type) Export-Csv writes as text: export them as JSON`);
    expect(await import('node:fs').then((fs) => fs.existsSync(out))).toBe(false);
  });
});

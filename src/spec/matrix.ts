// The traceability matrix: every numbered step and failure exit of domain/autopilot.md
// §2-§3, every §4 entry, every §5 requirement and every §8 condition, mapped to what
// models it (machine states, world rules, failure modes, catalogue entries, environment
// fields), or marked out of scope with a reason. One place: `coverage --spec` prints it,
// and test/spec/matrix.test.ts fails when an in-scope item maps to nothing or to a
// state, rule, failure mode, catalogue entry or field that no longer exists.
//
// References:
// - states: '<machine>:<path>' where path is the state's path inside that machine (dots).
// - waits: a world rule, by the wait key a state declares in its meta (src/world).
// - faults: a failure mode, by its id in src/world/failure-modes.ts or the id a trainer injects it by.
// - codes: a catalogue entry, by id (src/catalog/errors.ts).
// - fields: an environment field, dotted (src/environment/schema.ts).

import type { Wait } from '../catalog/vocabulary.ts';

export type SpecKind = 'step' | 'exit' | 'code' | 'requirement' | 'condition';

export interface SpecRefs {
  states?: string[];
  waits?: Wait[];
  faults?: string[];
  codes?: string[];
  fields?: string[];
}

export interface SpecItem extends SpecRefs {
  /** The doc's own label where it has one (U6a, W13, T9b), else a short one. */
  id: string;
  section: string;
  kind: SpecKind;
  text: string;
  /** Out of scope, with the reason. */
  out?: string;
  /** In scope but not modelled yet: what is missing. The test holds these to a known list. */
  pending?: string;
  /** A §4 code, 'event N' or 'finding ID' the runs are expected to produce (counted as reachable only if they do). */
  produces?: string;
}

type Mapping = SpecRefs & { out?: string; pending?: string; produces?: string };

const U = (p: string) => `user-driven:${p}`;
const PP = (p: string) => `pre-provisioned:${p}`;
const SD = (p: string) => `self-deploying:${p}`;
const ED = (p: string) => `existing-devices:${p}`;
const RS = (p: string) => `reset:${p}`;
const UDB = (p: string) => U(`deployment.${p}`);
const TECH = (p: string) => PP(`deployment.technicianFlow.${p}`);
const TESP = (p: string) => TECH(`technicianEsp.running.${p}`);
const UF = (p: string) => PP(`deployment.userFlow.${p}`);
const SDE = (p: string) => SD(`deployment.deviceEsp.running.${p}`);
const UDE = (p: string) => UDB(`deviceEsp.running.${p}`);

const PORTAL = 'an admin-portal or tenant-configuration fact with no device-side step to simulate';
const HISTORICAL = 'historical behaviour of builds no longer supported [DOC-OLD]; the model follows current Windows';
const APDP = 'Autopilot device preparation (§7): its own machine, traced in the §7 part of this matrix';

function step(id: string, section: string, text: string, refs: Mapping): SpecItem {
  return { id, section, kind: 'step', text, ...refs };
}
function exit(id: string, section: string, text: string, refs: Mapping): SpecItem {
  return { id, section, kind: 'exit', text, ...refs };
}
function code(id: string, text: string, refs: Mapping): SpecItem {
  return { id, section: '§4', kind: 'code', text, ...refs };
}
function req(id: string, section: string, text: string, refs: Mapping): SpecItem {
  return { id, section, kind: 'requirement', text, ...refs };
}
function cond(id: string, section: string, text: string, refs: Mapping): SpecItem {
  return { id, section, kind: 'condition', text, ...refs };
}

const FRONT_END = ['networkGate', 'regionAndKeyboard', 'connectToNetwork', 'profileDownload', 'criticalUpdates', 'updateRestart'];

export const MATRIX: SpecItem[] = [
  // ── §2.1 User-driven, Entra join
  step('U1', '§2.1', 'OOBE front end (§1.1 steps 1-6)', { states: [...FRONT_END.map((s) => U(`oobe.${s}`)), U('oobe.oobePages')], waits: ['network.gate', 'profile.download', 'oobe.criticalUpdates', 'oobe.pages'] }),
  step('U2', '§2.1', 'Entra sign-in (branded), tenant check', { states: [UDB('signIn.entraSignIn'), UDB('signIn.entraAuthentication')], waits: ['user.signIn', 'entra.authenticate'] }),
  step('U3', '§2.1', 'Entra join with the user\'s credentials', { states: [UDB('signIn.entraJoin')], waits: ['entra.userJoin'] }),
  step('U4', '§2.1', 'MDM auto-enrollment (Intune)', { states: [UDB('signIn.mdmEnrollment')], waits: ['mdm.userEnroll'] }),
  step('U5', '§2.1', 'ESP device preparation: tracking list, SideCar policy, IME install', { states: [UDE('devicePreparation.trackingAndIme')], waits: ['esp.prepare'] }),
  step('U6', '§2.1', 'ESP device setup: policies, certificates, networks, device apps; restarts allowed', { states: [UDE('deviceSetup.securityPolicies'), UDE('deviceSetup.certificates'), UDE('deviceSetup.networkConnections'), UDE('deviceSetup.apps')], waits: ['esp.securityPolicies', 'esp.certificates', 'esp.networkConnections', 'esp.deviceApps'] }),
  step('U6a', '§2.1', 'Restart in device setup: the user types the credentials again', { states: [UDE('deviceSetup.appRestart'), UDB('reenterCredentials')], waits: ['device.restart', 'user.reenterCredentials'] }),
  step('U7', '§2.1', 'OOBE quality-update page (Windows 11, ESP setting)', { states: [UDB('qualityUpdates')], waits: ['wu.quality'] }),
  step('U8', '§2.1', 'Automatic sign-in with the credentials from U2', { states: [UDB('automaticSignIn'), UDB('signingIn')], waits: ['device.autoSignIn'] }),
  step('U9', '§2.1', 'ESP account setup (user ESP)', { states: [UDB('accountSetup.running.identifying'), UDB('accountSetup.running.apps')], waits: ['esp.userIdentifying', 'esp.userApps'] }),
  step('U10', '§2.1', 'Desktop; primary user = the enrolling user', { states: [U('succeeded')] }),
  exit('U1.x1', '§2.1', 'Not registered: normal OOBE, Autopilot silently absent', { states: [U('standardOobe')], waits: ['profile.download'], faults: ['not-registered'], fields: ['registration.registered'] }),
  exit('U1.x2', '§2.1', '"Something went wrong" when the Entra/MSA URLs are blocked', { waits: ['entra.deviceJoin'], fields: ['network.blockedEndpoints'], codes: ['SOMETHING_WENT_WRONG'], produces: 'SOMETHING_WENT_WRONG' }),
  exit('U1.x3', '§2.1', 'OOBEIDPS when a proxy or firewall blocks the IdP', { waits: ['entra.authenticate'], faults: ['idp-blocked'], codes: ['OOBEIDPS'], produces: 'OOBEIDPS' }),
  exit('U2.x1', '§2.1', 'Tenant mismatch: "username looks like it belongs to another organization", start over', { waits: ['entra.authenticate'], faults: ['tenant-mismatch'], codes: ['TENANT_MISMATCH'], fields: ['identity.signInTenant'], produces: 'TENANT_MISMATCH' }),
  exit('U2.x3', '§1.1', 'A device registered by another (hostile) tenant: the sign-in goes to the user\'s home tenant, the tenants do not match, the profile is not applied and ordinary OOBE follows', { states: [U('standardOobe')], waits: ['entra.authenticate'], faults: ['registered-by-another-tenant'], fields: ['registration.registeredByAnotherTenant', 'registration.tenant'] }),
  exit('U2.x2', '§2.1', 'Invalid credentials: retry (standard Entra)', { states: [UDB('signIn.entraAuthentication')], waits: ['entra.authenticate'], faults: ['wrong-password'], fields: ['identity.invalidCredentialAttempts'] }),
  exit('U3.x1', '§2.1', '801C0003: join not permitted or the per-user device cap', { waits: ['entra.userJoin'], faults: ['device-cap'], codes: ['801C0003'], fields: ['identity.userMayJoin', 'identity.deviceCap', 'identity.userDeviceCount', 'readings.deviceCapCode'], produces: '801C0003' }),
  exit('U3.x2', '§2.1', 'Deleted anchor object: join errors (no code documented; 0x801C03F3, the device-token join\'s [INF])', { waits: ['entra.userJoin'], faults: ['object-deleted'], codes: ['0x801C03F3'], fields: ['registration.entraObjectDeleted'], produces: '0x801C03F3' }),
  exit('U4.x1', '§2.1', '80180018 MDM enroll failed', { waits: ['mdm.userEnroll'], codes: ['80180018'], fields: ['network.blockedEndpoints'], produces: '80180018' }),
  exit('U4.x2', '§2.1', '0x80180014 Windows MDM blocked by a restriction', { waits: ['mdm.userEnroll'], faults: ['mdm-blocked'], codes: ['0x80180014'], fields: ['identity.windowsMdmBlocked'], produces: '0x80180014' }),
  exit('U4.x3', '§2.1', '0x80180022 Home edition', { waits: ['mdm.userEnroll'], faults: ['home-edition'], codes: ['0x80180022'], fields: ['os.edition'], produces: '0x80180022' }),
  exit('U4.x7', '§2.1, §4', '"This account is not allowed on this phone" (licence)', { waits: ['mdm.userEnroll'], faults: ['account-not-allowed'], codes: ['ACCOUNT_NOT_ALLOWED'], fields: ['identity.unlicensedSymptom'] }),
  exit('U4.x8', '§4', '8018000a / 0x8007064c: the device or machine is already enrolled', { waits: ['mdm.userEnroll'], codes: ['8018000a', '0x8007064c'], fields: ['registration.existingEnrollment'] }),
  exit('U4.x4', '§2.1', '"MDM terms of use" URL error (licence)', { waits: ['mdm.userEnroll'], faults: ['no-licence'], codes: ['MDM_TERMS_OF_USE'], fields: ['identity.userLicensed'], produces: 'MDM_TERMS_OF_USE' }),
  exit('U4.x5', '§2.1', '0x8018002b UPN suffix or MDM scope', { waits: ['mdm.userEnroll'], faults: ['mdm-scope'], codes: ['0x8018002b'], fields: ['identity.mdmUserScope', 'identity.upnSuffixRoutable'], produces: '0x8018002b' }),
  exit('U4.x6', '§2.1', '80180026 legacy Intune PC agent', { waits: ['mdm.userEnroll'], codes: ['80180026'], fields: ['identity.legacyPcAgentInstalled'], produces: '80180026' }),
  exit('U5.x1', '§2.1', 'VM below 2 vCPU / 4 GB fails at "Preparing your device for mobile management"', { waits: ['esp.prepare'], faults: ['vm-too-small'], codes: ['VM_MDM_PREPARATION'], fields: ['hardware.vCpus', 'hardware.memoryGb'], produces: 'VM_MDM_PREPARATION' }),
  exit('U5.x2', '§2.1, §3.3', 'IME install error: InstallationState=4', { states: [UDE('devicePreparation.trackingAndIme')], waits: ['esp.prepare'], faults: ['ime-install-failed'], codes: ['IME_INSTALL_FAILED'], fields: ['esp.imeInstallFails'], produces: 'IME_INSTALL_FAILED' }),
  exit('U5.x3', '§2.1 fork, §3.2, §5.8 [INF]', 'Device ESP hidden: its preparation runs behind the desktop, and a small VM or an IME install error fails there unseen (no code: a finding)', { states: [UDB('preparationBehindDesktop')], waits: ['esp.preparationBehindDesktop'], faults: ['vm-too-small-behind-desktop', 'ime-install-failed-behind-desktop'], fields: ['esp.enabled', 'esp.skipDeviceStatusPage', 'hardware.vCpus', 'hardware.memoryGb', 'esp.imeInstallFails'], produces: 'finding PREPARATION_FAILED_BEHIND_DESKTOP' }),
  exit('U6.x1', '§2.1', 'Device ESP timeout (default 60 min) → error page', { states: [UDB('deviceEsp.errorPage')], codes: ['ESP_TIMEOUT'], fields: ['esp.timeoutMinutes'], produces: 'ESP_TIMEOUT' }),
  exit('U6.x2', '§2.1', 'Blocking app failure → error page', { waits: ['esp.deviceApps'], faults: ['app-fails'], codes: ['ESP_APP_FAILED'], produces: 'ESP_APP_FAILED' }),
  exit('U6.x3', '§2.1', 'Win32 + LOB clash: "Another installation is in progress"', { waits: ['esp.deviceApps'], faults: ['win32-msi'], codes: ['ANOTHER_INSTALLATION_IN_PROGRESS'], produces: 'ANOTHER_INSTALLATION_IN_PROGRESS' }),
  exit('U6.x4', '§2.1', 'Restart packaged inside an app → hang or failure', { states: [UDE('deviceSetup.appHung')], faults: ['app-hangs'], codes: ['APP_REBOOT_HANG'], produces: 'APP_REBOOT_HANG' }),
  exit('U6a.x1', '§2.1, §3.3', 'DeviceLock/password policy plus a device-setup restart: autologon fails; only a reset fixes it', { states: [UDB('reenterCredentials')], waits: ['user.reenterCredentials'], faults: ['autologon-fails'], codes: ['AUTOLOGON_FAILED'], fields: ['policies.deviceLock'], produces: 'AUTOLOGON_FAILED' }),
  exit('U7.x1', '§2.1, §3.2', 'Quality updates skipped: metered network, ESP disabled (or its device phase skipped [INF]), or Block device use = No', { states: [UDB('qualityUpdates')], fields: ['network.metered', 'esp.enabled', 'esp.skipDeviceStatusPage', 'esp.blockDeviceUse', 'esp.installQualityUpdates'] }),
  exit('U7.x2', '§3.2', 'Quality updates not honoured by Windows 11 without the 2025-06 D update, unless the 2025-11 D zero-day package (which carries the control) installed in OOBE before the ESP', { states: [UDB('qualityUpdates')], waits: ['oobe.criticalUpdates'], fields: ['os.june2025Update', 'os.version', 'network.blockedEndpoints', 'esp.installQualityUpdates'] }),
  exit('U9.x1', '§2.1', 'Stuck in Identifying (no Intune licence)', { states: [UDB('accountSetup.running.identifyingStuck')], faults: ['identifying-hang'], codes: ['IDENTIFYING_HANG'], fields: ['identity.unlicensedSymptom'], produces: 'IDENTIFYING_HANG' }),
  exit('U9.x2', '§2.1', 'User ESP timeout', { states: [UDB('accountSetup.errorPage')], codes: ['ESP_TIMEOUT'] }),
  exit('U9.x3', '§2.1, §3.2', 'User-context scripts may not run during the ESP (no code: a finding)', { states: [UDB('accountSetup.running.apps')], waits: ['esp.userApps'], faults: ['user-script-not-run'], fields: ['scripts', 'scripts.context'], produces: 'finding USER_SCRIPT_NOT_RUN' }),
  exit('U9.x4', '§2.1, §3.3', 'Microsoft 365 Apps app type beside a tracked Win32 app can hang', { waits: ['esp.deviceApps'], codes: ['ESP_TIMEOUT'], fields: ['apps'] }),

  // ── §2.2 User-driven, hybrid join
  step('H1', '§2.2', 'OOBE front end (as U1)', { states: [U('oobe.profileDownload')], fields: ['profile.joinType'] }),
  step('H2', '§2.2', 'Entra sign-in page with Entra credentials', { states: [UDB('signIn.entraSignIn')] }),
  step('H3', '§2.2', 'MDM enrollment before the AD join', { states: [UDB('signIn.mdmEnrollmentHybrid')], waits: ['mdm.userEnroll'] }),
  step('H4', '§2.2', 'ODJ blob through the Intune Connector for AD', { states: [UDB('signIn.offlineDomainJoin')], waits: ['connector.odj'] }),
  step('H5', '§2.2', 'DC connectivity check (skippable)', { states: [UDB('signIn.domainControllerCheck')], waits: ['dc.ping'], fields: ['profile.skipAdConnectivityCheck'] }),
  step('H6', '§2.2', 'Device ESP, timeout + 40 min', { states: [UDB('deviceEsp.running')], fields: ['esp.timeoutMinutes'] }),
  step('H7', '§2.2', 'Restart to apply the domain join', { states: [UDB('domainJoinRestart')], waits: ['device.restart'] }),
  step('H8', '§2.2', 'Windows logon: Ctrl+Alt+Del, on-premises credentials', { states: [UDB('domainLogon')], waits: ['user.domainSignIn'] }),
  step('H9', '§2.2', 'ESP account setup resumes; at its end an Entra sign-in prompt may appear (not with ADFS SSO), then "Stay signed in to all your apps" and "You\'re all set"', { states: [UDB('accountSetup.running'), UDB('signOutAndIn')] }),
  step('H9.lock', '§2.2, §2.5 PH4', 'Left idle in account setup, the device can go to the lock screen; Ctrl+Alt+Del and domain credentials bring the ESP back', { out: 'the notes give the lock screen no effect on the outcome, the ESP timer or any code (the ESP comes back where it was), and how long a user leaves the device idle is a person\'s behaviour the model has no setting for; the unlock needs no domain controller, since the sign-in at H8 cached the credentials [INF]' }),
  step('H10', '§2.2', 'Sign out, sign in again', { states: [UDB('signOutAndIn')], waits: ['user.signOutAndIn'] }),
  step('H11', '§2.2', 'Desktop', { states: [U('succeeded')] }),
  exit('H4.x1', '§2.2', 'Connector lacks rights or hit the 10-computer quota: event 30132, 0x80070774', { waits: ['connector.odj'], faults: ['ou-rights', 'ou-no-rights'], codes: ['ODJ_CONNECTOR_30132', '0x80070774'], fields: ['hybrid.ouRightsDelegated', 'hybrid.computersJoinedByConnector'], produces: '0x80070774' }),
  exit('H4.x2', '§2.2', 'Connector older than 6.2501.2000.5: requests not processed', { waits: ['connector.odj'], fields: ['hybrid.connector.version'] }),
  exit('H4.x3', '§2.2', 'No connector for the domain', { waits: ['connector.odj'], faults: ['connector-down'], fields: ['hybrid.connector.present', 'hybrid.connector.active'] }),
  exit('H4.x4', '§2.2', 'OU given as CN=Computers, as OU=x without DC=, or in quotes: join fails', { waits: ['connector.odj'], codes: ['0x80070774'], fields: ['hybrid.ouDistinguishedName'] }),
  exit('H5.x1', '§2.2', 'DC unreachable: 0x80070774 before the restart', { waits: ['dc.ping'], faults: ['dc-unreachable'], codes: ['0x80070774'], fields: ['hybrid.dcLineOfSight'] }),
  exit('H8.x1', '§2.2', 'No DC and no VPN at the logon screen', { waits: ['user.domainSignIn'], faults: ['no-dc-at-logon'], codes: ['DOMAIN_UNAVAILABLE', 'VPN_UNSUPPORTED'], fields: ['hybrid.vpn'], produces: 'DOMAIN_UNAVAILABLE' }),
  exit('H10.x1', '§2.2', 'Admin rights not granted when another local admin was created during provisioning', { waits: ['user.domainSignIn'], fields: ['hybrid.scriptAddsLocalAdmin'] }),

  // ── §2.3 Pre-provisioning technician flow
  step('T1', '§2.3', 'OOBE front end; the technician acts on the first OOBE page', { states: [PP('oobe.networkGate'), PP('oobe.profileDownload')] }),
  step('T2', '§2.3', 'Win key ×5', { states: [TECH('winKey5')], waits: ['technician.winKey5'] }),
  step('T3', '§2.3', 'Configuration screen (org, profile, assigned user, QR)', { states: [TECH('configurationScreen')], waits: ['technician.provision'] }),
  step('T4', '§2.3', 'Provision/Next: Entra-join device renamed and restarted (2303+)', { states: [TECH('renameRestart')] }),
  step('T5', '§2.3', 'Securing your hardware: TPM attestation', { states: [TESP('devicePreparation.secureHardware')], waits: ['tpm.attest'] }),
  step('T6', '§2.3', 'Joining your organization\'s network: device-token join (hybrid: ODJ)', { states: [TESP('devicePreparation.joinNetwork'), TESP('devicePreparation.offlineDomainJoin')], waits: ['entra.deviceJoin', 'connector.odj'] }),
  step('T7', '§2.3', 'Register for MDM, tracking list, IME', { states: [TESP('devicePreparation.registerMdm'), TESP('devicePreparation.trackingAndIme')], waits: ['mdm.deviceEnroll', 'esp.prepare'] }),
  step('T8', '§2.3', 'ESP device setup (technician)', { states: [TESP('deviceSetup.securityPolicies'), TESP('deviceSetup.apps')], waits: ['esp.deviceApps'], fields: ['profile.assignedUser', 'apps.target', 'apps.context'] }),
  step('T9a', '§2.3', 'Green screen; Reseal shuts down', { states: [TECH('resealScreen'), PP('deployment.shipped')], waits: ['technician.reseal'] }),
  step('T9b', '§2.3', 'Red screen: Retry, or Reset to start again', { states: [TECH('technicianEsp.errorPage'), TECH('technicianReset')], waits: ['technician.redScreen', 'device.reset'], fields: ['people.onError', 'people.maxRetries'] }),
  exit('T3.x1', '§2.3', 'Pre-provisioning disallowed: 0x80180005', { waits: ['mdm.deviceEnroll'], faults: ['preprov-not-allowed'], codes: ['0x80180005'], fields: ['profile.allowPreProvisioning'], produces: '0x80180005' }),
  exit('T5.x1', '§2.3', '0x800705B4: no TPM 2.0, a VM or a vTPM', { waits: ['tpm.attest'], faults: ['tpm-fails'], codes: ['0x800705B4'], fields: ['hardware.kind', 'hardware.tpm'], produces: '0x800705B4' }),
  exit('T5.x2', '§2.3', '0x81039001 intermittent, retry may work', { waits: ['tpm.attest'], faults: ['tpm-intermittent'], codes: ['0x81039001'], fields: ['hardware.tpmIssue'], produces: '0x81039001' }),
  exit('T5.x3', '§2.3', '0x81039023 Windows 11 bug', { waits: ['tpm.attest'], codes: ['0x81039023'], fields: ['hardware.tpmIssue'], produces: '0x81039023' }),
  exit('T5.x4', '§2.3', '0x81039024 TPM with known vulnerabilities', { waits: ['tpm.attest'], faults: ['tpm-vulnerable'], codes: ['0x81039024'], fields: ['hardware.tpmIssue'], produces: '0x81039024' }),
  exit('T5.x5', '§2.3', '0x80070490 AMD ASP fTPM', { waits: ['tpm.attest'], codes: ['0x80070490'], fields: ['hardware.tpmIssue'], produces: '0x80070490' }),
  exit('T5.x6', '§2.3', '"Something happened, and TPM attestation timed out." (Infineon SLB9672)', { waits: ['tpm.attest'], codes: ['TPM_ATTESTATION_TIMED_OUT'], fields: ['hardware.tpmIssue'], produces: 'TPM_ATTESTATION_TIMED_OUT' }),
  exit('T5.x7', '§2.3, §3.3', 'Clock skew of minutes: attestation or ESP failures', { waits: ['tpm.attest', 'esp.deviceApps', 'esp.userApps'], faults: ['clock-skew', 'clock-skew-esp'], codes: ['CLOCK_SKEW', 'ESP_TIMEOUT'], fields: ['network.clockSkewMinutes'], produces: 'CLOCK_SKEW' }),
  exit('T6.x1', '§2.3', '0x801C03EA: TPM not in 2.0 mode, or two groups with different profiles', { waits: ['entra.deviceJoin'], faults: ['tpm-not-2'], codes: ['0x801C03EA'], fields: ['hardware.tpm', 'registration.conflictingProfiles'], produces: '0x801C03EA' }),
  exit('T6.x2', '§2.3', '0x801C03F3: the device\'s Entra object was deleted', { waits: ['entra.deviceJoin'], faults: ['object-deleted'], codes: ['0x801C03F3'], fields: ['registration.entraObjectDeleted'] }),
  exit('T7.x1', '§2.3', '0x80180014: one-time limit (already pre-provisioned or self-deployed)', { waits: ['mdm.deviceEnroll'], faults: ['second-deployment'], codes: ['0x80180014'], fields: ['registration.deployedBefore', 'registration.unblocked', 'registration.oemAutoReenrollment'] }),
  exit('T7.x2', '§2.3', '0xc1036501 multiple MDM configurations (older builds)', { waits: ['mdm.deviceEnroll'], faults: ['multiple-mdm'], codes: ['0xc1036501'], fields: ['identity.multipleMdmConfigurations', 'os.updatedSince2020'], produces: '0xc1036501' }),
  exit('T8.x1', '§2.3', 'ESP timeout (technician)', { states: [TECH('technicianEsp.errorPage')], codes: ['ESP_TIMEOUT'] }),
  exit('T8.x2', '§2.3', 'Blocking-app failure ("Only fail selected blocking apps")', { waits: ['esp.deviceApps'], fields: ['esp.onlyFailSelectedBlockingAppsInTechnicianPhase', 'esp.blockingApps', 'esp.selectedApps'] }),
  exit('T8.x3', '§2.3', 'Win32 + LOB clash', { waits: ['esp.deviceApps'], faults: ['win32-msi'] }),
  exit('T8.x4', '§2.3', 'Any of four interactive-logon/UAC GPOs: pre-provisioning does not work', { waits: ['esp.securityPolicies'], faults: ['logon-policy-conflict'], codes: ['PREPROV_GPO_CONFLICT'], fields: ['policies.interactiveLogonOrUacConflict'], produces: 'PREPROV_GPO_CONFLICT' }),
  exit('T8.x5', '§2.3, §3.3', 'AppLocker CSP or DeviceLock reboot problems (user-driven: the forced restart loses the credentials)', {
    states: [TESP('deviceSetup.securityPolicies'), UDE('deviceSetup.policyRestart'), UDB('reenterCredentials')],
    waits: ['esp.securityPolicies', 'user.reenterCredentials'],
    faults: ['applocker-technician', 'applocker-restart', 'autologon-fails'],
    codes: ['APPLOCKER_CSP_REBOOT', 'AUTOLOGON_FAILED'],
    fields: ['policies.appLockerCsp', 'policies.deviceLock'],
    produces: 'APPLOCKER_CSP_REBOOT',
  }),
  exit('T9b.x1', '§2.3', 'Reset after an ESP failure can make TPM attestation fail on the retry', { states: [TECH('technicianReset')], waits: ['tpm.attest'], faults: ['attestation-after-reset'], codes: ['TPM_ATTESTATION_AFTER_RESET'], produces: 'TPM_ATTESTATION_AFTER_RESET' }),
  cond('T.wlidsvc', '§2.3', 'Microsoft Account Sign-In Assistant (wlidsvc) disabled in the technician flow: no Entra sign-in in the user flow; also stops profile download', { states: [PP('standardOobe')], waits: ['profile.download'], fields: ['policies.wlidsvcDisabled'] }),
  cond('T.webSignIn', '§2.3', 'Security baseline device password policy: web sign-in missing after pre-provisioning (a Temporary Access Pass then cannot sign in [INF])', { waits: ['entra.authenticate'], faults: ['tap-web-sign-in-removed'], codes: ['SIGN_IN_METHOD_UNSUPPORTED'], fields: ['policies.deviceLock', 'identity.signInMethod'] }),

  // ── §2.4 / §2.5 Pre-provisioning user flow
  step('P1', '§2.4', 'OOBE front end (user flow)', { states: [UF('oobe.networkGate'), UF('oobe.profileDownload'), UF('oobe.oobePages')] }),
  exit('P1.x1', '§2.4 P1, §2.5', 'No internet in the user flow: the provisioned device cannot fall back to ordinary OOBE and stays at the network page [INF]', { states: [UF('oobe.networkGate'), UF('oobe.connectToNetwork')], waits: ['network.gate', 'user.wifi'], faults: ['user-flow-offline'], codes: ['USER_FLOW_NO_INTERNET'], fields: ['userFlowNetwork.internet'], produces: 'USER_FLOW_NO_INTERNET' }),
  step('P2', '§2.4', 'Entra sign-in', { states: [UF('entraSignIn'), UF('entraAuthentication')] }),
  step('P3', '§2.4', 'Device preparation skipped', { states: [UF('deviceSetupAgain.running.deviceSetup')] }),
  step('P4', '§2.4', 'Device setup re-runs (apps assigned since, non-blocking retries)', { states: [UF('deviceSetupAgain.running.deviceSetup.apps')], fields: ['apps'] }),
  step('P5', '§2.4', 'Quality updates (honoured in the user flow)', { states: [UF('qualityUpdates')] }),
  step('P6', '§2.4', 'Account setup', { states: [UF('accountSetup.running')] }),
  step('P7', '§2.4', 'Desktop', { states: [PP('succeeded')] }),
  req('P.90min', '§2.4, §9.1', 'User flow at least 90 minutes after the technician flow (tokens refresh); no outcome documented, so a finding', { states: [PP('deployment.shipped')], waits: ['user.powerOn'], fields: ['people.hoursBetweenFlows'] }),
  req('P.6months', '§2.4, §9.1', 'User flow within 6 months (IME certificates): Win32 detection NotComputed', { waits: ['esp.deviceApps'], fields: ['people.hoursBetweenFlows'], codes: ['IME_DETECTION_NOT_COMPUTED'], produces: 'IME_DETECTION_NOT_COMPUTED' }),
  step('PH1', '§2.5', 'OOBE front end (hybrid user flow)', { states: [UF('oobe.networkGate')] }),
  step('PH2', '§2.5', 'ESP device setup re-run, no Entra sign-in page', { states: [UF('afterOobe'), UF('deviceSetupAgain')] }),
  step('PH3', '§2.5', 'ESP dismissed → Windows logon with domain credentials', { states: [UF('domainLogon')], waits: ['user.domainSignIn'] }),
  step('PH4', '§2.5', 'ESP account setup', { states: [UF('accountSetup.running')] }),
  step('PH5', '§2.5', 'Sign out → sign in → desktop', { states: [UF('signOutAndIn')] }),
  exit('PH3.x1', '§2.5', 'No DC: cannot sign in', { waits: ['user.domainSignIn'], fields: ['userFlowNetwork', 'hybrid.dcLineOfSight'] }),

  // ── §2.6 Self-deploying
  step('S1', '§2.6', 'OOBE front end', { states: [SD('oobe.networkGate'), SD('oobe.profileDownload')] }),
  step('S2', '§2.6', 'Securing your hardware: TPM attestation', { states: [SDE('devicePreparation.secureHardware')], waits: ['tpm.attest'] }),
  step('S3', '§2.6', 'Join org network with the device token', { states: [SDE('devicePreparation.joinNetwork')], waits: ['entra.deviceJoin'] }),
  step('S4', '§2.6', 'Register for MDM, IME', { states: [SDE('devicePreparation.registerMdm')], waits: ['mdm.deviceEnroll'] }),
  step('S5', '§2.6', 'Device setup; an assigned user is ignored', { states: [SDE('deviceSetup.apps')] }),
  step('S6', '§2.6', 'End state: sign-in screen, or kiosk autologon', { states: [SD('deployment.endState'), SD('deployment.kioskAutologon')], waits: ['kiosk.autologon'], fields: ['profile.kioskAutologon'] }),
  exit('S2.x1', '§2.6', 'TPM codes as T5 ("Securing your hardware (Failed: 0x800705b4)")', { waits: ['tpm.attest'], codes: ['0x800705B4'] }),
  exit('S3.x1', '§2.6', '0x801c03ea, 0x801C03F3', { waits: ['entra.deviceJoin'], codes: ['0x801C03EA', '0x801C03F3'] }),
  exit('S4.x1', '§2.6', '0xc1036501 multiple MDM configurations', { waits: ['mdm.deviceEnroll'], faults: ['multiple-mdm'], codes: ['0xc1036501'], fields: ['identity.multipleMdmConfigurations', 'os.updatedSince2020'], produces: '0xc1036501' }),
  exit('S4.x2', '§2.6', '0x80180014 re-use after the first deployment', { waits: ['mdm.deviceEnroll'], fields: ['registration.deployedBefore'] }),
  exit('S5.x1', '§2.6', 'ESP timeout, app failure', { states: [SD('deployment.deviceEsp.errorPage')] }),
  exit('S6.x1', '§2.6', 'Kiosk autologon broken by Exchange ActiveSync policies', { states: [SD('deployment.kioskAutologon')], waits: ['kiosk.autologon'], faults: ['kiosk-autologon-broken'], codes: ['KIOSK_AUTOLOGON_BROKEN'], fields: ['policies.exchangeActiveSync'], produces: 'KIOSK_AUTOLOGON_BROKEN' }),
  exit('S6.x2b', '§2.6', 'Kiosk autologon: several restarts in OOBE can wipe its registry values (the 2023 fix is partial)', { states: [SD('deployment.kioskAutologon')], waits: ['kiosk.autologon'], faults: ['kiosk-restarts'], codes: ['KIOSK_AUTOLOGON_BROKEN'], fields: ['apps.requiresReboot'] }),
  exit('S6.x2', '§2.6', 'Kiosk autologon broken by DeviceLock/password policies', { states: [SD('deployment.kioskAutologon')], waits: ['kiosk.autologon'], faults: ['kiosk-autologon-broken', 'kiosk-devicelock'], codes: ['KIOSK_AUTOLOGON_BROKEN'], fields: ['policies.deviceLock'] }),
  exit('S6.x3', '§2.6, §8 W55', 'Kiosk: apps assigned after the ESP do not install unless SkipUserStatusPage (no code: a finding)', {
    states: [SD('deployment.kioskAutologon')],
    waits: ['kiosk.autologon'],
    faults: ['kiosk-apps-after-esp'],
    fields: ['profile.kioskAutologon', 'esp.skipUserStatusPage', 'esp.blockingApps', 'apps'],
    produces: 'finding KIOSK_APPS_NOT_INSTALLED',
  }),

  // ── §2.7 Existing devices
  step('E1-2', '§2.7', 'WinPE, format and partition', { states: [ED('taskSequence.winPe')], waits: ['ts.winPe'] }),
  step('E3-4', '§2.7', 'Apply the OS, create unattend.xml, inject the JSON', { states: [ED('taskSequence.applyOs')], waits: ['ts.applyOs'] }),
  step('E5-8', '§2.7', 'First boot, Setup processes unattend.xml and ignores the JSON, TS resumes, deletes unattend.xml', { states: [ED('taskSequence.setupFirstBoot')], waits: ['ts.setupFirstBoot'] }),
  step('E9-11', '§2.7', 'ConfigMgr client, extra tasks, uninstall the client', { states: [ED('taskSequence.configMgrTasks')], waits: ['ts.configMgrTasks'] }),
  step('E12', '§2.7', 'Sysprep', { states: [ED('taskSequence.sysprep')], waits: ['ts.sysprep'] }),
  step('E13', '§2.7', 'TS completes; restart or shutdown', { states: [ED('taskSequence.finish'), ED('taskSequence.handedOver')], fields: ['existingDevices.finishWith'] }),
  step('E14', '§2.7', 'Setup runs again and processes the JSON', { states: [ED('oobe.profileDownload')], waits: ['profile.download'] }),
  step('E15', '§2.7', 'The Autopilot deployment starts (§2.1 / §2.2)', { states: [ED('followOn'), ED('userDriven'), ED('selfDeploying'), ED('preProvisioned')] }),
  step('E.speedUp', '§2.7', 'Speed-up variant: delete unattend.xml before first boot (about 20 min saved)', { states: [ED('taskSequence.deleteUnattend')], waits: ['ts.deleteUnattend'], fields: ['existingDevices.speedUp'] }),
  step('E.deploy', '§2.7', 'Admin deploys the task sequence (ConfigMgr)', { states: [ED('taskSequence.deployTaskSequence')], waits: ['admin.deployTaskSequence'], faults: ['no-configmgr'], codes: ['CONFIGMGR_REQUIRED'], fields: ['existingDevices.configMgr'] }),
  step('E.timeout', '§1.2, §2.7', 'The online profile download times out: the JSON applies, even over an assigned cloud profile', { waits: ['profile.download'], fields: ['network.blockedEndpoints', 'existingDevices.jsonProfile.deploymentMode'] }),
  exit('E.x1', '§2.7', 'JSON not ASCII or wrongly named: OOBE ignores it', { waits: ['profile.download'], fields: ['existingDevices.jsonEncoding', 'existingDevices.jsonFileName'] }),
  exit('E.x2', '§2.7', '"Prepare Windows for Capture" runs /generalize and deletes the JSON', { waits: ['profile.download'], fields: ['existingDevices.prepareWindowsForCaptureStep'] }),
  exit('E.x3', '§2.7, §8 W47', 'Self-deploying or pre-provisioning JSON on an unregistered device', { waits: ['tpm.attest'], codes: ['JSON_PROFILE_UNSUPPORTED'], fields: ['existingDevices.jsonProfile.deploymentMode'], produces: 'JSON_PROFILE_UNSUPPORTED' }),
  exit('E.x5', '§2.7, §10 #14', 'Hybrid from the JSON: the Domain Join profile must target All Devices (no Entra device object to be in a group)', { waits: ['connector.odj'], faults: ['domain-join-profile-group'], codes: ['0x80070774'], fields: ['hybrid.domainJoinProfileTarget'] }),
  exit('E.x4', '§2.7, §1.3', 'Existing devices cannot be used when personal enrollment is blocked (no code documented)', { waits: ['mdm.userEnroll'], codes: ['PERSONAL_ENROLLMENT_BLOCKED'], fields: ['identity.personalEnrollmentBlocked'] }),

  // ── §2.8 / §2.9 Autopilot Reset
  step('RL1', '§2.8', 'Lock screen (optional PPKG on USB)', { states: [RS('local.lockScreen')] }),
  step('RL2', '§2.8', 'Ctrl+Win+R', { states: [RS('local.lockScreen')], waits: ['user.ctrlWinR'] }),
  step('RL3', '§2.8', 'Local-admin authentication', { states: [RS('local.resetSignIn')], waits: ['user.localAdminSignIn'] }),
  step('RL4', '§2.8', 'WinRE pre-check', { states: [RS('resetRun.winRePrecheck')], waits: ['winre.check'] }),
  step('RL5', '§2.8', 'Push-button reset', { states: [RS('rebuild.pushButtonReset')], waits: ['reset.pbr'] }),
  step('RL6', '§2.8', 'Restore + MDM sync gate', { states: [RS('rebuild.restoreAndSync')], waits: ['mdm.sync'] }),
  step('RL7', '§2.8', 'Ready', { states: [RS('succeeded')] }),
  step('RR1', '§2.9', 'Admin action in Intune', { states: [RS('remote.adminAction')], waits: ['admin.autopilotReset'] }),
  step('RR2', '§2.9', 'Pending until the next check-in or a forced sync', { states: [RS('remote.pendingCheckIn')], waits: ['intune.checkIn'], fields: ['reset.forcedSync', 'reset.hoursSinceEnrollment'] }),
  step('RR3-5', '§2.9', 'As RL4-RL6', { states: [RS('resetRun.winRePrecheck'), RS('rebuild.pushButtonReset'), RS('rebuild.restoreAndSync')] }),
  req('RR.pre', '§2.9', 'Remote reset needs an Entra-joined, MDM-managed Autopilot device', { waits: ['reset.eligibility'], codes: ['RESET_NOT_AUTOPILOT_DEVICE'], fields: ['registration.registered'] }),
  step('RR6', '§2.9', 'Ready; primary user removed', { states: [RS('succeeded')] }),
  exit('RL2.x1', '§2.8', 'Local reset not enabled: the keystroke does nothing', { waits: ['user.ctrlWinR'], faults: ['reset-not-enabled'], codes: ['RESET_NOT_ENABLED'], fields: ['people.localResetAllowed'], produces: 'RESET_NOT_ENABLED' }),
  exit('RL4.x1', '§2.8', 'WinRE missing: 0x80070032, "Ran into trouble…"', { waits: ['winre.check'], faults: ['winre-missing'], codes: ['0x80070032'], fields: ['reset.winReEnabled'], produces: '0x80070032' }),
  exit('RL4.x2', '§2.8', '"Could not find the recovery environment"; admin credentials let it continue if WinRE is fine', { waits: ['winre.check'], faults: ['recovery-not-found'], codes: ['RECOVERY_ENVIRONMENT_NOT_FOUND'], fields: ['reset.recoveryEnvironmentMessage', 'reset.winReEnabled'], produces: 'RECOVERY_ENVIRONMENT_NOT_FOUND' }),
  exit('RL5.x1', '§2.8', 'Severe OS corruption: reset not possible', { waits: ['reset.pbr'], faults: ['os-corrupted'], codes: ['RESET_OS_CORRUPTED'], fields: ['reset.osCorrupted'], produces: 'RESET_OS_CORRUPTED' }),
  exit('RL5.x2', '§2.8', 'PBR with "Enable with UEFI Lock" on 1909: BSOD 0xC000000F', { waits: ['reset.pbr'], faults: ['uefi-lock'], codes: ['0xC000000F'], fields: ['reset.uefiLockBaseline', 'os.version'], produces: '0xC000000F' }),
  exit('R.enrolled', '§2.8, §2.9', 'Not Intune-enrolled: a local reset stops at its eligibility check, a remote one is never delivered [INF]', { waits: ['reset.eligibility', 'intune.checkIn'], faults: ['reset-not-enrolled', 'reset-not-enrolled-check-in'], codes: ['RESET_NOT_ENROLLED', 'RESET_NO_CHECK_IN'], fields: ['reset.intuneEnrolled'], produces: 'RESET_NOT_ENROLLED' }),
  exit('RR2.x1', '§2.9', 'No internet (or Intune blocked): the device never checks in and the remote reset stays pending [INF]', { states: [RS('remote.pendingCheckIn')], waits: ['intune.checkIn'], faults: ['reset-offline-check-in'], codes: ['RESET_NO_CHECK_IN'], fields: ['network.internet', 'network.blockedEndpoints'], produces: 'RESET_NO_CHECK_IN' }),
  exit('RL6.x1', '§2.8', 'No internet (or Intune blocked) after the reset: the MDM sync cannot finish and the desktop stays blocked [INF]', { states: [RS('rebuild.restoreAndSync')], waits: ['mdm.sync'], faults: ['reset-sync-blocked'], codes: ['RESET_SYNC_BLOCKED'], fields: ['network.internet', 'network.blockedEndpoints'], produces: 'RESET_SYNC_BLOCKED' }),
  req('RL.pre.admin', '§2.8', 'The person triggering a local reset is a local administrator on the device (the reset sign-in screen checks the person, RL2; no outcome documented for anyone else: the run goes on and reports RESET_BY_NON_ADMIN)', { states: [RS('local.resetSignIn')], waits: ['user.localAdminSignIn'], fields: ['people.localResetByAdmin'], produces: 'finding RESET_BY_NON_ADMIN' }),
  exit('R.home', '§2.8, §2.9, §5.1', 'Windows Home cannot enroll through Autopilot (0x80180022), so it is never the Intune-enrolled device a reset needs: a local reset stops at its eligibility check, a remote one is never delivered [INF]', { waits: ['reset.eligibility', 'intune.checkIn'], faults: ['reset-home-edition', 'reset-home-edition-check-in'], codes: ['RESET_NOT_ENROLLED', 'RESET_NO_CHECK_IN'], fields: ['os.edition'], produces: 'RESET_NOT_ENROLLED' }),
  exit('R.hybrid', '§2.8', 'Hybrid devices are not supported (full wipe)', { waits: ['reset.eligibility'], faults: ['hybrid-device'], codes: ['RESET_HYBRID_UNSUPPORTED'], fields: ['reset.currentJoin'], produces: 'RESET_HYBRID_UNSUPPORTED' }),

  // ── §3 ESP internals
  step('ESP.prep', '§3.1', 'Device preparation phase', { states: [SDE('devicePreparation'), UDE('devicePreparation')] }),
  step('ESP.setup', '§3.1', 'Device setup phase', { states: [UDE('deviceSetup'), SDE('deviceSetup')] }),
  step('ESP.account', '§3.1', 'Account setup phase', { states: [UDB('accountSetup')] }),
  step('ESP.reset', '§3.1', 'After Autopilot Reset: apps not tracked', { states: [RS('rebuild.restoreAndSync')] }),
  exit('ESP.x1', '§3.2, §1.4', 'Error page buttons: Retry, Reset (if allowed), Continue anyway (if allowed; both only with Block device use = Yes), Collect logs (if log collection is on: copies the logs to USB, the page stays)', { states: [UDB('deviceEsp.errorPage')], waits: ['user.espError'], fields: ['esp.allowReset', 'esp.allowContinueAnyway', 'esp.blockDeviceUse', 'esp.collectLogs', 'people.onError', 'people.collectsLogs'] }),
  exit('ESP.x2', '§2.1, §3.2', 'Block device use = No: the user can leave the ESP early (no code: a finding)', { states: [UDE('deviceSetup.apps'), UDB('accountSetup.running.apps')], waits: ['esp.deviceApps', 'esp.userApps'], faults: ['left-esp-early'], fields: ['esp.blockDeviceUse', 'people.leavesEspEarly'], produces: 'finding ESP_LEFT_EARLY' }),
  exit('ESP.x3', '§3.2, W25', 'ESP disabled: no ESP UI (configuration finishes after the desktop), the technician\'s Reseal may come early', { states: [UDE('deviceSetup'), UDB('preparationBehindDesktop')], fields: ['esp.enabled'] }),
  exit('ESP.x3b', '§3.2, §2.3', 'ESP disabled on a build without the 2020 updates: self-deploying and pre-provisioning failed device setup (fixed 2020) [DOC-OLD]; no code or step documented: the technician\'s red screen, self-deploying\'s unseen behind its end screen [INF]', { waits: ['esp.prepare', 'esp.preparationBehindDesktop'], faults: ['esp-off-old-build', 'esp-off-old-build-behind-end-screen'], codes: ['ESP_OFF_OLD_BUILD'], fields: ['esp.enabled', 'os.updatedSince2020'], produces: 'ESP_OFF_OLD_BUILD' }),
  exit('ESP.x4', '§3.3', 'Autologon with DeviceLock, no restart before leaving device setup: asked for Entra credentials', { states: [UDB('signingIn'), UDB('reenterCredentials')], waits: ['device.autoSignIn'], faults: ['asked-for-credentials'], fields: ['policies.deviceLock'] }),
  exit('ESP.x5', '§2.1, §2.2, §3.3', 'Co-management: the ESP waits for the ConfigMgr client and its policy; it cannot install during hybrid user-driven provisioning → ESP timeout', {
    states: [UDE('deviceSetup.apps'), UDE('deviceSetup.appHung')],
    waits: ['esp.deviceApps'],
    faults: ['co-management-hybrid', 'co-management-unreachable'],
    codes: ['ESP_TIMEOUT'],
    fields: ['coManagement.enabled', 'coManagement.clientInstalls'],
    produces: 'ESP_TIMEOUT',
  }),
  exit('ESP.x6', '§3.3', 'SkipUserStatusPage / SkipDeviceStatusPage', { states: [UDB('accountSetup.running')], fields: ['esp.skipUserStatusPage', 'esp.skipDeviceStatusPage'] }),
  exit('ESP.x7', '§3.3', 'Hybrid ESP white screen UI bug (fixed Sept 2022)', { out: HISTORICAL }),
  exit('ESP.x8', '§3.3', 'Windows 10 ≤1903 via Add work or school account: ESP always timed out', { out: HISTORICAL }),

  // ── §4 catalogue
  code('0x800705B4', 'Generic timeout / no TPM 2.0', { codes: ['0x800705B4'], produces: '0x800705B4' }),
  code('0x801C03EA', 'Attestation failed: device-token join failed', { codes: ['0x801C03EA'], produces: '0x801C03EA' }),
  code('0x801C03F3', 'Entra device object missing', { codes: ['0x801C03F3'], produces: '0x801C03F3' }),
  code('0xc1036501', 'Several MDM configurations in Entra', { codes: ['0xc1036501'], produces: '0xc1036501' }),
  code('0x81039001', 'Intermittent attestation failure', { codes: ['0x81039001'], produces: '0x81039001' }),
  code('0x81039023', 'Windows 11 attestation bug', { codes: ['0x81039023'], produces: '0x81039023' }),
  code('0x81039024', 'TPM with known vulnerabilities', { codes: ['0x81039024'], produces: '0x81039024' }),
  code('0x80070490', 'AMD ASP fTPM', { codes: ['0x80070490'], produces: '0x80070490' }),
  code('TPM_ATTESTATION_TIMED_OUT', '"Something happened, and TPM attestation timed out."', { codes: ['TPM_ATTESTATION_TIMED_OUT'], produces: 'TPM_ATTESTATION_TIMED_OUT' }),
  code('TPM_LEGACY_ATTESTATION_TIMEOUT', 'Timeout instead of an incompatible-hardware message (TPM < 2.0, fixed by KB4556799)', { waits: ['tpm.attest'], faults: ['tpm-1.2-old-build', 'tpm-1.2'], codes: ['0x800705B4'], fields: ['hardware.tpm', 'os.updatedSince2020'], produces: '0x800705B4' }),
  code('0x80180014', 'Re-use (one-time block) or Windows MDM blocked', { codes: ['0x80180014'], produces: '0x80180014' }),
  code('0x80180005', 'Pre-provisioning not allowed by the profile', { codes: ['0x80180005'], produces: '0x80180005' }),
  code('0x80180003', 'White glove not enabled for the tenant (2019 preview)', { out: HISTORICAL }),
  code('80180018', 'MDM enrollment failed', { codes: ['80180018'], produces: '80180018' }),
  code('0x80180022', 'Windows Home', { codes: ['0x80180022'], produces: '0x80180022' }),
  code('0x8018002b', 'UPN suffix or MDM scope', { codes: ['0x8018002b'], produces: '0x8018002b' }),
  code('80180026', 'Legacy Intune PC agent', { codes: ['80180026'], produces: '80180026' }),
  code('8018000a', '"The device is already enrolled." (another user joined or enrolled it)', { codes: ['8018000a'], faults: ['already-enrolled'], fields: ['registration.existingEnrollment'], produces: '8018000a' }),
  code('0x8007064c', '"The machine is already enrolled." (previous enrollment, clone, leftover certificate)', { codes: ['0x8007064c'], faults: ['machine-enrolled'], fields: ['registration.existingEnrollment'], produces: '0x8007064c' }),
  code('801C0003', 'Entra join not permitted or device cap', { codes: ['801C0003'], produces: '801C0003' }),
  code('0x80070774', 'Hybrid: DC unreachable, user assigned, object deleted, connector rights', { codes: ['0x80070774'], produces: '0x80070774' }),
  code('ODJ_CONNECTOR_30132', 'Connector event 30132 "Failed to get the ODJ Blob…"', { codes: ['ODJ_CONNECTOR_30132'], waits: ['connector.odj'], produces: 'event 30132' }),
  code('CONNECTOR_SETUP_ERROR', 'Connector setup errors (MSA not valid, ODJConnectorSvc, 0x8007202F)', { out: 'connector installation on a server, not a device deployment' }),
  code('OOBEIDPS', '"Something went wrong. OOBEIDPS"', { codes: ['OOBEIDPS'], produces: 'OOBEIDPS' }),
  code('SOMETHING_WENT_WRONG', '"Something went wrong" (Entra/MSA URLs unreachable)', { codes: ['SOMETHING_WENT_WRONG'], produces: 'SOMETHING_WENT_WRONG' }),
  code('MDM_TERMS_OF_USE', '"Can\'t connect to the URL of your organization\'s MDM terms of use"', { codes: ['MDM_TERMS_OF_USE'], produces: 'MDM_TERMS_OF_USE' }),
  code('ACCOUNT_NOT_ALLOWED', '"This account is not allowed on this phone…" (no Intune licence)', { codes: ['ACCOUNT_NOT_ALLOWED'], faults: ['account-not-allowed'], fields: ['identity.unlicensedSymptom'], produces: 'ACCOUNT_NOT_ALLOWED' }),
  code('TENANT_MISMATCH', '"That username looks like it belongs to another organization…"', { codes: ['TENANT_MISMATCH'], produces: 'TENANT_MISMATCH' }),
  code('ESP_DEFAULT_MESSAGE', '"Setup could not be completed…" (ESP error page default)', { codes: ['ESP_TIMEOUT'], fields: ['esp.customMessage'], produces: 'ESP_TIMEOUT' }),
  code('ANOTHER_INSTALLATION_IN_PROGRESS', '"Another installation is in progress, please try again later"', { codes: ['ANOTHER_INSTALLATION_IN_PROGRESS'], produces: 'ANOTHER_INSTALLATION_IN_PROGRESS' }),
  code('IME_DETECTION_NOT_COMPUTED', 'Win32 detection NotComputed (user flow after 6 months)', { codes: ['IME_DETECTION_NOT_COMPUTED'], produces: 'IME_DETECTION_NOT_COMPUTED' }),
  code('0x80070032', 'WinRE missing: "Ran into trouble…"', { codes: ['0x80070032'], produces: '0x80070032' }),
  code('RECOVERY_ENVIRONMENT_NOT_FOUND', '"Autopilot reset ran into trouble. Could not find the recovery environment"', { codes: ['RECOVERY_ENVIRONMENT_NOT_FOUND'], produces: 'RECOVERY_ENVIRONMENT_NOT_FOUND' }),
  code('0xC000000F', 'BSOD on PBR with "Enable with UEFI Lock" (1909)', { codes: ['0xC000000F'], produces: '0xC000000F' }),
  code('VM_MDM_PREPARATION', '"Preparing your device for mobile management" failure on a small VM', { codes: ['VM_MDM_PREPARATION'], produces: 'VM_MDM_PREPARATION' }),
  code('HASH_IMPORT_400', 'HTTP 400 on CSV import (hash not Base64-padded)', { out: PORTAL }),
  code('IMPORT_LINE_ERRORS', 'Import errors by CSV line', { out: PORTAL }),
  code('PROFILE_CREATE_ERROR', '"An error occurred while creating Autopilot profile."', { out: PORTAL }),
  code('APDP_GROUP_OWNER', 'APDP device group owner missing', { out: `${PORTAL}; the device-side effect is W57, traced in §7` }),
  code('APDP_ASSIGN_PERMISSION', 'APDP assign permission missing', { out: APDP }),
  code('AUTOPILOTUPDATE', 'AUTOPILOTUPDATE error after sysprep or reset (2019)', { out: HISTORICAL }),
  code('RED_SCREEN_SUCCESS', 'Red screen that says "Success" (2019)', { out: HISTORICAL }),
  code('event 807', 'ZtdDeviceIsNotRegistered', { waits: ['profile.download'], produces: 'event 807' }),
  code('event 809', 'Assigned profile doesn\'t exist (deleted without cleanup)', { waits: ['profile.download'], faults: ['profile-deleted'], fields: ['registration.profileStatus'], produces: 'event 809' }),
  code('event 815', 'ZtdDeviceHasNoAssignedProfile', { waits: ['profile.download'], produces: 'event 815' }),
  code('event 908', 'SerialNumberMismatch / ProductKeyIdMismatch', { waits: ['profile.download'], fields: ['hardware.motherboardReplaced'], produces: 'event 908' }),
  code('event 163', 'Already provisioned, no download', { waits: ['profile.download'], produces: 'event 163' }),
  code('event 171/172', 'TPM identity not confirmed; profile not marked available', { out: 'log lines accompanying an attestation failure; the failure itself is traced through its code (T5)' }),
  code('events 100-164 (info)', 'Informational events 100, 101, 103, 109, 111, 153, 160, 161, 164', { out: 'informational log lines of a healthy download; the model traces the download as one step' }),

  // ── §5 requirements
  req('5.1.editions', '§5.1, §10 #12', 'Supported editions (Pro, Pro Education, Pro for Workstations, Enterprise, Education, Enterprise LTSC; Windows 11 Enterprise LTSC by the 2024-11 page only, the 2024-06 reading an option)', { fields: ['os.edition', 'readings.windows11LtscSupported'], waits: ['profile.download'] }),
  req('5.1.home', '§5.1', 'Home is not supported (0x80180022)', { fields: ['os.edition'], codes: ['0x80180022'] }),
  req('5.1.versions', '§5.1', 'Only currently supported versions; historical minimums (1709, 1809, 1903)', { out: 'the model follows current Windows; os.version is descriptive, but for the one outcome §4 documents (the next item) and pre-provisioning before 1903 (the item after)' }),
  exit('5.1.x1', '§4, §5.1, §10 #15', 'TPM attestation on Windows 10 older than 1709 (1809 for hybrid pre-provisioning) times out: 0x800705B4 [DOC-OLD]', { waits: ['tpm.attest'], faults: ['os-too-old-attestation'], codes: ['0x800705B4'], fields: ['os.windows', 'os.version'], produces: '0x800705B4' }),
  req('5.1.x3', '§5.1', 'Hybrid join\'s historical minimum, Windows 10 1809 [DOC-OLD]: no outcome documented for an older build, so a finding [INF]', { waits: ['connector.odj'], fields: ['os.windows', 'os.version'], produces: 'finding HYBRID_BEFORE_1809' }),
  req('5.1.x2', '§2.3, §5.1', 'Pre-provisioning\'s historical minimum, Windows 10 1903 [DOC-OLD]: no outcome documented for an older build, so a finding [INF]', { waits: ['technician.winKey5'], fields: ['os.windows', 'os.version'], produces: 'finding PREPROVISIONING_BEFORE_1903' }),
  req('5.1.devices', '§5.1', 'HoloLens 2 self-deploying only; Surface Hub and HoloLens 1 not supported', { out: 'Windows PCs only' }),
  req('5.1.clouds', '§5.1', 'Global Azure only for APv1', { out: PORTAL }),
  req('5.2.tpm20', '§5.2', 'Self-deploying and pre-provisioning need TPM 2.0 with attestation, UEFI, not RFM (no code documented for RFM or legacy BIOS: a timeout, 0x800705B4 [INF])', { waits: ['tpm.attest'], faults: ['tpm-reduced-functionality', 'legacy-bios'], fields: ['hardware.tpm', 'hardware.firmware'] }),
  req('5.2.vm', '§5.2', 'VMs unsupported even with a vTPM: 0x800705B4', { waits: ['tpm.attest'], fields: ['hardware.kind'], faults: ['tpm-fails'] }),
  req('5.2.ud', '§5.2', 'User-driven needs no TPM, works on VMs', { states: [UDE('devicePreparation.trackingAndIme')], fields: ['hardware.kind'] }),
  req('5.2.endpoint', '§5.2', 'Attestation reaches *.microsoftaik.azure.net', { waits: ['tpm.attest'], fields: ['network.blockedEndpoints'] }),
  req('5.2.ftpm', '§5.2', 'Firmware TPMs download EK certificates from the vendor', { waits: ['tpm.attest'], fields: ['hardware.tpmVendor', 'network.blockedEndpoints'] }),
  req('5.2.tigerLake', '§5.2', 'Intel Tiger Lake fTPM needs 21H2 + Nov 2021 CU', { out: 'a Windows 10 build requirement; the model follows current Windows' }),
  req('5.2.firstBoot', '§5.2', 'First-boot TPM provisioning can take over a minute', { fields: ['hardware.firstBootTpmProvisioning'], waits: ['tpm.attest'] }),
  req('5.2.hash', '§5.2, §5.7', 'The TPM is part of the hash: a TPM or motherboard swap is a new device', { waits: ['profile.download'], fields: ['hardware.motherboardReplaced'] }),
  req('5.3.ztd', '§5.3', 'Autopilot deployment service unreachable: standard OOBE', { waits: ['profile.download'], faults: ['autopilot-blocked'], fields: ['network.blockedEndpoints'] }),
  req('5.3.activation', '§5.3', 'Windows Activation required; failure not described', { out: 'the docs describe no failure mode' }),
  req('5.3.entra', '§5.3', 'Entra ID unreachable: credential check and join fail', { waits: ['entra.authenticate', 'entra.deviceJoin'], fields: ['network.blockedEndpoints'] }),
  req('5.3.intune', '§5.3', 'Intune unreachable: enrollment fails', { waits: ['mdm.userEnroll', 'mdm.deviceEnroll'], fields: ['network.blockedEndpoints'] }),
  req('5.3.wu', '§5.3', 'Windows Update unreachable: continues without updates (soft)', { waits: ['oobe.criticalUpdates', 'wu.quality'], fields: ['network.blockedEndpoints'] }),
  req('5.3.do', '§5.3', 'Delivery Optimization (soft)', { out: 'soft: no effect on the outcome; download time is the site bandwidth in fleets' }),
  req('5.3.ntp', '§5.3', 'NTP: clock skew leads to TPM and ESP failures', { fields: ['network.clockSkewMinutes'], waits: ['tpm.attest', 'esp.deviceApps'] }),
  req('5.3.dns', '§5.3', 'DNS: hard (blocked: offline as OOBE sees it [INF])', { fields: ['network.internet', 'network.blockedEndpoints'], waits: ['network.gate', 'user.wifi'], faults: ['dns-blocked'] }),
  req('5.3.ncsi', '§5.3', 'NCSI: internet must be detected (blocked, or a proxy needing authentication: offline [INF])', { waits: ['network.gate', 'user.wifi'], fields: ['network.proxyRequiresAuth', 'network.blockedEndpoints'], faults: ['ncsi-blocked', 'proxy-needs-auth'] }),
  req('5.3.soft', '§5.3', 'Diagnostics upload, WNS: soft', { out: 'soft: no effect on the deployment outcome' }),
  req('5.3.store', '§5.3', 'Microsoft Store unreachable: no Store apps (soft)', { waits: ['esp.deviceApps', 'apdp.win32Apps'], faults: ['store-unreachable', 'apdp-store-unreachable'], fields: ['network.blockedEndpoints'], codes: ['ESP_APP_FAILED', 'APDP_APP_FAILED'] }),
  req('5.3.hybrid', '§5.3', 'Hybrid needs DC reachability unless VPN + skip check', { waits: ['dc.ping', 'user.domainSignIn'], fields: ['hybrid.dcLineOfSight', 'hybrid.vpn'] }),
  req('5.4.version', '§5.4', 'Connector ≥ 6.2501.2000.5 or requests are not processed', { waits: ['connector.odj'], fields: ['hybrid.connector.version'] }),
  req('5.4.host', '§5.4', 'Host: Windows Server 2016+, .NET 4.7.2, MSA identity', { out: 'connector installation on a server, not a device deployment' }),
  req('5.4.ou', '§5.4', 'OU rights and the 10-computer quota', { waits: ['connector.odj'], fields: ['hybrid.ouRightsDelegated', 'hybrid.computersJoinedByConnector'] }),
  req('5.4.domain', '§5.4', 'One connector per domain; an active connector needed; when one fails another in the domain takes the request', { waits: ['connector.odj'], fields: ['hybrid.connector.present', 'hybrid.connector.active', 'hybrid.connector.others'] }),
  req('5.4.profile', '§5.4', 'Domain Join profile: prefix, FQDN (a NetBIOS name: no outcome documented, the join fails [INF]), OU as a DN', { waits: ['connector.odj'], faults: ['domain-name-netbios'], fields: ['hybrid.domainJoinProfileAssigned', 'hybrid.domainName', 'hybrid.ouDistinguishedName'] }),
  req('5.3.wpad', '§2.2, §5.3', 'Hybrid devices behind a proxy need WPAD', { out: 'the notes give no outcome for a hybrid device behind a proxy without WPAD, nor which step it would break (the connector finds its proxy by WPAD or its .config files, a server-side set-up); a proxy that needs authentication is modelled (5.3.ncsi)' }),
  req('5.5.tenant', '§5.5', 'Tenant licence', { out: PORTAL }),
  req('5.5.user', '§5.5', 'Users must be licensed', { fields: ['identity.userLicensed'], waits: ['mdm.userEnroll', 'esp.userIdentifying'] }),
  req('5.5.deviceOnly', '§5.5', 'Self-deploying can use the device-only SKU', { out: PORTAL }),
  req('5.6.mode', '§5.6', 'Deployment mode and join type', { fields: ['profile.deploymentMode', 'profile.joinType'] }),
  req('5.6.skipAd', '§5.6', 'Skip AD connectivity check', { fields: ['profile.skipAdConnectivityCheck'] }),
  req('5.6.pages', '§5.6', 'EULA, privacy, change-account, language, keyboard: show or hide', { fields: ['profile.hiddenPages'], waits: ['oobe.pages'] }),
  req('5.6.accountType', '§2.1, §5.6', 'User account type Administrator/Standard: Standard keeps the user out of local Administrators (so a hybrid user has no admin rights for W61 to take); forced Standard in self-deploy (an Administrator setting there: a finding)', { waits: ['user.domainSignIn', 'entra.userJoin', 'profile.download'], fields: ['profile.userAccountType'], produces: 'finding ACCOUNT_TYPE_FORCED_STANDARD' }),
  req('5.6.preprov', '§5.6', 'Allow pre-provisioned deployment (No + Win×5 → 0x80180005)', { fields: ['profile.allowPreProvisioning'] }),
  req('5.6.convert', '§5.6', 'Convert all targeted devices (48 h)', { out: PORTAL }),
  req('5.6.name', '§5.6', 'Device name template', { out: 'naming is not simulated; an invalid template is a portal error' }),
  req('5.7.register', '§5.7', 'Registration (hardware hash) creates the Entra anchor', { fields: ['registration.registered', 'registration.entraObjectDeleted'] }),
  req('5.7.assigned', '§5.7', 'Deploy only when the profile status is Assigned', { fields: ['registration.profileStatus', 'registration.defaultProfile'], waits: ['profile.download'] }),
  req('5.7.workplace', '§5.7', 'Entra-registered devices must not be registered', { fields: ['registration.previouslyEntraRegistered'] }),
  req('5.7.csv', '§5.7', 'CSV format, Sync once per 10 min, group tags, deregistration order', { out: PORTAL }),
  req('5.7.upn', '§5.7', 'Assigned User: only the domain part is checked; a wrong UPN leaves the device unusable until the assignment is removed (no screen or code: the sign-in is refused [INF])', { waits: ['entra.authenticate'], faults: ['assigned-user-wrong-upn'], fields: ['profile.assignedUser', 'profile.assignedUserUpnCorrect'], codes: ['ASSIGNED_USER_WRONG_UPN'], produces: 'ASSIGNED_USER_WRONG_UPN' }),
  req('5.8.vm', '§5.8', 'VMs need 2 vCPU and 4 GB', { fields: ['hardware.vCpus', 'hardware.memoryGb'], waits: ['esp.prepare'] }),

  // ── §1.3 conditions named in the notes (sign-in methods, policies, services)
  cond('1.3.multiMdm', '§1.3', 'Several MDM configurations in Entra: self-deploying 0xc1036501 (later CUs tolerate it)', { fields: ['identity.multipleMdmConfigurations', 'os.updatedSince2020'], faults: ['multiple-mdm'] }),
  cond('1.3.mdmScope', '§1.3', 'Automatic MDM enrollment with user scope All or Some including the user; None (or a UPN suffix not verified or not routable): 0x8018002b; with None a device-token enrollment (self-deploying, the technician flow) fails too [INF]', { waits: ['mdm.userEnroll', 'mdm.deviceEnroll'], faults: ['mdm-scope', 'mdm-scope-none-device'], fields: ['identity.mdmUserScope', 'identity.upnSuffixRoutable'], codes: ['0x8018002b'] }),
  cond('1.3.join', '§1.3', 'Users may join devices: needed for user-driven and pre-provisioning, not self-deploying; hybrid registers in system context', { waits: ['entra.userJoin', 'entra.authenticate'], faults: ['user-may-not-join', 'user-may-not-join-user-flow'], fields: ['identity.userMayJoin'], codes: ['801C0003'], produces: '801C0003' }),
  cond('1.3.licence', '§1.3, §3.3, §4, W31', 'An unlicensed user: the MDM terms-of-use error, "account not allowed", 80180018 "Something went wrong" (§4), or Identifying forever (the pre-provisioning user flow enrolls nothing: Identifying)', { waits: ['mdm.userEnroll', 'esp.userIdentifying'], faults: ['no-licence', 'account-not-allowed', 'identifying-hang'], fields: ['identity.userLicensed', 'identity.unlicensedSymptom'] }),
  cond('1.3.tap', '§1.3', 'Temporary Access Pass: only with web sign-in; not hybrid, not kiosks', { waits: ['entra.authenticate', 'user.domainSignIn'], faults: ['tap-hybrid', 'tap-domain-logon'], fields: ['identity.signInMethod', 'identity.webSignIn'], codes: ['SIGN_IN_METHOD_UNSUPPORTED'] }),
  cond('1.3.smartcard', '§1.3', 'Smart card and certificate-based auth not supported in OOBE', { waits: ['entra.authenticate'], faults: ['smart-card'], fields: ['identity.signInMethod'], codes: ['SIGN_IN_METHOD_UNSUPPORTED'], produces: 'SIGN_IN_METHOD_UNSUPPORTED' }),
  cond('1.3.prefill', '§1.3, §2.1 U2, §2.4 P2, §10 #5', 'Username pre-population: only for a user assigned to the device, on an OEM that opted in (removed in 2110 otherwise)', { fields: ['profile.assignedUser', 'registration.oemAutoReenrollment'], waits: ['user.signIn'] }),
  cond('1.3.adfs', '§1.3, W53', 'ADFS: the pre-assigned user is not enforced', { fields: ['identity.federation', 'profile.assignedUser'], waits: ['entra.authenticate'] }),
  cond('1.3.ca', '§1.3, W59', 'Conditional Access on the Intune Enrollment app', { fields: ['identity.conditionalAccess'], faults: ['ca-blocks-enrollment'] }),
  cond('2.2.entraConnect', '§2.2, §9.2', 'Entra Connect sync of the hybrid computer object (the +40 min cushion); OU outside the sync scope, or not synced by the first sign-in: no PRT [INF]', {
    waits: ['esp.userIdentifying'],
    faults: ['hybrid-out-of-sync-scope', 'hybrid-not-synced-yet'],
    fields: ['hybrid.entraConnect.ouInSyncScope', 'hybrid.entraConnect.syncIntervalMinutes', 'esp.timeoutMinutes'],
    produces: 'finding HYBRID_OBJECT_NOT_SYNCED',
  }),

  // ── §8 what-if conditions
  cond('W1', '§8', 'Hybrid, remote, no DC, no VPN, skip check = No → 0x80070774', { fields: ['hybrid.dcLineOfSight', 'hybrid.vpn', 'profile.skipAdConnectivityCheck'], waits: ['dc.ping'] }),
  cond('W3', '§8', 'VPN needs a user certificate or is a UWP plug-in → domain sign-in fails', { fields: ['hybrid.vpn'], waits: ['user.domainSignIn'], codes: ['VPN_UNSUPPORTED'] }),
  cond('W5', '§8', 'TPM 1.2 self-deploying → 0x800705B4 (older builds time out; KB4556799 reports incompatible hardware)', { fields: ['hardware.tpm', 'os.updatedSince2020'], waits: ['tpm.attest'], faults: ['tpm-1.2', 'tpm-1.2-old-build'] }),
  cond('W7', '§8', 'VM running user-driven works with ≥2 vCPU / 4 GB', { fields: ['hardware.kind', 'hardware.vCpus', 'hardware.memoryGb'] }),
  cond('W9', '§8', 'Device not registered → event 807, standard OOBE', { fields: ['registration.registered'], faults: ['not-registered'] }),
  cond('W11', '§8', 'Connector offline or inactive', { fields: ['hybrid.connector.active'], faults: ['connector-down'] }),
  cond('W13', '§8', 'Connector lacks OU rights / 11th computer → event 30132, 0x80070774', { fields: ['hybrid.ouRightsDelegated', 'hybrid.computersJoinedByConnector', 'hybrid.ouDistinguishedName'], faults: ['ou-rights', 'ou-no-rights'] }),
  cond('W15', '§8', 'ESP timeout from a large app', { fields: ['apps', 'esp.timeoutMinutes'] }),
  cond('W17', '§8', 'Win32 + LOB MSI during the ESP', { fields: ['apps'], faults: ['win32-msi'] }),
  cond('W19', '§8', 'Firewall blocks attestation or the fTPM EK URL', { fields: ['network.blockedEndpoints', 'hardware.tpmVendor'], waits: ['tpm.attest'] }),
  cond('W21', '§8', 'Windows Update unreachable', { fields: ['network.blockedEndpoints'], waits: ['oobe.criticalUpdates', 'wu.quality'] }),
  cond('W23', '§8', 'Re-running self-deploy or pre-provisioning → 0x80180014', { fields: ['registration.deployedBefore', 'registration.unblocked', 'registration.oemAutoReenrollment', 'identity.personalEnrollmentBlocked', 'readings.oneTimeLimitNeedsPersonalBlock'], faults: ['second-deployment'] }),
  cond('W25', '§8', 'Technician flow with ESP disabled: Reseal early, the device ships half-configured', { fields: ['esp.enabled'], waits: ['esp.prepare'] }),
  cond('W27', '§8', 'User flow after more than 6 months', { fields: ['people.hoursBetweenFlows'] }),
  cond('W29', '§8', 'Interactive-logon/UAC GPOs', { fields: ['policies.interactiveLogonOrUacConflict'], faults: ['logon-policy-conflict'] }),
  cond('W31', '§8', 'User has no Intune licence', { fields: ['identity.userLicensed', 'identity.unlicensedSymptom'], faults: ['no-licence', 'identifying-hang'] }),
  cond('W33', '§8', 'Windows MDM blocked → 0x80180014', { fields: ['identity.windowsMdmBlocked'], faults: ['mdm-blocked'] }),
  cond('W35', '§8', 'Windows Home → 0x80180022', { fields: ['os.edition'], faults: ['home-edition'] }),
  cond('W37', '§8', 'Entra device object deleted → 0x801C03F3 / 0x80070774', { fields: ['registration.entraObjectDeleted'], faults: ['object-deleted'] }),
  cond('W39', '§8', 'Reboot during device ESP: credentials lost; with DeviceLock autologon fails', { fields: ['apps', 'policies.deviceLock'], states: [UDB('reenterCredentials')], codes: ['AUTOLOGON_FAILED'] }),
  cond('W41', '§8', 'WinRE disabled → 0x80070032', { fields: ['reset.winReEnabled'], faults: ['winre-missing'] }),
  cond('W43', '§8', 'Local reset without the policy', { fields: ['people.localResetAllowed'], faults: ['reset-not-enabled'] }),
  cond('W45', '§8', 'Existing-devices JSON UTF-8 or wrong name', { fields: ['existingDevices.jsonEncoding', 'existingDevices.jsonFileName'] }),
  cond('W47', '§8', 'JSON with a self-deploying or pre-prov profile on an unregistered device', { fields: ['existingDevices.jsonProfile.deploymentMode'], codes: ['JSON_PROFILE_UNSUPPORTED'] }),
  cond('W49', '§8', 'Motherboard or TPM replaced', { fields: ['hardware.motherboardReplaced'] }),
  cond('W51', '§8', 'Wi-Fi only, profile hides language and keyboard: pages still appear', { fields: ['network.connection', 'profile.hiddenPages'], states: [U('oobe.regionAndKeyboard')] }),
  cond('W53', '§8', 'ADFS with a pre-assigned user', { fields: ['identity.federation', 'profile.assignedUser'] }),
  cond('W55', '§8', 'Kiosk autologon, apps assigned after the ESP', { waits: ['kiosk.autologon'], faults: ['kiosk-apps-after-esp'], fields: ['profile.kioskAutologon', 'esp.skipUserStatusPage', 'apps'], produces: 'finding KIOSK_APPS_NOT_INSTALLED' }),
  cond('W57', '§8', 'APDP device group lacks the Intune Provisioning Client owner', { fields: ['devicePreparation.deviceGroup.provisioningClientOwner'], waits: ['apdp.deviceGroup'], faults: ['group-owner-missing'] }),
  cond('W59', '§8', 'Conditional Access blocks Intune Enrollment', { fields: ['identity.conditionalAccess'], faults: ['ca-blocks-enrollment'], codes: ['CA_BLOCKS_ENROLLMENT'] }),
  cond('W61', '§8', 'Hybrid with a script-made local admin', { fields: ['hybrid.scriptAddsLocalAdmin'] }),
  cond('W63', '§8', 'Entra-registered device imported and redeployed', { fields: ['registration.previouslyEntraRegistered'] }),

  // ── §7 Autopilot device preparation: the user-driven flow (steps 1-12), Windows 365 automatic mode, the
  // policy settings, requirements, known issues and the coexistence rules with classic Autopilot.
  step('DP1', '§7', 'OOBE front end with no Autopilot profile', { states: [...FRONT_END.map((s) => DP(`oobe.${s}`)), DP('oobe.oobePages')], waits: ['network.gate', 'profile.download', 'oobe.pages'], produces: 'event 807' }),
  step('DP2', '§7', 'Entra sign-in; the policy for the user\'s group is delivered', { states: [DP('signIn.entraSignIn'), DP('signIn.entraAuthentication'), DPB('policy')], waits: ['user.signIn', 'entra.authenticate', 'apdp.policy'] }),
  step('DP3', '§7', 'Entra join and Intune enrollment; enrollment time grouping into the device group', { states: [DPP('entraJoin'), DPP('mdmEnrollment'), DPP('deviceGroup')], waits: ['entra.userJoin', 'mdm.userEnroll', 'apdp.deviceGroup'] }),
  step('DP4', '§7', 'IME installed', { states: [DPP('ime')], waits: ['apdp.ime'] }),
  step('DP5', '§7', 'Local administrator from the join; Standard removes the user', { states: [DPP('localAdmin')], waits: ['apdp.localAdmin'], fields: ['devicePreparation.policies.accountType'] }),
  step('DP6', '§7', 'MDM sync, untracked', { states: [DPP('mdmSync')], waits: ['apdp.mdmSync'] }),
  step('DP7', '§7', 'LOB and Microsoft 365 apps', { states: [DPP('lobApps')], waits: ['apdp.lobApps'] }),
  exit('DP7.x1', '§7', 'An LOB or M365 app fails → the deployment fails', { faults: ['policy-app-fails'], codes: ['APDP_APP_FAILED'], produces: 'APDP_APP_FAILED' }),
  step('DP8', '§7', 'PowerShell scripts', { states: [DPP('scripts')], waits: ['apdp.scripts'], fields: ['devicePreparation.policies.scripts'] }),
  exit('DP8.x1', '§7', 'A script fails → the deployment fails', { faults: ['policy-script-fails'], codes: ['APDP_SCRIPT_FAILED'], produces: 'APDP_SCRIPT_FAILED' }),
  step('DP9', '§7', 'Win32, Store and Enterprise App Catalog apps', { states: [DPP('win32Apps')], waits: ['apdp.win32Apps'] }),
  exit('DP9.x1', '§7', 'A Win32/Store/EAM app fails → the deployment fails', { faults: ['policy-app-fails'], codes: ['APDP_APP_FAILED'], produces: 'APDP_APP_FAILED' }),
  step('DP10', '§7', '"Required setup complete": Continue, or automatic', { states: [DPB('finishing'), DPB('requiredSetupComplete')], waits: ['apdp.finish', 'user.requiredSetupContinue'], fields: ['devicePreparation.policies.continueAutomatically'] }),
  step('DP11', '§7', 'Automatic sign-in, desktop', { states: [DPB('automaticSignIn')] }),
  step('DP12', '§7', 'Sync after the desktop delivers the rest and user-targeted configuration, without blocking (no user ESP)', { states: [DPB('desktopSync')], waits: ['apdp.postDesktopSync'] }),
  exit('DP.timer', '§7', 'One timer, 15-720 minutes, over the whole deployment → installation error', { fields: ['devicePreparation.policies.timeoutMinutes'], codes: ['APDP_TIMEOUT'], produces: 'APDP_TIMEOUT' }),
  step('DP.error', '§7', 'The error screen: custom message, Retry, Continue anyway after several attempts, diagnostics link', {
    states: [DPB('apdpFailure')],
    waits: ['user.apdpError'],
    fields: ['devicePreparation.policies.customMessage', 'devicePreparation.policies.allowSkip', 'devicePreparation.policies.showDiagnosticsLink'],
  }),
  step('DP.priority', '§7', 'Policy priority: the lowest number wins when several policies target the user', { fields: ['devicePreparation.policies.priority', 'devicePreparation.policies.targetsUser'] }),
  req('DP.limits', '§7', 'Apps: up to 25 (10 in 2024), System context, device group; scripts: up to 10', { fields: ['devicePreparation.policies.apps', 'devicePreparation.policies.scripts', 'readings.devicePreparationAppLimit'] }),
  req('DP.os', '§7', 'Windows 11 24H2+, or 22H2/23H2 with KB5035942', { fields: ['os.windows', 'os.version', 'os.march2024Update'], faults: ['os-too-old'] }),
  req('DP.group', '§7', 'The device group: assigned, not role-assignable, Intune Provisioning Client as owner', {
    fields: ['devicePreparation.deviceGroup.membership', 'devicePreparation.deviceGroup.roleAssignable', 'devicePreparation.deviceGroup.provisioningClientOwner', 'devicePreparation.deviceGroup.deleted'],
    faults: ['group-owner-missing'],
  }),
  req('DP.personal', '§7', 'Personal enrollment blocked: a corporate identifier, or (2026) device association', { fields: ['identity.personalEnrollmentBlocked', 'devicePreparation.corporateIdentifier', 'devicePreparation.associated'], codes: ['0x80180014'] }),
  req('DP.scenarios', '§7', 'Not supported: pre-provisioning, self-deploying, existing devices, reset, hybrid, Windows 10', { out: 'the recommendation excludes device preparation for them with the documented reason (src/recommend)' }),
  cond('DP.coexist.registered', '§7', 'A registered device with a classic profile runs classic Autopilot; the policy never starts', { states: [DP('classic')], fields: ['registration.registered', 'registration.profileStatus'] }),
  cond('DP.coexist.associated', '§7', 'An associated device runs device preparation (2026)', { fields: ['devicePreparation.associated'] }),
  cond('DP.coexist.registeredNoProfile', '§1.1, §7, §10', 'A registered device with no profile, not associated: registration takes precedence (newest), or default OOBE runs device preparation (the Autopilot FAQ)', { waits: ['apdp.policy'], faults: ['apdp-registered'], fields: ['registration.registered', 'registration.profileStatus', 'readings.registeredDeviceRunsDevicePreparation'] }),
  cond('DP.coexist.deregistered', '§7', 'A deregistered device with a policy runs it', { fields: ['registration.registered'] }),
  cond('DP.tenant', '§7', 'No registration tenant to compare with: a user of another tenant joins it, where no policy targets them', { waits: ['entra.authenticate', 'apdp.policy'], faults: ['apdp-other-tenant'], fields: ['identity.signInTenant'] }),
  cond('DP.localAdmin', '§7', 'Entra local-admin setting Selected or None with Standard → provisioning skipped', { fields: ['devicePreparation.entraLocalAdmin'], faults: ['local-admin-conflict'] }),
  cond('DP.100', '§7', 'Stuck at 100 % until the user restarts by hand', { states: [DPB('stuckAt100'), DPB('restartByHand')], fields: ['devicePreparation.stuckAt100Share'], faults: ['stuck-at-100'] }),
  // A behaviour of every run (step DP6), not a condition anything can vary: counted as a step.
  step('DP.untracked', '§7', 'MDM policies sync untracked: they can arrive after the desktop', { states: [DPP('mdmSync')], waits: ['apdp.mdmSync'] }),
  step('W365.1', '§7', 'Automatic mode: the Cloud PC agent creates the VM, joins Entra and enrolls without a user', { states: [W('createVm'), W('provisioning.entraJoin'), W('provisioning.mdmEnrollment')], waits: ['w365.createVm', 'w365.join', 'w365.enroll'] }),
  step('W365.2', '§7', 'The portal shows Preparing, then Provisioned', { states: [W('provisioning'), W('provisioned')], waits: ['w365.statusProvisioned'] }),
  exit('W365.x1', '§7', 'Provisioned with warnings, or Failed when access is denied on failure; failure phases Policy, Apps, Scripts installation', {
    states: [W('provisionedWithWarnings'), W('failedStatus')],
    waits: ['w365.statusWithWarnings', 'w365.statusFailed'],
    fields: ['devicePreparation.cloudPcAccessDeniedOnFailure', 'devicePreparation.mode'],
  }),
  cond('DP.notSupportedDuring', '§7', 'Managed Installer, custom compliance, device health scripts not supported during device preparation', { out: 'policies that are not simulated' }),
  cond('DP.bitlocker', '§7', 'BitLocker 128-bit instead of 256-bit (race condition)', { out: 'an encryption strength the simulation does not model' }),
];

function DP(p: string): string {
  return `device-preparation:${p}`;
}
function DPB(p: string): string {
  return DP(`deployment.${p}`);
}
function DPP(p: string): string {
  return DPB(`provisioning.${p}`);
}
function W(p: string): string {
  return DP(`cloudPc.${p}`);
}

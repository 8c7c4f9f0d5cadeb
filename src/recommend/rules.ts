// recommend, part two: the rules. Microsoft's "Which Autopilot scenario to use" and the
// capability table as hard exclusions, each citing the row or the documented bullet, with the
// share of the fleet it affects; under the threshold a rule is a warning instead.
import { CAPABILITIES, MICROSOFT, type Capability, type TableScenario } from '../capabilities/table.ts';
import { SCENARIOS, type Scenario } from '../environment/schema.ts';
import type { Fleet } from '../fleet/schema.ts';
import type { FleetFacts, FleetMeasures, Measured, Variation } from './measure.ts';
import { pct } from '../format.ts';

/** A scenario is excluded when a hard requirement fails for at least this share of the devices. */
export const EXCLUDE_SHARE = 0.05;

export type Source =
  | 'capability table'
  | 'Which Autopilot scenario to use'
  | 'Scenario pros and cons'
  | 'Azure AD join and hybrid Azure AD join vs. Autopilot scenarios'
  | 'Autopilot device preparation (domain §7)'
  | 'Capability table semantics (domain/autopilot.md §6)';

export interface Exclusion {
  scenario: Scenario;
  /** What in this fleet breaks the requirement, in a sentence. */
  reason: string;
  /** The capability-table row as "<row>: <cell>" (exact text), or the documented bullet, quoted. */
  rule: string;
  /** Where the rule is written. */
  source: Source;
  /** The documented bullet backing a table row, quoted exactly, and where it is written. */
  quote?: string;
  quoteSource?: Source;
  /** A few words for the one-line answer ("13% VMs or no TPM 2.0"). */
  short: string;
  /** Share of the fleet's devices the requirement fails for (1 for a stated goal). */
  share: number;
  /** Groups that hold (nearly) all the affected devices: deploying them on their own keeps the scenario open for the rest. */
  groups?: string[];
  /** Where no whole group does: the variations that hold them ('"Kiosks" with hardware.tpm 1.2'), to deploy on their own likewise. */
  variations?: string[];
  /**
   * Hybrid devices on a scenario with no hybrid path (self-deploying, device preparation): they do not fail it, they are
   * joined to Entra instead (the figures are Entra join's), which the answer says beside its figures.
   */
  joinedInstead?: true;
}

/**
 * What the warned devices get in the scenario kept, as the warnings' heading says it: those hybrid on a scenario with no
 * hybrid path are joined to Entra, not failed (the heading said 'they will fail in that scenario' of them too).
 */
export const warnedOutcome = (threshold: number, warnings: Exclusion[]) =>
  `fewer than ${pct(threshold)} of devices affected; they will fail in that scenario${warnings.some((w) => w.joinedInstead) ? ', or, joined hybrid where it has no hybrid path, be joined to Entra instead' : ''}`;

/** What a scenario with no hybrid path does to the devices the file joins hybrid, said where its figures are. */
export const entraJoinedNotHybrid = (which: string) => `these devices would be Entra joined, not hybrid: ${which}`;

/** Hybrid join ruled out for the devices that cannot reach a domain controller: the join, not a scenario, is excluded. */
export interface JoinExclusion extends Omit<Exclusion, 'scenario'> {
  join: 'hybrid';
  /** (Nearly) every device asked to be hybrid joined is among them: every scenario is weighed with Entra join instead. */
  entraForAll: boolean;
}

// ── The documents, quoted ──────────────────────────────────────────────────────────────────────

const GUIDE: Source = 'Which Autopilot scenario to use';
const PROS: Source = 'Scenario pros and cons';
const TABLE: Source = 'capability table';
const IDENTITY: Source = 'Azure AD join and hybrid Azure AD join vs. Autopilot scenarios';

export const QUOTES = {
  vm: 'For this reason, virtual machines (VMs) are not supported even when the VM has a virtual TPM.',
  preProvisionedTpm: 'Requires TPM attestation during technician flow so only works on physical devices with supported TPM (doesn\'t work in VMs even with virtual TPM)',
  selfDeployingTpm: 'Requires TPM attestation so only works on physical devices with supported TPM (doesn\'t work in VMs even with virtual TPM)',
  selfDeployingHybrid: 'Windows Autopilot self-deploying mode only supports Azure AD join. It doesn\'t support hybrid Azure AD join.',
  resetHybrid: 'Windows Autopilot Reset only supports existing Azure AD join devices. It doesn\'t support existing hybrid Azure AD join devices.',
  hybridNeedsDc:
    'If the device undergoing an Autopilot deployment is a remote device and is not able to connect to a domain controller either on-premises or via a VPN connection, then only Azure AD join is an option.',
  entraPreferred: 'If possible, Microsoft recommends using only Azure AD join.',
  notRegistered: 'The device doesn\'t need to be a current Autopilot device.',
  resetCorrupted: 'Doesn\'t work if there is severe corruption in Windows installation',
  resetStable: 'When the current Windows installation is in a stable non-corrupted state. If the Windows installation is in a corrupted state, use Windows Autopilot for existing devices instead.',
  reinstall: 'On existing devices where the Windows OS needs to be reinstalled. For example, the previous Windows OS installation is corrupted and needs to be reinstalled, or if the hard drive of the device is replaced.',
  resetRegistered: 'The device needs currently be an Autopilot device.',
  resetPro: 'Easily allows resetting an existing broken or repurposed device to a business ready state',
  resetIsNotADeployment: 'Windows Autopilot Rest isn\'t a Windows Autopilot deployment itself, but a method to reset an existing Autopilot device to a business ready state.',
  configMgr: 'Requires Microsoft Configuration Manager',
  existingInUse: 'On existing devices that are already part of the environment. For example, when repurposing a device and the Windows OS need to be completely reinstalled.',
  existingSlower: 'Takes much longer since device has to undergo both task sequence and Autopilot deployment',
  itInteraction: 'Requires interaction by IT admin/OEM/reseller',
  noUser: 'Can\'t assign a user to the device',
  kiosk: 'The device is intended to be used as a kiosk device or by multiple users.',
  singleUser: 'The device is intended to be used primarily by a single user.',
} as const;

/** The project's domain notes (domain/autopilot.md §6, note 7), word for word: the rule that excludes hybrid join. */
export const HYBRID_NEEDS_DC_NOTE = 'Hybrid join (user-driven, pre-provisioned, existing devices) always needs DC reachability at the user sign-in point. A remote device with no DC and no VPN can only use Entra join';

/**
 * What device preparation supports and requires, in the words of the project's domain notes (§7, a
 * paraphrase of Microsoft's overview, compare and requirements pages; not Microsoft's wording).
 */
export const DEVICE_PREPARATION_RULES = {
  entraOnly: 'Device preparation supports user-driven, Entra join, single user; hybrid join is not supported (§7 "Not supported").',
  os: 'Device preparation requires Windows 11 24H2 or later, or 22H2/23H2 with KB5035942 (March 2024); Windows 10 is not supported (§7 "Requirements").',
  modes: 'Device preparation does not support pre-provisioning, self-deploying, existing devices or Autopilot Reset (§7 "Not supported"; the FAQ says pre-provisioning and self-deploying are planned).',
  cloudPc: 'Automatic mode (Windows 365): the Cloud PC agent creates the VM, joins it to Entra and enrolls it in Intune, then applies the device preparation policy attached to the Cloud PC provisioning policy (§7 "Automatic mode").',
} as const;

/** "<row>: <cell>", the capability table's exact wording. */
export function row(capability: Capability, scenario: TableScenario): string {
  if (!CAPABILITIES.includes(capability)) throw new Error(`not a capability-table row: ${capability}`);
  return `${capability}: ${MICROSOFT[capability][scenario]}`;
}


export interface RuleResult {
  exclusions: Exclusion[];
  /** Requirements that fail for fewer devices than the threshold. */
  warnings: Exclusion[];
  /** The same for the scenarios excluded otherwise: a split opens one for the rest of the fleet, where they fail it too. */
  warningsOfExcluded: Exclusion[];
  excluded: Set<Scenario>;
  /** The groups (by index) that hold an exclusion's devices, where whole groups do. */
  groupsOf: WeakMap<Exclusion, number[]>;
  /** Where no whole group does, the variations that hold them. */
  variationsOf: WeakMap<Exclusion, Variation[]>;
  /** Device identity notes. */
  notes: string[];
  /** Hybrid join is asked for by at least the threshold's share of devices (and possible for them). */
  hybridRequired: boolean;
  /** Hybrid join excluded for the threshold's share of devices or more: no domain controller and no pre-logon VPN. */
  joinExclusion: JoinExclusion | null;
}

/** Every documented requirement the fleet fails, as exclusions (at or over the threshold) and warnings. */
/** `goalKiosks`: the devices a stated kiosk goal holds for, where not every device (the groups it names); null: every device. */
export function applyRules(m: FleetMeasures, facts: FleetFacts, goals: Fleet['goals'], kiosk: boolean, threshold: number, goalKiosks: Measured | null = null): RuleResult {
  const { vm, tpm, tpmIn12Mode, attest, hybrid, hybridNow, unreachable, unregistered, unregisteredNew, unregisteredInUse, fresh, cloudPc, corrupted, noConfigMgr, assigned, kioskProfile, newDevices, remoteReset, dpOs, technicianFlow, inUse } = m;
  const scenarios = facts.scenarios;
  const r4 = (x: Measured) => Math.round(x.share * 10_000) / 10_000;
  // No DC or VPN reach: no hybrid. When that is (nearly) every hybrid device, the fleet is weighed
  // with Entra join, so the rules that exclude a scenario for hybrid join no longer apply.
  const entraForAll = unreachable.devices > 0 && unreachable.share >= threshold && unreachable.share >= hybrid.share - threshold;
  const hybridRequired = hybrid.share >= threshold && !entraForAll;
  // Every failed requirement, then split into exclusions (≥ threshold) and warnings.
  const found: Exclusion[] = [];
  const groupsOf = new WeakMap<Exclusion, number[]>();
  const variationsOf = new WeakMap<Exclusion, Variation[]>();
  const add = (scenario: Scenario, m: Measured | number, short: string, reason: string, rule: string, source: Source, quote?: [string, Source], joinedInstead = false) => {
    const share = typeof m === 'number' ? m : r4(m);
    if (share <= 0) return;
    const groups = typeof m === 'number' ? [] : m.groups;
    const variations = typeof m === 'number' ? [] : (m.variations ?? []);
    const e: Exclusion = { scenario, reason, rule, source, ...(quote ? { quote: quote[0], quoteSource: quote[1] } : {}), short, share, ...(groups.length ? { groups } : {}), ...(variations.length ? { variations: variations.map((v) => v.name) } : {}), ...(joinedInstead ? { joinedInstead } : {}) };
    if (typeof m !== 'number' && m.groupIndices.length) groupsOf.set(e, m.groupIndices);
    if (variations.length) variationsOf.set(e, variations);
    found.push(e);
  };

  // Hybrid join needed: not self-deploying, not Reset.
  const hybridWhy = (m: Measured) => `${pct(m.share)} of devices are to be hybrid Azure AD joined${goals.preferEntraJoin ? '' : ' (goals.preferEntraJoin: false)'}`;
  if (hybrid.devices > 0 && !entraForAll) {
    add('self-deploying', hybrid, `${pct(hybrid.share)} hybrid join`, `${hybridWhy(hybrid)}; self-deploying joins Entra only.`, row('Supports hybrid Azure AD join', 'self-deploying'), TABLE, [QUOTES.selfDeployingHybrid, GUIDE], true);
  }
  if (hybridNow.devices > 0) {
    add('reset', hybridNow, `${pct(hybridNow.share)} hybrid join`, `${pct(hybridNow.share)} of devices are hybrid Azure AD joined now (reset.currentJoin); Reset keeps the join the device has and cannot reset hybrid devices (they need a wipe and a redeployment).`, row('Supports hybrid Azure AD join', 'reset'), TABLE, [QUOTES.resetHybrid, GUIDE]);
  }

  // VM or no TPM 2.0: not pre-provisioning, not self-deploying.
  if (attest.devices > 0) {
    const parts = [vm.devices ? `${pct(vm.share)} are virtual machines` : '', tpm.devices ? `${pct(tpm.share)} are physical devices without a TPM 2.0 (none, 1.2, or 2.0 left in 1.2 mode)` : ''].filter(Boolean).join(' and ');
    const vmOnly = tpm.devices === 0;
    const short = `${pct(attest.share)} ${vm.devices && tpm.devices ? 'VMs or no TPM 2.0' : vm.devices ? 'VMs' : 'no TPM 2.0'}`;
    // A TPM that can do 2.0 but is left in 1.2 mode is a firmware setting away from attesting (0x801C03EA, domain §4: 'Upgrade
    // TPM to 2.0 mode'): the answer told 4% of a kiosk estate to be deployed with user-driven, someone signing in at each.
    const switchable = tpmIn12Mode.devices ? ` Of them, the ${pct(tpmIn12Mode.share)} of devices whose TPM can do 2.0 but is left in 1.2 mode attest once it is switched to 2.0 mode in the firmware (0x801C03EA until then).` : '';
    add('pre-provisioned', attest, short, `${parts}: the technician flow authenticates with TPM 2.0 attestation, which they cannot give${vm.devices ? ' (0x800705B4 on a VM)' : ''}.${switchable}`, row('TPM authenticates', 'pre-provisioned'), TABLE, vmOnly ? [QUOTES.vm, GUIDE] : [QUOTES.preProvisionedTpm, PROS]);
    add('self-deploying', attest, short, `${parts}: self-deploying authenticates with TPM 2.0 attestation, which they cannot give${vm.devices ? ' (0x800705B4 on a VM)' : ''}.${switchable}`, row('TPM authenticates', 'self-deploying'), TABLE, vmOnly ? [QUOTES.vm, GUIDE] : [QUOTES.selfDeployingTpm, PROS]);
  }

  // Not registered. New devices are registered as part of the rollout (the OEM or reseller at purchase, or an import of
  // their hashes, domain §5.7): the classic scenarios are weighed with them registered, as they run (scenarioOverride),
  // and a note says so; telling a fleet of new laptops to reimage them with a task sequence (existing devices) was no
  // answer. Devices in use (the file reimages or resets them) and replaced motherboards, whose hash no longer matches:
  // only existing devices works as they are (the others fall back to the ordinary OOBE).
  if (unregisteredInUse.devices > 0) {
    const why = `${pct(unregisteredInUse.share)} of devices are devices in use that are not registered as Autopilot devices (or their hardware hash no longer matches): they fall back to the ordinary OOBE. Import their hardware hashes, or use existing devices (its JSON file stands in for the registration).`;
    for (const s of ['user-driven', 'pre-provisioned', 'self-deploying'] as const) {
      add(s, unregisteredInUse, `${pct(unregisteredInUse.share)} not registered`, why, row('Registered as Autopilot device before deployment', s), TABLE, [QUOTES.notRegistered, GUIDE]);
    }
  }
  if (unregistered.devices > 0) {
    add('reset', unregistered, `${pct(unregistered.share)} not registered`, `${pct(unregistered.share)} of devices are not registered as Autopilot devices (or their hardware hash no longer matches): Reset needs a device that is one now.`, row('Registered as Autopilot device before deployment', 'reset'), TABLE, [QUOTES.resetRegistered, GUIDE]);
  }

  // Windows 365 Cloud PCs: Windows 365 creates, joins and enrolls them, with no out-of-box experience; device
  // preparation's automatic mode is the Autopilot that runs on them (domain §7). No other scenario deploys them.
  if (cloudPc.devices > 0) {
    for (const s of ['user-driven', 'pre-provisioned', 'self-deploying', 'existing-devices', 'reset'] as const) {
      add(s, cloudPc, `${pct(cloudPc.share)} Cloud PCs`, `${pct(cloudPc.share)} of devices are Windows 365 Cloud PCs (device preparation in automatic mode): Windows 365 creates, joins and enrolls them with no out-of-box experience, so ${s} never runs on them; device preparation's automatic mode does.`, DEVICE_PREPARATION_RULES.cloudPc, 'Autopilot device preparation (domain §7)');
    }
  }

  // Corrupted Windows: existing devices (Reset "doesn't work if there is severe corruption").
  if (corrupted.devices > 0) {
    const short = `${pct(corrupted.share)} corrupted Windows`;
    add('reset', corrupted, short, `${pct(corrupted.share)} of devices have a severely corrupted Windows installation: Reset rebuilds from that installation and fails (RESET_OS_CORRUPTED).`, QUOTES.resetCorrupted, PROS, [QUOTES.resetStable, GUIDE]);
    for (const s of ['user-driven', 'pre-provisioned', 'self-deploying'] as const) {
      add(s, corrupted, short, `${pct(corrupted.share)} of devices have a severely corrupted Windows installation: ${s} starts from the out-of-box experience of the installed Windows, which has to be reinstalled first; existing devices does that.`, QUOTES.reinstall, GUIDE);
    }
  }

  // Reset is for devices already in use, Entra joined and registered: a new-device rollout is not a reset.
  if (newDevices.devices > 0) {
    add('reset', newDevices, 'new devices, not a reset', `${pct(newDevices.share)} of devices are a new deployment, not devices in use to be reset (the file runs ${Object.keys(scenarios).filter((s) => s !== 'reset').join(', ')}).`, QUOTES.resetIsNotADeployment, GUIDE);
  }

  // Existing devices needs Configuration Manager.
  if (noConfigMgr.devices > 0) add('existing-devices', noConfigMgr, `${pct(noConfigMgr.share)} without ConfigMgr`, `${pct(noConfigMgr.share)} of devices are in an environment without Configuration Manager (existingDevices.configMgr: false): existing devices runs as a ConfigMgr task sequence.`, QUOTES.configMgr, PROS);

  // New devices: existing devices is a Configuration Manager task sequence that reimages devices already in use and managed
  // (the guide's "existing devices that are already part of the environment"); a new device starts at the OOBE. It was
  // ranked for new laptops and could win (a tie within noise with user-driven at twice the time in all).
  if (fresh.devices > 0) {
    add('existing-devices', fresh, `${pct(fresh.share)} new devices`, `${pct(fresh.share)} of devices are new devices (the file runs ${Object.keys(scenarios).filter((s) => s !== 'existing-devices' && s !== 'reset').join(', ')} for them, on an intact Windows): existing devices reimages devices already in use and managed by Configuration Manager with a task sequence before Autopilot runs; a new device starts at the out-of-box experience and needs no reimage.`, QUOTES.existingInUse, GUIDE, [QUOTES.existingSlower, PROS]);
  }

  // A user assigned to the device: self-deploying cannot.
  if (assigned.devices > 0) add('self-deploying', assigned, `${pct(assigned.share)} with a user assigned`, `${pct(assigned.share)} of devices have a user assigned (profile.assignedUser); self-deploying has no user and ignores it.`, row('Supports assigning user to device', 'self-deploying'), TABLE, [QUOTES.noUser, PROS]);

  // Goal: no IT touch.
  if (goals.noItTouch) {
    for (const s of ['pre-provisioned', 'existing-devices'] as const) {
      add(s, 1, 'goals.noItTouch', `goals.noItTouch: ${s === 'pre-provisioned' ? 'the technician flow needs an IT admin, OEM or reseller at every device' : 'an admin deploys a Configuration Manager task sequence to every device'}.`, row('Deployment requires interaction by IT admin/OEM/reseller', s), TABLE, s === 'pre-provisioned' ? [QUOTES.itInteraction, PROS] : [QUOTES.configMgr, PROS]);
    }
    add('reset', remoteReset, 'goals.noItTouch', `goals.noItTouch: ${pct(remoteReset.share)} of devices are reset remotely, which an Intune admin starts.`, row('Deployment requires interaction by IT admin/OEM/reseller', 'reset'), TABLE);
  }

  // Device preparation (domain §7): Entra join, a single user, user-driven, Windows 11.
  const DP: Source = 'Autopilot device preparation (domain §7)';
  if (hybrid.devices > 0 && !entraForAll) add('device-preparation', hybrid, `${pct(hybrid.share)} hybrid join`, `${hybridWhy(hybrid)}; device preparation joins Entra only.`, DEVICE_PREPARATION_RULES.entraOnly, DP, undefined, true);
  if (dpOs.devices > 0) {
    add('device-preparation', dpOs, `${pct(dpOs.share)} Windows 10 or Windows 11 before 24H2 without KB5035942`, `${pct(dpOs.share)} of devices run Windows 10, or Windows 11 22H2/23H2 without the March 2024 update: device preparation does not run on them and they join Entra without provisioning.`, DEVICE_PREPARATION_RULES.os, DP);
  }
  // Devices with a self-deploying or kiosk profile bear on it whatever their share, as pre-provisioned devices do (it was
  // weighed only when the whole fleet counted as kiosks, so a split put a group of self-deploying kiosks on device preparation).
  if (goalKiosks) {
    // A stated goal that holds for some groups only: their devices.
    add('device-preparation', goalKiosks, `${pct(goalKiosks.share)} shared or kiosks (goals.sharedOrKiosk)`, `goals.sharedOrKiosk: ${pct(goalKiosks.share)} of devices are shared or kiosks (the groups the file makes so; the others are single-user devices); device preparation is user-driven for a single user only, with no self-deploying mode.`, DEVICE_PREPARATION_RULES.modes, DP);
  } else if (kiosk || kioskProfile.devices > 0) {
    add('device-preparation', goals.sharedOrKiosk ? 1 : kioskProfile, goals.sharedOrKiosk ? 'goals.sharedOrKiosk' : `${pct(kioskProfile.share)} self-deploying or kiosk profile`, `${goals.sharedOrKiosk ? 'goals.sharedOrKiosk: the devices are shared or kiosks' : `${pct(kioskProfile.share)} of devices have a self-deploying or kiosk profile`}; device preparation is user-driven for a single user only, with no self-deploying mode.`, DEVICE_PREPARATION_RULES.modes, DP);
  }
  // Pre-provisioned devices in the file rule nothing out: pre-provisioning is a way to spare the user's time, which the
  // ranking weighs (goals.leastEndUserTime), not a requirement of the devices. Device preparation was excluded for them
  // ("has no technician flow") while user-driven, which has none either, was ranked: the note below says how both are weighed.
  if (inUse.devices > 0) add('device-preparation', inUse, `${pct(inUse.share)} reset or reimaged in place`, `${pct(inUse.share)} of devices are devices in use to be reset or reimaged with a task sequence (the file runs reset or existing devices); device preparation supports neither.`, DEVICE_PREPARATION_RULES.modes, DP);

  // Where whole groups hold the affected devices, and nothing else rules the scenario out: say so.
  for (const e of found) {
    const groups = e.groups ?? [];
    const variations = e.variations ?? [];
    if (!groups.length && !variations.length) continue;
    if (found.some((o) => o.scenario === e.scenario && o.share >= threshold && !o.groups?.length && !o.variations?.length)) continue;
    if (groups.length && variations.length) e.reason += ` They are the devices of ${[...groups, ...variations].map((g) => `"${g}"`).join(', ')}: deploy them on their own and ${e.scenario} stays open for the rest.`;
    else if (groups.length) e.reason += ` They are the devices of ${groups.map((g) => `"${g}"`).join(', ')}: deploy ${groups.length > 1 ? 'those groups' : 'that group'} on ${groups.length > 1 ? 'their' : 'its'} own and ${e.scenario} stays open for the rest.`;
    // A variation inside a group: its devices, not the whole group, are the ones to set apart.
    else e.reason += ` They are the devices of ${variations.map((v) => `"${v}"`).join(', ')}: deploy them on their own and ${e.scenario} stays open for the rest${variations.length > 1 ? '' : ' of the group'}.`;
  }

  // One entry per scenario and rule; exclusions first by scenario order.
  const order = (s: Scenario) => SCENARIOS.indexOf(s);
  // With goals.preferEntraJoin: false the file wants its hybrid devices hybrid: a scenario that would join them to Entra
  // is ruled out by that goal, however few they are (it ranked first for 4% hybrid desktops, their join changed unsaid).
  const ruledOut = (f: Exclusion) => f.share >= threshold || (f.joinedInstead === true && !goals.preferEntraJoin);
  const exclusions = found.filter(ruledOut).sort((a, b) => order(a.scenario) - order(b.scenario));
  const excluded = new Set(exclusions.map((e) => e.scenario));
  const warnings = found.filter((f) => !ruledOut(f) && !excluded.has(f.scenario)).sort((a, b) => order(a.scenario) - order(b.scenario));

  // Device identity.
  const notes: string[] = [];
  let joinExclusion: JoinExclusion | null = null;
  if (unreachable.share >= threshold) {
    const where = unreachable.groups.length
      ? // The group's devices the file joins hybrid (measured among them): half a group's laptops read as all of them.
        ` (those of ${unreachable.groups.map((g) => `"${g}"`).join(', ')} that the file joins hybrid)`
      : unreachable.sites?.length
        ? ` (the devices at ${unreachable.sites.length > 1 ? 'sites' : 'site'} ${unreachable.sites.map((k) => `"${k}"`).join(', ')})`
        : unreachable.variations?.length
          ? ` (${unreachable.variations.map((v) => `"${v.name}"`).join(', ')})`
          : '';
    joinExclusion = {
      join: 'hybrid',
      entraForAll,
      share: r4(unreachable),
      short: `${pct(unreachable.share)} without DC or pre-logon VPN`,
      reason: `${pct(unreachable.share)} of devices${where} have no line of sight to a domain controller and no VPN that connects before sign-in (win32-logon or always-on): hybrid join fails at the user's domain sign-in in every scenario (0x80070774, or DOMAIN_UNAVAILABLE pre-provisioned). ${
        entraForAll ? 'Join them to Entra: every scenario below is weighed with Entra join.' : 'Join them to Entra; the rest can stay hybrid.'
      }`,
      rule: HYBRID_NEEDS_DC_NOTE,
      source: 'Capability table semantics (domain/autopilot.md §6)',
      quote: QUOTES.hybridNeedsDc,
      quoteSource: IDENTITY,
      ...(unreachable.groups.length ? { groups: unreachable.groups } : {}),
    };
  } else if (unreachable.devices > 0) {
    notes.push(
      `Hybrid join is impossible for ${pct(unreachable.share)} of devices: no line of sight to a domain controller and no VPN that connects before sign-in (win32-logon or always-on); they fail at the user's domain sign-in in every hybrid scenario. "${QUOTES.hybridNeedsDc}" Join them to Entra instead.`,
    );
  }
  if (unregisteredNew.devices > 0) {
    const which = unregisteredNew.groups.length ? ` (${unregisteredNew.groups.map((g) => `"${g}"`).join(', ')})` : '';
    notes.push(
      `${pct(unregisteredNew.share)} of devices${which} are new devices not registered as Autopilot devices yet: the classic scenarios (user-driven, pre-provisioned, self-deploying) are weighed with them registered, which is part of the rollout: the OEM or reseller registers them at purchase, or import their hardware hashes (a CSV of at most 500 rows each). Device preparation needs no registration; existing devices, which reimages devices in use with a Configuration Manager task sequence, is not the way to deploy new ones.`,
    );
  }
  if (technicianFlow.devices > 0) {
    const which = technicianFlow.groups.length ? ` (${technicianFlow.groups.map((g) => `"${g}"`).join(', ')})` : '';
    notes.push(
      `${pct(technicianFlow.share)} of devices${which} are pre-provisioned in the file: user-driven and device preparation, which have no technician flow, are weighed with the user running the whole deployment on them, and pre-provisioned with the technician's part done before; ${goals.leastEndUserTime ? 'the minutes it spares the user count in the score (goals.leastEndUserTime)' : 'the score counts every minute alike, the technician\'s too (goals.leastEndUserTime weighs the user\'s)'}.`,
    );
  }
  if (hybridRequired && goals.preferEntraJoin) {
    notes.push(`The file asks for hybrid join, and goals.preferEntraJoin is on (as it is unless the file sets it to false): "${QUOTES.entraPreferred}" Consider moving new devices to Entra join (the Entra alternative below is simulated).`);
  }
  const warningsOfExcluded = found.filter((f) => !ruledOut(f) && excluded.has(f.scenario));
  return { exclusions, warnings, warningsOfExcluded, excluded, groupsOf, variationsOf, notes, hybridRequired, joinExclusion };
}

// recommend: Microsoft's "Which Autopilot scenario to use" turned into an answer for a fleet.
// First the hard exclusions, each citing the capability-table row (src/capabilities/table.ts)
// or the documented bullet (../shared/seeds/004: "Which Autopilot scenario to use", "Scenario
// pros and cons") and the share of the fleet it affects; then the scenarios left are simulated
// on the same devices (same seed, same device count: common random numbers) and ranked by
// success first, then the time the stated goals care about.
import { CAPABILITIES, MICROSOFT, type Capability, type TableScenario } from '../capabilities/table.ts';
import { merge } from '../environment/merge.ts';
import { SCENARIOS, profileMode, type Environment, type EnvironmentInput, type Scenario } from '../environment/schema.ts';
import { planFleet } from '../fleet/plan.ts';
import { buildReport, type FleetReport } from '../fleet/report.ts';
import { executeFleet, inThread, type Executor } from '../fleet/run.ts';
import { scenarioOverride } from '../fleet/scenarios.ts';
import type { Fleet } from '../fleet/schema.ts';
import { pct } from '../report/format.ts';
import { osRequirementProblem } from '../world/devicePreparation.ts';

/** A scenario is excluded when a hard requirement fails for at least this share of the devices. */
export const EXCLUDE_SHARE = 0.05;
/** Devices looked at to measure the fleet's shares: spread evenly over the whole plan, so every group and site is in it in proportion. */
export const SAMPLE = 2000;

export type Source =
  | 'capability table'
  | 'Which Autopilot scenario to use'
  | 'Scenario pros and cons'
  | 'Azure AD join and hybrid Azure AD join vs. Autopilot scenarios'
  | 'Autopilot device preparation (domain §7)';

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
}

export interface Summary {
  devices: number;
  successRate: number;
  interval: [number, number];
  firstTimeRightRate: number;
  p50Total: number | null;
  p50EndUser: number | null;
  p50Technician: number | null;
  topFailure: { code: string; phase: string; cause: string; share: number } | null;
}

export interface Ranked {
  rank: number;
  scenario: Scenario;
  summary: Summary;
  /** Success in points (100 × rate), minus the time the goals weigh, plus or minus the goal adjustments. */
  score: number;
  adjustments: Array<{ points: number; reason: string }>;
  why: string;
}

export interface FleetFacts {
  /** Devices looked at (min(N, 2000), spread evenly over the plan). */
  sampled: number;
  /** Share of devices whose file runs each scenario. */
  scenarios: Partial<Record<Scenario, number>>;
  vm: number;
  /** Physical devices with no TPM, TPM 1.2 or a 2.0 TPM left in 1.2 mode. */
  tpmBelow20: number;
  hybrid: number;
  /** Hybrid devices with no domain-controller line of sight and no VPN that connects before sign-in. */
  hybridUnreachable: number;
  /** Not registered, or the hardware hash no longer matches (motherboard replaced). */
  unregistered: number;
  osCorrupted: number;
  noConfigMgr: number;
  assignedUser: number;
  kioskProfile: number;
  /** Devices whose Windows cannot run device preparation (Windows 10, or Windows 11 before 24H2 without KB5035942); present when some are. */
  devicePreparationOs?: number;
}

export interface Recommendation {
  fleet: string;
  devices: number;
  seed: number;
  goals: Fleet['goals'] & { sharedOrKioskFromProfile: boolean };
  facts: FleetFacts;
  threshold: number;
  exclusions: Exclusion[];
  /** Requirements that fail for fewer devices than the threshold: the scenario stays, those devices will fail. */
  warnings: Exclusion[];
  /** Device identity (hybrid or Entra join) findings. */
  notes: string[];
  ranking: Ranked[];
  /** Hybrid was asked for: the recommended scenario simulated once more with Entra join. */
  entraAlternative: { scenario: Scenario; summary: Summary; sentence: string } | null;
  /** A scenario the goals favour, excluded only because of whole groups: simulated on the other groups (same seed), against the recommended one. */
  split: {
    apart: string[];
    scenario: Scenario;
    devices: number;
    summary: Summary;
    score: number;
    against: { scenario: Scenario; summary: Summary; score: number } | null;
    better: boolean;
    sentence: string;
  } | null;
  recommendation: { scenario: Scenario | null; sentence: string };
  /** With two groups or more: each group recommended on its own devices (same seed), and the scenario its file fixes, if any. */
  perGroup: Array<{ group: string; devices: number; fixedScenario: Scenario | null; scenario: Scenario | null; sentence: string }>;
  /** The first two scenarios' 95% intervals of success overlap: the ranking between them is within noise. */
  tieWithinNoise: boolean;
}

export interface RecommendOptions {
  devices?: number;
  seed?: number;
  /** Worker threads when no executor is given; results are identical for any value. */
  workers?: number;
  executor?: Executor;
  threshold?: number;
  onProgress?: (done: number, total: number) => void;
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
  itInteraction: 'Requires interaction by IT admin/OEM/reseller',
  noUser: 'Can\'t assign a user to the device',
  kiosk: 'The device is intended to be used as a kiosk device or by multiple users.',
  singleUser: 'The device is intended to be used primarily by a single user.',
} as const;

/**
 * What device preparation supports and requires, in the words of the project's domain notes (§7, a
 * paraphrase of Microsoft's overview, compare and requirements pages; not Microsoft's wording).
 */
export const DEVICE_PREPARATION_RULES = {
  entraOnly: 'Device preparation supports user-driven, Entra join, single user; hybrid join is not supported (§7 "Not supported").',
  os: 'Device preparation requires Windows 11 24H2 or later, or 22H2/23H2 with KB5035942 (March 2024); Windows 10 is not supported (§7 "Requirements").',
  modes: 'Device preparation does not support pre-provisioning, self-deploying, existing devices or Autopilot Reset (§7 "Not supported"; the FAQ says pre-provisioning and self-deploying are planned).',
} as const;

/** "<row>: <cell>", the capability table's exact wording. */
export function row(capability: Capability, scenario: TableScenario): string {
  if (!CAPABILITIES.includes(capability)) throw new Error(`not a capability-table row: ${capability}`);
  return `${capability}: ${MICROSOFT[capability][scenario]}`;
}

// ── Reading the fleet ─────────────────────────────────────────────────────────────────────────

const PRE_LOGON_VPN = new Set<Environment['hybrid']['vpn']>(['win32-logon', 'always-on']);
const joinOf = (e: Environment) => (e.scenario === 'reset' ? e.reset.currentJoin : e.profile.joinType);
const noAttestation = (e: Environment) => e.hardware.kind === 'vm' || e.hardware.tpm !== '2.0';

interface Measured {
  share: number;
  devices: number;
  groups: string[];
  groupIndices: number[];
}

function sampleFleet(fleet: Fleet, options: { devices?: number; seed?: number }) {
  const plan = planFleet(fleet, options);
  const n = Math.min(plan.devices, SAMPLE);
  // Stratified: device floor(k·N/n) for k < n, across the whole plan (counted groups hold consecutive ranges).
  const sample = Array.from({ length: n }, (_, k) => plan.device(Math.floor((k * plan.devices) / n)));
  const perGroup = fleet.groups.map((_, g) => sample.filter((d) => d.group === g).length);
  const measure = (pred: (e: Environment, group: number) => boolean): Measured => {
    const hit = fleet.groups.map(() => 0);
    let devices = 0;
    for (const d of sample) {
      if (pred(d.env, d.group)) {
        devices++;
        hit[d.group]!++;
      }
    }
    // Groups where the condition holds for most devices and that hold nearly all of them.
    const heavy = hit.map((h, g) => ({ g, h })).filter(({ g, h }) => perGroup[g]! > 0 && h / perGroup[g]! >= 0.8);
    const inHeavy = heavy.reduce((a, { h }) => a + h, 0);
    const all = heavy.length === fleet.groups.filter((_, g) => perGroup[g]! > 0).length;
    const groupIndices = devices > 0 && !all && inHeavy >= 0.9 * devices ? heavy.map(({ g }) => g) : [];
    return { share: n ? devices / n : 0, devices, groups: groupIndices.map((g) => fleet.groups[g]!.name), groupIndices };
  };
  return { plan, n, measure };
}

// ── Formatting ────────────────────────────────────────────────────────────────────────────────

const pct0 = (x: number) => (x > 0 && x < 0.01 ? `${(x * 100).toFixed(1)}%` : `${Math.round(x * 100)}%`);
const mins = (x: number | null) => (x === null ? '–' : `${Math.round(x)} min`);
const r2 = (x: number) => Math.round(x * 100) / 100;

function summarise(r: FleetReport): Summary {
  const top = r.failures[0];
  return {
    devices: r.devices,
    successRate: r.successRate,
    interval: r.successInterval95,
    firstTimeRightRate: r.firstTimeRightRate,
    p50Total: r.timeToDesktop.total.p50,
    p50EndUser: r.timeToDesktop.endUser.p50,
    p50Technician: r.timeToDesktop.technician.p50,
    topFailure: top ? { code: top.code, phase: top.phase, cause: top.causeSummary, share: top.shareOfDevices } : null,
  };
}

// ── The recommendation ────────────────────────────────────────────────────────────────────────

export async function recommend(fleet: Fleet, options: RecommendOptions = {}): Promise<Recommendation> {
  return (await recommendWithReports(fleet, options)).recommendation;
}

/** The recommendation and the fleet report of every ranked scenario (for --html). */
export async function recommendWithReports(fleet: Fleet, options: RecommendOptions = {}): Promise<{ recommendation: Recommendation; reports: Partial<Record<Scenario, FleetReport>> }> {
  const threshold = options.threshold ?? EXCLUDE_SHARE;
  const { plan, n, measure } = sampleFleet(fleet, { ...(options.devices ? { devices: options.devices } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  const goals = fleet.goals;

  const scenarios: Partial<Record<Scenario, number>> = {};
  for (const s of SCENARIOS) {
    const m = measure((e) => e.scenario === s).share;
    if (m > 0) scenarios[s] = r2(m * 100) / 100;
  }
  const vm = measure((e) => e.hardware.kind === 'vm');
  const tpm = measure((e) => e.hardware.kind === 'physical' && e.hardware.tpm !== '2.0');
  const attest = measure(noAttestation);
  // The join the deployment is to give; for Reset, the join the device has now (Reset keeps it).
  const hybrid = measure((e) => e.profile.joinType === 'hybrid');
  const hybridNow = measure((e) => joinOf(e) === 'hybrid');
  const unreachable = measure((e) => e.profile.joinType === 'hybrid' && e.scenario !== 'reset' && !e.hybrid.dcLineOfSight && !PRE_LOGON_VPN.has(e.hybrid.vpn));
  const unregistered = measure((e) => !e.registration.registered || e.hardware.motherboardReplaced);
  const corrupted = measure((e) => e.reset.osCorrupted);
  const noConfigMgr = measure((e) => !e.existingDevices.configMgr);
  const assigned = measure((e) => e.profile.assignedUser !== null);
  const kioskProfile = measure((e) => profileMode(e) === 'self-deploying' || e.profile.kioskAutologon);
  const newDevices = measure((e) => e.scenario !== 'reset');
  const remoteReset = measure((e) => e.scenario === 'reset' && e.reset.kind === 'remote');
  const dpOs = measure((e) => osRequirementProblem(e) !== null);
  const technicianFlow = measure((e) => e.scenario === 'pre-provisioned');
  const inUse = measure((e) => e.scenario === 'reset' || e.scenario === 'existing-devices');
  const r4 = (m: Measured) => Math.round(m.share * 10_000) / 10_000;
  const facts: FleetFacts = {
    sampled: n,
    scenarios,
    vm: r4(vm),
    tpmBelow20: r4(tpm),
    hybrid: r4(hybrid),
    hybridUnreachable: r4(unreachable),
    unregistered: r4(unregistered),
    osCorrupted: r4(corrupted),
    noConfigMgr: r4(noConfigMgr),
    assignedUser: r4(assigned),
    kioskProfile: r4(kioskProfile),
    ...(dpOs.devices > 0 ? { devicePreparationOs: r4(dpOs) } : {}),
  };
  const kioskFromProfile = !goals.sharedOrKiosk && kioskProfile.share >= 0.5;
  const kiosk = goals.sharedOrKiosk || kioskFromProfile;
  const hybridRequired = hybrid.share >= threshold;

  // Every failed requirement, then split into exclusions (≥ threshold) and warnings.
  const found: Exclusion[] = [];
  const groupsOf = new WeakMap<Exclusion, number[]>();
  const add = (scenario: Scenario, m: Measured | number, short: string, reason: string, rule: string, source: Source, quote?: [string, Source]) => {
    const share = typeof m === 'number' ? m : r4(m);
    if (share <= 0) return;
    const groups = typeof m === 'number' ? [] : m.groups;
    const e: Exclusion = { scenario, reason, rule, source, ...(quote ? { quote: quote[0], quoteSource: quote[1] } : {}), short, share, ...(groups.length ? { groups } : {}) };
    if (typeof m !== 'number' && m.groupIndices.length) groupsOf.set(e, m.groupIndices);
    found.push(e);
  };

  // Hybrid join needed: not self-deploying, not Reset.
  const hybridWhy = (m: Measured) => `${pct0(m.share)} of devices are to be hybrid Azure AD joined${goals.preferEntraJoin ? '' : ' (goals.preferEntraJoin: false)'}`;
  if (hybrid.devices > 0) {
    add('self-deploying', hybrid, `${pct0(hybrid.share)} hybrid join`, `${hybridWhy(hybrid)}; self-deploying joins Entra only.`, row('Supports hybrid Azure AD join', 'self-deploying'), TABLE, [QUOTES.selfDeployingHybrid, GUIDE]);
  }
  if (hybridNow.devices > 0) {
    const why = facts.scenarios.reset ? `${pct0(hybridNow.share)} of devices are hybrid Azure AD joined now (reset.currentJoin) or to be` : hybridWhy(hybridNow);
    add('reset', hybridNow, `${pct0(hybridNow.share)} hybrid join`, `${why}; Reset keeps the join the device has and cannot reset hybrid devices (they need a wipe and a redeployment).`, row('Supports hybrid Azure AD join', 'reset'), TABLE, [QUOTES.resetHybrid, GUIDE]);
  }

  // VM or no TPM 2.0: not pre-provisioning, not self-deploying.
  if (attest.devices > 0) {
    const parts = [vm.devices ? `${pct0(vm.share)} are virtual machines` : '', tpm.devices ? `${pct0(tpm.share)} are physical devices without a TPM 2.0 (none, 1.2, or 2.0 left in 1.2 mode)` : ''].filter(Boolean).join(' and ');
    const vmOnly = tpm.devices === 0;
    const short = `${pct0(attest.share)} ${vm.devices && tpm.devices ? 'VMs or no TPM 2.0' : vm.devices ? 'VMs' : 'no TPM 2.0'}`;
    add('pre-provisioned', attest, short, `${parts}: the technician flow authenticates with TPM 2.0 attestation, which they cannot give${vm.devices ? ' (0x800705B4 on a VM)' : ''}.`, row('TPM authenticates', 'pre-provisioned'), TABLE, vmOnly ? [QUOTES.vm, GUIDE] : [QUOTES.preProvisionedTpm, PROS]);
    add('self-deploying', attest, short, `${parts}: self-deploying authenticates with TPM 2.0 attestation, which they cannot give${vm.devices ? ' (0x800705B4 on a VM)' : ''}.`, row('TPM authenticates', 'self-deploying'), TABLE, vmOnly ? [QUOTES.vm, GUIDE] : [QUOTES.selfDeployingTpm, PROS]);
  }

  // Not registered: only existing devices works (the others fall back to the ordinary OOBE).
  if (unregistered.devices > 0) {
    const why = `${pct0(unregistered.share)} of devices are not registered as Autopilot devices (or their hardware hash no longer matches): they fall back to the ordinary OOBE. Import their hardware hashes, or use existing devices (its JSON file stands in for the registration).`;
    for (const s of ['user-driven', 'pre-provisioned', 'self-deploying', 'reset'] as const) {
      add(s, unregistered, `${pct0(unregistered.share)} not registered`, why, row('Registered as Autopilot device before deployment', s), TABLE, [s === 'reset' ? QUOTES.resetRegistered : QUOTES.notRegistered, GUIDE]);
    }
  }

  // Corrupted Windows: existing devices (Reset "doesn't work if there is severe corruption").
  if (corrupted.devices > 0) {
    const short = `${pct0(corrupted.share)} corrupted Windows`;
    add('reset', corrupted, short, `${pct0(corrupted.share)} of devices have a severely corrupted Windows installation: Reset rebuilds from that installation and fails (RESET_OS_CORRUPTED).`, QUOTES.resetCorrupted, PROS, [QUOTES.resetStable, GUIDE]);
    for (const s of ['user-driven', 'pre-provisioned', 'self-deploying'] as const) {
      add(s, corrupted, short, `${pct0(corrupted.share)} of devices have a severely corrupted Windows installation: ${s} starts from the out-of-box experience of the installed Windows, which has to be reinstalled first; existing devices does that.`, QUOTES.reinstall, GUIDE);
    }
  }

  // Reset is for devices already in use, Entra joined and registered: a new-device rollout is not a reset.
  if (newDevices.devices > 0) {
    add('reset', newDevices, 'new devices, not a reset', `${pct0(newDevices.share)} of devices are a new deployment, not devices in use to be reset (the file runs ${Object.keys(scenarios).filter((s) => s !== 'reset').join(', ')}).`, QUOTES.resetIsNotADeployment, GUIDE);
  }

  // Existing devices needs Configuration Manager.
  if (noConfigMgr.devices > 0) add('existing-devices', noConfigMgr, `${pct0(noConfigMgr.share)} without ConfigMgr`, `${pct0(noConfigMgr.share)} of devices are in an environment without Configuration Manager (existingDevices.configMgr: false): existing devices runs as a ConfigMgr task sequence.`, QUOTES.configMgr, PROS);

  // A user assigned to the device: self-deploying cannot.
  if (assigned.devices > 0) add('self-deploying', assigned, `${pct0(assigned.share)} with a user assigned`, `${pct0(assigned.share)} of devices have a user assigned (profile.assignedUser); self-deploying has no user and ignores it.`, row('Supports assigning user to device', 'self-deploying'), TABLE, [QUOTES.noUser, PROS]);

  // Goal: no IT touch.
  if (goals.noItTouch) {
    for (const s of ['pre-provisioned', 'existing-devices'] as const) {
      add(s, 1, 'goals.noItTouch', `goals.noItTouch: ${s === 'pre-provisioned' ? 'the technician flow needs an IT admin, OEM or reseller at every device' : 'an admin deploys a Configuration Manager task sequence to every device'}.`, row('Deployment requires interaction by IT admin/OEM/reseller', s), TABLE, s === 'pre-provisioned' ? [QUOTES.itInteraction, PROS] : [QUOTES.configMgr, PROS]);
    }
    add('reset', remoteReset, 'goals.noItTouch', `goals.noItTouch: ${pct0(remoteReset.share)} of devices are reset remotely, which an Intune admin starts.`, row('Deployment requires interaction by IT admin/OEM/reseller', 'reset'), TABLE);
  }

  // Device preparation (domain §7): Entra join, a single user, user-driven, Windows 11.
  const DP: Source = 'Autopilot device preparation (domain §7)';
  if (hybrid.devices > 0) add('device-preparation', hybrid, `${pct0(hybrid.share)} hybrid join`, `${hybridWhy(hybrid)}; device preparation joins Entra only.`, DEVICE_PREPARATION_RULES.entraOnly, DP);
  if (dpOs.devices > 0) {
    add('device-preparation', dpOs, `${pct0(dpOs.share)} Windows 10 or Windows 11 before 24H2 without KB5035942`, `${pct0(dpOs.share)} of devices run Windows 10, or Windows 11 22H2/23H2 without the March 2024 update: device preparation does not run on them and they join Entra without provisioning.`, DEVICE_PREPARATION_RULES.os, DP);
  }
  if (kiosk) {
    add('device-preparation', goals.sharedOrKiosk ? 1 : kioskProfile, goals.sharedOrKiosk ? 'goals.sharedOrKiosk' : `${pct0(kioskProfile.share)} kiosk profile`, `${goals.sharedOrKiosk ? 'goals.sharedOrKiosk: the devices are shared or kiosks' : `${pct0(kioskProfile.share)} of devices have a self-deploying or kiosk profile`}; device preparation is user-driven for a single user only, with no self-deploying mode.`, DEVICE_PREPARATION_RULES.modes, DP);
  }
  if (technicianFlow.devices > 0) add('device-preparation', technicianFlow, `${pct0(technicianFlow.share)} pre-provisioned`, `${pct0(technicianFlow.share)} of devices are to be pre-provisioned by a technician, OEM or reseller (the file runs pre-provisioned); device preparation has no technician flow.`, DEVICE_PREPARATION_RULES.modes, DP);
  if (inUse.devices > 0) add('device-preparation', inUse, `${pct0(inUse.share)} reset or reimaged in place`, `${pct0(inUse.share)} of devices are devices in use to be reset or reimaged with a task sequence (the file runs reset or existing devices); device preparation supports neither.`, DEVICE_PREPARATION_RULES.modes, DP);

  // Where whole groups hold the affected devices, and nothing else rules the scenario out: say so.
  for (const e of found) {
    const groups = e.groups ?? [];
    if (!groups.length) continue;
    if (found.some((o) => o.scenario === e.scenario && o.share >= threshold && !o.groups?.length)) continue;
    e.reason += ` They are the devices of ${groups.map((g) => `"${g}"`).join(', ')}: deploy ${groups.length > 1 ? 'those groups' : 'that group'} on ${groups.length > 1 ? 'their' : 'its'} own and ${e.scenario} stays open for the rest.`;
  }

  // One entry per scenario and rule; exclusions first by scenario order.
  const order = (s: Scenario) => SCENARIOS.indexOf(s);
  const exclusions = found.filter((f) => f.share >= threshold).sort((a, b) => order(a.scenario) - order(b.scenario));
  const excluded = new Set(exclusions.map((e) => e.scenario));
  const warnings = found.filter((f) => f.share < threshold && !excluded.has(f.scenario)).sort((a, b) => order(a.scenario) - order(b.scenario));

  // Device identity.
  const notes: string[] = [];
  if (unreachable.devices > 0) {
    notes.push(
      `Hybrid join is impossible for ${pct0(unreachable.share)} of devices: no line of sight to a domain controller and no VPN that connects before sign-in (win32-logon or always-on); they fail at the user's domain sign-in in every hybrid scenario. "${QUOTES.hybridNeedsDc}" Join them to Entra instead.`,
    );
  }
  if (hybridRequired && goals.preferEntraJoin) {
    notes.push(`The file asks for hybrid join, and goals.preferEntraJoin is on: "${QUOTES.entraPreferred}" Consider moving new devices to Entra join (the Entra alternative below is simulated).`);
  }

  // Simulate what is left, on the same devices.
  const candidates = SCENARIOS.filter((s) => !excluded.has(s));
  const override = (s: Scenario): EnvironmentInput => {
    const base = scenarioOverride(s);
    // The JSON an existing-devices task sequence drops follows the join the fleet asks for.
    return s === 'existing-devices' && hybridRequired ? merge(base, { existingDevices: { jsonProfile: { joinType: 'hybrid' } } }) : base;
  };
  const wantsAlternative = hybridRequired && (goals.preferEntraJoin || unreachable.devices > 0);
  // A scenario the goals favour, excluded only because of whole groups: deployed apart, those groups may open it for the rest.
  const preference: Scenario[] = kiosk ? ['self-deploying', 'pre-provisioned'] : goals.leastEndUserTime ? ['pre-provisioned', 'self-deploying'] : ['self-deploying', 'pre-provisioned', 'user-driven', 'existing-devices'];
  const splitFor = preference
    .map((sc) => ({ scenario: sc, ex: exclusions.filter((e) => e.scenario === sc) }))
    .find(({ ex }) => ex.length > 0 && ex.every((e) => groupsOf.has(e)));
  const apart = new Set(splitFor ? splitFor.ex.flatMap((e) => groupsOf.get(e)!) : []);
  const restShare = apart.size ? measure((_, g) => !apart.has(g)).share : 0;
  const doSplit = splitFor !== undefined && apart.size < fleet.groups.length && restShare > 0;
  const runsPlanned = candidates.length + (wantsAlternative ? 1 : 0) + (doSplit ? 2 : 0);
  let executor = options.executor ?? inThread;
  let own = false;
  if (!options.executor && (options.workers ?? 1) > 1) {
    const { WorkerPool } = await import('../fleet/pool.ts');
    executor = await WorkerPool.create(options.workers!);
    own = true;
  }
  const reports: Partial<Record<Scenario, FleetReport>> = {};
  let k = 0;
  const simulate = async (environment: EnvironmentInput, on: { fleet: Fleet; devices: number } = { fleet, devices: plan.devices }) => {
    // The scenario is set last, over a group's or site's own: every device runs the scenario being weighed.
    const run = await executeFleet(on.fleet, { devices: on.devices, seed: plan.seed, override: environment }, executor, {
      onProgress: (done, total) => options.onProgress?.(k * total + done, total * runsPlanned),
    });
    k++;
    return buildReport(run);
  };

  let ranking: Ranked[];
  let entraAlternative: Recommendation['entraAlternative'] = null;
  let split: Recommendation['split'] = null;
  const adjustmentsFor = (sc: Scenario): Ranked['adjustments'] => {
    const out: Ranked['adjustments'] = [];
    if (sc === 'self-deploying' && kiosk) out.push({ points: 10, reason: `preferred for a shared or kiosk device: "${QUOTES.kiosk}"` });
    if (sc === 'self-deploying' && !kiosk) out.push({ points: -10, reason: `single-user devices, and self-deploying can't assign a user (${row('Supports assigning user to device', 'self-deploying')})` });
    // Devices in use: the other scenarios start at the OOBE, after a wipe the simulation does not count.
    if (sc === 'reset') out.push({ points: 5, reason: `devices in use: Reset keeps their Entra join and Intune enrollment, while a new deployment needs a wipe first (not simulated); "${QUOTES.resetPro}"` });
    return out;
  };
  try {
    const scored = [] as Array<Omit<Ranked, 'rank' | 'why'>>;
    for (const s of candidates) {
      const report = await simulate(override(s));
      reports[s] = report;
      const summary = summarise(report);
      const adjustments = adjustmentsFor(s);
      scored.push({ scenario: s, summary, score: score(summary, goals.leastEndUserTime, adjustments), adjustments });
    }
    scored.sort((a, b) => b.score - a.score || order(a.scenario) - order(b.scenario));
    ranking = scored.map((x, i) => ({ ...x, rank: i + 1, why: '' }));
    for (const r of ranking) r.why = whyOf(r, ranking, goals.leastEndUserTime);

    const winner = ranking[0];
    if (wantsAlternative && winner && winner.scenario !== 'self-deploying' && winner.scenario !== 'reset') {
      const alt = await simulate(merge(override(winner.scenario), { profile: { joinType: 'entra' }, existingDevices: { jsonProfile: { joinType: 'entra' } } }));
      const summary = summarise(alt);
      const d = summary.successRate - winner.summary.successRate;
      entraAlternative = {
        scenario: winner.scenario,
        summary,
        sentence: `With Entra join instead of hybrid, ${winner.scenario} succeeds for ${pct(summary.successRate)} of devices (${d >= 0 ? '+' : '−'}${(Math.abs(d) * 100).toFixed(1)} points against hybrid), ${mins(summary.p50EndUser)} for the user (vs ${mins(winner.summary.p50EndUser)} hybrid)${goals.leastEndUserTime ? '' : `, ${mins(summary.p50Total)} in all`}${failureText(summary)}.`,
      };
    }

    if (doSplit && splitFor) {
      const rest: Fleet = { ...fleet, groups: fleet.groups.filter((_, g) => !apart.has(g)) };
      const devices = Math.max(1, Math.round(plan.devices * restShare));
      const names = [...apart].map((g) => `"${fleet.groups[g]!.name}"`).join(', ');
      const summary = summarise(await simulate(override(splitFor.scenario), { fleet: rest, devices }));
      const mine = score(summary, goals.leastEndUserTime, adjustmentsFor(splitFor.scenario));
      const against = winner ? summarise(await simulate(override(winner.scenario), { fleet: rest, devices })) : null;
      const theirs = winner && against ? score(against, goals.leastEndUserTime, adjustmentsFor(winner.scenario)) : -Infinity;
      const better = mine > theirs;
      const user = (x: Summary) => (x.p50EndUser === null ? '' : `, ${mins(x.p50EndUser)} for the user`);
      split = {
        apart: [...apart].map((g) => fleet.groups[g]!.name),
        scenario: splitFor.scenario,
        devices,
        summary,
        score: mine,
        against: winner && against ? { scenario: winner.scenario, summary: against, score: theirs } : null,
        better,
        sentence: better
          ? `Split the rollout: deploy ${names} on ${apart.size > 1 ? 'their' : 'its'} own${winner ? ` with ${winner.scenario}` : ''}; for the other ${devices} devices ${splitFor.scenario} does better: ${pct(summary.successRate)} success${user(summary)}${against && winner ? `, against ${pct(against.successRate)}${user(against)} with ${winner.scenario}` : ''}.`
          : `Deploying ${names} apart would open ${splitFor.scenario} for the other ${devices} devices, but it does no better there: ${pct(summary.successRate)} success${user(summary)}${against && winner ? `, against ${pct(against.successRate)}${user(against)} with ${winner.scenario}` : ''}.`,
      };
    }
  } finally {
    if (own) await executor.close();
  }

  const recommendation = finalSentence(fleet, ranking, exclusions, entraAlternative, unreachable, kiosk, split, warnings, threshold);
  const [first, second] = ranking;
  const tieWithinNoise = Boolean(first && second && first.summary.interval[0] <= second.summary.interval[1] && second.summary.interval[0] <= first.summary.interval[1]);
  if (tieWithinNoise) recommendation.sentence += ` ${first!.scenario} and ${second!.scenario} are a tie within noise on success (95% intervals ${pct(first!.summary.interval[0])}–${pct(first!.summary.interval[1])} and ${pct(second!.summary.interval[0])}–${pct(second!.summary.interval[1])} overlap): the order between them rests on the time and the goals.`;

  // Each group on its own devices, when there are several: a group's own answer can differ from the fleet's.
  const perGroup: Recommendation['perGroup'] = [];
  if (fleet.groups.length > 1) {
    const counts = fleet.groups.map((_, g) => measure((__, gi) => gi === g).share);
    for (const [g, group] of fleet.groups.entries()) {
      const devices = Math.max(1, Math.round(plan.devices * counts[g]!));
      if (counts[g] === 0) continue;
      const own = await recommendWithReports({ ...fleet, groups: [{ ...group, count: undefined, weight: 1 }] }, { ...options, devices, seed: plan.seed, onProgress: () => {} });
      const fixed = (group.environment as { scenario?: Scenario }).scenario ?? null;
      const r = own.recommendation;
      perGroup.push({
        group: group.name,
        devices,
        fixedScenario: fixed,
        scenario: r.recommendation.scenario,
        sentence: `${group.name} (${devices} devices${fixed ? `, the file fixes ${fixed}` : ''}): ${r.recommendation.scenario ? `${r.recommendation.scenario}${fixed && fixed !== r.recommendation.scenario ? ` rather than ${fixed}` : ''}, ${r.ranking[0] ? `${pct(r.ranking[0].summary.successRate)} success, ${mins(r.ranking[0].summary.p50EndUser)} for the user` : ''}` : 'no scenario fits'}${r.tieWithinNoise ? ` (a tie within noise with ${r.ranking[1]!.scenario})` : ''}.`,
      });
    }
  }
  return {
    recommendation: {
      fleet: fleet.name ?? 'fleet',
      devices: plan.devices,
      seed: plan.seed,
      goals: { ...goals, sharedOrKioskFromProfile: kioskFromProfile },
      facts,
      threshold,
      exclusions,
      warnings,
      notes,
      ranking,
      entraAlternative,
      split,
      recommendation,
      perGroup,
      tieWithinNoise,
    },
    reports,
  };
}

/** How score() ranks, in a sentence for the reports. */
export const SCORE_RULE =
  'Score: 100 × success rate, minus time (with leastEndUserTime: p50 end-user minutes plus a quarter of the p50 technician minutes, 10 minutes a point; otherwise p50 total minutes, 20 minutes a point; at most 25 points), plus or minus the goal adjustments (+10 self-deploying for a shared or kiosk device, −10 for single-user devices, +5 Reset for devices in use); −100 when no device succeeds. Intervals that overlap are a tie within noise.';

/**
 * Success first: 100 × success rate, in points. Then time: with goals.leastEndUserTime the p50
 * end-user minutes (plus a quarter of the technician's), 10 minutes a point; otherwise the p50
 * total minutes, 20 minutes a point; at most 25 points. Then the goal adjustments. A scenario
 * no device succeeds in scores −100.
 */
export function score(s: Summary, leastEndUserTime: boolean, adjustments: Ranked['adjustments'] = []): number {
  if (s.successRate === 0 || s.p50Total === null) return -100;
  const minutes = leastEndUserTime ? (s.p50EndUser ?? 0) + 0.25 * (s.p50Technician ?? 0) : s.p50Total;
  const time = Math.min(25, minutes * (leastEndUserTime ? 0.1 : 0.05));
  return r2(100 * s.successRate - time + adjustments.reduce((a, x) => a + x.points, 0));
}

function failureText(s: Summary): string {
  const f = s.topFailure;
  if (!f) return '';
  return `; top failure ${f.code}${f.phase ? ` in ${f.phase}` : ''} (${pct(f.share)} of devices${f.cause ? `: ${f.cause}` : ''})`;
}

/** The minutes the score weighs. */
function weighedMinutes(s: Summary, leastEndUserTime: boolean): number | null {
  if (s.p50Total === null) return null;
  return leastEndUserTime ? (s.p50EndUser ?? 0) + 0.25 * (s.p50Technician ?? 0) : s.p50Total;
}

/** What separates two ranked scenarios, from the score's parts: success, the minutes weighed, the goal adjustments. */
function versus(r: Ranked, o: Ranked, leastEndUserTime: boolean): string {
  const against: string[] = [];
  const favour: string[] = [];
  const dSuccess = 100 * (r.summary.successRate - o.summary.successRate);
  const points = (x: number) => `${Math.abs(x).toFixed(1)} points`;
  if (dSuccess <= -0.05) against.push(`${points(dSuccess)} less success`);
  else if (dSuccess >= 0.05) favour.push(`${points(dSuccess)} more success`);
  const a = weighedMinutes(r.summary, leastEndUserTime);
  const b = weighedMinutes(o.summary, leastEndUserTime);
  if (a !== null && b !== null) {
    const dm = a - b;
    const dUser = (r.summary.p50EndUser ?? 0) - (o.summary.p50EndUser ?? 0);
    const dTech = (r.summary.p50Technician ?? 0) - (o.summary.p50Technician ?? 0);
    const signed = (x: number) => (Math.round(Math.abs(x)) === 0 ? '±0 min' : `${x > 0 ? '+' : '−'}${Math.round(Math.abs(x))} min`);
    const text = (more: boolean) =>
      !leastEndUserTime
        ? `${Math.round(Math.abs(dm))} min ${more ? 'more' : 'less'} in all`
        : Math.round(dTech) === 0
          ? `${Math.round(Math.abs(dm))} min ${more ? 'more' : 'less'} for the user`
          : `${Math.round(Math.abs(dm))} weighted min ${more ? 'more' : 'less'} (user ${signed(dUser)}, technician ${signed(dTech)} counted a quarter)`;
    if (dm >= 0.5) against.push(text(true));
    else if (dm <= -0.5) favour.push(text(false));
  }
  const adj = (x: Ranked) => x.adjustments.reduce((t, j) => t + j.points, 0);
  const dAdj = adj(r) - adj(o);
  if (dAdj < 0) against.push(`${Math.abs(dAdj)} points from the goals`);
  else if (dAdj > 0) favour.push(`${dAdj} points from the goals`);
  const [lose, win] = r.rank > o.rank ? [against, favour] : [favour, against];
  if (!lose.length) return 'level on score, listed in the table\'s order';
  const join = (xs: string[]) => xs.join(' and ');
  return win.length ? `${join(lose)} outweigh${lose.length === 1 && !/ and /.test(lose[0]!) ? 's' : ''} ${join(win)}` : join(lose);
}

function whyOf(r: Ranked, ranking: Ranked[], leastEndUserTime: boolean): string {
  const s = r.summary;
  const ud = ranking.find((x) => x.scenario === 'user-driven' && x !== r);
  const ref = ud ?? ranking.find((x) => x !== r);
  const vs = ref ? ` (vs ${mins(ref.summary.p50EndUser)} ${ref.scenario})` : '';
  const parts = [`${r.scenario}: ${pct(s.successRate)} success (95% CI ${pct(s.interval[0])}–${pct(s.interval[1])})`];
  if (s.p50Total === null) {
    parts.push('no device reached the desktop');
  } else {
    parts.push(`${mins(s.p50EndUser)} for the user${vs}`);
    parts.push(s.p50Technician ? `needs a technician for ${mins(s.p50Technician)}` : 'no technician');
    parts.push(`${mins(s.p50Total)} in all (p50)`);
  }
  let text = parts.join(', ') + failureText(s);
  for (const a of r.adjustments) text += `; ${a.points > 0 ? '+' : '−'}${Math.abs(a.points)} points: ${a.reason}`;
  // Where it stands against its neighbour: the one above, or for the first the one below.
  const other = r.rank > 1 ? ranking[r.rank - 2] : ranking[1];
  if (other) text += `; ${r.rank > 1 ? `ranks below ${other.scenario}` : `ranks first, ahead of ${other.scenario}`}: ${versus(r, other, leastEndUserTime)}`;
  return `${text}.`;
}

function finalSentence(
  fleet: Fleet,
  ranking: Ranked[],
  exclusions: Exclusion[],
  alt: Recommendation['entraAlternative'],
  unreachable: Measured,
  kiosk: boolean,
  split: Recommendation['split'],
  warnings: Exclusion[],
  threshold: number,
): { scenario: Scenario | null; sentence: string } {
  const name = fleet.name ?? 'this fleet';
  const out = [...new Set(exclusions.map((e) => e.scenario))];
  const excludedText = out.length
    ? ` Excluded: ${out.map((s) => `${s} (${[...new Set(exclusions.filter((e) => e.scenario === s).map((e) => e.short))].join('; ')})`).join(', ')}.`
    : '';
  const winner = ranking[0];
  if (!winner) {
    return { scenario: null, sentence: `No Autopilot scenario fits ${name} as described: every scenario is excluded by a hard requirement.${excludedText}${split?.better ? ` ${split.sentence}` : ''}` };
  }
  const s = winner.summary;
  const ud = ranking.find((x) => x.scenario === 'user-driven' && x !== winner);
  const user = s.p50EndUser === null ? '' : `, ${mins(s.p50EndUser)} for the user${ud ? ` against ${mins(ud.summary.p50EndUser)} user-driven` : ''}`;
  const tech = s.p50Technician ? `, with a technician for ${mins(s.p50Technician)} per device` : '';
  let sentence = `Use ${winner.scenario} for ${name}: ${pct(s.successRate)} success (95% CI ${pct(s.interval[0])}–${pct(s.interval[1])})${user}${tech}${kiosk && winner.scenario === 'self-deploying' ? ', no one at the device' : ''}.${excludedText}`;
  if (winner.summary.successRate < 0.9 && winner.summary.topFailure) sentence += ` Fix first: ${winner.summary.topFailure.code} (${pct(winner.summary.topFailure.share)} of devices).`;
  if (unreachable.devices > 0) sentence += ` Join the ${pct0(unreachable.share)} of devices with no domain controller and no pre-logon VPN to Entra: hybrid is impossible for them.`;
  if (alt) sentence += ` ${alt.sentence}`;
  const warned = warnings.filter((w) => w.scenario === winner.scenario);
  if (warned.length) {
    const clean = ranking.find((x) => x !== winner && !warnings.some((w) => w.scenario === x.scenario));
    const shorts = [...new Set(warned.map((w) => w.short))].join(', ');
    sentence += ` ${shorts[0]!.toUpperCase()}${shorts.slice(1)}: those devices fail ${winner.scenario} (below the ${Math.round(100 * threshold)}% threshold, so it stays)${clean ? `; deploy them with ${clean.scenario}` : ''}.`;
  }
  if (split?.better) sentence += ` ${split.sentence}`;
  return { scenario: winner.scenario, sentence };
}

// ── Describing it ─────────────────────────────────────────────────────────────────────────────
// Shared by the terminal and the Markdown report, so the two never name a goal or a fact differently.

/** The goals weighed, by name; a kiosk goal read from the profile rather than stated says so. */
export function goalNames(goals: Recommendation['goals']): string[] {
  const names = Object.entries(goals)
    .filter(([k, v]) => v === true && k !== 'sharedOrKioskFromProfile')
    .map(([k]) => k);
  if (goals.sharedOrKioskFromProfile) names.push('sharedOrKiosk (from the self-deploying or kiosk profile)');
  return names;
}

/** The fleet's facts that bear on a scenario, with the share of devices; facts no device has are left out. */
export function factShares(f: FleetFacts): Array<[label: string, share: number]> {
  const facts: Array<[string, number]> = [
    ['VMs', f.vm],
    ['no TPM 2.0', f.tpmBelow20],
    ['hybrid join', f.hybrid],
    ['hybrid without DC or pre-logon VPN', f.hybridUnreachable],
    ['not registered', f.unregistered],
    ['corrupted Windows', f.osCorrupted],
    ['no ConfigMgr', f.noConfigMgr],
    ['user assigned', f.assignedUser],
    ['kiosk profile', f.kioskProfile],
    ['Windows too old for device preparation', f.devicePreparationOs ?? 0],
  ];
  return facts.filter(([, v]) => v > 0);
}

/** When no fact applies: the fleet is the plain case every scenario supports. */
export const PLAIN_FLEET = 'physical, TPM 2.0, Entra join, registered';

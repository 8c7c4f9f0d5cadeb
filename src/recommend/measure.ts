// recommend, part one: reading the fleet. A sample spread over the whole plan (every group and
// site in proportion) and the share of it each documented requirement bears on.
import { merge } from '../environment/merge.ts';
import { EnvironmentSchema, SCENARIOS, profileMode, type Environment, type EnvironmentInput, type Scenario } from '../environment/schema.ts';
import { planFleet, SAMPLE, spreadSample, type Plan } from '../fleet/plan.ts';
import type { Fleet } from '../fleet/schema.ts';
import { osRequirementProblem } from '../world/devicePreparation.ts';

/** Devices looked at to measure the fleet's shares: spread evenly over the whole plan, so every group and site is in it in proportion. */
export { SAMPLE };

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

/** A device the file makes a shared or kiosk device: a self-deploying profile, or kiosk autologon. */
export const isKioskProfile = (e: Environment) => profileMode(e) === 'self-deploying' || e.profile.kioskAutologon;

export const PRE_LOGON_VPN = new Set<Environment['hybrid']['vpn']>(['win32-logon', 'always-on']);
const noAttestation = (e: Environment) => e.hardware.kind === 'vm' || e.hardware.tpm !== '2.0';

export interface Measured {
  share: number;
  devices: number;
  groups: string[];
  groupIndices: number[];
  /** The sites that hold nearly all of these devices (where no group does), such as a branch without a domain controller. */
  sites?: string[];
  /**
   * Where no whole group holds them: the variations of groups that do (a group's kiosks with their TPM in 1.2 mode), each
   * the options of one dimension that make the devices so while the group's own environment does not.
   */
  variations?: Variation[];
}

/** Some options of one of a group's variation dimensions: the devices that draw them. */
export interface Variation {
  group: number;
  dimension: string;
  options: number[];
  /** '"Kiosks" with hardware.tpm 1.2': the group's name and what the options set. */
  name: string;
  /** What each option sets, in the order of options ("hardware.tpm 1.2"): the end of the name, joined by ' or '. */
  said?: string[];
}

/** A variation's environment as its settings: {hardware: {tpm: '1.2'}} is "hardware.tpm 1.2". */
function settings(piece: unknown, path = ''): string[] {
  if (typeof piece !== 'object' || piece === null || Array.isArray(piece)) return [`${path} ${Array.isArray(piece) ? `[${piece.length} items]` : String(piece)}`];
  return Object.entries(piece).flatMap(([k, v]) => settings(v, path ? `${path}.${k}` : k));
}

/**
 * The fleet with each variation set apart as a group of its own, after the others (the groups before keep their
 * indices): the group keeps its other options, their shares scaled to the devices left, and the new group draws only
 * the variation's options. Given the fleet's `plan`, every group is counted by the devices the plan draws for it, and
 * the variation by the devices it draws for that (each count in the plan's devices): the file's share of a count (84 of
 * 1,200 at 7%) set apart more devices than the fleet's own figures count (the 74 drawn), and groups given by weight were
 * drawn anew with the variation's weight beside them, so 242 kiosks were set apart where the fleet's figures counted 206
 * with a TPM in 1.2 mode, and the split's parts added up to 1,002 of 1,000 devices. Without a plan, weights are split by
 * the variation's share. Device i is drawn anew, so a split weighed on it compares its two deployments on these
 * devices, not the fleet's. Null when a variation has no device.
 */
export function withVariationsApart(fleet: Fleet, variations: Variation[], plan?: Plan): { fleet: Fleet; apart: number[]; origins: OptionOrigins[] } | null {
  const groups = fleet.groups.map((g) => ({ ...g, vary: { ...g.vary } }));
  // Each group's options, per dimension, as the file's option indices in its group (the new groups' after the others).
  const origins: OptionOrigins[] = groups.map((g) => Object.fromEntries(Object.entries(g.vary).map(([d, os]) => [d, os.map((_, k) => k)])));
  const apartOrigins: OptionOrigins[] = [];
  const counted = plan !== undefined;
  if (counted) {
    // Each group's count, in the plan's devices (the file's counts scaled to it, or the devices its weight drew).
    const sizes = groups.map(() => 0);
    for (let i = 0; i < plan.devices; i++) sizes[plan.drawnOption(i, '').group]!++;
    groups.forEach((g, k) => {
      g.count = sizes[k]!;
      delete g.weight;
    });
  }
  const apart: Fleet['groups'] = [];
  for (const v of variations) {
    const g = groups[v.group]!;
    const options = g.vary[v.dimension]!;
    const share = v.options.reduce((a, k) => a + options[k]!.share, 0);
    if (share <= 0) return null;
    const size = g.count ?? g.weight ?? 1;
    let count = g.count !== undefined ? Math.round(g.count * share) : undefined;
    if (counted) {
      count = 0;
      for (let i = 0; i < plan.devices; i++) {
        const d = plan.drawnOption(i, v.dimension);
        if (d.group === v.group && v.options.includes(d.option)) count++;
      }
    }
    if (count !== undefined && (count === 0 || count === g.count)) return null;
    const kept = options.filter((_, k) => !v.options.includes(k)).map((o) => ({ ...o, share: o.share / (1 - share) }));
    const inApart = v.options.map((k) => ({ ...options[k]!, share: options[k]!.share / share }));
    apart.push({ ...g, name: v.name, ...(count !== undefined ? { count } : { weight: size * share }), vary: { ...g.vary, [v.dimension]: inApart } });
    const was = origins[v.group]![v.dimension]!;
    apartOrigins.push({ ...origins[v.group], [v.dimension]: v.options.map((k) => was[k]!) });
    const { [v.dimension]: _, ...others } = origins[v.group]!;
    origins[v.group] = kept.length ? { ...others, [v.dimension]: was.filter((_, k) => !v.options.includes(k)) } : others;
    if (kept.length) g.vary[v.dimension] = kept;
    else delete g.vary[v.dimension];
    if (count !== undefined) g.count = g.count! - count;
    else g.weight = size * (1 - share);
  }
  return { fleet: { ...fleet, groups: [...groups, ...apart] }, apart: apart.map((_, i) => groups.length + i), origins: [...origins, ...apartOrigins] };
}

/** Per dimension of a group of a fleet with variations set apart, the file's index of each of its options in its group. */
export type OptionOrigins = Record<string, number[]>;

export function sampleFleet(fleet: Fleet, options: { devices?: number; seed?: number }) {
  const plan = planFleet(fleet, options);
  const sample = spreadSample(plan);
  const n = sample.length;
  const perGroup = fleet.groups.map((_, g) => sample.filter((d) => d.group === g).length);
  const perSite = fleet.sites.map((_, k) => sample.filter((d) => d.site === k).length);
  /**
   * Groups (or sites) where the condition holds for most devices (of those `among` counts) and that hold nearly all of
   * them; none when every one does.
   */
  const heavyOf = (hit: number[], per: number[], devices: number, among = per) => {
    const heavy = hit.map((h, g) => ({ g, h })).filter(({ g, h }) => among[g]! > 0 && h / among[g]! >= 0.8);
    const inHeavy = heavy.reduce((a, { h }) => a + h, 0);
    const all = heavy.length === per.filter((x) => x > 0).length;
    return devices > 0 && !all && inHeavy >= 0.9 * devices ? heavy.map(({ g }) => g) : [];
  };
  // Each group's environment at each of its sites, alone and with each option of each of its variations (parsed once).
  const base = merge(fleet.environment as EnvironmentInput, fleet.scenario ? { scenario: fleet.scenario } : {});
  const sitesOf = fleet.groups.map((g) => fleet.sites.map((s, k) => ((g.sites ? (g.sites[s.name] ?? 0) : s.share) > 0 ? k : -1)).filter((k) => k >= 0));
  const parse = (...pieces: unknown[]) => EnvironmentSchema.parse(pieces.reduce((a: EnvironmentInput, p) => merge(a, p), base));
  const own = fleet.groups.map((g, gi) => sitesOf[gi]!.map((k) => parse(fleet.sites[k]!.environment, g.environment)));
  const withOption = fleet.groups.map((g, gi) => Object.fromEntries(Object.entries(g.vary).map(([dim, vs]) => [dim, vs.map((v) => sitesOf[gi]!.map((k) => parse(fleet.sites[k]!.environment, g.environment, v.environment)))])));
  /** The options that make a group's devices so at every site while its own environment does not, by dimension (one dimension, or none). */
  const variationsOf = (pred: (e: Environment, group: number) => boolean, g: number): Variation | null => {
    if (own[g]!.some((e) => pred(e, g))) return null;
    const found = Object.entries(withOption[g]!)
      .map(([dimension, vs]) => ({ dimension, options: vs.map((envs, k) => (envs.every((e) => pred(e, g)) ? k : -1)).filter((k) => k >= 0) }))
      .filter((x) => x.options.length);
    if (found.length !== 1) return null;
    const { dimension, options } = found[0]!;
    const group = fleet.groups[g]!;
    const said = options.map((k) => settings(group.vary[dimension]![k]!.environment).join(', '));
    return { group: g, dimension, options, name: `${group.name} with ${said.join(' or ')}`, said };
  };
  /**
   * `among`: the devices a group or site is weighed over when it is said to hold these (most of its devices so), where
   * the others do not matter to what is done with them: a site's hybrid devices, for those without a domain controller,
   * whose plan (Entra join there) leaves the kiosks beside them, Entra joined already, as they are.
   */
  const measure = (pred: (e: Environment, group: number) => boolean, among?: (e: Environment, group: number) => boolean): Measured => {
    const hit = fleet.groups.map(() => 0);
    const siteHit = fleet.sites.map(() => 0);
    const inGroup = among ? fleet.groups.map(() => 0) : perGroup;
    const atSite = among ? fleet.sites.map(() => 0) : perSite;
    let devices = 0;
    for (const d of sample) {
      if (among?.(d.env, d.group)) {
        inGroup[d.group]!++;
        atSite[d.site]!++;
      }
      if (pred(d.env, d.group)) {
        devices++;
        hit[d.group]!++;
        siteHit[d.site]!++;
      }
    }
    const groupIndices = heavyOf(hit, perGroup, devices, inGroup);
    const sites = groupIndices.length ? [] : heavyOf(siteHit, perSite, devices, atSite).map((k) => fleet.sites[k]!.name);
    // No whole group: variations that hold nearly all of them, as heavyOf asks of groups.
    let variations: Variation[] = [];
    if (!groupIndices.length && devices > 0) {
      variations = fleet.groups.map((_, g) => (hit[g]! > 0 ? variationsOf(pred, g) : null)).filter((v): v is Variation => v !== null);
      if (variations.reduce((a, v) => a + hit[v.group]!, 0) < 0.9 * devices) variations = [];
    }
    return { share: n ? devices / n : 0, devices, groups: groupIndices.map((g) => fleet.groups[g]!.name), groupIndices, ...(sites.length ? { sites } : {}), ...(variations.length ? { variations } : {}) };
  };
  return { plan, n, measure };
}

/** What the rules read: the share of the sample each requirement bears on, with the groups that hold it. */
export interface FleetMeasures {
  vm: Measured;
  tpm: Measured;
  /** Of those, TPMs that can do 2.0 but are left in 1.2 mode: a firmware switch away from attesting. */
  tpmIn12Mode: Measured;
  attest: Measured;
  hybrid: Measured;
  hybridNow: Measured;
  unreachable: Measured;
  unregistered: Measured;
  /** Of those, new devices (the file deploys them, not existing devices or Reset) not registered yet, their hash intact: registering them is a step of the rollout. */
  unregisteredNew: Measured;
  /** Devices in use (the file reimages or resets them) not registered, and devices whose motherboard was replaced since (the hash no longer matches). */
  unregisteredInUse: Measured;
  /**
   * New devices: the file deploys them (not existing devices or Reset), their Windows is not corrupted, their motherboard
   * not replaced, and they are no Cloud PCs: nothing in use to reimage, so existing devices is not their route.
   */
  fresh: Measured;
  /** Windows 365 Cloud PCs: the file runs device preparation's automatic mode for them. */
  cloudPc: Measured;
  corrupted: Measured;
  noConfigMgr: Measured;
  assigned: Measured;
  kioskProfile: Measured;
  newDevices: Measured;
  remoteReset: Measured;
  dpOs: Measured;
  technicianFlow: Measured;
  inUse: Measured;
}

/** The fleet's sample, its facts and the measures the rules read. */
export function measureFleet(fleet: Fleet, options: { devices?: number; seed?: number }): { plan: Plan; n: number; measure: (pred: (e: Environment, group: number) => boolean) => Measured; facts: FleetFacts; m: FleetMeasures } {
  const { plan, n, measure } = sampleFleet(fleet, options);
  const scenarios: Partial<Record<Scenario, number>> = {};
  for (const s of SCENARIOS) {
    const m = measure((e) => e.scenario === s).share;
    if (m > 0) scenarios[s] = Math.round(m * 10_000) / 10_000;
  }
  const vm = measure((e) => e.hardware.kind === 'vm');
  const tpm = measure((e) => e.hardware.kind === 'physical' && e.hardware.tpm !== '2.0');
  const attest = measure(noAttestation);
  const tpmIn12Mode = measure((e) => e.hardware.kind === 'physical' && e.hardware.tpm === '2.0-in-1.2-mode');
  // VMs in one group and physical devices without a TPM 2.0 in another (or in a variation of it): no one group or
  // variation holds them all, so self-deploying's exclusion named none and no split was weighed, though each part is held.
  // Nor where a variation holds nine in ten of them and a group of VMs the rest: a plant's 364 shop-floor PCs with TPM 1.2
  // held 90% of its 404, so the split set them apart and deployed its 40 lab VMs on self-deploying (0x800705B4 on each).
  const held = (x: Measured) => x.groupIndices.length > 0 || (x.variations?.length ?? 0) > 0;
  if (vm.devices > 0 && tpm.devices > 0 && held(vm) && held(tpm)) {
    const groupIndices = [...new Set([...vm.groupIndices, ...tpm.groupIndices])].sort((a, b) => a - b);
    const variations = [...(vm.variations ?? []), ...(tpm.variations ?? [])].filter((v) => !groupIndices.includes(v.group));
    attest.groupIndices = groupIndices;
    attest.groups = groupIndices.map((g) => fleet.groups[g]!.name);
    if (variations.length) attest.variations = variations;
    delete attest.sites;
  }
  // The join the deployment is to give; for Reset, the join the device has now (Reset keeps it), over the devices it would reset.
  const hybrid = measure((e) => e.profile.joinType === 'hybrid');
  // Reset's own join rule bears on the devices it would reset; new devices are not a reset at all (newDevices).
  const hybridNow = measure((e) => e.scenario === 'reset' && e.reset.currentJoin === 'hybrid');
  // Held by the groups or sites where most of the hybrid devices have neither: Entra join there leaves the rest as they are
  // (3,000 Entra kiosks beside 977 hybrid laptops at nine shops with no DC: the shops were not said to hold them, and the
  // plan the exclusion advises was not simulated).
  const hybridToJoin = (e: Environment) => e.profile.joinType === 'hybrid' && e.scenario !== 'reset';
  const unreachable = measure((e) => hybridToJoin(e) && !e.hybrid.dcLineOfSight && !PRE_LOGON_VPN.has(e.hybrid.vpn), hybridToJoin);
  const unregistered = measure((e) => !e.registration.registered || e.hardware.motherboardReplaced);
  const isCloudPc = (e: Environment) => e.scenario === 'device-preparation' && e.devicePreparation.mode === 'automatic';
  const inUseNow = (e: Environment) => e.scenario === 'existing-devices' || e.scenario === 'reset';
  const unregisteredNew = measure((e) => !e.registration.registered && !e.hardware.motherboardReplaced && !inUseNow(e) && !isCloudPc(e));
  const unregisteredInUse = measure((e) => e.hardware.motherboardReplaced || (!e.registration.registered && inUseNow(e)));
  const cloudPc = measure(isCloudPc);
  const fresh = measure((e) => !inUseNow(e) && !isCloudPc(e) && !e.reset.osCorrupted && !e.hardware.motherboardReplaced);
  const corrupted = measure((e) => e.reset.osCorrupted);
  const noConfigMgr = measure((e) => !e.existingDevices.configMgr);
  const assigned = measure((e) => e.profile.assignedUser !== null);
  const kioskProfile = measure(isKioskProfile);
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
  return { plan, n, measure, facts, m: { vm, tpm, tpmIn12Mode, attest, hybrid, hybridNow, unreachable, unregistered, unregisteredNew, unregisteredInUse, fresh, cloudPc, corrupted, noConfigMgr, assigned, kioskProfile, newDevices, remoteReset, dpOs, technicianFlow, inUse } };
}

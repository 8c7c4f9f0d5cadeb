// recommend: Microsoft's "Which Autopilot scenario to use" turned into an answer for a fleet.
// Four parts, each its own module: measure.ts reads the fleet (a sample stratified across groups
// and sites); rules.ts applies the documented requirements as exclusions and warnings, each citing
// the capability-table row or bullet (../shared/seeds/004) and the share of the fleet it affects;
// ranking.ts scores the scenarios left, simulated on the same devices (same seed, same device
// count: common random numbers), with the file's goal weights; prose.ts says why. This file runs
// the simulations and puts the answer together.
import type { Capability, TableScenario } from '../capabilities/table.ts';
import { merge } from '../environment/merge.ts';
import { classicProfileApplies, SCENARIOS, type EnvironmentInput, type Scenario } from '../environment/schema.ts';
import { buildReport, type FleetReport } from '../fleet/report.ts';
import { executeFleet, inThread, type Executor } from '../fleet/run.ts';
import { planFleet, spreadSample, type Plan, type PlannedGroup } from '../fleet/plan.ts';
import { devicePreparationInput } from '../world/devicePreparation.ts';
import { scenarioOverride } from '../fleet/scenarios.ts';
import type { Fleet } from '../fleet/schema.ts';
import { count, devicesText, pct, possessive, upperFirst } from '../format.ts';
import { wordsOf } from '../catalog/continued.ts';
import { isKioskProfile, measureFleet, withVariationsApart, type FleetFacts, type FleetMeasures, type OptionOrigins, type Variation } from './measure.ts';
import type { Environment } from '../environment/schema.ts';
import { applyRules, EXCLUDE_SHARE, type Exclusion, type JoinExclusion } from './rules.ts';
import { adjustmentsFor, score, scoreRule, scoreText, summarise, tieWithinNoise, type Ranked, type Summary, type Weights } from './ranking.ts';
import { HYBRID_ESP_EXTRA_MINUTES } from '../catalog/vocabulary.ts';
import { failureAndLoadText, failureText, finalSentence, forUser, goalPoints, mins, otherSplitText, weighedTooText,
  pointsBetween, whyOf, type EntraAlternative, type JoinSplit, type Split, type WarnedSplit } from './prose.ts';
import { LOW_SUCCESS, saturatedListText } from '../fleet/bottlenecks.ts';
import { RESET_APPS_NOT_DOWNLOADED } from '../fleet/idle-fields.ts';
import { csvLine, HYBRID_TIMER_TEXT } from '../fleet/analysis.ts';

export { SAMPLE, type FleetFacts } from './measure.ts';
import { CARRIED_OVER, observedFlow } from '../calibrate/flows.ts';
export { DEVICE_PREPARATION_RULES, EXCLUDE_SHARE, entraJoinedNotHybrid, HYBRID_NEEDS_DC_NOTE, QUOTES, row, warnedOutcome, type Exclusion, type JoinExclusion, type Source } from './rules.ts';
export { DEFAULT_WEIGHTS, score, scoreRule, scoreText, type Ranked, type Summary, type Weights } from './ranking.ts';
export { factShares, goalNames, PLAIN_FLEET, type EntraAlternative, type JoinSplit, type Split, type WarnedSplit } from './prose.ts';
export type { Capability, TableScenario };

export interface Recommendation {
  fleet: string;
  devices: number;
  seed: number;
  /**
   * sharedOrKioskGroups: the groups a stated kiosk goal holds for, where it does not hold for every group (the groups the
   * file makes kiosks, or, where it makes none, those without a user assigned: kioskGoalOf).
   */
  goals: Fleet['goals'] & { sharedOrKioskFromProfile: boolean; sharedOrKioskGroups?: string[] };
  facts: FleetFacts;
  threshold: number;
  exclusions: Exclusion[];
  /** Hybrid join ruled out (no DC or VPN reach) for the threshold's share of devices or more; with entraForAll every scenario was weighed with Entra join. */
  joinExclusion: JoinExclusion | null;
  /** Requirements that fail for fewer devices than the threshold: the scenario stays, those devices will fail. */
  warnings: Exclusion[];
  /** Device identity (hybrid or Entra join) findings. */
  notes: string[];
  ranking: Ranked[];
  /** Hybrid was asked for: the recommended scenario simulated once more with Entra join. */
  entraAlternative: EntraAlternative | null;
  /**
   * Hybrid join excluded for some sites or groups (no DC or pre-logon VPN), not for all: the plan the exclusion advises
   * (Entra join there, hybrid for the rest) simulated on the scenario ranked first. Null when it was not: see its note.
   */
  joinSplit: JoinSplit | null;
  /**
   * A scenario the goals favour, excluded only because of whole groups or variations inside groups: simulated on the
   * other devices with those deployed apart beside them (same seed), against the recommended one.
   */
  split: Split | null;
  /**
   * The scenario that wins is only warned about for some devices (under the threshold: they fail it) and whole groups or
   * variations hold them: the plan with those deployed apart on the first scenario ranked that no warning touches, the
   * rest on the winner, simulated whole (every device counted) and weighed against the winner for every device.
   */
  warnedSplit: WarnedSplit | null;
  /**
   * The answer. `scenario` is the whole fleet's; `deploy` is the plan the sentence gives, for a script to read: one
   * entry for the whole fleet, or, when the sentence recommends a split, one for the rest and one for the groups (or
   * variations, named '<group> with <setting>') deployed apart; when no scenario fits the whole fleet, the groups' own
   * answers, by scenario.
   */
  recommendation: { scenario: Scenario | null; sentence: string; deploy: Array<{ scenario: Scenario | null; groups: string[]; devices: number }> };
  /**
   * With two groups or more: each group recommended on its own devices (its facts, its figures), weighed with the rest of
   * the fleet deployed as the file says beside it (same devices, seed and rollout), and the scenario its file fixes, if any.
   */
  perGroup: Array<{ group: string; devices: number; fixedScenario: Scenario | null; scenario: Scenario | null; summary: Summary | null; deploy: Recommendation['recommendation']['deploy']; sentence: string }>;
  /** The first two scenarios' 95% intervals of success overlap: the ranking between them is within noise. */
  tieWithinNoise: boolean;
  /** The weights the score used (goals.weights) and the score rule in full, with them. */
  weights: Weights;
  scoreRule: string;
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

/** Entra join, for the deployment and for an existing-devices JSON file: what a device that cannot be hybrid joined gets. */
const ENTRA: EnvironmentInput = { profile: { joinType: 'entra' }, existingDevices: { jsonProfile: { joinType: 'entra' } } };

/**
 * Why Entra join times out where hybrid did not: hybrid device setup has the ESP's timeout plus 40 minutes (domain H6,
 * "the configured value + 40 min"), Entra join the timeout alone. A bank's thirty apps under a 90-minute ESP succeeded
 * hybrid and failed every device with Entra join, read as 'succeeds for 0.0% of devices' with no word of the timer.
 */
function entraTimerNote(entra: Summary, hybrid: Summary): string {
  const f = entra.topFailure;
  if (!f || f.code !== 'ESP_TIMEOUT' || f.phase !== 'deviceSetup' || entra.successRate >= hybrid.successRate) return '';
  return ` ${upperFirst(HYBRID_TIMER_TEXT)}, which these apps outlast: to weigh Entra join with the time hybrid had, raise esp.timeoutMinutes by ${HYBRID_ESP_EXTRA_MINUTES} (or take apps out of the ESP).`;
}

export async function recommend(fleet: Fleet, options: RecommendOptions = {}): Promise<Recommendation> {
  return (await recommendWithReports(fleet, options)).recommendation;
}

/**
 * The recommendation and the fleet report of every ranked scenario (for --html); with `plan`, also the report of the
 * whole fleet deployed as the answer says (a split, or each group on its own answer), where that is not one scenario's
 * (one run more): --html drew the winner's report above a split, and wrote nothing when the groups' plan was the answer.
 */
export async function recommendWithReports(
  fleet: Fleet,
  options: RecommendOptions = {},
  extra: { plan?: boolean } = {},
): Promise<{ recommendation: Recommendation; reports: Partial<Record<Scenario, FleetReport>>; plan: FleetReport | null }> {
  const { recommendation, reports, plan } = await answer(fleet, options, null, extra.plan ?? false);
  return { recommendation, reports, plan };
}

/**
 * How a group's own answer deploys its devices, to simulate the groups' plan whole: its variations set apart (kept in
 * their group, as the fleet draws them), each with its environment in `variationEnvironments` (in the same order), the
 * rest of the group with `rest`.
 */
interface Deployment {
  variations: Variation[];
  variationEnvironments: EnvironmentInput[];
  rest: EnvironmentInput;
}

/**
 * One group's devices, picked out of the whole fleet: its facts are measured on its own devices (`devices` of them), and
 * each scenario is weighed with the whole fleet running (devices, seed, rollout), the group on that scenario and the
 * other groups as the file deploys them, counting the group's devices only: their load on the site links and the
 * connector stays (simulated alone, a group that shares a saturated link was told it had it to itself).
 */
interface Within {
  group: number;
  devices: number;
  /**
   * A kiosk goal stated in the file (goals.sharedOrKiosk: "shared or kiosk devices") holds for this group: where the file
   * makes some of its devices kiosks (a self-deploying or kiosk profile), it names those groups, not the office laptops
   * beside them (they were weighed as kiosks: device preparation excluded, self-deploying favoured); where it makes none,
   * every group but one whose devices have a user assigned.
   */
  kioskGoal: boolean;
}

/** A fleet whose groups each get an environment merged last (over the group's and each of its variations'), or keep their own. */
/** A variation's devices and the environment a plan gives them. */
interface VariationEnvironment {
  variation: Variation;
  environment: EnvironmentInput;
}

/** Entra join for the devices that draw these variations. */
const entraFor = (variations: Variation[]): VariationEnvironment[] => variations.map((variation) => ({ variation, environment: ENTRA }));

/**
 * The fleet with each variation's environment merged last over its options' (over what a plan gave its group), so its
 * devices are drawn as the fleet draws them; `parentOf` names the fleet's group a group of `on` comes from (a variation
 * set apart as a group of its own comes from its group).
 */
function withVariationEnvironments(on: Fleet, entries: VariationEnvironment[], parentOf: (group: number) => number): Fleet {
  if (!entries.length) return on;
  return {
    ...on,
    groups: on.groups.map((g, i) => {
      const mine = entries.filter(({ variation: v }) => v.group === parentOf(i) && g.vary[v.dimension]);
      if (!mine.length) return g;
      const vary = { ...g.vary };
      for (const { variation: v, environment } of mine) vary[v.dimension] = vary[v.dimension]!.map((o, k) => (v.options.includes(k) ? { ...o, environment: merge(o.environment, environment) } : o));
      return { ...g, vary };
    }),
  };
}

/**
 * The variations the answers of a split's parts set apart (by their group in `setApart.fleet`), on the whole fleet as
 * drawn (`kept`): a group's own keep their indices; one of a variation made a group goes back into the variation's group,
 * its options by the file's indices there (setApart.origins), where it is on the dimension set apart. One on another
 * dimension of a variation made a group holds only the devices that draw both, which no variation of the file names: it
 * is kept as a joint variation of that group (`joint`: the outer variation's options and its own, by the file's
 * indices), which the plan merges over both (it was deployed on the outer variation's main answer, 83 devices where the
 * answer's deploy list counted 81, drawn anew). `leftOut`: one whose options the origins do not give, with the variation
 * it is inside; the answer's notes say the plan deploys it on that variation's main answer.
 */
function nestedOnWhole(
  nested: VariationEnvironment[],
  setApart: { fleet: Fleet; origins?: OptionOrigins[] },
  variationsApart: Variation[],
): { kept: VariationEnvironment[]; joint: Array<VariationEnvironment & { inside: number; file: Variation }>; leftOut: Array<VariationEnvironment & { inside: number }> } {
  const groups = setApart.fleet.groups.length - variationsApart.length;
  const kept: VariationEnvironment[] = [];
  const joint: Array<VariationEnvironment & { inside: number; file: Variation }> = [];
  const leftOut: Array<VariationEnvironment & { inside: number }> = [];
  for (const { variation: v, environment } of nested) {
    if (v.group < groups) {
      kept.push({ variation: v, environment });
      continue;
    }
    const apart = variationsApart[v.group - groups]!;
    const origins = setApart.origins?.[v.group]?.[v.dimension];
    const file = origins ? { ...v, group: apart.group, options: v.options.map((k) => origins[k]!) } : null;
    if (!file) leftOut.push({ variation: v, environment, inside: v.group - groups });
    else if (v.dimension === apart.dimension) kept.push({ variation: file, environment });
    else joint.push({ variation: v, environment, inside: v.group - groups, file });
  }
  return { kept, joint, leftOut };
}

/** The fleet with each joint entry kept on its group (the outer variation's options and the inner one's): see nestedOnWhole. */
function withJoint(on: Fleet, joint: Array<{ inside: Variation; file: Variation; environment: EnvironmentInput }>): Fleet {
  if (!joint.length) return on;
  return {
    ...on,
    groups: on.groups.map((g, i) => {
      const mine = joint.filter((j) => j.file.group === i);
      if (!mine.length) return g;
      const planned: PlannedGroup = { ...g, joint: [...((g as PlannedGroup).joint ?? []), ...mine.map((j) => ({ when: [{ dimension: j.inside.dimension, options: j.inside.options }, { dimension: j.file.dimension, options: j.file.options }], environment: j.environment }))] };
      return planned;
    }),
  };
}

/** The devices of the plan in a group that draw one of `inside`'s options and one of `nested`'s (file indices). */
function drawingBoth(plan: Plan, inside: Variation, nested: Variation): number {
  let devices = 0;
  for (let i = 0; i < plan.devices; i++) {
    const outer = plan.drawnOption(i, inside.dimension);
    if (outer.group !== inside.group || !inside.options.includes(outer.option)) continue;
    if (nested.options.includes(plan.drawnOption(i, nested.dimension).option)) devices++;
  }
  return devices;
}

/**
 * The note for a variation inside a variation set apart that the plan cannot keep apart (nestedOnWhole's leftOut): its
 * devices go on the outer variation's main answer in the plan, where the answer's sentence deploys them on their own
 * answer, and the plan's figures (--html, the hybrid join's plan on the answer) count them so.
 */
function leftOutNote(devices: number, inside: Variation, nested: Variation, ownScenario: string, planScenario: string): string {
  return `The plan (--html's figures, and the hybrid join's plan on the answer) deploys "${nested.name}" (${devicesText(devices)} in the plan) on ${planScenario}, the main answer of "${inside.name}", not on ${ownScenario} as the answer says: a variation inside a variation set apart is not kept apart in the plan, so its figures count those devices on ${planScenario}.`;
}

function withGroupEnvironments(fleet: Fleet, environmentOf: (group: number) => EnvironmentInput | null): Fleet {
  return {
    ...fleet,
    groups: fleet.groups.map((g, i) => {
      const o = environmentOf(i);
      if (!o) return g;
      const vary = Object.fromEntries(Object.entries(g.vary).map(([dim, vs]) => [dim, vs.map((v) => ({ ...v, environment: merge(v.environment, o) }))]));
      return { ...g, environment: merge(g.environment, o), vary };
    }),
  };
}

/**
 * The groups a stated kiosk goal (goals.sharedOrKiosk, "shared or kiosk devices") holds for, by index: where the file
 * makes some devices kiosks (a self-deploying or kiosk profile), the groups half of whose devices it makes so; where it
 * makes none, every group but one half of whose devices have a user assigned (staff laptops beside shared carts). Each
 * group's own answer and the whole fleet's read the goal so.
 */
function kioskGoalOf(fleet: Fleet, m: FleetMeasures, measure: (pred: (e: Environment, group: number) => boolean) => { share: number }): boolean[] {
  return fleet.groups.map((_, g) => {
    const devices = measure((__, gi) => gi === g).share;
    if (devices === 0) return false;
    return m.kioskProfile.devices === 0 ? measure((e, gi) => gi === g && e.profile.assignedUser !== null).share / devices < 0.5 : measure((e, gi) => gi === g && isKioskProfile(e)).share / devices >= 0.5;
  });
}

async function answer(
  whole: Fleet,
  options: RecommendOptions,
  within: Within | null,
  wantPlan = false,
): Promise<{ recommendation: Recommendation; reports: Partial<Record<Scenario, FleetReport>>; deployment: Deployment | null; plan: FleetReport | null }> {
  const threshold = options.threshold ?? EXCLUDE_SHARE;
  // What the rules read: the group's own devices, or the whole fleet's.
  const fleet: Fleet = within ? { ...whole, groups: [whole.groups[within.group]!], goals: { ...whole.goals, sharedOrKiosk: whole.goals.sharedOrKiosk && within.kioskGoal } } : whole;
  const goals = fleet.goals;
  const devicesOption = within ? within.devices : options.devices;
  const { plan, measure, facts, m } = measureFleet(fleet, { ...(devicesOption ? { devices: devicesOption } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  // What is simulated: the whole fleet, its devices and seed.
  const wholePlan = within ? { devices: options.devices ?? plan.devices, seed: plan.seed } : plan;
  const kioskFromProfile = !goals.sharedOrKiosk && m.kioskProfile.share >= 0.5;
  // A stated kiosk goal holds for the groups it names by the file's own words (kioskGoalOf), as each group's answer reads
  // it: beside 300 kiosks, 700 office laptops were weighed as kiosks too (device preparation excluded for every device,
  // self-deploying favoured) and told to self-deploy. Where it holds for some groups only, those groups are its devices
  // (device preparation excluded for them) and the fleet is weighed as kiosks where they are half of it or more, as a
  // kiosk profile is read. Where it holds for none (every group has a user assigned), it holds for every device, as stated.
  const goalOf = goals.sharedOrKiosk && !within && fleet.groups.length > 1 ? kioskGoalOf(fleet, m, measure) : null;
  const goalGroups = goalOf && goalOf.some(Boolean) && !goalOf.every((x, g) => x || measure((_, gi) => gi === g).share === 0) ? goalOf : null;
  const goalKiosks = goalGroups ? measure((_, g) => goalGroups[g]!) : null;
  const kiosk = goalKiosks ? goalKiosks.share >= 0.5 : goals.sharedOrKiosk || kioskFromProfile;
  const { exclusions, warnings, warningsOfExcluded, excluded, groupsOf, variationsOf, notes, hybridRequired, joinExclusion } = applyRules(m, facts, goals, kiosk, threshold, goalKiosks);
  const unreachable = m.unreachable;
  const order = (s: Scenario) => SCENARIOS.indexOf(s);

  // Simulate what is left, on the same devices.
  const candidates = SCENARIOS.filter((s) => !excluded.has(s));
  const override = (s: Scenario): EnvironmentInput => {
    const base = joinExclusion?.entraForAll ? merge(scenarioOverride(s), ENTRA) : scenarioOverride(s);
    // The JSON an existing-devices task sequence drops follows the join the fleet asks for.
    return s === 'existing-devices' && hybridRequired ? merge(base, { existingDevices: { jsonProfile: { joinType: 'hybrid' } } }) : base;
  };
  const wantsAlternative = hybridRequired && (goals.preferEntraJoin || unreachable.devices > 0);
  // A scenario the goals favour, excluded only because of whole groups: deployed apart, those groups may open it for the rest.
  // Device preparation last: its exclusion for a group of old builds says "deploy that group on its own and device-preparation
  // stays open for the rest", which was never weighed (the whole fleet was told to use existing devices at 45%).
  // Each such scenario is weighed, the ones the goals favour first, then the rest: only the first was, so beside 600 desktops
  // to reimage, 300 staff laptops in use were told to be pre-provisioned (41% success) where Reset, their own answer, gives 94%.
  const preference: Scenario[] = kiosk ? ['self-deploying', 'pre-provisioned'] : goals.leastEndUserTime ? ['pre-provisioned', 'self-deploying', 'device-preparation'] : ['self-deploying', 'pre-provisioned', 'user-driven', 'existing-devices', 'device-preparation'];
  const splitsFor = [...preference, ...SCENARIOS.filter((sc) => !preference.includes(sc))]
    .map((sc) => ({ scenario: sc, ex: exclusions.filter((e) => e.scenario === sc) }))
    .filter(({ ex }) => ex.length > 0 && ex.every((e) => groupsOf.has(e) || variationsOf.has(e)));
  /** The groups that hold some exclusions' devices, and the variations where no whole group does. */
  const apartOf = (ex: Exclusion[]) => {
    const groups = new Set(ex.flatMap((e) => groupsOf.get(e) ?? []));
    // A variation inside a group (its kiosks with a TPM in 1.2 mode), where no whole group holds the devices: set apart as
    // a group of its own; one per group and dimension (the options of two exclusions together), none of a group set apart whole.
    const variations: Variation[] = [];
    for (const v of ex.flatMap((e) => variationsOf.get(e) ?? [])) {
      if (groups.has(v.group)) continue;
      const same = variations.find((x) => x.group === v.group && x.dimension === v.dimension);
      if (!same) variations.push({ ...v, options: [...v.options], ...(v.said ? { said: [...v.said] } : {}) });
      else
        for (const [i, k] of v.options.entries()) {
          if (same.options.includes(k)) continue;
          same.options.push(k);
          // Named after every option it holds: the VM kiosks and the TPM 1.2 ones together were named after the VMs alone.
          if (!same.said || !v.said) continue;
          const group = same.name.slice(0, same.name.length - same.said.join(' or ').length);
          same.said.push(v.said[i]!);
          same.name = `${group}${same.said.join(' or ')}`;
        }
    }
    return { groups, variations };
  };
  /** The fleet with these groups and variations set apart (a variation made a group of its own, after the others). */
  const setApartOf = (groups: Set<number>, vs: Variation[]): { fleet: Fleet; apart: number[]; origins?: OptionOrigins[] } | null => {
    if (!vs.length) return groups.size ? { fleet: whole, apart: [...groups] } : null;
    const r = withVariationsApart(whole, vs, planFleet(whole, wholePlan));
    // A group's own answer weighs one group (index 0 of its fleet): only its variations are set apart.
    return r ? { fleet: r.fleet, apart: [...(within ? [] : groups), ...r.apart], origins: r.origins } : null;
  };
  // With nothing left for the whole fleet and several groups, each group's own answer is the plan (below): a split would
  // leave the groups set apart with no scenario and put the rest on the first the goals favour, unweighed against any.
  const perGroupPlan = candidates.length === 0 && !within && fleet.groups.length > 1;
  const splits = perGroupPlan
    ? []
    : splitsFor.flatMap(({ scenario }) => {
        const { groups: apart, variations } = apartOf(exclusions.filter((e) => e.scenario === scenario));
        // The fleet the split is weighed on: the whole fleet, or with those variations made groups (in a group's own
        // answer, its index in the whole fleet), and the groups set apart in it.
        const variationsApart = variations.map((v) => (within ? { ...v, group: within.group } : v));
        const setApart = setApartOf(apart, variationsApart);
        const restShare = apart.size && !variations.length ? measure((_, g) => !apart.has(g)).share : 1;
        if (!setApart || (!variations.length && apart.size >= fleet.groups.length) || restShare <= 0) return [];
        // The devices a split of whole groups weighs are kiosks by their own profile (half or more of them), as a group's
        // own answer reads them: 200 ward kiosks beside 800 hybrid workstations were weighed as single-user devices
        // (self-deploying 10 points down), so the split that gives them self-deploying lost to user-driven while their own
        // answer was self-deploying.
        // And the other way: beside 1,600 tills the file's kiosk goal names, 400 manager laptops left once the tills are set
        // apart were weighed as kiosks too (the fleet's 80% of kiosks), so self-deploying, 10 points up, beat device
        // preparation there while their own answer was device preparation. Whole groups set apart: the rest are kiosks
        // where half of them or more are, by the goal's groups or, without them, the goal or their own profile.
        const restKiosk = (test: (e: Parameters<typeof isKioskProfile>[0], g: number) => boolean) => measure((e, g) => !apart.has(g) && test(e, g)).share >= 0.5 * restShare;
        const splitKiosk = apart.size > 0 && !variations.length ? (goalGroups ? restKiosk((_, g) => goalGroups[g]!) : goals.sharedOrKiosk || restKiosk((e) => isKioskProfile(e))) : kiosk;
        // Weighed on the fleet as drawn (the variations kept in their groups), its groups apart as in the whole fleet: none
        // in a group's own answer (its fleet's group 0 is the group itself).
        return [{ scenario, apart, apartGroups: within ? new Set<number>() : apart, variationsApart, setApart, splitKiosk }];
      });
  const doSplit = splits.length > 0;
  // A warned split (below) is one run more, where the winner turns out to be warned about devices held apart.
  const mayWeighWarned = !within && warnings.some((w) => groupsOf.has(w) || variationsOf.has(w));
  // The hybrid join exclusion says "Join them to Entra; the rest can stay hybrid": where sites or whole groups hold those
  // devices, that plan is simulated (one run more), so the figures printed beside the advice are the advice's own.
  // Where neither does, the variations of groups that hold them (a fifth of the laptops, remote, at every site).
  const joinSplitAt: { groups?: number[]; sites?: string[]; variations?: Variation[] } | null =
    !within && joinExclusion && !joinExclusion.entraForAll && wantsAlternative
      ? unreachable.groupIndices.length
        ? { groups: unreachable.groupIndices }
        : unreachable.sites?.length
          ? { sites: unreachable.sites }
          : unreachable.variations?.length
            ? { variations: unreachable.variations }
            : null
      : null;
  if (!within && joinExclusion && !joinExclusion.entraForAll && !joinSplitAt) {
    notes.push(`The plan the hybrid join exclusion advises (Entra join for the ${pct(unreachable.share)} of devices without a domain controller or pre-logon VPN, hybrid for the rest) was not simulated: no site, group or variation of a group holds those devices. The figures below are for the whole fleet hybrid, and the Entra alternative's for the whole fleet on Entra join.`);
  }
  const runsPlanned = candidates.length + (wantsAlternative ? 1 : 0) + (joinSplitAt ? 1 + (doSplit || mayWeighWarned ? 2 : 0) : 0) + (doSplit ? 2 * splits.length + (wantPlan ? 1 : 0) : 0) + (mayWeighWarned ? 1 : 0);
  let executor = options.executor ?? inThread;
  let own = false;
  if (!options.executor && (options.workers ?? 1) > 1) {
    const { WorkerPool } = await import('../fleet/pool.ts');
    executor = await WorkerPool.create(options.workers!);
    own = true;
  }
  const reports: Partial<Record<Scenario, FleetReport>> = {};
  let k = 0;
  /** Device runs in one fleet run, as its progress says: the unit of the progress recommend reports. */
  let perRun = 0;
  /** The progress last reported: the groups' own answers report it again as they run, so a caller's check still runs. */
  let reported: [number, number] | null = null;
  const progress = (done: number, total: number) => {
    reported = [done, total];
    options.onProgress?.(done, total);
  };
  /**
   * The onProgress of an answer run inside this one (a group's own, or the devices a split sets apart): each of its runs
   * reports the progress again where it stood (or, with no run ranked before, its own). The caller's onProgress is where
   * an AbortSignal is heard (src/index.ts), and those runs made no call, so an abort waited for every group's answer.
   */
  const nestedProgress = (): ((done: number, total: number) => void) => {
    const again = reported as [number, number] | null;
    return again ? () => options.onProgress?.(...again) : (options.onProgress ?? (() => {}));
  };
  /**
   * The devices a split sets apart, each group (or variation made a group) answered on its own, weighed beside the rest
   * deployed on the split's scenario (same devices, seed and rollout): they were given the whole fleet's winner, so beside
   * 800 kiosks split onto self-deploying, 200 back-office laptops whose own answer is device preparation got user-driven.
   * Where nothing fits a group on its own, it keeps the winner.
   */
  const apartAnswers = async (setApart: { fleet: Fleet; apart: number[] }, restEnvironment: EnvironmentInput, fallback: Scenario) => {
    const onRest = withGroupEnvironments(setApart.fleet, (g) => (setApart.apart.includes(g) ? null : restEnvironment));
    const sizes = drawnSizes(onRest, planFleet(onRest, wholePlan));
    const measured = measureFleet(onRest, wholePlan);
    const kioskGoals = kioskGoalOf(onRest, measured.m, measured.measure);
    const out: Array<{ group: string; index: number; scenario: Scenario; devices: number; summary: Summary | null; environment: EnvironmentInput }> = [];
    /** The variations a group's own answer sets apart, each with its scenario's environment (by its group's index in setApart.fleet). */
    const nested: VariationEnvironment[] = [];
    for (const g of setApart.apart) {
      const own = await answer(onRest, { ...options, devices: wholePlan.devices, seed: wholePlan.seed, onProgress: nestedProgress() }, { group: g, devices: Math.max(1, sizes[g]!), kioskGoal: kioskGoals[g]! });
      const r = own.recommendation;
      const deploy = r.recommendation.deploy;
      // A group whose own answer is a split itself (kiosks with a variation set apart on user-driven, self-deploying for
      // the rest): each part on its answer, as that group's answer gives it. Its winner alone put 380 kiosks on
      // user-driven. The plan run keeps the variation inside its group, drawn as the fleet draws it, its options on the
      // variation's own answer over the group's main one (own.deployment): it ran them on the main one, so laptops with a
      // TPM 1.2 told to use user-driven failed pre-provisioned's attestation in the plan's figures.
      // A part set apart in that answer has its figures there (its own answer's, beside the rest): the sentence named it
      // with none ('user-driven for "Classroom carts with hardware.tpm 1.2"' and nothing after).
      const ownFigures = (main: Split, d: { scenario: Scenario; groups: string[] }) => {
        const name = d.groups.join(', ');
        return main.asDeployed?.moved.find((a) => a.group === name && a.scenario === d.scenario)?.summary ?? main.apartAnswers?.find((a) => a.group === name && a.scenario === d.scenario)?.summary ?? null;
      };
      const parts = r.split?.better || r.warnedSplit?.better ? deploy.filter((d): d is typeof d & { scenario: Scenario } => d.scenario !== null) : [];
      if (parts.length > 1) {
        const main = r.split?.better ? r.split : null;
        own.deployment?.variations.forEach((variation, k) => nested.push({ variation, environment: own.deployment!.variationEnvironments[k]! }));
        for (const d of parts)
          out.push({ group: d.groups.join(', '), index: g, scenario: d.scenario, devices: d.devices, summary: !main ? null : d.scenario === main.scenario ? main.summary : ownFigures(main, d), environment: own.deployment?.rest ?? override(d.scenario) });
        continue;
      }
      const scenario = r.recommendation.scenario ?? fallback;
      out.push({ group: onRest.groups[g]!.name, index: g, scenario, devices: sizes[g]!, summary: r.ranking.find((x) => x.scenario === scenario)?.summary ?? null, environment: override(scenario) });
    }
    return { answers: out, nested };
  };
  /**
   * The whole fleet with `environment` set last (over a group's or site's own) for the devices weighed, counting them
   * only: every device of the fleet, or of the group `within` names, runs the scenario being weighed. `apart` (a split,
   * on its fleet): these groups are deployed with its environment instead and not counted, but still load what the
   * fleet shares; the groups `within` does not name keep the file's.
   */
  const simulate = async (environment: EnvironmentInput, apart?: { groups: Set<number>; variations: Variation[]; environment: EnvironmentInput }) => {
    const counted = within ? [within.group] : apart ? whole.groups.map((_, g) => g).filter((g) => !apart.groups.has(g)) : null;
    const grouped = apart || within ? withGroupEnvironments(whole, (g) => (apart?.groups.has(g) ? apart.environment : !within || g === within.group ? environment : null)) : whole;
    // The variations apart kept in their groups, drawn as the fleet draws them, their options on the environment apart.
    const on = apart ? withVariationEnvironments(grouped, apart.variations.map((variation) => ({ variation, environment: apart.environment })), (g) => g) : grouped;
    const notCounted = apart?.variations.length ? { notCounted: apart.variations } : {};
    const run = await executeFleet(on, { devices: wholePlan.devices, seed: wholePlan.seed, ...(within || apart ? {} : { override: environment }), ...(counted ? { onlyGroups: counted } : {}), ...notCounted }, executor, {
      onProgress: (done, total) => progress(k * (perRun = total) + done, total * runsPlanned),
    });
    k++;
    return buildReport(run);
  };
  /**
   * The whole fleet (or a split's), each group with the environment the plan gives it (and `bySite` at its sites), every
   * device counted; `last` edits the fleet so made (Entra join for some variations, over what the plan gives their group).
   */
  const simulatePlan = async (on: Fleet, environmentOf: (group: number) => EnvironmentInput | null, exec: Executor, bySite?: { sites: string[]; environment: EnvironmentInput }, last: (f: Fleet) => Fleet = (f) => f) => {
    const run = await executeFleet(last(withGroupEnvironments(on, environmentOf)), { devices: wholePlan.devices, seed: wholePlan.seed, ...(bySite ? { siteOverride: bySite } : {}) }, exec, {
      onProgress: (done, total) => progress(k * (perRun = total) + done, total * runsPlanned),
    });
    k++;
    return buildReport(run);
  };
  /**
   * simulatePlan after the ranking's runs (the groups' own answers known): in this thread or the caller's executor (a pool
   * of this answer's own is closed by then), the progress reported again where it stood, and `counted` the groups counted.
   */
  const simulateAfter = async (on: Fleet, environmentOf: (group: number) => EnvironmentInput | null, _exec: Executor, bySite?: { sites: string[]; environment: EnvironmentInput }, last: (f: Fleet) => Fleet = (f) => f, counted?: number[], notCounted?: Variation[]) => {
    const again = reported as [number, number] | null;
    const run = await executeFleet(last(withGroupEnvironments(on, environmentOf)), { devices: wholePlan.devices, seed: wholePlan.seed, ...(bySite ? { siteOverride: bySite } : {}), ...(counted ? { onlyGroups: counted } : {}), ...(counted && notCounted?.length ? { notCounted } : {}) }, options.executor ?? inThread, {
      onProgress: () => (again ? options.onProgress?.(...again) : undefined),
    });
    return buildReport(run);
  };
  let deployment: Deployment | null = null;
  let planReport: FleetReport | null = null;
  const { groups: groupsAt, sites: sitesAt, variations: variationsAt } = joinSplitAt ?? {};
  /** The join's plan (Entra join at those sites, or for those groups or variations) on a plan of scenarios, against it all hybrid. */
  const weighJoin = async (ap: NonNullable<typeof answerPlan>, runPlan: typeof simulatePlan, exec: Executor): Promise<NonNullable<JoinSplit['onAnswer']>> => {
    const { on, environmentOf, last } = ap;
    const asAnswered = ap.asAnswered ?? (await runPlan(on, environmentOf, exec, undefined, last));
    // The plan is on the whole fleet as drawn (its variations kept in their groups): Entra join last, over what the plan
    // gives a group and each of its variations, so a variation deployed apart in a group joined to Entra is joined too.
    const joined = groupsAt
      ? await runPlan(on, environmentOf, exec, undefined, (f) => withGroupEnvironments(last(f), (g) => (groupsAt.includes(g) ? ENTRA : null)))
      : sitesAt
        ? await runPlan(on, environmentOf, exec, { sites: sitesAt, environment: ENTRA }, last)
        : await runPlan(on, environmentOf, exec, undefined, (f) => withVariationEnvironments(last(f), entraFor(variationsAt!), (g) => g));
    return { summary: summarise(joined), asAnswered: summarise(asAnswered) };
  };

  let ranking: Ranked[] = [];
  let entraAlternative: Recommendation['entraAlternative'] = null;
  let joinSplit: JoinSplit | null = null;
  let split: Recommendation['split'] = null;
  let warnedSplit: WarnedSplit | null = null;
  /**
   * The answer's deployment where it is a split of scenarios: the whole fleet as drawn, each group's environment, the
   * groups apart, the variations apart (kept in their groups, their environments merged by `last`), its run if made.
   */
  let answerPlan: { on: Fleet; apart: number[]; environmentOf: (group: number) => EnvironmentInput; variations: Variation[]; asAnswered: FleetReport | null; last: (f: Fleet) => Fleet } | null = null;
  const weights = goals.weights;
  const adjustments = (sc: Scenario) => adjustmentsFor(sc, kiosk, weights);
  try {
    const scored = [] as Array<Omit<Ranked, 'rank' | 'why'>>;
    for (const s of candidates) {
      const report = await simulate(override(s));
      reports[s] = report;
      const summary = summarise(report);
      const adj = adjustments(s);
      scored.push({ scenario: s, summary, score: score(summary, goals.leastEndUserTime, adj, weights), adjustments: adj });
    }
    scored.sort((a, b) => b.score - a.score || order(a.scenario) - order(b.scenario));
    ranking = scored.map((x, i) => ({ ...x, rank: i + 1, why: '' }));
    for (const r of ranking) r.why = whyOf(r, ranking, goals.leastEndUserTime, weights);

    const winner = ranking[0];
    if (wantsAlternative && winner && winner.scenario !== 'self-deploying' && winner.scenario !== 'reset') {
      const alt = await simulate(merge(override(winner.scenario), ENTRA));
      const summary = summarise(alt);
      const d = summary.successRate - winner.summary.successRate;
      entraAlternative = {
        scenario: winner.scenario,
        summary,
        sentence: `With Entra join instead of hybrid, ${winner.scenario} succeeds for ${pct(summary.successRate)} of devices (${d >= 0 ? '+' : '−'}${(Math.abs(d) * 100).toFixed(1)} points against hybrid), ${
          summary.p50EndUser === null ? wordsOf(summary).none : `${mins(summary.p50EndUser)} for the user (vs ${mins(winner.summary.p50EndUser)} hybrid)${goals.leastEndUserTime ? '' : `, ${mins(summary.p50Total)} in all`}`
        }${failureText(summary)}.${entraTimerNote(summary, winner.summary)}`,
      };
      if (joinSplitAt) {
        const hybridEnvironment = override(winner.scenario);
        const entraEnvironment = merge(hybridEnvironment, ENTRA);
        const { groups: groupsAt, sites: sitesAt, variations: variationsAt } = joinSplitAt;
        const report = groupsAt
          ? await simulatePlan(whole, (g) => (groupsAt.includes(g) ? entraEnvironment : hybridEnvironment), executor)
          : sitesAt
            ? await simulatePlan(whole, () => hybridEnvironment, executor, { sites: sitesAt, environment: ENTRA })
            : await simulatePlan(whole, () => hybridEnvironment, executor, undefined, (f) => withVariationEnvironments(f, entraFor(variationsAt!), (g) => g));
        const split = summarise(report);
        const named = groupsAt ? groupsAt.map((g) => whole.groups[g]!.name) : (sitesAt ?? variationsAt!.map((v) => v.name));
        const entraAt = groupsAt ? { groups: named } : sitesAt ? { sites: named } : { variations: named };
        // The devices the plan changes, as the fleet draws them: those at those sites, of those groups or that draw those
        // variations that the file joins hybrid. Entra-joined devices beside them keep their join ("4,019 devices at Shop
        // 1–9" counted 3,000 self-deploying kiosks, Entra joined already, beside the 1,019 hybrid laptops the plan changes).
        const drawn = (i: number, v: Variation) => {
          const d = plan.drawnOption(i, v.dimension);
          return d.group === v.group && v.options.includes(d.option);
        };
        const siteIndices = new Set((sitesAt ?? []).map((n) => whole.sites.findIndex((s) => s.name === n)));
        let entraDevices = 0;
        let hybridDevices = 0;
        for (let i = 0; i < plan.devices; i++) {
          const d = plan.device(i);
          if (d.env.profile.joinType !== 'hybrid') continue;
          hybridDevices++;
          if (groupsAt ? groupsAt.includes(d.group) : sitesAt ? siteIndices.has(d.site) : variationsAt!.some((v) => drawn(i, v))) entraDevices++;
        }
        const entraAlready = report.devices - hybridDevices;
        joinSplit = {
          scenario: winner.scenario,
          entraAt,
          entraDevices,
          summary: split,
          allHybrid: winner.summary,
          allEntra: summary,
          beforeScenarioSplit: false,
          onAnswer: null,
          sentence: `As the hybrid join exclusion advises, Entra join for the ${devicesText(entraDevices)} ${'sites' in entraAt ? 'at' : 'of'} ${named.map((n) => `"${n}"`).join(', ')} and hybrid for the other ${count(hybridDevices - entraDevices)}${entraAlready > 0 ? ` (the ${count(entraAlready)} Entra-joined already keep their join)` : ''}: ${winner.scenario} succeeds for ${pct(split.successRate)} of devices${forUser(split)} (${pointsBetween(split, winner.summary)} against all hybrid, ${pct(winner.summary.successRate)}${forUser(winner.summary)}; ${pointsBetween(split, summary)} against all Entra, ${pct(summary.successRate)}${forUser(summary)})${failureAndLoadText(split)}.`,
        };
      }
    }

    // Each split weighed: the other groups on the scenario it opens, the groups apart on the one the fleet gets, as
    // deployed (both load what the fleet shares), the other groups' devices counted, against the same on the winner
    // (run once for each set of devices apart). The answer is the one that does best against the winner; where none does
    // better, the one that comes closest is shown, and each other one weighed in a clause after it (split.others): a mixed
    // TPM estate's exclusions said both "self-deploying stays open for the rest" and "pre-provisioned stays open for the
    // rest", and only the self-deploying split, the first weighed, was shown.
    const winnerEnvironment = winner ? override(winner.scenario) : {};
    const againstOf = new Map<string, Summary>();
    const weighed: Array<{ split: Split; margin: number; option: (typeof splits)[number] }> = [];
    for (const option of splits) {
      const { scenario, setApart, splitKiosk } = option;
      const apartNames = setApart.apart.map((g) => setApart.fleet.groups[g]!.name);
      const names = apartNames.map((g) => `"${g}"`).join(', ');
      // Weighed on the winner's own devices, as the plan written as a file deploys them: each variation kept in its group
      // (its options on the environment apart, its devices not counted). Made a group of its own (withVariationsApart), it
      // drew every device anew (group bounds, site, start), so over a saturated link the split was weighed on other devices.
      const on = { groups: option.apartGroups, variations: option.variationsApart, environment: winnerEnvironment };
      const splitReport = await simulate(override(scenario), on);
      const devices = splitReport.devices;
      const summary = summarise(splitReport);
      const goalsMine = adjustmentsFor(scenario, splitKiosk, weights);
      const mine = score(summary, goals.leastEndUserTime, goalsMine, weights);
      const key = JSON.stringify([setApart.apart, option.variationsApart]);
      let against = againstOf.get(key) ?? null;
      if (winner && !against) againstOf.set(key, (against = summarise(await simulate(winnerEnvironment, on))));
      const goalsTheirs = winner ? adjustmentsFor(winner.scenario, splitKiosk, weights) : [];
      const theirs = winner && against ? score(against, goals.leastEndUserTime, goalsTheirs, weights) : -Infinity;
      const better = mine > theirs;
      const one: Split = {
        apart: apartNames,
        scenario: scenario,
        devices,
        summary,
        score: mine,
        ...(goalsMine.length ? { adjustments: goalsMine } : {}),
        against: winner && against ? { scenario: winner.scenario, summary: against, score: theirs, ...(goalsTheirs.length ? { adjustments: goalsTheirs } : {}) } : null,
        better,
        sentence: better
          ? `Split the rollout: deploy ${names} on ${apartNames.length > 1 ? 'their' : 'its'} own${winner ? ` with ${winner.scenario}` : ''}; for the other ${devicesText(devices)} ${scenario} does better: ${pct(summary.successRate)} success${forUser(summary)}${goalPoints(goalsMine)}${against && winner ? `, against ${pct(against.successRate)}${forUser(against)} with ${winner.scenario}${goalPoints(goalsTheirs)}` : ''}.`
          : `Deploying ${names} apart would open ${scenario} for the other ${devicesText(devices)}, but it does no better there: ${pct(summary.successRate)} success${forUser(summary)}${goalPoints(goalsMine)}${against && winner ? `, against ${pct(against.successRate)}${forUser(against)} with ${winner.scenario}${goalPoints(goalsTheirs)}` : ''}.`,
      };
      weighed.push({ split: one, margin: mine - theirs, option });
    }
    // Sorted stably: among equal margins (no winner to weigh against), the one the goals favour most.
    const chosen = [...weighed].sort((a, b) => b.margin - a.margin)[0];
    if (chosen) {
      split = chosen.split;
      const others = weighed.filter((w) => w !== chosen).map((w) => w.split);
      if (others.length) {
        split.others = others.map(({ sentence: _, better: __, ...o }) => o);
        // None better: each other one after the closest. This one the answer: those it beat, with their scores (they went unsaid).
        if (!split.better) split.sentence += others.map((o) => ` ${otherSplitText(o, split!)}`).join('');
        else split.weighedToo = weighedTooText(split.others, split);
      }
      const { scenario, variationsApart, setApart } = chosen.option;
      if (split.better && winner) {
        const { answers, nested } = await apartAnswers(setApart, override(scenario), winner.scenario);
        split.apartAnswers = answers.map(({ index: _, environment: __, ...a }) => a);
        // Each answered on its own as a group of setApart.fleet, deployed on the whole fleet as drawn: the variations made
        // groups come after the fleet's own groups, in their order, and go back into their groups as variations.
        const environmentOf = new Map(answers.filter((a) => a.index < whole.groups.length).map((a) => [a.index, a.environment]));
        const variationEnvironments = variationsApart.map((_, k) => answers.find((a) => a.index === whole.groups.length + k)!.environment);
        deployment = { variations: variationsApart, variationEnvironments, rest: override(scenario) };
        const onWhole = nestedOnWhole(nested, setApart, variationsApart);
        const joint = onWhole.joint.map((j) => ({ inside: variationsApart[j.inside]!, file: j.file, environment: j.environment }));
        const inPlan = (f: Fleet) => withJoint(withVariationEnvironments(f, [...variationsApart.map((variation, k) => ({ variation, environment: variationEnvironments[k]! })), ...onWhole.kept], (g) => g), joint);
        if (onWhole.leftOut.length || joint.length) {
          const drawn = planFleet(whole, wholePlan);
          for (const n of onWhole.leftOut)
            notes.push(leftOutNote(drawingBoth(drawn, variationsApart[n.inside]!, n.variation), variationsApart[n.inside]!, n.variation, String(n.environment.scenario), String(variationEnvironments[n.inside]!.scenario)));
          // The deploy list counts each part as the plan draws it: the inner variation's devices (those that draw both) and
          // the outer one's main answer the rest of it (they were the counts of the outer variation made a group, drawn anew).
          for (const [k, j] of onWhole.joint.entries()) {
            const both = drawingBoth(drawn, joint[k]!.inside, j.file);
            const index = whole.groups.length + j.inside;
            const inner = split.apartAnswers.find((a) => a.group === j.variation.name);
            const outer = split.apartAnswers.find((a) => a.group === variationsApart[j.inside]!.name);
            const was = answers.find((a) => a.index === index && a.group === j.variation.name)?.devices ?? 0;
            if (inner) inner.devices = both;
            if (outer) outer.devices += was - both;
          }
        }
        const groupEnvironment = (g: number) => environmentOf.get(g) ?? override(scenario);
        if (wantPlan && !within) planReport = await simulatePlan(whole, groupEnvironment, executor, undefined, inPlan);
        answerPlan = { on: whole, apart: [...chosen.option.apartGroups], environmentOf: groupEnvironment, variations: variationsApart, asAnswered: planReport, last: inPlan };
      }
    }
    // The winner is only warned about for some devices (under the threshold), held by whole groups or variations: the answer
    // said 'deploy them with <a scenario no warning touches>' without weighing it, and its plan put them on the winner.
    const warned = winner && !split?.better ? warnings.filter((w) => w.scenario === winner.scenario) : [];
    const clean = ranking.find((x) => x !== winner && !warnings.some((w) => w.scenario === x.scenario));
    if (mayWeighWarned && winner && clean && warned.length && warned.every((w) => groupsOf.has(w) || variationsOf.has(w))) {
      const held = apartOf(warned);
      if (held.variations.length || held.groups.size < fleet.groups.length) {
        const rest = override(winner.scenario);
        const apartEnvironment = override(clean.scenario);
        // Weighed on the winner's own devices (the whole fleet as drawn, each variation's options on their scenario), as the
        // plan is written in a file: the variations were made groups of their own (withVariationsApart), which draws every
        // device anew, so the split was weighed on other devices than the winner's figure beside it (a device preparation
        // estate: 97.7% against 95.0%, where the plan written as a file gives 95.9%).
        const apartGroups = [...held.groups];
        const environmentOf = (g: number) => (held.groups.has(g) ? apartEnvironment : rest);
        const last = (f: Fleet) => withVariationEnvironments(f, held.variations.map((variation) => ({ variation, environment: apartEnvironment })), (g) => g);
        const report = await simulatePlan(whole, environmentOf, executor, undefined, last);
        const summary = summarise(report);
        const mine = score(summary, goals.leastEndUserTime, adjustments(winner.scenario), weights);
        const drawn = planFleet(whole, wholePlan);
        let inVariations = 0;
        for (const v of held.variations)
          for (let i = 0; i < drawn.devices; i++) {
            const d = drawn.drawnOption(i, v.dimension);
            if (d.group === v.group && v.options.includes(d.option)) inVariations++;
          }
        const devices = apartGroups.reduce((a, g) => a + (report.groups[g]?.devices ?? 0), 0) + inVariations;
        warnedSplit = { apart: [...apartGroups.map((g) => whole.groups[g]!.name), ...held.variations.map((v) => v.name)], scenario: clean.scenario, devices, summary, score: mine, better: mine > winner.score && devices > 0 };
        if (warnedSplit.better) {
          deployment = { variations: held.variations, variationEnvironments: held.variations.map(() => apartEnvironment), rest };
          // The run just made is the plan the answer gives, every device counted: --html draws it (it drew the winner's
          // run, with the devices the answer sets apart failing on it, under a title naming the winner alone).
          if (wantPlan) planReport = report;
          answerPlan = { on: whole, apart: apartGroups, environmentOf, variations: held.variations, asAnswered: report, last };
        }
      }
    }
    if (!deployment && winner) deployment = { variations: [], variationEnvironments: [], rest: override(winner.scenario) };
    // The answer is a split of scenarios: the join's plan is weighed on it as well (Entra join at those sites, or for
    // those groups and the variations set apart from them), against it as the answer deploys it. It was weighed with the
    // scenario ranked first for every device alone, beside an answer that deploys some groups on another.
    // The split's plan is on the whole fleet as drawn, so the devices without a DC are those the file's own variations name.
    if (joinSplit && answerPlan) joinSplit.onAnswer = await weighJoin(answerPlan, simulatePlan, executor);
    // A split opens a scenario for the rest: what fails it there under the threshold is a warning of the answer (the
    // carts without a TPM 2.0 among a school's shared carts on self-deploying were not named).
    if (split?.better) warnings.push(...warningsOfExcluded.filter((w) => w.scenario === split!.scenario));
    // A run planned and not needed (the warned split, where the winner is not warned about whole groups): the progress ends
    // at what ran, not short of its total (a bar stood at 83% when the answer came).
    if (k < runsPlanned && perRun > 0) progress(k * perRun, k * perRun);
  } finally {
    if (own) await executor.close();
  }

  // The file's cloud incident failed no device in any scenario weighed (its hours outside the rollout's): one line says so,
  // as run's report does; the answer said nothing, so it read as an incident weathered.
  const quiet = ranking.map((r) => reports[r.scenario]?.warnings.find((w) => w.kind === 'incident-without-effect'));
  if (!within && quiet.length && quiet.every(Boolean)) notes.push(quiet[0]!.text);
  // Device preparation reads no ESP profile: one timer runs over its whole deployment, its policy's. Weighed with the
  // policy's 60 minutes beside a file whose 30-minute ESP timed out nearly every classic device, it was the answer at 100%
  // with no word that the file's limit did not hold for it (at 30 minutes of its own it was not the answer).
  if (ranking.some((r) => r.scenario === 'device-preparation')) {
    const policyMinutes = (e: Environment) => devicePreparationInput(e).timeoutMinutes;
    const longer = (e: Environment) => policyMinutes(e) > e.esp.timeoutMinutes;
    const devices = measure(longer);
    const e = devices.devices > 0 ? spreadSample(plan).find((d) => longer(d.env))?.env : undefined;
    if (e) {
      notes.push(
        `Device preparation does not use the ESP's timeout (esp.timeoutMinutes: ${e.esp.timeoutMinutes}${devices.share < 1 ? `, for ${pct(devices.share)} of devices` : ''}): one timer runs over its whole deployment, its policy's "Minutes allowed before showing installation error", ${policyMinutes(e)} minutes here (devicePreparation.policies[].timeoutMinutes; 60 when unset, an estimate), so its figures are at ${policyMinutes(e)} minutes. Set the policy's minutes (15 to 720) to weigh it under the limit you mean.`,
      );
    }
  }
  // Device preparation is weighed with the devices not registered (src/fleet/scenarios.ts): a registered device with a
  // profile runs classic Autopilot unless it is associated (§7 coexistence). A company moving from classic Autopilot was
  // told to use device preparation for 2,000 devices, 1,600 of them registered in its file, with no word that its
  // figures hold only once they are deregistered or associated: left as they are, classic Autopilot takes them.
  if (ranking.some((r) => r.scenario === 'device-preparation')) {
    const taken = (e: Environment) => e.devicePreparation.mode !== 'automatic' && classicProfileApplies(e);
    const registered = measure(taken);
    if (registered.devices > 0) {
      const sample = spreadSample(plan);
      const groups = fleet.groups.filter((_, g) => sample.some((d) => d.group === g && taken(d.env))).map((g) => `"${g.name}"`);
      notes.push(
        `Device preparation is weighed with the devices not registered: ${pct(registered.share)} of devices (${groups.join(', ')}) are registered for Autopilot with a profile in the file, and a registered device runs classic Autopilot unless it is associated with device preparation (domain §7 coexistence). To deploy them with device preparation, deregister them first or associate them (devicePreparation: { associated: true }); left as they are, classic Autopilot takes them, and they get its figures, not device preparation's.`,
      );
    }
  }
  // A calibrated twin (calibrate's file): its fitted values rest on the flows its exports showed. A flow ranked beside them
  // is the model's for that flow, its steps' defaults (estimates), with the tenant's values carried over; it was ranked as
  // if measured ('device-preparation first' on a twin of user-driven deployments only).
  if (measure((e) => !!e.calibrated).devices > 0) {
    const sample = spreadSample(plan).filter((d) => d.env.calibrated);
    const observed = [...new Set(sample.map((d) => observedFlow(d.env)))];
    const join = (sc: Scenario) => (sc === 'self-deploying' || sc === 'device-preparation' || joinExclusion?.entraForAll ? 'entra' : null);
    const seen = (sc: Scenario, joinType: string | null) => sample.some((d) => d.env.scenario === sc && (joinType ?? d.env.profile.joinType) === d.env.profile.joinType);
    const unseen: string[] = ranking.filter((r) => !seen(r.scenario, join(r.scenario))).map((r) => r.scenario);
    // The Entra-join alternative of a hybrid twin is a flow its exports never showed too: it was left out of the note.
    if (entraAlternative && !seen(entraAlternative.scenario, 'entra')) unseen.push(`${entraAlternative.scenario} with Entra join (the alternative to hybrid)`);
    if (unseen.length) notes.push(`Calibrated twin: its exports show ${observed.join(', ')}. ${unseen.join(', ')} ${unseen.length > 1 ? 'run' : 'runs'} ${CARRIED_OVER}; ${unseen.length > 1 ? 'their' : 'its'} figures are estimates, not the tenant's.`);
  }
  // The split of scenarios decided after the join's plan was run: that plan put every device on the winner.
  const joinBase = joinSplit?.sentence ?? '';
  const joinOnAnswer = (joinSplit: JoinSplit) => {
    joinSplit.beforeScenarioSplit = true;
    const on = joinSplit.onAnswer;
    const those = 'sites' in joinSplit.entraAt ? 'at those sites' : 'groups' in joinSplit.entraAt ? 'for those groups' : 'for those devices';
    joinSplit.sentence = joinBase.replace(
      /\.$/,
      on
        ? `. That is with ${joinSplit.scenario} for every device; on the answer's split of scenarios, Entra join ${those} and hybrid elsewhere succeeds for ${pct(on.summary.successRate)} of devices${forUser(on.summary)} (${pointsBetween(on.summary, on.asAnswered)} against the split all hybrid, ${pct(on.asAnswered.successRate)}${forUser(on.asAnswered)})${failureAndLoadText(on.summary)}.`
        : `. It is weighed with ${joinSplit.scenario} for every device: the split of scenarios the answer gives was not weighed with Entra join ${those}.`,
    );
  };
  if (joinSplit && (split?.better || warnedSplit?.better)) joinOnAnswer(joinSplit);
    const final = finalSentence(fleet, ranking, exclusions, entraAlternative, unreachable, kiosk, split, warnings, threshold, joinExclusion, warnedSplit, joinSplit);
  const groups = fleet.groups.map((g) => g.name);
  const recommendation: Recommendation['recommendation'] = {
    ...final,
    deploy: split?.better
      ? byScenarioOf([
          { scenario: split.scenario, groups: groups.filter((g) => !split!.apart.includes(g)), devices: split.devices },
          // Each set apart on its own answer; with no winner to weigh them against (nothing fits the rest), none was sought.
          ...(split.apartAnswers?.map((a) => ({ scenario: a.scenario, groups: [a.group], devices: a.devices })) ?? [{ scenario: final.scenario, groups: split.apart, devices: plan.devices - split.devices }]),
        ])
      : warnedSplit?.better
        ? [
            { scenario: final.scenario, groups: groups.filter((g) => !warnedSplit!.apart.includes(g)), devices: plan.devices - warnedSplit.devices },
            { scenario: warnedSplit.scenario, groups: warnedSplit.apart, devices: warnedSplit.devices },
          ]
        : [{ scenario: final.scenario, groups, devices: plan.devices }],
  };
  const [first, second] = ranking;
  const tie = tieWithinNoise(ranking);
  const tieText = tie ? ` ${first!.scenario} and ${second!.scenario} are a tie within noise on success (95% intervals ${pct(first!.summary.interval[0])}–${pct(first!.summary.interval[1])} and ${pct(second!.summary.interval[0])}–${pct(second!.summary.interval[1])} overlap): the order between them rests on the time and the goals.` : '';
  recommendation.sentence += tieText;

  // Each group on its own devices, when there are several: a group's own answer can differ from the fleet's.
  const perGroup: Recommendation['perGroup'] = [];
  const deployments = new Map<number, Deployment>();
  /** Each group's own recommendation, by its name. */
  const owned = new Map<string, Recommendation>();
  if (!within && fleet.groups.length > 1) {
    const sizes = drawnSizes(fleet, plan);
    const kioskGoal = kioskGoalOf(fleet, m, measure);
    for (const [g, group] of fleet.groups.entries()) {
      if (sizes[g] === 0) continue;
      // The group's facts from its own devices (its count or weight kept); its figures beside the rest of the fleet. Its
      // devices are those the plan draws for it, as the runs count them: the sample's share of 2,000 scaled up read 601
      // where the group's figures counted 600.
      const own = await answer(fleet, { ...options, devices: plan.devices, seed: plan.seed, onProgress: nestedProgress() }, {
        group: g,
        devices: sizes[g]!,
        kioskGoal: kioskGoal[g]!,
      });
      const fixed = (group.environment as { scenario?: Scenario }).scenario ?? null;
      const r = own.recommendation;
      if (own.deployment) deployments.set(g, own.deployment);
      owned.set(group.name, r);
      const top = r.ranking[0];
      const devices = top?.summary.devices ?? r.devices;
      // A best that fails most devices, or many, says what fails them (ConfigMgr desktops at '0.0% success, – for the user'
      // said nothing of the JSON profile saved as UTF-8 that sent every one to the ordinary OOBE).
      // An Autopilot Reset's figures rest on no site link (its apps are not downloaded) nor the connector: the line says so
      // where its sites have a link, as run's warning does, rather than set the rest of the fleet's saturated links beside
      // them (a school's lab PCs read 'reset, 100.0% success; beside the rest of the fleet, Annex's link is saturated').
      const shared = (s: Summary, scenario: Scenario | null) =>
        `${s.successRate < LOW_SUCCESS ? failureText(s) : ''}${scenario === 'reset' ? resetLinksText(fleet, g, s) : s.saturated.length ? `; beside the rest of the fleet, ${saturatedListText(s.saturated)}` : ''}`;
      const split = r.split?.better ? r.split : null;
      // The scenario the file fixes, beside the answer that replaces it: what it gave ('device-preparation rather than
      // pre-provisioned' said not what pre-provisioned would have), and where it failed most devices, what failed them: a
      // university's lab PCs read 'user-driven, 100.0% success, rather than reset (0.0% success)', not that local reset was
      // never allowed by policy, the one setting between the labs and the scenario the file chose.
      const fixedFigures = (x: Recommendation, s: Scenario) => {
        const f = x.ranking.find((y) => y.scenario === s);
        return f ? ` (${pct(f.summary.successRate)} success${forUser(f.summary)}${f.summary.p50Technician ? `, ${mins(f.summary.p50Technician)} for a technician` : ''}${f.summary.successRate < LOW_SUCCESS ? failureText(f.summary) : ''})` : '';
      };
      const text = split
        ? // A variation of the group set apart (its kiosks whose TPM is in 1.2 mode): the group's answer is that split.
          `${split.summary.successRate < LOW_SUCCESS ? 'no scenario deploys it well; the best is a ' : ''}split: ${split.scenario} for ${devicesText(split.devices)}, ${pct(split.summary.successRate)} success${forUser(split.summary)}${shared(split.summary, split.scenario)}; ${(split.apartAnswers ?? []).map((a) => `${a.scenario} for "${a.group}" (${devicesText(a.devices)})`).join(', ')}`
        : r.recommendation.scenario
          ? // A group's best that fails most of its devices, or many, is no answer to deploy, as the fleet's says of its own.
            // Its own figures first, then the fixed scenario's: 'device-preparation rather than user-driven (100.0% success, 37
            // min for the user), 100.0% success, 33 min for the user' read as two sets of figures for one answer.
            `${top && top.summary.successRate < LOW_SUCCESS ? 'no scenario deploys it well; the best is ' : ''}${r.recommendation.scenario}, ${top ? `${pct(top.summary.successRate)} success${forUser(top.summary)}${shared(top.summary, top.scenario)}` : ''}${fixed && fixed !== r.recommendation.scenario ? `, rather than ${fixed}${fixedFigures(r, fixed)}` : ''}`
          : 'no scenario fits';
      perGroup.push({
        group: group.name,
        devices,
        fixedScenario: fixed,
        scenario: r.recommendation.scenario,
        summary: top?.summary ?? null,
        deploy: r.recommendation.deploy,
        sentence: `${group.name} (${devicesText(devices)}${fixed ? `, the file fixes ${fixed}` : ''}): ${text}${r.tieWithinNoise && !split ? ` (a tie within noise with ${r.ranking[1]!.scenario})` : ''}.`,
      });
    }
  }
  // No scenario fits the whole fleet, yet each group has its own: that is the plan (a mixed estate of devices to
  // reimage, new laptops and Cloud PCs was told that nothing fits, and to put the new laptops on self-deploying).
  const groupPlan = byScenarioOf(perGroup.flatMap((g) => g.deploy));
  const planText = groupPlan.map((d) => `${d.scenario ?? 'none'} for ${d.groups.map((g) => `"${g}"`).join(', ')} (${devicesText(d.devices)})`).join('; ');
  if (perGroupPlan && perGroup.length && perGroup.every((g) => g.deploy.some((d) => d.scenario))) {
    recommendation.deploy = groupPlan;
    recommendation.sentence += ` Deploy each group with its own scenario instead (each group's answer below): ${planText}.`;
    // The plan whole, on the fleet as drawn: each group with its own answer's environment, the variations its answer sets
    // apart kept in their groups with theirs.
    if (wantPlan && deployments.size) {
      const variations = [...deployments.values()].flatMap((d) => d.variations.map((variation, k) => ({ variation, environment: d.variationEnvironments[k]! })));
      planReport = await simulatePlan(whole, (g) => deployments.get(g)?.rest ?? null, options.executor ?? inThread, undefined, (f) => withVariationEnvironments(f, variations, (g) => g));
    }
  } else if (perGroup.length) {
    // The groups' own answers, each weighed beside the rest of the fleet as the file deploys it, can differ from the
    // fleet's: say so where they do, rather than leave one answer above and others below without a word.
    const of = (plan: Recommendation['recommendation']['deploy']) => new Map(plan.flatMap((d) => d.groups.map((g) => [g, d.scenario] as const)));
    const fleetPlan = of(recommendation.deploy);
    const own = of(groupPlan);
    // Where no group's best deploys it well, their answers differ by noise: a logistics firm's drivers' laptops and depot
    // PCs, both at 0.1% or less behind saturated depot links, read 'Group by group the answers differ: device-preparation
    // for "Driver laptops"; user-driven for "Depot office PCs"'.
    const noneWell = perGroup.every((g) => (g.summary?.successRate ?? 0) < LOW_SUCCESS);
    // A group among the split's rest whose own answer is another scenario: the split put it on the rest's scenario with
    // the others. A manufacturer's engineer laptops (single-user) read 'use self-deploying for the 1,136 devices outside
    // "Lab VMs", …' with the shop-floor PCs, while their own answer was device-preparation and self-deploying lost them 10
    // points. They go on their own answer, and the sentence says what the rest's scenario gives them.
    if (split?.better && !noneWell) {
      const sp = split;
      const odd = perGroup.filter((p) => p.scenario && p.scenario !== sp.scenario && !sp.apart.includes(p.group) && !p.deploy.some((d) => d.scenario === sp.scenario));
      const ap = answerPlan;
      const fleetScenario = ranking[0]?.scenario ?? null;
      if (odd.length && ap) {
        // The plan as the answer gives it, measured: those groups on their own answer's environment, the rest of the split
        // on its scenario (and, for the lead's comparison, the same devices on the fleet's), each group moved counted on
        // its own. The lead gave the split as weighed, those groups counted on its scenario, then moved them off it.
        const theirs = new Map(odd.map((p) => [fleet.groups.findIndex((x) => x.name === p.group), p.scenario!] as const));
        const environmentOf = (g: number) => (theirs.has(g) ? (deployments.get(g)?.rest ?? override(theirs.get(g)!)) : ap.environmentOf(g));
        const rest = ap.on.groups.map((_, g) => g).filter((g) => !ap.apart.includes(g) && !theirs.has(g));
        const summary = summarise(await simulateAfter(ap.on, environmentOf, inThread, undefined, ap.last, rest, ap.variations));
        const against = fleetScenario ? summarise(await simulateAfter(ap.on, (g) => (rest.includes(g) ? override(fleetScenario) : environmentOf(g)), inThread, undefined, ap.last, rest, ap.variations)) : null;
        const moved: NonNullable<Split['asDeployed']>['moved'] = [];
        for (const [g, scenario] of theirs) {
          const own = summarise(await simulateAfter(ap.on, environmentOf, inThread, undefined, ap.last, [g], ap.variations));
          moved.push({ group: fleet.groups[g]!.name, scenario, devices: own.devices, summary: own });
        }
        sp.asDeployed = { devices: summary.devices, summary, against, moved };
        // The plan drawn (--html) is the one the answer gives.
        if (planReport) planReport = await simulateAfter(ap.on, environmentOf, inThread, undefined, ap.last);
        // The join's plan, weighed on the answer's split as deployed (it was weighed with those groups on the split's scenario).
        if (joinSplit?.onAnswer) {
          joinSplit.onAnswer = await weighJoin({ ...ap, environmentOf, asAnswered: null }, simulateAfter, inThread);
          joinOnAnswer(joinSplit);
        }
        recommendation.sentence = finalSentence(fleet, ranking, exclusions, entraAlternative, unreachable, kiosk, split, warnings, threshold, joinExclusion, warnedSplit, joinSplit).sentence + tieText;
      }
      for (const p of odd) {
        const r = owned.get(p.group)!;
        const top = r.ranking[0]!;
        const theirs = r.ranking.find((x) => x.scenario === sp.scenario);
        const shorts = [...new Set(r.exclusions.filter((e) => e.scenario === sp.scenario).map((e) => e.short))].join('; ');
        const adjustments = theirs?.adjustments.filter((a) => a.points < 0).map((a) => `−${Math.abs(a.points)} points: ${a.reason}`) ?? [];
        const there = shorts
          ? `${sp.scenario} is excluded for them (${shorts})`
          : theirs
            ? `${sp.scenario} scores ${scoreText(theirs.score)} for them${adjustments.length ? ` (${adjustments.join('; ')})` : ''}, against ${p.scenario}'s ${scoreText(top.score)}`
            : `${sp.scenario} was not weighed for them`;
        const measured = sp.asDeployed?.moved.find((m) => m.group === p.group);
        recommendation.sentence += measured
          ? ` Deploy "${p.group}" (${devicesText(measured.devices)}) on ${p.scenario}, their own answer (below): ${pct(measured.summary.successRate)} success${forUser(measured.summary)}, beside the rest as above; on their own devices ${there}.`
          : ` "${p.group}" (${devicesText(p.devices)}), counted among the ${devicesText(sp.devices)} on ${sp.scenario} above, go on ${p.scenario}, their own answer (below): on their own devices ${there}.`;
      }
      if (odd.length && sp.asDeployed) {
        // How the split was chosen: weighed with those groups on its scenario, the figures split.devices and summary keep.
        recommendation.sentence += ` The split was chosen with ${odd.map((p) => `"${p.group}"`).join(', ')} on ${sp.scenario} (${devicesText(sp.devices)}: ${pct(sp.summary.successRate)} success${forUser(sp.summary)}).`;
      }
      if (odd.length) {
        const moved = new Set(odd.map((p) => p.group));
        recommendation.deploy = byScenarioOf([
          ...recommendation.deploy.map((d) =>
            d.scenario === sp.scenario
              ? { ...d, groups: d.groups.filter((g) => !moved.has(g)), devices: sp.asDeployed?.devices ?? d.devices - odd.filter((p) => d.groups.includes(p.group)).reduce((n, p) => n + p.devices, 0) }
              : d,
          ),
          ...odd.map((p) => ({ scenario: p.scenario, groups: [p.group], devices: sp.asDeployed?.moved.find((m) => m.group === p.group)?.devices ?? p.devices })),
        ]);
        fleetPlan.clear();
        for (const [g, sc] of of(recommendation.deploy)) fleetPlan.set(g, sc);
      }
    }
    if (noneWell) recommendation.sentence += ' Group by group, no scenario deploys any group well either (each group\'s best below).';
    else if ([...own].some(([g, sc]) => fleetPlan.get(g) !== sc)) recommendation.sentence += ` Group by group the answers differ (each group's answer below, weighed beside the rest of the fleet as the file deploys it): ${planText}.`;
  }
  // Pre-provisioned is weighed with the profile allowing it (scenarioOverride): where the answer deploys it and the file's
  // profile does not, say so. Told 'use pre-provisioned: 89.2% success', the file run as written failed every device with
  // 0x80180005 at the technician's Windows key pressed five times (§2.3 T3), and nothing named the setting.
  if (!within && recommendation.deploy.some((d) => d.scenario === 'pre-provisioned')) {
    const off = measure((e) => e.profile.allowPreProvisioning === false);
    if (off.devices > 0) {
      notes.push(
        `The answer pre-provisions devices, weighed with "Allow pre-provisioned deployment" set to Yes in their profile; the file leaves it at No for ${pct(off.share)} of devices (profile.allowPreProvisioning): set it where the answer pre-provisions, or the technician flow fails with 0x80180005 (Intune enforces the setting).`,
      );
    }
  }
  return {
    recommendation: {
      fleet: fleet.name ?? 'fleet',
      devices: plan.devices,
      seed: plan.seed,
      goals: { ...goals, sharedOrKioskFromProfile: kioskFromProfile, ...(goalGroups ? { sharedOrKioskGroups: fleet.groups.filter((_, g) => goalGroups[g]).map((g) => g.name) } : {}) },
      facts,
      threshold,
      exclusions,
      joinExclusion,
      warnings,
      notes,
      ranking,
      entraAlternative,
      joinSplit,
      split,
      warnedSplit,
      recommendation,
      perGroup,
      tieWithinNoise: tie,
      weights,
      scoreRule: scoreRule(weights, goals.leastEndUserTime),
    },
    reports,
    deployment,
    plan: planReport,
  };
}

/** A plan's entries, one per scenario in the order first named, their groups and devices together. */
function byScenarioOf(entries: Recommendation['recommendation']['deploy']): Recommendation['recommendation']['deploy'] {
  const byScenario = new Map<Scenario | null, { groups: string[]; devices: number }>();
  for (const d of entries) {
    const entry = byScenario.get(d.scenario) ?? { groups: [], devices: 0 };
    entry.groups.push(...d.groups);
    entry.devices += d.devices;
    byScenario.set(d.scenario, entry);
  }
  return [...byScenario].map(([scenario, e]) => ({ scenario, ...e }));
}

/** Each group's devices as the plan draws them (the figures of a run count these). */
function drawnSizes(fleet: Fleet, plan: ReturnType<typeof planFleet>): number[] {
  const sizes = fleet.groups.map(() => 0);
  for (let i = 0; i < plan.devices; i++) sizes[plan.drawnOption(i, '').group]!++;
  return sizes;
}

/**
 * The recommendation as CSV, one row per scenario: those ranked with their figures and score (as --json holds them),
 * then those excluded with what excludes them, for a spreadsheet or a design document's table.
 */
export function recommendationCsv(rec: Recommendation): string {
  const head = ['rank', 'scenario', 'status', 'devices', 'successRate', 'successLow95', 'successHigh95', 'firstTimeRightRate', 'p50TotalMinutes', 'p50EndUserMinutes', 'p50TechnicianMinutes', 'score', 'topFailureCode', 'topFailurePhase', 'topFailureShareOfDevices', 'saturated', 'reason'];
  const ranked = rec.ranking.map((r) => {
    const s = r.summary;
    return [r.rank, r.scenario, 'ranked', s.devices, s.successRate, s.interval[0], s.interval[1], s.firstTimeRightRate, s.p50Total, s.p50EndUser, s.p50Technician, r.score, s.topFailure?.code, s.topFailure?.phase, s.topFailure?.share, s.saturated.map((x) => x.resource).join('; '), r.why];
  });
  const out = [...new Set(rec.exclusions.map((e) => e.scenario))].map((sc) => {
    const why = [...new Set(rec.exclusions.filter((e) => e.scenario === sc).map((e) => `${e.short}: "${e.rule}" (${e.source})`))].join('; ');
    return ['', sc, 'excluded', '', '', '', '', '', '', '', '', '', '', '', '', '', why];
  });
  return [head, ...ranked, ...out].map(csvLine).join('\n') + '\n';
}

/**
 * A group answered with Autopilot Reset, at sites with a link (sites[].bandwidthMbps): the links carry none of its
 * downloads, so its figures do not depend on them (run's field-without-effect warning, repeated on the group's line).
 */
function resetLinksText(fleet: Fleet, group: number, s: Summary): string {
  const g = fleet.groups[group]!;
  const sites = fleet.sites.filter((site) => (g.sites ? (g.sites[site.name] ?? 0) : site.share) > 0 && site.bandwidthMbps !== undefined);
  if (!sites.length) return '';
  const names = sites.map((site) => possessive(site.name));
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!;
  const many = sites.length > 1;
  const saturated = sites.some((site) => s.saturated.some((x) => x.kind === 'link' && x.resource === site.name));
  return `; ${list} ${many ? 'links carry' : 'link carries'} none of its downloads${saturated ? ` (saturated by the rest of the fleet)` : ''}: an Autopilot Reset's ${RESET_APPS_NOT_DOWNLOADED}, so its figures do not depend on ${many ? 'them' : 'it'}`;
}

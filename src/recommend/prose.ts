// recommend, part four: the prose. Each ranked scenario's reasons in a sentence, what separates it
// from its neighbour (from the score's own parts), and the one-paragraph answer.
import type { Scenario } from '../environment/schema.ts';
import type { Fleet } from '../fleet/schema.ts';
import { phaseLabel } from '../catalog/phases.ts';
import { wordsOf } from '../catalog/continued.ts';
import { devicesText, pct, upperFirst } from '../format.ts';
import { LOW_SUCCESS, saturatedListText } from '../fleet/bottlenecks.ts';
import { estimatedCountText } from '../fleet/report.ts';
import { FELL_BACK } from '../fleet/stats.ts';
import type { FleetFacts, Measured } from './measure.ts';
import { scoreText, weighedMinutes, type Ranked, type Summary, type Weights } from './ranking.ts';
import { entraJoinedNotHybrid, type Exclusion, type JoinExclusion } from './rules.ts';

/** Minutes as whole minutes, for sentences. */
export const mins = (x: number | null) => (x === null ? '–' : `${Math.round(x)} min`);

/** Hybrid was asked for: the recommended scenario simulated once more with Entra join. */
export interface EntraAlternative {
  scenario: Scenario;
  summary: Summary;
  sentence: string;
}

/**
 * The plan the hybrid join exclusion gives, where sites or groups hold the devices without a domain controller or a
 * pre-logon VPN: those on Entra join, the rest hybrid, on the scenario ranked first (same devices and seed), every device
 * counted, beside the whole fleet hybrid (the ranking's figures) and the whole fleet on Entra join (the Entra alternative's).
 */
export interface JoinSplit {
  scenario: Scenario;
  /**
   * Where Entra join is given: the groups, where whole groups hold the devices; else the sites; else the variations of
   * groups that hold them ("Laptops with hybrid.dcLineOfSight false, hybrid.vpn none").
   */
  entraAt: { sites: string[] } | { groups: string[] } | { variations: string[] };
  /**
   * The devices the plan gives Entra join: those at those sites, of those groups or that draw those variations that the
   * file joins hybrid (Entra-joined kiosks beside them keep their join, and are not counted).
   */
  entraDevices: number;
  summary: Summary;
  allHybrid: Summary;
  allEntra: Summary;
  /**
   * The answer deploys a split of scenarios (some groups or variations on another): this plan was weighed with the scenario
   * ranked first for every device, not with that split, and its sentence says so.
   */
  beforeScenarioSplit: boolean;
  /**
   * Where the answer is a split of scenarios: the plan weighed on the answer's own deployment (each part on its scenario)
   * with Entra join at those sites or groups, against that deployment as the answer gives it (hybrid where the file
   * asks it); same devices and seed, every device counted. Null where the answer is one scenario.
   */
  onAnswer: { summary: Summary; asAnswered: Summary } | null;
  sentence: string;
}

/** A scenario the goals favour, excluded only because of whole groups: simulated on the other groups (same seed), against the recommended one. */
/**
 * The goals' points a split's figures carry, after them: a split whose figures read worse than the winner's ('35 min for the
 * user, against 0 min with self-deploying') won on the goals' −10 for self-deploying on single-user devices, unsaid.
 */
export function goalPoints(adjustments: Ranked['adjustments'] | undefined): string {
  if (!adjustments?.length) return '';
  return ` (${adjustments.map((a) => `${a.points > 0 ? '+' : '−'}${Math.abs(a.points)} points from the goals: ${a.reason}`).join('; ')})`;
}

export interface Split {
  apart: string[];
  scenario: Scenario;
  devices: number;
  summary: Summary;
  score: number;
  /** The goals' points in the split's score (a scenario the goals favour or disfavour for the devices it weighs). */
  adjustments?: Ranked['adjustments'];
  against: { scenario: Scenario; summary: Summary; score: number; adjustments?: Ranked['adjustments'] } | null;
  better: boolean;
  sentence: string;
  /**
   * Where the split is the answer: each group (or variation) set apart on its own answer, weighed beside the rest deployed
   * on the split's scenario (the whole fleet's winner where nothing fits it alone), its devices and that answer's figures.
   */
  apartAnswers?: Array<{ group: string; scenario: Scenario; devices: number; summary: Summary | null }>;
  /**
   * The other splits weighed: where none does better, those after the one above (which came closest), none better either;
   * where this one is the answer, those it beat, each with its score.
   */
  others?: Array<Omit<Split, 'sentence' | 'better' | 'others' | 'apartAnswers' | 'weighedToo'>>;
  /** Where this split is the answer and others were weighed: they in a sentence, each with its score against this one's. */
  weighedToo?: string;
  /**
   * Groups of the rest whose own answer is another scenario go on it (`moved`): the plan so deployed, measured whole (the
   * same devices and seed), its devices on the split's scenario counted (`devices`, `summary`), and the same devices on the
   * fleet's scenario beside it (`against`); each moved group's figures in that plan. `devices` and `summary` above are
   * the split as weighed, those groups counted on its scenario: the lead gave those figures for a plan it then changed.
   */
  asDeployed?: { devices: number; summary: Summary; against: Summary | null; moved: Array<{ group: string; scenario: Scenario; devices: number; summary: Summary }> };
}

/** The split's line beside the answer: where none does better, its sentence; where it is the answer, the other splits it beat. */
export const splitAside = (split: Split | null | undefined): string | undefined => (split ? (split.better ? split.weighedToo : split.sentence) : undefined);

/**
 * The splits the answer's beat, in sentences, each with its figures and score, and on the same devices the answer's score
 * and the fleet scenario's: a fleet that pre-provisions the devices outside its TPM 1.2 desktops weighed self-deploying
 * for them too, and said nothing of it. (Splits with other devices apart score on other devices: each gives its own
 * fleet scenario's score there.)
 */
export function weighedTooText(others: NonNullable<Split['others']>, shown: Split): string {
  const same = (o: (typeof others)[number]) => o.apart.length === shown.apart.length && o.apart.every((g, i) => g === shown.apart[i]);
  return others
    .map((o) => {
      const figures = `${o.scenario}, ${pct(o.summary.successRate)} success${forUser(o.summary)}${goalPoints(o.adjustments)}, score ${scoreText(o.score)}`;
      const against = o.against ? `${o.against.scenario}'s ${scoreText(o.against.score)}` : '';
      return same(o)
        ? `Weighed too for the same ${devicesText(o.devices)}: ${figures} (${[`${shown.scenario}'s ${scoreText(shown.score)}`, against].filter(Boolean).join(', ')}).`
        : `Weighed too with ${o.apart.map((g) => `"${g}"`).join(', ')} apart, for the other ${devicesText(o.devices)}: ${figures}${against ? ` (${against} there)` : ''}.`;
    })
    .join(' ');
}

/** A split weighed beside the one shown, that does no better either, in a sentence: "Nor does self-deploying: 93.3% success, ...". */
export function otherSplitText(o: NonNullable<Split['others']>[number], shown: Split): string {
  const same = o.apart.length === shown.apart.length && o.apart.every((g, i) => g === shown.apart[i]);
  const apart = same ? '' : ` with ${o.apart.map((g) => `"${g}"`).join(', ')} apart, for the other ${devicesText(o.devices)}`;
  // On the same devices, against the same winner's run: said once, in the sentence before.
  const against = o.against && !same ? `, against ${pct(o.against.summary.successRate)}${forUser(o.against.summary)} with ${o.against.scenario}${goalPoints(o.against.adjustments)}` : '';
  return `Nor does ${o.scenario}${apart}: ${pct(o.summary.successRate)} success${forUser(o.summary)}${goalPoints(o.adjustments)}${against}.`;
}

/** A winner only warned about for some devices, held apart: the plan with them on another scenario (Recommendation.warnedSplit). */
export interface WarnedSplit {
  /** The groups, or variations ('<group> with <setting>'), deployed apart. */
  apart: string[];
  /** Their scenario. */
  scenario: Scenario;
  /** Devices apart. */
  devices: number;
  /** The whole fleet under the plan. */
  summary: Summary;
  score: number;
  /** Its score is above the winner's for every device: the plan is the answer. */
  better: boolean;
}

/** ", 36 min for the user", or nothing where no device succeeded. */
export const forUser = (x: Summary): string => (x.p50EndUser === null ? '' : `, ${mins(x.p50EndUser)} for the user`);

/** The difference in success between two runs, in points: "+3.1 points", "−13.5 points". */
export const pointsBetween = (a: Summary, b: Summary): string => `${a.successRate - b.successRate >= 0 ? '+' : '−'}${(Math.abs(a.successRate - b.successRate) * 100).toFixed(1)} points`;

/** The top failure, then the links or connector the run saturates, if any: what a figure rests on. */
export function failureAndLoadText(s: Summary): string {
  return failureText(s) + (s.saturated.length ? `; ${saturatedListText(s.saturated)}` : '');
}

export function failureText(s: Summary): string {
  const f = s.topFailure;
  if (!f) return '';
  return `; top failure ${f.code}${f.phase ? ` in ${phaseLabel(f.phase)}` : ''} (${pct(f.share)} of devices${f.cause ? `: ${f.cause}` : ''}${f.estimate ? `; ${estimatedCountText(f.estimate)}` : ''})`;
}


/** What separates two ranked scenarios, from the score's parts: success, the minutes weighed, the goal adjustments. */
function versus(r: Ranked, o: Ranked, leastEndUserTime: boolean, w: Weights): string {
  const against: string[] = [];
  const favour: string[] = [];
  // The difference of two rates in points, rid of floating point's tail before it is rounded to a tenth: 1 - 0.9775 is
  // 0.022499999999999964, and times 100 read as 2.2 points where compare, from the device counts, says 2.3.
  const dSuccess = Math.round(100 * (r.summary.successRate - o.summary.successRate) * 1e9) / 1e9;
  const points = (x: number) => `${Math.abs(x).toFixed(1)} points`;
  if (dSuccess <= -0.05) against.push(`${points(dSuccess)} less success`);
  else if (dSuccess >= 0.05) favour.push(`${points(dSuccess)} more success`);
  const a = weighedMinutes(r.summary, leastEndUserTime, w);
  const b = weighedMinutes(o.summary, leastEndUserTime, w);
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
          : `${Math.round(Math.abs(dm))} weighted min ${more ? 'more' : 'less'} (user ${signed(dUser)}, technician ${signed(dTech)} counted at ${w.technicianShare})`;
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

export function whyOf(r: Ranked, ranking: Ranked[], leastEndUserTime: boolean, w: Weights): string {
  const s = r.summary;
  const ud = ranking.find((x) => x.scenario === 'user-driven' && x !== r);
  const ref = ud ?? ranking.find((x) => x !== r);
  const vs = ref ? ` (vs ${mins(ref.summary.p50EndUser)} ${ref.scenario})` : '';
  const parts = [`${r.scenario}: ${pct(s.successRate)} success (95% CI ${pct(s.interval[0])}–${pct(s.interval[1])})`];
  if (s.p50Total === null) {
    parts.push(wordsOf(s).none);
  } else {
    parts.push(`${mins(s.p50EndUser)} for the user${vs}`);
    parts.push(s.p50Technician ? `needs a technician for ${mins(s.p50Technician)}` : 'no technician');
    parts.push(`${mins(s.p50Total)} in all (p50)`);
  }
  let text = parts.join(', ') + failureAndLoadText(s);
  for (const a of r.adjustments) text += `; ${a.points > 0 ? '+' : '−'}${Math.abs(a.points)} points: ${a.reason}`;
  // Where it stands against its neighbour: the one above, or for the first the one below.
  const other = r.rank > 1 ? ranking[r.rank - 2] : ranking[1];
  if (other) text += `; ${r.rank > 1 ? `ranks below ${other.scenario}` : `ranks first, ahead of ${other.scenario}`}: ${versus(r, other, leastEndUserTime, w)}`;
  return `${text}.`;
}

export function finalSentence(
  fleet: Fleet,
  ranking: Ranked[],
  exclusions: Exclusion[],
  alt: EntraAlternative | null,
  unreachable: Measured,
  kiosk: boolean,
  split: Split | null,
  warnings: Exclusion[],
  threshold: number,
  joinExclusion: JoinExclusion | null = null,
  warnedSplit: WarnedSplit | null = null,
  joinSplit: JoinSplit | null = null,
): { scenario: Scenario | null; sentence: string } {
  const name = fleet.name ?? 'this fleet';
  const out = [...new Set(exclusions.map((e) => e.scenario))];
  const excludedList = [
    ...(joinExclusion ? [`hybrid join (${joinExclusion.short})`] : []),
    ...out.map((s) => `${s} (${[...new Set(exclusions.filter((e) => e.scenario === s).map((e) => e.short))].join('; ')})`),
  ];
  const excludedText = excludedList.length ? ` Excluded: ${excludedList.join(', ')}.` : '';
  const winner = ranking[0];
  if (!winner) {
    return { scenario: null, sentence: `No Autopilot scenario fits ${name} as described: every scenario is excluded by a hard requirement.${excludedText}${split?.better ? ` ${split.sentence}` : ''}` };
  }
  const entra = joinExclusion?.entraForAll ? ' with Entra join' : '';
  // Never lead with a join that fails (nearly) every device when Entra join works for them: lead with Entra join.
  const entraLeads = alt !== null && winner.summary.successRate < 0.05 && alt.summary.interval[0] > winner.summary.interval[1];
  const s = entraLeads ? alt!.summary : winner.summary;
  const ud = ranking.find((x) => x.scenario === 'user-driven' && x !== winner);
  // Against user-driven's time where it has one ('77 min for the user against – user-driven' where no device reached the desktop).
  const user = s.p50EndUser === null ? '' : `, ${mins(s.p50EndUser)} for the user${ud && !entraLeads && ud.summary.p50EndUser !== null ? ` against ${mins(ud.summary.p50EndUser)} user-driven` : ''}`;
  const tech = s.p50Technician ? `, with a technician for ${mins(s.p50Technician)} per device` : '';
  const result = `${pct(s.successRate)} success (95% CI ${pct(s.interval[0])}–${pct(s.interval[1])})${user}${tech}`;
  let sentence: string;
  if (split?.better) {
    // The scenario the goals favour leads, for the devices it is open to; the groups that rule it out follow.
    const apart = split.apart.map((g) => `"${g}"`).join(', ');
    const shorts = [...new Set(exclusions.filter((e) => e.scenario === split.scenario).map((e) => e.short))].join('; ');
    // The plan as deployed, where groups of the rest go on their own answer: its devices on the split's scenario, measured
    // so (the lead gave the split as weighed, those groups counted on its scenario, then moved them off it).
    const shown = split.asDeployed ?? { devices: split.devices, summary: split.summary, against: split.against?.summary ?? null, moved: [] };
    const outside = [...split.apart, ...shown.moved.map((m) => m.group)].map((g) => `"${g}"`);
    const outsideText = outside.length > 1 && shown.moved.length ? `${outside.slice(0, -1).join(', ')} and ${outside[outside.length - 1]}` : outside.join(', ');
    // Whom the split's scenario is for: the groups left, by name, where they are whole groups and fewer than those set
    // apart ('reset for the 3,600 devices outside "Library kiosks", "Staff laptops", "Research group"' made a reader
    // work out that it meant "Student labs"); else the devices outside the groups set apart.
    const apartNames = [...split.apart, ...shown.moved.map((m) => m.group)];
    const rest = fleet.groups.map((g) => g.name).filter((g) => !apartNames.includes(g));
    const whole = apartNames.every((a) => fleet.groups.some((g) => g.name === a));
    const forWhom =
      whole && rest.length > 0 && rest.length < apartNames.length
        ? `${rest.length > 1 ? `${rest.slice(0, -1).map((g) => `"${g}"`).join(', ')} and "${rest[rest.length - 1]}"` : `"${rest[0]}"`} (${devicesText(shown.devices)})`
        : `the ${devicesText(shown.devices)} outside ${outsideText}`;
    // A split that still fails most devices, or many, is the best of the splits, not a deployment that works: said as the
    // best of the scenarios is ('Split Fabrikam Academy: use self-deploying ...: 0.4% success' read as advice to deploy).
    const lead = `${shown.summary.successRate < LOW_SUCCESS ? `No scenario deploys ${name} well as described; the best is a split: use` : `Split ${name}: use`} ${split.scenario}${entra} for ${forWhom}: ${pct(shown.summary.successRate)} success${shown.summary.p50EndUser === null ? '' : `, ${mins(shown.summary.p50EndUser)} for the user`}${kiosk && split.scenario === 'self-deploying' ? ', no one at the device' : ''}${goalPoints(split.adjustments)}${split.against && shown.against ? ` (against ${pct(shown.against.successRate)}${shown.against.p50EndUser === null ? '' : `, ${mins(shown.against.p50EndUser)} for the user`} with ${split.against.scenario}${goalPoints(split.against.adjustments).replace(/^ \((.*)\)$/, ', $1')})` : ''}.`;
    const them = split.apart.length > 1 ? 'them' : 'it';
    const answers = split.apartAnswers ?? [];
    const figures = (x: Summary | null) => (x ? `${pct(x.successRate)} success${x.p50EndUser === null ? '' : `, ${mins(x.p50EndUser)} for the user`}` : '');
    if (answers.every((a) => a.scenario === winner.scenario)) {
      // Their own figures, beside the rest, then the whole fleet's on that scenario: a university's staff laptops read
      // 'Deploy "Staff laptops" on its own with pre-provisioned, which the whole fleet would get: 4.7% success', the
      // figure of 1,650 devices on one scenario, where the laptops themselves succeed at 100.0%.
      const own = answers.filter((a) => a.summary);
      const theirs = !own.length ? '' : own.length === 1 && split.apart.length === 1 ? `: ${figures(own[0]!.summary)}, beside the rest` : `: ${own.map((a) => `"${a.group}" ${figures(a.summary)}`).join(', ')}, beside the rest`;
      // Where that scenario fails them too, it is the best for them, not a deployment that works: 'Deploy "Control room PCs"
      // on its own with user-driven …: 0.0% success, beside the rest' read as advice (a mine's TPM 1.2 PCs behind 6 Mbps
      // satellite links, whose 7 GB of apps outlast the ESP whatever the scenario).
      const weak = own.length > 0 && own.every((a) => a.summary!.successRate < LOW_SUCCESS);
      const weakFigures = own.length === 1 && split.apart.length === 1 ? `: ${figures(own[0]!.summary)}${failureText(own[0]!.summary!)}` : `: ${own.map((a) => `"${a.group}" ${figures(a.summary)}${failureText(a.summary!)}`).join(', ')}`;
      sentence = weak
        ? `${lead} No scenario deploys ${apart} well as described (${split.scenario} is excluded for ${them}: ${shorts}); the best is ${winner.scenario}${entra}, beside the rest${weakFigures}. On one scenario the whole fleet would get ${winner.scenario}${entra}: ${result}.${excludedText}`
        : own.length
        ? `${lead} Deploy ${apart} on ${split.apart.length > 1 ? 'their' : 'its'} own with ${winner.scenario}${entra} (${split.scenario} is excluded for ${them}: ${shorts})${theirs}. On one scenario the whole fleet would get ${winner.scenario}${entra}: ${result}.${excludedText}`
        : `${lead} Deploy ${apart} on ${split.apart.length > 1 ? 'their' : 'its'} own with ${winner.scenario}${entra}, which the whole fleet would get: ${result} (${split.scenario} is excluded for ${them}: ${shorts}).${excludedText}`;
    } else {
      // Each group set apart on its own answer, with that answer's figures for its devices.
      const each =
        answers.length === 1
          ? `with ${answers[0]!.scenario}, its own answer beside the rest: ${figures(answers[0]!.summary)}`
          : split.apart.length === 1
            ? `, split as its own answer splits it beside the rest: ${answers.map((a) => `${a.scenario} for "${a.group}"${a.summary ? ` (${figures(a.summary)})` : ''}`).join(', ')}`
            : `, each on its own answer beside the rest: ${answers.map((a) => `${a.scenario} for "${a.group}"${a.summary ? ` (${figures(a.summary)})` : ''}`).join(', ')}`;
      // Two groups or more apart read 'Deploy "Classroom carts", "New teacher laptops" on their own each on its own answer'.
      const where = split.apart.length > 1 ? 'apart' : 'on its own';
      sentence = `${lead} Deploy ${apart} ${where}${each.startsWith(',') ? '' : ' '}${each} (${split.scenario} is excluded for ${them}: ${shorts}). On one scenario the whole fleet would get ${winner.scenario}${entra}: ${result}.${excludedText}`;
    }
  } else if (entraLeads) {
    sentence = `Use ${winner.scenario} with Entra join for ${name}: ${result}. With hybrid join, as the file asks, ${winner.scenario} succeeds for ${pct(winner.summary.successRate)} of devices${failureText(winner.summary)}.${excludedText}`;
  } else if (s.successRate < LOW_SUCCESS) {
    // The best of what is left still fails most devices, or many: 'Use device-preparation: 0.1% success' read as advice to
    // deploy. It is the best of the scenarios, not a deployment that works; what fails it comes next.
    sentence = `No scenario deploys ${name} well as described: the best is ${winner.scenario}${entra}, ${result}${kiosk && winner.scenario === 'self-deploying' ? ', no one at the device' : ''}.${excludedText}`;
  } else {
    sentence = `Use ${winner.scenario}${entra} for ${name}: ${result}${kiosk && winner.scenario === 'self-deploying' ? ', no one at the device' : ''}.${excludedText}`;
  }
  // What to fix, and what the figures rest on, are the answer's: a split's own devices where the split is the answer (the
  // whole fleet on one scenario, which it is not, said 'Fix first: ESP_TIMEOUT (95.3% of devices)' under a split at 100%).
  const answered = split?.better ? (split.asDeployed?.summary ?? split.summary) : s;
  // A fall-back to the ordinary OOBE has no code to look up: its cause says what to fix ('Fix first: fell back to ordinary
  // OOBE (100.0% of devices)' left a tax agency to guess that its authenticating proxy was the cause).
  const fix = answered.topFailure;
  if (answered.successRate < 0.9 && !entraLeads && fix) sentence += ` Fix first: ${fix.code} (${pct(fix.share)} of devices${fix.code === FELL_BACK && fix.cause ? `: ${fix.cause}` : ''}).`;
  // A figure that rests on a saturated link or connector says so: more capacity, or a slower rollout, changes it.
  if (answered.saturated.length) sentence += ` These figures rest on a saturated shared resource: ${saturatedListText(answered.saturated)}; more capacity or a slower rollout changes them (run names the fix).`;
  if (joinExclusion?.entraForAll) sentence += ` Hybrid join is ruled out: ${pct(joinExclusion.share)} of devices have no domain controller and no pre-logon VPN, so every scenario here is weighed with Entra join.`;
  else if (unreachable.devices > 0) {
    const at = unreachable.groups.length
      ? ` (${unreachable.groups.map((g) => `"${g}"`).join(', ')})`
      : unreachable.sites?.length
        ? ` (at ${unreachable.sites.map((k) => `"${k}"`).join(', ')})`
        : unreachable.variations?.length
          ? ` (${unreachable.variations.map((v) => `"${v.name}"`).join(', ')})`
          : '';
    sentence += ` Join the ${pct(unreachable.share)} of devices with no domain controller and no pre-logon VPN${at} to Entra: hybrid is impossible for them.`;
    // The plan that advice gives, as simulated: the figures above are the whole fleet's hybrid, the alternative's all Entra.
    if (joinSplit) {
      const on = joinSplit.onAnswer;
      sentence += on
        ? ` Joined so, the rest hybrid, the split above succeeds for ${pct(on.summary.successRate)} of devices${forUser(on.summary)} (${pointsBetween(on.summary, on.asAnswered)} against it all hybrid).`
        : ` Joined so, the rest hybrid, ${joinSplit.scenario} succeeds for ${pct(joinSplit.summary.successRate)} of devices${forUser(joinSplit.summary)} (${pointsBetween(joinSplit.summary, joinSplit.allHybrid)} against all hybrid${joinSplit.beforeScenarioSplit ? `; ${joinSplit.scenario} for every device, the split of scenarios above not weighed with it` : ''}).`;
    }
  }
  if (alt && !entraLeads) sentence += ` ${alt.sentence}`;
  // Hybrid devices on a scenario with no hybrid path do not fail it: its figures count them joined to Entra. Said beside
  // the figures, not as a failure (4% hybrid desktops read 'those devices fail device-preparation' beside its 100%).
  const joined = (s: Scenario) => {
    const j = warnings.filter((w) => w.scenario === s && w.joinedInstead);
    if (!j.length) return '';
    const which = j.map((w) => `${pct(w.share)} of devices${w.groups?.length || w.variations?.length ? ` (${[...(w.groups ?? []), ...(w.variations ?? [])].map((g) => `"${g}"`).join(', ')})` : ''}`).join(', ');
    return ` With ${s}, ${entraJoinedNotHybrid(which)}; its figures count them joined so (goals.preferEntraJoin: false keeps them hybrid and rules ${s} out for them).`;
  };
  if (split?.better) sentence += joined(split.scenario);
  if (split?.better) {
    const warnedRest = warnings.filter((w) => w.scenario === split.scenario && !w.joinedInstead);
    if (warnedRest.length) {
      const shorts = [...new Set(warnedRest.map((w) => w.short))].join(', ');
      sentence += ` ${upperFirst(shorts)}: those devices fail ${split.scenario} (below the ${Math.round(100 * threshold)}% threshold); deploy them with ${winner.scenario}.`;
    }
  }
  if (split?.scenario !== winner.scenario || !split?.better) sentence += joined(winner.scenario);
  const warned = warnings.filter((w) => w.scenario === winner.scenario && !w.joinedInstead);
  if (warned.length) {
    const clean = ranking.find((x) => x !== winner && !warnings.some((w) => w.scenario === x.scenario));
    const shorts = [...new Set(warned.map((w) => w.short))].join(', ');
    sentence += ` ${upperFirst(shorts)}: those devices fail ${winner.scenario} (below the ${Math.round(100 * threshold)}% threshold, so it stays)${clean ? `; deploy them with ${clean.scenario}` : ''}.`;
    if (warnedSplit) {
      // The plan that advice gives, simulated whole, against the winner for every device.
      const apart = warnedSplit.apart.map((g) => `"${g}"`).join(', ');
      const plan = warnedSplit.summary;
      sentence += warnedSplit.better
        ? ` Weighed: with ${apart} (${devicesText(warnedSplit.devices)}) on ${warnedSplit.scenario} and the rest on ${winner.scenario}, the fleet succeeds ${pct(plan.successRate)}${forUser(plan)}, against ${pct(winner.summary.successRate)} with ${winner.scenario} for every device.`
        : ` Weighed, deploying ${apart} (${devicesText(warnedSplit.devices)}) apart on ${warnedSplit.scenario} does no better: ${pct(plan.successRate)} success${forUser(plan)}, against ${pct(winner.summary.successRate)} with ${winner.scenario} for every device.`;
    }
  }
  return { scenario: winner.scenario, sentence };
}

// ── Describing it ─────────────────────────────────────────────────────────────────────────────
// Shared by the terminal and the Markdown report, so the two never name a goal or a fact differently.

/** The goals weighed, by name; a kiosk goal read from the profile rather than stated says so. */
export function goalNames(goals: Fleet['goals'] & { sharedOrKioskFromProfile: boolean; sharedOrKioskGroups?: string[] }): string[] {
  const names = Object.entries(goals)
    .filter(([k, v]) => v === true && k !== 'sharedOrKioskFromProfile')
    .map(([k]) => (k === 'sharedOrKiosk' && goals.sharedOrKioskGroups ? `sharedOrKiosk (for ${goals.sharedOrKioskGroups.map((g) => `"${g}"`).join(', ')})` : k));
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
    ['self-deploying or kiosk profile', f.kioskProfile],
    ['Windows too old for device preparation', f.devicePreparationOs ?? 0],
  ];
  return facts.filter(([, v]) => v > 0);
}

/** When no fact applies: the fleet is the plain case every scenario supports. */
export const PLAIN_FLEET = 'physical, TPM 2.0, Entra join, registered';

/**
 * The line on the fleet's facts that the terminal and the Markdown answer print: 'Fleet (200 devices sampled across groups and
 * sites): VMs: 13.0% · no TPM 2.0: 2.3%'. A colon between a fact and its share ('no TPM 2.0 2.3%' ran the two together).
 */
export function fleetFactsLine(f: FleetFacts): string {
  const facts = factShares(f);
  return `Fleet (${devicesText(f.sampled)} sampled across groups and sites): ${facts.length ? facts.map(([k, v]) => `${k}: ${pct(v)}`).join(' · ') : PLAIN_FLEET}`;
}

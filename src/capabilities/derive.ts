// The capability table, derived from the machines and the world: each cell comes from
// the paths that generated environments take through a scenario's machine (the tags
// of the states every successful path passes, who caused the events on those paths)
// and from comparing outcomes. It never reads table.ts; tests compare the two.
import fc from 'fast-check';
import type { AnyStateMachine } from 'xstate';
import type { ScenarioId } from '../../machines/setup.ts';
import { simulate } from '../engine/simulate.ts';
import { defaultEnvironment } from '../environment/load.ts';
import type { EnvironmentInput } from '../environment/schema.ts';
import { CAPABILITIES, COLUMNS, EXTRA_COLUMNS, type Capability, type Cell } from './table.ts';
import { environmentArbitrary, merge, VARIANTS, type GeneratedEnvironment, type Variant } from './generators.ts';

/** What one run tells the derivation. */
export interface RunFacts {
  variant: Variant;
  succeeded: boolean;
  joinType: 'entra' | 'hybrid';
  registered: boolean;
  sources: ReadonlySet<string>;
  /** For each tag on the path, the flows (technician, user, none) it was seen in. */
  tagFlows: ReadonlyMap<string, ReadonlySet<string>>;
  endUserMinutes: number;
  /** The user assigned to the device signed in and enrolled it. */
  assignedUserSignedIn: boolean;
  /** The environment assigns a user to the device (profile.assignedUser). */
  userAssigned: boolean;
}

type WrapWorld = NonNullable<Parameters<typeof simulate>[1]>['wrapWorld'];

export function runFacts(g: GeneratedEnvironment, machine?: AnyStateMachine, wrapWorld?: WrapWorld): RunFacts {
  const env = defaultEnvironment(g.environment);
  const { outcome, visited, facts } = simulate(env, { seed: g.seed, trace: false, visited: true, ...(machine ? { machine } : {}), ...(wrapWorld ? { wrapWorld } : {}) });
  // A device-preparation run that classic Autopilot took over (a registered device with a profile) is classic Autopilot's success, not device preparation's.
  const tookOver = env.scenario === 'device-preparation' && outcome.followOn !== undefined;
  const sources = new Set<string>();
  const tagFlows = new Map<string, Set<string>>();
  for (const v of visited!) {
    sources.add(v.source);
    const flow = v.tags.has('flow:technician') ? 'technician' : v.tags.has('flow:user') ? 'user' : 'none';
    for (const t of v.tags) {
      let s = tagFlows.get(t);
      if (!s) tagFlows.set(t, (s = new Set()));
      s.add(flow);
    }
  }
  return {
    variant: g.variant,
    succeeded: outcome.status === 'succeeded' && !tookOver,
    joinType: outcome.joinType,
    registered: env.registration.registered,
    sources,
    tagFlows,
    endUserMinutes: outcome.endUserMinutes,
    assignedUserSignedIn: facts?.assignedUserSignedIn ?? false,
    userAssigned: env.profile.assignedUser !== null,
  };
}

/** The same environment with a user assigned to the device (the profile's assigned user, §5.7). */
export function withAssignedUser(g: GeneratedEnvironment): GeneratedEnvironment {
  return { ...g, environment: merge<EnvironmentInput>(g.environment, { profile: { assignedUser: 'ana@contoso.com' } }) };
}

/** The same device and environment run as a user-driven deployment: the baseline for the user's time. */
export function asUserDriven(g: GeneratedEnvironment): GeneratedEnvironment {
  const environment = merge<EnvironmentInput>(g.environment, {
    scenario: 'user-driven',
    profile: { deploymentMode: 'user-driven', joinType: g.variant.scenario === 'self-deploying' ? 'entra' : (g.environment.profile?.joinType ?? 'entra') },
    registration: { registered: true, profileStatus: 'assigned' },
  });
  return { ...g, variant: VARIANTS['user-driven'][0]!, environment };
}

export interface DerivedCell {
  scenario: ScenarioId;
  capability: Capability;
  derived: Cell | string;
  /** How the value was reached, in a sentence. */
  why: string;
}

interface VariantRuns {
  variant: Variant;
  runs: RunFacts[];
  successes: RunFacts[];
  baseline: RunFacts[];
  /** The same environments with a user assigned to the device. */
  assigned: RunFacts[];
}

const yes = (b: boolean): Cell => (b ? 'Yes' : 'No');
const flowName: Record<string, Cell> = { technician: 'Technician flow', user: 'User flow' };

/** "Every successful path passes a state tagged T": Yes/No, or the one flow of a two-flow scenario it lies in. */
function everyPathTagged(vr: VariantRuns, tag: string): { value: Cell | string; why: string } {
  if (vr.successes.length === 0) return { value: 'no successful run', why: `no generated ${vr.variant.name} environment succeeded` };
  const all = vr.successes.every((r) => r.tagFlows.has(tag));
  if (!all) return { value: 'No', why: `a successful ${vr.variant.name} path passes no state tagged ${tag}` };
  const twoFlows = vr.successes.some((r) => (r.tagFlows.get('flow:technician')?.size ?? 0) > 0 && (r.tagFlows.get('flow:user')?.size ?? 0) > 0);
  const flows = new Set(vr.successes.flatMap((r) => [...r.tagFlows.get(tag)!]));
  if (twoFlows && flows.size === 1) {
    const [flow] = flows;
    if (flow && flowName[flow]) return { value: flowName[flow]!, why: `every one of ${vr.successes.length} successful ${vr.variant.name} paths passes ${tag}, always inside the ${flow} flow` };
  }
  return { value: 'Yes', why: `all ${vr.successes.length} successful ${vr.variant.name} paths pass a state tagged ${tag}` };
}

function everyPathHasSource(vr: VariantRuns, sources: string[], who: string): { value: Cell | string; why: string } {
  if (vr.successes.length === 0) return { value: 'no successful run', why: `no generated ${vr.variant.name} environment succeeded` };
  const all = vr.successes.every((r) => sources.some((s) => r.sources.has(s)));
  return all
    ? { value: 'Yes', why: `every one of ${vr.successes.length} successful ${vr.variant.name} paths has an event caused by the ${who}` }
    : { value: 'No', why: `a successful ${vr.variant.name} path has no event caused by the ${who}` };
}

function someSuccess(runs: VariantRuns[], test: (r: RunFacts) => boolean, what: string): { value: Cell; why: string } {
  const n = runs.reduce((a, vr) => a + vr.successes.filter(test).length, 0);
  // In the past tense, which reads for one environment as for many ('1 generated environments' was the count of one).
  return n > 0 ? { value: 'Yes', why: `${n} generated ${n === 1 ? 'environment' : 'environments'} ended ${what} and succeeded` } : { value: 'No', why: `no generated environment that ends ${what} succeeds` };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/**
 * Rows about provisioning an identity (a user to assign, a TPM to attest, the user's time in it): "not applicable" to a
 * scenario whose runs provision none, decided from the runs of the row itself. A row whose own evidence shows up (a
 * TPM attests, an assigned user signs in) is never NA; a row with no evidence where no successful path joins the
 * device is. The user's time is a comparison with a deployment, which a scenario that joins nothing is not.
 */
const PROVISIONING_ROWS: ReadonlySet<Capability> = new Set(['Supports assigning user to device', 'Minimizes time user interacts with deployment', 'TPM authenticates']);
const COMPARISON_ROWS: ReadonlySet<Capability> = new Set(['Minimizes time user interacts with deployment']);

function perVariant(capability: Capability, vr: VariantRuns): { value: Cell | string; why: string } {
  switch (capability) {
    case 'Deployment requires interaction by user':
      return everyPathHasSource(vr, ['user'], 'user');
    case 'Deployment requires interaction by IT admin/OEM/reseller':
      return everyPathHasSource(vr, ['technician', 'admin'], 'IT admin, OEM or reseller');
    case 'Supports assigning user to device': {
      // Behaviour, not a tag: runs with a user assigned (the generated ones that assign one, and every run again with
      // one), against the runs without (§5.7, §6 #3).
      const withUser = [...vr.runs.filter((r) => r.userAssigned), ...vr.assigned];
      const n = withUser.filter((r) => r.succeeded && r.assignedUserSignedIn).length;
      const without = vr.runs.filter((r) => !r.userAssigned && r.assignedUserSignedIn).length;
      if (without > 0) return { value: 'inconsistent', why: `${without} ${vr.variant.name} runs with no user assigned report an assigned user signing in` };
      return {
        value: yes(n > 0),
        why: n > 0 ? `${n} of ${withUser.length} ${vr.variant.name} runs with a user assigned succeed with that user signing in` : `in none of ${withUser.length} ${vr.variant.name} runs with a user assigned does the assigned user sign in and the deployment succeed`,
      };
    }
    case 'Minimizes time user interacts with deployment': {
      const own = mean(vr.successes.map((r) => r.endUserMinutes));
      const base = mean(vr.baseline.filter((r) => r.succeeded).map((r) => r.endUserMinutes));
      if (Number.isNaN(own) || Number.isNaN(base)) return { value: 'no successful run', why: 'no successful runs to compare' };
      return {
        value: yes(own < base * 0.9),
        why: `the user spends ${own.toFixed(1)} min on average in ${vr.variant.name} runs against ${base.toFixed(1)} min for the same devices run user-driven`,
      };
    }
    case 'User authenticates':
      return everyPathTagged(vr, 'userAuthentication');
    case 'TPM authenticates':
      return everyPathTagged(vr, 'tpmAttestation');
    default:
      throw new Error(`${capability} is not derived per variant`);
  }
}

const VARIANT_CELL: Record<string, Cell | string> = { local: 'Local reset', remote: 'Remote reset', 'user-driven': 'User-driven mode', automatic: 'Automatic mode (Windows 365)' };

function combine(scenario: ScenarioId, capability: Capability, byVariant: Array<{ variant: Variant; value: Cell | string; why: string }>): { value: Cell | string; why: string } {
  const values = new Set(byVariant.map((v) => v.value));
  if (values.size === 1) return { value: byVariant[0]!.value, why: byVariant.map((v) => v.why).join('; ') };
  const kind = byVariant[0]!.variant.kind;
  const detail = byVariant.map((v) => `${v.variant.name}: ${v.value}`).join(', ');
  if (kind === 'follow-on') return { value: 'NA', why: `it depends on the deployment that follows (${detail}): inherited` };
  if (kind === 'own') {
    const yesOnes = byVariant.filter((v) => v.value === 'Yes');
    if (yesOnes.length === 1 && VARIANT_CELL[yesOnes[0]!.variant.name] && byVariant.every((v) => v.value === 'Yes' || v.value === 'No')) return { value: VARIANT_CELL[yesOnes[0]!.variant.name]!, why: `only the ${yesOnes[0]!.variant.name} variant: ${yesOnes[0]!.why}` };
  }
  return { value: `varies (${detail})`, why: `${scenario}: ${detail}` };
}

export interface DeriveOptions {
  runsPerVariant?: number;
  seed?: number;
  /** Replace a scenario's machine (to show that a changed model changes the table). */
  machines?: Partial<Record<ScenarioId, AnyStateMachine>>;
  /** Wrap the world of every run (to show that a changed world changes the table). */
  wrapWorld?: WrapWorld;
}

/** Run the generated environments of every variant. */
export function collectRuns(options: DeriveOptions = {}): Map<ScenarioId, VariantRuns[]> {
  const runsPerVariant = options.runsPerVariant ?? 60;
  const seed = options.seed ?? 20231119;
  const out = new Map<ScenarioId, VariantRuns[]>();
  for (const { scenario } of [...COLUMNS, ...EXTRA_COLUMNS]) {
    const list: VariantRuns[] = [];
    for (const variant of VARIANTS[scenario]) {
      const generated = fc.sample(environmentArbitrary(variant), { seed, numRuns: runsPerVariant });
      const machine = options.machines?.[scenario];
      const runs = generated.map((g) => runFacts(g, machine, options.wrapWorld));
      const baseline = scenario === 'user-driven' ? runs : generated.map((g) => runFacts(asUserDriven(g), undefined, options.wrapWorld));
      const assigned = generated.map((g) => runFacts(withAssignedUser(g), machine, options.wrapWorld));
      list.push({ variant, runs, successes: runs.filter((r) => r.succeeded), baseline, assigned });
    }
    out.set(scenario, list);
  }
  return out;
}

export function deriveTable(options: DeriveOptions = {}): DerivedCell[] {
  const all = collectRuns(options);
  const cells: DerivedCell[] = [];
  for (const capability of CAPABILITIES) {
    for (const { scenario } of [...COLUMNS, ...EXTRA_COLUMNS]) {
      const runs = all.get(scenario)!;
      let result: { value: Cell | string; why: string };
      if (capability === 'Supports Azure AD join') result = someSuccess(runs, (r) => r.joinType === 'entra', 'Entra joined');
      else if (capability === 'Supports hybrid Azure AD join') result = someSuccess(runs, (r) => r.joinType === 'hybrid', 'hybrid joined');
      else if (capability === 'Registered as Autopilot device before deployment') {
        const unregistered = runs.flatMap((vr) => vr.successes.filter((r) => !r.registered));
        result = unregistered.length
          ? { value: 'No', why: `${unregistered.length} generated ${unregistered.length === 1 ? 'environment' : 'environments'} succeeded on a device that is not registered` }
          : { value: 'Yes', why: 'no generated environment with an unregistered device succeeds' };
      } else {
        const byVariant = runs.map((vr) => ({ variant: vr.variant, ...perVariant(capability, vr) }));
        const joins = runs.some((vr) => vr.successes.some((r) => r.tagFlows.has('entraJoin') || r.tagFlows.has('hybridJoin')));
        const evidence = byVariant.some((v) => v.value !== 'No' && v.value !== 'no successful run');
        if (PROVISIONING_ROWS.has(capability) && !joins && (COMPARISON_ROWS.has(capability) || !evidence)) {
          result = { value: 'NA', why: `no successful path joins the device to Entra or AD${COMPARISON_ROWS.has(capability) ? '' : ', and no run shows the row (' + byVariant.map((v) => v.why).join('; ') + ')'}: the scenario keeps the identity the device has` };
        } else if (capability === 'Supports assigning user to device' && byVariant[0]!.variant.kind === 'join') {
          const honoured = byVariant.filter((v) => v.value === 'Yes');
          result = honoured.length ? { value: 'Yes', why: honoured.map((v) => v.why).join('; ') } : { value: 'No', why: byVariant.map((v) => v.why).join('; ') };
        } else {
          result = combine(scenario, capability, byVariant);
        }
      }
      cells.push({ scenario, capability, derived: result.value, why: result.why });
    }
  }
  return cells;
}

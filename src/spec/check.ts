// Checks the traceability matrix (src/spec/matrix.ts) against the model as it is: every
// reference resolves to a state, world rule, failure mode, catalogue entry or environment
// field that exists, and which codes the runs actually produce. `coverage --spec` prints it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { z } from 'zod';
import { machines } from '../../machines/index.ts';
import type { StateMeta, Wait } from '../catalog/vocabulary.ts';
import { isErrorId } from '../catalog/errors.ts';
import { BUNDLED_DIR } from '../environment/files.ts';
import { FAULTS, VARIANTS, environmentArbitrary } from '../capabilities/generators.ts';
import { allStateNodes } from '../engine/structure.ts';
import { simulate, type Outcome } from '../engine/simulate.ts';
import { defaultEnvironment, environmentOf, parseScenario } from '../environment/load.ts';
import { EnvironmentSchema, SCENARIOS, type ScenarioFile } from '../environment/schema.ts';
import { FAULT_IDS } from '../catalog/faults.ts';
import { MODE_IDS } from '../world/failure-modes.ts';
import { createWorld } from '../world/index.ts';
import { createRandom } from '../world/random.ts';
import { MATRIX, type SpecItem, type SpecKind } from './matrix.ts';

export type ItemStatus = 'mapped' | 'out-of-scope' | 'pending' | 'unmapped' | 'broken';

export interface CheckedItem {
  item: SpecItem;
  status: ItemStatus;
  /** References that resolve to nothing in the model. */
  broken: string[];
  /** For items that name a code the runs should produce: whether one did. */
  reached?: boolean;
}

export interface KindCount {
  kind: SpecKind;
  total: number;
  mapped: number;
  outOfScope: number;
  pending: number;
  unmapped: number;
  broken: number;
  /** Codes: in-scope entries some run produces. Conditions: in-scope conditions an environment field expresses. */
  evidenced: number;
}

export interface SpecReport {
  items: CheckedItem[];
  counts: KindCount[];
}

const KINDS: SpecKind[] = ['step', 'exit', 'code', 'requirement', 'condition'];

/** The state paths of every machine, as 'machine:path'. */
function statePaths(): Set<string> {
  const out = new Set<string>();
  for (const [id, machine] of Object.entries(machines)) {
    for (const n of allStateNodes(machine as AnyStateMachine)) out.add(`${id}:${(n as AnyStateNode).path.join('.')}`);
  }
  return out;
}

/** Every wait key a state declares, with one state that declares it. */
function waitStates(): Map<Wait, string> {
  const out = new Map<Wait, string>();
  for (const machine of Object.values(machines)) {
    for (const n of allStateNodes(machine as AnyStateMachine)) {
      const wait = (n.meta as StateMeta | undefined)?.waits;
      if (wait && !out.has(wait)) out.set(wait, n.key);
    }
  }
  return out;
}

/** A world rule exists for a wait when a state declares the wait and the world answers it. */
function worldRules(): Set<string> {
  const out = new Set<string>();
  // Each scenario's default environment: some rules belong to one scenario's world (device preparation's).
  const envs = SCENARIOS.map((scenario) => defaultEnvironment({ scenario }));
  for (const wait of waitStates().keys()) {
    for (const env of envs) {
      const world = createWorld(env, createRandom(1, 0));
      let answered = false;
      try {
        answered = world.answer({ wait, tags: new Set(), now: 0 }) !== null;
      } catch {
        answered = false;
      }
      if (answered) {
        out.add(wait);
        break;
      }
    }
  }
  return out;
}

/** A failure mode by its registry id (src/world/failure-modes.ts), or by the id a trainer injects it by. */
function faultIds(): Set<string> {
  return new Set<string>([...MODE_IDS, ...FAULT_IDS]);
}

/** Dotted paths of every environment field (from the schema the files are checked against). */
function fieldPaths(): Set<string> {
  const out = new Set<string>();
  const walk = (node: Record<string, unknown>, prefix: string) => {
    const props = node.properties as Record<string, Record<string, unknown>> | undefined;
    if (!props) return;
    for (const [k, v] of Object.entries(props)) {
      const path = prefix ? `${prefix}.${k}` : k;
      out.add(path);
      walk(v, path);
      // A list of objects: its items' fields under the list's path (devicePreparation.policies.timeoutMinutes).
      if (v.items && typeof v.items === 'object') walk(v.items as Record<string, unknown>, path);
    }
  };
  walk(z.toJSONSchema(EnvironmentSchema, { io: 'input' }) as Record<string, unknown>, '');
  return out;
}

const root = BUNDLED_DIR;

/** What the runs show: bundled scenario files, and one generated run per variant and documented fault. */
export function evidenceOutcomes(): Array<{ outcome: Outcome; text: string; codes: string[] }> {
  // `codes` also holds each finding a run reports, as 'finding ID' (an exit the notes give no code for).
  const out: Array<{ outcome: Outcome; text: string; codes: string[] }> = [];
  const paths = (readdirSync(root, { recursive: true }) as string[]).map((p) => p.split('\\').join('/')).filter((p) => p.endsWith('.yaml') && !p.startsWith('fleets/')).sort();
  for (const path of paths) {
    const file = parseScenario(path, readFileSync(join(root, path), 'utf8')) as ScenarioFile;
    const { outcome, trace } = simulate(environmentOf(file), { seed: file.seed ?? 1 });
    out.push({ outcome, text: [outcome.cause, outcome.fallbackReason, ...trace.map((t) => t.detail ?? '')].join('\n'), codes: traceCodes(trace) });
  }
  for (const variant of Object.values(VARIANTS).flat()) {
    for (const fault of Object.keys(FAULTS)) {
      // The seed depends on the variant and the fault only, so adding either elsewhere leaves this sample as it was.
      const seed = stableSeed(`${variant.scenario}/${variant.name}/${fault}`);
      for (const g of fc.sample(environmentArbitrary(variant, { withFault: fault }), { seed, numRuns: 1 })) {
        const { outcome, trace } = simulate(defaultEnvironment(g.environment), { seed: g.seed });
        out.push({ outcome, text: [outcome.cause, outcome.fallbackReason, ...trace.map((t) => t.detail ?? '')].join('\n'), codes: traceCodes(trace) });
      }
    }
  }
  return out;
}

/** The codes a trace shows, and its findings as 'finding ID'. */
function traceCodes(trace: ReturnType<typeof simulate>['trace']): string[] {
  return trace.flatMap((t) => [...(t.code ? [t.code] : []), ...(t.finding ? [`finding ${t.finding}`] : [])]);
}

/** FNV-1a of a string: a seed that does not move when the lists around it grow. */
function stableSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function produced(evidence: Array<{ outcome: Outcome; text: string; codes: string[] }>): (what: string) => boolean {
  const codes = new Set<string>();
  for (const { outcome, codes: seen } of evidence) {
    if (outcome.errorCode) codes.add(outcome.errorCode);
    if (outcome.firstError) codes.add(outcome.firstError);
    for (const c of seen) codes.add(c);
  }
  const texts = evidence.map((e) => e.text).join('\n');
  return (what) => (what.startsWith('event ') ? new RegExp(`\\b${what}\\b`).test(texts) : codes.has(what));
}

export function checkMatrix(options: { matrix?: SpecItem[]; evidence?: boolean } = {}): SpecReport {
  const matrix = options.matrix ?? MATRIX;
  const states = statePaths();
  const rules = worldRules();
  const faults = faultIds();
  const fields = fieldPaths();
  const reached = options.evidence === false ? () => false : produced(evidenceOutcomes());
  const items: CheckedItem[] = matrix.map((item) => {
    const broken = [
      ...(item.states ?? []).filter((s) => !states.has(s)).map((s) => `state ${s}`),
      ...(item.waits ?? []).filter((w) => !rules.has(w)).map((w) => `world rule ${w}`),
      ...(item.faults ?? []).filter((f) => !faults.has(f)).map((f) => `failure mode ${f}`),
      ...(item.codes ?? []).filter((c) => !isErrorId(c)).map((c) => `catalogue entry ${c}`),
      ...(item.fields ?? []).filter((f) => !fields.has(f)).map((f) => `field ${f}`),
    ];
    const refs = (item.states?.length ?? 0) + (item.waits?.length ?? 0) + (item.faults?.length ?? 0) + (item.codes?.length ?? 0) + (item.fields?.length ?? 0);
    const status: ItemStatus = broken.length ? 'broken' : item.out ? 'out-of-scope' : item.pending ? 'pending' : refs === 0 ? 'unmapped' : 'mapped';
    return { item, status, broken, ...(item.produces ? { reached: reached(item.produces) } : {}) };
  });
  const counts = KINDS.map((kind) => {
    const of = items.filter((c) => c.item.kind === kind);
    const n = (s: ItemStatus) => of.filter((c) => c.status === s).length;
    const evidenced =
      kind === 'code'
        ? of.filter((c) => c.status !== 'out-of-scope' && c.reached).length
        : kind === 'condition'
          ? of.filter((c) => c.status === 'mapped' && (c.item.fields?.length ?? 0) > 0).length
          : of.filter((c) => c.status === 'mapped').length;
    return { kind, total: of.length, mapped: n('mapped'), outOfScope: n('out-of-scope'), pending: n('pending'), unmapped: n('unmapped'), broken: n('broken'), evidenced };
  });
  return { items, counts };
}

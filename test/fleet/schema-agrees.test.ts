// The published fleet schema (schema/fleet.schema.json) and the loader agree on what a fleet file is: an architect writes
// the file from the schema alone, so what the schema refuses the loader must refuse (exit 2 naming the field), and what it
// accepts the loader accepts, except where a rule across fields (or a file) decides, which JSON Schema cannot say: each
// such rule is listed below with the field it names. test/environment/json-schema.test.ts checks the schema is the zod
// schemas' own; test/reliability/bad-input.test.ts that bad input ends in one InputError; this one that their verdicts match.
//
// A small validator of the JSON Schema keywords the file uses (type, enum, const, minimum, maximum, exclusiveMinimum,
// minLength, pattern, minItems, maxItems, items, prefixItems, required, properties, additionalProperties, propertyNames,
// anyOf, $ref) judges each document; a test checks the schema uses no other.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/environment/load.ts';
import { loadFleet } from '../../src/fleet/index.ts';

type S = Record<string, any>;
const root: S = JSON.parse(readFileSync(new URL('../../schema/fleet.schema.json', import.meta.url), 'utf8'));
const ENV_REF = '#/$defs/environment';
const deref = (s: S): S => (typeof s.$ref === 'string' ? deref(root.$defs[s.$ref.split('/').pop()!]) : s);
const KNOWN = new Set(['type', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'minLength', 'pattern', 'minItems', 'maxItems', 'items', 'prefixItems', 'required', 'properties', 'additionalProperties', 'propertyNames', 'anyOf', '$ref', 'description', 'default', 'examples', 'title', '$schema', '$defs']);

function typeOk(t: string, v: unknown): boolean {
  if (t === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  if (t === 'array') return Array.isArray(v);
  if (t === 'number') return typeof v === 'number' && Number.isFinite(v);
  if (t === 'integer') return Number.isInteger(v);
  if (t === 'null') return v === null;
  return typeof v === t;
}
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether the schema accepts v. */
function valid(s0: S, v: unknown): boolean {
  const s = deref(s0);
  if (s.anyOf && !s.anyOf.some((b: S) => valid(b, v))) return false;
  if (s.type !== undefined && ![s.type].flat().some((t: string) => typeOk(t, v))) return false;
  if (s.enum && !s.enum.some((e: unknown) => same(e, v))) return false;
  if ('const' in s && !same(s.const, v)) return false;
  if (typeof v === 'number' && ((s.minimum !== undefined && v < s.minimum) || (s.maximum !== undefined && v > s.maximum) || (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum))) return false;
  if (typeof v === 'string' && ((s.minLength !== undefined && [...v].length < s.minLength) || (s.pattern && !new RegExp(s.pattern, 'u').test(v)))) return false;
  if (Array.isArray(v)) {
    if ((s.minItems !== undefined && v.length < s.minItems) || (s.maxItems !== undefined && v.length > s.maxItems)) return false;
    if (s.prefixItems && !s.prefixItems.every((p: S, i: number) => i >= v.length || valid(p, v[i]))) return false;
    if (s.prefixItems && s.items === false && v.length > s.prefixItems.length) return false;
    if (s.items && typeof s.items === 'object' && !v.every((x) => valid(s.items, x))) return false;
  }
  if (typeOk('object', v)) {
    const o = v as Record<string, unknown>;
    if ((s.required ?? []).some((r: string) => !(r in o))) return false;
    for (const [k, x] of Object.entries(o)) {
      if (s.propertyNames && !valid(s.propertyNames, k)) return false;
      if (s.properties?.[k]) {
        if (!valid(s.properties[k], x)) return false;
      } else if (s.additionalProperties === false) return false;
      else if (typeof s.additionalProperties === 'object' && !valid(s.additionalProperties, x)) return false;
    }
  }
  return true;
}

/** The smallest value the schema accepts (required fields only). */
function minimal(s0: S): unknown {
  const s = deref(s0);
  if (s.anyOf) return minimal(s.anyOf[0]);
  if ('const' in s) return s.const;
  if (s.enum) return s.enum[0];
  const t = [s.type].flat()[0];
  if (t === 'object') return Object.fromEntries((s.required ?? []).map((r: string) => [r, minimal(s.properties[r])]));
  if (t === 'array') return Array.from({ length: s.minItems ?? 0 }, () => minimal(s.items));
  if (t === 'string') return s.pattern ? '1.2.3.4' : 'a'.repeat(Math.max(1, s.minLength ?? 1));
  if (t === 'number' || t === 'integer') return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
  if (t === 'boolean') return false;
  return null;
}

/** Values to try at a field: each enum value, each bound and either side of it, a wrong type, an unknown key. */
function edges(s0: S): unknown[] {
  const s = deref(s0);
  if (s.anyOf) return [...s.anyOf.flatMap((b: S) => edges(b)), { zz: 1 }];
  if ('const' in s) return [s.const, typeof s.const === 'number' ? s.const + 1 : 'zz'];
  if (s.enum) return [...s.enum, 'not-one', 7];
  const out: unknown[] = [];
  for (const t of [s.type].flat()) {
    if (t === 'number' || t === 'integer') {
      const step = t === 'integer' ? 1 : 0.5;
      const bounds = [s.minimum, s.maximum, s.exclusiveMinimum].filter((x) => x !== undefined);
      for (const x of bounds) out.push(x - step, x, x + step);
      out.push(...(bounds.length ? [] : [-1, 0]), '5', 2.5);
    } else if (t === 'string') out.push('a', '', 5, s.pattern ? '1.2.3' : 'abc');
    else if (t === 'boolean') out.push(true, false, 'yes', 0);
    else if (t === 'null') out.push(null);
    else if (t === 'array') {
      out.push([], 'a');
      if (s.items && typeof s.items === 'object') out.push([minimal(s.items)]);
      if (s.maxItems !== undefined) out.push(Array.from({ length: s.maxItems + 1 }, () => minimal(s.items)));
    } else if (t === 'object') out.push({}, { zzUnknown: 1 }, []);
  }
  return out;
}

type Path = Array<string | number>;
/** Every field: objects by their properties, arrays by their first item, maps by a key "k"; the environment in full once (the fleet's), elsewhere as a whole. */
function fields(s0: S, path: Path, out: Array<[Path, S]>, inEnvironment: boolean): Array<[Path, S]> {
  out.push([path, s0]);
  if (s0.$ref === ENV_REF && path.length > 1) return out;
  const s = deref(s0);
  const t = [s.type].flat()[0];
  if (t === 'object' && s.properties) for (const [k, v] of Object.entries(s.properties)) fields(v as S, [...path, k], out, inEnvironment || s0.$ref === ENV_REF);
  else if (t === 'object' && typeof s.additionalProperties === 'object') fields(s.additionalProperties, [...path, 'k'], out, inEnvironment);
  else if (t === 'array' && s.items && typeof s.items === 'object') fields(s.items, [...path, 0], out, inEnvironment);
  return out;
}

/** The smallest valid document with `value` at `path` (its parents made, their required fields filled). */
function documentWith(path: Path, value: unknown): Record<string, unknown> {
  const doc = minimal(root) as Record<string, any>;
  let node: any = doc;
  let s: S = root;
  path.forEach((key, i) => {
    const d = deref(s);
    const child: S = typeof key === 'number' ? d.items : (d.properties?.[key] ?? d.additionalProperties);
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    node[key] ??= minimal(child);
    if (Array.isArray(node[key]) && node[key].length === 0) node[key].push(minimal(deref(child).items));
    node = node[key];
    s = child;
  });
  return doc;
}

/** The loader's verdict on a document written as JSON: null (accepted), or the InputError's field and message. */
function loaded(doc: unknown): { field: string; message: string } | null {
  try {
    loadFleet('f.json', JSON.stringify(doc));
    return null;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { field: e.field, message: e.message };
  }
}

/**
 * The rules across fields (or on a file) that refuse a value the schema accepts, by the field the refusal names and its
 * words. Each is a documented rule of the loader, which JSON Schema cannot say; a refusal not listed here is a value the
 * schema describes as accepted that the loader refuses.
 */
const ACROSS_FIELDS: Array<[RegExp, RegExp]> = [
  [/(^|\.)include$/, /expected a readable file/], // a file that must exist
  [/hardware\.tpmIssue$/, /hardware\.tpmVendor is/], // amd-ftpm-firmware needs an AMD firmware TPM
  [/profile\.deploymentMode$/, /run from a user-driven profile/], // the profile's mode against the scenario
  [/profile\.assignedUserUpnCorrect$/, /no user is assigned/],
  [/calibrated\.observed$/, /expected succeeded <= deployments/],
  [/^sites\[0\]\.share$/, /the fleet's only site/],
  [/^sites\[0\]\.internetVia$/, /expected the name of another site/],
  [/^groups\[0\]\.sites(\.k|\.zzUnknown)?$/, /expected (one of the sites|at least one site with a weight above 0)/],
  [/^groups\[0\]\.technicianSite$/, /expected one of the sites/],
  [/^sharedWorld\.incident\.endHour$/, /expected endHour >= startHour/],
];

const ALL = fields(root, [], [], false).filter(([p]) => p.length > 0);

describe('the fleet schema and the loader', () => {
  it('the schema uses only the keywords the validator here knows', () => {
    const used = new Set<string>();
    const walk = (n: unknown, under?: string) => {
      if (Array.isArray(n)) return n.forEach((x) => walk(x));
      if (!n || typeof n !== 'object') return;
      for (const [k, v] of Object.entries(n)) {
        if (under !== 'properties' && under !== '$defs') used.add(k);
        if (!['enum', 'const', 'default', 'examples'].includes(k)) walk(v, k);
      }
    };
    walk(root);
    expect([...used].filter((k) => !KNOWN.has(k))).toEqual([]);
    expect(ALL.length).toBeGreaterThan(300);
  });

  it('agree on each field at its edges: every enum value, each bound and either side, a wrong type, an unknown key', () => {
    const loaderLaxer: string[] = [];
    const unlisted: string[] = [];
    let tried = 0;
    for (const [path, s] of ALL) {
      for (const value of edges(s)) {
        const doc = documentWith(path, value);
        const schema = valid(root, doc);
        const refused = loaded(doc);
        tried++;
        const at = `${path.join('.')} = ${JSON.stringify(value)?.slice(0, 30)}`;
        if (!schema && !refused) loaderLaxer.push(at);
        if (schema && refused && !ACROSS_FIELDS.some(([field, words]) => field.test(refused.field) && words.test(refused.message))) unlisted.push(`${at}: ${refused.message.slice(0, 160)}`);
      }
    }
    expect(tried).toBeGreaterThan(2000);
    expect(loaderLaxer, 'the loader accepts what the schema refuses').toEqual([]);
    expect(unlisted, 'the loader refuses what the schema accepts, by no rule across fields').toEqual([]);
  });

  it('agree on files made of several fields at once, each valid or at an edge: what the schema refuses the loader refuses (random)', () => {
    const leaves = ALL.filter(([, s]) => !['object', 'array'].includes([deref(s).type].flat()[0]) || deref(s).enum);
    const pick = fc.constantFrom(...leaves).chain(([path, s]) => fc.constantFrom(...edges(s)).map((value) => [path, value] as const));
    fc.assert(
      fc.property(fc.array(pick, { minLength: 1, maxLength: 6 }), (picks) => {
        let doc: Record<string, any> = minimal(root) as Record<string, any>;
        for (const [path, value] of picks) doc = mergeInto(doc, documentWith(path, value));
        const schema = valid(root, doc);
        const refused = loaded(doc);
        // What the schema refuses the loader refuses (several fields together meet rules across fields beyond the list above).
        if (!schema) expect(refused, JSON.stringify(doc).slice(0, 300)).not.toBeNull();
      }),
      { numRuns: 300, seed: 22 },
    );
  });
});

/** b's fields over a's, objects merged, anything else (arrays too) replaced. */
function mergeInto(a: Record<string, any>, b: Record<string, any>): Record<string, any> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = typeOk('object', v) && typeOk('object', out[k]) ? mergeInto(out[k], v) : v;
  return out;
}

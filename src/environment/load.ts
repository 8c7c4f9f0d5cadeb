// Reading scenario files: YAML or JSON text -> a validated ScenarioFile, or one
// InputError naming the file, the field and what was expected. Pure (no node:*):
// the caller reads the bytes, so the same code validates files in the browser.
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { EnvironmentSchema, RULES, ScenarioFileSchema, type Environment, type ScenarioFile } from './schema.ts';

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly expected: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${expected}`);
    this.name = 'InputError';
  }
}

const MAX_BYTES = 1_000_000;

/** Decode bytes as UTF-8, refusing anything else. */
export function decodeText(file: string, bytes: Uint8Array): string {
  if (bytes.length > MAX_BYTES) throw new InputError(file, '', `expected a file under ${MAX_BYTES} bytes, got ${bytes.length}`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError(file, '', 'expected UTF-8 text (the file has bytes that are not UTF-8)');
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}${'input' in issue && issue.input !== undefined ? `, got ${show(issue.input)}` : ''}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${'input' in issue ? `, got ${show(issue.input)}` : ''}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'too_small':
      return `expected ${issue.origin === 'array' ? 'at least' : issue.inclusive ? '>=' : '>'} ${issue.minimum}${issue.origin === 'array' ? ' items' : ''}${'input' in issue && typeof issue.input !== 'object' ? `, got ${show(issue.input)}` : ''}`;
    case 'too_big':
      return `expected ${issue.origin === 'array' ? 'at most' : issue.inclusive ? '<=' : '<'} ${issue.maximum}${issue.origin === 'array' ? ' items' : ''}${'input' in issue && typeof issue.input !== 'object' ? `, got ${show(issue.input)}` : ''}`;
    case 'invalid_union':
      return 'expected minutes as a number, or one of {fixed}, {uniform: [min, max]}, {triangular: [min, mode, max]}, {lognormal: {median, p90}}';
    default:
      return issue.message;
  }
}

/** The known fields at a path, for "unknown field" errors. */
function nearest(key: string, path: ReadonlyArray<PropertyKey>, root: z.ZodType): string {
  let shape: unknown = root;
  for (const p of path) {
    if (typeof p === 'number') {
      shape = (shape as { element?: unknown }).element ?? (shape as { _zod?: { def?: { element?: unknown } } })._zod?.def?.element;
    } else {
      let s = shape as { shape?: Record<string, unknown>; _zod?: { def?: { innerType?: unknown } } };
      while (s && !s.shape && s._zod?.def?.innerType) s = s._zod.def.innerType as typeof s;
      shape = s?.shape?.[String(p)];
    }
    let s = shape as { shape?: unknown; _zod?: { def?: { innerType?: unknown } } };
    while (s && !s.shape && !(s as { element?: unknown }).element && s._zod?.def?.innerType) s = s._zod.def.innerType as typeof s;
    shape = s;
  }
  const fields = Object.keys((shape as { shape?: Record<string, unknown> })?.shape ?? {});
  if (fields.length === 0) return 'not a known field here';
  const close = fields.find((f) => f.toLowerCase() === key.toLowerCase()) ?? fields.find((f) => distance(f, key) <= 2);
  return close ? `did you mean "${close}"?` : `expected one of ${fields.join(', ')}`;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)] as number[]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function lineOf(doc: Document | undefined, counter: LineCounter, path: ReadonlyArray<PropertyKey>): number | undefined {
  if (!doc) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Parse and validate the text of a scenario file. */
export function parseScenario(file: string, text: string): ScenarioFile {
  const parsed = parseText(file, text);
  const data = validate(parsed, ScenarioFileSchema, [], ScenarioFileSchema);
  for (const rule of RULES) {
    if (!rule.check(data)) throw new InputError(file, rule.path.join('.'), rule.message, lineOf(parsed.doc, parsed.counter, rule.path));
  }
  return data;
}

export interface ParsedText {
  file: string;
  raw: Record<string, unknown>;
  doc: Document | undefined;
  counter: LineCounter;
}

/** YAML or JSON text -> a plain mapping, or an InputError. */
export function parseText(file: string, text: string): ParsedText {
  const counter = new LineCounter();
  let doc: Document | undefined;
  let raw: unknown;
  if (/\.json$/i.test(file)) {
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new InputError(file, '', `expected valid JSON (${(e as Error).message})`);
    }
  } else {
    doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
    const err = doc.errors[0];
    if (err) {
      const line = err.linePos?.[0]?.line;
      throw new InputError(file, '', `expected valid YAML (${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')})`, line);
    }
    raw = doc.toJS({ maxAliasCount: 100 });
  }
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(file, '', `expected a mapping of fields (such as "scenario: user-driven"), got ${Array.isArray(raw) ? 'a list' : show(raw)}`);
  }
  return { file, raw: raw as Record<string, unknown>, doc, counter };
}

/**
 * Validate `value` (found at `at` in the parsed file) against a schema; the first issue
 * becomes an InputError naming the file, the full field path and what was expected.
 * `shapeRoot` is the schema whose fields "did you mean" suggestions come from.
 */
export function validate<S extends z.ZodType>(parsed: ParsedText, schema: S, at: PropertyKey[], shapeRoot: z.ZodType = schema, value: unknown = parsed.raw): z.infer<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const single = issue.code === 'unrecognized_keys' && issue.keys.length === 1;
  const inner = single ? [...issue.path, issue.keys[0]!] : issue.path;
  const path = [...at, ...inner];
  const expected = single ? `unknown field (${nearest(issue.keys[0]!, issue.path, shapeRoot)})` : describeIssue(issue);
  throw new InputError(parsed.file, pathText(path), expected, lineOf(parsed.doc, parsed.counter, path));
}

/** The environment part of a scenario file (no name, description, expectation). */
export function environmentOf(s: ScenarioFile): Environment {
  const { name: _n, description: _d, seed: _s, expect: _e, lesson: _l, ...env } = s;
  return env;
}

/** A healthy environment, with overrides merged in (for tests and the library API). */
export function defaultEnvironment(overrides: unknown = {}): Environment {
  return EnvironmentSchema.parse(overrides);
}

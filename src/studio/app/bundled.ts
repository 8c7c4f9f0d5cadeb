// Every scenario file under scenarios/ (lessons included; fleets are another format),
// bundled into the app at build time so the browser lists them without a server.
import { parseScenario, parseText, InputError } from '../../environment/load.ts';
import type { EnvironmentInput, ScenarioFile } from '../../environment/schema.ts';

const texts = import.meta.glob(['../../../scenarios/**/*.yaml', '!../../../scenarios/fleets/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export type Group = 'lessons' | 'scenarios' | 'failures' | 'regressions';

export interface Bundled {
  /** Path under scenarios/, e.g. 'failures/self-deploying-vm.yaml'. */
  path: string;
  /** A stable slug for tests and links: 'failures-self-deploying-vm'. */
  slug: string;
  group: Group;
  name: string;
  description: string;
  seed: number;
  file: ScenarioFile;
  /** The environment as written (defaults left out): what a shared link carries. */
  input: EnvironmentInput;
  lesson: ScenarioFile['lesson'] | undefined;
}

const META = new Set(['name', 'description', 'references', 'seed', 'expect', 'lesson']);

/** The bundled texts by path under scenarios/. */
const TEXTS = new Map(Object.entries(texts).map(([key, text]) => [key.replace(/^(\.\.\/)+scenarios\//, ''), text]));

/**
 * Each file is read when it is first asked for, not all of them when the page loads: the studio
 * opens one file (reading all ~100 took about a fifth of a second of every page load, the
 * presenter's window included); the picker and side by side read the rest when they open.
 */
const read = new Map<string, Bundled | { error: string }>();

function readOne(path: string): Bundled | { error: string } {
  const kept = read.get(path);
  if (kept) return kept;
  const text = TEXTS.get(path)!;
  let out: Bundled | { error: string };
  try {
    const file = parseScenario(path, text, [...TEXTS.keys()]);
    const raw = parseText(path, text).raw;
    const input = Object.fromEntries(Object.entries(raw).filter(([k]) => !META.has(k))) as EnvironmentInput;
    const dir = path.includes('/') ? path.split('/')[0]! : '';
    const group: Group = dir === 'lessons' ? 'lessons' : dir === 'failures' ? 'failures' : dir === 'regressions' ? 'regressions' : 'scenarios';
    out = {
      path,
      slug: path.replace(/\.yaml$/, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase(),
      group,
      name: file.lesson?.title ?? file.name ?? path,
      description: file.description ?? '',
      seed: file.seed ?? 1,
      file,
      input,
      lesson: file.lesson,
    };
  } catch (e) {
    out = { error: e instanceof InputError ? e.message : `${path}: ${(e as Error).message}` };
  }
  read.set(path, out);
  return out;
}

let all: { files: Bundled[]; errors: string[] } | null = null;

function readAll(): { files: Bundled[]; errors: string[] } {
  if (all) return all;
  const files: Bundled[] = [];
  const errors: string[] = [];
  for (const path of TEXTS.keys()) {
    const b = readOne(path);
    if ('error' in b) errors.push(b.error);
    else files.push(b);
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return (all = { files, errors });
}

/** Every bundled file that reads, by path. */
export function bundledFiles(): readonly Bundled[] {
  return readAll().files;
}

/** Why the bundled files that do not read do not. */
export function bundleErrors(): readonly string[] {
  return readAll().errors;
}

/** A bundled file by its path under scenarios/ (undefined when there is none or it does not read). */
export function bundledByPath(path: string): Bundled | undefined {
  if (!TEXTS.has(path)) return undefined;
  const b = readOne(path);
  return 'error' in b ? undefined : b;
}

export const DEFAULT_PATH = 'user-driven-entra.yaml';

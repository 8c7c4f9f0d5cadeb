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

function load(): { files: Bundled[]; errors: string[] } {
  const files: Bundled[] = [];
  const errors: string[] = [];
  for (const [key, text] of Object.entries(texts)) {
    const path = key.replace(/^(\.\.\/)+scenarios\//, '');
    try {
      const file = parseScenario(path, text);
      const raw = parseText(path, text).raw;
      const input = Object.fromEntries(Object.entries(raw).filter(([k]) => !META.has(k))) as EnvironmentInput;
      const dir = path.includes('/') ? path.split('/')[0]! : '';
      const group: Group = dir === 'lessons' ? 'lessons' : dir === 'failures' ? 'failures' : dir === 'regressions' ? 'regressions' : 'scenarios';
      files.push({
        path,
        slug: path.replace(/\.yaml$/, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase(),
        group,
        name: file.lesson?.title ?? file.name ?? path,
        description: file.description ?? '',
        seed: file.seed ?? 1,
        file,
        input,
        lesson: file.lesson,
      });
    } catch (e) {
      errors.push(e instanceof InputError ? e.message : `${path}: ${(e as Error).message}`);
    }
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, errors };
}

const loaded = load();
export const BUNDLED: readonly Bundled[] = loaded.files;
export const BUNDLE_ERRORS: readonly string[] = loaded.errors;

export function bundledByPath(path: string): Bundled | undefined {
  return BUNDLED.find((b) => b.path === path);
}

export const DEFAULT_PATH = 'user-driven-entra.yaml';

// Reading scenario files from disk (Node only), and the bundled ones.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, decodeText, parseScenario } from './load.ts';
import type { ScenarioFile } from './schema.ts';

export const BUNDLED_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** A path, or the name of a bundled scenario ("self-deploying", "failures/vm-self-deploying"). */
export function resolveScenarioPath(arg: string): string {
  if (existsSync(arg)) return arg;
  for (const candidate of [join(BUNDLED_DIR, arg), join(BUNDLED_DIR, `${arg}.yaml`)]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return arg;
}

export function readScenario(arg: string): { path: string; file: ScenarioFile } {
  const path = resolveScenarioPath(arg);
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new InputError(arg, '', 'expected a scenario file, got a directory');
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(arg, '', code === 'ENOENT' ? 'file not found (give a path, or a bundled name from `autopilot-sim scenarios`)' : `cannot read the file (${code ?? (e as Error).message})`);
  }
  return { path, file: parseScenario(path === arg ? arg : displayPath(path), decodeText(arg, bytes)) };
}

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel.startsWith('..') ? path : rel;
}

/** Every bundled scenario file, relative to scenarios/, sorted. */
export function bundledScenarios(): string[] {
  if (!existsSync(BUNDLED_DIR)) return [];
  return (readdirSync(BUNDLED_DIR, { recursive: true }) as string[])
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => f.split('\\').join('/'))
    .sort();
}

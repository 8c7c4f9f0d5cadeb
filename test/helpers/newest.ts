// When a build is older than what it is built from: the newest modification time under some paths.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** The newest modification time of the files under these paths (files or folders, from the repository's root). */
export function newestMtime(paths: string[]): number {
  let newest = 0;
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) if (existsSync(join(repo, p))) walk(join(repo, p));
  return newest;
}

/** Whether every output exists and none is older than the newest of the sources. */
export function builtSince(outputs: string[], sources: string[]): boolean {
  if (!outputs.every((o) => existsSync(join(repo, o)))) return false;
  const oldest = Math.min(...outputs.map((o) => statSync(join(repo, o)).mtimeMs));
  return oldest >= newestMtime(sources);
}

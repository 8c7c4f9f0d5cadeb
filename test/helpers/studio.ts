// What the studio's browser tests share: the built app, rebuilt when its sources are newer, and
// the reference run's length as the model gives it (not a number copied into each test).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '../../src/engine/simulate.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { STUDIO_DIR } from '../../src/studio/server.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Newest modification time under the folders the studio is built from. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const d of ['src', 'machines', 'scenarios']) walk(join(repo, d));
  return newest;
}

/** Build dist/studio when it is missing or older than its sources. */
export function ensureStudioBuilt(): void {
  const index = join(STUDIO_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource()) return;
  execFileSync(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'src/studio/vite.config.ts'], { cwd: repo, stdio: 'pipe' });
}

/** Steps of the studio's default run (scenarios/user-driven-entra.yaml at its seed). */
export function referenceSteps(): number {
  const file = parseScenario('user-driven-entra.yaml', readFileSync(join(repo, 'scenarios/user-driven-entra.yaml'), 'utf8'));
  return simulate(environmentOf(file), { seed: file.seed }).outcome.steps;
}

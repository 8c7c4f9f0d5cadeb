// Saves a generated environment that broke a property as a scenario file under
// scenarios/regressions/, so that the failure replays without fast-check: the file holds the
// environment input, the seed, the faults and property in its description, and `expect` set to
// the outcome seen. test/capabilities/regressions.test.ts replays every such file, and
// test/scenarios/bundled.test.ts runs it too, against a golden trace it needs once:
//   npx vitest run test/scenarios -u -t "regressions/<name>"
// (check the golden file it writes). Once the model is fixed, the replay shows the new outcome:
// update `expect` to it, and the golden trace with the same command.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { GeneratedEnvironment } from '../../src/capabilities/generators.ts';
import type { Outcome } from '../../src/engine/simulate.ts';
import { parseScenario } from '../../src/environment/load.ts';

export const REGRESSIONS_DIR = fileURLToPath(new URL('../../scenarios/regressions/', import.meta.url));

/** A file name from a name: lower case, words joined by dashes. */
export const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);

/**
 * Write scenarios/regressions/<slug(name)>.yaml for a generated environment and the outcome
 * it produced; `property` names what failed (and how), for the description. Returns the path.
 * Throws if the environment is not a valid scenario file (the generators can produce inputs
 * the file rules refuse, such as a hybrid self-deploying profile).
 */
export function saveRegression(name: string, generated: GeneratedEnvironment, outcome: Outcome, property = 'a property'): string {
  const file = `${slug(name)}.yaml`;
  const v = generated.variant;
  const faults = generated.faults.length ? `faults: ${generated.faults.join(', ')}` : 'no faults';
  const description =
    `Generated ${v.scenario} (${v.name}) environment, ${faults}. ` +
    `It broke ${property}. ` +
    `Seen: ${outcome.status}${outcome.errorCode ? ` ${outcome.errorCode}` : ''}${outcome.failedPhase ? ` in ${outcome.failedPhase}` : ''}` +
    `${outcome.cause ? ` (${outcome.cause})` : outcome.fallbackReason ? ` (${outcome.fallbackReason})` : ''}.`;
  const expect: Record<string, string> = { status: outcome.status };
  if (outcome.errorCode) expect.errorCode = outcome.errorCode;
  if (outcome.failedPhase) expect.failedPhase = outcome.failedPhase;
  const doc = { name: slug(name), description, seed: generated.seed, scenario: v.scenario, ...generated.environment, expect };
  const text = stringify(doc, { lineWidth: 100 });
  parseScenario(file, text); // refuse to write a file the loader (and bundled.test.ts) would reject
  mkdirSync(REGRESSIONS_DIR, { recursive: true });
  const path = join(REGRESSIONS_DIR, file);
  writeFileSync(path, text);
  return path;
}

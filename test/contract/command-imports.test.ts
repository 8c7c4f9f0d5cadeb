// What a command loads before its first device: the modules its file imports statically, and theirs. The fleet
// commands must not load calibrate's export readers (csv-parse, the fit): f2f821d's recommend and compare note
// imported two lines of wording from src/calibrate/twin.ts, and every `run` then loaded calibrate whole, about a
// tenth of a second and 12 MB more before its first device (issue 17: the CLI's fixed cost). Nor the machines and
// XState, which their workers run (src/fleet/chunk.ts): be8496b's lesson notes checked a note's state against the
// machines in the scenario loader, about 30 ms more. Dynamic import()s, the way the program loads a command and a
// command its rarer parts, are not followed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The files `file` (relative to the root) imports statically, values only: `import type` costs nothing at run time. */
function staticImports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) {
      const target = relative(root, resolve(root, dirname(file), spec)).split('\\').join('/');
      if (existsSync(join(root, target))) out.push(target);
    } else out.push(`package:${spec.split('/')[0]!.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]}`);
  }
  return out;
}

/** Every module reached from `entry` by static imports, each with the chain that reached it first. */
function reached(entry: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    if (file.startsWith('package:')) continue;
    for (const next of staticImports(file)) {
      if (chains.has(next)) continue;
      chains.set(next, [...chains.get(file)!, next]);
      queue.push(next);
    }
  }
  return chains;
}

const FLEET_COMMANDS = ['src/cli/commands/fleet.ts', 'src/cli/commands/analysis.ts', 'src/cli/commands/recommend.ts'];
const NOT_BEFORE_THE_FIRST_DEVICE = ['src/calibrate/read.ts', 'src/calibrate/fit.ts', 'src/calibrate/twin.ts', 'package:csv-parse', 'machines/index.ts', 'package:xstate'];

describe('what a fleet command loads before its first device', () => {
  it.each(FLEET_COMMANDS)("%s loads none of calibrate's export readers or its fit, nor the machines", (command) => {
    const chains = reached(command);
    // The walk is real: it reaches the engine through the fleet's runner.
    expect(chains.has('src/fleet/index.ts') || chains.has('src/fleet/analysis.ts') || chains.has('src/recommend/index.ts')).toBe(true);
    const loaded = NOT_BEFORE_THE_FIRST_DEVICE.filter((m) => chains.has(m)).map((m) => chains.get(m)!.join(' -> '));
    expect(loaded).toEqual([]);
  });
});

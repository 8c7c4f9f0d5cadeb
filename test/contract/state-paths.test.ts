// src/catalog/state-paths.ts is the machines' state paths written out (by `npm run schema`), so that the scenario loader
// checks a lesson's notes without loading the machines. A machine whose states change without it fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { machines } from '../../machines/index.ts';
import { statePathsOf } from '../../machines/paths.ts';
import { STATE_PATHS } from '../../src/catalog/state-paths.ts';
import { SCENARIO_IDS } from '../../src/catalog/vocabulary.ts';
import { statePathsText } from '../../src/cli/state-paths-text.ts';

describe("the machines' state paths, written out", () => {
  it('are the machines\' (run `npm run schema` after adding, renaming or moving a state)', () => {
    expect(readFileSync(new URL('../../src/catalog/state-paths.ts', import.meta.url), 'utf8')).toBe(statePathsText());
  });

  it.each(SCENARIO_IDS)('%s: every state of the machine, and only those', (id) => {
    const nodes: string[] = [];
    const walk = (n: { states?: Record<string, unknown>; path: string[] }) => {
      for (const child of Object.values(n.states ?? {}) as Array<{ states?: Record<string, unknown>; path: string[] }>) {
        nodes.push(child.path.join('.'));
        walk(child);
      }
    };
    // XState's own paths, not the walker's: a walker that dropped or misnamed states would fail here.
    walk(machines[id].root as unknown as { states?: Record<string, unknown>; path: string[] });
    expect([...STATE_PATHS[id]].sort()).toEqual(nodes.sort());
    expect(statePathsOf(machines[id]).length).toBeGreaterThan(10);
  });
});

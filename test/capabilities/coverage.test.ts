// Every state and transition of every machine is reachable in the model (xstate/graph)
// and reached by some generated environment.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coverage } from '../../src/capabilities/coverage.ts';

describe('coverage of the model', () => {
  const result = coverage();
  for (const m of result) {
    it(`${m.scenario}: every state and transition is reachable and reached`, () => {
      expect(m.unreachable, 'defined but unreachable in the model').toEqual([]);
      expect(m.uncovered, 'reachable but no generated environment gets there').toEqual([]);
      expect(m.states.covered).toBe(m.states.total);
      expect(m.transitions.covered).toBe(m.transitions.total);
      expect(m.transitions.total).toBeGreaterThan(10);
    });
  }

  it("the README's coverage table is the one the model gives today", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const m of result) {
      const row = `| ${m.scenario} | ${m.states.covered} / ${m.states.total} | ${m.transitions.covered} / ${m.transitions.total} |`;
      expect(readme, `README row for ${m.scenario}`).toContain(row);
    }
  });
});

// docs/model.md tells a reader what the model rests on: how many defaults are estimates, how many failure modes are
// inferences, which readings exist, how many items are out of scope. Each count and list there is the code's today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANCES, DURATIONS } from '../../src/environment/durations.ts';
import { EnvironmentSchema } from '../../src/environment/schema.ts';
import { MODES } from '../../src/world/failure-modes.ts';
import { MATRIX } from '../../src/spec/matrix.ts';

const page = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8');
const count = (pattern: RegExp): number => Number(pattern.exec(page)?.[1]);

describe('docs/model.md says what the code holds', () => {
  it('how many default durations are estimates, and which one is documented', () => {
    const all = Object.entries(DURATIONS);
    const estimates = all.filter(([, d]) => d.estimate);
    expect(page).toContain(`${estimates.length} of the ${all.length} default durations are estimates`);
    const documented = all.filter(([, d]) => !d.estimate);
    expect(documented.map(([name]) => name)).toEqual(['qualityUpdates']);
  });

  it('how many chances are estimates', () => {
    expect(count(/estimates too: (\d+) of them/)).toBe(Object.keys(CHANCES).length);
  });

  it('how many failure modes end their cause with [INF]', () => {
    const inferred = Object.values(MODES).filter((m) => /\[INF\]/.test((m as { cause?: string }).cause ?? ''));
    expect(count(/`\[INF\]`: (\d+) failure modes do/)).toBe(inferred.length);
  });

  it('every reading, and only those, is in its table', () => {
    const readings = Object.keys(EnvironmentSchema.shape.readings.unwrap().shape);
    const inTable = [...page.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
    expect(inTable.sort()).toEqual([...readings].sort());
  });

  it('how many items of the traceability matrix are out of scope', () => {
    expect(count(/marks (\d+) of the domain notes' items out of scope/)).toBe(MATRIX.filter((i) => i.out).length);
  });
});

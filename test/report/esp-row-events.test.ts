// The ESP's rows before Apps each end with the same event (esp.itemsApplied); the class reads which row it was. Three
// steps in a row read 'Policies and certificates applied' in simulate's timeline, play, the studio's log and its chart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { entryEventText } from '../../src/studio/app/insight.ts';

describe("the ESP rows' events", () => {
  it('name the row that is done: security policies, certificates, network profiles, in device setup and account setup', () => {
    const file = parseScenario('user-driven-entra.yaml', readFileSync(new URL('../../scenarios/user-driven-entra.yaml', import.meta.url), 'utf8'));
    const sim = simulate(environmentOf(file), { seed: file.seed });
    const said = sim.trace.flatMap((t, i) => (t.event === 'esp.itemsApplied' ? [entryEventText(sim.trace, i)] : []));
    const rows = ['Security policies applied', 'Certificates applied', 'Network profiles applied'];
    expect(said).toEqual([...rows, ...rows]);
  });
});

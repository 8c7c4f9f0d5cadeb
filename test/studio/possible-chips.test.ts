// 'Can happen now' under the narration and the fault list agree: at lesson 01's Entra join the chip read 'Entra join
// fails' while the list (f, the panel) offered 'User reached the Entra device limit' and 'Entra device object deleted',
// nothing named as the chip; and a chip no one can inject ('Home tenant: profile not applied', 'The device ESP times
// out') looked like the rest, with no word of why.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { Session } from '../../src/engine/session.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { insightOf, possibleNow } from '../../src/studio/app/insight.ts';

const lessonsDir = new URL('../../scenarios/lessons/', import.meta.url);
const sessionOf = (name: string) => {
  const file = parseScenario(name, readFileSync(new URL(name, lessonsDir), 'utf8'));
  return new Session(environmentOf(file), file.seed ?? 1, [], name);
};

describe("'Can happen now' and the fault list", () => {
  it("lesson 01's Entra join: the chip says it stands for the list's two faults, by their cards' words", () => {
    const s = sessionOf('01-first-user-driven-deployment.yaml');
    const entry = s.trace.find((e) => e.state.endsWith('signIn.entraJoin'))!;
    const cards = s.faultsFor(entry).filter((f) => f.event.type === 'entra.joinFailed').map((f) => f.label);
    expect(cards).toEqual(['User reached the Entra device limit', 'Entra device object deleted']);
    const chip = possibleNow(s, insightOf(s), entry).find((p) => p.event === 'entra.joinFailed')!;
    expect(chip).toMatchObject({ label: 'Entra join fails (2 faults)', action: 'faults', faults: cards });
  });

  it('in every lesson at every step: a chip is one card, several cards counted, or says why it cannot be chosen', () => {
    let checked = 0;
    for (const name of readdirSync(lessonsDir).filter((f) => f.endsWith('.yaml'))) {
      const s = sessionOf(name);
      const insight = insightOf(s);
      for (const entry of s.trace) {
        const faults = s.faultsFor(entry);
        const chips = possibleNow(s, insight, entry);
        // Every fault the list offers is under the narration too, through its event.
        for (const f of faults) expect(chips.map((c) => c.event), `${name} ${entry.state}: ${f.id}`).toContain(f.event.type);
        for (const c of chips) {
          const where = `${name} ${entry.state}: ${c.label}`;
          const matching = faults.filter((f) => f.event.type === c.event).map((f) => f.label);
          if (c.action === 'faults') {
            expect(c.label, where).toMatch(new RegExp(`\\(${matching.length} faults\\)$`));
            expect(c.faults, where).toEqual(matching);
          } else if (c.action === 'choose' && matching.length === 1) expect(c.label, where).toBe(matching[0]);
          else if (!c.action) expect(c.why, where).toMatch(/^not a fault to inject: it happens /);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

// goals.preferEntraJoin defaults to true: a file that never wrote it was told 'goals.preferEntraJoin is on', which read as
// a goal the architect had set (an MSP's draft of a customer's hybrid estate, goals: { leastEndUserTime: true } only).
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { recommend } from '../../src/recommend/index.ts';

const input = (goals: Record<string, boolean>) => ({
  name: 'Hybrid offices',
  seed: 2,
  devices: 200,
  scenario: 'user-driven' as const,
  environment: { profile: { joinType: 'hybrid' }, hybrid: { dcLineOfSight: true, vpn: 'none', connector: { present: true, active: true } } },
  goals,
});

describe('the note on Entra join for a hybrid estate', () => {
  it('says the goal is on by default, so a file that never set it is not read as having asked for it; false leaves it out', async () => {
    const unset = await recommend(fleetFrom(input({ leastEndUserTime: true })));
    expect(unset.notes.find((n) => n.startsWith('The file asks for hybrid join'))).toMatch(/^The file asks for hybrid join, and goals\.preferEntraJoin is on \(as it is unless the file sets it to false\): "/);
    const off = await recommend(fleetFrom(input({ leastEndUserTime: true, preferEntraJoin: false })));
    expect(off.notes.some((n) => n.startsWith('The file asks for hybrid join'))).toBe(false);
  });
});

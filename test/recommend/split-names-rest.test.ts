// A split whose scenario is for the groups left once several are set apart named them only by what they were not: a
// university's answer read 'use reset for the 3,600 devices outside "Library kiosks", "Staff laptops", "Research
// group"', leaving the reader to work out it meant "Student labs". Where the rest are whole groups, fewer than those set
// apart, the sentence names them; a split beside one group set apart keeps 'the N devices outside "..."'.
import { describe, expect, it } from 'vitest';
import { recommend } from '../../src/recommend/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';

const university = fleetFrom({
  name: 'University',
  seed: 27,
  environment: { profile: { joinType: 'entra' } },
  groups: [
    { name: 'Student labs', count: 600, environment: { scenario: 'reset', reset: { kind: 'remote', currentJoin: 'entra' } } },
    { name: 'Library kiosks', count: 60, environment: { scenario: 'self-deploying', profile: { kioskAutologon: true } } },
    { name: 'Staff laptops', count: 300, environment: { scenario: 'user-driven' } },
    { name: 'Research group', count: 60, environment: { scenario: 'user-driven' } },
  ],
  goals: { leastEndUserTime: true },
});

describe("a split's sentence", () => {
  it('names the one group its scenario is for, not the devices outside the three set apart', async () => {
    const r = await recommend(university, { devices: 1020 });
    expect(r.recommendation.sentence).toMatch(/^Split University: use reset for "Student labs" \(600 devices\): /);
    expect(r.recommendation.sentence).not.toMatch(/devices outside "Library kiosks"/);
  });
});

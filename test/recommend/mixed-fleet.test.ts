// recommend on a mixed fleet: every group is in the sample, scenarios fixed by a group do not
// mask the ranking, each group gets its own answer, and overlapping intervals are called a tie.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { recommend } from '../../src/recommend/index.ts';

const fleet = fleetFrom({
  name: 'Mixed',
  seed: 3,
  environment: { profile: { joinType: 'entra' }, apps: [{ name: 'Endpoint protection', type: 'win32', sizeMb: 300 }] },
  groups: [
    { name: 'Laptops', count: 300, environment: { scenario: 'user-driven' } },
    { name: 'Kiosks', count: 100, environment: { scenario: 'self-deploying', profile: { deploymentMode: 'self-deploying', kioskAutologon: true }, hardware: { kind: 'physical', tpm: '2.0' } }, vary: { vms: [{ share: 0.5, environment: { hardware: { kind: 'vm' } } }] } },
  ],
});

describe('recommend on a mixed fleet', () => {
  it('samples every group, ranks scenarios that differ, and answers per group', async () => {
    const rec = await recommend(fleet, { devices: 400 });
    expect(rec.facts.vm).toBeGreaterThan(0.05); // the VMs of the second group are in the sample
    const rates = new Set(rec.ranking.map((r) => `${r.summary.successRate}|${r.summary.p50EndUser}`));
    expect(rates.size).toBe(rec.ranking.length); // the scenario weighed is the one that runs
    expect(rec.perGroup.map((g) => [g.group, g.fixedScenario])).toEqual([
      ['Laptops', 'user-driven'],
      ['Kiosks', 'self-deploying'],
    ]);
    expect(rec.perGroup[1]!.scenario).not.toBe('self-deploying'); // half of the kiosks are VMs
    const [a, b] = rec.ranking;
    const overlap = a!.summary.interval[0] <= b!.summary.interval[1] && b!.summary.interval[0] <= a!.summary.interval[1];
    expect(rec.tieWithinNoise).toBe(overlap);
    if (overlap) expect(rec.recommendation.sentence).toMatch(/tie within noise/);
  });
});

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
    // Existing devices, new devices' second scenario here, is out for them: one ranked scenario is no tie.
    const [a, b] = rec.ranking;
    const overlap = b !== undefined && a!.summary.interval[0] <= b.summary.interval[1] && b.summary.interval[0] <= a!.summary.interval[1];
    expect(rec.tieWithinNoise).toBe(overlap);
    if (overlap) expect(rec.recommendation.sentence).toMatch(/tie within noise/);
  });
});

describe('recommend sets apart a variation inside a group', () => {
  // 5.1% of the kiosks have a TPM 2.0 left in 1.2 mode: self-deploying was excluded for every kiosk, as only whole
  // groups could be set apart.
  const kiosks = {
    name: 'Kiosks',
    seed: 12,
    scenario: 'self-deploying',
    environment: { profile: { deploymentMode: 'self-deploying', joinType: 'entra', kioskAutologon: true }, apps: [{ name: 'Point of sale', type: 'win32', sizeMb: 400 }] },
    groups: [{ name: 'Kiosks', count: 400, vary: { tpm: [{ share: 0.051, environment: { hardware: { tpm: '2.0-in-1.2-mode' } } }] } }],
    goals: { sharedOrKiosk: true },
  };

  it('names the variation in the exclusion and splits on it: self-deploying for the rest of the group', async () => {
    const rec = await recommend(fleetFrom(kiosks));
    const e = rec.exclusions.find((x) => x.scenario === 'self-deploying' && x.rule.startsWith('TPM authenticates'))!;
    expect(e.share).toBeGreaterThanOrEqual(0.05);
    expect(e.variations).toEqual(['Kiosks with hardware.tpm 2.0-in-1.2-mode']);
    expect(e.reason).toMatch(/They are the devices of "Kiosks with hardware.tpm 2.0-in-1.2-mode": deploy them on their own and self-deploying stays open for the rest of the group/);
    expect(rec.split).toMatchObject({ scenario: 'self-deploying', apart: ['Kiosks with hardware.tpm 2.0-in-1.2-mode'], better: true });
    // The rest of the group are all TPM 2.0: none fails attestation; the devices apart are about 5.1% of 400.
    expect(rec.split!.summary.successRate).toBeGreaterThan(0.99);
    // A counted group's share is placed within a device (src/fleet/plan.ts optionOf): 20.4 of 400.
    expect(Math.abs(400 - rec.split!.devices - 400 * 0.051)).toBeLessThan(1);
    expect(rec.recommendation.deploy).toEqual([
      { scenario: 'self-deploying', groups: ['Kiosks'], devices: rec.split!.devices },
      { scenario: rec.ranking[0]!.scenario, groups: ['Kiosks with hardware.tpm 2.0-in-1.2-mode'], devices: 400 - rec.split!.devices },
    ]);
    expect(rec.ranking[0]!.scenario).not.toBe('self-deploying');
  });

  it('a weighted group too: the devices drawn for the variation are set apart, in its share', async () => {
    // 8% drawn: comfortably over the 5% threshold in a sample of 1,000.
    const group = { name: 'Kiosks', weight: 1, vary: { tpm: [{ share: 0.08, environment: { hardware: { tpm: '2.0-in-1.2-mode' } } }] } };
    const rec = await recommend(fleetFrom({ ...kiosks, groups: [group] }), { devices: 1000 });
    expect(rec.split).toMatchObject({ scenario: 'self-deploying', apart: ['Kiosks with hardware.tpm 2.0-in-1.2-mode'], better: true });
    expect(rec.split!.devices).toBeGreaterThan(890);
    expect(rec.split!.devices).toBeLessThan(950);
    expect(rec.split!.summary.successRate).toBeGreaterThan(0.99);
  });

  it("a group's own answer in a fleet of several is that split too", async () => {
    // No kiosk goal stated: the fleet reads it from its kiosks' profile (80% of devices), the office PCs' own answer not.
    const rec = await recommend(fleetFrom({ ...kiosks, goals: {}, groups: [...kiosks.groups, { name: 'Office', count: 100, environment: { scenario: 'user-driven', profile: { deploymentMode: 'user-driven', kioskAutologon: false } } }] }));
    expect(rec.goals.sharedOrKioskFromProfile).toBe(true);
    const own = rec.perGroup.find((g) => g.group === 'Kiosks')!;
    expect(own.deploy.map((d) => [d.scenario, d.groups])).toEqual([
      ['self-deploying', ['Kiosks']],
      [own.scenario, ['Kiosks with hardware.tpm 2.0-in-1.2-mode']],
    ]);
    const [, rest, apart] = /^Kiosks \(400 devices\): split: self-deploying for (\d+) devices, 100\.0% success, 0 min for the user; \S+ for "Kiosks with hardware\.tpm 2\.0-in-1\.2-mode" \((\d+) devices\)\.$/.exec(own.sentence) ?? [];
    expect(Number(rest) + Number(apart), own.sentence).toBe(400);
    expect(Math.abs(Number(apart) - 400 * 0.051)).toBeLessThan(1);
    // The office PCs are no kiosks: the fleet's answer, a split that sets the kiosks apart, weighs them as what they are
    // and gives them their own answer (it put them on the kiosks' scenario, weighed as kiosks, and said their own differed).
    const fleetFor = (g: string) => rec.recommendation.deploy.find((d) => d.groups.includes(g))?.scenario;
    const office = rec.perGroup.find((g) => g.group === 'Office')!;
    expect(office.scenario).not.toBe('self-deploying');
    expect(fleetFor('Office')).toBe(office.scenario);
    // The kiosks set apart keep their own answer, itself a split: self-deploying, the variation apart (their winner
    // alone put all 400 on user-driven).
    expect(rec.recommendation.deploy.filter((d) => d.groups.some((g) => g.startsWith('Kiosks'))).map((d) => [d.scenario, d.groups])).toEqual(own.deploy.map((d) => [d.scenario, d.groups]));
    expect(rec.recommendation.sentence).toMatch(/Deploy "Kiosks" on its own, split as its own answer splits it beside the rest: self-deploying for "Kiosks" \([\d.]+% success, 0 min for the user\), \S+ for "Kiosks with hardware\.tpm 2\.0-in-1\.2-mode"/);
  });
});

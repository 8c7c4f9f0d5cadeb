// recommend's answer for each group keeps to what the file says of that group: a kiosk goal names the fleet's kiosks, not
// the office laptops beside them; a variation set apart is the devices the fleet drew for it, as every figure counts them.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { planFleet } from '../../src/fleet/plan.ts';
import { recommend } from '../../src/recommend/index.ts';
import { summarise } from '../../src/recommend/ranking.ts';
import { runFleet } from '../../src/fleet/index.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';
import { merge } from '../../src/environment/merge.ts';

const shop = {
  name: 'Shop and office',
  seed: 3,
  scenario: 'self-deploying' as const,
  environment: { profile: { deploymentMode: 'self-deploying', joinType: 'entra', kioskAutologon: true }, apps: [{ name: 'Point of sale', type: 'win32', sizeMb: 400 }] },
  groups: [
    { name: 'Kiosks', count: 300 },
    { name: 'Office', count: 100, environment: { scenario: 'user-driven', profile: { deploymentMode: 'user-driven', kioskAutologon: false }, os: { version: '24H2' } } },
  ],
  goals: { sharedOrKiosk: true },
};

describe("a kiosk goal (goals.sharedOrKiosk: 'shared or kiosk devices')", () => {
  it("holds for the groups the file makes kiosks, not for the office laptops beside them (they were told to self-deploy)", async () => {
    const rec = await recommend(fleetFrom(shop));
    const office = rec.perGroup.find((g) => g.group === 'Office')!;
    const kiosks = rec.perGroup.find((g) => g.group === 'Kiosks')!;
    expect(kiosks.scenario).toBe('self-deploying');
    // Weighed as single-user devices: self-deploying, which cannot assign a user, is not their answer.
    expect(office.scenario).not.toBe('self-deploying');
    expect(office.sentence).not.toMatch(/self-deploying rather than/);
  });

  it("the whole fleet's answer reads it so too: 700 office laptops beside 300 kiosks are not told to self-deploy (device preparation was excluded for every device)", async () => {
    const rec = await recommend(fleetFrom({ ...shop, groups: [shop.groups[0], { ...shop.groups[1], count: 700 }] }));
    expect(rec.goals.sharedOrKioskGroups).toEqual(['Kiosks']);
    const dp = rec.exclusions.find((e) => e.scenario === 'device-preparation')!;
    expect(dp.share).toBeCloseTo(0.3, 2);
    expect(dp.groups).toEqual(['Kiosks']);
    // Weighed as single-user devices where they are most of the fleet: self-deploying, which cannot assign a user, is not the answer for them.
    expect(rec.ranking.find((r) => r.scenario === 'self-deploying')!.adjustments.map((a) => a.points)).toEqual([-10]);
    const office = rec.recommendation.deploy.find((d) => d.groups.includes('Office'))!;
    expect(office.scenario).not.toBe('self-deploying');
    expect(office.scenario).toBe(rec.perGroup.find((g) => g.group === 'Office')!.scenario);
  });

  it('holds for every group where the file makes no device a kiosk (the goal is all it says)', async () => {
    const shared = {
      ...shop,
      scenario: 'user-driven' as const,
      environment: { profile: { deploymentMode: 'user-driven', joinType: 'entra' }, apps: shop.environment.apps },
      groups: [
        { name: 'Carts', count: 300 },
        { name: 'Library', count: 100 },
      ],
    };
    const rec = await recommend(fleetFrom(shared));
    for (const g of rec.perGroup) expect(g.scenario).toBe('self-deploying');
  });
});

describe('a variation set apart', () => {
  it("counts the devices the fleet placed in it, as the exclusion and the fleet's figures do (the file's share of the count, 84 of 1,200, since a counted group's shares are placed exactly)", async () => {
    const rec = await recommend(
      fleetFrom({
        name: 'Kiosks',
        seed: 5,
        scenario: 'self-deploying',
        environment: { profile: { deploymentMode: 'self-deploying', joinType: 'entra', kioskAutologon: true }, apps: [{ name: 'Point of sale', type: 'win32', sizeMb: 400 }] },
        groups: [{ name: 'Kiosks', count: 1200, vary: { tpm: [{ share: 0.07, environment: { hardware: { tpm: '1.2' } } }] } }],
        goals: { sharedOrKiosk: true },
      }),
    );
    const e = rec.exclusions.find((x) => x.scenario === 'self-deploying')!;
    const drawn = Math.round(e.share * 1200);
    expect(drawn).toBe(84);
    // Every device of the fleet fails attestation on a scenario that needs it where its TPM is 1.2: the drawn ones.
    const attest = rec.ranking.find((r) => r.summary.topFailure?.code === '0x800705B4');
    if (attest) expect(Math.round(attest.summary.topFailure!.share * 1200)).toBe(drawn);
    expect(rec.split).toMatchObject({ apart: ['Kiosks with hardware.tpm 1.2'], better: true });
    expect(rec.recommendation.deploy.map((d) => d.devices)).toEqual([1200 - drawn, drawn]);
    expect(rec.split!.devices).toBe(1200 - drawn);
  });
  it('of groups given by weight: the parts of the split are the devices the fleet drew, and add up to it (242 kiosks were set apart where the fleet drew 206, and the parts came to 1,002 of 1,000)', async () => {
    const fleet = fleetFrom({
      name: 'Old TPMs and VMs',
      scenario: 'self-deploying',
      environment: { profile: { kioskAutologon: true } },
      groups: [
        { name: 'Kiosks', weight: 3, vary: { tpm: [{ share: 0.2, environment: { hardware: { tpm: '1.2' } } }, { share: 0.1, environment: { hardware: { tpm: '2.0-in-1.2-mode' } } }] } },
        { name: 'VMs', weight: 1, environment: { hardware: { kind: 'vm', tpm: 'none' } } },
      ],
      goals: { sharedOrKiosk: true },
    });
    // The devices as the fleet draws them (every run's figures count these).
    const plan = planFleet(fleet, { devices: 1000 });
    let kiosks = 0;
    let oldTpm = 0;
    for (let i = 0; i < 1000; i++) {
      const d = plan.device(i);
      if (d.group !== 0) continue;
      kiosks++;
      if (d.env.hardware.tpm !== '2.0') oldTpm++;
    }
    const rec = await recommend(fleet, { devices: 1000 });
    expect(rec.split).toMatchObject({ scenario: 'self-deploying', better: true });
    expect(rec.split!.devices).toBe(kiosks - oldTpm);
    expect(rec.recommendation.deploy.reduce((a, d) => a + d.devices, 0)).toBe(1000);
    const own = rec.perGroup.find((g) => g.group === 'Kiosks')!;
    expect(own.devices).toBe(kiosks);
    expect(own.deploy.map((d) => d.devices)).toEqual([kiosks - oldTpm, oldTpm]);
    expect(own.sentence).toContain(`self-deploying for ${kiosks - oldTpm} devices`);
  });
});

describe('a scenario only warned about (under 5% of devices fail it)', () => {
  const kiosks = (groups: unknown[]) =>
    fleetFrom({
      name: 'Kiosks and a few VMs',
      seed: 4,
      scenario: 'self-deploying',
      environment: { profile: { deploymentMode: 'self-deploying', joinType: 'entra', kioskAutologon: true }, apps: [{ name: 'Point of sale', type: 'win32', sizeMb: 400 }] },
      groups,
      goals: { sharedOrKiosk: true },
    });

  it('wins, and the advice to deploy its failing group apart is weighed: the plan, simulated whole, is the answer (it was only said)', async () => {
    const rec = await recommend(kiosks([
      { name: 'Kiosks', count: 970, environment: { hardware: { kind: 'physical', tpm: '2.0' } } },
      { name: 'Test VMs', count: 30, environment: { hardware: { kind: 'vm' } } },
    ]));
    expect(rec.warnings.some((w) => w.scenario === 'self-deploying')).toBe(true);
    expect(rec.recommendation.scenario).toBe('self-deploying');
    expect(rec.warnedSplit).toMatchObject({ apart: ['Test VMs'], scenario: 'user-driven', devices: 30, better: true });
    expect(rec.warnedSplit!.summary.successRate).toBeGreaterThan(rec.ranking[0]!.summary.successRate);
    expect(rec.recommendation.deploy).toEqual([
      { scenario: 'self-deploying', groups: ['Kiosks'], devices: 970 },
      { scenario: 'user-driven', groups: ['Test VMs'], devices: 30 },
    ]);
    expect(rec.recommendation.sentence).toMatch(/Weighed: with "Test VMs" \(30 devices\) on user-driven and the rest on self-deploying, the fleet succeeds 100\.0%/);
  });

  it('a variation inside the group too, its devices as drawn', async () => {
    const rec = await recommend(kiosks([{ name: 'Kiosks', count: 1000, environment: { hardware: { kind: 'physical', tpm: '2.0' } }, vary: { tpm: [{ share: 0.03, environment: { hardware: { tpm: '1.2' } } }] } }]));
    const w = rec.warnings.find((x) => x.scenario === 'self-deploying')!;
    expect(rec.warnedSplit).toMatchObject({ apart: ['Kiosks with hardware.tpm 1.2'], devices: Math.round(w.share * 1000), better: true });
    expect(rec.recommendation.deploy.map((d) => d.devices)).toEqual([1000 - rec.warnedSplit!.devices, rec.warnedSplit!.devices]);
  });
});

describe('a split of whole groups', () => {
  it("weighs the devices it keeps as kiosks where their profile makes them so: ward kiosks beside hybrid workstations get self-deploying, as their own answer says (they were weighed as single-user devices and the split lost)", async () => {
    const rec = await recommend(
      fleetFrom({
        name: 'Hospital',
        seed: 33,
        scenario: 'user-driven',
        environment: { profile: { joinType: 'hybrid', skipAdConnectivityCheck: true }, apps: [{ name: 'EHR client', type: 'win32', sizeMb: 800 }] },
        groups: [
          { name: 'Ward kiosks', count: 200, environment: { scenario: 'self-deploying', profile: { deploymentMode: 'self-deploying', joinType: 'entra', kioskAutologon: true }, hardware: { kind: 'physical', tpm: '2.0' } } },
          { name: 'Workstations', count: 800 },
        ],
      }),
    );
    expect(rec.goals.sharedOrKioskFromProfile).toBe(false);
    expect(rec.perGroup.find((g) => g.group === 'Ward kiosks')!.scenario).toBe('self-deploying');
    expect(rec.split).toMatchObject({ scenario: 'self-deploying', apart: ['Workstations'], better: true });
    expect(rec.recommendation.deploy.map((d) => [d.scenario, d.groups])).toEqual([
      ['self-deploying', ['Ward kiosks']],
      [rec.ranking[0]!.scenario, ['Workstations']],
    ]);
  });
});

describe('the splits weighed', () => {
  it("are each scenario whole groups keep out, not the first the goals favour alone: staff laptops in use beside desktops to reimage get Reset, their own answer (they were told to be pre-provisioned)", async () => {
    const rec = await recommend(
      fleetFrom({
        name: 'District',
        seed: 21,
        environment: {
          profile: { joinType: 'entra' },
          apps: [
            { name: 'Microsoft 365 Apps', type: 'win32', sizeMb: 2800 },
            { name: 'SIMS client', type: 'msi-lob', sizeMb: 300 },
          ],
        },
        groups: [
          { name: 'Lab desktops (reimage)', count: 300, environment: { scenario: 'existing-devices', registration: { registered: false } } },
          { name: 'Staff laptops', count: 150, environment: { scenario: 'reset', reset: { kind: 'remote', currentJoin: 'entra' } } },
        ],
        goals: { leastEndUserTime: true },
      }),
    );
    const own = rec.perGroup.find((g) => g.group === 'Staff laptops')!;
    expect(own.scenario).toBe('reset');
    expect(rec.split).toMatchObject({ scenario: 'reset', apart: ['Lab desktops (reimage)'], better: true });
    expect(rec.recommendation.deploy.map((d) => [d.scenario, d.groups])).toEqual([
      ['reset', ['Staff laptops']],
      ['existing-devices', ['Lab desktops (reimage)']],
    ]);
    expect(rec.split!.summary.successRate).toBeGreaterThan(rec.split!.against!.summary.successRate);
  });
});

describe("a split's scenario", () => {
  it('names what fails it under the threshold among the devices it is opened for (the answer was silent on them)', async () => {
    const rec = await recommend(
      fleetFrom({
        name: 'Kiosks and staff',
        seed: 8,
        scenario: 'self-deploying',
        environment: { profile: { deploymentMode: 'self-deploying', joinType: 'entra', kioskAutologon: true }, apps: [{ name: 'Point of sale', type: 'win32', sizeMb: 400 }] },
        groups: [
          { name: 'Kiosks', count: 900, environment: { hardware: { kind: 'physical', tpm: '2.0' } }, vary: { tpm: [{ share: 0.03, environment: { hardware: { tpm: '1.2' } } }] } },
          { name: 'Staff', count: 100, environment: { hardware: { kind: 'physical', tpm: '2.0' }, profile: { assignedUser: 'manager@shop.example' } } },
        ],
        goals: { sharedOrKiosk: true },
      }),
    );
    expect(rec.split).toMatchObject({ scenario: 'self-deploying', apart: ['Staff'], better: true });
    const w = rec.warnings.find((x) => x.scenario === 'self-deploying');
    expect(w?.short).toMatch(/no TPM 2\.0/);
    expect(rec.recommendation.sentence).toContain(`${w!.short}: those devices fail self-deploying (below the 5% threshold); deploy them with ${rec.ranking[0]!.scenario}.`);
  });
});

describe('VMs in one group and kiosks without a TPM 2.0 in a variation of another', () => {
  it('set apart together where the variation holds nine in ten of them: a plant\'s 40 lab VMs were left on self-deploying (0x800705B4 on each)', async () => {
    const rec = await recommend(
      fleetFrom({
        name: 'Plant',
        seed: 1,
        scenario: 'self-deploying',
        environment: { profile: { joinType: 'entra' }, apps: [{ name: 'MES client', type: 'win32', sizeMb: 600 }] },
        groups: [
          { name: 'Shop floor PCs', count: 1200, vary: { tpm: [{ share: 0.3, environment: { hardware: { tpm: '1.2' } } }] } },
          { name: 'Lab VMs', count: 40, environment: { hardware: { kind: 'vm', tpm: 'none' } } },
        ],
        goals: { sharedOrKiosk: true },
      }),
    );
    const e = rec.exclusions.find((x) => x.scenario === 'self-deploying')!;
    expect([e.groups, e.variations]).toEqual([['Lab VMs'], ['Shop floor PCs with hardware.tpm 1.2']]);
    expect(rec.split).toMatchObject({ scenario: 'self-deploying', apart: ['Lab VMs', 'Shop floor PCs with hardware.tpm 1.2'] });
    expect(rec.recommendation.deploy.find((d) => d.scenario === 'self-deploying')!.groups).toEqual(['Shop floor PCs']);
  });

  it("set apart together: self-deploying's exclusion names both, and the split is weighed (no one group or variation held them all, so none was)", async () => {
    const rec = await recommend(
      fleetFrom({
        name: 'Kiosks and VMs',
        seed: 8,
        scenario: 'self-deploying',
        environment: { profile: { deploymentMode: 'self-deploying', joinType: 'entra', kioskAutologon: true }, apps: [{ name: 'Point of sale', type: 'win32', sizeMb: 400 }] },
        groups: [
          { name: 'Kiosks', count: 900, environment: { hardware: { kind: 'physical', tpm: '2.0' } }, vary: { tpm: [{ share: 0.03, environment: { hardware: { tpm: '1.2' } } }] } },
          { name: 'VMs', count: 100, environment: { hardware: { kind: 'vm' } } },
        ],
        goals: { sharedOrKiosk: true },
      }),
    );
    const e = rec.exclusions.find((x) => x.scenario === 'self-deploying')!;
    expect([e.groups, e.variations]).toEqual([['VMs'], ['Kiosks with hardware.tpm 1.2']]);
    expect(e.reason).toContain('They are the devices of "VMs", "Kiosks with hardware.tpm 1.2": deploy them on their own and self-deploying stays open for the rest.');
    expect(rec.split).toMatchObject({ scenario: 'self-deploying', apart: ['VMs', 'Kiosks with hardware.tpm 1.2'], better: true });
    const drawn = Math.round(e.share * 1000);
    expect(rec.recommendation.deploy).toEqual([
      { scenario: 'self-deploying', groups: ['Kiosks'], devices: 1000 - drawn },
      { scenario: rec.ranking[0]!.scenario, groups: ['VMs', 'Kiosks with hardware.tpm 1.2'], devices: drawn },
    ]);
  });
});

describe('the groups a split sets apart', () => {
  it("get their own answer, not the whole fleet's winner: beside 800 kiosks on self-deploying, 200 back-office laptops whose own answer is device preparation were given user-driven", async () => {
    const stores = {
      name: 'Stores',
      seed: 11,
      scenario: 'self-deploying' as const,
      environment: { profile: { deploymentMode: 'self-deploying', joinType: 'entra', kioskAutologon: true }, os: { version: '24H2' }, apps: [{ name: 'Point of sale', type: 'win32', sizeMb: 400 }] },
      groups: [
        { name: 'Kiosks', count: 800 },
        {
          name: 'Back-office laptops',
          count: 200,
          environment: {
            scenario: 'user-driven',
            profile: { deploymentMode: 'user-driven', kioskAutologon: false },
            hardware: { tpm: '1.2' },
            apps: [
              { name: 'Company Portal', type: 'store' },
              { name: 'Microsoft 365 Apps', type: 'win32', sizeMb: 3000 },
            ],
          },
        },
      ],
      goals: { sharedOrKiosk: true },
    };
    const rec = await recommend(fleetFrom(stores));
    expect(rec.ranking[0]!.scenario).toBe('user-driven');
    expect(rec.split).toMatchObject({ scenario: 'self-deploying', apart: ['Back-office laptops'], better: true });
    const own = rec.perGroup.find((g) => g.group === 'Back-office laptops')!;
    expect(own.scenario).toBe('device-preparation');
    expect(rec.split!.apartAnswers).toEqual([{ group: 'Back-office laptops', scenario: 'device-preparation', devices: 200, summary: expect.objectContaining({ devices: 200 }) }]);
    expect(rec.recommendation.deploy).toEqual([
      { scenario: 'self-deploying', groups: ['Kiosks'], devices: 800 },
      { scenario: 'device-preparation', groups: ['Back-office laptops'], devices: 200 },
    ]);
    expect(rec.recommendation.sentence).toMatch(/Deploy "Back-office laptops" on its own with device-preparation, its own answer beside the rest: 100\.0% success, \d+ min for the user \(self-deploying is excluded for it: 20\.0% no TPM 2\.0\)\. On one scenario the whole fleet would get user-driven: /);
    // The plan and the groups' own answers agree: no 'Group by group the answers differ'.
    expect(rec.recommendation.sentence).not.toMatch(/Group by group/);
  });
});

describe('a warned split is weighed on the devices the plan written as a file deploys', () => {
  it('the variation kept in its group, beside a saturated link: the same figure as the file, and the winner on the same devices', async () => {
    const input = {
      ...shop,
      name: 'Kiosks on a thin link',
      seed: 4,
      sites: [
        { name: 'Head office', share: 1 },
        { name: 'Store', share: 1, bandwidthMbps: 20 },
      ],
      groups: [{ name: 'Kiosks', count: 1000, environment: { hardware: { kind: 'physical', tpm: '2.0' } }, vary: { tpm: [{ share: 0.03, environment: { hardware: { tpm: '1.2' } } }] } }],
      goals: { sharedOrKiosk: true },
    };
    const rec = await recommend(fleetFrom(input));
    const ws = rec.warnedSplit!;
    expect(ws).toMatchObject({ apart: ['Kiosks with hardware.tpm 1.2'], better: true });
    expect(rec.ranking[0]!.summary.saturated?.length ?? 0).toBeGreaterThan(0);
    // The plan as an architect writes it: the fleet on the winner, the variation's devices on the scenario the split gives them.
    const winner = rec.ranking[0]!.scenario;
    const group = input.groups[0]!;
    const written = fleetFrom({
      ...input,
      environment: merge(input.environment, scenarioOverride(winner)),
      groups: [{ ...group, vary: { tpm: [{ share: 0.03, environment: merge(group.vary.tpm[0]!.environment, scenarioOverride(ws.scenario)) }] } }],
    });
    const report = await runFleet(written, { devices: 1000, seed: 4 });
    expect(ws.summary.successRate).toBe(summarise(report).successRate);
    expect(ws.summary.p50Total).toBe(summarise(report).p50Total);
  });
});

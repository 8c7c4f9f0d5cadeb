// The hybrid join exclusion advises "Join them to Entra; the rest can stay hybrid" for the sites without a domain
// controller or a pre-logon VPN: recommend simulates that plan and prints its own figures, beside all hybrid and all
// Entra, in every format. It printed none: the figures beside the advice were for the whole fleet hybrid or on Entra.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { merge } from '../../src/environment/merge.ts';
import type { EnvironmentInput } from '../../src/environment/schema.ts';
import { loadFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { buildReport } from '../../src/fleet/report.ts';
import { planFleet } from '../../src/fleet/plan.ts';
import { executeFleet, inThread } from '../../src/fleet/run.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';
import { recommend, recommendWithReports, type Recommendation } from '../../src/recommend/index.ts';
import type { Fleet } from '../../src/fleet/schema.ts';
import { tempDir } from '../helpers/temp.ts';

const file = join(import.meta.dirname, 'fleets/hybrid-sites-without-dc.yaml');
const SHOPS = ['Shop East', 'Shop West'];

/** A fleet with each group on the scenario `deploy` gives it and the shops on Entra join or not, run on the answer's devices and seed. */
async function deployedByHand(fleet: Fleet, deploy: Record<string, string | null>, rec: Recommendation, entraAtShops: boolean) {
  const f = {
    ...fleet,
    groups: fleet.groups.map((g) => ({ ...g, environment: merge(g.environment as EnvironmentInput, scenarioOverride(deploy[g.name] as 'user-driven')) })),
    sites: fleet.sites.map((s) => (entraAtShops && SHOPS.includes(s.name) ? { ...s, environment: merge(s.environment as EnvironmentInput, { profile: { joinType: 'entra' } }) } : s)),
  };
  return buildReport(await executeFleet(f, { devices: rec.devices, seed: rec.seed }, inThread));
}

/** Laptops hybrid at four sites, two of them shops with no DC and no VPN, where self-deploying kiosks stand too. */
const shopsWithKiosks = () => {
  const noDc = { hybrid: { dcLineOfSight: false, vpn: 'none' } };
  return fleetFrom({
    name: 'Shops with kiosks',
    seed: 3,
    scenario: 'user-driven',
    environment: { profile: { joinType: 'hybrid' }, hybrid: { dcLineOfSight: true } },
    sites: [
      { name: 'Head office', share: 1 },
      { name: 'Branch', share: 1 },
      { name: 'Shop East', share: 1, environment: noDc },
      { name: 'Shop West', share: 1, environment: noDc },
    ],
    groups: [
      { name: 'Laptops', count: 300, sites: { 'Head office': 2, Branch: 2, 'Shop East': 1, 'Shop West': 1 } },
      { name: 'Kiosks', count: 400, sites: { 'Shop East': 1, 'Shop West': 1 }, environment: { scenario: 'self-deploying', profile: { joinType: 'entra' } } },
    ],
  });
};

describe('recommend on a hybrid fleet with sites that cannot reach a domain controller', () => {
  it('simulates the per-site plan it advises and reports it in --json, the terminal, --markdown and --html', async () => {
    const json = await cli('recommend', file, '--json');
    expect(json.code).toBe(0);
    const rec = JSON.parse(json.out) as Recommendation;
    expect(rec.joinExclusion?.entraForAll).toBe(false);
    expect(rec.joinExclusion?.reason).toMatch(/the rest can stay hybrid/);
    const split = rec.joinSplit!;
    expect(split).not.toBeNull();
    expect(split.entraAt).toEqual({ sites: SHOPS });
    expect(split.scenario).toBe(rec.ranking[0]!.scenario);
    expect(split.allHybrid).toEqual(rec.ranking[0]!.summary);
    expect(split.allEntra).toEqual(rec.entraAlternative!.summary);
    expect(split.beforeScenarioSplit).toBe(false); // the answer is one scenario: this plan is the answer's

    // The same plan run by hand: the shops' sites given Entra join in the file (no group sets the join), every device on
    // the scenario ranked first, same devices and seed. Its figures are the split's.
    const fleet = loadFleet(file);
    const byHand = { ...fleet, sites: fleet.sites.map((s) => (SHOPS.includes(s.name) ? { ...s, environment: merge(s.environment as EnvironmentInput, { profile: { joinType: 'entra' } }) } : s)) };
    const report = buildReport(await executeFleet(byHand, { devices: rec.devices, seed: rec.seed, override: scenarioOverride(split.scenario) }, inThread));
    expect(split.summary.successRate).toBe(report.successRate);
    expect(split.summary.devices).toBe(rec.devices);
    expect(split.entraDevices).toBe(report.sites.filter((s) => SHOPS.includes(s.name)).reduce((a, s) => a + s.devices, 0));
    // Hybrid fails the shops' devices; on Entra they deploy, and the branches keep hybrid.
    expect(split.summary.successRate).toBeGreaterThan(split.allHybrid.successRate + 0.2);

    const rate = `${(split.summary.successRate * 100).toFixed(1)}%`;
    expect(rec.recommendation.sentence).toContain(`Joined so, the rest hybrid, ${split.scenario} succeeds for ${rate} of devices`);
    const terminal = await cli('recommend', file);
    const markdown = await cli('recommend', file, '--markdown');
    const page = join(tempDir('join-split-'), 'recommend.html');
    expect((await cli('recommend', file, '--html', page)).code).toBe(0);
    const html = readFileSync(page, 'utf8').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
    for (const out of [terminal.out, markdown.out, html]) {
      expect(out.replace(/\s+/g, ' ')).toContain(`Entra join for the ${split.entraDevices} devices at "Shop East", "Shop West" and hybrid for the other ${rec.devices - split.entraDevices}: ${split.scenario} succeeds for ${rate} of devices`);
    }
  });

  it('simulates the plan for the variation of a group that holds the devices without a domain controller', async () => {
    // A fifth of the laptops, at every site, are remote with neither: no site or group holds them, a variation does. The
    // plan was a note ('not simulated: no site or group holds those devices').
    const fleet = fleetFrom({
      name: 'Scattered remote workers',
      seed: 4,
      scenario: 'user-driven',
      environment: { profile: { joinType: 'hybrid' }, hybrid: { dcLineOfSight: true } },
      sites: [{ name: 'Head office', share: 1 }, { name: 'Branch', share: 1 }],
      groups: [{ name: 'Laptops', weight: 1, vary: { remote: [{ share: 0.2, environment: { hybrid: { dcLineOfSight: false, vpn: 'none' } } }] } }],
    });
    const rec = await recommend(fleet, { devices: 300 });
    expect(rec.joinExclusion?.entraForAll).toBe(false);
    expect(rec.notes.join(' ')).not.toMatch(/was not simulated/);
    const name = 'Laptops with hybrid.dcLineOfSight false, hybrid.vpn none';
    expect(rec.joinExclusion?.reason).toContain(`("${name}")`);
    const split = rec.joinSplit!;
    expect(split.entraAt).toEqual({ variations: [name] });
    // By hand: the variation given Entra join in the file, every device on the scenario ranked first, same devices and seed.
    const laptops = fleet.groups[0]!;
    const remote = laptops.vary.remote![0]!;
    const byHand = { ...fleet, groups: [{ ...laptops, vary: { remote: [{ ...remote, environment: merge(remote.environment as EnvironmentInput, { profile: { joinType: 'entra' } }) }] } }] };
    const run = await executeFleet(byHand, { devices: 300, seed: rec.seed, override: scenarioOverride(split.scenario) }, inThread);
    expect(split.summary.successRate).toBe(buildReport(run).successRate);
    // The devices that drew the variation: the laptops that fail hybrid join at the DC (all hybrid) and deploy on Entra.
    const plan = planFleet(fleet, { devices: 300, seed: rec.seed });
    expect(split.entraDevices).toBe(Array.from({ length: 300 }, (_, i) => plan.drawnOption(i, 'remote').option).filter((k) => k === 0).length);
    expect(split.summary.successRate).toBeGreaterThan(split.allHybrid.successRate + 0.1);
    expect(split.sentence).toContain(`Entra join for the ${split.entraDevices} devices of "${name}" and hybrid for the other ${300 - split.entraDevices}`);
    expect(rec.recommendation.sentence).toContain(`("${name}") to Entra: hybrid is impossible for them. Joined so, the rest hybrid`);
  });

  it('says the plan was not simulated where no site, group or variation holds the devices without a domain controller', async () => {
    // Half the laptops connect an always-on VPN before sign-in; at the shop with no DC the other half cannot reach one: the
    // shop's hybrid devices are half so, the laptops' group a sixth, and no option of theirs makes a device so.
    const fleet = fleetFrom({
      name: 'Half on a VPN',
      seed: 4,
      scenario: 'user-driven',
      environment: { profile: { joinType: 'hybrid' }, hybrid: { dcLineOfSight: true } },
      sites: [{ name: 'Head office', share: 2 }, { name: 'Shop', share: 1, environment: { hybrid: { dcLineOfSight: false } } }],
      groups: [{ name: 'Laptops', weight: 1, vary: { vpn: [{ share: 0.5, environment: { hybrid: { vpn: 'always-on' } } }] } }],
    });
    const rec = await recommend(fleet, { devices: 300 });
    expect(rec.joinExclusion?.entraForAll).toBe(false);
    expect(rec.joinSplit).toBeNull();
    expect(rec.notes.join(' ')).toMatch(/the hybrid join exclusion advises .* was not simulated: no site, group or variation of a group holds those devices/);
  });

  it('finds the sites whose hybrid devices have no domain controller, where Entra kiosks stand beside them', async () => {
    // Two shops with no DC and no VPN hold every hybrid laptop that cannot reach one, beside many more self-deploying
    // kiosks (Entra joined already): the shops were weighed over all their devices (the laptops a fifth of them), not
    // said to hold the laptops, and the plan the exclusion advises was a note, not simulated.
    const rec = await recommend(shopsWithKiosks(), {});
    expect(rec.joinExclusion?.entraForAll).toBe(false);
    expect(rec.notes.join(' ')).not.toMatch(/was not simulated/);
    expect(rec.joinSplit?.entraAt).toEqual({ sites: SHOPS });
    expect(rec.joinExclusion?.reason).toContain('(the devices at sites "Shop East", "Shop West")');
  });

  it('counts and names only the devices the plan changes: the hybrid laptops at the shops, not the Entra kiosks beside them', async () => {
    // The shops hold 400 self-deploying kiosks, Entra joined already, beside the hybrid laptops: the plan counted every
    // device at the shops ("Entra join for the 499 devices at …", the kiosks too) and called the kiosks elsewhere hybrid.
    const fleet = shopsWithKiosks();
    const rec = await recommend(fleet, {});
    const split = rec.joinSplit!;
    const plan = planFleet(fleet, { devices: rec.devices, seed: rec.seed });
    const shops = new Set(SHOPS.map((n) => fleet.sites.findIndex((s) => s.name === n)));
    const devices = Array.from({ length: rec.devices }, (_, i) => plan.device(i));
    const laptopsAtShops = devices.filter((d) => fleet.groups[d.group]!.name === 'Laptops' && shops.has(d.site)).length;
    expect(laptopsAtShops).toBeGreaterThan(0);
    expect(split.entraDevices).toBe(laptopsAtShops);
    expect(split.sentence).toContain(`Entra join for the ${laptopsAtShops} devices at "Shop East", "Shop West" and hybrid for the other ${300 - laptopsAtShops} (the 400 Entra-joined already keep their join): `);
  });

  it("weighs the join's plan on the answer's split of scenarios, against the split as it deploys", async () => {
    // The answer puts the kiosks on self-deploying and the laptops on user-driven; the join's plan was weighed with
    // user-driven for every device, kiosks too, and said the split was not weighed with it.
    const fleet = shopsWithKiosks();
    const rec = await recommend(fleet, {});
    expect(rec.split?.better).toBe(true);
    const deploy = Object.fromEntries(rec.recommendation.deploy.map((d) => [d.groups.join(), d.scenario]));
    expect(deploy).toEqual({ Kiosks: 'self-deploying', Laptops: 'user-driven' });
    const on = rec.joinSplit!.onAnswer!;
    expect(on).not.toBeNull();
    // The same deployment by hand: each group on its answer's scenario, the shops on Entra join or not; same devices and seed.
    const byHand = (entraAtShops: boolean) => deployedByHand(fleet, deploy, rec, entraAtShops);
    const [joined, asAnswered] = [await byHand(true), await byHand(false)];
    expect(on.summary.successRate).toBe(joined.successRate);
    expect(on.asAnswered.successRate).toBe(asAnswered.successRate);
    expect(on.summary.devices).toBe(rec.devices);
    // The laptops at the shops deploy on Entra: the split gains what hybrid failed there.
    expect(on.summary.successRate).toBeGreaterThan(on.asAnswered.successRate + 0.1);
    const rate = `${(on.summary.successRate * 100).toFixed(1)}%`;
    expect(rec.joinSplit!.sentence).toContain(`on the answer's split of scenarios, Entra join at those sites and hybrid elsewhere succeeds for ${rate} of devices`);
    expect(rec.recommendation.sentence).toContain(`Joined so, the rest hybrid, the split above succeeds for ${rate} of devices`);
  });

  it("runs the answer's plan with a group's own split in it: its variation on its own answer", async () => {
    // The laptops' own answer is a split (pre-provisioned, those with a TPM 1.2 on user-driven): the plan run (--html's,
    // and the join's plan on the answer) kept them on pre-provisioned, where they fail attestation (0x800705B4, 3.3% of
    // the fleet in its figures).
    const fleet = fleetFrom({
      name: 'Remote laptops and kiosks',
      seed: 4,
      scenario: 'user-driven',
      environment: { profile: { joinType: 'hybrid' }, hybrid: { dcLineOfSight: true } },
      sites: [{ name: 'Head office', share: 1 }, { name: 'Branch', share: 1 }],
      groups: [
        { name: 'Laptops', count: 300, vary: { remote: [{ share: 0.2, environment: { hybrid: { dcLineOfSight: false, vpn: 'none' } } }], tpm: [{ share: 0.1, environment: { hardware: { tpm: '1.2' } } }] } },
        { name: 'Kiosks', count: 400, environment: { scenario: 'self-deploying', profile: { joinType: 'entra' } } },
      ],
      goals: { leastEndUserTime: true },
    });
    const { recommendation: rec, plan } = await recommendWithReports(fleet, {}, { plan: true });
    const deploy = Object.fromEntries(rec.recommendation.deploy.map((d) => [d.groups.join(), d.scenario]));
    expect(deploy).toEqual({ Kiosks: 'self-deploying', Laptops: 'pre-provisioned', 'Laptops with hardware.tpm 1.2': 'user-driven' });
    // By hand: each group on its answer, the TPM 1.2 laptops on theirs; the remote ones on Entra join or not.
    const [laptops, kiosks] = fleet.groups as [Fleet['groups'][number], Fleet['groups'][number]];
    const byHand = async (entraRemote: boolean) => {
      const vary = {
        remote: laptops.vary.remote!.map((v) => ({ ...v, environment: merge(merge(v.environment as EnvironmentInput, scenarioOverride('pre-provisioned')), entraRemote ? { profile: { joinType: 'entra' } } : {}) })),
        tpm: laptops.vary.tpm!.map((v) => ({ ...v, environment: merge(v.environment as EnvironmentInput, scenarioOverride('user-driven')) })),
      };
      const f = {
        ...fleet,
        groups: [
          { ...laptops, environment: merge(laptops.environment as EnvironmentInput, scenarioOverride('pre-provisioned')), vary },
          { ...kiosks, environment: merge(kiosks.environment as EnvironmentInput, scenarioOverride('self-deploying')) },
        ],
      };
      return buildReport(await executeFleet(f, { devices: rec.devices, seed: rec.seed }, inThread));
    };
    const asAnswered = await byHand(false);
    expect(plan!.successRate).toBe(asAnswered.successRate);
    expect(asAnswered.failures.some((f) => f.code === '0x800705B4')).toBe(false);
    const on = rec.joinSplit!.onAnswer!;
    expect(on.asAnswered.successRate).toBe(asAnswered.successRate);
    expect(on.summary.successRate).toBe((await byHand(true)).successRate);
  });

  it("weighs the join's plan on the answer's split of scenarios in branch-rollout too (its laptops with TPM 1.2 apart)", async () => {
    // The answer sets the laptops with TPM 1.2 apart on user-driven and puts the rest on pre-provisioned; the join's plan
    // (Entra at Branch C) was weighed with user-driven for every device, and said nothing of it beside the split.
    const rec = await recommend(loadFleet('fleets/branch-rollout'));
    expect(rec.split?.better).toBe(true);
    expect(rec.joinSplit?.entraAt).toEqual({ sites: ['Branch C'] });
    expect(rec.joinSplit?.beforeScenarioSplit).toBe(true);
    expect(rec.joinSplit?.sentence).toContain(`That is with ${rec.joinSplit?.scenario} for every device; on the answer's split of scenarios, Entra join at those sites and hybrid elsewhere succeeds for`);
    expect(rec.joinSplit?.onAnswer?.summary.devices).toBe(rec.devices);
    expect(rec.recommendation.sentence).toContain('Joined so, the rest hybrid, the split above succeeds for');
    // What its figures rest on, as a ranked scenario's do: Branch C's link, saturated in both plans (it said nothing of it,
    // so a plan whose Entra devices load a thin link read as the join's doing).
    expect(rec.joinSplit?.summary.saturated.map((x) => x.resource)).toEqual(['Branch C']);
    expect(rec.joinSplit?.sentence.match(/Branch C's link is saturated \(downloads wait up to \d+ minutes\)/g)).toHaveLength(2);
  });

  it("weighs the join's plan on a split that sets apart another option of the dimension holding the devices without a DC", async () => {
    // The laptops' one dimension holds the TPM 1.2 ones (option 0, set apart on user-driven) and the remote ones without a DC
    // (option 1): setting option 0 apart renumbers the options left, so the plan was not run on the split and its sentence
    // said 'the split of scenarios the answer gives was not weighed with Entra join for those devices'.
    const fleet = fleetFrom({
      name: 'Remote and old laptops',
      seed: 4,
      scenario: 'user-driven',
      environment: { profile: { joinType: 'hybrid' }, hybrid: { dcLineOfSight: true } },
      sites: [{ name: 'Head office', share: 1 }, { name: 'Branch', share: 1 }],
      groups: [{ name: 'Laptops', count: 300, vary: { kind: [{ share: 0.15, environment: { hardware: { tpm: '1.2' } } }, { share: 0.2, environment: { hybrid: { dcLineOfSight: false, vpn: 'none' } } }] } }],
      goals: { leastEndUserTime: true },
    });
    const rec = await recommend(fleet, {});
    const deploy = Object.fromEntries(rec.recommendation.deploy.map((d) => [d.groups.join(), d.scenario]));
    expect(deploy).toEqual({ Laptops: 'pre-provisioned', 'Laptops with hardware.tpm 1.2': 'user-driven' });
    expect(rec.joinSplit?.entraAt).toEqual({ variations: ['Laptops with hybrid.dcLineOfSight false, hybrid.vpn none'] });
    const on = rec.joinSplit!.onAnswer!;
    expect(on).not.toBeNull();
    expect(rec.joinSplit!.sentence).not.toContain('was not weighed');
    // By hand, as the plan is written in a file (the variation kept in its group, the same devices and seed): the laptops
    // on pre-provisioned, the TPM 1.2 option on user-driven, the remote option on Entra join or not.
    const byHand = async (entraRemote: boolean) => {
      const laptops = fleet.groups[0]!;
      const [old, remote] = laptops.vary.kind!;
      const f = {
        ...fleet,
        groups: [
          {
            ...laptops,
            environment: merge(laptops.environment as EnvironmentInput, scenarioOverride('pre-provisioned')),
            vary: {
              kind: [
                { ...old!, environment: merge(merge(old!.environment as EnvironmentInput, scenarioOverride('pre-provisioned')), scenarioOverride('user-driven')) },
                { ...remote!, environment: merge(merge(remote!.environment as EnvironmentInput, scenarioOverride('pre-provisioned')), entraRemote ? { profile: { joinType: 'entra' } } : {}) },
              ],
            },
          },
        ],
      };
      return buildReport(await executeFleet(f, { devices: rec.devices, seed: rec.seed }, inThread));
    };
    const [joined, asAnswered] = [await byHand(true), await byHand(false)];
    expect(on.asAnswered.successRate).toBe(asAnswered.successRate);
    expect(on.summary.successRate).toBe(joined.successRate);
    // The remote laptops fail hybrid join (no DC) as answered and deploy on Entra.
    expect(asAnswered.failures.map((x) => x.code)).toEqual(['DOMAIN_UNAVAILABLE']);
    expect(on.summary.successRate).toBeGreaterThan(on.asAnswered.successRate + 0.1);
    expect(rec.joinSplit!.sentence).toContain(`on the answer's split of scenarios, Entra join for those devices and hybrid elsewhere succeeds for ${(on.summary.successRate * 100).toFixed(1)}% of devices`);
  });
});

// The join's plan weighed on the answer's split of scenarios, where a group of the split's rest goes on its own answer: it
// was weighed on the split as first weighed, that group on the split's scenario, while the answer deploys it on its own.
describe("the join's plan on a split whose rest holds a group on its own answer", () => {
  it('is weighed with that group on its own answer, as the answer deploys it', async () => {
    // The shops' estate with managers' laptops, Entra joined, at head office: their own answer is not the kiosks' self-deploying.
    const base = shopsWithKiosks();
    const f = { ...base, groups: [...base.groups, fleetFrom({ groups: [{ name: 'Managers', count: 150, sites: { 'Head office': 1 }, environment: { profile: { joinType: 'entra' } } }], sites: base.sites.map((s) => ({ name: s.name })) }).groups[0]!] };
    const rec = await recommend(f, {});
    expect(rec.split?.better).toBe(true);
    const deploy = Object.fromEntries(rec.recommendation.deploy.flatMap((d) => d.groups.map((g) => [g, d.scenario])));
    expect(deploy.Kiosks).toBe(rec.split!.scenario);
    expect(deploy.Managers).not.toBe(rec.split!.scenario);
    expect(rec.split!.asDeployed?.moved.map((m) => m.group)).toEqual(['Managers']);
    const on = rec.joinSplit!.onAnswer!;
    // By hand: each group on the scenario the answer gives it, the shops on Entra join or not; the same devices and seed.
    const byHand = (entraAtShops: boolean) => deployedByHand(f, deploy, rec, entraAtShops);
    const [joined, asAnswered] = [await byHand(true), await byHand(false)];
    expect(on.asAnswered.successRate).toBe(asAnswered.successRate);
    expect(on.asAnswered.p50EndUser).toBe(asAnswered.timeToDesktop.endUser.p50);
    expect(on.summary.successRate).toBe(joined.successRate);
    expect(on.summary.p50EndUser).toBe(joined.timeToDesktop.endUser.p50);
  });
});

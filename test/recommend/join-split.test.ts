// The hybrid join exclusion advises "Join them to Entra; the rest can stay hybrid" for the sites without a domain
// controller or a pre-logon VPN: recommend simulates that plan and prints its own figures, beside all hybrid and all
// Entra, in every format. It printed none: the figures beside the advice were for the whole fleet hybrid or on Entra.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { merge } from '../../src/environment/merge.ts';
import type { EnvironmentInput } from '../../src/environment/schema.ts';
import { loadFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { buildReport } from '../../src/fleet/report.ts';
import { executeFleet, inThread } from '../../src/fleet/run.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';
import { recommend, type Recommendation } from '../../src/recommend/index.ts';

const file = join(import.meta.dirname, 'fleets/hybrid-sites-without-dc.yaml');
const SHOPS = ['Shop East', 'Shop West'];

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
    const page = join(mkdtempSync(join(tmpdir(), 'join-split-')), 'recommend.html');
    expect((await cli('recommend', file, '--html', page)).code).toBe(0);
    const html = readFileSync(page, 'utf8').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
    for (const out of [terminal.out, markdown.out, html]) {
      expect(out.replace(/\s+/g, ' ')).toContain(`Entra join for the ${split.entraDevices} devices at "Shop East", "Shop West" and hybrid for the other ${rec.devices - split.entraDevices}: ${split.scenario} succeeds for ${rate} of devices`);
    }
  });

  it('says the plan was not simulated where no site or group holds the devices without a domain controller', async () => {
    // A fifth of one group's laptops, at every site, have neither: no site or group to give Entra join.
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
    expect(rec.joinSplit).toBeNull();
    expect(rec.notes.join(' ')).toMatch(/the hybrid join exclusion advises .* was not simulated: no site or group holds those devices/);
  });

  it('finds the sites whose hybrid devices have no domain controller, where Entra kiosks stand beside them', async () => {
    // Two shops with no DC and no VPN hold every hybrid laptop that cannot reach one, beside many more self-deploying
    // kiosks (Entra joined already): the shops were weighed over all their devices (the laptops a fifth of them), not
    // said to hold the laptops, and the plan the exclusion advises was a note, not simulated.
    const noDc = { hybrid: { dcLineOfSight: false, vpn: 'none' } };
    const fleet = fleetFrom({
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
    const rec = await recommend(fleet, {});
    expect(rec.joinExclusion?.entraForAll).toBe(false);
    expect(rec.notes.join(' ')).not.toMatch(/was not simulated/);
    expect(rec.joinSplit?.entraAt).toEqual({ sites: SHOPS });
    expect(rec.joinExclusion?.reason).toContain('(the devices at sites "Shop East", "Shop West")');
  });

  it("says when the answer's split of scenarios was not weighed with the join's plan (branch-rollout)", async () => {
    // The answer sets the laptops with TPM 1.2 apart on user-driven and puts the rest on pre-provisioned; the join's plan
    // (Entra at Branch C) was weighed with user-driven for every device, and said nothing of it beside the split.
    const rec = await recommend(loadFleet('fleets/branch-rollout'));
    expect(rec.split?.better).toBe(true);
    expect(rec.joinSplit?.entraAt).toEqual({ sites: ['Branch C'] });
    expect(rec.joinSplit?.beforeScenarioSplit).toBe(true);
    expect(rec.joinSplit?.sentence).toContain(`It is weighed with ${rec.joinSplit?.scenario} for every device: the split of scenarios the answer gives was not weighed with Entra join at those sites.`);
    expect(rec.recommendation.sentence).toContain('the split of scenarios above not weighed with it');
  });
});

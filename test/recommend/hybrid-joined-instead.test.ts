// A hybrid group below the 5% threshold on a scenario with no hybrid path (device preparation, domain §7): the devices
// do not fail it, they are joined to Entra, and its figures are theirs joined so. The answer said 'those devices fail
// device-preparation' beside its 100% and never that the plan changes their join; where the goals keep them hybrid
// (goals.preferEntraJoin: false) it was offered all the same.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { entraJoinedNotHybrid, recommend } from '../../src/recommend/index.ts';
import { renderRecommendationMarkdown } from '../../src/report/markdown.ts';
import { renderRecommendation } from '../../src/cli/commands/recommend.ts';

const fleet = (goals: Record<string, unknown>) =>
  fleetFrom({
    name: 'Mostly Entra',
    environment: { apps: [{ name: 'Agent', type: 'win32' }, { name: 'Legacy MSI', type: 'msi-lob' }, { name: 'Microsoft 365 Apps', type: 'm365' }] },
    goals: { leastEndUserTime: true, ...goals },
    groups: [{ name: 'Laptops', weight: 96 }, { name: 'Finance desktops', weight: 4, environment: { profile: { joinType: 'hybrid' } } }],
  });

describe('a hybrid group on device preparation', () => {
  it('the answer says beside its figures that those devices would be Entra joined, not that they fail', async () => {
    const r = await recommend(fleet({}), { devices: 200 });
    expect(r.recommendation.scenario).toBe('device-preparation');
    expect(r.recommendation.sentence).toContain(`With device-preparation, ${entraJoinedNotHybrid('4.0% of devices ("Finance desktops")')}`);
    expect(r.recommendation.sentence).not.toContain('those devices fail device-preparation');
    // The warnings' heading said only 'they will fail in that scenario', of these devices too.
    const joined = 'or, joined hybrid where it has no hybrid path, be joined to Entra instead';
    expect(renderRecommendation(r, { columns: 400 })).toContain(`they will fail in that scenario, ${joined}):`);
    expect(renderRecommendationMarkdown(r)).toContain(`they will fail in that scenario, ${joined}.`);
  });

  it('with goals.preferEntraJoin: false, device preparation is not offered for them: excluded by the goal, the rest split onto it', async () => {
    const r = await recommend(fleet({ preferEntraJoin: false }), { devices: 200 });
    const dp = r.exclusions.find((e) => e.scenario === 'device-preparation')!;
    expect(dp.reason).toContain('(goals.preferEntraJoin: false)');
    expect(dp.groups).toEqual(['Finance desktops']);
    expect(r.ranking.map((x) => x.scenario)).not.toContain('device-preparation');
    expect(r.perGroup.find((g) => g.group === 'Finance desktops')!.scenario).not.toBe('device-preparation');
  });
});

// recommend's answer for a group names the shared resources its figures rest on: a hospital's kiosks, nurse stations and
// device preparation pilot, none of them joined hybrid, were each told "beside the rest of the fleet, the Intune Connector
// for AD is saturated", which only the clinicians' hybrid laptops beside them ask (and saturated). A group's own report
// kept the connector's warning whatever its devices, as it keeps only the site links they cross.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { recommend } from '../../src/recommend/index.ts';

const input = {
  name: 'Kiosks beside hybrid laptops',
  seed: 4,
  environment: { apps: [{ name: 'Portal', type: 'store', sizeMb: 10 }] },
  groups: [
    { name: 'Kiosks', count: 100, environment: { scenario: 'self-deploying', profile: { kioskAutologon: true } } },
    { name: 'Laptops', count: 200, environment: { scenario: 'user-driven', profile: { joinType: 'hybrid' } } },
  ],
  rollout: { windowHours: 4 },
  sharedWorld: { connectorRequestsPerHour: 20 },
  goals: { preferEntraJoin: false },
};

describe("a group's own answer and the connector", () => {
  it('names the connector for the group whose devices ask it, not for the kiosks beside them', async () => {
    const r = await recommend(fleetFrom(input));
    const of = (name: string) => r.perGroup.find((g) => g.group === name)!;
    expect(of('Laptops').summary!.saturated.map((s) => s.resource)).toContain('Intune Connector for AD');
    expect(of('Laptops').sentence).toMatch(/the Intune Connector for AD is saturated/);
    expect(of('Kiosks').summary!.saturated).toEqual([]);
    expect(of('Kiosks').sentence).not.toMatch(/Connector/);
  });
});

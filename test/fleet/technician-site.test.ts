// Pre-provisioning at a depot, then shipping to the branches (groups[].technicianSite): the technician flow's downloads load
// the depot's link, the user flow's the branch's. The technician flow loaded the branch's link, so a depot could not be
// sized, and branches that only ever run the user flow were told their links were saturated by the technicians' downloads.
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { InputError } from '../../src/environment/load.ts';
import { parseFleet } from '../../src/fleet/load.ts';

const depot = (o: { technicianSite: boolean; scenario?: string }) =>
  [
    'name: Depot then branches',
    `scenario: ${o.scenario ?? 'pre-provisioned'}`,
    'devices: 200',
    'environment:',
    '  profile: { allowPreProvisioning: true }',
    '  apps:',
    '    - { name: Microsoft 365 Apps, type: win32, sizeMb: 2500 }',
    '    - { name: Teams, type: win32, sizeMb: 300, target: user, context: user }',
    'sites:',
    '  - { name: Depot, bandwidthMbps: 300 }',
    '  - { name: Branch A, bandwidthMbps: 50 }',
    '  - { name: Branch B, bandwidthMbps: 50 }',
    'groups:',
    `  - { name: Laptops, ${o.technicianSite ? 'technicianSite: Depot, ' : ''}sites: { Branch A: 1, Branch B: 1 } }`,
    'rollout: { devicesPerHour: 20 }',
    '',
  ].join('\n');

const demand = (r: Awaited<ReturnType<typeof runFleet>>, site: string) => r.loads.find((l) => l.kind === 'link' && l.name === site)!.totalDemand;

describe('a depot for the technician flow', () => {
  it("carries the technician flows' downloads; the branches carry only the user flows'", async () => {
    const atDepot = await runFleet(parseFleet('depot.yaml', depot({ technicianSite: true })));
    const atBranch = await runFleet(parseFleet('depot.yaml', depot({ technicianSite: false })));
    // Every device downloads Microsoft 365 Apps in the technician flow and Teams (user-targeted) in its user's account setup.
    expect(atDepot.succeeded).toBe(200);
    expect(demand(atDepot, 'Depot')).toBe(200 * 2500 * 8);
    expect(demand(atDepot, 'Branch A') + demand(atDepot, 'Branch B')).toBe(200 * 300 * 8);
    expect(atDepot.warnings.filter((w) => w.kind === 'link-saturated' || w.kind === 'site-without-devices')).toEqual([]);
    // At the branches, both flows load their 50 Mbps links, and the technicians' downloads saturate them.
    expect(demand(atBranch, 'Depot')).toBe(0);
    expect(demand(atBranch, 'Branch A') + demand(atBranch, 'Branch B')).toBe(200 * 2800 * 8);
    expect(atBranch.warnings.some((w) => w.kind === 'link-saturated' && w.resource.startsWith('Branch'))).toBe(true);
    expect(atBranch.successRate).toBeLessThan(atDepot.successRate);
  });

  it('is no place for a flow without a technician: user-driven devices download at their own site', async () => {
    const r = await runFleet(parseFleet('depot.yaml', depot({ technicianSite: true, scenario: 'user-driven' })));
    expect(demand(r, 'Depot')).toBe(0);
  });

  it('names a site the file does not have: file, line and field', () => {
    try {
      parseFleet('depot.yaml', depot({ technicianSite: true }).replace('technicianSite: Depot', 'technicianSite: Warehouse'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toBe('depot.yaml:14: groups[0].technicianSite: expected one of the sites (Depot, Branch A, Branch B), got "Warehouse"');
    }
  });
});

describe("a site with share 0: no devices of its own", () => {
  // An architect writes a depot or a hub as share: 0 (no devices by the sites' shares). It was refused ('sites[0].share:
  // expected > 0, got 0'), with no way to say so: the share left out is 1.
  it('takes none of the devices of a group that goes by the shares; a group that names it still deploys there', async () => {
    const file = (depotShare: string) =>
      [
        'name: Depot and two branches',
        'devices: 300',
        'sites:',
        `  - { name: Depot, ${depotShare}bandwidthMbps: 300 }`,
        '  - { name: Branch A, share: 2 }',
        '  - { name: Branch B, share: 1 }',
        'groups:',
        '  - { name: Laptops, weight: 2 }',
        '  - { name: Build room, weight: 1, sites: { Depot: 1 } }',
        '',
      ].join('\n');
    const r = await runFleet(parseFleet('depot.yaml', file('share: 0, ')));
    const at = (site: string) => r.sites.find((s) => s.name === site)!.devices;
    expect(r.groups.find((g) => g.name === 'Build room')!.devices).toBe(at('Depot'));
    expect(at('Depot') + at('Branch A') + at('Branch B')).toBe(300);
    expect(r.groups.find((g) => g.name === 'Laptops')!.devices).toBe(at('Branch A') + at('Branch B'));
    // Left out, the share is 1: the laptops go to the depot too.
    const unset = await runFleet(parseFleet('depot.yaml', file('')));
    expect(unset.sites.find((s) => s.name === 'Depot')!.devices).toBeGreaterThan(unset.groups.find((g) => g.name === 'Build room')!.devices);
  });

  it('is an input error where a group goes by the shares and every share is 0', () => {
    const sites = ['sites:', '  - { name: Depot, share: 0 }', '  - { name: Hub, share: 0 }'];
    const err = (text: string) => {
      try {
        parseFleet('fleet.yaml', text);
      } catch (e) {
        return (e as InputError).message;
      }
      return 'no error';
    };
    expect(err([...sites, 'groups:', '  - { name: Laptops, count: 10 }', ''].join('\n'))).toBe(
      'fleet.yaml:5: groups[0].sites: expected the sites of "Laptops", such as {Depot: 1}: it gives none, so its devices go by the sites\' shares, and every site\'s share is 0 (Depot, Hub)',
    );
    expect(err([...sites, ''].join('\n'))).toBe("fleet.yaml:2: sites: expected at least one site with a share above 0: every site's share is 0 (Depot, Hub)");
    // The only site's share is the field to change (also -0, which the bad-input property gives it).
    for (const share of ['0', '-0']) {
      expect(err(`sites:\n  - { name: Depot, share: ${share} }\n`)).toBe("fleet.yaml:2: sites[0].share: expected a share above 0 for the fleet's only site (Depot): a share of 0 keeps every device out of it");
    }
  });
});

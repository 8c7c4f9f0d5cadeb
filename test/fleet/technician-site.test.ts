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
      expect((e as InputError).message).toBe('depot.yaml:14: groups[0].technicianSite: expected one of the sites: Depot, Branch A, Branch B');
    }
  });
});

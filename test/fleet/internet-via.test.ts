// A site behind a hub (sites[].internetVia): its downloads cross its own link and the hub's, as a forced-tunnel VPN or a
// WAN backhaul to a head office's internet breakout sends them. Every site had one link of its own, so "what if the
// branches backhaul through head office?" could not be asked: branches with ample links of their own never loaded it.
import { describe, expect, it } from 'vitest';
import { replayFleetDevice, runFleet } from '../../src/fleet/index.ts';
import { InputError } from '../../src/environment/load.ts';
import { parseFleet } from '../../src/fleet/load.ts';

/** Head office breaks out to the internet; two branches with links of their own, behind it or breaking out locally. */
const offices = (o: { via: boolean; hubMbps: number; devices?: number }) =>
  [
    'name: Offices',
    `devices: ${o.devices ?? 600}`,
    'scenario: user-driven',
    'environment:',
    '  apps:',
    '    - { name: Microsoft 365 Apps, type: win32, sizeMb: 1000 }',
    '    - { name: Company Portal, type: store, sizeMb: 50 }',
    'sites:',
    `  - { name: Head office, share: 1, bandwidthMbps: ${o.hubMbps} }`,
    `  - { name: Branch 1, share: 2, bandwidthMbps: 1000${o.via ? ', internetVia: Head office' : ''} }`,
    `  - { name: Branch 2, share: 2, bandwidthMbps: 1000${o.via ? ', internetVia: Head office' : ''} }`,
    'rollout: { devicesPerHour: 60 }',
    '',
  ].join('\n');

const link = (r: Awaited<ReturnType<typeof runFleet>>, site: string) => r.loads.find((l) => l.kind === 'link' && l.name === site)!;

describe('branches that reach the internet through a hub', () => {
  it("load the hub's link with their downloads: a link that breaking out locally leaves idle saturates, and the warning names the sites behind it", async () => {
    const local = await runFleet(parseFleet('offices.yaml', offices({ via: false, hubMbps: 100 })));
    const backhauled = await runFleet(parseFleet('offices.yaml', offices({ via: true, hubMbps: 100 })));
    // Broken out locally, head office's link carries its own fifth of the devices; backhauled, every device's downloads.
    const all = (r: typeof local) => ['Head office', 'Branch 1', 'Branch 2'].reduce((a, s) => a + (s === 'Head office' ? 0 : link(r, s).totalDemand), link(r, 'Head office').totalDemand);
    expect(link(backhauled, 'Head office').totalDemand).toBeCloseTo(all(local), -2);
    expect(local.warnings.some((w) => w.kind === 'link-saturated')).toBe(false);
    expect(local.successRate).toBeGreaterThan(0.95);
    const w = backhauled.warnings.find((x) => x.kind === 'link-saturated')!;
    expect(w.resource).toBe('Head office');
    expect(w.text).toMatch(/^Head office's link \(with the downloads of Branch 1, Branch 2, which reach the internet through it\) is saturated/);
    expect(backhauled.successRate).toBeLessThan(local.successRate - 0.2);
    // The branches' own links carry what they did.
    expect(link(backhauled, 'Branch 1').totalDemand).toBe(link(local, 'Branch 1').totalDemand);
  });

  it("download at the slower link's speed, and queue on the hub's link: a branch of 1,000 Mbps behind a 10 Mbps hub is a 10 Mbps branch", async () => {
    const branch = (o: { mbps: number; via: boolean }) =>
      [
        'devices: 1',
        'scenario: user-driven',
        'environment: { apps: [{ name: Microsoft 365 Apps, type: win32, sizeMb: 1000 }] }',
        'sites:',
        '  - { name: Head office, share: 1, bandwidthMbps: 10 }',
        `  - { name: Branch, share: 1, bandwidthMbps: ${o.mbps}${o.via ? ', internetVia: Head office' : ''} }`,
        'groups: [{ name: Laptops, sites: { Branch: 1 } }]',
        '',
      ].join('\n');
    const backhauled = await replayFleetDevice(parseFleet('branch.yaml', branch({ mbps: 1000, via: true })), 0);
    const slow = await replayFleetDevice(parseFleet('branch.yaml', branch({ mbps: 10, via: false })), 0);
    const fast = await replayFleetDevice(parseFleet('branch.yaml', branch({ mbps: 1000, via: false })), 0);
    const setup = (r: typeof slow) => r.outcome.phaseMinutes.deviceSetup!;
    // 1,000 MB at 10 Mbps is 13.3 minutes: the branch's own link, nearly idle, adds next to nothing to it.
    expect(setup(fast) + 13).toBeLessThan(setup(slow));
    expect(setup(backhauled)).toBeCloseTo(setup(slow), 1);
  });

  it('names a hub that is not a site, the site itself, or one behind a hub of its own: file, line and field', () => {
    const at = (text: string) => {
      try {
        parseFleet('offices.yaml', text);
      } catch (e) {
        if (e instanceof InputError) return e.message;
        throw e;
      }
      return 'no error';
    };
    const base = offices({ via: true, hubMbps: 100 });
    expect(at(base.replace('Branch 1, share: 2, bandwidthMbps: 1000, internetVia: Head office', 'Branch 1, share: 2, bandwidthMbps: 1000, internetVia: Head Office'))).toBe(
      'offices.yaml:10: sites[1].internetVia: expected the name of another site, whose link the downloads cross (did you mean "Head office"?), got "Head Office"',
    );
    expect(at(base.replace('Branch 1, share: 2, bandwidthMbps: 1000, internetVia: Head office', 'Branch 1, share: 2, bandwidthMbps: 1000, internetVia: Branch 1'))).toMatch(/^offices\.yaml:10: sites\[1\]\.internetVia: expected the name of another site/);
    expect(at(base.replace('Branch 2, share: 2, bandwidthMbps: 1000, internetVia: Head office', 'Branch 2, share: 2, bandwidthMbps: 1000, internetVia: Branch 1'))).toBe(
      'offices.yaml:11: sites[2].internetVia: expected a site that breaks out to the internet itself: "Branch 1" reaches it through "Head office" (name that site here)',
    );
  });
});

// Pre-provisioned is weighed with the profile's "Allow pre-provisioned deployment" on (scenarioOverride). Where the answer
// deploys it and the file's profile leaves it off, a note names the setting: told 'use pre-provisioned', the file run as
// written failed every device with 0x80180005 at the technician's Windows key pressed five times (domain §2.3 T3).
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { runFleet } from '../../src/fleet/index.ts';
import { recommend } from '../../src/recommend/index.ts';

const depot = (allow: boolean) =>
  fleetFrom({
    name: 'Depot',
    seed: 2,
    devices: 300,
    scenario: 'pre-provisioned',
    environment: { profile: { joinType: 'entra', allowPreProvisioning: allow }, apps: [{ name: 'Suite', type: 'win32', sizeMb: 1500 }] },
    sites: [{ name: 'Depot', share: 0, bandwidthMbps: 1000 }, { name: 'Branch', bandwidthMbps: 20 }],
    groups: [{ name: 'Laptops', weight: 1, technicianSite: 'Depot', sites: { Branch: 1 } }],
    rollout: { windowHours: 48 },
    goals: { leastEndUserTime: true },
  });

describe("recommend's answer of pre-provisioned where the file's profile does not allow it", () => {
  it('names the setting, and gives the same answer as with it allowed', async () => {
    const off = await recommend(depot(false));
    const on = await recommend(depot(true));
    expect(off.recommendation.deploy.map((d) => d.scenario)).toContain('pre-provisioned');
    expect(off.recommendation.sentence).toBe(on.recommendation.sentence);
    const note = 'The answer pre-provisions devices, weighed with "Allow pre-provisioned deployment" set to Yes in their profile; the file leaves it at No for 100.0% of devices (profile.allowPreProvisioning)';
    expect(off.notes.join(' ')).toContain(note);
    expect(on.notes.join(' ')).not.toContain('profile.allowPreProvisioning');
    // The file as written: every technician flow fails with 0x80180005.
    const asWritten = await runFleet(depot(false));
    expect(asWritten.successRate).toBe(0);
    expect(asWritten.failures[0]!.code).toBe('0x80180005');
  });
});

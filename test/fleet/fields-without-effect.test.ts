// A field an architect sets alone and expects to matter, which changes nothing without another setting, is said: a warning
// naming the field where the file writes it and what it needs (src/fleet/idle-fields.ts). Each changed no figure and the
// report said nothing: the same success and times with and without it. With its companion, no warning.
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import type { FleetInput } from '../../src/fleet/schema.ts';

const idle = async (input: FleetInput) => (await runFleet(fleetFrom({ devices: 60, ...input }), {})).warnings.filter((w) => w.kind === 'field-without-effect').map((w) => w.text);
const figures = async (input: FleetInput) => {
  const r = await runFleet(fleetFrom({ devices: 60, ...input }), {});
  return [r.successRate, r.timeToDesktop.total.p50, r.timeToDesktop.total.p90];
};

describe('a field that changes nothing without its companion setting', () => {
  it("esp.timeoutMinutes for Cloud PCs (device preparation's timer is the policy's) and for a reset (no ESP)", async () => {
    const cloud = { scenario: 'device-preparation', environment: { devicePreparation: { mode: 'automatic' }, registration: { registered: false } } } as const;
    expect(await figures({ ...cloud, environment: { ...cloud.environment, esp: { timeoutMinutes: 240 } } })).toEqual(await figures(cloud));
    const [text] = await idle({
      groups: [
        { name: 'Teacher Cloud PCs', weight: 1, environment: { ...cloud.environment, scenario: 'device-preparation', esp: { timeoutMinutes: 240 } } },
        { name: 'Lab PCs', weight: 1, environment: { scenario: 'reset', esp: { timeoutMinutes: 90 } } },
        { name: 'Staff laptops', weight: 1, environment: { esp: { timeoutMinutes: 90 } } },
      ],
    });
    expect(text).toBe(
      'groups[0].environment.esp.timeoutMinutes (240) changes nothing for group "Teacher Cloud PCs": device preparation has no ESP: its one timer is each policy\'s, devicePreparation.policies[].timeoutMinutes (domain §7).',
    );
    expect((await idle({ groups: [{ name: 'Lab PCs', weight: 1, environment: { scenario: 'reset', esp: { timeoutMinutes: 90 } } }] }))[0]).toMatch(
      /^groups\[0\]\.environment\.esp\.timeoutMinutes \(90\) changes nothing for group "Lab PCs": Autopilot Reset shows no ESP/,
    );
    // Set for the whole tenant, where some devices run an ESP: it matters for them, and nothing is said.
    expect(await idle({ environment: { esp: { timeoutMinutes: 90 } }, groups: [{ name: 'Labs', weight: 1, environment: { scenario: 'reset' } }, { name: 'Laptops', weight: 1 }] })).toEqual([]);
  });

  it('people.onError: continue without the Continue anyway button', async () => {
    const slow = { apps: [{ name: 'Big app', installMinutes: 90 }], esp: { timeoutMinutes: 30 } };
    expect(await figures({ environment: { ...slow, people: { onError: 'continue' } } })).toEqual(await figures({ environment: { ...slow, people: { onError: 'give-up' } } }));
    expect(await idle({ environment: { ...slow, people: { onError: 'continue' } } })).toEqual([
      'environment.people.onError ("continue") changes nothing for the fleet: the ESP error page shows no Continue anyway button: it needs esp.allowContinueAnyway: true, with esp.blockDeviceUse: true, which unlocks it (domain §3.2), so the person at the page gives up instead.',
    ]);
    expect(await idle({ environment: { ...slow, people: { onError: 'continue' }, esp: { ...slow.esp, allowContinueAnyway: true } } })).toEqual([]);
    // Device preparation's own page: its policy's allowSkip.
    const dp = { scenario: 'device-preparation', environment: { registration: { registered: false }, people: { onError: 'continue' } } } as const;
    expect((await idle(dp))[0]).toMatch(/devicePreparation\.policies\[\]\.allowSkip: true/);
    expect(await idle({ ...dp, environment: { ...dp.environment, devicePreparation: { policies: [{ allowSkip: true }] } } })).toEqual([]);
  });

  it('people.onError: reset without the Reset device button (esp.allowReset)', async () => {
    const slow = { apps: [{ name: 'Big app', installMinutes: 90 }], esp: { timeoutMinutes: 30 } };
    // The person at the ESP page with no Reset device button gives up: the same figures as giving up, and now said.
    expect(await figures({ environment: { ...slow, people: { onError: 'reset' } } })).toEqual(await figures({ environment: { ...slow, people: { onError: 'give-up' } } }));
    expect(await idle({ environment: { ...slow, people: { onError: 'reset' } } })).toEqual([
      'environment.people.onError ("reset") changes nothing for the fleet: the ESP error page shows no Reset device button: it needs esp.allowReset: true, with esp.blockDeviceUse: true, which unlocks it (domain §3.2), so the person at the page gives up instead.',
    ]);
    expect(await idle({ environment: { ...slow, people: { onError: 'reset' }, esp: { ...slow.esp, allowReset: true } } })).toEqual([]);
    // The technician's red screen always has Reset (§2.3 T9b): nothing said for pre-provisioning.
    expect(await idle({ scenario: 'pre-provisioned', environment: { ...slow, people: { onError: 'reset' } } })).toEqual([]);
    // Device preparation's page has no Reset (§7).
    expect((await idle({ scenario: 'device-preparation', environment: { registration: { registered: false }, people: { onError: 'reset' } } }))[0]).toMatch(/no Reset \(domain §7\)/);
  });

  it('profile.allowPreProvisioning where no device runs pre-provisioned', async () => {
    expect(await figures({ environment: { profile: { allowPreProvisioning: true } } })).toEqual(await figures({}));
    expect(await idle({ groups: [{ name: 'Laptops', weight: 1, environment: { profile: { allowPreProvisioning: true } } }] })).toEqual([
      'groups[0].environment.profile.allowPreProvisioning (true) changes nothing for group "Laptops": only a technician flow reads it, and it runs where the scenario is pre-provisioned (scenario, or a group\'s environment.scenario); these devices run user-driven.',
    ]);
    expect(await idle({ scenario: 'pre-provisioned', environment: { profile: { allowPreProvisioning: true } } })).toEqual([]);
  });

  it("a rollout window or a site's start where the devices share nothing limited", async () => {
    const apps = { apps: [{ name: 'Office', sizeMb: 3000 }] };
    expect(await figures({ environment: apps, rollout: { windowHours: 8 } })).toEqual(await figures({ environment: apps }));
    expect(await idle({ environment: apps, rollout: { windowHours: 8 }, sites: [{ name: 'HQ', startHour: 2 }, { name: 'Branch' }] })).toEqual([
      'rollout.windowHours (8 hours), sites[0].startHour ("HQ", hour 2) change nothing here: when the devices start matters only for what they share, a site\'s link with a capacity (sites[].bandwidthMbps), the connector\'s (sharedWorld.connectorRequestsPerHour) and a cloud incident\'s hours (sharedWorld.incident), and the file gives none of them (unset: no limit).',
    ]);
    expect(await idle({ environment: apps, rollout: { windowHours: 8 }, sites: [{ name: 'HQ', bandwidthMbps: 100 }] })).toEqual([]);
  });

  it("a site's link where Autopilot Reset devices are: their required apps are not downloaded, said so", async () => {
    const apps = { apps: [{ name: 'Office', sizeMb: 3000 }] };
    const sites = [{ name: 'Hill Primary', bandwidthMbps: 20 }];
    const labs = { name: 'Lab PCs', weight: 1, environment: { scenario: 'reset' } } as const;
    // The resets' figures are the same on any link: the model downloads nothing for them.
    expect(await figures({ environment: apps, sites, groups: [labs] })).toEqual(await figures({ environment: apps, sites: [{ name: 'Hill Primary', bandwidthMbps: 2000 }], groups: [labs] }));
    expect(await idle({ environment: apps, sites, groups: [labs, { name: 'Staff laptops', weight: 1 }] })).toEqual([
      'The link of "Hill Primary" (20 Mbps) (sites[].bandwidthMbps) carries none of the downloads of the Autopilot Reset devices there (group "Lab PCs"): their required apps install after the desktop (domain §2.8 RL7), which the model does not simulate, so their figures do not depend on the link and the load leaves them out.',
    ]);
    // No link with a capacity, or no reset: nothing said.
    expect(await idle({ environment: apps, groups: [labs] })).toEqual([]);
    expect(await idle({ environment: apps, sites, groups: [{ name: 'Staff laptops', weight: 1 }] })).toEqual([]);
  });
});

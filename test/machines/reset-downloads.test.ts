// §2.8 RL7: "Required apps are not tracked in the ESP after a reset. They install after the user reaches the desktop." A fleet
// of resets downloaded nothing: the reset ended at its sync and its apps never took the site's link, so devices reset at a
// site left its link idle for the devices deploying beside them.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { runFleet } from '../../src/fleet/index.ts';
import { parseFleet } from '../../src/fleet/load.ts';
import type { Shared } from '../../src/world/shared.ts';

const APPS = [{ name: 'Microsoft 365 Apps', type: 'win32', sizeMb: 1000 }, { name: 'Company Portal', type: 'store', sizeMb: 50 }] as const;
const apps = () => APPS.map((a) => ({ ...a }));

describe("an Autopilot Reset's required apps download after it, over the site's link (§2.8 RL7)", () => {
  it('each required app is one download, asked of the link when the sync that ends the reset is done', () => {
    for (const kind of ['local', 'remote'] as const) {
      const asked: Array<{ kind: string; at: number; amount: number; technician?: boolean }> = [];
      const shared: Shared = { startMs: 0, downloadMinutes: () => 0, connectorWaitMinutes: () => 0, incidentFails: () => false, record: (k, at, amount, technician) => void asked.push({ kind: k, at, amount, technician }) };
      const env = defaultEnvironment({ scenario: 'reset', reset: { kind }, people: { localResetAllowed: true }, apps: apps() });
      const { outcome, trace } = simulate(env, { seed: 1, shared });
      expect(outcome.status).toBe('succeeded');
      const end = trace.at(-1)!.at;
      // The trace writes whole milliseconds.
      expect(asked.filter((a) => a.kind === 'download').map((a) => ({ ...a, at: Math.round(a.at) }))).toEqual(APPS.map((a) => ({ kind: 'download', at: end, amount: a.sizeMb * 8, technician: false })));
    }
  });

  it('a reset that does not finish downloads nothing', () => {
    const asked: string[] = [];
    const shared: Shared = { startMs: 0, downloadMinutes: () => 0, connectorWaitMinutes: () => 0, incidentFails: () => false, record: (k) => void asked.push(k) };
    const env = defaultEnvironment({ scenario: 'reset', reset: { kind: 'remote' }, network: { blockedEndpoints: ['intune'] }, apps: apps() });
    expect(simulate(env, { seed: 1, shared }).outcome.status).toBe('failed');
    expect(asked).toEqual([]);
  });

  it("in a fleet, resets load their site's link: 40 devices, 1,050 MB each", async () => {
    const fleet = [
      'name: Store resets',
      'devices: 40',
      'scenario: reset',
      'environment:',
      '  reset: { kind: remote }',
      '  apps:',
      '    - { name: Microsoft 365 Apps, type: win32, sizeMb: 1000 }',
      '    - { name: Company Portal, type: store, sizeMb: 50 }',
      'sites:',
      '  - { name: Store, share: 1, bandwidthMbps: 100 }',
      'rollout: { devicesPerHour: 40 }',
      '',
    ].join('\n');
    const r = await runFleet(parseFleet('resets.yaml', fleet));
    expect(r.successRate).toBe(1);
    const link = r.loads.find((l) => l.kind === 'link' && l.name === 'Store')!;
    expect(link.totalDemand).toBeGreaterThan(0);
  });
});

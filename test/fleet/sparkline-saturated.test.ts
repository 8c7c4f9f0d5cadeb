// The hour-by-hour line's █ means "at or over capacity", as its legend says: it stood for anything from 88%, so a bank's
// connector busy at 90% most hours read as saturated for 22 hours beside the loads table's 8 hours over capacity.
import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/format.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { runFleet } from '../../src/fleet/index.ts';
import { renderFleet } from '../../src/report/fleet.ts';

describe('the hour-by-hour line', () => {
  it('draws █ only at or over capacity', () => {
    expect(sparkline([0, 0.1, 0.5, 0.9, 0.99, 1, 1.5], 20)).toBe(' ▁▄▇▇██');
  });

  it("counts as many █ as the loads table's hours over capacity (a hybrid fleet near its connector's capacity)", async () => {
    const r = await runFleet(fleetFrom({ name: 'Bank', seed: 1, scenario: 'user-driven', environment: { profile: { joinType: 'hybrid' }, hybrid: { dcLineOfSight: true } }, groups: [{ name: 'Tellers', count: 1200 }], sharedWorld: { connectorRequestsPerHour: 60 }, rollout: { windowHours: 24 } }));
    const c = r.loads.find((l) => l.kind === 'connector')!;
    expect(c.hours.some((h) => h.utilisation > 0.875 && h.utilisation < 1)).toBe(true);
    const line = renderFleet(r).replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.startsWith('  Intune Connector for AD'))!;
    expect([...line].filter((ch) => ch === '█').length).toBe(c.hours.filter((h) => h.utilisation >= 1).length);
  });
});

// A fleet run as another scenario (compare --scenarios, recommend: src/fleet/scenarios.ts) gets what its scenario needs,
// registration included; and a fleet's failure table groups what happened the same way into one mode.
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { parseFleet } from '../../src/fleet/load.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';

describe('a fleet run as another scenario', () => {
  it('classic Autopilot registers the devices, device preparation does not: a fleet written either way compares fairly', async () => {
    // Written for device preparation (not registered): user-driven failed every device with "not registered" beside it.
    const unregistered = parseFleet('apdp.yaml', 'devices: 200\nseed: 3\nenvironment: { registration: { registered: false } }\n');
    const registered = parseFleet('classic.yaml', 'devices: 200\nseed: 3\n');
    for (const fleet of [unregistered, registered]) {
      const classic = await runFleet(fleet, { environment: scenarioOverride('user-driven') });
      const dp = await runFleet(fleet, { environment: scenarioOverride('device-preparation') });
      expect(classic.failures.find((f) => f.code === 'ZTD_NOT_REGISTERED' || /not registered/i.test(f.causeSummary))).toBeUndefined();
      expect(classic.successRate).toBeGreaterThan(0.9);
      expect(dp.successRate).toBeGreaterThan(0.9);
    }
  });
});

describe("device preparation's timer in a fleet's failure table", () => {
  it('one failure mode for the policy timer running out, whichever app was installing (it was a row per app)', async () => {
    const fleet = parseFleet(
      'apdp-timeout.yaml',
      [
        'devices: 300',
        'seed: 5',
        'scenario: device-preparation',
        'environment:',
        '  registration: { registered: false }',
        '  apps: [{ name: Suite A, type: win32, installMinutes: { uniform: [5, 30] } }, { name: Suite B, type: win32, installMinutes: { uniform: [5, 30] } }]',
        '  devicePreparation: { policies: [{ name: Laptops, timeoutMinutes: 40 }] }',
        '',
      ].join('\n'),
    );
    const r = await runFleet(fleet, {});
    const rows = r.failures.filter((f) => f.code === 'APDP_TIMEOUT');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.causeSummary).toMatch(/the device preparation policy's timer ran out while one of 2 apps/);
  });
});

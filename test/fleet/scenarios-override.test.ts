// compare --scenarios and recommend run one fleet as each scenario (src/fleet/scenarios.ts): each side gets what its
// scenario needs, registration included, so neither side wins on a fleet written for the other.
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

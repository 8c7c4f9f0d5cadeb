// recommend's line for a group whose file fixes a scenario that fails most of its devices gave that scenario's success
// alone: a university's lab PCs, written as a local Autopilot Reset without the policy that allows it, read 'user-driven,
// 100.0% success, 34 min for the user, rather than reset (0.0% success)', not what failed them, so an architect saw a
// scenario swapped where one setting was missing. The fixed scenario's top failure is named beside its figures now.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { recommend } from '../../src/recommend/index.ts';

describe("recommend: the file's scenario for a group, where it fails", () => {
  it('names what failed it beside its figures; a scenario that did well gets no failure', async () => {
    const fleet = fleetFrom({
      name: 'University',
      groups: [
        { name: 'Teaching labs', count: 40, environment: { scenario: 'reset', reset: { kind: 'local' } } },
        { name: 'Allowed labs', count: 40, environment: { scenario: 'reset', reset: { kind: 'local' }, people: { localResetAllowed: true } } },
        { name: 'Staff laptops', count: 40 },
      ],
    });
    const rec = await recommend(fleet, { devices: 120 });
    const labs = rec.perGroup.find((g) => g.group === 'Teaching labs')!;
    expect(labs.scenario).not.toBe('reset');
    expect(labs.sentence).toMatch(/rather than reset \(0\.0% success; top failure RESET_NOT_ENABLED in Autopilot Reset \(100\.0% of devices: local Autopilot Reset is not enabled by policy/);
    const allowed = rec.perGroup.find((g) => g.group === 'Allowed labs')!;
    expect(allowed.sentence).not.toContain('top failure');
  }, 300_000);
});

// Remote Autopilot Resets wait for each device's next Intune check-in (domain §2.9 RR2: about every 8 hours for a device
// enrolled long ago): a university's lab PCs reset remotely waited about 4 hours each, and the report showed it only as a
// fleet-wide mean among the phases' minutes, with nothing on the elapsed time or on the forced sync that removes it. A
// line now says how long they waited, and that reset.forcedSync starts a reset within minutes; none where it is forced.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { runFleet } from '../../src/fleet/index.ts';
import { renderFleetMarkdown } from '../../src/report/markdown.ts';

const labs = (forcedSync: boolean) =>
  fleetFrom({
    name: 'Labs',
    seed: 27,
    groups: [
      { name: 'Student labs', count: 300, environment: { scenario: 'reset', reset: { kind: 'remote', currentJoin: 'entra', forcedSync } } },
      { name: 'Staff laptops', count: 100, environment: { scenario: 'user-driven' } },
    ],
  });

describe('remote resets waiting for the check-in', () => {
  it('are said with their mean wait, the group, and the forced sync that removes it', async () => {
    const r = await runFleet(labs(false));
    const w = r.warnings.find((x) => x.kind === 'check-in-wait');
    expect(w).toBeDefined();
    const mean = Number(/waited ([\d.]+) minutes each/.exec(w!.text)![1]);
    // The fleet-wide mean over every device, spread over the 300 that waited.
    expect(mean).toBeCloseTo((r.phaseMinutes.checkIn! * 400) / 300, 0);
    expect(mean).toBeGreaterThan(60);
    expect(w!.text).toContain('300 devices ("Student labs") waited');
    expect(w!.text).toContain('reset.forcedSync: true');
    expect(renderFleetMarkdown(r)).toContain('Remote Autopilot Resets run at each device');
  });

  it('are not said where the sync is forced', async () => {
    const r = await runFleet(labs(true));
    expect(r.warnings.some((x) => x.kind === 'check-in-wait')).toBe(false);
  });
});

// A fleet written without rollout: starts every device at hour 0, and where that saturates a link or the connector the
// report says so: a plant's 1,540 devices saturated both plant links 'for 1 hour' with no word of why, and where most
// fail anyway the link warnings give no window to try.
import { describe, expect, it } from 'vitest';
import { parseFleet } from '../../src/fleet/load.ts';
import { runFleet } from '../../src/index.ts';

const PLANT = (rollout: string) => `scenario: user-driven
environment:
  apps:
    - { name: MES client, type: win32, sizeMb: 600, installMinutes: 6 }
sites:
  - { name: Plant B, bandwidthMbps: 50 }
groups:
  - { name: Shop floor, count: 400 }
${rollout}`;

describe('a saturated resource where the file gives no rollout window', () => {
  it('is told every device starts at hour 0, before the link warning', async () => {
    const r = await runFleet(parseFleet('plant.yaml', PLANT('')));
    const i = r.warnings.findIndex((w) => w.kind === 'all-at-once');
    expect(r.warnings[i]!.text).toBe('Every device starts at hour 0: the file gives no rollout window (rollout.windowHours is 0, the default), so all 400 devices ask the site links at once. A window (rollout.windowHours) or a pace (rollout.devicesPerHour) spreads them as the rollout will.');
    expect(r.warnings[i + 1]!.kind).toBe('link-saturated');
  });

  it('is not told so with a window, or a pace', async () => {
    for (const rollout of ['rollout: { windowHours: 2 }', 'rollout: { devicesPerHour: 200 }']) {
      const r = await runFleet(parseFleet('plant.yaml', PLANT(rollout)));
      expect(r.warnings.some((w) => w.kind === 'link-saturated')).toBe(true);
      expect(r.warnings.some((w) => w.kind === 'all-at-once')).toBe(false);
    }
  });
});

// A split won on the goals' points says so beside its figures: a school's staff laptops on device preparation read '35
// min for the user (against 100.0%, 0 min for the user with self-deploying)', a split that looked worse, chosen on the
// −10 points self-deploying loses on single-user devices, unsaid.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { recommend } from '../../src/recommend/index.ts';

const school = () =>
  fleetFrom({
    name: 'Riverside school district',
    scenario: 'user-driven',
    environment: { profile: { joinType: 'entra' } },
    rollout: { windowHours: 48 },
    groups: [
      { name: 'Student carts', count: 600, environment: { scenario: 'self-deploying' } },
      { name: 'Library kiosks', count: 40, environment: { scenario: 'self-deploying', profile: { joinType: 'entra', kioskAutologon: true } } },
      { name: 'Staff laptops', count: 200 },
    ],
    goals: { sharedOrKiosk: true },
  });

describe("recommend's split names the goals' points it was won on", () => {
  it('the staff laptops on device preparation against self-deploying, which loses 10 points on single-user devices', async () => {
    const rec = await recommend(school());
    const split = rec.split!;
    expect(split.better).toBe(true);
    expect(split.scenario).toBe('device-preparation');
    expect(split.against?.scenario).toBe('self-deploying');
    expect(split.against?.adjustments).toEqual([{ points: -10, reason: expect.stringMatching(/^single-user devices, and self-deploying can't assign a user/) }]);
    expect(split.adjustments).toBeUndefined();
    // Its figures alone read worse than self-deploying's: the goals decide it, and both sentences say so.
    expect(split.summary.p50EndUser!).toBeGreaterThan(split.against!.summary.p50EndUser!);
    expect(split.sentence).toMatch(/with self-deploying \(−10 points from the goals: single-user devices, and self-deploying can't assign a user/);
    expect(rec.recommendation.sentence).toMatch(/\(against 100\.0%, 0 min for the user with self-deploying, −10 points from the goals: single-user devices/);
  });
});

// Two slips in one mapping, as a developer's fleet or environment object has them: 'groups[0]: unknown fields "weigth",
// "environmnt"' named neither field meant, where one unknown field is told its own ('did you mean "environment"?').
import { describe, expect, it } from 'vitest';
import { InputError, runFleet, simulate } from '../../src/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { refusal } from '../helpers/refusal.ts';

const message = (call: () => unknown): string => refusal(call).message;

describe('several unknown fields of one mapping', () => {
  it('tells each that is a slip the field meant', () => {
    expect(message(() => fleetFrom({ devices: 10, groups: [{ name: 'a', weigth: 1, environmnt: {} }] }))).toBe('fleet: groups[0]: unknown fields "weigth", "environmnt" ("weigth": did you mean "weight"?; "environmnt": did you mean "environment"?)');
    expect(message(() => simulate({ hardware: { knd: 'vm', tmp: '2.0' } } as never))).toBe('environment: hardware: unknown fields "knd", "tmp" ("knd": did you mean "kind"?; "tmp": did you mean "tpm"?)');
    // Only those that are: a field of another place stays as it was.
    expect(message(() => fleetFrom({ devices: 10, groups: [{ name: 'a', share: 1, environmnt: {} }] }))).toBe('fleet: groups[0]: unknown fields "share", "environmnt" ("environmnt": did you mean "environment"?)');
  });

  it("leaves a fleet field written in the wrong place told where it goes, and a slip's field is not taken for one", async () => {
    expect(message(() => fleetFrom({ windowHours: 5, connectorRequestsPerHour: 3 }))).toBe('fleet: unknown fields "windowHours", "connectorRequestsPerHour" (windowHours is a fleet field, rollout.windowHours; connectorRequestsPerHour is a fleet field, sharedWorld.connectorRequestsPerHour)');
    // windowHours is meant in rollout itself: not 'windowHours is a fleet field, rollout.windowHours'.
    const e = await runFleet({ devices: 10, rollout: { windowHour: 5, devicesPerHr: 3 } } as never).then(() => null, (x: unknown) => x as InputError);
    expect(e?.message).toBe('fleet: rollout: unknown fields "windowHour", "devicesPerHr" ("windowHour": did you mean "windowHours"?; "devicesPerHr": did you mean "devicesPerHour"?)');
  });
});

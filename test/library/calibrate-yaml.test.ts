// calibrate() given a scenario, fleet or twin file for an export: the command line says so, and the library read it as a
// malformed CSV ("record 1: expected a cell in each of the header's 1 columns, got 2: 1 more than the header names").
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { calibrate, InputError } from '../../src/index.ts';

const fleet = fileURLToPath(new URL('../../scenarios/fleets/branch-rollout.yaml', import.meta.url));
const twinLike = fileURLToPath(new URL('../../scenarios/user-driven-entra.yaml', import.meta.url));
const sample = 'calibration/synthetic-autopilot-events.csv';

async function refusal(call: Promise<unknown>): Promise<InputError> {
  const e = await call.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

describe('calibrate given a YAML file', () => {
  it('names the file, what was expected and what it is', async () => {
    for (const file of [fleet, twinLike]) {
      const e = await refusal(calibrate(file));
      expect(e.file).toBe(file);
      expect(e.code).toBe('ERR_AUTOPILOT_SIM_INPUT');
      expect(e.message).toBe(`${file}: expected an export of Autopilot deployments (Microsoft Graph's autopilotEvents, JSON or CSV), got a YAML file (a scenario, a fleet or a twin: loadFleet reads it)`);
    }
    // Among exports too, before any is read.
    expect((await refusal(calibrate([sample, fleet]))).file).toBe(fleet);
  });

  it('as a later export to backtest against', async () => {
    const e = await refusal(calibrate(sample, { against: fleet }));
    expect([e.file, e.field]).toEqual(['options', 'against']);
    expect(e.message).toBe(`options: against: expected a later export of the same tenant's deployments, JSON or CSV, as the ones calibrated, got a YAML file: ${fleet}`);
  });
});

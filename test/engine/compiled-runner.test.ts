// bench/compiled.ts, the floor's prototype of a runner compiled per environment (docs/performance.md, the twenty-sixth
// session): what it compiles must be what the engine does, device by device, and a device its code cannot follow (a timer
// due before the answer) must fall back to the engine rather than run on.
import { describe, expect, it } from 'vitest';
import { compileKernel, compileRunner, sameOutcome } from '../../bench/compiled.ts';
import { STANDARD_FLEET } from '../../bench/fleet-standard.ts';
import type { FleetInput } from '../../src/fleet/schema.ts';
import { OutcomeObserver } from '../../src/engine/observers.ts';
import { FleetRunner } from '../../src/engine/simulate.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { planFleet } from '../../src/fleet/plan.ts';

/** Every device of the fleet compiled or fallen back, and each compiled one compared with the engine. */
function compare(input: FleetInput, devices: number, compile: typeof compileRunner) {
  const plan = planFleet(fleetFrom(input), { devices });
  const env = plan.device(0).env;
  const compiled = compile(env, plan.seed, Array.from({ length: 200 }, (_, i) => i * 5));
  const runner = new FleetRunner();
  const out = new OutcomeObserver();
  let ran = 0;
  let fellBack = 0;
  const differ: number[] = [];
  for (let i = 0; i < devices; i++) {
    out.reset(env);
    if (compiled.run(plan.seed, i, out) < 0) {
      fellBack++;
      continue;
    }
    ran++;
    if (!sameOutcome(runner.run(env, plan.seed, i), out)) differ.push(i);
  }
  return { ran, fellBack, differ, paths: compiled.paths };
}

describe.each([
  ['a runner compiled per environment (the floor prototype)', compileRunner],
  ['its kernel compiled, the world as it is', compileKernel],
])('%s', (_, compile) => {
  it('runs every device of the standard fleet as the engine does', () => {
    const r = compare(STANDARD_FLEET, 2000, compile);
    expect(r).toMatchObject({ ran: 2000, fellBack: 0, differ: [], paths: 2 });
  });

  it("leaves a device to the engine where the ESP's timer is due before the answer", () => {
    const tight: FleetInput = { ...STANDARD_FLEET, environment: { ...STANDARD_FLEET.environment, esp: { timeoutMinutes: 46 } } };
    const r = compare(tight, 2000, compile);
    expect(r.differ).toEqual([]);
    expect(r.ran).toBeGreaterThan(0);
    expect(r.fellBack).toBeGreaterThan(0);
  });
});

// Windows quality updates run after the ESP, at the end of OOBE (domain notes §3.2: 'Runs after the ESP at the end of
// OOBE ... Adds 20-40 min'), so Graph's deviceSetupDuration ("Time spent in device ESP") does not hold them and a twin's
// device setup factor does not stretch them. GRAPH_PHASES counted the qualityUpdates phase in device setup: a twin
// included in a scenario that installs quality updates had its device setup steps' factor (x2 here) make the updates
// take 40 to 80 minutes, and the calibration read their 20-40 minutes as device setup time.
import { expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.ts';
import { EnvironmentSchema } from '../../src/environment/schema.ts';
import { graphDurations } from '../../src/calibrate/fit.ts';

const env = (steps?: { deviceSetup: number }) =>
  EnvironmentSchema.parse({
    scenario: 'user-driven',
    os: { windows: 11 },
    esp: { installQualityUpdates: true, blockDeviceUse: true },
    ...(steps ? { calibrated: { steps, failures: [] } } : {}),
  });

it('quality updates keep their documented 20-40 minutes beside a twin whose device setup steps take x2', () => {
  const twin = env({ deviceSetup: 2 });
  let seen = 0;
  for (let i = 0; i < 200; i++) {
    const o = simulate(twin, { seed: 7, index: i, trace: false }).outcome;
    const q = o.phaseMinutes.qualityUpdates ?? 0;
    if (q === 0) continue;
    seen++;
    expect(q).toBeGreaterThanOrEqual(20);
    expect(q).toBeLessThanOrEqual(40);
  }
  expect(seen).toBeGreaterThan(150);
});

it("Graph's device setup duration leaves the quality updates out; the total holds them", () => {
  const plain = env();
  for (let i = 0; i < 50; i++) {
    const o = simulate(plain, { seed: 7, index: i, trace: false }).outcome;
    if (o.status !== 'succeeded' || !o.phaseMinutes.qualityUpdates) continue;
    const d = graphDurations(o.phaseMinutes, o.totalMinutes);
    const esp = (o.phaseMinutes.deviceSetup ?? 0) + (o.phaseMinutes.devicePreparation ?? 0);
    expect(d.deviceSetup).toBeCloseTo(esp, 6);
    expect(d.total).toBeGreaterThanOrEqual(d.deviceSetup + d.accountSetup + o.phaseMinutes.qualityUpdates - 1e-6);
  }
});

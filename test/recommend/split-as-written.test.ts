// recommend's split (one that opens a scenario for the rest) is weighed on the devices the plan written as a file deploys:
// the variation it sets apart kept in its group, drawn as the fleet draws it. Made a group of its own, it drew every device
// anew (group bounds, site, start), so over a saturated link the split's figures were for other devices.
import { describe, expect, it } from 'vitest';
import { merge } from '../../src/environment/merge.ts';
import { runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { buildReport } from '../../src/fleet/report.ts';
import { executeFleet, inThread } from '../../src/fleet/run.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';
import { recommendWithReports } from '../../src/recommend/index.ts';
import { summarise } from '../../src/recommend/ranking.ts';

const tpm12 = { share: 0.2, environment: { hardware: { tpm: '1.2' } } };
const input = {
  name: 'Kiosks on a thin link',
  seed: 4,
  scenario: 'self-deploying' as const,
  environment: { profile: { deploymentMode: 'self-deploying', joinType: 'entra', kioskAutologon: true }, apps: [{ name: 'Point of sale', type: 'win32', sizeMb: 400 }] },
  sites: [
    { name: 'Head office', share: 1 },
    { name: 'Store', share: 1, bandwidthMbps: 20 },
  ],
  groups: [{ name: 'Kiosks', count: 1000, environment: { hardware: { kind: 'physical', tpm: '2.0' } }, vary: { tpm: [tpm12] } }],
  goals: { sharedOrKiosk: true },
};

describe("a split's figures are the plan's written as a file", () => {
  it('the variation apart kept in its group, beside a saturated link: the rest, the devices apart and the whole plan as runFleet gives them', async () => {
    const { recommendation: rec, plan } = await recommendWithReports(fleetFrom(input), {}, { plan: true });
    const split = rec.split!;
    expect(split).toMatchObject({ apart: ['Kiosks with hardware.tpm 1.2'], better: true });
    expect(split.summary.saturated.length).toBeGreaterThan(0);
    const apartScenario = split.apartAnswers![0]!.scenario;
    // The plan as an architect writes it: the group on the split's scenario, the variation's options on their own answer's.
    const group = input.groups[0]!;
    const written = fleetFrom({
      ...input,
      environment: merge(input.environment, scenarioOverride(split.scenario)),
      groups: [{ ...group, vary: { tpm: [{ ...tpm12, environment: merge(tpm12.environment, scenarioOverride(apartScenario)) }] } }],
    });
    const whole = summarise(await runFleet(written, { devices: 1000, seed: 4 }));
    // The rest: the same run, the variation's devices not counted (their load on the link stays).
    const rest = summarise(buildReport(await executeFleet(written, { devices: 1000, seed: 4, notCounted: [{ group: 0, dimension: 'tpm', options: [0] }] }, inThread, {})));
    expect(split.devices + split.apartAnswers![0]!.devices).toBe(1000);
    expect(rest.devices).toBe(split.devices);
    expect([split.summary.successRate, split.summary.p50Total]).toEqual([rest.successRate, rest.p50Total]);
    const planned = summarise(plan!);
    expect([planned.devices, planned.successRate, planned.p50Total]).toEqual([whole.devices, whole.successRate, whole.p50Total]);
    expect(rec.recommendation.deploy.map((d) => d.devices)).toEqual([split.devices, 1000 - split.devices]);
  });
});

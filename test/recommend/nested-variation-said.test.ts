// A split sets a variation apart (laptops with a TPM 1.2), and that variation's own answer is a split on another dimension
// (those joined hybrid on user-driven, device preparation for the rest). The plan kept a variation of a group apart, not
// one inside a variation it sets apart: it deployed those devices on the outer variation's main answer, while the answer's
// sentence and its deploy list put them on their own (a note said so after 6530768), and the deploy list counted them as
// the outer variation made a group draws them (81 devices, where the plan has 83). The plan now keeps them apart (a joint
// variation of the group: those that draw both) and the deploy list counts each part as the plan draws it.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { planFleet, type PlannedGroup } from '../../src/fleet/plan.ts';
import { merge } from '../../src/environment/merge.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';
import { executeFleet, inThread } from '../../src/fleet/run.ts';
import { buildReport } from '../../src/fleet/report.ts';
import type { Fleet } from '../../src/fleet/schema.ts';
import { recommendWithReports } from '../../src/recommend/index.ts';

const input = {
  name: 'Laptops, some TPM 1.2, some hybrid',
  seed: 3,
  scenario: 'user-driven' as const,
  environment: {
    profile: { joinType: 'entra' },
    hybrid: { dcLineOfSight: true, vpn: 'none', connector: { present: true, active: true } },
    apps: [
      { name: 'Company Portal', type: 'store', target: 'device' },
      { name: 'LOB', type: 'win32', target: 'device', installMinutes: 8 },
    ],
  },
  groups: [
    {
      name: 'Laptops',
      count: 1000,
      vary: {
        tpm: [{ share: 0.3, environment: { hardware: { tpm: '1.2' } } }],
        join: [{ share: 0.3, environment: { profile: { joinType: 'hybrid' } } }],
      },
    },
  ],
  goals: { leastEndUserTime: true },
};

describe('a variation inside a variation set apart', () => {
  it('is deployed in the plan on its own answer, and the deploy list counts each part as the plan draws it', async () => {
    const fleet = fleetFrom(input);
    const { recommendation: r, plan: planReport } = await recommendWithReports(fleet, {}, { plan: true });
    const parts = r.recommendation.deploy.map((d) => [d.scenario, d.groups.join(', ')]);
    // The answer: the TPM 1.2 laptops apart on device preparation, those of them joined hybrid on user-driven.
    expect(parts).toContainEqual(['device-preparation', 'Laptops with hardware.tpm 1.2']);
    expect(parts).toContainEqual(['user-driven', 'Laptops with hardware.tpm 1.2 with profile.joinType hybrid']);
    // Each part of its own answer's split with its figures, as its own answer gives them: the nested one had none.
    const own = r.recommendation.sentence.split('split as its own answer splits it beside the rest: ')[1]!;
    expect(own).toMatch(/^device-preparation for "Laptops with hardware\.tpm 1\.2" \(\d+\.\d% success, \d+ min for the user\), user-driven for "Laptops with hardware\.tpm 1\.2 with profile\.joinType hybrid" \(\d+\.\d% success, \d+ min for the user\)/);
    // The deploy list's counts are the plan's: the devices that draw both, and the rest of the TPM 1.2 laptops.
    const plan = planFleet(fleet);
    let both = 0;
    let tpm12 = 0;
    for (let i = 0; i < plan.devices; i++) {
      const e = plan.device(i).env;
      if (e.hardware.tpm === '1.2') tpm12++;
      if (e.hardware.tpm === '1.2' && e.profile.joinType === 'hybrid') both++;
    }
    expect(both).toBeGreaterThan(50);
    const count = (name: string) => r.recommendation.deploy.find((d) => d.groups.join(', ') === name)!.devices;
    expect([count('Laptops with hardware.tpm 1.2 with profile.joinType hybrid'), count('Laptops with hardware.tpm 1.2')]).toEqual([both, tpm12 - both]);
    expect(r.recommendation.deploy.reduce((a, d) => a + d.devices, 0)).toBe(plan.devices);
    expect(r.notes.join(' ')).not.toMatch(/is not kept apart in the plan/);
    // The plan's figures (--html) are those of the fleet deployed so by hand: the rest on pre-provisioned, the TPM 1.2 laptops
    // on device preparation, those of them joined hybrid on user-driven; with those on device preparation (as the plan had
    // them) the figures differ.
    const [pp, dp, ud] = (['pre-provisioned', 'device-preparation', 'user-driven'] as const).map(scenarioOverride);
    const g = fleet.groups[0]!;
    const byHand = (joint: boolean): Fleet => {
      const group: PlannedGroup = {
        ...g,
        environment: merge(g.environment, pp),
        vary: { tpm: [{ ...g.vary.tpm![0]!, environment: merge(merge(g.vary.tpm![0]!.environment, pp), dp) }], join: [{ ...g.vary.join![0]!, environment: merge(g.vary.join![0]!.environment, pp) }] },
        ...(joint ? { joint: [{ when: [{ dimension: 'tpm', options: [0] }, { dimension: 'join', options: [0] }], environment: ud }] } : {}),
      };
      return { ...fleet, groups: [group] };
    };
    const figures = (rep: { successRate: number; timeToDesktop: unknown; phaseMinutes: unknown }) => [rep.successRate, rep.timeToDesktop, rep.phaseMinutes];
    const kept = buildReport(await executeFleet(byHand(true), { devices: plan.devices, seed: plan.seed }, inThread));
    const onOuter = buildReport(await executeFleet(byHand(false), { devices: plan.devices, seed: plan.seed }, inThread));
    expect(figures(planReport!)).toEqual(figures(kept));
    expect(figures(planReport!)).not.toEqual(figures(onOuter));
  });

  it('a joint variation of a plan merges its environment over the devices that draw every option it names, and draws nothing', () => {
    const fleet = fleetFrom(input);
    const g = fleet.groups[0]!;
    const joint: PlannedGroup = { ...g, joint: [{ when: [{ dimension: 'tpm', options: [0] }, { dimension: 'join', options: [0] }], environment: { scenario: 'reset' } }] };
    const [plain, withJoint] = [planFleet(fleet), planFleet({ ...fleet, groups: [joint] })];
    let reset = 0;
    for (let i = 0; i < plain.devices; i++) {
      const [a, b] = [plain.device(i), withJoint.device(i)];
      expect([b.group, b.site, b.startMs, b.env.hardware.tpm, b.env.profile.joinType]).toEqual([a.group, a.site, a.startMs, a.env.hardware.tpm, a.env.profile.joinType]);
      const both = a.env.hardware.tpm === '1.2' && a.env.profile.joinType === 'hybrid';
      expect(b.env.scenario).toBe(both ? 'reset' : a.env.scenario);
      if (both) reset++;
    }
    expect(reset).toBeGreaterThan(50);
  });
});

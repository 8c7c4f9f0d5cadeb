// A split sets a variation apart (laptops with a TPM 1.2), and that variation's own answer is a split on another dimension
// (those joined hybrid on user-driven, device preparation for the rest). The plan keeps a variation of a group apart, not
// one inside a variation it sets apart: it deployed those devices on the outer variation's main answer, while the answer's
// sentence and its deploy list put them on their own, and nothing said so (a comment in nestedOnWhole only).
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { planFleet } from '../../src/fleet/plan.ts';
import { recommend } from '../../src/recommend/index.ts';

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
  it("is said to be deployed in the plan on the outer variation's main answer, with its devices in the plan", async () => {
    const fleet = fleetFrom(input);
    const r = await recommend(fleet);
    const parts = r.recommendation.deploy.map((d) => [d.scenario, d.groups.join(', ')]);
    // The answer: the TPM 1.2 laptops apart on device preparation, those of them joined hybrid on user-driven.
    expect(parts).toContainEqual(['device-preparation', 'Laptops with hardware.tpm 1.2']);
    expect(parts).toContainEqual(['user-driven', 'Laptops with hardware.tpm 1.2 with profile.joinType hybrid']);
    // Each part of its own answer's split with its figures, as its own answer gives them: the nested one had none.
    const own = r.recommendation.sentence.split('split as its own answer splits it beside the rest: ')[1]!;
    expect(own).toMatch(/^device-preparation for "Laptops with hardware\.tpm 1\.2" \(\d+\.\d% success, \d+ min for the user\), user-driven for "Laptops with hardware\.tpm 1\.2 with profile\.joinType hybrid" \(\d+\.\d% success, \d+ min for the user\)/);
    const plan = planFleet(fleet);
    let both = 0;
    for (let i = 0; i < plan.devices; i++) {
      const e = plan.device(i).env;
      if (e.hardware.tpm === '1.2' && e.profile.joinType === 'hybrid') both++;
    }
    expect(both).toBeGreaterThan(50);
    expect(r.notes).toContain(
      `The plan (--html's figures, and the hybrid join's plan on the answer) deploys "Laptops with hardware.tpm 1.2 with profile.joinType hybrid" (${both} devices in the plan) on device-preparation, the main answer of "Laptops with hardware.tpm 1.2", not on user-driven as the answer says: a variation inside a variation set apart is not kept apart in the plan, so its figures count those devices on device-preparation.`,
    );
  });
});

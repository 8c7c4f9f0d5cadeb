// A split's rest holds groups whose own answer is another scenario: a manufacturer's first draft (shop-floor PCs shared,
// three in ten on TPM 1.2; engineers' laptops single-user; a lab of VMs) read 'use self-deploying for the 1,136 devices
// outside "Lab VMs", "Shop floor PCs with hardware.tpm 1.2"', the engineers' laptops among them, while their own answer
// was device-preparation and self-deploying lost them 10 points (single-user devices). The answer now deploys them on
// their own answer and says what self-deploying gives them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFleet } from '../../src/fleet/index.ts';
import { recommend, recommendWithReports } from '../../src/recommend/index.ts';

describe("recommend's split where a group of its rest has another answer of its own", () => {
  it('deploys the engineer laptops on device-preparation, not self-deploying, and says why', async () => {
    const rec = await recommend(loadFleet(join(import.meta.dirname, '../fleet/drafts/manufacturer.yaml')), { devices: 600 });
    expect(rec.split?.better).toBe(true);
    expect(rec.split!.scenario).toBe('self-deploying');
    const laptops = rec.perGroup.find((g) => g.group === 'Engineer laptops')!;
    expect(laptops.scenario).toBe('device-preparation');
    // The plan: the laptops on their own answer, not on the split's self-deploying.
    const on = (group: string) => rec.recommendation.deploy.filter((d) => d.groups.includes(group)).map((d) => d.scenario);
    expect(on('Engineer laptops')).toEqual(['device-preparation']);
    expect(on('Shop floor PCs')).toEqual(['self-deploying']);
    const selfDeploying = rec.recommendation.deploy.find((d) => d.scenario === 'self-deploying')!;
    expect(selfDeploying.devices).toBe(rec.split!.devices - laptops.devices);
    // Every device is in the plan once.
    expect(rec.recommendation.deploy.reduce((n, d) => n + d.devices, 0)).toBe(rec.devices);
    // The sentence names them, their answer, and self-deploying's score for them with the single-user penalty.
    expect(rec.recommendation.sentence).toMatch(
      /"Engineer laptops" \(\d+ devices\), counted among the [\d,]+ devices on self-deploying above, go on device-preparation, their own answer \(below\): on their own devices self-deploying scores \d+\.\d\d for them \(−10 points: single-user devices[^)]*\)\), against device-preparation's \d+\.\d\d\./,
    );
    // The groups' answers no longer differ from the plan: no sentence saying they do.
    expect(rec.recommendation.sentence).not.toContain('Group by group the answers differ');
  });

  it('--html draws that plan: the engineer laptops on device-preparation, a user at each (self-deploying had none)', async () => {
    const { plan } = await recommendWithReports(loadFleet(join(import.meta.dirname, '../fleet/drafts/manufacturer.yaml')), { devices: 600 }, { plan: true });
    const laptops = plan!.groups.find((g) => g.name === 'Engineer laptops')!;
    expect(laptops.meanEndUserMinutes).toBeGreaterThan(20);
    const shopFloor = plan!.groups.find((g) => g.name === 'Shop floor PCs')!;
    expect(shopFloor.meanEndUserMinutes ?? 0).toBeLessThan(1);
  });
});

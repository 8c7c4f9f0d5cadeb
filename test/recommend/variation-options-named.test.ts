// A variation set apart holding two options of one dimension was named after the first alone: a manufacturer's
// shop-floor kiosks, a fifth of them VMs and a tenth with TPM 1.2 (one dimension, hardware), were told 'user-driven for
// "Kiosks with hardware.kind vm" (60 devices)', the 20 TPM 1.2 kiosks counted in it and named nowhere. Now the name
// holds every option the split sets apart, as a variation found with both options is named.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { recommend } from '../../src/recommend/index.ts';

describe('a variation set apart with two options of one dimension', () => {
  it('is named after both (the VM kiosks and the TPM 1.2 ones)', async () => {
    const rec = await recommend(
      fleetFrom({
        name: 'Shop-floor kiosks',
        seed: 3,
        scenario: 'self-deploying',
        environment: { profile: { kioskAutologon: true }, apps: [{ name: 'MES Client', type: 'win32', sizeMb: 400 }] },
        groups: [
          {
            name: 'Kiosks',
            count: 200,
            vary: {
              hardware: [
                { share: 0.2, environment: { hardware: { kind: 'vm' } } },
                { share: 0.1, environment: { hardware: { tpm: '1.2' } } },
              ],
            },
          },
        ],
        goals: { sharedOrKiosk: true },
      }),
    );
    const name = 'Kiosks with hardware.kind vm or hardware.tpm 1.2';
    expect(rec.split?.apart).toEqual([name]);
    // 0.2 and 0.1 of 200, placed exactly (src/fleet/plan.ts optionOf).
    expect(rec.recommendation.deploy).toEqual([
      { scenario: 'self-deploying', groups: ['Kiosks'], devices: 140 },
      { scenario: expect.any(String), groups: [name], devices: 60 },
    ]);
    expect(rec.recommendation.sentence).toContain(`Deploy "${name}" on its own`);
  });
});

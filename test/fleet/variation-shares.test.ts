// A counted group's variations (vary shares): the schema promises "Share of the group's devices that get this
// variation", but each device drew its option, so a manufacturer's 600 kiosks with 10% on TPM 1.2 ran 60 give or take 7,
// while the same group's sites were placed exactly (site-allocation.test.ts). Now a counted group's devices are placed in
// their variations along low-discrepancy sequences too (src/fleet/plan.ts optionOf), one step per dimension, none related
// to the sites' step: each share is its count within a device or two, the same at every site and on every other
// dimension; a weighted group's devices still draw theirs, and every later draw of a device is unchanged.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { planFleet } from '../../src/fleet/plan.ts';

const plants = ['Plant 1', 'Plant 2', 'Plant 3', 'Plant 4'];
const kiosks = (seed: number, tpmShare = 0.1, extra: Record<string, unknown> = {}) =>
  fleetFrom({
    seed,
    rollout: { windowHours: 8 },
    sites: plants.map((name) => ({ name, bandwidthMbps: 50 })),
    groups: [
      { name: 'Office PCs', count: 400 },
      {
        name: 'Kiosks',
        count: 1_000,
        environment: { scenario: 'self-deploying' },
        vary: {
          tpm: [{ share: tpmShare, environment: { hardware: { tpm: '1.2' } } }],
          vm: [{ share: 0.3, environment: { hardware: { kind: 'vm' } } }],
          ...extra,
        },
      },
    ],
  });

/** The kiosks' devices, by site, with their TPM and VM options. */
function kioskDevices(seed: number, tpmShare?: number) {
  const plan = planFleet(kiosks(seed, tpmShare));
  const out: Array<{ index: number; site: number; tpm: boolean; vm: boolean; startMs: number }> = [];
  for (let i = 0; i < plan.devices; i++) {
    const d = plan.device(i);
    if (d.group !== 1) continue;
    out.push({ index: i, site: d.site, tpm: d.env.hardware.tpm === '1.2', vm: d.env.hardware.kind === 'vm', startMs: d.startMs });
  }
  return { plan, out };
}

describe("a counted group's variation shares are its devices' shares", () => {
  it.each([1, 7, 42, 99, 2026])('seed %i: a tenth of 1,000 kiosks is 100 within two devices, and 0.3 on a second dimension 300', (seed) => {
    const { out } = kioskDevices(seed);
    expect(out).toHaveLength(1_000);
    // Drawn per device: 100 give or take 9.5 (one standard deviation), and 300 give or take 14.5.
    expect(Math.abs(out.filter((d) => d.tpm).length - 100)).toBeLessThanOrEqual(2);
    expect(Math.abs(out.filter((d) => d.vm).length - 300)).toBeLessThanOrEqual(2);
  });

  it('the share is the same at every site and on the other dimension: no variation gathers at one plant', () => {
    for (const seed of [1, 7, 42]) {
      const { out } = kioskDevices(seed);
      for (let s = 0; s < plants.length; s++) {
        const here = out.filter((d) => d.site === s);
        expect(Math.abs(here.length - 250)).toBeLessThanOrEqual(1);
        // 25 TPM 1.2 kiosks at each plant, 75 VMs: a sequence that followed the sites' would put them all at one plant.
        expect(Math.abs(here.filter((d) => d.tpm).length - 25), `seed ${seed}, ${plants[s]}`).toBeLessThanOrEqual(4);
        expect(Math.abs(here.filter((d) => d.vm).length - 75), `seed ${seed}, ${plants[s]}`).toBeLessThanOrEqual(5);
      }
      // Both dimensions independent: 10% of 30% of 1,000.
      expect(Math.abs(out.filter((d) => d.tpm && d.vm).length - 30), `seed ${seed}`).toBeLessThanOrEqual(4);
    }
  });

  it('a larger share holds the devices of a smaller one (a sweep of the share moves devices one way), and no later draw moves', () => {
    const small = kioskDevices(7, 0.1).out;
    const large = kioskDevices(7, 0.3).out;
    small.forEach((d, k) => {
      if (d.tpm) expect(large[k]!.tpm).toBe(true);
      // The start in the rollout, drawn after the variations, is the device's own.
      expect(large[k]!.startMs).toBe(d.startMs);
    });
    expect(large.filter((d) => d.tpm).length).toBe(300);
  });

  it('drawnOption gives the option device() merged', () => {
    const { plan, out } = kioskDevices(42);
    for (const d of out) {
      expect(plan.drawnOption(d.index, 'tpm').option === 0).toBe(d.tpm);
      expect(plan.drawnOption(d.index, 'vm').option === 0).toBe(d.vm);
    }
  });
});

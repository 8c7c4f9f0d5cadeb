// Where a group none of whose devices succeeded was headed (endsSought, its words: "no device reached the sign-in screen")
// was read from a sample of 2,000 devices spread over the plan: five self-deploying VMs beside 19,995 laptops fell
// between the sample's devices, and their group carried no endsSought, so its chart read "No device reached the desktop".
// Now every device that does not succeed is counted by the end it was headed for as it runs (src/fleet/stats.ts).
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { renderFleetHtml } from '../../src/report/html.ts';

const fleet = fleetFrom({
  groups: [
    { name: 'Laptops', count: 19_995, environment: { scenario: 'user-driven' } },
    { name: 'Kiosk VMs', count: 5, environment: { scenario: 'self-deploying', hardware: { kind: 'vm' } } },
  ],
});

describe('a small group that all fails is named by where it was headed, not a sample', () => {
  it('five self-deploying VMs among 20,000 devices: no device reached the sign-in screen', async () => {
    const r = await runFleet(fleet, {});
    const vms = r.groups.find((g) => g.name === 'Kiosk VMs')!;
    expect(vms.devices).toBe(5);
    expect(vms.succeeded).toBe(0);
    expect(vms.endsSought).toEqual(['signInScreen']);
    expect(r.groups.find((g) => g.name === 'Laptops')!.endsSought).toBeUndefined();
    expect(renderFleetHtml(r)).toContain('No device reached the sign-in screen');
  }, 120_000);

  it('the same over two workers (the tallies merge)', async () => {
    const r = await runFleet(fleet, { workers: 2 });
    expect(r.groups.map((g) => g.endsSought)).toEqual([undefined, ['signInScreen']]);
  }, 120_000);
});

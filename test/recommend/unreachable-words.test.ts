// recommend's hybrid exclusion named the group whose hybrid devices have no domain controller in sight as if all its devices
// had none: a retailer's store manager laptops, half joined hybrid behind a VPN that connects after sign-in and half to
// Entra, read '10.1% of devices (the devices of "Store manager laptops") have no line of sight to a domain controller'.
// The group is named for its devices the file joins hybrid (measured among them, src/recommend/measure.ts), and now says so.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { recommend } from '../../src/recommend/index.ts';

describe("recommend's hybrid exclusion names the devices it means", () => {
  it('half a group joined hybrid without a domain controller: "those of ... that the file joins hybrid"', async () => {
    const fleet = fleetFrom({
      groups: [
        { name: 'Kiosks', count: 60, environment: { scenario: 'self-deploying' } },
        {
          name: 'Store manager laptops',
          count: 40,
          vary: { join: [{ share: 0.5, environment: { profile: { joinType: 'hybrid', skipAdConnectivityCheck: true }, hybrid: { dcLineOfSight: false, vpn: 'user-certificate' } } }] },
        },
      ],
    });
    const rec = await recommend(fleet, { devices: 100 });
    expect(rec.joinExclusion!.reason).toMatch(/^\d+\.\d% of devices \(those of "Store manager laptops" that the file joins hybrid\) have no line of sight to a domain controller/);
  }, 300_000);
});

// Every bundled fleet file validates and runs; the branch rollout shows what it says.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFleet, runFleet } from '../../src/fleet/index.ts';

const dir = new URL('../../scenarios/fleets/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('bundled fleets', () => {
  it('there are some', () => expect(files.length).toBeGreaterThanOrEqual(2));
  for (const f of files) {
    it(`${f} loads and runs`, async () => {
      const fleet = loadFleet(new URL(f, dir).pathname);
      const r = await runFleet(fleet, { devices: 200 });
      expect(r.devices).toBe(200);
      expect(r.succeeded + r.failed + r.fellBackToOobe + r.stopped).toBe(200);
    });
  }
  it('branch-rollout: the branch whose VPN needs a user certificate fails, the others succeed', async () => {
    const r = await runFleet(loadFleet(new URL('branch-rollout.yaml', dir).pathname), {});
    const c = r.sites.find((s) => s.name === 'Branch C')!;
    expect(c.successRate).toBe(0);
    expect(c.topFailure?.code).toBe('VPN_UNSUPPORTED');
    expect(r.sites.find((s) => s.name === 'Head office')!.successRate).toBeGreaterThan(0.9);
  });
});

// recommend's 'Fix first' for a fall-back to the ordinary OOBE, which has no code to look up, gives its cause: a tax agency
// behind a proxy that asks for authentication read 'Fix first: fell back to ordinary OOBE (100.0% of devices)'.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { recommend } from '../../src/recommend/index.ts';

describe("recommend's first fix for a fall-back to the ordinary OOBE", () => {
  it('names its cause', async () => {
    const rec = await recommend(fleetFrom({ name: 'Proxy', devices: 200, scenario: 'user-driven', environment: { network: { proxyRequiresAuth: true } } }));
    expect(rec.recommendation.sentence).toContain('Fix first: fell back to ordinary OOBE (100.0% of devices: a proxy that needs authentication before internet access: NCSI fails [INF]).');
  });
});

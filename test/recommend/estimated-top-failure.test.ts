// recommend's top failures did not say when their count rests on a chance the documents give no rate for: a retailer's POS
// kiosks (a Win32 app beside an MSI) were told 'No scenario deploys "POS kiosks" well ...; top failure
// ANOTHER_INSTALLATION_IN_PROGRESS (49.9% of devices ...)', a verdict on chances.win32MsiClash's default 0.5, which run's
// failures and its low-success warning name as an estimate. The top failure now says so wherever recommend prints it.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { recommend } from '../../src/recommend/index.ts';

const apps = [
  { name: 'POS client', type: 'win32' },
  { name: 'Defender config', type: 'msi-lob' },
];

describe("recommend's top failure and an estimated chance", () => {
  it('names the chance its count rests on, in the ranking and the summary', async () => {
    const rec = await recommend(fleetFrom({ scenario: 'self-deploying', devices: 60, environment: { apps, profile: { kioskAutologon: true } } }), { devices: 60 });
    const top = rec.ranking[0]!;
    expect(top.summary.topFailure?.code).toBe('ANOTHER_INSTALLATION_IN_PROGRESS');
    expect(top.summary.topFailure?.estimate).toEqual({ chance: 'win32MsiClash', values: [0.5] });
    expect(top.why).toContain('(TrustedInstaller clash); a count that rests on an estimated chance, chances.win32MsiClash 0.5, where the documents give no rate)');
    // A file's own chance is the one named.
    const own = await recommend(fleetFrom({ scenario: 'self-deploying', devices: 60, environment: { apps, chances: { win32MsiClash: 0.2 } } }), { devices: 60 });
    expect(own.ranking[0]!.why).toContain('chances.win32MsiClash 0.2, where the documents give no rate');
  }, 300_000);
});

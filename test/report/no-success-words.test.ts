// Where no device succeeded, every report words it through one function (src/catalog/continued.ts, SuccessWords.none):
// recommend's 'With Entra join instead of hybrid' sentence wrote its own 'no device reaching the desktop', and the HTML's
// charts read 'No device were provisioned for their user' for Cloud PCs that all failed.
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { recommend } from '../../src/recommend/index.ts';
import { renderFleetHtml } from '../../src/report/html.ts';

describe('no device succeeded: the words of the end it was headed for', () => {
  it("recommend's Entra-join alternative where no device succeeds joined to Entra (the users may not join)", async () => {
    const fleet = fleetFrom({ scenario: 'user-driven', devices: 40, environment: { profile: { joinType: 'hybrid' }, identity: { userMayJoin: false } } });
    const rec = await recommend(fleet, { devices: 40 });
    expect(rec.entraAlternative?.summary.successRate).toBe(0);
    expect(rec.entraAlternative!.sentence).toContain('(−100.0 points against hybrid), no device reached the desktop; top failure 801C0003');
  }, 300_000);

  it('Cloud PCs none of which is provisioned: "No Cloud PC was provisioned for its user"', async () => {
    const r = await runFleet(
      fleetFrom({
        scenario: 'device-preparation',
        devices: 10,
        environment: { devicePreparation: { mode: 'automatic', cloudPcAccessDeniedOnFailure: true, policies: [{ timeoutMinutes: 15 }] }, registration: { registered: false }, apps: [{ name: 'Big', installMinutes: 120 }] },
      }),
      {},
    );
    expect(r.succeeded).toBe(0);
    const html = renderFleetHtml(r);
    expect(html).toContain('No Cloud PC was provisioned for its user: no distribution of the minutes to provisioned.');
    expect(html).not.toContain('No device were provisioned');
  });
});

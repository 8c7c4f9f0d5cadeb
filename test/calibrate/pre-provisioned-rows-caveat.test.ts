// A pre-provisioned tenant whose devices each have a technician row (no account setup) and a user row: the 'cannot fit:'
// flag says the rows are pooled, but the caveat beside it put the account setup's absence from half the rows down to the
// tenant's ESP profiles ('the twin shows it for all, as most of the tenant's ESP profiles do'), a cause the records do
// not show, and 'most' of an even split. The caveat now names the technician rows and points at the flag.
import { describe, expect, it } from 'vitest';
import { fitObserved, observeEvents } from '../../src/calibrate/index.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';

/** Device i's technician row (no account setup) or its user row, Graph's pre-provisioned enrollment type. */
const row = (i: number, user: boolean) => ({
  id: `pp-${user ? 'u' : 't'}-${i}`,
  deviceId: `pp-device-${i}`,
  enrollmentType: 'azureADJoinedWithWhiteGlove',
  deploymentState: 'success',
  deviceSetupStatus: 'success',
  accountSetupStatus: user ? 'success' : 'notAttempted',
  deviceSetupDuration: isoDuration(user ? 4 + (i % 5) : 30 + (i % 13)),
  accountSetupDuration: isoDuration(user ? 9 + (i % 7) : 0),
  deploymentTotalDuration: isoDuration(user ? 16 + (i % 5) + (i % 7) : 36 + (i % 13)),
  deploymentStartDateTime: `2026-10-${String(1 + (i % 20)).padStart(2, '0')}T09:00:00Z`,
  enrollmentFailureDetails: null,
});

describe("a pre-provisioned tenant's technician and user rows", () => {
  it('are named as the cause of the account setup shown in half the rows, beside the flag', () => {
    const fit = fitObserved(observeEvents(Array.from({ length: 80 }, (_, i) => [row(i, false), row(i, true)]).flat())).fits[0]!;
    expect(fit.flags).toContainEqual(expect.stringMatching(/^pre-provisioning: 80 devices have a successful row without account setup/));
    const caveat = fit.caveats.find((c) => c.startsWith('account setup: not shown'))!;
    expect(caveat).toMatch(/^account setup: not shown in 80 of 160 successful deployments \(accountSetupStatus notAttempted or disabled\): the twin shows it for all, 80 of the rows without it the technician's of pre-provisioned devices that have a user row too \(cannot fit: pre-provisioning\)$/);
    expect(caveat).not.toMatch(/ESP profiles/);
  });

  it("says an even split is one, where no device has both rows", () => {
    const apart = Array.from({ length: 80 }, (_, i) => [row(i, false), { ...row(i, true), deviceId: `other-${i}` }]).flat();
    const fit = fitObserved(observeEvents(apart)).fits[0]!;
    expect(fit.caveats.find((c) => c.startsWith('account setup: not shown'))).toMatch(/: the twin shows it for all, half the deployments each way$/);
  });
});

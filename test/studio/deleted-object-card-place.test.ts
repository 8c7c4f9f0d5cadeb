// Domain §4 places 0x801C03F3 (the device's Entra object deleted by hand) on the pre-provisioning error screen, with an
// event log; §2.6 S3 lists the code for a self-deploying device's ESP too, and the simulator's user-driven join fails with
// it on OOBE's "Something went wrong" page. The studio's error card read "Shown: Pre-provisioning error screen; event log
// …" in every flow, beside a self-deploying ESP error page and a user's OOBE page, which are no pre-provisioning screen.
// The card's place follows the flow (src/catalog/errors.ts whereShown; failurePlace in the screen model): the page the
// device fails on, the catalogue's event log kept; the technician flow keeps the catalogue's place.
import { describe, expect, it } from 'vitest';
import { text } from './vnode-text.ts';
import { lookup } from '../../src/catalog/errors.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { ErrorCard } from '../../src/studio/app/panels.ts';
import { failurePlace, screenAt } from '../../src/studio/app/screen-model.ts';

/** The run's failing step (its code), the screen drawn for it and its error card's "Shown" as the narration shows it. */
function shown(input: Record<string, unknown>) {
  const env = defaultEnvironment({ ...input, registration: { entraObjectDeleted: true } });
  const { trace } = simulate(env, { seed: 1 });
  const i = trace.findIndex((e) => e.code);
  expect(trace[i]?.code).toBe('0x801C03F3');
  const card = text(ErrorCard({ entry: lookup('0x801C03F3')!, ...failurePlace(trace, i, env) }));
  return { kind: screenAt(trace, i, env).kind, where: /Shown(.*)Microsoft documentation/.exec(card)![1]! };
}

const LOG = 'event log Microsoft-Windows-User Device Registration/Admin';

describe('0x801C03F3: where the error card says it is shown follows the flow', () => {
  it('a self-deploying device: its ESP error page, not the pre-provisioning error screen', () => {
    const { kind, where } = shown({ scenario: 'self-deploying' });
    expect(kind).toBe('esp');
    expect(where).toMatch(/^ESP error page \(self-deploying\); /);
    expect(where).toContain(LOG);
    expect(where).toContain('not the pre-provisioning error screen, which this flow never shows');
  });

  it('a user at OOBE (user-driven Entra join): the OOBE page the join fails on', () => {
    const { kind, where } = shown({ scenario: 'user-driven' });
    expect(kind).toBe('somethingWentWrong');
    expect(where).toMatch(/^OOBE “Something went wrong” page; /);
    expect(where).toContain(LOG);
    expect(where).not.toMatch(/^Pre-provisioning/);
  });

  it("a technician flow keeps the catalogue's place: the pre-provisioning error screen (§4)", () => {
    const { kind, where } = shown({ scenario: 'pre-provisioned', profile: { allowPreProvisioning: true } });
    expect(kind).toBe('technicianRed');
    expect(where).toBe(lookup('0x801C03F3')!.where);
  });
});

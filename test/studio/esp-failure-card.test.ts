// Domain §2.3 T9b and §2.6 S3: a technician flow fails on its red screen, and a self-deploying device on its ESP's error
// page; neither device is at an OOBE page or a sign-in. The studio's error card still read the catalogue's text for the
// code and "Shown: OOBE (generic page)" beside the red screen (a blocked Entra), and the self-deploying ESP's error page
// said nothing of what its code means ("(Failed)" on the row, for a blocked Entra), where the red screen says it under
// the code. One rule for both (src/catalog/errors.ts messageWhere, whereShown; espFailurePage in the screen model).
import { describe, expect, it } from 'vitest';
import { text } from './vnode-text.ts';
import { lookup } from '../../src/catalog/errors.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { ErrorCard } from '../../src/studio/app/panels.ts';
import { espFailurePage, screenAt } from '../../src/studio/app/screen-model.ts';


/** The run's failing step (the one with its code): its screen and its error card as the narration shows them. */
function failing(input: Record<string, unknown>) {
  const env = defaultEnvironment(input);
  const { trace } = simulate(env, { seed: 1 });
  const i = trace.findIndex((e) => e.code);
  expect(i).toBeGreaterThan(0);
  const entry = lookup(trace[i]!.code!)!;
  return { entry, screen: screenAt(trace, i, env), end: screenAt(trace, trace.length - 1, env), card: text(ErrorCard({ entry, page: espFailurePage(trace[i]!) })) };
}

const meaning = (code: string) => lookup(code)!.meaning.replace(/\.$/, '');

describe('a failure inside the ESP, with no one at an OOBE page', () => {
  it("the red screen's card (blocked Entra): not OOBE's text nor its page, the red screen", () => {
    const { card, screen } = failing({ scenario: 'pre-provisioned', profile: { allowPreProvisioning: true }, network: { blockedEndpoints: ['entra'] } });
    expect(screen.kind).toBe('technicianRed');
    expect(card).not.toContain('“Something went wrong”');
    expect(card).toContain('ShownTechnician flow (red screen)');
    expect(card).toContain(meaning('SOMETHING_WENT_WRONG'));
  });

  it("the hybrid red screen's card (no connector): 0x80070774 without the hybrid user's sign-in text", () => {
    const { card } = failing({ scenario: 'pre-provisioned', profile: { allowPreProvisioning: true, joinType: 'hybrid' }, hybrid: { connector: { present: false } } });
    expect(card).toContain('0x80070774');
    expect(card).not.toContain('Confirm you are using the correct sign-in information');
    expect(card).toContain('ShownTechnician flow (red screen)');
  });

  it("a self-deploying device's ESP error page (blocked Entra): the card names that page, and the page says what the code means", () => {
    const { card, screen, end } = failing({ scenario: 'self-deploying', network: { blockedEndpoints: ['entra'] } });
    expect(screen.kind).toBe('esp');
    expect(screen.esp?.error).not.toBeNull();
    expect(card).toContain('ShownESP error page (self-deploying)');
    expect(card).not.toContain('“Something went wrong”');
    expect(screen.note).toBe(meaning('SOMETHING_WENT_WRONG'));
    // And at the run's last step, the page as it stays.
    expect(end.note).toBe(meaning('SOMETHING_WENT_WRONG'));
  });

  it("a self-deploying device whose Entra object was deleted: its row's bare code, and what it means under the page", () => {
    const { screen } = failing({ scenario: 'self-deploying', registration: { entraObjectDeleted: true } });
    expect(screen.note).toBe(meaning('0x801C03F3'));
  });

  it('a user at OOBE keeps the page and its text (user-driven, blocked Entra: OOBEIDPS)', () => {
    const { card, screen } = failing({ scenario: 'user-driven', network: { blockedEndpoints: ['entra'] } });
    expect(screen.kind).toBe('somethingWentWrong');
    expect(card).toContain('“Something went wrong. OOBEIDPS”');
    expect(card).toMatch(/ShownOOBEMicrosoft/);
  });
});

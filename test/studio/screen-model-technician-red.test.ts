// Domain §2.3 T9b: a technician flow's failure ends on its red screen, which shows the error. The studio's red screen
// gave the catalogue's text for the code without asking where that text belongs: a blocked Entra showed OOBE's "Something
// went wrong" (§4, §5.3: the user-driven OOBE's page) and a hybrid join with no connector the hybrid user's sign-in text
// for 0x80070774 (§4), screens the technician never reaches (the join runs inside the ESP, T6). It now shows what the
// outcome says (src/catalog/errors.ts messageWhere): the code, its meaning under it.
import { describe, expect, it } from 'vitest';
import { lookup } from '../../src/catalog/errors.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { screenAt } from '../../src/studio/app/screen-model.ts';

const meaning = (code: string) => lookup(code)!.meaning.replace(/\.$/, '');

function redScreen(input: Record<string, unknown>) {
  const env = defaultEnvironment({ scenario: 'pre-provisioned', ...input });
  const sim = simulate(env, { seed: 1 });
  const i = sim.trace.findIndex((e) => e.screen === 'technicianRed');
  expect(i).toBeGreaterThan(0);
  return { screen: screenAt(sim.trace, i, env), outcome: sim.outcome };
}

describe("the technician's red screen", () => {
  it("blocked Entra: no OOBE page's 'Something went wrong', the meaning the outcome gives", () => {
    const { screen, outcome } = redScreen({ profile: { allowPreProvisioning: true }, network: { blockedEndpoints: ['entra'] } });
    expect(screen.kind).toBe('technicianRed');
    expect(screen.error!.message).not.toContain('Something went wrong');
    expect(screen.note).toBe(meaning('SOMETHING_WENT_WRONG'));
    expect(outcome.errorMessage).toBe(`[${screen.note}]`);
  });

  it("hybrid with no connector: 0x80070774 and its meaning, not the user's sign-in text", () => {
    const { screen, outcome } = redScreen({ profile: { allowPreProvisioning: true, joinType: 'hybrid' }, hybrid: { connector: { present: false } } });
    expect(screen.error).toEqual({ code: '0x80070774', message: '0x80070774' });
    expect(screen.note).toBe(meaning('0x80070774'));
    expect(outcome.errorMessage).toBe(`[${screen.note}]`);
  });
});

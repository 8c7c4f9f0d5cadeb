// Domain §2.3 T9b: a technician flow's failure ends on its red screen, which shows the error; §4 places the text of
// 0x80070774 ('Something went wrong. Confirm you are using the correct sign-in information…') at the hybrid user's first
// sign-in screen. A hybrid technician flow whose domain join failed quoted that text as its outcome's message, a screen the
// technician never reaches. It gives what the code means, in brackets (a description, not on-screen text); the user's
// sign-in keeps its text.
import { describe, expect, it } from 'vitest';
import { lookup } from '../../src/catalog/errors.ts';
import { runner } from './helpers.ts';

const SIGN_IN_TEXT = 'Something went wrong. Confirm you are using the correct sign-in information';
const meaning = `[${lookup('0x80070774')!.meaning.replace(/\.$/, '')}]`;

describe("0x80070774's message where the device failed", () => {
  it("in a technician flow: what the code means, not the user's sign-in text", () => {
    const sim = runner('pre-provisioned')({ profile: { allowPreProvisioning: true, joinType: 'hybrid' }, hybrid: { connector: { present: false } } });
    expect(sim.outcome.errorCode).toBe('0x80070774');
    expect(sim.outcome.endUserMinutes).toBe(0);
    expect(sim.outcome.errorMessage).toBe(meaning);
  });

  it("at the hybrid user's sign-in: the sign-in text", () => {
    const ud = runner('user-driven')({ profile: { joinType: 'hybrid' }, hybrid: { dcLineOfSight: false } });
    expect(ud.outcome.errorCode).toBe('0x80070774');
    expect(ud.outcome.errorMessage).toContain(SIGN_IN_TEXT);
  });
});

// §2.3 T6-T7, T9b; §4 and §5.3 place "Something went wrong" (a blocked Entra) and 80180018's "Something went wrong" page
// (enrollment) in OOBE, where the user-driven flow joins and enrolls. The technician flow joins and enrolls inside the ESP
// and ends on its red screen, which shows the error: an outcome quoting the OOBE page named a screen the technician never sees.
describe("an OOBE page's message where the technician flow failed", () => {
  const bracketed = (code: string) => `[${lookup(code)!.meaning.replace(/\.$/, '')}]`;

  it.each([
    ['entra', 'SOMETHING_WENT_WRONG'],
    ['intune', '80180018'],
  ])('blocked %s in the technician flow: what %s means, not the OOBE page', (endpoint, code) => {
    const sim = runner('pre-provisioned')({ profile: { allowPreProvisioning: true }, network: { blockedEndpoints: [endpoint] } });
    expect(sim.outcome.errorCode).toBe(code);
    expect(sim.outcome.endUserMinutes).toBe(0);
    expect(sim.outcome.errorMessage).toBe(bracketed(code));
  });

  it('blocked Entra in user-driven OOBE: "Something went wrong" (§5.3)', () => {
    const ud = runner('user-driven')({ network: { blockedEndpoints: ['entra'] } });
    expect(ud.outcome.errorMessage).toMatch(/^"?Something went wrong/);
  });
});


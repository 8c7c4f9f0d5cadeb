// Domain §5.4 (Domain Join profile): the OU "is optional and must be a DN such as OU=x,DC=contoso,DC=com. No quotes, no
// CN=Computers. Leave it blank for the default container." A blank OU failed the join as a malformed one (0x80070774), and
// the cause of CN=Computers,DC=contoso,DC=com called it "not a distinguished name" (it is one; the notes rule it out by name),
// with a remedy that did not say to leave the OU blank.
import { describe, expect, it } from 'vitest';
import { MODES } from '../../src/world/failure-modes.ts';
import { runner } from './helpers.ts';

const run = runner('user-driven');
const hybrid = (ouDistinguishedName: string | null, more: object = {}) => ({ profile: { joinType: 'hybrid' }, hybrid: { ouDistinguishedName, ...more } });

describe('the Domain Join profile\'s OU (§5.4)', () => {
  it.each([[''], ['   ']])('left blank (%j) is the default Computers container: the join goes through', (ou) => {
    expect(run(hybrid(ou)).outcome.status).toBe('succeeded');
  });

  it('left blank, undelegated, is the default container with its quota of 10, as null is (§5.4, §2.2 H4)', () => {
    expect(run(hybrid('', { ouRightsDelegated: false, computersJoinedByConnector: 9 })).outcome.status).toBe('succeeded');
    const o = run(hybrid('', { ouRightsDelegated: false, computersJoinedByConnector: 10 })).outcome;
    expect({ status: o.status, code: o.errorCode }).toEqual({ status: 'failed', code: '0x80070774' });
  });

  it('CN=Computers fails the join, and the cause and remedy say what the notes say of it', () => {
    const o = run(hybrid('CN=Computers,DC=contoso,DC=com')).outcome;
    expect(o.errorCode).toBe('0x80070774');
    expect(o.cause).toContain('CN=Computers');
    expect(o.cause).not.toMatch(/is not a distinguished name/);
    expect(MODES['ou-not-dn'].remedy).toMatch(/default Computers container leave it blank/);
  });

  it.each([['"OU=x,DC=contoso,DC=com"'], ['OU=x']])('%s still fails the join (§2.2 H4)', (ou) => {
    expect(run(hybrid(ou)).outcome.errorCode).toBe('0x80070774');
  });
});

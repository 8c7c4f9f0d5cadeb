// §5.4: "A connector only serves its own domain, so you need one (or more, for redundancy) per domain. When one fails,
// requests go to another connector in the same domain." The model had one connector: a hybrid join whose connector was
// inactive failed with 0x80070774 (§8 W11) even with a second connector for the domain (`hybrid.connector.others`).
import { describe, expect, it } from 'vitest';
import { expectFailure, expectSuccess, runner } from './helpers.ts';

const hybrid = { profile: { joinType: 'hybrid' } };
const userDriven = runner('user-driven');
const preProvisioned = runner('pre-provisioned');

describe('a second Intune Connector in the same domain takes over (§5.4)', () => {
  it('user-driven hybrid join: the connector inactive, another in the domain delivers the blob and the join goes on', () => {
    const sim = userDriven({ ...hybrid, hybrid: { connector: { active: false, others: 1 } } });
    expectSuccess(sim);
    const delivered = sim.trace.find((t) => t.event === 'connector.odjBlobDelivered');
    expect(delivered?.detail).toBe('the connector is inactive: another connector for contoso.com takes the request (§5.4)');
  });

  it('pre-provisioned hybrid join: the technician flow too', () => {
    expectSuccess(preProvisioned({ profile: { joinType: 'hybrid', allowPreProvisioning: true }, hybrid: { connector: { active: false, others: 1 } } }));
  });

  it('without another connector the inactive one still fails the join (§8 W11, 0x80070774 [INF])', () => {
    expectFailure(userDriven({ ...hybrid, hybrid: { connector: { active: false } } }), '0x80070774', 'hybridJoin');
  });

  it('a connector missing or too old counts as failing too [INF]', () => {
    expectSuccess(userDriven({ ...hybrid, hybrid: { connector: { present: false, others: 1 } } }));
    expectSuccess(userDriven({ ...hybrid, hybrid: { connector: { version: '6.2409.1000.1', others: 2 } } }));
  });

  it('what fails whichever connector answers still fails: an OU that is not a DN, the domain given as NetBIOS', () => {
    expectFailure(userDriven({ ...hybrid, hybrid: { connector: { active: false, others: 1 }, ouDistinguishedName: 'CN=Computers,DC=contoso,DC=com' } }), '0x80070774', 'hybridJoin');
    expectFailure(userDriven({ ...hybrid, hybrid: { connector: { active: false, others: 1 }, domainName: 'CONTOSO' } }), '0x80070774', 'hybridJoin');
  });

  it('a healthy connector answers itself: no takeover in the trace', () => {
    const sim = userDriven({ ...hybrid, hybrid: { connector: { others: 1 } } });
    expectSuccess(sim);
    expect(sim.trace.find((t) => t.event === 'connector.odjBlobDelivered')?.detail).toBeUndefined();
  });
});

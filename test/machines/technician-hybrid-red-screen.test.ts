// Domain §2.3 T6 and T9b: a hybrid technician flow joins the domain through the connector's offline domain join blob inside
// the technician's ESP ("Joining your organization's network", [INF] for the transport), and every failure of the technician
// flow ends on the red screen, with Retry for what can be fixed on the spot and Reset. The ODJ step's failures (§2.2 H4: a
// connector too old, missing or short of rights; §10 #1's 2023 reading: no DC) went straight to the end with no red screen,
// and its screen left the ESP for OOBE's working screen mid-way through the ESP's device preparation.
import { describe, expect, it } from 'vitest';
import { runner, visits } from './helpers.ts';

const run = runner('pre-provisioned');
const hybrid = { allowPreProvisioning: true, joinType: 'hybrid' };

describe('a hybrid technician flow whose domain join fails ends on the red screen (§2.3 T9b)', () => {
  it.each([
    ['a connector older than 6.2501.2000.5 (§2.2 H4, §5.4)', { hybrid: { connector: { version: '6.2412.0.1' } } }],
    ['no connector for the domain (§2.2 H4)', { hybrid: { connector: { present: false } } }],
    ['the connector short of rights at its 10-computer quota (§2.2 H4, event 30132)', { hybrid: { ouRightsDelegated: false, computersJoinedByConnector: 10 } }],
    ['no DC under the 2023 reading (§10 #1)', { hybrid: { dcLineOfSight: false }, readings: { technicianFlowNeedsDc: true } }],
  ])('%s', (_name, env) => {
    const sim = run({ profile: hybrid, ...env });
    expect(sim.outcome.status).toBe('failed');
    expect(sim.outcome.errorCode).toBe('0x80070774');
    const red = sim.trace.find((t) => t.screen === 'technicianRed');
    expect(red, `trace: ${sim.trace.map((t) => `${t.state} ${t.screen ?? ''}`).join('\n')}`).toBeDefined();
    expect(red!.code).toBe('0x80070774');
    expect(sim.trace.at(-1)!.event).toBe('technician.gaveUp');
  });

  it("the technician's Retry runs the join again (§2.3 T9b: Retry for problems fixable on the spot)", () => {
    const sim = run({ profile: hybrid, hybrid: { connector: { version: '6.2412.0.1' } }, people: { onError: 'retry', maxRetries: 1 } });
    expect(sim.trace.filter((t) => t.event === 'connector.odjFailed')).toHaveLength(2);
    expect(sim.trace.some((t) => t.event === 'technician.retry')).toBe(true);
  });

  it("the offline domain join shows on the technician's ESP, on its Joining your organization's network row (§2.3 T6)", () => {
    const sim = run({ profile: hybrid });
    expect(sim.outcome.status).toBe('succeeded');
    const odj = sim.trace.filter((t) => t.state.split('.').includes('offlineDomainJoin') && t.state.includes('technicianEsp'));
    expect(odj.length).toBeGreaterThan(0);
    for (const t of odj) expect({ screen: t.screen, row: t.row }).toEqual({ screen: 'esp', row: 'joiningNetwork' });
    expect(visits(sim, 'resealScreen')).toBe(true);
  });

  it('a user-driven hybrid join that fails still ends at the sign-in page with its message, no error page (§2.2 H4-H5, §4)', () => {
    const sim = runner('user-driven')({ profile: { joinType: 'hybrid' }, hybrid: { connector: { version: '6.2412.0.1' } } });
    expect(sim.outcome.errorCode).toBe('0x80070774');
    expect(sim.trace.some((t) => t.state.endsWith('errorPage'))).toBe(false);
  });
});

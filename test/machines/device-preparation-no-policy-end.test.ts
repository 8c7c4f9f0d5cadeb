// Domain §7 (ordered flow, step 2: "If an APDP policy targets this user, it's delivered"; requirements: Windows 11 24H2, or
// 22H2/23H2 with KB5035942; coexistence: a registered device runs APv1). Where no policy is delivered the run's reason says
// the device "joins Entra without provisioning", but its last narration, shared with the classic scenarios, said ordinary
// OOBE left "the device not managed": two readings of one end on the same screen. The device preparation machine's ordinary
// OOBE now says what its reasons say.
import { describe, expect, it } from 'vitest';
import { runner } from './helpers.ts';

const run = runner('device-preparation');

describe('device preparation with no policy delivered ends as its reason says (§7)', () => {
  it.each([
    ['Windows 11 23H2 without KB5035942', { registration: { registered: false }, os: { version: '23H2', march2024Update: false } }],
    ['no policy targets the user', { registration: { registered: false }, devicePreparation: { policies: [{ name: 'Contoso laptops', targetsUser: false }] } }],
    ['Windows 10', { registration: { registered: false }, os: { windows: 10, version: '22H2' } }],
  ])('%s', (_name, env) => {
    const sim = run(env);
    expect(sim.outcome.status).toBe('fell-back-to-oobe');
    expect(sim.outcome.fallbackReason).toMatch(/joins Entra without provisioning/);
    const end = sim.trace.at(-1)!.narration ?? '';
    expect(end).not.toMatch(/not managed/);
    expect(end).toMatch(/joins .*Entra without provisioning/);
  });

  it('the classic scenarios keep their own ordinary OOBE (an unregistered device, §1.2)', () => {
    const end = runner('user-driven')({ registration: { registered: false } }).trace.at(-1)!.narration ?? '';
    expect(end).toMatch(/No Autopilot profile applies/);
  });
});

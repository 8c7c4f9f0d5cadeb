// recommend and compare --scenarios on a calibrated twin of user-driven Entra deployments alone ranked device
// preparation, pre-provisioning and self-deploying as if measured: only the twin's header comment said which flows the
// exports showed. Each now says, in its own output, which flows are the model's with the tenant's values carried over,
// in calibrate's words (CARRIED_OVER, shared with the twin's header).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARRIED_OVER } from '../../src/calibrate/flows.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-calibrated-flows-');
const twin = join(dir, 'ud.yaml');
beforeAll(async () => {
  expect((await cli('calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', '--segment', 'user-driven/entra', '-o', twin)).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('a calibrated twin weighed in flows its exports never showed', () => {
  it('recommend names the flows it ranks that are the model with the tenant carried over, not user-driven', async () => {
    const r = await cli('recommend', twin, '--devices', '100');
    expect(r.code, r.err).toBe(0);
    const note = /Calibrated twin: its exports show user-driven\/entra\. ([a-z-, ]+) run (.*?); their figures are estimates, not the tenant's\./.exec(flat(r.out))!;
    expect(note, r.out).not.toBeNull();
    expect(note[1]!.split(', ').sort()).toEqual(['device-preparation', 'pre-provisioned', 'self-deploying']);
    expect(note[2]).toBe(CARRIED_OVER);
  });

  it("a hybrid twin's Entra-join alternative is named among the flows its exports did not show", async () => {
    // The note listed pre-provisioned alone, though recommend went on to weigh 'With Entra join instead of hybrid' with the
    // tenant's values carried over, a flow no deployment of the exports showed.
    const hybrid = join(dir, 'hybrid.yaml');
    expect((await cli('calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', '--segment', 'user-driven/hybrid', '-o', hybrid)).code).toBe(0);
    const r = await cli('recommend', hybrid, '--devices', '100');
    expect(r.code, r.err).toBe(0);
    expect(flat(r.out)).toContain('With Entra join instead of hybrid, user-driven succeeds');
    const note = /Calibrated twin: its exports show user-driven\/hybrid\. (.*?) run as the model has it/.exec(flat(r.out))!;
    expect(note, r.out).not.toBeNull();
    expect(note[1]!.split(', ').sort()).toEqual(['pre-provisioned', 'user-driven with Entra join (the alternative to hybrid)']);
  });

  it('compare --scenarios says so of the flow not observed, and not of the one observed', async () => {
    const c = await cli('compare', twin, '--scenarios', 'user-driven,device-preparation', '--devices', '60');
    expect(c.code, c.err).toBe(0);
    expect(flat(c.err)).toContain(`note: calibrated twin: its exports show user-driven/entra. device-preparation runs ${CARRIED_OVER}; its figures are estimates, not the tenant's.`);
  });
});

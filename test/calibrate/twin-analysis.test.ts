// The analyses on a twin of several segments (one group each, its scenario, join and apps its own):
// sweep --vary apps= keeps each group's own apps, as many times over as the value asks, and at the
// file's own count gives exactly what run gives; compare --scenarios runs every group in each scenario.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('twin-sweep-');

// The shape calibrate writes for several segments: apps under each group's environment, none at the top.
const twin = join(dir, 'twin.yaml');
writeFileSync(
  twin,
  `name: Two segments
seed: 1
devices: 400
groups:
  - name: user-driven/entra
    weight: 3
    environment:
      scenario: user-driven
      apps:
        - { name: Calibrated device app 1, type: win32, installMinutes: { lognormal: { median: 14, p90: 30 } } }
        - { name: Calibrated device app 2, type: win32, installMinutes: { lognormal: { median: 14, p90: 30 } } }
  - name: self-deploying/entra
    weight: 1
    environment:
      scenario: self-deploying
      apps:
        - { name: Calibrated device app 1, type: win32, installMinutes: { lognormal: { median: 9, p90: 20 } } }
        - { name: Calibrated device app 2, type: win32, installMinutes: { lognormal: { median: 9, p90: 20 } } }
`,
);

describe('sweep --vary apps= on a twin of several segments', () => {
  it("keeps each group's own apps: at the file's own count it gives exactly what run gives, and more apps take longer", async () => {
    const run = JSON.parse((await cli('run', twin, '--devices', '400', '--json')).out);
    const sweep = await cli('sweep', twin, '--vary', 'apps=1,2,4', '--devices', '400', '--json');
    expect(sweep.code).toBe(0);
    const [one, two, four] = JSON.parse(sweep.out).rows;
    // Two apps is each group's own two: the same devices as run (a default app in their place
    // installs in minutes: success and time to desktop moved).
    expect(two.successRate).toBe(run.successRate);
    expect(two.p50).toBe(run.timeToDesktop.total.p50);
    expect(two.p90).toBe(run.timeToDesktop.total.p90);
    expect(two.p50).toBeGreaterThan(one.p50);
    expect(four.p50).toBeGreaterThan(two.p50);
  });
});

describe('compare --scenarios on a twin of several segments', () => {
  it("runs every group in each scenario compared, over the group's own: user-driven and pre-provisioned differ", async () => {
    const r = await cli('compare', twin, '--scenarios', 'user-driven,pre-provisioned', '--devices', '300', '--json');
    expect(r.code, r.err).toBe(0);
    const c = JSON.parse(r.out);
    // Each group fixed its scenario, so both sides ran the file's own: the same devices twice, every difference 0.
    expect(c.b.report.timeToDesktop.technician.p50).toBeGreaterThan(0);
    expect(c.a.report.timeToDesktop.technician.p90).toBe(0);
    const endUser = c.differences.find((d: { metric: string }) => d.metric === 'pairedEndUserMinutes');
    expect(endUser.interval95[1]).toBeLessThan(0); // pre-provisioning moves the device setup to the technician
  });
});

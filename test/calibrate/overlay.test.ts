// The fit as an environment overlay: any scenario or fleet file that includes it runs with the
// tenant's fitted values (apps, step factors, failure rates, ESP timeout) in its own flow.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SAMPLE_FILE } from '../../src/calibrate/sample.ts';
import { readScenario } from '../../src/environment/files.ts';
import { loadFleet } from '../../src/fleet/index.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const sample = fileURLToPath(new URL(`../../scenarios/calibration/${SAMPLE_FILE}`, import.meta.url));

describe('calibrate --overlay', () => {
  it("leaves whether the device is registered to the flow that includes it: a device preparation tenant's overlay in a user-driven file", { timeout: 60_000 }, async () => {
    const dir = tempDir('calibrate-overlay-flow-');
    const rows = ['"Device name","Enrollment date","Deployment status","Phase","Serial number","Deployment time","UPN"'];
    for (let i = 0; i < 60; i++) rows.push(`"PC-${i}","11/${1 + (i % 28)}/2026","Success","Completed","SN${i}","${22 + (i % 13)} min 0 sec","u${i}@contoso.example"`);
    writeFileSync(join(dir, 'report.csv'), `${rows.join('\r\n')}\r\n`);
    let r = await cli('calibrate', join(dir, 'report.csv'), '--overlay', join(dir, 'apdp.yaml'), '-o', join(dir, 'twin.yaml'));
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, 'apdp.yaml'), 'utf8')).not.toMatch(/^registration:/m);
    writeFileSync(join(dir, 'classic.yaml'), 'scenario: user-driven\ninclude: apdp.yaml\n');
    // Before: 'registration: { registered: false }' came with it, and every device fell back to the ordinary OOBE.
    r = await cli('run', join(dir, 'classic.yaml'), '--devices', '50', '--json');
    const report = JSON.parse(r.out) as { successRate: number; fellBackToOobe: number };
    expect(report.fellBackToOobe).toBe(0);
    expect(report.successRate).toBeGreaterThan(0.9);
  });

  it('a scenario file and a fleet file that include the overlay run with the fitted values', { timeout: 60_000 }, async () => {
    const dir = tempDir('calibrate-overlay-');
    const overlay = join(dir, 'our-tenant.yaml');
    const twin = join(dir, 'twin.yaml');
    const r = await cli('calibrate', sample, '--segment', 'user-driven/entra', '--overlay', overlay, '-o', twin);
    expect(r.code, r.err).toBe(0);
    const text = readFileSync(overlay, 'utf8');
    // Every fitted value with its provenance; no flow of its own.
    expect(text).toMatch(/^# device setup: n=\d+, observed median [\d.]+ min, p90 [\d.]+; simulated median [\d.]+, p90 [\d.]+; KS distance [\d.]+$/m);
    expect(text).toMatch(/^ {4}enrollment: [\d.]+ # sign-in, Entra join, MDM enrollment, hybrid join; fitted to deploymentTotalDuration less device and account setup: n=\d+/m);
    expect(text).toMatch(/^ {4}- \{ phase: deviceSetup, code: ESP_APP_FAILED, probability: [\d.]+ \} # \d+ observed/m);
    expect(text).not.toMatch(/^(scenario|profile):/m);
    const fitted = loadFleet(twin).environment as Record<string, unknown>;

    // A scenario file: the tenant, pre-provisioned instead.
    const pre = join(dir, 'pre.yaml');
    writeFileSync(pre, 'name: Our tenant, pre-provisioned\nscenario: pre-provisioned\ninclude: our-tenant.yaml\n');
    const file = readScenario(pre).file;
    expect(file.scenario).toBe('pre-provisioned');
    const fittedApps = fitted.apps as Array<{ name: string; installMinutes: unknown }>;
    expect(fittedApps.length).toBe(7);
    expect(file.apps.map((a) => [a.name, a.installMinutes])).toEqual(fittedApps.map((a) => [a.name, a.installMinutes]));
    expect(file.calibrated).toEqual(fitted.calibrated);
    expect((await cli('simulate', pre)).code).toBe(0);

    // The same flow as the twin's: the same deployments, device for device.
    const same = join(dir, 'same.yaml');
    writeFileSync(same, 'scenario: user-driven\nprofile: { joinType: entra }\ninclude: our-tenant.yaml\n');
    const a = JSON.parse((await cli('run', same, '--devices', '100', '--seed', '3', '--json')).out);
    const b = JSON.parse((await cli('run', twin, '--devices', '100', '--seed', '3', '--json')).out);
    expect(a.timeToDesktop).toEqual(b.timeToDesktop);
    expect(a.successRate).toBe(b.successRate);

    // A fleet file: one group includes the overlay, the other keeps the defaults.
    const fleet = join(dir, 'fleet.yaml');
    writeFileSync(fleet, 'name: Two groups\ndevices: 100\ngroups:\n  - { name: ours, environment: { include: our-tenant.yaml } }\n  - { name: plain, environment: {} }\n');
    const f = loadFleet(fleet);
    expect(f.groups[0]!.environment).toMatchObject({ calibrated: fitted.calibrated, esp: { timeoutMinutes: 60 } });
    expect(f.groups[1]!.environment).toEqual({});
    const run = JSON.parse((await cli('run', fleet, '--json')).out);
    const ours = run.groups.find((g: { name: string }) => g.name === 'ours');
    const plain = run.groups.find((g: { name: string }) => g.name === 'plain');
    // The tenant's seven fitted apps against the default environment's.
    expect(ours.meanMinutesToDesktop).toBeGreaterThan(plain.meanMinutesToDesktop);
  });
});

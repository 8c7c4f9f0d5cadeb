// A tenant's error code the catalogue does not hold (0x81036502, an app's install error) was counted under the
// generic ESP_APP_FAILED, and the twin's devices failed with that: run's output named a code the tenant never saw.
// The twin keeps the tenant's own code (calibrated.failures[].reportedCode) and its devices fail with it.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backtest, calibrate } from '../../src/calibrate/index.ts';
import { calibrationReport, renderCalibration } from '../../src/calibrate/report.ts';
import { writeSynthetic } from '../../src/calibrate/synthetic.ts';
import { cli } from '../helpers/cli.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { lookup } from '../../src/catalog/errors.ts';
import { tempDir } from '../helpers/temp.ts';

const noise = { inProgress: 0, unknownType: 0, duplicateEvent: 0, redeployedDevice: 0, missingDuration: 0, zeroDuration: 0, negativeDuration: 0, successWithTimeout: 0 };

describe("a tenant's code the catalogue does not hold", () => {
  it('stays the tenant\'s code in the twin, its backtest and run\'s output', { timeout: 120_000 }, async () => {
    const dir = tempDir('reported-code-');
    const { files } = writeSynthetic(dir, {
      seed: 5,
      noise,
      format: 'csv',
      segments: [{ segment: { scenario: 'user-driven', joinType: 'entra' }, count: 800, deviceApps: 5, deviceApp: { median: 4, p90: 9 }, userApps: 2, userApp: { median: 3, p90: 7 }, failures: [{ phase: 'deviceSetup', code: 'ESP_APP_FAILED', reportedCode: '0x81036502', probability: 0.05 }] }],
    });
    const c = await calibrate(files);
    const own = c.fits[0]!.failures.find((f) => f.reportedCode === '0x81036502')!;
    expect(own.code).toBe('ESP_APP_FAILED');
    expect(Math.abs(own.share - 0.05)).toBeLessThan(3 * Math.sqrt((0.05 * 0.95) / 800));
    expect(c.yaml).toMatch(/- \{ phase: deviceSetup, code: ESP_APP_FAILED, reportedCode: "0x81036502", probability: 0\.0\d+ \} # \d+ observed \([\d.]+%\); the tenant's 0x81036502, not in the catalogue: the device fails with it, counted under ESP_APP_FAILED/);
    expect(renderCalibration(calibrationReport(c))).toMatch(/failure 0x81036502 \(not in the catalogue; counted under ESP_APP_FAILED\) at deviceSetup/);
    // The backtest holds the twin's failures with the code against the tenant's.
    const row = backtest(c).segments[0]!.failures.find((f) => f.code === '0x81036502')!;
    expect(Math.abs(row.simulated - row.observed)).toBeLessThan(0.015);
    // run names it, as the tenant's devices did.
    const twin = join(dir, 'twin.yaml');
    writeFileSync(twin, c.yaml);
    const r = await cli('run', twin, '--devices', '400', '--json');
    const report = JSON.parse(r.out) as { failures: Array<{ code: string; phase: string }> };
    expect(report.failures.map((f) => f.code)).toContain('0x81036502');
    expect(report.failures.map((f) => f.code)).not.toContain('ESP_APP_FAILED');
  });

  it("a device failing with the tenant's code shows the page of the failure it is counted under (the ESP's, or the admin's own message)", () => {
    const calibrated = { failures: [{ phase: 'deviceSetup', code: 'ESP_APP_FAILED', reportedCode: '0x81036502', probability: 1 }] };
    const env = defaultEnvironment({ scenario: 'user-driven', apps: [{ name: 'Agent', installMinutes: 3 }], calibrated } as never);
    const { outcome } = simulate(env, { seed: 1 });
    expect(outcome.errorCode).toBe('0x81036502');
    expect(outcome.errorMessage).toBe(lookup('ESP_APP_FAILED')!.message);
    const custom = simulate(defaultEnvironment({ scenario: 'user-driven', apps: [{ name: 'Agent', installMinutes: 3 }], calibrated, esp: { customMessage: 'Call the service desk on 1234' } } as never), { seed: 1 });
    expect(custom.outcome.errorMessage).toBe('Call the service desk on 1234');
  });

  it('a twin with a reportedCode that is no HRESULT is refused by name', async () => {
    const dir = tempDir('reported-code-bad-');
    const file = join(dir, 'twin.yaml');
    writeFileSync(file, 'environment:\n  calibrated:\n    failures:\n      - { phase: deviceSetup, code: ESP_APP_FAILED, reportedCode: "install failed", probability: 0.05 }\n');
    const r = await cli('run', file, '--devices', '10');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/reportedCode.*expected an HRESULT such as 0x81036502/);
  });
});

// The bundled sample's ESP profiles export (scenarios/calibration/synthetic-esp-profiles.csv), as the README's calibrate
// tour and docs/calibrate.md run it: the lines they give are the commands, and the figures they quote are what they print.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/temp.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = tempDir('apsim-sample-esp-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const EXPORT = 'scenarios/calibration/synthetic-esp-profiles.csv';
const FROM_PROFILE = 'esp: { timeoutMinutes: 60, allowReset: true, allowContinueAnyway: false, collectLogs: true }';

describe("the bundled sample's ESP profiles export", () => {
  it("the README's tour line runs, and each segment's twin takes what its comment says", { timeout: 60_000 }, async () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const line = readme.split('\n').find((l) => l.startsWith('npx autopilot-sim calibrate') && l.includes(EXPORT))!;
    expect(line).toMatch(/# beside its ESP profiles: esp from "Synthetic ESP", 60-minute timeout, Reset device$/);
    const argv = line.replace(/#.*$/, '').trim().split(/\s+/).slice(2);
    const out = argv.indexOf('-o') + 1;
    argv[out] = join(dir, argv[out]!);
    const r = await cli(...argv);
    expect(r.code, r.err).toBe(0);
    const twin = readFileSync(argv[out]!, 'utf8');
    expect(twin.split('\n').filter((l) => l.trim() === FROM_PROFILE)).toHaveLength(3);
    expect(twin).not.toContain('esp: { timeoutMinutes: 60 }');
    // Its header names both exports: it said '2 export files of deviceManagement/autopilotEvents'.
    expect(twin).toContain('# from 2 export files of deviceManagement/autopilotEvents and the ESP profiles (deviceManagement/deviceEnrollmentConfigurations): 441 events, 425 usable.');
  });

  it('docs/calibrate.md quotes what its command prints: the profile matched in each segment, and the backtest tables unchanged', { timeout: 120_000 }, async () => {
    const doc = readFileSync(`${root}docs/calibrate.md`, 'utf8');
    const paragraph = doc.split('\n').find((l) => l.startsWith('On the bundled sample, beside its synthetic ESP profiles export'))!;
    const command = /`calibrate ([^`]+)`/.exec(paragraph)![1]!;
    const r = await cli('calibrate', ...command.split(' '));
    expect(r.code, r.err).toBe(0);
    for (const [segment, n] of [['user-driven/entra', 293], ['user-driven/hybrid', 77], ['self-deploying/entra', 55]] as const) {
      expect(r.out).toContain(`- **${segment}**: ESP from the tenant's profile "Synthetic ESP", the ESP profile ${n} of the segment's ${n} deployments used (matched by its name): esp.timeoutMinutes 60 (installProgressTimeoutInMinutes), esp.allowReset true (allowDeviceResetOnInstallFailure), esp.allowContinueAnyway false (allowDeviceUseOnInstallFailure), esp.collectLogs true (allowLogCollectionOnInstallFailure)`);
      expect(paragraph).toContain(`${n} of ${n}`);
    }
    expect(paragraph).toContain(`\`${FROM_PROFILE}\``);
    // "the fit and the backtest below are the same, table for table": every row the section quotes, printed with the profiles too.
    const section = doc.slice(doc.indexOf('The backtest of the bundled sample'), doc.indexOf('The what-ifs on the user-driven Entra twin'));
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
    expect(rows.length).toBeGreaterThan(10);
    const printed = r.out.split('\n');
    for (const row of rows) expect(printed, row).toContain(row);
  });
});

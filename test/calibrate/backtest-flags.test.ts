// The backtest's flags name a duration as every report does ("account setup"), not by the
// program's key ("accountSetup: KS distance 0.11 above 0.1", beside "device setup: ..." flags).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { backtest, calibrate } from '../../src/calibrate/index.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';

const dir = mkdtempSync(join(tmpdir(), 'apsim-calflags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, durations: Array<[number, number]>) => {
  const value = durations.map(([device, account], i) => ({
    id: `${name}-event-${i}`,
    deviceId: `${name}-device-${i}`,
    enrollmentType: 'azureADJoinedWithAutopilotProfile',
    deploymentState: 'success',
    deviceSetupStatus: 'success',
    accountSetupStatus: 'success',
    deviceSetupDuration: isoDuration(device),
    accountSetupDuration: isoDuration(account),
    deploymentTotalDuration: isoDuration(device + account + 6),
  }));
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ value }));
  return file;
};

it('a duration the model cannot follow is flagged by its name', async () => {
  // 200 user-driven Entra deployments whose account setup is two humps (3 or 25 minutes): no sum of
  // the model's steps and two lognormal apps has that shape.
  const value = Array.from({ length: 200 }, (_, i) => {
    const device = 24 + (i % 17) * 0.8;
    const account = i % 2 ? 3 + (i % 7) * 0.2 : 25 + (i % 5) * 0.4;
    return {
      id: `event-${i}`,
      deviceId: `device-${i}`,
      enrollmentType: 'azureADJoinedWithAutopilotProfile',
      deploymentState: 'success',
      deviceSetupStatus: 'success',
      accountSetupStatus: 'success',
      deviceSetupDuration: isoDuration(device),
      accountSetupDuration: isoDuration(account),
      deploymentTotalDuration: isoDuration(device + account + 6),
    };
  });
  const file = join(dir, 'humps.json');
  writeFileSync(file, JSON.stringify({ value }));
  const b = backtest(await calibrate([file]), 2000);
  const flags = b.segments[0]!.flags;
  expect(flags).toContainEqual(expect.stringMatching(/^account setup: KS distance [\d.]+ above 0\.1/));
  for (const f of flags) expect(f).not.toMatch(/^(deviceSetup|accountSetup)\b/);
}, 60_000);

it("a pilot's few durations: a KS distance within their sampling noise is put down to too few, not to the model", async () => {
  // 27 deployments, account setup spread evenly from 4 to 22 minutes: the twin's is a sum of steps and two
  // lognormal apps, KS 0.1 to 0.2 from it, well inside the 0.26 that 27 draws vary by.
  const file = write('pilot', Array.from({ length: 27 }, (_, i) => [22 + ((i * 7) % 27) * 0.6, 4 + (i * 18) / 26]));
  const flags = backtest(await calibrate([file]), 2000).segments[0]!.flags.filter((f) => /KS distance/.test(f));
  expect(flags.length).toBeGreaterThan(0);
  for (const f of flags) expect(f).toMatch(/KS distance [\d.]+ above 0\.1, but within what 2\d observed durations vary by \(0\.2\d+ at 95%\): too few to tell/);
}, 60_000);

it("a tenant whose deployments often succeed on retry is told the twin's first time right is its success rate", async () => {
  // 300 user-driven Entra deployments, 45 of them successOnRetry (Graph's success after a retry): first time right 85%.
  const value = Array.from({ length: 300 }, (_, i) => {
    const device = 24 + (i % 17) * 0.8;
    const account = 8 + (i % 11) * 0.6;
    return {
      id: `retry-event-${i}`,
      deviceId: `retry-device-${i}`,
      enrollmentType: 'azureADJoinedWithAutopilotProfile',
      deploymentState: i % 20 < 3 ? 'successOnRetry' : 'success',
      deviceSetupStatus: 'success',
      accountSetupStatus: 'success',
      deviceSetupDuration: isoDuration(device),
      accountSetupDuration: isoDuration(account),
      deploymentTotalDuration: isoDuration(device + account + 6),
    };
  });
  const file = join(dir, 'retries.json');
  writeFileSync(file, JSON.stringify({ value }));
  const b = backtest(await calibrate([file])).segments[0]!;
  expect(b.observed.firstTimeRight).toBe(0.85);
  expect(b.simulated.firstTimeRight).toBeGreaterThan(0.95);
  expect(b.flags).toContainEqual(expect.stringMatching(/^first time right: simulated [\d.]+% outside the observed interval 80\.5–88\.6% \(45 of the tenant's deployments succeeded on retry; the twin's calibrated failures end a deployment, they are not retried, so its first time right is its success rate\)$/));
}, 60_000);

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

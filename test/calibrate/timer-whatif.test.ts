// The tenant's timeouts that the model's own timer does not give are a fixed probability in the twin: a what-if that
// lengthens the ESP timeout leaves them as they are, and the twin says so where its reader edits esp.timeoutMinutes.
// Found by an admin: a hybrid twin's 8.6% ESP_TIMEOUT stayed at 8.6% with the timeout raised from 60 to 90 minutes.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/index.ts';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { loadFleet } from '../../src/fleet/index.ts';
import { planFleet } from '../../src/fleet/plan.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-timer-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("the tenant's timeouts beyond the model's timer: a fixed probability, said beside it", async () => {
  // 300 hybrid deployments with device setups of 25 to 45 minutes, 30 of them timed out (successWithTimeout), which the
  // model's hybrid timer (100 minutes) does not give.
  const value = Array.from({ length: 300 }, (_, i) => {
    const device = 25 + (i % 21);
    const account = 6 + (i % 9);
    return {
      id: `event-${i}`,
      deviceId: `device-${i}`,
      enrollmentType: 'offlineDomainJoined',
      deploymentState: i % 10 === 0 ? 'successWithTimeout' : 'success',
      deviceSetupStatus: i % 10 === 0 ? 'successWithTimeout' : 'success',
      accountSetupStatus: 'success',
      deviceSetupDuration: isoDuration(device),
      accountSetupDuration: isoDuration(account),
      deploymentTotalDuration: isoDuration(device + account + 12),
      enrollmentFailureDetails: null,
    };
  });
  const file = join(dir, 'hybrid.json');
  writeFileSync(file, JSON.stringify({ value }));
  const c = await calibrate([file]);
  const line = c.yaml.split('\n').find((l) => /code: ESP_TIMEOUT/.test(l))!;
  expect(line).toMatch(/probability: 0\.\d+ \} # 30 observed \(10\.00%\); timeouts beyond what the model's own timer gives \(\d+\.\d\d%\): a fixed probability, which a longer esp\.timeoutMinutes or fewer apps leave as it is$/);
  // What it says: the timeout raised from 60 to 120 minutes, the twin's devices time out as often.
  const timedOut = (yaml: string) => {
    const plan = planFleet(loadFleet('twin.yaml', yaml), { seed: 3, devices: 2000 });
    let n = 0;
    for (let i = 0; i < 2000; i++) if (simulate(plan.device(i).env, { seed: 3, index: i, trace: false }).outcome.errorCode === 'ESP_TIMEOUT') n++;
    return n / 2000;
  };
  const at60 = timedOut(c.yaml);
  const at120 = timedOut(c.yaml.replace('esp: { timeoutMinutes: 60 }', 'esp: { timeoutMinutes: 120 }'));
  expect(at60).toBeGreaterThan(0.07);
  expect(Math.abs(at120 - at60)).toBeLessThan(0.02);
});

// Mistakes a newcomer makes with the README open: each is one line that says what was given and what is expected,
// exit 2, and nothing written.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

describe('a newcomer\'s mistakes', () => {
  it('a scenario or twin file given to calibrate is said to be one, not read as a malformed CSV', async () => {
    for (const file of ['scenarios/user-driven-entra.yaml', 'twin.yml']) {
      const r = await cli('calibrate', file, '--check');
      expect(r.code, file).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim()).toBe(`autopilot-sim: ${file}: a YAML file (a scenario, a fleet or a twin); calibrate reads Microsoft Graph's autopilotEvents exports, JSON or CSV`);
    }
  });

  it("a misspelt setting in sweep's --vary is named as it was typed, not by the fleet's path inside autopilot-sim", async () => {
    for (const [file, vary, said] of [
      ['user-driven-entra', 'app=4..24:4', 'autopilot-sim: --vary app=4: app: unknown field (did you mean "apps"?)'],
      ['fleets/branch-rollout', 'esp.timeoutMinute=30,60', 'autopilot-sim: --vary esp.timeoutMinute=30: esp.timeoutMinute: unknown field (did you mean "timeoutMinutes"?)'],
      ['fleets/branch-rollout', 'esp.timeoutMinutes=-5,60', 'autopilot-sim: --vary esp.timeoutMinutes=-5: esp.timeoutMinutes: expected >= 1, got -5'],
    ] as const) {
      const r = await cli('sweep', file, '--vary', vary, '--devices', '50');
      expect(r.code, vary).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim()).toBe(said);
    }
  });
});

// Mistakes a newcomer makes with the README open: each is one line that says what was given and what is expected,
// exit 2, and nothing written.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('newcomer-');

describe('a newcomer\'s mistakes', () => {
  it('a scenario or twin file given to calibrate is said to be one, not read as a malformed CSV', async () => {
    for (const file of ['scenarios/user-driven-entra.yaml', 'twin.yml']) {
      const r = await cli('calibrate', file, '--check');
      expect(r.code, file).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim()).toBe(`autopilot-sim: ${file}: a YAML file (a scenario, a fleet or a twin); calibrate reads Microsoft Graph's autopilotEvents exports, JSON or CSV`);
    }
  });

  it('an empty path (a shell variable left unset: run "$FLEET") says so, where it read \'autopilot-sim: : file not found\'', async () => {
    for (const [command, said] of [
      ['run', 'file: expected a path or a bundled name from `autopilot-sim scenarios`, got "" (an empty one)'],
      ['simulate', 'file: expected a path or a bundled name from `autopilot-sim scenarios`, got "" (an empty one)'],
      ['calibrate', 'file: expected an export file\'s path, got "" (an empty one)'],
    ] as const) {
      const r = await cli(command, '');
      expect(r.code, command).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim()).toBe(`autopilot-sim: ${said}`);
    }
  });

  it("a misspelt setting in sweep's --vary is named as it was typed, not by the fleet's path inside autopilot-sim", async () => {
    for (const [file, vary, said] of [
      ['user-driven-entra', 'app=4..24:4', 'autopilot-sim: --vary app=4..24:4: app: unknown field (did you mean "apps"?)'],
      ['fleets/branch-rollout', 'esp.timeoutMinute=30,60', 'autopilot-sim: --vary esp.timeoutMinute=30,60: esp.timeoutMinute: unknown field (did you mean "timeoutMinutes"?)'],
      ['fleets/branch-rollout', 'esp.timeoutMinutes=-5,60', 'autopilot-sim: --vary esp.timeoutMinutes=-5: esp.timeoutMinutes: expected >= 1, got -5'],
    ] as const) {
      const r = await cli('sweep', file, '--vary', vary, '--devices', '50');
      expect(r.code, vary).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim()).toBe(said);
    }
  });

  it('a fleet written from the schema alone: each mistake names the file, its line, the field as typed and what to write', async () => {
    for (const [name, text, said] of [
      // A scenario file runs as a fleet of one group: its field was 'environment.scenario', with no line.
      ['scenario.yaml', 'name: Laptops\nscenario: device-prep\n', 'scenario.yaml:2: scenario: expected one of "user-driven", "pre-provisioned", "self-deploying", "existing-devices", "reset", "device-preparation", got "device-prep": did you mean "device-preparation"?'],
      // A group's site weights as a list, its variations as a list: 'expected record', the schema library's word.
      ['sites.yaml', 'sites: [{ name: HQ }]\ngroups:\n  - { name: A, count: 10, sites: [HQ] }\n', 'sites.yaml:3: groups[0].sites: expected a mapping of site names to weights, such as {Head office: 3, Branch A: 1}, got a list of 1'],
      ['vary.yaml', 'groups:\n  - name: A\n    count: 10\n    vary:\n      - { share: 0.1, environment: { hardware: { kind: vm } } }\n', "vary.yaml:5: groups[0].vary: expected a mapping of dimension names to lists of variations, such as {tpm: [{share: 0.1, environment: {hardware: {tpm: '1.2'}}}]}, got a list of 1"],
      // A variation's setting written beside its share, not under environment: 'not a known field here', and the
      // environment left out read 'expected record', as if it had a wrong value; then 'environment: missing', where the
      // field written beside the share says what to do.
      ['option.yaml', 'groups:\n  - name: A\n    count: 10\n    vary:\n      tpm:\n        - { share: 0.1, hardware: { tpm: "1.2" } }\n', 'option.yaml:6: groups[0].vary.tpm[0].hardware: unknown field (did you mean "environment.hardware"?)'],
      // A count in quotes, as 1.2 must be.
      ['count.yaml', 'groups:\n  - { name: A, count: "300" }\n', 'count.yaml:2: groups[0].count: expected number, got "300" (text): write 300 without quotes'],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const r = await cli('run', file, '--devices', '5');
      expect(r.code, name).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim()).toBe(`autopilot-sim: ${join(dir, said)}`);
    }
    // validate lists the rest of that file: the setting is named where it belongs.
    const r = await cli('validate', join(dir, 'option.yaml'));
    expect(r.err).toContain('option.yaml:6: groups[0].vary.tpm[0].hardware: unknown field (did you mean "environment.hardware"?)');
  });

  it('a name left empty is said to be empty text, not a number below its bound', async () => {
    writeFileSync(join(dir, 'empty-name.yaml'), 'name: Fleet\nsites:\n  - { name: "" }\n');
    const r = await cli('validate', join(dir, 'empty-name.yaml'));
    expect(r.code).toBe(2);
    // It read 'sites[0].name: expected >= 1, got ""'.
    expect(r.err).toContain('empty-name.yaml:3: sites[0].name: expected a non-empty string, got ""');
  });
});

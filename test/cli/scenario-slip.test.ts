// A scenario name that is a slip is named with the one meant, wherever a scenario is read: `compare --scenarios
// user-driven,self-deploy` said only "expected two of ...", three edits from self-deploying but its beginning, and a
// fleet or scenario file's `scenario: self-deploy` (or a group's 'preprovisioned', one edit away) listed the six and
// suggested none. The rule is spelling.ts's: closest (case, two edits), or the one scenario it begins (three letters or more).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { meant } from '../../src/environment/spelling.ts';
import { SCENARIOS } from '../../src/environment/schema.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('scenario-slip-');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('a slip of a scenario name', () => {
  it('the rule: a prefix of exactly one, or within the usual edits', () => {
    expect(meant('self-deploy', SCENARIOS)).toBe('self-deploying');
    expect(meant('preprovisioned', SCENARIOS)).toBe('pre-provisioned');
    expect(meant('user', SCENARIOS)).toBe('user-driven');
    expect(meant('Device-Prep', SCENARIOS)).toBe('device-preparation');
    expect(meant('se', SCENARIOS)).toBeUndefined();
    expect(meant('kiosk', SCENARIOS)).toBeUndefined();
  });

  it("compare's --scenarios", async () => {
    const r = await cli('compare', 'user-driven-entra', '--scenarios', 'user-driven,self-deploy');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--scenarios: no scenario "self-deploy": did you mean self-deploying?');
  });

  it("a fleet file's, a group's and a scenario file's scenario, and sweep's --vary scenario=", async () => {
    const fleet = await cli('run', file('fleet.yaml', 'scenario: self-deploy\ndevices: 5\n'));
    expect(fleet.code).toBe(2);
    expect(fleet.err).toContain('got "self-deploy": did you mean "self-deploying"?');
    const group = await cli('run', file('group.yaml', 'groups:\n  - name: A\n    count: 3\n    environment: { scenario: preprovisioned }\n'));
    expect(group.code).toBe(2);
    expect(group.err).toContain('groups[0].environment.scenario: expected one of');
    expect(group.err).toContain('got "preprovisioned": did you mean "pre-provisioned"?');
    const scenario = await cli('simulate', file('scenario.yaml', 'scenario: device-prep\n'));
    expect(scenario.code).toBe(2);
    expect(scenario.err).toContain('got "device-prep": did you mean "device-preparation"?');
    const sweep = await cli('sweep', 'user-driven-entra', '--vary', 'scenario=user-driven,self-deploy', '--devices', '5');
    expect(sweep.code).toBe(2);
    expect(sweep.err).toContain('got "self-deploy": did you mean "self-deploying"?');
  });

  it("diagram's scenario", async () => {
    const r = await cli('diagram', 'self-deploy');
    expect(r.code).toBe(2);
    expect(r.err).toContain('got "self-deploy": did you mean self-deploying?');
  });
});

// Two apps of one name in one environment: the ESP tracks, selects (esp.selectedApps) and reports apps by name, so the
// second made the selection and the report ambiguous, and was taken silently. It is an input error naming the file, the
// field, its line and the first app of that name, in a scenario file and in any environment of a fleet file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('duplicate-apps-');
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('two apps of one name', () => {
  it('stop a scenario file with the field, its line and the first app of that name (exit 2)', async () => {
    const file = write(
      'scenario.yaml',
      ['scenario: user-driven', 'apps:', '  - { name: Company Portal, type: store }', '  - { name: Teams, type: win32 }', '  - { name: Company Portal, type: win32 }', ''].join('\n'),
    );
    const r = await cli('simulate', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:5: apps[2].name: expected a unique app name, "Company Portal" is apps[0]'s too`);
  });

  it("stop a fleet file at the environment that lists them, in run and recommend", async () => {
    const file = write(
      'fleet.yaml',
      ['name: Offices', 'scenario: user-driven', 'sites: [{ name: HQ, share: 1 }]', 'groups:', '  - name: Laptops', '    weight: 1', '    environment:', '      apps:', '        - { name: Teams, type: win32 }', '        - { name: Teams, type: win32 }', ''].join('\n'),
    );
    for (const command of ['run', 'recommend']) {
      const r = await cli(command, file);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`${file}:10: groups[0].environment.apps[1].name: expected a unique app name, "Teams" is apps[0]'s too`);
    }
  });

  it('leave apps whose names differ only in case alone', async () => {
    const file = write('case.yaml', ['apps:', '  - { name: teams, type: win32 }', '  - { name: Teams, type: win32 }', ''].join('\n'));
    expect((await cli('simulate', file)).code).toBe(0);
  });
});

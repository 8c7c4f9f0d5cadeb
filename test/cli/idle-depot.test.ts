// A depot (groups[].technicianSite) beside devices that never run pre-provisioning, the one flow with a technician,
// carries none of their downloads: run says so. It said nothing, and the depot (rightly not warned of as a site without
// devices) looked used.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('idle-depot-');
const file = (name: string, scenario: string) => {
  const path = join(dir, name);
  writeFileSync(path, `scenario: ${scenario}\nenvironment: { profile: { allowPreProvisioning: true } }\nsites:\n  - { name: Depot, bandwidthMbps: 500 }\n  - { name: Branch, bandwidthMbps: 100 }\ngroups:\n  - { name: Engineers, count: 20, technicianSite: Depot, sites: { Branch: 1 } }\n`);
  return path;
};

describe('a depot beside devices without a technician flow', () => {
  it('run notes it on standard error, naming the group, the depot and the flow its devices run; the report is unchanged', async () => {
    const r = await cli('run', file('ud.yaml', 'user-driven'), '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('note: "Engineers" names Depot as its technicianSite, but its devices run user-driven, which has no technician flow: Depot carries none of their downloads (it does where pre-provisioned runs: environment.scenario, or recommend and compare --scenarios).');
    expect(JSON.parse(r.out).devices).toBe(20);
  });

  it('pre-provisioned devices use their depot: no note', async () => {
    const r = await cli('run', file('pp.yaml', 'pre-provisioned'), '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });
});

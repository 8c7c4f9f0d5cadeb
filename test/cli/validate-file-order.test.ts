// validate lists a file's problems in the file's order: validation finds them kind by kind (the schema's, then the
// sites', then the groups'), and a fleet file of six slips read lines 8, 19, 5, 13, 22, 23.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const FLEET = `name: Slips
environment:
  profile: { joinType: entra }
  bandwidthMbps: 100
sites:
  - { name: Main campus, share: 0.7 }
  - { name: North, share: 0.3, bandwidthMbps: "200 Mbps" }
groups:
  - name: Staff laptops
    count: 100
    environment: { profile: { joinType: entra-id } }
  - name: Labs
    count: 50
    vary:
      tpm:
        - { share: 1.2, environment: { hardware: { tpm: "1.2" } } }
  - name: Kiosks
    count: 10
    sites: { Main Campus: 1 }
  - name: Staff laptops
    count: 5
`;

it("validate gives a file's problems in the order of their lines, each its own line, exit 2", async () => {
  const path = join(tempDir('validate-order-'), 'slips.yaml');
  writeFileSync(path, FLEET);
  const r = await cli('validate', path);
  expect(r.code).toBe(2);
  const lines = r.err.trim().split('\n').filter((l) => l.startsWith('invalid'));
  const numbers = lines.map((l) => Number(/slips\.yaml:(\d+):/.exec(l)?.[1]));
  expect(numbers.length).toBeGreaterThanOrEqual(5);
  expect(numbers.every((n) => n > 0)).toBe(true);
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
});

// An alias with no anchor of its name above it, in a fleet file that shares its sites' fields with anchors and merge keys
// (52 hospitals and clinics, `- { name: Hospital 02, <<: *hospital }`): a slip, *hospitl, read 'expected valid YAML
// (Merge sources must be maps or map aliases)', with no line, no field and the wrong cause; written as a value,
// 'Unresolved alias (the anchor must be set before the alias): b', no line either. Now exit 2, one line with the file,
// line, the field that writes the alias, what was expected and the anchor meant; nothing written.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('yaml-alias-slip-');
const file = (name: string, text: string) => {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, text);
  return path;
};
const HOSPITALS = 'sites:\n  - &hospital { name: Hospital 01, bandwidthMbps: 500 }\n  - &clinic { name: Clinic 01, bandwidthMbps: 10 }\n';

describe('an alias with no anchor of its name above it', () => {
  for (const [name, text, said] of [
    ['merge', `${HOSPITALS}  - { name: Hospital 02, <<: *hospitl }\n`, ':4: sites[2]: expected an alias naming an anchor set above it (&name on the first item, *name after), got *hospitl: did you mean *hospital? (the anchors above it: &hospital, &clinic)'],
    ['value', `${HOSPITALS}  - { name: Clinic 02, bandwidthMbps: *clinc }\n`, ':4: sites[2].bandwidthMbps: expected an alias naming an anchor set above it (&name on the first item, *name after), got *clinc: did you mean *clinic? (the anchors above it: &hospital, &clinic)'],
    ['below', 'sites:\n  - { name: Hospital 02, <<: *hospital }\n  - &hospital { name: Hospital 01, bandwidthMbps: 500 }\n', ':2: sites[0]: expected an alias naming an anchor set above it (&name on the first item, *name after), got *hospital (no anchor is set above it)'],
  ] as const) {
    it(`${name}: exit 2, one line naming the file, line, field, what was expected and the anchor; nothing written`, async () => {
      const path = file(name, text);
      const html = join(dir, `${name}.html`);
      for (const argv of [
        ['run', path, '--html', html],
        ['validate', path],
      ]) {
        const r = await cli(...argv);
        expect(r.code, argv.join(' ')).toBe(2);
        expect(r.err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
        expect(r.err.trim(), argv.join(' ')).toContain(`${path}${said}`);
        expect(existsSync(html)).toBe(false);
      }
    });
  }

  it('an anchor used below it as the docs write it still loads', async () => {
    const r = await cli('validate', file('fine', `${HOSPITALS}  - { name: Hospital 02, <<: *hospital }\n  - { name: Clinic 02, <<: *clinic }\n`));
    expect(r.code).toBe(0);
  });
});

// Time to desktop counts the devices that succeeded: where few did, run says how few, in the terminal and in Markdown. A
// run where 5 devices of 2,000 succeeded printed p50 47.8 and p90 56.8 minutes with nothing to tell them from a fleet's
// typical times.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('few-succeeded-');
/** Self-deploying kiosks, nearly all of them VMs (which cannot attest): a few physical ones succeed. */
const kiosks = (vmShare: number) => {
  const path = join(dir, `kiosks-${vmShare}.yaml`);
  writeFileSync(path, `scenario: self-deploying\ndevices: 400\ngroups:\n  - name: Kiosks\n    vary:\n      vm:\n        - { share: ${vmShare}, environment: { hardware: { kind: vm } } }\n`);
  return path;
};

describe('time to desktop from few devices', () => {
  it('says how few succeeded, in the terminal and in Markdown; not where enough did, nor where none did', async () => {
    const few = await cli('run', kiosks(0.98), '--json');
    const succeeded = JSON.parse(few.out).succeeded as number;
    expect(succeeded).toBeGreaterThan(0);
    expect(succeeded).toBeLessThan(30);
    const note = `These times are of the ${succeeded} device${succeeded === 1 ? '' : 's'} of 400 that succeeded: too few to stand for the fleet.`;
    for (const format of [[], ['--markdown']]) {
      const r = await cli('run', kiosks(0.98), ...format);
      expect(r.code).toBe(0);
      expect(r.out.split('\n')).toContain(note);
    }
    expect((await cli('run', kiosks(0.5))).out).not.toContain('too few to stand for the fleet');
    expect((await cli('run', kiosks(1))).out).not.toContain('too few to stand for the fleet');
  });
});

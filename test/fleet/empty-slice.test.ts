// A group or site that drew no device has no evidence about its success: the reports said 0.0% (95% CI 0.0%–0.0%), as
// sure as a thousand failures. Its interval is now every rate, and the tables show a dash.
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { cli } from '../helpers/cli.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp.ts';

const fleet = { name: 'Zero', scenario: 'user-driven' as const, groups: [{ name: 'Big', weight: 1000 }, { name: 'Tiny', weight: 1 }] };

describe('a group with no device', () => {
  it('has an interval of 0 to 1, not 0 to 0', async () => {
    const r = await runFleet(fleet, { devices: 50 });
    const tiny = r.groups.find((g) => g.name === 'Tiny')!;
    expect(tiny.devices).toBe(0);
    expect(tiny.successInterval95).toEqual([0, 1]);
  });

  it('shows a dash for its success in the terminal and in Markdown', async () => {
    const file = join(tempDir('empty-slice-'), 'zero.json');
    writeFileSync(file, JSON.stringify(fleet));
    for (const format of [[], ['--markdown']]) {
      const out = (await cli('run', file, '--devices', '50', ...format)).out;
      const row = out.split('\n').find((l) => l.includes('Tiny'))!;
      expect(row, out).not.toContain('0.0%');
      expect(row.replace(/[│|]/g, ' ').split(/\s+/).filter(Boolean).slice(0, 4)).toEqual(['Tiny', '0', '–', '–']);
    }
  });
});

// run's warning when under 80% succeed gives the error catalogue's documented fix for the failure that dominates: it
// named the failure alone ('the top failure mode is VM_MDM_PREPARATION ... (80 devices).'), the remedy the catalogue
// holds for it (src/catalog/errors.ts) left to the studio's panels.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookup } from '../../src/catalog/errors.ts';
import { loadFleet, runFleet } from '../../src/fleet/index.ts';
import { cli } from '../helpers/cli.ts';

describe("run's low-success warning", () => {
  it('gives the catalogue\'s fix for the top failure mode, in --json, the terminal, --markdown and --html', async () => {
    for (const [file, code] of [
      ['fleets/vdi-small-vms', 'VM_MDM_PREPARATION'],
      ['fleets/engineering-tight-esp', 'ESP_TIMEOUT'],
    ] as const) {
      const report = await runFleet(loadFleet(file), { devices: 300 });
      expect(report.failures[0]!.code).toBe(code);
      const fix = `Documented fix: ${lookup(code)!.remedy}`;
      expect(fix.length).toBeGreaterThan('Documented fix: '.length);
      const low = report.warnings.find((w) => w.kind === 'low-success')!;
      expect(low.text).toMatch(new RegExp(`the top failure mode is ${code} .*\\(\\d+ devices\\)\\. ${fix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      const page = join(mkdtempSync(join(tmpdir(), 'low-success-')), 'run.html');
      const outs = [(await cli('run', file, '--devices', '300')).out, (await cli('run', file, '--devices', '300', '--markdown')).out];
      expect((await cli('run', file, '--devices', '300', '--html', page)).code).toBe(0);
      outs.push(readFileSync(page, 'utf8').replaceAll('&quot;', '"').replaceAll('&#39;', "'"));
      for (const out of outs) expect(out.replace(/\s+/g, ' ')).toContain(fix);
    }
  });

  it('says no fix where every device succeeds', async () => {
    const report = await runFleet(loadFleet('fleets/new-laptops'), { devices: 100 });
    expect(report.warnings.some((w) => w.text.includes('Documented fix'))).toBe(false);
  });
});

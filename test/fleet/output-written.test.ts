// An output option's file is named on standard error once written, after the report: 'run --html report.html' printed the
// report and not a word of the file (nor did --csv, compare, sweep or recommend), so a user went looking for it.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, processRun } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('output-written-');
const kb = (path: string) => {
  const bytes = statSync(path).size;
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`;
};

describe('a file an output option writes', () => {
  it('run names the HTML and the CSV it wrote, with their sizes, on standard error; the JSON on standard output is untouched', async () => {
    const html = join(dir, 'run.html');
    const csv = join(dir, 'run.csv');
    const r = await cli('run', 'fleets/branch-rollout', '--devices', '60', '--json', '--html', html, '--csv', csv);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe(`wrote ${csv} (${kb(csv)})\nwrote ${html} (${kb(html)})`);
    expect(() => JSON.parse(r.out)).not.toThrow();
  });

  it('compare, sweep and recommend name theirs too', async () => {
    for (const [command, ...args] of [
      ['compare', 'fleets/new-laptops', '--scenarios', 'user-driven,pre-provisioned'],
      ['sweep', 'fleets/new-laptops', '--vary', 'apps=4,8'],
      ['recommend', 'fleets/new-laptops'],
    ]) {
      const html = join(dir, `${command}.html`);
      const csv = join(dir, `${command}.csv`);
      const r = await cli(command!, ...args, '--devices', '60', '--html', html, '--csv', csv);
      expect(r.code, r.err).toBe(0);
      expect(r.err, command).toContain(`wrote ${html} (${kb(html)})`);
      expect(r.err, command).toContain(`wrote ${csv} (${kb(csv)})`);
    }
  });

  // calibrate's --output, --overlay and --html, and diagram's --output, wrote their files without a word: a user of
  // 'calibrate events.csv -o twin.yaml' saw the fit's summary and looked for the twin.
  it('calibrate and diagram name theirs too, in the same words', async () => {
    const twin = join(dir, 'twin.yaml');
    const overlay = join(dir, 'overlay.yaml');
    const html = join(dir, 'fit.html');
    const c = await cli('calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', '--segment', 'user-driven/entra', '-o', twin, '--overlay', overlay, '--html', html);
    expect(c.code, c.err).toBe(0);
    expect(c.err).toBe(`wrote ${twin} (${kb(twin)})\nwrote ${overlay} (${kb(overlay)})\nwrote ${html} (${kb(html)})`);
    const svg = join(dir, 'esp.svg');
    const d = await cli('diagram', 'user-driven', '--format', 'svg', '--state', 'deviceEsp', '-o', svg);
    expect(d.code, d.err).toBe(0);
    expect(d.err).toBe(`wrote ${svg} (${kb(svg)})`);
    expect(d.out).toBe('');
  });

  // In a process of its own: `-` is file descriptor 1, which in this process is the test runner's, where the 30 devices'
  // CSV was printed among the tests' results.
  it('standard output (-) is not named: the report itself went there', async () => {
    const r = await processRun(['run', 'fleets/new-laptops', '--devices', '30', '--csv', '-']);
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n').filter((l) => /^\d+,/.test(l))).toHaveLength(30);
    expect(r.err).not.toContain('wrote');
  });
});

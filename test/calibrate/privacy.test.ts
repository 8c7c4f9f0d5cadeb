// Privacy: a calibration's outputs hold aggregates only. Every output of a calibration (the twin,
// the overlay, the terminal, Markdown, JSON and HTML reports, the YAML on stdout, and stderr) is searched
// for every serial number, user principal name, device name and id of its input.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IDENTIFIERS } from '../../src/calibrate/graph.ts';
import { readExport } from '../../src/calibrate/read.ts';
import { writeSynthetic } from '../../src/calibrate/synthetic.ts';
import { SAMPLE } from '../../src/calibrate/sample.ts';
import { renderCalibration, renderCalibrationMarkdown } from '../../src/calibrate/report.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

describe('privacy', () => {
  it('no identifier of the export appears in any output', { timeout: 240_000 }, async () => {
    const dir = tempDir('calibrate-privacy-');
    const json = writeSynthetic(dir, { ...SAMPLE, seed: 99, pageSize: 150, prefix: 'pages' });
    const csv = writeSynthetic(dir, { ...SAMPLE, seed: 98, format: 'csv', prefix: 'export' });
    const inputs = [...json.files, ...csv.files];
    const identifiers = new Set<string>();
    for (const f of inputs) {
      await readExport(f, (e) => {
        for (const k of IDENTIFIERS) if (typeof e[k] === 'string' && e[k] !== '') identifiers.add(e[k] as string);
      });
    }
    expect(identifiers.size).toBeGreaterThan(1000);
    const outputs: Array<[string, string]> = [];
    // Every format once, the backtest in each (fewer runs keep the test quick).
    const runs: string[][] = [
      ['--check', '--html', join(dir, 'report.html'), '-o', join(dir, 'twin2.yaml'), '--json'],
      ['--segment', 'user-driven/hybrid', '-o', join(dir, 'twin3.yaml'), '--overlay', join(dir, 'overlay.yaml'), '--check'],
    ];
    for (const extra of runs) {
      const r = await cli('calibrate', ...inputs, ...extra);
      expect(r.code, r.err).toBe(0);
      outputs.push([`stdout of ${extra.join(' ')}`, r.out], [`stderr of ${extra.join(' ')}`, r.err]);
    }
    for (const f of ['twin2.yaml', 'twin3.yaml', 'overlay.yaml', 'report.html']) outputs.push([f, readFileSync(join(dir, f), 'utf8')]);
    // Markdown and the terminal from the same report (the YAML on stdout is twin2.yaml's text).
    const report = JSON.parse(outputs[0]![1]);
    outputs.push(['stdout of --check --markdown', renderCalibrationMarkdown(report)], ['terminal', renderCalibration(report)]);
    // The formats carry the backtest: JSON with its segments, Markdown tables, HTML with observed bars and a simulated line per duration.
    const jsonCheck = JSON.parse(outputs.find(([n]) => n.startsWith('stdout of --check --html'))![1]);
    expect(jsonCheck.backtest.segments.map((x: { segment: string }) => x.segment)).toEqual(['user-driven/entra', 'user-driven/hybrid', 'self-deploying/entra']);
    expect(outputs.find(([n]) => n === 'stdout of --check --markdown')![1]).toMatch(/\| user-driven\/entra \| device setup \| [\d.]+ \/ [\d.]+ \/ [\d.]+ \|/);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html.match(/<path d="M[^"]+" class="sim"\/>/g)?.length).toBe(8);
    expect(html).toContain('class="obs"');
    // Every output is looked at: none is empty but stderr.
    expect(outputs.filter(([name, text]) => !name.startsWith('stderr') && text.length < 200)).toEqual([]);
    const leaks: string[] = [];
    for (const [name, text] of outputs) {
      const lower = text.toLowerCase();
      for (const id of identifiers) if (lower.includes(id.toLowerCase())) leaks.push(`${name}: ${id}`);
      // The made-up identifiers' shapes, in case an identifier was cut or changed on its way out.
      if (/SYNTHETIC-\d|SYN-PC-|synthetic\.example\.invalid/i.test(text)) leaks.push(`${name}: an identifier's pattern`);
    }
    expect(leaks).toEqual([]);
  });

  it("the device preparation report's device names, serial numbers and users appear in no output, not even an error's", { timeout: 120_000 }, async () => {
    const dir = tempDir('calibrate-privacy-apdp-');
    const rows = ['"Device name","Enrollment date","Deployment status","Phase","Serial number","Deployment time","UPN"'];
    const identifiers: string[] = [];
    for (let i = 0; i < 120; i++) {
      const ok = i % 12 !== 0;
      const id = [`CONTOSO-LT-${4000 + i}`, `PF3X${String(i).padStart(4, '0')}`, `pat.doe${i}@contoso.example`];
      identifiers.push(...id);
      rows.push([id[0], `11/${1 + (i % 28)}/2026 8:${String(i % 60).padStart(2, '0')}:00 AM`, ok ? 'Success' : 'Failed', ok ? 'Completed' : 'Apps installation', id[1], ok ? `${20 + (i % 17)} min ${i % 60} sec` : 'In progress', id[2]].map((x) => `"${x}"`).join(','));
    }
    const file = join(dir, 'DevicePreparationDeployments.csv');
    writeFileSync(file, `${rows.join('\r\n')}\r\n`);
    // Columns shifted in one row: the serial number where Deployment time is; and a status no report writes.
    const shifted = join(dir, 'Shifted.csv');
    writeFileSync(shifted, `${rows[0]}\r\n"CONTOSO-LT-9","11/1/2026","Success","Completed","PF3X9999","PF3X9999","pat.doe9@contoso.example"\r\n`);
    identifiers.push('PF3X9999');
    const outputs: Array<[string, string]> = [];
    for (const extra of [['--check', '--json', '--html', join(dir, 'report.html'), '-o', join(dir, 'twin.yaml')], ['--check', '--markdown', '--overlay', join(dir, 'overlay.yaml')], ['--check']]) {
      const r = await cli('calibrate', file, ...extra);
      expect(r.code, r.err).toBe(0);
      outputs.push([`stdout of ${extra.join(' ')}`, r.out], [`stderr of ${extra.join(' ')}`, r.err]);
    }
    for (const f of ['twin.yaml', 'overlay.yaml', 'report.html']) outputs.push([f, readFileSync(join(dir, f), 'utf8')]);
    const bad = await cli('calibrate', shifted);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Shifted\.csv:2: record 1: Deployment time: expected a time such as "12 min 30 sec", "00:12:30" or minutes as a number, got other text/);
    outputs.push(['stderr of the shifted row', bad.err]);
    expect(outputs.filter(([name, text]) => !name.startsWith('stderr') && text.length < 200)).toEqual([]);
    const leaks: string[] = [];
    for (const [name, text] of outputs) for (const id of identifiers) if (text.toLowerCase().includes(id.toLowerCase())) leaks.push(`${name}: ${id}`);
    expect(leaks).toEqual([]);
  });
});

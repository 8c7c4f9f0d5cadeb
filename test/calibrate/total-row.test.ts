// An export whose only rows are a total or summary line (Excel's Total Row, a report's count): beside another export it was
// counted as one unusable event and the twin written, exit 0; alone it was said to be another Graph resource ("none of the
// file's 1 record has one [an enrollmentType], so it is another export (the device list ...)").
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROPERTIES } from '../../src/calibrate/graph.ts';
import { csvOf, successes } from './events.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('calibrate-total-row-');
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

const HEADER = PROPERTIES.map((p) => `"${p}"`).join(',');
/** A row with `cells` at the given columns, the others empty. */
const row = (cells: Record<number, string>) => PROPERTIES.map((_, i) => `"${cells[i] ?? ''}"`).join(',');

const tenant = write('tenant.csv', csvOf(successes(60)));
const APDP = '"Device name","Enrollment date","Deployment status","Phase","Serial number","Deployment time","UPN"';

const cases: Array<[string, string]> = [
  ['excel-total.csv', `${HEADER}\r\n${row({ 0: 'Total' })}\r\n`],
  ['summary-count.csv', `${HEADER}\r\n${row({ 6: 'Total', 14: '0' })}\r\n`],
  ['apdp-total.csv', `${APDP}\r\n"Total: 0","","","","","",""\r\n`],
];

describe('an export whose only rows are a total line', () => {
  for (const [name, text] of cases) {
    it(`${name}: exit 2, one line naming the file and saying no deployment rows were found, alone or beside another export`, async () => {
      const f = write(name, text);
      for (const argv of [[f], [tenant, f], [tenant, f, '-o', join(dir, `${name}.yaml`)]]) {
        const r = await cli('calibrate', ...argv);
        expect(r.code).toBe(2);
        expect(r.out).toBe('');
        expect(r.err.trim().split('\n')).toHaveLength(1);
        expect(r.err).toContain(`${f}:2: record 1: expected deployment rows below the header, got one row, a total or summary line`);
        expect(r.err).toContain('no deployment rows were found');
      }
    });
  }

  // Below deployment rows a total line was counted as one event not used ('1 enrollment type missing'), or, shorter than the
  // header ("Total;812") or with a sum under a duration, refused with exit 2 though every deployment above it was readable.
  // Now it is skipped, and the report, --json and the twin say so with its line.
  const below: Array<[string, string, string]> = [
    ['Excel\'s Total Row, its label alone', 'total-label.csv', row({ 0: 'Total' })],
    ['German Excel\'s Total Row ("Ergebnis") with a count under the last column', 'ergebnis.csv', row({ 0: 'Ergebnis', [PROPERTIES.length - 1]: '60' })],
    ['a sum under a duration', 'total-sum.csv', row({ 0: 'Total', 20: '1000' })],
    ['a short line typed under the data', 'total-short.csv', '"Total","60"'],
    ['a count alone', 'count-short.csv', '60'],
  ];
  for (const [what, name, line] of below) {
    it(`${what}, below deployment rows: skipped and said so, not counted (exit 0)`, async () => {
      const f = write(name, `${csvOf(successes(60))}${line}\r\n`);
      const r = await cli('calibrate', f, '--json');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out);
      expect([json.events, json.usable, json.unusable]).toEqual([60, 60, []]);
      expect(json.totalLines.lines).toBe(1);
      expect(json.totalLines.note).toContain(`a total or summary line below the deployment rows (${name}:62;`);
      const yaml = join(dir, `${name}.yaml`);
      const t = await cli('calibrate', f, '-o', yaml);
      expect(t.code).toBe(0);
      expect(t.out).toMatch(/Skipped: a total or summary line below the deployment rows/);
      expect(readFileSync(yaml, 'utf8')).toContain(`# Skipped: a total or summary line below the deployment rows (${name}:62;`);
    });
  }

  it('a row cut short below deployment rows is still refused, naming the column it stops before', async () => {
    const [first] = successes(1);
    const f = write('cut.csv', `${csvOf(successes(60))}"${first!.id}","${first!.deviceId}"\r\n`);
    const r = await cli('calibrate', f);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(new RegExp(`^autopilot-sim: ${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:62: record 61: userId: expected a cell in each of the header's ${PROPERTIES.length} columns, got 2: the row ends before this column`));
  });
});

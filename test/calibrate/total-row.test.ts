// An export whose only rows are a total or summary line (Excel's Total Row, a report's count): beside another export it was
// counted as one unusable event and the twin written, exit 0; alone it was said to be another Graph resource ("none of the
// file's 1 record has one [an enrollmentType], so it is another export (the device list ...)").
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROPERTIES } from '../../src/calibrate/graph.ts';
import { csvOf, successes } from './events.ts';
import { cli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'calibrate-total-row-'));
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

  it('a total line below deployment rows is still read with them (exit 0)', async () => {
    const f = write('with-total.csv', `${csvOf(successes(60))}${row({ 0: 'Total' })}\r\n`);
    const r = await cli('calibrate', f, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).usable).toBe(60);
  });
});

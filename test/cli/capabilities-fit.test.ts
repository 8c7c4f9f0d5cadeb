// `capabilities` and `coverage --spec` on a terminal fit it: the capability table was 178 columns wide and the spec matrix
// 157 at any width, so an 80-, 100- or 120-column terminal wrapped every row. Piped, both are the tables as they were.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { checkMatrix } from '../../src/spec/check.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function output(args: string[], columns: number | undefined): Promise<string[]> {
  const out: string[] = [];
  await run(args, { out: (s) => out.push(s), err: () => {}, columns });
  return plain(out.join('\n')).split('\n');
}

describe('capabilities on a terminal', () => {
  it('fits 80, 100 and 120 columns, every cell whole; piped, the table whole (over 170 columns)', async () => {
    for (const columns of [80, 100, 120]) {
      const lines = await output(['capabilities', '--runs', '5'], columns);
      for (const l of lines) {
        expect(l.length, `${columns}: ${l}`).toBeLessThanOrEqual(columns);
        expect(l, `${columns}: ${l}`).not.toContain('…');
      }
      const text = lines.join('\n');
      // Every scenario's heading, and a cell Microsoft's table disagrees on (five runs a variant leave one or two), read whole wherever they are.
      for (const word of ['Pre-provisioned', 'Self-deploying', 'preparation', 'Technician', 'Microsoft:']) expect(text, `${columns}`).toContain(word);
    }
    const at80 = (await output(['capabilities', '--runs', '5'], 80)).join('\n');
    // Under the table's narrowest (its longest words), a capability a line, each scenario's cell whole after it.
    expect(at80).toMatch(/^Deployment requires interaction by user\n {2}User-driven: Yes ✓ · /m);
    // Which cell five runs get wrong depends on the model's draws (it was self-deploying's, then existing devices'): any reads whole.
    expect(at80).toMatch(/(User-driven|Pre-provisioned|Self-deploying|Existing devices|Reset|Device preparation †): [A-Za-z ()]+ ✗ \(Microsoft: [A-Za-z ]+\)/);
    // Piped: the table whole, not folded (its width follows the cells five runs derive: 178 columns, 194 where a variant's cell reads 'varies (…)').
    const piped = await output(['capabilities', '--runs', '5'], undefined);
    const rows = piped.filter((l) => /^[┌│├└]/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(19);
    expect(rows[0]!.length).toBeGreaterThan(170);
    for (const l of rows) expect(l.length, l).toBe(rows[0]!.length);
  });
});

describe('coverage --spec on a terminal', () => {
  it('fits 80, 100 and 120 columns, each state named whole (folded after a dot); piped, the 157-column matrix', async () => {
    const report = checkMatrix();
    const states = report.items.flatMap((c) => c.item.states ?? []);
    const longest = states.reduce((a, s) => (s.length > a.length ? s : a), '');
    for (const columns of [80, 100, 120]) {
      const lines = await output(['coverage', '--spec'], columns);
      for (const l of lines) expect(l.length, `${columns}: ${l}`).toBeLessThanOrEqual(columns);
      const joined = lines.join('\n').replace(/\.\n +/g, '.');
      expect(joined).toContain(longest);
      for (const c of report.items.slice(0, 40)) expect(joined).toContain(c.item.id);
      expect(joined).toMatch(/Failure exits modelled: \d+ of \d+ in scope/);
    }
    const piped = await output(['coverage', '--spec'], undefined);
    expect(piped[0]!.length).toBe(157);
  });
});

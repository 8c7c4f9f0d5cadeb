// capabilities and coverage: the model checked against Microsoft's table, and its own coverage.
import { coverage } from '../../capabilities/coverage.ts';
import { deriveTable } from '../../capabilities/derive.ts';
import { capabilitiesMarkdown, capabilitiesTable, compareCells, coverageTable, extraCells } from '../../report/capabilities.ts';
import { wrap } from '../../format.ts';
import { EXIT, type Io } from '../io.ts';

export function capabilitiesCommand(io: Io, opts: { json?: boolean; markdown?: boolean; explain?: boolean; runs?: number; seed?: number }): number {
  const cells = deriveTable({ ...(opts.runs ? { runsPerVariant: opts.runs } : {}), ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
  const rows = compareCells(cells);
  const extra = extraCells(cells);
  // With --explain each object carries its derivation, as the terminal's lines under the table say it.
  const why = (c: { scenario: string; capability: string }) => cells.find((d) => d.scenario === c.scenario && d.capability === c.capability)!.why;
  if (opts.json) io.out(JSON.stringify([...rows, ...extra].map((c) => (opts.explain ? { ...c, why: why(c) } : c))));
  else if (opts.markdown) io.out(capabilitiesMarkdown(rows, extra));
  else {
    io.out(capabilitiesTable(rows, extra, { columns: io.columns }));
    const agreeing = rows.filter((r) => r.agrees).length;
    io.out(wrap(`${agreeing} of ${rows.length} cells derived from the machines agree with Microsoft's capability table.`, io.columns, 0));
    // On a terminal each reason folds at spaces under its first word (some ran to 390 characters, broken inside words).
    if (opts.explain) for (const c of cells) io.out(wrap(`- ${c.scenario} · ${c.capability}: ${c.derived}, because ${c.why}`, io.columns, 2));
  }
  return rows.every((r) => r.agrees) ? EXIT.ok : EXIT.problem;
}

export async function coverageCommand(io: Io, opts: { json?: boolean; seed?: number; spec?: boolean }): Promise<number> {
  if (opts.spec) {
    const { checkMatrix } = await import('../../spec/check.ts');
    const { specTable } = await import('../../report/spec.ts');
    const report = checkMatrix();
    io.out(opts.json ? JSON.stringify(report) : specTable(report, { columns: io.columns }));
    return report.items.every((c) => c.status !== 'broken' && c.status !== 'unmapped') ? EXIT.ok : EXIT.problem;
  }
  const result = coverage(opts.seed !== undefined ? { seed: opts.seed } : {});
  io.out(opts.json ? JSON.stringify(result) : coverageTable(result, { columns: io.columns }));
  return result.every((m) => m.unreachable.length === 0 && m.uncovered.length === 0) ? EXIT.ok : EXIT.problem;
}

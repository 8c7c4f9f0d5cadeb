// The capability table in the seed's layout: terminal, Markdown, JSON.
import Table from 'cli-table3';
import pc from 'picocolors';
import type { MachineCoverage } from '../capabilities/coverage.ts';
import type { DerivedCell } from '../capabilities/derive.ts';
import { CAPABILITIES, COLUMNS, MICROSOFT } from '../capabilities/table.ts';

export interface CellReport {
  scenario: string;
  capability: string;
  microsoft: string;
  derived: string;
  agrees: boolean;
}

export function compareCells(cells: DerivedCell[]): CellReport[] {
  return cells.map((c) => {
    const microsoft = MICROSOFT[c.capability][c.scenario];
    return { scenario: c.scenario, capability: c.capability, microsoft, derived: String(c.derived), agrees: microsoft === c.derived };
  });
}

const find = (rows: CellReport[], capability: string, scenario: string) => rows.find((r) => r.capability === capability && r.scenario === scenario)!;

export function capabilitiesTable(rows: CellReport[]): string {
  const table = new Table({ head: ['Scenario', ...COLUMNS.map((c) => c.heading)], style: { head: [], border: [] }, wordWrap: true });
  for (const capability of CAPABILITIES) {
    table.push([
      capability,
      ...COLUMNS.map(({ scenario }) => {
        const r = find(rows, capability, scenario);
        return r.agrees ? `${r.derived} ${pc.green('✓')}` : `${pc.red(`${r.derived} ✗`)}\n${pc.dim(`Microsoft: ${r.microsoft}`)}`;
      }),
    ]);
  }
  return table.toString();
}

export function capabilitiesMarkdown(rows: CellReport[]): string {
  const lines = [
    `| Scenario | ${COLUMNS.map((c) => `**${c.heading}**`).join(' | ')} |`,
    `| --- | ${COLUMNS.map(() => '---').join(' | ')} |`,
  ];
  for (const capability of CAPABILITIES) {
    const cells = COLUMNS.map(({ scenario }) => {
      const r = find(rows, capability, scenario);
      return r.agrees ? `${r.derived} ✅` : `${r.derived} ❌ (Microsoft: ${r.microsoft})`;
    });
    lines.push(`| **${capability}** | ${cells.join(' | ')} |`);
  }
  const agreeing = rows.filter((r) => r.agrees).length;
  lines.push('', `${agreeing} of ${rows.length} cells derived from the machines agree with Microsoft's table (✅ agrees, ❌ differs).`);
  return lines.join('\n');
}

export function coverageTable(machines: MachineCoverage[]): string {
  const table = new Table({ head: ['Machine', 'States covered', 'Transitions covered'], style: { head: [], border: [] } });
  for (const m of machines) {
    const frac = (c: { total: number; reachable: number; covered: number }) => {
      const text = `${c.covered} / ${c.total}${c.reachable < c.total ? ` (${c.total - c.reachable} unreachable)` : ''}`;
      return c.covered === c.total ? pc.green(text) : pc.red(text);
    };
    table.push([m.scenario, frac(m.states), frac(m.transitions)]);
  }
  const gaps = machines.flatMap((m) => [
    ...m.unreachable.map((x) => `${m.scenario}: unreachable in the model: ${x}`),
    ...m.uncovered.map((x) => `${m.scenario}: no generated environment reaches: ${x}`),
  ]);
  return [table.toString(), ...gaps.map((g) => pc.red(g))].join('\n');
}

// The capability table in the seed's layout: terminal, Markdown, JSON.
import Table from 'cli-table3';
import pc from 'picocolors';
import type { MachineCoverage } from '../capabilities/coverage.ts';
import type { DerivedCell } from '../capabilities/derive.ts';
import { CAPABILITIES, COLUMNS, EXTRA_COLUMNS, MICROSOFT, type TableScenario } from '../capabilities/table.ts';
import { tableWidths, wrap } from '../format.ts';
import { fitTable } from './table.ts';

export interface CellReport {
  scenario: string;
  capability: string;
  microsoft: string;
  derived: string;
  agrees: boolean;
}

/** A cell of a column Microsoft's table does not have (device preparation): derived the same way, compared with nothing. */
export interface ExtraCell {
  scenario: string;
  capability: string;
  derived: string;
  microsoft: null;
  notInMicrosoftTable: true;
}

const inTable = (s: string): s is TableScenario => COLUMNS.some((c) => c.scenario === s);

/** Microsoft's 45 cells, each with the derived value and whether they agree. */
export function compareCells(cells: DerivedCell[]): CellReport[] {
  return cells.flatMap((c) => {
    if (!inTable(c.scenario)) return [];
    const microsoft = MICROSOFT[c.capability][c.scenario];
    return [{ scenario: c.scenario, capability: c.capability, microsoft, derived: String(c.derived), agrees: microsoft === c.derived }];
  });
}

/** The extra columns' cells (not part of Microsoft's table). */
export function extraCells(cells: DerivedCell[]): ExtraCell[] {
  return cells.filter((c) => !inTable(c.scenario)).map((c) => ({ scenario: c.scenario, capability: c.capability, derived: String(c.derived), microsoft: null, notInMicrosoftTable: true }));
}

const find = (rows: CellReport[], capability: string, scenario: string) => rows.find((r) => r.capability === capability && r.scenario === scenario)!;
const findExtra = (rows: ExtraCell[], capability: string, scenario: string) => rows.find((r) => r.capability === capability && r.scenario === scenario)?.derived ?? '–';

/** How the extra column is marked: it is not Microsoft's. */
export const EXTRA_MARK = '†';
export const EXTRA_NOTE = `${EXTRA_MARK} Not part of Microsoft's table (which has five columns): derived the same way from the device-preparation machine (domain §7) and compared with nothing.`;

/**
 * The derived table beside Microsoft's. `columns`: the terminal's width, when the output goes to one. The table is 178
 * columns wide; where it does not fit, its columns narrow to their longest words, and where even those do not fit (under
 * some 106 columns) each capability is a line, its scenarios' cells after it, folded at spaces. Piped, the table as it was.
 */
export function capabilitiesTable(rows: CellReport[], extra: ExtraCell[] = [], opts: { columns?: number } = {}): string {
  const extraColumns = extra.length ? EXTRA_COLUMNS : [];
  const headings = [...COLUMNS.map((c) => c.heading), ...extraColumns.map((c) => `${c.heading} ${EXTRA_MARK}`)];
  const cells = (capability: string, disagreeing: (r: CellReport) => string) => [
    ...COLUMNS.map(({ scenario }) => {
      const r = find(rows, capability, scenario);
      return r.agrees ? `${r.derived} ${pc.green('✓')}` : disagreeing(r);
    }),
    ...extraColumns.map(({ scenario }) => pc.dim(findExtra(extra, capability, scenario))),
  ];
  const body = CAPABILITIES.map((capability) => [capability, ...cells(capability, (r) => `${pc.red(`${r.derived} ✗`)}\n${pc.dim(`Microsoft: ${r.microsoft}`)}`)]);
  const head = ['Scenario', ...headings];
  const widths = opts.columns === undefined ? undefined : tableWidths([head, ...body], opts.columns);
  const note = extraColumns.length ? `\n${wrap(EXTRA_NOTE, opts.columns, 0)}` : '';
  if (widths === null) {
    const lines = CAPABILITIES.map((capability) => {
      const said = cells(capability, (r) => `${pc.red(`${r.derived} ✗`)} ${pc.dim(`(Microsoft: ${r.microsoft})`)}`);
      // A scenario and its cell are held together (no-break spaces, which wrap prints as plain ones), so that a line folds
      // between scenarios only.
      return `${pc.bold(capability)}\n${wrap(`  ${said.map((cell, i) => `${headings[i]}: ${cell}`.replace(/ /g, '\u00a0')).join(' · ')}`, opts.columns)}`;
    });
    return `${lines.join('\n')}${note}`;
  }
  const table = new Table({ head, style: { head: [], border: [] }, wordWrap: true, ...(widths ? { colWidths: widths } : {}) });
  for (const row of body) table.push(row);
  return `${table.toString()}${note}`;
}

export function capabilitiesMarkdown(rows: CellReport[], extra: ExtraCell[] = []): string {
  const extraColumns = extra.length ? EXTRA_COLUMNS : [];
  const lines = [
    `| Scenario | ${COLUMNS.map((c) => `**${c.heading}**`).join(' | ')}${extraColumns.map((c) => ` | *${c.heading}* ${EXTRA_MARK}`).join('')} |`,
    `| --- | ${COLUMNS.map(() => '---').join(' | ')}${extraColumns.map(() => ' | ---').join('')} |`,
  ];
  for (const capability of CAPABILITIES) {
    const cells = COLUMNS.map(({ scenario }) => {
      const r = find(rows, capability, scenario);
      return r.agrees ? `${r.derived} ✅` : `${r.derived} ❌ (Microsoft: ${r.microsoft})`;
    });
    const more = extraColumns.map(({ scenario }) => ` | *${findExtra(extra, capability, scenario)}*`).join('');
    lines.push(`| **${capability}** | ${cells.join(' | ')}${more} |`);
  }
  const agreeing = rows.filter((r) => r.agrees).length;
  lines.push('', `${agreeing} of ${rows.length} cells derived from the machines agree with Microsoft's table (✅ agrees, ❌ differs).`);
  if (extraColumns.length) lines.push('', EXTRA_NOTE);
  return lines.join('\n');
}

/** The coverage per machine. `columns`: the terminal's width, when the output goes to one (the table, 61 wide, fits it). */
export function coverageTable(machines: MachineCoverage[], opts: { columns?: number } = {}): string {
  const frac = (c: { total: number; reachable: number; covered: number }) => {
    const text = `${c.covered} / ${c.total}${c.reachable < c.total ? ` (${c.total - c.reachable} unreachable)` : ''}`;
    return c.covered === c.total ? pc.green(text) : pc.red(text);
  };
  const rows = machines.map((m) => [m.scenario, frac(m.states), frac(m.transitions)]);
  const gaps = machines.flatMap((m) => [
    ...m.unreachable.map((x) => `${m.scenario}: unreachable in the model: ${x}`),
    ...m.uncovered.map((x) => `${m.scenario}: no generated environment reaches: ${x}`),
  ]);
  return [fitTable(['Machine', 'States covered', 'Transitions covered'], rows, opts.columns, undefined), ...gaps.map((g) => wrap(pc.red(g), opts.columns, 2))].join('\n');
}

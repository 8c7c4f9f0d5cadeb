// The traceability matrix as text: every item of domain/autopilot.md with what models it,
// then the counts (coverage --spec).
import Table from 'cli-table3';
import pc from 'picocolors';
import type { CheckedItem, SpecReport } from '../spec/check.ts';
import { tableAsList, tableWidths, wrap } from '../format.ts';

const short = (ref: string) => ref.replace(/^(user-driven|pre-provisioned|self-deploying|existing-devices|reset):/, (m) => `${m.slice(0, -1)}:`);

function modelText(c: CheckedItem): string {
  const i = c.item;
  if (c.status === 'broken') return `missing: ${c.broken.join(', ')}`;
  if (i.out) return `out of scope: ${i.out}`;
  const parts = [
    i.states?.length ? `states ${i.states.map(short).join(', ')}` : '',
    i.waits?.length ? `world ${i.waits.join(', ')}` : '',
    i.faults?.length ? `faults ${i.faults.join(', ')}` : '',
    i.codes?.length ? `codes ${i.codes.join(', ')}` : '',
    i.fields?.length ? `fields ${i.fields.join(', ')}` : '',
  ].filter(Boolean);
  if (i.pending) parts.unshift(`NOT MODELLED: ${i.pending}`);
  if (i.produces) parts.push(c.reached ? `produced by a run: ${i.produces}` : `no run produces ${i.produces}`);
  return parts.join('; ') || 'nothing';
}

const colour = (c: CheckedItem, text: string) =>
  c.status === 'mapped' ? (c.item.produces && !c.reached ? pc.yellow(text) : text) : c.status === 'out-of-scope' ? pc.dim(text) : c.status === 'pending' ? pc.yellow(text) : pc.red(text);

const ITEM_WIDTHS = [14, 12, 11, 44, 70];

/**
 * The matrix and its counts. `columns`: the terminal's width, when the output goes to one. The matrix is 157 columns wide
 * (and cut the longest state names even there); on a narrower terminal each item is a line (its id, section, kind and
 * what the document says) with what models it under it, folded at spaces, each name whole; the counts' table, 93 wide,
 * narrows its columns or, under some 83 columns, lists each count by kind. Piped, the tables as they were.
 */
export function specTable(report: SpecReport, opts: { columns?: number } = {}): string {
  const countsHead = ['Kind', 'Items', 'Mapped', 'Out of scope', 'Not modelled', 'Unmapped', 'Broken', 'Evidenced'];
  const countsRows = report.counts.map((k) => [k.kind, k.total, k.mapped, k.outOfScope, k.pending, k.unmapped, k.broken, k.evidenced].map(String));
  if (opts.columns === undefined || opts.columns >= ITEM_WIDTHS.reduce((a, w) => a + w, 0) + ITEM_WIDTHS.length + 1) {
    const table = new Table({ head: ['Item', 'Section', 'Kind', 'Documented', 'Modelled by'], style: { head: [], border: [] }, wordWrap: true, colWidths: ITEM_WIDTHS });
    for (const c of report.items) table.push([c.item.id, c.item.section, c.item.kind, c.item.text, colour(c, modelText(c))]);
    const counts = new Table({ head: countsHead, style: { head: [], border: [] } });
    for (const row of countsRows) counts.push(row);
    return [table.toString(), counts.toString(), specSummary(report)].join('\n');
  }
  const items = report.items.map((c) => [wrap(`${pc.bold(c.item.id)}  ${pc.dim(`${c.item.section} · ${c.item.kind}`)}  ${c.item.text}`, opts.columns, 4), colour(c, foldNames(wrap(`    ${modelText(c)}`, opts.columns), opts.columns!))].join('\n'));
  const widths = tableWidths([countsHead, ...countsRows], opts.columns);
  let counts: string;
  if (widths === null) {
    // Turned a quarter: a row a count, a column a kind; under its 63 columns, narrowed ('Out of' over 'scope'), or a
    // kind a line (tableAsList) where even that does not fit.
    const turned = [['', ...countsRows.map((r) => r[0]!)], ...countsHead.slice(1).map((name, i) => [name, ...countsRows.map((r) => r[i + 1]!)])];
    const turnedWidths = tableWidths(turned, opts.columns);
    if (turnedWidths === null) counts = tableAsList(countsHead, countsRows, opts.columns);
    else {
      const t = new Table({ head: turned[0]!, style: { head: [], border: [] }, ...(turnedWidths ? { colWidths: turnedWidths, wordWrap: true } : {}) });
      for (const row of turned.slice(1)) t.push(row);
      counts = t.toString();
    }
  } else {
    const t = new Table({ head: countsHead, style: { head: [], border: [] }, wordWrap: true, ...(widths ? { colWidths: widths } : {}) });
    for (const row of countsRows) t.push(row);
    counts = t.toString();
  }
  return [...items, counts, wrap(specSummary(report), opts.columns, 2)].join('\n');
}

/**
 * Lines folded at spaces, with a name longer than the width (a state's path runs to 100 characters:
 * pre-provisioned:deployment.technicianFlow.technicianEsp.running.devicePreparation.offlineDomainJoin) broken after a dot,
 * its rest indented two more columns.
 */
function foldNames(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const out: string[] = [];
      const indent = ' '.repeat(/^ */.exec(line)![0].length + 2);
      while (line.length > width) {
        const cut = line.lastIndexOf('.', width - 1);
        if (cut <= line.search(/\S/)) break;
        out.push(line.slice(0, cut + 1));
        line = indent + line.slice(cut + 1);
      }
      return [...out, line];
    })
    .join('\n');
}

/** One line per count the issue asks for: steps, exits, codes reachable, conditions expressible. */
export function specSummary(report: SpecReport): string {
  const k = Object.fromEntries(report.counts.map((c) => [c.kind, c]));
  const inScope = (kind: string) => k[kind]!.total - k[kind]!.outOfScope;
  return [
    `Steps modelled: ${k.step!.mapped} of ${inScope('step')} in scope (${k.step!.outOfScope} out of scope).`,
    `Failure exits modelled: ${k.exit!.mapped} of ${inScope('exit')} in scope (${k.exit!.outOfScope} out of scope).`,
    `Codes reachable (a run produces them): ${k.code!.evidenced} of ${inScope('code')} in scope (${k.code!.outOfScope} out of scope).`,
    `Conditions expressible (an environment field): ${k.condition!.evidenced} of ${inScope('condition')} in scope (${k.condition!.outOfScope} out of scope).`,
    `Requirements modelled: ${k.requirement!.mapped} of ${inScope('requirement')} in scope (${k.requirement!.outOfScope} out of scope).`,
  ].join('\n');
}

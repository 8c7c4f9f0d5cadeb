// The traceability matrix as text: every item of domain/autopilot.md with what models it,
// then the counts (coverage --spec).
import Table from 'cli-table3';
import pc from 'picocolors';
import type { CheckedItem, SpecReport } from '../spec/check.ts';

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

export function specTable(report: SpecReport): string {
  const table = new Table({ head: ['Item', 'Section', 'Kind', 'Documented', 'Modelled by'], style: { head: [], border: [] }, wordWrap: true, colWidths: [14, 12, 11, 44, 70] });
  for (const c of report.items) table.push([c.item.id, c.item.section, c.item.kind, c.item.text, colour(c, modelText(c))]);
  const counts = new Table({ head: ['Kind', 'Items', 'Mapped', 'Out of scope', 'Not modelled', 'Unmapped', 'Broken', 'Evidenced'], style: { head: [], border: [] } });
  for (const k of report.counts) counts.push([k.kind, k.total, k.mapped, k.outOfScope, k.pending, k.unmapped, k.broken, k.evidenced]);
  return [table.toString(), counts.toString(), specSummary(report)].join('\n');
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

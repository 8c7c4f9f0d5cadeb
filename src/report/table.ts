// A cli-table3 table that fits the terminal. Its own module, not src/format.ts: that one runs in the fleet's worker
// threads, which draw no table.
import Table from 'cli-table3';
import { tableAsList, tableWidth, tableWidths } from '../format.ts';

/**
 * The widths for a table of these rows (its heading first) in `widths` (undefined: each column as wide as its cells) on a
 * terminal of `columns`: as given where they fit or where there is no terminal (piped, the table as it was); else each
 * column narrowed towards its longest word (undefined: as wide as its cells fits); null where even its longest words do
 * not fit (a split pane of 60-79 columns), and the rows are to be lines instead (tableAsList).
 */
export function fittedWidths(rows: string[][], columns: number | undefined, widths: number[] | undefined): number[] | undefined | null {
  if (columns === undefined || (widths && tableWidth(widths) <= columns)) return widths;
  return tableWidths(rows, columns);
}

/** The table drawn to fit the terminal (fittedWidths), or its rows as lines where it cannot. */
export function fitTable(head: string[], rows: string[][], columns: number | undefined, widths: number[] | undefined): string {
  const colWidths = fittedWidths([head, ...rows], columns, widths);
  if (colWidths === null) return tableAsList(head, rows, columns!);
  const t = new Table({ head, style: { head: [], border: [] }, ...(colWidths ? { colWidths, wordWrap: true } : {}) });
  for (const row of rows) t.push(row);
  return t.toString();
}

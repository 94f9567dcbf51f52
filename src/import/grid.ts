/**
 * The one shape every importer reduces a file to: a document is a sequence of paragraphs and
 * tables, a table is rows of grid slots. A cell that spans columns or rows (Word's gridSpan and
 * vMerge, Excel's merged ranges) occupies every slot it covers with the same `id`, so the
 * interpreter sees a merged 一级指标 on every row it covers and a label once per row.
 */

export interface GridCell {
  /** Unique per cell within the document; equal on every slot the cell covers. */
  id: number;
  /** The cell's text, lines joined with '\n'. */
  text: string;
}

export type GridRow = GridCell[];

export type Block = { kind: 'para'; text: string } | { kind: 'table'; rows: GridRow[] };

/** The distinct cells of a row, left to right (a spanning cell once). */
export function distinctCells(row: GridRow): GridCell[] {
  const out: GridCell[] = [];
  for (const c of row) if (out[out.length - 1]?.id !== c.id) out.push(c);
  return out;
}

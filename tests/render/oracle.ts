/**
 * The reference for src/render/docx.ts: the same layout built with the docx library's object model
 * (the way the renderer worked before it wrote the XML itself) and packed by render/pack.ts. The
 * renderer must give these bytes for every table (identical.test.ts).
 */
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type ITableCellBorders,
} from 'docx';
import type { DraftTable } from '../../src/domain/draft.ts';
import { documentShell } from '../../src/render/docx.ts';
import { CELL_MARGINS, cellParagraphs, layoutOf, type CellSpec, type ParagraphSpec, type RowSpec, type RunSpec, type TableSpec } from '../../src/render/layout.ts';
import { packDocx } from '../../src/render/pack.ts';
import type { Template } from '../../src/render/template.ts';

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const CELL_BORDERS: ITableCellBorders = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
const TABLE_BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;

function run({ text, font, leadingTab }: RunSpec): TextRun {
  return new TextRun({
    ...(leadingTab ? { children: [new Tab(), text] } : { text }),
    bold: font.bold || undefined,
    color: font.color,
    size: Math.round(font.sizePt * 2),
    sizeComplexScript: Math.round(font.sizePt * 2),
    font: { ascii: font.latin, hAnsi: font.latin, cs: font.latin, eastAsia: font.eastAsia, hint: 'eastAsia' },
    language: { value: 'en-US', eastAsia: 'zh-CN' },
  });
}

function paragraph(p: ParagraphSpec): Paragraph {
  const { before, after, line, exact } = p.spacing;
  return new Paragraph({
    alignment: p.align === undefined ? undefined : p.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
    tabStops: p.rightTab === undefined ? undefined : [{ type: TabStopType.RIGHT, position: p.rightTab }],
    spacing: { before, after, line, lineRule: exact ? LineRuleType.EXACT : undefined },
    children: p.runs.map(run),
  });
}

function cell(spec: CellSpec): TableCell {
  return new TableCell({
    children: cellParagraphs(spec).map(paragraph),
    width: { size: spec.width, type: WidthType.DXA },
    columnSpan: spec.span && spec.span > 1 ? spec.span : undefined,
    verticalMerge: spec.merge === 'restart' ? VerticalMergeType.RESTART : spec.merge === 'continue' ? VerticalMergeType.CONTINUE : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    borders: spec.top === 'none' ? { ...CELL_BORDERS, top: NO_BORDER } : CELL_BORDERS,
    margins: CELL_MARGINS,
    shading: spec.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: spec.shade } : undefined,
  });
}

function row(r: RowSpec): TableRow {
  return new TableRow({ children: r.cells.map(cell), cantSplit: r.cantSplit || undefined, tableHeader: r.header || undefined });
}

function table(t: TableSpec): Table {
  return new Table({
    rows: t.rows.map(row),
    columnWidths: t.columnWidths,
    width: { size: t.columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: t.joined ? { ...TABLE_BORDERS, top: NO_BORDER } : TABLE_BORDERS,
    alignment: AlignmentType.CENTER,
    margins: CELL_MARGINS,
  });
}

/** The reference bytes of a table's DOCX. */
export function referenceDocx(t: Template, data: DraftTable, opts: { unvalidatedNote?: boolean } = {}): Buffer {
  const layout = layoutOf(t, data, opts);
  const children = layout.blocks.map((b) => ('table' in b ? table(b.table) : paragraph(b.paragraph)));
  return packDocx(documentShell(t, layout.title, children));
}

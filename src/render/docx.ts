/** Draws a template with a table's data as a DOCX document (docx 9). */
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  Tab,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type ITableCellBorders,
} from 'docx';
import type { DraftTable, Indicator } from '../domain/draft.ts';
import { moneyInUnit } from '../domain/value.ts';
import { fieldText } from './fields.ts';
import { orderIndicators, runs } from './group.ts';
import { packDocx } from './pack.ts';
import { marginDxa, textHeightDxa, textWidthDxa, type Align, type BlockCell, type FontSpec, type Template } from './template.ts';
import { cleanText, textLines } from './text.ts';

export const UNVALIDATED_NOTE = '【未通过校验】本表未通过校验，内容可能不完整或有误，请修改后再正式提交。';

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const CELL_BORDERS: ITableCellBorders = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

/** A run with its fonts set per script, so Chinese never falls back to a Latin font. */
function run(text: string, font: FontSpec, opts: { leadingTab?: boolean } = {}): TextRun {
  return new TextRun({
    // A real w:tab element: a tab character inside w:t is not a tab to every reader.
    ...(opts.leadingTab ? { children: [new Tab(), text] } : { text }),
    bold: font.bold || undefined,
    color: font.color,
    size: Math.round(font.sizePt * 2),
    sizeComplexScript: Math.round(font.sizePt * 2),
    font: { ascii: font.latin, hAnsi: font.latin, cs: font.latin, eastAsia: font.eastAsia, hint: 'eastAsia' },
    language: { value: 'en-US', eastAsia: 'zh-CN' },
  });
}

function alignment(a: Align): (typeof AlignmentType)[keyof typeof AlignmentType] {
  return a === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
}

/** One paragraph per line of the text; an empty text is one empty paragraph with the font set. */
function cellParagraphs(text: string | undefined, font: FontSpec, align: Align): Paragraph[] {
  return textLines(text).map(
    (line) =>
      new Paragraph({
        alignment: alignment(align),
        spacing: { before: 0, after: 0, line: 276 },
        children: [run(line, font)],
      }),
  );
}

interface CellSpec {
  text?: string;
  font: FontSpec;
  align: Align;
  /** Width in DXA of the grid columns it covers. */
  width: number;
  span?: number;
  shade?: string;
  merge?: 'restart' | 'continue';
  /** 'none': no top border, the table above draws the line (the indicator header under the header block). */
  top?: 'none';
}

function cell(spec: CellSpec): TableCell {
  return new TableCell({
    // A continued merge cell still needs a paragraph (Word rejects an empty w:tc), but no text.
    children: cellParagraphs(spec.merge === 'continue' ? '' : spec.text, spec.font, spec.align),
    width: { size: spec.width, type: WidthType.DXA },
    columnSpan: spec.span && spec.span > 1 ? spec.span : undefined,
    verticalMerge:
      spec.merge === 'restart'
        ? VerticalMergeType.RESTART
        : spec.merge === 'continue'
          ? VerticalMergeType.CONTINUE
          : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    borders: spec.top === 'none' ? { ...CELL_BORDERS, top: NO_BORDER } : CELL_BORDERS,
    margins: CELL_MARGINS,
    shading: spec.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: spec.shade } : undefined,
  });
}

/**
 * Rows never split across pages (a 「满意度 | 服务对象满意」 / 「度指标 | 员满意度」 break is unreadable),
 * except a row too tall for any page: Word would clip that one instead of moving it, so it may split.
 */
function tableRow(t: Template, specs: CellSpec[], opts: { header?: boolean } = {}): TableRow {
  return new TableRow({
    children: specs.map(cell),
    cantSplit: estimatedHeightDxa(specs) < textHeightDxa(t) * 0.9 || undefined,
    tableHeader: opts.header || undefined,
  });
}

/** A generous height estimate: CJK characters one em wide, Latin half, 1.15 lines plus cell margins. */
function estimatedHeightDxa(specs: CellSpec[]): number {
  let tallest = 0;
  for (const s of specs) {
    if (s.merge === 'continue') continue;
    const em = s.font.sizePt * 20;
    const room = Math.max(em, s.width - CELL_MARGINS.left - CELL_MARGINS.right);
    const lines = textLines(s.text).reduce((n, line) => {
      const units = [...line].reduce((u, ch) => u + (ch.charCodeAt(0) < 0x2e80 ? 0.55 : 1), 0);
      return n + Math.max(1, Math.ceil((units * em) / room));
    }, 0);
    tallest = Math.max(tallest, lines * em * 1.4 + CELL_MARGINS.top + CELL_MARGINS.bottom);
  }
  return tallest;
}

function fill(s: string, table: DraftTable): string {
  return s.replace(/\{year\}/g, table.year !== undefined ? String(table.year) : '    ').replace(/\{unit\}/g, table.amounts.unit);
}

/** `joined`: the table continues the one above it, whose bottom border is its top line. */
function table(columnWidths: number[], rows: TableRow[], opts: { joined?: boolean } = {}): Table {
  return new Table({
    rows,
    columnWidths,
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    // Fixed layout: long unbroken text wraps inside its cell instead of widening the column.
    layout: TableLayoutType.FIXED,
    borders: opts.joined ? { ...TABLE_BORDERS, top: NO_BORDER } : TABLE_BORDERS,
    alignment: AlignmentType.CENTER,
    margins: CELL_MARGINS,
  });
}

/** The 项目名称 … 绩效目标 block: one table on the template's grid. */
function headerTable(t: Template, data: DraftTable): Table {
  const widths = t.header.columnWidths;
  const rows: TableRow[] = [];
  const blockCell = (c: BlockCell, col: number): CellSpec => {
    const width = widths.slice(col, col + c.span).reduce((a, b) => a + b, 0);
    return 'label' in c
      ? { text: fill(c.label, data), font: t.fonts.label, align: 'center', width, span: c.span, shade: t.labelShading }
      : { text: fieldText(data, c.field), font: t.fonts.cell, align: c.align, width, span: c.span };
  };
  const rowOf = (cells: BlockCell[], startCol: number, lead?: CellSpec): TableRow => {
    const specs: CellSpec[] = lead ? [lead] : [];
    let col = startCol;
    for (const c of cells) {
      specs.push(blockCell(c, col));
      col += c.span;
    }
    return tableRow(t, specs);
  };
  for (const row of t.header.rows) {
    if (Array.isArray(row)) {
      rows.push(rowOf(row, 0));
      continue;
    }
    row.rows.forEach((cells, i) => {
      const lead: CellSpec = {
        text: fill(row.group, data),
        font: t.fonts.label,
        align: 'center',
        width: widths[0]!,
        shade: t.labelShading,
        merge: row.rows.length > 1 ? (i === 0 ? 'restart' : 'continue') : undefined,
      };
      rows.push(rowOf(cells, 1, lead));
    });
  }
  return table(widths, rows);
}

/** A cell of an indicator row; money in values and descriptions is restated in the table's unit. */
function indicatorText(ind: Indicator, key: Template['indicators']['columns'][number]['key'], data: DraftTable): string {
  const text = ind[key] ?? '';
  return key === 'value' || key === 'description' ? moneyInUnit(text, data.amounts.unit) : text;
}

/**
 * The indicator table: a table of its own so that its header row is the first row and Word, WPS and
 * LibreOffice repeat it on every page (repeat marks are ignored below a table's first rows).
 */
function indicatorTable(t: Template, data: DraftTable): Table {
  const cols = t.indicators.columns;
  const widths = cols.map((c) => c.width);
  const header = tableRow(
    t,
    cols.map((c) => ({ text: c.label, font: t.fonts.label, align: 'center', width: c.width, shade: t.labelShading, top: 'none' })),
    { header: true },
  );
  const ordered = orderIndicators(data);
  const rows: TableRow[] = [header];
  if (ordered.length === 0) {
    // Keep one empty row so the form can still be filled by hand.
    rows.push(tableRow(t, cols.map((c) => ({ font: t.fonts.cell, align: c.align, width: c.width }))));
    return table(widths, rows, { joined: true });
  }
  // For a merged column, the key is every merged column up to it: a 二级 group never crosses a 一级 one.
  const mergeState = cols.map((c, ci) => {
    if (!c.merge) return undefined;
    const keyCols = cols.slice(0, ci + 1).map((k) => k.key);
    const state = new Map<number, 'restart' | 'continue'>();
    for (const r of runs(ordered, (ind) => keyCols.map((k) => cleanText(indicatorText(ind, k, data))).join('\u0000'))) {
      if (r.length < 2) continue;
      state.set(r.start, 'restart');
      for (let i = 1; i < r.length; i++) state.set(r.start + i, 'continue');
    }
    return state;
  });
  ordered.forEach((ind, ri) => {
    rows.push(
      tableRow(
        t,
        cols.map((c, ci) => ({
          text: indicatorText(ind, c.key, data),
          font: t.fonts.cell,
          align: c.align,
          width: c.width,
          merge: mergeState[ci]?.get(ri),
        })),
      ),
    );
  });
  return table(widths, rows, { joined: true });
}

function paragraph(text: string, font: FontSpec, align: 'center' | 'left', spacingAfter = 0): Paragraph {
  return new Paragraph({
    alignment: alignment(align),
    spacing: { before: 0, after: spacingAfter },
    children: [run(cleanText(text), font)],
  });
}

/** 填报单位: the user's own entry (even an empty one, left for the stamp), else the 主管部门. */
export function reportingUnit(data: DraftTable): string {
  return cleanText(data.reportingUnit ?? data.department);
}

/** `填报单位（盖章）：某区司法局` on the left, `单位：万元` flush right, on one line. */
function infoLine(t: Template, data: DraftTable): Paragraph | undefined {
  if (!t.infoLine) return undefined;
  return new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: textWidthDxa(t) }],
    spacing: { before: 0, after: 60 },
    children: [
      run(`${fill(t.infoLine.left, data)}${reportingUnit(data)}`, t.fonts.info),
      run(fill(t.infoLine.right, data), t.fonts.info, { leadingTab: true }),
    ],
  });
}

export function buildDocument(t: Template, data: DraftTable, opts: { unvalidatedNote?: boolean } = {}): Document {
  const margin = marginDxa(t);
  const children: (Paragraph | Table)[] = [paragraph(t.title, t.fonts.title, 'center', 60)];
  if (t.subtitle) children.push(paragraph(fill(t.subtitle, data), t.fonts.subtitle, 'center', 120));
  const info = infoLine(t, data);
  if (info) children.push(info);
  children.push(headerTable(t, data));
  // Two tables need a paragraph between them or Word fuses them; keep it 1 pt high so the
  // indicator table sits flush under the header block.
  children.push(
    new Paragraph({
      spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
      children: [run('', { ...t.fonts.cell, sizePt: 1 })],
    }),
  );
  children.push(indicatorTable(t, data));
  if (opts.unvalidatedNote) children.push(new Paragraph({ spacing: { before: 240 }, children: [run(UNVALIDATED_NOTE, t.fonts.note)] }));
  return new Document({
    creator: '绩效目标表助手',
    title: cleanText(data.projectName) || t.title,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: t.fonts.cell.latin, hAnsi: t.fonts.cell.latin, eastAsia: t.fonts.cell.eastAsia },
            size: Math.round(t.fonts.cell.sizePt * 2),
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            margin: { top: margin, bottom: margin, left: margin, right: margin },
          },
        },
        children,
      },
    ],
  });
}

/** The same table and options give the same bytes (pack.ts leaves the package's timestamps out). */
export async function renderDocx(t: Template, data: DraftTable, opts: { unvalidatedNote?: boolean } = {}): Promise<Buffer> {
  return packDocx(buildDocument(t, data, opts));
}

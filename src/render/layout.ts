/**
 * What the document shows, as plain data: its paragraphs and tables, each cell with its text, font,
 * width, span, merge and shading, each row with its page-break rule. src/render/docx.ts writes this
 * as WordprocessingML; nothing here knows XML.
 */
import type { DraftTable, Indicator } from '../domain/draft.ts';
import { moneyInUnit } from '../domain/value.ts';
import { fieldText } from './fields.ts';
import { orderIndicators, runs } from './group.ts';
import { textHeightDxa, textWidthDxa, type Align, type BlockCell, type FontSpec, type Template } from './template.ts';
import { cleanText, textLines } from './text.ts';

export const UNVALIDATED_NOTE = '【未通过校验】本表未通过校验，内容可能不完整或有误，请修改后再正式提交。';

export const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

export interface RunSpec {
  text: string;
  font: FontSpec;
  /** A real w:tab element before the text: a tab character inside w:t is not a tab to every reader. */
  leadingTab?: boolean;
}

export interface ParagraphSpec {
  runs: RunSpec[];
  align?: Align;
  spacing: { before?: number; after?: number; line?: number; exact?: boolean };
  /** A right-aligned tab stop at this position (DXA). */
  rightTab?: number;
}

export interface CellSpec {
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

export interface RowSpec {
  cells: CellSpec[];
  cantSplit: boolean;
  header: boolean;
}

export interface TableSpec {
  columnWidths: number[];
  rows: RowSpec[];
  /** The table continues the one above it, whose bottom border is its top line. */
  joined: boolean;
}

export type Block = { paragraph: ParagraphSpec } | { table: TableSpec };

export interface Layout {
  /** The package's title (docProps/core.xml). */
  title: string;
  blocks: Block[];
}

/** One paragraph per line of a cell's text; an empty text is one empty paragraph with the font set. */
export function cellParagraphs(spec: CellSpec): ParagraphSpec[] {
  // A continued merge cell still needs a paragraph (Word rejects an empty w:tc), but no text.
  return textLines(spec.merge === 'continue' ? '' : spec.text).map((line) => ({
    align: spec.align,
    spacing: { before: 0, after: 0, line: 276 },
    runs: [{ text: line, font: spec.font }],
  }));
}

/**
 * Rows never split across pages (a 「满意度 | 服务对象满意」 / 「度指标 | 员满意度」 break is unreadable),
 * except a row too tall for any page: Word would clip that one instead of moving it, so it may split.
 */
function tableRow(t: Template, cells: CellSpec[], opts: { header?: boolean } = {}): RowSpec {
  return { cells, cantSplit: estimatedHeightDxa(cells) < textHeightDxa(t) * 0.9, header: opts.header === true };
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

/** The 项目名称 … 绩效目标 block: one table on the template's grid. */
function headerTable(t: Template, data: DraftTable): TableSpec {
  const widths = t.header.columnWidths;
  const rows: RowSpec[] = [];
  const blockCell = (c: BlockCell, col: number): CellSpec => {
    const width = widths.slice(col, col + c.span).reduce((a, b) => a + b, 0);
    return 'label' in c
      ? { text: fill(c.label, data), font: t.fonts.label, align: 'center', width, span: c.span, shade: t.labelShading }
      : { text: fieldText(data, c.field), font: t.fonts.cell, align: c.align, width, span: c.span };
  };
  const rowOf = (cells: BlockCell[], startCol: number, lead?: CellSpec): RowSpec => {
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
  return { columnWidths: widths, rows, joined: false };
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
function indicatorTable(t: Template, data: DraftTable): TableSpec {
  const cols = t.indicators.columns;
  const widths = cols.map((c) => c.width);
  const header = tableRow(
    t,
    cols.map((c) => ({ text: c.label, font: t.fonts.label, align: 'center', width: c.width, shade: t.labelShading, top: 'none' })),
    { header: true },
  );
  const ordered = orderIndicators(data);
  const rows: RowSpec[] = [header];
  if (ordered.length === 0) {
    // Keep one empty row so the form can still be filled by hand.
    rows.push(tableRow(t, cols.map((c) => ({ font: t.fonts.cell, align: c.align, width: c.width }))));
    return { columnWidths: widths, rows, joined: true };
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
  return { columnWidths: widths, rows, joined: true };
}

function paragraph(text: string, font: FontSpec, spacingAfter: number): ParagraphSpec {
  return { align: 'center', spacing: { before: 0, after: spacingAfter }, runs: [{ text: cleanText(text), font }] };
}

/** 填报单位: the user's own entry (even an empty one, left for the stamp), else the 主管部门. */
export function reportingUnit(data: DraftTable): string {
  return cleanText(data.reportingUnit ?? data.department);
}

/** `填报单位（盖章）：某区司法局` on the left, `单位：万元` flush right, on one line. */
function infoLine(t: Template, data: DraftTable): ParagraphSpec | undefined {
  if (!t.infoLine) return undefined;
  return {
    rightTab: textWidthDxa(t),
    spacing: { before: 0, after: 60 },
    runs: [
      { text: `${fill(t.infoLine.left, data)}${reportingUnit(data)}`, font: t.fonts.info },
      { text: fill(t.infoLine.right, data), font: t.fonts.info, leadingTab: true },
    ],
  };
}

export function layoutOf(t: Template, data: DraftTable, opts: { unvalidatedNote?: boolean } = {}): Layout {
  const blocks: Block[] = [{ paragraph: paragraph(t.title, t.fonts.title, 60) }];
  if (t.subtitle) blocks.push({ paragraph: paragraph(fill(t.subtitle, data), t.fonts.subtitle, 120) });
  const info = infoLine(t, data);
  if (info) blocks.push({ paragraph: info });
  blocks.push({ table: headerTable(t, data) });
  // Two tables need a paragraph between them or Word fuses them; keep it 1 pt high so the
  // indicator table sits flush under the header block.
  blocks.push({ paragraph: { spacing: { before: 0, after: 0, line: 20, exact: true }, runs: [{ text: '', font: { ...t.fonts.cell, sizePt: 1 } }] } });
  blocks.push({ table: indicatorTable(t, data) });
  if (opts.unvalidatedNote) blocks.push({ paragraph: { spacing: { before: 240 }, runs: [{ text: UNVALIDATED_NOTE, font: t.fonts.note }] } });
  return { title: cleanText(data.projectName) || t.title, blocks };
}

/**
 * Layouts as data: `templates/<name>.json` says what the document shows (title, header block rows,
 * indicator columns, widths, fonts); the renderer only knows how to draw those pieces.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FIELD_IDS } from './fields.ts';

export const TEMPLATES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

/** A4 portrait in twips (DXA); the page size itself is the docx default. */
export const A4_WIDTH_DXA = 11906;
export const A4_HEIGHT_DXA = 16838;

const FontSchema = z.object({
  eastAsia: z.string().min(1),
  latin: z.string().min(1),
  sizePt: z.number().min(5).max(72),
  bold: z.boolean().default(false),
  color: z
    .string()
    .regex(/^[0-9A-Fa-f]{6}$/)
    .optional(),
});
export type FontSpec = z.infer<typeof FontSchema>;

const AlignSchema = z.enum(['left', 'center']);
export type Align = z.infer<typeof AlignSchema>;

const SpanSchema = z.number().int().min(1).default(1);

const LabelCellSchema = z.strictObject({ label: z.string(), span: SpanSchema });
const FieldCellSchema = z.strictObject({
  field: z.enum(FIELD_IDS),
  span: SpanSchema,
  align: AlignSchema.default('left'),
});
const BlockCellSchema = z.union([LabelCellSchema, FieldCellSchema]);
export type BlockCell = z.infer<typeof BlockCellSchema>;

/** A label in the first column merged down over its rows, the rows filling the other columns. */
const GroupSchema = z.strictObject({
  group: z.string(),
  rows: z.array(z.array(BlockCellSchema).min(1)).min(1),
});
const BlockRowSchema = z.union([z.array(BlockCellSchema).min(1), GroupSchema]);

export const INDICATOR_KEYS = ['level1', 'level2', 'name', 'description', 'value', 'basis'] as const;

const IndicatorColumnSchema = z.strictObject({
  key: z.enum(INDICATOR_KEYS),
  label: z.string(),
  width: z.number().int().positive(),
  /** Merge equal consecutive cells vertically (一级/二级 groups). */
  merge: z.boolean().default(false),
  align: AlignSchema.default('left'),
});

export const TemplateSchema = z.strictObject({
  name: z.enum(['full', 'compact']),
  title: z.string().min(1),
  /** `{year}` and `{unit}` are filled in. */
  subtitle: z.string().optional(),
  infoLine: z.strictObject({ left: z.string(), right: z.string() }).optional(),
  page: z.strictObject({ marginCm: z.number().min(1).max(4) }),
  fonts: z.strictObject({
    title: FontSchema,
    subtitle: FontSchema,
    info: FontSchema,
    label: FontSchema,
    cell: FontSchema,
    note: FontSchema,
  }),
  labelShading: z.string().regex(/^[0-9A-Fa-f]{6}$/),
  header: z.strictObject({
    columnWidths: z.array(z.number().int().positive()).min(2),
    rows: z.array(BlockRowSchema).min(1),
  }),
  indicators: z.strictObject({ columns: z.array(IndicatorColumnSchema).min(1) }),
});
export type Template = z.infer<typeof TemplateSchema>;

/** Page margin in twips. */
export function marginDxa(t: Template): number {
  return Math.round((t.page.marginCm / 2.54) * 1440);
}

/** Height between the top and bottom margins. */
export function textHeightDxa(t: Template): number {
  return A4_HEIGHT_DXA - 2 * marginDxa(t);
}

/** Width between the margins: every table is exactly this wide. */
export function textWidthDxa(t: Template): number {
  return A4_WIDTH_DXA - 2 * marginDxa(t);
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/**
 * Structural checks zod cannot express: every row fills the grid exactly and the tables fit the
 * page, so a typo in a template fails at start-up instead of producing a crooked table.
 */
export function checkTemplate(t: Template): void {
  const width = textWidthDxa(t);
  const cols = t.header.columnWidths.length;
  const where = `templates/${t.name}.json`;
  if (sum(t.header.columnWidths) !== width)
    throw new Error(`${where}: header columnWidths sum to ${sum(t.header.columnWidths)}, page text width is ${width}`);
  const indicatorWidth = sum(t.indicators.columns.map((c) => c.width));
  if (indicatorWidth !== width)
    throw new Error(`${where}: indicator column widths sum to ${indicatorWidth}, page text width is ${width}`);
  const spanOf = (cells: BlockCell[]) => sum(cells.map((c) => c.span));
  t.header.rows.forEach((row, i) => {
    const rows = Array.isArray(row) ? [row] : row.rows;
    const expected = Array.isArray(row) ? cols : cols - 1;
    for (const cells of rows) {
      if (spanOf(cells) !== expected)
        throw new Error(`${where}: header row ${i + 1} spans ${spanOf(cells)} columns, expected ${expected}`);
    }
  });
  const keys = t.indicators.columns.map((c) => c.key);
  if (new Set(keys).size !== keys.length) throw new Error(`${where}: an indicator column appears twice`);
  // Merging a column is only meaningful when every column left of it merges too (the groups nest).
  const firstPlain = t.indicators.columns.findIndex((c) => !c.merge);
  if (firstPlain >= 0 && t.indicators.columns.slice(firstPlain).some((c) => c.merge))
    throw new Error(`${where}: merged indicator columns must come first`);
}

export function loadTemplate(name: string, dir: string = TEMPLATES_DIR): Template {
  const raw: unknown = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
  const t = TemplateSchema.parse(raw);
  if (t.name !== name) throw new Error(`templates/${name}.json: name is "${t.name}"`);
  checkTemplate(t);
  return t;
}

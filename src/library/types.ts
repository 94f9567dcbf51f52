/** The template library: every project table of the sample documents, as `data/library.json`. */
import { z } from 'zod';
import { AmountUnitSchema } from '../domain/draft.ts';
import { IndicatorValueSchema } from '../domain/value.ts';

/** Marks on a row that the source garbles; such rows are kept, never dropped. */
export const RowFlagSchema = z.enum([
  'missing-value', // no 指标值 in the source
  'value-in-wrong-column', // the value sits in another column (e.g. the description)
  'missing-name', // no 三级指标 name
  'level-inferred', // 一级/二级 was blank or unknown and was inferred
  'cells-reconstructed', // the extraction lost the table's cells; the row was split by hand (see the parser)
]);
export type RowFlag = z.infer<typeof RowFlagSchema>;

export const LibraryIndicatorSchema = z.object({
  /** Canonical names (`效益指标`, `社会效益指标`). */
  level1: z.string(),
  level2: z.string(),
  /** The source's own wording, when it differs from the canonical name. */
  level1Raw: z.string().optional(),
  level2Raw: z.string().optional(),
  name: z.string(),
  description: z.string().optional(),
  value: IndicatorValueSchema,
  basis: z.string().optional(),
  flags: z.array(RowFlagSchema).optional(),
});
export type LibraryIndicator = z.infer<typeof LibraryIndicatorSchema>;

export const LibraryProjectSchema = z.object({
  /** `<source prefix>-<index>`, e.g. `001-07`. */
  id: z.string(),
  name: z.string(),
  /** The source's file name. */
  source: z.string(),
  department: z.string().optional(),
  implementer: z.string().optional(),
  year: z.number().int().optional(),
  period: z.string().optional(),
  /** Always in 万元. */
  amount: z.object({ value: z.number(), unit: z.literal('万元') }).optional(),
  /** The amount as the source prints it, when its unit is not 万元. */
  amountRaw: z.object({ value: z.number(), unit: AmountUnitSchema }).optional(),
  fundUse: z.string().optional(),
  goals: z.array(z.string()).optional(),
  indicators: z.array(LibraryIndicatorSchema),
});
export type LibraryProject = z.infer<typeof LibraryProjectSchema>;

export const LibrarySchema = z.object({
  version: z.literal(1),
  projects: z.array(LibraryProjectSchema),
});
export type Library = z.infer<typeof LibrarySchema>;

/** What a layout parser returns for one project table; the builder canonicalises and numbers it. */
export interface RawIndicatorRow {
  /** 一级/二级 as printed; '' where the layout leaves the merged cell blank. */
  level1: string;
  level2: string;
  name: string;
  description?: string;
  /** 指标值 as printed ('' when missing). */
  value: string;
  basis?: string;
  flags?: RowFlag[];
}

export interface RawProject {
  name: string;
  department?: string;
  implementer?: string;
  year?: number;
  period?: string;
  amount?: { value: number; unit: '万元' | '元' };
  fundUse?: string;
  goals?: string[];
  indicators: RawIndicatorRow[];
}

/** A layout parser: the whole text of one source document → its project tables, in order. */
export type SourceParser = (text: string) => RawProject[];

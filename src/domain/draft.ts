/**
 * The performance target table being drafted. Every field is optional while the conversation is
 * under way; completeness is the rule engine's job, not the schema's.
 */
import { z } from 'zod';
import { DEFAULT_FRAMEWORK } from './framework.ts';

export const AmountUnitSchema = z.enum(['万元', '元']);
export type AmountUnit = z.infer<typeof AmountUnitSchema>;

/** One column of the 资金投入 block: 合计 = 财政拨款 + 其他资金. */
export const FundsSchema = z.object({
  total: z.number().optional(),
  fiscal: z.number().optional(),
  other: z.number().optional(),
});
export type Funds = z.infer<typeof FundsSchema>;

export const AmountsSchema = z.object({
  unit: AmountUnitSchema.default('万元'),
  /** 实施期金额 */
  period: FundsSchema.default({}),
  /** 年度金额 */
  annual: FundsSchema.default({}),
});
export type Amounts = z.infer<typeof AmountsSchema>;

/** 资金支出计划（累计%）at the end of March, June, October and December. */
export const SpendingPlanSchema = z.object({
  mar: z.number().optional(),
  jun: z.number().optional(),
  oct: z.number().optional(),
  dec: z.number().optional(),
});
export type SpendingPlan = z.infer<typeof SpendingPlanSchema>;
export const SPENDING_MONTHS = [
  ['mar', '3月底'],
  ['jun', '6月底'],
  ['oct', '10月底'],
  ['dec', '12月底'],
] as const;

export const TargetsSchema = z.object({
  /** 实施期目标 */
  period: z.string().optional(),
  /** 年度目标 */
  annual: z.string().optional(),
});
export type Targets = z.infer<typeof TargetsSchema>;

export const IndicatorSchema = z.object({
  /** 一级指标 (canonical) */
  level1: z.string(),
  /** 二级指标 (canonical) */
  level2: z.string(),
  /** 三级指标 */
  name: z.string(),
  /** 绩效指标描述 */
  description: z.string().optional(),
  /** 指标值, as written (`≥95%`); parse with `parseValue`. */
  value: z.string(),
  /** 指标值确定依据 */
  basis: z.string().optional(),
  /**
   * The value is the composer's estimate from the budget, not the user's figure: the conversation
   * asks the user to confirm it; the DOCX prints the value only. Cleared when the user edits it.
   */
  estimate: z.boolean().optional(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const DraftTableSchema = z.object({
  /** Budget year the table is for. */
  year: z.number().int().optional(),
  /** 项目名称 */
  projectName: z.string().optional(),
  /** 项目编码 */
  projectCode: z.string().optional(),
  /** 主管部门 */
  department: z.string().optional(),
  /** 实施单位 */
  implementer: z.string().optional(),
  /** 填报单位 on the stamp line: absent means the 主管部门, '' means left blank for the stamp. */
  reportingUnit: z.string().optional(),
  /** 项目实施期, as written (`2025年1月至2025年12月`). */
  period: z.string().optional(),
  amounts: AmountsSchema.default({ unit: '万元', period: {}, annual: {} }),
  /** 项目资金主要用途 */
  fundUse: z.string().optional(),
  spendingPlan: SpendingPlanSchema.default({}),
  targets: TargetsSchema.default({}),
  framework: z.enum(['local', 'mof2021']).default(DEFAULT_FRAMEWORK),
  indicators: z.array(IndicatorSchema).default([]),
});
export type DraftTable = z.infer<typeof DraftTableSchema>;

/** An empty table with every default filled in. */
export function emptyTable(): DraftTable {
  return DraftTableSchema.parse({});
}

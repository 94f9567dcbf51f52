/** What several rules need to know about the table, computed once and defensively. */
import { FRAMEWORKS, DEFAULT_FRAMEWORK, type FrameworkId } from '../domain/framework.ts';
import { formatNumber } from '../domain/number.ts';
import { parsePeriod, type Period } from './period.ts';
import { numberField, record, textOf, type Raw } from './input.ts';
import type { Library } from '../library/types.ts';

export type Unit = '万元' | '元';

export interface Context {
  t: Raw;
  framework: FrameworkId;
  /** The table's money unit; 万元 when absent or invalid (the invalid case is reported). */
  unit: Unit;
  /** 万元 per unit of the table's amounts. */
  toWan: number;
  /** The largest valid total (实施期 or 年度), in 万元: the ceiling for any cost indicator. */
  budgetWan?: number;
  /** The valid totals in the table's unit (实施期 and 年度). */
  totals: number[];
  /** The parsed implementation period, when it parses and is in order. */
  period?: Period;
  /** The template library, when the caller has it: targets copied from its tables are flagged. */
  library?: Library;
}

export interface CheckOptions {
  library?: Library;
}

export function validTotal(x: unknown): number | undefined {
  const f = numberField(x);
  return f.kind === 'number' && Number.isFinite(f.value) && f.value > 0 ? f.value : undefined;
}

export function buildContext(input: unknown, options: CheckOptions = {}): Context {
  const t = record(input);
  const fw = t.framework;
  const framework: FrameworkId = typeof fw === 'string' && Object.hasOwn(FRAMEWORKS, fw) ? (fw as FrameworkId) : DEFAULT_FRAMEWORK;
  const amounts = record(t.amounts);
  const unit: Unit = amounts.unit === '元' ? '元' : '万元';
  const toWan = unit === '元' ? 0.0001 : 1;
  const totals = [validTotal(record(amounts.period).total), validTotal(record(amounts.annual).total)].filter(
    (v): v is number => v !== undefined,
  );
  const budgetWan = totals.length ? Math.max(...totals) * toWan : undefined;
  const periodText = textOf(t.period);
  const parsed = periodText ? parsePeriod(periodText) : undefined;
  const period =
    parsed && (parsed.start.year - parsed.end.year) * 12 + parsed.start.month - parsed.end.month <= 0 ? parsed : undefined;
  return { t, framework, unit, toWan, budgetWan, totals, period, library: options.library };
}

/** A number for messages: the shared formatting (plain decimal, at most six decimals). */

/** An example deadline inside the period, for messages. */
export function exampleDeadline(ctx: Context): string {
  const end = ctx.period?.end;
  return end ? `${end.year}年${end.month}月底前` : '2025年12月底前';
}

/** An example cost ceiling that fits the budget, for messages. */
export function exampleCost(ctx: Context): string {
  return ctx.budgetWan !== undefined ? `≤${formatNumber(ctx.budgetWan)}万元` : '≤10万元';
}

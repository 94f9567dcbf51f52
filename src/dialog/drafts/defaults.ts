/**
 * Defaults for everything the flow does not ask: 项目实施期 (next calendar year), 实施单位 (= 主管部门),
 * 资金支出计划 (25/50/75/100), 绩效目标 (composed from the indicators, src/compose/targets). They are applied
 * on the fly, so a later change of the purpose or the indicators also changes a defaulted target.
 */
import { composeTargets } from '../../compose/targets.ts';
import type { DraftTable } from '../../domain/draft.ts';
import { parsePeriod } from '../../rules/period.ts';

export const DEFAULT_PLAN = { mar: 25, jun: 50, oct: 75, dec: 100 } as const;

/** Which top-level fields of the effective table come from a default. */
export type Defaulted = Set<'period' | 'implementer' | 'spendingPlan' | 'targets.period' | 'targets.annual' | 'amounts.period'>;

/** The budget year of a 项目实施期: its start year, read with the rules' period grammar (one grammar for both). */
export function yearOf(period: string | undefined): number | undefined {
  return period === undefined ? undefined : parsePeriod(period)?.start.year;
}

/** First and last year of a 项目实施期 (2027年1月至2029年12月 → [2027, 2029]). */
function yearsOf(period: string | undefined): [number, number] | undefined {
  const p = period === undefined ? undefined : parsePeriod(period);
  return p ? [p.start.year, p.end.year] : undefined;
}

/**
 * Years of the default 项目实施期: one, or as many as the 实施期 amount holds years of the 年度 one
 * (实施期70万、年度35万 → two), so that a period the user did not give never contradicts the amounts.
 */
function defaultYears(t: DraftTable): number {
  const { period, annual } = t.amounts;
  if (period.total === undefined || annual.total === undefined || annual.total <= 0 || period.total <= annual.total) return 1;
  return Math.min(10, Math.max(2, Math.ceil(period.total / annual.total - 1e-9)));
}

/** The table as it will be rendered: the user's answers plus the defaults for what is missing. */
export function effectiveTable(table: DraftTable, now: Date): { table: DraftTable; defaulted: Defaulted } {
  const defaulted: Defaulted = new Set();
  const t: DraftTable = structuredClone(table);
  if (!t.period) {
    const y = (t.year ?? now.getFullYear() + 1);
    t.period = `${y}年1月至${y + defaultYears(t) - 1}年12月`;
    defaulted.add('period');
  }
  t.year ??= yearOf(t.period);
  if (!t.implementer && t.department) {
    t.implementer = t.department;
    defaulted.add('implementer');
  }
  const a = t.amounts;
  if (a.period.total === undefined && a.annual.total !== undefined) {
    a.period = { ...a.annual };
    defaulted.add('amounts.period');
  }
  const p = t.spendingPlan;
  if (p.mar === undefined && p.jun === undefined && p.oct === undefined && p.dec === undefined) {
    t.spendingPlan = { ...DEFAULT_PLAN };
    defaulted.add('spendingPlan');
  }
  const drafted = composeTargets({
    indicators: t.indicators,
    years: yearsOf(t.period),
  });
  if (!t.targets.period && drafted.period) {
    t.targets.period = drafted.period;
    defaulted.add('targets.period');
  }
  if (!t.targets.annual && drafted.annual) {
    t.targets.annual = drafted.annual;
    defaulted.add('targets.annual');
  }
  return { table: t, defaulted };
}

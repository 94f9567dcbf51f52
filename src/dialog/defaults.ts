/**
 * Defaults for everything the flow does not ask: 项目实施期 (next calendar year), 实施单位 (= 主管部门),
 * 资金支出计划 (25/50/75/100), 绩效目标 (drafted from the purpose and the indicators). They are applied
 * on the fly, so a later change of the purpose or the indicators also changes a defaulted target.
 */
import type { DraftTable, Indicator } from '../domain/draft.ts';
import { parsePeriod } from '../rules/period.ts';

export const DEFAULT_PLAN = { mar: 25, jun: 50, oct: 75, dec: 100 } as const;

/** Which top-level fields of the effective table come from a default. */
export type Defaulted = Set<'period' | 'implementer' | 'spendingPlan' | 'targets.period' | 'targets.annual' | 'amounts.period'>;

/** The budget year of a 项目实施期: its start year, read with the rules' period grammar (one grammar for both). */
export function yearOf(period: string | undefined): number | undefined {
  return period === undefined ? undefined : parsePeriod(period)?.start.year;
}

const trimEnd = (s: string): string => s.trim().replace(/[。；;，,.\s]+$/, '');

function phrase(i: Indicator): string {
  const v = i.value.trim();
  if (i.level2 === '成本指标') return `${i.name}控制在${v.replace(/^[≤<＜]=?/, '')}以内`;
  return `${i.name}${v}`;
}

/** 绩效目标 in the samples' style: numbered sentences from the purpose and the chosen indicators. */
export function draftTargets(table: DraftTable): string {
  const pick = (l2: string, n: number): Indicator[] => table.indicators.filter((i) => i.level2 === l2).slice(0, n);
  const sentences: string[] = [];
  if (table.fundUse) sentences.push(`${trimEnd(table.fundUse)}，保障${table.projectName ?? '项目'}顺利实施`);
  const output = [...pick('数量指标', 2), ...pick('质量指标', 1), ...pick('时效指标', 1)].map(phrase);
  if (output.length) sentences.push(output.join('，'));
  const effect = table.indicators.filter((i) => i.level1 === '效益指标').slice(0, 2).map(phrase);
  if (effect.length) sentences.push(effect.join('，'));
  const satisfaction = pick('服务对象满意度指标', 1).map(phrase);
  if (satisfaction.length) sentences.push(satisfaction.join('，'));
  if (!sentences.length) return '';
  return sentences.map((s, n) => `${n + 1}.${s}`).join('；') + '。';
}

/** The table as it will be rendered: the user's answers plus the defaults for what is missing. */
export function effectiveTable(table: DraftTable, now: Date): { table: DraftTable; defaulted: Defaulted } {
  const defaulted: Defaulted = new Set();
  const t: DraftTable = structuredClone(table);
  if (!t.period) {
    const y = (t.year ?? now.getFullYear() + 1);
    t.period = `${y}年1月至${y}年12月`;
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
  const drafted = draftTargets(t);
  if (!t.targets.period && drafted) {
    t.targets.period = drafted;
    defaulted.add('targets.period');
  }
  if (!t.targets.annual && (t.targets.period || drafted)) {
    t.targets.annual = t.targets.period ?? drafted;
    defaulted.add('targets.annual');
  }
  return { table: t, defaulted };
}

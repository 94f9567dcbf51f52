/**
 * Last year's table as this year's draft: years in the name, the period, the targets and the
 * deadlines move to the budget year; a new amount rescales what depended on the old one (cost
 * indicators' money: unit costs and `≤` ceilings); everything else is kept as it was. Pure.
 */
import type { DraftTable, Funds } from '../../domain/draft.ts';
import { yearOf } from './defaults.ts';
import { followAmount } from './followAmount.ts';

/** The year a table was for: its own, else its period's start year. */
export function tableYear(t: DraftTable): number | undefined {
  return t.year ?? yearOf(t.period) ?? (/(\d{4})\s*年/.exec(t.period ?? '')?.[1] ? Number(/(\d{4})\s*年/.exec(t.period!)![1]) : undefined);
}

/** Years near the table's own (a few before, a few after) move by `shift`; older history stays. */
function moveYears(text: string | undefined, from: number, shift: number): string | undefined {
  if (text === undefined || shift === 0) return text;
  return text.replace(/(?<!\d)(\d{4})(?=\s*(?:年|-|—|至|$))/g, (all, y: string) => {
    const n = Number(y);
    return n >= from - 1 && n <= from + 5 ? String(n + shift) : all;
  });
}

export function rollForward(source: DraftTable, budgetYear: number): DraftTable {
  const t = structuredClone(source);
  const from = tableYear(t);
  t.year = budgetYear;
  if (from === undefined) {
    t.period ??= `${budgetYear}年1月至${budgetYear}年12月`;
    return t;
  }
  const shift = budgetYear - from;
  const move = (s: string | undefined) => moveYears(s, from, shift);
  t.projectName = move(t.projectName);
  t.period = move(t.period) ?? `${budgetYear}年1月至${budgetYear}年12月`;
  t.fundUse = move(t.fundUse);
  t.targets = { period: move(t.targets.period), annual: move(t.targets.annual) };
  t.indicators = t.indicators.map((i) => ({ ...i, name: move(i.name)!, value: move(i.value)!, description: move(i.description), basis: i.basis }));
  return JSON.parse(JSON.stringify(t)) as DraftTable;
}

function scaleFunds(f: Funds, total: number): Funds {
  if (f.total === undefined || f.total === 0) return { total, fiscal: total, other: 0 };
  const ratio = total / f.total;
  const r = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * ratio * 1e6) / 1e6);
  return { total, fiscal: r(f.fiscal), other: r(f.other) };
}

/**
 * This year's annual amount (in the table's unit): the funds are rescaled (财政拨款/其他资金 keep
 * their shares; a one-year period follows the annual amount), and the table follows the new amount
 * (followAmount: cost indicators, estimates, texts quoting the old one).
 */
export function withAmount(t: DraftTable, total: number): DraftTable {
  const out = structuredClone(t);
  const old = t.amounts.annual.total;
  const samePeriod = t.amounts.period.total === undefined || t.amounts.period.total === old;
  out.amounts.annual = scaleFunds(t.amounts.annual, total);
  if (samePeriod) out.amounts.period = { ...out.amounts.annual };
  followAmount(t, out);
  return out;
}

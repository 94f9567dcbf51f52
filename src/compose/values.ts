/**
 * Values a reviewer believes: unit costs from the budget and a count, estimates scaled to the
 * budget, and deadlines in the budget year.
 */
import { formatNumber } from '../domain/number.ts';

/** `≤1245元/人` for 35.6万 over 286 persons; `≤1.56万元/人` from 10,000 元 up. Rounded up: a ceiling. */
export function unitCost(amountWan: number, count: number, unit: string): string {
  const yuan = (amountWan * 10000) / count;
  const per = unit.replace(/（.*）/, '');
  if (yuan >= 10000) return `≤${formatNumber(Math.ceil(yuan / 100) / 100)}万元/${per}`;
  if (yuan >= 10) return `≤${formatNumber(Math.ceil(yuan))}元/${per}`;
  return `≤${formatNumber(Math.ceil(yuan * 100) / 100)}元/${per}`;
}

/**
 * A count estimated from the budget share and a typical unit cost: at least 1, and rounded down to
 * a figure people write (2 significant digits), since an estimate must not promise too much.
 */
export function estimateCount(shareWan: number, unitCostYuan: number): number {
  const raw = (shareWan * 10000) / unitCostYuan;
  if (raw < 1) return 1;
  if (raw < 20) return Math.floor(raw);
  const magnitude = 10 ** (Math.floor(Math.log10(raw)) - 1);
  return Math.floor(raw / magnitude) * magnitude;
}

export function fillYear(text: string, year: number): string {
  return text.replace(/\{y\}/g, String(year));
}

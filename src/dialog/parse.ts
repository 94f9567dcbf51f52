/** Parsers for free-text answers: amounts, spending plans, number selections. Pure. */
import type { Amounts, AmountUnit, Funds, SpendingPlan } from '../domain/draft.ts';
import { formatAmount } from '../domain/number.ts';
import { toHalfWidth } from '../domain/text.ts';

const round = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Normalises what people type: full width, thousands separators, odd spaces. */
export function normalizeText(text: string): string {
  return toHalfWidth(text)
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(/[\u00a0\t]+/g, ' ')
    .trim();
}

type AmountLabel = 'period' | 'annual' | 'total' | 'fiscal' | 'other';
const AMOUNT_LABELS: Array<[RegExp, AmountLabel]> = [
  [/(?:实施期|总体|项目总)(?:金额|资金|预算|总额)?/, 'period'],
  [/(?:年度|本年|当年)(?:金额|资金|预算)?/, 'annual'],
  [/(?:合计|总额|总金额|总计|金额|资金总额|预算)/, 'total'],
  [/(?:其中)?(?:财政拨款|财政资金|财政)/, 'fiscal'],
  [/(?:其他资金|其他|自筹资金|自筹)/, 'other'],
];

const AMOUNT_RE = /([\u4e00-\u9fa5]{0,8})\s*[:：为是]?\s*(-?\d+(?:\.\d+)?)\s*(万元|万|元)?/g;

/**
 * `20` / `20万元` / `200000元` / `实施期100万，年度20万，财政拨款15万，其他资金5万`. One number is the
 * common case: 实施期 = 年度, all 财政拨款, unit 万元 unless the user writes 元.
 */
export function parseAmounts(input: string): Amounts | { error: string } {
  // Spaces between two numbers separate them; elsewhere they are noise (`年度 20 万元`).
  const text = normalizeText(input).replace(/(\d)\s+(?=\d)/g, '$1，').replace(/\s+/g, '');
  const found: Array<{ label?: AmountLabel; value: number; unit?: string }> = [];
  for (const m of text.matchAll(AMOUNT_RE)) {
    const word = (m[1] ?? '').replace(/^(?:其中|和|及|，|,)/, '');
    const label = AMOUNT_LABELS.find(([re]) => re.test(word))?.[1];
    found.push({ label, value: Number(m[2]), unit: m[3] });
  }
  if (found.length === 0) return { error: '没有看到金额数字。' };
  if (found.some((f) => !Number.isFinite(f.value))) return { error: '金额不是有效数字。' };
  if (found.length > 1 && found.some((f) => !f.label)) {
    return { error: '有多个数字时，请写明是哪一项（实施期、年度、财政拨款、其他资金）。' };
  }
  // 万元 wins when units are mixed, so that 元 amounts are converted rather than the reverse.
  const unit: AmountUnit = found.some((f) => f.unit?.startsWith('万')) || found.every((f) => !f.unit) ? '万元' : '元';
  const get = (label: AmountLabel): number | undefined => {
    const f = found.find((x) => x.label === label);
    if (!f) return undefined;
    return unit === '万元' && f.unit === '元' ? round(f.value / 10000) : f.value;
  };
  const single = found.length === 1 && !found[0]?.label ? found[0]!.value : undefined;
  const fiscalIn = get('fiscal');
  const otherIn = get('other');
  const annualTotal =
    get('annual') ?? get('total') ?? single ?? (fiscalIn !== undefined ? round(fiscalIn + (otherIn ?? 0)) : undefined) ?? get('period');
  if (annualTotal === undefined) return { error: '请写明年度金额。' };
  const other = otherIn ?? (fiscalIn !== undefined ? round(annualTotal - fiscalIn) : 0);
  const annual: Funds = { total: annualTotal, fiscal: fiscalIn ?? round(annualTotal - other), other };
  const periodTotal = get('period') ?? annualTotal;
  const period: Funds =
    periodTotal === annualTotal ? { ...annual } : { total: periodTotal, fiscal: round(periodTotal - other), other };
  return { unit, period, annual };
}

/** `25/50/75/100`, `3月底25%，6月底50%，10月底75%，12月底100%` → the cumulative plan. */
export function parseSpendingPlan(input: string): SpendingPlan | { error: string } {
  const text = normalizeText(input).replace(/\d{1,2}\s*月(?:底|末)?/g, ' ');
  const nums = [...text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  if (nums.length !== 4) return { error: '请写 4 个累计百分比（3月底、6月底、10月底、12月底）。' };
  const [mar, jun, oct, dec] = nums as [number, number, number, number];
  return { mar, jun, oct, dec };
}

/** `1,3,5-7` → [1,3,5,6,7] (1-based, sorted, unique); undefined when it is not a selection. */
export function parseSelection(input: string): number[] | undefined {
  const text = normalizeText(input).replace(/[，、；;\s]+/g, ',').replace(/[－—~～至到]/g, '-');
  if (!/^\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*,?$/.test(text)) return undefined;
  const out = new Set<number>();
  for (const part of text.split(',').filter(Boolean)) {
    const [a, b] = part.split('-').map(Number) as [number, number | undefined];
    const hi = b ?? a;
    // Beyond 2^53 `n++` stops changing n: reject such numbers (and huge ranges) before looping.
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(hi) || Math.abs(hi - a) > 500) return undefined;
    for (let n = Math.min(a, hi); n <= Math.max(a, hi); n++) out.add(n);
  }
  return [...out].sort((x, y) => x - y);
}

/** Short, readable amount: 20 → `20万元`; `—` when not given. */
export function formatMoney(value: number | undefined, unit: AmountUnit): string {
  return value === undefined ? '—' : formatAmount(value, unit);
}

/** Parsers for free-text answers: amounts, spending plans, number selections. Pure. */
import type { Amounts, AmountUnit, Funds, SpendingPlan } from '../../domain/draft.ts';
import { formatAmount, formatNumber } from '../../domain/number.ts';
import { toHalfWidth } from '../../domain/text.ts';
import { arabicNumerals } from './numerals.ts';

const round = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Normalises what people type: full width, thousands separators, odd spaces. */
export function normalizeText(text: string): string {
  return toHalfWidth(text)
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(/[\u00a0\t]+/g, ' ')
    .trim();
}

/**
 * Like normalizeText, but what a user's text keeps as typed stays: Chinese punctuation (，。；：（）、)
 * is not turned into ASCII. Only full-width digits, letters and the value signs (％＋－＜＝＞) become
 * half width, so that values parse. For text that is stored (pasted rows, indicator edits).
 */
export function normalizeKeep(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF05\uFF0B\uFF0D\uFF1C-\uFF1E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(/[\u00a0\u3000\t]+/g, ' ')
    .trim();
}

type AmountLabel = 'period' | 'annual' | 'total' | 'fiscal' | 'other';
const AMOUNT_LABELS: Array<[RegExp, AmountLabel]> = [
  [/(?:实施期|总体|项目总|共计|总共|一共|共)(?:金额|资金|预算|总额)?/, 'period'],
  [/(?:年度|本年|当年|今年|每年)(?:金额|资金|预算)?/, 'annual'],
  [/(?:合计|总额|总金额|总计|金额|资金总额|预算)/, 'total'],
  [/(?:其中)?(?:财政拨款|财政资金|财政)/, 'fiscal'],
  [/(?:其他资金|其他|自筹资金|自筹|其余)/, 'other'],
];

const AMOUNT_RE = /([\u4e00-\u9fa5]{0,8})\s*[:：为是]?\s*(-?\d+(?:\.\d+)?)\s*(万亿|亿元|亿|万元|万|w|元)?/gi;

/** Above this (in 万元, i.e. 1000亿) a figure is a typo, not a project budget. */
export const MAX_WAN = 10_000_000;
/** A bare number from here on is implausible in 万元 and is offered as 元 instead. */
export const YUAN_HINT = 10_000;

/** Numbers that are not money: years, quarters, months, durations, ordinals, percentages. */
const NOT_MONEY: Array<[RegExp, string]> = [
  [/\d{4}\s*年(?:度)?/g, '年份'],
  [/第?\d+\s*(?:季度|季)/g, '季度'],
  [/\d+\s*(?:个)?月(?:份|底|末)?/g, '月份'],
  [/\d+\s*年(?!度)/g, '年限'],
  [/第\s*\d+\s*(?:条|项|个|次|期)?/g, '编号'],
  [/\d+(?:\.\d+)?\s*%/g, '百分比'],
  [/\d+\s*(?:人|次|件|个|场|期|户|所|家|天|日|小时)(?![\u4e00-\u9fa5]*[万元])/g, '数量'],
];

export type AmountParse = Amounts | { error: string } | { yuan: number };

/**
 * `20` / `20万元` / `35.6w` / `￥356000` / `三十五万六千` / `实施期100万，年度20万，财政拨款15万，其他资金5万` /
 * `实施期两年共70万其中今年35万`. One number is the common case: 实施期 = 年度, all 财政拨款, unit 万元
 * unless the user writes 元 (or ￥). A bare number of 10,000 or more comes back as `{ yuan }`, to be
 * confirmed; years, quarters, counts and out-of-range figures are refused.
 */
export function parseAmounts(input: string): AmountParse {
  let text = arabicNumerals(normalizeText(input))
    .replace(/(?:人民币|RMB|CNY)/gi, '')
    // ￥356000 is 元; the sign may come before the number only.
    .replace(/[￥¥]\s*(\d+(?:\.\d+)?)(?!\s*(?:万|元|w))/gi, '$1元')
    .replace(/[￥¥]/g, '');
  let skipped: string | undefined;
  for (const [re, what] of NOT_MONEY) {
    text = text.replace(re, () => {
      skipped ??= what;
      return ' ';
    });
  }
  // Spaces between two numbers separate them; elsewhere they are noise (`年度 20 万元`).
  text = text.replace(/(\d)\s+(?=\d)/g, '$1，').replace(/\s+/g, '');
  const found: Array<{ label?: AmountLabel; value: number; unit?: string }> = [];
  for (const m of text.matchAll(AMOUNT_RE)) {
    const word = (m[1] ?? '').replace(/^(?:其中|和|及|，|,)/, '');
    const label = AMOUNT_LABELS.find(([re]) => re.test(word))?.[1];
    let unit = m[3]?.toLowerCase();
    let value = Number(m[2]);
    if (unit === 'w') unit = '万';
    if (unit === '万亿') (value *= 1e8), (unit = '万');
    else if (unit?.startsWith('亿')) (value *= 1e4), (unit = '万');
    found.push({ label, value, unit });
  }
  if (found.length === 0) {
    return { error: skipped ? `这里的数字像是${skipped}，不是金额。请写金额，例如：20万元。` : '没有看到金额数字。' };
  }
  if (found.some((f) => !Number.isFinite(f.value))) return { error: '金额不是有效数字。' };
  const other = /(?:其余|其他|剩下|剩余)(?:为|是)?(?:自筹|单位自筹|其他资金)/.test(text) && !found.some((f) => f.label === 'other');
  if (found.length > 1 && found.some((f) => !f.label)) {
    return { error: '有多个数字时，请写明是哪一项（实施期、年度、财政拨款、其他资金）。' };
  }
  const wan = (f: { value: number; unit?: string }): number => (f.unit === '元' ? f.value / 10_000 : f.value);
  if (found.some((f) => f.value <= 0)) return { error: '金额要大于 0。' };
  if (found.some((f) => wan(f) > MAX_WAN || !Number.isSafeInteger(Math.round(f.value)))) {
    return { error: `金额太大了（超过 ${MAX_WAN / 10_000} 亿元），请检查是否多写了位数。` };
  }
  if (found.length === 1 && !found[0]!.unit && !found[0]!.label && found[0]!.value >= YUAN_HINT && !other) {
    return { yuan: found[0]!.value };
  }
  if (other && found.length === 1 && found[0]!.label === 'fiscal') {
    return { error: `看到财政拨款 ${formatNumber(found[0]!.value)}${found[0]!.unit === '元' ? '元' : '万元'}，其余自筹：请再写总金额，例如：总额50万，财政拨款30万，其余自筹。` };
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
  const otherFunds = otherIn ?? (fiscalIn !== undefined ? round(annualTotal - fiscalIn) : 0);
  if (otherFunds < 0) return { error: '财政拨款不能大于年度金额。' };
  const annual: Funds = { total: annualTotal, fiscal: fiscalIn ?? round(annualTotal - otherFunds), other: otherFunds };
  const periodTotal = get('period') ?? annualTotal;
  if (periodTotal < annualTotal) return { error: '实施期金额不能小于年度金额。' };
  const period: Funds =
    periodTotal === annualTotal ? { ...annual } : { total: periodTotal, fiscal: round(periodTotal - otherFunds), other: otherFunds };
  return { unit, period, annual };
}

/** One line for the reply: `年度 35.6万元（财政拨款 30万元，其他资金 5.6万元）`, plus 实施期 when it differs. */
export function describeAmounts(a: Amounts): string {
  const funds = (f: Funds): string =>
    `${formatMoney(f.total, a.unit)}${f.other ? `（财政拨款 ${formatMoney(f.fiscal, a.unit)}，其他资金 ${formatMoney(f.other, a.unit)}）` : ''}`;
  const period = a.period.total !== undefined && a.period.total !== a.annual.total ? `，实施期 ${funds(a.period)}` : '';
  return `年度 ${funds(a.annual)}${period}`;
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

/** 项目实施期 and 资金支出计划 (cumulative percentages at the end of March, June, October, December). */
import { SPENDING_MONTHS } from '../domain/draft.ts';
import { finding } from './catalogue.ts';
import { formatNumber } from '../domain/number.ts';
import type { Context } from './context.ts';
import { numberField, quote, record, textField } from './input.ts';
import { compareYearMonth, parsePeriod } from './period.ts';
import type { Finding } from './types.ts';

const PERIOD_EXAMPLE = '2025年1月至2025年12月';

export function checkPeriod(ctx: Context): Finding[] {
  const f = textField(ctx.t.period);
  if (f.kind !== 'text') return []; // required / type are reported with the other text fields
  const p = parsePeriod(f.text);
  if (!p) {
    return [finding('period.unparsable', 'period', `无法识别实施期“${quote(f.text)}”。请写明起止年月，例如：${PERIOD_EXAMPLE}。`)];
  }
  if (compareYearMonth(p.start, p.end) > 0) {
    return [
      finding(
        'period.order',
        'period',
        `实施期开始（${p.start.year}年${p.start.month}月）晚于结束（${p.end.year}年${p.end.month}月）。请调换起止时间，例如：${p.end.year}年${p.end.month}月至${p.start.year}年${p.start.month}月。`,
      ),
    ];
  }
  const year = ctx.t.year;
  if (typeof year === 'number' && Number.isInteger(year) && (year < p.start.year || year > p.end.year)) {
    return [
      finding(
        'period.year-mismatch',
        'period',
        `预算年度是${year}年，但实施期为${p.start.year}年${p.start.month}月至${p.end.year}年${p.end.month}月，不含该年。请核对，例如：${year}年1月至${year}年12月。`,
      ),
    ];
  }
  return [];
}

export function checkSpendingPlan(ctx: Context): Finding[] {
  const plan = record(ctx.t.spendingPlan);
  const example = '3月底25%、6月底50%、10月底75%、12月底100%';
  const values: Array<[string, string, number | undefined]> = [];
  const out: Finding[] = [];
  let bad = false;
  for (const [key, label] of SPENDING_MONTHS) {
    const field = `spendingPlan.${key}`;
    const n = numberField(plan[key]);
    if (n.kind === 'invalid') {
      out.push(finding('field.invalid-type', field, `${label}的累计支出应为数字（百分比）。请重新填写，例如：${example}。`));
      bad = true;
    } else if (n.kind === 'number' && !(Number.isFinite(n.value) && n.value >= 0 && n.value <= 100)) {
      out.push(finding('spending.range', field, `${label}的累计支出“${formatNumber(n.value)}%”不在0–100%之间。请重新填写，例如：${example}。`));
      bad = true;
    }
    values.push([key, label, n.kind === 'number' ? n.value : undefined]);
  }
  const given = values.filter(([, , v]) => v !== undefined);
  if (given.length === 0 && !bad) {
    return [finding('spending.missing', 'spendingPlan', `尚未填写资金支出计划（累计%）。建议按季度填写，例如：${example}。`)];
  }
  if (given.length < values.length) {
    const missing = values.filter(([, , v]) => v === undefined).map(([, label]) => label);
    out.push(finding('spending.incomplete', 'spendingPlan', `资金支出计划缺少${missing.join('、')}。请补全四个累计百分比，例如：${example}。`));
  }
  if (bad) return out;
  for (let i = 1; i < given.length; i++) {
    const [, prevLabel, prev] = given[i - 1]!;
    const [, label, cur] = given[i]!;
    if ((cur as number) < (prev as number)) {
      out.push(
        finding(
          'spending.decreasing',
          'spendingPlan',
          `资金支出计划是累计数，不能下降：${prevLabel}${formatNumber(prev as number)}%，${label}却是${formatNumber(cur as number)}%。请改为逐步增加，例如：${example}。`,
        ),
      );
      break;
    }
  }
  const dec = values[3]?.[2];
  if (dec !== undefined && dec !== 100) {
    out.push(finding('spending.not-100', 'spendingPlan', `12月底累计支出应为100%，现为${formatNumber(dec)}%。请改为100%，例如：${example}。`));
  }
  return out;
}

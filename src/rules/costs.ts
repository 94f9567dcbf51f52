/**
 * 成本指标 against the budget and the counts: a cost is money with a ceiling, not the budget copied
 * without `≤`, not a rate, and unit cost × quantity must fit in the budget.
 */
import { formatNumber } from '../domain/number.ts';
import { amountInWan, moneyUnit } from '../domain/value.ts';
import { finding } from './catalogue.ts';
import type { Context } from './context.ts';
import { rowsOf, moneyWan, shareObject, type RowView } from './rows.ts';
import type { Finding, Fix } from './types.ts';

const replace = (r: RowView, value: string): Fix => ({ kind: 'replace-value', indicator: r.i, value, label: `改为 ${value}` });

/** The budget as a ceiling in the table's own unit: `≤25万元`, `≤432000元`. */
export function budgetCeiling(ctx: Context): string | undefined {
  if (ctx.budgetWan === undefined) return undefined;
  return ctx.unit === '元' ? `≤${formatNumber(ctx.budgetWan * 10000)}元` : `≤${formatNumber(ctx.budgetWan)}万元`;
}

/** A per-unit cost ceiling that makes `count` units fit the budget, rounded down to a plain figure. */
function unitCeiling(budgetWan: number, count: number, per: string): string {
  const yuan = (budgetWan * 10000) / count;
  if (yuan >= 10000) return `≤${formatNumber(Math.floor(yuan / 100) / 100)}万元/${per}`;
  return `≤${formatNumber(yuan >= 100 ? Math.floor(yuan) : Math.floor(yuan * 100) / 100)}元/${per}`;
}

export function checkCosts(ctx: Context): Finding[] {
  const out: Finding[] = [];
  const rows = rowsOf(ctx);
  const budget = ctx.budgetWan;
  const ceiling = budgetCeiling(ctx);
  for (const r of rows.filter((x) => x.isCost && x.level2 !== '社会成本指标' && x.level2 !== '生态环境成本指标')) {
    const v = r.v;
    const field = `indicators.${r.i}.value`;
    if (v.kind !== 'quantitative' || v.value === undefined) continue;
    if (v.unit === '%') {
      const fix = ceiling ? replace(r, ceiling) : undefined;
      out.push(
        finding('cost.as-rate', field, `${r.label}是成本指标，却写成了比率“${r.value}”，看不出花多少钱。请写金额上限或单位成本，例如：${ceiling ?? '≤10万元'}。`, r.i, fix),
      );
      continue;
    }
    const wan = moneyWan(r);
    if (wan === undefined || budget === undefined) continue;
    const perUnit = (v.unit ?? '').includes('/');
    if (!perUnit && v.op !== '≤' && v.op !== '<' && v.op !== '≥' && v.op !== '>' && Math.abs(wan - budget) <= budget * 0.005) {
      out.push(
        finding('cost.equals-budget', field, `${r.label}只是照抄了项目总预算“${r.value}”，不是成本控制目标。请写成上限或单位成本，例如：${ceiling}。`, r.i, replace(r, ceiling!)),
      );
      continue;
    }
    if (!perUnit) continue;
    // Unit cost × count: `≤800元/个` with `≥15000个` on a 120万元 project.
    const per = (v.unit ?? '').split('/')[1]?.replace(/^每/, '') ?? '';
    if (!per || /^(?:年|月|天|日|次数)$/.test(per)) continue;
    const count = rows
      .filter((q) => q.isQuantity && q.v.kind === 'quantitative' && q.v.unit === per && q.v.value !== undefined && q.v.value > 0)
      // The count of the same thing: 法律顾问费 per 人 is not multiplied by the 调解员 count.
      .filter((q) => shareObject(r.name, q.name))
      .map((q) => q.v.value!)
      .sort((a, b) => b - a)[0];
    if (count === undefined) continue;
    const each = amountInWan(v.value, moneyUnit(v.unit));
    if (each === undefined || each * count <= budget * 1.2) continue;
    const fixValue = unitCeiling(budget, count, per);
    out.push(
      finding(
        'cost.unit-total-over-budget',
        field,
        `${r.label}“${r.value}”乘以${formatNumber(count)}${per}约${formatNumber(Math.round(each * count * 100) / 100)}万元，超过预算${formatNumber(budget)}万元。请按预算算出单位成本，例如：${fixValue}。`,
        r.i,
        replace(r, fixValue),
      ),
    );
  }
  return out;
}

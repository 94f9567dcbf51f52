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

/** The unit a per-unit cost is per, from its name: 每场宣传活动成本 → 场, 人均培训费 → 人. */
function perUnitOf(name: string): string | undefined {
  const m = /每(?:个|名)?(人次|场次|人|场|次|期|件|台|套|户|个|名|部)/.exec(name);
  if (m) return m[1] === '名' ? '人' : m[1];
  return /人均/.test(name) ? '人' : undefined;
}

/** The count of what a per-unit cost row is per: the largest count in that unit, of the same thing when one shares a word. */
function countOf(rows: RowView[], cost: RowView, per: string): number | undefined {
  const counts = rows.filter((q) => q.isQuantity && q.v.kind === 'quantitative' && q.v.unit === per && q.v.value !== undefined && q.v.value > 0);
  const same = counts.filter((q) => shareObject(cost.name, q.name));
  return (same.length ? same : counts).map((q) => q.v.value!).sort((a, b) => b - a)[0];
}

/** Without a budget, the largest money ceiling among the other cost rows (in 万元). */
function largestCost(rows: RowView[], except: RowView): number | undefined {
  const all = rows.filter((x) => x !== except && x.isCost && !(x.v.kind === 'quantitative' && (x.v.unit ?? '').includes('/'))).flatMap((x) => {
    const w = moneyWan(x);
    return w === undefined ? [] : [w];
  });
  return all.length ? Math.max(...all) : undefined;
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
      // A per-unit cost (每场…成本, 人均…) gets the unit cost the budget allows, a total the budget.
      const per = perUnitOf(r.name);
      const count = per && budget !== undefined ? countOf(rows, r, per) : undefined;
      const value = count !== undefined ? unitCeiling(budget!, count, per!) : ceiling;
      const fix = value ? replace(r, value) : undefined;
      out.push(
        finding('cost.as-rate', field, `${r.label}是成本指标，却写成了比率“${r.value}”，看不出花多少钱。请写金额上限或单位成本，例如：${value ?? '≤10万元'}。`, r.i, fix),
      );
      continue;
    }
    if (moneyUnit(v.unit) === undefined) {
      out.push(
        finding('cost.not-money', field, `${r.label}是成本指标，“${r.value}”却不是金额${v.unit ? `（单位“${v.unit}”）` : '（没有单位）'}。请写金额上限或单位成本，例如：${ceiling ?? '≤10万元'}或≤500元/人。`, r.i),
      );
      continue;
    }
    const wan = moneyWan(r);
    const perUnit = (v.unit ?? '').includes('/');
    // `≤40元` with 457 people on a 2万 project: a unit cost written without its `/人`.
    const reference = budget ?? largestCost(rows, r);
    if (wan !== undefined && !perUnit && reference !== undefined && wan * 100 < reference) {
      const q = rows
        .filter((x) => x.isQuantity && x.v.kind === 'quantitative' && x.v.value !== undefined && x.v.value > 0 && !!x.v.unit && moneyUnit(x.v.unit) === undefined && x.v.unit !== '%')
        .find((x) => wan * x.v.value! >= reference * 0.3 && wan * x.v.value! <= reference * 1.5);
      if (q) {
        const value = `${r.value.replace(/\s+/g, '')}/${q.v.unit}`;
        out.push(
          finding(
            'cost.per-unit-missing',
            field,
            `${r.label}“${r.value}”只占${budget !== undefined ? '预算' : '总成本'}的很小一部分，乘以${q.label}的${formatNumber(q.v.value!)}${q.v.unit}正好接近总额，应是单位成本漏写了“/${q.v.unit}”。请改为：${value}。`,
            r.i,
            replace(r, value),
          ),
        );
        continue;
      }
    }
    if (wan === undefined || budget === undefined) continue;
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

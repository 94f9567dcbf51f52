/** The indicator rows as the cross-cell rules read them: canonical levels, parsed value, label. */
import { canonicalLevel1, canonicalLevel2, level1Of } from '../domain/framework.ts';
import { parseValue, valueInWan, type IndicatorValue } from '../domain/value.ts';
import type { Context } from './context.ts';
import { isRecord, list, quote, textOf } from './input.ts';

export interface RowView {
  i: number;
  level1: string;
  level2: string;
  name: string;
  value: string;
  v: IndicatorValue;
  description?: string;
  basis?: string;
  /** `第3条指标“培训人次”` for messages. */
  label: string;
  isCost: boolean;
  isQuantity: boolean;
  isEffect: boolean;
  isSatisfaction: boolean;
}

/** Rows with a name and a value; rows missing either are the required rule's business. */
export function rowsOf(ctx: Context): RowView[] {
  const out: RowView[] = [];
  list(ctx.t.indicators).forEach((item, i) => {
    if (!isRecord(item)) return;
    const name = textOf(item.name);
    const value = textOf(item.value);
    if (!name || !value || value.length > 60) return;
    const l2 = canonicalLevel2(textOf(item.level2) ?? '');
    const l1 = canonicalLevel1(textOf(item.level1) ?? '') || level1Of(l2, ctx.framework) || '';
    out.push({
      i,
      level1: l1,
      level2: l2,
      name,
      value,
      v: parseValue(value),
      description: textOf(item.description),
      basis: textOf(item.basis),
      label: `第${i + 1}条指标“${quote(name)}”`,
      isCost: l1 === '成本指标' || l2.includes('成本'),
      isQuantity: l2 === '数量指标',
      isEffect: l1 === '效益指标',
      isSatisfaction: l1 === '满意度指标' || l2 === '服务对象满意度指标',
    });
  });
  return out;
}

/** A row's money value in 万元 (`≤4.86万元` → 4.86), when it is money. */
export function moneyWan(r: RowView): number | undefined {
  return r.v.kind === 'quantitative' ? valueInWan(r.v) : undefined;
}

/** The project's own words: name, fund use and targets. */
export function projectText(ctx: Context): string {
  const t = ctx.t;
  const targets = isRecord(t.targets) ? t.targets : {};
  return [textOf(t.projectName), textOf(t.fundUse), textOf(targets.period), textOf(targets.annual)].filter(Boolean).join('\n');
}

export const GENERIC_BIGRAMS = new Set(['数量', '人数', '次数', '成本', '费用', '经费', '补贴', '工作', '服务', '指标', '完成', '项目', '社会', '人员', '全区', '群众']);

/** Whether two texts name the same thing: a shared two-character word that is not generic. */
export function shareObject(a: string, b: string): boolean {
  for (let k = 0; k + 2 <= a.length; k++) {
    const w = a.slice(k, k + 2);
    if (/^\p{Script=Han}{2}$/u.test(w) && !GENERIC_BIGRAMS.has(w) && b.includes(w)) return true;
  }
  return false;
}

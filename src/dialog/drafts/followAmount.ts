/**
 * A new amount, followed through the table: the money of the cost indicators is rescaled (a unit
 * cost or a ceiling comes from the budget), an estimate computed from the budget is computed again,
 * and every text that quotes the old amount (names, values, descriptions, 依据, targets, 用途)
 * quotes the new one. Pure; says what it changed, so that the reply can name each place.
 */
import type { DraftTable, Indicator } from '../../domain/draft.ts';
import { formatNumber } from '../../domain/number.ts';
import { amountInWan } from '../../domain/value.ts';
import { estimateCount } from '../../compose/values.ts';

// `7.88万` in a cost indicator is money too; `1万人次` is not.
const MONEY = /((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(\s*(?:亿元|万元|千元|元|万(?![人次件份册个户])))/g;

/** Money in `text` times `ratio`: whole above 100 (1399元/人), else to four decimals (8.668万元). */
export function scaleMoney(text: string, ratio: number): string {
  return text.replace(MONEY, (_all, num: string, unit: string) => {
    const n = Number(num.replace(/,/g, '')) * ratio;
    // Small figures keep four decimals: a ceiling rounded up could pass the budget it came from.
    const r = n >= 100 ? Math.round(n) : Math.round(n * 1e4) / 1e4;
    return `${formatNumber(r)}${unit}`;
  });
}

/** The money unit of a quote, in 万元: 元 → 0.0001, 万/万元 → 1, 亿元 → 10000. */
const WAN_PER: Record<string, number> = { 元: 1e-4, 千元: 0.1, 万元: 1, 万: 1, 亿元: 1e4 };

/**
 * Money in `text` that is exactly `fromWan` (万元) becomes `toWan`, written in the unit it was
 * quoted in (20万元 → 40万元, 200000元 → 400000元); other figures stay.
 */
export function requoteMoney(text: string, fromWan: number, toWan: number): string {
  return text.replace(MONEY, (all, num: string, unit: string) => {
    const per = WAN_PER[unit.trim()];
    if (per === undefined || Math.abs(Number(num.replace(/,/g, '')) * per - fromWan) > 1e-9) return all;
    return `${formatNumber(Math.round((toWan / per) * 1e4) / 1e4)}${unit}`;
  });
}

export interface AmountFollowed {
  /** Cost rows rescaled: `第 5 条 ≤20万元 → ≤40万元`. */
  costs: string[];
  /** Estimates computed again from the new budget: `第 1 条 ≥400人 → ≥800人`. */
  estimates: string[];
  /** Other places that quoted the old amount (or, in the targets, an old value): `第 3 条描述`, `实施期目标`. */
  quotes: string[];
}

const TEXT_PARTS: Array<[keyof Indicator, string]> = [
  ['name', '名称'],
  ['value', '指标值'],
  ['description', '描述'],
  ['basis', '依据'],
];

/** The composer's estimate basis: 「估算：按预算约7.5万元、同类项目每人次约300元测算」. */
const ESTIMATE = /按预算约(\d+(?:\.\d+)?)万元、同类项目每[^约，,]{1,6}约(\d+(?:\.\d+)?)元/;

/** An estimated count from a share of the old budget, computed again for the new one; undefined when it was not the formula's. */
function reestimate(i: Indicator, ratio: number): Indicator | undefined {
  const m = i.estimate ? ESTIMATE.exec(i.basis ?? '') : null;
  const v = /^([≥>＞]=?\s*)(\d+)(\D.*)$/.exec(i.value);
  if (!m || !v) return undefined;
  const share = Number(m[1]);
  const unitCost = Number(m[2]);
  // A count the user or the composer set otherwise (a cap, a coverage) is not the estimate's to change.
  if (estimateCount(share, unitCost) !== Number(v[2])) return undefined;
  const newShare = Math.round(share * ratio * 1e4) / 1e4;
  const basis = i.basis!.replace(`按预算约${m[1]}万元`, `按预算约${formatNumber(newShare)}万元`);
  return { ...i, value: `${v[1]}${estimateCount(newShare, unitCost)}${v[3]}`, basis };
}

/** Changes `after` (its amounts already new) to follow them; `before` is the table as it was. */
export function followAmount(before: DraftTable, after: DraftTable): AmountFollowed {
  const out: AmountFollowed = { costs: [], estimates: [], quotes: [] };
  const was = before.amounts.annual.total;
  const now = after.amounts.annual.total;
  if (was === undefined || now === undefined) return out;
  const oldWan = amountInWan(was, before.amounts.unit);
  const newWan = amountInWan(now, after.amounts.unit);
  if (!oldWan || !newWan || Math.abs(oldWan - newWan) < 1e-9) return out;
  const ratio = newWan / oldWan;
  // The amounts a text may quote, old → new: the year's, and the whole period's when it differs.
  const pairs: Array<[number, number]> = [[oldWan, newWan]];
  const oldPeriod = amountInWan(before.amounts.period.total ?? was, before.amounts.unit);
  const newPeriod = amountInWan(after.amounts.period.total ?? now, after.amounts.unit);
  if (oldPeriod && newPeriod && Math.abs(oldPeriod - oldWan) > 1e-9) pairs.push([oldPeriod, newPeriod]);
  const requote = (text: string): string => pairs.reduce((t, [from, to]) => requoteMoney(t, from, to), text);

  // Values rescaled or re-estimated, old figure → new (400人 → 800人): the targets promise them too.
  const figures: Array<[string, string]> = [];
  const changed = (from: string, to: string) => {
    const a = FIGURE.exec(from);
    const b = FIGURE.exec(to);
    if (a && b && a[0] !== b[0]) figures.push([a[0], b[0]]);
  };
  after.indicators = after.indicators.map((i, k) => {
    const n = k + 1;
    let row = i;
    const cost = i.level2 === '成本指标' || i.level1 === '成本指标';
    if (cost) {
      const value = scaleMoney(i.value, ratio);
      if (value !== i.value) {
        out.costs.push(`第 ${n} 条 ${i.value} → ${value}`);
        changed(i.value, value);
        row = { ...row, value, ...(i.description ? { description: scaleMoney(i.description, ratio) } : {}) };
      }
    } else {
      const again = reestimate(i, ratio);
      if (again && again.value !== i.value) {
        out.estimates.push(`第 ${n} 条 ${i.value} → ${again.value}`);
        changed(i.value, again.value);
        row = again;
      }
    }
    // What the rescaling above did not touch, but quotes the old amount word for word.
    const places: string[] = [];
    for (const [part, label] of TEXT_PARTS) {
      const text = row[part];
      if (typeof text !== 'string' || text !== i[part]) continue;
      const next = requote(text);
      if (next !== text) {
        row = { ...row, [part]: next };
        places.push(label);
      }
    }
    if (places.length) out.quotes.push(`第 ${n} 条${places.join('、')}`);
    return row;
  });
  const texts: Array<['period' | 'annual', string]> = [['period', '实施期目标'], ['annual', '年度目标']];
  for (const [part, label] of texts) {
    const text = after.targets[part];
    if (!text) continue;
    const next = requoteFigures(requote(text), figures);
    if (next !== text) {
      after.targets = { ...after.targets, [part]: next };
      out.quotes.push(label);
    }
  }
  if (after.fundUse) {
    const next = requote(after.fundUse);
    if (next !== after.fundUse) {
      after.fundUse = next;
      out.quotes.push('资金用途');
    }
  }
  return out;
}

/** An indicator value's figure: number and unit (≥400人 → 400人, ≤20万元 → 20万元). */
const FIGURE = /\d+(?:\.\d+)?[^\d\s≥≤<>=＞＜/]{1,4}$/;

/** Each old figure, written whole (not 1400人, not 400人次), becomes the new one. */
function requoteFigures(text: string, figures: Array<[string, string]>): string {
  return figures.reduce((t, [from, to]) => t.replace(new RegExp(`(?<![\\d.])${escapeRe(from)}(?![\\d.次])`, 'g'), to), text);
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The reply's line about it, or '' when the amount touched nothing else. */
export function describeFollowed(f: AmountFollowed): string {
  const parts = [
    f.costs.length ? `成本指标按新金额同比调整：${f.costs.join('；')}` : '',
    f.estimates.length ? `按预算估算的指标值已重算：${f.estimates.join('；')}` : '',
    f.quotes.length ? `引用原金额或原估算值的地方已同步更新：${f.quotes.join('、')}` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join('。\n')}。如不需要，可回复「撤销」。` : '';
}

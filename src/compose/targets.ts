/**
 * 实施期目标 and 年度目标 as numbered Chinese sentences built from the indicators: what is done and how
 * much, to what standard and when, at what cost, with what effect, and who is satisfied. Every
 * sentence is one the indicators measure; nothing is copied from the purpose. Pure.
 */
import type { Indicator } from '../domain/draft.ts';
import { parseValue } from '../domain/value.ts';
import { formatNumber } from '../domain/number.ts';

export interface TargetInput {
  indicators: Indicator[];
  /** Years the 实施期 spans (2027–2029 → [2027, 2029]); one year when equal. */
  years?: [number, number];
}

export interface ComposedTargets {
  period: string;
  annual: string;
}

const COUNT_SUFFIX = /(?:人数|数量|场次|期数|件数|次数|人次|面积|项目数|份数)$/;
const TIME_SUFFIX = /(?:完成时间|完工时间|时间)$/;

function words(op: string | undefined, isRate: boolean): string {
  switch (op) {
    case '≥':
      return isRate ? '不低于' : '不少于';
    case '>':
      return isRate ? '高于' : '多于';
    case '≤':
      return '不超过';
    case '<':
      return '低于';
    default:
      return '达到';
  }
}

/** One indicator as a clause: `培训专职网格员人数 ≥286人` → `培训专职网格员不少于286人`. */
export function clause(i: Indicator, scale = 1): string {
  const v = parseValue(i.value);
  const name = i.name.trim();
  if (v.kind === 'deadline') {
    const stem = name.replace(TIME_SUFFIX, '');
    const when = i.value.trim().replace(/前$/, '前');
    return /前$|底$|末$/.test(when) ? `${stem}于${when}完成` : `${stem}${when}`;
  }
  if (v.kind === 'quantitative' && v.value !== undefined) {
    const isRate = v.unit === '%';
    const n = isRate ? v.value : v.value * scale;
    const unit = (v.unit ?? '').replace(/^元\//, '元/');
    const amount = `${formatNumber(n)}${unit}`;
    if (i.level2.includes('成本')) return `${name}${v.op === '≤' || v.op === '<' ? '控制在' : ''}${amount}${v.op === '≤' || v.op === '<' ? '以内' : ''}`;
    // 引发的刑事案件数 =0件 → 引发的刑事案件数为0件, not 刑事案达到0件.
    if (v.op === '=' && v.value === 0) return `${name}为${amount}`;
    if (!isRate && COUNT_SUFFIX.test(name) && v.op !== '≤') {
      // 办理法律援助案件数 → 办理法律援助案件 (the noun keeps its 件).
      const stem = /案件数$/.test(name) ? name.replace(/数$/, '') : name.replace(COUNT_SUFFIX, '');
      // 完成…维修改造项目数 =1项 → 完成…维修改造1项.
      return v.op === '=' && /^完成/.test(stem) ? `${stem}${amount}` : `${stem}${words(v.op, false)}${amount}`;
    }
    if (isRate && v.op === '≤') return `${name}控制在${amount}以内`;
    if (v.op === '=' && v.value === 0) return `${name}为${amount}`;
    return `${name}${words(v.op, isRate)}${amount}`;
  }
  // Qualitative effects read as a sentence already: 参训专职网格员履职能力较上年明显提升; a name that
  // ends in the value's verb says it once (能力提升 + 较上年明显提升).
  const value = i.value.trim();
  const verb = /([\u4e00-\u9fa5]{2})$/.exec(value)?.[1];
  return `${verb && name.endsWith(verb) && value.startsWith('较') ? name.slice(0, -verb.length) : name}${value}`;
}

const isEffect = (i: Indicator) => i.level1.includes('效益') || i.level1.includes('效果');

function sentences(t: TargetInput, scale: number): string[] {
  const by = (f: (i: Indicator) => boolean) => t.indicators.filter(f);
  const out: string[] = [];
  const count = by((i) => i.level2 === '数量指标').map((i) => clause(i, scale));
  if (count.length) out.push(count.join('，'));
  const standard = by((i) => i.level2 === '质量指标' || i.level2 === '时效指标').map((i) => clause(i));
  if (standard.length) out.push(standard.join('，'));
  // Only what a cost row measures: a unit cost, or a ceiling that names what it covers.
  const cost = by((i) => i.level2.includes('成本') && !i.value.includes('预算批复')).map((i) => clause(i, i.value.includes('/') ? 1 : scale));
  if (cost.length) out.push(cost.join('，'));
  const effect = by(isEffect).map((i) => clause(i));
  if (effect.length) out.push(effect.join('，'));
  const satisfied = by((i) => i.level2.includes('满意度')).map((i) => clause(i));
  if (satisfied.length) out.push(satisfied.join('，'));
  return out;
}

const numbered = (list: string[]) => list.map((s, n) => `${n + 1}.${s}`).join('；') + (list.length ? '。' : '');

/**
 * 年度目标: every sentence for the year. 实施期目标: what the whole period delivers and achieves —
 * over several years the counts and ceilings are the period's totals (per-year figures × years);
 * over one year the outputs and effects in one sentence, so it does not repeat the 年度目标.
 */
export function composeTargets(t: TargetInput): ComposedTargets {
  if (!t.indicators.length) return { period: '', annual: '' };
  const annual = numbered(sentences(t, 1));
  const [from, to] = t.years ?? [0, 0];
  const span = from && to && to > from ? to - from + 1 : 1;
  if (span > 1) return { period: `${from}年至${to}年实施期内累计：${numbered(sentences(t, span))}`, annual };
  const outputs = t.indicators.filter((i) => i.level2 === '数量指标').map((i) => clause(i));
  const effects = t.indicators.filter(isEffect).map((i) => clause(i));
  const parts = [outputs.join('，'), effects.join('，')].filter(Boolean);
  return { period: parts.length ? `项目实施期内，${parts.join('；')}。` : annual, annual };
}

/**
 * Numbers and counted quantities as people write them in a purpose: 286名, 1,200件, 三千份, 每月1期,
 * 全年12期. Chinese numerals are read by `nzh`; 两 is normalised to 二 first (nzh does not know it).
 */
import Nzh from 'nzh';
import { toHalfWidth } from '../domain/text.ts';

const CN_DIGITS = '零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟';
const UPPER = /[壹贰叁肆伍陆柒捌玖拾佰仟]/;

/** `三千` → 3000, `叁拾伍万陆仟` → 356000, `1,200` → 1200; undefined when it is not a number. */
export function parseNumber(text: string): number | undefined {
  const t = toHalfWidth(text).replace(/,/g, '').trim();
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  if (!t || ![...t].every((c) => CN_DIGITS.includes(c))) return undefined;
  const s = t.replace(/两/g, '二').replace(/〇/g, '零');
  const out = UPPER.test(s) ? Nzh.cn.decodeB(s) : Nzh.cn.decodeS(s);
  const n = Number(out);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** What a unit counts; decides the indicator wording (人数, 场次, 案件数 …). */
export type UnitClass = 'person' | 'event' | 'case' | 'item' | 'area' | 'duration';

/** Counting units, longest first so that 人次 wins over 人 and 平方米 over 米. */
export const UNITS: ReadonlyArray<readonly [string, UnitClass]> = [
  ['平方米', 'area'],
  ['人次', 'person'],
  ['路', 'item'],
  ['人日', 'person'],
  ['件次', 'case'],
  ['场次', 'event'],
  ['课时', 'event'],
  ['个工作日', 'duration'],
  ['工作日', 'duration'],
  ['个月', 'duration'],
  ['小时', 'duration'],
  ['公里', 'area'],
  ['人', 'person'],
  ['名', 'person'],
  ['户', 'person'],
  ['位', 'person'],
  ['场', 'event'],
  ['次', 'event'],
  ['期', 'event'],
  ['轮', 'event'],
  ['堂', 'event'],
  ['件', 'case'],
  ['宗', 'case'],
  ['起', 'case'],
  ['例', 'case'],
  ['份', 'item'],
  ['册', 'item'],
  ['本', 'item'],
  ['张', 'item'],
  ['台', 'item'],
  ['套', 'item'],
  ['部', 'item'],
  ['辆', 'item'],
  ['架', 'item'],
  ['卷', 'item'],
  ['页', 'item'],
  ['个', 'item'],
  ['块', 'item'],
  ['条', 'item'],
  ['处', 'item'],
  ['所', 'item'],
  ['间', 'item'],
  ['栋', 'item'],
  ['座', 'item'],
  ['项', 'item'],
  ['批', 'item'],
  ['㎡', 'area'],
  ['米', 'area'],
  ['天', 'duration'],
];

export function unitClass(unit: string): UnitClass | undefined {
  return UNITS.find(([u]) => u === unit)?.[1];
}

export interface Quantity {
  /** For a year: `每月1期` → 12. */
  value: number;
  unit: string;
  /** The text it was read from (`每月1期`, `286名`). */
  text: string;
  /** Offset of `text` in the source. */
  index: number;
  /** The recipients it counts when it is not what is bought (为14个派出所 → 派出所). */
  coverage?: string;
  /** What a further count of an activity counts, as written before it (参审案件约1800件 → 参审案件). */
  label?: string;
  /** The clause of the purpose that states it, for the row's 依据. */
  source?: string;
}

const PER_YEAR: Record<string, number> = { 月: 12, 季度: 4, 季: 4, 周: 52, 半年: 2, 年: 1 };
// 180万页: digits with a Chinese multiplier are one number.
const NUM = `\\d[\\d,]*(?:\\.\\d+)?[万千]?|[${CN_DIGITS}]+`;
const UNIT_ALT = UNITS.map(([u]) => u).join('|');
// 每月1期 | 全年12期 | 286名 | 三千份. Money (万元, 元) and years (2027年) are not counts: not in UNITS.
const QUANTITY = new RegExp(`(每(?:月|季度|季|周|半年|年))?\\s*(${NUM})\\s*(${UNIT_ALT})`, 'g');

/** Every counted quantity in a text, in order. Dates and amounts of money are not quantities. */
export function findQuantities(text: string): Quantity[] {
  const t = toHalfWidth(text);
  const out: Quantity[] = [];
  for (const m of t.matchAll(QUANTITY)) {
    const [whole, per, num, unit] = m as unknown as [string, string | undefined, string, string];
    const index = m.index ?? 0;
    const after = t.slice(index + whole.length, index + whole.length + 1);
    // 2027年 / 3月 / 12月底 are dates; 5万元 is money; 第3季度 an ordinal.
    if (/^[年月日万元%]/.test(after) && unit !== '个月') continue;
    if (t[index - 1] === "第" || after === "性") continue;
    if (unit === '个' && after === '月') continue;
    const mult = /\d[万千]$/.test(num) ? (num.endsWith('万') ? 10000 : 1000) : 1;
    const n = mult === 1 ? parseNumber(num) : (parseNumber(num.slice(0, -1)) ?? NaN) * mult;
    if (n === undefined) continue;
    const times = per ? PER_YEAR[per.slice(1)] ?? 1 : 1;
    out.push({ value: n * times, unit: unit === '名' ? '人' : unit, text: whole.trim(), index });
  }
  return out;
}

/**
 * The indicator value grammar (指标值): `≥95%`, `＞=90%`, `大于等于 98 %`, `≤4.86万元`, `588元/部`,
 * `2024年6月底前`, `每月1期`, `有效提高` … become a structured value; `raw` is always kept verbatim.
 */
import { z } from 'zod';
import { formatNumber } from './number.ts';
import { toHalfWidth } from './text.ts';

export const COMPARATORS = ['≥', '≤', '>', '<', '='] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const ValueKind = z.enum(['quantitative', 'deadline', 'qualitative']);
export type ValueKind = z.infer<typeof ValueKind>;

export const IndicatorValueSchema = z.object({
  raw: z.string(),
  kind: ValueKind,
  op: z.enum(COMPARATORS).optional(),
  value: z.number().optional(),
  unit: z.string().optional(),
  /** Further comparisons of a compound value such as `≥2,>1300`. */
  parts: z
    .array(z.object({ op: z.enum(COMPARATORS).optional(), value: z.number(), unit: z.string().optional() }))
    .optional(),
});
export type IndicatorValue = z.infer<typeof IndicatorValueSchema>;

// Longest wordings first so that `大于等于` wins over `大于`.
const OPERATOR_WORDS: Array<[RegExp, Comparator]> = [
  [/^(?:>=|=>|≥|≧|大于或等于|大于等于|不低于|不少于|不小于|至少|达到|高于或等于)/, '≥'],
  [/^(?:<=|=<|≤|≦|小于或等于|小于等于|不高于|不超过|不多于|不大于|至多|控制在)/, '≤'],
  [/^(?:>|大于|高于|超过|多于)/, '>'],
  [/^(?:<|小于|低于|少于)/, '<'],
  [/^(?:=|等于)/, '='],
];

const SUFFIX_OPS: Array<[RegExp, Comparator]> = [
  [/(?:以上|及以上|或以上)$/, '≥'],
  [/(?:以下|及以下|或以下|以内)$/, '≤'],
];

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/;
const UNIT = /^[^\d\s,;，；、]{0,8}$/;

const DEADLINE_PATTERNS = [
  /\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*(?:底|末|前|以前|之前|内|止|完成)/,
  /^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$/,
  /(?:年底|年末|月底|季末|季度末|月末)(?:前|之前|以前)?/,
  /^每(?:年|季度?|月|周|日|天|半年)/,
  /(?:按时|按期|及时|按规定时间|按照规定时间|规定时间内|规定时限|限期)/,
  /^\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*(?:前|以前|之前|底前)/,
];

/** Normalise what users and PDFs write: full width, `％`, `＞=`, odd spaces. */
function normalize(raw: string): string {
  return toHalfWidth(raw)
    .replace(/[％]/g, '%')
    .replace(/\s+/g, ' ')
    .replace(/([><])\s*=/g, '$1=')
    .trim();
}

interface Comparison {
  op?: Comparator;
  value: number;
  unit?: string;
}

/** One comparison: optional operator word, a number, an optional short unit. */
function parseComparison(text: string): Comparison | undefined {
  let rest = text.trim();
  let op: Comparator | undefined;
  for (const [re, cmp] of OPERATOR_WORDS) {
    const m = re.exec(rest);
    if (m) {
      op = cmp;
      rest = rest.slice(m[0].length).trim();
      break;
    }
  }
  const num = NUMBER.exec(rest);
  if (!num) return undefined;
  const value = Number(num[0].replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  let unit = rest.slice(num[0].length).replace(/\s+/g, '');
  for (const [re, cmp] of SUFFIX_OPS) {
    if (re.test(unit)) {
      op ??= cmp;
      unit = unit.replace(re, '');
    }
  }
  if (!UNIT.test(unit)) return undefined;
  return unit ? { op, value, unit } : { op, value };
}

function isDeadline(text: string): boolean {
  return DEADLINE_PATTERNS.some((re) => re.test(text));
}

/** Parse an indicator value. Never throws; anything unrecognised is `qualitative`. */
export function parseValue(raw: string): IndicatorValue {
  const text = normalize(raw ?? '');
  if (!text) return { raw, kind: 'qualitative' };
  if (isDeadline(text)) return { raw, kind: 'deadline' };
  const single = parseComparison(text);
  if (single) return { raw, kind: 'quantitative', ...single };
  // Compound values: `≥2,>1300`, `≥2次；≥1300人`.
  const pieces = text.split(/\s*[,;，；、]\s*/).filter(Boolean);
  if (pieces.length > 1) {
    const parsed = pieces.map(parseComparison);
    if (parsed.every((p): p is Comparison => p !== undefined)) {
      const [first, ...others] = parsed as [Comparison, ...Comparison[]];
      return { raw, kind: 'quantitative', ...first, parts: others };
    }
  }
  return { raw, kind: 'qualitative' };
}

/** Money units a value may carry, with the factor to 万元. */
const MONEY_TO_WAN: Record<string, number> = { 万元: 1, 元: 0.0001, 千元: 0.1, 亿元: 10000, 万: 1 };

/** The base money unit of a value's unit (`万元/年` → `万元`), or undefined when it is not money. */
export function moneyUnit(unit: string | undefined): string | undefined {
  if (!unit) return undefined;
  const base = unit.split('/')[0] ?? '';
  return base in MONEY_TO_WAN ? base : undefined;
}

/** An amount in 万元 given its money unit (`元`, `万元/年` …); undefined when the unit is not money. */
export function amountInWan(amount: number, unit: string | undefined): number | undefined {
  const base = moneyUnit(unit);
  return base === undefined ? undefined : amount * (MONEY_TO_WAN[base] ?? 1);
}

/** The value in 万元 when its unit is money (`≤4.86万元` → 4.86, `588元/部` → 0.0588). */
export function valueInWan(v: IndicatorValue): number | undefined {
  return v.value === undefined ? undefined : amountInWan(v.value, v.unit);
}

export function isPercent(v: IndicatorValue): boolean {
  return v.kind === 'quantitative' && v.unit === '%';
}

// A money amount inside a value's text: `4.86万元`, `588元/部`, `1,200 元`. A bare 万 (1万人次) is a count.
const MONEY_IN_TEXT = /((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(亿元|万元|千元|元)(\/?)/g;

/**
 * The value's text with its money amounts restated in the table's unit, so that one table does not
 * mix units: `≤4.86万元` → `≤48600元` in a 元 table. In a 万元 table an amount in 元 moves over only
 * when it stays readable (at most two decimals: `5000元` → `0.5万元`), and a unit cost (`588元/部`,
 * `≤150元/人`) keeps its 元 as the sample tables print it: 0.0588万元/部 would hide the figure.
 */
export function moneyInUnit(raw: string, unit: '元' | '万元'): string {
  return raw.replace(MONEY_IN_TEXT, (all, num: string, from: string, per: string) => {
    if (unit === '万元' && per) return all;
    if (from === unit) return all;
    const wan = amountInWan(Number(num.replace(/,/g, '')), from);
    if (wan === undefined || !Number.isFinite(wan)) return all;
    const converted = unit === '元' ? wan * 10000 : wan;
    const text = formatNumber(Math.round(converted * 1e6) / 1e6);
    if (unit === '万元' && (text.split('.')[1]?.length ?? 0) > 2) return all;
    return `${text}${unit}${per}`;
  });
}

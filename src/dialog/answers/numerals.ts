/**
 * Chinese numerals in amounts (三十五万六千, 叁拾伍万陆仟元, 两年, 二〇二五年) as Arabic digits. Pure;
 * the numerals themselves are read by the composer's `parseNumber` (nzh), so both read them alike.
 */
import { parseNumber } from '../../compose/numbers.ts';

/** A run of numeral characters; it must hold a digit word, so a lone 万/千 (as in 35万) stays. */
const RUN = /[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点]+/g;
const DIGIT = /[零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾]/;
const SMALL = '零一二三四五六七八九';
const digitOf = (c: string): number => (c === '〇' ? 0 : c === '两' ? 2 : SMALL.indexOf(c));

const trim = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** 二〇二五 (digit by digit, as years are written) → 2025; 三十五点六万 → 356000; else nzh's reading. */
function toNumber(run: string): number | undefined {
  if (/^[零〇一二两三四五六七八九]{2,}$/.test(run) && /[零〇]/.test(run)) return Number([...run].map(digitOf).join(''));
  const dot = /^(.+?)点([零〇一二三四五六七八九]+)([万亿]?)$/.exec(run);
  if (!dot) return run === '零' || run === '〇' ? 0 : parseNumber(run);
  const whole = parseNumber(dot[1]!);
  if (whole === undefined) return undefined;
  const frac = Number(`0.${[...dot[2]!].map(digitOf).join('')}`);
  return (whole + frac) * (dot[3] === '亿' ? 1e8 : dot[3] === '万' ? 1e4 : 1);
}

/**
 * Replaces Chinese numerals by digits. A figure of 万 or more is written in 万 (三十五万六千 → 35.6万),
 * so that the amount parser reads it in its default unit; a smaller one stays plain (两年 → 2年).
 */
export function arabicNumerals(text: string): string {
  return text.replace(RUN, (run) => {
    if (!DIGIT.test(run)) return run;
    const value = toNumber(run);
    if (value === undefined || !Number.isFinite(value)) return run;
    if (/[万亿]/.test(run) && value >= 10_000) return `${trim(value / 10_000)}万`;
    return trim(value);
  });
}

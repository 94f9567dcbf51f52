/**
 * The implementation-period grammar (项目实施期): `2025年1月至2025年12月`, `2025年`, `2025.1-2025.12`,
 * `2025-01至2025-12`, `2025年1月—12月`, `2025年度`, `2025-2027年`. Shared with the dialog.
 */
import { squeeze, toHalfWidth } from '../domain/text.ts';

export interface YearMonth {
  year: number;
  month: number;
}

export interface Period {
  start: YearMonth;
  end: YearMonth;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

// A full date: year, then month (and an ignored day), with 年/月/日 or `.`/`/`/`-` separators.
const FULL = /^(\d{4})(?:年|[./-])(\d{1,2})(?:月份?)?(?:[./-]?(\d{1,2})日?)?(?:底|末|初)?$/;
const YEAR_ONLY = /^(\d{4})(?:年度?|年底|年末)?$/;
// The end of a range may omit its year: `2025年1月至12月`.
const MONTH_ONLY = /^(\d{1,2})(?:月份?)?(?:(\d{1,2})日?)?(?:底|末)?$/;

function validYear(y: number): boolean {
  return Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR;
}

function validMonth(m: number): boolean {
  return Number.isInteger(m) && m >= 1 && m <= 12;
}

/** One side of a range; `edge` says which month a bare year means. */
function parseSide(text: string, edge: 'start' | 'end', yearHint?: number): YearMonth | undefined {
  let m = FULL.exec(text);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = m[3] === undefined ? 1 : Number(m[3]);
    if (!validYear(year) || !validMonth(month) || day < 1 || day > 31) return undefined;
    return { year, month };
  }
  m = YEAR_ONLY.exec(text);
  if (m) {
    const year = Number(m[1]);
    return validYear(year) ? { year, month: edge === 'start' ? 1 : 12 } : undefined;
  }
  m = MONTH_ONLY.exec(text);
  if (m && yearHint !== undefined) {
    const month = Number(m[1]);
    return validMonth(month) ? { year: yearHint, month } : undefined;
  }
  return undefined;
}

function normalize(text: string): string {
  return squeeze(toHalfWidth(text))
    .replace(/[－–—―~～]+/g, '—')
    .replace(/^(?:项目)?实施期[:：]?/, '')
    .replace(/(?:止|结束)$/, '');
}

/** Split a range on 至/到/—, or on `-` when a year or a month follows it. */
function splitRange(s: string): [string, string] | [string] {
  const word = /至|到|—/.exec(s);
  if (word) return [s.slice(0, word.index), s.slice(word.index + word[0].length)];
  const dash = /-(?=\d{4}(?:\D|$)|\d{1,2}月)/.exec(s);
  if (dash) return [s.slice(0, dash.index), s.slice(dash.index + 1)];
  return [s];
}

/**
 * Parse an implementation period. Returns undefined when the text is not a period. The order of
 * start and end is not checked here (the rules report it), so `2025年12月至2025年1月` parses.
 */
export function parsePeriod(text: string): Period | undefined {
  if (typeof text !== 'string' || text.length > 200) return undefined;
  const s = normalize(text);
  if (!s) return undefined;
  const parts = splitRange(s);
  if (parts.length === 1) {
    const start = parseSide(parts[0], 'start');
    const end = parseSide(parts[0], 'end');
    return start && end ? { start, end } : undefined;
  }
  const start = parseSide(parts[0], 'start');
  if (!start) return undefined;
  const end = parseSide(parts[1], 'end', start.year);
  return end ? { start, end } : undefined;
}

/** Months from a to b, negative when b is earlier. */
export function compareYearMonth(a: YearMonth, b: YearMonth): number {
  return (a.year - b.year) * 12 + (a.month - b.month);
}

/**
 * A defensive view of whatever `checkTable` is given. The dialog and the lint command pass schema
 * checked tables, but property tests, hand-written JSON and LLM output may not be: every accessor
 * here tolerates any shape so that the rules themselves never throw.
 */
import { squeeze, toHalfWidth } from '../domain/text.ts';

export type Raw = Record<string, unknown>;

export function isRecord(x: unknown): x is Raw {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A field read as text: `missing` (absent/blank), `text`, or `invalid` (wrong type). */
export type TextField = { kind: 'missing' } | { kind: 'text'; text: string } | { kind: 'invalid' };

const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Cs}\p{Co}\uFFFE\uFFFF]/gu;

export function textField(x: unknown): TextField {
  if (x === undefined || x === null) return { kind: 'missing' };
  if (typeof x !== 'string') return { kind: 'invalid' };
  // Text of only control, format (zero-width, RTL marks) or non-characters prints as an empty cell.
  if (!x.replace(INVISIBLE, '')) return { kind: 'missing' };
  return { kind: 'text', text: x.trim() };
}

export function textOf(x: unknown): string | undefined {
  const f = textField(x);
  return f.kind === 'text' ? f.text : undefined;
}

/** A number field: absent, a number (possibly NaN/Infinity, which the rules report), or invalid. */
export type NumberField = { kind: 'missing' } | { kind: 'number'; value: number } | { kind: 'invalid' };

export function numberField(x: unknown): NumberField {
  if (x === undefined || x === null) return { kind: 'missing' };
  if (typeof x !== 'number') return { kind: 'invalid' };
  return { kind: 'number', value: x };
}

export function record(x: unknown): Raw {
  return isRecord(x) ? x : {};
}

export function list(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

/** Text compared for "is this the same words again": no spaces, no punctuation, no numbering. */
export function comparable(s: string): string {
  return squeeze(toHalfWidth(s))
    .replace(/^(?:\d+[.、)]|[(（]\d+[)）]|[一二三四五六七八九十]+、)/, '')
    .replace(/[\p{P}\p{S}]/gu, '')
    .toLowerCase();
}

/** Cut a quoted user value so messages stay short. */
export function quote(s: string, max = 20): string {
  const chars = Array.from(s.replace(/\s+/g, ' '));
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** Length in characters (not UTF-16 units), as a user counts them. */
export function charLength(s: string): number {
  return Array.from(s).length;
}

/** A text matched literally inside a RegExp (a unit such as `小时/月` or `%`). */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, (c) => `\\${c}`);
}

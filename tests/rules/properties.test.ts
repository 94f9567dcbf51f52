/** Whatever arrives — random strings, huge numbers, NaN, negatives, unicode — yields findings, never exceptions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DraftTable } from '../../src/domain/draft.ts';
import { RULES, checkTable, formatFindings, parsePeriod, type Finding } from '../../src/rules/index.ts';
import { FIELD_PATH, validTable } from './fixtures.ts';

const RUNS = { seed: 20251124, numRuns: 150 } as const;
const SEVERITY = new Map(RULES.map((r) => [r.code, r.severity]));

function wellFormed(findings: Finding[]): void {
  expect(Array.isArray(findings)).toBe(true);
  for (const f of findings) {
    expect(SEVERITY.get(f.code)).toBe(f.severity);
    expect(f.field).toMatch(FIELD_PATH);
    expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    if (f.indicator !== undefined) expect(f.field.startsWith(`indicators.${f.indicator}`)).toBe(true);
  }
  expect(typeof formatFindings(findings)).toBe('string');
}

const hostileNumber = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e300, -1),
  fc.double(),
  fc.integer({ min: -1_000_000_000, max: -1 }),
);
const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ maxLength: 3000 }),
  fc.constantFrom('', ' ', '\u0000', '\u200b', '😀'.repeat(500), '≥'.repeat(100), '9'.repeat(400), '≥1e308%', '-∞', '１２３４５６７８９０'),
);
const anyValue = fc.oneof(hostileText, hostileNumber, fc.anything({ withNullPrototype: true, withBigInt: true }));

describe('checkTable on arbitrary input', () => {
  it('never throws and always reports something for arbitrary objects', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true }), (x) => {
        const findings = checkTable(x as DraftTable);
        wellFormed(findings);
        expect(findings.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('never throws when any one field of a good table is replaced by anything', () => {
    const paths: string[][] = [
      ['year'], ['projectName'], ['department'], ['implementer'], ['period'], ['fundUse'], ['framework'],
      ['amounts'], ['amounts', 'unit'], ['amounts', 'period'], ['amounts', 'period', 'total'], ['amounts', 'annual', 'fiscal'],
      ['spendingPlan'], ['spendingPlan', 'oct'], ['targets'], ['targets', 'annual'], ['indicators'],
      ['indicators', '0'], ['indicators', '1', 'value'], ['indicators', '3', 'value'], ['indicators', '2', 'value'],
      ['indicators', '4', 'level2'], ['indicators', '6', 'name'], ['indicators', '5', 'description'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), anyValue, (path, value) => {
        const t = validTable() as unknown as Record<string, unknown>;
        let o = t;
        for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
        o[path[path.length - 1]!] = value;
        wellFormed(checkTable(t as unknown as DraftTable));
      }),
      RUNS,
    );
  });

  it('reports a NaN, infinite, negative or zero-total amount on its own field', () => {
    const parts = ['total', 'fiscal', 'other'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom('period', 'annual'),
        fc.constantFrom(...parts),
        fc.oneof(fc.constantFrom(Number.NaN, Infinity, -Infinity), fc.double({ max: -1e-9, noNaN: true })),
        (col, part, bad) => {
          const t = validTable();
          t.amounts[col as 'period' | 'annual'][part] = bad;
          const f = checkTable(t);
          wellFormed(f);
          expect(f.filter((x) => x.code === 'amount.invalid').map((x) => x.field)).toEqual([`amounts.${col}.${part}`]);
        },
      ),
      RUNS,
    );
  });

  it('flags every percentage above 100 and none within 0–100', () => {
    fc.assert(
      fc.property(fc.constantFrom('≥', '≤', '=', '', '＞', '大于等于'), fc.double({ min: 0, max: 1e12, noNaN: true }), (op, n) => {
        const t = validTable();
        const text = String(Number(n.toFixed(2)));
        t.indicators[1]!.value = `${op}${text}%`;
        const codes = checkTable(t).filter((f) => f.field === 'indicators.1.value').map((f) => f.code);
        expect(codes.includes('indicator.percent-range')).toBe(Number(text) > 100);
      }),
      RUNS,
    );
  });

  it('bounds every text field: long unicode text is an error on that field, never a crash', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('projectName', 'department', 'implementer', 'fundUse'),
        fc.string({ unit: 'grapheme', minLength: 1001, maxLength: 2000 }).filter((s) => s.trim().length > 1000),
        (field, text) => {
          const t = validTable() as unknown as Record<string, unknown>;
          t[field] = text;
          const f = checkTable(t as unknown as DraftTable);
          wellFormed(f);
          expect(f.some((x) => x.code === 'text.too-long' && x.field === field)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('keeps every finding of a random indicator list attributable to its row', () => {
    const row = fc.record(
      { level1: anyValue, level2: anyValue, name: anyValue, description: anyValue, value: anyValue, basis: anyValue },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(row, anyValue), { maxLength: 30 }), (rows) => {
        const t = validTable();
        (t as unknown as { indicators: unknown }).indicators = rows;
        const f = checkTable(t);
        wellFormed(f);
        expect(f.length).toBeGreaterThan(0);
        for (const x of f.filter((y) => y.field.startsWith('indicators.'))) expect(x.indicator).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });
});

describe('parsePeriod on arbitrary input', () => {
  it('never throws', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const p = parsePeriod(s);
        if (p) for (const ym of [p.start, p.end]) expect(ym.month >= 1 && ym.month <= 12).toBe(true);
      }),
      RUNS,
    );
  });
  it('round-trips every well-formed range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('年月至年月', 'a.b-c.d', 'a-b至c-d'),
        (y, m, dy, m2, style) => {
          const y2 = y + dy;
          const text =
            style === '年月至年月' ? `${y}年${m}月至${y2}年${m2}月` : style === 'a.b-c.d' ? `${y}.${m}-${y2}.${m2}` : `${y}-${m}至${y2}-${m2}`;
          expect(parsePeriod(text)).toEqual({ start: { year: y, month: m }, end: { year: y2, month: m2 } });
        },
      ),
      RUNS,
    );
  });
});

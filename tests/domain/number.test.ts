/** The shared number formatting (domain/number.ts) and the places that print through it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DraftTableSchema } from '../../src/domain/draft.ts';
import { formatAmount, formatNumber } from '../../src/domain/number.ts';
import { amountInWan, parseValue, valueInWan } from '../../src/domain/value.ts';
import { MAX_WAN, formatMoney, parseAmounts } from '../../src/dialog/answers/parse.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { compose } from '../../src/compose/index.ts';
import { checkTable } from '../../src/rules/index.ts';

describe('formatNumber', () => {
  it('writes numbers as a budget table does', () => {
    expect(formatNumber(20)).toBe('20');
    expect(formatNumber(3.4176)).toBe('3.4176');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1.234567)).toBe('1.234567');
    expect(formatNumber(1.23456789)).toBe('1.234568');
    expect(formatNumber(1234567.891)).toBe('1234567.891');
    expect(formatNumber(-2.5)).toBe('-2.5');
    expect(formatNumber(-1e-9)).toBe('0');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(1e-7)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatAmount(20, '万元')).toBe('20万元');
    expect(formatMoney(undefined, '万元')).toBe('—');
    expect(formatMoney(1e21, '元')).toBe('1000000000000000000000元');
  });

  it('never uses exponent notation, and rounds to at most six decimals', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const s = formatNumber(n);
        expect(s).toMatch(/^-?\d+(?:\.\d{1,6})?$/);
        if (Math.abs(n) < 1e9) expect(Math.abs(Number(s) - n)).toBeLessThanOrEqual(5e-7 + 1e-15);
      }),
    );
  });

  it('an amount it prints parses back to the same amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_WAN }), fc.integer({ min: 0, max: 6 }), (units, decimals) => {
        const n = units / 10 ** decimals;
        const a = parseAmounts(formatAmount(n, '万元'));
        expect('annual' in a ? a.annual.total : a).toBe(n);
      }),
    );
    // Beyond 1000亿 a figure is a typo, refused with a reason rather than stored.
    expect(parseAmounts(`年度${formatAmount(1e21, '万元')}`)).toEqual({ error: expect.stringContaining('太大') });
  });
});

describe('amountInWan', () => {
  it('converts by the money unit, like valueInWan', () => {
    expect(amountInWan(34176, '元')).toBeCloseTo(3.4176, 10);
    expect(amountInWan(20, '万元')).toBe(20);
    expect(amountInWan(2, '亿元')).toBe(20000);
    expect(amountInWan(5, '次')).toBeUndefined();
    expect(valueInWan(parseValue('588元/部'))).toBeCloseTo(0.0588, 10);
  });
});

describe('printed through the shared formatting', () => {
  it('a suggested cost ceiling keeps the budget exact (not rounded above it)', () => {
    const s = compose(loadLibrary(), { name: '社区矫正工作经费', amount: 1.234567 });
    expect(s.indicators.find((i) => i.level2 === '成本指标')!.value).toBe('≤1.234567万元');
  });

  it('rule messages quote huge budgets in plain digits', () => {
    const t = DraftTableSchema.parse({
      amounts: { unit: '万元', period: { total: 1e16, fiscal: 1e16, other: 0 }, annual: { total: 1e16, fiscal: 1e16, other: 0 } },
      indicators: [{ level1: '产出指标', level2: '成本指标', name: '项目总成本', value: '≥5万元' }],
    });
    const messages = checkTable(t).map((f) => f.message).join('\n');
    expect(messages).toContain('≤10000000000000000万元');
    expect(messages).not.toMatch(/\de[+-]\d/);
  });
});

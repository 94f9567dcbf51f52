import { describe, expect, it } from 'vitest';
import { compareYearMonth, parsePeriod } from '../../src/rules/index.ts';

describe('parsePeriod', () => {
  const ok: Array<[string, [number, number, number, number]]> = [
    ['2025年1月至2025年12月', [2025, 1, 2025, 12]],
    ['2025年', [2025, 1, 2025, 12]],
    ['2025年度', [2025, 1, 2025, 12]],
    ['2025.1-2025.12', [2025, 1, 2025, 12]],
    ['2025-01至2025-12', [2025, 1, 2025, 12]],
    ['2025/3-2025/9', [2025, 3, 2025, 9]],
    ['2025年1月—12月', [2025, 1, 2025, 12]],
    ['2025年1月至12月', [2025, 1, 2025, 12]],
    ['2025年1月1日至2025年12月31日', [2025, 1, 2025, 12]],
    ['2025-2027年', [2025, 1, 2027, 12]],
    ['2025年至2027年', [2025, 1, 2027, 12]],
    ['２０２５年１月至２０２５年１２月', [2025, 1, 2025, 12]],
    [' 2025 年 1 月 至 2025 年 12 月 ', [2025, 1, 2025, 12]],
    ['2023年1月-2023年12月', [2023, 1, 2023, 12]],
  ];
  it.each(ok)('parses %s', (text, [sy, sm, ey, em]) => {
    expect(parsePeriod(text)).toEqual({ start: { year: sy, month: sm }, end: { year: ey, month: em } });
  });

  it('parses a reversed range without judging it (the rules report the order)', () => {
    const p = parsePeriod('2025年12月至2025年1月');
    expect(p).toEqual({ start: { year: 2025, month: 12 }, end: { year: 2025, month: 1 } });
    expect(compareYearMonth(p!.start, p!.end)).toBe(11);
  });

  it.each(['', '长期', '1年', '2025年13月', '2025年0月至2025年12月', '25年1月至12月', 'abc', '2025年1月至', '至2025年12月', '9999年'])(
    'rejects %j',
    (text) => {
      expect(parsePeriod(text)).toBeUndefined();
    },
  );

  it('never throws on non-strings', () => {
    for (const x of [undefined, null, 5, {}, [], NaN]) expect(parsePeriod(x as unknown as string)).toBeUndefined();
  });
});

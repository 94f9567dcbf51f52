import { describe, expect, it } from 'vitest';
import { parseValue, valueInWan } from '../../src/domain/value.ts';

describe('indicator value grammar', () => {
  const cases: Array<[string, Partial<ReturnType<typeof parseValue>>]> = [
    ['≥95%', { kind: 'quantitative', op: '≥', value: 95, unit: '%' }],
    ['＞=90%', { kind: 'quantitative', op: '≥', value: 90, unit: '%' }],
    ['大于等于 98 %', { kind: 'quantitative', op: '≥', value: 98, unit: '%' }],
    ['≤4.86万元', { kind: 'quantitative', op: '≤', value: 4.86, unit: '万元' }],
    ['100%', { kind: 'quantitative', op: undefined, value: 100, unit: '%' }],
    ['0件', { kind: 'quantitative', value: 0, unit: '件' }],
    ['=365天', { kind: 'quantitative', op: '=', value: 365, unit: '天' }],
    ['588元/部', { kind: 'quantitative', value: 588, unit: '元/部' }],
    ['≤150元/人', { kind: 'quantitative', op: '≤', value: 150, unit: '元/人' }],
    ['≥95％以上', { kind: 'quantitative', op: '≥', value: 95, unit: '%' }],
    ['１，３００人', { kind: 'quantitative', value: 1300, unit: '人' }],
    ['165.35万', { kind: 'quantitative', value: 165.35, unit: '万' }],
    ['2024年6月底前', { kind: 'deadline' }],
    ['2024 年 6 月底前', { kind: 'deadline' }],
    ['每月1期', { kind: 'deadline' }],
    ['按规定时间执行', { kind: 'deadline' }],
    ['有效提高', { kind: 'qualitative' }],
    ['是', { kind: 'qualitative' }],
    ['', { kind: 'qualitative' }],
  ];
  it.each(cases)('parses %s', (raw, expected) => {
    const v = parseValue(raw);
    expect(v.raw).toBe(raw);
    for (const [k, want] of Object.entries(expected)) expect(v[k as keyof typeof v]).toEqual(want);
  });

  it('parses a compound value into its parts', () => {
    expect(parseValue('≥2,>1300')).toEqual({
      raw: '≥2,>1300',
      kind: 'quantitative',
      op: '≥',
      value: 2,
      parts: [{ op: '>', value: 1300 }],
    });
  });

  it('keeps raw exactly, whitespace included', () => {
    expect(parseValue('  ≥ 95 % ').raw).toBe('  ≥ 95 % ');
  });

  it('converts money to 万元', () => {
    expect(valueInWan(parseValue('≤4.86万元'))).toBe(4.86);
    expect(valueInWan(parseValue('588元/部'))).toBeCloseTo(0.0588);
    expect(valueInWan(parseValue('≥95%'))).toBeUndefined();
  });

  it('never throws on hostile input', () => {
    for (const s of ['1e308', '-0', 'NaN', '\u202e≥95%', '≥'.repeat(10_000), '<script>', '9'.repeat(400)]) {
      expect(() => parseValue(s)).not.toThrow();
    }
    expect(parseValue('9'.repeat(400)).kind).toBe('qualitative');
  });
});

import { describe, expect, it } from 'vitest';
import { belongsTo, canonicalLevel1, canonicalLevel2, level1Of } from '../../src/domain/framework.ts';

describe('indicator framework', () => {
  it('maps source wordings to canonical names', () => {
    expect(canonicalLevel1('效果\n指标')).toBe('效益指标');
    expect(canonicalLevel1('产出')).toBe('产出指标');
    expect(canonicalLevel2('社会效益')).toBe('社会效益指标');
    expect(canonicalLevel2('服务对象满意度')).toBe('服务对象满意度指标');
    expect(canonicalLevel2('可持续性影响')).toBe('可持续影响指标');
    expect(canonicalLevel2(' 数量\n指标 ')).toBe('数量指标');
    expect(canonicalLevel2('')).toBe('');
  });

  it('knows both frameworks', () => {
    expect(level1Of('成本指标')).toBe('产出指标');
    expect(level1Of('经济成本指标', 'mof2021')).toBe('成本指标');
    expect(belongsTo('产出指标', '成本指标', 'mof2021')).toBe(false);
    expect(belongsTo('效益指标', '社会效益指标')).toBe(true);
  });
});

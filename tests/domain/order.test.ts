/** The one framework ordering (domain/framework.ts) and the modules that rely on it. */
import { describe, expect, it } from 'vitest';
import { DraftTableSchema } from '../../src/domain/draft.ts';
import { allLevel2, orderByFramework } from '../../src/domain/framework.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { lookup } from '../../src/library/lookup.ts';
import { compose } from '../../src/compose/index.ts';
import { orderIndicators } from '../../src/render/group.ts';

const row = (level1: string, level2: string, name = level2) => ({ level1, level2, name });
const library = loadLibrary();

/** The 二级 sequence is a subsequence of the framework's, i.e. in framework order. */
function inOrder(level2s: string[], order: string[]): boolean {
  const ranks = level2s.map((l) => order.indexOf(l));
  return ranks.every((r, i) => r >= 0 && (i === 0 || ranks[i - 1]! <= r));
}

describe('orderByFramework', () => {
  it('sorts 一级 then 二级 in framework order, stably within a category', () => {
    const items = [
      row('满意度指标', '服务对象满意度指标'),
      row('效益指标', '社会效益指标', 'a'),
      row('产出指标', '成本指标'),
      row('效益指标', '经济效益指标'),
      row('产出指标', '数量指标', 'x'),
      row('效益指标', '社会效益指标', 'b'),
      row('产出指标', '数量指标', 'y'),
    ];
    expect(orderByFramework(items, 'local').map((i) => i.name)).toEqual([
      'x', 'y', '成本指标', '经济效益指标', 'a', 'b', '服务对象满意度指标',
    ]);
  });

  it('puts the 2021 成本指标 between 产出 and 效益', () => {
    const items = [row('效益指标', '社会效益指标'), row('成本指标', '经济成本指标'), row('产出指标', '时效指标')];
    expect(orderByFramework(items, 'mof2021').map((i) => i.level1)).toEqual(['产出指标', '成本指标', '效益指标']);
  });

  it('keeps unknown names after the known ones, in first-appearance order, never dropping any', () => {
    const items = [
      row('其他指标', '甲'),
      row('产出指标', '自定义指标'),
      row('另一类', '乙'),
      row('产出指标', '数量指标'),
      row('其他指标', '丙'),
    ];
    const out = orderByFramework(items, 'local');
    expect(out.map((i) => i.name)).toEqual(['数量指标', '自定义指标', '甲', '丙', '乙']);
    expect(items.map((i) => i.name)).toEqual(['甲', '自定义指标', '乙', '数量指标', '丙']); // input untouched
  });

  it('is what the DOCX uses', () => {
    const table = DraftTableSchema.parse({
      framework: 'mof2021',
      indicators: [
        { level1: '满意度指标', level2: '服务对象满意度指标', name: '满意度', value: '≥90%' },
        { level1: '成本指标', level2: '经济成本指标', name: '成本', value: '≤1万元' },
      ],
    });
    expect(orderIndicators(table)).toEqual(orderByFramework(table.indicators, 'mof2021'));
    expect(orderIndicators(table).map((i) => i.name)).toEqual(['成本', '满意度']);
  });
});

describe('library order', () => {
  it('suggestions come in framework order, for both frameworks', () => {
    for (const framework of ['local', 'mof2021'] as const) {
      const s = compose(library, { name: '社区矫正工作经费', amount: 20, framework });
      expect(inOrder(s.indicators.map((i) => i.level2), allLevel2(framework))).toBe(true);
    }
  });

  it('look-up groups come in framework order', () => {
    const r = lookup(library, '社区矫正');
    expect(r.groups.length).toBeGreaterThan(3);
    expect(inOrder(r.groups.map((g) => g.level2), allLevel2('local'))).toBe(true);
  });
});

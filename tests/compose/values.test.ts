import { describe, expect, it } from 'vitest';
import { clause, composeTargets } from '../../src/compose/targets.ts';
import { estimateCount, unitCost } from '../../src/compose/values.ts';
import type { Indicator } from '../../src/domain/draft.ts';

describe('unit cost arithmetic', () => {
  it('divides the budget by the count and rounds up (a ceiling)', () => {
    expect(unitCost(50, 800, '件')).toBe('≤625元/件');
    expect(unitCost(35.6, 286, '人')).toBe('≤1245元/人');
    expect(unitCost(595, 85, '人')).toBe('≤7万元/人');
    expect(unitCost(30, 40, '人')).toBe('≤7500元/人');
    expect(unitCost(3, 3000, '份')).toBe('≤10元/份');
    expect(unitCost(0.5, 3000, '份')).toBe('≤1.67元/份');
  });

  it('estimates a count from the budget share without promising too much', () => {
    expect(estimateCount(3, 3000)).toBe(10);
    expect(estimateCount(8, 500)).toBe(160);
    expect(estimateCount(12.34, 300)).toBe(410);
    expect(estimateCount(0.1, 5000)).toBe(1);
  });
});

const row = (level1: string, level2: string, name: string, value: string): Indicator => ({ level1, level2, name, value });

describe('target sentences', () => {
  it('turns a row into a proper clause, never name-plus-value', () => {
    expect(clause(row('产出指标', '数量指标', '培训专职网格员人数', '≥286人'))).toBe('培训专职网格员不少于286人');
    expect(clause(row('产出指标', '质量指标', '培训考核合格率', '≥95%'))).toBe('培训考核合格率不低于95%');
    expect(clause(row('产出指标', '质量指标', '脱管漏管率', '=0%'))).toBe('脱管漏管率为0%');
    expect(clause(row('产出指标', '时效指标', '年度培训完成时间', '2027年11月底前'))).toBe('年度培训于2027年11月底前完成');
    expect(clause(row('产出指标', '成本指标', '案均补贴标准', '≤625元/件'))).toBe('案均补贴标准控制在625元/件以内');
    expect(clause(row('产出指标', '数量指标', '完成外立面幕墙维修改造项目数', '=1项'))).toBe('完成外立面幕墙维修改造1项');
    expect(clause(row('效益指标', '社会效益指标', '参训人员履职能力', '较上年明显提升'))).toBe('参训人员履职能力较上年明显提升');
  });

  it('keeps the noun of a count and says a zero and a repeated verb once', () => {
    expect(clause(row('产出指标', '数量指标', '办理法律援助案件数', '≥1500件'))).toBe('办理法律援助案件不少于1500件');
    expect(clause(row('效益指标', '社会效益指标', '因矛盾纠纷激化引发的刑事案件数', '=0件'))).toBe('因矛盾纠纷激化引发的刑事案件数为0件');
    expect(clause(row('效益指标', '社会效益指标', '参与人员能力提升', '较上年明显提升'))).toBe('参与人员能力较上年明显提升');
  });

  const indicators = [
    row('产出指标', '数量指标', '培训专职网格员人数', '≥286人'),
    row('产出指标', '成本指标', '人均年度经费', '≤1245元/人'),
    row('满意度指标', '服务对象满意度指标', '参训人员满意度', '≥90%'),
  ];

  it('numbers the sentences: output, cost, satisfaction; only what a row measures', () => {
    const t = composeTargets({ indicators, years: [2027, 2027] });
    expect(t.annual).toBe('1.培训专职网格员不少于286人；2.人均年度经费控制在1245元/人以内；3.参训人员满意度不低于90%。');
    expect(t.annual).not.toMatch(/保障.*顺利实施|项目支出控制在/);
    // One year: the period target states outputs and effects once, not a copy of the year's.
    expect(t.period).toBe('项目实施期内，培训专职网格员不少于286人。');
  });

  it('states the whole period when it spans several years', () => {
    const ceiling = [...indicators, row('产出指标', '成本指标', '培训费用', '≤35.6万元')];
    const t = composeTargets({ indicators: ceiling, years: [2027, 2029] });
    expect(t.period).toMatch(/^2027年至2029年实施期内累计：1\.培训专职网格员不少于858人；2\.人均年度经费控制在1245元\/人以内，培训费用控制在106\.8万元以内/);
    expect(t.period).not.toBe(t.annual);
  });
});

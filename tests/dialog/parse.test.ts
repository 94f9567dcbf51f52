import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeTargets } from '../../src/compose/targets.ts';
import { effectiveTable } from '../../src/dialog/drafts/defaults.ts';
import { parseAmounts, parseSelection, parseSpendingPlan } from '../../src/dialog/answers/parse.ts';
import { parsePaste, splitNameValue } from '../../src/dialog/answers/paste.ts';
import { emptyTable } from '../../src/domain/draft.ts';

describe('parseAmounts', () => {
  it('one number: 实施期 = 年度, all 财政拨款, 万元', () => {
    const all = { total: 20, fiscal: 20, other: 0 };
    expect(parseAmounts('20')).toEqual({ unit: '万元', period: all, annual: all });
    expect(parseAmounts('２０万元')).toEqual({ unit: '万元', period: all, annual: all });
    expect(parseAmounts('项目金额为20万')).toEqual({ unit: '万元', period: all, annual: all });
  });

  it('元 when the user writes 元, with thousands separators', () => {
    const all = { total: 123456.5, fiscal: 123456.5, other: 0 };
    expect(parseAmounts('123,456.5元')).toEqual({ unit: '元', period: all, annual: all });
  });

  it('a full breakdown', () => {
    expect(parseAmounts('实施期100万，年度20万，财政拨款15万，其他资金5万')).toEqual({
      unit: '万元',
      period: { total: 100, fiscal: 95, other: 5 },
      annual: { total: 20, fiscal: 15, other: 5 },
    });
    expect(parseAmounts('财政拨款 15 万 其他资金 5 万')).toMatchObject({ annual: { total: 20, fiscal: 15, other: 5 } });
    expect(parseAmounts('年度 20 万元；实施期 60 万元')).toMatchObject({ period: { total: 60 }, annual: { total: 20 } });
  });

  it('refuses what it cannot read, with a reason', () => {
    expect(parseAmounts('20 30')).toHaveProperty('error');
    expect(parseAmounts('2025年')).toEqual({ error: expect.stringContaining('年份') });
    expect(parseAmounts('第3季度')).toEqual({ error: expect.stringContaining('季度') });
    expect(parseAmounts('网格员人数 ≥50人')).toEqual({ error: expect.stringContaining('数量') });
    expect(parseAmounts('35万亿')).toEqual({ error: expect.stringContaining('太大') });
    expect(parseAmounts('9999999999999999999')).toEqual({ error: expect.stringContaining('太大') });
    expect(parseAmounts('-5')).toEqual({ error: expect.stringContaining('大于 0') });
    expect(parseAmounts('财政拨款30万其余自筹')).toEqual({ error: expect.stringContaining('总金额') });
  });

  it('amounts as people write them', () => {
    const wan = (n: number) => ({ unit: '万元', period: { total: n, fiscal: n, other: 0 }, annual: { total: n, fiscal: n, other: 0 } });
    const yuan = (n: number) => ({ unit: '元', period: { total: n, fiscal: n, other: 0 }, annual: { total: n, fiscal: n, other: 0 } });
    expect(parseAmounts('35.6万')).toEqual(wan(35.6));
    expect(parseAmounts('35.6w')).toEqual(wan(35.6));
    expect(parseAmounts('35.6W元')).toEqual(wan(35.6));
    expect(parseAmounts('二十万')).toEqual(wan(20));
    expect(parseAmounts('三十五万六千')).toEqual(wan(35.6));
    expect(parseAmounts('叁拾伍万陆仟元')).toEqual(wan(35.6));
    expect(parseAmounts('三十五点六万')).toEqual(wan(35.6));
    expect(parseAmounts('￥356000')).toEqual(yuan(356000));
    expect(parseAmounts('¥356,000')).toEqual(yuan(356000));
    expect(parseAmounts('356000元')).toEqual(yuan(356000));
    expect(parseAmounts('2026年预算20万')).toEqual(wan(20));
    expect(parseAmounts('实施期两年共70万其中今年35万')).toEqual({
      unit: '万元',
      period: { total: 70, fiscal: 70, other: 0 },
      annual: { total: 35, fiscal: 35, other: 0 },
    });
    expect(parseAmounts('总额50万，财政拨款30万，其余自筹')).toMatchObject({ annual: { total: 50, fiscal: 30, other: 20 } });
  });

  it('a bare number of 10,000 or more is offered as 元, not taken as 万元', () => {
    expect(parseAmounts('356000')).toEqual({ yuan: 356000 });
    expect(parseAmounts('9999')).toMatchObject({ unit: '万元', annual: { total: 9999 } });
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof parseAmounts(s) === 'object'));
  });
});

describe('parseSpendingPlan and parseSelection', () => {
  it('reads plans in either form', () => {
    expect(parseSpendingPlan('25/50/75/100')).toEqual({ mar: 25, jun: 50, oct: 75, dec: 100 });
    expect(parseSpendingPlan('3月底30%，6月底60%，10月底80%，12月底100%')).toEqual({ mar: 30, jun: 60, oct: 80, dec: 100 });
    expect(parseSpendingPlan('25 50')).toHaveProperty('error');
  });

  it('reads selections', () => {
    expect(parseSelection('1,3,5-7')).toEqual([1, 3, 5, 6, 7]);
    expect(parseSelection('7-5，1、1')).toEqual([1, 5, 6, 7]);
    expect(parseSelection('3')).toEqual([3]);
    expect(parseSelection('改 3')).toBeUndefined();
    expect(parseSelection('1-100000')).toBeUndefined();
    expect(parseSelection('100000-1')).toBeUndefined();
    // Past 2^53 (or at Infinity) a counting loop never ends: such numbers are not a selection.
    expect(parseSelection('9007199254740993')).toBeUndefined();
    expect(parseSelection('99999999999999999999-99999999999999999999')).toBeUndefined();
    expect(parseSelection('9'.repeat(400))).toBeUndefined();
    fc.assert(fc.property(fc.string(), (s) => parseSelection(s) === undefined || Array.isArray(parseSelection(s))));
  });
});

describe('parsePaste', () => {
  it('reads 字段：值 lines, indicator lines and old-table rows', () => {
    const r = parsePaste(
      [
        '项目名称：法律援助经费',
        '主管部门: 某区司法局',
        '年度金额：20万元',
        '其他资金：5万元',
        '数量指标：办理案件 ≥300件；法律咨询≥2000人次',
        '指标：质量指标 结案率 ≥95%',
        '效益指标\t社会效益指标\t群众权益保障\t保障困难群众合法权益\t有效保障\t依据',
        '随便一行',
      ].join('\n'),
      'local',
    )!;
    expect(r.fields.projectName).toBe('法律援助经费');
    expect(r.fields.department).toBe('某区司法局');
    expect(parseAmounts(r.fields.amounts!)).toMatchObject({ annual: { total: 20, fiscal: 15, other: 5 } });
    expect(r.indicators.map((i) => `${i.level1}/${i.level2}/${i.name}/${i.value}`)).toEqual([
      '产出指标/数量指标/办理案件/≥300件',
      '产出指标/数量指标/法律咨询/≥2000人次',
      '产出指标/质量指标/结案率/≥95%',
      '效益指标/社会效益指标/群众权益保障/有效保障',
    ]);
    expect(r.indicators[3]!.description).toBe('保障困难群众合法权益');
  });

  it('is not triggered by an ordinary answer', () => {
    expect(parsePaste('社区矫正工作经费', 'local')).toBeUndefined();
    expect(parsePaste('主要用于：培训和宣传', 'local')).toBeUndefined();
  });

  it('splits name and value', () => {
    expect(splitNameValue('培训合格率 ≥ 95%')).toEqual({ name: '培训合格率', value: '≥95%' });
    expect(splitNameValue('完成时间 2027年6月底前')).toEqual({ name: '完成时间', value: '2027年6月底前' });
    expect(splitNameValue('无值')).toBeUndefined();
  });
});

describe('defaults', () => {
  it('next calendar year, 实施单位 = 主管部门, 25/50/75/100, drafted targets', () => {
    const t = emptyTable();
    t.projectName = '法律援助经费';
    t.department = '某局';
    t.fundUse = '用于法律援助。';
    t.amounts = { unit: '万元', period: {}, annual: { total: 20, fiscal: 20, other: 0 } };
    t.indicators = [
      { level1: '产出指标', level2: '数量指标', name: '办理案件', value: '≥300件' },
      { level1: '产出指标', level2: '成本指标', name: '项目成本', value: '≤20万元' },
      { level1: '满意度指标', level2: '服务对象满意度指标', name: '受援人满意度', value: '≥95%' },
    ];
    const { table, defaulted } = effectiveTable(t, new Date('2026-05-01T00:00:00Z'));
    expect(table.period).toBe('2027年1月至2027年12月');
    expect(table.year).toBe(2027);
    expect(table.implementer).toBe('某局');
    expect(table.amounts.period).toEqual({ total: 20, fiscal: 20, other: 0 });
    expect(table.spendingPlan).toEqual({ mar: 25, jun: 50, oct: 75, dec: 100 });
    // Sentences the indicators measure, never the purpose with 「保障…顺利实施」 glued on.
    expect(table.targets.annual).toBe('1.办理案件不少于300件；2.项目成本控制在20万元以内；3.受援人满意度不低于95%。');
    expect(table.targets.period).toBe('项目实施期内，办理案件不少于300件。');
    expect([...defaulted].sort()).toEqual(['amounts.period', 'implementer', 'period', 'spendingPlan', 'targets.annual', 'targets.period']);
    // The user's own answers are never replaced, and the input is not mutated.
    t.period = '2026年1月至2026年12月';
    expect(effectiveTable(t, new Date()).table.year).toBe(2026);
    expect(t.implementer).toBeUndefined();
    expect(composeTargets({ indicators: emptyTable().indicators })).toEqual({ period: '', annual: '' });
  });
});

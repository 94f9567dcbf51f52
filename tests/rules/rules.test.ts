import { describe, expect, it } from 'vitest';
import type { DraftTable } from '../../src/domain/draft.ts';
import { RULES, checkTable, formatFindings, hasErrors, ruleSpec, type Finding } from '../../src/rules/index.ts';
import { FIELD_PATH, findingsOf, validTable, withEdit } from './fixtures.ts';
import { REVIEW_CASES } from './review-cases.ts';

type Edit = (t: DraftTable) => void;
const ind = (t: DraftTable, i: number) => t.indicators[i]!;
/** Replace the whole table content, bypassing the types, as hand-written JSON can. */
const set = (t: DraftTable, path: string[], value: unknown): void => {
  let o = t as unknown as Record<string, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[path[path.length - 1]!] = value;
};

interface Case {
  name: string;
  code: string;
  field: string;
  fail: Edit;
  pass: Edit;
}

// One failing and one passing neighbour per rule. The passing edit stays close to the failure so
// the test shows where the line is.
const CASES: Case[] = [
  { name: 'project name missing', code: 'required', field: 'projectName', fail: (t) => (t.projectName = '  '), pass: (t) => (t.projectName = '普法宣传') },
  { name: 'project name invisible', code: 'required', field: 'projectName', fail: (t) => (t.projectName = '\u0000\u200b\u202e\uFFFE'), pass: (t) => (t.projectName = '\u202e普法宣传') },
  { name: 'department missing', code: 'required', field: 'department', fail: (t) => delete t.department, pass: (t) => (t.department = '司法局') },
  { name: 'implementer missing', code: 'required', field: 'implementer', fail: (t) => (t.implementer = ''), pass: (t) => (t.implementer = '司法所') },
  { name: 'fund use missing', code: 'required', field: 'fundUse', fail: (t) => delete t.fundUse, pass: (t) => (t.fundUse = '用于普法宣传资料印制') },
  { name: 'period target missing', code: 'required', field: 'targets.period', fail: (t) => delete t.targets.period, pass: () => {} },
  { name: 'annual total missing', code: 'required', field: 'amounts.annual.total', fail: (t) => delete t.amounts.annual.total, pass: (t) => delete t.amounts.annual.other },
  { name: 'no indicators', code: 'required', field: 'indicators', fail: (t) => (t.indicators = []), pass: () => {} },
  { name: 'indicator value empty', code: 'required', field: 'indicators.0.value', fail: (t) => (ind(t, 0).value = ' '), pass: (t) => (ind(t, 0).value = '=5个') },
  { name: 'indicator name empty', code: 'required', field: 'indicators.1.name', fail: (t) => (ind(t, 1).name = ''), pass: (t) => (ind(t, 1).name = '故障率') },
  { name: 'wrong type', code: 'field.invalid-type', field: 'projectName', fail: (t) => set(t, ['projectName'], 42), pass: (t) => (t.projectName = '42号项目') },
  {
    name: 'name of 2000 characters',
    code: 'text.too-long',
    field: 'projectName',
    fail: (t) => (t.projectName = '法'.repeat(2000)),
    pass: (t) => (t.projectName = '法'.repeat(80)),
  },
  { name: 'indicator value too long', code: 'text.too-long', field: 'indicators.0.value', fail: (t) => (ind(t, 0).value = `≥5个${'。'.repeat(60)}`), pass: () => {} },
  { name: 'unknown framework', code: 'field.invalid-type', field: 'framework', fail: (t) => set(t, ['framework'], 'mof2018'), pass: (t) => (t.framework = 'local') },
  {
    name: 'a number that is not a deadline',
    code: 'indicator.deadline-before-period',
    field: 'indicators.2.value',
    fail: (t) => (ind(t, 2).value = '2024.12前'),
    pass: (t) => (ind(t, 2).value = '≤1000.5小时'),
  },
  { name: 'year', code: 'year.invalid', field: 'year', fail: (t) => (t.year = 25), pass: (t) => (t.year = 2025) },
  { name: 'negative amount', code: 'amount.invalid', field: 'amounts.period.fiscal', fail: (t) => (t.amounts.period.fiscal = -1), pass: (t) => (t.amounts.period.fiscal = 9.88) },
  { name: 'zero total', code: 'amount.invalid', field: 'amounts.period.total', fail: (t) => (t.amounts.period.total = 0), pass: () => {} },
  { name: 'NaN amount', code: 'amount.invalid', field: 'amounts.annual.total', fail: (t) => (t.amounts.annual.total = Number.NaN), pass: () => {} },
  {
    name: 'five decimals in 万元',
    code: 'amount.precision',
    field: 'amounts.period.total',
    fail: (t) => {
      t.amounts.period = { total: 9.88001, fiscal: 9.88001, other: 0 };
    },
    pass: (t) => {
      t.amounts.period = { total: 9.8801, fiscal: 9.8801, other: 0 };
    },
  },
  {
    name: 'three decimals in 元',
    code: 'amount.precision',
    field: 'amounts.annual.total',
    fail: (t) => {
      t.amounts = { unit: '元', period: { total: 98800.123 }, annual: { total: 98800.123 } };
      ind(t, 3).value = '≤9.88万元';
    },
    pass: (t) => {
      t.amounts = { unit: '元', period: { total: 98800.12 }, annual: { total: 98800.12 } };
      ind(t, 3).value = '≤9.88万元';
    },
  },
  {
    name: 'fiscal + other ≠ total',
    code: 'amount.sum-mismatch',
    field: 'amounts.period.total',
    fail: (t) => (t.amounts.period = { total: 9.88, fiscal: 8, other: 1 }),
    pass: (t) => (t.amounts.period = { total: 9.88, fiscal: 8.88, other: 1 }),
  },
  {
    name: 'sum within the 0.0001万元 tolerance',
    code: 'amount.sum-mismatch',
    field: 'amounts.annual.total',
    fail: (t) => (t.amounts.annual = { total: 9.88, fiscal: 9.8798 }),
    pass: (t) => (t.amounts.annual = { total: 9.88, fiscal: 9.8799 }),
  },
  {
    name: 'other alone above the total',
    code: 'amount.sum-mismatch',
    field: 'amounts.annual.total',
    fail: (t) => (t.amounts.annual = { total: 9.88, other: 10 }),
    pass: (t) => (t.amounts.annual = { total: 9.88, other: 1 }),
  },
  {
    name: 'annual above period',
    code: 'amount.annual-exceeds-period',
    field: 'amounts',
    fail: (t) => (t.amounts.annual = { total: 10, fiscal: 10 }),
    pass: (t) => (t.amounts.annual = { total: 5, fiscal: 5 }),
  },
  { name: 'unit', code: 'amount.unit-invalid', field: 'amounts.unit', fail: (t) => set(t, ['amounts', 'unit'], '美元'), pass: (t) => (t.amounts.unit = '万元') },
  {
    name: '20元 for a whole project',
    code: 'amount.unit-suspect',
    field: 'amounts.period.total',
    fail: (t) => {
      t.amounts.unit = '元';
      ind(t, 3).value = '≤9.88元';
    },
    pass: (t) => {
      t.amounts = { unit: '元', period: { total: 98800, fiscal: 98800 }, annual: { total: 98800, fiscal: 98800 } };
    },
  },
  {
    name: 'fund use in 万元, amounts in 元',
    code: 'amount.unit-mismatch',
    field: 'amounts',
    fail: (t) => {
      t.amounts = { unit: '元', period: { total: 165.35 }, annual: { total: 165.35 } };
      t.fundUse = '预算数 165.35 万元。主要用于劳务派遣人员工资。';
      ind(t, 3).value = '≤165.35元';
    },
    pass: (t) => (t.fundUse = '预算数 9.88 万元。主要用于购买法律数据库服务。'),
  },
  { name: 'period text', code: 'period.unparsable', field: 'period', fail: (t) => (t.period = '长期'), pass: (t) => (t.period = '2025年') },
  { name: 'period order', code: 'period.order', field: 'period', fail: (t) => (t.period = '2025年12月至2025年1月'), pass: (t) => (t.period = '2025.1-2025.12') },
  { name: 'period vs year', code: 'period.year-mismatch', field: 'period', fail: (t) => (t.year = 2026), pass: (t) => (t.period = '2025年1月至2026年12月') },
  { name: 'no spending plan', code: 'spending.missing', field: 'spendingPlan', fail: (t) => (t.spendingPlan = {}), pass: () => {} },
  { name: 'half a plan', code: 'spending.incomplete', field: 'spendingPlan', fail: (t) => (t.spendingPlan = { mar: 25, dec: 100 }), pass: () => {} },
  { name: 'plan above 100', code: 'spending.range', field: 'spendingPlan.oct', fail: (t) => (t.spendingPlan.oct = 120), pass: (t) => (t.spendingPlan.oct = 100) },
  { name: 'plan going down', code: 'spending.decreasing', field: 'spendingPlan', fail: (t) => (t.spendingPlan.jun = 20), pass: (t) => (t.spendingPlan.jun = 25) },
  { name: 'plan not ending at 100', code: 'spending.not-100', field: 'spendingPlan', fail: (t) => (t.spendingPlan.dec = 90), pass: (t) => (t.spendingPlan = { mar: 0, jun: 0, oct: 0, dec: 100 }) },
  {
    name: 'no cost indicator',
    code: 'framework.missing',
    field: 'indicators',
    fail: (t) => t.indicators.splice(3, 1),
    pass: (t) => (ind(t, 3).name = '人均服务成本'),
  },
  {
    name: 'no satisfaction indicator',
    code: 'framework.missing',
    field: 'indicators',
    fail: (t) => t.indicators.pop(),
    pass: (t) => (ind(t, 6).level2 = '服务对象满意度'),
  },
  {
    name: 'mof2021 needs a 成本指标 一级',
    code: 'framework.missing',
    field: 'indicators',
    fail: (t) => {
      t.framework = 'mof2021';
      t.indicators.splice(3, 1);
    },
    pass: (t) => {
      t.framework = 'mof2021';
      ind(t, 3).level1 = '成本指标';
      ind(t, 3).level2 = '经济成本指标';
    },
  },
  {
    name: '二级 under the wrong 一级',
    code: 'framework.level-mismatch',
    field: 'indicators.4.level2',
    fail: (t) => (ind(t, 4).level2 = '质量指标'),
    pass: (t) => (ind(t, 4).level2 = '社会效果指标'),
  },
  {
    name: '成本指标 as a 一级 in the local framework',
    code: 'framework.level-mismatch',
    field: 'indicators.3.level1',
    fail: (t) => {
      ind(t, 3).level1 = '成本指标';
      ind(t, 3).level2 = '经济成本指标';
    },
    pass: (t) => (ind(t, 3).level1 = '产出指标'),
  },
  { name: 'placeholder *', code: 'indicator.placeholder', field: 'indicators.1.value', fail: (t) => (ind(t, 1).value = '*'), pass: (t) => (ind(t, 1).value = '≤1%') },
  { name: 'placeholder 无', code: 'indicator.placeholder', field: 'indicators.4.value', fail: (t) => (ind(t, 4).value = '无'), pass: (t) => (ind(t, 4).value = '无投诉') },
  { name: 'placeholder ≥XX%', code: 'indicator.placeholder', field: 'indicators.6.value', fail: (t) => (ind(t, 6).value = '≥XX%'), pass: () => {} },
  {
    name: 'value is the name again',
    code: 'indicator.value-repeats-name',
    field: 'indicators.4.value',
    fail: (t) => (ind(t, 4).value = '依法决策 水平。'),
    pass: (t) => (ind(t, 4).value = '依法决策水平明显提高'),
  },
  {
    name: '生态效益指标 … placeholder row',
    code: 'indicator.placeholder-row',
    field: 'indicators.5.name',
    fail: (t) => (t.indicators[5] = { level1: '效益指标', level2: '生态效益指标', name: '生态效益', value: '=100%' }),
    pass: (t) => (t.indicators[5] = { level1: '效益指标', level2: '生态效益指标', name: '办公能耗降低率', value: '≥5%' }),
  },
  {
    name: '服务对象满意度 is an accepted name',
    code: 'indicator.placeholder-row',
    field: 'indicators.6.name',
    fail: (t) => (ind(t, 6).name = '服务对象满意度指标'),
    pass: (t) => (ind(t, 6).name = '服务对象满意度'),
  },
  { name: '≥900%', code: 'indicator.percent-range', field: 'indicators.1.value', fail: (t) => (ind(t, 1).value = '≥900%'), pass: (t) => (ind(t, 1).value = '≥90%') },
  { name: 'negative percent', code: 'indicator.percent-range', field: 'indicators.1.value', fail: (t) => (ind(t, 1).value = '-5%'), pass: (t) => (ind(t, 1).value = '0%') },
  { name: '≥100%', code: 'indicator.percent-at-least-100', field: 'indicators.6.value', fail: (t) => (ind(t, 6).value = '≥100%'), pass: (t) => (ind(t, 6).value = '=100%') },
  { name: '＞100%', code: 'indicator.percent-at-least-100', field: 'indicators.6.value', fail: (t) => (ind(t, 6).value = '＞100%'), pass: (t) => (ind(t, 6).value = '100%') },
  {
    name: '165.35万 as a quantity',
    code: 'indicator.money-as-quantity',
    field: 'indicators.0.value',
    fail: (t) => (ind(t, 0).value = '165.35万'),
    pass: (t) => (ind(t, 0).value = '≥1.5万份'),
  },
  {
    name: 'the budget as a bare number',
    code: 'indicator.money-as-quantity',
    field: 'indicators.0.value',
    fail: (t) => (ind(t, 0).value = '9.88'),
    pass: (t) => (ind(t, 0).value = '9'),
  },
  { name: 'cost with ≥', code: 'indicator.cost-floor', field: 'indicators.3.value', fail: (t) => (ind(t, 3).value = '≥9万元'), pass: (t) => (ind(t, 3).value = '=9万元') },
  {
    name: 'cost above the budget',
    code: 'indicator.cost-over-budget',
    field: 'indicators.3.value',
    fail: (t) => (ind(t, 3).value = '≤9.89万元'),
    pass: (t) => (ind(t, 3).value = '≤98800元'),
  },
  {
    name: 'cost in 元 against a budget in 元',
    code: 'indicator.cost-over-budget',
    field: 'indicators.3.value',
    fail: (t) => {
      t.amounts = { unit: '元', period: { total: 432000, fiscal: 432000 }, annual: { total: 432000, fiscal: 432000 } };
      ind(t, 3).value = '≤75.69万元';
    },
    pass: (t) => {
      t.amounts = { unit: '元', period: { total: 432000, fiscal: 432000 }, annual: { total: 432000, fiscal: 432000 } };
      ind(t, 3).value = '≤7.2万元/年';
    },
  },
  { name: 'vague output value', code: 'indicator.vague', field: 'indicators.1.value', fail: (t) => (ind(t, 1).value = '有效提高'), pass: (t) => (ind(t, 1).value = '合格') },
  {
    name: 'vague words are fine on 效益',
    code: 'indicator.vague',
    field: 'indicators.4.value',
    fail: (t) => Object.assign(ind(t, 4), { level1: '产出指标', level2: '质量指标', value: '明显提高' }),
    pass: (t) => (ind(t, 4).value = '明显提高'),
  },
  {
    name: 'satisfaction not a percentage',
    code: 'indicator.satisfaction-not-percent',
    field: 'indicators.6.value',
    fail: (t) => (ind(t, 6).value = '满意'),
    pass: (t) => (ind(t, 6).value = '不低于 95 ％'),
  },
  {
    name: 'deadline after the period',
    code: 'indicator.deadline-after-period',
    field: 'indicators.2.value',
    fail: (t) => (ind(t, 2).value = '2026年6月底前'),
    pass: (t) => (ind(t, 2).value = '12月底前'),
  },
  {
    name: 'month-only deadline after a short period',
    code: 'indicator.deadline-after-period',
    field: 'indicators.2.value',
    fail: (t) => {
      t.period = '2025年1月至2025年6月';
      ind(t, 2).value = '10月底前';
    },
    pass: (t) => {
      t.period = '2025年1月至2025年6月';
      ind(t, 2).value = '6月底前';
    },
  },
  {
    name: 'deadline copied from an old table',
    code: 'indicator.deadline-before-period',
    field: 'indicators.2.value',
    fail: (t) => (ind(t, 2).value = '2023年6月底前'),
    pass: (t) => (ind(t, 2).value = '2025年1月'),
  },
  {
    name: 'duplicate 三级',
    code: 'indicator.duplicate-name',
    field: 'indicators.5.name',
    fail: (t) => (ind(t, 5).name = ' 依法决策水平 '),
    pass: (t) => (ind(t, 5).name = '依法决策水平（二期）'),
  },
  {
    name: 'description repeats the name',
    code: 'indicator.description-repeats-name',
    field: 'indicators.1.description',
    fail: (t) => (ind(t, 1).description = '数据库故障率'),
    pass: (t) => delete ind(t, 1).description,
  },
  { name: 'target is the name', code: 'targets.repeats-name', field: 'targets.annual', fail: (t) => (t.targets.annual = '1. 法律信息数据库使用费'), pass: () => {} },
  {
    name: 'target is the fund use',
    code: 'targets.repeats-fund-use',
    field: 'targets.period',
    fail: (t) => (t.targets.period = t.fundUse),
    pass: (t) => (t.targets.period = `${t.fundUse}全年咨询不少于5次。`),
  },
  { name: 'target too short', code: 'targets.too-short', field: 'targets.annual', fail: (t) => (t.targets.annual = '完成任务'), pass: (t) => (t.targets.annual = '完成全年法律咨询任务200次') },
  ...REVIEW_CASES,
];

describe('the valid fixture', () => {
  it('has no findings at all', () => {
    expect(checkTable(validTable())).toEqual([]);
  });
});

describe.each(CASES)('$code: $name', ({ code, field, fail, pass }) => {
  it('flags the failing case on the precise field', () => {
    const found = findingsOf(withEdit(fail), code);
    expect(found.map((f) => f.field)).toContain(field);
    const f = found.find((x) => x.field === field)!;
    expect(f.severity).toBe(ruleSpec(code)!.severity);
    expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    expect(f.message).toMatch(/例如|请/);
    if (field.startsWith('indicators.') && /\d/.test(field)) expect(f.indicator).toBe(Number(field.split('.')[1]));
  });
  it('passes the neighbouring valid case', () => {
    expect(findingsOf(withEdit(pass), code).filter((f) => f.field === field)).toEqual([]);
  });
});

describe('the catalogue', () => {
  it('has a failing and a passing test for every rule but the internal one', () => {
    const tested = new Set(CASES.map((c) => c.code));
    const untested = RULES.map((r) => r.code).filter((c) => !tested.has(c) && c !== 'internal.rule-failed');
    expect(untested).toEqual([]);
  });
  it('has unique codes', () => {
    expect(new Set(RULES.map((r) => r.code)).size).toBe(RULES.length);
  });
});

describe('the seed defects', () => {
  it('catches the 劳务派遣人员工资 rows', () => {
    const t = withEdit((t) => {
      t.projectName = '劳务派遣人员工资';
      t.amounts = { unit: '万元', period: { total: 165.35, fiscal: 165.35 }, annual: { total: 165.35, fiscal: 165.35 } };
      ind(t, 0).value = '165.35万';
      ind(t, 1).value = '≥900%';
      ind(t, 3).value = '165.35万元';
      t.indicators[5] = { level1: '效益指标', level2: '生态效益指标', name: '生态效益指标', description: '生态效益指标', value: '≥100%' };
    });
    const byCode = (c: string) => findingsOf(t, c).map((f) => f.field);
    expect(byCode('indicator.money-as-quantity')).toEqual(['indicators.0.value']);
    expect(byCode('indicator.percent-range')).toEqual(['indicators.1.value']);
    expect(byCode('indicator.placeholder-row')).toEqual(['indicators.5.name']);
    expect(byCode('indicator.percent-at-least-100')).toEqual(['indicators.5.value']);
    expect(byCode('indicator.cost-over-budget')).toEqual([]); // 165.35万元 equals the budget
    expect(hasErrors(checkTable(t))).toBe(true);
  });
});

describe('never throws', () => {
  it('turns a table whose getters throw into an internal finding', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } }) as DraftTable;
    const f = checkTable(hostile);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'internal.rule-failed', severity: 'error' });
  });
  it('keeps the other rule groups when one group fails', () => {
    const t = validTable() as unknown as Record<string, unknown>;
    Object.defineProperty(t, 'indicators', { get: () => { throw new Error('boom'); } });
    const f = checkTable(t as unknown as DraftTable);
    expect(f.map((x) => [x.code, x.field])).toEqual([['internal.rule-failed', 'indicators']]);
  });
  it.each([null, undefined, 42, 'text', [], { indicators: 'x', amounts: 5, spendingPlan: [], targets: 7 }])('reports, not throws, for %j', (x) => {
    const f = checkTable(x as unknown as DraftTable);
    expect(f.length).toBeGreaterThan(0);
    expect(hasErrors(f)).toBe(true);
    for (const finding of f) expect(finding.field).toMatch(FIELD_PATH);
  });
});

describe('formatFindings and hasErrors', () => {
  it('says so when there is nothing to fix', () => {
    expect(formatFindings([])).toBe('检查通过，未发现问题。');
    expect(hasErrors([])).toBe(false);
  });
  it('groups errors before warnings and numbers them', () => {
    const f: Finding[] = checkTable(
      withEdit((t) => {
        t.projectName = '';
        ind(t, 6).value = '≥100%';
        ind(t, 1).value = '≥900%';
      }),
    );
    const text = formatFindings(f);
    // The warnings: ≥100% on the satisfaction row, and the annual target's 90% that no row measures now.
    expect(text.split('\n')[0]).toBe('检查发现2个错误、2条提醒。');
    expect(text.indexOf('错误（须修改后才能生成）')).toBeLessThan(text.indexOf('提醒（建议修改）'));
    expect(text).toContain('1. 【项目名称】缺少项目名称');
    expect(text).toContain('2. 第2条指标“数据库故障率”的指标值“≥900%”超出0–100%的范围');
    expect(text).toContain('2. 第7条指标“区政法办满意度”的指标值“≥100%”');
  });
  it('only warnings do not block', () => {
    const f = checkTable(withEdit((t) => (t.spendingPlan = {})));
    expect(f.map((x) => x.code)).toEqual(['spending.missing']);
    expect(hasErrors(f)).toBe(false);
  });
});

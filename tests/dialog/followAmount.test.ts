/** A new amount followed through the whole table: cost rows, estimates, and every text that quotes the old one. */
import { describe, expect, it } from 'vitest';
import { emptyTable, type DraftTable } from '../../src/domain/draft.ts';
import { describeFollowed, followAmount, requoteMoney } from '../../src/dialog/drafts/followAmount.ts';
import { withAmount } from '../../src/dialog/drafts/rollForward.ts';
import { BASIC, User, freshEngineEachTest } from './helpers.ts';

function table(total: number, unit: '万元' | '元' = '万元'): DraftTable {
  const t = emptyTable();
  t.amounts = { unit, annual: { total, fiscal: total, other: 0 }, period: { total, fiscal: total, other: 0 } };
  t.fundUse = '用于人民调解员培训和以案定补，预算20万元';
  t.targets = { period: '年度投入20万元，培训人民调解员不少于250人次', annual: '控制成本在20万元以内；完成200件调解；往年1250人次' };
  t.indicators = [
    { level1: '产出指标', level2: '数量指标', name: '培训人民调解员人次', value: '≥250人次', estimate: true, basis: '估算：按预算约7.5万元、同类项目每人次约300元测算，请按实际计划修改' },
    { level1: '产出指标', level2: '数量指标', name: '调解案件数', value: '≥200件', description: '项目预算20万元支持的调解案件', basis: '依据20万元预算和上年200件' },
    { level1: '产出指标', level2: '成本指标', name: '人民调解项目总成本', value: '≤20万元', description: '全年支出控制在20万元以内', basis: '依据项目预算20万元' },
    { level1: '效益指标', level2: '社会效益指标', name: '矛盾纠纷化解率', value: '≥95%', description: '覆盖20万人口', basis: '依据上年数据' },
  ];
  return t;
}

describe('requoteMoney', () => {
  it('changes only the figures equal to the old amount, in the unit they were written in', () => {
    expect(requoteMoney('预算20万元，其中2万元培训', 20, 45)).toBe('预算45万元，其中2万元培训');
    expect(requoteMoney('共200000元', 20, 35.6)).toBe('共356000元');
    expect(requoteMoney('20万人次，120万元，20.5万', 20, 45)).toBe('20万人次，120万元，20.5万');
    expect(requoteMoney('约20万', 20, 45)).toBe('约45万');
  });
});

describe('followAmount', () => {
  it('rescales costs, re-estimates, and requotes every text naming the old amount', () => {
    const before = table(20);
    const after = structuredClone(before);
    after.amounts = table(40).amounts;
    const f = followAmount(before, after);
    const [est, count, cost, effect] = after.indicators;
    expect(cost!.value).toBe('≤40万元');
    expect(cost!.description).toBe('全年支出控制在40万元以内');
    expect(cost!.basis).toBe('依据项目预算40万元');
    // The estimate: 7.5万 of 20万 is 15万 of 40万, at 300元 a person: 500.
    expect(est!.value).toBe('≥500人次');
    expect(est!.basis).toContain('按预算约15万元');
    // A non-cost row keeps its own count; only the quoted budget changes.
    expect(count!.value).toBe('≥200件');
    expect(count!.description).toBe('项目预算40万元支持的调解案件');
    expect(count!.basis).toBe('依据40万元预算和上年200件');
    // 20万人口 is no money.
    expect(effect).toEqual(before.indicators[3]);
    // The targets follow both the amount and the estimate they promise (not 1250人次, not a 250人 elsewhere).
    expect(after.targets.period).toBe('年度投入40万元，培训人民调解员不少于500人次');
    expect(after.targets.annual).toBe('控制成本在40万元以内；完成200件调解；往年1250人次');
    expect(after.fundUse).toBe('用于人民调解员培训和以案定补，预算40万元');
    expect(f.costs).toEqual(['第 3 条 ≤20万元 → ≤40万元']);
    expect(f.estimates).toEqual(['第 1 条 ≥250人次 → ≥500人次']);
    expect(f.quotes).toEqual(['第 2 条描述、依据', '第 3 条依据', '实施期目标', '年度目标', '资金用途']);
    const line = describeFollowed(f);
    expect(line).toContain('引用原金额或原估算值的地方已同步更新：第 2 条描述、依据、第 3 条依据、实施期目标、年度目标、资金用途');
    expect(line).toContain('撤销');
  });

  it('leaves an estimate the user changed, and follows a change of unit (万元 → 元)', () => {
    const before = table(20);
    before.indicators[0]!.value = '≥300人次';
    const after = structuredClone(before);
    after.amounts = table(356000, '元').amounts;
    const f = followAmount(before, after);
    expect(after.indicators[0]!.value).toBe('≥300人次');
    expect(f.estimates).toEqual([]);
    expect(after.targets.period).toBe('年度投入35.6万元，培训人民调解员不少于250人次');
  });

  it('the same amount changes nothing; an import with this year’s amount follows it too', () => {
    const before = table(20);
    const same = structuredClone(before);
    expect(describeFollowed(followAmount(before, same))).toBe('');
    expect(same).toEqual(before);
    const next = withAmount(before, 30);
    expect(next.indicators[2]!.value).toBe('≤30万元');
    expect(next.fundUse).toContain('预算30万元');
  });
});

describe('changing the amount in the conversation', () => {
  const t = freshEngineEachTest();

  it('updates the targets text and says every place it changed; 撤销 brings all back', async () => {
    const u = new User(t.engine);
    for (const m of [BASIC.name, BASIC.department, BASIC.amount, BASIC.purpose, '全部采用']) await u.say(m);
    await u.say('修改 年度目标 全年投入20万元，监管帮教社区矫正对象不少于400人');
    await u.say('把金额改成40万');
    expect(u.text()).toContain('金额：年度 40万元（原为 年度 20万元）');
    expect(u.text()).toContain('引用原金额或原估算值的地方已同步更新：');
    expect(u.text()).toContain('年度目标');
    expect(u.text()).toContain('全年投入40万元');
    await u.say('撤销');
    await u.say('查看');
    expect(u.text()).toContain('全年投入20万元');
  });
});

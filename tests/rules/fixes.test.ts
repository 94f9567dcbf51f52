/** The fixes rules attach: only codes the catalogue marks `fix`, on the finding's own row, and the right value. */
import { describe, expect, it } from 'vitest';
import { cases } from '../../bench/review.ts';
import { ruleSpec } from '../../src/rules/index.ts';
import { findingsOf, withEdit } from './fixtures.ts';

const ind = (t: Parameters<Parameters<typeof withEdit>[0]>[0], i: number) => t.indicators[i]!;

describe('fixes on findings', () => {
  it('come only from codes marked fix, and point at the finding’s own row', () => {
    const withFix = cases().flatMap((c) => c.findings.filter((f) => f.fix));
    expect(withFix.length).toBeGreaterThan(50);
    expect([...new Set(withFix.filter((f) => !ruleSpec(f.code)?.fix).map((f) => f.code))]).toEqual([]);
    for (const f of withFix) if (f.fix!.kind !== 'set-amount') expect(f.fix!.indicator).toBe(f.indicator);
  });

  it('a per-unit cost written as a rate gets the unit cost the budget allows for the count', () => {
    const t = withEdit((t) => {
      Object.assign(ind(t, 0), { name: '法律咨询场次', value: '≥20场' });
      Object.assign(ind(t, 3), { name: '每场咨询成本', value: '100%' });
    });
    expect(findingsOf(t, 'cost.as-rate')[0]!.fix).toMatchObject({ kind: 'replace-value', indicator: 3, value: '≤4940元/场' });
    // A total cost as a rate gets the budget as its ceiling.
    const total = withEdit((t) => (ind(t, 3).value = '100%'));
    expect(findingsOf(total, 'cost.as-rate')[0]!.fix).toMatchObject({ value: '≤9.88万元' });
  });

  it('a unit cost without its unit gets it back', () => {
    const t = withEdit((t) => {
      Object.assign(ind(t, 0), { name: '咨询服务人数', value: '≥400人' });
      ind(t, 3).value = '≤240元';
    });
    expect(findingsOf(t, 'cost.per-unit-missing')[0]!.fix).toMatchObject({ kind: 'replace-value', indicator: 3, value: '≤240元/人' });
    // A small part of the budget whose product with no count is near it is left alone.
    expect(findingsOf(withEdit((t) => (ind(t, 3).value = '≤240元')), 'cost.per-unit-missing')).toEqual([]);
  });

  it('a misfiled row is moved when its category keeps another row, and only rewritten otherwise', () => {
    const extra = withEdit((t) => t.indicators.push({ level1: '产出指标', level2: '时效指标', name: '专家咨询次数', value: '≥6次' }));
    expect(findingsOf(extra, 'indicator.wrong-category')[0]!.fix).toMatchObject({ kind: 'move-row', indicator: 7, level1: '产出指标', level2: '数量指标' });
    const only = withEdit((t) => Object.assign(ind(t, 2), { name: '专家咨询次数', value: '≥6次' }));
    const f = findingsOf(only, 'indicator.wrong-category');
    expect(f).toHaveLength(1);
    expect(f[0]!.fix).toBeUndefined();
  });

  it('环境 in 法治环境 and 生态安全 do not make a project ecological', () => {
    const t = withEdit((t) => {
      t.targets.period = '营造良好法治环境，维护政治安全、生态安全等领域安全稳定。';
      Object.assign(ind(t, 5), { level2: '生态效益指标', name: '打造安全稳定生活环境', value: '有效改善' });
    });
    expect(findingsOf(t, 'effect.eco-irrelevant').map((f) => f.field)).toEqual(['indicators.5.name']);
    const eco = withEdit((t) => {
      t.targets.period = '推行无纸化办公，减少纸张消耗。';
      Object.assign(ind(t, 5), { level2: '生态效益指标', name: '办公用纸减少', value: '≥20%' });
    });
    expect(findingsOf(eco, 'effect.eco-irrelevant')).toEqual([]);
  });

  it('a target figure a row states in words (每月1期) is measured', () => {
    const t = withEdit((t) => {
      t.indicators.push({ level1: '产出指标', level2: '时效指标', name: '媒体公益宣传投放时间', value: '每月1期' });
      t.targets.annual = `${t.targets.annual}媒体公益宣传每月1期。`;
    });
    expect(findingsOf(t, 'targets.unmeasured')).toEqual([]);
    const unstated = withEdit((t) => (t.targets.annual = `${t.targets.annual}媒体公益宣传每月3期。`));
    expect(findingsOf(unstated, 'targets.unmeasured').map((f) => f.field)).toEqual(['targets.annual']);
  });
});

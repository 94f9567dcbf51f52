/**
 * The rule engine against the real seeds (data/library.json). The counts are pinned so that a
 * change to a rule or to the parsers shows up here; the named defects must always be found.
 */
import { describe, expect, it } from 'vitest';
import { lintProjects } from '../../src/cli/commands/lint.ts';
import { loadLibrary } from '../../src/library/load.ts';

const report = lintProjects(loadLibrary().projects);
const hits = (code: string) =>
  report.results.flatMap((r) => r.findings.filter((f) => f.code === code).map((f) => ({ id: r.id, name: r.name, field: f.field, indicator: f.indicator })));
const project = (id: string) => loadLibrary().projects.find((p) => p.id === id)!;

describe('lint --library on the seeds', () => {
  it('pins the per-rule counts', () => {
    expect(report.projects).toBe(70);
    expect(Object.fromEntries(report.counts.map((c) => [c.code, [c.findings, c.projects]]))).toEqual({
      // errors
      required: [159, 69], // mostly fields the source layouts do not carry (002: amounts, fund use; 001: department, period)
      'indicator.value-repeats-name': [67, 14], // 001: 效益 rows whose value column repeats the name
      'framework.missing': [14, 11], // 000: no 成本指标 in ten tables, no 时效 in three; 002: one without 满意度
      'indicator.cost-over-budget': [5, 5], // 004: cost ceilings in 万元 above budgets printed in 元
      'indicator.placeholder-row': [4, 3], // 001: 生态效益指标/经济效益指标 rows named after their category
      'indicator.placeholder': [1, 1], // 001-04: value 无
      'indicator.percent-range': [1, 1], // 001-11: ≥900%
      // warnings
      'indicator.description-repeats-name': [142, 45],
      'spending.missing': [70, 70], // the library does not keep spending plans
      'targets.repeats-fund-use': [26, 13],
      'indicator.percent-at-least-100': [15, 3],
      'indicator.money-as-quantity': [15, 15], // 001 (海港区): 10万, 165.35万, the budget as a bare number
      'indicator.satisfaction-not-percent': [5, 5],
      'indicator.cost-floor': [4, 4],
      'indicator.vague': [1, 1],
      'indicator.duplicate-name': [1, 1],
      'targets.too-short': [1, 1],
      // the reviewer's cross-cell and meaning rules
      'effect.eco-irrelevant': [18, 18], // 001: a 生态效益 row in every 海港区 table
      'cost.as-rate': [15, 15], // 001: 区级财政投入 100%
      'effect.empty-phrase': [20, 16], // 002: 基本保障, 完全保障; 003: 是; 000: 提高, 优秀
      'quantity.as-rate': [13, 13], // 002: 工作计划完成率 ≥95% as the 数量指标
      'targets.boilerplate': [11, 9], // 002: 保障业务顺利开展, 促进区域发展
      'effect.restates-output': [6, 6],
      'cost.equals-budget': [6, 6], // 001: 150万元, 615.36 万元
      'text.classified': [5, 5], // 002: 涉密 in the 依据
      'indicator.value-in-name': [3, 3], // 004: 为26个司法所更换标识牌等 ≤26个
      'quantity.ceiling': [2, 2],
      'satisfaction.low': [2, 2], // 000-03 ≥75%, 001-09 ≥50%
      'effect.social-missing': [2, 2],
      'cost.unit-total-over-budget': [1, 1], // 004-14: ≤15000元/件 × 900件 on 70万元
      'quantity.no-unit': [1, 1],
      'quantity.qualitative': [1, 1],
      'indicator.wrong-category': [11, 10], // 000: 1年 and 0件 under 时效; 001: 满意度 rows that rate nothing; 003: 设备在线率, 活动次数 under 时效
      'targets.copied': [2, 1], // 001-16 律师代理费 carries 法律顾问费's targets
      'cost.not-money': [1, 1], // 004-05: ≤4000人/次
      'cost.per-unit-missing': [1, 1], // 002-13: ≤40元 for 457 people
      'quantity.unit-mismatch': [2, 2], // 000-02: 每个月…服务时间 ≥8小时 without /月; 004-12: 平台建设 ≥23个 counts nothing named
      'timeliness.no-deadline': [17, 17], // 001: 全年期限内 in fourteen 海港区 tables; 003-03, 004-13: 是; 000-09: 高
      'satisfaction.no-subject': [6, 6], // 001: 满意度 whose description names nobody (人民满意度); 002-14: 公众满意度
      'indicator.value-contradicts-description': [1, 1], // 001-04: value 2万, description 经费5万
    });
    expect(report.errors).toBe(251);
    expect(report.warnings).toBe(427);
  });

  it('finds ≥900% in 劳务派遣人员工资', () => {
    const [hit, ...rest] = hits('indicator.percent-range');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ name: '劳务派遣人员工资' });
    expect(project(hit!.id).indicators[hit!.indicator!]!.value.raw).toBe('≥900%');
  });

  it('finds the money-as-quantity rows of 海港区, 165.35万 among them', () => {
    const rows = hits('indicator.money-as-quantity');
    expect(new Set(rows.map((r) => r.id.slice(0, 3)))).toEqual(new Set(['001']));
    const values = rows.map((r) => project(r.id).indicators[r.indicator!]!.value.raw);
    expect(values).toContain('165.35万');
    expect(rows.every((r) => project(r.id).indicators[r.indicator!]!.level2 === '数量指标')).toBe(true);
  });

  it('finds the placeholder 生态效益指标 … ≥100% rows', () => {
    const rows = hits('indicator.placeholder-row').map((r) => project(r.id).indicators[r.indicator!]!);
    const eco = rows.filter((i) => i.name === '生态效益指标');
    expect(eco.length).toBe(3);
    expect(eco.filter((i) => i.value.raw === '≥100%').length).toBe(2);
  });

  it('finds ≥100% on effect indicators', () => {
    const effect = hits('indicator.percent-at-least-100')
      .map((r) => project(r.id).indicators[r.indicator!]!)
      .filter((i) => i.level1 === '效益指标');
    expect(effect.length).toBe(11);
    expect(effect.every((i) => /^[≥>＞]/.test(i.value.raw.trim()))).toBe(true);
  });

  it('lists the worst offenders, errors first', () => {
    expect(report.worst).toHaveLength(10);
    const errs = report.worst.map((w) => w.errors);
    expect([...errs].sort((a, b) => b - a)).toEqual(errs);
  });
});

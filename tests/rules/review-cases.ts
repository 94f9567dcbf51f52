/**
 * One defective and one correct neighbour per cross-cell and meaning rule, on the valid fixture
 * (法律信息数据库使用费, 9.88万元; rows 0 数量 … 6 满意度). Run by rules.test.ts with the other cases.
 */
import type { DraftTable } from '../../src/domain/draft.ts';

type Edit = (t: DraftTable) => void;
export interface Case {
  name: string;
  code: string;
  field: string;
  fail: Edit;
  pass: Edit;
}

const ind = (t: DraftTable, i: number) => t.indicators[i]!;
const value = (i: number, v: string): Edit => (t) => (ind(t, i).value = v);
const row = (t: DraftTable, level2: string, name: string, v: string, level1 = '产出指标') => t.indicators.push({ level1, level2, name, value: v });

export const REVIEW_CASES: Case[] = [
  {
    name: 'yuan typed into a 万元 table',
    code: 'amount.yuan-as-wan',
    field: 'amounts.period.total',
    fail: (t) => {
      t.amounts.period = { total: 98800, fiscal: 98800, other: 0 };
      t.amounts.annual = { total: 98800, fiscal: 98800, other: 0 };
    },
    pass: () => {},
  },
  { name: 'name of another year', code: 'name.year-mismatch', field: 'projectName', fail: (t) => (t.projectName = '2023年法律信息数据库使用费'), pass: (t) => (t.projectName = '2025年法律信息数据库使用费') },
  { name: 'cost is the budget without ≤', code: 'cost.equals-budget', field: 'indicators.3.value', fail: value(3, '9.88万元'), pass: value(3, '≤9.88万元') },
  { name: 'cost as a rate', code: 'cost.as-rate', field: 'indicators.3.value', fail: value(3, '100%'), pass: value(3, '≤9.88万元') },
  {
    name: 'unit cost × count above the budget',
    code: 'cost.unit-total-over-budget',
    field: 'indicators.3.value',
    fail: (t) => {
      ind(t, 0).value = '≥15000个';
      ind(t, 3).value = '≤800元/个';
    },
    pass: (t) => (ind(t, 3).value = '≤800元/个'),
  },
  { name: 'cost in 元 typed as 万元', code: 'cost.yuan-as-wan', field: 'indicators.3.value', fail: value(3, '≤98800万元'), pass: value(3, '≤98800元') },
  {
    name: 'persons counted in 场',
    code: 'quantity.unit-mismatch',
    field: 'indicators.0.value',
    fail: (t) => Object.assign(ind(t, 0), { name: '咨询服务人次', value: '≥5场' }),
    pass: (t) => Object.assign(ind(t, 0), { name: '咨询服务人次', value: '≥5人次' }),
  },
  {
    name: 'a figure per month without /月',
    code: 'quantity.unit-mismatch',
    field: 'indicators.0.value',
    fail: (t) => Object.assign(ind(t, 0), { name: '每个月到社区法律服务时间', value: '≥8小时' }),
    pass: (t) => Object.assign(ind(t, 0), { name: '每个月到社区法律服务时间', value: '≥8小时/月' }),
  },
  {
    // The purpose says 每月1次: ≥12次 is a year of it, nothing left to guess.
    name: 'a per-month name the purpose settles',
    code: 'quantity.unit-mismatch',
    field: 'indicators.0.value',
    fail: (t) => Object.assign(ind(t, 0), { name: '每月排查检查次数', value: '≥12次' }),
    pass: (t) => {
      Object.assign(ind(t, 0), { name: '每月排查检查次数', value: '≥12次' });
      t.fundUse = '组织开展矛盾纠纷集中排查每月1次，支撑合法性审查工作。';
    },
  },
  {
    name: 'a piece of work counted, nothing named',
    code: 'quantity.unit-mismatch',
    field: 'indicators.0.value',
    fail: (t) => Object.assign(ind(t, 0), { name: '平台建设', value: '≥23个' }),
    pass: (t) => Object.assign(ind(t, 0), { name: '平台接入单位数量', value: '≥23个' }),
  },
  { name: 'count without unit', code: 'quantity.no-unit', field: 'indicators.0.value', fail: value(0, '168'), pass: value(0, '≥168个') },
  { name: 'count with ≤', code: 'quantity.ceiling', field: 'indicators.0.value', fail: value(0, '≤5个'), pass: value(0, '≥5个') },
  { name: 'count in words', code: 'quantity.qualitative', field: 'indicators.0.value', fail: value(0, '若干部'), pass: value(0, '≥5个') },
  { name: 'zero count', code: 'quantity.not-positive', field: 'indicators.0.value', fail: value(0, '0个'), pass: value(0, '≥1个') },
  { name: 'count as a rate', code: 'quantity.as-rate', field: 'indicators.0.value', fail: value(0, '≥95%'), pass: value(0, '≥5个') },
  {
    name: '1000 lectures on 9.88万元',
    code: 'quantity.implausible-for-budget',
    field: 'indicators.0.value',
    fail: (t) => Object.assign(ind(t, 0), { name: '法治讲座场次', value: '≥1000场' }),
    pass: (t) => Object.assign(ind(t, 0), { name: '法治讲座场次', value: '≥100场' }),
  },
  {
    // 9.88万元: 50 million texts at 0.2分 each cannot be paid; 200,000 at 4.9角 can.
    name: 'text messages on 9.88万元',
    code: 'quantity.implausible-for-budget',
    field: 'indicators.0.value',
    fail: (t) => Object.assign(ind(t, 0), { name: '反诈提醒短信发送条数', value: '≥5000万条' }),
    pass: (t) => Object.assign(ind(t, 0), { name: '反诈提醒短信发送条数', value: '≥20万条' }),
  },
  {
    // An automated call costs a few 分: 100,000 calls fit where 100,000 lectures would not.
    name: 'outbound calls on 9.88万元',
    code: 'quantity.implausible-for-budget',
    field: 'indicators.0.value',
    fail: (t) => Object.assign(ind(t, 0), { name: '反诈外呼电话次数', value: '≥1亿次' }),
    pass: (t) => Object.assign(ind(t, 0), { name: '反诈外呼电话次数', value: '≥100000次' }),
  },
  {
    name: 'leaflets on 9.88万元',
    code: 'quantity.implausible-for-budget',
    field: 'indicators.0.value',
    fail: (t) => Object.assign(ind(t, 0), { name: '反诈宣传折页印制数量', value: '≥10000000份' }),
    pass: (t) => Object.assign(ind(t, 0), { name: '反诈宣传折页印制数量', value: '≥100000份' }),
  },
  {
    // Visits by the unit's own staff cost the project nothing of their own: no floor.
    name: 'lectures have a floor, home visits none',
    code: 'quantity.implausible-for-budget',
    field: 'indicators.0.value',
    fail: (t) => Object.assign(ind(t, 0), { name: '法治讲座场次', value: '≥5000次' }),
    pass: (t) => Object.assign(ind(t, 0), { name: '入户走访次数', value: '≥5000次' }),
  },
  {
    name: 'value against the row’s own description',
    code: 'indicator.value-contradicts-description',
    field: 'indicators.0.value',
    fail: (t) => (ind(t, 0).description = '全年提供咨询产品10个'),
    // A figure per month is not the yearly value's rival.
    pass: (t) => (ind(t, 0).description = '每月不少于1个，全年5个'),
  },
  {
    name: 'a rate to be low with a floor',
    code: 'indicator.direction',
    field: 'indicators.1.value',
    fail: value(1, '≥5%'),
    pass: value(1, '≤5%'),
  },
  {
    name: 'a rate to be high with a ceiling',
    code: 'indicator.direction',
    field: 'indicators.6.value',
    fail: value(6, '≤90%'),
    pass: value(6, '≥90%'),
  },
  {
    name: 'a 时效 row with no time',
    code: 'timeliness.no-deadline',
    field: 'indicators.2.value',
    fail: value(2, '按时完成'),
    pass: value(2, '按规定时间完成'),
  },
  {
    name: 'a satisfaction of nobody named',
    code: 'satisfaction.no-subject',
    field: 'indicators.6.name',
    fail: (t) => Object.assign(ind(t, 6), { name: '服务对象满意度', description: '年度调查' }),
    pass: (t) => Object.assign(ind(t, 6), { name: '服务对象满意度', description: '使用部门对数据库服务的满意度' }),
  },
  {
    name: 'the same count under two 二级',
    code: 'indicator.near-duplicate',
    field: 'indicators.7.name',
    fail: (t) => t.indicators.push({ ...ind(t, 0), level2: '质量指标', name: '数据库咨询产品数量（全年）' }),
    // Another 二级 with another value is another thing measured.
    pass: (t) => t.indicators.push({ ...ind(t, 0), level2: '质量指标', name: '数据库咨询产品数量合格率', value: '≥95%' }),
  },
  {
    name: 'count contradicts the purpose',
    code: 'quantity.purpose-mismatch',
    field: 'indicators.0.value',
    fail: (t) => {
      t.fundUse = '用于购买第三方法律数据库服务，全年办理咨询1,200件。';
      Object.assign(ind(t, 0), { name: '咨询件数', value: '≥50件' });
    },
    pass: (t) => {
      t.fundUse = '用于购买第三方法律数据库服务，全年办理咨询1,200件。';
      Object.assign(ind(t, 0), { name: '咨询件数', value: '≥1200件' });
    },
  },
  { name: '比例 instead of %', code: 'indicator.percent-word', field: 'indicators.1.value', fail: value(1, '≤5百分比'), pass: value(1, '≤5%') },
  {
    name: 'near-duplicate row',
    code: 'indicator.near-duplicate',
    field: 'indicators.7.name',
    fail: (t) => row(t, '数量指标', '数据库咨询产品数', '≥5个'),
    pass: (t) => row(t, '数量指标', '专家咨询次数', '≥5次'),
  },
  {
    name: 'value copied from the name',
    code: 'indicator.value-in-name',
    field: 'indicators.0.name',
    fail: (t) => (ind(t, 0).name = '提供5个数据库咨询产品'),
    pass: (t) => (ind(t, 0).name = '数据库咨询产品数量'),
  },
  {
    name: 'object of another project',
    code: 'indicator.unrelated',
    field: 'indicators.0.name',
    fail: (t) => Object.assign(ind(t, 0), { name: '办案车辆数量', value: '≥5辆' }),
    pass: (t) => {
      Object.assign(ind(t, 0), { name: '办案车辆数量', value: '≥5辆' });
      t.fundUse = `${t.fundUse}并租用办案车辆。`;
    },
  },
  { name: 'satisfaction floor too low', code: 'satisfaction.low', field: 'indicators.6.value', fail: value(6, '≥60%'), pass: value(6, '≥90%') },
  { name: 'no 社会效益 row', code: 'effect.social-missing', field: 'indicators', fail: (t) => (ind(t, 4).level2 = '可持续影响指标'), pass: () => {} },
  {
    name: '生态 row of a project with nothing ecological',
    code: 'effect.eco-irrelevant',
    field: 'indicators.5.name',
    fail: (t) => Object.assign(ind(t, 5), { level2: '生态效益指标', name: '办公纸张节约', value: '有效节约' }),
    pass: (t) => {
      Object.assign(ind(t, 5), { level2: '生态效益指标', name: '办公纸张节约', value: '有效节约' });
      t.fundUse = `${t.fundUse}推行无纸化办公。`;
    },
  },
  { name: '效益 value that says nothing', code: 'effect.empty-phrase', field: 'indicators.4.value', fail: value(4, '有力保障'), pass: value(4, '有效提升') },
  {
    name: '效益 row that is an output',
    code: 'effect.restates-output',
    field: 'indicators.4.name',
    fail: (t) => Object.assign(ind(t, 4), { name: '咨询服务完成率', value: '=100%' }),
    pass: (t) => Object.assign(ind(t, 4), { name: '依法决策水平', value: '有效提升' }),
  },
  {
    name: 'another locality in a description',
    code: 'text.foreign-locality',
    field: 'indicators.4.description',
    fail: (t) => (ind(t, 4).description = '提升海港区依法决策水平'),
    pass: (t) => (ind(t, 4).description = '提升高新区依法决策水平'),
  },
  { name: '涉密 in a 依据', code: 'text.classified', field: 'indicators.3.basis', fail: (t) => (ind(t, 3).basis = '涉密文件'), pass: (t) => (ind(t, 3).basis = '年度预算') },
  {
    name: 'boilerplate target',
    code: 'targets.boilerplate',
    field: 'targets.period',
    fail: (t) => (t.targets.period = '保障业务顺利开展，促进区域发展。'),
    pass: (t) => (t.targets.period = '为重大决策合法性审查提供法规咨询，保障业务顺利开展。'),
  },
  {
    name: 'a count under 时效',
    code: 'indicator.wrong-category',
    field: 'indicators.7.level2',
    fail: (t) => row(t, '时效指标', '专家咨询次数', '≥6次'),
    pass: (t) => row(t, '数量指标', '专家咨询次数', '≥6次'),
  },
  {
    name: 'a rate with no time in it under 时效',
    code: 'indicator.wrong-category',
    field: 'indicators.7.level2',
    fail: (t) => row(t, '时效指标', '数据库在线率', '≥95%'),
    pass: (t) => row(t, '时效指标', '咨询答复及时率', '≥95%'),
  },
  {
    name: 'a service length under 时效',
    code: 'indicator.wrong-category',
    field: 'indicators.7.level2',
    fail: (t) => row(t, '时效指标', '数据库服务有效时限', '1年'),
    pass: (t) => row(t, '时效指标', '故障响应时间', '≤2小时'),
  },
  {
    name: 'a deadline under 质量',
    code: 'indicator.wrong-category',
    field: 'indicators.7.level2',
    fail: (t) => row(t, '质量指标', '项目实施时限', '2025年12月底前'),
    pass: (t) => row(t, '时效指标', '项目实施时限', '2025年12月底前'),
  },
  {
    name: 'a 满意度 row that rates something else',
    code: 'indicator.wrong-category',
    field: 'indicators.6.name',
    fail: (t) => (ind(t, 6).name = '社会治理信息化水平'),
    pass: (t) => (ind(t, 6).name = '数据库使用人员满意度'),
  },
  { name: 'a cost that is no money', code: 'cost.not-money', field: 'indicators.3.value', fail: value(3, '≤4000人/次'), pass: value(3, '≤4000元/人次') },
  {
    name: 'a unit cost without its /人',
    code: 'cost.per-unit-missing',
    field: 'indicators.3.value',
    fail: (t) => {
      Object.assign(ind(t, 0), { name: '咨询服务人数', value: '≥400人' });
      ind(t, 3).value = '≤240元';
    },
    pass: (t) => {
      Object.assign(ind(t, 0), { name: '咨询服务人数', value: '≥400人' });
      ind(t, 3).value = '≤240元/人';
    },
  },
  {
    name: 'a target copied from another library project',
    code: 'targets.copied',
    field: 'targets.period',
    fail: (t) => (t.targets.period = '购买法律顾问咨询服务，切实提高法律服务质量。'),
    pass: (t) => {
      t.projectName = '法律顾问费';
      t.targets.period = '购买法律顾问咨询服务，切实提高法律服务质量。';
    },
  },
  {
    name: 'target promises what no row measures',
    code: 'targets.unmeasured',
    field: 'targets.annual',
    fail: (t) => (t.targets.annual = '全年提供数据库咨询产品不少于8个，服务满意度达到90%以上。'),
    pass: () => {},
  },
];

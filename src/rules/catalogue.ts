/**
 * The rule catalogue: every finding code with its fixed severity and a short Chinese title. A code
 * has exactly one severity so that counts, docs and the dialog agree; `finding()` looks it up.
 */
import type { Finding, Fix, Severity } from './types.ts';

export interface RuleSpec {
  code: string;
  severity: Severity;
  /** Short 简体中文 title used in lint summaries. */
  title: string;
  /** Its findings may carry a one-tap `fix` (the dialog offers it; see dialog/flow/fixes.ts). */
  fix?: true;
}

const spec = (code: string, severity: Severity, title: string, fix?: 'fix'): RuleSpec =>
  fix ? { code, severity, title, fix: true } : { code, severity, title };

export const RULES: readonly RuleSpec[] = [
  spec('required', 'error', '必填项缺失'),
  spec('field.invalid-type', 'error', '字段类型不正确'),
  spec('text.too-long', 'error', '文字过长'),
  spec('year.invalid', 'error', '预算年度无效'),
  spec('amount.invalid', 'error', '金额不是有效的正数'),
  spec('amount.precision', 'error', '金额小数位过多'),
  spec('amount.sum-mismatch', 'error', '财政拨款与其他资金之和不等于合计', 'fix'),
  spec('amount.annual-exceeds-period', 'error', '年度金额大于实施期金额'),
  spec('amount.unit-invalid', 'error', '金额单位无效'),
  spec('amount.unit-suspect', 'warning', '金额与单位的量级不符'),
  spec('amount.unit-mismatch', 'warning', '资金用途中的金额单位与资金投入不一致'),
  spec('period.unparsable', 'error', '项目实施期无法识别'),
  spec('period.order', 'error', '实施期开始晚于结束'),
  spec('period.year-mismatch', 'warning', '实施期不含预算年度'),
  spec('spending.missing', 'warning', '未填写资金支出计划'),
  spec('spending.incomplete', 'error', '资金支出计划不完整'),
  spec('spending.range', 'error', '支出计划百分比超出0–100'),
  spec('spending.decreasing', 'error', '累计支出计划出现下降'),
  spec('spending.not-100', 'error', '12月底累计支出不是100%'),
  spec('framework.missing', 'error', '指标体系缺少必备类别'),
  spec('framework.level-mismatch', 'error', '一级指标与二级指标不匹配'),
  spec('indicator.placeholder', 'error', '指标值是占位符', 'fix'),
  spec('indicator.value-repeats-name', 'error', '指标值只是重复指标名称'),
  spec('indicator.placeholder-row', 'error', '三级指标名称只是类别名', 'fix'),
  spec('indicator.percent-range', 'error', '百分比超出0–100%'),
  spec('indicator.percent-at-least-100', 'warning', '百分比写成≥100%或＞100%'),
  spec('indicator.money-as-quantity', 'warning', '数量指标的值是金额'),
  spec('indicator.cost-floor', 'warning', '成本指标使用了下限（≥/＞）'),
  spec('indicator.cost-over-budget', 'error', '成本指标超过项目预算'),
  spec('indicator.vague', 'warning', '产出指标的值过于笼统'),
  spec('indicator.satisfaction-not-percent', 'warning', '满意度指标的值不是百分比'),
  spec('indicator.deadline-after-period', 'warning', '时效期限晚于实施期结束'),
  spec('indicator.deadline-before-period', 'warning', '时效期限早于实施期开始'),
  spec('indicator.duplicate-name', 'warning', '三级指标名称重复', 'fix'),
  spec('indicator.description-repeats-name', 'warning', '指标描述只是重复指标名称'),
  spec('targets.repeats-name', 'error', '绩效目标只是重复项目名称'),
  spec('targets.repeats-fund-use', 'warning', '绩效目标只是重复资金用途'),
  spec('targets.too-short', 'warning', '绩效目标过于简单'),
  spec('amount.yuan-as-wan', 'warning', '金额可能把元填成了万元'),
  spec('name.year-mismatch', 'warning', '项目名称中的年份与预算年度不符'),
  spec('cost.equals-budget', 'warning', '成本指标照抄项目总预算', 'fix'),
  spec('cost.as-rate', 'warning', '成本指标写成了比率', 'fix'),
  spec('cost.unit-total-over-budget', 'warning', '单位成本×数量超过预算', 'fix'),
  spec('cost.yuan-as-wan', 'error', '成本指标把元写成了万元', 'fix'),
  spec('cost.not-money', 'warning', '成本指标的值不是金额'),
  spec('cost.per-unit-missing', 'warning', '单位成本漏写了“/单位”', 'fix'),
  spec('indicator.wrong-category', 'warning', '指标放错了类别', 'fix'),
  spec('quantity.unit-mismatch', 'warning', '数量单位与计数对象不符', 'fix'),
  spec('quantity.as-rate', 'warning', '数量指标写成了比率'),
  spec('quantity.no-unit', 'warning', '数量指标没有单位', 'fix'),
  spec('quantity.ceiling', 'warning', '数量指标使用了上限（≤）', 'fix'),
  spec('quantity.qualitative', 'warning', '数量指标没有数量'),
  spec('quantity.not-positive', 'warning', '数量为零或负数'),
  spec('quantity.implausible-for-budget', 'warning', '数量与预算不相称'),
  spec('quantity.purpose-mismatch', 'warning', '指标值与资金用途中的数量不符', 'fix'),
  spec('indicator.percent-word', 'warning', '百分比写成了“比例/百分比”', 'fix'),
  spec('indicator.near-duplicate', 'warning', '指标与另一条几乎相同', 'fix'),
  spec('indicator.value-in-name', 'warning', '指标值照抄了名称中的数字'),
  spec('indicator.unrelated', 'warning', '指标对象与本项目无关', 'fix'),
  spec('satisfaction.low', 'warning', '满意度目标过低', 'fix'),
  spec('satisfaction.no-subject', 'warning', '满意度没有写明调查对象'),
  spec('indicator.value-contradicts-description', 'warning', '指标值与描述中的数字不一致'),
  spec('indicator.direction', 'warning', '≥/≤方向写反', 'fix'),
  spec('timeliness.no-deadline', 'warning', '时效指标没有时限', 'fix'),
  spec('effect.social-missing', 'warning', '缺少社会效益指标'),
  spec('effect.eco-irrelevant', 'warning', '生态效益指标与项目无关', 'fix'),
  spec('effect.empty-phrase', 'warning', '效益指标值只是空泛表述'),
  spec('effect.restates-output', 'warning', '效益指标实为产出'),
  spec('text.foreign-locality', 'warning', '出现其他地区或单位的名称'),
  spec('text.classified', 'warning', '公开表格中出现“涉密”'),
  spec('targets.boilerplate', 'warning', '绩效目标是套话'),
  spec('targets.unmeasured', 'warning', '绩效目标中的数量没有指标衡量'),
  spec('targets.copied', 'warning', '绩效目标照抄了其他项目'),
  spec('internal.rule-failed', 'error', '检查过程出错'),
];

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export function ruleSpec(code: string): RuleSpec | undefined {
  return BY_CODE.get(code);
}

/** Build a finding; the severity always comes from the catalogue. */
export function finding(code: string, field: string, message: string, indicator?: number, fix?: Fix): Finding {
  const severity = BY_CODE.get(code)?.severity ?? 'error';
  const f: Finding = indicator === undefined ? { code, severity, field, message } : { code, severity, field, indicator, message };
  if (fix) f.fix = fix;
  return f;
}

/**
 * The indicator table: framework membership and completeness, and each 指标值 read through the
 * value grammar (percent range, ≥100%, money as quantity, cost ceilings, placeholders, vague words,
 * satisfaction as a percentage, deadlines inside the implementation period, duplicates).
 */
import { FRAMEWORKS, belongsTo, canonicalLevel1, canonicalLevel2, level1Of } from '../domain/framework.ts';
import { squeeze, toHalfWidth } from '../domain/text.ts';
import { isPercent, moneyUnit, parseValue, valueInWan, type Comparator, type IndicatorValue } from '../domain/value.ts';
import { finding } from './catalogue.ts';
import { formatNumber } from '../domain/number.ts';
import { exampleCost, exampleDeadline, type Context } from './context.ts';
import { charLength, comparable, isRecord, list, quote, textField, type TextField } from './input.ts';
import { compareYearMonth, type YearMonth } from './period.ts';
import type { Finding, Fix } from './types.ts';

const LIMITS = { name: 60, description: 300, value: 60, basis: 300 } as const;

/** `*`, `无`, `xx`, `待定`, `≥XX%`: a row someone meant to fill in later. */
const PLACEHOLDER_WHOLE = /^(?:[-—_/\\.。…·、*?？x×]+|无|暂无|待定|待填|待补充|略|同上|空|null|undefined|nan|n\/a|na|tbd|todo)$/;
const PLACEHOLDER_PART = /x{2,}|×{2,}|\*|\?|？/;

/** Words that say "better" without saying how much; fine for 效益 prose, not for 产出. */
const VAGUE = /^(?:有效|明显|显著|提高|提升|改善|加强|增强|增加|较好|良好|较高|大幅|稳步|逐步|进一步|持续|不断|有所|得到|效果|积极|促进|保障|基本|全面|切实|更加|更好|很好)+$/;

interface Comparison {
  op?: Comparator;
  value: number;
  unit?: string;
}

function comparisons(v: IndicatorValue): Comparison[] {
  if (v.kind !== 'quantitative' || v.value === undefined) return [];
  return [{ op: v.op, value: v.value, unit: v.unit }, ...(v.parts ?? [])];
}

/** The example value a reviewer would accept for a 二级指标. */
function exampleValue(level2: string, ctx: Context, name = ''): string {
  if (level2 === '社会成本指标' || level2 === '生态环境成本指标') return '无明显不利影响';
  if (level2 === '数量指标') return '≥10次';
  if (level2 === '时效指标') return /响应|时长|用时|时间$|周期/.test(name) && !/完成时间|截止/.test(name) ? '≤2个工作日' : exampleDeadline(ctx);
  if (level2.includes('成本')) return exampleCost(ctx);
  if (/下降|降低|故障|投诉|脱管|漏管|再犯|差错|违法|事故|发生率|流失|误差/.test(name)) return '≤5%';
  return '≥95%';
}

/** Categories a table may leave out: an empty row of one of them is deleted, not filled in. */
const OPTIONAL_LEVEL2 = new Set(['经济效益指标', '生态效益指标', '可持续影响指标', '社会成本指标', '生态环境成本指标']);

function deleteFix(i: number): Fix {
  return { kind: 'delete-row', indicator: i, label: `删除第${i + 1}条` };
}

const EXAMPLE_NAMES: Record<string, string> = {
  数量指标: '开展法治宣传活动次数',
  质量指标: '案件办结率',
  时效指标: '资金拨付及时率',
  成本指标: '项目总成本',
  经济成本指标: '项目总成本',
  社会成本指标: '对群众生活的不利影响',
  生态环境成本指标: '能耗增加量',
  经济效益指标: '为群众节约诉讼费用',
  社会效益指标: '群众安全感',
  生态效益指标: '办公能耗降低率',
  可持续影响指标: '长效工作机制建立情况',
  服务对象满意度指标: '服务对象满意度',
};

/** An example 三级 name for a 二级指标. */
function exampleName(level2: string): string {
  return EXAMPLE_NAMES[level2] ?? '案件办结率';
}

/** Year and month a deadline value names (`2024年6月底前`, `2025年底前`, `12月底前`). */
function deadlineOf(raw: string, ctx: Context): YearMonth | undefined {
  const s = squeeze(toHalfWidth(raw));
  // Only plausible budget years: `≤1000.5小时` is not a date.
  const ym = (year: number, month: number): YearMonth | undefined =>
    year >= 1990 && year <= 2199 && month >= 1 && month <= 12 ? { year, month } : undefined;
  let m = /(\d{4})年(?:(\d{1,2})月)?/.exec(s);
  if (m) return ym(Number(m[1]), m[2] === undefined ? 12 : Number(m[2]));
  m = /(?<!\d)(\d{4})[./-](\d{1,2})(?!\d)/.exec(s);
  if (m) return ym(Number(m[1]), Number(m[2]));
  // A bare month only makes sense inside a single-year period.
  m = /^(\d{1,2})月(?:底|末|\d{1,2}日)?(?:前|以前|之前|完成)/.exec(s);
  const p = ctx.period;
  if (m && p && p.start.year === p.end.year) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? { year: p.end.year, month } : undefined;
  }
  return undefined;
}

interface Row {
  i: number;
  label: string;
  level1: string;
  level2: string;
  name?: string;
}

function fieldOf(i: number, key: string): string {
  return `indicators.${i}.${key}`;
}

function checkText(out: Finding[], i: number, key: keyof typeof LIMITS, f: TextField, label: string, what: string, example: string): void {
  if (f.kind === 'invalid') {
    out.push(finding('field.invalid-type', fieldOf(i, key), `${label}的${what}应为文字。请重新填写，例如：${example}。`, i));
  } else if (f.kind === 'text' && charLength(f.text) > LIMITS[key]) {
    out.push(finding('text.too-long', fieldOf(i, key), `${label}的${what}超过${LIMITS[key]}字。请精简，例如：${example}。`, i));
  }
}

function checkValue(out: Finding[], row: Row, text: string, ctx: Context): void {
  const { i, label, level1, level2 } = row;
  const field = fieldOf(i, 'value');
  const example = exampleValue(level2, ctx, row.name);
  const compact = squeeze(toHalfWidth(text)).toLowerCase();
  const q = quote(text);
  // Reviewers accept 无 on a 2021 社会/生态环境成本 row: the project has no such cost.
  const noCostRow = (level2 === '社会成本指标' || level2 === '生态环境成本指标') && /^(?:无|没有|暂无|无明显不利影响)$/.test(compact);
  if (!noCostRow && (PLACEHOLDER_WHOLE.test(compact) || PLACEHOLDER_PART.test(compact))) {
    if (OPTIONAL_LEVEL2.has(level2)) {
      out.push(finding('indicator.placeholder', field, `${label}的指标值“${q}”是占位符，${level2}不是必填项。请删除该行。`, i, deleteFix(i)));
    } else {
      out.push(finding('indicator.placeholder', field, `${label}的指标值“${q}”是占位符。请填写具体目标值，例如：${example}；不适用的指标请删除该行。`, i));
    }
    return;
  }
  // Not a return: a name such as `10万` repeated as the value is also money on a 数量指标.
  if (row.name && comparable(text) === comparable(row.name) && comparable(text)) {
    out.push(finding('indicator.value-repeats-name', field, `${label}的指标值只是重复了指标名称。请填写可衡量的目标值，例如：${example}。`, i));
  }
  const v = parseValue(text);
  const comps = comparisons(v);
  const isCost = level2.includes('成本') || level1 === '成本指标';
  const isOutput = level1 === '产出指标' || isCost;

  const outOfRange = comps.find((c) => c.unit === '%' && (c.value > 100 || c.value < 0));
  if (outOfRange) {
    out.push(finding('indicator.percent-range', field, `${label}的指标值“${q}”超出0–100%的范围。请改为合理的百分比，例如：≥95%。`, i));
  } else if (comps.some((c) => c.unit === '%' && ((c.op === '≥' && c.value === 100) || (c.op === '>' && c.value >= 100)))) {
    out.push(finding('indicator.percent-at-least-100', field, `${label}的指标值“${q}”不能超过100%。若要求全部达到，请写“=100%”；否则写一个可达的下限，例如：≥95%。`, i));
  }
  // Money on a 数量指标: a money unit (`165.35万`), or a bare number equal to the budget (`3.4176`).
  const isBudget = (c: Comparison): boolean => !c.unit && ctx.totals.some((t) => Math.abs(t - c.value) < 1e-9);
  if (level2 === '数量指标' && comps.some((c) => moneyUnit(c.unit) !== undefined || isBudget(c))) {
    out.push(
      finding('indicator.money-as-quantity', field, `${label}是数量指标，指标值“${q}”却是金额。请填写数量，例如：≥10次；金额请写在成本指标中。`, i),
    );
  }
  if (isCost && comps.some((c) => c.op === '≥' || c.op === '>')) {
    out.push(finding('indicator.cost-floor', field, `${label}是成本指标，应设上限而不是下限（“${q}”）。请用“≤”，例如：${exampleCost(ctx)}。`, i));
  }
  if (isCost && ctx.budgetWan !== undefined) {
    const budget = ctx.budgetWan;
    const over = comps.find((c) => {
      const wan = valueInWan({ raw: '', kind: 'quantitative', value: c.value, unit: c.unit });
      return wan !== undefined && wan > budget + 1e-4 + 1e-9 * budget;
    });
    const asYuan = over && moneyUnit(over.unit)?.startsWith('万') ? over.value * 0.0001 : undefined;
    if (over && asYuan !== undefined && asYuan <= budget + 1e-9 && over.value * 0.01 > budget && !over.unit?.includes("/")) {
      const value = `${q.replace(/万元?/, '元')}`;
      out.push(
        finding('cost.yuan-as-wan', field, `${label}的“${q}”比项目预算${formatNumber(budget)}万元还大，应是把元填成了万元。请改为：${value}（即${formatNumber(asYuan)}万元）。`, i, {
          kind: 'replace-value',
          indicator: i,
          value,
          label: `改为 ${value}`,
        }),
      );
    } else if (over) {
      out.push(
        finding('indicator.cost-over-budget', field, `${label}的指标值“${q}”超过项目预算${formatNumber(budget)}万元。请核对金额和单位（元/万元），例如：${exampleCost(ctx)}。`, i),
      );
    }
  }
  if (isOutput && v.kind === 'qualitative' && VAGUE.test(compact.replace(/[。.!！]+$/, ''))) {
    out.push(finding('indicator.vague', field, `${label}的指标值“${q}”过于笼统，产出指标无法据此考核。请量化，例如：${example}。`, i));
  }
  if ((level1 === '满意度指标' || level2 === '服务对象满意度指标') && !isPercent(v) && !comps.some((c) => c.unit === '%')) {
    out.push(finding('indicator.satisfaction-not-percent', field, `${label}是满意度指标，指标值“${q}”应为百分比。请改为例如：≥90%。`, i));
  }
  if (level2 === '时效指标' && ctx.period) {
    const d = deadlineOf(text, ctx);
    const { start, end } = ctx.period;
    if (d && compareYearMonth(d, end) > 0) {
      out.push(
        finding('indicator.deadline-after-period', field, `${label}的期限“${q}”晚于实施期结束（${end.year}年${end.month}月）。请提前到实施期内，例如：${exampleDeadline(ctx)}。`, i),
      );
    } else if (d && compareYearMonth(d, start) < 0) {
      out.push(
        finding('indicator.deadline-before-period', field, `${label}的期限“${q}”早于实施期开始（${start.year}年${start.month}月），可能沿用了旧表。请改为实施期内的时间，例如：${exampleDeadline(ctx)}。`, i),
      );
    }
  }
}

/** One category every table must cover, with a test on canonical names. */
export interface Requirement {
  label: string;
  test: (l1: string, l2: string) => boolean;
  example: string;
}

/** The categories the framework requires; exported so that the dialog's 还缺 line is this list. */
export function requirements(ctx: Context): Requirement[] {
  const fw = ctx.framework;
  const reqs: Requirement[] = [
    { label: '数量指标', test: (_, l2) => l2 === '数量指标', example: '产出指标—数量指标“开展法治宣传活动次数 ≥10次”' },
    { label: '质量指标', test: (_, l2) => l2 === '质量指标', example: '产出指标—质量指标“案件办结率 ≥95%”' },
    { label: '时效指标', test: (_, l2) => l2 === '时效指标', example: `产出指标—时效指标“项目完成时间 ${exampleDeadline(ctx)}”` },
    fw === 'mof2021'
      ? { label: '成本指标', test: (l1, l2) => l1 === '成本指标' || level1Of(l2, fw) === '成本指标', example: `成本指标—经济成本指标“项目总成本 ${exampleCost(ctx)}”` }
      : { label: '成本指标', test: (_, l2) => l2 === '成本指标', example: `产出指标—成本指标“项目总成本 ${exampleCost(ctx)}”` },
    { label: '效益指标', test: (l1, l2) => l1 === '效益指标' || level1Of(l2, fw) === '效益指标', example: '效益指标—社会效益指标“群众法治意识 有效提升”' },
    { label: '服务对象满意度指标', test: (_, l2) => l2 === '服务对象满意度指标', example: '满意度指标—服务对象满意度指标“服务对象满意度 ≥90%”' },
  ];
  return reqs;
}

export function checkIndicators(ctx: Context): Finding[] {
  const out: Finding[] = [];
  const raw = ctx.t.indicators;
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    out.push(finding('field.invalid-type', 'indicators', '绩效指标应为指标列表。请逐条填写，例如：产出指标—数量指标“培训次数 ≥4次”。'));
  }
  const items = list(raw);
  if (items.length === 0) {
    out.push(finding('required', 'indicators', '尚未填写绩效指标。请至少包含数量、质量、时效、成本、效益和满意度指标，例如：数量指标“培训次数 ≥4次”。'));
    return out;
  }
  const fw = FRAMEWORKS[ctx.framework];
  const level1Names = fw.level1.map((l) => l.name);
  const seen: Array<{ l1: string; l2: string }> = [];
  const names = new Map<string, number>();

  items.forEach((item, i) => {
    if (!isRecord(item)) {
      out.push(finding('field.invalid-type', `indicators.${i}`, `第${i + 1}条指标格式不正确。请重新填写，例如：产出指标—数量指标“培训次数 ≥4次”。`, i));
      return;
    }
    const l1f = textField(item.level1);
    const l2f = textField(item.level2);
    const nameF = textField(item.name);
    const descF = textField(item.description);
    const valueF = textField(item.value);
    const basisF = textField(item.basis);
    const name = nameF.kind === 'text' ? nameF.text : undefined;
    const label = name ? `第${i + 1}条指标“${quote(name)}”` : `第${i + 1}条指标`;
    const l1 = l1f.kind === 'text' ? canonicalLevel1(l1f.text) : '';
    const l2 = l2f.kind === 'text' ? canonicalLevel2(l2f.text) : '';
    seen.push({ l1, l2 });

    // Levels.
    if (l1f.kind === 'missing') out.push(finding('required', fieldOf(i, 'level1'), `${label}缺少一级指标。请选择：${level1Names.join('、')}。`, i));
    else if (l1f.kind === 'invalid') out.push(finding('field.invalid-type', fieldOf(i, 'level1'), `${label}的一级指标应为文字。请选择：${level1Names.join('、')}。`, i));
    if (l2f.kind === 'missing') out.push(finding('required', fieldOf(i, 'level2'), `${label}缺少二级指标。请填写，例如：数量指标。`, i));
    else if (l2f.kind === 'invalid') out.push(finding('field.invalid-type', fieldOf(i, 'level2'), `${label}的二级指标应为文字。请填写，例如：数量指标。`, i));
    if (l1 && !level1Names.includes(l1)) {
      const hint = l1 === '成本指标' ? '若按财预〔2021〕101号把成本作为一级指标，请切换到该框架；否则' : '';
      out.push(finding('framework.level-mismatch', fieldOf(i, 'level1'), `${label}的一级指标“${quote(l1)}”不在${fw.title}中。${hint}请选择：${level1Names.join('、')}。`, i));
    } else if (l1 && l2 && !belongsTo(l1, l2, ctx.framework)) {
      const allowed = fw.level1.find((x) => x.name === l1)?.level2 ?? [];
      const home = level1Of(l2, ctx.framework);
      const hint = home ? `“${l2}”属于${home}。` : '';
      out.push(
        finding('framework.level-mismatch', fieldOf(i, 'level2'), `${label}的二级指标“${quote(l2)}”不属于${l1}。${hint}请改为：${allowed.join('、')}之一。`, i),
      );
    }

    // Name.
    if (nameF.kind === 'missing') out.push(finding('required', fieldOf(i, 'name'), `第${i + 1}条指标缺少三级指标名称。请填写，例如：案件办结率。`, i));
    checkText(out, i, 'name', nameF, label, '三级指标名称', '案件办结率');
    if (name) {
      const key = comparable(name);
      // The category's full name (`生态效益指标`), or its short form (`生态效益`) except for
      // satisfaction, where `服务对象满意度` / `满意度` is the usual, accepted 三级 name.
      const categories = [l1f, l2f]
        .flatMap((f) => (f.kind === 'text' ? [f.text] : []))
        .concat([l1, l2])
        .filter(Boolean)
        .flatMap((c) => (l1 === '满意度指标' || l2 === '服务对象满意度指标' ? [comparable(c)] : [comparable(c), comparable(c.replace(/指标$/, ''))]));
      if (key && categories.includes(key)) {
        out.push(
          OPTIONAL_LEVEL2.has(l2)
            ? finding('indicator.placeholder-row', fieldOf(i, 'name'), `${label}只是类别名，不是具体指标；${l2}不是必填项。请删除该行。`, i, deleteFix(i))
            : finding('indicator.placeholder-row', fieldOf(i, 'name'), `${label}只是类别名，不是具体指标。请写明考核什么，例如：${exampleName(l2)}。`, i),
        );
      }
      const first = names.get(key);
      if (key && first !== undefined) {
        out.push(finding('indicator.duplicate-name', fieldOf(i, 'name'), `${label}与第${first + 1}条指标同名，重复考核同一件事。请把两条合并为一条，或删除本条。`, i, deleteFix(i)));
      } else if (key) {
        names.set(key, i);
      }
    }

    // Description.
    checkText(out, i, 'description', descF, label, '指标描述', '年内开展法治宣传活动的场次');
    if (name && descF.kind === 'text' && comparable(descF.text) === comparable(name)) {
      out.push(finding('indicator.description-repeats-name', fieldOf(i, 'description'), `${label}的指标描述只是重复了名称。请说明口径，例如：年内开展法治宣传活动的场次。`, i));
    }

    // Value.
    const example = exampleValue(l2, ctx, name);
    if (valueF.kind === 'missing') {
      out.push(finding('required', fieldOf(i, 'value'), `${label}缺少指标值。请填写，例如：${example}。`, i));
    } else if (valueF.kind === 'invalid') {
      out.push(finding('field.invalid-type', fieldOf(i, 'value'), `${label}的指标值应为文字。请填写，例如：${example}。`, i));
    } else if (charLength(valueF.text) > LIMITS.value) {
      out.push(finding('text.too-long', fieldOf(i, 'value'), `${label}的指标值超过${LIMITS.value}字。请只写目标值，例如：${example}。`, i));
    } else {
      checkValue(out, { i, label, level1: l1 || level1Of(l2, ctx.framework) || '', level2: l2, name }, valueF.text, ctx);
    }
    checkText(out, i, 'basis', basisF, label, '指标值确定依据', '参考往年完成情况');
  });

  for (const req of requirements(ctx)) {
    if (!seen.some(({ l1, l2 }) => req.test(l1, l2))) {
      out.push(finding('framework.missing', 'indicators', `缺少${req.label}。请至少添加一条，例如：${req.example}。`));
    }
  }
  return out;
}

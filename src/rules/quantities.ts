/**
 * 数量指标 read against the rest of the table: a count needs a unit that fits what the name counts,
 * a floor (≥), a positive number, and should agree with the purpose and be affordable on the budget.
 */
import { findQuantities, parseNumber } from '../compose/numbers.ts';
import { formatNumber } from '../domain/number.ts';
import { moneyUnit } from '../domain/value.ts';
import { finding } from './catalogue.ts';
import type { Context } from './context.ts';
import { escapeRegExp, textOf } from './input.ts';
import { costKindOf, countedNoun, unitClassOf, type CostKind } from './nouns.ts';
import { rowsOf, shareObject, type RowView } from './rows.ts';
import type { Finding } from './types.ts';

const field = (r: RowView) => `indicators.${r.i}.value`;
const replace = (r: RowView, value: string) => ({ kind: 'replace-value' as const, indicator: r.i, value, label: `改为 ${value}` });
const opText = (op: string | undefined) => (op === '>' ? '＞' : op === '<' ? '＜' : op ?? '');

/** Units written as words for a percentage: `≥95比例`, `90百分比`, `百分之90`. */
const PERCENT_WORD = /^(.*?)(?:百分之\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*(?:比例|百分比|百分率))$/;

/**
 * Cheapest credible cost per counted unit, in 元, by kind of thing counted; below it the count is
 * implausible. Meetings and devices: under half the library's cheapest (250元/场 for 004-10's 1000场
 * on 25万元, 588元/部 for 002-23's phones, less a margin). Messages and calls: a tenth of an SMS
 * (3–5分); printed matter: a tenth of a leaflet (2–5角).
 */
const MIN_YUAN_PER_UNIT: Record<CostKind, number> = { meeting: 100, device: 50, print: 0.02, message: 0.003 };

function checkPercentWord(out: Finding[], r: RowView): void {
  const m = PERCENT_WORD.exec(r.value.replace(/\s+/g, ''));
  if (!m) return;
  const value = `${m[1] || (r.isCost ? '≤' : '≥')}${m[2] ?? m[3]}%`;
  out.push(finding('indicator.percent-word', field(r), `${r.label}的单位写成了文字（“${r.value}”）。百分比请用“%”，例如：${value}。`, r.i, replace(r, value)));
}

function checkQuantityRow(out: Finding[], r: RowView, ctx: Context, purposeCounts: Array<ReturnType<typeof findQuantities>[number] & { context: string }>): void {
  const v = r.v;
  const noun = countedNoun(r.name);
  const unit = noun?.unit ?? '个';
  if (v.kind !== 'quantitative' || v.value === undefined) {
    if (r.value.replace(/[\p{P}\s]/gu, '') === r.name.replace(/[\p{P}\s]/gu, '')) return; // value-repeats-name says it
    out.push(finding('quantity.qualitative', field(r), `${r.label}是数量指标，指标值“${r.value}”没有数量。请写明数量和单位，例如：≥10${unit}。`, r.i));
    return;
  }
  if (v.unit === '%') {
    out.push(finding('quantity.as-rate', field(r), `${r.label}是数量指标，却写成了比率“${r.value}”。请写实际数量，例如：≥10${unit}；比率请放在质量指标中。`, r.i));
    return;
  }
  if (moneyUnit(v.unit) !== undefined) return; // money-as-quantity says it
  if (v.value <= 0) {
    out.push(finding('quantity.not-positive', field(r), `${r.label}的数量“${r.value}”不是正数，无法作为产出考核。请写计划完成的数量，例如：≥10${v.unit ?? unit}；不考核的请删除该行。`, r.i));
    return;
  }
  const n = formatNumber(v.value);
  if (v.op === '≤' || v.op === '<') {
    const value = `≥${n}${v.unit ?? unit}`;
    out.push(finding('quantity.ceiling', field(r), `${r.label}是数量指标，应写完成数量的下限，而不是上限（“${r.value}”）。请改为：${value}。`, r.i, replace(r, value)));
  }
  if (!v.unit) {
    if (ctx.totals.some((t) => Math.abs(t - v.value!) < 1e-9)) return; // the budget as a bare number: money-as-quantity
    const value = `${opText(v.op) || '≥'}${n}${unit}`;
    out.push(finding('quantity.no-unit', field(r), `${r.label}的数量“${r.value}”没有单位，看不出数的是什么。请加上单位，例如：${value}。`, r.i, replace(r, value)));
    return;
  }
  checkUnitFits(out, r, noun, n, v.unit, textOf(ctx.t.fundUse) ?? '');
  // Purpose quantities: 资金用途 says 1200件, the row says ≥50件.
  // Only counts said of the same thing (聘用2名法律顾问 is not the 调解员 row's count).
  const stated = purposeCounts.filter((q) => q.unit === (v.unit === '名' ? '人' : v.unit) && shareObject(r.name, q.context));
  // 为5个人民法庭各改造1间: the row may count the product (5间).
  const product = (q: { value: number }) => purposeCounts.some((p) => p !== q && Math.abs(p.value * q.value - v.value!) < 1e-9);
  if (stated.length && !stated.some((q) => (v.value! >= q.value / 2 && v.value! <= q.value * 2) || product(q))) {
    const q = stated[0]!;
    const value = `≥${formatNumber(q.value)}${v.unit}`;
    out.push(
      finding('quantity.purpose-mismatch', field(r), `${r.label}的“${r.value}”与资金用途中的“${q.text}”相差很大。请按用途核对，例如：${value}。`, r.i, replace(r, value)),
    );
  }
  checkAffordable(out, r, ctx);
}

/** A name counted per month (每个月…时间) whose value does not say per what. */
const PER_PERIOD = /每(?:个)?(月|年|周|季度|天|日)/;
const PER_YEAR: Record<string, number> = { 月: 12, 年: 1, 周: 52, 季度: 4, 天: 365, 日: 365 };

/**
 * Whether the purpose settles what a per-period row's figure is: it states the per-period figure
 * (集中排查每月1次), and the value is that figure or a year of it (≥12次).
 */
function purposeSettles(purpose: string, per: string, value: number, unit: string): boolean {
  const re = new RegExp(`每(?:个)?${per}[^，。；;]{0,12}?([\\d.]+|[一二两三四五六七八九十]+)\\s*${escapeRegExp(unit)}`, 'gu');
  return [...purpose.matchAll(re)].some((m) => {
    const f = parseNumber(m[1]!);
    return f !== undefined && (Math.abs(f - value) < 1e-9 || Math.abs(f * PER_YEAR[per]! - value) < 1e-9);
  });
}
/** A name that is a piece of work (平台建设), not a thing counted: its count says nothing. */
const WORK_ITEM = /(?:建设|维护|运维|运行|管理|保障|开展|实施|推进|落实|更新|升级|改造|采购|购置|更换)$/;
const COUNT_WORD = /数量|数$|次数|人数|个数|件数|场次|期数|人次|面积|时间|时长|天数/;

/**
 * The unit against what the name counts: a unit of another kind of thing (培训人次 ≥5场), a figure
 * per month written without /月, or a count of a piece of work that names nothing counted (平台建设 ≥23个).
 */
function checkUnitFits(out: Finding[], r: RowView, noun: ReturnType<typeof countedNoun>, n: string, unit: string, purpose: string): void {
  const op = opText(r.v.kind === 'quantitative' ? r.v.op : undefined);
  const valueClass = unitClassOf(unit);
  if (noun && valueClass && valueClass !== noun.spec.cls && !noun.spec.units.includes(unit)) {
    const value = `${op}${n}${noun.unit}`;
    out.push(
      finding('quantity.unit-mismatch', field(r), `${r.label}数的是“${noun.noun}”，单位却是“${unit}”。请改用${noun.spec.units.slice(0, 3).join('、')}等单位，例如：${value}。`, r.i, replace(r, value)),
    );
    return;
  }
  const per = PER_PERIOD.exec(r.name)?.[1];
  // Which one is meant only the unit knows (每月排查 ≥12次 may be a year's twelve): no fix.
  if (per && !unit.includes('/') && !r.value.includes('每') && !purposeSettles(purpose, per, Number(n), unit)) {
    const value = `${op}${n}${unit}/${per === '日' ? '天' : per}`;
    out.push(
      finding(
        'quantity.unit-mismatch',
        field(r),
        `${r.label}按“每${per}”计，指标值“${r.value}”却没写“/${per}”，看不出是每${per}还是全年。每${per}的请写“${value}”，全年的请去掉名称中的“每${per}”。`,
        r.i,
      ),
    );
    return;
  }
  if (!noun && WORK_ITEM.test(r.name) && !COUNT_WORD.test(r.name)) {
    out.push(
      finding('quantity.unit-mismatch', field(r), `${r.label}是一项工作，不是计数对象，看不出“${r.value}”是${n}${unit}什么。请在名称中写明数的是什么（例如“${r.name.replace(WORK_ITEM, '') || '服务对象'}数量”），或改为质量、时效指标。`, r.i),
    );
  }
}

/** A count the budget cannot pay for, by the floor of what it counts (`≥1000场` on 3万, not `≥20万次` calls on 8万). */
function checkAffordable(out: Finding[], r: RowView, ctx: Context): void {
  const v = r.v;
  if (v.kind !== 'quantitative' || v.value === undefined || !v.unit || ctx.budgetWan === undefined) return;
  // `5000万条`, `1亿次`: the count is in units of ten thousand or a hundred million.
  const scale = v.unit.length > 1 ? ({ 万: 1e4, 亿: 1e8 } as Record<string, number>)[v.unit[0]!] : undefined;
  const unit = scale ? v.unit.slice(1) : v.unit;
  const kind = costKindOf(r.name, unit);
  if (!kind) return;
  const floor = MIN_YUAN_PER_UNIT[kind];
  const budgetYuan = ctx.budgetWan * 10000;
  const perUnit = budgetYuan / (v.value * (scale ?? 1));
  if (perUnit >= floor) return;
  const example = Math.max(1, Math.floor(budgetYuan / (floor * 10)));
  out.push(
    finding(
      'quantity.implausible-for-budget',
      field(r),
      `${r.label}的“${r.value}”按预算${formatNumber(ctx.budgetWan)}万元算，每${unit}不足${formatNumber(Math.max(perUnit, 0.01))}元，难以实现。请核对数量或单位，例如：≥${formatNumber(example)}${unit}。`,
      r.i,
    ),
  );
}

/** A value that copies a figure out of the name (`为26个司法所更换标识牌` → `≤26个`). */
function checkValueInName(out: Finding[], r: RowView): void {
  const v = r.v;
  if (v.kind !== 'quantitative' || v.value === undefined) return;
  if (r.value.replace(/\s+/g, '') === r.name.replace(/\s+/g, '')) return; // value-repeats-name
  const n = formatNumber(v.value);
  const re = new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}\\s*${v.unit ? v.unit.replace(/[%/]/g, (c) => `\\${c}`) : ''}`);
  if (!re.test(r.name)) return;
  out.push(finding('indicator.value-in-name', `indicators.${r.i}.name`, `${r.label}把指标值“${r.value}”写进了名称。名称只写考核什么，例如：${r.name.replace(re, '').replace(/^[为对]/, '') || '完成数量'}；数值只写在指标值里。`, r.i));
}

export function checkQuantities(ctx: Context): Finding[] {
  const out: Finding[] = [];
  const purpose = textOf(ctx.t.fundUse) ?? '';
  const purposeCounts = (purpose.length <= 5000 ? findQuantities(purpose) : [])
    .filter((q) => /\d/.test(q.text))
    .map((q) => ({ ...q, context: purpose.slice(Math.max(0, q.index - 4), q.index + q.text.length + 8) }));
  for (const r of rowsOf(ctx)) {
    checkPercentWord(out, r);
    checkValueInName(out, r);
    if (r.isQuantity) checkQuantityRow(out, r, ctx, purposeCounts);
  }
  return out;
}

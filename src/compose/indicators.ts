/**
 * The indicator set for one project: one group of rows per activity (count, quality, timeliness),
 * one cost row (a unit cost when a count exists), effects and satisfaction with the right subject,
 * within a total that fits the budget. Pure.
 */
import type { Indicator } from '../domain/draft.ts';
import { DEFAULT_FRAMEWORK, level1Of, orderByFramework, type FrameworkId } from '../domain/framework.ts';
import { formatNumber } from '../domain/number.ts';
import type { LibraryProject } from '../library/types.ts';
import { alikeGeneric, alikeWording, evidenceRows, houseWording, type GenericRow } from './evidence.ts';
import { ownWords } from './objects.ts';
import { unitClass, type Quantity, type UnitClass } from './numbers.ts';
import { words as tokens } from './segment.ts';
import { COST_DESCRIPTIONS, COST_NAMES, PATTERNS, PER_CASE_BENEFIT, PROGRAMMES, SATISFACTION, SUBSIDY_BENEFITS, WORKFORCE, type KindPatterns, type Programme, type RowSpec } from './patterns.ts';
import type { Activity, ProjectReading } from './read.ts';
import { estimateCount, fillYear, unitCost } from './values.ts';

export interface ComposeOptions {
  /** Budget of the year, 万元. */
  amount?: number;
  /** The table's money unit; a ceiling is written in it. */
  unit?: '万元' | '元';
  year: number;
  framework?: FrameworkId;
  /** Library projects that really are alike: their rows may be reused as evidence (evidence.ts). */
  alike?: LibraryProject[];
  /** The library's generic wording for this project's kind, most used first (evidence.conventionalWording). */
  conventions?: GenericRow[];
  /** The department's own earlier tables, nearest first: their wording comes before anyone else's. */
  house?: LibraryProject[];
}

/** A composed row: which activity it measures (-1 for the whole project). */
export interface ComposedRow extends Indicator {
  activity: number;
}

/** Rows at most, by budget: a 8万 project does not need 15 rows. */
export function rowCap(amount: number | undefined): number {
  if (amount === undefined) return 12;
  if (amount < 10) return 9;
  if (amount < 50) return 12;
  return 15;
}

/** At most this many activities get their own group; the rest are too fine for one table. */
const MAX_ACTIVITIES = 4;

/** The kind's patterns, with a programme's own measures where the clause names one (人民调解 …). */
function programmeOf(a: Activity): Programme | undefined {
  return PROGRAMMES.find((p) => [p.kind].flat().includes(a.kind) && p.words.some((w) => a.words.includes(w) || a.clause.includes(w)));
}

/** Buildings and their parts: repairing them removes hazards; a room or system refitted is put to use. */
const BUILDING = /(?:楼|房|用房|房屋|幕墙|屋面|外墙|外立面|围墙|消防|场所|办公区|营房|监舍|道路|管网|线路)$/;
const WATERPROOF = /屋面|防水|外墙|渗漏/;
const REFIT_BENEFIT = { name: '{o}改造后投入使用率', value: '≥95%', description: '改造完成后投入实际工作使用的{o}比例', basis: '依据使用登记和运行记录' };

export function patternsFor(a: Activity): KindPatterns {
  const kind = a.kind === 'repair' && !BUILDING.test(a.object) ? { ...PATTERNS.repair, benefit: REFIT_BENEFIT } : PATTERNS[a.kind];
  // Roofs and walls kept watertight: the law's minimum warranty is five years, not the general two.
  const base = a.kind === 'repair' && WATERPROOF.test(a.clause + a.object) && kind.sustain ? { ...kind, sustain: { ...kind.sustain, value: '≥5年' } } : kind;
  const prog = programmeOf(a);
  const subsidyBenefit =
    a.kind === 'subsidy' && !WORKFORCE.test(a.object)
      ? SUBSIDY_BENEFITS.find((b) => b.words.test(a.words.join() + a.clause))?.row
      : undefined;
  if (!prog && !subsidyBenefit) return base;
  return {
    ...base,
    subject: prog?.subject ?? base.subject,
    count: prog?.tally
      ? { names: { default: prog.tally.name }, unit: prog.tally.unit, unitCost: prog.tally.unitCost, description: prog.tally.description }
      : { ...base.count, names: { ...base.count.names, ...prog?.count } },
    // The programme's unit cost names its own count (人均年度服务费用 per 人); a count in another unit
    // (3,000平方米) keeps the kind's names.
    unitCostName: prog?.tally
      ? { ...base.unitCostName, [unitClass(prog.tally.unit) ?? 'item']: prog.tally.unitCostName }
      : prog?.unitCostName
        ? { default: prog.unitCostName }
        : base.unitCostName,
    quality: prog?.quality ?? base.quality,
    timeliness: prog?.timeliness ?? base.timeliness,
    benefit: prog?.benefit ?? subsidyBenefit ?? base.benefit,
  };
}

/** Whose satisfaction can be asked: people or units, never a thing (交通满意度, 故障使用人员满意度). */
const PEOPLE = /(?:人员|员|人|者|对象|群众|当事人|学生|师生|家属|单位|部门|干警|职工|律师|公众|患者|监护人)$/;

const THINGS = ['purchase', 'repair', 'build', 'operation'];
/** 案件 + 案件办理 → 案件办理: the label may already name the object. */
const workOn = (a: Activity, object: string) => {
  const label = patternsFor(a).label;
  return label.startsWith(object) ? label : `${object}${label}`;
};

/** A long object is shortened in the rows after its count: 审判综合楼外立面幕墙 → 外立面幕墙. */
function shortObject(object: string): string {
  if (object.length <= 9) return object;
  // 办案区、询问室及档案室: a list is said whole while short, else by its first item.
  const items = object.split(/[、和及]/).filter(Boolean);
  if (items.length > 1) return object.length <= 8 ? object : `${items[0]}等`;
  const words = tokens(object);
  return words.length > 2 ? words.slice(-2).join('') : object;
}

/** What a subsidy pays in the words of its purpose: 奖励, 慰问, 救助 … rather than 补贴 for all. */
const PAYMENT = /^(?:奖励|慰问|救助|帮扶|困难帮扶|表彰|补助)$/;

function fill(text: string, a: Activity, subject: string, year: number, full = false): string {
  const o = full ? a.object : shortObject(a.object);
  let out = text.replace(/\{o\}/g, o).replace(/\{s\}/g, subject).replace(/\{u\}/g, a.quantity?.unit ?? '');
  if (a.kind === 'subsidy' && PAYMENT.test(a.verb)) out = out.replace(/补贴/g, a.verb.replace(/^困难/, '').replace('表彰', '奖励'));
  // 审计服务 + 服务期 → 审计服务期, not 审计服务服务期.
  return fillYear(out.replace(/服务服务/g, '服务').replace('服务项目总成本', '服务总成本'), year);
}

/** A subsidy paid per case (以案定补) measures the case work, not the people: no effect or subject of its own. */
function perCase(a: Activity): boolean {
  return a.kind === 'subsidy' && (/(?:案件|事项)$/.test(a.object) || unitClass(a.quantity?.unit ?? '') === 'case');
}

function subjectOf(a: Activity, year: number): string {
  // A programme knows who is served (律师代理 → 委托部门) better than a word of the clause (诉讼).
  const s = programmeOf(a)?.subject ?? a.subject ?? fill(patternsFor(a).subject, a, '', year);
  // Only people or units can be asked (收治满意度, 室等功能室满意度 are no one).
  return PEOPLE.test(s) ? s : '服务对象';
}

function fromSpec(spec: RowSpec, level2: string, a: Activity, index: number, year: number): Omit<ComposedRow, 'level1'> {
  const s = subjectOf(a, year);
  return {
    level2,
    name: fill(spec.name, a, s, year),
    value: fill(spec.value, a, s, year),
    description: fill(spec.description, a, s, year),
    basis: fill(spec.basis, a, s, year),
    activity: index,
  };
}

const cleanClause = (c: string) => c.replace(/^(?:主要)?用于/, '').trim();

/** The counted noun of the name agrees with the unit: 人数 ↔ 人, 人次 ↔ 人次, 次数 ↔ 次, 期数 ↔ 期. */
export function agreeUnit(name: string, unit: string): string {
  const suffix: Record<string, string> = { 人: '人数', 人次: '人次', 人日: '人日数', 次: '次数', 期: '期数', 场: '场次', 件: '数量', 户: '户数' };
  const want = suffix[unit];
  if (!want) return name;
  return name.replace(/(?:人日数|人数|人次|次数|期数|场次|户数)$/, want === '数量' ? '件数' : want);
}

/** A label that is only the verb before the count (全年举办6期) names nothing counted. */
const BARE_VERB = /^(?:举办|开展|组织|召开|完成|实现|达到|全年|预计|约)+$/;

function countRow(a: Activity, index: number, share: number | undefined, o: ComposeOptions): Omit<ComposedRow, 'level1'> {
  const p = patternsFor(a).count;
  const stated = a.quantity;
  const q = stated?.label && BARE_VERB.test(stated.label) ? { ...stated, label: undefined } : stated;
  if (q) {
    const cls = unitClass(q.unit);
    const named =
      q.label &&
      (q.unit === '人日'
        ? `${q.label}人日数`
        : cls === 'person'
          ? /^(?:参|培训|轮训|接受)/.test(q.label)
            ? `${q.label}人数`
            : `覆盖${q.label}人数`
          : cls === 'duration'
            ? `${q.label}时长`
          : cls === 'area' && /面积$/.test(q.label)
            ? q.label
            : cls === 'event'
              ? `${q.label}次数`
            : /量$/.test(q.label)
              ? q.label
              : q.label.endsWith(q.unit)
                ? `${q.label}数`
              : `${q.label}数量`);
    // A duration with no noun of its own (值班480个工作日) is how long the activity serves.
    const lasting = cls === 'duration' && !p.names.duration ? '{o}服务时长' : undefined;
    const name = q.coverage ? `覆盖${q.coverage}数量` : named ?? lasting ?? ((cls && p.names[cls]) || p.names.default);
    return {
      level2: '数量指标',
      name: agreeUnit(fill(name, a, '', o.year, true), q.unit),
      value: `≥${formatNumber(q.value)}${q.unit}`,
      description: q.coverage
        ? `${fill('{o}', a, '', o.year, true)}${patternsFor(a).label}覆盖的${q.coverage}数量`
        : named || lasting
          ? `全年${agreeUnit(fill(named || lasting!, a, '', o.year), q.unit)}`
          : fill(p.description, a, '', o.year, true),
      // Quote the purpose where the count stands, not the name or another clause.
      basis: `依据资金用途：${cleanClause(q.source ?? a.clause)}`,
      activity: index,
    };
  }
  if (p.fixed) return fromSpec(p.fixed, '数量指标', a, index, o.year);
  const caseBased = perCase(a);
  const unit = caseBased ? '件' : p.unit;
  const covered = Math.max(0, ...(a.extra ?? []).filter((x) => x.coverage).map((x) => x.value));
  let n = Math.max(covered, estimateCount(share ?? 10, caseBased ? 500 : (p.unitCost ?? 1000)));
  // Equipment: a large budget buys a system or a few sets, not hundreds of 5000元 items.
  // Office and room equipment is many pieces: a 55万 lot is not one item.
  if (a.kind === 'purchase' && !covered) n = (share ?? 0) >= 50 && /(?:系统|平台|工程|装置)$/.test(a.object) ? 1 : Math.min(n, 200);
  return {
    level2: '数量指标',
    name: agreeUnit(fill(caseBased ? (p.names.case ?? p.names.default) : p.names.default, a, '', o.year, true), unit),
    value: `≥${formatNumber(n)}${unit}`,
    description: fill(p.description, a, '', o.year, true),
    basis:
      share === undefined
        ? `按同类项目一般规模估算，每${p.unit}约${formatNumber(p.unitCost ?? 1000)}元`
        : `估算：按预算约${formatNumber(share)}万元、同类项目每${p.unit}约${formatNumber(p.unitCost ?? 1000)}元测算，请按实际计划修改`,
    estimate: true,
    activity: index,
  };
}

/** 每月到村服务不少于1次: a frequency, not a total the budget buys. */
const frequency = (q: Quantity) => /^每(?:月|周|季度?|半年|年|天|日)/.test(q.label ?? '') || /每(?:月|周|季度?|半年|天|日)[^，。；]*$/.test((q.source ?? '').split(q.text)[0] ?? '');

/** The count that the cost row divides by: the one most activities share (网格员 286人), else the first. */
export function primaryQuantity(activities: Activity[]): Quantity | undefined {
  const counted = activities.filter((a) => a.quantity && unitClass(a.quantity.unit) !== 'duration' && !frequency(a.quantity));
  let best: Quantity | undefined;
  let bestUses = 0;
  for (const a of counted) {
    const uses = counted.filter((b) => b.quantity === a.quantity).length;
    if (uses > bestUses) [best, bestUses] = [a.quantity, uses];
  }
  // 全年举办6期，培训320人次: with one activity the money is spent per person trained, not per session.
  const only = activities.length === 1 ? activities[0] : undefined;
  const people = only?.kind === 'training' && unitClass(best?.unit ?? '') === 'event' ? only.extra?.find((x) => unitClass(x.unit) === 'person' && !x.coverage) : undefined;
  return people ?? best;
}

/** Things of one kind bought together (执法记录仪45台、采集站6套) are accepted, used and kept as one lot. */
function asLots(activities: Activity[]): Array<{ a: Activity; i: number }> {
  const out: Array<{ a: Activity; i: number }> = [];
  activities.forEach((a, i) => {
    const lot = a.kind === 'purchase' ? out.find((x) => x.a.kind === 'purchase') : undefined;
    if (!lot) out.push({ a, i });
    else lot.a = { ...lot.a, object: `${lot.a.object.replace(/和/, '、')}和${shortObject(a.object)}` };
  });
  return out;
}

function costRow(reading: ProjectReading, activities: Activity[], o: ComposeOptions): Omit<ComposedRow, 'level1'> {
  // Several things bought at prices the purpose does not give: no one count divides the budget.
  const lots = asLots(activities);
  const bought = activities.filter((a) => a.kind === 'purchase' && a.quantity);
  const mixed = bought.length > 1 && lots.length === 1;
  // 通过式安检门6台、X光安检机3台: things counted in one unit add up (9台).
  const sameUnit = mixed && bought.every((a) => a.quantity!.unit === bought[0]!.quantity!.unit);
  // 为14个派出所配备…, 对8个派出所办案区改造: what every activity goes to divides the budget when nothing else does.
  const places = activities.flatMap((a) => a.extra ?? []).find((x) => x.coverage);
  const q = primaryQuantity(activities);
  if (o.amount !== undefined && (sameUnit || (places && (mixed || !q)))) {
    const n = sameUnit ? bought.reduce((t, a) => t + a.quantity!.value, 0) : places!.value;
    const unit = sameUnit ? bought[0]!.quantity!.unit : places!.unit;
    const what = sameUnit ? '' : places!.coverage!;
    return {
      level2: '成本指标',
      name: `每${unit}${what}平均成本`,
      value: unitCost(o.amount, n, unit),
      description: COST_DESCRIPTIONS.unit.replace('{a}', formatNumber(o.amount)).replace('{n}', formatNumber(n)).replace('{u}', `${unit}${what}`).replace('{c}', lots.map(({ a }) => workOn(a, shortObject(a.object))).join('、')),
      basis: '依据项目预算和资金用途所列数量测算',
      activity: -1,
    };
  }
  if (mixed) return costCeiling(reading, [lots[0]!.a], o);
  if (q && o.amount !== undefined) {
    const users = activities.filter((a) => a.quantity === q || a.extra?.includes(q));
    const cls: UnitClass = unitClass(q.unit) ?? 'item';
    const all = users.length === activities.length;
    const first = users[0]!;
    const subsidy = users.find((a) => a.kind === 'subsidy');
    let name: string;
    if (q.label && cls === 'item' && unitClass(q.unit) === 'item') {
      // 设考场30个 → 每个考场平均成本: the count's own noun says what the money is divided by.
      name = `每${q.unit}${q.label}平均成本`;
    } else if (activities.length === 1 || (all && subsidy)) {
      const owner = subsidy ?? first;
      const names = patternsFor(owner).unitCostName;
      name = fill(names[cls] ?? names.default, owner, '', o.year);
    } else if (all || activities.every((a) => a.quantity === q || !a.quantity)) {
      // The other activities have no count of their own: the count is the project's measure.
      name = cls === 'person' && /^[人名]$/.test(q.unit) ? COST_NAMES.perPerson : cls === 'person' ? COST_NAMES.perUnit.replace('{u}', q.unit) : cls === 'case' ? COST_NAMES.perCase : COST_NAMES.perUnit.replace('{u}', q.unit);
    } else name = COST_NAMES.byCount.replace('{u}', q.unit);
    const covers = activities.map((a) => workOn(a, shortObject(a.object))).join('、');
    return {
      level2: '成本指标',
      name,
      value: unitCost(o.amount, q.value, q.unit),
      description: (activities.length > 1 && !all ? COST_DESCRIPTIONS.mixed : COST_DESCRIPTIONS.unit)
        .replace('{a}', formatNumber(o.amount))
        .replace('{n}', formatNumber(q.value))
        .replace('{u}', q.unit)
        .replace('{c}', covers),
      basis: '依据项目预算和资金用途所列数量测算',
      activity: -1,
    };
  }
  return costCeiling(reading, activities, o);
}

function costCeiling(reading: ProjectReading, activities: Activity[], o: ComposeOptions): Omit<ComposedRow, 'level1'> {
  const only = activities.length === 1 ? activities[0] : undefined;
  const name = only ? fill(patternsFor(only).totalCostName, only, '', o.year, true) : COST_NAMES.total.replace('{o}', reading.topic);
  const covers = activities.map((a) => workOn(a, a.object)).join('、');
  if (o.amount === undefined) {
    return { level2: '成本指标', name, value: '≤预算批复数', description: `${covers}的支出控制在预算批复范围内`, basis: '依据预算批复', activity: -1 };
  }
  const ceiling = o.unit === '元' ? `≤${formatNumber(Math.round(o.amount * 10000 * 100) / 100)}元` : `≤${formatNumber(o.amount)}万元`;
  return {
    level2: '成本指标',
    name,
    value: ceiling,
    description: `${covers}的全年支出控制在预算以内`,
    basis: '依据项目预算',
    activity: -1,
  };
}

/** One row per name; of two, the stated count wins over an estimate (两项鉴定 read as two activities). */
function dedupeByName<T extends { name: string; estimate?: boolean }>(rows: T[]): T[] {
  const out: T[] = [];
  for (const r of rows) {
    const at = out.findIndex((x) => x.name === r.name);
    if (at < 0) out.push(r);
    else if (out[at]!.estimate && !r.estimate) out[at] = r;
  }
  return out;
}

/**
 * An estimated count of what a stated count already counts (法律援助案件数量 ≥310件 beside 办理法律援助
 * 案件数 ≥1500件) promises two figures for one thing: the estimate goes.
 */
function withoutCountedTwice<T extends { level2: string; name: string; value: string; estimate?: boolean }>(rows: T[]): T[] {
  const stated = rows.filter((r) => r.level2 === '数量指标' && !r.estimate);
  const unitOf = (v: string) => /[\d.]+(.*)$/.exec(v)?.[1] ?? '';
  return rows.filter((r) => {
    if (r.level2 !== '数量指标' || !r.estimate) return true;
    const core = r.name.replace(/(?:数量|人数|件数|场次|期数|人次)$/, '');
    return !stated.some((s) => unitOf(s.value) === unitOf(r.value) && core.length >= 2 && s.name.includes(core));
  });
}

/** Drops the least needed rows until the cap: extra sustain, effect, timeliness, quality rows. */
function trim(rows: Array<Omit<ComposedRow, 'level1'>>, cap: number): Array<Omit<ComposedRow, 'level1'>> {
  const out = [...rows];
  // Each category keeps one row (可持续影响 none); the fullest category loses its last row first.
  const order = ['可持续影响指标', '时效指标', '社会效益指标', '质量指标', '服务对象满意度指标'];
  while (out.length > cap) {
    const spare = (l2: string) => out.filter((r) => r.level2 === l2).length - (l2 === '可持续影响指标' ? 0 : 1);
    const most = Math.max(...order.map(spare));
    if (most <= 0) break;
    const level2 = order.find((l2) => spare(l2) === most)!;
    const of = out.filter((r) => r.level2 === level2);
    out.splice(out.lastIndexOf(of[of.length - 1]!), 1);
  }
  return out;
}

export function composeIndicators(reading: ProjectReading, o: ComposeOptions): ComposedRow[] {
  const framework = o.framework ?? DEFAULT_FRAMEWORK;
  const activities = reading.activities.slice(0, MAX_ACTIVITIES);
  const share = o.amount === undefined ? undefined : Math.round((o.amount / activities.length) * 100) / 100;
  const rows: Array<Omit<ComposedRow, 'level1'>> = [];
  activities.forEach((a, i) => {
    const main = countRow(a, i, share, o);
    rows.push(main);
    for (const q of a.extra ?? []) {
      // 12,000卷、约180万页: a further count with no noun of its own counts the same things in its unit.
      const own = q.label || q.coverage || unitClass(q.unit) !== 'item' ? q : { ...q, label: `${shortObject(a.object)}${q.unit}` };
      const extra = countRow({ ...a, quantity: own, extra: undefined }, i, share, o);
      if (!rows.some((r) => r.name === extra.name)) rows.push(extra);
    }
  });
  const lots = asLots(activities);
  lots.forEach(({ a, i }) => rows.push(fromSpec(patternsFor(a).quality, '质量指标', a, i, o.year)));
  lots.forEach(({ a, i }) => rows.push(fromSpec(patternsFor(a).timeliness, '时效指标', a, i, o.year)));
  rows.push(costRow(reading, activities, o));
  lots.forEach(({ a, i }) => {
    const b = patternsFor(a).benefit;
    if (b && !perCase(a)) rows.push(fromSpec(b, '社会效益指标', a, i, o.year));
  });
  const perCaseOnly = activities.findIndex(perCase);
  if (perCaseOnly >= 0 && !rows.some((r) => r.level2 === '社会效益指标')) {
    rows.push(fromSpec(PER_CASE_BENEFIT, '社会效益指标', activities[perCaseOnly]!, perCaseOnly, o.year));
  }
  lots.forEach(({ a, i }) => {
    const s = patternsFor(a).sustain;
    if (s && (o.amount ?? 10) >= 10) rows.push(fromSpec(s, '可持续影响指标', a, i, o.year));
  });
  const subjects = new Set<string>();
  let thingAsked = false;
  activities.forEach((a, i) => {
    const s = subjectOf(a, o.year);
    if (perCase(a) && activities.length > 1) return;
    // The people who use the things bought, built or kept running are asked once, not per device.
    const thing = THINGS.includes(a.kind);
    if (thing && thingAsked) return;
    thingAsked ||= thing;
    if (subjects.size < 2 && !subjects.has(s)) {
      subjects.add(s);
      rows.push(fromSpec(SATISFACTION, '服务对象满意度指标', a, i, o.year));
    }
  });
  // A row alike tables use goes right after the first composed row of its 二级, so that trimming takes
  // the composer's extra rows first.
  const evidence = [...(o.house ?? []), ...(o.alike ?? []).filter((p) => !o.house?.includes(p))];
  // A programme's own rows (心理测评, 演练) are more exact than the general rows of its kind's tables.
  const exact = activities.every((a) => programmeOf(a));
  for (const r of exact ? [] : evidenceRows(evidence, ownWords(reading.text), rows, 2)) {
    const at = rows.findIndex((x) => x.level2 === r.level2);
    rows.splice(at < 0 ? rows.length : at + 1, 0, { ...r, activity: -1 });
  }
  const generic = (r: Omit<ComposedRow, 'level1'>) =>
    (r.level2 === '成本指标' && !r.value.includes('/')) ||
    r.name === '服务对象满意度' ||
    ((r.level2 === '质量指标' || r.level2 === '时效指标') && activities[r.activity]?.kind === 'work');
  for (const [k, name] of alikeWording([...houseWording(o.house ?? []), ...alikeGeneric(o.alike ?? []), ...(o.conventions ?? [])], rows.map((r) => ({ ...r, generic: generic(r) })), reading.text)) {
    // A ceiling says what it covers (律师代理费用预算控制数), in the wording alike tables use.
    const only = activities.length === 1 ? shortObject(activities[0]!.object) : '';
    const covers = rows[k]!.level2 === '成本指标' && only && !name.includes(only) ? only : '';
    rows[k] = { ...rows[k]!, name: `${covers}${name}` };
  }
  const kept = trim(dedupeByName(withoutCountedTwice(rows)), rowCap(o.amount));
  const placed = kept.map((r) => {
    const level2 = r.level2 === '成本指标' && framework === 'mof2021' ? '经济成本指标' : r.level2;
    return { ...r, level2, level1: level1Of(level2, framework) ?? '产出指标' } as ComposedRow;
  });
  return orderByFramework(placed, framework);
}

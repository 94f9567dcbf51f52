/**
 * Library rows reused as evidence: a row of a project that really is alike is taken over only when
 * every concrete object it names appears in this project's own name or purpose, its value is one a
 * reviewer accepts (library/quality), and it carries no other project's count, money, place or
 * secret. Counts and costs are never taken: they belong to the other project's budget. Pure.
 */
import type { Indicator } from '../domain/draft.ts';
import { squeeze } from '../domain/text.ts';
import { parseValue } from '../domain/value.ts';
import { usableValue } from '../library/quality.ts';
import { sameIndicatorName } from '../library/similarity.ts';
import type { LibraryIndicator, LibraryProject } from '../library/types.ts';
import { FOREIGN_TERMS, SECRET } from './lexicon.ts';
import { concreteObjects } from './objects.ts';
import { words } from './segment.ts';

const TAKEN = ['质量指标', '时效指标', '社会效益指标', '可持续影响指标', '服务对象满意度指标'];
const VAGUE_BASIS = /^(?:工作经验|文件要求|专款专用|根据市里文件.*)$/;

function clean(text: string | undefined, own: string): string | undefined {
  if (!text) return undefined;
  if ([...FOREIGN_TERMS, SECRET].some((t) => text.includes(t) && !own.includes(t))) return undefined;
  if (/\d{4}\s*年|[〔【\[]\d{4}/.test(text)) return undefined;
  return concreteObjects(text).every((w) => own.includes(w)) ? text.trim() : undefined;
}

function reusable(i: LibraryIndicator, own: string): Omit<Indicator, 'level1'> | undefined {
  if (!TAKEN.includes(i.level2)) return undefined;
  const value = usableValue(i);
  if (value === undefined || clean(i.name, own) === undefined) return undefined;
  // About this project: the name carries one of its concrete objects (综治中心系统正常运行率), never
  // only shared wording (满意度, 支付及时率, 按期受理率).
  if (!concreteObjects(i.name).some((w) => own.includes(w)) || i.name.trim().length < 5) return undefined;
  const v = parseValue(value);
  // A number other than a percentage or a deadline is the other project's count.
  if (v.kind === 'quantitative' && v.unit !== '%') return undefined;
  if (v.kind === 'deadline' && /\d{4}/.test(value)) return undefined;
  // A qualitative effect (效果良好, 基本保障) is what reviewers return first: never taken over.
  if (v.kind === 'qualitative') return undefined;
  // A row reused keeps its own description; one made up from its name (…达到规定标准的程度) says nothing.
  const own_ = clean(i.description, own);
  if (!own_ || squeeze(own_) === squeeze(i.name)) return undefined;
  const description = own_;
  const basis = i.basis && !VAGUE_BASIS.test(i.basis.trim()) ? clean(i.basis, own) : undefined;
  // 100% with no sign reads as =100%.
  const signed = /^\d/.test(value.trim()) ? `=${value.trim()}` : value;
  return { level2: i.level2, name: i.name.trim(), value: signed, description, basis: basis ?? '依据年度工作计划和同类项目历年水平' };
}

/**
 * Rows of the alike projects, nearest first, at most one per 二级 and `max` in all, none of a name
 * already present, and only in a 二级 the composer filled with one row.
 */
export function evidenceRows(alike: LibraryProject[], own: string, present: Array<Pick<Indicator, 'level2' | 'name'>>, max: number): Array<Omit<Indicator, 'level1'>> {
  const out: Array<Omit<Indicator, 'level1'>> = [];
  for (const p of alike) {
    for (const i of p.indicators) {
      if (out.length >= max) return out;
      const row = reusable(i, own);
      if (!row || out.some((r) => r.level2 === row.level2)) continue;
      if (present.filter((r) => r.level2 === row.level2).length > 1) continue;
      if ([...present, ...out].some((r) => sameIndicatorName(r.name, row.name))) continue;
      // 展板验收合格率 beside our 展板制作验收合格率 measures it twice.
      const m = measureOf(row.name);
      if (m && present.some((r) => r.level2 === row.level2 && measureOf(r.name) === m)) continue;
      out.push(row);
    }
  }
  return out;
}

/**
 * Words any table's generic row may use; a word outside them (监管 in 监管工作完成及时性, 调解, 支付)
 * says what another project does and is taken only when this project's own text has it.
 */
const NEUTRAL = new Set(
  '费用 预算 控制 控制数 数 工作 任务 项目 完成 完成率 及时 及时性 及时率 按时 按期 计划 验收 合格 合格率 达标率 质量 群众 人民群众 公众 社会公众 服务对象 工作人员 人员 的 满意度 满意率 资金 成本 经费 目标 年度 考核 结果 全年'.split(' '),
);
const neutralFor = (name: string, own: string) => words(name).every((w) => NEUTRAL.has(w) || own.includes(w));

/** What a generic row measures, so that a library row replaces only one that measures the same. */
const MEASURES: Array<[string, RegExp]> = [
  ['timely', /及时|按时|时限|期限|时效/],
  ['satisfaction', /满意度$/],
  ['pass', /合格率|达标率|验收/],
  ['complete', /完成率|完成度|完成情况/],
];
const measureOf = (name: string) => MEASURES.find(([, re]) => re.test(name))?.[0];
/** Subjects every table may ask without naming them in the purpose. */
const COMMON_SUBJECT = /^(?:服务对象|群众|人民群众|工作人员|受益群体|受益群众|社会公众|干警)的?满意度$/;

export interface WordingSlot {
  level2: string;
  name: string;
  value: string;
  /** The composer wrote this row from its generic wording (the `work` kind, the whole-budget ceiling, 服务对象). */
  generic: boolean;
}

const level2Of = (i: { level1: string; level2: string }) => (i.level1 === '成本指标' || i.level2.includes('成本') ? '成本指标' : i.level2);

/** A library row's wording that names no concrete object at all, with its 二级 and value unit. */
export interface GenericRow {
  level2: string;
  name: string;
  unit?: string;
}

/** A library row whose name names no concrete object at all: wording any table may share. */
function genericRow(i: LibraryIndicator): GenericRow | undefined {
  const name = i.name.trim();
  if (name.length < 4 || name.length > 12 || /\d/.test(name) || concreteObjects(name).length) return undefined;
  const value = usableValue(i);
  if (value === undefined) return undefined;
  const v = parseValue(value);
  return { level2: level2Of(i), name, unit: v.kind === 'quantitative' ? v.unit : undefined };
}

const generic = new WeakMap<LibraryProject, GenericRow[]>();
/** A project's generic rows, read once per project (the dialog's per-user library is a new array each turn). */
function genericRowsOf(p: LibraryProject): GenericRow[] {
  let rows = generic.get(p);
  if (!rows) {
    const seen = new Set<string>();
    rows = p.indicators.flatMap((i) => genericRow(i) ?? []).filter((g) => !seen.has(g.name) && (seen.add(g.name), true));
    generic.set(p, rows);
  }
  return rows;
}

const conventions = new WeakMap<LibraryProject[], Map<string, GenericRow[]>>();

/**
 * The library's conventions: per kind of project (the kind of its first activity as our reader sees
 * it), the generic names at least three of its tables use, most used first. This is the wording a
 * reviewer is used to for that kind of work (工作完成及时性, 费用预算控制数, 群众满意度).
 */
export function conventionalWording(projects: LibraryProject[], kindOf: (p: LibraryProject) => string): Map<string, GenericRow[]> {
  const cached = conventions.get(projects);
  if (cached) return cached;
  const counts = new Map<string, Map<string, { row: GenericRow; n: number }>>();
  for (const p of projects) {
    const kind = kindOf(p);
    const byName = counts.get(kind) ?? new Map();
    for (const g of genericRowsOf(p)) {
      const key = `${g.level2}|${g.name}`;
      const e = byName.get(key) ?? { row: g, n: 0 };
      e.n++;
      byName.set(key, e);
    }
    counts.set(kind, byName);
  }
  const out = new Map<string, GenericRow[]>();
  for (const [kind, byName] of counts)
    out.set(
      kind,
      [...byName.values()].filter((e) => e.n >= 3).sort((a, b) => b.n - a.n || a.row.name.localeCompare(b.row.name)).map((e) => e.row),
    );
  conventions.set(projects, out);
  return out;
}

/**
 * A department's house style: the generic names at least two of its own tables share, most shared
 * first. One table's odd row (护路's 出勤及时率) is not a style.
 */
export function houseWording(house: LibraryProject[]): GenericRow[] {
  const counts = new Map<string, { row: GenericRow; n: number }>();
  for (const p of house)
    for (const g of genericRowsOf(p)) {
      const key = `${g.level2}|${g.name}`;
      const e = counts.get(key) ?? { row: g, n: 0 };
      e.n++;
      counts.set(key, e);
    }
  return [...counts.values()].filter((e) => e.n >= 2).sort((a, b) => b.n - a.n).map((e) => e.row);
}

/** The generic rows of the alike projects, nearest first. */
export function alikeGeneric(alike: LibraryProject[]): GenericRow[] {
  return alike.flatMap(genericRowsOf);
}

/**
 * The wording alike tables use for a generic row: a row of the composer's generic wording (综治工作完成
 * 及时率, 综治工作经费 ≤10万元) takes the name alike projects, else the library's tables of the same kind,
 * give the same measure (工作完成及时性, 费用预算控制数) — a name that names no concrete object at all,
 * so it cannot carry another project's things. The value stays ours: it belongs to this project's
 * budget. Returns the new names by row index.
 */
export function alikeWording(candidates: GenericRow[], rows: WordingSlot[], own: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const c of candidates) {
    if (!neutralFor(c.name, own)) continue;
    const at = rows.findIndex((r, k) => {
      if (!r.generic || out.has(k) || r.level2 !== c.level2 || sameIndicatorName(r.name, c.name)) return false;
      if (c.level2 === '成本指标') return /元/.test(c.unit ?? '') && /^≤/.test(r.value) && /(?:元|预算批复数)$/.test(r.value);
      if (c.level2 === '服务对象满意度指标') return COMMON_SUBJECT.test(c.name);
      const m = measureOf(c.name);
      return m !== undefined && m !== 'satisfaction' && m === measureOf(r.name) && c.unit === '%';
    });
    if (at >= 0 && ![...out.values()].includes(c.name)) out.set(at, c.name);
  }
  return out;
}

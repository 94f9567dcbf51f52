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

const TAKEN = ['质量指标', '时效指标', '社会效益指标', '可持续影响指标', '服务对象满意度指标'];
const VAGUE_BASIS = /^(?:工作经验|文件要求|专款专用|根据市里文件.*)$/;

const DESCRIPTION: Record<string, (name: string) => string> = {
  质量指标: (n) => `${n}达到规定标准的程度`,
  时效指标: (n) => `${n}的及时程度`,
  社会效益指标: (n) => `项目实施对${n}的作用`,
  可持续影响指标: (n) => `项目实施对${n}的持续作用`,
  服务对象满意度指标: () => '通过问卷调查了解的满意程度',
};

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
  const own_ = clean(i.description, own);
  const description = own_ && squeeze(own_) !== squeeze(i.name) ? own_ : DESCRIPTION[i.level2]!(i.name.trim());
  const basis = i.basis && !VAGUE_BASIS.test(i.basis.trim()) ? clean(i.basis, own) : undefined;
  return { level2: i.level2, name: i.name.trim(), value, description, basis: basis ?? '依据年度工作计划和同类项目历年水平' };
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
      out.push(row);
    }
  }
  return out;
}

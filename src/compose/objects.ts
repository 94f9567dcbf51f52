/**
 * Concrete objects of a text: the nouns that name a thing, a group of people or a place (专用手机,
 * 网格员, 幕墙), as opposed to the measurement vocabulary every table shares (合格率, 满意度, 人数,
 * 工作, 群众 …). A row that names a concrete object the project's own name and purpose never mention
 * measures something of another project. Pure.
 */
import { TRIGGERS } from './lexicon.ts';
import { COST_DESCRIPTIONS, COST_NAMES, PATTERNS, PER_CASE_BENEFIT, PROGRAMMES, SATISFACTION, SUBSIDY_BENEFITS, type Programme } from './patterns.ts';
import { tag } from './segment.ts';

const NOUN = /^(?:n|nz|nr|ns|nt|nrt|vn)$/;
const ROLES = ['人员', '群众', '对象', '工作', '项目', '单位', '服务', '情况', '比例', '时间', '数量', '标准', '经费', '资金', '费用', '成本', '预算', '任务', '计划', '部门'];

let measure: Set<string> | undefined;

/** The words of our patterns' own text: measurement vocabulary, never concrete. */
export function measureWords(): Set<string> {
  if (measure) return measure;
  const texts: string[] = [SATISFACTION.name, SATISFACTION.description, PER_CASE_BENEFIT.name, ...Object.values(COST_NAMES), ...ROLES];
  for (const p of Object.values(PATTERNS)) {
    texts.push(p.label, p.totalCostName, ...Object.values(p.unitCostName), ...Object.values(p.count.names), p.count.description);
    for (const s of [p.quality, p.timeliness, p.benefit, p.sustain, p.count.fixed]) if (s) texts.push(s.name, s.description);
  }
  texts.push(...Object.values(COST_DESCRIPTIONS), '人数 人次 次数 期数 场次 户数 件数 覆盖');
  for (const b of SUBSIDY_BENEFITS) texts.push(b.row.name, b.row.description);
  measure = new Set(texts.flatMap((t) => tag(t.replace(/\{[a-z]\}/g, '，')).map((w) => w.word)));
  return measure;
}

/** Concrete nouns of a text (two characters or more, not measurement vocabulary). */
export function concreteObjects(text: string): string[] {
  const m = measureWords();
  return [...new Set(tag(text).filter((w) => NOUN.test(w.tag) && w.word.length >= 2 && !m.has(w.word)).map((w) => w.word))];
}

/**
 * A project's own words: its name and purpose plus what their activity words imply (法律援助 → 受援人,
 * 社区矫正 → 社区矫正对象), since a row may name those without the user writing them.
 */
export function ownWords(text: string): string {
  const implied = TRIGGERS.filter((t) => text.includes(t.word)).flatMap((t) => [t.subject ?? '', t.object ?? '']);
  // A programme's rows speak of what it delivers (审计 → 审计报告, 法律顾问 → 法律意见书): implied by its
  // words only, so they stay concrete for any other project.
  const programmes = PROGRAMMES.filter((p) => p.words.some((w) => text.includes(w))).flatMap(programmeTexts);
  return [text, ...implied, ...programmes].join('\n');
}

function programmeTexts(p: Programme): string[] {
  const rows = [p.quality, p.timeliness, p.benefit].flatMap((s) => (s ? [s.name, s.description] : []));
  return [p.subject ?? '', ...Object.values(p.count ?? {}), ...(p.tally ? [p.tally.name, p.tally.description, p.tally.unitCostName] : []), ...rows];
}

/** The concrete objects of `text` that `own` (see ownWords) does not mention. */
export function foreignObjects(text: string, own: string): string[] {
  return concreteObjects(text).filter((w) => !own.includes(w));
}

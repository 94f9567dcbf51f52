/** Applying answers to a draft: parse, validate through the rules on a copy, then keep or re-ask. */
import type { Amounts, DraftTable } from '../../domain/draft.ts';
import { formatAmount, formatNumber } from '../../domain/number.ts';
import { parsePeriod } from '../../rules/period.ts';
import { describeFollowed, followAmount } from '../drafts/followAmount.ts';
import { arabicNumerals } from './numerals.ts';
import type { DraftRecord, EditField, Step } from '../records.ts';
import { draftTargetsByModel } from '../indicators/assist.ts';
import { effectiveTable, yearOf } from '../drafts/defaults.ts';
import { draftFindings } from '../drafts/findings.ts';
import { orderByFramework } from '../../domain/framework.ts';
import { formatFindings } from '../flow/format.ts';
import { dropStaleAiTargets, unmarkAi } from '../drafts/marks.ts';
import { looksLikeUnit } from './intents.ts';
import { describeAmounts, normalizeText, parseAmounts, parseSpendingPlan } from './parse.ts';
import type { PasteResult } from './paste.ts';
import type { Finding } from '../../rules/index.ts';
import { say, type Turn } from '../turn.ts';

export const FIELD_LABELS: Record<EditField, string> = {
  projectName: '项目名称',
  projectCode: '项目编码',
  department: '主管部门',
  implementer: '实施单位',
  period: '项目实施期',
  amounts: '金额',
  fundUse: '资金用途',
  spendingPlan: '资金支出计划',
  targets: '绩效目标',
  'targets.period': '实施期目标',
  'targets.annual': '年度目标',
};

/** Fields that have a default or may stay empty: 跳过 is allowed for these only. */
export const OPTIONAL_FIELDS: EditField[] = ['projectCode', 'implementer', 'period', 'spendingPlan', 'targets', 'targets.period', 'targets.annual'];

export const STEP_FIELD: Partial<Record<Step, EditField>> = {
  name: 'projectName',
  department: 'department',
  amount: 'amounts',
  fundUse: 'fundUse',
};

/** Rule fields an answer to `field` concerns (the department also fills the defaulted 实施单位). */
function ruleFields(field: EditField): string[] {
  if (field === 'department') return ['department', 'implementer'];
  if (field === 'period') return ['period', 'year'];
  return [field];
}

const matches = (f: Finding, fields: string[]): boolean =>
  fields.some((x) => f.field === x || f.field.startsWith(`${x}.`));

/** The rules' findings about `fields` on the table as it would be rendered. */
export function findingsFor(turn: Turn, table: DraftTable, fields: string[]): Finding[] {
  const all = draftFindings(turn, effectiveTable(table, turn.now).table);
  return all.filter((f) => matches(f, fields));
}

/** Writes a raw answer into `table`; returns a parse problem, or undefined. */
export function applyField(table: DraftTable, field: EditField, raw: string): string | undefined {
  const text = raw.trim();
  if (!text) return '内容是空的。';
  switch (field) {
    case 'amounts': {
      const a = parseAmounts(text);
      if ('error' in a) return a.error;
      if ('yuan' in a) return `「${text}」请写明单位，例如：${a.yuan}元 或 ${formatNumber(a.yuan / 10_000)}万元。`;
      table.amounts = a;
      return undefined;
    }
    case 'projectName':
      if (!/[\p{L}]{2}/u.test(text)) return '项目名称要写成文字，例如：社区矫正工作经费。';
      table.projectName = text;
      return undefined;
    case 'fundUse':
      if (text.replace(/[\s\p{P}]/gu, '').length < MIN_PURPOSE) {
        return `请写具体一些（至少 ${MIN_PURPOSE} 个字），说明钱用来做什么，例如：用于开展社区矫正对象教育培训和心理辅导。`;
      }
      table.fundUse = text;
      return undefined;
    case 'spendingPlan': {
      const p = parseSpendingPlan(text);
      if ('error' in p) return p.error;
      table.spendingPlan = p;
      return undefined;
    }
    case 'targets':
      table.targets = { period: text, annual: text };
      return undefined;
    case 'targets.period':
      table.targets.period = text;
      return undefined;
    case 'targets.annual':
      table.targets.annual = text;
      return undefined;
    case 'period': {
      // 「2027年全年」 is the whole year, written as the table writes a period.
      const whole = /^(\d{4})\s*年?\s*(?:全年|整年|全年度)$/.exec(text);
      table.period = whole ? `${whole[1]}年1月至${whole[1]}年12月` : text;
      table.year = yearOf(table.period) ?? table.year;
      return undefined;
    }
    default:
      table[field] = text;
      return undefined;
  }
}

/** Clears an optional field so that its default applies again. */
export function clearField(table: DraftTable, field: EditField): void {
  if (field === 'targets') table.targets = {};
  else if (field === 'targets.period') delete table.targets.period;
  else if (field === 'targets.annual') delete table.targets.annual;
  else if (field === 'spendingPlan') table.spendingPlan = {};
  else if (field === 'period') {
    delete table.period;
    delete table.year;
  } else if (field === 'projectCode' || field === 'implementer') delete table[field];
}

/**
 * 实施期 and 年度 amounts that differ need a period of several years. A one-year period is refused
 * with the fix; with the period still defaulted, 「实施期两年共70万…」 sets it to two years (said in
 * the reply by the amount line). Returns the problem, or undefined (and may fill `table.period`).
 */
export function periodClash(table: DraftTable, field: EditField, raw: string, now: Date): string | undefined {
  if (field !== 'amounts' && field !== 'period') return undefined;
  const a = table.amounts;
  if (a.period.total === undefined || a.annual.total === undefined || a.period.total === a.annual.total) return undefined;
  const money = (v: number | undefined): string => formatAmount(v ?? 0, a.unit);
  if (!table.period) {
    const years = /(\d{1,2})年(?!度)/.exec(arabicNumerals(normalizeText(raw)).replace(/\d{4}年/g, ''));
    const n = years ? Number(years[1]) : 0;
    if (field === 'amounts' && n >= 2 && n <= 10) {
      const y = table.year ?? now.getFullYear() + 1;
      table.period = `${y}年1月至${y + n - 1}年12月`;
      table.year = y;
    }
    return undefined;
  }
  const p = parsePeriod(table.period);
  if (!p || p.start.year !== p.end.year) return undefined;
  const y = p.start.year;
  if (field === 'period') {
    return `项目实施期只有一年（${table.period}），但实施期金额 ${money(a.period.total)} 与年度金额 ${money(a.annual.total)} 不同。请写多年的实施期，例如：${y}年1月至${y + 1}年12月；或先把金额改为「${money(a.annual.total)}」。`;
  }
  return `项目实施期是 ${table.period}（一年），实施期金额应与年度金额相同。请只写年度金额（例如：${money(a.annual.total)}），或先「修改 实施期」写明多年，例如：${y}年1月至${y + 1}年12月。`;
}

/** A 资金用途 shorter than this (「培训」) says nothing a reviewer could check. */
export const MIN_PURPOSE = 8;

/**
 * Answers that are probably meant but unusual wait for one tap (`draft.pending`, asked by ask()):
 * a 主管部门 that does not end like a unit, a bare number too large for 万元.
 */
function needsConfirmation(field: EditField, text: string): string | undefined {
  if ((field === 'department' || field === 'implementer') && !looksLikeUnit(text)) return text;
  if (field === 'amounts') {
    const a = parseAmounts(text);
    if ('yuan' in a) return `${formatNumber(a.yuan)}元`;
  }
  return undefined;
}

/**
 * Applies one answer; on a parse problem or a rule error says why and returns false. An unusual
 * answer is parked in `draft.pending` (also false) unless `confirmed`.
 */
export function answerField(turn: Turn, draft: DraftRecord, field: EditField, raw: string, opts: { confirmed?: boolean; quiet?: boolean } = {}): boolean {
  if (!opts.confirmed) {
    const pending = needsConfirmation(field, raw.trim());
    if (pending) {
      draft.pending = { field, value: pending };
      return false;
    }
  }
  const copy = structuredClone(draft.table);
  const problem = applyField(copy, field, raw) ?? periodClash(copy, field, raw, turn.now);
  if (problem) {
    say(turn, `抱歉，${FIELD_LABELS[field]}没有填上：${problem}`);
    return false;
  }
  const followed = field === 'amounts' ? describeFollowed(followAmount(draft.table, copy)) : '';
  // One answer often fills several cells (one number → 实施期/年度 × 合计/财政拨款): one message per rule is enough.
  const found = findingsFor(turn, copy, ruleFields(field)).filter(
    (f, i, all) => all.findIndex((g) => g.code === f.code) === i,
  );
  if (found.some((f) => f.severity === 'error')) {
    say(turn, formatFindings(found.filter((f) => f.severity === 'error')));
    return false;
  }
  const before = draft.table;
  draft.table = copy;
  // The user's own answer replaces whatever the model wrote there; targets drafted from the old
  // purpose no longer fit a new one.
  unmarkAi(draft, [field]);
  if (field === 'fundUse') dropStaleAiTargets(draft);
  // Remembered at once, so that a second draft started before this one is generated offers it too.
  if (field === 'department') turn.profile.lastDepartment = copy.department;
  // `quiet`: the caller lists the change itself (applyFields).
  if (field === 'amounts' && !opts.quiet) say(turn, amountChange(before.amounts, copy.amounts));
  if (field === 'amounts' && copy.period !== before.period) say(turn, `项目实施期：${copy.period}（按金额中的年数）。`);
  if (followed) say(turn, followed);
  if (found.length) say(turn, formatFindings(found));
  return true;
}

/** Every change of the amount is said: `金额：年度 35.6万元（原为 年度 20万元）。` */
function amountChange(before: Amounts, after: Amounts): string {
  const was = before.annual.total === undefined ? '' : describeAmounts(before);
  const now = describeAmounts(after);
  return `金额：${now}${was && was !== now ? `（原为 ${was}）` : ''}。`;
}

/** A field's value as the table holds it, for the question and the confirmation of a change. */
export function currentValue(draft: DraftRecord, field: EditField): string | undefined {
  const t = draft.table;
  if (field === 'amounts') return t.amounts.annual.total === undefined ? undefined : `年度 ${t.amounts.annual.total}${t.amounts.unit}`;
  if (field === 'spendingPlan') {
    const p = t.spendingPlan;
    return p.dec === undefined ? undefined : `${p.mar}/${p.jun}/${p.oct}/${p.dec}`;
  }
  if (field === 'targets' || field === 'targets.period') return t.targets.period;
  if (field === 'targets.annual') return t.targets.annual;
  return t[field];
}

/**
 * Several fields named in one message (期限…，金额改成…，实施单位是…): each applied on its own, so a
 * refused one loses none of the others, then confirmed in one list with the values as now stored.
 * Returns the fields filled.
 */
export function applyFields(turn: Turn, draft: DraftRecord, fields: Partial<Record<EditField, string>>): EditField[] {
  const start = turn.notes.length;
  const lines: string[] = [];
  const done: EditField[] = [];
  for (const [field, raw] of Object.entries(fields) as Array<[EditField, string]>) {
    const before = draft.table.amounts;
    if (!answerField(turn, draft, field, raw, { quiet: true })) continue;
    done.push(field);
    const value = currentValue(draft, field) ?? '';
    lines.push(`· ${field === 'amounts' ? amountChange(before, draft.table.amounts).replace(/。$/, '') : `${FIELD_LABELS[field]}：${value.length > 60 ? `${value.slice(0, 60)}…` : value}`}`);
  }
  if (lines.length) turn.notes.splice(start, 0, `已更新 ${lines.length} 项：\n${lines.join('\n')}`);
  return done;
}

/** The first question the draft still needs, in flow order. */
export function nextStep(draft: DraftRecord): Step {
  const t = draft.table;
  if (!t.projectName) return 'name';
  if (!t.department) return 'department';
  if (t.amounts.annual.total === undefined) return 'amount';
  if (!t.fundUse) return 'fundUse';
  if (!draft.indicatorsConfirmed || t.indicators.length === 0) return 'indicators';
  return 'review';
}

/**
 * Paste mode: every named field is applied on its own, so one bad line does not lose the others.
 * Returns the parts filled (edit fields, and 'indicators').
 */
export async function applyPaste(turn: Turn, draft: DraftRecord, paste: PasteResult): Promise<Array<EditField | 'indicators'>> {
  const filled: string[] = [];
  const parts: Array<EditField | 'indicators'> = [];
  for (const [field, raw] of Object.entries(paste.fields) as Array<[EditField, string]>) {
    if (answerField(turn, draft, field, raw)) {
      filled.push(FIELD_LABELS[field]);
      parts.push(field);
    }
  }
  if (paste.indicators.length) {
    const copy = structuredClone(draft.table);
    copy.indicators = orderByFramework(paste.indicators, copy.framework);
    const errors = findingsFor(turn, copy, ['indicators']).filter((f) => f.severity === 'error');
    draft.table = copy;
    // A complete, valid list counts as confirmed; otherwise the indicator step shows what to fix.
    draft.indicatorsConfirmed = errors.length === 0;
    filled.push(`绩效指标 ${paste.indicators.length} 条`);
    parts.push('indicators');
    unmarkAi(draft, ['indicators']);
    dropStaleAiTargets(draft);
  }
  if (paste.badLines.length) say(turn, `这几行没看懂，已略过：\n${paste.badLines.join('\n')}`);
  if (filled.length) say(turn, `已填写：${filled.join('、')}。`);
  if (draft.indicatorsConfirmed) await draftTargetsByModel(turn, draft);
  return parts;
}

/**
 * The indicator step: the library's suggestion set as a numbered list, edited with short commands
 * (`1,3,5-7`, `改 3 ≥98%`, `删 4`, `加 质量指标 培训合格率 ≥95%`) and re-checked after each change.
 */
import type { Indicator } from '../domain/draft.ts';
import { canonicalLevel2, level1Of, orderByFramework } from '../domain/framework.ts';
import { amountInWan } from '../domain/value.ts';
import type { DraftRecord } from '../store/types.ts';
import { findingsFor, nextStep } from './answers.ts';
import { draftIndicatorsByModel, draftTargetsByModel } from './assist.ts';
import { effectiveTable } from './defaults.ts';
import { formatFindings, formatIndicators, missingCategories } from './format.ts';
import { AI_MARK, dropStaleAiTargets, isAi, markAi, unmarkAi } from './marks.ts';
import { normalizeText, parseSelection } from './parse.ts';
import { splitNameValue } from './paste.ts';
import type { Finding } from '../rules/index.ts';
import { say, sendChoices, type Turn } from './turn.ts';

const CONFIRM = /^(?:全部采用|全部|采用|好|好的|确定|确认|可以|行|没问题|ok|yes|是|对|同意|就这样)[。!！]?$/i;

export const INDICATOR_HELP =
  '可回复：全部采用；只留部分「1,3,5-7」；改值「改 3 ≥98%」；删除「删 4」；' +
  '添加「加 质量指标 培训合格率 ≥95%」；查模板「指标 社区矫正」。';

/**
 * Fills the list the first time the step is reached with the rows composed for this project; with
 * a model configured, the model's rows that pass the rules (the composer's fill the gaps). Says
 * which library projects are alike (only when some really are) and which values are estimates.
 */
export async function enterIndicators(turn: Turn, draft: DraftRecord): Promise<void> {
  if (draft.table.indicators.length > 0) return;
  const t = effectiveTable(draft.table, turn.now).table;
  const amount = t.amounts.annual.total === undefined ? undefined : amountInWan(t.amounts.annual.total, t.amounts.unit);
  const c = turn.s.compose(turn.s.library, {
    name: t.projectName ?? '',
    purpose: t.fundUse,
    amount,
    unit: t.amounts.unit,
    year: t.year,
    framework: t.framework,
  });
  const byModel = await draftIndicatorsByModel(turn, draft, c, amount);
  draft.table.indicators = orderByFramework(byModel ?? c.indicators, draft.table.framework);
  const estimates = draft.table.indicators.flatMap((i, k) => (i.estimate ? [k + 1] : []));
  const lines: string[] = [];
  if (byModel) {
    markAi(draft, ['indicators']);
    lines.push('下面的指标由 AI 起草（以按资金用途拟定的指标为基础），请逐条核对。');
  } else if (c.weak) lines.push('模板库里没有与本项目相近的表，以下指标按资金用途中的工作内容拟定。');
  else lines.push(`已按资金用途拟定指标，并参考了相近项目：${c.similar.map((p) => p.name).join('、')}。`);
  if (estimates.length) lines.push(`第 ${estimates.join('、')} 条的数值是按预算估算的，请按实际计划核对（可回复「改 ${estimates[0]} …」）。`);
  say(turn, lines.join('\n'));
}

export function askIndicators(turn: Turn, draft: DraftRecord): void {
  const list = draft.table.indicators;
  const missing = missingCategories(draft.table);
  const status = list.length === 0 ? '目前还没有指标。' : missing.length ? `还缺：${missing.join('、')}。` : '框架要求的类别都齐了。';
  sendChoices(turn, `绩效指标（${list.length} 条）${isAi(draft, 'indicators') ? AI_MARK : ''}：\n${formatIndicators(list)}\n\n${status}\n${INDICATOR_HELP}`, [
    ['all', '全部采用'],
    ['tpl', '查相似模板'],
  ]);
}

/** A value the user wrote is theirs, no longer an estimate. */
function withoutEstimate(i: Indicator): Indicator {
  const { estimate: _e, ...rest } = i;
  return rest;
}

/** Rule findings about one indicator (by position) in a table. */
function aboutIndicator(findings: Finding[], index: number): Finding[] {
  return findings.filter(
    (f) => f.indicator === index || f.field === `indicators.${index}` || f.field.startsWith(`indicators.${index}.`),
  );
}

/**
 * 全部采用: blocks only on rule errors about the indicators. Returns whether it moved on. A settled
 * list is when the model (if any) words the targets from it.
 */
export async function confirmIndicators(turn: Turn, draft: DraftRecord): Promise<boolean> {
  const errors = findingsFor(turn, draft.table, ['indicators']).filter((f) => f.severity === 'error');
  if (draft.table.indicators.length === 0 || errors.length) {
    say(turn, errors.length ? `指标还不能采用：\n${formatFindings(errors)}` : '还没有指标，请先添加。');
    return false;
  }
  draft.indicatorsConfirmed = true;
  draft.step = nextStep(draft);
  await draftTargetsByModel(turn, draft);
  return true;
}

/** Replaces the list if no rule error concerns the indicator at `index`; reports findings. */
function tryChange(turn: Turn, draft: DraftRecord, list: Indicator[], index: number, what: string): boolean {
  const copy = structuredClone(draft.table);
  copy.indicators = list;
  const found = aboutIndicator(findingsFor(turn, copy, ['indicators']), index);
  const errors = found.filter((f) => f.severity === 'error');
  if (errors.length) {
    say(turn, `${what}没有生效：\n${formatFindings(errors)}`);
    return false;
  }
  draft.table = copy;
  say(turn, `已${what}。`, found.length ? formatFindings(found) : '');
  return true;
}

/**
 * Handles a text answer at the indicator step; returns false if it was not understood. A change of
 * the list is the user's: the AI mark goes, and model targets drafted from the old list too.
 */
export async function answerIndicators(turn: Turn, draft: DraftRecord, input: string): Promise<boolean> {
  const text = normalizeText(input);
  if (CONFIRM.test(text)) return (await confirmIndicators(turn, draft)) || true;
  const before = JSON.stringify(draft.table.indicators);
  const understood = editIndicators(turn, draft, text);
  if (JSON.stringify(draft.table.indicators) !== before) {
    unmarkAi(draft, ['indicators']);
    dropStaleAiTargets(draft);
  }
  return understood;
}

function editIndicators(turn: Turn, draft: DraftRecord, text: string): boolean {
  const list = draft.table.indicators;
  const bad = (n: number): boolean => n < 1 || n > list.length;
  const selection = parseSelection(text);
  if (selection) {
    if (selection.some(bad)) return say(turn, `编号要在 1–${list.length} 之间。`), true;
    draft.table.indicators = selection.map((n) => list[n - 1]!);
    say(turn, `已保留 ${selection.length} 条。`);
    return true;
  }
  const change = /^改\s*(\d+)\s*(?:为|成|:|：)?\s*(\S[\s\S]*)$/.exec(text);
  if (change) {
    const n = Number(change[1]);
    if (bad(n)) return say(turn, `编号要在 1–${list.length} 之间。`), true;
    const next = list.map((i, k) => (k === n - 1 ? { ...withoutEstimate(i), value: change[2]!.trim() } : i));
    tryChange(turn, draft, next, n - 1, `把第 ${n} 条改为 ${change[2]!.trim()}`);
    return true;
  }
  const del = /^删(?:除)?\s*([\s\S]+)$/.exec(text);
  if (del) {
    const picked = parseSelection(del[1]!);
    if (!picked || picked.some(bad)) return say(turn, `请写要删除的编号（1–${list.length}），例如：删 4`), true;
    draft.table.indicators = list.filter((_, k) => !picked.includes(k + 1));
    say(turn, `已删除 ${picked.length} 条。`);
    return true;
  }
  const add = /^(?:加|添加|增加)\s*(\S+)\s+(\S[\s\S]*)$/.exec(text);
  if (add) {
    const nv = splitNameValue(add[2]!);
    if (!nv) return say(turn, '请按「加 二级指标 名称 指标值」写，例如：加 质量指标 培训合格率 ≥95%'), true;
    const level2 = canonicalLevel2(add[1]!);
    const level1 = level1Of(level2, draft.table.framework);
    if (!level1) return say(turn, `「${add[1]}」不是二级指标名，例如：数量指标、质量指标、时效指标、成本指标、社会效益指标、服务对象满意度指标。`), true;
    const added: Indicator = { level1, level2, name: nv.name, value: nv.value };
    const next = orderByFramework([...list, added], draft.table.framework);
    tryChange(turn, draft, next, next.indexOf(added), `添加「${added.name}」`);
    return true;
  }
  return false;
}

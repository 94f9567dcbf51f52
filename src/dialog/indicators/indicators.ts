/**
 * The indicator step: the library's suggestion set as a numbered list, edited with short commands
 * (`1,3,5-7`, `改 3 ≥98%`, `删 4`, `加 质量指标 培训合格率 ≥95%`) and re-checked after each change.
 */
import { libraryFor } from '../drafts/history.ts';
import type { Indicator } from '../../domain/draft.ts';
import { canonicalLevel2, level1Of, orderByFramework } from '../../domain/framework.ts';
import { amountInWan, parseValue } from '../../domain/value.ts';
import type { DraftRecord } from '../records.ts';
import { findingsFor, nextStep } from '../answers/answers.ts';
import { draftIndicatorsByModel, draftTargetsByModel } from './assist.ts';
import { effectiveTable } from '../drafts/defaults.ts';
import { formatFindings, formatIndicators, missingCategories } from '../flow/format.ts';
import { AI_MARK, dropStaleAiTargets, isAi, markAi, unmarkAi } from '../drafts/marks.ts';
import { isIndicatorEdit } from '../answers/intents.ts';
import { normalizeKeep, parseSelection } from '../answers/parse.ts';
import { splitNameValue } from '../answers/paste.ts';
import type { Finding } from '../../rules/index.ts';
import { say, sendChoices, type Turn } from '../turn.ts';

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
  // The user's own earlier tables are evidence too (drafts/history.ts), seen only by them.
  const c = turn.s.compose(await libraryFor(turn), {
    name: t.projectName ?? '',
    purpose: t.fundUse,
    amount,
    unit: t.amounts.unit,
    year: t.year,
    framework: t.framework,
    department: t.department,
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
  const title = `绩效指标（${list.length} 条）${isAi(draft, 'indicators') ? AI_MARK : ''}：`;
  const note = `${status}\n${INDICATOR_HELP}`;
  // The feedback that goes before the list, as the reply's text will have it (see turn.ts withNotes).
  const lead = turn.notes.filter(Boolean).join('\n\n');
  sendChoices(turn, `${title}\n${formatIndicators(list)}\n\n${note}`, [
    ['all', '全部采用'],
    ['gen', '生成'],
    ['tpl', '查相似模板'],
  ]);
  const reply = turn.out[turn.out.length - 1];
  if (!reply || reply.type === 'file') return;
  const ask = turn.profile.ask;
  reply.table = {
    ...(lead ? { lead } : {}),
    title,
    rows: list.map((i, k) => ({
      n: k + 1,
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      value: i.value,
      ...(i.estimate ? { estimate: true } : {}),
      actions: [
        { id: `${ask}.chg:${k + 1}`, label: '改' },
        { id: `${ask}.rm:${k + 1}`, label: '删' },
      ],
    })),
    note,
  };
}

/** 改 on a row: asks for the new value; the answer is an ordinary `改 <n> <值>` message. */
export function askIndicatorValue(turn: Turn, draft: DraftRecord, n: number): void {
  const ind = draft.table.indicators[n - 1];
  if (!ind) return askIndicators(turn, draft);
  const prefix = `改 ${n} `;
  sendChoices(
    turn,
    [
      `请发送第 ${n} 条「${ind.name}」的新指标值，格式：改 ${n} 新值。`,
      `当前：${ind.value}${ind.estimate ? '（估算，请核对）' : ''}`,
      `例如：${prefix}${ind.value}；改名称：${prefix}名称 新名称`,
    ].join('\n'),
    [['list', '返回指标列表']],
  );
  const reply = turn.out[turn.out.length - 1];
  if (reply && reply.type !== 'file') reply.edit = { n, name: ind.name, value: ind.value, prefix };
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
  const text = normalizeKeep(input);
  if (CONFIRM.test(text)) return (await confirmIndicators(turn, draft)) || true;
  const before = JSON.stringify(draft.table.indicators);
  const understood = editIndicators(turn, draft, text);
  if (JSON.stringify(draft.table.indicators) !== before) {
    unmarkAi(draft, ['indicators']);
    dropStaleAiTargets(draft);
  }
  return understood;
}

/**
 * People's own wordings in the short grammar: 第4条改成X → 改 4 X, 删掉第3条和第5条 → 删 3,5,
 * 再加一个X → 加 X. Punctuation inside values is kept as typed.
 */
export function canonicalEdit(text: string): string {
  let t = text.trim();
  t = t.replace(/^第\s*(\d+)\s*(?:条|项|个)?\s*(?:的)?\s*(?:指标值|值)?\s*(?:改成|改为|换成|修改为|改)\s*[:：]?\s*/, '改 $1 ');
  t = t.replace(/^(?:把|将)?\s*第\s*(\d+)\s*(?:条|项|个)?\s*(?:删掉|删除|删了|去掉)$/, '删 $1');
  t = t.replace(/^改\s*第\s*(\d+)\s*(?:条|项|个)?\s*(?:为|成)?\s*/, '改 $1 ');
  const del = /^(?:删掉|删除|删|去掉)\s*([\s\S]+)$/.exec(t);
  if (del) t = `删 ${del[1]!.replace(/第|条|项|个/g, '').replace(/\s*(?:和|与|及|、|，|,)\s*/g, ',').trim()}`;
  t = t.replace(/^再?(?:加|添加|增加|新增|补充)(?:一个|一条|一项)?\s*/, '加 ');
  return t;
}

/** 群众满意度不低于95% → 群众满意度 ≥95%, so that the name and the value can be told apart. */
function operatorWords(text: string): string {
  return text
    .replace(/\s*(?:不低于|不少于|不小于|大于等于|大于或等于|至少|达到)\s*(?=\d)/, ' ≥')
    .replace(/\s*(?:不高于|不超过|不多于|不大于|小于等于|小于或等于|控制在)\s*(?=\d)/, ' ≤');
}

/** The 二级指标 an indicator named without one most likely belongs to. */
function guessLevel2(name: string, value: string): string {
  if (/满意/.test(name)) return '服务对象满意度指标';
  if (/成本|费用|经费|单价|标准/.test(name) || /元/.test(value)) return '成本指标';
  if (/及时|时限|时间|完成时|进度/.test(name) || parseValue(value).kind === 'deadline') return '时效指标';
  if (/效益|效果|影响|提升|改善/.test(name)) return '社会效益指标';
  if (/率|合格|质量|达标/.test(name) || /%$/.test(value)) return '质量指标';
  return '数量指标';
}

/**
 * A value a reviewer rejects at once: a negative or zero count, a cost of zero or less. Returns the
 * reason, or undefined.
 */
function implausibleValue(ind: Indicator): string | undefined {
  const v = parseValue(ind.value);
  if (v.kind !== 'quantitative' || v.value === undefined) return undefined;
  if (v.value < 0) return `指标值不能是负数（${ind.value}），请写实际目标，例如：≥50人。`;
  if (ind.level2 === '数量指标' && v.value === 0 && v.op !== '≤' && v.op !== '<') return `数量指标的目标不能是 0（${ind.value}）。`;
  if (ind.level2 === '成本指标' && v.value <= 0) return `成本不能是 0 或负数（${ind.value}），请写成本上限，例如：≤20万元。`;
  return undefined;
}

/** Several lines, each an edit of its own: each is accepted or refused on its own. */
function editIndicators(turn: Turn, draft: DraftRecord, text: string): boolean {
  const lines = text.split(/\n+/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > 1 && lines.every(isIndicatorEdit)) {
    for (const line of lines) if (!editIndicator(turn, draft, canonicalEdit(line))) say(turn, `「${line}」没看懂。`);
    return true;
  }
  return editIndicator(turn, draft, canonicalEdit(text));
}

/** Parts of one indicator a 改 <n> <part> … message may name; the value when none is named. */
const PARTS: Array<[RegExp, 'description' | 'basis' | 'name' | 'value', string]> = [
  [/^(?:依据|指标值确定依据|确定依据)\s*[:：]?\s*/, 'basis', '依据'],
  [/^(?:描述|指标描述|绩效指标描述|说明)\s*[:：]?\s*/, 'description', '描述'],
  [/^(?:名称|指标名称|名字)\s*[:：]?\s*/, 'name', '名称'],
  [/^(?:指标值|值|目标值)\s*[:：]?\s*/, 'value', '指标值'],
];

function editIndicator(turn: Turn, draft: DraftRecord, text: string): boolean {
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
    let rest = change[2]!.trim();
    const part = PARTS.find(([re]) => re.test(rest));
    const key = part?.[1] ?? 'value';
    if (part) rest = rest.replace(part[0], '').trim();
    if (!rest) return say(turn, `请在后面写新的${part?.[2] ?? '指标值'}，例如：改 ${n} ${part?.[2] ?? ''} ≥98%`.replace(/\s+≥/, ' ≥')), true;
    const next = list.map((i, k) => (k === n - 1 ? { ...(key === 'value' ? withoutEstimate(i) : i), [key]: rest } : i));
    if (key === 'value' || key === 'name') {
      const why = implausibleValue(next[n - 1]!);
      if (why) return say(turn, `第 ${n} 条没有修改：${why}`), true;
    }
    tryChange(turn, draft, next, n - 1, `把第 ${n} 条${part && key !== 'value' ? `的${part[2]}` : ''}改为 ${rest}`);
    return true;
  }
  const del = /^删(?:除)?\s*([\s\S]+)$/.exec(text);
  if (del) {
    const picked = parseSelection(del[1]!);
    if (!picked || picked.some(bad)) return say(turn, `请写要删除的编号（1–${list.length}），例如：删 4`), true;
    draft.table.indicators = list.filter((_, k) => !picked.includes(k + 1));
    say(turn, `已删除第 ${picked.join('、')} 条。`);
    return true;
  }
  const add = /^(?:加|添加|增加)\s*([\s\S]+)$/.exec(text);
  if (add) {
    const body = add[1]!.trim();
    const first = /^(\S+)\s+(\S[\s\S]*)$/.exec(body);
    const named = first ? canonicalLevel2(first[1]!) : '';
    const withLevel = first && level1Of(named, draft.table.framework) ? { level2: named, rest: first[2]! } : undefined;
    const nv = splitNameValue(operatorWords(withLevel?.rest ?? body));
    if (!nv) return say(turn, '请按「加 二级指标 名称 指标值」写，例如：加 质量指标 培训合格率 ≥95%'), true;
    // Three parts (`加 X 名称 指标值`) name a 二级指标 first; an unknown one is refused, not guessed.
    if (!withLevel && first && (/指标$/.test(first[1]!) || splitNameValue(operatorWords(first[2]!)))) {
      return say(turn, `「${first[1]}」不是二级指标名，例如：数量指标、质量指标、时效指标、成本指标、社会效益指标、服务对象满意度指标。`), true;
    }
    const level2 = withLevel?.level2 ?? guessLevel2(nv.name, nv.value);
    const level1 = level1Of(level2, draft.table.framework);
    if (!level1) return say(turn, `「${level2}」不是这个框架的二级指标名。`), true;
    const added: Indicator = { level1, level2, name: nv.name, value: nv.value };
    const why = implausibleValue(added);
    if (why) return say(turn, `「${added.name}」没有添加：${why}`), true;
    const next = orderByFramework([...list, added], draft.table.framework);
    tryChange(turn, draft, next, next.indexOf(added), `添加「${added.name}」（${level2}）`);
    return true;
  }
  return false;
}

/** The question for the current state of the draft, each with what is expected and an example. */
import { STRONG_MATCH } from '../../compose/index.ts';
import type { DraftRecord, EditField } from '../records.ts';
import { formatNumber } from '../../domain/number.ts';
import { FIELD_LABELS, OPTIONAL_FIELDS, currentValue } from '../answers/answers.ts';
import { effectiveTable } from '../drafts/defaults.ts';
import { draftFindings } from '../drafts/findings.ts';
import { formatFindings, formatIndicators, formatSummary } from './format.ts';
import { fixChoices, fixHint, offeredFixes } from './fixes.ts';
import { askIndicators } from '../indicators/indicators.ts';
import { aiParts } from '../drafts/marks.ts';
import { sendChoices, sendText, userSeed, type Turn } from '../turn.ts';

type LibraryProject = Turn['s']['library']['projects'][number];

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n)}…` : s);

function libraryExample(turn: Turn, pick: (p: LibraryProject) => string | undefined): string | undefined {
  const projects = turn.s.library.projects;
  if (projects.length === 0) return undefined;
  const start = userSeed(turn.userKey) % projects.length;
  for (let k = 0; k < projects.length; k++) {
    const v = pick(projects[(start + k) % projects.length]!);
    if (v) return v;
  }
  return undefined;
}

/** The library project really like this draft's name (never a loose match) that has what we want to show. */
function similarProject(turn: Turn, draft: DraftRecord, has: (p: LibraryProject) => boolean): LibraryProject | undefined {
  const name = draft.table.projectName;
  if (!name) return undefined;
  for (const s of turn.s.similar(turn.s.library, { name }).filter((x) => x.score >= STRONG_MATCH).slice(0, 5)) {
    const p = turn.s.library.projects.find((x) => x.id === s.id);
    if (p && has(p)) return p;
  }
  return undefined;
}

/** A purpose example from the project most like this one. */
function fundUseExample(turn: Turn, draft: DraftRecord): string | undefined {
  const p = similarProject(turn, draft, (x) => !!x.fundUse);
  return p?.fundUse ? clip(p.fundUse, 80) : libraryExample(turn, (x) => x.fundUse && clip(x.fundUse, 80));
}

export function layoutLabel(turn: Turn, draft: DraftRecord): string {
  const layouts = turn.s.layouts;
  return (layouts.find((l) => l.id === draft.layout) ?? layouts[0])?.label ?? '默认版式';
}

const EDIT_HINTS: Partial<Record<EditField, string>> = {
  projectCode: '例如：2025-SF-001；没有可发送「跳过」。',
  implementer: '默认与主管部门相同；发送「跳过」恢复默认。',
  period: '例如：2026年1月至2026年12月；发送「跳过」恢复默认（下一年度）。',
  spendingPlan: '写 4 个累计百分比，例如：25/50/75/100；发送「跳过」恢复默认。',
  targets: '一段话或编号句子，例如：1.开展培训12次；2.服务对象满意度≥95%。发送「跳过」恢复自动生成。',
  'targets.period': '发送「跳过」恢复自动生成。',
  'targets.annual': '发送「跳过」恢复自动生成。',
};

function askField(turn: Turn, draft: DraftRecord, field: EditField): void {
  const now = currentValue(draft, field);
  const lines = [`请发送新的${FIELD_LABELS[field]}。`];
  if (now) lines.push(`当前：${clip(now, 120)}`);
  const hint = EDIT_HINTS[field] ?? fieldExample(turn, draft, field);
  if (hint) lines.push(hint);
  const keep: Array<[string, string]> = now || OPTIONAL_FIELDS.includes(field) ? [['keep', '保持不变']] : [];
  sendChoices(turn, lines.join('\n'), keep);
}

function fieldExample(turn: Turn, draft: DraftRecord, field: EditField): string | undefined {
  if (field === 'projectName') {
    const ex = libraryExample(turn, (p) => p.name);
    return ex && `例如：${ex}`;
  }
  if (field === 'department') {
    const ex = libraryExample(turn, (p) => p.department);
    return ex && `例如：${ex}`;
  }
  if (field === 'amounts') {
    const ref = similarProject(turn, draft, (p) => p.amount !== undefined);
    return [
      '一个数字即可，默认单位万元、全部为财政拨款、实施期与年度相同。',
      '例如：20 或 20万元；完整写法：实施期60万，年度20万，财政拨款15万，其他资金5万',
      ref?.amount ? `参考：相似项目「${clip(ref.name, 30)}」为 ${ref.amount.value}万元。` : '',
    ]
      .filter(Boolean)
      .join('\n');
  }
  if (field === 'fundUse') {
    const ex = fundUseExample(turn, draft);
    return ex && `例如：${ex}`;
  }
  return undefined;
}

export function askReview(turn: Turn, draft: DraftRecord): void {
  const { table, defaulted } = effectiveTable(draft.table, turn.now);
  const findings = draftFindings(turn, table);
  const errors = findings.filter((f) => f.severity === 'error');
  const parts = [formatSummary(table, defaulted, layoutLabel(turn, draft), aiParts(draft))];
  if (table.indicators.length) {
    parts.push(`绩效指标（描述、依据可改，例如「改 1 依据 上年度完成情况」）：\n${formatIndicators(table.indicators, true)}`);
  }
  if (findings.length) parts.push(formatFindings(findings));
  const fixes = offeredFixes(draft.table, findings);
  if (fixes.length) parts.push(fixHint(fixes));
  parts.push(
    errors.length
      ? `请先按提示修改（${fixes.length ? '点「修正」按钮，或' : '例如'}发送「修改 金额」），再生成。`
      : `都没问题的话，点「生成」拿到 Word 文件；标「默认」${aiParts(draft).length ? '或「AI 起草」' : ''}的项可用「修改 <字段>」调整。`,
  );
  sendChoices(turn, parts.join('\n\n'), [
    ...fixChoices(fixes),
    ['gen', '生成'],
    ['edit', '修改'],
    ['lay', '版式'],
  ]);
}

/** One tap confirms an unusual answer (see answers/answers.ts needsConfirmation); 重新填写 asks again. */
function askPending(turn: Turn, pending: NonNullable<DraftRecord['pending']>): void {
  if (pending.field === 'amounts') {
    const yuan = Number(pending.value.replace(/元$/, ''));
    return sendChoices(
      turn,
      `${formatNumber(yuan)} 按万元算是 ${formatNumber(yuan / 10_000)} 亿元，应该是 ${pending.value}（${formatNumber(yuan / 10_000)}万元）吧？`,
      [
        ['cfm', `是，${pending.value}`],
        ['re', '重新填写'],
      ],
    );
  }
  sendChoices(
    turn,
    `「${clip(pending.value, 30)}」看起来不像单位名称（一般以局、委、院、办、中心等结尾）。${FIELD_LABELS[pending.field]}就填它吗？`,
    [
      ['cfm', '就填它'],
      ['re', '重新填写'],
    ],
  );
}

/** The one-line greeting of /start (terminal, Telegram, Feishu): the first question follows at once. */
export const GREETING = '您好！我是绩效目标表助手，回答几个问题就能生成项目支出绩效目标表。';

/** 导入去年的表: how to send last year's file (the channels take it as a document; the terminal by path). */
export const IMPORT_HINT =
  '请直接把去年的 Word（.docx）或 Excel（.xlsx）文件发给我（终端里输入「导入 文件路径」）。我会列出里面的表，选好后按今年的金额更新。';

/** Offered with the first question: a table can start from last year's file instead. */
const IMPORT_CHOICE: [string, string] = ['old', '导入去年的表'];

/** The first question of a new table may be answered with the basics form where a channel has one. */
function offerBasicsForm(turn: Turn): void {
  const last = turn.out[turn.out.length - 1];
  if (last && last.type !== 'file') last.form = 'basics';
}

/**
 * The first question after /start or a greeting: the project name, with 「导入去年的表」 offered
 * (a button costs a saved question number, so only here, not on every question without a draft).
 */
export function askFirst(turn: Turn): void {
  if (turn.draft) return ask(turn);
  const ex = libraryExample(turn, (p) => p.name);
  sendChoices(turn, `请告诉我项目名称。${ex ? `\n例如：${ex}` : ''}`, [IMPORT_CHOICE]);
  offerBasicsForm(turn);
}

/** Asks the question the draft is at (or the first one when there is no draft). */
export function ask(turn: Turn): void {
  const draft = turn.draft;
  if (!draft) {
    const ex = libraryExample(turn, (p) => p.name);
    sendText(turn, `请告诉我项目名称。${ex ? `\n例如：${ex}` : ''}`);
    offerBasicsForm(turn);
    return;
  }
  if (draft.pending) return askPending(turn, draft.pending);
  if (draft.editing) return askField(turn, draft, draft.editing);
  switch (draft.step) {
    case 'name':
    case 'fundUse':
    case 'amount': {
      const field = draft.step === 'name' ? 'projectName' : draft.step === 'amount' ? 'amounts' : 'fundUse';
      const intro = { name: '请告诉我项目名称。', amount: '项目金额是多少？', fundUse: '资金主要用途是什么？一两句话即可。' }[draft.step];
      const now = currentValue(draft, field);
      const text = [intro, now ? `当前：${clip(now, 120)}` : '', fieldExample(turn, draft, field) ?? ''].filter(Boolean).join('\n');
      sendChoices(turn, text, now ? [['keep', '保持不变']] : draft.step === 'name' ? [IMPORT_CHOICE] : []);
      if (draft.step === 'name' && !now) offerBasicsForm(turn);
      return;
    }
    case 'department': {
      const last = turn.profile.lastDepartment;
      const offer = !draft.table.department && last ? `上次填的是「${clip(last, 30)}」：点下面的按钮或回复「好」沿用，也可以直接写别的单位。` : undefined;
      const ex = offer ?? fieldExample(turn, draft, 'department');
      const text = ['主管部门是哪个单位？（实施单位默认相同，之后可改）', draft.table.department ? `当前：${draft.table.department}` : '', ex ?? '']
        .filter(Boolean)
        .join('\n');
      const buttons: Array<[string, string]> = [];
      if (draft.table.department) buttons.push(['keep', '保持不变']);
      else if (last) buttons.push(['dep', clip(last, 30)]);
      return sendChoices(turn, text, buttons);
    }
    case 'indicators':
      return askIndicators(turn, draft);
    case 'review':
      return askReview(turn, draft);
  }
}

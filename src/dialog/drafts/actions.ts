/** Commands and button actions: everything a user can do besides answering the question. */
import { lookupWithOwn } from './history.ts';
import { STEPS, type EditField } from '../records.ts';
import { FIELD_LABELS, OPTIONAL_FIELDS, STEP_FIELD, answerField, clearField, nextStep } from '../answers/answers.ts';
import type { Command } from './commands.ts';
import { effectiveTable } from './defaults.ts';
import { cancel, confirmDelete, copyDone, listDrafts, startNew, switchTo } from './drafts.ts';
import { advance } from '../flow/flow.ts';
import { HELP, formatSummary } from '../flow/format.ts';
import { generate } from './generate.ts';
import { answerIndicators, askIndicatorValue, confirmIndicators, enterIndicators } from '../indicators/indicators.ts';
import { aiParts, unmarkAi } from './marks.ts';
import { GREETING, IMPORT_HINT, ask, askFirst, layoutLabel } from '../flow/questions.ts';
import { confirmPending, dropPending, useLastDepartment } from '../flow/replies.ts';
import { say, sendChoices, sendText, touch, type Turn } from '../turn.ts';

const EDIT_MENU: Array<[EditField | 'indicators', string]> = [
  ['projectName', '项目名称'],
  ['department', '主管部门'],
  ['implementer', '实施单位'],
  ['period', '实施期'],
  ['amounts', '金额'],
  ['fundUse', '资金用途'],
  ['spendingPlan', '支出计划'],
  ['targets', '绩效目标'],
  ['indicators', '绩效指标'],
  ['projectCode', '项目编码'],
];

function showLayouts(turn: Turn): void {
  if (!turn.draft) return say(turn, '请先开始一份草稿。'), ask(turn);
  sendChoices(
    turn,
    `当前版式：${layoutLabel(turn, turn.draft)}。请选择：`,
    turn.s.layouts.map((l, n) => [`lay:${n}`, l.label]),
  );
}

function showEditMenu(turn: Turn): void {
  if (!turn.draft) return say(turn, '还没有草稿。'), ask(turn);
  sendChoices(turn, '要修改哪一项？也可以直接发送「修改 金额」这样的文字。', EDIT_MENU.map(([f, label]) => [`ed:${f}`, label]));
}

export async function startEdit(turn: Turn, field: EditField | 'indicators' | 'layout' | undefined, raw?: string): Promise<void> {
  const draft = turn.draft;
  if (!draft) return say(turn, '还没有草稿，请先告诉我项目名称。'), ask(turn);
  if (!field) {
    if (raw) say(turn, `没有「${raw}」这一项。`);
    return showEditMenu(turn);
  }
  if (field === 'layout') return showLayouts(turn);
  if (field === 'indicators') {
    draft.indicatorsConfirmed = false;
    draft.editing = undefined;
    draft.step = 'indicators';
    await enterIndicators(turn, draft);
  } else {
    draft.editing = field;
  }
  touch(turn, draft);
  ask(turn);
}

function back(turn: Turn): void {
  const draft = turn.draft;
  if (!draft) return ask(turn);
  if (draft.editing) {
    draft.editing = undefined;
  } else {
    const i = STEPS.indexOf(draft.step);
    if (i === 0) say(turn, '已经是第一步了。');
    draft.step = STEPS[Math.max(0, i - 1)]!;
    if (draft.step === 'indicators') draft.indicatorsConfirmed = false;
  }
  touch(turn, draft);
  ask(turn);
}

async function skip(turn: Turn): Promise<void> {
  const draft = turn.draft;
  const field = draft?.editing ?? (draft ? STEP_FIELD[draft.step] : undefined);
  if (draft && field && OPTIONAL_FIELDS.includes(field)) {
    clearField(draft.table, field);
    unmarkAi(draft, [field]);
    say(turn, `${FIELD_LABELS[field]}已恢复默认。`);
    await advance(turn);
  } else if (draft?.step === 'review' && !draft.editing) {
    say(turn, '这里没有可跳过的问题。');
  } else {
    say(turn, '这一项是必填的，不能跳过。');
  }
  ask(turn);
}

function show(turn: Turn): void {
  const draft = turn.draft;
  if (!draft) return say(turn, '还没有草稿。'), ask(turn);
  // At the review step the question itself is the summary; elsewhere show it before the question.
  if (draft.step !== 'review' || draft.editing) {
    const { table, defaulted } = effectiveTable(draft.table, turn.now);
    say(turn, formatSummary(table, defaulted, layoutLabel(turn, draft), aiParts(draft)));
  }
  ask(turn);
}

export async function runCommand(turn: Turn, cmd: Command): Promise<void> {
  switch (cmd.kind) {
    case 'help':
      sendText(turn, HELP);
      return ask(turn);
    case 'start':
      // One line of greeting, then the first question at once (or the question the draft is at).
      say(turn, turn.draft ? `您好！我们接着填「${turn.draft.table.projectName ?? '未命名'}」：` : GREETING);
      return askFirst(turn);
    case 'new':
      startNew(turn);
      return ask(turn);
    case 'back':
      return back(turn);
    case 'skip':
      return skip(turn);
    case 'edit':
      return startEdit(turn, cmd.field, cmd.rawField);
    case 'show':
      return show(turn);
    case 'template':
      if (!cmd.keyword) return sendText(turn, '请在后面写关键词，例如：指标 社区矫正');
      return sendText(turn, `${await lookupWithOwn(turn, cmd.keyword)}\n\n（用「加 二级指标 名称 指标值」把需要的加进草稿。）`);
    case 'done':
      return generate(turn);
    case 'cancel':
      return cancel(turn);
    case 'drafts':
      return listDrafts(turn);
    case 'layout':
      return showLayouts(turn);
    case 'copy':
      return copyDone(turn);
    case 'undo':
      return undo(turn);
    case 'set':
      return setField(turn, cmd.field, cmd.value);
  }
}

/** Earlier tables kept for 撤销; older ones are dropped. */
export const UNDO_LEVELS = 10;

/** 撤销: the table as it was before the last change (several levels, see engine.ts). */
async function undo(turn: Turn): Promise<void> {
  const draft = turn.draft;
  turn.undoing = true;
  const previous = draft?.history?.pop();
  if (!draft || !previous) return say(turn, '没有可以撤销的修改。'), ask(turn);
  draft.table = previous;
  draft.pending = undefined;
  draft.editing = undefined;
  touch(turn, draft);
  say(turn, `已撤销上一处修改${draft.history!.length ? `（还可再撤销 ${draft.history!.length} 次）` : ''}。`);
  if (draft.step !== 'review' || nextStep(draft) !== 'review') await advance(turn);
  ask(turn);
}

/** 修改 金额 40万 / 把金额改成40万: the value is applied at once; the draft stays where it was. */
async function setField(turn: Turn, field: EditField, value: string): Promise<void> {
  const draft = turn.draft;
  if (!draft) return say(turn, '还没有草稿，请先告诉我项目名称。'), ask(turn);
  draft.editing = undefined;
  touch(turn, draft);
  if (answerField(turn, draft, field, value)) {
    if (field !== 'amounts') say(turn, `已更新${FIELD_LABELS[field]}。`);
    if (draft.step !== 'review' || nextStep(draft) !== 'review') await advance(turn);
  } else if (!draft.pending) {
    draft.editing = field;
  }
  ask(turn);
}

/** A button press whose question is still current. */
export async function runAction(turn: Turn, action: string): Promise<void> {
  const [verb, arg = ''] = action.split(':', 2) as [string, string?];
  const draft = turn.draft;
  switch (verb) {
    case 'all':
      if (draft?.step === 'indicators' && (await confirmIndicators(turn, draft))) await advance(turn);
      return ask(turn);
    case 'gen':
      return generate(turn);
    // Row buttons of the indicator list (see askIndicators): the same as typing 删 <n> / 改 <n> ….
    case 'rm':
      if (draft?.step === 'indicators' && !draft.editing) await answerIndicators(turn, draft, `删 ${arg}`);
      return ask(turn);
    case 'chg':
      if (draft?.step === 'indicators' && !draft.editing) return askIndicatorValue(turn, draft, Number(arg));
      return ask(turn);
    case 'list':
      return ask(turn);
    case 'tpl': {
      const keyword = draft?.table.projectName;
      if (!keyword) return ask(turn);
      return sendText(turn, `${await lookupWithOwn(turn, keyword)}\n\n（用「加 二级指标 名称 指标值」把需要的加进草稿。）`);
    }
    case 'edit':
      return showEditMenu(turn);
    case 'ed':
      return startEdit(turn, EDIT_MENU.find(([f]) => f === arg)?.[0]);
    case 'lay': {
      if (!arg) return showLayouts(turn);
      const layout = turn.s.layouts[Number(arg)];
      if (draft && layout) {
        draft.layout = layout.id;
        touch(turn, draft);
        say(turn, `版式已设为：${layout.label}。`);
      }
      return ask(turn);
    }
    case 'keep':
      if (draft) await advance(turn);
      return ask(turn);
    case 'dep':
      return useLastDepartment(turn);
    case 'cfm':
      return confirmPending(turn);
    case 're':
      dropPending(turn);
      return ask(turn);
    case 'dr':
      return switchTo(turn, arg);
    case 'del':
      return confirmDelete(turn, arg);
    case 'stay':
      // 继续填写 declines: the 确认删除 button of that question must not work any more.
      turn.profile.ask += 1;
      return ask(turn);
    case 'new':
      startNew(turn);
      return ask(turn);
    case 'copy':
      return copyDone(turn);
    case 'old':
      return sendText(turn, IMPORT_HINT);
    default:
      say(turn, '该按钮已过期。');
      return ask(turn);
  }
}

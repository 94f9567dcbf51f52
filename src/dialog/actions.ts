/** Commands and button actions: everything a user can do besides answering the question. */
import { DOCX_MIME } from './types.ts';
import { STEPS, type EditField } from '../store/types.ts';
import { FIELD_LABELS, OPTIONAL_FIELDS, STEP_FIELD, clearField, nextStep } from './answers.ts';
import type { Command } from './commands.ts';
import { effectiveTable } from './defaults.ts';
import { HELP, formatSummary } from './format.ts';
import { confirmIndicators, enterIndicators } from './indicators.ts';
import { ask, layoutLabel } from './questions.ts';
import { createDraft, say, sendChoices, sendText, touch, type Turn } from './turn.ts';

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

/** Moves the draft to the step it needs next, filling the indicator list when that step is reached. */
export function advance(turn: Turn): void {
  const draft = turn.draft;
  if (!draft) return;
  draft.editing = undefined;
  draft.step = nextStep(draft);
  if (draft.step === 'indicators') enterIndicators(turn, draft);
  touch(turn, draft);
}

export function startNew(turn: Turn): void {
  const had = turn.draft;
  createDraft(turn);
  say(turn, had ? `已新建草稿；「${had.table.projectName ?? '未命名'}」已保存，可用「草稿」切换回去。` : '好的，我们开始一份新的绩效目标表。');
}

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

export function startEdit(turn: Turn, field: EditField | 'indicators' | 'layout' | undefined, raw?: string): void {
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
    enterIndicators(turn, draft);
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

function skip(turn: Turn): void {
  const draft = turn.draft;
  const field = draft?.editing ?? (draft ? STEP_FIELD[draft.step] : undefined);
  if (draft && field && OPTIONAL_FIELDS.includes(field)) {
    clearField(draft.table, field);
    say(turn, `${FIELD_LABELS[field]}已恢复默认。`);
    advance(turn);
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
    say(turn, formatSummary(table, defaulted, layoutLabel(turn, draft)));
  }
  ask(turn);
}

function cancel(turn: Turn): Promise<void> | void {
  const draft = turn.draft;
  if (!draft) return say(turn, '目前没有进行中的草稿。'), ask(turn);
  turn.profile.current = undefined;
  turn.draft = undefined;
  turn.dirty.delete(draft.id);
  return turn.s.store.delete(turn.userKey, draft.id).then(() => {
    sendChoices(turn, `已取消并删除草稿「${draft.table.projectName ?? '未命名'}」。需要时发送「新建」重新开始。`, [['new', '新建']]);
  });
}

async function listDrafts(turn: Turn): Promise<void> {
  const drafts = (await turn.s.store.list(turn.userKey)).slice(0, 10);
  if (drafts.length === 0) return say(turn, '还没有草稿。'), ask(turn);
  const label = (d: (typeof drafts)[number]): string =>
    `${(d.table.projectName ?? '未命名').slice(0, 16)}（${d.status === 'done' ? '已生成' : d.id === turn.profile.current ? '当前' : '进行中'}）`;
  const lines = drafts.map((d, n) => `${n + 1}. ${label(d)} ${d.updatedAt.slice(0, 10)}`);
  sendChoices(
    turn,
    `您的草稿（最近 ${drafts.length} 份）：\n${lines.join('\n')}\n点进行中的继续填写；点已生成的会复制为新草稿。`,
    drafts.map((d) => [`dr:${d.id}`, label(d)]),
  );
}

/** 复制上一份: a new draft from a generated one, with the period reset to the next year. */
async function copyDone(turn: Turn, id?: string): Promise<void> {
  const drafts = await turn.s.store.list(turn.userKey);
  const source = id ? drafts.find((d) => d.id === id) : drafts.find((d) => d.status === 'done');
  if (!source) return say(turn, '还没有已生成的表可复制。'), ask(turn);
  const table = structuredClone(source.table);
  delete table.period;
  delete table.year;
  const draft = createDraft(turn, table);
  draft.indicatorsConfirmed = table.indicators.length > 0;
  say(turn, `已复制「${table.projectName ?? '未命名'}」为新草稿，实施期改为下一年度，请核对金额和指标。`);
  advance(turn);
  ask(turn);
}

async function switchTo(turn: Turn, id: string): Promise<void> {
  const draft = await turn.s.store.get(turn.userKey, id);
  if (!draft) return say(turn, '这份草稿已不存在。'), ask(turn);
  if (draft.status === 'done') return copyDone(turn, id);
  turn.draft = draft;
  turn.profile.current = draft.id;
  say(turn, `已切换到「${draft.table.projectName ?? '未命名'}」。`);
  ask(turn);
}

/** 生成: finish the indicators if needed, check everything, render, mark the draft done. */
export async function generate(turn: Turn): Promise<void> {
  const draft = turn.draft;
  if (!draft) return say(turn, '还没有草稿，先告诉我项目名称吧。'), ask(turn);
  touch(turn, draft);
  draft.editing = undefined;
  const missing = nextStep(draft);
  if (missing === 'indicators' && draft.table.indicators.length > 0) {
    if (!confirmIndicators(turn, draft)) return ask(turn);
    say(turn, '已采用当前的指标。');
  } else if (missing !== 'review') {
    const label = { name: '项目名称', department: '主管部门', amount: '金额', fundUse: '资金用途', indicators: '绩效指标' }[missing];
    say(turn, `还缺${label}，补上就能生成。`);
    advance(turn);
    return ask(turn);
  }
  draft.step = 'review';
  const { table } = effectiveTable(draft.table, turn.now);
  const errors = turn.s.checkTable(table).filter((f) => f.severity === 'error');
  if (errors.length) {
    // The review question below lists the findings; say only why nothing was generated.
    say(turn, `还不能生成：有 ${errors.length} 处需要修改（标 ✗ 的）。`);
    return ask(turn);
  }
  let bytes: Uint8Array;
  try {
    bytes = await turn.s.render(table, { layout: draft.layout ?? turn.s.layouts[0]?.id });
  } catch (err) {
    console.error(`[dialog] render failed for ${turn.userKey}/${draft.id}: ${(err as Error).message}`);
    say(turn, '抱歉，生成文件时出错了，请稍后再试一次。');
    return ask(turn);
  }
  draft.table = table;
  draft.status = 'done';
  draft.doneAt = turn.now.toISOString();
  turn.profile.current = undefined;
  turn.profile.lastDepartment = table.department;
  turn.profile.lastImplementer = table.implementer;
  const name = turn.s.docxFileName(table);
  sendText(turn, `已生成「${table.projectName ?? ''}」的绩效目标表（${layoutLabel(turn, draft)}）。`);
  turn.out.push({ type: 'file', name, mime: DOCX_MIME, bytes, caption: name });
  turn.draft = undefined;
  sendChoices(turn, '草稿已存档。还要再做一份吗？', [
    ['new', '新建'],
    ['copy', '复制这份'],
  ]);
}

export async function runCommand(turn: Turn, cmd: Command): Promise<void> {
  switch (cmd.kind) {
    case 'help':
      sendText(turn, HELP);
      return ask(turn);
    case 'start':
      say(turn, `您好！我是绩效目标表助手。\n${HELP}`);
      return ask(turn);
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
      return sendText(turn, `${turn.s.lookupText(turn.s.library, cmd.keyword)}\n\n（用「加 二级指标 名称 指标值」把需要的加进草稿。）`);
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
  }
}

/** A button press whose question is still current. */
export async function runAction(turn: Turn, action: string): Promise<void> {
  const [verb, arg = ''] = action.split(':', 2) as [string, string?];
  const draft = turn.draft;
  switch (verb) {
    case 'all':
      if (draft?.step === 'indicators' && confirmIndicators(turn, draft)) advance(turn);
      return ask(turn);
    case 'gen':
      return generate(turn);
    case 'tpl': {
      const keyword = draft?.table.projectName;
      if (!keyword) return ask(turn);
      return sendText(turn, `${turn.s.lookupText(turn.s.library, keyword)}\n\n（用「加 二级指标 名称 指标值」把需要的加进草稿。）`);
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
      if (draft) advance(turn);
      return ask(turn);
    case 'dep':
      if (draft && draft.step === 'department' && turn.profile.lastDepartment) {
        draft.table.department = turn.profile.lastDepartment;
        advance(turn);
      }
      return ask(turn);
    case 'dr':
      return switchTo(turn, arg);
    case 'new':
      startNew(turn);
      return ask(turn);
    case 'copy':
      return copyDone(turn);
    default:
      say(turn, '该按钮已过期。');
      return ask(turn);
  }
}

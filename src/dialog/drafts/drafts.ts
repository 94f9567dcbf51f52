/** Several drafts per user: new, cancel (delete), list and switch, copy a generated one. */
import { formatAmount } from '../../domain/number.ts';
import { advance } from '../flow/flow.ts';
import { ask } from '../flow/questions.ts';
import type { DraftRecord } from '../records.ts';
import { createDraft, say, sendChoices, touch, type Turn } from '../turn.ts';

export function startNew(turn: Turn): void {
  const had = turn.draft;
  // An untouched draft is reused, so repeated 新建 does not pile up empty drafts.
  if (had && !had.table.projectName && had.table.amounts.annual.total === undefined) {
    had.step = 'name';
    had.editing = undefined;
    touch(turn, had);
    return say(turn, '好的，我们开始一份新的绩效目标表。');
  }
  createDraft(turn);
  say(turn, had ? `已新建草稿；「${had.table.projectName ?? '未命名'}」已保存，可用「草稿」切换回去。` : '好的，我们开始一份新的绩效目标表。');
}

/**
 * 取消: inside a 修改 question it only leaves the question (the draft stays); otherwise it asks
 * before deleting, since a deleted draft cannot be brought back.
 */
export function cancel(turn: Turn): void {
  const draft = turn.draft;
  if (!draft) return say(turn, '目前没有进行中的草稿。'), ask(turn);
  if (draft.editing) {
    draft.editing = undefined;
    touch(turn, draft);
    say(turn, '已取消修改，草稿保留。');
    return ask(turn);
  }
  sendChoices(turn, `要删除草稿「${draft.table.projectName ?? '未命名'}」吗？删除后无法恢复。`, [
    [`del:${draft.id}`, '确认删除'],
    ['stay', '继续填写'],
  ]);
}

/** 确认删除: the current draft goes in this turn's save. */
export function confirmDelete(turn: Turn, id: string): void {
  const draft = turn.draft;
  // The button's question is the latest one, so this is the draft it asked about; checked anyway.
  if (!draft || draft.id !== id) return say(turn, '这份草稿已不是当前草稿，未删除。'), ask(turn);
  turn.profile.current = undefined;
  turn.draft = undefined;
  turn.dirty.delete(draft.id);
  turn.deletes.push({ id: draft.id, rev: draft.rev });
  sendChoices(turn, `已删除草稿「${draft.table.projectName ?? '未命名'}」。需要时发送「新建」重新开始。`, [['new', '新建']]);
}

/** List labels that tell same-named drafts apart: state, amount and time (to the minute), then a number. */
export function draftLabels(turn: Turn, drafts: DraftRecord[]): string[] {
  const when = (d: DraftRecord): string => d.updatedAt.slice(5, 16).replace('T', ' ');
  const money = (d: DraftRecord): string =>
    d.table.amounts.annual.total === undefined ? '' : ` ${formatAmount(d.table.amounts.annual.total, d.table.amounts.unit)}`;
  const base = (d: DraftRecord): string =>
    `${(d.table.projectName ?? '未命名').slice(0, 16)}（${d.status === 'done' ? '已生成' : d.id === turn.profile.current ? '当前' : '进行中'}${money(d)} ${when(d)}）`;
  const seen = new Map<string, number>();
  return drafts.map((d) => {
    const b = base(d);
    const n = (seen.get(b) ?? 0) + 1;
    seen.set(b, n);
    return n === 1 ? b : `${b} #${n}`;
  });
}

export async function listDrafts(turn: Turn): Promise<void> {
  const drafts = (await turn.s.store.list(turn.userKey)).slice(0, 10);
  if (drafts.length === 0) return say(turn, '还没有草稿。'), ask(turn);
  const labels = draftLabels(turn, drafts);
  const lines = labels.map((l, n) => `${n + 1}. ${l}`);
  sendChoices(
    turn,
    `您的草稿（最近 ${drafts.length} 份）：\n${lines.join('\n')}\n点进行中的继续填写；点已生成的会复制为新草稿。`,
    drafts.map((d, n) => [`dr:${d.id}`, labels[n]!]),
  );
}

/** 复制上一份: a new draft from a generated one, with the period reset to the next year. */
export async function copyDone(turn: Turn, id?: string): Promise<void> {
  const drafts = await turn.s.store.list(turn.userKey);
  const source = id ? drafts.find((d) => d.id === id) : drafts.find((d) => d.status === 'done');
  if (!source) return say(turn, '还没有已生成的表可复制。'), ask(turn);
  const table = structuredClone(source.table);
  delete table.period;
  delete table.year;
  const draft = createDraft(turn, table);
  draft.indicatorsConfirmed = table.indicators.length > 0;
  say(turn, `已复制「${table.projectName ?? '未命名'}」为新草稿，实施期改为下一年度，请核对金额和指标。`);
  await advance(turn);
  ask(turn);
}

export async function switchTo(turn: Turn, id: string): Promise<void> {
  const draft = await turn.s.store.get(turn.userKey, id);
  if (!draft) return say(turn, '这份草稿已不存在。'), ask(turn);
  if (draft.status === 'done') return copyDone(turn, id);
  turn.draft = draft;
  turn.profile.current = draft.id;
  say(turn, `已切换到「${draft.table.projectName ?? '未命名'}」。`);
  ask(turn);
}


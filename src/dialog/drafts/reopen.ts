/**
 * 修改… with no draft open (right after 生成): a single draft opens again at once; with several the
 * user is asked which one (a numbered list; the number or the project name answers), and the
 * message is then carried out on the draft picked.
 */
import { normalizeText } from '../answers/parse.ts';
import { intentOf } from '../answers/intents.ts';
import type { DraftRecord } from '../records.ts';
import { parseCommand } from './commands.ts';
import { draftLabels } from './drafts.ts';
import { say, sendChoices, touch, type Turn } from '../turn.ts';

/** Drafts offered; the store lists newest first. */
const MAX_LISTED = 10;

/** Opens `draft` as the current one: a generated draft goes back to the summary. */
function reopen(turn: Turn, draft: DraftRecord): void {
  const name = draft.table.projectName ?? '未命名';
  if (draft.status === 'done') {
    draft.status = 'active';
    draft.step = 'review';
    say(turn, `已重新打开「${name}」，改好后再点「生成」会得到新版本的文件。`);
  } else {
    say(turn, `已切换到「${name}」。`);
  }
  turn.draft = draft;
  turn.profile.current = draft.id;
  turn.before ??= { id: draft.id, table: JSON.stringify(draft.table) };
  touch(turn, draft);
}

function askWhich(turn: Turn, drafts: DraftRecord[], text: string, lead?: string): void {
  turn.profile.reopening = { ids: drafts.map((d) => d.id), text };
  const labels = draftLabels(turn, drafts);
  if (lead) say(turn, lead);
  sendChoices(
    turn,
    `您有 ${drafts.length} 份草稿，要修改哪一份？\n${labels.map((l, n) => `${n + 1}. ${l}`).join('\n')}\n请回复编号或项目名称。`,
    drafts.map((d, n) => [`ro:${d.id}`, labels[n]!]),
  );
}

/**
 * A 修改… without a current draft. Returns true when the user was asked which draft (the turn
 * ends there); false when the only draft was reopened, or there is none.
 */
export async function reopenFor(turn: Turn, text: string): Promise<boolean> {
  const drafts = (await turn.s.store.list(turn.userKey)).slice(0, MAX_LISTED);
  if (drafts.length === 0) return false;
  if (drafts.length === 1) {
    reopen(turn, drafts[0]!);
    return false;
  }
  askWhich(turn, drafts, text);
  return true;
}

/** The drafts of an open 「要修改哪一份」 question that still exist, in the order shown. */
async function listed(turn: Turn, ids: string[]): Promise<DraftRecord[]> {
  const all = await turn.s.store.list(turn.userKey);
  return ids.flatMap((id) => all.filter((d) => d.id === id));
}

/** The draft a reply names: its number in the list, or (a part of) its project name when only one has it. */
function named(drafts: DraftRecord[], reply: string): DraftRecord[] {
  const t = normalizeText(reply).replace(/[\s。.！!]+$/, '').trim();
  const n = /^第?\s*(\d{1,2})\s*(?:份|个|号|项)?$/.exec(t);
  if (n) {
    const d = drafts[Number(n[1]) - 1];
    return d ? [d] : [];
  }
  if (t.length < 2) return [];
  const exact = drafts.filter((d) => normalizeText(d.table.projectName ?? '') === t);
  return exact.length ? exact : drafts.filter((d) => normalizeText(d.table.projectName ?? '').includes(t));
}

/**
 * The reply to 「要修改哪一份」 (typed or a button's draft id). Returns the message to carry out on the
 * draft now open, or undefined when the turn is over (asked again). `null`: the reply is no pick
 * (a command, a refusal …) and is handled as usual.
 */
export async function pickToReopen(
  turn: Turn,
  open: { ids: string[]; text: string },
  reply: { id: string } | { text: string },
): Promise<string | undefined | null> {
  const drafts = await listed(turn, open.ids);
  if ('id' in reply) {
    const d = drafts.find((x) => x.id === reply.id);
    if (!d) return say(turn, '这份草稿已不存在。'), null;
    reopen(turn, d);
    return open.text;
  }
  const found = named(drafts, reply.text);
  if (found.length === 1) {
    reopen(turn, found[0]!);
    return open.text;
  }
  if (parseCommand(reply.text) || intentOf(reply.text) !== 'answer' || drafts.length < 2) return null;
  const why = found.length > 1 ? `有 ${found.length} 份草稿都叫这个名字，请回复编号。` : `没有找到「${reply.text.trim().slice(0, 20)}」，请回复列表中的编号或项目名称。`;
  askWhich(turn, drafts, open.text, why);
  return undefined;
}

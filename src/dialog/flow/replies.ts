/**
 * Messages that are not answers (see answers/intents.ts): each is handled for the step the draft is at, and
 * none of them fills a field.
 */
import { answerField, FIELD_LABELS } from '../answers/answers.ts';
import { advance } from './flow.ts';
import { generate } from '../drafts/generate.ts';
import { confirmIndicators } from '../indicators/indicators.ts';
import type { Intent } from '../answers/intents.ts';
import { GREETING, ask, askFirst } from './questions.ts';
import { say, touch, type Turn } from '../turn.ts';

const ABOUT_TOOL =
  '我是绩效目标表助手，只负责帮您起草项目支出绩效目标表并生成 Word 文件；报送时间、审核要求请以财政部门的通知为准。';

/** Applies the answer that waited for a tap (确认 button or a 好/是 reply). */
export async function confirmPending(turn: Turn): Promise<void> {
  const draft = turn.draft;
  const pending = draft?.pending;
  if (!draft || !pending) return ask(turn);
  draft.pending = undefined;
  touch(turn, draft);
  if (answerField(turn, draft, pending.field, pending.value, { confirmed: true })) {
    say(turn, `已记下${FIELD_LABELS[pending.field]}。`);
    await advance(turn);
  }
  ask(turn);
}

/** A returning user's 主管部门, offered as the default: taken by its button or a 好. */
export async function useLastDepartment(turn: Turn): Promise<void> {
  const draft = turn.draft;
  const last = turn.profile.lastDepartment;
  if (draft && draft.step === 'department' && !draft.editing && last && answerField(turn, draft, 'department', last, { confirmed: true })) {
    say(turn, `主管部门：${last}（同上次）。`);
    await advance(turn);
  }
  ask(turn);
}

export function dropPending(turn: Turn): void {
  const draft = turn.draft;
  if (!draft?.pending) return;
  draft.pending = undefined;
  touch(turn, draft);
}

export async function replyToIntent(turn: Turn, intent: Exclude<Intent, 'answer'>): Promise<void> {
  const draft = turn.draft;
  // A first message of any kind (Feishu has no /start) is met like /start: one line, then the first question.
  const firstContact = !draft && turn.profile.ask === 0 && turn.profile.lastDepartment === undefined;
  if (intent === 'greeting' || (firstContact && intent === 'confirm')) {
    say(turn, draft ? '您好！我们接着填：' : GREETING);
    return askFirst(turn);
  }
  if (intent === 'question') {
    say(turn, ABOUT_TOOL, '发送「帮助」可看全部指令。');
    return firstContact ? askFirst(turn) : ask(turn);
  }
  if (intent === 'refuse' || intent === 'thanks') {
    if (draft?.pending) {
      dropPending(turn);
      return ask(turn);
    }
    if (draft?.editing) {
      draft.editing = undefined;
      touch(turn, draft);
      say(turn, '好的，不改了。');
      return ask(turn);
    }
    if (!draft) return say(turn, intent === 'thanks' ? '不客气！需要做新表时，直接告诉我项目名称。' : '好的。需要做新表时，直接告诉我项目名称。');
    return say(turn, `好的，草稿「${draft.table.projectName ?? '未命名'}」已保存，随时发消息继续。`);
  }
  // A confirmation: what it confirms depends on where the draft is.
  if (!draft) return say(turn, '好的。需要做新表时，直接告诉我项目名称。');
  if (draft.pending) return confirmPending(turn);
  if (draft.editing) {
    await advance(turn);
    return ask(turn);
  }
  if (draft.step === 'indicators') {
    if (await confirmIndicators(turn, draft)) await advance(turn);
    return ask(turn);
  }
  if (draft.step === 'review') return generate(turn);
  if (draft.step === 'department' && !draft.table.department && turn.profile.lastDepartment) return useLastDepartment(turn);
  say(turn, '请先回答这个问题：');
  ask(turn);
}

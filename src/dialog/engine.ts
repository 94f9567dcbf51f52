/**
 * The dialog engine: `(stored draft, input) → (draft', replies)`. Each turn loads the user's
 * profile and current draft from the store and saves them back; turns of one user run in order
 * (a per-key queue), turns of different users concurrently.
 */
import { draftFileRefusal, isDraftFileName, readDraftFile } from '../domain/draftFile.ts';
import { checkTableFile, generateAll, importAction, importReply, importTableFile, isCheckRequest, startCheck } from './drafts/importFlow.ts';
import { StoreConflictError } from './conflict.ts';
import { KeyedQueue } from '../util/queue.ts';
import { FIELD_LABELS, STEP_FIELD, answerField, applyFields, applyPaste, nextStep } from './answers/answers.ts';
import { readSeveral, type Fields } from './answers/clauses.ts';
import { UNDO_LEVELS, runAction, runCommand } from './drafts/actions.ts';
import { extractParagraph } from './answers/extract.ts';
import { runFix } from './flow/fixFlow.ts';
import { parseFixCommand } from './flow/fixes.ts';
import { advance } from './flow/flow.ts';
import { parseCommand } from './drafts/commands.ts';
import { answerIndicators, INDICATOR_HELP } from './indicators/indicators.ts';
import { intentOf, isIndicatorEdit } from './answers/intents.ts';
import { readParagraph } from './answers/paragraph.ts';
import { parsePaste } from './answers/paste.ts';
import { replyToIntent } from './flow/replies.ts';
import type { DraftRecord } from './records.ts';
import { pickToReopen, reopenFor } from './drafts/reopen.ts';
import { ask } from './flow/questions.ts';
import { receipt } from './drafts/generate.ts';
import type { Services } from './services.ts';
import { createDraft, flush, say, touch, type Turn } from './turn.ts';
import type { Engine, HandleOptions, Input, Reply } from './types.ts';

const MAX_TEXT = 20_000;

/** Words that change what is there, rather than state something new. */
const CHANGE_WORD = /改成|改为|换成|更正为|修改|更改|调整为|变成|变为|更新为/;

export interface DialogEngine extends Engine {
  /** Resolves when every queued turn has finished. */
  idle(): Promise<void>;
}

async function answer(turn: Turn, text: string): Promise<void> {
  const draft = turn.draft!;
  touch(turn, draft);
  // A new answer replaces one that waited for confirmation.
  draft.pending = undefined;
  // 加/删/改 <n> are indicator edits at every step, never the answer to the question asked.
  if (draft.step !== 'indicators' && isIndicatorEdit(text)) {
    if (draft.table.indicators.length === 0) say(turn, '绩效指标在后面一步列出，到时再增删改。现在请先回答：');
    else if (!(await answerIndicators(turn, draft, text))) say(turn, `没看懂这条指令。${INDICATOR_HELP}`);
    return ask(turn);
  }
  if (draft.editing) {
    const field = draft.editing;
    if (answerField(turn, draft, field, text)) {
      say(turn, `已更新${FIELD_LABELS[field]}。`);
      await advance(turn);
    }
    return ask(turn);
  }
  if (draft.step === 'indicators') {
    if (!(await answerIndicators(turn, draft, text))) say(turn, `没看懂这条指令。${INDICATOR_HELP}`);
    if (draft.indicatorsConfirmed) await advance(turn);
    return ask(turn);
  }
  const field = STEP_FIELD[draft.step];
  if (field) {
    if (answerField(turn, draft, field, text)) await advance(turn);
  } else {
    say(turn, '请点下面的按钮，或发送「生成」「修改 金额」这样的指令。');
  }
  ask(turn);
}

/** Several fields in one message: all applied and confirmed; the question asked stays open unless answered. */
async function answerSeveral(turn: Turn, fields: Fields): Promise<void> {
  const draft = turn.draft ?? createDraft(turn);
  touch(turn, draft);
  draft.pending = undefined;
  const asked = draft.editing;
  const done = applyFields(turn, draft, fields);
  if (!asked || done.includes(asked)) {
    draft.editing = undefined;
    if (draft.step !== 'review' || nextStep(draft) !== 'review') await advance(turn);
  }
  ask(turn);
}

async function importFile(turn: Turn, input: Extract<Input, { type: 'file' }>): Promise<void> {
  if (isCheckRequest(turn, input.caption)) return checkTableFile(turn, input.name, input.bytes);
  // Everything but a .json draft goes to the importer, which reads Word/Excel/PDF or says why not.
  if (!isDraftFileName(input.name) && turn.s.importFile) return importTableFile(turn, input.name, input.bytes);
  const refusal = draftFileRefusal(input.name, input.bytes.byteLength);
  if (refusal) {
    say(turn, refusal);
    return ask(turn);
  }
  // The same reading rules as `perf-target lint` and `render`: a file they accept imports here too.
  const read = readDraftFile(input.bytes);
  if (!read.ok) {
    say(turn, `无法导入这个文件：它${read.message}。请检查后重发。`);
    return ask(turn);
  }
  const draft = createDraft(turn, read.table);
  draft.indicatorsConfirmed = read.table.indicators.length > 0;
  say(turn, `已导入「${read.table.projectName ?? '未命名'}」。`);
  await advance(turn);
  ask(turn);
}

async function dispatch(turn: Turn, input: Input): Promise<void> {
  // A delivery report is no message of the user's: an open question stays open.
  if (input.type === 'receipt') return receipt(turn, input);
  // A 「要修改哪一份」 question is answered by the next message or not at all.
  const reopening = turn.profile.reopening;
  turn.profile.reopening = undefined;
  if (input.type === 'choice') {
    const m = /^(\d+)\.([\x21-\x7e]{1,60})$/.exec(input.id);
    if (!m || Number(m[1]) !== turn.profile.ask) {
      say(turn, '该按钮已过期，请回答最新的问题：');
      return ask(turn);
    }
    if (m[2]!.startsWith('ro:')) {
      const text = reopening && !turn.draft ? await pickToReopen(turn, reopening, { id: m[2]!.slice(3) }) : null;
      return text ? dispatch(turn, { type: 'text', text }) : ask(turn);
    }
    if (m[2]!.startsWith('imp:')) return importAction(turn, m[2]!.slice(4));
    if (m[2]!.startsWith('fx:')) return runFix(turn, m[2] === 'fx:all' ? 'all' : Number(m[2]!.slice(3)));
    return runAction(turn, m[2]!);
  }
  if (input.type === 'file') return importFile(turn, input);
  let text = input.text ?? '';
  if (!text.trim()) return ask(turn);
  if (reopening && !turn.draft) {
    const picked = await pickToReopen(turn, reopening, { text });
    if (picked === undefined) return;
    if (picked !== null) text = picked;
  }
  if (text.length > MAX_TEXT) {
    say(turn, `内容太长了（${text.length} 字），请精简到 ${MAX_TEXT} 字以内。`);
    return ask(turn);
  }
  if (/^(生成全部|全部生成)$/.test(text.trim())) return generateAll(turn);
  if (/^(检查|检查文件|审核文件)$/.test(text.trim())) return startCheck(turn);
  if (await importReply(turn, text)) return;
  const fix = turn.draft ? parseFixCommand(text) : undefined;
  if (fix !== undefined) return runFix(turn, fix);
  // Several labelled fields at any step (期限…，金额改成…，实施单位是…), before a single 修改 could take them.
  const asked = turn.draft ? (turn.draft.editing ?? STEP_FIELD[turn.draft.step]) : undefined;
  const several = readSeveral(text, turn.draft?.table.framework ?? 'local', asked);
  if (several) {
    // 「金额改成40万，…」 after 生成 changes a finished draft; 「项目名称是…，金额…」 starts a new one.
    if (!turn.draft && CHANGE_WORD.test(text) && (await reopenFor(turn, text))) return;
    return answerSeveral(turn, several);
  }
  const cmd = parseCommand(text);
  // 修改… after 生成 means the draft just finished, or (with several) the one the user then picks.
  if (!turn.draft && (cmd?.kind === 'edit' || cmd?.kind === 'set' || (!cmd && isIndicatorEdit(text))) && (await reopenFor(turn, text))) return;
  if (cmd) return runCommand(turn, cmd);
  const intent = intentOf(text);
  if (intent !== 'answer') return replyToIntent(turn, intent);
  const paste = parsePaste(text, turn.draft?.table.framework ?? 'local');
  if (paste) {
    const draft = turn.draft ?? createDraft(turn);
    await applyPaste(turn, draft, paste);
    await advance(turn);
    return ask(turn);
  }
  // A free-text paragraph, read by the optional model; without one (or if it fails) nothing changes.
  if (await extractParagraph(turn, text)) {
    await advance(turn);
    return ask(turn);
  }
  // Offline: a first message holding the basics in one paragraph fills them all.
  const fresh = !turn.draft || (turn.draft.step === 'name' && !turn.draft.editing && !turn.draft.table.projectName);
  const para = fresh ? readParagraph(text) : undefined;
  if (para) {
    const draft = turn.draft ?? createDraft(turn);
    touch(turn, draft);
    await applyPaste(turn, draft, { fields: para, indicators: [], badLines: [] });
    await advance(turn);
    return ask(turn);
  }
  if (!turn.draft) {
    // Without a draft, any other text is taken as the name of a new project: one message saved.
    createDraft(turn);
  }
  await answer(turn, text);
}

/** Keeps the table as it was before this turn's change, for 撤销 (a few levels). */
function remember(turn: Turn): void {
  const draft = turn.draft;
  const before = turn.before?.id === draft?.id ? turn.before?.table : undefined;
  if (!draft || before === undefined || turn.undoing) return;
  if (JSON.stringify(draft.table) === before) return;
  draft.history = [...(draft.history ?? []), JSON.parse(before) as DraftRecord['table']].slice(-UNDO_LEVELS);
  touch(turn, draft);
}

/** Attempts of one turn that loses optimistic-lock races (another instance saved the user meanwhile). */
const TURN_ATTEMPTS = 6;

/**
 * A turn is a pure function of the stored state and the input, so when its save conflicts it is
 * simply run again on fresh data; replies are returned only once a save has succeeded.
 */
async function runTurn(s: Services, userKey: string, input: Input, options: HandleOptions): Promise<Reply[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runTurnOnce(s, userKey, input, options);
    } catch (err) {
      if (!(err instanceof StoreConflictError) || attempt >= TURN_ATTEMPTS) throw err;
      // A short random pause so that two instances racing for one user do not collide again in step.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}

async function runTurnOnce(s: Services, userKey: string, input: Input, options: HandleOptions): Promise<Reply[]> {
  const profile = await s.store.getProfile(userKey);
  const before = JSON.stringify(profile);
  let draft = profile.current ? await s.store.get(userKey, profile.current) : undefined;
  if (draft?.status !== 'active') {
    draft = undefined;
    profile.current = undefined;
  }
  const turn: Turn = {
    s,
    userKey,
    profile,
    draft,
    dirty: new Map(),
    deletes: [],
    notes: [],
    out: [],
    now: s.now?.() ?? new Date(),
    notify: options.notify,
    receipts: options.ref?.receipts === true,
  };
  if (draft) turn.before = { id: draft.id, table: JSON.stringify(draft.table) };
  await dispatch(turn, input);
  remember(turn);
  flush(turn);
  // One atomic save that also checks the profile read above: a turn that raced another is redone whole.
  await s.store.commit(userKey, {
    drafts: [...turn.dirty.values()],
    profile,
    writeProfile: JSON.stringify(profile) !== before,
    deletes: turn.deletes,
    // The update and its replies are saved with the state change: never lost, never applied twice.
    ...(options.ref ? { applied: { ref: options.ref, replies: turn.out } } : {}),
  });
  return turn.out;
}

export function createDialogEngine(services: Services): DialogEngine {
  const queue = new KeyedQueue();
  return {
    handle(userKey: string, input: Input, options: HandleOptions = {}): Promise<Reply[]> {
      return queue.run(userKey, async () => {
        try {
          return await runTurn(services, userKey, input, options);
        } catch (err) {
          // The channel pipeline settles a failed update itself (apology in the outbox, or nothing
          // when it was applied already).
          if (options.ref) throw err;
          // One bad turn must not kill the channel; the user gets a short apology, the log the cause.
          console.error(`[dialog] turn failed for ${userKey}:`, err);
          return [{ type: 'text', text: '抱歉，处理这条消息时出错了，请再发一次；如果一直出错，可以发送「新建」重新开始。' }];
        }
      });
    },
    idle: () => queue.idle(),
    turnStore: services.store,
  };
}

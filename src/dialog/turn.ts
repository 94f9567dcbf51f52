/** The state of one turn: loaded from the store at its start, saved at its end. */
import { randomBytes } from 'node:crypto';
import { emptyTable } from '../domain/draft.ts';
import type { DraftRecord, Profile } from './records.ts';
import type { Choice, Reply } from './types.ts';
import type { Services } from './services.ts';

export interface Turn {
  s: Services;
  userKey: string;
  profile: Profile;
  /** The active draft, if any (a done draft is never current). */
  draft?: DraftRecord;
  /** Drafts touched in this turn, saved at its end. */
  dirty: Map<string, DraftRecord>;
  /**
   * Drafts deleted in this turn (with the rev each was read with), removed in the turn's one atomic
   * commit: deleting in the middle of the turn would survive a save that then conflicts.
   */
  deletes: Array<{ id: string; rev?: number }>;
  /** Feedback to put before the next question, so that one turn is usually one message. */
  notes: string[];
  out: Reply[];
  now: Date;
  /** The channel reports file delivery (TurnRef.receipts): 生成 archives only once the file arrived. */
  receipts?: boolean;
  /** The current draft's table as the turn found it (JSON), for 撤销; set when a draft is opened in the turn. */
  before?: { id: string; table: string };
  /** Set by 撤销, so that its change of the table is not itself remembered as undoable. */
  undoing?: boolean;
  /** The channel's way to send a reply before the turn ends (HandleOptions.notify). */
  notify?: (reply: Reply) => void;
}

/** Tells the user at once that the file waits for others (once per turn, when the channel can). */
export function waitNotice(turn: Turn): () => void {
  let sent = false;
  return () => {
    if (sent || !turn.notify) return;
    sent = true;
    turn.notify({ type: 'text', text: GENERATING_TEXT });
  };
}

export const GENERATING_TEXT = '正在生成，请稍候……';
export const BUSY_TEXT = '当前生成任务较多，请稍后再试：草稿已保存，过一两分钟再发送「生成」即可。';

export function say(turn: Turn, ...lines: string[]): void {
  turn.notes.push(...lines.filter(Boolean));
}

/** Text with the notes in front. */
function withNotes(turn: Turn, text: string): string {
  const all = [...turn.notes, text].filter(Boolean).join('\n\n');
  turn.notes = [];
  return all;
}

export function sendText(turn: Turn, text: string): void {
  turn.out.push({ type: 'text', text: withNotes(turn, text) });
}

/**
 * Text with buttons. Every such question gets a new number in the ids (`<ask>.<action>`), so a
 * button of an earlier question is recognised as stale. Actions are short ASCII.
 */
export function sendChoices(turn: Turn, text: string, choices: Array<[action: string, label: string]>): void {
  if (choices.length === 0) return sendText(turn, text);
  turn.profile.ask += 1;
  const list: Choice[] = choices.map(([action, label]) => ({ id: `${turn.profile.ask}.${action}`, label }));
  turn.out.push({ type: 'choices', text: withNotes(turn, text), choices: list });
}

/** Sends what is left in the notes. */
export function flush(turn: Turn): void {
  if (turn.notes.length) sendText(turn, '');
}

export function touch(turn: Turn, draft: DraftRecord): void {
  draft.updatedAt = turn.now.toISOString();
  turn.dirty.set(draft.id, draft);
}

/** Short ASCII id: time for order, random for uniqueness. */
export function newDraftId(now: Date): string {
  return `${now.getTime().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function createDraft(turn: Turn, table = emptyTable()): DraftRecord {
  const at = turn.now.toISOString();
  const draft: DraftRecord = {
    id: newDraftId(turn.now),
    userKey: turn.userKey,
    status: 'active',
    step: 'name',
    indicatorsConfirmed: false,
    table,
    createdAt: at,
    updatedAt: at,
  };
  turn.draft = draft;
  turn.profile.current = draft.id;
  touch(turn, draft);
  return draft;
}

/** A stable small number per user, to vary the examples without randomness. */
export function userSeed(userKey: string): number {
  let h = 0;
  for (const c of userKey) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

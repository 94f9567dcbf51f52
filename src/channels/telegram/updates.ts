/**
 * One update: a message or a button press becomes an engine Input, the engine's replies go back.
 * Groups, the allow-list and files are answered here (/start goes to the engine, which greets and asks); no dialog logic.
 */
import type { Telegram } from 'telegraf';
import type { CallbackQuery, Message, Update, UserFromGetMe } from 'telegraf/types';
import type { Input } from '../../dialog/types.ts';
import type { Prepared } from '../pipeline.ts';
import { DraftFileTooLargeError, uploadRule } from '../files.ts';
import { GENERATE_RE } from '../generating.ts';
import type { TelegramConfig } from './config.ts';
import { download } from './files.ts';
import { buttonLabel, ownerMessageId } from './keyboards.ts';
import { withRetry } from './retry.ts';
import type { Sender } from './sending.ts';
import { MSG_GROUP_HINT, MSG_UNSUPPORTED_MESSAGE, normaliseCommand, notAllowedText } from './text.ts';
import { cleanFileName, cleanText } from '../sanitize.ts';

/** Updates we ask Telegram for; everything else is not useful to a form-filling bot. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
const TYPING_AFTER_MS = 1000;

export interface UpdateHandlerDeps {
  tg: Telegram;
  botInfo: UserFromGetMe;
  config: Pick<TelegramConfig, 'allowedUsers'>;
  sender: Sender;
  log: (line: string) => void;
  describe: (err: unknown) => string;
}

/** Where the replies to an update go, kept with them in the outbox. */
export interface TelegramRoute {
  chatId: number;
  replyTo?: number;
}

/**
 * Reads one update when its turn comes (src/channels/pipeline.ts): an engine input, or nothing
 * when it was answered here (groups, the allow-list, /start, files that are refused). Those
 * platform chores are sent at once; the engine's replies go through the outbox.
 */
export function createUpdateHandler(deps: UpdateHandlerDeps): {
  prepare(update: Update): Promise<Prepared>;
  route(update: Update): TelegramRoute | undefined;
} {
  const { tg, botInfo, config, log, describe } = deps;
  const { send, sendAction, answerCallback, startIndicator } = deps.sender;
  const refused = new Set<number>();
  /** Group members told once how to address the bot (`chat:user`), so chatter is not answered twice. */
  const hinted = new Set<string>();
  const none: Prepared = { replies: [] };

  function isAllowed(userId: number): boolean {
    return config.allowedUsers === undefined || config.allowedUsers.has(userId);
  }

  function route(update: Update): TelegramRoute | undefined {
    if ('callback_query' in update) {
      const message = update.callback_query.message;
      if (!message) return undefined;
      const owner = 'reply_to_message' in message ? message.reply_to_message?.from?.id : undefined;
      const replyTo = message.chat.type === 'private' ? undefined : owner !== undefined ? ownerMessageId(message) : undefined;
      return { chatId: message.chat.id, replyTo };
    }
    if ('message' in update) {
      const msg = update.message;
      return { chatId: msg.chat.id, replyTo: msg.chat.type === 'private' ? undefined : msg.message_id };
    }
    return undefined;
  }

  async function prepare(update: Update): Promise<Prepared> {
    if ('callback_query' in update) return onCallback(update.callback_query);
    if ('message' in update) return onMessage(update.message);
    return none;
  }

  async function onMessage(msg: Message): Promise<Prepared> {
    const from = msg.from;
    if (!from || from.is_bot) return none;
    const chat = msg.chat;
    const isPrivate = chat.type === 'private';
    const text = 'text' in msg ? msg.text : undefined;
    if (!isPrivate) {
      // In groups only commands and replies to our own messages are meant for us.
      const isCommand = text !== undefined && text.startsWith('/');
      const repliesToUs = 'reply_to_message' in msg && msg.reply_to_message?.from?.id === botInfo.id;
      if (!isCommand && !repliesToUs) {
        // A reply to someone else, or plain chatter: one hint per member, then silence.
        const key = `${chat.id}:${from.id}`;
        const repliesToOther = 'reply_to_message' in msg && msg.reply_to_message !== undefined;
        if (text !== undefined && !repliesToOther && !hinted.has(key) && isAllowed(from.id)) {
          hinted.add(key);
          await send(chat.id, MSG_GROUP_HINT, msg.message_id);
        }
        return none;
      }
    }
    const replyTo = isPrivate ? undefined : msg.message_id;
    if (!isAllowed(from.id)) {
      if (!refused.has(from.id)) {
        refused.add(from.id);
        log(`telegram: refused user ${from.id} (not in TELEGRAM_ALLOWED_USERS)`);
        await send(chat.id, notAllowedText(from.id), replyTo);
      }
      return none;
    }

    let input: Input;
    if (text !== undefined) {
      const normalised = normaliseCommand(text, botInfo.username);
      if (normalised === undefined) return none; // a command for another bot in the group
      // Bidi overrides, zero-width characters and escapes never enter a draft.
      input = { type: 'text', text: cleanText(normalised) };
    } else if ('document' in msg) {
      const doc = msg.document;
      // Only a file the engine can read is worth fetching (src/channels/files.ts); the rest is answered here.
      const rule = uploadRule(doc.file_name, doc.file_size);
      if (!rule.ok) return { replies: [{ type: 'text', text: rule.text }] };
      await sendAction(chat.id, 'typing');
      let bytes: Uint8Array;
      try {
        bytes = await download(tg, doc.file_id, rule.limit);
      } catch (err) {
        if (!(err instanceof DraftFileTooLargeError)) throw err;
        return { replies: [{ type: 'text', text: rule.tooLargeText }] };
      }
      // A document sent with the caption 检查 is checked, not imported.
      const caption = typeof msg.caption === 'string' ? msg.caption.trim() : '';
      input = { type: 'file', name: cleanFileName(doc.file_name ?? 'file'), bytes, ...(doc.mime_type ? { mime: doc.mime_type } : {}), ...(caption ? { caption } : {}) };
    } else {
      return { replies: [{ type: 'text', text: MSG_UNSUPPORTED_MESSAGE }] };
    }
    return withIndicator(chat.id, input, input.type === 'text' && GENERATE_RE.test(input.text.trim()));
  }

  async function onCallback(query: CallbackQuery): Promise<Prepared> {
    const message = query.message;
    const from = query.from;
    if (!isAllowed(from.id)) {
      await answerCallback(query.id, notAllowedText(from.id));
      return none;
    }
    if (!message || !('data' in query) || typeof query.data !== 'string') {
      await answerCallback(query.id);
      return none;
    }
    // In a group our keyboard answers one member's message; others pressing it would act on their own draft.
    const owner = 'reply_to_message' in message ? message.reply_to_message?.from?.id : undefined;
    if (message.chat.type !== 'private' && owner !== undefined && owner !== from.id) {
      await answerCallback(query.id, '这是其他成员的按钮。');
      return none;
    }
    // Answer first so the client stops its spinner even if the engine takes a while.
    await answerCallback(query.id);
    // The pressed keyboard is used up (answered or stale): remove it so it cannot be pressed twice.
    await withRetry(() => tg.editMessageReplyMarkup(message.chat.id, message.message_id, undefined, undefined)).catch((err) => {
      if (!/not modified|not found|can't be edited/i.test(describe(err))) log(`telegram: keyboard not removed: ${describe(err)}`);
    });
    const generating = GENERATE_RE.test(buttonLabel(message, query.data) ?? '');
    return withIndicator(message.chat.id, { type: 'choice', id: query.data }, generating);
  }

  /**
   * The turn's input, with an indicator while it runs: `generating` (the 生成 command or button,
   * the one that produces the DOCX) shows the upload indicator at once, any other slow turn
   * "typing" after a second.
   */
  function withIndicator(chatId: number, input: Input, generating: boolean): Prepared {
    const stop = startIndicator(chatId, generating ? 'upload_document' : 'typing', generating ? 0 : TYPING_AFTER_MS);
    return { input, after: stop };
  }

  return { prepare, route };
}

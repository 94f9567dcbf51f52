/**
 * One update: a message or a button press becomes an engine Input, the engine's replies go back.
 * Groups, the allow-list and files are answered here (/start goes to the engine, which greets and asks); no dialog logic.
 */
import type { Context, Telegram } from 'telegraf';
import type { CallbackQuery, Message, UserFromGetMe } from 'telegraf/types';
import type { Engine, Input, Reply } from '../../dialog/types.ts';
import { DraftFileTooLargeError, uploadRule } from '../files.ts';
import type { TelegramConfig } from './config.ts';
import { download } from './files.ts';
import { buttonLabel, ownerMessageId } from './keyboards.ts';
import { withRetry } from './retry.ts';
import type { Sender } from './sending.ts';
import { MSG_ERROR, MSG_GROUP_HINT, MSG_UNSUPPORTED_MESSAGE, normaliseCommand, notAllowedText } from './text.ts';
import { cleanFileName, cleanText } from '../sanitize.ts';

/** Updates we ask Telegram for; everything else is not useful to a form-filling bot. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
/** The command (or button label) that builds the DOCX. */
const GENERATE_RE = /^(\/done(\s|$)|生成)/;
const TYPING_AFTER_MS = 1000;

export interface UpdateHandlerDeps {
  engine: Engine;
  tg: Telegram;
  botInfo: UserFromGetMe;
  config: Pick<TelegramConfig, 'allowedUsers'>;
  sender: Sender;
  log: (line: string) => void;
  describe: (err: unknown) => string;
}

/** The handler telegraf calls for each update; it catches everything and tells the user when a turn failed. */
export function createUpdateHandler(deps: UpdateHandlerDeps): (ctx: Context) => Promise<void> {
  const { engine, tg, botInfo, config, log, describe } = deps;
  const { send, sendReply, sendAction, answerCallback, startIndicator } = deps.sender;
  const refused = new Set<number>();
  /** Group members told once how to address the bot (`chat:user`), so chatter is not answered twice. */
  const hinted = new Set<string>();

  function isAllowed(userId: number): boolean {
    return config.allowedUsers === undefined || config.allowedUsers.has(userId);
  }

  async function handleContext(ctx: Context): Promise<void> {
    const update = ctx.update;
    let chatId: number | undefined;
    let replyTo: number | undefined;
    try {
      if ('callback_query' in update) {
        chatId = update.callback_query.message?.chat.id;
        await onCallback(update.callback_query);
      } else if ('message' in update) {
        chatId = update.message.chat.id;
        if (update.message.chat.type !== 'private') replyTo = update.message.message_id;
        await onMessage(update.message);
      }
    } catch (err) {
      log(`telegram: update ${update.update_id} failed: ${describe(err)}`);
      if (chatId !== undefined) {
        await send(chatId, MSG_ERROR, replyTo).catch((e) => log(`telegram: update ${update.update_id}: error notice not sent: ${describe(e)}`));
      }
    }
  }

  async function onMessage(msg: Message): Promise<void> {
    const from = msg.from;
    if (!from || from.is_bot) return;
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
        return;
      }
    }
    const replyTo = isPrivate ? undefined : msg.message_id;
    if (!isAllowed(from.id)) {
      if (!refused.has(from.id)) {
        refused.add(from.id);
        log(`telegram: refused user ${from.id} (not in TELEGRAM_ALLOWED_USERS)`);
        await send(chat.id, notAllowedText(from.id), replyTo);
      }
      return;
    }
    const userKey = `telegram:${chat.id}:${from.id}`;

    let input: Input;
    if (text !== undefined) {
      const normalised = normaliseCommand(text, botInfo.username);
      if (normalised === undefined) return; // a command for another bot in the group
      // Bidi overrides, zero-width characters and escapes never enter a draft.
      input = { type: 'text', text: cleanText(normalised) };
    } else if ('document' in msg) {
      const doc = msg.document;
      // Only a file the engine can read is worth fetching (src/channels/files.ts); the rest is answered here.
      const rule = uploadRule(doc.file_name, doc.file_size);
      if (!rule.ok) {
        await send(chat.id, rule.text, replyTo);
        return;
      }
      await sendAction(chat.id, 'typing');
      let bytes: Uint8Array;
      try {
        bytes = await download(tg, doc.file_id, rule.limit);
      } catch (err) {
        if (!(err instanceof DraftFileTooLargeError)) throw err;
        await send(chat.id, rule.tooLargeText, replyTo);
        return;
      }
      // A document sent with the caption 检查 is checked, not imported.
      const caption = typeof msg.caption === 'string' ? msg.caption.trim() : '';
      input = { type: 'file', name: cleanFileName(doc.file_name ?? 'file'), bytes, ...(doc.mime_type ? { mime: doc.mime_type } : {}), ...(caption ? { caption } : {}) };
    } else {
      await send(chat.id, MSG_UNSUPPORTED_MESSAGE, replyTo);
      return;
    }
    await converse(chat.id, userKey, input, replyTo, input.type === 'text' && GENERATE_RE.test(input.text.trim()));
  }

  async function onCallback(query: CallbackQuery): Promise<void> {
    const message = query.message;
    const from = query.from;
    if (!isAllowed(from.id)) {
      await answerCallback(query.id, notAllowedText(from.id));
      return;
    }
    if (!message || !('data' in query) || typeof query.data !== 'string') {
      await answerCallback(query.id);
      return;
    }
    // In a group our keyboard answers one member's message; others pressing it would act on their own draft.
    const owner = 'reply_to_message' in message ? message.reply_to_message?.from?.id : undefined;
    if (message.chat.type !== 'private' && owner !== undefined && owner !== from.id) {
      await answerCallback(query.id, '这是其他成员的按钮。');
      return;
    }
    // Answer first so the client stops its spinner even if the engine takes a while.
    await answerCallback(query.id);
    const userKey = `telegram:${message.chat.id}:${from.id}`;
    const replyTo = message.chat.type === 'private' ? undefined : owner !== undefined ? ownerMessageId(message) : undefined;
    const generating = GENERATE_RE.test(buttonLabel(message, query.data) ?? '');
    await converse(message.chat.id, userKey, { type: 'choice', id: query.data }, replyTo, generating, async () => {
      // The pressed keyboard is used up (answered or stale): remove it so it cannot be pressed twice.
      await withRetry(() => tg.editMessageReplyMarkup(message.chat.id, message.message_id, undefined, undefined)).catch((err) => {
        if (!/not modified|not found|can't be edited/i.test(describe(err))) log(`telegram: keyboard not removed: ${describe(err)}`);
      });
    });
  }

  /**
   * One engine turn. `generating` (the 生成 command or button, the one that produces the DOCX) shows
   * the upload indicator at once; any other slow turn shows "typing" after a second.
   */
  async function converse(
    chatId: number,
    userKey: string,
    input: Input,
    replyTo: number | undefined,
    generating: boolean,
    afterHandle?: () => Promise<void>,
  ) {
    const stopIndicator = startIndicator(chatId, generating ? 'upload_document' : 'typing', generating ? 0 : TYPING_AFTER_MS);
    let replies: Reply[];
    // A notice the engine sends before its replies (「正在生成，请稍候」): sent at once, and done before the replies go.
    let notices = Promise.resolve();
    const notify = (reply: Reply) => {
      notices = notices.then(() => sendReply(chatId, reply, replyTo)).catch((err) => log(`telegram: notice not sent: ${describe(err)}`));
    };
    try {
      replies = await engine.handle(userKey, input, { notify });
    } finally {
      stopIndicator();
    }
    await notices;
    if (afterHandle) await afterHandle();
    for (const reply of replies) await sendReply(chatId, reply, replyTo);
  }

  return handleContext;
}

/** Sending to Telegram: HTML text split under the limit, keyboards, documents, chat actions, callback answers. */
import type { Telegram } from 'telegraf';
import type { Reply } from '../../dialog/types.ts';
import { keyboardRows } from './keyboards.ts';
import { withRetry } from './retry.ts';
import { cleanReply } from '../sanitize.ts';
import { replyHtml, replyKeyboard } from './format.ts';
import { MSG_CHOOSE, escapeHtml, fitCaption, htmlPieces, safeFilename } from './text.ts';

/** Chat actions show for about 5 s, so they are repeated a bit sooner. */
const ACTION_REPEAT_MS = 4500;

export type ChatAction = 'typing' | 'upload_document';

export interface Sender {
  /** Sends text as HTML (every user string escaped, headings bold), split under the 4096 limit. */
  send(chatId: number, text: string, replyTo?: number, keyboard?: ReturnType<typeof keyboardRows>, forceReply?: boolean): Promise<void>;
  sendReply(chatId: number, reply: Reply, replyTo: number | undefined): Promise<void>;
  sendAction(chatId: number, action: ChatAction): Promise<void>;
  answerCallback(id: string, text?: string): Promise<void>;
  /** Shows `action` after `delayMs` and repeats it until the returned function is called. */
  startIndicator(chatId: number, action: ChatAction, delayMs: number): () => void;
}

export function createSender(tg: Telegram, log: (line: string) => void, describe: (err: unknown) => string): Sender {
  function startIndicator(chatId: number, action: ChatAction, delayMs: number): () => void {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const tick = () => {
      if (stopped) return;
      void sendAction(chatId, action);
      timer = setTimeout(tick, ACTION_REPEAT_MS);
    };
    timer = setTimeout(tick, delayMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  async function sendReply(chatId: number, raw: Reply, replyTo: number | undefined): Promise<void> {
    const reply = cleanReply(raw);
    if (reply.type === 'text' || reply.type === 'choices') {
      // The indicator list grouped and numbered, values bold, estimates marked; every choice a button.
      const pieces = replyHtml(reply);
      const keyboard = replyKeyboard(reply);
      // In a group the answer to a question must reach us (privacy mode): ForceReply makes the
      // member's client reply to this message; `selective` limits it to the member replied to.
      await sendPieces(chatId, pieces.length ? pieces : [escapeHtml(MSG_CHOOSE)], replyTo, keyboard, !keyboard && replyTo !== undefined);
    } else {
      await sendAction(chatId, 'upload_document');
      const caption = fitCaption(reply.caption);
      await withRetry(() =>
        tg.sendDocument(
          chatId,
          { source: Buffer.from(reply.bytes), filename: safeFilename(reply.name) },
          { ...(caption ? { caption } : {}), ...replyParameters(replyTo) },
        ),
      );
      // A caption cut to Telegram's 1024 limit is repeated in full as text.
      if (caption !== undefined && reply.caption !== undefined && caption !== reply.caption) await send(chatId, reply.caption, replyTo);
    }
  }

  async function send(
    chatId: number,
    text: string,
    replyTo?: number,
    keyboard?: ReturnType<typeof keyboardRows>,
    forceReply = false,
  ): Promise<void> {
    await sendPieces(chatId, htmlPieces(text), replyTo, keyboard, forceReply);
  }

  /** HTML pieces in order; the keyboard (or ForceReply) goes on the last one. */
  async function sendPieces(
    chatId: number,
    pieces: string[],
    replyTo: number | undefined,
    keyboard: ReturnType<typeof keyboardRows> | undefined,
    forceReply: boolean,
  ): Promise<void> {
    for (let i = 0; i < pieces.length; i++) {
      const last = i === pieces.length - 1;
      const markup = keyboard ? { inline_keyboard: keyboard } : forceReply ? { force_reply: true as const, selective: true } : undefined;
      const extra = {
        parse_mode: 'HTML' as const,
        ...replyParameters(replyTo),
        ...(last && markup ? { reply_markup: markup } : {}),
      };
      await withRetry(() => tg.sendMessage(chatId, pieces[i]!, extra));
    }
  }

  async function sendAction(chatId: number, action: ChatAction): Promise<void> {
    // Cosmetic: never retried, never fatal.
    await tg.sendChatAction(chatId, action).catch(() => undefined);
  }

  async function answerCallback(id: string, text?: string): Promise<void> {
    // An old query (e.g. pressed before a restart) can no longer be answered; that must not stop the turn.
    await withRetry(() => tg.answerCbQuery(id, text)).catch((err) => log(`telegram: answerCallbackQuery failed: ${describe(err)}`));
  }

  return { send, sendReply, sendAction, answerCallback, startIndicator };
}

function replyParameters(replyTo: number | undefined) {
  return replyTo === undefined ? {} : { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } };
}

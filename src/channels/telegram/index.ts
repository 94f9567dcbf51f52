/**
 * Telegram channel: maps Bot API updates to engine Inputs and engine Replies to Bot API calls.
 * No dialog logic lives here; only platform chores (limits, keyboards, groups, retries, offsets).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Telegraf, type Context } from 'telegraf';
import type { CallbackQuery, Message, Update } from 'telegraf/types';
import type { Engine, Input, Reply } from '../../dialog/types.ts';
import type { RunningChannel, StartChannel } from '../types.ts';
import { readConfig, type TelegramConfig } from './config.ts';
import { FILE_TOO_LARGE_TEXT, MAX_DRAFT_FILE_BYTES, draftFileRefusal } from '../../domain/draftFile.ts';
import { DraftFileTooLargeError } from '../files.ts';
import { backoffDelay, sleep } from '../../util/retry.ts';
import { describeError, isAbort, isTransient, retryAfterSeconds, withRetry } from './retry.ts';
import { KeyedQueue } from '../../util/queue.ts';
import { connectRedis } from '../../store/redis.ts';
import { RedisSeenUpdates, SeenUpdates, type UpdateLedger } from './seen.ts';
import {
  COMMANDS,
  GREETING,
  MSG_CHOOSE,
  MSG_ERROR,
  MSG_GROUP_HINT,
  MSG_NOT_ALLOWED,
  MSG_UNSUPPORTED_MESSAGE,
  fitCaption,
  htmlPieces,
  keyboardRows,
  normaliseCommand,
  safeFilename,
} from './text.ts';

export interface TelegramChannel extends RunningChannel {
  /** The local port of the webhook listener (webhook mode only); useful with TELEGRAM_WEBHOOK_PORT=0. */
  webhookPort?: number;
}

export interface TelegramOptions {
  /** Where log lines go (default: stderr). Lines never contain the bot token. */
  log?: (line: string) => void;
  /**
   * Where taken update ids are kept (default: Redis with REDIS_URL, else a file in DATA_DIR). The
   * channel owns it and closes it on stop or on a failed start.
   */
  seen?: UpdateLedger;
}

/** Updates we ask Telegram for; everything else is not useful to a form-filling bot. */
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
const MAX_WEBHOOK_BODY = 1024 * 1024;
/** The command (or button label) that builds the DOCX. */
const GENERATE_RE = /^(\/done(\s|$)|生成)/;
/** Long-poll duration asked of Telegram, in seconds. */
const POLL_TIMEOUT = 50;
/** Above this many updates in progress we stop fetching more until some finish. */
const MAX_IN_FLIGHT = 100;
const TYPING_AFTER_MS = 1000;
/** Chat actions show for about 5 s, so they are repeated a bit sooner. */
const ACTION_REPEAT_MS = 4500;

export const startChannel: StartChannel = (engine, env) => startTelegram(engine, env);

export async function startTelegram(
  engine: Engine,
  env: Record<string, string | undefined>,
  options: TelegramOptions = {},
): Promise<TelegramChannel> {
  const config = readConfig(env);
  const rawLog = options.log ?? ((line: string) => console.error(line));
  // A second net: whatever reaches the log, the token is scrubbed out of it.
  const log = (line: string) => rawLog(line.split(config.token).join('[REDACTED]'));
  const describe = (err: unknown) => describeError(err, config.token);

  const bot = new Telegraf(config.token, {
    telegram: { apiRoot: config.apiRoot, webhookReply: false },
    // The engine may build a DOCX or call an LLM; telegraf's 90 s default would abandon it half way.
    handlerTimeout: 10 * 60_000,
  });
  const tg = bot.telegram;
  const redisUrl = env.REDIS_URL?.trim();
  // With REDIS_URL every instance shares the taken ids (key per bot: the token's public id part).
  const seen: UpdateLedger =
    options.seen ??
    (redisUrl
      ? new RedisSeenUpdates(await connectRedis(redisUrl), `perf-target:telegram:${config.token.split(':')[0]}:u:`)
      : await SeenUpdates.open(config.stateFile, log));

  try {
    bot.botInfo = await withRetry(() => tg.getMe(), { attempts: 4 });
  } catch (err) {
    await seen.close().catch(() => undefined);
    throw new Error(`telegram: getMe failed, check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT (${describe(err)})`);
  }
  const botInfo = bot.botInfo;

  await withRetry(() => tg.setMyCommands(COMMANDS)).catch((err) => log(`telegram: setMyCommands failed: ${describe(err)}`));

  const refused = new Set<number>();
  /** Group members told once how to address the bot (`chat:user`), so chatter is not answered twice. */
  const hinted = new Set<string>();
  const queue = new KeyedQueue();
  const inFlight = new Set<Promise<void>>();

  bot.use((ctx) => handleContext(ctx));
  // handleContext catches everything; this only guards against a bug there.
  bot.catch((err, ctx) => log(`telegram: update ${ctx.update.update_id} failed: ${describe(err)}`));

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
        await send(chat.id, MSG_NOT_ALLOWED, replyTo);
      }
      return;
    }
    const userKey = `telegram:${chat.id}:${from.id}`;

    let input: Input;
    if (text !== undefined) {
      const normalised = normaliseCommand(text, botInfo.username);
      if (normalised === undefined) return; // a command for another bot in the group
      if (/^\/start(\s|$)/.test(normalised)) {
        await send(chat.id, GREETING, replyTo);
        return;
      }
      input = { type: 'text', text: normalised };
    } else if ('document' in msg) {
      const doc = msg.document;
      // Only a draft the engine can read is worth fetching; everything else is answered here.
      const refusal = draftFileRefusal(doc.file_name, doc.file_size);
      if (refusal) {
        await send(chat.id, refusal, replyTo);
        return;
      }
      await sendAction(chat.id, 'typing');
      let bytes: Uint8Array;
      try {
        bytes = await download(doc.file_id);
      } catch (err) {
        if (!(err instanceof DraftFileTooLargeError)) throw err;
        await send(chat.id, FILE_TOO_LARGE_TEXT, replyTo);
        return;
      }
      input = { type: 'file', name: doc.file_name ?? 'file', bytes, ...(doc.mime_type ? { mime: doc.mime_type } : {}) };
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
      await answerCallback(query.id, MSG_NOT_ALLOWED);
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
    try {
      replies = await engine.handle(userKey, input);
    } finally {
      stopIndicator();
    }
    if (afterHandle) await afterHandle();
    for (const reply of replies) await sendReply(chatId, reply, replyTo);
  }

  function startIndicator(chatId: number, action: 'typing' | 'upload_document', delayMs: number): () => void {
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

  async function sendReply(chatId: number, reply: Reply, replyTo: number | undefined): Promise<void> {
    if (reply.type === 'text') {
      // In a group the answer to a question must reach us (privacy mode): ForceReply makes the
      // member's client reply to this message; `selective` limits it to the member replied to.
      await send(chatId, reply.text, replyTo, undefined, replyTo !== undefined);
    } else if (reply.type === 'choices') {
      await send(chatId, reply.text.trim() ? reply.text : MSG_CHOOSE, replyTo, reply.choices.length ? keyboardRows(reply.choices) : undefined);
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

  /** Sends text as HTML (every user string escaped, headings bold), split under the 4096 limit. */
  async function send(
    chatId: number,
    text: string,
    replyTo?: number,
    keyboard?: ReturnType<typeof keyboardRows>,
    forceReply = false,
  ): Promise<void> {
    const pieces = htmlPieces(text);
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

  function replyParameters(replyTo: number | undefined) {
    return replyTo === undefined ? {} : { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } };
  }

  async function sendAction(chatId: number, action: 'typing' | 'upload_document'): Promise<void> {
    // Cosmetic: never retried, never fatal.
    await tg.sendChatAction(chatId, action).catch(() => undefined);
  }

  async function answerCallback(id: string, text?: string): Promise<void> {
    // An old query (e.g. pressed before a restart) can no longer be answered; that must not stop the turn.
    await withRetry(() => tg.answerCbQuery(id, text)).catch((err) => log(`telegram: answerCallbackQuery failed: ${describe(err)}`));
  }

  async function download(fileId: string): Promise<Uint8Array> {
    const link = await withRetry(() => tg.getFileLink(fileId));
    // A self-hosted telegram-bot-api in --local mode gives an absolute path on its disk.
    if (link.protocol === 'file:') return new Uint8Array(await readFile(fileURLToPath(link)));
    return withRetry(
      async () => {
        let res: Response;
        try {
          res = await fetch(link, { signal: AbortSignal.timeout(60_000) });
        } catch {
          // The URL holds the token, so the original error (which may quote it) is not passed on.
          throw Object.assign(new Error('file download failed (network)'), { code: 'ECONNRESET' });
        }
        if (!res.ok) throw Object.assign(new Error(`file download failed (HTTP ${res.status})`), res.status >= 500 ? { code: 'ECONNRESET' } : {});
        return readCapped(res, MAX_DRAFT_FILE_BYTES);
      },
      { attempts: 3 },
    );
  }

  // ---- update intake (shared by polling and webhook) ----

  /**
   * Marks the updates as taken (one write to disk for the whole batch) and starts the new ones.
   * Updates taken before (a replay after a crash, a webhook re-delivery) are skipped.
   */
  async function admit(updates: readonly Update[]): Promise<void> {
    const valid = updates.filter((u) => Number.isSafeInteger(u?.update_id));
    const fresh = new Set(await seen.takeAll(valid.map((u) => u.update_id)));
    for (const update of valid) {
      if (!fresh.has(update.update_id)) {
        log(`telegram: update ${update.update_id} already handled, skipped`);
        continue;
      }
      let key: string;
      try {
        key = orderKey(update);
      } catch {
        key = `update:${update.update_id}`;
      }
      const job = queue
        .run(key, () => bot.handleUpdate(update))
        .catch((err) => log(`telegram: update ${update.update_id} failed: ${describe(err)}`));
      inFlight.add(job);
      void job.finally(() => inFlight.delete(job));
    }
  }

  async function waitForRoom(): Promise<void> {
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
  }

  const stopController = new AbortController();
  let loop: Promise<void> = Promise.resolve();
  let server: Server | undefined;
  let webhookPort: number | undefined;

  try {
    if (config.webhook) await listenForWebhook(config.webhook);
    else {
      // A webhook left from an earlier deployment would make getUpdates fail with 409.
      await withRetry(() => tg.deleteWebhook({ drop_pending_updates: false })).catch((err) => log(`telegram: deleteWebhook failed: ${describe(err)}`));
      loop = pollLoop();
      log(`telegram: long polling as @${botInfo.username}`);
    }
  } catch (err) {
    // An open Redis connection would keep the process alive after the failed start is reported.
    await seen.close().catch(() => undefined);
    throw err;
  }

  async function listenForWebhook(hook: NonNullable<TelegramConfig['webhook']>): Promise<void> {
    const srv = createServer((req, res) => {
      void (async () => {
        const status = await webhookRequest(req, hook);
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? '' : String(status));
      })().catch((err) => {
        log(`telegram: webhook request failed: ${describe(err)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(hook.port, hook.host, () => resolve());
    });
    try {
      await withRetry(() => tg.setWebhook(hook.url, { secret_token: hook.secret, allowed_updates: [...ALLOWED_UPDATES] }));
    } catch (err) {
      srv.close();
      throw new Error(`telegram: setWebhook failed (${describe(err)})`);
    }
    server = srv;
    webhookPort = (srv.address() as AddressInfo).port;
    log(`telegram: webhook mode, listening on port ${webhookPort}${hook.path}`);
  }

  async function webhookRequest(req: IncomingMessage, hook: NonNullable<TelegramConfig['webhook']>): Promise<number> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== hook.path) return drain(req, 404);
    if (req.method !== 'POST') return drain(req, 405);
    const header = req.headers['x-telegram-bot-api-secret-token'];
    if (typeof header !== 'string' || !sameSecret(header, hook.secret)) {
      log('telegram: webhook request with a wrong secret token rejected');
      return drain(req, 401);
    }
    // Telegram retries non-2xx deliveries later, so during shutdown we let it keep the update.
    if (stopController.signal.aborted) return drain(req, 503);
    const body = await readBody(req, MAX_WEBHOOK_BODY);
    if (body === undefined) return 413;
    let update: unknown;
    try {
      update = JSON.parse(body.toString('utf8'));
    } catch {
      return 400;
    }
    if (typeof update !== 'object' || update === null || !Number.isSafeInteger((update as Update).update_id)) return 400;
    // Acknowledge once the update is recorded; the work continues after the answer (seen.ts explains why this is safe).
    await admit([update as Update]);
    return 200;
  }

  async function pollLoop(): Promise<void> {
    const signal = stopController.signal;
    // Offset 0 asks for the oldest unconfirmed update; anything we already took is skipped by `seen`.
    let offset = 0;
    let failures = 0;
    let admitFailures = 0;
    while (!signal.aborted) {
      await waitForRoom();
      let updates: Update[];
      try {
        updates = await tg.callApi(
          'getUpdates',
          { timeout: POLL_TIMEOUT, offset, allowed_updates: [...ALLOWED_UPDATES] },
          // telegraf types its own AbortSignal shim; node-fetch accepts the built-in one.
          { signal: signal as unknown as NonNullable<Parameters<typeof tg.callApi>[2]>['signal'] },
        );
        failures = 0;
      } catch (err) {
        if (signal.aborted || isAbort(err)) break;
        failures++;
        const after = retryAfterSeconds(err);
        const delay = after !== undefined ? after * 1000 : backoffDelay(failures, 1000, 60_000);
        log(`telegram: getUpdates failed (${describe(err)})${isTransient(err) || after !== undefined ? '' : ' [not transient]'}; retrying in ${delay} ms`);
        await sleep(delay, signal);
        continue;
      }
      try {
        await admit(updates);
        admitFailures = 0;
      } catch (err) {
        // Nothing of the batch was started. Keeping the offset leaves it unconfirmed, so Telegram
        // sends it again; advancing would confirm updates nobody answered.
        admitFailures++;
        const delay = backoffDelay(admitFailures, 1000, 60_000);
        log(`telegram: updates not admitted (${describe(err)}); asking for them again in ${delay} ms`);
        await sleep(delay, signal);
        continue;
      }
      const last = updates[updates.length - 1];
      // The next getUpdates with this offset confirms everything before it to Telegram.
      if (last !== undefined) offset = last.update_id + 1;
    }
    await Promise.all(inFlight);
    if (offset > 0) {
      // Confirm the last batch now, or Telegram would send it again after a restart.
      await tg.callApi('getUpdates', { offset, limit: 1, timeout: 0 }).catch((err) => log(`telegram: offset not confirmed: ${describe(err)}`));
    }
  }

  let stopping: Promise<void> | undefined;
  return {
    webhookPort,
    stop() {
      stopping ??= (async () => {
        stopController.abort();
        if (server) {
          const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
          server.closeIdleConnections();
          await Promise.all(inFlight);
          server.closeAllConnections();
          await closed;
        }
        await loop;
        await Promise.all(inFlight);
        await seen.flush();
        await seen.close().catch((err) => log(`telegram: cannot close the update-id store: ${describe(err)}`));
        log('telegram: stopped');
      })();
      return stopping;
    },
  };
}

/** The label of the pressed button, read from the keyboard of the message it belongs to. */
function buttonLabel(message: NonNullable<CallbackQuery['message']>, data: string): string | undefined {
  if (!('reply_markup' in message) || !message.reply_markup) return undefined;
  for (const row of message.reply_markup.inline_keyboard) {
    for (const button of row) if ('callback_data' in button && button.callback_data === data) return button.text;
  }
  return undefined;
}

function ownerMessageId(message: NonNullable<CallbackQuery['message']>): number | undefined {
  return 'reply_to_message' in message ? message.reply_to_message?.message_id : undefined;
}

/** Same user in the same chat: strictly in order. Different users run side by side. */
function orderKey(update: Update): string {
  // Read defensively: a malformed update must still get a key (and then fail alone in its handler).
  type Loose = { chat?: { id?: unknown }; from?: { id?: unknown }; message?: { chat?: { id?: unknown } } } | undefined;
  const u = update as unknown as { callback_query?: Loose; message?: Loose };
  if (u.callback_query) return `${String(u.callback_query.message?.chat?.id)}:${String(u.callback_query.from?.id)}`;
  if (u.message && typeof u.message === 'object') return `${String(u.message.chat?.id)}:${String(u.message.from?.id)}`;
  return `update:${update.update_id}`;
}

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The body, but never more than `limit` bytes in memory: a file without an announced size may be anything. */
async function readCapped(res: Response, limit: number): Promise<Uint8Array> {
  if (Number(res.headers.get('content-length') ?? 0) > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw new DraftFileTooLargeError();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.byteLength;
    if (size > limit) throw new DraftFileTooLargeError(); // leaving the loop cancels the stream
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

async function drain(req: IncomingMessage, status: number): Promise<number> {
  req.resume();
  return status;
}

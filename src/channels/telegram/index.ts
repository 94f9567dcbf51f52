/**
 * Telegram channel: maps Bot API updates to engine Inputs and engine Replies to Bot API calls.
 * No dialog logic lives here; only platform chores (limits, keyboards, groups, retries, offsets).
 * This file starts the bot and owns the update intake (de-duplication, per-user order, back-pressure);
 * updates.ts handles one update, sending.ts talks back, webhook.ts / polling.ts receive updates.
 */
import type { Server } from 'node:http';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Engine } from '../../dialog/types.ts';
import type { RunningChannel, StartChannel } from '../types.ts';
import { readConfig } from './config.ts';
import { describeError, withRetry } from './retry.ts';
import { KeyedQueue } from '../../util/queue.ts';
import { connectRedis } from '../../store/redis.ts';
import { pollLoop } from './polling.ts';
import { RedisSeenUpdates, SeenUpdates, type UpdateLedger } from './seen.ts';
import { createSender } from './sending.ts';
import { COMMANDS } from './text.ts';
import { createUpdateHandler } from './updates.ts';
import { listenForWebhook } from './webhook.ts';

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

/** Above this many updates in progress we stop fetching more until some finish. */
const MAX_IN_FLIGHT = 100;

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

  if (config.allowedUsers?.size === 0) log('telegram: TELEGRAM_ALLOWED_USERS is empty, so nobody may use the bot yet; set user ids (refused users are told theirs) or * for everyone');
  await withRetry(() => tg.setMyCommands(COMMANDS)).catch((err) => log(`telegram: setMyCommands failed: ${describe(err)}`));

  const queue = new KeyedQueue();
  const inFlight = new Set<Promise<void>>();
  const sender = createSender(tg, log, describe);
  const handleContext = createUpdateHandler({ engine, tg, botInfo, config, sender, log, describe });

  bot.use((ctx) => handleContext(ctx));
  // handleContext catches everything; this only guards against a bug there.
  bot.catch((err, ctx) => log(`telegram: update ${ctx.update.update_id} failed: ${describe(err)}`));

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
    if (config.webhook) {
      ({ server, port: webhookPort } = await listenForWebhook(config.webhook, { tg, log, describe, stopping: stopController.signal, admit }));
    } else {
      // A webhook left from an earlier deployment would make getUpdates fail with 409.
      await withRetry(() => tg.deleteWebhook({ drop_pending_updates: false })).catch((err) => log(`telegram: deleteWebhook failed: ${describe(err)}`));
      loop = pollLoop({ tg, log, describe, signal: stopController.signal, admit, waitForRoom, idle: async () => void (await Promise.all(inFlight)) });
      log(`telegram: long polling as @${botInfo.username}`);
    }
  } catch (err) {
    // An open Redis connection would keep the process alive after the failed start is reported.
    await seen.close().catch(() => undefined);
    throw err;
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

/** Same user in the same chat: strictly in order. Different users run side by side. */
function orderKey(update: Update): string {
  // Read defensively: a malformed update must still get a key (and then fail alone in its handler).
  type Loose = { chat?: { id?: unknown }; from?: { id?: unknown }; message?: { chat?: { id?: unknown } } } | undefined;
  const u = update as unknown as { callback_query?: Loose; message?: Loose };
  if (u.callback_query) return `${String(u.callback_query.message?.chat?.id)}:${String(u.callback_query.from?.id)}`;
  if (u.message && typeof u.message === 'object') return `${String(u.message.chat?.id)}:${String(u.message.from?.id)}`;
  return `update:${update.update_id}`;
}

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
import type { Inbox } from '../../store/inbox.ts';
import { dataDirFromEnv, openInbox } from '../../store/index.ts';
import { Pipeline } from '../pipeline.ts';
import { pollLoop } from './polling.ts';
import { updateProblem, userKeyOfUpdate } from './schema.ts';
import { createSender } from './sending.ts';
import { COMMANDS, MSG_ERROR } from './text.ts';
import { createUpdateHandler, type TelegramRoute } from './updates.ts';
import { listenForWebhook } from './webhook.ts';

export interface TelegramChannel extends RunningChannel {
  /** The local port of the webhook listener (webhook mode only); useful with TELEGRAM_WEBHOOK_PORT=0. */
  webhookPort?: number;
}

export interface TelegramOptions {
  /** Where log lines go (default: stderr). Lines never contain the bot token. */
  log?: (line: string) => void;
  /** The inbox (default: Redis with REDIS_URL, else a journal in DATA_DIR). The channel closes it. */
  inbox?: Inbox;
}

/** Above this many users being worked on we stop fetching more until some finish. */
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

  const bot = new Telegraf(config.token, { telegram: { apiRoot: config.apiRoot, webhookReply: false } });
  const tg = bot.telegram;

  try {
    bot.botInfo = await withRetry(() => tg.getMe(), { attempts: 4 });
  } catch (err) {
    throw new Error(`telegram: getMe failed, check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT (${describe(err)})`);
  }
  const botInfo = bot.botInfo;
  // Updates are persisted before Telegram is told they arrived, and answered from the outbox.
  const inbox = options.inbox ?? (await openInbox(env, dataDirFromEnv(env), 'telegram', engine.turnStore));

  if (config.allowedUsers?.size === 0) log('telegram: TELEGRAM_ALLOWED_USERS is empty, so nobody may use the bot yet; set user ids (refused users are told theirs) or * for everyone');
  await withRetry(() => tg.setMyCommands(COMMANDS)).catch((err) => log(`telegram: setMyCommands failed: ${describe(err)}`));

  const sender = createSender(tg, log, describe);
  const handler = createUpdateHandler({ tg, botInfo, config, sender, log, describe });
  const pipeline = new Pipeline({
    inbox,
    engine,
    log,
    failedText: MSG_ERROR,
    owns: (userKey) => userKey.startsWith('telegram:'),
    port: {
      route: (u) => handler.route(u.payload as Update),
      prepare: (u) => handler.prepare(u.payload as Update),
      async deliver(item, reply) {
        const route = item.route as TelegramRoute | undefined;
        if (!route) return false;
        await sender.sendReply(route.chatId, reply, route.replyTo);
        return true;
      },
    },
  });

  // ---- update intake (shared by polling and webhook) ----

  /**
   * Records the updates in the inbox (resolves once they are durable, so the caller may then
   * confirm them to Telegram); re-deliveries are dropped by update id, malformed updates skipped.
   */
  async function admit(updates: readonly unknown[]): Promise<void> {
    for (const update of updates) {
      const problem = updateProblem(update);
      if (problem) {
        log(`telegram: ${problem}; skipped`);
        continue;
      }
      const u = update as Update;
      const fresh = await pipeline.accept({ id: `tg:${u.update_id}`, userKey: userKeyOfUpdate(u as never), order: u.update_id, payload: u });
      if (!fresh) log(`telegram: update ${u.update_id} already handled, skipped`);
    }
  }

  /** Polling waits while many users have work, rather than piling up more. */
  async function waitForRoom(): Promise<void> {
    while (pipeline.busy >= MAX_IN_FLIGHT) await new Promise((r) => setTimeout(r, 50));
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
      loop = pollLoop({ tg, log, describe, signal: stopController.signal, admit, waitForRoom, idle: async () => undefined });
      log(`telegram: long polling as @${botInfo.username}`);
    }
  } catch (err) {
    // An open Redis connection would keep the process alive after the failed start is reported.
    await inbox.close().catch(() => undefined);
    throw err;
  }
  // Resumes what a previous run left: updates acknowledged but not answered, replies not sent.
  pipeline.start();

  let stopping: Promise<void> | undefined;
  return {
    webhookPort,
    stop() {
      stopping ??= (async () => {
        stopController.abort();
        if (server) {
          const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
          server.closeIdleConnections();
          server.closeAllConnections();
          await closed;
        }
        await loop;
        // Turns in progress finish and their replies are sent; the rest waits in the inbox.
        await pipeline.stop();
        await inbox.close().catch((err) => log(`telegram: cannot close the inbox: ${describe(err)}`));
        log('telegram: stopped');
      })();
      return stopping;
    },
  };
}

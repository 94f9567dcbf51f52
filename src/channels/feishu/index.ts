/**
 * Feishu (Lark) channel: maps `im.message.receive_v1` and `card.action.trigger` to engine Inputs and
 * engine Replies to Open API calls. Events arrive over the SDK's long connection (default) or our
 * HTTP endpoint (FEISHU_MODE=webhook); both paths go through one EventDispatcher.
 *
 * Every event is acknowledged at once (Feishu re-delivers after ~3 s without an answer) and the
 * work (download, engine turn, DOCX upload) runs afterwards, serialised per user and chat.
 */
import path from 'node:path';
import * as lark from '@larksuiteoapi/node-sdk';
import type { RunningChannel, StartChannel } from '../types.ts';
import type { Engine, Input, Reply } from '../../dialog/types.ts';
import { FeishuApi, FeishuApiError, FileTooBigError, sendUuid, type RetryPolicy } from './api.ts';
import { readFeishuConfig, secretsOf } from './config.ts';
import {
  FAILED_TEXT,
  FILE_DOWNLOAD_FAILED_TEXT,
  FILE_SEND_FAILED_TEXT,
  NOT_ALLOWED_TEXT,
  NOT_YOUR_CARD_TEXT,
  UNSUPPORTED_TEXT,
  isAllowed,
  messageIntent,
  userKeyOf,
  type CardActionEvent,
  type MessageEvent,
} from './events.ts';
import { answeredCard, basicsPaste, buttonValueOf, indicatorEditText, isFormSubmit, menuPick, textWithMenu } from './cards.ts';
import { cardForReply } from './cardsReply.ts';
import { createLog, sdkLogger } from './log.ts';
import { uploadRule } from '../files.ts';
import { KeyedQueue } from '../../util/queue.ts';
import { connectRedis } from '../../store/redis.ts';
import { DEFAULT_LIMITS, FeishuStore, RedisFeishuStore, type FeishuMemory, type StoreLimits } from './store.ts';
import { startWebhook, type RunningWebhook } from './webhook.ts';

export interface FeishuChannelOptions {
  retry?: RetryPolicy;
  storeLimits?: StoreLimits;
  /** Where log lines go (default stderr); lines are already stripped of secrets. */
  logSink?: (line: string) => void;
  /** How long `stop()` waits for turns in flight. */
  stopTimeoutMs?: number;
}

export interface RunningFeishuChannel extends RunningChannel {
  /** The webhook's bound port (webhook mode only; useful with FEISHU_PORT=0). */
  port?: number;
}

/** Feishu's upload limit for im.file.create. */
const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

/** Where replies to one event go: under the user's message, or into the chat (after a card click). */
type Target = { kind: 'reply'; messageId: string; chatId: string } | { kind: 'chat'; chatId: string };

export async function startFeishu(
  engine: Engine,
  env: Record<string, string | undefined>,
  options: FeishuChannelOptions = {},
): Promise<RunningFeishuChannel> {
  const cfg = readFeishuConfig(env);
  const log = createLog(secretsOf(cfg), options.logSink);
  const logger = sdkLogger(log);
  const redisUrl = env.REDIS_URL?.trim();
  // With REDIS_URL several instances share the dedup set and card memos (a re-delivery or a click
  // may reach another instance); otherwise a file in DATA_DIR.
  const store: FeishuMemory = redisUrl
    ? RedisFeishuStore.create(await connectRedis(redisUrl), `perf-target:feishu:${cfg.appId}:`, options.storeLimits ?? DEFAULT_LIMITS)
    : await FeishuStore.open(
        path.join(cfg.dataDir, 'feishu-events.json'),
        options.storeLimits ?? DEFAULT_LIMITS,
        Date.now,
        (m) => log.warn(m),
      );
  const api = new FeishuApi({ appId: cfg.appId, appSecret: cfg.appSecret, domain: cfg.domain, logger, log, retry: options.retry });

  let stopping = false;
  const inFlight = new Set<Promise<void>>();
  const queue = new KeyedQueue();

  /** Runs `work` after the previous work of the same user and chat, so replies keep their order. */
  const schedule = (userKey: string, label: string, work: () => Promise<void>) => {
    const job = queue.run(userKey, work).catch((e: unknown) => log.error(`${label} failed: ${(e as Error)?.message ?? String(e)}`));
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  };

  const persist = async () => {
    try {
      await store.save();
    } catch (e) {
      // Dedup still works in memory; only a restart within the retry window could repeat a turn.
      log.warn(`cannot write dedup store: ${(e as Error).message}`);
    }
  };

  const sendTo = async (target: Target, msgType: string, content: string, uuid: string) => {
    if (target.kind === 'chat') return api.send(target.chatId, msgType, content, uuid);
    try {
      return await api.reply(target.messageId, msgType, content, uuid);
    } catch (e) {
      // The user may have recalled the message meanwhile; the answer still belongs in the chat.
      if (!(e instanceof FeishuApiError) || e.status === undefined || e.status >= 500 || e.status === 429) throw e;
      log.warn(`reply failed (${e.message}); sending into the chat instead`);
      return api.send(target.chatId, msgType, content, uuid);
    }
  };

  const sendText = (target: Target, text: string, uuid: string) => sendTo(target, 'text', JSON.stringify({ text }), uuid);

  const deliverOne = async (target: Target, reply: Reply, seed: string, userKey: string): Promise<void> => {
    switch (reply.type) {
      case 'text':
      case 'choices': {
        if (!cfg.cards) {
          // Text only: the choices as a numbered list, a bare number in reply picks one.
          const choices = reply.type === 'choices' ? reply.choices : [];
          await sendText(target, textWithMenu(reply.text, choices), sendUuid(seed));
          await store.rememberCard(`menu:${userKey}`, JSON.stringify(choices), userKey, 'menu');
          await persist();
          return;
        }
        const built = cardForReply(reply);
        if (!built) {
          await sendText(target, reply.text, sendUuid(seed));
          return;
        }
        if (built.overflow) await sendText(target, built.overflow, sendUuid(`${seed}:full`));
        const id = await sendTo(target, 'interactive', JSON.stringify(built.card), sendUuid(seed));
        if (id) {
          await store.rememberCard(id, reply.text, userKey, built.kind);
          await persist();
        }
        return;
      }
      case 'file': {
        let fileKey: string | undefined;
        if (reply.bytes.length === 0 || reply.bytes.length > MAX_UPLOAD_BYTES) {
          log.error(`cannot upload ${reply.name}: ${reply.bytes.length} bytes`);
        } else {
          try {
            fileKey = await api.uploadFile(reply.name, reply.bytes);
          } catch (e) {
            log.error(`upload of ${reply.name} failed: ${(e as Error).message}`);
          }
        }
        if (fileKey) await sendTo(target, 'file', JSON.stringify({ file_key: fileKey }), sendUuid(`${seed}:file`));
        else await sendText(target, FILE_SEND_FAILED_TEXT, sendUuid(`${seed}:failed`));
        if (reply.caption) await sendText(target, reply.caption, sendUuid(`${seed}:caption`));
        return;
      }
    }
  };

  const deliver = async (target: Target, replies: Reply[], seed: string, userKey: string) => {
    for (const [i, reply] of replies.entries()) {
      try {
        await deliverOne(target, reply, `${seed}:${i}`, userKey);
      } catch (e) {
        // Later replies may still get through (e.g. a card failed but the text works).
        log.error(`sending reply ${i + 1}/${replies.length} failed: ${(e as Error).message}`);
      }
    }
  };

  const turn = async (userKey: string, input: Input): Promise<Reply[]> => {
    try {
      return await engine.handle(userKey, input);
    } catch (e) {
      log.error(`engine failed for a ${input.type} input: ${(e as Error)?.message ?? String(e)}`);
      return [{ type: 'text', text: FAILED_TEXT }];
    }
  };

  const processMessage = async (ev: MessageEvent, userKey: string, seed: string) => {
    const msg = ev.message;
    const target: Target = { kind: 'reply', messageId: msg.message_id, chatId: msg.chat_id };
    const botId = (msg.mentions ?? []).length > 0 ? await api.botOpenId() : undefined;
    const intent = messageIntent(ev, botId);
    if (intent.kind === 'ignore') return;
    if (!isAllowed(cfg.allowedUsers, ev.sender.sender_id)) {
      log.info(`user not in FEISHU_ALLOWED_USERS: ${ev.sender.sender_id?.open_id ?? '?'}`);
      await sendText(target, NOT_ALLOWED_TEXT, sendUuid(`${seed}:denied`));
      return;
    }
    let input: Input;
    if (intent.kind === 'text') {
      const picked = cfg.cards ? undefined : menuPick(intent.text, (await store.card(`menu:${userKey}`))?.text);
      input = picked ? { type: 'choice', id: picked } : { type: 'text', text: intent.text };
    } else if (intent.kind === 'file') {
      // Only a file the engine can read is worth fetching (src/channels/files.ts). The event
      // announces no size, so the download itself stops at the limit.
      const rule = uploadRule(intent.fileName);
      if (!rule.ok) {
        await sendText(target, rule.text, sendUuid(`${seed}:refused`));
        return;
      }
      let bytes: Uint8Array;
      try {
        bytes = await api.download(msg.message_id, intent.fileKey, rule.limit);
      } catch (e) {
        const big = e instanceof FileTooBigError;
        if (!big) log.error(`download of ${msg.message_id} failed: ${(e as Error).message}`);
        await sendText(target, big ? rule.tooLargeText : FILE_DOWNLOAD_FAILED_TEXT, sendUuid(`${seed}:download`));
        return;
      }
      input = { type: 'file', name: intent.fileName, bytes, ...(intent.fileName.toLowerCase().endsWith('.json') ? { mime: 'application/json' } : {}) };
    } else {
      await sendText(target, UNSUPPORTED_TEXT, sendUuid(`${seed}:unsupported`));
      return;
    }
    await deliver(target, await turn(userKey, input), seed, userKey);
  };

  const onMessage = async (data: MessageEvent): Promise<unknown> => {
    if (stopping) throw new Error('channel is stopping');
    const msg = data?.message;
    const openId = data?.sender?.sender_id?.open_id;
    if (!msg?.message_id || !msg.chat_id || !openId) return {};
    const keys = [`m:${msg.message_id}`, ...(data.event_id ? [`e:${data.event_id}`] : [])];
    if (!(await store.claim(keys))) {
      log.info(`duplicate delivery of message ${msg.message_id} ignored`);
      return {};
    }
    await persist();
    const tenant = data.tenant_key ?? data.sender.tenant_key ?? '';
    const userKey = userKeyOf(tenant, msg.chat_id, openId);
    schedule(userKey, `message ${msg.message_id}`, () => processMessage(data, userKey, `m:${msg.message_id}`));
    return {};
  };

  const onCard = async (data: CardActionEvent): Promise<unknown> => {
    if (stopping) throw new Error('channel is stopping');
    // A form submit carries the inputs in form_value; it becomes the message the engine reads.
    const paste = isFormSubmit(data?.action?.value)
      ? basicsPaste(data?.action?.form_value)
      : indicatorEditText(data?.action?.value, data?.action?.form_value);
    const value = paste ? { choice: `form:${paste}`, label: '已提交' } : buttonValueOf(data?.action?.value);
    const openId = data?.operator?.open_id;
    const chatId = data?.context?.open_chat_id;
    const cardId = data?.context?.open_message_id;
    if (!value || !openId || !chatId || !cardId) return {};
    const key = data.event_id ? `e:${data.event_id}` : `c:${cardId}:${openId}:${value.choice}`;
    if (!(await store.claim([key]))) {
      log.info(`duplicate card action ${key} ignored`);
      return {};
    }
    await persist();
    if (!isAllowed(cfg.allowedUsers, data.operator)) {
      return { toast: { type: 'error', content: NOT_ALLOWED_TEXT } };
    }
    const tenant = data.tenant_key ?? data.operator?.tenant_key ?? '';
    const userKey = userKeyOf(tenant, chatId, openId);
    const owner = (await store.card(cardId))?.owner;
    if (owner !== undefined && owner !== userKey) {
      // In a group everyone sees the card; a colleague's click must not answer (or close) it.
      return { toast: { type: 'info', content: NOT_YOUR_CARD_TEXT } };
    }
    schedule(userKey, `card action on ${cardId}`, async () => {
      const memo = await store.card(cardId);
      const input: Input = paste ? { type: 'text', text: paste } : { type: 'choice', id: value.choice };
      const replies = await turn(userKey, input);
      // An indicator table (or the edit form its 改 opens) is updated in place while the answer is
      // the table again (after 删, 改, 保存); any other answer leaves a note on it and comes below.
      const first = replies[0];
      const next = first && (memo?.kind === 'table' || memo?.kind === 'edit') ? cardForReply(first) : undefined;
      if (first && first.type !== 'file' && next && !next.overflow && (next.kind === 'table' || next.kind === 'edit')) {
        try {
          await api.patchCard(cardId, next.card);
          await store.rememberCard(cardId, first.text, userKey, next.kind);
          await persist();
          await deliver({ kind: 'chat', chatId }, replies.slice(1), `${key}:rest`, userKey);
          return;
        } catch (e) {
          log.warn(`card update failed, sending the answer as a new card: ${(e as Error).message}`);
        }
      }
      try {
        await api.patchCard(cardId, answeredCard(memo?.text, paste ? `已提交：\n${paste}` : `已选择：${value.label}`));
      } catch (e) {
        log.warn(`card update failed: ${(e as Error).message}`);
      }
      await deliver({ kind: 'chat', chatId }, replies, key, userKey);
    });
    return { toast: { type: 'info', content: paste ? '已提交，正在更新草稿' : `已选择：${value.label}` } };
  };

  const dispatcher = new lark.EventDispatcher({
    verificationToken: cfg.verificationToken,
    encryptKey: cfg.encryptKey,
    logger,
    loggerLevel: lark.LoggerLevel.warn,
  }).register<{ 'card.action.trigger': (data: CardActionEvent) => Promise<unknown> }>({
    'im.message.receive_v1': (data) => onMessage(data as MessageEvent),
    // Missing from the SDK's typings, delivered all the same (long connection and HTTP).
    'card.action.trigger': onCard,
  });

  let webhook: RunningWebhook | undefined;
  let ws: lark.WSClient | undefined;
  try {
    if (cfg.mode === 'webhook') {
      webhook = await startWebhook({
        host: cfg.host,
        port: cfg.port,
        path: cfg.path,
        verificationToken: cfg.verificationToken,
        encryptKey: cfg.encryptKey,
        log,
        // Already verified and decrypted by the endpoint.
        onEvent: (body) => dispatcher.invoke(body, { needCheck: false }),
      });
    } else {
      ws = new lark.WSClient({
        appId: cfg.appId,
        appSecret: cfg.appSecret,
        domain: cfg.domain,
        logger,
        loggerLevel: lark.LoggerLevel.warn,
        autoReconnect: true,
        onReady: () => log.info('long connection established'),
        onError: (e) => log.error(`long connection failed: ${e.message}`),
      });
      await ws.start({ eventDispatcher: dispatcher });
    }
  } catch (e) {
    // An open Redis connection would keep the process alive after the failed start is reported.
    ws?.close({ force: true });
    await store.close().catch(() => undefined);
    throw e;
  }
  log.info(`started (${cfg.mode})`);

  let stopped: Promise<void> | undefined;
  return {
    port: webhook?.port,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        ws?.close({ force: true });
        await webhook?.close();
        const deadline = Date.now() + (options.stopTimeoutMs ?? 30_000);
        while (inFlight.size > 0 && Date.now() < deadline) {
          let timer: NodeJS.Timeout | undefined;
          try {
            await Promise.race([
              Promise.allSettled([...inFlight]),
              new Promise((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now())))),
            ]);
          } finally {
            // Left running, this timer would hold the process open for up to stopTimeoutMs after a SIGTERM.
            clearTimeout(timer);
          }
        }
        if (inFlight.size > 0) log.warn(`stopped with ${inFlight.size} turn(s) unfinished`);
        await persist();
        await store.close().catch((e: unknown) => log.warn(`cannot close dedup store: ${(e as Error).message}`));
        log.info('stopped');
      })()),
  };
}

export const startChannel: StartChannel = (engine, env) => startFeishu(engine, env);

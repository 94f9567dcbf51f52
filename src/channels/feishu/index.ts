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
import { answeredCard, basicsPaste, buttonValueOf, indicatorEditText, isFormSubmit, menuPick, NOTICE, noticeCard, textWithMenu, type Card } from './cards.ts';
import { GENERATE_RE } from '../generating.ts';
import { cardForReply } from './cardsReply.ts';
import { createLog, sdkLogger } from './log.ts';
import { uploadRule } from '../files.ts';
import type { Inbox } from '../../store/inbox.ts';
import { openInbox } from '../../store/index.ts';
import { Pipeline, type Prepared } from '../pipeline.ts';
import { connectRedis } from '../../store/redis.ts';
import { DEFAULT_LIMITS, FeishuStore, RedisFeishuStore, type FeishuMemory, type StoreLimits } from './store.ts';
import { startWebhook, type RunningWebhook } from './webhook.ts';
import { eventProblem } from './schema.ts';
import { cleanFileName, cleanReply, cleanText, neutraliseFeishuText } from '../sanitize.ts';

export interface FeishuChannelOptions {
  retry?: RetryPolicy;
  storeLimits?: StoreLimits;
  /** Where log lines go (default stderr); lines are already stripped of secrets. */
  logSink?: (line: string) => void;
  /** How long `stop()` waits for turns in flight. */
  stopTimeoutMs?: number;
  /** The inbox (default: Redis with REDIS_URL, else a journal in DATA_DIR). The channel closes it. */
  inbox?: Inbox;
}

export interface RunningFeishuChannel extends RunningChannel {
  /** The webhook's bound port (webhook mode only; useful with FEISHU_PORT=0). */
  port?: number;
}

/** Feishu's upload limit for im.file.create. */
const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

/** Where replies to one event go: under the user's message, or into the chat (after a card click). */
type Target = { kind: 'reply'; messageId: string; chatId: string } | { kind: 'chat'; chatId: string };
/** A target and the user it answers (a card's memo names its owner), as kept in the outbox. */
/** Where replies go; a card action also names its card, so a table can be updated in place. */
type Route = Target & { userKey: string; card?: { id: string; answered: string } };

interface CardPayload {
  kind: 'card';
  cardId: string;
  /** A form submit, as the pasted block the engine reads. */
  paste?: string;
  choice: string;
  label: string;
  target: Target;
  userKey: string;
}
/** What the inbox keeps of an event: enough to process it after a restart, on any instance. */
type FeishuPayload = { kind: 'message'; event: MessageEvent; target: Target; userKey: string } | CardPayload;

export async function startFeishu(
  engine: Engine,
  env: Record<string, string | undefined>,
  options: FeishuChannelOptions = {},
): Promise<RunningFeishuChannel> {
  const cfg = readFeishuConfig(env);
  const log = createLog(secretsOf(cfg), options.logSink);
  const logger = sdkLogger(log);
  const redisUrl = env.REDIS_URL?.trim();
  // With REDIS_URL several instances share the card memos (a click may reach another instance);
  // otherwise a file in DATA_DIR.
  const store: FeishuMemory = redisUrl
    ? RedisFeishuStore.create(await connectRedis(redisUrl), `perf-target:feishu:${cfg.appId}:`, options.storeLimits ?? DEFAULT_LIMITS)
    : await FeishuStore.open(
        path.join(cfg.dataDir, 'feishu-events.json'),
        options.storeLimits ?? DEFAULT_LIMITS,
        Date.now,
        (m) => log.warn(m),
      );
  const api = new FeishuApi({ appId: cfg.appId, appSecret: cfg.appSecret, domain: cfg.domain, logger, log, retry: options.retry });
  // Events are persisted before the 200 and answered from the outbox (src/channels/pipeline.ts).
  let inbox: Inbox;
  try {
    inbox = options.inbox ?? (await openInbox(env, cfg.dataDir, 'feishu', engine.turnStore));
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }

  let stopping = false;

  const persist = async () => {
    try {
      await store.save();
    } catch (e) {
      // The memos still work in memory; after a restart an old card's answer shows without its question.
      log.warn(`cannot write card memos: ${(e as Error).message}`);
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

  // `<at user_id="all">` in a project name would @所有人 in a group: user text is made inert first.
  const sendText = (target: Target, text: string, uuid: string) => sendTo(target, 'text', JSON.stringify({ text: neutraliseFeishuText(text) }), uuid);

  /** Sends one reply; false when a file could not be delivered. `seed` makes re-sends idempotent. */
  const deliverOne = async (target: Target, raw: Reply, seed: string, userKey: string): Promise<boolean> => {
    const reply = cleanReply(raw);
    switch (reply.type) {
      case 'text':
      case 'choices': {
        if (!cfg.cards) {
          // Text only: the choices as a numbered list, a bare number in reply picks one.
          const choices = reply.type === 'choices' ? reply.choices : [];
          await sendText(target, textWithMenu(reply.text, choices), sendUuid(seed));
          await store.rememberCard(`menu:${userKey}`, JSON.stringify(choices), userKey, 'menu');
          await persist();
          return true;
        }
        const built = cardForReply(reply);
        // An indicator table (or the edit form its 改 opens) is updated in place while the first
        // answer is the table again (after 删, 改, 保存); otherwise the card shows what was chosen.
        const card = 'card' in target ? (target as Route).card : undefined;
        if (card && seed.endsWith(':0')) {
          const memo = await store.card(card.id);
          if (memo?.kind === 'table' || memo?.kind === 'edit') {
            if (built && !built.overflow && (built.kind === 'table' || built.kind === 'edit')) {
              try {
                await api.patchCard(card.id, built.card);
                await store.rememberCard(card.id, reply.text, userKey, built.kind);
                await persist();
                return true;
              } catch (e) {
                log.warn(`card update failed, sending the answer as a new card: ${(e as Error).message}`);
              }
            }
            try {
              await api.patchCard(card.id, answeredCard(memo.text, card.answered));
            } catch (e) {
              log.warn(`card update failed: ${(e as Error).message}`);
            }
          }
        }
        if (!built) {
          await sendText(target, reply.text, sendUuid(seed));
          return true;
        }
        if (built.overflow) await sendText(target, built.overflow, sendUuid(`${seed}:full`));
        const id = await sendTo(target, 'interactive', JSON.stringify(built.card), sendUuid(seed));
        if (id) {
          await store.rememberCard(id, reply.text, userKey, built.kind);
          await persist();
        }
        return true;
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
        let sent = false;
        if (fileKey) {
          try {
            await sendTo(target, 'file', JSON.stringify({ file_key: fileKey }), sendUuid(`${seed}:file`));
            sent = true;
          } catch (e) {
            log.error(`sending ${reply.name} failed: ${(e as Error).message}`);
          }
        }
        // With a receipt the engine answers the failure itself (the draft stays, 重新发送).
        if (!sent && !reply.receipt) await sendText(target, FILE_SEND_FAILED_TEXT, sendUuid(`${seed}:failed`));
        if (sent && reply.caption) await sendText(target, reply.caption, sendUuid(`${seed}:caption`));
        return sent;
      }
    }
  };

  /** A message event, its turn come: an engine input, or an answer without a turn. */
  const prepareMessage = async (ev: MessageEvent, userKey: string): Promise<Prepared> => {
    const msg = ev.message;
    const botId = (msg.mentions ?? []).length > 0 ? await api.botOpenId() : undefined;
    const intent = messageIntent(ev, botId);
    if (intent.kind === 'ignore') return { replies: [] };
    if (!isAllowed(cfg.allowedUsers, ev.sender.sender_id)) {
      log.info(`user not in FEISHU_ALLOWED_USERS: ${ev.sender.sender_id?.open_id ?? '?'}`);
      return { replies: [{ type: 'text', text: NOT_ALLOWED_TEXT }] };
    }
    let input: Input;
    if (intent.kind === 'text') {
      const text = cleanText(intent.text);
      const picked = cfg.cards ? undefined : menuPick(text, (await store.card(`menu:${userKey}`))?.text);
      input = picked ? { type: 'choice', id: picked } : { type: 'text', text };
    } else if (intent.kind === 'file') {
      // Only a file the engine can read is worth fetching (src/channels/files.ts). The event
      // announces no size, so the download itself stops at the limit.
      const rule = uploadRule(intent.fileName);
      if (!rule.ok) return { replies: [{ type: 'text', text: rule.text }] };
      let bytes: Uint8Array;
      try {
        bytes = await api.download(msg.message_id, intent.fileKey, rule.limit);
      } catch (e) {
        const big = e instanceof FileTooBigError;
        if (!big) log.error(`download of ${msg.message_id} failed: ${(e as Error).message}`);
        return { replies: [{ type: 'text', text: big ? rule.tooLargeText : FILE_DOWNLOAD_FAILED_TEXT }] };
      }
      input = { type: 'file', name: cleanFileName(intent.fileName), bytes, ...(intent.fileName.toLowerCase().endsWith('.json') ? { mime: 'application/json' } : {}) };
    } else {
      return { replies: [{ type: 'text', text: UNSUPPORTED_TEXT }] };
    }
    return { input };
  };

  const answeredText = (p: CardPayload) => (p.paste ? `已提交：\n${p.paste}` : `已选择：${p.label}`);

  /** A card click or form submit, its turn come: the card shows the answer, the engine takes it. */
  const prepareCard = async (p: CardPayload): Promise<Prepared> => {
    // A table card waits for the answer (deliverOne updates it in place); any other card shows the choice now.
    const memo = await store.card(p.cardId);
    if (memo?.kind !== 'table' && memo?.kind !== 'edit') {
      try {
        await api.patchCard(p.cardId, answeredCard(memo?.text, answeredText(p)));
      } catch (e) {
        log.warn(`card update failed: ${(e as Error).message}`);
      }
    }
    return { input: p.paste ? { type: 'text', text: p.paste } : { type: 'choice', id: p.choice } };
  };

  /**
   * 「正在生成」 notices by update id: a card sent before a turn that builds a file, updated in place
   * with the files once they are out (or with why there is none). Cosmetic, so kept in memory only.
   */
  const notices = new Map<string, { messageId?: string; files: string[] }>();
  const MAX_NOTICES = 1000;

  const updateNotice = async (messageId: string | undefined, card: Card) => {
    if (!messageId) return;
    try {
      await api.patchCard(messageId, card);
    } catch (e) {
      log.warn(`notice update failed: ${(e as Error).message}`);
    }
  };

  /** Sends the notice before the turn; once the turn is over without a file, the notice says so. */
  const withNotice = async (updateId: string, target: Target, prepared: Extract<Prepared, { input: Input }>): Promise<Prepared> => {
    const uuid = sendUuid(`${updateId}:notice`);
    let messageId: string | undefined;
    try {
      if (cfg.cards) messageId = await sendTo(target, 'interactive', JSON.stringify(noticeCard('working')), uuid);
      else await sendText(target, NOTICE.working.text, uuid);
    } catch (e) {
      log.warn(`notice not sent: ${(e as Error).message}`);
      return prepared;
    }
    const notice = { messageId, files: [] as string[] };
    notices.set(updateId, notice);
    if (notices.size > MAX_NOTICES) notices.delete(notices.keys().next().value!);
    return {
      input: prepared.input,
      after: (replies) => {
        prepared.after?.(replies);
        if (replies?.some((r) => r.type === 'file')) return;
        notices.delete(updateId);
        void updateNotice(notice.messageId, noticeCard('none'));
      },
    };
  };

  const pipeline = new Pipeline({
    inbox,
    engine,
    log: (line) => log.warn(line),
    failedText: FAILED_TEXT,
    owns: (userKey) => userKey.startsWith('feishu:'),
    port: {
      route: (u): Route => {
        const p = u.payload as FeishuPayload;
        return { ...p.target, userKey: u.userKey, ...(p.kind === 'card' ? { card: { id: p.cardId, answered: answeredText(p) } } : {}) };
      },
      prepare: async (u) => {
        const p = u.payload as FeishuPayload;
        const prepared = p.kind === 'message' ? await prepareMessage(p.event, u.userKey) : await prepareCard(p);
        if (!('input' in prepared)) return prepared;
        // Building and uploading the DOCX takes a moment: Feishu has no upload indicator, so a notice says so.
        const asked = prepared.input.type === 'text' ? prepared.input.text : p.kind === 'card' && !p.paste ? p.label : '';
        return GENERATE_RE.test(asked.trim()) ? withNotice(u.id, p.target, prepared) : prepared;
      },
      deliver: async (item, reply) => {
        const route = item.route as Route;
        const notice = notices.get(item.update);
        // The engine's own 「正在生成，请稍候」 (the file waits for the renderer) is what the notice says already.
        if (notice && item.id.endsWith(':notify')) return true;
        const ok = await deliverOne(route, reply, item.id, route.userKey);
        if (notice && reply.type === 'file') {
          if (ok) notice.files.push(reply.name);
          await updateNotice(notice.messageId, ok ? noticeCard({ files: notice.files }) : noticeCard('failed'));
        }
        return ok;
      },
    },
  });

  const onMessage = async (data: MessageEvent): Promise<unknown> => {
    if (stopping) throw new Error('channel is stopping');
    // The webhook checked it already; over the long connection this is the edge.
    const problem = eventProblem({ event_type: 'im.message.receive_v1', ...data });
    if (problem) {
      log.warn(`ignored a ${problem}`);
      return {};
    }
    const msg = data?.message;
    const openId = data?.sender?.sender_id?.open_id;
    if (!msg?.message_id || !msg.chat_id || !openId) return {};
    const tenant = data.tenant_key ?? data.sender.tenant_key ?? '';
    const userKey = userKeyOf(tenant, msg.chat_id, openId);
    const target: Target = { kind: 'reply', messageId: msg.message_id, chatId: msg.chat_id };
    // Persisted before the 200 (one append); a re-delivery (same message, any event id) is dropped.
    const fresh = await pipeline.accept({
      id: `fs:m:${msg.message_id}`,
      userKey,
      order: Number((msg as { create_time?: string }).create_time) || Date.now(),
      payload: { kind: 'message', event: data, target, userKey } satisfies FeishuPayload,
    });
    if (!fresh) log.info(`duplicate delivery of message ${msg.message_id} ignored`);
    return {};
  };

  const onCard = async (data: CardActionEvent): Promise<unknown> => {
    if (stopping) throw new Error('channel is stopping');
    const problem = eventProblem({ event_type: 'card.action.trigger', ...data });
    if (problem) {
      log.warn(`ignored a ${problem}`);
      return {};
    }
    // A form submit carries the inputs in form_value; it becomes the message the engine reads.
    const paste = isFormSubmit(data?.action?.value)
      ? basicsPaste(data?.action?.form_value)
      : indicatorEditText(data?.action?.value, data?.action?.form_value);
    const value = paste ? { choice: `form:${paste}`, label: '已提交' } : buttonValueOf(data?.action?.value);
    const openId = data?.operator?.open_id;
    const chatId = data?.context?.open_chat_id;
    const cardId = data?.context?.open_message_id;
    if (!value || !openId || !chatId || !cardId) return {};
    const key = data.event_id ? `fs:e:${data.event_id}` : `fs:c:${cardId}:${openId}:${value.choice}`;
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
    const payload: FeishuPayload = { kind: 'card', cardId, paste, choice: value.choice, label: value.label, target: { kind: 'chat', chatId }, userKey };
    if (!(await pipeline.accept({ id: key, userKey, order: Date.now(), payload }))) {
      log.info(`duplicate card action ${key} ignored`);
      return {};
    }
    return { toast: { type: 'info', content: paste ? '已提交，正在填写草稿' : `已选择：${value.label}` } };
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
    await pipeline.stop();
    await inbox.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw e;
  }
  // Resumes what a previous run left: updates acknowledged but not answered, replies not sent.
  pipeline.start();
  log.info(`started (${cfg.mode})`);

  let stopped: Promise<void> | undefined;
  return {
    port: webhook?.port,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        ws?.close({ force: true });
        await webhook?.close();
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          pipeline.stop().then(() => false),
          new Promise<boolean>((r) => (timer = setTimeout(() => r(true), options.stopTimeoutMs ?? 30_000))),
        ]);
        // Left running, this timer would hold the process open for up to stopTimeoutMs after a SIGTERM.
        clearTimeout(timer);
        // What is left stays in the inbox and outbox: the next start (or another instance) goes on.
        if (timedOut) log.warn('stopped with turns unfinished; they resume at the next start');
        await inbox.close().catch((e: unknown) => log.warn(`cannot close the inbox: ${(e as Error).message}`));
        await persist();
        await store.close().catch((e: unknown) => log.warn(`cannot close card memos: ${(e as Error).message}`));
        log.info('stopped');
      })()),
  };
}

export const startChannel: StartChannel = (engine, env) => startFeishu(engine, env);

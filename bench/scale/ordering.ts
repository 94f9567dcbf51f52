/**
 * Ordering across instances (issue 17): two bot processes on one Redis, users sending their form
 * answers back to back through the real webhook paths (Telegram's webhook, Feishu's event
 * endpoint), each answer to the other instance than the one before (a load balancer's worst case);
 * the next answer leaves as soon as the previous one was acknowledged with 200, before its reply.
 * Then every user's draft is read back from Redis: an answer not in its own field is counted.
 * Replies go to local fakes of the Telegram Bot API and the Feishu Open API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { userKeyOf } from '../../src/channels/feishu/events.ts';
import type { DraftTable } from '../../src/domain/draft.ts';
import { RedisDraftStore } from '../../src/store/redis.ts';
import { messageEvent, postEvent, startFakeFeishu } from '../../tests/channels/feishu/fakeFeishu.ts';
import { FakeBotApi } from '../../tests/channels/telegram/fakeBotApi.ts';
import { quantile } from './stats.ts';
import { FS_KEY, FS_TOKEN, TG_SECRET, feishuEnv, freePort, startBot, telegramEnv, type Bot } from './bot.ts';

const TENANT = 'tenant_a';

/** The four answers of user `i`, each tagged so that one found in another field shows whose it is. */
export function answersOf(i: number): { projectName: string; department: string; amount: number; fundUse: string } {
  return {
    projectName: `第${i}号社区矫正工作经费`,
    department: `第${i}区司法局`,
    amount: 10 + i,
    fundUse: `用于第${i}批社区矫正对象教育帮扶、心理矫治和日常监督管理`,
  };
}
const texts = (i: number): string[] => {
  const a = answersOf(i);
  return [a.projectName, a.department, `${a.amount}万元`, a.fundUse];
};

/** How many of the user's four answers are not in their own field; `elsewhere`: found in another. */
export function misplaced(table: DraftTable | undefined, i: number): { wrong: number; elsewhere: number } {
  const a = answersOf(i);
  const amount = table?.amounts.period.total ?? table?.amounts.annual.total;
  const fields: Record<string, string | undefined> = {
    projectName: table?.projectName,
    department: table?.department,
    amount: amount === undefined ? undefined : String(amount),
    fundUse: table?.fundUse,
  };
  let wrong = 0;
  let elsewhere = 0;
  for (const [field, want] of Object.entries({ ...a, amount: String(a.amount) })) {
    if (fields[field] === want) continue;
    wrong++;
    if (Object.entries(fields).some(([f, v]) => f !== field && v !== undefined && v.includes(want))) elsewhere++;
  }
  return { wrong, elsewhere };
}

interface Sent {
  /** Answers other than 200 by status (0: the connection failed), each re-sent. */
  refused: Map<number, number>;
  acks: number[];
}

/** POSTs until the instance answers 200, as the platforms re-deliver; returns the ack latency. */
async function deliver(post: () => Promise<number>, sent: Sent): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const t = performance.now();
    const status = await post().catch(() => 0);
    if (status === 200) {
      sent.acks.push(performance.now() - t);
      return;
    }
    if (attempt > 20) throw new Error(`webhook kept answering ${status}`);
    sent.refused.set(status, (sent.refused.get(status) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface OrderingResult {
  users: number;
  answers: number;
  wrong: number;
  elsewhere: number;
  unanswered: number;
  /** `status×count` of the answers other than 200, re-sent like the platforms do. */
  refused: string;
  ackP99: number;
  seconds: number;
}

export async function orderingRun(redisUrl: string, users: number): Promise<OrderingResult> {
  const tg = await new FakeBotApi().start();
  const fs = await startFakeFeishu();
  const root = mkdtempSync(join(tmpdir(), 'bench-ordering-'));
  const bots: Bot[] = [];
  try {
    const hooks: Array<{ tg: string; fs: string }> = [];
    for (let n = 0; n < 2; n++) {
      const [tgPort, fsPort] = [await freePort(), await freePort()];
      const dataDir = mkdtempSync(join(root, `bot${n}-`));
      const env = { REDIS_URL: redisUrl, ...telegramEnv(tg, tgPort), ...feishuEnv(fs, fsPort) };
      bots.push(await startBot(env, dataDir, ['telegram', 'feishu']));
      hooks.push({ tg: `http://127.0.0.1:${tgPort}/tg`, fs: `http://127.0.0.1:${fsPort}/feishu/events` });
    }

    const sent: Sent = { refused: new Map(), acks: [] };
    let updateId = 1000;
    let messageId = 1;
    const half = Math.ceil(users / 2);
    const t0 = performance.now();
    const telegramUser = async (i: number): Promise<void> => {
      const id = 710_000 + i;
      for (const [k, text] of texts(i).entries()) {
        // Telegram numbers updates in the order they reach it: the next answer gets a higher id.
        const update = {
          update_id: updateId++,
          message: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id, type: 'private', first_name: `用户${i}` }, from: { id, is_bot: false, first_name: `用户${i}` }, text },
        };
        const url = hooks[(i + k) % 2]!.tg;
        const body = JSON.stringify(update);
        await deliver(async () => {
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET }, body });
          await res.arrayBuffer();
          return res.status;
        }, sent);
      }
    };
    const feishuMessages: string[] = [];
    const feishuUser = async (i: number): Promise<void> => {
      for (const [k, text] of texts(i).entries()) {
        const event = messageEvent({ token: FS_TOKEN, tenant: TENANT, openId: `ou_bench_${i}`, chatId: `oc_bench_${i}`, content: { text } });
        feishuMessages.push((event.event as { message: { message_id: string } }).message.message_id);
        const url = hooks[(i + k) % 2]!.fs;
        await deliver(async () => (await postEvent(url, event, { encryptKey: FS_KEY })).status, sent);
      }
    };
    await Promise.all(Array.from({ length: users }, (_, i) => (i < half ? telegramUser(i) : feishuUser(i))));

    // Done when no user has pending updates or unsent replies, a few polls in a row.
    const redis = new Redis(redisUrl);
    try {
      const deadline = Date.now() + 300_000;
      for (let quiet = 0; quiet < 3; ) {
        if (Date.now() > deadline) throw new Error('instances did not finish within 300 s');
        quiet = (await redis.scard('perf-target:work')) === 0 ? quiet + 1 : 0;
        await new Promise((r) => setTimeout(r, 300));
      }
    } finally {
      redis.disconnect();
    }
    const seconds = (performance.now() - t0) / 1000;

    const store = await RedisDraftStore.open({ url: redisUrl });
    let wrong = 0;
    let elsewhere = 0;
    try {
      for (let i = 0; i < users; i++) {
        const key = i < half ? `telegram:${710_000 + i}:${710_000 + i}` : userKeyOf(TENANT, `oc_bench_${i}`, `ou_bench_${i}`);
        const profile = await store.getProfile(key);
        const record = profile.current ? await store.get(key, profile.current) : undefined;
        const m = misplaced(record?.table, i);
        wrong += m.wrong;
        elsewhere += m.elsewhere;
      }
    } finally {
      await store.close();
    }
    // Feishu answers under the user's message: one never replied to was lost.
    const replied = new Set(fs.sent.filter((m) => m.via === 'reply').map((m) => m.to));
    const unanswered = feishuMessages.filter((id) => !replied.has(id)).length;
    return {
      users,
      answers: users * 4,
      wrong,
      elsewhere,
      unanswered,
      refused: [...sent.refused].map(([status, n]) => `${status}×${n}`).join(' ') || '无',
      ackP99: quantile(sent.acks, 0.99),
      seconds,
    };
  } finally {
    await Promise.allSettled(bots.map((b) => b.stop()));
    await tg.close();
    await fs.close();
    rmSync(root, { recursive: true, force: true });
  }
}

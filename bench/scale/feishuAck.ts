/**
 * Feishu's acknowledgement under a burst (issue 17): a bot process whose inbox has already seen
 * 100,000 events gets 200 events at the same moment (200 users, encrypted and signed like Feishu
 * sends them) on its event endpoint; each request's time to its 200 is measured by the sender.
 * Feishu re-delivers an event it has no answer for within ~3 s, so the goal is p99 ≤ 200 ms.
 * Bursts of fresh events (each user's turn then runs on the same process) and one burst of
 * re-deliveries of events among the 100,000 seen (dropped by id).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { userKeyOf } from '../../src/channels/feishu/events.ts';
import { LowdbInbox, type Inbox } from '../../src/store/inbox.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { RedisInbox } from '../../src/store/redisInbox.ts';
import { messageEvent, postEvent, startFakeFeishu, type FakeFeishu } from '../../tests/channels/feishu/fakeFeishu.ts';
import { FS_KEY, FS_TOKEN, feishuEnv, freePort, startBot } from './bot.ts';
import { quantile } from './stats.ts';

export const SEEN = 100_000;
export const BURST = 200;
const FRESH_BURSTS = 3;
const TENANT = 'tenant_a';

const seenMessageId = (n: number): string => `om_seen_${n}`;

/**
 * Records SEEN events as taken and applied, spread over 1,000 users, as a long-running bot has.
 * `settle`: also record each as applied with no replies (Redis removes it from the pending set
 * there; the journal needs only its `done` line).
 */
async function seed(inbox: Inbox, settle: boolean): Promise<void> {
  const batch = 2000;
  for (let base = 0; base < SEEN; base += batch) {
    await Promise.all(
      Array.from({ length: batch }, async (_, j) => {
        const n = base + j;
        const userKey = userKeyOf(TENANT, `oc_seen_${n % 1000}`, `ou_seen_${n % 1000}`);
        const id = `fs:m:${seenMessageId(n)}`;
        await inbox.put({ id, userKey, order: n, payload: {}, at: Date.now() });
        if (settle) await inbox.settle(userKey, { id, route: null }, []);
        await inbox.done(userKey, id);
      }),
    );
  }
}


/** 200 events at once; returns each one's time to its answer. Throws on any status but 200. */
async function burst(endpoint: string, events: Array<Record<string, unknown>>): Promise<number[]> {
  const results = await Promise.all(events.map((e) => postEvent(endpoint, e, { encryptKey: FS_KEY })));
  const bad = results.filter((r) => r.status !== 200);
  if (bad.length) throw new Error(`${bad.length} events not acknowledged: ${JSON.stringify(bad[0])}`);
  return results.map((r) => r.ms);
}

async function waitForReplies(fs: FakeFeishu, messageIds: string[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const replied = new Set(fs.sent.filter((m) => m.via === 'reply').map((m) => m.to));
    if (messageIds.every((id) => replied.has(id))) return;
    if (Date.now() > deadline) throw new Error('not every event of the burst was answered');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface AckResult {
  backend: string;
  fresh: number[];
  worstBurstP99: number;
  duplicates: number[];
}

/** `redisUrl`: the inbox in Redis; without it the lowdb journal in the bot's DATA_DIR. */
export async function feishuAckRun(redisUrl?: string): Promise<AckResult> {
  const fs = await startFakeFeishu();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-feishu-ack-'));
  try {
    if (redisUrl) {
      const inbox = await RedisInbox.open({ url: redisUrl });
      await seed(inbox, true);
      await inbox.close();
    } else {
      const inbox = await LowdbInbox.open(dataDir, new LowdbDraftStore({ dataDir }), { name: 'inbox-feishu' });
      await seed(inbox, false);
      await inbox.close();
    }
    const port = await freePort();
    const bot = await startBot({ ...feishuEnv(fs, port), ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }, dataDir, ['feishu']);
    const endpoint = `http://127.0.0.1:${port}/feishu/events`;
    try {
      const event = (u: number, text: string, messageId?: string) =>
        messageEvent({ token: FS_TOKEN, tenant: TENANT, openId: `ou_ack_${u}`, chatId: `oc_ack_${u}`, content: { text }, messageId });
      const idOf = (e: Record<string, unknown>) => (e.event as { message: { message_id: string } }).message.message_id;
      // Warm-up: connections, JIT, the first turn's lazy loading.
      const warm = Array.from({ length: 10 }, (_, u) => event(10_000 + u, '帮助'));
      await burst(endpoint, warm);
      await waitForReplies(fs, warm.map(idOf));
      const fresh: number[] = [];
      let worstBurstP99 = 0;
      for (let b = 0; b < FRESH_BURSTS; b++) {
        const events = Array.from({ length: BURST }, (_, u) => event(u, `第${u}号项目第${b}次测试经费`));
        const ms = await burst(endpoint, events);
        fresh.push(...ms);
        worstBurstP99 = Math.max(worstBurstP99, quantile(ms, 0.99));
        // The next burst finds the process idle again, as a real burst would.
        await waitForReplies(fs, events.map(idOf));
      }
      const duplicates = await burst(
        endpoint,
        Array.from({ length: BURST }, (_, u) => {
          const n = Math.floor((u * SEEN) / BURST);
          return messageEvent({ token: FS_TOKEN, tenant: TENANT, openId: `ou_seen_${n % 1000}`, chatId: `oc_seen_${n % 1000}`, content: { text: '重复' }, messageId: seenMessageId(n) });
        }),
      );
      return { backend: redisUrl ? 'Redis' : 'lowdb', fresh, worstBurstP99, duplicates };
    } finally {
      await bot.stop();
    }
  } finally {
    await fs.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (redisUrl) {
      const r = new Redis(redisUrl);
      await r.flushdb();
      r.disconnect();
    }
  }
}

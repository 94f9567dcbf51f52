/**
 * Feishu memory in Redis (REDIS_URL): card memos shared by several instances, and two instances on one Redis.
 * Needs a Redis: TEST_REDIS_URL or redis-server on PATH (tests/store/redis-server.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFeishu, type RunningFeishuChannel } from '../../../src/channels/feishu/index.ts';
import { DEFAULT_LIMITS, RedisFeishuStore } from '../../../src/channels/feishu/store.ts';
import type { Engine, Input } from '../../../src/dialog/types.ts';
import { connectRedis } from '../../../src/store/redis.ts';
import { redisAvailable, startTestRedis, type TestRedis } from '../../store/redis-server.ts';
import { cardActionEvent, messageEvent, postEvent, settle, startFakeFeishu, waitFor, type FakeFeishu, webhookEnv } from './fakeFeishu.ts';

const enabled = redisAvailable('channels/feishu/redis-store');
let redis: TestRedis | undefined;
let n = 0;
const unique = () => `t${process.pid}x${Date.now()}x${n++}`;

beforeAll(async () => {
  if (enabled) redis = await startTestRedis();
});
afterAll(async () => redis?.stop());

describe.skipIf(!enabled)('RedisFeishuStore', () => {
  it('card memos are shared; entries expire after their TTL', async () => {
    const prefix = `pt-test:feishu:${unique()}:`;
    const limits = { ...DEFAULT_LIMITS, cardTtlMs: 300 };
    const a = RedisFeishuStore.create(await connectRedis(redis!.url), prefix, limits);
    const b = RedisFeishuStore.create(await connectRedis(redis!.url), prefix, limits);
    try {
      await a.rememberCard('om_card', '请选择：', 'feishu:t:c:u');
      expect(await b.card('om_card')).toMatchObject({ text: '请选择：', owner: 'feishu:t:c:u' });
      expect(await b.card('om_other')).toBeUndefined();
      await new Promise((r) => setTimeout(r, 450));
      expect(await b.card('om_card')).toBeUndefined();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe.skipIf(!enabled)('two Feishu instances on one Redis (REDIS_URL)', () => {
  const TOKEN = 'verify-token-redis';
  let fake: FakeFeishu;
  let dirs: string[] = [];
  let channels: RunningFeishuChannel[] = [];

  afterEach(async () => {
    await Promise.all(channels.map((c) => c.stop()));
    channels = [];
    await fake?.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    dirs = [];
  });

  async function startTwo(engine: Engine): Promise<[string, string]> {
    fake = await startFakeFeishu({ appId: `cli_${unique()}` });
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'feishu-redis-'));
      dirs.push(dataDir);
      const ch = await startFeishu(
        engine,
        webhookEnv(fake, dataDir, TOKEN, { REDIS_URL: redis!.url }),
        { retry: { attempts: 2, baseMs: 5, maxMs: 20 }, logSink: () => undefined },
      );
      channels.push(ch);
      urls.push(`http://127.0.0.1:${ch.port}/feishu/events`);
    }
    return urls as [string, string];
  }

  it('a re-delivery that reaches the other instance is ignored; a card sent by one is answered by the other', async () => {
    const calls: Input[] = [];
    const engine: Engine = {
      async handle(_userKey, input) {
        calls.push(input);
        return input.type === 'text'
          ? [{ type: 'choices', text: '请选择指标模板：', choices: [{ id: 'tpl:1', label: '普法宣传' }] }]
          : [{ type: 'text', text: '已采用' }];
      },
    };
    const [urlA, urlB] = await startTwo(engine);
    const ev = messageEvent({ token: TOKEN, eventId: `ev_${unique()}`, messageId: `om_${unique()}`, content: { text: '指标 普法' } });
    const [ra, rb] = await Promise.all([postEvent(urlA, ev), postEvent(urlB, ev)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    await waitFor(() => fake.sent.length >= 1, 'card');
    await settle();
    expect(calls).toHaveLength(1);
    expect(fake.sent).toHaveLength(1);

    const card = fake.sent[0]!;
    const click = await postEvent(urlB, cardActionEvent({ token: TOKEN, cardMessageId: card.messageId, value: { choice: 'tpl:1', label: '普法宣传' } }));
    expect(click.status).toBe(200);
    await waitFor(() => fake.sent.length === 2 && fake.patches.length === 1, 'answer and card update');
    // Instance B knew the question text of a card that instance A sent.
    expect(JSON.stringify(fake.patches[0])).toContain('请选择指标模板');
    // A colleague clicking the same card on instance A is refused: the owner is shared too.
    const bob = await postEvent(urlA, cardActionEvent({ token: TOKEN, openId: 'ou_bob', cardMessageId: card.messageId, value: { choice: 'tpl:1', label: '普法宣传' } }));
    expect(JSON.stringify(bob.body)).toContain('其他同事');
    await settle();
    expect(calls).toHaveLength(2);
  });
});

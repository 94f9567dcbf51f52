/**
 * Telegram update ids in Redis (REDIS_URL): several instances behind a load balancer take each
 * update once. Needs a Redis: TEST_REDIS_URL or redis-server on PATH (tests/store/redis-server.ts).
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisSeenUpdates } from '../../../src/channels/telegram/seen.ts';
import { connectRedis } from '../../../src/store/redis.ts';
import { redisAvailable, startTestRedis, type TestRedis } from '../../store/redis-server.ts';
import { FakeBotApi } from './fakeBotApi.ts';
import { alice, scriptedEngine, startHarness, textOf, type Harness } from './helpers.ts';

const enabled = redisAvailable('channels/telegram/redis-seen');
let redis: TestRedis | undefined;
let n = 0;
const unique = () => `${process.pid}${Date.now()}${n++}`;

beforeAll(async () => {
  if (enabled) redis = await startTestRedis();
});
afterAll(async () => redis?.stop());

describe.skipIf(!enabled)('RedisSeenUpdates', () => {
  it('takes each id once across two instances, keeps batch order, and a repeat within a batch once', async () => {
    const prefix = `pt-test:tg:${unique()}:`;
    const a = new RedisSeenUpdates(await connectRedis(redis!.url), prefix);
    const b = new RedisSeenUpdates(await connectRedis(redis!.url), prefix);
    try {
      expect(await a.takeAll([5, 3, 9])).toEqual([5, 3, 9]);
      expect(await b.takeAll([3, 4, 9, 4])).toEqual([4]);
      expect(await a.takeAll([])).toEqual([]);
      const ids = Array.from({ length: 200 }, (_, i) => 1000 + i);
      const [fromA, fromB] = await Promise.all([a.takeAll(ids), b.takeAll([...ids].reverse())]);
      expect(fromA.length + fromB.length).toBe(ids.length);
      expect(new Set([...fromA, ...fromB]).size).toBe(ids.length);
      // What each got is still in the order it was handed.
      expect(fromA).toEqual([...fromA].sort((x, y) => x - y));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

function post(port: number, body: string, secret: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/tg/hook', method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.skipIf(!enabled)('two Telegram webhook instances on one Redis (REDIS_URL)', () => {
  it('an update delivered to both instances is answered once', async () => {
    const SECRET = 'S3cret_token-for-redis';
    // A bot id of its own: the Redis keys are per bot, so runs on a shared TEST_REDIS_URL stay apart.
    const api = await new FakeBotApi(`${unique()}:TEST-token_abcdefghijklmnopqrstuvwxyz`).start();
    const engine = scriptedEngine((input) => [{ type: 'text', text: `收到：${input.type === 'text' ? input.text : input.type}` }]);
    const env = {
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg/hook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
      TELEGRAM_WEBHOOK_PORT: '0',
      REDIS_URL: redis!.url,
    };
    const hs: Harness[] = [];
    try {
      hs.push(await startHarness(engine, env, { api }));
      hs.push(await startHarness(engine, env, { api }));
      const ports = hs.map((h) => h.channel.webhookPort!);
      for (let id = 1; id <= 5; id++) {
        const body = JSON.stringify({
          update_id: id,
          message: { message_id: id, date: 0, chat: { id: alice.id, type: 'private', first_name: 'Alice' }, from: alice, text: `第${id}条` },
        });
        // Telegram retried (say after a timeout) and the balancer sent the retry to the other instance.
        expect(await Promise.all(ports.map((p) => post(p, body, SECRET)))).toEqual([200, 200]);
      }
      const deadline = Date.now() + 5000;
      while (api.callsOf('sendMessage').length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 150));
      expect(engine.turns).toHaveLength(5);
      expect(api.callsOf('sendMessage').map(textOf).sort()).toEqual([1, 2, 3, 4, 5].map((i) => `收到：第${i}条`).sort());
    } finally {
      for (const h of hs) await h.close();
      await api.close();
    }
  });
});

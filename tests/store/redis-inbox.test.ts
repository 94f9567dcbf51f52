/** The Redis inbox against a real redis-server (tests/store/redis-server.ts), like the lowdb one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisDraftStore } from '../../src/store/redis.ts';
import { RedisInbox } from '../../src/store/redisInbox.ts';
import { inboxContract } from './inbox-contract.ts';
import { redisAvailable, startTestRedis, type TestRedis } from './redis-server.ts';

const enabled = redisAvailable('store/redis-inbox');
let redis: TestRedis | undefined;
let n = 0;
beforeAll(async () => {
  if (enabled) redis = await startTestRedis();
});
afterAll(async () => redis?.stop());

inboxContract(
  'redis',
  async () => {
    // A fresh key prefix per test keeps tests apart on a shared TEST_REDIS_URL too.
    const prefix = `pt-inbox-test:${process.pid}:${Date.now()}:${n++}:`;
    const open = async () => {
      const store = await RedisDraftStore.open({ url: redis!.url, prefix });
      // As deployed (store/index.ts openInbox): the inbox on the store's prefix, its own connection.
      return { store, inbox: RedisInbox.create(store.duplicateConnection(), store.prefix) };
    };
    return {
      open,
        cleanup: async () => undefined,
    };
  },
  enabled,
);

describe('Redis inbox: two instances on one Redis', () => {
  it.skipIf(!enabled)('of two instances handed the same updates at once, exactly one keeps each; the lease is theirs to share', async () => {
    const prefix = `pt-inbox-test:${process.pid}:${Date.now()}:two:`;
    const [a, b] = [await RedisInbox.open({ url: redis!.url, prefix }), await RedisInbox.open({ url: redis!.url, prefix })];
    try {
      const ids = Array.from({ length: 100 }, (_, i) => `tg:${i}`);
      const taken = await Promise.all(ids.flatMap((id, i) => [a, b].map((x) => x.put({ id, userKey: 'alice', order: i, payload: {}, at: Date.now() }))));
      expect(taken.filter(Boolean)).toHaveLength(100);
      for (let i = 0; i < 100; i++) expect(taken[2 * i]! !== taken[2 * i + 1]!).toBe(true);
      // Whichever instance took it, both see the same oldest update.
      expect((await a.next('alice'))?.id).toBe('tg:0');
      expect((await b.next('alice'))?.id).toBe('tg:0');
      expect(await a.lease('alice', 'A', 10_000)).toBe(true);
      expect(await b.lease('alice', 'B', 10_000)).toBe(false);
      await a.release('alice', 'A');
      expect(await b.lease('alice', 'B', 10_000)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

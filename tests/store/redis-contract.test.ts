import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { RedisDraftStore } from '../../src/store/redis.ts';
import { storeContract } from './contract.ts';
import { redisAvailable, startTestRedis, type TestRedis } from './redis-server.ts';

const enabled = redisAvailable('store/redis-contract');
let redis: TestRedis | undefined;
let n = 0;
beforeAll(async () => {
  if (enabled) redis = await startTestRedis();
});
afterAll(async () => redis?.stop());

storeContract(
  'redis',
  async () => {
    // A fresh key prefix per test keeps tests apart on a shared TEST_REDIS_URL too.
    const prefix = `pt-test:${process.pid}:${Date.now()}:${n++}:`;
    const dataDir = mkdtempSync(join(tmpdir(), 'store-contract-redis-'));
    return {
      dataDir,
      open: () => RedisDraftStore.open({ url: redis!.url, prefix }),
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  },
  enabled,
);

/** createStore: the environment picks the store; an unreachable Redis is a clear error at start. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { RedisDraftStore } from '../../src/store/redis.ts';
import { redisAvailable, startTestRedis, type TestRedis } from './redis-server.ts';

const enabled = redisAvailable('store/create-store');
let redis: TestRedis | undefined;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'create-store-'));
  if (enabled) redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('without REDIS_URL: lowdb files in the data directory', async () => {
  const s = await createStore({ REDIS_URL: '  ' }, dir, () => undefined);
  expect(s).toBeInstanceOf(LowdbDraftStore);
  await s.close();
});

it.skipIf(!enabled)('with REDIS_URL: the Redis store', async () => {
  const s = await createStore({ REDIS_URL: redis!.url }, dir);
  expect(s).toBeInstanceOf(RedisDraftStore);
  expect(await s.getProfile(`create-store:${process.pid}:${Date.now()}`)).toEqual({ ask: 0 });
  await s.close();
});

it('an unreachable REDIS_URL fails fast with a clear message (and no password in it)', async () => {
  // A port that was free a moment ago: nothing listens there.
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
  const t0 = Date.now();
  const err = await createStore({ REDIS_URL: `redis://:s3cretpw@127.0.0.1:${port}` }, dir).catch((e: Error) => e);
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).message).toContain('无法连接 Redis');
  expect((err as Error).message).not.toContain('s3cretpw');
  expect(Date.now() - t0).toBeLessThan(10_000);
});

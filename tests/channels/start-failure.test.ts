/**
 * A channel whose start fails after it connected to Redis (REDIS_URL) must close that connection, or
 * `npm start` prints its error and then hangs instead of exiting with code 1. Each case runs in a
 * child process, which must exit by itself once the failed start has returned.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, startTestRedis, type TestRedis } from '../store/redis-server.ts';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'start-fail-child.ts');
const enabled = redisAvailable('channels/start-failure');
let redis: TestRedis | undefined;

beforeAll(async () => {
  if (enabled) redis = await startTestRedis();
});
afterAll(async () => redis?.stop());

async function runChild(scenario: string): Promise<{ code: number | null; out: string; lingerMs: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, scenario], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', REDIS_URL: redis!.url },
  });
  let out = '';
  let failedAt: number | undefined;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (failedAt === undefined && out.includes('failed:')) failedAt = Date.now();
  });
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('exit', (c) => {
      clearTimeout(guard);
      resolve(c);
    });
  });
  return { code, out, lingerMs: failedAt === undefined ? Infinity : Date.now() - failedAt };
}

describe.skipIf(!enabled)('a failed channel start releases its Redis connection', () => {
  it('Telegram: webhook port already in use', async () => {
    const r = await runChild('telegram-port');
    expect(r.out).toMatch(/failed: .*EADDRINUSE/);
    expect(r.code).toBe(0);
    expect(r.lingerMs).toBeLessThan(3_000);
  });

  it('Telegram: setWebhook refused', async () => {
    const r = await runChild('telegram-webhook');
    expect(r.out).toMatch(/failed: telegram: setWebhook failed/);
    expect(r.code).toBe(0);
    expect(r.lingerMs).toBeLessThan(3_000);
  });

  it('Feishu: webhook port already in use', async () => {
    const r = await runChild('feishu-port');
    expect(r.out).toMatch(/failed: .*EADDRINUSE/);
    expect(r.code).toBe(0);
    expect(r.lingerMs).toBeLessThan(3_000);
  });
});

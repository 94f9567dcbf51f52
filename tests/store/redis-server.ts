/**
 * A Redis for tests: TEST_REDIS_URL when set; otherwise a private `redis-server` started on a free
 * 127.0.0.1 port (no persistence) and stopped after the file's tests. When neither exists the
 * caller skips its Redis tests and this module prints why; with REQUIRE_REDIS set (.ci/run sets it
 * after installing redis-server) that is an error instead, because the suite must run there.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

export function redisServerOnPath(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Whether Redis tests can run here; prints the reason (or fails under CI) when they cannot. */
export function redisAvailable(suite: string): boolean {
  if (process.env.TEST_REDIS_URL?.trim() || redisServerOnPath()) return true;
  const reason = `[${suite}] skipped: TEST_REDIS_URL is not set and redis-server is not on PATH`;
  if (process.env.REQUIRE_REDIS) throw new Error(`${reason} (REQUIRE_REDIS is set: this run must test Redis)`);
  console.log(reason);
  return false;
}

/** A port on 127.0.0.1 free at the time of asking. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPing(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  let last: unknown;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => undefined);
    try {
      await r.connect();
      await r.ping();
      r.disconnect();
      return;
    } catch (err) {
      last = err;
      r.disconnect();
      await new Promise((res) => setTimeout(res, 50));
    }
  }
  throw new Error(`redis-server did not answer: ${(last as Error)?.message}`);
}

/**
 * Starts (or points at) a Redis; every test file should use its own key prefix. `own`: always a
 * private server (for a run that uses the bot's default prefix and empties the database).
 */
export async function startTestRedis(options: { own?: boolean } = {}): Promise<TestRedis> {
  const given = process.env.TEST_REDIS_URL?.trim();
  if (given && !options.own) return { url: given, stop: async () => undefined };
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp', '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitForPing(url, child, 10_000);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A bot instance as it is deployed: `perf-target start` in its own process, configured only by its
 * environment, with Telegram and/or Feishu in webhook mode against the local fake platform servers.
 * Its cwd is its own data directory, so a developer's `.env` in the repository cannot leak in.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../src/library/load.ts';
import type { FakeFeishu } from '../../tests/channels/feishu/fakeFeishu.ts';
import type { FakeBotApi } from '../../tests/channels/telegram/fakeBotApi.ts';

export { freePort } from '../../tests/store/redis-server.ts';

export const TG_SECRET = 'bench-webhook-secret';
export const FS_TOKEN = 'bench-verification-token';
export const FS_KEY = 'bench-encrypt-key';

/** Telegram in webhook mode on `port` (path /tg), everyone allowed, replies to the fake Bot API. */
export const telegramEnv = (tg: FakeBotApi, port: number): Record<string, string> => ({
  TELEGRAM_BOT_TOKEN: tg.token,
  TELEGRAM_API_ROOT: tg.apiRoot,
  TELEGRAM_ALLOWED_USERS: '*',
  TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/tg`,
  TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
  TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
  TELEGRAM_WEBHOOK_PORT: String(port),
});

/** Feishu's event endpoint on `port` (path /feishu/events), encrypted and signed like Feishu does. */
export const feishuEnv = (fs: FakeFeishu, port: number): Record<string, string> => ({
  FEISHU_APP_ID: fs.appId,
  FEISHU_APP_SECRET: fs.appSecret,
  FEISHU_MODE: 'webhook',
  FEISHU_HOST: '127.0.0.1',
  FEISHU_PORT: String(port),
  FEISHU_PATH: '/feishu/events',
  FEISHU_VERIFICATION_TOKEN: FS_TOKEN,
  FEISHU_ENCRYPT_KEY: FS_KEY,
  FEISHU_DOMAIN: fs.url,
});

export interface Bot {
  stop(): Promise<void>;
}

/** Starts `perf-target start` and resolves once every channel in `channels` said it started. */
export async function startBot(env: Record<string, string>, dataDir: string, channels: string[], timeoutMs = 60_000): Promise<Bot> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'perf-target.js'), 'start'], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: string[] = [];
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const waiting = new Set(channels);
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`bot did not start in ${timeoutMs} ms:\n${log.join('\n')}`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`bot exited (${code}) before it started:\n${log.join('\n')}`));
    });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      log.push(line);
      const started = /^\[start\] (\w+) 渠道已启动/.exec(line)?.[1];
      if (started && waiting.delete(started) && waiting.size === 0) {
        clearTimeout(timer);
        ready();
      }
    });
  });
  return {
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

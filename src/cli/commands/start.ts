/**
 * `npm start`: builds the engine on DATA_DIR (drafts in Redis when REDIS_URL is set) and starts the
 * chat channels the environment configures: Telegram (TELEGRAM_BOT_TOKEN), Feishu (FEISHU_APP_ID + FEISHU_APP_SECRET), both, or else the
 * terminal chat. Stops gracefully on SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../app.ts';
import { renderPoolOptionsFromEnv, sharedRenderPool } from '../../render/pool.ts';
import type { RunningChannel, StartChannel } from '../../channels/types.ts';
import { installRedaction } from '../../channels/redact.ts';
import { createStore, dataDirFromEnv } from '../../store/index.ts';

export const summary = '启动对话：配置了 Telegram/飞书 凭据则启动机器人，否则进入终端对话';

const CHANNELS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'channels');

type Env = Record<string, string | undefined>;

/** Which channels the environment asks for. */
export function chooseChannels(env: Env): string[] {
  const names: string[] = [];
  if (env.TELEGRAM_BOT_TOKEN?.trim()) names.push('telegram');
  if (env.FEISHU_APP_ID?.trim() && env.FEISHU_APP_SECRET?.trim()) names.push('feishu');
  return names.length ? names : ['console'];
}

/** A channel module's `startChannel`; a missing or malformed module is a clear error, not a stack trace. */
export async function loadChannel(name: string, dir = CHANNELS_DIR): Promise<StartChannel> {
  const file = join(dir, name, 'index.ts');
  if (!existsSync(file)) throw new Error(`渠道模块不存在：${file}`);
  const mod = (await import(file)) as { startChannel?: StartChannel };
  if (typeof mod.startChannel !== 'function') throw new Error(`渠道模块没有导出 startChannel：${file}`);
  return mod.startChannel;
}

export async function run(_args: string[], env: Env = process.env): Promise<number> {
  // Before anything can print: every configured secret is blanked from every line this process writes.
  installRedaction(env);
  if (env.FEISHU_APP_ID?.trim() && !env.FEISHU_APP_SECRET?.trim()) {
    console.error('已设置 FEISHU_APP_ID 但缺少 FEISHU_APP_SECRET，飞书渠道不会启动。');
  }
  const dataDir = dataDirFromEnv(env);
  let store;
  try {
    // REDIS_URL set: drafts live in Redis, shared by every instance; otherwise lowdb files in DATA_DIR.
    store = await createStore(env, dataDir);
    renderPoolOptionsFromEnv(env); // RENDER_THREADS / RENDER_QUEUE: a bad value stops the start here
  } catch (err) {
    console.error(`[start] 启动失败：${(err as Error).message}`);
    return 1;
  }
  // LLM_* in the environment switch on the optional model help; without them nothing changes.
  const engine = await createEngine({ dataDir, store, env });
  const running: RunningChannel[] = [];
  const names = chooseChannels(env);
  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> =>
    (stopping ??= (async () => {
      await Promise.allSettled(running.map((c) => c.stop()));
      await engine.close();
    })());

  let signalled: () => void = () => undefined;
  const signal = new Promise<void>((res) => (signalled = res));
  const onSignal = (sig: NodeJS.Signals): void => {
    console.error(`\n收到 ${sig}，正在停止…`);
    signalled();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for (const name of names) {
      running.push(await (await loadChannel(name))(engine, env));
      if (name !== 'console') console.error(`[start] ${name} 渠道已启动。按 Ctrl+C 停止。`);
    }
    // The render workers start now, so the first 生成 does not wait for them (and a broken worker shows at once).
    sharedRenderPool().warm().catch((err: Error) => console.error(`[start] 生成线程启动失败：${err.message}`));
    // The terminal chat ends by itself at end of input; bots run until a signal.
    const finished = running.map((c) => (c as { finished?: Promise<void> }).finished).filter((p) => p !== undefined);
    await (finished.length === running.length ? Promise.race([Promise.all(finished), signal]) : signal);
    return 0;
  } catch (err) {
    console.error(`[start] 启动失败：${(err as Error).message}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopAll();
  }
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine, Input, Reply } from '../../../src/dialog/types.ts';
import { startTelegram, type TelegramChannel } from '../../../src/channels/telegram/index.ts';
import { FakeBotApi, type FakeUser } from './fakeBotApi.ts';

export const alice: FakeUser = { id: 111, first_name: 'Alice', is_bot: false };
export const bob: FakeUser = { id: 222, first_name: 'Bob', is_bot: false };

export interface Turn {
  userKey: string;
  input: Input;
}

/** A small engine written for the adapter tests: it records every turn and answers by a script. */
export function scriptedEngine(script: (input: Input, userKey: string) => Promise<Reply[]> | Reply[]): Engine & { turns: Turn[] } {
  const turns: Turn[] = [];
  return {
    turns,
    async handle(userKey, input) {
      turns.push({ userKey, input });
      return script(input, userKey);
    },
  };
}

export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tg-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface Harness {
  api: FakeBotApi;
  channel: TelegramChannel;
  logs: string[];
  dataDir: string;
  /** Stops the channel (if still running) and the fake server, removes the data dir. */
  close(): Promise<void>;
}

export async function startHarness(engine: Engine, env: Record<string, string> = {}, reuse?: { api?: FakeBotApi; dataDir?: string }): Promise<Harness> {
  const api = reuse?.api ?? (await new FakeBotApi().start());
  const tmp = reuse?.dataDir ? undefined : await tempDir();
  const dataDir = reuse?.dataDir ?? tmp!.dir;
  const logs: string[] = [];
  const channel = await startTelegram(
    engine,
    { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dataDir, TELEGRAM_ALLOWED_USERS: '*', ...env },
    { log: (line) => logs.push(line) },
  );
  let closed = false;
  return {
    api,
    channel,
    logs,
    dataDir,
    async close() {
      if (closed) return;
      closed = true;
      await channel.stop();
      if (!reuse?.api) await api.close();
      await tmp?.remove();
    },
  };
}

export function textOf(call: { params: Record<string, unknown> }): string {
  return String(call.params.text ?? call.params.caption ?? '');
}

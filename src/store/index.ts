export * from '../dialog/records.ts';
export { StoreConflictError } from '../dialog/conflict.ts';
export { LowdbDraftStore, userFileName, type LowdbStoreOptions } from './lowdb.ts';
export { KeyedQueue } from '../util/queue.ts';
import { LowdbDraftStore } from './lowdb.ts';
import { LowdbInbox, type Inbox } from './inbox.ts';
import type { DraftStore } from '../dialog/records.ts';

type Env = Record<string, string | undefined>;

/** `DATA_DIR` from the environment, else `./data/runtime/` (git-ignored). */
export function dataDirFromEnv(env: Env): string {
  return env.DATA_DIR?.trim() || './data/runtime/';
}

/**
 * The store the environment asks for: Redis when `REDIS_URL` is set (several instances share it),
 * else lowdb files under `dataDir` (one instance). Throws a clear error when Redis cannot be reached.
 */
export async function createStore(env: Env, dataDir: string, log?: (line: string) => void): Promise<DraftStore> {
  const url = env.REDIS_URL?.trim();
  if (!url) return new LowdbDraftStore({ dataDir, log });
  // Loaded only when asked for, so a single-instance start does not pay for the client.
  const { RedisDraftStore } = await import('./redis.ts');
  return RedisDraftStore.open({ url });
}

/**
 * The inbox of a channel (store/inbox.ts), beside the store the engine records turns in (a turn's
 * save writes the inbox's outbox): Redis keys under that store's prefix, or a journal
 * `inbox-<name>.jsonl` in the lowdb store's directory. Without an engine store (a test's scripted
 * engine): Redis with `REDIS_URL`, else lowdb files in `dataDir`.
 */
export async function openInbox(env: Env, dataDir: string, name: string, turnStore?: object): Promise<Inbox> {
  if (turnStore instanceof LowdbDraftStore) return LowdbInbox.open(turnStore.dataDir, turnStore, { name: `inbox-${name}` });
  const url = env.REDIS_URL?.trim();
  if (turnStore || url) {
    // Loaded only when asked for, like the Redis draft store.
    const { RedisDraftStore } = await import('./redis.ts');
    const { RedisInbox } = await import('./redisInbox.ts');
    if (turnStore instanceof RedisDraftStore) return RedisInbox.create(turnStore.duplicateConnection(), turnStore.prefix);
    if (url) return RedisInbox.open({ url });
  }
  return LowdbInbox.open(dataDir, new LowdbDraftStore({ dataDir }), { name: `inbox-${name}` });
}

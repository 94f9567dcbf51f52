export * from '../dialog/records.ts';
export { StoreConflictError } from '../dialog/conflict.ts';
export { LowdbDraftStore, userFileName, type LowdbStoreOptions } from './lowdb.ts';
export { KeyedQueue } from '../util/queue.ts';
import { LowdbDraftStore } from './lowdb.ts';
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

export * from './types.ts';
export { LowdbDraftStore, userFileName, type LowdbStoreOptions } from './lowdb.ts';
export { KeyedQueue } from './queue.ts';

/** `DATA_DIR` from the environment, else `./data/runtime/` (git-ignored). */
export function dataDirFromEnv(env: Record<string, string | undefined>): string {
  return env.DATA_DIR?.trim() || './data/runtime/';
}

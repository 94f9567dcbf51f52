/**
 * A DraftStore on Redis, for several instances of the assistant behind one load balancer.
 *
 * One hash per user (`<prefix>u:<userKey>`): field `p` holds the profile JSON and `pr` its rev,
 * `d:<id>` a draft's JSON and `dr:<id>` its rev. Keeping a user in one key makes a turn's save a
 * single-key Lua script (atomic on the server, and valid on Redis Cluster too): it compares every
 * rev the turn read with the stored one and writes either everything or nothing. Two instances
 * running a turn of the same user at once therefore never lose an update: the later save fails
 * with StoreConflictError and the engine reruns that turn on fresh data.
 */
import { Redis } from 'ioredis';
import { StoreConflictError, UpdateAppliedError } from '../dialog/conflict.ts';
import { outboxItems, type OutboxItem } from './inbox.ts';
import {
  DraftRecordSchema,
  ProfileSchema,
  type DraftRecord,
  type DraftStore,
  type Profile,
  type TurnWrite,
  turnDeletes,
} from '../dialog/records.ts';

export interface RedisStoreOptions {
  /** `redis://[:password@]host:port[/db]`; never logged (it may hold a password). */
  url: string;
  /** Key prefix, so that several deployments (or tests) can share one Redis. */
  prefix?: string;
}

/**
 * ARGV: profile check rev ('' = none), profile JSON ('' = don't write), draft count, then per draft
 * id, expected rev, JSON; then the count of drafts to delete and per draft id, expected rev.
 * Returns 'OK' or {what, expected, stored} on the first mismatch.
 */
const COMMIT_LUA = `
local key = KEYS[1]
local prev = ARGV[1]
local n = tonumber(ARGV[3])
local d0 = 4 + n * 3
local m = tonumber(ARGV[d0] or '0')
local a0 = d0 + 1 + m * 2
local aid = ARGV[a0] or ''
if #KEYS == 5 and aid ~= '' and redis.call('ZSCORE', KEYS[2], aid) == false then return {'applied', aid, '0'} end
if prev ~= '' then
  local cur = tonumber(redis.call('HGET', key, 'pr') or '0')
  if cur ~= tonumber(prev) then return {'profile', prev, tostring(cur)} end
end
for i = 0, n - 1 do
  local id = ARGV[4 + i * 3]
  local want = ARGV[5 + i * 3]
  local cur = tonumber(redis.call('HGET', key, 'dr:' .. id) or '0')
  if cur ~= tonumber(want) then return {'draft:' .. id, want, tostring(cur)} end
end
for j = 0, m - 1 do
  local id = ARGV[d0 + 1 + j * 2]
  local want = ARGV[d0 + 2 + j * 2]
  local cur = tonumber(redis.call('HGET', key, 'dr:' .. id) or '0')
  if cur ~= tonumber(want) then return {'draft:' .. id, want, tostring(cur)} end
end
for i = 0, n - 1 do
  local id = ARGV[4 + i * 3]
  redis.call('HSET', key, 'd:' .. id, ARGV[6 + i * 3], 'dr:' .. id, tonumber(ARGV[5 + i * 3]) + 1)
end
for j = 0, m - 1 do
  local id = ARGV[d0 + 1 + j * 2]
  redis.call('HDEL', key, 'd:' .. id, 'dr:' .. id)
end
if ARGV[2] ~= '' then
  redis.call('HSET', key, 'p', ARGV[2], 'pr', tonumber(prev) + 1)
end
if #KEYS == 5 and aid ~= '' then
  redis.call('ZREM', KEYS[2], aid)
  redis.call('HDEL', KEYS[3], aid)
  local k = tonumber(ARGV[a0 + 1])
  for i = 1, k do redis.call('RPUSH', KEYS[4], ARGV[a0 + 1 + i]) end
  redis.call('SADD', KEYS[5], ARGV[a0 + 2 + k])
end
return 'OK'
`;

/** The keys of a user's inbox and outbox (store/redisInbox.ts), next to the user's hash. */
export function inboxKeys(prefix: string, userKey: string): { pending: string; payloads: string; outbox: string; work: string; lease: string } {
  return {
    pending: `${prefix}iz:${userKey}`,
    payloads: `${prefix}ip:${userKey}`,
    outbox: `${prefix}o:${userKey}`,
    work: `${prefix}work`,
    lease: `${prefix}lease:${userKey}`,
  };
}

type CommitRedis = Redis & {
  ptCommit(keys: number, ...args: (string | number)[]): Promise<'OK' | [string, string, string]>;
};

/** Connects and checks the server answers, with a clear error instead of endless retries. */
export async function connectRedis(url: string, timeoutMs = 5000): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail a command instead of queueing it forever while Redis is away; the turn reports an error.
    maxRetriesPerRequest: 2,
    connectTimeout: timeoutMs,
    // Commands issued in the same tick leave in one write: under a burst of events (one put each)
    // and turns, separate socket writes were the largest cost of an acknowledgement.
    enableAutoPipelining: true,
  });
  // Without a listener ioredis prints every reconnect error as an unhandled 'error' event.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new Error(`无法连接 Redis（REDIS_URL）：${(err as Error).message}`);
  }
  return redis;
}

/** Rev stored for a record without one (written before versions existed, or never). */
const revOf = (x: { rev?: number }): number => x.rev ?? 0;

export class RedisDraftStore implements DraftStore {
  readonly #redis: CommitRedis;
  readonly #prefix: string;
  readonly #pending = new Set<Promise<unknown>>();

  private constructor(redis: Redis, prefix: string) {
    redis.defineCommand('ptCommit', { lua: COMMIT_LUA });
    this.#redis = redis as CommitRedis;
    this.#prefix = prefix;
  }

  get prefix(): string {
    return this.#prefix;
  }

  /** A second connection to the same server (the inbox's), closed by its owner. */
  duplicateConnection(): Redis {
    const dup = this.#redis.duplicate();
    dup.on('error', () => undefined);
    return dup;
  }

  static async open(options: RedisStoreOptions): Promise<RedisDraftStore> {
    return new RedisDraftStore(await connectRedis(options.url), options.prefix ?? 'perf-target:');
  }

  #key(userKey: string): string {
    return `${this.#prefix}u:${userKey}`;
  }

  /** Tracks calls so that close() can wait for them. */
  #track<T>(p: Promise<T>): Promise<T> {
    const t = p.catch(() => undefined);
    this.#pending.add(t);
    void t.then(() => this.#pending.delete(t));
    return p;
  }

  #draft(json: string | null, rev: string | null): DraftRecord | undefined {
    if (json === null) return undefined;
    return { ...DraftRecordSchema.parse(JSON.parse(json)), rev: Number(rev ?? 0) };
  }

  get(userKey: string, draftId: string): Promise<DraftRecord | undefined> {
    return this.#track(
      this.#redis.hmget(this.#key(userKey), `d:${draftId}`, `dr:${draftId}`).then(([json, rev]) => this.#draft(json ?? null, rev ?? null)),
    );
  }

  list(userKey: string): Promise<DraftRecord[]> {
    return this.#track(
      this.#redis.hgetall(this.#key(userKey)).then((all) => {
        const drafts: DraftRecord[] = [];
        for (const [field, json] of Object.entries(all)) {
          if (!field.startsWith('d:')) continue;
          drafts.push(this.#draft(json, all[`dr:${field.slice(2)}`] ?? null)!);
        }
        return drafts.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      }),
    );
  }

  delete(userKey: string, draftId: string): Promise<boolean> {
    return this.#track(this.#redis.hdel(this.#key(userKey), `d:${draftId}`, `dr:${draftId}`).then((n) => n > 0));
  }

  getProfile(userKey: string): Promise<Profile> {
    return this.#track(
      this.#redis.hmget(this.#key(userKey), 'p', 'pr').then(([json, rev]) =>
        json ? { ...ProfileSchema.parse(JSON.parse(json)), rev: Number(rev ?? 0) } : { ask: 0 },
      ),
    );
  }

  put(draft: DraftRecord): Promise<void> {
    const record = DraftRecordSchema.parse(draft);
    return this.#commit(record.userKey, [record], undefined, undefined);
  }

  putProfile(userKey: string, profile: Profile): Promise<void> {
    const parsed = ProfileSchema.parse(profile);
    return this.#commit(userKey, [], revOf(parsed), parsed);
  }

  async commit(userKey: string, write: TurnWrite): Promise<void> {
    const drafts = write.drafts.map((d) => DraftRecordSchema.parse(d));
    for (const d of drafts) if (d.userKey !== userKey) throw new Error(`draft ${d.id} belongs to another user`);
    const profile = ProfileSchema.parse(write.profile);
    const applied = write.applied ? { id: write.applied.ref.id, items: outboxItems(write.applied.ref, write.applied.replies) } : undefined;
    return this.#commit(userKey, drafts, revOf(profile), write.writeProfile ? profile : undefined, turnDeletes(write), applied);
  }

  async #commit(
    userKey: string,
    drafts: DraftRecord[],
    profileRev: number | undefined,
    profile: Profile | undefined,
    deletes: Array<{ id: string; rev: number }> = [],
    applied?: { id: string; items: OutboxItem[] },
  ): Promise<void> {
    // The rev lives in its own field; the JSON is stored without it so it cannot disagree.
    const strip = <T extends { rev?: number }>({ rev: _rev, ...rest }: T) => JSON.stringify(rest);
    const args: (string | number)[] = [profileRev ?? '', profile ? strip(profile) : '', drafts.length];
    for (const d of drafts) args.push(d.id, revOf(d), strip(d));
    args.push(deletes.length);
    for (const d of deletes) args.push(d.id, d.rev);
    let keys: string[] = [this.#key(userKey)];
    if (applied) {
      const k = inboxKeys(this.#prefix, userKey);
      keys = [...keys, k.pending, k.payloads, k.outbox, k.work];
      args.push(applied.id, applied.items.length, ...applied.items.map((i) => JSON.stringify(i)), userKey);
    }
    const res = await this.#track(this.#redis.ptCommit(keys.length, ...keys, ...args));
    if (res !== 'OK') {
      if (res[0] === 'applied') throw new UpdateAppliedError(userKey, res[1]);
      throw new StoreConflictError(userKey, res[0], Number(res[1]), Number(res[2]));
    }
  }

  async close(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}

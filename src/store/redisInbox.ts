/**
 * The inbox and outbox in Redis (store/inbox.ts), for any number of instances on one Redis:
 * - seen ids: `<prefix>seen:<id>` set with `SET NX PX` (two days), so a re-delivery to any
 *   instance is dropped;
 * - pending updates: a sorted set per user (`iz:`, scored by the platform's order key) plus a hash
 *   of their payloads (`ip:`), each stored as `<arrival number>\t<json>` so that updates with
 *   equal order keys come out in arrival order (a sorted set would order them by id); `put` is one
 *   script, so an acknowledged update is always listed;
 * - the outbox: a list per user (`o:`), appended by the turn's own commit script (store/redis.ts),
 *   which also removes the update from `iz:` — or refuses if it is gone (applied before);
 * - `work`: the set of users with pending updates or replies, for the sweep of every instance;
 * - leases: `lease:<user>` = owner, `SET NX PX`, renewed and released only by their owner.
 * Keys of one user are not hash-tagged: this needs one Redis (or a cluster with a single slot owner).
 */
import type { Redis } from 'ioredis';
import { UpdateAppliedError } from '../dialog/conflict.ts';
import type { Reply, TurnRef } from '../dialog/types.ts';
import { SEEN_TTL_MS, outboxItems, type Inbox, type InboxUpdate, type OutboxItem } from './inbox.ts';
import { connectRedis, inboxKeys } from './redis.ts';

/** KEYS: seen, pending, payloads, work. ARGV: ttl, id, order, json, userKey. */
const PUT_LUA = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
local seq = redis.call('HINCRBY', KEYS[3], '#', 1)
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[2], seq .. '\t' .. ARGV[4])
redis.call('SADD', KEYS[4], ARGV[5])
return 1
`;

/**
 * KEYS: pending, payloads. The JSON of the oldest pending update: lowest order key, then lowest
 * arrival number. An id listed without its payload (only by a hand edit) is dropped, not looped on.
 */
const NEXT_LUA = `
while true do
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  if #first == 0 then return false end
  local best, bestSeq
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], first[2], first[2])) do
    local v = redis.call('HGET', KEYS[2], id)
    if v then
      local tab = string.find(v, '\t', 1, true)
      local seq = tab and tonumber(string.sub(v, 1, tab - 1)) or 0
      if bestSeq == nil or seq < bestSeq then best, bestSeq = string.sub(v, (tab or 0) + 1), seq end
    else
      redis.call('ZREM', KEYS[1], id)
    end
  end
  if best then return best end
end
`;

/** KEYS: pending, payloads, outbox, work. ARGV: id, userKey, items… */
const SETTLE_LUA = `
if redis.call('ZSCORE', KEYS[1], ARGV[1]) == false then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
for i = 3, #ARGV do redis.call('RPUSH', KEYS[3], ARGV[i]) end
redis.call('SADD', KEYS[4], ARGV[2])
return 1
`;

/** KEYS: outbox, pending, work. ARGV: userKey, items to remove… Returns the items left. */
const SENT_LUA = `
for i = 2, #ARGV do redis.call('LREM', KEYS[1], 1, ARGV[i]) end
local left = redis.call('LLEN', KEYS[1])
if left == 0 and redis.call('ZCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[3], ARGV[1]) end
return left
`;

/** KEYS: pending, outbox, work. ARGV: userKey. Drops the user from `work` when nothing is left. */
const TIDY_LUA = `
if redis.call('ZCARD', KEYS[1]) == 0 and redis.call('LLEN', KEYS[2]) == 0 then redis.call('SREM', KEYS[3], ARGV[1]) end
return 1
`;

/** KEYS: lease. ARGV: owner, ttl. Takes a free lease or renews our own. */
const LEASE_LUA = `
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if v then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

const RELEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

type Scripts = {
  ptPut(...a: (string | number)[]): Promise<number>;
  ptNext(...a: string[]): Promise<string | null>;
  ptSettle(...a: (string | number)[]): Promise<number>;
  ptSent(...a: (string | number)[]): Promise<number>;
  ptTidy(...a: (string | number)[]): Promise<number>;
  ptLease(...a: (string | number)[]): Promise<number>;
  ptRelease(...a: (string | number)[]): Promise<number>;
};

export class RedisInbox implements Inbox {
  /** The stored text of outbox items last read, so that `sent` removes exactly those. */
  readonly #raw = new Map<string, string>();

  private constructor(
    private readonly redis: Redis & Scripts,
    /** Must be the draft store's prefix: the turn's commit script writes these keys too. */
    private readonly prefix: string,
  ) {}

  static async open(options: { url: string; prefix?: string }): Promise<RedisInbox> {
    return RedisInbox.create(await connectRedis(options.url), options.prefix ?? 'perf-target:');
  }

  /** Takes over `redis` (closed by close()). */
  static create(redis: Redis, prefix = 'perf-target:'): RedisInbox {
    redis.defineCommand('ptPut', { numberOfKeys: 4, lua: PUT_LUA });
    redis.defineCommand('ptNext', { numberOfKeys: 2, lua: NEXT_LUA });
    redis.defineCommand('ptSettle', { numberOfKeys: 4, lua: SETTLE_LUA });
    redis.defineCommand('ptSent', { numberOfKeys: 3, lua: SENT_LUA });
    redis.defineCommand('ptTidy', { numberOfKeys: 3, lua: TIDY_LUA });
    redis.defineCommand('ptLease', { numberOfKeys: 1, lua: LEASE_LUA });
    redis.defineCommand('ptRelease', { numberOfKeys: 1, lua: RELEASE_LUA });
    return new RedisInbox(redis as Redis & Scripts, prefix);
  }

  #k(userKey: string) {
    return inboxKeys(this.prefix, userKey);
  }

  async put(u: InboxUpdate): Promise<boolean> {
    const k = this.#k(u.userKey);
    const res = await this.redis.ptPut(`${this.prefix}seen:${u.id}`, k.pending, k.payloads, k.work, SEEN_TTL_MS, u.id, u.order, JSON.stringify(u), u.userKey);
    return res === 1;
  }

  async next(userKey: string): Promise<InboxUpdate | undefined> {
    const k = this.#k(userKey);
    const json = await this.redis.ptNext(k.pending, k.payloads);
    return json === null ? undefined : (JSON.parse(json) as InboxUpdate);
  }

  async done(userKey: string): Promise<void> {
    const k = this.#k(userKey);
    await this.redis.ptTidy(k.pending, k.outbox, k.work, userKey);
  }

  async settle(userKey: string, ref: TurnRef, replies: Reply[]): Promise<void> {
    const k = this.#k(userKey);
    const items = outboxItems(ref, replies).map((i) => JSON.stringify(i));
    const res = await this.redis.ptSettle(k.pending, k.payloads, k.outbox, k.work, ref.id, userKey, ...items);
    if (res !== 1) throw new UpdateAppliedError(userKey, ref.id);
  }

  async outbox(userKey: string): Promise<OutboxItem[]> {
    const raw = await this.redis.lrange(this.#k(userKey).outbox, 0, -1);
    return raw.map((text) => {
      const item = JSON.parse(text) as OutboxItem;
      this.#raw.set(item.id, text);
      return item;
    });
  }

  async sent(userKey: string, ids: string[]): Promise<void> {
    const k = this.#k(userKey);
    const raws = ids.map((id) => this.#raw.get(id)).filter((x): x is string => x !== undefined);
    await this.redis.ptSent(k.outbox, k.pending, k.work, userKey, ...raws);
    for (const id of ids) this.#raw.delete(id);
  }

  users(): Promise<string[]> {
    return this.redis.smembers(`${this.prefix}work`);
  }

  async lease(userKey: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.ptLease(this.#k(userKey).lease, owner, Math.max(1, Math.round(ttlMs)))) === 1;
  }

  async release(userKey: string, owner: string): Promise<void> {
    await this.redis.ptRelease(this.#k(userKey).lease, owner);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * Persistent memory of the Feishu adapter: which events were already taken (Feishu re-delivers an
 * event after 15 s, 5 min, 1 h and 6 h when it believes the first delivery failed) and the text of
 * the cards we sent (a card click carries only the button value, but the updated card should still
 * show the question). One small lowdb JSON file in DATA_DIR, bounded in size; or, when REDIS_URL is
 * set, keys in Redis shared by every instance (RedisFeishuStore), since behind a load balancer a
 * re-delivery or a card click may reach another instance than the first delivery.
 */
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Redis } from 'ioredis';

export interface CardMemo {
  text: string;
  /** The userKey whose turn produced the card: in a group, others may see (and click) it. */
  owner?: string;
  /** What the card shows (see cards.ts CardKind): an indicator table or edit is updated in place. */
  kind?: string;
  at: number;
}

interface Data {
  /** key (`e:<event_id>` / `m:<message_id>`) → first-seen time in ms. Insertion order = age order. */
  seen: Record<string, number>;
  /** card message_id → question text. */
  cards: Record<string, CardMemo>;
}

export interface StoreLimits {
  /** Entries younger than this are never dropped while the table is within `maxSeen`. */
  seenTtlMs: number;
  maxSeen: number;
  cardTtlMs: number;
  maxCards: number;
}

export const DEFAULT_LIMITS: StoreLimits = {
  // Feishu's last re-delivery is ~6 h after the first; keep two days to be safe.
  seenTtlMs: 2 * 24 * 3600_000,
  // ~60 bytes per entry: about 1.2 MB on disk at the cap, rewritten on every event.
  maxSeen: 20_000,
  cardTtlMs: 14 * 24 * 3600_000,
  maxCards: 2_000,
};

/** What the adapter needs from its memory; each method may answer at once or later. */
export interface FeishuMemory {
  /** Checks and marks all keys atomically; false when any was already seen (a re-delivery). */
  claim(keys: string[]): boolean | Promise<boolean>;
  rememberCard(messageId: string, text: string, owner?: string, kind?: string): void | Promise<void>;
  card(messageId: string): CardMemo | undefined | Promise<CardMemo | undefined>;
  /** Persists what is only in memory (nothing to do for Redis). */
  save(): Promise<void>;
  close(): Promise<void>;
}

export class FeishuStore implements FeishuMemory {
  // Maps keep insertion order = age order, so pruning pops from the front in O(1) per entry;
  // the lowdb document is only rebuilt from them when saving.
  private readonly seen: Map<string, number>;
  private readonly cards: Map<string, CardMemo>;

  private constructor(
    private readonly db: Low<Data>,
    private readonly limits: StoreLimits,
    private readonly now: () => number,
  ) {
    const byTime = <V>(entries: Array<[string, V]>, timeOf: (v: V) => number) =>
      entries.filter(([, v]) => Number.isFinite(timeOf(v))).sort((a, b) => timeOf(a[1]) - timeOf(b[1]));
    this.seen = new Map(byTime(Object.entries(db.data.seen), (v) => v));
    this.cards = new Map(byTime(Object.entries(db.data.cards), (v) => v?.at));
    this.prune();
  }

  static async open(
    file: string,
    limits: StoreLimits = DEFAULT_LIMITS,
    now: () => number = Date.now,
    warn: (msg: string) => void = () => {},
  ): Promise<FeishuStore> {
    await mkdir(path.dirname(file), { recursive: true });
    // Not JSONFilePreset: under NODE_ENV=test it silently keeps everything in memory.
    const db = new Low<Data>(new JSONFile<Data>(file), { seen: {}, cards: {} });
    try {
      await db.read();
    } catch (e) {
      // A damaged file must not keep the bot from starting; keep it aside for inspection.
      const aside = `${file}.corrupt-${now()}`;
      await rename(file, aside).catch(() => {});
      warn(`dedup store unreadable (${(e as Error).message}), moved to ${aside}; starting empty`);
      db.data = { seen: {}, cards: {} };
    }
    if (!db.data || typeof db.data !== 'object') db.data = { seen: {}, cards: {} };
    if (!db.data.seen || typeof db.data.seen !== 'object') db.data.seen = {};
    if (!db.data.cards || typeof db.data.cards !== 'object') db.data.cards = {};
    return new FeishuStore(db, limits, now);
  }

  /**
   * Atomically (synchronously) checks and marks all keys. Returns false when any key was already
   * seen: the event is a re-delivery. Call `save()` afterwards to persist the mark.
   */
  claim(keys: string[]): boolean {
    const fresh = keys.filter((k) => k !== '');
    if (fresh.some((k) => this.seen.has(k))) return false;
    const t = this.now();
    for (const k of fresh) this.seen.set(k, t);
    this.prune();
    return true;
  }

  has(key: string): boolean {
    return this.seen.has(key);
  }

  get size(): number {
    return this.seen.size;
  }

  rememberCard(messageId: string, text: string, owner?: string, kind?: string): void {
    this.cards.delete(messageId);
    this.cards.set(messageId, { text, owner, ...(kind ? { kind } : {}), at: this.now() });
    this.prune();
  }

  card(messageId: string): CardMemo | undefined {
    return this.cards.get(messageId);
  }

  async save(): Promise<void> {
    this.db.data = { seen: Object.fromEntries(this.seen), cards: Object.fromEntries(this.cards) };
    await this.db.write();
  }

  /** Holds no connection; `save()` is what persists. */
  async close(): Promise<void> {}

  private prune(): void {
    const t = this.now();
    pruneFront(this.seen, (v) => v, t - this.limits.seenTtlMs, this.limits.maxSeen);
    pruneFront(this.cards, (v) => v.at, t - this.limits.cardTtlMs, this.limits.maxCards);
  }
}

/** Drops the oldest entries while they are older than `cutoff` or the map holds more than `max`. */
function pruneFront<V>(map: Map<string, V>, timeOf: (v: V) => number, cutoff: number, max: number): void {
  for (const [k, v] of map) {
    if (map.size <= max && timeOf(v) >= cutoff) break;
    map.delete(k);
  }
}

/** ARGV[1] = TTL in ms, ARGV[2] = first-seen time. Marks all KEYS only if none exists yet. */
const CLAIM_LUA = `
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end
end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], ARGV[2], 'PX', ARGV[1])
end
return 1
`;

/**
 * The same memory in Redis, for several instances: a claim is one Lua script (atomic across
 * instances), entries expire by TTL instead of by count (Redis bounds memory, not our process).
 */
export class RedisFeishuStore implements FeishuMemory {
  private constructor(
    private readonly redis: Redis & { ptClaim(n: number, ...args: (string | number)[]): Promise<number> },
    private readonly prefix: string,
    private readonly limits: StoreLimits,
    private readonly now: () => number,
  ) {}

  /** `prefix` should name the app (two bots may share one Redis). Takes over `redis` (closed by close()). */
  static create(redis: Redis, prefix: string, limits: StoreLimits = DEFAULT_LIMITS, now: () => number = Date.now): RedisFeishuStore {
    redis.defineCommand('ptClaim', { lua: CLAIM_LUA });
    return new RedisFeishuStore(redis as RedisFeishuStore['redis'], prefix, limits, now);
  }

  async claim(keys: string[]): Promise<boolean> {
    const fresh = keys.filter((k) => k !== '');
    if (fresh.length === 0) return true;
    const res = await this.redis.ptClaim(fresh.length, ...fresh.map((k) => `${this.prefix}seen:${k}`), this.limits.seenTtlMs, this.now());
    return res === 1;
  }

  async rememberCard(messageId: string, text: string, owner?: string, kind?: string): Promise<void> {
    const memo: CardMemo = { text, owner, ...(kind ? { kind } : {}), at: this.now() };
    await this.redis.set(`${this.prefix}card:${messageId}`, JSON.stringify(memo), 'PX', this.limits.cardTtlMs);
  }

  async card(messageId: string): Promise<CardMemo | undefined> {
    const json = await this.redis.get(`${this.prefix}card:${messageId}`);
    if (json === null) return undefined;
    try {
      return JSON.parse(json) as CardMemo;
    } catch {
      return undefined;
    }
  }

  async save(): Promise<void> {}

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

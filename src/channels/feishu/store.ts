/**
 * Persistent memory of the Feishu adapter: the text of the cards we sent (a card click carries only
 * the button value, but the updated card should still show the question). One small lowdb JSON
 * file in DATA_DIR, bounded in size; or, when REDIS_URL is set, keys in Redis shared by every
 * instance (RedisFeishuStore), since behind a load balancer a card click may reach another instance
 * than the one that sent the card. Re-deliveries of events are dropped by the inbox (store/inbox.ts).
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
  /** card message_id → question text. */
  cards: Record<string, CardMemo>;
}

export interface StoreLimits {
  /** Cards younger than this are never dropped while the table is within `maxCards`. */
  cardTtlMs: number;
  maxCards: number;
}

export const DEFAULT_LIMITS: StoreLimits = {
  cardTtlMs: 14 * 24 * 3600_000,
  maxCards: 2_000,
};

/** What the adapter needs from its memory; each method may answer at once or later. */
export interface FeishuMemory {
  rememberCard(messageId: string, text: string, owner?: string, kind?: string): void | Promise<void>;
  card(messageId: string): CardMemo | undefined | Promise<CardMemo | undefined>;
  /** Persists what is only in memory (nothing to do for Redis). */
  save(): Promise<void>;
  close(): Promise<void>;
}

export class FeishuStore implements FeishuMemory {
  // A Map keeps insertion order = age order, so pruning pops from the front in O(1) per entry;
  // the lowdb document is only rebuilt from it when saving.
  private readonly cards: Map<string, CardMemo>;
  private saving: Promise<void> | undefined;
  private dirty = false;

  private constructor(
    private readonly db: Low<Data>,
    private readonly limits: StoreLimits,
    private readonly now: () => number,
  ) {
    const byTime = <V>(entries: Array<[string, V]>, timeOf: (v: V) => number) =>
      entries.filter(([, v]) => Number.isFinite(timeOf(v))).sort((a, b) => timeOf(a[1]) - timeOf(b[1]));
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
    const db = new Low<Data>(new JSONFile<Data>(file), { cards: {} });
    try {
      await db.read();
    } catch (e) {
      // A damaged file must not keep the bot from starting; keep it aside for inspection.
      const aside = `${file}.corrupt-${now()}`;
      await rename(file, aside).catch(() => {});
      warn(`card memo file unreadable (${(e as Error).message}), moved to ${aside}; starting empty`);
      db.data = { cards: {} };
    }
    if (!db.data || typeof db.data !== 'object') db.data = { cards: {} };
    if (!db.data.cards || typeof db.data.cards !== 'object') db.data.cards = {};
    return new FeishuStore(db, limits, now);
  }

  rememberCard(messageId: string, text: string, owner?: string, kind?: string): void {
    this.cards.delete(messageId);
    this.cards.set(messageId, { text, owner, ...(kind ? { kind } : {}), at: this.now() });
    this.prune();
  }

  card(messageId: string): CardMemo | undefined {
    return this.cards.get(messageId);
  }

  /**
   * Saves coalesce: while one write is running, any number of calls make one more write of the
   * latest memos. The file (up to 2,000 cards) is serialised whole, so a burst of replies saving
   * one card each would otherwise serialise it once per card on the event loop.
   */
  save(): Promise<void> {
    this.dirty = true;
    this.saving ??= (async () => {
      try {
        while (this.dirty) {
          this.dirty = false;
          // A file from before the inbox may still hold a `seen` table: it is dropped here.
          this.db.data = { cards: Object.fromEntries(this.cards) };
          await this.db.write();
        }
      } finally {
        this.saving = undefined;
      }
    })();
    return this.saving;
  }

  /** Holds no connection; `save()` is what persists. */
  async close(): Promise<void> {}

  private prune(): void {
    const t = this.now();
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

/** The same memory in Redis, for several instances: memos expire by TTL instead of by count. */
export class RedisFeishuStore implements FeishuMemory {
  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: StoreLimits,
    private readonly now: () => number,
  ) {}

  /** `prefix` should name the app (two bots may share one Redis). Takes over `redis` (closed by close()). */
  static create(redis: Redis, prefix: string, limits: StoreLimits = DEFAULT_LIMITS, now: () => number = Date.now): RedisFeishuStore {
    return new RedisFeishuStore(redis, prefix, limits, now);
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

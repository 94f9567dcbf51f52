/**
 * Persistent memory of the Feishu adapter: which events were already taken (Feishu re-delivers an
 * event after 15 s, 5 min, 1 h and 6 h when it believes the first delivery failed) and the text of
 * the cards we sent (a card click carries only the button value, but the updated card should still
 * show the question). One small lowdb JSON file in DATA_DIR, bounded in size.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

export interface CardMemo {
  text: string;
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

export class FeishuStore {
  private constructor(
    private readonly db: Low<Data>,
    private readonly limits: StoreLimits,
    private readonly now: () => number,
  ) {}

  static async open(file: string, limits: StoreLimits = DEFAULT_LIMITS, now: () => number = Date.now): Promise<FeishuStore> {
    await mkdir(path.dirname(file), { recursive: true });
    // Not JSONFilePreset: under NODE_ENV=test it silently keeps everything in memory.
    const db = new Low<Data>(new JSONFile<Data>(file), { seen: {}, cards: {} });
    await db.read();
    db.data ??= { seen: {}, cards: {} };
    db.data.seen ??= {};
    db.data.cards ??= {};
    const store = new FeishuStore(db, limits, now);
    store.prune();
    return store;
  }

  /**
   * Atomically (synchronously) checks and marks all keys. Returns false when any key was already
   * seen: the event is a re-delivery. Call `save()` afterwards to persist the mark.
   */
  claim(keys: string[]): boolean {
    const seen = this.db.data.seen;
    const fresh = keys.filter((k) => k !== '');
    if (fresh.some((k) => Object.hasOwn(seen, k))) return false;
    const t = this.now();
    for (const k of fresh) seen[k] = t;
    this.prune();
    return true;
  }

  /** Forgets keys so that a re-delivery is accepted again (used when we could not take the event). */
  release(keys: string[]): void {
    for (const k of keys) delete this.db.data.seen[k];
  }

  has(key: string): boolean {
    return Object.hasOwn(this.db.data.seen, key);
  }

  get size(): number {
    return Object.keys(this.db.data.seen).length;
  }

  rememberCard(messageId: string, text: string): void {
    this.db.data.cards[messageId] = { text, at: this.now() };
    this.prune();
  }

  card(messageId: string): CardMemo | undefined {
    return this.db.data.cards[messageId];
  }

  async save(): Promise<void> {
    await this.db.write();
  }

  private prune(): void {
    const t = this.now();
    this.db.data.seen = pruneTable(this.db.data.seen, (v) => v, t - this.limits.seenTtlMs, this.limits.maxSeen);
    this.db.data.cards = pruneTable(this.db.data.cards, (v) => v.at, t - this.limits.cardTtlMs, this.limits.maxCards);
  }
}

/** Drops entries older than `cutoff`, then the oldest ones beyond `max`. Cheap when nothing is due. */
function pruneTable<V>(table: Record<string, V>, timeOf: (v: V) => number, cutoff: number, max: number): Record<string, V> {
  const keys = Object.keys(table);
  const first = keys[0];
  if (keys.length <= max && (first === undefined || timeOf(table[first] as V) >= cutoff)) return table;
  const kept = keys
    .filter((k) => timeOf(table[k] as V) >= cutoff)
    .sort((a, b) => timeOf(table[a] as V) - timeOf(table[b] as V))
    .slice(-max);
  const out: Record<string, V> = {};
  for (const k of kept) out[k] = table[k] as V;
  return out;
}

/**
 * Inbox and outbox (issue 17): every platform update is persisted before it is acknowledged, each
 * user's updates are applied strictly in order by whichever instance holds that user's lease, and
 * a turn's replies are saved in the same write as its state change, then sent from there.
 *
 * - `put` records an update unless its id was seen (duplicates are dropped by id) — O(1).
 * - `next` is the user's oldest pending update (by the platform's order key).
 * - The turn's save (DraftStore.commit with `applied`, or `settle` for answers without a turn)
 *   marks the update applied and appends its replies to the user's outbox, atomically; a second
 *   application of the same update fails with UpdateAppliedError.
 * - `outbox` / `sent`: replies not yet delivered; a restart sends them again.
 * - `lease` / `release`: one instance at a time works on a user (Redis `SET NX PX`; in memory for
 *   the single-instance lowdb store).
 *
 * Two implementations: LowdbInbox (an append-only journal file beside the user files; one instance)
 * and RedisInbox (src/store/redisInbox.ts; any number of instances).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { open, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Reply, TurnRef } from '../dialog/types.ts';
/** What the lowdb inbox needs of the user files (LowdbDraftStore provides it). */
export interface TurnFiles {
  isApplied(userKey: string, id: string): Promise<boolean>;
  settle(userKey: string, ref: TurnRef, replies: Reply[]): Promise<void>;
  outbox(userKey: string): Promise<OutboxItem[]>;
  /** Resolves with the number of items left. */
  sent(userKey: string, ids: string[]): Promise<number>;
}

export interface InboxUpdate {
  /** Unique per platform update (`tg:<update_id>`, `fs:m:<message_id>` …): the dedup key. */
  id: string;
  userKey: string;
  /** The platform's order within the user (update_id, create_time); ties keep arrival order. */
  order: number;
  /** What the channel needs to process it, as JSON. */
  payload: unknown;
  /** Arrival time (ms). */
  at: number;
}

/** A reply as stored in the outbox: file bytes as base64. */
export type StoredReply = Exclude<Reply, { type: 'file' }> | (Omit<Extract<Reply, { type: 'file' }>, 'bytes'> & { bytes: string });

export interface OutboxItem {
  /** `<update id>:<n>`: unique, and stable across re-sends (Feishu's uuid makes a re-send idempotent). */
  id: string;
  /** The update it answers. */
  update: string;
  route: unknown;
  reply: StoredReply;
}

export const storeReply = (r: Reply): StoredReply => (r.type === 'file' ? { ...r, bytes: Buffer.from(r.bytes).toString('base64') } : r);
export const loadReply = (r: StoredReply): Reply =>
  r.type === 'file' ? { ...r, bytes: new Uint8Array(Buffer.from(r.bytes, 'base64')) } : r;

export function outboxItems(ref: TurnRef, replies: Reply[]): OutboxItem[] {
  return replies.map((reply, i) => ({ id: `${ref.id}:${i}`, update: ref.id, route: ref.route, reply: storeReply(reply) }));
}

export interface Inbox {
  /** Persists the update (resolves once durable); false when its id was seen before. */
  put(update: InboxUpdate): Promise<boolean>;
  /** The user's oldest update not yet applied. */
  next(userKey: string): Promise<InboxUpdate | undefined>;
  /** Called after the update was applied (its commit or settle succeeded): no longer pending. */
  done(userKey: string, id: string): Promise<void>;
  /** Marks the update applied with these replies and no state change (refusals, failed turns). */
  settle(userKey: string, ref: TurnRef, replies: Reply[]): Promise<void>;
  outbox(userKey: string): Promise<OutboxItem[]>;
  /** The items were delivered (or given up on): removed from the outbox. */
  sent(userKey: string, ids: string[]): Promise<void>;
  /** Users with pending updates or unsent replies (restart recovery, other instances' crashes). */
  users(): Promise<string[]>;
  /** Takes the user's lease for `ttlMs` unless another holder has it; true when taken or renewed. */
  lease(userKey: string, owner: string, ttlMs: number): Promise<boolean>;
  release(userKey: string, owner: string): Promise<void>;
  close(): Promise<void>;
}

/** How long a seen id is remembered: Feishu re-delivers for ~6 h, Telegram keeps updates 24 h. */
export const SEEN_TTL_MS = 2 * 24 * 3600_000;
/** Seen ids kept at most (memory and journal), oldest dropped first. */
const MAX_SEEN = 200_000;
/** The journal is rewritten compacted once this much was appended since the last compaction… */
const COMPACT_AT_BYTES = 16 * 1024 * 1024;
/** …and the appended part is this many times the compacted size (so 200,000 seen ids are not rewritten every 16 MB). */
const COMPACT_RATIO = 2;

export interface LowdbInboxOptions {
  /** One journal per channel (`inbox-telegram.jsonl`), each channel holding its own memory. */
  name?: string;
  now?: () => number;
  /** Appended bytes after which the journal is compacted while running (tests make it small). */
  compactAtBytes?: number;
}

type JournalLine =
  | { t: 'in'; u: InboxUpdate }
  | { t: 'done'; id: string }
  | { t: 'seen'; id: string; at: number }
  /** The user's outbox may hold replies (written after a turn is applied). */
  | { t: 'out'; u: string }
  /** The user's outbox was emptied. */
  | { t: 'clear'; u: string };

/**
 * The single-instance inbox: an append-only journal (`<dataDir>/inbox.jsonl`), one line per
 * update and one per applied update, appended in batches (one write for all updates arriving
 * together), so an acknowledgement costs one small append whatever the history. Pending updates,
 * seen ids and leases are held in memory; at start the journal is read back (a torn last line is
 * skipped), updates the user files already record as applied are dropped, and it is rewritten
 * compacted (temp file + rename); while running it is compacted the same way once the appended
 * lines outgrow the compacted part, between two appends, so that it never grows without bound.
 */
export class LowdbInbox implements Inbox {
  readonly #seen = new Map<string, number>();
  readonly #pending = new Map<string, InboxUpdate[]>();
  readonly #leases = new Map<string, { owner: string; until: number }>();
  readonly #outboxUsers = new Set<string>();
  #fh: FileHandle | undefined;
  #queue: string[] = [];
  #waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  #flushing: Promise<void> | undefined;
  /** Bytes of the journal as last compacted, and appended since. */
  #compacted = 0;
  #appended = 0;

  private constructor(
    readonly file: string,
    private readonly store: TurnFiles,
    private readonly now: () => number,
    private readonly compactAtBytes: number,
  ) {}

  static async open(dataDir: string, store: TurnFiles, options: LowdbInboxOptions = {}): Promise<LowdbInbox> {
    mkdirSync(dataDir, { recursive: true });
    const inbox = new LowdbInbox(join(dataDir, `${options.name ?? 'inbox'}.jsonl`), store, options.now ?? Date.now, options.compactAtBytes ?? COMPACT_AT_BYTES);
    await inbox.#recover();
    inbox.#fh = await open(inbox.file, 'a');
    return inbox;
  }

  async #recover(): Promise<void> {
    const cutoff = this.now() - SEEN_TTL_MS;
    const ins = new Map<string, InboxUpdate>();
    /** Users whose outbox may hold replies: some update since their last `clear`. */
    const maybeOut = new Set<string>();
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        let rec: JournalLine;
        try {
          rec = JSON.parse(line) as JournalLine;
        } catch {
          continue; // a line torn by a kill: its update was never acknowledged
        }
        if (rec.t === 'in') {
          ins.set(rec.u.id, rec.u);
          this.#seen.set(rec.u.id, rec.u.at);
          maybeOut.add(rec.u.userKey);
        } else if (rec.t === 'seen') this.#seen.set(rec.id, rec.at);
        else if (rec.t === 'done') ins.delete(rec.id);
        else if (rec.t === 'out') maybeOut.add(rec.u);
        else if (rec.t === 'clear') maybeOut.delete(rec.u);
      }
    }
    for (const [id, at] of this.#seen) if (at < cutoff) this.#seen.delete(id);
    // A kill between a turn's save and its `done` line: the user file knows it was applied.
    for (const u of ins.values()) {
      if (await this.store.isApplied(u.userKey, u.id)) continue;
      this.#enqueue(u);
    }
    for (const u of maybeOut) if ((await this.store.outbox(u)).length > 0) this.#outboxUsers.add(u);
    const text = this.#snapshot();
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
    this.#compacted = Buffer.byteLength(text);
  }

  /** The journal that replays to the state in memory: seen ids, pending updates, users with replies. */
  #snapshot(): string {
    const pendingIds = new Set<string>();
    for (const list of this.#pending.values()) for (const u of list) pendingIds.add(u.id);
    const lines: string[] = [];
    for (const [id, at] of this.#seen) if (!pendingIds.has(id)) lines.push(JSON.stringify({ t: 'seen', id, at }));
    for (const list of this.#pending.values()) for (const u of list) lines.push(JSON.stringify({ t: 'in', u }));
    for (const u of this.#outboxUsers) lines.push(JSON.stringify({ t: 'out', u }));
    return lines.length ? `${lines.join('\n')}\n` : '';
  }

  /** Rewrites the journal from memory; called between appends, so no line is in flight. */
  async #compact(): Promise<void> {
    // The puts whose lines were just written add their update to memory in a continuation: let them run first.
    await new Promise((r) => setImmediate(r));
    const text = this.#snapshot();
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, text);
    const old = this.#fh;
    this.#fh = undefined;
    await old?.close();
    await rename(tmp, this.file);
    this.#fh = await open(this.file, 'a');
    this.#compacted = Buffer.byteLength(text);
    this.#appended = 0;
  }

  #enqueue(u: InboxUpdate): void {
    const list = this.#pending.get(u.userKey) ?? [];
    // Keep the list ordered by the platform's order key; equal keys keep arrival order.
    let i = list.length;
    while (i > 0 && list[i - 1]!.order > u.order) i--;
    list.splice(i, 0, u);
    this.#pending.set(u.userKey, list);
  }

  /** Appends lines; updates arriving while a write is in flight share the next write. */
  #append(line: string): Promise<void> {
    this.#queue.push(line);
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    this.#flushing ??= this.#flush();
    return done;
  }

  async #flush(): Promise<void> {
    while (this.#queue.length > 0) {
      const lines = this.#queue;
      const waiters = this.#waiters;
      this.#queue = [];
      this.#waiters = [];
      try {
        if (!this.#fh) throw new Error('inbox is closed');
        const text = `${lines.join('\n')}\n`;
        await this.#fh.write(text);
        this.#appended += Buffer.byteLength(text);
        for (const w of waiters) w.resolve();
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
      if (this.#appended > this.compactAtBytes && this.#appended > COMPACT_RATIO * this.#compacted) {
        // A failed compaction leaves the old journal, which is still whole: appends go on there.
        await this.#compact().catch(async () => {
          this.#fh ??= await open(this.file, 'a').catch(() => undefined);
        });
      }
    }
    this.#flushing = undefined;
  }

  async put(update: InboxUpdate): Promise<boolean> {
    if (this.#seen.has(update.id)) return false;
    this.#seen.set(update.id, update.at);
    while (this.#seen.size > MAX_SEEN) this.#seen.delete(this.#seen.keys().next().value!);
    try {
      await this.#append(JSON.stringify({ t: 'in', u: update }));
    } catch (err) {
      // Not recorded, so not acknowledged: the platform sends it again and we must take it then.
      this.#seen.delete(update.id);
      throw err;
    }
    this.#enqueue(update);
    return true;
  }

  async next(userKey: string): Promise<InboxUpdate | undefined> {
    return this.#pending.get(userKey)?.[0];
  }

  async done(userKey: string, id: string): Promise<void> {
    const list = this.#pending.get(userKey);
    if (list) {
      const rest = list.filter((u) => u.id !== id);
      if (rest.length) this.#pending.set(userKey, rest);
      else this.#pending.delete(userKey);
    }
    this.#outboxUsers.add(userKey);
    // Lost in a crash, this line is redone from the user file's record at the next start.
    await this.#append(JSON.stringify({ t: 'done', id })).catch(() => undefined);
  }

  settle(userKey: string, ref: TurnRef, replies: Reply[]): Promise<void> {
    return this.store.settle(userKey, ref, replies);
  }

  outbox(userKey: string): Promise<OutboxItem[]> {
    return this.store.outbox(userKey);
  }

  async sent(userKey: string, ids: string[]): Promise<void> {
    const left = await this.store.sent(userKey, ids);
    if (left === 0 && this.#outboxUsers.delete(userKey)) await this.#append(JSON.stringify({ t: 'clear', u: userKey })).catch(() => undefined);
  }

  async users(): Promise<string[]> {
    return [...new Set([...this.#pending.keys(), ...this.#outboxUsers])];
  }

  async lease(userKey: string, owner: string, ttlMs: number): Promise<boolean> {
    const held = this.#leases.get(userKey);
    const t = this.now();
    if (held && held.owner !== owner && held.until > t) return false;
    this.#leases.set(userKey, { owner, until: t + ttlMs });
    return true;
  }

  async release(userKey: string, owner: string): Promise<void> {
    if (this.#leases.get(userKey)?.owner === owner) this.#leases.delete(userKey);
  }

  get size(): number {
    return this.#seen.size;
  }

  async close(): Promise<void> {
    await this.#flushing;
    await this.#fh?.close();
    this.#fh = undefined;
  }
}

/**
 * Remembers the ids of updates already taken, on disk.
 *
 * Telegram re-delivers every update whose id is not yet confirmed (polling: confirmed by the next
 * `getUpdates` offset; webhook: by a 200 answer). A crash between taking an update and confirming
 * it would replay it and the engine would take, say, a project name as the next answer. We mark an
 * update as taken *before* the engine sees it (at most once: a user whose message was lost in a
 * crash simply sends it again), and skip ids we have already taken.
 *
 * With REDIS_URL the ids live in Redis (RedisSeenUpdates), shared by every instance: behind a load
 * balancer Telegram's re-delivery of a webhook update may reach a different instance.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Redis } from 'ioredis';

/** Enough to cover any batch in flight (getUpdates returns at most 100). */
const KEEP = 1000;

/** What the adapter needs: take ids once, and persist what is only in memory. */
export interface UpdateLedger {
  /** Records the ids (durably, once resolved). Returns those not taken before, in order. */
  takeAll(ids: readonly number[]): Promise<number[]>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export class SeenUpdates implements UpdateLedger {
  private ids: number[] = [];
  private set = new Set<number>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly log: (line: string) => void,
  ) {}

  static async open(file: string, log: (line: string) => void): Promise<SeenUpdates> {
    const seen = new SeenUpdates(file, log);
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as { ids?: unknown };
      if (Array.isArray(data.ids)) {
        for (const id of data.ids) if (Number.isSafeInteger(id)) seen.remember(id as number);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log(`telegram: update-id file unreadable, starting empty (${(err as Error).message})`);
    }
    return seen;
  }

  has(id: number): boolean {
    return this.set.has(id);
  }

  /** Records the ids and resolves once they are on disk. Returns those not taken before, in order. */
  async takeAll(ids: readonly number[]): Promise<number[]> {
    const fresh: number[] = [];
    for (const id of ids) {
      if (this.set.has(id)) continue;
      this.remember(id);
      fresh.push(id);
    }
    if (fresh.length > 0) await this.flush();
    return fresh;
  }

  flush(): Promise<void> {
    const snapshot = JSON.stringify({ ids: this.ids });
    // Chained so that writes land in order; temp file + rename so a crash never leaves half a file.
    // A failed write is logged, not thrown: losing crash protection must not stop the bot.
    this.writing = this.writing.then(async () => {
      try {
        await mkdir(dirname(this.file), { recursive: true });
        const tmp = `${this.file}.${process.pid}.tmp`;
        await writeFile(tmp, snapshot);
        await rename(tmp, this.file);
      } catch (err) {
        this.log(`telegram: cannot save update ids (${(err as Error).message})`);
      }
    });
    return this.writing;
  }

  /** Holds no connection; `flush()` is what persists. */
  async close(): Promise<void> {}

  private remember(id: number) {
    if (this.set.has(id)) return;
    this.ids.push(id);
    this.set.add(id);
    while (this.ids.length > KEEP) this.set.delete(this.ids.shift()!);
  }
}

/** Telegram forgets an unconfirmed update after 24 h, so two days covers every re-delivery. */
const REDIS_TTL_SECONDS = 2 * 24 * 3600;

/**
 * The ids in Redis: `SET <prefix><id> NX` per id, so of two instances handed the same update exactly
 * one takes it. One pipeline per batch (one round trip).
 */
export class RedisSeenUpdates implements UpdateLedger {
  /** `prefix` should name the bot (update ids are per bot). Takes over `redis` (closed by close()). */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async takeAll(ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.set(`${this.prefix}${id}`, '1', 'EX', REDIS_TTL_SECONDS, 'NX');
    const results = (await pipe.exec()) ?? [];
    const fresh: number[] = [];
    ids.forEach((id, i) => {
      const [err, res] = results[i] ?? [new Error('no reply'), null];
      if (err) throw err;
      // A repeated id within one batch: the first SET took it, the second gets null.
      if (res === 'OK') fresh.push(id);
    });
    return fresh;
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

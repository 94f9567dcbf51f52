/**
 * Remembers the ids of updates already taken, on disk.
 *
 * Telegram re-delivers every update whose id is not yet confirmed (polling: confirmed by the next
 * `getUpdates` offset; webhook: by a 200 answer). A crash between taking an update and confirming
 * it would replay it and the engine would take, say, a project name as the next answer. We mark an
 * update as taken *before* the engine sees it (at most once: a user whose message was lost in a
 * crash simply sends it again), and skip ids we have already taken.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Enough to cover any batch in flight (getUpdates returns at most 100). */
const KEEP = 1000;

export class SeenUpdates {
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

  private remember(id: number) {
    if (this.set.has(id)) return;
    this.ids.push(id);
    this.set.add(id);
    while (this.ids.length > KEEP) this.set.delete(this.ids.shift()!);
  }
}

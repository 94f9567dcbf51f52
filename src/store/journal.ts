/**
 * The lowdb store's write-ahead journal: every change of a user file is appended here, and the
 * change counts as saved once its line is on disk (written and fsynced); the user files themselves
 * are rewritten later, a few changes at a time (store/lowdb.ts). Appends arriving while a write is
 * under way share the next write and its fsync (group commit), so a turn costs one small append
 * instead of a file rewrite.
 *
 * The journal is a series of segments `journal-<n>.jsonl`. `rotate` starts a new segment; once the
 * user files hold every change of the older segments, `remove` deletes them. After a crash the
 * segments left are read back in order (a line torn by the crash is skipped: its append never
 * completed, so nobody was told it was saved).
 */
import { close, closeSync, fsync, openSync, readdirSync, readFileSync, rmSync, write } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const writeP = promisify(write);
const fsyncP = promisify(fsync);
const closeP = promisify(close);

const SEGMENT = /^journal-(\d+)\.jsonl$/;

interface Append {
  bytes: Buffer;
  /** Runs as soon as the line is durable, before any later rotation completes. */
  onDurable: () => void;
  resolve: () => void;
  reject: (err: unknown) => void;
}

async function writeAll(fd: number, bytes: Buffer): Promise<void> {
  for (let off = 0; off < bytes.length; ) off += (await writeP(fd, bytes, off, bytes.length - off)).bytesWritten;
}

export class Journal {
  #fd: number;
  #seq: number;
  #queue: Append[] = [];
  #rotations: Array<{ resolve: (closed: number) => void; reject: (err: unknown) => void }> = [];
  #running: Promise<void> | undefined;
  /** Bytes appended to the current segment. */
  bytes = 0;
  #closed = false;

  private constructor(
    readonly dir: string,
    seq: number,
  ) {
    this.#seq = seq;
    this.#fd = openSync(this.#path(seq), 'a');
  }

  /** Opens a new segment after those left in `dir`, whose lines (oldest first) come back parsed. */
  static open(dir: string): { journal: Journal; lines: unknown[] } {
    const seqs = readdirSync(dir)
      .map((name) => SEGMENT.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    const lines: unknown[] = [];
    for (const seq of seqs) {
      for (const line of readFileSync(join(dir, `journal-${seq}.jsonl`), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          lines.push(JSON.parse(line));
        } catch {
          // Torn by a crash (or a failed write): that append was never reported as saved.
        }
      }
    }
    return { journal: new Journal(dir, (seqs.at(-1) ?? 0) + 1), lines };
  }

  #path(seq: number): string {
    return join(this.dir, `journal-${seq}.jsonl`);
  }

  /** Resolves once `line` is durable; `onDurable` has run by then. */
  append(line: string, onDurable: () => void): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('journal is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ bytes: Buffer.from(`${line}\n`), onDurable, resolve, reject });
      this.#running ??= this.#run();
    });
  }

  /**
   * Closes the current segment and starts the next; resolves with the closed segment's number
   * once every line appended before is durable and its `onDurable` has run.
   */
  rotate(): Promise<number> {
    if (this.#closed) return Promise.reject(new Error('journal is closed'));
    return new Promise((resolve, reject) => {
      this.#rotations.push({ resolve, reject });
      this.#running ??= this.#run();
    });
  }

  /** Deletes the segments up to `seq` (their changes are in the user files). */
  remove(seq: number): void {
    for (const name of readdirSync(this.dir)) {
      const n = SEGMENT.exec(name)?.[1];
      if (n !== undefined && Number(n) <= seq) rmSync(join(this.dir, name), { force: true });
    }
  }

  async #run(): Promise<void> {
    // Start on a later tick, so `#running` is set before the loop can finish and clear it.
    await null;
    while (this.#queue.length > 0 || this.#rotations.length > 0) {
      if (this.#queue.length > 0) {
        const batch = this.#queue;
        this.#queue = [];
        try {
          const bytes = Buffer.concat(batch.map((a) => a.bytes));
          await writeAll(this.#fd, bytes);
          await fsyncP(this.#fd);
          this.bytes += bytes.length;
        } catch (err) {
          for (const a of batch) a.reject(err);
          continue;
        }
        for (const a of batch) a.onDurable();
        for (const a of batch) a.resolve();
        continue;
      }
      const rotations = this.#rotations;
      this.#rotations = [];
      const closed = this.#seq;
      try {
        // The next segment is open before the current one is let go: appends always have a file.
        const next = openSync(this.#path(closed + 1), 'a');
        closeSync(this.#fd);
        this.#fd = next;
      } catch (err) {
        for (const r of rotations) r.reject(err);
        continue;
      }
      this.#seq = closed + 1;
      this.bytes = 0;
      for (const r of rotations) r.resolve(closed);
    }
    this.#running = undefined;
  }

  /** Waits for the appends under way, then closes and deletes the current segment if it is empty. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#running;
    await closeP(this.#fd);
    if (this.bytes === 0) rmSync(this.#path(this.#seq), { force: true });
  }
}

/**
 * The user files of one lowdb data directory (`<dataDir>/users/<user>.json`), written behind.
 *
 * A change (store/lowdb.ts builds them) is saved by appending it to the journal (store/journal.ts):
 * one small fsynced append, shared by all changes arriving together. The parsed file in memory takes
 * the change once the line is durable. Every FLUSH_MS (or when the journal grows past
 * JOURNAL_BYTES, or on close) the files changed since are rewritten — temp file, fsync, rename,
 * then the directory fsynced — and only then are the journal segments they cover deleted, so a
 * crash at any point leaves every saved change in a file or in the journal. A user's five quick
 * turns cost one file rewrite instead of five.
 *
 * At start the journal left by a crash is replayed: each user's changes are applied to their file
 * when it is next loaded, and all of them are loaded and written at once in the background
 * (`recovered`); the old segments go once that is done. A change sets records to their new values,
 * so replaying it onto a file that already holds it, or a later version, changes nothing.
 *
 * Before a file is replaced, the current version (when known to parse) is hard-linked into
 * `users-backup/`: what a file damaged outside our control is restored from. One owner process per
 * directory; two store objects in one process share one UserFiles.
 */
import { createHash } from 'node:crypto';
import { existsSync, fsync, mkdirSync, openSync, closeSync, readdirSync, rmSync } from 'node:fs';
import { copyFile, link, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { TextFile } from 'lowdb/node';
import { z } from 'zod';
import { DraftRecordSchema, ProfileSchema, type DraftRecord, type Profile } from '../dialog/records.ts';
import { KeyedQueue } from '../util/queue.ts';
import type { OutboxItem } from './inbox.ts';
import { Journal } from './journal.ts';

/** Applied update ids kept per user: far more than can be pending for one user at once. */
const KEEP_APPLIED = 500;
const FLUSH_MS = 2000;
const JOURNAL_BYTES = 16 * 1024 * 1024;
/** Text of clean (already written) files kept parsed in memory, per directory. */
const CACHE_BYTES = 16 * 1024 * 1024;
/** Files rewritten at once by a flush. */
const WRITERS = 8;

const fsyncP = promisify(fsync);

export const UserFileSchema = z.object({
  version: z.literal(1),
  profile: ProfileSchema,
  drafts: z.array(DraftRecordSchema),
  /** Ids of the inbox updates applied last (store/inbox.ts), so none is applied twice. */
  applied: z.array(z.string()).optional(),
  /** Replies saved with their turn and not yet delivered. */
  outbox: z.array(z.custom<OutboxItem>((x) => typeof x === 'object' && x !== null && typeof (x as OutboxItem).id === 'string')).optional(),
});
export type UserFile = z.infer<typeof UserFileSchema>;

const fresh = (): UserFile => ({ version: 1, profile: { ask: 0 }, drafts: [] });

/** One user's change: the journal line, and what the file in memory takes. */
export interface Change {
  /** The user key (the file's name derives from it). */
  u: string;
  /** Drafts saved, whole (rev already bumped). */
  put?: DraftRecord[];
  /** Drafts deleted. */
  del?: string[];
  profile?: Profile;
  /** An inbox update applied. */
  applied?: string;
  /** Replies added to the outbox. */
  out?: OutboxItem[];
  /** Outbox items delivered. */
  sent?: string[];
}

/** The file with the change: new lists and records, the old ones untouched (they may be shared). */
export function applyChange(data: UserFile, c: Change): UserFile {
  const next: UserFile = { ...data };
  if (c.put || c.del) {
    const drafts = [...data.drafts];
    for (const r of c.put ?? []) {
      const i = drafts.findIndex((d) => d.id === r.id);
      if (i >= 0) drafts[i] = r;
      else drafts.push(r);
    }
    const gone = new Set(c.del);
    next.drafts = gone.size ? drafts.filter((d) => !gone.has(d.id)) : drafts;
  }
  if (c.profile) next.profile = c.profile;
  if (c.applied && !(data.applied ?? []).includes(c.applied)) next.applied = [...(data.applied ?? []), c.applied].slice(-KEEP_APPLIED);
  if (c.out) {
    const have = new Set((data.outbox ?? []).map((o) => o.id));
    next.outbox = [...(data.outbox ?? []), ...c.out.filter((o) => !have.has(o.id))];
  }
  if (c.sent) {
    const gone = new Set(c.sent);
    next.outbox = (next.outbox ?? []).filter((o) => !gone.has(o.id));
  }
  return next;
}

/** A file name that is safe on every OS and still readable, unique per user key. */
export function userFileName(userKey: string): string {
  const readable = userKey.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40);
  const hash = createHash('sha256').update(userKey).digest('hex').slice(0, 16);
  return `${readable}-${hash}.json`;
}

interface Entry {
  data: UserFile;
  /** The file on disk is known to parse (read, or written by us): it may become the backup. */
  good: boolean;
  /** Text length when last read or written, for the cache's bound. */
  size: number;
  /** Bumped by every change: a flush that wrote an older version leaves the file dirty. */
  version: number;
}

/** Replaces `backup` with the current `file` atomically (link + rename), copying where links fail. */
async function keepBackup(file: string, backup: string): Promise<void> {
  const tmp = join(dirname(backup), `.${basename(backup)}.tmp`);
  try {
    await link(file, tmp);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    // A temp name left by a crash between link and rename.
    await rm(tmp, { force: true });
    if (code === 'EEXIST') await link(file, tmp);
    // Some file systems (FAT, some network mounts) have no hard links.
    else await copyFile(file, tmp);
  }
  await rename(tmp, backup);
}

/** Temp file, fsync, rename: the file is the old or the new version, and the new one is on disk. */
async function writeDurably(file: string, text: string): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}

/** Reads a backup file; undefined unless it exists and has the right shape. */
async function readBackup(backup: string): Promise<UserFile | undefined> {
  try {
    const parsed = UserFileSchema.safeParse(JSON.parse(await readFile(backup, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Temp files of writes a kill interrupted (ours, the inbox journal's, the backup link's): the
 * directory has one owner process, so at start-up none of them is in use.
 */
function removeTempFiles(dirs: string[]): void {
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) if (name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
  }
}

/** One queue per file for the whole process: operations on a file run one at a time. */
const FILES = new KeyedQueue();
const DIRS = new Map<string, UserFiles>();

export class UserFiles {
  readonly #users: string;
  readonly #backups: string;
  readonly #journal: Journal;
  readonly #cache = new Map<string, Entry>();
  #cachedBytes = 0;
  readonly #dirty = new Set<string>();
  /** Changes read back from a crashed run's journal, by file, until the file is loaded. */
  readonly #replay = new Map<string, { userKey: string; changes: Change[] }>();
  readonly #pending = new Set<Promise<unknown>>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;
  #queued: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  /** Resolves once every replayed change is in memory (its file then dirty). */
  readonly recovered: Promise<void>;

  private constructor(
    readonly dataDir: string,
    readonly log: (line: string) => void,
  ) {
    this.#users = join(dataDir, 'users');
    this.#backups = join(dataDir, 'users-backup');
    if (!existsSync(this.#users)) {
      mkdirSync(this.#users, { recursive: true });
      log(`[store] 数据目录不存在，已新建：${this.#users}`);
    }
    mkdirSync(this.#backups, { recursive: true });
    removeTempFiles([this.#users, this.#backups, dataDir]);
    const { journal, lines } = Journal.open(dataDir);
    this.#journal = journal;
    for (const line of lines) {
      const c = line as Change;
      if (typeof c?.u !== 'string') continue;
      const file = this.fileOf(c.u);
      const r = this.#replay.get(file) ?? { userKey: c.u, changes: [] };
      r.changes.push(c);
      this.#replay.set(file, r);
    }
    this.recovered = this.#recover();
  }

  /** The directory's UserFiles, opened (and a crashed run's journal replayed) on first use. */
  static for(dataDir: string, log: (line: string) => void): UserFiles {
    const key = resolve(dataDir);
    let files = DIRS.get(key);
    if (!files) {
      files = new UserFiles(dataDir, log);
      DIRS.set(key, files);
    }
    return files;
  }

  fileOf(userKey: string): string {
    return resolve(this.#users, userFileName(userKey));
  }

  async #recover(): Promise<void> {
    const users = [...this.#replay.values()].map((r) => r.userKey);
    const loads = await Promise.allSettled(users.map((u) => this.run(u, () => ({ result: undefined }))));
    // A file that cannot be read now keeps its changes pending (and the journal that holds them).
    for (const l of loads) if (l.status === 'rejected') this.log(`[store] 重放日志时读取用户文件失败：${String(l.reason)}`);
    if (users.length > 0) this.#schedule(0);
  }

  /**
   * Runs `task` on the user's file (in memory), after the other operations on it; `task` returns
   * the result and, if the file changes, the change, which is saved before the result is returned.
   */
  run<T>(userKey: string, task: (data: UserFile) => { result: T; change?: Change }): Promise<T> {
    const file = this.fileOf(userKey);
    const p = FILES.run(file, async () => {
      const entry = await this.#entry(userKey, file);
      const { result, change } = task(entry.data);
      if (change) await this.#save(file, entry, change);
      return result;
    });
    const tracked = p.catch(() => undefined);
    this.#pending.add(tracked);
    void tracked.then(() => this.#pending.delete(tracked));
    return p;
  }

  #save(file: string, entry: Entry, change: Change): Promise<void> {
    return this.#journal.append(JSON.stringify(change), () => {
      entry.data = applyChange(entry.data, change);
      entry.version++;
      this.#dirty.add(file);
      this.#schedule(this.#journal.bytes > JOURNAL_BYTES ? 0 : FLUSH_MS);
    });
  }

  /** The parsed file: from memory, else read from disk (recovering from damage), plus replayed changes. */
  async #entry(userKey: string, file: string): Promise<Entry> {
    const cached = this.#cache.get(file);
    if (cached) {
      // Most recently used last.
      this.#cache.delete(file);
      this.#cache.set(file, cached);
      return cached;
    }
    // A read that fails (too many open files, no permission, a disk error) says nothing about the
    // file's content: it is thrown, so the turn fails and the file stays where it is. Only text that
    // was read and does not parse, or parses to the wrong shape, is damage to recover from.
    const text = await new TextFile(file).read();
    let entry: Entry | undefined;
    let problem: string | undefined;
    let raw: unknown = null;
    try {
      raw = text === null ? null : JSON.parse(text);
    } catch (err) {
      problem = `无法解析（${(err as Error).message}）`;
    }
    if (!problem) {
      const parsed = UserFileSchema.safeParse(raw ?? fresh());
      // Only a file that parsed may become the backup; a missing one has nothing to keep.
      if (parsed.success) entry = { data: parsed.data, good: raw !== null, size: text?.length ?? 0, version: 0 };
      else problem = `格式不符（${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}）`;
    }
    entry ??= await this.#restore(file, problem!);
    const replay = this.#replay.get(file);
    if (replay) {
      for (const c of replay.changes) entry.data = applyChange(entry.data, c);
      entry.version++;
      this.#dirty.add(file);
      this.#replay.delete(file);
    }
    this.#cache.set(file, entry);
    this.#cachedBytes += entry.size;
    this.#evict();
    return entry;
  }

  /** Sets the damaged file aside and continues from the backup, or from a blank file without one. */
  async #restore(file: string, problem: string): Promise<Entry> {
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const previous = await readBackup(this.#backupOf(file));
    const outcome = previous ? '已从备份恢复上一版本' : '该用户从空白草稿重新开始';
    try {
      await rename(file, aside);
      this.log(`[store] 用户文件损坏：${file} ${problem}；已备份为 ${aside}，${outcome}。`);
    } catch (err) {
      this.log(`[store] 用户文件损坏：${file} ${problem}；备份失败（${(err as Error).message}），将覆盖，${outcome}。`);
    }
    const data = previous ?? fresh();
    // The damaged file must not replace the good backup: this write keeps no backup.
    const text = JSON.stringify(data, null, 2);
    await writeDurably(file, text);
    return { data, good: true, size: text.length, version: 0 };
  }

  #backupOf(file: string): string {
    return join(this.#backups, basename(file));
  }

  /** Drops the least recently used files that are written, down to the bound. */
  #evict(): void {
    for (const [file, entry] of this.#cache) {
      if (this.#cachedBytes <= CACHE_BYTES) return;
      if (this.#dirty.has(file)) continue;
      this.#cache.delete(file);
      this.#cachedBytes -= entry.size;
    }
  }

  #schedule(ms: number): void {
    if (this.#closing || (this.#timer && ms > 0)) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush().catch((err: unknown) => this.log(`[store] 写入用户文件失败，稍后重试：${String(err)}`));
    }, ms);
    // Pending writes do not keep the process alive: they are in the journal already.
    this.#timer.unref();
  }

  /**
   * Writes every file changed before the call, then deletes the journal segments they cover. A
   * flush under way may have taken its snapshot already: a new one is queued behind it, and calls
   * made meanwhile share that queued one.
   */
  flush(): Promise<void> {
    this.#queued ??= (async () => {
      await this.#flushing?.catch(() => undefined);
      this.#queued = undefined;
      const run = this.#flushOnce();
      this.#flushing = run;
      try {
        await run;
      } finally {
        if (this.#flushing === run) this.#flushing = undefined;
      }
    })();
    return this.#queued;
  }

  async #flushOnce(): Promise<void> {
    await this.recovered;
    const closed = await this.#journal.rotate();
    const batch = [...this.#dirty].map((file) => {
      const entry = this.#cache.get(file)!;
      return { file, entry, version: entry.version, text: JSON.stringify(entry.data, null, 2) };
    });
    const failures: unknown[] = [];
    for (let i = 0; i < batch.length; i += WRITERS) {
      await Promise.all(
        batch.slice(i, i + WRITERS).map(async ({ file, entry, version, text }) => {
          try {
            if (entry.good) await keepBackup(file, this.#backupOf(file));
            await writeDurably(file, text);
          } catch (err) {
            failures.push(err);
            return;
          }
          this.#cachedBytes += text.length - entry.size;
          entry.size = text.length;
          entry.good = true;
          if (entry.version === version) this.#dirty.delete(file);
        }),
      );
    }
    if (failures.length > 0) {
      this.#schedule(FLUSH_MS);
      throw failures[0];
    }
    // The renames reach the disk before the journal that covers them is gone.
    const dir = openSync(this.#users, 'r');
    try {
      await fsyncP(dir);
    } finally {
      closeSync(dir);
    }
    if (this.#replay.size === 0) this.#journal.remove(closed);
    this.#evict();
  }

  /** Waits for the operations under way, writes every file and closes the journal; memory is dropped. */
  close(): Promise<void> {
    // Two store objects on one directory may both close it.
    this.#closing ??= this.#closeOnce();
    return this.#closing;
  }

  async #closeOnce(): Promise<void> {
    await this.recovered;
    do {
      while (this.#pending.size > 0) await Promise.all([...this.#pending]);
      await this.flush();
      // A timer's flush may have been queued meanwhile: it must finish before the journal closes.
      await this.#queued;
      await this.#flushing;
    } while (this.#dirty.size > 0 || this.#pending.size > 0 || this.#queued || this.#flushing);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#journal.close();
    if (DIRS.get(resolve(this.dataDir)) === this) DIRS.delete(resolve(this.dataDir));
  }
}

/**
 * The default DraftStore: lowdb, one JSON file per user under `<dataDir>/users/`. One file per user
 * keeps each write small (a single shared file would rewrite every user's drafts on every turn)
 * and makes a user's profile + drafts one atomic unit (steno writes a temp file and renames it).
 * Every save checks the records' `rev` (optimistic locking, the same contract as the Redis store);
 * the check is exact within one process, so this store is not for several processes on one directory.
 * The directory has one owner process, so the parsed files of recent users stay in memory (a turn
 * reads them without touching the disk); every write still goes to the file before it resolves.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { copyFile, link, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import { z } from 'zod';
import { StoreConflictError, UpdateAppliedError } from '../dialog/conflict.ts';
import type { Reply, TurnRef } from '../dialog/types.ts';
import { outboxItems, type OutboxItem } from './inbox.ts';

/** Applied update ids kept per user: far more than can be pending for one user at once. */
const KEEP_APPLIED = 500;
import { KeyedQueue } from '../util/queue.ts';
import {
  DraftRecordSchema,
  ProfileSchema,
  type DraftRecord,
  type DraftStore,
  type Profile,
  type TurnWrite,
  turnDeletes,
} from '../dialog/records.ts';

/**
 * One queue per file for the whole process: two store objects on the same directory (tests, a
 * bench, a second engine) then still read-check-write each file in turn, so the rev check holds.
 */
const FILES = new KeyedQueue();

/**
 * Parsed user files by absolute path, most recently used last, for the whole process (like FILES,
 * so two store objects on one directory see the same data). An entry is only ever the content of
 * the file as last read or written; the oldest go once the files' text passes CACHE_BYTES.
 */
const CACHE = new Map<string, { data: UserFile; good: boolean; size: number }>();
const CACHE_BYTES = 16 * 1024 * 1024;
let cachedBytes = 0;

function cacheSet(file: string, data: UserFile, good: boolean, size: number): void {
  cacheDrop(file);
  CACHE.set(file, { data, good, size });
  cachedBytes += size;
  for (const [oldest, entry] of CACHE) {
    if (cachedBytes <= CACHE_BYTES) break;
    CACHE.delete(oldest);
    cachedBytes -= entry.size;
  }
}

function cacheDrop(file: string): void {
  const entry = CACHE.get(file);
  if (!entry) return;
  CACHE.delete(file);
  cachedBytes -= entry.size;
}

/** A copy the caller may change: the cached records are replaced on write, never changed in place. */
const copy = <T>(x: T): T => structuredClone(x);

const UserFileSchema = z.object({
  version: z.literal(1),
  profile: ProfileSchema,
  drafts: z.array(DraftRecordSchema),
  /** Ids of the inbox updates applied last (store/inbox.ts), so none is applied twice. */
  applied: z.array(z.string()).optional(),
  /** Replies saved with their turn and not yet delivered. */
  outbox: z.array(z.custom<OutboxItem>((x) => typeof x === 'object' && x !== null && typeof (x as OutboxItem).id === 'string')).optional(),
});
type UserFile = z.infer<typeof UserFileSchema>;

const fresh = (): UserFile => ({ version: 1, profile: { ask: 0 }, drafts: [] });

export interface LowdbStoreOptions {
  dataDir: string;
  /** Where recovery and start-up lines go; `console.warn` by default. */
  log?: (line: string) => void;
}

/** A file name that is safe on every OS and still readable, unique per user key. */
export function userFileName(userKey: string): string {
  const readable = userKey.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40);
  const hash = createHash('sha256').update(userKey).digest('hex').slice(0, 16);
  return `${readable}-${hash}.json`;
}

/**
 * The lowdb adapter for one user file. Writes go through steno (temp file + rename, so a crash
 * leaves either the old or the new file, never a mix); before each replace the current file, if it
 * is known to parse, is hard-linked into the backup directory. The link copies no bytes, and the
 * rename that follows swaps only the main name, so the backup keeps the previous good version:
 * what a file damaged outside our control (power loss before the data reached the disk, a disk
 * error, a hand edit) is restored from.
 */
class UserFileAdapter implements Adapter<UserFile> {
  readonly #writer: TextFile;
  /** True once the file on disk has been read and parsed, or written by us. */
  good = false;

  constructor(
    readonly file: string,
    readonly backup: string,
  ) {
    this.#writer = new TextFile(file);
  }

  /** The file's text, or null when it does not exist; I/O errors (EACCES, EMFILE, EIO…) are thrown. */
  readText(): Promise<string | null> {
    return this.#writer.read();
  }

  async read(): Promise<UserFile | null> {
    const text = await this.readText();
    return text === null ? null : (JSON.parse(text) as UserFile);
  }

  /** Text length of the last write, for the cache's bound. */
  size = 0;

  async write(data: UserFile): Promise<void> {
    if (this.good) await keepBackup(this.file, this.backup);
    const text = JSON.stringify(data, null, 2);
    await this.#writer.write(text);
    this.good = true;
    this.size = text.length;
  }
}

/** A user file's db whose successful write also becomes the cached content. */
class CachedLow extends Low<UserFile> {
  constructor(readonly file: UserFileAdapter, data: UserFile) {
    super(file, data);
  }

  override async write(): Promise<void> {
    await super.write();
    cacheSet(this.file.file, this.data, true, this.file.size);
  }
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
 * Temp files of writes a kill interrupted (steno's `.<name>.tmp`, the inbox journal's, the backup
 * link's): the directory has one owner process, so at start-up none of them is in use.
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

export class LowdbDraftStore implements DraftStore {
  readonly #dir: string;
  /** The data directory (the inbox journal lives beside the user files). */
  readonly dataDir: string;
  /** Previous good version of each user file; outside `users/` so that it holds only live files. */
  readonly #backupDir: string;
  readonly #log: (line: string) => void;
  readonly #pending = new Set<Promise<unknown>>();

  constructor(options: LowdbStoreOptions) {
    this.#log = options.log ?? ((line) => console.warn(line));
    this.dataDir = options.dataDir;
    this.#dir = join(options.dataDir, 'users');
    this.#backupDir = join(options.dataDir, 'users-backup');
    if (!existsSync(this.#dir)) {
      mkdirSync(this.#dir, { recursive: true });
      this.#log(`[store] 数据目录不存在，已新建：${this.#dir}`);
    }
    mkdirSync(this.#backupDir, { recursive: true });
    removeTempFiles([this.#dir, this.#backupDir, options.dataDir]);
    // A store opened on a directory reads it afresh, as after a restart (files may have been
    // changed while no store had them open).
    const prefix = resolve(this.#dir) + sep;
    for (const file of [...CACHE.keys()]) if (file.startsWith(prefix)) cacheDrop(file);
  }

  /**
   * The user's file: from memory when it was read or written lately, else from disk (recovering
   * from a corrupt one). The data is a shallow copy of the cached one: operations replace records
   * and lists, never change them in place, and the cache takes the new data only once it is written.
   */
  async #load(userKey: string): Promise<CachedLow> {
    // A fresh Low per operation; operations on one file are serialised by the queue and each
    // awaits its write, so their writers never overlap.
    const name = userFileName(userKey);
    const adapter = new UserFileAdapter(join(this.#dir, name), join(this.#backupDir, name));
    const db = new CachedLow(adapter, fresh());
    const cached = CACHE.get(adapter.file);
    if (cached) {
      // Most recently used last.
      CACHE.delete(adapter.file);
      CACHE.set(adapter.file, cached);
      db.data = { ...cached.data, drafts: [...cached.data.drafts] };
      adapter.good = cached.good;
      adapter.size = cached.size;
      return db;
    }
    // A read that fails (too many open files, no permission, a disk error) says nothing about the
    // file's content: it is thrown, so the turn fails and the file stays where it is. Only text that
    // was read and does not parse, or parses to the wrong shape, is damage to recover from.
    const text = await adapter.readText();
    let problem: string | undefined;
    let raw: unknown = null;
    try {
      raw = text === null ? null : JSON.parse(text);
    } catch (err) {
      problem = `无法解析（${(err as Error).message}）`;
    }
    if (!problem) {
      const parsed = UserFileSchema.safeParse(raw ?? fresh());
      if (parsed.success) db.data = parsed.data;
      else problem = `格式不符（${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}）`;
      // Only a file that parsed may become the backup; a missing one has nothing to keep.
      adapter.good = parsed.success && raw !== null;
    }
    if (problem) await this.#recover(adapter, db, problem);
    else cacheSet(adapter.file, db.data, adapter.good, text?.length ?? 0);
    db.data = { ...db.data, drafts: [...db.data.drafts] };
    return db;
  }

  /** Sets the damaged file aside and continues from the backup, or from a blank store without one. */
  async #recover(adapter: UserFileAdapter, db: Low<UserFile>, problem: string): Promise<void> {
    const file = adapter.file;
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const previous = await readBackup(adapter.backup);
    const outcome = previous ? '已从备份恢复上一版本' : '该用户从空白草稿重新开始';
    try {
      await rename(file, aside);
      this.#log(`[store] 用户文件损坏：${file} ${problem}；已备份为 ${aside}，${outcome}。`);
    } catch (err) {
      this.#log(`[store] 用户文件损坏：${file} ${problem}；备份失败（${(err as Error).message}），将覆盖，${outcome}。`);
    }
    db.data = previous ?? fresh();
    // The damaged file must not replace the good backup: this write keeps no backup.
    adapter.good = false;
    await db.write();
  }

  #with<T>(userKey: string, task: (db: Low<UserFile>) => Promise<T>): Promise<T> {
    const file = resolve(this.#dir, userFileName(userKey));
    const p = FILES.run(file, async () => task(await this.#load(userKey)));
    const tracked = p.catch(() => undefined);
    this.#pending.add(tracked);
    void tracked.then(() => this.#pending.delete(tracked));
    return p;
  }

  /** Checks every rev against the file, then applies the whole write in memory (caller writes once). */
  #apply(
    db: Low<UserFile>,
    userKey: string,
    drafts: Array<{ id: string; rev?: number }>,
    profile?: { rev: number; value?: Profile },
    deletes: Array<{ id: string; rev?: number }> = [],
  ): void {
    if (profile) {
      const stored = db.data.profile.rev ?? 0;
      if (stored !== profile.rev) throw new StoreConflictError(userKey, 'profile', profile.rev, stored);
    }
    for (const d of [...drafts, ...deletes]) {
      const stored = db.data.drafts.find((x) => x.id === d.id)?.rev ?? 0;
      if (stored !== (d.rev ?? 0)) throw new StoreConflictError(userKey, `draft:${d.id}`, d.rev ?? 0, stored);
    }
    for (const d of drafts as DraftRecord[]) {
      const record = { ...d, rev: (d.rev ?? 0) + 1 };
      const i = db.data.drafts.findIndex((x) => x.id === d.id);
      if (i >= 0) db.data.drafts[i] = record;
      else db.data.drafts.push(record);
    }
    if (deletes.length > 0) {
      const gone = new Set(deletes.map((d) => d.id));
      db.data.drafts = db.data.drafts.filter((d) => !gone.has(d.id));
    }
    if (profile?.value) db.data.profile = { ...profile.value, rev: profile.rev + 1 };
  }

  get(userKey: string, draftId: string): Promise<DraftRecord | undefined> {
    return this.#with(userKey, async (db) => {
      const found = db.data.drafts.find((d) => d.id === draftId);
      return found && copy(found);
    });
  }

  put(draft: DraftRecord): Promise<void> {
    const record = DraftRecordSchema.parse(draft);
    return this.#with(record.userKey, async (db) => {
      this.#apply(db, record.userKey, [record]);
      await db.write();
    });
  }

  list(userKey: string): Promise<DraftRecord[]> {
    return this.#with(userKey, async (db) =>
      db.data.drafts.map(copy).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    );
  }

  delete(userKey: string, draftId: string): Promise<boolean> {
    return this.#with(userKey, async (db) => {
      const before = db.data.drafts.length;
      db.data.drafts = db.data.drafts.filter((d) => d.id !== draftId);
      if (db.data.drafts.length === before) return false;
      await db.write();
      return true;
    });
  }

  getProfile(userKey: string): Promise<Profile> {
    return this.#with(userKey, async (db) => copy(db.data.profile));
  }

  putProfile(userKey: string, profile: Profile): Promise<void> {
    const parsed = ProfileSchema.parse(profile);
    return this.#with(userKey, async (db) => {
      this.#apply(db, userKey, [], { rev: parsed.rev ?? 0, value: parsed });
      await db.write();
    });
  }

  /** Records `ref` as applied with its replies in the outbox (in memory; the caller writes). */
  #record(db: Low<UserFile>, userKey: string, ref: TurnRef, replies: Reply[]): void {
    const applied = db.data.applied ?? [];
    if (applied.includes(ref.id)) throw new UpdateAppliedError(userKey, ref.id);
    db.data.applied = [...applied, ref.id].slice(-KEEP_APPLIED);
    db.data.outbox = [...(db.data.outbox ?? []), ...copy(outboxItems(ref, replies))];
  }

  /** Whether the inbox update was applied to this user's file. */
  isApplied(userKey: string, id: string): Promise<boolean> {
    return this.#with(userKey, async (db) => (db.data.applied ?? []).includes(id));
  }

  /** An update answered without a state change (a refusal, a failed turn): applied, replies queued. */
  settle(userKey: string, ref: TurnRef, replies: Reply[]): Promise<void> {
    return this.#with(userKey, async (db) => {
      this.#record(db, userKey, ref, replies);
      await db.write();
    });
  }

  outbox(userKey: string): Promise<OutboxItem[]> {
    return this.#with(userKey, async (db) => copy(db.data.outbox ?? []));
  }

  /** Removes delivered items; resolves with how many are left. */
  sent(userKey: string, ids: string[]): Promise<number> {
    const gone = new Set(ids);
    return this.#with(userKey, async (db) => {
      const before = db.data.outbox ?? [];
      const left = before.filter((o) => !gone.has(o.id));
      if (left.length !== before.length) {
        db.data.outbox = left;
        await db.write();
      }
      return left.length;
    });
  }

  async commit(userKey: string, write: TurnWrite): Promise<void> {
    const drafts = write.drafts.map((d) => DraftRecordSchema.parse(d));
    const profile = ProfileSchema.parse(write.profile);
    const deletes = turnDeletes(write);
    for (const d of drafts) if (d.userKey !== userKey) throw new Error(`draft ${d.id} belongs to another user`);
    return this.#with(userKey, async (db) => {
      this.#apply(db, userKey, drafts, { rev: profile.rev ?? 0, value: write.writeProfile ? profile : undefined }, deletes);
      if (write.applied) this.#record(db, userKey, write.applied.ref, write.applied.replies);
      // A turn that changed nothing needs no disk write; the check above still ran.
      if (drafts.length > 0 || deletes.length > 0 || write.writeProfile || write.applied) await db.write();
    });
  }

  async close(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}

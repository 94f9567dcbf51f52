/**
 * The default DraftStore: lowdb, one JSON file per user under `<dataDir>/users/`. One file per user
 * keeps each write small and makes a user's profile + drafts one atomic unit. A save is one
 * journalled change (store/userFiles.ts: saved once its journal line is on disk, the user's file
 * rewritten behind, a few changes at a time); recent users' files stay parsed in memory, so a turn
 * touches the disk only for that append. Every save checks the records' `rev` (optimistic locking,
 * the same contract as the Redis store); the check is exact within one process, so this store is
 * not for several processes on one directory.
 */
import { StoreConflictError, UpdateAppliedError } from '../dialog/conflict.ts';
import type { Reply, TurnRef } from '../dialog/types.ts';
import { outboxItems, type OutboxItem } from './inbox.ts';
import { UserFiles, type Change, type UserFile } from './userFiles.ts';
import { DraftRecordSchema, ProfileSchema, type DraftRecord, type DraftStore, type Profile, type TurnWrite, turnDeletes } from '../dialog/records.ts';

export { userFileName } from './userFiles.ts';

export interface LowdbStoreOptions {
  dataDir: string;
  /** Where recovery and start-up lines go; `console.warn` by default. */
  log?: (line: string) => void;
}

/** A copy the caller may change: the records in memory are replaced by changes, never changed in place. */
const copy = <T>(x: T): T => structuredClone(x);

/** Checks every rev of a write against the file; throws StoreConflictError on the first that moved. */
function checkRevs(data: UserFile, userKey: string, records: Array<{ id: string; rev?: number }>, profileRev?: number): void {
  if (profileRev !== undefined) {
    const stored = data.profile.rev ?? 0;
    if (stored !== profileRev) throw new StoreConflictError(userKey, 'profile', profileRev, stored);
  }
  for (const d of records) {
    const stored = data.drafts.find((x) => x.id === d.id)?.rev ?? 0;
    if (stored !== (d.rev ?? 0)) throw new StoreConflictError(userKey, `draft:${d.id}`, d.rev ?? 0, stored);
  }
}

const bumped = (d: DraftRecord): DraftRecord => ({ ...d, rev: (d.rev ?? 0) + 1 });

/** The inbox update marked applied with its replies queued; throws when it was applied before. */
function recorded(data: UserFile, userKey: string, ref: TurnRef, replies: Reply[]): Pick<Change, 'applied' | 'out'> {
  if ((data.applied ?? []).includes(ref.id)) throw new UpdateAppliedError(userKey, ref.id);
  return { applied: ref.id, out: copy(outboxItems(ref, replies)) };
}

export class LowdbDraftStore implements DraftStore {
  /** The data directory (the inbox journal lives beside the user files). */
  readonly dataDir: string;
  readonly #log: (line: string) => void;

  constructor(options: LowdbStoreOptions) {
    this.#log = options.log ?? ((line) => console.warn(line));
    this.dataDir = options.dataDir;
    // Opening replays what a crashed run left in the journal.
    this.#files();
  }

  /** The directory's files (reopened after a close). */
  #files(): UserFiles {
    return UserFiles.for(this.dataDir, this.#log);
  }

  get(userKey: string, draftId: string): Promise<DraftRecord | undefined> {
    return this.#files().run(userKey, (data) => {
      const found = data.drafts.find((d) => d.id === draftId);
      return { result: found && copy(found) };
    });
  }

  put(draft: DraftRecord): Promise<void> {
    const record = DraftRecordSchema.parse(draft);
    return this.#files().run(record.userKey, (data) => {
      checkRevs(data, record.userKey, [record]);
      return { result: undefined, change: { u: record.userKey, put: [bumped(record)] } };
    });
  }

  list(userKey: string): Promise<DraftRecord[]> {
    return this.#files().run(userKey, (data) => ({ result: data.drafts.map(copy).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) }));
  }

  delete(userKey: string, draftId: string): Promise<boolean> {
    return this.#files().run(userKey, (data) =>
      data.drafts.some((d) => d.id === draftId) ? { result: true, change: { u: userKey, del: [draftId] } } : { result: false },
    );
  }

  getProfile(userKey: string): Promise<Profile> {
    return this.#files().run(userKey, (data) => ({ result: copy(data.profile) }));
  }

  putProfile(userKey: string, profile: Profile): Promise<void> {
    const parsed = ProfileSchema.parse(profile);
    return this.#files().run(userKey, (data) => {
      checkRevs(data, userKey, [], parsed.rev ?? 0);
      return { result: undefined, change: { u: userKey, profile: { ...parsed, rev: (parsed.rev ?? 0) + 1 } } };
    });
  }

  /** Whether the inbox update was applied to this user's file. */
  isApplied(userKey: string, id: string): Promise<boolean> {
    return this.#files().run(userKey, (data) => ({ result: (data.applied ?? []).includes(id) }));
  }

  /** An update answered without a state change (a refusal, a failed turn): applied, replies queued. */
  settle(userKey: string, ref: TurnRef, replies: Reply[]): Promise<void> {
    return this.#files().run(userKey, (data) => ({ result: undefined, change: { u: userKey, ...recorded(data, userKey, ref, replies) } }));
  }

  outbox(userKey: string): Promise<OutboxItem[]> {
    return this.#files().run(userKey, (data) => ({ result: copy(data.outbox ?? []) }));
  }

  /** Removes delivered items; resolves with how many are left. */
  sent(userKey: string, ids: string[]): Promise<number> {
    const gone = new Set(ids);
    return this.#files().run(userKey, (data) => {
      const before = data.outbox ?? [];
      const left = before.filter((o) => !gone.has(o.id)).length;
      return left === before.length ? { result: left } : { result: left, change: { u: userKey, sent: ids } };
    });
  }

  async commit(userKey: string, write: TurnWrite): Promise<void> {
    const drafts = write.drafts.map((d) => DraftRecordSchema.parse(d));
    const profile = ProfileSchema.parse(write.profile);
    const deletes = turnDeletes(write);
    for (const d of drafts) if (d.userKey !== userKey) throw new Error(`draft ${d.id} belongs to another user`);
    return this.#files().run(userKey, (data) => {
      checkRevs(data, userKey, [...drafts, ...deletes], profile.rev ?? 0);
      const change: Change = { u: userKey };
      if (drafts.length > 0) change.put = drafts.map(bumped);
      if (deletes.length > 0) change.del = deletes.map((d) => d.id);
      if (write.writeProfile) change.profile = { ...profile, rev: (profile.rev ?? 0) + 1 };
      if (write.applied) Object.assign(change, recorded(data, userKey, write.applied.ref, write.applied.replies));
      // A turn that changed nothing needs no save; the check above still ran.
      return { result: undefined, change: Object.keys(change).length > 1 ? change : undefined };
    });
  }

  /** Writes every changed user file now (they are written behind otherwise). */
  flush(): Promise<void> {
    return this.#files().flush();
  }

  /** Waits for pending saves and writes every user file; the store may be used again afterwards. */
  close(): Promise<void> {
    return this.#files().close();
  }
}

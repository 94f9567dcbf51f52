/**
 * What the dialog persists, and the storage port it persists it through. The engine keeps no
 * per-user state in memory: every turn reads the user's profile and current draft from here.
 */
import { z } from 'zod';
import { DraftTableSchema } from '../domain/draft.ts';
import type { Reply, TurnRef } from './types.ts';

/** The steps of the guided flow, in order; `review` is the summary before generation. */
export const STEPS = ['name', 'department', 'amount', 'fundUse', 'indicators', 'review'] as const;
export const StepSchema = z.enum(STEPS);
export type Step = z.infer<typeof StepSchema>;

/** Fields a user can change with 修改 <字段>; `editing` holds the one being asked. */
export const EDIT_FIELDS = [
  'projectName',
  'projectCode',
  'department',
  'implementer',
  'period',
  'amounts',
  'fundUse',
  'spendingPlan',
  'targets',
  'targets.period',
  'targets.annual',
] as const;
export const EditFieldSchema = z.enum(EDIT_FIELDS);
export type EditField = z.infer<typeof EditFieldSchema>;

export const DraftRecordSchema = z.object({
  /** Short ASCII id, unique per user (it goes into button ids). */
  id: z.string(),
  userKey: z.string(),
  status: z.enum(['active', 'done']),
  step: StepSchema,
  /** Set while a 修改 <字段> question is open. */
  editing: EditFieldSchema.optional(),
  /**
   * An answer waiting for a one-tap confirmation (a 主管部门 that does not look like a unit, a bare
   * number read as 元): applied by the 确认 button, dropped by any other answer.
   */
  pending: z.object({ field: EditFieldSchema, value: z.string() }).optional(),
  /** Earlier versions of the table, newest last, for 撤销 (a few levels). */
  history: z.array(DraftTableSchema).optional(),
  /** The user confirmed the indicator list (全部采用). */
  indicatorsConfirmed: z.boolean().default(false),
  /** Layout id of the render module; undefined means the render default. */
  layout: z.string().optional(),
  /**
   * Parts the language model wrote (edit fields such as 'fundUse', 'targets.period', or
   * 'indicators'), marked in the summary until the user changes them. Parsing fills [] for old
   * files; optional in the type so that records built in code need not name it.
   */
  aiDrafted: z.array(z.string()).default([]).optional(),
  table: DraftTableSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  doneAt: z.string().optional(),
  /**
   * Optimistic-lock version, owned by the store: bumped on every save, and a save whose `rev` is not
   * the stored one fails with StoreConflictError. Missing means 0 (files written before it existed).
   */
  rev: z.number().int().nonnegative().optional(),
});
export type DraftRecord = z.infer<typeof DraftRecordSchema>;

export const ProfileSchema = z.object({
  /** Id of the draft the conversation is about. */
  current: z.string().optional(),
  /** Counter of questions with buttons: a button id carries it, so an old button is recognised. */
  ask: z.number().int().default(0),
  lastDepartment: z.string().optional(),
  lastImplementer: z.string().optional(),
  /**
   * An import in progress (src/dialog/drafts/importFlow.ts): the tables found, waiting for the user's
   * pick, or the drafts made from them, waiting for this year's amounts; or a file awaited for 检查.
   */
  importing: z
    .union([
      z.object({ stage: z.literal('pick'), file: z.string(), tables: z.array(DraftTableSchema) }),
      z.object({ stage: z.literal('amounts'), ids: z.array(z.string()) }),
      /** 「检查」 was sent: the next file is checked against the review rules, not imported. */
      z.object({ stage: z.literal('check') }),
    ])
    .optional(),
  /**
   * 修改… was sent with no draft open and several drafts to choose from: the drafts listed (in the
   * order shown) and the message, carried out on the one picked (src/dialog/drafts/reopen.ts).
   */
  reopening: z.object({ ids: z.array(z.string()).min(1), text: z.string() }).optional(),
  /** Optimistic-lock version, as on DraftRecord. */
  rev: z.number().int().nonnegative().optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

/** Everything one dialog turn saves, written all or nothing by `DraftStore.commit`. */
export interface TurnWrite {
  /** Drafts to save; each still carries the `rev` it was read with (none for a new draft). */
  drafts: DraftRecord[];
  /** The profile as read at the start of the turn: its `rev` is always checked. */
  profile: Profile;
  /** Also save the profile (otherwise it is only checked). */
  writeProfile: boolean;
  /**
   * Drafts to delete, each with the `rev` it was read with: deleting one that another turn saved (or
   * deleted) since is a conflict like any other, so a retried turn sees the store as it is.
   */
  deletes?: Array<{ id: string; rev?: number }>;
  /**
   * The inbox update this turn answers, with its replies: saved in the same atomic write (the
   * update marked applied, the replies put in the user's outbox). A store throws
   * UpdateAppliedError (dialog/conflict.ts) when the update was applied before, and saves nothing.
   */
  applied?: { ref: TurnRef; replies: Reply[] };
}

/**
 * The storage port. Each call is atomic for the user it names; calls for different users never
 * lose each other's writes. A multi-instance deployment can swap in a shared store.
 * Writes are optimistic: `put`, `putProfile` and `commit` throw StoreConflictError (dialog/conflict.ts)
 * when a record's `rev` is no longer the stored one, i.e. someone else saved it since it was read.
 */
export interface DraftStore {
  get(userKey: string, draftId: string): Promise<DraftRecord | undefined>;
  put(draft: DraftRecord): Promise<void>;
  /** The user's drafts, newest first. */
  list(userKey: string): Promise<DraftRecord[]>;
  delete(userKey: string, draftId: string): Promise<boolean>;
  getProfile(userKey: string): Promise<Profile>;
  putProfile(userKey: string, profile: Profile): Promise<void>;
  /** Checks every rev of `write` and saves it atomically, or throws StoreConflictError and saves nothing. */
  commit(userKey: string, write: TurnWrite): Promise<void>;
  /** Waits for pending writes. */
  close(): Promise<void>;
}

/** The deletions of a write, revs filled in; a draft both saved and deleted in one write is a bug. */
export function turnDeletes(write: TurnWrite): Array<{ id: string; rev: number }> {
  const deletes = (write.deletes ?? []).map((d) => ({ id: d.id, rev: d.rev ?? 0 }));
  for (const d of deletes) if (write.drafts.some((x) => x.id === d.id)) throw new Error(`draft ${d.id} is both saved and deleted`);
  return deletes;
}

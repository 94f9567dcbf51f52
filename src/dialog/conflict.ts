/**
 * A save lost an optimistic-lock race: the record was saved by someone else (another turn, another
 * instance) after it was read. Nothing of the failed save was written; the caller re-reads and
 * recomputes (the dialog engine retries the whole turn).
 */
export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
  constructor(
    readonly userKey: string,
    /** `profile` or `draft:<id>`. */
    readonly what: string,
    readonly expectedRev: number,
    readonly storedRev: number,
  ) {
    super(`store conflict for ${userKey} ${what}: expected rev ${expectedRev}, stored ${storedRev}`);
  }
}

/**
 * A turn's inbox update was already applied (by this or another instance, before a crash or while
 * this one held an expired lease). Nothing was written; the caller drops the turn's replies.
 */
export class UpdateAppliedError extends Error {
  override name = 'UpdateAppliedError';
  constructor(
    readonly userKey: string,
    readonly updateId: string,
  ) {
    super(`update ${updateId} of ${userKey} was already applied`);
  }
}

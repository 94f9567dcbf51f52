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

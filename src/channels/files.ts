/**
 * Which files the chat channels fetch at all, and how much of them. A `.json` draft is read up to
 * 1 MB; last year's Word, Excel or PDF table up to MAX_IMPORT_FILE_BYTES (10 MB). Anything else
 * (.doc, images, archives, a 20 MB video) is answered from its name and announced size, before any
 * download; the download itself is capped at the same limit (a platform may announce no size, or a
 * wrong one).
 */

import { FILE_TOO_LARGE_TEXT, MAX_DRAFT_FILE_BYTES, draftFileRefusal, isDraftFileName } from '../domain/draftFile.ts';
import { MAX_IMPORT_FILE_BYTES } from '../domain/importedFile.ts';
import { REFUSALS, refusalForName } from '../import/refusals.ts';

/** A download stopped because it grew past its limit. */
export class DraftFileTooLargeError extends Error {
  constructor(limit = MAX_DRAFT_FILE_BYTES) {
    super(`file larger than ${limit} bytes`);
    this.name = 'DraftFileTooLargeError';
  }
}

export type UploadRule =
  | { ok: false; text: string }
  /** Download at most `limit` bytes; past it, answer `tooLargeText`. */
  | { ok: true; limit: number; tooLargeText: string };

/** What a channel does with a file the user sent, from its name and the platform's announced size. */
export function uploadRule(name: string | undefined, size?: number): UploadRule {
  const fileName = name?.trim() || 'file';
  if (isDraftFileName(fileName)) {
    const refusal = draftFileRefusal(fileName, size);
    return refusal ? { ok: false, text: refusal } : { ok: true, limit: MAX_DRAFT_FILE_BYTES, tooLargeText: FILE_TOO_LARGE_TEXT };
  }
  const refusal = refusalForName(fileName, size);
  if (refusal) return { ok: false, text: refusal };
  return { ok: true, limit: MAX_IMPORT_FILE_BYTES, tooLargeText: REFUSALS.tooLargeDownload };
}

/**
 * Which files the chat channels fetch at all. The engine reads only `.json` drafts of at most 1 MB
 * and answers anything else with 暂不支持此类文件, so downloading a 20 MB video first would only cost
 * time and memory: the channels check the name and the announced size before any download, and cap
 * the download itself at the same limit (a platform may announce no size, or a wrong one).
 */

import { MAX_DRAFT_FILE_BYTES } from '../domain/draftFile.ts';

/** A download stopped because it grew past MAX_DRAFT_FILE_BYTES. */
export class DraftFileTooLargeError extends Error {
  constructor() {
    super(`file larger than ${MAX_DRAFT_FILE_BYTES} bytes`);
    this.name = 'DraftFileTooLargeError';
  }
}

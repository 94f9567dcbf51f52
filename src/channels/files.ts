/**
 * Which files the chat channels fetch at all. The engine reads only `.json` drafts of at most 1 MB
 * and answers anything else with 暂不支持此类文件, so downloading a 20 MB video first would only cost
 * time and memory: the channels check the name and the announced size before any download, and cap
 * the download itself at the same limit (a platform may announce no size, or a wrong one).
 */

/** The largest draft file a channel downloads; the engine's own limit. */
export const MAX_DRAFT_FILE_BYTES = 1_000_000;

export function isDraftFileName(name: string | undefined): boolean {
  return /\.json$/i.test(name?.trim() ?? '');
}

export const UNSUPPORTED_FILE_TEXT = '暂不支持此类文件。目前只能读取 .json 格式的草稿文件；也可以直接把表的内容粘贴成文字发给我。';
export const FILE_TOO_LARGE_TEXT = '抱歉，文件太大了：草稿文件不能超过 1 MB。请发送导出的 .json 草稿文件，或直接把表的内容粘贴成文字发给我。';

/** Why a file is not downloaded (the text for the user), or undefined when it may be. `size` is the platform's announced size, if any. */
export function draftFileRefusal(name: string | undefined, size?: number): string | undefined {
  if (!isDraftFileName(name)) return UNSUPPORTED_FILE_TEXT;
  if (size !== undefined && size > MAX_DRAFT_FILE_BYTES) return FILE_TOO_LARGE_TEXT;
  return undefined;
}

/** A download stopped because it grew past MAX_DRAFT_FILE_BYTES. */
export class DraftFileTooLargeError extends Error {
  constructor() {
    super(`file larger than ${MAX_DRAFT_FILE_BYTES} bytes`);
    this.name = 'DraftFileTooLargeError';
  }
}

/** Fetching a file a user sent: through the Bot API's file link, never more than its limit (src/channels/files.ts) in memory. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Telegram } from 'telegraf';
import { DraftFileTooLargeError } from '../files.ts';
import { withRetry } from './retry.ts';

export async function download(tg: Telegram, fileId: string, limit: number): Promise<Uint8Array> {
  const link = await withRetry(() => tg.getFileLink(fileId));
  // A self-hosted telegram-bot-api in --local mode gives an absolute path on its disk.
  if (link.protocol === 'file:') return new Uint8Array(await readFile(fileURLToPath(link)));
  return withRetry(
    async () => {
      let res: Response;
      try {
        res = await fetch(link, { signal: AbortSignal.timeout(60_000) });
      } catch {
        // The URL holds the token, so the original error (which may quote it) is not passed on.
        throw Object.assign(new Error('file download failed (network)'), { code: 'ECONNRESET' });
      }
      if (!res.ok) throw Object.assign(new Error(`file download failed (HTTP ${res.status})`), res.status >= 500 ? { code: 'ECONNRESET' } : {});
      return readCapped(res, limit);
    },
    { attempts: 3 },
  );
}

/** The body, but never more than `limit` bytes in memory: a file without an announced size may be anything. */
async function readCapped(res: Response, limit: number): Promise<Uint8Array> {
  if (Number(res.headers.get('content-length') ?? 0) > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw new DraftFileTooLargeError(limit);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.byteLength;
    if (size > limit) throw new DraftFileTooLargeError(limit); // leaving the loop cancels the stream
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Retrying Bot API calls: Telegram's flood control (429) and transient network/server failures. */
import { TelegramError } from 'telegraf';

export interface RetryOptions {
  /** Attempts in total, the first included. */
  attempts?: number;
  /** First back-off delay for network/5xx errors; doubled each time, capped at `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Stops waiting (and retrying) once aborted. */
  signal?: AbortSignal;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET']);

/** Seconds Telegram asked us to wait, when the error is a 429. */
export function retryAfterSeconds(err: unknown): number | undefined {
  if (err instanceof TelegramError && err.code === 429) return err.parameters?.retry_after ?? 1;
  return undefined;
}

/** A failure worth another try: the request may not have reached Telegram or Telegram had a hiccup. */
export function isTransient(err: unknown): boolean {
  if (err instanceof TelegramError) return err.code >= 500;
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; code?: unknown; errno?: unknown; type?: unknown };
  if (e.name === 'AbortError') return false;
  if (e.name === 'FetchError') return true;
  return (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) || (typeof e.errno === 'string' && NETWORK_CODES.has(e.errno));
}

export function isAbort(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function backoffDelay(failures: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, failures - 1));
}

/** Runs `call`, waiting out 429s for `retry_after` and backing off exponentially on transient errors. */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= attempts || options.signal?.aborted) throw err;
      const after = retryAfterSeconds(err);
      if (after !== undefined) {
        await sleep(Math.min(after, 300) * 1000, options.signal);
      } else if (isTransient(err)) {
        await sleep(backoffDelay(attempt, base, max), options.signal);
      } else {
        throw err;
      }
    }
  }
}

/** One line for logs: never the request URL (it contains the bot token). */
export function describeError(err: unknown, token?: string): string {
  let text: string;
  if (err instanceof TelegramError) text = `TelegramError ${err.code}: ${err.description}`;
  else if (err instanceof Error) text = `${err.name}: ${err.message}`;
  else text = String(err);
  // telegraf already redacts tokens from fetch errors; this is a second net for anything else.
  if (token) text = text.split(token).join('[REDACTED]');
  return text.replace(/\/(bot|user)(\d+):[A-Za-z0-9_-]+/g, '/$1$2:[REDACTED]');
}

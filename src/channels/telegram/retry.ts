/** Retrying Bot API calls: Telegram's flood control (429) and transient network/server failures. */
import { TelegramError } from 'telegraf';
import { isNetworkErrorCode, retry } from '../../util/retry.ts';

export interface RetryOptions {
  /** Attempts in total, the first included. */
  attempts?: number;
  /** First back-off delay for network/5xx errors; doubled each time, capped at `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Stops waiting (and retrying) once aborted. */
  signal?: AbortSignal;
}

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
  return isNetworkErrorCode(e.code) || isNetworkErrorCode(e.errno);
}

export function isAbort(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
}

/** Runs `call`, waiting out 429s for `retry_after` and backing off exponentially on transient errors. */
export function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  return retry(call, {
    attempts: options.attempts ?? 6,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    signal: options.signal,
    delayFor(err, _attempt, backoffMs) {
      const after = retryAfterSeconds(err);
      // Telegram's own wait is obeyed even above maxDelayMs (sending earlier only extends the ban), within reason.
      if (after !== undefined) return Math.min(after, 300) * 1000;
      return isTransient(err) ? backoffMs : undefined;
    },
  });
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

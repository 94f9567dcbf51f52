/**
 * The retry loop the chat platforms share: a limited number of attempts, exponential back-off, and
 * a platform-specific say on which errors deserve another try and how long the platform asked us to
 * wait (Telegram's retry_after, Feishu's x-ogw-ratelimit-reset). Each adapter keeps that part.
 */

export interface RetryLoop {
  /** Attempts in total, the first included. */
  attempts: number;
  /** First back-off delay; doubled on each further failure, capped at `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Stops waiting (and retrying) once aborted. */
  signal?: AbortSignal;
  /**
   * How long to wait before the next attempt after `err`, or undefined to give up at once.
   * `backoffMs` is the exponential delay for this attempt, for errors that name no wait of their own.
   */
  delayFor(err: unknown, attempt: number, backoffMs: number): number | undefined;
  /** Called before each wait, e.g. to log the failure. */
  onRetry?(err: unknown, attempt: number, delayMs: number): void;
}

/** Socket-level failures after which the request may simply not have arrived: worth another try. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export function isNetworkErrorCode(code: unknown): boolean {
  return typeof code === 'string' && NETWORK_CODES.has(code);
}

/** The delay after the `failures`-th failure in a row: base, 2×base, 4×base … up to `maxDelayMs`. */
export function backoffDelay(failures: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, failures - 1));
}

/** Resolves after `ms`, or at once when `signal` aborts. */
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

/** Runs `call` until it succeeds, `delayFor` gives up, the attempts run out or the signal aborts; then rethrows the last error. */
export async function retry<T>(call: () => Promise<T>, loop: RetryLoop): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= loop.attempts || loop.signal?.aborted) throw err;
      const delay = loop.delayFor(err, attempt, backoffDelay(attempt, loop.baseDelayMs, loop.maxDelayMs));
      if (delay === undefined) throw err;
      loop.onRetry?.(err, attempt, delay);
      await sleep(delay, loop.signal);
    }
  }
}

/** The retry loop both channels use (src/util/retry.ts); the platforms' own rules are tested through their adapters. */
import { describe, expect, it } from 'vitest';
import { backoffDelay, retry } from '../../src/util/retry.ts';

function failing(times: number, error: unknown = new Error('flaky')) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    call: async () => {
      calls++;
      if (calls <= times) throw error;
      return 'ok';
    },
  };
}

describe('retry', () => {
  it('retries until success, waiting what delayFor says, with the exponential back-off offered', async () => {
    const f = failing(3);
    const offered: number[] = [];
    const waited: number[] = [];
    const result = await retry(f.call, {
      attempts: 5,
      baseDelayMs: 2,
      maxDelayMs: 5,
      delayFor: (_e, _n, backoff) => (offered.push(backoff), backoff),
      onRetry: (_e, _n, ms) => waited.push(ms),
    });
    expect(result).toBe('ok');
    expect(f.calls).toBe(4);
    expect(offered).toEqual([2, 4, 5]);
    expect(waited).toEqual([2, 4, 5]);
  });

  it('gives up at once when delayFor declines, and after the last attempt, rethrowing the error itself', async () => {
    const boom = new Error('permanent');
    const once = failing(9, boom);
    await expect(retry(once.call, { attempts: 5, baseDelayMs: 1, maxDelayMs: 1, delayFor: () => undefined })).rejects.toBe(boom);
    expect(once.calls).toBe(1);
    const always = failing(9, boom);
    await expect(retry(always.call, { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, delayFor: () => 0 })).rejects.toBe(boom);
    expect(always.calls).toBe(3);
  });

  it('an abort ends the wait and the retries', async () => {
    const ctrl = new AbortController();
    const f = failing(9);
    const started = Date.now();
    const run = retry(f.call, { attempts: 10, baseDelayMs: 60_000, maxDelayMs: 60_000, signal: ctrl.signal, delayFor: (_e, _n, b) => b });
    setTimeout(() => ctrl.abort(), 20);
    await expect(run).rejects.toThrow('flaky');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(f.calls).toBe(2);
  });

  it('backoffDelay doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 500, 8_000))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });
});

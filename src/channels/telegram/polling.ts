/** Long-polling mode: getUpdates in a loop, admitting each batch before confirming it. */
import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { backoffDelay, sleep } from '../../util/retry.ts';
import { isAbort, isTransient, retryAfterSeconds } from './retry.ts';
import { ALLOWED_UPDATES } from './updates.ts';

/** Long-poll duration asked of Telegram, in seconds. */
const POLL_TIMEOUT = 50;

export interface PollDeps {
  tg: Telegram;
  log: (line: string) => void;
  describe: (err: unknown) => string;
  signal: AbortSignal;
  /** Records the updates as taken and starts them; throws when nothing of the batch was started. */
  admit(updates: readonly Update[]): Promise<void>;
  /** Resolves when fewer updates than the limit are in progress. */
  waitForRoom(): Promise<void>;
  /** Resolves when every started update has finished. */
  idle(): Promise<void>;
}

export async function pollLoop(deps: PollDeps): Promise<void> {
  const { tg, log, describe, signal, admit } = deps;
  // Offset 0 asks for the oldest unconfirmed update; anything already in the inbox is dropped by id.
  let offset = 0;
  let failures = 0;
  let admitFailures = 0;
  while (!signal.aborted) {
    await deps.waitForRoom();
    let updates: Update[];
    try {
      updates = await tg.callApi(
        'getUpdates',
        { timeout: POLL_TIMEOUT, offset, allowed_updates: [...ALLOWED_UPDATES] },
        // telegraf types its own AbortSignal shim; node-fetch accepts the built-in one.
        { signal: signal as unknown as NonNullable<Parameters<typeof tg.callApi>[2]>['signal'] },
      );
      failures = 0;
    } catch (err) {
      if (signal.aborted || isAbort(err)) break;
      failures++;
      const after = retryAfterSeconds(err);
      const delay = after !== undefined ? after * 1000 : backoffDelay(failures, 1000, 60_000);
      log(`telegram: getUpdates failed (${describe(err)})${isTransient(err) || after !== undefined ? '' : ' [not transient]'}; retrying in ${delay} ms`);
      await sleep(delay, signal);
      continue;
    }
    try {
      await admit(updates);
      admitFailures = 0;
    } catch (err) {
      // Nothing of the batch was started. Keeping the offset leaves it unconfirmed, so Telegram
      // sends it again; advancing would confirm updates nobody answered.
      admitFailures++;
      const delay = backoffDelay(admitFailures, 1000, 60_000);
      log(`telegram: updates not admitted (${describe(err)}); asking for them again in ${delay} ms`);
      await sleep(delay, signal);
      continue;
    }
    const last = updates[updates.length - 1];
    // The next getUpdates with this offset confirms everything before it to Telegram.
    if (last !== undefined) offset = last.update_id + 1;
  }
  await deps.idle();
  if (offset > 0) {
    // Confirm the last batch now, or Telegram would send it again after a restart.
    await tg.callApi('getUpdates', { offset, limit: 1, timeout: 0 }).catch((err) => log(`telegram: offset not confirmed: ${describe(err)}`));
  }
}

/** What every channel (console, Telegram, Feishu) exposes to `npm start`. */
import type { Engine } from '../dialog/types.ts';

export interface RunningChannel {
  /** Stops taking new messages, finishes the one in flight, releases ports and timers. */
  stop(): Promise<void>;
}

/**
 * A channel module (`src/channels/<name>/index.ts`) exports `startChannel` with this type.
 * `env` is `process.env` in production and a plain object in tests; secrets come only from it.
 */
export type StartChannel = (engine: Engine, env: Record<string, string | undefined>) => Promise<RunningChannel>;

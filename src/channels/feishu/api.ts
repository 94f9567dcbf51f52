/**
 * The few Open API calls the adapter makes, on top of the SDK's Client, with retries on 5xx, rate
 * limits and network errors, and a token refresh when Feishu rejects a cached tenant token.
 */
import { createHash } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import * as lark from '@larksuiteoapi/node-sdk';
import { isNetworkErrorCode, retry } from '../../util/retry.ts';
import type { Log } from './log.ts';

export class FeishuApiError extends Error {
  constructor(
    readonly op: string,
    readonly code: number | undefined,
    readonly status: number | undefined,
    msg: string,
  ) {
    super(`${op} failed: ${status !== undefined ? `HTTP ${status} ` : ''}${code !== undefined ? `code ${code} ` : ''}${msg}`);
    this.name = 'FeishuApiError';
  }
}

export class FileTooBigError extends Error {}

/** Codes from https://open.feishu.cn/document/server-docs/api-call-guide/generic-error-code */
const RATE_LIMIT_CODES = new Set([99991400, 11232, 230020]);
const TOKEN_INVALID_CODES = new Set([99991661, 99991663, 99991668, 99991671]);

interface Classified {
  status?: number;
  code?: number;
  msg: string;
  retry: boolean;
  tokenInvalid: boolean;
  retryAfterMs?: number;
}

function classify(e: unknown): Classified {
  const err = e as {
    message?: string;
    code?: unknown;
    response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
  };
  if (e instanceof FeishuApiError) {
    return {
      status: e.status,
      code: e.code,
      msg: e.message,
      retry: e.code !== undefined && RATE_LIMIT_CODES.has(e.code),
      tokenInvalid: e.code !== undefined && TOKEN_INVALID_CODES.has(e.code),
    };
  }
  const status = err.response?.status;
  const data = err.response?.data;
  const code = data && typeof data === 'object' && typeof (data as { code?: unknown }).code === 'number' ? (data as { code: number }).code : undefined;
  const msg = data && typeof data === 'object' && typeof (data as { msg?: unknown }).msg === 'string' ? (data as { msg: string }).msg : (err.message ?? String(e));
  const reset = Number(err.response?.headers?.['x-ogw-ratelimit-reset']);
  return {
    status,
    code,
    msg,
    retry:
      (status !== undefined && (status >= 500 || status === 429)) ||
      (code !== undefined && RATE_LIMIT_CODES.has(code)) ||
      (status === undefined && isNetworkErrorCode(err.code)),
    tokenInvalid: code !== undefined && TOKEN_INVALID_CODES.has(code),
    retryAfterMs: Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined,
  };
}

/** The SDK's token cache, owned by us so that an early-revoked token can be dropped. */
class TokenCache implements lark.Cache {
  private readonly values = new Map<unknown, { value: unknown; expire?: number }>();
  private key(k: string | Symbol, ns?: string) {
    return `${ns ?? ''}:${String(k)}`;
  }
  async set(key: string | Symbol, value: unknown, expire?: number, options?: { namespace?: string }) {
    this.values.set(this.key(key, options?.namespace), { value, expire });
    return true;
  }
  async get(key: string | Symbol, options?: { namespace?: string }) {
    const hit = this.values.get(this.key(key, options?.namespace));
    if (!hit) return undefined;
    if (hit.expire !== undefined && hit.expire > 0 && hit.expire < Date.now()) {
      this.values.delete(this.key(key, options?.namespace));
      return undefined;
    }
    return hit.value;
  }
  clear() {
    this.values.clear();
  }
}

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 500, maxMs: 8_000 };

export interface FeishuApiOptions {
  appId: string;
  appSecret: string;
  domain: lark.Domain | string;
  logger: lark.Logger;
  log: Log;
  retry?: RetryPolicy;
}

/** Idempotency key for message sends: Feishu drops a second send with the same uuid within 1 h. */
export function sendUuid(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

export class FeishuApi {
  readonly client: lark.Client;
  private readonly cache = new TokenCache();
  private readonly retry: RetryPolicy;
  private readonly log: Log;
  private botOpenIdPromise?: Promise<string | undefined>;

  constructor(opts: FeishuApiOptions) {
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.log = opts.log;
    this.client = new lark.Client({
      appId: opts.appId,
      appSecret: opts.appSecret,
      domain: opts.domain,
      appType: lark.AppType.SelfBuild,
      cache: this.cache,
      logger: opts.logger,
      loggerLevel: lark.LoggerLevel.error,
    });
  }

  private async call<T>(op: string, fn: () => Promise<T>): Promise<T> {
    let refreshed = false;
    const attempt = async (): Promise<T> => {
      try {
        return await fn();
      } catch (e) {
        if (refreshed || e instanceof FileTooBigError || !classify(e).tokenInvalid) throw e;
        // The SDK trusts its cached token until 3 min before expiry; Feishu may revoke it earlier.
        // One immediate try with a fresh token, not counted as an attempt.
        refreshed = true;
        this.cache.clear();
        return fn();
      }
    };
    const { attempts, baseMs, maxMs } = this.retry;
    try {
      return await retry(attempt, {
        attempts,
        baseDelayMs: baseMs,
        maxDelayMs: maxMs,
        delayFor: (e, _attempt, backoffMs) => {
          if (e instanceof FileTooBigError) return undefined;
          const c = classify(e);
          // Feishu's x-ogw-ratelimit-reset lengthens the wait, within our cap.
          return c.retry ? Math.min(maxMs, Math.max(backoffMs, c.retryAfterMs ?? 0)) : undefined;
        },
        onRetry: (e, n, wait) => {
          const c = classify(e);
          this.log.warn(`${op}: attempt ${n} failed (${c.status ?? '-'} ${c.code ?? '-'}), retrying in ${wait} ms`);
        },
      });
    } catch (e) {
      if (e instanceof FileTooBigError || e instanceof FeishuApiError) throw e;
      const c = classify(e);
      throw new FeishuApiError(op, c.code, c.status, c.msg);
    }
  }

  private static check<T extends { code?: number; msg?: string }>(op: string, res: T): T {
    if (res && typeof res.code === 'number' && res.code !== 0) throw new FeishuApiError(op, res.code, undefined, res.msg ?? '');
    return res;
  }

  /** The bot's own open_id, to tell a mention of the bot from mentions of people. Undefined if unknown. */
  botOpenId(): Promise<string | undefined> {
    this.botOpenIdPromise ??= this.call('bot.info', () =>
      this.client.request<{ code?: number; msg?: string; bot?: { open_id?: string } }>({ url: '/open-apis/bot/v3/info', method: 'GET' }),
    ).then(
      (res) => res?.bot?.open_id || undefined,
      (e: unknown) => {
        this.log.warn(`bot info unavailable, treating every group mention as addressed to the bot: ${(e as Error).message}`);
        // Try again on a later message rather than caching the failure forever.
        this.botOpenIdPromise = undefined;
        return undefined;
      },
    );
    return this.botOpenIdPromise;
  }

  /** Sends into a chat. Returns the new message id. */
  async send(chatId: string, msgType: string, content: string, uuid: string): Promise<string | undefined> {
    const res = await this.call('message.create', async () =>
      FeishuApi.check(
        'message.create',
        await this.client.im.message.create({
          params: { receive_id_type: 'chat_id' },
          data: { receive_id: chatId, msg_type: msgType, content, uuid },
        }),
      ),
    );
    return res.data?.message_id;
  }

  /** Replies to a message (threads the answer under the user's message in groups). */
  async reply(messageId: string, msgType: string, content: string, uuid: string): Promise<string | undefined> {
    const res = await this.call('message.reply', async () =>
      FeishuApi.check(
        'message.reply',
        await this.client.im.message.reply({ path: { message_id: messageId }, data: { msg_type: msgType, content, uuid } }),
      ),
    );
    return res.data?.message_id;
  }

  async patchCard(messageId: string, card: Record<string, unknown>): Promise<void> {
    await this.call('message.patch', async () =>
      FeishuApi.check(
        'message.patch',
        await this.client.im.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } }),
      ),
    );
  }

  async uploadFile(name: string, bytes: Uint8Array): Promise<string> {
    const fileKey = await this.call('file.create', async () => {
      // The SDK returns `data` only (`{ file_key }`), dropping code/msg; null means a failed call.
      // A bare Buffer goes out as a plain form field without a filename (axios + form-data), which
      // is not a file part. A stream with a `path` becomes `filename="<name>"`, like fs.ReadStream.
      // A fresh stream per attempt: a stream can be read once.
      const file = Object.assign(Readable.from(Buffer.from(bytes)), { path: name });
      const res = await this.client.im.file.create({
        data: { file_type: 'stream', file_name: name, file: file as unknown as ReadStream },
      });
      if (!res?.file_key) throw new FeishuApiError('file.create', undefined, undefined, 'no file_key in response');
      return res.file_key;
    });
    return fileKey;
  }

  /** Downloads a file attached to a message, refusing anything larger than `maxBytes`. */
  async download(messageId: string, fileKey: string, maxBytes: number): Promise<Uint8Array> {
    return this.call('messageResource.get', async () => {
      const res = await this.client.im.messageResource.get({
        path: { message_id: messageId, file_key: fileKey },
        params: { type: 'file' },
      });
      const stream = res.getReadableStream() as Readable;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream) {
        const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        size += b.length;
        if (size > maxBytes) {
          stream.destroy();
          throw new FileTooBigError(`file larger than ${maxBytes} bytes`);
        }
        chunks.push(b);
      }
      return new Uint8Array(Buffer.concat(chunks));
    });
  }
}

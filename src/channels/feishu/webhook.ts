/**
 * The HTTP event endpoint (FEISHU_MODE=webhook). Not the SDK's `adaptDefault`: that adapter leaves
 * requests to other paths hanging, cannot answer 401 to a forged request, checks no verification
 * token and signs the re-serialised body rather than the raw one. The SDK's AESCipher does the
 * decryption and its EventDispatcher (via `onEvent`) the event parsing, as in long-connection mode.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Log } from './log.ts';
import { envelopeProblem } from './schema.ts';

export interface WebhookOptions {
  host: string;
  port: number;
  path: string;
  verificationToken?: string;
  encryptKey?: string;
  log: Log;
  /** Takes a decrypted, verified event body; resolves (quickly) with the JSON to answer. */
  onEvent: (body: Record<string, unknown>) => Promise<unknown>;
  maxBodyBytes?: number;
  /** Signed requests whose timestamp is further than this from our clock are refused (replays). */
  maxClockSkewMs?: number;
  now?: () => number;
}

/** Feishu signs each request with its send time; a captured request is useless after this long. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface RunningWebhook {
  port: number;
  close(): Promise<void>;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function header(req: http.IncomingMessage, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new HttpError(413, 'body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startWebhook(opts: WebhookOptions): Promise<RunningWebhook> {
  const { log } = opts;
  const cipher = opts.encryptKey ? new lark.AESCipher(opts.encryptKey) : undefined;
  const max = opts.maxBodyBytes ?? 1024 * 1024;
  let closing = false;
  const now = opts.now ?? Date.now;
  const skew = opts.maxClockSkewMs ?? MAX_CLOCK_SKEW_MS;

  const handle = async (req: http.IncomingMessage): Promise<unknown> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== opts.path) throw new HttpError(404, 'not found');
    if (req.method !== 'POST') throw new HttpError(405, 'method not allowed');
    // During shutdown a 503 makes Feishu deliver the event again later, to the next instance.
    if (closing) throw new HttpError(503, 'shutting down');
    const raw = await readBody(req, max);
    let body: Record<string, unknown>;
    try {
      const v: unknown = JSON.parse(raw.toString('utf8'));
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      body = v as Record<string, unknown>;
    } catch {
      throw new HttpError(400, 'invalid JSON');
    }

    let plain = body;
    if ('encrypt' in body && typeof body.encrypt !== 'string') throw new HttpError(400, 'encrypt is not a string');
    if (typeof body.encrypt === 'string') {
      if (!cipher) throw new HttpError(400, 'encrypted event but FEISHU_ENCRYPT_KEY is not set');
      try {
        plain = JSON.parse(cipher.decrypt(body.encrypt)) as Record<string, unknown>;
      } catch {
        throw new HttpError(400, 'cannot decrypt event (wrong FEISHU_ENCRYPT_KEY?)');
      }
      if (!plain || typeof plain !== 'object' || Array.isArray(plain)) throw new HttpError(400, 'decrypted event is not an object');
    }

    const hdr = plain.header && typeof plain.header === 'object' ? (plain.header as Record<string, unknown>) : undefined;
    const token = typeof hdr?.token === 'string' ? hdr.token : typeof plain.token === 'string' ? plain.token : '';
    if (opts.verificationToken && !safeEqual(token, opts.verificationToken)) {
      throw new HttpError(401, 'verification token mismatch');
    }

    if (plain.type === 'url_verification') {
      // Only the app's own Feishu console knows the token/key, so answering proves the URL is ours.
      if (!opts.verificationToken && !cipher) throw new HttpError(401, 'cannot verify challenge');
      return { challenge: plain.challenge };
    }

    const ts = header(req, 'x-lark-request-timestamp');
    if (opts.encryptKey) {
      const nonce = header(req, 'x-lark-request-nonce');
      const sig = header(req, 'x-lark-signature');
      const expected = createHash('sha256').update(ts + nonce + opts.encryptKey).update(raw).digest('hex');
      if (sig === '' || !safeEqual(sig, expected)) throw new HttpError(401, 'signature mismatch');
    }
    // The timestamp is signed (with an encrypt key), so it cannot be moved forward: a request
    // captured and sent again later is refused even once its dedup entry has aged out.
    if (opts.encryptKey || ts !== '') {
      const sent = Number(ts) * 1000;
      if (!Number.isFinite(sent) || ts === '' || Math.abs(now() - sent) > skew) throw new HttpError(401, 'request timestamp too far from now');
    }

    const problem = envelopeProblem(plain);
    if (problem) throw new HttpError(400, problem);

    const result = await opts.onEvent(plain);
    return result && typeof result === 'object' ? result : {};
  };

  const server = http.createServer((req, res) => {
    handle(req).then(
      (result) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(result));
      },
      (e: unknown) => {
        const status = e instanceof HttpError ? e.status : 500;
        if (status === 400) log.warn(`refused a malformed event: ${(e as Error).message}`);
        else if (status === 401) log.warn(`rejected event from ${req.socket.remoteAddress ?? '?'}: ${(e as Error).message}`);
        else if (status >= 500) log.error(`event endpoint failed: ${(e as Error).message}`);
        if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: e instanceof HttpError ? e.message : 'internal error' }));
      },
    );
  });
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info(`event endpoint listening on ${opts.host}:${port}${opts.path}`);

  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

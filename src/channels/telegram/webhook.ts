/** Webhook mode: an HTTP listener that checks the secret token and hands each update to the intake. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { updateProblem } from './schema.ts';
import type { TelegramConfig } from './config.ts';
import { withRetry } from './retry.ts';
import { ALLOWED_UPDATES } from './updates.ts';

const MAX_WEBHOOK_BODY = 1024 * 1024;

export type WebhookConfig = NonNullable<TelegramConfig['webhook']>;

export interface WebhookDeps {
  tg: Telegram;
  log: (line: string) => void;
  describe: (err: unknown) => string;
  /** Aborted on shutdown: deliveries then get 503, so Telegram keeps them for later. */
  stopping: AbortSignal;
  /** Records the updates as taken and starts them (resolves before the work finishes). */
  admit(updates: readonly Update[]): Promise<void>;
}

/** Listens, registers the URL with Telegram, and returns the server and its port. */
export async function listenForWebhook(hook: WebhookConfig, deps: WebhookDeps): Promise<{ server: Server; port: number }> {
  const { tg, log, describe } = deps;
  const srv = createServer((req, res) => {
    void (async () => {
      const status = await webhookRequest(req, hook, deps);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? '' : String(status));
    })().catch((err) => {
      log(`telegram: webhook request failed: ${describe(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(hook.port, hook.host, () => resolve());
  });
  try {
    await withRetry(() => tg.setWebhook(hook.url, { secret_token: hook.secret, allowed_updates: [...ALLOWED_UPDATES] }));
  } catch (err) {
    srv.close();
    throw new Error(`telegram: setWebhook failed (${describe(err)})`);
  }
  const port = (srv.address() as AddressInfo).port;
  log(`telegram: webhook mode, listening on port ${port}${hook.path}`);
  return { server: srv, port };
}

async function webhookRequest(req: IncomingMessage, hook: WebhookConfig, deps: WebhookDeps): Promise<number> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path !== hook.path) return drain(req, 404);
  if (req.method !== 'POST') return drain(req, 405);
  const header = req.headers['x-telegram-bot-api-secret-token'];
  if (typeof header !== 'string' || !sameSecret(header, hook.secret)) {
    deps.log('telegram: webhook request with a wrong secret token rejected');
    return drain(req, 401);
  }
  // Telegram retries non-2xx deliveries later, so during shutdown we let it keep the update.
  if (deps.stopping.aborted) return drain(req, 503);
  const body = await readBody(req, MAX_WEBHOOK_BODY);
  if (body === undefined) return 413;
  let update: unknown;
  try {
    update = JSON.parse(body.toString('utf8'));
  } catch {
    return 400;
  }
  if (typeof update !== 'object' || update === null || !Number.isSafeInteger((update as Update).update_id)) return 400;
  const problem = updateProblem(update);
  if (problem) {
    deps.log(`telegram: webhook ${problem}`);
    return 400;
  }
  // Acknowledge once the update is in the inbox; the work continues after the answer (channels/pipeline.ts).
  await deps.admit([update as Update]);
  return 200;
}

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function drain(req: IncomingMessage, status: number): Promise<number> {
  req.resume();
  return status;
}

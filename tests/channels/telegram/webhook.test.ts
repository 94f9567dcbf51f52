/** Webhook mode: the secret-token check, routing, and a real update flowing through to a reply. */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startTelegram } from '../../../src/channels/telegram/index.ts';
import { FakeBotApi } from './fakeBotApi.ts';
import { alice, scriptedEngine, startHarness, tempDir, textOf, type Harness } from './helpers.ts';

const SECRET = 'S3cret_token-for-tests';
const WEBHOOK_ENV = {
  TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg/hook',
  TELEGRAM_WEBHOOK_SECRET: SECRET,
  TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
  TELEGRAM_WEBHOOK_PORT: '0',
};

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    expect(h.logs.join('\n')).not.toContain(h.api.token);
    await h.close();
  }
});

function post(port: number, path: string, body: string, headers: Record<string, string> = {}, method = 'POST'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function update(id: number, text: string) {
  return JSON.stringify({
    update_id: id,
    message: { message_id: id, date: 0, chat: { id: alice.id, type: 'private', first_name: 'Alice' }, from: alice, text },
  });
}

async function webhookHarness(engine = scriptedEngine((input) => [{ type: 'text', text: `收到：${input.type === 'text' ? input.text : input.type}` }])) {
  const h = await startHarness(engine, WEBHOOK_ENV);
  harnesses.push(h);
  return { h, engine, port: h.channel.webhookPort! };
}

describe('telegram webhook mode', () => {
  it('registers the webhook with the secret and does not poll', async () => {
    const { h } = await webhookHarness();
    const [set] = h.api.callsOf('setWebhook');
    expect(set!.params).toMatchObject({ url: WEBHOOK_ENV.TELEGRAM_WEBHOOK_URL, secret_token: SECRET });
    expect(set!.params.allowed_updates).toEqual(['message', 'callback_query']);
    expect(h.api.callsOf('getUpdates')).toHaveLength(0);
    expect(h.api.callsOf('deleteWebhook')).toHaveLength(0);
  });

  it('rejects a wrong or missing secret token with 401 and never reaches the engine', async () => {
    const { h, engine, port } = await webhookHarness();
    expect((await post(port, '/tg/hook', update(1, '你好'), { 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
    expect((await post(port, '/tg/hook', update(2, '你好'))).status).toBe(401);
    expect((await post(port, '/tg/hook', update(3, '你好'), { 'x-telegram-bot-api-secret-token': `${SECRET}x` })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(engine.turns).toHaveLength(0);
    expect(h.api.outbox(alice.id)).toHaveLength(0);
  });

  it('handles an update with the right secret and answers through the Bot API', async () => {
    const { h, engine, port } = await webhookHarness();
    const res = await post(port, '/tg/hook', update(10, '*_[ 你好'), { 'x-telegram-bot-api-secret-token': SECRET });
    expect(res.status).toBe(200);
    const [reply] = await h.api.waitOutbox(alice.id, 1);
    expect(textOf(reply!)).toBe('收到：*_[ 你好');
    expect(engine.turns[0]!.userKey).toBe(`telegram:${alice.id}:${alice.id}`);
    // Telegram re-delivers when unsure: the same update id is taken only once.
    expect((await post(port, '/tg/hook', update(10, '*_[ 你好'), { 'x-telegram-bot-api-secret-token': SECRET })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 150));
    expect(engine.turns).toHaveLength(1);
  });

  it('answers 404 off the path, 405 for other methods and 400 for a broken body', async () => {
    const { port } = await webhookHarness();
    const auth = { 'x-telegram-bot-api-secret-token': SECRET };
    expect((await post(port, '/other', update(1, 'x'), auth)).status).toBe(404);
    expect((await post(port, '/tg/hook', '', auth, 'GET')).status).toBe(405);
    expect((await post(port, '/tg/hook', '{not json', auth)).status).toBe(400);
    expect((await post(port, '/tg/hook', '{"no_update_id":1}', auth)).status).toBe(400);
  });

  it('stop() releases the port', async () => {
    const { h, port } = await webhookHarness();
    await h.channel.stop();
    await expect(post(port, '/tg/hook', update(1, 'x'), { 'x-telegram-bot-api-secret-token': SECRET })).rejects.toThrow();
  });

  it('refuses to start in webhook mode without a secret, and without a token', async () => {
    const api = await new FakeBotApi().start();
    const dir = await tempDir();
    const engine = scriptedEngine(() => []);
    const base = { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dir.dir, TELEGRAM_ALLOWED_USERS: '*' };
    await expect(startTelegram(engine, { ...base, TELEGRAM_WEBHOOK_URL: 'https://x.example/hook' }, { log: () => undefined })).rejects.toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    await expect(startTelegram(engine, { TELEGRAM_API_ROOT: api.apiRoot }, { log: () => undefined })).rejects.toThrow(/TELEGRAM_BOT_TOKEN/);
    // A token the server rejects: a clear error that does not quote the token.
    const err = await startTelegram(engine, { ...base, TELEGRAM_BOT_TOKEN: '999:WRONG-secret-token' }, { log: () => undefined }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/getMe failed/);
    expect((err as Error).message).not.toContain('WRONG-secret-token');
    await api.close();
    await dir.remove();
  });
});

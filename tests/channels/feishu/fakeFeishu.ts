/** A local fake of the Feishu Open API endpoints the adapter uses, plus helpers to post events. */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  via: 'create' | 'reply';
  /** chat_id for create, the replied-to message_id for reply. */
  to: string;
  msgType: string;
  content: Record<string, unknown>;
  uuid?: string;
  messageId: string;
}

export interface UploadedFile {
  fileKey: string;
  fileType: string;
  fileName: string;
  /** The filename on the multipart file part itself. */
  partFileName: string;
  bytes: Buffer;
}

export interface FakeFeishu {
  url: string;
  appId: string;
  appSecret: string;
  botOpenId: string;
  sent: SentMessage[];
  uploads: UploadedFile[];
  patches: Array<{ messageId: string; card: Record<string, unknown> }>;
  tokenRequests: number;
  /** Long-connection discovery calls (the WSClient's first step). */
  wsDiscoveries: Array<{ appId: string; secretOk: boolean }>;
  /** Every request's method and path, in order. */
  log: string[];
  /** Files users "sent": message_id/file_key → bytes, served by the resource download. */
  resources: Map<string, Buffer>;
  /** Make the next `times` requests whose path contains `pathPart` fail with `status` (and optional body). */
  failNext(pathPart: string, status: number, times: number, body?: Record<string, unknown>): void;
  /** Make the cached token invalid: the next API call gets 99991663, forcing a new token. */
  revokeToken(): void;
  close(): Promise<void>;
}

export async function startFakeFeishu(opts: { appId?: string; appSecret?: string; botOpenId?: string } = {}): Promise<FakeFeishu> {
  const appId = opts.appId ?? 'cli_0123456789abcdef';
  const appSecret = opts.appSecret ?? 'fake-app-secret-value';
  const botOpenId = opts.botOpenId ?? 'ou_bot';
  let tokenSerial = 0;
  let validToken = '';
  let msgSerial = 0;
  const faults: Array<{ pathPart: string; status: number; times: number; body?: Record<string, unknown> }> = [];
  const seenUuids = new Map<string, string>();

  const fake: FakeFeishu = {
    url: '',
    appId,
    appSecret,
    botOpenId,
    sent: [],
    uploads: [],
    patches: [],
    tokenRequests: 0,
    wsDiscoveries: [],
    log: [],
    resources: new Map(),
    failNext(pathPart, status, times, body) {
      faults.push({ pathPart, status, times, body });
    },
    revokeToken() {
      validToken = 'revoked';
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const p = url.pathname;
    fake.log.push(`${req.method} ${p}`);

    const fault = faults.find((f) => p.includes(f.pathPart) && f.times > 0);
    if (fault) {
      fault.times--;
      return json(res, fault.status, fault.body ?? { code: 1, msg: 'injected failure' });
    }

    if (p === '/open-apis/auth/v3/tenant_access_token/internal' && req.method === 'POST') {
      fake.tokenRequests++;
      const body = JSON.parse(raw.toString('utf8')) as { app_id?: string; app_secret?: string };
      if (body.app_id !== appId || body.app_secret !== appSecret) return json(res, 400, { code: 10014, msg: 'app secret invalid' });
      // Like Feishu: a token still valid is handed out again, so several instances share it.
      if (validToken === '' || validToken === 'revoked') validToken = `t-faketoken${++tokenSerial}abcdefghijklmnop`;
      return json(res, 200, { code: 0, msg: 'ok', tenant_access_token: validToken, expire: 7200 });
    }

    if (p === '/callback/ws/endpoint' && req.method === 'POST') {
      // Long-connection discovery. The socket itself speaks protobuf frames; we stop at discovery.
      const body = JSON.parse(raw.toString('utf8')) as { AppID?: string; AppSecret?: string };
      fake.wsDiscoveries.push({ appId: body.AppID ?? '', secretOk: body.AppSecret === appSecret });
      return json(res, 200, { code: 1000040351, msg: 'fake: no long connection here', data: {} });
    }

    if (req.headers.authorization !== `Bearer ${validToken}` || validToken === 'revoked') {
      return json(res, 400, { code: 99991663, msg: 'Invalid access token for authorization.' });
    }

    if (p === '/open-apis/bot/v3/info' && req.method === 'GET') {
      return json(res, 200, { code: 0, msg: 'ok', bot: { open_id: botOpenId, app_name: '绩效目标表助手' } });
    }

    const record = (via: SentMessage['via'], to: string) => {
      const body = JSON.parse(raw.toString('utf8')) as { msg_type: string; content: string; uuid?: string };
      // Like Feishu: the same uuid within an hour returns the first message instead of sending again.
      const dup = body.uuid ? seenUuids.get(body.uuid) : undefined;
      if (dup) return json(res, 200, { code: 0, msg: 'ok', data: { message_id: dup } });
      const messageId = `om_fake_${++msgSerial}`;
      if (body.uuid) seenUuids.set(body.uuid, messageId);
      fake.sent.push({ via, to, msgType: body.msg_type, content: JSON.parse(body.content) as Record<string, unknown>, uuid: body.uuid, messageId });
      return json(res, 200, { code: 0, msg: 'ok', data: { message_id: messageId, msg_type: body.msg_type } });
    };

    if (p === '/open-apis/im/v1/messages' && req.method === 'POST') {
      if (url.searchParams.get('receive_id_type') !== 'chat_id') return json(res, 400, { code: 230001, msg: 'bad receive_id_type' });
      const body = JSON.parse(raw.toString('utf8')) as { receive_id: string };
      return record('create', body.receive_id);
    }
    let m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(p);
    if (m && req.method === 'POST') return record('reply', decodeURIComponent(m[1] ?? ''));

    m = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(p);
    if (m && req.method === 'PATCH') {
      const body = JSON.parse(raw.toString('utf8')) as { content: string };
      fake.patches.push({ messageId: decodeURIComponent(m[1] ?? ''), card: JSON.parse(body.content) as Record<string, unknown> });
      return json(res, 200, { code: 0, msg: 'ok', data: {} });
    }

    m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(p);
    if (m && req.method === 'GET') {
      const bytes = fake.resources.get(`${decodeURIComponent(m[1] ?? '')}/${decodeURIComponent(m[2] ?? '')}`);
      if (!bytes || url.searchParams.get('type') !== 'file') return json(res, 404, { code: 234003, msg: 'file not found' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) });
      return res.end(bytes);
    }

    if (p === '/open-apis/im/v1/files' && req.method === 'POST') {
      const form = await new Response(raw, { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
      const file = form.get('file');
      if (!(file instanceof Blob)) return json(res, 400, { code: 234001, msg: 'no file part' });
      const bytes = Buffer.from(await file.arrayBuffer());
      if (bytes.length === 0) return json(res, 400, { code: 234010, msg: 'empty file' });
      const fileKey = `file_v3_fake_${fake.uploads.length + 1}`;
      fake.uploads.push({ fileKey, fileType: String(form.get('file_type')), fileName: String(form.get('file_name')), partFileName: file instanceof File ? file.name : '', bytes });
      return json(res, 200, { code: 0, msg: 'ok', data: { file_key: fileKey } });
    }

    return json(res, 404, { code: 404, msg: `no fake for ${req.method} ${p}` });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** Encrypts like Feishu: AES-256-CBC, key = sha256(encrypt key), random IV prepended, base64. */
export function encryptEvent(plain: unknown, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]).toString('base64');
}

let serial = 0;

export interface MessageOpts {
  eventId?: string;
  messageId?: string;
  chatId?: string;
  chatType?: 'p2p' | 'group';
  openId?: string;
  userId?: string;
  tenant?: string;
  token: string;
  messageType?: string;
  content: Record<string, unknown>;
  mentions?: Array<{ key: string; id: { open_id: string }; name: string }>;
}

export function messageEvent(o: MessageOpts): Record<string, unknown> {
  const n = ++serial;
  return {
    schema: '2.0',
    header: {
      event_id: o.eventId ?? `ev_msg_${n}_${Date.now()}`,
      token: o.token,
      create_time: String(Date.now()),
      event_type: 'im.message.receive_v1',
      tenant_key: o.tenant ?? 'tenant_a',
      app_id: 'cli_0123456789abcdef',
    },
    event: {
      sender: {
        sender_id: { open_id: o.openId ?? 'ou_alice', user_id: o.userId ?? 'u_alice', union_id: 'on_alice' },
        sender_type: 'user',
        tenant_key: o.tenant ?? 'tenant_a',
      },
      message: {
        message_id: o.messageId ?? `om_user_${n}_${Date.now()}`,
        create_time: String(Date.now()),
        chat_id: o.chatId ?? 'oc_p2p_alice',
        chat_type: o.chatType ?? 'p2p',
        message_type: o.messageType ?? 'text',
        content: JSON.stringify(o.content),
        mentions: o.mentions,
      },
    },
  };
}

export function cardActionEvent(o: {
  token: string;
  value: unknown;
  cardMessageId: string;
  chatId?: string;
  openId?: string;
  eventId?: string;
}): Record<string, unknown> {
  const n = ++serial;
  return {
    schema: '2.0',
    header: {
      event_id: o.eventId ?? `ev_card_${n}_${Date.now()}`,
      token: o.token,
      create_time: String(Date.now()),
      event_type: 'card.action.trigger',
      tenant_key: 'tenant_a',
      app_id: 'cli_0123456789abcdef',
    },
    event: {
      operator: { tenant_key: 'tenant_a', open_id: o.openId ?? 'ou_alice', user_id: 'u_alice', union_id: 'on_alice' },
      token: 'c-card-update-token',
      action: { value: o.value, tag: 'button' },
      host: 'im_message',
      context: { open_message_id: o.cardMessageId, open_chat_id: o.chatId ?? 'oc_p2p_alice' },
    },
  };
}

/** POSTs an event like Feishu does: encrypted and signed when an encrypt key is given. */
export async function postEvent(
  endpoint: string,
  event: Record<string, unknown>,
  opts: { encryptKey?: string; signWith?: string; timestampSec?: number; rawBody?: string } = {},
): Promise<{ status: number; body: unknown; ms: number }> {
  const body = opts.rawBody ?? (opts.encryptKey ? JSON.stringify({ encrypt: encryptEvent(event, opts.encryptKey) }) : JSON.stringify(event));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signKey = opts.signWith ?? opts.encryptKey;
  if (signKey) {
    const ts = String(opts.timestampSec ?? Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    headers['x-lark-request-timestamp'] = ts;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = createHash('sha256').update(ts + nonce + signKey + body).digest('hex');
  }
  const t0 = performance.now();
  const res = await fetch(endpoint, { method: 'POST', headers, body });
  const text = await res.text();
  const ms = performance.now() - t0;
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed, ms };
}

export async function waitFor(cond: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Lets pending work run, to show that something did NOT happen. */
export const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

/** The channel's settings for webhook mode against the fake server on a free port. */
export function webhookEnv(fake: FakeFeishu, dataDir: string, token: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    FEISHU_APP_ID: fake.appId,
    FEISHU_APP_SECRET: fake.appSecret,
    FEISHU_MODE: 'webhook',
    FEISHU_HOST: '127.0.0.1',
    FEISHU_PORT: '0',
    FEISHU_PATH: '/feishu/events',
    FEISHU_VERIFICATION_TOKEN: token,
    FEISHU_DOMAIN: fake.url,
    DATA_DIR: dataDir,
    ...extra,
  };
}

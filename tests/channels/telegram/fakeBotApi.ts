/**
 * A local fake of the Telegram Bot API (the network edge), good enough for the real telegraf client:
 * long polling with Telegram's offset confirmation, JSON and multipart requests, file downloads,
 * and injected failures (429 with retry_after, 5xx).
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  files: Record<string, UploadedFile>;
  at: number;
  /** The id of the message this call created (sendMessage/sendDocument that succeeded). */
  messageId?: number;
}

export interface FakeUser {
  id: number;
  first_name: string;
  is_bot: false;
  username?: string;
}

interface StoredMessage {
  message_id: number;
  date: number;
  chat: { id: number; type: string; title?: string; first_name?: string };
  from?: unknown;
  text?: string;
  reply_markup?: unknown;
  reply_to_message?: unknown;
  [key: string]: unknown;
}

interface Failure {
  status: number;
  body: unknown;
}

export class FakeBotApi {
  readonly token: string;
  readonly bot = { id: 7000001, is_bot: true as const, first_name: '绩效助手', username: 'perf_target_test_bot' };
  readonly calls: ApiCall[] = [];
  /** Requests whose token did not match (should stay empty). */
  readonly unauthorized: string[] = [];
  /** When true, getUpdates offsets are not remembered: emulates a bot that died before confirming. */
  ignoreConfirmations = false;

  private server: Server;
  private updates: Array<{ update_id: number; [key: string]: unknown }> = [];
  private confirmed = 0;
  private nextUpdateId = 100;
  private nextMessageId = 1;
  private nextFileId = 1;
  private messages = new Map<string, StoredMessage>();
  private files = new Map<string, { path: string; bytes: Buffer }>();
  private failures = new Map<string, Failure[]>();
  private events = new EventEmitter();
  private port = 0;

  constructor(token = '123456:TEST-token_abcdefghijklmnopqrstuvwxyz') {
    this.token = token;
    this.events.setMaxListeners(100);
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err) => {
        res.writeHead(500).end(String(err));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    this.events.emit('update');
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- driving the bot ----

  pushUpdate(update: Record<string, unknown>): number {
    const update_id = this.nextUpdateId++;
    this.updates.push({ update_id, ...update });
    this.events.emit('update');
    return update_id;
  }

  /** A user message; returns the update id and the message id. */
  userMessage(
    user: FakeUser,
    content: Record<string, unknown>,
    chat: { id: number; type: 'private' | 'group' | 'supergroup'; title?: string } = { id: user.id, type: 'private' },
    replyToMessageId?: number,
  ): { updateId: number; messageId: number } {
    const message: StoredMessage = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: chat.type === 'private' ? { id: chat.id, type: 'private', first_name: user.first_name } : { id: chat.id, type: chat.type, title: chat.title ?? 'group' },
      from: user,
      ...content,
    };
    if (replyToMessageId !== undefined) message.reply_to_message = this.messages.get(`${chat.id}:${replyToMessageId}`);
    this.messages.set(`${chat.id}:${message.message_id}`, message);
    return { updateId: this.pushUpdate({ message }), messageId: message.message_id };
  }

  text(user: FakeUser, text: string, chat?: Parameters<FakeBotApi['userMessage']>[2], replyTo?: number) {
    const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
    return this.userMessage(user, { text, ...(entities ? { entities } : {}) }, chat, replyTo);
  }

  /** The user sends a document: it is stored so that getFile and the download work. */
  document(user: FakeUser, name: string, bytes: Buffer, mime = 'application/json', chat?: Parameters<FakeBotApi['userMessage']>[2]) {
    const file_id = `FILE${this.nextFileId++}`;
    this.files.set(file_id, { path: `documents/${file_id}_${encodeURIComponent(name)}`, bytes });
    return this.userMessage(user, { document: { file_id, file_unique_id: `u${file_id}`, file_name: name, mime_type: mime, file_size: bytes.length } }, chat);
  }

  /** The user presses a button of a message the bot sent. */
  press(user: FakeUser, chatId: number, messageId: number, data: string): number {
    const message = this.messages.get(`${chatId}:${messageId}`);
    if (!message) throw new Error(`no message ${messageId} in chat ${chatId}`);
    return this.pushUpdate({
      callback_query: { id: `cq${this.nextUpdateId}`, from: user, message, chat_instance: `ci${chatId}`, data },
    });
  }

  /** The next `count` calls of `method` fail with this Bot API error. */
  failNext(method: string, failure: { error_code: number; description: string; retry_after?: number }, count = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) {
      list.push({
        status: failure.error_code,
        body: {
          ok: false,
          error_code: failure.error_code,
          description: failure.description,
          ...(failure.retry_after !== undefined ? { parameters: { retry_after: failure.retry_after } } : {}),
        },
      });
    }
    this.failures.set(method, list);
  }

  /** The next `count` calls of `method` lose their connection without any answer. */
  dropNext(method: string, count = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push({ status: 0, body: undefined });
    this.failures.set(method, list);
  }

  // ---- inspecting ----

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages and documents sent to `chatId`, in order. */
  outbox(chatId: number): ApiCall[] {
    return this.calls.filter((c) => (c.method === 'sendMessage' || c.method === 'sendDocument') && Number(c.params.chat_id) === chatId);
  }

  messageIdOfCall(call: ApiCall): number | undefined {
    return call.messageId;
  }

  lastMessageId(chatId: number): number {
    let max = 0;
    for (const m of this.messages.values()) if (m.chat.id === chatId && m.message_id > max && m.from === this.bot) max = m.message_id;
    return max;
  }

  /** Resolves when `predicate` holds, re-checked after every API call. */
  waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate()) {
          cleanup();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; calls: ${this.calls.map((c) => c.method).join(',')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('call', check);
      };
      this.events.on('call', check);
    });
  }

  /** Waits until at least `n` messages/documents went to `chatId` and returns them. */
  async waitOutbox(chatId: number, n: number, timeoutMs = 10_000): Promise<ApiCall[]> {
    await this.waitFor(() => this.outbox(chatId).length >= n, timeoutMs, `${n} messages to chat ${chatId}`);
    return this.outbox(chatId);
  }

  // ---- HTTP ----

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiRoot);
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) {
      if (decodeURIComponent(fileMatch[1]!) !== this.token) {
        this.unauthorized.push(url.pathname);
        res.writeHead(401).end();
        return;
      }
      const path = fileMatch[2]!;
      const file = [...this.files.values()].find((f) => f.path === path || encodeURI(f.path) === path);
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file.bytes);
      return;
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const body = await readAll(req);
    if (decodeURIComponent(m[1]!) !== this.token) {
      this.unauthorized.push(m[2]!);
      return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    }
    const method = m[2]!;
    const { params, files } = parseBody(req.headers['content-type'] ?? '', body);
    const call: ApiCall = { method, params, files, at: Date.now() };
    this.calls.push(call);
    this.events.emit('call'); // waiters see the request even while a long poll is held open
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      this.events.emit('call');
      if (failure.status === 0) {
        req.socket.destroy(); // a network failure: the connection dies without an answer
        return;
      }
      return json(res, failure.status, failure.body);
    }
    let result: unknown;
    try {
      result = await this.handle(method, params, files, req);
    } catch (err) {
      this.events.emit('call');
      return json(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${(err as Error).message}` });
    }
    if (result && typeof result === 'object' && 'message_id' in result && method.startsWith('send')) call.messageId = Number(result.message_id);
    if (!res.destroyed) json(res, 200, { ok: true, result });
    this.events.emit('call');
  }

  private async handle(method: string, p: Record<string, unknown>, files: Record<string, UploadedFile>, req: IncomingMessage): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return this.bot;
      case 'deleteWebhook':
      case 'setWebhook':
      case 'setMyCommands':
      case 'answerCallbackQuery':
      case 'sendChatAction':
        return true;
      case 'getUpdates':
        return this.getUpdates(p, req);
      case 'sendMessage': {
        const text = p.text;
        if (typeof text !== 'string' || text.trim() === '') throw new Error('message text is empty');
        if (text.length > 4096) throw new Error('message is too long');
        return this.store(p, { text });
      }
      case 'sendDocument': {
        const doc = files.document;
        if (!doc) throw new Error('there is no document in the request');
        const caption = p.caption;
        if (typeof caption === 'string' && caption.length > 1024) throw new Error('message caption is too long');
        return this.store(p, {
          document: { file_id: `SENT${this.nextFileId++}`, file_unique_id: 'x', file_name: doc.filename, file_size: doc.bytes.length },
          ...(typeof caption === 'string' ? { caption } : {}),
        });
      }
      case 'editMessageReplyMarkup': {
        const msg = this.messages.get(`${Number(p.chat_id)}:${Number(p.message_id)}`);
        if (!msg) throw new Error('message to edit not found');
        if (p.reply_markup === undefined) delete msg.reply_markup;
        else msg.reply_markup = p.reply_markup;
        return msg;
      }
      case 'getFile': {
        const file = this.files.get(String(p.file_id));
        if (!file) throw new Error('invalid file_id');
        return { file_id: p.file_id, file_unique_id: `u${String(p.file_id)}`, file_size: file.bytes.length, file_path: file.path };
      }
      default:
        throw new Error(`method ${method} not implemented by the fake`);
    }
  }

  private store(p: Record<string, unknown>, content: Record<string, unknown>): StoredMessage {
    const chatId = Number(p.chat_id);
    const known = [...this.messages.values()].find((m) => m.chat.id === chatId);
    const message: StoredMessage = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: known?.chat ?? { id: chatId, type: 'private' },
      from: this.bot,
      ...content,
    };
    const markup = typeof p.reply_markup === 'string' ? JSON.parse(p.reply_markup) : p.reply_markup;
    if (markup !== undefined) message.reply_markup = markup;
    const rp = typeof p.reply_parameters === 'string' ? JSON.parse(p.reply_parameters) : p.reply_parameters;
    if (rp && typeof rp === 'object') message.reply_to_message = this.messages.get(`${chatId}:${(rp as { message_id: number }).message_id}`);
    this.messages.set(`${chatId}:${message.message_id}`, message);
    return message;
  }

  private async getUpdates(p: Record<string, unknown>, req: IncomingMessage): Promise<unknown[]> {
    const offset = Number(p.offset ?? 0);
    const limit = Number(p.limit ?? 100);
    const timeout = Number(p.timeout ?? 0);
    if (offset > 0 && !this.ignoreConfirmations) {
      // Telegram forgets every update below a requested offset: it counts as confirmed.
      this.confirmed = Math.max(this.confirmed, offset);
      this.updates = this.updates.filter((u) => u.update_id >= this.confirmed);
    }
    const from = Math.max(offset, this.confirmed);
    const pending = () => this.updates.filter((u) => u.update_id >= from).slice(0, limit);
    if (pending().length > 0 || timeout <= 0) return pending();
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.events.off('update', done);
        req.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, timeout * 1000);
      this.events.on('update', done);
      req.on('close', done);
    });
    return pending();
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function parseBody(contentType: string, body: Buffer): { params: Record<string, unknown>; files: Record<string, UploadedFile> } {
  if (body.length === 0) return { params: {}, files: {} };
  if (contentType.startsWith('application/json')) return { params: JSON.parse(body.toString('utf8')) as Record<string, unknown>, files: {} };
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (contentType.startsWith('multipart/form-data') && boundary) return parseMultipart(body, boundary[1] ?? boundary[2]!);
  throw new Error(`unsupported content-type ${contentType}`);
}

/** A strict multipart/form-data parser: file parts keep their exact bytes. */
export function parseMultipart(body: Buffer, boundary: string): { params: Record<string, unknown>; files: Record<string, UploadedFile> } {
  const params: Record<string, unknown> = {};
  const files: Record<string, UploadedFile> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart boundary not found');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break; // closing delimiter
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') throw new Error('malformed multipart delimiter line');
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new Error('multipart part without header end');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new Error('multipart part without closing delimiter');
    const content = body.subarray(headerEnd + 4, next);
    const disposition = /content-disposition:\s*form-data;\s*name="([^"]*)"(?:;\s*filename="([^"]*)")?/i.exec(headers);
    if (!disposition) throw new Error(`multipart part without content-disposition: ${headers}`);
    const name = disposition[1]!;
    if (disposition[2] !== undefined) files[name] = { filename: disposition[2], bytes: Buffer.from(content) };
    else params[name] = content.toString('utf8');
    pos = next + 2;
  }
  return { params, files };
}

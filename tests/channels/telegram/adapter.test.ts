/**
 * The Telegram adapter in long-polling mode against a local fake Bot API, with the real telegraf
 * client and a small scripted engine (the dialog itself is tested elsewhere).
 */
import { htmlProblems, visibleText } from './htmlRules.ts';
import { MSG_GROUP_HINT } from '../../../src/channels/telegram/text.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { startChannel, startTelegram } from '../../../src/channels/telegram/index.ts';
import { LowdbInbox, type Inbox } from '../../../src/store/inbox.ts';
import { LowdbDraftStore } from '../../../src/store/lowdb.ts';
import { FILE_TOO_LARGE_TEXT, MAX_DRAFT_FILE_BYTES } from '../../../src/domain/draftFile.ts';
import { REFUSALS } from '../../../src/import/refusals.ts';
import { FakeBotApi } from './fakeBotApi.ts';
import type { Input, Reply } from '../../../src/dialog/types.ts';
import { DOCX_MIME } from '../../../src/dialog/types.ts';
import { MSG_ERROR, MSG_UNSUPPORTED_MESSAGE, notAllowedText } from '../../../src/channels/telegram/text.ts';
import { alice, bob, scriptedEngine, startHarness, tempDir, textOf, type Harness } from './helpers.ts';

const harnesses: Harness[] = [];
async function harness(...args: Parameters<typeof startHarness>): Promise<Harness> {
  const h = await startHarness(...args);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    // Whatever a test did, the token must never have reached a log line.
    expect(h.logs.join('\n')).not.toContain(h.api.token);
    expect(h.logs.join('\n')).not.toContain(h.api.token.split(':')[1]);
    expect(h.api.unauthorized).toEqual([]);
    await h.close();
  }
});

const LONG_LINES = Array.from({ length: 400 }, (_, i) => `第${i + 1}行：${'绩效指标说明'.repeat(4)} ${i}`);

function script(input: Input): Reply[] {
  if (input.type === 'choice') return [{ type: 'text', text: `已选 ${input.id}` }];
  if (input.type === 'file') return [{ type: 'text', text: `收到 ${input.name} ${input.bytes.length} 字节` }];
  if (input.type === 'receipt') return [];
  const t = input.text;
  if (t === 'boom') throw new Error('engine exploded');
  if (t === 'menu') return [{ type: 'choices', text: '要采用这些指标吗？', choices: [{ id: 'ind:accept', label: '全部采用' }, { id: 'ind:some', label: '部分采用' }] }];
  if (t === 'long') return [{ type: 'text', text: LONG_LINES.join('\n') }];
  if (t === '/done') {
    return [
      { type: 'text', text: '正在生成……' },
      { type: 'file', name: '社区矫正项目 绩效目标表.docx', mime: DOCX_MIME, bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 255, 13, 10, 45, 45]), caption: '社区矫正项目\n未发现问题' },
    ];
  }
  return [{ type: 'text', text: `收到：${t}` }];
}

describe('telegram adapter (long polling)', () => {
  it('registers the Chinese command menu and does not call sendMessage on start', async () => {
    const h = await harness(scriptedEngine(script));
    expect(h.api.callsOf('getMe')).toHaveLength(1);
    expect(h.api.callsOf('deleteWebhook')).toHaveLength(1);
    const [set] = h.api.callsOf('setMyCommands');
    const commands = set!.params.commands as Array<{ command: string; description: string }>;
    const byName = Object.fromEntries(commands.map((c) => [c.command, c.description]));
    const expected: Record<string, string> = {
      help: '帮助', new: '新建', back: '返回', skip: '跳过', edit: '修改', show: '查看',
      template: '指标', done: '生成', cancel: '取消', drafts: '草稿', layout: '版式',
    };
    for (const [command, word] of Object.entries(expected)) expect(byName[command]).toContain(word);
    expect(h.api.callsOf('sendMessage')).toHaveLength(0);
  });

  it('passes /start to the engine, which greets and asks the first question at once', async () => {
    const engine = scriptedEngine(script);
    const h = await harness(engine);
    h.api.text(alice, '/start');
    const [greeting] = await h.api.waitOutbox(alice.id, 1);
    expect(textOf(greeting!)).toBe('收到：/start');
    expect(engine.turns).toEqual([{ userKey: `telegram:${alice.id}:${alice.id}`, input: { type: 'text', text: '/start' } }]);
  });

  it('passes text with the user key and sends replies as HTML, every user character escaped', async () => {
    const engine = scriptedEngine(script);
    const h = await harness(engine);
    const tricky = '项目*名称_[测试](x) <b>粗</b> `code` \\ & 1e308';
    h.api.text(alice, tricky);
    const [reply] = await h.api.waitOutbox(alice.id, 1);
    expect(engine.turns).toEqual([{ userKey: `telegram:${alice.id}:${alice.id}`, input: { type: 'text', text: tricky } }]);
    expect(reply!.params.parse_mode).toBe('HTML');
    expect(htmlProblems(textOf(reply!))).toEqual([]);
    expect(textOf(reply!)).toBe('收到：项目*名称_[测试](x) &lt;b&gt;粗&lt;/b&gt; `code` \\ &amp; 1e308');
    expect(visibleText(textOf(reply!))).toBe(`收到：${tricky}`);
  });

  it('turns choices into an inline keyboard and a button press into a choice, answering the query', async () => {
    const engine = scriptedEngine(script);
    const h = await harness(engine);
    h.api.text(alice, 'menu');
    const [menu] = await h.api.waitOutbox(alice.id, 1);
    expect(menu!.params.reply_markup).toEqual({
      inline_keyboard: [[{ text: '全部采用', callback_data: 'ind:accept' }, { text: '部分采用', callback_data: 'ind:some' }]],
    });
    const menuId = h.api.lastMessageId(alice.id);
    h.api.press(alice, alice.id, menuId, 'ind:accept');
    const out = await h.api.waitOutbox(alice.id, 2);
    expect(textOf(out[1]!)).toBe('已选 ind:accept');
    expect(engine.turns[1]).toEqual({ userKey: `telegram:${alice.id}:${alice.id}`, input: { type: 'choice', id: 'ind:accept' } });
    const [answer] = h.api.callsOf('answerCallbackQuery');
    expect(answer!.params.callback_query_id).toMatch(/^cq/);
    // Answered before the reply went out: no spinner while the engine works.
    expect(h.api.calls.indexOf(answer!)).toBeLessThan(h.api.calls.indexOf(out[1]!));
    const [edit] = h.api.callsOf('editMessageReplyMarkup');
    expect(edit!.params).toMatchObject({ chat_id: alice.id, message_id: menuId });
    expect(edit!.params).not.toHaveProperty('reply_markup');
  });

  it('splits a long reply under 4096 characters at line boundaries, losing nothing', async () => {
    const h = await harness(scriptedEngine(script));
    h.api.text(alice, 'long');
    const whole = LONG_LINES.join('\n');
    expect(whole.length).toBeGreaterThan(3 * 4096);
    await h.api.waitFor(() => h.api.outbox(alice.id).map(textOf).join('\n').length >= whole.length, 10_000, 'all pieces');
    const pieces = h.api.outbox(alice.id).map(textOf);
    expect(pieces.length).toBeGreaterThanOrEqual(4);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(4096);
      // Each piece is made of whole lines.
      for (const line of piece.split('\n')) expect(LONG_LINES).toContain(line);
    }
    expect(pieces.join('\n')).toBe(whole);
  });

  it('sends a file reply as a multipart document with filename and caption, after upload_document', async () => {
    const h = await harness(scriptedEngine(script));
    h.api.text(alice, '/done');
    const out = await h.api.waitOutbox(alice.id, 2);
    const doc = out[1]!;
    expect(doc.method).toBe('sendDocument');
    expect(doc.files.document!.filename).toBe('社区矫正项目 绩效目标表.docx');
    expect([...doc.files.document!.bytes]).toEqual([0x50, 0x4b, 3, 4, 0, 255, 13, 10, 45, 45]);
    expect(doc.params.caption).toBe('社区矫正项目\n未发现问题');
    const actions = h.api.callsOf('sendChatAction').filter((c) => c.params.action === 'upload_document');
    expect(actions.length).toBeGreaterThanOrEqual(1);
    expect(h.api.calls.indexOf(actions[0]!)).toBeLessThan(h.api.calls.indexOf(doc));
  });

  it('downloads a document the user sends and hands its exact bytes to the engine', async () => {
    const engine = scriptedEngine(script);
    const h = await harness(engine);
    const bytes = Buffer.from(JSON.stringify({ projectName: '测试项目', 说明: '*_[' }), 'utf8');
    h.api.document(alice, '草稿.json', bytes);
    const [reply] = await h.api.waitOutbox(alice.id, 1);
    expect(textOf(reply!)).toBe(`收到 草稿.json ${bytes.length} 字节`);
    const input = engine.turns[0]!.input;
    expect(input.type).toBe('file');
    if (input.type !== 'file') return;
    expect(input.name).toBe('草稿.json');
    expect(input.mime).toBe('application/json');
    expect(Buffer.from(input.bytes).equals(bytes)).toBe(true);
    expect(h.api.callsOf('getFile')).toHaveLength(1);
  });

  it('refuses a file it cannot read, or a draft announced above 1 MB, without downloading it or asking the engine', async () => {
    const engine = scriptedEngine(script);
    const h = await harness(engine);
    h.api.document(alice, '旧表.mp4', Buffer.from('PK\u0003\u0004'), 'video/mp4');
    await h.api.waitOutbox(alice.id, 1);
    h.api.document(alice, '大草稿.json', Buffer.alloc(MAX_DRAFT_FILE_BYTES + 1, 0x20));
    const out = await h.api.waitOutbox(alice.id, 2);
    expect(out.map(textOf)).toEqual([REFUSALS.unsupported, FILE_TOO_LARGE_TEXT]);
    expect(textOf(out[0]!).startsWith('暂不支持此类文件')).toBe(true);
    expect(textOf(out[1]!)).toContain('1 MB');
    expect(h.api.callsOf('getFile')).toHaveLength(0);
    expect(engine.turns).toHaveLength(0);
    // A draft exactly at the limit still goes through.
    h.api.document(alice, '草稿.JSON', Buffer.alloc(MAX_DRAFT_FILE_BYTES, 0x20));
    const [, , accepted] = await h.api.waitOutbox(alice.id, 3);
    expect(textOf(accepted!)).toBe(`收到 草稿.JSON ${MAX_DRAFT_FILE_BYTES} 字节`);
    // An announced size that understates the file: the download itself stops at the limit.
    const big = Buffer.alloc(MAX_DRAFT_FILE_BYTES + 1, 0x20);
    h.api.document(alice, '伪.json', big); // registers the file; refused by its announced size
    await h.api.waitOutbox(alice.id, 4);
    // The fake numbers files FILE1, FILE2, … in the order users send them: this is the fourth.
    h.api.userMessage(alice, { document: { file_id: 'FILE4', file_unique_id: 'u', file_name: '伪.json', file_size: 10 } });
    const out2 = await h.api.waitOutbox(alice.id, 5);
    expect(textOf(out2[4]!)).toBe(FILE_TOO_LARGE_TEXT);
    expect(h.api.callsOf('getFile').map((c) => c.params.file_id)).toEqual(['FILE3', 'FILE4']);
    expect(engine.turns).toHaveLength(1);
  });

  it('answers other kinds of message with a polite 暂不支持', async () => {
    const engine = scriptedEngine(script);
    const h = await harness(engine);
    h.api.userMessage(alice, { sticker: { file_id: 'S1', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } });
    const [reply] = await h.api.waitOutbox(alice.id, 1);
    expect(textOf(reply!)).toBe(MSG_UNSUPPORTED_MESSAGE);
    expect(engine.turns).toHaveLength(0);
  });

  it('without TELEGRAM_ALLOWED_USERS nobody is let in, and the refusal names the user id to give the operator', async () => {
    const engine = scriptedEngine(script);
    const h = await harness(engine, { TELEGRAM_ALLOWED_USERS: '' });
    h.api.text(alice, '你好');
    const [reply] = await h.api.waitOutbox(alice.id, 1);
    expect(textOf(reply!)).toBe(notAllowedText(alice.id));
    expect(textOf(reply!)).toContain(`ID：${alice.id}`);
    expect(engine.turns).toHaveLength(0);
    expect(h.logs.join('\n')).toMatch(/TELEGRAM_ALLOWED_USERS is empty/);
  });

  it('with TELEGRAM_ALLOWED_USERS, refuses others once and never passes them to the engine', async () => {
    const engine = scriptedEngine(script);
    const h = await harness(engine, { TELEGRAM_ALLOWED_USERS: ` ${alice.id}, 999 ` });
    h.api.text(bob, '你好');
    h.api.text(bob, '/new');
    h.api.text(alice, '你好');
    await h.api.waitOutbox(alice.id, 1);
    await h.api.waitFor(() => h.api.callsOf('getUpdates').some((c) => Number(c.params.offset) > 102), 5000, 'the batch to be confirmed');
    expect(h.api.outbox(bob.id).map(textOf)).toEqual([notAllowedText(bob.id)]);
    expect(textOf(h.api.outbox(bob.id)[0]!)).toContain(String(bob.id));
    expect(engine.turns.map((t) => t.userKey)).toEqual([`telegram:${alice.id}:${alice.id}`]);
    // A button press from a stranger is answered (no spinner) with the refusal, not forwarded.
    h.api.text(alice, 'menu');
    await h.api.waitOutbox(alice.id, 2);
    h.api.press(bob, alice.id, h.api.lastMessageId(alice.id), 'ind:accept');
    await h.api.waitFor(() => h.api.callsOf('answerCallbackQuery').length === 1);
    expect(h.api.callsOf('answerCallbackQuery')[0]!.params.text).toBe(notAllowedText(bob.id));
    expect(engine.turns).toHaveLength(2);
  });

  it('in groups answers only commands and replies to itself, keyed by chat and user', async () => {
    const engine = scriptedEngine(script);
    const h = await harness(engine);
    const group = { id: -1001234, type: 'supergroup' as const, title: '预算科' };
    const { messageId: chatter } = h.api.text(alice, '大家好', group); // chatter: one hint, not a turn
    const [hint] = await h.api.waitOutbox(group.id, 1);
    expect(textOf(hint!)).toBe(MSG_GROUP_HINT);
    expect(hint!.params.reply_parameters).toMatchObject({ message_id: chatter });
    h.api.text(alice, '还是大家好', group); // the hint is given once
    h.api.text(alice, '/show@other_bot', group); // another bot's command: ignored
    const { messageId: cmdId } = h.api.text(bob, '/show@perf_target_test_bot', group);
    const [, first] = await h.api.waitOutbox(group.id, 2);
    expect(textOf(first!)).toBe('收到：/show');
    expect(first!.params.reply_parameters).toMatchObject({ message_id: cmdId });
    // The question asks for a reply, so the member's answer reaches a bot in privacy mode.
    expect(first!.params.reply_markup).toEqual({ force_reply: true, selective: true });
    const botMessage = h.api.lastMessageId(group.id);
    h.api.text(alice, '社区矫正', group, botMessage); // the answer to the ForceReply question: taken
    await h.api.waitOutbox(group.id, 3);
    expect(engine.turns).toEqual([
      { userKey: `telegram:${group.id}:${bob.id}`, input: { type: 'text', text: '/show' } },
      { userKey: `telegram:${group.id}:${alice.id}`, input: { type: 'text', text: '社区矫正' } },
    ]);
  });

  it('in groups a member cannot press the buttons meant for another member', async () => {
    const engine = scriptedEngine(script);
    const h = await harness(engine);
    const group = { id: -1005678, type: 'group' as const };
    h.api.text(alice, '/new menu', group);
    await h.api.waitOutbox(group.id, 1);
    engine.turns.length = 0;
    h.api.text(alice, 'menu', group, h.api.lastMessageId(group.id));
    await h.api.waitOutbox(group.id, 2);
    const menuId = h.api.lastMessageId(group.id);
    h.api.press(bob, group.id, menuId, 'ind:accept');
    await h.api.waitFor(() => h.api.callsOf('answerCallbackQuery').length === 1);
    expect(h.api.callsOf('answerCallbackQuery')[0]!.params.text).toBe('这是其他成员的按钮。');
    h.api.press(alice, group.id, menuId, 'ind:accept');
    const out = await h.api.waitOutbox(group.id, 3);
    expect(textOf(out[2]!)).toBe('已选 ind:accept');
    expect(engine.turns.map((t) => t.userKey)).toEqual([`telegram:${group.id}:${alice.id}`, `telegram:${group.id}:${alice.id}`]);
  });

  it('retries a 429 after retry_after seconds', async () => {
    const h = await harness(scriptedEngine(script));
    h.api.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
    h.api.text(alice, '你好');
    await h.api.waitOutbox(alice.id, 1);
    await h.api.waitFor(() => h.api.callsOf('sendMessage').length === 2, 5000, 'the retry');
    const [first, second] = h.api.callsOf('sendMessage');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(textOf(second!)).toBe('收到：你好');
  });

  it('backs off and retries on server errors, then delivers', async () => {
    const h = await harness(scriptedEngine(script));
    h.api.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, 2);
    h.api.text(alice, '你好');
    await h.api.waitFor(() => h.api.callsOf('sendMessage').length === 3, 10_000, 'two retries');
    const [a, b, c] = h.api.callsOf('sendMessage');
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(450);
    expect(c!.at - b!.at).toBeGreaterThanOrEqual(b!.at - a!.at); // growing delays
  });

  it('retries when the connection drops (network error), then delivers once more', async () => {
    const h = await harness(scriptedEngine(script));
    h.api.dropNext('sendMessage');
    h.api.text(alice, '你好');
    await h.api.waitFor(() => h.api.callsOf('sendMessage').length === 2, 10_000, 'the retry');
    await h.api.waitFor(() => h.api.callsOf('sendMessage')[1]!.messageId !== undefined, 5000, 'delivery');
    expect(textOf(h.api.callsOf('sendMessage')[1]!)).toBe('收到：你好');
  });

  it('keeps running when polling fails, backing off', async () => {
    const h = await harness(scriptedEngine(script));
    h.api.failNext('getUpdates', { error_code: 500, description: 'Internal Server Error' }, 2);
    // wake the pending long poll so the next request meets the failures
    h.api.text(alice, '你好');
    await h.api.waitOutbox(alice.id, 1, 15_000);
    expect(h.logs.some((l) => l.includes('getUpdates failed'))).toBe(true);
  });

  it('when the inbox fails, keeps the offset, backs off and answers the batch once it recovers', async () => {
    const api = await new FakeBotApi().start();
    const tmp = await tempDir();
    const real = await LowdbInbox.open(tmp.dir, new LowdbDraftStore({ dataDir: tmp.dir, log: () => undefined }), { name: 'inbox-telegram' });
    let failuresLeft = 1;
    // The inbox fails once, as Redis does while it restarts; then it works again.
    const flaky: Inbox = {
      put: async (u) => {
        if (failuresLeft-- > 0) throw new Error('connection to the inbox lost');
        return real.put(u);
      },
      next: (u) => real.next(u),
      done: (u, id) => real.done(u, id),
      settle: (u, ref, r) => real.settle(u, ref, r),
      outbox: (u) => real.outbox(u),
      sent: (u, ids) => real.sent(u, ids),
      users: () => real.users(),
      lease: (u, o, t) => real.lease(u, o, t),
      release: (u, o) => real.release(u, o),
      close: () => real.close(),
    };
    const engine = scriptedEngine(script);
    const logs: string[] = [];
    const channel = await startTelegram(
      engine,
      { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: tmp.dir, TELEGRAM_ALLOWED_USERS: '*' },
      { log: (l) => logs.push(l), inbox: flaky },
    );
    try {
      const { updateId } = api.text(alice, '你好');
      await api.waitOutbox(alice.id, 1, 10_000);
      expect(api.outbox(alice.id).map(textOf)).toEqual(['收到：你好']);
      expect(engine.turns).toHaveLength(1);
      expect(logs.some((l) => l.includes('updates not admitted'))).toBe(true);
      // The failed batch was fetched again from the same offset instead of being confirmed unanswered.
      const offsets = api.callsOf('getUpdates').map((c) => Number(c.params.offset));
      expect(offsets.filter((o) => o <= updateId).length).toBeGreaterThanOrEqual(2);
    } finally {
      await channel.stop();
      await api.close();
      await tmp.remove();
    }
  });

  it('isolates a failing update: logs its id, tells the user 出错了，请重试, and carries on', async () => {
    const engine = scriptedEngine(script);
    const h = await harness(engine);
    const { updateId } = h.api.text(alice, 'boom');
    h.api.pushUpdate({ message: { message_id: 999, date: 0, chat: { id: 5, type: 'channel', title: 'c' } } }); // no sender
    h.api.pushUpdate({ edited_message: { message_id: 1, date: 0, chat: { id: alice.id, type: 'private' }, from: alice, text: 'x' } });
    h.api.pushUpdate({ callback_query: { id: 'cq-x', from: alice, chat_instance: 'i', data: 'ind:accept' } }); // no message
    h.api.pushUpdate({ message: 'not an object' }); // garbage from a broken server
    h.api.text(alice, '还在吗');
    const out = await h.api.waitOutbox(alice.id, 2);
    expect(out.map(textOf)).toEqual([MSG_ERROR, '收到：还在吗']);
    expect(h.logs.some((l) => l.includes(`update tg:${updateId}`) && l.includes('engine exploded'))).toBe(true);
  });

  it('a failed download becomes 出错了，请重试 and the token stays out of the log', async () => {
    const engine = scriptedEngine(script);
    const h = await harness(engine);
    h.api.userMessage(alice, { document: { file_id: 'MISSING', file_unique_id: 'm', file_name: 'x.json', file_size: 3 } });
    const [reply] = await h.api.waitOutbox(alice.id, 1);
    expect(textOf(reply!)).toBe(MSG_ERROR);
    expect(engine.turns).toHaveLength(0);
    expect(h.logs.join('\n')).toMatch(/failed/);
  });

  it("keeps one user's turns in order even when the engine is slow on the first", async () => {
    const engine = scriptedEngine(async (input) => {
      if (input.type === 'text' && input.text === 'slow') await new Promise((r) => setTimeout(r, 400));
      return script(input);
    });
    const h = await harness(engine);
    h.api.text(alice, 'slow');
    h.api.text(alice, 'fast');
    h.api.text(bob, 'other');
    const out = await h.api.waitOutbox(alice.id, 2);
    expect(out.map(textOf)).toEqual(['收到：slow', '收到：fast']);
  });

  it('stop() finishes the update in flight before resolving', async () => {
    let started!: () => void;
    const engineStarted = new Promise<void>((r) => (started = r));
    const engine = scriptedEngine(async (input) => {
      started();
      await new Promise((r) => setTimeout(r, 500));
      return script(input);
    });
    const h = await harness(engine);
    h.api.text(alice, '慢慢来');
    await engineStarted;
    await h.channel.stop();
    expect(h.api.outbox(alice.id).map(textOf)).toEqual(['收到：慢慢来']);
  });
});

describe('startChannel (what npm start calls)', () => {
  it('runs on a plain env object and logs to stderr without the token', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    const api = await new FakeBotApi().start();
    const dir = await tempDir();
    try {
      const engine = scriptedEngine(script);
      const channel = await startChannel(engine, { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dir.dir, TELEGRAM_ALLOWED_USERS: '*' });
      api.text(alice, 'boom');
      await api.waitOutbox(alice.id, 1);
      await channel.stop();
      expect(lines.some((l) => l.includes('engine exploded'))).toBe(true);
      expect(lines.join('\n')).not.toContain(api.token.split(':')[1]);
    } finally {
      spy.mockRestore();
      await api.close();
      await dir.remove();
    }
  });
});

describe('telegram adapter across restarts', () => {
  it('confirms the polling offset on stop, so a restarted bot does not replay answered updates', async () => {
    const engine = scriptedEngine(script);
    const first = await harness(engine);
    const { updateId: u1 } = first.api.text(alice, '一');
    const { updateId: u2 } = first.api.text(alice, '二');
    await first.api.waitOutbox(alice.id, 2);
    await first.channel.stop();
    const lastPoll = first.api.callsOf('getUpdates').at(-1)!;
    expect(Number(lastPoll.params.offset)).toBe(Math.max(u1, u2) + 1);

    const second = await harness(engine, {}, { api: first.api, dataDir: first.dataDir });
    first.api.text(alice, '三');
    await first.api.waitOutbox(alice.id, 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(engine.turns.map((t) => (t.input.type === 'text' ? t.input.text : ''))).toEqual(['一', '二', '三']);
    await second.close();
  });

  it('after a crash (offset never confirmed) the update-id file prevents a replay', async () => {
    const engine = scriptedEngine(script);
    const first = await harness(engine);
    first.api.ignoreConfirmations = true; // as if the process died before telling Telegram
    first.api.text(alice, '项目甲');
    await first.api.waitOutbox(alice.id, 1);
    await first.channel.stop();

    // Control: with a fresh data dir the fake really does deliver the update again.
    const control = scriptedEngine(script);
    const replay = await harness(control, {}, { api: first.api });
    await first.api.waitFor(() => control.turns.length === 1, 5000, 'the replay');
    await replay.channel.stop();

    const again = scriptedEngine(script);
    const second = await harness(again, {}, { api: first.api, dataDir: first.dataDir });
    first.api.text(alice, '项目乙');
    await first.api.waitFor(() => again.turns.length >= 1, 5000, 'the new message');
    await new Promise((r) => setTimeout(r, 200));
    expect(again.turns.map((t) => (t.input.type === 'text' ? t.input.text : ''))).toEqual(['项目乙']);
    expect(second.logs.some((l) => l.includes('already handled'))).toBe(true);
    await second.close();
  });
});

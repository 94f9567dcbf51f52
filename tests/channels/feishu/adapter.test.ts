/**
 * The Feishu adapter against a local fake Open API, with events POSTed to its webhook endpoint.
 * The engine here is a small scripted one: these tests are about the platform edge, not the dialog.
 */
import { buttonsOf, cardProblems } from './cardRules.ts';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFeishu, type RunningFeishuChannel } from '../../../src/channels/feishu/index.ts';
import { FILE_TOO_LARGE_TEXT, MAX_DRAFT_FILE_BYTES } from '../../../src/domain/draftFile.ts';
import { REFUSALS } from '../../../src/import/refusals.ts';
import { DOCX_MIME, type Engine, type Input, type Reply } from '../../../src/dialog/types.ts';
import {
  cardActionEvent,
  messageEvent,
  postEvent,
  settle,
  startFakeFeishu,
  waitFor,
  type FakeFeishu,
  webhookEnv,
} from './fakeFeishu.ts';

const TOKEN = 'verify-token-123';
const ENCRYPT_KEY = 'encrypt-key-456';

interface Call {
  userKey: string;
  input: Input;
}

/** Records every call; answers with `script(input)` (default: echo the text). */
function scriptedEngine(script?: (input: Input, userKey: string) => Reply[] | Promise<Reply[]>): Engine & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async handle(userKey, input) {
      calls.push({ userKey, input });
      if (script) return script(input, userKey);
      return [{ type: 'text', text: input.type === 'text' ? `收到：${input.text}` : `收到：${input.type}` }];
    },
  };
}

let fake: FakeFeishu;
let dataDir: string;
let channel: RunningFeishuChannel | undefined;
let logLines: string[];

beforeEach(async () => {
  fake = await startFakeFeishu();
  dataDir = await mkdtemp(path.join(tmpdir(), 'feishu-test-'));
  logLines = [];
});

afterEach(async () => {
  await channel?.stop();
  channel = undefined;
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return webhookEnv(fake, dataDir, TOKEN, extra);
}

async function start(engine: Engine, extra: Record<string, string> = {}): Promise<string> {
  channel = await startFeishu(engine, env(extra), {
    retry: { attempts: 4, baseMs: 5, maxMs: 20 },
    logSink: (l) => logLines.push(l),
  });
  return `http://127.0.0.1:${channel.port}/feishu/events`;
}

const texts = (f: FakeFeishu) => f.sent.filter((s) => s.msgType === 'text').map((s) => String(s.content.text));

describe('feishu webhook endpoint', () => {
  it('answers the URL-verification challenge, plain and encrypted', async () => {
    const url = await start(scriptedEngine(), { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY });
    const plain = await postEvent(url, { type: 'url_verification', token: TOKEN, challenge: 'abc-123' });
    expect(plain).toMatchObject({ status: 200, body: { challenge: 'abc-123' } });
    const enc = await postEvent(url, { type: 'url_verification', token: TOKEN, challenge: 'xyz-789' }, { encryptKey: ENCRYPT_KEY });
    expect(enc).toMatchObject({ status: 200, body: { challenge: 'xyz-789' } });
    const forged = await postEvent(url, { type: 'url_verification', token: 'wrong', challenge: 'nope' });
    expect(forged.status).toBe(401);
    expect(JSON.stringify(forged.body)).not.toContain('nope');
  });

  it('rejects an event with a forged verification token and never runs the engine', async () => {
    const engine = scriptedEngine();
    const url = await start(engine);
    const res = await postEvent(url, messageEvent({ token: 'forged-token', content: { text: '新建' } }));
    expect(res.status).toBe(401);
    await settle();
    expect(engine.calls).toHaveLength(0);
    expect(fake.sent).toHaveLength(0);
    // The genuine token still works afterwards.
    expect((await postEvent(url, messageEvent({ token: TOKEN, content: { text: '新建' } }))).status).toBe(200);
    await waitFor(() => fake.sent.length === 1, 'reply');
    expect(engine.calls.map((c) => c.input)).toEqual([{ type: 'text', text: '新建' }]);
  });

  it('decrypts an encrypted, signed event; rejects a bad signature or a missing key', async () => {
    const engine = scriptedEngine();
    const url = await start(engine, { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY });
    const ok = await postEvent(url, messageEvent({ token: TOKEN, content: { text: '你好 加密' } }), { encryptKey: ENCRYPT_KEY });
    expect(ok.status).toBe(200);
    await waitFor(() => fake.sent.length === 1, 'reply to the encrypted event');
    expect(engine.calls[0]?.input).toEqual({ type: 'text', text: '你好 加密' });
    expect(texts(fake)).toEqual(['收到：你好 加密']);

    // Encrypted with the right key but signed with another: someone replaying with a guessed signature.
    const badSig = await postEvent(url, messageEvent({ token: TOKEN, content: { text: 'x' } }), { encryptKey: ENCRYPT_KEY, signWith: 'other' });
    expect(badSig.status).toBe(401);
    // Encrypted with a key we do not hold: undecryptable.
    const wrongKey = await postEvent(url, messageEvent({ token: TOKEN, content: { text: 'y' } }), { encryptKey: 'not-our-key' });
    expect(wrongKey.status).toBe(400);
    // Plain body without a signature while an encrypt key is configured.
    const unsigned = await postEvent(url, messageEvent({ token: TOKEN, content: { text: 'z' } }));
    expect(unsigned.status).toBe(401);
    await settle();
    expect(engine.calls).toHaveLength(1);
  });

  it('refuses a signed request whose timestamp is more than 5 minutes off (a captured request sent again later)', async () => {
    const engine = scriptedEngine();
    const url = await start(engine, { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY });
    const now = Math.floor(Date.now() / 1000);
    const old = await postEvent(url, messageEvent({ token: TOKEN, content: { text: '旧的' } }), { encryptKey: ENCRYPT_KEY, timestampSec: now - 6 * 60 });
    expect(old.status).toBe(401);
    const future = await postEvent(url, messageEvent({ token: TOKEN, content: { text: '未来' } }), { encryptKey: ENCRYPT_KEY, timestampSec: now + 6 * 60 });
    expect(future.status).toBe(401);
    const skewed = await postEvent(url, messageEvent({ token: TOKEN, content: { text: '稍有偏差' } }), { encryptKey: ENCRYPT_KEY, timestampSec: now - 4 * 60 });
    expect(skewed.status).toBe(200);
    await waitFor(() => fake.sent.length === 1, 'the reply to the timely request');
    await settle();
    expect(engine.calls.map((c) => c.input)).toEqual([{ type: 'text', text: '稍有偏差' }]);
    expect(logLines.join('\n')).toMatch(/timestamp too far/);
  });

  it('answers a malformed but authenticated event with 400, never 500, and runs nothing', async () => {
    const engine = scriptedEngine();
    const url = await start(engine, { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY });
    const withMessage = (patch: Record<string, unknown>) => {
      const ev = messageEvent({ token: TOKEN, content: { text: 'x' } });
      const event = ev.event as { message: Record<string, unknown> };
      Object.assign(event.message, patch);
      return ev;
    };
    const cases: Array<[string, Record<string, unknown>]> = [
      ['text is a number', withMessage({ content: JSON.stringify({ text: 12345 }) })],
      ['mentions not an array', withMessage({ mentions: { key: '@_user_1' } })],
      ['content not JSON', withMessage({ content: '{not json' })],
      ['no message id', withMessage({ message_id: 42 })],
      ['card without context', cardActionEvent({ token: TOKEN, value: { choice: '1.x' }, cardMessageId: 'om_card' })],
    ];
    (cases[4]![1].event as Record<string, unknown>).context = null;
    for (const [what, ev] of cases) {
      const res = await postEvent(url, ev, { encryptKey: ENCRYPT_KEY });
      expect(res.status, what).toBe(400);
    }
    // `encrypt: null` and a non-object body after decryption.
    const nullEnc = await postEvent(url, {}, { signWith: ENCRYPT_KEY, rawBody: JSON.stringify({ encrypt: null }) });
    expect(nullEnc.status).toBe(400);
    const arrayBody = await postEvent(url, {}, { signWith: ENCRYPT_KEY, rawBody: '[1,2]' });
    expect(arrayBody.status).toBe(400);
    await settle();
    expect(engine.calls).toHaveLength(0);
    expect(logLines.join('\n')).not.toMatch(/TypeError|event endpoint failed/);
  });

  it('neutralises <at …> and other markup in text replies, so a project name cannot @所有人', async () => {
    const engine = scriptedEngine((input) => [{ type: 'text', text: `已记录项目名称：${input.type === 'text' ? input.text : ''}` }]);
    const url = await start(engine);
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: '<at user_id="all">所有人</at>项目\u202Excod.exe' } }));
    await waitFor(() => fake.sent.length === 1, 'reply');
    const [text] = texts(fake);
    expect(text).not.toMatch(/<at/i);
    expect(text).toContain('＜at user_id="all">所有人＜/at>项目');
    expect(text).not.toContain('\u202E');
  });

  it('answers 404 for other paths and 405 for other methods instead of hanging', async () => {
    const url = await start(scriptedEngine());
    const other = await fetch(url.replace('/feishu/events', '/other'), { method: 'POST', body: '{}' });
    expect(other.status).toBe(404);
    const get = await fetch(url);
    expect(get.status).toBe(405);
    const junk = await fetch(url, { method: 'POST', body: 'not json' });
    expect(junk.status).toBe(400);
  });

  it('long-connection mode (the default) contacts FEISHU_DOMAIN, reports a failed connection without secrets, and stops', async () => {
    const { FEISHU_MODE: _mode, FEISHU_PORT: _port, ...rest } = env();
    channel = await startFeishu(scriptedEngine(), rest, { logSink: (l) => logLines.push(l) });
    expect(channel.port).toBeUndefined();
    await waitFor(() => fake.wsDiscoveries.length === 1, 'long-connection discovery');
    expect(fake.wsDiscoveries[0]).toEqual({ appId: fake.appId, secretOk: true });
    await waitFor(() => logLines.some((l) => l.includes('1000040351')), 'failure logged');
    expect(logLines.join('\n')).not.toContain(fake.appSecret);
    await channel.stop();
    channel = undefined;
  });

  it('refuses to start a webhook without a verification token or encrypt key', async () => {
    await expect(startFeishu(scriptedEngine(), env({ FEISHU_VERIFICATION_TOKEN: '' }))).rejects.toThrow(/FEISHU_VERIFICATION_TOKEN/);
    await expect(startFeishu(scriptedEngine(), { ...env(), FEISHU_APP_SECRET: undefined })).rejects.toThrow(/FEISHU_APP_SECRET/);
    await expect(startFeishu(scriptedEngine(), env({ FEISHU_DOMAIN: 'ftp:/x' }))).rejects.toThrow(/FEISHU_DOMAIN/);
  });
});

describe('feishu messages', () => {
  it('acknowledges at once and does slow work afterwards', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const engine = scriptedEngine(async () => {
      await gate;
      return [{ type: 'text', text: '慢慢来' }];
    });
    const url = await start(engine);
    const res = await postEvent(url, messageEvent({ token: TOKEN, content: { text: '生成' } }));
    expect(res.status).toBe(200);
    // The engine is still blocked, yet the event is already acknowledged and only the 「正在生成」 notice is out.
    await waitFor(() => engine.calls.length === 1, 'the turn to start');
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ via: 'reply', msgType: 'interactive' });
    expect(JSON.stringify(fake.sent[0]!.content)).toContain('正在生成 Word 文件');
    expect(res.ms).toBeLessThan(1_000);
    release();
    await waitFor(() => fake.sent.length === 2, 'late reply');
    expect(fake.sent[1]).toMatchObject({ via: 'reply', msgType: 'text', content: { text: '慢慢来' } });
    // No file came of it: the notice says so in place.
    await waitFor(() => fake.patches.length === 1, 'the notice updated');
    expect(fake.patches[0]!.messageId).toBe(fake.sent[0]!.messageId);
    expect(JSON.stringify(fake.patches[0]!.card)).toContain('这次没有生成文件');
  });

  it("keeps one user's turns in order while the first is slow, without holding up another user", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const engine = scriptedEngine(async (input) => {
      const text = input.type === 'text' ? input.text : '';
      if (text === '一') await gate;
      return [{ type: 'text', text: `收到：${text}` }];
    });
    const url = await start(engine);
    await postEvent(url, messageEvent({ token: TOKEN, openId: 'ou_a', content: { text: '一' } }));
    await postEvent(url, messageEvent({ token: TOKEN, openId: 'ou_a', content: { text: '二' } }));
    await postEvent(url, messageEvent({ token: TOKEN, openId: 'ou_b', content: { text: '丙' } }));
    await waitFor(() => fake.sent.length === 1, "the other user's reply");
    expect(texts(fake)).toEqual(['收到：丙']);
    // The second message of the same user waits for the first one's turn.
    expect(engine.calls.map((c) => (c.input.type === 'text' ? c.input.text : ''))).toEqual(['一', '丙']);
    release();
    await waitFor(() => fake.sent.length === 3, 'both replies');
    expect(texts(fake)).toEqual(['收到：丙', '收到：一', '收到：二']);
  });

  it('a re-delivered event (same event_id, or same message_id with a new event_id) produces one reply, also after a restart', async () => {
    const engine = scriptedEngine();
    let url = await start(engine);
    const ev = messageEvent({ token: TOKEN, eventId: 'ev_dup_1', messageId: 'om_dup_1', content: { text: '项目A' } });
    expect((await postEvent(url, ev)).status).toBe(200);
    expect((await postEvent(url, ev)).status).toBe(200);
    const sameMessage = messageEvent({ token: TOKEN, eventId: 'ev_dup_2', messageId: 'om_dup_1', content: { text: '项目A' } });
    expect((await postEvent(url, sameMessage)).status).toBe(200);
    await waitFor(() => fake.sent.length >= 1, 'reply');
    await settle();
    expect(engine.calls).toHaveLength(1);
    expect(fake.sent).toHaveLength(1);

    // Feishu's later retries (5 min, 1 h, 6 h) may hit a restarted process.
    await channel?.stop();
    // The inbox journal remembers the message id (dedup by id, kept two days).
    expect(await readFile(path.join(dataDir, 'inbox-feishu.jsonl'), 'utf8')).toContain('fs:m:om_dup_1');
    url = await start(engine);
    expect((await postEvent(url, ev)).status).toBe(200);
    await settle();
    expect(engine.calls).toHaveLength(1);
    expect(fake.sent).toHaveLength(1);
  });

  it('in a group: answers only when the bot is mentioned, strips the mention, keeps other mentions readable', async () => {
    const engine = scriptedEngine();
    const url = await start(engine);
    const group = { chatType: 'group' as const, chatId: 'oc_group_1', token: TOKEN };
    await postEvent(url, messageEvent({ ...group, content: { text: '大家好' } }));
    await postEvent(
      url,
      messageEvent({
        ...group,
        content: { text: '@_user_1 看一下' },
        mentions: [{ key: '@_user_1', id: { open_id: 'ou_bob' }, name: '鲍勃' }],
      }),
    );
    await postEvent(
      url,
      messageEvent({
        ...group,
        content: { text: '@_user_1 项目名称：社区矫正 @_user_2 请看' },
        mentions: [
          { key: '@_user_1', id: { open_id: fake.botOpenId }, name: '绩效目标表助手' },
          { key: '@_user_2', id: { open_id: 'ou_bob' }, name: '鲍勃' },
        ],
      }),
    );
    await waitFor(() => fake.sent.length === 1, 'reply in group');
    await settle();
    expect(engine.calls).toEqual([
      { userKey: 'feishu:tenant_a:oc_group_1:ou_alice', input: { type: 'text', text: '项目名称：社区矫正 @鲍勃 请看' } },
    ]);
    // In a group the answer is threaded under the user's message.
    expect(fake.sent[0]?.via).toBe('reply');
  });

  it('keys drafts by tenant, chat and user', async () => {
    const engine = scriptedEngine();
    const url = await start(engine);
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: 'a' } }));
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: 'b' }, tenant: 'tenant_b', chatId: 'oc_x', openId: 'ou_carol' }));
    await waitFor(() => engine.calls.length === 2, 'two turns');
    expect(engine.calls.map((c) => c.userKey).sort()).toEqual(['feishu:tenant_a:oc_p2p_alice:ou_alice', 'feishu:tenant_b:oc_x:ou_carol']);
  });

  it('allow-list: others get a polite refusal and never reach the engine; ids may be open_id or user_id', async () => {
    const engine = scriptedEngine();
    const url = await start(engine, { FEISHU_ALLOWED_USERS: 'ou_alice, u_dave' });
    await postEvent(url, messageEvent({ token: TOKEN, openId: 'ou_mallory', userId: 'u_mallory', chatId: 'oc_m', content: { text: '新建' } }));
    await waitFor(() => fake.sent.length === 1, 'refusal');
    expect(engine.calls).toHaveLength(0);
    expect(texts(fake)[0]).toMatch(/权限/);

    await postEvent(url, messageEvent({ token: TOKEN, content: { text: '新建' } }));
    await postEvent(url, messageEvent({ token: TOKEN, openId: 'ou_dave', userId: 'u_dave', chatId: 'oc_d', content: { text: '新建' } }));
    await waitFor(() => engine.calls.length === 2, 'allowed turns');

    // A card click from an outsider is refused too.
    const click = await postEvent(url, cardActionEvent({ token: TOKEN, openId: 'ou_mallory', cardMessageId: 'om_card_x', value: { choice: 'x', label: 'X' } }));
    expect(JSON.stringify(click.body)).toMatch(/权限/);
    await settle();
    expect(engine.calls).toHaveLength(2);
  });

  it('passes a .json file as a file input, refuses oversized files and explains unsupported types', async () => {
    const engine = scriptedEngine((input) => [
      { type: 'text', text: input.type === 'file' ? `文件 ${input.name} ${Buffer.from(input.bytes).toString('utf8')}` : 'x' },
    ]);
    const url = await start(engine);
    const draft = Buffer.from(JSON.stringify({ projectName: '测试项目' }));
    fake.resources.set('om_file_1/file_key_1', draft);
    await postEvent(url, messageEvent({ token: TOKEN, messageId: 'om_file_1', messageType: 'file', content: { file_key: 'file_key_1', file_name: '草稿.json' } }));
    await waitFor(() => fake.sent.length === 1, 'file reply');
    expect(engine.calls[0]?.input).toEqual({ type: 'file', name: '草稿.json', mime: 'application/json', bytes: new Uint8Array(draft) });

    // Feishu announces no size: the download stops at the draft limit.
    fake.resources.set('om_file_2/file_key_2', Buffer.alloc(MAX_DRAFT_FILE_BYTES + 1, 0x20));
    await postEvent(url, messageEvent({ token: TOKEN, messageId: 'om_file_2', messageType: 'file', content: { file_key: 'file_key_2', file_name: 'big.json' } }));
    await waitFor(() => fake.sent.length === 2, 'too-large reply');
    expect(texts(fake)[1]).toBe(FILE_TOO_LARGE_TEXT);
    expect(texts(fake)[1]).toContain('1 MB');
    // Not a draft: answered without a download.
    fake.resources.set('om_file_4/file_key_4', Buffer.from('PK\u0003\u0004'));
    await postEvent(url, messageEvent({ token: TOKEN, messageId: 'om_file_4', messageType: 'file', content: { file_key: 'file_key_4', file_name: '旧表.mp4' } }));
    await waitFor(() => fake.sent.length === 3, 'unsupported-file reply');
    expect(texts(fake)[2]).toBe(REFUSALS.unsupported);
    expect(texts(fake)[2]!.startsWith('暂不支持此类文件')).toBe(true);
    expect(fake.log.some((l) => l.includes('/resources/file_key_1'))).toBe(true);
    expect(fake.log.some((l) => l.includes('/resources/file_key_4'))).toBe(false);

    await postEvent(url, messageEvent({ token: TOKEN, messageType: 'image', content: { image_key: 'img_1' } }));
    // A file the platform cannot serve (expired, deleted): the user hears about it.
    await postEvent(url, messageEvent({ token: TOKEN, messageId: 'om_file_3', messageType: 'file', content: { file_key: 'gone', file_name: 'x.json' } }));
    await waitFor(() => fake.sent.length === 5, 'refusals');
    expect(engine.calls).toHaveLength(1);
    const later = texts(fake).slice(3);
    expect(later.some((t) => /没能下载/.test(t))).toBe(true);
    expect(later.some((t) => /只能处理文字消息/.test(t))).toBe(true);
  });

  it('reads rich-text (post) messages as text', async () => {
    const engine = scriptedEngine();
    const url = await start(engine);
    await postEvent(
      url,
      messageEvent({
        token: TOKEN,
        messageType: 'post',
        content: { title: '', content: [[{ tag: 'text', text: '项目名称：普法宣传' }], [{ tag: 'text', text: '金额：20万元' }]] },
      }),
    );
    await waitFor(() => engine.calls.length === 1, 'turn');
    expect(engine.calls[0]?.input).toEqual({ type: 'text', text: '项目名称：普法宣传\n金额：20万元' });
  });
});

describe('feishu replies', () => {
  it('sends choices as a card; a click goes to the engine as a choice and the card shows what was chosen', async () => {
    const engine = scriptedEngine((input) =>
      input.type === 'text'
        ? [{ type: 'choices', text: '请选择指标模板：', choices: [{ id: 'tpl:1', label: '普法宣传' }, { id: 'tpl:2', label: '社区矫正' }] }]
        : [{ type: 'text', text: `已采用 ${input.type === 'choice' ? input.id : '?'}` }],
    );
    const url = await start(engine);
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: '指标 普法' } }));
    await waitFor(() => fake.sent.length === 1, 'card');
    const card = fake.sent[0]!;
    expect(card.msgType).toBe('interactive');
    expect(cardProblems(card.content)).toEqual([]);
    const buttons = buttonsOf(card.content);
    expect(buttons.map((b) => b.label)).toEqual(['普法宣传', '社区矫正']);

    const click = await postEvent(url, cardActionEvent({ token: TOKEN, cardMessageId: card.messageId, value: buttons[1]!.value }));
    expect(click.status).toBe(200);
    expect(JSON.stringify(click.body)).toContain('社区矫正');
    await waitFor(() => fake.sent.length === 2 && fake.patches.length === 1, 'answer and card update');
    expect(engine.calls[1]).toEqual({ userKey: 'feishu:tenant_a:oc_p2p_alice:ou_alice', input: { type: 'choice', id: 'tpl:2' } });
    expect(fake.sent[1]).toMatchObject({ via: 'create', to: 'oc_p2p_alice', content: { text: '已采用 tpl:2' } });
    const patched = JSON.stringify(fake.patches[0]);
    expect(fake.patches[0]?.messageId).toBe(card.messageId);
    expect(patched).toContain('请选择指标模板');
    expect(patched).toContain('已选择：社区矫正');
    expect(patched).not.toContain('"button"');
  });

  it("in a group, a colleague's click on someone else's card is refused and leaves the card alone", async () => {
    const engine = scriptedEngine((input) =>
      input.type === 'text' ? [{ type: 'choices', text: '要采用这些指标吗？', choices: [{ id: 'ok', label: '全部采用' }] }] : [{ type: 'text', text: '好' }],
    );
    const url = await start(engine);
    const mention = [{ key: '@_user_1', id: { open_id: fake.botOpenId }, name: '助手' }];
    await postEvent(url, messageEvent({ token: TOKEN, chatType: 'group', chatId: 'oc_g', content: { text: '@_user_1 指标' }, mentions: mention }));
    await waitFor(() => fake.sent.length === 1, 'card');
    const cardId = fake.sent[0]!.messageId;
    const value = { choice: 'ok', label: '全部采用' };
    const bob = await postEvent(url, cardActionEvent({ token: TOKEN, chatId: 'oc_g', openId: 'ou_bob', cardMessageId: cardId, value }));
    expect(JSON.stringify(bob.body)).toContain('其他同事');
    await settle();
    expect(engine.calls).toHaveLength(1);
    expect(fake.patches).toHaveLength(0);
    await postEvent(url, cardActionEvent({ token: TOKEN, chatId: 'oc_g', openId: 'ou_alice', cardMessageId: cardId, value }));
    await waitFor(() => fake.patches.length === 1 && fake.sent.length === 2, 'owner click handled');
    expect(engine.calls[1]).toEqual({ userKey: 'feishu:tenant_a:oc_g:ou_alice', input: { type: 'choice', id: 'ok' } });
  });

  it('uploads a DOCX as a stream file, sends it as a file message, then the caption', async () => {
    const bytes = new Uint8Array(Buffer.from('PK\u0003\u0004 pretend docx'));
    const engine = scriptedEngine(() => [
      { type: 'file', name: '普法宣传-绩效目标表.docx', mime: DOCX_MIME, bytes, caption: '项目：普法宣传\n校验：无错误，1 条提示' },
    ]);
    const url = await start(engine);
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: '生成' } }));
    await waitFor(() => fake.sent.length === 3 && fake.patches.length === 1, 'notice, file and caption');
    expect(fake.uploads).toHaveLength(1);
    expect(fake.uploads[0]).toMatchObject({ fileType: 'stream', fileName: '普法宣传-绩效目标表.docx', partFileName: '普法宣传-绩效目标表.docx' });
    expect(new Uint8Array(fake.uploads[0]!.bytes)).toEqual(bytes);
    // The 「正在生成」 notice first, updated in place with the file once it is sent.
    expect(fake.sent[0]).toMatchObject({ msgType: 'interactive' });
    expect(fake.sent[1]).toMatchObject({ msgType: 'file', content: { file_key: fake.uploads[0]!.fileKey } });
    expect(fake.sent[2]).toMatchObject({ msgType: 'text', content: { text: '项目：普法宣传\n校验：无错误，1 条提示' } });
    expect(fake.patches[0]!.messageId).toBe(fake.sent[0]!.messageId);
    expect(JSON.stringify(fake.patches[0]!.card)).toContain('已生成，文件已发送：普法宣传-绩效目标表.docx');
  });

  it('retries on 5xx and rate limits, refreshes a revoked token, and sends each reply once', async () => {
    const engine = scriptedEngine();
    const url = await start(engine);
    fake.failNext('/reply', 502, 2);
    fake.failNext('/reply', 429, 1, { code: 99991400, msg: 'request trigger frequency limit' });
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: '一' } }));
    await waitFor(() => fake.sent.length === 1, 'reply after retries');
    expect(fake.log.filter((l) => l.endsWith('/reply'))).toHaveLength(4);

    const before = fake.tokenRequests;
    fake.revokeToken();
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: '二' } }));
    await waitFor(() => fake.sent.length === 2, 'reply after token refresh');
    expect(fake.tokenRequests).toBe(before + 1);
    expect(texts(fake)).toEqual(['收到：一', '收到：二']);
    // A client error is not retried; a recalled message gets its answer in the chat instead.
    fake.failNext('/reply', 400, 1, { code: 230011, msg: 'message recalled' });
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: '三' } }));
    await waitFor(() => fake.sent.length === 3, 'answer in the chat');
    expect(fake.log.filter((l) => l.endsWith('/reply'))).toHaveLength(4 + 2 + 1);
    expect(fake.sent[2]).toMatchObject({ via: 'create', to: 'oc_p2p_alice', content: { text: '收到：三' } });
    // When the chat is unreachable too, the failure is logged and the bot carries on.
    fake.failNext('/reply', 400, 1, { code: 230002, msg: 'bot not in chat' });
    fake.failNext('/open-apis/im/v1/messages', 400, 1, { code: 230002, msg: 'bot not in chat' });
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: '四' } }));
    await waitFor(() => logLines.some((l) => l.includes('not delivered') && l.includes('230002')), 'logged failure');
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: '五' } }));
    await waitFor(() => fake.sent.length === 4, 'bot still answers');
  });

  it('one failing event never stops the bot', async () => {
    const engine = scriptedEngine((input) => {
      if (input.type === 'text' && input.text === '炸') throw new Error('boom');
      return [{ type: 'text', text: '好的' }];
    });
    const url = await start(engine);
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: '炸' } }));
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: '继续' } }));
    await waitFor(() => fake.sent.length === 2, 'two replies');
    expect(texts(fake)).toEqual([expect.stringMatching(/出错/), '好的']);
  });

  it('never logs the app secret, tokens or keys, even when the token endpoint fails', async () => {
    const url = await start(scriptedEngine(), { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY });
    fake.failNext('tenant_access_token', 500, 10);
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: '你好' } }), { encryptKey: ENCRYPT_KEY });
    await waitFor(() => logLines.some((l) => l.includes('failed')), 'failure logged');
    await postEvent(url, messageEvent({ token: 'forged', content: { text: 'x' } }), { encryptKey: ENCRYPT_KEY });
    await settle();
    const all = logLines.join('\n');
    expect(all).toMatch(/rejected event/);
    for (const secret of [fake.appSecret, TOKEN, ENCRYPT_KEY, 't-faketoken']) expect(all).not.toContain(secret);
  });

  it('stop() finishes the turn in flight, then refuses new events and frees the port', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const engine = scriptedEngine(async () => {
      await gate;
      return [{ type: 'text', text: '完成' }];
    });
    const url = await start(engine);
    await postEvent(url, messageEvent({ token: TOKEN, content: { text: '生成' } }));
    await waitFor(() => engine.calls.length === 1, 'the turn to be in flight');
    const stopping = channel!.stop();
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await settle(100);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(texts(fake)).toEqual(['完成']);
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
    channel = undefined;
  });
});

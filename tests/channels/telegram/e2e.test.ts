/**
 * End to end: the REAL engine (createEngine from src/app.ts, lowdb on a temp dir) behind the real
 * telegraf client, talking to the local fake Bot API. Two users fill a table each, one through
 * buttons only, and both get a DOCX that reopens and holds their project name and indicators.
 */
import JSZip from 'jszip';
import { htmlProblems } from './htmlRules.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/app.ts';
import type { Engine } from '../../../src/dialog/types.ts';
import type { ApiCall, FakeUser } from './fakeBotApi.ts';
import { alice, bob, startHarness, tempDir, textOf, type Harness } from './helpers.ts';

let engine: Engine & { close(): Promise<void> };
let h: Harness;
let engineDir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  engineDir = await tempDir();
  engine = await createEngine({ dataDir: engineDir.dir, log: () => undefined });
  h = await startHarness(engine);
});

afterAll(async () => {
  await h?.close();
  await engine?.close();
  await engineDir?.remove();
});

type Keyboard = Array<Array<{ text: string; callback_data: string }>>;

function keyboardOf(call: ApiCall): Keyboard | undefined {
  const markup = call.params.reply_markup as { inline_keyboard?: Keyboard } | undefined;
  return markup?.inline_keyboard;
}

/** Sends one message and waits until the bot has answered with at least one new message. */
async function say(user: FakeUser, text: string): Promise<ApiCall[]> {
  const before = h.api.outbox(user.id).length;
  h.api.text(user, text);
  return settle(user, before);
}

async function pressLabel(user: FakeUser, label: RegExp): Promise<ApiCall[]> {
  const withKeyboard = h.api.outbox(user.id).filter((c) => keyboardOf(c));
  const last = withKeyboard.at(-1);
  if (!last) throw new Error('no keyboard was sent');
  const button = keyboardOf(last)!.flat().find((b) => label.test(b.text));
  if (!button) throw new Error(`no button ${label} in ${JSON.stringify(keyboardOf(last))}`);
  const messageId = messageIdOf(last);
  const before = h.api.outbox(user.id).length;
  h.api.press(user, user.id, messageId, button.callback_data);
  return settle(user, before);
}

function messageIdOf(call: ApiCall): number {
  const id = h.api.messageIdOfCall(call);
  if (id === undefined) throw new Error('that call did not create a message');
  return id;
}

/** Waits for the answer to one turn: new messages, then a short quiet period. */
async function settle(user: FakeUser, before: number): Promise<ApiCall[]> {
  await h.api.waitOutbox(user.id, before + 1, 20_000);
  let count = -1;
  while (count !== h.api.outbox(user.id).length) {
    count = h.api.outbox(user.id).length;
    await new Promise((r) => setTimeout(r, 150));
  }
  return h.api.outbox(user.id).slice(before);
}

async function fillTable(user: FakeUser, project: string, finish: 'button' | 'command'): Promise<{ doc: ApiCall; indicatorList: string }> {
  await say(user, '/new');
  await say(user, project);
  await say(user, '大连高新区司法局');
  await say(user, '20');
  const proposal = await say(user, '用于社区矫正对象教育帮扶、心理矫治和集中教育活动');
  const indicatorList = proposal.map(textOf).join('\n');
  await pressLabel(user, /全部采用/);
  const before = h.api.outbox(user.id).length;
  const final = finish === 'button' ? await pressLabel(user, /^生成$/) : await say(user, '/done');
  // The upload can take longer than the quiet period after the text before it (a loaded machine).
  for (let waited = 0; !h.api.outbox(user.id).slice(before).some((c) => c.method === 'sendDocument') && waited < 20_000; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
  }
  final.splice(0, final.length, ...h.api.outbox(user.id).slice(before));
  const doc = final.find((c) => c.method === 'sendDocument');
  if (!doc) throw new Error(`no document; got: ${final.map(textOf).join(' | ')}`);
  return { doc, indicatorList };
}

describe('telegram end to end with the real engine', () => {
  it('two users each get a DOCX with their project name and the chosen indicators', async () => {
    const [a, b] = await Promise.all([
      fillTable(alice, '社区矫正教育帮扶项目', 'button'),
      fillTable(bob, '人民调解员培训项目', 'command'),
    ]);
    for (const [result, project] of [
      [a, '社区矫正教育帮扶项目'],
      [b, '人民调解员培训项目'],
    ] as const) {
      const file = result.doc.files.document!;
      expect(file.filename).toMatch(/\.docx$/);
      expect(file.filename).toContain(project);
      expect(String(result.doc.params.caption ?? '')).not.toBe('');
      const zip = await JSZip.loadAsync(file.bytes);
      const xml = await zip.file('word/document.xml')!.async('string');
      const plain = xml.replace(/<[^>]+>/g, '');
      expect(plain).toContain(project);
      // The indicator names proposed in the chat ("  1. 名称：值") are in the document.
      const names = [...result.indicatorList.matchAll(/^\s*\d+\.\s*([^：\n]+)：/gm)].map((m) => m[1]!.trim());
      expect(names.length).toBeGreaterThanOrEqual(5);
      for (const name of names) expect(plain).toContain(name);
    }
    // Every message of both conversations is valid Telegram HTML, and every callback_data fits 64 bytes.
    for (const user of [alice, bob]) {
      for (const call of h.api.outbox(user.id).filter((c) => c.method === 'sendMessage')) {
        expect(call.params.parse_mode).toBe('HTML');
        expect(htmlProblems(textOf(call)), textOf(call)).toEqual([]);
        const keyboard = (call.params.reply_markup as { inline_keyboard?: Array<Array<{ callback_data: string }>> } | undefined)?.inline_keyboard ?? [];
        for (const button of keyboard.flat()) expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
      }
    }
    // The DOCX was announced with upload_document in both chats, before the document arrived.
    for (const user of [alice, bob]) {
      const actions = h.api.callsOf('sendChatAction').filter((c) => Number(c.params.chat_id) === user.id && c.params.action === 'upload_document');
      expect(actions.length).toBeGreaterThanOrEqual(1);
    }
    // Every button press was answered.
    expect(h.api.callsOf('answerCallbackQuery').length).toBeGreaterThanOrEqual(3);
  });

  it('an old button gets 该按钮已过期 and the current question', async () => {
    const first = h.api.outbox(alice.id).find((c) => keyboardOf(c)?.flat().some((b) => /全部采用/.test(b.text)));
    expect(first).toBeDefined();
    const stale = keyboardOf(first!)!.flat().find((b) => /全部采用/.test(b.text))!;
    const before = h.api.outbox(alice.id).length;
    h.api.press(alice, alice.id, messageIdOf(first!), stale.callback_data);
    const answer = await settle(alice, before);
    expect(answer.map(textOf).join('\n')).toContain('该按钮已过期');
  });

  it('a file it cannot read gets a polite 暂不支持此类文件 without being downloaded; a broken .docx is downloaded and refused; the bot goes on', async () => {
    const before = h.api.outbox(bob.id).length;
    h.api.document(bob, '录像.mp4', Buffer.from('not a table'), 'video/mp4');
    const answer = await settle(bob, before);
    expect(answer.map(textOf).join('\n')).toMatch(/^暂不支持此类文件.*\.docx.*\.json/);
    expect(h.api.callsOf('getFile')).toHaveLength(0);
    const next = h.api.outbox(bob.id).length;
    h.api.document(bob, '旧表.docx', Buffer.from('PK\u0003\u0004 not really'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const broken = await settle(bob, next);
    expect(broken.map(textOf).join('\n')).toMatch(/^文件已损坏/);
    expect(h.api.callsOf('getFile')).toHaveLength(1);
    const reply = await say(bob, '/show');
    expect(reply.length).toBeGreaterThan(0);
  });

  it('shows the indicator list grouped and numbered with 改/删 buttons per row; 删2 and 改1 work; the caption says what to check', async () => {
    const carol: FakeUser = { id: 333, first_name: 'Carol', is_bot: false };
    await say(carol, '/new');
    await say(carol, '社区矫正<教育>&帮扶*_[项目');
    await say(carol, '大连高新区司法局');
    await say(carol, '20');
    const proposal = await say(carol, '用于社区矫正对象教育帮扶、心理矫治和集中教育活动');
    const list = proposal.find((c) => keyboardOf(c)?.flat().some((b) => b.text === '删1'))!;
    expect(list, proposal.map(textOf).join('\n')).toBeDefined();
    const html = textOf(list);
    expect(htmlProblems(html)).toEqual([]);
    expect(html).toContain('<b>【产出指标】</b>');
    expect(html).toMatch(/<i>数量指标<\/i>\n {2}1\. [^<]+：<b>[^<]+<\/b>/);
    const rows = [...html.matchAll(/^ {2}(\d+)\. /gm)].map((m) => Number(m[1]));
    expect(rows).toEqual(rows.map((_, k) => k + 1));
    const labels = keyboardOf(list)!.flat().map((b) => b.text);
    for (const n of rows) expect(labels).toEqual(expect.arrayContaining([`改${n}`, `删${n}`]));
    expect(labels).toEqual(expect.arrayContaining(['全部采用', '生成']));

    const afterDelete = await pressLabel(carol, /^删2$/);
    const shorter = afterDelete.find((c) => keyboardOf(c)?.flat().some((b) => b.text === '删1'))!;
    expect(textOf(shorter)).toContain('已删除第 2 条');
    expect([...textOf(shorter).matchAll(/^ {2}(\d+)\. /gm)]).toHaveLength(rows.length - 1);

    const prompt = (await pressLabel(carol, /^改1$/)).map(textOf).join('\n');
    expect(prompt).toMatch(/请发送第 1 条「[^」]+」的新指标值，格式：改 1 新值/);
    const changed = (await say(carol, '改 1 ≥500人')).map(textOf).join('\n');
    expect(changed).toMatch(/ {2}1\. [^<]+：<b>≥500人<\/b>/);

    await pressLabel(carol, /全部采用/);
    const before = h.api.outbox(carol.id).length;
    await pressLabel(carol, /^生成$/);
    for (let waited = 0; !h.api.outbox(carol.id).slice(before).some((c) => c.method === 'sendDocument') && waited < 20_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const doc = h.api.outbox(carol.id).slice(before).find((c) => c.method === 'sendDocument')!;
    const caption = String(doc.params.caption);
    expect(caption).toContain('「社区矫正<教育>&帮扶*_[项目」项目支出绩效目标表（Word）');
    expect(caption).toMatch(/\d+ 条绩效指标；填报单位：大连高新区司法局/);
  });
});

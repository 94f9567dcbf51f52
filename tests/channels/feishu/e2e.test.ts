/**
 * A whole conversation through the Feishu adapter with the REAL engine (`createEngine` from
 * src/app.ts): events POSTed to the webhook, replies, a card click and the DOCX upload captured by
 * the fake Open API, the DOCX opened and read.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createEngine } from '../../../src/app.ts';
import { FILE_SEND_FAILED_TEXT } from '../../../src/channels/feishu/events.ts';
import { startFeishu, type RunningFeishuChannel } from '../../../src/channels/feishu/index.ts';
import { buttonsOf, cardProblems, cardText, flatten } from './cardRules.ts';
import { cardActionEvent, messageEvent, webhookEnv, postEvent, settle, startFakeFeishu, waitFor, type FakeFeishu } from './fakeFeishu.ts';

const TOKEN = 'e2e-verify-token';
const ENCRYPT_KEY = 'e2e-encrypt-key';

let fake: FakeFeishu;
let dataDir: string;
let channel: RunningFeishuChannel | undefined;
let engine: Awaited<ReturnType<typeof createEngine>> | undefined;

beforeEach(async () => {
  fake = await startFakeFeishu();
  dataDir = await mkdtemp(path.join(tmpdir(), 'feishu-e2e-'));
});

afterEach(async () => {
  await channel?.stop();
  await engine?.close();
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Sends a user message to the webhook; returns what came back once the bot has been quiet for `quietMs`. */
function sayer(url: string, quietMs = 300): (text: string) => Promise<FakeFeishu['sent']> {
  return async (text) => {
    const before = fake.sent.length;
    expect((await postEvent(url, messageEvent({ token: TOKEN, content: { text } }))).status).toBe(200);
    await waitFor(() => fake.sent.length > before, `answer to "${text}"`, 15_000);
    await settle(quietMs);
    return fake.sent.slice(before);
  };
}

it('drafts a table in a Feishu chat, with a card click, and returns the DOCX', async () => {
  engine = await createEngine({ dataDir, log: () => {} });
  const logLines: string[] = [];
  channel = await startFeishu(
    engine,
    {
      FEISHU_APP_ID: fake.appId,
      FEISHU_APP_SECRET: fake.appSecret,
      FEISHU_MODE: 'webhook',
      FEISHU_HOST: '127.0.0.1',
      FEISHU_PORT: '0',
      FEISHU_PATH: '/lark/callback',
      FEISHU_VERIFICATION_TOKEN: TOKEN,
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      FEISHU_DOMAIN: fake.url,
      FEISHU_ALLOWED_USERS: 'ou_alice',
      DATA_DIR: dataDir,
    },
    { retry: { attempts: 3, baseMs: 5, maxMs: 20 }, logSink: (l) => logLines.push(l) },
  );
  const url = `http://127.0.0.1:${channel.port}/lark/callback`;

  /** Sends one user message (encrypted, as Feishu does with an encrypt key) and waits for `n` new messages. */
  const say = async (text: string, n = 1) => {
    const before = fake.sent.length;
    const res = await postEvent(url, messageEvent({ token: TOKEN, content: { text } }), { encryptKey: ENCRYPT_KEY });
    expect(res.status).toBe(200);
    await waitFor(() => fake.sent.length >= before + n, `answer to "${text}"`, 15_000);
    return fake.sent.slice(before);
  };

  // The first question comes as a card with the basics form; answering by message works as well.
  const start = await say('新建');
  const formCard = start.find((m) => m.msgType === 'interactive');
  expect(cardProblems(formCard!.content)).toEqual([]);
  expect(cardText(formCard!.content)).toMatch(/项目名称/);
  await say('社区矫正信息化建设');
  await say('某区司法局');
  await say('20');
  const proposal = await say('用于社区矫正信息化平台运维和人员培训');

  // The engine proposes indicators with a button: it arrives as an interactive card.
  const card = proposal.find((m) => m.msgType === 'interactive');
  expect(card).toBeDefined();
  const accept = buttonsOf(card!.content).find((b) => b.label === '全部采用');
  expect(accept).toBeDefined();

  // The click, delivered twice (Feishu re-delivers when unsure): one engine turn only.
  const before = fake.sent.length;
  const click = cardActionEvent({ token: TOKEN, cardMessageId: card!.messageId, value: accept!.value, eventId: 'ev_click_accept' });
  const ack = await postEvent(url, click, { encryptKey: ENCRYPT_KEY });
  expect(ack.status).toBe(200);
  expect(JSON.stringify(ack.body)).toContain('全部采用');
  expect((await postEvent(url, click, { encryptKey: ENCRYPT_KEY })).status).toBe(200);
  await waitFor(() => fake.sent.length > before && fake.patches.length === 1, 'answer to the click', 15_000);
  await settle(200);
  const afterClick = fake.sent.slice(before);
  expect(afterClick).toHaveLength(1);
  expect(JSON.stringify(afterClick[0]!.content)).toMatch(/草稿摘要/);
  expect(fake.patches[0]!.messageId).toBe(card!.messageId);
  expect(JSON.stringify(fake.patches[0]!.card)).toContain('已选择：全部采用');

  const beforeGen = fake.sent.length;
  await say('生成', 2);
  await waitFor(() => fake.uploads.length === 1, 'DOCX upload', 15_000);
  await settle(200);
  const upload = fake.uploads[0]!;
  expect(upload.fileType).toBe('stream');
  expect(upload.fileName).toMatch(/社区矫正信息化建设.*\.docx$/);
  const final = fake.sent.slice(beforeGen);
  const fileAt = final.findIndex((m) => m.msgType === 'file');
  expect(final[fileAt]?.content).toEqual({ file_key: upload.fileKey });
  // The file is followed by its caption, and the chat says which project it is for.
  expect(final[fileAt + 1]?.msgType).toBe('text');
  expect(final.filter((m) => m.msgType === 'text').some((m) => String(m.content.text).includes('社区矫正信息化建设'))).toBe(true);

  // The DOCX is a real Word file with the user's answers and the accepted indicators.
  const zip = await JSZip.loadAsync(upload.bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml.replace(/<[^>]+>/g, '');
  expect(text).toContain('社区矫正信息化建设');
  expect(text).toContain('某区司法局');
  expect(text).toContain('用于社区矫正信息化平台运维和人员培训');
  expect(text).toMatch(/产出指标/);
  expect(text).toMatch(/满意度/);
  expect(text).toMatch(/20/);

  expect(logLines.join('\n')).not.toMatch(/error/);
});

it('when the DOCX upload fails the draft is not archived: the user is told so, and 重新发送 gets the file', async () => {
  engine = await createEngine({ dataDir, log: () => {} });
  channel = await startFeishu(
    engine,
    {
      FEISHU_APP_ID: fake.appId,
      FEISHU_APP_SECRET: fake.appSecret,
      FEISHU_MODE: 'webhook',
      FEISHU_HOST: '127.0.0.1',
      FEISHU_PORT: '0',
      FEISHU_VERIFICATION_TOKEN: TOKEN,
      FEISHU_DOMAIN: fake.url,
      DATA_DIR: dataDir,
    },
    { retry: { attempts: 2, baseMs: 5, maxMs: 20 }, logSink: () => undefined },
  );
  const url = `http://127.0.0.1:${channel.port}/feishu/events`;
  const texts = (msgs: FakeFeishu['sent']) => msgs.map((m) => (m.msgType === 'text' ? String(m.content.text) : JSON.stringify(m.content))).join('\n');
  const say = sayer(url);
  const click = async (card: FakeFeishu['sent'][number], label: RegExp) => {
    const button = buttonsOf(card.content).find((b) => label.test(b.label));
    expect(button, `a button ${label} on the card`).toBeDefined();
    const before = fake.sent.length;
    await postEvent(url, cardActionEvent({ token: TOKEN, cardMessageId: card.messageId, value: button!.value }));
    await waitFor(() => fake.sent.length > before, `answer to ${label}`, 15_000);
    await settle(300);
    return fake.sent.slice(before);
  };

  for (const answer of ['新建', '社区矫正信息化建设', '某区司法局', '20']) await say(answer);
  const proposal = await say('用于社区矫正信息化平台运维和人员培训');
  await click(proposal.find((m) => m.msgType === 'interactive')!, /^全部采用$/);

  // Every upload attempt fails: the user is told so, and the draft stays as it was.
  fake.failNext('/open-apis/im/v1/files', 500, 2);
  const sentBefore = fake.sent.length;
  await say('生成');
  await waitFor(() => /没有发送成功，草稿仍保留/.test(texts(fake.sent.slice(sentBefore))), 'the failure reply', 15_000);
  await settle(300);
  const failed = fake.sent.slice(sentBefore);
  expect(fake.uploads).toHaveLength(0);
  expect(texts(failed)).toMatch(/没有发送成功，草稿仍保留，没有存档/);
  expect(texts(failed)).not.toMatch(/草稿已存档/);
  const retryCard = failed.find((m) => m.msgType === 'interactive' && buttonsOf(m.content).some((b) => b.label === '重新发送'));
  expect(retryCard, 'a card with 重新发送').toBeDefined();
  // The 「正在生成」 notice that went out first now says the file did not arrive.
  const notice = failed[0]!;
  expect(cardText(notice.content)).toContain('正在生成 Word 文件');
  expect(fake.patches.filter((p) => p.messageId === notice.messageId).map((p) => cardText(p.card)).join('\n')).toContain('文件没有发送成功');
  // Still reachable: 查看 shows the draft, and 重新发送 builds and sends the file.
  await click(retryCard!, /^重新发送$/);
  await waitFor(() => fake.uploads.length === 1, 'DOCX upload', 15_000);
  expect(fake.uploads[0]!.fileName).toMatch(/社区矫正信息化建设.*\.docx$/);
  // Delivered, and only now archived.
  await waitFor(() => /草稿已存档/.test(texts(fake.sent)), 'the archive notice', 15_000);
});

it('生成 sends a 「正在生成」 notice card before the render and updates it in place once the file is out (or says why there is none)', async () => {
  engine = await createEngine({ dataDir, log: () => {} });
  channel = await startFeishu(engine, webhookEnv(fake, dataDir, TOKEN), { retry: { attempts: 2, baseMs: 5, maxMs: 20 }, logSink: () => undefined });
  const url = `http://127.0.0.1:${channel.port}/feishu/events`;
  const say = sayer(url);
  const patchesOf = (id: string) => fake.patches.filter((p) => p.messageId === id).map((p) => p.card);

  // Plain answers draw no notice.
  for (const answer of ['新建', '社区矫正信息化建设', '某区司法局', '20', '用于社区矫正信息化平台运维和人员培训', '全部采用']) {
    const got = await say(answer);
    expect(got.some((m) => /正在生成/.test(JSON.stringify(m.content)))).toBe(false);
  }

  const sent = await say('生成');
  await waitFor(() => fake.uploads.length === 1, 'DOCX upload', 15_000);
  const notice = sent[0]!;
  await waitFor(() => fake.sent.some((m) => m.msgType === 'file'), 'the file message', 15_000);
  expect(notice.msgType).toBe('interactive');
  expect(cardText(notice.content)).toContain('正在生成 Word 文件');
  expect(cardProblems(notice.content)).toEqual([]);
  // The notice was the first thing sent after 生成, before the upload; the file follows it.
  expect(notice.via).toBe('reply');
  const noticeAt = fake.log.indexOf(`POST /open-apis/im/v1/messages/${notice.to}/reply`);
  const uploadAt = fake.log.findIndex((l) => l.startsWith('POST /open-apis/im/v1/files'));
  expect(noticeAt).toBeGreaterThanOrEqual(0);
  expect(noticeAt).toBeLessThan(uploadAt);
  expect(fake.sent.indexOf(notice)).toBeLessThan(fake.sent.findIndex((m) => m.msgType === 'file'));
  await waitFor(() => patchesOf(notice.messageId).length > 0, 'the notice updated', 15_000);
  const done = patchesOf(notice.messageId).at(-1)!;
  expect(cardProblems(done)).toEqual([]);
  expect(cardText(done)).toContain('已生成');
  expect(cardText(done)).toContain(fake.uploads[0]!.fileName);
  // One notice only: the engine's own wait notice is not sent besides it.
  expect(fake.sent.filter((m) => /正在生成/.test(JSON.stringify(m.content)))).toHaveLength(1);

  // 生成 that cannot build a file yet: the notice says so, the reply says what is missing.
  await say('新建');
  await say('法律援助专项经费');
  const atRefusal = fake.sent.length;
  await say('生成');
  await waitFor(() => /还缺主管部门/.test(JSON.stringify(fake.sent.slice(atRefusal).map((m) => m.content))), 'the refusal', 15_000);
  const refused = fake.sent.slice(atRefusal);
  const second = refused[0]!;
  expect(cardText(second.content)).toContain('正在生成 Word 文件');
  await waitFor(() => patchesOf(second.messageId).length > 0, 'the second notice updated', 15_000);
  expect(cardText(patchesOf(second.messageId).at(-1)!)).toContain('这次没有生成文件');
  expect(refused.map((m) => JSON.stringify(m.content)).join('\n')).toContain('还缺主管部门');
  expect(fake.uploads).toHaveLength(1);
});

it('the basics form card fills the draft in one submit, and the next card shows the indicators', async () => {
  engine = await createEngine({ dataDir, log: () => {} });
  channel = await startFeishu(engine, webhookEnv(fake, dataDir, TOKEN), { retry: { attempts: 2, baseMs: 5, maxMs: 20 }, logSink: () => undefined });
  const url = `http://127.0.0.1:${channel.port}/feishu/events`;
  expect((await postEvent(url, messageEvent({ token: TOKEN, content: { text: '新建' } }))).status).toBe(200);
  await waitFor(() => fake.sent.some((m) => m.msgType === 'interactive'), 'the form card', 15_000);
  const formCard = fake.sent.find((m) => m.msgType === 'interactive')!;
  expect(cardProblems(formCard.content)).toEqual([]);
  const form = flatten(formCard.content).find((e) => e.tag === 'form')!;
  const inputs = flatten(form).filter((e) => e.tag === 'input');
  expect(inputs.map((e) => [e.name, e.required])).toEqual([
    ['projectName', true],
    ['department', true],
    ['amount', true],
    ['fundUse', true],
  ]);
  const submit = buttonsOf(formCard.content).find((b) => b.node.form_action_type === 'submit')!;

  const before = fake.sent.length;
  const event = cardActionEvent({ token: TOKEN, cardMessageId: formCard.messageId, value: submit.value });
  const action = (event.event as Record<string, Record<string, unknown>>).action!;
  action.tag = 'button';
  action.name = submit.node.name;
  action.form_value = { projectName: '社区矫正信息化建设', department: '某区司法局', amount: '20', fundUse: '用于社区矫正信息化平台运维和人员培训' };
  expect((await postEvent(url, event)).status).toBe(200);
  await waitFor(() => fake.sent.slice(before).some((m) => m.msgType === 'interactive') && fake.patches.length === 1, 'the indicator card', 15_000);
  await settle(200);

  // The form card is updated in place: the inputs are gone, the submitted values are noted.
  expect(fake.patches[0]!.messageId).toBe(formCard.messageId);
  expect(cardProblems(fake.patches[0]!.card)).toEqual([]);
  expect(flatten(fake.patches[0]!.card).some((e) => e.tag === 'form')).toBe(false);
  expect(cardText(fake.patches[0]!.card)).toContain('社区矫正信息化建设');

  const next = fake.sent.slice(before).find((m) => m.msgType === 'interactive')!;
  expect(cardProblems(next.content)).toEqual([]);
  expect(cardText(next.content)).toMatch(/产出指标/);
  expect(buttonsOf(next.content).map((b) => b.label)).toContain('全部采用');

  // All four basics reached the draft.
  const summary = await (async () => {
    const n = fake.sent.length;
    expect((await postEvent(url, messageEvent({ token: TOKEN, content: { text: '查看' } }))).status).toBe(200);
    await waitFor(() => fake.sent.length > n, 'the summary', 15_000);
    await settle(200);
    return fake.sent.slice(n).map((m) => (m.msgType === 'text' ? String(m.content.text) : cardText(m.content))).join('\n');
  })();
  expect(summary).toContain('项目名称：社区矫正信息化建设');
  expect(summary).toContain('主管部门：某区司法局');
  expect(summary).toMatch(/实施期金额：20万元/);
  expect(summary).toContain('资金用途：用于社区矫正信息化平台运维和人员培训');
});

it('the indicator card is updated in place: 删 on a row, 改 opens an edit form in the card, 保存 brings the table back', async () => {
  engine = await createEngine({ dataDir, log: () => {} });
  channel = await startFeishu(engine, webhookEnv(fake, dataDir, TOKEN), { retry: { attempts: 2, baseMs: 5, maxMs: 20 }, logSink: () => undefined });
  const url = `http://127.0.0.1:${channel.port}/feishu/events`;
  const say = sayer(url, 200);
  /** A click (or a form submit) on the card; waits for the card's update; returns new messages. */
  const act = async (cardId: string, value: unknown, formValue?: Record<string, string>) => {
    const sent = fake.sent.length;
    const patched = fake.patches.length;
    const event = cardActionEvent({ token: TOKEN, cardMessageId: cardId, value });
    if (formValue) ((event.event as Record<string, Record<string, unknown>>).action!).form_value = formValue;
    expect((await postEvent(url, event)).status).toBe(200);
    await waitFor(() => fake.patches.length > patched, 'the card update', 15_000);
    await settle(200);
    return { sent: fake.sent.slice(sent), card: fake.patches.at(-1)!.card };
  };
  const rowsOf = (card: Record<string, unknown>) =>
    cardText(card)
      .split('\n')
      .filter((l) => /^\d+\. /.test(l));

  await say('社区矫正信息化建设');
  await say('某区司法局');
  await say('20');
  const tableMsg = (await say('用于社区矫正信息化平台运维和人员培训')).find((m) => m.msgType === 'interactive')!;
  const rows = rowsOf(tableMsg.content);
  expect(rows.length).toBeGreaterThan(4);

  // 删 on row 2: the same message now shows one row fewer, and nothing new is posted.
  const del2 = buttonsOf(tableMsg.content).filter((b) => b.label === '删')[1]!;
  const afterDelete = await act(tableMsg.messageId, del2.value);
  expect(afterDelete.sent).toHaveLength(0);
  expect(fake.patches.at(-1)!.messageId).toBe(tableMsg.messageId);
  expect(cardProblems(afterDelete.card)).toEqual([]);
  expect(rowsOf(afterDelete.card)).toHaveLength(rows.length - 1);
  expect(cardText(afterDelete.card)).toContain('已删除第 2 条');
  expect(rowsOf(afterDelete.card)).not.toContain(rows[1]);

  // 改 on row 1: the card becomes a form with the current value; 保存 with a new value, and the
  // card is the table again, row 1 changed.
  const change1 = buttonsOf(afterDelete.card).find((b) => b.label === '改')!;
  const editing = await act(tableMsg.messageId, change1.value);
  expect(editing.sent).toHaveLength(0);
  expect(cardProblems(editing.card)).toEqual([]);
  const input = flatten(editing.card).find((e) => e.tag === 'input')!;
  expect(rows[0]).toContain(String(input.default_value));
  const save = buttonsOf(editing.card).find((b) => b.node.form_action_type === 'submit')!;
  const saved = await act(tableMsg.messageId, save.value, { value: '≥500人' });
  expect(saved.sent).toHaveLength(0);
  expect(cardProblems(saved.card)).toEqual([]);
  expect(rowsOf(saved.card)[0]).toMatch(/^1\. .*：≥500人$/);

  // 全部采用 leaves the table as a record (a note, no buttons) and the summary comes as a new card.
  const accept = buttonsOf(saved.card).find((b) => b.label === '全部采用')!;
  const accepted = await act(tableMsg.messageId, accept.value);
  expect(JSON.stringify(accepted.card)).toContain('已选择：全部采用');
  expect(buttonsOf(accepted.card)).toHaveLength(0);
  expect(accepted.sent.some((m) => m.msgType === 'interactive' && cardText(m.content).includes('草稿摘要'))).toBe(true);
});

it('with FEISHU_CARDS=off every answer is plain text, choices as a numbered list that a bare number picks', async () => {
  engine = await createEngine({ dataDir, log: () => {} });
  channel = await startFeishu(engine, webhookEnv(fake, dataDir, TOKEN, { FEISHU_CARDS: 'off' }), { retry: { attempts: 2, baseMs: 5, maxMs: 20 }, logSink: () => undefined });
  const url = `http://127.0.0.1:${channel.port}/feishu/events`;
  const say = sayer(url, 200);
  for (const t of ['社区矫正信息化建设', '某区司法局', '20']) await say(t);
  const list = await say('用于社区矫正信息化平台运维和人员培训');
  expect(list.every((m) => m.msgType === 'text')).toBe(true);
  const text = list.map((m) => String(m.content.text)).join('\n');
  expect(text).toMatch(/【产出指标】/);
  expect(text).toMatch(/^1\. 全部采用$/m);
  expect(text).toMatch(/^2\. 生成$/m);
  const summary = await say('1');
  expect(summary.every((m) => m.msgType === 'text')).toBe(true);
  expect(summary.map((m) => String(m.content.text)).join('\n')).toContain('草稿摘要');
  expect(fake.sent.some((m) => m.msgType === 'interactive')).toBe(false);
});

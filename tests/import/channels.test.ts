/**
 * Last year's file through the real chat channels: a Word file sent as a Telegram document
 * (downloaded with getFile by the real telegraf client) and as a Feishu file message (downloaded
 * with the SDK's message-resource API), against local fake servers, with the real dialog engine.
 * Three tables → list → 全部 → this year's amounts in one reply → 生成全部 → the set DOCX and the
 * indicator xlsx come back as documents / file messages. Refused kinds are answered (by name
 * before any download, by content after it) and change no draft; 检查 with a file only reports.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { startFeishu, type RunningFeishuChannel } from '../../src/channels/feishu/index.ts';
import { MAX_IMPORT_FILE_BYTES } from '../../src/domain/importedFile.ts';
import { importFile } from '../../src/import/index.ts';
import { REFUSALS } from '../../src/import/refusals.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { newEngine, tempDir as dialogTempDir, type TestEngine } from '../dialog/helpers.ts';
import { messageEvent, postEvent, startFakeFeishu, waitFor, webhookEnv, type FakeFeishu } from '../channels/feishu/fakeFeishu.ts';
import { alice, startHarness, textOf, type Harness } from '../channels/telegram/helpers.ts';
import { threeTables, threeTablesDocx } from './threeTables.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function engineIn(): Promise<{ engine: TestEngine; dataDir: string }> {
  const tmp = dialogTempDir('import-channel-');
  const engine = await newEngine(tmp.dir);
  cleanups.push(tmp.cleanup, () => engine.close());
  return { engine, dataDir: tmp.dir };
}

async function draftsIn(dataDir: string, userKey: string) {
  const store = new LowdbDraftStore({ dataDir, log: () => undefined });
  try {
    return await store.list(userKey);
  } finally {
    await store.close();
  }
}

const amounts = threeTables.map((t) => Math.round(t.amounts.annual.total! * 1.2 * 100) / 100);

describe('importing in Telegram', () => {
  async function telegram(): Promise<{ h: Harness; dataDir: string; saw: (re: RegExp) => Promise<void> }> {
    const { engine, dataDir } = await engineIn();
    const h = await startHarness(engine);
    cleanups.push(() => h.close());
    const saw = (re: RegExp) => h.api.waitFor(() => h.api.outbox(alice.id).some((c) => re.test(textOf(c))), 15_000, String(re));
    return { h, dataDir, saw };
  }

  it('a three-table Word document: list, 全部, amounts in one reply, 生成全部 sends the DOCX and the xlsx as documents', async () => {
    const { h, saw } = await telegram();
    h.api.document(alice, '去年三张表.docx', await threeTablesDocx(), DOCX);
    await saw(/找到 3 张表/);
    expect(h.api.callsOf('getFile')).toHaveLength(1);
    h.api.text(alice, '全部');
    await saw(/已导入 3 份草稿/);
    h.api.text(alice, amounts.join(', '));
    await saw(/已按今年的金额更新/);
    h.api.text(alice, '生成全部');
    await h.api.waitFor(() => h.api.callsOf('sendDocument').length === 2, 15_000, 'two documents');
    const [docx, xlsx] = h.api.callsOf('sendDocument');
    expect(docx!.files.document!.filename).toBe('2027_全部绩效目标表.docx');
    expect(xlsx!.files.document!.filename).toBe('2027_绩效指标清单.xlsx');
    const back = await importFile('back.docx', docx!.files.document!.bytes);
    if (!back.ok) throw new Error(back.message);
    expect(back.tables.map((t) => t.amounts.annual.total)).toEqual(amounts);
    const list = await importFile('back.xlsx', xlsx!.files.document!.bytes);
    if (!list.ok) throw new Error(list.message);
    expect(list.tables.map((t) => t.indicators.length)).toEqual(back.tables.map((t) => t.indicators.length));
  });

  it('refuses .doc, .xls, images, archives and files announced above 10 MB without downloading; broken and disguised files after it; no draft changes', async () => {
    const { h, dataDir, saw } = await telegram();
    h.api.text(alice, '社区矫正工作经费');
    await saw(/主管部门/);
    const before = JSON.stringify(await draftsIn(dataDir, `telegram:${alice.id}:${alice.id}`));
    const byName: Array<[string, string]> = [
      ['旧表.doc', REFUSALS.oldWord],
      ['旧表.xls', REFUSALS.oldExcel],
      ['照片.jpg', REFUSALS.image],
      ['全部.zip', REFUSALS.archive],
    ];
    let n = h.api.outbox(alice.id).length;
    for (const [name, refusal] of byName) {
      h.api.document(alice, name, Buffer.from('PK\u0003\u0004xx'), 'application/octet-stream');
      await h.api.waitOutbox(alice.id, ++n);
      expect(textOf(h.api.outbox(alice.id)[n - 1]!)).toBe(refusal);
    }
    h.api.userMessage(alice, { document: { file_id: 'NOPE', file_unique_id: 'n', file_name: '大表.docx', file_size: MAX_IMPORT_FILE_BYTES + 1 } });
    await h.api.waitOutbox(alice.id, ++n);
    expect(textOf(h.api.outbox(alice.id)[n - 1]!)).toBe(REFUSALS.tooLarge(MAX_IMPORT_FILE_BYTES + 1));
    expect(h.api.callsOf('getFile')).toHaveLength(0);
    // Announced small, but larger on download: stopped at the limit.
    h.api.document(alice, '伪.docx', Buffer.alloc(MAX_IMPORT_FILE_BYTES + 1, 0x20), DOCX);
    await h.api.waitOutbox(alice.id, ++n); // refused by its announced size, not downloaded
    h.api.userMessage(alice, { document: { file_id: 'FILE5', file_unique_id: 'u5', file_name: '伪.docx', file_size: 100 } });
    await h.api.waitOutbox(alice.id, ++n);
    expect(textOf(h.api.outbox(alice.id)[n - 1]!)).toBe(REFUSALS.tooLargeDownload);
    // Downloaded, then refused by content.
    h.api.document(alice, '文字.docx', Buffer.from('这不是 Word 文件'), DOCX);
    await saw(/内容不是 \.docx 文件/);
    h.api.document(alice, '坏.xlsx', Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3]), DOCX);
    await saw(/内容不是 \.xlsx 文件|已损坏/);
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>你好</w:t></w:r></w:p></w:body></w:document>');
    h.api.document(alice, '无表.docx', await zip.generateAsync({ type: 'nodebuffer' }), DOCX);
    await saw(/没有找到绩效目标表/);
    expect(JSON.stringify(await draftsIn(dataDir, `telegram:${alice.id}:${alice.id}`))).toBe(before);
  });

  it('a document sent with the caption 检查 is checked, not imported', async () => {
    const { h, dataDir, saw } = await telegram();
    const bytes = await threeTablesDocx();
    const file_id = 'FILE1';
    h.api.document(alice, '别人的表.docx', bytes, DOCX); // registers FILE1 (imported: list shown)
    await saw(/找到 3 张表/);
    h.api.userMessage(alice, { caption: '检查', document: { file_id, file_unique_id: 'c', file_name: '别人的表.docx', file_size: bytes.length } });
    await saw(/检查结果（3 张表）/);
    expect(await draftsIn(dataDir, `telegram:${alice.id}:${alice.id}`)).toHaveLength(0);
  });
});

describe('importing in Feishu', () => {
  const TOKEN = 'verify-token-import';
  let fake: FakeFeishu;
  let channel: RunningFeishuChannel;

  async function feishu(): Promise<{ url: string; dataDir: string; saw: (re: RegExp) => Promise<void> }> {
    const { engine, dataDir } = await engineIn();
    fake = await startFakeFeishu();
    const stateDir = await mkdtemp(path.join(tmpdir(), 'feishu-import-'));
    channel = await startFeishu(engine, webhookEnv(fake, stateDir, TOKEN), { retry: { attempts: 3, baseMs: 5, maxMs: 20 }, logSink: () => undefined });
    cleanups.push(
      () => fake.close(),
      () => rm(stateDir, { recursive: true, force: true }),
      () => channel.stop(),
    );
    const saw = (re: RegExp) => waitFor(() => fake.sent.some((s) => re.test(JSON.stringify(s.content))), String(re), 15_000);
    return { url: `http://127.0.0.1:${channel.port}/feishu/events`, dataDir, saw };
  }
  let serial = 0;
  async function sendFile(url: string, name: string, bytes: Buffer): Promise<void> {
    const id = `om_imp_${++serial}`;
    fake.resources.set(`${id}/fk_${serial}`, bytes);
    await postEvent(url, messageEvent({ token: TOKEN, messageId: id, messageType: 'file', content: { file_key: `fk_${serial}`, file_name: name } }));
  }
  const say = (url: string, text: string) => postEvent(url, messageEvent({ token: TOKEN, content: { text } }));

  it('a three-table Word file message: list, 全部, amounts, 生成全部 uploads the DOCX and the xlsx and sends them as file messages', async () => {
    const { url, saw } = await feishu();
    await sendFile(url, '去年三张表.docx', await threeTablesDocx());
    await saw(/找到 3 张表/);
    expect(fake.log.some((l) => /\/messages\/om_imp_\d+\/resources\/fk_\d+/.test(l))).toBe(true);
    await say(url, '全部');
    await saw(/已导入 3 份草稿/);
    await say(url, amounts.join(', '));
    await saw(/已按今年的金额更新/);
    await say(url, '生成全部');
    await waitFor(() => fake.sent.filter((s) => s.msgType === 'file').length === 2, 'two file messages', 15_000);
    expect(fake.uploads.map((u) => u.fileName)).toEqual(['2027_全部绩效目标表.docx', '2027_绩效指标清单.xlsx']);
    const files = fake.sent.filter((s) => s.msgType === 'file').map((s) => s.content.file_key);
    expect(files).toEqual(fake.uploads.map((u) => u.fileKey));
    const back = await importFile('back.docx', fake.uploads[0]!.bytes);
    if (!back.ok) throw new Error(back.message);
    expect(back.tables.map((t) => t.amounts.annual.total)).toEqual(amounts);
  });

  it('refuses other kinds by name without a download, broken files after it; 检查 then a file only reports', async () => {
    const { url, dataDir, saw } = await feishu();
    for (const [name, refusal] of [
      ['旧表.doc', REFUSALS.oldWord],
      ['图.png', REFUSALS.image],
      ['包.rar', REFUSALS.archive],
    ] as const) {
      await sendFile(url, name, Buffer.from('x'));
      await waitFor(() => fake.sent.some((s) => s.content.text === refusal), name);
    }
    expect(fake.log.some((l) => l.includes('/resources/'))).toBe(false);
    await sendFile(url, '大.docx', Buffer.alloc(MAX_IMPORT_FILE_BYTES + 1, 0x20));
    await waitFor(() => fake.sent.some((s) => s.content.text === REFUSALS.tooLargeDownload), 'too large');
    await sendFile(url, '加密.docx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await saw(/设了打开密码/);
    await say(url, '检查');
    await saw(/请发送要检查的文件/);
    await sendFile(url, '别人的表.docx', await threeTablesDocx());
    await saw(/检查结果（3 张表）/);
    expect(await draftsIn(dataDir, 'feishu:tenant_a:oc_p2p_alice:ou_alice')).toHaveLength(0);
  });
});

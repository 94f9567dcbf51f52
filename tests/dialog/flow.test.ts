import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCX_MIME } from '../../src/dialog/types.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { BASIC, docxText, fillBasics, newEngine, tempDir, User, type TestEngine } from './helpers.ts';

let dir: ReturnType<typeof tempDir>;
let engine: TestEngine;
beforeEach(async () => {
  dir = tempDir();
  engine = await newEngine(dir.dir);
});
afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

describe('shortest path', () => {
  it('name, department, amount, purpose, accept all, generate: a valid DOCX in 6 messages', async () => {
    const u = new User(engine);
    await u.say(BASIC.name);
    expect(u.text()).toContain('主管部门');
    await u.say(BASIC.department);
    expect(u.text()).toContain('金额');
    await u.say(BASIC.amount);
    expect(u.text()).toContain('用途');
    await u.say(BASIC.purpose);
    expect(u.text()).toMatch(/绩效指标（\d+ 条）/);
    expect(u.text()).toContain('框架要求的类别都齐了');
    await u.press('全部采用');
    expect(u.text()).toContain('草稿摘要');
    expect(u.text()).toContain('2027年1月至2027年12月（默认）');
    expect(u.text()).not.toContain('需要修改');
    await u.press('生成');
    expect(u.messages).toBeLessThanOrEqual(6);

    const file = u.file();
    expect(file?.mime).toBe(DOCX_MIME);
    expect(file?.name).toBe('2027_社区矫正工作经费_绩效目标表.docx');
    const text = await docxText(file!.bytes);
    expect(text).toContain(BASIC.name);
    expect(text).toContain(BASIC.department);
    expect(text).toContain(BASIC.purpose);
    expect(text).toContain('2027年1月至2027年12月');
    expect(text).toContain('服务对象满意度');

    // The draft is kept, marked done, with the full table (defaults included).
    await engine.close();
    const store = new LowdbDraftStore({ dataDir: dir.dir, log: () => undefined });
    const drafts = await store.list('test:user');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.status).toBe('done');
    expect(drafts[0]!.table.implementer).toBe(BASIC.department);
    expect(drafts[0]!.table.spendingPlan).toEqual({ mar: 25, jun: 50, oct: 75, dec: 100 });
    expect((await store.getProfile('test:user')).current).toBeUndefined();
  });

  it('offers the last department as a button next time', async () => {
    const u = new User(engine);
    await fillBasics(u);
    await u.press('全部采用');
    await u.press('生成');
    await u.press('新建');
    await u.say('法律援助经费');
    expect(u.choices().map((c) => c.label)).toEqual([BASIC.department]);
    await u.press(BASIC.department);
    expect(u.text()).toContain('项目金额是多少');
  });

  it('a greeting first does not become the project name', async () => {
    const u = new User(engine);
    await u.say('你好');
    expect(u.text()).toContain('请告诉我项目名称');
    await u.say(BASIC.name);
    expect(u.text()).toContain('主管部门');
  });
});

describe('paste mode', () => {
  const block = [
    '项目名称：法律援助工作经费',
    '主管部门：某区司法局',
    '实施单位：某区法律援助中心',
    '项目实施期：2026年1月至2026年12月',
    '金额：实施期30万，年度30万，财政拨款25万，其他资金5万',
    '资金用途：为经济困难群众提供法律咨询、代理和刑事辩护等法律援助服务',
    '资金支出计划：20/50/80/100',
    '数量指标：办理法律援助案件 ≥300件；法律咨询 ≥2000人次',
    '质量指标：案件结案率 ≥95%',
    '时效指标：案件指派及时率 100%',
    '成本指标：项目总成本 ≤30万元',
    '社会效益指标：困难群众合法权益得到保障 有效保障',
    '服务对象满意度指标：受援人满意度 ≥95%',
  ].join('\n');

  it('one block with every field, then 生成: a DOCX in 2 messages', async () => {
    const u = new User(engine);
    await u.say(block);
    expect(u.text()).toContain('已填写');
    expect(u.text()).toContain('草稿摘要');
    expect(u.text()).toContain('某区法律援助中心');
    await u.say('生成');
    expect(u.messages).toBe(2);
    const text = await docxText(u.file()!.bytes);
    for (const s of ['法律援助工作经费', '某区法律援助中心', '办理法律援助案件', '≥300件', '受援人满意度', '2026年1月至2026年12月']) {
      expect(text).toContain(s);
    }
  });

  it('a partial block fills what it names and asks only for what is missing', async () => {
    const u = new User(engine);
    await u.say('项目名称：法律援助工作经费\n金额：15万元');
    expect(u.text()).toContain('已填写：项目名称、金额');
    expect(u.text()).toContain('主管部门是哪个单位');
    await u.say('某区司法局');
    // Amount is known: the next question is the purpose, not the amount.
    expect(u.text()).toContain('资金主要用途');
  });

  it('keeps the good lines of a block and reports the bad one', async () => {
    const u = new User(engine);
    await u.say('项目名称：法律援助工作经费\n金额：很多钱\n主管部门：某区司法局');
    expect(u.text()).toContain('金额没有填上');
    expect(u.text()).toContain('已填写：项目名称、主管部门');
    expect(u.text()).toContain('项目金额是多少');
  });
});

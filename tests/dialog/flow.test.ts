import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCES_DIR } from '../../src/library/load.ts';
import { DOCX_MIME } from '../../src/dialog/types.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { BASIC, docxText, fillBasics, User, freshEngineEachTest } from './helpers.ts';

const t = freshEngineEachTest();

describe('shortest path', () => {
  it('name, department, amount, purpose, accept all, generate: a valid DOCX in 6 messages', async () => {
    const u = new User(t.engine);
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
    await t.engine.close();
    const store = new LowdbDraftStore({ dataDir: t.dir, log: () => undefined });
    const drafts = await store.list('test:user');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.status).toBe('done');
    expect(drafts[0]!.table.implementer).toBe(BASIC.department);
    expect(drafts[0]!.table.spendingPlan).toEqual({ mar: 25, jun: 50, oct: 75, dec: 100 });
    expect((await store.getProfile('test:user')).current).toBeUndefined();
  });

  it('offers the last department as a button next time', async () => {
    const u = new User(t.engine);
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
    const u = new User(t.engine);
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
    const u = new User(t.engine);
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
    const u = new User(t.engine);
    await u.say('项目名称：法律援助工作经费\n金额：15万元');
    expect(u.text()).toContain('已填写：项目名称、金额');
    expect(u.text()).toContain('主管部门是哪个单位');
    await u.say('某区司法局');
    // Amount is known: the next question is the purpose, not the amount.
    expect(u.text()).toContain('资金主要用途');
  });

  it('the text of an old table fills its fields and indicators, then asks only for what is missing', async () => {
    const file = readdirSync(SOURCES_DIR).find((f) => f.startsWith('000_'))!;
    const source = readFileSync(join(SOURCES_DIR, file), 'utf8');
    const start = source.indexOf('项目名称\t法律信息数据库使用费');
    const oldTable = source.slice(start, source.indexOf('# 本级', start));
    const u = new User(t.engine);
    await u.say(oldTable);
    expect(u.text()).toContain('已填写：项目名称、项目实施期、主管部门、实施单位');
    expect(u.text()).toContain('绩效指标 8 条');
    // The old table has no 资金用途 row: that is the one question left before the indicators.
    expect(u.text()).toContain('资金主要用途是什么');
    await u.say('用于购买法律数据库服务，支撑合法性审查和行政复议工作');
    expect(u.text()).toContain('数据库故障排除响应时间：≤30分钟');
    // No 成本指标 in the old table: the framework check says so.
    expect(u.text()).toContain('还缺：成本指标');
    await u.say('加 成本指标 数据库年服务费 ≤9.88万元');
    await u.press('全部采用');
    expect(u.text()).toContain('项目实施期：2023年1月至2023年12月');
    expect(u.text()).toContain('年度金额：9.88万元');
  });

  it('keeps the good lines of a block and reports the bad one', async () => {
    const u = new User(t.engine);
    await u.say('项目名称：法律援助工作经费\n金额：很多钱\n主管部门：某区司法局');
    expect(u.text()).toContain('金额没有填上');
    expect(u.text()).toContain('已填写：项目名称、主管部门');
    expect(u.text()).toContain('项目金额是多少');
  });
});

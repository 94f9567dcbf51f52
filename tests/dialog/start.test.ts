import { describe, expect, it } from 'vitest';
import { GREETING, IMPORT_HINT } from '../../src/dialog/flow/questions.ts';
import { readParagraph } from '../../src/dialog/answers/paragraph.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { BASIC, docxText, User, freshEngineEachTest } from './helpers.ts';

const t = freshEngineEachTest();

describe('first question first', () => {
  it('/start greets in one line and asks the project name at once, offering last year\'s table', async () => {
    const u = new User(t.engine);
    await u.say('/start');
    const text = u.text();
    expect(text.split('\n')[0]).toBe(GREETING);
    expect(text).toContain('请告诉我项目名称');
    expect(u.choices().map((c) => c.label)).toEqual(['导入去年的表']);
    // The channels with forms show the basics form with the first question.
    expect(u.last.some((r) => r.type !== 'file' && r.form === 'basics')).toBe(true);
    await u.press('导入去年的表');
    expect(u.text()).toBe(IMPORT_HINT);
  });

  it('a first message that is not an answer (Feishu has no /start) is met the same way', async () => {
    for (const [n, first] of ['好的', '在吗', '这个怎么弄？'].entries()) {
      const u = new User(t.engine, `first:${n}`);
      await u.say(first);
      expect(u.text()).toContain('请告诉我项目名称');
      expect(u.choices().map((c) => c.label)).toEqual(['导入去年的表']);
      expect(u.last.some((r) => r.type !== 'file' && r.form === 'basics')).toBe(true);
    }
  });

  it('/start with a draft under way goes on with it', async () => {
    const u = new User(t.engine);
    await u.say(BASIC.name);
    await u.say('/start');
    expect(u.text()).toContain(`我们接着填「${BASIC.name}」`);
    expect(u.text()).toContain('主管部门是哪个单位');
  });

  it('「我要填表」 is the wish to start, not a project name', async () => {
    const u = new User(t.engine);
    await u.say('我要填表');
    expect(u.text()).toContain('请告诉我项目名称');
    const store = new LowdbDraftStore({ dataDir: t.dir, log: () => undefined });
    expect(await store.list(u.key)).toEqual([]);
  });

  it('question by question: /start → 名称 → 部门 → 金额 → 用途 → 生成 is 6 messages and a DOCX', async () => {
    const u = new User(t.engine);
    for (const m of ['/start', BASIC.name, BASIC.department, BASIC.amount, BASIC.purpose, '生成']) await u.say(m);
    expect(u.messages).toBe(6);
    const file = u.file();
    expect(file).toBeDefined();
    expect(await docxText(file!.bytes)).toContain(BASIC.purpose);
  });

  it('one paragraph: /start, the paragraph, 生成 is 3 messages and a DOCX with every part', async () => {
    const u = new User(t.engine);
    await u.say('/start');
    await u.say(`我们是${BASIC.department}，今年要申报${BASIC.name}20万元，${BASIC.purpose}。`);
    expect(u.text()).toContain('已填写：项目名称、主管部门、金额、资金用途');
    await u.say('生成');
    expect(u.messages).toBe(3);
    const text = await docxText(u.file()!.bytes);
    for (const part of [BASIC.name, BASIC.department, BASIC.purpose]) expect(text).toContain(part);
  });

  it('a paragraph without the name fills what it states and asks the rest', async () => {
    const u = new User(t.engine);
    await u.say('我们明年要申请20万做社区矫正，主要是用于社区矫正对象教育帮扶和心理矫治');
    expect(u.text()).toContain('请告诉我项目名称');
    const store = new LowdbDraftStore({ dataDir: t.dir, log: () => undefined });
    const [draft] = await store.list(u.key);
    expect(draft!.table.projectName).toBeUndefined();
    expect(draft!.table.amounts.annual.total).toBe(20);
    expect(draft!.table.fundUse).toBe('用于社区矫正对象教育帮扶和心理矫治');
  });
});

describe('a returning user', () => {
  it('is offered last time\'s department as the default: its button or a 好 takes it', async () => {
    const u = new User(t.engine);
    for (const m of [BASIC.name, BASIC.department, BASIC.amount, BASIC.purpose, '生成']) await u.say(m);
    await u.say('人民调解工作经费');
    expect(u.text()).toContain(`上次填的是「${BASIC.department}」`);
    expect(u.choices().map((c) => c.label)).toEqual([BASIC.department]);
    await u.say('好');
    expect(u.text()).toContain(`主管部门：${BASIC.department}（同上次）`);
    expect(u.text()).toContain('项目金额是多少');
    await u.say('新建');
    await u.say('法律援助专项经费');
    await u.press(BASIC.department);
    expect(u.text()).toContain('项目金额是多少');
  });
});

describe('readParagraph', () => {
  const purpose = '用于社区矫正对象教育帮扶、心理矫治和日常监督管理';
  it.each([
    [`社区矫正工作经费，大连高新区司法局，20万，${purpose}`, { projectName: '社区矫正工作经费', department: '大连高新区司法局', amounts: '20万', fundUse: purpose }],
    ['项目叫网格化服务管理工作经费，主管部门是某区委政法委，预算35.6万元，主要用于全区286名专职网格员培训和平台运维。', {
      projectName: '网格化服务管理工作经费', department: '某区委政法委', amounts: '预算35.6万元', fundUse: '用于全区286名专职网格员培训和平台运维',
    }],
    ['某区委政法委申请网格化服务管理工作经费35.6万元，用于网格员培训和工作补贴', {
      projectName: '网格化服务管理工作经费', department: '某区委政法委', amounts: '35.6万元', fundUse: '用于网格员培训和工作补贴',
    }],
    ['法律援助专项经费 市法律援助中心 三十五万六千 用于办理法律援助案件和支付律师办案补贴', {
      projectName: '法律援助专项经费', department: '市法律援助中心', amounts: '35.6万', fundUse: '用于办理法律援助案件和支付律师办案补贴',
    }],
    ['项目名称是人民调解工作经费，单位是某县司法局，金额15万，用途是开展人民调解员培训和以案定补', {
      projectName: '人民调解工作经费', department: '某县司法局', amounts: '金额15万', fundUse: '开展人民调解员培训和以案定补',
    }],
    ['用于开展社区矫正对象教育培训，共20万，某区司法局', { department: '某区司法局', amounts: '共20万', fundUse: '用于开展社区矫正对象教育培训' }],
  ])('%s', (text, want) => {
    expect(readParagraph(text)).toEqual(want);
  });

  it('reads full-width digits', () => {
    expect(readParagraph('某县司法局申请人民调解工作经费１５万元，主要用于人民调解员培训和以案定补')).toEqual({
      projectName: '人民调解工作经费', department: '某县司法局', amounts: '15万元', fundUse: '用于人民调解员培训和以案定补',
    });
  });

  it('keeps 实施期 and 年度 apart', () => {
    expect(readParagraph(`社区矫正工作经费，实施期两年共70万其中今年35万，某区司法局，${purpose}`)?.amounts).toBe('共70万，其中今年35万');
  });

  it.each([
    '2023年第二批中央转移支付资金社区矫正经费（津财行政指【2023】24号）',
    '不用了，谢谢',
    '这个表什么时候交？能不能快点',
    '人民调解、法律援助、社区矫正工作经费',
    '大连高新区司法局，社区矫正工作经费',
  ])('takes nothing from 「%s」', (text) => {
    expect(readParagraph(text)).toBeUndefined();
  });
});

describe('the draft list', () => {
  it('tells same-named drafts apart (state, amount, time, and a number when all agree)', async () => {
    const u = new User(t.engine);
    await u.say(BASIC.name);
    await u.say('新建');
    await u.say(BASIC.name);
    await u.say('新建');
    await u.say(BASIC.name);
    await u.say(BASIC.department);
    await u.say('20');
    await u.say('草稿');
    const labels = u.choices().map((c) => c.label);
    expect(labels).toHaveLength(3);
    expect(new Set(labels).size).toBe(3);
    expect(labels.some((l) => l.includes('20万元'))).toBe(true);
    expect(labels.some((l) => l.endsWith('#2'))).toBe(true);
  });
});

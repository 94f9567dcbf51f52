import { beforeEach, describe, expect, it } from 'vitest';
import { BASIC, fillBasics, User, freshEngineEachTest } from './helpers.ts';

const t = freshEngineEachTest();
let u: User;
beforeEach(() => {
  u = new User(t.engine);
});

/** Sends a wrong answer and expects a reason plus the same question again. */
async function rejected(text: string, reason: RegExp, question: string): Promise<void> {
  await u.say(text);
  expect(u.text()).toMatch(reason);
  expect(u.text()).toContain(question);
}

describe('invalid answers get the rule message and the same question; nothing earlier is lost', () => {
  it('at every step of the flow', async () => {
    await rejected('项'.repeat(2000), /项目名称/, '请告诉我项目名称');
    await u.say(BASIC.name);

    await rejected('局'.repeat(200), /主管部门/, '主管部门是哪个单位');
    await u.say(BASIC.department);

    await rejected('很多钱', /没有看到金额数字/, '项目金额是多少');
    await rejected('-5', /金额/, '项目金额是多少');
    await rejected('0', /金额/, '项目金额是多少');
    await rejected('20.123456', /小数/, '项目金额是多少');
    await rejected('实施期10万，年度20万', /年度金额/, '项目金额是多少');
    await rejected('20 30', /写明是哪一项/, '项目金额是多少');
    await u.say('20万元');

    await rejected('用'.repeat(1500), /资金用途|用途/, '资金主要用途');
    await u.say(BASIC.purpose);
    expect(u.text()).toContain('绩效指标（');

    await rejected('改 1 ≥900%', /没有生效[\s\S]*100/, '绩效指标（');
    await rejected('删 99', /编号要在 1–\d+ 之间|请写要删除的编号/, '绩效指标（');
    await rejected('1,99', /编号要在/, '绩效指标（');
    await rejected('加 未知类 培训合格率 ≥95%', /不是二级指标名/, '绩效指标（');
    await rejected('随便写点什么', /没看懂这条指令/, '绩效指标（');
    await u.press('全部采用');
    expect(u.text()).toContain('草稿摘要');

    await rejected('随便写点什么', /请点下面的按钮/, '草稿摘要');

    await u.say('修改 支出计划');
    await rejected('50/40/75/100', /下降|累计/, '请发送新的资金支出计划');
    await rejected('25/50', /4 个累计百分比/, '请发送新的资金支出计划');
    await u.say('20/40/70/100');

    await u.say('修改 实施期');
    await rejected('明年吧', /实施期/, '请发送新的项目实施期');
    await rejected('2027年12月至2027年1月', /开始|结束|晚于/, '请发送新的项目实施期');
    await u.press('保持不变');

    await u.say('修改 绩效目标');
    await rejected(BASIC.name, /项目名称/, '请发送新的绩效目标');
    await u.press('保持不变');

    // Every earlier answer survived the rejected ones.
    const summary = u.text();
    expect(summary).toContain(`项目名称：${BASIC.name}`);
    expect(summary).toContain(`主管部门：${BASIC.department}`);
    expect(summary).toContain('年度金额：20万元');
    expect(summary).toContain('3月底 20，6月底 40，10月底 70，12月底 100');
    expect(summary).not.toContain('需要修改');
    await u.press('生成');
    expect(u.file()).toBeDefined();
  });

  it('a rule error found only at the end blocks generation until fixed', async () => {
    await fillBasics(u);
    await u.press('全部采用');
    // Deleting the only 成本指标 (row 5 of the composed 社区矫正 set) at the summary leaves the framework incomplete.
    await u.say('删 5');
    expect(u.text()).toContain('需要修改');
    await u.say('生成');
    expect(u.text()).toContain('还不能生成');
    expect(u.file()).toBeUndefined();
    await u.say('加 成本指标 监管帮教经费 ≤20万元');
    await u.say('生成');
    expect(u.file()).toBeDefined();
  });

  it('warnings are shown but do not block', async () => {
    await fillBasics(u);
    await u.say('改 1 165.35万元');
    expect(u.text()).toContain('已把第 1 条改为');
    expect(u.text()).toContain('提示');
    await u.press('全部采用');
    await u.press('生成');
    expect(u.file()).toBeDefined();
  });

  it('an unsupported file or a broken JSON draft is refused politely', async () => {
    await t.engine.handle('f', { type: 'file', name: 'photo.png', bytes: new Uint8Array([1, 2, 3]) }).then((r) => {
      expect(r.map((x) => ('text' in x ? x.text : '')).join()).toContain('.json');
    });
    const broken = await t.engine.handle('f', { type: 'file', name: 'd.json', bytes: new TextEncoder().encode('{oops') });
    expect(broken.map((x) => ('text' in x ? x.text : '')).join()).toContain('无法导入这个文件：它不是有效的 JSON');
    const good = await t.engine.handle('f', {
      type: 'file',
      name: 'd.json',
      bytes: new TextEncoder().encode(JSON.stringify({ projectName: '导入的项目', department: '某局' })),
    });
    const text = good.map((x) => ('text' in x ? x.text : '')).join();
    expect(text).toContain('已导入「导入的项目」');
    expect(text).toContain('项目金额是多少');
  });

  it('a draft wrapped as { table } (which lint and render accept) imports its content', async () => {
    const wrapped = { id: 'd1', status: 'active', table: { projectName: '包装的项目', department: '某局' } };
    const r = await t.engine.handle('w', { type: 'file', name: 'd.json', bytes: new TextEncoder().encode(`\uFEFF${JSON.stringify(wrapped)}`) });
    const text = r.map((x) => ('text' in x ? x.text : '')).join();
    expect(text).toContain('已导入「包装的项目」');
    expect(text).not.toContain('未命名');
    expect(text).toContain('项目金额是多少');
  });

  it('a JSON file that is not a draft is refused with the reason, and no draft is made', async () => {
    const r = await t.engine.handle('p', { type: 'file', name: 'package.json', bytes: new TextEncoder().encode('{"name":"x","version":"1.0.0"}') });
    const text = r.map((x) => ('text' in x ? x.text : '')).join();
    expect(text).toContain('无法导入这个文件：它不是绩效目标表草稿（没有项目名称、金额、指标等任何字段）');
    expect(text).not.toContain('已导入');
    const drafts = await t.engine.handle('p', { type: 'text', text: '草稿' });
    expect(drafts.map((x) => ('text' in x ? x.text : '')).join()).toContain('还没有草稿');
  });
});

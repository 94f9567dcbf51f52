import { beforeEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/dialog/drafts/commands.ts';
import { BASIC, docxText, fillBasics, User, freshEngineEachTest } from './helpers.ts';

const t = freshEngineEachTest();
let u: User;
beforeEach(() => {
  u = new User(t.engine);
});

describe('command words', () => {
  it('recognises Chinese words and slash forms alike', () => {
    const pairs: Array<[string, string, string]> = [
      ['帮助', '/help', 'help'],
      ['新建', '/new', 'new'],
      ['返回', '/back', 'back'],
      ['跳过', '/skip', 'skip'],
      ['查看', '/show', 'show'],
      ['生成', '/done', 'done'],
      ['取消', '/cancel', 'cancel'],
      ['草稿', '/drafts', 'drafts'],
      ['版式', '/layout', 'layout'],
    ];
    for (const [word, slash, kind] of pairs) {
      expect(parseCommand(word)?.kind).toBe(kind);
      expect(parseCommand(slash)?.kind).toBe(kind);
    }
    expect(parseCommand('/new@perf_bot')?.kind).toBe('new');
    expect(parseCommand('修改 金额')).toEqual({ kind: 'edit', field: 'amounts', rawField: '金额' });
    expect(parseCommand('/edit 资金用途')).toMatchObject({ kind: 'edit', field: 'fundUse' });
    expect(parseCommand('指标 社区矫正')).toEqual({ kind: 'template', keyword: '社区矫正' });
    expect(parseCommand('/template 法律援助')).toEqual({ kind: 'template', keyword: '法律援助' });
    expect(parseCommand('社区矫正工作经费')).toBeUndefined();
    // Found by the robustness property: names of Object.prototype members are ordinary answers.
    expect(parseCommand('valueOf')).toBeUndefined();
    expect(parseCommand('constructor')).toBeUndefined();
    expect(parseCommand('改 3 ≥98%')).toBeUndefined();
    // A value keeps the punctuation typed.
    expect(parseCommand('修改 实施期目标 开展培训，提高能力；')).toEqual({ kind: 'set', field: 'targets.period', value: '开展培训，提高能力；' });
    expect(parseCommand('把资金用途改成：用于培训，开展宣传')).toEqual({ kind: 'set', field: 'fundUse', value: '用于培训，开展宣传' });
  });

  it('matches English command words in any case, as phones capitalise them', () => {
    for (const [text, kind] of [
      ['Help', 'help'],
      ['HELP', 'help'],
      ['New', 'new'],
      ['/New', 'new'],
      ['Cancel.', 'cancel'],
      ['Drafts', 'drafts'],
      ['/Edit 金额', 'edit'],
    ] as const) {
      expect(parseCommand(text)?.kind, text).toBe(kind);
    }
    expect(parseCommand('ValueOf')).toBeUndefined();
  });

  it('a capitalised 「New」 starts a new draft instead of becoming the project name', async () => {
    await u.say(BASIC.name);
    await u.say('New');
    expect(u.text()).toContain('已新建草稿');
    await u.say('Help');
    expect(u.text()).toContain('修改 <字段>');
    const drafts = await t.engine.handle(u.key, { type: 'text', text: '草稿' });
    const names = drafts.flatMap((r) => (r.type === 'choices' ? r.choices.map((c) => c.label) : []));
    expect(names.some((n) => n.startsWith('New') || n.startsWith('Help'))).toBe(false);
  });
});

describe('a conversation that uses every command', () => {
  it('help, back, skip, edit, show, template, layout, drafts, new, cancel, done, copy', async () => {
    await u.say('/help');
    expect(u.text()).toContain('修改 <字段>');

    await u.say(BASIC.name);
    await u.say('返回');
    expect(u.text()).toContain('请告诉我项目名称');
    expect(u.text()).toContain(`当前：${BASIC.name}`);
    await u.press('保持不变');
    expect(u.text()).toContain('主管部门');

    await u.say('跳过');
    expect(u.text()).toContain('必填');
    expect(u.text()).toContain('主管部门');
    await u.say(BASIC.department);
    await u.say('/back');
    expect(u.text()).toContain('主管部门');
    await u.say('某区政法委');
    await u.say(BASIC.amount);
    await u.say(BASIC.purpose);

    await u.say('指标 社区矫正');
    expect(u.text()).toContain('社区矫正');
    expect(u.text()).toMatch(/数量指标|质量指标/);

    await u.say('查看');
    expect(u.text()).toContain('草稿摘要');
    expect(u.text()).toContain('某区政法委');

    await u.say('全部采用');
    expect(u.text()).toContain('草稿摘要');

    await u.say('修改 实施期');
    expect(u.text()).toContain('请发送新的项目实施期');
    await u.say('2026年1月至2026年12月');
    expect(u.text()).toContain('已更新项目实施期。');
    expect(u.text()).toContain('项目实施期：2026年1月至2026年12月');
    expect(u.text()).not.toContain('2026年1月至2026年12月（默认）');
    await u.say('修改 实施期');
    await u.say('/skip');
    expect(u.text()).toContain('项目实施期已恢复默认');
    expect(u.text()).toContain('2027年1月至2027年12月（默认）');

    await u.press('修改');
    await u.press('项目编码');
    await u.say('2027-SF-01');
    expect(u.text()).toContain('项目编码：2027-SF-01');

    await u.say('/edit 绩效目标');
    await u.say('1.完成社区矫正对象教育帮扶300人次；2.社区矫正对象再犯罪率控制在0.2%以下；3.服务对象满意度≥95%。');
    expect(u.text()).toContain('实施期目标：1.完成社区矫正对象教育帮扶300人次');

    await u.say('版式');
    const compact = u.choices().find((c) => c.label.includes('本级'));
    expect(compact).toBeDefined();
    await u.pressId(compact!.id);
    expect(u.text()).toContain('版式已设为');

    await u.say('/new');
    expect(u.text()).toContain('已新建草稿');
    await u.say('法律援助经费');
    await u.say('草稿');
    const back = u.choices().find((c) => c.label.startsWith(BASIC.name));
    expect(back).toBeDefined();
    expect(u.choices()).toHaveLength(2);
    await u.pressId(back!.id);
    expect(u.text()).toContain(`已切换到「${BASIC.name}」`);

    await u.say('生成');
    const file = u.file();
    expect(file?.name).toContain(BASIC.name);
    const text = await docxText(file!.bytes);
    expect(text).toContain('某区政法委'); // the compact layout has no 项目编码 cell
    expect(text).toContain('本级');

    await u.say('/drafts');
    expect(u.text()).toContain('已生成');
    await u.say('复制上一份');
    expect(u.text()).toContain(`已复制「${BASIC.name}」为新草稿`);
    expect(u.text()).toContain('草稿摘要');

    await u.say('取消');
    await u.press('确认删除');
    expect(u.text()).toContain('已删除草稿');
    await u.say('/drafts');
    // The generated draft and the unfinished 法律援助经费 remain; the cancelled copy is gone.
    expect(u.choices()).toHaveLength(2);
  });

  it('repeated 新建 does not pile up empty drafts', async () => {
    await u.say('新建');
    await u.say('/new');
    await u.say(BASIC.name);
    await u.say('草稿');
    expect(u.choices()).toHaveLength(1);
  });

  it('生成 before the required fields says what is missing', async () => {
    await u.say(BASIC.name);
    await u.say('生成');
    expect(u.text()).toContain('还缺主管部门');
    expect(u.file()).toBeUndefined();
  });

  it('生成 at the indicator step adopts the proposed list', async () => {
    await fillBasics(u);
    await u.say('/done');
    expect(u.text()).toContain('已采用当前的指标');
    expect(u.file()).toBeDefined();
  });

  it('recognises a stale button and repeats the current question', async () => {
    await fillBasics(u);
    const accept = u.choices().find((c) => c.label === '全部采用')!;
    expect(Buffer.byteLength(accept.id)).toBeLessThanOrEqual(64);
    expect(accept.id).toMatch(/^[\x21-\x7e]+$/);
    await u.say('删 1');
    await u.pressId(accept.id);
    expect(u.text()).toContain('该按钮已过期');
    expect(u.text()).toContain('绩效指标（');
    await u.pressId('garbage');
    expect(u.text()).toContain('该按钮已过期');
  });
});

describe('indicator step', () => {
  beforeEach(async () => {
    await fillBasics(u);
  });

  const count = (): number => Number(/绩效指标（(\d+) 条）/.exec(u.text())?.[1]);

  it('accepts some (1,3,5-7), says what is missing, then adds', async () => {
    const before = count();
    expect(before).toBeGreaterThanOrEqual(7);
    await u.say('1,3,5-7');
    expect(u.text()).toContain('已保留 5 条');
    expect(count()).toBe(5);
    expect(u.text()).toMatch(/还缺：/);
    await u.say('全部采用');
    expect(u.text()).toContain('指标还不能采用');
  });

  it('looks up templates for the project by a button, and the list buttons stay valid', async () => {
    const accept = u.choices().find((c) => c.label === '全部采用')!;
    await u.press('查相似模板');
    expect(u.text()).toContain('社区矫正');
    expect(u.text()).toContain('加 二级指标 名称 指标值');
    await u.pressId(accept.id);
    expect(u.text()).toContain('草稿摘要');
  });

  it('changes a value, deletes, adds a custom indicator', async () => {
    const n = count();
    await u.say('改 1 ≥1000人');
    expect(u.text()).toContain('已把第 1 条改为 ≥1000人');
    expect(u.text()).toMatch(/ 1\. .+：≥1000人/);
    // The satisfaction rows come last; delete them all (one per subject).
    const list = u.text();
    const satisfied = list.slice(list.indexOf(' 服务对象满意度指标')).match(/^ {2}(\d+)\./gm)!.map((m) => Number(m.trim().slice(0, -1)));
    await u.say(`删 ${satisfied.join(',')}`);
    expect(count()).toBe(n - satisfied.length);
    expect(u.text()).toContain('还缺：服务对象满意度指标');
    await u.say('加 服务对象满意度指标 矫正对象满意度 ≥95%');
    expect(u.text()).toContain('已添加「矫正对象满意度」');
    expect(u.text()).toContain('框架要求的类别都齐了');
    await u.say('加 质量指标 培训合格率≥95%');
    expect(u.text()).toMatch(/\d+\. 培训合格率：≥95%/);
    await u.press('全部采用');
    expect(u.text()).toContain('草稿摘要');
  });
});

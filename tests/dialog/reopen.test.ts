/** 修改… after 生成: one draft reopens at once; with several the user picks one by number, name or button. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { BASIC, NOW, User, tempDir, type TestEngine } from './helpers.ts';
import { createEngine } from '../../src/app.ts';

let tmp: ReturnType<typeof tempDir>;
let store: LowdbDraftStore;
let engine: TestEngine;
let u: User;

beforeEach(async () => {
  tmp = tempDir('reopen-');
  store = new LowdbDraftStore({ dataDir: tmp.dir, log: () => undefined });
  engine = await createEngine({ dataDir: tmp.dir, store, now: NOW, log: () => undefined });
  u = new User(engine, 'reopen:user');
});
afterEach(async () => {
  await engine.close();
  tmp.cleanup();
});

async function generateOne(name: string, department: string, amount: string, purpose: string): Promise<void> {
  for (const m of [name, department, amount, purpose, '全部采用', '生成']) await u.say(m);
  expect(u.file()?.name).toContain(name);
}

const twoDone = async (): Promise<void> => {
  await generateOne(BASIC.name, BASIC.department, BASIC.amount, BASIC.purpose);
  await generateOne('人民调解工作经费', '某县司法局', '15', '用于人民调解员培训和以案定补，支付调解员补贴');
};

const current = async () => {
  const profile = await store.getProfile(u.key);
  return profile.current ? store.get(u.key, profile.current) : undefined;
};

describe('修改 after 生成', () => {
  it('with one draft reopens it at once and carries out the change', async () => {
    await generateOne(BASIC.name, BASIC.department, BASIC.amount, BASIC.purpose);
    await u.say('把金额改成40万');
    expect(u.text()).toContain(`已重新打开「${BASIC.name}」`);
    expect(u.text()).not.toContain('要修改哪一份');
    const d = await current();
    expect(d?.status).toBe('active');
    expect(d?.table.amounts.annual.total).toBe(40);
    // The reopened draft's change can be undone like any other.
    await u.say('撤销');
    expect((await current())?.table.amounts.annual.total).toBe(20);
  });

  it('with several drafts asks which one, and a number picks it', async () => {
    await twoDone();
    await u.say('把金额改成40万');
    expect(u.text()).toContain('您有 2 份草稿，要修改哪一份？');
    // Numbered (newest first; the test clock gives both the same time), with a button each.
    expect(u.text()).toMatch(/人民调解工作经费（已生成 15万元/);
    const n = /(\d)\. 社区矫正工作经费（已生成 20万元/.exec(u.text())?.[1];
    expect(['1', '2']).toContain(n);
    expect(u.choices().map((c) => c.label)).toHaveLength(2);
    // Nothing changed yet.
    expect(await current()).toBeUndefined();
    expect((await store.list(u.key)).every((d) => d.status === 'done')).toBe(true);

    await u.say(n!);
    expect(u.text()).toContain(`已重新打开「${BASIC.name}」`);
    const d = await current();
    expect(d?.table.projectName).toBe(BASIC.name);
    expect(d?.table.amounts.annual.total).toBe(40);
    const other = (await store.list(u.key)).find((x) => x.table.projectName === '人民调解工作经费');
    expect(other?.status).toBe('done');
    expect(other?.table.amounts.annual.total).toBe(15);
  });

  it('a (part of the) project name or the button picks it; 修改 金额 then asks the amount', async () => {
    await twoDone();
    await u.say('修改 金额');
    await u.say('人民调解');
    expect(u.text()).toContain('已重新打开「人民调解工作经费」');
    expect(u.text()).toContain('请发送新的金额');
    expect((await current())?.editing).toBe('amounts');

    await u.say('生成');
    await u.say('修改 实施单位');
    const button = u.choices().find((c) => c.label.startsWith(BASIC.name));
    expect(button).toBeDefined();
    await u.pressId(button!.id);
    expect(u.text()).toContain(`已重新打开「${BASIC.name}」`);
    expect((await current())?.editing).toBe('implementer');
  });

  it('an answer that names no listed draft is asked again; a command goes on as usual', async () => {
    await twoDone();
    await u.say('改 1 ≥500人');
    await u.say('5');
    expect(u.text()).toContain('没有找到「5」');
    expect(u.text()).toContain('要修改哪一份');
    expect(await current()).toBeUndefined();
    // The question survives a wrong answer, then the indicator edit is done on the draft picked.
    await u.say(BASIC.name);
    expect((await current())?.table.indicators[0]?.value).toBe('≥500人');

    await u.say('生成');
    await u.say('修改 金额');
    await u.say('新建');
    expect(u.text()).not.toContain('要修改哪一份');
    const d = await current();
    expect(d?.table.projectName).toBeUndefined();
    // A later number is no answer to the old question.
    await u.say('生成');
    expect((await store.list(u.key)).filter((x) => x.status === 'done')).toHaveLength(2);
  });
});

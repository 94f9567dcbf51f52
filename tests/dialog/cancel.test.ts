/** 取消: leaves an open 修改 question, otherwise asks before deleting; the delete is part of the turn's save. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/app.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import type { DraftStore } from '../../src/dialog/records.ts';
import { BASIC, fillBasics, NOW, tempDir, User, type TestEngine } from './helpers.ts';

let dir: ReturnType<typeof tempDir>;
let store: LowdbDraftStore;
let engine: TestEngine;
let u: User;

async function open(s: DraftStore): Promise<void> {
  engine = await createEngine({ dataDir: dir.dir, store: s, now: NOW, log: () => undefined });
  u = new User(engine);
}

beforeEach(() => {
  dir = tempDir('cancel-');
  store = new LowdbDraftStore({ dataDir: dir.dir, log: () => undefined });
});
afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

const names = async (): Promise<Array<string | undefined>> => (await store.list(u.key)).map((d) => d.table.projectName);

describe('取消', () => {
  it('asks before deleting; 继续填写 keeps the draft and asks the same question again', async () => {
    await open(store);
    await u.say(BASIC.name);
    await u.say(BASIC.department);
    await u.say('取消');
    expect(u.text()).toContain(`要删除草稿「${BASIC.name}」吗？`);
    expect(u.choices().map((c) => c.label)).toEqual(['确认删除', '继续填写']);
    expect(await names()).toEqual([BASIC.name]);

    await u.press('继续填写');
    expect(u.text()).toContain('项目金额是多少');
    expect(await names()).toEqual([BASIC.name]);
    await u.say(BASIC.amount);
    expect(u.text()).toContain('资金主要用途');
  });

  it('确认删除 deletes the draft; an old 确认删除 button does nothing once another question was asked', async () => {
    await open(store);
    await u.say(BASIC.name);
    await u.say('取消');
    const stale = u.choices().find((c) => c.label === '确认删除')!;
    await u.press('继续填写');
    await u.pressId(stale.id);
    expect(u.text()).toContain('该按钮已过期');
    expect(await names()).toEqual([BASIC.name]);

    await u.say('/cancel');
    await u.press('确认删除');
    expect(u.text()).toContain(`已删除草稿「${BASIC.name}」`);
    expect(u.choices().map((c) => c.label)).toEqual(['新建']);
    expect(await names()).toEqual([]);
    expect((await store.getProfile(u.key)).current).toBeUndefined();
    await u.say('取消');
    expect(u.text()).toContain('目前没有进行中的草稿');
  });

  it('during a 修改 question it only leaves the question: the draft and the old value stay', async () => {
    await open(store);
    await fillBasics(u);
    await u.say('修改 金额');
    expect(u.text()).toContain('请发送新的');
    await u.say('取消');
    expect(u.text()).toContain('已取消修改，草稿保留');
    expect(u.text()).not.toContain('要删除草稿');
    expect(await names()).toEqual([BASIC.name]);
    const [draft] = await store.list(u.key);
    expect(draft?.editing).toBeUndefined();
    expect(draft?.table.amounts.annual.total).toBe(20);
    // Back at the step the draft was at, not at the edit.
    expect(u.text()).not.toContain('请发送新的');
  });

  it('a 确认删除 turn whose save conflicts is redone and still deletes (the delete is in the commit)', async () => {
    // Another instance saves this user's profile between the turn's read and its save, once.
    let raced = false;
    const racing: DraftStore = {
      get: (k, id) => store.get(k, id),
      put: (d) => store.put(d),
      list: (k) => store.list(k),
      getProfile: (k) => store.getProfile(k),
      putProfile: (k, p) => store.putProfile(k, p),
      close: () => store.close(),
      delete: async () => {
        throw new Error('取消 must delete through commit, not store.delete');
      },
      async commit(key, write) {
        if (!raced && write.deletes?.length) {
          raced = true;
          const p = await store.getProfile(key);
          await store.putProfile(key, { ...p, lastDepartment: '另一实例' });
        }
        return store.commit(key, write);
      },
    };
    await open(racing);
    await u.say(BASIC.name);
    await u.say('取消');
    await u.press('确认删除');
    expect(raced).toBe(true);
    expect(u.text()).toContain(`已删除草稿「${BASIC.name}」`);
    expect(u.text()).not.toContain('目前没有进行中的草稿');
    expect(await names()).toEqual([]);
    expect((await store.getProfile(u.key)).lastDepartment).toBe('另一实例');
  });
});

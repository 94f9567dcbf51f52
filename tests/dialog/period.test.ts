import { describe, expect, it } from 'vitest';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { BASIC, fillBasics, User, freshEngineEachTest } from './helpers.ts';

const t = freshEngineEachTest();

async function table(u: User) {
  const store = new LowdbDraftStore({ dataDir: t.dir, log: () => undefined });
  const profile = await store.getProfile(u.key);
  return (await store.get(u.key, profile.current!))!.table;
}

describe('a period that does not match the amounts', () => {
  it('a one-year period is refused while 实施期 and 年度 amounts differ, with the fix, nothing else lost', async () => {
    const u = new User(t.engine);
    await u.say(BASIC.name);
    await u.say(BASIC.department);
    await u.say('实施期70万，年度35万');
    await u.say(BASIC.purpose);
    await u.say('全部采用');
    await u.say('修改 实施期 2027年1月至2027年12月');
    expect(u.text()).toContain('项目实施期没有填上：项目实施期只有一年');
    expect(u.text()).toContain('2027年1月至2028年12月');
    const after = await table(u);
    expect(after.period).toBeUndefined();
    expect(after.amounts.period.total).toBe(70);
    expect(after.fundUse).toBe(BASIC.purpose);
  });

  it('differing amounts are refused under a one-year period the user gave', async () => {
    const u = new User(t.engine);
    await fillBasics(u);
    await u.say('全部采用');
    await u.say('修改 实施期 2027年1月至2027年12月');
    expect((await table(u)).period).toBe('2027年1月至2027年12月');
    await u.say('修改 金额 实施期70万，年度35万');
    expect(u.text()).toContain('实施期金额应与年度金额相同');
    expect((await table(u)).amounts.annual.total).toBe(20);
  });

  it('with the period left to its default, it spans the years the amounts hold', async () => {
    const u = new User(t.engine);
    await u.say(BASIC.name);
    await u.say(BASIC.department);
    await u.say('实施期60万，年度20万');
    await u.say(BASIC.purpose);
    await u.say('全部采用');
    expect(u.text()).toContain('项目实施期：2027年1月至2029年12月（默认）');
  });
});

describe('a new amount', () => {
  it('rescales the money of the cost indicators, says so, and 撤销 brings both back', async () => {
    const u = new User(t.engine);
    await fillBasics(u);
    await u.say('全部采用');
    const before = await table(u);
    const k = before.indicators.findIndex((i) => i.level2 === '成本指标');
    expect(before.indicators[k]!.value).toBe('≤20万元');
    await u.say('把金额改成40万');
    expect(u.text()).toContain(`成本指标按新金额同比调整：第 ${k + 1} 条 ≤20万元 → ≤40万元`);
    const after = await table(u);
    expect(after.amounts.annual.total).toBe(40);
    expect(after.indicators[k]!.value).toBe('≤40万元');
    await u.say('撤销');
    const undone = await table(u);
    expect(undone.amounts.annual.total).toBe(20);
    expect(undone.indicators[k]!.value).toBe('≤20万元');
  });
});

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { BASIC, newEngine, tempDir, User } from './helpers.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

describe('restart', () => {
  it('a new engine on the same store resumes at the same question', async () => {
    const first = await newEngine(dir.dir);
    const u = new User(first);
    await u.say(BASIC.name);
    await u.say(BASIC.department);
    expect(u.text()).toContain('项目金额是多少');
    await first.close();
    // The drafts are really on disk (not lowdb's in-memory test adapter).
    expect(readdirSync(join(dir.dir, 'users')).filter((f) => f.endsWith('.json'))).toHaveLength(1);

    const second = await newEngine(dir.dir);
    const v = new User(second);
    await v.say('查看');
    expect(v.text()).toContain(`项目名称：${BASIC.name}`);
    expect(v.text()).toContain('项目金额是多少');
    await v.say(BASIC.amount);
    await v.say(BASIC.purpose);
    await second.close();

    // Restart again in the indicator step: a button of the old process still works if it is current.
    const third = await newEngine(dir.dir);
    const w = new User(third);
    const accept = v.choices().find((c) => c.label === '全部采用')!;
    await w.pressId(accept.id);
    expect(w.text()).toContain('草稿摘要');
    await w.press('生成');
    expect(w.file()).toBeDefined();
    await third.close();
  });
});

describe('concurrency', () => {
  it('200 users interleaved concurrently end with 200 correct drafts', async () => {
    const engine = await newEngine(dir.dir);
    const n = 200;
    const users = Array.from({ length: n }, (_, i) => new User(engine, `test:${i}`));
    const answers = (i: number): string[] => [`第${i}号项目经费`, `第${i}号单位`, `${i + 1}`, `用于第${i}号项目的培训和宣传工作`];
    // Round-robin: every user's k-th message is sent before anyone's (k+1)-th, all in flight together.
    for (let k = 0; k < 4; k++) {
      await Promise.all(users.map((u, i) => u.say(answers(i)[k]!)));
    }
    await Promise.all(users.map((u) => u.press('全部采用')));
    expect(users.every((u) => u.text().includes('草稿摘要'))).toBe(true);
    await engine.close();

    const store = new LowdbDraftStore({ dataDir: dir.dir, log: () => undefined });
    for (let i = 0; i < n; i++) {
      const drafts = await store.list(`test:${i}`);
      expect(drafts).toHaveLength(1);
      const t = drafts[0]!.table;
      expect(t.projectName).toBe(`第${i}号项目经费`);
      expect(t.department).toBe(`第${i}号单位`);
      expect(t.amounts.annual.total).toBe(i + 1);
      expect(t.fundUse).toContain(`第${i}号项目`);
      expect(drafts[0]!.step).toBe('review');
      expect(drafts[0]!.indicatorsConfirmed).toBe(true);
    }
  });

  it('two quick messages of one user are handled in order', async () => {
    const engine = await newEngine(dir.dir);
    const key = 'test:quick';
    const [a, b, c] = await Promise.all([
      engine.handle(key, { type: 'text', text: BASIC.name }),
      engine.handle(key, { type: 'text', text: BASIC.department }),
      engine.handle(key, { type: 'text', text: BASIC.amount }),
    ]);
    const text = (r: typeof a): string => r.map((x) => ('text' in x ? x.text : '')).join();
    expect(text(a)).toContain('主管部门');
    expect(text(b)).toContain('项目金额是多少');
    expect(text(c)).toContain('资金主要用途');
    await engine.close();
  });
});

/**
 * The DraftStore contract, run against every implementation (lowdb-contract.test.ts,
 * redis-contract.test.ts). "Two stores" below are two store objects on the same backing data,
 * standing in for two instances of the assistant.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/app.ts';
import type { Reply } from '../../src/dialog/types.ts';
import { emptyTable } from '../../src/domain/draft.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { StoreConflictError } from '../../src/dialog/conflict.ts';
import type { DraftRecord, DraftStore, Profile } from '../../src/dialog/records.ts';

export interface StoreBackend {
  /** A new store object on this test's shared data (a second call is a second "instance"). */
  open(): Promise<DraftStore>;
  /** A directory for anything else that wants one (the engine's dataDir). */
  dataDir: string;
}

/** `setup` runs per test and returns a fresh, empty backend plus its cleanup. */
export type BackendFactory = () => Promise<StoreBackend & { cleanup(): Promise<void> }>;

export function draft(userKey: string, id: string, name = '项目', at = '2026-01-01T00:00:00.000Z'): DraftRecord {
  const table = emptyTable();
  table.projectName = name;
  return { id, userKey, status: 'active', step: 'department', indicatorsConfirmed: false, table, createdAt: at, updatedAt: at };
}

/** A turn-shaped read-modify-write: bump `ask`, add one draft, commit; redo on conflict. */
async function increment(store: DraftStore, userKey: string, tag: string, stats: { conflicts: number }): Promise<void> {
  for (;;) {
    const profile = await store.getProfile(userKey);
    // Yield between read and write so that the other store's turns interleave with ours.
    await new Promise((r) => setImmediate(r));
    const next: Profile = { ...profile, ask: profile.ask + 1, current: tag };
    try {
      await store.commit(userKey, { drafts: [draft(userKey, tag, tag)], profile: next, writeProfile: true });
      return;
    } catch (err) {
      if (!(err instanceof StoreConflictError)) throw err;
      stats.conflicts++;
    }
  }
}

const texts = (replies: Reply[]): string => replies.map((r) => ('text' in r ? r.text : '')).join('\n');

export function storeContract(name: string, setup: BackendFactory, enabled = true): void {
  const test = (title: string, fn: (b: StoreBackend) => Promise<void>, timeout = 30_000) =>
    it.skipIf(!enabled)(title, { timeout }, async () => {
      const b = await setup();
      try {
        await fn(b);
      } finally {
        await b.cleanup();
      }
    });

  describe(`DraftStore contract: ${name}`, () => {
    test('get / put / list / delete per user, seen by a second store', async (b) => {
      const s = await b.open();
      await s.put(draft('telegram:1:2', 'a', '甲', '2026-01-01T00:00:00.000Z'));
      await s.put(draft('telegram:1:2', 'b', '乙', '2026-02-01T00:00:00.000Z'));
      await s.put(draft('feishu:t:c:u', 'a', '丙'));
      await s.putProfile('telegram:1:2', { ask: 3, current: 'b', lastDepartment: '某局' });
      await s.close();

      const t = await b.open();
      expect((await t.get('telegram:1:2', 'a'))?.table.projectName).toBe('甲');
      expect(await t.get('telegram:1:2', 'zz')).toBeUndefined();
      expect((await t.list('telegram:1:2')).map((d) => d.id)).toEqual(['b', 'a']);
      expect((await t.get('feishu:t:c:u', 'a'))?.table.projectName).toBe('丙');
      expect(await t.getProfile('telegram:1:2')).toEqual({ ask: 3, current: 'b', lastDepartment: '某局', rev: 1 });
      expect(await t.getProfile('nobody')).toEqual({ ask: 0 });
      expect(await t.list('nobody')).toEqual([]);
      expect(await t.delete('telegram:1:2', 'a')).toBe(true);
      expect(await t.delete('telegram:1:2', 'a')).toBe(false);
      expect((await t.list('telegram:1:2')).map((d) => d.id)).toEqual(['b']);
      await t.close();
    });

    test('every save bumps rev; a save with a stale rev throws StoreConflictError and writes nothing', async (b) => {
      const s = await b.open();
      await s.put(draft('u', 'a', '一'));
      const read = (await s.get('u', 'a'))!;
      expect(read.rev).toBe(1);
      await s.put({ ...read, table: { ...read.table, projectName: '二' } });
      expect((await s.get('u', 'a'))?.rev).toBe(2);

      const stale = s.put({ ...read, table: { ...read.table, projectName: '旧' } });
      await expect(stale).rejects.toBeInstanceOf(StoreConflictError);
      await expect(stale).rejects.toMatchObject({ what: 'draft:a', expectedRev: 1, storedRev: 2 });
      expect((await s.get('u', 'a'))?.table.projectName).toBe('二');

      // A "new" draft (no rev) whose id already exists was created by someone else meanwhile.
      await expect(s.put(draft('u', 'a', '重复'))).rejects.toBeInstanceOf(StoreConflictError);

      const p = await s.getProfile('u');
      await s.putProfile('u', { ...p, ask: 5 });
      await expect(s.putProfile('u', { ...p, ask: 9 })).rejects.toMatchObject({ what: 'profile', expectedRev: 0, storedRev: 1 });
      expect(await s.getProfile('u')).toEqual({ ask: 5, rev: 1 });

      // A draft deleted meanwhile is not silently brought back by a stale save.
      const cur = (await s.get('u', 'a'))!;
      await s.delete('u', 'a');
      await expect(s.put(cur)).rejects.toBeInstanceOf(StoreConflictError);
      expect(await s.get('u', 'a')).toBeUndefined();
      await s.close();
    });

    test('commit is all or nothing and checks the profile even when it does not write it', async (b) => {
      const s = await b.open();
      await s.put(draft('u', 'a', '甲'));
      const a = (await s.get('u', 'a'))!;
      const p0 = await s.getProfile('u');
      await s.commit('u', { drafts: [{ ...a, step: 'amount' }, draft('u', 'b', '乙')], profile: { ...p0, current: 'b' }, writeProfile: true });
      expect((await s.get('u', 'a'))?.step).toBe('amount');
      expect(await s.getProfile('u')).toEqual({ ask: 0, current: 'b', rev: 1 });

      // One stale draft among fresh ones: nothing of the commit lands.
      const p1 = await s.getProfile('u');
      await expect(
        s.commit('u', { drafts: [draft('u', 'c', '丙'), { ...a, step: 'fundUse' }], profile: { ...p1, current: 'c' }, writeProfile: true }),
      ).rejects.toBeInstanceOf(StoreConflictError);
      expect(await s.get('u', 'c')).toBeUndefined();
      expect((await s.getProfile('u')).current).toBe('b');

      // The profile was saved by another turn since it was read: the draft is not written either.
      const b2 = (await s.get('u', 'b'))!;
      await expect(
        s.commit('u', { drafts: [{ ...b2, step: 'amount' }], profile: p0, writeProfile: false }),
      ).rejects.toMatchObject({ what: 'profile' });
      expect((await s.get('u', 'b'))?.step).toBe('department');

      // With current reads it goes through; an empty commit with a fresh profile is a no-op.
      await s.commit('u', { drafts: [{ ...b2, step: 'amount' }], profile: p1, writeProfile: false });
      expect((await s.get('u', 'b'))?.step).toBe('amount');
      await s.commit('u', { drafts: [], profile: p1, writeProfile: false });
      expect((await s.getProfile('u')).rev).toBe(1);
      await expect(s.commit('u', { drafts: [draft('other', 'x')], profile: p1, writeProfile: false })).rejects.toThrow(/another user/);
      await s.close();
    });

    test('commit deletes drafts in the same all-or-nothing write, checking their revs', async (b) => {
      const s = await b.open();
      await s.put(draft('u', 'a', '甲'));
      await s.put(draft('u', 'b', '乙'));
      const a = (await s.get('u', 'a'))!;
      const p0 = await s.getProfile('u');

      // A stale draft in the same write: the deletion does not happen either.
      await expect(
        s.commit('u', { drafts: [draft('u', 'b', '重复')], profile: { ...p0, current: undefined }, writeProfile: true, deletes: [{ id: 'a', rev: a.rev }] }),
      ).rejects.toBeInstanceOf(StoreConflictError);
      expect((await s.list('u')).map((d) => d.id).sort()).toEqual(['a', 'b']);

      // Deleting a draft that another turn saved since it was read is a conflict, and keeps it.
      await s.put({ ...a, step: 'amount' });
      await expect(s.commit('u', { drafts: [], profile: p0, writeProfile: false, deletes: [{ id: 'a', rev: a.rev }] })).rejects.toMatchObject({
        what: 'draft:a',
        expectedRev: 1,
        storedRev: 2,
      });
      expect((await s.get('u', 'a'))?.step).toBe('amount');

      // With current revs the deletion lands together with the other draft and the profile.
      const a2 = (await s.get('u', 'a'))!;
      const b1 = (await s.get('u', 'b'))!;
      await s.commit('u', {
        drafts: [{ ...b1, step: 'fundUse' }],
        profile: { ...p0, current: 'b', ask: 7 },
        writeProfile: true,
        deletes: [{ id: 'a', rev: a2.rev }],
      });
      const t = await b.open();
      expect(await t.get('u', 'a')).toBeUndefined();
      expect((await t.list('u')).map((d) => [d.id, d.step])).toEqual([['b', 'fundUse']]);
      expect(await t.getProfile('u')).toMatchObject({ current: 'b', ask: 7, rev: 1 });

      // Already gone (another turn deleted it): a conflict, so that the turn is redone on fresh data.
      await expect(t.commit('u', { drafts: [], profile: await t.getProfile('u'), writeProfile: false, deletes: [{ id: 'a', rev: a2.rev }] })).rejects.toMatchObject({
        what: 'draft:a',
        storedRev: 0,
      });
      await expect(
        t.commit('u', { drafts: [b1], profile: await t.getProfile('u'), writeProfile: false, deletes: [{ id: 'b', rev: b1.rev }] }),
      ).rejects.toThrow(/both saved and deleted/);
      await Promise.all([s.close(), t.close()]);
    });

    test('two stores racing read-modify-write turns for one user never lose an update', async (b) => {
      const s1 = await b.open();
      const s2 = await b.open();
      const stats = { conflicts: 0 };
      const N = 60;
      await Promise.all(Array.from({ length: N }, (_, i) => increment(i % 2 ? s2 : s1, 'race', `t${i}`, stats)));
      const check = await b.open();
      expect((await check.getProfile('race')).ask).toBe(N);
      expect(await check.list('race')).toHaveLength(N);
      // The race really happened: without conflicts this test would prove nothing.
      expect(stats.conflicts).toBeGreaterThan(0);
      await Promise.all([s1.close(), s2.close(), check.close()]);
    });

    test('many users at once through two stores: every user keeps every update', async (b) => {
      const s1 = await b.open();
      const s2 = await b.open();
      const stats = { conflicts: 0 };
      const USERS = 150;
      const PER = 4;
      await Promise.all(
        Array.from({ length: USERS * PER }, (_, i) => increment(i % 2 ? s2 : s1, `user:${i % USERS}`, `t${i}`, stats)),
      );
      const check = await b.open();
      for (let u = 0; u < USERS; u++) {
        expect((await check.getProfile(`user:${u}`)).ask).toBe(PER);
        expect(await check.list(`user:${u}`)).toHaveLength(PER);
      }
      await Promise.all([s1.close(), s2.close(), check.close()]);
    });

    test('two engines on two stores: simultaneous 新建 of one user make one new draft, not two', async (b) => {
      const library = loadLibrary();
      const [e1, e2] = await Promise.all([1, 2].map(async () => createEngine({ dataDir: b.dataDir, library, store: await b.open() })));
      const user = 'race:engine';
      try {
        await e1!.handle(user, { type: 'text', text: '第0号社区矫正项目' });
        const ROUNDS = 8;
        for (let r = 1; r <= ROUNDS; r++) {
          const replies = await Promise.all([e1!.handle(user, { type: 'text', text: '新建' }), e2!.handle(user, { type: 'text', text: '新建' })]);
          for (const rs of replies) expect(texts(rs)).not.toContain('出错');
          // Serialised, the second 新建 reuses the untouched draft the first one made.
          await (r % 2 ? e1 : e2)!.handle(user, { type: 'text', text: `第${r}号社区矫正项目` });
        }
        const check = await b.open();
        const names = (await check.list(user)).map((d) => d.table.projectName).sort();
        expect(names).toEqual(Array.from({ length: ROUNDS + 1 }, (_, r) => `第${r}号社区矫正项目`).sort());
        await check.close();
      } finally {
        await Promise.all([e1!.close(), e2!.close()]);
      }
    }, 60_000);
  });
}

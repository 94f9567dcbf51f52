import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyTable } from '../../src/domain/draft.ts';
import { LowdbDraftStore, userFileName } from '../../src/store/lowdb.ts';
import { dataDirFromEnv } from '../../src/store/index.ts';
import { KeyedQueue } from '../../src/util/queue.ts';
import type { DraftRecord } from '../../src/dialog/records.ts';

let dir: string;
let logs: string[];
const open = (): LowdbDraftStore => new LowdbDraftStore({ dataDir: dir, log: (l) => logs.push(l) });

function draft(userKey: string, id: string, name = '项目', at = '2026-01-01T00:00:00.000Z'): DraftRecord {
  const table = emptyTable();
  table.projectName = name;
  return { id, userKey, status: 'active', step: 'department', indicatorsConfirmed: false, table, createdAt: at, updatedAt: at };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-'));
  logs = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('LowdbDraftStore', () => {
  it('creates a missing data directory with a log line', () => {
    open();
    expect(existsSync(join(dir, 'users'))).toBe(true);
    expect(logs.join()).toContain('已新建');
  });

  it('get / put / list / delete per user, persisted on disk', async () => {
    const s = open();
    await s.put(draft('telegram:1:2', 'a', '甲', '2026-01-01T00:00:00.000Z'));
    await s.put(draft('telegram:1:2', 'b', '乙', '2026-02-01T00:00:00.000Z'));
    await s.put(draft('feishu:t:c:u', 'a', '丙'));
    await s.putProfile('telegram:1:2', { ask: 3, current: 'b', lastDepartment: '某局' });
    await s.close();

    const t = open();
    expect((await t.get('telegram:1:2', 'a'))?.table.projectName).toBe('甲');
    expect((await t.list('telegram:1:2')).map((d) => d.id)).toEqual(['b', 'a']);
    expect((await t.get('feishu:t:c:u', 'a'))?.table.projectName).toBe('丙');
    expect(await t.getProfile('telegram:1:2')).toEqual({ ask: 3, current: 'b', lastDepartment: '某局', rev: 1 });
    expect(await t.getProfile('nobody')).toEqual({ ask: 0 });
    expect(await t.delete('telegram:1:2', 'a')).toBe(true);
    expect(await t.delete('telegram:1:2', 'a')).toBe(false);
    expect((await t.list('telegram:1:2')).map((d) => d.id)).toEqual(['b']);
    await t.close();
  });

  it('file names are safe on every OS and distinct per user', () => {
    const names = ['telegram:1:2', 'telegram_1_2', 'feishu:t/../x:c:u', 'console:local'].map(userFileName);
    expect(new Set(names).size).toBe(4);
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9_-]+\.json$/);
  });

  it('concurrent writes of many users and of one user lose nothing', async () => {
    const s = open();
    await Promise.all(Array.from({ length: 100 }, (_, i) => s.put(draft(`u${i % 10}`, `d${i}`))));
    for (let u = 0; u < 10; u++) expect(await s.list(`u${u}`)).toHaveLength(10);
    await s.close();
    const t = open();
    for (let u = 0; u < 10; u++) expect(await t.list(`u${u}`)).toHaveLength(10);
  });

  it('a corrupt file is backed up, logged and replaced by an empty store, not a crash', async () => {
    const s = open();
    await s.put(draft('u', 'a'));
    await s.close();
    const file = join(dir, 'users', userFileName('u'));
    writeFileSync(file, '{"version":1,"profile":{"ask"');
    const t = open();
    expect(await t.list('u')).toEqual([]);
    await t.put(draft('u', 'b'));
    const backups = readdirSync(join(dir, 'users')).filter((f) => f.includes('.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, 'users', backups[0]!), 'utf8')).toBe('{"version":1,"profile":{"ask"');
    expect(logs.join('\n')).toMatch(/用户文件损坏[\s\S]*已备份/);
    expect((await t.list('u')).map((d) => d.id)).toEqual(['b']);
  });

  it('a file with the wrong shape is treated like a corrupt one', async () => {
    open();
    writeFileSync(join(dir, 'users', userFileName('w')), JSON.stringify({ version: 1, drafts: 'nope' }));
    const t = open();
    expect(await t.getProfile('w')).toEqual({ ask: 0 });
    expect(logs.join('\n')).toContain('格式不符');
  });

  it('a file written before revs existed parses (rev 0) and the next save checks against 0', async () => {
    open();
    const old = draft('o', 'a', '旧');
    writeFileSync(join(dir, 'users', userFileName('o')), JSON.stringify({ version: 1, profile: { ask: 2 }, drafts: [old] }));
    const t = open();
    const read = (await t.get('o', 'a'))!;
    expect(read.rev ?? 0).toBe(0);
    expect(await t.getProfile('o')).toEqual({ ask: 2 });
    await t.commit('o', { drafts: [{ ...read, step: 'amount' }], profile: { ask: 3 }, writeProfile: true });
    expect((await t.get('o', 'a'))?.rev).toBe(1);
    expect(await t.getProfile('o')).toEqual({ ask: 3, rev: 1 });
    await t.close();
    const onDisk = JSON.parse(readFileSync(join(dir, 'users', userFileName('o')), 'utf8')) as { drafts: Array<{ rev: number }> };
    expect(onDisk.drafts[0]?.rev).toBe(1);
  });

  it('DATA_DIR defaults to ./data/runtime/', () => {
    expect(dataDirFromEnv({})).toBe('./data/runtime/');
    expect(dataDirFromEnv({ DATA_DIR: '/srv/x' })).toBe('/srv/x');
  });
});

describe('KeyedQueue', () => {
  it('runs one key in order and different keys concurrently, surviving failures', async () => {
    const q = new KeyedQueue();
    const order: string[] = [];
    const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    const a1 = q.run('a', async () => {
      await wait(30);
      order.push('a1');
    });
    const a2 = q.run('a', async () => {
      order.push('a2');
      throw new Error('boom');
    });
    const a3 = q.run('a', async () => order.push('a3'));
    const b1 = q.run('b', async () => order.push('b1'));
    await Promise.allSettled([a1, a2, a3, b1]);
    await expect(a2).rejects.toThrow('boom');
    expect(order).toEqual(['b1', 'a1', 'a2', 'a3']);
    await q.idle();
    expect(q.size).toBe(0);
  });
});
